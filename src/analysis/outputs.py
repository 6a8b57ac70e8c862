"""What the report notebook writes beside the report: metrics.json, checks.json, variance.xlsx, figures, footer facts."""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

from analysis import __version__
from analysis.cover import cover_for
from analysis.docx_report import write_report_docx
from analysis.explore import Variance
from analysis.files import write_bytes_atomic, write_json_atomic
from analysis.ingest import read_processed_table
from analysis.metrics import Results, build_checks_document, build_metrics
from analysis.paths import OUTPUTS_DIR, PROJECT_ROOT, year_output_dir
from analysis.report import Figure
from analysis.variance_book import write_variance_book


class PublishedFolderError(ValueError):
    """A notebook run by hand was pointed at a published outputs folder."""


def check_unpublished(output_dir: Path, out: Path) -> None:
    """Refuse to write into published outputs (the project's outputs/ root, or a folder holding a report.html):
    a hand-run notebook would leave them half-replaced, with no report to match. Only `jixiao run` publishes."""
    if Path(output_dir).resolve() == OUTPUTS_DIR.resolve() or (out / "report.html").exists():
        raise PublishedFolderError(
            f"{out} 是已发布的输出目录 (published outputs)：手动运行笔记本请用默认的 output_dir "
            f"(../outputs/.interactive)；发布请用 jixiao run --dept {out.parent.name} --year {out.name}"
        )


def write_outputs(results: Results, figures: list[Figure], body: str, processed_dir: str | Path, output_dir: str | Path) -> Path:
    """Write metrics.json, checks.json, variance.xlsx (from the processed tables), report.docx (the report ``body``
    as Word) and figures/NN_key.png under output_dir/<dept>/<year>/ (a work folder: a run's, or
    outputs/.interactive when the notebook is run by hand)."""
    out = year_output_dir(Path(output_dir), results.dept, results.year)
    check_unpublished(Path(output_dir), out)
    write_json_atomic(out / "metrics.json", build_metrics(results))
    write_json_atomic(out / "checks.json", build_checks_document(results))
    history, budget = (read_processed_table(Path(processed_dir), results.dept, results.year, name) for name in ("history", "budget"))
    write_variance_book(out, Variance(results.dept, results.year, results.department.name, history, budget))
    write_report_docx(body, figures, out / "report.docx", cover_for(results.department.name, results.year, date.today()))
    for figure in figures:
        write_bytes_atomic(out / "figures" / f"{figure.number:02d}_{figure.key}.png", figure.png)
    return out


def git(*arguments: str) -> str:
    """Output of a git command run in the checkout; raises CalledProcessError or OSError."""
    return subprocess.run(["git", *arguments], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True).stdout


def notebook_code(text: str) -> list[tuple[str, str, tuple[str, ...]]] | None:
    """What a notebook runs and says: each cell's kind, source and tags (papermill finds the parameters cell by
    its tag), outputs left out; None for no notebook.
    Read as plain JSON: nbformat takes seconds to import (its schema validator), on every report stage."""
    try:
        cells = json.loads(text)["cells"]
        return [(cell["cell_type"], "".join(cell["source"]), tuple(cell.get("metadata", {}).get("tags", []))) for cell in cells]
    except (ValueError, TypeError, KeyError):  # not JSON, or JSON that is no notebook
        return None


def changes_what_runs(path: str) -> bool:
    """A changed tracked file changes the run, unless it is a notebook whose cells read as at HEAD
    (saved with outputs from JupyterLab where the nbstripout filter is not configured)."""
    if not path.endswith(".ipynb"):
        return True
    try:
        committed, current = git("show", f"HEAD:{path}"), (PROJECT_ROOT / path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError, subprocess.CalledProcessError):
        return True
    return notebook_code(current) is None or notebook_code(current) != notebook_code(committed)


def git_commit() -> str:
    """Short commit of the checkout, with ``-dirty`` when uncommitted changes alter what runs
    (a notebook's saved outputs do not); 未知 outside git."""
    try:
        commit = git("rev-parse", "--short", "HEAD").strip()
        # without the nbstripout filter: it would start Python once per notebook git cannot trust the timestamp of
        # (every one in a fresh clone, about 2 s each); changes_what_runs reads a notebook's cells itself
        changed = git("-c", "filter.nbstripout.clean=cat", "diff", "--name-only", "HEAD").splitlines()
    except (OSError, subprocess.CalledProcessError):
        return "未知"
    return commit + ("-dirty" if any(changes_what_runs(path) for path in changed) else "")


def provenance_for(results: Results) -> dict:
    """Footer facts for this run: parameters, version, commit, time, the checksums of the inputs ingest read."""
    return build_provenance({"dept": results.dept, "year": results.year}, results.inputs, __version__, git_commit())


def build_provenance(parameters: dict, inputs: dict[str, str], version: str, commit: str) -> dict:
    """Footer facts: parameters, package version, git commit, time, SHA-256 of every input (label → checksum)."""
    return {
        "parameters": parameters,
        "version": version,
        "commit": commit,
        "generated_at": datetime.now(UTC).astimezone().isoformat(timespec="seconds"),
        "inputs": [{"file": label, "sha256": checksum} for label, checksum in inputs.items()],
    }
