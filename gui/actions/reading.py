"""Reading a report without freezing the window: `model.sources.open_report` in a worker thread.

A Word file, a PDF or a web page is read in a worker thread; a `.doc` or `.wps` file (and a damaged
`.docx`) is first converted by LibreOffice, which can take up to two minutes
(`model.docx.convert.CONVERT_TIMEOUT`). `BackgroundReader.read()` runs the reading in Qt's thread pool and
waits in a local event loop, so the window keeps repainting and can be moved; after `BUSY_DELAY_MS` a busy
indicator (「正在读取…」 with 「取消」) blocks the window's input, so nothing is typed into a draft about to
be replaced. The result, or the error, is handed back on the GUI thread; the caller replaces the open draft
only when the reading succeeded. PDF files are read one at a time (`model.published.layout.PDFIUM_LOCK`).
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from gui.keyboard import controller_of
from model.sources import SLOW_WORD, OpenedReport, file_kind, open_report
from model.storage.drafts import DraftError

BUSY_DELAY_MS = 400  # a plain .docx, a PDF or a web page is read before this; no indicator flashes up


class ReadCancelled(Exception):
    """The clerk stopped waiting for a file being read (「取消」 on the busy indicator)."""


class _Outcome(QObject):
    """Carries one reading's result to the GUI thread: it lives there, so its signal is queued."""

    finished = Signal(object)  # (serial, OpenedReport | None, Exception | None, thread id)


class _ReadTask(QRunnable):
    """Runs `open_report(path)` in a thread of the pool (which deletes the task) and emits the outcome."""

    def __init__(self, serial: int, path: Path, outcome: _Outcome) -> None:
        super().__init__()
        self.serial = serial
        self.path = path
        self.outcome = outcome

    def run(self) -> None:
        thread = threading.get_ident()
        try:
            opened = open_report(self.path)
        except Exception as exc:  # DraftError, or a bug: either way the GUI thread decides what to do
            self.outcome.finished.emit((self.serial, None, exc, thread))
            return
        self.outcome.finished.emit((self.serial, opened, None, thread))


def busy_text(path: Path) -> str:
    """Return what the busy indicator says while `path` is read."""
    text = f"正在读取「{path.name}」…"
    if file_kind(path) == SLOW_WORD:  # by content: a .doc named .docx is converted too
        text += "\n这是 Word 97-2003 或 WPS 格式的文件，要先用 LibreOffice 转换，可能需要一两分钟。"
    return text


class BackgroundReader(QObject):
    """Reads report files in a worker thread for one window (see the module docstring).

    `last_thread` is the id (`threading.get_ident()`) of the thread the last file was read in; `busy`
    the indicator while it is shown.
    """

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.last_thread: int | None = None
        self.busy: QProgressDialog | None = None
        self._serial = 0
        self._result: tuple[OpenedReport | None, Exception | None, int] | None = None
        self._loop: QEventLoop | None = None

    def read(self, path: Path) -> OpenedReport:
        """Return the report at `path` (`model.sources.open_report`), read in a worker thread while the
        window stays responsive.

        Raises `DraftError` when the file cannot be read, `ReadCancelled` when the clerk chose 「取消」
        (the reading then finishes unseen and its result is dropped), and re-raises any other error of
        the reading on the GUI thread.
        """
        self._serial += 1
        self._result = None
        # the outcome belongs to the application, not to this window: a reading the clerk stopped waiting
        # for may end after the window closed; the outcome goes once its result has been handed over
        outcome = _Outcome(QCoreApplication.instance())
        outcome.finished.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        outcome.finished.connect(outcome.deleteLater, Qt.ConnectionType.QueuedConnection)
        loop = self._loop = QEventLoop()
        QThreadPool.globalInstance().start(_ReadTask(self._serial, Path(path), outcome))
        try:
            # first only repaint, no input, for a short while: a plain .docx is read by then
            quiet = QTimer()
            quiet.setSingleShot(True)
            quiet.timeout.connect(loop.quit)
            quiet.start(BUSY_DELAY_MS)
            loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
            quiet.stop()
            if self._result is None:
                self.busy = self._busy_dialog(Path(path))
                self.busy.canceled.connect(loop.quit)
                self.busy.show()
                loop.exec()
        finally:
            self._loop = None
            if self.busy is not None:
                self.busy.close()
                self.busy.deleteLater()
                self.busy = None
                controller = controller_of(self.window)
                if controller is not None:  # the keyboard back to the window, as after every dialog
                    controller.return_focus()
        if self._result is None:  # cancelled: the late result goes nowhere
            self._serial += 1
            raise ReadCancelled(str(path))
        opened, error, self.last_thread = self._result
        self._result = None
        if error is not None:
            raise error
        assert opened is not None
        return opened

    @Slot(object)
    def _finished(self, result: tuple[int, OpenedReport | None, Exception | None, int]) -> None:
        serial, opened, error, thread = result
        if serial != self._serial:  # a reading the clerk stopped waiting for
            return
        self._result = (opened, error, thread)
        if self._loop is not None:
            self._loop.quit()

    def _busy_dialog(self, path: Path) -> QProgressDialog:
        parent = self.window if self.window.isVisible() else None
        dialog = QProgressDialog(busy_text(path), "取消", 0, 0, parent)
        dialog.setWindowTitle("正在读取")
        dialog.setWindowModality(
            Qt.WindowModality.WindowModal if parent is not None else Qt.WindowModality.ApplicationModal
        )
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        return dialog


__all__ = ["BUSY_DELAY_MS", "BackgroundReader", "DraftError", "ReadCancelled", "busy_text"]
