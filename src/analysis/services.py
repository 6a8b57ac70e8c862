"""Service delivery: 12345 hotline orders, petitions and volunteer events.

Counts are integers; rates are exact Fractions over the denominator the
domain defines (closure ÷ orders, call-back ÷ closed, satisfaction ÷ rated,
petition rates ÷ the batches the measure applies to).
"""

from __future__ import annotations

from fractions import Fraction

import pandas as pd

from analysis.checks import Check, check_at_most, check_equal
from analysis.reconcile import share

SATISFIED = ("satisfied", "basically_satisfied")


def count(mask: pd.Series) -> int:
    """Number of True values as a Python int."""
    return int(mask.sum())


# Each hotline rate and its (numerator, denominator) counts; the service history recomputes them from the same table.
HOTLINE_RATES = {"closure_rate": ("closed", "orders"), "callback_rate": ("called_back", "closed"), "satisfaction_rate": ("satisfied", "rated")}


def summarise_hotline(orders: pd.DataFrame) -> dict[str, int | Fraction | None]:
    """Hotline counts and rates (HOTLINE_RATES): closure ÷ orders, call-back ÷ closed, satisfaction ÷ rated at call-back."""
    own = orders["handling"].eq("self")
    closed = orders["closed"]
    rated = orders["callback"] & orders["satisfaction"].ne("unrated")
    counts = {
        "orders": len(orders),
        "self_handled": count(own),
        "self_closed": count(own & closed),
        "assigned": count(~own),
        "assigned_closed": count(~own & closed),
        "closed": count(closed),
        "called_back": count(orders["callback"] & closed),
        "rated": count(rated),
        "satisfied": count(rated & orders["satisfaction"].isin(SATISFIED)),
        "rated_without_callback": count(~orders["callback"] & orders["satisfaction"].ne("unrated")),
        "callback_while_open": count(orders["callback"] & ~closed),
    }
    return counts | {rate: share(counts[part], counts[whole]) for rate, (part, whole) in HOTLINE_RATES.items()}


def rate_of(flags: pd.Series) -> Fraction | None:
    """是 ÷ (是 + 否), ignoring batches where the measure does not apply (None)."""
    applicable = flags.dropna()
    return share(count(applicable.astype(bool)), len(applicable))


def summarise_petitions(batches: pd.DataFrame) -> dict[str, int | Fraction | None]:
    """Petition batches, persons, leader receptions, Beijing visits and the four on-time rates."""
    leader = batches["leader_reception"].astype(bool)
    beijing = batches["to_beijing"].astype(bool)
    return {
        "batches": len(batches),
        "persons": int(batches["persons"].sum()),
        "leader_reception_batches": count(leader),
        "leader_reception_persons": int(batches.loc[leader, "persons"].sum()),
        "beijing_batches": count(beijing),
        "beijing_persons": int(batches.loc[beijing, "persons"].sum()),
        "repeat_batches": count(batches["repeat"].astype(bool)),
        "timely_acceptance_rate": rate_of(batches["accepted_on_time"]),
        "dept_timely_acceptance_rate": rate_of(batches["dept_accepted_on_time"]),
        "on_time_reply_rate": rate_of(batches["replied_on_time"]),
        "first_time_resolution_rate": rate_of(batches["resolved_first_time"]),
    }


def summarise_volunteer(events: pd.DataFrame) -> dict[str, int]:
    """Number of volunteer events and total attendances (人次)."""
    return {"events": len(events), "volunteers": int(events["volunteers"].sum())}


def monthly_hotline(orders: pd.DataFrame) -> pd.DataFrame:
    """Per month of receipt: self_handled, assigned, closure_rate, satisfaction_rate (NaN when undefined)."""
    months = orders["received_at"].dt.month
    rows = []
    for month in range(1, 13):
        summary = summarise_hotline(orders[months.eq(month)])
        rows.append(
            {
                "month": month,
                "self_handled": summary["self_handled"],
                "assigned": summary["assigned"],
                "closure_rate": float("nan") if summary["closure_rate"] is None else float(summary["closure_rate"]),
                "satisfaction_rate": float("nan") if summary["satisfaction_rate"] is None else float(summary["satisfaction_rate"]),
            }
        )
    return pd.DataFrame(rows)


def hotline_topics(orders: pd.DataFrame) -> pd.DataFrame:
    """Orders per topic, most frequent first: topic, orders."""
    topics = orders["topic"].replace("", "未分类").value_counts(sort=True)
    return pd.DataFrame({"topic": topics.index.astype(str), "orders": topics.to_numpy().astype("int64")})


def monthly_petitions(batches: pd.DataFrame) -> pd.DataFrame:
    """Per month of registration: batches and persons."""
    grouped = batches.groupby(batches["registered_at"].dt.month)["persons"].agg(["size", "sum"]).reindex(range(1, 13), fill_value=0)
    return pd.DataFrame({"month": range(1, 13), "batches": grouped["size"].to_numpy(), "persons": grouped["sum"].to_numpy()})


def monthly_volunteer(events: pd.DataFrame) -> pd.DataFrame:
    """Per month: events and volunteers (人次)."""
    grouped = events.groupby(events["date"].dt.month)["volunteers"].agg(["size", "sum"]).reindex(range(1, 13), fill_value=0)
    return pd.DataFrame({"month": range(1, 13), "events": grouped["size"].to_numpy(), "volunteers": grouped["sum"].to_numpy()})


def check_hotline(summary: dict) -> list[Check]:
    """自办 + 交办 = 工单总量; closed counts never exceed what they are part of."""
    return [
        check_equal("hotline_split", "12345热线", "自办 + 交办 = 受理工单总量", summary["orders"], summary["self_handled"] + summary["assigned"], "件"),
        check_at_most("hotline_closed", "12345热线", "办结工单 ≤ 受理工单", summary["closed"], summary["orders"], "件"),
        check_at_most("hotline_self_closed", "12345热线", "自办办结 ≤ 自办", summary["self_closed"], summary["self_handled"], "件"),
        check_at_most("hotline_assigned_closed", "12345热线", "交办办结 ≤ 交办", summary["assigned_closed"], summary["assigned"], "件"),
        check_at_most("hotline_rated", "12345热线", "参评工单 ≤ 回访工单", summary["rated"], summary["called_back"], "件"),
        check_equal("hotline_rating_needs_callback", "12345热线", "未回访的工单没有满意度评价", 0, summary["rated_without_callback"], "件"),
        check_equal("hotline_callback_after_closing", "12345热线", "回访只针对已办结工单", 0, summary["callback_while_open"], "件"),
    ]


def check_petitions(summary: dict) -> list[Check]:
    """Leader receptions and Beijing visits are subsets of all batches and persons."""
    return [
        check_at_most("petition_leader_batches", "信访", "领导接访批次 ≤ 信访总批次", summary["leader_reception_batches"], summary["batches"], "批次"),
        check_at_most("petition_leader_persons", "信访", "领导接访人次 ≤ 信访总人次", summary["leader_reception_persons"], summary["persons"], "人次"),
        check_at_most("petition_beijing_batches", "信访", "进京访批次 ≤ 信访总批次", summary["beijing_batches"], summary["batches"], "批次"),
        check_at_most("petition_beijing_persons", "信访", "进京访人次 ≤ 信访总人次", summary["beijing_persons"], summary["persons"], "人次"),
    ]


def check_staffing(staffing: dict | None) -> list[Check]:
    """在职人员控制率: actual staff should not exceed authorised posts, per kind of post."""
    if not staffing:
        return []
    checks = []
    for kind, label in (("admin", "行政编制"), ("institution", "事业编制")):
        actual, authorised = staffing[f"actual_{kind}"], staffing[f"authorised_{kind}"]
        over = actual > authorised
        checks.append(
            Check(
                f"staffing_{kind}",
                "人员",
                f"{label}实有人数 ≤ 核定编制数",
                f"≤ {authorised}",
                str(actual),
                str(max(actual - authorised, 0)),
                "0",
                "人",
                "warning" if over else "pass",
                f"实有人数超出核定编制{actual - authorised}人" if over else "",
            )
        )
    return checks
