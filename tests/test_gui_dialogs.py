"""Every dialog of the wizard opened for real (offscreen, modal, through `run_modal`) and answered through its
widgets as the clerk would: Qt's own file dialog gets a file name typed into 「文件名」 and Enter, question
boxes a button click or Escape, the recovery list a box unticked.

No test double: these tests do not use the `answers` fixture. Any dialog a test does not expect is
rejected after 10 s and fails the test (`no_stray_dialogs`) instead of hanging the run.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from gui_helpers import (
    ModalAnswerer,
    answer_next_modal,
    choose_in_file_dialog,
    click_button,
    dialog_is,
    make_wizard,
    type_text,
)
from guided_helpers import r05_with_texts, rolled_over_wizard
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QListWidget, QMessageBox

from gui import app as gui_app
from gui.app import build_wizard, parse_arguments
from gui.errors import ErrorPresenter
from gui.guided import TextQuestion
from gui.wizard import ReportWizard
from model.draft import Draft
from model.findings import Cell
from model.storage.drafts import load_draft, save_draft
from model.storage.recovery import recovery_path, write_recovery

pytest_plugins = ["gui_support"]

DISCLOSED = Cell("applications", "disclosed", "natural_person")


@pytest.fixture(autouse=True)
def no_stray_dialogs(qapp: QApplication) -> Iterator[None]:
    """Fail (rather than hang) when a dialog opens that the test does not answer."""
    watcher = ModalAnswerer([])
    yield
    watcher.stop()
    try:
        watcher.check()
    finally:
        watcher.deleteLater()


@pytest.fixture
def untitled(qtbot, app: QApplication, sample_draft: Draft) -> ReportWizard:
    """A wizard on the built-in sample, never saved."""
    return make_wizard(qtbot, sample_draft)


def is_docx(path: Path) -> bool:
    with zipfile.ZipFile(path) as zf:
        return "word/document.xml" in zf.namelist()


# ---------------------------------------------------------------------------------------------------------
# The file dialogs (Qt's own dialog everywhere but Windows)


def test_open_asks_with_a_file_dialog_and_opens_the_typed_file(qtbot, app, tmp_path: Path, sample_draft) -> None:
    path = tmp_path / "草场镇2024.json"
    save_draft(sample_draft, path)
    wizard = make_wizard(qtbot, Draft())
    with answer_next_modal(QFileDialog, lambda d: choose_in_file_dialog(d, path), title="打开草稿或报告"):
        assert wizard.open_dialog()
    assert wizard.document.path == path and wizard.document.draft.agency == "米易县草场镇人民政府"


def test_save_as_adds_json_to_a_typed_name_and_asks_before_replacing(
    qtbot, untitled: ReportWizard, tmp_path: Path
) -> None:
    typed = tmp_path / "草场镇2024"  # no suffix typed
    with answer_next_modal(QFileDialog, lambda d: choose_in_file_dialog(d, typed), title="保存草稿"):
        assert untitled.save_as()
    saved = tmp_path / "草场镇2024.json"
    assert untitled.document.path == saved and load_draft(saved).agency == "米易县草场镇人民政府"

    untitled.document.set_value(Cell("basic", "agency"), "米易县丙谷镇人民政府")
    seen: list[str] = []

    def replace(box: QMessageBox) -> None:  # Qt's own 「…已存在。要替换它吗？」 under the file dialog
        seen.append(box.text())
        box.button(QMessageBox.StandardButton.Yes).click()

    answerer = ModalAnswerer(
        [
            (dialog_is(QFileDialog, "保存草稿"), lambda d: choose_in_file_dialog(d, saved)),
            (dialog_is(QMessageBox), replace),
        ]
    )
    try:
        assert untitled.save_as()
    finally:
        answerer.stop()
    answerer.check()
    assert answerer.answered == ["保存草稿", "保存草稿"]  # the file dialog, then its question
    assert "草场镇2024.json 已存在" in seen[0] and "替换" in seen[0]  # asked in Chinese
    assert load_draft(saved).agency == "米易县丙谷镇人民政府"


def test_export_adds_docx_to_a_typed_name_and_writes_the_word_file(
    qtbot, untitled: ReportWizard, tmp_path: Path
) -> None:
    typed = tmp_path / "草场镇年报"
    with answer_next_modal(QFileDialog, lambda d: choose_in_file_dialog(d, typed), title="导出 Word 文件"):
        assert untitled.export()
    assert is_docx(tmp_path / "草场镇年报.docx")
    assert untitled.document.last_export == tmp_path / "草场镇年报.docx"


def test_cancelling_the_file_dialog_saves_nothing(qtbot, untitled: ReportWizard, tmp_path: Path) -> None:
    with answer_next_modal(QFileDialog, lambda d: click_button(d, "取消"), title="保存草稿"):
        assert not untitled.save_as()
    assert untitled.document.path is None and list(tmp_path.glob("*.json")) == []


def test_backup_asks_for_a_folder_and_copies_the_draft_there(qtbot, untitled: ReportWizard, tmp_path: Path) -> None:
    stick = tmp_path / "U盘"
    stick.mkdir()
    untitled.document.set_value(DISCLOSED, 9)
    with answer_next_modal(QFileDialog, lambda d: choose_in_file_dialog(d, stick), title="备份到哪个文件夹（如 U 盘）"):
        assert untitled.backup.run()
    [copy] = stick.iterdir()
    assert copy.suffix == ".json" and load_draft(copy).applications["disclosed"]["natural_person"] == 9


def test_new_report_from_last_year_asks_for_the_file_and_rolls_it_over(qtbot, app, tmp_path: Path) -> None:
    last = tmp_path / "宿迁2024.json"
    save_draft(r05_with_texts(), last)
    wizard = make_wizard(qtbot, Draft())
    with answer_next_modal(
        QFileDialog, lambda d: choose_in_file_dialog(d, last), title="从上年报告新建：选择上年的年报"
    ):
        assert wizard.rollover.start()
    new = wizard.document.draft
    assert new.year == 2025 and new.previous is not None and new.previous.year == 2024
    assert new.applications["carried_over"]["natural_person"] == 118  # r05: 结转下年度 自然人 118


# ---------------------------------------------------------------------------------------------------------
# The questions


def test_closing_with_unsaved_work_save_asks_where_then_closes(qtbot, untitled: ReportWizard, tmp_path: Path) -> None:
    untitled.document.set_value(DISCLOSED, 4)
    target = tmp_path / "关闭前保存.json"
    answerer = ModalAnswerer(
        [
            (dialog_is(QMessageBox, "保存修改"), lambda box: click_button(box, "保存")),
            (dialog_is(QFileDialog, "保存草稿"), lambda d: choose_in_file_dialog(d, target)),
        ]
    )
    try:
        untitled.close()
    finally:
        answerer.stop()
    answerer.check()
    assert answerer.answered == ["保存修改", "保存草稿"]
    assert not untitled.isVisible()
    assert load_draft(target).applications["disclosed"]["natural_person"] == 4


def test_save_question_escape_is_cancel(qtbot, untitled: ReportWizard) -> None:
    untitled.document.set_value(DISCLOSED, 4)
    with answer_next_modal(QMessageBox, lambda box: QTest.keyClick(box, Qt.Key.Key_Escape), title="保存修改"):
        untitled.close()
    assert untitled.isVisible() and untitled.document.modified


def test_export_with_errors_escape_goes_back_to_fixing(qtbot, untitled: ReportWizard, tmp_path: Path) -> None:
    untitled.document.set_value(Cell("applications", "new_received", "natural_person"), 2)  # S1: 错误
    with answer_next_modal(
        QMessageBox, lambda box: QTest.keyClick(box, Qt.Key.Key_Escape), title="导出 Word 文件"
    ) as asked:
        assert not untitled.export()
    assert asked.answered == ["导出 Word 文件"]  # no file dialog followed
    assert list(tmp_path.glob("*.docx")) == []


def test_explanation_typed_in_the_dialog_is_stored(qtbot, untitled: ReportWizard) -> None:
    untitled.document.set_value(Cell("basic", "signing_date"), date(2025, 3, 1))  # B2: 需说明
    page = untitled.go_to_page("basic")
    b2 = next(f for f in untitled.document.findings() if f.rule == "B2")

    def explain(dialog: TextQuestion) -> None:
        assert b2.message in dialog.prompt.text()
        assert not dialog.ok_button.isEnabled()  # nothing written yet
        type_text(dialog.edit, "县政务公开办通知延期公开")
        click_button(dialog, "确定")

    with answer_next_modal(TextQuestion, explain, title="说明"):
        qtbot.mouseClick(page.message_bar.buttons(b2)["说明…"], Qt.MouseButton.LeftButton)
    assert untitled.document.draft.explanations == {b2.key: "县政务公开办通知延期公开"}


def test_changing_carried_over_asks_why_and_cancel_keeps_last_years_figure(qtbot, app) -> None:
    wizard = rolled_over_wizard(qtbot)
    cell = Cell("applications", "carried_over", "natural_person")

    def cancel(dialog: TextQuestion) -> None:
        assert "自然人：2024年报告为 118 件，现为 116 件" in dialog.prompt.text()
        type_text(dialog.edit, "先不写")
        QTest.keyClick(dialog, Qt.Key.Key_Escape)

    with answer_next_modal(TextQuestion, cancel, title="修改上年结转"):
        assert not wizard.document.set_value(cell, 116)  # asked once the edit is refused
    assert wizard.document.value(cell) == 118 and wizard.document.draft.carried_over_reason == ""

    def explain(dialog: TextQuestion) -> None:
        type_text(dialog.edit, "上年报告多计 2 件，已核实更正")
        click_button(dialog, "确定")

    with answer_next_modal(TextQuestion, explain, title="修改上年结转"):
        wizard.document.set_value(cell, 116)  # held back until the reason is written, then made with it
    assert wizard.document.value(cell) == 116
    assert wizard.document.draft.carried_over_reason == "上年报告多计 2 件，已核实更正"


def test_recovery_restores_only_the_drafts_left_ticked(qtbot, app, data_dir: Path, sample_draft) -> None:
    folder = data_dir / "nianbao" / "recovery"
    when = datetime(2026, 1, 29, 15, 30)
    first = recovery_path(folder, "20260129-153000-999981", 1)
    write_recovery(first, sample_draft, None, "内置示例", now=when)
    other = Draft.from_json(sample_draft.to_json())
    other.agency = "米易县丙谷镇人民政府"
    second = recovery_path(folder, "20260129-153500-999982", 1)
    write_recovery(second, other, None, "丙谷镇", now=when)
    windows_before = len(gui_app.WINDOWS)

    def restore_second_only(dialog) -> None:
        listing = dialog.findChild(QListWidget, "recoveryList")
        assert listing.count() == 2
        row = next(i for i in range(2) if "米易县草场镇人民政府" in listing.item(i).text())
        listing.item(row).setCheckState(Qt.CheckState.Unchecked)  # the clerk unticks 草场镇
        click_button(dialog, "恢复选中的草稿")

    with answer_next_modal(QDialog, restore_second_only, title="恢复未保存的工作"):
        wizard = build_wizard(parse_arguments([]))
    qtbot.addWidget(wizard, before_close_func=lambda w: w.document.undo_stack.setClean())
    assert wizard.document.draft.agency == "米易县丙谷镇人民政府" and wizard.document.modified
    assert len(gui_app.WINDOWS) == windows_before + 1  # no second window: 草场镇 was not restored
    assert not first.exists() and not second.exists()  # both offered once; the unticked one is dropped


# ---------------------------------------------------------------------------------------------------------
# The error dialog (not modal to the application: the work stays reachable)


def test_unexpected_error_dialog_is_closed_with_its_button(qtbot, untitled: ReportWizard, tmp_path: Path) -> None:
    presenter = ErrorPresenter(None)
    try:
        raise RuntimeError("意外")
    except RuntimeError as exc:
        presenter(type(exc), exc, exc.__traceback__)
    box = presenter.dialog
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.windowTitle() == "年报填报助手 · 程序出错" and "RuntimeError：意外" in box.informativeText()
    click_button(box, "确定")
    assert not box.isVisible() and untitled.isVisible()
