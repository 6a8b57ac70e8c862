"""Relations across figures: parts and totals, their changes, counted lists, repeats, staffing (rates: see rates.py)."""

from __future__ import annotations

import re
from fractions import Fraction

from analysis.claims.changes import NewItems, Quantity
from analysis.claims.counted import CountedList
from analysis.claims.extract import Claim
from analysis.claims.labels import SPENDING_NAMES
from analysis.claims.lists import PartList
from analysis.claims.relations import Relation, exact, not_above, plain, relate_sum, same_as, signed_text, unrelated
from analysis.claims.roles import ATTR_WORDS, Reading

# Names too general to say two figures are the same quantity.
GENERIC_LABELS = frozenset(
    {"支出", "经费", "资金", "合计", "人员", "工作", "项目", "预算", "决算", "年初预算", "调整预算", "预算数", "决算数", "实际支出", "执行数"}
)
STAFF_KINDS = ("行政编制", "事业编制")


def sum_relations(lists: list[PartList], quantities: dict[int, Quantity], lines: list[str]) -> list[Relation]:
    """A complete list's parts against its total (and their changes against the total's change); subsets otherwise."""
    relations = []
    changes = changes_by_name(quantities)
    news = NewItems(lines)
    for part_list in lists:
        total = part_list.total.claim
        parts = [part.claim for part in part_list.parts]
        names = " + ".join(f"{part.label or ''}{plain(part.claim)}" for part in part_list.parts)
        if part_list.complete:
            relations.append(relate_sum("sum", total, 1, [(part, 1) for part in parts], names))
            relations.extend(change_sum(part_list, quantities, changes, news))
        else:
            for part in part_list.parts:
                relations.append(not_above("subset", part.claim, total, f"{plain(part.claim)}是总数{plain(total)}的一部分（列举未必完整，只核对不超过总数）"))
    return relations


def change_sum(part_list: PartList, quantities: dict[int, Quantity], changes: dict[ChangeKey, Reading], news: NewItems) -> list[Relation]:
    """The total's change against the sum of its parts' changes (a part new this year counts in full)."""
    total_change = change_of(part_list.total, quantities, changes)
    if total_change is None:
        return []
    inputs: list[tuple[Claim, int]] = []
    for part in part_list.parts:
        change = change_of(part, quantities, changes)
        if change is not None:
            inputs.append((change.claim, change.sign or 1))
        elif news.is_new(part):
            inputs.append((part.claim, 1))
        else:
            return [unrelated("change_sum", total_change.claim, total_change.sign or 1, (), f"分项“{part.label}”未写变动额，无法核对变动合计")]
    inputs.extend((ended.claim, -1) for ended in part_list.ended)  # an item that ended fell by its whole prior amount
    working = " ".join(signed_text(claim, sign) for claim, sign in inputs).lstrip("+")
    return [relate_sum("change_sum", total_change.claim, total_change.sign or 1, inputs, f"各分项变动额合计 {working}")]


def change_list_relations(change_lists: list[tuple[Reading, tuple[Reading, ...]]]) -> list[Relation]:
    """A total's change against the named changes listed after its 其中."""
    relations = []
    for total, parts in change_lists:
        inputs = [(part.claim, part.sign or 1) for part in parts]
        working = " ".join(f"{part.label}{signed_text(part.claim, part.sign or 1)}" for part in parts)
        relations.append(relate_sum("change_sum", total.claim, total.sign or 1, inputs, f"各分项变动额合计 {working}"))
    return relations


ChangeKey = tuple[str, "int | None", Fraction]  # a figure's name, year and value


def changes_by_name(quantities: dict[int, Quantity]) -> dict[ChangeKey, Reading]:
    """The change written about each figure, by its name, year and value (the first such figure's)."""
    changes: dict[ChangeKey, Reading] = {}
    for quantity in quantities.values():
        if quantity.change is not None:
            value = quantity.value
            changes.setdefault((value.label, value.year, value.claim.value), quantity.change)
    return changes


def change_of(part: Reading, quantities: dict[int, Quantity], changes: dict[ChangeKey, Reading]) -> Reading | None:
    """The change written about a figure, or about the same figure (name, year, value) written elsewhere."""
    own = quantities.get(part.claim.index)
    if own is not None and own.change is not None:
        return own.change
    return changes.get((part.label, part.year, part.claim.value))


def count_relations(counted: list[CountedList]) -> list[Relation]:
    """A count against the number of items listed with it."""
    relations = []
    for item_list in counted:
        claim, items = item_list.count.claim, item_list.items
        relations.append(exact("count", claim, Fraction(len(items)), (), f"列出{len(items)}项：{'、'.join(items)}"))
    return relations


def same_value_relations(readings: list[Reading], lists: list[PartList]) -> list[Relation]:
    """The same quantity (same name, year and unit) written again must have the same value. A part of a
    total that is not the department's ("机关本级支出200万元，其中基本支出150万元") is that total's part."""
    relations = []
    owner = {part.claim.index: part_list.total.label for part_list in lists for part in part_list.parts if part_list.total.label not in SPENDING_NAMES}
    first: dict[tuple[str, int | None, str, str, str], Reading] = {}
    for reading in readings:
        claim = reading.claim
        if reading.role not in ("value", "companion") or claim.approx or claim.kind == "percent" or reading.within or claim.bracket:
            continue  # a figure in brackets is an aside about something else (a unit's posts, a sub-item)
        if len(reading.label) < 2 or reading.label in GENERIC_LABELS or reading.label in ATTR_WORDS or reading.qualifier == "period":
            continue
        key = (reading.label, reading.year, claim.family, reading.qualifier, owner.get(claim.index, ""))  # a budget is not the spending
        earlier = first.setdefault(key, reading)
        if earlier is reading or earlier.claim.sentence == claim.sentence:
            continue  # "①…成交金额12.85亿元；②…成交金额11.04亿元": one sentence names each item's figure
        relations.append(same_as("same_value", claim, earlier.claim, f"前文（第{earlier.claim.line}行）写作{plain(earlier.claim)}"))
    return relations


def staffing_roles(readings: list[Reading]) -> dict[int, tuple[str, str]]:
    """Staff figures by claim index: ("authorised" or "actual", 行政编制 or 事业编制); 核定 and 实有 carry on
    along a paragraph (posts in one sentence, staff in the next)."""
    roles: dict[int, tuple[str, str]] = {}
    mode: dict[int, str] = {}  # by line: a paragraph may give the posts in one sentence and the staff in the next
    kinds: dict[int, set[str]] = {}
    for reading in readings:
        claim = reading.claim
        if claim.kind != "count" or claim.family != "人":
            continue
        if re.search(r"超出|超过|超编|缺编|空编|差额", claim.lead):  # a difference of posts, not a count of them
            continue
        if re.search(r"核定|批复|编制数", claim.lead):
            mode[claim.line] = "authorised"
        elif re.search(r"实有|在编|实际", claim.lead):
            mode[claim.line] = "actual"
        kind = next((k for k in STAFF_KINDS if k in reading.label or k[:2] + "人员" in reading.label), None)
        if kind is None and mode.get(claim.line) == "authorised" and reading.label.endswith("编制"):
            kind = "编制"  # "核定编制12名": posts of every kind together
        named = kinds.get(claim.line, set())
        if (
            kind is None
            and mode.get(claim.line) == "actual"
            and re.search(r"在编|在职|实有", claim.lead)
            and not re.search(r"编外|退休|聘用|临聘|派遣|公益性岗位", claim.lead)
        ):
            # "核定事业编制12名，实有在编人员13人": the one kind of post named, or all posts together
            kind = "编制" if "编制" in named else (next(iter(named)) if len(named) == 1 else None)
        if kind is not None and claim.line in mode:
            roles[claim.index] = (mode[claim.line], kind)
            kinds.setdefault(claim.line, set()).add(kind)
    return roles


def staffing_relations(readings: list[Reading]) -> list[Relation]:
    """Actual staff against authorised posts, per kind of post: more staff than posts is a warning."""
    relations = []
    roles = staffing_roles(readings)
    authorised: dict[tuple[int, str], Claim] = {}
    for reading in readings:
        claim = reading.claim
        if claim.index not in roles:
            continue
        mode, kind = roles[claim.index]
        if mode == "authorised":
            authorised[(claim.line, kind)] = claim
        elif (posts := authorised.get((claim.line, kind))) is not None:
            working = f"实有{kind}人员{plain(claim)}，核定{kind}{plain(posts)}"
            relations.append(not_above("staffing", claim, posts, working, severity="warning"))
    return relations
