"""Service figures computed by DuckDB over a ledger's validated Parquet, never by loading its rows into pandas.

``service_figures`` gives what analysis.services computes from a frame (the reference, kept): the summary
dict (counts as int, rates as exact Fractions from integer counts), the monthly frame and, for the
hotline, the topics frame, for twenty million orders in the memory of a few hundred.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import duckdb
import pandas as pd

from analysis.dataplane.engine import open_engine, sql_text
from analysis.reconcile import share
from analysis.services import HOTLINE_RATES, SATISFIED


@dataclass(frozen=True)
class ServiceFigures:
    """A service ledger's figures: summary (as services.summarise_*), monthly frame, topics frame (hotline only, else None)."""

    summary: dict[str, int | Fraction | None]
    monthly: pd.DataFrame
    topics: pd.DataFrame | None


RATED = "callback AND satisfaction <> 'unrated'"
HOTLINE_COUNTS = {
    "orders": "count(*)",
    "self_handled": "count_if(handling = 'self')",
    "self_closed": "count_if(handling = 'self' AND closed)",
    "assigned": "count_if(handling IS DISTINCT FROM 'self')",
    "assigned_closed": "count_if(handling IS DISTINCT FROM 'self' AND closed)",
    "closed": "count_if(closed)",
    "called_back": "count_if(callback AND closed)",
    "rated": f"count_if({RATED})",
    "satisfied": f"count_if({RATED} AND satisfaction IN ({', '.join(sql_text(s) for s in SATISFIED)}))",
    "rated_without_callback": "count_if(NOT callback AND satisfaction <> 'unrated')",
    "callback_while_open": "count_if(callback AND NOT closed)",
}
PETITION_FLAGS = {"leader_reception": "leader_reception", "beijing": "to_beijing"}
PETITION_RATES = {
    "timely_acceptance_rate": "accepted_on_time",
    "dept_timely_acceptance_rate": "dept_accepted_on_time",
    "on_time_reply_rate": "replied_on_time",
    "first_time_resolution_rate": "resolved_first_time",
}
DATE_COLUMNS = {"hotline": "received_at", "petitions": "registered_at", "volunteer": "date"}


def counts(con: duckdb.DuckDBPyConnection, table: str, expressions: dict[str, str]) -> dict[str, int]:
    """Each named SQL count over ``table`` as a Python int."""
    row = con.execute(f"SELECT {', '.join(f'coalesce({e}, 0)' for e in expressions.values())} FROM {table}").fetchone()
    assert row is not None
    return {name: int(value) for name, value in zip(expressions, row, strict=True)}


def with_rates(found: dict[str, int]) -> dict[str, int | Fraction | None]:
    """Hotline counts with HOTLINE_RATES added as exact Fractions (services.summarise_hotline)."""
    return dict(found) | {rate: share(found[part], found[whole]) for rate, (part, whole) in HOTLINE_RATES.items()}


def monthly_counts(con: duckdb.DuckDBPyConnection, table: str) -> dict[int, dict[str, int]]:
    """The hotline counts of each month of receipt 1-12, in one pass (zeros for a month without orders)."""
    query = f"SELECT month(received_at), {', '.join(HOTLINE_COUNTS.values())} FROM {table} GROUP BY 1"
    found = {int(row[0]): dict(zip(HOTLINE_COUNTS, map(int, row[1:]), strict=True)) for row in con.execute(query).fetchall()}
    return {month: found.get(month, dict.fromkeys(HOTLINE_COUNTS, 0)) for month in range(1, 13)}


def as_float(rate: int | Fraction | None) -> float:
    """A rate as services.monthly_hotline shows it: NaN when undefined."""
    return float("nan") if rate is None else float(rate)


def hotline_figures(con: duckdb.DuckDBPyConnection, table: str) -> ServiceFigures:
    """Summary, monthly frame (services.monthly_hotline) and topics frame (services.hotline_topics)."""
    rows = []
    for month, found in monthly_counts(con, table).items():
        summary = with_rates(found)
        rows.append(
            {
                "month": month,
                "self_handled": summary["self_handled"],
                "assigned": summary["assigned"],
                "closure_rate": as_float(summary["closure_rate"]),
                "satisfaction_rate": as_float(summary["satisfaction_rate"]),
            }
        )
    topics = con.execute(
        f"SELECT CASE WHEN topic = '' THEN '未分类' ELSE topic END AS topic, count(*) AS orders, min(file_row_number) AS first FROM {table}"
        " GROUP BY 1 ORDER BY orders DESC, first"
    ).df()
    frame = pd.DataFrame({"topic": topics["topic"].astype(str), "orders": topics["orders"].to_numpy().astype("int64")})
    return ServiceFigures(with_rates(counts(con, table, HOTLINE_COUNTS)), pd.DataFrame(rows), frame)


def monthly_sums(con: duckdb.DuckDBPyConnection, table: str, date: str, amount: str, names: tuple[str, str]) -> pd.DataFrame:
    """Per month 1-12 (0 where none): the number of rows and the sum of ``amount``, under ``names``."""
    found = dict.fromkeys(range(1, 13), (0, 0))
    for month, size, total in con.execute(f"SELECT month({date}), count(*), sum({amount}) FROM {table} GROUP BY 1").fetchall():
        found[int(month)] = (int(size), int(total))
    return pd.DataFrame({"month": range(1, 13), names[0]: [v[0] for v in found.values()], names[1]: [v[1] for v in found.values()]}).astype("int64")


def petitions_figures(con: duckdb.DuckDBPyConnection, table: str) -> ServiceFigures:
    """services.summarise_petitions and services.monthly_petitions over the table."""
    expressions = {"batches": "count(*)", "persons": "sum(persons)"}
    for key, column in PETITION_FLAGS.items():
        expressions |= {f"{key}_batches": f"count_if({column})", f"{key}_persons": f"sum(persons) FILTER (WHERE {column})"}
    expressions |= {"repeat_batches": "count_if(repeat)"}
    for key, column in PETITION_RATES.items():
        expressions |= {f"{key}_yes": f"count_if({column})", f"{key}_of": f"count({column})"}
    found = counts(con, table, expressions)
    summary: dict[str, int | Fraction | None] = {k: v for k, v in found.items() if not k.endswith(("_yes", "_of"))}
    summary |= {key: share(found[f"{key}_yes"], found[f"{key}_of"]) for key in PETITION_RATES}
    return ServiceFigures(summary, monthly_sums(con, table, "registered_at", "persons", ("batches", "persons")), None)


def volunteer_figures(con: duckdb.DuckDBPyConnection, table: str) -> ServiceFigures:
    """services.summarise_volunteer and services.monthly_volunteer over the table."""
    summary: dict[str, int | Fraction | None] = dict(counts(con, table, {"events": "count(*)", "volunteers": "sum(volunteers)"}))
    return ServiceFigures(summary, monthly_sums(con, table, "date", "volunteers", ("events", "volunteers")), None)


FIGURES = {"hotline": hotline_figures, "petitions": petitions_figures, "volunteer": volunteer_figures}


def service_figures(name: str, parquet_path: Path) -> ServiceFigures:
    """The figures of a service ledger (hotline, petitions or volunteer) from the Parquet ingest wrote for it."""
    with open_engine() as (con, _):
        con.execute(f"CREATE VIEW ledger AS SELECT * FROM read_parquet({sql_text(str(parquet_path))}, file_row_number = true)")
        return FIGURES[name](con, "ledger")
