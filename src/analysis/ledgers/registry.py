"""The ledgers a department-year may have, in one registry: each table's module, loader and label.

Ingest, validation, `jixiao new-year` and the sample scripts all find the ledgers here, so a new
ledger is added in one place: its module in ``LEDGERS`` (or ``OPTIONAL_LEDGERS``), its loader in
``LOADERS`` (a service ledger: its SQL rules in analysis.dataplane) and its Chinese name in ``LEDGER_LABELS``.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from analysis.ledgers import budget, expenditure, hotline, petitions, volunteer
from analysis.ledgers.sources import find_ledger_file

OPTIONAL_LEDGERS = {"budget": budget, "hotline": hotline, "petitions": petitions, "volunteer": volunteer}
LEDGERS = {"expenditure": expenditure, **OPTIONAL_LEDGERS}  # table name → ledger module; expenditure is required
# Read in earlier years too, for the service history's counts (analysis.service_history.COUNTS has the same keys).
SERVICE_LEDGERS = {name: OPTIONAL_LEDGERS[name] for name in ("hotline", "petitions", "volunteer")}
# The ledgers read as pandas frames; each loader: (path, fiscal year, salt, notes for warnings, set that collects citizens' names) → frame.
LOADERS = {
    "expenditure": lambda path, year, salt, notes, names: expenditure.load_expenditure(path, year, notes),
    "budget": lambda path, year, salt, notes, names: budget.load_budget(path, notes),
}
# The service ledgers go through the data plane (DuckDB) at any size, never as frames: validation checks them
# (check_service_ledger), ingest writes their validated table as Parquet (write_service_parquet). The pandas
# loaders (hotline.load_hotline and the others) stay as the reference the data plane is tested against.
LEDGER_LABELS = {"expenditure": "支出明细账", "budget": "预算批复", "hotline": "12345工单", "petitions": "信访登记", "volunteer": "志愿服务活动"}


def ledger_file(folder: Path, module: ModuleType) -> Path | None:
    """A ledger's file in a year folder, saved as .csv, .xlsx, .xls or .parquet; None when absent."""
    return find_ledger_file(folder, Path(module.FILE_NAME).stem)
