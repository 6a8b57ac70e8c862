"""A ledger file into the engine: its header read in Python as today, its rows into the table ``raw``.

``raw`` holds one row per non-blank record: ``rownum`` (the Excel row), ``ncells`` (cells the record
has), ``filled`` (cells up to the last non-blank one) and every cell as text, ``c0`` … (one per header
cell, '' where the record is short). A simple CSV (see scan) is read by DuckDB directly, numbered by
its table's insertion order; any other CSV is read row by row with the ledgers' own reader and written
to a numbered copy; Excel files are read with today's reader (Excel holds at most a million rows);
Parquet is read by DuckDB, its column names as the header.
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb

from analysis.dataplane.engine import sql_text
from analysis.dataplane.scan import scan_csv
from analysis.ledgers.common import Column, LedgerError, Problem, raise_if
from analysis.ledgers.headers import HEADER_SEARCH_ROWS, header_names, header_problems, locate_header, read_header_cell, stated_unit
from analysis.ledgers.reading import filled_width
from analysis.ledgers.sources import iter_csv_rows, read_rows

NEW_LINES = {True: r"\r\n", False: r"\n"}  # as DuckDB's new_line option spells them
EMPTY = "有表头和数据的表格 (file is empty)"
# what Python's str.strip() removes; SQL's trim() alone removes only spaces
WHITESPACE = "".join(chr(code) for code in range(0x3001) if chr(code).isspace())
WHITE_CLASS = "[" + "".join(f"\\x{{{ord(c):x}}}" for c in WHITESPACE) + "]"


def strip_sql(expression: str) -> str:
    """SQL for ``expression`` with the whitespace Python's str.strip() removes taken off both ends."""
    # trimming a set of 29 characters is slow: only the few cells that start or end with one pay for it
    edges = sql_text(f"^{WHITE_CLASS}|{WHITE_CLASS}$")
    return f"CASE WHEN regexp_matches({expression}, {edges}) THEN trim({expression}, {sql_text(WHITESPACE)}) ELSE {expression} END"


def blank_sql(expression: str) -> str:
    """SQL true when ``expression`` is NULL, empty or only whitespace (Python: not cell.strip())."""
    return f"({expression} IS NULL OR {expression} = '' OR regexp_full_match({expression}, {sql_text(WHITE_CLASS + '+')}))"


def filled_sql(names: list[str]) -> str:
    """SQL for the filled width of a row of cells ``names``: the position of its last non-blank cell, 0 for none."""
    return "CASE " + " ".join(f"WHEN NOT {blank_sql(name)} THEN {i + 1}" for i, name in reversed(list(enumerate(names)))) + " ELSE 0 END"


@dataclass(frozen=True)
class Staged:
    """A ledger's header as read: position → column name, column → unit, problems so far (warnings included),
    the header's cells (``raw`` has as many cell columns) and its filled width (what a row must match)."""

    file: str
    positions: dict[int, str]
    units: dict[str, str]
    problems: list[Problem]
    cells: int
    width: int


def analyse_header(top: list[list[str]], columns: tuple[Column, ...], file: str) -> tuple[int, Staged]:
    """The header row among the top rows and what it says, as ledgers/reading.py reads it; LedgerError when unusable."""
    header_at = locate_header(top, columns)
    if sum(read_header_cell(cell, header_names(columns))[0] is not None for cell in top[header_at]) < 2:
        # no header: listing the first row's cells as unknown columns would echo citizens' data
        raise LedgerError([Problem(file, None, None, None, "第一行或标题行下方为表头 (header row not found)")])
    positions, units, problems = header_problems(top[header_at], columns, file)
    title_unit = stated_unit(top[:header_at])
    units = {name: unit or title_unit for name, unit in units.items()}
    missing = [c for c in columns if c.required and c.name not in positions.values()]
    problems += [Problem(file, None, f"{c.label} ({c.name})", None, "必填列 (required column)") for c in missing]
    raise_if(problems)
    return header_at, Staged(file, positions, units, problems, len(top[header_at]), filled_width(top[header_at]))


def stage_ledger(con: duckdb.DuckDBPyConnection, work: Path, path: Path, columns: tuple[Column, ...]) -> Staged:
    """Read the ledger at ``path`` into ``raw`` (see the module's docstring); what its header says."""
    if not path.is_file() or path.suffix.lower() not in (".csv", ".parquet"):
        rows = read_rows(path, (path.stem,))  # Excel, or no file at all: today's reader and its refusals
        return stage_rows(con, work, iter(rows), columns, path.name)
    if path.suffix.lower() == ".parquet":
        from analysis.dataplane.parquet_input import stage_parquet  # noqa: PLC0415 - only for Parquet input

        return stage_parquet(con, path, columns)
    scan = scan_csv(path, work)
    if scan.simple:
        with open(scan.path, encoding=scan.encoding, newline="") as handle:
            top = list(itertools.islice(iter_csv_rows(handle, path.name), HEADER_SEARCH_ROWS))
        check_not_blank(top, path.name)
        header_at, staged = analyse_header(top, columns, path.name)
        try:
            read_simple_csv(con, scan.path, header_at, top[header_at], scan.crlf)
            return staged
        except duckdb.InvalidInputException:
            con.execute("DROP VIEW IF EXISTS raw")
            con.execute("DROP TABLE IF EXISTS lines")  # a row wider than the header, say: the csv module says which
    with open(scan.path, encoding=scan.encoding, newline="") as handle:
        return stage_rows(con, work, iter_csv_rows(handle, path.name), columns, path.name)


def check_not_blank(top: list[list[str]], file: str) -> None:
    """A file whose first rows hold no text has no header; when they are all it holds, it is empty."""
    if not any(any(cell.strip() for cell in row) for row in top):
        raise LedgerError([Problem(file, None, None, None, EMPTY if len(top) < HEADER_SEARCH_ROWS else "第一行或标题行下方为表头 (header row not found)")])


def cell_columns(width: int) -> list[str]:
    """Names of the cell columns of ``raw``."""
    return [f"c{i}" for i in range(width)]


def read_simple_csv(con: duckdb.DuckDBPyConnection, path: Path, header_at: int, header: list[str], crlf: bool) -> None:
    """Read a simple CSV's rows after the header straight into ``raw``."""
    width, lined_up = len(header), filled_width(header)
    names = cell_columns(width + 1)  # one cell more than the header: a row with an extra cell is seen, two more are an error
    spec = "{" + ", ".join(f"'{name}': 'VARCHAR'" for name in names) + "}"
    con.execute(
        f"CREATE TABLE lines AS SELECT * FROM read_csv({sql_text(str(path))}, header = false, auto_detect = false, delim = ',',"
        f" quote = '', escape = '', new_line = {sql_text(NEW_LINES[crlf])}, skip = {header_at + 1},"
        f" columns = {spec}, null_padding = true, nullstr = {sql_text(chr(1))}, encoding = 'utf-8')"
    )
    ncells = " + ".join(f"({name} IS NOT NULL)::INTEGER" for name in names)
    blank = " AND ".join(blank_sql(name) for name in names)  # AND stops at the first filled cell: one test for most rows
    # a row with as many cells as the header lines up whatever its filled width: it only has to be told from a blank row
    filled = f"CASE WHEN ncells <> {lined_up} THEN {filled_sql(names)} WHEN {blank} THEN 0 ELSE ncells END"
    cells = ", ".join(f"coalesce({name}, '') AS {name}" for name in names[:-1])
    # a view: the table is stored once, and each rule reads only the columns it needs
    con.execute(
        f"CREATE VIEW raw AS SELECT * FROM (SELECT rownum, ncells, {filled} AS filled, {cells}"
        f" FROM (SELECT rowid + {header_at + 2} AS rownum, *, {ncells} AS ncells FROM lines)) WHERE filled > 0"
    )


def stage_rows(con: duckdb.DuckDBPyConnection, work: Path, rows: Iterator[list[str]], columns: tuple[Column, ...], file: str) -> Staged:
    """Rows read in Python (CSV row by row, or an Excel sheet): header analysed, data rows written numbered for ``raw``."""
    top = list(itertools.islice(rows, HEADER_SEARCH_ROWS))
    if not any(any(cell.strip() for cell in row) for row in top) and not any(any(cell.strip() for cell in row) for row in rows):
        raise LedgerError([Problem(file, None, None, None, EMPTY)])
    header_at, staged = analyse_header(top, columns, file)
    width = len(top[header_at])
    copy = work / "numbered.csv"
    with open(copy, "w", encoding="utf-8", newline="") as handle:
        write_numbered(csv.writer(handle), itertools.chain(top[header_at + 1 :], rows), header_at + 2, width)
    names = ["rownum", "ncells", "filled", *cell_columns(width)]
    spec = "{" + ", ".join(f"'{name}': '{'BIGINT' if i < 3 else 'VARCHAR'}'" for i, name in enumerate(names)) + "}"
    con.execute(
        f"CREATE TABLE raw AS SELECT * FROM read_csv({sql_text(str(copy))}, header = false, auto_detect = false, delim = ',',"
        f" quote = '\"', escape = '\"', columns = {spec}, nullstr = {sql_text(chr(1))}, parallel = false)"
    )
    return staged


def write_numbered(writer: csv._writer, rows: Iterable[list[str]], first_row: int, width: int) -> None:
    """Each non-blank row as: Excel row, its number of cells, its filled width, then its first ``width`` cells."""
    for number, row in enumerate(rows, first_row):
        filled = filled_width(row)
        if filled:
            writer.writerow([number, len(row), filled, *(row + [""] * width)[:width]])
