"""Charts drawn once per data: reused while current, redrawn when the table changes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from analysis import charts
from analysis.chart_cache import chart_digest, render_chart


def counting(calls: list[str]) -> Callable[..., object]:
    """A plotting function that records each call and draws the real monthly chart."""

    def plot(data: pd.DataFrame, title: str = "") -> object:
        calls.append(title)
        return charts.plot_monthly_spending(data, title=title)

    return plot


MONTHLY = pd.DataFrame({"month": range(1, 13), "basic_fen": [100_000] * 12, "project_fen": [0] * 12})


def test_a_current_chart_is_read_back_not_drawn_again(tmp_path: Path) -> None:
    calls: list[str] = []
    first = render_chart("monthly_spending", counting(calls), MONTHLY, tmp_path)
    second = render_chart("monthly_spending", counting(calls), MONTHLY, tmp_path)
    assert calls == [""]  # drawn once, untitled
    assert first == second and first.png.startswith(b"\x89PNG") and first.svg.startswith(b"<?xml")
    assert len(list(tmp_path.glob("monthly_spending-*.png"))) == len(list(tmp_path.glob("monthly_spending-*.svg"))) == 1


def test_a_chart_drawn_twice_is_the_same_svg_and_its_text_is_outlines() -> None:
    """The report's checksums and diffs must not change when nothing did: no date, no random ids, no font needed."""
    first, second = (render_chart("monthly_spending", charts.plot_monthly_spending, MONTHLY, None) for _ in range(2))
    assert first.svg == second.svg
    assert b"<text" not in first.svg and b"<dc:date>" not in first.svg


def test_a_changed_table_gets_a_new_picture(tmp_path: Path) -> None:
    changed = MONTHLY.assign(project_fen=[0] * 11 + [1])  # one fen more in December
    assert chart_digest("monthly_spending", changed) != chart_digest("monthly_spending", MONTHLY)
    assert chart_digest("monthly_spending", MONTHLY) != chart_digest("monthly_spending_other", MONTHLY)
    calls: list[str] = []
    render_chart("monthly_spending", counting(calls), MONTHLY, tmp_path)
    render_chart("monthly_spending", counting(calls), changed, tmp_path)
    assert len(calls) == 2 and len(list(tmp_path.glob("*.png"))) == 2


def test_without_a_cache_every_call_draws(tmp_path: Path) -> None:
    calls: list[str] = []
    render_chart("monthly_spending", counting(calls), MONTHLY, None)
    render_chart("monthly_spending", counting(calls), MONTHLY, None)
    assert len(calls) == 2 and not list(tmp_path.iterdir())
