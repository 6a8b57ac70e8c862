"""What the data plane reads: row numbers as Excel shows them, GB18030 in blocks, Parquet, hostile files, capped messages."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pandas as pd
import pytest

from analysis.dataplane import engine, scan
from analysis.dataplane.api import check_service_ledger, load_service_ledger, write_service_parquet
from analysis.ledgers.common import LedgerError
from analysis.ledgers.hotline import load_hotline
from analysis.limits import MAX_ENGINE_MEMORY, Limit
from analysis.paths import RAW_DIR

SAMPLE = RAW_DIR / "nanyue-swd" / "2024" / "hotline_orders.csv"
HEADER = "order_id,received_at,channel,category,topic,handling,assigned_unit,status,closed_at,callback,satisfaction,content,caller_phone"
GOOD = "{id},2024-03-01 10:00:00,电话,咨询,城市管理,自办,,已办结,2024-03-01 11:00:00,是,满意,咨询,13900000000"
BAD_CHANNEL = "列「来源渠道」(column)：值「传真」(value)"


def messages(path: Path) -> list[str]:
    """The lines validation prints for a hotline ledger (its error lines)."""
    with pytest.raises(LedgerError) as caught:
        check_service_ledger("hotline", path, 2024, None)
    return [p.describe() for p in caught.value.problems]


def write_orders(path: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    """A hotline ledger of these lines under the header."""
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding=encoding)
    return path


def test_rows_are_numbered_as_excel_shows_them_with_blank_lines_and_quoted_line_breaks(tmp_path: Path) -> None:
    lines = [
        GOOD.format(id="A1"),
        "",
        GOOD.format(id="A3"),
        GOOD.format(id="A4").replace(",咨询,1390", ',"咨询\n两行",1390'),
        GOOD.format(id="A5").replace("电话", "传真"),
    ]
    # header 1, A1 2, blank 3, A3 4, A4 5 (one record over two lines), A5 6
    assert messages(write_orders(tmp_path / "hotline_orders.csv", lines)) == [
        f"hotline_orders.csv 第6行 (row) {BAD_CHANNEL}，应为 (expected)：以下之一 (one of)：电话/微信/网站/APP/省平台转办/领导信箱"
    ]


def test_rows_of_a_large_simple_file_keep_their_numbers_across_row_groups(tmp_path: Path) -> None:
    rows = [GOOD.format(id=f"B{i}") for i in range(2, 300_002)]  # Excel rows 2 … 300,001: DuckDB stores 122,880 rows per group
    for row in (150_000, 300_001):
        rows[row - 2] = rows[row - 2].replace("电话", "传真")
    found = messages(write_orders(tmp_path / "hotline_orders.csv", rows))
    assert [line.split(" ")[1] for line in found] == ["第150000行", "第300001行"]


def test_gb18030_is_transcoded_in_blocks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scan, "BLOCK", 4096)  # a character split between blocks must still decode
    path = tmp_path / "hotline_orders.csv"
    path.write_bytes(SAMPLE.read_text(encoding="utf-8").encode("gb18030"))
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    pd.testing.assert_frame_equal(load_service_ledger("hotline", path, 2024, b"s", None, None), load_hotline(SAMPLE, 2024))


def test_parquet_is_read_like_the_csv(tmp_path: Path) -> None:
    text = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    path = tmp_path / "hotline_orders.parquet"
    text.to_parquet(path, index=False)
    pd.testing.assert_frame_equal(load_service_ledger("hotline", path, 2024, b"s", None, None), load_hotline(SAMPLE, 2024))
    bad = text.copy()
    bad.loc[4, "channel"] = "传真"  # the fifth order: Excel row 6 under the header row
    bad.to_parquet(path, index=False)
    assert [line.split(" ")[1] for line in messages(path)] == ["第6行"]


def test_a_million_bad_rows_are_listed_twenty_and_counted(tmp_path: Path) -> None:
    rows = [GOOD.format(id=f"C{i}").replace("电话", "传真") for i in range(100_000)]
    found = messages(write_orders(tmp_path / "hotline_orders.csv", rows))
    assert len(found) == 21
    assert found[0].startswith(f"hotline_orders.csv 第2行 (row) {BAD_CHANNEL}") and found[19].startswith("hotline_orders.csv 第21行 (row)")
    assert found[20].endswith("此规则另有99980处同类问题未列出 (more of the same not listed)")


def refusal(path: Path) -> str:
    """The one refusal of a hostile hotline ledger."""
    found = messages(path)
    assert len(found) == 1, found
    return found[0]


def test_a_header_of_a_million_columns_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "hotline_orders.csv"
    path.write_text(HEADER + ",x" * 1_000_000 + "\n" + GOOD.format(id="D1") + "\n", encoding="utf-8")
    assert (
        refusal(path)
        == "hotline_orders.csv 第1行 (row)，应为 (expected)：台账每行列数 (columns per row)不超过1,000列 (limit MAX_COLUMNS)；此处为 (found) 1,000,013列"
    )  # 13 named columns and a million more


def test_a_line_of_hundreds_of_megabytes_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "hotline_orders.csv"
    with open(path, "wb") as handle:
        handle.write((HEADER + "\n" + "D1,").encode())
        handle.truncate(300 * 1024 * 1024)  # sparse: 300 MB of one line, written in no time
    expected = "hotline_orders.csv 第2行 (row)，应为 (expected)：CSV 每行的长度 (bytes per line)不超过16,777,216字节 (limit MAX_LINE_BYTES)；此处为 (found) 超过16,777,216字节"
    assert refusal(path) == expected


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("hotline_orders.csv", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "UTF-8 或 GB18030/GBK 编码的 CSV 文件 (text encoding)"),
        ("hotline_orders.parquet", None, "Parquet 文件 (a Parquet file)；此文件的内容不是 Parquet 格式，请按其真实格式另存或改正扩展名"),
        ("hotline_orders.parquet", (HEADER + "\n").encode(), "Parquet 文件 (a Parquet file)；此文件的内容不是 Parquet 格式，请按其真实格式另存或改正扩展名"),
    ],
    ids=["png-named-csv", "zip-named-parquet", "text-named-parquet"],
)
def test_a_file_that_is_not_what_its_name_says_is_refused(tmp_path: Path, name: str, content: bytes | None, expected: str) -> None:
    path = tmp_path / name
    if content is None:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("sheet.xml", "<a/>")
    else:
        path.write_bytes(content)
    assert refusal(path) == f"{name}，应为 (expected)：{expected}"


def test_a_ledger_beyond_the_memory_limit_is_processed_by_spilling_or_refused_naming_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "MAX_ENGINE_MEMORY", Limit("MAX_ENGINE_MEMORY", 8 * 1024 * 1024, "字节", MAX_ENGINE_MEMORY.what, MAX_ENGINE_MEMORY.reason))
    try:
        rows = write_service_parquet("hotline", SAMPLE, 2024, b"s", tmp_path / "hotline.parquet")
    except LedgerError as error:
        assert "hotline_orders.csv" in str(error) and "(limit MAX_ENGINE_MEMORY)" in str(error)
    else:
        assert rows == len(pd.read_parquet(tmp_path / "hotline.parquet")) == 30_708
