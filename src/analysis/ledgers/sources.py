"""Opening a ledger file as the clerk saved it: CSV in UTF-8 or GB18030, .xlsx or .xls (Parquet: analysis.dataplane).

Every cell comes back as text, one list per row, exactly as the sheet shows it.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path

import openpyxl
import pandas as pd
import xlrd

from analysis.ledgers.common import NOT_A_FILE, LedgerError, Problem, limit_problem
from analysis.ledgers.headers import HEADER_SEARCH_ROWS
from analysis.limits import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_LEDGER_BYTES,
    MAX_SHEET_CHARS,
    LimitExceeded,
    check_archive,
    check_size,
)

SUFFIXES = (".csv", ".xlsx", ".xls", ".parquet")
ENCODINGS = ("utf-8-sig", "gb18030")
TOP_BYTES = 1024 * 1024  # a header and fourteen rows above or below it fit many times over


def find_ledger_file(folder: Path, stem: str) -> Path | None:
    """The ledger saved as stem.csv, stem.xlsx, stem.xls or stem.parquet; more than one is an error."""
    found = [folder / f"{stem}{suffix}" for suffix in SUFFIXES if (folder / f"{stem}{suffix}").exists()]
    if len(found) > 1:
        raise LedgerError([Problem(found[0].name, None, None, None, f"只保留一个{stem}文件 (one file per ledger)，现有：{'、'.join(p.name for p in found)}")])
    return found[0] if found else None


def decode_csv(path: Path) -> str:
    """The CSV's text, trying UTF-8 (with or without BOM), then GB18030 (which covers GBK)."""
    data = path.read_bytes()
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise LedgerError([Problem(path.name, None, None, None, "UTF-8 或 GB18030/GBK 编码的 CSV 文件 (text encoding)")])


def excel_cell_text(value: object) -> str:
    """An Excel cell as text: dates as ISO, whole numbers without ``.0``, empty as ''."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, (datetime, pd.Timestamp)):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return format(value, ".15g")  # what Excel shows: 1234.56, not 1234.5600000000002
    return str(value)


def read_xls_rows(path: Path, sheet_names: tuple[str, ...]) -> list[list[str]]:
    """An old-style .xls sheet read with xlrd itself (pandas 3 deprecates its .xls reader)."""
    book = xlrd.open_workbook(path)
    sheet = next((book.sheet_by_name(n) for n in book.sheet_names() if n.strip() in sheet_names), book.sheet_by_index(0))
    return [[xls_cell_text(cell, book.datemode) for cell in sheet.row(r)] for r in range(sheet.nrows)]


def xls_cell_text(cell: xlrd.sheet.Cell, datemode: int) -> str:
    """An .xls cell as text, dates turned into ISO date-times like the .xlsx path."""
    if cell.ctype == xlrd.XL_CELL_DATE:
        return excel_cell_text(xlrd.xldate.xldate_as_datetime(cell.value, datemode))
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#ERROR")  # "#N/A", never its numeric code
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return "TRUE" if cell.value else "FALSE"
    return excel_cell_text(cell.value) if cell.ctype != xlrd.XL_CELL_EMPTY else ""


def read_csv_rows(path: Path) -> list[list[str]]:
    """A CSV's rows, each checked against the column and cell limits as it is read."""
    # newline="": csv itself reads line ends, so files saved with old Mac line ends (CR alone) read too
    return list(iter_csv_rows(io.StringIO(decode_csv(path), newline=""), path.name))


def iter_csv_rows(text: Iterable[str], file: str) -> Iterator[list[str]]:
    """The rows of CSV text (a file opened with newline=""), one at a time, each within the column and cell limits;
    LedgerError naming ``file`` and the row otherwise."""
    reader = csv.reader(text)
    try:
        for row in reader:
            check_row(row, reader.line_num, file)
            yield row
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            # csv's own bound (131,072) is above ours: a cell past it is past MAX_CELL_CHARS too
            too_long = LimitExceeded(MAX_CELL_CHARS, f"超过{csv.field_size_limit():,}个字符")
            raise LedgerError([limit_problem(file, too_long, reader.line_num)]) from None
        # csv's own words (an English sentence about quotes or NUL bytes), never the file's text
        raise LedgerError([Problem(file, reader.line_num, None, None, f"格式正确的 CSV 表格 (well-formed CSV)；{exc}")]) from None


def check_row(row: list[str], number: int, file: str) -> None:
    """A row within MAX_COLUMNS cells of at most MAX_CELL_CHARS characters each; else LedgerError naming the row."""
    try:
        check_size(len(row), MAX_COLUMNS, file)
        check_size(max(map(len, row), default=0), MAX_CELL_CHARS, file)
    except LimitExceeded as exc:
        raise LedgerError([limit_problem(file, exc, number)]) from None


def read_excel_rows(path: Path, sheet_names: tuple[str, ...]) -> list[list[str]]:
    """An .xlsx sheet's rows as text (the sheet named like the ledger, else the first visible one), within the limits.

    The archive must pass the zip limits before it is opened; rows are read one by one as the file
    holds them (the size the sheet claims for itself is not trusted), so one cell far out at XFD1
    is refused at once, and the text of all cells counts against MAX_SHEET_CHARS as it is read.
    """
    check_archive(path)
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        visible = [sheet for sheet in book.worksheets if sheet.sheet_state == "visible"] or book.worksheets
        sheet = next((s for s in book.worksheets if s.title.strip() in sheet_names), visible[0])
        sheet.reset_dimensions()
        rows, characters, width = [], 0, 0
        for number, values in enumerate(sheet.iter_rows(values_only=True), 1):
            row = [excel_cell_text(value) for value in values]
            while row and not row[-1]:
                row.pop()
            check_row(row, number, path.name)
            characters += sum(map(len, row))
            check_size(characters, MAX_SHEET_CHARS, path.name)
            width = max(width, len(row))
            rows.append(row)
    finally:
        book.close()
    while rows and not rows[-1]:
        rows.pop()
    # as the sheet shows it: every filled row as wide as the widest (an empty cell at the end is still a cell)
    return [row + [""] * (width - len(row)) if row else row for row in rows]


# What a reader's failure means to a clerk, by the exception's type; anything else is "not a table".
READ_FAILURES = {
    "MemoryError": "文件过大，内存不足 (out of memory)",
    "RecursionError": "文件结构嵌套过深 (nested too deeply)",
    "BadZipFile": "文件已损坏或不是 Excel 文件 (damaged or not an Excel file)",
    "XLRDError": "文件已损坏或不是 Excel 文件 (damaged or not an Excel file)",
    "InvalidFileException": "文件已损坏或不是 Excel 文件 (damaged or not an Excel file)",
}


def read_top_rows(path: Path) -> list[list[str]]:
    """The first HEADER_SEARCH_ROWS rows of a ledger (where its header is), reading a CSV's first megabyte only."""
    if Path(path).suffix.lower() != ".csv" or not Path(path).is_file():
        return read_rows(path)[:HEADER_SEARCH_ROWS]  # Excel and Parquet are bounded (or refused) by their own readers
    with open(path, "rb") as handle:
        head = handle.read(TOP_BYTES)
    for encoding in ENCODINGS:
        try:
            text = codecs.getincrementaldecoder(encoding)().decode(head)  # a character cut at the end waits, unread
        except UnicodeDecodeError:
            continue
        return list(itertools.islice(iter_csv_rows(io.StringIO(text, newline=""), path.name), HEADER_SEARCH_ROWS))
    raise LedgerError([Problem(path.name, None, None, None, "UTF-8 或 GB18030/GBK 编码的 CSV 文件 (text encoding)")])


def read_rows(path: Path, sheet_names: tuple[str, ...] = ()) -> list[list[str]]:
    """Every row of the file as a list of text cells; an Excel file uses the first matching sheet name, else its first sheet.

    Rows wider than MAX_COLUMNS, cells longer than MAX_CELL_CHARS and archives past the zip
    limits are refused as LedgerError naming the file and the limit.
    """
    path = Path(path)
    if not path.is_file():
        raise LedgerError([Problem(path.name, None, None, None, NOT_A_FILE)])
    try:
        check_size(path.stat().st_size, MAX_LEDGER_BYTES, path.name)
        if path.suffix.lower() == ".csv":
            return read_csv_rows(path)
        if path.suffix.lower() == ".parquet":
            from analysis.dataplane.parquet_input import parquet_rows  # noqa: PLC0415 - DuckDB only for Parquet

            return parquet_rows(path)
        if path.suffix.lower() == ".xls":
            rows = read_xls_rows(path, sheet_names)
            for number, row in enumerate(rows, 1):
                check_row(row, number, path.name)
            return rows
        return read_excel_rows(path, sheet_names)
    except LedgerError:
        raise
    except LimitExceeded as exc:
        raise LedgerError([limit_problem(path.name, exc)]) from None
    except Exception as exc:  # a corrupt or mislabelled file: openpyxl, xlrd and csv each raise their own
        reason = READ_FAILURES.get(type(exc).__name__, type(exc).__name__)  # its text may quote the file's cells
        raise LedgerError([Problem(path.name, None, None, None, f"可读取的 CSV 或 Excel 表格 (a readable table)；读取出错：{reason}")]) from None
