"""Safety of whole runs: personal data, raw files, killed runs and concurrent runs.

Every test works on a copy of the sample department nanyue-swd (2023 and 2024,
hotline orders cut to their first rows to keep runs short) with fake personal
data planted in it, and on its own output and processed folders.
"""

from __future__ import annotations

import csv
import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import checksums, kill_run, leaks

from analysis.paths import RAW_DIR
from analysis.run import RunError, run

DEPT, YEAR = "nanyue-swd", 2024
HOTLINE_ROWS = 2000  # data rows kept from hotline_orders.csv (the header is kept too)

PHONE = "13912345678"
PHONE_SPACED = "139 1234 5678"
ID_NUMBER = "430000199001011234"
NAME = "欧阳测试"
IDENTITY_NEEDLES = (ID_NUMBER, NAME)  # the name also sits in a kept expenditure summary
PHONE_NEEDLES = (PHONE, PHONE_SPACED)  # also planted in kept free text: topic, unit, summary, econ_name, issue_type, event name
ALL_NEEDLES = IDENTITY_NEEDLES + PHONE_NEEDLES


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """Header and data rows of a CSV."""
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def write_rows(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    """Write a CSV the way the sample ledgers are written (UTF-8, \\n line ends)."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def plant_personal_data(year_dir: Path) -> None:
    """Cut the hotline ledger and plant the fake phone, ID and name where a clerk might type them."""
    header, rows = read_rows(year_dir / "hotline_orders.csv")
    rows = rows[:HOTLINE_ROWS]
    for row in rows:
        row["caller_phone"] = PHONE
        row["content"] = f"{NAME}来电反映，电话{PHONE_SPACED}，身份证{ID_NUMBER}"
    rows[0]["topic"] = f"物业管理{PHONE}"
    assigned = next(row for row in rows if row["handling"] == "交办")
    assigned["assigned_unit"] = f"区住建局（联系人{PHONE_SPACED}）"
    write_rows(year_dir / "hotline_orders.csv", header, rows)

    header, rows = read_rows(year_dir / "volunteer_events.csv")
    rows[0]["name"] = f"志愿服务（报名电话{PHONE}）"
    write_rows(year_dir / "volunteer_events.csv", header, rows)

    header, rows = read_rows(year_dir / "petitions.csv")
    for row in rows:
        row.update(petitioner_name=NAME, id_number=ID_NUMBER, phone=PHONE)
    rows[0]["issue_type"] = f"征地拆迁{PHONE}"
    write_rows(year_dir / "petitions.csv", header, rows)

    header, rows = read_rows(year_dir / "expenditure.csv")
    rows[0]["summary"] = f"报销 {PHONE}，经办{NAME}"
    rows[1]["econ_name"] = f"办公费{PHONE}"
    write_rows(year_dir / "expenditure.csv", header, rows)


def count_data_rows(path: Path) -> int:
    """Data rows of a CSV (every line but the header, none of them blank)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    assert all(lines), f"blank line in {path}"
    return len(lines) - 1


def run_command(data: Path, outputs: Path, processed: Path) -> list[str]:
    """The `python -m analysis run` command line for the planted department."""
    return [
        sys.executable,
        "-m",
        "analysis",
        "run",
        "--dept",
        DEPT,
        "--year",
        str(YEAR),
        "--data-dir",
        str(data),
        "--output-dir",
        str(outputs),
        "--processed-dir",
        str(processed),
    ]


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The planted copy and one good in-process run of it; raw checksums taken before and after."""
    root = tmp_path_factory.mktemp("safety")
    data = root / "raw"
    source = RAW_DIR / DEPT
    shutil.copytree(
        source, data / DEPT, ignore=lambda folder, names: [n for n in names if Path(folder) == source and (source / n).is_dir() and n not in {"2023", "2024"}]
    )
    plant_personal_data(data / DEPT / str(YEAR))
    before = checksums(data)
    outputs, processed = root / "outputs", root / "processed"
    run(DEPT, YEAR, data_dir=data, output_dir=outputs, processed_dir=processed)
    return {
        "root": root,
        "data": data,
        "outputs": outputs,
        "processed": processed,
        "raw_before": before,
        "raw_after": checksums(data),
        "orders": count_data_rows(data / DEPT / str(YEAR) / "hotline_orders.csv"),
    }


def test_planted_copy_was_built_and_run(planted: dict) -> None:
    out = planted["outputs"] / DEPT / str(YEAR)
    assert (out / "report.html").is_file() and list((out / "figures").glob("*.png"))
    assert list((planted["processed"] / DEPT / str(YEAR)).glob("*.parquet"))
    assert planted["orders"] == HOTLINE_ROWS


def test_dropped_personal_columns_never_reach_outputs(planted: dict) -> None:
    """Names and ID numbers: dropped with their columns, and hidden where the name was typed into a summary."""
    assert leaks([planted["outputs"], planted["processed"]], IDENTITY_NEEDLES) == []


# ingest hides phone numbers typed into the free text it keeps (topic, unit, summary, econ_name, issue type, event name)
def test_phone_numbers_in_kept_free_text_never_reach_outputs(planted: dict) -> None:
    assert leaks([planted["outputs"], planted["processed"]], ALL_NEEDLES) == []


def test_raw_files_unchanged_by_a_good_run(planted: dict) -> None:
    assert planted["raw_after"] == planted["raw_before"]


def test_raw_files_unchanged_by_a_failed_run(planted: dict, tmp_path: Path) -> None:
    data = tmp_path / "raw"
    shutil.copytree(planted["data"], data)
    ledger = data / DEPT / str(YEAR) / "expenditure.csv"
    header, rows = read_rows(ledger)
    rows[5]["amount"] = "abc"
    write_rows(ledger, header, rows)
    before = checksums(data)
    with pytest.raises(RunError, match="abc"):
        run(DEPT, YEAR, data_dir=data, output_dir=tmp_path / "outputs", processed_dir=tmp_path / "processed")
    assert checksums(data) == before


def wait_for_stage_notebook(runs: Path, process: subprocess.Popen, timeout: float = 60) -> Path:
    """The first 02_expenditure or 04_report notebook that appears under ``runs``, polling until ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [p for name in ("02_expenditure.ipynb", "04_report.ipynb") for p in runs.rglob(name)] if runs.exists() else []
        if found:
            return found[0]
        if process.poll() is not None:
            pytest.fail(f"the run ended (exit {process.returncode}) before reaching 02_expenditure")
        time.sleep(0.05)
    pytest.fail(f"no stage notebook under {runs} after {timeout} s")


def test_killed_run_leaves_previous_report_intact(planted: dict, tmp_path: Path) -> None:
    outputs, processed = tmp_path / "outputs", tmp_path / "processed"
    shutil.copytree(planted["outputs"] / DEPT, outputs / DEPT)  # the previous good run's report
    report_dir = outputs / DEPT / str(YEAR)
    before = checksums(report_dir)
    assert "report.html" in before and "metrics.json" in before
    process = subprocess.Popen(run_command(planted["data"], outputs, processed), start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_stage_notebook(outputs / ".runs", process)
    finally:
        kill_run(process)
    assert process.returncode == -signal.SIGKILL
    assert checksums(report_dir) == before


# Relies on the per-department-and-year run lock in run.py (a second run waits for the first). Without it the
# runs only collide by bad timing, so this test passing does not by itself prove the lock is there.
def test_concurrent_runs_of_one_year_leave_a_whole_report(planted: dict, tmp_path: Path) -> None:
    outputs, processed = tmp_path / "outputs", tmp_path / "processed"
    command = run_command(planted["data"], outputs, processed)
    processes = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True) for _ in range(2)]
    results = []
    try:
        for process in processes:
            results.append(process.communicate(timeout=180))
    finally:
        for process in processes:
            if process.poll() is None:
                kill_run(process)
    assert [p.returncode for p in processes] == [0, 0], [stderr for _, stderr in results]
    out = outputs / DEPT / str(YEAR)
    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["hotline"]["orders"] == planted["orders"] == HOTLINE_ROWS
    assert (out / "report.html").read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert sorted(p.name for p in (out / "notebooks").glob("*.ipynb")) == ["01_ingest.ipynb", "02_expenditure.ipynb", "03_services.ipynb", "04_report.ipynb"]
