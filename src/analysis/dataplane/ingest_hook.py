"""Ingest's use of the data plane: this year's service ledgers written as Parquet straight from their files.

``write_service_year`` validates each service ledger in the engine and writes its validated table into
a staging folder (collecting citizens' names); once every ledger has given its names,
``hide_names_in_parquet`` hides them in the kept text, rewriting a Parquet only when some text holds one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from analysis.dataplane.api import MODULES, write_service_parquet
from analysis.dataplane.engine import open_engine, sql_text
from analysis.dataplane.figures import service_figures
from analysis.dataplane.prepare import may_be_personal_sql
from analysis.dataplane.problems import register_mapping
from analysis.files import write_atomic
from analysis.ledgers.registry import SERVICE_LEDGERS, ledger_file
from analysis.privacy import name_hider


def write_service_year(folder: Path, fiscal_year: int, salt: bytes, names: set[str], staging: Path) -> dict[str, int | None]:
    """Validate this year's service ledgers (LedgerError when bad) and write each as ``staging/<name>.parquet``;
    the row count of each (None when absent). Citizens' names are added to ``names``."""
    counts: dict[str, int | None] = {}
    for name, module in SERVICE_LEDGERS.items():
        path = ledger_file(folder, module)
        counts[name] = None if path is None else write_service_parquet(name, path, fiscal_year, salt, staging / f"{name}.parquet", names=names)
    return counts


def summarise_service_file(name: str, path: Path, fiscal_year: int, salt: bytes, names: set[str]) -> dict:
    """An earlier year's service ledger validated and counted in the engine (services.summarise_* over it), its
    citizens' names added to ``names``; LedgerError when it is bad."""
    with tempfile.TemporaryDirectory(prefix="jixiao-history-") as folder:
        table = Path(folder) / f"{name}.parquet"
        write_service_parquet(name, path, fiscal_year, salt, table, names=names)
        return service_figures(name, table).summary


def hide_names_in_parquet(name: str, path: Path, names: set[str]) -> None:
    """Hide citizens' ``names`` in a service table's kept text columns (ingest.redact_citizen_names), per distinct value."""
    hide_names = name_hider(names)
    if hide_names is None:
        return
    with open_engine() as (con, _):
        con.execute(f"CREATE VIEW clean AS SELECT * FROM read_parquet({sql_text(str(path))})")
        types = dict(con.execute("SELECT column_name, column_type FROM (DESCRIBE clean)").fetchall())
        kept = [c.name for c in MODULES[name].COLUMNS if c.kind == "text" and not c.personal and types.get(c.name) == "VARCHAR"]
        selects, changed = [], False
        for column in types:
            expression = f'"{column}"'
            if column in kept:
                query = f"SELECT DISTINCT {expression} FROM clean WHERE {may_be_personal_sql(expression, names)}"
                if register_mapping(con, f"names_{column}", query, hide_names):
                    expression, changed = f'coalesce((SELECT r FROM names_{column} WHERE v = "{column}"), "{column}")', True
            selects.append(f'{expression} AS "{column}"')
        if changed:
            write_atomic(path, lambda temp: con.execute(f"COPY (SELECT {', '.join(selects)} FROM clean) TO {sql_text(str(temp))} (FORMAT parquet)"))


def move_staged(staging: Path, out: Path, counts: dict[str, int | None]) -> None:
    """Move each staged Parquet into ``out`` (the same file system: a rename)."""
    for name, rows in counts.items():
        if rows is not None:
            os.replace(staging / f"{name}.parquet", out / f"{name}.parquet")
