"""A Word document's body as lines: each paragraph one line, each table row one line of tab-joined cells.

Cells are read as python-docx's ``row.cells`` gives them (a cell spanning n grid columns n times, a cell
merged with the one above as that one), but without its walk: it follows a merged cell up the table
recursively, once for every row, so a long merged column overflowed the stack and took time quadratic in
the rows; and it repeats a cell as often as its gridSpan says, which a few bytes can make a billion. Here
merges are followed row by row, and each line's length is counted before the line is built.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass

from docx.oxml.document import CT_Body
from docx.oxml.table import CT_Row, CT_Tbl, CT_Tc

from analysis.limits import MAX_REPORT_CHARS, LimitExceeded

Cell = tuple[str, int]  # a cell's text (its paragraphs joined by spaces) and how many grid columns repeat it


class MergeError(ValueError):
    """A cell merged with the one above where there is none (python-docx raises ValueError there too)."""


@dataclass(frozen=True)
class GridRow:
    """One table row as the row below it sees it: where each cell starts in the grid, and what it holds."""

    starts: list[int]  # grid offset of each cell
    reach: list[int]  # the largest offset so far: python-docx stops looking for a cell once past its offset
    cells: list[Cell]  # each cell after merges


def body_lines(body: CT_Body, name: str) -> list[str]:
    """The lines of a document body (``document.element.body``); LimitExceeded once they pass
    MAX_REPORT_CHARS characters (a line break counted after each line), before the line that passes is built."""
    lines: list[str] = []
    chars = 0
    for element in body.inner_content_elements:
        rows = table_rows(element) if isinstance(element, CT_Tbl) else iter([[(element.text, 1)]])
        for cells in rows:
            chars += line_length(cells) + 1
            if chars > MAX_REPORT_CHARS.value:
                raise LimitExceeded(MAX_REPORT_CHARS, f"至少 (at least) {chars:,}{MAX_REPORT_CHARS.unit}", name)
            lines.append("\t".join(text for text, times in cells for _ in range(times)))
    return lines


def line_length(cells: list[Cell]) -> int:
    """Characters of the line the cells make: each cell's text as often as it is repeated, a tab between."""
    count = sum(max(times, 0) for _, times in cells)
    return sum(len(text) * max(times, 0) for text, times in cells) + max(count - 1, 0)


def table_rows(table: CT_Tbl) -> Iterator[list[Cell]]:
    """Each row's cells, in order; a cell merged with the one above (vMerge continue) holds what that one holds."""
    above: GridRow | None = None
    for row in table.tr_lst:
        above = grid_row(row, above)
        yield above.cells


def grid_row(row: CT_Row, above: GridRow | None) -> GridRow:
    """A row's cells with their grid offsets, a merged cell taken from the row above at its offset."""
    starts: list[int] = []
    reach: list[int] = []
    cells: list[Cell] = []
    offset = row.grid_before
    for cell in row.tc_lst:
        cells.append(cell_above(above, offset) if cell.vMerge == "continue" else (cell_text(cell), cell.grid_span))
        starts.append(offset)
        reach.append(max(offset, reach[-1]) if reach else offset)
        offset += cell.grid_span
    return GridRow(starts, reach, cells)


def cell_above(above: GridRow | None, offset: int) -> Cell:
    """What the cell starting at ``offset`` in the row above holds: the first cell there that starts at or
    past the offset must start at it, as python-docx's ``tc_at_grid_offset`` requires."""
    if above is None:
        raise MergeError("表格首行的单元格不能与上一行合并 (a merged cell in the first row)")
    at = bisect_left(above.reach, offset)
    if at == len(above.starts) or above.starts[at] != offset:
        raise MergeError(f"合并的单元格上方没有单元格 (no cell above a merged cell at grid column {offset})")
    return above.cells[at]


def cell_text(cell: CT_Tc) -> str:
    """A cell's text: its paragraphs (and line breaks within them) joined by spaces."""
    return "\n".join(paragraph.text for paragraph in cell.p_lst).replace("\n", " ")
