"""An embedded font subset, so the report's Chinese renders on machines without CJK fonts."""

from __future__ import annotations

import base64
import hashlib
import re
from io import BytesIO
from pathlib import Path

import fontTools
from fontTools import subset

from analysis.files import write_bytes_atomic
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


def cached_subset(text: str, cache: Path | None) -> bytes:
    """subset_font(text), kept in the ``cache`` folder under a digest of the font file and the characters."""
    if cache is None:
        return subset_font(text)
    font = CJK_FONT_PATH.stat()
    key = hashlib.sha256(f"{CJK_FONT_PATH.name}:{font.st_size}:{font.st_mtime_ns}:{fontTools.version}\n{text}".encode()).hexdigest()
    path = cache / f"{key}.woff"
    if path.exists():
        return path.read_bytes()
    woff = subset_font(text)
    write_bytes_atomic(path, woff)
    return woff


def font_face_css(html: str, cache: Path | None = None) -> str:
    """An @font-face rule embedding the subset the page needs, as a data: URI (see cached_subset for ``cache``)."""
    woff = base64.b64encode(cached_subset(characters_of(html), cache)).decode("ascii")
    return f'@font-face {{ font-family: "{EMBEDDED_FAMILY}"; src: url(data:font/woff;base64,{woff}) format("woff"); }}'
