"""Jinja's immutable sandbox with limits, for the placeholders of narrative.md.

The sandbox already keeps a template from Python's internals. What it does not
do is keep a few bytes from asking for hours or gigabytes: ``(9**9)**(9**9)``
is folded as a constant while the template is parsed, ``'x'*10**8`` and
``'x'|center(10**8)`` build a hundred megabytes, and two nested loops over long
sequences never end. Here every operation that can grow a value is checked
before it runs (``**``, ``*``, ``+``, ``~``, ``%``, joining, list literals), by
the value's whole weight (``[s] * n`` weighs n times s), so no value grows past
MAX_TEMPLATE_OUTPUT_CHARS, and no comparison or printing of one can take long; loops count their steps against
MAX_TEMPLATE_ITERATIONS; only filters that cannot amplify their input are
offered; no function or method may be called; and every step checks the clock
against MAX_TEMPLATE_SECONDS. A refusal is LimitExceeded naming the limit.
"""

from __future__ import annotations

import math
import operator
import time
from collections.abc import Callable, Iterable, Iterator
from functools import wraps
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from jinja2.visitor import NodeTransformer

from analysis.limits import (
    MAX_TEMPLATE_ITERATIONS,
    MAX_TEMPLATE_NUMBER_DIGITS,
    MAX_TEMPLATE_OUTPUT_CHARS,
    MAX_TEMPLATE_SECONDS,
    LimitExceeded,
)

# Filters that give back at most what they were given (a string no longer than their input, a number).
SAFE_FILTERS = (
    "abs",
    "capitalize",
    "count",
    "d",
    "default",
    "first",
    "float",
    "int",
    "last",
    "length",
    "lower",
    "max",
    "min",
    "reverse",
    "round",
    "sort",
    "string",
    "sum",
    "title",
    "trim",
    "unique",
    "upper",
    "list",
)
STEPS_FILTER = "jixiao_steps"  # wraps every loop's sequence (added to the parsed template, not typed by anyone)
CONCAT_FILTER = "jixiao_concat"  # stands for the ~ operator, so that its result is checked before it is built
SIZED_FILTER = "jixiao_sized"  # wraps every list, tuple and dict written in a placeholder, so its size is checked
BINOPS = {"**": operator.pow, "*": operator.mul, "+": operator.add, "%": operator.mod}


class BoundingTransformer(NodeTransformer):
    """Rewrites a parsed template: each loop's sequence through STEPS_FILTER, each ``~`` through CONCAT_FILTER."""

    def visit_For(self, node: nodes.For) -> nodes.For:
        """The loop, its sequence counted step by step."""
        self.generic_visit(node)
        node.iter = nodes.Filter(node.iter, STEPS_FILTER, [], [], None, None, lineno=node.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Filter:
        """``a ~ b ~ c`` as a filter on the list of its parts."""
        self.generic_visit(node)
        return nodes.Filter(nodes.List(node.nodes, lineno=node.lineno), CONCAT_FILTER, [], [], None, None, lineno=node.lineno)

    def visit_List(self, node: nodes.List | nodes.Tuple | nodes.Dict) -> nodes.Node:
        """``[a, b]``, its size checked once built (its parts may be large texts written once and named many times).

        A tuple that is assigned to (``{% for k, v in … %}``) is a target, not a value, and stays as it is.
        """
        self.generic_visit(node)
        if getattr(node, "ctx", "load") != "load":
            return node
        return nodes.Filter(node, SIZED_FILTER, [], [], None, None, lineno=node.lineno)

    visit_Tuple = visit_List
    visit_Dict = visit_List


def weigh(value: object, seen: dict[int, int] | None = None) -> int:
    """A value's size with everything it holds counted, repeats included: characters of text, one per item.

    ``[s] * 1000`` holds the same text a thousand times; printing or comparing it costs a thousand
    times the text, so it weighs that much. Each distinct container is measured once (by identity).
    """
    seen = {} if seen is None else seen
    if isinstance(value, str):
        return len(value)
    if not isinstance(value, (list, tuple, dict)):
        return 1
    if id(value) not in seen:
        items = [*value.keys(), *value.values()] if isinstance(value, dict) else value
        seen[id(value)] = len(items) + sum(weigh(item, seen) for item in items)
    return seen[id(value)]


def number_digits(value: object) -> float:
    """Decimal digits of an integer's magnitude (0 for anything else)."""
    return math.log10(abs(value)) + 1 if isinstance(value, int) and value else 0


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """An immutable sandbox whose templates cannot grow a value, loop or run past the limits.

    Make one per rendering: it counts that rendering's loop steps and time.
    """

    intercepted_binops = frozenset(BINOPS)  # also keeps them from being folded as constants while parsing

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.globals.clear()
        self.filters = {name: self.timed(self.filters[name]) for name in SAFE_FILTERS}
        self.filters.update(
            {
                "join": self.timed(self.bounded_join),
                STEPS_FILTER: self.count_steps,
                CONCAT_FILTER: self.timed(self.concat),
                SIZED_FILTER: self.timed(self.sized),
            }
        )
        self.steps = 0
        self.deadline = time.monotonic() + MAX_TEMPLATE_SECONDS.value

    def start_clock(self) -> None:
        """Begin a rendering: loop steps from zero, the time limit from now."""
        self.steps = 0
        self.deadline = time.monotonic() + MAX_TEMPLATE_SECONDS.value

    def check_clock(self) -> None:
        """Refuse to go on once the rendering has run for MAX_TEMPLATE_SECONDS."""
        if time.monotonic() > self.deadline:
            raise LimitExceeded(MAX_TEMPLATE_SECONDS, f"超过{MAX_TEMPLATE_SECONDS.value}秒")

    def timed(self, function: Callable[..., Any]) -> Callable[..., Any]:
        """``function`` with a look at the clock before each call (Jinja's own markers kept)."""

        @wraps(function)
        def call(*args: Any, **kwargs: Any) -> Any:
            self.check_clock()
            return function(*args, **kwargs)

        return call

    def check_length(self, length: int) -> None:
        """Refuse a text or sequence longer than MAX_TEMPLATE_OUTPUT_CHARS before it is built."""
        if length > MAX_TEMPLATE_OUTPUT_CHARS.value:
            raise LimitExceeded(MAX_TEMPLATE_OUTPUT_CHARS, f"{length:,}{MAX_TEMPLATE_OUTPUT_CHARS.unit}")

    def call_binop(self, context: jinja2.runtime.Context, op: str, left: Any, right: Any) -> Any:
        """``**``, ``*``, ``+`` and ``%`` with their result's size checked before it is computed."""
        self.check_clock()
        if op == "**" and isinstance(left, int) and isinstance(right, int) and right > 0:
            self.check_digits(number_digits(left) * right)
        elif op == "*" and isinstance(left, int) and isinstance(right, int):
            self.check_digits(number_digits(left) + number_digits(right))
        elif op == "*" and isinstance(left, (str, list, tuple)) and isinstance(right, int):
            self.check_length(weigh(left) * right)
        elif op == "*" and isinstance(right, (str, list, tuple)) and isinstance(left, int):
            self.check_length(weigh(right) * left)
        elif op == "+" and isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)):
            self.check_length(weigh(left) + weigh(right))
        elif op == "%" and isinstance(left, str):
            raise SecurityError("占位符不能用 % 格式化文字 (no % formatting)")  # '%0100000000d' % 1 is 100 MB
        return BINOPS[op](left, right)

    def check_digits(self, digits: float) -> None:
        """Refuse an integer of more than MAX_TEMPLATE_NUMBER_DIGITS digits before it is computed."""
        if digits > MAX_TEMPLATE_NUMBER_DIGITS.value:
            raise LimitExceeded(MAX_TEMPLATE_NUMBER_DIGITS, f"约{digits:,.0f}位")

    def count_steps(self, sequence: Iterable[Any]) -> Iterator[Any]:
        """A loop's sequence, each step counted against MAX_TEMPLATE_ITERATIONS for the whole rendering."""
        for item in sequence:
            self.steps += 1
            if self.steps > MAX_TEMPLATE_ITERATIONS.value:
                raise LimitExceeded(MAX_TEMPLATE_ITERATIONS, f"超过{MAX_TEMPLATE_ITERATIONS.value:,}次")
            self.check_clock()
            yield item

    def concat(self, parts: Iterable[Any]) -> str:
        """The ``~`` operator: the parts as text, joined once their total length is known to be within the limit.

        Also overrides Environment.concat, which joins a rendering's output (a generator of texts).
        """
        self.check_length(weigh(parts))  # before str() of a part that holds a big text many times
        texts = [str(part) for part in parts]
        self.check_length(sum(map(len, texts)))
        return "".join(texts)

    def sized(self, value: Any) -> Any:
        """A list, tuple or dict written in the template, refused when it weighs more than MAX_TEMPLATE_OUTPUT_CHARS."""
        self.check_length(weigh(value))
        return value

    def bounded_join(self, values: Iterable[Any], separator: str = "") -> str:
        """The join filter, its result's length checked before it is built."""
        values = list(values)
        self.check_length(weigh(values) + len(separator) * max(len(values) - 1, 0))  # before any str() of a big item
        texts = [str(value) for value in values]
        self.check_length(sum(map(len, texts)) + len(separator) * max(len(texts) - 1, 0))
        return separator.join(texts)

    def getattr(self, obj: Any, attribute: str) -> Any:
        """Attribute access, with a look at the clock."""
        self.check_clock()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        """Item access, with a look at the clock."""
        self.check_clock()
        return super().getitem(obj, argument)

    def call(__self, __context: jinja2.runtime.Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        """No function, method or macro may be called from a placeholder: what a call can do cannot be bounded."""
        raise SecurityError("占位符不能调用函数或方法 (no calls)")

    def bounded_template(self, source: str) -> jinja2.Template:
        """The template of ``source`` with every loop counted and every ``~`` checked."""
        return self.from_string(BoundingTransformer().visit(self.parse(source)))

    def render_bounded(self, source: str, context: dict[str, Any]) -> str:
        """Render ``source``, its output kept within MAX_TEMPLATE_OUTPUT_CHARS and its time within MAX_TEMPLATE_SECONDS."""
        template = self.bounded_template(source)
        self.start_clock()
        chunks, length = [], 0
        for chunk in template.generate(**context):
            length += len(chunk)
            self.check_length(length)
            self.check_clock()
            chunks.append(chunk)
        return "".join(chunks)
