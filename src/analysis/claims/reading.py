"""Reading a report as numbered lines of text: .txt, .md, .docx and .html (our own exports included).

What cannot be read safely is refused with the limit it passes (see analysis.limits): a text over
MAX_REPORT_CHARS characters, a .docx that would unpack past the zip limits or whose body (word/document.xml)
is over MAX_DOCX_XML_BYTES, a page of more than MAX_HTML_ELEMENTS tags (counted before it is parsed) or
nested deeper than MAX_HTML_DEPTH elements.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.files import harmless
from analysis.limits import (
    MAX_DOCX_XML_BYTES,
    MAX_HTML_DEPTH,
    MAX_HTML_ELEMENTS,
    MAX_REPORT_CHARS,
    LimitExceeded,
    check_archive,
    check_size,
)

if TYPE_CHECKING:
    from bs4 import PageElement, Tag

SUFFIXES = (".txt", ".md", ".docx", ".html", ".htm")

# Elements that start a new line of text; everything else is inline and joins its neighbours.
BLOCK_TAGS = frozenset(
    "address article aside blockquote body br caption dd details div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section summary table tbody thead tfoot tr ul".split()
)
CELL_TAGS = frozenset({"td", "th"})
SKIPPED_TAGS = frozenset({"head", "script", "style", "template", "noscript", "svg", "img"})
BYTES_PER_CHAR = 4  # the most a character takes in UTF-8 or GB18030
DOCX_BODY = "word/document.xml"  # where Word and python-docx keep a document's body
# What html.parser reads as the start of a tag (its starttagopen): "<" and an ASCII letter, not "</", "<!" or "a < b".
TAG_START_RE = re.compile(r"<[a-zA-Z]")


class ReportReadError(Exception):
    """The report cannot be read: missing, of an unknown kind, or not what its name says."""


def read_report(path: Path) -> list[str]:
    """The report's text as lines: a text line, a .docx paragraph (a table row is one line), an HTML block.
    ReportReadError when it cannot be read, or not safely: the message names the file and the limit."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ReportReadError(f"不支持的文件类型 (unsupported file type)：{path.name}；可读取 {'、'.join(SUFFIXES)}")
    if path.exists() and not path.is_file():  # a folder, or a pipe that would wait forever
        raise ReportReadError(f"不是普通文件 (not a regular file)：{path}；请给出报告文件本身")
    try:
        if suffix == ".docx":
            lines = read_docx(path)
        else:
            text = decode_text(read_bytes(path), path.name)
            check_size(len(text), MAX_REPORT_CHARS, path.name)
            lines = html_lines(text, path.name) if suffix in (".html", ".htm") else text.splitlines()
        # a terminal's escape codes in the report must not reach the terminal when a line is shown
        return [harmless(line) for line in lines]
    except OSError as error:
        raise ReportReadError(f"无法读取文件 (cannot read file)：{path}（{error.strerror or error}）") from error
    except LimitExceeded as error:
        raise ReportReadError(str(error)) from error


def read_bytes(path: Path) -> bytes:
    """The file's bytes; LimitExceeded, before anything is decoded, for more bytes than MAX_REPORT_CHARS
    characters can take (BYTES_PER_CHAR each). No more than that is read, whatever size the file claims."""
    most = BYTES_PER_CHAR * MAX_REPORT_CHARS.value
    size = path.stat().st_size
    if size <= most:
        with path.open("rb") as stream:
            data = stream.read(most + 1)
        if len(data) <= most:
            return data
        size = len(data)  # it grew since, or is a device: at least this much
    found = f"{size:,}字节 (bytes)，多于{most:,}字节（每个字符至多{BYTES_PER_CHAR}字节）"
    raise LimitExceeded(MAX_REPORT_CHARS, found, path.name)


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
    """Paragraphs of a Word document in body order; each table row is one line, its cells joined by tabs.
    The archive's sizes are checked before anything is unpacked (LimitExceeded past the zip limits)."""
    import docx  # python-docx; imported here so that the other formats do not pay for it
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    from analysis.claims.word import body_lines

    if not path.is_file():
        raise FileNotFoundError(2, "没有这个文件 (no such file)", str(path))
    check_archive(path)
    check_docx_body(path)
    invalid = f"不是有效的 Word 文档 (not a valid .docx)：{path.name}"
    try:
        body = docx.Document(str(path)).element.body
        if body is None:
            raise ReportReadError(invalid)
        return body_lines(body, path.name)
    except LimitExceeded:
        raise  # a document too long, not a broken one: read_report says which limit
    # ValueError: python-docx's, and word.MergeError; XMLSyntaxError: libxml2 refuses XML nested deeper than
    # 256 elements; RecursionError: only a backstop, as nothing in reading a document recurses
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError, RecursionError) as error:
        raise ReportReadError(invalid) from error


def check_docx_body(path: Path) -> None:
    """LimitExceeded for a .docx whose body would unpack to more than MAX_DOCX_XML_BYTES, by the size the
    archive's directory gives (no more is ever unpacked); one with no body, or no zip, is python-docx's to refuse."""
    try:
        with zipfile.ZipFile(path) as archive:
            size = archive.getinfo(DOCX_BODY).file_size  # the entry a reader of that name gets, the last of duplicates
    except (zipfile.BadZipFile, KeyError, OSError):
        return
    check_size(size, MAX_DOCX_XML_BYTES, path.name)


def count_tags(markup: str) -> int:
    """How many start tags a page has: each "<" followed by a letter, as html.parser begins one (an element,
    or a "<b" within a script: an upper bound of the elements), counted without parsing."""
    return sum(1 for _ in TAG_START_RE.finditer(markup))


def html_lines(markup: str, name: str = "") -> list[str]:
    """Visible text of an HTML page, one line per block element; table cells are joined by tabs; of a closed
    <details>, only its summary.
    LimitExceeded (``name`` is the file's, for the message) for a page of more than MAX_HTML_ELEMENTS tags,
    before it is parsed (the parser takes about 50 µs and a kilobyte for each), or nested deeper than
    MAX_HTML_DEPTH elements."""
    from bs4 import BeautifulSoup, NavigableString, Tag

    check_size(count_tags(markup), MAX_HTML_ELEMENTS, name)
    soup = BeautifulSoup(markup, "html.parser")
    check_size(html_depth(soup), MAX_HTML_DEPTH, name)
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = "".join(current).strip()
        if text:
            lines.append(" ".join(text.split(" ")))
        current.clear()

    # What is left to read, the next on top: a node, or None where a block ends. An explicit stack, so
    # that no nesting can overflow Python's.
    pending: list[PageElement | None] = [*reversed(soup.contents)]
    while pending:
        node = pending.pop()
        if node is None:
            flush()
        elif isinstance(node, NavigableString):
            if type(node) is NavigableString:  # not a comment, doctype or CDATA
                current.append(" ".join(str(node).split()) if "\n" in node else str(node))
        elif isinstance(node, Tag) and node.name not in SKIPPED_TAGS:
            if node.name in BLOCK_TAGS:
                flush()
                pending.append(None)
            elif node.name in CELL_TAGS and current:
                current.append("\t")
            pending.extend(reversed(shown_contents(node)))
    flush()
    return lines


def shown_contents(node: Tag) -> list[PageElement]:
    """The children read as claims: of a closed <details> in jixiao's own voucher appendix (section.trace: a list
    of source postings, not claims) only its <summary>; of anything else, another report's folded text included, all."""
    if node.name == "details" and not node.has_attr("open") and is_voucher_appendix(node.find_parent("section")):
        return [child for child in node.contents if getattr(child, "name", None) == "summary"][:1]
    return node.contents


def is_voucher_appendix(section: Tag | None) -> bool:
    """Whether ``section`` is the report's 附录二 (templates/report/body.html.j2: <section class="appendix trace">)."""
    return section is not None and "trace" in (section.get("class") or [])


def html_depth(soup: Tag) -> int:
    """How deeply elements nest in a parsed page (its <html> is 1), counted without recursion."""
    from bs4 import Tag

    deepest = 0
    pending = [(soup, 0)]
    while pending:
        node, depth = pending.pop()
        deepest = max(deepest, depth)
        pending.extend((child, depth + 1) for child in node.contents if isinstance(child, Tag))
    return deepest
