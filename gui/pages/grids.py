"""What the three table pages share: an optional lead text, the grid, the message bar, refusals shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QLabel

from gui import style
from gui.pages.base import ReportPage
from gui.widgets import text_area
from model.findings import Cell

if TYPE_CHECKING:  # imported when a table page is first shown, not at start
    from gui.tables.models import GridModel


class GridPage(ReportPage):
    """A page holding one official table: lead text (optional), the grid, then the message bar under it."""

    lead_key = ""
    lead_label = "表前说明（可选）"

    def make_model(self) -> GridModel:
        """Return the table model of this page's grid."""
        raise NotImplementedError

    def column_widths(self) -> list[int]:
        """Return the width in pixels of each grid column."""
        raise NotImplementedError

    stretch_column: int | None = None

    def build(self) -> None:
        from gui.tables.grid import GridView

        self.model = self.make_model()
        self.view = GridView(self.model)
        self.model.input_refused.connect(self._refused)
        self.model.input_checked.connect(self.show_cell_notice)
        self.model.notice.connect(self.show_notice)
        hint = self.lead_label + "：一两句话，印在表格之前"
        self.lead = text_area(self.document, Cell("text", self.lead_key), hint, lines=2)
        self.add_grid()

    def add_grid(self) -> None:
        """Lay the page out: lead, grid, message bar, legend (subclasses may reorder)."""
        self.outer.addWidget(self.lead)
        self.outer.addWidget(self.view, 1)
        self.outer.addWidget(self.message_bar)
        self.outer.addWidget(self.legend())
        self.view.set_column_widths(self.column_widths(), self.stretch_column)
        style.keep_fitted(self.message_bar, lambda: self.message_bar.set_max_lines(self.findings_listed()))

    def findings_listed(self) -> int:
        """Return how many findings the message bar under the grid lists at the current text size: 4, from
        150 % 2, from 175 % 1 — the rest counted (「另有 N 条」), their cells still marked — so the rows stay."""
        scale = style.text_scale()
        return 4 if scale < self.SHORT_LEGEND_FROM else 2 if scale < 175 else 1

    legend_text = (
        "灰底的“总计”由程序自动计算，不能修改。按 Tab 或回车键依次跳到下一格；可直接输入全角数字。"
        "从 Excel、WPS 或网页复制的一行或一块数字：单击第一个数字格，按 Ctrl+V 粘贴。"
    )
    short_legend_text = "灰底“总计”自动计算；Tab/回车：下一格；Ctrl+V：粘贴复制的数字"
    SHORT_LEGEND_FROM = 150  # text size (%) from which the legend is the short one: rows of the grid matter more

    def legend(self) -> QLabel:
        """Return the line under the grid saying how to fill it in; short at large text (the whole text in its
        tooltip), so that the grid keeps its rows."""
        label = QLabel(self.legend_text)
        style.set_role(label, "readonlyNote")
        label.setWordWrap(True)
        self.legend_label = label

        def fit() -> None:
            short = style.text_scale() >= self.SHORT_LEGEND_FROM
            label.setText(self.short_legend_text if short else self.legend_text)
            label.setToolTip(self.legend_text if short else "")

        style.keep_fitted(label, fit)
        return label

    def _refused(self, _index: QModelIndex, message: str) -> None:
        self.show_notice(message)

    def load(self) -> None:
        self.view.fit_rows()

    def focus_cell(self, cell: Cell) -> bool:
        if cell.table == "text" and cell.row == self.lead_key:
            self.lead.setFocus()
            return True
        return self.view.focus_cell(cell)
