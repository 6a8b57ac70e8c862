"""Rules on one column, in SQL, as analysis.ledgers.common applies them: dates, fixed lists of values, counts."""

from __future__ import annotations

from collections.abc import Mapping

import duckdb
import pandas as pd

from analysis.dataplane.engine import sql_text
from analysis.dataplane.problems import add_rule, distinct_values
from analysis.ledgers.cells import impossible_date
from analysis.ledgers.common import Problem


def parse_dates_sql(con: duckdb.DuckDBPyConnection, problems: list[Problem], file: str, name: str, label: str, fiscal_year: int | None, with_time: bool) -> str:
    """Problems of a date column as common.parse_dates lists them; returns SQL for the parsed TIMESTAMP (NULL when unread).

    Plain cells are parsed by DuckDB; the few others (a date no calendar has, text that is no date) by pandas, as today.
    """
    fmt = "%Y-%m-%d %H:%M:%S" if with_time else "%Y-%m-%d"
    fast = f"CASE WHEN plain_{name} THEN ts_{name} END"
    odd = list(distinct_values(con, f"SELECT DISTINCT {name} FROM clean WHERE {name} <> '' AND {fast} IS NULL"))
    parsed = pd.to_datetime(pd.Series(odd, dtype=str), format=fmt, errors="coerce")
    frame = pd.DataFrame({"v": pd.Series(odd, dtype=str), "ts": parsed, "impossible": pd.Series([impossible_date(v) for v in odd], dtype=object)})
    con.register(f"dates_{name}_frame", frame)
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE dates_{name} AS SELECT CAST(v AS VARCHAR) v, CAST(ts AS TIMESTAMP) ts, CAST(impossible AS VARCHAR) impossible"
        f" FROM dates_{name}_frame"
    )
    con.unregister(f"dates_{name}_frame")
    # the lookup only when some cell needs it: as a join, it would cost every row
    value = f"coalesce({fast}, (SELECT ts FROM dates_{name} WHERE v = {name}))" if odd else fast
    expected = "日期 (date) YYYY-MM-DD" + (" HH:MM:SS" if with_time else "")
    unread = f"SELECT rownum, t_{name}, d.impossible FROM clean JOIN dates_{name} d ON d.v = {name} WHERE d.ts IS NULL"
    add_rule(con, problems, file, f"SELECT rownum, t_{name} FROM ({unread}) WHERE impossible IS NULL", label, expected)
    add_rule(con, problems, file, f"SELECT * FROM ({unread}) WHERE impossible IS NOT NULL", label, "真实存在的日期 (a real date)")
    if fiscal_year is not None:
        outside = f"SELECT rownum, t_{name} FROM clean WHERE year({value}) <> {fiscal_year}"
        add_rule(con, problems, file, outside, label, f"{fiscal_year}年内的日期 (date in fiscal year)")
    return value


def in_list_sql(value: str, allowed: tuple[str, ...]) -> str:
    """SQL true when ``value`` is one of ``allowed``."""
    return f"{value} IN ({', '.join(sql_text(v) for v in allowed)})" if allowed else "false"


def map_values_sql(problems: list[Problem], con: duckdb.DuckDBPyConnection, file: str, value: str, mapping: Mapping[str, object], label: str) -> str:
    """Problems of coded text outside ``mapping`` (common.map_values); returns SQL for the mapped value (NULL when unknown)."""
    keys = tuple(mapping)
    allowed = "/".join(k for k in mapping if k) or "—"
    add_rule(con, problems, file, f"SELECT rownum, {value} FROM clean WHERE NOT ({in_list_sql(value, keys)})", label, f"以下之一 (one of)：{allowed}")
    cases = " ".join(f"WHEN {sql_text(k)} THEN {literal(v)}" for k, v in mapping.items())
    return f"CASE {value} {cases} END"


def literal(value: object) -> str:
    """A mapped value (text, bool or None) as SQL."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    return sql_text(str(value))


def parse_counts_sql(con: duckdb.DuckDBPyConnection, problems: list[Problem], file: str, name: str, label: str, minimum: int) -> str:
    """Problems of whole-number cells below ``minimum`` or not numbers (common.parse_counts); SQL for the BIGINT."""
    number = f"CASE WHEN plain_{name} THEN n_{name} WHEN regexp_full_match({name}, '[0-9]+') THEN TRY_CAST({name} AS BIGINT) END"
    query = f"SELECT rownum, t_{name} FROM clean WHERE {number} IS NULL OR {number} < {minimum}"
    add_rule(con, problems, file, query, label, f"不小于{minimum}的整数 (whole number ≥ {minimum})")
    return number
