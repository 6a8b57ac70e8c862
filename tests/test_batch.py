"""jixiao batch: which department-years it finds and skips, the index rows, and whole batches on Dask."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from analysis.batch import describe_failure, failure_table
from analysis.batch_index import COLUMNS, county_rows, index_row, write_index
from analysis.batch_plan import DeptYear, Outcome, discover_runs, is_unchanged, select_runs, write_state
from analysis.params import ParameterError
from analysis.progress import BatchProgress
from analysis.run import RunError, ValidationFailed


def make_tree(root: Path, layout: dict[str, list[str]]) -> Path:
    """Files (relative paths) with a line of text each, under ``root``."""
    for folder, files in layout.items():
        for name in files:
            path = root / folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("x\n", encoding="utf-8")
    return root


def test_discovery_finds_every_year_with_an_expenditure_ledger(tmp_path: Path) -> None:
    make_tree(
        tmp_path,
        {
            "alpha": ["department.yaml"],
            "alpha/2023": ["expenditure.csv", "narrative.md"],
            "alpha/2024": ["expenditure.xlsx"],
            "alpha/2025": ["narrative.md"],  # started, nothing to report yet
            "alpha/notes": ["expenditure.csv"],
            "beta/2024": ["expenditure.csv"],  # no department.yaml: not a department
            ".hidden": ["department.yaml"],
            ".hidden/2024": ["expenditure.csv"],
            "gamma": ["department.yaml"],
            "gamma/2022": ["expenditure.csv", "expenditure.xlsx"],  # saved twice: its run says so
        },
    )
    assert discover_runs(tmp_path) == [DeptYear("alpha", 2023), DeptYear("alpha", 2024), DeptYear("gamma", 2022)]


FOUND = [DeptYear("alpha", 2023), DeptYear("alpha", 2024), DeptYear("beta", 2024)]


def test_selection_by_department_and_year() -> None:
    assert select_runs(FOUND, [], []) == FOUND
    assert select_runs(FOUND, ["alpha"], []) == FOUND[:2]
    assert select_runs(FOUND, [], [2024]) == [FOUND[1], FOUND[2]]
    assert select_runs(FOUND, ["alpha", "beta"], [2024]) == [FOUND[1], FOUND[2]]
    with pytest.raises(ParameterError, match="unknown department"):
        select_runs(FOUND, ["delta"], [])
    with pytest.raises(ParameterError, match="nothing to run"):
        select_runs(FOUND, ["beta"], [2023])


PRINT = {"inputs": {"2024/expenditure.csv": "ab"}, "code": {"source": "cd"}}


@pytest.mark.parametrize(
    ("state", "current", "report", "expected"),
    [
        ({"status": "ok", "fingerprint": PRINT, "report_sha256": "r1"}, PRINT, "r1", True),
        ({"status": "ok", "fingerprint": PRINT, "report_sha256": "r1"}, PRINT | {"code": {"source": "ce"}}, "r1", False),  # code edited
        ({"status": "ok", "fingerprint": PRINT, "report_sha256": "r1"}, PRINT, "r2", False),  # report replaced since
        ({"status": "ok", "fingerprint": PRINT, "report_sha256": "r1"}, PRINT, None, False),  # outputs gone
        ({"status": "failed", "fingerprint": PRINT, "report_sha256": "r1"}, PRINT, "r1", False),
        ({"status": "ok", "fingerprint": PRINT, "report_sha256": "r1"}, None, "r1", False),  # inputs unreadable
        (None, PRINT, "r1", False),
    ],
)
def test_skip_only_what_succeeded_with_the_same_fingerprint_and_is_still_published(state, current, report, expected: bool) -> None:
    assert is_unchanged(state, current, report) is expected


def metrics_for(total: str, prior: str | None, hotline: dict | None) -> dict:
    """A metrics.json as load_metrics reads it (amounts in yuan, as Decimal), with only what the index uses."""
    from decimal import Decimal

    expenditure: dict = {"total": Decimal(total)} | ({} if prior is None else {"prior": {"total": Decimal(prior)}})
    return {
        "department": "甲局",
        "fiscal_year": 2024,
        "expenditure": expenditure,
        "service_history": [{"fiscal_year": 2023, "hotline": None}, {"fiscal_year": 2024, "hotline": hotline}],
    }


HOTLINE = {"orders": 200, "closed": 150, "called_back": 150, "rated": 120, "satisfied": 96}


def test_index_row_rounds_once_from_fen_and_takes_the_rates_from_the_counts() -> None:
    # 1,234,550.00 yuan = 123.455 万元 → 123.46 (half up); change 234,550.00 yuan = 23.455 万 → 23.46; ÷ 1,000,000 → 23.5%
    row = index_row(DeptYear("jia", 2024), "ignored", metrics_for("1234550.00", "1000000.00", HOTLINE), {"pass": 3, "warning": 1, "fail": 0}, "ok")
    assert row == {
        "dept": "jia",
        "department": "甲局",
        "year": "2024",
        "spending": "123.46",
        "prior_spending": "100.00",
        "change": "23.46",
        "change_rate": "23.5%",
        "hotline_orders": "200",
        "closure_rate": "75.0%",  # 150 ÷ 200
        "satisfaction_rate": "80.0%",  # 96 ÷ 120
        "checks_pass": "3",
        "checks_warning": "1",
        "checks_fail": "0",
        "status": "已生成 (ok)",
        "error": "",
        "report": "jia/2024/report.html",
        "status_key": "ok",
    }


def test_index_row_of_a_fall_without_prior_or_hotline_and_of_a_failure() -> None:
    fall = index_row(DeptYear("jia", 2024), "", metrics_for("900000.00", "1000000.00", None), None, "skipped")
    assert (fall["change"], fall["change_rate"], fall["hotline_orders"], fall["closure_rate"]) == ("-10.00", "-10.0%", "—", "—")
    assert (fall["checks_pass"], fall["status"]) == ("—", "未变更，已跳过 (skipped)")
    first = index_row(DeptYear("jia", 2024), "", metrics_for("500.00", None, HOTLINE), None, "ok")
    assert (first["spending"], first["prior_spending"], first["change"], first["change_rate"]) == ("0.05", "—", "—", "—")
    failed = index_row(DeptYear("yi", 2023), "乙局", None, None, "failed", "台账校验失败")
    assert (failed["department"], failed["spending"], failed["report"], failed["error"]) == ("乙局", "—", "", "台账校验失败")


def test_index_and_summary_are_written_with_every_row(tmp_path: Path) -> None:
    rows = [
        index_row(DeptYear("jia", 2024), "", metrics_for("900000.00", "1000000.00", HOTLINE), {"pass": 2, "warning": 0, "fail": 1}, "ok"),
        index_row(DeptYear("yi", 2024), "乙局<b>", None, None, "failed", "=出错"),
    ]
    page, summary = write_index(tmp_path, rows)
    lines = summary.read_bytes().decode("utf-8").split("\r\n")
    assert lines[0] == "\ufeff" + ",".join(COLUMNS.values())
    assert lines[1] == "jia,甲局,2024,90.00,100.00,'-10.00,'-10.0%,200,75.0%,80.0%,2,0,1,已生成 (ok),,jia/2024/report.html"
    assert lines[2] == "yi,乙局<b>,2024,—,—,—,—,—,—,—,—,—,—,失败 (failed),'=出错,"
    html = page.read_text(encoding="utf-8")
    assert '<a href="jia/2024/report.html">' in html and "乙局&lt;b&gt;" in html and "<script" not in html
    assert "共 2 个部门年度 (department-years)：已生成 (ok) 1，失败 (failed) 1" in html


def test_county_rows_include_what_this_batch_did_not_run(tmp_path: Path) -> None:
    data, out = tmp_path / "raw", tmp_path / "out"
    (data / "yi").mkdir(parents=True)
    (data / "yi" / "department.yaml").write_text("name: [unclosed\n", encoding="utf-8")  # unreadable: the code stands in
    published = out / "jia" / "2023"
    published.mkdir(parents=True)
    (published / "metrics.json").write_text(json.dumps({"department": "甲局", "fiscal_year": 2023, "expenditure": {"total": 100.0}}), encoding="utf-8")
    (published / "checks.json").write_text(json.dumps({"summary": {"pass": 1, "warning": 0, "fail": 0}}), encoding="utf-8")
    write_state(out, DeptYear("yi", 2023), {"status": "failed", "error": "上次的错误"})
    found = [DeptYear("jia", 2023), DeptYear("jia", 2024), DeptYear("yi", 2023), DeptYear("yi", 2024)]
    outcomes = {DeptYear("jia", 2024): Outcome(DeptYear("jia", 2024), "failed", 3.0, "本次的错误")}
    rows = county_rows(found, outcomes, out, data)
    assert [(r["dept"], r["year"], r["status_key"], r["error"], r["spending"]) for r in rows] == [
        ("jia", "2023", "earlier", "", "0.01"),
        ("jia", "2024", "failed", "本次的错误", "—"),
        ("yi", "2023", "failed", "上次的错误", "—"),
        ("yi", "2024", "none", "", "—"),
    ]
    assert rows[0]["report"] == "jia/2023/report.html" and rows[2]["department"] == "yi"


def test_a_failure_is_its_first_line_and_where_its_notebook_was_kept() -> None:
    error = RunError("02_expenditure.ipynb 第3个执行的单元格 (In [3]) 出错：KeyError: 'x'\n详情\n已执行的笔记本 (executed notebook)：/o/.runs/a/nb.ipynb")
    assert describe_failure(error) == ("02_expenditure.ipynb 第3个执行的单元格 (In [3]) 出错：KeyError: 'x'", "/o/.runs/a/nb.ipynb")
    invalid = ValidationFailed("台账校验失败，共2处问题：\nexpenditure.csv 第2行\nbudget.csv 第4行\n全部问题见 (all problems in)：/o/a/2024/validation.csv")
    assert describe_failure(invalid) == ("台账校验失败，共2处问题：expenditure.csv 第2行", "/o/a/2024/validation.csv")
    first, where = describe_failure(ZeroDivisionError("13800138000"))
    assert first.startswith("意外错误 (unexpected error)：ZeroDivisionError") and "13800138000" not in first and where == ""


def test_failure_table_lists_each_failure_with_its_notebook() -> None:
    table = failure_table([Outcome(DeptYear("jia", 2024), "failed", 1.0, "出错了", "/o/nb.ipynb"), Outcome(DeptYear("yi", 2023), "failed", 0.0, "进程退出")])
    lines = table.splitlines()
    assert lines[0] == "失败的部门年度 (failed) 2 个："
    assert lines[2].split() == ["jia", "2024", "出错了"] and lines[3].split() == ["已执行的笔记本", "(executed", "notebook)：/o/nb.ipynb"]
    assert lines[4].split() == ["yi", "2023", "进程退出"] and lines[5].endswith("：—")


def test_batch_progress_in_a_log_is_one_line_per_department_year() -> None:
    stream = io.StringIO()
    progress = BatchProgress(stream)
    progress.expect(3)
    progress("jia 2024", "skipped", 0.0)
    progress("yi 2024", "ok", 12.34)
    progress("bing 2024", "failed", 2.0, "出错")
    progress.close()
    assert stream.getvalue().splitlines() == [
        "[1/3] jia 2024 未变更，跳过 (skipped)",
        "[2/3] yi 2024 完成 (ok) 12.3s",
        "[3/3] bing 2024 失败 (failed) 2.0s：出错",
    ]


def test_a_batch_that_cannot_start_is_one_line_and_exit_status_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from analysis.cli import main

    make_tree(tmp_path / "raw", {"jia": ["department.yaml"], "jia/2024": ["expenditure.csv"]})
    folders = ["--data-dir", str(tmp_path / "raw"), "--output-dir", str(tmp_path / "out"), "--processed-dir", str(tmp_path / "processed")]
    assert main(["batch", *folders, "--dept", "yi"]) == 2
    assert capsys.readouterr().err == "运行失败 (run failed)：未找到部门 (unknown department)：yi；部门是含 department.yaml 的文件夹\n"
    assert main(["batch", *folders, "--workers", "0"]) == 2
    assert "--workers 须为正整数" in capsys.readouterr().err
    assert main(["batch", *folders[:2], "--output-dir", str(tmp_path / "raw" / "jia"), *folders[4:]]) == 2
    assert "不能与台账目录 (data dir)重叠" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
