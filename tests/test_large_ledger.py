"""scripts/make_large_ledger.py: seeded, the sample's columns, valid, in CSV and Parquet."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd

from analysis.dataplane.api import check_service_ledger, load_service_ledger
from analysis.paths import RAW_DIR

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "make_large_ledger.py"
SAMPLE = RAW_DIR / "nanyue-swd" / "2024" / "hotline_orders.csv"


def make(out: Path, orders: int, seed: int, form: str = "csv") -> Path:
    subprocess.run([sys.executable, str(SCRIPT), "--orders", str(orders), "--seed", str(seed), "--out", str(out), "--format", form], check=True)
    return out


def test_the_ledger_is_seeded_valid_and_shaped_like_the_sample(tmp_path: Path) -> None:
    first = make(tmp_path / "hotline_orders.csv", 3000, 7)
    again = make(tmp_path / "b.csv", 3000, 7)
    other = make(tmp_path / "c.csv", 3000, 8)
    assert first.read_bytes() == again.read_bytes() != other.read_bytes()
    assert first.read_text(encoding="utf-8").splitlines()[0] == SAMPLE.read_text(encoding="utf-8").splitlines()[0]
    check_service_ledger("hotline", first, 2024, None)  # raises LedgerError when any order breaks a rule
    orders = load_service_ledger("hotline", first, 2024, b"s", None, None)
    assert len(orders) == 3000 and orders["order_id"].is_unique and orders["received_at"].is_monotonic_increasing
    assert set(orders["channel"]) <= set(pd.read_csv(SAMPLE, dtype=str)["channel"])


def test_the_parquet_form_holds_the_same_orders(tmp_path: Path) -> None:
    csv_orders = load_service_ledger("hotline", make(tmp_path / "hotline_orders.csv", 2000, 3), 2024, b"s", None, None)
    parquet_orders = load_service_ledger("hotline", make(tmp_path / "hotline_orders.parquet", 2000, 3, "parquet"), 2024, b"s", None, None)
    pd.testing.assert_frame_equal(parquet_orders, csv_orders)
