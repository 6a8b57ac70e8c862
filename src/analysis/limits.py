"""Every limit on what a small input can make large: a named constant, its number and its reason.

A few bytes can ask for gigabytes (a zip that expands a thousandfold, YAML
aliases of aliases, a template that multiplies a string), and a careless file
can ask for hours (a million columns, a million bad rows). Each such input is
refused as soon as the limit is passed, with a message that names the file,
the limit and what was found, so that a clerk knows what to change.

Callers turn ``LimitExceeded`` into their own error (a ledger problem, a
report that cannot be read, a narrative error); the message is the same.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Limit:
    """One limit: its constant's name, the number, the unit and what is limited (for messages), and why."""

    name: str
    value: int
    unit: str
    what: str
    reason: str

    def refusal(self, found: str = "") -> str:
        """The Chinese sentence a refusal gives: what is allowed, the limit's name, what was found."""
        tail = f"；此处为 (found) {found}" if found else ""
        return f"{self.what}不超过{self.value:,}{self.unit} (limit {self.name}){tail}"


class LimitExceeded(ValueError):
    """An input passed a limit; ``file`` names it when known, ``limit`` says which."""

    def __init__(self, limit: Limit, found: str = "", file: str = "") -> None:
        self.limit, self.found, self.file = limit, found, file
        super().__init__((f"{file}：" if file else "") + "超出限制 (limit exceeded)：" + limit.refusal(found))


# ---------------------------------------------------------------- ledgers (CSV, Excel)
MAX_COLUMNS = Limit(
    "MAX_COLUMNS",
    1_000,
    "列",
    "台账每行列数 (columns per row)",
    "A ledger has at most 15 columns and exports add a few dozen; a million-column header took minutes and gigabytes.",
)
MAX_CELL_CHARS = Limit(
    "MAX_CELL_CHARS",
    32_767,
    "个字符",
    "每个单元格 (characters per cell)",
    "Excel itself holds at most 32,767 characters in a cell, so a longer cell was not typed in a spreadsheet.",
)
MAX_LEDGER_BYTES = Limit(
    "MAX_LEDGER_BYTES",
    1024 * 1024 * 1024,
    "字节",
    "台账文件大小 (file size)",
    "A city's three million hotline orders are about 500 MB as CSV; reading one takes about five times its size in memory.",
)
MAX_STREAMED_LEDGER_BYTES = Limit(
    "MAX_STREAMED_LEDGER_BYTES",
    64 * 1024 * 1024 * 1024,
    "字节",
    "CSV 或 Parquet 台账文件大小 (file size)",
    "The data plane reads CSV and Parquet in bounded memory, so size costs time and temporary disk only; a megacity's "
    "20 million orders are about 2.5 GB of CSV, and 64 GiB is decades of them.",
)
MAX_LINE_BYTES = Limit(
    "MAX_LINE_BYTES",
    16 * 1024 * 1024,
    "字节",
    "CSV 每行的长度 (bytes per line)",
    "A full row of 32,767-character cells in a 15-column ledger is about 1.5 MB of UTF-8; a line of hundreds of MB "
    "is no ledger row, and is refused before any reader buffers it.",
)
MAX_ENGINE_MEMORY = Limit(
    "MAX_ENGINE_MEMORY",
    1024 * 1024 * 1024,
    "字节",
    "数据引擎 DuckDB 的内存 (engine memory)",
    "DuckDB spills what does not fit to a temporary folder; 1 GiB keeps a 20-million-order run (and the kernels "
    "beside it) under 2 GB on a small machine, and a ledger that cannot be processed within it is refused.",
)
MAX_AMOUNT_YUAN = Limit(
    "MAX_AMOUNT_YUAN",
    10**13,
    "元",
    "单笔金额 (one amount)",
    "The whole national budget is about 30 trillion yuan; a department's posting of 10 trillion is a pasted ID or phone number.",
)
MAX_SHEET_CHARS = Limit(
    "MAX_SHEET_CHARS",
    300_000_000,
    "个字符",
    "Excel 工作表全部单元格的文字 (characters in all cells)",
    "A full sheet of a 15-column ledger holds about 300 million characters; shared strings let 200 KB repeat one long text in every cell.",
)
MAX_PROBLEMS_PER_RULE = Limit(
    "MAX_PROBLEMS_PER_RULE",
    20,
    "处",
    "每条规则列出的问题 (problems listed per rule)",
    "A column filled wrongly throughout gives one problem per row; the first twenty show the pattern, a count says the rest.",
)

# ---------------------------------------------------------------- zip containers (.xlsx, .docx)
MAX_UNZIPPED_BYTES = Limit(
    "MAX_UNZIPPED_BYTES",
    512 * 1024 * 1024,
    "字节",
    "解压后的大小 (uncompressed size)",
    "The largest sheet Excel can hold (1,048,576 rows of a 15-column ledger) is about 400 MB of XML.",
)
MAX_ZIP_RATIO = Limit(
    "MAX_ZIP_RATIO",
    100,
    "倍",
    "压缩比 (compression ratio)",
    "Real workbooks and documents compress 5-20 times; a 656 KB file that expands 250 times is a zip bomb.",
)
MAX_ZIP_MEMBERS = Limit(
    "MAX_ZIP_MEMBERS",
    10_000,
    "个",
    "压缩包内文件数 (files in the archive)",
    "A workbook or document holds a few dozen parts; thousands are only there to exhaust memory.",
)
ZIP_RATIO_FLOOR = 1024 * 1024  # parts smaller than 1 MiB uncompressed may compress any amount: they cannot hurt

# ---------------------------------------------------------------- department.yaml, narrative.md
MAX_YAML_BYTES = Limit(
    "MAX_YAML_BYTES",
    1024 * 1024,
    "字节",
    "department.yaml 文件大小 (file size)",
    "A department's description and staffing fit in a few kilobytes.",
)
MAX_YAML_DEPTH = Limit(
    "MAX_YAML_DEPTH",
    20,
    "层",
    "YAML 嵌套层数 (nesting depth)",
    "department.yaml nests three levels deep; a thousand levels overflow the parser's stack.",
)
MAX_YAML_EXPANDED = Limit(
    "MAX_YAML_EXPANDED",
    1_000_000,
    "个字符",
    "YAML 展开别名后的大小 (size with aliases expanded)",
    "Aliases of aliases (a 'billion laughs') make 2 KB of YAML expand to gigabytes.",
)
MAX_NARRATIVE_BYTES = Limit(
    "MAX_NARRATIVE_BYTES",
    1024 * 1024,
    "字节",
    "narrative.md 文件大小 (file size)",
    "An analyst's narrative is a few pages, tens of kilobytes.",
)

# ---------------------------------------------------------------- narrative placeholders (Jinja)
MAX_TEMPLATE_OUTPUT_CHARS = Limit(
    "MAX_TEMPLATE_OUTPUT_CHARS",
    200_000,
    "个字符",
    "一个章节填入占位符后的长度 (section length)",
    "A section of the report is a few paragraphs; 200,000 characters is a hundred pages.",
)
MAX_TEMPLATE_ITERATIONS = Limit(
    "MAX_TEMPLATE_ITERATIONS",
    10_000,
    "次",
    "一个章节中循环的总次数 (loop steps per section)",
    "A loop over the year's projects or months takes dozens of steps; nested loops over long sequences never end.",
)
MAX_TEMPLATE_NUMBER_DIGITS = Limit(
    "MAX_TEMPLATE_NUMBER_DIGITS",
    30,
    "位",
    "占位符算出的整数 (digits of a computed integer)",
    "The largest honest figure is a budget in fen, 15 digits; (9**9)**(9**9) would take longer than the universe.",
)
MAX_TEMPLATE_SECONDS = Limit(
    "MAX_TEMPLATE_SECONDS",
    5,
    "秒",
    "一个章节填入占位符的用时 (time per section)",
    "Filling a section takes milliseconds; the other template limits keep it short, this one is the backstop.",
)

# ---------------------------------------------------------------- notebooks
MAX_CELL_SECONDS = Limit(
    "MAX_CELL_SECONDS",
    900,
    "秒",
    "笔记本每个单元格的运行时间 (time per notebook cell)",
    "The slowest cell of a city-size run takes about a minute; a cell that runs for 15 minutes is stuck.",
)

# ---------------------------------------------------------------- jixiao check
MAX_REPORT_CHARS = Limit(
    "MAX_REPORT_CHARS",
    5_000_000,
    "个字符",
    "报告正文 (characters of report text)",
    "A published report is 20,000-100,000 characters; five million is 2,500 pages.",
)
MAX_HTML_DEPTH = Limit(
    "MAX_HTML_DEPTH",
    256,
    "层",
    "HTML 元素嵌套层数 (element nesting depth)",
    "Our own report nests about 12 elements deep; a thousand levels are there only to overflow a reader's stack.",
)

MAX_FIGURE_DIGITS = Limit(
    "MAX_FIGURE_DIGITS",
    20,
    "位",
    "报告中一个数字的整数或小数部分 (digits of a figure)",
    "A budget in yuan has 13 digits; a longer run is an ID or account number, and Python cannot even print 4,301 digits.",
)
MAX_HTML_ELEMENTS = Limit(
    "MAX_HTML_ELEMENTS",
    200_000,
    "个",
    "HTML 元素个数 (elements, counted as tags)",
    "Our 40-page report has about 3,000 elements; the parser needs 50 µs and a kilobyte for each, so a million is 20 s and a gigabyte.",
)
MAX_DOCX_XML_BYTES = Limit(
    "MAX_DOCX_XML_BYTES",
    64 * 1024 * 1024,
    "字节",
    "Word 正文 document.xml 解压后的大小 (uncompressed body)",
    "A 100-page report's document.xml is a few megabytes; python-docx holds the whole parsed tree, about ten times its size.",
)

LIMITS: tuple[Limit, ...] = tuple(value for value in dict(globals()).values() if isinstance(value, Limit))


def check_size(size: int, limit: Limit, file: str = "") -> None:
    """Raise LimitExceeded when ``size`` (in the limit's unit) is over ``limit``."""
    if size > limit.value:
        raise LimitExceeded(limit, f"{size:,}{limit.unit}", file)


def check_archive(path: Path) -> None:
    """Refuse a zip container (.xlsx, .docx) that would expand past the limits, before anything unpacks it.

    Sizes come from the archive's own directory; a file that is no zip is left to its reader to refuse.
    """
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        return
    check_size(len(members), MAX_ZIP_MEMBERS, path.name)
    check_size(sum(m.file_size for m in members), MAX_UNZIPPED_BYTES, path.name)
    for member in members:
        if member.file_size > ZIP_RATIO_FLOOR and member.file_size > MAX_ZIP_RATIO.value * max(member.compress_size, 1):
            ratio = member.file_size // max(member.compress_size, 1)
            raise LimitExceeded(MAX_ZIP_RATIO, f"{member.filename} {ratio:,}{MAX_ZIP_RATIO.unit}", path.name)
