"""Fixtures of the GUI tests (a pytest plugin: `pytest_plugins = ["gui_support"]`): isolated QSettings, the
styled app, a wizard on a copy of the sample.

Dialogs never block a test: the wizard asks through the classmethods of `gui.dialogs` (and
`gui.actions.recovery.RecoveryDialog`), and these fixtures answer for the clerk (`answers`), recording each
question asked. The user data folder (recovery files) is a fresh one per test.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from gui_helpers import Answers, make_wizard
from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import QApplication, QDialog

from gui.actions.backup import BackupDialogs
from gui.actions.recovery import RecoveryDialog
from gui.actions.rollover import RolloverDialogs
from gui.app import create_application
from gui.dialogs import FileDialogs, SaveChangesDialog
from gui.guided import CarriedOverReasonDialog, ExplanationDialog, ExportConfirmDialog
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
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    """Replace the dialog classmethods by the clerk's prepared answers (no dialog is shown)."""
    a = Answers()

    def ask_changes(cls: Any, parent: Any, name: str) -> tuple[str, bool]:
        a.asked.append(f"save_changes:{name}")
        return a.save_changes, a.save_changes != "cancel"

    def ask(kind: str) -> Any:
        def answer(cls: Any, parent: Any, *args: Any) -> tuple[Path | None, bool]:
            a.asked.append(kind)
            path = getattr(a, kind)
            return path, path is not None

        return classmethod(answer)

    def ask_recovery(cls: Any, parent: Any, records: list[Any]) -> tuple[tuple[str, list[Any]], bool]:
        a.asked.append(f"recovery:{len(records)}")
        choice = a.recovery
        return (choice, list(records) if choice == "restore" else []), choice != "later"

    monkeypatch.setattr(SaveChangesDialog, "ask", classmethod(ask_changes))
    monkeypatch.setattr(RecoveryDialog, "ask", classmethod(ask_recovery))
    monkeypatch.setattr(BackupDialogs, "ask_folder", ask("backup_folder"))
    monkeypatch.setattr(FileDialogs, "ask_open", ask("open_path"))
    monkeypatch.setattr(FileDialogs, "ask_save_draft", ask("save_path"))
    monkeypatch.setattr(FileDialogs, "ask_export", ask("export_path"))
    monkeypatch.setattr(RolloverDialogs, "ask_last_year", ask("last_year_path"))

    def text_answer(kind: str) -> Any:
        def answer(cls: Any, parent: Any, about: Any, current: str = "") -> tuple[str, bool]:
            a.asked.append(f"{kind}:{getattr(about, 'rule', about)}")
            text = getattr(a, kind)
            return (text or "", text is not None)

        return classmethod(answer)

    def confirm_export(cls: Any, parent: Any, errors: int) -> tuple[bool, bool]:
        a.asked.append(f"export_anyway:{errors}")
        return a.export_anyway, a.export_anyway

    monkeypatch.setattr(CarriedOverReasonDialog, "ask", text_answer("reason"))
    monkeypatch.setattr(ExplanationDialog, "ask", text_answer("explanation"))
    monkeypatch.setattr(ExportConfirmDialog, "ask", classmethod(confirm_export))
    return a


@pytest.fixture
def wizard(qtbot: Any, app: QApplication, answers: Answers, sample_draft: Draft) -> ReportWizard:
    """A shown wizard on the built-in sample, not yet saved anywhere."""
    return make_wizard(qtbot, sample_draft)
