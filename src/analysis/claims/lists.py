"""Totals and their parts: 其中 lists, "X中，…" breakdowns, 分为 and 包括 lists, and lists closed by 合计."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from analysis.claims.extract import Claim
from analysis.claims.index import first_positions, last_before, line_of, positions_by, run_ends
from analysis.claims.labels import normalise_label
from analysis.claims.roles import Reading

OPENER_RE = re.compile(r"其中")
WITHIN_GAP_RE = re.compile(r"(?:^|[。；，,])(?P<head>[^，。；：:]{2,12}?)中[，,：:]")  # "基本支出中，人员经费…"
# "项目支出分为A…、B…" lists every part; "主要用于…", "包括…" need not.
LIST_OPENER_RE = re.compile(r"(?P<head>[^，。；：:]*?)(?P<word>分为|主要用于|主要包括|主要有|包括)")
# Words that start a reason or a purpose: a figure after them in the same part of a sentence is not a list item.
REASON_RE = re.compile(r"主要是|主要原因|原因是|由于|因为|用于|其中")
ADDED_RE = re.compile(r"^(加|减|另|另外|此外|同时)")
STANDARD_RE = re.compile(r"每人|每户|每亩|每月|每年|每天|每平方米|每次|标准")
# 等 closing a list ("A、B等"), not 等级/等待/同等.
ET_CETERA_RE = re.compile(r"等(?![级待候同于额值])")
ET_CETERA_AFTER_RE = re.compile(r"\s*" + ET_CETERA_RE.pattern)  # right after a figure, after any spaces
# Labels whose figures are known to split a total completely (each order is handled by the
# hotline itself or dispatched, never both), so a count list of them must add up.
PARTITIONS = (
    frozenset({"自办", "交办"}),
    frozenset({"直办", "转办"}),
    frozenset({"直接办理", "转办"}),
    frozenset({"来信", "来访", "网上", "电话"}),
    frozenset({"行政编制", "事业编制"}),
)
ITEM_BRACKETS_RE = re.compile(r"[（(][^）)]*[）)]")


@dataclass(frozen=True)
class PartList:
    """A total and the figures that make it up, with the figures written about each part."""

    total: Reading
    parts: tuple[Reading, ...]
    attrs: tuple[tuple[Reading, ...], ...]  # per part: 办结/回访/满意 figures written after it
    complete: bool  # the parts claim to make up the whole total
    ended: tuple[Reading, ...] = ()  # prior-year figures of items with no spending this year ("本年无支出（上年X万元）")


class Runs(NamedTuple):
    """Per position, where the run of figures of its ；-part, and of its bracket, ends (see index.run_ends)."""

    segment: list[int]
    bracket: list[int]


def runs_of(readings: list[Reading]) -> Runs:
    """The runs of the figures' ；-parts and brackets, found once per report."""
    return Runs(run_ends(readings, lambda r: r.claim.segment), run_ends(readings, lambda r: r.claim.bracket))


def gap_text(lines: list[str], before: Claim | None, after: Claim) -> str:
    """The words between two claims of one line (from the line start when ``before`` is elsewhere)."""
    start = before.end if before is not None and before.line == after.line else 0
    return lines[after.line - 1][start : after.start]


def ends_list(lines: list[str], claim: Claim, following: Claim | None) -> bool:
    """Does 等 come right after a figure ("A 5万元等"), in the words up to the next figure (``following``) or
    to the end of the line? Matched in place: the last figure of a long line has the rest of it after it."""
    if following is None:
        return bool(ET_CETERA_AFTER_RE.match(lines[claim.line - 1], claim.end))
    start = claim.end if claim.line == following.line else 0  # as gap_text reads them
    return bool(ET_CETERA_AFTER_RE.match(lines[following.line - 1], start, following.start))


def is_partition(parts: tuple[Reading, ...]) -> bool:
    """Do the parts' labels name classes that split a total completely?"""
    labels = {part.label for part in parts}
    return labels in PARTITIONS  # every class named: three of the four forms of petition do not make the whole


def opens_list(lines: list[str], before: Claim, claim: Claim) -> bool:
    """Is there a 其中 between two claims of one sentence?"""
    return bool(OPENER_RE.search(re.split(r"[。！？]", gap_text(lines, before, claim))[-1]))


def list_scope(readings: list[Reading], lines: list[str], start: int, runs: Runs, segment_only: bool = False) -> list[Reading]:
    """Readings from ``start`` to the end of its sentence (or segment, or bracket). A 其中 right after a
    part opens a list within that part, skipped to the end of its ；-part; a figure followed by its own
    其中 in a later ；-part is the total of the next list ("…；事业单位支出104.51万元，其中…"), where it stops.
    The skipped figures are passed over at once (to the end of the part, or of the opener's bracket, where
    the scope stops), so that a sentence of many 其中 is not read to its end for each."""
    opener = readings[start].claim
    scope: list[Reading] = []
    inner = None
    position = start
    while position < len(readings):
        claim = readings[position].claim
        if claim.sentence != opener.sentence or (opener.bracket and claim.bracket != opener.bracket):
            break
        if (segment_only and claim.segment != opener.segment) or claim.segment == inner:
            if claim.segment == inner:
                position = min(runs.segment[position], runs.bracket[position]) if opener.bracket else runs.segment[position]
                continue
            break
        if scope and claim.bracket == opener.bracket and opens_list(lines, readings[position - 1].claim, claim):
            if claim.segment != scope[-1].claim.segment:
                break
            inner = claim.segment  # "A 85.48万元，其中a…、b…；": a list within part A
            position += 1
            continue
        following = readings[position + 1].claim if position + 1 < len(readings) else None
        if scope and following is not None and claim.segment != scope[-1].claim.segment and opens_list(lines, claim, following):
            break
        scope.append(readings[position])
        position += 1
    return scope


def total_before(
    readings: list[Reading], values: dict[tuple[str, int], list[int]], start: int, family: str, bracket: int, segment_only: bool = False
) -> Reading | None:
    """The latest figure of one kind before ``start`` in the same line (or segment) that a list can break down:
    the last value of its unit family outside brackets or in its own (``values``: positions by family and
    bracket), if that is on its line (lines and segments only grow along the readings)."""
    line, segment = readings[start].claim.line, readings[start].claim.segment
    found = [p for b in dict.fromkeys((0, bracket)) if (p := last_before(values.get((family, b), []), start)) is not None]
    if not found:
        return None
    claim = readings[max(found)].claim
    if claim.line != line or (segment_only and claim.segment != segment):
        return None
    return None if claim.approx else readings[max(found)]  # "救助金120余万元，其中…": the total is not a figure to add to


def changed_before(readings: list[Reading], index: int) -> str:
    """ "基本支出较上年增加28.37万元，增长4.2%，其中…": the name of the figure whose change comes right before 其中."""
    for position in range(index - 1, -1, -1):
        earlier = readings[position]
        if earlier.claim.sentence != readings[index].claim.sentence or earlier.role not in ("change", "pct_change"):
            return ""
        if earlier.role == "change" and earlier.label:
            return earlier.label
    return ""


def build_list(readings: list[Reading], lines: list[str], start: int, total: Reading, partial: bool, runs: Runs) -> PartList | None:
    """The list opened at ``start`` whose total is ``total``; None when it has no parts."""
    bracket = readings[start].claim.bracket
    parts: list[Reading] = []
    attrs: list[list[Reading]] = []
    et_cetera = partial
    # readings are in claim order (readings[i].claim.index == i), so the one before the total is at index - 1
    nested = total.claim.index > 0 and opens_list(lines, readings[total.claim.index - 1].claim, total.claim)
    scope = list_scope(readings, lines, start, runs, segment_only=partial or nested)  # "其中A…，其中a…、b…；B…"
    part_segments = {r.claim.segment for r in scope if r.role == "value" and r.claim.family == total.claim.family}
    ended = tuple(r for r in scope if r.role == "prior" and r.claim.family == total.claim.family and r.claim.segment not in part_segments)
    last_part = scope[0].claim
    for position, reading in enumerate(scope):
        claim = reading.claim
        if claim.family != total.claim.family or claim.bracket != bracket or reading.year != total.year:
            continue
        if position and ADDED_RE.match(claim.lead.strip(" ，,；;")) and claim.segment != last_part.segment:
            break  # "…；加年初结转结余20.00万元": what follows is added to the total, not one of its parts
        since = re.split(r"[；;]", ITEM_BRACKETS_RE.sub("", gap_text(lines, last_part, claim)))[-1] if position else ""
        if position and (REASON_RE.search(since) or STANDARD_RE.search(claim.lead)):
            continue  # inside a reason ("主要是…每人每年6,120元") or a standard (每人每月300元): not an item
        if reading.role == "value" and not reading.closing and claim.value > total.claim.value + total.claim.half_unit:
            break  # a part cannot exceed its total: the list has ended
        if reading.role == "value" and not reading.closing:
            last_part = claim
            parts.append(reading)
            attrs.append([])
            following = scope[position + 1].claim if position + 1 < len(scope) else None
            et_cetera = et_cetera or ends_list(lines, claim, following)
        elif reading.role == "attr" and parts:
            attrs[-1].append(reading)
    if not parts or any(part.claim.approx for part in parts):
        return None  # "培训3-5次": a range or an approximate part leaves the total uncheckable
    # Money broken down after 其中 is broken down in full (two parts or more), as budget lines are; counts
    # after 其中 are often overlapping groups (领导接访, 进京访), so only a known partition must add up.
    if total.claim.kind == "money":
        complete = len(parts) >= 2 and not et_cetera
    else:
        complete = not et_cetera and is_partition(tuple(parts))
    return PartList(total, tuple(parts), tuple(tuple(a) for a in attrs), complete, ended)


def find_lists(readings: list[Reading], lines: list[str]) -> list[PartList]:
    """Every total with its parts: after 其中, 分为, 包括 or 主要用于, after a figure and a colon, "X中…", and 合计."""
    lists: list[PartList] = []
    values = positions_by(readings, lambda r: r.label if r.role == "value" else None)
    by_family = positions_by(readings, lambda r: (r.claim.family, r.claim.bracket) if r.role == "value" else None)
    runs = runs_of(readings)
    for index, reading in enumerate(readings):
        claim = reading.claim
        previous = readings[index - 1].claim if index else None
        gap = re.split(r"[。！？]", gap_text(lines, previous, claim))[-1]  # only this sentence's words
        totals: list[Reading] = []
        opener = LIST_OPENER_RE.search(re.split(r"[；;]", gap)[-1])
        partial = opener is not None and opener["word"] != "分为"
        within = reading.within or (match["head"] if (match := WITHIN_GAP_RE.search(gap)) else "")
        if opener and normalise_label(opener["head"]):  # "培训经费包括…", "项目支出分为…": the total is named
            within = opener["head"]
        if within:
            totals = last_named(readings, values, normalise_label(within), index)
        elif OPENER_RE.search(gap) and (named := changed_before(readings, index)):
            totals = last_named(readings, values, named, index)
        elif OPENER_RE.search(gap) or opener:
            # in the order they come, not a set's: which list a part joins first must not change from run to run
            families = dict.fromkeys(r.claim.family for r in list_scope(readings, lines, index, runs, segment_only=partial))
            totals = [t for f in families if (t := total_before(readings, by_family, index, f, claim.bracket, segment_only=partial))]
        elif previous is not None and previous.line == claim.line and gap.lstrip().startswith(("：", ":")):
            totals = [readings[index - 1]] if readings[index - 1].role == "value" else []
        for total in totals:
            built = build_list(readings, lines, index, total, partial, runs)
            if built is not None:
                lists.append(built)
    return lists + closed_lists(readings)


def last_named(readings: list[Reading], values: dict[str, list[int]], name: str, index: int) -> list[Reading]:
    """The last figure named ``name`` before position ``index`` (as a list of none or one); ``values``: positions by name."""
    found = last_before(values.get(name, []), index)
    return [readings[found]] if found is not None else []


def find_change_lists(readings: list[Reading], lines: list[str]) -> list[tuple[Reading, tuple[Reading, ...]]]:
    """ "…较上年减少6.42万元。其中：人员经费减少9.53万元，公用经费增加3.2万元": a total's change and the
    named changes it breaks down into, when the parts are given only by their changes."""
    found = []
    line_start = first_positions(readings, line_of)
    runs = runs_of(readings)
    for index, reading in enumerate(readings):
        previous = readings[index - 1].claim if index else None
        gap = re.split(r"[。！？]", gap_text(lines, previous, reading.claim))[-1]
        if reading.role != "change" or not reading.label or not OPENER_RE.search(gap):
            continue
        scope = list_scope(readings, lines, index, runs)
        family = reading.claim.family
        parts = tuple(r for r in scope if r.role == "change" and r.label and r.claim.family == family)
        if len(parts) < 2 or any(r.role == "value" and r.claim.family == family for r in scope):
            continue
        line = reading.claim.line
        earlier = (readings[p] for p in range(index - 1, line_start[line] - 1, -1))  # back from it: no copy of the line's figures
        total = next((r for r in earlier if r.role == "change" and r.claim.family == family), None)
        if total is not None:
            found.append((total, parts))
    return found


def closed_lists(readings: list[Reading]) -> list[PartList]:
    """ "A a万元、B b万元，合计X万元": a total written after the parts it adds up."""
    lists = []
    for index, reading in enumerate(readings):
        if not (reading.closing and reading.role == "value"):
            continue
        parts: list[Reading] = []
        for position in range(index - 1, -1, -1):
            earlier = readings[position]
            if earlier.claim.segment != reading.claim.segment or OPENER_RE.search(earlier.claim.lead) or earlier.closing:
                break  # "A、B，合计…" is one ；-part; an earlier 合计 closed its own list
            if earlier.role == "value" and earlier.claim.family == reading.claim.family and not earlier.closing and earlier.qualifier == reading.qualifier:
                parts.insert(0, earlier)
        if len(parts) >= 2 and not any(part.claim.approx for part in parts):
            lists.append(PartList(reading, tuple(parts), tuple(() for _ in parts), True))
    return lists
