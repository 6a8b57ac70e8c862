"""Report charts: one small function per figure, everything on it in Simplified Chinese.

Each public ``plot_*`` function takes a tidy frame, draws one
:class:`matplotlib.figure.Figure` with the object-oriented API (no pyplot, so no
GUI backend and nothing to close) and returns it. Figures carry no "图N" number:
the report numbers them. Money arrives as integer fen and is drawn in 万元
(fen / 1,000,000, display only); rates arrive as fractions and are drawn as
percentages. Input frames are never modified.

The CJK face is the Noto Sans CJK SC file shipped by ``mplfonts``. It is added
to matplotlib's in-memory font list on first use and applied through an
``rc_context`` around each plotting call; global rcParams are never changed.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from functools import cache, wraps
from io import BytesIO
from typing import Literal, NamedTuple, ParamSpec

import numpy as np
import pandas as pd
from matplotlib import font_manager, rc_context
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from analysis.money import FEN_PER_WAN
from analysis.paths import CJK_FONT_PATH

FONT_FAMILY = "Noto Sans CJK SC"

DARK_BLUE, RED_BROWN, GREY, GOLD, GREEN = "#1f3a5f", "#8c2d19", "#7f7f7f", "#b8860b", "#3b6e3b"
YEAR_COLORS = (DARK_BLUE, RED_BROWN, GREY, GOLD, GREEN)  # latest year first
FIGSIZE = (7.5, 4.0)
MONTHS = np.arange(1, 13)
OTHER_TOPIC = "其他"
LABEL_SIZE = 7.5

P = ParamSpec("P")


class _Part(NamedTuple):
    """One drawn series: source column, legend label, colour."""

    column: str
    label: str
    color: str


@cache
def _register_font() -> None:
    """Add the Noto Sans CJK SC file bundled with mplfonts to matplotlib's in-memory font list."""
    path = str(CJK_FONT_PATH)
    font_manager.fontManager.addfont(path)
    name = font_manager.FontProperties(fname=path).get_name()
    if name != FONT_FAMILY:
        raise RuntimeError(f"{path} declares family {name!r}, expected {FONT_FAMILY!r}")


def chart_style() -> dict[str, object]:
    """rcParams for the sober printed-report look, with the CJK font registered."""
    _register_font()
    return {
        "font.family": [FONT_FAMILY], "font.size": 9, "axes.unicode_minus": False,
        "axes.titlesize": 11, "axes.labelsize": 9, "legend.fontsize": 8.5, "legend.frameon": False,
        "figure.facecolor": "white", "axes.facecolor": "white", "savefig.facecolor": "white",
        "axes.edgecolor": GREY, "axes.linewidth": 0.6, "xtick.major.width": 0.6,
        "ytick.major.width": 0.6, "axes.spines.top": False, "axes.spines.right": False,
        "grid.color": "#d9d9d9", "grid.linewidth": 0.5,
    }


def _styled(draw: Callable[P, Figure]) -> Callable[P, Figure]:
    """Run a plotting function inside :func:`chart_style`, laying the figure out
    (without rendering) while the style is active so lazily created tick labels
    also get the CJK font."""

    @wraps(draw)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> Figure:
        with rc_context(chart_style()):
            fig = draw(*args, **kwargs)
            fig.draw_without_rendering()
        return fig

    return wrapper


def figure_to_png(fig: Figure, dpi: int = 150) -> bytes:
    """Render ``fig`` to PNG bytes at ``dpi``; opens and closes nothing global."""
    buffer = BytesIO()
    with rc_context(chart_style()):
        fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def _floats(column: pd.Series) -> np.ndarray:
    """A column as float64, missing values (NaN or pd.NA) as NaN."""
    return column.to_numpy(dtype="float64", na_value=np.nan)


def _wan(fen: pd.Series) -> np.ndarray:
    """Integer fen as float 万元, for drawing only."""
    return _floats(fen) / FEN_PER_WAN


def _peak(values: np.ndarray) -> float:
    """Largest finite value; 0 for an empty or all-missing array."""
    return float(values[np.isfinite(values)].max(initial=0.0))


def _wrap(name: str, width: int = 12) -> str:
    """Break a long (Chinese) name into balanced lines of at most ``width`` characters."""
    text = str(name)
    lines = -(-len(text) // width)
    return textwrap.fill(text, width=-(-len(text) // lines)) if lines > 1 else text


def _new_axes(title: str, height: float = FIGSIZE[1]) -> tuple[Figure, Axes]:
    """A white, constrained-layout figure with one titled axes."""
    fig = Figure(figsize=(FIGSIZE[0], height), layout="constrained")
    ax = fig.add_subplot()
    ax.set_title(title)
    return fig, ax


def _value_axis(
    ax: Axes, which: Literal["x", "y"], label: str, top: float, integer: bool = False
) -> None:
    """Label the value axis, give it a thin grid and run it from 0 to ``top`` (at least 1)."""
    ax.grid(axis=which)
    ax.set_axisbelow(True)
    axis = ax.xaxis if which == "x" else ax.yaxis
    axis.set_label_text(label)
    if integer:
        axis.set_major_locator(MaxNLocator(integer=True))
    (ax.set_xlim if which == "x" else ax.set_ylim)(0.0, max(top, 1.0))


def _band_axis(ax: Axes, low: float, high: float, band: tuple[float, float], label: str) -> None:
    """Fit round ticks covering ``low``..``high`` into a vertical ``band`` (axes fraction).

    Used where bars and lines share a plot: bars keep the lower band and lines
    the upper one, each with its own ticks, spine and label, so they never cross.
    """
    ticks = MaxNLocator(nbins=4, steps=[1, 2, 5, 10], integer=True).tick_values(low, high)
    low, high = ticks[ticks <= low + 1e-9].max(), ticks[ticks >= high - 1e-9].min()
    scale = (high - low) / (band[1] - band[0])
    ax.set_ylim(low - band[0] * scale, low + (1 - band[0]) * scale)
    ax.set_yticks(ticks[(ticks >= low) & (ticks <= high)])
    side = ax.yaxis.get_label_position()  # "left" for the bars' axes, "right" for the twin
    ax.spines[{"left": "right", "right": "left"}[side]].set_visible(False)
    ax.spines[side].set_visible(True)
    ax.spines[side].set_bounds(low, high)
    ax.set_ylabel(label)
    ax.yaxis.label.set_y(sum(band) / 2)


def _stack(
    ax: Axes, x: np.ndarray, parts: Sequence[tuple[np.ndarray, _Part]], width: float, fmt: str,
    label_segments: bool = False,
) -> np.ndarray:
    """Draw stacked vertical bars with each non-zero total (``fmt``) above; return the totals.

    With ``label_segments``, segments tall enough to read carry their own value.
    """
    bottom = np.zeros(len(x))
    readable = 0.08 * _peak(np.sum([values for values, _ in parts], axis=0))
    for values, part in parts:
        bars = ax.bar(x, values, width, bottom=bottom, label=part.label, color=part.color)
        bottom = bottom + values
        if label_segments:
            texts = [fmt.format(v) if v >= readable and v > 0 else "" for v in values]
            ax.bar_label(bars, texts, label_type="center", color="white", fontsize=LABEL_SIZE)
    for xi, total in zip(x, bottom):
        if total > 0:
            ax.annotate(fmt.format(total), (xi, total), xytext=(0, 2), textcoords="offset points",
                        ha="center", va="bottom", fontsize=LABEL_SIZE)
    return bottom


def _legend(fig: Figure, axes: Sequence[Axes]) -> None:
    """One legend for the entries of all ``axes``, centred below the plot."""
    pairs = [ax.get_legend_handles_labels() for ax in axes]
    handles = [h for hs, _ in pairs for h in hs]
    labels = [label for _, ls in pairs for label in ls]
    fig.legend(handles, labels, loc="outside lower center", ncols=len(labels))


def _by_month(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """``columns`` indexed by month 1–12; absent months are NaN."""
    months = frame["month"]
    if not months.between(1, 12).all() or months.duplicated().any():
        raise ValueError("month must hold distinct integers 1–12")
    return frame.set_index("month")[columns].reindex(MONTHS)


def _monthly_chart(
    monthly: pd.DataFrame, title: str, bars: Sequence[_Part], bar_unit: str,
    lines: Sequence[_Part] = (), line_unit: str = "", money: bool = False, rates: bool = False,
) -> Figure:
    """Stacked monthly bars with totals, optional lines on a right axis; x ticks 1月…12月.

    ``money`` draws the bar columns (fen) in 万元. ``rates`` draws the lines as
    percentages on a scale ending at 100 (a NaN month leaves a gap); otherwise
    lines are counts and, like bars, absent months count as 0.
    """
    data = _by_month(monthly, [p.column for p in (*bars, *lines)])
    fig, ax = _new_axes(title)
    parts = [(np.nan_to_num((_wan if money else _floats)(data[p.column])), p) for p in bars]
    totals = _stack(ax, MONTHS, parts, 0.6, "{:.2f}" if money else "{:.0f}")
    ax.set_xticks(MONTHS, [f"{m}月" for m in MONTHS])
    _value_axis(ax, "y", bar_unit, _peak(totals) * 1.12, integer=not money)
    if lines:
        right = ax.twinx()
        values = [_floats(data[p.column]) for p in lines]
        values = [v * 100 for v in values] if rates else [np.nan_to_num(v) for v in values]
        for i, (v, p) in enumerate(zip(values, lines)):  # distinct markers show coinciding lines
            right.plot(MONTHS, v, marker="os^D"[i % 4], markersize=3.5, linewidth=1.4,
                       color=p.color, label=p.label)
        every = np.concatenate(values)
        low = min(float(every[np.isfinite(every)].min(initial=100.0)), 95.0) if rates else 0.0
        _band_axis(ax, 0.0, max(_peak(totals), 1.0), (0.0, 0.52), bar_unit)
        _band_axis(right, low, 100.0 if rates else max(_peak(every), 1.0), (0.62, 0.96), line_unit)
    _legend(fig, fig.axes)
    return fig

SPENDING_PARTS = (
    _Part("personnel_fen", "人员经费", DARK_BLUE),
    _Part("public_fen", "日常公用经费", GREY),
    _Part("project_fen", "项目支出", RED_BROWN),
)


@_styled
def plot_spending_structure(by_year: pd.DataFrame, title: str = "支出结构（万元）") -> Figure:
    """Stacked bars per year of 人员经费 / 日常公用经费 / 项目支出, in 万元.

    Segments tall enough to read carry their value; each bar carries its total
    (万元, 2 decimals) above it. Years run left to right in ascending order.
    """
    data = by_year.sort_values("year")
    fig, ax = _new_axes(title)
    x = np.arange(len(data))
    parts = [(_wan(data[p.column]), p) for p in SPENDING_PARTS]
    totals = _stack(ax, x, parts, 0.5, "{:.2f}", label_segments=True)
    ax.set_xticks(x, [f"{year}年" for year in data["year"]])
    pad = max(0.25, (3 - len(data)) * 0.5)  # keep one or two bars from going wide
    ax.set_xlim(-0.5 - pad, len(data) - 0.5 + pad)
    _value_axis(ax, "y", "万元", _peak(totals) * 1.12)
    _legend(fig, [ax])
    return fig


@_styled
def plot_projects_by_year(projects: pd.DataFrame, title: str = "重点项目支出（万元）") -> Figure:
    """Grouped horizontal bars of each project's spending in 万元, one colour per year.

    Projects run top to bottom by total spending over all years; a project
    absent in a year gets a zero bar. Long names wrap; each bar shows its value.
    """
    table = projects.pivot_table(index="project", columns="year", values="amount_fen",
                                 aggfunc="sum", fill_value=0, sort=False)
    table = table.loc[table.sum(axis=1).sort_values(ascending=False, kind="stable").index]
    years = sorted(table.columns)
    fig, ax = _new_axes(title)
    y = np.arange(len(table))
    height = 0.8 / max(len(years), 1)
    for k, year in enumerate(years):
        values = _wan(table[year])
        color = YEAR_COLORS[(len(years) - 1 - k) % len(YEAR_COLORS)]
        bars = ax.barh(y - 0.4 + height * (k + 0.5), values, height, label=f"{year}年", color=color)
        ax.bar_label(bars, [f"{v:.2f}" for v in values], padding=2, fontsize=LABEL_SIZE)
    ax.set_yticks(y, [_wrap(name) for name in table.index])
    ax.set_ylim(max(len(table), 1) - 0.5, -0.5)  # first project on top
    _value_axis(ax, "x", "万元", _peak(_wan(table.max(axis=1))) * 1.15)
    _legend(fig, [ax])
    return fig


@_styled
def plot_monthly_spending(monthly: pd.DataFrame, title: str = "月度支出（万元）") -> Figure:
    """Stacked monthly bars of 基本支出 / 项目支出 in 万元, 1月…12月 (absent months = 0)."""
    bars = [_Part("basic_fen", "基本支出", DARK_BLUE), _Part("project_fen", "项目支出", RED_BROWN)]
    return _monthly_chart(monthly, title, bars, "万元", money=True)


@_styled
def plot_hotline_monthly(monthly: pd.DataFrame, title: str = "热线工单月度办理情况") -> Figure:
    """Stacked monthly bars of 自办 / 交办 orders (件, left axis, lower part) with
    办结率 / 满意率 lines (%, right axis, upper part, scale ending at 100%).

    A month whose rate is NaN (no rated orders) leaves a gap in that line.
    """
    bars = [_Part("self_handled", "自办", DARK_BLUE), _Part("assigned", "交办", GREY)]
    lines = [_Part("closure_rate", "办结率", RED_BROWN), _Part("satisfaction_rate", "满意率", GOLD)]
    return _monthly_chart(monthly, title, bars, "工单数（件）", lines, "比率（%）", rates=True)


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


@_styled
def plot_hotline_topics(
    topics: pd.DataFrame, title: str = "热线诉求热点分布（件）", top: int = 10
) -> Figure:
    """Horizontal bars of order counts (件) for the ``top`` topics, largest on top, 其他 last."""
    counts = top_topics(topics, top)
    fig, ax = _new_axes(title, max(FIGSIZE[1], 1.2 + 0.3 * len(counts)))  # taller past 9 bars
    y = np.arange(len(counts))
    colors = [GREY if name == OTHER_TOPIC else DARK_BLUE for name in counts.index]
    bars = ax.barh(y, _floats(counts), 0.6, color=colors)
    ax.bar_label(bars, [f"{n:d}" for n in counts], padding=2, fontsize=LABEL_SIZE)
    ax.set_yticks(y, [_wrap(name) for name in counts.index])
    ax.set_ylim(max(len(counts), 1) - 0.5, -0.5)  # largest on top
    _value_axis(ax, "x", "工单数（件）", _peak(_floats(counts)) * 1.12, True)
    return fig


@_styled
def plot_petitions_monthly(monthly: pd.DataFrame, title: str = "信访批次与人次（按月）") -> Figure:
    """Monthly bars of 批次 (left axis) with a line of 人次 (right axis); absent months = 0."""
    bars, lines = [_Part("batches", "批次", DARK_BLUE)], [_Part("persons", "人次", RED_BROWN)]
    return _monthly_chart(monthly, title, bars, "批次", lines, "人次")


@_styled
def plot_volunteer_events(events: pd.DataFrame, title: str = "志愿服务活动情况（按月）") -> Figure:
    """Monthly bars of 活动次数 (次, left axis) with a line of 志愿者人次 (right axis)."""
    bars = [_Part("events", "活动次数", GREEN)]
    lines = [_Part("volunteers", "志愿者人次", RED_BROWN)]
    return _monthly_chart(events, title, bars, "活动次数（次）", lines, "志愿者人次")
