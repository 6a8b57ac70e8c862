"""What the report notebook writes beside the report: metrics.json, checks.json, variance.xlsx, figures, footer facts."""

from __future__ import annotations

import subprocess
from datetime import datetime, timezone
from pathlib import Path

from analysis import __version__
from analysis.explore import Variance
from analysis.files import sha256_file, write_bytes_atomic, write_json_atomic
from analysis.ingest import Ledgers, input_files
from analysis.metrics import Results, build_checks_document, build_metrics
from analysis.paths import ECON_CLASSES_PATH, PROJECT_ROOT, year_output_dir
from analysis.report import Figure
from analysis.variance_book import write_variance_book


def write_outputs(results: Results, ledgers: Ledgers, figures: list[Figure], output_dir: Path) -> Path:
    """Write metrics.json, checks.json, variance.xlsx and figures/NN_key.png under output_dir/<dept>/<year>/."""
    out = year_output_dir(Path(output_dir), results.dept, results.year)
    write_json_atomic(out / "metrics.json", build_metrics(results))
    write_json_atomic(out / "checks.json", build_checks_document(results))
    variance = Variance(results.dept, results.year, results.department.name, ledgers.history, ledgers.budget)
    write_variance_book(out, variance)
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


def build_provenance(parameters: dict, inputs: dict[str, Path], version: str, commit: str) -> dict:
    """Footer facts: parameters, package version, git commit, time, SHA-256 of every input (label → path)."""
    return {
        "parameters": parameters,
        "version": version,
        "commit": commit,
        "generated_at": datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds"),
        "inputs": [{"file": label, "sha256": sha256_file(path)} for label, path in inputs.items()],
    }
