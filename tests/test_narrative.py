"""analysis.narrative: sections, stated reasons, sandboxed placeholders and escaped HTML."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from analysis.narrative import (
    Amount,
    MissingLedger,
    NarrativeError,
    Rate,
    fill_placeholders,
    load_narrative,
    markdown_to_html,
    parse_narrative,
    render_section,
)

REQUIRED = "## 绩效情况\n\n全年受理工单{{ hotline.orders }}件。\n\n## 存在的问题\n\n经费不足。\n\n## 改进措施\n\n争取经费。\n"


def test_sections_are_parsed():
    text = "前言不属于任何章节\n\n## 职责职能\n\n负责信访工作。\n\n### 小标题\n\n内容\n\n" + REQUIRED
    narrative = parse_narrative(text)
    assert list(narrative.sections) == ["职责职能", "绩效情况", "存在的问题", "改进措施"]
    assert narrative.sections["职责职能"] == "负责信访工作。\n\n### 小标题\n\n内容"
    assert narrative.sections["存在的问题"] == "经费不足。"
    assert narrative.reasons == {}


def test_unknown_heading_is_named():
    with pytest.raises(NarrativeError, match="其它事项"):
        parse_narrative(REQUIRED + "\n## 其它事项\n\n无\n")


@pytest.mark.parametrize(
    "text",
    [
        "## 绩效情况\n\n好。\n\n## 存在的问题\n\n无。\n",
        "## 绩效情况\n\n好。\n\n## 存在的问题\n\n无。\n\n## 改进措施\n\n",  # present but empty
    ],
)
def test_missing_required_section_is_named(text):
    with pytest.raises(NarrativeError, match="改进措施"):
        parse_narrative(text)


def test_reason_lines_with_ascii_and_full_width_colons():
    reasons = (
        "## 变动原因\n\n"
        "- 基本支出: 落实过紧日子要求，压减一般性支出。\n"
        "- 日常公用经费：新部门组建，购置办公设备\n"
        "* 信访救助经费 ：加大化解救助力度。\n"
        "说明文字不是原因\n"
    )
    narrative = parse_narrative(REQUIRED + reasons)
    assert narrative.reasons == {
        "基本支出": "落实过紧日子要求，压减一般性支出",
        "日常公用经费": "新部门组建，购置办公设备",
        "信访救助经费": "加大化解救助力度",
    }


def test_load_narrative_reads_a_file(tmp_path):
    path = tmp_path / "narrative.md"
    path.write_text(REQUIRED + "## 变动原因\n\n- 项目支出: 新增热线经费。\n", encoding="utf-8")
    assert load_narrative(path).reasons == {"项目支出": "新增热线经费"}


def test_placeholders_are_filled():
    context = {"hotline": {"orders": 30708, "closure_rate": Rate(Fraction(30470, 30708))}, "expenditure": {"project": Amount(104_970_000)}}
    text = "工单{{ hotline.orders }}件，办结率{{ hotline.closure_rate | pct(2) }}，项目支出{{ expenditure.project | wan }}。"
    assert fill_placeholders(text, context) == "工单30708件，办结率99.22%，项目支出104.97万元。"


def test_placeholders_without_filter_show_units_not_internals():
    # 30470 / 30708 = 0.992249…: a bare rate prints as a percentage, never as "15235/15354"
    context = {"r": Rate(Fraction(30470, 30708)), "a": Amount(3_045_111_86)}
    assert fill_placeholders("{{ r }}；{{ a }}", context) == "99.22%；304.51万元"


def test_placeholder_filters_round_half_up_and_show_dash_for_none():
    # 5,000 fen = 0.005 万元 rounds half up to 0.01; 4,999 fen = 0.004999 rounds down
    context = {"x": Amount(5_000), "y": Amount(4_999), "r": Rate(Fraction(1, 8)), "no_rate": Rate(None)}
    assert fill_placeholders("{{ x | wan }}/{{ y | wan }}", context) == "0.01万元/0.00万元"
    assert fill_placeholders("{{ r | pct(1) }}/{{ r | pct }}", context) == "12.5%/12.50%"
    assert fill_placeholders("{{ no_rate | pct }}", context) == "—"


@pytest.mark.parametrize("text", ["{{ n | wan }}", "{{ a | pct }}", "{{ 1 / 0 }}"])
def test_misused_filters_and_failing_expressions_are_narrative_errors(text):
    with pytest.raises(NarrativeError):
        fill_placeholders(text, {"n": 12, "a": Amount(100)})


def test_absent_ledger_placeholder_names_the_ledger():
    with pytest.raises(NarrativeError, match="未提供本年度信访登记台账"):
        fill_placeholders("{{ petitions.batches }}", {"petitions": MissingLedger("本年度信访登记台账")})


def test_markdown_images_are_not_fetched():
    html = markdown_to_html("见图 ![现场照片](http://example.org/x.png)")
    assert "<img" not in html and "http://example.org" not in html and "现场照片" in html


@pytest.mark.parametrize("text", ["{{ missing }}", "{{ hotline.nope }}", "{{ hotline.orders.more }}"])
def test_undefined_placeholder_raises(text):
    with pytest.raises(NarrativeError, match="placeholder"):
        fill_placeholders(text, {"hotline": {"orders": 1}})


def test_placeholder_syntax_error_raises():
    with pytest.raises(NarrativeError):
        fill_placeholders("{{ hotline.orders | }}", {"hotline": {"orders": 1}})


@pytest.mark.parametrize(
    "text",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ x.__class__ }}",
        "{{ x.__init__.__globals__ }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    ],
)
def test_sandbox_refuses_python_internals(text):
    with pytest.raises(NarrativeError) as caught:
        fill_placeholders(text, {"x": Decimal("1")})
    assert "<class" not in str(caught.value)


def test_sandbox_refuses_mutating_the_context():
    items = [1, 2]
    with pytest.raises(NarrativeError):
        fill_placeholders("{{ items.append(3) }}", {"items": items})
    assert items == [1, 2]


def test_markdown_to_html_escapes_raw_html():
    html = markdown_to_html("正文<script>alert(1)</script>\n\n<b>粗</b> 与 **加粗**")
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;" in html
    assert "<strong>加粗</strong>" in html


def test_render_section_fills_then_escapes():
    narrative = parse_narrative(REQUIRED + "## 其他说明\n\n说明：{{ note }}\n")
    html = render_section(narrative, "其他说明", {"note": "<script>x()</script>"})
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert render_section(narrative, "绩效情况", {"hotline": {"orders": 7}}) == "<p>全年受理工单7件。</p>\n"
    assert render_section(narrative, "职责职能", {}) is None


def test_personal_numbers_the_analyst_typed_are_hidden_and_their_sections_named():
    text = (
        "## 绩效情况\n信访人李某（电话139.1234.5678）反映问题已化解。\n\n## 存在的问题\n无\n\n## 改进措施\n无\n\n"
        "## 变动原因\n- 信访救助经费: 救助对象联系 zhang＠example.com\n"
    )
    narrative = parse_narrative(text)
    assert narrative.sections["绩效情况"] == "信访人李某（电话[已隐去]）反映问题已化解。"
    assert narrative.reasons == {"信访救助经费": "救助对象联系 [已隐去]"}
    assert narrative.hidden == ("绩效情况", "变动原因")
