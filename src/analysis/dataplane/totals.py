"""合计/总计/小计 rows checked against the rows they total, in SQL (ledgers/reading.total_problems, same messages).

Each 合计/总计 row must equal the sum of all data rows above it, each 小计 the rows since the previous 小计;
a column with any data cell that is not a number is not checked (that cell is reported on its own).
"""

from __future__ import annotations

import duckdb

from analysis.dataplane.problems import distinct_values
from analysis.ledgers.common import Column, Problem
from analysis.ledgers.reading import safe_number


def number_or_none(text: str) -> int | None:
    """A count cell as ledgers/reading reads it (Python's int), None when it is not a number."""
    return safe_number(int, text)


def total_problems(con: duckdb.DuckDBPyConnection, columns: tuple[Column, ...], file: str) -> list[Problem]:
    """Problems of total rows whose figure is not the sum of the rows they total (count columns; amounts are not served here)."""
    totals = con.execute("SELECT rownum, marker FROM cells WHERE marker IS NOT NULL ORDER BY rownum").fetchall()
    if not totals:
        return []
    problems = []
    for column in (c for c in columns if c.kind == "count"):
        odd = list(distinct_values(con, f"SELECT DISTINCT {column.name} FROM cells WHERE marker IS NULL AND NOT regexp_full_match({column.name}, '[0-9]+')"))
        if any(number_or_none(text) is None for text in odd):
            continue  # a cell that is not a number is reported on its own; a sum without it would mislead
        con.execute("CREATE OR REPLACE TEMP TABLE odd_numbers (v VARCHAR, n HUGEINT)")
        con.executemany("INSERT INTO odd_numbers VALUES (?, ?)", [(text, number_or_none(text)) for text in odd])
        first = con.execute("SELECT min(rownum) FROM cells WHERE marker IS NULL").fetchone()[0]  # type: ignore[index]
        first = 0 if first is None else first
        start, ranges = first, []
        for rownum, marker in totals:
            ranges.append((rownum, start if marker == "小计" else first))
            if marker == "小计":
                start = rownum
        con.execute("CREATE OR REPLACE TEMP TABLE total_ranges (rownum BIGINT, first BIGINT)")
        con.executemany("INSERT INTO total_ranges VALUES (?, ?)", ranges)
        number = f"coalesce(TRY_CAST(CASE WHEN regexp_full_match(d.{column.name}, '[0-9]+') THEN d.{column.name} END AS HUGEINT), o.n)"
        sums = con.execute(
            f"SELECT t.rownum, c.marker, c.{column.name}, coalesce(sum({number}), 0) FROM total_ranges t JOIN cells c ON c.rownum = t.rownum"
            f" LEFT JOIN cells d ON d.marker IS NULL AND d.rownum >= t.first AND d.rownum < t.rownum"
            f" LEFT JOIN odd_numbers o ON o.v = d.{column.name} GROUP BY ALL ORDER BY t.rownum"
        ).fetchall()
        for rownum, marker, text, expected in sums:
            if not text or (text == "0" and column.blank_zero):
                continue
            if number_or_none(text) != expected:
                problems.append(Problem(file, int(rownum), column.label, text, f"{marker}应等于所合计各行之和 (sum of rows) {expected}"))
    return problems
