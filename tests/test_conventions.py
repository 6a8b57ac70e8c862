"""Rules that keep the project easy to live in, checked on every run of the suite."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import nbformat
import pytest
import yaml

from analysis.ledgers.headers import UNIT_SUFFIX
from analysis.params import read_parameters
from analysis.paths import (
    INTERACTIVE_DIR,
    NOTEBOOKS_DIR,
    PACKAGE_DIR,
    PROCESSED_DIR,
    PROJECT_ROOT,
    RAW_DIR,
)

# The stages and walkthroughs: numbered. An analyst's own notebooks (notebooks/scratch/, or unnumbered) are gitignored.
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))
MAX_MODULE_LINES = 300
MAX_CELL_LINES = 8
NBSTRIPOUT_OPTIONS = ("--keep-id", "--extra-keys", "metadata.language_info")  # as the Makefile configures the filter


def test_there_are_five_numbered_notebooks() -> None:
    # 01-04 are the run's stages; 05_explore is the analyst's, executed by tests/test_explore_notebook.py
    assert [p.name for p in NOTEBOOKS] == ["01_ingest.ipynb", "02_expenditure.ipynb", "03_services.ipynb", "04_report.ipynb", "05_explore.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_without_outputs(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: clear outputs before committing"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_as_the_git_filter_writes_it(path: Path) -> None:
    """Saved from JupyterLab, a notebook passes nbstripout (make env's clean filter): committed in that
    form already, only outputs can differ, and those git never sees."""
    stripped = subprocess.run(
        [sys.executable, "-m", "nbstripout", *NBSTRIPOUT_OPTIONS, "--textconv", str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert stripped == path.read_text(encoding="utf-8"), f"{path.name}: run make env, then git add it again"


def test_the_notebook_filter_is_declared_and_configured_by_make_env() -> None:
    attributes = (PROJECT_ROOT / ".gitattributes").read_text(encoding="utf-8").splitlines()
    assert "*.ipynb filter=nbstripout" in attributes
    makefile = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    assert f"-m nbstripout {' '.join(NBSTRIPOUT_OPTIONS)}" in makefile
    assert "$(MAKE) --no-print-directory git-filters" in makefile.split("$(STAMP):")[1].split("\n\n")[0]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_thin(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert "parameters" in code[0].metadata.get("tags", []), "the first code cell is the parameters cell"
    assert any(c.cell_type == "markdown" for c in notebook.cells[1:]), "a line of commentary"
    for cell in code:
        tree = ast.parse(cell.source)
        banned = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda, ast.With, ast.While)
        assert not any(isinstance(node, banned) for node in ast.walk(tree)), f"{path.name}: move logic into analysis"
        calls = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
        assert not calls & {"open", "exec", "eval"}, f"{path.name}: no file I/O or exec in notebooks"
        imported = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        imported |= {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        assert imported <= {"analysis", "IPython"}, f"{path.name}: imports {imported}"
        assert len(cell.source.splitlines()) <= MAX_CELL_LINES


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_parameters_cell_is_a_typed_contract_whose_defaults_work(path: Path) -> None:
    declared = read_parameters(path)  # raises on anything but `name: type = literal  # comment`
    assert declared["dept"].default == "nanyue-swd" and declared["year"].default == 2024
    resolved = {name: (NOTEBOOKS_DIR / str(p.default)).resolve() for name, p in declared.items() if name.endswith("_dir")}
    assert resolved.get("data_dir", RAW_DIR) == RAW_DIR and resolved["processed_dir"] == PROCESSED_DIR  # stages after ingest read no raw data
    assert resolved.get("output_dir", INTERACTIVE_DIR) == INTERACTIVE_DIR  # a hand run never publishes
    assert (RAW_DIR / declared["dept"].default / str(declared["year"].default)).is_dir()


def project_pins() -> set[str]:
    """Every requirement pyproject.toml declares: the dependencies and each optional group's."""
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return set(project["dependencies"]) | {pin for group in project["optional-dependencies"].values() for pin in group}


def test_environment_yml_pins_match_pyproject() -> None:
    pins = project_pins()
    assert all("==" in pin for pin in pins), "every dependency is pinned"
    environment = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip_section = next(d["pip"] for d in environment["dependencies"] if isinstance(d, dict))
    assert set(pip_section) - {"-e ."} == pins
    assert "-e ." in pip_section


def test_the_lock_file_pins_everything_and_agrees_with_pyproject() -> None:
    """make env installs requirements.lock (what CI tested); it must hold each direct pin at the same version."""
    lines = [line for line in (PROJECT_ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    locked = dict(line.split("==", 1) for line in lines)
    assert len(locked) == len(lines), "one name==version per line"
    canonical = {name.lower().replace("_", "-"): version for name, version in locked.items()}
    for pin in project_pins():
        name, version = pin.split("==")
        assert canonical.get(name.lower().replace("_", "-")) == version, f"{pin} is not what requirements.lock holds"
    assert "jixiao" not in canonical, "the project itself is installed from the checkout"


def test_modules_stay_small_and_documented() -> None:
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        assert len(source.splitlines()) <= MAX_MODULE_LINES, f"{path.name} is over {MAX_MODULE_LINES} lines: split it"
        tree = ast.parse(source)
        assert ast.get_docstring(tree), f"{path.name} needs a module docstring"
        top_level = [n for n in tree.body] + [m for c in tree.body if isinstance(c, ast.ClassDef) for m in c.body]
        for node in top_level:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not node.name.startswith("_"):
                assert ast.get_docstring(node), f"{path.name}:{node.name} needs a docstring"
                assert node.returns is not None or node.name == "__init__", f"{path.name}:{node.name} needs a return type"


def test_package_knows_no_sample_department() -> None:
    names = ["nanyue", "南岳", "qingchuan", "青川", "信访维稳经费", "12345热线管理经费"]
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".j2", ".css", ".csv", ".json"}:
            text = path.read_text(encoding="utf-8")
            assert not [n for n in names if n in text], f"{path} names a sample department or its figures"


def test_ci_runs_exactly_make_lint_then_make_test() -> None:
    commands = [line.strip() for line in (PROJECT_ROOT / ".ci" / "run").read_text().splitlines() if line.strip() and not line.startswith("#")]
    assert commands[-2:] == ["make lint", "make test"]
    assert all(c.startswith(("set ", "cd ")) for c in commands[:-2])


def test_outputs_and_processed_are_ignored_except_their_readme() -> None:
    ignore = (PROJECT_ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "/outputs/*" in ignore and "!/outputs/README.md" in ignore
    assert "/data/processed/*" in ignore and "!/data/processed/README.md" in ignore
    assert "/notebooks/scratch/*" in ignore and (NOTEBOOKS_DIR / "scratch" / "README.md").is_file()


def test_ledger_contract_document_matches_the_loaders() -> None:
    from analysis.ledgers import budget, expenditure, hotline, petitions, volunteer

    loaders = {m.FILE_NAME: m.COLUMNS for m in (expenditure, budget, hotline, petitions, volunteer)}
    document = (RAW_DIR / "README.md").read_text(encoding="utf-8")
    for file_name, columns in loaders.items():
        section = next(s for s in document.split("### ") if s.split()[1] == file_name)
        rows = re.findall(r"^\| ([a-z_]+) \| ([^|]+) \|", section, flags=re.M)
        accepted = {c.name: {c.label, *c.aliases} for c in columns}
        assert {name for name, _ in rows} == set(accepted), file_name
        for name, header in rows:
            headers = [UNIT_SUFFIX.sub("", h.strip()) for h in header.split(" / ")]
            assert headers[0] == next(c.label for c in columns if c.name == name), (file_name, name, header)
            assert set(headers) <= accepted[name], (file_name, name, header)


def test_a_runs_main_process_does_not_import_the_ledger_code_before_ingest() -> None:
    """`jixiao run` starts two kernels that import pandas, pandera, DuckDB and matplotlib; the main process importing
    them too, at the same moment, on two cores, delays the first stage by about a second (analysis/run.py)."""
    heavy = ("pandas", "pandera", "duckdb", "matplotlib", "openpyxl")  # (papermill itself imports pyarrow)
    code = "import sys, analysis.cli, analysis.run; print(' '.join(m for m in sys.argv[1:] if m in sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", code, *heavy], capture_output=True, text=True, check=True).stdout.split()
    assert loaded == []
