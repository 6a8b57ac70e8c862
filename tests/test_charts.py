"""Tests for analysis.charts: values drawn, Chinese labels, fonts, no side effects."""

import math
import struct
import warnings
from importlib.resources import files
from io import BytesIO

import matplotlib
import numpy as np
import pandas as pd
import pytest
from matplotlib import font_manager
from matplotlib.figure import Figure

from analysis import charts
from analysis.chart_style import draw_unlaid
from analysis.paths import CJK_FONT_PATH

MONTH_TICKS = [f"{m}月" for m in range(1, 13)]


# --- hand-made inputs -----------------------------------------------------------------------------


def spending_by_year() -> pd.DataFrame:
    # 2023 total: 147341236 + 12000000 + 40200000 = 199541236 fen = 199.541236 万元
    # 2024 total: 150000000 + 13500000 + 0 = 163500000 fen = 163.50 万元
    return pd.DataFrame(
        {
            "year": [2024, 2023],  # deliberately unsorted
            "personnel_fen": pd.array([150_000_000, 147_341_236], dtype="int64"),
            "public_fen": pd.array([13_500_000, 12_000_000], dtype="int64"),
            "project_fen": pd.array([0, 40_200_000], dtype="int64"),
        }
    )


LONG_NAME = "老旧小区加装电梯及无障碍设施改造工程"


def projects_long() -> pd.DataFrame:
    # totals: LONG_NAME 300.00, 热线运维 220.00, 环境整治 50.00 -> drawn in that order
    return pd.DataFrame(
        {
            "year": [2023, 2023, 2024, 2024],
            "project": ["热线运维", "环境整治", "热线运维", LONG_NAME],
            "amount_fen": pd.array([100_000_000, 50_000_000, 120_000_000, 300_000_000], "int64"),
        }
    )


def monthly_spending() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "month": [1, 3],
            "basic_fen": pd.array([2_000_000, 5_500_000], dtype="int64"),
            "project_fen": pd.array([1_000_000, 0], dtype="int64"),
        }
    )


def hotline_monthly() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "month": [1, 2],
            "self_handled": [10, 4],
            "assigned": [30, 6],
            "closure_rate": [0.9922, 1.0],
            "satisfaction_rate": [0.95, np.nan],
        }
    )


def hotline_topics() -> pd.DataFrame:
    return pd.DataFrame({"topic": ["教育", "城市管理", "医疗卫生", "交通出行"], "orders": [10, 50, 5, 30]})


def petitions_monthly() -> pd.DataFrame:
    return pd.DataFrame({"month": [1, 2], "batches": [3, 1], "persons": [7, 2]})


def volunteer_events() -> pd.DataFrame:
    return pd.DataFrame({"month": [3, 5], "events": [2, 4], "volunteers": [35, 80]})


def hotline_trend() -> pd.DataFrame:  # 2022 without the ledger
    return pd.DataFrame(
        {
            "year": [2022, 2023],
            "orders": pd.array([None, 40], dtype="Int64"),
            "closure_rate": pd.array([None, 0.9], dtype="Float64"),
            "callback_rate": pd.array([None, 1.0], dtype="Float64"),
            "satisfaction_rate": pd.array([None, 0.95], dtype="Float64"),
        }
    )


def petitions_trend() -> pd.DataFrame:
    return pd.DataFrame({"year": [2023, 2024], "batches": [3, 1], "persons": [7, 2]})


def volunteer_trend() -> pd.DataFrame:
    return pd.DataFrame({"year": [2023, 2024], "events": pd.array([2, None], dtype="Int64"), "volunteers": pd.array([35, None], dtype="Int64")})


CASES = [
    (charts.plot_spending_structure, spending_by_year),
    (charts.plot_projects_by_year, projects_long),
    (charts.plot_monthly_spending, monthly_spending),
    (charts.plot_hotline_monthly, hotline_monthly),
    (charts.plot_hotline_topics, hotline_topics),
    (charts.plot_petitions_monthly, petitions_monthly),
    (charts.plot_volunteer_events, volunteer_events),
    (charts.plot_hotline_trend, hotline_trend),
    (charts.plot_petitions_trend, petitions_trend),
    (charts.plot_volunteer_trend, volunteer_trend),
]
CASE_IDS = [plot.__name__ for plot, _ in CASES]


# --- helpers ---------------------------------------------------------------------------------------


def heights(container) -> list[float]:
    return [patch.get_height() for patch in container]


def widths(container) -> list[float]:
    return [patch.get_width() for patch in container]


def legend_labels(fig: Figure) -> list[str]:
    assert len(fig.legends) == 1, "expected one combined figure legend"
    return [text.get_text() for text in fig.legends[0].get_texts()]


def tick_labels(axis) -> list[str]:
    return [label.get_text() for label in axis.get_ticklabels()]


def annotations(ax) -> list[str]:
    return [text.get_text() for text in ax.texts]


def month_values(values: dict[int, float]) -> list[float]:
    return [values.get(month, 0.0) for month in range(1, 13)]


def all_texts(fig: Figure):
    """Every text artist the figure will draw (titles, labels, ticks, legends, annotations)."""
    for ax in fig.axes:
        yield from (ax.title, ax.xaxis.label, ax.yaxis.label, *ax.texts)
        yield from (*ax.get_xticklabels(), *ax.get_yticklabels())
    for legend in fig.legends:
        yield from legend.get_texts()


# --- fonts -----------------------------------------------------------------------------------------


def test_font_family_is_a_name_only_the_bundled_file_has():
    path = files("mplfonts") / "fonts" / "NotoSansCJKsc-Regular.otf"
    assert font_manager.FontProperties(fname=str(path)).get_name() == "Noto Sans CJK SC"
    charts.chart_style()
    holders = {entry.fname for entry in font_manager.fontManager.ttflist if entry.name == charts.FONT_FAMILY}
    assert holders == {str(path)}


def test_glyph_warnings_are_detectable_without_the_style():
    """Control: plain matplotlib text in Chinese does warn, so the real test is not vacuous."""
    fig = Figure()
    fig.add_subplot().set_title("支出结构", family="DejaVu Sans")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(BytesIO(), format="png")
    assert any("missing from font" in str(w.message) for w in caught)


def test_no_missing_glyphs_when_saving_every_figure():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        figures = [plot(make()) for plot, make in CASES]
        for fig in figures:
            fig.savefig(BytesIO(), format="png")
            charts.figure_to_png(fig, dpi=100)
    glyph = [str(w.message) for w in caught if "Glyph" in str(w.message) or "missing from font" in str(w.message)]
    assert glyph == []


@pytest.mark.parametrize(("plot", "make"), CASES, ids=CASE_IDS)
def test_every_text_uses_the_cjk_font(plot, make):
    fig = plot(make())
    fig.savefig(BytesIO(), format="png")
    for text in all_texts(fig):
        found = font_manager.findfont(text.get_fontproperties(), fallback_to_default=False)
        assert found.endswith(CJK_FONT_PATH.name), (text.get_text(), found)


@pytest.mark.parametrize(("plot", "make"), CASES, ids=CASE_IDS)
def test_a_chart_drawn_for_png_is_laid_out_once_with_the_same_pixels_and_fonts(plot, make):
    """The chart cache skips the layout pass that direct display needs: the PNG must not change, nor lose a glyph."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = draw_unlaid(plot, make())
        png = charts.figure_to_png(fig, dpi=60)
    assert not [w for w in caught if "Glyph" in str(w.message) or "missing from font" in str(w.message)]
    for text in all_texts(fig):
        found = font_manager.findfont(text.get_fontproperties(), fallback_to_default=False)
        assert found.endswith(CJK_FONT_PATH.name), (text.get_text(), found)
    assert png == charts.figure_to_png(plot(make()), dpi=60)


# --- no side effects -------------------------------------------------------------------------------


@pytest.mark.parametrize(("plot", "make"), CASES, ids=CASE_IDS)
def test_returns_figure_and_leaves_input_untouched(plot, make):
    frame = make()
    before = frame.copy(deep=True)
    fig = plot(frame)
    assert isinstance(fig, Figure)
    pd.testing.assert_frame_equal(frame, before)


def test_global_rcparams_unchanged():
    before = dict(matplotlib.rcParams)
    for plot, make in CASES:
        charts.figure_to_png(plot(make()))
    assert dict(matplotlib.rcParams) == before


def test_custom_title_is_used_verbatim():
    fig = charts.plot_spending_structure(spending_by_year(), title="各年度支出结构")
    assert fig.axes[0].get_title() == "各年度支出结构"


def test_figure_to_png_renders_at_requested_dpi():
    png = charts.figure_to_png(charts.plot_spending_structure(spending_by_year()), dpi=100)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (750, 400)


# --- the charts ------------------------------------------------------------------------------------


def test_spending_structure():
    fig = charts.plot_spending_structure(spending_by_year())
    (ax,) = fig.axes
    assert ax.get_title() == "支出结构（万元）"
    assert ax.get_ylabel() == "万元"
    assert tick_labels(ax.xaxis) == ["2023年", "2024年"]
    assert legend_labels(fig) == ["人员经费", "日常公用经费", "项目支出"]
    personnel, public, project = ax.containers
    assert heights(personnel) == pytest.approx([147.341236, 150.0])
    assert heights(public) == pytest.approx([12.0, 13.5])
    assert heights(project) == pytest.approx([40.2, 0.0])
    assert [p.get_y() for p in project] == pytest.approx([159.341236, 163.5])
    assert {"199.54", "163.50"} <= set(annotations(ax))


def test_projects_by_year_groups_and_fills_missing_years():
    fig = charts.plot_projects_by_year(projects_long())
    (ax,) = fig.axes
    assert ax.get_title() == "重点项目支出（万元）"
    assert ax.get_xlabel() == "万元"
    assert legend_labels(fig) == ["2023年", "2024年"]
    names = tick_labels(ax.yaxis)
    assert [name.replace("\n", "") for name in names] == [LONG_NAME, "热线运维", "环境整治"]
    assert "\n" in names[0]  # long name wrapped
    in_2023, in_2024 = ax.containers
    assert widths(in_2023) == pytest.approx([0.0, 100.0, 50.0])
    assert widths(in_2024) == pytest.approx([300.0, 120.0, 0.0])
    # 2023 bars then 2024 bars, top to bottom; a project absent in a year is unlabelled
    assert annotations(ax) == ["", "100.00", "50.00", "300.00", "120.00", ""]


def test_projects_by_year_single_year_single_project():
    frame = pd.DataFrame({"year": [2024], "project": ["网格化管理"], "amount_fen": [6_000_000]})
    fig = charts.plot_projects_by_year(frame)
    assert widths(fig.axes[0].containers[0]) == pytest.approx([6.0])
    assert legend_labels(fig) == ["2024年"]


def test_monthly_spending_fills_absent_months_with_zero():
    fig = charts.plot_monthly_spending(monthly_spending())
    (ax,) = fig.axes
    assert ax.get_title() == "月度支出（万元）"
    assert tick_labels(ax.xaxis) == MONTH_TICKS
    assert legend_labels(fig) == ["基本支出", "项目支出"]
    basic, project = ax.containers
    assert heights(basic) == pytest.approx(month_values({1: 2.0, 3: 5.5}))
    assert heights(project) == pytest.approx(month_values({1: 1.0}))
    assert annotations(ax) == ["3.00", "5.50"]


def test_hotline_monthly_bars_and_rate_lines():
    fig = charts.plot_hotline_monthly(hotline_monthly())
    left, right = fig.axes
    assert left.get_title() == "热线工单月度办理情况"
    assert left.get_ylabel() == "工单数（件）"
    assert right.get_ylabel() == "比率（%）"
    assert tick_labels(left.xaxis) == MONTH_TICKS
    assert legend_labels(fig) == ["自办", "交办", "办结率", "满意率"]
    own, assigned = left.containers
    assert heights(own) == pytest.approx(month_values({1: 10, 2: 4}))
    assert heights(assigned) == pytest.approx(month_values({1: 30, 2: 6}))
    assert annotations(left) == ["40", "10"]
    closure, satisfaction = right.get_lines()
    assert closure.get_ydata()[:2] == pytest.approx([99.22, 100.0])
    assert satisfaction.get_ydata()[0] == pytest.approx(95.0)
    assert math.isnan(satisfaction.get_ydata()[1])  # no rated orders: gap, not zero
    ticks = right.get_yticks()
    assert ticks.max() == 100 and ticks.min() <= 95


def test_hotline_monthly_handles_all_zero_and_all_missing():
    frame = pd.DataFrame({"month": [1], "self_handled": [0], "assigned": [0], "closure_rate": [np.nan], "satisfaction_rate": [np.nan]})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        charts.figure_to_png(charts.plot_hotline_monthly(frame))
    assert [str(w.message) for w in caught] == []


def test_hotline_topics_folds_the_rest_into_other():
    fig = charts.plot_hotline_topics(hotline_topics(), top=2)
    (ax,) = fig.axes
    assert ax.get_title() == "热线诉求热点分布（件）"
    assert ax.get_xlabel() == "工单数（件）"
    assert tick_labels(ax.yaxis) == ["城市管理", "交通出行", "其他"]
    assert widths(ax.containers[0]) == pytest.approx([50, 30, 15])  # 其他 = 10 + 5
    assert annotations(ax) == ["50", "30", "15"]


def test_hotline_topics_without_folding():
    fig = charts.plot_hotline_topics(hotline_topics())
    (ax,) = fig.axes
    assert tick_labels(ax.yaxis) == ["城市管理", "交通出行", "教育", "医疗卫生"]
    assert widths(ax.containers[0]) == pytest.approx([50, 30, 10, 5])


def test_top_topics_merges_an_existing_other_row():
    frame = pd.DataFrame({"topic": ["其他", "教育", "交通", "教育"], "orders": [4, 6, 3, 2]})
    assert charts.top_topics(frame, top=1).to_dict() == {"教育": 8, "其他": 7}
    with pytest.raises(ValueError):
        charts.top_topics(frame, top=0)


def test_petitions_monthly():
    fig = charts.plot_petitions_monthly(petitions_monthly())
    left, right = fig.axes
    assert left.get_title() == "信访批次与人次（按月）"
    assert (left.get_ylabel(), right.get_ylabel()) == ("批次", "人次")
    assert legend_labels(fig) == ["批次", "人次"]
    assert tick_labels(left.xaxis) == MONTH_TICKS
    assert heights(left.containers[0]) == pytest.approx(month_values({1: 3, 2: 1}))
    assert right.get_lines()[0].get_ydata() == pytest.approx(month_values({1: 7, 2: 2}))


def test_volunteer_events():
    fig = charts.plot_volunteer_events(volunteer_events())
    left, right = fig.axes
    assert left.get_title() == "志愿服务活动情况（按月）"
    assert (left.get_ylabel(), right.get_ylabel()) == ("活动次数（次）", "志愿者人次")
    assert legend_labels(fig) == ["活动次数", "志愿者人次"]
    assert heights(left.containers[0]) == pytest.approx(month_values({3: 2, 5: 4}))
    assert right.get_lines()[0].get_ydata() == pytest.approx(month_values({3: 35, 5: 80}))
    assert annotations(left) == ["2", "4"]


@pytest.mark.parametrize("month", [0, 13])
def test_monthly_charts_reject_bad_months(month):
    frame = pd.DataFrame({"month": [month], "batches": [1], "persons": [1]})
    with pytest.raises(ValueError):
        charts.plot_petitions_monthly(frame)


def test_nullable_integer_columns_with_missing_values_draw_as_zero():
    frame = pd.DataFrame(
        {
            "month": [1, 2],
            "basic_fen": pd.array([2_000_000, None], dtype="Int64"),
            "project_fen": pd.array([1_000_000, 3_000_000], dtype="Int64"),
        }
    )
    basic, project = charts.plot_monthly_spending(frame).axes[0].containers
    assert heights(basic) == pytest.approx(month_values({1: 2.0}))
    assert heights(project) == pytest.approx(month_values({1: 1.0, 2: 3.0}))


# --- money labels round like the report's tables (half up from integer fen) ---------------------


def test_half_way_cases_are_ones_float_formatting_gets_wrong():
    """Control: binary-float formatting rounds these down, so the label tests below are not vacuous."""
    assert [f"{fen / 1_000_000:.2f}" for fen in (15_000, 1_005_000, 3_005_000)] == ["0.01", "1.00", "3.00"]
    assert f"{2.0 + 1.0 + 0.005:.2f}" == "3.00"  # summing float segments loses too


def test_spending_structure_segment_and_total_labels_round_half_up():
    # 15,000 fen = 0.015 万元 -> 0.02 (segment and total; the other segments are 0 and unlabelled)
    frame = pd.DataFrame({"year": [2024], "personnel_fen": [15_000], "public_fen": [0], "project_fen": [0]})
    ax = charts.plot_spending_structure(frame).axes[0]
    assert annotations(ax) == ["0.02", "", "", "0.02"]


def test_spending_structure_total_is_summed_in_fen():
    # 2,000,000 + 1,000,000 + 5,000 = 3,005,000 fen = 3.005 万元 -> total 3.01;
    # the 0.005 segment is below 8% of the tallest bar, so it carries no label
    frame = pd.DataFrame({"year": [2024], "personnel_fen": [2_000_000], "public_fen": [1_000_000], "project_fen": [5_000]})
    ax = charts.plot_spending_structure(frame).axes[0]
    assert annotations(ax) == ["2.00", "1.00", "", "3.01"]


def test_monthly_spending_totals_round_half_up_from_fen():
    # month 1: 10,000 + 5,000 = 15,000 fen -> 0.02; month 2: 1,002,500 + 2,500 = 1,005,000 fen -> 1.01
    frame = pd.DataFrame({"month": [1, 2], "basic_fen": [10_000, 1_002_500], "project_fen": [5_000, 2_500]})
    ax = charts.plot_monthly_spending(frame).axes[0]
    assert annotations(ax) == ["0.02", "1.01"]


def test_project_labels_round_half_up_and_skip_absent_years():
    # A: 2023 = 1,000,000 + 5,000 (two rows) = 1,005,000 -> 1.01; 2024 = 15,000 -> 0.02 (total 1.02)
    # B: 2023 absent -> no label; 2024 = 0, present -> 0.00.  C: 2023 = 3,005,000 -> 3.01, 2024 absent
    frame = pd.DataFrame(
        {
            "year": [2023, 2023, 2024, 2024, 2023],
            "project": ["A", "A", "A", "B", "C"],
            "amount_fen": pd.array([1_000_000, 5_000, 15_000, 0, 3_005_000], dtype="int64"),
        }
    )
    ax = charts.plot_projects_by_year(frame).axes[0]
    assert tick_labels(ax.yaxis) == ["C", "A", "B"]  # by total: 3.005, 1.02, 0
    in_2023, in_2024 = ax.containers
    assert widths(in_2023) == pytest.approx([3.005, 1.005, 0.0])
    assert widths(in_2024) == pytest.approx([0.0, 0.015, 0.0])
    assert annotations(ax) == ["3.01", "1.01", "", "", "0.02", "0.00"]


def test_fractional_fen_is_refused_rather_than_truncated():
    frame = pd.DataFrame({"year": [2024], "personnel_fen": [15_000.5], "public_fen": [0], "project_fen": [0]})
    with pytest.raises(TypeError):
        charts.plot_spending_structure(frame)


# --- public API -------------------------------------------------------------------------------------


def test_public_api_is_importable_from_charts():
    from analysis.charts import FONT_FAMILY, figure_to_png, top_topics  # noqa: F401

    assert FONT_FAMILY == "jixiao Noto Sans CJK SC"
    assert all(hasattr(charts, name) for name in charts.__all__)
    assert {plot.__name__ for plot, _ in CASES} <= set(charts.__all__)


def test_dollar_signs_in_labels_are_text_not_mathtext() -> None:
    from matplotlib import pyplot, rc_context

    from analysis.chart_style import chart_style

    assert chart_style()["text.parse_math"] is False
    with rc_context(chart_style()):
        figure, axes = pyplot.subplots()
        axes.bar(["救助$\\foo$经费", "路灯$x_$损坏"], [1, 2])  # formulas mathtext cannot parse: a ValueError with it on
        figure.canvas.draw()
        pyplot.close(figure)
