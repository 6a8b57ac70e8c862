"""Validation before a run: every problem of every file at once, and validation.csv.

`jixiao validate` runs only this; in `jixiao run` the ingest stage reads the same files once and stops
on the same problems before it writes anything. Errors stop the run; warnings (unknown columns, for
example) are listed but do not.
"""

from __future__ import annotations

from pathlib import Path

from analysis.files import csv_for_excel, write_text_atomic
from analysis.ledgers.common import Problem
from analysis.year_ledgers import read_year_ledgers

CSV_HEADER = ("级别 (severity)", "文件 (file)", "行 (row)", "列 (column)", "值 (value)", "应为 (expected)")


def validate_ledgers(data_dir: Path, dept: str, year: int) -> list[Problem]:
    """Every error and warning in the department's files for this year (and the earlier years' expenditure and service ledgers)."""
    return read_year_ledgers(data_dir, dept, year).problems


def validation_csv(problems: list[Problem]) -> str:
    """The problems as CSV for Excel (UTF-8 with BOM, so Excel shows the Chinese), formula-safe."""
    rows = [
        ("错误" if p.severity == "error" else "提示", p.file, "" if p.row is None else str(p.row), p.column or "", p.value or "", p.explanation)
        for p in problems
    ]
    return csv_for_excel(CSV_HEADER, rows)


def write_validation(problems: list[Problem], path: Path) -> Path:
    """Write validation.csv atomically."""
    return write_text_atomic(path, validation_csv(problems))
