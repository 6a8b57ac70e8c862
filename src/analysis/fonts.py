"""An embedded font subset, so the report's Chinese renders on machines without CJK fonts."""

from __future__ import annotations

import base64
import re
from io import BytesIO

from fontTools import subset

from analysis.paths import CJK_FONT_PATH

EMBEDDED_FAMILY = "jixiao CJK"
DATA_URI = re.compile(r"data:[a-z/+]+;base64,[A-Za-z0-9+/=]+")


def characters_of(html: str) -> str:
    """Every distinct character of a page, leaving out embedded images."""
    return "".join(sorted(set(DATA_URI.sub("", html))))


def subset_font(text: str) -> bytes:
    """WOFF subset of Noto Sans CJK SC holding just the glyphs ``text`` needs."""
    options = subset.Options()
    options.flavor = "woff"
    font = subset.load_font(str(CJK_FONT_PATH), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    buffer = BytesIO()
    subset.save_font(font, buffer, options)
    return buffer.getvalue()


def font_face_css(html: str) -> str:
    """An @font-face rule embedding the subset the page needs, as a data: URI."""
    woff = base64.b64encode(subset_font(characters_of(html))).decode("ascii")
    return f'@font-face {{ font-family: "{EMBEDDED_FAMILY}"; src: url(data:font/woff;base64,{woff}) format("woff"); }}'
