"""The one stored table of a ledger, ``base_rows``, computed in one pass over its source, and the view ``base``.

Per row: ``rownum`` (the Excel row), ``ncells``, ``filled`` (see analysis.dataplane.stage), ``marker``
(合计/总计/小计 or NULL) and, per declared column, its cell stripped as Python strips it (``t_<name>``,
'' where the file lacks the column; a citizen's text or phone as its hash); for a column of a kind, whether the cell is already plain
(``plain_<name>``) and, when it is, its date (``ts_<name>``) or number (``n_<name>``). Everything the
rules ask of every row is computed here once, so that each rule reads a few stored columns.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from analysis.dataplane.engine import sql_text
from analysis.ledgers.common import Column, Problem
from analysis.ledgers.reading import CLEANERS, PLAIN, TOTAL_MARKERS

# The petitioner's identity, turned into a salted key at ingest (analysis.ledgers.petitions.hash_petitioner): kept as text
IDENTITY_COLUMNS = ("petitioner_name", "phone", "id_number")
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


def column_sql(staged: Staged, columns: tuple[Column, ...]) -> list[str]:
    """The per-column part of ``base_rows``'s SELECT list."""
    selects = []
    for column in columns:
        position = next((p for p, name in staged.positions.items() if name == column.name), None)
        typed = "''" if position is None else strip_sql(f"coalesce(c{position}, '')")
        if column.personal and not column.names and column.name not in IDENTITY_COLUMNS:
            typed = f"hash({typed})"  # a citizen's words or phone: only ever compared, for repeated rows, so stored as a hash
        selects.append(f"{typed} AS t_{column.name}")
        if column.kind in CLEANERS:
            selects.append(f"(t_{column.name} = '' OR regexp_full_match(t_{column.name}, {sql_text(PLAIN[column.kind])})) AS plain_{column.name}")
        if column.kind in DATE_FORMATS:
            selects.append(f"CASE WHEN plain_{column.name} THEN try_strptime(t_{column.name}, {sql_text(DATE_FORMATS[column.kind])}) END AS ts_{column.name}")
        elif column.kind == "count":
            selects.append(f"CASE WHEN plain_{column.name} THEN TRY_CAST(t_{column.name} AS BIGINT) END AS n_{column.name}")
    return selects


def build_base(con: duckdb.DuckDBPyConnection, staged: Staged, columns: tuple[Column, ...], source: str, first_row: int | None) -> None:
    """Create ``base_rows`` from ``source`` (cells c0 …, ``ncells``, ``filled`` and, unless ``first_row`` is given, ``rownum``)
    and the view ``base`` of its non-blank rows. With ``first_row`` the rows are numbered by their order in the table."""
    names = [f"c{i}" for i in range(staged.cells)]
    number = [] if first_row is not None else ["rownum"]
    selects = [*number, "ncells", "filled", f"{marker_sql(names)} AS marker", *column_sql(staged, columns)]
    con.execute(f"CREATE TABLE base_rows AS SELECT {', '.join(selects)} FROM ({source})")
    rownum = "rownum" if first_row is None else f"rowid + {first_row} AS rownum"
    con.execute(f"CREATE VIEW base AS SELECT {rownum}, * EXCLUDE (filled), filled FROM base_rows WHERE filled > 0")
