"""analysis.files: atomic writes (no leftovers, old content kept on failure) and SHA-256 fingerprints."""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path

import pandas as pd
import pytest

from analysis.files import (
    sha256_file,
    write_atomic,
    write_bytes_atomic,
    write_json_atomic,
    write_parquet_atomic,
    write_text_atomic,
)


@pytest.fixture
def usual_umask():
    """Run with the common umask 022 and restore the caller's afterwards."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_write_atomic_writes_and_leaves_no_temp_file(tmp_path):
    target = tmp_path / "report.html"
    assert write_atomic(target, lambda temp: temp.write_text("新内容", encoding="utf-8")) == target
    assert target.read_text(encoding="utf-8") == "新内容"
    assert list(tmp_path.iterdir()) == [target]


def test_write_atomic_creates_missing_parent_folders(tmp_path):
    target = tmp_path / "outputs" / "dept" / "2024" / "a.txt"
    write_text_atomic(target, "x")
    assert target.read_text(encoding="utf-8") == "x"


def test_failed_writer_keeps_old_content_and_leaves_no_temp_file(tmp_path):
    target = tmp_path / "report.html"
    target.write_text("旧内容", encoding="utf-8")

    def broken(temp: Path) -> None:
        temp.write_text("写了一半", encoding="utf-8")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        write_atomic(target, broken)
    assert target.read_text(encoding="utf-8") == "旧内容"
    assert list(tmp_path.iterdir()) == [target]


def test_failed_writer_creates_no_target(tmp_path):
    def broken(temp: Path) -> None:
        raise OSError("no space")

    with pytest.raises(OSError):
        write_atomic(tmp_path / "new.json", broken)
    assert list(tmp_path.iterdir()) == []


def test_written_files_are_readable_by_others(tmp_path, usual_umask):
    target = write_text_atomic(tmp_path / "report.html", "x")
    mode = stat.S_IMODE(target.stat().st_mode)
    assert mode & 0o044 == 0o044
    assert mode == 0o644


def test_write_json_atomic_keeps_chinese_readable(tmp_path):
    target = write_json_atomic(tmp_path / "checks.json", {"名称": "社工部", "n": 2})
    assert target.read_text(encoding="utf-8") == '{\n  "名称": "社工部",\n  "n": 2\n}\n'


def test_write_bytes_and_parquet_round_trip(tmp_path):
    assert write_bytes_atomic(tmp_path / "a.bin", b"\x00\xff").read_bytes() == b"\x00\xff"
    frame = pd.DataFrame({"project": ["热线经费", "信访救助经费"], "amount_fen": [60_000, 40_000]})
    path = write_parquet_atomic(tmp_path / "t.parquet", frame)
    pd.testing.assert_frame_equal(pd.read_parquet(path), frame, check_dtype=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.bin", "t.parquet"]


@pytest.mark.parametrize("data", [b"jixiao\n", "部门整体支出".encode(), b"a" * (1 << 20) + b"b"])
def test_sha256_file_matches_hashlib(tmp_path, data):
    path = tmp_path / "input.csv"
    path.write_bytes(data)
    assert sha256_file(path) == hashlib.sha256(data).hexdigest()


def test_sha256_of_empty_file_is_the_known_constant(tmp_path):
    path = tmp_path / "empty"
    path.write_bytes(b"")
    assert sha256_file(path) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def test_to_json_writes_decimals_with_their_exact_digits():
    from decimal import Decimal

    from analysis.files import to_json

    text = to_json({"amount": Decimal("565003.20"), "negative": Decimal("-0.50"), "rate": 0.5, "name": "信访"})
    assert '"amount": 565003.20' in text and '"negative": -0.50' in text and '"name": "信访"' in text
    assert json.loads(text) == {"amount": 565003.2, "negative": -0.5, "rate": 0.5, "name": "信访"}
