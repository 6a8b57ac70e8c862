"""The columnar data plane: service ledgers read, validated, stripped of personal data and counted by DuckDB.

A ledger of twenty million hotline orders never becomes a pandas frame: DuckDB reads every cell as text
into a table with each row's Excel row number, SQL finds the rows that break each rule (the first
MAX_PROBLEMS_PER_RULE per rule are listed, the rest counted, with today's messages), only the distinct
cells that are not already plain go through the ledgers' Python clean-up and redaction, and the
validated, redacted table is written as Parquet and counted there. See ``api`` for what callers use.
"""
