"""model.entry.paste without Qt: splitting copied text, reading its cells, placing it on an official table."""

from __future__ import annotations

from decimal import Decimal

import pytest

from model import format as fmt
from model.entry.cell_input import read, read_pasted
from model.entry.paste import MAX_PASTE_CELLS, Slot, copy_text, fill_plan, plan_paste, split_block
from model.findings import Cell

LABELS = fmt.APPLICATION_LABEL_COLUMNS  # table 三 as the wizard lays it out: 3 label columns, then 7
SHAPE = (len(fmt.APPLICATION_ROWS), LABELS + len(fmt.APPLICANT_COLUMNS))


def slot(row: int, column: int) -> Slot:
    """Table 三: label columns, input cells, the computed （七）总计 row and 总计 column."""
    if column < LABELS:
        return Slot("label")
    r, c = fmt.APPLICATION_ROWS[row], fmt.APPLICANT_COLUMNS[column - LABELS]
    cell = Cell("applications", r.key, c.key)
    return Slot("computed" if r.computed or c.computed else "input", cell)


def pos(row: str, column: str = "natural_person") -> tuple[int, int]:
    rows = [r.key for r in fmt.APPLICATION_ROWS]
    cols = [c.key for c in fmt.APPLICANT_COLUMNS]
    return rows.index(row), LABELS + cols.index(column)


def cell(row: str, column: str = "natural_person") -> Cell:
    return Cell("applications", row, column)


# -- splitting ---------------------------------------------------------------------------------------------


def test_paste_splits_excel_rows_with_tabs_and_windows_line_breaks() -> None:
    assert split_block("1\t2\t3\r\n4\t\t6\r\n") == [["1", "2", "3"], ["4", "", "6"]]
    # Excel quotes a cell holding a line break; WPS the same
    assert split_block('"一、本年新收\n申请"\t5\r\n') == [["一、本年新收\n申请", "5"]]


def test_paste_splits_space_separated_text_when_there_is_no_tab() -> None:
    assert split_block("12  3 ０\n4 5 6\n\n") == [["12", "3", "０"], ["4", "5", "6"]]
    # an empty line inside is a blank cell of a copied column
    assert split_block("1\n\n3\n") == [["1"], [""], ["3"]]


def test_paste_refuses_text_far_larger_than_any_table() -> None:
    with pytest.raises(ValueError, match="太多"):
        split_block("1\t" * (MAX_PASTE_CELLS + 1))


# -- reading one pasted cell -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "status"),
    [
        ("12", 12, "ok"),
        ("１２", 12, "ok"),
        ("1,234", 1234, "ok"),
        ("１，２３４", 1234, "ok"),
        (" 7 ", 7, "ok"),
        ("5件", 5, "ok"),
        ("12.0", 12, "ok"),
        ("", 0, "blank"),
        ("\u00a0", 0, "blank"),
        ("/", 0, "dash"),
        ("—", 0, "dash"),
        ("-", 0, "dash"),
        ("－", 0, "dash"),
        ("无", 0, "dash"),
    ],
)
def test_paste_reads_figures_blanks_and_zero_marks(text: str, value: int, status: str) -> None:
    pasted = read_pasted(text, "count")
    assert (pasted.value, pasted.status) == (value, status)
    assert type(pasted.value) is int


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("-3", "不能为负数"),
        ("2.5", "件数只能是整数"),
        ("约5", "不能输入“约”"),
        ("#REF!", "不能输入“#”"),
        ("5 3", "一格里有几个数"),
    ],
)
def test_paste_refuses_what_typing_refuses(text: str, reason: str) -> None:
    pasted = read_pasted(text, "count")
    assert pasted.value is None and pasted.status == "bad" and reason in pasted.reason


def test_paste_keeps_amounts_exact_in_wan_yuan() -> None:
    assert read_pasted("0.3456", "amount").value == Decimal("0.3456")
    assert read_pasted("3.5万元", "amount").value == Decimal("3.5")
    assert read_pasted("—", "amount").value == 0


def test_typing_several_figures_into_one_cell_is_refused() -> None:
    """Several values pasted into an open cell editor would run together (「5	3」 → 53): refused."""
    for text in ("5\t3", "5 3", "1\n2"):
        assert read(text).reason.startswith("一格只能填一个数")
    assert read(" 5 ").text == "5"


# -- placing a block ---------------------------------------------------------------------------------------


def test_paste_a_row_of_seven_from_excel_skips_the_computed_total() -> None:
    plan = plan_paste("1\t2\t0\t0\t0\t0\t3\r\n", pos("new_received"), SHAPE, slot)
    assert plan.ok and not plan.problems
    assert plan.changes == [
        (cell("new_received", c.key), v) for c, v in zip(fmt.APPLICANT_COLUMNS[:6], [1, 2, 0, 0, 0, 0], strict=True)
    ]
    assert [(c, p.value) for c, p in plan.totals] == [(cell("new_received", "total"), 3)]


def test_paste_a_block_down_the_rows_skips_the_total_row() -> None:
    text = "\n".join(["1\t0", "2\t0"] + ["0\t0"] * 19 + ["9\t9", "3\t1"]) + "\n"  # （一）…（六）3, （七）总计, 四
    plan = plan_paste(text, pos("disclosed"), SHAPE, slot)
    assert not plan.problems
    changed = dict(plan.changes)
    assert changed[cell("disclosed")] == 1 and changed[cell("partly_disclosed")] == 2
    assert changed[cell("carried_forward")] == 3 and changed[cell("carried_forward", "commercial")] == 1
    assert cell("total_handled") not in changed
    assert [c for c, _p in plan.totals] == [cell("total_handled"), cell("total_handled", "commercial")]


def test_paste_blank_and_dashes_become_zero_and_are_counted() -> None:
    plan = plan_paste("\t/\t—\t-\t无\t5\n", pos("carried_over"), SHAPE, slot)
    assert not plan.problems
    assert [v for _c, v in plan.changes] == [0, 0, 0, 0, 0, 5]
    assert len(plan.zeroed) == 5


def test_paste_with_bad_cells_names_each_and_changes_nothing() -> None:
    plan = plan_paste("1\tabc\t3\n-2\t0\t0\n", pos("new_received"), SHAPE, slot)
    assert not plan.ok
    assert [(p.cell, p.text) for p in plan.problems] == [
        (cell("new_received", "commercial"), "abc"),
        (cell("carried_over", "natural_person"), "-2"),
    ]
    assert "不能为负数" in plan.problems[1].reason


def test_paste_beyond_the_table_is_a_problem_but_trailing_blanks_are_not() -> None:
    plan = plan_paste("1\t2\t3\t\t\n", pos("new_received", "other_org"), SHAPE, slot)
    assert [(p.row, p.column, p.text, p.reason) for p in plan.problems] == [(1, 3, "3", "超出了表格的右边")]
    ok = plan_paste("1\t\t\n", pos("new_received", "other_org"), SHAPE, slot)
    assert ok.ok and ok.changes == [(cell("new_received", "other_org"), 1)]
    low = plan_paste("1\n2\n", pos("carried_forward"), SHAPE, slot)
    assert [p.reason for p in low.problems] == ["超出了表格的下边"]


def test_paste_rows_copied_with_their_labels_from_excel_or_a_web_page() -> None:
    # Excel: the label in a cell merged across the 3 label columns copies as label + 2 blanks
    excel = "一、本年新收政府信息公开申请数量\t\t\t4\t1\t0\t0\t0\t0\t5\n"
    plan = plan_paste(excel, (0, 0), SHAPE, slot)
    assert not plan.problems and dict(plan.changes)[cell("new_received")] == 4
    # a web page: the merged label is one cell, so the figures follow at once
    web = (
        "一、本年新收政府信息公开申请数量\t4\t1\t0\t0\t0\t0\t5\n二、上年结转政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\n"
    )
    plan = plan_paste(web, (0, 0), SHAPE, slot)
    assert not plan.problems
    changed = dict(plan.changes)
    assert changed[cell("new_received")] == 4 and changed[cell("new_received", "commercial")] == 1
    assert changed[cell("carried_over")] == 1
    # the clerk clicked the first number cell but copied the labels too
    plan = plan_paste(web, pos("new_received"), SHAPE, slot)
    assert not plan.problems and dict(plan.changes)[cell("carried_over")] == 1


def test_paste_a_figure_on_a_label_without_a_label_row_is_a_problem() -> None:
    plan = plan_paste("4\t1\n", (0, 1), SHAPE, slot)
    assert [(p.column, p.reason) for p in plan.problems] == [(1, "落在了表格的标签列上"), (2, "落在了表格的标签列上")]


def test_paste_one_figure_fills_a_selection() -> None:
    targets = [(cell("disclosed", c), "count") for c in ("natural_person", "commercial")]
    plan = fill_plan("０", targets)  # type: ignore[arg-type]
    assert plan.changes == [(cell("disclosed"), 0), (cell("disclosed", "commercial"), 0)]
    assert fill_plan("x", targets).problems[0].cell == cell("disclosed")  # type: ignore[arg-type]


def test_copy_text_round_trips_through_split_block() -> None:
    rows = [["一、本年新收", "5", ""], ["含\t制表符", "含\n换行", '含"引号']]
    assert split_block(copy_text(rows)) == rows
