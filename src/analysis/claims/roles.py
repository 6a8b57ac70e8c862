"""What each claim says, from the words before it: a value, a change, a share, a rate, a prior-year figure."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from analysis.claims.extract import Claim

# "比2023年的586.41万元增加…", "较上年的11900元减少…": the figure after 的 is last year's
PRIOR_COMPARE_RE = re.compile(r"(较|比|与)(上年|去年|上一?年度|上年同期|20\d\d年)(同期)?的$")
COMPARE_RE = re.compile(r"(较|比|与)(上年|去年|上一?年度|上年同期|同期|20\d\d年)(同期)?(相比)?|同比|环比")
UP_WORDS = ("增加", "增长", "上升", "提高", "增幅", "增")
DOWN_WORDS = ("减少", "下降", "降低", "回落", "降幅", "减", "降")
CHANGE_START_RE = re.compile(r"^(增加|增长|上升|提高|减少|下降|降低|回落)了?$")
PCT_CHANGE_RE = re.compile(r"(增加|增长|上升|提高|减少|下降|降低|回落|增幅|降幅|增长率|下降率)(了|为|达)?$")
PRIOR_RE = re.compile(r"^(上年同期|上一年度|上年度|上年|去年)(?!结转|结余)")
SHARE_RE = re.compile(r"占(?P<whole>[^，。；]*?)(的)?(比重|比例)?(为|达|是)?$")
RATE_RE = re.compile(r"(?P<name>[\u4e00-\u9fff]*率)(为|是|达到|达)?$")
YEAR_RE = re.compile(r"(?<![较比与])(20\d\d)年")  # the year a figure is of; "较2023年" is what it is compared with
CLOSING_RE = re.compile(r"合计|共计|总计|累计|^\s*(总共|一共|共)")  # "…、…，共21次"; not "我部共有…"
WITHIN_RE = re.compile(r"^(?P<head>[^，。；]{2,12}?)中(?P<tail>[^，。；]{2,})$")
ATTR_WORDS = frozenset({"办结", "已办结", "回访", "满意", "基本满意", "不满意", "参评", "评价", "答复", "化解", "完成", "按期办结"})

STRIP_RE = re.compile(
    r"[（(][^）)]*[）)]|其中|分别为|分别是|合计|共计|总计|累计|共有|全年|本年度|本年|今年以来|今年|"
    r"全区|全县|全市|全镇|我部|我单位|本单位|本部门|我局|本局|我中心|本中心|20\d\d年(度|末|底)?|上年同期|上一年度|上年度|上年|去年"
)
# Verbs that come before what a figure counts ("兑付耕地地力保护补贴…", "发放低保金…").
LEADING_VERB_RE = re.compile(r"^(统筹使用|统筹安排|兑付|发放|拨付|支付|下达|安排|使用|投入|完成|实现)")
PUNCTUATION = "，,。；;：:、 \t\u3000"
SPENDING_NAMES = ("部门整体支出", "基本支出", "项目支出", "人员经费", "日常公用经费")
EDGE_CHARS = "，,。；;：:、 \t\u3000的为是达有了约共总及和与"


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


def normalise_label(text: str) -> str:
    """The name a figure is given: without years, brackets, fillers and particles; spending by its common name."""
    label = clean_label(text)
    # "统筹使用项目支出", "一般公共预算基本支出": the common names of spending, whatever the words before them
    return next((name for name in SPENDING_NAMES if label.endswith(name)), label)


def clean_label(text: str) -> str:
    """The words before a figure without years, brackets, fillers and trailing particles."""
    label = STRIP_RE.sub("", text)
    label = label.strip(EDGE_CHARS)
    for suffix in ("总量", "总数", "总额", "数量"):
        if label.endswith(suffix) and len(label) > len(suffix):
            label = label[: -len(suffix)]
    label = label.strip(EDGE_CHARS)
    if label.endswith("经费支出"):
        label = label[: -len("支出")]
    label = LEADING_VERB_RE.sub("", label)
    if label.endswith("资金") and len(label) > 4:  # 耕地地力保护补贴资金 = 耕地地力保护补贴
        label = label[: -len("资金")]
    return label


def sign_of(text: str) -> int:
    """+1 for a word of rising in the text, -1 for falling, 0 for neither."""
    up = max((text.rfind(word) for word in UP_WORDS), default=-1)
    down = max((text.rfind(word) for word in DOWN_WORDS), default=-1)
    if up == down == -1:
        return 0
    return 1 if up > down else -1


def find_report_year(claims: list[Claim]) -> int | None:
    """The fiscal year the report is about: the year most often named right before a figure (the later on a tie)."""
    years = Counter(int(match) for claim in claims for match in YEAR_RE.findall(claim.lead))
    return max(years, key=lambda year: (years[year], year)) if years else None


def read_claim(claim: Claim, report_year: int | None) -> tuple[str, str, int, int | None, str]:
    """Role, label, sign, year and whole of one claim, from its lead alone."""
    lead = claim.lead.strip(PUNCTUATION)
    years = [int(y) for y in YEAR_RE.findall(lead)]
    year = years[-1] if years else None
    if claim.kind == "pp":
        return "pp", "", sign_of(lead), year, ""
    if PRIOR_COMPARE_RE.search(lead):
        return "prior", "", 0, (report_year - 1) if report_year else None, ""
    compare = COMPARE_RE.search(lead)
    if compare and claim.kind != "percent":
        return "change", normalise_label(lead[: compare.start()]), sign_of(lead[compare.end():]), year, ""
    if claim.kind != "percent" and CHANGE_START_RE.match(lead):
        return "change", "", sign_of(lead), year, ""
    if claim.kind == "percent":
        if re.search(r"占比(为|达|是)?$", lead):  # a share of the total the list belongs to
            return "share", "", 0, year, ""
        share = SHARE_RE.search(lead)
        if share:
            return "share", "", 0, year, normalise_label(share["whole"])
        if compare or PCT_CHANGE_RE.search(lead):
            return "pct_change", "", sign_of(lead), year, ""
    prior = PRIOR_RE.match(lead) or (year is not None and report_year is not None and year < report_year)
    label = normalise_label(lead)
    if prior and not label:
        return "prior", "", 0, (report_year - 1) if report_year else None, ""
    if prior:
        year = (report_year - 1) if report_year else None
    if claim.kind == "percent":
        rate = RATE_RE.search(lead)
        return ("rate" if rate else "value"), (rate["name"] if rate else label), 0, year, ""
    if label in ATTR_WORDS:
        return "attr", label, 0, year, ""
    return "value", label, 0, year, ""


def is_companion(claim: Claim, previous: Claim | None) -> bool:
    """A second figure of the same item written right after the first: 211批次510人次."""
    return previous is not None and previous.line == claim.line and claim.lead.strip() == "" and previous.end >= claim.start - 1


def respective_labels(lead: str) -> list[str]:
    """Names listed before 分别为 (人员经费和公用经费分别为…), in order; [] when there is no 分别为."""
    head, found, _ = lead.partition("分别为") if "分别为" in lead else lead.partition("分别是")
    if not found:
        return []
    return [normalise_label(name) for name in re.split(r"[、和及与]", head) if normalise_label(name)]


def read_claims(claims: list[Claim], report_year: int | None = None) -> list[Reading]:
    """What every claim says; a figure without a year of its own takes its sentence's year."""
    report_year = report_year or find_report_year(claims)
    readings: list[Reading] = []
    sentence_year: dict[int, int] = {}
    pending: list[str] = []  # names from a 分别为 still waiting for their figures
    previous: Claim | None = None
    for claim in claims:
        role, label, sign, year, whole = read_claim(claim, report_year)
        if year is None:
            year = sentence_year.get(claim.sentence, report_year)
        else:
            sentence_year.setdefault(claim.sentence, year)
        names = respective_labels(claim.lead)
        if names:
            pending = names
        if pending and role == "value" and (names or normalise_label(claim.lead) == ""):
            label = pending.pop(0)
        elif role != "value":
            pending = pending if role in ("share", "change", "pct_change") else []
        if is_companion(claim, previous):
            role, label = "companion", readings[-1].label
        within = ""
        inside = WITHIN_RE.match(clean_label(claim.lead))
        if role == "value" and inside and normalise_label(inside["head"]) in {r.label for r in readings if r.role == "value"}:
            within, label = normalise_label(inside["head"]), normalise_label(inside["tail"])
        closing = bool(CLOSING_RE.search(claim.lead))
        readings.append(Reading(claim, role, label, sign, year, whole, closing, "新增" in claim.lead, within))
        previous = claim
    return readings
