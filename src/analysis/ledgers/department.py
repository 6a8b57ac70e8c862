"""department.yaml: who the department is and its staffing by year."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from analysis.ledgers.common import LedgerError, Problem

FILE_NAME = "department.yaml"
STAFFING_KEYS = ("authorised_admin", "authorised_institution", "actual_admin", "actual_institution", "contract", "retired")


@dataclass(frozen=True)
class Department:
    """The department's description; staffing maps a fiscal year to head counts."""

    name: str
    short_name: str
    sample: bool
    established: str
    functions: tuple[str, ...]
    internal_units: tuple[str, ...]
    subordinate_units: tuple[dict, ...]
    staffing: dict[int, dict] = field(default_factory=dict)


def parse_staffing(raw: dict, file: str, problems: list[Problem]) -> dict[int, dict]:
    """Staffing per year; each year needs the six head counts as integers ≥ 0."""
    staffing: dict[int, dict] = {}
    if not isinstance(raw or {}, dict):
        problems.append(Problem(file, None, "staffing", None, "按年度填写的人员编制，如 2024: {authorised_admin: 4, ...} (staffing by year)"))
        return staffing
    for year, counts in (raw or {}).items():
        if not (isinstance(year, int) or str(year).isdigit()) or not isinstance(counts, dict):
            problems.append(Problem(file, None, f"staffing.{year}", None, "四位数字年度及其各项人数，如 2024: {authorised_admin: 4, ...} (staffing by year)"))
            continue
        for key in STAFFING_KEYS:
            value = counts.get(key)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                problems.append(Problem(file, None, f"staffing.{year}.{key}", None if value is None else str(value), "不小于0的整数 (integer ≥ 0)"))
        staffing[int(year)] = dict(counts)
    return staffing


def load_department(path: Path) -> Department:
    """Read and check department.yaml."""
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        reason = " ".join(str(getattr(exc, "problem", "") or type(exc).__name__).split())
        row = None if mark is None else mark.line + 1
        raise LedgerError([Problem(path.name, row, None, None, f"UTF-8编码的YAML文件 (valid YAML)；{reason}")]) from None
    if not isinstance(raw, dict) or not raw.get("name"):
        raise LedgerError([Problem(path.name, None, "name", None, "单位名称 (department name)")])
    problems: list[Problem] = []
    staffing = parse_staffing(raw.get("staffing"), path.name, problems)
    units = raw.get("subordinate_units") or []
    if not isinstance(units, list) or not all(isinstance(u, dict) and u.get("name") for u in units):
        problems.append(Problem(path.name, None, "subordinate_units", None, "列表，每项含 name（和可选的 note）(list of {name, note})"))
    if problems:
        raise LedgerError(problems)
    return Department(
        name=str(raw["name"]),
        short_name=str(raw.get("short_name") or raw["name"]),
        sample=bool(raw.get("sample", False)),
        established=str(raw.get("established", "")),
        functions=tuple(str(f) for f in raw.get("functions") or ()),
        internal_units=tuple(str(u) for u in raw.get("internal_units") or ()),
        subordinate_units=tuple(dict(u) for u in raw.get("subordinate_units") or ()),
        staffing=staffing,
    )
