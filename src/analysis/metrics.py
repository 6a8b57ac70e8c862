"""Every figure of a run in one place: computed results, metrics.json, placeholders.

``compute_results`` is the single place that turns the ledgers into figures;
the report, metrics.json and the narrative placeholders all read from it.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import pandas as pd

from analysis import carryover, reconcile, service_history, services
from analysis.checks import Check, summarise_checks
from analysis.files import write_bytes_atomic
from analysis.ingest import Ingested, Ledgers
from analysis.ledgers.department import STAFFING_KEYS, Department
from analysis.money import fen_to_yuan
from analysis.narrative import Amount, MissingLedger, Narrative, Rate
from analysis.paths import year_processed_dir
from analysis.reconcile import Change, SpendingSummary
from analysis.year_ledgers import input_checksums

HOTLINE_KEYS = ("orders", "self_handled", "self_closed", "assigned", "assigned_closed", "closed", "closure_rate", "callback_rate", "satisfaction_rate")
GENERAL_TOTAL = "一般公共预算支出合计"  # section 二's total when other budget types were spent too
PETITION_KEYS = (
    "batches",
    "persons",
    "leader_reception_batches",
    "leader_reception_persons",
    "beijing_batches",
    "beijing_persons",
    "timely_acceptance_rate",
    "dept_timely_acceptance_rate",
    "on_time_reply_rate",
    "first_time_resolution_rate",
)


@dataclass(frozen=True)
class Results:
    """The figures of one department and fiscal year (money in fen, rates as Fractions)."""

    dept: str
    year: int
    department: Department
    spending: SpendingSummary
    prior: SpendingSummary | None
    history: dict[int, SpendingSummary]
    general: SpendingSummary
    changes: list[Change]
    execution: pd.DataFrame | None
    hotline: dict | None
    petitions: dict | None
    volunteer: dict | None
    staffing: dict | None
    checks: list[Check]
    narrative: Narrative
    postings: dict[int, pd.DataFrame]  # general-budget postings behind the spending tables: this year's and the prior's
    service_history: service_history.History  # every fiscal year's service counts and rates, None per absent ledger
    chart_tables: dict[str, pd.DataFrame]  # each chart's input table, by chart key (CHART_TABLES)
    inputs: dict[str, str]  # every input file read (label as the report's footer shows it) → its SHA-256


# The charts whose tables come from a whole ledger, computed once by ingest: chart key → (service ledger, its table
# in the data plane's figures); the monthly spending chart's from the expenditure frame.
CHART_TABLES = {
    "hotline_monthly": ("hotline", "monthly"),
    "hotline_topics": ("hotline", "topics"),
    "petitions_monthly": ("petitions", "monthly"),
    "volunteer_monthly": ("volunteer", "monthly"),
}


def compute_chart_tables(ledgers: Ledgers) -> dict[str, pd.DataFrame]:
    """The input table of the monthly spending chart and of every chart in CHART_TABLES whose ledger is present."""
    tables = {key: getattr(figures, table) for key, (ledger, table) in CHART_TABLES.items() if (figures := getattr(ledgers, ledger)) is not None}
    return {"monthly_spending": reconcile.monthly_spending(ledgers.expenditure)} | tables


def compute_results(
    ledgers: Ledgers,
    department: Department,
    narrative: Narrative,
    dept: str,
    year: int,
    previous: Narrative | None = None,
    inputs: dict[str, str] | None = None,
) -> Results:
    """Reconcile spending, summarise services and run every check for one year; ``previous`` is last year's narrative,
    ``inputs`` the checksums of the files read."""
    history = reconcile.summarise_history(ledgers.history)
    general_history = reconcile.summarise_history(reconcile.select_fund(ledgers.history))
    spending = reconcile.summarise_spending(ledgers.expenditure)
    prior = history.get(year - 1)
    general = reconcile.summarise_spending(reconcile.select_fund(ledgers.expenditure))
    prior_general = None if prior is None else general_history.get(year - 1, reconcile.EMPTY_SUMMARY)
    only_general = general.total == spending.total and (prior is None or prior_general is None or prior_general.total == prior.total)
    changes = reconcile.compare_years(general, prior_general, reconcile.LINE_ITEMS["total"] if only_general else GENERAL_TOTAL)
    execution = None if ledgers.budget is None else reconcile.execution_rates(general, ledgers.budget)
    hotline = None if ledgers.hotline is None else ledgers.hotline.summary  # computed by the data plane over the Parquet
    petitions = None if ledgers.petitions is None else ledgers.petitions.summary
    volunteer = None if ledgers.volunteer is None else ledgers.volunteer.summary
    staffing = department.staffing.get(year)
    checks = reconcile.reconcile_spending(spending, ledgers.expenditure)
    if ledgers.budget is not None:
        checks += reconcile.check_budget_execution(execution, reconcile.unbudgeted_projects(general, ledgers.budget), department.execution_rate_threshold)
    checks += [] if hotline is None else services.check_hotline(hotline)
    checks += [] if petitions is None else services.check_petitions(petitions)
    checks += services.check_staffing(staffing)
    checks += reconcile.check_reasons(changes, narrative.reasons)
    checks += carryover.check_carryover(changes, narrative, previous, staffing, year)
    postings = {year: reconcile.select_fund(ledgers.expenditure)}
    if prior is not None:
        postings[year - 1] = reconcile.select_fund(ledgers.history[ledgers.history["fiscal_year"].eq(year - 1)])
    return Results(
        dept,
        year,
        department,
        spending,
        prior,
        history,
        general,
        changes,
        execution,
        hotline,
        petitions,
        volunteer,
        staffing,
        checks,
        narrative,
        postings,
        service_history.history_by_year(ledgers.service_history),
        compute_chart_tables(ledgers),
        inputs or {},
    )


def rate_number(value: Fraction | None) -> float | None:
    """A rate as an unrounded JSON fraction."""
    return None if value is None else float(value)


def spending_block(summary: SpendingSummary | None) -> dict | None:
    """metrics.json's expenditure figures of one year, in yuan; None without the year."""
    return None if summary is None else spending_yuan(summary)


def spending_yuan(summary: SpendingSummary) -> dict:
    """metrics.json's expenditure figures of one year, in yuan."""
    return {
        "total": fen_to_yuan(summary.total),
        "basic": fen_to_yuan(summary.basic),
        "personnel": fen_to_yuan(summary.personnel),
        "public": fen_to_yuan(summary.public),
        "project": fen_to_yuan(summary.project),
        "projects": {name: fen_to_yuan(fen) for name, fen in summary.projects.items()},
        "by_fund": {name: fen_to_yuan(fen) for name, fen in summary.by_fund.items()},
    }


def service_block(summary: dict | None, keys: tuple[str, ...]) -> dict | None:
    """Counts as integers and rates as fractions for the listed keys."""
    if summary is None:
        return None
    return {k: rate_number(summary[k]) if k.endswith("_rate") else int(summary[k]) for k in keys}


def build_metrics(results: Results) -> dict:
    """The metrics.json document: amounts in yuan (two decimals), rates as fractions."""
    expenditure = spending_yuan(results.spending) | {"prior": spending_block(results.prior)}
    return {
        "department": results.department.name,
        "dept": results.dept,
        "fiscal_year": results.year,
        "sample_data": results.department.sample,
        "expenditure": expenditure,
        "hotline": service_block(results.hotline, HOTLINE_KEYS),
        "petitions": service_block(results.petitions, PETITION_KEYS),
        "volunteer": service_block(results.volunteer, ("events", "volunteers")),
        "staffing": None if results.staffing is None else {k: int(results.staffing[k]) for k in STAFFING_KEYS},
        "service_history": [
            {"fiscal_year": year} | {kind: service_block(block, service_history.HISTORY_KEYS[kind]) for kind, block in blocks.items()}
            for year, blocks in results.service_history.items()
        ],
    }


def build_checks_document(results: Results) -> dict:
    """The checks.json document: every check with its figures and verdict."""
    return {
        "dept": results.dept,
        "fiscal_year": results.year,
        "summary": summarise_checks(results.checks),
        "checks": [check.as_dict() for check in results.checks],
    }


def placeholder_context(results: Results) -> dict:
    """Names narrative.md placeholders may use: amounts as Amount, rates as Rate, counts as int.

    A ledger absent this year stands as a MissingLedger, so using it names the ledger.
    """

    def amounts(summary: SpendingSummary) -> dict[str, Amount]:
        return {k: Amount(getattr(summary, k)) for k in ("total", "basic", "personnel", "public", "project")}

    def figures(summary: dict | None, what: str) -> dict | MissingLedger:
        if summary is None:
            return MissingLedger(what)
        return {k: Rate(v) if k.endswith("_rate") else v for k, v in summary.items()}

    return {
        "department": {"name": results.department.name, "short_name": results.department.short_name},
        "fiscal_year": results.year,
        "expenditure": amounts(results.spending) | {"prior": MissingLedger("上年度支出明细账") if results.prior is None else amounts(results.prior)},
        "hotline": figures(results.hotline, "本年度12345热线工单台账"),
        "petitions": figures(results.petitions, "本年度信访登记台账"),
        "volunteer": figures(results.volunteer, "本年度志愿服务活动台账"),
        "staffing": MissingLedger("本年度人员编制数据（department.yaml）") if results.staffing is None else results.staffing,
    }


RESULTS_FILE = "results.pickle"
RESULTS_FORMAT = "jixiao-results-1"  # changed whenever Results changes shape, so a stale file is refused, not misread


class StaleResultsError(RuntimeError):
    """results.pickle is missing, or was written by another version of Results: run 01_ingest again."""


def save_results(ingested: Ingested, data_dir: str | Path, processed_dir: str | Path, dept: str, year: int) -> Results:
    """Compute the year's results from what ingest read and write them, atomically, for the stages after ingest."""
    inputs = input_checksums(Path(data_dir), dept, year)
    results = compute_results(ingested.ledgers, ingested.department, ingested.narrative, dept, year, ingested.previous, inputs)
    # pickle: the hand-over between the stages of one run, written and read only by this package in the run's own
    # processed folder; it keeps the frames, Fractions and dataclasses of Results exactly, which JSON would not.
    payload = pickle.dumps({"format": RESULTS_FORMAT, "results": results}, protocol=pickle.HIGHEST_PROTOCOL)
    write_bytes_atomic(year_processed_dir(Path(processed_dir), dept, year) / RESULTS_FILE, payload)
    return results


def load_results(processed_dir: str | Path, dept: str, year: int) -> Results:
    """The results 01_ingest computed for a department and year (see save_results)."""
    path = year_processed_dir(Path(processed_dir), dept, year) / RESULTS_FILE
    if not path.exists():
        raise StaleResultsError(f"未找到计算结果 (results missing): {path}; 请先运行 01_ingest")
    payload = pickle.loads(path.read_bytes())
    if not isinstance(payload, dict) or payload.get("format") != RESULTS_FORMAT or not isinstance(payload.get("results"), Results):
        raise StaleResultsError(f"计算结果来自另一版本 (results from another version): {path}; 请重新运行 01_ingest")
    return payload["results"]
