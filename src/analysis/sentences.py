"""Computed Chinese sentences: amounts, shares and changes as a report states them.

Amounts are shown in 万元 with two decimals, shares and percentage changes
with one decimal, service rates with two; each figure is rounded once, here,
from the unrounded value.
"""

from __future__ import annotations

import pandas as pd

from analysis.money import format_percent, format_wan
from analysis.reconcile import Change, share

PENDING_REASON = "原因待补充"


def wan(fen: int) -> str:
    """``199.54万元``."""
    return f"{format_wan(fen)}万元"


def describe_change(change: Change) -> str:
    """``较上年减少1.23万元，下降4.5%`` (or 新增 / 本年无支出 / 持平 / 上年无数据)."""
    if change.prior is None:
        return "无上年数据"
    if change.is_new:
        return "为本年新增"
    if change.current == 0:
        return f"本年无支出（上年{wan(change.prior)}）"
    delta, pct = change.change, change.pct
    assert delta is not None  # set whenever the prior is (compare_item)
    if delta == 0:
        return "与上年持平"
    if format_wan(abs(delta)) == "0.00":
        return "与上年基本持平"
    assert pct is not None  # None only after a 0 prior: new (current > 0) or returned above (current 0)
    direction, trend = ("增加", "增长") if delta > 0 else ("减少", "下降")
    return f"较上年{direction}{wan(abs(delta))}，{trend}{format_percent(abs(pct), 1)}"


def describe_reason(change: Change, reasons: dict[str, str]) -> str:
    """``，主要原因是…`` when a reason is given; 原因待补充 when one is needed but missing."""
    reason = reasons.get(change.label)
    if reason:
        return f"，主要原因是{reason}"
    return f"，主要原因：{PENDING_REASON}" if change.needs_reason else ""


def describe_line(change: Change, reasons: dict[str, str], whole: int | None = None, whole_label: str = "", with_change: bool = True) -> str:
    """One line item: amount, share of a whole, change and reason; no change clause in a first year."""
    if change.current == 0 and change.prior and with_change:
        return f"{change.label}{describe_change(change)}{describe_reason(change, reasons)}"
    clauses = [f"{change.label}{wan(change.current)}"]
    if whole:
        clauses.append(f"占{whole_label}的{format_percent(share(change.current, whole), 1)}")
    if change.prior is not None and with_change:
        clauses.append(describe_change(change) + describe_reason(change, reasons))
    return "，".join(clauses)


def describe_hotline(summary: dict) -> str:
    """Hotline paragraph: orders, 自办/交办 with their closures and the three rates."""
    return (
        f"全年12345热线受理工单{summary['orders']}件，其中自办{summary['self_handled']}件、办结{summary['self_closed']}件，"
        f"交办{summary['assigned']}件、办结{summary['assigned_closed']}件；总办结率{format_percent(summary['closure_rate'], 2)}"
        f"（办结{summary['closed']}件 ÷ 受理{summary['orders']}件），回访率{format_percent(summary['callback_rate'], 2)}"
        f"（回访{summary['called_back']}件 ÷ 办结{summary['closed']}件），满意率{format_percent(summary['satisfaction_rate'], 2)}"
        f"（满意及基本满意{summary['satisfied']}件 ÷ 参评{summary['rated']}件）。"
    )


PETITION_RATES = (
    ("timely_acceptance_rate", "信访事项及时受理率"),
    ("dept_timely_acceptance_rate", "责任部门及时受理率"),
    ("on_time_reply_rate", "按期答复率"),
    ("first_time_resolution_rate", "一次性化解率"),
)


def describe_petitions(summary: dict) -> str:
    """Petition paragraph: batches, persons, leader receptions, Beijing visits, the rates that apply."""
    rates = "，".join(f"{label}{format_percent(summary[key], 2)}" for key, label in PETITION_RATES if summary[key] is not None)
    return (
        f"全年受理信访{summary['batches']}批{summary['persons']}人次，其中领导接访{summary['leader_reception_batches']}批"
        f"{summary['leader_reception_persons']}人次，进京访{summary['beijing_batches']}批{summary['beijing_persons']}人次" + (f"；{rates}。" if rates else "。")
    )


def describe_volunteer(summary: dict) -> str:
    """Volunteer paragraph: events and attendances."""
    return f"全年组织志愿服务活动{summary['events']}次，参与志愿者{summary['volunteers']}人次。"


def describe_staffing(year: int, staffing: dict, note: str = "") -> str:
    """Staffing paragraph from department.yaml, flagging staff above the establishment."""
    contract = f"编外聘用人员{staffing['contract']}人" + (f"（{note}）" if note else "")
    text = (
        f"{year}年末，核定行政编制{staffing['authorised_admin']}名、事业编制{staffing['authorised_institution']}名；"
        f"实有行政编制人员{staffing['actual_admin']}人、事业编制人员{staffing['actual_institution']}人；"
        f"{contract}；退休人员{staffing['retired']}人。"
    )
    for kind, label in (("admin", "行政编制"), ("institution", "事业编制")):
        over = staffing[f"actual_{kind}"] - staffing[f"authorised_{kind}"]
        if over > 0:
            text += f"{label}实有人数超出核定编制{over}人。"
    return text


def changes_frame(changes: list[Change]) -> pd.DataFrame:
    """Year-over-year table for reading in a notebook: amounts in 万元, changes as sentences."""
    return pd.DataFrame(
        {
            "项目": [c.label for c in changes],
            "本年": [wan(c.current) for c in changes],
            "上年": ["—" if c.prior is None else wan(c.prior) for c in changes],
            "变动": [describe_change(c) for c in changes],
            "须说明原因": ["是" if c.needs_reason else "" for c in changes],
        }
    )


def services_frame(hotline: dict | None, petitions: dict | None, volunteer: dict | None) -> pd.DataFrame:
    """Service indicators for reading in a notebook: 指标, 数值, 计算口径."""
    rows = []
    if hotline:
        rows += [
            ("12345工单总量", f"{hotline['orders']}件", ""),
            ("总办结率", format_percent(hotline["closure_rate"], 2), f"办结{hotline['closed']} ÷ 受理{hotline['orders']}"),
            ("回访率", format_percent(hotline["callback_rate"], 2), f"回访{hotline['called_back']} ÷ 办结{hotline['closed']}"),
            ("满意率", format_percent(hotline["satisfaction_rate"], 2), f"满意及基本满意{hotline['satisfied']} ÷ 参评{hotline['rated']}"),
        ]
    if petitions:
        rows += [
            ("信访批次", f"{petitions['batches']}批", ""),
            ("信访人次", f"{petitions['persons']}人次", ""),
            ("领导接访", f"{petitions['leader_reception_batches']}批{petitions['leader_reception_persons']}人次", ""),
            ("进京访", f"{petitions['beijing_batches']}批{petitions['beijing_persons']}人次", ""),
            ("及时受理率", format_percent(petitions["timely_acceptance_rate"], 2), "适用批次"),
            ("按期答复率", format_percent(petitions["on_time_reply_rate"], 2), "适用批次"),
            ("一次性化解率", format_percent(petitions["first_time_resolution_rate"], 2), "适用批次"),
        ]
    if volunteer:
        rows += [("志愿服务活动", f"{volunteer['events']}次", ""), ("志愿者", f"{volunteer['volunteers']}人次", "")]
    return pd.DataFrame(rows, columns=["指标", "数值", "计算口径"])
