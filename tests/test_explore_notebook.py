"""Notebook 05 executed with papermill on both sample departments and exported offline, and the explore
tables on the real sample ledgers, against figures summed here from the raw CSV with the csv module."""

from __future__ import annotations

import base64
import csv
import json
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import papermill
import pytest

from analysis.explore import (
    budget_vs_actual,
    compare_classes,
    find_vouchers,
    load_variance,
)
from analysis.ingest import ingest
from analysis.paths import NOTEBOOKS_DIR, RAW_DIR
from analysis.publish import export_notebook

YEAR = 2024
DEPARTMENTS = ("nanyue-swd", "fictional-qingchuan-csb")


def raw_rows(dept: str, year: int, name: str = "expenditure.csv") -> list[dict]:
    """A raw ledger's rows as the clerk exported them."""
    with open(RAW_DIR / dept / str(year) / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def fen(yuan: str) -> int:
    """A yuan figure from the CSV in fen."""
    return int(Decimal(yuan) * 100)


def basic_by_code(dept: str, year: int) -> dict[str, int]:
    """Basic spending per 5-digit economic code, in fen, summed from the raw CSV."""
    sums: dict[str, int] = {}
    for row in raw_rows(dept, year):
        if row["spending_type"] == "基本支出":
            sums[row["econ_code"]] = sums.get(row["econ_code"], 0) + fen(row["amount"])
    return sums


def wan_text(amount: int) -> str:
    """Fen as 万元 text with two decimals, half up."""
    return str((Decimal(amount) / 1_000_000).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


@pytest.fixture(scope="module")
def processed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both sample departments' 2024 tables, ingested into a scratch folder."""
    folder = tmp_path_factory.mktemp("processed")
    for dept in DEPARTMENTS:
        ingest(RAW_DIR, folder, dept, YEAR)
    return folder


@pytest.fixture(scope="module", params=DEPARTMENTS)
def exported(request: pytest.FixtureRequest, processed: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """(department, the HTML page of notebook 05 executed for it)."""
    folder = tmp_path_factory.mktemp("explore")
    executed = folder / "05_explore.ipynb"
    papermill.execute_notebook(
        NOTEBOOKS_DIR / "05_explore.ipynb",
        executed,
        cwd=str(NOTEBOOKS_DIR),
        progress_bar=False,
        kernel_name="python3",
        parameters={"dept": request.param, "year": YEAR, "data_dir": str(RAW_DIR), "processed_dir": str(processed)},
    )
    html = export_notebook(executed, folder / "05_explore.html").read_text(encoding="utf-8")
    return request.param, html


def test_exported_notebook_loads_no_script_from_the_network(exported: tuple[str, str]) -> None:
    _, html = exported
    assert not re.search(r"<script\b[^>]*\bsrc\s*=\s*[\"']?(https?:)?//", html, flags=re.IGNORECASE)
    assert not re.search(r"\b(import|from)\s*\(?\s*[\"'](https?:)?//", html)  # no ES module fetched either
    bundle = re.search(r'injectModule\("([A-Za-z0-9+/=]+)"\)', html)  # itables puts the DataTables bundle inline, base64
    assert bundle and b"DataTable" in base64.b64decode(bundle.group(1))
    assert len(re.findall(r"<table\b[^>]*\bid=\"itables_", html)) >= 6  # classes, codes, months, projects, budget, vouchers
    assert "data:image/png;base64," in html  # the waterfall


def test_exported_tables_hold_the_data(exported: tuple[str, str]) -> None:
    dept, html = exported
    current, prior = basic_by_code(dept, YEAR), basic_by_code(dept, YEAR - 1)
    changes = {code: current.get(code, 0) - prior.get(code, 0) for code in current.keys() | prior.keys()}
    top = max(changes, key=lambda code: (abs(changes[code]), [-ord(c) for c in code]))  # ties: the smaller code
    assert f">{top}<" in html and f">{wan_text(current.get(top, 0))}<" in html
    vouchers = [row["voucher_id"] for row in raw_rows(dept, YEAR) if row["spending_type"] == "基本支出" and row["econ_code"] == top]
    # the vouchers behind the largest change: the first rows in the static preview, all in the table's JSON data
    assert vouchers and all(json.dumps(voucher)[1:-1] in html for voucher in vouchers)


def test_qingchuan_class_301_against_the_raw_ledgers(processed: Path) -> None:
    dept = "fictional-qingchuan-csb"
    variance = load_variance(RAW_DIR, processed, dept, YEAR)
    row = compare_classes(variance.history, YEAR, "basic").set_index("econ_class").loc["301"]
    expected = [sum(v for code, v in basic_by_code(dept, y).items() if code.startswith("301")) for y in (YEAR, YEAR - 1)]
    assert [row["current_fen"], row["prior_fen"], row["change_fen"]] == [expected[0], expected[1], expected[0] - expected[1]]
    assert row["class_name"] == "工资福利支出"
    vouchers = find_vouchers(variance.history, year=YEAR, econ="301", spending_type="basic")
    assert int(vouchers["amount_fen"].sum()) == expected[0] and vouchers["date"].is_monotonic_increasing


def test_qingchuan_budget_execution_against_the_raw_budget(processed: Path) -> None:
    dept, project = "fictional-qingchuan-csb", "12345热线运行经费"
    variance = load_variance(RAW_DIR, processed, dept, YEAR)
    row = budget_vs_actual(variance.history, variance.budget, YEAR).set_index("item").loc[project]
    spent = sum(fen(r["amount"]) for r in raw_rows(dept, YEAR) if r["project"] == project and r["fund_source"] in ("", "一般公共预算"))
    adjusted = next(fen(r["budget_adjusted"]) for r in raw_rows(dept, YEAR, "budget.csv") if r["project"] == project)
    assert (row["actual_fen"], row["adjusted_fen"], row["unspent_fen"]) == (spent, adjusted, adjusted - spent)
    assert row["execution_rate"] == pytest.approx(spent / adjusted) and round(row["execution_rate"] * 100, 2) == 87.84  # as the issue saw it
