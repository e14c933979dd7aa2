"""The number fields outside the grids and what every number box shares: full-width digits made ASCII as
typed, refused keystrokes said with their reason (`NumberValidator`, `RefusedInput`), the notices naming the
cell (`refusal_message`, `not_stored_message`) and `NumberField` (section 六's fee fields).

Imported where a number box is first made (a table page, 五、六), not at the start: reading a figure
(`model.entry.cell_input`) costs some 16 M instructions to import, and the first page has no number box
(issue 11).
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent, QValidator
from PySide6.QtWidgets import QLineEdit, QWidget

from gui.document import DraftDocument, cell_label
from gui.widgets import route_undo_to_window
from model.entry import cell_input
from model.findings import Cell
from model.format import ValueKind


class NumberValidator(QValidator):
    """Validator of a number cell: full-width digits become ASCII as typed; refusals are announced.

    `refused(reason, text)` is emitted when a keystroke is refused (a letter, a minus sign, a decimal point
    in a count), so the page can say why instead of silently dropping it.
    """

    refused = Signal(str, str)

    def __init__(self, kind: ValueKind = "count", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.kind = kind

    def validate(self, text: str, pos: int) -> object:
        reading = cell_input.read(text, self.kind)
        new_pos = len(cell_input.normalise(text[:pos], self.kind))
        if reading.state is cell_input.InputState.INVALID:
            self.refused.emit(reading.reason, text)
            return (QValidator.State.Invalid, text, pos)
        state = (
            QValidator.State.Acceptable
            if reading.state is cell_input.InputState.ACCEPTABLE
            else QValidator.State.Intermediate
        )
        return (state, reading.text, new_pos)


def refusal_message(name: str, kind: ValueKind, unit: str, reason: str) -> str:
    """Return the message shown when a number cell refuses input: names the cell, the reason, what fits."""
    return f"「{name}」{reason}；这里只能填写{cell_input.expected(kind, unit)}"


def shown_figure(value: cell_input.Number | None, unit: str) -> str:
    """Return a stored figure as a message names it: 「25 件」「1.5 元」, 「空（未填写）」 when not entered."""
    shown = cell_input.show(value)
    return f"{shown} {unit}" if shown else "空（未填写）"


def inserted_text(before: str, after: str) -> str:
    """Return what `after` puts in place of part of `before`: the characters of one keystroke (or one input
    method commit, one paste), e.g. 「.」 for 「2」 → 「2.」."""
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end = 0
    while end < min(len(before), len(after)) - start and before[-1 - end] == after[-1 - end]:
        end += 1
    return after[start : len(after) - end]


class RefusedInput(QObject):
    """The characters a number box refused during one edit, and why (a `NumberValidator`'s refusals).

    What is left once a character is refused may be another figure than the clerk meant (「2.5」 typed,
    「25」 left): `message()` says so once the value is stored. `clear()` starts a new edit.
    """

    def __init__(self, field: QLineEdit, validator: NumberValidator) -> None:
        super().__init__(field)
        self.field = field
        self.parts: list[tuple[str, str]] = []  # (characters, reason), in the order typed
        self._accepted = field.text()  # (while a keystroke is validated, text() already holds it)
        field.textChanged.connect(self._on_text)
        validator.refused.connect(self._on_refused)

    def _on_text(self, text: str) -> None:
        self._accepted = text

    def _on_refused(self, reason: str, text: str) -> None:
        part = inserted_text(self._accepted, text) or text
        if part and (part, reason) not in self.parts:
            self.parts.append((part, reason))

    def clear(self) -> None:
        """Forget the refusals (the edit they belong to was committed or cancelled)."""
        self.parts.clear()

    def message(self, name: str, value: cell_input.Number | None, unit: str) -> str:
        """Return the notice after `value` was stored in the field named `name` although characters were
        refused: 「「name」输入的“.”没有填入（件数只能是整数，不能有小数），已填为 25 件，请核对」; '' if none was."""
        if not self.parts:
            return ""
        typed = "".join(dict.fromkeys(f"“{part}”" for part, _reason in self.parts))
        reasons = "；".join(dict.fromkeys(reason for _part, reason in self.parts))
        return f"「{name}」输入的{typed}没有填入（{reasons}），已填为 {shown_figure(value, unit)}，请核对"


def not_stored_message(name: str, kind: ValueKind, unit: str, text: str, reason: str, kept: object) -> str:
    """Return the notice when the text left in a number box as the clerk went elsewhere is not a figure:
    「「name」填写的“1,2”没有填入（千位分隔符的位置不对），仍为 0 件；这里只能填写…」."""
    value = kept if isinstance(kept, int | Decimal) else None
    expected = cell_input.expected(kind, unit)
    return f"「{name}」填写的“{text}”没有填入（{reason}），仍为 {shown_figure(value, unit)}；这里只能填写{expected}"


class NumberField(QLineEdit):
    """A line edit for one figure of the draft outside the grids (section 六's fee fields).

    The value is committed to the document when editing finishes (Enter, Tab, focus out); a refused
    keystroke emits `refused(message)` naming the field. A value stored after a refused keystroke, and an
    unfinished text left by the focus (「1,2」, not stored: the box shows the stored figure again), emit
    `checked(cell, message)`: a notice to keep until the field is edited again.
    """

    refused = Signal(str)
    checked = Signal(object, str)

    def __init__(
        self, document: DraftDocument, cell: Cell, kind: ValueKind, unit: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.cell = cell
        self.kind = kind
        self.unit = unit
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        validator = NumberValidator(kind, self)
        validator.refused.connect(lambda reason, _t: self.refused.emit(self._message(reason)))
        self.refusals = RefusedInput(self, validator)
        self.setValidator(validator)
        self.setPlaceholderText("未填写")
        route_undo_to_window(self)  # Ctrl+Z / Ctrl+Y undo the draft's edits, as in every other field
        self.editingFinished.connect(self.commit)
        document.cell_changed.connect(self._on_changed)
        document.reset.connect(self.load)
        self.load()

    def _message(self, reason: str) -> str:
        return refusal_message(cell_label(self.cell), self.kind, self.unit, reason)

    def load(self) -> None:
        """Show the draft's value."""
        self.setText(cell_input.show(self.document.value(self.cell)))
        self.refusals.clear()

    def commit(self) -> bool:
        """Store the text in the draft; return False (and emit `refused`) if it is not a valid figure."""
        try:
            value = cell_input.parse(self.text(), self.kind)
        except cell_input.NumberInputError as exc:
            self.refused.emit(self._message(str(exc)))
            return False
        self.document.set_value(self.cell, value)
        message = self.refusals.message(cell_label(self.cell), value, self.unit)
        self.refusals.clear()
        if message:
            self.checked.emit(self.cell, message)
        return True

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)  # an acceptable text is committed (editingFinished)
        reason = event.reason()
        if reason in (Qt.FocusReason.PopupFocusReason, Qt.FocusReason.ActiveWindowFocusReason):
            return  # a menu or another window: the clerk comes back to the box
        reading = cell_input.read(self.text(), self.kind)
        if reading.state is not cell_input.InputState.ACCEPTABLE:
            text, kept = self.text(), self.document.value(self.cell)
            self.load()  # never leave a figure in the box that the draft does not hold
            why = reading.reason or "不是有效的数字"
            self.checked.emit(
                self.cell, not_stored_message(cell_label(self.cell), self.kind, self.unit, text, why, kept)
            )
        self.refusals.clear()  # the edit is over (what was stored has been said)

    def _on_changed(self, cell: Cell) -> None:
        if cell != self.cell:
            return
        try:
            typed = cell_input.parse(self.text(), self.kind)
        except cell_input.NumberInputError:
            self.load()
            return
        if typed != self.document.value(self.cell):
            self.load()
