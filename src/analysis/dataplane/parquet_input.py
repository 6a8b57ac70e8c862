"""Parquet accepted as a ledger format: its column names are the header, every value read as text.

A file named .parquet that is not one (text, a zip) is refused by its magic bytes before any reader opens it.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from analysis.dataplane.base import Staged, build_base, filled_sql
from analysis.dataplane.engine import sql_text
from analysis.dataplane.stage import analyse_header, cell_columns
from analysis.ledgers.common import Column, LedgerError, Problem, limit_problem
from analysis.limits import MAX_COLUMNS, MAX_STREAMED_LEDGER_BYTES, LimitExceeded, check_size

MAGIC = b"PAR1"
NOT_PARQUET = "Parquet 文件 (a Parquet file)；此文件的内容不是 Parquet 格式，请按其真实格式另存或改正扩展名"


def check_parquet(path: Path) -> None:
    """Refuse a file too large, or one that does not begin and end with Parquet's magic bytes, naming the file."""
    try:
        check_size(path.stat().st_size, MAX_STREAMED_LEDGER_BYTES, path.name)
    except LimitExceeded as exc:
        raise LedgerError([limit_problem(path.name, exc)]) from None
    with open(path, "rb") as handle:
        head = handle.read(4)
        handle.seek(max(path.stat().st_size - 4, 0))
        tail = handle.read(4)
    if head != MAGIC or tail != MAGIC or path.stat().st_size < 12:
        raise LedgerError([Problem(path.name, None, None, None, NOT_PARQUET)])


def parquet_header(con: duckdb.DuckDBPyConnection, path: Path) -> list[str]:
    """The column names of a Parquet file, within MAX_COLUMNS; LedgerError when DuckDB cannot read its footer."""
    try:
        names = [row[0] for row in con.execute(f"DESCRIBE SELECT * FROM read_parquet({sql_text(str(path))})").fetchall()]
    except duckdb.Error:
        raise LedgerError([Problem(path.name, None, None, None, NOT_PARQUET)]) from None
    try:
        check_size(len(names), MAX_COLUMNS, path.name)
    except LimitExceeded as exc:
        raise LedgerError([limit_problem(path.name, exc, 1)]) from None
    return names


def text_cells(names: list[str]) -> str:
    """SQL selecting each Parquet column as text ('' for NULL) under the names c0, c1, …"""
    quoted = ['"' + name.replace('"', '""') + '"' for name in names]
    return ", ".join(f"coalesce(CAST({q} AS VARCHAR), '') AS {c}" for q, c in zip(quoted, cell_columns(len(names)), strict=True))


def stage_parquet(con: duckdb.DuckDBPyConnection, path: Path, columns: tuple[Column, ...]) -> Staged:
    """A Parquet ledger into ``base_rows`` (see analysis.dataplane.base): row 1 is its header, so its first row is Excel row 2."""
    check_parquet(path)
    names = parquet_header(con, path)
    _, staged = analyse_header([names], columns, path.name)
    width = len(names)
    source = (
        f"SELECT *, {width} AS ncells, {filled_sql(cell_columns(width))} AS filled FROM (SELECT file_row_number + 2 AS rownum, {text_cells(names)}"
        f" FROM read_parquet({sql_text(str(path))}, file_row_number = true))"
    )
    build_base(con, staged, columns, source, None)
    return staged


def parquet_rows(path: Path) -> list[list[str]]:
    """A small Parquet ledger (expenditure, budget) as rows of text, its column names first, for today's reader."""
    check_parquet(path)
    with duckdb.connect() as con:
        names = parquet_header(con, path)
        body = con.execute(f"SELECT {text_cells(names)} FROM read_parquet({sql_text(str(path))})").fetchall()
    return [names, *([str(cell) for cell in row] for row in body)]
