"""validation.csv: every problem as a row Excel opens safely."""

from __future__ import annotations

import csv
import io

from analysis.files import excel_safe
from analysis.ledgers.common import Problem
from analysis.validate import validation_csv


def test_cells_that_excel_would_run_as_formulas_are_quoted() -> None:
    assert [excel_safe(t) for t in ("=SUM(A1)", "+1", "-12.50", "@cmd", "合计", "")] == ["'=SUM(A1)", "'+1", "'-12.50", "'@cmd", "合计", ""]


def test_validation_csv_has_a_bom_a_header_and_one_row_per_problem() -> None:
    problems = [
        Problem("expenditure.csv", 4, "金额", "=1+1", "非零正数金额 (positive amount)"),
        Problem("hotline_orders.csv", None, "备注", None, "已知的列名 (known column)；此列已忽略", "warning"),
    ]
    text = validation_csv(problems)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == ["级别 (severity)", "文件 (file)", "行 (row)", "列 (column)", "值 (value)", "应为 (expected)"]
    assert rows[1] == ["错误", "expenditure.csv", "4", "金额", "'=1+1", "非零正数金额 (positive amount)"]
    assert rows[2] == ["提示", "hotline_orders.csv", "", "备注", "", "已知的列名 (known column)；此列已忽略"]
