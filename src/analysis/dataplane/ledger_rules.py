"""Each service ledger's own rules and its validated table, in SQL, with the messages of its pandas loader.

``validated_sql`` returns the SELECT (over the view ``clean``) of the columns the loader returns, after
adding every problem to ``problems`` in the order the loader finds them.
"""

from __future__ import annotations

import duckdb

from analysis.dataplane.cellrules import in_list_sql, map_values_sql, parse_counts_sql, parse_dates_sql
from analysis.dataplane.engine import sql_text
from analysis.dataplane.problems import add_rule
from analysis.ledgers import hotline, petitions, volunteer
from analysis.ledgers.common import YES_NO, YES_NO_NA, Problem, cap_problems, label_of

Selects = list[tuple[str, str]]  # (output column, SQL)


def hotline_sql(con: duckdb.DuckDBPyConnection, file: str, fiscal_year: int, problems: list[Problem]) -> Selects:
    """hotline.load_hotline's rules; its columns in its order."""
    received = parse_dates_sql(con, problems, file, "received_at", "受理时间", fiscal_year, with_time=True)
    closed_at = parse_dates_sql(con, problems, file, "closed_at", "办结时间", None, with_time=True)
    handling = map_values_sql(problems, con, file, "t_handling", hotline.HANDLING, "办理方式")
    closed = map_values_sql(problems, con, file, "t_status", hotline.STATUS, "办理状态")
    callback = map_values_sql(problems, con, file, "t_callback", YES_NO, "是否回访")
    satisfaction = map_values_sql(problems, con, file, "t_satisfaction", hotline.SATISFACTION, "满意度")
    rules = (
        (f"{closed} = true AND closed_at = ''", "closed_at", "已办结工单须有办结时间 (closed_at required)"),
        (f"{closed} = false AND {closed_at} IS NOT NULL", "closed_at", "办理中的工单办结时间留空 (empty while open)"),
        (f"{closed_at} < {received}", "closed_at", "不早于受理时间 (not before received_at)"),
        (f"{handling} = 'assigned' AND t_assigned_unit = ''", "assigned_unit", "交办工单须填写承办单位 (unit required)"),
        (f"{callback} = false AND {satisfaction} <> 'unrated'", "satisfaction", "未回访的工单填“未评价” (unrated without call-back)"),
    )
    for condition, column, expected in rules:
        add_rule(con, problems, file, f"SELECT rownum, t_{column} FROM clean WHERE {condition}", label_of(hotline.COLUMNS, column), expected)
    for column, allowed in (("channel", hotline.CHANNELS), ("category", hotline.CATEGORIES)):
        query = f"SELECT rownum, t_{column} FROM clean WHERE t_{column} <> '' AND NOT ({in_list_sql(f't_{column}', allowed)})"
        add_rule(con, problems, file, query, label_of(hotline.COLUMNS, column), f"以下之一 (one of)：{'/'.join(allowed)}")
    unique_id_problems(con, problems, file, "order_id", label_of(hotline.COLUMNS, "order_id"), hotline.EXPLAIN["order_id"])
    kept = {"received_at": received, "closed_at": closed_at, "handling": handling, "callback": callback, "satisfaction": satisfaction}
    names = [c.name for c in hotline.COLUMNS if not c.personal and c.name != "status"]
    return [(name, kept.get(name, f"t_{name}")) for name in names] + [("closed", closed)]


def unique_id_problems(con: duckdb.DuckDBPyConnection, problems: list[Problem], file: str, name: str, label: str, expected: str) -> None:
    """The pandera schema's two checks on an id as one rule (common.validate_schema): every row of a repeated id,
    then every empty id, the first MAX_PROBLEMS_PER_RULE of both listed."""
    repeated = f"SELECT rownum, t_{name} FROM clean WHERE t_{name} IN (SELECT t_{name} FROM clean GROUP BY 1 HAVING count(*) > 1)"
    empty = f"SELECT rownum, t_{name} FROM clean WHERE t_{name} = ''"
    found: list[Problem] = []
    add_rule(con, found, file, repeated, label, expected)
    add_rule(con, found, file, empty, label, expected)
    problems.extend(cap_problems(found))


def petitions_sql(con: duckdb.DuckDBPyConnection, file: str, fiscal_year: int, problems: list[Problem]) -> Selects:
    """petitions.load_petitions's rules; its columns in its order (petitioner_key from the ``keys`` table, see api)."""
    form = map_values_sql(problems, con, file, "t_form", {f: f for f in petitions.FORMS}, "信访形式")
    registered = parse_dates_sql(con, problems, file, "registered_at", "登记日期", fiscal_year, with_time=False)
    persons = parse_counts_sql(con, problems, file, "persons", "人数", 1)
    repeat = map_values_sql(problems, con, file, "(CASE WHEN t_repeat = '' THEN '否' ELSE t_repeat END)", YES_NO, "重复访")
    flags = {f: map_values_sql(problems, con, file, f"t_{f}", YES_NO, label_of(petitions.COLUMNS, f)) for f in petitions.FLAG_FIELDS}
    rates = {f: map_values_sql(problems, con, file, f"t_{f}", YES_NO_NA, label_of(petitions.COLUMNS, f)) for f in petitions.RATE_FIELDS}
    unique_id_problems(con, problems, file, "case_id", label_of(petitions.COLUMNS, "case_id"), petitions.EXPLAIN["case_id"])
    kept = {"form": form, "registered_at": registered, "persons": persons, "repeat": repeat, **flags, **rates}
    names = [c.name for c in petitions.COLUMNS if not c.personal]
    return [(name, kept.get(name, f"t_{name}")) for name in names] + [("petitioner_key", "petitioner_key")]


def volunteer_sql(con: duckdb.DuckDBPyConnection, file: str, fiscal_year: int, problems: list[Problem]) -> Selects:
    """volunteer.load_volunteer's rules; its columns in its order."""
    date = parse_dates_sql(con, problems, file, "date", "日期", fiscal_year, with_time=False)
    volunteers = parse_counts_sql(con, problems, file, "volunteers", "参与人次", 0)
    return [("date", date), ("name", "t_name"), ("volunteers", volunteers)]


RULES = {"hotline": hotline_sql, "petitions": petitions_sql, "volunteer": volunteer_sql}
MODULES = {"hotline": hotline, "petitions": petitions, "volunteer": volunteer}


def select_sql(selects: Selects) -> str:
    """The SELECT list of a validated table."""
    return ", ".join(f"{expression} AS {sql_text(name).replace(chr(39), chr(34))}" for name, expression in selects)
