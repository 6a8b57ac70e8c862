"""What the words from the start of a figure's sentence up to the figure say about it, found once per line.

A figure's sentence prefix tells whether it is a plan (计划, 目标…), a quarter's figure (季度, 上半年…), a
budget (预算 after the last 决算 of its ；-part), or last year's ("较上年（398.00万元）"), and which year a
label names ("（2023年：13.29亿元）"). Asked of a copy of the prefix, every figure of a sentence rescans the
sentence's start: a sentence of n characters and n/10 figures took time and memory quadratic in n. Here
each line is searched once for the marker words, and each figure asks by bisecting their positions; the
two tests anchored at the figure read only the few characters they can match.

``prefix_of`` answers the same questions of a prefix given as text, as the questions were first written:
it reads table cells (whose prefix is their row and column) and is what the line's answers must equal.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import accumulate

PLAN_WORDS = ("计划", "预计", "力争", "目标", "拟", "下一步", "明年", "下一年")
PLAN_RE = re.compile("|".join(PLAN_WORDS))
PERIOD_WORDS = ("季度", "上半年", "下半年")  # PERIOD_RE (labels.py) also reads months, but only in a figure's own clause
PERIOD_WORDS_RE = re.compile("|".join(PERIOD_WORDS))
BUDGET_RE = re.compile(r"(?<!一般公共)预算(?!执行)")  # not 一般公共预算支出 (a fund), not 预算执行率
ACTUAL_RE = re.compile(r"决算|执行数|实际支出")
PART_END_RE = re.compile(r"[；;]")  # what ends a ；-part of a sentence
# "比2023年的586.41万元增加…", "较上年的11900元减少…", "由上年的…增至…": the figure after 的 is last year's
PRIOR_COMPARE_RE = re.compile(r"(较|比|与|由)(上年|去年|上一?年度|上年同期|20\d\d年度?)(同期)?的?[（(]?$")
# The longest text PRIOR_COMPARE_RE matches ("较2023年度同期的（"), and the line break its $ may stand before.
PRIOR_COMPARE_CHARS = 1 + 6 + 2 + 1 + 1 + 1
LABEL_YEAR_RE = re.compile(r"(20\d\d年度?)\s*[：:]\s*$")
LABEL_YEAR_REVERSED_RE = re.compile(r"\s*[：:]\s*(度?年\d\d02)")  # LABEL_YEAR_RE read backwards from the figure


@dataclass(frozen=True)
class Prefix:
    """What the words before a figure, back to the start of its sentence, say about it."""

    start: int  # offset in the line where the sentence starts (0 for a table cell, whose prefix is not in its line)
    head: int  # characters of the sentence before the figure's lead (see Claim.lead): 0 when the lead starts it
    planned: bool  # PLAN_RE: 计划, 预计, 目标…, a figure of a plan for later
    period: bool  # 季度, 上半年 or 下半年: a figure of part of the year
    budget: bool  # in the figure's ；-part, 预算 written after the last 决算, 执行数 or 实际支出
    compared: bool  # PRIOR_COMPARE_RE: it ends in "较上年（": the figure is what this year is compared with
    labelled_year: str  # LABEL_YEAR_RE: "2023年" when it ends in "2023年："; "" otherwise


def prefix_of(text: str, lead: str, start: int = 0) -> Prefix:
    """The answers for a prefix given as text, ``lead`` being the figure's lead (``start``: where ``text`` starts)."""
    head = text[: len(text) - len(lead)]
    part = PART_END_RE.split(text)[-1]
    budget = max((m.start() for m in BUDGET_RE.finditer(part)), default=-1)
    actual = max((m.start() for m in ACTUAL_RE.finditer(part)), default=-1)
    labelled = LABEL_YEAR_RE.search(text)
    return Prefix(
        start,
        len(head),
        bool(PLAN_RE.search(text)),
        bool(PERIOD_WORDS_RE.search(text)),
        budget > actual,
        bool(PRIOR_COMPARE_RE.search(text)),
        labelled[1] if labelled else "",
    )


class Words:
    """Where any of some words occurs in a line (overlapping occurrences too), to ask if one lies within a stretch."""

    def __init__(self, line: str, words: tuple[str, ...]) -> None:
        found = sorted((at, at + len(word)) for word in words for at in occurrences(line, word))
        self.starts = [at for at, _ in found]
        # the earliest end of the occurrences from each one on: the first to end is the one to ask about
        self.first_end = list(accumulate(reversed([end for _, end in found]), min))[::-1]

    def within(self, start: int, end: int) -> bool:
        """Does one of the words lie wholly within line[start:end]?"""
        at = bisect_left(self.starts, start)
        return at < len(self.starts) and self.first_end[at] <= end


def occurrences(line: str, word: str) -> list[int]:
    """Every offset where ``word`` occurs in ``line``, overlapping ones too."""
    found = []
    at = line.find(word)
    while at >= 0:
        found.append(at)
        at = line.find(word, at + 1)
    return found


def last_below(positions: list[int], end: int, start: int) -> int:
    """The largest of sorted ``positions`` in [start, end); -1 when there is none."""
    at = bisect_left(positions, end)
    return positions[at - 1] if at and positions[at - 1] >= start else -1


class LinePrefixes:
    """One line's marker words, found once; ``of`` answers for the figure at an offset as ``prefix_of`` would
    for the copy line[sentence_start:offset], in time independent of the sentence's length."""

    def __init__(self, line: str) -> None:
        self.line = line
        self.reversed = line[::-1]
        self.plans = Words(line, PLAN_WORDS)
        self.periods = Words(line, PERIOD_WORDS)
        self.part_ends = [m.start() for m in PART_END_RE.finditer(line)]
        # 预算 and the words of 决算 cannot overlap one another, and a figure starts with a digit: so these are
        # the matches a search of any stretch that ends at a figure finds, and where they start (see prefix_of)
        self.budgets = [m.start() for m in BUDGET_RE.finditer(line)]
        self.actuals = [m.start() for m in ACTUAL_RE.finditer(line)]

    def of(self, sentence_start: int, offset: int, lead: int) -> Prefix:
        """The answers for the figure at ``offset`` (a digit) of the sentence starting at ``sentence_start``,
        whose lead is ``lead`` characters long."""
        line, size = self.line, offset - sentence_start
        # head: what prefix[: len(prefix) - len(lead)] leaves, a lead reaching back past the sentence start included
        head = size - lead if lead <= size else max(0, 2 * size - lead)
        part = max(sentence_start, last_below(self.part_ends, offset, sentence_start) + 1)
        budget = last_below(self.budgets, offset, part) > last_below(self.actuals, offset, part)
        window = max(sentence_start, offset - PRIOR_COMPARE_CHARS)
        end = len(line)
        labelled = LABEL_YEAR_REVERSED_RE.match(self.reversed, end - offset, end - sentence_start)
        return Prefix(
            sentence_start,
            head,
            self.plans.within(sentence_start, offset),
            self.periods.within(sentence_start, offset),
            budget,
            bool(PRIOR_COMPARE_RE.search(line[window:offset])),
            labelled[1][::-1] if labelled else "",
        )
