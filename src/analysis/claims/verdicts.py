"""Verdicts: each relation (and each claim in none) as one row of findings."""

from __future__ import annotations

from dataclasses import dataclass

from analysis.claims.extract import Claim
from analysis.claims.labels import PUNCTUATION
from analysis.claims.relations import Relation, plain

VERDICTS = ("inconsistent", "warning", "consistent", "uncheckable")
VERDICT_LABELS = {"consistent": "一致", "inconsistent": "不一致", "warning": "提示", "uncheckable": "无法核对"}
KIND_LABELS = {
    "share": "占比",
    "pct_change": "增减幅度",
    "sum": "分项合计",
    "subset": "分项不超总数",
    "change_sum": "分项变动合计",
    "prior_change": "上年数与变动额",
    "rate": "比率",
    "pp": "百分点",
    "count": "列举个数",
    "same_value": "前后一致",
    "staffing": "编制",
    "ledger": "与台账",
    "none": "",
}
PHRASE_CHARS = 10


@dataclass(frozen=True)
class Finding:
    """One row of the check: a claim as written, where it is, what it states, what it should be, the verdict."""

    claim: str
    line: int
    column: int
    stated: str
    recomputed: str
    verdict: str  # consistent | inconsistent | warning | uncheckable
    note: str
    kind: str  # the relation checked (see KIND_LABELS); "none" for a claim in no relation


def phrase_of(claim: Claim) -> str:
    """The claim with the words right before it: "较上年减少6.42万元"."""
    lead = claim.lead.strip(PUNCTUATION)
    lead = lead if len(lead) <= PHRASE_CHARS else "…" + lead[-PHRASE_CHARS:]
    return lead + plain(claim)


def judge(relation: Relation) -> Finding:
    """The finding for one relation."""
    target = relation.target
    kind = KIND_LABELS[relation.kind]
    point = relation.point
    if point is None:  # not checkable
        return Finding(phrase_of(target), target.line, target.column, plain(target), "", "uncheckable", f"{kind}：{relation.working}", relation.kind)
    recomputed = target.display(point)
    if point * relation.stated < 0 and not target.signed:
        recomputed = "−" + recomputed if point < 0 else "+" + recomputed
    if relation.bounded:
        recomputed = "≤" + plain(relation.inputs[0])  # the limit as written
    if relation.holds:
        exact_match = relation.bounded or recomputed.lstrip("+−") == plain(target)
        note = f"{kind}：{relation.working}{'' if exact_match else '，在舍入误差内'}"
        return Finding(phrase_of(target), target.line, target.column, plain(target), recomputed, "consistent", note, relation.kind)
    gap = target.display(relation.stated - point)
    if target.kind == "percent":
        gap = gap.replace("%", "个百分点")
    if relation.bounded:
        note = f"{kind}：{relation.working}，超出{gap}"
    else:
        note = f"{kind}：应为{recomputed}（{relation.working}），相差{gap}"
    return Finding(phrase_of(target), target.line, target.column, plain(target), recomputed, relation.severity, note, relation.kind)


def judge_all(claims: list[Claim], relations: list[Relation]) -> list[Finding]:
    """Findings of every relation, plus one row for every claim that no relation uses, in reading order."""
    findings = [judge(relation) for relation in relations]
    used = {relation.target.index for relation in relations} | {c.index for relation in relations for c in relation.inputs}
    for claim in claims:
        if claim.index in used:
            continue
        why = "约数（余、多、约），不核对" if claim.approx else "未找到可核对的关系"
        findings.append(Finding(phrase_of(claim), claim.line, claim.column, plain(claim), "", "uncheckable", why, "none"))
    return sorted(findings, key=lambda f: (f.line, f.column, f.kind == "none"))
