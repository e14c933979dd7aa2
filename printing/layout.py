"""The report laid out on A4 pages like the DOCX export: `lay_out(draft)` → `PrintedReport` (pages of lines
and cell boxes, in twips), drawn by `printing.render` on a PDF writer, a printer or the print preview.

The page follows the DOCX export (`model.docx.writer`, FORMAT.md §7, GB/T 9704-2012): A4, margins 37 / 35 /
28 / 26 mm, a 22-line grid (line pitch 579 twips ≈ 28.95 pt) of 28 characters (三号 condensed by 0.3 pt);
title 二号 centred on two lines when long; body 三号 with a 2-character first-line indent, justified;
headings 一、 三号 黑体 and （一） 三号 楷体, kept with what follows; the three tables with the official grids
of `model.docx.grid`, the column widths of the DOCX (`model.docx.writer.column_widths`), 宋体 五号, every
border drawn, header cells centred, 0 in every number cell; a table that fits one page is kept on one page,
a longer one breaks between rows (never inside a row) with its header rows repeated; page numbers
「— N —」 in 四号 宋体 7 mm under the text block, right on odd and left on even pages, one character in.

Text is shaped and broken into lines by Qt (`QTextLayout`, Unicode line breaking: no 「，」 at a line start)
on a reference device of 1440 dpi, so one device unit is one twip and the layout is the same on every
printer, the PDF and the screen. Needs a `QGuiApplication`.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QImage, QTextCharFormat, QTextLayout, QTextOption

from model.docx.grid import GridCell, TableGrid
from model.docx.outline import (
    Closing,
    Paragraph,
    TableBlock,
    Title,
    cell_alignment,
    cell_lines,
    cell_text,
    closing_lines,
    printed_title,
    report_outline,
)
from model.docx.writer import (
    BODY_CHAR,
    BORDER_SIZE,
    CELL_MARGIN,
    CHAR_SPACING,
    FOOTER_DISTANCE,
    LINE_PITCH,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    ROW_HEIGHT,
    SIZE_BODY,
    SIZE_PAGE_NUMBER,
    SIZE_TABLE,
    SIZE_TITLE,
    TEXT_HEIGHT,
    TEXT_WIDTH,
    column_widths,
)
from model.draft import Draft
from printing.fonts import OWN_LATIN, FontChoice, Role, choose_fonts

DPI = 1440  # the layout's device: one unit is one twip (1/20 pt)
TITLE_PITCH = 700  # twips: the title's exact line height (35 pt), as the DOCX's Title style
PAGE_NUMBER_LINE = 360  # twips: the footer line of the page number (18 pt)
BORDER_WIDTH = BORDER_SIZE * 20 / 8  # twips: ¾ pt
EPSILON = 0.5  # twips: what a height may exceed the space left by, rounding aside


def _reference_device() -> QImage:
    image = QImage(1, 1, QImage.Format.Format_Mono)
    dots_per_metre = round(DPI / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    return image


def is_latin(ch: str) -> bool:
    """Return True if `ch` is set in the Latin face (Times New Roman): ASCII and the Latin letters up to
    U+024F; punctuation shared with Chinese (“” —) stays in the Chinese face, as Word's eastAsia hint does."""
    code = ord(ch)
    return 0x20 < code < 0x7F or 0xC0 <= code <= 0x24F


# ---------------------------------------------------------------------------------------------------------
# What a page holds


@dataclass
class PlacedLine:
    """One line of text on a page: line `index` of `layout`, drawn with its left edge at `x` and the top of
    its glyph box (ascent + descent) at `top`, in twips from the page's top-left corner."""

    layout: QTextLayout
    index: int
    x: float
    top: float

    @property
    def text(self) -> str:
        line = self.layout.lineAt(self.index)
        return self.layout.text()[line.textStart() : line.textStart() + line.textLength()]


@dataclass
class CellBox:
    """The box of one table cell on a page (a cell merged over rows split by a page break has a box on each
    page): `rect` in twips, `cell` its grid cell, `table` the section key of its table."""

    rect: QRectF
    cell: GridCell
    table: str


@dataclass
class Page:
    """One A4 page: its `number` (1-based), text `lines`, table cell `boxes` and the page-number line."""

    number: int
    lines: list[PlacedLine] = field(default_factory=list)
    boxes: list[CellBox] = field(default_factory=list)
    footer: PlacedLine | None = None

    @property
    def odd(self) -> bool:
        return self.number % 2 == 1


@dataclass
class PrintedReport:
    """A report laid out: its `pages`, the `fonts` used for each role and its `title` (for the PDF's
    properties and the print job's name)."""

    pages: list[Page]
    fonts: dict[Role, FontChoice]
    title: str
    author: str


# ---------------------------------------------------------------------------------------------------------
# Styles and text


@dataclass(frozen=True)
class _Style:
    role: Role
    size_twips: int  # font size in twips (三号 16 pt = 320)
    spacing: int = 0  # twips added to each character (negative: condensed)


_STYLES: dict[str, _Style] = {
    "title": _Style("title", SIZE_TITLE * 10),
    "body": _Style("body", SIZE_BODY * 10, CHAR_SPACING),
    "heading1": _Style("heading1", SIZE_BODY * 10, CHAR_SPACING),
    "heading2": _Style("heading2", SIZE_BODY * 10, CHAR_SPACING),
    "table": _Style("table", SIZE_TABLE * 10),
    "page_number": _Style("page_number", SIZE_PAGE_NUMBER * 10),
}


class _Typesetter:
    """Makes the fonts of each style and lays out text into lines on the reference device."""

    def __init__(self, fonts: dict[Role, FontChoice]) -> None:
        self.fonts = fonts
        self.device = _reference_device()
        self._cache: dict[tuple[str, str], QFont] = {}

    def font(self, style: str, family_role: Role | None = None) -> QFont:
        s = _STYLES[style]
        role = family_role or s.role
        key = (style, role)
        if key not in self._cache:
            font = QFont(self.fonts[role].family)
            font.setPointSizeF(s.size_twips / 20)
            font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
            font.setKerning(False)
            if s.spacing:  # Qt takes absolute spacing in 1/96 inch
                font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, s.spacing / 20 * 96 / 72)
            self._cache[key] = font
        return self._cache[key]

    def baseline(self, style: str, pitch: float) -> float:
        """The baseline of a line of `style` in a line box `pitch` twips high: its glyph box (ascent +
        descent) centred in the box."""
        metrics = QFontMetricsF(self.font(style), self.device)
        return (pitch - metrics.ascent() - metrics.descent()) / 2 + metrics.ascent()

    def line_height(self, style: str) -> float:
        """The natural line height (ascent + descent + leading) of `style` on the reference device."""
        return QFontMetricsF(self.font(style), self.device).lineSpacing()

    def lay_out(
        self,
        text: str,
        style: str,
        width: float,
        *,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
        indent: float = 0.0,
    ) -> QTextLayout:
        """Return `text` broken into lines of `width` twips (the first `indent` twips shorter)."""
        layout = QTextLayout(text, self.font(style), self.device)
        option = QTextOption()
        option.setAlignment(align)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        if _STYLES[style].role not in OWN_LATIN:
            latin = QTextCharFormat()
            latin.setFont(self.font(style, "latin"))
            layout.setFormats(list(_latin_ranges(text, latin)))
        layout.beginLayout()
        first = True
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            left = indent if first else 0.0
            line.setLineWidth(max(1.0, width - left))
            line.setPosition(QPointF(left, 0))
            first = False
        layout.endLayout()
        return layout


def _latin_ranges(text: str, latin: QTextCharFormat) -> Iterator[QTextLayout.FormatRange]:
    start = None
    for i, ch in enumerate(text + "\0"):
        if i < len(text) and is_latin(ch):
            if start is None:
                start = i
        elif start is not None:
            fr = QTextLayout.FormatRange()
            fr.start, fr.length, fr.format = start, i - start, latin
            yield fr
            start = None


# ---------------------------------------------------------------------------------------------------------
# Flow items: what the page breaker places


@dataclass
class _Lines:
    """Lines of one paragraph at a fixed `pitch`, their baselines `baseline` twips under the top of each line
    box (the same for every style on the body's line grid, so headings and body share the grid)."""

    layouts: list[tuple[QTextLayout, int]]  # (layout, line index)
    pitch: float
    x: float
    baseline: float
    keep_with_next: bool = False
    keep_together: bool = False
    before: float = 0.0
    after: float = 0.0

    @property
    def height(self) -> float:
        return self.before + len(self.layouts) * self.pitch + self.after

    def start_height(self) -> float:
        """The least that must fit on a page for this paragraph to begin there (2 lines: no orphan)."""
        if self.keep_together or self.keep_with_next:
            return self.height
        return self.before + min(2, len(self.layouts)) * self.pitch


@dataclass
class _Cell:
    cell: GridCell
    layouts: list[QTextLayout]
    line_height: float
    text_height: float


@dataclass
class _Table:
    """A table: its grid, column x positions, row heights and the laid-out text of each cell."""

    key: str
    grid: TableGrid
    xs: list[float]  # left edge of each column and the right edge of the last
    heights: list[float]  # per grid row
    cells: dict[tuple[int, int], _Cell]
    keep_with_next: bool = False

    @property
    def height(self) -> float:
        return sum(self.heights)

    def header_height(self) -> float:
        return sum(self.heights[: self.grid.header_rows])

    def start_height(self, page_height: float) -> float:
        if self.height <= page_height:
            return self.height  # kept on one page
        first = self.grid.header_rows
        return sum(self.heights[: self._first_break_after(first) + 1])

    def _first_break_after(self, row: int) -> int:
        """The last row that must stay with `row`: rows a merged label needs to show its text."""
        end = row
        for (r, _c), c in self.cells.items():
            if r <= row < r + c.cell.rowspan and c.text_height > sum(self.heights[r : row + 1]):
                need, last = c.text_height, r
                while last < r + c.cell.rowspan - 1 and sum(self.heights[r : last + 1]) < need:
                    last += 1
                end = max(end, last)
        return end


_Item = _Lines | _Table


class _PageBreaker:
    """Places flow items on pages: keeps chains of keep-with-next items together, breaks paragraphs between
    lines (no orphan or widow line) and tables between rows (header rows repeated)."""

    def __init__(self, typesetter: _Typesetter) -> None:
        self.ts = typesetter
        self.pages: list[Page] = []
        self.y = 0.0  # from the top of the text block
        self.new_page()

    @property
    def page(self) -> Page:
        return self.pages[-1]

    @property
    def left(self) -> float:
        return TEXT_HEIGHT - self.y

    def new_page(self) -> None:
        self.pages.append(Page(len(self.pages) + 1))
        self.y = 0.0

    def place_all(self, items: list[_Item]) -> None:
        i = 0
        while i < len(items):
            j = i
            while j + 1 < len(items) and items[j].keep_with_next:
                j += 1
            chain = items[i : j + 1]
            last = chain[-1]
            tail = last.start_height(TEXT_HEIGHT) if isinstance(last, _Table) else last.start_height()
            need = sum(item.height for item in chain[:-1]) + tail
            if self.y > 0 and need > self.left + EPSILON and need <= TEXT_HEIGHT + EPSILON:
                self.new_page()
            for item in chain:
                if isinstance(item, _Table):
                    self.place_table(item)
                else:
                    self.place_lines(item)
            i = j + 1

    # paragraphs

    def place_lines(self, item: _Lines) -> None:
        lines = list(item.layouts)
        if self.y > 0:
            self.y += item.before
        while lines:
            fit = max(0, math.floor((self.left + EPSILON) / item.pitch))
            if fit >= len(lines):
                take = len(lines)
            elif fit < 2 and self.y > 0:  # an orphan line alone at the foot: the paragraph starts overleaf
                self.new_page()
                continue
            else:
                take = max(1, fit)
                if len(lines) - take == 1 and take > 2:  # no widow line alone at the top of the next page
                    take -= 1
            for layout, index in lines[:take]:
                top = MARGIN_TOP + self.y + item.baseline - layout.lineAt(index).ascent()
                self.page.lines.append(PlacedLine(layout, index, MARGIN_LEFT + item.x, top))
                self.y += item.pitch
            lines = lines[take:]
            if lines:
                self.new_page()
        self.y += item.after

    # tables

    def place_table(self, table: _Table) -> None:
        grid = table.grid
        header = list(range(grid.header_rows))
        row = 0
        fresh = self.y == 0  # nothing but this table's repeated header rows on the page yet
        while row < grid.rows:
            start = end = row
            height = 0.0
            while end < grid.rows and height + table.heights[end] <= self.left + EPSILON:
                height += table.heights[end]
                end += 1
            if start < end < grid.rows:
                # a label merged down several rows shows its text on the page where it begins: break before it
                while end > start + 1 and table._first_break_after(end - 1) >= end:
                    end -= 1
            body_start = max(start, grid.header_rows)
            if end <= body_start:  # not even the header rows and one row fit
                if not fresh:
                    self.new_page()
                    self._draw_rows(table, header if row > 0 else [])
                    fresh = True
                    continue
                end = body_start + 1  # a row taller than the page: placed all the same
            self._draw_rows(table, list(range(start, end)))
            row = end
            if row < grid.rows:
                self.new_page()
                self._draw_rows(table, header)
                fresh = True

    def _draw_rows(self, table: _Table, rows: list[int]) -> None:
        if not rows:
            return
        top = MARGIN_TOP + self.y
        row_tops = {}
        y = top
        for r in rows:
            row_tops[r] = y
            y += table.heights[r]
        first, last = rows[0], rows[-1]
        for (r, c), cell in table.cells.items():
            span_end = r + cell.cell.rowspan - 1
            if span_end < first or r > last:
                continue
            frag_first = max(r, first)
            frag_last = min(span_end, last)
            y0 = row_tops[frag_first]
            y1 = row_tops[frag_last] + table.heights[frag_last]
            x0, x1 = table.xs[c], table.xs[c + cell.cell.colspan]
            rect = QRectF(MARGIN_LEFT + x0, y0, x1 - x0, y1 - y0)
            self.page.boxes.append(CellBox(rect, cell.cell, table.key))
            if r >= first:  # the text stands in the cell's first fragment
                self._place_cell_text(cell, rect)
        self.y += y - top

    def _place_cell_text(self, cell: _Cell, rect: QRectF) -> None:
        y = rect.top() + max(0.0, (rect.height() - cell.text_height) / 2)
        for layout in cell.layouts:
            for i in range(layout.lineCount()):
                line = layout.lineAt(i)
                lead = (cell.line_height - (line.ascent() + line.descent())) / 2
                self.page.lines.append(PlacedLine(layout, i, rect.left() + CELL_MARGIN, y + lead))
                y += cell.line_height


# ---------------------------------------------------------------------------------------------------------
# From the outline to flow items


def _lines_item(
    layouts: list[QTextLayout],
    pitch: float,
    baseline: float,
    *,
    keep_with_next: bool = False,
    keep_together: bool = False,
    before: float = 0.0,
    after: float = 0.0,
) -> _Lines:
    pairs = [(layout, i) for layout in layouts for i in range(layout.lineCount())]
    return _Lines(pairs, pitch, 0.0, baseline, keep_with_next, keep_together, before, after)


def _table_item(ts: _Typesetter, block: TableBlock, draft: Draft) -> _Table:
    grid = block.grid
    widths = column_widths(grid, draft)
    xs = [0.0]
    for w in widths:
        xs.append(xs[-1] + w)
    line_height = ts.line_height("table")
    cells: dict[tuple[int, int], _Cell] = {}
    for gc in grid.cells:
        width = xs[gc.col + gc.colspan] - xs[gc.col] - 2 * CELL_MARGIN
        text = cell_text(draft, gc)
        align = Qt.AlignmentFlag.AlignLeft if cell_alignment(gc) == "left" else Qt.AlignmentFlag.AlignHCenter
        layouts = [ts.lay_out(piece, "table", width, align=align) for piece in cell_lines(gc, text) if piece]
        count = sum(layout.lineCount() for layout in layouts)
        cells[(gc.row, gc.col)] = _Cell(gc, layouts, line_height, count * line_height)
    heights = [float(ROW_HEIGHT)] * grid.rows
    for c in cells.values():
        if c.cell.rowspan == 1:
            heights[c.cell.row] = max(heights[c.cell.row], c.text_height)
    for c in cells.values():  # a merged cell taller than its rows: the last of them grows
        if c.cell.rowspan > 1:
            rows = range(c.cell.row, c.cell.row + c.cell.rowspan)
            short = c.text_height - sum(heights[r] for r in rows)
            if short > 0:
                heights[rows[-1]] += short
    return _Table(block.section, grid, xs, heights, cells)


def _items(ts: _Typesetter, draft: Draft) -> list[_Item]:
    items: list[_Item] = []
    grid_baseline = ts.baseline("body", LINE_PITCH)
    for block in report_outline(draft):
        if isinstance(block, Title):
            layouts = [
                ts.lay_out(line, "title", TEXT_WIDTH, align=Qt.AlignmentFlag.AlignHCenter) for line in block.lines
            ]
            baseline = ts.baseline("title", TITLE_PITCH)
            items.append(
                _lines_item(layouts, TITLE_PITCH, baseline, keep_with_next=True, keep_together=True, after=LINE_PITCH)
            )
        elif isinstance(block, Paragraph):
            justified = Qt.AlignmentFlag.AlignJustify
            layout = ts.lay_out(block.text, block.style, TEXT_WIDTH, align=justified, indent=2 * BODY_CHAR)
            items.append(_lines_item([layout], LINE_PITCH, grid_baseline, keep_with_next=block.keep_with_next))
        elif isinstance(block, TableBlock):
            items.append(_table_item(ts, block, draft))
        elif isinstance(block, Closing):
            lines = closing_lines(block)
            layouts = [
                ts.lay_out(text, "body", TEXT_WIDTH - indent * BODY_CHAR, align=Qt.AlignmentFlag.AlignRight)
                for text, indent in lines
            ]
            item = _lines_item(layouts, LINE_PITCH, grid_baseline, keep_together=True, before=2 * LINE_PITCH)
            items.append(item)
    return items


def _page_number(ts: _Typesetter, page: Page) -> PlacedLine:
    text = f"— {page.number} —"
    layout = ts.lay_out(text, "page_number", TEXT_WIDTH)
    line = layout.lineAt(0)
    width = line.naturalTextWidth()
    one_char = SIZE_PAGE_NUMBER * 10  # one character of 四号 in from the edge
    if page.odd:
        x = PAGE_WIDTH - MARGIN_RIGHT - one_char - width
    else:
        x = MARGIN_LEFT + one_char
    line_top = PAGE_HEIGHT - FOOTER_DISTANCE - PAGE_NUMBER_LINE
    top = line_top + (PAGE_NUMBER_LINE - line.ascent() - line.descent()) / 2
    return PlacedLine(layout, 0, x, top)


def lay_out(draft: Draft, fonts: dict[Role, FontChoice] | None = None) -> PrintedReport:
    """Return `draft` laid out on A4 pages in the official layout (see the module docstring).

    `fonts` gives the face of each role (`printing.fonts.choose_fonts()`, the faces installed, when None).
    """
    chosen = fonts if fonts is not None else choose_fonts()
    ts = _Typesetter(chosen)
    breaker = _PageBreaker(ts)
    breaker.place_all(_items(ts, draft))
    pages = breaker.pages
    if len(pages) > 1 and not pages[-1].lines and not pages[-1].boxes:
        pages.pop()
    for page in pages:
        page.footer = _page_number(ts, page)
    author = draft.agency.strip() or "年报填报助手"
    return PrintedReport(pages, chosen, printed_title(draft), author)
