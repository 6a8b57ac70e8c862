"""report.pdf: the report body laid out by WeasyPrint as a 公文 (templates/report/print.css), fonts embedded.

WeasyPrint implements CSS paged media, so the cover, the contents' page numbers, the "— 3 —" footers on
left and right pages and the repeated table headers are all stylesheet. It is given font subsets already cut
to the document's characters and told to embed them whole: re-subsetting a CFF font is most of its time.
Run as ``python -m analysis.pdf_report`` by a run, beside the page's export (publish.PdfExport).
"""

from __future__ import annotations

import base64
import json
import logging
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

import lxml.html
from lxml.html import HtmlElement
from markupsafe import escape

from analysis.cover import Cover
from analysis.files import write_bytes_atomic
from analysis.fonts import MissingFontError, cached_subset, characters_of
from analysis.paths import CJK_FONT_PATH, CJK_SERIF_FONT_PATH, TEMPLATES_DIR

PRINT_CSS = TEMPLATES_DIR / "report" / "print.css"
FONTS = {"jixiao Serif": CJK_SERIF_FONT_PATH, "jixiao Sans": CJK_FONT_PATH}
GENERATED_TEXT = "— 0123456789."  # what the stylesheet writes itself: page numbers and the contents' leaders
ENGINE_FIX = "请安装 Pango 后重试 (install Pango)：sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0；Python 包 weasyprint 由 make env 安装"


class PdfExportError(RuntimeError):
    """The PDF could not be made; the message names the cause and the fix."""


def report_body_of(notebook_path: Path) -> str:
    """The report's HTML from an executed report notebook: the HTML outputs of its cells tagged "report", in order
    (what the page's nbconvert template shows)."""
    cells = json.loads(Path(notebook_path).read_text(encoding="utf-8"))["cells"]
    return "".join(
        "".join(output["data"]["text/html"])
        for cell in cells
        if cell["cell_type"] == "code" and "report" in cell.get("metadata", {}).get("tags", [])
        for output in cell.get("outputs", [])
        if output["output_type"] in ("display_data", "execute_result") and "text/html" in output.get("data", {})
    )


def new_element(tag: str, text: str, css_class: str) -> HtmlElement:
    """An element with one class and its text."""
    element = lxml.html.Element(tag, {"class": css_class})
    element.text = text
    return element


def cover_section(cover: Cover, note: HtmlElement | None) -> HtmlElement:
    """The cover page: title, department, fiscal year, date, then the sample note if the report has one."""
    section = lxml.html.Element("section", {"class": "cover"})
    section.append(new_element("h1", cover.title, "cover-title"))
    for line in (cover.department, f"{cover.fiscal_year}年度", cover.date_text):
        section.append(new_element("p", line, "cover-line"))
    if note is not None:
        section.append(note)
    return section


def build_print_document(body_html: str, cover: Cover) -> str:
    """The PDF's document: the cover, then the body without its screen heading and without the postings appendix
    (a screen aid of closed <details>, left out of print as the page's print stylesheet does), its links unwrapped."""
    article = lxml.html.fromstring(body_html) if body_html.strip() else None
    if article is None or article.tag != "article":
        raise PdfExportError("报告正文中没有 <article> 元素 (no article element)：请先运行 04_report 生成报告正文")
    note = next(iter(article.find_class("sample-note")), None)
    for element in [*article.find_class("report-head"), *article.find_class("trace-toc"), *article.xpath(".//section[@id='trace']")]:
        element.drop_tree()
    for link in article.find_class("trace-link"):
        link.drop_tag()
    article.insert(0, cover_section(cover, note))
    head = (
        f"<head><meta charset='utf-8'><title>{escape(cover.title)}</title>"
        f"<meta name='author' content='{escape(cover.department)}'><meta name='generator' content='jixiao'></head>"
    )
    return f"<!DOCTYPE html><html lang='zh'>{head}<body>{lxml.html.tostring(article, encoding='unicode')}</body></html>"


def font_faces(document: str, cache: Path | None) -> str:
    """@font-face rules embedding, for each family of the stylesheet, the subset of its font the document needs (OpenType)."""
    text = characters_of(document + GENERATED_TEXT)
    rules = []
    for family, path in FONTS.items():
        data = base64.b64encode(cached_subset(text, cache, path, flavor=None)).decode("ascii")
        rules.append(f'@font-face {{ font-family: "{family}"; src: url(data:font/otf;base64,{data}); }}')
    return "\n".join(rules)


def start_engine() -> ModuleType:
    """Import WeasyPrint, turning a missing Pango (it loads the system's libraries when imported) into a message with the fix."""
    # WeasyPrint warns at import that it will need HarfBuzz's subsetter; it is given fonts already cut (full_fonts)
    warnings.filterwarnings("ignore", "HarfBuzz-Subset", DeprecationWarning)
    try:
        import weasyprint
    except (ImportError, OSError) as error:
        raise PdfExportError(f"PDF 引擎 WeasyPrint 无法启动 (PDF engine failed to start)：{error}；{ENGINE_FIX}") from error
    return weasyprint


class EngineProblems(logging.Handler):
    """WeasyPrint's log records of things it could not load (an image, a font): each would be a hole in the PDF."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        """Keep the first line of a "Failed to load …" record."""
        message = record.getMessage()
        if message.startswith("Failed to load"):
            self.messages.append(message.splitlines()[0][:300])


@contextmanager
def failing_on_engine_problems() -> Iterator[None]:
    """Raise PdfExportError after the block if WeasyPrint logged a resource it could not load."""
    problems, logger = EngineProblems(), logging.getLogger("weasyprint")
    logger.addHandler(problems)
    try:
        yield
    finally:
        logger.removeHandler(problems)
    if problems.messages:
        raise PdfExportError("PDF 中有无法载入的内容 (could not load)：" + "；".join(problems.messages) + "；请检查报告中的图表 (check the figures)")


def render_pdf(document: str, stylesheet: str) -> bytes:
    """The PDF bytes of ``document`` laid out with ``stylesheet`` (fonts embedded as given, not re-subset)."""
    weasyprint = start_engine()
    fonts = weasyprint.text.fonts.FontConfiguration()  # the stylesheet's @font-face rules load into it
    with failing_on_engine_problems():
        css = weasyprint.CSS(string=stylesheet, font_config=fonts)
        return weasyprint.HTML(string=document).write_pdf(stylesheets=[css], font_config=fonts, full_fonts=True)


def write_report_pdf(body_html: str, path: Path, cover: Cover, font_cache: Path | None = None) -> Path:
    """Write the report body as report.pdf at ``path`` (atomically); returns the path. ``font_cache``: a folder
    keeping the font subsets for the next PDF with the same characters."""
    document = build_print_document(body_html, cover)
    try:
        stylesheet = font_faces(document, font_cache) + "\n" + PRINT_CSS.read_text(encoding="utf-8")
    except MissingFontError as error:
        raise PdfExportError(str(error)) from error
    return write_bytes_atomic(Path(path), render_pdf(document, stylesheet))


def serve() -> int:
    """``python -m analysis.pdf_report``: load the engine, then make the one PDF asked for on standard input as JSON
    (notebook, pdf, cover, font_cache), so the process can be started before the report it exports exists.
    Exit 1 with the reason on standard error when the PDF cannot be made."""
    try:
        start_engine()
        request = json.loads(sys.stdin.readline())
        body = report_body_of(Path(request["notebook"]))
        write_report_pdf(body, Path(request["pdf"]), Cover(**request["cover"]), request["font_cache"] and Path(request["font_cache"]))
    except (PdfExportError, OSError, ValueError, KeyError) as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(serve())
