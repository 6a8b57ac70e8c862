"""The names figures are given, and what the words around them qualify them as.

A label is the words before a figure without years, brackets, fillers and particles, so that the
same quantity written twice ("2024年基本支出", "全年基本支出") gets the same name.
"""

from __future__ import annotations

import re

from analysis.claims.prefix import Prefix

STRIP_RE = re.compile(
    r"[（(][^）)]*[）)]|其中|分别为|分别是|合计|共计|总计|累计|共有|全年|本年度|本年|今年以来|今年|"
    r"全区|全县|全市|全镇|我部|我单位|本单位|本部门|我局|本局|我中心|本中心|20\d\d年(度|末|底)?|上年同期|上一年度|上年度|上年|去年|同期"
)
PUNCTUATION = "，,。；;：:、 \t\u3000"
EDGE_CHARS = PUNCTUATION + "的为是达有了约共总及和与"
# Verbs before what a figure counts ("兑付耕地地力保护补贴…", "统筹使用项目支出…").
LEADING_VERB_RE = re.compile(r"^(统筹使用|统筹安排|兑付|发放|拨付|支付|下达|安排|使用|投入|完成|实现|增至|减至|降至|达到|达)")
# The common names of spending. "一般公共预算基本支出" is 基本支出, but "机关本级部门整体支出" is not the department's.
SPENDING_NAMES = ("部门整体支出", "基本支出", "项目支出", "人员经费", "日常公用经费")
DEPARTMENT_TOTALS = frozenset({"总支出", "支出总额", "整体支出", "部门支出", "部门总支出", "全部支出"})
SPENDING_PREFIX_RE = re.compile(r"^(一般公共预算|财政拨款|部门)?$")
UP_WORDS = ("增加", "增长", "上升", "提高", "增幅", "增", "多")
DOWN_WORDS = ("减少", "下降", "降低", "回落", "降幅", "减", "降", "少")
# A figure of part of the year (第四季度, 上半年, 1-6月) is not the year's figure of the same name.
PERIOD_RE = re.compile(r"季度|上半年|下半年|(\d{1,2}|[一二三四五六七八九十]{1,2})月(份|末|底)?(?!\d{0,2}日)")
ACTUAL_LEAD_RE = re.compile(r"全年支出|实际支出|决算|执行数|累计支出|支出合计")


def clean_label(text: str) -> str:
    """The words before a figure without years, brackets, fillers, particles and leading verbs."""
    text = re.split(r"分为|主要用于|主要包括|包括", text)[-1]  # "项目支出分为A…": A's name is what follows
    label = LEADING_VERB_RE.sub("", STRIP_RE.sub("", text).strip(PUNCTUATION)).strip(EDGE_CHARS)
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


def normalise_label(text: str) -> str:
    """The name a figure is given; spending by its common name when the words before it do not narrow it."""
    if STRIP_RE.sub("", text).strip(EDGE_CHARS.replace("总", "")) in DEPARTMENT_TOTALS:
        return "部门整体支出"
    label = clean_label(text)
    for name in SPENDING_NAMES:
        if label.endswith(name) and SPENDING_PREFIX_RE.match(label[: -len(name)]):
            return name
    return label


def sign_of(text: str) -> int:
    """+1 for a word of rising in the text, -1 for falling, 0 for neither (the last word wins)."""
    up = max((text.rfind(word) for word in UP_WORDS), default=-1)
    down = max((text.rfind(word) for word in DOWN_WORDS), default=-1)
    if up == down == -1:
        return 0
    return 1 if up > down else -1


def qualifier_of(prefix: Prefix, lead: str) -> str:
    """What the sentence makes a figure: "budget" (预算 nearer than 决算), "period" (a quarter or month), or "".
    The figure's own clause decides first: "年初预算521.80万元，…，全年支出合计560.17万元" is spent.
    Only the figure's ；-part of the sentence counts: "…较年初预算调减较多；2. …全年培训3,216人" is no budget."""
    if PERIOD_RE.search(lead) or prefix.period:
        return "period"
    if ACTUAL_LEAD_RE.search(lead):
        return ""
    return "budget" if prefix.budget else ""
