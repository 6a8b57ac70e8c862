"""Real-browser fixtures: Debian's Chromium, headless, driven through its own chromedriver with selenium.

Selenium rather than playwright: chromedriver comes in the same Debian package set as the browser, so the two always
match, while playwright's client speaks the protocol of its own bundled browser build, which this offline machine
cannot download. Measurements go through the DevTools protocol (CDP) that chromedriver passes on.

Run as a script, it writes the README's screenshots of a report: python tests/browser.py REPORT.html OUTPUT_DIR
"""

from __future__ import annotations

import base64
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
# The machine has no network: without these Chromium keeps trying to reach update, sync and field-trial servers.
CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
DESKTOP = {"width": 1280, "height": 800, "deviceScaleFactor": 1, "mobile": False}
PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 3, "mobile": True}


def missing_browser() -> str:
    """The same sentence as `make browser` when Chromium or chromedriver is absent, else ''."""
    missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not path.exists()]
    return f"Browser tests will skip: missing {' '.join(missing)}; install with: sudo apt-get install chromium chromium-driver" if missing else ""


@contextmanager
def chromium() -> Iterator[webdriver.Chrome]:
    """A headless Chromium with a fresh profile folder, quit and its profile removed afterwards."""
    profile = Path(tempfile.mkdtemp(prefix="jixiao-chromium-"))
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    # An explicit driver path: Selenium Manager, which would download a driver, never runs.
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="session")
def browser() -> Iterator[webdriver.Chrome]:
    """One Chromium for the whole session; skips, saying what to install, where Debian's chromium is missing."""
    if message := missing_browser():
        pytest.skip(message)
    with chromium() as driver:
        yield driver


def open_page(driver: webdriver.Chrome, url: str, metrics: dict) -> None:
    """Load ``url`` in a viewport of exactly ``metrics`` (CSS px; DESKTOP or PHONE), scrolled to the top."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    driver.get(url)
    driver.execute_script("return document.fonts.ready")
    driver.execute_script("window.scrollTo(0, 0)")


def overflow_px(driver: webdriver.Chrome) -> int:
    """How far the page is wider than its viewport, in CSS px (0 or less: no horizontal scroll)."""
    return driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")


def text_elements(driver: webdriver.Chrome) -> list[int]:
    """CDP node ids of every element with a text child that is not only white space."""
    root = driver.execute_cdp_cmd("DOM.getDocument", {"depth": -1})["root"]
    found, stack = [], [root]
    while stack:
        node = stack.pop()
        children = node.get("children", [])
        if node["nodeType"] == 1 and any(c["nodeType"] == 3 and c["nodeValue"].strip() for c in children):
            found.append(node["nodeId"])
        stack.extend(children)
    return found


def named_families(driver: webdriver.Chrome) -> set[str]:
    """Every family the page's stylesheets name in a font-family (unquoted): the fonts it asks for."""
    lists = driver.execute_script(
        "return [...document.styleSheets].flatMap(sheet => [...sheet.cssRules])"
        ".map(rule => rule.style && rule.style.getPropertyValue('font-family')).filter(Boolean)"
    )
    return {name.strip().strip("'\"") for names in lists for name in names.split(",")}


def fallback_fonts(driver: webdriver.Chrome) -> dict[str, int]:
    """Glyphs drawn with a font the page does not name (neither a web font nor a system font its font-family lists,
    as 宋体 on a machine that has it), by platform font name: the browser's fallback for a missing glyph (empty: none)."""
    driver.execute_cdp_cmd("DOM.enable", {})
    driver.execute_cdp_cmd("CSS.enable", {})
    named = named_families(driver)
    fallback: dict[str, int] = {}
    for node in text_elements(driver):
        for font in driver.execute_cdp_cmd("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]:
            if not font["isCustomFont"] and font["familyName"] not in named:
                fallback[font["familyName"]] = fallback.get(font["familyName"], 0) + font["glyphCount"]
    return fallback


def web_font_families(driver: webdriver.Chrome) -> list[str]:
    """Family names of the page's loaded @font-face fonts."""
    return driver.execute_script("return [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family.replaceAll('\"', ''))")


def follow_link(driver: webdriver.Chrome, href: str) -> float:
    """Follow the contents link ``href`` from the top of the page; its target's top afterwards, in CSS px from the
    viewport's top, or 0 when the page is scrolled to its end (a short last section cannot reach the top)."""
    driver.execute_script("window.scrollTo(0, 0)")
    driver.execute_script("document.querySelector(`nav.toc a[href='${arguments[0]}']`).click()", href)
    return driver.execute_script(
        "const at_end = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1;"
        "return at_end ? 0 : document.getElementById(arguments[0].slice(1)).getBoundingClientRect().top",
        href,
    )


def print_pdf(driver: webdriver.Chrome) -> bytes:
    """The page printed to PDF by Chromium, with its print CSS (A4 from @page)."""
    return base64.b64decode(driver.execute_cdp_cmd("Page.printToPDF", {"printBackground": True, "preferCSSPageSize": True})["data"])


def screenshot(driver: webdriver.Chrome, scale: float) -> Image.Image:
    """The viewport as an image, scaled by ``scale`` from CSS px."""
    width, height = driver.execute_script("return [window.innerWidth, window.innerHeight]")
    clip = {"x": 0, "y": driver.execute_script("return window.scrollY"), "width": width, "height": height, "scale": scale}
    data = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "clip": clip, "captureBeyondViewport": False})["data"]
    return Image.open(BytesIO(base64.b64decode(data)))


def write_screenshots(report: Path, folder: Path) -> None:
    """report-phone.png (two phone screens side by side: the top of the page, table 1) and report-desktop.png."""
    with chromium() as driver:
        open_page(driver, report.resolve().as_uri(), PHONE)
        top = screenshot(driver, 1 / 3 * 2)
        driver.execute_script("document.querySelector('#s2 .table-wrap').scrollIntoView()")
        table = screenshot(driver, 1 / 3 * 2)
        phone = Image.new("RGB", (top.width * 2 + 24, top.height), "#f3f1ec")
        phone.paste(top, (0, 0))
        phone.paste(table, (top.width + 24, 0))
        phone.quantize(256).save(folder / "report-phone.png", optimize=True)  # 256 colours: a third of the bytes
        open_page(driver, report.resolve().as_uri(), DESKTOP)
        screenshot(driver, 1).save(folder / "report-desktop.png", optimize=True)


if __name__ == "__main__":
    write_screenshots(Path(sys.argv[1]), Path(sys.argv[2]))
