"""Problems found by SQL, listed as the ledgers list them: the first MAX_PROBLEMS_PER_RULE rows of a rule, the rest counted."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import duckdb
import pandas as pd

from analysis.ledgers.common import Problem, more_problems
from analysis.limits import MAX_PROBLEMS_PER_RULE

BATCH = 10_000


def rule_rows(con: duckdb.DuckDBPyConnection, query: str) -> tuple[list[tuple], int]:
    """The first MAX_PROBLEMS_PER_RULE rows of ``query`` (whose first column is ``rownum``) by row, and how many it has."""
    limit = MAX_PROBLEMS_PER_RULE.value
    rows = con.execute(f"SELECT *, count(*) OVER () AS _total FROM ({query}) ORDER BY rownum LIMIT {limit}").fetchall()
    return [row[:-1] for row in rows], rows[0][-1] if rows else 0


def add_rule(
    con: duckdb.DuckDBPyConnection,
    problems: list[Problem],
    file: str,
    query: str,
    column: str | None,
    expected: str,
    severity: str = "error",
) -> None:
    """Add a problem per row of ``query`` (rownum, value[, detail]) as add_row_problems does: value None when the query
    gives NULL, a detail appended to ``expected``, the first MAX_PROBLEMS_PER_RULE rows listed and the rest counted."""
    rows, total = rule_rows(con, query)
    for row in rows:
        said = expected if len(row) < 3 or row[2] is None else f"{expected}；{row[2]}"
        problems.append(Problem(file, int(row[0]), column, None if len(row) < 2 else row[1], said, severity))
    if total > len(rows):
        problems.append(more_problems(Problem(file, None, column, None, expected, severity), total - len(rows)))


def distinct_values(con: duckdb.DuckDBPyConnection, query: str) -> Iterator[str]:
    """The values of a one-column query, fetched in batches (never all at once)."""
    result = con.execute(query)
    while batch := result.fetchmany(BATCH):
        yield from (row[0] for row in batch)


def register_mapping(con: duckdb.DuckDBPyConnection, name: str, query: str, change: Callable[[str], object | None]) -> bool:
    """Register as table ``name`` (v, r) the values of ``query`` that ``change`` maps to something else (None: left out);
    False when there are none, so that callers can skip the join."""
    pairs = []
    for value in distinct_values(con, query):
        changed = change(value)
        if changed is not None and changed != value:
            pairs.append((value, changed))
    con.register(f"{name}_frame", pd.DataFrame(pairs, columns=["v", "r"], dtype=str))
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT CAST(v AS VARCHAR) AS v, CAST(r AS VARCHAR) AS r FROM {name}_frame")
    con.unregister(f"{name}_frame")
    return bool(pairs)
