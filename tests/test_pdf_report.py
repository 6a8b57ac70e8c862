"""report.pdf: hand-written bodies laid out by WeasyPrint and read back with pypdf; the engine's failures.

Page positions are worked out from the stylesheet's GB/T 9704 page: a 225 mm text block holds 22 lines
of 28.9 pt (22 x 28.9 = 635.8 pt of 637.8 pt), so a heading and 30 one-line paragraphs fill page 3 with
22 lines and put the next heading on page 4, after 9 more lines.
"""

from __future__ import annotations

import base64
import json
import re
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from analysis import pdf_report
from analysis.cover import Cover
from analysis.pdf_report import PdfExportError, build_print_document, report_body_of, write_report_pdf
from analysis.publish import PdfExport

COVER = Cover("测试局2024年度部门整体支出绩效评价报告", "测试局", 2024, "2025年3月8日")
A4_PT = (595.28, 841.89)


def article(sections: str, head_note: str = "") -> str:
    """A report body as render_body writes it: heading, contents, the sections given, a postings appendix."""
    note = f'<p class="sample-note">{head_note}</p>' if head_note else ""
    return (
        '<article class="jixiao-report"><header class="report-head"><p class="doc-kind">部门整体支出绩效评价报告</p>'
        f"<h1>测试局2024年度部门整体支出绩效评价报告</h1>{note}</header>"
        '<nav class="toc"><h2>目录</h2><ol><li><a href="#s1">一、单位基本情况</a></li><li><a href="#s2">二、支出情况</a></li>'
        '<li class="trace-toc"><a href="#trace">附录二：支出明细</a></li></ol></nav>'
        f"{sections}"
        '<section id="trace" class="appendix trace"><h2>附录二：支出明细</h2><details id="t1"><summary>凭证</summary></details></section>'
        "</article>"
    )


FILLED = article(
    '<section id="s1"><h2>一、单位基本情况</h2>' + "<p>测试。</p>" * 30 + "</section>"
    '<section id="s2"><h2>二、支出情况</h2><p>2024年支出<a class="trace-link" href="#t1">304.51</a>万元。</p></section>',
    head_note="说明：本报告为虚构的样例。",
)


@pytest.fixture(scope="module")
def font_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder of font subsets for the module: a body's characters are cut once."""
    return tmp_path_factory.mktemp("fonts")


def page_texts(path: Path) -> list[str]:
    """Each page's text."""
    return [page.extract_text() for page in PdfReader(path).pages]


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory, font_cache: Path) -> Path:
    """FILLED as report.pdf."""
    return write_report_pdf(FILLED, tmp_path_factory.mktemp("filled") / "report.pdf", COVER, font_cache)


def test_print_document_puts_the_cover_first_and_leaves_out_the_screen_parts() -> None:
    document = build_print_document(FILLED, COVER)
    body = document[document.index("<body>") :]
    assert re.search(r'<section class="cover"><h1 class="cover-title">测试局2024年度部门整体支出绩效评价报告</h1>', body)
    assert '<p class="cover-line">测试局</p><p class="cover-line">2024年度</p><p class="cover-line">2025年3月8日</p>' in body
    assert '<p class="sample-note">说明：本报告为虚构的样例。</p></section>' in body  # moved onto the cover
    assert "report-head" not in body and "附录二" not in body and "trace" not in body
    assert "2024年支出304.51万元。" in body  # the link to the postings unwrapped, its text kept
    assert "<title>测试局2024年度部门整体支出绩效评价报告</title>" in document


def test_cover_contents_and_body_pages_with_gbt_page_numbers(filled: Path) -> None:
    pages = page_texts(filled)
    assert len(pages) == 4  # cover, contents, 一 (22 lines), the rest of 一 and 二
    assert pages[0].split("\n")[:4] == ["测试局2024年度部门整体支出绩效评价报告", "测试局", "2024年度", "2025年3月8日"]
    assert "—" not in pages[0]
    for number, text in enumerate(pages[1:], start=2):
        assert f"— {number} —" in text
    assert pages[2].count("测试。") == 21 and pages[3].count("测试。") == 9
    assert "二、支出情况" in pages[3]


def test_contents_lines_end_with_the_page_of_their_heading(filled: Path) -> None:
    contents = page_texts(filled)[1]
    assert re.search(r"一、单位基本情况[ .]*3\b", contents)
    assert re.search(r"二、支出情况[ .]*4\b", contents)
    assert "附录二" not in contents


def page_number_x(page) -> float:
    """Where the page number "— N —" starts, in points from the left edge."""
    found: list[float] = []

    def visit(text: str, cm, tm, font, size) -> None:
        if "—" in text:
            found.append(tm[4] * cm[0] + cm[4])

    page.extract_text(visitor_text=visit)
    return found[0]


def test_page_numbers_sit_on_the_outer_side_of_a4_pages(filled: Path) -> None:
    reader = PdfReader(filled)
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4_PT, abs=0.01)
    half = A4_PT[0] / 2
    assert page_number_x(reader.pages[1]) < half  # page 2, a left page: number on the left
    assert page_number_x(reader.pages[2]) > half  # page 3, a right page: on the right
    assert page_number_x(reader.pages[3]) < half


def embedded_fonts(path: Path) -> dict[str, bool]:
    """Each font the pages use: base name → whether its program is embedded."""
    fonts: dict[str, bool] = {}
    for page in PdfReader(path).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            fonts[str(font["/BaseFont"]).split("+")[-1]] = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    return fonts


def test_only_the_embedded_cjk_subsets_are_used(filled: Path) -> None:
    assert embedded_fonts(filled) == {"jixiao-Serif": True, "jixiao-Sans": True}


def table(rows: int, caption: str = "表1　测试表") -> str:
    """A change table as render_body writes it, with ``rows`` rows."""
    body = "".join(f'<tr><td>项目{n}</td><td class="num">{n}.00</td></tr>' for n in range(1, rows + 1))
    return f'<div class="table-wrap"><table class="figures"><caption>{caption}</caption><thead><tr><th>项目名称</th><th>金额（万元）</th></tr></thead><tbody>{body}</tbody></table></div>'


@pytest.mark.parametrize("filler", [18, 19, 20, 21])
def test_a_table_caption_never_stays_behind_at_the_foot_of_a_page(filler: int, tmp_path: Path, font_cache: Path) -> None:
    body = article(
        '<section id="s1"><h2>一、单位基本情况</h2>' + "<p>测试。</p>" * filler + table(3) + '</section><section id="s2"><h2>二、支出情况</h2></section>'
    )
    pages = page_texts(write_report_pdf(body, tmp_path / "report.pdf", COVER, font_cache))
    caption_page = next(n for n, text in enumerate(pages) if "表1　测试表" in text)
    assert "项目名称" in pages[caption_page] and "项目1 " in pages[caption_page]


def test_a_long_table_repeats_its_header_row_on_every_page(tmp_path: Path, font_cache: Path) -> None:
    body = article('<section id="s1"><h2>一、单位基本情况</h2>' + table(80) + '</section><section id="s2"><h2>二、支出情况</h2></section>')
    pages = page_texts(write_report_pdf(body, tmp_path / "report.pdf", COVER, font_cache))
    with_rows = [text for text in pages if re.search(r"项目\d+ ", text)]
    assert len(with_rows) >= 2
    assert all(text.count("项目名称") == 1 for text in with_rows)
    assert sum(len(re.findall(r"项目\d+ ", text)) for text in with_rows) == 80


def test_a_figure_is_drawn_as_vectors_with_its_caption(tmp_path: Path, font_cache: Path) -> None:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="400pt" height="200pt" viewBox="0 0 400 200"><path d="M0 200 C 100 0 300 0 400 200" stroke="black" fill="none"/></svg>'
    image = "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
    figure = f'<figure class="chart" id="fig-x"><img src="{image}" alt="图1"><figcaption>图1　测试图</figcaption></figure>'
    path = write_report_pdf(article(f'<section id="s1"><h2>一、单位基本情况</h2>{figure}</section>'), tmp_path / "report.pdf", COVER, font_cache)
    page = PdfReader(path).pages[2]
    assert "图1　测试图" in page.extract_text()
    assert b" c\n" in page.get_contents().get_data() or b" c " in page.get_contents().get_data()  # the curve, as a path
    assert not page["/Resources"].get("/XObject")  # no raster image


def test_a_figure_that_does_not_render_fails_the_export_naming_it(tmp_path: Path, font_cache: Path) -> None:
    broken = '<figure class="chart"><img src="data:image/svg+xml;base64,bm90IGFuIGltYWdl" alt="图1"><figcaption>图1　测试图</figcaption></figure>'
    with pytest.raises(PdfExportError, match=r"PDF 中有无法载入的内容 \(could not load\)：Failed to load image.*请检查报告中的图表"):
        write_report_pdf(article(f'<section id="s1"><h2>一、单位基本情况</h2>{broken}</section>'), tmp_path / "report.pdf", COVER, font_cache)
    assert not list(tmp_path.iterdir())  # nothing written, not even a temporary file


def test_a_missing_font_fails_the_export_with_the_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(pdf_report.FONTS, "jixiao Serif", tmp_path / "NotoSerifCJKsc-Regular.otf")
    with pytest.raises(PdfExportError, match=r"缺少字体文件 \(missing font\)：.*NotoSerifCJKsc-Regular\.otf；它由 mplfonts 包提供，请运行 make env"):
        write_report_pdf(FILLED, tmp_path / "report.pdf", COVER)
    assert not (tmp_path / "report.pdf").exists()


def test_an_engine_that_cannot_start_fails_with_the_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # importing it raises ImportError, as a missing Pango would OSError
    with pytest.raises(PdfExportError, match=r"PDF 引擎 WeasyPrint 无法启动 \(PDF engine failed to start\).*sudo apt-get install libpango-1.0-0"):
        write_report_pdf(FILLED, tmp_path / "report.pdf", COVER)


def test_a_body_without_its_article_is_refused() -> None:
    with pytest.raises(PdfExportError, match="没有 <article> 元素"):
        build_print_document("<p>正文</p>", COVER)


def notebook_with(cells: list[dict]) -> str:
    """An executed notebook's JSON with the cells given."""
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


def code_cell(tags: list[str], outputs: list[dict]) -> dict:
    """A code cell with its tags and outputs."""
    return {"cell_type": "code", "metadata": {"tags": tags}, "source": "", "outputs": outputs, "execution_count": 1}


def test_report_body_is_the_html_of_the_report_cells_in_order(tmp_path: Path) -> None:
    html = lambda text: {"output_type": "display_data", "data": {"text/html": [text], "text/plain": ["x"]}, "metadata": {}}  # noqa: E731
    notebook = tmp_path / "04_report.ipynb"
    notebook.write_text(
        notebook_with(
            [
                code_cell([], [html("<p>工作区</p>")]),
                code_cell(["report"], [html("<article>一"), {"output_type": "stream", "name": "stdout", "text": ["日志"]}]),
                {"cell_type": "markdown", "metadata": {"tags": ["report"]}, "source": "说明"},
                code_cell(["report"], [{"output_type": "execute_result", "data": {"text/html": ["二</article>"]}, "metadata": {}, "execution_count": 2}]),
            ]
        ),
        encoding="utf-8",
    )
    assert report_body_of(notebook) == "<article>一二</article>"


def test_pdf_export_process_reports_why_it_failed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    notebook = tmp_path / "04_report.ipynb"
    notebook.write_text(notebook_with([code_cell(["report"], [])]), encoding="utf-8")
    export = PdfExport()
    export.submit(notebook, tmp_path / "report.pdf", COVER)
    with pytest.raises(PdfExportError, match="没有 <article> 元素"):  # the real process, on an empty report body
        export.result()
    assert not (tmp_path / "report.pdf").exists()
