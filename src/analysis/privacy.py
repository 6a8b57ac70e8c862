"""Personal data in ledger text: found, replaced by a placeholder, or turned into a salted key.

Ledger free text (topics, summaries, project names) is kept for the report, but
a clerk may have typed a citizen's phone number, ID-card number, e-mail address
or name into it. These functions find such data and replace it before anything
is written. They work on pandas Series of text and never change their input.

What counts as personal data here (digits must not touch other digits, so
amounts, dates, codes and years are left alone):

* mainland mobile numbers: 11 digits starting 13–19, written as one run or in
  3-4-4 groups split by spaces or dashes, optionally after ``+86`` or ``86``;
* landlines: an area code of 0 plus 2–3 digits, in brackets or followed by a
  dash or space, then 7–8 digits, optionally a dash and an extension;
* ID-card numbers: 17 digits plus a digit or X (optionally split 6-8-4 by
  spaces or dashes), and 15-digit legacy numbers;
* e-mail addresses.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable

import pandas as pd

PERSONAL_PLACEHOLDER = "[已隐去]"
MIN_NAME_LENGTH = 2  # one-character "names" would wipe ordinary words

# Not preceded by a digit or by "digit." (the decimals of an amount) ...
_BEFORE = r"(?<!\d)(?<!\d\.)"
# ... and not followed by a digit or by ".digit" (a phone-shaped amount such as 13912345678.00).
_AFTER = r"(?!\.?\d)"

MOBILE = re.compile(_BEFORE + r"(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}" + _AFTER)
LANDLINE = re.compile(_BEFORE + r"(?:[(（]0\d{2,3}[)）] ?|0\d{2,3}[ -])\d{7,8}(?:-\d{1,6})?" + _AFTER)
ID_CARD = re.compile(_BEFORE + r"(?:\d{6}[ -]?\d{8}[ -]?\d{3}[\dXx](?![\dA-Za-z])|\d{15}" + _AFTER + ")")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")

# ID cards first: their digits are longer runs than any phone number.
PATTERNS: tuple[re.Pattern[str], ...] = (EMAIL, ID_CARD, MOBILE, LANDLINE)


def redact_string(text: str, patterns: Iterable[re.Pattern[str]] = PATTERNS) -> str:
    """One text with every match of ``patterns`` replaced by PERSONAL_PLACEHOLDER."""
    for pattern in patterns:
        text = pattern.sub(PERSONAL_PLACEHOLDER, text)
    return text


def map_text(series: pd.Series, change: Callable[[str], str]) -> pd.Series:
    """A new Series with ``change`` applied to each string cell; other cells (NA, numbers) as they were.

    Index, name and dtype are those of ``series`` (a categorical column comes back as plain values,
    since redacted text is not among its categories).
    """
    # a 30,000-row column holds a few dozen distinct texts: change each once
    changed = {value: change(value) for value in set(series.tolist()) if isinstance(value, str)}
    values = [changed.get(value, value) if isinstance(value, str) else value for value in series.tolist()]
    dtype = None if isinstance(series.dtype, pd.CategoricalDtype) else series.dtype
    return pd.Series(values, index=series.index.copy(), name=series.name, dtype=dtype)


def redact_text(series: pd.Series) -> pd.Series:
    """Free text with phone numbers, ID-card numbers and e-mail addresses replaced by PERSONAL_PLACEHOLDER.

    Returns a new Series; ``series`` is not changed.
    """
    return map_text(series, redact_string)


def name_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    """One regex matching any of ``names`` (stripped, at least MIN_NAME_LENGTH characters), longest first.

    None when no usable name is given.
    """
    usable = {str(name).strip() for name in names if isinstance(name, str)}
    usable = sorted((n for n in usable if len(n) >= MIN_NAME_LENGTH), key=lambda n: (-len(n), n))
    return re.compile("|".join(map(re.escape, usable))) if usable else None


def redact_names(series: pd.Series, names: Iterable[str]) -> pd.Series:
    """Free text with each known personal name in ``names`` replaced by PERSONAL_PLACEHOLDER.

    Names shorter than MIN_NAME_LENGTH characters are ignored. Returns a new
    Series; ``series`` is not changed.
    """
    pattern = name_pattern(names)
    if pattern is None:
        return map_text(series, lambda text: text)
    return map_text(series, lambda text: pattern.sub(PERSONAL_PLACEHOLDER, text))


def salted_key(values: pd.Series, salt: bytes) -> pd.Series:
    """Salted SHA-256 of each value: the first 16 hex characters of sha256(salt + UTF-8 text).

    Empty cells (NA, '' or only spaces) give ''. The same value and salt give
    the same key, so one ingest (one salt) can count repeats without names.
    Returns a new Series of str with the index of ``values``.
    """

    def key(value: object) -> str:
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            return ""
        text = str(value)
        return hashlib.sha256(salt + text.encode("utf-8")).hexdigest()[:16] if text.strip() else ""

    return pd.Series([key(v) for v in values.tolist()], index=values.index.copy(), name=values.name, dtype=str)
