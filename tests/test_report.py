"""The report body from a tiny hand-made department: sentences, escaping, absent ledgers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analysis.ingest import ingest
from analysis.metrics import build_metrics, load_results, save_results
from analysis.report import build_figures, render_body

HEADER = "voucher_id,date,spending_type,econ_code,econ_name,func_code,fund_source,project,amount,summary\n"
EVIL_PROJECT = "项目<script>alert(1)</script>"
NARRATIVE = """## 绩效情况
全年支出{{ expenditure.total | wan }}。<script>evil()</script>
## 存在的问题
无明显问题。
## 改进措施
继续努力。
"""


@pytest.fixture()
def tiny(tmp_path: Path) -> tuple[Path, Path]:
    """A department with two years of three-line ledgers and hostile text in every free field."""
    dept = tmp_path / "raw" / "tiny"
    (dept / "2023").mkdir(parents=True)
    (dept / "2024").mkdir()
    (dept / "department.yaml").write_text(
        "name: 测试局<b>粗体</b>\ninternal_units: [办公室<i>x</i>]\nstaffing:\n  2024: {authorised_admin: 2, authorised_institution: 1,"
        " actual_admin: 2, actual_institution: 1, contract: 0, retired: 0}\n",
        encoding="utf-8",
    )
    (dept / "2023" / "expenditure.csv").write_text(
        HEADER + f"a1,2023-03-01,基本支出,30101,基本工资,,,,1000.00,\na2,2023-04-01,项目支出,30201,办公费,,,{EVIL_PROJECT},500.00,\n", encoding="utf-8"
    )
    (dept / "2024" / "expenditure.csv").write_text(
        HEADER + "b1,2024-03-01,基本支出,30101,基本工资,,,,1200.00,\nb2,2024-05-01,基本支出,30201,办公费,,,,300.00,\n"
        f"b3,2024-06-01,项目支出,30201,办公费,,,{EVIL_PROJECT},400.00,\n",
        encoding="utf-8",
    )
    (dept / "2024" / "narrative.md").write_text(NARRATIVE, encoding="utf-8")
    save_results(ingest(tmp_path / "raw", tmp_path / "processed", "tiny", 2024), tmp_path / "raw", tmp_path / "processed", "tiny", 2024)
    return tmp_path / "raw", tmp_path / "processed"


def render(tiny: tuple[Path, Path]) -> str:
    """The body for the tiny department, with a fixed footer."""
    results = load_results(tiny[1], "tiny", 2024)
    provenance = {"parameters": {"dept": "tiny"}, "version": "0", "commit": "abc", "generated_at": "t", "inputs": []}
    return render_body(results, build_figures(results), provenance)


def test_sentences_state_hand_computed_changes(tiny: tuple[Path, Path]) -> None:
    text = re.sub(r"<[^>]+>", "", render(tiny))
    # basic 1500.00 yuan vs 1000.00: +500.00 = 0.05万元, +50.0%; no reason given in narrative.md
    assert "2024年基本支出0.15万元，较上年增加0.05万元，增长50.0%，主要原因：原因待补充" in text
    assert "人员经费0.12万元，占基本支出的80.0%，较上年增加0.02万元，增长20.0%" in text
    assert "日常公用经费0.03万元，占基本支出的20.0%，为本年新增" in text
    assert "全年支出0.19万元。" in text  # placeholder: 1200 + 300 + 400 yuan


def test_ledger_and_narrative_text_is_escaped(tiny: tuple[Path, Path]) -> None:
    body = render(tiny)
    assert "<script" not in body and "<b>" not in body and "<i>" not in body
    assert "项目&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "&lt;script&gt;evil()&lt;/script&gt;" in body
    assert "测试局&lt;b&gt;粗体&lt;/b&gt;" in body


def test_absent_service_ledgers_are_stated_and_null(tiny: tuple[Path, Path]) -> None:
    results = load_results(tiny[1], "tiny", 2024)
    metrics = build_metrics(results)
    assert metrics["hotline"] is None and metrics["petitions"] is None and metrics["volunteer"] is None
    text = re.sub(r"<[^>]+>", "", render(tiny))
    assert "本年度未提供12345热线工单台账" in text and "本年度未提供信访登记台账" in text
    assert metrics["expenditure"]["prior"]["basic"] == 1000.00
    assert metrics["expenditure"]["public"] == 300.00


def test_export_escapes_the_title_and_keeps_only_report_cells(tmp_path: Path) -> None:
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook, new_output

    from analysis.publish import export_report

    notebook = new_notebook()
    hidden = new_code_cell("secret_code()", outputs=[new_output("stream", name="stdout", text="调试输出")])
    shown = new_code_cell("HTML(body)", outputs=[new_output("display_data", data={"text/html": "<p>正文内容</p>"})])
    shown.metadata["tags"] = ["report"]
    notebook.cells = [hidden, shown]
    source = tmp_path / "04_report.ipynb"
    nbformat.write(notebook, source)
    html = export_report(source, tmp_path / "report.html", "测试局</title><script>alert(1)</script>").read_text(encoding="utf-8")
    assert "<script" not in html and "&lt;/title&gt;&lt;script&gt;" in html
    assert "<p>正文内容</p>" in html and "调试输出" not in html and "secret_code" not in html
    assert '<html lang="zh">' in html and "@font-face" in html


def test_spending_amounts_link_to_the_postings_behind_them(tiny: tuple[Path, Path]) -> None:
    body = render(tiny)
    links = set(re.findall(r'<a class="trace-link" href="#([^"]+)">', body))
    anchors = re.findall(r'<details id="([^"]+)">', body)
    # 2024: all six lines; 2023: all but 日常公用经费 (nothing spent), which shows 0.00 with no link
    assert len(anchors) == len(set(anchors)) == 11 and links == set(anchors)
    details = dict(re.findall(r'<details id="[^"]+">\s*<summary>([^<]+)</summary>(.*?)</details>', body, flags=re.DOTALL))
    personnel = details["2024年　人员经费"]
    assert "2024年人员经费1200.00元，凭证1笔" in personnel
    assert "<td>b1</td><td>2024-03-01</td><td>30101 基本工资</td>" in personnel and '<td class="num">1200.00</td>' in personnel
    public_2024 = details["2024年　日常公用经费"]
    assert "<td>b2</td>" in public_2024 and "b1" not in public_2024
    evil = details["2023年　项目&lt;script&gt;alert(1)&lt;/script&gt;"]  # escaped in the appendix too
    assert "<td>a2</td>" in evil and '<td class="num">500.00</td>' in evil
    assert "<script" not in body
