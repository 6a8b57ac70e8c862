"""Finding the numeric claims in a report's lines: the number, its unit, where it is and what precedes it.

A claim's ``value`` is exact (a Fraction) in a base unit: yuan for money, percent for % and
percentage points, the count itself for counts. ``half_unit`` is half a unit of the last digit
written, in the same base unit: the rounding the text allows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from analysis.claims.prefix import LinePrefixes, Prefix
from analysis.limits import MAX_FIGURE_DIGITS

# Full-width digits, point and per cent, as some editors type them; one character for one, so columns stay right.
# Chinese punctuation stays as it is: the rules below read ，；：（） themselves.
FULL_WIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")

# 30708, 30,708, 199.54; a longer run of digits than MAX_FIGURE_DIGITS is no figure (an ID, an account number)
_DIGITS = MAX_FIGURE_DIGITS.value
NUMBER = rf"\d{{1,3}}(?:,\d{{3}}){{1,{_DIGITS // 3}}}(?:\.\d{{1,{_DIGITS}}})?|\d{{1,{_DIGITS}}}(?:\.\d{{1,{_DIGITS}}})?"
CLAIM_RE = re.compile(
    rf"(?<![\d.,A-Za-z])(?P<num>{NUMBER})[ \u3000]?"
    r"(?:(?P<approx0>余|多)?(?P<mag>亿|万|千)?(?P<approx>余|多)?(?P<money>元)"
    r"|(?P<pct>%)"
    r"|(?P<pp>个百分点)"
    r"|(?P<approx2>余|多)?(?P<count>批次|人次|家次|件|批|人|名|个|次|项|家|户|场|条|所|篇|块|期|笔|宗|起|处|份|卷|种|辆|台|套|例|具))"
)
MAGNITUDE = {"亿": Fraction(10**8), "万": Fraction(10**4), "千": Fraction(10**3), None: Fraction(1)}
APPROX_BEFORE = ("约", "近", "超过", "逾", "将近", "大约", "不足", "不到", "超", "上万", "达到近")
RANGE_BEFORE_RE = re.compile(r"\d\s*[-~～—至到]\s*$")  # "3-5次", "3至5个": the upper end of a range
TAIL_END_RE = re.compile(r"[，,。；;：:、（(\t]")
TAIL_CHARS = 16
# Units that count the same things, so that a list's parts and its total can be compared.
COUNT_FAMILY = {"批次": "批", "名": "人"}

SENTENCE_END = "。！？!?"
SEGMENT_END = "；;"
CLAUSE_END = "，,：:\t"
OPEN_BRACKETS = "(（[【"
CLOSE_BRACKETS = ")）]】"


@dataclass(frozen=True)
class Claim:
    """One number with its unit, as written in the report."""

    index: int
    line: int  # 1-based line (paragraph) of the text
    column: int  # 1-based column of the number's first character
    end: int  # 0-based offset just after the unit, in the line
    text: str  # the number and unit as written, e.g. "199.54 万元"
    value: Fraction  # in the base unit (yuan, percent, count)
    kind: str  # money | percent | pp | count
    unit: str  # unit as displayed, normalised: 万元, %, 个百分点, 件 ...
    scale: Fraction  # base units per displayed unit (10000 for 万元)
    decimals: int
    approx: bool  # 余/多/约: not a figure to check
    lead: str  # the text before the number, back to the previous claim or the start of its clause
    prefix: Prefix  # what the text before the number back to the start of its sentence says (see prefix.py)
    sentence: int  # document-wide sentence number
    segment: int  # document-wide number of the ；-separated part of a sentence
    bracket: int  # id of the innermost bracket the claim is in; 0 outside brackets
    signed: bool = False  # written with its sign and without a unit, as table cells are ("-2.16")
    tail: str = ""  # the words right after the unit, to the end of the clause ("…462件环境信访投诉中")

    @property
    def start(self) -> int:
        """0-based offset of the number in its line."""
        return self.column - 1

    @property
    def half_unit(self) -> Fraction:
        """Half a unit of the last digit written, in the base unit; counts are exact."""
        if self.kind == "count" and self.decimals == 0:
            return Fraction(0)
        return Fraction(1, 2) * self.scale / 10**self.decimals

    @property
    def family(self) -> str:
        """What the number measures, for comparing parts with totals: money, percent, pp or the count unit."""
        if self.kind == "count":
            return COUNT_FAMILY.get(self.unit, self.unit)
        return self.kind

    def display(self, value: Fraction) -> str:
        """A value as this claim is written, half up: a magnitude with its unit ("50.6%", "6.33万元"), or signed ("-6.33")."""
        shown = abs(value) / self.scale
        quantum = Fraction(1, 10**self.decimals)
        rounded = (shown / quantum + Fraction(1, 2)).__floor__() * quantum
        grouping = "," if "," in self.text else ""
        number = f"{Decimal(rounded.numerator) / Decimal(rounded.denominator):{grouping}.{self.decimals}f}"
        if self.signed:  # as the cell is written: its own sign convention and per cent sign
            sign = "-" if value < 0 and rounded else ("+" if self.text.startswith("+") and rounded else "")
            return sign + number + ("%" if self.text.endswith("%") else "")
        return f"{number}{self.unit}"


@dataclass(frozen=True)
class Layout:
    """Where sentences, segments, clauses and brackets are in one line."""

    sentence: list[int]  # per character: sentence number within the line
    sentence_start: list[int]  # per character: offset where its sentence starts
    segment: list[int]
    clause_start: list[int]  # per character: offset where its clause starts
    bracket: list[int]  # per character: id of the innermost enclosing bracket, 0 outside


def lay_out(line: str, bracket_base: int) -> Layout:
    """Sentence, segment, clause and bracket of every character of a line."""
    sentence, sentence_start, segment, clause_start, bracket = [], [], [], [], []
    s = g = 0
    start = opened = 0
    stack: list[tuple[int, int]] = []  # (bracket id, clause start outside it)
    next_id = bracket_base
    for i, char in enumerate(line):
        if char in OPEN_BRACKETS:
            next_id += 1
            stack.append((next_id, start))
            start = i + 1
        sentence.append(s)
        sentence_start.append(opened)
        segment.append(g)
        clause_start.append(start)
        bracket.append(stack[-1][0] if stack else 0)
        if char in CLOSE_BRACKETS and stack:
            start = stack.pop()[1]  # the clause around a bracket goes on after it
        if char in SENTENCE_END:
            s += 1
            g += 1
            start = opened = i + 1
        elif char in SEGMENT_END:
            g += 1
            start = i + 1
        elif char in CLAUSE_END:
            start = i + 1
    return Layout(sentence, sentence_start, segment, clause_start, bracket)


def parse_number(match: re.Match) -> tuple[str, Fraction, Fraction, int, str]:
    """Kind, value in the base unit, scale, decimals and displayed unit of one matched claim."""
    digits = match["num"].replace(",", "")
    decimals = len(digits.partition(".")[2])
    number = Fraction(digits)
    if match["money"]:
        scale = MAGNITUDE[match["mag"]]
        return "money", number * scale, scale, decimals, f"{match['mag'] or ''}元"
    if match["pct"]:
        return "percent", number, Fraction(1), decimals, "%"
    if match["pp"]:
        return "pp", number, Fraction(1), decimals, "个百分点"
    return "count", number, Fraction(1), decimals, match["count"]


def normalise_lines(lines: list[str]) -> list[str]:
    """Lines with full-width digits, point and per cent made half-width (one character for one)."""
    return [line.translate(FULL_WIDTH) for line in lines]


def extract_claims(lines: list[str], skip: frozenset[int] = frozenset()) -> list[Claim]:
    """Every number with a unit in the (normalised) text, in reading order, except on the ``skip`` lines (tables).

    Ordinals (第35个) are not claims; the upper end of a range (3-5次) is approximate.
    """
    claims: list[Claim] = []
    sentence_base = segment_base = bracket_base = 0
    for number, text in enumerate(lines, start=1):
        line = "" if number in skip else text
        layout = lay_out(line, bracket_base)
        prefixes: LinePrefixes | None = None  # built at the line's first figure
        previous_end = matched_end = 0
        for match in CLAIM_RE.finditer(line):
            # what is looked at before a number goes back no further than the match before it (which ends in a
            # unit, never a digit or dash), so a long line is read once, not once per number
            start, since = match.start(), matched_end
            matched_end = match.end()
            if line.endswith("第", 0, start):
                continue
            kind, value, scale, decimals, unit = parse_number(match)
            lead_start = max(layout.clause_start[start], previous_end)
            lead = line[lead_start:start]
            if prefixes is None:
                prefixes = LinePrefixes(line)
            approx = bool(match["approx0"] or match["approx"] or match["approx2"] or RANGE_BEFORE_RE.search(line, since, start)) or (
                lead.endswith(APPROX_BEFORE) and not lead.endswith(("节约", "制约", "约定"))
            )
            claims.append(
                Claim(
                    index=len(claims),
                    line=number,
                    column=start + 1,
                    end=match.end(),
                    text=match.group(0),
                    value=value,
                    kind=kind,
                    unit=unit,
                    scale=scale,
                    decimals=decimals,
                    approx=approx,
                    lead=lead,
                    prefix=prefixes.of(layout.sentence_start[start], start, len(lead)),
                    tail=TAIL_END_RE.split(line[match.end() : match.end() + TAIL_CHARS], maxsplit=1)[0],
                    sentence=sentence_base + layout.sentence[start],
                    segment=segment_base + layout.segment[start],
                    bracket=layout.bracket[start],
                )
            )
            previous_end = match.end()
        sentence_base += (layout.sentence[-1] + 1) if line else 1
        segment_base += (layout.segment[-1] + 1) if line else 1
        bracket_base = max([bracket_base, *layout.bracket])
    return claims
