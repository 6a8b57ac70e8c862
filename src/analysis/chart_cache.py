"""A chart's pictures (SVG and PNG), kept beside the processed tables and reused while its data and the chart code are unchanged.

Stages 02 and 03 draw the charts for the analyst; the report stage then embeds
the same pictures instead of drawing them again. The file name carries a digest of
the chart's input table and of the charting code, so a changed ledger or a
changed chart can never bring back an old picture.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from analysis import chart_parts, chart_style, charts
from analysis.chart_style import draw_unlaid
from analysis.files import write_bytes_atomic
from analysis.paths import year_processed_dir


def chart_cache_dir(processed_dir: str | Path, dept: str, year: int) -> Path:
    """Where a department-year's chart pictures are kept (cleared by every ingest)."""
    return year_processed_dir(Path(processed_dir), dept, year) / "charts"


@cache
def code_digest() -> bytes:
    """SHA-256 of the charting modules' source: new code, new pictures."""
    sources = (charts.__file__, chart_parts.__file__, chart_style.__file__)  # named, so typed str (not a module's str | None)
    return hashlib.sha256(b"".join(Path(source).read_bytes() for source in sources)).digest()


def chart_digest(key: str, data: pd.DataFrame) -> str:
    """Digest of a chart's name, input table (columns and every cell) and the charting code."""
    digest = hashlib.sha256(code_digest() + key.encode() + data.to_csv(index=False).encode())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class Chart:
    """One chart drawn: SVG for the report page and its PDF, PNG for Word and the figures folder."""

    svg: bytes
    png: bytes


def draw_chart(plot: Callable[..., Figure], data: pd.DataFrame) -> Chart:
    """The chart of ``plot`` over ``data``, untitled (the caption names it), as SVG and PNG."""
    figure = draw_unlaid(plot, data, title="")
    return Chart(charts.figure_to_svg(figure), charts.figure_to_png(figure))


def render_chart(key: str, plot: Callable[..., Figure], data: pd.DataFrame, cache_dir: Path | None) -> Chart:
    """The chart, read from the cache when current, else drawn (and kept there)."""
    if cache_dir is None:
        return draw_chart(plot, data)
    stem = Path(cache_dir) / f"{key}-{chart_digest(key, data)}"
    svg_path, png_path = stem.with_suffix(".svg"), stem.with_suffix(".png")
    if svg_path.exists() and png_path.exists():
        return Chart(svg_path.read_bytes(), png_path.read_bytes())
    chart = draw_chart(plot, data)
    write_bytes_atomic(svg_path, chart.svg)
    write_bytes_atomic(png_path, chart.png)
    return chart
