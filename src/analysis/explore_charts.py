"""The waterfall chart of what drove a year-over-year change, for notebook 05.

It takes a change table from :mod:`analysis.explore` (int64 fen) and draws,
from last year's total to this year's, one bar per largest change and one for
the rest, in the report's style (:func:`analysis.chart_style.styled`). Labels
are formatted from the exact fen by :func:`analysis.money.format_wan`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis.chart_parts import (
    DARK_BLUE,
    GREEN,
    GREY,
    LABEL_SIZE,
    RED_BROWN,
    new_axes,
    wrap,
)
from analysis.chart_style import styled
from analysis.explore import KEYS, NAMES, SPENDING_LABELS
from analysis.money import FEN_PER_WAN, format_wan

OTHERS = "其他"
STEP_COLORS = {"total": DARK_BLUE, "increase": RED_BROWN, "decrease": GREEN}  # red for a rise, as Chinese readers expect


def label_rows(changes: pd.DataFrame) -> pd.Series:
    """A short Chinese label per row from its key columns: ``30107 绩效工资``, ``3月``, a project (blank: 基本支出)."""
    parts = []
    for key in (k for k in KEYS if k in changes.columns):
        if key == "econ_class" and "econ_code" in changes.columns:
            continue  # a 款 names its 类 already
        if key in NAMES:
            parts.append(changes[key] + " " + changes[NAMES[key]])
        elif key == "month":
            parts.append(changes[key].astype("str") + "月")
        elif key == "spending_type":
            parts.append(changes[key].map(SPENDING_LABELS))
        elif key == "project":
            parts.append(changes[key].where(changes[key].ne(""), SPENDING_LABELS["basic"]))
        else:
            parts.append(changes[key])
    return pd.concat(parts, axis=1).agg(" ".join, axis=1) if parts else pd.Series("", index=changes.index)


def waterfall_steps(changes: pd.DataFrame, top: int = 8, start: str = "上年", end: str = "本年") -> pd.DataFrame:
    """The bars of a waterfall, in fen: label, kind (total/increase/decrease), start_fen, end_fen.

    Last year's total, the ``top`` largest changes by size, the rest summed as 其他 (when any is
    left), and this year's total, which the running sum reaches exactly.
    """
    prior, current = int(changes["prior_fen"].sum()), int(changes["current_fen"].sum())
    ranked = changes.assign(label=label_rows(changes), _size=changes["change_fen"].abs())
    ranked = ranked.sort_values("_size", ascending=False, kind="stable")
    moves = [(label, int(fen)) for label, fen in zip(ranked["label"].iloc[:top], ranked["change_fen"].iloc[:top])]
    if len(ranked) > top:
        moves.append((OTHERS, int(ranked["change_fen"].iloc[top:].sum())))
    rows, level = [(start, "total", 0, prior)], prior
    for label, fen in moves:
        rows.append((label, "increase" if fen >= 0 else "decrease", level, level + fen))
        level += fen
    rows.append((end, "total", 0, current))
    return pd.DataFrame(rows, columns=["label", "kind", "start_fen", "end_fen"]).astype({"start_fen": "int64", "end_fen": "int64"})


def step_label(kind: str, start: int, end: int) -> str:
    """A bar's value in 万元: the total, or the change with its sign (+1.23 / -1.23)."""
    if kind == "total":
        return format_wan(end)
    return ("+" if end >= start else "-") + format_wan(abs(end - start))


def tick_label(label: str) -> str:
    """A bar's label on lines of at most 6 characters, a leading code on a line of its own."""
    code, _, name = label.partition(" ")
    return f"{code}\n{wrap(name, 6)}" if name and code.isdigit() else wrap(label, 6)


@styled
def plot_change_waterfall(changes: pd.DataFrame, title: str = "变动因素（万元）", top: int = 8) -> Figure:
    """Waterfall from last year's total to this year's through the ``top`` largest changes, in 万元.

    The value axis starts near the smallest level, not at 0, so that changes small beside the
    totals can be seen; the axis label says so when it does.
    """
    steps = waterfall_steps(changes, top)
    fig, ax = new_axes(title, height=4.6)
    x = np.arange(len(steps))
    low = np.minimum(steps["start_fen"], steps["end_fen"]).to_numpy() / FEN_PER_WAN
    high = np.maximum(steps["start_fen"], steps["end_fen"]).to_numpy() / FEN_PER_WAN
    moving = steps["kind"].ne("total").to_numpy()
    levels = np.concatenate([steps["end_fen"].to_numpy() / FEN_PER_WAN, low[moving]])
    pad = max(float(levels.max() - levels.min()), 1.0) * 0.15
    floor = max(float(levels.min()) - pad, 0.0)
    ax.bar(x, high - low, bottom=low, width=0.6, color=[STEP_COLORS[k] for k in steps["kind"]])
    for xi, row, top_value in zip(x, steps.itertuples(index=False), high):
        ax.annotate(
            step_label(row.kind, row.start_fen, row.end_fen),
            (xi, top_value),
            xytext=(0, 2),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=LABEL_SIZE,
        )
    ends = steps["end_fen"].to_numpy() / FEN_PER_WAN
    ax.hlines(ends[:-1], x[:-1] + 0.3, x[1:] - 0.3, colors=GREY, linewidth=0.6)  # each bar starts where the last ended
    ax.set_xticks(x, [tick_label(label) for label in steps["label"]], fontsize=LABEL_SIZE)
    ax.set_ylim(floor, float(high.max()) + pad)
    ax.grid(axis="y")
    ax.set_axisbelow(True)
    ax.set_ylabel("万元（纵轴不从0起）" if floor > 0 else "万元")
    return fig
