"""Cell clean-up for exports re-saved in Excel: amounts, counts and dates to one plain form.

Each function returns the normalised text, or the original text unchanged
when it cannot be read, so the ledger's own check then reports the value the
clerk actually typed.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation

EXCEL_EPOCH = datetime(1899, 12, 30)  # serial 1 = 1900-01-01, counting Excel's phantom 1900-02-29
SERIAL_RANGE = (20000, 80000)  # 1954 to 2119: a bare number outside this is not a date
DATE_FORMS = (
    re.compile(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})"),
    re.compile(r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日?"),
    re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})"),
)
TIME_FORM = re.compile(r"(?P<H>\d{1,2})[:时](?P<M>\d{1,2})(?:[:分](?P<S>\d{1,2})秒?)?")
AMOUNT_FORM = re.compile(r"[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?")


def to_halfwidth(text: str) -> str:
    """Full-width digits, letters and punctuation (１２３，．) to their ASCII forms."""
    return unicodedata.normalize("NFKC", text)


def normalise_amount(text: str, unit: str = "元") -> str:
    """``1,234.56`` / ``（1,234.56）`` / ``１２３元`` / a 万元 figure to plain yuan text like ``-1234.56``."""
    cleaned = to_halfwidth(text).strip().replace(" ", "")
    if cleaned.endswith("万元") != (unit == "万元") and cleaned.endswith("元"):
        return text  # a unit in the cell that is not the column's: refuse rather than guess
    cleaned = re.sub(r"(万元|元)$", "", cleaned)
    negative = cleaned.startswith("(") and cleaned.endswith(")")
    cleaned = cleaned[1:-1] if negative else cleaned
    if negative and cleaned[:1] in "+-":
        return text  # "(-100)" says minus twice: refuse rather than guess
    if not AMOUNT_FORM.fullmatch(cleaned):
        return text
    try:
        value = Decimal(cleaned.replace(",", ""))
    except InvalidOperation:
        return text
    value = -value if negative else value
    if unit == "万元":
        value *= 10000
    return str(value)


def normalise_count(text: str) -> str:
    """``１２`` / ``12.0`` (Excel's float) / ``1,200`` to ``12``; anything else unchanged."""
    cleaned = to_halfwidth(text).strip().replace(",", "")
    match = re.fullmatch(r"(\d+)(\.0+)?", cleaned)
    return match.group(1) if match else text


def serial_to_datetime(text: str) -> datetime | None:
    """An Excel serial day number (with an optional fraction of a day) as a datetime."""
    try:
        serial = float(text)
    except ValueError:
        return None
    if not SERIAL_RANGE[0] <= serial <= SERIAL_RANGE[1]:
        return None
    return EXCEL_EPOCH + timedelta(days=serial)


def parse_loose_datetime(text: str) -> datetime | None:
    """Read the date forms exports use (2024-03-05, 2024/3/5, 2024年3月5日, 20240305, serial) and an optional time."""
    cleaned = to_halfwidth(text).strip()
    if re.fullmatch(r"\d+(\.\d+)?", cleaned) and len(cleaned.split(".")[0]) == 5:
        return serial_to_datetime(cleaned)
    for form in DATE_FORMS:
        match = form.match(cleaned)
        if not match:
            continue
        rest = cleaned[match.end() :].strip().lstrip("T").strip()
        clock = TIME_FORM.fullmatch(rest) if rest else None
        if rest and not clock:
            return None
        year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
        hour, minute, second = (int(clock["H"]), int(clock["M"]), int(clock["S"] or 0)) if clock else (0, 0, 0)
        try:
            return datetime(year, month, day, hour, minute, second)
        except ValueError:
            return None
    return None


def impossible_date(text: str) -> str | None:
    """The message for a cell written as a date or time no calendar or clock has (``2025-02-29 不是有效日期``); None otherwise.

    Only the forms exports use count: text that is no date at all is a format problem, not this.
    """
    cleaned = to_halfwidth(text).strip()
    match = next((m for form in DATE_FORMS if (m := form.match(cleaned))), None)
    if match is None:
        return None
    year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
    try:
        datetime(year, month, day)
    except ValueError:
        return f"{year:04d}-{month:02d}-{day:02d} 不是有效日期 (not a real date)"
    clock = TIME_FORM.fullmatch(cleaned[match.end() :].strip().lstrip("T").strip())
    if clock and not (int(clock["H"]) < 24 and int(clock["M"]) < 60 and int(clock["S"] or 0) < 60):
        return f"{int(clock['H']):02d}:{int(clock['M']):02d}:{int(clock['S'] or 0):02d} 不是有效时间 (not a real time)"
    return None


def normalise_date(text: str) -> str:
    """Any accepted date form to ``YYYY-MM-DD``; a time of day, if any, must be midnight."""
    moment = parse_loose_datetime(text) if text.strip() else None
    if moment is None or moment.time() != datetime.min.time():
        return text
    return moment.strftime("%Y-%m-%d")


def normalise_datetime(text: str) -> str:
    """Any accepted date-time form to ``YYYY-MM-DD HH:MM:SS`` (a date alone means midnight)."""
    moment = parse_loose_datetime(text) if text.strip() else None
    return text if moment is None else moment.strftime("%Y-%m-%d %H:%M:%S")


def normalise_code(text: str) -> str:
    """Codes stay text: full-width digits made ASCII, Excel's ``30201.0`` back to ``30201``."""
    cleaned = to_halfwidth(text).strip()
    match = re.fullmatch(r"(\d+)\.0+", cleaned)
    return match.group(1) if match else cleaned
