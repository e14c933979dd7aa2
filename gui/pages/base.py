"""What every page of the wizard shares: the document, an inline message bar for its findings, jumping."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget, QWizardPage

from gui import guided
from gui.document import DraftDocument
from gui.widgets import MessageBar
from model.checks import Cell, Finding, Severity


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
        self.document = document
        self.setTitle(title)
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(0, 0, 0, 0)
        self.outer.setSpacing(8)
        if lead:
            label = QLabel(lead)
            label.setObjectName("pageLead")
            label.setWordWrap(True)
            self.outer.addWidget(label)
        self.message_bar = MessageBar(self)
        self.message_bar.finding_activated.connect(self.finding_activated.emit)
        self.message_bar.explanation_of = lambda f: guided.explanation_of(self.document, f)
        self.message_bar.fix_requested.connect(self.apply_fix)
        self.message_bar.explain_requested.connect(self.explain)
        self.message_bar.unexplain_requested.connect(self.remove_explanation)
        self.build()
        document.findings_changed.connect(self.show_findings)
        document.reset.connect(self._on_reset)
        document.cell_changed.connect(self._on_cell_changed)
        self.show_findings()

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

    def page_findings(self) -> list[Finding]:
        """Return the findings of this page's sections, in severity order."""
        return [f for f in self.document.findings() if f.section in self.sections]

    def show_findings(self) -> None:
        """Refresh the message bar from the document's findings."""
        self.message_bar.set_findings(self.page_findings())

    def show_notice(self, text: str, severity: Severity | None = Severity.ERROR) -> None:
        """Show a transient notice in the page's message bar: a refused input, a failed save (错误), or a
        done message (severity None)."""
        self.message_bar.set_notice(text, severity)

    # -- guided fixes (issue 5) ------------------------------------------------------------------------

    def apply_fix(self, finding: Finding) -> bool:
        """Apply the fix `finding` proposes (one undo step) and say so; return True if the draft changed."""
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
        return guided.store_explanation(self.document, finding, "")

    def _on_reset(self) -> None:
        self.message_bar.clear_notice()
        self.load()

    def _on_cell_changed(self, cell: Cell) -> None:
        # an accepted edit makes an earlier refusal notice stale
        if cell.table in self.tables:
            self.message_bar.clear_notice()


def scroll_wrap(widget: QWidget) -> QWidget:
    """Return `widget` inside a frameless scroll area that scrolls vertically only."""
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields inside, not to the area
    return area
