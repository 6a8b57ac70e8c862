"""analysis.services: hotline, petition and volunteer counts, rates on the right denominator, checks."""

from __future__ import annotations

import math
from fractions import Fraction

import pandas as pd
import pytest

from analysis.services import (
    check_hotline,
    check_petitions,
    check_staffing,
    hotline_topics,
    monthly_hotline,
    monthly_petitions,
    monthly_volunteer,
    summarise_hotline,
    summarise_petitions,
    summarise_volunteer,
)


@pytest.fixture
def orders() -> pd.DataFrame:
    rows = [  # handling, closed, callback, satisfaction, received_at, topic
        ("self", True, True, "satisfied", "2024-01-10 09:00:00", "市容"),
        ("self", True, True, "unrated", "2024-01-20 09:00:00", "市容"),
        ("assigned", True, False, "unrated", "2024-02-05 09:00:00", "交通"),
        ("assigned", False, False, "unrated", "2024-02-06 09:00:00", ""),
        ("assigned", True, True, "dissatisfied", "2024-02-07 09:00:00", "交通"),
        ("self", True, True, "basically_satisfied", "2024-03-01 09:00:00", "市容"),
    ]
    frame = pd.DataFrame(rows, columns=["handling", "closed", "callback", "satisfaction", "received_at", "topic"])
    return frame.assign(received_at=pd.to_datetime(frame["received_at"]))


@pytest.fixture
def batches() -> pd.DataFrame:
    rows = [  # persons, leader, beijing, repeat, accepted, dept_accepted, replied, resolved, registered_at
        (2, True, False, False, True, None, True, None, "2024-01-02"),
        (1, False, True, True, False, None, True, True, "2024-01-15"),
        (5, True, True, False, True, None, None, False, "2024-03-01"),
    ]
    columns = [
        "persons",
        "leader_reception",
        "to_beijing",
        "repeat",
        "accepted_on_time",
        "dept_accepted_on_time",
        "replied_on_time",
        "resolved_first_time",
        "registered_at",
    ]
    frame = pd.DataFrame(rows, columns=columns).astype({f: object for f in columns[4:8]})
    return frame.assign(registered_at=pd.to_datetime(frame["registered_at"]))


def test_hotline_counts(orders, call_without_mutation):
    summary = call_without_mutation(summarise_hotline, orders)
    assert {k: summary[k] for k in ("orders", "self_handled", "self_closed", "assigned", "assigned_closed", "closed", "called_back", "rated", "satisfied")} == {
        "orders": 6,
        "self_handled": 3,
        "self_closed": 3,
        "assigned": 3,
        "assigned_closed": 2,
        "closed": 5,
        "called_back": 4,
        "rated": 3,
        "satisfied": 2,
    }


def test_hotline_rates_use_the_domain_denominators(orders):
    summary = summarise_hotline(orders)
    assert summary["closure_rate"] == Fraction(5, 6)  # closed ÷ orders
    assert summary["callback_rate"] == Fraction(4, 5)  # called back ÷ closed
    # (满意 + 基本满意) ÷ rated at call-back: 2 ÷ 3, not ÷ 6 orders nor ÷ 4 called back (未评价 excluded)
    assert summary["satisfaction_rate"] == Fraction(2, 3)


def test_hotline_rates_undefined_without_denominator(orders):
    summary = summarise_hotline(orders.iloc[[3]])  # one open order, no call-back
    assert summary["closure_rate"] == Fraction(0)
    assert summary["callback_rate"] is None
    assert summary["satisfaction_rate"] is None


def test_monthly_hotline(orders, call_without_mutation):
    table = call_without_mutation(monthly_hotline, orders)
    assert table["month"].tolist() == list(range(1, 13))
    assert table["self_handled"].tolist()[:4] == [2, 0, 1, 0]
    assert table["assigned"].tolist()[:4] == [0, 3, 0, 0]
    assert table["closure_rate"].tolist()[:3] == [1.0, pytest.approx(2 / 3), 1.0]
    assert table["satisfaction_rate"].tolist()[:3] == [1.0, 0.0, 1.0]
    assert math.isnan(table.at[3, "closure_rate"]) and math.isnan(table.at[3, "satisfaction_rate"])


def test_hotline_topics_most_frequent_first(orders, call_without_mutation):
    topics = call_without_mutation(hotline_topics, orders)
    assert topics["topic"].tolist() == ["市容", "交通", "未分类"]
    assert topics["orders"].tolist() == [3, 2, 1]


def test_petition_counts_and_rates(batches, call_without_mutation):
    summary = call_without_mutation(summarise_petitions, batches)
    assert {
        k: summary[k]
        for k in ("batches", "persons", "leader_reception_batches", "leader_reception_persons", "beijing_batches", "beijing_persons", "repeat_batches")
    } == {
        "batches": 3,
        "persons": 8,
        "leader_reception_batches": 2,
        "leader_reception_persons": 7,
        "beijing_batches": 2,
        "beijing_persons": 6,
        "repeat_batches": 1,
    }
    assert summary["timely_acceptance_rate"] == Fraction(2, 3)
    assert summary["on_time_reply_rate"] == Fraction(1)  # 2 是 ÷ 2 applicable; 不适用 excluded
    assert summary["first_time_resolution_rate"] == Fraction(1, 2)  # 1 ÷ 2, not 1 ÷ 3
    assert summary["dept_timely_acceptance_rate"] is None  # no applicable batch


def test_monthly_petitions(batches, call_without_mutation):
    table = call_without_mutation(monthly_petitions, batches)
    assert table["month"].tolist() == list(range(1, 13))
    assert table["batches"].tolist() == [2, 0, 1] + [0] * 9
    assert table["persons"].tolist() == [3, 0, 5] + [0] * 9


def test_volunteer_summary_and_months(call_without_mutation):
    events = pd.DataFrame({"date": pd.to_datetime(["2024-08-03", "2024-08-17", "2024-10-01"]), "name": ["a", "b", "c"], "volunteers": [12, 30, 7]})
    assert call_without_mutation(summarise_volunteer, events) == {"events": 3, "volunteers": 49}
    table = call_without_mutation(monthly_volunteer, events)
    assert table["events"].tolist() == [0] * 7 + [2, 0, 1, 0, 0]
    assert table["volunteers"].tolist() == [0] * 7 + [42, 0, 7, 0, 0]


def test_check_hotline_passes_for_consistent_orders(orders):
    checks = check_hotline(summarise_hotline(orders))
    assert [c.verdict for c in checks] == ["pass"] * 7


def test_check_hotline_flags_ratings_without_callback_and_callbacks_on_open_orders(orders):
    inconsistent = pd.concat(
        [
            orders,
            pd.DataFrame(
                {  # a rating nobody called back for; a call-back on an open order
                    "handling": ["self", "assigned"],
                    "closed": [True, False],
                    "callback": [False, True],
                    "satisfaction": ["satisfied", "unrated"],
                    "received_at": pd.to_datetime(["2024-04-01", "2024-04-02"]),
                    "topic": ["", ""],
                }
            ),
        ],
        ignore_index=True,
    )
    summary = summarise_hotline(inconsistent)
    assert (summary["rated_without_callback"], summary["callback_while_open"]) == (1, 1)
    checks = {c.id: c.verdict for c in check_hotline(summary)}
    assert checks["hotline_rating_needs_callback"] == checks["hotline_callback_after_closing"] == "fail"


def test_check_hotline_fails_when_split_does_not_add_up():
    summary = {
        "orders": 10,
        "self_handled": 6,
        "assigned": 3,
        "closed": 11,
        "self_closed": 6,
        "assigned_closed": 3,
        "rated": 2,
        "called_back": 2,
        "rated_without_callback": 0,
        "callback_while_open": 0,
    }
    checks = {c.id: c for c in check_hotline(summary)}
    assert (checks["hotline_split"].verdict, checks["hotline_split"].difference) == ("fail", "-1")
    assert (checks["hotline_closed"].verdict, checks["hotline_closed"].difference) == ("fail", "1")
    assert checks["hotline_rated"].verdict == "pass"


def test_check_petitions(batches):
    assert [c.verdict for c in check_petitions(summarise_petitions(batches))] == ["pass"] * 4
    summary = {"batches": 3, "persons": 8, "leader_reception_batches": 4, "leader_reception_persons": 7, "beijing_batches": 2, "beijing_persons": 9}
    assert [c.verdict for c in check_petitions(summary)] == ["fail", "pass", "pass", "fail"]


def test_staffing_above_establishment_is_a_warning():
    staffing = {"authorised_admin": 4, "authorised_institution": 15, "actual_admin": 5, "actual_institution": 10}
    admin, institution = check_staffing(staffing)
    assert (admin.verdict, admin.actual, admin.difference, admin.note) == ("warning", "5", "1", "实有人数超出核定编制1人")
    assert (institution.verdict, institution.difference, institution.note) == ("pass", "0", "")
    assert check_staffing(None) == []
