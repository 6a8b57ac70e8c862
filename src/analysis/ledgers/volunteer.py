"""志愿服务活动 (volunteer events): one row per event, attendances in 人次."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.ledgers.common import Column, Problem, parse_counts, parse_dates, raise_if
from analysis.ledgers.reading import read_ledger

FILE_NAME = "volunteer_events.csv"
COLUMNS = (
    Column("date", "日期", aliases=("活动日期",), kind="date"),
    Column("name", "活动名称", free_text=True),
    Column("volunteers", "参与人次", kind="count"),
)


def load_volunteer(path: Path, fiscal_year: int, notes: list[Problem] | None = None) -> pd.DataFrame:
    """Load volunteer events of the fiscal year: date, name, volunteers (人次)."""
    path = Path(path)
    read = read_ledger(path, COLUMNS, notes)
    raw, typed, problems = read.frame, read.typed, read.problems
    frame = raw.assign(
        date=parse_dates(raw["date"], path.name, "日期", fiscal_year, problems, with_time=False),
        volunteers=parse_counts(raw["volunteers"], path.name, "参与人次", 0, problems),
    )
    raise_if(problems, typed)
    return frame.astype({"volunteers": "int64"}).reset_index(drop=True)
