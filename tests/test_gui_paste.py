"""Paste (Ctrl+V) and copy (Ctrl+C) on the grids of 二, 三 and 四: a block from Excel, WPS or a web page goes
in as one undo step or not at all, problems named cell by cell; a selection copies as tab-separated text."""

from __future__ import annotations

from decimal import Decimal

from gui_helpers import open_editor
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication

from gui.wizard import ReportWizard
from model.findings import Cell, Severity

pytest_plugins = ["gui_support"]

CTRL = Qt.KeyboardModifier.ControlModifier


def cell(row: str, column: str = "natural_person") -> Cell:
    return Cell("applications", row, column)


def paste(qtbot, wizard: ReportWizard, page_key: str, at: Cell, text: str):
    """Click `at` on page `page_key`, put `text` on the clipboard and press Ctrl+V; return the page."""
    page = wizard.go_to_page(page_key)
    view = page.view  # type: ignore[attr-defined]
    view.setCurrentIndex(page.model.index_of(at))  # type: ignore[attr-defined]
    view.setFocus()
    QApplication.clipboard().setText(text)
    qtbot.keyClick(view, Qt.Key.Key_V, CTRL)
    return page


def test_paste_an_excel_block_into_table_three_is_one_undo_step(qtbot, wizard: ReportWizard) -> None:
    draft = wizard.document.draft
    steps = wizard.document.undo_stack.count()
    text = "３\t1,200\t\t/\t—\t0\t1203\r\n1\t0\t0\t0\t0\t0\t1\r\n"  # full-width, separator, blank and dashes
    page = paste(qtbot, wizard, "applications", cell("new_received"), text)
    assert draft.applications["new_received"]["natural_person"] == 3
    assert draft.applications["new_received"]["commercial"] == 1200
    assert draft.applications["new_received"]["research"] == 0
    assert draft.applications["new_received"]["total"] == 1203  # computed, the pasted total agrees
    assert draft.applications["carried_over"]["natural_person"] == 1
    assert wizard.document.undo_stack.count() == steps + 1
    notice = page.message_bar.notice()
    assert notice.startswith("已粘贴 12 格") and "3 格是空白或「/」「—」「-」「无」，已按 0 填入" in notice
    wizard.undo_action.trigger()
    assert draft.applications["new_received"]["natural_person"] == 0
    assert draft.applications["new_received"]["commercial"] == 0
    assert draft.applications["carried_over"]["natural_person"] == 0


def test_paste_with_unreadable_cells_names_them_and_changes_nothing(qtbot, wizard: ReportWizard) -> None:
    before = wizard.document.draft.to_json_text()
    steps = wizard.document.undo_stack.count()
    page = paste(qtbot, wizard, "applications", cell("disclosed"), "2\t约3\t1\n-1\t0\t0\n")
    assert wizard.document.draft.to_json_text() == before
    assert wizard.document.undo_stack.count() == steps and not wizard.document.modified
    notice = page.message_bar.notice()
    assert notice.startswith("粘贴未进行，表格没有改动")
    assert "「（一）予以公开 · 商业企业」粘贴的是「约3」" in notice
    assert "「（二）部分公开（区分处理的，只计这一情形，不计其他情形） · 自然人」粘贴的是「-1」，不能为负数" in notice
    assert page.message_bar.worst() is Severity.ERROR


def test_paste_a_total_that_differs_from_the_computed_one_is_mentioned(qtbot, wizard: ReportWizard) -> None:
    page = paste(qtbot, wizard, "applications", cell("new_received"), "1\t1\t0\t0\t0\t0\t5\n")
    assert wizard.document.draft.applications["new_received"]["total"] == 2
    notice = page.message_bar.notice()
    assert "「一、本年新收政府信息公开申请数量 · 总计」复制的是 5，计算为 2" in notice


def test_paste_a_web_table_row_with_its_label(qtbot, wizard: ReportWizard) -> None:
    page = wizard.go_to_page("applications")
    text = "四、结转下年度继续办理\t2\t0\t0\t0\t0\t0\t2\n"
    page.view.setCurrentIndex(page.model.index(24, 0))  # type: ignore[attr-defined]  # the row's label
    QApplication.clipboard().setText(text)
    page.view.setFocus()  # type: ignore[attr-defined]
    qtbot.keyClick(page.view, Qt.Key.Key_V, CTRL)  # type: ignore[attr-defined]
    assert wizard.document.draft.applications["carried_forward"]["natural_person"] == 2


def test_paste_into_proactive_and_cases_tables(qtbot, wizard: ReportWizard) -> None:
    draft = wizard.document.draft
    paste(qtbot, wizard, "proactive", Cell("proactive", "normative_documents", "issued"), "2\t1\t15\n")
    assert draft.proactive["normative_documents"] == {"issued": 2, "repealed": 1, "in_force": 15}
    paste(qtbot, wizard, "proactive", Cell("proactive", "admin_fees", "amount"), "0.35万元\n")
    assert draft.proactive["admin_fees"]["amount"] == Decimal("0.35")
    row = "1\t0\t0\t0\t1\t0\t0\t0\t1\t1\t0\t1\t0\t0\t1"  # 15 cells, three 总计 included
    paste(qtbot, wizard, "cases", Cell("cases", "review", "upheld"), row)
    assert draft.cases["review"] == {"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 1}
    assert draft.cases["litigation_after_review"]["corrected"] == 1
    assert draft.cases["litigation_after_review"]["total"] == 1


def test_paste_several_figures_inside_an_open_editor_pastes_the_block(qtbot, wizard: ReportWizard) -> None:
    page = wizard.go_to_page("applications")
    editor = open_editor(page.view, page.model.index_of(cell("disclosed")))  # type: ignore[attr-defined]
    QApplication.clipboard().setText("4\t5\n")
    qtbot.keyClick(editor, Qt.Key.Key_V, CTRL)
    draft = wizard.document.draft
    assert draft.applications["disclosed"]["natural_person"] == 4
    assert draft.applications["disclosed"]["commercial"] == 5
    # one figure pasted inside an editor is ordinary typing
    editor = open_editor(page.view, page.model.index_of(cell("disclosed", "research")))  # type: ignore[attr-defined]
    editor.selectAll()
    QApplication.clipboard().setText("７")
    qtbot.keyClick(editor, Qt.Key.Key_V, CTRL)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert draft.applications["disclosed"]["research"] == 7


def test_paste_one_figure_fills_the_selected_cells(qtbot, wizard: ReportWizard) -> None:
    page = wizard.go_to_page("applications")
    view, model = page.view, page.model  # type: ignore[attr-defined]
    first, last = (
        model.index_of(cell("withheld_state_secret")),
        model.index_of(cell("withheld_query_matters", "other_org")),
    )
    view.setCurrentIndex(first)
    view.selectionModel().select(QItemSelection(first, last), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    QApplication.clipboard().setText("３")
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_V, CTRL)
    draft = wizard.document.draft
    assert all(
        draft.applications[r][c] == 3
        for r in ("withheld_state_secret", "withheld_query_matters")
        for c in ("natural_person", "other_org")
    )
    assert "已粘贴 48 格" in page.message_bar.notice()  # 8 rows × 6 input columns, 总计 skipped


def test_copy_a_selection_as_tab_separated_text(qtbot, wizard: ReportWizard) -> None:
    wizard.document.set_values(
        [(cell("new_received"), 4), (cell("new_received", "commercial"), 1), (cell("carried_over"), 2)], "准备"
    )
    page = wizard.go_to_page("applications")
    view, model = page.view, page.model  # type: ignore[attr-defined]
    top_left, bottom_right = model.index(0, 0), model.index(1, 9)
    view.setCurrentIndex(top_left)
    view.selectionModel().select(
        QItemSelection(top_left, bottom_right), QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_C, CTRL)
    assert QApplication.clipboard().text() == (
        "一、本年新收政府信息公开申请数量\t\t\t4\t1\t0\t0\t0\t0\t5\n"
        "二、上年结转政府信息公开申请数量\t\t\t2\t0\t0\t0\t0\t0\t2\n"
    )
    # and what was copied pastes back (labels skipped, totals compared) onto another draft's table
    wizard.document.set_values([(cell("new_received"), 0), (cell("carried_over"), 0)], "清空")
    view.setCurrentIndex(top_left)
    qtbot.keyClick(view, Qt.Key.Key_V, CTRL)
    assert wizard.document.draft.applications["new_received"]["natural_person"] == 4
    assert wizard.document.draft.applications["carried_over"]["total"] == 2
