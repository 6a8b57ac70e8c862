"""analysis.money: yuan text to integer fen, and rounding once (half up) at display."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from analysis.money import (
    AmountError,
    fen_to_wan,
    fen_to_yuan,
    format_percent,
    format_wan,
    parse_yuan_to_fen,
    round_fraction,
)


@pytest.mark.parametrize(
    ("text", "fen"),
    [
        ("1234.56", 123_456),
        ("1000.5", 100_050),
        ("500", 50_000),
        (" 12.00 ", 1_200),
        ("0.01", 1),
        ("1995399.51", 199_539_951),
    ],
)
def test_parse_yuan_to_fen_accepts_up_to_two_decimals(text, fen):
    assert parse_yuan_to_fen(text) == fen
    assert isinstance(parse_yuan_to_fen(text), int)


@pytest.mark.parametrize("text", ["12.345", "0.001", "1000.505"])
def test_parse_yuan_to_fen_refuses_three_decimals(text):
    with pytest.raises(AmountError, match="两位小数"):
        parse_yuan_to_fen(text)


@pytest.mark.parametrize("text", ["abc", "", "1,234.00", "NaN", "Infinity", "12元"])
def test_parse_yuan_to_fen_refuses_non_amounts(text):
    with pytest.raises(AmountError):
        parse_yuan_to_fen(text)


def test_amount_error_is_a_value_error():
    assert issubclass(AmountError, ValueError)


def test_fen_to_yuan_is_exact_with_two_decimals():
    assert fen_to_yuan(123_456) == Decimal("1234.56")
    assert str(fen_to_yuan(5)) == "0.05"
    assert str(fen_to_yuan(100_000)) == "1000.00"
    assert str(fen_to_yuan(-1)) == "-0.01"


def test_reference_basic_spending_rounds_to_199_54():
    # 1,995,399.51 yuan = 199,539,951 fen = 199.539951 万元 -> 199.54
    assert fen_to_wan(199_539_951) == Decimal("199.54")
    assert format_wan(199_539_951) == "199.54"


@pytest.mark.parametrize(
    ("fen", "text"),
    [
        (5_000, "0.01"),  # 50 yuan = 0.005 万元: half up, not down
        (4_999, "0.00"),  # 0.004999 万元
        (125_000, "0.13"),  # 0.0125 万元: half up (banker's rounding would give 0.12)
        (10_494_999, "10.49"),
        (10_495_000, "10.50"),
        (52_200_000, "52.20"),  # trailing zero kept
        (0, "0.00"),
        (-5_000, "-0.01"),  # half away from zero for a decrease
    ],
)
def test_format_wan_rounds_half_up_at_the_005_boundary(fen, text):
    assert format_wan(fen) == text


def test_format_wan_with_other_places():
    # 12,500 yuan = 1.25 万元
    assert format_wan(1_250_000, places=1) == "1.3"
    assert format_wan(1_249_999, places=1) == "1.2"
    assert format_wan(1_234_567, places=4) == "1.2346"


def test_round_fraction_half_up():
    assert round_fraction(Fraction(1, 8), 2) == Decimal("0.13")
    assert round_fraction(Fraction(3, 8), 2) == Decimal("0.38")
    assert round_fraction(Fraction(1, 3), 3) == Decimal("0.333")
    assert round_fraction(Fraction(-1, 8), 2) == Decimal("-0.13")


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [
        (Fraction(7384, 10000), 1, "73.8%"),
        (Fraction(1, 800), 2, "0.13%"),  # 0.125% half up
        (Fraction(1, 3), 1, "33.3%"),
        (Fraction(2, 3), 2, "66.67%"),
        (Fraction(30470, 30708), 2, "99.22%"),  # reference hotline closure: 99.2249...%
        (Fraction(1), 2, "100.00%"),
        (Fraction(0), 1, "0.0%"),
        (Fraction(-1, 40), 1, "-2.5%"),
    ],
)
def test_format_percent(value, places, text):
    assert format_percent(value, places) == text


def test_format_percent_default_is_one_decimal_and_none_is_a_dash():
    assert format_percent(Fraction(1, 8)) == "12.5%"
    assert format_percent(None) == "—"
    assert format_percent(None, 2) == "—"
