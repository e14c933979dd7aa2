"""Never lose work: autosave of every open window to a recovery file, and the offer to restore after a crash.

- `Session`: this run of the program; holds a `QLockFile` ``<session>.lock`` in the recovery folder while
  it runs, so another run can tell a live session's recovery files from those of a session that crashed
  or was killed (Qt removes a lock file whose process is gone).
- `Autosaver`: writes the window's draft to its own recovery file at most `MAX_DELAY_MS` (30 s) after a
  change (sooner after `IDLE_MS` of quiet), at once on every page change; removes the file when the draft
  is saved or back to its saved state, and when the window closes normally.
- `offer_recovery`: at start, lists the recovery files of dead sessions in `RecoveryDialog` (time, report,
  file) and restores the ones the clerk picks — the first into the wizard, each other one in a window of
  its own — as unsaved work; discarded files are deleted, 「以后再说」 keeps them for the next start.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui import style
from gui.host import WizardHost
from gui.keyboard import run_modal
from model.storage.drafts import DraftError
from model.storage.recovery import (
    RecoveryRecord,
    list_recovery_files,
    read_recovery,
    recovery_folder,
    recovery_path,
    remove_quietly,
    session_id,
    session_of,
    write_recovery,
)

log = logging.getLogger("nianbao")

IDLE_MS = 5_000  # write after this much quiet…
MAX_DELAY_MS = 30_000  # …and never later than this after the first change not yet written


class Session:
    """This run of the program in one recovery `folder`: its id, its lock, its windows' numbers."""

    _sessions: dict[Path, Session] = {}

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.id = session_id()
        self._windows = 0
        self.lock: QLockFile | None = None
        try:
            folder.mkdir(parents=True, exist_ok=True)
            lock = QLockFile(str(folder / f"{self.id}.lock"))
            lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
            if lock.tryLock(0):
                self.lock = lock
        except OSError as exc:  # no user data folder: autosave will say so when it writes
            log.warning("recovery folder %s: %s", folder, exc)

    @classmethod
    def current(cls, folder: Path | None = None) -> Session:
        """Return the session of this process for `folder` (default: `model.storage.recovery.recovery_folder()`)."""
        folder = folder or recovery_folder()
        if folder not in cls._sessions:
            cls._sessions[folder] = cls(folder)
        return cls._sessions[folder]

    def next_file(self) -> Path:
        """Return a recovery file name for a new window of this session."""
        self._windows += 1
        return recovery_path(self.folder, self.id, self._windows)

    def is_alive(self, session: str) -> bool:
        """Return True if `session` (this one or another running copy of the program) is still running."""
        if session == self.id:
            return True
        lock = QLockFile(str(self.folder / f"{session}.lock"))
        lock.setStaleLockTime(0)
        if lock.tryLock(0):  # nobody holds it: the session is gone (Qt removed its stale lock)
            lock.unlock()
            return False
        return True  # held by a running copy (or unreadable: better not offer its files)

    @classmethod
    def release_all(cls) -> None:
        """Release the locks of this process's sessions (at a normal exit)."""
        for session in cls._sessions.values():
            if session.lock is not None:
                session.lock.unlock()
                session.lock = None
        cls._sessions.clear()

    def orphans(self) -> list[Path]:
        """Return the recovery files left by sessions that are no longer running, oldest first."""
        alive: dict[str, bool] = {}
        out = []
        for path in list_recovery_files(self.folder):
            session = session_of(path) or ""
            if session not in alive:
                alive[session] = self.is_alive(session)
            if not alive[session]:
                out.append(path)
        return out


class Autosaver(QObject):
    """Keeps the recovery file of one wizard window up to date (see the module docstring)."""

    def __init__(self, wizard: WizardHost, session: Session | None = None) -> None:
        super().__init__(wizard)
        self.wizard = wizard
        self.document = wizard.document
        self.session = session or Session.current()
        self.path = self.session.next_file()
        self.failed = False
        self._pending = False
        self.idle = QTimer(self, singleShot=True, interval=IDLE_MS)
        self.deadline = QTimer(self, singleShot=True, interval=MAX_DELAY_MS)
        self.idle.timeout.connect(self.save_now)
        self.deadline.timeout.connect(self.save_now)
        d = self.document
        d.cell_changed.connect(self.changed)
        d.reset.connect(self.changed)
        d.path_changed.connect(self.changed)
        d.undo_stack.cleanChanged.connect(self._on_clean_changed)
        wizard.currentIdChanged.connect(lambda _id: self.save_now())
        wizard.finished.connect(lambda _result: self.close())

    def changed(self, *_args: object) -> None:
        """Note a change: write after `IDLE_MS` of quiet, at the latest `MAX_DELAY_MS` after this change."""
        self._pending = True
        self.idle.start()
        if not self.deadline.isActive():
            self.deadline.start()

    def _on_clean_changed(self, clean: bool) -> None:
        if clean:  # saved, or undone back to what is saved: nothing to recover
            self._pending = False
            self.idle.stop()
            self.deadline.stop()
            remove_quietly(self.path)
        else:
            self.changed()

    def save_now(self) -> bool:
        """Write the recovery file now if there are changes not yet written; return True if written.

        A draft with no unsaved changes needs no recovery file: it is removed instead. A failure is shown
        once in the page's message bar (the work itself is still open).
        """
        self.idle.stop()
        self.deadline.stop()
        if not self._pending:
            return False
        self._pending = False
        if not self.document.modified:
            remove_quietly(self.path)
            return False
        d = self.document
        try:
            write_recovery(self.path, d.draft, d.path, d.source_name)
        except DraftError as exc:
            log.warning("autosave failed: %s", exc)
            if not self.failed:
                self.wizard.notify(f"自动保存失败：{exc}。请尽快用“保存”把草稿存到文件里。")
            self.failed = True
            return False
        self.failed = False
        return True

    def close(self) -> None:
        """Stop autosaving and remove the recovery file (the window closed normally)."""
        self.idle.stop()
        self.deadline.stop()
        self._pending = False
        remove_quietly(self.path)


# ---------------------------------------------------------------------------------------------------------
# The offer to restore


RESTORE, DISCARD, LATER = "restore", "discard", "later"


class RecoveryDialog:
    """The question asked at start when work of a crashed session was found: restore which, or discard."""

    @classmethod
    def build(cls, parent: QWidget | None, records: list[RecoveryRecord]) -> QDialog:
        """Return the dialog (not shown): one checkable line per record (all checked), and the buttons
        「恢复选中的草稿」「全部丢弃」「以后再说」."""
        dialog = QDialog(parent)
        dialog.setWindowTitle("恢复未保存的工作")
        lay = QVBoxLayout(dialog)
        text = QLabel(
            "年报填报助手上次未能正常退出（可能是断电、死机或被强行关闭）。以下是当时自动保存的内容，请勾选要恢复的草稿："
        )
        text.setWordWrap(True)
        lay.addWidget(text)
        listing = QListWidget(dialog)
        listing.setObjectName("recoveryList")
        for record in records:
            item = QListWidgetItem(record.describe())
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            listing.addItem(item)
        lay.addWidget(listing)
        note = QLabel("恢复的内容会作为“未保存的修改”打开，请检查后保存。选“以后再说”，下次启动时还会提示。")
        style.set_role(note, "pageLead")
        note.setWordWrap(True)
        lay.addWidget(note)
        buttons = QDialogButtonBox(dialog)
        restore = buttons.addButton("恢复选中的草稿", QDialogButtonBox.ButtonRole.AcceptRole)
        discard = buttons.addButton("全部丢弃", QDialogButtonBox.ButtonRole.DestructiveRole)
        later = buttons.addButton("以后再说", QDialogButtonBox.ButtonRole.RejectRole)
        restore.setDefault(True)
        dialog.nianbao_choice = LATER  # type: ignore[attr-defined]

        def choose(choice: str) -> Callable[[], None]:
            def done() -> None:
                dialog.nianbao_choice = choice  # type: ignore[attr-defined]
                dialog.done(0 if choice == LATER else 1)

            return done

        restore.clicked.connect(choose(RESTORE))
        discard.clicked.connect(choose(DISCARD))
        later.clicked.connect(choose(LATER))
        lay.addWidget(buttons)
        dialog.resize(640, 320)
        return dialog

    @classmethod
    def answer(cls, dialog: QDialog, records: list[RecoveryRecord]) -> tuple[tuple[str, list[RecoveryRecord]], bool]:
        """Return what the clerk chose in `dialog`: ((choice, records checked), accepted)."""
        choice = str(getattr(dialog, "nianbao_choice", LATER))
        listing = dialog.findChild(QListWidget, "recoveryList")
        chosen = []
        if listing is not None:
            chosen = [r for i, r in enumerate(records) if listing.item(i).checkState() == Qt.CheckState.Checked]
        if choice == RESTORE and not chosen:
            choice = LATER
        return (choice, chosen if choice == RESTORE else []), choice != LATER

    @classmethod
    def ask(
        cls, parent: QWidget | None, records: list[RecoveryRecord]
    ) -> tuple[tuple[str, list[RecoveryRecord]], bool]:
        """Ask; return ((‘restore’ | ‘discard’ | ‘later’, the records to restore), accepted) — accepted is
        False for 「以后再说」 (the files are kept)."""
        dialog = cls.build(parent, records)
        run_modal(dialog)
        result = cls.answer(dialog, records)
        dialog.deleteLater()
        return result


def restore_into(wizard: WizardHost, record: RecoveryRecord) -> None:
    """Open `record` in `wizard` as unsaved work belonging to its draft file (if that still exists)."""
    path = record.draft_path if record.draft_path is not None and record.draft_path.exists() else None
    source = record.source_name
    if record.draft_path is not None and path is None:
        source = record.draft_path.name
    wizard.document.replace(record.draft, path, source)
    wizard.document.undo_stack.resetClean()  # unsaved until the clerk saves it
    wizard.update_title()
    when = f"{record.saved_at:%H:%M}"
    if record.saved_at.date() != datetime.now().date():
        when = f"{record.saved_at.month}月{record.saved_at.day}日 {when}"
    wizard.notify(f"已恢复 {when} 自动保存的内容（{wizard.document.display_name()}）。请检查后保存。", None)


def offer_recovery(
    wizard: WizardHost, make_window: Callable[[], WizardHost], session: Session | None = None
) -> list[WizardHost]:
    """Offer to restore the recovery files of dead sessions; return the extra windows opened (the first
    record restored goes into `wizard`, each further one into a window from `make_window`).

    Unreadable recovery files are removed (they cannot be offered); restored and discarded ones too.
    """
    session = session or Session.current()
    records: list[RecoveryRecord] = []
    for path in session.orphans():
        try:
            records.append(read_recovery(path))
        except DraftError as exc:
            log.warning("recovery file dropped: %s", exc)
            remove_quietly(path)
    if not records:
        _drop_dead_locks(session)
        return []
    (choice, chosen), accepted = RecoveryDialog.ask(wizard, records)
    if not accepted:
        return []
    windows: list[WizardHost] = []
    for i, record in enumerate(chosen):
        target = wizard if i == 0 else make_window()
        restore_into(target, record)
        saver = target.findChild(Autosaver)
        if saver is not None:
            saver.save_now()  # this session now holds the work: written before the old file goes
        if target is not wizard:
            windows.append(target)
    for record in records:
        remove_quietly(record.path)
    _drop_dead_locks(session)
    return windows


def _drop_dead_locks(session: Session) -> None:
    """Remove lock files of dead sessions that left no recovery file (Qt removes them when tried)."""
    try:
        locks = [p for p in session.folder.glob("*.lock") if p.stem != session.id]
    except OSError:
        return
    left = {session_of(p) for p in list_recovery_files(session.folder)}
    for lock in locks:
        if lock.stem not in left:
            session.is_alive(lock.stem)
