"""analysis.ledgers: each loader's columns and dtypes, and every bad cell reported at once."""

from __future__ import annotations

from fractions import Fraction

import pandas as pd
import pytest

from analysis.ledgers.budget import load_budget
from analysis.ledgers.common import LedgerError, Problem, excel_row
from analysis.ledgers.department import load_department
from analysis.ledgers.expenditure import load_expenditure, unused_econ_classes
from analysis.ledgers.hotline import load_hotline
from analysis.ledgers.petitions import load_petitions
from analysis.ledgers.volunteer import load_volunteer

EXP_EN = ["voucher_id", "date", "spending_type", "econ_code", "econ_name", "func_code", "fund_source", "project", "amount", "summary"]
EXP_ZH = ["凭证号", "日期", "支出类型", "经济分类科目编码", "经济分类科目名称", "功能分类科目编码", "资金性质", "项目名称", "金额", "摘要"]
EXP_ROWS = [
    ("007", "2024-01-05", "基本支出", "30101", "基本工资", "2013601", "一般公共预算", "", "1000.50", "一月工资"),
    ("008", "2024-02-10", "基本支出", "30201", "办公费", "2013601", "", "", "500.00", ""),
    ("009", "2024-03-15", "项目支出", "30227", "委托业务费", "2013601", "一般公共预算", "信访救助经费", "12.34", ""),
]
HOT_EN = [
    "order_id",
    "received_at",
    "channel",
    "category",
    "topic",
    "handling",
    "assigned_unit",
    "status",
    "closed_at",
    "callback",
    "satisfaction",
    "content",
    "caller_phone",
]
HOT_ROWS = [
    ("H001", "2024-03-01 08:00:00", "电话", "咨询", "市容", "自办", "", "已办结", "2024-03-01 09:30:00", "是", "满意", "咨询广告审批", "13800000001"),
    ("H002", "2024-03-02 10:00:00", "微信", "投诉", "交通", "交办", "区交通局", "办理中", "", "否", "未评价", "投诉道路坑洼", "13900000002"),
]
PET_EN = [
    "case_id",
    "registered_at",
    "form",
    "persons",
    "leader_reception",
    "to_beijing",
    "repeat",
    "accepted_on_time",
    "dept_accepted_on_time",
    "replied_on_time",
    "resolved_first_time",
    "issue_type",
    "petitioner_name",
    "id_number",
    "phone",
]
ID_A, ID_B = "430000199001011234", "430000198502022345"
PET_ROWS = [
    ("X1", "2024-01-02", "来访", "2", "是", "否", "否", "是", "是", "是", "不适用", "征地", "张三", ID_A, "13700000001"),
    ("X2", "2024-01-03", "来信", "1", "否", "否", "是", "否", "", "是", "是", "劳动", "李四", ID_B, "13600000002"),
    ("X3", "2024-02-01", "来访", "3", "否", "是", "", "是", "是", "否", "否", "征地", "张三", ID_A, "13700000009"),
]
SALT = b"test-salt"
HOT_ZH = [
    "工单编号",
    "受理时间",
    "来源渠道",
    "诉求类型",
    "诉求主题",
    "办理方式",
    "承办单位",
    "办理状态",
    "办结时间",
    "是否回访",
    "满意度",
    "诉求内容",
    "来电号码",
]
PET_ZH = [
    "信访件编号",
    "登记日期",
    "信访形式",
    "人数",
    "领导接访",
    "进京访",
    "重复访",
    "及时受理",
    "责任部门及时受理",
    "按期答复",
    "一次性化解",
    "问题类别",
    "信访人姓名",
    "身份证号",
    "联系电话",
]


def cells(error: LedgerError) -> list[tuple]:
    """(Excel row, column header, value) of every problem."""
    return [(p.row, p.column, p.value) for p in error.problems]


def replace(row: tuple, header: list[str], **changes) -> tuple:
    return tuple(changes.get(name, value) for name, value in zip(header, row))


# --- expenditure -------------------------------------------------------------------------------


def test_expenditure_loads_to_documented_columns_and_dtypes(write_csv):
    frame = load_expenditure(write_csv("expenditure.csv", EXP_EN, EXP_ROWS), 2024)
    assert list(frame.columns) == [
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
    assert frame["amount_fen"].dtype == "int64"
    assert frame["amount_fen"].tolist() == [100_050, 50_000, 1_234]
    assert pd.api.types.is_string_dtype(frame["econ_code"])
    assert frame["econ_code"].tolist() == ["30101", "30201", "30227"]
    assert frame["voucher_id"].tolist() == ["007", "008", "009"]  # leading zeros kept
    assert frame["func_code"].tolist() == ["2013601"] * 3
    assert frame["econ_class"].tolist() == ["301", "302", "302"]
    assert pd.api.types.is_datetime64_any_dtype(frame["date"])
    assert frame["date"].tolist() == [pd.Timestamp("2024-01-05"), pd.Timestamp("2024-02-10"), pd.Timestamp("2024-03-15")]
    assert frame["spending_type"].tolist() == ["basic", "basic", "project"]
    assert frame["category"].tolist() == ["personnel", "public", ""]
    assert frame["fund_source"].tolist() == ["一般公共预算"] * 3  # empty cell defaults to 一般公共预算
    assert frame["project"].tolist() == ["", "", "信访救助经费"]


@pytest.mark.parametrize(
    "header", [EXP_ZH, [{"日期": "记账日期", "资金性质": "资金来源", "金额": "金额（元）"}.get(h, h) for h in EXP_ZH]], ids=["chinese", "export-aliases"]
)
def test_expenditure_chinese_headers_load_the_same_as_english(write_csv, header):
    english = load_expenditure(write_csv("expenditure.csv", EXP_EN, EXP_ROWS), 2024)
    chinese = load_expenditure(write_csv("支出.csv", header, EXP_ROWS), 2024)
    pd.testing.assert_frame_equal(chinese, english)


def test_expenditure_missing_required_column_names_it(write_csv):
    header = [h for h in EXP_EN if h != "amount"]
    rows = [tuple(v for h, v in zip(EXP_EN, row) if h != "amount") for row in EXP_ROWS]
    with pytest.raises(LedgerError) as caught:
        load_expenditure(write_csv("expenditure.csv", header, rows), 2024)
    [problem] = caught.value.problems
    assert problem.row is None
    assert "金额" in problem.column


@pytest.mark.parametrize(
    ("changes", "column", "value"),
    [
        ({"amount": "abc"}, "金额", "abc"),
        ({"amount": "0"}, "金额", "0"),
        ({"amount": "12.345"}, "金额", "12.345"),
        ({"amount": "-12.50"}, "金额", "-12.50"),
        ({"spending_type": "其他支出"}, "支出类型", "其他支出"),
        ({"econ_code": "3020"}, "经济分类科目编码", "3020"),
        ({"econ_code": "30701"}, "经济分类科目编码", "30701"),  # class 307 has no basic category
        ({"econ_code": "30801"}, "经济分类科目编码", "30801"),  # class 308 is not in the table
        ({"spending_type": "项目支出", "project": ""}, "项目名称", ""),
        ({"date": "2023-12-31"}, "日期", "2023-12-31"),
        ({"date": "2024-13-01"}, "日期", "2024-13-01"),
        ({"fund_source": "自有资金"}, "资金性质", "自有资金"),
    ],
    ids=[
        "non-numeric-amount",
        "zero-amount",
        "three-decimals",
        "negative-amount",
        "unknown-spending-type",
        "four-digit-econ-code",
        "class-307-in-basic",
        "unknown-econ-class",
        "project-without-name",
        "date-outside-year",
        "invalid-date",
        "unknown-fund-source",
    ],
)
def test_expenditure_bad_cell_is_reported_at_its_excel_row(write_csv, changes, column, value):
    rows = [EXP_ROWS[0], replace(EXP_ROWS[1], EXP_EN, **changes)]
    with pytest.raises(LedgerError) as caught:
        load_expenditure(write_csv("expenditure.csv", EXP_EN, rows), 2024)
    assert cells(caught.value) == [(3, column, value)]  # data row 2 = Excel row 3
    assert caught.value.problems[0].file == "expenditure.csv"


def test_expenditure_duplicate_voucher_is_reported(write_csv):
    rows = [EXP_ROWS[0], replace(EXP_ROWS[1], EXP_EN, voucher_id="007")]
    with pytest.raises(LedgerError) as caught:
        load_expenditure(write_csv("expenditure.csv", EXP_EN, rows), 2024)
    found = cells(caught.value)
    assert (3, "凭证号", "007") in found
    assert {column for _, column, _ in found} == {"凭证号"}


def test_expenditure_reports_all_problems_at_once(write_csv):
    rows = [
        replace(EXP_ROWS[0], EXP_EN, amount="abc"),
        replace(EXP_ROWS[1], EXP_EN, econ_code="3020", date="2025-01-01"),
        replace(EXP_ROWS[2], EXP_EN, project=""),
        replace(EXP_ROWS[0], EXP_EN, voucher_id="010", spending_type="其他"),
    ]
    with pytest.raises(LedgerError) as caught:
        load_expenditure(write_csv("expenditure.csv", EXP_EN, rows), 2024)
    assert sorted(cells(caught.value)) == sorted(
        [
            (2, "金额", "abc"),
            (3, "经济分类科目编码", "3020"),
            (3, "日期", "2025-01-01"),
            (4, "项目名称", ""),
            (5, "支出类型", "其他"),
        ]
    )
    assert "共5处问题" in str(caught.value)


def test_expenditure_duplicate_voucher_reported_even_when_its_amount_is_bad(write_csv):
    rows = [replace(EXP_ROWS[0], EXP_EN, amount="abc"), replace(EXP_ROWS[1], EXP_EN, voucher_id="007")]
    with pytest.raises(LedgerError) as caught:
        load_expenditure(write_csv("expenditure.csv", EXP_EN, rows), 2024)
    found = cells(caught.value)
    assert (2, "金额", "abc") in found
    assert (3, "凭证号", "007") in found


def test_unused_econ_classes_lists_mapped_classes_without_basic_rows(write_csv):
    frame = load_expenditure(write_csv("expenditure.csv", EXP_EN, EXP_ROWS), 2024)
    assert unused_econ_classes(frame) == ["303", "310"]  # basic rows use 301 and 302 only


# --- hotline ---------------------------------------------------------------------------------


def test_hotline_loads_and_drops_personal_columns(write_csv):
    frame = load_hotline(write_csv("hotline_orders.csv", HOT_EN, HOT_ROWS), 2024)
    assert set(frame.columns) == {
        "order_id",
        "received_at",
        "channel",
        "category",
        "topic",
        "handling",
        "assigned_unit",
        "closed",
        "closed_at",
        "callback",
        "satisfaction",
    }
    assert frame["handling"].tolist() == ["self", "assigned"]
    assert frame["closed"].dtype == bool and frame["closed"].tolist() == [True, False]
    assert frame["callback"].dtype == bool and frame["callback"].tolist() == [True, False]
    assert frame["satisfaction"].tolist() == ["satisfied", "unrated"]
    assert frame["received_at"].tolist() == [pd.Timestamp("2024-03-01 08:00:00"), pd.Timestamp("2024-03-02 10:00:00")]
    assert frame.at[0, "closed_at"] == pd.Timestamp("2024-03-01 09:30:00") and pd.isna(frame.at[1, "closed_at"])
    text = frame.astype(str).to_string()
    assert "13800000001" not in text and "咨询广告审批" not in text


@pytest.mark.parametrize(
    ("changes", "column", "value"),
    [
        ({"status": "已办结", "closed_at": "2024-03-02 09:00:00"}, "办结时间", "2024-03-02 09:00:00"),
        ({"satisfaction": "很满意"}, "满意度", "很满意"),
        ({"received_at": "2023-12-31 23:59:59"}, "受理时间", "2023-12-31 23:59:59"),
        ({"handling": "转办"}, "办理方式", "转办"),
    ],
    ids=["closed-before-received", "unknown-satisfaction", "received-outside-year", "unknown-handling"],
)
def test_hotline_bad_cell_is_reported(write_csv, changes, column, value):
    rows = [HOT_ROWS[0], replace(HOT_ROWS[1], HOT_EN, **changes)]
    with pytest.raises(LedgerError) as caught:
        load_hotline(write_csv("hotline_orders.csv", HOT_EN, rows), 2024)
    assert cells(caught.value) == [(3, column, value)]


@pytest.mark.parametrize(
    ("load", "english", "chinese", "rows"),
    [
        (lambda path: load_hotline(path, 2024), HOT_EN, HOT_ZH, HOT_ROWS),
        (lambda path: load_petitions(path, 2024, SALT), PET_EN, PET_ZH, PET_ROWS),
    ],
    ids=["hotline", "petitions"],
)
def test_service_ledgers_chinese_headers_load_the_same_as_english(write_csv, load, english, chinese, rows):
    pd.testing.assert_frame_equal(load(write_csv("zh.csv", chinese, rows)), load(write_csv("en.csv", english, rows)))


# --- petitions -------------------------------------------------------------------------------


def test_petitions_load_and_hash_petitioners(write_csv):
    frame = load_petitions(write_csv("petitions.csv", PET_EN, PET_ROWS), 2024, SALT)
    assert set(frame.columns) == {
        "case_id",
        "registered_at",
        "form",
        "persons",
        "leader_reception",
        "to_beijing",
        "repeat",
        "accepted_on_time",
        "dept_accepted_on_time",
        "replied_on_time",
        "resolved_first_time",
        "issue_type",
        "petitioner_key",
    }  # no name, ID number or phone
    assert frame["persons"].dtype == "int64" and frame["persons"].tolist() == [2, 1, 3]
    assert frame["leader_reception"].tolist() == [True, False, False]
    assert frame["to_beijing"].tolist() == [False, False, True]
    assert frame["repeat"].tolist() == [False, True, False]  # empty 重复访 means 否
    assert frame["resolved_first_time"].tolist() == [None, True, False]  # 不适用 -> None
    assert frame["dept_accepted_on_time"].tolist() == [True, None, True]  # empty -> None
    assert frame["registered_at"].tolist() == [pd.Timestamp("2024-01-02"), pd.Timestamp("2024-01-03"), pd.Timestamp("2024-02-01")]
    keys = frame["petitioner_key"].tolist()
    assert keys[0] == keys[2] and keys[0] != keys[1] and all(keys)
    text = frame.astype(str).to_string()
    for secret in (ID_A, ID_B, "张三", "13700000001"):
        assert secret not in text


def test_petitioner_key_depends_on_the_salt(write_csv):
    path = write_csv("petitions.csv", PET_EN, PET_ROWS)
    assert load_petitions(path, 2024, b"a")["petitioner_key"][0] != load_petitions(path, 2024, b"b")["petitioner_key"][0]


@pytest.mark.parametrize(
    ("changes", "column", "value"),
    [
        ({"persons": "0"}, "人数", "0"),
        ({"persons": "1.5"}, "人数", "1.5"),
        ({"persons": "两"}, "人数", "两"),
        ({"registered_at": "2025-01-01"}, "登记日期", "2025-01-01"),
        ({"accepted_on_time": "未知"}, "及时受理", "未知"),
    ],
    ids=["zero-persons", "fractional-persons", "non-numeric-persons", "registered-outside-year", "unknown-flag"],
)
def test_petitions_bad_cell_is_reported(write_csv, changes, column, value):
    rows = [PET_ROWS[0], replace(PET_ROWS[1], PET_EN, **changes)]
    with pytest.raises(LedgerError) as caught:
        load_petitions(write_csv("petitions.csv", PET_EN, rows), 2024, SALT)
    assert cells(caught.value) == [(3, column, value)]


# --- volunteer, budget, department, common ------------------------------------------------------


def test_volunteer_loads_with_english_or_chinese_headers(write_csv):
    rows = [("2024-08-03", "景区志愿服务", "32"), ("2024-09-10", "敬老活动", "0")]
    english = load_volunteer(write_csv("v.csv", ["date", "name", "volunteers"], rows), 2024)
    chinese = load_volunteer(write_csv("志愿.csv", ["日期", "活动名称", "参与人次"], rows), 2024)
    pd.testing.assert_frame_equal(chinese, english)
    assert list(english.columns) == ["date", "name", "volunteers"]
    assert english["volunteers"].dtype == "int64" and english["volunteers"].tolist() == [32, 0]
    assert english["date"].tolist() == [pd.Timestamp("2024-08-03"), pd.Timestamp("2024-09-10")]


def test_volunteer_bad_cells_are_all_reported(write_csv):
    rows = [("2023-08-03", "景区志愿服务", "32"), ("2024-09-10", "敬老活动", "-1")]
    with pytest.raises(LedgerError) as caught:
        load_volunteer(write_csv("v.csv", ["date", "name", "volunteers"], rows), 2024)
    assert sorted(cells(caught.value)) == [(2, "日期", "2023-08-03"), (3, "参与人次", "-1")]


BUDGET_EN = ["spending_type", "project", "budget_initial", "budget_adjusted"]
BUDGET_ROWS = [("基本支出", "", "1000.00", "1200.50"), ("项目支出", "热线经费", "300.00", "300.00")]


def test_budget_loads_with_english_or_chinese_headers(write_csv):
    english = load_budget(write_csv("budget.csv", BUDGET_EN, BUDGET_ROWS))
    chinese = load_budget(write_csv("预算.csv", ["支出类型", "项目名称", "年初预算数", "调整预算数"], BUDGET_ROWS))
    pd.testing.assert_frame_equal(chinese, english)
    assert list(english.columns) == ["spending_type", "project", "initial_fen", "adjusted_fen"]
    assert english["spending_type"].tolist() == ["basic", "project"]
    assert english["initial_fen"].dtype == "int64" and english["initial_fen"].tolist() == [100_000, 30_000]
    assert english["adjusted_fen"].dtype == "int64" and english["adjusted_fen"].tolist() == [120_050, 30_000]


def test_budget_allows_zero_initial_budget_for_a_project_added_during_the_year(write_csv):
    frame = load_budget(write_csv("budget.csv", BUDGET_EN, [BUDGET_ROWS[0], ("项目支出", "年中新增项目", "0.00", "500.00")]))
    assert frame["initial_fen"].tolist() == [100_000, 0]
    assert frame["adjusted_fen"].tolist() == [120_050, 50_000]


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (("项目支出", "", "1.00", "1.00"), [(3, "项目名称", "")]),
        (("基本支出", "", "1.00", "12.345"), [(3, "调整预算数", "12.345")]),
        (("基本支出", "", "abc", "1.00"), [(3, "年初预算数", "abc")]),
        (("项目支出", "热线经费", "1.00", "1.00"), [(2, "项目名称", "热线经费"), (3, "项目名称", "热线经费")]),
    ],
    ids=["project-without-name", "adjusted-three-decimals", "initial-non-numeric", "duplicate-line"],
)
def test_budget_bad_cell_is_reported_under_its_own_header(write_csv, row, expected):
    with pytest.raises(LedgerError) as caught:
        load_budget(write_csv("budget.csv", BUDGET_EN, [BUDGET_ROWS[1], row]))
    assert cells(caught.value) == expected


STAFFING = "{authorised_admin: 4, authorised_institution: 15, actual_admin: 5, actual_institution: 10, contract: 15, retired: 3}"


def test_department_yaml_loads(tmp_path):
    path = tmp_path / "department.yaml"
    path.write_text(f"name: 某区委社会工作部\nfunctions: [信访, 志愿服务]\nstaffing:\n  2024: {STAFFING}\n", encoding="utf-8")
    department = load_department(path)
    assert department.name == "某区委社会工作部" and department.short_name == "某区委社会工作部"
    assert department.functions == ("信访", "志愿服务") and department.sample is False
    assert department.staffing[2024]["actual_admin"] == 5 and department.staffing[2024]["retired"] == 3


def test_department_bad_head_counts_are_all_reported(tmp_path):
    path = tmp_path / "department.yaml"
    bad = STAFFING.replace("contract: 15", "contract: true").replace("retired: 3", "retired: -1")
    path.write_text(f"name: 某部\nstaffing:\n  2024: {bad}\n", encoding="utf-8")
    with pytest.raises(LedgerError) as caught:
        load_department(path)
    assert cells(caught.value) == [(None, "staffing.2024.contract", "True"), (None, "staffing.2024.retired", "-1")]


@pytest.mark.parametrize(
    ("line", "expected"), [("", Fraction(9, 10)), ("execution_rate_threshold: 85%\n", Fraction(17, 20)), ("execution_rate_threshold: 87.5％\n", Fraction(7, 8))]
)
def test_department_execution_threshold_defaults_to_90_percent(tmp_path, line, expected):
    path = tmp_path / "department.yaml"
    path.write_text(f"name: 某部\n{line}", encoding="utf-8")
    assert load_department(path).execution_rate_threshold == expected


@pytest.mark.parametrize("value", ["0.9", "90", "120%", "九成", "90.125%"])
def test_department_bad_execution_threshold_names_the_key(tmp_path, value):
    path = tmp_path / "department.yaml"
    path.write_text(f"name: 某部\nexecution_rate_threshold: {value}\n", encoding="utf-8")
    with pytest.raises(LedgerError) as caught:
        load_department(path)
    assert cells(caught.value) == [(None, "execution_rate_threshold", value)]
    assert "execution_rate_threshold: 90%" in caught.value.problems[0].expected


@pytest.mark.parametrize(
    ("lines", "note"),
    [
        ("", ""),  # real ledgers: no note at all
        ("sample: true\n", "说明：本报告由示例数据生成，仅供演示。"),
        ("sample: true\nsample_note: 说明：单位与数据均为虚构。\n", "说明：单位与数据均为虚构。"),
    ],
)
def test_department_sample_note_is_its_own_words_or_the_default(tmp_path, lines, note):
    path = tmp_path / "department.yaml"
    path.write_text(f"name: 某部\n{lines}", encoding="utf-8")
    assert load_department(path).sample_note == note


def test_department_without_name_is_refused(tmp_path):
    path = tmp_path / "department.yaml"
    path.write_text("short_name: 某部\n", encoding="utf-8")
    with pytest.raises(LedgerError):
        load_department(path)


def test_excel_row_and_problem_description():
    assert excel_row(0) == 2
    problem = Problem("expenditure.csv", 3, "金额", "abc", "数字")
    assert problem.describe() == "expenditure.csv 第3行 (row) 列「金额」(column)：值「abc」(value)，应为 (expected)：数字"
    error = LedgerError([Problem("a.csv", 5, "x", None, "e"), Problem("a.csv", 2, "y", None, "e")])
    assert [p.row for p in error.problems] == [2, 5]


# --- hostile and careless input -----------------------------------------------------------------


def test_petition_form_must_be_one_of_the_four_forms(write_csv):
    rows = [PET_ROWS[0], replace(PET_ROWS[1], PET_EN, form="微信")]
    with pytest.raises(LedgerError) as caught:
        load_petitions(write_csv("petitions.csv", PET_EN, rows), 2024, SALT)
    assert cells(caught.value) == [(3, "信访形式", "微信")]
    assert caught.value.problems[0].expected == "以下之一 (one of)：来信/来访/网上/电话"


def test_a_row_short_of_cells_is_refused_before_any_column_is_read(write_csv):
    short = PET_ROWS[1][:11] + PET_ROWS[1][12:]  # no issue_type: the name would land in it
    with pytest.raises(LedgerError) as caught:
        load_petitions(write_csv("petitions.csv", PET_EN, [PET_ROWS[0], short, PET_ROWS[2]]), 2024, SALT)
    assert [(p.row, p.column, p.value) for p in caught.value.problems] == [(3, None, "14列")]
    assert "李四" not in str(caught.value) and ID_B not in str(caught.value)


def test_a_row_with_cells_beyond_the_header_is_refused_but_trailing_blanks_are_not(write_csv):
    rows = [EXP_ROWS[0] + ("", ""), EXP_ROWS[1] + ("备注",), EXP_ROWS[2]]
    with pytest.raises(LedgerError) as caught:
        load_expenditure(write_csv("expenditure.csv", EXP_EN, rows), 2024)
    assert [(p.row, p.value) for p in caught.value.problems] == [(3, "11列")]


def test_personal_numbers_in_kept_text_and_ids_are_hidden_as_the_ledger_is_read(write_csv):
    rows = [replace(HOT_ROWS[0], HOT_EN, order_id="NY１３９１２３４５６７８", topic="市容（139.1234.5678）"), HOT_ROWS[1]]
    frame = load_hotline(write_csv("hotline_orders.csv", HOT_EN, rows), 2024)
    assert frame["order_id"].tolist() == ["NY[已隐去]", "H002"]
    assert frame["topic"].tolist() == ["市容（[已隐去]）", "交通"]


def test_a_bad_cell_holding_a_phone_is_shown_with_the_phone_hidden(write_csv):
    rows = [HOT_ROWS[0], replace(HOT_ROWS[1], HOT_EN, channel="电话13912345678")]
    with pytest.raises(LedgerError) as caught:
        load_hotline(write_csv("hotline_orders.csv", HOT_EN, rows), 2024)
    assert cells(caught.value) == [(3, "来源渠道", "电话[已隐去]")]
    assert "13912345678" not in str(caught.value)


def test_callers_and_petitioners_names_are_collected_and_dropped(write_csv):
    header = HOT_EN + ["caller_name"]
    rows = [HOT_ROWS[0] + ("诸葛来电",), HOT_ROWS[1] + ("",)]
    names: set[str] = set()
    frame = load_hotline(write_csv("hotline_orders.csv", header, rows), 2024, names=names)
    load_petitions(write_csv("petitions.csv", PET_EN, PET_ROWS), 2024, SALT, names=names)
    assert names == {"诸葛来电", "张三", "李四"}
    assert "caller_name" not in frame.columns


def test_free_text_that_still_looks_personal_is_a_warning_without_its_text(write_csv):
    rows = [replace(EXP_ROWS[0], EXP_EN, summary="联系人王小明报销"), EXP_ROWS[1], replace(EXP_ROWS[2], EXP_EN, summary="李先生")]
    notes: list[Problem] = []
    load_expenditure(write_csv("expenditure.csv", EXP_EN, rows), 2024, notes)
    assert [(p.severity, p.row, p.column, p.value) for p in notes] == [("warning", 2, "摘要", None), ("warning", 4, "摘要", None)]
    assert [p.expected for p in notes] == [
        "不含个人信息 (no personal data)；此处疑似联系人或姓名 (a person's name)，请核对后删去",
        "不含个人信息 (no personal data)；此处疑似称呼 (a form of address)，请核对后删去",
    ]


def test_each_rule_lists_twenty_problems_and_counts_the_rest(write_csv):
    rows = [(f"V{n:03d}", "2024-13-01", "基本支出", "30101", "基本工资", "2013601", "一般公共预算", "", "10.00", "") for n in range(25)]
    with pytest.raises(LedgerError) as caught:
        load_expenditure(write_csv("expenditure.csv", EXP_EN, rows), 2024)
    problems = caught.value.problems
    assert [p.row for p in problems] == list(range(2, 22)) + [None]
    assert problems[-1].more == 5
    assert problems[-1].describe() == (
        "expenditure.csv 列「日期」(column)，应为 (expected)：真实存在的日期 (a real date)；此规则另有5处同类问题未列出 (more of the same not listed)"
    )
    assert str(caught.value).startswith("台账校验失败 (ledger validation failed)，共25处问题：")


def test_impossible_dates_that_all_differ_are_one_rule_under_one_cap(write_csv):
    rows = [(f"V{n:03d}", f"2024-{13 + n}-01", "基本支出", "30101", "基本工资", "2013601", "一般公共预算", "", "10.00", "") for n in range(25)]
    with pytest.raises(LedgerError) as caught:
        load_expenditure(write_csv("expenditure.csv", EXP_EN, rows), 2024)
    problems = caught.value.problems
    assert [p.row for p in problems] == list(range(2, 22)) + [None] and problems[-1].more == 5
    assert problems[1].expected == "真实存在的日期 (a real date)；2024-14-01 不是有效日期 (not a real date)"  # each row its own date


def test_csv_cells_and_columns_past_their_limits_are_refused(write_csv):
    long_summary = replace(EXP_ROWS[0], EXP_EN, summary="长" * 32_768)
    with pytest.raises(LedgerError) as caught:
        load_expenditure(write_csv("expenditure.csv", EXP_EN, [long_summary]), 2024)
    assert caught.value.problems[0].describe() == (
        "expenditure.csv 第2行 (row)，应为 (expected)：每个单元格 (characters per cell)不超过32,767个字符 (limit MAX_CELL_CHARS)；此处为 (found) 32,768个字符"
    )
    with pytest.raises(LedgerError) as caught:
        load_expenditure(write_csv("expenditure.csv", EXP_EN + [f"x{i}" for i in range(991)], EXP_ROWS), 2024)
    assert caught.value.problems[0].expected.endswith("(limit MAX_COLUMNS)；此处为 (found) 1,001列")


def test_department_yaml_within_limits_may_use_a_few_aliases(tmp_path):
    path = tmp_path / "department.yaml"
    path.write_text(
        "name: 某部门\ncounts: &c {authorised_admin: 1, authorised_institution: 2, actual_admin: 1,"
        " actual_institution: 2, contract: 0, retired: 0}\nstaffing:\n  2023: *c\n  2024: *c\n",
        encoding="utf-8",
    )
    assert load_department(path).staffing[2024]["authorised_institution"] == 2


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("name: x\nfunctions: " + "[" * 25 + "]" * 25 + "\n", "MAX_YAML_DEPTH"),
        (
            "name: x\na: &a [" + ", ".join(['"' + "哈" * 1000 + '"'] * 10) + "]\nb: &b [" + ", ".join(["*a"] * 10) + "]\n"
            "c: &c [" + ", ".join(["*b"] * 10) + "]\n",
            "MAX_YAML_EXPANDED",
        ),  # 10 × 10 × 10 × 1001 characters
    ],
)
def test_department_yaml_past_its_limits_is_refused(tmp_path, text, limit):
    path = tmp_path / "department.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LedgerError) as caught:
        load_department(path)
    assert f"(limit {limit})" in caught.value.problems[0].expected


def test_department_text_the_report_shows_has_personal_numbers_hidden(tmp_path):
    path = tmp_path / "department.yaml"
    path.write_text(
        "name: 某部门\nfunctions: [负责信访工作，值班电话13912345678]\nsubordinate_units: [{name: 热线中心, note: 联系 zhang@example.com}]\n", encoding="utf-8"
    )
    department = load_department(path)
    assert department.functions == ("负责信访工作，值班电话[已隐去]",)
    assert department.subordinate_units == ({"name": "热线中心", "note": "联系 [已隐去]"},)


def test_an_excel_file_without_a_sheet_named_like_it_is_read_from_its_first_visible_sheet(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    hidden = book.active
    hidden.title = "旧数据"
    hidden.append(EXP_EN)
    hidden.append(EXP_ROWS[0])
    hidden.sheet_state = "hidden"
    shown = book.create_sheet("支出")
    shown.append(EXP_EN)
    for row in EXP_ROWS:
        shown.append(list(row))
    book.save(tmp_path / "expenditure.xlsx")
    frame = load_expenditure(tmp_path / "expenditure.xlsx", 2024)
    assert frame["voucher_id"].tolist() == ["007", "008", "009"]  # the visible sheet's three rows, not the hidden one's
