"""Fixtures of the GUI tests (a pytest plugin: `pytest_plugins = ["gui_support"]`): isolated QSettings, the
styled app, a wizard on a copy of the sample.

Dialogs never block a test: `answers` answers the product's own dialogs for the clerk through their real
widgets, and stands in for the file dialogs only (the system's own on Windows), recording each question
asked. The user data folder (recovery files) is a fresh one per test.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from gui_helpers import Answers, ModalAnswerer, click_button, dialog_is, make_wizard, type_text
from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import QApplication, QDialog, QListWidget, QMessageBox

from gui.actions.backup import BackupDialogs
from gui.actions.rollover import RolloverDialogs
from gui.app import create_application
from gui.dialogs import FileDialogs
from gui.guided import TextQuestion
from gui.wizard import ReportWizard
from model.draft import Draft


@pytest.fixture(autouse=True)
def settings_dir(tmp_path: Path) -> Path:
    """Point QSettings at a fresh folder, so tests never read or write the user's settings."""
    folder = tmp_path / "settings"
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the user data folder (platformdirs, XDG_DATA_HOME) at a fresh folder: the recovery files of
    autosave never mix with the user's or another test's."""
    folder = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    return folder


@pytest.fixture(autouse=True)
def delete_closed_windows() -> Iterator[None]:
    """After the test (and after pytest-qt closed its widgets), delete the wizards and dialogs left closed.

    Python keeps closed windows alive through signal connections; with the application style sheet, every
    style sheet change and every deletion costs time in proportion to all widgets alive, so thousands of
    leftover widgets would make later tests slow.
    """
    yield
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    for widget in app.topLevelWidgets():
        if isinstance(widget, ReportWizard | QDialog) and not widget.isVisible():
            widget.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def app(qapp: QApplication) -> QApplication:
    """The pytest-qt application, named, styled and translated like the real one."""
    return create_application()


@pytest.fixture
def answers(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[Answers]:
    """Answer the wizard's questions for the clerk with the prepared `Answers`, recording each one asked.

    The product's own dialogs (保存修改, 仍要导出, 恢复未保存的工作, 说明, 修改上年结转) are the real ones, shown
    modally and answered through their buttons and text fields (`ModalAnswerer`). Only the file and folder
    questions are doubles (`FileDialogs.ask_*`, `BackupDialogs.ask_folder`, `RolloverDialogs.ask_last_year`
    return the prepared path): on Windows they are the system's own dialogs, which no test can drive; Qt's
    own file dialog, used elsewhere, is driven for real in tests/test_gui_dialogs.py.
    """
    a = Answers()

    def ask(kind: str) -> Any:
        def answer(cls: Any, parent: Any, *args: Any) -> tuple[Path | None, bool]:
            a.asked.append(kind)
            path = getattr(a, kind)
            return path, path is not None

        return classmethod(answer)

    monkeypatch.setattr(BackupDialogs, "ask_folder", ask("backup_folder"))
    monkeypatch.setattr(FileDialogs, "ask_open", ask("open_path"))
    monkeypatch.setattr(FileDialogs, "ask_save_draft", ask("save_path"))
    monkeypatch.setattr(FileDialogs, "ask_export", ask("export_path"))
    monkeypatch.setattr(RolloverDialogs, "ask_last_year", ask("last_year_path"))

    def save_changes(box: QMessageBox) -> None:
        name = re.search("「(.*)」有尚未保存的修改", box.text())
        a.asked.append(f"save_changes:{name[1] if name else box.text()}")
        click_button(box, {"save": "保存", "discard": "不保存", "cancel": "取消"}[a.save_changes])

    def export_anyway(box: QMessageBox) -> None:
        errors = re.search(r"还有 (\d+) 个错误未改正", box.text())
        a.asked.append(f"export_anyway:{errors[1] if errors else box.text()}")
        click_button(box, "仍要导出" if a.export_anyway else "返回改正")

    def recovery(dialog: QDialog) -> None:
        listing = dialog.findChild(QListWidget, "recoveryList")
        a.asked.append(f"recovery:{listing.count() if listing is not None else '?'}")
        click_button(dialog, {"restore": "恢复选中的草稿", "discard": "全部丢弃", "later": "以后再说"}[a.recovery])

    def write(dialog: TextQuestion, text: str | None) -> None:
        """Type `text` and press 确定 — or 取消 when `text` is None or 确定 cannot be pressed (nothing written)."""
        if text is not None:
            type_text(dialog.edit, text)
        click_button(dialog, "确定" if text is not None and dialog.ok_button.isEnabled() else "取消")

    def explanation(dialog: TextQuestion) -> None:
        rule = re.search(r"【[^·】]*·(\w+)】", dialog.prompt.text())
        a.asked.append(f"explanation:{rule[1] if rule else dialog.prompt.text()}")
        write(dialog, a.explanation)

    def reason(dialog: TextQuestion) -> None:
        # the prompt: the rule's sentence, the changes (one line per column), a blank line, the request
        description = dialog.prompt.text().split("\n\n")[0].split("\n", 1)[-1]
        a.asked.append(f"reason:{description}")
        write(dialog, a.reason)

    answerer = ModalAnswerer(
        [
            (dialog_is(QMessageBox, "保存修改"), save_changes),
            (dialog_is(QMessageBox, "导出 Word 文件"), export_anyway),
            (dialog_is(QDialog, "恢复未保存的工作"), recovery),
            (dialog_is(TextQuestion, "说明"), explanation),
            (dialog_is(TextQuestion, "修改上年结转"), reason),
        ]
    )
    yield a
    answerer.stop()
    try:
        answerer.check()
    finally:
        answerer.deleteLater()


@pytest.fixture
def wizard(qtbot: Any, app: QApplication, answers: Answers, sample_draft: Draft) -> ReportWizard:
    """A shown wizard on the built-in sample, not yet saved anywhere."""
    return make_wizard(qtbot, sample_draft)
