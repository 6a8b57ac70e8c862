"""Validation before a run: every problem of every file at once, and validation.csv.

`jixiao validate` runs only this; `jixiao run` runs it first, so bad input
stops the run before any notebook starts. Errors stop the run; warnings
(unknown columns, for example) are listed but do not.
"""

from __future__ import annotations

import secrets
from dataclasses import replace
from pathlib import Path
from types import ModuleType

from analysis.files import csv_for_excel, write_text_atomic
from analysis.ingest import check_year_folder, list_fiscal_years, narrative_problems
from analysis.ledgers import department
from analysis.ledgers.common import LedgerError, Problem, cap_problems
from analysis.ledgers.headers import header_names, locate_header, read_header_cell
from analysis.ledgers.registry import CHECKERS, LEDGER_LABELS, LEDGERS, LOADERS, SERVICE_LEDGERS, ledger_file
from analysis.ledgers.sources import read_top_rows
from analysis.paths import department_raw_dir, year_raw_dir

CSV_HEADER = ("级别 (severity)", "文件 (file)", "行 (row)", "列 (column)", "值 (value)", "应为 (expected)")


def matching_columns(rows: list[list[str]], module: ModuleType) -> int:
    """How many of a ledger kind's columns the file's header row names."""
    names = header_names(module.COLUMNS)
    header = rows[locate_header(rows, module.COLUMNS)] if rows else []
    return len({read_header_cell(cell, names)[0] for cell in header} - {None})


def wrong_kind_problem(name: str, path: Path) -> Problem | None:
    """When a file's header fits another ledger better than its own, say which."""
    try:
        rows = read_top_rows(path)  # the header is among them: a city's ledger is not read whole for a hint
    except LedgerError:
        return None
    scores = {other: matching_columns(rows, module) for other, module in LEDGERS.items()}
    best = max(scores, key=lambda other: scores[other])
    if best == name or scores[best] <= scores[name] or scores[best] < 3:
        return None
    return Problem(
        path.name, None, None, None, f"{LEDGER_LABELS[name]}（{name}）；此文件的表头像是{LEDGER_LABELS[best]}（{best}），是否放错了文件？(wrong ledger)"
    )


def validate_ledgers(data_dir: Path, dept: str, year: int) -> list[Problem]:
    """Every error and warning in the department's files for this year (and the earlier years' expenditure and service ledgers)."""
    try:
        check_year_folder(data_dir, dept, year)
    except LedgerError as error:
        return error.problems
    problems: list[Problem] = []
    salt = secrets.token_bytes(16)
    try:
        department.load_department(department_raw_dir(data_dir, dept) / department.FILE_NAME)
    except LedgerError as error:
        problems += error.problems
    for fiscal_year in list_fiscal_years(data_dir, dept, up_to=year):
        folder = year_raw_dir(data_dir, dept, fiscal_year)
        found: list[Problem] = []
        for name in LOADERS if fiscal_year == year else ("expenditure", *SERVICE_LEDGERS):  # as ingest reads them
            path = None
            try:
                path = ledger_file(folder, LEDGERS[name])
                if path is not None:
                    CHECKERS.get(name, LOADERS[name])(path, fiscal_year, salt, found, None)
            except LedgerError as error:
                found += error.problems
                hint = wrong_kind_problem(name, path) if path is not None else None
                found += [hint] if hint else []
        # an earlier year's file has the same name as this year's: say which year
        problems += found if fiscal_year == year else [replace(p, file=f"{fiscal_year}/{p.file}") for p in found]
    return cap_problems(problems + narrative_problems(data_dir, dept, year))


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
