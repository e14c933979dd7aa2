"""Page 四、政府信息公开行政复议、行政诉讼情况: the 15 cells under the official three-row header."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gui.document import DraftDocument
from gui.pages.grids import GridPage
from model import format as fmt

if TYPE_CHECKING:  # the grid's modules are imported when the page is first shown, not at start
    from gui.tables.models import GridModel


class CasesPage(GridPage):
    """四 (FORMAT.md §5): 行政复议, 未经复议直接起诉, 复议后起诉 × 结果维持 … 总计; the three 总计 computed (D3)."""

    sections = ("review_litigation",)
    tables = ("cases",)
    lead_key = "cases_lead"

    def __init__(self, document: DraftDocument) -> None:
        super().__init__(document, fmt.heading("review_litigation"))

    def make_model(self) -> GridModel:
        from gui.tables.models import CasesModel

        return CasesModel(self.document)

    def column_widths(self) -> list[int]:
        return [62] * 15

    def add_grid(self) -> None:
        super().add_grid()
        self.view.fitted.connect(self._fit_view)
        self._fit_view()
        self.outer.addStretch(1)

    def _fit_view(self) -> None:
        """Exactly the header and the one row of figures, at any text size."""
        header = self.view.horizontalHeader().sizeHint().height()
        frame = 2 * self.view.frameWidth() + 2
        columns = sum(self.view.columnWidth(c) for c in range(self.model.columnCount()))
        bar = self.view.horizontalScrollBar().sizeHint().height() if columns > self.view.viewport().width() else 0
        self.view.setFixedHeight(header + self.view.rowHeight(0) + frame + bar)  # the figures never hidden
        self.view.setMaximumWidth(self.view.natural_width() + frame)
