"""`jixiao check` refuses what it cannot read safely (exit 2, naming the file and the limit), and stays fast
on what a few bytes can make large: long merged Word columns, huge grid spans, long lists of parts."""

from __future__ import annotations

import dataclasses
import re
import zipfile
from pathlib import Path

import docx
import pytest

from analysis import limits
from analysis.claims import check_lines, check_report
from analysis.claims.extract import Claim, extract_claims
from analysis.claims.prefix import Prefix, prefix_of
from analysis.claims.reading import ReportReadError, count_tags, html_lines, read_report
from analysis.claims.roles import title_year
from analysis.claims.tables import split_cells
from analysis.cli import main

REFUSED = "无法核对 (cannot check)："
CHARS_LIMIT = "报告正文 (characters of report text)不超过100个字符 (limit MAX_REPORT_CHARS)"


@pytest.fixture
def hundred_chars(monkeypatch: pytest.MonkeyPatch) -> None:
    """MAX_REPORT_CHARS made 100 characters (400 bytes), so that a test need not write five million."""
    small = dataclasses.replace(limits.MAX_REPORT_CHARS, value=100)
    monkeypatch.setattr("analysis.claims.reading.MAX_REPORT_CHARS", small)
    monkeypatch.setattr("analysis.claims.word.MAX_REPORT_CHARS", small)


def refusal(path: Path, capsys: pytest.CaptureFixture) -> str:
    """Check ``path`` through the command line; assert exit status 2 and return its one line of error."""
    assert main(["check", str(path)]) == 2
    return capsys.readouterr().err


# ---------------------------------------------------------------- text too long


def test_a_text_of_the_limit_is_read_and_one_character_more_is_refused(tmp_path: Path, hundred_chars: None, capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "long.txt"
    path.write_text("支" * 100, encoding="utf-8")  # 100 characters, 300 bytes
    assert main(["check", str(path)]) == 0
    path.write_text("支" * 101, encoding="utf-8")  # 303 bytes: within 4 × 100, so decoded, then 101 characters
    capsys.readouterr()
    assert refusal(path, capsys) == f"{REFUSED}long.txt：超出限制 (limit exceeded)：{CHARS_LIMIT}；此处为 (found) 101个字符\n"


def test_a_file_of_more_bytes_than_the_characters_can_take_is_refused_undecoded(tmp_path: Path, hundred_chars: None, capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "big.md"
    path.write_text("𠀀" * 100, encoding="utf-8")  # U+20000 takes 4 bytes: 400 bytes is the most 100 characters take
    assert main(["check", str(path)]) == 0
    path.write_bytes(b"\xff" * 401)  # not even text: refused for its size before any decoding is tried
    capsys.readouterr()
    assert refusal(path, capsys) == (
        f"{REFUSED}big.md：超出限制 (limit exceeded)：{CHARS_LIMIT}；此处为 (found) 401字节 (bytes)，多于400字节（每个字符至多4字节）\n"
    )


def test_an_html_page_counts_its_markup(tmp_path: Path, hundred_chars: None, capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "page.html"
    path.write_text("<p>" + "支" * 94 + "</p>", encoding="utf-8")  # 3 + 94 + 4 = 101 characters, 94 visible
    assert refusal(path, capsys).endswith(f"page.html：超出限制 (limit exceeded)：{CHARS_LIMIT}；此处为 (found) 101个字符\n")


def write_paragraphs(path: Path, count: int) -> Path:
    """A Word document of ``count`` paragraphs "基本支出199.54万元" (12 characters each)."""
    document = docx.Document()
    for _ in range(count):
        document.add_paragraph("基本支出199.54万元")
    document.save(str(path))
    return path


def test_a_word_document_too_long_once_read(tmp_path: Path, hundred_chars: None, capsys: pytest.CaptureFixture) -> None:
    # a paragraph counts 12 characters and its line break: 7 make 91, the 8th passes 100 at 104
    assert read_report(write_paragraphs(tmp_path / "seven.docx", 7)) == ["基本支出199.54万元"] * 7
    err = refusal(write_paragraphs(tmp_path / "eight.docx", 8), capsys)
    assert err == f"{REFUSED}eight.docx：超出限制 (limit exceeded)：{CHARS_LIMIT}；此处为 (found) 至少 (at least) 104个字符\n"


# ---------------------------------------------------------------- Word documents that unpack or repeat too much


def with_body(path: Path, body: str) -> Path:
    """A .docx made by python-docx whose document body is replaced by ``body`` (WordprocessingML)."""
    blank = path.with_name("blank.docx")
    docx.Document().save(str(blank))
    with zipfile.ZipFile(blank) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                head, _, rest = data.decode("utf-8").partition("<w:body>")
                data = (head + "<w:body>" + body + "</w:body>" + rest.partition("</w:body>")[2]).encode("utf-8")
            target.writestr(item, data)
    return path


def cell(text: str, merge: str = "", span: int = 1) -> str:
    """One table cell; ``merge`` "restart" or "continue" merges it with the cells below or above."""
    properties = (f'<w:gridSpan w:val="{span}"/>' if span != 1 else "") + (
        '<w:vMerge w:val="restart"/>' if merge == "restart" else "<w:vMerge/>" if merge == "continue" else ""
    )
    return f"<w:tc><w:tcPr>{properties}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def table(*rows: str, columns: int = 3) -> str:
    """A table of the given rows (each a run of cells) over ``columns`` grid columns."""
    return "<w:tbl><w:tblGrid>" + "<w:gridCol/>" * columns + "</w:tblGrid>" + "".join(f"<w:tr>{row}</w:tr>" for row in rows) + "</w:tbl>"


def test_a_zip_bomb_docx_is_refused_before_python_docx_opens_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "bomb.docx"
    docx.Document().save(str(path))
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/padding.xml", b"0" * (3 * 1024 * 1024))  # 3 MiB of one byte: deflates a thousandfold
    with zipfile.ZipFile(path) as archive:
        member = archive.getinfo("word/padding.xml")
    ratio = member.file_size // member.compress_size
    assert ratio > 100

    def never(*args: object) -> None:
        raise AssertionError("python-docx opened a zip bomb")

    monkeypatch.setattr(docx, "Document", never)
    assert refusal(path, capsys) == (
        f"{REFUSED}bomb.docx：超出限制 (limit exceeded)：压缩比 (compression ratio)不超过100倍 "
        f"(limit MAX_ZIP_RATIO)；此处为 (found) word/padding.xml {ratio:,}倍\n"
    )


def test_merged_cells_read_as_python_docx_reads_them(tmp_path: Path) -> None:
    # 甲 spans two grid columns and the row below; 丁 starts the third row alone
    path = with_body(
        tmp_path / "merged.docx",
        table(cell("甲", "restart", span=2) + cell("乙"), cell("", "continue", span=2) + cell("丙"), cell("丁") + cell("戊") + cell("己")),
    )
    assert read_report(path) == ["甲\t甲\t乙", "甲\t甲\t丙", "丁\t戊\t己"]
    rows = docx.Document(str(path)).tables[0].rows
    assert ["\t".join(c.text for c in row.cells) for row in rows] == read_report(path)


def test_a_long_merged_column_is_read_without_recursion(tmp_path: Path) -> None:
    # python-docx follows each merged cell up to the first row, recursively: 3000 rows overflowed its stack
    rows = [cell("合计", "restart") + cell("1件")] + [cell("", "continue") + cell("1件")] * 3000
    path = with_body(tmp_path / "column.docx", table(*rows, columns=2))
    assert read_report(path) == ["合计\t1件"] * 3001


def test_a_cell_spanning_two_billion_columns_is_refused_unbuilt(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = with_body(tmp_path / "span.docx", table(cell("1件", span=2_000_000_000)))
    # "1件" two billion times with a tab between, and a line break: 2 × 2e9 + (2e9 − 1) + 1 characters
    assert refusal(path, capsys) == (
        f"{REFUSED}span.docx：超出限制 (limit exceeded)：报告正文 (characters of report text)"
        "不超过5,000,000个字符 (limit MAX_REPORT_CHARS)；此处为 (found) 至少 (at least) 6,000,000,000个字符\n"
    )


@pytest.mark.parametrize(
    "name, body",
    [
        ("nested.docx", "<w:tbl><w:tr><w:tc>" * 100 + "<w:p/>" + "</w:tc></w:tr></w:tbl>" * 100),  # 300 levels: libxml2 stops at 256
        ("first.docx", table(cell("甲", "continue"))),  # merged with a row above the first
        ("gap.docx", table(cell("甲", span=2) + cell("乙"), cell("丙") + cell("丁", "continue"))),  # no cell starts above 丁
    ],
)
def test_broken_word_structures_are_unreadable_not_a_traceback(tmp_path: Path, name: str, body: str, capsys: pytest.CaptureFixture) -> None:
    assert refusal(with_body(tmp_path / name, body), capsys) == f"{REFUSED}不是有效的 Word 文档 (not a valid .docx)：{name}\n"


# ---------------------------------------------------------------- HTML nested too deep


def nested(levels: int) -> str:
    """A page of ``levels`` nested <div>s around one figure (no <html> or <body>: the first <div> is level 1)."""
    return "<div>" * levels + "受理1件" + "</div>" * levels


def test_a_page_nested_to_the_limit_is_read_and_one_level_more_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "deep.html"
    path.write_text(nested(256), encoding="utf-8")
    assert read_report(path) == ["受理1件"]
    path.write_text(nested(257), encoding="utf-8")
    assert refusal(path, capsys) == (
        f"{REFUSED}deep.html：超出限制 (limit exceeded)：HTML 元素嵌套层数 (element nesting depth)不超过256层 (limit MAX_HTML_DEPTH)；此处为 (found) 257层\n"
    )


def test_five_thousand_levels_are_refused_not_a_recursion_error(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "deeper.htm"
    path.write_text("<html><body>" + nested(5000) + "</body></html>", encoding="utf-8")
    with pytest.raises(ReportReadError, match="5,002层"):  # <html>, <body> and 5000 <div>s
        check_report(path)
    assert "(limit MAX_HTML_DEPTH)" in refusal(path, capsys)


def test_the_walk_of_a_page_keeps_blocks_cells_and_inline_text() -> None:
    page = (
        "<html><head><title>标题不读</title><style>p{}</style></head><body>\n"
        "<div>一、<span>基本<b>情况</b></span><!-- 注释 --><p>段落1</p>尾</div>\n"
        "<table><tr><th>项目</th><td>金额</td></tr><tr><td>基本支出</td><td><b>199.54</b>万元</td></tr></table>\n"
        "<ul><li>甲</li><li>乙<script>不读</script></li></ul><p>多个\n   空格  与换行</p></body></html>"
    )
    assert html_lines(page) == ["一、基本情况", "段落1", "尾", "项目\t金额", "基本支出\t199.54万元", "甲", "乙", "多个 空格 与换行"]


# ---------------------------------------------------------------- many parts, one relation


NAMES = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水"  # 25 items


@pytest.mark.parametrize("total, verdict", [("25.13", "consistent"), ("25.14", "inconsistent")])
def test_a_list_of_25_parts_is_checked_with_the_rounding_of_each(total: str, verdict: str) -> None:
    # each 1.00万元 part may be 0.995 to 1.005: together 24.875 to 25.125; 25.13 may be 25.125, 25.14 not
    # (2 ** 25 corners of the parts' intervals once took minutes; their sums are added instead)
    parts = "、".join(f"{name}项目1.00万元" for name in NAMES)
    result = check_lines([f"2024年项目支出{total}万元，其中{parts}。"])
    sums = [(f.verdict, f.recomputed) for f in result.findings if f.kind == "sum"]
    assert sums == [(verdict, "25.00万元")]


# ---------------------------------------------------------------- HTML of too many elements, refused unparsed


def never_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make parsing a page fail the test: a refusal must come from counting its tags first."""
    import bs4

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("the page was parsed")

    monkeypatch.setattr(bs4, "BeautifulSoup", never)


# <html>, <body>, <p>, <b>, <p>: five start tags; "</…", "<!…" and a "<" before a digit or a space open none
FIVE_TAGS = "<!DOCTYPE html><html><body><p>受理<b>1</b>件</p><p>1 < 2，3<4</p><!-- 注释 --></body></html>"
ELEMENTS_LIMIT = "HTML 元素个数 (elements, counted as tags)不超过{:,}个 (limit MAX_HTML_ELEMENTS)；此处为 (found) {:,}个\n"


def test_a_page_of_the_element_limit_is_read_and_one_tag_more_is_refused_unparsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setattr("analysis.claims.reading.MAX_HTML_ELEMENTS", dataclasses.replace(limits.MAX_HTML_ELEMENTS, value=5))
    path = tmp_path / "five.html"
    path.write_text(FIVE_TAGS, encoding="utf-8")
    assert read_report(path) == ["受理1件", "1 < 2，3<4"]
    assert main(["check", str(path)]) == 0
    path = tmp_path / "six.html"
    path.write_text(FIVE_TAGS.replace("<b>1</b>", "<b><i>1</i></b>"), encoding="utf-8")  # a sixth: <i>
    never_parsed(monkeypatch)
    capsys.readouterr()
    assert refusal(path, capsys) == f"{REFUSED}six.html：超出限制 (limit exceeded)：" + ELEMENTS_LIMIT.format(5, 6)


def test_a_million_nested_tags_are_refused_by_the_real_limit_before_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    # 600,000 nested <b> with their </b> are 4,200,000 characters, within MAX_REPORT_CHARS; parsed, they took
    # about 50 µs and a kilobyte each before the depth was even looked at
    path = tmp_path / "nested.htm"
    path.write_text("<b>" * 600_000 + "受理1件" + "</b>" * 600_000, encoding="utf-8")
    never_parsed(monkeypatch)
    assert refusal(path, capsys) == f"{REFUSED}nested.htm：超出限制 (limit exceeded)：" + ELEMENTS_LIMIT.format(200_000, 600_000)


def test_the_tags_are_counted_as_html_parser_opens_them() -> None:
    assert count_tags(FIVE_TAGS) == 5
    assert count_tags("<P>大写</P><br/><?xml?><1件 <a") == 3  # <P, <br, <a; not <?, not <1
    assert count_tags("a<b") == 1  # within a script too: the count is an upper bound of the elements


# ---------------------------------------------------------------- a Word body too large to parse


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="word/document.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/></Relationships>'
)


def thousand_byte_body(path: Path) -> Path:
    """The smallest Word package: its word/document.xml one paragraph "受理1件", padded with spaces (which may
    follow the root element) to exactly 1,000 bytes."""
    body = (
        '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>受理1件</w:t></w:r></w:p></w:body></w:document>"
    ).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        archive.writestr("word/document.xml", body.ljust(1000))
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo("word/document.xml").file_size == 1000
    return path


def docx_body_limit(monkeypatch: pytest.MonkeyPatch, value: int) -> None:
    """MAX_DOCX_XML_BYTES made ``value`` bytes."""
    monkeypatch.setattr("analysis.claims.reading.MAX_DOCX_XML_BYTES", dataclasses.replace(limits.MAX_DOCX_XML_BYTES, value=value))


def test_a_word_body_of_the_limit_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docx_body_limit(monkeypatch, 1000)
    path = thousand_byte_body(tmp_path / "body.docx")
    assert read_report(path) == ["受理1件"]
    assert main(["check", str(path)]) == 0


def test_a_word_body_one_byte_over_the_limit_is_refused_before_python_docx_opens_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    docx_body_limit(monkeypatch, 999)
    path = thousand_byte_body(tmp_path / "body.docx")

    def never(*args: object) -> None:
        raise AssertionError("python-docx opened a body over the limit")

    monkeypatch.setattr(docx, "Document", never)
    assert refusal(path, capsys) == (
        f"{REFUSED}body.docx：超出限制 (limit exceeded)：Word 正文 document.xml 解压后的大小 "
        "(uncompressed body)不超过999字节 (limit MAX_DOCX_XML_BYTES)；此处为 (found) 1,000字节\n"
    )


# ---------------------------------------------------------------- one long sentence, read once


def facts(prefix: Prefix) -> tuple[bool, bool, bool, bool, str]:
    """What a figure's sentence prefix says: planned, period, budget, compared, the labelled year."""
    return prefix.planned, prefix.period, prefix.budget, prefix.compared, prefix.labelled_year


def test_what_the_start_of_a_sentence_says_about_each_figure() -> None:
    line = "计划预算5.00万元，决算4.00万元；预算3.00万元，较上年（2.00万元）。第一季度支出1.00万元，2023年：6.00万元"
    claims = extract_claims([line])
    assert [facts(claim.prefix) for claim in claims] == [
        (True, False, True, False, ""),  # 计划 and 预算 before it
        (True, False, False, False, ""),  # 决算 written after the 预算
        (True, False, True, False, ""),  # its ；-part starts again: 预算 only
        (True, False, True, True, ""),  # "较上年（" right before it: last year's
        (False, True, False, False, ""),  # a new sentence: 第一季度, no 计划
        (False, True, False, False, "2023年"),  # "2023年：" right before it
    ]
    assert [claim.prefix.start for claim in claims] == [0] * 4 + [line.index("第")] * 2
    # the head is the sentence before the figure's lead: "计划预算5.00万元，" (11 characters) before 决算
    assert [claim.prefix.head for claim in claims[:2]] == [0, 11]


def sentence_prefix(line: str, claim: Claim) -> str:
    """What the checker once copied for each figure: its line from the last 。！？!? before it to the figure."""
    start = max(line.rfind(mark, 0, claim.start) for mark in "。！？!?") + 1
    return line[start : claim.start]


@pytest.mark.parametrize("joined", ["\n", "，"], ids=["lines", "one sentence"])
def test_the_prefixes_found_per_line_are_those_of_the_copied_text(joined: str) -> None:
    # the 32 test reports' text (their tables left out) as lines, and joined into one sentence of 61,726
    # characters and 2,254 figures
    reports = sorted(path for path in Path(__file__).parent.glob("check_*/*") if path.suffix in (".md", ".txt"))
    text = joined.join(line for path in reports for line in path.read_text(encoding="utf-8").splitlines() if split_cells(line) is None)
    lines = [line if joined == "\n" else re.sub(r"[。！？!?]", "，", line) for line in text.splitlines()]
    claims = extract_claims(lines)
    assert len(claims) > 2000
    for claim in claims:
        line = lines[claim.line - 1]
        copied = sentence_prefix(line, claim)
        assert claim.prefix == prefix_of(copied, claim.lead, claim.start - len(copied))


def test_the_figures_of_a_long_sentence_hold_no_copy_of_it() -> None:
    # 5,000 figures in one sentence of 64,890 characters: each figure once kept the sentence up to itself,
    # 160 million characters in all; now its lead, text and tail are its own words
    line = "，".join(f"基本支出{number}.00万元" for number in range(5000))
    claims = extract_claims([line])
    assert len(claims) == 5000
    assert sum(len(c.lead) + len(c.text) + len(c.tail) for c in claims) < len(line)


def test_counted_lists_in_one_long_sentence_are_what_they_are_alone() -> None:
    # 3 items after 分别为, up to the comma before the next figure; 2 items in the clause before 共2个
    alone = "内设机构3个，分别为甲股、乙股和丙股，设办公室、信访股，共2个股室"
    expected = [("3个", "3个", "consistent"), ("2个", "2个", "consistent")]
    assert count_verdicts(alone + "。") == expected
    assert count_verdicts("，".join([alone] * 300) + "。") == expected * 300


def count_verdicts(text: str) -> list[tuple[str, str, str]]:
    """(stated, recomputed, verdict) of the counted lists of a one-line text."""
    return [(f.stated, f.recomputed, f.verdict) for f in check_lines([text]).findings if f.kind == "count"]


@pytest.mark.parametrize(
    "line, year",
    [
        ("青川县2024年度部门整体支出绩效评价报告", 2024),
        ("2023年工作总结与2024年度绩效自评报告", 2023),  # the first year a title word follows
        ("2023年工作总结\n2024年度绩效评价", 2024),  # ... on the same line of a Word paragraph
        ("2023年工作总结", None),
        ("2024年受理1件，" * 20_000, None),  # 20,000 years and no title word: each once read the line to its end
    ],
)
def test_the_year_of_a_title(line: str, year: int | None) -> None:
    assert title_year([line]) == year


def test_a_closed_details_of_the_voucher_appendix_shows_only_its_summary() -> None:
    page = (
        "<body><section class='appendix trace'><details id='a'><summary>2024年　人员经费</summary><table><tr><td>v1</td>"
        "<td>1200.00元</td></tr></table></details>"
        "<details open><summary>展开</summary><p>基本支出199.54万元</p></details></section><p>尾</p></body>"
    )
    assert html_lines(page) == ["2024年　人员经费", "展开", "基本支出199.54万元", "尾"]


def test_another_reports_folded_text_is_still_read() -> None:
    page = "<body><section><details><summary>说明</summary><p>项目支出50.00万元</p></details></section></body>"
    assert html_lines(page) == ["说明", "项目支出50.00万元"]
