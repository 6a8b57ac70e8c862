"""Publishing a run: outputs written atomically, the report exported, the folder swapped in.

A run builds everything in a work folder; the previous
outputs/<dept>/<year>/ is replaced only after every notebook and the export
succeeded, so a failed run never leaves a half-written report behind.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from analysis import __version__
from analysis.fonts import font_face_css
from analysis.files import write_bytes_atomic, write_json_atomic, write_text_atomic
from analysis.ingest import input_files
from analysis.metrics import Results, build_checks_document, build_metrics
from analysis.paths import ECON_CLASSES_PATH, PROJECT_ROOT, TEMPLATES_DIR, year_output_dir
from analysis.report import Figure, build_provenance


def write_outputs(results: Results, figures: list[Figure], output_dir: Path) -> Path:
    """Write metrics.json, checks.json and figures/NN_key.png under output_dir/<dept>/<year>/."""
    out = year_output_dir(Path(output_dir), results.dept, results.year)
    write_json_atomic(out / "metrics.json", build_metrics(results))
    write_json_atomic(out / "checks.json", build_checks_document(results))
    for figure in figures:
        write_bytes_atomic(out / "figures" / f"{figure.number:02d}_{figure.key}.png", figure.png)
    return out


def git_commit() -> str:
    """Short commit of the checkout, with ``-dirty`` when it has uncommitted changes; 未知 outside git."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "未知"
    return commit + ("-dirty" if dirty else "")


def provenance_for(dept: str, year: int, data_dir: Path) -> dict:
    """Footer facts for this run: parameters, version, commit, time, input checksums."""
    inputs = {f"{dept}/{p.relative_to(Path(data_dir) / dept)}": p for p in input_files(Path(data_dir), dept, year)}
    inputs["analysis/econ_classes.csv"] = ECON_CLASSES_PATH  # the 人员/公用 split is configuration too
    return build_provenance({"dept": dept, "year": year}, inputs, __version__, git_commit())


def export_report(notebook_path: Path, html_path: Path, title: str) -> Path:
    """Export the executed report notebook with the jixiao template as one offline HTML file."""
    # Imported here, not at the top: the report notebook's kernel imports this
    # module, and nbconvert would add about a second to its start.
    import nbformat
    from nbconvert import HTMLExporter

    notebook = nbformat.read(notebook_path, as_version=4)
    notebook.metadata["jixiao"] = {"title": title}
    exporter = HTMLExporter(template_name="jixiao", extra_template_basedirs=[str(TEMPLATES_DIR / "nbconvert")])
    draft, _ = exporter.from_notebook_node(notebook, resources={"font_css": ""})
    page, _ = exporter.from_notebook_node(notebook, resources={"font_css": font_face_css(draft)})
    return write_text_atomic(html_path, page)


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
