"""Keyboard-only use of the wizard: each page opens with the focus on its first field, Tab then follows the
official table, and pages turn with Alt+N / Alt+B (Qt's 下一步(&N) / 上一步(&B)) or Ctrl+PgDown / Ctrl+PgUp."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

if TYPE_CHECKING:
    from gui.wizard import ReportWizard

INPUTS = (QLineEdit, QAbstractSpinBox, QPlainTextEdit, QTextEdit, QAbstractItemView)


def tab_stops(page: QWidget) -> list[QWidget]:
    """Return the widgets of `page` that Tab visits, in the order Tab visits them."""
    out: list[QWidget] = []
    widget = page.nextInFocusChain()
    while widget is not page and widget not in out:
        if (
            page.isAncestorOf(widget)
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.isVisibleTo(page)
            and widget.isEnabled()
            and widget.focusProxy() is None
        ):
            out.append(widget)
        widget = widget.nextInFocusChain()
    return out


def first_field(page: QWidget) -> QWidget | None:
    """Return the first input field of `page` in Tab order (a text, number, date or table), else the first
    widget that takes the focus."""
    stops = tab_stops(page)
    for widget in stops:
        if isinstance(widget, INPUTS) and not (isinstance(widget, QLineEdit) and widget.isReadOnly()):
            return widget
    return stops[0] if stops else None


class KeyboardController(QObject):
    """Focus and page-turning keys of one wizard (see the module docstring)."""

    def __init__(self, wizard: ReportWizard) -> None:
        super().__init__(wizard)
        self.wizard = wizard
        self.next_action = self._action("下一页", "Ctrl+PgDown", wizard.next)
        self.back_action = self._action("上一页", "Ctrl+PgUp", wizard.back)
        wizard.currentIdChanged.connect(self.focus_first_field)

    def _action(self, text: str, keys: str, slot: object) -> QAction:
        action = QAction(text, self.wizard)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.wizard.addAction(action)
        return action

    def focus_first_field(self, *_args: object) -> None:
        """Give the focus to the first field of the page shown (Qt would give it to 下一步)."""
        page = self.wizard.currentPage()
        if page is None:
            return
        field = first_field(page)
        if field is not None:
            field.setFocus(Qt.FocusReason.TabFocusReason)
