"""`jixiao batch`: every department-year of a county, run on Dask distributed, then an index of them all.

Each department-year is one task that calls analysis.run.run() in a worker process (a local cluster of
single-threaded worker processes by default, or an existing cluster), so whatever a worker process keeps
warm is reused by the tasks it runs next. A failing department-year never stops the others; a worker that
dies marks its task failed (allowed-failures 0: it is not handed to another worker to die again). Unchanged
department-years are skipped (analysis.batch_plan). At the end, or when the batch is stopped, index.html
and summary.csv are written for what has completed (analysis.batch_index).
"""

from __future__ import annotations

import atexit
import contextlib
import io
import logging
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.batch_index import county_rows, read_published, write_index
from analysis.batch_plan import (
    DeptYear,
    Outcome,
    code_version,
    discover_runs,
    fingerprint,
    input_digests,
    is_unchanged,
    published_digest,
    read_state,
    select_runs,
    write_state,
)
from analysis.claims.render import fit
from analysis.params import ParameterError, check_apart, validate_folder
from analysis.progress import BatchProgress

if TYPE_CHECKING:  # distributed itself is imported by the functions that use it, once a batch starts
    from distributed import Client, Future

    from analysis.kernels import KernelPool

# Read by the scheduler as it starts: a task whose worker died fails at once, and each worker holds only the task it
# runs (saturation 1.0), so a worker's death fails that one department-year and no other queued behind it.
DASK_CONFIG = {"distributed.scheduler.allowed-failures": 0, "distributed.scheduler.worker-saturation": 1.0}
# The lines of a run's error that say where its executed notebook (or validation.csv) was kept.
WHERE_MARKERS = ("已执行的笔记本 (executed notebook)：", "全部问题见 (all problems in)：")
WORKER_DIED = "工作进程在运行中退出 (worker died)，该部门年度未完成；已发布的报告不受影响 (published reports kept)"
KEY_PREFIX = "jixiao-batch"


@dataclass
class BatchOptions:
    """What `jixiao batch` was asked: folders, selection (empty means all), cluster and --force."""

    data_dir: Path
    output_dir: Path
    processed_dir: Path
    depts: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    workers: int = 2
    scheduler: str | None = None
    force: bool = False


@dataclass
class BatchResult:
    """Every outcome of the batch, and where the index and summary went."""

    outcomes: list[Outcome]
    index: Path
    summary: Path

    @property
    def failed(self) -> list[Outcome]:
        """The department-years that failed."""
        return [outcome for outcome in self.outcomes if outcome.status == "failed"]


def describe_failure(error: BaseException) -> tuple[str, str]:
    """A failed run's first error line and where its executed notebook (or validation.csv) was kept ('' if nowhere)."""
    from analysis.ledgers.common import LedgerError
    from analysis.limits import LimitExceeded
    from analysis.privacy import redact_string
    from analysis.run import RunError

    if not isinstance(error, (RunError, LedgerError, ParameterError, LimitExceeded, OSError)):  # a bug: no personal data in the index
        return f"意外错误 (unexpected error)：{type(error).__name__}: {redact_string(str(error))[:500]}", ""
    lines = str(error).strip().splitlines() or [type(error).__name__]
    where = next((line.split("：", 1)[1] for line in reversed(lines) if line.startswith(WHERE_MARKERS)), "")
    first = lines[0] + lines[1] if lines[0].endswith("：") and len(lines) > 1 else lines[0]  # a heading: its first item says what
    return first, where


WORKER_KERNELS: list[KernelPool] = []  # in a worker process: its warm kernel, started by its first task


def worker_kernels() -> KernelPool:
    """This worker process's pool of one warm kernel, kept for every department-year it runs (stopped when it exits).

    One kernel per worker: the workers already keep the cores busy with department-years side by side."""
    if not WORKER_KERNELS:
        from analysis.kernels import run_kernels

        WORKER_KERNELS.append(run_kernels(1))
        atexit.register(WORKER_KERNELS[0].discard)
    return WORKER_KERNELS[0]


def run_task(item: DeptYear, data_dir: Path, output_dir: Path, processed_dir: Path) -> Outcome:
    """Run one department-year in this (worker) process, in its warm kernel; any failure becomes a failed Outcome, never an exception."""
    from analysis.run import run

    logging.getLogger("papermill").setLevel(logging.CRITICAL)  # each failure is reported once, in the run's own words
    started = time.perf_counter()
    try:
        run(item.dept, item.year, data_dir, output_dir, processed_dir, kernels=worker_kernels())
    except Exception as error:
        first, where = describe_failure(error)
        return Outcome(item, "failed", time.perf_counter() - started, first, where)
    metrics, checks = read_published(output_dir, item)
    return Outcome(item, "ok", time.perf_counter() - started, metrics=metrics, checks=checks)


@contextlib.contextmanager
def dask_client(workers: int, scheduler: str | None) -> Iterator[Client]:
    """A client of the cluster at ``scheduler``, or of a local cluster of ``workers`` single-threaded processes
    (closed, its workers stopped, on leaving)."""
    import dask
    from distributed import Client, LocalCluster

    with dask.config.set(DASK_CONFIG):
        if scheduler is not None:
            try:
                client = Client(scheduler, timeout="20s")
            except (OSError, TimeoutError, ValueError) as error:
                raise ParameterError(f"无法连接 Dask 调度器 (cannot reach the scheduler) {scheduler}：{error}") from None
            with client:
                yield client
            return
        # the cluster's own log lines would interleave with the progress; failures are reported per department-year.
        # Its HTTP server on a free port: the default 8787 may be another batch's (Dask then warns on stderr)
        with (
            LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=logging.CRITICAL) as cluster,
            Client(cluster) as client,
        ):
            yield client


def finished(future: Future, item: DeptYear) -> Outcome:
    """The Outcome a task's future ended with: the task's own, or failed when its worker died or Dask failed it."""
    from distributed import KilledWorker

    if future.status == "finished":
        return future.result()
    error = future.exception()
    if isinstance(error, KilledWorker):
        return Outcome(item, "failed", error=WORKER_DIED)
    return Outcome(item, "failed", error=f"任务失败 (task failed)：{type(error).__name__}: {error}".splitlines()[0])


def record_outcome(output_dir: Path, outcome: Outcome, current: dict | None) -> None:
    """Write a run's batch record: a success with its fingerprint and the report it published, or a failure."""
    state: dict = {"status": outcome.status, "seconds": round(outcome.seconds, 2), "finished_at": datetime.now(UTC).isoformat(timespec="seconds")}
    if outcome.status == "ok":
        state |= {"fingerprint": current, "report_sha256": published_digest(output_dir, outcome.item)}
    else:
        state |= {"error": outcome.error, "where": outcome.where}
    write_state(output_dir, outcome.item, state)


def plan_batch(options: BatchOptions, found: list[DeptYear]) -> tuple[dict[DeptYear, Outcome], dict[DeptYear, dict | None]]:
    """The selected department-years that are unchanged (their skipped outcomes), and the others with their fingerprints."""
    from analysis.run import STAGES, notebook_path

    code = code_version([notebook_path(stage) for stage in STAGES])
    parameters = {name: str(getattr(options, name)) for name in ("data_dir", "output_dir", "processed_dir")}
    skipped: dict[DeptYear, Outcome] = {}
    to_run: dict[DeptYear, dict | None] = {}
    for item in select_runs(found, options.depts, options.years):
        current = fingerprint(item, input_digests(options.data_dir, item.dept, item.year), code, parameters)
        if not options.force and is_unchanged(read_state(options.output_dir, item), current, published_digest(options.output_dir, item)):
            metrics, checks = read_published(options.output_dir, item)
            skipped[item] = Outcome(item, "skipped", metrics=metrics, checks=checks)
        else:
            to_run[item] = current
    return skipped, to_run


def checked_folders(options: BatchOptions) -> BatchOptions:
    """The options with their folders checked (no .., no file in a folder's place, none inside another) and resolved."""
    folders = [
        validate_folder(path, what).resolve()
        for path, what in (
            (options.data_dir, "台账目录 (data dir)"),
            (options.output_dir, "输出目录 (output dir)"),
            (options.processed_dir, "中间数据目录 (processed dir)"),
        )
    ]
    if not folders[0].is_dir():
        raise ParameterError(f"台账目录不存在 (data dir not found)：{options.data_dir}")
    check_apart(folders[0], (folders[1], "输出目录 (output dir)"), (folders[2], "中间数据目录 (processed dir)"))
    check_apart(folders[1], (folders[2], "中间数据目录 (processed dir)"), data="输出目录 (output dir)")
    if options.workers < 1:
        raise ParameterError(f"--workers 须为正整数 (a positive number)：{options.workers}")
    return replace(options, data_dir=folders[0], output_dir=folders[1], processed_dir=folders[2])


def run_batch(options: BatchOptions, progress: BatchProgress | None = None) -> BatchResult:
    """Run the selected department-years (skipping unchanged ones unless --force), then write index.html and
    summary.csv over every department-year under the data folder, also when the batch is stopped part-way."""
    options = checked_folders(options)
    found = discover_runs(options.data_dir)
    skipped, to_run = plan_batch(options, found)
    outcomes = dict(skipped)
    progress = progress or BatchProgress(io.StringIO())  # a batch called from code shows nothing
    progress.expect(len(skipped) + len(to_run))
    for item in skipped:
        progress(f"{item.dept} {item.year}", "skipped", 0.0)
    try:
        if to_run:
            run_on_dask(options, to_run, outcomes, progress)
    finally:
        options.output_dir.mkdir(parents=True, exist_ok=True)
        index, summary = write_index(options.output_dir, county_rows(found, outcomes, options.output_dir, options.data_dir))
    return BatchResult(sorted(outcomes.values(), key=lambda outcome: outcome.item), index, summary)


def run_on_dask(options: BatchOptions, to_run: dict[DeptYear, dict | None], outcomes: dict[DeptYear, Outcome], progress: BatchProgress) -> None:
    """Submit one task per department-year and collect them as they complete, recording each; on Ctrl-C the tasks
    not yet done are cancelled and the cluster closed (a run cut short never publishes: run() swaps outputs in whole)."""
    from distributed import as_completed

    with dask_client(options.workers, options.scheduler) as client:
        futures = {
            client.submit(
                run_task,
                item,
                options.data_dir,
                options.output_dir,
                options.processed_dir,
                key=f"{KEY_PREFIX}-{item.dept}-{item.year}-{uuid.uuid4().hex[:8]}",
                pure=False,
            ): item
            for item in to_run
        }
        try:
            for future in as_completed(list(futures)):
                item = futures.pop(future)
                outcome = outcomes[item] = finished(future, item)
                # released at once: a result kept on a worker that later dies would be computed again, running the
                # department-year a second time
                future.release()
                record_outcome(options.output_dir, outcome, to_run[item])
                progress(f"{item.dept} {item.year}", outcome.status, outcome.seconds, outcome.error)
        except BaseException:
            client.cancel(list(futures))
            raise


def failure_table(failed: list[Outcome]) -> str:
    """The failures as a table: department and year aligned, the first error, and below it where the executed
    notebook (or validation.csv) was kept."""
    lines = [f"失败的部门年度 (failed) {len(failed)} 个：", f"{fit('部门 (dept)', 28)}{fit('年度 (year)', 12)}首个错误 (first error)"]
    for outcome in failed:
        lines.append(f"{fit(outcome.item.dept, 28)}{fit(str(outcome.item.year), 12)}{outcome.error}")
        lines.append(f"{' ' * 40}已执行的笔记本 (executed notebook)：{outcome.where or '—'}")
    return "\n".join(lines)
