"""Personal data in free text: what is replaced, what is left alone, and salted keys.

Every expected value is written by hand from the rules in analysis.privacy.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest

from analysis.privacy import PERSONAL_PLACEHOLDER, personal_traces, redact_names, redact_text, salted_key

P = "[已隐去]"


def redact_one(text: str) -> str:
    """redact_text on a one-cell Series."""
    return redact_text(pd.Series([text])).iloc[0]


def test_placeholder_is_the_agreed_text() -> None:
    assert PERSONAL_PLACEHOLDER == "[已隐去]"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("来电13800138000反映路灯", f"来电{P}反映路灯"),
        ("电话 138 0013 8000", f"电话 {P}"),
        ("电话138-0013-8000。", f"电话{P}。"),
        ("+8613800138000", P),
        ("+86 138 0013 8000", P),
        ("86-13800138000请回电", f"{P}请回电"),
        ("8613800138000", P),
        ("两个号码13912345678、17001234567", f"两个号码{P}、{P}"),
        ("报销 13912345678", f"报销 {P}"),
        ("物业管理13912345678", f"物业管理{P}"),
    ],
)
def test_mobile_numbers_are_replaced(text: str, expected: str) -> None:
    assert redact_one(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("办公室0734-1234567", f"办公室{P}"),
        ("(0734)1234567", P),
        ("（0734）5678901转", f"{P}转"),
        ("总机010-12345678-801", f"总机{P}"),
        ("0734 1234567", P),
    ],
)
def test_landlines_are_replaced(text: str, expected: str) -> None:
    assert redact_one(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("身份证430000199001011234", f"身份证{P}"),
        ("证号43000019550419106X，", f"证号{P}，"),
        ("43000019550419106x", P),
        ("430000 19900101 1234", P),
        ("旧证430000900101123号", f"旧证{P}号"),
    ],
)
def test_id_card_numbers_are_replaced(text: str, expected: str) -> None:
    assert redact_one(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("邮箱 zhang.san@example.com 已回复", f"邮箱 {P} 已回复"),
        ("li_si+ny@mail.hn.gov.cn", P),
    ],
)
def test_email_addresses_are_replaced(text: str, expected: str) -> None:
    assert redact_one(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "支付办公费12345.67元",
        "2024-03-05 购买文件盒",
        "2024-08-03 09:12:45",
        "12345热线运行经费",
        "记-2024-0001",
        "功能科目2013601 行政运行",
        "经济科目30201 办公费",
        "2023年、2024年",
        "受理工单30708件，办结30470件",
        "金额13912345678.00元",  # phone-shaped digits before decimals are an amount
        "编号NY24000001",
        "支付3月基本工资",
        "比率99.22%",
        "",
    ],
)
def test_ordinary_numbers_are_left_alone(text: str) -> None:
    assert redact_one(text) == text


def test_text_mixing_personal_data_and_figures_keeps_the_figures() -> None:
    text = "2024-03-05 12345热线 13800138000 反映，记-2024-0001 金额12345.67，科目2013601/30201"
    assert redact_one(text) == f"2024-03-05 12345热线 {P} 反映，记-2024-0001 金额12345.67，科目2013601/30201"


def test_redact_text_keeps_index_name_missing_cells_and_does_not_mutate() -> None:
    series = pd.Series(["电话13800138000", None, "无"], index=[7, 8, 9], name="summary")
    before = series.copy(deep=True)
    result = redact_text(series)
    pd.testing.assert_series_equal(series, before)
    assert result is not series
    assert result.tolist()[0] == f"电话{P}"
    assert pd.isna(result.tolist()[1])
    assert result.tolist()[2] == "无"
    assert list(result.index) == [7, 8, 9] and result.name == "summary"


def test_redact_text_keeps_string_dtype() -> None:
    series = pd.Series(["13800138000", "区住建局"], dtype="string")
    result = redact_text(series)
    assert result.dtype == series.dtype
    assert result.tolist() == [P, "区住建局"]


def test_redact_names_replaces_known_names_inside_text() -> None:
    series = pd.Series(["欧阳测试来访反映征地问题", "张三与张三丰同来", "区住建局办理"])
    result = redact_names(series, ["欧阳测试", "张三丰", "张三"])
    assert result.tolist() == [f"{P}来访反映征地问题", f"{P}与{P}同来", "区住建局办理"]


def test_redact_names_ignores_short_and_empty_names_and_does_not_mutate() -> None:
    series = pd.Series(["李四反映", "李家村路灯", None])
    before = series.copy(deep=True)
    result = redact_names(series, ["李", "", "  ", "李四 "])
    pd.testing.assert_series_equal(series, before)
    assert result.tolist()[:2] == [f"{P}反映", "李家村路灯"]
    assert pd.isna(result.tolist()[2])


def test_redact_names_with_no_names_returns_an_equal_copy() -> None:
    series = pd.Series(["王五反映"])
    result = redact_names(series, [])
    assert result is not series
    assert result.tolist() == ["王五反映"]


def test_redact_names_treats_names_as_plain_text() -> None:
    assert redact_names(pd.Series(["a.b(c)d 与 axb"]), ["a.b(c)"]).tolist() == [f"{P}d 与 axb"]


def test_salted_key_is_salted_sha256_prefix_and_empty_for_empty() -> None:
    salt = b"pepper"
    values = pd.Series(["430000199001011234", "", None, "430000199001011234", "   "], index=[3, 4, 5, 6, 7])
    before = values.copy(deep=True)
    result = salted_key(values, salt)
    expected_key = hashlib.sha256(b"pepper430000199001011234").hexdigest()[:16]
    assert result.tolist() == [expected_key, "", "", expected_key, ""]
    assert list(result.index) == [3, 4, 5, 6, 7]
    pd.testing.assert_series_equal(values, before)


def test_salted_key_differs_by_salt_and_is_16_hex_characters() -> None:
    values = pd.Series(["张三|13800138000"])
    first, second = salted_key(values, b"one").iloc[0], salted_key(values, b"two").iloc[0]
    assert first != second
    assert len(first) == 16 and set(first) <= set("0123456789abcdef")
    assert first == hashlib.sha256(b"one" + "张三|13800138000".encode()).hexdigest()[:16]


# ---------------------------------------------------------------- other written forms (found on a normalised copy)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("项目１３９１２３４５６０２经费", f"项目{P}经费"),  # full-width digits
        ("联系139.1234.5603", f"联系{P}"),
        ("联系139/1234/5607）", f"联系{P}）"),
        ("电话139－1234－5678", f"电话{P}"),  # full-width hyphen
        ("电话139—1234—5678", f"电话{P}"),  # em dash
        ("电话139 - 1234 - 5678", f"电话{P}"),
        ("电话139。1234。5678", f"电话{P}"),
        ("（＋８６）１３９１２３４５６７８", P),
        ("办公室（０７３４）１２３４５６７", f"办公室{P}"),
        ("办公室0734.1234.567", f"办公室{P}"),  # 4-3 as well as 3-4 groups after the area code
        ("办公室0734 123 4567", f"办公室{P}"),
        ("身份证４３００００１９５５０４１９１０６Ｘ", f"身份证{P}"),
        ("zhang.wei＠example.com", P),
        ("邮箱 zhang ＠ example.com", f"邮箱 {P}"),
        ("记-13912345604", f"记-{P}"),
        ("NY13912345608", f"NY{P}"),
        ("XF430000199001011238", f"XF{P}"),
    ],
)
def test_other_written_forms_are_replaced_in_place(text: str, expected: str) -> None:
    assert redact_one(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "金额１２３４５．６７元",
        "２０２４年３月５日",
        "2024.03.05",
        "第1.2.3条",
        "13.5 12.3 45.6 78",  # decimals in a row are not a phone in 3-4-4 groups
        "科目2013601/30201",
    ],
)
def test_ordinary_full_width_and_dotted_numbers_are_left_alone(text: str) -> None:
    assert redact_one(text) == text


def test_names_are_found_with_spaces_and_full_width_forms() -> None:
    series = pd.Series(["欧阳 测试来访", "欧阳\u3000测试来电", "欧阳测验"])
    assert redact_names(series, ["欧阳测试"]).tolist() == [f"{P}来访", f"{P}来电", "欧阳测验"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("联系人王小明报销", "联系人或姓名 (a person's name)"),
        ("区住建局（联系人：李四）", "联系人或姓名 (a person's name)"),
        ("诸葛先生来电", "称呼 (a form of address)"),
        ("李女士反映", "称呼 (a form of address)"),
        ("QQ 12345678", "联系方式 (a contact number)"),
        ("微信号abc123456", "联系方式 (a contact number)"),
        ("单号 1234 5678 9012", "长数字串 (a long run of digits)"),
        ("发放信访人临时生活救助金", None),  # 临时 is no name
        ("信访人员培训", None),
        ("联系人[已隐去]", None),
        ("联系人电话[已隐去]", None),
        ("拨打12345热线", None),
        ("金额13912345678.00元", None),
        ("2024-03-05 09:12:45 受理", None),
        ("编号NY24000001", None),
    ],
)
def test_personal_traces_name_what_still_looks_personal(text: str, expected: str | None) -> None:
    assert personal_traces(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "202403150000012345",  # an 18-digit order number: year 1500 is no birth year
        "202403150012345",  # a 15-digit one: month 00
        "912345199013011234",  # region code starting 9, month 13
    ],
)
def test_numeric_order_numbers_are_not_taken_for_id_numbers(text: str) -> None:
    assert redact_one(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "一三九一二三四五六七八",
        "幺三九幺二三四五六七八",  # in Chinese numerals
        "139\u200b1234\u200b5678",
        "139\u00ad12345678",  # an invisible space or soft hyphen inside
        "❶❸❾❶❷❸❹❺❻❼❽",
        "①③⑨①②③④⑤⑥⑦⑧",
        "१३९१२३४५६७८",  # other digits
        "139\n1234\n5678",
        "139\t1234 5678",
        "139_1234_5678",
        "139,1234,5678",
        "139，1234，5678",
        "139--1234--5678",
        "(139)1234-5678",
        "0086 139 1234 5678",
        "1391 234 5678",  # other groupings
        "43000019900101123×",
        "43000019900101123Х",
        "430000 1990 0101 1234",  # × or Cyrillic Х; 6-4-4-4
        "0731 5555 666",  # a landline in 4-4-3
        "zhang[at]example[dot]com",
        "zhang (at) example.com",  # a spelled-out address
    ],
)
def test_numbers_and_addresses_in_less_common_forms_are_hidden_whole(text: str) -> None:
    assert redact_one(text) == P


@pytest.mark.parametrize("text", ["一般公共预算", "一二三四五六七八九十", "1500012345", "第一三九号文件"])
def test_chinese_numerals_in_ordinary_words_are_left_alone(text: str) -> None:
    assert redact_one(text) == text


def test_names_split_by_invisible_characters_dots_or_dashes_are_hidden() -> None:
    series = pd.Series(["徐\u200b燕来访", "徐·燕", "杜-国华反映", "张三反映"])
    assert redact_names(series, ["徐燕", "杜国华", "张三"]).tolist() == [f"{P}来访", P, f"{P}反映", f"{P}反映"]
