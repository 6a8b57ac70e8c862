"""12345工单 (hotline work orders): one row per order.

The citizen's text, phone number and name are read only to be dropped: they
never leave this module (the names only to be hidden where a clerk typed them).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from analysis.ledgers.common import (
    YES_NO,
    Column,
    Problem,
    add_row_problems,
    label_of,
    map_values,
    parse_dates,
    raise_if,
    unreadable,
    validate_schema,
)
from analysis.ledgers.reading import read_ledger

FILE_NAME = "hotline_orders.csv"
COLUMNS = (
    Column("order_id", "工单编号"),
    Column("received_at", "受理时间", kind="datetime"),
    Column("channel", "来源渠道"),
    Column("category", "诉求类型"),
    Column("topic", "诉求主题", aliases=("诉求领域",), free_text=True),
    Column("handling", "办理方式"),
    Column("assigned_unit", "承办单位", required=False, free_text=True),
    Column("status", "办理状态"),
    Column("closed_at", "办结时间", required=False, kind="datetime"),
    Column("callback", "是否回访"),
    Column("satisfaction", "满意度", aliases=("回访评价",)),
    Column("content", "诉求内容", required=False, personal=True),
    Column("caller_phone", "来电号码", required=False, aliases=("联系电话", "手机号", "手机号码"), personal=True),
    Column("caller_name", "来电人姓名", required=False, aliases=("来电人", "联系人", "诉求人", "姓名"), personal=True, names=True),
)
PERSONAL_COLUMNS = tuple(c.name for c in COLUMNS if c.personal)
HANDLING = {"自办": "self", "交办": "assigned"}
CHANNELS = ("电话", "微信", "网站", "APP", "省平台转办", "领导信箱")
CATEGORIES = ("咨询", "求助", "投诉", "举报", "建议", "表扬", "其他")
STATUS = {"已办结": True, "办理中": False}
SATISFACTION = {"满意": "satisfied", "基本满意": "basically_satisfied", "不满意": "dissatisfied", "未评价": "unrated"}

SCHEMA = pa.DataFrameSchema({"order_id": pa.Column(str, pa.Check.str_length(min_value=1), unique=True)})
EXPLAIN = {"order_id": "不重复、非空的工单编号 (unique order id)"}


def find_order_problems(frame: pd.DataFrame, cells: pd.DataFrame, file: str, problems: list[Problem]) -> None:
    """Rules between columns: closing time present exactly for closed orders and not before receipt,
    a responsible unit for every 交办 order, a rating only after a call-back."""
    typed_closing = unreadable(cells["closed_at"], frame["closed_at"])  # its own problem is listed already
    rules = (
        (frame["closed"].eq(True) & frame["closed_at"].isna() & ~typed_closing, "closed_at", "已办结工单须有办结时间 (closed_at required)"),
        (frame["closed"].eq(False) & frame["closed_at"].notna(), "closed_at", "办理中的工单办结时间留空 (empty while open)"),
        (frame["closed_at"].notna() & (frame["closed_at"] < frame["received_at"]), "closed_at", "不早于受理时间 (not before received_at)"),
        (frame["handling"].eq("assigned") & cells["assigned_unit"].eq(""), "assigned_unit", "交办工单须填写承办单位 (unit required)"),
        (
            frame["callback"].eq(False) & frame["satisfaction"].ne("unrated") & frame["satisfaction"].notna(),
            "satisfaction",
            "未回访的工单填“未评价” (unrated without call-back)",
        ),
    )
    for mask, column, expected in rules:
        add_row_problems(problems, file, frame.index[mask.fillna(False)], label_of(COLUMNS, column), cells[column], expected)


def find_unlisted_values(cells: pd.DataFrame, file: str, problems: list[Problem]) -> None:
    """Channel and request type, when filled in, come from the platform's fixed lists."""
    for column, allowed in (("channel", CHANNELS), ("category", CATEGORIES)):
        unlisted = cells.index[cells[column].ne("") & ~cells[column].isin(allowed)]
        add_row_problems(problems, file, unlisted, label_of(COLUMNS, column), cells[column], f"以下之一 (one of)：{'/'.join(allowed)}")


def load_hotline(path: Path, fiscal_year: int, notes: list[Problem] | None = None, names: set[str] | None = None) -> pd.DataFrame:
    """Load and validate hotline orders received in the fiscal year.

    Returns order_id, received_at, channel, category, topic, handling
    (self/assigned), assigned_unit, closed (bool), closed_at, callback (bool),
    satisfaction (satisfied/basically_satisfied/dissatisfied/unrated). The
    citizen's text, phone and name are not returned; callers' names are added
    to ``names``, so that ingest can hide them wherever else they were typed.
    """
    path = Path(path)
    read = read_ledger(path, COLUMNS, notes)
    if names is not None:
        names.update(set(read.frame["caller_name"]) - {""})
    raw, typed, problems = read.frame.drop(columns=list(PERSONAL_COLUMNS)), read.typed, read.problems
    frame = raw.assign(
        received_at=parse_dates(raw["received_at"], path.name, "受理时间", fiscal_year, problems, with_time=True),
        closed_at=parse_dates(raw["closed_at"], path.name, "办结时间", None, problems, with_time=True),
        handling=map_values(raw["handling"], HANDLING, path.name, "办理方式", problems),
        closed=map_values(raw["status"], STATUS, path.name, "办理状态", problems),
        callback=map_values(raw["callback"], YES_NO, path.name, "是否回访", problems),
        satisfaction=map_values(raw["satisfaction"], SATISFACTION, path.name, "满意度", problems),
    ).drop(columns="status")
    find_order_problems(frame, raw, path.name, problems)
    find_unlisted_values(raw, path.name, problems)
    validate_schema(frame, SCHEMA, path.name, COLUMNS, EXPLAIN, problems)
    raise_if(problems, typed)
    return frame.astype({"closed": bool, "callback": bool}).reset_index(drop=True)
