"""A DuckDB connection with bounded memory: spilling to a private temporary folder, removed afterwards."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from analysis.ledgers.common import LedgerError, Problem
from analysis.limits import MAX_ENGINE_MEMORY

THREADS = 2  # the machines this runs on have two cores; more threads only add memory per thread


@contextmanager
def open_engine() -> Iterator[tuple[duckdb.DuckDBPyConnection, Path]]:
    """A connection to a database file in a fresh temporary folder (its tables may outgrow memory) and that folder.

    DuckDB keeps within MAX_ENGINE_MEMORY and spills the rest beside the database;
    the folder and everything in it is removed when the block ends.
    """
    with tempfile.TemporaryDirectory(prefix="jixiao-engine-") as folder:
        work = Path(folder)
        con = duckdb.connect(str(work / "engine.duckdb"))
        try:
            con.execute(f"SET memory_limit = '{MAX_ENGINE_MEMORY.value}B'")
            con.execute(f"SET temp_directory = '{work / 'spill'}'")
            con.execute(f"SET threads = {THREADS}")
            con.execute("SET preserve_insertion_order = true")  # a table's rowid is then the file's order
            yield con, work
        finally:
            con.close()


def out_of_memory_problem(file: str) -> LedgerError:
    """The refusal of a ledger that DuckDB could not process within MAX_ENGINE_MEMORY, naming the file and the limit."""
    return LedgerError([Problem(file, None, None, None, MAX_ENGINE_MEMORY.refusal("处理此文件所需的内存更多，且临时目录不足以容纳溢出的数据"))])


def sql_text(text: str) -> str:
    """A Python string as an SQL string literal."""
    return "'" + text.replace("'", "''") + "'"
