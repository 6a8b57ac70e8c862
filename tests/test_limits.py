"""analysis.limits: each limit named with its reason, refusals that say which, and the zip-container check."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

import analysis.limits as limits
from analysis.limits import LIMITS, MAX_ZIP_MEMBERS, MAX_ZIP_RATIO, Limit, LimitExceeded, check_archive, check_size
from analysis.paths import PACKAGE_DIR


def test_every_limit_is_a_constant_of_its_own_name_with_a_reason() -> None:
    assert len(LIMITS) >= 15
    for limit in LIMITS:
        assert getattr(limits, limit.name) is limit
        assert limit.value > 0 and limit.unit and limit.what
        assert len(limit.reason.split()) >= 6, limit.name  # a sentence, not a word


def test_every_limit_is_used() -> None:
    own = (PACKAGE_DIR / "limits.py").read_text(encoding="utf-8")
    checks = own[own.index("def check_size") :]  # where limits.py applies its own (the zip checks)
    sources = checks + "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE_DIR.rglob("*.py") if p.name != "limits.py")
    unused = [limit.name for limit in LIMITS if not re.search(rf"\b{limit.name}\b", sources)]
    assert unused == []


def test_a_refusal_names_the_file_the_limit_and_what_was_found() -> None:
    limit = Limit("MAX_THINGS", 1_000, "个", "东西 (things)", "Because a test needs one.")
    with pytest.raises(LimitExceeded) as caught:
        check_size(1_001, limit, "a.csv")
    assert str(caught.value) == "a.csv：超出限制 (limit exceeded)：东西 (things)不超过1,000个 (limit MAX_THINGS)；此处为 (found) 1,001个"
    check_size(1_000, limit, "a.csv")  # at the limit is within it


def write_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_a_highly_compressed_part_over_one_mebibyte_is_refused(tmp_path: Path) -> None:
    bomb = write_zip(tmp_path / "a.xlsx", {"xl/worksheets/sheet1.xml": b"<row/>" * 400_000})  # 2.4 MB of one pattern
    with pytest.raises(LimitExceeded) as caught:
        check_archive(bomb)
    assert caught.value.limit is MAX_ZIP_RATIO and caught.value.file == "a.xlsx"
    assert caught.value.found.startswith("xl/worksheets/sheet1.xml ")


def test_small_parts_may_compress_any_amount_and_ordinary_files_pass(tmp_path: Path) -> None:
    check_archive(write_zip(tmp_path / "b.xlsx", {"styles.xml": b" " * 1_000_000}))  # under 1 MiB: harmless
    check_archive(tmp_path / "missing.xlsx")  # no zip at all: left to the reader to refuse
    (tmp_path / "text.xlsx").write_text("not a zip", encoding="utf-8")
    check_archive(tmp_path / "text.xlsx")


def test_an_archive_of_too_many_parts_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_ZIP_MEMBERS", Limit("MAX_ZIP_MEMBERS", 3, "个", MAX_ZIP_MEMBERS.what, MAX_ZIP_MEMBERS.reason))
    archive = write_zip(tmp_path / "c.docx", {f"part{i}.xml": b"<a/>" for i in range(4)})
    with pytest.raises(LimitExceeded, match=r"c\.docx：.*\(limit MAX_ZIP_MEMBERS\)；此处为 \(found\) 4个"):
        check_archive(archive)


def test_the_readme_lists_every_limit_with_its_number() -> None:
    readme = (PACKAGE_DIR.parent.parent / "README.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `(MAX_[A-Z_]+)` \| ([\d,]+) ", readme, flags=re.M))
    assert rows == {limit.name: f"{limit.value:,}" for limit in LIMITS}
