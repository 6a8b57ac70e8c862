"""支出明细账 (expenditure ledger): one row per posting, amounts in yuan.

The loaded frame holds integer fen in ``amount_fen`` and the basic-spending
category of each row (personnel = classes 301 + 303, public = 302 + 310) from
the economic-class table shipped with the package.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from analysis.ledgers.common import (
    Column,
    Problem,
    add_row_problems,
    find_unnamed_projects,
    map_values,
    parse_amounts,
    parse_dates,
    raise_if,
    validate_schema,
)
from analysis.ledgers.reading import read_ledger
from analysis.paths import ECON_CLASSES_PATH

FILE_NAME = "expenditure.csv"
COLUMNS = (
    Column("voucher_id", "凭证号"),
    Column("date", "日期", aliases=("记账日期",), kind="date"),
    Column("spending_type", "支出类型"),
    Column("econ_code", "经济分类科目编码", kind="code"),
    Column("econ_name", "经济分类科目名称", required=False, free_text=True),
    Column("func_code", "功能分类科目编码", required=False, kind="code"),
    Column("fund_source", "资金性质", required=False, aliases=("资金来源",)),
    Column("project", "项目名称", required=False, free_text=True),
    Column("amount", "金额", kind="amount"),
    Column("summary", "摘要", required=False, free_text=True),
)
SPENDING_TYPES = {"基本支出": "basic", "项目支出": "project"}
FUND_SOURCES = ("一般公共预算", "政府性基金预算", "国有资本经营预算", "社会保险基金预算")
DEFAULT_FUND_SOURCE = FUND_SOURCES[0]

SCHEMA = pa.DataFrameSchema(
    {
        "voucher_id": pa.Column(str, pa.Check.str_length(min_value=1), unique=True),
        "econ_code": pa.Column(str, pa.Check.str_matches(r"^\d{5}$")),
        "func_code": pa.Column(str, pa.Check.str_matches(r"^(\d{3}|\d{5}|\d{7})?$")),
        "fund_source": pa.Column(str, pa.Check.isin(FUND_SOURCES)),
    }
)
EXPLAIN = {
    "voucher_id": "不重复、非空的凭证号 (unique voucher id)",
    "econ_code": "5位经济分类科目编码，如30201 (5-digit economic code)",
    "func_code": "功能分类科目编码，3/5/7位数字或空 (functional code)",
    "fund_source": "资金性质之一 (fund source)：" + "/".join(FUND_SOURCES),
}


def load_econ_classes() -> pd.DataFrame:
    """The economic-class table: econ_class (3 digits), name, basic_category."""
    return pd.read_csv(ECON_CLASSES_PATH, dtype=str, keep_default_na=False)


def classify_basic(frame: pd.DataFrame, classes: pd.DataFrame, file: str, problems: list[Problem]) -> pd.Series:
    """Category of each row: personnel/public for basic spending, '' for project spending.

    A basic-spending row whose economic class has no category is a problem.
    """
    category = frame["econ_class"].map(dict(zip(classes["econ_class"], classes["basic_category"])))
    unknown = category.isna() & frame["econ_code"].str.fullmatch(r"\d{5}")
    add_row_problems(problems, file, frame.index[unknown], "经济分类科目编码", frame["econ_code"], "有效的经济分类科目 (known economic class)")
    uncategorised = frame["spending_type"].eq("basic") & category.eq("")
    add_row_problems(problems, file, frame.index[uncategorised], "经济分类科目编码", frame["econ_code"], "基本支出须为301/302/303/310类 (basic spending class)")
    return category.fillna("").where(frame["spending_type"].eq("basic"), "")


def load_expenditure(path: Path, fiscal_year: int, notes: list[Problem] | None = None) -> pd.DataFrame:
    """Load and validate an expenditure ledger; amounts in fen.

    Returns columns voucher_id, date, spending_type (basic/project), econ_code,
    econ_class, category (personnel/public/''), econ_name, func_code,
    fund_source, project, amount_fen, summary. Raises LedgerError listing
    every problem found.
    """
    path = Path(path)
    read = read_ledger(path, COLUMNS, notes)
    raw, typed, problems = read.frame, read.typed, read.problems
    frame = raw.assign(
        date=parse_dates(raw["date"], path.name, "日期", fiscal_year, problems, with_time=False),
        spending_type=map_values(raw["spending_type"], SPENDING_TYPES, path.name, "支出类型", problems),
        fund_source=raw["fund_source"].replace("", DEFAULT_FUND_SOURCE),
        amount_fen=parse_amounts(raw["amount"], path.name, problems),
        econ_class=raw["econ_code"].str[:3],
    ).drop(columns="amount")
    frame = frame.assign(category=classify_basic(frame, load_econ_classes(), path.name, problems))
    find_unnamed_projects(frame, path.name, problems)
    validate_schema(frame, SCHEMA, path.name, COLUMNS, EXPLAIN, problems)
    raise_if(problems, typed)
    return frame.astype({"amount_fen": "int64"})[
        [
            "voucher_id",
            "date",
            "spending_type",
            "econ_code",
            "econ_class",
            "category",
            "econ_name",
            "func_code",
            "fund_source",
            "project",
            "amount_fen",
            "summary",
        ]
    ].reset_index(drop=True)


def unused_econ_classes(frame: pd.DataFrame) -> list[str]:
    """Basic-spending classes in the mapping table that no basic row used (a warning, not an error)."""
    classes = load_econ_classes()
    mapped = classes.loc[classes["basic_category"].ne(""), "econ_class"]
    used = set(frame.loc[frame["spending_type"].eq("basic"), "econ_class"])
    return sorted(set(mapped) - used)
