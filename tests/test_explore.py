"""analysis.explore and analysis.explore_charts on a tiny hand-made ledger: 3 vouchers in 2023, 4 in 2024.

Every expected figure below is worked out by hand from the seven vouchers (amounts in fen):

    2023  A1 01-10 basic   30101 基本工资          100,000
          A2 02-15 basic   30201 办公费             50,000
          A3 03-20 project 30227 委托业务费 P1      200,000
    2024  B1 01-12 basic   30101 基本工资          130,000
          B2 01-25 basic   30102 津贴补贴           40,000
          B3 03-05 project 30227 委托业务费 P1      150,000
          B4 03-09 project 31002 办公设备购置 P2     60,000  (政府性基金预算)

Totals: 2023 350,000, 2024 380,000 (change +30,000); basic 150,000 → 170,000 (+20,000).
"""

from __future__ import annotations

import math

import pandas as pd
import pytest
from matplotlib.figure import Figure

from analysis.explore import (
    add_wan,
    budget_vs_actual,
    compare_by,
    compare_classes,
    compare_codes,
    compare_funds,
    compare_months,
    compare_projects,
    find_vouchers,
)
from analysis.explore_charts import label_rows, plot_change_waterfall, waterfall_steps

GENERAL, FUND = "一般公共预算", "政府性基金预算"
VOUCHERS = [  # deliberately not in date order
    ("B3", "2024-03-05", "project", "30227", "委托业务费", GENERAL, "P1", 150_000, 2024),
    ("A1", "2023-01-10", "basic", "30101", "基本工资", GENERAL, "", 100_000, 2023),
    ("B2", "2024-01-25", "basic", "30102", "津贴补贴", GENERAL, "", 40_000, 2024),
    ("A3", "2023-03-20", "project", "30227", "委托业务费", GENERAL, "P1", 200_000, 2023),
    ("B1", "2024-01-12", "basic", "30101", "基本工资", GENERAL, "", 130_000, 2024),
    ("B4", "2024-03-09", "project", "31002", "办公设备购置", FUND, "P2", 60_000, 2024),
    ("A2", "2023-02-15", "basic", "30201", "办公费", GENERAL, "", 50_000, 2023),
]


def tiny_history() -> pd.DataFrame:
    """The seven vouchers as ingest writes the history table."""
    frame = pd.DataFrame(
        VOUCHERS, columns=["voucher_id", "date", "spending_type", "econ_code", "econ_name", "fund_source", "project", "amount_fen", "fiscal_year"]
    )
    return frame.assign(
        date=pd.to_datetime(frame["date"]), econ_class=frame["econ_code"].str[:3], category="", func_code="", summary="摘要" + frame["voucher_id"]
    ).astype({"amount_fen": "int64"})


def tiny_budget() -> pd.DataFrame:
    """Four budget lines: basic, P1, P2 (spent only from another fund) and P3 with an adjusted budget of 0."""
    return pd.DataFrame(
        {
            "spending_type": ["basic", "project", "project", "project"],
            "project": ["", "P1", "P2", "P3"],
            "initial_fen": [200_000, 150_000, 100_000, 0],
            "adjusted_fen": [180_000, 200_000, 100_000, 0],
        }
    ).astype({"initial_fen": "int64", "adjusted_fen": "int64"})


def rows(frame: pd.DataFrame, columns: list[str]) -> list[tuple]:
    """Selected columns as plain tuples, NaN as None, for comparing with hand-worked values."""
    return [tuple(None if isinstance(v, float) and math.isnan(v) else v for v in row) for row in frame[columns].itertuples(index=False)]


def test_basic_spending_by_class(call_without_mutation) -> None:
    table = call_without_mutation(compare_classes, tiny_history(), 2024, "basic")
    # 301: 170,000 against 100,000; 302: nothing against 50,000; total change +20,000
    assert rows(table, ["econ_class", "class_name", "current_fen", "prior_fen", "change_fen", "change_pct", "share_of_change"]) == [
        ("301", "工资福利支出", 170_000, 100_000, 70_000, 0.7, 3.5),
        ("302", "商品和服务支出", 0, 50_000, -50_000, -1.0, -2.5),
    ]
    assert rows(table, ["current_wan", "prior_wan", "change_wan"]) == [(0.17, 0.1, 0.07), (0.0, 0.05, -0.05)]
    assert table[["current_fen", "prior_fen", "change_fen"]].dtypes.eq("int64").all()
    assert table[["change_pct", "share_of_change", "change_wan"]].dtypes.eq("float64").all()


def test_basic_spending_by_code_sorted_by_size_of_change() -> None:
    table = compare_codes(tiny_history(), 2024, "basic")
    assert rows(table, ["econ_class", "econ_code", "econ_name", "change_fen", "change_pct", "share_of_change"]) == [
        ("302", "30201", "办公费", -50_000, -1.0, -2.5),
        ("301", "30102", "津贴补贴", 40_000, None, 2.0),  # new this year: no % change
        ("301", "30101", "基本工资", 30_000, 0.3, 1.5),
    ]


def test_all_spending_by_project_counts_basic_as_the_blank_project() -> None:
    table = compare_projects(tiny_history(), 2024, fund_source=None)  # B4 (another fund) too
    assert rows(table, ["project", "current_fen", "prior_fen", "change_fen"]) == [
        ("P2", 60_000, 0, 60_000),
        ("P1", 150_000, 200_000, -50_000),
        ("", 170_000, 150_000, 20_000),
    ]
    assert table["share_of_change"].tolist() == pytest.approx([2.0, -5 / 3, 2 / 3])


def test_by_month_in_calendar_order_and_by_fund() -> None:
    months = compare_months(tiny_history(), 2024, order="key", fund_source=None)
    assert rows(months, ["month", "current_fen", "prior_fen", "change_fen"]) == [
        (1, 170_000, 100_000, 70_000),
        (2, 0, 50_000, -50_000),
        (3, 210_000, 200_000, 10_000),
    ]
    funds = compare_funds(tiny_history(), 2024)
    assert rows(funds, ["fund_source", "current_fen", "prior_fen", "change_fen", "share_of_change"]) == [
        (FUND, 60_000, 0, 60_000, 2.0),
        (GENERAL, 320_000, 350_000, -30_000, -1.0),
    ]


def test_ties_in_size_are_ordered_by_the_keys() -> None:
    table = compare_by(tiny_history(), 2024, ["spending_type", "econ_code"], fund_source=None)
    # 31002 +60,000, then two of 50,000 (basic 30201 before project 30227), 30102 +40,000, 30101 +30,000
    assert rows(table, ["spending_type", "econ_code"]) == [
        ("project", "31002"),
        ("basic", "30201"),
        ("project", "30227"),
        ("basic", "30102"),
        ("basic", "30101"),
    ]


def test_a_first_year_has_every_prior_at_zero_and_no_percentage() -> None:
    table = compare_classes(tiny_history(), 2023)  # no 2022 ledger: 302 is A2 + A3, 301 is A1
    assert rows(table, ["econ_class", "current_fen", "prior_fen", "change_fen", "change_pct"]) == [
        ("302", 250_000, 0, 250_000, None),
        ("301", 100_000, 0, 100_000, None),
    ]
    assert table["share_of_change"].tolist() == pytest.approx([5 / 7, 2 / 7])


def test_no_change_at_all_leaves_shares_undefined() -> None:
    history = tiny_history()
    same = pd.concat([history[history["fiscal_year"].eq(2024)], history[history["fiscal_year"].eq(2024)].assign(fiscal_year=2025)])
    assert compare_funds(same, 2025)["share_of_change"].isna().all()


def test_wan_rounds_half_up_once_from_fen() -> None:
    frame = add_wan(pd.DataFrame({"x_fen": [5_000, 14_999, 15_000, -5_000, 1_234_567]}), ["x_fen"])
    assert frame["x_wan"].tolist() == [0.01, 0.01, 0.02, -0.01, 1.23]


def test_unknown_keys_and_spending_types_are_refused() -> None:
    with pytest.raises(ValueError, match="分组键"):
        compare_by(tiny_history(), 2024, ["summary"])
    with pytest.raises(ValueError, match="支出类型"):
        compare_classes(tiny_history(), 2024, "other")


def test_budget_against_actual_counts_only_the_general_budget() -> None:
    table = budget_vs_actual(tiny_history(), tiny_budget(), 2024)
    # basic 170,000 of 180,000; P1 150,000 of 200,000; P2's 60,000 came from another fund; P3 has no budget
    assert rows(table, ["item", "initial_fen", "adjusted_fen", "actual_fen", "unspent_fen", "execution_rate"]) == [
        ("基本支出", 200_000, 180_000, 170_000, 10_000, 17 / 18),
        ("P1", 150_000, 200_000, 150_000, 50_000, 0.75),
        ("P2", 100_000, 100_000, 0, 100_000, 0.0),
        ("P3", 0, 0, 0, 0, None),
    ]
    assert rows(table, ["spending_type", "project", "adjusted_wan", "unspent_wan"])[1] == ("project", "P1", 0.2, 0.05)
    empty = budget_vs_actual(tiny_history(), None, 2024)
    assert empty.empty and str(empty["actual_fen"].dtype) == "int64" and str(empty["execution_rate"].dtype) == "float64"


def test_vouchers_behind_a_class_a_code_a_month_and_a_project(call_without_mutation) -> None:
    history = tiny_history()
    by_class = call_without_mutation(find_vouchers, history, year=2024, econ="301")
    assert rows(by_class, ["voucher_id", "amount_fen", "amount_yuan", "summary"]) == [("B1", 130_000, 1300.0, "摘要B1"), ("B2", 40_000, 400.0, "摘要B2")]
    assert find_vouchers(history, econ="30227")["voucher_id"].tolist() == ["A3", "B3"]  # both years, by date
    assert find_vouchers(history, month=1, spending_type="basic")["voucher_id"].tolist() == ["A1", "B1", "B2"]
    assert find_vouchers(history, year=2023, project="P1")["voucher_id"].tolist() == ["A3"]
    assert find_vouchers(history, fund_source=FUND)["voucher_id"].tolist() == ["B4"]
    assert list(by_class.columns) == [
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


@pytest.mark.parametrize(("filters", "message"), [({"econ": "3010"}, "3位"), ({"econ": "３０１"}, "3位"), ({"month": 13}, "月份")])
def test_voucher_filters_that_name_nothing_are_refused(filters: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        find_vouchers(tiny_history(), **filters)


def test_waterfall_runs_from_last_years_total_to_this_years() -> None:
    steps = waterfall_steps(compare_codes(tiny_history(), 2024, "basic"), top=2)
    assert rows(steps, ["label", "kind", "start_fen", "end_fen"]) == [
        ("上年", "total", 0, 150_000),
        ("30201 办公费", "decrease", 150_000, 100_000),
        ("30102 津贴补贴", "increase", 100_000, 140_000),
        ("其他", "increase", 140_000, 170_000),  # 30101's +30,000
        ("本年", "total", 0, 170_000),
    ]
    assert len(waterfall_steps(compare_codes(tiny_history(), 2024, "basic"), top=3)) == 5  # nothing left for 其他


def test_row_labels_and_the_drawn_waterfall() -> None:
    assert label_rows(compare_projects(tiny_history(), 2024, fund_source=None)).tolist() == ["P2", "P1", "基本支出"]
    assert label_rows(compare_months(tiny_history(), 2024, order="key")).tolist() == ["1月", "2月", "3月"]
    fig = plot_change_waterfall(compare_classes(tiny_history(), 2024, "basic"), title="基本支出变动")
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert len(ax.patches) == 4  # 上年, 301, 302, 本年
    assert [t.get_text() for t in ax.texts] == ["0.15", "+0.07", "-0.05", "0.17"]
    assert ax.get_ylabel() == "万元"  # levels span 0.07 万元: the padding (0.15 of at least 1 万元) reaches 0


def test_table_view_shows_percent_and_leaves_an_undefined_rate_blank() -> None:
    from analysis.explore_tables import table_view

    frame = pd.DataFrame({"project": ["知识库", "热线"], "change_pct": [float("nan"), 0.123456]})
    view = table_view(frame)
    assert list(view.columns) == ["项目名称", "变动率（%）"]
    assert view["变动率（%）"].tolist() == [None, 12.35]  # 0.123456 → 12.3456% → 12.35; no prior year: blank


def test_table_percentages_round_half_up_like_the_report() -> None:
    from analysis.explore_tables import percent

    assert percent(17_569_000 / 20_000_000) == 87.85  # exactly 87.845%: the report's 表3 says 87.85%, not 87.84
    assert percent(1_234_500 / 10_000_000) == 12.35  # 12.345%
    assert percent(1 / 3) == 33.33 and percent(-0.02345) == -2.35 and percent(float("nan")) is None


def test_largest_change_is_the_biggest_move_either_way_and_none_when_empty() -> None:
    from analysis.explore import largest_change

    table = pd.DataFrame({"econ_code": ["30101", "30201", "30107"], "change_fen": [500, -900, 900]})
    assert largest_change(table) == "30201"  # |−900| ties |900|: the first row
    assert largest_change(table.iloc[[0, 2]]) == "30107"
    assert largest_change(table.iloc[0:0]) is None


def test_comparisons_count_the_general_budget_by_default_as_the_report_does() -> None:
    """B4 (60,000, 政府性基金预算) is left out: 2024 general budget 320,000 against 350,000 in 2023, change −30,000."""
    projects = compare_projects(tiny_history(), 2024)
    assert rows(projects, ["project", "current_fen", "prior_fen", "change_fen"]) == [("P1", 150_000, 200_000, -50_000), ("", 170_000, 150_000, 20_000)]
    assert int(projects["change_fen"].sum()) == -30_000 and projects["share_of_change"].tolist() == [pytest.approx(5 / 3), pytest.approx(-2 / 3)]
    assert compare_projects(tiny_history(), 2024, fund_source=FUND)["project"].tolist() == ["P2"]
