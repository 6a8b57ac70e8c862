"""`jixiao check` on small hand-written passages: extraction, each relation in several wordings, rounding.

Every expected value below is worked out by hand in the comment beside it.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from analysis.claims import check_lines
from analysis.claims.extract import extract_claims


def relations(text: str, year: int | None = None) -> list[tuple[str, str, str, str]]:
    """(kind, stated, recomputed, verdict) of every relation found in a passage (one line per paragraph)."""
    result = check_lines(text.strip().splitlines(), year)
    return [(f.kind, f.stated, f.recomputed, f.verdict) for f in result.findings if f.kind != "none"]


def verdicts(text: str, kind: str) -> list[tuple[str, str, str]]:
    """(stated, recomputed, verdict) of the relations of one kind."""
    return [(stated, recomputed, verdict) for k, stated, recomputed, verdict in relations(text) if k == kind]


def test_claims_are_numbers_with_units_and_positions() -> None:
    claims = check_lines(["2024年基本支出199.54 万元，工单30,708件，满意率97.43％，缺口约3万余元，第35个减灾日。"]).claims
    assert [(c.text, c.kind, c.unit, c.value, c.decimals, c.column) for c in claims] == [
        ("199.54 万元", "money", "万元", Fraction(1995400), 2, 10),  # 199.54 × 10000 yuan; "2024年基本支出" is 9 characters
        ("30,708件", "count", "件", Fraction(30708), 0, 22),
        ("97.43%", "percent", "%", Fraction(9743, 100), 2, 33),  # the full-width ％ read as %
        ("3万余元", "money", "万元", Fraction(30000), 0, 43),
    ]
    assert claims[3].approx and not claims[0].approx  # 余 marks an approximate figure; 第35个 is an ordinal, not a claim


def test_rounding_allowed_is_half_a_unit_of_the_last_digit() -> None:
    money, one_decimal, count, percent = extract_claims(["199.54万元、52.2万元、30708件、100%"])
    assert money.half_unit == 50  # 0.005万元 = 50 yuan
    assert one_decimal.half_unit == 500  # 0.05万元
    assert count.half_unit == 0  # counts are exact
    assert percent.half_unit == Fraction(1, 2)
    assert money.display(Fraction(-63300)) == "6.33万元"  # a magnitude, at the claim's two decimals
    assert percent.display(Fraction(50588, 1000)) == "51%"  # 50.588 at no decimals, half up


@pytest.mark.parametrize(
    "text",
    [
        "2024年项目支出50.00万元，较上年增加10.00万元，增长20.0%。",
        "2024年项目支出50.00万元，比上年增加10.00万元，增幅20.0%。",
        "2024年项目支出50.00万元，同比增加10.00万元，上升20.0%。",
        "2024年项目支出50.00万元，与上年相比增加10.00万元，增长20.0%。",
        "2024年项目支出50.00万元（上年为40.00万元），同比增长20.0%。",
        "2023年项目支出为40.00万元。2024年项目支出50.00万元，同比增长20.0%。",
        "2024年项目支出50.00万元，比2023年的40.00万元增加10.00万元，增长20.0%。",
        "2024年项目支出50.00万元，较上年的40.00万元增长20.0%。",
    ],
)
def test_percentage_change_on_the_wrong_base_is_found_however_it_is_worded(text: str) -> None:
    # 10.00 ÷ (50.00 − 10.00) = 10 ÷ 40 = 25.0%; 20.0% is the change on this year's base (10 ÷ 50)
    assert verdicts(text, "pct_change") == [("20.0%", "25.0%", "inconsistent")]
    assert verdicts(text.replace("20.0%", "25.0%"), "pct_change") == [("25.0%", "25.0%", "consistent")]


def test_a_fall_is_checked_with_its_sign() -> None:
    text = "2024年信访维稳经费28.98万元，比上年减少29.67万元，下降52.5%。"
    # −29.67 ÷ (28.98 + 29.67) = −29.67 ÷ 58.65 = −0.50588 → 下降50.6%
    assert verdicts(text, "pct_change") == [("52.5%", "50.6%", "inconsistent")]


def test_prior_year_value_that_contradicts_the_change() -> None:
    text = "2024年基本支出199.54万元，上年205.96万元，较上年减少6.33万元，下降3.1%。"
    # 199.54 − 205.96 = −6.42; the % is checked against the stated change: 6.33 ÷ 205.87 = 3.07% → 3.1%
    assert verdicts(text, "prior_change") == [("6.33万元", "6.42万元", "inconsistent")]
    assert verdicts(text, "pct_change") == [("3.1%", "3.1%", "consistent")]


@pytest.mark.parametrize("share", ["占基本支出的{}", "占基本支出比重为{}", "占比{}"])
def test_shares_in_several_wordings(share: str) -> None:
    right = f"2024年基本支出199.54万元，其中人员经费147.34万元，{share.format('73.8%')}；日常公用经费52.20万元，{share.format('26.1%')}。"
    # 147.34 ÷ 199.54 = 73.84% → 73.8%; 52.20 ÷ 199.54 = 26.16% → 26.2%, so a truncated 26.1% is wrong
    assert verdicts(right, "share") == [("73.8%", "73.8%", "consistent"), ("26.1%", "26.2%", "inconsistent")]


def test_parts_that_do_not_add_up_and_the_list_forms() -> None:
    listed = "2024年项目支出104.97万元。其中：信访维稳经费28.98万元；信访救助经费56.50万元；热线管理经费19.59万元。"
    assert verdicts(listed, "sum") == [("104.97万元", "105.07万元", "inconsistent")]  # 28.98 + 56.50 + 19.59 = 105.07
    closed = "信访维稳经费28.98万元、信访救助经费56.50万元、热线管理经费19.49万元，合计105.97万元。"
    assert verdicts(closed, "sum") == [("105.97万元", "104.97万元", "inconsistent")]  # 28.98 + 56.50 + 19.49 = 104.97
    within = "2024年基本支出199.54万元。基本支出中，人员经费147.34万元；日常公用经费52.20万元。"
    assert verdicts(within, "sum") == [("199.54万元", "199.54万元", "consistent")]
    respectively = "2024年基本支出199.54万元，其中人员经费和日常公用经费分别为147.34万元和52.20万元，占比分别为73.8%和26.2%。"
    assert verdicts(respectively, "sum") == [("199.54万元", "199.54万元", "consistent")]


@pytest.mark.parametrize(
    "text",
    [
        "2024年项目支出104.97万元，主要用于信访维稳经费28.98万元、信访救助经费56.50万元。",
        "2024年项目支出104.97万元，其中信访维稳经费28.98万元、信访救助经费56.50万元等。",
        "2024年项目支出104.97万元，包括信访维稳经费28.98万元、信访救助经费56.50万元。",
    ],
)
def test_lists_that_do_not_claim_to_be_complete_are_only_subsets(text: str) -> None:
    # 28.98 + 56.50 = 85.48 ≠ 104.97, but 主要用于/等/包括 do not claim the list is complete
    assert verdicts(text, "sum") == []
    assert verdicts(text, "subset") == [("28.98万元", "≤104.97万元", "consistent"), ("56.50万元", "≤104.97万元", "consistent")]


def test_rounding_of_one_decimal_parts_is_allowed_but_no_more() -> None:
    # 147.34 + 52.2: 52.2 stands for 52.15..52.25, so the sum is 199.485..199.595
    assert verdicts("人员经费147.34万元、日常公用经费52.2万元，合计199.59万元。", "sum")[0][2] == "consistent"
    assert verdicts("人员经费147.34万元、日常公用经费52.2万元，合计199.61万元。", "sum") == [("199.61万元", "199.54万元", "inconsistent")]


def test_parts_changes_against_the_total_change() -> None:
    text = "2024年基本支出199.54万元，较上年减少6.42万元。基本支出中人员经费147.34万元，较上年减少9.53万元；日常公用经费52.2万元，较上年增加3.2万元。"
    assert verdicts(text, "change_sum") == [("6.42万元", "6.33万元", "inconsistent")]  # −9.53 + 3.2 = −6.33


def test_a_new_item_counts_in_full_and_an_ended_one_falls_by_its_prior() -> None:
    text = (
        "2024年项目支出104.97万元，较上年增加4.17万元。其中：信访维稳经费28.98万元，较上年减少29.67万元；"
        "信访救助经费56.50万元，较上年增加14.35万元；热线管理经费19.49万元，为本年新增；培训经费本年无支出（上年10.00万元）。"
    )
    # −29.67 + 14.35 + 19.49 − 10.00 = −5.83, not +4.17
    assert verdicts(text, "change_sum") == [("4.17万元", "−5.83万元", "inconsistent")]


def test_hotline_rates_from_counts() -> None:
    text = "全年受理工单30708件，其中自办22894件、办结22894件，交办7814件、办结7576件，总办结率99.22%，回访率100%。"
    # (22894 + 7576) ÷ 30708 = 30470 ÷ 30708 = 99.225% → 99.22% (in its rounding); 自办 + 交办 = 30708
    assert verdicts(text, "rate") == [("99.22%", "99.22%", "consistent"), ("100%", "", "uncheckable")]
    assert verdicts(text, "sum") == [("30708件", "30708件", "consistent")]
    wrong = text.replace("办结7576件", "办结7376件")  # 30270 ÷ 30708 = 98.57%
    assert verdicts(wrong, "rate")[0] == ("99.22%", "98.57%", "inconsistent")


def test_rates_with_their_formula_written_beside_them() -> None:
    text = "满意率97.43%（满意及基本满意29687件 ÷ 参评30470件），回访率99.00%（回访30470件 ÷ 办结30470件）。"
    # 29687 ÷ 30470 = 97.430%; 30470 ÷ 30470 = 100.00%
    assert verdicts(text, "rate") == [("97.43%", "97.43%", "consistent"), ("99.00%", "100.00%", "inconsistent")]


def test_budget_execution_rate() -> None:
    text = "年初预算300.00万元，调整预算320.00万元，实际支出310.40万元，预算执行率96.00%。"
    assert verdicts(text, "rate") == [("96.00%", "97.00%", "inconsistent")]  # 310.40 ÷ 320.00 = 97.00%


def test_percentage_points() -> None:
    text = "2024年预算执行率98.50%，较上年提高1.30个百分点（上年为97.30%）。"
    assert verdicts(text, "pp") == [("1.30个百分点", "1.20个百分点", "inconsistent")]  # 98.50 − 97.30 = 1.20


def test_counted_lists() -> None:
    assert verdicts("设内设机构5个，分别为办公室、财务科、业务科和信息科。", "count") == [("5个", "4个", "inconsistent")]
    # 和 inside a name: 基层治理和基层政权建设组 is one item, so the five are right
    assert verdicts("内设机构3个，分别为办公室、基层治理和基层政权建设组、志愿服务组。", "count") == [("3个", "3个", "consistent")]
    assert verdicts("指导岳东、金月、万福3个社区开展工作。", "count") == [("3个", "3个", "consistent")]
    assert verdicts("新批复城建、社会组织、物流等6家党委。", "count") == []  # 等: not a complete list


def test_same_quantity_written_twice() -> None:
    text = "2024年项目支出104.97万元。\n六、绩效情况\n全年项目支出105.97万元，重点保障信访工作。"
    assert verdicts(text, "same_value") == [("105.97万元", "104.97万元", "inconsistent")]


def test_staff_above_establishment_is_a_warning() -> None:
    text = "核定行政编制4名，事业编制15名，实有行政编制人员5人，事业编制人员10人。"
    assert verdicts(text, "staffing") == [("5人", "≤4名", "warning"), ("10人", "≤15名", "consistent")]


def test_counts_of_overlapping_groups_are_not_summed() -> None:
    text = "全年受理信访363批717人次，其中领导接访211批510人次，进京访11批11人次。"
    assert {verdict for _, _, verdict in verdicts(text, "subset")} == {"consistent"}
    assert verdicts(text, "sum") == []


def test_a_year_compared_with_is_not_the_figures_year() -> None:
    text = "2024年基本支出323.07万元，较2023年增加12.59万元，上升4.1%。"
    # 12.59 ÷ (323.07 − 12.59) = 12.59 ÷ 310.48 = 4.06% → 4.1%; no prior-year figure is stated, so no prior check
    assert relations(text) == [("pct_change", "4.1%", "4.1%", "consistent")]


TABLE = """表1　支出变动（单位：万元）
| 项目 | 2024年 | 2023年 | 增减额 | 增减率 | 占比 |
|---|---|---|---|---|---|
| 合计 | 300.00 | 250.00 | 50.00 | 20.0% | 100.0% |
| 基本支出 | 200.00 | 150.00 | 50.00 | 25.0% | 66.7% |
| 项目支出 | 100.00 | 100.00 | 0.00 | 0.0% | 30.0% |
2024年基本支出210.00万元。
| 项目 | 调整预算（万元） | 决算数（万元） | 执行率 |
|---|---|---|---|
| 培训项目 | 320.00 | 310.40 | 96.00% |"""


def test_table_rows_are_checked_and_compared_with_the_text() -> None:
    found = {(kind, stated, recomputed, verdict) for kind, stated, recomputed, verdict in relations(TABLE) if verdict != "consistent"}
    assert found == {
        ("pct_change", "25.0%", "33.3%", "inconsistent"),  # 基本支出: (200 − 150) ÷ 150 = 33.3%
        ("share", "30.0%", "33.3%", "inconsistent"),  # 项目支出: 100 ÷ 合计 300 = 33.3%
        ("same_value", "210.00万元", "200.00万元", "inconsistent"),  # the text contradicts the table above it
        ("rate", "96.00%", "97.00%", "inconsistent"),  # 310.40 ÷ 320.00 = 97.00%
    }
    consistent = {(kind, stated) for kind, stated, _, verdict in relations(TABLE) if verdict == "consistent"}
    assert {("prior_change", "50.00"), ("pct_change", "20.0%"), ("share", "66.7%"), ("prior_change", "0.00")} <= consistent


def test_a_count_closed_by_gong() -> None:
    assert verdicts("全年组织宣讲活动12次、培训活动8次，共21次。", "sum") == [("21次", "20次", "inconsistent")]  # 12 + 8 = 20
    assert verdicts("我部共有内设机构5个，分别为办公室、人事科、财务科、业务科和信息科。", "sum") == []  # 共有 opens, it does not close


def test_a_prior_year_figure_in_brackets_or_after_de() -> None:
    # 794.37 − 771.05 = 23.32, not the 18.32 written
    assert verdicts("2024年基本支出794.37万元（2023年为771.05万元），较上年增加18.32万元。", "prior_change") == [("18.32万元", "23.32万元", "inconsistent")]
    assert verdicts("2024年支出8612元，较上年的11900元减少3288元，下降27.6%。", "prior_change") == [("3288元", "3288元", "consistent")]


def test_execution_rate_against_the_adjusted_budget_not_the_initial_one() -> None:
    text = "2024年预算调整数为4052.00万元（年初预算3680.45万元），全年支出3991.73万元，预算执行率98.51%。"
    assert verdicts(text, "rate") == [("98.51%", "98.51%", "consistent")]  # 3991.73 ÷ 4052.00 = 98.513%


def test_closure_rate_against_orders_received_in_an_earlier_paragraph() -> None:
    text = "全年受理群众诉求186452件。\n全年直办121906件，交办64546件，已办结63207件。全年共办结185113件，总办结率98.28%。"
    assert verdicts(text, "rate") == [("98.28%", "99.28%", "inconsistent")]  # 185113 ÷ 186452 = 99.28%


def test_staffing_across_sentences_and_in_bian_staff() -> None:
    assert verdicts("核定行政编制18名、事业编制24名。年末实有行政编制人员19人，事业编制人员21人。", "staffing") == [
        ("19人", "≤18名", "warning"),
        ("21人", "≤24名", "consistent"),
    ]
    assert verdicts("中心核定事业编制12名，年末实有在编人员13人。", "staffing") == [("13人", "≤12名", "warning")]


# Wordings a reviewer found misread; each expected value worked out by hand.


def test_a_budget_is_not_the_spending_of_the_same_name() -> None:
    text = "2024年年初预算数300.00万元，其中基本支出210.00万元。\n2024年决算数中基本支出199.54万元。"
    assert verdicts(text, "same_value") == []  # 210.00 is budgeted, 199.54 spent: two quantities


def test_a_quarter_and_a_sub_unit_are_not_the_year_and_the_department() -> None:
    assert verdicts("全年受理工单30708件。第四季度，受理工单8000件。", "same_value") == []
    assert verdicts("2024年部门整体支出304.51万元。机关本级部门整体支出200.00万元。", "same_value") == []


def test_respective_shares_go_to_their_parts_in_order() -> None:
    text = "2024年部门整体支出300.00万元，其中基本支出和项目支出分别为200.00万元和100.00万元，分别占部门整体支出的66.7%和33.3%。"
    # 200 ÷ 300 = 66.67% → 66.7%; 100 ÷ 300 = 33.33% → 33.3%
    assert verdicts(text, "share") == [("66.7%", "66.7%", "consistent"), ("33.3%", "33.3%", "consistent")]


def test_named_changes_after_qizhong_add_up_to_the_total_change() -> None:
    text = "2024年基本支出199.54万元，较上年减少6.42万元。其中：人员经费减少9.53万元，日常公用经费增加3.2万元。"
    assert verdicts(text, "change_sum") == [("6.42万元", "6.33万元", "inconsistent")]  # −9.53 + 3.2 = −6.33
    assert verdicts(text, "sum") == []  # the changes are not parts of 199.54


def test_last_years_figure_before_this_years_does_not_take_the_change() -> None:
    text = "2024年基本支出199.54万元，2023年基本支出205.96万元，减少6.42万元，下降3.12%。"
    # the change is 2024's: 199.54 − 205.96 = −6.42; 6.42 ÷ (199.54 + 6.42) = 6.42 ÷ 205.96 = 3.117% → 3.12%
    assert verdicts(text, "pct_change") == [("3.12%", "3.12%", "consistent")]
    assert verdicts(text, "prior_change") == [("6.42万元", "6.42万元", "consistent")]


def test_place_names_joined_by_he_and_quoted_names() -> None:
    assert verdicts("指导3个村（社区），分别为双田村、船山村和衡岳社区。", "count") == [("3个", "3个", "consistent")]
    assert verdicts("覆盖3个乡镇，分别为南山镇、北湖乡及东坡街道。", "count") == [("3个", "3个", "consistent")]
    assert verdicts("开展2项活动，分别为“学习、宣传、实践”活动和志愿服务月。", "count") == [("2项", "2项", "consistent")]


def test_the_upper_end_of_a_range_is_not_a_figure_to_add() -> None:
    assert verdicts("全年开展培训3-5次、讲座2次，共计6次。", "sum") == []  # 3-5次 is a range: the total cannot be checked


def test_inner_qizhong_in_brackets_keeps_the_outer_list() -> None:
    text = "2024年部门整体支出300.00万元，其中基本支出200.00万元（其中人员经费150.00万元），项目支出90.00万元。"
    assert verdicts(text, "sum") == [("300.00万元", "290.00万元", "inconsistent")]  # 200 + 90 = 290


def test_last_years_figure_first_then_this_years() -> None:
    assert verdicts("2024年项目支出由上年的100.80万元增至104.97万元，增长4.1%。", "pct_change") == [("4.1%", "4.1%", "consistent")]
    # (104.97 − 100.80) ÷ 100.80 = 4.14% → 4.1%
    assert verdicts("2024年项目支出增加10.00万元，达到50.00万元，增长20.0%。", "pct_change") == [("20.0%", "25.0%", "inconsistent")]
    # 10 ÷ (50 − 10) = 25.0%


def test_a_total_row_last_and_shares_of_it() -> None:
    table = "单位：万元\n| 项目 | 2024年 | 占比 |\n|---|---|---|\n| 基本支出 | 200.00 | 66.7% |\n| 项目支出 | 110.00 | 33.3% |\n| 合计 | 300.00 | 100.0% |"
    found = {(kind, stated, recomputed, verdict) for kind, stated, recomputed, verdict in relations(table) if verdict == "inconsistent"}
    # 200 + 110 = 310 ≠ 300; 200 ÷ 300 = 66.7% and 300 ÷ 300 = 100.0% hold; 110 ÷ 300 = 36.7%, not 33.3%
    assert found == {("sum", "300.00", "310.00", "inconsistent"), ("share", "33.3%", "36.7%", "inconsistent")}


# Wordings a second reviewer found misread; each expected value worked out by hand.


def test_shares_after_a_list_with_fenbie() -> None:
    text = "2024年部门整体支出304.51万元，其中基本支出199.54万元、项目支出104.97万元，分别占总支出的65.5%和34.5%。"
    # 199.54 ÷ 304.51 = 65.53% → 65.5%; 104.97 ÷ 304.51 = 34.47% → 34.5%
    assert verdicts(text, "share") == [("65.5%", "65.5%", "consistent"), ("34.5%", "34.5%", "consistent")]


def test_points_with_fenbie_and_points_against_an_average() -> None:
    text = "2024年办结率99.22%，满意率97.43%，分别较上年提高0.22个百分点和1.53个百分点；上年办结率99.00%，满意率96.00%。"
    # 99.22 − 99.00 = 0.22; 97.43 − 96.00 = 1.43, not 1.53
    assert verdicts(text, "pp") == [("0.22个百分点", "0.22个百分点", "consistent"), ("1.53个百分点", "1.43个百分点", "inconsistent")]
    assert verdicts("2024年满意率97.43%，高于全市平均水平1.2个百分点；上年满意率96.00%。", "pp") == []


def test_lists_of_two_years_and_of_two_units() -> None:
    years = "上年基本支出205.96万元、项目支出100.80万元，合计306.76万元；本年基本支出199.54万元、项目支出104.97万元，合计304.51万元。"
    assert [v for _, _, v in verdicts(years, "sum")] == ["consistent", "consistent"] and verdicts(years, "same_value") == []
    units = "2024年机关本级支出200万元，其中基本支出150万元，项目支出50万元；事业单位支出104.51万元，其中基本支出54.51万元，项目支出50万元。"
    assert [v for _, _, v in verdicts(units, "sum")] == ["consistent", "consistent"] and verdicts(units, "same_value") == []


def test_an_approximate_total_is_not_replaced_by_an_earlier_one() -> None:
    assert verdicts("2024年项目支出104.97万元。全年发放救助金120余万元，其中临时救助80万元，医疗救助35万元。", "sum") == []


def test_a_list_within_a_part() -> None:
    text = "2024年项目支出104.97万元，其中信访经费85.48万元，其中信访维稳经费28.98万元、信访救助经费56.5万元；12345热线管理经费19.49万元。"
    # 85.48 + 19.49 = 104.97 and 28.98 + 56.5 = 85.48
    assert verdicts(text, "sum") == [("104.97万元", "104.97万元", "consistent"), ("85.48万元", "85.48万元", "consistent")]


def test_budget_columns_and_items_split_at_semicolons() -> None:
    table = "单位：万元\n| 项目 | 2024年预算数 | 2024年决算数 | 执行率 |\n|---|---|---|---|\n| 基本支出 | 201.00 | 199.54 | 99.27% |"
    assert relations(table + "\n2024年基本支出199.54万元。") == [
        ("rate", "99.27%", "99.27%", "consistent"),  # 199.54 ÷ 201.00 = 99.274%
        ("same_value", "199.54万元", "199.54万元", "consistent"),  # the 决算数 column, not the budget
    ]
    assert verdicts("存在问题主要有2个方面：一是预算编制不够精准、执行进度偏慢；二是绩效目标不够细化。", "count") == [("2个", "2个", "consistent")]


def test_last_years_figure_right_after_jiao_shang_nian() -> None:
    # 14.89 ÷ 348.72 = 4.27% → 4.3%, and 363.61 − 348.72 = 14.89
    text = "2024年总支出363.61万元，较上年348.72万元增加14.89万元，增长4.3%。"
    assert [v for _, _, v in verdicts(text, "pct_change") + verdicts(text, "prior_change")] == ["consistent", "consistent"]
    # (627.50 − 398.00) ÷ 398.00 = 57.66% → 57.7%
    assert verdicts("2024年能力建设支出627.50万元，较上年（398.00万元）增长57.7%。", "pct_change") == [("57.7%", "57.7%", "consistent")]


def test_figures_of_items_listed_in_one_sentence_are_not_one_quantity() -> None:
    text = "①政府采购项目684个，成交金额12.85亿元；②产权出让项目87个，成交金额11.04亿元。"
    assert verdicts(text, "same_value") == []
    assert verdicts("主要用于胸痛中心、卒中中心建设和12家乡镇卫生院设备更新。", "count") == []  # 12家 is the last item's


def test_staff_against_all_posts_and_a_rate_named_by_a_synonym() -> None:
    text = "核定编制12名（国家事业编制10名、地方事业编制2名），年末实有在职人员13人。"
    assert verdicts(text, "staffing") == [("13人", "≤12名", "warning")]  # 13 staff, 12 posts
    text = "全年发布的126次预警信号中，经检验正确117次，预警信号准确率89.68%。"
    assert verdicts(text, "rate") == [("89.68%", "92.86%", "inconsistent")]  # 117 ÷ 126 = 92.857%


def test_wordings_a_reviewer_found_missed() -> None:
    # (104.97 − 100.80) ÷ 100.80 = 4.14% → 4.1%, not 5.1%
    assert verdicts("2024年项目支出同比增长5.1%，由上年的100.80万元增加到104.97万元。", "pct_change") == [("5.1%", "4.1%", "inconsistent")]
    assert verdicts("内设办公室、信访股、热线股、志愿服务股，共5个股室。", "count") == [("5个", "4个", "inconsistent")]
    assert verdicts("核定行政编制4名，实有5人。", "staffing") == [("5人", "≤4名", "warning")]
    # 30,470 ÷ 31,000 = 98.29%, not 98.22%
    assert verdicts("全年受理工单31,000件。\n全年办结工单30,470件，办结率98.22%。", "rate") == [("98.22%", "98.29%", "inconsistent")]


def test_fifth_blind_sets_misreadings() -> None:
    # 3个工作日、1个工作日 are two figures, not a list of two items counted as 1
    assert verdicts("一般登记办理时限压缩至3个工作日、抵押登记压缩至1个工作日以内。", "count") == []
    # 合计38人 adds the staff of its own ；-part (26 + 12), not the posts before it
    text = "核定行政编制28名、事业编制12名；2024年末实有行政人员26人、事业人员12人，合计38人。"
    assert verdicts(text, "sum") == [("38人", "38人", "consistent")]


def test_a_rate_over_zero_is_uncheckable_not_an_error() -> None:
    # 0 orders received: 办结率 cannot be recomputed (found by fuzzing the test reports)
    assert verdicts("全年受理工单0件，其中自办0件，交办0件，办结0件，办结率100%。", "rate") == [("100%", "", "uncheckable")]


def test_sixth_blind_sets_misreadings() -> None:
    # a standard inside a reason is not a part: 932.16 + 175.93 = 1,108.09
    text = "1.基本支出1,108.09万元。其中人员经费932.16万元，主要是人数由69人增至74人，以及按每人每月300元标准调增岗位补贴；日常公用经费175.93万元。"
    assert verdicts(text, "sum") == [("1,108.09万元", "1,108.09万元", "consistent")]
    # what is added after 加 is not a part; 596.30 + 8.15 = 604.45
    text = "2024年收入合计604.45万元，其中财政拨款收入596.30万元、其他收入8.15万元；加年初结转结余20.00万元，当年可支配资金624.45万元。"
    assert verdicts(text, "sum") == [("604.45万元", "604.45万元", "consistent")]
    # the list of names ends at the first comma: four names, not five
    assert verdicts("建成骨灰堂5个，分别为青石村、柳塘村、下湾村、马鞍村骨灰堂，均由镇街管护、我所指导。", "count") == [("5个", "4个", "inconsistent")]
    # 听力筛查率 is not counted by 乳腺癌筛查; 督促整改 counts for 隐患整改率 (3,296 ÷ 3,412 = 96.60%)
    assert verdicts("完成筛查12,860人，其中乳腺癌筛查11,930人；听力筛查率98.86%。", "rate") == [("98.86%", "", "uncheckable")]
    assert verdicts("发现火灾隐患3,412处，督促整改3,296处，隐患整改率98.60%。", "rate") == [("98.60%", "96.60%", "inconsistent")]
    # after 基本支出's change, 其中 breaks down 基本支出: 598.42 ÷ 701.27 = 85.3%, 102.85 ÷ 701.27 = 14.7%
    text = (
        "2023年基本支出701.27万元，项目支出227.37万元。基本支出较上年增加28.37万元，增长4.2%，其中人员经费598.42万元，"
        "占基本支出的85.3%，日常公用经费102.85万元，占14.7%。"
    )
    assert verdicts(text, "share") == [("85.3%", "85.3%", "consistent"), ("14.7%", "14.7%", "consistent")]
