"""The one stored table of a ledger, ``base_rows``, computed in one pass over its source, and the view ``base``.

Per row: ``rownum`` (the Excel row), ``ncells``, ``filled`` (see analysis.dataplane.stage), ``marker``
(合计/总计/小计 or NULL) and, per declared column, its cell stripped as Python strips it (``t_<name>`` in the view,
'' where the file lacks the column; a citizen's text or phone as its hash; stored as a number or a date where it can be); for a column of a kind, whether the cell is already plain
(``plain_<name>``) and, when it is, its date (``ts_<name>``) or number (``n_<name>``). Everything the
rules ask of every row is computed here once, so that each rule reads a few stored columns.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from analysis.dataplane.engine import sql_text
from analysis.ledgers import hotline, petitions
from analysis.ledgers.common import YES_NO, YES_NO_NA, Column, Problem
from analysis.ledgers.reading import CLEANERS, PLAIN, TOTAL_MARKERS

# The petitioner's identity, turned into a salted key at ingest (analysis.ledgers.petitions.hash_petitioner): kept as text
IDENTITY_COLUMNS = ("petitioner_name", "phone", "id_number")
# Columns whose values come from a fixed list, stored as the value's number in it: a city's orders repeat a few words
CODED = {
    "channel": hotline.CHANNELS,
    "category": hotline.CATEGORIES,
    "handling": tuple(hotline.HANDLING),
    "status": tuple(hotline.STATUS),
    "callback": tuple(YES_NO),
    "satisfaction": tuple(hotline.SATISFACTION),
    "form": petitions.FORMS,
    **{flag: tuple(YES_NO) for flag in (*petitions.FLAG_FIELDS, "repeat")},
    **{rate: tuple(k for k in YES_NO_NA if k) for rate in petitions.RATE_FIELDS},
}
DATE_FORMATS = {"date": "%Y-%m-%d", "datetime": "%Y-%m-%d %H:%M:%S"}
# what Python's str.strip() removes; SQL's trim() alone removes only spaces
WHITESPACE = "".join(chr(code) for code in range(0x3001) if chr(code).isspace())
WHITE_CLASS = "[" + "".join(f"\\x{{{ord(c):x}}}" for c in WHITESPACE) + "]"


def strip_sql(expression: str) -> str:
    """SQL for ``expression`` with the whitespace Python's str.strip() removes taken off both ends."""
    # trimming a set of 29 characters is slow: only the few cells that start or end with one pay for it
    spaces = sql_text(WHITESPACE)
    edges = f"(strpos({spaces}, left({expression}, 1)) > 0 OR strpos({spaces}, right({expression}, 1)) > 0)"
    return f"CASE WHEN {expression} <> '' AND {edges} THEN trim({expression}, {spaces}) ELSE {expression} END"


def blank_sql(expression: str) -> str:
    """SQL true when ``expression`` is NULL, empty or only whitespace (Python: not cell.strip())."""
    return f"({expression} IS NULL OR {expression} = '' OR regexp_full_match({expression}, {sql_text(WHITE_CLASS + '+')}))"


def filled_sql(names: list[str]) -> str:
    """SQL for the filled width of a row of cells ``names``: the position of its last non-blank cell, 0 for none."""
    return "CASE " + " ".join(f"WHEN NOT {blank_sql(name)} THEN {i + 1}" for i, name in reversed(list(enumerate(names)))) + " ELSE 0 END"


@dataclass(frozen=True)
class Staged:
    """A ledger's header as read: position → column name, column → unit, problems so far (warnings included),
    the header's cells (a staged source has as many cell columns) and its filled width (what a row must match)."""

    file: str
    positions: dict[int, str]
    units: dict[str, str]
    problems: list[Problem]
    cells: int
    width: int


def marker_sql(names: list[str]) -> str:
    """SQL for a row's total marker: the first non-blank cell, spaces removed, starting 合计/总计/小计; else NULL."""
    first = "list_filter([" + ", ".join(names) + f"], x -> {strip_sql('x')} <> '')[1]"
    bare = f"replace(replace({first}, ' ', ''), '\u3000', '')"
    cases = " ".join(f"WHEN starts_with({bare}, '{m}') THEN '{m}'" for m in TOTAL_MARKERS)
    maybe = " OR ".join(f"contains({name}, '计')" for name in names)  # only a row with 计 in it can be a total: test those
    return f"CASE WHEN {maybe} THEN CASE {cases} END END"


def coded_values(column: Column) -> tuple[str, ...]:
    """The fixed list a column's values come from (stored as numbers), or () for free text."""
    return CODED.get(column.name, ()) if column.kind == "text" and not column.personal else ()


def column_sql(staged: Staged, columns: tuple[Column, ...]) -> list[str]:
    """The per-column part of ``base_rows``'s SELECT list: what is stored of each cell (see ``cell_sql``)."""
    selects = []
    for column in columns:
        position = next((p for p, name in staged.positions.items() if name == column.name), None)
        typed = "''" if position is None else strip_sql(f"coalesce(c{position}, '')")
        name, stored = column.name, typed
        if column.personal and not column.names and name not in IDENTITY_COLUMNS:
            stored = f"hash({typed})"  # a citizen's words or phone: only ever compared, for repeated rows, so stored as a hash
        elif values := coded_values(column):
            cases = " ".join(f"WHEN {sql_text(v)} THEN {i}" for i, v in enumerate(values, 1))
            selects.append(f"CASE {typed} {cases} END::UTINYINT AS k_{name}")
            stored = f"CASE WHEN k_{name} IS NULL THEN {typed} END"  # the text only when it is not on the list
        if column.kind in CLEANERS:
            selects.append(f"({typed} = '' OR regexp_full_match({typed}, {sql_text(PLAIN[column.kind])})) AS plain_{name}")
        if column.kind in DATE_FORMATS:
            selects.append(f"CASE WHEN plain_{name} THEN try_strptime({typed}, {sql_text(DATE_FORMATS[column.kind])}) END AS ts_{name}")
            stored = f"CASE WHEN ts_{name} IS NULL THEN {typed} END"  # a readable date is its timestamp; the text only otherwise
        elif column.kind == "count":
            selects.append(f"CASE WHEN plain_{name} THEN TRY_CAST({typed} AS BIGINT) END AS n_{name}")
        selects.append(f"{stored} AS t_{name}")
    return selects


def cell_sql(column: Column) -> str:
    """The cell as typed (stripped), rebuilt from what ``base_rows`` stores: a listed value from its number, a readable
    date from its timestamp (the plain form is exactly what strftime writes), any other cell from its text."""
    name = column.name
    if values := coded_values(column):
        cases = " ".join(f"WHEN {i} THEN {sql_text(v)}" for i, v in enumerate(values, 1))
        return f"coalesce(t_{name}, CASE k_{name} {cases} END)"
    if column.kind in DATE_FORMATS:
        return f"coalesce(t_{name}, strftime(ts_{name}, {sql_text(DATE_FORMATS[column.kind])}))"
    return f"t_{name}"


def build_base(con: duckdb.DuckDBPyConnection, staged: Staged, columns: tuple[Column, ...], source: str, first_row: int | None) -> None:
    """Create ``base_rows`` from ``source`` (cells c0 …, ``ncells``, ``filled`` and, unless ``first_row`` is given, ``rownum``)
    and the view ``base`` of its non-blank rows, each cell as typed in ``t_<name>``. With ``first_row`` the rows are
    numbered by their order in the table."""
    names = [f"c{i}" for i in range(staged.cells)]
    number = [] if first_row is not None else ["rownum"]
    selects = [*number, "ncells", "filled", f"{marker_sql(names)} AS marker", *column_sql(staged, columns)]
    con.execute(f"CREATE TABLE base_rows AS SELECT {', '.join(selects)} FROM ({source})")
    rownum = "rownum" if first_row is None else f"rowid + {first_row} AS rownum"
    kinds = [
        f"{prefix}_{c.name}"
        for c in columns
        for prefix in ("plain", "ts", "n")
        if prefix == "plain" and c.kind in CLEANERS or prefix == "ts" and c.kind in DATE_FORMATS or prefix == "n" and c.kind == "count"
    ]
    cells = [f"{cell_sql(c)} AS t_{c.name}" for c in columns]
    con.execute(f"CREATE VIEW base AS SELECT {rownum}, ncells, filled, marker, {', '.join(cells + kinds)} FROM base_rows WHERE filled > 0")
