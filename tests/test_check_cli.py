"""`jixiao check` as a command: exit status, the CSV and the highlighted page, files it cannot read."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest

from analysis.claims import check_report
from analysis.claims.reading import ReportReadError, read_report
from analysis.cli import main

REPORT = "2024年项目支出50.00万元，较上年增加10.00万元，增长20.0%。\n受理工单300件，其中自办200件，交办100件。\n"


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "draft.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


def test_exit_one_with_an_inconsistency_and_its_row_in_the_table(report: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["check", str(report)]) == 1
    out = capsys.readouterr().out
    assert "不一致" in out and "25.0%" in out  # 10 ÷ 40 = 25.0%, written 20.0%
    assert "提取数字 (claims) 6 个，核对关系 (relations checked) 2 项" in out  # the % change and 200 + 100 = 300


def test_exit_zero_when_every_figure_agrees(tmp_path: Path) -> None:
    path = tmp_path / "ok.md"
    path.write_text(REPORT.replace("20.0%", "25.0%"), encoding="utf-8")
    assert main(["check", str(path)]) == 0


def test_csv_has_the_columns_and_one_row_per_finding(report: Path, tmp_path: Path) -> None:
    target = tmp_path / "findings.csv"
    main(["check", str(report), "--csv", str(target)])
    text = target.read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == ["claim", "line", "column", "stated", "recomputed", "verdict", "note"]
    wrong = [r for r in rows if r["verdict"] == "inconsistent"]
    # "2024年项目支出" (9) + "50.00万元" (7) + "，较上年增加" (6) + "10.00万元" (7) + "，增长" (3): the % starts at column 33
    assert [(r["line"], r["column"], r["stated"], r["recomputed"]) for r in wrong] == [("1", "33", "20.0%", "25.0%")]
    # one row per relation: the % change is wrong, 200 + 100 = 300 holds; the other four figures are their inputs
    assert sorted(r["verdict"] for r in rows) == ["consistent", "inconsistent"]


def test_html_page_marks_the_inconsistent_claim_and_escapes_the_text(tmp_path: Path) -> None:
    path = tmp_path / "draft.txt"
    path.write_text(REPORT + "<script>alert(1)</script>\n", encoding="utf-8")
    target = tmp_path / "page.html"
    main(["check", str(path), "--html", str(target)])
    page = target.read_text(encoding="utf-8")
    assert '<mark id="c1-33" class="inconsistent"' in page and ">20.0%</mark>" in page
    assert "<script>" not in page and "&lt;script&gt;" in page


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("report.pdf", b"%PDF-1.4", "不支持的文件类型"),
        ("report.docx", b"not a zip", "不是有效的 Word 文档"),
        ("report.txt", "报告".encode("utf-16"), "文件编码无法识别"),
    ],
)
def test_unreadable_reports_exit_two_with_one_line(tmp_path: Path, name: str, content: bytes, message: str, capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert main(["check", str(path)]) == 2
    assert message in capsys.readouterr().err


def test_missing_report_and_missing_metrics_exit_two(report: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["check", str(tmp_path / "absent.txt")]) == 2
    assert main(["check", str(report), "--dept", "nowhere", "--year", "2024", "--output-dir", str(tmp_path)]) == 2
    assert "未找到 metrics.json" in capsys.readouterr().err
    assert main(["check", str(report), "--dept", "nowhere"]) == 2  # --dept needs --year


def test_figures_that_disagree_with_metrics_json(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    metrics = {
        "fiscal_year": 2024,
        "expenditure": {"project": 500000.00, "projects": {}, "prior": {"project": 400000.00}},
        "hotline": {"orders": 310, "self_handled": 200, "assigned": 100},
    }
    (tmp_path / "d" / "2024").mkdir(parents=True)
    (tmp_path / "d" / "2024" / "metrics.json").write_text(json.dumps(metrics), encoding="utf-8")
    path = tmp_path / "draft.txt"
    path.write_text(REPORT.replace("20.0%", "25.0%"), encoding="utf-8")
    assert main(["check", str(path), "--dept", "d", "--year", "2024", "--output-dir", str(tmp_path), "--csv", str(tmp_path / "f.csv")]) == 1
    rows = list(csv.DictReader(io.StringIO((tmp_path / "f.csv").read_text(encoding="utf-8-sig"))))
    ledger = {(r["stated"], r["recomputed"], r["verdict"]) for r in rows if r["note"].startswith("与台账")}
    # 50.00万元 = 500000 yuan, change 10.00万元 = 500000 − 400000, 25.0% = 100000 ÷ 400000; orders 300 ≠ 310
    assert ledger == {
        ("50.00万元", "50.00万元", "consistent"),
        ("10.00万元", "10.00万元", "consistent"),
        ("25.0%", "25.0%", "consistent"),
        ("300件", "310件", "inconsistent"),
        ("200件", "200件", "consistent"),
        ("100件", "100件", "consistent"),
    }


def test_word_tables_are_read_row_by_row(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("一、基本情况")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "项目", "金额"
    table.cell(1, 0).text, table.cell(1, 1).text = "基本支出", "199.54万元"
    document.add_paragraph("二、支出情况")
    document.save(str(tmp_path / "r.docx"))
    assert read_report(tmp_path / "r.docx") == ["一、基本情况", "项目\t金额", "基本支出\t199.54万元", "二、支出情况"]


def test_a_docx_without_its_document_part_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not word")
    with pytest.raises(ReportReadError):
        read_report(path)


def test_gb18030_text_and_html_blocks(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes("基本支出199.54万元".encode("gb18030"))
    assert read_report(tmp_path / "a.txt") == ["基本支出199.54万元"]
    (tmp_path / "a.html").write_text(
        "<html><head><title>t</title></head><body><h1>标题</h1><p>基本<b>支出</b>199.54万元<br>第二行</p>"
        "<table><tr><td>甲</td><td>1件</td></tr></table></body></html>",
        encoding="utf-8",
    )
    assert read_report(tmp_path / "a.html") == ["标题", "基本支出199.54万元", "第二行", "甲\t1件"]


def test_a_word_table_is_checked_row_by_row(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("表1　支出变动（单位：万元）")
    rows = [
        ("项目", "2024年", "2023年", "增减额", "增减率"),
        ("基本支出", "200.00", "150.00", "50.00", "25.0%"),
        ("项目支出", "100.00", "80.00", "20.00", "25.0%"),
    ]
    table = document.add_table(rows=len(rows), cols=5)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    document.save(str(tmp_path / "t.docx"))
    result = check_report(tmp_path / "t.docx")
    wrong = [(f.line, f.stated, f.recomputed) for f in result.findings if f.verdict == "inconsistent"]
    # 基本支出: (200 − 150) ÷ 150 = 33.3%, not 25.0%; 项目支出: 20 ÷ 80 = 25.0% holds; table rows are lines 2–4
    assert wrong == [(3, "25.0%", "33.3%")]


# ---------------------------------------------------------------- where check may write


def test_an_earlier_output_of_check_is_overwritten_and_another_file_only_with_force(report: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    findings, page = tmp_path / "findings.csv", tmp_path / "page.html"
    assert main(["check", str(report), "--csv", str(findings), "--html", str(page)]) == 1
    assert main(["check", str(report), "--csv", str(findings), "--html", str(page)]) == 1  # its own outputs: rewritten
    other = tmp_path / "other.csv"
    other.write_text("某人的表格\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["check", str(report), "--csv", str(other)]) == 2
    assert capsys.readouterr().err.startswith(f"无法核对 (cannot check)：--csv已存在，且不是以前的核对结果 (exists, not an earlier output)：{other}")
    assert other.read_text(encoding="utf-8") == "某人的表格\n"
    assert main(["check", str(report), "--csv", str(other), "--force"]) == 1
    assert other.read_text(encoding="utf-8-sig").startswith("claim,line,column,stated,recomputed,verdict,note")


def test_outputs_never_land_on_the_report_or_each_other(report: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(report)
    assert main(["check", str(report), "--csv", str(link), "--force"]) == 2  # the report itself, through a link
    assert "--csv不能是被读取的文件本身 (would overwrite an input)" in capsys.readouterr().err
    same = tmp_path / "same.out"
    assert main(["check", str(report), "--csv", str(same), "--html", str(same)]) == 2
    assert "--csv 与 --html 不能是同一个文件 (same file twice)" in capsys.readouterr().err
    assert report.read_text(encoding="utf-8") == REPORT and not same.exists()


def test_outputs_never_land_in_a_departments_ledger_folder(report: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "dept" / "2024").mkdir(parents=True)
    (tmp_path / "dept" / "department.yaml").write_text("name: 某部门\n", encoding="utf-8")
    assert main(["check", str(report), "--csv", str(tmp_path / "dept" / "2024" / "new.csv")]) == 2
    assert "--csv不能写入台账或数据目录 (inside a data folder)" in capsys.readouterr().err
    assert not (tmp_path / "dept" / "2024" / "new.csv").exists()


# ---------------------------------------------------------------- no traceback, ever


def test_an_unexpected_error_is_one_message_with_exit_three(report: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("来电13912345678时出错")

    monkeypatch.setattr("analysis.claims.check_report", broken)
    assert main(["check", str(report)]) == 3
    err = capsys.readouterr().err
    assert err == (
        "无法核对 (cannot check)：意外错误 (unexpected error)：ZeroDivisionError: 来电[已隐去]时出错\n"
        "请把这条信息和所用的命令报告给开发者 (please report this)\n"
    )


def test_ctrl_c_is_one_message_with_exit_130(report: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("analysis.claims.check_report", interrupted)
    assert main(["check", str(report)]) == 130
    assert capsys.readouterr().err == "已中断 (interrupted)：没有写入新的输出，以前的输出保持不变 (previous outputs kept)\n"


def test_an_empty_path_is_refused_as_an_argument(report: Path, capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["check", str(report), "--csv", ""])
    assert exited.value.code == 2
    assert capsys.readouterr().err.endswith("参数错误 (invalid arguments)：argument --csv: 路径不能为空 (empty path)\n")


def test_a_pipe_or_device_is_never_replaced_even_with_force(report: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    import os

    pipe = tmp_path / "findings.csv"
    os.mkfifo(pipe)
    assert main(["check", str(report), "--csv", str(pipe), "--force"]) == 2
    assert f"--csv不是普通文件 (not a regular file)：{pipe}" in capsys.readouterr().err
    assert pipe.is_fifo()
