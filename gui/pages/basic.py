"""Page 基本信息: agency, report year, signing date, publication deadline, contact, and the title preview."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui import style
from gui.document import BASIC_LABELS, DraftDocument
from gui.pages.base import ReportPage, scroll_wrap
from gui.qt_namespace import set_enum
from gui.widgets import DateEdit, FieldVisit, SpinBox, route_undo_to_window, section_label, text_area, text_line
from model.findings import Cell

NO_DATE = QDate(2000, 1, 1)  # the minimum of a date field, shown as 「未填写」
NO_YEAR = 2000


def _qdate(value: date | None) -> QDate:
    return QDate(value.year, value.month, value.day) if value else NO_DATE


def _pydate(value: QDate) -> date | None:
    return None if value <= NO_DATE else date(value.year(), value.month(), value.day())


class DateField(DateEdit):
    """A date field that can be empty (shown as 「未填写」), in the format 2025年1月13日."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy年M月d日")
        self.setMinimumDate(NO_DATE)
        self.setMaximumDate(QDate(2100, 12, 31))
        self.setSpecialValueText("未填写")
        self.setKeyboardTracking(False)
        route_undo_to_window(self.lineEdit())
        self.visit = FieldVisit(self)  # a date typed section by section is one undo step
        self._typed_into_empty = False
        self.editingFinished.connect(self._finish_typing)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.value() is None and event.text().isdigit():
            # typing into 「未填写」: start from today with the year selected, so the digits replace the year
            # (the text 「未填写」 itself cannot take digits); Tab moves on to 月 and 日 as usual
            self._typed_into_empty = True
            self.set_value(date.today())
            self.setSelectedSection(QDateTimeEdit.Section.YearSection)
        super().keyPressEvent(event)

    def _finish_typing(self) -> None:
        if self._typed_into_empty:  # the start date was set silently: make sure the typed date is stored
            self._typed_into_empty = False
            self.dateChanged.emit(self.date())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        super().mousePressEvent(event)
        if self.value() is None and self.calendarPopup():  # open the calendar on this month, not on 2000
            today = QDate.currentDate()
            self.calendarWidget().setCurrentPage(today.year(), today.month())

    def value(self) -> date | None:
        """Return the date shown, None when 「未填写」."""
        return _pydate(self.date())

    def set_value(self, value: date | None) -> None:
        """Show `value` (None: 「未填写」) without emitting `dateChanged`."""
        self.blockSignals(True)
        self.setDate(_qdate(value))
        self.blockSignals(False)


class BasicPage(ReportPage):
    """基本信息 (FORMAT.md §1–§2): who reports for which year, when it is signed and due.

    `rollover_button` 「从上年报告新建…」 emits `rollover_requested`, which the wizard connects
    (`gui.actions.rollover.RolloverController`) without building the page before the report is opened."""

    rollover_requested = Signal()
    sections = ("basic",)
    tables = ("basic",)

    def __init__(self, document: DraftDocument) -> None:
        super().__init__(document, "基本信息", "填写机关全称和报告年度，标题会自动生成。成文日期印在报告末尾。")

    def build(self) -> None:
        d = self.document
        page_layout, body = self.outer, QWidget()
        self.outer = QVBoxLayout(body)  # the fields scroll when the text is large or the screen small
        self.outer.setContentsMargins(0, 0, 8, 0)
        start = QHBoxLayout()
        self.rollover_button = QPushButton("从上年报告新建…")
        self.rollover_button.setAutoDefault(False)
        self.rollover_button.clicked.connect(self.rollover_requested.emit)
        self.rollover_button.setToolTip(
            "选择上年的年报（草稿 .json，或 Word、PDF、网页）：带入机关信息、上年结转和各段文字作为本年底稿"
        )
        self.rollover_note = QLabel("每年的报告可以从上年的报告开始，不必从头填写。")
        style.set_role(self.rollover_note, "pageLead")
        self.rollover_note.setWordWrap(True)
        start.addWidget(self.rollover_button)
        start.addWidget(self.rollover_note, 1)
        self.outer.addLayout(start)
        self.outer.addSpacing(6)
        form = QFormLayout()
        set_enum(form, "labelAlignment", "AlignRight")  # (before the first paint: `set_enum`)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.agency = text_line(d, Cell("basic", "agency"), "例如：米易县草场镇人民政府")
        form.addRow(BASIC_LABELS["agency"] + "：", self.agency)

        self.year = SpinBox()
        self.year.setRange(NO_YEAR, 2100)
        self.year.setSpecialValueText("未填写")
        self.year.setSuffix(" 年")
        self.year.setKeyboardTracking(False)
        style.keep_fitted(self.year, lambda: self.year.setFixedWidth(style.px(120)))
        route_undo_to_window(self.year.lineEdit())
        self.year_visit = FieldVisit(self.year)  # arrow steps in one visit: one undo step
        self.year.valueChanged.connect(self._year_edited)
        form.addRow(BASIC_LABELS["year"] + "：", self.year)

        self.signing_date = DateField()
        style.keep_fitted(self.signing_date, lambda: self.signing_date.setFixedWidth(style.px(180)))
        self.signing_date.dateChanged.connect(
            lambda _d: d.set_value(
                Cell("basic", "signing_date"), self.signing_date.value(), group=self.signing_date.visit.group()
            )
        )
        form.addRow(BASIC_LABELS["signing_date"] + "：", self.signing_date)

        self.deadline = DateField()
        style.keep_fitted(self.deadline, lambda: self.deadline.setFixedWidth(style.px(180)))
        self.deadline.dateChanged.connect(
            lambda _d: d.set_value(Cell("basic", "deadline"), self.deadline.value(), group=self.deadline.visit.group())
        )
        self.deadline_note = QLabel()
        style.set_role(self.deadline_note, "pageLead")
        self.deadline_note.setWordWrap(True)  # large text, small screen: wraps instead of widening the page
        self.default_button = QPushButton("恢复默认")
        self.default_button.setToolTip("公开截止日期默认为报告年度次年的1月31日")
        self.default_button.clicked.connect(lambda: d.set_value(Cell("basic", "deadline"), None))
        row = QHBoxLayout()
        row.addWidget(self.deadline)
        row.addWidget(self.default_button)
        row.addWidget(self.deadline_note, 1)
        form.addRow(BASIC_LABELS["deadline"] + "：", row)

        # the contact block, printed as 「如对本报告有疑问，请与…联系（地址：…；邮编：…；联系电话：…；电子邮箱：…）」
        examples = {
            "contact_office": "例如：草场镇党政办公室（不填则为机关全称）",
            "contact_address": "例如：米易县草场镇草场街1号",
            "contact_postcode": "例如：617200",
            "contact_phone": "例如：0812-8888888",
            "contact_email": "例如：gk@example.gov.cn",
        }
        self.contact_fields = {}
        for key, example in examples.items():
            field = text_line(d, Cell("basic", key), example)
            self.contact_fields[key] = field
            form.addRow(BASIC_LABELS[key] + "（可选）：", field)
        hint = "可选：其他联系信息，原样印在联系方式之后"
        self.contact = text_area(d, Cell("basic", "contact"), hint, lines=2)
        style.keep_fitted(
            self.contact, lambda: self.contact.setFixedHeight(self.contact.fontMetrics().lineSpacing() * 2 + 14)
        )
        form.addRow(BASIC_LABELS["contact"] + "（可选）：", self.contact)
        self.outer.addLayout(form)

        self.outer.addSpacing(10)
        self.outer.addWidget(section_label("报告标题预览"))
        self.title_preview = QLabel()
        style.set_role(self.title_preview, "titlePreview")
        style.keep_fitted(self, lambda: self.title_preview.setFont(style.sized_font(self.font(), 15)))
        self.title_preview.setWordWrap(True)
        set_enum(self.title_preview, "textInteractionFlags", "TextSelectableByMouse")
        self.outer.addWidget(self.title_preview)
        self.outer.addSpacing(6)
        self.outer.addWidget(self.message_bar)
        self.outer.addStretch(1)
        self.outer = page_layout
        self.outer.addWidget(scroll_wrap(body), 1)
        self.load()

    def load(self) -> None:
        draft = self.document.draft
        self.year.blockSignals(True)
        self.year.setValue(draft.year or NO_YEAR)
        self.year.blockSignals(False)
        self.signing_date.set_value(draft.signing_date)
        self.deadline.set_value(draft.deadline or draft.default_deadline())
        default = draft.deadline is None or draft.deadline == draft.default_deadline()
        self.deadline_note.setText("（默认：报告年度次年1月31日）" if default else "（县里另定的截止日期）")
        self.default_button.setEnabled(not default)
        self.title_preview.setText(draft.title)

    def _year_edited(self, value: int) -> None:
        year = None if value <= NO_YEAR else value
        self.document.set_value(Cell("basic", "year"), year, group=self.year_visit.group())

    def _on_cell_changed(self, cell: Cell) -> None:
        super()._on_cell_changed(cell)
        if cell.table == "basic" and cell.row in ("agency", "year", "signing_date", "deadline"):
            self.load()

    def focus_cell(self, cell: Cell) -> bool:
        widget = {
            "agency": self.agency,
            "year": self.year,
            "signing_date": self.signing_date,
            "deadline": self.deadline,
            "contact": self.contact,
            **self.contact_fields,
        }.get(cell.row)
        if widget is None:
            return False
        widget.setFocus()
        return True
