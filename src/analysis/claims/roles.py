"""What each claim says, from the words before it: a value, a change, a share, a rate, a prior-year figure."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from analysis.claims.extract import Claim
from analysis.claims.labels import PUNCTUATION, clean_label, normalise_label, qualifier_of, sign_of
from analysis.claims.prefix import PRIOR_COMPARE_RE, occurrences

COMPARE_RE = re.compile(r"(较|比|与)(上年|去年|上一?年度|上年同期|同期|20\d\d年)(同期)?(相比)?|同比|环比")
# A change written with the verb right before it: "减少6.42万元", "人员经费减少9.53万元".
CHANGE_RE = re.compile(r"^(?P<label>[^，。；]*?)(增加|增长|上升|提高|减少|下降|降低|回落|多|少)了?$")
PCT_CHANGE_RE = re.compile(r"(增加|增长|上升|提高|减少|下降|降低|回落|增幅|降幅|增长率|下降率)(了|为|达)?$")
PRIOR_RE = re.compile(r"^(上年同期|上一年度|上年度|上年|去年)(?!结转|结余)")
SHARE_RE = re.compile(r"占(?P<whole>[^，。；]*?)(的)?(比重|比例)?(为|达|是)?$")
RATE_RE = re.compile(r"(?P<name>(?![年度])[\u4e00-\u9fff]*率)(为|是|达到|达)?$")  # "2024年办结率" is 办结率
YEAR_RE = re.compile(r"(?<![较比与由])(20\d\d)年")  # the year a figure is of; "较2023年" is what it is compared with
# A title: TITLE_RE, "(20\d\d)\s*年度?.*(报告|自评|评价)"; searched as written, its .* reads to the line's end
# from every year, so a long first line of many years took time quadratic in its length (see title_of).
TITLE_YEAR_RE = re.compile(r"(20\d\d)\s*年")
TITLE_WORDS = ("报告", "自评", "评价")
CLOSING_RE = re.compile(r"合计|共计|总计|累计|^\s*(总共|一共|共)")  # "…、…，共21次"; not "我部共有…"
WITHIN_RE = re.compile(r"^(?P<head>[^，。；]{2,12}?)中(?P<tail>[^，。；]{2,})$")
# Figures about the handling of something already counted (办结 of the 交办 orders): they feed
# rates and are never items of a list themselves.
ATTR_WORDS = frozenset({"办结", "已办结", "回访", "满意", "基本满意", "不满意", "参评", "评价", "答复", "化解", "完成", "按期办结"})


@dataclass(frozen=True)
class Reading:
    """A claim with what it says."""

    claim: Claim
    role: str  # value | change | pct_change | share | rate | prior | pp | attr | companion
    label: str  # normalised name of what is measured; "" when the words do not name it
    sign: int  # +1 rise, -1 fall, 0 unknown: for change, pct_change and pp
    year: int | None  # the year the figure belongs to, when the text says so
    whole: str  # shares: label of the whole; "" for 占比 without one
    closing: bool  # 合计/共计 before it: a total after its parts
    new: bool  # 新增: an item with no prior year
    within: str = ""  # "基本支出中人员经费…": the label of the total this figure is a part of
    qualifier: str = ""  # "budget" or "period" when the sentence makes it one (see labels.qualifier_of)
    subject: int | None = None  # "分别占…的A%和B%": the claim index of the part this share is of


class Role(NamedTuple):
    """What the words before one claim make it."""

    role: str
    label: str = ""
    sign: int = 0
    year: int | None = None
    whole: str = ""


def title_year(lines: list[str]) -> int | None:
    """The year in the report's title ("XX局2024年度部门整体支出绩效评价报告"), among its first lines."""
    for line in [line for line in lines if line.strip()][:5]:
        if (year := title_of(line)) is not None:
            return year
    return None


def title_of(line: str) -> int | None:
    """The first year of a line that a 报告, 自评 or 评价 follows before the next line break (what a search for
    TITLE_RE finds): the words and breaks are found once, and each year looks up the next of them."""
    words = sorted(at for word in TITLE_WORDS for at in occurrences(line, word))
    breaks = occurrences(line, "\n")  # TITLE_RE's . is any character but a line break
    for match in TITLE_YEAR_RE.finditer(line):  # no two years overlap, so each is found
        word, after = bisect_left(words, match.end()), bisect_left(breaks, match.end())
        if word < len(words) and (after == len(breaks) or breaks[after] > words[word]):
            return int(match[1])
    return None


def find_report_year(claims: list[Claim]) -> int | None:
    """The year most often named right before a figure (the later on a tie), leaving out plans for later years."""
    years = Counter(int(match) for claim in claims if not claim.prefix.planned for match in YEAR_RE.findall(claim.lead))
    return max(years, key=lambda year: (years[year], year)) if years else None


def read_claim(claim: Claim, report_year: int | None) -> Role:
    """Role, label, sign, year and whole of one claim, from its lead alone."""
    lead = claim.lead.strip(PUNCTUATION)
    if not lead and claim.prefix.labelled_year:  # "（2023年：13.29亿元）"
        lead = claim.prefix.labelled_year
    if not lead and claim.prefix.compared:  # "较上年（398.00万元）增长57.7%"
        return Role("prior", year=(report_year - 1) if report_year is not None else None)
    years = [int(y) for y in YEAR_RE.findall(lead)]
    year = years[-1] if years else None
    last_year = (report_year - 1) if report_year is not None else None
    if claim.kind == "pp" and re.search(r"高于|低于|平均|目标|超过|超出", lead):
        return Role("value", year=year)  # "高于全市平均水平1.2个百分点": not a change over last year
    if claim.kind == "pp":  # "结案率较去年提高1.11个百分点": the rate it is about, when named
        rate = re.search(r"(?P<name>(?![年度])[\u4e00-\u9fff]{1,8}率)", lead)
        return Role("pp", normalise_label(rate["name"]) if rate else "", sign_of(lead), year)
    if PRIOR_COMPARE_RE.search(lead):
        return Role("prior", year=last_year)
    compare = COMPARE_RE.search(lead)
    if compare and claim.kind != "percent":
        return Role("change", normalise_label(lead[: compare.start()]), sign_of(lead[compare.end() :]), year)
    if claim.kind != "percent" and (change := CHANGE_RE.match(lead)):
        return Role("change", normalise_label(change["label"]), sign_of(lead), year)
    if claim.kind == "percent":
        if re.search(r"占比(为|达|是)?$", lead):  # a share of the total the list belongs to
            return Role("share", year=year)
        if share := SHARE_RE.search(lead):
            return Role("share", year=year, whole=normalise_label(share["whole"]))
        if compare or PCT_CHANGE_RE.search(lead):
            return Role("pct_change", sign=sign_of(lead), year=year)
    earlier_year = year is not None and report_year is not None and year < report_year
    label = normalise_label(lead)
    if lead.endswith("的") and re.match(r"[\u4e00-\u9fff]", claim.tail):  # "受理的462件环境信访投诉中": named after
        label = normalise_label(lead[:-1] + re.sub(r"中$", "", claim.tail))
    if (PRIOR_RE.match(lead) or earlier_year) and not label:  # "（上年为…）", "（2023年为…）"
        return Role("prior", year=last_year)
    if PRIOR_RE.match(lead):
        year = last_year
    if claim.kind == "percent":
        rate = RATE_RE.search(lead)
        return Role("rate", normalise_label(rate["name"]), year=year) if rate else Role("value", label, year=year)
    return Role("attr" if label in ATTR_WORDS else "value", label, year=year)


def is_companion(claim: Claim, previous: Claim | None) -> bool:
    """A second figure of the same item written right after the first: 211批次510人次."""
    return (
        previous is not None
        and previous.line == claim.line
        and claim.lead.strip(" 、") == ""
        and previous.end >= claim.start - 2
        and previous.family != claim.family
    )  # 3,216笔、14.83亿元


def respective_labels(lead: str) -> list[str]:
    """Names listed before 分别为 (人员经费和公用经费分别为…), in order; [] when there is no 分别为."""
    head, found, _ = lead.partition("分别为") if "分别为" in lead else lead.partition("分别是")
    if not found:
        return []
    return [normalise_label(name) for name in re.split(r"[、和及与]", head) if normalise_label(name)]


def read_claims(claims: list[Claim], report_year: int | None = None) -> list[Reading]:
    """What every claim says, in order; see ``read_in_context`` for what the claims around one add."""
    report_year = find_report_year(claims) if report_year is None else report_year
    readings: list[Reading] = []
    context = Context()
    for claim in claims:
        readings.append(read_in_context(claim, read_claim(claim, report_year), readings, context, report_year))
    return readings


@dataclass
class Context:
    """What earlier claims leave for later ones while reading a report in order."""

    sentence_year: dict[int, int] = field(default_factory=dict)
    segment_year: dict[int, int] = field(default_factory=dict)  # "上年立案16,930件，结案率95.08%": all of last year
    names: list[str] = field(default_factory=list)  # names from a 分别为 still waiting for their figures
    parts: list[int] = field(default_factory=list)  # claim indexes of the figures those names went to
    shares_of: list[int] = field(default_factory=list)  # parts still waiting for their shares once 分别占 has begun
    value_labels: set[str] = field(default_factory=set)  # names of the figures read as values so far, for X中 totals


def read_in_context(claim: Claim, role: Role, readings: list[Reading], context: Context, report_year: int | None) -> Reading:
    """A claim's reading with what its neighbours add: its sentence's year, 分别为 names and shares, X中 totals."""
    kind, label, sign, year, whole = role
    written = YEAR_RE.findall(claim.lead)
    if written:  # a year written before a figure holds for the rest of its sentence
        context.sentence_year.setdefault(claim.sentence, int(written[-1]))
    if PRIOR_RE.match(claim.lead.strip(PUNCTUATION)) and report_year is not None:
        context.segment_year.setdefault(claim.segment, report_year - 1)
    if year is None:
        year = context.segment_year.get(claim.segment) or context.sentence_year.get(claim.sentence, report_year)
    names = respective_labels(claim.lead)
    if names:
        context.names, context.parts = names, []
    subject = None
    if context.names and kind == "value" and (names or normalise_label(claim.lead) == ""):
        label = context.names.pop(0)
        context.parts.append(claim.index)
    elif kind == "share" and "分别" in claim.lead and context.parts:
        context.shares_of = list(context.parts)
    elif kind == "value" and claim.kind == "percent" and context.shares_of and normalise_label(claim.lead) == "":
        kind = "share"  # "分别占…的66.7%和33.3%": the second share, after 和
        whole = readings[-1].whole
    elif kind not in ("share", "change", "pct_change"):
        context.names, context.parts = [], []
    if kind == "share" and context.shares_of:
        subject = context.shares_of.pop(0)
    if is_companion(claim, readings[-1].claim if readings else None):
        kind, label = "companion", readings[-1].label
    within = ""
    inside = WITHIN_RE.match(clean_label(claim.lead))
    if kind == "value" and inside and normalise_label(inside["head"]) in context.value_labels:
        within, label = normalise_label(inside["head"]), normalise_label(inside["tail"])
    if kind == "value":
        context.value_labels.add(label)
    return Reading(
        claim,
        kind,
        label,
        sign,
        year,
        whole,
        bool(CLOSING_RE.search(claim.lead)),
        "新增" in claim.lead,
        within,
        qualifier_of(claim.prefix, claim.lead),
        subject,
    )
