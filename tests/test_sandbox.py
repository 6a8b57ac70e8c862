"""analysis.sandbox through fill_placeholders: placeholders that would run forever or grow without end are refused.

Each refused template is one the issue's attacker used or a close cousin; each allowed one is an
ordinary placeholder that must keep working. Limits are named in every message.
"""

from __future__ import annotations

import pytest

import analysis.sandbox as sandbox
from analysis.limits import Limit
from analysis.narrative import Amount, NarrativeError, fill_placeholders, placeholder_names

CONTEXT = {"hotline": {"orders": 30708, "months": list(range(1, 13))}, "expenditure": {"project": Amount(104_970_000)}, "xs": list(range(200))}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{{ hotline.orders }}件", "30708件"),
        ("{{ expenditure.project | wan }}", "104.97万元"),
        ("{{ hotline.orders * 2 }}、{{ 2 ** 10 }}、{{ 10 ** 15 }}", "61416、1024、1000000000000000"),
        ("{% for m in hotline.months %}{{ m }}{% if not loop.last %}、{% endif %}{% endfor %}", "1、2、3、4、5、6、7、8、9、10、11、12"),
        ("{{ '共' ~ hotline.orders ~ '件' }}", "共30708件"),
        ("{{ hotline.months | join('/') }}", "1/2/3/4/5/6/7/8/9/10/11/12"),
        ("{{ hotline.months | sum }} {{ hotline.months | length }}", "78 12"),
        ("{{ '-' * 3 }}", "---"),
    ],
)
def test_ordinary_placeholders_still_work(text: str, expected: str) -> None:
    assert fill_placeholders(text, CONTEXT) == expected


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("{{ (9**9)**(9**9) }}", "MAX_TEMPLATE_NUMBER_DIGITS"),
        ("{{ 2**100000 }}", "MAX_TEMPLATE_NUMBER_DIGITS"),
        ("{{ 10**20 * 10**20 }}", "MAX_TEMPLATE_NUMBER_DIGITS"),  # 41 digits
        ("{{ 'x' * 100000000 }}", "MAX_TEMPLATE_OUTPUT_CHARS"),
        ("{{ [1] * 100000000 }}", "MAX_TEMPLATE_OUTPUT_CHARS"),
        ("{{ 100000000 * 'x' }}", "MAX_TEMPLATE_OUTPUT_CHARS"),
        ("{% set s = 'x' * 150000 %}{{ s ~ s }}", "MAX_TEMPLATE_OUTPUT_CHARS"),
        ("{% set s = 'x' * 150000 %}{{ s + s }}", "MAX_TEMPLATE_OUTPUT_CHARS"),
        ("{% set s = 'x' * 150000 %}{{ [s, s] | join }}", "MAX_TEMPLATE_OUTPUT_CHARS"),
        ("{% for i in xs %}{{ 'x' * 1001 }}{% endfor %}", "MAX_TEMPLATE_OUTPUT_CHARS"),  # 200 × 1001 characters
        ("{% for i in xs %}{% for j in xs %}{% endfor %}{% endfor %}", "MAX_TEMPLATE_ITERATIONS"),  # 40,000 steps
        ("{% for i in 'x' * 100000 %}{% for j in 'x' * 100000 %}{% endfor %}{% endfor %}", "MAX_TEMPLATE_ITERATIONS"),
    ],
)
def test_placeholders_past_a_limit_are_refused_at_once(text: str, limit: str) -> None:
    with pytest.raises(NarrativeError, match=rf"占位符超出限制 \(limit exceeded\)：.*\(limit {limit}\)"):  # not the clock's
        fill_placeholders(text, CONTEXT)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{{ 'x'.center(100000000) }}", "占位符不能调用函数或方法 (no calls)"),
        ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "占位符不能调用函数或方法 (no calls)"),
        ("{{ '%0100000000d' % 1 }}", "占位符不能用 % 格式化文字 (no % formatting)"),
        ("{{ 'x' | center(100000000) }}", "没有「center」"),
        ("{{ 'x' | indent(100000000) }}", "没有「indent」"),
        ("{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}", "占位符嵌套过深 (nested too deeply)"),
    ],
)
def test_calls_formatting_amplifying_filters_and_deep_nesting_are_refused(text: str, message: str) -> None:
    with pytest.raises(NarrativeError) as caught:
        fill_placeholders(text, CONTEXT)
    assert message in str(caught.value)


# Folded while parsing before, it never ended (so a regression hangs here; the hostile corpus bounds the time).
def test_validation_parses_a_huge_constant_without_computing_it() -> None:
    assert placeholder_names("{{ (9**9)**(9**9) }}{{ hotline.orders }}") == {"hotline"}


def test_the_time_limit_stops_a_rendering_that_keeps_within_the_other_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sandbox, "MAX_TEMPLATE_SECONDS", Limit("MAX_TEMPLATE_SECONDS", 0, "秒", "用时", "A test of the backstop."))
    with pytest.raises(NarrativeError, match=r"\(limit MAX_TEMPLATE_SECONDS\)"):
        fill_placeholders("{% for i in xs %}{{ i }}{% endfor %}", CONTEXT)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("{{ [[[0]*200000]*200000]*200000 == [[[0]*200000]*200000]*200000 }}", "400,000"),  # [0] weighs 2: one item, one zero
        ("{{ ['x'*200000]*200000 }}", "200,001"),  # the list of one 200,000-character text, before it is repeated
        ("{% set s = 'x' * 150000 %}{{ [s, s] }}", "300,002"),  # two items of 150,000 characters each
        ("{% set l = [0] * 1000 %}{{ [l] * 300 }}", "600,300"),  # [l] weighs 1 + 2,000: 300 times that
    ],
)
def test_repeated_references_are_weighed_in_full(text: str, found: str) -> None:
    with pytest.raises(NarrativeError) as caught:
        fill_placeholders(text, CONTEXT)
    assert str(caught.value).endswith(f"(limit MAX_TEMPLATE_OUTPUT_CHARS)；此处为 (found) {found}个字符")


def test_literals_and_loop_targets_keep_working() -> None:
    text = "{% set a, b = 1, 2 %}{{ a + b }} {% for k, v in [(1, 'x'), (2, 'y')] %}{{ k }}{{ v }}{% endfor %} {{ {'n': 3}['n'] }}"
    assert fill_placeholders(text, CONTEXT) == "3 1x2y 3"
