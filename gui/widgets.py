"""Small widgets shared by the pages: the inline message bar, number and text fields bound to the draft."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence, QMouseEvent, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gui import style
from gui.document import DraftDocument
from gui.guided import EXPLAINED_LABEL, can_explain, can_fix, fix_text
from gui.keyboard import focus_kept
from gui.qt_namespace import TEXT_WORD_WRAP, Qt
from model.findings import Cell, Finding, Severity

# ---------------------------------------------------------------------------------------------------------
# Undo/redo go to the document's stack, not to a line edit's private history


class ClickableLabel(QLabel):
    """A label that emits `clicked` when clicked with the left button (a pointing hand shows it can be)."""

    clicked = Signal()

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class UndoPassThrough(QObject):
    """Event filter letting Ctrl+Z / Ctrl+Y reach the window's undo actions instead of a text field."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if (
                event.matches(QKeySequence.StandardKey.Undo)
                or event.matches(QKeySequence.StandardKey.Redo)
                or (event.key() == Qt.Key.Key_Y and event.modifiers() == Qt.KeyboardModifier.ControlModifier)
            ):
                event.ignore()
                return True
        return False


_PASS_THROUGH: UndoPassThrough | None = None


def route_undo_to_window(widget: QWidget) -> None:
    """Make Ctrl+Z / Ctrl+Y in `widget` undo and redo the draft's edits (the one undo stack)."""
    global _PASS_THROUGH
    if _PASS_THROUGH is None:
        _PASS_THROUGH = UndoPassThrough()
    widget.installEventFilter(_PASS_THROUGH)
    if isinstance(widget, QPlainTextEdit):
        widget.setUndoRedoEnabled(False)


class FieldVisit(QObject):
    """Counts the visits of a field (focus coming in, a calendar popup's return excepted), so that the
    changes made in one visit merge into one undo step: `group()` is passed to `DraftDocument.set_value`.

    A date typed section by section (年, Tab, 月, Tab, 日) emits a change at each Tab; without this it
    would take two or three Ctrl+Z to undo one date.
    """

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and isinstance(event, QFocusEvent):
            if event.reason() != Qt.FocusReason.PopupFocusReason:
                self.count += 1
        return False

    def group(self) -> tuple[int, int]:
        """Return the merge group of changes made now: the same for the whole visit."""
        return (id(self), self.count)


# ---------------------------------------------------------------------------------------------------------
# Message bar


class MessageBar(QFrame):
    """An inline, non-modal list of findings (and one transient notice), coloured by the worst open severity.

    Each line shows the severity's icon and name (错误 / 需说明 / 提示) before the message, so colour is
    never the only cue. Open findings come first, then explained ones (「已说明」 with the explanation).
    At most `max_lines` findings are listed; the rest are counted. A line's buttons emit
    `fix_requested(Finding)` (「改正」, where the finding proposes a fix such as 「结转下年度 应为 1」),
    `explain_requested(Finding)` (「说明…」 / 「修改说明」) and `unexplain_requested(Finding)` (「删除说明」);
    its 「定位」 link emits `finding_activated(Finding)`. Hidden when there is nothing to say — unless it is
    `steady`.

    A notice may name a `cell` (a figure stored after a refused keystroke, a figure not stored): it then has a
    「定位」 link (`cell_activated(Cell)`) and 「知道了」 to close it, and the page keeps it until that cell is
    edited again (`ReportPage`), not only until the next edit.

    A steady bar (one standing above fields the clerk types in, whose checks re-run on every keystroke)
    keeps the fields below it in place: it is always shown (「本页没有需要处理的检查结果」 when there is
    nothing to say), every line is as high as a line with buttons, and while its page is shown it never
    gets lower — lines that go leave their room empty, so a finding that comes and goes as the clerk types
    moves nothing. It only grows when more lines are needed than ever before on this visit of the page;
    `reset_height()` (the page being shown again) lets it fit its lines.

    `explanation_of(finding) -> str` (set by the page) gives the written explanation of a finding; without
    it the bar offers no 说明 buttons.
    """

    NOTHING_TO_SAY = "本页没有需要处理的检查结果"

    finding_activated = Signal(object)
    fix_requested = Signal(object)
    explain_requested = Signal(object)
    unexplain_requested = Signal(object)
    cell_activated = Signal(object)

    def __init__(self, parent: QWidget | None = None, max_lines: int = 4) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.max_lines = max_lines
        self.explanation_of: Callable[[Finding], str] | None = None
        self._findings: list[Finding] = []
        self._explanations: list[str] = []
        self._notice: tuple[str, Severity | None] | None = None
        self._notice_cell: Cell | None = None
        self._steady = False
        self._tallest = 0  # a steady bar's height, never less while its page is shown
        self._dirty = False  # content changed while its page was hidden: drawn when shown (`flush`)
        self._shape: list[object] = []  # what each line drawn is made of; a line of the same make is reused
        self._rows: list[QWidget] = []
        self._sheet = ""
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(10, 6, 10, 6)
        self._layout.setSpacing(3)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.hide()

    # -- steadiness ------------------------------------------------------------------------------------

    @property
    def steady(self) -> bool:
        """Return True if the bar keeps its place and height while its page is shown (see the class)."""
        return self._steady

    def set_steady(self, steady: bool) -> None:
        """Make the bar steady (always shown, never lower while its page is shown) or not."""
        if steady != self._steady:
            self._steady = steady
            self.reset_height()
            self._rebuild()

    def reset_height(self) -> None:
        """Let the bar fit its lines again (its page is being shown); a steady bar keeps room for one
        finding of two lines (`reserved_height()`)."""
        self._tallest = 0
        self.setMinimumHeight(self.reserved_height() if self._steady else 0)
        self.updateGeometry()

    def reserved_height(self) -> int:
        """Return the height a steady bar always keeps: one finding whose text takes two lines, or one line
        with buttons (「改正」「说明…」), whichever is higher — at the current text size."""
        button = QPushButton("改正", self)  # styled as the bar's buttons and labels are
        text = QLabel("一\n二", self)
        line = max(button.sizeHint().height(), text.sizeHint().height())
        for probe in (button, text):  # gone at once (not shown with the bar)
            probe.setParent(None)
        inner, frame = self._layout.contentsMargins(), self.contentsMargins()
        return inner.top() + inner.bottom() + frame.top() + frame.bottom() + line

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._steady and self.isVisible() and self.height() > self._tallest:
            self._tallest = self.height()
            self.setMinimumHeight(self._tallest)  # lines that go later leave their room empty

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # larger text: larger icons, more room kept
            for icon in self.findChildren(QLabel, "findingIcon"):
                _set_finding_icon(icon)
            if self._steady:
                self.reset_height()

    # -- content ---------------------------------------------------------------------------------------

    def set_max_lines(self, lines: int) -> None:
        """List at most `lines` findings (the rest counted: 「另有 N 条，见「检查与导出」页」)."""
        if lines != self.max_lines:
            self.max_lines = lines
            self._rebuild()

    def set_findings(self, findings: Sequence[Finding]) -> None:
        """Show `findings` (in severity order; explained ones move after the open ones); nothing is redrawn
        when neither they nor their explanations changed."""
        ordered = [f for f in findings if f.is_open] + [f for f in findings if not f.is_open]
        explanations = [self._explanation(f) for f in ordered]
        if ordered == self._findings and explanations == self._explanations:
            return
        self._findings, self._explanations = ordered, explanations
        self._rebuild()

    def set_notice(self, text: str, severity: Severity | None = Severity.ERROR, cell: Cell | None = None) -> None:
        """Show a transient `text` above the findings (a refused input, a failed save); None severity: done.
        A notice about `cell` gets 「定位」 and 「知道了」 (see the class)."""
        self._notice = (text, severity)
        self._notice_cell = cell
        self._rebuild()

    def clear_notice(self) -> None:
        """Remove the transient notice."""
        if self._notice is not None:
            self._notice = None
            self._notice_cell = None
            self._rebuild()

    def _close_notice(self) -> None:
        with focus_kept(self):  # 「知道了」 goes with its line: the focus back to the field
            self.clear_notice()

    def notice_cell(self) -> Cell | None:
        """Return the cell the notice is about, None for a notice about no cell (or no notice)."""
        return self._notice_cell

    def notice(self) -> str:
        """Return the transient notice's text, '' when there is none."""
        return self._notice[0] if self._notice else ""

    def messages(self) -> list[str]:
        """Return the texts shown, notice first: exactly each finding's `message`."""
        texts = [self._notice[0]] if self._notice else []
        return texts + [f.message for f in self._findings[: self.max_lines]]

    def shown(self) -> list[Finding]:
        """Return the findings listed (at most `max_lines`), open ones first."""
        return self._findings[: self.max_lines]

    def worst(self) -> Severity | None:
        """Return the most severe severity shown (the bar's colour), None for a plain notice."""
        severities = [f.severity for f in self._findings if f.is_open]
        if self._notice and self._notice[1] is not None:
            severities.append(self._notice[1])
        return min(severities, key=lambda s: s.rank) if severities else None

    def buttons(self, finding: Finding) -> dict[str, QPushButton]:
        """Return the buttons of `finding`'s line by their text (「改正」, 「说明…」, 「修改说明」, 「删除说明」)."""
        self.flush()
        for i in range(self._layout.count()):
            row = self._layout.itemAt(i).widget()
            if row is not None and row.property("finding") == finding:
                return {b.text(): b for b in row.findChildren(QPushButton)}
        return {}

    def _explanation(self, finding: Finding) -> str:
        return self.explanation_of(finding) if self.explanation_of is not None else ""

    # -- drawing ---------------------------------------------------------------------------------------

    def flush(self) -> None:
        """Draw what changed while the bar's page was hidden (its page calls this when shown)."""
        if self._dirty:
            self._rebuild()

    def _line_shape(self, finding: Finding, explanation: str) -> tuple[object, ...]:
        """Return what a finding's line is made of, apart from its text: severity, 已说明, buttons, 「定位」."""
        buttons: list[str] = []
        if can_fix(finding) and finding.fix is not None:
            buttons.append("改正")
        if self.explanation_of is not None and can_explain(finding):
            buttons += ["修改说明", "删除说明"] if explanation else ["说明…"]
        return (finding.severity, finding.explained, tuple(buttons), bool(finding.cells))

    def _rebuild(self) -> None:
        parent = self.parentWidget()
        if parent is not None and not parent.isVisible():  # its page is hidden: drawn when shown
            self._dirty = True
            return
        self._dirty = False
        listed = list(zip(self._findings, self._explanations, strict=True))[: self.max_lines]
        rest = len(self._findings) - self.max_lines
        # the lines wanted, each with what it is made of apart from its text: a line of the same make at the
        # same place is kept and its text changed (S1 follows the typing), only the others are made anew
        wanted: list[tuple[object, Callable[[], QWidget], Callable[[QWidget], None] | None]] = []
        if self._notice:
            notice = self._notice
            wanted.append((("notice", notice, self._notice_cell), lambda: self._notice_line(*notice), None))
        for f, explanation in listed:
            wanted.append(
                (
                    ("finding", self._line_shape(f, explanation)),
                    lambda f=f, e=explanation: self._line(f.severity, f.message, f, e),  # type: ignore[misc]
                    lambda row, f=f, e=explanation: self._fill_line(row, f, e),  # type: ignore[misc]
                )
            )
        if self._steady and not wanted:
            wanted.append((("quiet",), lambda: self._line(None, self.NOTHING_TO_SAY, None, "", quiet=True), None))
        if rest > 0:
            text = f"另有 {rest} 条，见「检查与导出」页"
            wanted.append((("more",), lambda: self._more_line(text), lambda row: row.setText(text)))  # type: ignore[attr-defined]
        self._update_lines(wanted)
        worst = self.worst()
        tint = style.SEVERITY_TINT[worst] if worst else style.ACCENT_LIGHT
        strong = style.SEVERITY_STRONG[worst] if worst else style.ACCENT
        if not (self._notice or self._findings):  # a steady bar with nothing to say: calm grey
            tint, strong = style.QUIET_BG, style.QUIET_LINE
        sheet = (
            f"QFrame#messageBar {{ background: {tint.name()}; border: 1px solid {strong.name()};"
            f" border-left: 5px solid {strong.name()}; border-radius: 3px; }}"
            f" QFrame#messageBar QLabel {{ background: transparent; border: none; }}"
            f" QFrame#messageBar QPushButton {{ padding: 1px 10px; }}"
        )
        if sheet != self._sheet:  # (about 15 ms: only when the colour changes)
            self._sheet = sheet
            self.setStyleSheet(sheet)
        self.setVisible(bool(self._steady or self._notice or self._findings))

    def _update_lines(
        self, wanted: list[tuple[object, Callable[[], QWidget], Callable[[QWidget], None] | None]]
    ) -> None:
        """Make the bar's lines those `wanted` — (make, build, fill) each: the lines up to the first of another
        make are kept, their texts filled in; from there on lines are built anew (so that the order of the
        lines, and of their buttons for Tab, stays the order they were made in)."""
        made = list(zip(self._shape, self._rows, strict=False))
        keep = 0
        while keep < min(len(made), len(wanted)) and made[keep][0] == wanted[keep][0]:
            keep += 1
        self._layout.setEnabled(False)  # laid out once when all lines are there, not once per line
        rows = [row for _make, row in made[:keep]]
        for (_make, _build, fill), row in zip(wanted[:keep], rows, strict=True):
            if fill is not None:
                fill(row)
        for _make, row in made[keep:]:
            self._drop(row)
        for i, (_make, build, _fill) in enumerate(wanted[keep:], start=keep):
            row = build()
            row.ensurePolished()  # styled now, so its size is known before it is laid out
            self._layout.insertWidget(i, row)
            if not self._steady:  # now: Qt would show each later, the bar (and the grid above) growing each time
                row.show()  # (a steady bar keeps its height anyway, and must not grow to a line's first guess)
            rows.append(row)
        if self._layout.count() == len(rows):
            self._layout.addStretch(1)  # a steady bar higher than its lines keeps them at the top
        self._layout.setEnabled(True)
        for row in rows[keep:]:  # new lines: their texts measured again now that they are styled (as Qt does
            for widget in (row, *row.findChildren(QWidget)):  # when a style sheet is set), or they stay too high
                QApplication.sendEvent(widget, QEvent(QEvent.Type.StyleChange))
        self._rows = rows
        self._shape = [make for make, _build, _fill in wanted]

    def _drop(self, row: QWidget) -> None:
        self._layout.removeWidget(row)
        row.hide()  # at once: deleteLater waits for the event loop
        row.deleteLater()

    def _more_line(self, text: str) -> QLabel:
        more = QLabel(text, self)
        more.setObjectName("messageMore")
        return more

    def _button(self, row: QWidget, text: str, tip: str, signal: Any) -> QPushButton:
        button = QPushButton(text, row)
        button.setToolTip(tip)
        button.setAutoDefault(False)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.clicked.connect(lambda _c=False, r=row: signal.emit(r.nianbao_finding))  # the line's finding now
        return button

    def _line_text(self, text: str, finding: Finding | None, explanation: str) -> str:
        shown = text
        if finding is not None and can_fix(finding):
            shown += f"　{fix_text(finding)}"
        if finding is not None and finding.explained and explanation and explanation not in text:
            shown += f"\n说明：{explanation}"
        return shown

    def _fill_line(self, row: QWidget, finding: Finding, explanation: str) -> None:
        """Show `finding` on a line made for one of the same shape (`_line_shape`)."""
        row.nianbao_finding = finding  # type: ignore[attr-defined]
        row.setProperty("finding", finding)
        label: QLabel = row.nianbao_label  # type: ignore[attr-defined]
        shown = self._line_text(finding.message, finding, explanation)
        if label.text() != shown:
            label.setText(shown)
        tip = f"说明：{explanation}" if explanation else ""
        if label.toolTip() != tip:
            label.setToolTip(tip)
        fix = row.nianbao_buttons.get("改正")  # type: ignore[attr-defined]
        if (
            fix is not None
            and finding.fix is not None
            and fix.toolTip() != (tip := f"{finding.fix.label}（可按 Ctrl+Z 撤销）")
        ):
            fix.setToolTip(tip)

    def _notice_line(self, text: str, severity: Severity | None) -> QWidget:
        """Return the notice's line; a notice about a cell gets 「知道了」 and 「定位」."""
        row = self._line(severity, text, None, "")
        cell = self._notice_cell
        if cell is not None:
            lay = row.layout()
            close = QPushButton("知道了", row)
            close.setToolTip("已核对，关闭这条提示")
            close.setAutoDefault(False)
            close.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            close.clicked.connect(self._close_notice)
            lay.addWidget(close)
            link = QLabel('<a href="#">定位</a>', row)
            link.setAlignment(Qt.AlignmentFlag.AlignVCenter)
            link.linkActivated.connect(lambda _href, c=cell: self.cell_activated.emit(c))
            lay.addWidget(link)
        return row

    def _line(
        self, severity: Severity | None, text: str, finding: Finding | None, explanation: str, quiet: bool = False
    ) -> QWidget:
        """Return one line: icon, severity word, text, buttons; `quiet`: a plain grey text (nothing to say)."""
        row = QWidget(self)
        row.setObjectName("messageLine")
        row.setProperty("finding", finding)
        row.nianbao_finding = finding  # type: ignore[attr-defined]
        row.nianbao_buttons = {}  # type: ignore[attr-defined]
        lay = QHBoxLayout(row)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(6)
        explained = finding is not None and finding.explained
        if quiet:
            label = QLabel(text, row)
            style.set_role(label, "readonlyNote")
            lay.addWidget(label, 1)
            return row
        icon = QLabel(row)
        icon.setObjectName("findingIcon")
        icon.nianbao_severity = severity if not explained else None  # type: ignore[attr-defined]
        _set_finding_icon(icon)
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        lay.addWidget(icon)
        name = QLabel(EXPLAINED_LABEL if explained else (severity.label if severity else "完成"), row)
        colour = style.SEVERITY_STRONG[severity] if severity and not explained else style.ACCENT
        name.setStyleSheet(f"color: {colour.name()}; font-weight: bold;")
        name.setAlignment(Qt.AlignmentFlag.AlignTop)
        lay.addWidget(name)
        label = QLabel(self._line_text(text, finding, explanation), row)
        row.nianbao_label = label  # type: ignore[attr-defined]
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        if explanation:
            label.setToolTip(f"说明：{explanation}")
        lay.addWidget(label, 1)
        if finding is not None:
            buttons: list[tuple[str, str, Any]] = []
            if can_fix(finding) and finding.fix is not None:
                buttons.append(("改正", f"{finding.fix.label}（可按 Ctrl+Z 撤销）", self.fix_requested))
            if self.explanation_of is not None and can_explain(finding):
                if explanation:
                    buttons.append(("修改说明", "修改写下的说明", self.explain_requested))
                    buttons.append(("删除说明", "删除说明（这条检查结果重新算作未处理）", self.unexplain_requested))
                else:
                    tip = "数字或文字确实无误时，写明原因；说明不会印在报告里"
                    buttons.append(("说明…", tip, self.explain_requested))
            for name_, tip, signal in buttons:
                button = self._button(row, name_, tip, signal)
                row.nianbao_buttons[name_] = button  # type: ignore[attr-defined]
                lay.addWidget(button)
        if finding is not None and finding.cells:
            link = QLabel('<a href="#">定位</a>', row)
            link.setAlignment(Qt.AlignmentFlag.AlignVCenter)
            link.linkActivated.connect(lambda _href, r=row: self.finding_activated.emit(r.nianbao_finding))
            lay.addWidget(link)
        return row


# ---------------------------------------------------------------------------------------------------------
# Text fields


class TextBinding(QObject):
    """Keeps a text widget and one text cell of the document in step, in both directions.

    Every keystroke goes to `DraftDocument.set_value` (consecutive keystrokes merge into one undo step);
    undo, redo and a newly opened draft update the widget.
    """

    def __init__(self, document: DraftDocument, cell: Cell, widget: QLineEdit | QPlainTextEdit) -> None:
        super().__init__(widget)
        self.document = document
        self.cell = cell
        self.widget = widget
        self._loading = False
        route_undo_to_window(widget)
        if isinstance(widget, QPlainTextEdit):
            widget.textChanged.connect(self._on_edited)
        else:
            widget.textEdited.connect(self._on_edited)
        document.cell_changed.connect(self._on_changed)
        document.reset.connect(self.load)
        self.load()

    def text(self) -> str:
        w = self.widget
        return w.toPlainText() if isinstance(w, QPlainTextEdit) else w.text()

    def load(self) -> None:
        """Show the draft's text (no edit is recorded)."""
        try:
            value = self.document.value(self.cell) or ""
        except IndexError:  # a sub-point that the newly opened draft does not have; the page rebuilds
            return
        if self.text() == value:
            return
        self._loading = True
        try:
            if isinstance(self.widget, QPlainTextEdit):
                self.widget.setPlainText(value)
            else:
                self.widget.setText(value)
        finally:
            self._loading = False

    def _on_edited(self, *_args: Any) -> None:
        if not self._loading:
            self.document.set_value(self.cell, self.text())

    def _on_changed(self, cell: Cell) -> None:
        if cell == self.cell:
            self.load()


def _set_finding_icon(icon: QLabel) -> None:
    """Show on the message line's `icon` label its severity's icon (done: the check mark) at the text size."""
    severity = getattr(icon, "nianbao_severity", None)
    size = style.icon_size()
    shown = style.severity_icon(severity, size) if severity else style.ok_icon(size)
    icon.setPixmap(shown.pixmap(size, size))


MIN_TEXT_LINES = 4  # a text box for a paragraph shows at least this many lines (the page scrolls instead)


class TextBox(QPlainTextEdit):
    """A multi-line text field whose natural height is a number of lines (`preferred_height`, set by
    `text_area`), not Qt's 192 px at any text size."""

    preferred_height = 0
    resized = Signal()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), self.preferred_height or hint.height())

    def text_lines(self) -> int:
        """Return how many lines the text takes, wrapped in the box's width (1 when empty)."""
        # the width without scroll bars (a box sized to its text needs none); not `viewport()`, whose first
        # call makes PySide load every widget class (some 30 ms, before the first page is painted)
        width = self.maximumViewportSize().width() - 2 * int(self.document().documentMargin())
        metrics = self.fontMetrics()
        lines = 0
        for paragraph in (self.toPlainText() or " ").split("\n"):
            box = metrics.boundingRect(QRect(0, 0, max(width, 10), 100000), TEXT_WORD_WRAP, paragraph or " ")
            lines += max(1, round(box.height() / metrics.lineSpacing()))
        return lines

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.resized.emit()


def text_area(document: DraftDocument, cell: Cell, placeholder: str = "", lines: int = 5) -> QPlainTextEdit:
    """Return a multi-line text field bound to `cell`, `lines` lines high; a narrative text (table 'text')
    also gets `gui.highlight.attach_text_aids` (last year's year highlighted, 「待更新」 mark).

    A box of one or two `lines` (a lead of a sentence or two) has that fixed height; a box for paragraphs is
    `lines` high where there is room, never less than `MIN_TEXT_LINES` lines, and grows with the window —
    the page scrolls rather than squeeze it. The 「待更新」 strip is added to the height, so it never takes
    lines from the text.
    """
    edit = TextBox()
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)

    def fit() -> None:  # again when the text is made larger or the 「待更新」 strip comes or goes
        extra = 14 + edit.viewportMargins().top()  # frame and document margins, the strip
        spacing = edit.fontMetrics().lineSpacing()
        if lines <= 2:  # a lead: one line while its text takes one, at most `lines`
            shown = max(1, min(lines, edit.text_lines()))
            edit.preferred_height = spacing * shown + extra
            if edit.height() != edit.preferred_height or edit.minimumHeight() != edit.preferred_height:
                edit.setFixedHeight(edit.preferred_height)
        else:
            edit.preferred_height = spacing * lines + extra
            edit.setMinimumHeight(spacing * min(lines, MIN_TEXT_LINES) + extra)
            edit.updateGeometry()

    if lines > 2:
        edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    else:
        edit.textChanged.connect(fit)
        edit.resized.connect(fit)  # a narrower box: the text may take another line
    TextBinding(document, cell, edit)
    if cell.table == "text":  # a narrative text: last year's year highlighted, the 「待更新」 mark
        # (imported here: the first page has no narrative text, and the program starts sooner without it)
        from gui.highlight import attach_text_aids

        attach_text_aids(document, cell, edit).mark_changed.connect(fit)
    style.keep_fitted(edit, fit)
    return edit


def text_line(document: DraftDocument, cell: Cell, placeholder: str = "") -> QLineEdit:
    """Return a one-line text field bound to `cell`."""
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    TextBinding(document, cell, edit)
    return edit


def section_label(text: str) -> QLabel:
    """Return a bold label for a group of fields (e.g. an official heading)."""
    label = QLabel(text)
    style.set_role(label, "sectionLabel")
    label.setWordWrap(True)
    return label


class _FocusRing:
    """Mixed into a field of `QAbstractSpinBox`'s kind: the house focus frame over it while it has the focus
    (`style.paint_focus_ring`)."""

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)  # type: ignore[misc]
        if self.hasFocus():  # type: ignore[attr-defined]
            style.paint_focus_ring(self)  # type: ignore[arg-type]


class SpinBox(_FocusRing, QSpinBox):
    """A number field with arrows (报告年度, the county's thresholds) with the house focus frame."""


class DateEdit(_FocusRing, QDateEdit):
    """A date field (成文日期, 公开截止日期, the county's deadline) with the house focus frame."""
