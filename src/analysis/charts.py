"""Report charts: one small function per figure, everything on it in Simplified Chinese.

Each public ``plot_*`` function takes a tidy frame, draws one
:class:`matplotlib.figure.Figure` with the object-oriented API (no pyplot, so no
GUI backend and nothing to close) and returns it. Figures carry no "图N" number:
the report numbers them. Money arrives as integer fen and is drawn in 万元
(fen / 1,000,000, display only); every money label is formatted from the
integer fen by :func:`analysis.money.format_wan`, so it rounds exactly like the
report's tables. Rates arrive as fractions and are drawn as percentages. Input
frames are never modified.

The CJK face is the Noto Sans CJK SC file shipped by ``mplfonts``. It is added
to matplotlib's in-memory font list on first use and applied through an
``rc_context`` around each plotting call; global rcParams are never changed.
The shared drawing parts live in :mod:`analysis.chart_parts`, the font and style in :mod:`analysis.chart_style`.
"""

from __future__ import annotations

from io import BytesIO

import numpy as np
import pandas as pd
from matplotlib import rc_context
from matplotlib.figure import Figure

from analysis.chart_parts import (
    CHARCOAL,
    DARK_BLUE,
    FIGSIZE,
    GOLD,
    GREEN,
    GREY,
    LABEL_SIZE,
    MONEY,
    RED_BROWN,
    Part,
    floats,
    integers,
    legend,
    monthly_chart,
    new_axes,
    peak,
    stack,
    value_axis,
    wrap,
    year_color,
    yearly_chart,
)
from analysis.chart_style import FONT_FAMILY, chart_style, styled
from analysis.money import FEN_PER_WAN, format_wan

__all__ = [
    "FONT_FAMILY",
    "chart_style",
    "figure_to_png",
    "figure_to_svg",
    "plot_hotline_monthly",
    "plot_hotline_topics",
    "plot_hotline_trend",
    "plot_monthly_spending",
    "plot_petitions_monthly",
    "plot_petitions_trend",
    "plot_projects_by_year",
    "plot_spending_structure",
    "plot_volunteer_events",
    "plot_volunteer_trend",
    "top_topics",
]

OTHER_TOPIC = "其他"


def figure_to_png(fig: Figure, dpi: int = 150) -> bytes:
    """Render ``fig`` to PNG bytes at ``dpi``; opens and closes nothing global."""
    buffer = BytesIO()
    with rc_context(chart_style()):
        fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def figure_to_svg(fig: Figure) -> bytes:
    """Render ``fig`` to SVG bytes (vector, its text as outlines), the same from run to run."""
    buffer = BytesIO()
    # text as outlines: the picture needs no font where it is shown (a phone, a PDF); a fixed salt and no date
    # make the same chart the same bytes, so the report and its checksums do not change from run to run
    with rc_context(chart_style()), rc_context({"svg.fonttype": "path", "svg.hashsalt": "jixiao"}):
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


SPENDING_PARTS = (
    Part("personnel_fen", "人员经费", DARK_BLUE),
    Part("public_fen", "日常公用经费", GREY),
    Part("project_fen", "项目支出", RED_BROWN),
)


@styled
def plot_spending_structure(by_year: pd.DataFrame, title: str = "支出结构（万元）") -> Figure:
    """Stacked bars per year of 人员经费 / 日常公用经费 / 项目支出, in 万元.

    Segments tall enough to read carry their value; each bar carries its total
    above it. Labels are 万元 with 2 decimals, rounded half up from integer fen
    exactly as in the report's tables. Years run left to right in ascending order.
    """
    data = by_year.sort_values("year")
    fig, ax = new_axes(title)
    x = np.arange(len(data))
    parts = [(integers(data[p.column]), p) for p in SPENDING_PARTS]
    totals = stack(ax, x, parts, 0.5, MONEY, label_segments=True)
    ax.set_xticks(x, [f"{year}年" for year in data["year"]])
    pad = max(0.25, (3 - len(data)) * 0.5)  # keep one or two bars from going wide
    ax.set_xlim(-0.5 - pad, len(data) - 0.5 + pad)
    value_axis(ax, "y", "万元", peak(totals) * 1.12)
    legend(fig, [ax])
    return fig


@styled
def plot_projects_by_year(projects: pd.DataFrame, title: str = "重点项目支出（万元）") -> Figure:
    """Grouped horizontal bars of each project's spending in 万元, each year in its own colour (year_color).

    Projects run top to bottom by total spending over all years. Each bar shows
    its value (万元, 2 decimals, half up from integer fen as in the report's
    tables); a project absent in a year gets an unlabelled zero bar. Long names wrap.
    """
    sums = projects.astype({"amount_fen": "Int64"}).groupby(["project", "year"], sort=False)["amount_fen"].sum()
    table = sums.unstack("year").reindex(pd.unique(sums.index.get_level_values("project")))
    table = table.loc[table.sum(axis=1).sort_values(ascending=False, kind="stable").index]
    years = sorted(table.columns)
    fig, ax = new_axes(title)
    y = np.arange(len(table))
    height = 0.8 / max(len(years), 1)
    for k, year in enumerate(years):
        fen, present = integers(table[year]), table[year].notna().to_numpy()
        bars = ax.barh(y - 0.4 + height * (k + 0.5), fen / FEN_PER_WAN, height, label=f"{year}年", color=year_color(year))
        labels = [format_wan(int(f)) if shown else "" for f, shown in zip(fen, present)]
        ax.bar_label(bars, labels, padding=2, fontsize=LABEL_SIZE)
    ax.set_yticks(y, [wrap(name) for name in table.index])
    ax.set_ylim(max(len(table), 1) - 0.5, -0.5)  # first project on top
    value_axis(ax, "x", "万元", peak(integers(table.max(axis=1)) / FEN_PER_WAN) * 1.15)
    legend(fig, [ax])
    return fig


@styled
def plot_monthly_spending(monthly: pd.DataFrame, title: str = "月度支出（万元）") -> Figure:
    """Stacked monthly bars of 基本支出 / 项目支出 in 万元, 1月…12月 (absent months = 0).

    Monthly totals are labelled half up from integer fen, as in the report's tables.
    """
    bars = [Part("basic_fen", "基本支出", DARK_BLUE), Part("project_fen", "项目支出", RED_BROWN)]
    return monthly_chart(monthly, title, bars, "万元", scale=MONEY)


@styled
def plot_hotline_monthly(monthly: pd.DataFrame, title: str = "热线工单月度办理情况") -> Figure:
    """Stacked monthly bars of 自办 / 交办 orders (件, left axis, lower part) with
    办结率 / 满意率 lines (%, right axis, upper part, scale ending at 100%).

    A month whose rate is NaN (no rated orders) leaves a gap in that line.
    """
    bars = [Part("self_handled", "自办", DARK_BLUE), Part("assigned", "交办", GREY)]
    lines = [Part("closure_rate", "办结率", RED_BROWN), Part("satisfaction_rate", "满意率", GOLD)]
    return monthly_chart(monthly, title, bars, "工单数（件）", lines, "比率（%）", rates=True)


def top_topics(topics: pd.DataFrame, top: int = 10) -> pd.Series:
    """Order counts of the ``top`` largest topics, largest first, the rest summed into 其他.

    其他 comes last and only when there are more than ``top`` named topics or the
    input already has a 其他 row (which is merged into it).
    """
    if top < 1:
        raise ValueError("top must be at least 1")
    counts = topics.groupby("topic", sort=False)["orders"].sum()
    named = counts.drop(OTHER_TOPIC, errors="ignore").sort_values(ascending=False, kind="stable")
    shown = named.iloc[:top]
    if len(named) > top or OTHER_TOPIC in counts.index:
        rest = int(named.iloc[top:].sum()) + int(counts.get(OTHER_TOPIC, 0))
        shown = pd.concat([shown, pd.Series({OTHER_TOPIC: rest})])
    return shown


@styled
def plot_hotline_topics(topics: pd.DataFrame, title: str = "热线诉求热点分布（件）", top: int = 10) -> Figure:
    """Horizontal bars of order counts (件) for the ``top`` topics, largest on top, 其他 last."""
    counts = top_topics(topics, top)
    fig, ax = new_axes(title, max(FIGSIZE[1], 1.2 + 0.3 * len(counts)))  # taller past 9 bars
    y = np.arange(len(counts))
    colors = [GREY if name == OTHER_TOPIC else DARK_BLUE for name in counts.index]
    bars = ax.barh(y, floats(counts), 0.6, color=colors)
    ax.bar_label(bars, [f"{n:d}" for n in counts], padding=2, fontsize=LABEL_SIZE)
    ax.set_yticks(y, [wrap(name) for name in counts.index])
    ax.set_ylim(max(len(counts), 1) - 0.5, -0.5)  # largest on top
    value_axis(ax, "x", "工单数（件）", peak(floats(counts)) * 1.12, True)
    return fig


@styled
def plot_petitions_monthly(monthly: pd.DataFrame, title: str = "信访批次与人次（按月）") -> Figure:
    """Monthly bars of 批次 (left axis) with a line of 人次 (right axis); absent months = 0."""
    bars, lines = [Part("batches", "批次", DARK_BLUE)], [Part("persons", "人次", RED_BROWN)]
    return monthly_chart(monthly, title, bars, "批次", lines, "人次")


@styled
def plot_volunteer_events(events: pd.DataFrame, title: str = "志愿服务活动情况（按月）") -> Figure:
    """Monthly bars of 活动次数 (次, left axis) with a line of 志愿者人次 (right axis)."""
    bars = [Part("events", "活动次数", GREEN)]
    lines = [Part("volunteers", "志愿者人次", RED_BROWN)]
    return monthly_chart(events, title, bars, "活动次数（次）", lines, "志愿者人次")


@styled
def plot_hotline_trend(by_year: pd.DataFrame, title: str = "历年12345热线工单与办结率、回访率、满意率") -> Figure:
    """Bars of orders per fiscal year (件, each year in its colour) with 办结率 / 回访率 / 满意率 lines (%).

    Columns: year, orders, closure_rate, callback_rate, satisfaction_rate
    (fractions); a year without the ledger has missing values and shows 未提供.
    """
    lines = [Part("closure_rate", "办结率", CHARCOAL), Part("callback_rate", "回访率", CHARCOAL), Part("satisfaction_rate", "满意率", CHARCOAL)]
    return yearly_chart(by_year, title, "orders", "工单数（件）", lines, "比率（%）", rates=True)


@styled
def plot_petitions_trend(by_year: pd.DataFrame, title: str = "历年信访批次与人次") -> Figure:
    """Bars of petition batches per fiscal year (批) with a line of persons (人次); columns year, batches, persons."""
    return yearly_chart(by_year, title, "batches", "批次", [Part("persons", "人次", CHARCOAL)], "人次")


@styled
def plot_volunteer_trend(by_year: pd.DataFrame, title: str = "历年志愿服务活动与志愿者人次") -> Figure:
    """Bars of volunteer events per fiscal year (次) with a line of attendances (人次); columns year, events, volunteers."""
    return yearly_chart(by_year, title, "events", "活动次数（次）", [Part("volunteers", "志愿者人次", CHARCOAL)], "人次")
