"""The keyboard stays with the wizard: Escape never closes the program, and after every dialog and after
「改正」「说明…」「删除说明」 the wizard is the active window with the focus where it was, so Ctrl+= and
Ctrl+Z work at once (real dialogs, answered by a timer as the clerk would)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from gui_helpers import Answers, answer_next_modal, click_button, ime_type, make_wizard, open_editor, type_text
from guided_helpers import finding_of, rolled_over_wizard
from PySide6.QtCore import QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from gui import style
from gui.guided import TextQuestion
from gui.wizard import ReportWizard
from model.findings import Cell

pytest_plugins = ["gui_support"]

CTRL = Qt.KeyboardModifier.ControlModifier
DISCLOSED = Cell("applications", "disclosed", "natural_person")
IN_FORCE = Cell("proactive", "normative_documents", "in_force")


@pytest.fixture
def normal_text(app: QApplication) -> Iterator[None]:
    """Text at 100 % again after the test (the text size is application-wide)."""
    yield
    style.set_text_scale(app, 100)


def settle() -> None:
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()


def active(qtbot: Any, wizard: ReportWizard) -> ReportWizard:
    with qtbot.waitActive(wizard):
        wizard.activateWindow()
    return wizard


def press_in_window(wizard: ReportWizard, key: Qt.Key, modifiers: Qt.KeyboardModifier = CTRL) -> None:
    """Press a key as the keyboard does: to the active window, which hands it to its focus widget (or a
    shortcut) — not to a widget chosen by the test."""
    window = QApplication.activeWindow()
    assert window is not None, "no active window: the key would go nowhere"
    handle = window.windowHandle()
    assert handle is not None
    QTest.keyClick(handle, key, modifiers)


# ---------------------------------------------------------------------------------------------------------
# Escape


def test_escape_on_a_selected_cell_or_in_a_field_never_closes_the_wizard(
    qtbot, wizard: ReportWizard, answers: Answers
) -> None:
    active(qtbot, wizard)
    wizard.document.set_value(DISCLOSED, 4)  # unsaved work: closing would ask
    page = wizard.go_to_page("applications")
    page.view.focus_cell(DISCLOSED)  # type: ignore[attr-defined]
    press_in_window(wizard, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)
    assert wizard.isVisible() and answers.asked == []
    page.lead.setFocus()  # type: ignore[attr-defined]
    press_in_window(wizard, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)
    basic = wizard.go_to_page("basic")
    basic.agency.setFocus()  # type: ignore[attr-defined]
    press_in_window(wizard, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)
    assert wizard.isVisible() and answers.asked == []
    assert wizard.document.draft.applications["disclosed"]["natural_person"] == 4


def test_escape_in_a_cell_editor_cancels_the_edit_only(qtbot, wizard: ReportWizard, answers: Answers) -> None:
    active(qtbot, wizard)
    page = wizard.go_to_page("applications")
    view = page.view  # type: ignore[attr-defined]
    editor = open_editor(view, page.model.index_of(DISCLOSED))  # type: ignore[attr-defined]
    editor.selectAll()
    qtbot.keyClicks(editor, "7")
    press_in_window(wizard, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)
    assert view.state() != view.State.EditingState
    assert wizard.document.draft.applications["disclosed"]["natural_person"] == 0
    assert wizard.isVisible() and answers.asked == [] and QApplication.focusWidget() is view
    # a second Escape on the cell does nothing either; the close button still asks as before
    press_in_window(wizard, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)
    assert wizard.isVisible()
    wizard.document.set_value(DISCLOSED, 1)
    answers.save_changes = "cancel"
    wizard.close()
    assert wizard.isVisible() and len(answers.asked) == 1 and answers.asked[0].startswith("save_changes:")


# ---------------------------------------------------------------------------------------------------------
# Focus after dialogs and after the message bar's buttons


def test_focus_returns_to_the_cell_after_the_explanation_dialog_and_shortcuts_work(
    qtbot, app: QApplication, normal_text
) -> None:
    wizard = active(qtbot, rolled_over_wizard(qtbot))
    wizard.document.set_value(IN_FORCE, 400)  # X2 (需说明)
    page = wizard.go_to_page("proactive")
    view = page.view  # type: ignore[attr-defined]
    view.focus_cell(IN_FORCE)
    x2 = finding_of(wizard, "X2")
    with answer_next_modal(TextQuestion, lambda d: (type_text(d.edit, "有文件到期自动失效"), click_button(d, "确定"))):
        qtbot.mouseClick(page.message_bar.buttons(x2)["说明…"], Qt.MouseButton.LeftButton)
    settle()
    assert finding_of(wizard, "X2").explained
    assert QApplication.activeWindow() is wizard and QApplication.focusWidget() is view
    assert view.currentIndex() == page.model.index_of(IN_FORCE)  # type: ignore[attr-defined]
    press_in_window(wizard, Qt.Key.Key_Equal)  # Ctrl+=: larger text at once, no click needed
    assert style.text_scale() == 115
    press_in_window(wizard, Qt.Key.Key_Z)  # Ctrl+Z: the explanation undone
    assert not finding_of(wizard, "X2").explained


def test_focus_returns_to_the_cell_after_fix_pressed_from_the_keyboard(qtbot, wizard: ReportWizard) -> None:
    active(qtbot, wizard)
    page = wizard.go_to_page("applications")
    view = page.view  # type: ignore[attr-defined]
    wizard.document.set_value(Cell("applications", "new_received", "natural_person"), 2)
    view.focus_cell(DISCLOSED)
    fix = page.message_bar.buttons(finding_of(wizard, "S1", "自然人"))["改正"]
    fix.setFocus(Qt.FocusReason.TabFocusReason)  # Tab to 改正, then Space: the button goes with its line
    qtbot.keyClick(fix, Qt.Key.Key_Space)
    settle()
    assert not [f for f in wizard.document.findings() if f.rule == "S1"]
    assert QApplication.focusWidget() is view and view.currentIndex() == page.model.index_of(DISCLOSED)  # type: ignore[attr-defined]
    press_in_window(wizard, Qt.Key.Key_Z)  # Ctrl+Z takes the fix back
    assert finding_of(wizard, "S1", "自然人").fix is not None


def test_focus_returns_to_the_cell_after_remove_explanation_pressed_from_the_keyboard(qtbot, answers: Answers) -> None:
    wizard = active(qtbot, rolled_over_wizard(qtbot))
    wizard.document.set_value(IN_FORCE, 400)
    page = wizard.go_to_page("proactive")
    answers.explanation = "有文件到期自动失效"
    page.explain(finding_of(wizard, "X2"))
    settle()
    page.view.focus_cell(IN_FORCE)  # type: ignore[attr-defined]
    remove = page.message_bar.buttons(finding_of(wizard, "X2"))["删除说明"]
    remove.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(remove, Qt.Key.Key_Space)
    settle()
    assert not finding_of(wizard, "X2").explained
    assert QApplication.focusWidget() is page.view  # type: ignore[attr-defined]


def test_focus_returns_after_the_save_question_is_cancelled(qtbot, app: QApplication, sample_draft) -> None:
    wizard = active(qtbot, make_wizard(qtbot, sample_draft))
    page = wizard.go_to_page("overview")
    text = page.texts[0]  # type: ignore[attr-defined]
    text.setFocus()
    ime_type(text, "补")
    with answer_next_modal(QMessageBox, lambda box: click_button(box, "取消")):
        wizard.close()  # 保存 / 不保存 / 取消: 取消
    settle()
    assert wizard.isVisible()
    assert QApplication.activeWindow() is wizard and QApplication.focusWidget() is text


def test_focus_returns_after_a_file_dialog_is_cancelled(qtbot, app: QApplication, sample_draft) -> None:
    wizard = active(qtbot, make_wizard(qtbot, sample_draft))
    page = wizard.go_to_page("applications")
    view: QWidget = page.view  # type: ignore[attr-defined]
    view.setFocus()
    with answer_next_modal(QFileDialog, lambda dialog: click_button(dialog, "取消")):
        assert not wizard.open_dialog()
    settle()
    assert QApplication.activeWindow() is wizard and QApplication.focusWidget() is view
