"""report.docx: a tiny hand-written body read back with python-docx, and the sample department's real report.

Hand-worked figures for nanyue-swd 2024 (data/raw/nanyue-swd/README.md, domain.md §4):
- 部门整体支出 = 基本支出 199.54 + 项目支出 104.97 = 304.51万元; the ledger's sum is 3,045,111.86 元 → 304.51万元.
- 2023: 3,066,724.74 元 → 306.67万元; change 3,045,111.86 − 3,066,724.74 = −21,612.88 元 → −2.16万元,
  −21,612.88 ÷ 3,066,724.74 = −0.70% → −0.7%.
- 基本支出 1,995,399.51 ÷ 3,045,111.86 = 65.53% of the whole → 65.5%; 人员经费 147.34 (2023: 156.87).
"""

from __future__ import annotations

import csv
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import docx
import lxml.html
import pytest
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph
from lxml import etree
from PIL import Image

from analysis.cover import Cover
from analysis.docx_report import column_widths, write_report_docx
from analysis.ingest import ingest
from analysis.metrics import load_results, save_results
from analysis.report import Figure, build_figures, render_body

ROOT = Path(__file__).resolve().parents[1]
COVER = Cover("测试局2024年度部门整体支出绩效评价报告", "测试局", 2024, "2025年3月")
BODY = """<article class="jixiao-report">
<header class="report-head"><p class="doc-kind">部门整体支出绩效评价报告</p><h1>测试局2024年度部门整体支出绩效评价报告</h1>
<p class="sample-note">说明：本报告由示例数据生成。</p></header>
<nav class="toc" aria-label="目录"><h2>目录</h2><ol><li><a href="#s1">一、基本情况</a></li>
<li class="trace-toc"><a href="#trace">附录二：支出明细</a></li></ol></nav>
<section id="s1">
  <h2>一、基本情况</h2>
  <h3>（一）支出情况</h3>
  <p><strong>12345热线。</strong>全年受理工单30件。</p>
  <table class="figures">
    <caption>表1　支出构成</caption>
    <thead><tr><th>项目</th><th>2024年（万元）</th><th>增减率</th></tr></thead>
    <tbody>
      <tr><td>基本支出</td><td class="num"><a class="trace-link" href="#trace-2024-0">12.50</a></td><td class="num">-3.1%</td></tr>
      <tr><td>项目支出</td><td class="num">0.00</td><td class="num">新增</td></tr>
    </tbody>
  </table>
  <figure class="chart" id="fig-monthly_spending"><img src="data:image/png;base64,AA==" alt="图1 月度支出">
    <figcaption>图1　2024年月度支出（万元）</figcaption></figure>
  <ol><li>第一项。</li><li>第二项。</li></ol>
</section>
<section id="trace" class="appendix trace"><h2>附录二：支出明细</h2>
  <details id="trace-2024-0"><summary>2024年　基本支出</summary>
  <table class="figures"><caption>凭证明细</caption><tbody><tr><td>V0001</td></tr></tbody></table></details>
</section>
<footer class="provenance"><h2>生成信息</h2><p>由 jixiao 0（提交 abc）生成。</p>
  <table class="inputs"><thead><tr><th>输入文件</th><th>SHA-256</th></tr></thead>
  <tbody><tr><td>expenditure.csv</td><td><code>00ff</code></td></tr></tbody></table></footer>
</article>"""


def tiny_png() -> bytes:
    """A 40 × 20 pixel PNG."""
    buffer = BytesIO()
    Image.new("RGB", (40, 20), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


PNG = tiny_png()


@pytest.fixture(scope="module")
def tiny_docx(tmp_path_factory: pytest.TempPathFactory) -> WordDocument:
    folder = tmp_path_factory.mktemp("docx")
    path = write_report_docx(BODY, [Figure(1, "monthly_spending", "2024年月度支出（万元）", b"<svg/>", PNG)], folder / "report.docx", COVER)
    assert sorted(p.name for p in folder.iterdir()) == ["report.docx"]  # no temporary file left beside it
    return docx.Document(str(path))


def all_text(document: WordDocument) -> str:
    """Every paragraph's and table cell's text."""
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def instructions(element: etree._Element) -> list[str]:
    """The field codes (w:instrText) under an element, stripped."""
    return [t.text.strip() for t in element.iter(qn("w:instrText"))]


def test_cover_comes_first_with_title_department_year_date(tiny_docx: WordDocument) -> None:
    first = [(p.style.name, p.text) for p in tiny_docx.paragraphs[:5]]
    assert first == [
        ("Title", "测试局2024年度部门整体支出绩效评价报告"),
        ("Cover Line", "测试局"),
        ("Cover Line", "2024年度"),
        ("Cover Line", "2025年3月"),
        ("Note", "说明：本报告由示例数据生成。"),
    ]


def test_headings_are_word_headings_and_the_postings_appendix_is_absent(tiny_docx: WordDocument) -> None:
    headings = [(p.style.name, p.text) for p in tiny_docx.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [("Heading 1", "一、基本情况"), ("Heading 2", "（一）支出情况")]
    text = all_text(tiny_docx)
    assert "附录二" not in text and "V0001" not in text and "凭证明细" not in text
    assert [p.text for p in tiny_docx.paragraphs if p.text.startswith(("1．", "2．"))] == ["1．第一项。", "2．第二项。"]


def test_contents_is_a_toc_field_that_word_updates_on_opening(tiny_docx: WordDocument) -> None:
    body = tiny_docx.element.body
    assert instructions(body)[0] == 'TOC \\o "1-2" \\h \\z \\u'
    assert "右键→更新域" in all_text(tiny_docx)
    update = tiny_docx.settings.element.find(qn("w:updateFields"))
    assert update is not None and update.get(qn("w:val")) == "true"


def test_strong_becomes_a_bold_run(tiny_docx: WordDocument) -> None:
    paragraph = next(p for p in tiny_docx.paragraphs if p.text.startswith("12345热线"))
    assert [(r.text, r.bold) for r in paragraph.runs] == [("12345热线。", True), ("全年受理工单30件。", None)]


def test_table_cells_alignment_caption_and_repeated_header(tiny_docx: WordDocument) -> None:
    table = tiny_docx.tables[0]
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["项目", "2024年（万元）", "增减率"],
        ["基本支出", "12.50", "-3.1%"],
        ["项目支出", "0.00", "新增"],
    ]
    aligned = [[c.paragraphs[0].alignment for c in row.cells] for row in table.rows[1:]]
    assert aligned == [[None, WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.RIGHT]] * 2
    assert table.style.name == "Table Grid"
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert table.rows[1]._tr.trPr.find(qn("w:tblHeader")) is None
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
    caption = next(p for p in tiny_docx.paragraphs if p.text == "表1　支出构成")
    assert caption.style.name == "Caption" and caption.paragraph_format.keep_with_next is True
    assert caption._p.getnext() is table._tbl
    assert table.rows[1].cells[0].paragraphs[0].style.name == "Table Text"
    assert tiny_docx.styles["Table Text"].font.size == Pt(10.5)


def test_one_inline_picture_per_figure_with_its_caption_below(tiny_docx: WordDocument) -> None:
    assert len(tiny_docx.inline_shapes) == 1
    assert tiny_docx.inline_shapes[0].width == Cm(15)
    images = [part.blob for part in tiny_docx.part.package.iter_parts() if part.content_type == "image/png"]
    assert images == [PNG]
    picture = next(p for p in tiny_docx.paragraphs if p._p.findall(".//" + qn("w:drawing")))
    caption = Paragraph(picture._p.getnext(), picture._parent)
    assert (caption.style.name, caption.text) == ("Caption", "图1　2024年月度支出（万元）")
    assert picture.style.name == "Figure" and picture.style.paragraph_format.keep_with_next is True


def test_provenance_is_at_the_end_in_small_type(tiny_docx: WordDocument) -> None:
    last = [(p.style.name, p.text) for p in tiny_docx.paragraphs[-2:]]
    assert last == [("Provenance", "生成信息"), ("Provenance", "由 jixiao 0（提交 abc）生成。")]
    inputs = tiny_docx.tables[-1]
    assert [[c.text for c in row.cells] for row in inputs.rows] == [["输入文件", "SHA-256"], ["expenditure.csv", "00ff"]]
    assert inputs.rows[1].cells[1].paragraphs[0].style.name == "Provenance"
    assert tiny_docx.styles["Provenance"].font.size == Pt(9)


def test_page_numbers_in_the_footer_but_not_on_the_cover(tiny_docx: WordDocument) -> None:
    section = tiny_docx.sections[0]
    assert tiny_docx.settings.odd_and_even_pages_header_footer is True
    assert section.different_first_page_header_footer is True
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    for paragraph, side in ((odd, WD_ALIGN_PARAGRAPH.RIGHT), (even, WD_ALIGN_PARAGRAPH.LEFT)):
        assert instructions(paragraph._p) == ["PAGE"]
        assert paragraph.text == "— 1 —"  # the field's placeholder between em dashes; Word shows the page's number
        assert paragraph.alignment == side
    assert tiny_docx.styles["Footer"].font.size == Pt(14)
    assert instructions(section.first_page_footer._element) == []


def test_a4_page_with_gbt_9704_margins(tiny_docx: WordDocument) -> None:
    section = tiny_docx.sections[0]
    sizes = [section.page_width, section.page_height, section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(length.mm, 1) for length in sizes] == [210.0, 297.0, 37.0, 35.0, 28.0, 26.0]


def test_styles_name_the_government_fonts(tiny_docx: WordDocument) -> None:
    def fonts(name: str) -> tuple[str | None, str | None, float]:
        style = tiny_docx.styles[name]
        rfonts = style.element.rPr.rFonts
        return rfonts.get(qn("w:eastAsia")), rfonts.get(qn("w:ascii")), style.font.size.pt

    assert fonts("Normal") == ("仿宋_GB2312", "Times New Roman", 16)
    assert fonts("Heading 1") == ("黑体", "Times New Roman", 16)
    assert fonts("Heading 2") == ("楷体_GB2312", "Times New Roman", 16)
    assert fonts("Title") == ("方正小标宋简体", "Times New Roman", 22)
    normal = tiny_docx.styles["Normal"].paragraph_format
    assert normal.first_line_indent == Pt(32)
    assert (normal.line_spacing_rule, normal.line_spacing) == (WD_LINE_SPACING.EXACTLY, Pt(28.9))
    assert [tiny_docx.styles[f"toc {level}"].paragraph_format.first_line_indent for level in (1, 2)] == [Pt(0), Pt(32)]


def test_font_table_declares_each_font_with_free_fallbacks(tiny_docx: WordDocument) -> None:
    part = next(rel.target_part for rel in tiny_docx.part.rels.values() if rel.reltype.endswith("/fontTable"))
    table = etree.fromstring(part.blob)
    fonts = {f.get(qn("w:name")): {child.tag.split("}")[1]: child.get(qn("w:val")) for child in f} for f in table.iter(qn("w:font"))}
    assert fonts["仿宋_GB2312"]["altName"].split(",") == ["仿宋", "FangSong", "Noto Serif CJK SC", "Source Han Serif SC"]
    assert fonts["黑体"]["altName"].split(",") == ["SimHei", "Noto Sans CJK SC", "Source Han Sans SC"]
    assert "Noto Serif CJK SC" in fonts["楷体_GB2312"]["altName"] and "Noto Serif CJK SC" in fonts["方正小标宋简体"]["altName"]
    assert {(f["charset"], f["family"]) for name, f in fonts.items() if name in ("仿宋_GB2312", "楷体_GB2312", "方正小标宋简体")} == {("86", "roman")}
    assert (fonts["黑体"]["charset"], fonts["黑体"]["family"]) == ("86", "swiss")


def test_short_columns_keep_their_width_and_long_text_takes_the_rest() -> None:
    # At 10 pt a half-character is 10 × 25.4 ÷ 72 ÷ 2 = 1.7639 mm; cell margins 2 × 1.9 + 1 = 4.8 mm.
    # 支出 is 4 half-characters: 4 × 1.7639 + 4.8 = 11.86 mm; the 100-character note gets 100 − 11.86 = 88.14 mm.
    widths = column_widths([["类别", "说明"]], [["支出", "很" * 100]], 100, 10)
    assert [round(w, 2) for w in widths] == [11.86, 88.14]
    # Everything fits: 支出 11.856 mm and 12.50 (5 half-characters; the header 2024年's 6 on two lines is 3) 13.619 mm,
    # widened to fill 100 mm: 100 × 11.856 ÷ 25.475 = 46.5 and 53.5.
    widths = column_widths([["类别", "2024年"]], [["支出", "12.50"]], 100, 10)
    assert [round(w, 1) for w in widths] == [46.5, 53.5]


def test_a_figure_without_its_picture_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="missing figure"):
        write_report_docx(BODY, [], tmp_path / "report.docx", COVER)
    assert not (tmp_path / "report.docx").exists()


@pytest.fixture(scope="module")
def nanyue(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, WordDocument]:
    """The sample department's 2024 report body (computed in-process, without the notebooks) and its .docx."""
    scratch = tmp_path_factory.mktemp("nanyue-docx")
    raw = ROOT / "data" / "raw"
    save_results(ingest(raw, scratch, "nanyue-swd", 2024), raw, scratch, "nanyue-swd", 2024)
    results = load_results(scratch, "nanyue-swd", 2024)
    figures = build_figures(results)
    provenance = {"parameters": {"dept": "nanyue-swd", "year": 2024}, "version": "0", "commit": "abc", "generated_at": "t", "inputs": []}
    body = render_body(results, figures, provenance)
    cover = Cover("中共南岳区委社会工作部2024年度部门整体支出绩效评价报告", "中共南岳区委社会工作部", 2024, "2025年3月")
    path = write_report_docx(body, figures, scratch / "report.docx", cover)
    return body, docx.Document(str(path))


def html_table(body: str, caption_start: str) -> list[list[str]]:
    """Cell texts of the HTML table whose caption starts with ``caption_start``."""
    tree = lxml.html.fromstring(body)
    table = next(t for t in tree.iter("table") if t.findtext("caption", "").startswith(caption_start))
    return [[cell.text_content().strip() for cell in row if cell.tag in ("td", "th")] for row in table.iter("tr")]


def docx_table(document: WordDocument, caption_start: str) -> list[list[str]]:
    """Cell texts of the Word table right after the caption paragraph starting with ``caption_start``."""
    caption = next(p for p in document.paragraphs if p.text.startswith(caption_start))
    table = next(t for t in document.tables if t._tbl is caption._p.getnext())
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_nanyue_table_1_shows_the_html_numbers(nanyue: tuple[str, WordDocument]) -> None:
    body, document = nanyue
    table = docx_table(document, "表1")
    assert table == html_table(body, "表1")
    rows = {row[0]: row[1:] for row in table}
    assert rows["部门整体支出"] == ["304.51", "306.67", "-2.16", "-0.7%", "100.0%"]
    assert rows["基本支出"][0] == "199.54" and rows["基本支出"][-1] == "65.5%"
    assert rows["人员经费"][:2] == ["147.34", "156.87"]
    assert Decimal("199.54") + Decimal("104.97") == Decimal(rows["部门整体支出"][0])  # domain.md §4: 基本 + 项目


def test_nanyue_total_equals_the_ledger_sum(nanyue: tuple[str, WordDocument]) -> None:
    with open(ROOT / "data" / "raw" / "nanyue-swd" / "2024" / "expenditure.csv", encoding="utf-8") as handle:
        total = sum(Decimal(row["amount"]) for row in csv.DictReader(handle))
    assert total == Decimal("3045111.86")
    assert docx_table(nanyue[1], "表1")[1][1] == f"{(total / 10000).quantize(Decimal('0.01'))}"


def test_nanyue_every_figure_inline_and_no_postings(nanyue: tuple[str, WordDocument]) -> None:
    body, document = nanyue
    captions = [c.text_content() for c in lxml.html.fromstring(body).iter("figcaption")]
    assert len(captions) == len(document.inline_shapes) == 7  # 3 spending charts, 2 hotline, 1 petitions, 1 volunteer
    assert [p.text for p in document.paragraphs if p.text.startswith("图")] == captions
    assert "附录二" not in all_text(document)
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"][:2] == ["一、单位基本情况", "二、一般公共预算支出情况"]
