"""Page 五 and 六: problems and improvements, other matters with the information-processing fee."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gui import style
from gui.document import DraftDocument
from gui.pages.base import ReportPage, scroll_wrap
from gui.widgets import section_label, text_area
from model import format as fmt
from model.findings import Cell


class TextPage(ReportPage):
    """五、存在的主要问题及改进情况 and 六、其他需要报告的事项 with the fee of 国办函〔2020〕109号.

    The page offers the standard sentence on the fee (`model.format.fee_sentence`): 「本年度未收取信息处理费。」
    when every fee field is 0 or empty, otherwise one naming the three figures.
    """

    sections = ("problems", "other_matters")
    tables = ("text", "fees")

    def __init__(self, document: DraftDocument) -> None:
        super().__init__(
            document,
            "五、六 文字部分",
            "五：写明存在的主要问题和改进情况（不能为空或只写“无”）。六：必须报告信息处理费收取情况。",
        )

    def build(self) -> None:
        from PySide6.QtWidgets import QGroupBox  # (here: not needed to paint the first page)

        from gui.number_input import NumberField  # (here: see gui.number_input)

        d = self.document
        self.outer.addWidget(self.message_bar)
        self.body = QWidget()  # under the message bar, scrolling when the texts do not fit (large text)
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 8, 0)
        self.outer.addWidget(scroll_wrap(self.body), 1)
        body.addWidget(section_label(fmt.heading("problems")))
        hint = "存在的主要问题及改进情况；也可写上年问题的整改情况"
        self.problems = text_area(d, Cell("text", "problems"), hint, lines=6)
        body.addWidget(self.problems, 3)
        body.addWidget(section_label(fmt.heading("other_matters")))

        fees = QGroupBox("信息处理费（《政府信息公开信息处理费管理办法》）")
        grid = QGridLayout(fees)
        self.fee_fields: dict[str, NumberField] = {}
        for i, field in enumerate(fmt.FEE_FIELDS):
            edit = NumberField(d, Cell("fees", field.key), field.kind, field.unit)
            style.keep_fitted(edit, lambda e=edit: e.setFixedWidth(style.px(130)))
            edit.refused.connect(self.show_notice)
            edit.checked.connect(self.show_cell_notice)
            self.fee_fields[field.key] = edit
            grid.addWidget(QLabel(field.label + "："), i, 0)  # one field a line: fits a narrow window
            grid.addWidget(edit, i, 1)
        grid.setColumnStretch(2, 1)
        self.fee_button = QPushButton()
        self.fee_button.setToolTip("在六的开头插入收费情况的标准表述（按上面三项数字生成）")
        self.fee_button.clicked.connect(self.insert_fee_sentence)
        # as wide as its sentence where there is room; an explicit minimum lets it shrink (clipping the
        # sentence, which the tooltip and 六 then show) rather than make the window wider than the screen
        style.keep_fitted(self.fee_button, lambda: self.fee_button.setMinimumWidth(style.px(200)))
        buttons = QHBoxLayout()
        buttons.addWidget(self.fee_button)
        buttons.addStretch(1)
        grid.addLayout(buttons, len(fmt.FEE_FIELDS), 0, 1, 3)
        body.addWidget(fees)

        self.other_matters = text_area(
            d,
            Cell("text", "other_matters"),
            "信息处理费收取情况；人大代表建议和政协提案办理结果公开等其他事项",
            lines=5,
        )
        body.addWidget(self.other_matters, 2)
        self.update_fee_offer()

    def fee_sentence(self) -> str:
        """Return the standard sentence for the fee figures entered (all zero: 「本年度未收取信息处理费。」)."""
        fees = self.document.draft.fees
        return fmt.fee_sentence(fees["notices"], fees["notified_amount"], fees["collected_amount"])

    def update_fee_offer(self) -> None:
        """Offer the standard sentence for the current figures unless 六 already contains it."""
        sentence = self.fee_sentence()
        self.fee_button.setText(f"插入标准句：{sentence}")
        self.fee_button.setEnabled(sentence.rstrip("。") not in self.document.draft.other_matters)

    def insert_fee_sentence(self) -> None:
        """Put the standard sentence on the fee at the start of 六 (one undoable edit)."""
        from PySide6.QtGui import QTextCursor  # (here: not needed to paint the first page)

        sentence = self.fee_sentence()
        current = self.document.draft.other_matters
        self.document.set_value(Cell("text", "other_matters"), sentence + current, merge=False)
        cursor = self.other_matters.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.Start)
        cursor.movePosition(QTextCursor.MoveOperation.Right, n=len(sentence))
        self.other_matters.setTextCursor(cursor)

    def _on_cell_changed(self, cell: Cell) -> None:
        super()._on_cell_changed(cell)
        if cell.table == "fees" or cell.row == "other_matters":
            self.update_fee_offer()

    def load(self) -> None:
        self.update_fee_offer()

    def focus_cell(self, cell: Cell) -> bool:
        widget: QWidget | None = None
        if cell.table == "fees":
            widget = self.fee_fields.get(cell.row)
        elif cell.table == "text":
            widget = {"problems": self.problems, "other_matters": self.other_matters}.get(cell.row)
        if widget is None:
            return False
        widget.setFocus()
        return True
