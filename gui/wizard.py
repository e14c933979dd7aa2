"""The report wizard: seven pages in report order, file actions, undo/redo, jumping to a finding's cell."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QRect, QSize, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QScrollBar,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from gui import settings, style
from gui.document import DraftDocument
from gui.keyboard import KeyboardController, new_action
from gui.pages.applications import ApplicationsPage
from gui.pages.base import ReportPage
from gui.pages.basic import BasicPage
from gui.pages.cases import CasesPage
from gui.pages.overview import OverviewPage
from gui.pages.proactive import ProactivePage
from gui.pages.review import ReviewPage
from gui.pages.text import TextPage
from gui.qt_namespace import TEXT_WORD_WRAP, USER_ROLE, Qt
from gui.widgets import ClickableLabel
from model import format as fmt
from model.findings import Cell, Finding, Severity, open_counts
from model.storage.drafts import DraftError, load_draft, save_draft

# The dialogs (gui.dialogs, gui.guided) and the county's requirements are imported where they are first asked
# for, the controllers below when the window is completed: the first page is painted without them (issue 11).
if TYPE_CHECKING:  # imported when the window is completed (`ReportWizard.complete`), after the first paint at start
    from PySide6.QtGui import QShowEvent

    from gui.actions.backup import BackupController
    from gui.actions.printing import PrintController
    from gui.actions.reading import BackgroundReader
    from gui.actions.rollover import RolloverController
    from gui.county.local import LocalRequirements
    from gui.help import HelpController
    from model.sources import OpenedReport

APP_NAME = "年报填报助手"
PAGE_TITLE_ROLE = USER_ROLE + 1  # a side list item's title before it is wrapped

# Which page edits which part of the draft: by Cell.table, by text key, and by finding section.
_PAGE_OF_TABLE = {
    "basic": "basic",
    "proactive": "proactive",
    "applications": "applications",
    "cases": "cases",
    "fees": "text",
}
_PAGE_OF_TEXT = {
    "preamble": "overview",
    "overview_lead": "overview",
    "proactive_lead": "proactive",
    "applications_lead": "applications",
    "cases_lead": "cases",
    "problems": "text",
    "other_matters": "text",
}
_PAGE_OF_SECTION = {
    "basic": "basic",
    "overview": "overview",
    "proactive": "proactive",
    "applications": "applications",
    "review_litigation": "cases",
    "problems": "text",
    "other_matters": "text",
}


LARGE_TEXT = 150  # text size (%) from which the page list is no larger than the rest of the text


def side_width() -> int:
    """Return the width of the side panel: 210 px, growing at half the rate of the text size (the page
    needs the room more than the page list, whose headings wrap)."""
    return 210 + (style.px(210) - 210) // 2


class SideScroller(QScrollArea):
    """The scroll area of the side panel; `resized` is emitted when its height changes."""

    resized = Signal()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().height() != event.oldSize().height():
            self.resized.emit()


class AfterFirstPaint(QObject):
    """Calls `then` once, from the event loop, after the first paint of any of `widgets` (and `at_paint`, if
    given, at that paint)."""

    def __init__(
        self, widgets: list[QWidget], then: Callable[[], None], at_paint: Callable[[], None] | None = None
    ) -> None:
        super().__init__(widgets[0])
        self._widgets = widgets
        self._then: Callable[[], None] | None = then
        self._at_paint = at_paint
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._then is not None:
            then, self._then = self._then, None
            for widget in self._widgets:
                widget.removeEventFilter(self)
            if self._at_paint is not None:
                self._at_paint()
            QTimer.singleShot(0, then)
        return False


class FirstInput(QObject):
    """Calls `then` once, at the first key press, shortcut or mouse press the application receives for `window`
    after `start` (before the event is handled: a shortcut pressed in the first instant finds its action).

    It watches every event of the application, each one converted to Python (which loads the PySide class
    of every kind of object it meets): for as short a time as it can, from `start` to `stop`."""

    EVENTS = (
        QEvent.Type.ShortcutOverride,
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.Wheel,
        QEvent.Type.ContextMenu,
    )

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._window = window
        self._then: Callable[[], None] | None = then

    def start(self) -> None:
        """Watch the application's events (until the first input for the window, or `stop`)."""
        app = QApplication.instance()
        if app is not None and self._then is not None:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._then is not None and event.type() in self.EVENTS and isinstance(watched, QWidget):
            if watched is self._window or self._window.isAncestorOf(watched):
                then = self._then
                self.stop()
                then()
        return False

    def stop(self) -> None:
        """Call nothing any more (the window was completed otherwise)."""
        self._then = None
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)


def page_key_for(cell: Cell | None, section: str = "") -> str:
    """Return the key of the page that edits `cell` (or, without a cell, shows `section`)."""
    if cell is not None:
        if cell.table == "text":
            if cell.row.startswith("overview"):
                return "overview"
            return _PAGE_OF_TEXT.get(cell.row, "text")
        if cell.table in _PAGE_OF_TABLE:
            return _PAGE_OF_TABLE[cell.table]
    return _PAGE_OF_SECTION.get(section, "review")


# Names of report files (not drafts) whose stem the 「保存」 dialog offers for the draft read from them.
REPORT_SUFFIXES = (".docx", ".doc", ".wps", ".rtf", ".pdf", ".html", ".htm", ".mht", ".mhtml")


class ReportWizard(QWizard):
    """The wizard over one `DraftDocument`: 基本信息, 一 … 六, 检查与导出.

    File actions: Ctrl+O open (.json draft, or a report: Word, PDF, web page), Ctrl+S save, Ctrl+Shift+S
    save as; Ctrl+Z / Ctrl+Y undo and redo every edit across pages. The title shows agency, year and file
    name with the unsaved mark; 关闭 (or the window's close button) with unsaved changes asks 保存 / 不保存 /
    取消.
    """

    review_requested = Signal()  # 「审核文件夹…」: the application opens the county's review window
    window_completed = Signal()  # `complete` has built the rest of a window started with `paint_first`

    def __init__(
        self, document: DraftDocument | None = None, parent: QWidget | None = None, paint_first: bool = False
    ) -> None:
        """Build the wizard over `document` (default: a new report).

        With `paint_first` (the program's start) only what the first page needs to be painted is built here:
        the pages, the file actions and the keys; the rest — the side panel with its page list, buttons and
        help panel, printing, backup, reading, rollover and the county's requirements, and their modules —
        is built by `complete` once the first page has painted, or at once when the clerk presses a key or
        a mouse button before that, or when something needs it (opening a file); the report is first checked
        after that paint too (`DraftDocument.hold_findings`). Without it the window is built whole here."""
        super().__init__(parent)
        self.document = document if document is not None else DraftDocument()
        self.document.setParent(self)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOptions(  # at once: each option set alone lays the buttons out again
            self.options()
            | QWizard.WizardOption.IndependentPages
            | QWizard.WizardOption.NoDefaultButton
            | QWizard.WizardOption.NoBackButtonOnStartPage
        )
        # it closes the window (asking first about unsaved work): 关闭, not Qt's 取消, which reads as "undo"
        self.setButtonText(QWizard.WizardButton.CancelButton, "关闭")
        self._closing = False

        d = self.document
        self.pages: dict[str, ReportPage] = {
            "basic": BasicPage(d),
            "overview": OverviewPage(d),
            "proactive": ProactivePage(d),
            "applications": ApplicationsPage(d),
            "cases": CasesPage(d),
            "text": TextPage(d),
            "review": ReviewPage(d),
        }
        self.page_ids: dict[str, int] = {}
        for key, page in self.pages.items():
            self.page_ids[key] = self.addPage(page)
            page.finding_activated.connect(self.go_to_finding)
        review = self.pages["review"]
        assert isinstance(review, ReviewPage)
        self.review = review
        review.save_requested.connect(self.save)
        review.export_requested.connect(self.export)

        review.output_requested.connect(self._run_output)
        self.pages["basic"].rollover_requested.connect(self._start_rollover)  # type: ignore[attr-defined]

        self._make_actions()
        self.completed = False  # the side panel, the help and the controllers below are built (`complete`)
        if paint_first:
            self.keyboard = KeyboardController(self)  # keys and focus from the first instant; its 字号 row later
            self.setSideWidget(self._side_placeholder())
            self._first_input: FirstInput | None = FirstInput(self, self.complete)
            self.document.hold_findings()  # the rules imported and the report checked after the paint too
            AfterFirstPaint(list(self.pages.values()), self._after_first_paint, self._first_input.start)
        else:
            self.complete()
        self.currentIdChanged.connect(self._on_page_changed)
        d.undo_stack.cleanChanged.connect(self.update_title)
        d.path_changed.connect(self.update_title)
        d.cell_changed.connect(self._on_cell_changed)
        self.update_title()
        self._restore_geometry()

    def complete(self) -> None:
        """Build what `paint_first` left out (see `__init__`); nothing if it is built already."""
        if self.completed:
            return
        self.completed = True
        first_input = getattr(self, "_first_input", None)
        if first_input is not None:
            first_input.stop()
            self._first_input = None
        from gui.actions.backup import BackupController
        from gui.actions.printing import PrintController
        from gui.actions.reading import BackgroundReader
        from gui.actions.rollover import RolloverController
        from gui.county.local import LocalRequirements
        from gui.help import HelpController

        self.rollover: RolloverController = RolloverController(self)  # 从上年报告新建, the guard on 二、上年结转
        self.backup: BackupController = BackupController(self)  # 「备份到…」 (Ctrl+B)
        self.reader: BackgroundReader = BackgroundReader(self)  # reports (Word, PDF, web pages): in a worker thread
        self.local: LocalRequirements = LocalRequirements(self)  # the county's 本地要求, when a file applies
        self.printing: PrintController = PrintController(self)  # 打印预览, 打印 (Ctrl+P), PDF, 网页, 复制网页格式
        self.side = self._make_side()
        self.help: HelpController = HelpController(self, self.side)  # 填报说明: the side's foot, F1, Word
        placeholder = self.sideWidget()
        self.setSideWidget(self._side_scroller(self.side))
        if placeholder is not None:
            placeholder.deleteLater()
        if getattr(self, "keyboard", None) is None:
            self.keyboard = KeyboardController(self)  # first field of each page focused, page keys, text size
        else:
            self.keyboard.add_side_row()
            self.keyboard.focus_first_field()  # left until now (`KeyboardController.focus_first_field`)
        self._on_page_changed(self.currentId())
        self._add_min_max_buttons()
        self.window_completed.emit()

    def _add_min_max_buttons(self) -> None:
        """Give the window's title bar the minimise and maximise buttons, which Qt leaves off a dialog's. Here, not
        before the window is shown: the window flags are enums of Qt's namespace (`gui.qt_namespace`). The shown
        window keeps its native window: `QWidget.setWindowFlag` would hide it and make it anew."""
        flags = self.windowFlags() | Qt.WindowType.WindowMinMaxButtonsHint
        self.overrideWindowFlags(flags)  # (the widget's record only)
        handle = self.windowHandle()
        if handle is not None:  # shown already: the native window is told
            handle.setFlags(flags)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if style.text_scale() != 100:  # started at the larger text remembered: the title QWizard just sized
            self.keyboard.fit_titles()  # follows it (before the first paint)

    def _side_placeholder(self) -> QWidget:
        """Return an empty widget as wide as the side panel will be, so that the page painted first is not moved
        when the panel comes (`complete`)."""
        placeholder = QWidget(self)
        extent = QScrollBar().sizeHint().width()  # the style's scroll bar extent (asked without QStyle: see style.py)
        placeholder.setFixedWidth(side_width() + extent)
        return placeholder

    def _run_output(self, name: str) -> bool:
        self.complete()
        return self.printing.run(name)

    def _start_rollover(self) -> bool:
        self.complete()
        return self.rollover.start()

    def _after_first_paint(self) -> None:
        """Complete the window, then let the pages show the findings: the report is checked now, not before
        the first page was painted (measured here, the window comes 35–60 ms sooner for the check alone)."""
        self.complete()
        self.document.release_findings()

    # -- construction ----------------------------------------------------------------------------------

    def _action(self, text: str, shortcuts: list[QKeySequence], slot: object, tip: str = "") -> QAction:
        action = new_action(text, self)
        action.setShortcuts(shortcuts)
        action.setToolTip(f"{tip or text}（{shortcuts[0].toString(QKeySequence.SequenceFormat.NativeText)}）")
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        self.open_action = self._action(
            "打开…", [QKeySequence("Ctrl+O")], self.open_dialog, "打开草稿或报告（Word、PDF、网页）"
        )
        self.save_action = self._action("保存", [QKeySequence("Ctrl+S")], self.save, "保存草稿")
        self.save_as_action = self._action("另存为…", [QKeySequence("Ctrl+Shift+S")], self.save_as, "草稿另存为")
        self.undo_action = self._action("撤销", [QKeySequence("Ctrl+Z")], self.document.undo_stack.undo)
        self.redo_action = self._action(
            "重做", [QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")], self.document.undo_stack.redo
        )
        stack = self.document.undo_stack
        self.undo_action.setEnabled(stack.canUndo())
        self.redo_action.setEnabled(stack.canRedo())
        stack.canUndoChanged.connect(self.undo_action.setEnabled)
        stack.canRedoChanged.connect(self.redo_action.setEnabled)
        stack.undoTextChanged.connect(self._on_undo_text)
        stack.redoTextChanged.connect(self._on_redo_text)
        self.review_action = self._action(
            "审核文件夹…",
            [QKeySequence("Ctrl+Shift+R")],
            self.review_requested.emit,
            "审核各单位报告（县级政务公开办公室）",
        )
        self.about_action = new_action("关于…", self)  # no shortcut: F1 is the 填报说明 (gui/help.py)
        self.about_action.setToolTip("版本、报告格式和草稿格式版本")
        self.about_action.triggered.connect(self.show_about)

    def show_about(self) -> None:
        """Show 关于: the version, the report format and the draft file version (`model.about`)."""
        from gui.dialogs import AboutDialog

        AboutDialog.show(self)

    def _on_undo_text(self, text: str) -> None:
        self.undo_action.setToolTip(f"撤销：{text}（Ctrl+Z）" if text else "撤销（Ctrl+Z）")

    def _on_redo_text(self, text: str) -> None:
        self.redo_action.setToolTip(f"重做：{text}（Ctrl+Y）" if text else "重做（Ctrl+Y）")

    def _make_side(self) -> QWidget:
        from PySide6.QtWidgets import QListWidget, QListWidgetItem, QMenu  # (here: after the first paint at start)

        self.side_note: QLabel | None = None
        self.recent_menu = QMenu("最近打开", self)  # under 打开 and in 「文件 ▾」
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        side = QWidget(self)  # owned by the wizard (C++), not by Python
        side.setStyleSheet(style.SIDE_SHEET)  # the page list and the buttons
        side.setFixedWidth(210)
        lay = QVBoxLayout(side)
        lay.setContentsMargins(0, 0, 8, 0)
        name = ClickableLabel(APP_NAME)
        name.setObjectName("appName")
        name.setToolTip("关于年报填报助手")  # a click on the name shows 关于
        name.clicked.connect(self.show_about)
        self.app_name_label = name
        style.keep_fitted(side, lambda: name.setFont(style.sized_font(side.font(), 13)))
        lay.addWidget(name)
        note = QLabel(fmt.FORMAT_NOTICE + " 格式")
        style.set_role(note, "pageLead")
        note.setWordWrap(True)
        lay.addWidget(note)
        lay.addSpacing(6)
        self.page_list = QListWidget()
        self.page_list.setObjectName("pageList")
        self.page_list.setWordWrap(True)
        self.page_list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.page_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.page_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.page_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for key, page in self.pages.items():
            text = page.title()
            if key == "text":  # each heading on its own line
                text = f"{fmt.heading('problems')}\n{fmt.heading('other_matters')}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setData(PAGE_TITLE_ROLE, text)
            self.page_list.addItem(item)
        style.keep_fitted(side, lambda: self._fit_side(side))  # again when the text is made larger
        self.page_list.itemClicked.connect(lambda item: self.go_to_page(str(item.data(Qt.ItemDataRole.UserRole))))
        lay.addWidget(self.page_list, 1)
        self.side_note = note
        self._fit_side(side)
        self.side_buttons = QWidget(side)  # every action a button, under the page list
        full = QGridLayout(self.side_buttons)
        full.setContentsMargins(0, 0, 0, 0)
        full.setSpacing(lay.spacing())
        places = (  # (action, row, column, columns): pairs that belong together side by side
            (self.open_action, 0, 0, 1),
            (self.save_action, 0, 1, 1),
            (self.save_as_action, 1, 0, 1),
            (self.backup.action, 1, 1, 1),
            (self.rollover.action, 2, 0, 2),
            (self.printing.preview_action, 3, 0, 1),
            (self.printing.print_action, 3, 1, 1),
            (self.undo_action, 4, 0, 1),
            (self.redo_action, 4, 1, 1),
        )
        for action, row, column, columns in places:
            button = self._side_button(action)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            if action is self.open_action:
                button.setMenu(self.recent_menu)
                button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
            full.addWidget(button, row, column, 1, columns)
        lay.addWidget(self.side_buttons)
        lay.insertWidget(lay.indexOf(self.page_list), self._compact_side_row(side))
        return side

    def _side_button(self, action: QAction, text: str = "") -> QToolButton:
        button = QToolButton()
        button.setObjectName("sideAction")
        button.setDefaultAction(action)
        if text:
            button.setText(text)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        return button

    def _compact_side_row(self, side: QWidget) -> QWidget:
        """Return the side panel's actions in one row — 「文件 ▾」 (a menu of 打开, 最近打开, 从上年报告新建, 保存,
        另存为, 备份到, 撤销, 重做, 关于), 保存, 撤销 — shown above the page list when the panel is too low for all."""
        from PySide6.QtWidgets import QMenu

        row = QWidget(side)
        lay = QHBoxLayout(row)
        lay.setContentsMargins(0, 0, 0, 4)
        lay.setSpacing(4)
        self.file_menu = QMenu("文件", self)
        self.file_menu.addAction(self.open_action)
        self.file_menu.addMenu(self.recent_menu)
        for action in (self.rollover.action, self.save_action, self.save_as_action, self.backup.action):
            self.file_menu.addAction(action)
        self.file_menu.addSeparator()
        for action in self.printing.actions:
            self.file_menu.addAction(action)
        self.file_menu.addAction(self.local.action)
        self.file_menu.addAction(self.review_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.undo_action)
        self.file_menu.addAction(self.redo_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.about_action)
        files = QToolButton(row)
        files.setObjectName("sideAction")
        files.setText("文件 ▾")
        files.setProperty("menuText", True)  # the ▾ in the text, no indicator drawn in a corner
        files.setProperty("compact", True)
        files.setToolTip(
            "打开、从上年报告新建、保存、另存为、备份到、打印预览、打印、导出 PDF、导出网页、撤销、重做、关于"
        )
        files.setMenu(self.file_menu)
        files.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        files.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        lay.addWidget(files)
        for action in (self.save_action, self.undo_action):
            button = self._side_button(action)
            button.setProperty("compact", True)  # less padding: three fit the panel's width at any text size
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            lay.addWidget(button)
        row.hide()
        self.side_compact = row
        return row

    @property
    def side_is_compact(self) -> bool:
        """Return True while the side panel shows its actions in one row above the page list (too low for
        them one a line: large text, a small screen)."""
        return not self.side_compact.isHidden()

    def fit_side_actions(self) -> None:
        """Show the side panel's actions one a line under the page list where everything fits the panel's
        height, else in one row above it (the format notice then left out), so 保存 and 撤销 stay in view."""
        area = self.side.parentWidget().parentWidget() if self.side.parentWidget() is not None else None
        note = self.side_note
        if not isinstance(area, QScrollArea) or note is None:
            return
        lay = self.side.layout()
        gap = lay.spacing()
        height = lay.sizeHint().height()  # as shown now; as it would be with the actions one a line:
        if self.side_is_compact:
            height += self.side_buttons.sizeHint().height() + note.sizeHint().height() + 2 * gap
            height -= self.side_compact.sizeHint().height() + gap
        compact = height > area.viewport().height()
        if compact != self.side_is_compact:
            self.side_compact.setVisible(compact)
            self.side_buttons.setVisible(not compact)
            note.setVisible(not compact)

    def _side_scroller(self, side: QWidget) -> QScrollArea:
        """Return the side panel in a frameless scroll area: on a small screen or with large text it scrolls
        instead of squeezing the page list (its actions then in one row, `fit_side_actions`)."""
        area = SideScroller(self)
        area.resized.connect(self.fit_side_actions)
        area.setWidget(side)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        area.setObjectName("sideScroller")
        area.viewport().setAutoFillBackground(False)  # the wizard's grey shows through (no style sheet rule:
        side.setAutoFillBackground(False)  # one would stop the panel following the larger-text option)
        style.keep_fitted(side, lambda: area.setFixedWidth(side_width() + area.verticalScrollBar().sizeHint().width()))
        return area

    def _fit_side(self, side: QWidget) -> None:
        """Size the side panel and its page list (10 % larger text up to 130 %, wrapped headings) to the text
        size; then lay its actions out (`fit_side_actions`)."""
        side.setFixedWidth(side_width())
        if getattr(self, "side_note", None) is not None:  # wrapped at its space: 「…30号｜格式」, not 「…格｜式」
            note_metrics = self.side_note.fontMetrics()
            fits = side.width() - 8
            text = fmt.FORMAT_NOTICE + " 格式"
            self.side_note.setText(style.break_lines(text, lambda line: note_metrics.horizontalAdvance(line) <= fits))
        font = QFont(side.font())
        font.setPointSizeF(font.pointSizeF() * (1.1 if style.text_scale() < LARGE_TEXT else 1.0))
        self.page_list.setFont(font)
        from PySide6.QtWidgets import QStyle  # (here: the first page is painted without QStyle, see style.py)

        # the width an item's text gets: side margin, frame, item padding (style sheet), the style's text margin
        margin = self.page_list.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.page_list) + 1
        text_width = side.width() - 8 - 2 * self.page_list.frameWidth() - 2 * 8 - 2 * margin
        metrics = QFontMetrics(font)
        for i in range(self.page_list.count()):
            item = self.page_list.item(i)
            # wrapped here, never leaving one character alone: 「…及改进|情况」, not 「…改进情|况」
            title = str(item.data(PAGE_TITLE_ROLE))
            item.setText(style.break_lines(title, lambda line: metrics.horizontalAdvance(line) <= text_width))
            height = metrics.boundingRect(QRect(0, 0, text_width, 1000), TEXT_WORD_WRAP, item.text()).height()
            item.setSizeHint(QSize(text_width, height + 12))  # the padding (5 px) above and below, a pixel each
        rows = sum(self.page_list.sizeHintForRow(i) for i in range(self.page_list.count()))
        self.page_list.setFixedHeight(rows + 2 * self.page_list.frameWidth() + 4)  # every page listed, no scrolling
        if getattr(self, "side", None) is side:
            self.fit_side_actions()

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        files = settings.recent_files(existing_only=False)
        if not files:
            self.recent_menu.addAction("（没有最近打开的文件）").setEnabled(False)
        for path in files:
            text = str(path) if path.exists() else f"{path}（找不到）"
            self.recent_menu.addAction(text).triggered.connect(lambda _c=False, p=path: self.open_recent(p))

    def open_recent(self, path: Path) -> bool:
        """Open a file of the recent list; one that is gone is dropped from the list, saying so."""
        if not path.exists():
            settings.remove_recent(path)
            self.notify(f"找不到「{path}」（可能已移动、删除，或 U 盘没有插上），已从“最近打开”中去掉。")
            return False
        return self.open_path(path)

    def _restore_geometry(self) -> None:
        saved = settings.geometry()
        if saved is not None and self.restoreGeometry(saved):
            return
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = 1320, 760
        if screen is not None:
            width, height = min(width, screen.width() - 20), min(height, screen.height() - 40)
        self.resize(width, height)

    # -- title and navigation --------------------------------------------------------------------------

    def update_title(self) -> None:
        """Show agency, year and file name with the unsaved mark ([*]) in the title bar."""
        draft = self.document.draft
        who = draft.agency.strip() or "新报告"
        year = f" {draft.year}年" if draft.year else ""
        self.setWindowTitle(f"{who}{year} — {self.document.display_name()}[*] — {APP_NAME}")
        self.setWindowModified(self.document.modified)

    def _on_cell_changed(self, cell: Cell) -> None:
        if cell.table == "basic" and cell.row in ("agency", "year"):
            self.update_title()

    def _on_page_changed(self, page_id: int) -> None:
        if not self.completed:  # no page list yet: `complete` marks the page shown
            return
        for key, pid in self.page_ids.items():
            if pid == page_id:
                row = list(self.pages).index(key)
                self.page_list.setCurrentRow(row)

    def current_page(self) -> ReportPage:
        """Return the page shown (the first page before the wizard is shown)."""
        page = self.currentPage()
        return page if isinstance(page, ReportPage) else self.pages["basic"]

    def go_to_page(self, key: str) -> ReportPage:
        """Show the page `key` ('basic', 'overview', 'proactive', 'applications', 'cases', 'text', 'review')."""
        target = self.page_ids[key]
        # step page by page so that 上一步 afterwards still goes to the page before, in report order
        while self.currentId() != -1 and self.currentId() < target:
            before = self.currentId()
            self.next()
            if self.currentId() == before:
                break
        while self.currentId() > target:
            before = self.currentId()
            self.back()
            if self.currentId() == before:
                break
        return self.pages[key]

    def go_to_cell(self, cell: Cell | None, section: str = "") -> bool:
        """Show the page that edits `cell` and focus the cell; return False if no widget holds it."""
        page = self.go_to_page(page_key_for(cell, section))
        return page.focus_cell(cell) if cell is not None else False

    def go_to_finding(self, finding: Finding) -> bool:
        """Jump to the page and the first cell named by `finding`."""
        return self.go_to_cell(finding.cells[0] if finding.cells else None, finding.section)

    def notify(self, text: str, severity: Severity | None = Severity.ERROR) -> None:
        """Show `text` in the message bar of the page shown (non-modal)."""
        self.current_page().show_notice(text, severity)

    # -- files -----------------------------------------------------------------------------------------

    def suggested_name(self) -> str:
        """Return the file name offered when saving: the file's own, else the report title + .json."""
        if self.document.path is not None:
            return self.document.path.name
        source = Path(self.document.source_name)
        if source.suffix.lower() in REPORT_SUFFIXES:  # a report read from its file: its name, as a draft
            return source.stem + ".json"
        if not self.document.draft.agency.strip():
            return "年报草稿.json"
        from model.docx.writer import default_file_name  # the report title, as safe a file name as the export's

        return default_file_name(self.document.draft, ".json")

    def start_folder(self) -> Path:
        """Return the folder a save or export dialog opens on: the draft's own folder, else the folder last
        used (`gui.settings.last_folder`, the home folder at first)."""
        if self.document.path is not None and self.document.path.parent.is_dir():
            return self.document.path.parent
        return settings.last_folder()

    def export_target(self) -> Path:
        """Return the Word file the export dialog offers: the file exported in this session if its folder is
        still there, else `model.docx.writer.default_file_name` in `start_folder()`.

        Raises `ImportError` when the export module is not installed.
        """
        from model.docx.writer import default_file_name

        last = self.document.last_export
        if last is not None and last.parent.is_dir():
            return last
        return self.start_folder() / default_file_name(self.document.draft)

    def save(self) -> bool:
        """Save the draft to its file (asking where if it has none); return True when saved."""
        if self.document.path is None:
            return self.save_as()
        return self.save_to(self.document.path)

    def save_as(self) -> bool:
        """Ask where to save the draft, then save; return True when saved."""
        from gui.dialogs import FileDialogs

        path, accepted = FileDialogs.ask_save_draft(self, self.start_folder() / self.suggested_name())
        if not accepted or path is None:
            return False
        return self.save_to(path)

    def save_to(self, path: Path) -> bool:
        """Save the draft at `path` (atomic, previous version kept as .bak); on failure say why, keep all."""
        try:
            save_draft(self.document.draft, path)
        except DraftError as exc:
            self.notify(f"保存失败：{exc}。填写的内容仍在，请换个位置再保存（另存为）。")
            return False
        self.document.mark_saved(path)
        settings.add_recent(path)
        self.notify(f"已保存：{path}", None)
        return True

    def open_dialog(self) -> bool:
        """Ask which file to open (after offering to save unsaved changes), then open it."""
        from gui.dialogs import FileDialogs

        if not self.confirm_discard():
            return False
        path, accepted = FileDialogs.ask_open(self)
        if not accepted or path is None:
            return False
        return self.open_path(path, confirmed=True)

    def open_path(self, path: Path, confirmed: bool = False) -> bool:
        """Open the draft or report (Word, PDF, web page) at `path`; on failure say why and keep the open work.

        A county requirements file (本地要求) is applied to the open draft instead; one lying beside the opened
        draft or report is applied too."""
        from gui.actions.reading import ReadCancelled  # (here: not needed to paint the first page)
        from model.county.requirements import find_beside, is_requirements_file

        if is_requirements_file(path):
            self.complete()
            return self.local.apply(Path(path))
        if not confirmed and not self.confirm_discard():
            return False
        d = self.document  # what is open: a file, a report read, or typing in a new report
        kept = "当前的内容没有改变。" if d.path is not None or d.source_name or d.modified else ""
        try:
            opened = self.read_report(Path(path))
        except DraftError as exc:
            self.notify(f"无法打开 {exc}。{kept}")
            return False
        except ReadCancelled:
            self.notify(f"已取消打开 {Path(path).name}。{kept}", Severity.HINT)
            return False
        except ImportError:
            self.notify(f"无法打开 {Path(path).name}：本版本还不能读取这种文件。{kept}")
            return False
        if opened.kind == "draft":
            self.document.replace(opened.draft, Path(path))
            settings.add_recent(Path(path))
        else:
            self.document.replace(opened.draft, None, Path(path).name, opened.findings, opened.places)
            settings.remember_folder(Path(path))
        if find_beside(Path(path)) is not None:  # the county's requirements lie beside it
            self.complete()
            self.local.apply_beside(Path(path))
        self.go_to_page("basic")
        return True

    def read_report(self, path: Path) -> OpenedReport:
        """Return the report at `path`: a draft (.json) at once; a report (Word, PDF, web page — whatever
        the file's name, `model.sources`) in a worker thread with the window responsive
        (`gui.actions.reading.BackgroundReader`; a .doc or .wps is converted by LibreOffice first).

        Raises `DraftError` when the file cannot be read, `ReadCancelled` when the clerk stopped waiting.
        """
        from model.sources import is_draft_file, open_report

        if is_draft_file(path):
            return open_report(path)
        self.complete()
        return self.reader.read(path)

    def open_untitled(self, draft_path: Path, source_name: str, trusted: bool = False) -> bool:
        """Open the draft at `draft_path` as an untitled copy (Save asks where): the built-in sample. A
        `trusted` draft (a resource of the program) is not checked against the schema (`load_draft`)."""
        try:
            if trusted:
                draft = load_draft(draft_path, validate=False)
            else:
                from model.sources import open_report

                draft = open_report(draft_path).draft
        except DraftError as exc:
            self.notify(f"无法打开 {exc}")
            return False
        self.document.replace(draft, None, source_name)
        return True

    # -- export ----------------------------------------------------------------------------------------

    def export(self) -> bool:
        """Ask where, then write the DOCX in the official layout; the wizard stays open either way."""
        from gui.dialogs import FileDialogs

        try:
            target = self.export_target()
        except ImportError:
            self.review.show_export_result("本版本还不能导出 Word 文件（导出模块未安装）。", None)
            return False
        if not self.confirm_export():
            return False
        path, accepted = FileDialogs.ask_export(self, target)
        if not accepted or path is None:
            return False
        return self.export_to(path)

    def export_to(self, path: Path) -> bool:
        """Write the DOCX to `path` from a copy of the draft (a failed export never touches the draft)."""
        try:
            from model.docx.writer import ExportError, export_docx
        except ImportError:
            self.review.show_export_result("本版本还不能导出 Word 文件（导出模块未安装）。", None)
            return False
        try:
            export_docx(self.document.draft, path)  # the exporter leaves out explanations
        except ExportError as exc:
            self.review.show_export_result(f"导出失败：{exc}", None)
            return False
        settings.remember_folder(path)
        self.document.last_export = path
        errors = self.review.counts()[Severity.ERROR]
        warn = f"（注意：还有 {errors} 个错误未改正）" if errors else ""
        self.review.show_export_result(f"已导出：{path}{warn}", path)
        return True

    def confirm_export(self) -> bool:
        """Return True if the export may go on: no open 错误 finding, or the clerk chose 仍要导出 when asked
        「还有 N 个错误未改正，仍要导出吗？」."""
        from gui.guided import ExportConfirmDialog

        errors = open_counts(self.document.findings())[Severity.ERROR]
        if not errors:
            return True
        anyway, _accepted = ExportConfirmDialog.ask(self, errors)
        return anyway

    # -- closing ---------------------------------------------------------------------------------------

    def confirm_discard(self) -> bool:
        """Return True if the open work may be replaced or closed: saved, or the clerk chose 保存/不保存."""
        from gui.dialogs import CANCEL, SAVE, SaveChangesDialog

        if not self.document.modified:
            return True
        choice, _accepted = SaveChangesDialog.ask(self, self.document.display_name())
        if choice == CANCEL:
            return False
        if choice == SAVE:
            return self.save()
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            # Escape cancels an edit in a cell editor (which takes it first); anywhere else it does nothing —
            # QDialog would close the whole wizard. Closing is the window's close button or 关闭.
            event.accept()
            return
        super().keyPressEvent(event)

    def done(self, result: int) -> None:
        if not self._closing and not self.confirm_discard():
            return
        self._closing = True
        settings.save_geometry(self.saveGeometry())
        super().done(result)
