"""S1 follows the clerk's typing in a cell editor, before the value is committed (issue 2, issue 5)."""

from __future__ import annotations

from gui_helpers import ime_type, open_editor
from PySide6.QtCore import Qt

from gui.tables.models import SEVERITY_ROLE
from gui.wizard import ReportWizard
from model.findings import Cell, Severity

pytest_plugins = ["gui_support"]


def cell(row: str, column: str = "natural_person") -> Cell:
    return Cell("applications", row, column)


def s1_messages(page) -> list[str]:
    return [m for m in page.message_bar.messages() if "一+二" in m]


def test_s1_message_and_highlights_follow_keystrokes_before_commit(qtbot, wizard: ReportWizard) -> None:
    page = wizard.go_to_page("applications")
    model, document = page.model, wizard.document  # type: ignore[attr-defined]
    steps = document.undo_stack.count()
    editor = open_editor(page.view, model.index_of(cell("new_received")))  # type: ignore[attr-defined]
    editor.selectAll()
    qtbot.keyClicks(editor, "5")
    assert editor.text() == "5"  # redrawing the findings never resets what is being typed
    assert "自然人：一+二 = 5，（七）总计+四 = 0，相差 5" in s1_messages(page)
    assert model.data(model.index_of(cell("new_received")), SEVERITY_ROLE) is Severity.ERROR
    assert model.data(model.index_of(cell("new_received", "total"))) == "5"  # the total follows too
    qtbot.keyClicks(editor, "0")
    assert "自然人：一+二 = 50，（七）总计+四 = 0，相差 50" in s1_messages(page)
    # nothing is committed yet: the draft and the undo stack are as before
    assert document.draft.applications["new_received"]["natural_person"] == 0
    assert document.undo_stack.count() == steps and not document.modified
    # Escape drops the typed value: S1 is balanced again
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert s1_messages(page) == [] and page.message_bar.isHidden()
    assert model.data(model.index_of(cell("new_received", "total"))) == "0"
    assert model.data(model.index_of(cell("new_received")), SEVERITY_ROLE) is None


def test_s1_goes_while_typing_the_balancing_figure_and_commit_is_one_undo_step(qtbot, wizard: ReportWizard) -> None:
    page = wizard.go_to_page("applications")
    model, document = page.model, wizard.document  # type: ignore[attr-defined]
    document.set_value(cell("new_received", "research"), 3)
    assert s1_messages(page)
    steps = document.undo_stack.count()
    editor = open_editor(page.view, model.index_of(cell("carried_forward", "research")))  # type: ignore[attr-defined]
    editor.selectAll()
    ime_type(editor, "２")  # full-width, from a Chinese input method
    assert "科研机构：一+二 = 3，（七）总计+四 = 2，相差 1" in s1_messages(page)
    ime_type(editor, "")
    editor.setText("3")
    assert s1_messages(page) == []  # balanced while still typing
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert document.draft.applications["carried_forward"]["research"] == 3
    assert document.undo_stack.count() == steps + 1
    assert s1_messages(page) == []
    # unfinished input (a separator still being typed) keeps the last readable preview
    editor = open_editor(page.view, model.index_of(cell("new_received", "research")))  # type: ignore[attr-defined]
    editor.setText("1,2")
    assert s1_messages(page) == []
    editor.setText("1,200")
    assert "科研机构：一+二 = 1200，（七）总计+四 = 3，相差 1197" in s1_messages(page)
