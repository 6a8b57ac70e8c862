"""Reading a ledger as the clerk laid it out: header below title rows, totals set apart, cells cleaned.

Title rows above the header are skipped, and 合计/总计/小计 rows are set apart
so that their figures can be checked against the rows they total. Every cell
comes back as text; rows keep their Excel row numbers (index = row - 2).
Opening the file itself (encodings, Excel sheets) is ledgers/sources.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pandas as pd

from analysis.ledgers.cells import normalise_amount, normalise_code, normalise_count, normalise_date, normalise_datetime
from analysis.ledgers.common import Column, LedgerError, Problem, add_row_problems, excel_row, raise_if
from analysis.ledgers.headers import header_names, header_problems, locate_header, read_header_cell, stated_unit
from analysis.ledgers.sources import read_rows
from analysis.limits import MAX_PROBLEMS_PER_RULE
from analysis.money import AmountError, fen_to_yuan, parse_yuan_to_fen
from analysis.privacy import personal_traces, redact_names, redact_text

TOTAL_MARKERS = ("合计", "总计", "小计")


def total_marker(row: list[str]) -> str | None:
    """合计, 总计 or 小计 when the row's first non-empty cell starts with it; None for a data row."""
    first = next((cell.replace(" ", "").replace("\u3000", "") for cell in row if cell.strip()), "")
    return next((marker for marker in TOTAL_MARKERS if first.startswith(marker)), None)


def rows_to_frame(rows: list[list[str]], first_row: int, width: int) -> pd.DataFrame:
    """Data rows as a frame of text, indexed so that index + 2 is the Excel row; blank rows dropped."""
    # blank rows are left out before the frame is built: a sheet's one stray cell at row 1,048,576 costs nothing
    kept = [(index, row) for index, row in enumerate(rows, first_row - 2) if any(cell.strip() for cell in row)]
    return pd.DataFrame([(row + [""] * width)[:width] for _, row in kept], columns=range(width), index=[index for index, _ in kept], dtype=str)


CLEANERS = {
    "count": normalise_count,
    "date": normalise_date,
    "datetime": normalise_datetime,
    "code": normalise_code,
}
# Cells already in the plain form skip the per-cell clean-up: a 30,000-row export stays fast.
PLAIN = {
    "amount": r"-?\d+(\.\d+)?",
    "count": r"\d+",
    "date": r"\d{4}-\d{2}-\d{2}",
    "datetime": r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}",
    "code": r"\d*",
}


def normalise_amount_cell(text: str, unit: str) -> str:
    """An amount cell in yuan (see normalise_amount); an empty cell stays empty."""
    return normalise_amount(text, unit) if text else text


def clean_column(values: pd.Series, column: Column, unit: str) -> pd.Series:
    """One column's cells in the plain form of its kind; amounts in yuan whatever unit the header stated."""
    if column.kind not in PLAIN:
        return values
    if column.kind == "amount":
        values = values.replace("", "0") if column.blank_zero else values
        clean: Callable[[str], str] = partial(normalise_amount_cell, unit=unit)
        if unit == "万元":
            return values.map(clean)
    else:
        clean = CLEANERS[column.kind]
    messy = ~values.str.fullmatch(PLAIN[column.kind], flags=re.ASCII) & values.ne("")
    return values.where(~messy, values[messy].map(clean)) if messy.any() else values


def clean_cells(frame: pd.DataFrame, columns: tuple[Column, ...], units: dict[str, str]) -> pd.DataFrame:
    """Each column's cells in one plain form by its kind (see clean_column)."""
    cleaned = frame.apply(lambda s: s.str.strip())
    for column in columns:
        cleaned[column.name] = clean_column(cleaned[column.name], column, units.get(column.name) or "元")
    return cleaned


def total_problems(data: pd.DataFrame, totals: pd.DataFrame, columns: tuple[Column, ...], markers: dict[int, str], file: str) -> list[Problem]:
    """Each 合计/总计 row must equal the sum of all data rows, each 小计 the rows since the previous 小计."""
    problems = []
    for column in (c for c in columns if c.kind in ("amount", "count")):
        as_number = (lambda t: parse_yuan_to_fen(t)) if column.kind == "amount" else int
        numbers = {i: safe_number(as_number, t) for i, t in data[column.name].items()}
        if None in numbers.values():
            continue  # a cell that is not a number is reported on its own; a sum without it would mislead
        start = min(data.index, default=0)
        for index, text in totals[column.name].items():
            if not text or text == "0" and column.blank_zero:
                continue
            first = start if markers[index] == "小计" else min(data.index, default=0)
            expected = sum(v for i, v in numbers.items() if first <= i < index and v is not None)
            stated = safe_number(as_number, text)
            if markers[index] == "小计":
                start = index
            if stated != expected:
                shown = str(fen_to_yuan(expected)) if column.kind == "amount" else str(expected)
                problems.append(Problem(file, excel_row(index), column.label, text, f"{markers[index]}应等于所合计各行之和 (sum of rows) {shown}"))
    return problems


def safe_number(parse: Callable[[str], int], text: str) -> int | None:
    """A parsed number, or None when the cell is not one (that cell is reported by the ledger's own checks)."""
    try:
        return parse(text)
    except (AmountError, ValueError):
        return None


def duplicate_row_problems(frame: pd.DataFrame, file: str) -> list[Problem]:
    """Rows identical in every column to an earlier row; the first MAX_PROBLEMS_PER_RULE, the rest counted."""
    repeats = frame.index[frame.duplicated()]
    if repeats.empty:
        return []
    first_of: dict[tuple, int] = {}
    for index, row in zip(frame.index, frame.itertuples(index=False, name=None)):
        first_of.setdefault(row, index)
    expected = "不重复的行 (no duplicate rows)"
    problems = [
        Problem(file, excel_row(index), None, None, f"{expected}；此行与第{excel_row(first_of[tuple(frame.loc[index])])}行完全相同")
        for index in repeats[: MAX_PROBLEMS_PER_RULE.value]
    ]
    if len(repeats) > MAX_PROBLEMS_PER_RULE.value:
        problems.append(Problem(file, None, None, None, expected, more=len(repeats) - MAX_PROBLEMS_PER_RULE.value))
    return problems


def width_problems(body: list[list[str]], header: list[str], first_row: int, file: str) -> list[Problem]:
    """Rows with fewer cells than the header, or with cells beyond it: their cells would land in the wrong columns.

    A row's cells are not shown, since any of them may be a citizen's. ``first_row`` is the Excel row of ``body[0]``.
    """
    width = filled_width(header)
    # a row of the header's length lines up (the common case, tested first); a longer one only if its extra cells are blank
    uneven = [
        index
        for index, row in enumerate(body, first_row - 2)
        if len(row) != width and any(cell.strip() for cell in row) and (len(row) < width or filled_width(row) > width)
    ]
    counts = pd.Series({index: f"{filled_width(body[index - first_row + 2])}列" for index in uneven}, dtype=str)
    problems: list[Problem] = []
    add_row_problems(
        problems, file, pd.Index(uneven), None, counts, f"与表头一样的{width}列 (as many cells as the header)；缺少或多出的单元格会使数据错位，请补齐或删去"
    )
    return problems


def filled_width(row: list[str]) -> int:
    """Cells up to the last one that is not blank."""
    return next((i + 1 for i in range(len(row) - 1, -1, -1) if row[i].strip()), 0)


def redact_kept_text(frame: pd.DataFrame, columns: tuple[Column, ...]) -> pd.DataFrame:
    """A new frame whose kept text columns (every text column but a citizen's own) have personal numbers hidden,
    and the names of the ledger's own name columns (信访人姓名, 来电人姓名), so no message can quote them."""
    kept = [c.name for c in columns if c.kind == "text" and not c.personal]
    names = {name for c in columns if c.names for name in frame[c.name]} - {""}
    hidden = {name: redact_text(frame[name]) for name in kept}
    return frame.assign(**({name: redact_names(values, names) for name, values in hidden.items()} if names else hidden))


def trace_problems(frame: pd.DataFrame, columns: tuple[Column, ...], file: str) -> list[Problem]:
    """Warnings for free text that still looks like a person's data once numbers are hidden (a name after 联系人)."""
    problems: list[Problem] = []
    for column in (c for c in columns if c.free_text):
        traces = {text: what for text in set(frame[column.name]) if text and (what := personal_traces(text))}
        kinds = frame[column.name].map(traces)
        for what in kinds.dropna().unique():  # in the order of their first row
            add_row_problems(
                problems, file, frame.index[kinds.eq(what)], column.label, None, f"不含个人信息 (no personal data)；此处疑似{what}，请核对后删去", "warning"
            )
    return problems


@dataclass(frozen=True)
class ReadLedger:
    """A ledger as read: text cells, the cells as typed where clean-up changed them, problems found so far.

    ``typed`` maps (Excel row, column header) to the typed text, so a message shows what the clerk wrote.
    """

    frame: pd.DataFrame
    typed: dict[tuple[int, str], str]
    problems: list[Problem]


def read_ledger(path: Path, columns: tuple[Column, ...], notes: list[Problem] | None = None, sheet_names: tuple[str, ...] = ()) -> ReadLedger:
    """Read a ledger as text cells under English column names, one plain form per kind.

    Raises LedgerError when the file cannot be used at all (empty, unreadable,
    no header, required column missing, a column twice); total rows that do not
    add up and duplicate rows come back as problems, so the loader reports them
    with every cell problem at once. Rows whose cells do not line up with the
    header are refused before any column is read. Personal numbers typed into
    kept text are hidden here, before any check can quote them. Warnings
    (unknown columns, free text that still looks personal) go to ``notes``.
    Optional columns that are absent are added empty.
    """
    path = Path(path)
    rows = read_rows(path, sheet_names or (path.stem,))
    if not any(any(c.strip() for c in row) for row in rows):
        raise LedgerError([Problem(path.name, None, None, None, "有表头和数据的表格 (file is empty)")])
    header_at = locate_header(rows, columns)
    if sum(read_header_cell(cell, header_names(columns))[0] is not None for cell in rows[header_at]) < 2:
        # no header: listing the first row's cells as unknown columns would echo citizens' data
        raise LedgerError([Problem(path.name, None, None, None, "第一行或标题行下方为表头 (header row not found)")])
    positions, units, problems = header_problems(rows[header_at], columns, path.name)
    title_unit = stated_unit(rows[:header_at])
    units = {name: unit or title_unit for name, unit in units.items()}
    missing = [c for c in columns if c.required and c.name not in positions.values()]
    problems += [Problem(path.name, None, f"{c.label} ({c.name})", None, "必填列 (required column)") for c in missing]
    if notes is not None:
        notes.extend(p for p in problems if p.severity == "warning")
    body = rows[header_at + 1 :]
    raise_if(problems + width_problems(body, rows[header_at], header_at + 2, path.name))
    table = rows_to_frame(body, header_at + 2, len(rows[header_at]))
    if table.empty:
        raise LedgerError([Problem(path.name, None, None, None, "有表头和数据的表格 (file is empty)")])
    frame = pd.DataFrame({name: table[position] if position in table else pd.Series(dtype=str) for position, name in positions.items()}, index=table.index)
    for column in columns:
        if column.name not in frame.columns:
            frame[column.name] = ""
    frame = redact_kept_text(frame[[c.name for c in columns]].fillna(""), columns)
    if notes is not None:
        notes.extend(trace_problems(frame, columns, path.name))
    # only a row whose first cell names a total can be one: test those, not all 30,000
    candidates = table.index[table.apply(lambda column: column.str.contains("计", regex=False)).any(axis=1)]
    markers = {i: m for i in candidates if (m := total_marker(body[i - header_at]))}
    total = frame.index.isin(list(markers))
    typed = frame[~total].apply(lambda s: s.str.strip())
    data = clean_cells(frame[~total], columns, units)
    totals = clean_cells(frame[total], columns, units)
    changed = {(excel_row(i), c.label): typed.at[i, c.name] for c in columns for i in data.index[data[c.name].ne(typed[c.name])]}
    found = total_problems(data, totals, columns, markers, path.name) + duplicate_row_problems(data, path.name)
    # a repeated row is reported once, as a repeat, not again as a repeated id
    return ReadLedger(data[~data.duplicated()], changed, found)
