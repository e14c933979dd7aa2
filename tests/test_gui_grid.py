"""Typing into the grids: S1 appears and goes live, cells highlighted, full-width digits, refusals, Tab/Enter."""

from __future__ import annotations

from gui_helpers import open_editor
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication, QImage, QInputMethodEvent, QPaintEvent
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from gui.pages.applications import ApplicationsPage
from gui.tables.models import SEVERITY_ROLE
from gui.wizard import ReportWizard
from model.findings import Cell, Severity

pytest_plugins = ["gui_support"]

S1_ROWS = ("new_received", "carried_over", "total_handled", "carried_forward")


def cell(row: str, column: str = "natural_person") -> Cell:
    return Cell("applications", row, column)


def applications(wizard: ReportWizard) -> ApplicationsPage:
    page = wizard.go_to_page("applications")
    assert isinstance(page, ApplicationsPage)
    return page


def type_into(qtbot, page: ApplicationsPage, target: Cell, text: str) -> None:
    """Type `text` into the cell as the clerk does: start on the cell, type, press Enter."""
    editor = open_editor(page.view, page.model.index_of(target))
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def test_s1_message_appears_under_the_grid_and_goes(qtbot, wizard: ReportWizard) -> None:
    page = applications(wizard)
    assert page.message_bar.isHidden()
    type_into(qtbot, page, cell("new_received"), "5")
    assert page.message_bar.isVisible()
    assert "自然人：一+二 = 5，（七）总计+四 = 0，相差 5" in page.message_bar.messages()
    assert "总计：一+二 = 5，（七）总计+四 = 0，相差 5" in page.message_bar.messages()
    assert page.message_bar.worst() is Severity.ERROR
    # the bar sits under the grid
    assert page.message_bar.geometry().top() > page.view.geometry().bottom()

    type_into(qtbot, page, cell("disclosed"), "3")
    assert "自然人：一+二 = 5，（七）总计+四 = 3，相差 2" in page.message_bar.messages()

    # 「定位」 on the message selects the first cell the finding names
    page.view.setCurrentIndex(page.model.index_of(cell("other_other", "research")))
    links = [label for label in page.message_bar.findChildren(QLabel) if "定位" in label.text()]
    links[0].linkActivated.emit("#")
    assert page.view.currentIndex() == page.model.index_of(cell("new_received"))

    type_into(qtbot, page, cell("carried_forward"), "2")
    assert not [m for m in page.message_bar.messages() if "一+二" in m]
    # what is left is the narrative's 「未收到…申请」 against the 5 now in 一 (T4): its cell is in this table
    assert [f.rule for f in page.message_bar.shown()] == ["T4"]
    for row in ("new_received", "disclosed", "carried_forward"):
        type_into(qtbot, page, cell(row), "0")
    assert page.message_bar.isHidden()


def test_cells_of_the_failing_column_are_highlighted_while_typing(qtbot, wizard: ReportWizard) -> None:
    page = applications(wizard)
    model = page.model
    type_into(qtbot, page, cell("carried_over", "research"), "2")
    for row in S1_ROWS:
        assert model.data(model.index_of(cell(row, "research")), SEVERITY_ROLE) is Severity.ERROR
        assert model.data(model.index_of(cell(row, "total")), SEVERITY_ROLE) is Severity.ERROR
    assert model.data(model.index_of(cell("carried_over", "commercial")), SEVERITY_ROLE) is None
    # the highlight is drawn: the pixel colour inside the cell is the error tint
    rect = page.view.visualRect(model.index_of(cell("carried_over", "research")))
    image = page.view.viewport().grab(rect).toImage()
    assert (
        image.pixelColor(image.width() // 2, image.height() - 4).red()
        > image.pixelColor(image.width() // 2, image.height() - 4).blue()
    )
    type_into(qtbot, page, cell("carried_forward", "research"), "2")
    assert model.data(model.index_of(cell("carried_over", "research")), SEVERITY_ROLE) is None


def test_full_width_digits_from_a_chinese_ime_are_stored_as_numbers(qtbot, wizard: ReportWizard) -> None:
    page = applications(wizard)
    editor = open_editor(page.view, page.model.index_of(cell("disclosed")))
    editor.selectAll()
    event = QInputMethodEvent("", [])
    event.setCommitString("１２")
    QApplication.sendEvent(editor, event)
    assert editor.text() == "12"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert wizard.document.draft.applications["disclosed"]["natural_person"] == 12
    assert wizard.document.draft.applications["total_handled"]["natural_person"] == 12


def test_a_letter_is_refused_with_a_message_naming_the_cell(qtbot, wizard: ReportWizard) -> None:
    page = applications(wizard)
    editor = open_editor(page.view, page.model.index_of(cell("new_received", "commercial")))
    editor.selectAll()
    qtbot.keyClicks(editor, "7a")
    assert editor.text() == "7"
    notice = page.message_bar.notice()
    assert "「一、本年新收政府信息公开申请数量 · 商业企业」" in notice
    assert "不能输入“a”" in notice and "不小于 0 的整数" in notice
    assert page.message_bar.isVisible()
    qtbot.keyClicks(editor, "-")
    assert editor.text() == "7" and "不能为负数" in page.message_bar.notice()
    qtbot.keyClicks(editor, ".")
    assert editor.text() == "7" and "不能有小数" in page.message_bar.notice()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert wizard.document.draft.applications["new_received"]["commercial"] == 7
    # what was refused is said again with the figure stored (tests/test_gui_refused_input.py)
    assert page.message_bar.notice().endswith(
        "没有填入（只能填写数字，不能输入“a”；不能为负数；件数只能是整数，不能有小数），已填为 7 件，请核对"
    )


def test_computed_cells_cannot_be_edited(qtbot, wizard: ReportWizard) -> None:
    page = applications(wizard)
    for target in (cell("total_handled"), cell("new_received", "total")):
        index = page.model.index_of(target)
        page.view.setCurrentIndex(index)
        page.view.edit(index)
        assert page.view.state() != page.view.State.EditingState
    type_into(qtbot, page, cell("withheld_state_secret", "legal_services"), "4")
    type_into(qtbot, page, cell("not_processed_repeated", "legal_services"), "1")
    draft = wizard.document.draft
    assert draft.applications["total_handled"]["legal_services"] == 5
    assert draft.applications["total_handled"]["total"] == 5
    assert draft.applications["withheld_state_secret"]["total"] == 4
    shown = page.model.data(page.model.index_of(cell("total_handled", "legal_services")))
    assert shown == "5"


def test_tab_and_enter_follow_the_official_order(qtbot, wizard: ReportWizard) -> None:
    page = applications(wizard)
    view, model = page.view, page.model
    editor = open_editor(view, model.index_of(cell("new_received", "other_org")))
    qtbot.keyClicks(editor, "1")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)  # skips the computed 总计 column
    assert view.currentIndex() == model.index_of(cell("carried_over", "natural_person"))
    editor = open_editor(view, model.index_of(cell("other_other", "other_org")))
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # skips the computed （七）总计 row
    assert view.currentIndex() == model.index_of(cell("carried_forward", "natural_person"))
    assert wizard.document.draft.applications["new_received"]["other_org"] == 1
    # without an editor open, Enter moves on too, Shift+Tab goes back
    view.setCurrentIndex(model.index_of(cell("disclosed", "research")))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert view.currentIndex() == model.index_of(cell("disclosed", "public_interest"))
    qtbot.keyClick(view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert view.currentIndex() == model.index_of(cell("disclosed", "research"))
    # typing on a cell starts editing it
    qtbot.keyClicks(view, "8")
    qtbot.keyClick(QApplication.focusWidget() or view, Qt.Key.Key_Return)
    assert wizard.document.draft.applications["disclosed"]["research"] == 8
    # Delete empties a cell: back to 「not entered」
    view.setCurrentIndex(model.index_of(cell("disclosed", "research")))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert wizard.document.draft.applications["disclosed"]["research"] is None


def test_proactive_amount_typed_in_wan_yuan(qtbot, wizard: ReportWizard) -> None:
    page = wizard.go_to_page("proactive")
    index = page.model.index_of(Cell("proactive", "admin_fees", "amount"))  # type: ignore[attr-defined]
    editor = open_editor(page.view, index)  # type: ignore[attr-defined]
    editor.selectAll()
    qtbot.keyClicks(editor, "1.2345")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    from decimal import Decimal

    assert wizard.document.draft.proactive["admin_fees"]["amount"] == Decimal("1.2345")


def test_cases_totals_computed_as_typed(qtbot, wizard: ReportWizard) -> None:
    page = wizard.go_to_page("cases")
    model = page.model  # type: ignore[attr-defined]
    editor = open_editor(page.view, model.index_of(Cell("cases", "review", "upheld")))  # type: ignore[attr-defined]
    qtbot.keyClicks(editor, "2")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    editor = open_editor(page.view, model.index_of(Cell("cases", "review", "pending")))  # type: ignore[attr-defined]
    qtbot.keyClicks(editor, "1")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert model.data(model.index_of(Cell("cases", "review", "total"))) == "3"
    next_cell = model.index_of(Cell("cases", "litigation_direct", "upheld"))
    assert page.view.currentIndex() == next_cell  # type: ignore[attr-defined]


class _Painted(QObject):
    """Notes the area (px²) of each region Qt repaints in `widget`."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.widget = widget
        self.areas: list[int] = []
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget and event.type() == QEvent.Type.Paint:
            assert isinstance(event, QPaintEvent)
            self.areas.append(sum(r.width() * r.height() for r in event.region()))
        return False


def _on_screen(wizard: ReportWizard) -> QImage:
    """The window as Qt last drew it (its backing store), not a fresh paint of it."""
    QApplication.processEvents()
    return QGuiApplication.primaryScreen().grabWindow(wizard.winId()).toImage()


def test_the_cells_stay_put_when_the_message_bar_under_the_grid_comes_and_goes(qtbot, wizard: ReportWizard) -> None:
    """S1 coming and going as the clerk types makes the bar under table 三 grow and shrink, and the grid with
    it: only what comes into view is painted (the cells are not drawn again each time), and what the screen
    shows is what a full repaint shows (the grid's frame follows its new height)."""
    page = applications(wizard)
    viewport = page.view.viewport()
    for _ in range(2):  # the window and the grid take the focus: each drawn anew once, in their focused look
        type_into(qtbot, page, cell("new_received"), "0")
        QApplication.processEvents()
    painted = _Painted(viewport)
    for text in ("5", "0", "7", "0"):  # the bar shows S1 for 5 and 7, nothing for 0
        editor = open_editor(page.view, page.model.index_of(cell("new_received")))
        editor.selectAll()
        QApplication.processEvents()
        before = viewport.height()
        painted.areas.clear()
        qtbot.keyClicks(editor, text)  # S1 comes or goes with the keystroke, the editor still open
        QApplication.processEvents()
        assert viewport.height() != before, "the grid's height follows the message bar"
        # the cell typed in, the totals and the marks of S1, and what came into view: never the whole grid
        assert max(painted.areas, default=0) < viewport.width() * viewport.height() / 2, painted.areas
        shown = _on_screen(wizard)
        wizard.repaint()
        assert _on_screen(wizard) == shown, "the screen differs from a full repaint"
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    # the frame shows where the focus is, the grid's or another field's
    for field in (page.lead, page.view):
        field.setFocus()
        shown = _on_screen(wizard)
        wizard.repaint()
        assert _on_screen(wizard) == shown, f"the focus frame is stale after focusing {type(field).__name__}"
