"""Helpers of the GUI tests: the clerk's dialog answers, a shown wizard, typing as an input method does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QLineEdit

from gui.document import DraftDocument
from gui.wizard import ReportWizard
from model.draft import Draft


class Answers:
    """What the clerk answers to each dialog, and the questions the wizard asked."""

    def __init__(self) -> None:
        self.save_changes = "discard"
        self.open_path: Path | None = None
        self.save_path: Path | None = None
        self.export_path: Path | None = None
        self.backup_folder: Path | None = None
        self.recovery = "later"  # 'restore' (all offered), 'discard' or 'later'
        self.export_anyway = True  # 「还有 N 个错误未改正，仍要导出吗？」: 仍要导出
        self.last_year_path: Path | None = None  # 「从上年报告新建」: the file chosen
        self.reason: str | None = None  # why 二、上年结转 changed; None: 取消
        self.explanation: str | None = None  # a 需说明 finding's explanation; None: 取消
        self.asked: list[str] = []


def make_wizard(qtbot: Any, draft: Draft, path: Path | None = None) -> ReportWizard:
    """Return a shown wizard over `draft`, closed (without questions) at the end of the test."""
    wizard = ReportWizard(DraftDocument(draft, path))
    qtbot.addWidget(wizard, before_close_func=lambda w: w.document.undo_stack.setClean())
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def open_editor(view: Any, index: Any) -> QLineEdit:
    """Start editing the grid cell at `index` and return its line edit."""
    view.setCurrentIndex(index)
    view.edit(index)
    editors = [e for e in view.viewport().findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1, "one editor open"
    return editors[0]


def ime_type(widget: Any, text: str) -> None:
    """Type `text` into `widget` as a Chinese input method does: one committed string.

    (QTest key clicks carry Latin-1 characters only; Chinese and full-width text arrive this way.)
    """
    from PySide6.QtGui import QInputMethodEvent

    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)
