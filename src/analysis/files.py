"""Writing files atomically and fingerprinting inputs."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only for the annotation: importing pandas here would slow the command's start
    import pandas as pd


def read_umask() -> int:
    """The process umask (reading it means setting it, so it is read once, at import)."""
    umask = os.umask(0)
    os.umask(umask)
    return umask


UMASK = read_umask()


def write_atomic(path: Path, write: Callable[[Path], object]) -> Path:
    """Call ``write`` on a temporary file beside ``path``, then rename it into place (what ``write`` returns is ignored).

    Readers never see a half-written file: they see the old one or the new one.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    temp = Path(temp_name)
    try:
        write(temp)
        # mkstemp creates the file private (0600); published outputs are ordinary readable files.
        os.chmod(temp, 0o666 & ~UMASK)
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)
    return path


def write_text_atomic(path: Path, text: str) -> Path:
    """Write UTF-8 text atomically."""
    return write_atomic(path, lambda temp: temp.write_text(text, encoding="utf-8"))


def write_bytes_atomic(path: Path, data: bytes) -> Path:
    """Write bytes atomically."""
    return write_atomic(path, lambda temp: temp.write_bytes(data))


# C0 and C1 controls, and the marks that reverse or isolate text direction, which can disguise what a line says
CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
CONTROLS_BUT_TAB = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """``text`` with each control character written as its code (\\x1b), so that printing it cannot steer a terminal."""
    return CONTROLS.sub(lambda match: f"\\x{ord(match.group()):02x}" if ord(match.group()) < 0x100 else f"\\u{ord(match.group()):04x}", text)


def harmless(line: str) -> str:
    """A line of text with each control character but the tab replaced by U+FFFD, one for one (positions kept)."""
    return CONTROLS_BUT_TAB.sub("\ufffd", line)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def excel_safe(text: str) -> str:
    """A cell Excel will not run as a formula: a leading = + - @ gets a ' in front."""
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_for_excel(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """CSV text that Excel opens as it is: UTF-8 with BOM (so it shows the Chinese), CRLF, formula-safe cells."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([excel_safe(str(cell)) for cell in row] for row in rows)
    return "\ufeff" + buffer.getvalue()


DECIMAL_MARK = "\x00decimal:"


def to_json(payload: object) -> str:
    """JSON text, Chinese kept readable; a Decimal is written as a number with its exact digits (565003.20)."""

    def mark_decimal(value: object) -> str:
        if isinstance(value, Decimal):
            return f"{DECIMAL_MARK}{value}"
        raise TypeError(f"not JSON serialisable: {type(value).__name__}")

    text = json.dumps(payload, ensure_ascii=False, indent=2, default=mark_decimal)
    return re.sub(r'"\\u0000decimal:(-?\d+(?:\.\d+)?)"', r"\1", text) + "\n"


def write_json_atomic(path: Path, payload: object) -> Path:
    """Write JSON (see ``to_json``) atomically."""
    return write_text_atomic(path, to_json(payload))


def write_parquet_atomic(path: Path, frame: pd.DataFrame) -> Path:
    """Write a frame as Parquet atomically."""
    return write_atomic(path, lambda temp: frame.to_parquet(temp, index=False))


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
