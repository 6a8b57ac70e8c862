"""Ingest: read every ledger of a department and year, validate, write Parquet.

data/processed/<dept>/<year>/ is rebuilt from data/raw/ alone, so deleting it
loses nothing. Citizens' personal columns are dropped by the ledger loaders;
phone numbers, ID numbers and e-mail addresses typed into the text that is kept
are hidden as each ledger is read, and citizens' names (from the petitions
register and the hotline's caller names) here, before anything is written.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd

from analysis.dataplane.figures import ServiceFigures, service_figures
from analysis.dataplane.ingest_hook import hide_names_in_parquet
from analysis.files import write_json_atomic, write_parquet_atomic
from analysis.ledgers.common import Problem, raise_if
from analysis.ledgers.department import Department
from analysis.ledgers.registry import LEDGER_LABELS, LEDGERS, SERVICE_LEDGERS
from analysis.narrative import Narrative
from analysis.params import check_apart
from analysis.paths import VALIDATION_FILE, year_processed_dir
from analysis.privacy import redact_names
from analysis.service_history import HISTORY_FILE, history_frame, service_year_row
from analysis.year_ledgers import Staged, Tables, read_year_ledgers


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


def read_history(years: dict[int, Tables]) -> pd.DataFrame:
    """Expenditure of every fiscal year read, with a fiscal_year column."""
    frames = [frame.assign(fiscal_year=fiscal_year) for fiscal_year, found in years.items() if (frame := found.get("expenditure")) is not None]
    return pd.concat(frames, ignore_index=True)


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


@dataclass(frozen=True)
class Ingested:
    """What ingest read and wrote for one department-year: the tables, department.yaml, this year's and last
    year's narrative, the rows written per table (None for an absent ledger) and the warnings found."""

    ledgers: Ledgers
    department: Department
    narrative: Narrative
    previous: Narrative | None
    counts: dict[str, int | None]
    warnings: list[Problem]


def ingest(data_dir: str | Path, processed_dir: str | Path, dept: str, year: int) -> Ingested:
    """Read every file of ``dept`` for ``year`` once, validate, and write the tables as Parquet.

    Every problem is written to validation.json in the processed folder first (a run reports them from
    there); any error stops ingest before a table is written (LedgerError). The service ledgers are
    validated and written by the data plane into a staging folder, and moved in once all is well.
    """
    data_dir, processed_dir = Path(data_dir), Path(processed_dir)
    out = year_processed_dir(processed_dir, dept, year)
    check_apart(data_dir, (out.resolve(), "中间数据目录 (processed dir)"))  # a symlinked department folder is followed
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".staging-", dir=out) as staging:
        read = read_year_ledgers(data_dir, dept, year, staging=Path(staging))
        write_problems(read.problems, out / VALIDATION_FILE)
        raise_if(read.errors)
        assert read.department is not None and read.narrative is not None  # no errors: both were read
        names = set(read.names)
        current = {name: table for name, table in read.services.get(year, {}).items() if table is not None}
        for name, table in current.items():  # every ledger's names are known now: hide them in this year's text too
            hide_names_in_parquet(name, table.path, names)
        figures = {fiscal_year: figures_of(staged) for fiscal_year, staged in read.services.items()}
        rows = [service_year_row(fiscal_year, {name: None if f is None else f.summary for name, f in found.items()}) for fiscal_year, found in figures.items()]
        tables = redact_citizen_names(dict(read.tables) | {"history": read_history(read.years)}, names)
        for stale in out.glob("*.parquet"):
            stale.unlink()
        shutil.rmtree(out / "charts", ignore_errors=True)  # pictures of the previous tables
        for name, frame in (tables | {HISTORY_FILE: history_frame(rows)}).items():
            if frame is not None:
                write_parquet_atomic(out / f"{name}.parquet", frame)
        for name, table in current.items():
            os.replace(table.path, out / f"{name}.parquet")  # the same file system: a rename
    counts = {name: None if frame is None else len(frame) for name, frame in tables.items()}
    counts |= {name: None if (staged := read.services[year].get(name)) is None else staged.rows for name in SERVICE_LEDGERS}
    counts = {name: counts[name] for name in (*LEDGERS, "history")} | {HISTORY_FILE: len(rows)}
    this_year = figures.get(year, {})
    ledgers = Ledgers(
        tables["expenditure"],
        tables["history"],
        tables.get("budget"),
        **{name: this_year.get(name) for name in SERVICE_LEDGERS},
        service_history=history_frame(rows),
    )
    warnings = [p for p in read.problems if p.severity != "error"]
    return Ingested(ledgers, read.department, read.narrative, read.previous, counts, warnings)


def figures_of(staged: Staged) -> dict[str, ServiceFigures | None]:
    """The figures of each staged service ledger, computed by the data plane over its Parquet."""
    return {name: None if table is None else service_figures(name, table.path) for name, table in staged.items()}


def write_problems(problems: list[Problem], path: Path) -> Path:
    """The problems as JSON (each Problem's fields), written atomically."""
    return write_json_atomic(path, [asdict(problem) for problem in problems])


def read_problems(path: Path) -> list[Problem]:
    """The problems write_problems wrote."""
    return [Problem(**fields) for fields in json.loads(path.read_text(encoding="utf-8"))]


def read_processed_table(processed_dir: Path, dept: str, year: int, name: str) -> pd.DataFrame | None:
    """One Parquet table ingest wrote for a department and year; None when that ledger was absent."""
    path = year_processed_dir(Path(processed_dir), dept, year) / f"{name}.parquet"
    return pd.read_parquet(path) if path.exists() else None


def load_processed(processed_dir: Path, dept: str, year: int) -> Ledgers:
    """Read the Parquet tables ingest wrote for a department and year (the service ledgers as their figures)."""
    folder = year_processed_dir(Path(processed_dir), dept, year)
    main = read_processed_table(processed_dir, dept, year, "expenditure")
    if main is None:
        raise FileNotFoundError(f"未找到已处理数据 (processed data missing): {folder}; 请先运行 01_ingest")

    def read(name: str) -> pd.DataFrame | None:
        return read_processed_table(processed_dir, dept, year, name)

    services = {name: service_figures(name, folder / f"{name}.parquet") if (folder / f"{name}.parquet").exists() else None for name in SERVICE_LEDGERS}
    return Ledgers(main, read("history"), read("budget"), **services, service_history=read(HISTORY_FILE))


TABLE_LABELS = LEDGER_LABELS | {"history": "历年支出（同比用）", HISTORY_FILE: "历年业务数据（同比用，仅计数）"}  # processed tables


def ingest_table(counts: dict[str, int | None]) -> pd.DataFrame:
    """What ingest wrote, for a reader: 台账, 行数 (absent ledgers say 未提供)."""
    return pd.DataFrame({"台账 (ledger)": [TABLE_LABELS[k] for k in counts], "行数 (rows)": ["未提供" if v is None else str(v) for v in counts.values()]})
