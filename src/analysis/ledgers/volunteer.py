"""志愿服务活动 (volunteer events): one row per event, attendances in 人次."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from analysis.ledgers.common import Column, Problem, parse_dates, problems_from_schema_errors, raise_if, read_ledger

FILE_NAME = "volunteer_events.csv"
COLUMNS = (Column("date", "日期", aliases=("活动日期",)), Column("name", "活动名称"), Column("volunteers", "参与人次"))
SCHEMA = pa.DataFrameSchema({"volunteers": pa.Column("Int64", pa.Check.ge(0), nullable=False)})
EXPLAIN = {"volunteers": "不小于0的整数人次 (volunteer attendances)"}


def load_volunteer(path: Path, fiscal_year: int) -> pd.DataFrame:
    """Load volunteer events of the fiscal year: date, name, volunteers (人次)."""
    path = Path(path)
    raw = read_ledger(path, COLUMNS)
    problems: list[Problem] = []
    frame = raw.assign(
        date=parse_dates(raw["date"], path.name, "日期", fiscal_year, problems, with_time=False),
        volunteers=pd.to_numeric(raw["volunteers"], errors="coerce").astype("Int64"),
    )
    try:
        SCHEMA.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as error:
        problems.extend(problems_from_schema_errors(error, path.name, COLUMNS, EXPLAIN))
    raise_if(problems)
    return frame.astype({"volunteers": "int64"}).reset_index(drop=True)
