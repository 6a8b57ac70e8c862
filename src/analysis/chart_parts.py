"""Drawing parts shared by the report charts in :mod:`analysis.charts`.

Holds the palette and sizes (the CJK font and the printed-report style are
in :mod:`analysis.chart_style`), column-to-array conversions, axes
set-up (:func:`new_axes`, :func:`value_axis`, :func:`band_axis`), stacked bars
with value labels (:func:`stack`), the combined legend, the monthly
bar-and-line chart behind several ``plot_*`` functions, and the yearly one
(:func:`yearly_chart`) whose bars take each year's colour (:func:`year_color`).

Bars are drawn from floats, but every value label is formatted from the exact
integer amount it stands for: money as integer fen through
:func:`analysis.money.format_wan` (half up, as in the report's tables), counts
as whole numbers. The font is added to matplotlib's in-memory font list on
first use; global rcParams are never changed.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from typing import Literal, NamedTuple

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from analysis.money import FEN_PER_WAN, format_wan

DARK_BLUE, RED_BROWN, GREY, GOLD, GREEN = "#1f3a5f", "#8c2d19", "#7f7f7f", "#b8860b", "#3b6e3b"
# Indexed by fiscal year modulo its length, so a year has one colour in every report (2024 dark blue, 2023 red-brown, 2022 grey).
YEAR_PALETTE = (GREEN, GOLD, GREY, RED_BROWN, DARK_BLUE)
CHARCOAL = "#333333"  # lines drawn over bars coloured by year
FIGSIZE = (7.5, 4.0)
MONTHS = np.arange(1, 13)
LABEL_SIZE = 7.5


def year_color(year: int) -> str:
    """The colour of a fiscal year, the same in every chart of every report whatever other years are shown."""
    return YEAR_PALETTE[int(year) % len(YEAR_PALETTE)]


class Part(NamedTuple):
    """One drawn series: source column, legend label, colour."""

    column: str
    label: str
    color: str


class Scale(NamedTuple):
    """How integer amounts are drawn (divided by ``per_unit``) and labelled (``label``)."""

    per_unit: int
    label: Callable[[int], str]


MONEY = Scale(FEN_PER_WAN, format_wan)  # fen drawn in 万元, labelled half up like the tables
COUNT = Scale(1, str)


def floats(column: pd.Series) -> np.ndarray:
    """A column as float64, missing values (NaN or pd.NA) as NaN."""
    return column.to_numpy(dtype="float64", na_value=np.nan)


def integers(column: pd.Series) -> np.ndarray:
    """A column of whole amounts (fen, counts) as int64, missing values as 0.

    Raises ``TypeError`` on fractional values rather than truncating them.
    """
    return column.astype("Int64").fillna(0).to_numpy(dtype="int64")


def peak(values: np.ndarray) -> float:
    """Largest finite value; 0 for an empty or all-missing array."""
    return float(values[np.isfinite(values)].max(initial=0.0))


def wrap(name: str, width: int = 12) -> str:
    """Break a long (Chinese) name into balanced lines of at most ``width`` characters."""
    text = str(name)
    lines = -(-len(text) // width)
    return textwrap.fill(text, width=-(-len(text) // lines)) if lines > 1 else text


def new_axes(title: str, height: float = FIGSIZE[1]) -> tuple[Figure, Axes]:
    """A white, constrained-layout figure with one titled axes."""
    fig = Figure(figsize=(FIGSIZE[0], height), layout="constrained")
    ax = fig.add_subplot()
    ax.set_title(title)
    return fig, ax


def value_axis(ax: Axes, which: Literal["x", "y"], label: str, top: float, integer: bool = False) -> None:
    """Label the value axis, give it a thin grid and run it from 0 to ``top`` (at least 1)."""
    ax.grid(axis=which)
    ax.set_axisbelow(True)
    axis = ax.xaxis if which == "x" else ax.yaxis
    axis.set_label_text(label)
    if integer:
        axis.set_major_locator(MaxNLocator(integer=True))
    (ax.set_xlim if which == "x" else ax.set_ylim)(0.0, max(top, 1.0))


def band_axis(ax: Axes, low: float, high: float, band: tuple[float, float], label: str) -> None:
    """Fit round ticks covering ``low``..``high`` into a vertical ``band`` (axes fraction).

    Used where bars and lines share a plot: bars keep the lower band and lines
    the upper one, each with its own ticks, spine and label, so they never cross.
    """
    # an array already (the stubs say Sequence): asarray only lets the type checker see it, copying nothing
    ticks = np.asarray(MaxNLocator(nbins=4, steps=[1, 2, 5, 10], integer=True).tick_values(low, high))
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


def stack(
    ax: Axes,
    x: np.ndarray,
    parts: Sequence[tuple[np.ndarray, Part]],
    width: float,
    scale: Scale,
    label_segments: bool = False,
) -> np.ndarray:
    """Draw stacked vertical bars of integer amounts in ``scale``; return the drawn totals.

    Totals are summed as int64 and each non-zero one is labelled above its bar
    by ``scale.label``. With ``label_segments``, segments tall enough to read
    carry their own value.
    """
    totals = np.sum([amounts for amounts, _ in parts], axis=0, dtype="int64")
    readable = 0.08 * peak(totals / scale.per_unit)
    bottom = np.zeros(len(x))
    for amounts, part in parts:
        values = amounts / scale.per_unit
        bars = ax.bar(x, values, width, bottom=bottom, label=part.label, color=part.color)
        bottom = bottom + values
        if label_segments:
            texts = [scale.label(int(a)) if v >= readable and a > 0 else "" for a, v in zip(amounts, values)]
            ax.bar_label(bars, texts, label_type="center", color="white", fontsize=LABEL_SIZE)
    for xi, top, total in zip(x, bottom, totals):
        if total > 0:
            ax.annotate(scale.label(int(total)), (xi, top), xytext=(0, 2), textcoords="offset points", ha="center", va="bottom", fontsize=LABEL_SIZE)
    return bottom


def legend(fig: Figure, axes: Sequence[Axes]) -> None:
    """One legend for the entries of all ``axes``, centred below the plot."""
    pairs = [ax.get_legend_handles_labels() for ax in axes]
    handles = [h for hs, _ in pairs for h in hs]
    labels = [label for _, ls in pairs for label in ls]
    fig.legend(handles, labels, loc="outside lower center", ncols=len(labels))


def by_month(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """``columns`` indexed by month 1–12; absent months are NaN."""
    months = frame["month"]
    if not months.between(1, 12).all() or months.duplicated().any():
        raise ValueError("month must hold distinct integers 1–12")
    return frame.set_index("month")[columns].reindex(MONTHS)


def monthly_chart(
    monthly: pd.DataFrame,
    title: str,
    bars: Sequence[Part],
    bar_unit: str,
    lines: Sequence[Part] = (),
    line_unit: str = "",
    scale: Scale = COUNT,
    rates: bool = False,
) -> Figure:
    """Stacked monthly bars with totals, optional lines on a right axis; x ticks 1月…12月.

    Bar columns hold integer amounts drawn and labelled in ``scale`` (``MONEY``:
    fen in 万元; absent months count as 0). ``rates`` draws the lines as
    percentages on a scale ending at 100 (a NaN month leaves a gap); otherwise
    lines are counts and absent months count as 0.
    """
    data = by_month(monthly, [p.column for p in (*bars, *lines)])
    fig, ax = new_axes(title)
    totals = stack(ax, MONTHS, [(integers(data[p.column]), p) for p in bars], 0.6, scale)
    ax.set_xticks(MONTHS, [f"{m}月" for m in MONTHS])
    value_axis(ax, "y", bar_unit, peak(totals) * 1.12, integer=scale is COUNT)
    if lines:
        right = ax.twinx()
        values = [floats(data[p.column]) for p in lines]
        values = [v * 100 for v in values] if rates else [np.nan_to_num(v) for v in values]
        for i, (v, p) in enumerate(zip(values, lines)):  # distinct markers show coinciding lines
            right.plot(MONTHS, v, marker="os^D"[i % 4], markersize=3.5, linewidth=1.4, color=p.color, label=p.label)
        every = np.concatenate(values)
        low = min(float(every[np.isfinite(every)].min(initial=100.0)), 95.0) if rates else 0.0
        band_axis(ax, 0.0, max(peak(totals), 1.0), (0.0, 0.52), bar_unit)
        band_axis(right, low, 100.0 if rates else max(peak(every), 1.0), (0.62, 0.96), line_unit)
    legend(fig, fig.axes)
    return fig


def yearly_chart(
    by_year: pd.DataFrame,
    title: str,
    bar_column: str,
    bar_label: str,
    lines: Sequence[Part] = (),
    line_unit: str = "",
    rates: bool = False,
) -> Figure:
    """One bar per fiscal year in that year's colour, with optional lines on a right axis; x ticks 2023年….

    Bars hold the counts of ``bar_column`` (axis label ``bar_label``); a year
    whose value is missing (its ledger absent) gets no bar but the label 未提供,
    and leaves a gap in every line. ``rates`` draws the lines (fractions) as
    percentages on a scale ending at 100; otherwise they are counts. The bars
    have no legend entry: their colours are the years'.
    """
    data = by_year.sort_values("year")
    years, x = data["year"].astype(int).tolist(), np.arange(len(data))
    counts, present = integers(data[bar_column]), data[bar_column].notna().to_numpy()
    fig, ax = new_axes(title)
    bars = ax.bar(x, counts, 0.5, color=[year_color(y) for y in years])
    ax.bar_label(bars, [str(c) if shown else "未提供" for c, shown in zip(counts, present)], padding=2, fontsize=LABEL_SIZE)
    ax.set_xticks(x, [f"{y}年" for y in years])
    pad = max(0.25, (3 - len(data)) * 0.5)  # keep one or two bars from going wide
    ax.set_xlim(-0.5 - pad, len(data) - 0.5 + pad)
    value_axis(ax, "y", bar_label, peak(counts) * 1.12, integer=True)
    if lines:
        right = ax.twinx()
        values = [floats(data[p.column]) * (100 if rates else 1) for p in lines]
        for i, (v, p) in enumerate(zip(values, lines)):  # one colour, told apart by marker and dash
            right.plot(x, v, marker="os^D"[i % 4], linestyle=("-", "--", ":", "-.")[i % 4], markersize=4, linewidth=1.3, color=p.color, label=p.label)
        every = np.concatenate(values)
        low = min(float(every[np.isfinite(every)].min(initial=100.0)), 95.0) if rates else 0.0
        band_axis(ax, 0.0, max(peak(counts), 1.0), (0.0, 0.52), bar_label)
        band_axis(right, low, 100.0 if rates else max(peak(every), 1.0), (0.62, 0.96), line_unit)
        legend(fig, [right])
    return fig
