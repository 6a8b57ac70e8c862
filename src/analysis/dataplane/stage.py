"""A ledger file into the engine: its header read in Python as today, its rows into ``base_rows`` (analysis.dataplane.base).

The rows come with ``ncells`` (cells the record has) and ``filled`` (cells up to the last non-blank one).
A simple CSV (see scan) is read by DuckDB directly and numbered by its table's insertion order; any
other CSV is read row by row with the ledgers' own reader and written to a numbered copy; Excel files
are read with today's reader (Excel holds at most a million rows); Parquet is read by DuckDB, its
column names as the header.
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

import duckdb

from analysis.dataplane.base import WHITE_CLASS, Staged, build_base, filled_sql
from analysis.dataplane.engine import sql_text
from analysis.dataplane.scan import scan_csv
from analysis.ledgers.common import Column, LedgerError, Problem, raise_if
from analysis.ledgers.headers import HEADER_SEARCH_ROWS, header_names, header_problems, locate_header, read_header_cell, stated_unit
from analysis.ledgers.reading import filled_width
from analysis.ledgers.sources import iter_csv_rows, read_rows

NEW_LINES = {True: r"\r\n", False: r"\n"}  # as DuckDB's new_line option spells them
EMPTY = "有表头和数据的表格 (file is empty)"


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
    """Read the ledger at ``path`` into ``base_rows`` (analysis.dataplane.base); what its header says."""
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
            read_simple_csv(con, staged, columns, scan.path, header_at, scan.crlf)
            return staged
        except duckdb.InvalidInputException:
            con.execute("DROP TABLE IF EXISTS base_rows")  # a row wider than the header, say: the csv module says which
    with open(scan.path, encoding=scan.encoding, newline="") as handle:
        return stage_rows(con, work, iter_csv_rows(handle, path.name), columns, path.name)


def check_not_blank(top: list[list[str]], file: str) -> None:
    """A file whose first rows hold no text has no header; when they are all it holds, it is empty."""
    if not any(any(cell.strip() for cell in row) for row in top):
        raise LedgerError([Problem(file, None, None, None, EMPTY if len(top) < HEADER_SEARCH_ROWS else "第一行或标题行下方为表头 (header row not found)")])


def cell_columns(width: int) -> list[str]:
    """Names of the cell columns of a staged source."""
    return [f"c{i}" for i in range(width)]


def read_simple_csv(con: duckdb.DuckDBPyConnection, staged: Staged, columns: tuple[Column, ...], path: Path, header_at: int, crlf: bool) -> None:
    """Read a simple CSV's rows after the header straight into ``base_rows``, numbered by their order."""
    names = cell_columns(staged.cells + 1)  # one cell more than the header: a row with an extra cell is seen, two more are an error
    spec = "{" + ", ".join(f"'{name}': 'VARCHAR'" for name in names) + "}"
    ncells = " + ".join(f"({name} IS NOT NULL)::INTEGER" for name in names)
    # one search over the row's text, which stops at its first character for almost every row
    blank = f"NOT regexp_matches(concat({', '.join(names)}), {sql_text('[^' + WHITE_CLASS[1:])})"
    # a row with as many cells as the header lines up whatever its filled width: it only has to be told from a blank row
    filled = f"CASE WHEN ncells <> {staged.width} THEN {filled_sql(names)} WHEN {blank} THEN 0 ELSE ncells END"
    source = (
        f"SELECT *, {filled} AS filled FROM (SELECT *, {ncells} AS ncells FROM read_csv({sql_text(str(path))}, header = false, auto_detect = false,"
        f" delim = ',', quote = '', escape = '', new_line = {sql_text(NEW_LINES[crlf])}, skip = {header_at + 1},"
        f" columns = {spec}, null_padding = true, nullstr = {sql_text(chr(1))}, encoding = 'utf-8'))"
    )
    build_base(con, staged, columns, source, header_at + 2)


def stage_rows(con: duckdb.DuckDBPyConnection, work: Path, rows: Iterator[list[str]], columns: tuple[Column, ...], file: str) -> Staged:
    """Rows read in Python (CSV row by row, or an Excel sheet): header analysed, data rows written numbered for ``base_rows``."""
    top = list(itertools.islice(rows, HEADER_SEARCH_ROWS))
    if not any(any(cell.strip() for cell in row) for row in top) and not any(any(cell.strip() for cell in row) for row in rows):
        raise LedgerError([Problem(file, None, None, None, EMPTY)])
    header_at, staged = analyse_header(top, columns, file)
    width = len(top[header_at])
    copy = work / "numbered.csv"
    with open(copy, "w", encoding="utf-8", newline="") as handle:
        write_numbered(handle, itertools.chain(top[header_at + 1 :], rows), header_at + 2, width)
    names = ["rownum", "ncells", "filled", *cell_columns(width)]
    spec = "{" + ", ".join(f"'{name}': '{'BIGINT' if i < 3 else 'VARCHAR'}'" for i, name in enumerate(names)) + "}"
    source = (
        f"SELECT * FROM read_csv({sql_text(str(copy))}, header = false, auto_detect = false, delim = ',',"
        f" quote = '\"', escape = '\"', columns = {spec}, nullstr = {sql_text(chr(1))}, parallel = false)"
    )
    build_base(con, staged, columns, source, None)
    return staged


def write_numbered(handle: TextIO, rows: Iterable[list[str]], first_row: int, width: int) -> None:
    """Each non-blank row as: Excel row, its number of cells, its filled width, then its first ``width`` cells."""
    writer = csv.writer(handle)
    for number, row in enumerate(rows, first_row):
        filled = filled_width(row)
        if filled:
            writer.writerow([number, len(row), filled, *(row + [""] * width)[:width]])
