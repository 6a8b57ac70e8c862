"""The report: figures, the sections' content, and the HTML body in Chinese.

The body is rendered from templates/report/body.html.j2 with autoescaping on,
so every text that came from a ledger is escaped; only narrative HTML (already
escaped by Markdown) and figures are inserted as markup. The report notebook
displays the body, and nbconvert wraps it in the printed-report page.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jinja2
import pandas as pd
from markupsafe import Markup, escape
from matplotlib.figure import Figure as MplFigure

from analysis import charts, reconcile, sentences, service_history
from analysis.chart_cache import render_chart
from analysis.checks import VERDICT_LABELS, summarise_checks
from analysis.ledgers.expenditure import DEFAULT_FUND_SOURCE, FUND_SOURCES
from analysis.metrics import Results, placeholder_context
from analysis.money import format_percent, format_wan
from analysis.narrative import render_section
from analysis.paths import TEMPLATES_DIR
from analysis.trace import MAX_VOUCHERS_LISTED, trace_view

OTHER_FUND_TITLES = {"政府性基金预算": "三", "国有资本经营预算": "四", "社会保险基金预算": "五"}
ABSENT = "本年度未提供{what}台账，相关指标不作统计。"


@dataclass(frozen=True)
class Figure:
    """One numbered chart: file stem, Chinese caption, its pictures (SVG for the page and the PDF, PNG for Word)."""

    number: int
    key: str
    caption: str
    svg: bytes
    png: bytes

    @property
    def data_uri(self) -> str:
        """The SVG embedded as a data: URI, so the report works offline and its charts stay sharp at any size."""
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg).decode("ascii")


ChartPlan = tuple[str, str, Callable[..., MplFigure], pd.DataFrame]


def spending_figures(results: Results) -> list[ChartPlan]:
    """Spending charts to draw: (file stem, Chinese caption, plotting function, its input table)."""
    return [
        ("spending_structure", "历年支出结构（万元）", charts.plot_spending_structure, reconcile.spending_by_year(results.history)),
        ("projects_by_year", "历年项目支出（万元）", charts.plot_projects_by_year, reconcile.projects_by_year(results.history)),
        ("monthly_spending", f"{results.year}年月度支出（万元）", charts.plot_monthly_spending, results.chart_tables["monthly_spending"]),
    ]


TREND_CHARTS = {
    "hotline": ("hotline_trend", "历年12345热线受理工单与办结率、回访率、满意率", charts.plot_hotline_trend),
    "petitions": ("petitions_trend", "历年信访批次与人次", charts.plot_petitions_trend),
    "volunteer": ("volunteer_trend", "历年志愿服务活动次数与志愿者人次", charts.plot_volunteer_trend),
}


def trend_figures(results: Results, kind: str) -> list[ChartPlan]:
    """A service ledger's multi-year chart, when two or more fiscal years have that ledger."""
    if service_history.count_years_with(results.service_history, kind) < 2:
        return []
    key, caption, plot = TREND_CHARTS[kind]
    return [(key, caption, plot, service_history.trend_frame(results.service_history, kind))]


def service_figures(results: Results) -> list[ChartPlan]:
    """Service charts for the ledgers present, each ledger's multi-year chart after its monthly ones:
    (file stem, Chinese caption, plotting function, its input table)."""
    year, tables = results.year, results.chart_tables
    plans: list[ChartPlan] = []
    if "hotline_monthly" in tables:
        plans += [
            ("hotline_monthly", f"{year}年12345热线月度工单与办结率、满意率", charts.plot_hotline_monthly, tables["hotline_monthly"]),
            ("hotline_topics", f"{year}年12345热线诉求主题（件）", charts.plot_hotline_topics, tables["hotline_topics"]),
        ]
    plans += trend_figures(results, "hotline")
    if "petitions_monthly" in tables:
        plans.append(("petitions_monthly", f"{year}年月度信访批次与人次", charts.plot_petitions_monthly, tables["petitions_monthly"]))
    plans += trend_figures(results, "petitions")
    if "volunteer_monthly" in tables:
        plans.append(("volunteer_monthly", f"{year}年月度志愿服务活动", charts.plot_volunteer_events, tables["volunteer_monthly"]))
    return plans + trend_figures(results, "volunteer")


def number_figures(plans: list[ChartPlan], cache_dir: Path | None = None) -> list[Figure]:
    """Render planned charts (reusing current ones in ``cache_dir``), numbered from 1 in the order given."""
    drawn = [(n, key, caption, render_chart(key, plot, data, cache_dir)) for n, (key, caption, plot, data) in enumerate(plans, start=1)]
    return [Figure(n, key, caption, chart.svg, chart.png) for n, key, caption, chart in drawn]


def build_figures(results: Results, cache_dir: Path | None = None) -> list[Figure]:
    """Every chart the data allows, numbered in report order: those 02 and 03 drew read from ``cache_dir``, any other rendered."""
    return number_figures(spending_figures(results) + service_figures(results), cache_dir)


def figure_gallery(plans: list[ChartPlan], cache_dir: Path | None = None) -> str:
    """HTML showing the planned charts with their captions, for reading in a notebook."""
    return "".join(
        f'<figure><img src="{f.data_uri}" alt="{escape(f.caption)}"><figcaption>{escape(f.caption)}</figcaption></figure>'
        for f in number_figures(plans, cache_dir)
    )


def change_rows(changes: list[reconcile.Change], whole: int) -> list[dict[str, str]]:
    """Table rows: line item key, item, this year, prior year, change, change %, share of the whole (万元)."""
    rows = []
    for change in changes:
        rows.append(
            {
                "key": change.key,
                "item": change.label,
                "current": format_wan(change.current),
                "prior": "—" if change.prior is None else format_wan(change.prior),
                "change": "—" if change.change is None else format_wan(change.change),
                "pct": "新增" if change.is_new else ("—" if change.pct is None else format_percent(change.pct, 1)),
                "share": format_percent(reconcile.share(change.current, whole), 1),
            }
        )
    return rows


def spending_view(results: Results) -> dict:
    """Sentences and tables of section 二 (general public budget spending)."""
    by_key = {c.key: c for c in results.changes}
    reasons, general, year = results.narrative.reasons, results.general, results.year

    def paragraph(key: str, parts: list[reconcile.Change], whole: int, whole_label: str, part_changes: bool = True) -> str:
        text = f"{year}年{sentences.describe_line(by_key[key], reasons)}。"
        lines = [sentences.describe_line(c, reasons, whole, whole_label, with_change=part_changes) for c in parts]
        return text + ("其中：" + "；".join(lines) + "。" if lines else "")

    projects = [c for c in results.changes if c.key.startswith("project:")]
    headline = [by_key[k] for k in ("total", "basic", "personnel", "public", "project")]
    return {
        "total_text": paragraph("total", [by_key["basic"], by_key["project"]], general.total, by_key["total"].label, False),
        "basic_text": paragraph("basic", [by_key["personnel"], by_key["public"]], general.basic, "基本支出"),
        "project_text": paragraph("project", projects, general.project, "项目支出"),
        "summary_rows": change_rows(headline, general.total),
        "project_rows": change_rows(projects, general.project),
    }


def execution_rows(results: Results) -> list[dict[str, str]] | None:
    """Budget execution table (line item key, 万元 and %) with a 合计 row of all spending, or None without a budget file."""
    if results.execution is None:
        return None
    rows = results.execution
    adjusted, actual = int(rows["adjusted_fen"].sum()), results.general.total
    total = {
        "item": "合计",
        "key": "total",
        "initial_fen": int(rows["initial_fen"].sum()),
        "adjusted_fen": adjusted,
        "actual_fen": actual,
        "rate": reconcile.share(actual, adjusted),
    }
    return [
        {
            "item": r["item"],
            "key": r["key"],
            "initial": format_wan(r["initial_fen"]),
            "adjusted": format_wan(r["adjusted_fen"]),
            "actual": format_wan(r["actual_fen"]),
            "rate": format_percent(r["rate"], 2),
        }
        for r in [*rows.to_dict("records"), total]
    ]


def other_funds_view(results: Results) -> list[dict[str, str]]:
    """Sections 三 to 五: each other budget type's spending, or 无."""
    views = []
    for fund in FUND_SOURCES[1:]:
        amount = results.spending.by_fund.get(fund, 0)
        text = f"{results.year}年{fund}支出{sentences.wan(amount)}。" if amount else "无。"
        views.append({"title": f"{OTHER_FUND_TITLES[fund]}、{fund}支出情况", "text": text})
    return views


def services_view(results: Results) -> dict:
    """Section 六's service paragraphs, or a sentence saying the ledger was absent; each ledger's change on the
    year before (``*_yoy``, its own paragraph, so that jixiao check reads it apart); the 历年业务数据 table."""
    history, year = results.service_history, results.year
    return {
        "hotline": sentences.describe_hotline(results.hotline) if results.hotline else ABSENT.format(what="12345热线工单"),
        "petitions": sentences.describe_petitions(results.petitions) if results.petitions else ABSENT.format(what="信访登记"),
        "volunteer": sentences.describe_volunteer(results.volunteer) if results.volunteer else ABSENT.format(what="志愿服务活动"),
        **{f"{kind}_yoy": service_history.describe_yoy(history, year, kind) for kind in service_history.COUNTS},
        "history_years": sorted(history),
        "history_rows": service_history.history_rows(history, year),
    }


def units_text(results: Results) -> str:
    """Section 一（二）: founding date, internal units and subordinate institutions."""
    dept = results.department
    date = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", dept.established)
    text = f"本单位于{date[1]}年{int(date[2])}月{int(date[3])}日成立。" if date else ""
    if dept.internal_units:
        text += f"设内设机构{len(dept.internal_units)}个：{'、'.join(dept.internal_units)}。"
    if dept.subordinate_units:
        names = "；".join(u["name"] + (f"（{u['note']}）" if u.get("note") else "") for u in dept.subordinate_units)
        text += f"下属事业单位{len(dept.subordinate_units)}个：{names}。"
    return text or "无。"


def narrative_view(results: Results) -> dict[str, Markup | None]:
    """The analyst's sections as HTML, placeholders filled."""
    context = placeholder_context(results)
    titles = {"functions": "职责职能", "performance": "绩效情况", "problems": "存在的问题", "measures": "改进措施", "other": "其他说明"}
    return {key: (None if (html := render_section(results.narrative, title, context)) is None else Markup(html)) for key, title in titles.items()}


def render_body(results: Results, figures: list[Figure], provenance: dict) -> str:
    """The report's HTML body (title, contents, sections, appendix, footer)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR / "report"), autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True
    )
    return env.get_template("body.html.j2").render(
        r=results,
        dept=results.department,
        figures={f.key: f for f in figures},
        spending=spending_view(results),
        execution=execution_rows(results),
        other_funds=other_funds_view(results),
        services=services_view(results),
        units=units_text(results),
        staffing=None if results.staffing is None else sentences.describe_staffing(results.year, results.staffing, results.staffing.get("contract_note", "")),
        narrative=narrative_view(results),
        trace=trace_view(results),
        max_listed=MAX_VOUCHERS_LISTED,
        checks=[check.as_dict() for check in results.checks],
        check_summary=summarise_checks(results.checks),
        verdict_labels=VERDICT_LABELS,
        general_fund=DEFAULT_FUND_SOURCE,
        provenance=provenance,
    )
