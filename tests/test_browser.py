"""The published report in a real Chromium: at 1280 and 390 px wide, no sideways scroll, every glyph from the
embedded font, contents links that land, a page that prints; on a phone, readable tables and checksums."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from browser import DESKTOP, PHONE, browser, fallback_fonts, follow_link, open_page, overflow_px, print_pdf, web_font_families
from selenium import webdriver

from analysis.fonts import EMBEDDED_FAMILY, font_face_css
from analysis.run import run

__all__ = ["browser"]  # the session fixture, imported for pytest

# The contents of the reference department's report: sections 一 to 九, the two appendices (as in body.html.j2).
TOC_TARGETS = ["#s1", "#s2", "#s3", "#s4", "#s5", "#s6", "#s7", "#s8", "#s9", "#appendix", "#trace"]


@pytest.fixture(scope="module")
def report_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """file:// URL of the reference department's 2024 report.html, from one real run into scratch folders."""
    scratch = tmp_path_factory.mktemp("browser-run")
    result = run("nanyue-swd", 2024, output_dir=scratch / "outputs", processed_dir=scratch / "processed")
    return (result.output_dir / "report.html").as_uri()


@pytest.fixture(params=[DESKTOP, PHONE], ids=["1280px", "390px"])
def page(request: pytest.FixtureRequest, browser: webdriver.Chrome, report_url: str) -> webdriver.Chrome:
    """The browser showing the report at one of the two widths (loaded afresh: tests share one browser)."""
    open_page(browser, report_url, request.param)
    return browser


def test_viewport_is_the_emulated_width(page: webdriver.Chrome) -> None:
    assert page.execute_script("return window.innerWidth") in (DESKTOP["width"], PHONE["width"])


def test_page_never_scrolls_sideways(page: webdriver.Chrome) -> None:
    assert overflow_px(page) <= 0


def test_every_glyph_comes_from_the_embedded_font(page: webdriver.Chrome) -> None:
    assert web_font_families(page) == [EMBEDDED_FAMILY]
    assert fallback_fonts(page) == {}


def test_every_contents_link_lands_on_its_heading(page: webdriver.Chrome) -> None:
    hrefs = page.execute_script("return [...document.querySelectorAll('nav.toc a')].map(a => a.getAttribute('href'))")
    assert hrefs == TOC_TARGETS
    tops = {href: follow_link(page, href) for href in hrefs}
    assert {href: top for href, top in tops.items() if abs(top) > 1} == {}


def test_the_page_prints_to_several_pdf_pages(page: webdriver.Chrome) -> None:
    pdf = print_pdf(page)
    assert pdf.startswith(b"%PDF-")
    # Nine sections, four tables, ten charts at about a third of a page each, the checks appendix: well over 5 A4 pages.
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) > 5


@pytest.fixture
def phone(browser: webdriver.Chrome, report_url: str) -> webdriver.Chrome:
    """The browser showing the report on a 390 px phone."""
    open_page(browser, report_url, PHONE)
    return browser


def test_phone_table_labels_stay_words(phone: webdriver.Chrome) -> None:
    # 4 em: a four-character label such as 基本支出 on one line, not one character per line as at 2 em.
    widths = phone.execute_script(
        "return [...document.querySelectorAll('table td:first-child')].filter(e => e.checkVisibility())"
        ".map(e => e.getBoundingClientRect().width / parseFloat(getComputedStyle(e).fontSize))"
    )
    assert len(widths) > 20 and min(widths) >= 4


def test_phone_checksums_wrap_in_long_lines(phone: webdriver.Chrome) -> None:
    lines = phone.execute_script("return [...document.querySelectorAll('table.inputs code')].map(e => e.getClientRects().length)")
    # A SHA-256 value is 64 characters: at most 4 lines is at least 16 characters a line (the old layout: 16 lines of 4).
    assert lines and max(lines) <= 4


def test_phone_padding_leaves_the_column_to_the_text(phone: webdriver.Chrome) -> None:
    padding = phone.execute_script("const s = getComputedStyle(document.body); return parseFloat(s.paddingLeft) + parseFloat(s.paddingRight)")
    assert padding <= 40  # 24 mm on each side was 181 px of the 390


def test_phone_charts_keep_a_readable_width(phone: webdriver.Chrome) -> None:
    widths = phone.execute_script("return [...document.querySelectorAll('figure.chart img')].map(e => e.getBoundingClientRect().width)")
    assert len(widths) >= 5 and min(widths) >= 520


@pytest.mark.parametrize(("subset_text", "fallback_glyphs"), [("部门整体支出Z", 0), ("部门整体支出", 1)])
def test_a_glyph_missing_from_the_subset_is_found(browser: webdriver.Chrome, tmp_path: Path, subset_text: str, fallback_glyphs: int) -> None:
    # The page shows 部门整体支出Z; the second subset lacks the Z, which the browser then draws with a system font.
    css = font_face_css(subset_text)
    page = tmp_path / "page.html"
    page.write_text(
        f'<!DOCTYPE html><meta charset="utf-8"><style>{css} body {{ font-family: "{EMBEDDED_FAMILY}", sans-serif; }}</style><p>部门整体支出Z</p>',
        encoding="utf-8",
    )
    open_page(browser, page.as_uri(), DESKTOP)
    assert sum(fallback_fonts(browser).values()) == fallback_glyphs


def test_a_system_font_the_page_names_is_no_fallback(browser: webdriver.Chrome, tmp_path: Path) -> None:
    # As 宋体 on a PC that has it: the page names DejaVu Sans first (Debian's default font), which draws the Z;
    # the Chinese it lacks comes from the embedded subset.
    if "DejaVu Sans" not in subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, check=False).stdout:
        pytest.skip("DejaVu Sans is not installed (Debian's fonts-dejavu-core)")
    page = tmp_path / "page.html"
    css = font_face_css("部门")
    page.write_text(
        f'<!DOCTYPE html><meta charset="utf-8"><style>{css} body {{ font-family: "DejaVu Sans", "{EMBEDDED_FAMILY}"; }}</style><p>部门Z</p>', encoding="utf-8"
    )
    open_page(browser, page.as_uri(), DESKTOP)
    assert fallback_fonts(browser) == {}
