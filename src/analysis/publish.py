"""Publishing a run: the report exported as a page (nbconvert) and a PDF (WeasyPrint), the work folder swapped in.

A run builds everything in a work folder; the previous
outputs/<dept>/<year>/ is replaced only after every notebook and both exports
succeeded, so a failed run never leaves a half-written report behind, nor a
report.html without its report.pdf.
This module runs in the ``jixiao`` process, never in a notebook kernel.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import asdict
from datetime import date
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

from analysis.cover import Cover, cover_for
from analysis.files import write_text_atomic
from analysis.fonts import font_face_css
from analysis.paths import TEMPLATES_DIR
from analysis.pdf_report import PdfExportError

FONT_CSS_MARK = "/* jixiao font-face */"  # where the page's font subset goes, once the page's characters are known


def export_report(notebook_path: Path, html_path: Path, title: str, font_cache: Path | None = None) -> Path:
    """Export the executed report notebook with the jixiao template as one offline HTML file
    (its font subset kept in ``font_cache``, when given, for the next page with the same characters)."""
    notebook = nbformat.read(notebook_path, as_version=4)
    notebook.metadata["jixiao"] = {"title": title}
    exporter = HTMLExporter(template_name="jixiao", extra_template_basedirs=[str(TEMPLATES_DIR / "nbconvert")])
    draft, _ = exporter.from_notebook_node(notebook, resources={"font_css": FONT_CSS_MARK})
    page = draft.replace(FONT_CSS_MARK, font_face_css(draft.replace(FONT_CSS_MARK, ""), font_cache), 1)
    return write_text_atomic(html_path, page)


class PdfExport:
    """report.pdf made by a process of its own (``python -m analysis.pdf_report``), side by side with the page's
    export. ``start`` it before the report stage: its interpreter and engine load while the report is written."""

    COMMAND = (sys.executable, "-m", "analysis.pdf_report")

    def __init__(self) -> None:
        self.process: subprocess.Popen[str] | None = None
        self.pdf_path: Path | None = None

    def start(self) -> None:
        """Start the exporting process, if not already started."""
        if self.process is None:
            self.process = subprocess.Popen(self.COMMAND, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, encoding="utf-8")

    def submit(self, notebook_path: Path, pdf_path: Path, cover: Cover, font_cache: Path | None = None) -> None:
        """Ask for report.pdf at ``pdf_path`` from the executed report notebook (its font subsets kept in ``font_cache``)."""
        self.start()
        assert self.process is not None and self.process.stdin is not None
        self.pdf_path = pdf_path
        request = {"notebook": str(notebook_path), "pdf": str(pdf_path), "cover": asdict(cover), "font_cache": font_cache and str(font_cache)}
        try:
            self.process.stdin.write(json.dumps(request, ensure_ascii=False) + "\n")
            self.process.stdin.flush()  # one line is the whole request; communicate() closes the pipe
        except BrokenPipeError:  # it has already ended: result() says why
            pass

    def result(self) -> Path:
        """Wait for the PDF asked for; its path, or PdfExportError with the exporting process's reason."""
        assert self.process is not None and self.pdf_path is not None, "submit() first"
        _, errors = self.process.communicate()
        if self.process.returncode != 0:
            raise PdfExportError(errors.strip() or f"PDF 导出进程异常退出 (PDF export exited with code {self.process.returncode})")
        return self.pdf_path

    def close(self) -> None:
        """Stop the exporting process if it is still running (the run failed or was interrupted)."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def export_notebook(notebook_path: Path, html_path: Path) -> Path:
    """Export an executed notebook (05_explore) as one offline HTML page: JupyterLab's look, no script from the network."""
    notebook = nbformat.read(Path(notebook_path), as_version=4)
    exporter = HTMLExporter(template_name="jixiao_explore", extra_template_basedirs=[str(TEMPLATES_DIR / "nbconvert")])
    page, _ = exporter.from_notebook_node(notebook)
    return write_text_atomic(Path(html_path), page)


def publish_work(work: Path, notebook_path: Path, target: Path, font_cache: Path, pdf: PdfExport) -> dict[str, int]:
    """Export report.html and report.pdf (side by side) into the work folder from the executed report notebook,
    then swap the work folder in for ``target``; the check counts of checks.json."""
    metrics = json.loads((work / "metrics.json").read_text(encoding="utf-8"))
    cover = cover_for(metrics["department"], metrics["fiscal_year"], date.today())
    pdf.submit(notebook_path, work / "report.pdf", cover, font_cache)
    export_report(notebook_path, work / "report.html", cover.title, font_cache)
    pdf.result()
    checks = json.loads((work / "checks.json").read_text(encoding="utf-8"))["summary"]
    replace_directory(work, target)
    return checks


def replace_directory(new: Path, target: Path) -> None:
    """Put ``new`` in the place of ``target`` with renames, removing the old one afterwards."""
    target.parent.mkdir(parents=True, exist_ok=True)
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        os.replace(target, old)
    try:
        os.replace(new, target)
    except OSError:
        if old.exists():
            os.replace(old, target)  # put the previous outputs back rather than leave none
        raise
    shutil.rmtree(old, ignore_errors=True)
