"""The grids of the three official tables (二, 三, 四) as data, derived from `model.format`.

A `TableGrid` lists every cell of a table as it stands in `official-template.docx`: its top-left grid
position, row and column span, its label text (official, from `model.format`) or the draft place its
figure belongs to. The DOCX exporter builds its tables from these grids; the DOCX importer can use the same
grids to locate label and value cells. Nothing here depends on python-docx.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from model import format as fmt
from model.findings import Cell

CellRole = Literal["header", "label", "value"]


@dataclass(frozen=True)
class GridCell:
    """One cell of a table grid, top-left at (`row`, `col`), spanning `rowspan` × `colspan` grid cells.

    `role` is 'header' (a column heading, printed centred), 'label' (a row label or block label) or
    'value' (a figure). `text` is the official label for header and label cells, '' for value cells.
    `ref` is the draft place of a value cell: `Cell(table, row key, column key)` with `table` one of
    'proactive', 'applications', 'cases' (the attribute of `Draft` that holds it); None otherwise.
    """

    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    text: str = ""
    role: CellRole = "label"
    ref: Cell | None = None

    def covers(self, row: int, col: int) -> bool:
        """Return True if the grid position (`row`, `col`) lies inside this cell."""
        return self.row <= row < self.row + self.rowspan and self.col <= col < self.col + self.colspan


@dataclass(frozen=True)
class TableGrid:
    """The grid of one official table: `rows` × `cols` grid cells and the `cells` that tile it.

    `key` is the section key of `model.format.SECTIONS` ('proactive', 'applications', 'cases');
    `header_rows` the number of top rows that repeat when the table breaks across pages (0 for table 二,
    whose headings are per block).
    """

    key: str
    rows: int
    cols: int
    header_rows: int
    cells: tuple[GridCell, ...]

    def cell_at(self, row: int, col: int) -> GridCell:
        """Return the cell covering grid position (`row`, `col`).

        Raises `KeyError` if no cell covers it (the grid is not tiled there).
        """
        return self._positions[row, col]

    @cached_property
    def _positions(self) -> dict[tuple[int, int], GridCell]:
        """The cell covering each grid position (the first of `cells` to cover it), made once."""
        at: dict[tuple[int, int], GridCell] = {}
        for cell in self.cells:
            for r in range(cell.row, cell.row + cell.rowspan):
                for c in range(cell.col, cell.col + cell.colspan):
                    at.setdefault((r, c), cell)
        return at

    def row_cells(self, row: int) -> list[GridCell]:
        """Return the cells that start in grid row `row`, left to right."""
        return sorted((c for c in self.cells if c.row == row), key=lambda c: c.col)

    def value_cells(self) -> list[GridCell]:
        """Return the value cells in reading order (row by row, left to right)."""
        return sorted((c for c in self.cells if c.role == "value"), key=lambda c: (c.row, c.col))

    def label_cells(self) -> list[GridCell]:
        """Return the header and label cells in reading order."""
        return sorted((c for c in self.cells if c.role != "value"), key=lambda c: (c.row, c.col))

    def check_tiling(self) -> None:
        """Check that every grid position is covered by exactly one cell.

        Raises `ValueError` naming the first position covered twice or not at all.
        """
        seen: dict[tuple[int, int], GridCell] = {}
        for cell in self.cells:
            for r in range(cell.row, cell.row + cell.rowspan):
                for c in range(cell.col, cell.col + cell.colspan):
                    if (r, c) in seen:
                        raise ValueError(f"{self.key}: grid position {(r, c)} covered twice")
                    seen[(r, c)] = cell
        for r in range(self.rows):
            for c in range(self.cols):
                if (r, c) not in seen:
                    raise ValueError(f"{self.key}: grid position {(r, c)} not covered")


def _spans(count: int, width: int) -> list[int]:
    """Return `count` column spans filling `width` grid columns (the remainder goes to the last)."""
    if not 0 < count <= width:
        raise ValueError(f"cannot lay {count} columns over {width} grid columns")
    spans = [width // count] * count
    spans[-1] += width - sum(spans)
    return spans


def proactive_grid(blocks: Sequence[fmt.ProactiveBlock] = fmt.PROACTIVE_BLOCKS) -> TableGrid:
    """Return the grid of table 二 (第二十条): 14 rows × 4 columns for the 2021 `blocks`.

    Each block is a label row spanning the 4 columns (「第二十条第（一）项」), a header row (「信息内容」 and
    the column labels; a single column spans the 3 right grid columns) and one row per item.
    """
    width = fmt.PROACTIVE_GRID_COLUMNS
    cells: list[GridCell] = []
    row = 0
    for block in blocks:
        cells.append(GridCell(row, 0, colspan=width, text=block.label, role="label"))
        row += 1
        spans = _spans(len(block.columns), width - 1)
        cells.append(GridCell(row, 0, text=fmt.PROACTIVE_ITEM_HEADER, role="header"))
        col = 1
        for field, span in zip(block.columns, spans, strict=True):
            cells.append(GridCell(row, col, colspan=span, text=field.label, role="header"))
            col += span
        row += 1
        for item in block.rows:
            cells.append(GridCell(row, 0, text=item.label, role="label"))
            col = 1
            for field, span in zip(block.columns, spans, strict=True):
                ref = Cell("proactive", item.key, field.key)
                cells.append(GridCell(row, col, colspan=span, role="value", ref=ref))
                col += span
            row += 1
    return TableGrid("proactive", row, width, 0, tuple(cells))


def _run_length(rows: Sequence[fmt.ApplicationRow], start: int, same: str) -> int:
    """Return how many rows from `start` on share the `same` attribute ('top' or 'group') in a nested run."""
    first = rows[start]
    n = 0
    for r in rows[start:]:
        if same == "top" and (r.group is None or r.top != first.top):
            break
        if same == "group" and (r.item is None or r.group != first.group):
            break
        n += 1
    return n


def applications_grid(rows: Sequence[fmt.ApplicationRow] = fmt.APPLICATION_ROWS) -> TableGrid:
    """Return the grid of table 三: 28 rows × 10 columns for the 2021 `rows` (FORMAT.md §4).

    Three header rows: the corner note (3 × 3), 「申请人情况」 over the 7 data columns, 「自然人」 and
    「总计」 over two rows, 「法人或其他组织」 over the five organisation columns. Then one grid row per
    entry of `rows`; label columns A|B|C are merged as the official table does (「三、本年度办理结果」 down
    column A over its 22 rows, 「（三）不予公开」 down column B over its 8 rows, …). Pass the 2019 rows to get
    the trial-format grid (one （六）其他处理 row).
    """
    label_cols = fmt.APPLICATION_LABEL_COLUMNS
    data_cols = len(fmt.APPLICANT_COLUMNS)
    head = fmt.APPLICATION_HEADER_ROWS
    cells: list[GridCell] = [
        GridCell(0, 0, rowspan=head, colspan=label_cols, text=fmt.APPLICATIONS_CORNER, role="header"),
        GridCell(0, label_cols, colspan=data_cols, text=fmt.APPLICANTS_HEADER, role="header"),
    ]
    organisations = [c for c in fmt.APPLICANT_COLUMNS if c.organisation]
    col = label_cols
    placed_org_header = False
    for column in fmt.APPLICANT_COLUMNS:
        if column.organisation:
            if not placed_org_header:
                cells.append(GridCell(1, col, colspan=len(organisations), text=fmt.ORGANISATIONS_HEADER, role="header"))
                placed_org_header = True
            cells.append(GridCell(2, col, text=column.label, role="header"))
        else:
            cells.append(GridCell(1, col, rowspan=head - 1, text=column.label, role="header"))
        col += 1
    for i, r in enumerate(rows):
        g = head + i
        if r.group is None:
            cells.append(GridCell(g, 0, colspan=label_cols, text=r.top))
        else:
            if i == 0 or rows[i - 1].group is None or rows[i - 1].top != r.top:
                cells.append(GridCell(g, 0, rowspan=_run_length(rows, i, "top"), text=r.top))
            if r.item is None:
                cells.append(GridCell(g, 1, colspan=label_cols - 1, text=r.group))
            else:
                if i == 0 or rows[i - 1].item is None or rows[i - 1].group != r.group:
                    cells.append(GridCell(g, 1, rowspan=_run_length(rows, i, "group"), text=r.group))
                cells.append(GridCell(g, 2, text=r.item))
        for j, column in enumerate(fmt.APPLICANT_COLUMNS):
            ref = Cell("applications", r.key, column.key)
            cells.append(GridCell(g, label_cols + j, role="value", ref=ref))
    return TableGrid("applications", head + len(rows), label_cols + data_cols, head, tuple(cells))


def cases_grid() -> TableGrid:
    """Return the grid of table 四: 4 rows × 15 columns (FORMAT.md §5).

    Row 0: 「行政复议」 over its 5 columns, 「行政诉讼」 over the 10 litigation columns. Row 1: the 行政复议
    column labels (each over rows 1–2), 「未经复议直接起诉」 and 「复议后起诉」 over 5 columns each. Row 2: the
    litigation column labels. Row 3: the 15 figures, group by group.
    """
    width = len(fmt.CASE_COLUMNS)
    head = fmt.CASE_HEADER_ROWS
    groups = fmt.CASE_GROUPS
    litigation = [g for g in groups if g.litigation]
    cells: list[GridCell] = []
    col = 0
    placed_litigation = False
    for group in groups:
        if group.litigation:
            if not placed_litigation:
                span = width * len(litigation)
                cells.append(GridCell(0, col, colspan=span, text=fmt.LITIGATION_HEADER, role="header"))
                placed_litigation = True
            cells.append(GridCell(1, col, colspan=width, text=group.label, role="header"))
            for j, column in enumerate(fmt.CASE_COLUMNS):
                cells.append(GridCell(2, col + j, text=column.label, role="header"))
        else:
            cells.append(GridCell(0, col, colspan=width, text=group.label, role="header"))
            for j, column in enumerate(fmt.CASE_COLUMNS):
                cells.append(GridCell(1, col + j, rowspan=head - 1, text=column.label, role="header"))
        for j, column in enumerate(fmt.CASE_COLUMNS):
            cells.append(GridCell(head, col + j, role="value", ref=Cell("cases", group.key, column.key)))
        col += width
    return TableGrid("cases", head + 1, col, head, tuple(cells))


def official_grids() -> tuple[TableGrid, TableGrid, TableGrid]:
    """Return the grids of tables 二, 三 and 四 of the 2021 format, in document order."""
    return proactive_grid(), applications_grid(), cases_grid()
