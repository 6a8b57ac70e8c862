"""Rates against the counts they are of: a formula beside the rate, 办结/满意/执行 counts by name, any X率 in its sentence."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import chain

from analysis.claims.extract import Claim
from analysis.claims.index import between, first_positions, is_among, last_before, line_of, sentence_of
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
    attrs: dict[str, list[int]]  # the same, of those read as attributes (办结, 回访… of a list's parts)
    counted: list[int]  # positions of the figures any other X率 may count (values and attributes, not approximate)
    counting: dict[tuple[str, int | None], list[int]]  # (stem of an X率, year) -> positions of the figures named X


def index_rate_figures(readings: list[Reading], lists: list[PartList]) -> RateFigures:
    """Where each line and sentence starts, which figures are parts or attributes of a list, the figures
    each denominator label may name (not approximate, not 年初) by unit family, and those each kind of rate
    may count in its numerator (not approximate, not 不满意)."""
    attr_sets = tuple(frozenset(a.claim.index for group in part_list.attrs for a in group) for part_list in lists)
    attr_lists: dict[int, list[int]] = {}
    for position, attr_set in enumerate(attr_sets):
        for index in sorted(attr_set):
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
    attrs: dict[str, list[int]] = {word: [] for word, _, _ in RATE_TERMS}
    for position, reading in enumerate(readings):
        if reading.role in ("value", "attr") and not reading.claim.approx and not reading.label.endswith("不满意"):
            for word, labels, _ in RATE_TERMS:
                if reading.label.endswith(labels):
                    numerators[word].append(position)
                    if is_whole(reading, labels):
                        wholes[word].append(position)
                    if reading.role == "attr":
                        attrs[word].append(position)
    counted = [position for position, r in enumerate(readings) if r.role in ("value", "attr") and not r.claim.approx]
    return RateFigures(
        readings,
        first_positions(readings, line_of),
        first_positions(readings, sentence_of),
        frozenset(p.claim.index for part_list in lists for p in part_list.parts),
        attr_sets,
        attr_lists,
        denominators,
        numerators,
        wholes,
        attrs,
        counted,
        index_counting(readings, counted),
    )


def rate_stem(rate: Reading) -> tuple[str, tuple[str, ...]]:
    """An X率's X, and the words a figure may be named by, after no more than a particle, to count for it:
    "隐患整改率" counts what was 已整改, "预警信号准确率" what was 正确 (its last word, or one of the same meaning),
    so 乳腺癌筛查 does not count for 听力筛查率. No words for an X of one character."""
    stem = rate.label.removesuffix("率")
    return stem, ((stem[-2:], *RATE_SYNONYMS.get(stem[-2:], ())) if len(stem) >= 2 else ())


def index_counting(readings: list[Reading], counted: list[int]) -> dict[tuple[str, int | None], list[int]]:
    """For the stem of every X率 and each year, the positions of the counted figures named X (ending in X, or
    a particle and one of its words), in order: what ``named_rate_inputs`` looks up by bisecting."""
    stems: dict[int, set[str]] = {}  # by length
    by_word: dict[str, set[str]] = {}  # a word -> the stems it counts for
    for reading in readings:
        if reading.role == "rate":
            stem, words = rate_stem(reading)
            if len(stem) >= 2:
                stems.setdefault(len(stem), set()).add(stem)
                for word in words:
                    by_word.setdefault(word, set()).add(stem)
    counting: dict[tuple[str, int | None], list[int]] = {}
    for position in counted:
        label = readings[position].label
        found = {label[-size:] for size, of_size in stems.items() if label[-size:] in of_size}
        for particle in PARTICLES:
            if label.startswith(particle):
                found |= by_word.get(label[len(particle) :], set())
        for stem in found:
            counting.setdefault((stem, readings[position].year), []).append(position)
    return counting


def rate_terms(rate: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """The word of RATE_TERMS a rate's name has, and the labels that count its numerator and its denominator
    ("" and none for a rate of another name)."""
    return next(((word, top, bottom) for word, top, bottom in RATE_TERMS if word in rate), ("", (), ()))


def explicit_formula(index: int, readings: list[Reading], lines: list[str]) -> tuple[Reading, Reading] | None:
    """ "办结率99.22%（办结30470件 ÷ 受理30708件）": the two figures in the bracket right after a rate."""
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
    word, numerator_labels, denominator_labels = rate_terms(readings[index].label)
    if not word:
        return [], None
    positions, named = numerator_positions(index, word, numerator_labels, figures)
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


def numerator_positions(index: int, word: str, numerator_labels: tuple[str, ...], figures: RateFigures) -> tuple[list[int], Callable[[int], bool]]:
    """The positions of a rate's numerator figures (see rate_inputs), and which figures its name named in the
    paragraph before it (none of them is its denominator). Only what is returned is sliced from the indexes."""
    readings = figures.readings
    rate = readings[index]
    start, sentence = figures.line_start[rate.claim.line], figures.sentence_start[rate.claim.sentence]
    candidates = figures.numerators[word]
    low, high = between(candidates, start, index)  # the paragraph's candidates, before the rate
    if "执行" in rate.label:  # spending against budget: the total spending, not one of its parts
        last = next((candidates[at] for at in range(high - 1, low - 1, -1) if candidates[at] not in figures.list_parts), None)
        named = [last] if last is not None else []
        whole = [p for p in named if is_whole(readings[p], numerator_labels)]
        same_sentence = [p for p in named if p >= sentence]
        return whole or same_sentence or [p for p in named if readings[p].role == "attr"] or named, named.__contains__
    if (found := last_before(figures.wholes[word], index)) is not None and found >= start:
        positions = [found]
    elif (first := max(low, bisect_left(candidates, sentence))) < high:
        positions = candidates[first:high]  # those of the rate's sentence
    else:
        attrs = figures.attrs[word]
        positions = (attrs[slice(*between(attrs, start, index))] or candidates[high - 1 : high]) if high > low else []
    return positions, lambda position: start <= position < index and is_among(candidates, position)


def is_whole(reading: Reading, numerator_labels: tuple[str, ...]) -> bool:
    """Is the figure named as a rate's whole numerator (its first label), and not a part of something?"""
    return reading.role == "value" and reading.label == numerator_labels[0] and not reading.within


def named_rate_inputs(index: int, figures: RateFigures) -> tuple[Claim | None, Iterator[Claim]]:
    """Any other X率 in one sentence: "立案18,642件，结案18,305件，结案率98.19%". The numerator is the
    figure of the rate's year named X nearest before it (see index_counting); the denominators to try are the
    figures before that, in the same unit and not smaller, nearest first (送审 or 审定 for 审减率: the text
    decides), walked back one at a time as they are tried."""
    readings = figures.readings
    rate = readings[index]
    stem, _ = rate_stem(rate)
    sentence_start = figures.sentence_start[rate.claim.sentence]
    found = last_before(figures.counting.get((stem, rate.year), []), index) if len(stem) >= 2 else None
    if found is None or found < sentence_start:
        return None, iter(())
    numerator = readings[found].claim
    low, high = between(figures.counted, sentence_start, found)
    earlier = (readings[figures.counted[at]].claim for at in range(high - 1, low - 1, -1))
    return numerator, (claim for claim in earlier if claim.family == numerator.family and claim.value >= numerator.value)


def rate_relations(readings: list[Reading], lists: list[PartList], lines: list[str]) -> list[Relation]:
    """Each rate against its counts: a formula written beside it, or counts named after the rate; of several
    denominators, the first that makes the rate hold, else the first."""
    relations = []
    figures = index_rate_figures(readings, lists)
    for index, reading in enumerate(readings):
        if reading.role != "rate":
            continue
        formula = explicit_formula(index, readings, lines)
        denominators: Iterator[Claim]
        if formula is not None:
            numerator, denominators = [formula[0].claim], iter([formula[1].claim])
        elif rate_terms(reading.label)[0]:
            numerator, denominator = rate_inputs(index, figures, lists)
            denominators = iter([denominator] if denominator is not None else [])
        else:
            top, denominators = named_rate_inputs(index, figures)
            numerator = [top] if top is not None else []
        first = next(denominators, None)
        if not numerator or first is None:
            relations.append(unrelated("rate", reading.claim, 1, tuple(numerator), f"未找到{reading.label}的分子和分母，无法核对"))
            continue
        relations.append(first_holding(rate_of(reading.claim, numerator, d) for d in chain([first], denominators)))
    return relations


def first_holding(relations: Iterable[Relation]) -> Relation:
    """The first of (at least one) relations that holds, else the first; those after one that holds are never built."""
    first = None
    for relation in relations:
        if relation.holds:
            return relation
        if first is None:
            first = relation
    assert first is not None, "no relation to choose from"
    return first


def rate_of(rate: Claim, numerator: list[Claim], denominator: Claim) -> Relation:
    """A rate against the sum of its numerator figures over its denominator."""
    top = " + ".join(plain(claim) for claim in numerator)
    return relate(
        "rate",
        rate,
        1,
        [*((c, 1) for c in numerator), (denominator, 1)],
        percent_of,
        f"{f'（{top}）' if len(numerator) > 1 else top} ÷ {plain(denominator)}",
        summed=len(numerator),
    )
