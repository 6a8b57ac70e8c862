"""Finding figures without scanning all of them: readings grouped by line, sentence or name, built once per report.

The readings of the text are in claim order (``readings[i].claim.index == i``), and line, sentence and
segment numbers only grow along them, so the figures of one line (or sentence) are one run of positions,
and the figures of one name are a sorted list of positions to bisect. Each lookup then costs the size of
one line or sentence, not of the whole report.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Hashable, Sequence

from analysis.claims.roles import Reading


def first_positions(readings: list[Reading], key: Callable[[Reading], int]) -> dict[int, int]:
    """Position of the first reading of each line (or sentence, segment: ``key`` says which)."""
    first: dict[int, int] = {}
    for position, reading in enumerate(readings):
        first.setdefault(key(reading), position)
    return first


def positions_by(readings: list[Reading], key: Callable[[Reading], Hashable | None]) -> dict[Hashable, list[int]]:
    """Positions of the readings of each key, in order; a reading whose key is None is left out."""
    grouped: dict[Hashable, list[int]] = {}
    for position, reading in enumerate(readings):
        found = key(reading)
        if found is not None:
            grouped.setdefault(found, []).append(position)
    return grouped


def last_before(positions: list[int], limit: int, skipped: Sequence[int] = ()) -> int | None:
    """The largest of sorted ``positions`` below ``limit`` and not among sorted ``skipped``; None when there is none."""
    at = bisect_left(positions, limit)
    while at and is_among(skipped, positions[at - 1]):
        at -= 1
    return positions[at - 1] if at else None


def is_among(positions: Sequence[int], position: int) -> bool:
    """Is ``position`` one of the sorted ``positions``?"""
    at = bisect_left(positions, position)
    return at < len(positions) and positions[at] == position


def line_of(reading: Reading) -> int:
    """The reading's line (a key for ``first_positions``)."""
    return reading.claim.line


def sentence_of(reading: Reading) -> int:
    """The reading's sentence (a key for ``first_positions``)."""
    return reading.claim.sentence
