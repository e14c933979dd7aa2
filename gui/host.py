"""What the wizard's helpers may use of the window they serve: the `WizardHost` protocol.

The helpers (keyboard and focus, 备份到…, autosave and recovery, 从上年报告新建) live below the wizard and
never import `gui.wizard`: each is given the window as a `WizardHost`, which `gui.wizard.ReportWizard`
satisfies. A new helper adds here what it needs of the window, not an import of the wizard.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import SignalInstance
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget, QWizardPage

from gui.document import DraftDocument
from model.findings import Severity

if TYPE_CHECKING:
    from model.sources import OpenedReport


class WizardHost(Protocol):
    """The report window as its helpers see it: the open `document`, its `pages` by key, messages, page
    turning, reading a report file, and the few QWizard members the helpers call."""

    document: DraftDocument
    completed: bool  # the whole window is built (`ReportWizard.complete`; False until the first paint at start)
    pages: dict[str, Any]  # page key ('basic', 'overview', …) → its `gui.pages.base.ReportPage`
    currentIdChanged: SignalInstance
    finished: SignalInstance

    def notify(self, text: str, severity: Severity | None = Severity.ERROR) -> None:
        """Show `text` in the message bar of the page shown (None: a neutral notice)."""

    def suggested_name(self) -> str:
        """Return the file name offered when saving."""

    def start_folder(self) -> Path:
        """Return the folder a save or export dialog opens on."""

    def update_title(self) -> None:
        """Show agency, year, file name and the unsaved mark in the title bar."""

    def confirm_discard(self) -> bool:
        """Return True if the open work may be replaced (saved, or the clerk chose 保存/不保存)."""

    def go_to_page(self, key: str) -> Any:
        """Show the page `key` and return it."""

    def read_report(self, path: Path) -> OpenedReport:
        """Return the report at `path`, read with the window responsive."""

    # QWizard / QWidget members the helpers call
    def addAction(self, action: QAction) -> None: ...  # noqa: N802
    def currentPage(self) -> QWizardPage: ...  # noqa: N802
    def next(self) -> None: ...
    def back(self) -> None: ...
    def isVisible(self) -> bool: ...  # noqa: N802
    def isActiveWindow(self) -> bool: ...  # noqa: N802
    def activateWindow(self) -> None: ...  # noqa: N802
    def isAncestorOf(self, child: QWidget) -> bool: ...  # noqa: N802
    def findChildren(self, kind: type[Any]) -> list[Any]: ...  # noqa: N802
