"""Publishing a run: the report exported with nbconvert, the work folder swapped in.

A run builds everything in a work folder; the previous
outputs/<dept>/<year>/ is replaced only after every notebook and the export
succeeded, so a failed run never leaves a half-written report behind.
This module runs in the ``jixiao`` process, never in a notebook kernel.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

from analysis.files import write_text_atomic
from analysis.fonts import font_face_css
from analysis.paths import TEMPLATES_DIR

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


def export_notebook(notebook_path: Path, html_path: Path) -> Path:
    """Export an executed notebook (05_explore) as one offline HTML page: JupyterLab's look, no script from the network."""
    notebook = nbformat.read(Path(notebook_path), as_version=4)
    exporter = HTMLExporter(template_name="jixiao_explore", extra_template_basedirs=[str(TEMPLATES_DIR / "nbconvert")])
    page, _ = exporter.from_notebook_node(notebook)
    return write_text_atomic(Path(html_path), page)


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
