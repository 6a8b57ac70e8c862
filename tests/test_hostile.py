"""The hostile-input corpus: every case of tests/hostile/cases.yaml, run as a user would run it.

scripts/make_hostile.py writes the cases into a temporary folder; each case's
command runs in its own process, killed past the case's time bound (a hang is
a failure, whatever the machine's speed) and with its peak memory measured.
What it must print, leave unchanged and never let out is written by hand in
cases.yaml. A Ctrl-C or a kill during a run is tested here too.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from helpers import checksums, descendants, kill_run, leaks

REPO_ROOT = Path(__file__).resolve().parent.parent
SCRIPT = REPO_ROOT / "scripts" / "make_hostile.py"
SPEC = yaml.safe_load((REPO_ROOT / "tests" / "hostile" / "cases.yaml").read_text(encoding="utf-8"))
CASES = {case["name"]: case for case in SPEC["cases"]}
SUMMARY = re.compile(r"^校验完成 \(validated\)：错误 \(errors\) (\d+)，提示 \(warnings\) (\d+)；清单见 .+$")
# Runs the command and writes the peak memory (KiB) of its whole process tree, kernels included, to argv[1].
MEASURED = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[2:])\n"
    "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))\n"
    "sys.exit(code)\n"
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every case, freshly generated."""
    out = tmp_path_factory.mktemp("hostile").resolve()
    subprocess.run([sys.executable, str(SCRIPT), "--out", str(out)], check=True, capture_output=True)
    return out


def load_script_cases() -> list[str]:
    """The case names the generator registers (the script is loaded as a module, not run)."""
    spec = importlib.util.spec_from_file_location("make_hostile", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.CASES)


def test_every_generated_case_has_its_expectations() -> None:
    assert sorted(load_script_cases()) == sorted(CASES)
    assert len(CASES) >= 25


def fill(text: str, case_dir: Path) -> str:
    """A case's text with {case} standing for its folder."""
    return text.replace("{case}", str(case_dir))


def run_measured(args: list[str], cwd: Path, seconds: float) -> tuple[int, str, str, float, int]:
    """Run ``jixiao args`` in ``cwd``: exit status, stdout, stderr, wall seconds, peak memory in MiB.

    Past ``seconds`` the command and every kernel it started are killed and the test fails as a hang.
    """
    peak_file = cwd / ".peak"
    command = [sys.executable, "-c", MEASURED, str(peak_file), sys.executable, "-m", "analysis", *args]
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        stdout, stderr = process.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        kill_run(process)
        pytest.fail(f"still running after {seconds} s (a hang): jixiao {' '.join(args)}")
    elapsed = time.monotonic() - started
    peak = int(peak_file.read_text()) // 1024 if peak_file.exists() else 0
    return process.returncode, stdout, stderr, elapsed, peak


def watched_files(case_dir: Path, names: list[str]) -> dict[str, object]:
    """Checksums of each named file, or of every file of each named folder, of a case."""
    return {name: checksums(case_dir / name) if (case_dir / name).is_dir() else hashlib.sha256((case_dir / name).read_bytes()).hexdigest() for name in names}


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_case(name: str, corpus: Path) -> None:
    case = CASES[name]
    case_dir = corpus / name
    args = [fill(arg, case_dir) for arg in case["args"]]
    before = watched_files(case_dir, case.get("unchanged", []))
    code, stdout, stderr, _, peak_mb = run_measured(args, case_dir, case["seconds"])
    lines = stdout.splitlines() + stderr.splitlines()

    assert "Traceback" not in stderr, stderr
    assert code == case["exit"], f"exit {code}\nstdout:\n{stdout}\nstderr:\n{stderr}"
    for expected in case.get("messages", []):
        assert fill(expected, case_dir) in lines, f"missing line:\n{fill(expected, case_dir)}\nprinted:\n{stdout}{stderr}"
    for pattern in case.get("patterns", []):
        assert any(re.fullmatch(pattern, line) for line in lines), f"no line matches:\n{pattern}\nprinted:\n{stdout}{stderr}"
    if "errors" in case:
        summary = SUMMARY.match(stdout.splitlines()[-1])
        assert summary is not None, stdout
        assert (int(summary[1]), int(summary[2])) == (case["errors"], case["warnings"])
    if "lines" in case:
        assert len(stdout.splitlines()) == case["lines"], stdout
    needles = tuple(case.get("absent", ()))
    assert [n for n in needles if n in stdout or n in stderr] == []
    assert leaks([p for p in (case_dir / "out", case_dir / "processed") if p.is_dir()], needles) == []
    for file, text in case.get("contains", []):
        assert text in (case_dir / file).read_text(encoding="utf-8"), f"{file} lacks {text}"
    assert watched_files(case_dir, case.get("unchanged", [])) == before
    assert peak_mb <= SPEC["max_mb"], f"peak memory {peak_mb} MiB"


# ---------------------------------------------------------------- Ctrl-C during a run


def wait_for(path_glob: str, root: Path, process: subprocess.Popen, timeout: float = 90) -> None:
    """Poll until a file matching ``path_glob`` appears under ``root`` (the run is then mid-way)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if root.exists() and any(root.rglob(path_glob)):
            return
        if process.poll() is not None:
            pytest.fail(f"the run ended (exit {process.returncode}) before {path_glob} appeared")
        time.sleep(0.05)
    pytest.fail(f"no {path_glob} under {root} after {timeout} s")


@pytest.mark.parametrize(
    ("signum", "message"),
    [
        (signal.SIGINT, "已中断 (interrupted)"),  # Ctrl-C in a terminal
        (signal.SIGTERM, "已终止 (stopped by SIGTERM)"),  # kill, or a scheduler stopping a job
    ],
)
def test_a_stopped_run_keeps_previous_outputs_and_leaves_no_kernel(tmp_path: Path, signum: int, message: str) -> None:
    data = tmp_path / "raw"
    shutil.copytree(REPO_ROOT / "tests" / "corpus" / "clean" / "nanyue-swd", data / "nanyue-swd")
    outputs = tmp_path / "outputs"
    previous = outputs / "nanyue-swd" / "2024"
    previous.mkdir(parents=True)
    (previous / "report.html").write_text("上次的报告 (previous report)", encoding="utf-8")
    before = checksums(previous)
    command = [
        sys.executable,
        "-m",
        "analysis",
        "run",
        "--dept",
        "nanyue-swd",
        "--year",
        "2024",
        "--data-dir",
        str(data),
        "--output-dir",
        str(outputs),
        "--processed-dir",
        str(tmp_path / "processed"),
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        wait_for("02_expenditure.ipynb", outputs / ".runs", process)
        kernels = descendants(process.pid)
        os.killpg(process.pid, signum)  # to the process group, as a terminal sends Ctrl-C
        stdout, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            kill_run(process)
    assert process.returncode == 128 + signum  # 130 for Ctrl-C, 143 for SIGTERM, as a shell reports them
    assert stderr.strip() == f"{message}：没有写入新的输出，以前的输出保持不变 (previous outputs kept)"
    assert checksums(previous) == before
    assert not (outputs / ".runs").exists()  # an interrupted run leaves no work folder
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{pid}").exists() for pid in kernels) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [pid for pid in kernels if Path(f"/proc/{pid}").exists()] == []
