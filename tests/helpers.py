"""Helpers shared by the whole-run tests: file checksums, searching outputs for planted data, stopping runs."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pandas as pd


def checksums(root: Path) -> dict[str, str]:
    """SHA-256 of every file under ``root``, by relative path."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


def texts_of(path: Path) -> list[str]:
    """Text forms of an output file to search: its bytes as UTF-8, plus every cell or JSON string where relevant."""
    data = path.read_bytes()
    if path.suffix == ".png":  # pixels are not text; only ASCII digits could hide in the bytes
        return [data.decode("ascii", errors="replace")]
    texts = [data.decode("utf-8", errors="replace")]
    if path.suffix in {".ipynb", ".json"}:  # in case JSON escaped Chinese as \\uXXXX
        texts.append(json.dumps(json.loads(data), ensure_ascii=False))
    if path.suffix == ".parquet":  # compressed pages: read the cells themselves
        frame = pd.read_parquet(path)
        texts += [" ".join(map(str, frame.columns))]
        texts += [str(value) for column in frame.columns for value in frame[column].tolist()]
    return texts


def leaks(roots: list[Path], needles: tuple[str, ...]) -> list[str]:
    """'file: needle' for every needle found in any file under ``roots``."""
    found = []
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            texts = texts_of(path)
            candidates = [n for n in needles if n.isascii()] if path.suffix == ".png" else needles
            found += [f"{path.relative_to(root)}: {n}" for n in candidates if any(n in t for t in texts)]
    return found


def descendants(pid: int) -> list[int]:
    """Process ids of every descendant of ``pid`` (Linux /proc), children first."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended while we looked
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, queue = [], [pid]
    while queue:
        for child in children.get(queue.pop(0), []):
            found.append(child)
            queue.append(child)
    return found


def kill_run(process: subprocess.Popen) -> None:
    """SIGKILL a run started with start_new_session=True, and the kernels it started (in their own sessions)."""
    os.killpg(process.pid, signal.SIGSTOP)  # frozen: it cannot start another kernel while we look
    kernels = descendants(process.pid)
    for pid in kernels:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{pid}").exists() for pid in kernels) and time.monotonic() < deadline:
        time.sleep(0.05)
