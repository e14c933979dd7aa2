"""Page 一、总体情况: the opening paragraph, an optional lead and the sub-points with editable headings."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from gui import style
from gui.document import DraftDocument
from gui.pages.base import ReportPage, scroll_wrap
from gui.widgets import section_label, text_area, text_line
from model import format as fmt
from model.findings import Cell


class OverviewPage(ReportPage):
    """一、总体情况 (FORMAT.md §2): 开篇说明, optional lead, （一）主动公开 … （五）监督保障 as heading + text."""

    sections = ("overview",)
    tables = ("text",)

    def __init__(self, document: DraftDocument) -> None:
        self.headings: list[QLineEdit] = []
        self.texts: list[QPlainTextEdit] = []
        super().__init__(
            document,
            fmt.heading("overview"),
            "开篇说明写在标题之后、“一、总体情况”之前；各点的小标题可以修改（如「（一）主动公开方面」）。",
        )

    def build(self) -> None:
        d = self.document
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 8, 0)
        self.body_layout.addWidget(section_label("开篇说明"))
        self.preamble = text_area(
            d, Cell("text", "preamble"), "例如：根据《中华人民共和国政府信息公开条例》规定，……数据统计期限为……", lines=4
        )
        self.body_layout.addWidget(self.preamble)
        self.body_layout.addWidget(section_label(f"{fmt.heading('overview')} 导语（可选）"))
        self.lead = text_area(d, Cell("text", "overview_lead"), "可不填", lines=2)
        self.body_layout.addWidget(self.lead)
        self.points_box = QWidget()
        self.points_layout = QVBoxLayout(self.points_box)
        self.points_layout.setContentsMargins(0, 0, 0, 0)
        self.body_layout.addWidget(self.points_box)
        self.body_layout.addStretch(1)
        self._build_points()
        self.outer.addWidget(self.message_bar)
        self.outer.addWidget(scroll_wrap(self.body), 1)

    def _build_points(self) -> None:
        while self.points_layout.count():
            item = self.points_layout.takeAt(0)
            old = item.widget()
            if old is not None:  # hide at once: deleteLater waits for the event loop
                old.hide()
                old.deleteLater()
        self.headings, self.texts = [], []
        d = self.document
        for i in range(len(d.draft.overview_points)):
            heading = text_line(d, Cell("text", f"overview_heading.{i}"), "小标题")
            heading.setStyleSheet("font-weight: bold;")
            text = text_area(d, Cell("text", f"overview.{i}"), "本点内容，可写多段", lines=5)
            self.headings.append(heading)
            self.texts.append(text)
            self.points_layout.addWidget(heading)
            self.points_layout.addWidget(text)
        hint = QLabel("提示：人民政府（含乡镇）的「监督保障」还应写明工作考核、社会评议和责任追究结果情况。")
        style.set_role(hint, "pageLead")
        hint.setWordWrap(True)
        self.points_layout.addWidget(hint)

    def load(self) -> None:
        if len(self.headings) != len(self.document.draft.overview_points):
            self._build_points()

    def focus_cell(self, cell: Cell) -> bool:
        if cell.table != "text":
            return False
        key = cell.row
        if key == "preamble":
            widget: QWidget = self.preamble
        elif key == "overview_lead":
            widget = self.lead
        elif key.startswith("overview_heading.") and int(key.split(".")[1]) < len(self.headings):
            widget = self.headings[int(key.split(".")[1])]
        elif key.startswith("overview.") and int(key.split(".")[1]) < len(self.texts):
            widget = self.texts[int(key.split(".")[1])]
        else:
            return False
        widget.setFocus()
        return True
