"""One module per ledger: read the file, validate it, return a typed frame."""
