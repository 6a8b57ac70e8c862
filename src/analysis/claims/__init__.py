"""``jixiao check``: the numeric claims of a report, the relations between them, and whether they hold."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from analysis.claims.changes import find_quantities, point_relations, share_relations, yoy_relations
from analysis.claims.counted import find_counted_lists
from analysis.claims.extract import Claim, extract_claims, normalise_lines
from analysis.claims.ledger import ledger_relations
from analysis.claims.lists import find_change_lists, find_lists
from analysis.claims.rates import rate_relations
from analysis.claims.reading import read_report
from analysis.claims.relations import Relation
from analysis.claims.roles import find_report_year, read_claims, title_year
from analysis.claims.table_sums import table_relations
from analysis.claims.tables import Row, read_tables, table_lines, table_readings, table_year
from analysis.claims.tallies import change_list_relations, count_relations, same_value_relations, staffing_relations, sum_relations
from analysis.claims.verdicts import Finding, judge_all

# A text that names no year at all still tells this year (本年) from last year (上年): as year 0 and −1.
UNNAMED_YEAR = 0


@dataclass(frozen=True)
class CheckResult:
    """Everything one check found in one report."""

    lines: list[str]
    claims: list[Claim]
    relations: list[Relation]
    findings: list[Finding]
    report_year: int  # the year taken as 本年 (UNNAMED_YEAR when the text names none)

    @property
    def counts(self) -> Counter:
        """How many findings have each verdict."""
        return Counter(finding.verdict for finding in self.findings)

    @property
    def checked(self) -> int:
        """How many relations could be recomputed."""
        return sum(relation.checkable for relation in self.relations)

    @property
    def inconsistent(self) -> list[Finding]:
        """The findings that are inconsistent."""
        return [finding for finding in self.findings if finding.verdict == "inconsistent"]


def find_relations(lines: list[str], claims: list[Claim], report_year: int | None, tables: list[list[Row]], metrics: dict | None = None) -> list[Relation]:
    """Every relation the text and its tables state; with ``metrics``, every figure against the ledgers too."""
    readings = read_claims(claims, report_year)
    lists = find_lists(readings, lines)
    quantities, alternates = find_quantities(readings, report_year)
    # table amounts are compared with the same amounts in the text, and with the ledgers
    named = sorted(readings + table_readings(tables, report_year), key=lambda r: (r.claim.line, r.claim.column))
    ledger = ledger_relations(named, quantities, lists, metrics) if metrics is not None else []
    return [
        *table_relations(tables),
        *sum_relations(lists, quantities, lines),
        *change_list_relations(find_change_lists(readings, lines)),
        *yoy_relations(quantities, readings, alternates),
        *share_relations(quantities, readings, lists),
        *point_relations(quantities, readings),
        *rate_relations(readings, lists, lines),
        *count_relations(find_counted_lists(readings, lines)),
        *same_value_relations(named, lists),
        *staffing_relations(readings),
        *ledger,
    ]


def check_lines(raw_lines: list[str], report_year: int | None = None, metrics: dict | None = None) -> CheckResult:
    """Check a report given as lines of text; with ``metrics`` (metrics.json of a run) against the ledgers too."""
    lines = normalise_lines(raw_lines)
    claims = extract_claims(lines, skip=table_lines(lines))
    year = report_year or (metrics or {}).get("fiscal_year") or title_year(lines) or table_year(lines) or find_report_year(claims)
    year = year or UNNAMED_YEAR
    tables = read_tables(lines, year, first_index=len(claims))
    relations = find_relations(lines, claims, year, tables, metrics)
    claims += [claim for rows in tables for row in rows for claim in row.cells.values()]
    findings = judge_all(claims, relations)
    return CheckResult(raw_lines, claims, relations, findings, year)


def check_report(path: Path, report_year: int | None = None, metrics: dict | None = None) -> CheckResult:
    """Read a report (.txt, .md, .docx, .html) and check it (against ``metrics`` too when given)."""
    return check_lines(read_report(path), report_year, metrics)
