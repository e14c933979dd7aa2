"""What every page of the wizard shares: the document, an inline message bar for its findings, jumping."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QFrame,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from gui import guided, style
from gui.document import DraftDocument
from gui.keyboard import focus_kept, is_input
from gui.qt_namespace import set_enum
from gui.widgets import MessageBar
from model.findings import Cell, Finding, Severity


class ReportPage(QWizardPage):
    """A wizard page editing part of the draft.

    `sections` are the section keys of `model.format.SECTIONS` (or 'basic') whose findings the page shows
    in its message bar; `tables` the `Cell.table` names whose cells it can focus. Subclasses build their
    widgets in `build()`, reload them in `load()` after a new draft was opened, and focus cells in
    `focus_cell()`.
    """

    sections: tuple[str, ...] = ()
    tables: tuple[str, ...] = ()
    finding_activated = Signal(object)

    def __init__(self, document: DraftDocument, title: str, lead: str = "") -> None:
        super().__init__()
        self._built = False  # the widgets are made when the page is first shown (or first asked for)
        self.document = document
        self.setTitle(title)
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(0, 0, 0, 0)
        self.outer.setSpacing(8)
        if lead:
            label = QLabel(lead)
            style.set_role(label, "pageLead")
            label.setWordWrap(True)
            self.outer.addWidget(label)
        self.message_bar = MessageBar(self)
        self.message_bar.finding_activated.connect(self.finding_activated.emit)
        self.message_bar.explanation_of = lambda f: guided.explanation_of(self.document, f)
        self.message_bar.fix_requested.connect(self.apply_fix)
        self.message_bar.explain_requested.connect(self.explain)
        self.message_bar.unexplain_requested.connect(self.remove_explanation)
        self.message_bar.cell_activated.connect(self.focus_cell)
        document.findings_changed.connect(self.show_findings)
        document.reset.connect(self._on_reset)
        document.cell_changed.connect(self._on_cell_changed)
        # its findings are shown when the page is built (first shown) and whenever they change

    # -- built when first needed -----------------------------------------------------------------------

    @property
    def built(self) -> bool:
        """Return True once the page's widgets are made (asking for one of them would make them)."""
        return self._built

    def ensure_built(self) -> None:
        """Make the page's widgets (`build()`) if they are not made yet: when the page is first shown, or
        when one of them is first asked for — start-up builds only the page shown first."""
        if self._built:
            return
        self._built = True
        self.build()
        self.message_bar.set_steady(self.fields_below_message_bar())
        self.show_findings()

    def __getattr__(self, name: str) -> object:
        # an attribute made by build() (page.view, page.problems…) asked for before the page was shown
        if not name.startswith("_") and not self.__dict__.get("_built", True):
            self.ensure_built()
            return getattr(self, name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def initializePage(self) -> None:
        self.ensure_built()
        super().initializePage()

    # -- for subclasses --------------------------------------------------------------------------------

    def build(self) -> None:
        """Create the page's widgets and add them (and `self.message_bar`) to `self.outer`."""
        self.outer.addWidget(self.message_bar)

    def load(self) -> None:
        """Show the values of a newly opened draft (bound fields update themselves)."""

    def focus_cell(self, cell: Cell) -> bool:
        """Give the focus to the widget of `cell`; return False if the page has none."""
        return False

    # -- findings --------------------------------------------------------------------------------------

    def fields_below_message_bar(self) -> bool:
        """Return True if fields the clerk types in come after the message bar in the page's layout: the bar
        then stands above them and is made steady (`MessageBar`), so findings coming and going with each
        keystroke never move the fields (五/六, 一). A bar under the fields (the tables) may come and go."""
        holder = self.message_bar.parentWidget()
        layout = holder.layout() if holder is not None else None
        if layout is None or layout.indexOf(self.message_bar) < 0:
            return False
        for i in range(layout.indexOf(self.message_bar) + 1, layout.count()):
            item = layout.itemAt(i)
            widgets = [item.widget()]
            if item.layout() is not None:
                widgets += [item.layout().itemAt(j).widget() for j in range(item.layout().count())]
            if any(w is not None and _has_field(w) for w in widgets):
                return True
        return False

    def showEvent(self, event: QShowEvent) -> None:
        self.ensure_built()
        self.message_bar.flush()  # findings that changed while the page was hidden
        self.message_bar.reset_height()  # fits its lines when the page is shown, then stays put
        super().showEvent(event)

    def page_findings(self) -> list[Finding]:
        """Return the findings shown on this page, in severity order: those of its sections, and those naming
        a cell of its tables (other than a narrative text) — e.g. on 二 the T3 finding of 一's text quoting
        「制定规范性文件0条」 against 行政规范性文件 本年制发件数 12, whose cell is highlighted there."""
        return [f for f in self.document.findings() if f.section in self.sections or self._names_my_cell(f)]

    def _names_my_cell(self, finding: Finding) -> bool:
        return any(c.table in self.tables and c.table != "text" for c in finding.cells)

    def show_findings(self) -> None:
        """Refresh the message bar from the document's findings (none while the document holds them back:
        `DraftDocument.hold_findings`)."""
        if self.document.findings_held:
            return
        self.message_bar.set_findings(self.page_findings())

    def show_notice(self, text: str, severity: Severity | None = Severity.ERROR) -> None:
        """Show a transient notice in the page's message bar: a refused input, a failed save (错误), or a
        done message (severity None)."""
        self.message_bar.set_notice(text, severity)

    def show_cell_notice(self, cell: Cell, text: str, severity: Severity | None = Severity.ERROR) -> None:
        """Show a notice about `cell` that the clerk must see (a figure stored after a refused keystroke, a
        text not stored): it stays, with 「定位」 and 「知道了」, until that cell is edited again."""
        self.message_bar.set_notice(text, severity, cell)

    # -- guided fixes (issue 5) ------------------------------------------------------------------------

    def apply_fix(self, finding: Finding) -> bool:
        """Apply the fix `finding` proposes (one undo step) and say so; return True if the draft changed.
        The focus goes back to the field that had it (`gui.keyboard.focus_kept`), as after 说明 and 删除说明."""
        with focus_kept(self):
            try:
                done = guided.apply_fix(self.document, finding)
            except ValueError as exc:
                self.show_notice(f"无法改正：{exc}")
                return False
            if done:
                self.show_notice(done, None)
            return bool(done)

    def explain(self, finding: Finding) -> bool:
        """Ask for the explanation of `finding` and store it (one undo step); return True if it changed."""
        with focus_kept(self):
            current = guided.explanation_of(self.document, finding)
            if finding.rule == "X1":
                text, accepted = guided.CarriedOverReasonDialog.ask(self, finding.message, current)
            else:
                text, accepted = guided.ExplanationDialog.ask(self, finding, current)
            if not accepted:
                return False
            return guided.store_explanation(self.document, finding, text)

    def remove_explanation(self, finding: Finding) -> bool:
        """Remove the explanation of `finding` (one undo step); return True if there was one."""
        with focus_kept(self):
            return guided.store_explanation(self.document, finding, "")

    def _on_reset(self) -> None:
        self.message_bar.clear_notice()
        if self._built:  # (a page not built yet shows the new draft when it is)
            self.load()
            self.reset_views()

    def reset_views(self) -> None:
        """Show a newly opened draft from its start: every table, list, text and scrolled area of the page
        at its top-left, no cell selected (the first input cell is current again when the grid gets the focus)."""
        from PySide6.QtWidgets import QAbstractItemView  # (here: see keyboard.INPUT_CLASSES)

        for area in self.findChildren(QAbstractScrollArea):
            for bar in (area.verticalScrollBar(), area.horizontalScrollBar()):
                bar.setValue(bar.minimum())
            if isinstance(area, QAbstractItemView) and area.selectionModel() is not None:
                area.selectionModel().clear()

    def _on_cell_changed(self, cell: Cell) -> None:
        # an accepted edit makes an earlier refusal notice stale; a notice about a cell (what was stored
        # after a refused keystroke) goes only when that cell changes (edited again, undone)
        about = self.message_bar.notice_cell()
        if about == cell or (about is None and cell.table in self.tables):
            self.message_bar.clear_notice()


def _has_field(widget: QWidget) -> bool:
    """Return True if `widget` is, or holds, a field the clerk types in."""
    return is_input(widget) or any(is_input(child) for child in widget.findChildren(QWidget))


def scroll_wrap(widget: QWidget) -> QWidget:
    """Return `widget` inside a frameless scroll area that scrolls vertically only."""
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    set_enum(area, "horizontalScrollBarPolicy", "ScrollBarAlwaysOff")  # (before the first paint: `set_enum`)
    set_enum(area, "focusPolicy", "NoFocus")  # Tab goes to the fields inside, not to the area
    return area
