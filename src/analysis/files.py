"""Writing files atomically and fingerprinting inputs."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd


def write_atomic(path: Path, write: Callable[[Path], None]) -> Path:
    """Call ``write`` on a temporary file beside ``path``, then rename it into place.

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
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)
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


def write_json_atomic(path: Path, payload: object) -> Path:
    """Write JSON (UTF-8, Chinese kept readable, keys in given order) atomically."""
    return write_text_atomic(path, json.dumps(payload, ensure_ascii=False, indent=2) + "\n")


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
