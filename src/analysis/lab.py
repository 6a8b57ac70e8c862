"""JupyterLab as `make lab` starts it: saving a stage notebook writes it as git stores it.

The nbstripout git filter alone keeps outputs out of commits, but `git status` still lists a notebook
saved with outputs as modified (git sees its size change before any filter runs). So the Lab that
`make lab` starts strips the numbered notebooks as they are saved (outputs, counts, the kernel's
language_info), exactly as the filter would: the file on disk stays byte for byte the committed one
unless its cells changed. An analyst's own notebooks (notebooks/scratch/) keep their outputs.
"""

from __future__ import annotations

import re

import nbformat
from nbformat import NotebookNode
from nbstripout import strip_output

# nbstripout's own default keys (its command line adds them; strip_output does not), and the
# language_info a kernel writes, whose version differs from machine to machine.
STRIPPED_KEYS = (
    "metadata.signature",
    "metadata.widgets",
    "cell.metadata.collapsed",
    "cell.metadata.ExecuteTime",
    "cell.metadata.execution",
    "cell.metadata.heading_collapsed",
    "cell.metadata.hidden",
    "cell.metadata.scrolled",
    "metadata.language_info",
)
STAGE_NOTEBOOK = re.compile(r"notebooks/\d\d_[^/]+\.ipynb")  # API path, relative to Lab's root (the repository)


def strip_notebook(notebook: NotebookNode) -> NotebookNode:
    """The notebook as the git filter stores it: no outputs or execution counts, cell ids kept."""
    return strip_output(notebook, keep_output=False, keep_count=False, keep_id=True, extra_keys=list(STRIPPED_KEYS))


def strip_on_save(model: dict, path: str, **_: object) -> None:
    """ContentsManager.pre_save_hook: strip a stage notebook's model in place before Lab writes it
    (the hook's contract is to edit the model it is given)."""
    if model.get("type") == "notebook" and STAGE_NOTEBOOK.fullmatch(path.strip("/")):
        model["content"] = strip_notebook(nbformat.from_dict(model["content"]))
