"""A refused keystroke never changes a figure unseen: the characters a number box refused while the clerk typed
are named again, with the figure stored, after the value is committed (「输入的“.”没有填入…，已填为 25 件，请核对」),
and that notice stays until the cell is edited again or the clerk closes it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from gui_helpers import open_editor
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from gui.pages.applications import ApplicationsPage
from gui.wizard import ReportWizard
from model.findings import Cell

pytest_plugins = ["gui_support"]


def cell(row: str, column: str = "natural_person") -> Cell:
    return Cell("applications", row, column)


def applications(wizard: ReportWizard) -> ApplicationsPage:
    page = wizard.go_to_page("applications")
    assert isinstance(page, ApplicationsPage)
    return page


def settle() -> None:
    """Let Qt do what its event loop would between two keystrokes: show new lines, delete replaced ones."""
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()


def type_and_enter(qtbot, page: ApplicationsPage, target: Cell, keys: str) -> None:
    editor = open_editor(page.view, page.model.index_of(target))
    editor.selectAll()
    qtbot.keyClicks(editor, keys)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


@pytest.mark.parametrize(
    ("typed", "stored", "said"),
    [
        ("2.5", 25, ["输入的“.”没有填入", "不能有小数", "已填为 25 件，请核对"]),
        ("-3", 3, ["输入的“-”没有填入", "不能为负数", "已填为 3 件，请核对"]),
        ("1a2", 12, ["输入的“a”没有填入", "已填为 12 件，请核对"]),
    ],
)
def test_refused_keystroke_is_named_with_the_figure_stored_after_enter(
    qtbot, wizard: ReportWizard, typed: str, stored: int, said: list[str]
) -> None:
    page = applications(wizard)
    type_and_enter(qtbot, page, cell("disclosed"), typed)
    assert wizard.document.draft.applications["disclosed"]["natural_person"] == stored
    notice = page.message_bar.notice()
    assert notice.startswith("「（一）予以公开 · 自然人」"), notice
    for part in said:
        assert part in notice, notice
    assert page.message_bar.isVisible()


def test_refusal_notice_stays_while_other_cells_are_typed_and_goes_when_its_cell_is_edited(
    qtbot, wizard: ReportWizard
) -> None:
    page = applications(wizard)
    type_and_enter(qtbot, page, cell("disclosed"), "2.5")
    for row in ("partly_disclosed", "withheld_state_secret"):  # the clerk types on, eyes on the paper
        type_and_enter(qtbot, page, cell(row), "3")
    assert "已填为 25 件，请核对" in page.message_bar.notice()
    settle()
    # 「定位」 on the notice shows the cell
    links = [label for label in page.message_bar.findChildren(QLabel) if "定位" in label.text() and label.isVisible()]
    links[0].linkActivated.emit("#")
    assert page.view.currentIndex() == page.model.index_of(cell("disclosed"))
    assert QApplication.focusWidget() is page.view
    type_and_enter(qtbot, page, cell("disclosed"), "2")  # corrected: the notice has done its work
    assert page.message_bar.notice() == ""
    assert wizard.document.draft.applications["disclosed"]["natural_person"] == 2


def test_refusal_notice_is_closed_with_its_button_and_undo_of_its_cell_clears_it(qtbot, wizard: ReportWizard) -> None:
    page = applications(wizard)
    type_and_enter(qtbot, page, cell("disclosed"), "1a2")
    settle()
    close = [b for b in page.message_bar.findChildren(QPushButton) if b.text() == "知道了" and b.isVisible()]
    close[0].click()
    assert page.message_bar.notice() == ""
    type_and_enter(qtbot, page, cell("disclosed"), "-4")
    assert "已填为 4 件" in page.message_bar.notice()
    wizard.document.undo_stack.undo()  # back to 12: the notice about 4 no longer holds
    assert page.message_bar.notice() == ""
    assert wizard.document.draft.applications["disclosed"]["natural_person"] == 12


def test_typing_without_refusal_still_clears_an_earlier_plain_refusal(qtbot, wizard: ReportWizard) -> None:
    page = applications(wizard)
    editor = open_editor(page.view, page.model.index_of(cell("disclosed")))
    qtbot.keyClicks(editor, "x")
    assert "不能输入“x”" in page.message_bar.notice()
    qtbot.keyClick(editor, Qt.Key.Key_Escape)  # cancelled: nothing stored, nothing to check
    assert "不能输入“x”" in page.message_bar.notice()
    type_and_enter(qtbot, page, cell("partly_disclosed"), "3")
    assert page.message_bar.notice() == ""


def test_unfinished_figure_left_by_the_focus_says_it_was_not_stored(qtbot, wizard: ReportWizard) -> None:
    page = applications(wizard)
    editor = open_editor(page.view, page.model.index_of(cell("disclosed")))
    editor.selectAll()
    qtbot.keyClicks(editor, "1,2")  # unfinished thousands separator: cannot be stored
    page.lead.setFocus()  # the clerk clicks elsewhere
    QApplication.processEvents()
    assert wizard.document.draft.applications["disclosed"]["natural_person"] == 0
    notice = page.message_bar.notice()
    assert "“1,2”没有填入" in notice and "仍为 0 件" in notice, notice
    type_and_enter(qtbot, page, cell("partly_disclosed"), "3")
    assert "仍为 0 件" in page.message_bar.notice()  # kept until its cell is edited or the notice closed


def test_fee_field_names_the_figure_stored_after_a_refused_keystroke(qtbot, wizard: ReportWizard) -> None:
    page = wizard.go_to_page("text")
    fee = page.fee_fields["collected_amount"]  # type: ignore[attr-defined]
    fee.setFocus()
    fee.selectAll()
    qtbot.keyClicks(fee, "1-.5")
    qtbot.keyClick(fee, Qt.Key.Key_Return)
    assert wizard.document.draft.fees["collected_amount"] == Decimal("1.5")
    notice = page.message_bar.notice()
    assert "输入的“-”没有填入" in notice and "已填为 1.5 元，请核对" in notice, notice
    notices = page.fee_fields["notices"]  # type: ignore[attr-defined]
    notices.setFocus()
    notices.selectAll()
    qtbot.keyClicks(notices, "2")
    qtbot.keyClick(notices, Qt.Key.Key_Return)
    assert "已填为 1.5 元" in page.message_bar.notice()  # another field's edit leaves it in place
    # an unfinished figure left by the focus is not kept in the box as if stored
    fee.setFocus()
    fee.selectAll()
    qtbot.keyClicks(fee, "1,2")
    notices.setFocus()
    QApplication.processEvents()
    assert fee.text() == "1.5" and wizard.document.draft.fees["collected_amount"] == Decimal("1.5")
    assert "“1,2”没有填入" in page.message_bar.notice() and "仍为 1.5 元" in page.message_bar.notice()
