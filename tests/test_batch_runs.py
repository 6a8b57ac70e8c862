"""Whole batches: the samples plus a planted bad department on a local cluster, and a batch on a scheduler and a
worker started as separate processes, whose worker is killed mid-run."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from analysis.batch import KEY_PREFIX, WORKER_DIED, BatchOptions, plan_batch
from analysis.batch_plan import DeptYear, discover_runs
from analysis.paths import PACKAGE_DIR, RAW_DIR

NANYUE, QINGCHUAN, BAD = "nanyue-swd", "fictional-qingchuan-csb", "bad-dept"
ENV = os.environ | {"PYTHONPATH": str(PACKAGE_DIR.parent)}


def jixiao_batch(scratch: Path, *arguments: str) -> subprocess.CompletedProcess:
    """`jixiao batch` through the console entry point on the scratch folders."""
    folders = ["--data-dir", str(scratch / "raw"), "--output-dir", str(scratch / "out"), "--processed-dir", str(scratch / "processed")]
    command = [sys.executable, "-m", "analysis", "batch", *folders, *arguments]
    return subprocess.run(command, capture_output=True, text=True, check=False, env=ENV, timeout=600)


def plant_bad_department(raw: Path) -> None:
    """A copy of the reference department whose 2024 expenditure ledger has an amount that is no number."""
    shutil.copytree(raw / NANYUE, raw / BAD)
    ledger = raw / BAD / "2024" / "expenditure.csv"
    lines = ledger.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace(",4147.05,", ",41x7.05,")
    ledger.write_text("".join(lines), encoding="utf-8")


def summary_rows(out: Path) -> dict[tuple[str, str], dict[str, str]]:
    """summary.csv's rows by (dept, year)."""
    text = (out / "summary.csv").read_bytes().decode("utf-8")
    assert text.startswith("\ufeff")
    return {(row["部门代码 (dept)"], row["年度 (year)"]): row for row in csv.DictReader(io.StringIO(text[1:]))}


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Two batches of the 2024 department-years of the samples plus a bad department, the second right after the first."""
    scratch = tmp_path_factory.mktemp("county")
    shutil.copytree(RAW_DIR, scratch / "raw")
    plant_bad_department(scratch / "raw")
    first = jixiao_batch(scratch, "--year", "2024", "--workers", "2")
    report = scratch / "out" / NANYUE / "2024" / "report.html"
    report_before = hashlib.sha256(report.read_bytes()).hexdigest() if report.exists() else None
    summary_first = summary_rows(scratch / "out") if (scratch / "out" / "summary.csv").exists() else {}
    second = jixiao_batch(scratch, "--year", "2024", "--workers", "2")
    return {"scratch": scratch, "first": first, "second": second, "summary_first": summary_first, "report_before": report_before, "report": report}


def test_the_good_ones_are_published_and_the_bad_one_is_reported(county: dict) -> None:
    first, out = county["first"], county["scratch"] / "out"
    assert first.returncode == 1, first.stderr
    assert (out / NANYUE / "2024" / "report.html").is_file() and (out / QINGCHUAN / "2024" / "report.html").is_file()
    assert not (out / BAD / "2024" / "report.html").exists()
    assert "成功 (ok) 2，跳过 (skipped) 0，失败 (failed) 1" in first.stdout
    table = first.stdout.split("失败的部门年度 (failed) 1 个：\n")[1].splitlines()
    assert table[1].split()[:2] == [BAD, "2024"] and "「41x7.05」" in table[1]
    assert table[2].strip() == f"已执行的笔记本 (executed notebook)：{out / BAD / '2024' / 'validation.csv'}"
    assert first.stderr == ""


def test_summary_lists_the_whole_county_with_its_figures(county: dict) -> None:
    rows = county["summary_first"]
    assert sorted(rows) == [(BAD, "2023"), (BAD, "2024"), (QINGCHUAN, "2022"), (QINGCHUAN, "2023"), (QINGCHUAN, "2024"), (NANYUE, "2023"), (NANYUE, "2024")]
    nanyue = rows[(NANYUE, "2024")]
    # the reference report: 304.51 万元 this year, 306.67 last year; 30,708 orders, 30,470 closed, 29,687 of 30,470 satisfied
    assert (nanyue["部门名称 (department)"], nanyue["支出合计（万元）(spending)"], nanyue["上年支出（万元）(last year)"]) == (
        "中共南岳区委社会工作部",
        "304.51",
        "306.67",
    )
    assert (nanyue["增减（万元）(change)"], nanyue["12345工单 (hotline orders)"], nanyue["办结率 (closure rate)"]) == ("'-2.16", "30708", "99.2%")
    assert (nanyue["满意率 (satisfaction rate)"], nanyue["状态 (status)"], nanyue["报告 (report)"]) == ("97.4%", "已生成 (ok)", f"{NANYUE}/2024/report.html")
    checks = json.loads((county["scratch"] / "out" / NANYUE / "2024" / "checks.json").read_text(encoding="utf-8"))["summary"]
    assert [nanyue[f"核对{label}"] for label in ("通过 (pass)", "提示 (warning)", "不符 (fail)")] == [str(checks[v]) for v in ("pass", "warning", "fail")]
    bad = rows[(BAD, "2024")]
    assert bad["状态 (status)"] == "失败 (failed)" and "41x7.05" in bad["首个错误 (first error)"] and bad["支出合计（万元）(spending)"] == "—"
    assert rows[(NANYUE, "2023")]["状态 (status)"] == "未运行 (not run)"
    page = (county["scratch"] / "out" / "index.html").read_text(encoding="utf-8")
    assert f'<a href="{NANYUE}/2024/report.html">' in page and "<script" not in page and "http" not in page.split("<body>")[1]


def test_a_second_batch_skips_the_unchanged_and_reruns_the_failed(county: dict) -> None:
    second = county["second"]
    assert second.returncode == 1, second.stderr
    assert "成功 (ok) 0，跳过 (skipped) 2，失败 (failed) 1" in second.stdout
    assert f"{NANYUE} 2024 未变更，跳过 (skipped)" in second.stdout
    assert hashlib.sha256(county["report"].read_bytes()).hexdigest() == county["report_before"]
    assert summary_rows(county["scratch"] / "out")[(NANYUE, "2024")]["状态 (status)"] == "未变更，已跳过 (skipped)"


def test_an_edited_input_or_force_reruns(county: dict) -> None:
    scratch = county["scratch"]
    options = BatchOptions(scratch / "raw", scratch / "out", scratch / "processed", years=[2024])
    found = discover_runs(scratch / "raw")
    skipped, to_run = plan_batch(options, found)
    assert sorted(skipped) == [DeptYear(QINGCHUAN, 2024), DeptYear(NANYUE, 2024)] and list(to_run) == [DeptYear(BAD, 2024)]
    assert not plan_batch(BatchOptions(scratch / "raw", scratch / "out", scratch / "processed", years=[2024], force=True), found)[0]
    narrative = scratch / "raw" / NANYUE / "2024" / "narrative.md"
    original = narrative.read_bytes()
    try:
        narrative.write_bytes(original + b"\n")
        assert sorted(plan_batch(options, found)[0]) == [DeptYear(QINGCHUAN, 2024)]
    finally:
        narrative.write_bytes(original)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Dask scheduler and one worker (one thread), each its own process on loopback; the scheduler's address."""
    folder = tmp_path_factory.mktemp("cluster")
    scheduler_file = folder / "scheduler.json"
    # as a county's cluster would be started for jixiao batch: a task whose worker dies fails, one task per thread
    env = ENV | {"DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES": "0", "DASK_DISTRIBUTED__SCHEDULER__WORKER_SATURATION": "1.0"}
    common = ["--scheduler-file", str(scheduler_file), "--no-dashboard"]
    scheduler = subprocess.Popen(
        [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0", *common],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    worker = None
    try:
        deadline = time.monotonic() + 60
        while not scheduler_file.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        worker = subprocess.Popen(
            [sys.executable, "-m", "distributed.cli.dask_worker", "--nthreads", "1", "--nworkers", "1", *common],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        yield json.loads(scheduler_file.read_text(encoding="utf-8"))["address"]
    finally:
        for process in (worker, scheduler):
            if process is not None:
                process.terminate()
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()


def copies(raw: Path, names: list[str]) -> None:
    """Copies of the reference department's 2024 ledgers under other codes."""
    for name in names:
        shutil.copytree(RAW_DIR / NANYUE, raw / name, ignore=shutil.ignore_patterns("2023"))


def test_a_batch_on_a_separate_scheduler_survives_a_killed_worker(cluster: str, tmp_path: Path) -> None:
    from distributed import Client

    copies(tmp_path / "raw", ["copy-1", "copy-2", "copy-3"])
    with Client(cluster, timeout="30s") as client:
        client.wait_for_workers(1, timeout=60)
        command = [sys.executable, "-m", "analysis", "batch", "--scheduler", cluster, "--data-dir", str(tmp_path / "raw")]
        command += ["--output-dir", str(tmp_path / "out"), "--processed-dir", str(tmp_path / "processed")]
        batch = subprocess.Popen(command, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        first_state = None
        deadline = time.monotonic() + 300
        while first_state is None and time.monotonic() < deadline:  # the first to finish has published and been recorded
            first_state = next((path for path in (tmp_path / "out" / ".batch").glob("*/2024.json")), None)
            time.sleep(0.5)
        assert first_state is not None, batch.communicate(timeout=60)
        done = first_state.parent.name
        published = tmp_path / "out" / done / "2024" / "report.html"
        before = hashlib.sha256(published.read_bytes()).hexdigest()
        running: list[str] = []
        while not running and time.monotonic() < deadline:
            running = [key for keys in client.processing().values() for key in keys if str(key).startswith(KEY_PREFIX)]
            time.sleep(0.2)
        time.sleep(3)  # well into the run: its kernels started
        killed = str(running[0]).removeprefix(f"{KEY_PREFIX}-").rsplit("-", 2)[0]
        (pid,) = client.run(os.getpid).values()
        os.kill(pid, signal.SIGKILL)
        stdout, stderr = batch.communicate(timeout=300)
    assert batch.returncode == 1, stderr
    assert f"{killed} 2024 失败 (failed)" in stdout and WORKER_DIED in stdout
    others = {"copy-1", "copy-2", "copy-3"} - {killed}
    assert done in others and all(f"{name} 2024 完成 (ok)" in stdout for name in others)
    assert all((tmp_path / "out" / name / "2024" / "report.html").is_file() for name in others)
    assert hashlib.sha256(published.read_bytes()).hexdigest() == before
    rows = summary_rows(tmp_path / "out")
    assert rows[(killed, "2024")]["状态 (status)"] == "失败 (failed)" and rows[(killed, "2024")]["首个错误 (first error)"] == WORKER_DIED


def test_a_stopped_batch_keeps_what_it_published_and_indexes_it(tmp_path: Path) -> None:
    copies(tmp_path / "raw", ["copy-a", "copy-b"])
    command = [sys.executable, "-m", "analysis", "batch", "--workers", "1", "--data-dir", str(tmp_path / "raw")]
    command += ["--output-dir", str(tmp_path / "out"), "--processed-dir", str(tmp_path / "processed")]
    batch = subprocess.Popen(command, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    state = tmp_path / "out" / ".batch" / "copy-a" / "2024.json"  # the batch runs them in order, one at a time
    deadline = time.monotonic() + 300
    while not state.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    published = tmp_path / "out" / "copy-a" / "2024" / "report.html"
    before = hashlib.sha256(published.read_bytes()).hexdigest()
    # copy-b under way: its run's work folder is there (a warm kernel runs it in seconds, so no fixed wait will do)
    while not any((tmp_path / "out" / ".runs").glob("copy-b-2024-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    batch.send_signal(signal.SIGTERM)
    stdout, stderr = batch.communicate(timeout=120)
    assert batch.returncode == 128 + signal.SIGTERM, stderr
    assert "已终止 (stopped by SIGTERM)：已发布的报告保持完整" in stderr
    assert hashlib.sha256(published.read_bytes()).hexdigest() == before
    assert not (tmp_path / "out" / "copy-b" / "2024" / "report.html").exists()
    rows = summary_rows(tmp_path / "out")
    assert (rows[("copy-a", "2024")]["状态 (status)"], rows[("copy-b", "2024")]["状态 (status)"]) == ("已生成 (ok)", "未运行 (not run)")
