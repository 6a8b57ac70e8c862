"""Ingest's use of the data plane after every ledger was read: citizens' names hidden in a staged service table.

Each service ledger is validated and written into a staging folder as it is read (analysis.year_ledgers);
once every ledger has given its names, ``hide_names_in_parquet`` hides them in the kept text, rewriting a
Parquet only when some text holds one.
"""

from __future__ import annotations

from pathlib import Path

from analysis.dataplane.api import MODULES
from analysis.dataplane.engine import open_engine, sql_text
from analysis.dataplane.prepare import may_be_personal_sql
from analysis.dataplane.problems import register_mapping
from analysis.files import write_atomic
from analysis.privacy import name_hider


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
