"""Embedded font subsets, so the report's Chinese renders on machines without CJK fonts."""

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


class MissingFontError(FileNotFoundError):
    """A font file the report embeds is not installed."""


def characters_of(html: str) -> str:
    """Every distinct character of a page, leaving out embedded images."""
    return "".join(sorted(set(DATA_URI.sub("", html))))


def subset_font(text: str, font_path: Path = CJK_FONT_PATH, flavor: str | None = "woff") -> bytes:
    """A subset of the font at ``font_path`` holding just the glyphs ``text`` needs: WOFF, or the font's own
    OpenType format with ``flavor=None``."""
    if not font_path.is_file():
        raise MissingFontError(f"缺少字体文件 (missing font)：{font_path}；它由 mplfonts 包提供，请运行 make env 重新安装环境 (reinstall the environment)")
    options = subset.Options()
    options.flavor = flavor
    font = subset.load_font(str(font_path), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    buffer = BytesIO()
    subset.save_font(font, buffer, options)
    return buffer.getvalue()


def cached_subset(text: str, cache: Path | None, font_path: Path = CJK_FONT_PATH, flavor: str | None = "woff") -> bytes:
    """subset_font(text, font_path, flavor), kept in the ``cache`` folder under a digest of the font file, the
    format and the characters."""
    if cache is None or not font_path.is_file():  # subset_font says which font is missing
        return subset_font(text, font_path, flavor)
    font = font_path.stat()
    identity = f"{font_path.name}:{font.st_size}:{font.st_mtime_ns}:{fontTools.version}:{flavor}"
    key = hashlib.sha256(f"{identity}\n{text}".encode()).hexdigest()
    path = cache / f"{key}.{flavor or 'otf'}"
    if path.exists():
        return path.read_bytes()
    data = subset_font(text, font_path, flavor)
    write_bytes_atomic(path, data)
    return data


def font_face_css(html: str, cache: Path | None = None) -> str:
    """An @font-face rule embedding the subset the page needs, as a data: URI (see cached_subset for ``cache``)."""
    woff = base64.b64encode(cached_subset(characters_of(html), cache)).decode("ascii")
    return f'@font-face {{ font-family: "{EMBEDDED_FAMILY}"; src: url(data:font/woff;base64,{woff}) format("woff"); }}'
