"""「备份到…」 in the wizard: copy the draft (and the Word file exported from it) to a folder the clerk picks."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from gui import settings
from gui.dialogs import chosen_path, file_dialog
from gui.host import WizardHost
from model.storage.backup import backup_draft
from model.storage.drafts import DraftError


class BackupDialogs:
    """The folder question of 「备份到…」; returns `(folder, accepted)`."""

    @classmethod
    def ask_folder(cls, parent: QWidget | None) -> tuple[Path | None, bool]:
        """Ask which folder (a USB stick, a shared folder) receives the backup."""
        start = settings.backup_folder() or settings.last_folder()
        path = chosen_path(file_dialog(parent, "备份到哪个文件夹（如 U 盘）", start, mode="folder"))
        return path, path is not None


class BackupController(QObject):
    """The 「备份到…」 action of one wizard (Ctrl+B) and what it does."""

    def __init__(self, wizard: WizardHost) -> None:
        super().__init__(wizard)
        self.wizard = wizard
        self.action = QAction("备份到…", wizard)
        self.action.setShortcut(QKeySequence("Ctrl+B"))
        self.action.setToolTip("把草稿（和导出的 Word 文件）复制到 U 盘等文件夹，文件名带日期（Ctrl+B）")
        self.action.triggered.connect(self.run)
        wizard.addAction(self.action)

    def word_file(self) -> Path | None:
        """Return the Word file to back up with the draft: the one exported in this session, else one beside
        the draft file with the default export name; None if there is none."""
        document = self.wizard.document
        if document.last_export is not None and document.last_export.exists():
            return document.last_export
        if document.path is None:
            return None
        try:
            from model.docx.writer import default_file_name
        except ImportError:
            return None
        beside = document.path.parent / str(default_file_name(document.draft))
        return beside if beside.exists() else None

    def run(self) -> bool:
        """Ask for the folder and write the backup; say in the page's message bar what was written."""
        folder, accepted = BackupDialogs.ask_folder(self.wizard)
        if not accepted or folder is None:
            return False
        return self.backup_to(folder)

    def backup_to(self, folder: Path) -> bool:
        """Write the backup into `folder`; return True when the draft was backed up."""
        document = self.wizard.document
        stem = document.path.stem if document.path is not None else Path(self.wizard.suggested_name()).stem
        try:
            result = backup_draft(folder, document.draft, stem, self.word_file())
        except DraftError as exc:
            self.wizard.notify(f"备份失败：{exc}。填写的内容没有受影响，可换个文件夹再备份。")
            return False
        settings.remember_backup_folder(folder)
        names = "、".join(p.name for p in result.files)
        if result.problems:
            self.wizard.notify(f"已备份草稿到 {folder}：{names}。但{'；'.join(result.problems)}。")
        else:
            self.wizard.notify(f"已备份到 {folder}：{names}", None)
        return True
