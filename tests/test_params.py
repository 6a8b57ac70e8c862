"""analysis.params: the parameters-cell contract, given parameters, dept and year names."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from analysis.params import (
    Parameter,
    ParameterError,
    check_parameters,
    read_parameters,
    validate_dept,
    validate_year,
)

GOOD_CELL = 'dept: str = "nanyue-swd"  # 部门代码\nyear: int = 2024  # 年度\nratio: float = 0.5  # 比例\ndraft: bool = False  # 是否草稿\n'


def make_notebook(tmp_path: Path, *sources: str, tagged: int = 1) -> Path:
    """A notebook whose first ``tagged`` cells carry the ``parameters`` tag."""
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell("import analysis")] + [
        nbformat.v4.new_code_cell(source, metadata={"tags": ["parameters"]} if i < tagged else {}) for i, source in enumerate(sources)
    ]
    path = tmp_path / "stage.ipynb"
    nbformat.write(notebook, path)
    return path


@pytest.fixture
def notebook(tmp_path: Path) -> Path:
    return make_notebook(tmp_path, GOOD_CELL, "print(dept)")


def test_read_parameters_parses_typed_literals_with_comments(notebook):
    assert read_parameters(notebook) == {
        "dept": Parameter("dept", str, "nanyue-swd", "部门代码"),
        "year": Parameter("year", int, 2024, "年度"),
        "ratio": Parameter("ratio", float, 0.5, "比例"),
        "draft": Parameter("draft", bool, False, "是否草稿"),
    }


@pytest.mark.parametrize(
    "source",
    [
        "year: int = 2024\n",  # no comment
        "year = 2024  # 年度\n",  # untyped
        "year: int = 2000 + 24  # 年度\n",  # not a literal
        'year: int = int("2024")  # 年度\n',  # not a literal
        'year: int = "2024"  # 年度\n',  # default of the wrong type
        "year: int = True  # 年度\n",  # a bool is not an int
        "year: Path = 2024  # 年度\n",  # unknown type
        "year: int  # 年度\n",  # no default
        "print(1)  # 说明\n",
        'colour: str = "#1f77b4"\n',  # a "#" inside the string is not a comment
    ],
    ids=[
        "no-comment",
        "untyped",
        "non-literal-expression",
        "non-literal-call",
        "wrong-type-default",
        "bool-for-int",
        "unknown-type",
        "no-default",
        "statement",
        "hash-inside-string-no-comment",
    ],
)
def test_read_parameters_refuses_lines_outside_the_contract(tmp_path, source):
    with pytest.raises(ParameterError):
        read_parameters(make_notebook(tmp_path, GOOD_CELL + source))


def test_parameters_cell_must_be_unique(tmp_path):
    with pytest.raises(ParameterError, match="parameters"):
        read_parameters(make_notebook(tmp_path, GOOD_CELL, tagged=0))
    with pytest.raises(ParameterError, match="parameters"):
        read_parameters(make_notebook(tmp_path, GOOD_CELL, GOOD_CELL, tagged=2))


def test_check_parameters_accepts_declared_names_and_types(notebook):
    check_parameters(notebook, {"dept": "qingchuan", "year": 2023, "ratio": 1, "draft": True})
    check_parameters(notebook, {})


def test_check_parameters_refuses_unknown_name(notebook):
    with pytest.raises(ParameterError, match="colour"):
        check_parameters(notebook, {"year": 2024, "colour": "red"})


@pytest.mark.parametrize(
    ("given", "name"),
    [
        ({"year": "2024"}, "year"),
        ({"dept": 29}, "dept"),
        ({"year": True}, "year"),
        ({"year": 2024.0}, "year"),
        ({"draft": 1}, "draft"),
        ({"ratio": "0.5"}, "ratio"),
    ],
)
def test_check_parameters_refuses_mistyped_value(notebook, given, name):
    with pytest.raises(ParameterError, match=name):
        check_parameters(notebook, given)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    (tmp_path / "raw" / "nanyue-swd" / "2024").mkdir(parents=True)
    (tmp_path / "raw" / "a_file").write_text("not a folder", encoding="utf-8")
    return tmp_path / "raw"


def test_validate_dept_accepts_an_existing_folder(data_dir):
    assert validate_dept("nanyue-swd", data_dir) == "nanyue-swd"


@pytest.mark.parametrize("dept", ["../x", "a/b", "", "..", "/etc", "absent", "a_file", 29, None])
def test_validate_dept_refuses(data_dir, dept):
    with pytest.raises(ParameterError):
        validate_dept(dept, data_dir)


@pytest.mark.parametrize("year", [2024, "2024"])
def test_validate_year_accepts_int_or_four_digit_text(data_dir, year):
    result = validate_year(year, data_dir, "nanyue-swd")
    assert result == 2024 and type(result) is int


@pytest.mark.parametrize("year", ["20x4", 24, "24", 2023, "2023", True, 2024.0, None])
def test_validate_year_refuses(data_dir, year):
    with pytest.raises(ParameterError):
        validate_year(year, data_dir, "nanyue-swd")
