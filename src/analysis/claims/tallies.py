"""Relations across figures: parts and totals, their changes, rates from counts, counted lists, repeats, staffing."""

from __future__ import annotations

import re
from fractions import Fraction

from analysis.claims.changes import Quantity, is_new
from analysis.claims.extract import Claim
from analysis.claims.labels import SPENDING_NAMES
from analysis.claims.counted import CountedList
from analysis.claims.lists import PartList
from analysis.claims.relations import Relation, exact, not_above, percent_of, plain, relate, same_as, signed_text, sum_of, unrelated
from analysis.claims.roles import ATTR_WORDS, Reading

FORMULA_RE = re.compile(r"^[^÷/]*[÷/]")
PARTICLES = frozenset({"", "已", "已经", "共", "累计", "完成", "实际", "经检验", "督促", "及时"})
RATE_SYNONYMS = {"准确": ("正确",), "合格": ("达标",), "完成": ("完工", "办结")}
# Names too general to say two figures are the same quantity.
GENERIC_LABELS = frozenset({"支出", "经费", "资金", "合计", "人员", "工作", "项目", "预算", "决算", "年初预算", "调整预算",
                            "预算数", "决算数", "实际支出", "执行数"})
STAFF_KINDS = ("行政编制", "事业编制")


def sum_relations(lists: list[PartList], quantities: dict[int, Quantity], lines: list[str]) -> list[Relation]:
    """A complete list's parts against its total (and their changes against the total's change); subsets otherwise."""
    relations = []
    for part_list in lists:
        total = part_list.total.claim
        parts = [part.claim for part in part_list.parts]
        names = " + ".join(f"{part.label or ''}{plain(part.claim)}" for part in part_list.parts)
        if part_list.complete:
            relations.append(relate("sum", total, 1, [(part, 1) for part in parts], sum_of, names))
            relations.extend(change_sum(part_list, quantities, lines))
        else:
            for part in part_list.parts:
                relations.append(not_above("subset", part.claim, total, f"{plain(part.claim)}是总数{plain(total)}的一部分（列举未必完整，只核对不超过总数）"))
    return relations


def change_sum(part_list: PartList, quantities: dict[int, Quantity], lines: list[str]) -> list[Relation]:
    """The total's change against the sum of its parts' changes (a part new this year counts in full)."""
    total_change = change_of(part_list.total, quantities)
    if total_change is None:
        return []
    inputs: list[tuple[Claim, int]] = []
    for part in part_list.parts:
        change = change_of(part, quantities)
        if change is not None:
            inputs.append((change.claim, change.sign or 1))
        elif is_new(part, lines):
            inputs.append((part.claim, 1))
        else:
            return [unrelated("change_sum", total_change.claim, total_change.sign or 1, (), f"分项“{part.label}”未写变动额，无法核对变动合计")]
    inputs.extend((ended.claim, -1) for ended in part_list.ended)  # an item that ended fell by its whole prior amount
    working = " ".join(signed_text(claim, sign) for claim, sign in inputs).lstrip("+")
    return [relate("change_sum", total_change.claim, total_change.sign or 1, inputs, sum_of, f"各分项变动额合计 {working}")]


def change_list_relations(change_lists: list[tuple[Reading, tuple[Reading, ...]]]) -> list[Relation]:
    """A total's change against the named changes listed after its 其中."""
    relations = []
    for total, parts in change_lists:
        inputs = [(part.claim, part.sign or 1) for part in parts]
        working = " ".join(f"{part.label}{signed_text(part.claim, part.sign or 1)}" for part in parts)
        relations.append(relate("change_sum", total.claim, total.sign or 1, inputs, sum_of, f"各分项变动额合计 {working}"))
    return relations


def change_of(part: Reading, quantities: dict[int, Quantity]) -> Reading | None:
    """The change written about a figure, or about the same figure (name, year, value) written elsewhere."""
    own = quantities.get(part.claim.index)
    if own is not None and own.change is not None:
        return own.change
    for quantity in quantities.values():
        value = quantity.value
        if quantity.change is not None and value.label == part.label and value.year == part.year and value.claim.value == part.claim.value:
            return quantity.change
    return None


def rate_terms(rate: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Labels that count a rate's numerator and its denominator, by the rate's name."""
    if "满意" in rate:
        return ("满意", "满意及基本满意", "基本满意"), ("参评", "评价", "测评", "回访")
    if "回访" in rate:
        return ("回访",), ("办结",)
    if "办结" in rate:
        return ("办结", "已办结", "办结工单"), ("受理", "工单", "诉求")
    if "执行" in rate:
        return ("决算数", "决算", "执行数", "实际支出", "支出"), ("调整预算", "预算调整", "调整后预算", "调整数", "预算数", "预算")
    return (), ()


def explicit_formula(index: int, readings: list[Reading], lines: list[str]) -> tuple[Reading, Reading] | None:
    """"办结率99.22%（办结30470件 ÷ 受理30708件）": the two figures in the bracket right after a rate."""
    following = [r for r in readings[index + 1 : index + 3] if r.claim.line == readings[index].claim.line]
    if len(following) < 2 or not following[0].claim.bracket or following[0].claim.bracket != following[1].claim.bracket:
        return None
    line = lines[following[0].claim.line - 1]
    if not line[readings[index].claim.end : following[0].claim.start].lstrip().startswith(("(", "（")):
        return None
    between = line[following[0].claim.end : following[1].claim.start]
    return (following[0], following[1]) if FORMULA_RE.match(between) else None


def rate_inputs(index: int, readings: list[Reading], lists: list[PartList]) -> tuple[list[Claim], Claim | None]:
    """Numerator figures and denominator of a rate, from the figures before it in its paragraph."""
    rate = readings[index]
    numerator_labels, denominator_labels = rate_terms(rate.label)
    if not numerator_labels:
        return [], None
    before = [r for r in readings[:index] if r.claim.line == rate.claim.line and r.role in ("value", "attr") and not r.claim.approx]
    named = [r for r in before if r.label.endswith(numerator_labels) and not r.label.endswith("不满意")]
    if "执行" in rate.label:  # spending against budget: the total spending, not one of its parts
        parts = {p.claim.index for part_list in lists for p in part_list.parts}
        named = [r for r in named if r.claim.index not in parts][-1:]
    whole = [r for r in named if r.role == "value" and r.label in numerator_labels[:1] and not r.within]
    same_sentence = [r for r in named if r.claim.sentence == rate.claim.sentence]
    numerator = whole[-1:] or same_sentence or [r for r in named if r.role == "attr"] or named[-1:]
    if not numerator:
        return [], None
    for part_list in lists:  # 办结 figures written after 自办/交办 parts: the list's total is the denominator
        attrs = {a.claim.index for group in part_list.attrs for a in group}
        if all(r.claim.index in attrs for r in numerator):
            return [r.claim for r in numerator], part_list.total.claim
    # the denominator may be in an earlier paragraph (orders received, then orders closed); the nearest wins
    earlier = [r for r in readings[:index] if r.role in ("value", "attr") and not r.claim.approx and r not in named]
    for label in denominator_labels:
        found = [r for r in earlier if label in r.label and "年初" not in r.label and r.claim.family == numerator[0].claim.family]
        if found:
            return [r.claim for r in numerator], found[-1].claim
    return [r.claim for r in numerator], None


def named_rate_inputs(index: int, readings: list[Reading]) -> tuple[Claim | None, list[Claim]]:
    """Any other X率 in one sentence: "立案18,642件，结案18,305件，结案率98.19%". The numerator is the
    figure of the rate's year named X nearest before it; the denominators to try are the figures before
    that, in the same unit and not smaller, nearest first (送审 or 审定 for 审减率: the text decides)."""
    rate = readings[index]
    stem = rate.label.removesuffix("率")
    # "隐患整改率" counts what was 已整改, "预警信号准确率" what was 正确: the rate's name, or its last word
    # (or a word of the same meaning) after no more than a particle, so 乳腺癌筛查 does not count for 听力筛查率
    words = (stem[-2:], *RATE_SYNONYMS.get(stem[-2:], ())) if len(stem) >= 2 else ()
    sentence = [r for r in readings[:index] if r.claim.sentence == rate.claim.sentence and r.role in ("value", "attr") and not r.claim.approx]
    numerators = [r for r in sentence if r.year == rate.year and len(stem) >= 2 and (
        r.label.endswith(stem) or any(r.label.endswith(word) and r.label[: -len(word)] in PARTICLES for word in words))]
    if not numerators:
        return None, []
    numerator = numerators[-1]
    earlier = reversed(sentence[: sentence.index(numerator)])
    return numerator.claim, [r.claim for r in earlier if r.claim.family == numerator.claim.family and r.claim.value >= numerator.claim.value]


def rate_relations(readings: list[Reading], lists: list[PartList], lines: list[str]) -> list[Relation]:
    """Each rate against its counts: a formula written beside it, or counts named after the rate."""
    relations = []
    for index, reading in enumerate(readings):
        if reading.role != "rate":
            continue
        formula = explicit_formula(index, readings, lines)
        if formula is not None:
            numerator, denominators = [formula[0].claim], [formula[1].claim]
        elif rate_terms(reading.label)[0]:
            numerator, denominator = rate_inputs(index, readings, lists)
            denominators = [denominator] if denominator is not None else []
        else:
            top, denominators = named_rate_inputs(index, readings)
            numerator = [top] if top is not None else []
        if not numerator or not denominators:
            relations.append(unrelated("rate", reading.claim, 1, tuple(numerator), f"未找到{reading.label}的分子和分母，无法核对"))
            continue
        candidates = [rate_of(reading.claim, numerator, denominator) for denominator in denominators]
        relations.append(next((relation for relation in candidates if relation.holds), candidates[0]))
    return relations


def rate_of(rate: Claim, numerator: list[Claim], denominator: Claim) -> Relation:
    """A rate against the sum of its numerator figures over its denominator."""
    top = " + ".join(plain(claim) for claim in numerator)
    return relate(
        "rate", rate, 1, [*((c, 1) for c in numerator), (denominator, 1)],
        lambda *values: percent_of(sum(values[:-1], Fraction(0)), values[-1]),
        f"{f'（{top}）' if len(numerator) > 1 else top} ÷ {plain(denominator)}",
    )


def count_relations(counted: list[CountedList]) -> list[Relation]:
    """A count against the number of items listed with it."""
    relations = []
    for item_list in counted:
        claim, items = item_list.count.claim, item_list.items
        relations.append(exact("count", claim, Fraction(len(items)), (), f"列出{len(items)}项：{'、'.join(items)}"))
    return relations


def same_value_relations(readings: list[Reading], lists: list[PartList]) -> list[Relation]:
    """The same quantity (same name, year and unit) written again must have the same value. A part of a
    total that is not the department's ("机关本级支出200万元，其中基本支出150万元") is that total's part."""
    relations = []
    owner = {part.claim.index: part_list.total.label for part_list in lists for part in part_list.parts
             if part_list.total.label not in SPENDING_NAMES}
    first: dict[tuple[str, int | None, str, str, str], Reading] = {}
    for reading in readings:
        claim = reading.claim
        if reading.role not in ("value", "companion") or claim.approx or claim.kind == "percent" or reading.within or claim.bracket:
            continue  # a figure in brackets is an aside about something else (a unit's posts, a sub-item)
        if len(reading.label) < 2 or reading.label in GENERIC_LABELS or reading.label in ATTR_WORDS or reading.qualifier == "period":
            continue
        key = (reading.label, reading.year, claim.family, reading.qualifier, owner.get(claim.index, ""))  # a budget is not the spending
        earlier = first.setdefault(key, reading)
        if earlier is reading or earlier.claim.sentence == claim.sentence:
            continue  # "①…成交金额12.85亿元；②…成交金额11.04亿元": one sentence names each item's figure
        relations.append(same_as("same_value", claim, earlier.claim, f"前文（第{earlier.claim.line}行）写作{plain(earlier.claim)}"))
    return relations


def staffing_roles(readings: list[Reading]) -> dict[int, tuple[str, str]]:
    """Staff figures by claim index: ("authorised" or "actual", 行政编制 or 事业编制); 核定 and 实有 carry on
    along a paragraph (posts in one sentence, staff in the next)."""
    roles: dict[int, tuple[str, str]] = {}
    mode: dict[int, str] = {}  # by line: a paragraph may give the posts in one sentence and the staff in the next
    kinds: dict[int, set[str]] = {}
    for reading in readings:
        claim = reading.claim
        if claim.kind != "count" or claim.family != "人":
            continue
        if re.search(r"超出|超过|超编|缺编|空编|差额", claim.lead):  # a difference of posts, not a count of them
            continue
        if re.search(r"核定|批复|编制数", claim.lead):
            mode[claim.line] = "authorised"
        elif re.search(r"实有|在编|实际", claim.lead):
            mode[claim.line] = "actual"
        kind = next((k for k in STAFF_KINDS if k in reading.label or k[:2] + "人员" in reading.label), None)
        if kind is None and mode.get(claim.line) == "authorised" and reading.label.endswith("编制"):
            kind = "编制"  # "核定编制12名": posts of every kind together
        named = kinds.get(claim.line, set())
        if kind is None and mode.get(claim.line) == "actual" and re.search(r"在编|在职|实有", claim.lead) \
                and not re.search(r"编外|退休|聘用|临聘|派遣|公益性岗位", claim.lead):
            # "核定事业编制12名，实有在编人员13人": the one kind of post named, or all posts together
            kind = "编制" if "编制" in named else (next(iter(named)) if len(named) == 1 else None)
        if kind is not None and claim.line in mode:
            roles[claim.index] = (mode[claim.line], kind)
            kinds.setdefault(claim.line, set()).add(kind)
    return roles


def staffing_relations(readings: list[Reading]) -> list[Relation]:
    """Actual staff against authorised posts, per kind of post: more staff than posts is a warning."""
    relations = []
    roles = staffing_roles(readings)
    authorised: dict[tuple[int, str], Claim] = {}
    for reading in readings:
        claim = reading.claim
        if claim.index not in roles:
            continue
        mode, kind = roles[claim.index]
        if mode == "authorised":
            authorised[(claim.line, kind)] = claim
        elif (posts := authorised.get((claim.line, kind))) is not None:
            working = f"实有{kind}人员{plain(claim)}，核定{kind}{plain(posts)}"
            relations.append(not_above("staffing", claim, posts, working, severity="warning"))
    return relations
