"""department.yaml: who the department is and its staffing by year."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import yaml

from analysis.ledgers.common import NOT_A_FILE, LedgerError, Problem, limit_problem
from analysis.limits import MAX_FIGURE_DIGITS, MAX_YAML_BYTES, MAX_YAML_DEPTH, MAX_YAML_EXPANDED, LimitExceeded, check_size
from analysis.privacy import redact_string

FILE_NAME = "department.yaml"
# A staffing year carried forward by `jixiao new-year` says ``confirmed: false`` until someone checks its head counts;
# a year without the key was written by hand and counts as confirmed.
CONFIRMED_KEY = "confirmed"
STAFFING_KEYS = ("authorised_admin", "authorised_institution", "actual_admin", "actual_institution", "contract", "retired")
THRESHOLD_KEY = "execution_rate_threshold"
# A budget line that spends less than this share of its adjusted budget is a warning; department.yaml may set another.
DEFAULT_EXECUTION_RATE_THRESHOLD = Fraction(9, 10)
# The report's opening note for a department marked sample: true that does not word its own (sample_note).
DEFAULT_SAMPLE_NOTE = "说明：本报告由示例数据生成，仅供演示。"
PERCENT_RE = re.compile(r"\s*(?P<number>\d{1,3}(\.\d{1,2})?)\s*[%％]\s*", re.ASCII)


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
    execution_rate_threshold: Fraction = DEFAULT_EXECUTION_RATE_THRESHOLD
    sample_note: str = ""  # the note the report opens with: what of it is sample data; empty for real ledgers


def parse_staffing(raw: object, file: str, problems: list[Problem]) -> dict[int, dict]:
    """Staffing per year; each year needs the six head counts as integers ≥ 0, and ``confirmed``, if given, true or false."""
    staffing: dict[int, dict] = {}
    raw = raw or {}
    if not isinstance(raw, dict):
        problems.append(Problem(file, None, "staffing", None, "按年度填写的人员编制，如 2024: {authorised_admin: 4, ...} (staffing by year)"))
        return staffing
    for year, counts in raw.items():
        if not (isinstance(year, int) or str(year).isdigit()) or not isinstance(counts, dict):
            problems.append(Problem(file, None, f"staffing.{year}", None, "四位数字年度及其各项人数，如 2024: {authorised_admin: 4, ...} (staffing by year)"))
            continue
        for key in STAFFING_KEYS:
            value = counts.get(key)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                problems.append(
                    Problem(
                        file,
                        None,
                        f"staffing.{year}.{key}",
                        None if value is None else str(value),
                        f"不小于0的整数 (integer ≥ 0)；请在 {file} 的 staffing.{year} 中填写 {key}",
                    )
                )
        if not isinstance(counts.get(CONFIRMED_KEY, True), bool):
            problems.append(
                Problem(
                    file, None, f"staffing.{year}.{CONFIRMED_KEY}", str(counts[CONFIRMED_KEY]), "true 或 false (confirmed)：核实本年人数后写 true，或删去此键"
                )
            )
        staffing[int(year)] = dict(counts)
    return staffing


def parse_threshold(raw: object, file: str, problems: list[Problem]) -> Fraction:
    """execution_rate_threshold as an exact fraction: a percentage such as ``90%`` (0%–100%, two decimals at
    most); absent, the default 90%."""
    if raw is None:
        return DEFAULT_EXECUTION_RATE_THRESHOLD
    match = PERCENT_RE.fullmatch(raw) if isinstance(raw, str) else None
    rate = None if match is None else Fraction(Decimal(match["number"])) / 100
    if rate is None or rate > 1:
        problems.append(Problem(file, None, THRESHOLD_KEY, str(raw), f"0%～100%的百分数，如 {THRESHOLD_KEY}: 90%；不写则为90% (percentage, default 90%)"))
        return DEFAULT_EXECUTION_RATE_THRESHOLD
    return rate


class BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader that refuses deep nesting and alias expansion beyond the limits, while composing.

    Each node's size with its aliases expanded (one per node, plus the characters of each
    scalar) is added up as the document is composed, so a 'billion laughs' is refused long
    before anything is built from it.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.depth = 0
        self.expanded = 0
        self.sizes: dict[int, int] = {}  # id of a composed node → its expanded size

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
        """Compose one node, counting its depth and its expanded size against the limits."""
        self.depth += 1
        try:
            check_size(self.depth, MAX_YAML_DEPTH, FILE_NAME)
            before = self.expanded
            alias = self.check_event(yaml.AliasEvent)
            node = super().compose_node(parent, index)
            if alias and node is not None:
                self.expanded += self.sizes.get(id(node), 1)  # an alias repeats the whole node it names
            elif isinstance(node, yaml.ScalarNode):
                self.expanded += 1 + len(node.value)
            else:
                self.expanded += 1
            if node is not None and not alias:
                self.sizes[id(node)] = self.expanded - before
            check_size(self.expanded, MAX_YAML_EXPANDED, FILE_NAME)
            return node
        finally:
            self.depth -= 1

    def construct_bounded_int(self, node: yaml.ScalarNode) -> int:
        """An integer of at most MAX_FIGURE_DIGITS digits; a longer one is no head count (and Python refuses to print 4,301)."""
        if len(node.value) > MAX_FIGURE_DIGITS.value:
            raise yaml.constructor.ConstructorError(None, None, f"整数位数过多 (integer too long)：{node.value[:20]}…", node.start_mark)
        return self.construct_yaml_int(node)

    def construct_checked_timestamp(self, node: yaml.ScalarNode) -> object:
        """A date as YAML reads 2024-07-01; an impossible one (2024-13-45) is a problem at its line, not a crash."""
        try:
            return self.construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            raise yaml.constructor.ConstructorError(None, None, f"日期无效 (invalid date)：{node.value}", node.start_mark) from None


BoundedLoader.add_constructor("tag:yaml.org,2002:int", BoundedLoader.construct_bounded_int)
BoundedLoader.add_constructor("tag:yaml.org,2002:timestamp", BoundedLoader.construct_checked_timestamp)


def read_yaml(path: Path) -> object:
    """The YAML document of ``path``, within the size, depth and alias limits; LimitExceeded beyond them."""
    if not path.is_file():
        raise LedgerError([Problem(path.name, None, None, None, NOT_A_FILE)])
    check_size(path.stat().st_size, MAX_YAML_BYTES, path.name)
    return parse_yaml(path.read_text(encoding="utf-8"))


def parse_yaml(text: str) -> object:
    """The YAML document ``text``, read by BoundedLoader (safe, within the depth and alias limits)."""
    loader = BoundedLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def load_department(path: Path) -> Department:
    """Read and check department.yaml."""
    path = Path(path)
    try:
        raw = read_yaml(path) or {}
    except LimitExceeded as exc:
        raise LedgerError([limit_problem(path.name, exc)]) from None
    except RecursionError:  # a nesting the parser itself cannot follow, before the depth limit could count it
        raise LedgerError([limit_problem(path.name, LimitExceeded(MAX_YAML_DEPTH, "过深"))]) from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        reason = " ".join(str(getattr(exc, "problem", "") or getattr(exc, "context", "") or type(exc).__name__).split())
        row = None if mark is None else mark.line + 1
        raise LedgerError([Problem(path.name, row, None, None, f"UTF-8编码的YAML文件 (valid YAML)；{reason}")]) from None
    if not isinstance(raw, dict) or not raw.get("name"):
        raise LedgerError([Problem(path.name, None, "name", None, "单位名称 (department name)")])
    problems: list[Problem] = []
    staffing = parse_staffing(raw.get("staffing"), path.name, problems)
    threshold = parse_threshold(raw.get(THRESHOLD_KEY), path.name, problems)
    units = raw.get("subordinate_units") or []
    if not isinstance(units, list) or not all(isinstance(u, dict) and u.get("name") for u in units):
        problems.append(Problem(path.name, None, "subordinate_units", None, "列表，每项含 name（和可选的 note）(list of {name, note})"))
    if problems:
        raise LedgerError(problems)

    def text(value: object) -> str:
        """What the report shows of the department: a phone, ID or e-mail typed into it is not published."""
        return redact_string(str(value))

    return Department(
        name=text(raw["name"]),
        short_name=text(raw.get("short_name") or raw["name"]),
        sample=bool(raw.get("sample", False)),
        established=text(raw.get("established", "")),
        functions=tuple(text(f) for f in raw.get("functions") or ()),
        internal_units=tuple(text(u) for u in raw.get("internal_units") or ()),
        subordinate_units=tuple({k: text(v) if isinstance(v, str) else v for k, v in u.items()} for u in raw.get("subordinate_units") or ()),
        staffing=staffing,
        execution_rate_threshold=threshold,
        sample_note=text(raw.get("sample_note") or (DEFAULT_SAMPLE_NOTE if raw.get("sample") else "")),
    )
