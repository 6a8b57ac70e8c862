"""Opening a ledger file as the clerk saved it: CSV in UTF-8 or GB18030, .xlsx or .xls.

Every cell comes back as text, one list per row, exactly as the sheet shows it.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

import pandas as pd
import xlrd

from analysis.ledgers.common import LedgerError, Problem

SUFFIXES = (".csv", ".xlsx", ".xls")
ENCODINGS = ("utf-8-sig", "gb18030")


def find_ledger_file(folder: Path, stem: str) -> Path | None:
    """The ledger saved as stem.csv, stem.xlsx or stem.xls; more than one is an error."""
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


def read_rows(path: Path, sheet_names: tuple[str, ...] = ()) -> list[list[str]]:
    """Every row of the file as a list of text cells; an Excel file uses the first matching sheet name, else its first sheet."""
    path = Path(path)
    try:
        if path.suffix.lower() == ".csv":
            return [row for row in csv.reader(io.StringIO(decode_csv(path)))]
        if path.suffix.lower() == ".xls":
            return read_xls_rows(path, sheet_names)
        sheets = pd.ExcelFile(path).sheet_names
        sheet = next((s for s in sheets if s.strip() in sheet_names), sheets[0])
        table = pd.read_excel(path, sheet_name=sheet, header=None, dtype=object)
    except LedgerError:
        raise
    except Exception as exc:  # a corrupt or mislabelled file: openpyxl, xlrd and csv each raise their own
        raise LedgerError([Problem(path.name, None, None, None, f"可读取的 CSV 或 Excel 表格 (a readable table)；读取出错：{type(exc).__name__}")]) from None
    return [[excel_cell_text(v) for v in row] for row in table.itertuples(index=False)]
