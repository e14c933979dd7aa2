"""The one presenter of unexpected errors: `sys.excepthook` logs the traceback and shows one dialog."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from gui.keyboard import controller_of

if TYPE_CHECKING:  # imported when an error is shown: not to paint the first page
    from PySide6.QtWidgets import QMessageBox

log = logging.getLogger("nianbao")


def log_path() -> Path:
    """Return the log file of the application, in the user's log folder (platformdirs)."""
    from platformdirs import user_log_dir

    return Path(user_log_dir("nianbao", appauthor=False)) / "nianbao.log"


class ErrorPresenter:
    """`sys.excepthook` replacement: writes the traceback to the log, shows one non-blocking dialog.

    Further errors while the dialog is open are logged and counted in it, never stacked as more dialogs.
    Model code raises typed exceptions (`DraftError`, `ExportError`) that pages handle themselves; what
    reaches here is a defect, so the message says the work is still open and where the log is.

    `log_file` is the log's path, or a function returning it (`log_path`), asked when the first record is
    written: finding the user's log folder (platformdirs: some 6 M instructions at the start) is not needed to
    paint the first page (issue 11). None: no log file.
    """

    def __init__(self, log_file: Path | Callable[[], Path] | None = None) -> None:
        self._log_file = log_file
        self.dialog: QMessageBox | None = None
        self.count = 0
        self.previous_hook = sys.excepthook

    @property
    def log_file(self) -> Path | None:
        """The log file's path (None: no log file, or it cannot be written)."""
        if callable(self._log_file):
            self._log_file = self._log_file()
        return self._log_file

    def install(self) -> None:
        """Make this presenter the `sys.excepthook`, and write the "nianbao" log (the tracebacks here, the
        autosave's warnings) to the log file, opened with its first record (`LogFile`)."""
        if self._log_file is not None:
            log.addHandler(LogFile(self))
        sys.excepthook = self

    def no_log_file(self) -> None:
        """Forget the log file (it cannot be written): the message then shows the details instead."""
        self._log_file = None

    def __call__(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("未处理的异常\n%s", text)
        if issubclass(exc_type, KeyboardInterrupt):
            return
        self.count += 1
        if QApplication.instance() is None:
            print(text, file=sys.stderr)
            return
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.setInformativeText(self._info(exc))
            return
        self.dialog = self.build(exc, text)
        controller = controller_of(self.dialog.parentWidget())
        if controller is not None:  # the keyboard back to the wizard once it is closed, as after every dialog
            field = controller.field()
            self.dialog.finished.connect(lambda _result: controller.return_focus(field))
        self.dialog.open()

    def _info(self, exc: BaseException) -> str:  # (asked after the record is logged: a log that failed is None)
        where = f"详细信息已记录在：{self.log_file}" if self.log_file else "详细信息见下方。"
        more = f"（本次运行共发生 {self.count} 次）" if self.count > 1 else ""
        return f"错误：{type(exc).__name__}：{exc}{more}\n\n正在填写的内容仍然保留，请先保存草稿再继续。{where}"

    def build(self, exc: BaseException, details: str) -> QMessageBox:
        """Return the dialog (not shown) telling the clerk about `exc`, with the traceback as details."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QApplication.activeWindow())
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle("年报填报助手 · 程序出错")
        box.setText("程序遇到了意外的错误。")
        box.setInformativeText(self._info(exc))
        box.setDetailedText(details)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        return box


class LogFile(logging.Handler):
    """The log file of `presenter`, its folder made and the file opened when the first record comes (most
    runs write none); if it cannot be, the presenter is told (`ErrorPresenter.no_log_file`) and records go
    nowhere."""

    def __init__(self, presenter: ErrorPresenter) -> None:
        super().__init__()
        self.presenter = presenter
        self.file: logging.FileHandler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self.file is None:
            path = self.presenter.log_file
            if path is None:
                return
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                self.file = logging.FileHandler(path, encoding="utf-8")
            except OSError:
                self.presenter.no_log_file()
                return
            self.file.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        self.file.emit(record)

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
        super().close()
