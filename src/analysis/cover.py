"""The report's title and cover page, the same in report.html, report.pdf and report.docx.

Light on purpose: the run's main process imports it to title the page and the PDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Cover:
    """What the cover page says: the report title, the department, the fiscal year and the date line."""

    title: str
    department: str
    fiscal_year: int
    date_text: str


def report_title(department: str, year: int) -> str:
    """The report's title: 某某局2024年度部门整体支出绩效评价报告."""
    return f"{department}{year}年度部门整体支出绩效评价报告"


def cover_for(department: str, year: int, day: date) -> Cover:
    """The cover of ``department``'s report on fiscal ``year``, dated ``day`` (2025年3月8日)."""
    return Cover(report_title(department, year), department, year, f"{day.year}年{day.month}月{day.day}日")
