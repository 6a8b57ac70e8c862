"""The report as an editable Word file, from the same HTML body as report.html.

The body (analysis.report.render_body) is read with lxml and written with python-docx: a cover page, a Word
table-of-contents field, then the sections with real heading styles, Word tables and inline figures. What the
print stylesheet leaves out (the postings appendix, its contents entry, the links into it) is left out here too.
Page, styles and fonts are in analysis.docx_styles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

import docx
import lxml.html
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Cm, Mm, Pt
from docx.table import _Row
from docx.text.paragraph import Paragraph
from lxml.html import HtmlElement

from analysis.cover import Cover
from analysis.docx_styles import MARGINS_MM, PAGE_MM, STYLES, add_field, prepare_document, style_id
from analysis.files import write_bytes_atomic

if TYPE_CHECKING:  # only for annotations: analysis.report imports pandas and matplotlib, 2.5 s the writer does not need
    from analysis.report import Figure

HEADING_STYLES = {"h2": "Heading 1", "h3": "Heading 2", "h4": "Heading 3", "h5": "Heading 3", "h6": "Heading 3"}
INLINE_STYLES = {"strong": "bold", "b": "bold", "em": "italic", "i": "italic"}
NESTED_BLOCKS = {"ul", "ol", "table", "figure", "pre", "blockquote", "div"}
CONTAINERS = {"section", "div", "blockquote", "article", "details"}
SKIPPED = {"summary", "caption", "figcaption", "img", "hr", "nav", "header", "script", "style"}
FIGURE_WIDTH = Cm(15)
TEXT_WIDTH_MM = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]
MM_PER_PT = 25.4 / 72
CELL_MARGINS_MM = 2 * 1.9 + 1  # the template's 0.19 cm each side, and a little slack for Word's rounding
SHORT_COLUMN_MM = 28  # a column needing no more than this is kept unwrapped when space is short
MIN_LONG_COLUMN_MM = 20
WHITESPACE = re.compile(r"[ \t\r\n]+")
TOC_NOTE = "目录由Word生成：打开文档时选择“是”更新域即可显示；若未显示，请在此处右键→更新域。"


@dataclass(frozen=True)
class Segment:
    """A piece of a paragraph's text with its emphasis."""

    text: str
    bold: bool = False
    italic: bool = False


def classes_of(element: HtmlElement) -> set[str]:
    """The element's class names."""
    return set((element.get("class") or "").split())


def inline_segments(element: HtmlElement, bold: bool = False, italic: bool = False) -> list[Segment]:
    """The text of an element and its inline children as segments, whitespace collapsed as a browser does;
    nested blocks (lists, tables) are left out, their tails kept; <br> becomes a line break."""
    segments = [Segment(WHITESPACE.sub(" ", element.text), bold, italic)] if element.text else []
    for child in element:
        if not isinstance(child.tag, str):  # a comment
            pass
        elif child.tag == "br":
            segments.append(Segment("\n", bold, italic))
        elif child.tag == "img":
            segments.append(Segment(child.get("alt") or "", bold, italic))
        elif child.tag not in NESTED_BLOCKS:
            emphasis = INLINE_STYLES.get(child.tag)
            segments += inline_segments(child, bold or emphasis == "bold", italic or emphasis == "italic")
        if child.tail:
            segments.append(Segment(WHITESPACE.sub(" ", child.tail), bold, italic))
    return segments


def trim_segments(segments: list[Segment]) -> list[Segment]:
    """Segments without the paragraph's leading and trailing spaces, empty ones dropped, neighbours of one emphasis merged."""
    merged: list[Segment] = []
    for segment in segments:
        if merged and (merged[-1].bold, merged[-1].italic) == (segment.bold, segment.italic):
            merged[-1] = Segment(merged[-1].text + segment.text, segment.bold, segment.italic)
        else:
            merged.append(segment)
    if merged:
        merged[0] = Segment(merged[0].text.lstrip(" "), merged[0].bold, merged[0].italic)
        merged[-1] = Segment(merged[-1].text.rstrip(" "), merged[-1].bold, merged[-1].italic)
    return [s for s in merged if s.text]


def new_paragraph(document: Document, style: str) -> Paragraph:
    """A new paragraph in a named style of analysis.docx_styles (by its id: python-docx's own lookup scans every style)."""
    paragraph = document.add_paragraph()
    paragraph._p.style = style_id(style)
    return paragraph


def add_segments(paragraph: Paragraph, segments: list[Segment]) -> Paragraph:
    """Append runs to a paragraph, bold or italic where the HTML said so."""
    for segment in trim_segments(segments):
        run = paragraph.add_run(segment.text)
        if segment.bold:
            run.bold = True
        if segment.italic:
            run.italic = True
    return paragraph


def text_width(text: str) -> int:
    """Width of a text in half-character units: a CJK or full-width character counts 2, any other 1."""
    return sum(2 if ord(c) > 0x2E7F else 1 for c in text)


def natural_width(texts: list[str], headers: list[str], size_pt: float) -> float:
    """Width (mm) a column needs to show its cells unwrapped, a header being allowed two lines, cell margins included."""
    half_character_mm = size_pt * MM_PER_PT / 2
    units = max([text_width(t) for t in texts] + [(text_width(h) + 1) // 2 for h in headers] + [2])
    return units * half_character_mm + CELL_MARGINS_MM


def column_widths(headers: list[list[str]], body: list[list[str]], total_mm: float, size_pt: float) -> list[float]:
    """Column widths (mm) filling ``total_mm``: short columns (numbers, labels) as wide as they need, the long-text
    columns sharing what is left; when everything fits, all widened in proportion."""
    count = max(len(row) for row in headers + body)
    natural = [natural_width([r[i] for r in body if i < len(r)], [r[i] for r in headers if i < len(r)], size_pt) for i in range(count)]
    short = [width <= SHORT_COLUMN_MM for width in natural]
    room = total_mm - sum(w for w, s in zip(natural, short, strict=True) if s)
    long_total = sum(w for w, s in zip(natural, short, strict=True) if not s)
    if sum(natural) <= total_mm or room < MIN_LONG_COLUMN_MM * short.count(False):  # it fits, or short columns would crowd out the rest
        return [total_mm * w / sum(natural) for w in natural]
    return [w if s else room * w / long_total for w, s in zip(natural, short, strict=True)]


def mark_row(row: _Row, header: bool) -> None:
    """Never split a row across pages (w:cantSplit); a header row is also repeated on each page (w:tblHeader) and kept
    with the row after it."""
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))
    if header:
        properties.append(OxmlElement("w:tblHeader"))
        for cell in row.cells:
            cell.paragraphs[0].paragraph_format.keep_with_next = True


def fill_row(word_row: _Row, html_cells: list[HtmlElement], widths: list[float], text_style: str) -> None:
    """Write an HTML row's cells into a Word row: widths (mm), the text style, header cells bold and centred,
    numeric cells (class="num") right-aligned."""
    for cell, word_cell, width in zip(html_cells, word_row.cells, widths, strict=False):
        word_cell.width = Mm(width)
        paragraph = word_cell.paragraphs[0]
        paragraph._p.style = style_id(text_style)
        heading = cell.tag == "th"
        add_segments(paragraph, inline_segments(cell, bold=heading))
        if "num" in classes_of(cell):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif heading:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def add_table(document: Document, element: HtmlElement, text_style: str = "Table Text") -> None:
    """An HTML table as a Word grid table: its caption before it (kept with it), header rows repeated, numbers right-aligned."""
    caption = element.find("caption")
    if caption is not None:
        add_segments(new_paragraph(document, "Caption"), inline_segments(caption)).paragraph_format.keep_with_next = True
    rows = element.xpath("./thead/tr|./tbody/tr|./tfoot/tr|./tr")
    cells = [[cell for cell in row if cell.tag in ("td", "th")] for row in rows]
    if not any(cells):
        return
    texts = [["".join(s.text for s in trim_segments(inline_segments(cell))) for cell in row] for row in cells]
    in_head = [row.getparent().tag == "thead" for row in rows]
    headers = [t for t, head in zip(texts, in_head, strict=True) if head]
    widths = column_widths(headers, [t for t, head in zip(texts, in_head, strict=True) if not head], TEXT_WIDTH_MM, STYLES[text_style].size_pt)
    table = document.add_table(rows=len(rows), cols=len(widths))
    table.style = "Table Grid"
    for html_cells, word_row, head in zip(cells, table.rows, in_head, strict=True):
        fill_row(word_row, html_cells, widths, text_style)
        mark_row(word_row, head)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)


def add_figure(document: Document, element: HtmlElement, figures: dict[str, Figure]) -> None:
    """A chart inline, 15 cm wide and centred, kept with its caption 图N　… underneath."""
    key = (element.get("id") or "").removeprefix("fig-")
    if key not in figures:
        raise ValueError(f"报告中的图表没有对应的图片 (missing figure)：{key}")
    new_paragraph(document, "Figure").add_run().add_picture(BytesIO(figures[key].png), width=FIGURE_WIDTH)
    caption = element.find("figcaption")
    if caption is not None:
        add_segments(new_paragraph(document, "Caption"), inline_segments(caption))


def add_list(document: Document, element: HtmlElement, figures: dict[str, Figure], style: str) -> None:
    """List items as paragraphs numbered 1．2．… (ordered) or marked ·, each item's nested blocks after it."""
    start = int(element.get("start") or 1)
    for number, item in enumerate(element.findall("li"), start=start):
        mark = f"{number}．" if element.tag == "ol" else "· "
        add_segments(new_paragraph(document, style), [Segment(mark), *inline_segments(item)])
        for child in item:
            if child.tag in NESTED_BLOCKS:
                add_block(document, child, figures, style)


def add_block(document: Document, element: HtmlElement, figures: dict[str, Figure], style: str = "Normal") -> None:
    """Write one block of the body (heading, paragraph, list, table, figure, or a container of them) in paragraph ``style``."""
    tag = element.tag if isinstance(element.tag, str) else ""
    if not tag or tag in SKIPPED or element.get("id") == "trace" or "trace-toc" in classes_of(element):
        return
    if tag == "footer":
        for child in element:
            add_block(document, child, figures, "Provenance")
    elif tag in CONTAINERS:
        for child in element:
            add_block(document, child, figures, style)
    elif tag in HEADING_STYLES:
        if style == "Normal":
            add_segments(new_paragraph(document, HEADING_STYLES[tag]), inline_segments(element))
        else:  # a heading in the small-print footer stays out of the contents
            add_segments(new_paragraph(document, style), inline_segments(element, bold=True))
    elif tag in ("ol", "ul"):
        add_list(document, element, figures, style)
    elif tag == "table":
        add_table(document, element, "Provenance" if style == "Provenance" else "Table Text")
    elif tag == "figure":
        add_figure(document, element, figures)
    else:  # p, pre and anything unexpected: its text as a paragraph
        segments = inline_segments(element)
        if trim_segments(segments):
            add_segments(new_paragraph(document, style), segments)


def add_cover(document: Document, cover: Cover, note: HtmlElement | None) -> None:
    """The cover page: title, department, fiscal year, date, the sample note if any; then a page break."""
    title = document.add_paragraph(cover.title, style="Title")
    title.paragraph_format.space_before = Pt(120)
    department = document.add_paragraph(cover.department, style="Cover Line")
    department.paragraph_format.space_before = Pt(96)
    document.add_paragraph(f"{cover.fiscal_year}年度", style="Cover Line")
    document.add_paragraph(cover.date_text, style="Cover Line")
    if note is not None:
        add_segments(new_paragraph(document, "Note"), inline_segments(note)).paragraph_format.space_before = Pt(96)
    document.add_page_break()


def add_contents(document: Document) -> None:
    """The 目录 page: a Word TOC field over heading levels 1-2, showing how to fill it until Word does."""
    document.add_paragraph("目　录", style="Contents Title")
    add_field(document.add_paragraph(), 'TOC \\o "1-2" \\h \\z \\u', TOC_NOTE)
    document.add_page_break()


def build_document(body_html: str, figures: list[Figure], cover: Cover) -> Document:
    """The Word document for a report body: cover, contents, then every block of the article."""
    root = lxml.html.fromstring(body_html)
    article = root if root.tag == "article" else root.find(".//article")
    if article is None:
        raise ValueError("报告正文中没有 <article> 元素 (no article element)")
    document = docx.Document()
    prepare_document(document)
    add_cover(document, cover, next((p for p in article.iter("p") if "sample-note" in classes_of(p)), None))
    add_contents(document)
    by_key = {f.key: f for f in figures}
    for child in article:
        add_block(document, child, by_key)
    return document


def write_report_docx(body_html: str, figures: list[Figure], path: Path, cover: Cover) -> Path:
    """Write the report body as an editable Word file at ``path`` (atomically); returns the path."""
    buffer = BytesIO()
    build_document(body_html, figures, cover).save(buffer)
    return write_bytes_atomic(Path(path), buffer.getvalue())
