"""Keyboard-only use of the wizard: each page opens with the focus on its first field, Tab then follows the
official table, and pages turn with Alt+N / Alt+B (Qt's 下一步(&N) / 上一步(&B)) or Ctrl+PgDown / Ctrl+PgUp.
Larger text: Ctrl+= (or Ctrl++) and Ctrl+- step the text size between 100 % and 200 %, Ctrl+0 resets it;
the size is remembered for the next run (QSettings) and also offered as 「字号」 buttons in the side panel.

The keyboard always comes back to the wizard: after every dialog (`run_modal`) and after 「改正」「说明…」
「删除说明」 (`focus_kept`) the wizard is the active window again and the field that had the focus has it
again (else the page's first field), so Ctrl+= and Ctrl+Z work at once, without a click.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QWidget,
)

from gui import settings, style
from gui.host import WizardHost
from gui.qt_namespace import Qt

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog

# The kinds of widget a clerk types in: text, number and date fields, tables. Named, not imported: asking
# `QObject.inherits` does not make PySide build the item-view and rich-text classes before the first paint
# (about 9 M instructions at every start, issue 11).
INPUT_CLASSES = ("QLineEdit", "QAbstractSpinBox", "QPlainTextEdit", "QTextEdit", "QAbstractItemView")


def is_input(widget: QObject) -> bool:
    """Return True if `widget` is a field the clerk types in (`INPUT_CLASSES`, or a class derived from one)."""
    return any(widget.inherits(name) for name in INPUT_CLASSES)


# QWizard draws a page's title this many points larger than the window's text (its ClassicStyle, measured: 9 pt
# → 13, 13.5 → 18, 18 → 22); at a larger text size the title keeps the size it has at 100 % times the text size.
TITLE_EXTRA_POINTS = 4


def new_action(text: str, parent: QObject) -> QAction:
    """Return a new action called `text`. (Not `QAction(text, parent)`: to choose among its overloads PySide
    makes its QIcon class, some 12 M instructions, before the first page is painted — issue 11.)"""
    action = QAction(parent)
    action.setText(text)
    return action


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
        if is_input(widget) and not (isinstance(widget, QLineEdit) and widget.isReadOnly()):
            return widget
    return stops[0] if stops else None


class KeyboardController(QObject):
    """Focus and page-turning keys of one wizard (see the module docstring)."""

    def __init__(self, wizard: WizardHost) -> None:
        super().__init__(wizard)
        self.wizard = wizard
        self.next_action = self._action("下一页", ["Ctrl+PgDown"], wizard.next)
        self.back_action = self._action("上一页", ["Ctrl+PgUp"], wizard.back)
        self.larger_action = self._action("大", ["Ctrl+=", "Ctrl++", "Ctrl+Shift+="], lambda: self.step_text(True))
        self.smaller_action = self._action("小", ["Ctrl+-"], lambda: self.step_text(False))
        self.reset_action = self._action("默认字号", ["Ctrl+0"], lambda: self.set_text(100))
        self.larger_action.setToolTip("放大文字（Ctrl+=）")
        self.smaller_action.setToolTip("缩小文字（Ctrl+-）")
        self.reset_action.setToolTip("恢复默认字号（Ctrl+0）")
        self._side_row: QWidget | None = None
        self.add_side_row()
        app = QApplication.instance()
        self._field: QWidget | None = None  # the last field of this wizard that had the focus
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)
        wizard.currentIdChanged.connect(self.focus_first_field)

    def _action(self, text: str, keys: list[str], slot: object) -> QAction:
        action = new_action(text, self.wizard)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.triggered.connect(slot)
        self.wizard.addAction(action)
        return action

    def focus_first_field(self, *_args: object) -> None:
        """Give the focus to the first field of the page shown (Qt would give it to 下一步).

        Not before a window started with `paint_first` is completed (`ReportWizard.complete` calls this): the
        walk through the focus chain meets widgets Qt made (viewports), and the first of them handed to Python
        makes PySide load every widget class — some 30 ms that would come before the first page is painted."""
        page = self.wizard.currentPage()
        if page is None or not self.wizard.completed:
            return
        field = first_field(page)
        if field is not None:
            field.setFocus(Qt.FocusReason.TabFocusReason)

    # -- the keyboard comes back ------------------------------------------------------------------------

    def _on_focus_changed(self, _old: QWidget | None, now: QWidget | None) -> None:
        if now is not None and is_input(now) and self.wizard.isAncestorOf(now):
            self._field = now

    def field(self) -> QWidget | None:
        """Return the field (text, number, date, table) of the wizard that had the focus last, if it still
        exists."""
        field = self._field
        return field if field is not None and shiboken6.isValid(field) else None

    def return_focus(self, field: QWidget | None = None) -> None:
        """Make the wizard the active window again (a dialog closed) and give the focus to `field` (default:
        the field that had it last) — or, if that field is gone or hidden (another page, another draft), to
        the first field of the page shown. Nothing happens while another question is still open."""
        wizard = self.wizard
        if not shiboken6.isValid(wizard) or not wizard.isVisible():
            return
        modal = QApplication.activeModalWidget()
        if modal is not None and modal is not wizard:
            return
        if not wizard.isActiveWindow():
            wizard.activateWindow()
        target = field if field is not None and shiboken6.isValid(field) else self.field()
        if target is None or not target.isVisible() or not target.isEnabled() or not wizard.isAncestorOf(target):
            page = wizard.currentPage()
            target = first_field(page) if page is not None else None
        if target is not None and QApplication.focusWidget() is not target:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- larger text -----------------------------------------------------------------------------------

    def add_side_row(self) -> None:
        """Add the 「字号」 buttons at the foot of the wizard's side panel once it has one (`ReportWizard.complete`)."""
        side = getattr(self.wizard, "side", None)  # the panel inside the side scroll area
        layout = side.layout() if isinstance(side, QWidget) else None
        if layout is None or self._side_row is not None:
            return
        row = QWidget(side)
        lay = QHBoxLayout(row)
        lay.setContentsMargins(0, 4, 0, 0)
        lay.setSpacing(4)
        label = QLabel("字号", row)
        style.set_role(label, "pageLead")
        lay.addWidget(label)
        for action in (self.smaller_action, self.larger_action, self.reset_action):
            button = QToolButton(row)
            button.setObjectName("sideAction")
            button.setDefaultAction(action)
            lay.addWidget(button)
        lay.addStretch(1)
        layout.addWidget(row)
        self._side_row = row
        if isinstance(layout, QBoxLayout):
            layout.addStretch(1)  # any height left goes below, not between the headings
        self.update_actions()

    def step_text(self, larger: bool) -> int:
        """Make the text one step larger (or smaller); return the text size in %."""
        return self.set_text(style.step_text_scale(style.text_scale(), larger))

    def set_text(self, percent: int) -> int:
        """Show all text at `percent` % (100–200) in every window and remember it; return the size applied."""
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return style.text_scale()
        applied = style.set_text_scale(app, percent)
        settings.save_text_scale(applied)
        for widget in app.topLevelWidgets():
            controller = widget.findChild(KeyboardController)
            if controller is not None:
                controller.fit_titles()
                controller.update_actions()
        return applied

    def fit_titles(self) -> None:
        """Scale the page title QWizard draws (its font is set once, larger and bold, not from the text size): as
        large as QWizard makes it for the text at 100 % (`TITLE_EXTRA_POINTS` more), times the text size."""
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return
        points = (style.base_points(app) + TITLE_EXTRA_POINTS) * style.text_scale() / 100
        for label in self.wizard.findChildren(QLabel):
            font = label.font()
            inside = any(page.isAncestorOf(label) for page in self.wizard.pages.values())
            if inside or not font.bold() or not font.resolveMask() or label.objectName():
                continue
            font.setPointSizeF(points)
            label.setFont(font)

    def update_actions(self) -> None:
        """Enable 「大」「小」「默认字号」 only where they change something."""
        scale = style.text_scale()
        self.larger_action.setEnabled(scale < style.TEXT_SCALES[-1])
        self.smaller_action.setEnabled(scale > style.TEXT_SCALES[0])
        self.reset_action.setEnabled(scale != 100)
        self.larger_action.setStatusTip(f"文字 {scale}%")


def controller_of(widget: QWidget | None) -> KeyboardController | None:
    """Return the `KeyboardController` of the wizard holding `widget`, None outside a wizard."""
    window = widget.window() if widget is not None else None
    controller = getattr(window, "keyboard", None)
    return controller if isinstance(controller, KeyboardController) else None


@contextmanager
def focus_kept(widget: QWidget) -> Iterator[None]:
    """Run the block (a button's action: 「改正」「说明…」「删除说明」, which rebuild the message bar and may
    delete the button pressed) and give the focus back to the field that had it before (see the module)."""
    controller = controller_of(widget)
    field = controller.field() if controller is not None else None
    try:
        yield
    finally:
        if controller is not None:
            controller.return_focus(field)


def run_modal(dialog: QDialog) -> int:
    """Run `dialog` (`exec()`) and return its result; afterwards the wizard it was asked from is the active
    window again with the focus where it was (every question of the wizard runs through here)."""
    controller = controller_of(dialog.parentWidget())
    field = controller.field() if controller is not None else None
    try:
        return dialog.exec()
    finally:
        if controller is not None:
            controller.return_focus(field)
