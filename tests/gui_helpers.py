"""Helpers of the GUI tests: the clerk's dialog answers, a shown wizard, typing as an input method does, and
answering real modal dialogs through their widgets (`ModalAnswerer`, `answer_next_modal`)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QFileDialog,
    QLineEdit,
    QProgressDialog,
    QWidget,
)

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


# ---------------------------------------------------------------------------------------------------------
# Answering real modal dialogs


class ModalAnswerer(QObject):
    """Answers the real modal dialogs the code under test opens, through their widgets, as the clerk would.

    A timer looks every 20 ms for `QApplication.activeModalWidget()` (also inside the dialog's own `exec()`
    loop, which is where it runs while a dialog waits). A shown dialog goes to the first `(match, answer)`
    rule whose `match(dialog)` is true; `answer(dialog)` clicks its buttons or types into its fields. A
    dialog is answered once (nested dialogs, such as Qt's 「替换文件？」 under a file dialog, are answered in
    turn). With `once`, the answerer stops after its first answer. A busy indicator (`QProgressDialog`) is
    left alone unless a rule takes it. Any other dialog no rule takes is rejected after
    `unknown_after` seconds and recorded in `errors`, so a test fails instead of hanging; an exception
    raised by an answer is recorded the same way and its dialog rejected.
    """

    def __init__(
        self,
        rules: list[tuple[Callable[[QWidget], bool], Callable[[Any], None]]],
        *,
        once: bool = False,
        unknown_after: float = 10.0,
    ) -> None:
        super().__init__(QApplication.instance())
        self.rules = rules
        self.once = once
        self.unknown_after = unknown_after
        self.answered: list[str] = []  # the window titles of the dialogs answered, in order
        self.errors: list[str] = []
        self._unknown_since: dict[int, float] = {}
        self.timer = QTimer(self)
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def stop(self) -> None:
        """Stop watching (dialogs opened afterwards are left to whoever opens them)."""
        self.timer.stop()

    def _tick(self) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or not dialog.isVisible() or dialog.property("answered_by_test"):
            return
        if isinstance(dialog, QProgressDialog) and not any(match(dialog) for match, _answer in self.rules):
            return  # a busy indicator (reading a Word file) closes by itself: no question to answer
        for match, answer in self.rules:
            if match(dialog):
                dialog.setProperty("answered_by_test", True)
                self.answered.append(dialog.windowTitle())
                if self.once:
                    self.stop()
                # answered from a fresh timer event: Qt never re-enters a timer's own slot, so a dialog that the
                # answer opens in turn (and runs with exec()) would otherwise never be seen
                QTimer.singleShot(0, self, partial(self._answer, dialog, answer))
                return
        first_seen = self._unknown_since.setdefault(id(dialog), time.monotonic())
        if time.monotonic() - first_seen > self.unknown_after:
            dialog.setProperty("answered_by_test", True)
            self.errors.append(f"unexpected dialog 「{dialog.windowTitle()}」 ({type(dialog).__name__})")
            if isinstance(dialog, QDialog):
                dialog.reject()

    def _answer(self, dialog: QWidget, answer: Callable[[Any], None]) -> None:
        try:
            answer(dialog)
        except Exception as exc:  # the test fails on it; the dialog must not block the run
            self.errors.append(f"「{dialog.windowTitle()}」: {type(exc).__name__}: {exc}")
            if dialog.isVisible() and isinstance(dialog, QDialog):
                dialog.reject()

    def check(self) -> None:
        """Raise `AssertionError` if an answer failed or an unexpected dialog came."""
        assert not self.errors, self.errors


def dialog_is(kind: type, title: str | None = None) -> Callable[[QWidget], bool]:
    """Return a rule's match: a dialog of class `kind` (and window title `title`, when given)."""
    return lambda d: isinstance(d, kind) and (title is None or d.windowTitle() == title)


@contextmanager
def answer_next_modal(
    kind: type, answer: Callable[[Any], None], title: str | None = None, timeout: float = 10.0
) -> Iterator[ModalAnswerer]:
    """Answer the next modal dialog of class `kind` (titled `title`) opened inside the block, by `answer`.

    On leaving the block the dialog must have been answered (waiting up to `timeout` seconds for one that
    opens without blocking, e.g. with `open()`), and the answer must not have failed.
    """
    answerer = ModalAnswerer([(dialog_is(kind, title), answer)], once=True)
    try:
        yield answerer
        deadline = time.monotonic() + timeout
        while not answerer.answered and not answerer.errors and time.monotonic() < deadline:
            QApplication.processEvents()
            time.sleep(0.01)
        answerer.check()
        assert answerer.answered, f"no {kind.__name__} dialog was shown"
    finally:
        answerer.stop()
        answerer.deleteLater()


def click_button(dialog: QWidget, text: str) -> None:
    """Click the button labelled `text` in `dialog` (as the clerk does with the mouse); it must be enabled."""
    buttons = [b for b in dialog.findChildren(QAbstractButton) if b.text().replace("&", "") == text]
    assert len(buttons) == 1, f"「{text}」 in 「{dialog.windowTitle()}」: {[b.text() for b in buttons]}"
    assert buttons[0].isEnabled(), f"「{text}」 is disabled in 「{dialog.windowTitle()}」"
    buttons[0].click()


def type_text(edit: QWidget, text: str) -> None:
    """Replace the text of `edit` (a line or text field) as the clerk does: select all, then type `text`
    (committed by the input method: Chinese arrives this way), or press Delete for ''."""
    edit.setFocus()
    QTest.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    if text:
        ime_type(edit, text)
    else:
        QTest.keyClick(edit, Qt.Key.Key_Delete)


def choose_in_file_dialog(dialog: QFileDialog, name: str | Path) -> None:
    """Answer Qt's own file dialog: type `name` (a file name or a full path) in its 「文件名」 field and
    press Enter, as the clerk does."""
    edit = dialog.findChild(QLineEdit, "fileNameEdit")
    assert edit is not None, "Qt's own file dialog (not the system's) has a 「文件名」 field"
    type_text(edit, str(name))
    QTest.keyClick(edit, Qt.Key.Key_Return)
