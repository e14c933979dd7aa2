"""Undo and redo (Ctrl+Z / Ctrl+Y) of every kind of edit, made through the real widgets on every page: one
stack for the whole report, each step named, the unsaved mark back when everything is undone."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from gui_helpers import ime_type, open_editor
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from gui.wizard import ReportWizard
from model.findings import Cell

pytest_plugins = ["gui_support"]

CTRL = Qt.KeyboardModifier.ControlModifier


def type_cell(qtbot, wizard: ReportWizard, page_key: str, cell: Cell, text: str) -> None:
    page = wizard.go_to_page(page_key)
    editor = open_editor(page.view, page.model.index_of(cell))  # type: ignore[attr-defined]
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def press(qtbot, wizard: ReportWizard, key: Qt.Key) -> None:
    """Press Ctrl+`key` where the focus is (as the clerk does), falling back to the window."""
    qtbot.keyClick(QApplication.focusWidget() or wizard, key, CTRL)


def snapshot(wizard: ReportWizard) -> str:
    return wizard.document.draft.to_json_text()


def test_undo_and_redo_every_kind_of_edit_with_the_keyboard(qtbot, wizard: ReportWizard) -> None:
    wizard.activateWindow()
    qtbot.waitActive(wizard)
    d = wizard.document
    states = [snapshot(wizard)]
    names = []

    def step(name: str) -> None:
        states.append(snapshot(wizard))
        names.append(name)
        assert d.undo_stack.count() == len(names), name

    basic = wizard.go_to_page("basic")
    basic.agency.setFocus()  # type: ignore[attr-defined]
    basic.agency.end(False)  # type: ignore[attr-defined]
    ime_type(basic.agency, "（代章）")  # type: ignore[attr-defined]
    step("agency text")
    basic.year.setValue(2025)  # type: ignore[attr-defined]
    step("year")
    basic.signing_date.setDate(QDate(2026, 1, 20))  # type: ignore[attr-defined]
    step("signing date")
    overview = wizard.go_to_page("overview")
    overview.headings[0].setFocus()  # type: ignore[attr-defined]
    overview.headings[0].end(False)  # type: ignore[attr-defined]
    ime_type(overview.headings[0], "方面")  # type: ignore[attr-defined]
    step("sub-point heading")
    type_cell(qtbot, wizard, "proactive", Cell("proactive", "admin_fees", "amount"), "0.25")
    step("amount in 万元")
    type_cell(qtbot, wizard, "applications", Cell("applications", "new_received", "natural_person"), "3")
    step("count in 三")
    page = wizard.go_to_page("applications")
    page.view.setCurrentIndex(page.model.index_of(Cell("applications", "new_received", "natural_person")))  # type: ignore[attr-defined]
    page.view.setFocus()  # type: ignore[attr-defined]
    QApplication.clipboard().setText("1\t1\n")
    qtbot.keyClick(page.view, Qt.Key.Key_V, CTRL)  # type: ignore[attr-defined]
    step("paste of two cells")
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)  # type: ignore[attr-defined]
    step("Delete empties a cell")
    type_cell(qtbot, wizard, "cases", Cell("cases", "litigation_direct", "pending"), "2")
    step("count in 四")
    text = wizard.go_to_page("text")
    text.problems.setFocus()  # type: ignore[attr-defined]
    text.problems.moveCursor(QTextCursor.MoveOperation.End)  # type: ignore[attr-defined]
    ime_type(text.problems, "另：")  # type: ignore[attr-defined]
    ime_type(text.problems, "加强培训。")  # type: ignore[attr-defined]
    step("text of 五 (two keystrokes, one step)")
    fee = text.fee_fields["notices"]  # type: ignore[attr-defined]
    fee.setFocus()
    fee.selectAll()
    ime_type(fee, "１")
    qtbot.keyClick(fee, Qt.Key.Key_Return)
    step("fee field")

    draft = d.draft
    assert draft.agency.endswith("（代章）") and draft.year == 2025 and draft.signing_date == date(2026, 1, 20)
    assert draft.proactive["admin_fees"]["amount"] == Decimal("0.25") and draft.fees["notices"] == 1
    assert draft.cases["litigation_direct"]["total"] == 2
    assert wizard.isWindowModified()

    # Ctrl+Z, wherever the focus is, walks back through the pages in reverse order
    for i in range(len(names), 0, -1):
        press(qtbot, wizard, Qt.Key.Key_Z)
        assert snapshot(wizard) == states[i - 1], f"undo of {names[i - 1]}"
    assert not wizard.isWindowModified() and not wizard.undo_action.isEnabled()
    assert basic.agency.text() == "米易县草场镇人民政府"  # type: ignore[attr-defined]
    assert text.problems.toPlainText() == draft.problems  # type: ignore[attr-defined]
    assert fee.text() == "0"
    # and Ctrl+Y forward again
    for i in range(1, len(names) + 1):
        press(qtbot, wizard, Qt.Key.Key_Y)
        assert snapshot(wizard) == states[i], f"redo of {names[i - 1]}"
    assert wizard.isWindowModified()


def test_undo_step_names_say_what_changed(qtbot, wizard: ReportWizard) -> None:
    wizard.document.set_value(Cell("applications", "disclosed", "research"), 2)
    assert wizard.undo_action.toolTip() == "撤销：修改 （一）予以公开 · 科研机构（Ctrl+Z）"
    page = wizard.go_to_page("applications")
    page.view.setCurrentIndex(page.model.index_of(Cell("applications", "carried_over", "natural_person")))  # type: ignore[attr-defined]
    assert page.view.paste_text("1\t2\t3")  # type: ignore[attr-defined]
    assert wizard.undo_action.toolTip() == "撤销：粘贴 3 格（Ctrl+Z）"
    wizard.undo_action.trigger()
    assert wizard.redo_action.toolTip() == "重做：粘贴 3 格（Ctrl+Y）"


def test_undo_while_typing_in_a_cell_keeps_the_draft_untouched(qtbot, wizard: ReportWizard) -> None:
    """Inside an open cell editor Ctrl+Z undoes the typing there (nothing is in the draft yet)."""
    page = wizard.go_to_page("applications")
    steps = wizard.document.undo_stack.count()
    editor = open_editor(page.view, page.model.index_of(Cell("applications", "disclosed", "commercial")))  # type: ignore[attr-defined]
    editor.selectAll()
    qtbot.keyClicks(editor, "45")
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert editor.text() in ("", "0", "4")
    assert wizard.document.undo_stack.count() == steps
    assert wizard.document.draft.applications["disclosed"]["commercial"] == 0


def test_a_date_typed_digit_by_digit_is_one_undo_step(qtbot, app, answers) -> None:
    from gui_helpers import make_wizard

    from model.draft import Draft

    wizard = make_wizard(qtbot, Draft(year=2025))
    with qtbot.waitActive(wizard):
        wizard.activateWindow()
    d = wizard.document
    field = wizard.go_to_page("basic").signing_date  # type: ignore[attr-defined]
    field.setFocus()
    assert field.value() is None  # 「未填写」: typing starts from today with the year selected
    for keys in ("2026", "1", Qt.Key.Key_Tab, "20", Qt.Key.Key_Tab):  # 年, 月, 日: the last Tab leaves
        qtbot.keyClicks(field, keys) if isinstance(keys, str) else qtbot.keyClick(field, keys)
    assert d.draft.signing_date == date(2026, 1, 20)
    assert d.undo_stack.count() == 1 and d.undo_stack.text(0) == "修改 成文日期"
    # a second visit that changes the day is a step of its own
    field.setFocus()
    field.setSelectedSection(field.Section.DaySection)
    qtbot.keyClicks(field, "25")
    qtbot.keyClick(field, Qt.Key.Key_Up)  # a step with the arrow key in the same visit
    wizard.pages["basic"].agency.setFocus()  # type: ignore[attr-defined]
    assert d.draft.signing_date == date(2026, 1, 26) and d.undo_stack.count() == 2
    press(qtbot, wizard, Qt.Key.Key_Z)
    assert d.draft.signing_date == date(2026, 1, 20) and field.value() == date(2026, 1, 20)
    press(qtbot, wizard, Qt.Key.Key_Z)
    assert d.draft.signing_date is None and field.value() is None and not d.modified
