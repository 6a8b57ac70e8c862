"""Make a fiscal year's exported ledgers from the previous year's, for trying out `jixiao new-year`.

    python scripts/make_next_year.py --dept DEPT --year YEAR [--data-dir DIR] [--seed TEXT]

Reads every CSV ledger of DIR/DEPT/YEAR-1 and writes it to DIR/DEPT/YEAR with:

* every date and date-time one year later; a day with no counterpart (Feb 29 of a leap year)
  is moved to Feb 28, keeping the record (see shift_year), and the script says how many it moved;
* ids renumbered in date order with the new year in them (记-2024-0007 → 记-2025-0001,
  QC24000001 → QC25000001, QCXF2024-0001 → QCXF2025-0001): the id's year, in 4 or 2 digits,
  is found before its running number;
* amounts varied, one factor per budget line (basic spending, or a project) and a little per
  row, from a seeded random generator, so the year differs and budget and spending still match;
  the same seed gives the same files.

It writes only into a year folder that holds no ledger yet (the one `jixiao new-year` made, or a
new one), never over an existing ledger. The column kinds come from the ledger modules, so the
script knows which columns are dates, amounts and ids. Only CSV ledgers are read.
"""

from __future__ import annotations

import argparse
import calendar
import csv
import io
import random
import re
import sys
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from analysis.files import write_text_atomic
from analysis.ledgers.common import Column
from analysis.ledgers.registry import LEDGERS, ledger_file
from analysis.paths import RAW_DIR, year_raw_dir

DATE_FORMS = {"date": "%Y-%m-%d", "datetime": "%Y-%m-%d %H:%M:%S"}
CENT = Decimal("0.01")


def shift_year(text: str, form: str) -> tuple[str, bool]:
    """A date (or date-time) text one year later, and whether it was Feb 29 moved to Feb 28.

    A leap year's Feb 28 and 29 become the next year's Feb 28 at half speed (Feb 29 12:00 →
    Feb 28 18:00), so that no time overtakes another: an order closed on Feb 29 is never
    closed before it was received on Feb 28. A date without time on Feb 29 is simply Feb 28.
    """
    moment = datetime.strptime(text, form)
    if not (moment.month == 2 and moment.day >= 28 and calendar.isleap(moment.year)):
        return moment.replace(year=moment.year + 1).strftime(form), False
    since = moment - datetime(moment.year, 2, 28)
    shifted = datetime(moment.year + 1, 2, 28) + timedelta(seconds=since.total_seconds() // 2)
    return shifted.strftime(form), moment.day == 29


def column_of(header: list[str], column: Column) -> int | None:
    """The position of a declared column in a file's header (by name, label or alias); None when absent."""
    names = {column.name, column.label, *column.aliases}
    return next((n for n, cell in enumerate(header) if cell.strip() in names), None)


def renumber(ids: list[str], year: int) -> list[str]:
    """Ids 1, 2, … in the form of the first, with ``year`` where the previous year stood (4 or 2 digits)."""
    found = re.fullmatch(rf"(?P<prefix>\D*?)(?P<year>{year - 1}|{(year - 1) % 100:02d})(?P<sep>\D*)(?P<seq>\d+)", ids[0])
    if found is None:
        return ids  # no year in the id: the ids stay as they were
    stamp = str(year) if len(found["year"]) == 4 else f"{year % 100:02d}"
    width = len(found["seq"])
    return [f"{found['prefix']}{stamp}{found['sep']}{n:0{width}d}" for n in range(1, len(ids) + 1)]


def vary(text: str, factor: Decimal, rng: random.Random) -> str:
    """An amount in yuan times ``factor`` and a per-row wobble of ±3%, to the fen; blanks stay blank."""
    if not text.strip():
        return text
    wobble = Decimal(rng.randint(970, 1030)) / 1000
    return str(max((Decimal(text) * factor * wobble).quantize(CENT, ROUND_HALF_UP), CENT))


def vary_count(body: list[list[str]], rng: random.Random) -> list[list[str]]:
    """Rows of a ledger of events (orders, petitions, activities), a few more or fewer than last year's
    (between −6% and +8%), so service figures change from year to year like spending does."""
    target = round(len(body) * rng.randint(940, 1080) / 1000)
    if target <= len(body):
        kept = sorted(rng.sample(range(len(body)), target))
        return [body[i] for i in kept]
    return body + [list(body[rng.randrange(len(body))]) for _ in range(target - len(body))]


def next_year_rows(
    rows: list[list[str]], columns: tuple[Column, ...], year: int, factors: dict[str, Decimal], rng: random.Random
) -> tuple[list[list[str]], int]:
    """A ledger's rows (header first) for ``year``: dates shifted, sorted by the first date, ids renumbered, amounts varied."""
    header, body = rows[0], [list(row) for row in rows[1:] if any(cell.strip() for cell in row)]
    if not any(c.kind == "amount" for c in columns):
        body = vary_count(body, rng)
    where = {c.name: column_of(header, c) for c in columns}
    moved = 0
    for column in (c for c in columns if c.kind in DATE_FORMS and where[c.name] is not None):
        for row in body:
            if row[where[column.name]].strip():
                row[where[column.name]], leap = shift_year(row[where[column.name]].strip(), DATE_FORMS[column.kind])
                moved += leap
    first_date = next((where[c.name] for c in columns if c.kind in DATE_FORMS and where[c.name] is not None), None)
    if first_date is not None:
        body.sort(key=lambda row: row[first_date])
    id_column = next((where[c.name] for c in columns if c.name.endswith("_id") and where[c.name] is not None), None)
    if id_column is not None and body:
        for row, new_id in zip(body, renumber([row[id_column] for row in body], year), strict=True):
            row[id_column] = new_id
    project = where.get("project")
    for column in (c for c in columns if c.kind == "amount" and where[c.name] is not None):
        for row in body:
            line = row[project] if project is not None else ""
            factor = factors.setdefault(line, Decimal(rng.randint(920, 1120)) / 1000)
            row[where[column.name]] = vary(row[where[column.name]], factor, rng)
    return [header, *body], moved


def make_next_year(data_dir: Path, dept: str, year: int, seed: str) -> list[str]:
    """Write YEAR's ledgers from YEAR-1's; one line per file written, saying how many rows and leap days moved."""
    source, target = year_raw_dir(data_dir, dept, year - 1), year_raw_dir(data_dir, dept, year)
    if not source.is_dir():
        raise ValueError(f"未找到上一年度目录 (previous year missing)：{source}")
    existing = [path.name for module in LEDGERS.values() if (path := ledger_file(target, module))] if target.is_dir() else []
    if existing:
        raise ValueError(f"{target} 已有台账 (ledgers exist)：{'、'.join(existing)}；不会覆盖，请换一个年度或目录")
    rng, factors, report = random.Random(f"{seed}:{dept}:{year}"), {}, []
    target.mkdir(parents=True, exist_ok=True)
    for module in LEDGERS.values():  # expenditure before budget: both lines of one project get one factor
        path = ledger_file(source, module)
        if path is None or path.suffix != ".csv":
            continue
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
        new_rows, moved = next_year_rows(rows, module.COLUMNS, year, factors, rng)
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(new_rows)
        write_text_atomic(target / module.FILE_NAME, out.getvalue())
        leap = f"，{moved}处2月29日移到2月28日 (Feb 29 moved to Feb 28)" if moved else ""
        report.append(f"{target / module.FILE_NAME}：{len(new_rows) - 1}行{leap}")
    return report


def main(argv: list[str] | None = None) -> int:
    """Command line: --dept, --year, --data-dir (default data/raw), --seed."""
    parser = argparse.ArgumentParser(description="由上一年度台账生成本年度示例台账 (make next year's sample ledgers)")
    parser.add_argument("--dept", required=True)
    parser.add_argument("--year", required=True, type=int)
    parser.add_argument("--data-dir", type=Path, default=RAW_DIR)
    parser.add_argument("--seed", default="jixiao-next-year")
    args = parser.parse_args(argv)
    try:
        lines = make_next_year(args.data_dir, args.dept, args.year, args.seed)
    except ValueError as error:
        print(f"未生成 (nothing written)：{error}", file=sys.stderr)
        return 2
    for line in lines:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
