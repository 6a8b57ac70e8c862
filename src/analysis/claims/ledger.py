"""Claims against the ledgers: each figure the report names, compared with metrics.json of its department and year."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from analysis.claims.changes import Quantity
from analysis.claims.lists import PartList
from analysis.claims.relations import HUNDRED, Relation
from analysis.claims.roles import Reading
from analysis.claims.tallies import staffing_roles
from analysis.limits import MAX_FIGURE_DIGITS

# Names of spending in reports → key in metrics.json "expenditure" (project names are matched as they are).
SPENDING_KEYS = {
    "部门整体支出": "total",
    "整体支出": "total",
    "支出总额": "total",
    "总支出": "total",
    "部门支出": "total",
    "基本支出": "basic",
    "人员经费": "personnel",
    "日常公用经费": "public",
    "公用经费": "public",
    "项目支出": "project",
}
# (words in the label, unit family, role, metrics path): counts and rates of the service ledgers.
SERVICE_RULES = (
    (("工单",), "件", "value", "hotline.orders"),
    (("自办",), "件", "value", "hotline.self_handled"),
    (("交办",), "件", "value", "hotline.assigned"),
    (("办结",), "件", "value", "hotline.closed"),
    (("办结",), "%", "rate", "hotline.closure_rate"),
    (("满意",), "%", "rate", "hotline.satisfaction_rate"),
    (("回访",), "%", "rate", "hotline.callback_rate"),
    (("接访",), "批", "value", "petitions.leader_reception_batches"),
    (("接访",), "人次", "value", "petitions.leader_reception_persons"),
    (("进京",), "批", "value", "petitions.beijing_batches"),
    (("进京",), "人次", "value", "petitions.beijing_persons"),
    (("信访",), "批", "value", "petitions.batches"),
    (("信访",), "人次", "value", "petitions.persons"),
    (("责任部门", "受理率"), "%", "rate", "petitions.dept_timely_acceptance_rate"),
    (("及时受理率",), "%", "rate", "petitions.timely_acceptance_rate"),
    (("答复率",), "%", "rate", "petitions.on_time_reply_rate"),
    (("化解率",), "%", "rate", "petitions.first_time_resolution_rate"),
    (("志愿者",), "人次", "value", "volunteer.volunteers"),
    (("志愿服务",), "次", "value", "volunteer.events"),
    (("编外",), "人", "value", "staffing.contract"),
    (("退休",), "人", "value", "staffing.retired"),
)
# 办结 written after a part ("交办7814件，办结7576件") is that part's closed orders.
CLOSED_BY_PART = {"自办": "hotline.self_closed", "交办": "hotline.assigned_closed"}
STAFF_KEYS = {
    ("authorised", "行政编制"): "staffing.authorised_admin",
    ("authorised", "事业编制"): "staffing.authorised_institution",
    ("actual", "行政编制"): "staffing.actual_admin",
    ("actual", "事业编制"): "staffing.actual_institution",
}


class MetricsError(Exception):
    """metrics.json is missing or not ours."""


def bounded_decimal(text: str) -> Decimal:
    """A JSON number with a point or exponent as Decimal; 1e200000000 is refused (exact sums of it never end)."""
    value = Decimal(text)
    if not value.is_finite() or abs(value.adjusted()) > MAX_FIGURE_DIGITS.value or len(text) > 4 * MAX_FIGURE_DIGITS.value:
        raise ValueError(f"数字过大或过长 (number out of range)：{text[:30]}")
    return value


def bounded_int(text: str) -> int:
    """A JSON integer; one longer than MAX_FIGURE_DIGITS digits is refused."""
    if len(text.lstrip("-")) > MAX_FIGURE_DIGITS.value:
        raise ValueError(f"数字过大或过长 (number out of range)：{text[:30]}")
    return int(text)


def load_metrics(path: Path) -> dict:
    """A run's metrics.json, numbers as Decimal (amounts are yuan, rates fractions)."""
    if Path(path).exists() and not Path(path).is_file():  # a folder, or a pipe that would wait forever
        raise MetricsError(f"metrics.json 不是普通文件 (not a regular file)：{path}")
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"), parse_float=bounded_decimal, parse_int=bounded_int)
    except FileNotFoundError as error:
        raise MetricsError(f"未找到 metrics.json：{path}；请先运行 jixiao run 生成该部门该年度的结果") from error
    except (OSError, ValueError) as error:
        raise MetricsError(f"metrics.json 无法读取 (unreadable)：{path}（{error}）") from error


def look_up(metrics: dict, path: str) -> Fraction | None:
    """The value at a dotted path of metrics.json, exactly; None when absent."""
    node: object = metrics
    for key in path.split("."):
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    if isinstance(node, bool) or not isinstance(node, (int, float, Decimal)):
        return None  # null, an object, a list, a text or true/false: not a figure
    return Fraction(node)


def spending_path(reading: Reading, metrics: dict) -> str | None:
    """metrics.json path of a spending figure (this year or last), by its name."""
    prefix = "expenditure." if reading.year == metrics.get("fiscal_year") else "expenditure.prior."
    if reading.year not in (metrics.get("fiscal_year"), metrics.get("fiscal_year", 0) - 1):
        return None
    if reading.label in SPENDING_KEYS:
        return prefix + SPENDING_KEYS[reading.label]
    projects = metrics.get("expenditure", {}).get("projects", {})
    return prefix + "projects." + reading.label if reading.label in projects else None


def attr_owners(lists: list[PartList]) -> dict[int, str]:
    """The name of the part each 办结/回访/满意 figure is written after, by its claim index (the first list's)."""
    owners: dict[int, str] = {}
    for part_list in lists:
        for part, attrs in zip(part_list.parts, part_list.attrs):
            for attr in attrs:
                owners.setdefault(attr.claim.index, part.label)
    return owners


def service_path(reading: Reading, owners: dict[int, str], staff: dict[int, tuple[str, str]]) -> str | None:
    """metrics.json path of a service or staffing figure, by its name and unit (``owners``: see attr_owners)."""
    claim = reading.claim
    if claim.index in staff:
        return STAFF_KEYS.get(staff[claim.index])
    if reading.role == "attr" and reading.label == "办结":
        return CLOSED_BY_PART.get(owners[claim.index]) if claim.index in owners else None
    role = "value" if reading.role in ("value", "companion") else reading.role
    family = "%" if claim.kind == "percent" else claim.family
    for words, unit, rule_role, path in SERVICE_RULES:
        if unit == family and rule_role == role and all(word in reading.label for word in words):
            return path
    return None


def ledger_relation(reading: Reading, expected: Fraction, sign: int, path: str) -> Relation:
    """The claim against the ledger's value (``expected`` in the claim's base unit)."""
    claim = reading.claim
    shown = claim.display(expected)
    return Relation("ledger", claim, (), claim.value * sign, expected, expected, expected, f"台账数{shown}（metrics.json {path}）")


def ledger_relations(readings: list[Reading], quantities: dict[int, Quantity], lists: list[PartList], metrics: dict) -> list[Relation]:
    """Every figure of the report's year (or the year before) that metrics.json also holds, against it."""
    relations = []
    staff = staffing_roles(readings)
    owners = attr_owners(lists)
    for reading in readings:
        if reading.claim.approx or reading.qualifier or reading.year not in (metrics.get("fiscal_year"), metrics.get("fiscal_year", 0) - 1):
            continue  # the ledgers hold the year's actual figures, not budgets or a quarter's
        if reading.claim.kind == "money" and reading.role == "value":
            path = spending_path(reading, metrics)
            if path and (value := look_up(metrics, path)) is not None:
                relations.append(ledger_relation(reading, value, 1, path))
            continue
        if reading.year != metrics.get("fiscal_year"):
            continue
        path = service_path(reading, owners, staff)
        if path and (value := look_up(metrics, path)) is not None:
            relations.append(ledger_relation(reading, value * (HUNDRED if reading.claim.kind == "percent" else 1), 1, path))
    for quantity in quantities.values():
        path = spending_path(quantity.value, metrics) if quantity.value.claim.kind == "money" else None
        if path is None or ".prior." in path:
            continue
        current, prior = look_up(metrics, path), look_up(metrics, path.replace("expenditure.", "expenditure.prior.", 1))
        if current is None:
            continue
        change = current - (prior or 0)
        if quantity.change is not None:
            relations.append(ledger_relation(quantity.change, change, quantity.change.sign or 1, path + " − 上年"))
        if quantity.pct is not None and prior:
            relations.append(ledger_relation(quantity.pct, change / prior * HUNDRED, quantity.pct.sign or 1, path + " 增减率"))
    return relations
