"""Warm kernels: one kernel runs several notebooks, each from an empty namespace; a pool replaces a dead kernel."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import nbformat
import pytest

from analysis import run as run_module
from analysis.kernels import KernelPool, WarmKernel
from analysis.run import RunError, execute_stage


def write_notebook(folder: Path, name: str, *cells: str) -> None:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in cells]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, folder / f"{name}.ipynb")


@pytest.fixture
def kernel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(run_module, "NOTEBOOKS_DIR", tmp_path)
    warm = WarmKernel(tmp_path)
    yield warm
    warm.shutdown()


def test_each_notebook_starts_from_an_empty_namespace_in_the_same_process(tmp_path: Path, kernel: WarmKernel) -> None:
    write_notebook(tmp_path, "01_a", "import os, fractions\nleft_over = 1\npid = os.getpid()\nprint(pid)")
    # the second notebook fails if the first one's name is still there, or if it runs in another process
    write_notebook(tmp_path, "02_b", "import os, sys\nassert 'left_over' not in globals()\nassert 'fractions' in sys.modules\nprint(os.getpid())")
    first = execute_stage("01_a", {}, tmp_path / "out", kernel)
    second = execute_stage("02_b", {}, tmp_path / "out", kernel)
    pids = [nbformat.read(path, as_version=4).cells[0].outputs[0]["text"].strip() for path in (first, second)]
    assert pids[0] == pids[1] == str(kernel.manager.provisioner.process.pid)


def test_a_failing_cell_is_named_as_in_a_new_kernel_and_the_kernel_runs_on(tmp_path: Path, kernel: WarmKernel) -> None:
    write_notebook(tmp_path, "01_good", "y = 2", "z = 3", "w = 4")
    write_notebook(tmp_path, "02_bad", "x = 1", "raise ValueError('坏数据')")
    execute_stage("01_good", {}, tmp_path / "out", kernel)
    with pytest.raises(RunError) as raised:
        execute_stage("02_bad", {}, tmp_path / "out", kernel)
    assert str(raised.value).startswith("02_bad.ipynb 第2个执行的单元格 (In [2]) 出错：ValueError: 坏数据")  # not In [5]
    execute_stage("01_good", {}, tmp_path / "out", kernel)


def test_a_pool_replaces_a_kernel_that_died(tmp_path: Path) -> None:
    pool = KernelPool(1, tmp_path)
    try:
        (first,) = pool.take()
        os.kill(first.manager.provisioner.process.pid, signal.SIGKILL)
        first.manager.provisioner.process.wait()
        (second,) = pool.take()
        assert second is not first and second.is_alive() and not first.is_alive()
        assert pool.take() == [second]  # a live kernel is kept
    finally:
        pool.discard()
    assert not second.is_alive()
