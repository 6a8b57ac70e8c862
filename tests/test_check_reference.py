"""`jixiao check` on the reference report (../shared/seed/): its inconsistencies, worked out by hand.

The reference's own figures (domain.md §4) give:
- 基本支出: parts' changes −9.53 (人员经费) + 3.2 (日常公用经费) = −6.33万元, but the text says 减少6.42万元.
- 信访维稳经费: −29.67 ÷ (28.98 + 29.67) = −29.67 ÷ 58.65 = −50.59% → 下降50.6%, not 52.5%.
- 信访救助经费: +14.35 ÷ (56.5 − 14.35) = 14.35 ÷ 42.15 = +34.05% → 上升34.0%, not 89.9%.
- 实有行政编制人员5人 against 4 authorised posts: a warning.
Consistent: 147.34 + 52.2 = 199.54; shares 147.34 ÷ 199.54 = 73.84% and 52.2 ÷ 199.54 = 26.16%;
28.98 + 56.5 + 19.49 = 104.97; 22894 + 7814 = 30708; (22894 + 7576) ÷ 30708 = 99.225% (written 99.22%);
five offices, two units and three communities listed as counted.
The reference is not part of the project: the test skips where ../shared/seed/ is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.claims import check_report

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_3242e112a248612e.txt"

pytestmark = pytest.mark.skipif(not SEED.is_file(), reason="the reference report (../shared/seed/) is not in this checkout")


@pytest.fixture(scope="module")
def findings() -> list:
    return check_report(SEED).findings


def rows(findings: list, verdict: str) -> set[tuple[int, str, str, str]]:
    return {(f.line, f.stated, f.recomputed, f.kind) for f in findings if f.verdict == verdict}


def test_each_inconsistency_with_its_recomputed_value(findings: list) -> None:
    assert rows(findings, "inconsistent") == {
        (12, "6.42万元", "6.33万元", "change_sum"),
        (14, "52.5%", "50.6%", "pct_change"),
        (14, "89.9%", "34.0%", "pct_change"),
    }


def test_staff_above_establishment_is_the_only_warning(findings: list) -> None:
    assert rows(findings, "warning") == {(9, "5人", "≤4名", "staffing")}


def test_consistent_relations_are_not_flagged(findings: list) -> None:
    consistent = rows(findings, "consistent")
    assert {
        (12, "199.54万元", "199.54万元", "sum"),
        (12, "73.8%", "73.8%", "share"),
        (12, "26.2%", "26.2%", "share"),
        (14, "104.97万元", "104.97万元", "sum"),
        (24, "30708件", "30708件", "sum"),
        (24, "99.22%", "99.22%", "rate"),
        (7, "5个", "5个", "count"),
        (7, "2个", "2个", "count"),
        (25, "3个", "3个", "count"),
    } <= consistent


def test_lists_marked_incomplete_and_rates_without_counts_are_not_findings(findings: list) -> None:
    by_stated = {(f.line, f.stated): f.verdict for f in findings}
    assert by_stated[(26, "6家")] == "uncheckable"  # 城建交通、社会组织、民办教育、民办医疗、物流等6家: 等, five named
    assert by_stated[(24, "97.43%")] == "uncheckable"  # 回访满意率 without the counts it comes from
    assert by_stated[(27, "420余人次")] == "uncheckable"  # an approximate figure


def test_readme_shows_what_the_command_prints(capsys: pytest.CaptureFixture) -> None:
    """A documentation test: the README's excerpt is what the command prints today (the findings
    themselves are worked out by hand in the tests above)."""
    from analysis.cli import main

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    excerpt = readme.split("`jixiao check 000_3242e112a248612e.txt` 的结论（节选）：", 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    assert main(["check", str(SEED)]) == 1
    printed = capsys.readouterr().out.splitlines()
    assert [line for line in excerpt.splitlines() if line not in printed] == []
