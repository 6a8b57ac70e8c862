"""What every ledger's reading does, in SQL: rows that do not line up, personal data hidden, cells cleaned up,
total rows set apart, duplicate rows found. As ledgers/reading.py does it, with the same messages.

The view ``cells`` holds every non-blank row: ``rownum``, ``marker`` (合计/总计/小计 or NULL) and, per declared
column, its cell as typed (stripped; kept text with personal data hidden) in ``t_<name>`` and cleaned up to
its kind's plain form in ``<name>``. The view ``clean`` holds the data rows without their repeats.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import duckdb

from analysis.dataplane.base import DATE_FORMATS, Staged
from analysis.dataplane.engine import sql_text
from analysis.dataplane.problems import add_rule, distinct_values, register_mapping
from analysis.ledgers.common import Column, LedgerError, Problem, raise_if
from analysis.ledgers.reading import CLEANERS
from analysis.privacy import name_hider, personal_traces, redact_string

# A text that matches none of these, and is all ASCII, holds no phone, ID or e-mail for privacy.redact_string:
# a mobile or ID is 11+ digits joined only by separators, a landline an area code 0dd(d) then a separator or ")",
# an address an @ or a spelled "at". Only texts that may hold one go through Python.
MAY_HOLD_NUMBER = r"@|(?i:at)|[0-9]([ \t-\r_./,()+\-]*[0-9]){10}|0[0-9]{2,3}[ \t-\r_./,)\-]"


def width_problems(con: duckdb.DuckDBPyConnection, staged: Staged) -> list[Problem]:
    """Rows with fewer cells than the header, or with cells filled beyond it (as ledgers/reading.py says them)."""
    problems: list[Problem] = []
    width = staged.width
    query = f"SELECT rownum, filled || '列' FROM base WHERE ncells <> {width} AND (ncells < {width} OR filled > {width})"
    expected = f"与表头一样的{width}列 (as many cells as the header)；缺少或多出的单元格会使数据错位，请补齐或删去"
    add_rule(con, problems, staged.file, query, None, expected)
    return problems


def own_names(con: duckdb.DuckDBPyConnection, staged: Staged, columns: tuple[Column, ...]) -> set[str]:
    """The citizens' names the ledger's own name columns hold, as typed (hidden wherever else the ledger shows them)."""
    names: set[str] = set()
    for column in (c for c in columns if c.names):
        names.update(distinct_values(con, f"SELECT DISTINCT t_{column.name} FROM base"))
    return names - {""}


def personal_hider(names: set[str]) -> Callable[[str], str]:
    """Kept text as ledgers/reading.redact_kept_text leaves it: numbers and addresses hidden, then the ledger's ``names``."""
    hide_names = name_hider(names)
    return redact_string if hide_names is None else lambda text: hide_names(redact_string(text))


def may_be_personal_sql(value: str, names: set[str]) -> str:
    """SQL true for a value redaction could change (any value at all when some name is ASCII)."""
    if any(name.isascii() for name in names):
        return "true"
    return f"(NOT regexp_full_match({value}, '[[:ascii:]]*') OR regexp_matches({value}, {sql_text(MAY_HOLD_NUMBER)}))"


def clean_value(text: str, column: Column) -> str:
    """A stripped cell cleaned up to its kind's plain form, as ledgers/reading.clean_column does."""
    return CLEANERS[column.kind](text)


def build_cells(con: duckdb.DuckDBPyConnection, columns: tuple[Column, ...], names: set[str]) -> None:
    """Create the view ``cells`` (see the module's docstring) over ``base``: joins only for the few values that change."""
    selects, joins = ["rownum", "marker"], []
    hide = personal_hider(names)
    for column in columns:
        typed = f"base.t_{column.name}"
        if column.kind == "text" and not column.personal:
            query = f"SELECT DISTINCT {typed} FROM base WHERE {may_be_personal_sql(typed, names)}"
            if register_mapping(con, f"hide_{column.name}", query, hide):
                joins.append(f"LEFT JOIN hide_{column.name} ON hide_{column.name}.v = {typed}")
                typed = f"coalesce(hide_{column.name}.r, {typed})"
        selects.append(f"{typed} AS t_{column.name}")
        if column.kind in CLEANERS:
            query = f"SELECT DISTINCT {typed} FROM base WHERE NOT plain_{column.name}"
            cleaned = typed
            if register_mapping(con, f"clean_{column.name}", query, partial(clean_value, column=column)):
                joins.append(f"LEFT JOIN clean_{column.name} ON clean_{column.name}.v = {typed}")
                cleaned = f"coalesce(clean_{column.name}.r, {typed})"
            selects += [f"{cleaned} AS {column.name}", f"plain_{column.name}"]
            selects += [f"ts_{column.name}"] if column.kind in DATE_FORMATS else [f"n_{column.name}"] if column.kind == "count" else []
        elif column.kind != "text":
            raise ValueError(f"the data plane has no rule for {column.kind} columns")
    con.execute(f"CREATE VIEW cells AS SELECT {', '.join(selects)} FROM base {' '.join(joins)}")


def value_columns(columns: tuple[Column, ...]) -> list[str]:
    """The columns of ``cells`` that hold each declared column's value (cleaned for kinds, typed for text)."""
    return [c.name if c.kind in CLEANERS else f"t_{c.name}" for c in columns]


def duplicate_problems(con: duckdb.DuckDBPyConnection, columns: tuple[Column, ...], file: str) -> list[Problem]:
    """Data rows identical in every column to an earlier one (ledgers/reading.duplicate_row_problems); the view
    ``clean`` is every data row but those repeats."""
    values = ", ".join(value_columns(columns))
    # rows can only repeat one another when their hashes do: the exact comparison runs on those few
    con.execute(f"CREATE TEMP TABLE twins AS SELECT hash({values}) AS h FROM cells WHERE marker IS NULL GROUP BY h HAVING count(*) > 1")
    con.execute(
        f"CREATE TEMP TABLE repeats AS SELECT rownum, first FROM (SELECT rownum, min(rownum) OVER (PARTITION BY {values}) AS first"
        f" FROM cells WHERE marker IS NULL AND hash({values}) IN (SELECT h FROM twins)) WHERE rownum > first"
    )
    repeated = con.execute("SELECT count(*) FROM repeats").fetchone()[0]  # type: ignore[index]
    con.execute("CREATE VIEW clean AS SELECT * FROM cells WHERE marker IS NULL" + (" AND rownum NOT IN (SELECT rownum FROM repeats)" if repeated else ""))
    problems: list[Problem] = []
    expected = "不重复的行 (no duplicate rows)"
    add_rule(con, problems, file, "SELECT rownum, NULL, '此行与第' || first || '行完全相同' FROM repeats", None, expected)
    return problems


def trace_problems(con: duckdb.DuckDBPyConnection, staged: Staged, columns: tuple[Column, ...]) -> list[Problem]:
    """Warnings for free text that still looks personal once hidden (ledgers/reading.trace_problems), in order of first row."""
    problems: list[Problem] = []
    for column in (c for c in columns if c.free_text):
        name = f"t_{column.name}"
        register_mapping(con, f"trace_{column.name}", f"SELECT DISTINCT {name} FROM cells", lambda text: (personal_traces(text) or text) if text else text)
        found = f"SELECT rownum, trace_{column.name}.r AS what FROM cells JOIN trace_{column.name} ON trace_{column.name}.v = {name}"
        for (what,) in con.execute(f"SELECT what FROM ({found}) GROUP BY what ORDER BY min(rownum)").fetchall():
            query = f"SELECT rownum FROM ({found}) WHERE what = {sql_text(what)}"
            add_rule(con, problems, staged.file, query, column.label, f"不含个人信息 (no personal data)；此处疑似{what}，请核对后删去", "warning")
    return problems


def prepare_cells(con: duckdb.DuckDBPyConnection, staged: Staged, columns: tuple[Column, ...], notes: list[Problem] | None) -> list[Problem]:
    """Everything ledgers/reading.read_ledger does, on ``base``: refusals raised, problems of totals and repeats returned."""
    if notes is not None:
        notes.extend(p for p in staged.problems if p.severity == "warning")
    raise_if(staged.problems + width_problems(con, staged))
    if not con.execute("SELECT count(*) FROM base").fetchone()[0]:  # type: ignore[index]
        raise LedgerError([Problem(staged.file, None, None, None, "有表头和数据的表格 (file is empty)")])
    names = own_names(con, staged, columns)
    build_cells(con, columns, names)
    if notes is not None:
        notes.extend(trace_problems(con, staged, columns))
    from analysis.dataplane.totals import total_problems  # noqa: PLC0415 - totals need cells first

    return total_problems(con, columns, staged.file) + duplicate_problems(con, columns, staged.file)
