"""Every file one department-year's run reads, read once: the tables, department.yaml, the narratives, every problem.

`jixiao validate` and 01_ingest both start here, so a run parses each ledger once: validation is what this
module finds, ingest is what it finds written to Parquet when nothing is an error. Earlier years are read
for their expenditure (year-over-year tables) and their service ledgers (the service history's counts).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import ModuleType

import pandas as pd

from analysis.dataplane.api import check_service_ledger, write_service_parquet
from analysis.files import sha256_file
from analysis.ledgers import department, expenditure
from analysis.ledgers.common import NOT_A_FILE, LedgerError, Problem, cap_problems, raise_if
from analysis.ledgers.department import Department
from analysis.ledgers.headers import header_names, locate_header, read_header_cell
from analysis.ledgers.registry import LEDGER_LABELS, LEDGERS, LOADERS, OPTIONAL_LEDGERS, SERVICE_LEDGERS, ledger_file
from analysis.ledgers.sources import read_top_rows
from analysis.narrative import PLACEHOLDER_ROOTS, Narrative, NarrativeError, load_narrative, placeholder_names
from analysis.paths import ECON_CLASSES_PATH, department_raw_dir, year_raw_dir

NARRATIVE_FILE = "narrative.md"
Tables = dict[str, pd.DataFrame | None]


@dataclass(frozen=True)
class StagedTable:
    """A service ledger validated by the data plane and written as Parquet into a staging folder: where, and its rows."""

    path: Path
    rows: int


Staged = dict[str, StagedTable | None]


@dataclass(frozen=True)
class YearLedgers:
    """What a department-year's files hold, as read: ``years`` maps each fiscal year to its frames (this year's
    expenditure and budget, an earlier year's expenditure), ``services`` to its service ledgers as staged Parquet
    (every year's, when read with a staging folder), None where a file is absent or unusable.

    ``names`` are the citizens' names the petitions register and hotline ledgers hold (to hide elsewhere);
    ``problems`` every error and warning, capped per rule; ``department`` and ``narrative`` None when unusable;
    ``previous`` last year's narrative when it exists and still parses.
    """

    year: int
    years: dict[int, Tables] = field(default_factory=dict)
    services: dict[int, Staged] = field(default_factory=dict)
    names: frozenset[str] = frozenset()
    problems: list[Problem] = field(default_factory=list)
    department: Department | None = None
    narrative: Narrative | None = None
    previous: Narrative | None = None
    salt: bytes = b""

    @property
    def errors(self) -> list[Problem]:
        """The problems that stop a run."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def tables(self) -> Tables:
        """This fiscal year's tables."""
        return self.years.get(self.year, {})


def list_fiscal_years(data_dir: Path, dept: str, up_to: int | None = None) -> list[int]:
    """Fiscal years that have a ledger folder, ascending; with ``up_to``, only those not after it."""
    root = department_raw_dir(data_dir, dept)
    years = sorted(int(p.name) for p in root.iterdir() if p.is_dir() and p.name.isdigit() and len(p.name) == 4)
    return [y for y in years if up_to is None or y <= up_to]


def ledgers_read_in(fiscal_year: int, year: int) -> tuple[str, ...]:
    """The ledgers a run of ``year`` reads in ``fiscal_year``: every one this year, expenditure and services before."""
    return tuple(LEDGERS) if fiscal_year == year else ("expenditure", *SERVICE_LEDGERS)


def input_files(data_dir: Path, dept: str, year: int) -> list[Path]:
    """Every raw file a run of this department and year reads, in a stable order."""
    files = [department_raw_dir(data_dir, dept) / department.FILE_NAME]
    for fiscal_year in list_fiscal_years(data_dir, dept, up_to=year):
        folder = year_raw_dir(data_dir, dept, fiscal_year)
        files += [path for name in ledgers_read_in(fiscal_year, year) if (path := ledger_file(folder, LEDGERS[name]))]
        if fiscal_year >= year - 1 and (folder / NARRATIVE_FILE).exists():  # last year's: to see what was carried forward
            files.append(folder / NARRATIVE_FILE)
    return files


def input_checksums(data_dir: Path, dept: str, year: int) -> dict[str, str]:
    """SHA-256 of every file a run reads (labelled dept/…, as the report's footer shows them), and of the 人员/公用 table."""
    inputs = {f"{dept}/{p.relative_to(data_dir / dept)}": p for p in input_files(data_dir, dept, year)}
    inputs["analysis/econ_classes.csv"] = ECON_CLASSES_PATH  # the 人员/公用 split is configuration too
    return {label: sha256_file(path) for label, path in inputs.items()}


def check_year_folder(data_dir: Path, dept: str, year: int) -> None:
    """Fail clearly when the department or the year's required files are not there."""
    folder = year_raw_dir(data_dir, dept, year)
    required = (
        (department_raw_dir(data_dir, dept) / department.FILE_NAME, "单位信息文件 (department file)"),
        (ledger_file(folder, expenditure) or folder / expenditure.FILE_NAME, "支出明细账 (expenditure ledger)"),
        (folder / NARRATIVE_FILE, "文字说明 (narrative)"),
    )
    missing = [Problem(str(path), None, None, None, f"{what}存在 (file must exist)") for path, what in required if not path.exists()]
    if missing:
        raise LedgerError(missing)
    try:
        files = input_files(data_dir, dept, year)
    except LedgerError:
        return  # a ledger saved twice (.csv and .xlsx): reported with its year where that ledger is read
    raise_if(outside_problems(data_dir, files))


def outside_problems(data_dir: Path, files: list[Path]) -> list[Problem]:
    """Input files that, followed through symlinks, lie outside the data dir (a link elsewhere is not read),
    or that are no regular file (a pipe would wait forever, a device never end)."""
    data = Path(data_dir).resolve()
    outside = [
        Problem(str(path), None, None, None, f"台账目录中的文件本身，而不是指向目录之外 {path.resolve()} 的链接 (symlink outside the data dir)")
        for path in files
        if data not in path.resolve().parents
    ]
    irregular = [Problem(str(path), None, None, None, NOT_A_FILE) for path in files if not path.is_file()]
    return outside + irregular


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


def stage_service_ledger(
    name: str, path: Path, fiscal_year: int, salt: bytes, found: list[Problem], citizens: set[str], staging: Path | None
) -> StagedTable | None:
    """A service ledger through the data plane: written to ``staging`` as a StagedTable, or only checked (None)
    without a staging folder. LedgerError when it is bad."""
    if staging is None:
        check_service_ledger(name, path, fiscal_year, found, citizens)
        return None
    table = staging / f"{fiscal_year}-{name}.parquet"
    return StagedTable(table, write_service_parquet(name, path, fiscal_year, salt, table, names=citizens, notes=found))


def read_fiscal_year(
    folder: Path, names: tuple[str, ...], fiscal_year: int, salt: bytes, citizens: set[str], staging: Path | None
) -> tuple[Tables, Staged, list[Problem]]:
    """One year folder's ledgers: its frames (LOADERS) and its staged service ledgers (None when absent, unusable
    or only checked), and the problems found in them."""
    tables: Tables = {name: None for name in names if name not in SERVICE_LEDGERS}
    staged: Staged = {name: None for name in names if name in SERVICE_LEDGERS}
    found: list[Problem] = []
    for name in names:
        path = None
        try:
            path = ledger_file(folder, LEDGERS[name])
            if path is not None and name in SERVICE_LEDGERS:
                staged[name] = stage_service_ledger(name, path, fiscal_year, salt, found, citizens, staging)
            elif path is not None:
                tables[name] = LOADERS[name](path, fiscal_year, salt, found, citizens)
        except LedgerError as error:
            found += error.problems
            hint = wrong_kind_problem(name, path) if path is not None else None
            found += [hint] if hint else []
    return tables, staged, found


def narrative_problems(folder: Path) -> tuple[Narrative | None, list[Problem]]:
    """A year folder's narrative.md, and its problems: sections, placeholders that name nothing or a ledger absent this year."""
    try:
        narrative = load_narrative(folder / NARRATIVE_FILE)
    except NarrativeError as error:
        return None, [Problem(NARRATIVE_FILE, error.line, None, error.value, error.detail)]
    absent = {name for name in ("hotline", "petitions", "volunteer") if ledger_file(folder, OPTIONAL_LEDGERS[name]) is None}
    problems = [
        Problem(
            NARRATIVE_FILE, None, title, None, "不含个人信息 (no personal data)；此章节中的电话、证件号或邮箱已在报告中隐去，请从 narrative.md 删去", "warning"
        )
        for title in narrative.hidden
    ]
    for title, text in narrative.sections.items():
        try:
            names = placeholder_names(text)
        except NarrativeError as error:
            problems.append(Problem(NARRATIVE_FILE, None, title, None, error.detail))
            continue
        for name in sorted(names - set(PLACEHOLDER_ROOTS)):
            problems.append(Problem(NARRATIVE_FILE, None, title, name, f"占位符可用的数据 (placeholder names)：{'、'.join(PLACEHOLDER_ROOTS)}"))
        for name in sorted(names & absent):
            problems.append(Problem(NARRATIVE_FILE, None, title, name, f"本年度未提供{LEDGER_LABELS[name]}台账，不能使用它的占位符 (ledger absent)"))
    return narrative, problems


def previous_narrative(path: Path) -> Narrative | None:
    """Last year's narrative.md, to compare this year's with; None when there is none or it no longer parses."""
    try:
        return load_narrative(path) if path.exists() else None
    except NarrativeError:  # written for last year's rules; this year's text is what the run checks
        return None


def read_year_ledgers(data_dir: Path, dept: str, year: int, salt: bytes | None = None, staging: Path | None = None) -> YearLedgers:
    """Read every file of ``dept``'s run for ``year`` once (see YearLedgers); problems never raise, they are collected.

    ``salt`` keys the petitioners' hashed ids: a new random one for each run unless given (a test compares two reads).
    ``staging``: where the data plane writes the service ledgers' validated tables (ingest); without it they are
    only checked (validation), so a ledger of millions of orders costs no disk.
    """
    data_dir = Path(data_dir)
    try:
        check_year_folder(data_dir, dept, year)
    except LedgerError as error:
        return YearLedgers(year, problems=error.problems)
    problems: list[Problem] = []
    salt, citizens = salt or secrets.token_bytes(16), set[str]()
    info = None
    try:
        info = department.load_department(department_raw_dir(data_dir, dept) / department.FILE_NAME)
    except LedgerError as error:
        problems += error.problems
    years: dict[int, Tables] = {}
    services: dict[int, Staged] = {}
    for fiscal_year in list_fiscal_years(data_dir, dept, up_to=year):
        folder = year_raw_dir(data_dir, dept, fiscal_year)
        years[fiscal_year], services[fiscal_year], found = read_fiscal_year(folder, ledgers_read_in(fiscal_year, year), fiscal_year, salt, citizens, staging)
        # an earlier year's file has the same name as this year's: say which year
        problems += found if fiscal_year == year else [replace(p, file=f"{fiscal_year}/{p.file}") for p in found]
    narrative, found = narrative_problems(year_raw_dir(data_dir, dept, year))
    previous = previous_narrative(year_raw_dir(data_dir, dept, year - 1) / NARRATIVE_FILE)
    return YearLedgers(year, years, services, frozenset(citizens), cap_problems(problems + found), info, narrative, previous, salt)
