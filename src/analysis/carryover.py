"""What a new fiscal year still says of the last one: carried-forward reasons, text and staffing.

`jixiao new-year` copies last year's narrative.md with REVIEW_MARKER in front of every
变动原因 and every sentence that states a figure, and copies the last staffing entry of
department.yaml with ``confirmed: false``. A run then warns (checks.json, and the terminal)
until each is rewritten: a reason still marked, identical to last year's, or contradicting the
computed change; staffing missing or unconfirmed; a section of the year's work unchanged.
The checks are worded for the report's reader (no file name or key); the terminal line adds
where the analyst makes the fix (fix_location).

"Unchanged" means equal to last year's section once the markers are removed, runs of white
space made one space, and every year number (19xx, 20xx) masked: a text that differs from last
year's only in its years describes last year's work.
"""

from __future__ import annotations

import csv
import re
from functools import cache

from analysis.checks import Check
from analysis.ledgers.department import CONFIRMED_KEY
from analysis.ledgers.department import FILE_NAME as DEPARTMENT_FILE
from analysis.narrative import REASONS_SECTION, SECTIONS, Narrative
from analysis.paths import PACKAGE_DIR
from analysis.reconcile import Change
from analysis.sentences import wan

REVIEW_MARKER = "【待核实】"
REASON_WORDS_PATH = PACKAGE_DIR / "reason_words.csv"  # direction (new, up, down) → the words that state it
# The sections that tell the year's work; 职责职能 and 其他说明 may well stay the same from year to year.
YEARLY_SECTIONS = tuple(title for title, required in SECTIONS.items() if required)
YEAR_NUMBER = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
CHECK_PREFIX = "carryover:"
NARRATIVE = "narrative.md"


@cache
def reason_words() -> dict[str, tuple[str, ...]]:
    """The words by which a reason says its item is new (new), grew (up) or fell (down), from reason_words.csv."""
    with open(REASON_WORDS_PATH, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {direction: tuple(r["word"] for r in rows if r["direction"] == direction) for direction in ("new", "up", "down")}


def comparable_text(text: str) -> str:
    """Text as compared with last year's: markers removed, white space made single, year numbers masked."""
    return YEAR_NUMBER.sub("○", " ".join(text.replace(REVIEW_MARKER, "").split()))


def find_contradiction(change: Change, reason: str) -> str | None:
    """What in ``reason`` the computed change contradicts (in Chinese), or None.

    新设/新增 is judged only for a project: a headline line (项目支出) always existed, and its
    reason names new parts of it. A reason with words of both directions is not judged.
    """
    if change.prior is None or change.change is None:
        return None
    words = reason_words()
    said = {direction: [w for w in listed if w in reason] for direction, listed in words.items()}
    if said["new"] and change.key.startswith("project:") and change.prior > 0:
        return f"原因称“{said['new'][0]}”，但上年已有支出{wan(change.prior)}"
    if said["up"] and not said["down"] and change.change < 0:
        return f"原因称“{said['up'][0]}”，但本年较上年减少{wan(-change.change)}"
    if said["down"] and not said["up"] and change.change > 0:
        return f"原因称“{said['down'][0]}”，但本年较上年增加{wan(change.change)}"
    return None


def reason_findings(reason: str, previous: str | None, change: Change | None) -> list[str]:
    """Why a stated reason must be reviewed: still marked, as last year's, contradicting the change."""
    findings = []
    if REVIEW_MARKER in reason:
        findings.append(f"仍标有{REVIEW_MARKER}")
    if previous is not None and comparable_text(reason) == comparable_text(previous):
        findings.append("与上年该项原因相同")
    contradiction = None if change is None else find_contradiction(change, reason.replace(REVIEW_MARKER, ""))
    if contradiction:
        findings.append(contradiction)
    return findings


def check_reasons_carried(changes: list[Change], reasons: dict[str, str], previous: dict[str, str]) -> list[Check]:
    """A warning for each stated 变动原因 still marked, identical to last year's, or contradicting the change."""
    by_label = {change.label: change for change in changes}
    checks = []
    for item, reason in reasons.items():
        findings = reason_findings(reason, previous.get(item), by_label.get(item))
        if findings:
            checks.append(
                Check(
                    f"{CHECK_PREFIX}reason:{item}",
                    "变动原因",
                    f"变动原因“{item}”为本年重写并与变动相符",
                    "本年原因",
                    "待改写",
                    "",
                    "",
                    "",
                    "warning",  # short: the table's figure columns do not wrap
                    "；".join(findings) + f"。该项原因须按本年变动改写，并删去{REVIEW_MARKER}",
                )
            )
    return checks


def check_staffing_confirmed(staffing: dict | None, year: int) -> list[Check]:
    """A warning when department.yaml has no staffing for the year, or has it marked ``confirmed: false``."""
    if staffing is None:
        note = "报告中显示“本年度未提供人员编制数据”；须补充本年度的核定编制和实有人数"
        return [Check(f"{CHECK_PREFIX}staffing", "人员", f"{year}年度人员编制数据已提供", "有", "无", "", "", "", "warning", note)]
    if staffing.get(CONFIRMED_KEY, True) is False:
        note = "人数复制自上年，尚未核实"
        return [Check(f"{CHECK_PREFIX}staffing-unconfirmed", "人员", f"{year}年度人员编制数据已核实", "已核实", "未核实", "", "", "", "warning", note)]
    return []


def check_narrative_carried(narrative: Narrative, previous: Narrative | None) -> list[Check]:
    """Warnings for marks left outside 变动原因, and for a section of the year's work unchanged from last year."""
    checks = []
    for title, text in narrative.sections.items():
        marks = text.count(REVIEW_MARKER)
        if marks and title != REASONS_SECTION:
            checks.append(
                Check(
                    f"{CHECK_PREFIX}marked:{title}",
                    "文字说明",
                    f"文字说明「{title}」已核实",
                    "0",
                    str(marks),
                    str(marks),
                    "0",
                    "处",
                    "warning",
                    f"仍有{marks}处{REVIEW_MARKER}：须核对其中的数字并改写后删去标记",
                )
            )
    earlier = {} if previous is None else previous.sections  # without last year's narrative no section is compared
    for title in YEARLY_SECTIONS:
        current, before = narrative.sections.get(title), earlier.get(title)
        if current and before and comparable_text(current) == comparable_text(before):
            checks.append(
                Check(
                    f"{CHECK_PREFIX}unchanged:{title}",
                    "文字说明",
                    f"文字说明「{title}」为本年所写",
                    "与上年不同",
                    "与上年相同",
                    "",
                    "",
                    "",
                    "warning",
                    "除年份和标记外与上年文字相同；须按本年情况改写",
                )
            )
    return checks


def check_carryover(changes: list[Change], narrative: Narrative, previous: Narrative | None, staffing: dict | None, year: int) -> list[Check]:
    """Every carry-over warning of a run (see the module docstring); ``previous`` is last year's narrative, if any."""
    return (
        check_reasons_carried(changes, narrative.reasons, {} if previous is None else previous.reasons)
        + check_staffing_confirmed(staffing, year)
        + check_narrative_carried(narrative, previous)
    )


def fix_location(check_id: str, year: int) -> str:
    """Where the analyst fixes a carry-over warning (the terminal says it; the report names no file)."""
    kind, _, name = check_id.removeprefix(CHECK_PREFIX).partition(":")
    if kind == "reason":
        return f"改写 {NARRATIVE}「{REASONS_SECTION}」中“{name}”一条"
    if kind == "staffing":
        return f"在 {DEPARTMENT_FILE} 的 staffing 下添加 {year} 年的核定编制和实有人数"
    if kind == "staffing-unconfirmed":
        return f"核实后把 {DEPARTMENT_FILE} 中 staffing.{year}.{CONFIRMED_KEY} 改为 true"
    return f"修改 {NARRATIVE}「{name}」"


def carryover_lines(checks_document: dict) -> list[str]:
    """The carry-over warnings of a checks.json document, one terminal line each, saying where to fix it."""
    return [
        f"提示 (warning)：应当 (expected) {c['title']}，实际 (found) {c['actual']}。{c['note']}。请{fix_location(c['id'], checks_document['fiscal_year'])} (fix)"
        for c in checks_document.get("checks", [])
        if c["id"].startswith(CHECK_PREFIX) and c["verdict"] == "warning"
    ]
