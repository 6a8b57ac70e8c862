"""The postings behind each amount of the report's spending tables (附录二 支出明细).

Every amount of 表1 to 表3, this year's and the prior year's, is traced to exactly the
general-budget postings its figure sums (``Results.postings``, selected by
reconcile.item_mask as the figure was): listed one by one when there are few, else
as sub-totals by 款 (5-digit economic class). Amounts stay integer fen here and are
formatted once, by ``trace_view``, for the report.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.metrics import Results
from analysis.money import fen_to_yuan
from analysis.reconcile import Change, item_mask

# A line item of more postings than this shows its sub-totals by 款 instead: fifty rows of a five-column
# table fill about one printed page, and the samples' aggregates (300 postings, 162 of them personnel)
# would otherwise repeat every posting three times over and double the report's text.
MAX_VOUCHERS_LISTED = 50
VOUCHER_COLUMNS = ["voucher_id", "date", "econ_code", "econ_name", "summary", "amount_fen"]
SUBTOTAL_COLUMNS = ["econ_code", "econ_name", "postings", "amount_fen"]


@dataclass(frozen=True)
class Trace:
    """One amount of the spending tables and its parts: vouchers (VOUCHER_COLUMNS) or 款 sub-totals (SUBTOTAL_COLUMNS)."""

    anchor: str
    year: int
    key: str
    label: str
    amount_fen: int
    postings: int
    parts: pd.DataFrame

    @property
    def itemised(self) -> bool:
        """The parts are the vouchers themselves, not 款 sub-totals."""
        return self.postings <= MAX_VOUCHERS_LISTED


def select_vouchers(postings: pd.DataFrame, key: str) -> pd.DataFrame:
    """The postings of one line item (see reconcile.item_mask), by date then voucher: VOUCHER_COLUMNS, amounts in fen."""
    rows = postings.loc[item_mask(postings, key), VOUCHER_COLUMNS]
    return rows.sort_values(["date", "voucher_id"], kind="stable").reset_index(drop=True)


def subtotal_by_kuan(vouchers: pd.DataFrame) -> pd.DataFrame:
    """Postings summed by 款 (econ_code), in code order: econ_code, econ_name (the first given), postings, amount_fen."""
    grouped = vouchers.groupby("econ_code", sort=True)
    table = grouped.agg(econ_name=("econ_name", "first"), postings=("amount_fen", "size"), amount_fen=("amount_fen", "sum"))
    return table.reset_index()[SUBTOTAL_COLUMNS].astype({"postings": "int64", "amount_fen": "int64"})


def trace_item(postings: pd.DataFrame, key: str, label: str, year: int, anchor: str) -> Trace:
    """One line item of one year traced to its postings: listed when MAX_VOUCHERS_LISTED or fewer, else by 款."""
    vouchers = select_vouchers(postings, key)
    parts = vouchers if len(vouchers) <= MAX_VOUCHERS_LISTED else subtotal_by_kuan(vouchers)
    return Trace(anchor, year, key, label, int(vouchers["amount_fen"].sum()), len(vouchers), parts)


def trace_changes(changes: list[Change], postings: dict[int, pd.DataFrame], year: int) -> list[Trace]:
    """A trace of every non-zero amount of the spending tables: this year's line items, then the prior year's."""
    traces = []
    for fiscal_year, amount in ((year, "current"), (year - 1, "prior")):
        for number, change in enumerate(changes):
            if fiscal_year in postings and getattr(change, amount):
                traces.append(trace_item(postings[fiscal_year], change.key, change.label, fiscal_year, f"trace-{fiscal_year}-{number}"))
    return traces


def part_rows(trace: Trace) -> list[dict[str, str]]:
    """A trace's parts as display text: a voucher's number, date, class, summary and yuan, or a 款 with its count."""
    if trace.itemised:
        return [
            {
                "voucher": row.voucher_id,
                "date": f"{row.date:%Y-%m-%d}",
                "econ": f"{row.econ_code} {row.econ_name}".strip(),
                "summary": row.summary,
                "amount": str(fen_to_yuan(row.amount_fen)),
            }
            for row in trace.parts.itertuples(index=False)
        ]
    return [
        {"econ": f"{row.econ_code} {row.econ_name}".strip(), "postings": str(row.postings), "amount": str(fen_to_yuan(row.amount_fen))}
        for row in trace.parts.itertuples(index=False)
    ]


@dataclass(frozen=True)
class TraceView:
    """What the template shows: each trace as display text, and the anchor of each (year, line item key)."""

    items: list[dict]
    anchors: dict[tuple[int, str], str]


def trace_view(results: Results) -> TraceView:
    """The appendix of postings behind the spending tables, formatted once for display (yuan, two decimals)."""
    traces = trace_changes(results.changes, results.postings, results.year)
    items = [
        {
            "anchor": t.anchor,
            "year": t.year,
            "label": t.label,
            "amount": str(fen_to_yuan(t.amount_fen)),
            "postings": t.postings,
            "itemised": t.itemised,
            "rows": part_rows(t),
        }
        for t in traces
    ]
    return TraceView(items, {(t.year, t.key): t.anchor for t in traces})
