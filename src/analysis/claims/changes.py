"""Relations of one quantity: its year-over-year change, percentage change, prior-year value, shares, points."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from itertools import islice

from analysis.claims.extract import Claim
from analysis.claims.index import first_positions, last_before, positions_by, sentence_of
from analysis.claims.labels import sign_of
from analysis.claims.lists import PartList
from analysis.claims.prefix import occurrences
from analysis.claims.relations import (
    Relation,
    difference,
    percent_change,
    percent_change_from_prior,
    percent_of,
    plain,
    relate,
    signed_text,
    unrelated,
)
from analysis.claims.roles import Reading
from analysis.claims.subjects import Others, Subjects, can_describe

ATTACHED_ROLES = ("change", "pct_change", "share", "prior", "pp")
SLOTS = {"change": "change", "pct_change": "pct", "prior": "prior"}
PART_END_RE = re.compile(r"[；;。]")


@dataclass
class Quantity:
    """A figure and what the text says about it nearby."""

    value: Reading
    change: Reading | None = None
    pct: Reading | None = None
    prior: Reading | None = None
    shares: list[Reading] = field(default_factory=list)
    points: list[Reading] = field(default_factory=list)


RESPECTIVE_ROLES = ("share", "pp", "pct_change", "change")
FOLLOWER_RE = re.compile(r"^[和及与、]?(增长|下降|增加|减少|提高|降低|上升)?$")  # "…66.7%和33.3%", "…6.1%和增长7.5%"


def pair_respectively(readings: list[Reading]) -> list[Reading]:
    """Figures written together after 分别 ("分别占总支出的65.5%和34.5%", "分别较上年提高0.22个百分点和1.43个
    百分点") are about as many figures before them in the sentence, in order."""
    paired = list(readings)
    sentence_start = first_positions(paired, sentence_of)
    i = 0
    while i < len(paired):
        first = paired[i]
        if first.role not in RESPECTIVE_ROLES or "分别" not in first.claim.lead or first.subject is not None:
            i += 1
            continue
        group = [i]
        while (
            (j := group[-1] + 1) < len(paired)
            and paired[j].claim.sentence == first.claim.sentence
            and paired[j].claim.kind == first.claim.kind
            and FOLLOWER_RE.match(paired[j].claim.lead.strip(" ，,"))
        ):
            group.append(j)
        # the last len(group) figures before it in its sentence that it can describe, read back from it
        earlier = (k for k in range(i - 1, sentence_start[first.claim.sentence] - 1, -1) if can_describe(paired[k], first))
        subjects = list(islice(earlier, len(group)))[::-1]
        if len(subjects) == len(group):
            for g, k in zip(group, subjects):
                follower = paired[g]
                paired[g] = replace(
                    follower, role=first.role, subject=paired[k].claim.index, whole=first.whole, sign=sign_of(follower.claim.lead) or first.sign
                )
        i = group[-1] + 1
    return paired


def find_quantities(readings: list[Reading], report_year: int | None) -> tuple[dict[int, Quantity], dict[int, Iterable[Reading]]]:
    """Each figure with the changes, shares and prior-year figures written about it, by claim index; and for
    each change or percentage change, the other figures it may be about."""
    readings = pair_respectively(readings)
    quantities: dict[int, Quantity] = {}
    alternates: dict[int, Iterable[Reading]] = {}
    subjects = Subjects(readings, report_year)
    by_index = {reading.claim.index: reading for reading in readings}
    rates = positions_by(readings, lambda r: r.label if r.role == "rate" and r.year == report_year else None)
    for reading in readings:
        if reading.role not in ATTACHED_ROLES:
            continue
        if reading.subject is not None:  # "分别占…": its part is known
            subject = by_index.get(reading.subject)
        elif (subject := next(subjects.of(reading), None)) is not None:
            alternates[reading.claim.index] = Others(subjects, reading)
        if subject is None and reading.role == "pp" and reading.label:  # "…。结案率较去年提高1.11个百分点"
            rate = last_before(rates.get(reading.label, []), reading.claim.index)
            subject = readings[rate] if rate is not None else None
        if subject is None:
            continue
        quantity = quantities.setdefault(subject.claim.index, Quantity(subject))
        if reading.role == "share":
            quantity.shares.append(reading)
        elif reading.role == "pp":
            quantity.points.append(reading)
        else:
            slot = SLOTS[reading.role]
            if getattr(quantity, slot) is None:  # the first change (or %, or prior) written about it
                setattr(quantity, slot, reading)
    for reading in readings:
        if reading.role == "value" and reading.claim.kind != "percent" and not reading.claim.approx:
            quantities.setdefault(reading.claim.index, Quantity(reading))
    return quantities, alternates


class NewItems:
    """Where each line's 新增 and ends of parts (；;。) are, found when the line is first asked about, to tell
    new items without reading (or copying) the rest of a part once for each."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.marks: dict[int, tuple[list[int], list[int]]] = {}

    def is_new(self, reading: Reading) -> bool:
        """Is the item marked 新增 (new this year) in its own part of the sentence (after it, before its ；;。)?"""
        if reading.new:
            return True
        number, after = reading.claim.line, reading.claim.end
        line = self.lines[number - 1]
        if number not in self.marks:
            self.marks[number] = occurrences(line, "新增"), [m.start() for m in PART_END_RE.finditer(line)]
        news, ends = self.marks[number]
        end = ends[at] if (at := bisect_left(ends, after)) < len(ends) else len(line)
        return (at := bisect_left(news, after)) < len(news) and news[at] + len("新增") <= end


def prior_value(quantity: Quantity, named: dict[tuple[str, int | None, str], Reading]) -> Reading | None:
    """The prior year's figure of the same quantity: written beside it, or elsewhere under the same name."""
    if quantity.prior is not None:
        return quantity.prior
    value = quantity.value
    if not value.label or value.year is None:
        return None
    return named.get((value.label, value.year - 1, value.claim.family))


def first_by_name(readings: list[Reading]) -> dict[tuple[str, int | None, str], Reading]:
    """The first figure (or rate) of each name, year and unit, to find last year's figure of a quantity."""
    named: dict[tuple[str, int | None, str], Reading] = {}
    for reading in readings:
        if reading.role in ("value", "rate") and reading.label:
            named.setdefault((reading.label, reading.year, reading.claim.family), reading)
    return named


def yoy_for(current: Claim, change: Reading | None, pct: Reading | None, prior: Reading | None) -> list[Relation]:
    """Change against prior-year value, and percentage change against change (or prior) and current value."""
    relations = []
    if change is not None and prior is not None:
        relations.append(
            relate(
                "prior_change",
                change.claim,
                change.sign or 1,
                [(current, 1), (prior.claim, 1)],
                difference,
                f"本年{plain(current)} − 上年{plain(prior.claim)}",
            )
        )
    if pct is None:
        return relations
    sign = pct.sign or (change.sign if change else 1) or 1
    if change is not None:
        change_sign = change.sign or 1
        shown = current if current.unit != change.claim.unit else max(current, change.claim, key=lambda claim: claim.decimals)
        base = shown.display(current.value - change_sign * change.claim.value)
        relations.append(
            relate(
                "pct_change",
                pct.claim,
                sign,
                [(current, 1), (change.claim, change_sign)],
                percent_change,
                f"{signed_text(change.claim, change_sign)} ÷ 上年数{base}（{plain(current)} {'−' if change_sign > 0 else '+'} {plain(change.claim)}）",
            )
        )
    elif prior is not None:
        relations.append(
            relate(
                "pct_change",
                pct.claim,
                sign,
                [(current, 1), (prior.claim, 1)],
                percent_change_from_prior,
                f"（{plain(current)} − {plain(prior.claim)}）÷ {plain(prior.claim)}",
            )
        )
    else:
        relations.append(unrelated("pct_change", pct.claim, sign, (current,), "未给出变动额或上年数，无法核对增减幅度"))
    return relations


def yoy_relations(quantities: dict[int, Quantity], readings: list[Reading], alternates: dict[int, Iterable[Reading]]) -> list[Relation]:
    """Each figure's change and percentage change. When they do not fit the nearest figure but fit another
    figure of the same part of the sentence ("…合计9.37万元，其中…0.72万元，较去年减少1.05万元"), they are
    read as about that one: a check reports what no reading of the sentence makes true."""
    relations = []
    named = first_by_name(readings)
    for quantity in quantities.values():
        found = yoy_for(quantity.value.claim, quantity.change, quantity.pct, prior_value(quantity, named))
        moved = quantity.change or quantity.pct
        if moved is not None and not all(r.holds for r in found if r.checkable):
            for other in alternates.get(moved.claim.index, []):
                retried = yoy_for(other.claim, quantity.change, quantity.pct, quantity.prior)
                if retried and all(r.checkable and r.holds for r in retried):
                    found = retried
                    break
        relations.extend(found)
    return relations


def find_whole(
    share: Reading, part: Reading, readings: list[Reading], wholes: dict[tuple[str, int | None, str], list[int]], totals: dict[int, Reading]
) -> Reading | None:
    """The total a share is of: named after 占 (the last such figure before the share, else the last after
    it), else the total of the list the part belongs to. ``wholes``: positions of figures by (name, year, kind)."""
    if share.whole:
        named = wholes.get((share.whole, part.year, part.claim.kind), [])
        before = last_before(named, share.claim.index)
        return readings[before] if before is not None else (readings[named[-1]] if named else None)
    return totals.get(part.claim.index)


def share_relations(quantities: dict[int, Quantity], readings: list[Reading], lists: list[PartList]) -> list[Relation]:
    """Each share against its part ÷ its whole."""
    relations = []
    wholes = positions_by(readings, lambda r: (r.label, r.year, r.claim.kind) if r.role == "value" else None)
    totals: dict[int, Reading] = {}
    for part_list in lists:
        for listed in part_list.parts:
            totals.setdefault(listed.claim.index, part_list.total)  # the first list a part is in
    for quantity in quantities.values():
        part = quantity.value.claim
        for share in quantity.shares:
            whole = find_whole(share, quantity.value, readings, wholes, totals)
            if whole is None:
                what = f"“{share.whole}”" if share.whole else "所占的总数"
                relations.append(unrelated("share", share.claim, 1, (part,), f"未找到{what}，无法核对占比"))
                continue
            relations.append(
                relate(
                    "share",
                    share.claim,
                    1,
                    [(part, 1), (whole.claim, 1)],
                    percent_of,
                    f"{plain(part)} ÷ {whole.label or '总数'}{plain(whole.claim)}",
                )
            )
    return relations


def point_relations(quantities: dict[int, Quantity], readings: list[Reading]) -> list[Relation]:
    """A change in percentage points against this year's rate minus last year's (written beside it, or
    elsewhere under the same name)."""
    relations = []
    named = first_by_name(readings)
    for quantity in quantities.values():
        current = quantity.value.claim
        prior = prior_value(quantity, named)
        for points in quantity.points:
            sign = points.sign or 1
            if prior is None:
                relations.append(unrelated("pp", points.claim, sign, (current,), "未给出上年比率，无法核对百分点"))
                continue
            relations.append(
                relate(
                    "pp",
                    points.claim,
                    sign,
                    [(current, 1), (prior.claim, 1)],
                    difference,
                    f"{plain(current)} − 上年{plain(prior.claim)}",
                )
            )
    return relations
