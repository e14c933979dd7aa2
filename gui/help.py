"""The 填报说明 in the wizard: a panel beside the page showing the help of the field or grid cell that has the
focus, F1 for the same help at the field, and 「导出填报说明（Word）…」 for the printable document.

The text is `model.help` (the one text docs/help.md and the printable 填报说明 come from). `HelpController`
serves the window as a `gui.host.WizardHost`: it follows the focus (and the current cell of a grid) and puts
its panel at the foot of the side panel it is given, where it takes the height left over.
"""

from __future__ import annotations

import sys
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, QPoint, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWhatsThis,
    QWidget,
)

from gui import settings, style
from gui.dialogs import FileDialogs
from gui.host import WizardHost
from gui.widgets import TextBinding
from model import help as guide
from model.findings import Cell

if TYPE_CHECKING:
    from gui.tables.grid import GridView

PANEL_TITLE = "填报说明"
GUIDE_FILE = "政府信息公开工作年度报告填报说明.docx"
_PAGE_SECTION = {
    "overview": "overview",
    "proactive": "proactive",
    "applications": "applications",
    "cases": "review_litigation",
    "text": "problems",
}
_INTRO = guide.HelpEntry(
    PANEL_TITLE,
    "点到哪一栏，这里就说明那一栏填什么、用什么单位、怎样计数，并注明依据。按 F1 在当前栏旁边显示同样的说明。",
    (guide.NOTICE,),
)


def grid_view(widget: QWidget | None) -> GridView | None:
    """Return `widget` if it is the grid of a table page, else None. The grid's module is imported when the
    first table page is built (not at start); until then no widget can be one."""
    grid = sys.modules.get("gui.tables.grid")
    return widget if grid is not None and isinstance(widget, grid.GridView) else None


def entries_html(entries: list[guide.HelpEntry]) -> str:
    """Return `entries` as the panel's rich text: each title in bold, its text, its source in grey."""
    parts = []
    for entry in entries:
        parts.append(
            f"<p><b>{escape(entry.title)}</b><br>{escape(entry.text)}"
            f"<br><span style='color:{style.READONLY_FG.name()}'>{escape(entry.source_line)}</span></p>"
        )
    return "".join(parts)


HELP_LINES = 3  # the panel always shows this many lines of help: with less room the side panel scrolls
LARGE_HELP_LINES = 5  # …above 150 %, where the side panel scrolls anyway: a title of two lines and three of help


def help_lines() -> int:
    """Return how many lines of help the panel always shows at the current text size."""
    return HELP_LINES if style.text_scale() <= 150 else LARGE_HELP_LINES


class HelpPanel(QFrame):
    """The panel: 「填报说明」 with its menu button, then the help of the focused place. It takes the height the
    side panel has left and scrolls, but never less than `help_lines()` lines of help: on a low screen with
    larger text the side panel scrolls instead of squeezing the help to a line nobody can read."""

    def __init__(self, menu: QMenu, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 4, 6, 4)
        lay.setSpacing(2)
        head = QHBoxLayout()
        self.title = QLabel(PANEL_TITLE)
        style.set_role(self.title, "sectionLabel")
        head.addWidget(self.title, 1)
        self.menu_button = QToolButton()
        self.menu_button.setText("帮助 ▾")
        self.menu_button.setObjectName("sideAction")
        self.menu_button.setProperty("menuText", True)
        self.menu_button.setProperty("compact", True)
        self.menu_button.setMenu(menu)
        self.menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu_button.setToolTip("本栏说明（F1）；导出完整的填报说明（Word）")
        head.addWidget(self.menu_button)
        lay.addLayout(head)
        self.text = QTextBrowser()
        self.text.setObjectName("helpText")
        self.text.setFrameShape(QFrame.Shape.NoFrame)
        self.text.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab never stops here: it is read, not edited
        self.text.setOpenLinks(False)
        lay.addWidget(self.text, 1)
        self.entries: list[guide.HelpEntry] = []

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.minimumSizeHint().height())

    def minimumSizeHint(self) -> QSize:
        """The title row and `help_lines()` lines of help in the text's font (which follows the larger text)."""
        margins = self.layout().contentsMargins()
        text = help_lines() * self.text.fontMetrics().lineSpacing() + 2 * round(self.text.document().documentMargin())
        head = max(self.menu_button.sizeHint().height(), self.title.sizeHint().height())
        chrome = margins.top() + margins.bottom() + self.layout().spacing() + 2 * self.frameWidth()
        return QSize(0, head + text + 2 * self.text.frameWidth() + chrome)

    def show_entries(self, entries: list[guide.HelpEntry]) -> None:
        """Show `entries` (most particular first)."""
        if entries == self.entries:
            return
        self.entries = list(entries)
        self.text.setHtml(entries_html(self.entries))

    def plain_text(self) -> str:
        """Return the text shown, without markup."""
        return self.text.toPlainText()


class HelpController(QObject):
    """The help of `wizard`: the panel in `side`, F1, and the 帮助 menu (本栏说明, 导出填报说明（Word）…)."""

    def __init__(self, wizard: WizardHost, side: QWidget) -> None:
        super().__init__(wizard)  # type: ignore[arg-type]
        self.wizard = wizard
        self.menu = QMenu("帮助", side)
        self.explain_action = QAction("本栏填报说明", self)
        self.explain_action.setShortcut(QKeySequence(Qt.Key.Key_F1))
        self.explain_action.triggered.connect(self.explain_focused)
        wizard.addAction(self.explain_action)
        self.export_action = QAction("导出填报说明（Word）…", self)
        self.export_action.triggered.connect(self.export)
        self.menu.addAction(self.explain_action)
        self.menu.addAction(self.export_action)
        self.panel = HelpPanel(self.menu, side)
        layout = side.layout()
        if isinstance(layout, QVBoxLayout):
            layout.addWidget(self.panel, 100)  # most of the height left over (a stretch may follow it)
        self._views: set[int] = set()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus)
        wizard.currentIdChanged.connect(lambda _id: self.refresh())
        self.refresh()

    # -- what has the focus ----------------------------------------------------------------------------------

    def _fixed_cells(self) -> dict[int, Cell]:
        """Return the fields that are bound to no text cell, by widget id: 报告年度, the dates, the fees."""
        cells: dict[int, Cell] = {}
        basic = self.wizard.pages.get("basic")
        for name in ("year", "signing_date", "deadline", "agency"):
            widget = getattr(basic, name, None)
            if widget is not None:
                cells[id(widget)] = Cell("basic", name)
        text = self.wizard.pages.get("text")
        if text is not None and text.built:  # (a page not built yet has no fields to focus: asking would build it)
            for key, widget in getattr(text, "fee_fields", {}).items():
                cells[id(widget)] = Cell("fees", key)
        return cells

    def cell_of(self, widget: QWidget | None) -> Cell | None:
        """Return the draft cell `widget` (or the field it is part of) edits; for a grid, its current cell
        (a label cell: its row); None for anything else."""
        fixed = self._fixed_cells()
        while widget is not None:
            grid = grid_view(widget)
            if grid is not None:
                return self._grid_cell(grid, grid.currentIndex())
            if id(widget) in fixed:
                return fixed[id(widget)]
            bindings = [b for b in widget.findChildren(TextBinding) if b.parent() is widget]
            if bindings:
                return bindings[0].cell
            widget = widget.parentWidget()
        return None

    @staticmethod
    def _grid_cell(view: GridView, index: QModelIndex) -> Cell | None:
        if not index.isValid():
            return None
        model = view.grid_model
        cell = model.cell_at(index.row(), index.column())
        if cell is not None:
            return cell
        for column in range(model.columnCount()):  # a label: the row of the cells beside it
            beside = model.cell_at(index.row(), column)
            if beside is not None:
                return Cell(beside.table, beside.row, "")
        return None

    def entries_for(self, cell: Cell | None) -> list[guide.HelpEntry]:
        """Return what the panel shows for `cell`: its help, else the help of the page shown."""
        if cell is not None:
            found = guide.for_cell(cell)
            if found:
                return found
        page = self.wizard.currentPage()
        key = next((k for k, p in self.wizard.pages.items() if p is page), "")
        if key == "text":
            return [guide.SECTIONS["problems"], guide.SECTIONS["other_matters"]]
        section = _PAGE_SECTION.get(key)
        return [guide.SECTIONS[section]] if section else [_INTRO]

    def focused_cell(self) -> Cell | None:
        """Return the cell of the wizard's focus widget, None when the focus is elsewhere."""
        focus = QApplication.focusWidget()
        if focus is None or not self.wizard.isAncestorOf(focus):
            return None
        return self.cell_of(focus)

    def refresh(self) -> None:
        """Show the help of the focused place (or of the page shown)."""
        self.panel.show_entries(self.entries_for(self.focused_cell()))

    def _on_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None or not self.wizard.isAncestorOf(new):
            return
        grid = grid_view(new)
        if grid is not None and id(grid) not in self._views:
            self._views.add(id(grid))
            grid.selectionModel().currentChanged.connect(lambda *_a: self.refresh())
        self.refresh()

    # -- F1 and the printable 填报说明 ------------------------------------------------------------------------

    def explain_focused(self) -> str:
        """Show the help of the focused place at that place (F1) and in the panel; return its plain text."""
        self.refresh()
        focus = QApplication.focusWidget()
        html = entries_html(self.panel.entries)
        if focus is not None and self.wizard.isAncestorOf(focus):
            where = focus.mapToGlobal(QPoint(0, focus.height()))
            grid = grid_view(focus)
            if grid is not None and grid.currentIndex().isValid():
                rect = grid.visualRect(grid.currentIndex())
                where = grid.viewport().mapToGlobal(rect.bottomLeft())
            QWhatsThis.showText(where, html, focus)
        return self.panel.plain_text()

    def export(self) -> bool:
        """Ask where, then write the printable 填报说明 (Word, official layout); say where or why not."""
        try:
            from model.docx.guide import export_guide
            from model.docx.writer import ExportError
        except ImportError:
            self.wizard.notify("本版本还不能导出 Word 文件（导出模块未安装）。")
            return False
        start = settings.last_folder() / GUIDE_FILE
        path, accepted = FileDialogs.ask_export(self.wizard, start)  # type: ignore[arg-type]
        if not accepted or path is None:
            return False
        try:
            export_guide(path)
        except ExportError as exc:
            self.wizard.notify(f"导出填报说明失败：{exc}")
            return False
        self.wizard.notify(f"已导出填报说明：{path}", None)
        return True
