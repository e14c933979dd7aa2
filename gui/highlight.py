"""Aids on the narrative text fields: last year's year highlighted, the 「待更新」 mark of a carried text.

`attach_text_aids(document, cell, edit)` gives a narrative text field (a `QPlainTextEdit` bound to
('text', key)) both aids. The highlighted spans are `model.rollover.old_year_spans(text, year − 1)` — the
spans rule T2 reports — so legal citations (《条例》 dates, document numbers such as 〔2021〕30号) and
comparisons (「较2024年」) stay plain. The 「待更新」 strip stands above the text while
`model.rollover.is_stale()` holds: the text was carried from last year's report and not edited yet. Editing
the text makes it go (and undo brings it back); 「保留原文」 removes the mark through the document's edit
path (Cell ('stale', key)), so that too is one undo step. Nothing here reaches the exported DOCX.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QHelpEvent, QSyntaxHighlighter, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QSizePolicy, QToolTip, QWidget

from gui import style
from gui.document import DraftDocument
from model.findings import Cell, Severity
from model.rollover import STALE_LABEL, is_stale, old_year_spans

OLD_YEAR_BACKGROUND = QColor("#ffe38f")  # a marker pen: this year number needs a look
OLD_YEAR_UNDERLINE = style.SEVERITY_STRONG[Severity.HINT]
STALE_BACKGROUND = style.SEVERITY_TINT[Severity.EXPLAIN]
STALE_STRONG = style.SEVERITY_STRONG[Severity.EXPLAIN]
STALE_TIP = "这段文字由上年报告带入，还没有修改。请按本年度的情况改写；改动后“待更新”标记自动消失。"


def old_year(document: DraftDocument) -> int | None:
    """Return last year's year (the report year − 1, as rule T2 uses), None while no report year is set."""
    year = document.draft.year
    return year - 1 if year else None


class OldYearHighlighter(QSyntaxHighlighter):
    """Marks last year's year in a text field: a tinted background and a dotted underline (the 提示 pattern)."""

    def __init__(self, document: DraftDocument, text_document: QTextDocument) -> None:
        super().__init__(text_document)
        self.draft_document = document
        self.format = QTextCharFormat()
        self.format.setBackground(OLD_YEAR_BACKGROUND)
        self.format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        self.format.setUnderlineColor(OLD_YEAR_UNDERLINE)
        self.format.setProperty(QTextCharFormat.Property.UserProperty, "old_year")

    def highlightBlock(self, text: str) -> None:
        year = old_year(self.draft_document)
        if year is None or not text:
            return
        for start, end in old_year_spans(text, year):
            self.setFormat(start, end - start, self.format)

    def spans(self) -> list[tuple[int, int]]:
        """Return the highlighted `(start, end)` spans as character offsets into the whole text."""
        out: list[tuple[int, int]] = []
        block = self.document().begin()
        while block.isValid():
            layout = block.layout()
            for r in layout.formats() if layout is not None else []:
                if r.format.property(QTextCharFormat.Property.UserProperty) == "old_year":
                    out.append((block.position() + r.start, block.position() + r.start + r.length))
            block = block.next()
        return sorted(out)


class StaleStrip(QWidget):
    """The 「待更新」 strip drawn inside the top margin of a text field, with the 「保留原文」 link."""

    def __init__(self, edit: QPlainTextEdit) -> None:
        super().__init__(edit)
        self.setObjectName("staleStrip")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(
            f"QWidget#staleStrip {{ background: {STALE_BACKGROUND.name()};"
            f" border-bottom: 1px dashed {STALE_STRONG.name()}; }}"
            " QWidget#staleStrip QLabel { background: transparent; }"
        )
        lay = QHBoxLayout(self)
        lay.setContentsMargins(6, 3, 6, 3)
        lay.setSpacing(8)
        self.tag = QLabel(f"● {STALE_LABEL}")
        self.tag.setStyleSheet(f"color: {STALE_STRONG.name()}; font-weight: bold;")
        lay.addWidget(self.tag)
        self.note = QLabel("由上年报告带入，请按本年情况修改")
        self.note.setStyleSheet(f"color: {STALE_STRONG.name()};")
        lay.addWidget(self.note, 1)
        self.note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # gives way first
        self.keep = QLabel('<a href="#keep">保留原文</a>')
        self.keep.setToolTip("本段确实无需修改时，去掉“待更新”标记（可按 Ctrl+Z 撤销）")
        lay.addWidget(self.keep)
        self.setToolTip(STALE_TIP)


class TextAids(QObject):
    """The aids of one narrative text field: highlighter, 「待更新」 strip, tooltip on a highlighted year.

    The strip stands in the field's top margin, as wide as the text (never under its scroll bar);
    `mark_changed` is emitted when it comes or goes (the field then grows or shrinks by its height).
    """

    mark_changed = Signal()

    def __init__(self, document: DraftDocument, cell: Cell, edit: QPlainTextEdit) -> None:
        super().__init__(edit)
        self.document = document
        self.cell = cell
        self.edit = edit
        self.highlighter = OldYearHighlighter(document, edit.document())
        # the first highlighting is queued by Qt, and edits made before it runs would not be highlighted:
        # run it now
        QCoreApplication.sendPostedEvents(self.highlighter, QEvent.Type.MetaCall)
        self.strip = StaleStrip(edit)
        self.strip.keep.linkActivated.connect(lambda _href: self.keep_text())
        self.strip.hide()
        self.viewport = edit.viewport()
        edit.installEventFilter(self)
        self.viewport.installEventFilter(self)
        document.cell_changed.connect(self._on_cell_changed)
        document.reset.connect(self._on_reset)
        self._year = old_year(document)
        style.keep_fitted(self.strip, self.update_mark)  # again when larger text makes the strip higher

    @property
    def key(self) -> str:
        """Return the narrative key of the field (a key of `Draft.narrative_texts()`)."""
        return self.cell.row

    def is_stale(self) -> bool:
        """Return True while the field's text is 「待更新」 (carried from last year and not edited)."""
        return is_stale(self.document.draft, self.key)

    def keep_text(self) -> bool:
        """Remove the 「待更新」 mark without editing the text (one undo step); return True if it was there."""
        return self.document.set_value(Cell("stale", self.key), False, merge=False)

    def update_mark(self) -> None:
        """Show or hide the 「待更新」 strip as the draft says."""
        stale = self.is_stale()
        self.edit.setProperty("stale", stale)
        height = self.strip.sizeHint().height() if stale else 0
        changed = self.edit.viewportMargins().top() != height
        self.edit.setViewportMargins(0, height, 0, 0)
        self.strip.setVisible(stale)
        self._place_strip()
        if changed:
            self.mark_changed.emit()
        tip = self.edit.toolTip()
        if stale and not tip.startswith(STALE_TIP):
            self.edit.setToolTip(STALE_TIP)
        elif not stale and tip == STALE_TIP:
            self.edit.setToolTip("")

    def _place_strip(self) -> None:
        # over the text only: a vertical scroll bar runs the whole height and would cover 「保留原文」
        frame = self.edit.frameWidth()
        bar = self.edit.verticalScrollBar()
        width = self.edit.width() - 2 * frame - (bar.width() if bar.isVisibleTo(self.edit) else 0)
        self.strip.setGeometry(frame, frame, max(width, 0), self.strip.sizeHint().height())

    def _on_cell_changed(self, cell: Cell) -> None:
        if cell.row == self.key and cell.table in ("text", "stale"):
            self.update_mark()
        elif cell == Cell("basic", "year") and old_year(self.document) != self._year:
            self._year = old_year(self.document)
            self.highlighter.rehighlight()

    def _on_reset(self) -> None:
        try:
            self.document.value(self.cell)
        except IndexError:  # a sub-point the new draft does not have; the page rebuilds its fields
            return
        self._year = old_year(self.document)
        self.highlighter.rehighlight()
        self.update_mark()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # only Resize and ToolTip matter; anything else (also while Qt destroys the widgets) passes untouched
        kind = event.type()
        if kind == QEvent.Type.Resize:  # the field, or its text area (a scroll bar came or went)
            self._place_strip()
        elif kind == QEvent.Type.ToolTip and watched is self.viewport:
            assert isinstance(event, QHelpEvent)
            position = self.edit.cursorForPosition(event.pos()).position()
            year = old_year(self.document)
            if year is not None and any(a <= position <= b for a, b in self.highlighter.spans()):
                QToolTip.showText(
                    event.globalPos(), f"「{year}」是上年的年份，请核对是否应为 {year + 1} 年", self.edit.viewport()
                )
                return True
        return False


def attach_text_aids(document: DraftDocument, cell: Cell, edit: QPlainTextEdit) -> TextAids:
    """Give the narrative text field `edit` (bound to `cell`) the old-year highlight and the 「待更新」 mark."""
    return TextAids(document, cell, edit)
