"""One run, in the order a reader would tell it.

validate parameters → ingest (validation and the year's results) → expenditure
reconciliation ‖ service trends → report → publish. Each stage is a numbered
notebook executed with papermill in a warm kernel (analysis.kernels); the
executed notebooks are kept with the outputs.
"""

from __future__ import annotations

import time
from concurrent.futures import Executor, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import nbformat
import papermill
from nbclient.exceptions import CellTimeoutError
from papermill.exceptions import PapermillExecutionError

from analysis.kernels import KernelPool, WarmKernel, kill_kernels, run_kernels
from analysis.limits import MAX_CELL_SECONDS
from analysis.params import ParameterError, check_apart, check_parameters, read_parameters, validate_dept, validate_folder, validate_year
from analysis.paths import NOTEBOOKS_DIR, OUTPUTS_DIR, PROCESSED_DIR, RAW_DIR, VALIDATION_FILE, font_cache_dir, year_output_dir, year_processed_dir
from analysis.pdf_report import PdfExportError
from analysis.progress import Progress, no_progress
from analysis.publish import PdfExport, publish_work
from analysis.workdirs import clear_old_work, control_folders, kept_work, new_work_root, remove_work, run_lock

# The ledger code (pandas, pandera, DuckDB) is imported after 01_ingest: earlier, it delays the starting kernels 1.2 s
if TYPE_CHECKING:
    from analysis.ledgers.common import Problem

STAGES = ("01_ingest", "02_expenditure", "03_services", "04_report")
# What each stage reads: 01 the raw files (it writes the Parquet tables and results.pickle); 02 and 03 the results
# (each draws its charts into the chart cache); 04 the results and those charts. A group reads only what earlier
# groups wrote, so its stages run side by side.
STAGE_GROUPS = (("01_ingest",), ("02_expenditure", "03_services"), ("04_report",))
REPORT_STAGE = STAGES[-1]
PUBLISH_STEP = "publish"  # after the stages: export report.html and report.pdf, swap the outputs in


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


def ingest_problems(processed_dir: Path, dept: str, year: int) -> list[Problem]:
    """The problems 01_ingest found (it writes them before it stops on an error); none when it never got that far."""
    from analysis.ingest import read_problems  # noqa: PLC0415 - after 01_ingest (see TYPE_CHECKING)

    return read_problems(path) if (path := year_processed_dir(processed_dir, dept, year) / VALIDATION_FILE).exists() else []


def validation_failed(problems: list[Problem], report_to: Path) -> ValidationFailed:
    """The error for ledgers with errors, after writing every problem to validation.csv in ``report_to``."""
    from analysis.ledgers.common import LedgerError  # noqa: PLC0415 - after 01_ingest (see TYPE_CHECKING)
    from analysis.validate import write_validation  # noqa: PLC0415

    csv_path = write_validation(problems, report_to / "validation.csv")
    return ValidationFailed(f"{LedgerError(problems)}\n全部问题见 (all problems in)：{csv_path}")


# What each stage's parameters cell must declare: a notebook that lost output_dir would write into its default folder.
STAGE_PARAMETERS = {stage: ("dept", "year", "processed_dir") for stage in STAGES} | {
    STAGES[0]: ("dept", "year", "data_dir", "processed_dir"),
    REPORT_STAGE: ("dept", "year", "processed_dir", "output_dir"),
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


def stuck_cell(notebook: Path) -> str:
    """The cell that was running when papermill stopped: the last one it started, e.g. 第3个单元格 (cell 3)."""
    try:
        cells = nbformat.read(notebook, as_version=4).cells
    except (OSError, ValueError):
        cells = []
    started = [n for n, cell in enumerate(cells, 1) if cell.get("metadata", {}).get("papermill", {}).get("start_time")]
    return f"第{started[-1]}个单元格 (cell {started[-1]})" if started else "某个单元格 (a cell)"


def execute_stage(stage: str, parameters: dict[str, object], notebooks_out: Path, kernel: WarmKernel) -> Path:
    """Execute one notebook with papermill in ``kernel`` (its namespace cleared first); a failing or stuck cell
    becomes a RunError naming notebook and cell."""
    source = notebook_path(stage)
    notebooks_out.mkdir(parents=True, exist_ok=True)
    target = notebooks_out / source.name
    try:
        kernel.clear()
        papermill.execute_notebook(
            source,
            target,
            parameters=parameters,
            progress_bar=False,
            log_output=False,
            kernel_name="python3",
            km=kernel.manager,  # the kernel was started in NOTEBOOKS_DIR, the notebooks' own folder
            execution_timeout=MAX_CELL_SECONDS.value,
        )
    except CellTimeoutError:
        raise RunError(
            f"{source.name} {stuck_cell(target)}运行超时，已停止 (cell timed out)：{MAX_CELL_SECONDS.refusal()}\n已执行的笔记本 (executed notebook)：{target}"
        ) from None
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


def timed_stage(stage: str, parameters: dict[str, object], notebooks_out: Path, kernel: WarmKernel, progress: Progress = no_progress) -> float:
    """Execute one stage, telling ``progress`` as it starts and ends; its wall time in seconds."""
    progress(stage, None)
    started = time.perf_counter()
    execute_stage(stage, parameters, notebooks_out, kernel)
    seconds = time.perf_counter() - started
    progress(stage, seconds)
    return seconds


def execute_group(
    pool: Executor, group: tuple[str, ...], per_stage: dict[str, dict], notebooks_out: Path, kernels: list[WarmKernel], progress: Progress = no_progress
) -> dict[str, float]:
    """Execute the stages of a group side by side, one kernel each (in turn when there are fewer kernels);
    the first failure is raised after all have ended."""
    lanes = [group[n :: len(kernels)] for n in range(min(len(kernels), len(group)))]

    def execute_lane(stages: tuple[str, ...], kernel: WarmKernel) -> dict[str, float]:
        return {stage: timed_stage(stage, per_stage[stage], notebooks_out, kernel, progress) for stage in stages}

    futures = [pool.submit(execute_lane, stages, kernel) for stages, kernel in zip(lanes, kernels)]
    wait(futures)
    timings = {stage: seconds for future in futures for stage, seconds in future.result().items()}
    return {stage: timings[stage] for stage in group}


def written_folders(dept: str, year: int, output_dir: Path, processed_dir: Path) -> tuple[tuple[Path, str], ...]:
    """Every folder a run writes to, resolved (a symlinked department, work or lock folder is followed), named for messages."""
    outputs = [output_dir, year_output_dir(output_dir, dept, year), *control_folders(output_dir), *control_folders(processed_dir)]
    processed = [processed_dir, year_processed_dir(processed_dir, dept, year), font_cache_dir(processed_dir)]
    return (*((folder.resolve(), "输出目录 (output dir)") for folder in outputs), *((folder.resolve(), "中间数据目录 (processed dir)") for folder in processed))


def run(
    dept: str,
    year: int | str,
    data_dir: Path = RAW_DIR,
    output_dir: Path = OUTPUTS_DIR,
    processed_dir: Path = PROCESSED_DIR,
    progress: Progress = no_progress,
    kernels: KernelPool | None = None,
) -> RunResult:
    """Run every stage for one department and year and publish outputs/<dept>/<year>/; ``progress`` hears each
    stage (and publish) start and end. ``kernels``: warm kernels to run the stages in, left running for the
    next run (a batch worker's, or already starting: `jixiao run`'s); by default the run starts its own and stops them at the end."""
    data_dir, output_dir, processed_dir = (
        validate_folder(path, what).resolve()
        for path, what in ((data_dir, "台账目录 (data dir)"), (output_dir, "输出目录 (output dir)"), (processed_dir, "中间数据目录 (processed dir)"))
    )
    check_apart(data_dir, (output_dir, "输出目录 (output dir)"), (processed_dir, "中间数据目录 (processed dir)"))
    check_apart(output_dir, (processed_dir, "中间数据目录 (processed dir)"), data="输出目录 (output dir)")
    dept, year = validate_run(dept, year, data_dir)
    check_apart(data_dir, *written_folders(dept, year, output_dir, processed_dir))
    pool = kernels or run_kernels()
    try:
        with run_lock(output_dir, dept, year), run_lock(processed_dir, dept, year):
            return run_locked(dept, year, data_dir, output_dir, processed_dir, pool, progress)
    finally:
        if kernels is None:
            pool.discard()


def run_locked(dept: str, year: int, data_dir: Path, output_dir: Path, processed_dir: Path, kernels: KernelPool, progress: Progress = no_progress) -> RunResult:
    """The run itself, holding the department-year lock: execute the stages (ingest validates), publish.

    On Ctrl-C the kernels are stopped and the work folder removed; the previous outputs stay as they were.
    """
    result = RunResult(output_dir=year_output_dir(output_dir, dept, year))
    work_root = new_work_root(output_dir, dept, year)
    parameters = stage_parameters(dept, year, data_dir, processed_dir, work_root)
    per_stage = {stage: parameters_for(stage, parameters) for stage in STAGES}
    work = year_output_dir(work_root, dept, year)
    pool, pdf = ThreadPoolExecutor(max_workers=max(len(group) for group in STAGE_GROUPS)), PdfExport()
    try:
        result.timings = execute_stages(pool, kernels.take(), dept, year, processed_dir, per_stage, work, result.output_dir, progress, pdf)
        progress(PUBLISH_STEP, None)
        started, report = time.perf_counter(), work / "notebooks" / f"{REPORT_STAGE}.ipynb"
        try:
            result.checks = publish_work(work, report, result.output_dir, font_cache_dir(processed_dir), pdf)
        except PdfExportError as error:
            raise RunError(f"report.pdf 无法生成 (PDF export failed)：{error}\n已执行的笔记本 (executed notebook)：{report}") from None
        result.timings[PUBLISH_STEP] = time.perf_counter() - started
        progress(PUBLISH_STEP, result.timings[PUBLISH_STEP])
    except KeyboardInterrupt:
        kill_kernels()  # the stages' threads then end at once, their kernels gone
        pool.shutdown(wait=True, cancel_futures=True)
        kernels.discard()
        remove_work(work_root)
        raise
    except ValidationFailed:
        remove_work(work_root)  # nothing ran that is worth a look
        raise
    except RunError as error:
        kernels.discard()  # a failed stage's kernel may be stuck in its cell: the next run gets new ones
        *lines, notebook = str(error).splitlines()  # the executed notebook stays the last line
        raise RunError("\n".join([*lines, *kept_work_note(output_dir, work_root), notebook])) from None
    finally:
        pool.shutdown(wait=False)
        pdf.close()
    remove_work(work_root)
    clear_old_work(output_dir, dept, year)
    return result


def execute_stages(
    pool: Executor,
    kernels: list[WarmKernel],
    dept: str,
    year: int,
    processed_dir: Path,
    per_stage: dict[str, dict],
    work: Path,
    published: Path,
    progress: Progress = no_progress,
    pdf: PdfExport | None = None,
) -> dict[str, float]:
    """The stage groups in order; seconds per stage. Ingest's errors stop the run as ValidationFailed
    (validation.csv beside the published outputs), its warnings go to the work folder's validation.csv.
    ``pdf`` is started beside the last group (the report), which leaves a core free."""
    (year_processed_dir(processed_dir, dept, year) / VALIDATION_FILE).unlink(missing_ok=True)  # a failed run's
    timings: dict[str, float] = {}
    for group in STAGE_GROUPS:  # ingest → reconciliation ‖ services → report
        if pdf is not None and group == STAGE_GROUPS[-1]:
            pdf.start()
        try:
            timings |= execute_group(pool, group, per_stage, work / "notebooks", kernels, progress)
        except RunError:
            problems = ingest_problems(processed_dir, dept, year) if group == STAGE_GROUPS[0] else []
            if any(p.severity == "error" for p in problems):
                raise validation_failed(problems, published) from None
            raise
        if group == STAGE_GROUPS[0]:
            from analysis.validate import write_validation  # noqa: PLC0415 - after 01_ingest (see TYPE_CHECKING)

            write_validation(ingest_problems(processed_dir, dept, year), work / "validation.csv")
    return timings


def kept_work_note(output_dir: Path, current: Path) -> list[str]:
    """A line on the work folders that earlier failed runs left beside this one's, or none."""
    if not (older := [folder for folder in kept_work(output_dir) if folder != current]):
        return []
    return [
        f"以前失败的运行另保留了{len(older)}个工作目录 (work folders kept)：{'、'.join(f.name for f in older)}，"
        f"在 {current.parent} 下；下次成功运行后自动清理 (cleared after the next successful run)"
    ]
