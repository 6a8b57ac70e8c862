"""analysis.sentences: Chinese sentences with figures rounded once, from unrounded values."""

from __future__ import annotations

from fractions import Fraction

import pytest

from analysis.reconcile import compare_item
from analysis.sentences import (
    PENDING_REASON,
    changes_frame,
    describe_change,
    describe_hotline,
    describe_line,
    describe_petitions,
    describe_reason,
    describe_staffing,
    describe_volunteer,
    services_frame,
    wan,
)

HOTLINE = {  # the reference report's 2024 hotline figures
    "orders": 30_708,
    "self_handled": 22_894,
    "self_closed": 22_894,
    "assigned": 7_814,
    "assigned_closed": 7_576,
    "closed": 30_470,
    "called_back": 30_470,
    "rated": 30_470,
    "satisfied": 29_687,
    "closure_rate": Fraction(30_470, 30_708),
    "callback_rate": Fraction(1),
    "satisfaction_rate": Fraction(29_687, 30_470),
}
PETITIONS = {
    "batches": 3,
    "persons": 8,
    "leader_reception_batches": 2,
    "leader_reception_persons": 7,
    "beijing_batches": 2,
    "beijing_persons": 6,
    "timely_acceptance_rate": Fraction(2, 3),
    "dept_timely_acceptance_rate": None,
    "on_time_reply_rate": Fraction(1),
    "first_time_resolution_rate": Fraction(1, 2),
}
STAFFING = {"authorised_admin": 4, "authorised_institution": 15, "actual_admin": 5, "actual_institution": 10, "contract": 15, "retired": 3}


def test_wan_appends_unit_and_rounds_half_up():
    assert wan(199_539_951) == "199.54万元"
    assert wan(5_000) == "0.01万元"
    assert wan(4_999) == "0.00万元"


@pytest.mark.parametrize(
    ("current", "prior", "text"),
    [
        (199_539_951, 205_960_000, "较上年减少6.42万元，下降3.1%"),  # 6.420049 ÷ 205.96 = 3.117%
        (1_204_900, 1_004_900, "较上年增加0.20万元，增长19.9%"),  # rounded amounts would claim 20.0%
        (28_980_000, 58_650_000, "较上年减少29.67万元，下降50.6%"),  # the reference report states 52.5%
        (56_500_000, 42_150_000, "较上年增加14.35万元，增长34.0%"),  # the reference report states 89.9%
        (1_949_000, 0, "为本年新增"),
        (0, 10_000, "本年无支出（上年0.01万元）"),
        (10_000, 10_000, "与上年持平"),
        (10_000, None, "无上年数据"),
    ],
)
def test_describe_change(current, prior, text):
    assert describe_change(compare_item("k", "项目", current, prior)) == text


def test_describe_reason():
    needs = compare_item("basic", "基本支出", 1_100, 1_000)
    small = compare_item("public", "日常公用经费", 1_050, 1_000)
    assert describe_reason(needs, {"基本支出": "压减一般性支出"}) == "，主要原因是压减一般性支出"
    assert describe_reason(needs, {}) == f"，主要原因：{PENDING_REASON}"
    assert PENDING_REASON == "原因待补充"
    assert describe_reason(small, {}) == ""
    assert describe_reason(small, {"日常公用经费": "购置办公设备"}) == "，主要原因是购置办公设备"


def test_describe_line_share_is_computed_from_unrounded_amounts():
    # 1.0049 of 3.0049 万元 = 33.4%; the displayed 1.00 of 3.00 would give 33.3%
    change = compare_item("personnel", "人员经费", 1_004_900, 1_004_900)
    assert describe_line(change, {}, whole=3_004_900, whole_label="基本支出") == "人员经费1.00万元，占基本支出的33.4%，与上年持平"


def test_describe_line_without_share_with_reason():
    change = compare_item("project:信访救助经费", "信访救助经费", 56_500_000, 42_150_000)
    assert describe_line(change, {"信访救助经费": "加大救助力度"}) == ("信访救助经费56.50万元，较上年增加14.35万元，增长34.0%，主要原因是加大救助力度")


def test_describe_line_new_project_without_reason_is_flagged():
    change = compare_item("project:热线", "12345热线管理经费", 19_490_000, 0)
    assert describe_line(change, {}) == "12345热线管理经费19.49万元，为本年新增，主要原因：原因待补充"


def test_describe_hotline_states_each_denominator():
    assert describe_hotline(HOTLINE) == (
        "全年12345热线受理工单30708件，其中自办22894件、办结22894件，交办7814件、办结7576件；"
        "总办结率99.22%（办结30470件 ÷ 受理30708件），回访率100.00%（回访30470件 ÷ 办结30470件），"
        "满意率97.43%（满意及基本满意29687件 ÷ 参评30470件）。"
    )


def test_describe_petitions_leaves_out_a_rate_that_applies_to_no_batch():
    assert describe_petitions(PETITIONS) == (
        "全年受理信访3批8人次，其中领导接访2批7人次，进京访2批6人次；信访事项及时受理率66.67%，按期答复率100.00%，一次性化解率50.00%。"
    )


def test_describe_volunteer():
    assert describe_volunteer({"events": 25, "volunteers": 420}) == "全年组织志愿服务活动25次，参与志愿者420人次。"


def test_describe_staffing_flags_staff_above_establishment():
    assert describe_staffing(2024, STAFFING, note="1名办公室人员、14名热线话务员") == (
        "2024年末，核定行政编制4名、事业编制15名；实有行政编制人员5人、事业编制人员10人；"
        "编外聘用人员15人（1名办公室人员、14名热线话务员）；退休人员3人。行政编制实有人数超出核定编制1人。"
    )
    within = STAFFING | {"actual_admin": 4}
    assert describe_staffing(2024, within).endswith("编外聘用人员15人；退休人员3人。")


def test_changes_frame():
    changes = [compare_item("basic", "基本支出", 1_100_000, 1_000_000), compare_item("project:x", "新项目", 500_000, None)]
    frame = changes_frame(changes)
    assert list(frame.columns) == ["项目", "本年", "上年", "变动", "须说明原因"]
    assert frame["项目"].tolist() == ["基本支出", "新项目"]
    assert frame["本年"].tolist() == ["1.10万元", "0.50万元"]
    assert frame["上年"].tolist() == ["1.00万元", "—"]
    assert frame["变动"].tolist() == ["较上年增加0.10万元，增长10.0%", "无上年数据"]
    assert frame["须说明原因"].tolist() == ["是", ""]


def test_services_frame():
    frame = services_frame(HOTLINE, None, {"events": 25, "volunteers": 420})
    assert list(frame.columns) == ["指标", "数值", "计算口径"]
    assert frame["指标"].tolist() == ["12345工单总量", "总办结率", "回访率", "满意率", "志愿服务活动", "志愿者"]
    assert frame["数值"].tolist() == ["30708件", "99.22%", "100.00%", "97.43%", "25次", "420人次"]
    assert frame.at[3, "计算口径"] == "满意及基本满意29687 ÷ 参评30470"
    petitions = services_frame(None, PETITIONS, None)
    assert petitions.set_index("指标")["数值"].to_dict()["一次性化解率"] == "50.00%"
    assert services_frame(None, None, None).empty


def test_a_change_that_rounds_to_zero_is_basically_flat():
    # +40 fen = 0.00004 万元: shown as 0.00, so no "增加0.00万元，增长0.0%"
    assert describe_change(compare_item("public", "日常公用经费", 1_000_040, 1_000_000)) == "与上年基本持平"


def test_an_ended_project_states_no_amount_or_share():
    ended = compare_item("project:改造", "大厅改造经费", 0, 645_300_00)
    assert describe_line(ended, {"大厅改造经费": "改造已完工"}, 100_000_00, "项目支出") == ("大厅改造经费本年无支出（上年64.53万元），主要原因是改造已完工")


def test_a_first_year_line_has_no_change_clause():
    first = compare_item("basic", "基本支出", 404_890_000, None)
    assert describe_line(first, {}) == "基本支出404.89万元"
