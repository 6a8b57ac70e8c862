"""The whole run on the sample departments: figures in metrics.json and in the report.

Expected values are the reference report's figures (../shared/docs/domain.md,
recomputed where the reference disagrees with itself, see
data/raw/nanyue-swd/README.md) and the fictional department's README table.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import lxml.html
import openpyxl
import pytest
from pypdf import PdfReader

from analysis.claims import check_report
from analysis.claims.ledger import load_metrics
from analysis.claims.render import summary_line
from analysis.paths import RAW_DIR
from analysis.publish import PdfExport
from analysis.run import RunError, run

NANYUE = "nanyue-swd"
QINGCHUAN = "fictional-qingchuan-csb"


def raw_checksums() -> dict[str, str]:
    """SHA-256 of every file under data/raw, to prove runs never write there."""
    return {str(p.relative_to(RAW_DIR)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(RAW_DIR.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def nanyue(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """One `jixiao run` of the reference department through the real console script."""
    scratch = tmp_path_factory.mktemp("nanyue")
    before = raw_checksums()
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "analysis",
            "run",
            "--dept",
            NANYUE,
            "--year",
            "2024",
            "--output-dir",
            str(scratch / "outputs"),
            "--processed-dir",
            str(scratch / "processed"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    out = scratch / "outputs" / NANYUE / "2024"
    return {
        "completed": completed,
        "out": out,
        "raw_before": before,
        "metrics": json.loads((out / "metrics.json").read_text(encoding="utf-8")),
        "checks": json.loads((out / "checks.json").read_text(encoding="utf-8")),
        "html": (out / "report.html").read_text(encoding="utf-8"),
    }


def visible_text(html: str) -> str:
    """The report's text without tags, embedded data and styles."""
    html = re.sub(r"<style.*?</style>", "", html, flags=re.S)
    return re.sub(r"\s+", "", re.sub(r"<[^>]+>", "", html))


def test_run_log_is_clean_and_raw_data_untouched(nanyue: dict) -> None:
    assert nanyue["completed"].returncode == 0, nanyue["completed"].stderr
    assert nanyue["completed"].stderr == ""
    assert "报告已生成" in nanyue["completed"].stdout
    events = [line for line in nanyue["completed"].stdout.splitlines() if "(started)" in line or "(done)" in line]
    stages = ("01_ingest", "02_expenditure", "03_services", "04_report", "publish")
    assert sorted(e.split()[0] for e in events) == sorted(stages * 2)  # each stage's start and end, in a log
    assert events[:2] == ["01_ingest 开始 (started)", events[1]] and events[1].startswith("01_ingest 完成 (done) ")
    assert raw_checksums() == nanyue["raw_before"]


def test_nanyue_expenditure_metrics_match_reference(nanyue: dict) -> None:
    spending = nanyue["metrics"]["expenditure"]
    # 199.54 = 147.34 + 52.20 万元; projects 28.98 + 56.50 + 19.49 = 104.97 万元
    assert spending["basic"] == 1995399.51
    assert spending["personnel"] == 1473412.36
    assert spending["public"] == 521987.15
    assert spending["project"] == 1049712.35
    assert spending["total"] == 3045111.86
    assert spending["projects"] == {"信访救助经费": 565003.20, "信访维稳经费": 289796.40, "12345热线管理经费": 194912.75}
    text = (nanyue["out"] / "metrics.json").read_text(encoding="utf-8")
    assert '"信访救助经费": 565003.20,' in text and '"total": 3045111.86,' in text  # two decimals, as written
    prior = spending["prior"]
    assert (prior["personnel"], prior["public"], prior["basic"]) == (1568683.90, 490021.44, 2058705.34)
    assert prior["projects"] == {"信访维稳经费": 586488.60, "信访救助经费": 421530.80}


def test_nanyue_service_and_staffing_metrics_match_reference(nanyue: dict) -> None:
    metrics = nanyue["metrics"]
    hotline = metrics["hotline"]
    assert (hotline["orders"], hotline["self_handled"], hotline["self_closed"]) == (30708, 22894, 22894)
    assert (hotline["assigned"], hotline["assigned_closed"], hotline["closed"]) == (7814, 7576, 30470)
    assert hotline["closure_rate"] == pytest.approx(30470 / 30708)
    assert round(hotline["closure_rate"] * 100, 2) == 99.22
    assert hotline["callback_rate"] == 1.0
    assert round(hotline["satisfaction_rate"] * 100, 2) == 97.43
    petitions = metrics["petitions"]
    assert (petitions["batches"], petitions["leader_reception_batches"], petitions["leader_reception_persons"]) == (363, 211, 510)
    assert (petitions["beijing_batches"], petitions["beijing_persons"]) == (11, 11)
    assert petitions["timely_acceptance_rate"] == petitions["on_time_reply_rate"] == petitions["first_time_resolution_rate"] == 1.0
    assert metrics["volunteer"] == {"events": 25, "volunteers": 426}
    assert metrics["staffing"] == {
        "authorised_admin": 4,
        "authorised_institution": 15,
        "actual_admin": 5,
        "actual_institution": 10,
        "contract": 15,
        "retired": 3,
    }


def test_nanyue_report_states_recomputed_figures(nanyue: dict) -> None:
    text = visible_text(nanyue["html"])
    for phrase in (
        "2024年基本支出199.54万元，较上年减少6.33万元，下降3.1%",  # the reference says −6.42; the parts give −6.33
        "人员经费147.34万元，占基本支出的73.8%，较上年减少9.53万元",
        "日常公用经费52.20万元，占基本支出的26.2%，较上年增加3.20万元",
        "2024年项目支出104.97万元，较上年增加4.17万元，增长4.1%",
        "信访维稳经费28.98万元，占项目支出的27.6%，较上年减少29.67万元，下降50.6%",  # reference: −52.5%
        "信访救助经费56.50万元，占项目支出的53.8%，较上年增加14.35万元，增长34.0%",  # reference: +89.9%
        "12345热线管理经费19.49万元，占项目支出的18.6%，为本年新增",
        "受理工单30708件，其中自办22894件、办结22894件，交办7814件、办结7576件；总办结率99.22%",
        "回访率100.00%",
        "满意率97.43%",
        "全年受理信访363批717人次，其中领导接访211批510人次，进京访11批11人次",
        "全年组织志愿服务活动25次，参与志愿者426人次",
        "核定行政编制4名、事业编制15名；实有行政编制人员5人、事业编制人员10人",
        "三、政府性基金预算支出情况无。",
        "四、国有资本经营预算支出情况无。",
        "五、社会保险基金预算支出情况无。",
    ):
        assert phrase in text, phrase
    assert "原因待补充" not in text
    assert "示例数据" in text


def test_nanyue_report_is_one_offline_page(nanyue: dict) -> None:
    html = nanyue["html"]
    assert re.search(r'<html lang="zh">', html)
    assert "<script" not in html.lower()
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert "@import" not in html and "url(http" not in html
    images = re.findall(r"<img [^>]*>", html)
    assert len(images) >= 6
    assert all('src="data:image/svg+xml;base64,' in image for image in images)
    assert 'class="toc"' in html
    assert "load_results" not in html and "In&nbsp;[" not in html and "In [" not in html


def test_nanyue_footer_has_checksums_version_and_commit(nanyue: dict) -> None:
    html = nanyue["html"]
    for path in [
        RAW_DIR / NANYUE / "department.yaml",
        RAW_DIR / NANYUE / "2024" / "hotline_orders.csv",
        RAW_DIR / NANYUE / "2023" / "expenditure.csv",
        RAW_DIR / NANYUE / "2024" / "narrative.md",
    ]:
        assert hashlib.sha256(path.read_bytes()).hexdigest() in html
    assert re.search(r"由jixiao\d+\.\d+\.\d+（提交([0-9a-f]{7,}(-dirty)?|未知)）于\d{4}-\d{2}-\d{2}T", visible_text(html))
    assert "dept=nanyue-swd" in html and "year=2024" in html


def test_nanyue_checks_and_files(nanyue: dict) -> None:
    verdicts = {c["id"]: c["verdict"] for c in nanyue["checks"]["checks"]}
    assert verdicts["basic_parts"] == verdicts["total_parts"] == verdicts["project_parts"] == "pass"
    assert verdicts["hotline_split"] == "pass"
    assert verdicts["staffing_admin"] == "warning"  # 5 actual administrative staff on 4 posts
    assert verdicts["reason:project:信访维稳经费"] == "pass"
    assert "fail" not in verdicts.values()
    out = nanyue["out"]
    assert len(list((out / "figures").glob("*.png"))) >= 6
    assert (out / "report.docx").read_bytes().startswith(b"PK")  # published with the page (a .docx is a zip)
    assert (out / "report.pdf").read_bytes().startswith(b"%PDF-")
    assert sorted(p.name for p in (out / "notebooks").glob("*.ipynb")) == ["01_ingest.ipynb", "02_expenditure.ipynb", "03_services.ipynb", "04_report.ipynb"]
    assert not (out.parent.parent / ".runs").exists()  # the work folder is gone after a successful run


def pdf_pages(path: Path) -> list[str]:
    """Each page's text of a published report.pdf."""
    return [page.extract_text() for page in PdfReader(path).pages]


def test_nanyue_pdf_has_cover_numbered_pages_and_the_report_figures(nanyue: dict) -> None:
    pages = pdf_pages(nanyue["out"] / "report.pdf")
    assert pages[0].replace("\n", "").startswith("中共南岳区委社会工作部2024年度部门整体支出绩效评价报告中共南岳区委社会工作部2024年度")  # title on 2 lines
    assert "—" not in pages[0] and "汇总数据与公开发布的报告一致" in pages[0]  # the sample note is on the cover
    assert all(f"— {number} —" in text for number, text in enumerate(pages[1:], start=2))
    text = "\n".join(pages)
    # 表1 as domain.md gives it: 3,045,111.86 and 3,066,702.65 yuan in 万元, their difference, its rate
    assert "部门整体支出 304.51 306.67 -2.16 -0.7% 100.0%" in text
    assert "基本支出 199.54 205.87 -6.33 -3.1% 65.5%" in text
    captions = [c.text_content() for c in lxml.html.fromstring(nanyue["html"]).iter("figcaption")]
    assert len(captions) == 7 and all(caption in text for caption in captions)
    assert "附录二" not in text  # the postings are a screen aid


def test_nanyue_pdf_contents_give_the_page_of_each_heading(nanyue: dict) -> None:
    reader = PdfReader(nanyue["out"] / "report.pdf")
    (title, sections) = reader.outline  # the cover's title, with every heading under it
    assert title.title == "中共南岳区委社会工作部2024年度部门整体支出绩效评价报告"
    heading_pages = {entry.title: reader.get_destination_page_number(entry) + 1 for entry in sections if not isinstance(entry, list)}
    contents = dict(re.findall(r"^(\S+?)[ .]*(\d+)$", reader.pages[1].extract_text(), flags=re.M))
    assert contents.keys() >= {"一、单位基本情况", "六、部门整体支出绩效情况", "附录一：数据核对"}
    assert {name: int(page) for name, page in contents.items()} == {name: heading_pages[name] for name in contents}
    assert heading_pages["一、单位基本情况"] == 3  # after the cover and the contents


@pytest.fixture(scope="module")
def qingchuan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fictional department, 2023 (no petition ledger) and 2024, into one output folder."""
    scratch = tmp_path_factory.mktemp("qingchuan")
    for year in (2023, 2024):
        run(QINGCHUAN, year, output_dir=scratch / "outputs", processed_dir=scratch / "processed")
    return scratch / "outputs" / QINGCHUAN


def wan(yuan: float) -> float:
    """Yuan to 万元 with two decimals, as the README table states them."""
    return round(yuan / 10000, 2)


def test_qingchuan_2024_figures_match_its_readme(qingchuan: Path) -> None:
    metrics = json.loads((qingchuan / "2024" / "metrics.json").read_text(encoding="utf-8"))
    spending = metrics["expenditure"]
    assert [wan(spending[k]) for k in ("total", "basic", "personnel", "public", "project")] == [828.96, 424.21, 370.59, 53.62, 404.74]
    assert wan(spending["projects"]["热线智能知识库建设经费"]) == 38.65
    assert wan(spending["prior"]["projects"]["12345热线运行经费"]) == 181.27
    assert metrics["hotline"]["orders"] == 12064 and metrics["hotline"]["closed"] == 11988
    assert (metrics["petitions"]["batches"], metrics["petitions"]["persons"]) == (129, 196)
    assert metrics["volunteer"] == {"events": 22, "volunteers": 461}


def test_qingchuan_2024_flags_the_missing_reason(qingchuan: Path) -> None:
    checks = json.loads((qingchuan / "2024" / "checks.json").read_text(encoding="utf-8"))["checks"]
    warned = [c["id"] for c in checks if c["area"] == "变动原因" and c["verdict"] == "warning"]
    assert warned == ["reason:project:12345热线运行经费"]  # 181.27 → 206.43 万元 = +13.9%, no reason given
    text = visible_text((qingchuan / "2024" / "report.html").read_text(encoding="utf-8"))
    assert "12345热线运行经费206.43万元" in text and "增长13.9%，主要原因：原因待补充" in text
    assert "预算执行情况" in text and "87.84%" in text


def test_qingchuan_2024_variance_workbook_is_published(qingchuan: Path) -> None:
    book = openpyxl.load_workbook(qingchuan / "2024" / "variance.xlsx")
    assert book.sheetnames == ["经济分类", "项目", "月度", "预算执行", "凭证明细"]
    with open(RAW_DIR / QINGCHUAN / "2024" / "expenditure.csv", encoding="utf-8", newline="") as handle:
        raw = list(csv.DictReader(handle))
    hotline = sum(Decimal(r["amount"]) for r in raw if r["project"] == "12345热线运行经费")
    row = next(r for r in book["项目"].iter_rows(min_row=2, values_only=True) if r[2] == "12345热线运行经费")
    assert row[3] == pytest.approx(float(hotline / 10000)) and book["项目"].cell(2, 4).number_format == "#,##0.00"
    vouchers = book["凭证明细"]
    assert vouchers.freeze_panes == "A2"
    assert sorted(r[1] for r in vouchers.iter_rows(min_row=2, values_only=True) if r[0] == 2024) == sorted(r["voucher_id"] for r in raw)


def test_qingchuan_budget_lines_below_90_percent_warn_with_the_unspent_amount(qingchuan: Path) -> None:
    def budget_checks(year: str) -> dict[str, dict]:
        checks = json.loads((qingchuan / year / "checks.json").read_text(encoding="utf-8"))["checks"]
        return {c["id"]: c for c in checks if c["area"] == "预算"}

    checks = budget_checks("2024")
    # 87.84%, 88.38% and 88.42% of the adjusted budget (the sample README's table); 城市网格化管理经费 is at 90.21%
    assert sorted(k for k, c in checks.items() if c["verdict"] == "warning") == [
        "budget:12345热线运行经费",
        "budget:数字城管平台运维经费",
        "budget:热线智能知识库建设经费",
    ]
    assert checks["budget:12345热线运行经费"]["note"] == "执行率87.84%；低于90%，未支出285881.10元"  # 2,350,200.00 − 2,064,318.90
    assert all(c["verdict"] == "pass" for c in budget_checks("2023").values())  # every line at 91.60% or more


def test_qingchuan_report_amounts_open_the_postings_behind_them(qingchuan: Path) -> None:
    html = (qingchuan / "2024" / "report.html").read_text(encoding="utf-8")
    anchors = set(re.findall(r'<details id="([^"]+)">', html))
    assert set(re.findall(r'<a class="trace-link" href="#([^"]+)">', html)) == anchors
    blocks = dict(re.findall(r'<details id="[^"]+">\s*<summary>([^<]+)</summary>(.*?)</details>', html, flags=re.DOTALL))
    assert len(blocks) == len(anchors) == 19  # 2024: 5 lines and 5 projects; 2023: 5 lines and 4 projects (no 知识库 yet)
    new_project = blocks["2024年　热线智能知识库建设经费"]
    amounts = [Decimal(a) for a in re.findall(r'<td class="num">([\d.]+)</td></tr>', new_project)]
    assert len(amounts) == 4 and sum(amounts[:3]) == amounts[3] == Decimal("386472.50")  # 3 vouchers and the 合计: 38.65万元
    assert "凭证292笔（多于50笔，按款小计）" in blocks["2024年　部门整体支出"]


def test_qingchuan_2023_without_petition_ledger(qingchuan: Path) -> None:
    metrics = json.loads((qingchuan / "2023" / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["petitions"] is None
    assert metrics["hotline"]["orders"] == 11236
    text = visible_text((qingchuan / "2023" / "report.html").read_text(encoding="utf-8"))
    assert "本年度未提供信访登记台账" in text


def test_reports_name_no_file_or_key_and_the_fictional_department_says_it_is_fictional(qingchuan: Path, nanyue: dict) -> None:
    texts = {year: visible_text((qingchuan / str(year) / "report.html").read_text(encoding="utf-8")) for year in (2023, 2024)}
    for text in [*texts.values(), visible_text(nanyue["html"])]:
        body = text.split("生成信息")[0]  # the footer lists every input file by name, with its checksum
        assert "附录一" in body
        assert not re.search(r"[A-Za-z_]+\.(csv|yaml|md|xlsx)|staffing|confirmed", body), re.search(r"[A-Za-z_]+\.(csv|yaml|md|xlsx)|staffing|confirmed", body)
    assert "均为虚构" in texts[2024] and "与公开发布的报告一致" not in texts[2024]
    assert "汇总数据与公开发布的报告一致" in visible_text(nanyue["html"])


def csv_rows(year: int, ledger: str) -> list[dict[str, str]]:
    """The rows of one of the fictional department's raw ledgers, read with the csv module (not the loaders)."""
    with open(RAW_DIR / QINGCHUAN / str(year) / ledger, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_qingchuan_2024_report_shows_services_over_the_years(qingchuan: Path) -> None:
    orders = {year: csv_rows(year, "hotline_orders.csv") for year in (2022, 2023, 2024)}
    counts = [len(orders[year]) for year in (2022, 2023, 2024)]
    closed = {year: sum(row["status"] == "已办结" for row in rows) for year, rows in orders.items()}
    batches_2022 = len(csv_rows(2022, "petitions.csv"))
    text = visible_text((qingchuan / "2024" / "report.html").read_text(encoding="utf-8"))
    assert "历年业务数据" in text and "指标2022年2023年2024年同比增减增减率" in text
    assert f"受理工单（件）{counts[0]}{counts[1]}{counts[2]}{counts[2] - counts[1]}" in text
    assert f"信访批次（批）{batches_2022}未提供129" in text  # no petitions register in 2023
    assert f"与上年相比，受理工单{counts[2]}件，较上年增加{counts[2] - counts[1]}件" in text and "上年未提供信访登记台账，不作同比。" in text
    history = json.loads((qingchuan / "2024" / "metrics.json").read_text(encoding="utf-8"))["service_history"]
    assert [(h["fiscal_year"], h["hotline"]["orders"], h["hotline"]["closed"]) for h in history] == [
        (year, len(orders[year]), closed[year]) for year in (2022, 2023, 2024)
    ]
    assert history[1]["petitions"] is None and history[0]["volunteer"] is None
    figures = {p.stem.split("_", 1)[1] for p in (qingchuan / "2024" / "figures").glob("*.png")}
    assert {"hotline_trend", "petitions_trend", "volunteer_trend"} <= figures


def assert_passes_its_own_check(out: Path) -> None:
    """The report has no inconsistent figure, in itself or against its metrics.json (the ledgers)."""
    result = check_report(out / "report.html", metrics=load_metrics(out / "metrics.json"))
    assert [(f.line, f.claim, f.note) for f in result.inconsistent] == []
    assert {"sum", "share", "pct_change", "change_sum", "ledger"} <= {f.kind for f in result.findings if f.verdict == "consistent"}


def test_nanyue_report_passes_jixiao_check(nanyue: dict) -> None:
    assert_passes_its_own_check(nanyue["out"])
    result = check_report(nanyue["out"] / "report.html", metrics=load_metrics(nanyue["out"] / "metrics.json"))
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert summary_line(result).split("；")[0] in readme  # the counts the README quotes for this command


def test_qingchuan_reports_pass_jixiao_check(qingchuan: Path) -> None:
    for year in ("2023", "2024"):
        assert_passes_its_own_check(qingchuan / year)


def test_bad_ledger_stops_run_and_keeps_previous_report(tmp_path: Path, nanyue: dict) -> None:
    data = tmp_path / "raw"
    shutil.copytree(RAW_DIR / NANYUE, data / NANYUE)
    ledger = data / NANYUE / "2024" / "expenditure.csv"
    lines = ledger.read_text(encoding="utf-8").splitlines()
    fields = lines[3].split(",")
    fields[8] = "12.345"  # the amount of Excel row 4 gets a third decimal
    lines[3] = ",".join(fields)
    ledger.write_text("\n".join(lines) + "\n", encoding="utf-8")
    previous = tmp_path / "outputs" / NANYUE / "2024"
    previous.mkdir(parents=True)
    (previous / "report.html").write_text("previous report", encoding="utf-8")
    with pytest.raises(RunError) as raised:
        run(NANYUE, 2024, data_dir=data, output_dir=tmp_path / "outputs", processed_dir=tmp_path / "processed")
    message = str(raised.value)
    assert message.startswith("台账校验失败 (ledger validation failed)，共1处问题")
    assert "expenditure.csv 第4行 (row) 列「金额」(column)：值「12.345」" in message
    assert (previous / "report.html").read_text(encoding="utf-8") == "previous report"
    assert not (tmp_path / "outputs" / ".runs").exists() and not list((tmp_path / "processed").rglob("*.parquet"))  # nothing ran
    rows = (previous / "validation.csv").read_text(encoding="utf-8-sig").splitlines()
    assert rows[1].startswith("错误,expenditure.csv,4,金额,12.345,")


def test_a_pdf_that_cannot_be_made_fails_the_run_and_keeps_the_published_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(PdfExport, "COMMAND", (sys.executable, "-c", "import sys; sys.exit('缺少字体文件 (missing font)：测试')"))
    previous = tmp_path / "outputs" / NANYUE / "2024"
    previous.mkdir(parents=True)
    for name in ("report.html", "report.pdf"):
        (previous / name).write_text(f"previous {name}", encoding="utf-8")
    with pytest.raises(RunError) as raised:
        run(NANYUE, 2024, output_dir=tmp_path / "outputs", processed_dir=tmp_path / "processed")
    lines = str(raised.value).splitlines()
    assert lines[0] == "report.pdf 无法生成 (PDF export failed)：缺少字体文件 (missing font)：测试"
    assert lines[-1].startswith("已执行的笔记本 (executed notebook)：") and lines[-1].endswith("04_report.ipynb")
    assert sorted(p.name for p in previous.iterdir()) == ["report.html", "report.pdf"]
    assert [(previous / name).read_text(encoding="utf-8") for name in ("report.html", "report.pdf")] == ["previous report.html", "previous report.pdf"]


def copy_2023_with_narrative(tmp_path: Path, performance: str) -> Path:
    """A copy of the sample's 2023 (expenditure only) whose narrative states ``performance``; the data folder."""
    data = tmp_path / "raw"
    shutil.copytree(RAW_DIR / NANYUE / "2023", data / NANYUE / "2023")
    (data / NANYUE / "department.yaml").write_bytes((RAW_DIR / NANYUE / "department.yaml").read_bytes())
    (data / NANYUE / "2023" / "narrative.md").write_text(f"## 绩效情况\n{performance}\n## 存在的问题\n无。\n## 改进措施\n无。\n", encoding="utf-8")
    return data


def test_failing_cell_names_notebook_and_cell(tmp_path: Path) -> None:
    # a placeholder that passes validation but cannot be computed: only the report stage can tell
    data = copy_2023_with_narrative(tmp_path, "比值{{ fiscal_year / 0 }}。")
    with pytest.raises(RunError) as raised:
        run(NANYUE, 2023, data_dir=data, output_dir=tmp_path / "outputs", processed_dir=tmp_path / "processed")
    first, *rest = str(raised.value).splitlines()
    assert re.fullmatch(r"04_report\.ipynb 第\d+个执行的单元格 \(In \[\d+\]\) 出错：NarrativeError: .*placeholder failed.*ZeroDivisionError.*", first)
    kept = Path(rest[-1].split("：", 1)[1])
    assert kept.name == "04_report.ipynb" and kept.exists()
    assert not (tmp_path / "outputs" / NANYUE / "2023").exists()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--dept", "no-such-dept", "--year", "2024"], "未找到部门 (unknown department)"),
        (["--dept", NANYUE, "--year", "20x4"], "年度 (year) 须为四位整数"),
        (["--dept", NANYUE, "--year", "2019"], "未找到2019年度台账"),
        (["--dept", "../nanyue-swd", "--year", "2024"], "部门代码 (dept) 无效"),
    ],
)
def test_cli_rejects_bad_parameters_in_one_line(args: list[str], expected: str) -> None:
    completed = subprocess.run([sys.executable, "-m", "analysis", "run", *args], capture_output=True, text=True, check=False)
    assert completed.returncode == 2
    assert expected in completed.stderr
    assert "Traceback" not in completed.stderr
    assert len(completed.stderr.strip().splitlines()) == 1


def test_run_lock_makes_a_second_run_of_the_same_year_wait(tmp_path: Path) -> None:
    import threading
    import time

    from analysis.run import run_lock

    order: list[str] = []

    def second_run() -> None:
        with run_lock(tmp_path, NANYUE, 2024):
            order.append("second")

    with run_lock(tmp_path, NANYUE, 2024):
        waiting = threading.Thread(target=second_run)
        waiting.start()
        time.sleep(0.3)  # long enough for the second run to reach the lock
        order.append("first finished")
    waiting.join(timeout=5)
    assert order == ["first finished", "second"]


def test_placeholders_for_an_absent_ledger_are_refused_before_any_notebook(tmp_path: Path) -> None:
    data = copy_2023_with_narrative(tmp_path, "受理{{ hotline.orders }}件，{{ hotlines }}。")
    with pytest.raises(RunError) as raised:
        run(NANYUE, 2023, data_dir=data, output_dir=tmp_path / "outputs", processed_dir=tmp_path / "processed")
    message = str(raised.value)
    assert "narrative.md 列「绩效情况」(column)：值「hotline」(value)，应为 (expected)：本年度未提供12345工单台账" in message
    assert "narrative.md 列「绩效情况」(column)：值「hotlines」(value)，应为 (expected)：占位符可用的数据" in message
    assert not list((tmp_path / "processed").rglob("*.parquet"))  # nothing ingested
