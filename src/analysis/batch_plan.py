"""What a batch runs: the department-years under a data folder, and which of them are unchanged since their last run.

A department is a folder holding department.yaml; its department-years are its four-digit year folders
that can be reported (an expenditure ledger is there). A department-year is unchanged when the SHA-256
of every raw file its run reads, the code (package version, source files and stage notebooks) and the
parameters are those recorded at its last successful batch run, and the report published then is still
the one in place. The record is a small JSON file per department-year under OUTPUT/.batch/.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from analysis import __version__
from analysis.files import sha256_file, write_json_atomic
from analysis.ledgers import department, expenditure
from analysis.ledgers.common import LedgerError
from analysis.ledgers.registry import ledger_file
from analysis.params import ParameterError
from analysis.paths import PACKAGE_DIR, year_output_dir

STATE_FOLDER = ".batch"
PUBLISHED_FILES = ("report.html", "metrics.json", "checks.json")  # what the index and a skip rely on


@dataclass(frozen=True, order=True)
class DeptYear:
    """One department (its folder name under the data folder) and fiscal year."""

    dept: str
    year: int


@dataclass(frozen=True)
class Outcome:
    """How a department-year ended in a batch: ``status`` ok, failed or skipped, after ``seconds``; a failure's first
    error line and ``where`` its executed notebook (or validation.csv) was kept; the published metrics.json (numbers
    as Decimal) and checks.json summary a run left, read where it ran."""

    item: DeptYear
    status: str
    seconds: float = 0.0
    error: str = ""
    where: str = ""
    metrics: dict | None = None
    checks: dict | None = None


def is_reportable(folder: Path) -> bool:
    """Whether a year folder can be reported: it holds an expenditure ledger (one saved twice counts, and fails in its run)."""
    try:
        return ledger_file(folder, expenditure) is not None
    except LedgerError:
        return True


def discover_runs(data_dir: Path) -> list[DeptYear]:
    """Every reportable department-year under ``data_dir``, sorted by department and year."""
    found = []
    for folder in sorted(Path(data_dir).iterdir()):
        if folder.name.startswith(".") or not (folder / department.FILE_NAME).is_file():
            continue
        years = [child for child in folder.iterdir() if child.is_dir() and child.name.isdigit() and len(child.name) == 4]
        found += [DeptYear(folder.name, int(child.name)) for child in years if is_reportable(child)]
    return sorted(found)


def select_runs(found: list[DeptYear], depts: list[str], years: list[int]) -> list[DeptYear]:
    """The department-years named with --dept and --year (all when none is named); a name that matches nothing is an error."""
    unknown = sorted(set(depts) - {item.dept for item in found})
    if unknown:
        raise ParameterError(f"未找到部门 (unknown department)：{'、'.join(unknown)}；部门是含 department.yaml 的文件夹")
    chosen = [item for item in found if (not depts or item.dept in depts) and (not years or item.year in years)]
    if not chosen:
        raise ParameterError("没有可运行的部门年度 (nothing to run)：所选部门没有所选年度的支出明细账 (expenditure ledger)")
    return chosen


def code_version(notebooks: list[Path]) -> dict[str, str]:
    """The package version and one SHA-256 over the package's files and the stage ``notebooks``: an edit to either reruns."""
    digest = hashlib.sha256()
    sources = sorted(path for path in PACKAGE_DIR.rglob("*") if path.is_file() and "__pycache__" not in path.parts)
    named = [(str(path.relative_to(PACKAGE_DIR)), path) for path in sources] + [(path.name, path) for path in notebooks]
    for name, path in named:
        digest.update(f"{name}\0{sha256_file(path)}\n".encode())
    return {"version": __version__, "source": digest.hexdigest()}


def input_digests(data_dir: Path, dept: str, year: int) -> dict[str, str] | None:
    """SHA-256 of every raw file a run of the department-year reads (as the report's footer labels them); None when
    they cannot all be read (the run then says why)."""
    from analysis.year_ledgers import input_checksums  # pandas and the loaders: only once a batch is under way

    try:
        return input_checksums(Path(data_dir), dept, year)
    except (LedgerError, OSError, ValueError):
        return None


def fingerprint(item: DeptYear, inputs: dict[str, str] | None, code: dict[str, str], parameters: dict[str, str]) -> dict | None:
    """What a run of ``item`` depends on; None when its inputs could not be read (never skipped then)."""
    if inputs is None:
        return None
    return {"dept": item.dept, "year": item.year, "inputs": inputs, "code": code, "parameters": parameters}


def state_path(output_dir: Path, item: DeptYear) -> Path:
    """The record of a department-year's last batch run."""
    return Path(output_dir) / STATE_FOLDER / item.dept / f"{item.year}.json"


def read_state(output_dir: Path, item: DeptYear) -> dict | None:
    """The last batch record of a department-year; None when there is none or it cannot be read."""
    try:
        state = json.loads(state_path(output_dir, item).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) else None


def write_state(output_dir: Path, item: DeptYear, state: dict) -> Path:
    """Record a department-year's batch run, atomically."""
    return write_json_atomic(state_path(output_dir, item), state)


def published_digest(output_dir: Path, item: DeptYear) -> str | None:
    """SHA-256 of the published report.html when every published file the index needs is there; else None."""
    folder = year_output_dir(output_dir, item.dept, item.year)
    if not all((folder / name).is_file() for name in PUBLISHED_FILES):
        return None
    return sha256_file(folder / "report.html")


def is_unchanged(state: dict | None, current: dict | None, report_digest: str | None) -> bool:
    """Whether the last run succeeded with the same fingerprint and published the report that is still in place."""
    return (
        state is not None
        and current is not None
        and report_digest is not None
        and state.get("status") == "ok"
        and state.get("fingerprint") == current
        and state.get("report_sha256") == report_digest
    )
