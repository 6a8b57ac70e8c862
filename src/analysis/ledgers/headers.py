"""A ledger's header: which known column each cell names, the unit it states, and what is wrong with it.

The header is found among the top rows (title rows may stand above it); a cell names a column by its
English name, its Chinese label or an alias, with an optional unit suffix such as （万元）.
"""

from __future__ import annotations

import re

from analysis.ledgers.common import Column, Problem, label_of
from analysis.privacy import personal_traces, redact_string

UNIT_SUFFIX = re.compile(r"\s*[（(]\s*(万元|元)\s*[）)]\s*$")
HEADER_SEARCH_ROWS = 15


def header_names(columns: tuple[Column, ...]) -> dict[str, str]:
    """Every accepted header text (English, Chinese, aliases) → column name."""
    return {header: c.name for c in columns for header in (c.name, c.label, *c.aliases)}


def read_header_cell(text: str, names: dict[str, str]) -> tuple[str | None, str]:
    """A header cell → (column name or None, unit stated in it: 元, 万元 or '')."""
    cleaned = str(text).strip()
    if cleaned in names:
        return names[cleaned], "万元" if "万元" in cleaned else ""
    unit = UNIT_SUFFIX.search(cleaned)
    bare = UNIT_SUFFIX.sub("", cleaned)
    return names.get(bare), unit.group(1) if unit else ""


def locate_header(rows: list[list[str]], columns: tuple[Column, ...]) -> int:
    """Index of the header row: the first of the top rows naming the most known columns."""
    names = header_names(columns)
    scores = [sum(read_header_cell(c, names)[0] is not None for c in row) for row in rows[:HEADER_SEARCH_ROWS]]
    if not scores or max(scores) == 0:
        return 0
    return scores.index(max(scores))


def stated_unit(title_rows: list[list[str]]) -> str:
    """The unit a title row states for the whole table (单位：万元), or ''."""
    for row in title_rows:
        match = re.search(r"单位\s*[:：]\s*(万元|元)", "".join(row))
        if match:
            return match.group(1)
    return ""


PERSONAL_HEADER = re.compile(r"姓名|名字|身份证|证件|电话|手机|住址|地址|联系方式|邮箱|微信|QQ", re.IGNORECASE)


def unknown_column_problem(header: str, position: int, file: str) -> Problem:
    """The warning for a column that is not one of the ledger's: named as typed, unless its header itself
    looks like a person's data (then by position); a column that looks personal is said to be one."""
    shown = header if redact_string(header) == header and personal_traces(header) is None else f"第{position + 1}列"
    if PERSONAL_HEADER.search(header):
        return Problem(
            file,
            None,
            shown,
            None,
            "已知的列名 (known column)；此列疑似个人信息，已忽略，不会写入任何输出（姓名请用「信访人姓名」或「来电人姓名」表头，以便在其他字段中隐去）",
            "warning",
        )
    return Problem(file, None, shown, None, "已知的列名 (known column)；此列已忽略", "warning")


def header_problems(header: list[str], columns: tuple[Column, ...], file: str) -> tuple[dict[int, str], dict[str, str], list[Problem]]:
    """Position → column name, column → unit, and problems: a column given twice (error), unknown headers (warning)."""
    names, units, problems = header_names(columns), {}, []
    positions: dict[int, str] = {}
    for position, text in enumerate(header):
        name, unit = read_header_cell(text, names)
        if name is None:
            if text.strip():
                problems.append(unknown_column_problem(text.strip(), position, file))
        elif name in positions.values():
            problems.append(Problem(file, None, label_of(columns, name), None, "每列只出现一次 (column given twice)"))
        else:
            positions[position], units[name] = name, unit
    return positions, units, problems
