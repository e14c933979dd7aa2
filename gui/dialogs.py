"""Dialog helpers returning `(value, accepted)`, so the wizard's logic never depends on how a dialog ran.

Tests replace these classmethods with the clerk's answer; the dialogs themselves are built by `build()`
methods that tests can inspect without `exec()`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from gui import settings

DRAFT_FILTER = "年报草稿 (*.json)"
OPEN_FILTER = "年报草稿或 Word 报告 (*.json *.docx);;年报草稿 (*.json);;Word 报告 (*.docx)"
DOCX_FILTER = "Word 文件 (*.docx)"


class FileDialogs:
    """The file dialogs of the wizard; each returns `(path, accepted)`."""

    @classmethod
    def ask_open(cls, parent: QWidget | None) -> tuple[Path | None, bool]:
        """Ask which draft (.json) or report (.docx) to open."""
        name, _ = QFileDialog.getOpenFileName(parent, "打开草稿或报告", str(settings.last_folder()), OPEN_FILTER)
        return (Path(name), True) if name else (None, False)

    @classmethod
    def ask_save_draft(cls, parent: QWidget | None, suggested: str) -> tuple[Path | None, bool]:
        """Ask where to save the draft; `suggested` is the file name offered."""
        start = str(settings.last_folder() / suggested)
        name, _ = QFileDialog.getSaveFileName(parent, "保存草稿", start, DRAFT_FILTER)
        if not name:
            return None, False
        path = Path(name)
        return (path if path.suffix.lower() == ".json" else path.with_name(path.name + ".json")), True

    @classmethod
    def ask_export(cls, parent: QWidget | None, suggested: str) -> tuple[Path | None, bool]:
        """Ask where to write the Word file; `suggested` is the default file name."""
        start = str(settings.last_folder() / suggested)
        name, _ = QFileDialog.getSaveFileName(parent, "导出 Word 文件", start, DOCX_FILTER)
        if not name:
            return None, False
        path = Path(name)
        return (path if path.suffix.lower() == ".docx" else path.with_name(path.name + ".docx")), True


SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


class SaveChangesDialog:
    """The question asked before unsaved changes would be lost: 保存 / 不保存 / 取消."""

    @classmethod
    def build(cls, parent: QWidget | None, name: str) -> QMessageBox:
        """Return the question box (not shown) for the draft called `name`."""
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("保存修改")
        box.setText(f"「{name}」有尚未保存的修改。")
        box.setInformativeText("是否先保存？不保存的话，这些修改将会丢失。")
        save = box.addButton("保存", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("不保存", QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.setEscapeButton(cancel)
        return box

    @classmethod
    def ask(cls, parent: QWidget | None, name: str) -> tuple[str, bool]:
        """Ask; return ('save' | 'discard' | 'cancel', accepted) — accepted is False for 取消."""
        box = cls.build(parent, name)
        box.exec()
        choice = cls.answer(box)
        return choice, choice != CANCEL

    @classmethod
    def answer(cls, box: QMessageBox) -> str:
        """Return what the clerk chose in `box`: 'save', 'discard' or 'cancel'."""
        clicked = box.clickedButton()
        if clicked is None:
            return CANCEL
        role = box.buttonRole(clicked)
        if role == QMessageBox.ButtonRole.AcceptRole:
            return SAVE
        if role == QMessageBox.ButtonRole.DestructiveRole:
            return DISCARD
        return CANCEL
