"""analysis.reconcile and analysis.checks: totals, shares, year-over-year changes and verdicts."""

from __future__ import annotations

from fractions import Fraction

import pandas as pd
import pytest

from analysis.checks import Check, check_at_most, check_equal, check_parts_sum, checks_frame, summarise_checks
from analysis.money import format_percent
from analysis.reconcile import (
    REASON_THRESHOLD,
    SpendingSummary,
    check_budget_execution,
    check_reasons,
    compare_item,
    compare_years,
    execution_rates,
    monthly_spending,
    reconcile_spending,
    select_fund,
    share,
    summarise_history,
    summarise_spending,
)

GENERAL, FUND = "一般公共预算", "政府性基金预算"


def expenditure(rows: list[tuple]) -> pd.DataFrame:
    """Loaded-ledger shape from (date, spending_type, econ_class, category, project, amount_fen, fund_source)."""
    frame = pd.DataFrame(rows, columns=["date", "spending_type", "econ_class", "category", "project", "amount_fen", "fund_source"])
    return frame.assign(date=pd.to_datetime(frame["date"]), amount_fen=frame["amount_fen"].astype("int64"))


ROWS = [
    ("2024-01-05", "basic", "301", "personnel", "", 100_050, GENERAL),  # 1000.50 yuan
    ("2024-01-20", "basic", "303", "personnel", "", 50_000, GENERAL),  # 500.00 yuan
    ("2024-03-02", "basic", "302", "public", "", 30_000, GENERAL),
    ("2024-03-09", "basic", "310", "public", "", 20_000, GENERAL),
    ("2024-03-15", "project", "302", "", "信访救助经费", 40_000, GENERAL),
    ("2024-12-01", "project", "302", "", "热线经费", 60_000, FUND),
]


@pytest.fixture
def ledger() -> pd.DataFrame:
    return expenditure(ROWS)


def test_summarise_spending_splits_basic_and_projects(ledger, call_without_mutation):
    summary = call_without_mutation(summarise_spending, ledger)
    assert summary.personnel == 150_050  # 301 + 303: 1000.50 + 500.00 yuan
    assert summary.public == 50_000  # 302 + 310 within basic spending
    assert summary.basic == 200_050
    assert summary.project == 100_000
    assert summary.total == 300_050
    assert list(summary.projects.items()) == [("热线经费", 60_000), ("信访救助经费", 40_000)]  # largest first
    assert summary.by_fund == {GENERAL: 240_050, FUND: 60_000}
    assert all(isinstance(v, int) for v in (summary.total, summary.basic, summary.personnel, summary.public, summary.project))


def test_select_fund_keeps_one_budget_type(ledger, call_without_mutation):
    general = call_without_mutation(select_fund, ledger)
    assert len(general) == 5 and set(general["fund_source"]) == {GENERAL}
    assert call_without_mutation(select_fund, ledger, FUND)["amount_fen"].tolist() == [60_000]


def test_summarise_history_gives_one_summary_per_year(ledger):
    history = pd.concat([ledger.assign(fiscal_year=2024), expenditure(ROWS[:1]).assign(fiscal_year=2023)])
    summaries = summarise_history(history)
    assert list(summaries) == [2023, 2024]
    assert summaries[2023].total == 100_050 and summaries[2024].total == 300_050


def test_share_is_exact_from_unrounded_fen():
    # 1,004,900 fen = 1.00 万元 and 3,004,900 fen = 3.00 万元 when shown; the true share is 33.44%,
    # whereas the rounded amounts would give 1.00 / 3.00 = 33.3%.
    assert share(1_004_900, 3_004_900) == Fraction(1_004_900, 3_004_900)
    assert format_percent(share(1_004_900, 3_004_900), 1) == "33.4%"
    assert share(5, 0) is None


def test_yoy_pct_is_exact_from_unrounded_fen():
    # prior 1.0049 万元 (shown 1.00), current 1.2049 万元 (shown 1.20): 0.2 / 1.0049 = 19.9%, not 20.0%
    change = compare_item("basic", "基本支出", 1_204_900, 1_004_900)
    assert change.change == 200_000
    assert change.pct == Fraction(200_000, 1_004_900)
    assert format_percent(change.pct, 1) == "19.9%"


def test_yoy_undefined_when_prior_is_zero_or_missing():
    new = compare_item("project:x", "x", 194_900, 0)
    assert (new.change, new.pct, new.is_new, new.needs_reason) == (194_900, None, True, True)
    missing = compare_item("basic", "基本支出", 194_900, None)
    assert (missing.prior, missing.change, missing.pct, missing.is_new, missing.needs_reason) == (None, None, None, False, False)
    nothing = compare_item("project:y", "y", 0, 0)
    assert (nothing.pct, nothing.is_new, nothing.needs_reason) == (None, False, False)


@pytest.mark.parametrize(
    ("current", "prior", "pct", "needs_reason"),
    [
        (1_100, 1_000, Fraction(1, 10), True),  # exactly +10% needs a reason
        (900, 1_000, Fraction(-1, 10), True),  # exactly -10%
        (10_999, 10_000, Fraction(999, 10_000), False),  # +9.99% does not
        (9_001, 10_000, Fraction(-999, 10_000), False),
        (0, 10_000, Fraction(-1), True),  # a line that ended
        (1_000, 1_000, Fraction(0), False),
    ],
)
def test_reason_threshold_boundary(current, prior, pct, needs_reason):
    assert REASON_THRESHOLD == Fraction(1, 10)
    change = compare_item("k", "k", current, prior)
    assert change.pct == pct
    assert change.needs_reason is needs_reason


def test_compare_years_covers_headlines_and_projects_of_both_years(ledger):
    current = summarise_spending(ledger)
    prior = SpendingSummary(total=260_000, basic=200_000, personnel=150_000, public=50_000, project=60_000, projects={"信访救助经费": 50_000, "旧项目": 10_000})
    changes = {c.key: c for c in compare_years(current, prior)}
    assert list(changes) == ["total", "basic", "personnel", "public", "project", "project:热线经费", "project:信访救助经费", "project:旧项目"]
    assert changes["basic"].label == "基本支出" and changes["basic"].change == 50
    assert changes["project"].pct == Fraction(40_000, 60_000)
    assert changes["project:热线经费"].is_new
    assert changes["project:信访救助经费"].pct == Fraction(-1, 5)
    assert (changes["project:旧项目"].current, changes["project:旧项目"].pct) == (0, Fraction(-1))


def test_compare_years_without_prior_year(ledger):
    changes = compare_years(summarise_spending(ledger), None)
    assert len(changes) == 7
    assert all(c.prior is None and c.pct is None and not c.needs_reason for c in changes)


def test_monthly_spending_fills_all_twelve_months(ledger, call_without_mutation):
    table = call_without_mutation(monthly_spending, ledger)
    assert table["month"].tolist() == list(range(1, 13))
    assert table["basic_fen"].tolist() == [150_050, 0, 50_000] + [0] * 9
    assert table["project_fen"].tolist() == [0, 0, 40_000] + [0] * 8 + [60_000]


def test_execution_rates_and_over_budget_warning(ledger):
    summary = summarise_spending(ledger)
    budget = pd.DataFrame(
        {
            "spending_type": ["basic", "project", "project"],
            "project": ["", "信访救助经费", "未开展项目"],
            "initial_fen": [200_000, 40_000, 10_000],
            "adjusted_fen": [200_000, 50_000, 10_000],
        }
    )
    rates = execution_rates(summary, budget)
    assert rates["item"].tolist() == ["基本支出", "信访救助经费", "未开展项目"]
    assert rates["actual_fen"].tolist() == [200_050, 40_000, 0]
    assert rates["rate"].tolist() == [Fraction(200_050, 200_000), Fraction(4, 5), Fraction(0)]
    checks = check_budget_execution(rates, ["新项目"], Fraction(3, 4))
    # over budget; 40,000 of 50,000 fen spent (80%, above a 75% floor); budgeted but nothing spent (a misspelt name?);
    # spent without budget
    assert [c.verdict for c in checks] == ["warning", "pass", "warning", "warning"]
    assert (checks[0].expected, checks[0].actual, checks[0].difference) == ("≤ 2000.00", "2000.50", "0.50")
    assert checks[0].note == "执行率100.03%；支出超过调整预算，超支0.50元"  # 200,050 ÷ 200,000 = 1.00025 → 100.03%
    assert (checks[1].difference, checks[1].note) == ("-100.00", "执行率80.00%")
    assert checks[2].note.startswith("执行率0.00%；有预算无支出，未支出100.00元")  # 10,000 fen budgeted
    assert checks[3].id == "budget:unbudgeted:新项目"


def test_execution_below_the_threshold_warns_with_the_unspent_amount(ledger):
    budget = pd.DataFrame({"spending_type": ["project"], "project": ["信访救助经费"], "initial_fen": [50_000], "adjusted_fen": [50_000]})
    rates = execution_rates(summarise_spending(ledger), budget)  # 40,000 of 50,000 fen: 80%
    low = check_budget_execution(rates, [], Fraction(9, 10))[0]
    assert (low.verdict, low.note) == ("warning", "执行率80.00%；低于90%，未支出100.00元")  # 50,000 − 40,000 fen
    assert "不低于90%" in low.title
    assert check_budget_execution(rates, [], Fraction(4, 5))[0].verdict == "pass"  # exactly at the floor
    odd = check_budget_execution(rates, [], Fraction(8125, 10_000))[0]
    assert odd.note == "执行率80.00%；低于81.25%，未支出100.00元"
    idle = execution_rates(summarise_spending(ledger), budget.assign(project="未开展项目"))
    assert check_budget_execution(idle, [], Fraction(0))[0].verdict == "warning"  # nothing spent warns even with no floor


def test_reconcile_spending_passes_and_warns_on_unused_classes(ledger):
    checks = {c.id: c for c in reconcile_spending(summarise_spending(ledger), ledger)}
    assert [checks[k].verdict for k in ("basic_parts", "total_parts", "project_parts", "econ_mapping")] == ["pass"] * 4
    without_310 = expenditure([r for r in ROWS if r[2] != "310"])
    mapping = {c.id: c for c in reconcile_spending(summarise_spending(without_310), without_310)}["econ_mapping"]
    assert mapping.verdict == "warning" and "310" in mapping.note


def test_check_reasons_warns_only_for_missing_reasons():
    changes = [
        compare_item("basic", "基本支出", 1_100, 1_000),
        compare_item("public", "日常公用经费", 1_050, 1_000),
        compare_item("project:热线", "热线", 500, 0),
    ]
    checks = check_reasons(changes, {"基本支出": "压减一般性支出"})
    assert [(c.id, c.verdict) for c in checks] == [("reason:basic", "pass"), ("reason:project:热线", "warning")]
    assert checks[0].title == "基本支出较上年增长10.0%，须说明原因" and checks[1].title == "热线为本年新增，须说明原因"


def test_check_reasons_warns_about_a_reason_naming_no_line_item():
    changes = [compare_item("basic", "基本支出", 1_000, 1_000)]
    checks = check_reasons(changes, {"基本支出": "持平", "信访维稳费": "名称写错"})
    assert [(c.id, c.verdict) for c in checks] == [("reason:unmatched:信访维稳费", "warning")]


# --- analysis.checks -------------------------------------------------------------------------


def test_parts_sum_exact_passes():
    # 1500.50 + 500.00 = 2000.50 yuan; shown 0.15 + 0.05 = 0.20 万元
    check = check_parts_sum("basic", "支出", "基本支出", 200_050, [150_050, 50_000])
    assert (check.verdict, check.expected, check.actual, check.difference, check.note) == ("pass", "2000.50", "2000.50", "0.00", "")


def test_parts_sum_display_gap_of_one_hundredth_wan_is_a_warning():
    # 50 + 50 = 100 yuan exactly, but shown 0.01 + 0.01 = 0.02 万元 against a total shown as 0.01 万元
    check = check_parts_sum("basic", "支出", "基本支出", 10_000, [5_000, 5_000])
    assert check.verdict == "warning"
    assert "0.01万元" in check.note and "尾数" in check.note


def test_parts_not_summing_fail():
    check = check_parts_sum("basic", "支出", "基本支出", 10_001, [5_000, 5_000])
    assert (check.verdict, check.expected, check.actual, check.difference) == ("fail", "100.01", "100.00", "-0.01")


def test_check_at_most_and_check_equal():
    assert check_at_most("a", "x", "t", 3, 3, "件").verdict == "pass"
    over = check_at_most("a", "x", "t", 5, 3, "件")
    assert (over.verdict, over.difference) == ("fail", "2")
    assert check_equal("e", "x", "t", 4, 4, "件").verdict == "pass"
    unequal = check_equal("e", "x", "t", 4, 6, "件")
    assert (unequal.verdict, unequal.difference) == ("fail", "2")


def test_summarise_checks_and_checks_frame():
    checks = [
        Check("a", "支出", "t1", "1", "1", "0", "0", "元", "pass"),
        Check("b", "人员", "t2", "1", "2", "1", "0", "人", "warning"),
        Check("c", "支出", "t3", "1", "3", "2", "0", "元", "fail", "不符"),
    ]
    assert summarise_checks(checks) == {"pass": 1, "warning": 1, "fail": 1}
    assert checks[2].as_dict()["verdict_label"] == "不符"
    frame = checks_frame(checks, areas=("支出",))
    assert frame["核对内容"].tolist() == ["t1", "t3"]
    assert frame["结论"].tolist() == ["通过", "不符"]
