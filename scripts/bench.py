"""Wall time of `jixiao run` for each sample department, and of each stage.

Usage: python scripts/bench.py [DEPT:YEAR ...]  (default: both sample departments, latest year)
Outputs go to a temporary folder, so the checkout's outputs/ is left alone.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from analysis.run import run

DEFAULT_TARGETS = ("nanyue-swd:2024", "fictional-qingchuan-csb:2024")


def bench(target: str, scratch: Path) -> None:
    """Run one department and year into scratch and print the timings."""
    dept, year = target.split(":")
    started = time.perf_counter()
    result = run(dept, int(year), output_dir=scratch / "outputs", processed_dir=scratch / "processed")
    total = time.perf_counter() - started
    print(f"{dept} {year}: 共 (total) {total:.2f} s")
    for stage, seconds in result.timings.items():
        print(f"  {stage:<16} {seconds:6.2f} s")


def main(targets: list[str]) -> None:
    """Bench every target in its own scratch folder."""
    for target in targets or DEFAULT_TARGETS:
        with tempfile.TemporaryDirectory(prefix="jixiao-bench-") as scratch:
            bench(target, Path(scratch))


if __name__ == "__main__":
    main(sys.argv[1:])
