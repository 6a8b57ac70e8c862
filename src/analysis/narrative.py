"""The analyst's narrative.md: sections, stated reasons, and placeholders.

narrative.md holds level-2 sections with fixed Chinese titles. Placeholders
are Jinja expressions rendered in an immutable sandbox (no attribute access
to Python internals, no file access, no calls) with limits on size, loops and
time (analysis.sandbox), then Markdown is turned into HTML with
raw HTML escaped, so nothing the analyst types can inject markup or script.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import NoReturn, cast

import jinja2
import jinja2.meta
import mistune

from analysis.ledgers.common import NOT_A_FILE
from analysis.limits import MAX_NARRATIVE_BYTES, LimitExceeded
from analysis.money import format_percent, format_wan
from analysis.privacy import redact_string
from analysis.sandbox import BoundedSandbox

SECTIONS = {
    "职责职能": False,
    "绩效情况": True,
    "存在的问题": True,
    "改进措施": True,
    "其他说明": False,
    "变动原因": False,
}
REASONS_SECTION = "变动原因"
REASON_LINE = re.compile(r"^\s*[-*]\s*(?P<item>[^:：]+?)\s*[:：]\s*(?P<reason>.+?)\s*[。.]?\s*$")


class NarrativeError(ValueError):
    """narrative.md cannot be used: unknown section, missing section or bad placeholder.

    ``detail`` is what was expected, ``line`` and ``value`` locate it when known.
    """

    def __init__(self, message: str, detail: str | None = None, line: int | None = None, value: str | None = None) -> None:
        super().__init__(message)
        self.detail, self.line, self.value = detail or message, line, value


@dataclass(frozen=True)
class Narrative:
    """Section texts (Markdown with placeholders) and reasons keyed by line item.

    ``hidden`` names the sections in which a phone number, ID number or e-mail address was
    replaced: the analyst writes the text, but a citizen's number must not be published either.
    """

    sections: dict[str, str]
    reasons: dict[str, str]
    hidden: tuple[str, ...] = ()


def split_sections(text: str) -> dict[str, str]:
    """Map each ``## 标题`` to the text below it; text before the first heading is ignored."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        heading = re.match(r"^##\s+(.+?)\s*$", line)
        if heading:
            current = sections.setdefault(heading.group(1), [])
        elif current is not None:
            current.append(line)
    return {title: "\n".join(lines).strip() for title, lines in sections.items()}


def parse_reasons(text: str) -> dict[str, str]:
    """``- 项目: 原因`` lines to {项目: 原因}."""
    reasons = {}
    for line in text.splitlines():
        match = REASON_LINE.match(line)
        if match:
            reasons[match.group("item").strip()] = match.group("reason").strip()
    return reasons


def parse_narrative(text: str, source: str = "narrative.md") -> Narrative:
    """Parse narrative.md; unknown or missing required sections are errors; personal numbers are hidden."""
    sections = split_sections(text)
    unknown = [t for t in sections if t not in SECTIONS]
    missing = [t for t, required in SECTIONS.items() if required and not sections.get(t)]
    if unknown or missing:
        parts = []
        if unknown:
            parts.append(f"未知章节 (unknown section)：{'、'.join(unknown)}")
        if missing:
            parts.append(f"缺少章节 (missing section)：{'、'.join(missing)}")
        detail = f"{'；'.join(parts)}。可用章节 (allowed)：{'、'.join(SECTIONS)}"
        line = next((n for n, text_line in enumerate(text.splitlines(), 1) if unknown and text_line.strip() == f"## {unknown[0]}"), None)
        raise NarrativeError(f"{source}：{detail}", detail, line, unknown[0] if unknown else None)
    redacted = {title: redact_string(text) for title, text in sections.items()}
    hidden = tuple(title for title in sections if redacted[title] != sections[title])
    return Narrative(sections=redacted, reasons=parse_reasons(redacted.get(REASONS_SECTION, "")), hidden=hidden)


def load_narrative(path: Path) -> Narrative:
    """Read and parse a narrative.md file (at most MAX_NARRATIVE_BYTES)."""
    return parse_narrative(read_narrative_text(path), source=str(Path(path).name))


def read_narrative_text(path: Path) -> str:
    """The text of a narrative.md file: a regular file of at most MAX_NARRATIVE_BYTES, in UTF-8; else NarrativeError."""
    if not Path(path).is_file():
        detail = NOT_A_FILE
        raise NarrativeError(f"{Path(path).name}：{detail}", detail)
    size = Path(path).stat().st_size
    if size > MAX_NARRATIVE_BYTES.value:
        detail = MAX_NARRATIVE_BYTES.refusal(f"{size:,}{MAX_NARRATIVE_BYTES.unit}")
        raise NarrativeError(f"{Path(path).name}：超出限制 (limit exceeded)：{detail}", detail)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        detail = "UTF-8编码的文本 (UTF-8 text)；请在编辑器中另存为 UTF-8"
        raise NarrativeError(f"{Path(path).name}：{detail}", detail) from None
    return text


@dataclass(frozen=True)
class Amount:
    """A money figure for placeholders, in fen; shows as 万元 with two decimals."""

    fen: int

    def __str__(self) -> str:
        return f"{format_wan(self.fen)}万元"


@dataclass(frozen=True)
class Rate:
    """A rate for placeholders (exact fraction, None when undefined); shows as a percentage."""

    value: Fraction | None

    def __str__(self) -> str:
        return format_percent(self.value, 2)


class MissingLedger:
    """Stands in for a ledger that is absent this year: any placeholder using it is an error naming it."""

    def __init__(self, what: str) -> None:
        self.what = what

    def refuse(self) -> NoReturn:
        """Raise the error a clerk understands."""
        raise NarrativeError(f"未提供{self.what}，narrative.md 不能使用它的占位符 (ledger absent)")

    def __getattr__(self, name: str) -> NoReturn:
        if name.startswith("__"):
            raise AttributeError(name)
        self.refuse()

    def __getitem__(self, name: str) -> NoReturn:
        self.refuse()

    def __str__(self) -> str:
        self.refuse()


def filter_wan(value: Amount, places: int = 2) -> str:
    """Placeholder filter: an amount as 万元 text, e.g. ``104.97万元``."""
    if not isinstance(value, Amount):
        raise NarrativeError(f"wan 只能用于金额 (wan needs an amount)，收到 {value!r}")
    return f"{format_wan(value.fen, places)}万元"


def filter_pct(value: Rate, places: int = 2) -> str:
    """Placeholder filter: a rate as a percentage, e.g. ``99.22%``."""
    if not isinstance(value, Rate):
        raise NarrativeError(f"pct 只能用于比率 (pct needs a rate)，收到 {value!r}")
    return format_percent(value.value, places)


def make_environment() -> BoundedSandbox:
    """Sandboxed Jinja environment with limits (see analysis.sandbox): no globals, undefined names are errors, plain text."""
    env = BoundedSandbox(undefined=jinja2.StrictUndefined, autoescape=False)
    env.filters.update(wan=env.timed(filter_wan), pct=env.timed(filter_pct))
    return env


def fill_placeholders(text: str, context: dict, source: str = "narrative.md") -> str:
    """Render ``{{ ... }}`` placeholders against the run's figures, within the limits of analysis.sandbox."""
    try:
        return make_environment().render_bounded(text, context)
    except LimitExceeded as exc:
        raise NarrativeError(f"{source}：占位符超出限制 (limit exceeded)：{exc.limit.refusal(exc.found)}") from None
    except RecursionError:
        raise NarrativeError(f"{source}：占位符嵌套过深 (nested too deeply)") from None
    except NarrativeError as exc:
        raise NarrativeError(f"{source}：{exc}") from None
    except jinja2.UndefinedError as exc:
        raise NarrativeError(f"{source}：占位符引用了不存在的数据 (unknown placeholder)：{exc.message}") from None
    except jinja2.TemplateSyntaxError as exc:
        raise NarrativeError(f"{source} 第{exc.lineno}行：{syntax_detail(exc)}") from None
    except jinja2.exceptions.SecurityError as exc:
        raise NarrativeError(f"{source}：占位符不安全，已拒绝 (unsafe placeholder)：{exc}") from None
    except Exception as exc:  # anything else a placeholder expression can raise (1/0, a bad filter argument)
        raise NarrativeError(f"{source}：占位符无法计算 (placeholder failed)：{type(exc).__name__}: {exc}") from None


UNKNOWN_FILTER = re.compile(r"No filter named '(?P<name>[^']*)'")


def syntax_detail(error: jinja2.TemplateSyntaxError) -> str:
    """What is wrong with a placeholder's writing, in a clerk's words (an unknown filter lists the known ones)."""
    unknown = UNKNOWN_FILTER.match(error.message or "")
    if unknown:
        known = "、".join(name for name in make_environment().filters if not name.startswith("jixiao_"))
        return f"可用的过滤器 (known filters)：{known}；没有「{unknown['name']}」"
    return f"占位符写法有误 (placeholder syntax)：{error.message}"


PLACEHOLDER_ROOTS = ("department", "fiscal_year", "expenditure", "hotline", "petitions", "volunteer", "staffing")


def placeholder_names(text: str, source: str = "narrative.md") -> set[str]:
    """The top-level names a section's placeholders use (hotline, expenditure, ...); syntax errors raise."""
    try:
        return jinja2.meta.find_undeclared_variables(make_environment().parse(text))
    except jinja2.TemplateSyntaxError as exc:
        detail = syntax_detail(exc)
        raise NarrativeError(f"{source} 第{exc.lineno}行：{detail}", detail) from None
    except (RecursionError, MemoryError):  # brackets nested thousands deep: the parser cannot follow them
        detail = "占位符嵌套过深 (nested too deeply)"
        raise NarrativeError(f"{source}：{detail}", detail) from None


class OfflineRenderer(mistune.HTMLRenderer):
    """HTML renderer that keeps the report offline: an image becomes its alt text, never a fetch."""

    def image(self, text: str, url: str, title: str | None = None) -> str:
        """Markdown images are not loaded; their description stays in the text."""
        return text


def markdown_to_html(text: str) -> str:
    """Markdown to HTML with raw HTML escaped and no external images."""
    # an HTML renderer renders to text; mistune's list of tokens is only what it returns without a renderer
    return cast(str, mistune.create_markdown(escape=True, renderer=OfflineRenderer(escape=True))(text))


def render_section(narrative: Narrative, title: str, context: dict) -> str | None:
    """A section's HTML with placeholders filled; None when the section is absent or empty."""
    text = narrative.sections.get(title, "")
    if not text.strip():
        return None
    return markdown_to_html(fill_placeholders(text, context, source=f"narrative.md「{title}」"))
