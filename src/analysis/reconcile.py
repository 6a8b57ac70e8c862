"""Expenditure reconciliation: totals, shares, year-over-year changes, checks.

All amounts are integer fen; shares and percentage changes are exact
Fractions computed from unrounded amounts, rounded only when displayed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

import pandas as pd

from analysis.checks import Check, check_parts_sum
from analysis.ledgers.expenditure import DEFAULT_FUND_SOURCE, unused_econ_classes
from analysis.money import fen_to_yuan, format_percent

REASON_THRESHOLD = Fraction(1, 10)
LINE_ITEMS = {"total": "部门整体支出", "basic": "基本支出", "personnel": "人员经费", "public": "日常公用经费", "project": "项目支出"}


@dataclass(frozen=True)
class SpendingSummary:
    """One year's spending in fen: the split of basic spending and each project."""

    total: int
    basic: int
    personnel: int
    public: int
    project: int
    projects: dict[str, int] = field(default_factory=dict)
    by_fund: dict[str, int] = field(default_factory=dict)


EMPTY_SUMMARY = SpendingSummary(total=0, basic=0, personnel=0, public=0, project=0)


@dataclass(frozen=True)
class Change:
    """A line item compared with the prior year; pct is None when the prior is 0 (新增)."""

    key: str
    label: str
    current: int
    prior: int | None
    change: int | None
    pct: Fraction | None

    @property
    def is_new(self) -> bool:
        """New this year: nothing spent on it the year before."""
        return self.prior == 0 and self.current > 0

    @property
    def needs_reason(self) -> bool:
        """A change of ±10% or more, or a new or ended line, needs a stated reason."""
        if self.prior is None:
            return False
        if self.pct is None:
            return self.current > 0
        return abs(self.pct) >= REASON_THRESHOLD


def sum_fen(frame: pd.DataFrame, mask: pd.Series | None = None) -> int:
    """Sum of amount_fen (optionally of masked rows) as a Python int."""
    values = frame["amount_fen"] if mask is None else frame.loc[mask, "amount_fen"]
    return int(values.sum())


def item_mask(expenditure: pd.DataFrame, key: str) -> pd.Series:
    """The postings behind one line item: a LINE_ITEMS key, or ``project:<name>`` for one project."""
    basic = expenditure["spending_type"].eq("basic")
    if key.startswith("project:"):
        return ~basic & expenditure["project"].eq(key.removeprefix("project:"))
    masks = {
        "total": pd.Series(True, index=expenditure.index),
        "basic": basic,
        "project": ~basic,
        "personnel": basic & expenditure["category"].eq("personnel"),
        "public": basic & expenditure["category"].eq("public"),
    }
    return masks[key]


def summarise_spending(expenditure: pd.DataFrame) -> SpendingSummary:
    """Totals of one year's postings, in fen; projects ordered by amount, largest first."""
    projects = expenditure.loc[item_mask(expenditure, "project")].groupby("project", sort=False)["amount_fen"].sum()
    projects = projects.sort_values(ascending=False, kind="stable")
    funds = expenditure.groupby("fund_source", sort=False)["amount_fen"].sum()
    return SpendingSummary(
        **{key: sum_fen(expenditure, item_mask(expenditure, key)) for key in LINE_ITEMS},
        projects={str(k): int(v) for k, v in projects.items()},
        by_fund={str(k): int(v) for k, v in funds.items()},
    )


def select_fund(expenditure: pd.DataFrame, fund_source: str = DEFAULT_FUND_SOURCE) -> pd.DataFrame:
    """Postings paid from one budget type (一般公共预算 by default)."""
    return expenditure[expenditure["fund_source"].eq(fund_source)]


def summarise_history(history: pd.DataFrame) -> dict[int, SpendingSummary]:
    """Spending summary of every fiscal year in the history table."""
    return {int(year): summarise_spending(rows) for year, rows in history.groupby("fiscal_year", sort=True)}


def share(part: int, whole: int) -> Fraction | None:
    """part ÷ whole as an exact fraction; None when the whole is 0."""
    return Fraction(part, whole) if whole else None


def compare_item(key: str, label: str, current: int, prior: int | None) -> Change:
    """Year-over-year change of one line item; pct undefined when the prior is 0 or missing."""
    if prior is None:
        return Change(key, label, current, None, None, None)
    change = current - prior
    return Change(key, label, current, prior, change, Fraction(change, prior) if prior else None)


def compare_years(current: SpendingSummary, prior: SpendingSummary | None, total_label: str = LINE_ITEMS["total"]) -> list[Change]:
    """Changes of the headline lines and of every project of either year; ``total_label`` names the total."""
    labels = LINE_ITEMS | {"total": total_label}
    changes = [compare_item(key, label, getattr(current, key), None if prior is None else getattr(prior, key)) for key, label in labels.items()]
    names = list(current.projects) + [n for n in (prior.projects if prior else {}) if n not in current.projects]
    for name in names:
        prior_amount = None if prior is None else prior.projects.get(name, 0)
        changes.append(compare_item(f"project:{name}", name, current.projects.get(name, 0), prior_amount))
    return changes


def spending_by_year(summaries: dict[int, SpendingSummary]) -> pd.DataFrame:
    """Spending structure per year: year, personnel_fen, public_fen, project_fen."""
    rows = [{"year": y, "personnel_fen": s.personnel, "public_fen": s.public, "project_fen": s.project} for y, s in summaries.items()]
    return pd.DataFrame(rows, columns=["year", "personnel_fen", "public_fen", "project_fen"])


def projects_by_year(summaries: dict[int, SpendingSummary]) -> pd.DataFrame:
    """Each project's spending per year (long form): year, project, amount_fen."""
    rows = [{"year": y, "project": p, "amount_fen": a} for y, s in summaries.items() for p, a in s.projects.items()]
    return pd.DataFrame(rows, columns=["year", "project", "amount_fen"])


def monthly_spending(expenditure: pd.DataFrame) -> pd.DataFrame:
    """Spending per month 1–12, in fen: month, basic_fen, project_fen."""
    table = (
        expenditure.assign(month=expenditure["date"].dt.month)
        .pivot_table(index="month", columns="spending_type", values="amount_fen", aggfunc="sum", fill_value=0)
        .reindex(index=range(1, 13), columns=["basic", "project"], fill_value=0)
    )
    return pd.DataFrame(
        {"month": range(1, 13), "basic_fen": table["basic"].astype("int64").to_numpy(), "project_fen": table["project"].astype("int64").to_numpy()}
    )


def execution_rates(summary: SpendingSummary, budget: pd.DataFrame) -> pd.DataFrame:
    """Budget execution per budget line: item, key (its line item: basic or project:<name>), initial_fen,
    adjusted_fen, actual_fen, rate (actual ÷ adjusted)."""
    rows = []
    for line in budget.itertuples(index=False):
        basic = line.spending_type == "basic"
        actual = summary.basic if basic else summary.projects.get(line.project, 0)
        rows.append(
            {
                "item": LINE_ITEMS["basic"] if basic else line.project,
                "key": "basic" if basic else f"project:{line.project}",
                "initial_fen": line.initial_fen,
                "adjusted_fen": line.adjusted_fen,
                "actual_fen": actual,
                "rate": share(actual, line.adjusted_fen),
            }
        )
    return pd.DataFrame(rows, columns=["item", "key", "initial_fen", "adjusted_fen", "actual_fen", "rate"])


def reconcile_spending(summary: SpendingSummary, expenditure: pd.DataFrame) -> list[Check]:
    """Basic = personnel + public; total = basic + project; project = Σ projects; unused classes warn."""
    checks = [
        check_parts_sum("basic_parts", "支出", "基本支出 = 人员经费 + 日常公用经费", summary.basic, [summary.personnel, summary.public]),
        check_parts_sum("total_parts", "支出", "部门整体支出 = 基本支出 + 项目支出", summary.total, [summary.basic, summary.project]),
        check_parts_sum("project_parts", "支出", "项目支出 = 各项目之和", summary.project, list(summary.projects.values())),
    ]
    unused = unused_econ_classes(expenditure)
    checks.append(
        Check(
            "econ_mapping",
            "支出",
            "经济分类映射表均被使用",
            "0",
            str(len(unused)),
            str(len(unused)),
            "0",
            "类",
            "warning" if unused else "pass",
            f"未使用的经济分类：{'、'.join(unused)}" if unused else "",
        )
    )
    return checks


def unbudgeted_projects(summary: SpendingSummary, budget: pd.DataFrame) -> list[str]:
    """Projects that spent money but have no line in budget.csv."""
    budgeted = set(budget.loc[budget["spending_type"].eq("project"), "project"])
    return [name for name, fen in summary.projects.items() if fen and name not in budgeted]


def check_budget_execution(rates: pd.DataFrame, unbudgeted: list[str], threshold: Fraction) -> list[Check]:
    """Each budget line: spending should not exceed the adjusted budget nor fall below ``threshold`` of it
    (department.yaml's execution_rate_threshold); the note states the rate and the unspent or over-spent
    amount. A budgeted line with no spending may be a misspelt name; spending with no budget line is
    flagged too. Figures in yuan."""
    checks = []
    floor = format_percent(threshold, 0 if (threshold * 100).denominator == 1 else 2)
    for row in rates.itertuples(index=False):
        over, idle = row.actual_fen > row.adjusted_fen, row.actual_fen == 0 and row.adjusted_fen > 0
        low = row.rate is not None and row.rate < threshold
        gap = fen_to_yuan(abs(row.actual_fen - row.adjusted_fen))
        if over:
            note = f"支出超过调整预算，超支{gap}元"
        elif idle:
            note = f"有预算无支出，未支出{gap}元，请核对项目名称是否与支出明细一致"
        else:
            note = f"低于{floor}，未支出{gap}元" if low else ""
        rate = "" if row.rate is None else f"执行率{format_percent(row.rate, 2)}"
        checks.append(
            Check(
                f"budget:{row.item}",
                "预算",
                f"{row.item}决算数 ≤ 调整预算数，执行率不低于{floor}",
                f"≤ {fen_to_yuan(row.adjusted_fen)}",
                str(fen_to_yuan(row.actual_fen)),
                str(fen_to_yuan(row.actual_fen - row.adjusted_fen)),
                "0.00",
                "元",
                "warning" if over or idle or low else "pass",
                "；".join(t for t in (rate, note) if t),
            )
        )
    for name in unbudgeted:
        checks.append(
            Check(
                f"budget:unbudgeted:{name}",
                "预算",
                f"{name}有支出须有预算批复",
                "有预算行",
                "无",
                "",
                "",
                "",
                "warning",
                "budget.csv 中没有该项目，请核对项目名称",
            )
        )
    return checks


def check_reasons(changes: list[Change], reasons: dict[str, str]) -> list[Check]:
    """Every change needing a reason has one in narrative.md (else a warning); a reason naming no line item warns too."""
    checks = []
    for change in (c for c in changes if c.needs_reason):
        has = change.label in reasons
        checks.append(
            Check(
                f"reason:{change.key}",
                "变动原因",
                f"{change.label}{describe_movement(change)}，须说明原因",
                "有原因",
                "有原因" if has else "无",
                "",
                "",
                "",
                "pass" if has else "warning",
                "" if has else "文字说明「变动原因」中未说明，报告中显示“原因待补充”",
            )
        )
    labels = {c.label for c in changes}
    for item in (i for i in reasons if i not in labels):
        checks.append(
            Check(
                f"reason:unmatched:{item}",
                "变动原因",
                f"变动原因“{item}”对应支出项目",
                "对应项目",
                "无",
                "",
                "",
                "",
                "warning",
                "文字说明「变动原因」中的名称与支出明细不一致，未被引用",
            )
        )
    return checks


def describe_movement(change: Change) -> str:
    """Short phrase for a check title: 为本年新增 / 本年无支出 / 较上年增长(下降)x%."""
    if change.pct is None:
        return "为本年新增"
    if change.current == 0:
        return "本年无支出"
    return f"较上年{'增长' if change.pct > 0 else '下降'}{format_percent(abs(change.pct), 1)}"
