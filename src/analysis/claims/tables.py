"""Tables of a report (Word and HTML rows, Markdown tables): each row's change, % change, share and execution rate.

A table's numbers carry their unit in the header ("2024年（万元）") or in a "单位：万元" line above
it. Columns are recognised by their headers: this year, last year, change, percentage change, share.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from fractions import Fraction

from analysis.claims.extract import MAGNITUDE, NUMBER, Claim
from analysis.claims.labels import normalise_label
from analysis.claims.prefix import prefix_of
from analysis.claims.roles import Reading

NUMBER_CELL_RE = re.compile(rf"^(?P<sign>[-−+]?)(?P<num>{NUMBER})(?P<pct>%)?$")
UNIT_RE = re.compile(r"(亿|万|千)?元")
MARKDOWN_RULE_RE = re.compile(r"^\|?(\s*:?-{2,}:?\s*\|)+\s*:?-*:?\s*$")  # |---|:--:| or |--|--|
ROW_UNIT_RE = re.compile(r"[（(](?P<unit>亿元|万元|千元|元|人次|人|件|个|户|次|项|家|批次|例|具|处|份)[）)]\s*$")
ROLE_WORDS = (
    ("rate", ("执行率",)),
    ("budget", ("调整预算", "调整后预算", "预算数", "预算")),
    ("pct", ("增减率", "增长率", "增幅", "变动率", "增减幅度", "增减%")),
    ("change", ("增减额", "增减", "变动额", "增加额", "增减数")),
    ("share", ("占", "比重")),
    ("prior", ("上年", "上期", "去年")),
    ("current", ("本年", "本期", "决算数", "金额", "支出数")),
)


@dataclass(frozen=True)
class Column:
    """What a table column holds."""

    role: str  # current | prior | change | pct | share | budget | rate | other
    scale: Fraction | None  # base units per written unit for money columns; None for % and unknown
    unit: str


@dataclass(frozen=True)
class Row:
    """One row of figures: its name and each recognised column's claim."""

    label: str
    cells: dict[str, Claim]


def split_cells(line: str) -> list[str] | None:
    """A table row's cells (tab-separated, or a Markdown row), or None for a line of text."""
    stripped = line.strip()
    if stripped.startswith("|") and stripped.count("|") >= 3:
        return [cell.strip() for cell in stripped.strip("|").split("|")]
    cells = line.split("\t")
    return [cell.strip() for cell in cells] if len(cells) >= 3 else None


def column_of(header: str, unit_above: tuple[Fraction, str] | None, report_year: int | None) -> Column:
    """Role and unit of a column from its header text."""
    header = header.replace("一般公共预算", "")  # a fund's name, not a budget column
    year = re.search(r"(20\d\d)", header)
    if "年初预算" in header:  # the execution rate is against the adjusted budget
        return Column("other", None, "")
    role = next((r for r, words in ROLE_WORDS if any(w in header for w in words)), "other")
    if year and report_year and role in ("other", "current", "prior"):
        role = {report_year: "current", report_year - 1: "prior"}.get(int(year[1]), "other")
    unit = UNIT_RE.search(header)
    scale, name = (MAGNITUDE[unit[1]], unit[0]) if unit else (unit_above or (None, ""))
    ratio = role in ("pct", "share", "rate")
    return Column(role, None if ratio else scale, "%" if ratio else name)


def row_unit(label: str) -> Column | None:
    """The unit a row names for itself ("城镇新增就业（人）", "创业担保贷款（万元）"), as a column of unknown role."""
    unit = ROW_UNIT_RE.search(label)
    if unit is None:
        return None
    if unit["unit"].endswith("元"):
        return Column("other", MAGNITUDE[unit["unit"][0] if len(unit["unit"]) > 1 else None], unit["unit"])
    return Column("other", Fraction(1), unit["unit"])


def cell_claim(text: str, column: Column, line: int, offset: int, label: str, header: str) -> Claim | None:
    """A table cell as a claim in its column's (or its row's) unit; None for text cells and cells of no known unit."""
    match = NUMBER_CELL_RE.match(text)
    own = row_unit(label)
    if own is not None and column.unit != "%" and column.role != "other":
        column = Column(column.role, own.scale, own.unit)
    if match is None or column.role == "other" or (column.scale is None and column.unit != "%"):
        return None
    digits = match["num"].replace(",", "")
    number = Fraction(digits) * (-1 if match["sign"] in "-−" and match["sign"] else 1)
    scale = column.scale or Fraction(1)
    kind = "percent" if column.unit == "%" else ("money" if column.unit.endswith("元") else "count")
    return Claim(
        index=-1,
        line=line,
        column=offset + 1,
        end=offset + len(text),
        text=text,
        value=number * scale,
        kind=kind,
        unit=column.unit,
        scale=scale,
        decimals=len(digits.partition(".")[2]),
        approx=False,
        lead=f"{label}·{header}",
        prefix=prefix_of(f"{label}·{header}", f"{label}·{header}"),
        sentence=-line,
        segment=-line,
        bracket=0,
        signed=True,
    )


def table_year(lines: list[str]) -> int | None:
    """The latest year a table header names (for a report that is all tables)."""
    years = [int(year) for line in lines if split_cells(line) for year in re.findall(r"(20\d\d)年", line)]
    return max(years) if years else None


def table_lines(lines: list[str]) -> frozenset[int]:
    """Numbers (1-based) of the lines that are rows of a table."""
    return frozenset(number for number, line in enumerate(lines, start=1) if split_cells(line) is not None)


def read_tables(lines: list[str], report_year: int | None, first_index: int) -> list[list[Row]]:
    """Every table's rows of figures; the cells' claims are numbered from ``first_index``."""
    tables: list[list[Row]] = []
    columns: list[Column] | None = None
    headers: list[str] = []
    unit_above: tuple[Fraction, str] | None = None
    for number, line in enumerate(lines, start=1):
        cells = split_cells(line)
        if cells is None:
            columns = None
            if (unit := re.search(r"单位[：:]\s*((亿|万|千)?元)", line)) is not None:
                unit_above = (MAGNITUDE[unit[2]], unit[1])
            continue
        if MARKDOWN_RULE_RE.match(line.strip()):
            continue
        if columns is None or not any(NUMBER_CELL_RE.match(cell) for cell in cells):
            headers, columns = cells, [column_of(cell, unit_above, report_year) for cell in cells]
            tables.append([])
            continue
        figures: dict[str, Claim] = {}
        offset = 0
        for cell, column, header in zip(cells, columns, headers):
            offset = line.find(cell, offset)
            claim = cell_claim(cell, column, number, offset, cells[0], header)
            if claim is not None and column.role not in figures:
                figures[column.role] = replace(claim, index=first_index)
                first_index += 1
            offset += len(cell)
        tables[-1].append(Row(cells[0], figures))
    return tables


def table_readings(tables: list[list[Row]], report_year: int | None) -> list[Reading]:
    """This year's and last year's amounts of each row, named by the row, to compare with the text and the ledgers
    (none when the report's year is unknown: 本年 and 上年 could not be told apart from the text's figures)."""
    if not report_year:
        return []
    readings = []
    for rows in tables:
        for row in rows:
            label = normalise_label(row.label)
            for role, year in (("current", report_year), ("prior", report_year - 1)):
                claim = row.cells.get(role)
                if claim is not None and claim.kind == "money" and label:
                    readings.append(Reading(claim, "value", label, sign=0, year=year, whole="", closing=False, new=False))
    return readings
