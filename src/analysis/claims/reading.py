"""Reading a report as numbered lines of text: .txt, .md, .docx and .html (our own exports included)."""

from __future__ import annotations

import zipfile
from pathlib import Path

SUFFIXES = (".txt", ".md", ".docx", ".html", ".htm")

# Elements that start a new line of text; everything else is inline and joins its neighbours.
BLOCK_TAGS = frozenset(
    "address article aside blockquote body br caption dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table tbody thead tfoot tr ul".split()
)
CELL_TAGS = frozenset({"td", "th"})
SKIPPED_TAGS = frozenset({"head", "script", "style", "template", "noscript", "svg", "img"})


class ReportReadError(Exception):
    """The report cannot be read: missing, of an unknown kind, or not what its name says."""


def read_report(path: Path) -> list[str]:
    """The report's text as lines: a text line, a .docx paragraph (a table row is one line), an HTML block."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ReportReadError(f"不支持的文件类型 (unsupported file type)：{path.name}；可读取 {'、'.join(SUFFIXES)}")
    try:
        if suffix == ".docx":
            return read_docx(path)
        data = path.read_bytes()
    except OSError as error:
        raise ReportReadError(f"无法读取文件 (cannot read file)：{path}（{error.strerror or error}）") from error
    text = decode_text(data, path.name)
    if suffix in (".html", ".htm"):
        return html_lines(text)
    return text.splitlines()


def decode_text(data: bytes, name: str) -> str:
    """Decode UTF-8 (with or without BOM), else GB18030, as Chinese Windows editors save."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise ReportReadError(f"文件编码无法识别 (unknown encoding)：{name}；请另存为 UTF-8")


def read_docx(path: Path) -> list[str]:
    """Paragraphs of a Word document in body order; each table row is one line, its cells joined by tabs."""
    import docx  # python-docx; imported here so that the other formats do not pay for it
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    if not path.is_file():
        raise FileNotFoundError(2, "没有这个文件 (no such file)", str(path))
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise ReportReadError(f"不是有效的 Word 文档 (not a valid .docx)：{path.name}") from error
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.extend("\t".join(cell.text.replace("\n", " ") for cell in row.cells) for row in block.rows)
        else:
            lines.append(block.text)
    return lines


def html_lines(markup: str) -> list[str]:
    """Visible text of an HTML page, one line per block element; table cells are joined by tabs."""
    from bs4 import BeautifulSoup, NavigableString, Tag

    soup = BeautifulSoup(markup, "html.parser")
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = "".join(current).strip()
        if text:
            lines.append(" ".join(text.split(" ")))
        current.clear()

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if type(child) is NavigableString:  # not a comment, doctype or CDATA
                    current.append(" ".join(str(child).split()) if "\n" in child else str(child))
                continue
            if not isinstance(child, Tag) or child.name in SKIPPED_TAGS:
                continue
            if child.name in BLOCK_TAGS:
                flush()
                walk(child)
                flush()
            elif child.name in CELL_TAGS:
                if current:
                    current.append("\t")
                walk(child)
            else:
                walk(child)

    walk(soup)
    flush()
    return lines
