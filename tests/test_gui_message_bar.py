"""The inline message bar as a new clerk meets it: fields under it stay in place while findings come and go
with each keystroke, and a finding shows its message on every page holding one of its cells."""

from __future__ import annotations

from gui_helpers import ime_type
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget

from gui.widgets import MessageBar
from gui.wizard import ReportWizard
from model.findings import Cell

pytest_plugins = ["gui_support"]


def settle() -> None:
    """Let Qt do what its event loop would do between two keystrokes: lay out, delete replaced lines."""
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()


def top(widget: QWidget) -> int:
    return widget.mapTo(widget.window(), QPoint(0, 0)).y()


def test_fields_of_five_and_six_stay_put_while_a_finding_comes_and_goes_with_each_keystroke(
    qtbot, wizard: ReportWizard
) -> None:
    page = wizard.go_to_page("text")
    problems, other = page.problems, page.other_matters  # type: ignore[attr-defined]
    fee = page.fee_fields["notices"]  # type: ignore[attr-defined]
    settle()
    problems.setFocus()
    problems.selectAll()
    places, n1_shown = [(top(problems), top(fee), top(other))], [False]
    for key in (Qt.Key.Key_Delete, "x", Qt.Key.Key_Backspace, "x", "y", Qt.Key.Key_Backspace, Qt.Key.Key_Backspace):
        qtbot.keyClick(problems, key) if isinstance(key, Qt.Key) else qtbot.keyClicks(problems, key)
        settle()
        n1_shown.append(any("为空或只写了“无”" in m for m in page.message_bar.messages()))
        places.append((top(problems), top(fee), top(other)))
    assert n1_shown == [False, True, False, True, False, False, False, True]  # the finding came and went…
    assert len(set(places)) == 1, places  # …and nothing under the bar moved
    assert page.message_bar.isVisible()


def test_overview_text_stays_put_while_last_years_year_is_typed(qtbot, wizard: ReportWizard) -> None:
    page = wizard.go_to_page("overview")
    text = page.texts[1]  # type: ignore[attr-defined]
    settle()
    text.setFocus()
    text.moveCursor(text.textCursor().MoveOperation.End)
    places, hints = [top(text)], [len(page.message_bar.shown())]
    for digit in "2023年":
        if digit.isdigit():
            qtbot.keyClicks(text, digit)
        else:
            ime_type(text, digit)
        settle()
        places.append(top(text))
        hints.append(len(page.message_bar.shown()))
    assert hints[0] < hints[-1]  # 「2023年」 (T2, last year's year) appeared as it was typed
    assert len(set(places)) == 1, places


def test_steady_bar_says_when_there_is_nothing_and_fits_again_when_the_page_is_shown_again(
    qtbot, wizard: ReportWizard
) -> None:
    page = wizard.go_to_page("text")
    bar: MessageBar = page.message_bar
    settle()
    assert bar.steady and bar.isVisible()
    assert bar.messages() == [] and bar.findChildren(QWidget, "messageLine")
    quiet_height = bar.height()
    wizard.document.set_value(Cell("text", "problems"), "")  # N1 appears, then goes again
    settle()
    wizard.document.undo_stack.undo()
    settle()
    assert bar.messages() == [] and bar.height() >= quiet_height
    wizard.go_to_page("review")
    wizard.go_to_page("text")
    settle()
    assert bar.height() == quiet_height  # fits its one line again
    # bars under the fields (the tables) still come and go: live S1 on 三 is unchanged
    assert not wizard.pages["applications"].message_bar.steady
    assert wizard.pages["applications"].message_bar.isHidden()


def test_text_versus_table_finding_shows_its_message_on_the_tables_page(qtbot, wizard: ReportWizard) -> None:
    document = wizard.document
    issued = Cell("proactive", "normative_documents", "issued")
    document.set_value(issued, 12)  # 一 still says 「2024年制定规范性文件0条」
    page = wizard.go_to_page("proactive")
    settle()
    t3 = [f for f in page.message_bar.shown() if f.rule == "T3"]
    assert t3 and issued in t3[0].cells and t3[0].section == "overview"
    assert any("本年制发件数为 12 件" in m for m in page.message_bar.messages())
    assert page.message_bar.isVisible()
    assert page.model.severity_of(issued) is not None  # type: ignore[attr-defined]  # the cell, as before
    # the narrative page lists it too, and a page none of whose cells it names does not
    assert t3[0] in wizard.pages["overview"].page_findings()
    assert t3[0] not in wizard.pages["cases"].page_findings()
    document.undo_stack.undo()
    settle()
    assert not [f for f in page.message_bar.shown() if f.rule == "T3"]
