"""`make bench`: wall time of `jixiao run` for each sample department, of each stage, of the PDF and Word
exports (scripts/bench_exports.py), and of `jixiao check` on the report just written (against its metrics.json too); then how `jixiao check`
scales: the test reports repeated to 5,000, 10,000 and 20,000 lines, seconds and seconds per 1,000 lines
(roughly the same at every size when check is linear); and with one long sentence, the test reports'
text joined by "，" into one sentence of 10,000, 40,000 and 160,000 characters (seconds per 10,000
characters the same at every size when a sentence is read once, not once per figure).

Then a city-size hotline ledger (scripts/bench_large.py): `jixiao run` on 20,000,000 orders against a
hand-written DuckDB query over the same CSV. Last, `jixiao batch --workers 2` on 100 department-years
(copies of the sample departments, under codes such as copy-001-nanyue-swd) against a loop of
`jixiao run` over the first 10 of them, scaled to 100.

Usage: python scripts/bench.py [DEPT:YEAR ...]  (default: both sample departments, 2024)
       python scripts/bench.py --large N        (only the large-ledger section, N orders)
       python scripts/bench.py batch [COUNT]    (only the batch section, COUNT department-years, default 100)
Each run goes into a temporary folder, so the checkout's outputs/ is left alone.
The wall time is measured around the whole console command, start-up included.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_exports import bench_exports
from bench_large import bench_large

DEFAULT_TARGETS = ("nanyue-swd:2024", "fictional-qingchuan-csb:2024")
JIXIAO = Path(sys.executable).with_name("jixiao")
TESTS = Path(__file__).resolve().parent.parent / "tests"
RAW = TESTS.parent / "data" / "raw"
BATCH_COUNT = 100
LOOP_COUNT = 10
SCALING_LINES = (5_000, 10_000, 20_000)
SENTENCE_CHARS = (10_000, 40_000, 160_000)
LARGE_ORDERS = 20_000_000


def bench(target: str, scratch: Path) -> None:
    """Run `jixiao run` for one department and year into scratch; print wall and stage times."""
    dept, year = target.split(":")
    command = [str(JIXIAO), "run", "--dept", dept, "--year", year, "--output-dir", str(scratch / "outputs"), "--processed-dir", str(scratch / "processed")]
    started = time.perf_counter()
    completed = subprocess.run(command, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - started
    stages = next(line for line in completed.stdout.splitlines() if line.startswith("各阶段用时"))
    print(f"{dept} {year}: jixiao run 总用时 (wall) {wall:.2f} s")
    print(f"  {stages}")
    bench_exports(scratch / "outputs" / dept / year, scratch / "processed")
    report = scratch / "outputs" / dept / year / "report.html"
    command = [str(JIXIAO), "check", str(report), "--dept", dept, "--year", year, "--output-dir", str(scratch / "outputs")]
    started = time.perf_counter()
    checked = subprocess.run(command, capture_output=True, text=True, check=False)
    summary = checked.stdout.splitlines()[-1]
    print(f"  jixiao check 用时 (wall) {time.perf_counter() - started:.2f} s，退出码 (exit) {checked.returncode}：{summary}")


def bench_scaling(scratch: Path) -> None:
    """Time `jixiao check` (the command, start-up included) on the test reports repeated to each of SCALING_LINES."""
    reports = sorted(p for p in TESTS.glob("check_*/*") if p.suffix in (".txt", ".md"))
    lines = [line for path in reports for line in path.read_text(encoding="utf-8").splitlines()]
    print(f"jixiao check 随报告长度 (scaling)：{len(reports)} 份测试报告重复")
    for count in SCALING_LINES:
        report = scratch / f"repeated-{count}.txt"
        report.write_text("\n".join((lines * (count // len(lines) + 1))[:count]) + "\n", encoding="utf-8")
        started = time.perf_counter()
        subprocess.run([str(JIXIAO), "check", str(report)], capture_output=True, check=False)
        seconds = time.perf_counter() - started
        print(f"  {count:>6,} 行 (lines)：{seconds:6.2f} s，每千行 (per 1,000 lines) {seconds / count * 1000:.3f} s")


def bench_long_sentence(scratch: Path) -> None:
    """Time `jixiao check` on one sentence of each of SENTENCE_CHARS: the test reports' lines of text (not their
    tables) joined by "，", with every 。！？ made a "，" too, repeated to the length."""
    reports = sorted(p for p in TESTS.glob("check_*/*") if p.suffix in (".txt", ".md"))
    lines = [
        line for path in reports for line in path.read_text(encoding="utf-8").splitlines() if "|" not in line and "\t" not in line
    ]  # a line of a table, and a sentence of tabs would be one
    sentence = re.sub(r"[。！？!?]", "，", "，".join(lines))
    print(f"jixiao check 一个长句 (one long sentence)：{len(reports)} 份测试报告的正文连成一句")
    for count in SENTENCE_CHARS:
        report = scratch / f"sentence-{count}.txt"
        report.write_text((sentence * (count // len(sentence) + 1))[:count] + "\n", encoding="utf-8")
        started = time.perf_counter()
        subprocess.run([str(JIXIAO), "check", str(report)], capture_output=True, check=False)
        seconds = time.perf_counter() - started
        print(f"  {count:>7,} 个字符 (characters)：{seconds:6.2f} s，每万字符 (per 10,000) {seconds / count * 10_000:.3f} s")


def county_copies(raw: Path, count: int) -> list[tuple[str, int]]:
    """Copies of the sample departments under codes copy-NNN-<dept> (each its name numbered) until ``count``
    department-years are there; the department-years, in the order batch sorts them."""
    samples = [folder for folder in sorted(RAW.iterdir()) if (folder / "department.yaml").is_file()]
    made: list[tuple[str, int]] = []
    number = 0
    while len(made) < count:
        sample = samples[number % len(samples)]
        number += 1
        code = f"copy-{number:03d}-{sample.name}"
        all_years = sorted(p.name for p in sample.iterdir() if p.is_dir() and p.name.isdigit())
        years = all_years[: count - len(made)]  # the earliest: a year's history is there
        shutil.copytree(sample, raw / code, ignore=shutil.ignore_patterns(*(set(all_years) - set(years))))
        yaml = raw / code / "department.yaml"
        yaml.write_text(re.sub(r"^name: ", f"name: 副本{number:03d}·", yaml.read_text(encoding="utf-8"), count=1, flags=re.M), encoding="utf-8")
        made += [(code, int(year)) for year in years]
    return sorted(made)


def bench_batch(scratch: Path, count: int = BATCH_COUNT) -> None:
    """Time `jixiao batch --workers 2` on ``count`` department-years and a loop of `jixiao run` over the first LOOP_COUNT."""
    runs = county_copies(scratch / "raw", count)
    folders = ["--data-dir", str(scratch / "raw"), "--output-dir", str(scratch / "out"), "--processed-dir", str(scratch / "processed")]
    started = time.perf_counter()
    completed = subprocess.run([str(JIXIAO), "batch", "--workers", "2", *folders], capture_output=True, text=True, check=False)
    batch = time.perf_counter() - started
    done = next((line for line in completed.stdout.splitlines() if line.startswith("批量运行完成")), completed.stderr.strip()[-300:])
    print(f"jixiao batch --workers 2，{len(runs)} 个部门年度 (department-years)：{batch:.1f} s，每个 (each) {batch / len(runs):.2f} s；{done}")
    failures = completed.stdout.split("失败的部门年度 (failed)", 1)
    if len(failures) > 1:  # a benchmark that hides its failures measures nothing
        print("  失败的部门年度 (failed)" + failures[1].rstrip())
    loop_folders = ["--data-dir", str(scratch / "raw"), "--output-dir", str(scratch / "loop-out"), "--processed-dir", str(scratch / "loop-processed")]
    started = time.perf_counter()
    looped = runs[:LOOP_COUNT]
    for dept, year in looped:
        subprocess.run([str(JIXIAO), "run", "--dept", dept, "--year", str(year), *loop_folders], capture_output=True, check=True)
    loop = time.perf_counter() - started
    each = loop / len(looped)
    print(
        f"jixiao run 依次运行 (sequential loop) 前 {len(looped)} 个：{loop:.1f} s，每个 (each) {each:.2f} s，折算 {len(runs)} 个 (scaled) {each * len(runs):.1f} s"
    )
    print(f"batch 比循环快 (speed-up per department-year)：{each / (batch / len(runs)):.2f}×")


def main(targets: list[str]) -> None:
    """Bench every target in its own scratch folder, then the scaling of check, by lines and in one sentence, then a
    large ledger, then batch."""
    if targets[:1] == ["batch"]:
        with tempfile.TemporaryDirectory(prefix="jixiao-bench-") as scratch:
            bench_batch(Path(scratch), int(targets[1]) if len(targets) > 1 else BATCH_COUNT)
        return
    if targets[:1] == ["--large"]:
        bench_large(int(targets[1]))
        return
    for target in targets or DEFAULT_TARGETS:
        with tempfile.TemporaryDirectory(prefix="jixiao-bench-") as scratch:
            bench(target, Path(scratch))
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-") as scratch:
        bench_scaling(Path(scratch))
        bench_long_sentence(Path(scratch))
    bench_large(LARGE_ORDERS)
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-") as scratch:
        bench_batch(Path(scratch))


if __name__ == "__main__":
    main(sys.argv[1:])
