"""Service figures over the fiscal years: hotline, petitions and volunteers, year by year and against the year before.

Ingest reads every earlier year's service ledgers through the same loaders as
this year's (which drop citizens' personal columns) and keeps only counts: one
row per fiscal year in ``service_history.parquet``, missing (<NA>) where a
ledger is absent that year. Rates are exact Fractions recomputed from those
counts with the domain's denominators; each figure is rounded once, for display.
Changes of rates are stated in 百分点 (percentage points).
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

import pandas as pd

from analysis import services
from analysis.money import format_percent
from analysis.reconcile import share

HISTORY_FILE = "service_history"  # Parquet table name under data/processed/<dept>/<year>/
COUNTS = {"hotline": ("orders", "closed", "called_back", "rated", "satisfied"), "petitions": ("batches", "persons"), "volunteer": ("events", "volunteers")}
RATES = {"hotline": services.HOTLINE_RATES}  # ledger → rate → (numerator, denominator): the rates a history recomputes
HISTORY_KEYS = {kind: keys + tuple(RATES.get(kind, ())) for kind, keys in COUNTS.items()}  # metrics.json fields per ledger
SUMMARISERS: dict[str, Callable[[pd.DataFrame], dict]] = {
    "hotline": services.summarise_hotline,
    "petitions": services.summarise_petitions,
    "volunteer": services.summarise_volunteer,
}
LEDGER_NAMES = {"hotline": "12345热线工单", "petitions": "信访登记", "volunteer": "志愿服务活动"}
# (ledger, key, label, unit; None for a rate) in the order the table and the sentences give them
INDICATORS = (
    ("hotline", "orders", "受理工单", "件"),
    ("hotline", "closure_rate", "总办结率", None),
    ("hotline", "callback_rate", "回访率", None),
    ("hotline", "satisfaction_rate", "满意率", None),
    ("petitions", "batches", "信访批次", "批"),
    ("petitions", "persons", "信访人次", "人次"),
    ("volunteer", "events", "志愿服务活动", "次"),
    ("volunteer", "volunteers", "志愿者", "人次"),
)
ABSENT = "未提供"

History = dict[int, dict[str, dict | None]]  # fiscal year → ledger → counts and rates, None when absent


def summarise_service_year(fiscal_year: int, tables: dict[str, pd.DataFrame | None]) -> dict[str, int | None]:
    """One row of the history: fiscal_year and every count of COUNTS (None where the ledger is absent)."""
    return service_year_row(fiscal_year, {kind: None if tables.get(kind) is None else SUMMARISERS[kind](tables[kind]) for kind in COUNTS})


def service_year_row(fiscal_year: int, summaries: dict[str, dict | None]) -> dict[str, int | None]:
    """One row of the history from each ledger's summary (services.summarise_*, or the data plane's figures)."""
    row: dict[str, int | None] = {"fiscal_year": fiscal_year}
    for kind, keys in COUNTS.items():
        summary = summaries.get(kind)
        row |= {key: None if summary is None else int(summary[key]) for key in keys}
    return row


def history_frame(rows: list[dict[str, int | None]]) -> pd.DataFrame:
    """The rows as a table sorted by fiscal year, counts as nullable Int64."""
    columns = ["fiscal_year", *(key for keys in COUNTS.values() for key in keys)]
    frame = pd.DataFrame(rows, columns=columns).astype("Int64")
    return frame.sort_values("fiscal_year", ignore_index=True)


def history_by_year(frame: pd.DataFrame | None) -> History:
    """Counts (int) and rates (exact Fraction, None when the denominator is 0) per fiscal year and ledger."""
    history: History = {}
    for row in [] if frame is None else frame.to_dict("records"):
        blocks: dict[str, dict | None] = {}
        for kind, keys in COUNTS.items():
            counts = None if pd.isna(row[keys[0]]) else {key: int(row[key]) for key in keys}
            blocks[kind] = (
                counts if counts is None else counts | {rate: share(counts[part], counts[whole]) for rate, (part, whole) in RATES.get(kind, {}).items()}
            )
        history[int(row["fiscal_year"])] = blocks
    return history


def figure_of(history: History, year: int, kind: str, key: str) -> int | Fraction | None:
    """One count or rate of a year; None when the year, its ledger or the rate is missing."""
    block = history.get(year, {}).get(kind)
    return None if block is None else block[key]


def describe_count_change(label: str, current: int, prior: int, unit: str) -> str:
    """``受理工单12064件，较上年增加828件（增长7.4%，上年为11236件）``, or 减少…下降, or 与上年持平（上年为…）."""
    change, was = current - prior, f"上年为{prior}{unit}"
    if change == 0:
        return f"{label}{current}{unit}，与上年持平（{was}）"
    direction, trend = ("增加", "增长") if change > 0 else ("减少", "下降")
    pct = f"{trend}{format_percent(Fraction(abs(change), prior), 1)}，" if prior else ""
    return f"{label}{current}{unit}，较上年{direction}{abs(change)}{unit}（{pct}{was}）"


def describe_rate_change(label: str, current: Fraction, prior: Fraction) -> str:
    """``满意率96.50%，较上年提高1.09个百分点（上年为95.40%）``; the points are the exact difference, rounded once."""
    change, was = current - prior, f"上年为{format_percent(prior, 2)}"
    points = format_percent(abs(change), 2).removesuffix("%")
    if change == 0 or points == "0.00":
        return f"{label}{format_percent(current, 2)}，与上年{'持平' if change == 0 else '基本持平'}（{was}）"
    return f"{label}{format_percent(current, 2)}，较上年{'提高' if change > 0 else '下降'}{points}个百分点（{was}）"


def describe_yoy(history: History, year: int, kind: str) -> str:
    """The sentence comparing a ledger's figures with the year before; empty without this year's ledger or an earlier year.

    Each figure is written with last year's beside it, so that ``jixiao check`` can recompute every change.
    """
    if figure_of(history, year, kind, COUNTS[kind][0]) is None or year - 1 not in history:
        return ""
    if history[year - 1][kind] is None:
        return f"上年未提供{LEDGER_NAMES[kind]}台账，不作同比。"
    clauses = []
    for key, label, unit in [(key, label, unit) for ledger, key, label, unit in INDICATORS if ledger == kind]:
        current, prior = figure_of(history, year, kind, key), figure_of(history, year - 1, kind, key)
        if current is not None and prior is not None:
            # a rate is a Fraction, a count an int (history_by_year): the conversions only tell mypy which
            clauses.append(
                describe_rate_change(label, Fraction(current), Fraction(prior))
                if unit is None
                else describe_count_change(label, int(current), int(prior), unit)
            )
    return "与上年相比，" + "；".join(clauses) + "。"


def format_cell(value: int | Fraction | None, unit: str | None, present: bool) -> str:
    """A table cell: a count, a rate with 2 decimals, 未提供 for an absent ledger, — for an undefined rate."""
    if not present:
        return ABSENT
    return format_percent(value, 2) if unit is None else str(value)


def format_change(current: int | Fraction | None, prior: int | Fraction | None, unit: str | None) -> tuple[str, str]:
    """同比增减 and 增减率 cells: a count's change and % change, a rate's change in 百分点; — when not computable."""
    if current is None or prior is None:
        return "—", "—"
    if unit is None:
        points = format_percent(abs(Fraction(current) - Fraction(prior)), 2).removesuffix("%")  # Fraction(): mypy cannot subtract the union
        return f"{'-' if current < prior and points != '0.00' else ''}{points}个百分点", "—"  # no "-0.00": the text says 持平
    return str(current - prior), format_percent(Fraction(current - prior, prior), 1) if prior else "—"


def history_rows(history: History, year: int) -> list[dict]:
    """Table 历年业务数据: per indicator, its label, one cell per year and the change on the year before.

    Empty unless some service ledger is there in two or more years.
    """
    if all(count_years_with(history, kind) < 2 for kind in COUNTS):
        return []
    rows = []
    for kind, key, label, unit in INDICATORS:
        cells = [format_cell(figure_of(history, y, kind, key), unit, history[y][kind] is not None) for y in sorted(history)]
        change, pct = format_change(figure_of(history, year, kind, key), figure_of(history, year - 1, kind, key), unit)
        rows.append({"item": f"{label}（{unit}）" if unit else label, "values": cells, "change": change, "pct": pct})
    return rows


def history_table(history: History, year: int) -> pd.DataFrame:
    """历年业务数据 for reading in a notebook: 指标, one column per year, 同比增减, 增减率."""
    rows = history_rows(history, year)
    years = [f"{y}年" for y in sorted(history)]
    return pd.DataFrame([[r["item"], *r["values"], r["change"], r["pct"]] for r in rows], columns=["指标", *years, "同比增减", "增减率"])


def trend_frame(history: History, kind: str) -> pd.DataFrame:
    """A ledger's figures by year for its trend chart: year and its HISTORY_KEYS (rates as Float64), <NA> where absent."""
    years, rates = sorted(history), RATES.get(kind, {})
    frame = pd.DataFrame({"year": years} | {key: [figure_of(history, y, kind, key) for y in years] for key in HISTORY_KEYS[kind]})
    return frame.astype({key: "Float64" if key in rates else "Int64" for key in HISTORY_KEYS[kind]})


def count_years_with(history: History, kind: str) -> int:
    """How many fiscal years of the history have the ledger."""
    return sum(blocks[kind] is not None for blocks in history.values())
