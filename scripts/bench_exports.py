"""`make bench`, export section: what report.docx and report.pdf cost for a report a run has just published.

Usage: python scripts/bench_exports.py OUTPUTS/DEPT/YEAR PROCESSED  (also run by scripts/bench.py after each run)
From the run's executed 04_report notebook and its figures/*.png:
- report.docx: write_report_docx in this process (as 04_report calls it);
- report.pdf in a new process (`python -m analysis.pdf_report`, start-up and imports included), with the run's
  font subsets (what every later run finds) and with none (the first run on a machine, or after new characters);
- report.pdf as a run makes it: the exporting process started beforehand (a run starts it beside 04_report),
  timed from the request to the written file.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from pypdf import PdfReader

from analysis.cover import cover_for
from analysis.docx_report import write_report_docx
from analysis.paths import font_cache_dir
from analysis.pdf_report import report_body_of
from analysis.publish import PdfExport
from analysis.report import Figure

WARM_UP_SECONDS = 3.0  # longer than the exporting process takes to load WeasyPrint


def seconds(action: Callable[[], object]) -> float:
    """Wall time of ``action``, in seconds."""
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def export_pdf(notebook: Path, pdf: Path, cover, fonts: Path | None, export: PdfExport | None = None) -> Path:
    """report.pdf through the run's exporting process (a new one unless ``export`` is given)."""
    export = export or PdfExport()
    export.submit(notebook, pdf, cover, fonts)
    return export.result()


def bench_exports(out: Path, processed: Path) -> dict[str, float]:
    """Print and return the export times of the report published in ``out`` (seconds)."""
    notebook = out / "notebooks" / "04_report.ipynb"
    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    cover = cover_for(metrics["department"], metrics["fiscal_year"], date.today())
    body = report_body_of(notebook)
    figures = [Figure(int(png.name[:2]), png.stem[3:], "", b"", png.read_bytes()) for png in sorted((out / "figures").glob("*.png"))]
    fonts = font_cache_dir(processed)
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-exports-") as scratch:
        folder = Path(scratch)
        times = {
            "docx": seconds(lambda: write_report_docx(body, figures, folder / "report.docx", cover)),
            "pdf_cold": seconds(lambda: export_pdf(notebook, folder / "cold.pdf", cover, fonts)),
            "pdf_no_fonts": seconds(lambda: export_pdf(notebook, folder / "first.pdf", cover, folder / "fonts")),
        }
        warm = PdfExport()
        warm.start()
        time.sleep(WARM_UP_SECONDS)
        times["pdf_run"] = seconds(lambda: export_pdf(notebook, folder / "run.pdf", cover, fonts, warm))
        pages = len(PdfReader(folder / "run.pdf").pages)
    print(
        f"  导出 (exports)：report.docx {times['docx']:.2f} s；report.pdf 新进程 (new process) {times['pdf_cold']:.2f} s，"
        f"无字体缓存 (no font subsets yet) {times['pdf_no_fonts']:.2f} s，如 jixiao run 中预先启动 (pre-started, as in a run) {times['pdf_run']:.2f} s"
    )
    print(
        f"  PDF 与 Word 合计 (together)：新进程 {times['docx'] + times['pdf_cold']:.2f} s，运行中 (in a run) {times['docx'] + times['pdf_run']:.2f} s"
        f"（目标 (target) < 3 s；PDF {pages} 页）"
    )
    return times


if __name__ == "__main__":
    bench_exports(Path(sys.argv[1]), Path(sys.argv[2]))
