"""Interactive tables for notebook 05 (exported offline by :func:`analysis.publish.export_notebook`).

Tables are drawn by itables (DataTables) in its offline mode: the DataTables
bundle is put inline in the notebook by :func:`init_tables`, so sorting and
per-column filtering work in JupyterLab and in the exported page with nothing
loaded from the network. Tables show Chinese headers and the 万元 amounts
already rounded once by :mod:`analysis.explore`; ratios as percentages.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import itables
import pandas as pd
from itables.typing import ITableOptions

from analysis.explore import SPENDING_LABELS
from analysis.money import round_fraction
from analysis.variance_book import COLUMNS

TABLE_OPTIONS: ITableOptions = {
    "columnControl": ["order", "searchDropdown"],  # per-column sort and filter (text, number or date conditions)
    "ordering": {"indicators": False, "handler": False},  # sorting is the column control's order button
    "maxBytes": 0,  # every row, never a downsampled preview: the vouchers must all be there
    "showIndex": False,
    "lengthMenu": [10, 25, 100, -1],
    "language": {  # DataTables' own words, in Chinese (its translation files are on the network)
        "search": "搜索：",
        "lengthMenu": "每页 _MENU_ 行",
        "info": "第 _START_–_END_ 行，共 _TOTAL_ 行",
        "infoEmpty": "没有数据",
        "infoFiltered": "（筛选自 _MAX_ 行）",
        "zeroRecords": "没有符合条件的行",
        "emptyTable": "没有数据",
        # itables types language as flat texts, but DataTables' paginate is a nested object
        "paginate": {"first": "首页", "previous": "上页", "next": "下页", "last": "末页"},  # type: ignore[dict-item]
    },
}


def init_tables() -> None:
    """Put the DataTables bundle inline in the notebook (offline mode); run once, before any table."""
    itables.init_notebook_mode(connected=False)


def percent(ratio: float) -> float | None:
    """A ratio as a percentage rounded half up to two decimals, as the report rounds it; None (blank) when undefined.

    The ratio is read back through its shortest decimal form: a ratio of two amounts in fen at a rounding
    boundary (0.87845) is a short decimal that the float reproduces exactly, so this equals rounding the
    exact fraction, where ``round(ratio * 100, 2)`` would round half to even on the binary value (87.84).
    """
    if pd.isna(ratio):
        return None
    return float(round_fraction(Fraction(Decimal(repr(float(ratio)))) * 100, 2))


def table_view(frame: pd.DataFrame) -> pd.DataFrame:
    """What a reader sees of an explore table: Chinese headers, amounts in 万元 (the ``*_wan`` columns),
    ratios in % to two decimals, 支出类型 in Chinese; fen and unnamed columns are left out."""
    view = {}
    for name in frame.columns:
        column = COLUMNS.get(name)
        if column is None:
            continue
        if column.kind == "wan":
            view[column.header] = frame[name.removesuffix("_fen") + "_wan"]
        elif column.kind == "yuan":
            view[column.header] = frame["amount_yuan"]
        elif column.kind == "ratio":
            view[f"{column.header}（%）"] = pd.Series([percent(r) for r in frame[name]], index=frame.index, dtype=object)
        elif column.kind == "label":
            view[column.header] = frame[name].map(SPENDING_LABELS)
        else:
            view[column.header] = frame[name]
    return pd.DataFrame(view, index=frame.index)


def show_table(frame: pd.DataFrame, caption: str = "") -> None:
    """Display an explore table as an interactive, sortable and filterable table (see :func:`table_view`)."""
    itables.show(table_view(frame), caption=caption or None, **TABLE_OPTIONS)
