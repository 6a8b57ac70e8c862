"""`make bench`, large-ledger section: `jixiao run` on a department whose hotline ledger has N orders, against a
hand-written DuckDB query computing the same KPIs and monthly counts over the same CSV, in the same bench run.

Usage: python scripts/bench_large.py [N]   (default 20,000,000; also run by scripts/bench.py, or bench.py --large N)
The department is a copy of nanyue-swd in a temporary folder with the 2024 hotline ledger written by
scripts/make_large_ledger.py. Peak memory is the sum of the RSS of the command's whole process tree
(kernels included), polled every 0.1 s with psutil.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
JIXIAO = Path(sys.executable).with_name("jixiao")
DEPT, YEAR = "nanyue-swd", "2024"
DEFAULT_ORDERS = 20_000_000
POLL_SECONDS = 0.1
# The KPIs of analysis.services.summarise_hotline and the monthly counts, straight from the CSV.
QUERY = """
SELECT count(*) AS orders, count_if(handling = '自办') AS self_handled, count_if(handling = '交办') AS assigned,
       count_if(status = '已办结') AS closed, count_if(callback = '是' AND status = '已办结') AS called_back,
       count_if(callback = '是' AND satisfaction <> '未评价') AS rated,
       count_if(callback = '是' AND satisfaction IN ('满意', '基本满意')) AS satisfied
FROM orders;
SELECT month(received_at) AS month, count_if(handling = '自办'), count_if(handling = '交办'),
       count_if(status = '已办结') / count(*), count_if(callback = '是' AND satisfaction IN ('满意', '基本满意'))
       / nullif(count_if(callback = '是' AND satisfaction <> '未评价'), 0)
FROM orders GROUP BY 1 ORDER BY 1;
"""
QUERY_SCRIPT = (
    "import duckdb, sys\n"
    "con = duckdb.connect()\n"
    'path = sys.argv[1].replace("\'", "\'\'")\n'
    "con.execute(f\"CREATE VIEW orders AS SELECT * FROM read_csv('{path}', header = true, timestampformat = '%Y-%m-%d %H:%M:%S')\")\n"
    "for statement in sys.argv[2].split(';')[:-1]:\n"
    "    print(con.execute(statement).fetchall()[:1])\n"
)


def tree_rss(process: psutil.Process) -> int:
    """Bytes resident in a process and all its descendants (those that vanish mid-count count 0)."""
    total = 0
    for member in [process, *process.children(recursive=True)]:
        try:
            total += member.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return total


def measure(command: list[str]) -> tuple[float, int, str]:
    """Wall seconds, peak RSS of the process tree (bytes) and stdout of a command run to its end."""
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out:
        child = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, text=True)
        process, peak = psutil.Process(child.pid), 0
        while child.poll() is None:
            try:
                peak = max(peak, tree_rss(process))
            except psutil.NoSuchProcess:
                break
            time.sleep(POLL_SECONDS)
        wall = time.perf_counter() - started
        out.seek(0)
        text = out.read()
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({child.returncode}):\n{text[-3000:]}")
    return wall, peak, text


def bench_large(orders: int) -> None:
    """Write the ledger, time and measure `jixiao run` and the DuckDB query on it, and print both and their ratio."""
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-large-") as scratch:
        raw = Path(scratch) / "raw"
        shutil.copytree(ROOT / "data" / "raw" / DEPT, raw / DEPT)
        ledger = raw / DEPT / YEAR / "hotline_orders.csv"
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "make_large_ledger.py"), "--orders", str(orders), "--seed", "1", "--out", str(ledger)], check=True
        )
        size = ledger.stat().st_size
        print(f"{orders:,} 条工单 (orders) 的 CSV：{size / 1e9:.2f} GB，生成用时 (generated in) {time.perf_counter() - started:.1f} s")
        run = [
            str(JIXIAO),
            "run",
            "--dept",
            DEPT,
            "--year",
            YEAR,
            "--data-dir",
            str(raw),
            "--output-dir",
            f"{scratch}/out",
            "--processed-dir",
            f"{scratch}/processed",
        ]
        run_wall, run_peak, text = measure(run)
        stages = next((line for line in text.splitlines() if line.startswith("各阶段用时")), "")
        query_wall, query_peak, _ = measure([sys.executable, "-c", QUERY_SCRIPT, str(ledger), QUERY])
    print(f"  jixiao run：{run_wall:.1f} s，进程树内存峰值 (peak RSS of the tree) {run_peak / 2**20:,.0f} MB")
    print(f"  {stages}")
    print(f"  DuckDB 手写查询 (hand-written query)：{query_wall:.1f} s，内存峰值 (peak RSS) {query_peak / 2**20:,.0f} MB")
    print(f"  比值 (ratio)：用时 {run_wall / query_wall:.1f}×（目标 ≤ 4×），内存 {run_peak / max(query_peak, 1):.1f}×（目标峰值 ≤ 2,048 MB）")


if __name__ == "__main__":
    bench_large(int(sys.argv[1].replace(",", "").replace("_", "")) if len(sys.argv) > 1 else DEFAULT_ORDERS)
