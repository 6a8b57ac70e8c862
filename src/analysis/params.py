"""Parameters as a contract: what each notebook declares, and what a run may pass.

Papermill only warns about a parameter a notebook does not declare and
coerces text such as ``029`` to the integer 29; here an unknown or mistyped
parameter is an error before anything runs.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from dataclasses import dataclass
from pathlib import Path
from typing import TypeGuard

from analysis.paths import PROCESSED_DIR, RAW_DIR, department_raw_dir, year_raw_dir

TYPES = {"str": str, "int": int, "float": float, "bool": bool}
DEPT_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")


class ParameterError(ValueError):
    """A parameter that is unknown, of the wrong type, or names nothing that exists."""


@dataclass(frozen=True)
class Parameter:
    """One line of a notebook's parameters cell."""

    name: str
    type: type
    default: object
    comment: str


def parameters_cell(notebook_path: Path) -> str:
    """Source of the cell tagged ``parameters``."""
    import nbformat  # here, not at the top: `jixiao check` and `--help` need no notebook machinery (about 1 s)

    notebook = nbformat.read(notebook_path, as_version=4)
    cells = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    if len(cells) != 1:
        raise ParameterError(f"{Path(notebook_path).name}：须有且仅有一个标记为 parameters 的单元格 (one parameters cell)")
    return cells[0].source


def read_parameters(notebook_path: Path) -> dict[str, Parameter]:
    """Parse ``name: type = literal  # comment`` lines; anything else breaks the contract."""
    source = parameters_cell(notebook_path)
    comments = {
        token.start[0]: token.string.lstrip("#").strip() for token in tokenize.generate_tokens(io.StringIO(source).readline) if token.type == tokenize.COMMENT
    }
    declared = {}
    for node in ast.parse(source).body:
        if not (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and isinstance(node.annotation, ast.Name)
            and node.annotation.id in TYPES
            and is_literal(node.value)
        ):
            raise ParameterError(f"{Path(notebook_path).name} 第{node.lineno}行：参数须写成 name: type = 字面值  # 说明 (typed literal)")
        default = ast.literal_eval(node.value)
        kind = TYPES[node.annotation.id]
        if not is_instance(default, kind) or node.lineno not in comments:
            raise ParameterError(f"{Path(notebook_path).name} 第{node.lineno}行：默认值须为{node.annotation.id}并带注释 (typed default with comment)")
        declared[node.target.id] = Parameter(node.target.id, kind, default, comments[node.lineno])
    return declared


def is_literal(node: ast.expr | None) -> TypeGuard[ast.expr]:
    """A plain constant, or a negative number: nothing computed."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        node = node.operand
    return isinstance(node, ast.Constant)


def is_instance(value: object, kind: type) -> bool:
    """Strict type test: a bool is not an int, an int is not a str."""
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, kind)


def check_parameters(notebook_path: Path, given: dict[str, object]) -> None:
    """Every given parameter must be declared by the notebook, with the declared type."""
    declared = read_parameters(notebook_path)
    name = Path(notebook_path).name
    for key, value in given.items():
        if key not in declared:
            raise ParameterError(f"{name}：未知参数 (unknown parameter) {key}；可用参数：{', '.join(declared)}")
        if not is_instance(value, declared[key].type):
            raise ParameterError(f"{name}：参数 {key} 应为 {declared[key].type.__name__} 类型 (wrong type)，收到 {value!r}")


def parse_dept(dept: object) -> str:
    """A department code is text of letters, digits, - and _ (so it is safe as a folder name)."""
    if not isinstance(dept, str) or not DEPT_PATTERN.fullmatch(dept):
        raise ParameterError(f"部门代码 (dept) 无效：{dept!r}；只能包含字母、数字、- 和 _")
    return dept


def parse_year(year: object) -> int:
    """A fiscal year is a four-digit integer (given as int or as text)."""
    if isinstance(year, str) and re.fullmatch(r"\d{4}", year.strip()):
        year = int(year)
    if not isinstance(year, int) or isinstance(year, bool) or not 1900 <= year <= 2999:  # is_instance(year, int), spelt out so mypy narrows
        raise ParameterError(f"年度 (year) 须为四位整数：{year!r}")
    return year


def validate_dept(dept: object, data_dir: Path) -> str:
    """A valid department code naming a folder under data_dir."""
    dept = parse_dept(dept)
    if not department_raw_dir(Path(data_dir), dept).is_dir():
        raise ParameterError(f"未找到部门 (unknown department)：{dept}（{department_raw_dir(Path(data_dir), dept)} 不存在）")
    return dept


def validate_year(year: object, data_dir: Path, dept: str) -> int:
    """A valid fiscal year with a ledger folder."""
    year = parse_year(year)
    if not year_raw_dir(Path(data_dir), dept, year).is_dir():
        raise ParameterError(f"未找到{year}年度台账 (no ledgers for year)：{year_raw_dir(Path(data_dir), dept, year)} 不存在")
    return year


def validate_folder(path: Path, what: str) -> Path:
    """A folder parameter may not climb with ``..``: say where you mean, plainly."""
    if ".." in Path(path).parts:
        raise ParameterError(f"{what}不能包含 ..（path with ..）：{path}")
    if Path(path).exists() and not Path(path).is_dir():
        raise ParameterError(f"{what}须是目录 (must be a folder)，而这是一个文件：{path}")
    return Path(path)


def check_apart(data_dir: Path, *written: tuple[Path, str], data: str = "台账目录 (data dir)") -> None:
    """Folders the suite writes must lie outside the ledger folder (or another folder, named ``data``), and it outside them."""
    kept = Path(data_dir).resolve()
    for folder, what in written:
        target = Path(folder).resolve()
        if target == kept or kept in target.parents or target in kept.parents:
            raise ParameterError(f"{what}不能与{data}重叠 (must not overlap)：{folder}")


MARKER_BYTES = 4096  # where a previous output's marker must appear (the CSV header, the page's generator tag)


def is_data_folder(path: Path) -> bool:
    """Whether ``path`` lies in the project's data folders or in a department's ledger folder (one with department.yaml)."""
    data = [RAW_DIR.resolve(), PROCESSED_DIR.resolve()]
    return any(root == path or root in path.parents for root in data) or any((parent / "department.yaml").exists() for parent in list(path.parents)[:2])


def check_output_file(path: Path, what: str, inputs: list[Path], marker: bytes, force: bool = False) -> Path:
    """A file a command may write: never one of ``inputs`` nor anything in a data folder, and not another file.

    A file that exists must be an earlier output of the same kind (``marker`` within its first
    MARKER_BYTES bytes), unless ``force``. Symlinks are followed before any comparison.
    """
    target = Path(path).resolve()
    if any(target == Path(given).resolve() for given in inputs):
        raise ParameterError(f"{what}不能是被读取的文件本身 (would overwrite an input)：{path}")
    if is_data_folder(target):
        raise ParameterError(f"{what}不能写入台账或数据目录 (inside a data folder)：{path}")
    if target.is_dir():
        raise ParameterError(f"{what}是一个目录，请给出文件名 (a folder, not a file)：{path}")
    if target.exists() and not target.is_file():  # --force or not: a pipe or a device is never replaced
        raise ParameterError(f"{what}不是普通文件 (not a regular file)：{path}")
    if target.exists() and not force:
        with open(target, "rb") as handle:
            head = handle.read(MARKER_BYTES)
        if marker not in head:
            raise ParameterError(f"{what}已存在，且不是以前的核对结果 (exists, not an earlier output)：{path}；请换一个文件名，或加 --force 覆盖")
    return target
