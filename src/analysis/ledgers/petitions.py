"""信访登记 (petition register): one row per batch (批次).

The petitioner's name, ID-card number and phone are replaced at ingest by a
salted hash, so repeat petitioners can be counted without identifying anyone.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from analysis.ledgers.cells import to_halfwidth
from analysis.ledgers.common import (
    YES_NO,
    YES_NO_NA,
    Column,
    Problem,
    label_of,
    map_values,
    parse_counts,
    parse_dates,
    raise_if,
    validate_schema,
)
from analysis.ledgers.reading import read_ledger
from analysis.privacy import salted_key

FILE_NAME = "petitions.csv"
COLUMNS = (
    Column("case_id", "信访件编号"),
    Column("registered_at", "登记日期", kind="date"),
    Column("form", "信访形式"),
    Column("persons", "人数", kind="count"),
    Column("leader_reception", "领导接访", aliases=("是否领导接访",)),
    Column("to_beijing", "进京访", aliases=("是否进京访",)),
    Column("repeat", "重复访", required=False, aliases=("是否重复访",)),
    Column("accepted_on_time", "及时受理"),
    Column("dept_accepted_on_time", "责任部门及时受理"),
    Column("replied_on_time", "按期答复"),
    Column("resolved_first_time", "一次性化解"),
    Column("issue_type", "问题类别", free_text=True),
    Column("petitioner_name", "信访人姓名", required=False, aliases=("信访人", "姓名"), personal=True, names=True),
    Column("id_number", "身份证号", required=False, aliases=("身份证号码", "证件号码", "公民身份号码"), personal=True),
    Column("phone", "联系电话", required=False, aliases=("手机号", "手机号码", "联系方式"), personal=True),
)
PERSONAL_COLUMNS = tuple(c.name for c in COLUMNS if c.personal)
FORMS = ("来信", "来访", "网上", "电话")  # the four forms of the Regulations on Letters and Visits
RATE_FIELDS = ("accepted_on_time", "dept_accepted_on_time", "replied_on_time", "resolved_first_time")
FLAG_FIELDS = ("leader_reception", "to_beijing")

SCHEMA = pa.DataFrameSchema({"case_id": pa.Column(str, pa.Check.str_length(min_value=1), unique=True)})
EXPLAIN = {"case_id": "不重复、非空的信访件编号 (unique case id)"}


def hash_petitioner(frame: pd.DataFrame, salt: bytes) -> pd.Series:
    """Salted SHA-256 of the petitioner's ID number (else name + phone); '' when none given."""
    contact = (frame["petitioner_name"] + "|" + frame["phone"]).replace("|", "")
    # one person, one key: 43000019900101123x and ４３…１２３X are the same ID
    id_number = frame["id_number"].map(to_halfwidth).str.replace(r"\s", "", regex=True).str.upper()
    identity = id_number.where(id_number.ne(""), contact)
    return salted_key(identity, salt)


def load_petitions(path: Path, fiscal_year: int, salt: bytes, notes: list[Problem] | None = None, names: set[str] | None = None) -> pd.DataFrame:
    """Load and validate petition batches registered in the fiscal year.

    Returns case_id, registered_at, form (来信/来访/网上/电话), persons,
    leader_reception, to_beijing, repeat, the four on-time fields
    (True/False/None when not applicable), issue_type and petitioner_key
    (salted hash). Names, ID numbers and phones are not returned; the names
    are added to ``names``, so that ingest can hide them wherever else they were typed.
    """
    path = Path(path)
    read = read_ledger(path, COLUMNS, notes)
    raw, typed, problems = read.frame, read.typed, read.problems
    if names is not None:
        names.update(set(raw["petitioner_name"]) - {""})
    frame = raw.assign(
        form=map_values(raw["form"], {form: form for form in FORMS}, path.name, "信访形式", problems),
        registered_at=parse_dates(raw["registered_at"], path.name, "登记日期", fiscal_year, problems, with_time=False),
        persons=parse_counts(raw["persons"], path.name, "人数", 1, problems),
        repeat=map_values(raw["repeat"].replace("", "否"), YES_NO, path.name, "重复访", problems),
        petitioner_key=hash_petitioner(raw, salt),
        **{f: map_values(raw[f], YES_NO, path.name, label_of(COLUMNS, f), problems) for f in FLAG_FIELDS},
        **{f: map_values(raw[f], YES_NO_NA, path.name, label_of(COLUMNS, f), problems) for f in RATE_FIELDS},
    ).drop(columns=list(PERSONAL_COLUMNS))
    validate_schema(frame, SCHEMA, path.name, COLUMNS, EXPLAIN, problems)
    raise_if(problems, typed)
    return frame.astype({"persons": "int64"}).reset_index(drop=True)
