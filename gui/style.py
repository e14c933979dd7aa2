"""The look of the wizard: one accent colour, read-only shading, severity colours that also differ by icon;
the larger-text option (text at 100–200 %, fixed sizes following through `keep_fitted`)."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from gui.qt_namespace import Qt
from model.findings import Severity

if TYPE_CHECKING:  # (imported where they draw: PySide makes a class when it is first named, after the first paint)
    from PySide6.QtGui import QBrush, QIcon, QPainter, QPainterPath

ACCENT = QColor("#2f6db5")
ACCENT_LIGHT = QColor("#dce8f6")
HEADER_BG = QColor("#e6ebf2")
READONLY_BG = QColor("#eef0f3")
READONLY_FG = QColor("#4b5563")
TEXT = QColor("#1f2933")
QUIET_BG = QColor("#f1f3f6")  # a message bar with nothing to say
QUIET_LINE = QColor("#c3ccd8")

# Severity colours: a tint for backgrounds, a strong colour for frames and text. Each severity also has
# its own icon shape (circle ×, triangle !, circle i) and cell frame pattern, so colour is never the only cue.
SEVERITY_TINT = {
    Severity.ERROR: QColor("#fbe4e2"),
    Severity.EXPLAIN: QColor("#fdf1d6"),
    Severity.HINT: QColor("#e8eef7"),
}
SEVERITY_STRONG = {
    Severity.ERROR: QColor("#b3261e"),
    Severity.EXPLAIN: QColor("#8a5a00"),
    Severity.HINT: QColor("#3d5a80"),
}
INPUT_REFUSED = Severity.ERROR


def severity_pen_style(severity: Severity) -> Qt.PenStyle:
    """Return the line of a cell's frame for a finding of `severity`: solid (错误), dashed (需说明), dotted (提示)."""
    lines = {
        Severity.ERROR: Qt.PenStyle.SolidLine,
        Severity.EXPLAIN: Qt.PenStyle.DashLine,
        Severity.HINT: Qt.PenStyle.DotLine,
    }
    return lines[severity]


def _icon_path(severity: Severity, s: float) -> tuple[QPainterPath, str]:
    from PySide6.QtGui import QPainterPath

    path = QPainterPath()
    if severity is Severity.EXPLAIN:
        path.moveTo(QPointF(s / 2, 1))
        path.lineTo(QPointF(s - 1, s - 1.5))
        path.lineTo(QPointF(1, s - 1.5))
        path.closeSubpath()
        return path, "!"
    path.addEllipse(QRectF(1, 1, s - 2, s - 2))
    return path, "×" if severity is Severity.ERROR else "i"


def painted_icon(size: int, paint: Callable[[QPainter, float], None]) -> QIcon:
    """Return an icon of `size` px drawn by `paint(painter, size)` at 1× and 2× (sharp on high-DPI screens)."""
    from PySide6.QtGui import QIcon, QPainter, QPixmap

    icon = QIcon()
    for scale in (1, 2):
        pixmap = QPixmap(size * scale, size * scale)
        pixmap.setDevicePixelRatio(scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint(painter, float(size))
        painter.end()
        icon.addPixmap(pixmap)
    return icon


@cache
def severity_icon(severity: Severity, size: int = 16) -> QIcon:
    """Return the icon of `severity`: a red circle with ×, an amber triangle with !, a blue circle with i."""

    from PySide6.QtGui import QPen

    def paint(painter: QPainter, s: float) -> None:
        path, mark = _icon_path(severity, s)
        painter.fillPath(path, SEVERITY_STRONG[severity])
        painter.setPen(QPen(QColor("white")))
        font = QFont()
        font.setBold(True)
        font.setPixelSize(int(s * (0.8 if severity is Severity.ERROR else 0.62)))
        painter.setFont(font)
        painter.drawText(QRectF(0, 2 if severity is Severity.EXPLAIN else 0, s, s), Qt.AlignmentFlag.AlignCenter, mark)

    return painted_icon(size, paint)


def cell_brush(severity: Severity) -> QBrush:
    """Return the background brush of a cell involved in a finding of `severity`."""
    from PySide6.QtGui import QBrush

    return QBrush(SEVERITY_TINT[severity])


def colour_name(colour: QColor) -> str:
    """Return `colour` as #rrggbb for style sheets."""
    return colour.name()


_FITS: weakref.WeakSet[_FitOnFontChange] = weakref.WeakSet()
TEXT_SCALES = (100, 115, 130, 150, 175, 200)  # the larger-text steps, in % of the system font
_TEXT = {"scale": 100, "base": 0.0}


LEAD = QColor("#52606d")  # a page's or panel's lead text, a quiet note

# The labels' looks by their role, the label's object name: colour, and bold for a heading. Set on the label
# itself (`set_role`), not by an application style sheet: with one, Qt's style-sheet style polishes every
# widget of every window — some 30 M instructions more at every start (issue 11) — and a widget's font no
# longer follows the larger-text option by itself.
LABEL_ROLES: dict[str, tuple[QColor, bool]] = {
    "pageLead": (LEAD, False),
    "titlePreview": (ACCENT, False),
    "sectionLabel": (TEXT, True),
    "readonlyNote": (READONLY_FG, False),
}


def set_role(label: QWidget, role: str) -> None:
    """Give `label` the look of `role`, a key of `LABEL_ROLES` (its text colour; bold for 'sectionLabel'), and
    that object name. Raises KeyError for another role."""
    colour, bold = LABEL_ROLES[role]
    label.setObjectName(role)
    palette = QPalette()  # only the text colour set: the rest follows the window's
    palette.setColor(QPalette.ColorRole.WindowText, colour)
    label.setPalette(palette)
    if bold:
        font = QFont()  # only the weight set: the size follows the application's (larger text)
        font.setBold(True)
        label.setFont(font)


# The side panel's page list and buttons (`ReportWizard`, set on the panel when it is built after the first
# paint), and the tables (the grids of 二、三、四, the county's tables); no font sizes, so that the larger-text
# option only has to change the application font.
SIDE_SHEET = f"""
QListWidget#pageList {{ border: none; background: transparent; }}
QListWidget#pageList::item {{ padding: 5px 8px; border-radius: 4px; }}
QListWidget#pageList::item:selected {{ background: {ACCENT.name()}; color: white; }}
QToolButton#sideAction {{ padding: 4px 6px; border: 1px solid #c3ccd8; border-radius: 4px; background: white; }}
QToolButton#sideAction:hover {{ border-color: {ACCENT.name()}; background: #eef2f7; }}
QToolButton#sideAction:disabled {{ color: #9aa5b1; background: transparent; }}
QToolButton#sideAction::menu-button {{ border-left: 1px solid #c3ccd8; width: 18px; }}
QToolButton#sideAction[compact="true"] {{ padding: 2px 3px; }}
QToolButton#sideAction[menuText="true"]::menu-indicator {{ image: none; width: 0px; }}
"""
TABLE_SHEET = (
    f"QTableView {{ gridline-color: #b8c2cf; background: white; selection-background-color: {ACCENT_LIGHT.name()};"
    f" selection-color: {TEXT.name()}; }}"
)


def text_scale() -> int:
    """Return the text size in % of the system font (the larger-text option; 100 by default)."""
    return int(_TEXT["scale"])


def base_points(app: QApplication) -> float:
    """Return the point size of the text at 100 % (the system font, before any larger text)."""
    return float(_TEXT["base"]) or app.font().pointSizeF()


def px(pixels: int) -> int:
    """Return `pixels` (a size laid out for text at 100 %) scaled to the current text size."""
    return round(pixels * _TEXT["scale"] / 100)


ICON_SIZE = 16  # px, the severity icons with text at 100 % (the cells' keep it: `gui.tables.models`)


def icon_size() -> int:
    """Return the side of the severity icons of the message lines and the findings list at the current text
    size, px: they grow with the text."""
    return px(ICON_SIZE)


def set_text_scale(app: QApplication, percent: int) -> int:
    """Make the text of every window `percent` % of the system font (clamped to 100–200); return the
    scale applied. Widgets laid out with `keep_fitted` follow at once."""
    percent = max(TEXT_SCALES[0], min(TEXT_SCALES[-1], int(percent)))
    if not _TEXT["base"]:
        _TEXT["base"] = app.font().pointSizeF()
    _TEXT["scale"] = percent
    font = QFont(app.font())
    font.setPointSizeF(_TEXT["base"] * percent / 100)
    app.setFont(font)
    # Under a style sheet (the side panel, the tables, the message bars) a widget's font is set when it is
    # polished and does not follow the application font by itself: polish the shown windows again, parents
    # before children (the hidden ones follow when shown — a whole-application re-polish would cost seconds)
    for window in app.topLevelWidgets():
        if window.isVisible():
            _repolish(window)
    for fitter in list(_FITS):  # now that the fonts are right, size what depends on them
        try:
            if fitter.widget.window().isVisible():
                fitter.fit()
        except RuntimeError:  # its widget is gone
            _FITS.discard(fitter)
    return percent


def _repolish(widget: QWidget) -> None:
    widget.style().polish(widget)  # (no unpolish: it would bring back fonts from before the fits)
    for child in widget.children():
        if isinstance(child, QWidget):
            _repolish(child)


def sized_font(base: QFont, points: float, bold: bool = True) -> QFont:
    """Return `base` at `points` pt (a size for text at 100 %, scaled to the current text size), bold."""
    font = QFont(base)
    font.setPointSizeF(points * text_scale() / 100)
    font.setBold(bold)
    return font


_NO_LINE_START = set("、，。；：？！）》」』”’")  # punctuation that must not begin a line


def break_lines(text: str, fits: Callable[[str], bool]) -> str:
    """Return `text` with line breaks ('\n') where it must wrap, `fits(line)` telling whether a line fits.

    Chinese has no spaces to wrap at, and Qt wraps at any character, which leaves 「社会公益组|织」: here a
    short label of two-character words (商业企业, 社会公益组织, 法律服务机构, 结果维持) wraps between words
    (社会公益|组织, or 社会|公益|组织 when narrower); longer text wraps as late as fits, never leaves one
    character alone on its last line, and never starts a line with 、，。）」. Existing line breaks are kept.
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines += _break_paragraph(paragraph, fits)
    return "\n".join(lines)


def _break_paragraph(text: str, fits: Callable[[str], bool]) -> list[str]:
    if not text or fits(text):
        return [text]
    if 4 <= len(text) <= 8 and len(text) % 2 == 0 and all("\u4e00" <= c <= "\u9fff" for c in text):
        by_words = _pack(_pairs(text), fits)
        if by_words:
            return by_words
    lines: list[str] = []
    rest = text
    while rest and not fits(rest):
        k = 1
        while k < len(rest) and fits(rest[: k + 1]):
            k += 1
        space = rest.rfind(" ", 1, k + 1)
        if space > 0:  # Latin words and spaced text wrap at a space
            k = space
        while 1 < k < len(rest) and rest[k] in _NO_LINE_START:
            k -= 1
        lines.append(rest[:k].rstrip())
        rest = rest[k:].lstrip()
    lines.append(rest)
    if len(lines) > 1 and len(lines[-1]) == 1 and len(lines[-2]) > 2:  # no single character alone
        lines[-2], lines[-1] = lines[-2][:-1], lines[-2][-1] + lines[-1]
    return lines


def _pairs(text: str) -> list[str]:
    return [text[i : i + 2] for i in range(0, len(text), 2)]


def _pack(words: list[str], fits: Callable[[str], bool]) -> list[str]:
    """Return `words` packed into as few lines as fit, or [] if a word alone does not fit."""
    lines: list[str] = []
    line = ""
    for word in words:
        if fits(line + word):
            line += word
        elif not line or not fits(word):
            return []
        else:
            lines.append(line)
            line = word
    return lines + [line]


def step_text_scale(current: int, larger: bool) -> int:
    """Return the next larger (or smaller) step of `TEXT_SCALES` after `current`."""
    if larger:
        return next((s for s in TEXT_SCALES if s > current), TEXT_SCALES[-1])
    return next((s for s in reversed(TEXT_SCALES) if s < current), TEXT_SCALES[0])


class _FitOnFontChange(QObject):
    def __init__(self, widget: QWidget, fit: Callable[[], None]) -> None:
        super().__init__(widget)
        self.widget = widget
        self.fit = fit
        widget.installEventFilter(self)
        _FITS.add(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FontChange:
            self.fit()
        return False


def keep_fitted(widget: QWidget, fit: Callable[[], None]) -> None:
    """Call `fit` (which sizes `widget`, e.g. ``setFixedWidth(px(120))``) now and whenever the widget's font
    changes — the larger-text option — so fixed sizes grow with the text."""
    fit()
    _FitOnFontChange(widget, fit)


def paint_focus_ring(widget: QWidget) -> None:
    """Draw the house focus frame over `widget` (after it painted itself): a 2-pixel ring in the accent colour,
    as visible as a focused line edit's. Fusion draws none one could see on spin boxes and date fields (issue 14:
    tabbing onto 报告年度 showed no frame); `gui.widgets.SpinBox` and `DateEdit` call this while they have the
    focus. (Not a proxy style: a Python `QStyle` costs some 50 M instructions at every start, and a call into
    Python for every scroll bar painted.)"""
    from PySide6.QtGui import QPainter, QPen

    painter = QPainter(widget)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(QPen(ACCENT, 2))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(QRectF(widget.rect()).adjusted(1, 1, -1, -1), 2, 2)
    painter.end()


def apply_style(app: QApplication, fusion_chosen: bool = False) -> None:
    """Give `app` the house look: Fusion style (the spin boxes and date fields draw a clear focus frame,
    `paint_focus_ring`), the accent colour for selections and links, calm greys. `fusion_chosen`: Fusion was
    chosen as `app` was made (`gui.app.create_application`), so it is not set again."""
    if not fusion_chosen:
        app.setStyle("Fusion")
    palette = app.palette()
    palette.setColor(QPalette.ColorRole.Highlight, ACCENT)
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("white"))
    palette.setColor(QPalette.ColorRole.Link, ACCENT)
    palette.setColor(QPalette.ColorRole.Window, QColor("#f7f8fa"))
    palette.setColor(QPalette.ColorRole.WindowText, TEXT)
    palette.setColor(QPalette.ColorRole.Text, TEXT)
    app.setPalette(palette)


@cache
def ok_icon(size: int = 16) -> QIcon:
    """Return the icon of a done notice: an accent circle with a check mark."""
    from PySide6.QtGui import QPen

    def paint(painter: QPainter, s: float) -> None:
        painter.setBrush(ACCENT)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(QRectF(1, 1, size - 2, size - 2))
        pen = QPen(QColor("white"), size / 8)
        painter.setPen(pen)
        painter.drawPolyline(
            [QPointF(size * 0.28, size * 0.52), QPointF(size * 0.44, size * 0.68), QPointF(size * 0.72, size * 0.34)]
        )

    return painted_icon(size, paint)
