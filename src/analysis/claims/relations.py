"""Relations between claims and the range each target may take, allowing for the rounding the text used.

Every figure as written stands for an interval (± half a unit of its last digit). A relation's
recomputed range is the smallest and largest value its formula gives over the corners of its
inputs' intervals; the target is consistent when its own interval meets that range.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import product

from analysis.claims.extract import Claim

HUNDRED = Fraction(100)


@dataclass(frozen=True)
class Relation:
    """One recomputable statement: the target claim and the range the other claims allow it."""

    kind: str  # share | pct_change | sum | subset | change_sum | prior_change | rate | pp | count | same_value | staffing | ledger
    target: Claim
    inputs: tuple[Claim, ...]
    stated: Fraction  # the target's value, signed as the text reads it, in the base unit
    point: Fraction | None  # recomputed from the figures as written; None when it cannot be
    low: Fraction | None
    high: Fraction | None
    working: str  # how the recomputed value is obtained, in Chinese
    severity: str = "inconsistent"  # what a disagreement is: inconsistent, or only a warning
    bounded: bool = False  # the target need only not exceed ``high`` (a part of a total)

    @property
    def checkable(self) -> bool:
        """Could the relation be recomputed at all?"""
        return self.point is not None

    @property
    def holds(self) -> bool:
        """Does the target's interval meet the recomputed range? (Never for a relation that cannot be recomputed.)"""
        if self.point is None or self.high is None:  # high is set whenever point is
            return False
        half = self.target.half_unit
        within_high = self.stated - half <= self.high
        if self.bounded:
            return within_high
        return within_high and self.low is not None and self.stated + half >= self.low  # low is None only when bounded


def signed(claim: Claim, sign: int = 1) -> tuple[Fraction, Fraction, Fraction]:
    """(low, middle, high) of a claim's value, multiplied by ``sign``."""
    value, half = claim.value * sign, claim.half_unit
    return value - half, value, value + half


def evaluate(
    formula: Callable[..., Fraction], inputs: Sequence[tuple[Fraction, Fraction, Fraction]], summed: int = 0
) -> tuple[Fraction, Fraction, Fraction] | None:
    """(point, low, high) of a formula over its inputs' intervals; None when a denominator can be zero.

    The first ``summed`` inputs enter the formula only through their sum, in which it is monotone: their
    intervals are added first, so the corners are 2 ** (inputs − summed + 1), not 2 ** inputs (a list of
    forty parts would otherwise take a trillion).
    """
    if summed:
        inputs = [add_intervals(inputs[:summed]), *inputs[summed:]]
    try:
        point = formula(*(middle for _, middle, _ in inputs))
        corners = [formula(*corner) for corner in product(*((low, high) for low, _, high in inputs))]
    except ZeroDivisionError:
        return None
    return point, min(corners), max(corners)


def add_intervals(intervals: Sequence[tuple[Fraction, Fraction, Fraction]]) -> tuple[Fraction, Fraction, Fraction]:
    """(low, middle, high) of the sum of values each within its (low, middle, high)."""
    zero = Fraction(0)
    return sum((i[0] for i in intervals), zero), sum((i[1] for i in intervals), zero), sum((i[2] for i in intervals), zero)


def relate(
    kind: str, target: Claim, sign: int, inputs: Sequence[tuple[Claim, int]], formula: Callable[..., Fraction], working: str, summed: int = 0
) -> Relation:
    """A relation whose target should equal ``formula`` of the inputs (each with its sign); the first ``summed``
    inputs are added before the formula sees them (see ``evaluate``)."""
    result = evaluate(formula, [signed(claim, s) for claim, s in inputs], summed)
    claims = tuple(claim for claim, _ in inputs)
    if result is None:
        return unrelated(kind, target, sign, claims, working + "（分母为零，无法计算）")
    point, low, high = result
    return Relation(kind, target, claims, target.value * sign, point, low, high, working)


def unrelated(kind: str, target: Claim, sign: int, inputs: tuple[Claim, ...], why: str) -> Relation:
    """A relation the text implies but does not give enough figures to recompute."""
    return Relation(kind, target, inputs, target.value * sign, None, None, None, why)


def sum_of(*values: Fraction) -> Fraction:
    """Sum of any number of values (a formula for ``relate``)."""
    return sum(values, Fraction(0))


def relate_sum(kind: str, target: Claim, sign: int, inputs: Sequence[tuple[Claim, int]], working: str) -> Relation:
    """A relation whose target should equal the sum of the inputs (each with its sign), however many they are."""
    return relate(kind, target, sign, inputs, sum_of, working, summed=len(inputs))


def percent_of(part: Fraction, whole: Fraction) -> Fraction:
    """part ÷ whole × 100, a formula for shares and rates."""
    return part / whole * HUNDRED


def percent_change(current: Fraction, change: Fraction) -> Fraction:
    """change ÷ (current − change) × 100: the change on the prior year's base."""
    return change / (current - change) * HUNDRED


def percent_change_from_prior(current: Fraction, prior: Fraction) -> Fraction:
    """(current − prior) ÷ prior × 100."""
    return (current - prior) / prior * HUNDRED


def difference(current: Fraction, prior: Fraction) -> Fraction:
    """current − prior."""
    return current - prior


def plain(claim: Claim) -> str:
    """A claim's number and unit without spaces, for the working column."""
    return claim.text.replace(" ", "").replace("\u3000", "")


def signed_text(claim: Claim, sign: int) -> str:
    """A claim written with its sign: "−9.53万元", "+3.2万元"."""
    return ("−" if sign < 0 else "+") + plain(claim)


def exact(kind: str, target: Claim, expected: Fraction, inputs: tuple[Claim, ...], working: str) -> Relation:
    """A relation whose target should equal a known exact value (a count of items, the ledgers' figure)."""
    return Relation(kind, target, inputs, target.value, expected, expected, expected, working)


def same_as(kind: str, target: Claim, other: Claim, working: str, severity: str = "inconsistent") -> Relation:
    """A relation whose target should equal another written figure, within that figure's rounding."""
    half = other.half_unit
    return Relation(kind, target, (other,), target.value, other.value, other.value - half, other.value + half, working, severity)


def not_above(kind: str, target: Claim, limit: Claim, working: str, severity: str = "inconsistent") -> Relation:
    """A figure that must not exceed another (a part of its total; staff of their posts)."""
    high = limit.value + limit.half_unit
    return Relation(kind, target, (limit,), target.value, limit.value, None, high, working, severity, bounded=True)
