"""jixiao: ledgers in, 部门整体支出绩效评价报告 out."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("jixiao")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"
