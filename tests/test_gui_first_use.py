"""What a new user tripped over in the wizard (issue 14), each reproduced first: the rolled-over report closed
without a question, figures typed at once after a click lost, the close button labelled 取消, no visible
focus on 报告年度 and 成文日期, a .txt file called damaged, the recovery question's wording, the default year."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from gui_helpers import Answers, make_wizard
from guided_helpers import SAMPLE
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QWizard

from gui import style
from gui.actions.recovery import RecoveryDialog
from gui.app import new_draft
from gui.wizard import ReportWizard
from model.draft import Draft
from model.findings import Cell

pytest_plugins = ["gui_support"]


# -- 3. a report made by 从上年报告新建 is unsaved work ---------------------------------------------------------


def test_closing_after_a_rollover_asks_and_keeps_the_new_report(qtbot, wizard: ReportWizard, answers: Answers) -> None:
    wizard.document.undo_stack.setClean()  # the sample as opened: nothing to save
    answers.last_year_path = SAMPLE
    assert wizard.rollover.rollover_from(SAMPLE, confirmed=True)
    assert wizard.document.draft.year == 2025 and wizard.document.modified
    assert wizard.isWindowModified()  # the title bar's unsaved mark
    answers.save_changes = "cancel"
    wizard.close()
    assert answers.asked[-1].startswith("save_changes:") and wizard.isVisible()
    assert wizard.document.draft.year == 2025  # still there


def test_a_rolled_over_report_once_saved_closes_without_asking(
    qtbot, wizard: ReportWizard, answers: Answers, tmp_path: Path
) -> None:
    assert wizard.rollover.rollover_from(SAMPLE, confirmed=True)
    answers.save_path = tmp_path / "2025.json"
    assert wizard.save()
    assert not wizard.document.modified
    asked = list(answers.asked)
    wizard.close()
    assert answers.asked == asked and not wizard.isVisible()


# -- 4. a figure typed at once after a click, then Tab, is never lost ----------------------------------------


DIGIT_KEYS = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_5, Qt.Key.Key_6, Qt.Key.Key_7]


def _active(qtbot, wizard: ReportWizard) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitActive(wizard):
        wizard.activateWindow()


def _press(key: Qt.Key) -> None:
    """Press `key` as the keyboard does: to the active window, which hands it to its focus widget."""
    window = QApplication.activeWindow()
    assert window is not None and window.windowHandle() is not None
    QTest.keyClick(window.windowHandle(), key)


def _input_indexes(page):  # type: ignore[no-untyped-def]
    model = page.model
    return [
        model.index(r, c)
        for r in range(model.rowCount())
        for c in range(model.columnCount())
        if model.index(r, c).flags() & Qt.ItemFlag.ItemIsEditable
    ]


@pytest.mark.parametrize("key", ["proactive", "applications", "cases"])
def test_click_then_type_then_tab_back_to_back_keeps_every_figure(qtbot, app, answers: Answers, key: str) -> None:
    wizard = make_wizard(qtbot, Draft(agency="某某镇人民政府", year=2026))
    _active(qtbot, wizard)
    page = wizard.go_to_page(key)
    view = page.view  # type: ignore[attr-defined]
    indexes = _input_indexes(page)[:14]
    assert indexes
    for n, index in enumerate(indexes):
        figure = n % len(DIGIT_KEYS) + 1
        view.scrollTo(index)
        centre = view.visualRect(index).center()
        # the cell may already be the current one (Tab moved there): the case Qt delays editing for
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
        _press(DIGIT_KEYS[figure - 1])
        _press(Qt.Key.Key_Tab)
        cell = page.model.cell_at(index.row(), index.column())  # type: ignore[attr-defined]
        assert wizard.document.shown(cell) == figure, f"{cell} lost the {figure} typed after the click"


def test_a_second_click_on_the_current_cell_then_typing_replaces_its_figure(qtbot, app, answers: Answers) -> None:
    wizard = make_wizard(qtbot, Draft(agency="某某镇人民政府", year=2026))
    _active(qtbot, wizard)
    page = wizard.go_to_page("proactive")
    view = page.view  # type: ignore[attr-defined]
    index = _input_indexes(page)[1]
    centre = view.visualRect(index).center()
    for figure in (Qt.Key.Key_3, Qt.Key.Key_7):
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
        _press(figure)
        _press(Qt.Key.Key_Return)
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    cell = page.model.cell_at(index.row(), index.column())  # type: ignore[attr-defined]
    assert wizard.document.draft.proactive[cell.row][cell.column] == 7


# -- 7. the close button, focus frames, files that are not reports, the recovery question -------------------


def test_the_button_that_closes_the_wizard_says_关闭(qtbot, wizard: ReportWizard) -> None:
    button = wizard.button(QWizard.WizardButton.CancelButton)
    assert button.text() == "关闭" and button.isVisible()


def _ring_share(image, colour: QColor) -> float:  # type: ignore[no-untyped-def]
    """Return the share of the pixels in the 2-pixel ring at the image's edge that are close to `colour`."""
    ring = [
        (x, y)
        for x in range(image.width())
        for y in range(image.height())
        if min(x, y, image.width() - 1 - x, image.height() - 1 - y) < 2
    ]
    near = 0
    for x, y in ring:
        c = image.pixelColor(x, y)
        if abs(c.red() - colour.red()) + abs(c.green() - colour.green()) + abs(c.blue() - colour.blue()) < 90:
            near += 1
    return near / len(ring)


@pytest.mark.parametrize("field", ["year", "signing_date", "deadline"])
def test_tabbing_onto_year_and_date_fields_shows_a_frame(qtbot, wizard: ReportWizard, field: str) -> None:
    _active(qtbot, wizard)
    page = wizard.go_to_page("basic")
    widget = getattr(page, field)
    page.agency.setFocus(Qt.FocusReason.TabFocusReason)  # type: ignore[attr-defined]
    unfocused = _ring_share(widget.grab().toImage(), style.ACCENT)
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(widget.hasFocus)
    focused = _ring_share(widget.grab().toImage(), style.ACCENT)
    assert focused > 0.8 and unfocused < 0.2, (focused, unfocused)


def test_a_text_file_is_named_as_not_a_report(qtbot, wizard: ReportWizard, tmp_path: Path) -> None:
    note = tmp_path / "说明.txt"
    note.write_text("请各乡镇于1月20日前报送年报。\n联系人：张某\n", encoding="utf-8")
    before = wizard.document.draft.to_json_text()
    assert not wizard.open_path(note, confirmed=True)
    notice = wizard.current_page().message_bar.notice()
    # named as no report (issue 12 recognises files by content: 「不是能识别的文件（既不是草稿…）」), not as damaged
    assert "说明.txt" in notice and ("不是年报草稿" in notice or "既不是草稿" in notice) and "损坏" not in notice
    assert wizard.document.draft.to_json_text() == before


def test_the_recovery_question_reads_naturally(qtbot, app) -> None:
    dialog = RecoveryDialog.build(None, [])
    qtbot.addWidget(dialog)
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "上次年报填报助手" not in texts
    assert texts.startswith("年报填报助手上次未能正常退出")


# -- 6. the report year of a new report -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "year"),
    [
        (date(2026, 12, 2), 2026),  # December: this year's report is being prepared
        (date(2026, 10, 1), 2026),
        (date(2026, 9, 30), 2025),
        (date(2027, 1, 15), 2026),  # January: last year's report is being finished
    ],
)
def test_a_new_report_defaults_to_the_year_being_prepared(today: date, year: int) -> None:
    assert new_draft(today).year == year


# -- 1. empty sub-points of 一: a finding with 删除此标题 -------------------------------------------------------


def test_an_emptied_sub_point_is_named_and_its_heading_deleted_with_one_click(qtbot, wizard: ReportWizard) -> None:
    from PySide6.QtWidgets import QPushButton

    page = wizard.go_to_page("overview")
    for i in (2, 3, 4):
        wizard.document.set_value(Cell("text", f"overview.{i}"), "")
    bar = page.message_bar
    assert any("「（三）政府信息管理方面」下没有内容" in m for m in bar.messages())

    def fixes() -> list[QPushButton]:
        return [b for b in bar.findChildren(QPushButton) if b.text() == "改正" and b.isVisibleTo(page)]

    qtbot.waitUntil(lambda: len(fixes()) == 3)  # the bar's new lines are shown by the event loop
    assert fixes()[0].toolTip().startswith("删除此标题")
    qtbot.mouseClick(fixes()[0], Qt.MouseButton.LeftButton)
    points = wizard.document.draft.overview_points
    assert points[2].heading == "" and points[3].heading == "（四）政府信息公开平台建设方面"
    assert page.headings[2].text() == ""  # type: ignore[attr-defined]
    assert "已删除：（三）政府信息管理方面" in bar.notice()
    # what is left: two empty points, and （四） now follows （二）
    rules = [f.rule for f in wizard.document.findings()]
    assert rules.count("N5") == 2 and "H1" in rules
    wizard.document.undo_stack.undo()
    assert points[2].heading == "（三）政府信息管理方面"


def test_an_empty_opening_takes_the_standard_opening_with_one_click(qtbot, wizard: ReportWizard) -> None:
    from PySide6.QtWidgets import QPushButton

    page = wizard.go_to_page("overview")
    wizard.document.set_value(Cell("text", "preamble"), "")
    bar = page.message_bar

    def fixes() -> list[QPushButton]:
        return [
            b
            for b in bar.findChildren(QPushButton)
            if b.text() == "改正" and b.toolTip().startswith("采用标准开头语") and b.isVisibleTo(page)
        ]

    qtbot.waitUntil(lambda: len(fixes()) == 1)
    qtbot.mouseClick(fixes()[0], Qt.MouseButton.LeftButton)
    opening = wizard.document.draft.preamble
    assert opening.startswith("根据《中华人民共和国政府信息公开条例》规定，现公布米易县草场镇人民政府2024年")
    assert page.preamble.toPlainText() == opening  # type: ignore[attr-defined]
    assert "已改正：采用标准开头语" in bar.notice()
    assert not [f for f in wizard.document.findings() if f.rule in ("N6", "N7", "N8", "N9")]
