"""One run, in the order a reader would tell it.

validate parameters → ingest → expenditure reconciliation → service trends →
report → publish. Each stage is a numbered notebook executed with papermill;
the executed notebooks are kept with the outputs.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import papermill
from jupyter_client.manager import AsyncKernelManager
from papermill.exceptions import PapermillExecutionError

from analysis.ledgers.common import LedgerError, Problem
from analysis.params import ParameterError, check_apart, check_parameters, read_parameters, validate_dept, validate_folder, validate_year
from analysis.paths import NOTEBOOKS_DIR, OUTPUTS_DIR, PROCESSED_DIR, RAW_DIR, year_output_dir
from analysis.publish import export_report, replace_directory
from analysis.validate import validate_ledgers
from analysis.validate import write_validation

STAGES = ("01_ingest", "02_expenditure", "03_services", "04_report")
# Stages in one group only read what earlier groups wrote, so they run side by side.
STAGE_GROUPS = (("01_ingest",), ("02_expenditure", "03_services"), ("04_report",))
REPORT_STAGE = STAGES[-1]


class QuietKernelManager(AsyncKernelManager):
    """Kernel manager with CurveZMQ encryption whose kernels do not write to the run's terminal.

    Cell output and errors reach papermill as messages; what a kernel prints
    on its own (such as its note on the interrupt jupyter_client sends before
    every shutdown) would only clutter the run log.
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.transport_encryption = "auto"

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        """This interpreter's ipykernel, whatever other ``python3`` kernelspec JUPYTER_PATH may offer."""
        return [sys.executable, "-m", "ipykernel_launcher", "-f", self.connection_file, *(extra_arguments or [])]

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: object) -> None:
        kw.update(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        await super()._async_launch_kernel(kernel_cmd, **kw)


class RunError(RuntimeError):
    """A stage failed; the message names the notebook and cell, and where the executed notebook is."""


@dataclass
class RunResult:
    """Where the outputs went and how long each stage took (seconds)."""

    output_dir: Path
    timings: dict[str, float] = field(default_factory=dict)
    checks: dict[str, int] = field(default_factory=dict)


class ValidationFailed(RunError):
    """The ledgers have errors; nothing ran. The message lists them; validation.csv holds them all."""


def validate_run(dept: str, year: int | str, data_dir: Path) -> tuple[str, int]:
    """Check the department and year before anything runs."""
    dept = validate_dept(dept, data_dir)
    return dept, validate_year(year, data_dir, dept)


def check_ledgers(data_dir: Path, dept: str, year: int, report_to: Path) -> list[Problem]:
    """Validate every ledger at once; on any error write validation.csv to ``report_to`` and stop."""
    problems = validate_ledgers(data_dir, dept, year)
    if any(p.severity == "error" for p in problems):
        csv_path = write_validation(problems, report_to / "validation.csv")
        error = LedgerError(problems)
        raise ValidationFailed(f"{error}\n全部问题见 (all problems in)：{csv_path}")
    return problems


@contextlib.contextmanager
def run_lock(output_dir: Path, dept: str, year: int) -> Iterator[None]:
    """One run of a department and year at a time: a second one waits for the first to finish."""
    lock_path = output_dir / ".locks" / f"{dept}-{year}.lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


# What each stage's parameters cell must declare: a notebook that lost output_dir
# would otherwise write into its default folder instead of the run's.
STAGE_PARAMETERS = {stage: ("dept", "year", "data_dir", "processed_dir") for stage in STAGES} | {
    REPORT_STAGE: ("dept", "year", "data_dir", "processed_dir", "output_dir")
}


def stage_parameters(dept: str, year: int, data_dir: Path, processed_dir: Path, work_root: Path) -> dict[str, object]:
    """The values a run passes; each stage receives those in STAGE_PARAMETERS."""
    return {"dept": dept, "year": year, "data_dir": str(data_dir), "processed_dir": str(processed_dir), "output_dir": str(work_root)}


def notebook_path(stage: str) -> Path:
    """The committed notebook of a stage."""
    return NOTEBOOKS_DIR / f"{stage}.ipynb"


def parameters_for(stage: str, parameters: dict[str, object]) -> dict[str, object]:
    """This stage's parameters, checked against its notebook's parameters cell (names and types)."""
    declared = set(read_parameters(notebook_path(stage)))
    if declared != set(STAGE_PARAMETERS[stage]):
        raise ParameterError(f"{stage}.ipynb 的参数单元格应声明 (must declare) {', '.join(STAGE_PARAMETERS[stage])}，实际为 {', '.join(sorted(declared))}")
    subset = {name: parameters[name] for name in STAGE_PARAMETERS[stage]}
    check_parameters(notebook_path(stage), subset)
    return subset


def execute_stage(stage: str, parameters: dict[str, object], notebooks_out: Path) -> Path:
    """Execute one notebook with papermill; a failing cell becomes a RunError naming notebook and cell."""
    source = notebook_path(stage)
    notebooks_out.mkdir(parents=True, exist_ok=True)
    target = notebooks_out / source.name
    try:
        papermill.execute_notebook(source, target, parameters=parameters, cwd=str(NOTEBOOKS_DIR),
                                   progress_bar=False, log_output=False, kernel_name="python3",
                                   kernel_manager_class=QuietKernelManager)
    except PapermillExecutionError as error:
        lines = str(error.evalue).strip().splitlines() or [""]
        raise RunError(
            f"{source.name} 第{error.exec_count}个执行的单元格 (In [{error.exec_count}]) 出错：{error.ename}: {lines[0]}"
            + "".join(f"\n{line}" for line in lines[1:])
            + f"\n已执行的笔记本 (executed notebook)：{target}"
        ) from None
    except Exception as error:  # the kernel would not start or died: no cell to blame
        raise RunError(f"{source.name} 无法运行 (could not execute)：{type(error).__name__}: {error}\n已执行的笔记本 (executed notebook)：{target}") from None
    return target


def timed_stage(stage: str, parameters: dict[str, object], notebooks_out: Path) -> float:
    """Execute one stage; its wall time in seconds."""
    started = time.perf_counter()
    execute_stage(stage, parameters, notebooks_out)
    return time.perf_counter() - started


def execute_group(group: tuple[str, ...], per_stage: dict[str, dict], notebooks_out: Path) -> dict[str, float]:
    """Execute the stages of a group in parallel; the first failure is raised after all have ended."""
    with ThreadPoolExecutor(max_workers=len(group)) as pool:
        futures = {stage: pool.submit(timed_stage, stage, per_stage[stage], notebooks_out) for stage in group}
    return {stage: future.result() for stage, future in futures.items()}


def publish_run(work: Path, target: Path, year: int) -> tuple[float, dict[str, int]]:
    """Export the report, swap the work folder in for the target, tidy up; seconds taken and check counts."""
    started = time.perf_counter()
    metrics = json.loads((work / "metrics.json").read_text(encoding="utf-8"))
    title = f"{metrics['department']}{year}年度部门整体支出绩效评价报告"
    export_report(work / "notebooks" / f"{REPORT_STAGE}.ipynb", work / "report.html", title)
    checks = json.loads((work / "checks.json").read_text(encoding="utf-8"))["summary"]
    replace_directory(work, target)
    remove_work(work.parent.parent)
    return time.perf_counter() - started, checks


def remove_work(work_root: Path) -> None:
    """Delete a run's work folder, and .runs/ once it holds no other (failed or running) run."""
    shutil.rmtree(work_root, ignore_errors=True)
    with contextlib.suppress(OSError):
        work_root.parent.rmdir()


def run(dept: str, year: int | str, data_dir: Path = RAW_DIR, output_dir: Path = OUTPUTS_DIR,
        processed_dir: Path = PROCESSED_DIR) -> RunResult:
    """Run every stage for one department and year and publish outputs/<dept>/<year>/."""
    data_dir, output_dir, processed_dir = (validate_folder(path, what).resolve() for path, what in (
        (data_dir, "台账目录 (data dir)"), (output_dir, "输出目录 (output dir)"), (processed_dir, "中间数据目录 (processed dir)")))
    check_apart(data_dir, (output_dir, "输出目录 (output dir)"), (processed_dir, "中间数据目录 (processed dir)"))
    dept, year = validate_run(dept, year, data_dir)
    with run_lock(output_dir, dept, year), run_lock(processed_dir, dept, year):
        return run_locked(dept, year, data_dir, output_dir, processed_dir)


def run_locked(dept: str, year: int, data_dir: Path, output_dir: Path, processed_dir: Path) -> RunResult:
    """The run itself, holding the department-year lock: validate, execute the stages, publish."""
    result = RunResult(output_dir=year_output_dir(output_dir, dept, year))
    work_root = output_dir / ".runs" / f"{dept}-{year}-{datetime.now():%Y%m%d-%H%M%S-%f}"
    parameters = stage_parameters(dept, year, data_dir, processed_dir, work_root)
    per_stage = {stage: parameters_for(stage, parameters) for stage in STAGES}
    work = year_output_dir(work_root, dept, year)
    # The checks run while the ingest kernel starts: ingest itself refuses bad input before it
    # writes anything, so overlapping them saves time and never lets bad data through.
    with ThreadPoolExecutor(max_workers=2) as pool:
        checking = pool.submit(check_ledgers, data_dir, dept, year, result.output_dir)
        ingesting = pool.submit(timed_stage, STAGES[0], per_stage[STAGES[0]], work / "notebooks")
        try:
            notes = checking.result()
        except ValidationFailed:
            wait([ingesting])  # it stops at the same problems, before writing; its notebook says no more
            remove_work(work_root)
            raise
        result.timings[STAGES[0]] = ingesting.result()
    write_validation(notes, work / "validation.csv")
    for group in STAGE_GROUPS[1:]:  # reconciliation ‖ services → report
        result.timings |= execute_group(group, per_stage, work / "notebooks")
    result.timings["publish"], result.checks = publish_run(work, result.output_dir, year)
    return result
