"""`jixiao check` on our own reports with planted errors (tests/check_reports/, tests/check_blind/), as text, Word and HTML.

The findings expected of each report are in each folder's expected.yaml, worked out by hand
(the working of each is written beside it): every planted error must be found, with its recomputed
value, and nothing else may be inconsistent.
"""

from __future__ import annotations

import html
from pathlib import Path

import docx
import pytest
import yaml

from analysis.claims import check_report

# check_reports/: written knowing which wordings the checker reads. check_blind/ to check_blind6/: written
# without that list, in the clerks' own varied wording; the checker was then taught the wordings it missed,
# so they are now regression sets (what it found on first sight is in the closing note).
FOLDERS = [
    Path(__file__).parent / name for name in ("check_reports", "check_blind", "check_blind2", "check_blind3", "check_blind4", "check_blind5", "check_blind6")
]
EXPECTED = [report | {"folder": folder} for folder in FOLDERS for report in yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))["reports"]]
# The fixture's names for the kinds of error → the checker's names for the relation that catches them.
KINDS = {
    "share": "share",
    "pct_change": "pct_change",
    "parts_sum": "sum",
    "change_sum": "change_sum",
    "rate": "rate",
    "prior_value": "prior_change",
    "pp": "pp",
    "counted_list": "count",
    "same_quantity": "same_value",
    "table_total": "sum",
}
TABLE_ROW = "table_row"  # a table cell's change or % change: checked as prior_change or pct_change


def found(path: Path, verdict: str, table_cells: frozenset[tuple[int, str]] = frozenset()) -> set[tuple[int, str, str, str]]:
    """(line, stated, recomputed, kind) of every finding with one verdict; kinds of ``table_cells`` as table_row."""
    findings = check_report(path).findings
    return {(f.line, f.stated, f.recomputed, TABLE_ROW if (f.line, f.stated) in table_cells else f.kind) for f in findings if f.verdict == verdict}


def table_cells(report: dict) -> frozenset[tuple[int, str]]:
    """(line, stated) of the expected findings that are table cells."""
    return frozenset((e["line"], e["stated"]) for e in report["inconsistent"] if e["kind"] == TABLE_ROW)


def as_docx(source: Path, target: Path) -> Path:
    """The report as a Word document, one paragraph per line (so paragraph numbers are line numbers)."""
    document = docx.Document()
    for line in source.read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    document.save(str(target))
    return target


def as_html(source: Path, target: Path) -> Path:
    """The report as an HTML page, one paragraph per line, with a bold run inside each to split the text."""
    paragraphs = []
    for line in source.read_text(encoding="utf-8").splitlines():
        head, tail = line[:4], line[4:]
        paragraphs.append(f"<p><strong>{html.escape(head)}</strong>{html.escape(tail)}</p>" if line else "<p></p>")
    target.write_text("<!DOCTYPE html><html><head><style>p{}</style></head><body>" + "\n".join(paragraphs) + "</body></html>", encoding="utf-8")
    return target


def test_every_kind_of_error_is_planted_at_least_twice_and_one_report_is_clean() -> None:
    planted = [kind for report in EXPECTED for kind in report["planted"]]
    assert all(planted.count(kind) >= 2 for kind in [*KINDS, TABLE_ROW] if kind != "table_total"), planted
    assert any(not report["planted"] for report in EXPECTED)
    assert len({report["department"] for report in EXPECTED}) == len(EXPECTED) >= 12


@pytest.mark.parametrize("report", EXPECTED, ids=[r["file"] for r in EXPECTED])
def test_planted_errors_are_found_and_nothing_else(report: dict) -> None:
    path = report["folder"] / report["file"]
    assert found(path, "inconsistent", table_cells(report)) == expected_findings(report)
    assert {(line, stated) for line, stated, _, _ in found(path, "warning")} == {(w["line"], w["stated"]) for w in report["warnings"]}


def expected_findings(report: dict) -> set[tuple[int, str, str, str]]:
    """(line, stated, recomputed, kind) of the inconsistencies a report's expected.yaml entry lists."""
    return {(e["line"], e["stated"], e["recomputed"], KINDS.get(e["kind"], e["kind"])) for e in report["inconsistent"]}


@pytest.mark.parametrize("report", EXPECTED, ids=[r["file"] for r in EXPECTED])
def test_the_same_findings_from_word_and_html(report: dict, tmp_path: Path) -> None:
    source = report["folder"] / report["file"]
    expected = expected_findings(report)
    assert found(as_docx(source, tmp_path / "report.docx"), "inconsistent", table_cells(report)) == expected  # paragraph = line
    # HTML lines are the lines of its extracted text (empty paragraphs give none), so compare without them
    html_found = {f[1:3] for f in found(as_html(source, tmp_path / "report.html"), "inconsistent")}
    assert html_found == {f[1:3] for f in expected}
