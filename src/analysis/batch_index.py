"""The county at a glance: outputs/index.html and outputs/summary.csv, one row per department-year.

Each row's figures come from the department-year's published metrics.json and checks.json (this batch's
run, or an earlier one's when it was skipped or not selected); money is shown in 万元, rounded once.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import jinja2
from markupsafe import Markup

from analysis.batch_plan import DeptYear, Outcome, read_state
from analysis.claims.ledger import MetricsError, load_metrics
from analysis.files import csv_for_excel, write_text_atomic
from analysis.fonts import EMBEDDED_FAMILY, font_face_css
from analysis.ledgers import department
from analysis.ledgers.common import LedgerError
from analysis.money import format_percent, format_wan, parse_yuan_to_fen
from analysis.paths import TEMPLATES_DIR, year_output_dir
from analysis.reconcile import share
from analysis.services import HOTLINE_RATES

INDEX_FILE, SUMMARY_FILE = "index.html", "summary.csv"
NO_FIGURE = "—"
# Column key → header (Chinese, English beside), in the order of the page and of the CSV.
COLUMNS = {
    "dept": "部门代码 (dept)",
    "department": "部门名称 (department)",
    "year": "年度 (year)",
    "spending": "支出合计（万元）(spending)",
    "prior_spending": "上年支出（万元）(last year)",
    "change": "增减（万元）(change)",
    "change_rate": "增减率 (change %)",
    "hotline_orders": "12345工单 (hotline orders)",
    "closure_rate": "办结率 (closure rate)",
    "satisfaction_rate": "满意率 (satisfaction rate)",
    "checks_pass": "核对通过 (pass)",
    "checks_warning": "核对提示 (warning)",
    "checks_fail": "核对不符 (fail)",
    "status": "状态 (status)",
    "error": "首个错误 (first error)",
    "report": "报告 (report)",
}
STATUS_LABELS = {
    "ok": "已生成 (ok)",
    "skipped": "未变更，已跳过 (skipped)",
    "failed": "失败 (failed)",
    "earlier": "以前生成 (earlier)",
    "none": "未运行 (not run)",
}


def read_published(output_dir: Path, item: DeptYear) -> tuple[dict | None, dict | None]:
    """The published metrics.json (numbers as Decimal) and checks.json's summary of a department-year; None for each
    that is absent or unreadable."""
    folder = year_output_dir(output_dir, item.dept, item.year)
    try:
        metrics = load_metrics(folder / "metrics.json")
    except MetricsError:
        metrics = None
    try:
        checks = json.loads((folder / "checks.json").read_text(encoding="utf-8"))["summary"]
    except (OSError, ValueError, KeyError, TypeError):
        checks = None
    return metrics if isinstance(metrics, dict) else None, checks if isinstance(checks, dict) else None


def department_name(data_dir: Path, dept: str) -> str:
    """The department's name from its department.yaml; its code when the file cannot be read."""
    try:
        return department.load_department(Path(data_dir) / dept / department.FILE_NAME).name
    except (LedgerError, OSError):
        return dept


def total_fen(expenditure: object) -> int | None:
    """The ``total`` of an expenditure block of metrics.json (yuan) in fen; None when absent."""
    if not isinstance(expenditure, dict) or expenditure.get("total") is None:
        return None
    return parse_yuan_to_fen(str(expenditure["total"]))


def spending_columns(metrics: dict) -> dict[str, str]:
    """This year's and last year's spending in 万元, the change and its rate (each rounded once, from fen)."""
    current = total_fen(metrics.get("expenditure"))
    prior = total_fen((metrics.get("expenditure") or {}).get("prior"))
    shown = {"spending": NO_FIGURE if current is None else format_wan(current), "prior_spending": NO_FIGURE if prior is None else format_wan(prior)}
    if current is None or prior is None:
        return shown | {"change": NO_FIGURE, "change_rate": NO_FIGURE}
    change = current - prior
    rate = share(change, prior)
    return shown | {"change": format_wan(change), "change_rate": NO_FIGURE if rate is None else format_percent(rate)}


def hotline_columns(metrics: dict) -> dict[str, str]:
    """Hotline orders, and the closure and satisfaction rates from the year's counts in the service history."""
    year_entry: dict = next((e for e in metrics.get("service_history") or [] if e.get("fiscal_year") == metrics.get("fiscal_year")), {})
    counts = year_entry.get("hotline")
    if not isinstance(counts, dict):
        return {"hotline_orders": NO_FIGURE, "closure_rate": NO_FIGURE, "satisfaction_rate": NO_FIGURE}
    rates: dict[str, Fraction | None] = {rate: share(counts[part], counts[whole]) for rate, (part, whole) in HOTLINE_RATES.items()}
    return {
        "hotline_orders": str(counts["orders"]),
        "closure_rate": format_percent(rates["closure_rate"]),
        "satisfaction_rate": format_percent(rates["satisfaction_rate"]),
    }


def index_row(item: DeptYear, name: str, metrics: dict | None, checks: dict | None, status: str, error: str = "") -> dict[str, str]:
    """One department-year's row: display text by COLUMNS key (``report`` is the report's path relative to the index,
    empty when none is published), and ``status_key``, the STATUS_LABELS key."""
    figures = {key: NO_FIGURE for key in ("spending", "prior_spending", "change", "change_rate", "hotline_orders", "closure_rate", "satisfaction_rate")}
    if metrics is not None:
        figures |= spending_columns(metrics) | hotline_columns(metrics)
        name = str(metrics.get("department") or name)
    verdicts = {f"checks_{verdict}": NO_FIGURE if checks is None else str(checks.get(verdict, 0)) for verdict in ("pass", "warning", "fail")}
    report = f"{item.dept}/{item.year}/report.html" if metrics is not None else ""
    return (
        {"dept": item.dept, "department": name, "year": str(item.year)}
        | figures
        | verdicts
        | {"status": STATUS_LABELS[status], "error": error, "report": report, "status_key": status}
    )


def status_counts(rows: list[dict[str, str]]) -> dict[str, int]:
    """How many rows have each status, by STATUS_LABELS key."""
    return {status: sum(row["status_key"] == status for row in rows) for status in STATUS_LABELS}


def render_index(rows: list[dict[str, str]], title: str) -> str:
    """The index page: one offline HTML file, CSS inline and the glyphs it uses embedded."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR / "batch"), autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True
    )
    counts = status_counts(rows)
    summary = "，".join(f"{STATUS_LABELS[status]} {count}" for status, count in counts.items() if count)
    context = dict(title=title, rows=rows, columns=COLUMNS, summary=f"共 {len(rows)} 个部门年度 (department-years)：{summary}", font_family=EMBEDDED_FAMILY)
    draft = env.get_template("index.html.j2").render(font_css="", **context)
    return env.get_template("index.html.j2").render(font_css=Markup(font_face_css(draft)), **context)


def write_index(output_dir: Path, rows: list[dict[str, str]]) -> tuple[Path, Path]:
    """Write index.html and summary.csv (UTF-8 with BOM, formula-safe) under ``output_dir``, each atomically."""
    title = "部门整体支出绩效评价报告一览 (index of reports)"
    page = write_text_atomic(Path(output_dir) / INDEX_FILE, render_index(rows, title))
    table = csv_for_excel(list(COLUMNS.values()), [[row[key] for key in COLUMNS] for row in rows])
    return page, write_text_atomic(Path(output_dir) / SUMMARY_FILE, table)


def county_rows(found: list[DeptYear], outcomes: dict[DeptYear, Outcome], output_dir: Path, data_dir: Path) -> list[dict[str, str]]:
    """A row for every department-year ``found``: this batch's outcome where it ran (or was skipped), else its last
    batch record (a failure) or what is published (以前生成), else 未运行; figures from the published outputs."""
    rows = []
    for item in found:
        outcome = outcomes.get(item)
        metrics, checks = (outcome.metrics, outcome.checks) if outcome is not None and outcome.metrics is not None else read_published(output_dir, item)
        if outcome is not None:
            status, error = outcome.status, outcome.error
        else:
            state = read_state(output_dir, item) or {}
            status = "failed" if state.get("status") == "failed" else "earlier" if metrics is not None else "none"
            error = str(state.get("error", "")) if status == "failed" else ""
        name = item.dept if metrics is not None else department_name(data_dir, item.dept)
        rows.append(index_row(item, name, metrics, checks, status, error))
    return rows
