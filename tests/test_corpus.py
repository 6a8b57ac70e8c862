"""The corpus of bad and messy ledgers under tests/corpus/.

* the corpus on disk is what scripts/make_corpus.py writes (byte for byte);
* every bad case makes `jixiao validate` print the messages of cases.yaml,
  written by hand, with the right exit status and one validation.csv row per problem;
* every messy variant loads to exactly the tables of the clean copy;
* command parameters that must be refused are refused with status 2.

A case of cases.yaml with a ``bug`` field documents behaviour that is wrong
today: it is marked xfail(strict=True), so fixing the code makes it XPASS and
fail until the field is deleted.
"""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path

import pandas as pd
import pytest
import yaml

from analysis.cli import main
from analysis.ingest import read_history
from analysis.validate import validate_ledgers
from analysis.year_ledgers import read_year_ledgers

REPO_ROOT = Path(__file__).resolve().parent.parent
CORPUS = REPO_ROOT / "tests" / "corpus"
SCRIPT = REPO_ROOT / "scripts" / "make_corpus.py"
HAND_WRITTEN = {Path("cases.yaml"), Path("README.md")}
DEPT, YEAR = "nanyue-swd", 2024
SUMMARY = re.compile(r"^校验完成 \(validated\)：错误 \(errors\) (\d+)，提示 \(warnings\) (\d+)；清单见 (.+)$")
CASES = yaml.safe_load((CORPUS / "cases.yaml").read_text(encoding="utf-8"))["cases"]
VARIANTS = sorted(p.name for p in (CORPUS / "messy").iterdir() if p.is_dir())
MAX_CORPUS_BYTES = 1_500_000
# Messy variants the code cannot load today (the reason is the bug), marked xfail(strict=True).
VARIANT_BUGS: dict[str, str] = {}  # variant → why it cannot load yet (none today)


def corpus_files(root: Path) -> list[Path]:
    return sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file())


# ---------------------------------------------------------------- (a) the corpus is generated


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    subprocess.run([sys.executable, str(SCRIPT), "--out", str(out)], check=True, capture_output=True)
    return out


def test_corpus_is_what_the_script_writes(regenerated: Path) -> None:
    """Byte-identical, .xlsx and .xls included (fixed document properties and zip times)."""
    generated = corpus_files(regenerated)
    assert generated, "make_corpus.py wrote nothing"
    on_disk = [p for p in corpus_files(CORPUS) if p not in HAND_WRITTEN]
    assert on_disk == generated, "run `python scripts/make_corpus.py` to refresh tests/corpus"
    for relative in generated:
        assert (CORPUS / relative).read_bytes() == (regenerated / relative).read_bytes(), f"{relative} differs from a fresh run"


def test_corpus_is_small_and_complete() -> None:
    assert sum(p.stat().st_size for p in CORPUS.rglob("*") if p.is_file()) < MAX_CORPUS_BYTES
    names = [case["name"] for case in CASES]
    assert len(names) == len(set(names)) >= 30
    assert sorted(names) == sorted(p.name for p in (CORPUS / "bad").iterdir() if p.is_dir()), "cases.yaml and bad/ disagree"
    assert len(VARIANTS) >= 7


# ---------------------------------------------------------------- (b) bad cases


def run_validate(data_dir: Path, output_dir: Path, dept: str = DEPT, year: str = str(YEAR)) -> int:
    """`jixiao validate`; an exception escaping main() is what a clerk would see as a traceback."""
    try:
        return main(["validate", "--dept", dept, "--year", year, "--data-dir", str(data_dir), "--output-dir", str(output_dir)])
    except BaseException:  # noqa: BLE001 - report any escape, SystemExit included, as a failure with its traceback
        pytest.fail("jixiao validate did not finish with a message:\n" + traceback.format_exc())


def case_params() -> list:
    params = []
    for case in CASES:
        marks = [pytest.mark.xfail(strict=True, reason=case["bug"])] if case.get("bug") else []
        params.append(pytest.param(case, id=case["name"], marks=marks))
    return params


@pytest.mark.parametrize("case", case_params())
def test_bad_case_is_reported(case: dict, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data_dir = CORPUS / "bad" / case["name"]
    status = run_validate(data_dir, tmp_path)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    lines = out.splitlines()
    assert lines, f"nothing printed; stderr: {err}"
    summary = SUMMARY.match(lines[-1])
    assert summary, f"last line is not the summary: {lines[-1]!r}"
    problems = lines[:-1]
    for expected in case.get("messages", []):
        expected = expected.replace("{data_dir}", str(data_dir))
        assert expected in problems, f"missing line:\n{expected}\nprinted:\n" + "\n".join(problems)
    for pattern in case.get("patterns", []):
        assert any(re.fullmatch(pattern, line) for line in problems), f"no line matches:\n{pattern}\nprinted:\n" + "\n".join(problems)
    assert (int(summary[1]), int(summary[2])) == (case["errors"], case["warnings"]), "\n".join(problems)
    assert len(problems) == case["errors"] + case["warnings"], "every problem is one line"
    assert status == case["exit"]
    csv_path = tmp_path / DEPT / str(YEAR) / "validation.csv"
    with open(csv_path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) - 1 == case["errors"] + case["warnings"], "validation.csv has one row per problem"
    assert sum(r[0] == "错误" for r in rows[1:]) == case["errors"]


# ---------------------------------------------------------------- (c) messy variants


def load_all(data_dir: Path) -> dict[str, pd.DataFrame | None]:
    """Every table as ingest reads it: the frames, and the service ledgers as the data plane writes them."""
    with tempfile.TemporaryDirectory() as staging:
        read = read_year_ledgers(data_dir, DEPT, YEAR, salt=b"x", staging=Path(staging))
        services = {name: None if table is None else pd.read_parquet(table.path) for name, table in read.services[YEAR].items()}
    return dict(read.tables) | services | {"history": read_history(read.years)}


@pytest.fixture(scope="module")
def clean_tables() -> dict[str, pd.DataFrame | None]:
    return load_all(CORPUS / "clean")


def test_clean_copy_validates_without_problems() -> None:
    assert validate_ledgers(CORPUS / "clean", DEPT, YEAR) == []


def test_clean_copy_has_every_ledger(clean_tables: dict) -> None:
    assert all(table is not None and len(table) > 0 for table in clean_tables.values()), clean_tables.keys()
    assert set(clean_tables["history"]["fiscal_year"]) == {2023, 2024}


def variant_params() -> list:
    return [pytest.param(v, id=v, marks=[pytest.mark.xfail(strict=True, reason=VARIANT_BUGS[v])] if v in VARIANT_BUGS else []) for v in VARIANTS]


@pytest.mark.parametrize("variant", variant_params())
def test_messy_variant_loads_like_the_clean_copy(variant: str, clean_tables: dict) -> None:
    data_dir = CORPUS / "messy" / variant
    assert validate_ledgers(data_dir, DEPT, YEAR) == []
    tables = load_all(data_dir)
    assert tables.keys() == clean_tables.keys()
    for name, clean in clean_tables.items():
        pd.testing.assert_frame_equal(tables[name].reset_index(drop=True), clean.reset_index(drop=True), obj=f"{variant}: {name}")


@pytest.mark.parametrize("variant", VARIANTS)
def test_messy_variant_is_really_messy(variant: str) -> None:
    """Each variant differs from the clean copy in at least one ledger file."""
    root, clean = CORPUS / "messy" / variant / DEPT, CORPUS / "clean" / DEPT
    ledgers = [p for p in root.rglob("*") if p.is_file() and p.suffix in (".csv", ".xlsx", ".xls")]
    assert any(not (clean / p.relative_to(root)).exists() or (clean / p.relative_to(root)).read_bytes() != p.read_bytes() for p in ledgers)


# ---------------------------------------------------------------- (d) parameters


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["run", "--dept", "../x", "--year", "2024"], "部门代码 (dept) 无效"),
        (["validate", "--dept", "../x", "--year", "2024"], "部门代码 (dept) 无效"),
        (["run", "--dept", DEPT, "--year", "abc"], "年度 (year) 须为四位整数"),
        (["validate", "--dept", DEPT, "--year", "abc"], "年度 (year) 须为四位整数"),
        (["run", "--dept", DEPT, "--year", "2024", "--data-dir", "some/../path"], "不能包含 .."),
        (["validate", "--dept", DEPT, "--year", "2024", "--data-dir", "some/../path"], "不能包含 .."),
    ],
    ids=["run-dept", "validate-dept", "run-year", "validate-year", "run-data-dir", "validate-data-dir"],
)
def test_bad_parameters_exit_2(argv: list[str], expected: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    defaults = {"--data-dir": str(CORPUS / "clean"), "--output-dir": str(tmp_path / "out")}
    if argv[0] == "run":
        defaults["--processed-dir"] = str(tmp_path / "processed")
    for option, value in defaults.items():
        if option not in argv:
            argv = argv + [option, value]
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert expected in err
    assert "Traceback" not in out + err
    assert not (tmp_path / "out").exists() and not (tmp_path / "processed").exists()


def test_department_code_with_leading_zero_stays_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data_dir = tmp_path / "raw"
    shutil.copytree(CORPUS / "clean" / DEPT, data_dir / "029")
    assert run_validate(data_dir, tmp_path / "out", dept="029") == 0
    out, _ = capsys.readouterr()
    assert SUMMARY.match(out.splitlines()[-1]).groups()[:2] == ("0", "0")
    assert (tmp_path / "out" / "029" / "2024" / "validation.csv").is_file()
    assert not (tmp_path / "out" / "29").exists()
