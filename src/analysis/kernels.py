"""The kernels a run starts: quiet, this interpreter's own, and stoppable at once when the run is interrupted."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import weakref

from jupyter_client.manager import AsyncKernelManager

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
