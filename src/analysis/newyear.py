"""``jixiao new-year``: a fiscal year's folder made from the previous one, for the analyst to review.

The new year gets last year's narrative.md with REVIEW_MARKER before every 变动原因 and every
sentence that states a figure (a digit outside the ``{{ }}`` placeholders, which the run
recomputes), and department.yaml a staffing entry copied from the latest year with
``confirmed: false``. department.yaml is edited as text, so that its comments and layout stay.
Nothing is overwritten: a year folder that exists is refused, and so is a staffing entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from analysis.carryover import REVIEW_MARKER
from analysis.files import write_text_atomic
from analysis.ledgers.common import LedgerError
from analysis.ledgers.department import (
    CONFIRMED_KEY,
    Department,
    load_department,
    parse_yaml,
    read_yaml,
)
from analysis.ledgers.department import FILE_NAME as DEPARTMENT_FILE
from analysis.ledgers.registry import LEDGER_LABELS, LEDGERS, ledger_file
from analysis.limits import LimitExceeded
from analysis.narrative import REASON_LINE, REASONS_SECTION, NarrativeError, read_narrative_text
from analysis.params import ParameterError, parse_year, validate_dept, validate_folder
from analysis.paths import department_raw_dir, year_raw_dir
from analysis.year_ledgers import NARRATIVE_FILE

REQUIRED_LEDGERS = ("expenditure",)  # a run needs these; the others are read when present
HEADING = re.compile(r"^##\s+(?P<title>.+?)\s*$")
LIST_PREFIX = re.compile(r"^\s*(?:[-*+]|\d+[.、)]|>)?\s*")
SENTENCE = re.compile(r"[^。！？!?；;]+[。！？!?；;]*")
# What holds digits but states no figure: a placeholder (recomputed by the run), the hotline's name.
NO_FIGURE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|12345")
STAFFING_BLOCK = re.compile(r"^staffing:\s*(?:#.*)?$")
YEAR_ENTRY = re.compile(r"^(?P<indent>[ \t]+)(?P<quote>['\"]?)(?P<year>\d{4})(?P=quote)\s*:(?P<rest>.*)$")


@dataclass(frozen=True)
class NewYear:
    """What new-year made: the folder, how many marks it put in narrative.md, what it did with staffing, the ledger checklist."""

    folder: Path
    marks: int
    staffing_note: str
    checklist: list[str]


def mark_sentences(text: str) -> tuple[str, int]:
    """REVIEW_MARKER before each sentence of a line that holds a digit outside placeholders; the text and marks added."""
    found = LIST_PREFIX.match(text)  # every part of the pattern is optional: it matches any line
    prefix = found.group(0) if found else ""
    marks, parts = 0, []
    for sentence in SENTENCE.findall(text[len(prefix) :]):
        body = sentence.lstrip()
        if re.search(r"\d", NO_FIGURE.sub("", body)) and not body.startswith(REVIEW_MARKER):
            sentence, marks = sentence[: len(sentence) - len(body)] + REVIEW_MARKER + body, marks + 1
        parts.append(sentence)
    return prefix + "".join(parts), marks


def mark_narrative(text: str) -> tuple[str, int]:
    """Last year's narrative.md marked for review: every 变动原因 entry and every figure-bearing sentence; the text and marks."""
    lines, marks = [], 0
    section: str | None = None
    for line in text.splitlines():
        heading = HEADING.match(line)
        reason = REASON_LINE.match(line) if section == REASONS_SECTION else None
        if heading:
            section = heading["title"]
        elif reason and not reason["reason"].startswith(REVIEW_MARKER):
            line, marks = line[: reason.start("reason")] + REVIEW_MARKER + line[reason.start("reason") :], marks + 1
        elif line.strip() and not reason:
            line, added = mark_sentences(line)
            marks += added
        lines.append(line)
    return "\n".join(lines) + "\n", marks


def staffing_entry(lines: list[str]) -> tuple[int, int, int, bool] | None:
    """The staffing block's latest year entry: (year, first line, line after it, whether it comes first); None without one."""
    start = next((n for n, line in enumerate(lines) if STAFFING_BLOCK.match(line)), None)
    if start is None:
        return None
    entries, indent = [], None
    for n in range(start + 1, len(lines)):
        line = lines[n]
        if line.strip() and not line[:1].isspace() and not line.lstrip().startswith("#"):
            break  # the next top-level key
        entry = YEAR_ENTRY.match(line)
        if entry and indent in (None, entry["indent"]):
            indent = entry["indent"]
            entries.append((int(entry["year"]), n))
    if not entries or indent is None:  # indent is set with the first entry
        return None
    year, first = max(entries)
    end = first + 1
    while end < len(lines) and lines[end].strip() and len(lines[end]) - len(lines[end].lstrip()) > len(indent):
        end += 1
    return year, first, end, first == entries[0][1]


FLOW_CONFIRMED = re.compile(r"\s*\b" + CONFIRMED_KEY + r"\s*:\s*[^,}]*(?:,|(?P<end>}))")  # ", confirmed: true" in a {…} entry
BLOCK_CONFIRMED = re.compile(r"\s*" + CONFIRMED_KEY + r"\s*:")


def carried_entry(lines: list[str], year: int) -> list[str]:
    """The latest staffing entry's lines rewritten for ``year``, with ``confirmed: false``."""
    entry = YEAR_ENTRY.match(lines[0])
    if entry is None:
        raise ValueError(f"not a staffing year entry: {lines[0]!r}")  # staffing_entry starts the lines at one
    head = f"{entry['indent']}{entry['quote']}{year}{entry['quote']}:"
    rest = entry["rest"].strip()
    if rest.startswith("{"):  # the copied year's own confirmed key goes: a second one would win when read
        rest = re.sub(r",\s*}$", "}", FLOW_CONFIRMED.sub(lambda m: "}" if m["end"] == "}" else "", rest))
        return [f"{head} {{{CONFIRMED_KEY}: false{', ' if rest[1:].strip() != '}' else ''}{rest[1:].lstrip()}"]
    body = [line for line in lines[1:] if not BLOCK_CONFIRMED.match(line)]
    child = next((line[: len(line) - len(line.lstrip())] for line in body if line.strip()), entry["indent"] + "  ")
    return [f"{head}{' ' + rest if rest else ''}", f"{child}{CONFIRMED_KEY}: false", *body]


def add_staffing(text: str, year: int) -> tuple[str, int] | None:
    """department.yaml's text with a staffing entry for ``year`` copied from the latest, and that year; None when none can be.

    The entry goes where the file's order puts it: first when the newest year comes first.
    """
    lines = text.splitlines()
    found = staffing_entry(lines)
    if found is None or found[0] >= year:
        return None
    latest, first, end, newest_first = found
    at = first if newest_first else end
    return "\n".join([*lines[:at], *carried_entry(lines[first:end], year), *lines[at:]]) + "\n", latest


def ledger_checklist(previous: Path) -> list[str]:
    """One line per ledger to export for the new year: contract file name, what it is, required or optional, last year's."""
    lines = []
    for name, module in LEDGERS.items():
        need = "必需 (required)" if name in REQUIRED_LEDGERS else "可选 (optional)"
        had = "，上年已提供 (provided last year)" if ledger_file(previous, module) else ""
        lines.append(f"[{need}] {module.FILE_NAME}：{LEDGER_LABELS[name]}{had}")
    return lines


def check_new_year(data_dir: Path, dept: str, year: object) -> tuple[str, int, Path, Path]:
    """The department, year, new folder and previous folder, or a ParameterError saying what is wrong and what to do."""
    data_dir = validate_folder(data_dir, "台账目录 (data dir)")
    dept, year = validate_dept(dept, data_dir), parse_year(year)
    folder, previous = year_raw_dir(data_dir, dept, year), year_raw_dir(data_dir, dept, year - 1)
    if folder.exists() or folder.is_symlink():
        raise ParameterError(
            f"年度目录已存在 (year folder exists)：{folder}；new-year 不会覆盖已有数据。要重新生成，请先把该目录移到别处；要继续编辑，直接修改其中的文件"
        )
    if not previous.is_dir():
        raise ParameterError(
            f"未找到上一年度目录 (previous year missing)：{previous} 不存在；new-year 由 {year - 1} 年度复制"
            f"文字说明和人员编制，请先放入 {year - 1} 年度的台账和 {NARRATIVE_FILE}，或用 --data-dir 指定台账目录"
        )
    if not (previous / NARRATIVE_FILE).is_file():
        raise ParameterError(f"未找到上一年度文字说明 (previous narrative missing)：{previous / NARRATIVE_FILE}；请先补上 {year - 1} 年度的 {NARRATIVE_FILE}")
    return dept, year, folder, previous


def create_year(data_dir: Path, dept: str, year: object) -> NewYear:
    """Make data_dir/DEPT/YEAR from YEAR-1: narrative.md marked for review, staffing carried in department.yaml, a checklist."""
    dept, year, folder, previous = check_new_year(Path(data_dir), dept, year)
    department_path = department_raw_dir(Path(data_dir), dept) / DEPARTMENT_FILE
    try:
        department = load_department(department_path)  # a file that does not load is reported before anything is written
        raw = read_yaml(department_path)
    except LedgerError as error:
        raise ParameterError(f"{DEPARTMENT_FILE} 无法使用 (cannot be used)，请先改正：\n{error}") from None
    try:
        narrative, marks = mark_narrative(read_narrative_text(previous / NARRATIVE_FILE))
    except NarrativeError as error:
        raise ParameterError(f"上一年度的 {previous / NARRATIVE_FILE} 无法使用 (cannot be used)：{error.detail}") from None
    carried = None if year in department.staffing else add_staffing(department_path.read_text(encoding="utf-8"), year)
    if carried is not None and not carried_as_expected(carried[0], raw, year, carried[1]):
        carried = None
    folder.mkdir(parents=False, exist_ok=False)  # a folder made meanwhile is refused here too
    write_text_atomic(folder / NARRATIVE_FILE, narrative)
    if carried is not None:
        write_text_atomic(department_path, carried[0])
    return NewYear(folder, marks, staffing_note(department, year, carried), ledger_checklist(previous))


def carried_as_expected(text: str, before: object, year: int, latest: int) -> bool:
    """Whether the edited department.yaml reads as before plus ``year``'s entry: ``latest``'s with confirmed: false."""
    if not isinstance(before, dict):  # a department.yaml that loaded is a mapping
        return False
    try:
        after = parse_yaml(text)
    except (yaml.YAMLError, LimitExceeded):
        return False
    staffing = dict(before.get("staffing") or {})
    expected = dict(before) | {"staffing": staffing | {year: dict(staffing[latest]) | {CONFIRMED_KEY: False}}}
    return after == expected


def staffing_note(department: Department, year: int, carried: tuple[str, int] | None) -> str:
    """What new-year did with department.yaml's staffing, and what the analyst does next."""
    if carried is not None:
        return (
            f"{DEPARTMENT_FILE}：已添加 staffing.{year}，复制自 {carried[1]} 年并标为 {CONFIRMED_KEY}: false；"
            f"核实人数后改为 {CONFIRMED_KEY}: true (copied, unconfirmed)"
        )
    if year in department.staffing:
        return f"{DEPARTMENT_FILE}：已有 staffing.{year}，未改动 (kept as it is)"
    return f"{DEPARTMENT_FILE}：未能自动添加 staffing.{year}（没有可复制的年度，或写法无法识别）；请手工添加该年的核定编制和实有人数 (add staffing by hand)"
