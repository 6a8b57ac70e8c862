"""jixiao: ledgers in, 部门整体支出绩效评价报告 out."""

import sys
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("jixiao")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

# jsonschema checks the "iri" format with rfc3987_syntax when that is installed (JupyterLab's jupyter-events
# installs it), and importing it compiles a grammar for about 1.4 s, in every process that imports papermill or
# nbconvert. nbformat's schemas, all this package validates, use no format at all, so jixiao does without it.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]  # None blocks an import, as the import system documents
