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


BATCH_STATUS_WORDS = {"ok": "完成 (ok)", "skipped": "未变更，跳过 (skipped)", "failed": "失败 (failed)"}
BATCH_COUNT_LABELS = {"ok": "成功 (ok)", "skipped": "跳过 (skipped)", "failed": "失败 (failed)"}


class BatchProgress:
    """A batch's progress on ``stream``: one line per department-year as it ends (status, seconds, first error);
    on a terminal a live line below them counts what is done of the total (cleared by ``close``)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.total = 0
        self.counts = dict.fromkeys(BATCH_STATUS_WORDS, 0)

    def expect(self, total: int) -> None:
        """Tell how many department-years the batch has, once they are known."""
        self.total = total
        if self.stream.isatty():
            self.stream.write(self.live_line())
            self.stream.flush()

    def __call__(self, label: str, status: str, seconds: float, error: str = "") -> None:
        """Tell that ``label`` (department and year) ended with ``status`` after ``seconds``."""
        self.counts[status] += 1
        line = f"[{sum(self.counts.values())}/{self.total}] {label} {BATCH_STATUS_WORDS[status]}"
        line += "" if status == "skipped" else f" {seconds:.1f}s"
        line += f"：{error}" if error else ""
        if self.stream.isatty():
            self.stream.write(f"{CLEAR_LINE}{line}\n{self.live_line()}")
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def live_line(self) -> str:
        """The terminal's last line: [done/total] and the count of each status so far."""
        counts = "，".join(f"{BATCH_COUNT_LABELS[status]} {count}" for status, count in self.counts.items())
        return f"[{sum(self.counts.values())}/{self.total}] 批量运行中 (batch running)：{counts}"

    def close(self) -> None:
        """Clear the live line, so what is printed next starts on a clean line."""
        if self.stream.isatty():
            self.stream.write(CLEAR_LINE)
            self.stream.flush()
