"""variance.xlsx read back with openpyxl: sheets, hand-worked numbers, frozen headers, number formats, safe text.

The ledger is the seven vouchers of tests/test_explore.py (its docstring lists them).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from test_explore import FUND, GENERAL, tiny_budget, tiny_history

from analysis.explore import Variance
from analysis.variance_book import write_variance_book


@pytest.fixture
def book(tmp_path: Path) -> openpyxl.Workbook:
    history = tiny_history()
    history.loc[history["voucher_id"].eq("B1"), "summary"] = '=HYPERLINK("x")'  # a formula typed into a ledger
    path = write_variance_book(tmp_path, Variance("d", 2024, "某单位", history, tiny_budget()))
    assert path == tmp_path / "variance.xlsx" and [p.name for p in tmp_path.iterdir()] == ["variance.xlsx"]  # no temp file left
    return openpyxl.load_workbook(path)


def values(sheet, first_row: int = 1) -> list[tuple]:
    """The sheet's cell values row by row from ``first_row``."""
    return list(sheet.iter_rows(min_row=first_row, values_only=True))


def test_sheets_in_order_with_frozen_filtered_headers(book: openpyxl.Workbook) -> None:
    assert book.sheetnames == ["经济分类", "项目", "月度", "预算执行", "凭证明细"]
    for sheet in book:
        assert sheet.freeze_panes == "A2", sheet.title
        assert sheet.auto_filter.ref.startswith("A1:"), sheet.title
        assert all(cell.font.bold for cell in sheet[1])


def test_economic_classes_sheet_holds_numbers_in_wan(book: openpyxl.Workbook) -> None:
    sheet = book["经济分类"]
    assert values(sheet)[0] == (
        "支出类型",
        "资金性质",
        "类编码",
        "类名称",
        "款编码",
        "款名称",
        "本年（万元）",
        "上年（万元）",
        "变动（万元）",
        "变动率",
        "占变动总额比重",
    )
    # by |change|: 31002 +60,000 fen; 30201 and 30227 both 50,000 (basic first); 30102 +40,000; 30101 +30,000 of +30,000 in all
    assert values(sheet, 2) == [
        ("项目支出", FUND, "310", "资本性支出", "31002", "办公设备购置", 0.06, 0, 0.06, None, 2.0),
        ("基本支出", GENERAL, "302", "商品和服务支出", "30201", "办公费", 0, 0.05, -0.05, -1.0, pytest.approx(-5 / 3)),
        ("项目支出", GENERAL, "302", "商品和服务支出", "30227", "委托业务费", 0.15, 0.2, -0.05, -0.25, pytest.approx(-5 / 3)),
        ("基本支出", GENERAL, "301", "工资福利支出", "30102", "津贴补贴", 0.04, 0, 0.04, None, pytest.approx(4 / 3)),
        ("基本支出", GENERAL, "301", "工资福利支出", "30101", "基本工资", 0.13, 0.1, 0.03, pytest.approx(0.3), 1.0),
    ]
    row = sheet[2]
    assert [c.number_format for c in row[6:9]] == ["#,##0.00"] * 3
    assert [c.number_format for c in row[9:11]] == ["0.00%"] * 2
    assert row[6].data_type == "n" and row[2].data_type == "s"  # a number, and a code kept as text


def test_amounts_are_unrounded_so_that_excel_sums_agree(tmp_path: Path) -> None:
    history = tiny_history()
    history.loc[history["voucher_id"].eq("B1"), "amount_fen"] = 123_456  # 0.123456 万元, shown as 0.12
    sheet = openpyxl.load_workbook(write_variance_book(tmp_path, Variance("d", 2024, "某单位", history, None)))["经济分类"]
    row = next(r for r in values(sheet, 2) if r[4] == "30101")
    assert row[6] == 0.123456 and sheet.cell(2, 7).number_format == "#,##0.00"


def test_project_month_and_budget_sheets(book: openpyxl.Workbook) -> None:
    assert values(book["项目"], 2) == [
        ("项目支出", FUND, "P2", 0.06, 0, 0.06, None, 2.0),
        ("项目支出", GENERAL, "P1", 0.15, 0.2, -0.05, -0.25, pytest.approx(-5 / 3)),
        ("基本支出", GENERAL, None, 0.17, 0.15, 0.02, pytest.approx(2 / 15), pytest.approx(2 / 3)),  # basic spending has no project
    ]
    months = values(book["月度"], 2)  # calendar order, basic before project, by fund: March's B3 vs A3, and B4
    assert [(r[0], r[1], r[2], r[5]) for r in months] == [
        (1, "基本支出", GENERAL, 0.07),
        (2, "基本支出", GENERAL, -0.05),
        (3, "项目支出", GENERAL, -0.05),
        (3, "项目支出", FUND, 0.06),
    ]
    budget = book["预算执行"]
    assert values(budget)[0] == ("支出类型", "预算项目", "年初预算（万元）", "调整预算（万元）", "实际支出（万元）", "执行率", "未执行（万元）")
    assert values(budget, 2) == [
        ("基本支出", "基本支出", 0.2, 0.18, 0.17, pytest.approx(17 / 18), 0.01),
        ("项目支出", "P1", 0.15, 0.2, 0.15, 0.75, 0.05),
        ("项目支出", "P2", 0.1, 0.1, 0, 0, 0.1),
        ("项目支出", "P3", 0, 0, 0, None, 0),
    ]
    assert budget.cell(2, 6).number_format == "0.00%"


def test_voucher_sheet_this_year_then_last_by_date(book: openpyxl.Workbook) -> None:
    sheet = book["凭证明细"]
    rows = values(sheet, 2)
    assert [r[1] for r in rows] == ["B1", "B2", "B3", "B4", "A1", "A2", "A3"]
    assert rows[0][:9] == (2024, "B1", datetime(2024, 1, 12), "基本支出", "30101", "基本工资", None, "一般公共预算", 1300)
    assert sheet.cell(2, 3).number_format == "yyyy-mm-dd" and sheet.cell(2, 9).number_format == "#,##0.00"
    assert rows[0][9] == '\'=HYPERLINK("x")' and sheet.cell(2, 10).data_type == "s"  # text, never a formula


def test_a_department_without_budget_gets_an_empty_budget_sheet(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(write_variance_book(tmp_path, Variance("d", 2024, "某单位", tiny_history(), None)))
    assert values(book["预算执行"]) == [("支出类型", "预算项目", "年初预算（万元）", "调整预算（万元）", "实际支出（万元）", "执行率", "未执行（万元）")]
