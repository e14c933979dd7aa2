"""Page 三、收到和处理政府信息公开申请情况: the 28-row table with live rule S1 under the grid."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gui.document import DraftDocument
from gui.pages.grids import GridPage
from model import format as fmt

if TYPE_CHECKING:  # the grid's modules are imported when the page is first shown, not at start
    from gui.tables.models import GridModel


class ApplicationsPage(GridPage):
    """三 (FORMAT.md §4): 25 data rows × 7 applicant columns under the official 3-row header.

    The 总计 column and the （七）总计 row are computed (D1, D2). Rule S1 (一 + 二 = （七）总计 + 四, per
    column) is shown under the grid as the clerk types, with the cells involved highlighted. In a draft
    rolled over from last year's, 二、上年结转 is marked 「由上年报告结转」 (`gui.actions.rollover`).
    """

    sections = ("applications",)
    tables = ("applications",)
    lead_key = "applications_lead"
    stretch_column = 2  # the item labels take the width left over

    def __init__(self, document: DraftDocument) -> None:
        super().__init__(document, fmt.heading("applications"))

    def make_model(self) -> GridModel:
        from gui.pages.carried import CarriedApplicationsModel

        return CarriedApplicationsModel(self.document)

    def add_grid(self) -> None:
        from gui.pages.carried import CarriedNote

        super().add_grid()
        self.carried_note = CarriedNote(self.document)
        self.outer.insertWidget(self.outer.indexOf(self.view) + 1, self.carried_note)

    def column_widths(self) -> list[int]:
        return [80, 120, 260] + [76] * 6 + [70]
