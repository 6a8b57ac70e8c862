"""The kernels a run starts: quiet, this interpreter's own, kept warm across notebooks, and stoppable at once when the run is interrupted."""

from __future__ import annotations

import contextlib
import os
import queue
import signal
import subprocess
import sys
import threading
import time
import weakref
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from jupyter_client.blocking import BlockingKernelClient
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync

from analysis.paths import NOTEBOOKS_DIR

# Every kernel manager whose kernel was started and may still run; an interrupted run kills them.
LIVE: weakref.WeakSet[QuietKernelManager] = weakref.WeakSet()
LIVE_LOCK = threading.Lock()  # stages start kernels from worker threads


class QuietKernelManager(AsyncKernelManager):
    """Kernel manager with CurveZMQ encryption whose kernels do not write to the run's terminal.

    Cell output and errors reach papermill as messages; what a kernel prints
    on its own (such as its note on the interrupt jupyter_client sends before
    every shutdown) would only clutter the run log.
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.transport_encryption = "auto"

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        """This interpreter's ipykernel, whatever other ``python3`` kernelspec JUPYTER_PATH may offer."""
        return [sys.executable, "-m", "ipykernel_launcher", "-f", self.connection_file, *(extra_arguments or [])]

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: object) -> None:
        kw.update(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        await super()._async_launch_kernel(kernel_cmd, **kw)
        with LIVE_LOCK:
            LIVE.add(self)


def kill_kernels() -> int:
    """Kill every kernel a run started that may still be running (with what it started); how many were killed."""
    with LIVE_LOCK:
        managers = list(LIVE)
        LIVE.clear()
    killed = 0
    for manager in managers:
        process = getattr(manager.provisioner, "process", None)
        if process is None or process.poll() is not None:
            continue
        with contextlib.suppress(ProcessLookupError, PermissionError):
            # jupyter_client starts each kernel in a session of its own: its group is the kernel and its children
            os.killpg(os.getpgid(process.pid), signal.SIGKILL)
            killed += 1
    return killed


# Said to a warm kernel before each notebook: the notebook starts from an empty namespace and counts its cells
# from In [1], as in a new kernel, while the modules it imports stay loaded.
CLEAR_NAMESPACE = "get_ipython().reset(new_session=False)\nget_ipython().execution_count = 1"
KERNEL_START_SECONDS = 60  # a kernel that is not ready by then will not be


class WarmKernel:
    """A kernel kept running across notebooks: started once, its namespace cleared before each notebook,
    so a run pays for the interpreter and its imports once, not once per stage (and a batch worker once in all).

    ``manager`` is handed to papermill, which then executes in this kernel instead of starting one.
    """

    def __init__(self, cwd: Path, preload: str = "") -> None:
        self.manager = QuietKernelManager(kernel_name="python3")
        run_sync(self.manager.start_kernel)(cwd=str(cwd))
        # a client of its own session (papermill's has another, and replies go to the session that asked); its
        # parent is the manager, so "alive" means the process runs, not that a first heartbeat came back in time
        self.client = BlockingKernelClient(parent=self.manager)
        self.client.load_connection_info(self.manager.get_connection_info())
        self.client.start_channels()
        self.client.wait_for_ready(timeout=KERNEL_START_SECONDS)
        if preload:  # imports go on while the run does other work; the first notebook queues behind them
            self.client.execute(preload, silent=True, store_history=False)

    def clear(self) -> None:
        """Empty the namespace before the next notebook; raises RuntimeError when the kernel died or no longer answers.

        The reply is awaited a second at a time, asking between whether the kernel still runs: a run stopped
        (Ctrl-C, kill) kills its kernels, and a lane waiting here must then end at once, not after a timeout."""
        asked = self.client.execute(CLEAR_NAMESPACE, silent=True, store_history=False)
        deadline = time.monotonic() + KERNEL_START_SECONDS
        while True:
            try:
                reply = self.client.get_shell_msg(timeout=1)
            except queue.Empty:
                if not self.is_alive() or time.monotonic() > deadline:
                    raise RuntimeError("kernel died or does not answer") from None
                continue
            if reply["parent_header"].get("msg_id") == asked:
                break
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"kernel namespace not cleared: {reply['content'].get('ename')}")

    def is_alive(self) -> bool:
        """Whether the kernel process still runs."""
        return bool(run_sync(self.manager.is_alive)())

    def shutdown(self) -> None:
        """Stop the kernel at once (nothing of a finished run is lost)."""
        self.client.stop_channels()
        with contextlib.suppress(Exception):  # already dead: nothing to stop
            run_sync(self.manager.shutdown_kernel)(now=True)


class KernelPool:
    """``size`` warm kernels, started when first needed and again after any was discarded.

    A run takes them, executes its stages (a group's stages side by side, one kernel each) and either
    shuts them down (``jixiao run``) or hands them on to the next department-year (a batch worker).
    """

    def __init__(self, size: int, cwd: Path, preload: str = "") -> None:
        self.size, self.cwd, self.preload = size, cwd, preload
        self.kernels: list[WarmKernel] = []
        self.starting: list[Future[WarmKernel]] = []
        self.starter = ThreadPoolExecutor(max_workers=size)

    def start(self) -> KernelPool:
        """Start the missing kernels in the background (take waits for them); dead ones are replaced."""
        alive = [kernel for kernel in self.kernels if kernel.is_alive()]
        for kernel in self.kernels:
            if kernel not in alive:
                kernel.shutdown()
        self.kernels = alive
        missing = self.size - len(alive) - len(self.starting)
        self.starting += [self.starter.submit(WarmKernel, self.cwd, self.preload) for _ in range(max(missing, 0))]
        return self

    def take(self) -> list[WarmKernel]:
        """The pool's kernels, every one alive, once those starting are ready."""
        self.start()
        starting, self.starting = self.starting, []
        self.kernels += [future.result() for future in starting]
        return self.kernels

    def discard(self) -> None:
        """Stop every kernel (after a failed stage, whose kernel may be stuck or half-way): the next take starts anew."""
        for future in self.starting:
            with contextlib.suppress(Exception):  # one that failed to start has nothing to stop
                self.kernels.append(future.result())
        self.starting = []
        for kernel in self.kernels:
            kernel.shutdown()
        self.kernels = []


RUN_KERNELS = 2  # a run's stages side by side: the widest stage group has two
# Imported by a warm kernel as soon as it starts, while it waits for its first stage.
STAGE_IMPORTS = "import analysis.ingest, analysis.metrics, analysis.report, analysis.outputs, analysis.sentences, analysis.checks"


def run_kernels(size: int = RUN_KERNELS) -> KernelPool:
    """A pool of warm kernels for runs, in the notebooks' folder, already starting."""
    return KernelPool(size, NOTEBOOKS_DIR, STAGE_IMPORTS).start()
