"""Finding figures without scanning all of them: readings grouped by line, sentence or name, built once per report.

The readings of the text are in claim order (``readings[i].claim.index == i``), and line, sentence and
segment numbers only grow along them, so the figures of one line (or sentence) are one run of positions,
and the figures of one name are a sorted list of positions to bisect. Each lookup then costs the size of
one line or sentence, not of the whole report.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

from analysis.claims.roles import Reading

K = TypeVar("K", bound=Hashable)


def first_positions(readings: list[Reading], key: Callable[[Reading], int]) -> dict[int, int]:
    """Position of the first reading of each line (or sentence, segment: ``key`` says which)."""
    first: dict[int, int] = {}
    for position, reading in enumerate(readings):
        first.setdefault(key(reading), position)
    return first


def positions_by(readings: list[Reading], key: Callable[[Reading], K | None]) -> dict[K, list[int]]:
    """Positions of the readings of each key, in order; a reading whose key is None is left out."""
    grouped: dict[K, list[int]] = {}
    for position, reading in enumerate(readings):
        found = key(reading)
        if found is not None:
            grouped.setdefault(found, []).append(position)
    return grouped


def run_ends(readings: list[Reading], key: Callable[[Reading], Hashable]) -> list[int]:
    """For each position, the position just after the run of consecutive readings that share its key (its
    ；-part, its bracket): where reading on past figures of that key stops."""
    ends = [len(readings)] * len(readings)
    for position in range(len(readings) - 2, -1, -1):
        same = key(readings[position + 1]) == key(readings[position])
        ends[position] = ends[position + 1] if same else position + 1
    return ends


def last_before(positions: list[int], limit: int, skipped: Callable[[int], bool] | None = None) -> int | None:
    """The largest of sorted ``positions`` below ``limit`` that is not ``skipped``; None when there is none."""
    at = bisect_left(positions, limit)
    while at and skipped is not None and skipped(positions[at - 1]):
        at -= 1
    return positions[at - 1] if at else None


def between(positions: list[int], start: int, end: int) -> tuple[int, int]:
    """Where the stretch of sorted ``positions`` in [start, end) begins and ends in the list (to slice or to walk)."""
    return bisect_left(positions, start), bisect_left(positions, end)


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
