"""Which figures a change, a share, a prior-year figure or a change in points may be about, in its part of a sentence.

``can_describe`` is the rule; ``Subjects`` groups a report's figures by what the rule (with the report's year
and a change's name) lets them be the subject of, once, so that each change finds its likeliest subject by
bisecting a few groups. Reading its whole ；-part again for each change, a long sentence of changes took time
quadratic in its length.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from analysis.claims.roles import Reading


def can_describe(subject: Reading, reading: Reading) -> bool:
    """Can ``reading`` (a change, share, ...) be about ``subject``?"""
    if subject.claim.approx or (subject.claim.bracket and subject.claim.bracket != reading.claim.bracket):
        return False
    if reading.role == "pp" or (reading.role == "prior" and reading.claim.kind == "percent"):
        return subject.role == "rate" or (subject.role == "value" and subject.claim.kind == "percent")
    if subject.role != "value" or subject.claim.kind == "percent":
        return False
    if reading.role in ("change", "prior"):
        return subject.claim.family == reading.claim.family
    return True


class Subjects:
    """The figures that changes, shares and prior-year figures may be about, grouped once per report by what can
    be about them: of the report's year (or none), not approximate, by ；-part and bracket; values not in % by
    unit family and name, rates and % values apart. A figure's candidates are then a few groups to bisect and
    merge, not its whole ；-part read again (``readings[i].claim.index == i``, see index.py)."""

    def __init__(self, readings: list[Reading], report_year: int | None) -> None:
        self.readings = readings
        self.groups: dict[tuple, list[int]] = {}
        for reading in readings:
            claim = reading.claim
            if claim.approx or reading.year not in (report_year, None):
                continue  # "2023年基本支出205.96万元，减少6.42万元": the change is of 2024's figure
            part = (claim.segment, claim.bracket)
            if reading.role == "rate" or (reading.role == "value" and claim.kind == "percent"):
                keys: tuple[tuple, ...] = (("rate", *part),)
            elif reading.role == "value":
                keys = (("value", *part), ("value", *part, claim.family), ("value", *part, claim.family, reading.label))
            else:
                continue
            for key in keys:
                self.groups.setdefault(key, []).append(claim.index)

    def keys(self, reading: Reading) -> list[tuple]:
        """The groups whose figures ``reading`` may be about: in its ；-part, outside brackets or in its own;
        a rate (or a % value) for points and a prior-year %, else a value in the same unit for a change or a
        prior-year figure, and named as a change is named (or not at all): "人员经费减少9.53万元" is not about
        the figure before it unless that is 人员经费."""
        claim = reading.claim
        parts = [(claim.segment, bracket) for bracket in dict.fromkeys((0, claim.bracket))]
        if reading.role == "pp" or (reading.role == "prior" and claim.kind == "percent"):
            return [("rate", *part) for part in parts]
        if reading.role == "change" and reading.label:
            return [("value", *part, claim.family, label) for part in parts for label in ("", reading.label)]
        if reading.role in ("change", "prior"):
            return [("value", *part, claim.family) for part in parts]
        return [("value", *part) for part in parts]

    def of(self, reading: Reading) -> Iterator[Reading]:
        """The figures a change, share or prior-year figure may be about, the likeliest first: those before it
        in its part of the sentence, nearest first; for a change, a percentage change or a prior-year figure
        with none before it, the one after it ("增加10万元，达到50万元"). Walked only as far as they are read."""
        groups = [self.groups.get(key, []) for key in self.keys(reading)]
        ends = [bisect_left(group, reading.claim.index) for group in groups]
        if any(ends):
            walks = [map(group.__getitem__, range(end - 1, -1, -1)) for group, end in zip(groups, ends)]
            return (self.readings[index] for index in heapq.merge(*walks, reverse=True))
        after = [group[end] for group, end in zip(groups, ends) if end < len(group)]
        if after and reading.role in ("change", "prior", "pct_change"):
            return iter([self.readings[min(after)]])
        return iter(())


@dataclass(frozen=True)
class Others:
    """The figures other than the likeliest that a change may be about, nearest first, found as they are read."""

    subjects: Subjects
    reading: Reading

    def __iter__(self) -> Iterator[Reading]:
        return islice(self.subjects.of(self.reading), 1, None)
