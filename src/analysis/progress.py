"""What a long run shows while it works: each stage as it starts and ends, with its time.

A run calls its progress function with (stage, None) when a stage starts and (stage, seconds)
when it ends; stages of a group run side by side, so calls come from several threads.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TextIO

Progress = Callable[[str, float | None], None]
CLEAR_LINE = "\r\033[K"


def no_progress(stage: str, seconds: float | None) -> None:
    """Progress that shows nothing (a run called from code)."""


class StageProgress:
    """Progress printed to ``stream``: on a terminal one live line, rewritten, naming the stages running and how
    many of ``total`` are done (cleared at the end); in a log or a pipe one plain line per start and end."""

    def __init__(self, stream: TextIO, total: int) -> None:
        self.stream, self.total = stream, total
        self.running: list[str] = []
        self.done = 0
        self.lock = threading.Lock()

    def __call__(self, stage: str, seconds: float | None) -> None:
        with self.lock:
            if seconds is None:
                self.running.append(stage)
            else:
                self.running.remove(stage)
                self.done += 1
            self.stream.write(self.live_line() if self.stream.isatty() else plain_line(stage, seconds) + "\n")
            self.stream.flush()

    def close(self) -> None:
        """Clear a live line a run left behind when it stopped early, so an error message starts on a clean line."""
        with self.lock:
            if self.stream.isatty() and self.done < self.total:
                self.stream.write(CLEAR_LINE)
                self.stream.flush()

    def live_line(self) -> str:
        """The terminal's line: cleared, then [done/total] and the stages running; empty once all are done."""
        if self.done == self.total:
            return CLEAR_LINE
        return f"{CLEAR_LINE}[{self.done}/{self.total}] 运行中 (running)：{'、'.join(self.running) or '…'}"


def plain_line(stage: str, seconds: float | None) -> str:
    """A log's line for one event: 开始 (started), or 完成 (done) with the stage's seconds."""
    return f"{stage} 开始 (started)" if seconds is None else f"{stage} 完成 (done) {seconds:.2f}s"
