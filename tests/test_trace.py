"""analysis.trace: the postings behind each amount of the spending tables, summing to it exactly."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import trace
from analysis.reconcile import compare_years, summarise_spending
from analysis.trace import select_vouchers, subtotal_by_kuan, trace_changes, trace_item

COLUMNS = ["voucher_id", "date", "spending_type", "econ_code", "econ_name", "category", "project", "amount_fen", "summary"]


def postings(rows: list[tuple]) -> pd.DataFrame:
    """Processed-ledger shape (general budget only) from rows of COLUMNS."""
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return frame.assign(date=pd.to_datetime(frame["date"]), amount_fen=frame["amount_fen"].astype("int64"), fund_source="一般公共预算")


CURRENT = postings(
    [
        ("v3", "2024-02-01", "basic", "30101", "基本工资", "personnel", "", 120_000, "2月工资"),
        ("v1", "2024-01-15", "basic", "30101", "基本工资", "personnel", "", 100_050, "1月工资"),
        ("v2", "2024-01-15", "basic", "30102", "津贴补贴", "personnel", "", 30_000, "1月津贴"),
        ("v4", "2024-03-01", "basic", "30201", "办公费", "public", "", 4_500, "纸张"),
        ("v5", "2024-03-02", "project", "30201", "办公费", "", "热线经费", 60_000, "耗材"),
        ("v6", "2024-04-01", "project", "31002", "办公设备购置", "", "热线经费", 250_000, "座席电脑"),
    ]
)
PRIOR = postings(
    [
        ("p1", "2023-05-01", "basic", "30101", "基本工资", "personnel", "", 90_000, "工资"),
        ("p2", "2023-06-01", "project", "30201", "办公费", "", "大厅改造", 70_000, "改造"),
    ]
)


def test_vouchers_of_a_line_item_are_its_rows_by_date_then_number(call_without_mutation) -> None:
    personnel = call_without_mutation(select_vouchers, CURRENT, "personnel")
    assert personnel["voucher_id"].tolist() == ["v1", "v2", "v3"]  # v1 and v2 share 15 January
    assert int(personnel["amount_fen"].sum()) == 250_050  # 100,050 + 30,000 + 120,000 fen
    assert select_vouchers(CURRENT, "project:热线经费")["voucher_id"].tolist() == ["v5", "v6"]
    assert select_vouchers(CURRENT, "public")["voucher_id"].tolist() == ["v4"]


def test_subtotals_by_kuan_sum_to_the_figure(call_without_mutation) -> None:
    table = call_without_mutation(subtotal_by_kuan, select_vouchers(CURRENT, "total"))
    assert table.to_dict("records") == [
        {"econ_code": "30101", "econ_name": "基本工资", "postings": 2, "amount_fen": 220_050},  # v1 + v3
        {"econ_code": "30102", "econ_name": "津贴补贴", "postings": 1, "amount_fen": 30_000},
        {"econ_code": "30201", "econ_name": "办公费", "postings": 2, "amount_fen": 64_500},  # v4 + v5, basic and project
        {"econ_code": "31002", "econ_name": "办公设备购置", "postings": 1, "amount_fen": 250_000},
    ]
    assert int(table["amount_fen"].sum()) == 564_550 == summarise_spending(CURRENT).total


def test_many_postings_are_shown_by_kuan(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(trace, "MAX_VOUCHERS_LISTED", 2)
    personnel = trace_item(CURRENT, "personnel", "人员经费", 2024, "a")
    assert not personnel.itemised and personnel.postings == 3 and personnel.amount_fen == 250_050
    assert personnel.parts["amount_fen"].tolist() == [220_050, 30_000]
    project = trace_item(CURRENT, "project:热线经费", "热线经费", 2024, "b")
    assert project.itemised and project.parts["voucher_id"].tolist() == ["v5", "v6"] and project.amount_fen == 310_000


def test_every_nonzero_amount_of_both_years_is_traced_to_parts_that_sum_to_it() -> None:
    changes = compare_years(summarise_spending(CURRENT), summarise_spending(PRIOR))
    traces = trace_changes(changes, {2024: CURRENT, 2023: PRIOR}, 2024)
    by_year = {(t.year, t.key): t for t in traces}
    # 2024: every line but the project that ended; 2023: total, basic, personnel, project, 大厅改造 (no public, no 热线经费)
    assert sorted(k for y, k in by_year if y == 2024) == sorted(["total", "basic", "personnel", "public", "project", "project:热线经费"])
    assert sorted(k for y, k in by_year if y == 2023) == sorted(["total", "basic", "personnel", "project", "project:大厅改造"])
    for change in changes:
        for year, figure in ((2024, change.current), (2023, change.prior)):
            if figure:
                assert int(by_year[(year, change.key)].parts["amount_fen"].sum()) == figure
    assert by_year[(2024, "project")].amount_fen == 310_000 and by_year[(2023, "total")].amount_fen == 160_000
    assert len({t.anchor for t in traces}) == len(traces)


def test_no_prior_year_means_only_this_years_traces() -> None:
    changes = compare_years(summarise_spending(CURRENT), None)
    assert {t.year for t in trace_changes(changes, {2024: CURRENT}, 2024)} == {2024}
