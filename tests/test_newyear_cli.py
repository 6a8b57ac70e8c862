"""`jixiao new-year` end to end on a copy of the fictional department: new year, made ledgers, run, warnings, edits."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.paths import PROJECT_ROOT, RAW_DIR

DEPT = "fictional-qingchuan-csb"
REASONS_2024 = ("项目支出", "数字城管平台运维经费", "志愿服务活动经费", "热线智能知识库建设经费")  # its narrative.md's 变动原因


def jixiao(*args: str) -> subprocess.CompletedProcess:
    """The console command, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, text=True, check=False)


def reason_warnings(out: Path) -> list[str]:
    """The items whose stated 变动原因 the run's checks.json warns about as carried over."""
    checks = json.loads((out / DEPT / "2025" / "checks.json").read_text(encoding="utf-8"))["checks"]
    return sorted(c["id"].removeprefix("carryover:reason:") for c in checks if c["id"].startswith("carryover:reason:") and c["verdict"] == "warning")


@pytest.fixture(scope="module")
def new_year(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """A copy of the department with 2025 made by new-year and make_next_year, and one run of it."""
    root = tmp_path_factory.mktemp("newyear")
    data = root / "raw"
    shutil.copytree(RAW_DIR / DEPT, data / DEPT)
    made = jixiao("new-year", "--dept", DEPT, "--year", "2025", "--data-dir", str(data))
    ledgers = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "scripts" / "make_next_year.py"), "--dept", DEPT, "--year", "2025", "--data-dir", str(data)],
        capture_output=True,
        text=True,
        check=False,
    )
    run = ["run", "--dept", DEPT, "--year", "2025", "--data-dir", str(data), "--output-dir", str(root / "out"), "--processed-dir", str(root / "processed")]
    return {"root": root, "data": data, "made": made, "ledgers": ledgers, "run_args": run, "first": jixiao(*run)}


def test_new_year_prints_the_checklist_and_carries_staffing(new_year: dict) -> None:
    made = new_year["made"]
    assert made.returncode == 0, made.stderr
    assert "[必需 (required)] expenditure.csv：支出明细账" in made.stdout
    for name in ("budget.csv", "hotline_orders.csv", "petitions.csv", "volunteer_events.csv"):
        assert f"[可选 (optional)] {name}：" in made.stdout
    narrative = (new_year["data"] / DEPT / "2025" / "narrative.md").read_text(encoding="utf-8")
    assert narrative.count("【待核实】") == 4 and "4处标有【待核实】" in made.stdout  # the four reasons; no typed figure elsewhere
    yaml_text = (new_year["data"] / DEPT / "department.yaml").read_text(encoding="utf-8")
    assert yaml_text.startswith("# 虚构单位")  # comments kept
    assert "  2025: {confirmed: false, authorised_admin: 3, authorised_institution: 36, actual_admin: 2," in yaml_text


def test_made_ledgers_cross_the_leap_day(new_year: dict) -> None:
    assert new_year["ledgers"].returncode == 0, new_year["ledgers"].stderr
    assert re.search(r"hotline_orders\.csv：\d+行，\d+处2月29日移到2月28日", new_year["ledgers"].stdout)
    folder = new_year["data"] / DEPT / "2025"
    assert "-02-29" not in (folder / "hotline_orders.csv").read_text(encoding="utf-8")
    assert (folder / "expenditure.csv").read_text(encoding="utf-8").splitlines()[1].startswith("记-2025-0001,2025-01-")
    assert (folder / "petitions.csv").read_text(encoding="utf-8").splitlines()[1].startswith("QCXF2025-0001,2025-")


def test_the_run_warns_for_every_carried_reason_and_staffing(new_year: dict) -> None:
    first = new_year["first"]
    assert first.returncode == 0, first.stderr
    assert reason_warnings(new_year["root"] / "out") == sorted(REASONS_2024)
    assert (
        "提示 (warning)：应当 (expected) 变动原因“项目支出”为本年重写并与变动相符，实际 (found) 待改写。仍标有【待核实】；与上年该项原因相同。" in first.stdout
    )
    assert "staffing.2025.confirmed 改为 true" in first.stdout


def test_rewritten_reasons_and_confirmed_staffing_warn_no_more(new_year: dict) -> None:
    folder = new_year["data"] / DEPT
    narrative = folder / "2025" / "narrative.md"
    text = narrative.read_text(encoding="utf-8").split("## 变动原因")[0]
    rewritten = "\n".join(f"- {item}: 本年按{n}期合同结算" for n, item in enumerate(REASONS_2024, 1))
    narrative.write_text(f"{text}## 变动原因\n\n{rewritten}\n", encoding="utf-8")
    yaml_path = folder / "department.yaml"
    yaml_path.write_text(yaml_path.read_text(encoding="utf-8").replace("confirmed: false", "confirmed: true"), encoding="utf-8")
    second = jixiao(*new_year["run_args"])
    assert second.returncode == 0, second.stderr
    assert reason_warnings(new_year["root"] / "out") == []
    assert "staffing" not in second.stdout and "变动原因“" not in second.stdout


def test_an_existing_year_is_refused_and_left_as_it_is(new_year: dict) -> None:
    before = (new_year["data"] / DEPT / "2024" / "narrative.md").read_bytes()
    refused = jixiao("new-year", "--dept", DEPT, "--year", "2024", "--data-dir", str(new_year["data"]))
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert f"年度目录已存在 (year folder exists)：{new_year['data'] / DEPT / '2024'}" in refused.stderr
    assert (new_year["data"] / DEPT / "2024" / "narrative.md").read_bytes() == before


def test_a_missing_previous_year_is_named(new_year: dict) -> None:
    refused = jixiao("new-year", "--dept", DEPT, "--year", "2030", "--data-dir", str(new_year["data"]))
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert f"未找到上一年度目录 (previous year missing)：{new_year['data'] / DEPT / '2029'} 不存在" in refused.stderr
    assert not (new_year["data"] / DEPT / "2030").exists()


def test_a_previous_narrative_not_in_utf8_is_named_with_what_to_do(tmp_path: Path) -> None:
    data = tmp_path / "raw"
    shutil.copytree(RAW_DIR / DEPT, data / DEPT)
    previous = data / DEPT / "2024" / "narrative.md"
    previous.write_bytes(previous.read_text(encoding="utf-8").encode("gbk"))
    refused = jixiao("new-year", "--dept", DEPT, "--year", "2025", "--data-dir", str(data))
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert f"上一年度的 {previous} 无法使用 (cannot be used)：UTF-8编码的文本 (UTF-8 text)；请在编辑器中另存为 UTF-8" in refused.stderr
    assert not (data / DEPT / "2025").exists()
