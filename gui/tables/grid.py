"""The grid view of the official tables: a multi-row header, spans, a number delegate, official Tab order."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPen,
    QRegion,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from gui import style
from gui.number_input import NumberValidator, RefusedInput
from gui.tables.models import KIND_ROLE, LABEL_ROLE, SEVERITY_ROLE, GridModel, HeaderCell
from model.entry import cell_input
from model.entry.paste import split_block
from model.findings import Cell

Index = QModelIndex | QPersistentModelIndex
GRID_LINE = "#b8c2cf"


def stack_heights(base: list[int], needs: Iterable[tuple[int, int, int]]) -> list[int]:
    """Return row heights (px) starting from `base`, so that each `(row, rows, need)` — a text starting at
    `row`, spanning `rows` rows and needing `need` px — fits: a one-row text raises its row, a text over
    several rows adds what they lack to the last of them."""
    heights = list(base)
    tall = []
    for row, rows, need in needs:
        if rows == 1:
            heights[row] = max(heights[row], need)
        else:
            tall.append((row, rows, need))
    for row, rows, need in tall:
        have = sum(heights[row : row + rows])
        if need > have:
            heights[row + rows - 1] += need - have
    return heights


class GroupHeaderView(QHeaderView):
    """A horizontal header drawing the official multi-row header (cells spanning rows and columns).

    The row heights follow the text: each header row is as high as its longest label needs when wrapped
    in its cell's width. A note (`HeaderCell.note`, the corner of 三) does not raise them: it is drawn
    smaller, down to `NOTE_SMALLEST` of the text size, to fit.
    """

    PADDING = 6
    NOTE_SMALLEST = 0.7

    def __init__(self, cells: list[HeaderCell], parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.cells = cells
        self.rows = max((c.row + c.row_span for c in cells), default=1)
        self._heights = [0] * self.rows
        self._texts: dict[tuple[str, int, str], str] = {}  # `label_text` by text, width and font
        self.setSectionsClickable(False)
        self.setHighlightSections(False)
        self.sectionResized.connect(self._relayout)
        style.keep_fitted(self, self._relayout)  # larger text: taller header rows

    def _width(self, cell: HeaderCell) -> int:
        return sum(self.sectionSize(c) for c in range(cell.column, cell.column + cell.column_span))

    def cell_font(self, cell: HeaderCell) -> QFont:
        """Return the font `cell` is drawn in: bold for a group heading spanning columns in the top row."""
        font = QFont(self.font())
        font.setBold(cell.row == 0 and cell.column_span > 1)
        return font

    def label_text(self, cell: HeaderCell, width: int | None = None, font: QFont | None = None) -> str:
        """Return `cell`'s text as drawn (in its columns' `width`, default as they are now), with line breaks
        between words where it must wrap (「社会公益」「组织」, never 「社会公益组」「织」; `gui.style.break_lines`)."""
        inner = max((self._width(cell) if width is None else width) - 2 * self.PADDING, 20)
        face = font if font is not None else self.cell_font(cell)
        key = (cell.text, inner, face.key())
        text = self._texts.get(key)
        if text is None:  # broken once per text, width and font: the header is painted on every move of the cursor
            metrics = QFontMetrics(face)
            text = style.break_lines(cell.text, lambda line: metrics.horizontalAdvance(line) <= inner)
            self._texts[key] = text
        return text

    def needed_height(self, cell: HeaderCell, width: int | None = None, font: QFont | None = None) -> int:
        """Return the height (px) `cell`'s text needs in `width` px (default: its columns as they are now)."""
        inner = max((self._width(cell) if width is None else width) - 2 * self.PADDING, 20)
        flags = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignCenter)
        metrics = QFontMetrics(font if font is not None else self.cell_font(cell))
        text = self.label_text(cell, width, font)
        return metrics.boundingRect(QRect(0, 0, inner, 10000), flags, text).height() + 2 * self.PADDING

    def min_width(self, cell: HeaderCell) -> int:
        """Return the narrowest width (px) showing `cell` without a line of one character: a text of up to
        three characters on one line (自然人), else its widest two characters (社会｜公益｜组织)."""
        metrics = QFontMetrics(self.cell_font(cell))
        text = cell.text
        parts = [text] if len(text) <= 3 else [text[i : i + 2] for i in range(len(text) - 1)]
        return max(metrics.horizontalAdvance(part) for part in parts) + 2 * self.PADDING

    def heights_for(self, needed: Callable[[HeaderCell], int]) -> list[int]:
        """Return the header row heights when each cell needs `needed(cell)` px (notes give way)."""
        line = self.fontMetrics().height() + 2 * self.PADDING
        return stack_heights([line] * self.rows, [(c.row, c.row_span, needed(c)) for c in self.cells if not c.note])

    def _relayout(self, *_args: object) -> None:
        heights = self.heights_for(self.needed_height)
        if heights != self._heights:
            self._heights = heights
            self.updateGeometry()
            self.viewport().update()

    def note_font(self, cell: HeaderCell) -> QFont:
        """Return the font a note is drawn in: its own, made smaller (not below `NOTE_SMALLEST`) until the
        text fits the header rows."""
        font = self.cell_font(cell)
        height = self.cell_rect(cell).height()
        smallest = font.pointSizeF() * self.NOTE_SMALLEST
        while self.needed_height(cell, None, font) - 2 * self.PADDING + 4 > height:
            if font.pointSizeF() * 0.92 < smallest:
                break
            font.setPointSizeF(font.pointSizeF() * 0.92)
        return font

    def row_heights(self) -> list[int]:
        """Return the height in pixels of each header row."""
        return list(self._heights)

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), sum(self._heights))

    def cell_rect(self, cell: HeaderCell) -> QRect:
        """Return the viewport rectangle of `cell`."""
        x = self.sectionViewportPosition(cell.column)
        y = sum(self._heights[: cell.row])
        h = sum(self._heights[cell.row : cell.row + cell.row_span])
        return QRect(x, y, self._width(cell), h)

    def paintEvent(self, event: QEvent) -> None:
        painter = QPainter(self.viewport())
        painter.fillRect(self.viewport().rect(), style.HEADER_BG)
        pen = QPen(QColor(GRID_LINE))
        flags = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignCenter)
        for cell in self.cells:
            rect = self.cell_rect(cell)
            painter.setPen(pen)
            painter.drawRect(rect.adjusted(0, 0, -1, -1))
            painter.setPen(style.TEXT)
            font = self.note_font(cell) if cell.note else self.cell_font(cell)
            painter.setFont(font)
            text = self.label_text(cell, None, font)
            painter.drawText(rect.adjusted(self.PADDING, 2, -self.PADDING, -2), flags, text)
        painter.end()


def role_data(index: Index, role: int) -> Any:
    """Return `index`'s data for `role`, asking our Python model directly.

    `QModelIndex.data()` of PySide6 6.12 loses a reference to None whenever the model has no data for the
    role (an invalid QVariant); called for every cell painted, that ends in a crash ("deallocating None").
    """
    model = index.model()
    if isinstance(model, GridModel):
        return model.data(index, role)
    return index.data(role)


class NumberDelegate(QStyledItemDelegate):
    """Edits a number cell with a validated line edit; frames cells named by findings (pattern per severity).

    Enter commits and moves on like Tab; a text that is not a valid figure is refused through
    `GridModel.refuse`, which names the cell — the editor stays open so nothing typed is lost.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._wrapped: dict[tuple[str, str, int], str] = {}  # labels as wrapped, by font, text and width

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        model = index.model()
        kind, _unit = role_data(index, KIND_ROLE) or ("count", "件")
        editor = QLineEdit(parent)
        editor.setFrame(False)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        validator = NumberValidator(kind, editor)
        persistent = QPersistentModelIndex(index)
        if isinstance(model, GridModel):
            validator.refused.connect(lambda reason, _text: model.refuse(persistent, reason))
            editor.textChanged.connect(lambda text: self._preview(model, persistent, kind, text))
        editor.nianbao_refusals = RefusedInput(editor, validator)  # type: ignore[attr-defined]
        editor.nianbao_index = persistent  # type: ignore[attr-defined]
        editor.setValidator(validator)
        return editor

    @staticmethod
    def _preview(model: GridModel, index: QPersistentModelIndex, kind: str, text: str) -> None:
        """Let the checks see the value being typed (live S1); unfinished text keeps the last preview."""
        cell = model.cell_at(index.row(), index.column())
        reading = cell_input.read(text, kind)  # type: ignore[arg-type]
        if cell is None or reading.state is not cell_input.InputState.ACCEPTABLE:
            return
        model.document.preview(cell, cell_input.parse(text, kind))  # type: ignore[arg-type]

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        # once only: the view calls this again on every dataChanged over a range (findings redrawn while
        # typing), which would throw away what the clerk is typing. (A Python attribute, not a Qt property:
        # QObject.property() of PySide6 6.12 loses a reference to None for a property not set.)
        if isinstance(editor, QLineEdit) and not getattr(editor, "nianbao_loaded", False):
            editor.setText(role_data(index, Qt.ItemDataRole.EditRole) or "")
            editor.nianbao_loaded = True  # type: ignore[attr-defined]

    def setModelData(self, editor: QWidget, model: object, index: Index) -> None:
        """Store the editor's text. When a keystroke was refused during the edit, the figure stored may not
        be the one meant (「2.5」 typed, 「25」 left): the model then announces the figure stored
        (`GridModel.input_checked`); an unfinished text left by the focus (「1,2」) is announced as not stored."""
        if not (isinstance(editor, QLineEdit) and isinstance(model, GridModel)):
            return
        refusals = getattr(editor, "nianbao_refusals", None)
        text = editor.text()
        kind = (role_data(index, KIND_ROLE) or ("count", "件"))[0]
        reading = cell_input.read(text, kind)
        if reading.state is not cell_input.InputState.ACCEPTABLE:
            model.document.end_preview()
            model.refuse_commit(index, text, reading.reason or "不是有效的数字")
        elif model.setData(index, text, Qt.ItemDataRole.EditRole) and isinstance(refusals, RefusedInput):
            model.announce_refusals(index, refusals)
        model.document.end_preview()  # (the value stored ended it already: findings go straight to the new ones)
        if isinstance(refusals, RefusedInput):
            refusals.clear()

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if (
            isinstance(editor, QLineEdit)
            and event.type() == QEvent.Type.FocusOut
            and isinstance(event, QFocusEvent)
            and event.reason() != Qt.FocusReason.PopupFocusReason
            and not editor.hasAcceptableInput()
            and (QApplication.focusWidget() is not editor or not editor.isActiveWindow())
        ):
            # Qt closes the editor without storing an unfinished text (「1,2」): say so, naming what is kept
            index = getattr(editor, "nianbao_index", None)
            if isinstance(index, QPersistentModelIndex) and isinstance(index.model(), GridModel):
                kind = (role_data(index, KIND_ROLE) or ("count", "件"))[0]
                reason = cell_input.read(editor.text(), kind).reason or "不是有效的数字"
                index.model().refuse_commit(index, editor.text(), reason)  # type: ignore[attr-defined]
        if (
            isinstance(editor, QLineEdit)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Paste)
        ):
            view = self.parent()
            text = QGuiApplication.clipboard().text()
            if isinstance(view, GridView) and sum(len(r) for r in split_block(text)[:2]) > 1:
                # several figures: paste them as a block from this cell, not into the one editor
                self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.RevertModelCache)
                view.paste_text(text)
                return True
        if (
            isinstance(editor, QLineEdit)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            if not editor.hasAcceptableInput():
                view = self.parent()
                if isinstance(view, GridView):
                    index = view.currentIndex()
                    kind = (role_data(index, KIND_ROLE) or ("count", "件"))[0]
                    reason = cell_input.read(editor.text(), kind).reason or "不是有效的数字"
                    view.grid_model.refuse(index, reason)
                return True
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.EditNextItem)
            return True
        return super().eventFilter(editor, event)

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        if option.text and role_data(index, LABEL_ROLE):  # wrapped between words, as the rows were fitted
            key = (option.font.key(), option.text, option.rect.width())
            wrapped = self._wrapped.get(key)
            if wrapped is None:
                wrapped = self._wrapped[key] = wrapped_label(option.fontMetrics, option.text, option.rect.width())
            option.text = wrapped

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        super().paint(painter, option, index)
        severity = role_data(index, SEVERITY_ROLE)
        if severity is None:
            return
        painter.save()
        pen = QPen(style.SEVERITY_STRONG[severity], 2)
        pen.setStyle(style.severity_pen_style(severity))
        painter.setPen(pen)
        painter.drawRect(option.rect.adjusted(1, 1, -2, -2))
        painter.restore()


ROW_PAD = 8  # a grid row: the text's height and this much
CELL_MARGIN = 12  # a grid cell's text is this much narrower than its column(s)
ICON_GAP = 6  # between a finding's icon in a cell and the figure (the style's decoration margins)


def wrapped_label(metrics: QFontMetrics, text: str, width: int) -> str:
    """Return a label as drawn in cells `width` px wide: broken into lines that fit, never a character alone
    on a line (「…申请数｜量」 becomes 「…申请｜数量」; `gui.style.break_lines`)."""
    inner = max(width - CELL_MARGIN, 10)
    return style.break_lines(text, lambda line: metrics.horizontalAdvance(line) <= inner)


def text_height(metrics: QFontMetrics, text: str, width: int) -> int:
    """Return the height (px) a grid cell's `text` needs, wrapped in cells `width` px wide."""
    flags = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft)
    shown = wrapped_label(metrics, text, width)
    return metrics.boundingRect(QRect(0, 0, max(width - CELL_MARGIN, 10), 10000), flags, shown).height() + ROW_PAD


class ColumnFit:
    """Column widths for a grid too wide for its view, chosen to keep the table as low as possible — so that
    at large text or on a small screen the most rows are seen, each one line high where it can be.

    Figures are short: the columns of figures are tried at a few widths, from the narrowest that shows four
    digits, the widest figure typed in the column (`needs`, with a finding's icon) and the shortest words of
    their header (自然人 on one line, 社会｜公益｜组织), up to their
    natural width, all alike. For each, the label columns share what is left: each starts at three characters
    (「（三）」) and is widened step by step where a step saves the most height per pixel (a label needing a line less);
    labels spanning many rows (三、本年度办理结果, （三）不予公开) thus stay narrow and the item labels get the
    room to stay on one line. The lowest table wins (on a tie, the wider figures). Results are kept per
    width of view.
    """

    CANDIDATES = 3  # widening steps tried per label column and round (the smallest that save height)

    def __init__(self, view: GridView, natural: list[int], stretch: int | None, needs: list[int]) -> None:
        model = view.grid_model
        self.metrics = view.fontMetrics()
        self.natural = natural
        self.stretch = stretch
        self.labels = [c for c in model.label_columns() if c < len(natural)]
        self.figures = [c for c in range(len(natural)) if c not in self.labels]
        self.row_count = model.rowCount()
        self.base = self.metrics.height() + ROW_PAD
        covered = model.covered()
        spans = {(s.row, s.column): s for s in model.spans()}
        self.texts: list[tuple[int, int, int, int, str]] = []  # first column, columns, row, rows, text
        for r in range(model.rowCount()):
            for c in range(model.columnCount()):
                if (r, c) in covered or model.cell_at(r, c) is not None:
                    continue
                text = str(model.label_at(r, c) or "")
                if text:
                    span = spans.get((r, c))
                    rows, cols = (span.row_span, span.column_span) if span else (1, 1)
                    self.texts.append((c, cols, r, rows, text))
        header = view.horizontalHeader()
        self.header = header if isinstance(header, GroupHeaderView) and not header.isHidden() else None
        two = self.metrics.horizontalAdvance("一二") + CELL_MARGIN
        self.minimum = [self.metrics.horizontalAdvance("（三）") + CELL_MARGIN] * len(natural)  # 「（三）｜不予｜公开」
        figure = max(self.metrics.horizontalAdvance("0000") + CELL_MARGIN, two)  # four digits, both margins
        for c in self.figures:
            self.minimum[c] = max(figure, needs[c])  # the widest figure typed stays whole
        if self.header is not None:
            for cell in self.header.cells:
                if cell.column_span == 1 and not cell.note and cell.column < len(natural):
                    self.minimum[cell.column] = max(self.minimum[cell.column], self.header.min_width(cell))
        self._text_need: dict[tuple[int, int], int] = {}
        self._header_need: dict[tuple[int, int], int] = {}
        self._fitted: dict[int, list[int]] = {}

    # -- heights -----------------------------------------------------------------------------------------

    def _need(self, i: int, width: int) -> int:
        key = (i, width)
        if key not in self._text_need:
            self._text_need[key] = text_height(self.metrics, self.texts[i][4], width)
        return self._text_need[key]

    def rows_height(self, widths: list[int]) -> int:
        """Return the height (px) of all grid rows with columns `widths`."""
        needs = [
            (row, rows, self._need(i, sum(widths[first : first + cols])))
            for i, (first, cols, row, rows, _text) in enumerate(self.texts)
        ]
        return sum(stack_heights([self.base] * self.row_count, needs))

    def header_height(self, widths: list[int]) -> int:
        """Return the height (px) of the header with columns `widths`."""
        header = self.header
        if header is None:
            return 0

        def needed(cell: HeaderCell) -> int:
            width = sum(widths[cell.column : cell.column + cell.column_span])
            key = (header.cells.index(cell), width)
            if key not in self._header_need:
                self._header_need[key] = header.needed_height(cell, width)
            return self._header_need[key]

        return sum(header.heights_for(needed))

    # -- widths ------------------------------------------------------------------------------------------

    def widths(self, avail: int) -> list[int]:
        """Return the column widths (px) for a view `avail` px wide: their sum is `avail`, unless even the
        narrowest columns are wider (the view then scrolls sideways)."""
        if avail not in self._fitted:
            self._fitted[avail] = self._fit(avail)
        return list(self._fitted[avail])

    def _fit(self, avail: int) -> list[int]:
        if sum(self.minimum) >= avail:
            return list(self.minimum)
        if not self.labels:  # figures only (四): all alike, as wide as the view allows
            return self._spread(list(self.minimum), avail - sum(self.minimum), self.figures)
        best: tuple[int, int, list[int]] | None = None
        step = max(self.metrics.horizontalAdvance("一") // 2, 4)
        for figure in self._figure_widths(step):
            widths = list(self.minimum)
            for c in self.figures:
                widths[c] = min(max(figure, self.minimum[c]), max(self.natural[c], self.minimum[c]))
            if sum(widths) > avail:
                continue
            self._widen_labels(widths, avail - sum(widths))
            height = self.header_height(widths) + self.rows_height(widths)
            if best is None or height <= best[0]:
                best = (height, figure, widths)
        assert best is not None  # the narrowest figures fit (sum(minimum) < avail)
        return best[2]

    def _figure_widths(self, step: int) -> list[int]:
        low = min(self.minimum[c] for c in self.figures) if self.figures else 0
        high = max((self.natural[c] for c in self.figures), default=low)
        out = list(range(low, max(high, low) + 1, step))
        return out if out[-1] == high or high < low else [*out, high]

    def _widen_labels(self, widths: list[int], budget: int) -> None:
        """Give `budget` px to the label columns of `widths` (in place), where it saves the most height."""
        height = self.rows_height(widths)
        while budget > 0:
            best: tuple[float, int, int, int] | None = None  # saved per px, column, step, new height
            for c in self.labels:
                for extra in self._steps(widths, c, budget):
                    widths[c] += extra
                    new = self.rows_height(widths)
                    widths[c] -= extra
                    if new < height and (best is None or (height - new) / extra > best[0]):
                        best = ((height - new) / extra, c, extra, new)
            if best is None:
                break
            _gain, c, extra, height = best
            widths[c] += extra
            budget -= extra
        if budget > 0:  # no label needs more: back towards the natural widths, the rest to the stretch column
            room = [c for c in self.labels if self.natural[c] > widths[c]]
            spread = self._spread(widths, budget, room, self.natural)
            budget -= sum(spread) - sum(widths)
            widths[:] = spread
            if budget > 0:
                widths[self.stretch if self.stretch in self.labels else self.labels[-1]] += budget

    def _steps(self, widths: list[int], column: int, budget: int) -> list[int]:
        """Return the smallest widenings of `column` (px, at most `budget`) after which a label over it needs
        a line less."""
        found: set[int] = set()
        for i, (first, cols, _row, _rows, _text) in enumerate(self.texts):
            if not first <= column < first + cols:
                continue
            width = sum(widths[first : first + cols])
            need = self._need(i, width)
            if self._need(i, width + budget) >= need:
                continue
            low, high = 1, budget  # the least widening that lowers it
            while low < high:
                middle = (low + high) // 2
                if self._need(i, width + middle) < need:
                    high = middle
                else:
                    low = middle + 1
            found.add(low)
        return sorted(found)[: self.CANDIDATES]

    @staticmethod
    def _spread(widths: list[int], budget: int, columns: list[int], towards: list[int] | None = None) -> list[int]:
        """Return `widths` with `budget` px shared among `columns` (in proportion to what each lacks of
        `towards`, else evenly), none beyond `towards`."""
        out = list(widths)
        if not columns or budget <= 0:
            return out
        if towards is None:
            share, extra = divmod(budget, len(columns))
            for i, c in enumerate(columns):
                out[c] += share + (1 if i < extra else 0)
            return out
        lack = {c: max(0, towards[c] - out[c]) for c in columns}
        total = sum(lack.values())
        give = min(budget, total)
        for c in columns:
            out[c] += lack[c] * give // total if total else 0
        return out


class GridView(QTableView):
    """A table view of a `GridModel` laid out as the official table.

    Tab, Shift+Tab and Enter move through the input cells in the official order (row by row, skipping
    labels and computed totals); typing on a cell starts editing it; Delete empties it (not entered).
    Column widths are given for text at 100 % and follow the larger-text option; `fitted` is emitted
    after the rows were fitted to their labels again.
    """

    fitted = Signal()

    def __init__(self, model: GridModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(style.TABLE_SHEET)
        self.grid_model = model
        self._widths: list[int] = []
        self._stretch: int | None = None
        self._fit: tuple[object, ColumnFit] | None = None
        self._layout: tuple[dict[tuple[int, int], Any], set[tuple[int, int]]] | None = None
        self._needs: dict[tuple[str, str, int], int] = {}  # text heights, by font, text and width
        self._fitted_for: tuple[int, bool] | None = None  # (viewport width, shown) the widths were fitted to
        self.setModel(model)
        self.setItemDelegate(NumberDelegate(self))
        self.verticalHeader().hide()
        cells = model.header_cells()
        if cells:
            self.group_header = GroupHeaderView(cells, self)
            self.setHorizontalHeader(self.group_header)
        else:
            self.horizontalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.setWordWrap(True)
        # the grid stays at the top-left when the view is resized (the message bar under it comes and goes
        # as the clerk types): only what comes into view is painted, not every cell again — for the view as
        # for its viewport, or the view's resize repaints the whole viewport inside it; its frame is redrawn
        # on each resize (`resizeEvent`)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.setTabKeyNavigation(True)
        self.setCornerButtonEnabled(False)
        self.apply_spans()
        model.modelReset.connect(self.apply_spans)
        model.modelReset.connect(self.fit_rows)
        model.dataChanged.connect(self._keep_figures_whole)
        style.keep_fitted(self, lambda: self._apply_widths() if self._widths else None)  # larger text

    def apply_spans(self) -> None:
        """Merge the label cells as the official table does."""
        self._layout = None
        self.clearSpans()
        for s in self.grid_model.spans():
            self.setSpan(s.row, s.column, s.row_span, s.column_span)

    def set_column_widths(self, widths: list[int], stretch: int | None = None) -> None:
        """Set each column's width in pixels; column `stretch` also takes any width left in the view.
        Then fit the row heights to the wrapped labels."""
        self._widths = list(widths)
        self._stretch = stretch
        self._apply_widths()

    def natural_width(self) -> int:
        """Return the width in pixels of all columns at the current text size, before any narrowing."""
        return sum(style.px(w) for w in self._widths)

    def column_fit(self, needs: list[int]) -> ColumnFit:
        """Return the `ColumnFit` of this grid at the current text size, its figure columns at least `needs`
        wide (`figure_needs`; made again when either changes)."""
        natural = [style.px(w) for w in self._widths]
        key = (self.font().key(), tuple(natural), self._stretch, tuple(needs))
        if self._fit is None or self._fit[0] != key:
            self._fit = (key, ColumnFit(self, natural, self._stretch, needs))
        return self._fit[1]

    def figure_need(self, row: int, column: int) -> int:
        """Return the width (px) the figure at (`row`, `column`) needs to be shown whole: its text, the cell's
        margins and, on a cell with a finding, its icon; 0 for a label or an empty cell."""
        model = self.grid_model
        if model.cell_at(row, column) is None:
            return 0
        text = model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)
        if not text:
            return 0
        need = self.fontMetrics().horizontalAdvance(str(text)) + CELL_MARGIN
        if model.data(model.index(row, column), Qt.ItemDataRole.DecorationRole) is not None:
            icon = self.iconSize().width()  # (-1 unless set: the style's small icons, 16 px)
            need += (icon if icon > 0 else style.ICON_SIZE) + ICON_GAP
        return need

    def figure_needs(self) -> list[int]:
        """Return per column the width (px) its widest figure needs (`figure_need`), 0 for a label column."""
        model = self.grid_model
        needs = [0] * model.columnCount()
        for r in range(model.rowCount()):
            for c in range(model.columnCount()):
                needs[c] = max(needs[c], self.figure_need(r, c))
        return needs

    def _keep_figures_whole(self, top_left: QModelIndex, bottom_right: QModelIndex, *_roles: object) -> None:
        """Widen the columns again when a figure changed (or got a finding's icon) no longer fits its column:
        at larger text the figure columns are narrowed to the view, and a figure cut to 「…」 cannot be
        checked. Nothing is fitted again while every figure fits (most keystrokes)."""
        if not self._widths:
            return
        for r in range(top_left.row(), bottom_right.row() + 1):
            for c in range(top_left.column(), bottom_right.column() + 1):
                if self.figure_need(r, c) > self.columnWidth(c):
                    self._apply_widths()
                    return

    def _apply_widths(self) -> None:
        needs = self.figure_needs()
        widths = [max(style.px(w), need) for w, need in zip(self._widths, needs, strict=False)]
        avail = self.viewport().width()
        self._fitted_for = (avail, self.isVisible())
        if self._stretch is not None and widths:
            others = sum(w for i, w in enumerate(widths) if i != self._stretch)
            widths[self._stretch] = max(widths[self._stretch], avail - others)
        if self.isVisible() and widths and sum(widths) > avail > 0:
            # too wide for the view (large text, small screen): figures narrow first, labels share the rest
            # where it keeps the most rows one line high (`ColumnFit`)
            widths = self.column_fit(needs).widths(avail)
        for i, w in enumerate(widths):
            if self.columnWidth(i) != w:
                self.setColumnWidth(i, w)
        self.fit_rows()

    def fit_rows(self) -> None:
        """Make every row as high as its wrapped label needs (a label spanning rows shares the height)."""
        model = self.grid_model
        metrics = self.fontMetrics()
        if self._layout is None:  # the merged ranges are those of the official table: made once
            spans = {(s.row, s.column): s for s in model.spans()}
            self._layout = (spans, model.covered())
        spans, covered = self._layout
        font = self.font().key()
        columns = [self.columnWidth(x) for x in range(model.columnCount())]
        needs = []
        for r in range(model.rowCount()):
            for c in range(model.columnCount()):
                if (r, c) in covered:
                    continue
                text = model.data(model.index(r, c), Qt.ItemDataRole.DisplayRole)
                if not text:
                    continue
                span = spans.get((r, c))
                rows, cols = (span.row_span, span.column_span) if span else (1, 1)
                width = sum(columns[c : c + cols])
                key = (font, str(text), width)
                need = self._needs.get(key)
                if need is None:
                    need = self._needs[key] = text_height(metrics, str(text), width)
                needs.append((r, rows, need))
        heights = stack_heights([metrics.height() + ROW_PAD] * model.rowCount(), needs)
        for r, h in enumerate(heights):
            if self.rowHeight(r) != h:
                self.setRowHeight(r, h)
        self.fitted.emit()

    def resizeEvent(self, event: QEvent) -> None:
        super().resizeEvent(event)
        self._update_frame()
        # the widths (and so the row heights) depend on the viewport's width only: the message bar under the
        # grid growing or shrinking as the clerk types changes its height, and nothing is fitted again
        if self._widths and (self.viewport().width(), self.isVisible()) != self._fitted_for:
            self._apply_widths()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.horizontalHeader().isHidden() and self.showGrid() and self.verticalScrollBar().value() == 0:
            # Without a header (table 二), Qt leaves the first pixel row of merged cells to a top grid line it
            # then does not draw: only stubs of the column lines show there. Draw the table's top line.
            width = sum(self.columnWidth(c) for c in range(self.grid_model.columnCount()))
            painter = QPainter(self.viewport())
            painter.setPen(QPen(QColor(GRID_LINE)))
            painter.drawLine(0, 0, width - self.horizontalScrollBar().value() - 1, 0)
            painter.end()

    def focus_cell(self, cell: Cell) -> bool:
        """Make `cell` current and visible and give the grid the focus; return False if it is not here."""
        index = self.grid_model.index_of(cell)
        if not index.isValid():
            return False
        self.setCurrentIndex(index)
        self.scrollTo(index)
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def _step(self, forward: bool) -> QModelIndex:
        order = self.grid_model.editable_positions()
        if not order:
            return QModelIndex()
        current = self.currentIndex()
        here = (current.row(), current.column()) if current.isValid() else None
        if here in order:
            i = order.index(here) + (1 if forward else -1)
        else:  # from a label or total: the next input cell in reading order
            later = [p for p in order if here is None or p > here]
            earlier = [p for p in order if here is not None and p < here]
            target = (later[0] if later else order[-1]) if forward else (earlier[-1] if earlier else order[0])
            return self.grid_model.index(*target)
        i = max(0, min(i, len(order) - 1))
        return self.grid_model.index(*order[i])

    def moveCursor(self, cursorAction: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier) -> QModelIndex:
        if cursorAction == QAbstractItemView.CursorAction.MoveNext:
            return self._step(True)
        if cursorAction == QAbstractItemView.CursorAction.MovePrevious:
            return self._step(False)
        return super().moveCursor(cursorAction, modifiers)

    def _at_end(self, forward: bool) -> bool:
        """Return True when the current cell is the last (or, backwards, the first) input cell."""
        order = self.grid_model.editable_positions()
        current = self.currentIndex()
        if not order or not current.isValid():
            return False
        return (current.row(), current.column()) == (order[-1] if forward else order[0])

    def keyPressEvent(self, event: QKeyEvent) -> None:
        editing = self.state() == QAbstractItemView.State.EditingState
        if not editing and event.matches(QKeySequence.StandardKey.Paste):
            self.paste_text(QGuiApplication.clipboard().text())
            event.accept()
            return
        if not editing and event.matches(QKeySequence.StandardKey.Copy):
            QGuiApplication.clipboard().setText(self.selection_text())
            event.accept()
            return
        plain = not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
        if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and plain and not editing:
            forward = event.key() == Qt.Key.Key_Tab and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            if self._at_end(forward):  # past the last input cell: on to the next field or button
                event.ignore()
                return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not editing:
            forward = not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            if self._at_end(forward):
                self.focusNextPrevChild(forward)
            else:
                self.setCurrentIndex(self._step(forward))
            event.accept()
            return
        index = self.currentIndex()
        if (
            event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            and not editing
            and index.isValid()
            and index.flags() & Qt.ItemFlag.ItemIsEditable
        ):
            self.grid_model.setData(index, "", Qt.ItemDataRole.EditRole)  # back to 「not entered」
            event.accept()
            return
        super().keyPressEvent(event)

    def edit(  # type: ignore[override]
        self,
        index: QModelIndex | QPersistentModelIndex,
        trigger: QAbstractItemView.EditTrigger | None = None,
        event: QEvent | None = None,
    ) -> bool:
        if trigger is None:
            return super().edit(index)
        if trigger == QAbstractItemView.EditTrigger.SelectedClicked:
            # Qt waits a double-click interval (~0.4 s) before editing a clicked cell that was already
            # selected, and throws away the keys typed meanwhile (issue 14: 「5」 typed at once after the
            # click, then Tab, was lost). Edit at once: the keys typed next go into the editor.
            trigger = QAbstractItemView.EditTrigger.EditKeyPressed
        return super().edit(index, trigger, event)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        leave = hint == QAbstractItemDelegate.EndEditHint.EditNextItem and self._at_end(True)
        if leave:
            hint = QAbstractItemDelegate.EndEditHint.NoHint
        super().closeEditor(editor, hint)
        self.grid_model.document.end_preview()  # Escape: the typed value is dropped, S1 as before
        if leave:
            self.focusNextPrevChild(True)

    def _update_frame(self) -> None:
        """Repaint the view's frame — the ring the style draws around it, which shows the focus — and not what
        it holds: the cells, the header, the scroll bars (each repaints itself when it changes)."""
        ring = self.frameWidth()
        rect = self.rect()
        self.update(QRegion(rect) - QRegion(rect.adjusted(ring, ring, -ring, -ring)))

    def _update_focus_marks(self) -> None:
        """Repaint what shows whether the grid has the focus: its frame, the current cell, the selected cells."""
        viewport = self.viewport()
        self._update_frame()
        current = self.currentIndex()
        if current.isValid():
            viewport.update(self.visualRect(current))
        if self.selectionModel() is not None:
            viewport.update(self.visualRegionForSelection(self.selectionModel().selection()))

    def focusOutEvent(self, event: QFocusEvent) -> None:
        # Qt (QWidget, QAbstractItemView) repaints the whole grid when the focus comes or goes — at every cell
        # editor opened and closed, so at every figure typed: only what depends on the focus is repainted here
        self._update_focus_marks()

    def focusInEvent(self, event: QFocusEvent) -> None:
        # what QAbstractItemView does, but the full repaint: a current cell, input methods on an input cell
        model = self.selectionModel()
        if model is not None and not self.currentIndex().isValid():
            first = self.moveCursor(QAbstractItemView.CursorAction.MoveNext, Qt.KeyboardModifier.NoModifier)
            if first.isValid() and first.flags() & Qt.ItemFlag.ItemIsEnabled:
                if event.reason() != Qt.FocusReason.MouseFocusReason:
                    model.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
        current = self.currentIndex()
        editable = current.isValid() and bool(current.flags() & Qt.ItemFlag.ItemIsEditable)
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, editable)
        self._update_focus_marks()
        current = self.currentIndex()
        order = self.grid_model.editable_positions()
        if order and (not current.isValid() or (current.row(), current.column()) not in order):
            if event.reason() == Qt.FocusReason.BacktabFocusReason:
                self.setCurrentIndex(self.grid_model.index(*order[-1]))
            elif event.reason() == Qt.FocusReason.TabFocusReason or not current.isValid():
                self.setCurrentIndex(self.grid_model.index(*order[0]))

    # -- clipboard -------------------------------------------------------------------------------------

    def selection_text(self) -> str:
        """Return the selected rectangle (or the current cell) as tab-separated text, as shown."""
        ranges = list(self.selectionModel().selection())
        if ranges:  # the ranges as selected, labels included (they are not selectable one by one)
            top, left = min(r.top() for r in ranges), min(r.left() for r in ranges)
            bottom, right = max(r.bottom() for r in ranges), max(r.right() for r in ranges)
            return self.grid_model.copy_text(top, left, bottom, right)
        current = self.currentIndex()
        if not current.isValid():
            return ""
        return self.grid_model.copy_text(current.row(), current.column(), current.row(), current.column())

    def paste_text(self, text: str) -> bool:
        """Paste `text` (copied from Excel, WPS or a web page) with its top-left at the current cell (or
        the selection's); return True when the draft changed. See `GridModel.paste`."""
        indexes = [i for i in self.selectionModel().selectedIndexes() if i.isValid()]
        ranges = list(self.selectionModel().selection())
        current = self.currentIndex()
        if ranges:
            row, column = min(r.top() for r in ranges), min(r.left() for r in ranges)
        elif current.isValid():
            row, column = current.row(), current.column()
        else:
            row, column = 0, 0
        selection = [(i.row(), i.column()) for i in indexes]
        return self.grid_model.paste(text, row, column, selection)
