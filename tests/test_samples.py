"""Checks on the seeded sample ledgers under data/raw/.

The expected figures below are written out by hand from the reference report
(they are deliberately not imported from scripts/make_samples.py).
"""

from __future__ import annotations

import csv
import subprocess
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
RAW = REPO_ROOT / "data" / "raw"
SCRIPT = REPO_ROOT / "scripts" / "make_samples.py"
SAMPLE_DEPTS = ("nanyue-swd", "fictional-qingchuan-csb")
NANYUE = RAW / "nanyue-swd"


def read_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("raw")
    subprocess.run([sys.executable, str(SCRIPT), "--out", str(out)], check=True, capture_output=True)
    return out


def test_regeneration_is_byte_identical(regenerated: Path) -> None:
    generated = sorted(p.relative_to(regenerated) for p in regenerated.rglob("*") if p.is_file())
    assert generated, "generator wrote nothing"
    for rel in generated:
        committed = RAW / rel
        assert committed.is_file(), f"{rel} missing from data/raw (run scripts/make_samples.py)"
        assert committed.read_bytes() == (regenerated / rel).read_bytes(), f"{rel} differs from a fresh run"
    # The sample folders hold nothing the generator does not write.
    committed = sorted(p.relative_to(RAW) for d in SAMPLE_DEPTS for p in (RAW / d).rglob("*") if p.is_file())
    assert committed == generated


def test_generated_text_hygiene(regenerated: Path) -> None:
    for path in regenerated.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert not data.startswith(b"\xef\xbb\xbf"), path
            assert b"\r" not in data, path
            data.decode("utf-8")


def test_raw_size_under_limit() -> None:
    total = sum(p.stat().st_size for p in RAW.rglob("*") if p.is_file())
    assert total < 15 * 1024 * 1024, total


def _expenditure_sums(year: int) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    basic: dict[str, Decimal] = {"personnel": Decimal("0"), "public": Decimal("0")}
    projects: dict[str, Decimal] = {}
    for row in read_rows(NANYUE / str(year) / "expenditure.csv"):
        amount = Decimal(row["amount"])
        assert amount > 0
        assert row["fund_source"] == "一般公共预算"
        assert row["amount"].count(".") == 1 and len(row["amount"].split(".")[1]) == 2
        if row["spending_type"] == "基本支出":
            assert row["project"] == ""
            cls = row["econ_code"][:3]
            if cls in ("301", "303"):
                basic["personnel"] += amount
            elif cls in ("302", "310"):
                basic["public"] += amount
            else:
                pytest.fail(f"unexpected class in basic spending: {row['econ_code']}")
        else:
            assert row["spending_type"] == "项目支出" and row["project"]
            projects[row["project"]] = projects.get(row["project"], Decimal("0")) + amount
    return basic, projects


def test_nanyue_2024_expenditure() -> None:
    basic, projects = _expenditure_sums(2024)
    assert basic["personnel"] == Decimal("1473412.36")
    assert basic["public"] == Decimal("521987.15")
    assert basic["personnel"] + basic["public"] == Decimal("1995399.51")
    assert projects == {
        "信访维稳经费": Decimal("289796.40"),
        "信访救助经费": Decimal("565003.20"),
        "12345热线管理经费": Decimal("194912.75"),
    }
    assert sum(projects.values()) == Decimal("1049712.35")
    assert basic["personnel"] + basic["public"] + sum(projects.values()) == Decimal("3045111.86")


def test_nanyue_2023_expenditure() -> None:
    basic, projects = _expenditure_sums(2023)
    assert basic["personnel"] == Decimal("1568683.90")
    assert basic["public"] == Decimal("490021.44")
    assert basic["personnel"] + basic["public"] == Decimal("2058705.34")
    assert projects == {"信访维稳经费": Decimal("586488.60"), "信访救助经费": Decimal("421530.80")}
    assert sum(projects.values()) == Decimal("1008019.40")


def test_nanyue_2024_hotline() -> None:
    rows = read_rows(NANYUE / "2024" / "hotline_orders.csv")
    assert len(rows) == 30708
    assert len({r["order_id"] for r in rows}) == 30708
    assert all(r["received_at"].startswith("2024-") for r in rows)
    counts = Counter((r["handling"], r["status"]) for r in rows)
    assert counts == {("自办", "已办结"): 22894, ("交办", "已办结"): 7576, ("交办", "办理中"): 238}
    closed = [r for r in rows if r["status"] == "已办结"]
    assert all(r["callback"] == "是" and r["closed_at"] >= r["received_at"] for r in closed)
    rating = Counter(r["satisfaction"] for r in closed)
    assert rating["满意"] + rating["基本满意"] == 29687
    assert rating["不满意"] == 783
    assert all(r["callback"] == "否" and r["satisfaction"] == "未评价" and r["closed_at"] == "" for r in rows if r["status"] == "办理中")
    # 99.22% closure, 97.43% satisfaction
    assert round(Decimal(len(closed)) * 100 / 30708, 2) == Decimal("99.22")
    assert round(Decimal(29687) * 100 / Decimal(len(closed)), 2) == Decimal("97.43")


def test_nanyue_2024_petitions() -> None:
    rows = read_rows(NANYUE / "2024" / "petitions.csv")
    assert len(rows) == 363
    leader = [r for r in rows if r["leader_reception"] == "是"]
    assert len(leader) == 211
    assert sum(int(r["persons"]) for r in leader) == 510
    beijing = [r for r in rows if r["to_beijing"] == "是"]
    assert len(beijing) == 11 and all(r["persons"] == "1" for r in beijing)
    for field in ("accepted_on_time", "dept_accepted_on_time", "replied_on_time", "resolved_first_time"):
        values = Counter(r[field] for r in rows)
        assert set(values) <= {"是", "不适用"} and values["是"] > 0, field
    assert sum(int(r["persons"]) for r in rows) == 717  # total persons chosen for the sample


def test_nanyue_2024_volunteers() -> None:
    rows = read_rows(NANYUE / "2024" / "volunteer_events.csv")
    assert len(rows) == 25
    assert sum(int(r["volunteers"]) for r in rows) == 426
    assert all("2024-08-01" <= r["date"] <= "2024-12-31" for r in rows)


def test_nanyue_has_no_budget_and_2023_only_expenditure() -> None:
    assert not list(NANYUE.glob("*/budget.csv"))
    assert sorted(p.name for p in (NANYUE / "2023").iterdir()) == ["expenditure.csv", "narrative.md"]


def test_qingchuan_has_no_petitions_in_2023() -> None:
    base = RAW / "fictional-qingchuan-csb"
    assert not (base / "2023" / "petitions.csv").exists()
    assert (base / "2022" / "petitions.csv").exists() and (base / "2024" / "petitions.csv").exists()
