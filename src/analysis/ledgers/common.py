"""What every ledger shares: its column declarations, problems located as Excel shows them, cell converters.

Ledgers are read as text (ledgers/reading.py), so codes keep their leading
zeros, and converted column by column here. Problems are collected, not raised
one at a time, so a clerk sees every bad cell of a file at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

import pandas as pd
import pandera.errors
import pandera.pandas as pa

from analysis.files import visible
from analysis.ledgers.cells import impossible_date
from analysis.limits import MAX_AMOUNT_YUAN, MAX_PROBLEMS_PER_RULE, LimitExceeded
from analysis.money import AmountError, parse_yuan_to_fen
from analysis.privacy import redact_string

# Files whose places are keys (staffing.2025.confirmed), not columns of a table.
KEYED_FILES = (".yaml", ".yml")
YES_NO = {"是": True, "否": False}
YES_NO_NA = {"是": True, "否": False, "不适用": None, "": None}


@dataclass(frozen=True)
class Column:
    """One ledger column: English name, Chinese header, other headers exports use, whether required.

    ``kind`` says how cells are cleaned up on reading (text, amount, count,
    date, datetime, code); ``blank_zero`` lets an empty amount mean 0.
    ``personal`` marks a citizen's own data (name, phone, ID, their words):
    read only to be dropped or hashed, and never shown in a message.
    ``free_text`` marks text a clerk writes freely (a summary, a topic), where
    personal data typed by mistake is looked for after redaction. ``names``
    marks a personal column of citizens' names, hidden wherever else they appear.
    """

    name: str
    label: str
    required: bool = True
    aliases: tuple[str, ...] = ()
    kind: str = "text"
    blank_zero: bool = False
    personal: bool = False
    free_text: bool = False
    names: bool = False


@dataclass(frozen=True)
class Problem:
    """One bad cell or file, located as a clerk would find it in Excel.

    ``more`` > 0 makes it the last line of a rule whose other problems are not listed one by one.
    """

    file: str
    row: int | None
    column: str | None
    value: str | None
    expected: str
    severity: str = "error"
    more: int = 0

    def __post_init__(self) -> None:
        # value and column (a header as typed) are shown to the clerk and written to validation.csv: a phone or ID
        # typed into them is hidden, and control characters (a terminal's escape codes) made visible, here, once for all
        for name in ("value", "column"):
            text = getattr(self, name)
            if text is not None:
                object.__setattr__(self, name, visible(redact_string(text)))

    @property
    def explanation(self) -> str:
        """What was expected, and for the last line of a capped rule how many more problems it has."""
        return self.expected + (f"；此规则另有{self.more}处同类问题未列出 (more of the same not listed)" if self.more else "")

    def describe(self) -> str:
        """One line of Chinese explanation, with the English term beside it."""
        where = ("提示 (warning)：" if self.severity == "warning" else "") + self.file
        if self.row is not None:
            where += f" 第{self.row}行 (row)"
        if self.column and self.file.endswith(KEYED_FILES):
            where += f" 键「{self.column}」(key)"
        elif self.column:
            where += f" 列「{self.column}」(column)"
        value = f"：值「{self.value}」(value)" if self.value is not None else ""
        return f"{where}{value}，应为 (expected)：{self.explanation}"


def rule_of(problem: Problem) -> tuple[str, str, str | None, str]:
    """What makes two problems the same rule: severity, file, column and what was expected."""
    return problem.severity, problem.file, problem.column, problem.expected


def more_problems(problem: Problem, count: int) -> Problem:
    """The line that stands for ``count`` further problems of ``problem``'s rule."""
    return Problem(problem.file, None, problem.column, None, problem.expected, problem.severity, more=count)


def cap_problems(problems: list[Problem]) -> list[Problem]:
    """At most MAX_PROBLEMS_PER_RULE problems of each rule, in order; each rule's rest counted in one line after its last."""
    limit = MAX_PROBLEMS_PER_RULE.value
    totals: dict[tuple, int] = {}
    last: dict[tuple, int] = {}
    for position, problem in enumerate(problems):
        rule = rule_of(problem)
        totals[rule] = totals.get(rule, 0) + max(problem.more, 1)
        last[rule] = position
    capped, listed = [], dict.fromkeys(totals, 0)
    for position, problem in enumerate(problems):
        rule = rule_of(problem)
        if problem.more == 0 and listed[rule] < limit:
            capped.append(problem)
            listed[rule] += 1
        if position == last[rule] and totals[rule] > listed[rule]:
            capped.append(more_problems(problem, totals[rule] - listed[rule]))
    return capped


def add_row_problems(
    problems: list[Problem],
    file: str,
    indexes: pd.Index,
    column: str | None,
    values: pd.Series | None,
    expected: str,
    severity: str = "error",
    details: pd.Series | None = None,
) -> None:
    """Add a problem for each data index (row index + 2 is the Excel row), at most MAX_PROBLEMS_PER_RULE; the rest are counted.

    ``values`` gives each row's cell as typed; None when the cell is not shown. ``details`` adds a row's own words
    to ``expected`` (one rule, however its rows differ, so one cap).
    """
    limit = MAX_PROBLEMS_PER_RULE.value
    for index in indexes[:limit]:
        value = None if values is None else values[index]
        said = expected if details is None else f"{expected}；{details[index]}"
        problems.append(Problem(file, excel_row(index), column, value, said, severity))
    if len(indexes) > limit:
        problems.append(more_problems(Problem(file, None, column, None, expected, severity), len(indexes) - limit))


def count_problems(problems: list[Problem]) -> int:
    """How many problems ``problems`` stands for, those counted in a capped rule's last line included."""
    return sum(max(problem.more, 1) for problem in problems)


def problem_order(problem: Problem) -> tuple:
    """Problems by file, then row, each rule's count of the unlisted after the listed."""
    return problem.file, problem.more > 0, problem.row or 0, problem.column or ""


MAX_LISTED_PROBLEMS = 50
# What a ledger, department.yaml or narrative.md must be: a folder is no file, a pipe waits forever, a device never ends.
NOT_A_FILE = "普通文件 (a regular file)；此处是目录、管道或设备"


class LedgerError(ValueError):
    """A ledger that cannot be used; carries every problem found in it.

    The message lists the first MAX_LISTED_PROBLEMS; ``problems`` holds all.
    """

    def __init__(self, problems: list[Problem]):
        problems = cap_problems([p for p in problems if p.severity == "error"])
        self.problems = sorted(problems, key=problem_order)
        lines = "\n".join(p.describe() for p in self.problems[:MAX_LISTED_PROBLEMS])
        more = len(problems) - MAX_LISTED_PROBLEMS
        tail = f"\n……另有{more}行问题未列出 (more problems not listed)" if more > 0 else ""
        super().__init__(f"台账校验失败 (ledger validation failed)，共{count_problems(problems)}处问题：\n{lines}{tail}")


def limit_problem(file: str, error: LimitExceeded, row: int | None = None) -> Problem:
    """A passed limit as a problem of ``file``: the expected text names the limit and what was found."""
    return Problem(file, row, None, None, error.limit.refusal(error.found))


def excel_row(index: int) -> int:
    """Row number Excel shows for a 0-based data index (header is row 1)."""
    return int(index) + 2


def label_of(columns: tuple[Column, ...], name: str) -> str:
    """Chinese header of a column, for messages."""
    return next((c.label for c in columns if c.name == name), name)


def parse_dates(values: pd.Series, file: str, label: str, fiscal_year: int | None, problems: list[Problem], with_time: bool) -> pd.Series:
    """Parse ISO dates (or date-times) into datetime64; bad or out-of-year cells become problems."""
    fmt = "%Y-%m-%d %H:%M:%S" if with_time else "%Y-%m-%d"
    parsed = pd.to_datetime(values, format=fmt, errors="coerce")
    expected = "日期 (date) YYYY-MM-DD" + (" HH:MM:SS" if with_time else "")
    unread = values[parsed.isna() & values.ne("")]
    impossible = unread.map(impossible_date)
    # an impossible date or time is said to be one, once: not also a bad format
    add_row_problems(problems, file, unread.index[impossible.isna()], label, values, expected)
    add_row_problems(problems, file, impossible.dropna().index, label, values, "真实存在的日期 (a real date)", details=impossible)
    if fiscal_year is not None:
        outside = parsed.notna() & parsed.dt.year.ne(fiscal_year)
        add_row_problems(problems, file, values.index[outside], label, values, f"{fiscal_year}年内的日期 (date in fiscal year)")
    return parsed


def unreadable(cells: pd.Series, parsed: pd.Series) -> pd.Series:
    """Cells typed but not readable (their problem is already listed): rules about them are not judged again."""
    return cells.ne("") & parsed.isna()


def map_values(values: pd.Series, mapping: Mapping[str, object], file: str, label: str, problems: list[Problem]) -> pd.Series:
    """Map coded text (是/否, 自办/交办, ...) to values; unknown text becomes a problem."""
    unknown = ~values.isin(list(mapping))
    allowed = "/".join(k for k in mapping if k) or "—"
    add_row_problems(problems, file, values.index[unknown], label, values, f"以下之一 (one of)：{allowed}")
    return values.map(mapping)


def parse_amounts(values: pd.Series, file: str, problems: list[Problem], label: str = "金额", allow_zero: bool = False) -> pd.Series:
    """Yuan text to integer fen, positive (or zero when allowed); other cells become problems and <NA>."""
    fen: list[int | None] = []
    unreadable, out_of_range, too_large = [], [], []
    for index, text in values.items():
        try:
            amount = parse_yuan_to_fen(text)
        except AmountError:
            unreadable.append(index)
            amount = None
        if amount is not None and (amount < 0 or (amount == 0 and not allow_zero)):
            out_of_range.append(index)
            amount = None
        if amount is not None and amount > MAX_AMOUNT_YUAN.value * 100:
            too_large.append(index)
            amount = None
        fen.append(amount)
    add_row_problems(problems, file, pd.Index(unreadable), label, values, "以元为单位、最多两位小数的数字 (amount in yuan)")
    expected = "不小于0的金额 (amount ≥ 0)" if allow_zero else "非零正数金额 (positive amount)"
    add_row_problems(problems, file, pd.Index(out_of_range), label, values, expected)
    add_row_problems(problems, file, pd.Index(too_large), label, values, MAX_AMOUNT_YUAN.refusal())
    return pd.Series(fen, index=values.index, dtype="Int64")


def find_unnamed_projects(frame: pd.DataFrame, file: str, problems: list[Problem]) -> None:
    """Project spending (or budget) lines must name their project."""
    unnamed = frame.index[frame["spending_type"].eq("project") & frame["project"].eq("")]
    add_row_problems(problems, file, unnamed, "项目名称", frame["project"], "项目支出须填写项目名称 (project name required)")


def parse_counts(values: pd.Series, file: str, label: str, minimum: int, problems: list[Problem]) -> pd.Series:
    """Whole-number text (人数, 人次) to integers ≥ minimum; anything else becomes a problem and <NA>."""
    numbers = pd.to_numeric(values.where(values.str.fullmatch(r"\d+"), None), errors="coerce").astype("Int64")
    bad = numbers.isna() | (numbers < minimum)
    add_row_problems(problems, file, values.index[bad.fillna(True)], label, values, f"不小于{minimum}的整数 (whole number ≥ {minimum})")
    return numbers


def problems_from_schema_errors(error: pandera.errors.SchemaErrors, file: str, columns: tuple[Column, ...], explain: dict[str, str]) -> list[Problem]:
    """Turn pandera's collected failure cases into clerk-readable problems.

    ``explain`` maps a column name to what was expected there, in Chinese.
    """
    problems = []
    for case in error.failure_cases.itertuples(index=False):
        index = case.index
        row = excel_row(index) if index is not None and not pd.isna(index) else None
        column = case.column if isinstance(case.column, str) else None
        expected = explain.get(column or "", str(case.check))
        value = None if pd.isna(case.failure_case) else str(case.failure_case)
        problems.append(Problem(file, row, label_of(columns, column) if column else None, value, expected))
    return cap_problems(problems)


def validate_schema(
    frame: pd.DataFrame,
    schema: pa.DataFrameSchema,
    file: str,
    columns: tuple[Column, ...],
    explain: dict[str, str],
    problems: list[Problem],
) -> None:
    """Run a pandera schema lazily and add every failure to ``problems``."""
    try:
        schema.validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as error:
        problems.extend(problems_from_schema_errors(error, file, columns, explain))


def raise_if(problems: list[Problem], typed: dict[tuple[int, str], str] | None = None) -> None:
    """Raise LedgerError when any error (not a mere warning) was collected.

    ``typed`` maps (Excel row, column header) to the text as typed, for cells
    that reading cleaned up, so a message shows what the clerk actually wrote.
    """
    if any(p.severity == "error" for p in problems):
        typed = typed or {}
        # a problem without row or column (a whole file's or column's) has no typed cell
        raise LedgerError([replace(p, value=p.value if p.row is None or p.column is None else typed.get((p.row, p.column), p.value)) for p in problems])
