"""Money as integer fen inside the package; 万元 only for display.

Amounts arrive from ledgers as yuan text with at most two decimals. They are
parsed with Decimal, held as integer fen, and rounded exactly once, when a
figure is formatted for a reader.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction

FEN_PER_YUAN = 100
FEN_PER_WAN = 1_000_000


class AmountError(ValueError):
    """A ledger amount that is not a yuan figure with at most two decimals."""


YUAN_PATTERN = re.compile(r"[+-]?\d+(\.\d+)?", re.ASCII)


def parse_yuan_to_fen(text: str) -> int:
    """Parse a yuan amount such as ``"1234.56"`` into integer fen (123456).

    Only plain decimal digits are accepted: Excel's ``1.23E+06`` would silently
    round a real amount, so it is refused rather than guessed.
    """
    cleaned = str(text).strip()
    if not YUAN_PATTERN.fullmatch(cleaned):
        raise AmountError(f"不是金额 (not an amount): {text!r}")
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise AmountError(f"不是金额 (not an amount): {text!r}") from exc
    fen = value * FEN_PER_YUAN
    if fen != fen.to_integral_value():
        raise AmountError(f"金额超过两位小数 (more than two decimals): {text!r}")
    return int(fen)


def fen_to_yuan(fen: int) -> Decimal:
    """Exact yuan value of an integer fen amount, two decimals."""
    return (Decimal(int(fen)) / FEN_PER_YUAN).quantize(Decimal("0.01"))


def fen_to_wan(fen: int, places: int = 2) -> Decimal:
    """Round a fen amount once to 万元 with ``places`` decimals (half up)."""
    exponent = Decimal(1).scaleb(-places)
    return (Decimal(int(fen)) / FEN_PER_WAN).quantize(exponent, rounding=ROUND_HALF_UP)


def format_wan(fen: int, places: int = 2) -> str:
    """Display text for an amount in 万元, e.g. 1,234,567 fen -> ``1.23`` (unit not appended)."""
    return f"{fen_to_wan(fen, places):.{places}f}"


def round_fraction(value: Fraction, places: int) -> Decimal:
    """Round an exact ratio half up to ``places`` decimals."""
    exponent = Decimal(1).scaleb(-places)
    decimal = Decimal(value.numerator) / Decimal(value.denominator)
    return decimal.quantize(exponent, rounding=ROUND_HALF_UP)


def format_percent(value: Fraction | int | None, places: int = 1) -> str:
    """Display a fraction as a percentage, e.g. Fraction(7384, 10000) -> ``73.8%``."""
    if value is None:
        return "—"
    return f"{round_fraction(Fraction(value) * 100, places):.{places}f}%"
