"""Where a run works before it publishes: outputs/.runs/<dept>-<year>-<time>/, one lock per department and year.

A run builds everything in its own work folder and swaps it in only when
every stage succeeded. A failed run's folder is kept, so the executed
notebook that failed can be opened; the next successful run of any
department clears the folders of runs that are over (those whose lock is free).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from analysis.params import ParameterError

RUNS_FOLDER = ".runs"
LOCKS_FOLDER = ".locks"
WORK_NAME = re.compile(r"^(?P<dept>.+)-(?P<year>\d{4})-\d{8}-\d{6}-\d{6}$")


def control_folders(output_dir: Path) -> tuple[Path, Path]:
    """The folders of work folders and of locks under an output folder (check them apart from the ledgers, links followed)."""
    return Path(output_dir) / RUNS_FOLDER, Path(output_dir) / LOCKS_FOLDER


def lock_path(output_dir: Path, dept: str, year: int) -> Path:
    """The lock file of one department and year."""
    return Path(output_dir) / LOCKS_FOLDER / f"{dept}-{year}.lock"


@contextlib.contextmanager
def run_lock(output_dir: Path, dept: str, year: int) -> Iterator[None]:
    """One run of a department and year at a time: a second one waits for the first to finish."""
    path = lock_path(output_dir, dept, year)
    path.parent.mkdir(parents=True, exist_ok=True)
    # never truncated, never through a link: a lock file linked to a ledger must not empty the ledger
    try:
        handle = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o666)
    except OSError as error:
        if error.errno != errno.ELOOP:
            raise
        raise ParameterError(f"锁文件是一个链接，已拒绝 (lock file is a link)：{path}；请删除它后再运行") from None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)


def new_work_root(output_dir: Path, dept: str, year: int) -> Path:
    """A fresh work folder's path for a run starting now (not created)."""
    return Path(output_dir) / RUNS_FOLDER / f"{dept}-{year}-{datetime.now():%Y%m%d-%H%M%S-%f}"


def remove_work(work_root: Path) -> None:
    """Delete a run's work folder, and .runs/ once it holds no other (failed or running) run."""
    shutil.rmtree(work_root, ignore_errors=True)
    with contextlib.suppress(OSError):
        work_root.parent.rmdir()


def is_running(output_dir: Path, dept: str, year: int) -> bool:
    """Whether a run of this department and year holds its lock now."""
    path = lock_path(output_dir, dept, year)
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:  # no lock file (no run ever), or a link: no run of ours holds it
        return False
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(handle)
    return False


def kept_work(output_dir: Path, dept: str | None = None, year: int | None = None) -> list[Path]:
    """Work folders left under .runs/ by earlier runs (all, or one department and year's), oldest first."""
    runs = Path(output_dir) / RUNS_FOLDER
    found = []
    for folder in sorted(runs.iterdir()) if runs.is_dir() else ():
        match = WORK_NAME.match(folder.name)
        if match and (dept is None or (match["dept"] == dept and int(match["year"]) == year)):
            found.append(folder)
    return found


def clear_old_work(output_dir: Path, dept: str, year: int) -> list[Path]:
    """Delete the work folders of runs that are over; the folders deleted.

    The caller runs ``dept`` and ``year`` and holds its lock, so that department-year's folders
    are all over; another's are over when its lock is free.
    """
    removed = []
    for folder in kept_work(output_dir):
        match = WORK_NAME.match(folder.name)
        assert match is not None  # kept_work lists only folders of that form
        own = (match["dept"], int(match["year"])) == (dept, year)
        if own or not is_running(output_dir, match["dept"], int(match["year"])):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed
