"""Services over the years: counts kept by ingest, changes on the year before, the 历年业务数据 table, trend charts, year colours."""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path

import pandas as pd
import pytest
from helpers import leaks
from matplotlib.colors import to_hex

from analysis import charts
from analysis.chart_parts import year_color
from analysis.ingest import ingest, load_processed
from analysis.ledgers.common import LedgerError
from analysis.metrics import build_metrics, load_results, save_results
from analysis.report import build_figures, render_body, services_view
from analysis.service_history import (
    describe_count_change,
    describe_rate_change,
    describe_yoy,
    history_by_year,
    history_frame,
    history_rows,
    history_table,
    summarise_service_year,
    trend_frame,
)
from analysis.validate import validate_ledgers
from analysis.year_ledgers import input_files

EXPENDITURE = (
    "voucher_id,date,spending_type,econ_code,econ_name,func_code,fund_source,project,amount,summary\n{y}1,{y}-03-01,基本支出,30101,基本工资,,,,1000.00,\n"
)
HOTLINE = "工单编号,受理时间,来源渠道,诉求类型,诉求主题,办理方式,承办单位,办理状态,办结时间,是否回访,满意度,诉求内容,来电号码,来电人姓名\n"
# 2023: 4 orders, 3 closed (H1 H2 H4), 2 called back (H1 H2), both rated, 1 satisfied (H1).
HOTLINE_2023 = HOTLINE + (
    "H1,2023-01-05 09:00:00,电话,咨询,市容,自办,,已办结,2023-01-06 10:00:00,是,满意,王五家门口有垃圾,13800000001,王五\n"
    "H2,2023-02-05 09:00:00,电话,投诉,交通,交办,交通局,已办结,2023-02-07 10:00:00,是,不满意,,,\n"
    "H3,2023-03-05 09:00:00,微信,求助,交通,交办,交通局,办理中,,否,未评价,,,\n"
    "H4,2023-03-06 09:00:00,电话,咨询,市容,自办,,已办结,2023-03-06 11:00:00,否,未评价,,,\n"
)
# 2024: 3 orders, all closed, called back, rated and satisfied or basically satisfied.
HOTLINE_2024 = HOTLINE + (
    "K1,2024-01-05 09:00:00,电话,咨询,市容,自办,,已办结,2024-01-06 10:00:00,是,满意,,,\n"
    "K2,2024-02-05 09:00:00,电话,咨询,市容,自办,,已办结,2024-02-06 10:00:00,是,基本满意,,,\n"
    "K3,2024-03-05 09:00:00,电话,投诉,交通,交办,交通局,已办结,2024-03-07 10:00:00,是,满意,,,\n"
)
VOLUNTEER_2022 = "日期,活动名称,参与人次\n2022-05-01,清扫,10\n2022-06-01,助老,15\n"  # 2 events, 25 attendances
VOLUNTEER_2024 = "日期,活动名称,参与人次\n2024-05-01,清扫,30\n"
NARRATIVE = "## 绩效情况\n良好。\n## 存在的问题\n无。\n## 改进措施\n继续。\n"


@pytest.fixture()
def three_years(tmp_path: Path) -> tuple[Path, Path]:
    """A department with 2022 (volunteers), 2023 (hotline, a caller's name and phone) and 2024 (hotline, volunteers)."""
    dept = tmp_path / "raw" / "tiny"
    files = {
        "department.yaml": "name: 测试局\n",
        "2024/narrative.md": NARRATIVE,
        "2022/volunteer_events.csv": VOLUNTEER_2022,
        "2023/hotline_orders.csv": HOTLINE_2023,
        "2024/hotline_orders.csv": HOTLINE_2024,
        "2024/volunteer_events.csv": VOLUNTEER_2024,
    }
    files |= {f"{y}/expenditure.csv": EXPENDITURE.format(y=y) for y in (2022, 2023, 2024)}
    # 2023's caller, named in a 2022 voucher: earlier years' vouchers reach variance.xlsx and the report's appendix
    files["2022/expenditure.csv"] = files["2022/expenditure.csv"].replace(",\n", ",退还王五多缴费用\n")
    for name, text in files.items():
        (dept / name).parent.mkdir(parents=True, exist_ok=True)
        (dept / name).write_text(text, encoding="utf-8")
    save_results(ingest(tmp_path / "raw", tmp_path / "processed", "tiny", 2024), tmp_path / "raw", tmp_path / "processed", "tiny", 2024)
    return tmp_path / "raw", tmp_path / "processed"


HISTORY = {
    2022: {"hotline": None, "petitions": None, "volunteer": {"events": 2, "volunteers": 25}},
    2023: {
        "hotline": {
            "orders": 4,
            "closed": 3,
            "called_back": 2,
            "rated": 2,
            "satisfied": 1,
            "closure_rate": Fraction(3, 4),
            "callback_rate": Fraction(2, 3),
            "satisfaction_rate": Fraction(1, 2),
        },
        "petitions": None,
        "volunteer": None,
    },
    2024: {
        "hotline": {
            "orders": 3,
            "closed": 3,
            "called_back": 3,
            "rated": 3,
            "satisfied": 3,
            "closure_rate": Fraction(1),
            "callback_rate": Fraction(1),
            "satisfaction_rate": Fraction(1),
        },
        "petitions": None,
        "volunteer": {"events": 1, "volunteers": 30},
    },
}


# --- ingest --------------------------------------------------------------------------------------


def test_ingest_keeps_one_row_of_counts_per_year_with_nulls_for_absent_ledgers(three_years):
    frame = load_processed(three_years[1], "tiny", 2024).service_history
    assert frame["fiscal_year"].tolist() == [2022, 2023, 2024]
    assert frame["orders"].tolist() == [pd.NA, 4, 3] and frame["closed"].tolist() == [pd.NA, 3, 3]
    assert frame["called_back"].tolist() == [pd.NA, 2, 3] and frame["satisfied"].tolist() == [pd.NA, 1, 3]
    assert frame["events"].tolist() == [2, pd.NA, 1] and frame["volunteers"].tolist() == [25, pd.NA, 30]
    assert frame["batches"].isna().all() and frame["persons"].isna().all()
    assert all(str(dtype) == "Int64" for dtype in frame.dtypes)  # counts only: no row, no text leaves ingest


def test_earlier_service_ledgers_are_inputs_and_their_personal_data_stays_out(three_years):
    raw, processed = three_years
    names = {str(p.relative_to(raw / "tiny")) for p in input_files(raw, "tiny", 2024)}
    assert {"2022/volunteer_events.csv", "2023/hotline_orders.csv"} <= names
    assert "2022/narrative.md" not in names
    assert leaks([processed], ("王五", "13800000001", "家门口")) == []


def test_a_bad_earlier_ledger_is_named_with_its_year(three_years):
    raw, processed = three_years
    path = raw / "tiny" / "2023" / "hotline_orders.csv"
    path.write_text(HOTLINE_2023.replace("自办,,已办结,2023-03-06", "外包,,已办结,2023-03-06"), encoding="utf-8")
    with pytest.raises(LedgerError) as caught:
        ingest(raw, processed, "tiny", 2024)
    assert {p.file for p in caught.value.problems} == {"2023/hotline_orders.csv"}


def test_validate_checks_earlier_service_ledgers_as_ingest_reads_them(three_years):
    raw, _ = three_years
    hotline = raw / "tiny" / "2023" / "hotline_orders.csv"
    hotline.write_text(hotline.read_text(encoding="utf-8").replace("2023-02-05 09:00:00", "2023-02-29 09:00:00"), encoding="utf-8")
    errors = [p for p in validate_ledgers(raw, "tiny", 2024) if p.severity == "error"]
    assert [(p.file, p.row) for p in errors] == [("2023/hotline_orders.csv", 3)]  # H2, the second order: row 3 with the header
    assert "2023-02-29 不是有效日期" in errors[0].explanation


def test_summarise_service_year_counts_present_ledgers_only():
    orders = pd.DataFrame({"handling": ["self", "assigned"], "closed": [True, False], "callback": [True, False], "satisfaction": ["dissatisfied", "unrated"]})
    row = summarise_service_year(2021, {"hotline": orders, "petitions": None})
    assert row == {
        "fiscal_year": 2021,
        "orders": 2,
        "closed": 1,
        "called_back": 1,
        "rated": 1,
        "satisfied": 0,
        "batches": None,
        "persons": None,
        "events": None,
        "volunteers": None,
    }


# --- figures and words -----------------------------------------------------------------------------


def test_history_by_year_recomputes_exact_rates_and_keeps_absent_ledgers_none():
    rows = [
        summarise_service_year(2024, {}) | {"orders": 3, "closed": 3, "called_back": 3, "rated": 3, "satisfied": 3, "events": 1, "volunteers": 30},
        summarise_service_year(2022, {}) | {"events": 2, "volunteers": 25},
        summarise_service_year(2023, {}) | {"orders": 4, "closed": 3, "called_back": 2, "rated": 2, "satisfied": 1},
    ]
    assert history_by_year(history_frame(rows)) == HISTORY
    assert history_by_year(None) == {}


def test_a_rate_without_denominator_is_none():
    frame = history_frame([summarise_service_year(2024, {}) | {"orders": 0, "closed": 0, "called_back": 0, "rated": 0, "satisfied": 0}])
    assert history_by_year(frame)[2024]["hotline"]["closure_rate"] is None


def test_count_changes_state_last_years_figure():
    assert describe_count_change("受理工单", 12064, 11236, "件") == "受理工单12064件，较上年增加828件（增长7.4%，上年为11236件）"
    assert describe_count_change("信访批次", 129, 146, "批") == "信访批次129批，较上年减少17批（下降11.6%，上年为146批）"
    assert describe_count_change("志愿者", 5, 5, "人次") == "志愿者5人次，与上年持平（上年为5人次）"
    assert describe_count_change("志愿服务活动", 3, 0, "次") == "志愿服务活动3次，较上年增加3次（上年为0次）"


def test_rate_changes_are_points_rounded_once():
    # 99.374% − 99.166% = 0.208 points → 0.21, although the rounded rates (99.37%, 99.17%) differ by 0.20
    assert describe_rate_change("满意率", Fraction(99374, 100000), Fraction(99166, 100000)) == "满意率99.37%，较上年提高0.21个百分点（上年为99.17%）"
    assert describe_rate_change("回访率", Fraction(1, 2), Fraction(2, 3)) == "回访率50.00%，较上年下降16.67个百分点（上年为66.67%）"
    assert describe_rate_change("回访率", Fraction(50002, 100000), Fraction(1, 2)) == "回访率50.00%，与上年基本持平（上年为50.00%）"
    assert describe_rate_change("回访率", Fraction(1, 2), Fraction(1, 2)) == "回访率50.00%，与上年持平（上年为50.00%）"


def test_yoy_sentence_or_why_there_is_none():
    assert describe_yoy(HISTORY, 2024, "hotline") == (
        "与上年相比，受理工单3件，较上年减少1件（下降25.0%，上年为4件）；总办结率100.00%，较上年提高25.00个百分点（上年为75.00%）；"
        "回访率100.00%，较上年提高33.33个百分点（上年为66.67%）；满意率100.00%，较上年提高50.00个百分点（上年为50.00%）。"
    )
    assert describe_yoy(HISTORY, 2024, "volunteer") == "上年未提供志愿服务活动台账，不作同比。"
    assert describe_yoy(HISTORY, 2024, "petitions") == ""  # absent this year: the report says so already
    assert describe_yoy(HISTORY, 2022, "volunteer") == ""  # no earlier year at all


def test_history_table_shows_absent_years_as_not_provided():
    table = history_table(HISTORY, 2024)
    assert list(table.columns) == ["指标", "2022年", "2023年", "2024年", "同比增减", "增减率"]
    rows = table.set_index("指标")
    assert rows.loc["受理工单（件）"].tolist() == ["未提供", "4", "3", "-1", "-25.0%"]
    assert rows.loc["回访率"].tolist() == ["未提供", "66.67%", "100.00%", "33.33个百分点", "—"]
    assert rows.loc["志愿者（人次）"].tolist() == ["25", "未提供", "30", "—", "—"]
    assert rows.loc["信访批次（批）"].tolist() == ["未提供", "未提供", "未提供", "—", "—"]


def test_no_history_table_unless_a_ledger_has_two_years():
    one_each = {2023: HISTORY[2022], 2024: {"hotline": HISTORY[2024]["hotline"], "petitions": None, "volunteer": None}}
    assert history_rows(one_each, 2024) == []
    assert history_rows(HISTORY, 2024) != []


def test_trend_frame_has_missing_values_for_absent_years():
    frame = trend_frame(HISTORY, "hotline")
    assert frame["year"].tolist() == [2022, 2023, 2024]
    assert frame["orders"].tolist() == [pd.NA, 4, 3]
    assert frame["callback_rate"].tolist()[1:] == [pytest.approx(2 / 3), 1.0] and frame["callback_rate"].isna().tolist()[0]


# --- report and metrics.json -----------------------------------------------------------------------


def test_report_and_metrics_carry_the_history(three_years):
    results = load_results(three_years[1], "tiny", 2024)
    assert results.service_history == HISTORY
    history = build_metrics(results)["service_history"]
    assert [block["fiscal_year"] for block in history] == [2022, 2023, 2024]
    assert history[1]["hotline"] == {
        "orders": 4,
        "closed": 3,
        "called_back": 2,
        "rated": 2,
        "satisfied": 1,
        "closure_rate": 0.75,
        "callback_rate": 2 / 3,
        "satisfaction_rate": 0.5,
    }
    assert history[0]["hotline"] is None and history[2]["volunteer"] == {"events": 1, "volunteers": 30}
    view = services_view(results)
    assert view["hotline_yoy"] == describe_yoy(HISTORY, 2024, "hotline") and view["hotline"].startswith("全年12345热线受理工单3件")
    assert view["volunteer_yoy"] == "上年未提供志愿服务活动台账，不作同比。" and view["petitions_yoy"] == ""
    figures = build_figures(results)
    keys = [f.key for f in figures]
    assert keys.index("hotline_topics") < keys.index("hotline_trend") < keys.index("volunteer_monthly") < keys.index("volunteer_trend")
    assert "petitions_trend" not in keys  # no year has the petitions register
    provenance = {"parameters": {}, "version": "0", "commit": "abc", "generated_at": "t", "inputs": []}
    body = render_body(results, figures, provenance)
    assert f"<p>{view['volunteer_yoy']}</p>" in body and "历年业务数据" in body and "<th>2022年</th><th>2023年</th><th>2024年</th>" in body
    assert '<td>志愿者（人次）</td><td class="num">25</td><td class="num">未提供</td>' in body


# --- charts ------------------------------------------------------------------------------------------


def bar_colors(ax) -> list[str]:
    return [to_hex(patch.get_facecolor()) for patch in ax.patches]


def test_a_year_keeps_its_colour_in_reports_of_different_years():
    def projects(years: list[int]) -> pd.DataFrame:
        return pd.DataFrame({"year": years, "project": ["热线运维"] * len(years), "amount_fen": [1_000_000] * len(years)})

    report_2023 = charts.plot_projects_by_year(projects([2022, 2023])).axes[0]
    report_2024 = charts.plot_projects_by_year(projects([2023, 2024])).axes[0]
    assert bar_colors(report_2023)[1] == bar_colors(report_2024)[0] == to_hex(year_color(2023))  # 2023 in both
    assert bar_colors(report_2024)[1] != bar_colors(report_2024)[0]
    trend = charts.plot_volunteer_trend(pd.DataFrame({"year": [2023, 2024], "events": [1, 2], "volunteers": [3, 4]})).axes[0]
    assert bar_colors(trend) == [to_hex(year_color(2023)), to_hex(year_color(2024))]
    assert len({year_color(y) for y in range(2020, 2025)}) == 5  # five years in a row, five colours


def test_hotline_trend_draws_absent_years_as_not_provided():
    frame = pd.DataFrame(
        {
            "year": [2024, 2022, 2023],
            "orders": pd.array([3, None, 4], dtype="Int64"),
            "closure_rate": pd.array([1.0, None, 0.75], dtype="Float64"),
            "callback_rate": pd.array([1.0, None, 2 / 3], dtype="Float64"),
            "satisfaction_rate": pd.array([1.0, None, 0.5], dtype="Float64"),
        }
    )
    before = frame.copy()
    fig = charts.plot_hotline_trend(frame)
    pd.testing.assert_frame_equal(frame, before)
    bars_ax, lines_ax = fig.axes
    assert [t.get_text() for t in bars_ax.get_xticklabels()] == ["2022年", "2023年", "2024年"]
    assert [p.get_height() for p in bars_ax.patches] == [0, 4, 3]
    assert [t.get_text() for t in bars_ax.texts] == ["未提供", "4", "3"]
    closure = lines_ax.get_lines()[0].get_ydata()
    assert math.isnan(closure[0]) and list(closure[1:]) == pytest.approx([75.0, 100.0])
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["办结率", "回访率", "满意率"]


def test_a_rate_change_that_rounds_to_nothing_has_no_minus_sign():
    from analysis.service_history import format_change

    assert format_change(Fraction(49_999, 100_000), Fraction(1, 2), None) == ("0.00个百分点", "—")  # 49.999% vs 50%: −0.001 points
    assert format_change(Fraction(49, 100), Fraction(1, 2), None) == ("-1.00个百分点", "—")
    assert format_change(12, 10, "件") == ("2", "20.0%")


def test_the_registry_reads_in_earlier_years_exactly_the_ledgers_the_history_counts():
    from analysis.ledgers.registry import SERVICE_LEDGERS
    from analysis.service_history import COUNTS

    assert set(SERVICE_LEDGERS) == set(COUNTS) == {"hotline", "petitions", "volunteer"}
