"""Page 二、主动公开政府信息情况: the four blocks of 第二十条 as one table, laid out as printed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gui.document import DraftDocument
from gui.pages.grids import GridPage
from model import format as fmt

if TYPE_CHECKING:  # the grid's modules are imported when the page is first shown, not at start
    from gui.tables.models import GridModel


class ProactivePage(GridPage):
    """二 (FORMAT.md §3): 14 rows × 4 columns; counts in 件, 本年收费金额 in 万元 with decimals kept exact."""

    sections = ("proactive",)
    tables = ("proactive",)
    lead_key = "proactive_lead"
    legend_text = (
        "按 Tab 或回车键依次跳到下一格；可直接输入全角数字，也可带千位分隔符（如 1,200）。"
        "从 Excel、WPS 或网页复制的数字：单击第一个数字格，按 Ctrl+V 粘贴。"
    )
    short_legend_text = "Tab/回车：下一格；可带千位分隔符（1,200）；Ctrl+V：粘贴复制的数字"

    def __init__(self, document: DraftDocument) -> None:
        super().__init__(
            document,
            fmt.heading("proactive"),
            "件数填整数；本年收费金额以万元为单位，可填小数（如 0.35），按填写的数字原样保存。",
        )

    def make_model(self) -> GridModel:
        from gui.tables.models import ProactiveModel

        return ProactiveModel(self.document)

    def column_widths(self) -> list[int]:
        return [260, 170, 170, 170]

    def add_grid(self) -> None:
        super().add_grid()
        self.view.fitted.connect(self._fit_view)
        self._fit_view()
        self.outer.addStretch(0)  # the grid takes the height it needs first, the rest stays below

    def _fit_view(self) -> None:
        """As high and wide as the whole table, but free to shrink (and scroll) on a small screen."""
        frame = 2 * self.view.frameWidth() + 2
        rows = [self.view.rowHeight(r) for r in range(self.model.rowCount())]
        self.view.setMaximumHeight(sum(rows) + frame)
        self.view.setMinimumHeight(min(sum(rows[:4]) + frame, sum(rows) + frame))
        self.view.setMaximumWidth(self.view.natural_width() + frame)
