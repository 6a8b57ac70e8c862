"""Reading exports as clerks save them: encodings, Excel sheets, title and total rows, loose cells."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from analysis.ledgers.cells import normalise_amount, normalise_code, normalise_count, normalise_date, normalise_datetime
from analysis.ledgers.common import LedgerError, Problem
from analysis.ledgers.expenditure import load_expenditure
from analysis.ledgers.sources import find_ledger_file

HEADER = ["凭证号", "日期", "支出类型", "经济分类科目编码", "项目名称", "金额"]
ROWS = [["记-1", "2024-01-05", "基本支出", "30101", "", "1000.50"], ["记-2", "2024-02-05", "项目支出", "30201", "信访", "200.00"]]


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("1,234.56", "元", "1234.56"),
        ("（1,234.56）", "元", "-1234.56"),  # accounting negative in full-width brackets
        ("１２３４．５６元", "元", "1234.56"),
        ("12,34", "元", "12,34"),  # wrongly grouped: left for the ledger check to refuse
        ("1.2E+05", "元", "1.2E+05"),  # never guessed
        ("1.2345", "万元", "12345.0000"),  # 1.2345 万元 = 12,345 yuan exactly
    ],
)
def test_normalise_amount(text: str, unit: str, expected: str) -> None:
    assert normalise_amount(text, unit) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024/3/5", "2024-03-05"),
        ("2024年3月5日", "2024-03-05"),
        ("20240305", "2024-03-05"),
        ("45356", "2024-03-05"),  # Excel serial: 45356 days after 1899-12-30
        ("2024-03-05 00:00:00", "2024-03-05"),
        ("2024-02-30", "2024-02-30"),
        ("昨天", "昨天"),
    ],
)
def test_normalise_date(text: str, expected: str) -> None:
    assert normalise_date(text) == expected


def test_normalise_datetime_count_and_code() -> None:
    assert normalise_datetime("2024/3/5 9:12") == "2024-03-05 09:12:00"
    assert normalise_datetime("45356.5") == "2024-03-05 12:00:00"  # half a day past midnight
    assert (normalise_count("１２"), normalise_count("12.0"), normalise_count("两")) == ("12", "12", "两")
    assert (normalise_code("30201.0"), normalise_code("０２９")) == ("30201", "029")


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    """An .xlsx file with the given rows on its first sheet."""
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_xlsx_with_title_rows_and_a_matching_total(tmp_path: Path) -> None:
    rows = [["南岳区某部门2024年支出明细账"], ["单位：元"], HEADER, *ROWS, ["合计", "", "", "", "", "1200.50"]]
    frame = load_expenditure(write_xlsx(tmp_path / "expenditure.xlsx", rows), 2024)
    assert frame["amount_fen"].tolist() == [100050, 20000]
    assert frame["voucher_id"].tolist() == ["记-1", "记-2"]


def test_total_that_does_not_add_up_is_reported_at_its_row(tmp_path: Path) -> None:
    rows = [["标题"], HEADER, *ROWS, ["合计", "", "", "", "", "1200.00"]]
    with pytest.raises(LedgerError) as caught:
        load_expenditure(write_xlsx(tmp_path / "expenditure.xlsx", rows), 2024)
    # title = row 1, header = row 2, data = rows 3-4, total = row 5; 1000.50 + 200.00 = 1200.50
    assert [(p.row, p.column, p.value) for p in caught.value.problems] == [(5, "金额", "1200.00")]
    assert caught.value.problems[0].expected.endswith("1200.50")


def test_gb18030_csv_with_wan_yuan_column(tmp_path: Path) -> None:
    header = ",".join(HEADER[:-1] + ["金额（万元）"])
    text = header + "\n记-1,2024/1/5,基本支出,30101,,0.100050\n记-2,2024年2月5日,项目支出,30201,信访,0.02\n"
    path = tmp_path / "expenditure.csv"
    path.write_bytes(text.encode("gb18030"))
    frame = load_expenditure(path, 2024)
    assert frame["amount_fen"].tolist() == [100050, 20000]  # 0.100050 万元 = 1000.50 yuan
    assert frame["date"].dt.strftime("%Y-%m-%d").tolist() == ["2024-01-05", "2024-02-05"]


def test_unknown_column_warns_and_duplicate_row_fails(tmp_path: Path) -> None:
    path = tmp_path / "expenditure.csv"
    path.write_text(",".join(HEADER + ["备注"]) + "\n" + "\n".join(",".join(r + ["x"]) for r in [ROWS[0], ROWS[0]]) + "\n", encoding="utf-8")
    notes: list[Problem] = []
    with pytest.raises(LedgerError) as caught:
        load_expenditure(path, 2024, notes)
    assert [(p.column, p.severity) for p in notes] == [("备注", "warning")]
    assert any(p.row == 3 and "与第2行完全相同" in p.expected for p in caught.value.problems)


def test_two_files_for_one_ledger_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "expenditure.csv").write_text("x\n", encoding="utf-8")
    write_xlsx(tmp_path / "expenditure.xlsx", [["x"]])
    with pytest.raises(LedgerError, match="one file per ledger"):
        find_ledger_file(tmp_path, "expenditure")


def test_problem_shows_the_amount_as_typed_not_as_cleaned(tmp_path: Path) -> None:
    path = tmp_path / "expenditure.csv"
    rows = [ROWS[0], ROWS[1][:-1] + ["（200.00）"]]  # a bracketed negative: cleaned to -200.00, refused as not positive
    path.write_text(",".join(HEADER) + "\n" + "\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    with pytest.raises(LedgerError) as caught:
        load_expenditure(path, 2024)
    assert [(p.row, p.column, p.value) for p in caught.value.problems] == [(3, "金额", "（200.00）")]


@pytest.mark.parametrize(("text", "unit"), [("(-100)", "元"), ("1.5万元", "元"), ("1234元", "万元")])
def test_amounts_that_would_need_a_guess_are_left_for_the_check_to_refuse(text: str, unit: str) -> None:
    assert normalise_amount(text, unit) == text


def test_a_title_row_stating_wan_yuan_converts_the_amount_column(tmp_path: Path) -> None:
    rows = [["2024年支出明细", "单位：万元"], HEADER, ROWS[0][:-1] + ["0.100050"], ROWS[1][:-1] + ["0.02"]]
    assert load_expenditure(write_xlsx(tmp_path / "expenditure.xlsx", rows), 2024)["amount_fen"].tolist() == [100050, 20000]


def test_excel_float_noise_reads_as_excel_shows_it(tmp_path: Path) -> None:
    rows = [HEADER, ROWS[0][:-1] + [1000.1 + 0.4], ROWS[1][:-1] + [200.0]]  # 1000.5000000000001 in binary
    assert load_expenditure(write_xlsx(tmp_path / "expenditure.xlsx", rows), 2024)["amount_fen"].tolist() == [100050, 20000]


def test_a_file_without_header_is_refused_without_echoing_its_cells(tmp_path: Path) -> None:
    path = tmp_path / "expenditure.csv"
    path.write_text("\n".join(",".join(r) for r in ROWS) + "\n", encoding="utf-8")  # the header row was deleted
    with pytest.raises(LedgerError) as caught:
        load_expenditure(path, 2024)
    assert [(p.column, p.value) for p in caught.value.problems] == [(None, None)]
    assert "header row not found" in caught.value.problems[0].expected


def test_every_problem_of_a_file_at_once_and_no_misleading_total(tmp_path: Path) -> None:
    rows = [HEADER, ROWS[0][:-1] + ["abc"], ROWS[1], ROWS[1], ["合计", "", "", "", "", "1200.50"]]
    path = tmp_path / "expenditure.csv"
    path.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    with pytest.raises(LedgerError) as caught:
        load_expenditure(path, 2024)
    # row 2: bad amount; row 4 repeats row 3; the 合计 is not checked against a sum missing row 2
    assert [(p.row, p.column) for p in caught.value.problems] == [(2, "金额"), (4, None)]


def test_output_folders_may_not_overlap_the_ledgers(tmp_path: Path) -> None:
    from analysis.params import ParameterError, check_apart

    for folder in (tmp_path / "raw", tmp_path / "raw" / "out", tmp_path):
        with pytest.raises(ParameterError, match="must not overlap"):
            check_apart(tmp_path / "raw", (folder, "输出目录 (output dir)"))
    check_apart(tmp_path / "raw", (tmp_path / "outputs", "输出目录 (output dir)"))
