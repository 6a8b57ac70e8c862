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
COUNTED_AFTER_RE = re.compile(r"^[^，。；：:、]{0,12}[，,]?\s*(分别为|分别是|：|:)")
# Last characters of the names of offices and units: 和 after one of them joins two items
# (网上信访股和复查复核股), elsewhere it is part of one name (志愿服务和社会服务工作组).
UNIT_ENDINGS = "股科室组局处部办站所队心院馆会委厅村乡镇区县市道"
SENTENCE_END_RE = re.compile(r"[。！？]")
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
    items = []
    for item in named:
        items.extend(piece for piece in re.split(rf"(?<=[{UNIT_ENDINGS}])[和及与]", item) if piece)
    return tuple(items)


def starts_clause(claim: Claim) -> bool:
    """Does a claim's lead start its clause (not right after another figure, as in "3个工作日、…1个工作日")?"""
    head = claim.prefix[: len(claim.prefix) - len(claim.lead)]
    return head == "" or head[-1] in "，,：:；;。（("


def clause_before(claim: Claim) -> str:
    """The clause before a claim's own clause, in its sentence."""
    head = claim.prefix[: len(claim.prefix) - len(claim.lead)]
    clauses = [clause for clause in re.split(r"[，,：:]", head) if clause.strip()]
    return clauses[-1] if clauses else ""


def list_end(sentence: str, start: int, figure: int) -> int:
    """Where a written list of items ends before the next figure: at the ；before it ("…复查复核股；下属事业
    单位1个"), else at the ，before it when what precedes is a 、-list ("…中心，覆盖率达95%"); 0 when the
    items themselves carry figures ("项目4个：A经费128.65万元…"), which is no bare list."""
    semicolon = max(sentence.rfind(mark, start, figure) for mark in "；;")
    if semicolon > start:
        return semicolon
    comma = max(sentence.rfind(mark, start, figure) for mark in "，,")
    return comma if comma > start and "、" in sentence[start:comma] else 0


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
    for reading in readings:
        claim = reading.claim
        if claim.kind != "count" or claim.unit not in COUNTED_UNITS or claim.approx or reading.role != "value":
            continue
        line = lines[claim.line - 1]
        end = SENTENCE_END_RE.search(line, claim.end)
        sentence = line[claim.end : end.start() if end else len(line)]
        introduced = COUNTED_AFTER_RE.match(sentence)
        later = next_figure(starts_by_line[claim.line], claim.end, claim.end + len(sentence))
        if introduced and later is not None:
            sentence = sentence[: list_end(sentence, introduced.end(), later - claim.end)]
        if introduced and introduced.end() < len(sentence):
            text = sentence[introduced.end() :]
            text = re.split(r"[，,]", ITEM_BRACKETS_RE.sub("", text), maxsplit=1)[0]  # "…马鞍村骨灰堂，均由…管护"
        elif "、" in claim.lead and claim.value < 100 and not claim.lead.endswith(("和", "及", "与", "、")) and starts_clause(claim):
            text = claim.lead.rsplit("的", 1)[-1]  # "…城关镇的东街、西街、南街3个": the items after the last 的
        elif claim.lead.strip(" ，,").startswith("共") and "、" in (previous := clause_before(claim)):
            text = re.sub(r"^(设有|设置|设立|下设|内设|设)", "", previous)  # "设办公室、信访股、热线股，共3个股室"
        else:
            continue
        if ET_CETERA_RE.search(text):
            continue
        items = split_items(text)
        if len(items) >= 2:
            found.append(CountedList(reading, items))
    return found
