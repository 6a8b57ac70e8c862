"""`make bench`: wall time of `jixiao run` for each sample department, of each stage, and of
`jixiao check` on the report just written (against its metrics.json too).

Usage: python scripts/bench.py [DEPT:YEAR ...]  (default: both sample departments, 2024)
Each run goes into a temporary folder, so the checkout's outputs/ is left alone.
The wall time is measured around the whole console command, start-up included.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_TARGETS = ("nanyue-swd:2024", "fictional-qingchuan-csb:2024")
JIXIAO = Path(sys.executable).with_name("jixiao")


def bench(target: str, scratch: Path) -> None:
    """Run `jixiao run` for one department and year into scratch; print wall and stage times."""
    dept, year = target.split(":")
    command = [str(JIXIAO), "run", "--dept", dept, "--year", year,
               "--output-dir", str(scratch / "outputs"), "--processed-dir", str(scratch / "processed")]
    started = time.perf_counter()
    completed = subprocess.run(command, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - started
    stages = next(line for line in completed.stdout.splitlines() if line.startswith("各阶段用时"))
    print(f"{dept} {year}: jixiao run 总用时 (wall) {wall:.2f} s")
    print(f"  {stages}")
    report = scratch / "outputs" / dept / year / "report.html"
    command = [str(JIXIAO), "check", str(report), "--dept", dept, "--year", year, "--output-dir", str(scratch / "outputs")]
    started = time.perf_counter()
    checked = subprocess.run(command, capture_output=True, text=True, check=False)
    summary = checked.stdout.splitlines()[-1]
    print(f"  jixiao check 用时 (wall) {time.perf_counter() - started:.2f} s，退出码 (exit) {checked.returncode}：{summary}")


def main(targets: list[str]) -> None:
    """Bench every target in its own scratch folder."""
    for target in targets or DEFAULT_TARGETS:
        with tempfile.TemporaryDirectory(prefix="jixiao-bench-") as scratch:
            bench(target, Path(scratch))


if __name__ == "__main__":
    main(sys.argv[1:])
