"""Variance an analyst can explore: numeric tables of what changed, what was spent against budget, and the vouchers behind a figure.

Every function returns a new numeric DataFrame computed from the processed
tables (``analysis.ingest.load_processed``); inputs are never modified.
The comparisons count the 一般公共预算 only by default, as the report's section 二
and budget execution do; ``fund_source=None`` takes every fund. Amounts are exact int64 fen; the ``*_wan`` columns are the same amounts in
万元 rounded half up to two decimals, once, for display. Ratios are floats
(0.1234 means 12.34%), NaN where the denominator is 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from analysis import reconcile
from analysis.ingest import load_processed
from analysis.ledgers.department import FILE_NAME as DEPARTMENT_FILE
from analysis.ledgers.department import load_department
from analysis.ledgers.expenditure import DEFAULT_FUND_SOURCE as GENERAL_FUND
from analysis.ledgers.expenditure import SPENDING_TYPES, load_econ_classes
from analysis.money import FEN_PER_YUAN, fen_to_wan
from analysis.paths import department_raw_dir

KEYS = ("spending_type", "econ_class", "econ_code", "project", "month", "fund_source")  # what a change can be grouped by
NAMES = {"econ_class": "class_name", "econ_code": "econ_name"}  # a code key brings its name beside it
AMOUNTS = ("current_fen", "prior_fen", "change_fen")
VOUCHER_COLUMNS = [
    "fiscal_year",
    "voucher_id",
    "date",
    "spending_type",
    "econ_code",
    "econ_name",
    "project",
    "fund_source",
    "amount_fen",
    "amount_yuan",
    "summary",
]
BUDGET_COLUMNS = [
    "spending_type",
    "project",
    "item",
    "initial_fen",
    "adjusted_fen",
    "actual_fen",
    "execution_rate",
    "unspent_fen",
    "initial_wan",
    "adjusted_wan",
    "actual_wan",
    "unspent_wan",
]
SPENDING_LABELS = {code: label for label, code in SPENDING_TYPES.items()}  # basic → 基本支出
SpendingType = Literal["basic", "project"] | None


@dataclass(frozen=True)
class Variance:
    """What the explore tables are computed from: one department and fiscal year.

    ``history`` is every fiscal year's expenditure (with ``fiscal_year``); ``budget`` is None when absent.
    """

    dept: str
    year: int
    department: str
    history: pd.DataFrame
    budget: pd.DataFrame | None


def load_variance(data_dir: str | Path, processed_dir: str | Path, dept: str, year: int) -> Variance:
    """Read the processed tables (written by 01_ingest) and the department's name, for the explore functions."""
    ledgers = load_processed(Path(processed_dir), dept, year)
    department = load_department(department_raw_dir(Path(data_dir), dept) / DEPARTMENT_FILE)
    return Variance(dept, year, department.name, ledgers.history, ledgers.budget)


def add_wan(frame: pd.DataFrame, columns: list[str] | tuple[str, ...]) -> pd.DataFrame:
    """A new frame with a float ``*_wan`` column (万元, half up to 2 decimals) beside each ``*_fen`` column."""
    return frame.assign(**{c.removesuffix("_fen") + "_wan": frame[c].map(lambda fen: float(fen_to_wan(fen))).astype("float64") for c in columns})


def select_spending(history: pd.DataFrame, spending_type: SpendingType = None) -> pd.DataFrame:
    """Postings of one spending type ('basic' 基本支出 or 'project' 项目支出); every posting for None."""
    if spending_type is None:
        return history
    if spending_type not in SPENDING_TYPES.values():
        raise ValueError(f"支出类型应为 basic 或 project (spending type)：{spending_type!r}")
    return history[history["spending_type"].eq(spending_type)]


def name_codes(history: pd.DataFrame, key: str) -> dict[str, str]:
    """Name of each code: a 类 from econ_classes.csv, a 款 as last written in the ledgers (latest year)."""
    if key == "econ_class":
        classes = load_econ_classes()
        return dict(zip(classes["econ_class"], classes["name"]))
    named = history[history["econ_name"].ne("")].sort_values("fiscal_year", kind="stable")
    return named.groupby("econ_code")["econ_name"].last().to_dict()


def sum_by(history: pd.DataFrame, fiscal_year: int, keys: list[str]) -> pd.Series:
    """One fiscal year's amount_fen summed by ``keys`` (month is the posting's calendar month)."""
    rows = history[history["fiscal_year"].eq(fiscal_year)]
    rows = rows.assign(month=rows["date"].dt.month.astype("int64"))
    return rows.groupby(keys, sort=False)["amount_fen"].sum()


def compare_by(
    history: pd.DataFrame,
    year: int,
    keys: list[str],
    spending_type: SpendingType = None,
    order: Literal["change", "key"] = "change",
    fund_source: str | None = GENERAL_FUND,
) -> pd.DataFrame:
    """Spending of ``year`` against ``year - 1`` grouped by ``keys`` (any of KEYS), in fen; by default of the
    一般公共预算 only, like the report's section 二 (``fund_source=None``: every fund).

    Columns: the keys (a code key followed by its name), current_fen, prior_fen, change_fen (int64),
    change_pct (change ÷ prior, NaN when prior is 0), share_of_change (change ÷ the total change of
    the selection, NaN when that is 0), current_wan, prior_wan, change_wan. One row for every key
    present in either year (a year without a ledger counts as 0); ``order="change"`` sorts by
    |change| descending, ``"key"`` by the keys; ties are broken by the keys.
    """
    unknown = [k for k in keys if k not in KEYS]
    if unknown or not keys:
        raise ValueError(f"分组键应为 (group keys must be) {', '.join(KEYS)}：{unknown or keys}")
    rows = select_spending(history, spending_type)
    rows = rows if fund_source is None else rows[rows["fund_source"].eq(fund_source)]
    both = pd.concat({"current_fen": sum_by(rows, year, keys), "prior_fen": sum_by(rows, year - 1, keys)}, axis=1)
    frame = both.fillna(0).astype("int64").reset_index() if len(both) else pd.DataFrame(columns=[*keys, *AMOUNTS[:2]])
    frame = frame.astype({k: "int64" if k == "month" else "str" for k in keys} | dict.fromkeys(AMOUNTS[:2], "int64"))
    change = frame["current_fen"] - frame["prior_fen"]
    total = int(change.sum())
    frame = frame.assign(
        change_fen=change.astype("int64"),
        change_pct=(change / frame["prior_fen"].where(frame["prior_fen"].ne(0))).astype("float64"),
        share_of_change=(change / total if total else change * np.nan).astype("float64"),
    )
    for key, name in NAMES.items():
        if key in keys:
            frame.insert(frame.columns.get_loc(key) + 1, name, frame[key].map(name_codes(history, key)).fillna("").astype("str"))
    ranked = frame.assign(_size=frame["change_fen"].abs())
    by_size = ["_size"] if order == "change" else []
    ranked = ranked.sort_values(by_size + keys, ascending=[False] * len(by_size) + [True] * len(keys), kind="stable")
    return add_wan(ranked.drop(columns="_size").reset_index(drop=True), AMOUNTS)


def compare_classes(history: pd.DataFrame, year: int, spending_type: SpendingType = None, fund_source: str | None = GENERAL_FUND) -> pd.DataFrame:
    """Change by economic class at 类 level (301 工资福利支出…): econ_class, class_name, then compare_by's columns."""
    return compare_by(history, year, ["econ_class"], spending_type, fund_source=fund_source)


def compare_codes(history: pd.DataFrame, year: int, spending_type: SpendingType = None, fund_source: str | None = GENERAL_FUND) -> pd.DataFrame:
    """Change by economic code at 款 level (30101 基本工资…), with its 类: econ_class, class_name, econ_code, econ_name…"""
    return compare_by(history, year, ["econ_class", "econ_code"], spending_type, fund_source=fund_source)


def compare_projects(history: pd.DataFrame, year: int, spending_type: SpendingType = None, fund_source: str | None = GENERAL_FUND) -> pd.DataFrame:
    """Change by project (basic spending has project ''): project, then compare_by's columns."""
    return compare_by(history, year, ["project"], spending_type, fund_source=fund_source)


def compare_months(
    history: pd.DataFrame, year: int, spending_type: SpendingType = None, order: Literal["change", "key"] = "change", fund_source: str | None = GENERAL_FUND
) -> pd.DataFrame:
    """Change by calendar month (1–12) against the same month last year: month, then compare_by's columns."""
    return compare_by(history, year, ["month"], spending_type, order, fund_source)


def compare_funds(history: pd.DataFrame, year: int, spending_type: SpendingType = None) -> pd.DataFrame:
    """Change by fund source (一般公共预算…, every fund): fund_source, then compare_by's columns."""
    return compare_by(history, year, ["fund_source"], spending_type, fund_source=None)


def largest_change(table: pd.DataFrame, key: str = "econ_code") -> str | None:
    """The ``key`` of a compare_* table's row with the largest change either way (first of ties); None when empty."""
    if table.empty:
        return None
    return str(table.loc[table["change_fen"].abs().idxmax(), key])


def budget_dtype(column: str) -> str:
    """The dtype of a budget_vs_actual column: int64 fen, float64 rate and 万元, text for the rest."""
    if column.endswith("_fen"):
        return "int64"
    return "float64" if column.endswith(("_wan", "_rate")) else "object"


def budget_vs_actual(history: pd.DataFrame, budget: pd.DataFrame | None, year: int) -> pd.DataFrame:
    """Each budget line of ``year`` against what was spent from 一般公共预算, as the report counts it.

    Columns: spending_type, project ('' for 基本支出), item (基本支出 or the project), initial_fen,
    adjusted_fen, actual_fen, execution_rate (actual ÷ adjusted, NaN when adjusted is 0), unspent_fen
    (adjusted − actual; negative when over-spent), and the four amounts in 万元. Budget file order.
    """
    if budget is None:
        return pd.DataFrame({c: pd.Series(dtype=budget_dtype(c)) for c in BUDGET_COLUMNS})
    spent = reconcile.summarise_spending(reconcile.select_fund(history[history["fiscal_year"].eq(year)]))
    rates = reconcile.execution_rates(spent, budget)
    frame = rates.assign(
        spending_type=budget["spending_type"].to_numpy(),
        project=budget["project"].to_numpy(),
        execution_rate=rates["rate"].map(lambda r: np.nan if r is None else float(r)).astype("float64"),
        unspent_fen=rates["adjusted_fen"] - rates["actual_fen"],
    )
    frame = frame.astype(dict.fromkeys(("initial_fen", "adjusted_fen", "actual_fen", "unspent_fen"), "int64"))
    return add_wan(frame, ("initial_fen", "adjusted_fen", "actual_fen", "unspent_fen"))[BUDGET_COLUMNS]


def find_vouchers(
    history: pd.DataFrame,
    year: int | None = None,
    econ: str | None = None,
    project: str | None = None,
    month: int | None = None,
    spending_type: SpendingType = None,
    fund_source: str | None = None,
) -> pd.DataFrame:
    """The postings behind a figure, sorted by date: every filter given must hold (``econ`` is a 3-digit 类 or a 5-digit 款 code).

    Columns: fiscal_year, voucher_id, date, spending_type, econ_code, econ_name, project, fund_source,
    amount_fen (int64), amount_yuan (float), summary.
    """
    rows = select_spending(history, spending_type)
    if econ is not None:
        econ = str(econ)
        if not (econ.isascii() and econ.isdigit() and len(econ) in (3, 5)):
            raise ValueError(f"经济分类编码应为3位（类）或5位（款）数字 (economic code: 3 or 5 digits)：{econ!r}")
        rows = rows[rows["econ_class" if len(econ) == 3 else "econ_code"].eq(econ)]
    if month is not None and month not in range(1, 13):
        raise ValueError(f"月份应为1至12 (month 1–12)：{month!r}")
    for column, wanted in (("fiscal_year", year), ("project", project), ("fund_source", fund_source)):
        rows = rows if wanted is None else rows[rows[column].eq(wanted)]
    rows = rows if month is None else rows[rows["date"].dt.month.eq(month)]
    rows = rows.assign(amount_yuan=(rows["amount_fen"] / FEN_PER_YUAN).astype("float64"))
    return rows.sort_values(["date", "voucher_id"], kind="stable")[VOUCHER_COLUMNS].reset_index(drop=True)
