"""Counted lists: a count and the items named with it ("内设机构5个，分别为A、B、C、D和E", "东街、西街、南街3个")."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from analysis.claims.extract import Claim
from analysis.claims.lists import ET_CETERA_RE, ITEM_BRACKETS_RE
from analysis.claims.roles import Reading

# Units that count named things (offices, units, projects), which a text lists by name; 件 or 人次 are never listed.
COUNTED_UNITS = frozenset({"个", "家", "项", "所"})
COUNTED_AFTER_RE = re.compile(r"[^，。；：:、]{0,12}[，,]?\s*(分别为|分别是|：|:)")  # matched at the unit's end
# Last characters of the names of offices and units: 和 after one of them joins two items
# (网上信访股和复查复核股), elsewhere it is part of one name (志愿服务和社会服务工作组).
UNIT_ENDINGS = "股科室组局处部办站所队心院馆会委厅村乡镇区县市道"
SENTENCE_END_RE = re.compile(r"[。！？]")
CLAUSE_MARK_RE = re.compile(r"[，,：:]")
QUOTED_RE = re.compile(r"“[^”]*”|《[^》]*》|\"[^\"]*\"")


@dataclass(frozen=True)
class CountedList:
    """A count with the items it counts: "内设机构5个，分别为A、B、C、D和E"."""

    count: Reading
    items: tuple[str, ...]


def split_items(text: str) -> tuple[str, ...]:
    """Items of a written list: split at 、 and ；, and at 和/及/与 only after a unit's name (…股和…股)."""
    text = ITEM_BRACKETS_RE.sub("", text).strip("，,。；; ")
    text = QUOTED_RE.sub(lambda quoted: quoted[0].replace("、", "·").replace("和", "·"), text)  # one name, however it is written
    separators = r"[；;]" if re.search(r"[；;]", text) else r"、"  # "一是…、…；二是…": ；separates the items
    named = [item.strip() for item in re.split(separators, text) if item.strip()]
    if len(named) == 1:  # no 、 at all: 和 is what separates the items
        return tuple(piece for piece in re.split(r"[和及与]", named[0]) if piece)
    items: list[str] = []
    for item in named:
        items.extend(piece for piece in re.split(rf"(?<=[{UNIT_ENDINGS}])[和及与]", item) if piece)
    return tuple(items)


@dataclass
class Line:
    """One line with where its sentences end and its clause marks are, each found once and then bisected."""

    text: str
    sentence_ends: list[int]  # offsets of 。！？
    clause_marks: list[int] | None = None  # offsets of ，,：:, found when first asked for

    @classmethod
    def of(cls, text: str) -> Line:
        """A line with its sentence ends found."""
        return cls(text, [m.start() for m in SENTENCE_END_RE.finditer(text)])

    def sentence_end(self, start: int) -> int:
        """Where the sentence that goes on at ``start`` ends: its 。！？, or the line's end."""
        at = bisect_left(self.sentence_ends, start)
        return self.sentence_ends[at] if at < len(self.sentence_ends) else len(self.text)

    def marks(self) -> list[int]:
        """Offsets of the line's ，,：: (the clause marks of clause_before)."""
        if self.clause_marks is None:
            self.clause_marks = [m.start() for m in CLAUSE_MARK_RE.finditer(self.text)]
        return self.clause_marks


def head_end(claim: Claim) -> int:
    """Where in its line the head of a claim's sentence ends: the words before its lead (see Prefix.head)."""
    return claim.prefix.start + claim.prefix.head


def starts_clause(claim: Claim, line: Line) -> bool:
    """Does a claim's lead start its clause (not right after another figure, as in "3个工作日、…1个工作日")?"""
    return claim.prefix.head == 0 or line.text[head_end(claim) - 1] in "，,：:；;。（("


def clause_before(claim: Claim, line: Line) -> str:
    """The clause before a claim's own clause, in its sentence: the last of the head's pieces between ，,：:
    that is not blank. Read back from the head's end, mark by mark, so only that clause is looked at."""
    start, end = claim.prefix.start, head_end(claim)
    marks = line.marks()
    at = bisect_left(marks, end)
    while end > start:
        mark = marks[at - 1] if at and marks[at - 1] >= start else start - 1
        clause = line.text[mark + 1 : end]
        if clause.strip():
            return clause
        end, at = mark, at - 1
    return ""


def list_end(line: str, start: int, figure: int) -> int:
    """Where a written list of items in line[start:figure] ends before the next figure (at ``figure``): at the
    ；before it ("…复查复核股；下属事业单位1个"), else at the ，before it when what precedes is a 、-list
    ("…中心，覆盖率达95%"); at ``start`` (no items) when they carry figures themselves ("项目4个：A经费
    128.65万元…"), which is no bare list."""
    semicolon = max(line.rfind(mark, start, figure) for mark in "；;")
    if semicolon > start:
        return semicolon
    comma = max(line.rfind(mark, start, figure) for mark in "，,")
    return comma if comma > start and line.find("、", start, comma) >= 0 else start


def next_figure(starts: list[int], start: int, end: int) -> int | None:
    """The first of sorted offsets ``starts`` in [start, end): where the next figure of the line begins."""
    at = bisect_left(starts, start)
    return starts[at] if at < len(starts) and starts[at] < end else None


def find_counted_lists(readings: list[Reading], lines: list[str]) -> list[CountedList]:
    """Counts followed by the items they count ("5个，分别为…") or preceded by them ("A、B、C3个")."""
    found = []
    starts_by_line: dict[int, list[int]] = {}  # offsets of each line's figures, in order, to bisect
    for reading in readings:
        starts_by_line.setdefault(reading.claim.line, []).append(reading.claim.start)
    read: dict[int, Line] = {}

    def line_of(number: int) -> Line:
        if number not in read:
            read[number] = Line.of(lines[number - 1])
        return read[number]

    for reading in readings:
        claim = reading.claim
        if claim.kind != "count" or claim.unit not in COUNTED_UNITS or claim.approx or reading.role != "value":
            continue
        line = line_of(claim.line)
        # the rest of the sentence is bounded by offsets, not copied: a long sentence has many counts
        end = line.sentence_end(claim.end)
        introduced = COUNTED_AFTER_RE.match(line.text, claim.end, end)
        later = next_figure(starts_by_line[claim.line], claim.end, end)
        if introduced and later is not None:
            end = list_end(line.text, introduced.end(), later)
        if introduced and introduced.end() < end:
            text = line.text[introduced.end() : end]
            text = re.split(r"[，,]", ITEM_BRACKETS_RE.sub("", text), maxsplit=1)[0]  # "…马鞍村骨灰堂，均由…管护"
        elif "、" in claim.lead and claim.value < 100 and not claim.lead.endswith(("和", "及", "与", "、")) and starts_clause(claim, line):
            text = claim.lead.rsplit("的", 1)[-1]  # "…城关镇的东街、西街、南街3个": the items after the last 的
        elif claim.lead.strip(" ，,").startswith("共") and "、" in (previous := clause_before(claim, line)):
            text = re.sub(r"^(设有|设置|设立|下设|内设|设)", "", previous)  # "设办公室、信访股、热线股，共3个股室"
        else:
            continue
        if ET_CETERA_RE.search(text):
            continue
        items = split_items(text)
        if len(items) >= 2:
            found.append(CountedList(reading, items))
    return found
