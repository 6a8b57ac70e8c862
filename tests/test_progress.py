"""A run's progress: plain lines in a log, one live line on a terminal."""

from __future__ import annotations

import io

from analysis.progress import CLEAR_LINE, StageProgress


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_a_log_gets_one_plain_line_per_start_and_end() -> None:
    log = io.StringIO()
    progress = StageProgress(log, total=2)
    progress("01_ingest", None)
    progress("01_ingest", 3.214)
    progress("publish", None)
    progress("publish", 0.5)
    assert log.getvalue().splitlines() == ["01_ingest 开始 (started)", "01_ingest 完成 (done) 3.21s", "publish 开始 (started)", "publish 完成 (done) 0.50s"]


def test_a_terminal_gets_one_live_line_naming_the_stages_running_then_cleared() -> None:
    terminal = Terminal()
    progress = StageProgress(terminal, total=3)
    progress("02_expenditure", None)
    progress("03_services", None)
    progress("02_expenditure", 3.0)
    assert terminal.getvalue().split(CLEAR_LINE)[1:] == [
        "[0/3] 运行中 (running)：02_expenditure",
        "[0/3] 运行中 (running)：02_expenditure、03_services",
        "[1/3] 运行中 (running)：03_services",
    ]
    progress("03_services", 3.5)
    progress("04_report", None)
    progress("04_report", 2.0)
    assert terminal.getvalue().endswith(CLEAR_LINE) and "\n" not in terminal.getvalue()  # nothing left on the line


def test_a_run_that_stops_early_leaves_no_live_line_behind() -> None:
    terminal, log = Terminal(), io.StringIO()
    for stream in (terminal, log):
        progress = StageProgress(stream, total=5)
        progress("01_ingest", None)
        progress.close()
    assert terminal.getvalue() == f"{CLEAR_LINE}[0/5] 运行中 (running)：01_ingest{CLEAR_LINE}"
    assert log.getvalue() == "01_ingest 开始 (started)\n"  # a log's lines stay as they are
