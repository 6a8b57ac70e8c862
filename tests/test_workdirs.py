"""Work folders of runs (outputs/.runs/) kept after a failure and cleared after a success; a stuck cell's timeout."""

from __future__ import annotations

import fcntl
from pathlib import Path

import nbformat
import pytest

import analysis.run as run_module
from analysis.kernels import WarmKernel
from analysis.limits import MAX_CELL_SECONDS, Limit
from analysis.run import RunError, execute_stage, kept_work_note
from analysis.workdirs import clear_old_work, is_running, kept_work, lock_path


def make_work(output_dir: Path, *names: str) -> list[Path]:
    folders = [output_dir / ".runs" / name for name in names]
    for folder in folders:
        (folder / "x" / "2024" / "notebooks").mkdir(parents=True)
    return folders


def test_kept_work_lists_run_folders_oldest_first_and_ignores_other_names(tmp_path: Path) -> None:
    old, new, other = make_work(tmp_path, "x-2024-20261101-090000-000001", "x-2024-20261201-090000-000001", "a-b-2023-20261115-100000-000002")
    (tmp_path / ".runs" / "notes").mkdir()
    assert kept_work(tmp_path) == [other, old, new]
    assert kept_work(tmp_path, "a-b", 2023) == [other]  # a department code may hold dashes


def test_a_success_clears_its_own_and_finished_runs_but_not_one_still_running(tmp_path: Path) -> None:
    own, finished, running = make_work(tmp_path, "x-2024-20261101-090000-000001", "y-2023-20261101-090000-000001", "z-2024-20261101-090000-000001")
    path = lock_path(tmp_path, "z", 2024)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as holder:  # another run of z 2024 holds its lock
        fcntl.flock(holder, fcntl.LOCK_EX)
        assert is_running(tmp_path, "z", 2024) and not is_running(tmp_path, "y", 2023)
        assert clear_old_work(tmp_path, "x", 2024) == [own, finished]
    assert kept_work(tmp_path) == [running]


def test_a_failure_names_the_folders_earlier_failures_left(tmp_path: Path) -> None:
    earlier, current = make_work(tmp_path, "x-2024-20261101-090000-000001", "x-2024-20261201-090000-000001")
    assert kept_work_note(tmp_path, current) == [
        f"以前失败的运行另保留了1个工作目录 (work folders kept)：{earlier.name}，在 {tmp_path / '.runs'} 下；"
        "下次成功运行后自动清理 (cleared after the next successful run)"
    ]
    assert kept_work_note(tmp_path / "empty", current) == []


def test_a_cell_past_the_time_limit_is_stopped_with_its_notebook_and_cell_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_code_cell("import time\ntime.sleep(60)")]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, tmp_path / "99_stuck.ipynb")
    monkeypatch.setattr(run_module, "NOTEBOOKS_DIR", tmp_path)
    monkeypatch.setattr(run_module, "MAX_CELL_SECONDS", Limit("MAX_CELL_SECONDS", 2, "秒", MAX_CELL_SECONDS.what, MAX_CELL_SECONDS.reason))
    kernel = WarmKernel(tmp_path)
    try:
        with pytest.raises(RunError) as raised:
            execute_stage("99_stuck", {}, tmp_path / "out", kernel)
    finally:
        kernel.shutdown()  # still asleep in the stuck cell
    assert str(raised.value) == (
        "99_stuck.ipynb 第2个单元格 (cell 2)运行超时，已停止 (cell timed out)："
        "笔记本每个单元格的运行时间 (time per notebook cell)不超过2秒 (limit MAX_CELL_SECONDS)\n"
        f"已执行的笔记本 (executed notebook)：{tmp_path / 'out' / '99_stuck.ipynb'}"
    )
