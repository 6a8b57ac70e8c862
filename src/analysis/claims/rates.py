"""Rates against the counts they are of: a formula beside the rate, 办结/满意/执行 counts by name, any X率 in its sentence."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from analysis.claims.extract import Claim
from analysis.claims.index import first_positions, last_before, line_of, sentence_of
from analysis.claims.lists import PartList
from analysis.claims.relations import Relation, percent_of, plain, relate, unrelated
from analysis.claims.roles import Reading

FORMULA_RE = re.compile(r"^[^÷/]*[÷/]")
PARTICLES = frozenset({"", "已", "已经", "共", "累计", "完成", "实际", "经检验", "督促", "及时"})
RATE_SYNONYMS = {"准确": ("正确",), "合格": ("达标",), "完成": ("完工", "办结")}

# By a word of the rate's name (the first that fits): the labels of its numerator's figures and of its denominator's.
RATE_TERMS = (
    ("满意", ("满意", "满意及基本满意", "基本满意"), ("参评", "评价", "测评", "回访")),
    ("回访", ("回访",), ("办结",)),
    ("办结", ("办结", "已办结", "办结工单"), ("受理", "工单", "诉求")),
    ("执行", ("决算数", "决算", "执行数", "实际支出", "支出"), ("调整预算", "预算调整", "调整后预算", "调整数", "预算数", "预算")),
)


@dataclass(frozen=True)
class RateFigures:
    """The figures rates look up, indexed once per report (positions are claim indexes)."""

    readings: list[Reading]
    line_start: dict[int, int]  # line -> position of its first figure
    sentence_start: dict[int, int]
    list_parts: frozenset[int]  # claim indexes of the parts of every list
    attr_sets: tuple[frozenset[int], ...]  # per list: claim indexes of the 办结/回访/满意 figures after its parts
    attr_lists: dict[int, list[int]]  # claim index of such a figure -> the lists (by position) that hold it
    denominators: dict[tuple[str, str], list[int]]  # (denominator label, unit family) -> positions of its figures
    numerators: dict[str, list[int]]  # word of a rate's name (see RATE_TERMS) -> positions of figures its numerator may be
    wholes: dict[str, list[int]]  # the same, of those named as the whole numerator (see is_whole)


def index_rate_figures(readings: list[Reading], lists: list[PartList]) -> RateFigures:
    """Where each line and sentence starts, which figures are parts or attributes of a list, the figures
    each denominator label may name (not approximate, not 年初) by unit family, and those each kind of rate
    may count in its numerator (not approximate, not 不满意)."""
    attr_sets = tuple(frozenset(a.claim.index for group in part_list.attrs for a in group) for part_list in lists)
    attr_lists: dict[int, list[int]] = {}
    for position, attrs in enumerate(attr_sets):
        for index in sorted(attrs):
            attr_lists.setdefault(index, []).append(position)
    terms = {term for _, _, denominators in RATE_TERMS for term in denominators}
    denominators: dict[tuple[str, str], list[int]] = {}
    for position, reading in enumerate(readings):
        if reading.role in ("value", "attr") and not reading.claim.approx and "年初" not in reading.label:
            for term in terms:
                if term in reading.label:
                    denominators.setdefault((term, reading.claim.family), []).append(position)
    numerators: dict[str, list[int]] = {word: [] for word, _, _ in RATE_TERMS}
    wholes: dict[str, list[int]] = {word: [] for word, _, _ in RATE_TERMS}
    for position, reading in enumerate(readings):
        if reading.role in ("value", "attr") and not reading.claim.approx and not reading.label.endswith("不满意"):
            for word, labels, _ in RATE_TERMS:
                if reading.label.endswith(labels):
                    numerators[word].append(position)
                    if is_whole(reading, labels):
                        wholes[word].append(position)
    return RateFigures(
        readings, first_positions(readings, line_of), first_positions(readings, sentence_of),
        frozenset(p.claim.index for part_list in lists for p in part_list.parts), attr_sets, attr_lists, denominators,
        numerators, wholes,
    )


def rate_terms(rate: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """The word of RATE_TERMS a rate's name has, and the labels that count its numerator and its denominator
    ("" and none for a rate of another name)."""
    return next(((word, top, bottom) for word, top, bottom in RATE_TERMS if word in rate), ("", (), ()))


def explicit_formula(index: int, readings: list[Reading], lines: list[str]) -> tuple[Reading, Reading] | None:
    """"办结率99.22%（办结30470件 ÷ 受理30708件）": the two figures in the bracket right after a rate."""
    following = [r for r in readings[index + 1 : index + 3] if r.claim.line == readings[index].claim.line]
    if len(following) < 2 or not following[0].claim.bracket or following[0].claim.bracket != following[1].claim.bracket:
        return None
    line = lines[following[0].claim.line - 1]
    if not line[readings[index].claim.end : following[0].claim.start].lstrip().startswith(("(", "（")):
        return None
    between = line[following[0].claim.end : following[1].claim.start]
    return (following[0], following[1]) if FORMULA_RE.match(between) else None


def list_holding(numerator: list[Reading], figures: RateFigures) -> int | None:
    """The first list (by position) whose items' attributes include every numerator figure; None when none does."""
    for position in figures.attr_lists.get(numerator[0].claim.index, []):
        if all(r.claim.index in figures.attr_sets[position] for r in numerator):
            return position
    return None


def rate_inputs(index: int, figures: RateFigures, lists: list[PartList]) -> tuple[list[Claim], Claim | None]:
    """Numerator figures and denominator of a rate, from the figures before it in its paragraph: one named as
    the whole numerator (办结, not 已办结), else those of its sentence, else the 办结/满意 figures, else the last.
    Figures are found by bisecting the indexes, so a paragraph of many rates is not read once per rate."""
    readings = figures.readings
    rate = readings[index]
    word, numerator_labels, denominator_labels = rate_terms(rate.label)
    if not word:
        return [], None
    start = figures.line_start[rate.claim.line]
    candidates = figures.numerators[word]
    low, high = bisect_left(candidates, start), bisect_left(candidates, index)  # the paragraph's, before the rate
    if "执行" in rate.label:  # spending against budget: the total spending, not one of its parts
        last = next((candidates[at] for at in range(high - 1, low - 1, -1) if candidates[at] not in figures.list_parts), None)
        named = [last] if last is not None else []
        whole = [p for p in named if is_whole(readings[p], numerator_labels)]
    else:
        named = candidates[low:high]
        whole = [p] if (p := last_before(figures.wholes[word], index)) is not None and p >= start else []
    same_sentence = named[bisect_left(named, figures.sentence_start[rate.claim.sentence]) :]
    positions = whole or same_sentence or [p for p in named if readings[p].role == "attr"] or named[-1:]
    numerator = [readings[p] for p in positions]
    if not numerator:
        return [], None
    holding = list_holding(numerator, figures)  # 办结 figures written after 自办/交办 parts: the list's total is the denominator
    if holding is not None:
        return [r.claim for r in numerator], lists[holding].total.claim
    # the denominator may be in an earlier paragraph (orders received, then orders closed); the nearest wins
    for label in denominator_labels:
        found = last_before(figures.denominators.get((label, numerator[0].claim.family), []), index, named)
        if found is not None:
            return [r.claim for r in numerator], readings[found].claim
    return [r.claim for r in numerator], None


def is_whole(reading: Reading, numerator_labels: tuple[str, ...]) -> bool:
    """Is the figure named as a rate's whole numerator (its first label), and not a part of something?"""
    return reading.role == "value" and reading.label == numerator_labels[0] and not reading.within


def named_rate_inputs(index: int, figures: RateFigures) -> tuple[Claim | None, list[Claim]]:
    """Any other X率 in one sentence: "立案18,642件，结案18,305件，结案率98.19%". The numerator is the
    figure of the rate's year named X nearest before it; the denominators to try are the figures before
    that, in the same unit and not smaller, nearest first (送审 or 审定 for 审减率: the text decides)."""
    readings = figures.readings
    rate = readings[index]
    stem = rate.label.removesuffix("率")
    # "隐患整改率" counts what was 已整改, "预警信号准确率" what was 正确: the rate's name, or its last word
    # (or a word of the same meaning) after no more than a particle, so 乳腺癌筛查 does not count for 听力筛查率
    words = (stem[-2:], *RATE_SYNONYMS.get(stem[-2:], ())) if len(stem) >= 2 else ()
    earlier = readings[figures.sentence_start[rate.claim.sentence] : index]
    sentence = [r for r in earlier if r.role in ("value", "attr") and not r.claim.approx]
    numerators = [position for position, r in enumerate(sentence) if r.year == rate.year and len(stem) >= 2 and (
        r.label.endswith(stem) or any(r.label.endswith(word) and r.label[: -len(word)] in PARTICLES for word in words))]
    if not numerators:
        return None, []
    numerator = sentence[numerators[-1]].claim
    return numerator, [r.claim for r in reversed(sentence[: numerators[-1]]) if r.claim.family == numerator.family and r.claim.value >= numerator.value]


def rate_relations(readings: list[Reading], lists: list[PartList], lines: list[str]) -> list[Relation]:
    """Each rate against its counts: a formula written beside it, or counts named after the rate."""
    relations = []
    figures = index_rate_figures(readings, lists)
    for index, reading in enumerate(readings):
        if reading.role != "rate":
            continue
        formula = explicit_formula(index, readings, lines)
        if formula is not None:
            numerator, denominators = [formula[0].claim], [formula[1].claim]
        elif rate_terms(reading.label)[0]:
            numerator, denominator = rate_inputs(index, figures, lists)
            denominators = [denominator] if denominator is not None else []
        else:
            top, denominators = named_rate_inputs(index, figures)
            numerator = [top] if top is not None else []
        if not numerator or not denominators:
            relations.append(unrelated("rate", reading.claim, 1, tuple(numerator), f"未找到{reading.label}的分子和分母，无法核对"))
            continue
        candidates = [rate_of(reading.claim, numerator, denominator) for denominator in denominators]
        relations.append(next((relation for relation in candidates if relation.holds), candidates[0]))
    return relations


def rate_of(rate: Claim, numerator: list[Claim], denominator: Claim) -> Relation:
    """A rate against the sum of its numerator figures over its denominator."""
    top = " + ".join(plain(claim) for claim in numerator)
    return relate(
        "rate", rate, 1, [*((c, 1) for c in numerator), (denominator, 1)], percent_of,
        f"{f'（{top}）' if len(numerator) > 1 else top} ÷ {plain(denominator)}", summed=len(numerator),
    )
