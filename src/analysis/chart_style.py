"""The report charts' look: the bundled CJK font, registered by path, and the printed-report rcParams.

The font is added to matplotlib's in-memory font list on first use, under a family name of its
own; global rcParams are never changed: :func:`styled` applies :func:`chart_style` in an
``rc_context`` around each plotting function.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from functools import cache, wraps
from typing import Any, ParamSpec

from matplotlib import font_manager, rc_context
from matplotlib.figure import Figure
from matplotlib.ft2font import FT2Font
from matplotlib.typing import RcKeyType

from analysis.chart_parts import GREY
from analysis.paths import CJK_FONT_PATH

BUNDLED_FAMILY = "Noto Sans CJK SC"  # the family the bundled file declares
# The name charts ask for: no installed font has it, so it resolves to the bundled file alone.
# Asked for by its declared name, a system copy (Debian's fonts-noto-cjk .ttc) wins the tie.
FONT_FAMILY = "jixiao Noto Sans CJK SC"

P = ParamSpec("P")


@cache
def _register_font() -> None:
    """Add the Noto Sans CJK SC file bundled with mplfonts to matplotlib's in-memory font list, under
    FONT_FAMILY, so charts draw with that file by path whatever fonts the system has."""
    path = str(CJK_FONT_PATH)
    entry = font_manager.ttfFontProperty(FT2Font(path))
    if entry.name != BUNDLED_FAMILY:
        raise RuntimeError(f"{path} declares family {entry.name!r}, expected {BUNDLED_FAMILY!r}")
    font_manager.fontManager.ttflist.append(dataclasses.replace(entry, name=FONT_FAMILY))
    font_manager.fontManager.addfont(path)  # also clears findfont's cache, so the new name is looked up afresh


def chart_style() -> dict[RcKeyType, Any]:  # matplotlib's own type for rcParams
    """rcParams for the sober printed-report look, with the CJK font registered."""
    _register_font()
    return {
        "font.family": [FONT_FAMILY],
        "font.size": 9,
        "axes.unicode_minus": False,
        "axes.titlesize": 11,
        "axes.labelsize": 9,
        "legend.fontsize": 8.5,
        "legend.frameon": False,
        "figure.facecolor": "white",
        "axes.facecolor": "white",
        "savefig.facecolor": "white",
        "axes.edgecolor": GREY,
        "axes.linewidth": 0.6,
        "xtick.major.width": 0.6,
        "ytick.major.width": 0.6,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "grid.color": "#d9d9d9",
        "grid.linewidth": 0.5,
        "text.parse_math": False,  # a project named 经费$x$ is text, not a formula (nor an error that stops the run)
    }


def styled(draw: Callable[P, Figure]) -> Callable[P, Figure]:
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


def draw_unlaid(draw: Callable[P, Figure], *args: P.args, **kwargs: P.kwargs) -> Figure:
    """The figure of a :func:`styled` plotting function without its layout pass, for saving
    (:func:`analysis.charts.figure_to_png` and ``figure_to_svg`` lay it out in the same style while they render):
    one layout fewer, a third of a chart's drawing time."""
    with rc_context(chart_style()):
        return getattr(draw, "__wrapped__", draw)(*args, **kwargs)
