"""The sums a report's tables state: each total row against its parts, subtotals against their runs, and each
row's change, % change, share and execution rate against the row's own figures (rows read by claims/tables.py).
"""

from __future__ import annotations

import re

from analysis.claims.extract import Claim
from analysis.claims.labels import normalise_label
from analysis.claims.relations import Relation, difference, percent_change_from_prior, percent_of, plain, relate, relate_sum
from analysis.claims.tables import Row

TOTAL_ROW_RE = re.compile(r"^\s*(合计|总计|总额)")
SUBTOTAL_RE = re.compile(r"小计")


def share_whole(claim: Claim) -> str:
    """The name of the total a share cell's column header names ("占整体支出" → 整体支出)."""
    header = claim.lead.split("·", 1)[1]
    return header.split("占", 1)[1].strip("的比重（）()%") if "占" in header else ""


def named_row(rows: list[Row], name: str) -> Row | None:
    """The first row whose name contains ``name`` or is contained in it; None when ``name`` is empty."""
    return next((row for row in rows if name and (name in row.label or row.label in name)), None)


def whole_row(tables: list[list[Row]], rows: list[Row], name: str, elsewhere: dict[str, Row | None]) -> Row | None:
    """The row a share column is of: the one its header names (in this table or another), else the 合计 row.
    ``elsewhere`` keeps the first row of any table by each name, so that a name is looked for across them once."""
    found = named_row(rows, name)
    if found is not None:
        return found
    if name not in elsewhere:
        elsewhere[name] = next((row for candidates in tables if (row := named_row(candidates, name)) is not None), None)
    found = elsewhere[name]
    return found if found is not None else next((row for row in rows if TOTAL_ROW_RE.search(row.label)), None)


def with_subtotals(rows: list[Row]) -> list[Row]:
    """The rows with each run of rows above a 小计 row replaced by that 小计 row."""
    kept: list[Row] = []
    run: list[Row] = []
    for row in rows:
        if SUBTOTAL_RE.search(row.label):
            kept.append(row)
            run = []
        else:
            run.append(row)
    return kept + run


def subtotal_runs(rows: list[Row]) -> list[tuple[Row, list[Row]]]:
    """Each 小计 row with the rows above it that it adds up (back to the previous 小计)."""
    runs: list[tuple[Row, list[Row]]] = []
    run: list[Row] = []
    for row in rows:
        if SUBTOTAL_RE.search(row.label):
            runs.append((row, run))
            run = []
        elif not TOTAL_ROW_RE.search(row.label):
            run.append(row)
    return runs


def summed_rows(rows: list[Row], total: Row) -> list[list[Row]]:
    """Plausible sets of rows a 合计 row adds up, the likeliest first: 小计 rows in place of the rows they
    sum, the rows not marked 其中 (an indented breakdown), every other row, or 基本支出 and 项目支出 alone."""
    others = [row for row in rows if row is not total]
    top = [row for row in others if not re.match(r"\s|其中|（|\(|[-—·]", row.label)]
    spending = [row for row in others if normalise_label(row.label) in ("基本支出", "项目支出")]
    return [found for found in (with_subtotals(others), top, others, spending) if len(found) >= 2]


def row_sums(total: Row, readings: list[list[Row]]) -> list[Relation]:
    """A total row against the rows it adds up, column by column (amounts and counts): the first
    plausible set of rows that it matches, else the likeliest."""
    relations = []
    for role, claim in total.cells.items():
        if claim.kind == "percent":
            continue
        candidates = []
        for found in readings:
            parts = [row.cells[role] for row in found if role in row.cells]
            names = " + ".join(f"{row.label}{plain(row.cells[role])}" for row in found if role in row.cells)
            candidates.append(relate_sum("sum", claim, 1, [(part, 1) for part in parts], names))
        holding = [relation for relation in candidates if relation.holds]
        relations.extend((holding or candidates)[:1])
    return relations


def total_relations(rows: list[Row]) -> list[Relation]:
    """The 合计 row against the rows it adds up, and each 小计 row against the rows above it."""
    relations = [relation for subtotal, run in subtotal_runs(rows) if len(run) >= 2 for relation in row_sums(subtotal, [run])]
    total = next((row for row in rows if TOTAL_ROW_RE.search(row.label)), None)
    if total is not None:
        relations.extend(row_sums(total, summed_rows(rows, total)))
    return relations


def table_relations(tables: list[list[Row]]) -> list[Relation]:
    """Per row: change = this year − last year; % change = change ÷ last year; share = row ÷ total row;
    execution rate = actual ÷ adjusted budget."""
    relations = []
    elsewhere: dict[str, Row | None] = {}
    for rows in tables:
        relations.extend(total_relations(rows))
        wholes: dict[str, Row | None] = {}  # by the name in a share column's header, the same for all its rows
        for row in rows:
            cells = row.cells
            current, prior = cells.get("current"), cells.get("prior")
            if current is not None and prior is not None and "change" in cells:
                relations.append(
                    relate("prior_change", cells["change"], 1, [(current, 1), (prior, 1)], difference, f"{row.label}：{plain(current)} − {plain(prior)}")
                )
            if current is not None and prior is not None and "pct" in cells and prior.value:
                relations.append(
                    relate(
                        "pct_change",
                        cells["pct"],
                        1,
                        [(current, 1), (prior, 1)],
                        percent_change_from_prior,
                        f"{row.label}：（{plain(current)} − {plain(prior)}）÷ {plain(prior)}",
                    )
                )
            if current is not None and "budget" in cells and "rate" in cells:
                budget = cells["budget"]
                relations.append(
                    relate("rate", cells["rate"], 1, [(current, 1), (budget, 1)], percent_of, f"{row.label}：决算{plain(current)} ÷ 调整预算{plain(budget)}")
                )
            if current is not None and "share" in cells:
                name = share_whole(cells["share"])
                if name not in wholes:
                    wholes[name] = whole_row(tables, rows, name, elsewhere)
                total = wholes[name]
                if total is not None and "current" in total.cells:
                    relations.append(
                        relate(
                            "share",
                            cells["share"],
                            1,
                            [(current, 1), (total.cells["current"], 1)],
                            percent_of,
                            f"{row.label}：{plain(current)} ÷ {total.label}{plain(total.cells['current'])}",
                        )
                    )
    return relations
