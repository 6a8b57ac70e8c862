"""预算批复 (approved budget): initial and adjusted budget per line, in yuan."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.ledgers.common import (
    Column,
    Problem,
    add_row_problems,
    find_unnamed_projects,
    map_values,
    parse_amounts,
    raise_if,
)
from analysis.ledgers.expenditure import SPENDING_TYPES
from analysis.ledgers.reading import read_ledger

FILE_NAME = "budget.csv"
COLUMNS = (
    Column("spending_type", "支出类型"),
    Column("project", "项目名称", required=False, free_text=True),
    Column("budget_initial", "年初预算数", kind="amount", blank_zero=True),
    Column("budget_adjusted", "调整预算数", kind="amount", blank_zero=True),
)


def load_budget(path: Path, notes: list[Problem] | None = None) -> pd.DataFrame:
    """Load budget lines: spending_type (basic/project), project, initial_fen, adjusted_fen."""
    path = Path(path)
    read = read_ledger(path, COLUMNS, notes)
    raw, typed, problems = read.frame, read.typed, read.problems
    frame = pd.DataFrame(
        {
            "spending_type": map_values(raw["spending_type"], SPENDING_TYPES, path.name, "支出类型", problems),
            "project": raw["project"],
            "initial_fen": parse_amounts(raw["budget_initial"], path.name, problems, "年初预算数", allow_zero=True),
            "adjusted_fen": parse_amounts(raw["budget_adjusted"], path.name, problems, "调整预算数", allow_zero=True),
        }
    )
    find_unnamed_projects(frame, path.name, problems)
    repeated = frame.index[frame.duplicated(["spending_type", "project"], keep=False)]
    add_row_problems(problems, path.name, repeated, "项目名称", frame["project"], "每个预算行只出现一次 (one line per item)")
    raise_if(problems, typed)
    return frame.astype({"initial_fen": "int64", "adjusted_fen": "int64"}).reset_index(drop=True)
