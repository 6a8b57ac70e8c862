"""What callers use: validate a service ledger (and get its frame when small), or write its Parquet directly.

Both read the ledger through the engine (analysis.dataplane.engine), in bounded memory, and raise
LedgerError with the messages of the pandas loaders. The registry's service loaders call
``load_service_ledger``; ingest writes a large ledger with ``write_service_parquet`` instead of
loading it, and the figures come from analysis.dataplane.figures over that Parquet.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd

from analysis.dataplane.engine import open_engine, out_of_memory_problem, sql_text
from analysis.dataplane.ledger_rules import MODULES, RULES, Selects, select_sql
from analysis.dataplane.prepare import may_be_personal_sql, prepare_cells
from analysis.dataplane.problems import distinct_values, register_mapping
from analysis.dataplane.stage import stage_ledger
from analysis.files import write_atomic
from analysis.ledgers.common import Problem, raise_if
from analysis.ledgers.petitions import hash_petitioner
from analysis.privacy import name_hider

NAME_COLUMNS = {"hotline": "caller_name", "petitions": "petitioner_name"}


def validate_in_engine(
    con: duckdb.DuckDBPyConnection, work: Path, name: str, path: Path, fiscal_year: int, salt: bytes, notes: list[Problem] | None, names: set[str] | None
) -> tuple[str, Selects]:
    """Stage, prepare and check one ledger; LedgerError with every problem, else the FROM clause and columns of its table."""
    module = MODULES[name]
    staged = stage_ledger(con, work, Path(path), module.COLUMNS)
    problems = prepare_cells(con, staged, module.COLUMNS, notes)
    selects = RULES[name](con, staged.file, fiscal_year, problems)
    raise_if(problems)
    if names is not None and name in NAME_COLUMNS:
        names.update(set(distinct_values(con, f"SELECT DISTINCT t_{NAME_COLUMNS[name]} FROM clean")) - {""})
    source = "clean"
    if name == "petitions":
        keys = con.execute("SELECT DISTINCT t_petitioner_name, t_phone, t_id_number FROM clean").df()
        keys.columns = ["petitioner_name", "phone", "id_number"]
        con.register("keys_frame", keys.assign(petitioner_key=hash_petitioner(keys.astype(str), salt)))
        con.execute("CREATE TEMP TABLE keys AS SELECT * FROM keys_frame")
        source = "clean JOIN keys ON keys.petitioner_name = t_petitioner_name AND keys.phone = t_phone AND keys.id_number = t_id_number"
    return source, selects


def engine_call(path: Path, run: Callable[[duckdb.DuckDBPyConnection, Path], object]) -> object:
    """Run ``run`` on a fresh engine; DuckDB's out-of-memory error becomes the refusal naming the file and the limit."""
    with open_engine() as (con, work):
        try:
            return run(con, work)
        except duckdb.OutOfMemoryException:
            raise out_of_memory_problem(Path(path).name) from None


def load_service_ledger(name: str, path: Path, fiscal_year: int, salt: bytes, notes: list[Problem] | None, names: set[str] | None) -> pd.DataFrame:
    """Validate a (small) service ledger in the engine and return the frame its pandas loader returns."""

    def run(con: duckdb.DuckDBPyConnection, work: Path) -> pd.DataFrame:
        source, selects = validate_in_engine(con, work, name, path, fiscal_year, salt, notes, names)
        frame = con.execute(f"SELECT {select_sql(selects)} FROM {source} ORDER BY rownum").df()
        return as_loader_frame(frame)

    result = engine_call(path, run)
    assert isinstance(result, pd.DataFrame)
    return result


def check_service_ledger(name: str, path: Path, fiscal_year: int, notes: list[Problem] | None, names: set[str] | None = None) -> None:
    """Validate a service ledger of any size without building its table (``jixiao validate``); LedgerError when bad."""
    engine_call(path, lambda con, work: validate_in_engine(con, work, name, path, fiscal_year, b"", notes, names))


def as_loader_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame from DuckDB with the loaders' dtypes: text as str, times in µs, flags bool (object where None occurs), counts int64."""
    columns = {}
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_datetime64_any_dtype(values):
            values = values.astype("datetime64[us]")
        elif pd.api.types.is_bool_dtype(values) or values.dtype == object and values.map(lambda v: isinstance(v, bool) or v is None or v is pd.NA).all():
            values = values.astype(bool) if values.notna().all() else values.astype(object).where(values.notna(), None)
        elif pd.api.types.is_integer_dtype(values):
            values = values.astype("int64")
        else:
            values = values.astype(str)
        columns[column] = values
    return pd.DataFrame(columns)


def write_service_parquet(
    name: str,
    path: Path,
    fiscal_year: int,
    salt: bytes,
    out: Path,
    hidden_names: set[str] | None = None,
    names: set[str] | None = None,
    notes: list[Problem] | None = None,
) -> int:
    """Validate a service ledger and write its validated table, citizens' ``hidden_names`` hidden in its kept text,
    as Parquet at ``out`` (atomically); returns its row count. LedgerError when the ledger is bad. The citizens'
    names the ledger holds are added to ``names``, its warnings to ``notes``."""

    def run(con: duckdb.DuckDBPyConnection, work: Path) -> int:
        source, selects = validate_in_engine(con, work, name, path, fiscal_year, salt, notes, names)
        selects = hide_names(con, name, selects, hidden_names or set())
        query = f"SELECT {select_sql(selects)} FROM {source} ORDER BY rownum"  # in the file's order, whatever the joins did
        write_atomic(out, lambda temp: con.execute(f"COPY ({query}) TO {sql_text(str(temp))} (FORMAT parquet)"))
        return int(con.execute(f"SELECT count(*) FROM {source}").fetchone()[0])  # type: ignore[index]

    result = engine_call(path, run)
    assert isinstance(result, int)
    return result


def hide_names(con: duckdb.DuckDBPyConnection, name: str, selects: Selects, names: set[str]) -> Selects:
    """The columns with citizens' names hidden in kept text (ingest.redact_citizen_names), per distinct value."""
    hide_names = name_hider(names)
    if hide_names is None:
        return selects
    kept = {c.name for c in MODULES[name].COLUMNS if c.kind == "text" and not c.personal}
    hidden = []
    for column, expression in selects:
        if column in kept and expression == f"t_{column}":  # text as read; a coded column (是 → true) holds no name
            query = f"SELECT DISTINCT {expression} FROM clean WHERE {may_be_personal_sql(expression, names)}"
            if register_mapping(con, f"names_{column}", query, hide_names):
                expression = f"coalesce((SELECT r FROM names_{column} WHERE v = {expression}), {expression})"
        hidden.append((column, expression))
    return hidden
