"""What table 三 shows of a draft rolled over from last year's report (「从上年报告新建」, `gui.actions.rollover`):
二、上年结转 marked as carried in the grid, and the line under the grid with where it came from and the reason
for a change. Imported when the page of table 三 is first shown, with the grid models."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from gui import style
from gui.actions.rollover import (
    CARRIED_FOREGROUND,
    CARRIED_LABEL,
    CARRIED_ROW,
    carried_icon,
    carried_value,
    edit_reason,
    is_rolled_over,
)
from gui.document import REASON_CELL, DraftDocument
from gui.tables.models import ApplicationsModel
from model import format as fmt
from model.findings import Cell
from model.rollover import carried_over_changes

Index = QModelIndex | QPersistentModelIndex


class CarriedApplicationsModel(ApplicationsModel):
    """Table 三 whose 二、上年结转 cells show that they were carried from last year's report (when known):
    accent-coloured figures, the carried mark, and a tooltip 「由上年报告结转：2024年报告 四、… 为 1 件」."""

    def carried_tip(self, cell: Cell) -> str:
        """Return the tooltip line of a carried cell, '' for other cells or a draft not rolled over."""
        draft = self.document.draft
        if cell.row != CARRIED_ROW or not is_rolled_over(draft) or draft.previous is None:
            return ""
        carried = carried_value(draft, cell.column)
        if carried is None:
            return ""
        forward = fmt.APPLICATION_ROW_BY_KEY["carried_forward"].label
        tip = f"{CARRIED_LABEL}：{draft.previous.year}年报告「{forward}」为 {carried} 件"
        now = draft.application(CARRIED_ROW, cell.column)
        if now != carried:
            tip += f"；现为 {now} 件"
            if draft.carried_over_reason.strip():
                tip += f"（原因：{draft.carried_over_reason.strip()}）"
        return tip

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        cell = self.cell_of(index.row(), index.column()) if index.isValid() else None
        if cell is None or cell.row != CARRIED_ROW or not is_rolled_over(self.document.draft):
            return super().data(index, role)
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = self.carried_tip(cell)
            base = super().data(index, role)
            return f"{tip}\n{base}" if tip and base else tip or base
        if role == Qt.ItemDataRole.DecorationRole:
            shown = super().data(index, role)
            return shown if shown is not None else carried_icon()
        if role == Qt.ItemDataRole.ForegroundRole and not self.is_computed(cell):
            return QBrush(CARRIED_FOREGROUND)
        return super().data(index, role)


class CarriedNote(QWidget):
    """The line under table 三 of a rolled-over draft: where 二、上年结转 came from, the reason written for a
    change, and 「填写原因…」 / 「修改原因…」."""

    def __init__(self, document: DraftDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.icon = QLabel()
        self.icon.setPixmap(carried_icon().pixmap(16, 16))
        lay.addWidget(self.icon)
        self.label = QLabel()
        self.label.setWordWrap(True)
        style.set_role(self.label, "pageLead")
        lay.addWidget(self.label, 1)
        self.button = QPushButton("填写原因…")
        self.button.setAutoDefault(False)
        self.button.clicked.connect(lambda: edit_reason(self, self.document))
        lay.addWidget(self.button)
        document.cell_changed.connect(self._on_cell_changed)
        document.reset.connect(self.update_note)
        self.update_note()

    def _on_cell_changed(self, cell: Cell) -> None:
        if cell == REASON_CELL or (cell.table == "applications" and cell.row == CARRIED_ROW):
            self.update_note()

    def update_note(self) -> None:
        """Show where 二、上年结转 came from and the reason of a change; hidden for a draft not rolled over."""
        draft = self.document.draft
        if not is_rolled_over(draft) or draft.previous is None:
            self.hide()
            return
        row = fmt.APPLICATION_ROW_BY_KEY[CARRIED_ROW].label
        forward = fmt.APPLICATION_ROW_BY_KEY["carried_forward"].label
        text = f"「{row}」{CARRIED_LABEL}（{draft.previous.year}年报告「{forward}」），修改时需写明原因。"
        reason = draft.carried_over_reason.strip()
        changed = bool(carried_over_changes(draft))
        if reason:
            text += f"修改原因：{reason}"
        elif changed:
            text += "已修改，尚未写明原因。"
        self.label.setText(text)
        self.button.setText("修改原因…" if reason else "填写原因…")
        self.button.setVisible(changed or bool(reason))
        self.show()
