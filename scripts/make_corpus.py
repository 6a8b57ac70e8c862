#!/usr/bin/env python3
"""Deterministic generator of the bad- and messy-ledger test corpus under ``tests/corpus/``.

Reads the sample department ``data/raw/nanyue-swd`` (fiscal years 2023 and
2024) and writes, under the output folder:

* ``clean/nanyue-swd/``: a small copy of the department (expenditure cut to its
  first 60 rows per year, hotline orders to 200, petitions to 60, every
  volunteer event, a budget.csv summed from the kept expenditure rows).
* ``messy/<variant>/nanyue-swd/``: the same small department saved the ways
  clerks save ledgers (GB18030 with Chinese headers, UTF-8 with BOM, Excel
  sheets with title and total rows, loose amounts and dates, 万元 columns,
  Excel date-times, a BIFF8 ``.xls``). Every variant must load to exactly the
  tables of ``clean/``.
* ``bad/<case>/nanyue-swd/``: a minimal department (first 20 expenditure rows
  of each year, narrative, department.yaml, and only the optional ledgers a
  case needs) with exactly one planted defect.

Usage::

    python scripts/make_corpus.py [--out DIR]

The expected validation messages of the bad cases are written by hand in
``tests/corpus/cases.yaml``; this script does not write them and does not
import the ``analysis`` package. Nothing random and no clock is used: Excel
files carry fixed document properties and fixed zip timestamps, so a second
run gives byte-identical files (given the same zlib).
"""

from __future__ import annotations

import argparse
import csv
import functools
import io
import shutil
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_CEILING, Decimal
from pathlib import Path
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

REPO_ROOT = Path(__file__).resolve().parent.parent
SOURCE = REPO_ROOT / "data" / "raw" / "nanyue-swd"
DEFAULT_OUT = REPO_ROOT / "tests" / "corpus"
DEPT = "nanyue-swd"
YEAR, PRIOR = 2024, 2023
CLEAN_ROWS = {"expenditure": 60, "hotline_orders": 200, "petitions": 60, "volunteer_events": None}
BAD_ROWS = 20
FIXED_TIME = datetime(2025, 1, 1, 0, 0, 0)
ZIP_TIME = (2025, 1, 1, 0, 0, 0)

# Chinese headers of data/raw/README.md, and the other accepted headers (aliases), per ledger.
LABELS = {
    "expenditure": {
        "voucher_id": "凭证号",
        "date": "日期",
        "spending_type": "支出类型",
        "econ_code": "经济分类科目编码",
        "econ_name": "经济分类科目名称",
        "func_code": "功能分类科目编码",
        "fund_source": "资金性质",
        "project": "项目名称",
        "amount": "金额",
        "summary": "摘要",
    },
    "budget": {"spending_type": "支出类型", "project": "项目名称", "budget_initial": "年初预算数", "budget_adjusted": "调整预算数"},
    "hotline_orders": {
        "order_id": "工单编号",
        "received_at": "受理时间",
        "channel": "来源渠道",
        "category": "诉求类型",
        "topic": "诉求主题",
        "handling": "办理方式",
        "assigned_unit": "承办单位",
        "status": "办理状态",
        "closed_at": "办结时间",
        "callback": "是否回访",
        "satisfaction": "满意度",
        "content": "诉求内容",
        "caller_phone": "来电号码",
    },
    "petitions": {
        "case_id": "信访件编号",
        "registered_at": "登记日期",
        "form": "信访形式",
        "persons": "人数",
        "leader_reception": "领导接访",
        "to_beijing": "进京访",
        "repeat": "重复访",
        "accepted_on_time": "及时受理",
        "dept_accepted_on_time": "责任部门及时受理",
        "replied_on_time": "按期答复",
        "resolved_first_time": "一次性化解",
        "issue_type": "问题类别",
        "petitioner_name": "信访人姓名",
        "id_number": "身份证号",
        "phone": "联系电话",
    },
    "volunteer_events": {"date": "日期", "name": "活动名称", "volunteers": "参与人次"},
}
ALIASES = {
    "expenditure": {"date": "记账日期", "fund_source": "资金来源", "amount": "金额（元）"},
    "hotline_orders": {"topic": "诉求领域", "satisfaction": "回访评价"},
    "petitions": {"leader_reception": "是否领导接访", "to_beijing": "是否进京访", "repeat": "是否重复访"},
    "volunteer_events": {"date": "活动日期"},
}
AMOUNTS = {"expenditure": ("amount",), "budget": ("budget_initial", "budget_adjusted")}
DATES = {"expenditure": ("date",), "petitions": ("registered_at",), "volunteer_events": ("date",)}
DATETIMES = {"hotline_orders": ("received_at", "closed_at")}
COUNTS = {"petitions": ("persons",), "volunteer_events": ("volunteers",)}
CODES = {"expenditure": ("econ_code", "func_code")}

Files = dict[str, bytes]  # path inside the department folder → content


# ---------------------------------------------------------------- tables


@dataclass
class Table:
    """A ledger as text cells: header and rows (row i is Excel row i + 2)."""

    header: list[str]
    rows: list[list[str]]

    def copy(self) -> Table:
        return Table(list(self.header), [list(r) for r in self.rows])

    def col(self, name: str) -> int:
        return self.header.index(name)

    def set(self, excel_row: int, name: str, value: str) -> Table:
        """Set one cell, addressed as a clerk sees it in Excel (header = row 1)."""
        self.rows[excel_row - 2][self.col(name)] = value
        return self

    def get(self, excel_row: int, name: str) -> str:
        return self.rows[excel_row - 2][self.col(name)]

    def head(self, count: int | None) -> Table:
        return Table(list(self.header), [list(r) for r in self.rows[:count]])


def read_table(path: Path) -> Table:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return Table(rows[0], rows[1:])


def csv_bytes(header: list[str], rows: list[list[str]], encoding: str = "utf-8", newline: str = "\n") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=newline)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def table_csv(table: Table, encoding: str = "utf-8", newline: str = "\n") -> bytes:
    return csv_bytes(table.header, table.rows, encoding, newline)


# ---------------------------------------------------------------- Excel writers


def fixed_zip(data: bytes) -> bytes:
    """The same zip with every member stamped with one fixed time, so the bytes do not depend on the clock."""
    out = io.BytesIO()
    with ZipFile(io.BytesIO(data)) as source, ZipFile(out, "w", ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = ZipInfo(item.filename, date_time=ZIP_TIME)
            info.compress_type = ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, source.read(item.filename))
    return out.getvalue()


def xlsx_bytes(rows: list[list[object]], merges: tuple[str, ...] = (), sheet: str = "Sheet1") -> bytes:
    """An .xlsx of one sheet written with openpyxl, with fixed document properties and zip times."""
    book = Workbook()
    ws = book.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    for cells in merges:
        ws.merge_cells(cells)
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, datetime):
                cell.number_format = "yyyy-mm-dd" if cell.value.time() == datetime.min.time() else "yyyy-mm-dd hh:mm:ss"
    book.properties.created = book.properties.modified = FIXED_TIME
    book.properties.creator = "make_corpus.py"
    buffer = io.BytesIO()
    ExcelWriter(book, ZipFile(buffer, "w", ZIP_DEFLATED)).save()  # save() closes the archive
    return fixed_zip(buffer.getvalue())


def biff_record(code: int, data: bytes = b"") -> bytes:
    return struct.pack("<HH", code, len(data)) + data


def biff_string(text: str, length_bytes: int) -> bytes:
    """XLUnicodeString (2-byte length) or ShortXLUnicodeString (1-byte), always UTF-16LE."""
    return struct.pack("<H" if length_bytes == 2 else "<B", len(text)) + b"\x01" + text.encode("utf-16-le")


def biff8_workbook(rows: list[list[object]], sheet: str) -> bytes:
    """The Workbook stream of a one-sheet BIFF8 file: text as LABEL, numbers as NUMBER, datetimes as dates."""
    xf_general = struct.pack("<HHHBBBBIIH", 0, 0, 0x0001, 0x20, 0, 0, 0, 0, 0, 0x20C0)
    xf_date = struct.pack("<HHHBBBBIIH", 0, 14, 0x0001, 0x20, 0, 0, 0x04, 0, 0, 0x20C0)  # 14: built-in date format
    font = struct.pack("<HHHHHBBBB", 200, 0, 0x7FFF, 400, 0, 0, 0, 0, 0) + struct.pack("<B", 5) + b"\x01" + "Arial".encode("utf-16-le")
    globals_head = [
        biff_record(0x0809, struct.pack("<HHHHII", 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 0x06)),  # BOF, workbook globals
        biff_record(0x0042, struct.pack("<H", 1200)),  # CODEPAGE: UTF-16
        biff_record(0x0022, struct.pack("<H", 0)),  # DATEMODE: 1900 system
        *[biff_record(0x0031, font)] * 5,  # FONT 0-4 (index 4 is skipped by Excel)
        *[biff_record(0x00E0, struct.pack("<HHHBBBBIIH", 0, 0, 0xFFF5, 0x20, 0, 0, 0, 0, 0, 0x20C0))] * 15,  # style XFs
        biff_record(0x00E0, xf_general),  # XF 15: cells, General
        biff_record(0x00E0, xf_date),  # XF 16: cells, date
    ]
    cells = []
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, datetime):
                serial = (value - datetime(1899, 12, 30)).total_seconds() / 86400
                cells.append(biff_record(0x0203, struct.pack("<HHHd", r, c, 16, serial)))
            elif isinstance(value, (int, float)):
                cells.append(biff_record(0x0203, struct.pack("<HHHd", r, c, 15, float(value))))
            else:
                cells.append(biff_record(0x0204, struct.pack("<HHH", r, c, 15) + biff_string(str(value), 2)))
    width = max(len(row) for row in rows)
    sheet_stream = b"".join(
        [
            biff_record(0x0809, struct.pack("<HHHHII", 0x0600, 0x0010, 0x0DBB, 0x07CC, 0, 0x06)),  # BOF, worksheet
            biff_record(0x0200, struct.pack("<IIHHH", 0, len(rows), 0, width, 0)),  # DIMENSIONS
            *cells,
            biff_record(0x000A),  # EOF
        ]
    )
    boundsheet_size = 4 + 4 + 2 + len(biff_string(sheet, 1))
    offset = sum(len(r) for r in globals_head) + boundsheet_size + 4  # + globals EOF
    boundsheet = biff_record(0x0085, struct.pack("<IBB", offset, 0, 0) + biff_string(sheet, 1))
    return b"".join(globals_head) + boundsheet + biff_record(0x000A) + sheet_stream


def compound_file(stream_name: str, stream: bytes) -> bytes:
    """An OLE2 compound file (version 3, 512-byte sectors) holding one stream of at least 4096 bytes."""
    sector, endofchain, freesect, fatsect, nostream = 512, 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    stream = stream + b"\x00" * (max(4096, -(-len(stream) // sector) * sector) - len(stream))
    data_sectors = len(stream) // sector
    fat_sectors = 1
    while (data_sectors + 1 + fat_sectors) > fat_sectors * 128:
        fat_sectors += 1
    dir_sector = data_sectors
    fat = [i + 1 for i in range(data_sectors - 1)] + [endofchain, endofchain] + [fatsect] * fat_sectors
    fat += [freesect] * (fat_sectors * 128 - len(fat))

    def entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
        encoded = (name + "\x00").encode("utf-16-le") if name else b""
        return (
            encoded.ljust(64, b"\x00")
            + struct.pack("<HBB", len(encoded), kind, 1 if name else 0)
            + struct.pack("<III", nostream, nostream, child)
            + b"\x00" * 16
            + struct.pack("<I", 0)
            + b"\x00" * 16
            + struct.pack("<III", start, size, 0)
        )

    directory = entry("Root Entry", 5, 1, endofchain, 0) + entry(stream_name, 2, nostream, 0, len(stream)) + entry("", 0, nostream, 0, 0) * 2
    difat = [data_sectors + 1 + i for i in range(fat_sectors)] + [freesect] * (109 - fat_sectors)
    header = (
        bytes.fromhex("D0CF11E0A1B11AE1")
        + b"\x00" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\x00" * 6
        + struct.pack("<IIIIIIIII", 0, fat_sectors, dir_sector, 0, 4096, endofchain, 0, endofchain, 0)
        + struct.pack("<109I", *difat)
    )
    return header + stream + directory + struct.pack(f"<{len(fat)}I", *fat)


def xls_bytes(rows: list[list[object]], sheet: str = "Sheet1") -> bytes:
    """A BIFF8 .xls (Excel 97-2003) written by hand, since no .xls writer is installed."""
    return compound_file("Workbook", biff8_workbook(rows, sheet))


# ---------------------------------------------------------------- cell forms


def typed_row(stem: str, header: list[str], row: list[str]) -> list[object]:
    """Cells as Excel holds them: amounts and counts as numbers, codes as numbers, dates as date-times."""
    return [typed_cell(stem, name, text) for name, text in zip(header, row)]


def typed_cell(stem: str, name: str, text: str) -> object:
    """One cell as Excel would hold it; text that is not a valid number or date stays text."""
    try:
        if text == "":
            return None
        if name in AMOUNTS.get(stem, ()):
            return float(text)
        if name in COUNTS.get(stem, ()) or name in CODES.get(stem, ()):
            return int(text)
        if name in DATES.get(stem, ()):
            return datetime.strptime(text, "%Y-%m-%d")
        if name in DATETIMES.get(stem, ()):
            return datetime.strptime(text, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        pass
    return text


FULL_WIDTH = str.maketrans("0123456789.,", "０１２３４５６７８９．，")


def loose_amount(text: str, i: int) -> str:
    """Row i's amount in one of the forms exports use: plain, 1,234.56, 1234.56元, full-width."""
    forms = (text, f"{Decimal(text):,.2f}", f"{text}元", text.translate(FULL_WIDTH))
    return forms[i % 4]


def loose_date(text: str, i: int) -> str:
    """Row i's date as 2024-03-05, 2024/3/5, 2024年3月5日 or 20240305 (a time of day kept after a space)."""
    day, _, clock = text.partition(" ")
    y, m, d = (int(p) for p in day.split("-"))
    forms = (day, f"{y}/{m}/{d}", f"{y}年{m}月{d}日", f"{y:04d}{m:02d}{d:02d}")
    form = forms[i % 4]
    if clock:
        hh, mm, ss = clock.split(":")
        form += " " + (f"{int(hh)}:{mm}:{ss}" if i % 2 else clock)
    return form


def wan(text: str) -> str:
    """Yuan text as exact 万元 text: 4147.05 → 0.414705."""
    return format(Decimal(text).scaleb(-4), "f") if text else text


# ---------------------------------------------------------------- the department


@functools.cache
def source_tables() -> dict[tuple[int, str], Table]:
    """The sample's ledgers, read once (callers copy before changing them)."""
    tables = {(PRIOR, "expenditure"): read_table(SOURCE / str(PRIOR) / "expenditure.csv")}
    for stem in ("expenditure", "hotline_orders", "petitions", "volunteer_events"):
        tables[(YEAR, stem)] = read_table(SOURCE / str(YEAR) / f"{stem}.csv")
    return tables


def budget_for(expenditure: Table) -> Table:
    """One budget line for basic spending and one per project, a little above what was spent."""
    kind, project, amount = expenditure.col("spending_type"), expenditure.col("project"), expenditure.col("amount")
    spent: dict[tuple[str, str], Decimal] = {}
    for row in expenditure.rows:
        key = (row[kind], row[project])
        spent[key] = spent.get(key, Decimal(0)) + Decimal(row[amount])
    rows = []
    for (spending_type, name), total in spent.items():
        initial = (total / 10000).to_integral_value(ROUND_CEILING) * 10000
        adjusted = (total / 1000).to_integral_value(ROUND_CEILING) * 1000
        rows.append([spending_type, name, f"{initial:.2f}", f"{adjusted:.2f}"])
    return Table(["spending_type", "project", "budget_initial", "budget_adjusted"], rows)


@dataclass
class Department:
    """Text files of a department plus its ledgers as tables, keyed by (year, stem)."""

    texts: Files
    tables: dict[tuple[int, str], Table]

    def files(self) -> Files:
        out = dict(self.texts)
        for (year, stem), table in self.tables.items():
            out[f"{year}/{stem}.csv"] = table_csv(table)
        return out


def clean_department() -> Department:
    source = source_tables()
    tables = {key: table.head(CLEAN_ROWS[key[1]]) for key, table in source.items()}
    tables[(YEAR, "budget")] = budget_for(tables[(YEAR, "expenditure")])
    texts = {
        "department.yaml": (SOURCE / "department.yaml").read_bytes(),
        f"{PRIOR}/narrative.md": (SOURCE / str(PRIOR) / "narrative.md").read_bytes(),
        f"{YEAR}/narrative.md": (SOURCE / str(YEAR) / "narrative.md").read_bytes(),
    }
    return Department(texts, tables)


# ---------------------------------------------------------------- messy variants


def rename_header(stem: str, header: list[str], names: dict[str, dict[str, str]]) -> list[str]:
    return [names.get(stem, {}).get(name, name) for name in header]


def variant_gb18030(dept: Department) -> Files:
    """(a) Every CSV in GB18030 with the Chinese headers of the README, CRLF line ends."""
    files = dict(dept.texts)
    for (year, stem), t in dept.tables.items():
        files[f"{year}/{stem}.csv"] = csv_bytes(rename_header(stem, t.header, LABELS), t.rows, "gb18030", "\r\n")
    return files


def variant_utf8_bom(dept: Department) -> Files:
    """(b) Every CSV in UTF-8 with a byte-order mark (Excel's "CSV UTF-8"), CRLF line ends."""
    files = dict(dept.texts)
    for (year, stem), t in dept.tables.items():
        files[f"{year}/{stem}.csv"] = b"\xef\xbb\xbf" + table_csv(t, newline="\r\n")
    return files


def variant_xlsx_title_total(dept: Department) -> Files:
    """(c) 2024 expenditure as .xlsx: two title rows, the header, the rows, and a 合计 row that adds up."""
    files = dept.files()
    del files[f"{YEAR}/expenditure.csv"]
    t = dept.tables[(YEAR, "expenditure")]
    total = sum(Decimal(r[t.col("amount")]) for r in t.rows)
    width = len(t.header)
    title = ["中共南岳区委社会工作部2024年度支出明细账"] + [None] * (width - 1)
    unit = ["单位：元"] + [None] * (width - 1)
    total_row: list[object] = [None] * width
    total_row[0], total_row[t.col("amount")] = "合计", float(total)
    rows = [title, unit, rename_header("expenditure", t.header, LABELS)]
    rows += [typed_row("expenditure", t.header, r) for r in t.rows] + [total_row]
    files[f"{YEAR}/expenditure.xlsx"] = xlsx_bytes(rows, merges=("A1:J1",), sheet="支出明细")
    return files


def variant_loose_cells(dept: Department) -> Files:
    """(d) Amounts as 1,234.56 / 1234.56元 / full-width, dates as 2024/3/5 / 2024年3月5日 / 20240305, full-width counts."""
    files = dict(dept.texts)
    for (year, stem), t in dept.tables.items():
        t = t.copy()
        for i, row in enumerate(t.rows):
            for name in AMOUNTS.get(stem, ()):
                row[t.col(name)] = loose_amount(row[t.col(name)], i)
            for name in DATES.get(stem, ()) + DATETIMES.get(stem, ()):
                if row[t.col(name)]:
                    row[t.col(name)] = loose_date(row[t.col(name)], i + 1)
            for name in COUNTS.get(stem, ()):
                row[t.col(name)] = row[t.col(name)].translate(FULL_WIDTH) if i % 2 else row[t.col(name)]
        files[f"{year}/{stem}.csv"] = table_csv(t)
    return files


def variant_wan(dept: Department) -> Files:
    """(e) Amount columns in 万元, headed 金额（万元） / 年初预算数（万元）, converted exactly."""
    files = dict(dept.texts)
    for (year, stem), t in dept.tables.items():
        t = t.copy()
        for name in AMOUNTS.get(stem, ()):
            for row in t.rows:
                row[t.col(name)] = wan(row[t.col(name)])
        header = [f"{LABELS[stem][n]}（万元）" if n in AMOUNTS.get(stem, ()) else n for n in t.header]
        files[f"{year}/{stem}.csv"] = csv_bytes(header, t.rows)
    return files


def variant_hotline_xlsx(dept: Department) -> Files:
    """(f) 2024 hotline orders as .xlsx, received_at / closed_at as real Excel date-times."""
    files = dept.files()
    del files[f"{YEAR}/hotline_orders.csv"]
    t = dept.tables[(YEAR, "hotline_orders")]
    rows = [list(t.header)] + [typed_row("hotline_orders", t.header, r) for r in t.rows]
    files[f"{YEAR}/hotline_orders.xlsx"] = xlsx_bytes(rows, sheet="工单")
    return files


def variant_xls(dept: Department) -> Files:
    """(g) 2024 expenditure as a BIFF8 .xls with Chinese headers, numbers and Excel dates."""
    files = dept.files()
    del files[f"{YEAR}/expenditure.csv"]
    t = dept.tables[(YEAR, "expenditure")]
    rows = [rename_header("expenditure", t.header, LABELS)] + [typed_row("expenditure", t.header, r) for r in t.rows]
    files[f"{YEAR}/expenditure.xls"] = xls_bytes(rows, sheet="支出明细")
    return files


def variant_reordered_aliases(dept: Department) -> Files:
    """(h) Columns in reverse order under the alternative headers, cells padded with spaces, blank lines, an empty column."""
    files = dict(dept.texts)
    for (year, stem), t in dept.tables.items():
        header = [f" {h} " for h in reversed(rename_header(stem, t.header, ALIASES))] + [""]
        rows: list[list[str]] = []
        for i, row in enumerate(t.rows):
            rows.append([f" {c} " if c and i % 3 == 0 else c for c in reversed(row)] + [""])
            if i % 7 == 6:
                rows.append([""] * len(header))
        files[f"{year}/{stem}.csv"] = csv_bytes(header, rows)
    return files


VARIANTS: dict[str, Callable[[Department], Files]] = {
    "a_gb18030_chinese_headers": variant_gb18030,
    "b_utf8_bom": variant_utf8_bom,
    "c_xlsx_title_rows_total": variant_xlsx_title_total,
    "d_loose_amounts_dates": variant_loose_cells,
    "e_wan_yuan": variant_wan,
    "f_hotline_xlsx_datetimes": variant_hotline_xlsx,
    "g_xls_biff8": variant_xls,
    "h_reordered_alias_headers": variant_reordered_aliases,
}


# ---------------------------------------------------------------- bad cases


NEUTRAL_NARRATIVE = "## 绩效情况\n\n1. 全年完成各项工作。\n\n## 存在的问题\n\n1. 人员力量不足。\n\n## 改进措施\n\n1. 充实人员。\n\n## 其他说明\n\n无。\n"


def base_department(*optional: str) -> Department:
    """The minimal department of a bad case: 20 expenditure rows per year, 2024 narrative, and the named ledgers."""
    clean = clean_department()
    tables = {
        (PRIOR, "expenditure"): clean.tables[(PRIOR, "expenditure")].head(BAD_ROWS),
        (YEAR, "expenditure"): clean.tables[(YEAR, "expenditure")].head(BAD_ROWS),
    }
    for stem in optional:
        tables[(YEAR, stem)] = budget_for(tables[(YEAR, "expenditure")]) if stem == "budget" else clean.tables[(YEAR, stem)].head(BAD_ROWS)
    texts = {k: v for k, v in clean.texts.items() if k != f"{PRIOR}/narrative.md"}
    if not {"hotline_orders", "petitions", "volunteer_events"} <= set(optional):
        # the sample narrative has placeholders for the service ledgers, which a minimal case leaves out
        texts[f"{YEAR}/narrative.md"] = NEUTRAL_NARRATIVE.encode("utf-8")
    return Department(texts, tables)


def edited(stem: str, edits: dict[tuple[int, str], str], *optional: str, year: int = YEAR) -> Files:
    """Base department with cells of one ledger changed: {(excel_row, column): value}."""
    dept = base_department(*{stem, *optional} - {"expenditure"})
    table = dept.tables[(year, stem)]
    for (row, column), value in edits.items():
        table.set(row, column, value)
    return dept.files()


def with_table(stem: str, change: Callable[[Table], Table], *optional: str, year: int = YEAR) -> Files:
    dept = base_department(*{stem, *optional} - {"expenditure"})
    dept.tables[(year, stem)] = change(dept.tables[(year, stem)].copy())
    return dept.files()


def drop_column(t: Table, name: str) -> Table:
    i = t.col(name)
    return Table(t.header[:i] + t.header[i + 1 :], [r[:i] + r[i + 1 :] for r in t.rows])


def add_column(t: Table, header: str, values: Callable[[int, list[str]], str]) -> Table:
    return Table(t.header + [header], [r + [values(i, r)] for i, r in enumerate(t.rows)])


def with_total(t: Table, subtotal_after: int | None, wrong: dict[int, Decimal]) -> Table:
    """Insert 小计 rows after every ``subtotal_after`` data rows and a 合计 row; ``wrong`` adds to the n-th total row."""
    amount = t.col("amount")
    rows, since, total_rows = [], Decimal(0), []
    for i, row in enumerate(t.rows):
        rows.append(row)
        since += Decimal(row[amount])
        if subtotal_after and (i + 1) % subtotal_after == 0:
            total_rows.append(("小计", since, len(rows)))
            rows.append(None)
            since = Decimal(0)
    grand = sum(Decimal(r[amount]) for r in t.rows)
    rows.append(None)
    total_rows.append(("合计", grand, len(rows) - 1))
    for n, (marker, value, at) in enumerate(total_rows):
        cells = [""] * len(t.header)
        cells[0], cells[amount] = marker, f"{value + wrong.get(n, Decimal(0)):.2f}"
        rows[at] = cells
    return Table(list(t.header), rows)


def png_bytes() -> bytes:
    """A valid 2×2 RGBA PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    pixels = b"".join(b"\x00" + bytes([0xFF, 0x80, 0x00, 0xFF]) * 2 for _ in range(2))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 6, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(pixels, 9)) + chunk(b"IEND", b"")


def replaced(files: Files, path: str, content: bytes | None) -> Files:
    files = dict(files)
    if content is None:
        del files[path]
    else:
        files[path] = content
    return files


def text_edit(files: Files, path: str, old: str, new: str) -> Files:
    text = files[path].decode("utf-8")
    assert text.count(old) == 1, (path, old)
    return replaced(files, path, text.replace(old, new).encode("utf-8"))


def expenditure_xlsx(t: Table, title_rows: int = 0) -> bytes:
    rows: list[list[object]] = [["中共南岳区委社会工作部2024年度支出明细账"]] * title_rows
    rows = rows + [list(t.header)] + [typed_row("expenditure", t.header, r) for r in t.rows]
    return xlsx_bytes(rows)


def bad_cases() -> dict[str, Callable[[], Files]]:
    """Every bad case: name → its department's files. Rows are Excel rows (header = row 1)."""
    base = lambda *optional: base_department(*optional).files()  # noqa: E731
    exp = f"{YEAR}/expenditure.csv"
    hotline_table = lambda: base_department("hotline_orders").tables[(YEAR, "hotline_orders")]  # noqa: E731
    return {
        # structure of the expenditure file
        "missing_required_column": lambda: with_table("expenditure", lambda t: drop_column(t, "econ_code")),
        "unknown_extra_column": lambda: with_table("expenditure", lambda t: add_column(t, "备注", lambda i, r: "已审核" if i % 2 else "")),
        "column_twice": lambda: with_table("expenditure", lambda t: add_column(t, "金额", lambda i, r: r[t.col("amount")])),
        "duplicate_row": lambda: with_table("expenditure", lambda t: Table(t.header, t.rows + [list(t.rows[5])])),
        "total_row_mismatch": lambda: with_table("expenditure", lambda t: with_total(t, None, {0: Decimal("100.00")})),
        "subtotal_mismatch": lambda: with_table("expenditure", lambda t: with_total(t, 10, {1: Decimal("-0.01")})),
        "header_only": lambda: with_table("expenditure", lambda t: Table(t.header, [])),
        # expenditure cells
        "amount_not_numeric": lambda: edited("expenditure", {(6, "amount"): "待定"}),
        "amount_zero": lambda: edited("expenditure", {(8, "amount"): "0.00"}),
        "amount_three_decimals": lambda: edited("expenditure", {(10, "amount"): "5297.684"}),
        "amount_scientific": lambda: edited("expenditure", {(11, "amount"): "1.2E+05"}),
        "amount_bracket_negative": lambda: edited("expenditure", {(13, "amount"): "(6,906.47)"}),
        "unknown_spending_type": lambda: edited("expenditure", {(4, "spending_type"): "公用支出"}),
        "econ_code_four_digits": lambda: edited("expenditure", {(3, "econ_code"): "3020"}),
        "econ_class_307_in_basic": lambda: edited("expenditure", {(5, "econ_code"): "30701", (5, "econ_name"): "国内债务付息"}),
        "econ_class_unknown": lambda: edited("expenditure", {(15, "econ_code"): "30601"}),
        "func_code_four_digits": lambda: edited("expenditure", {(16, "func_code"): "2013"}),
        "fund_source_unknown": lambda: edited("expenditure", {(14, "fund_source"): "专项资金"}),
        "project_without_name": lambda: edited("expenditure", {(19, "project"): ""}),
        "duplicate_voucher_id": lambda: edited("expenditure", {(13, "voucher_id"): "记-2024-0011"}),
        "blank_voucher_id": lambda: edited("expenditure", {(17, "voucher_id"): ""}),
        "date_outside_year": lambda: edited("expenditure", {(2, "date"): "2023-12-31"}),
        "date_unparseable": lambda: edited("expenditure", {(9, "date"): "2024-02-30"}),
        # hotline
        "hotline_duplicate_order_id": lambda: edited("hotline_orders", {(6, "order_id"): "NY24000004"}),
        "hotline_closed_before_received": lambda: edited("hotline_orders", {(4, "closed_at"): "2024-01-01 02:50:00"}),
        "hotline_satisfaction_unknown": lambda: edited("hotline_orders", {(7, "satisfaction"): "很满意"}),
        "hotline_closed_without_time": lambda: edited("hotline_orders", {(8, "closed_at"): ""}),
        "hotline_received_outside_year": lambda: edited("hotline_orders", {(2, "received_at"): "2023-12-31 23:59:59"}),
        "hotline_bad_time": lambda: edited("hotline_orders", {(10, "received_at"): "2024-01-01 25:30:06"}),
        "hotline_assigned_without_unit": lambda: edited("hotline_orders", {(3, "assigned_unit"): ""}),
        "hotline_open_with_closed_at": lambda: edited("hotline_orders", {(9, "status"): "办理中"}),
        "hotline_channel_unknown": lambda: edited("hotline_orders", {(11, "channel"): "传真"}),
        "hotline_rated_without_callback": lambda: edited("hotline_orders", {(12, "callback"): "否"}),
        # petitions, volunteers, budget
        "petitions_persons_zero": lambda: edited("petitions", {(3, "persons"): "0"}),
        "petitions_persons_chinese": lambda: edited("petitions", {(5, "persons"): "两"}),
        "petitions_missing_form_column": lambda: with_table("petitions", lambda t: drop_column(t, "form")),
        "petitions_flag_invalid": lambda: edited("petitions", {(4, "leader_reception"): "不适用"}),
        "volunteer_count_negative": lambda: edited("volunteer_events", {(3, "volunteers"): "-5"}),
        "budget_duplicate_line": lambda: with_table("budget", lambda t: Table(t.header, t.rows + [["项目支出", "信访维稳经费", "5000.00", "5000.00"]])),
        # whole files
        "empty_file": lambda: replaced(base(), exp, b""),
        "not_a_table_png": lambda: replaced(base(), exp, png_bytes()),
        "utf16_csv": lambda: replaced(base(), exp, b"\xff\xfe" + table_csv(base_department().tables[(YEAR, "expenditure")]).decode().encode("utf-16-le")),
        "text_saved_as_xlsx": lambda: replaced(replaced(base(), exp, None), f"{YEAR}/expenditure.xlsx", base()[exp]),
        "hotline_as_expenditure": lambda: replaced(base(), exp, table_csv(hotline_table())),
        "hotline_as_budget": lambda: replaced(base(), f"{YEAR}/budget.csv", table_csv(hotline_table())),
        "two_files_one_ledger": lambda: replaced(base(), f"{YEAR}/expenditure.xlsx", expenditure_xlsx(base_department().tables[(YEAR, "expenditure")])),
        "xlsx_title_rows_bad_amount": lambda: replaced(
            replaced(base(), exp, None),
            f"{YEAR}/expenditure.xlsx",
            expenditure_xlsx(base_department().tables[(YEAR, "expenditure")].copy().set(6, "amount", "待定"), 2),
        ),
        "gb18030_chinese_headers_bad_date": lambda: replaced(
            base(),
            exp,
            csv_bytes(
                rename_header("expenditure", base_department().tables[(YEAR, "expenditure")].header, LABELS),
                base_department().tables[(YEAR, "expenditure")].copy().set(5, "date", "2024年2月30日").rows,
                "gb18030",
            ),
        ),
        # department.yaml and narrative.md
        "department_yaml_invalid": lambda: text_edit(base(), "department.yaml", "short_name: 区委社会工作部", "short_name: 区委: 社会工作部"),
        "department_staffing_negative": lambda: text_edit(base(), "department.yaml", "contract: 15, retired: 3,", "contract: 15, retired: -1,"),
        "department_staffing_year_text": lambda: text_edit(base(), "department.yaml", "  2024: {authorised_admin", "  2024年: {authorised_admin"),
        "narrative_unknown_section": lambda: text_edit(
            base(), f"{YEAR}/narrative.md", "## 其他说明\n", "## 工作亮点\n\n1. 热线话务员队伍保持稳定\n\n## 其他说明\n"
        ),
        "narrative_missing_section": lambda: text_edit(base(), f"{YEAR}/narrative.md", "## 存在的问题\n", "存在的问题：\n"),
        "narrative_not_utf8": lambda: replaced(base(), f"{YEAR}/narrative.md", base()[f"{YEAR}/narrative.md"].decode("utf-8").encode("gb18030")),
        "missing_narrative": lambda: replaced(base(), f"{YEAR}/narrative.md", None),
        # the prior year
        "prior_year_bad_amount": lambda: edited("expenditure", {(3, "amount"): "-4819.11"}, year=PRIOR),
        "prior_year_two_files": lambda: replaced(base(), f"{PRIOR}/expenditure.xlsx", expenditure_xlsx(base_department().tables[(PRIOR, "expenditure")])),
    }


# ---------------------------------------------------------------- writing


def write_department(root: Path, files: Files) -> list[Path]:
    written = []
    for relative, content in sorted(files.items()):
        path = root / DEPT / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        written.append(path)
    return written


def generate(out: Path) -> list[Path]:
    """Write clean/, messy/ and bad/ under ``out`` (each replaced whole); returns every file written."""
    out = Path(out)
    for part in ("clean", "messy", "bad"):
        if (out / part).exists():
            shutil.rmtree(out / part)
    clean = clean_department()
    written = write_department(out / "clean", clean.files())
    for name, build in VARIANTS.items():
        written += write_department(out / "messy" / name, build(clean))
    for name, build in bad_cases().items():
        written += write_department(out / "bad" / name, build())
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the bad- and messy-ledger test corpus.")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: tests/corpus)")
    args = parser.parse_args(argv)
    written = generate(args.out)
    total = sum(p.stat().st_size for p in written)
    print(f"wrote {len(written)} files, {total} bytes, under {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
