"""Dialog helpers returning `(value, accepted)`, so the wizard's logic never depends on how a dialog ran.

Tests replace these classmethods with the clerk's answer; the dialogs themselves are built by `build()`
methods that tests can inspect without `exec()`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QDateTime,
    QFileInfo,
    QIdentityProxyModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTranslator,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QFileSystemModel,
    QMessageBox,
    QSplitter,
    QTreeView,
    QWidget,
)

from gui import settings, style
from gui.keyboard import run_modal

DRAFT_FILTER = "年报草稿 (*.json)"
WORD_SUFFIXES = "*.docx *.doc *.wps *.rtf"
PDF_SUFFIXES = "*.pdf"
PAGE_SUFFIXES = "*.html *.htm *.mht *.mhtml"
# The filters only choose what the dialog lists: every file is read for what its content is
# (`model.sources.open_report`), so 「所有文件」 is offered too, for a report saved under another name.
OPEN_FILTER = (
    f"年报草稿或报告 (*.json {WORD_SUFFIXES} {PDF_SUFFIXES} {PAGE_SUFFIXES});;年报草稿 (*.json);;"
    f"Word 或 WPS 报告 ({WORD_SUFFIXES});;PDF 文件 ({PDF_SUFFIXES});;网页 ({PAGE_SUFFIXES});;所有文件 (*)"
)
DOCX_FILTER = "Word 文件 (*.docx)"

# Windows: the system's own file dialogs (in the language of Windows). Elsewhere Qt decides; where it falls
# back to its own dialog, that one is made readable: Chinese throughout (`gui.app.install_translators`),
# sizes and dates as a Chinese reader writes them, a size that leaves the columns room.
NATIVE_DIALOGS = sys.platform == "win32"
DIALOG_SIZE = (920, 580)  # px at 100 % text: the name column takes most of the width


class ChineseFileColumns(QIdentityProxyModel):
    """Shows the size and date columns of Qt's own file dialog as a Chinese user reads them: 「12.5 KB」,
    「2026-01-20 09:30」 (Qt's file system model writes 「12.5 KiB」 and the system locale's date)."""

    SIZE, DATE = 1, 3

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and index.column() in (self.SIZE, self.DATE):
            source = self.sourceModel()
            if isinstance(source, QFileSystemModel):
                info: QFileInfo = source.fileInfo(self.mapToSource(index))
                if index.column() == self.DATE:
                    return QDateTime(info.lastModified()).toString("yyyy-MM-dd HH:mm")
                if info.isDir():
                    return ""
                return file_size_text(info.size())
        return super().data(index, role)


def file_size_text(size: int) -> str:
    """Return a file size in bytes as Windows Explorer writes it in Chinese: 「980 字节」, 「12.5 KB」, 「3.2 MB」."""
    if size < 1024:
        return f"{size} 字节"
    locale = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    return locale.formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat).replace("kB", "KB")


class QtChineseSupplement(QTranslator):
    """The Chinese of what Qt's own qtbase_zh_CN.qm leaves in English (its file dialog: 「Look in:」,
    「Files of type:」 — Qt 6 added mnemonics to these texts and the translation was not updated —, the
    kinds 「Folder」 「File」 …), and 「大小」 for the file size column where qtbase says 「体积」.

    Installed after qtbase_zh_CN, so it is asked first; for every other text it answers None (a null
    string: not known here), so Qt asks qtbase_zh_CN. Installed when Qt's own file dialog is first made
    (`file_dialog`), not at the start: once installed, Qt asks it (in Python) for every text it translates —
    some 130 texts before the first page is painted (issue 11).
    """

    TEXTS: dict[tuple[str, str], str] = {
        ("QFileDialog", "&Look in:"): "查找范围(&L)：",
        ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
        ("QFileDialog", "File name:"): "文件名：",
        ("QFileSystemModel", "Size"): "大小",
        ("QAbstractFileIconProvider", "Folder"): "文件夹",
        ("QAbstractFileIconProvider", "File Folder"): "文件夹",
        ("QAbstractFileIconProvider", "Drive"): "驱动器",
        ("QAbstractFileIconProvider", "File"): "文件",
        ("QAbstractFileIconProvider", "%1 File"): "%1 文件",
        ("QAbstractFileIconProvider", "Unknown"): "未知",
        ("QAbstractFileIconProvider", "Shortcut"): "快捷方式",
        ("QAbstractFileIconProvider", "Alias"): "替身",
    }

    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        return self.TEXTS.get((str(context), source))

    def isEmpty(self) -> bool:
        return False


def install_file_dialog_texts() -> None:
    """Install `QtChineseSupplement` on the application, once."""
    app = QApplication.instance()
    if app is not None and not app.findChildren(QtChineseSupplement):
        app.installTranslator(QtChineseSupplement(app))  # after qtbase: asked first


def file_dialog(
    parent: QWidget | None,
    title: str,
    start: Path,
    filters: str = "",
    mode: str = "open",
    native: bool | None = None,
) -> QFileDialog:
    """Return a file dialog (not shown) titled `title`, opening on `start` — a folder, or a file whose name
    is offered; `mode` 'open' (an existing file), 'save' (asks before replacing) or 'folder'.

    `native` (default: on Windows only) uses the system's dialog; otherwise Qt's own dialog is used with
    the detail view, Chinese sizes and dates and a sensible size (`DIALOG_SIZE`, within the screen).
    """
    folder = start if start.is_dir() or not start.suffix else start.parent
    qt_own = not (NATIVE_DIALOGS if native is None else native)
    if qt_own:
        install_file_dialog_texts()  # before the dialog is made: it translates its texts as it is built
    dialog = QFileDialog(parent, title, str(folder), filters)
    if mode == "save":
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    elif mode == "folder":
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    else:
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    if qt_own:
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setProxyModel(ChineseFileColumns(dialog))
        dialog.setViewMode(QFileDialog.ViewMode.Detail)
        _fit_qt_dialog(dialog)
    if start != folder:
        dialog.selectFile(start.name)
    return dialog


def _fit_qt_dialog(dialog: QFileDialog) -> None:
    """Size Qt's own dialog to `DIALOG_SIZE` (following the text size, within the screen) and give the
    file names, the places list and the dates room."""
    width, height = style.px(DIALOG_SIZE[0]), style.px(DIALOG_SIZE[1])
    screen = dialog.screen().availableGeometry() if dialog.screen() else None
    if screen is not None:
        width, height = min(width, screen.width() - 40), min(height, screen.height() - 60)
    dialog.resize(width, height)
    splitter = dialog.findChild(QSplitter, "splitter")
    if splitter is not None:
        places = style.px(170)
        splitter.setSizes([places, max(width - places, 200)])
    tree = dialog.findChild(QTreeView, "treeView")
    if tree is not None:
        metrics = tree.fontMetrics()
        header = tree.header()
        header.resizeSection(1, metrics.horizontalAdvance("1023.9 MB") + 24)
        header.resizeSection(2, metrics.horizontalAdvance("Microsoft Word 文档") + 24)
        header.resizeSection(3, metrics.horizontalAdvance("2026-01-20 09:30") + 24)
        rest = width - style.px(170) - sum(header.sectionSize(c) for c in (1, 2, 3)) - 60
        header.resizeSection(0, max(rest, metrics.horizontalAdvance("一二三四五六七八九十") + 40))


def chosen_path(dialog: QFileDialog) -> Path | None:
    """Run `dialog`; return the file or folder chosen, None when cancelled."""
    if run_modal(dialog) != QDialog.DialogCode.Accepted:
        return None
    files = dialog.selectedFiles()
    return Path(files[0]) if files else None


def with_suffix(path: Path, suffix: str) -> Path:
    """Return `path` ending in `suffix` (added when the clerk typed the name without it)."""
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


class FileDialogs:
    """The file dialogs of the wizard; each `ask_*` returns `(path, accepted)`, each `build_*` the dialog."""

    @classmethod
    def build_open(cls, parent: QWidget | None) -> QFileDialog:
        """Return the dialog asking which draft (.json) or report (Word, PDF, web page) to open."""
        return file_dialog(parent, "打开草稿或报告", settings.last_folder(), OPEN_FILTER)

    @classmethod
    def ask_open(cls, parent: QWidget | None) -> tuple[Path | None, bool]:
        """Ask which draft (.json) or report (Word, PDF, web page) to open."""
        path = chosen_path(cls.build_open(parent))
        return path, path is not None

    @classmethod
    def build_save_draft(cls, parent: QWidget | None, start: Path) -> QFileDialog:
        """Return the dialog asking where to save the draft, opening on `start` (folder / offered name)."""
        dialog = file_dialog(parent, "保存草稿", start, DRAFT_FILTER, "save")
        dialog.setDefaultSuffix("json")
        return dialog

    @classmethod
    def ask_save_draft(cls, parent: QWidget | None, start: Path) -> tuple[Path | None, bool]:
        """Ask where to save the draft; `start` is the folder and the file name offered."""
        path = chosen_path(cls.build_save_draft(parent, start))
        return (with_suffix(path, ".json"), True) if path is not None else (None, False)

    @classmethod
    def build_export(cls, parent: QWidget | None, start: Path) -> QFileDialog:
        """Return the dialog asking where to write the Word file, opening on `start` (folder / offered name)."""
        dialog = file_dialog(parent, "导出 Word 文件", start, DOCX_FILTER, "save")
        dialog.setDefaultSuffix("docx")
        return dialog

    @classmethod
    def ask_export(cls, parent: QWidget | None, start: Path) -> tuple[Path | None, bool]:
        """Ask where to write the Word file; `start` is the folder and the default file name offered."""
        path = chosen_path(cls.build_export(parent, start))
        return (with_suffix(path, ".docx"), True) if path is not None else (None, False)


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
        run_modal(box)
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


class AboutDialog:
    """关于年报填报助手: the version, the report format (国办公开办函〔2021〕30号) and the draft file version."""

    @classmethod
    def build(cls, parent: QWidget | None) -> QMessageBox:
        """Return the box (not shown)."""
        from model.about import APP_NAME, about_lines

        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(f"关于{APP_NAME}")
        first, *rest = about_lines()
        box.setText(first)
        box.setInformativeText("\n".join([*rest, "离线使用，不连接网络。"]))
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # the version can be copied
        ok = box.addButton("确定", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(ok)
        box.setEscapeButton(ok)
        return box

    @classmethod
    def show(cls, parent: QWidget | None) -> None:
        """Show the box until the clerk closes it."""
        run_modal(cls.build(parent))
