"""Personal data in ledger text: found, replaced by a placeholder, or turned into a salted key.

Ledger text that is kept (ids, topics, summaries, project names) may hold a
citizen's phone number, ID-card number, e-mail address or name typed by a
clerk. These functions find such data and replace it before anything is
written. They work on pandas Series of text and never change their input.

People type the same number in many forms, so detection works on a
normalised copy of each text (full-width characters made ASCII: ``１３９``,
``＠``, ``Ｘ``, ``（）``; every kind of dash made ``-``; ``。`` made ``.``) and the
span found there is replaced in the original text. What counts as personal
data (digits must not touch other digits, so amounts, dates, codes and years
are left alone):

* mainland mobile numbers: 11 digits starting 13–19, as one run or in 3-4-4
  groups split by a space, ``-``, ``.`` or ``/``, optionally after ``+86``/``86``;
* landlines: an area code of 0 plus 2–3 digits, in brackets or followed by a
  separator, then 7–8 digits (or 3-4/4-4 groups), optionally an extension;
* ID-card numbers: a region code (first digit 1-8), a birth date and three
  digits, then a digit or X (optionally split 6-8-4), and 15-digit legacy
  numbers with a two-digit year: a numeric order number seldom has that shape;
* e-mail addresses;
* names of citizens where they are known (the petitions register, the
  hotline's caller names).

Text that still looks personal after redaction (a name after 联系人, a long
digit run after 电话) is not changed but reported by ``personal_traces``, so
validation can warn about it.
"""

from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable

import pandas as pd

from analysis.paths import SURNAMES_PATH

PERSONAL_PLACEHOLDER = "[已隐去]"
MIN_NAME_LENGTH = 2  # one-character "names" would wipe ordinary words

# Characters NFKC leaves alone that people type as separators or in place of digits and letters.
DASHES = "‐‑‒–—―−﹣－ー─━﹘"
CHINESE_DIGITS = "〇零一二三四五六七八九"  # the first two both mean zero
EXTRA_FORMS = {**{dash: "-" for dash in DASHES}, "。": ".", "·": ".", "、": "/", "_": "-", "×": "X", "Х": "X", "х": "x"}
# Numbers spelled in Chinese (一三九…, 幺 for one): read as digits when looking for numbers, never when looking for names.
CHINESE_NUMERALS = {"〇": "0", "零": "0", "幺": "1", **{c: str(n) for n, c in enumerate(CHINESE_DIGITS[2:], 1)}}
ASCII_FORMS = str.maketrans("\t\n\r\x0b\x0c_", "     -")  # the ASCII part of the above, length kept
# A text that has none of these holds no number or address, and skips the work.
# (Enclosed and dingbat digits ① ⑴ ❶ are no \d to a regex: they are listed.)
MAY_BE_PERSONAL = re.compile(r"\d|[@＠]|[\[(（]\s*at\s*[\])）]|[〇零一二三四五六七八九幺]|[\u2460-\u24ff\u2776-\u2793]", re.IGNORECASE)

# Not preceded by a digit or by "digit." (the decimals of an amount) ...
_BEFORE = r"(?<!\d)(?<!\d\.)"
# ... and not followed by a digit or by ".digit" (a phone-shaped amount such as 13912345678.00).
_AFTER = r"(?!\.?\d)"
# One separator between groups of digits: spaces, or one or two of - . / , with spaces around.
_SEP = r"(?: *[-./,]{1,2} *| +)?"

# 11 digits in 3-4-4 groups (the first maybe in brackets) or 4-3-4, after an optional country code
MOBILE = re.compile(
    _BEFORE
    + r"(?:(?:\+?86|0086|\(\+?86\))[ -]?)?(?:(?:1[3-9]\d|\(1[3-9]\d\))"
    + _SEP
    + r"\d{4}"
    + r"|1[3-9]\d{2}"
    + _SEP
    + r"\d{3})"
    + _SEP
    + r"\d{4}"
    + _AFTER
)
LANDLINE = re.compile(_BEFORE + r"(?:\(0\d{2,3}\) ?|0\d{2,3}(?: *[-./,]{1,2} *| +))(?:\d{7,8}|\d{3,4}" + _SEP + r"\d{3,4})(?:-\d{1,6})?" + _AFTER)
# An ID's region code starts 1-8 and its middle is a birth date: a numeric order or case number seldom fits.
_REGION = r"[1-8]\d{5}"
_MONTH_DAY = r"(?:0[1-9]|1[0-2])" + _SEP + r"(?:0[1-9]|[12]\d|3[01])"
ID_CARD = re.compile(
    _BEFORE + r"(?:" + _REGION + _SEP + r"(?:18|19|20)\d{2}" + _SEP + _MONTH_DAY + _SEP + r"\d{3}[\dXx](?![\dA-Za-z])"
    r"|" + _REGION + r"\d{2}" + _MONTH_DAY + r"\d{3}" + _AFTER + ")"
)
# Lengths bounded (an address's local part is at most 64 characters): a long run of letters is searched in linear time.
_LOCAL, _LABEL = r"[A-Za-z0-9._%+-]{1,64}", r"[A-Za-z0-9-]{1,63}"
EMAIL = re.compile(_LOCAL + r" ?@ ?" + _LABEL + r"(?: ?\. ?" + _LABEL + r")*\.[A-Za-z]{2,24}")
# zhang [at] example [dot] com, zhang(at)example.com
EMAIL_SPELLED = re.compile(_LOCAL + r" ?[\[(]\s*at\s*[\])] ?" + _LABEL + r"(?: ?(?:\.|[\[(]\s*dot\s*[\])]) ?" + _LABEL + r")+", re.IGNORECASE)

# IDs first: their digits are longer runs than any phone number. One pattern for the three, one search of each text.
NUMBERS = re.compile("|".join(f"(?:{pattern.pattern})" for pattern in (ID_CARD, MOBILE, LANDLINE)))
PATTERNS: tuple[re.Pattern[str], ...] = (EMAIL, EMAIL_SPELLED, NUMBERS)


def load_surnames() -> tuple[str, ...]:
    """Common Chinese surnames (about 250 single and 20 compound ones), compound first, from surnames.csv."""
    with open(SURNAMES_PATH, encoding="utf-8", newline="") as handle:
        names = [row["surname"] for row in csv.DictReader(handle)]
    return tuple(sorted(names, key=len, reverse=True))


def trace_patterns(surnames: tuple[str, ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """What still looks personal after redaction, each with the words a warning uses for it.

    A name is a common surname and one or two more characters after a word that introduces a person
    (联系人王小明, but not 信访人临时救助金), or a surname before a form of address (李先生); a contact
    number is five or more characters after 电话/QQ/微信; a long run is nine digits or more split only by spaces.
    """
    surname = "(?:" + "|".join(map(re.escape, surnames)) + ")"
    return (
        (
            "联系人或姓名 (a person's name)",
            re.compile(r"(?:联系人|来电人|信访人|反映人|投诉人|举报人|诉求人|当事人|申请人|姓名)[:： ]*" + surname + r"[\u4e00-\u9fff]{1,2}"),
        ),
        ("称呼 (a form of address)", re.compile(surname + r"(?:先生|女士|老师|师傅|大爷|大妈|阿姨)")),
        # 12345 is the hotline's own number: a contact number has six characters or more
        ("联系方式 (a contact number)", re.compile(r"(?:电话|手机|联系方式|微信号?|QQ|qq|身份证|证件号)[:： 号码]*(?!\[已隐去\])[\dA-Za-z]{6,}")),
        # digits split only by spaces, not followed by decimals: dates, times and amounts are not runs
        ("长数字串 (a long run of digits)", re.compile(r"(?<![\d.:-])\d(?: ?\d){8,}(?![\d:-]|\.\d)")),
    )


TRACES = trace_patterns(load_surnames())


def normal_form(char: str, numerals: bool = True) -> str:
    """What one character stands for when searching: an ASCII digit for any digit (①, ❶, ٣, and with ``numerals``
    三), a space for any space, nothing for an invisible one (zero-width space, soft hyphen), else its NFKC form."""
    if char in EXTRA_FORMS:
        return EXTRA_FORMS[char]
    if numerals and char in CHINESE_NUMERALS:
        return CHINESE_NUMERALS[char]
    digit = unicodedata.digit(char, None)
    if digit is not None:
        return str(digit)
    if char.isspace():
        return " "
    if unicodedata.category(char) == "Cf":
        return ""
    return unicodedata.normalize("NFKC", char)


def normalise_for_search(text: str, numerals: bool = True) -> tuple[str, list[int]]:
    """A copy of ``text`` in the forms the patterns know, and for each of its characters the index it came from.

    ``numerals`` reads Chinese numerals as digits (for numbers; names and words are searched without).
    """
    if text.isascii():
        return text.translate(ASCII_FORMS), list(range(len(text)))
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        normal = normal_form(char, numerals)
        chars.append(normal)
        origin.extend([index] * len(normal))
    return "".join(chars), origin


def personal_spans(text: str, patterns: Iterable[re.Pattern[str]] = PATTERNS) -> list[tuple[int, int]]:
    """Spans (start, end) of ``text`` that hold personal data, found on its normalised copy; merged, in order."""
    if not MAY_BE_PERSONAL.search(text):
        return []
    normal, origin = normalise_for_search(text)
    spans: list[tuple[int, int]] = []
    for pattern in patterns:
        if (pattern is EMAIL and "@" not in normal) or (pattern is EMAIL_SPELLED and "at" not in normal.lower()):
            continue  # the common case, and a long run of letters is then not searched at every start
        for match in pattern.finditer(normal):
            if match.end() > match.start():
                spans.append((origin[match.start()], origin[match.end() - 1] + 1))
    return merge_spans(spans)


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching spans joined into one, in order."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def replace_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each span replaced by PERSONAL_PLACEHOLDER."""
    for start, end in reversed(spans):
        text = text[:start] + PERSONAL_PLACEHOLDER + text[end:]
    return text


def redact_string(text: str, patterns: Iterable[re.Pattern[str]] = PATTERNS) -> str:
    """One text with every personal number or address replaced by PERSONAL_PLACEHOLDER, whatever its form."""
    return replace_spans(text, personal_spans(text, patterns))


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
    """Text with phone numbers, ID-card numbers and e-mail addresses replaced by PERSONAL_PLACEHOLDER.

    Returns a new Series; ``series`` is not changed.
    """
    return map_text(series, redact_string)


def name_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    """One regex matching any of ``names`` (at least MIN_NAME_LENGTH characters), longest first.

    Names are matched as typed or in full-width/half-width forms, with spaces allowed between their
    characters (欧阳 测试). None when no usable name is given.
    """
    forms = {"".join(normal_form(c, numerals=False) for c in name).replace(" ", "") for name in names if isinstance(name, str)}
    usable = sorted((n for n in forms if len(n) >= MIN_NAME_LENGTH), key=lambda n: (-len(n), n))
    if not usable:
        return None
    # between a name's characters: spaces, dots (徐·燕) and dashes, as people split names
    return re.compile("|".join(r"[\s.\-]*".join(map(re.escape, name)) for name in usable))


def redact_names(series: pd.Series, names: Iterable[str]) -> pd.Series:
    """Free text with each known personal name in ``names`` replaced by PERSONAL_PLACEHOLDER.

    Names shorter than MIN_NAME_LENGTH characters are ignored. Returns a new
    Series; ``series`` is not changed.
    """
    hide = name_hider(names)
    return series.copy() if hide is None else map_text(series, hide)


def name_hider(names: Iterable[str]) -> Callable[[str], str] | None:
    """A function hiding each of ``names`` in one text, as redact_names does, its pattern compiled once
    (for callers with many texts one at a time); None when no usable name is given."""
    names = list(names)
    pattern = name_pattern(names)
    if pattern is None:
        return None
    ascii_names = any(name.isascii() for name in names)

    def hide(text: str) -> str:
        if text.isascii() and not ascii_names:  # an order id or a code: no Chinese name can be in it
            return text
        normal, origin = normalise_for_search(text, numerals=False)
        spans = [(origin[m.start()], origin[m.end() - 1] + 1) for m in pattern.finditer(normal) if m.end() > m.start()]
        return replace_spans(text, merge_spans(spans))

    return hide


def personal_traces(text: str) -> str | None:
    """What in an already redacted text still looks like a person's data (a short Chinese phrase), or None."""
    normal, _ = normalise_for_search(text, numerals=False)
    return next((what for what, pattern in TRACES if pattern.search(normal)), None)


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
