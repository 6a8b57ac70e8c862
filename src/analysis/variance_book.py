"""variance.xlsx: the explore tables as an Excel workbook for analysts who continue in Excel.

Sheets 经济分类, 项目, 月度, 预算执行, 凭证明细, each with a frozen, filterable
header row of Chinese column names. Cells hold real numbers: amounts in 万元
(fen ÷ 1,000,000, unrounded, so that Excel's sums agree with the report's
totals) shown by a number format with two decimals, ratios as fractions shown
as percentages, dates as dates. Text from the ledgers is made formula-safe.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal, NamedTuple

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from analysis.explore import (
    SPENDING_LABELS,
    Variance,
    budget_vs_actual,
    compare_by,
    find_vouchers,
)
from analysis.files import excel_safe, write_atomic
from analysis.money import FEN_PER_WAN, FEN_PER_YUAN

FILE_NAME = "variance.xlsx"
WAN_FORMAT, PERCENT_FORMAT, DATE_FORMAT = "#,##0.00", "0.00%", "yyyy-mm-dd"
Kind = Literal["text", "label", "int", "wan", "yuan", "ratio", "date"]


class Column(NamedTuple):
    """One workbook column: the frame's column, its Chinese header, how its cells are written."""

    source: str
    header: str
    kind: Kind
    width: int = 14


COLUMNS = {
    column.source: column
    for column in (  # every column the sheets (and notebook 05's tables) show
        Column("fiscal_year", "年度", "int", 6),
        Column("month", "月份", "int", 6),
        Column("voucher_id", "凭证号", "text", 16),
        Column("date", "日期", "date", 12),
        Column("spending_type", "支出类型", "label", 10),
        Column("econ_class", "类编码", "text", 8),
        Column("class_name", "类名称", "text", 18),
        Column("econ_code", "款编码", "text", 8),
        Column("econ_name", "款名称", "text", 24),
        Column("project", "项目名称", "text", 28),
        Column("item", "预算项目", "text", 28),
        Column("fund_source", "资金性质", "text", 14),
        Column("amount_fen", "金额（元）", "yuan"),
        Column("summary", "摘要", "text", 36),
        Column("current_fen", "本年（万元）", "wan"),
        Column("prior_fen", "上年（万元）", "wan"),
        Column("change_fen", "变动（万元）", "wan"),
        Column("change_pct", "变动率", "ratio", 10),
        Column("share_of_change", "占变动总额比重", "ratio"),
        Column("initial_fen", "年初预算（万元）", "wan"),
        Column("adjusted_fen", "调整预算（万元）", "wan"),
        Column("actual_fen", "实际支出（万元）", "wan"),
        Column("execution_rate", "执行率", "ratio", 10),
        Column("unspent_fen", "未执行（万元）", "wan"),
    )
}
CHANGES = ("current_fen", "prior_fen", "change_fen", "change_pct", "share_of_change")
SHEETS = {  # sheet → its columns, in order
    "经济分类": ("spending_type", "fund_source", "econ_class", "class_name", "econ_code", "econ_name", *CHANGES),
    "项目": ("spending_type", "fund_source", "project", *CHANGES),
    "月度": ("month", "spending_type", "fund_source", *CHANGES),
    "预算执行": ("spending_type", "item", "initial_fen", "adjusted_fen", "actual_fen", "execution_rate", "unspent_fen"),
    "凭证明细": ("fiscal_year", "voucher_id", "date", "spending_type", "econ_code", "econ_name", "project", "fund_source", "amount_fen", "summary"),
}
FORMATS = {"wan": WAN_FORMAT, "yuan": WAN_FORMAT, "ratio": PERCENT_FORMAT, "date": DATE_FORMAT, "int": "0"}


def sheet_frames(variance: Variance) -> dict[str, pd.DataFrame]:
    """Each sheet's table from the explore functions: every fund, by 资金性质 (filter 一般公共预算 for the report's
    section 二, 支出类型 for basic or project spending)."""
    history, year = variance.history, variance.year
    return {
        "经济分类": compare_by(history, year, ["spending_type", "fund_source", "econ_class", "econ_code"], fund_source=None),
        "项目": compare_by(history, year, ["spending_type", "fund_source", "project"], fund_source=None),
        "月度": compare_by(history, year, ["month", "spending_type", "fund_source"], order="key", fund_source=None),
        "预算执行": budget_vs_actual(history, variance.budget, year),
        "凭证明细": pd.concat([find_vouchers(history, year=y) for y in (year, year - 1)], ignore_index=True),
    }


def cell_value(value: Any, kind: Kind) -> object:
    """What a cell holds: 万元 or 元 from fen, a ratio, a date, a whole number, or formula-safe text; None when missing.

    ``value`` is a cell from ``itertuples``, which pandas types as Any (an int, float, text, Timestamp or NaN).
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if kind == "wan":
        return int(value) / FEN_PER_WAN
    if kind == "yuan":
        return int(value) / FEN_PER_YUAN
    if kind == "ratio":
        return float(value)
    if kind == "date":
        return pd.Timestamp(value).to_pydatetime()
    if kind == "int":
        return int(value)
    return excel_safe(SPENDING_LABELS.get(str(value), str(value)) if kind == "label" else str(value))


def fill_sheet(sheet: Worksheet, frame: pd.DataFrame, names: tuple[str, ...]) -> Worksheet:
    """Write the header (bold, frozen, with an autofilter) and one row per frame row of the columns ``names``, formatted by kind."""
    columns = [COLUMNS[name] for name in names]
    sheet.append([c.header for c in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in frame[[c.source for c in columns]].itertuples(index=False):
        sheet.append([cell_value(v, c.kind) for v, c in zip(row, columns)])
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        if column.kind in FORMATS:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = FORMATS[column.kind]
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(sheet.max_row, 1)}"
    return sheet


def build_workbook(variance: Variance) -> Workbook:
    """The workbook of one department and year, sheets in SHEETS order."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, frame in sheet_frames(variance).items():
        fill_sheet(workbook.create_sheet(title), frame, SHEETS[title])
    workbook.properties.title = f"{variance.department}{variance.year}年度支出变动分析"
    return workbook


def write_variance_book(folder: Path, variance: Variance) -> Path:
    """Write ``folder``/variance.xlsx atomically (a temporary file renamed into place); its path."""
    workbook = build_workbook(variance)
    return write_atomic(Path(folder) / FILE_NAME, lambda temp: workbook.save(temp))
