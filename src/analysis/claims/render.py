"""The check's findings as a terminal table, as CSV, and as a page of the report's text with claims highlighted."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from analysis.claims import CheckResult
from analysis.claims.verdicts import KIND_LABELS, VERDICT_LABELS, VERDICTS, Finding
from analysis.files import csv_for_excel, write_text_atomic
from analysis.fonts import EMBEDDED_FAMILY, font_face_css
from analysis.paths import TEMPLATES_DIR

CSV_COLUMNS = ("claim", "line", "column", "stated", "recomputed", "verdict", "note")
PAGE_MARKER = b'<meta name="generator" content="jixiao check">'  # in the page template: marks a file check may overwrite
CLAIM_WIDTH = 24


def display_width(text: str) -> int:
    """Columns a string takes in a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def fit(text: str, width: int) -> str:
    """Pad (or cut, with …) a string to a terminal width, keeping one space before the next column."""
    if display_width(text) > width - 1:
        while display_width(text) > width - 2:
            text = text[:-1]
        text += "…"
    return text + " " * (width - display_width(text))


def year_note(result: CheckResult) -> str:
    """Which year the check took as the report's (本年), so a reader can tell if it guessed wrong."""
    return f"报告年度 (report year) {result.report_year}" if result.report_year else "未识别报告年度 (no report year found)，可用 --year 指定"


def summary_line(result: CheckResult) -> str:
    """Counts of claims, relations and verdicts in one Chinese line (English terms beside)."""
    counts = "，".join(f"{VERDICT_LABELS[v]} ({v}) {result.counts.get(v, 0)}" for v in VERDICTS)
    return f"提取数字 (claims) {len(result.claims)} 个，核对关系 (relations checked) {result.checked} 项；{counts}"


def format_table(result: CheckResult, name: str, everything: bool = False) -> str:
    """The findings as an aligned table; claims in no relation only when ``everything`` is asked for."""
    rows = [f for f in result.findings if everything or f.kind != "none"]
    header = f"{fit('位置', 9)}{fit('结论', 10)}{fit('原文 (claim)', CLAIM_WIDTH)}{fit('所写 (stated)', 14)}{fit('应为 (recomputed)', 18)}说明 (note)"
    lines = [f"核对报告 (check)：{name}；{year_note(result)}", header]
    for f in rows:
        lines.append(
            f"{fit(f'{f.line}:{f.column}', 9)}{fit(VERDICT_LABELS[f.verdict], 10)}{fit(f.claim, CLAIM_WIDTH)}"
            f"{fit(f.stated, 14)}{fit(f.recomputed or '—', 18)}{f.note}"
        )
    if not everything:
        lines.append(f"（另有 {sum(f.kind == 'none' for f in result.findings)} 个数字不在任何可核对的关系中，加 --all 列出）")
    lines.append(summary_line(result))
    return "\n".join(lines)


def findings_csv(findings: list[Finding]) -> str:
    """The findings as CSV (columns claim, line, column, stated, recomputed, verdict, note), for Excel."""
    rows = [(f.claim, str(f.line), str(f.column), f.stated, f.recomputed, f.verdict, f.note) for f in findings]
    return csv_for_excel(CSV_COLUMNS, rows)


@dataclass(frozen=True)
class Piece:
    """A run of a line's text; a claim carries its verdict and notes."""

    text: str
    verdict: str = ""
    notes: str = ""
    anchor: str = ""


def worst(findings: list[Finding]) -> str:
    """The verdict that matters most among a claim's findings."""
    return min((f.verdict for f in findings), key=VERDICTS.index)


def line_pieces(result: CheckResult) -> list[list[Piece]]:
    """Each line of the report cut into plain text and claims."""
    by_claim: dict[tuple[int, int], list[Finding]] = {}
    for finding in result.findings:
        by_claim.setdefault((finding.line, finding.column), []).append(finding)
    by_line: dict[int, list[tuple[int, list[Finding]]]] = {}  # each line's claims by column, so a line is not matched against all
    for (line_number, column), findings in sorted(by_claim.items()):
        by_line.setdefault(line_number, []).append((column, findings))
    ends = {(c.line, c.column): c.end for c in result.claims}
    pieces: list[list[Piece]] = []
    for number, line in enumerate(result.lines, start=1):
        row: list[Piece] = []
        position = 0
        for column, findings in by_line.get(number, []):
            start, end = column - 1, ends[(number, column)]
            row.append(Piece(line[position:start]))
            notes = "；".join(f.note for f in findings)
            row.append(Piece(line[start:end], worst(findings), notes, f"c{number}-{column}"))
            position = end
        row.append(Piece(line[position:]))
        pieces.append(row)
    return pieces


def render_page(result: CheckResult, name: str) -> str:
    """A standalone HTML page: the report's text with claims marked by verdict, and the findings table."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR / "check"), autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True
    )
    problems = [f for f in result.findings if f.verdict in ("inconsistent", "warning")]
    context = dict(
        name=name,
        summary=f"{year_note(result)}。{summary_line(result)}",
        lines=line_pieces(result),
        problems=problems,
        relations=[f for f in result.findings if f.kind != "none"],
        verdict_labels=VERDICT_LABELS,
        kind_labels=KIND_LABELS,
        font_family=EMBEDDED_FAMILY,
    )
    draft = env.get_template("page.html.j2").render(font_css="", **context)
    # the glyphs the page uses, embedded, so it reads the same on a machine without Chinese fonts
    return env.get_template("page.html.j2").render(font_css=Markup(font_face_css(draft)), **context)


def write_csv(result: CheckResult, path: Path) -> Path:
    """Write the findings as CSV, atomically."""
    return write_text_atomic(path, findings_csv(result.findings))


def write_page(result: CheckResult, name: str, path: Path) -> Path:
    """Write the highlighted page, atomically."""
    return write_text_atomic(path, render_page(result, name))
