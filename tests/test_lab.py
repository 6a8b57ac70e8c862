"""Working in JupyterLab: saving notebooks never changes what git sees, and a hand run never publishes.

The session test copies the checkout into a throw-away git repository, configures the notebook
filter as `make env` does, then does what an analyst's Lab session does: runs every numbered
notebook with its defaults and saves it through jupyter_server's contents manager (Lab's own save).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest
from test_conventions import NBSTRIPOUT_OPTIONS

from analysis import outputs
from analysis.lab import strip_notebook, strip_on_save
from analysis.outputs import PublishedFolderError, check_unpublished, notebook_code
from analysis.paths import OUTPUTS_DIR, PROJECT_ROOT

# What the Lab front end does for each notebook: run it on the server's kernel, then save it with
# PUT /api/contents/<path> (here nbclient runs it, with the same kernel and folder; the save is Lab's own).
SESSION = textwrap.dedent("""
    import json, sys, urllib.request
    from pathlib import Path
    import nbclient, nbformat

    root, url, token = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    for path in sorted((root / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        nbclient.NotebookClient(notebook, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
        body = json.dumps({"type": "notebook", "format": "json", "content": notebook}).encode()
        request = urllib.request.Request(f"{url}api/contents/notebooks/{path.name}", body, method="PUT",
                                         headers={"Authorization": f"token {token}", "Content-Type": "application/json"})
        urllib.request.urlopen(request, timeout=60).read()
    from analysis.outputs import git_commit
    print(git_commit())
""")
TOKEN = "jixiao-test"


def git(repo: Path, *arguments: str) -> str:
    return subprocess.run(["git", *arguments], cwd=repo, capture_output=True, text=True, check=True).stdout


def copy_checkout(target: Path) -> None:
    """The checkout's files as they are now (committed or not, ignored ones left out), committed in a new repository."""
    files = git(PROJECT_ROOT, "ls-files", "--cached", "--others", "--exclude-standard", "-z").split("\0")
    for name in filter(None, files):
        if (PROJECT_ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(PROJECT_ROOT / name, target / name)
    git(target, "init", "-q")
    git(target, "add", "-A")
    git(target, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "snapshot")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, seconds: float = 90) -> str:
    """The page Lab's root redirects to, once the server answers."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(f"{url}?token={TOKEN}", timeout=5) as response:
                return response.url
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


@pytest.fixture(scope="module")
def lab_session(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """A copy of the checkout after `make lab` served a session that ran and saved every notebook:
    the copy, what git_commit() said there, and the page Lab opened on."""
    clone = tmp_path_factory.mktemp("lab") / "jixiao"
    copy_checkout(clone)
    environment = Path(sys.executable).parent.parent
    venv = f"VENV={environment}"  # the suite's environment stands for the copy's .venv
    keep_env = f"--assume-old={environment}/.installed"  # `lab: env` must not reinstall that environment from the copy
    subprocess.run(["make", "--no-print-directory", "-C", str(clone), "git-filters", venv], check=True)
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    lab_args = f"LAB_ARGS=--no-browser --port={port} --ServerApp.ip=127.0.0.1 --IdentityProvider.token={TOKEN} --allow-root"
    env = os.environ | {"PYTHONPATH": str(clone / "src")}
    lab = subprocess.Popen(
        ["make", "--no-print-directory", keep_env, "-C", str(clone), "lab", venv, lab_args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        start_page = wait_for(url)
        done = subprocess.run([sys.executable, "-c", SESSION, str(clone), url, TOKEN], env=env, capture_output=True, text=True, timeout=900, check=False)
    finally:
        os.killpg(lab.pid, signal.SIGTERM)
        lab.wait(timeout=60)
    assert done.returncode == 0, done.stderr[-3000:]
    return clone, done.stdout.strip().splitlines()[-1], start_page


def test_git_status_stays_clean_after_a_lab_session(lab_session: tuple[Path, str, str]) -> None:
    clone, _, _ = lab_session
    saved = nbformat.read(clone / "notebooks" / "02_expenditure.ipynb", as_version=4)
    assert saved.cells == nbformat.read(PROJECT_ROOT / "notebooks" / "02_expenditure.ipynb", as_version=4).cells
    assert git(clone, "status", "--porcelain", "--untracked-files=all") == ""


def test_provenance_is_not_dirty_after_a_lab_session(lab_session: tuple[Path, str, str]) -> None:
    clone, commit, _ = lab_session
    assert commit == git(clone, "rev-parse", "--short", "HEAD").strip()


def test_lab_opens_on_the_notebooks_of_the_repository(lab_session: tuple[Path, str, str]) -> None:
    _, _, start_page = lab_session
    assert start_page.split("?")[0].endswith("/lab/tree/notebooks")


def test_a_hand_run_of_the_report_notebook_publishes_nothing(lab_session: tuple[Path, str, str]) -> None:
    clone, _, _ = lab_session
    assert not (clone / "outputs" / "nanyue-swd").exists()
    assert (clone / "outputs" / ".interactive" / "nanyue-swd" / "2024" / "metrics.json").is_file()


def test_notebook_code_leaves_outputs_out() -> None:
    plain = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# 标题"), nbformat.v4.new_code_cell("x = 1")])
    ran = nbformat.from_dict(plain)
    ran.cells[1].outputs = [nbformat.v4.new_output("stream", text="1\n")]
    ran.cells[1].execution_count = 3
    edited = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# 标题"), nbformat.v4.new_code_cell("x = 2")])
    assert notebook_code(nbformat.writes(plain)) == [("markdown", "# 标题", ()), ("code", "x = 1", ())]
    assert notebook_code(nbformat.writes(ran)) == notebook_code(nbformat.writes(plain))
    assert notebook_code(nbformat.writes(edited)) != notebook_code(nbformat.writes(plain))
    retagged = nbformat.from_dict(plain)
    retagged.cells[1].metadata["tags"] = ["parameters"]  # papermill would inject its values after this cell
    assert notebook_code(nbformat.writes(retagged)) != notebook_code(nbformat.writes(plain))
    assert notebook_code("not json") is None and notebook_code("[1, 2]") is None


def test_changes_what_runs_without_the_filter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where make env never configured the filter, saved outputs still do not mark the commit dirty; edited code does."""
    copy_checkout(tmp_path)
    monkeypatch.setattr(outputs, "PROJECT_ROOT", tmp_path)
    head = git(tmp_path, "rev-parse", "--short", "HEAD").strip()
    path = tmp_path / "notebooks" / "01_ingest.ipynb"
    notebook = nbformat.read(path, as_version=4)
    notebook.cells[2].outputs, notebook.cells[2].execution_count = [nbformat.v4.new_output("stream", text="ok\n")], 1
    nbformat.write(notebook, path)
    assert git(tmp_path, "status", "--porcelain") == " M notebooks/01_ingest.ipynb\n"
    assert outputs.git_commit() == head
    notebook.cells[2].source += "\nprint(1)"
    nbformat.write(notebook, path)
    assert outputs.git_commit() == head + "-dirty"
    path.write_text("{broken", encoding="utf-8")
    assert outputs.git_commit() == head + "-dirty"


def test_writing_into_published_outputs_is_refused(tmp_path: Path) -> None:
    published = tmp_path / "nanyue-swd" / "2024"
    published.mkdir(parents=True)
    check_unpublished(tmp_path, published)  # a folder with no report yet is a work folder
    (published / "report.html").write_text("<p>已发布</p>", encoding="utf-8")
    with pytest.raises(PublishedFolderError, match="jixiao run --dept nanyue-swd --year 2024"):
        check_unpublished(tmp_path, published)
    with pytest.raises(PublishedFolderError):
        check_unpublished(OUTPUTS_DIR, OUTPUTS_DIR / "nanyue-swd" / "2024")


def executed(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of ``notebook`` as a kernel leaves it: outputs, counts, a full language_info, a scrolled cell."""
    ran = nbformat.from_dict(notebook)
    ran.metadata["language_info"] = {"name": "python", "version": "3.11.7", "mimetype": "text/x-python"}
    for cell in ran.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [nbformat.v4.new_output("stream", text="x\n")], 7
            cell.metadata["scrolled"] = True
    return ran


def test_strip_on_save_writes_what_the_git_filter_stores(tmp_path: Path) -> None:
    committed = PROJECT_ROOT / "notebooks" / "03_services.ipynb"
    model = {"type": "notebook", "content": executed(nbformat.read(committed, as_version=4))}
    strip_on_save(model, "notebooks/03_services.ipynb")
    assert nbformat.writes(model["content"]) + "\n" == committed.read_text(encoding="utf-8")
    saved = tmp_path / "saved.ipynb"
    nbformat.write(executed(nbformat.read(committed, as_version=4)), saved)
    by_filter = subprocess.run(
        [sys.executable, "-m", "nbstripout", *NBSTRIPOUT_OPTIONS, "--textconv", str(saved)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert by_filter == nbformat.writes(strip_notebook(executed(nbformat.read(committed, as_version=4)))) + "\n"


def test_strip_on_save_leaves_scratch_notebooks_and_other_files_alone() -> None:
    notebook = executed(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")]))
    for path in ("notebooks/scratch/mine.ipynb", "notebooks/Untitled.ipynb", "outputs/01_x.ipynb"):
        model = {"type": "notebook", "content": nbformat.from_dict(notebook)}
        strip_on_save(model, path)
        assert model["content"].cells[0].outputs != []
    text = {"type": "file", "content": "01"}
    strip_on_save(text, "notebooks/01_notes.ipynb")
    assert text == {"type": "file", "content": "01"}
