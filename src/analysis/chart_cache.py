"""A chart's PNG, kept beside the processed tables and reused while its data and the chart code are unchanged.

Stages 02 and 03 draw the charts for the analyst; the report stage then embeds
the same PNGs instead of drawing them again. The file name carries a digest of
the chart's input table and of the charting code, so a changed ledger or a
changed chart can never bring back an old picture.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from analysis import chart_parts, chart_style, charts
from analysis.chart_style import draw_for_png
from analysis.files import write_bytes_atomic
from analysis.paths import year_processed_dir


def chart_cache_dir(processed_dir: str | Path, dept: str, year: int) -> Path:
    """Where a department-year's chart PNGs are kept (cleared by every ingest)."""
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


def render_png(key: str, plot: Callable[..., Figure], data: pd.DataFrame, cache_dir: Path | None) -> bytes:
    """The chart as PNG bytes, drawn untitled (the caption names it), or read from the cache when current."""
    if cache_dir is None:
        return charts.figure_to_png(draw_for_png(plot, data, title=""))
    path = Path(cache_dir) / f"{key}-{chart_digest(key, data)}.png"
    if path.exists():
        return path.read_bytes()
    png = charts.figure_to_png(draw_for_png(plot, data, title=""))
    write_bytes_atomic(path, png)
    return png
