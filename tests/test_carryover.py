"""A new fiscal year: the review marker, the carry-over warnings, staffing keys and impossible dates (hand-worked cases)."""

from __future__ import annotations

import re

import pytest

from analysis.carryover import (
    REVIEW_MARKER,
    carryover_lines,
    check_narrative_carried,
    check_reasons_carried,
    check_staffing_confirmed,
    comparable_text,
    find_contradiction,
)
from analysis.ledgers.cells import impossible_date
from analysis.ledgers.common import LedgerError
from analysis.ledgers.department import load_department
from analysis.ledgers.hotline import load_hotline
from analysis.narrative import Narrative
from analysis.newyear import add_staffing, mark_narrative, mark_sentences
from analysis.reconcile import compare_item

M = REVIEW_MARKER


def test_a_sentence_with_a_typed_figure_is_marked_and_one_with_placeholders_only_is_not() -> None:
    text = "2. 全年受理{{ hotline.orders }}件。摘除牌子60余块；办结{{ hotline.closed }}件。"
    assert mark_sentences(text) == (f"2. 全年受理{{{{ hotline.orders }}}}件。{M}摘除牌子60余块；办结{{{{ hotline.closed }}}}件。", 1)
    assert mark_sentences("提升12345热线办理质效。") == ("提升12345热线办理质效。", 0)  # the hotline's name is no figure


def test_every_reason_is_marked_once_and_headings_stay() -> None:
    text = "## 绩效情况\n\n1. 制度14项。\n\n## 变动原因\n\n- 项目支出: 新增项目\n- 信访经费：" + M + "已标记\n"
    marked, marks = mark_narrative(text)
    assert marked == f"## 绩效情况\n\n1. {M}制度14项。\n\n## 变动原因\n\n- 项目支出: {M}新增项目\n- 信访经费：{M}已标记\n"
    assert marks == 2  # the sentence and the one reason not yet marked


def test_staffing_is_copied_newest_first_unconfirmed_with_comments_kept() -> None:
    text = "name: x\nstaffing:\n  # comment kept\n  2024: {authorised_admin: 3, retired: 1}\n  2023: {authorised_admin: 2, retired: 1}\nother: 1\n"
    new, latest = add_staffing(text, 2025)
    assert latest == 2024
    assert new == (
        "name: x\nstaffing:\n  # comment kept\n  2025: {confirmed: false, authorised_admin: 3, retired: 1}\n"
        "  2024: {authorised_admin: 3, retired: 1}\n  2023: {authorised_admin: 2, retired: 1}\nother: 1\n"
    )


def test_block_style_staffing_in_ascending_order_gets_the_new_year_after_the_last() -> None:
    text = "staffing:\n  2023:\n    retired: 1\n  2024:\n    retired: 2\nname: x\n"
    new, latest = add_staffing(text, 2025)
    assert (new, latest) == ("staffing:\n  2023:\n    retired: 1\n  2024:\n    retired: 2\n  2025:\n    confirmed: false\n    retired: 2\nname: x\n", 2024)
    assert add_staffing(text, 2024) is None  # never over a year that is there
    assert add_staffing("name: x\n", 2025) is None


def test_a_confirmed_year_is_carried_unconfirmed_with_one_confirmed_key() -> None:
    """Confirming 2025 as the README says, then starting 2026: the copy must not keep 2025's confirmed: true."""
    flow = "staffing:\n  2025: {authorised_admin: 3, confirmed: true}\n"
    assert add_staffing(flow, 2026)[0] == "staffing:\n  2026: {confirmed: false, authorised_admin: 3}\n  2025: {authorised_admin: 3, confirmed: true}\n"
    first = "staffing:\n  2025: {confirmed: true, retired: 2}\n"
    assert add_staffing(first, 2026)[0] == "staffing:\n  2026: {confirmed: false, retired: 2}\n  2025: {confirmed: true, retired: 2}\n"
    block = "staffing:\n  2025:\n    confirmed: true\n    retired: 2\n"
    assert add_staffing(block, 2026)[0] == "staffing:\n  2026:\n    confirmed: false\n    retired: 2\n" + block.removeprefix("staffing:\n")


@pytest.mark.parametrize(
    ("key", "prior", "current", "reason", "expected"),
    [
        ("project:知识库", 386_500_00, 400_000_00, "新设项目，用于建设知识库", "原因称“新设”，但上年已有支出38.65万元"),
        ("project:知识库", 0, 400_000_00, "新设项目，用于建设知识库", None),  # really new
        ("project", 100_000_00, 120_000_00, "新增知识库项目", None),  # a headline line names a new part of it
        ("public", 100_000_00, 90_000_00, "办公设备购置增加", "原因称“增加”，但本年较上年减少1.00万元"),
        ("public", 100_000_00, 110_000_00, "压减会议费", "原因称“压减”，但本年较上年增加1.00万元"),
        ("public", 100_000_00, 110_000_00, "会议费减少，培训费增加", None),  # both directions: not judged
        ("public", 100_000_00, 110_000_00, "培训增加", None),
    ],
)
def test_a_reason_contradicting_the_computed_change(key: str, prior: int, current: int, reason: str, expected: str | None) -> None:
    assert find_contradiction(compare_item(key, "x", current, prior), reason) == expected


def test_a_reason_still_marked_and_as_last_year_is_one_warning_naming_both() -> None:
    change = compare_item("project:知识库", "知识库", 200_000_00, 100_000_00)
    checks = check_reasons_carried([change], {"知识库": f"{M}2024年上线后扩容"}, {"知识库": "2023年上线后扩容"})
    assert [(c.id, c.verdict, c.actual) for c in checks] == [("carryover:reason:知识库", "warning", "待改写")]
    assert checks[0].note == f"仍标有{M}；与上年该项原因相同。该项原因须按本年变动改写，并删去{M}"
    assert check_reasons_carried([change], {"知识库": "扩容二期"}, {"知识库": "2023年上线后扩容"}) == []


def test_staffing_missing_or_unconfirmed_warns_and_confirmed_does_not() -> None:
    (missing,) = check_staffing_confirmed(None, 2025)
    assert (missing.area, missing.verdict, missing.title, missing.actual) == ("人员", "warning", "2025年度人员编制数据已提供", "无")
    (unconfirmed,) = check_staffing_confirmed({"retired": 1, "confirmed": False}, 2025)
    assert (unconfirmed.title, unconfirmed.expected, unconfirmed.actual, unconfirmed.note) == (
        "2025年度人员编制数据已核实",
        "已核实",
        "未核实",
        "人数复制自上年，尚未核实",
    )
    assert check_staffing_confirmed({"retired": 1, "confirmed": True}, 2025) == check_staffing_confirmed({"retired": 1}, 2025) == []


def test_a_section_that_differs_only_in_years_and_marks_is_unchanged() -> None:
    assert comparable_text(f"{M}2025年完成  改造。") == comparable_text("2024年完成 改造。") == "○年完成 改造。"
    before = Narrative({"绩效情况": "2024年完成改造。", "存在的问题": "经费不足。"}, {})
    now = Narrative({"绩效情况": f"{M}2025年完成改造。", "存在的问题": "人员不足。"}, {})
    assert [(c.id, c.actual) for c in check_narrative_carried(now, before)] == [
        ("carryover:marked:绩效情况", "1"),
        ("carryover:unchanged:绩效情况", "与上年相同"),
    ]
    assert check_narrative_carried(now, None)[1:] == []  # a first year has nothing to be unchanged from


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-02-29 15:57:18", "2025-02-29 不是有效日期 (not a real date)"),
        ("2025年2月29日", "2025-02-29 不是有效日期 (not a real date)"),
        ("2024-02-29", None),  # a leap year has it
        ("2024-01-01 25:30:06", "25:30:06 不是有效时间 (not a real time)"),
        ("昨天", None),  # no date at all: a format problem, said elsewhere
    ],
)
def test_impossible_date(text: str, expected: str | None) -> None:
    assert impossible_date(text) == expected


HOTLINE = ["order_id", "received_at", "channel", "category", "topic", "handling", "assigned_unit", "status", "closed_at", "callback", "satisfaction"]


def test_a_closed_order_with_an_impossible_closing_time_has_one_problem(write_csv) -> None:
    rows = [
        ("Q1", "2025-02-27 09:00:00", "电话", "咨询", "其他", "自办", "", "已办结", "2025-02-29 15:57:18", "是", "满意"),
        ("Q2", "2025-02-27 09:00:00", "电话", "咨询", "其他", "自办", "", "已办结", "", "是", "满意"),
    ]
    with pytest.raises(LedgerError) as caught:
        load_hotline(write_csv("hotline_orders.csv", HOTLINE, rows), 2025)
    assert [p.describe() for p in caught.value.problems] == [
        (
            "hotline_orders.csv 第2行 (row) 列「办结时间」(column)：值「2025-02-29 15:57:18」(value)，应为 (expected)："
            "真实存在的日期 (a real date)；2025-02-29 不是有效日期 (not a real date)"
        ),
        "hotline_orders.csv 第3行 (row) 列「办结时间」(column)：值「」(value)，应为 (expected)：已办结工单须有办结时间 (closed_at required)",
    ]


def test_confirmed_must_be_true_or_false_and_is_named_as_a_key(tmp_path) -> None:
    path = tmp_path / "department.yaml"
    counts = "authorised_admin: 1, authorised_institution: 1, actual_admin: 1, actual_institution: 1, contract: 0, retired: 0"
    path.write_text(f"name: x\nstaffing:\n  2025: {{{counts}, confirmed: 是}}\n", encoding="utf-8")
    with pytest.raises(LedgerError) as caught:
        load_department(path)
    assert [p.describe() for p in caught.value.problems] == [
        "department.yaml 键「staffing.2025.confirmed」(key)：值「是」(value)，应为 (expected)：true 或 false (confirmed)：核实本年人数后写 true，或删去此键"
    ]
    path.write_text(f"name: x\nstaffing:\n  2025: {{{counts}, confirmed: false}}\n", encoding="utf-8")
    assert load_department(path).staffing[2025]["confirmed"] is False


def test_terminal_lines_say_where_to_fix_what_the_report_says_in_words() -> None:
    change = compare_item("project:知识库", "知识库", 200_000_00, 100_000_00)
    checks = check_reasons_carried([change], {"知识库": f"{M}扩容"}, {}) + check_staffing_confirmed({"confirmed": False}, 2025)
    document = {"fiscal_year": 2025, "checks": [c.as_dict() for c in checks]}
    assert carryover_lines(document) == [
        f"提示 (warning)：应当 (expected) 变动原因“知识库”为本年重写并与变动相符，实际 (found) 待改写。仍标有{M}。该项原因须按本年变动改写，并删去{M}。"
        "请改写 narrative.md「变动原因」中“知识库”一条 (fix)",
        "提示 (warning)：应当 (expected) 2025年度人员编制数据已核实，实际 (found) 未核实。人数复制自上年，尚未核实。"
        "请核实后把 department.yaml 中 staffing.2025.confirmed 改为 true (fix)",
    ]
    for check in checks:
        assert not re.search(r"\.(md|yaml)|staffing|confirmed", check.title + check.note + check.expected + check.actual)
