"""The table grids as data: which positions a merged cell covers, the cells of a row, tiling checked both
ways, column spans over a width, and the merged label columns of table 三 as the official template prints
them (FORMAT.md §4; official-template.docx)."""

from __future__ import annotations

import pytest

from model import format as fmt
from model.docx.grid import GridCell, TableGrid, _run_length, _spans, applications_grid, official_grids


@pytest.mark.parametrize(("row", "col"), [(1, 2), (2, 2), (3, 4)])
def test_a_merged_cell_covers_exactly_its_rows_and_columns(row: int, col: int) -> None:
    cell = GridCell(row, col, rowspan=2, colspan=3)
    inside = {(r, c) for r in range(8) for c in range(10) if cell.covers(r, c)}
    assert inside == {(r, c) for r in (row, row + 1) for c in (col, col + 1, col + 2)}


def test_the_cells_of_a_row_are_those_starting_in_it_left_to_right() -> None:
    grid = applications_grid()
    assert [c.text for c in grid.row_cells(1)] == ["自然人", fmt.ORGANISATIONS_HEADER, "总计"]
    assert [c.text for c in grid.row_cells(5)][:2] == ["三、本年度办理结果", "（一）予以公开"]


def test_the_official_grids_tile_their_tables() -> None:
    for grid in official_grids():
        grid.check_tiling()
        assert grid.cell_at(grid.rows - 1, grid.cols - 1).role == "value"


def test_a_merged_cell_lower_down_tiles_its_rows() -> None:
    """One label over rows 1–2 beside two figures: tiled (the span is counted from the cell's own row)."""
    cells = (GridCell(0, 0, colspan=2), GridCell(1, 0, rowspan=2), GridCell(1, 1), GridCell(2, 1))
    TableGrid("t", 3, 2, 0, cells).check_tiling()
    wide = (GridCell(0, 0), GridCell(0, 1, colspan=2), GridCell(1, 0, colspan=3))
    TableGrid("t", 2, 3, 0, wide).check_tiling()


def test_a_gap_and_an_overlap_are_named() -> None:
    gap = TableGrid("t", 2, 2, 0, (GridCell(0, 0, colspan=2), GridCell(1, 0)))
    with pytest.raises(ValueError, match=r"^t: grid position \(1, 1\) not covered$"):
        gap.check_tiling()
    overlap = TableGrid("t", 1, 2, 0, (GridCell(0, 0, colspan=2), GridCell(0, 1)))
    with pytest.raises(ValueError, match=r"^t: grid position \(0, 1\) covered twice$"):
        overlap.check_tiling()


def test_column_spans_fill_the_width_with_the_remainder_last() -> None:
    assert _spans(3, 3) == [1, 1, 1]
    assert _spans(2, 3) == [1, 2]
    assert _spans(3, 5) == [1, 1, 3]
    assert _spans(1, 3) == [3]
    for count in (0, -1, 4):
        with pytest.raises(ValueError, match=f"^cannot lay {count} columns over 3 grid columns$"):
            _spans(count, 3)


def test_table_three_label_columns_are_merged_as_printed() -> None:
    """Column A: 一 and 二 across A–C, 「三、本年度办理结果」 down 22 rows, 四 across; column B: the groups."""
    merged = [(c.row, c.col, c.rowspan, c.colspan, c.text) for c in applications_grid().label_cells() if c.row >= 3]
    assert [m for m in merged if m[1] in (0, 1)] == [
        (3, 0, 1, 3, "一、本年新收政府信息公开申请数量"),
        (4, 0, 1, 3, "二、上年结转政府信息公开申请数量"),
        (5, 0, 22, 1, "三、本年度办理结果"),
        (5, 1, 1, 2, "（一）予以公开"),
        (6, 1, 1, 2, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
        (7, 1, 8, 1, "（三）不予公开"),
        (15, 1, 3, 1, "（四）无法提供"),
        (18, 1, 5, 1, "（五）不予处理"),
        (23, 1, 3, 1, "（六）其他处理"),
        (26, 1, 1, 2, "（七）总计"),
        (27, 0, 1, 3, "四、结转下年度继续办理"),
    ]


def _row(key: str, top: str, group: str | None, item: str | None = None) -> fmt.ApplicationRow:
    return fmt.ApplicationRow(key, "outcome", top, group, item)


def test_a_run_ends_where_its_label_changes_even_if_it_comes_back() -> None:
    """Rows A/x, A/x, B/y, A/z: the run of A from the first row is 2 long, the run of group x 2 as well."""
    rows = [
        _row("a", "甲", "（一）", "1."),
        _row("b", "甲", "（一）", "2."),
        _row("c", "乙", "（二）", "1."),
        _row("d", "甲", "（一）", "3."),
    ]
    assert _run_length(rows, 0, "top") == 2
    assert _run_length(rows, 0, "group") == 2
    assert _run_length(rows, 2, "top") == 1
    spanning = [_row("a", "甲", "（一）"), _row("b", "甲", None), _row("c", "甲", "（二）")]
    assert _run_length(spanning, 0, "top") == 1
    assert _run_length([_row("a", "乙", "（一）"), _row("b", "甲", "（一）")], 0, "top") == 1


def test_grid_cells_are_values_that_cannot_change() -> None:
    """A cell is hashable and frozen: grids are shared by the writer and the reader."""
    import dataclasses

    cell = GridCell(0, 0, text="x")
    assert hash(cell) == hash(GridCell(0, 0, text="x"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        cell.row = 1  # type: ignore[misc]


def test_label_cells_hold_no_figures() -> None:
    for grid in official_grids():
        roles = {c.role for c in grid.label_cells()}
        assert roles <= {"header", "label"} and "value" not in roles
        assert len(grid.label_cells()) + len(grid.value_cells()) == len(grid.cells)


def _same(text: str) -> str:
    """An equal string that is another object (labels read from two places)."""
    return "".join(list(text))


@pytest.mark.parametrize(
    "rows",
    [
        [_row("a", "甲", "（一）", "1."), _row("b", "甲", "（一）", "2."), _row("c", "甲", "（二）", "1.")],
        [
            _row("a", "甲", "（一）", "1."),
            _row("b", "甲", "（一）", "2."),
            _row("c", "甲", "（一）", "3."),
            _row("d", "乙", None),
        ],
        [_row("a", "甲", "（一）", "1."), _row("b", "乙", "（二）", "1.")],
        [_row("a", "乙", "（一）", "1."), _row("b", "甲", "（二）", "1.")],
        [_row("a", "甲", None), _row("b", "甲", "（一）", "1.")],
        [_row("a", "甲", "（一）"), _row("b", "甲", "（一）", "1.")],
        [_row("a", "甲", "（一）", "1."), _row("b", _same("甲"), _same("（一）"), "2.")],
    ],
    ids=[
        "one-top",
        "top-then-spanning",
        "top-changes",
        "top-changes-upwards",
        "top-under-its-spanning-row",
        "group-after-spanning",
        "equal-labels",
    ],
)
def test_table_three_grids_of_other_row_lists_tile(rows: list[fmt.ApplicationRow]) -> None:
    """Each column-A and column-B label is placed once per run, whatever the rows around it."""
    applications_grid(rows).check_tiling()


def test_header_rows_that_repeat_on_a_new_page() -> None:
    """Table 二 repeats no rows (its headings are per block); 三 and 四 repeat their 3 heading rows."""
    assert [grid.header_rows for grid in official_grids()] == [0, 3, 3]
    import dataclasses

    with pytest.raises(dataclasses.FrozenInstanceError):
        official_grids()[0].rows = 1  # type: ignore[misc]
