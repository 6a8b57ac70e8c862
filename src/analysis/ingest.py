"""Ingest: read every ledger of a department and year, validate, write Parquet.

data/processed/<dept>/<year>/ is rebuilt from data/raw/ alone, so deleting it
loses nothing. Citizens' personal columns are dropped by the ledger loaders;
phone numbers, ID numbers and e-mail addresses typed into the text that is kept
are hidden as each ledger is read, and citizens' names (from the petitions
register and the hotline's caller names) here, before anything is written.
"""

from __future__ import annotations

import secrets
import shutil
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from analysis.dataplane.figures import ServiceFigures, service_figures
from analysis.dataplane.ingest_hook import hide_names_in_parquet, move_staged, summarise_service_file, write_service_year
from analysis.files import write_parquet_atomic
from analysis.ledgers import department, expenditure
from analysis.ledgers.common import NOT_A_FILE, LedgerError, Problem, raise_if
from analysis.ledgers.registry import LEDGER_LABELS, LEDGERS, LOADERS, OPTIONAL_LEDGERS, SERVICE_LEDGERS, ledger_file
from analysis.narrative import PLACEHOLDER_ROOTS, NarrativeError, load_narrative, placeholder_names
from analysis.params import check_apart
from analysis.paths import department_raw_dir, year_processed_dir, year_raw_dir
from analysis.privacy import redact_names
from analysis.service_history import HISTORY_FILE, history_frame, service_year_row

NARRATIVE_FILE = "narrative.md"


@dataclass(frozen=True)
class Ledgers:
    """Every table of one department and year; None where a ledger is absent.

    ``history`` holds the expenditure of every fiscal year up to this one,
    with a ``fiscal_year`` column, for year-over-year comparisons;
    ``service_history`` the service counts of every fiscal year (see analysis.service_history).
    The service ledgers come as their figures (analysis.dataplane.figures), computed over their Parquet:
    a city's twenty million orders are never loaded.
    """

    expenditure: pd.DataFrame
    history: pd.DataFrame
    budget: pd.DataFrame | None
    hotline: ServiceFigures | None
    petitions: ServiceFigures | None
    volunteer: ServiceFigures | None
    service_history: pd.DataFrame | None = None


def list_fiscal_years(data_dir: Path, dept: str, up_to: int | None = None) -> list[int]:
    """Fiscal years that have a ledger folder, ascending; with ``up_to``, only those not after it."""
    root = department_raw_dir(data_dir, dept)
    years = sorted(int(p.name) for p in root.iterdir() if p.is_dir() and p.name.isdigit() and len(p.name) == 4)
    return [y for y in years if up_to is None or y <= up_to]


def input_files(data_dir: Path, dept: str, year: int) -> list[Path]:
    """Every raw file a run of this department and year reads, in a stable order."""
    files = [department_raw_dir(data_dir, dept) / department.FILE_NAME]
    for fiscal_year in list_fiscal_years(data_dir, dept, up_to=year):
        folder = year_raw_dir(data_dir, dept, fiscal_year)
        modules = (expenditure, *SERVICE_LEDGERS.values()) if fiscal_year < year else tuple(LEDGERS.values())
        files += [path for module in modules if (path := ledger_file(folder, module))]
        if fiscal_year >= year - 1 and (folder / NARRATIVE_FILE).exists():  # last year's: to see what was carried forward
            files.append(folder / NARRATIVE_FILE)
    return files


def read_year(data_dir: Path, dept: str, year: int, salt: bytes, names: set[str] | None = None, skip: tuple[str, ...] = ()) -> dict[str, pd.DataFrame | None]:
    """Load the fiscal year's ledgers; optional ones are None when their file is absent (and those in ``skip``).

    Citizens' names found in the petitions register and the hotline ledger are added to ``names``.
    """
    folder = year_raw_dir(data_dir, dept, year)
    tables: dict[str, pd.DataFrame | None] = {}
    for name, module in LEDGERS.items():
        path = None if name in skip else ledger_file(folder, module)
        tables[name] = None if path is None else LOADERS[name](path, year, salt, None, names)
    return tables


def read_history(data_dir: Path, dept: str, year: int, current: pd.DataFrame) -> pd.DataFrame:
    """Expenditure of every fiscal year up to ``year`` (``current`` is this year's, already read), with a fiscal_year column."""
    frames = []
    for fiscal_year in list_fiscal_years(data_dir, dept, up_to=year - 1):
        path = ledger_file(year_raw_dir(data_dir, dept, fiscal_year), expenditure)
        if path is not None:
            frames.append(expenditure.load_expenditure(path, fiscal_year).assign(fiscal_year=fiscal_year))
    return pd.concat([*frames, current.assign(fiscal_year=year)], ignore_index=True)


def read_service_history(data_dir: Path, dept: str, year: int, salt: bytes, names: set[str]) -> list[dict[str, int | None]]:
    """Service counts of every fiscal year before ``year``, one row each, from ledgers read by this year's loaders.

    Only the counts are kept; the citizens' names those ledgers hold are added to ``names``, since earlier
    years' vouchers (history) are shown too. A bad ledger of an earlier year stops ingest, its file named with its year.
    """
    rows = []
    for fiscal_year in list_fiscal_years(data_dir, dept, up_to=year - 1):
        folder, summaries = year_raw_dir(data_dir, dept, fiscal_year), {}
        for name, module in SERVICE_LEDGERS.items():
            path = ledger_file(folder, module)
            try:
                summaries[name] = None if path is None else summarise_service_file(name, path, fiscal_year, salt, names)
            except LedgerError as error:
                raise LedgerError([replace(p, file=f"{fiscal_year}/{p.file}") for p in error.problems]) from None
        rows.append(service_year_row(fiscal_year, summaries))
    return rows


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


def kept_text_columns(table: str, frame: pd.DataFrame) -> list[str]:
    """The text columns of a loaded table that a report may show: every declared text column but a citizen's own."""
    module = LEDGERS["expenditure" if table == "history" else table]
    return [c.name for c in module.COLUMNS if c.kind == "text" and not c.personal and c.name in frame.columns]


def redact_citizen_names(tables: dict[str, pd.DataFrame | None], names: set[str]) -> dict[str, pd.DataFrame | None]:
    """New tables whose kept text has the citizens' ``names`` replaced (numbers were hidden as the ledgers were read)."""
    return {
        table: frame if frame is None else frame.assign(**{c: redact_names(frame[c], names) for c in kept_text_columns(table, frame)})
        for table, frame in tables.items()
    }


def narrative_problems(data_dir: Path, dept: str, year: int) -> list[Problem]:
    """narrative.md's sections, and placeholders that name nothing or a ledger absent this year."""
    folder = year_raw_dir(data_dir, dept, year)
    try:
        narrative = load_narrative(folder / NARRATIVE_FILE)
    except NarrativeError as error:
        return [Problem(NARRATIVE_FILE, error.line, None, error.value, error.detail)]
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
    return problems


def ingest(data_dir: Path, processed_dir: Path, dept: str, year: int) -> dict[str, int | None]:
    """Validate every ledger of ``dept`` for ``year`` and write them as Parquet.

    Returns the row count of each table written (None for an absent ledger).
    """
    check_year_folder(data_dir, dept, year)
    raise_if(narrative_problems(data_dir, dept, year))  # nothing is written for a narrative that cannot be filled
    department.load_department(department_raw_dir(data_dir, dept) / department.FILE_NAME)
    names: set[str] = set()
    salt = secrets.token_bytes(16)
    out = year_processed_dir(processed_dir, dept, year)
    check_apart(data_dir, (out.resolve(), "中间数据目录 (processed dir)"))  # a symlinked department folder is followed
    out.mkdir(parents=True, exist_ok=True)
    # this year's service ledgers never become frames: the data plane writes their Parquet (staged until the rest is read)
    with tempfile.TemporaryDirectory(prefix=".ingest-", dir=out) as staging:
        staged = write_service_year(year_raw_dir(data_dir, dept, year), year, salt, names, Path(staging))
        tables = read_year(data_dir, dept, year, salt=salt, names=names, skip=tuple(SERVICE_LEDGERS))
        tables["history"] = read_history(data_dir, dept, year, tables["expenditure"])
        summaries = {name: None if staged[name] is None else service_figures(name, Path(staging) / f"{name}.parquet").summary for name in staged}
        services = [*read_service_history(data_dir, dept, year, salt, names), service_year_row(year, summaries)]
        tables = redact_citizen_names(tables, names) | {HISTORY_FILE: history_frame(services)}
        for name in (n for n, rows in staged.items() if rows is not None):
            hide_names_in_parquet(name, Path(staging) / f"{name}.parquet", names)
        for stale in out.glob("*.parquet"):
            stale.unlink()
        shutil.rmtree(out / "charts", ignore_errors=True)  # pictures of the previous tables
        counts: dict[str, int | None] = {}
        for name, frame in tables.items():
            counts[name] = staged[name] if name in staged else None if frame is None else len(frame)
            if frame is not None:
                write_parquet_atomic(out / f"{name}.parquet", frame)
        move_staged(Path(staging), out, staged)
    return counts


def load_processed(processed_dir: Path, dept: str, year: int) -> Ledgers:
    """Read the Parquet tables ingest wrote for a department and year."""
    folder = year_processed_dir(processed_dir, dept, year)

    def read(name: str) -> pd.DataFrame | None:
        path = folder / f"{name}.parquet"
        return pd.read_parquet(path) if path.exists() else None

    def figures(name: str) -> ServiceFigures | None:
        path = folder / f"{name}.parquet"
        return service_figures(name, path) if path.exists() else None

    main = read("expenditure")
    if main is None:
        raise FileNotFoundError(f"未找到已处理数据 (processed data missing): {folder}; 请先运行 01_ingest")
    services = {name: figures(name) for name in SERVICE_LEDGERS}
    return Ledgers(main, read("history"), read("budget"), **services, service_history=read(HISTORY_FILE))


TABLE_LABELS = LEDGER_LABELS | {"history": "历年支出（同比用）", HISTORY_FILE: "历年业务数据（同比用，仅计数）"}  # processed tables


def ingest_table(counts: dict[str, int | None]) -> pd.DataFrame:
    """What ingest wrote, for a reader: 台账, 行数 (absent ledgers say 未提供)."""
    return pd.DataFrame({"台账 (ledger)": [TABLE_LABELS[k] for k in counts], "行数 (rows)": ["未提供" if v is None else str(v) for v in counts.values()]})
