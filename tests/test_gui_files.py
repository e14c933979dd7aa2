"""File dialogs in Chinese with room for their columns, where they open, and Word reports read without
freezing the window (a .doc converted by LibreOffice in a worker thread)."""

from __future__ import annotations

import re
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from gui_helpers import Answers, make_wizard
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QProgressDialog, QPushButton, QTreeView

from gui import dialogs, settings
from gui.dialogs import FileDialogs, file_size_text
from gui.wizard import ReportWizard
from model.docx.writer import export_docx
from model.draft import Draft
from model.storage.drafts import save_draft

pytest_plugins = ["gui_support"]

REPORT_NAME = "米易县草场镇人民政府2024年政府信息公开工作年度报告.docx"  # the sample's default Word file name

MNEMONIC = re.compile(r"\(&\w\)|&")


def shown_texts(dialog) -> list[str]:
    """Return the texts of the dialog's visible labels and buttons, without their mnemonics."""
    widgets = [w for w in dialog.findChildren(QLabel) + dialog.findChildren(QPushButton) if w.isVisible()]
    return [MNEMONIC.sub("", w.text()) for w in widgets if w.text()]


@pytest.fixture
def qt_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Qt's own file dialogs, as on a computer without native ones (every platform but Windows here)."""
    monkeypatch.setattr(dialogs, "NATIVE_DIALOGS", False)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder with a sub-folder, a draft and a Word file of 2.5 KB."""
    place = tmp_path / "年报"
    (place / "往年").mkdir(parents=True)
    (place / "草稿.json").write_text("{}", encoding="utf-8")
    (place / "报告.docx").write_bytes(b"x" * 2560)
    return place


# -- Qt's own dialogs read Chinese -----------------------------------------------------------------------


def test_qt_file_dialog_labels_buttons_and_columns_are_chinese(
    qtbot, app: QApplication, qt_dialogs: None, folder: Path
) -> None:
    for dialog in (
        FileDialogs.build_open(None),
        FileDialogs.build_save_draft(None, folder / "草稿.json"),
        FileDialogs.build_export(None, folder / "报告.docx"),
    ):
        qtbot.addWidget(dialog)
        dialog.show()
        texts = shown_texts(dialog)
        assert texts and all(re.search(r"[\u4e00-\u9fff]", t) for t in texts), texts  # 查找范围 文件类型 …
        assert not [t for t in texts if re.search(r"[A-Za-z]{2,}", t)], texts  # no "Look in", "Files of type"
        dialog.close()
    # the file list of 打开 (its filter shows the draft, the Word file and the sub-folder)
    dialog = FileDialogs.build_open(None)
    qtbot.addWidget(dialog)
    dialog.setDirectory(str(folder))
    dialog.show()
    tree = dialog.findChild(QTreeView, "treeView")
    model = tree.model()
    qtbot.waitUntil(lambda: model.rowCount(tree.rootIndex()) == 3, timeout=3000)
    headers = [model.headerData(c, tree.header().orientation()) for c in range(4)]
    assert headers == ["名称", "大小", "类型", "修改日期"]
    rows = {model.index(r, 0, tree.rootIndex()).data(): r for r in range(3)}
    kind = model.index(rows["往年"], 2, tree.rootIndex()).data()
    size = model.index(rows["报告.docx"], 1, tree.rootIndex()).data()
    assert kind == "文件夹" and size == "2.5 KB"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", model.index(rows["报告.docx"], 3, tree.rootIndex()).data())
    assert QCoreApplication.translate("QFileDialog", "&Look in:") == "查找范围(&L)："
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"  # other texts still reach qtbase


def test_qt_file_dialog_leaves_room_for_names_and_dates(
    qtbot, app: QApplication, qt_dialogs: None, folder: Path
) -> None:
    dialog = FileDialogs.build_export(None, folder / "报告.docx")
    qtbot.addWidget(dialog)
    dialog.show()
    screen = dialog.screen().availableGeometry()
    assert dialog.width() >= min(dialogs.DIALOG_SIZE[0], screen.width() - 40)  # Qt's default is 608 × 410
    assert dialog.height() >= min(dialogs.DIALOG_SIZE[1], screen.height() - 60)
    assert dialog.width() <= screen.width() and dialog.height() <= screen.height()
    tree = dialog.findChild(QTreeView, "treeView")
    metrics, header = tree.fontMetrics(), tree.header()
    assert header.sectionSize(3) > metrics.horizontalAdvance("2026-01-20 09:30")  # the date is not elided
    assert header.sectionSize(0) > metrics.horizontalAdvance("米易县草场镇人民政府.docx")


def test_file_sizes_are_written_as_in_windows_explorer() -> None:
    assert [file_size_text(n) for n in (980, 2560, 3 * 1024 * 1024 + 200 * 1024)] == ["980 字节", "2.5 KB", "3.2 MB"]


# -- where the export dialog opens -----------------------------------------------------------------------


def test_export_dialog_opens_in_the_drafts_folder_with_the_default_file_name(
    qtbot, wizard: ReportWizard, qt_dialogs: None, tmp_path: Path
) -> None:
    draft_folder = tmp_path / "草场镇"
    draft_folder.mkdir()
    assert wizard.save_to(draft_folder / "草场镇2024.json")
    target = wizard.export_target()
    assert target == draft_folder / REPORT_NAME
    dialog = FileDialogs.build_export(wizard, target)
    qtbot.addWidget(dialog)
    dialog.show()
    assert Path(dialog.directory().absolutePath()) == draft_folder
    name = dialog.findChild(QLineEdit, "fileNameEdit")
    assert name.text() == REPORT_NAME
    # once exported elsewhere (a USB stick), the next export offers that file again
    stick = tmp_path / "U盘"
    stick.mkdir()
    assert wizard.export_to(stick / "年报.docx")
    assert wizard.export_target() == stick / "年报.docx"


def test_export_of_an_untitled_draft_offers_the_last_folder_used(
    qtbot, app: QApplication, answers: Answers, tmp_path: Path, sample_draft: Draft
) -> None:
    wizard = make_wizard(qtbot, sample_draft)
    assert wizard.export_target().parent == Path.home()  # nothing used yet
    used = tmp_path / "去年"
    used.mkdir()
    settings.remember_folder(used / "2023.json")
    assert wizard.export_target() == used / REPORT_NAME
    assert wizard.start_folder() == used  # 另存为 opens there too


# -- Word files read in a worker thread ------------------------------------------------------------------


@pytest.fixture(scope="module")
def report_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built-in sample exported as a Word file."""
    from model.resources import SAMPLE_PATH
    from model.storage.drafts import load_draft

    path = tmp_path_factory.mktemp("docx") / "草场镇2024.docx"
    export_docx(load_draft(SAMPLE_PATH), path)
    return path


@pytest.fixture(scope="module")
def report_doc(tmp_path_factory: pytest.TempPathFactory, report_docx: Path) -> Path:
    """The sample as a real Word 97-2003 .doc, made by LibreOffice."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) not installed")
    folder = tmp_path_factory.mktemp("doc")
    profile = (folder / "profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "doc:MS Word 97"]
        + ["--outdir", str(folder), str(report_docx)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return folder / "草场镇2024.doc"


def test_word_report_is_read_in_a_worker_thread_and_handed_over_on_the_gui_thread(
    qtbot, app: QApplication, answers: Answers, report_docx: Path
) -> None:
    wizard = make_wizard(qtbot, Draft())
    replaced_in: list[int] = []
    wizard.document.reset.connect(lambda: replaced_in.append(threading.get_ident()))
    assert wizard.open_path(report_docx, confirmed=True)
    assert wizard.document.draft.agency == "米易县草场镇人民政府"
    assert wizard.reader.last_thread is not None and wizard.reader.last_thread != threading.main_thread().ident
    assert replaced_in == [threading.main_thread().ident]
    assert wizard.reader.busy is None  # a plain .docx is read before any busy indicator shows


def test_unreadable_word_file_read_in_the_background_keeps_the_current_work(
    qtbot, wizard: ReportWizard, tmp_path: Path
) -> None:
    wizard.document.set_value(wizard.pages["applications"].model.cell_at(3, 3), 7)  # type: ignore[attr-defined]
    broken = tmp_path / "坏的.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    assert not wizard.open_path(broken, confirmed=True)
    assert "坏的.docx" in wizard.current_page().message_bar.notice()
    assert wizard.document.modified and wizard.document.path is None
    assert wizard.document.draft.agency == "米易县草场镇人民政府"


def watch_while_reading(wizard: ReportWizard, then=None) -> dict[str, object]:
    """Tick a timer every 50 ms on the GUI thread while a file is read; note what the busy indicator says;
    `then(dialog)` is called once it shows."""
    seen: dict[str, object] = {"ticks": 0, "busy": ""}
    timer = QTimer(wizard)

    def tick() -> None:
        seen["ticks"] = int(seen["ticks"]) + 1  # type: ignore[call-overload]
        busy = wizard.reader.busy
        if isinstance(busy, QProgressDialog) and busy.isVisible() and not seen["busy"]:
            seen["busy"] = busy.labelText()
            seen["modal"] = busy.isModal() or busy.windowModality() != 0
            if then is not None:
                then(busy)

    timer.timeout.connect(tick)
    timer.start(50)
    seen["timer"] = timer
    return seen


def test_doc_conversion_keeps_the_window_responsive_with_a_busy_indicator(
    qtbot, app: QApplication, answers: Answers, report_doc: Path
) -> None:
    wizard = make_wizard(qtbot, Draft())
    seen = watch_while_reading(wizard)
    assert wizard.open_path(report_doc, confirmed=True)
    seen["timer"].stop()  # type: ignore[attr-defined]
    assert int(seen["ticks"]) >= 5  # type: ignore[call-overload]  # the event loop ran while LibreOffice worked
    assert "正在读取「草场镇2024.doc」" in str(seen["busy"]) and "LibreOffice" in str(seen["busy"])
    assert seen["modal"]  # nothing can be typed into the draft about to be replaced
    assert wizard.document.draft.agency == "米易县草场镇人民政府"
    assert wizard.document.import_findings[0].rule == "I10"
    assert wizard.reader.busy is None


def test_cancelling_a_doc_conversion_keeps_the_current_work(qtbot, wizard: ReportWizard, report_doc: Path) -> None:
    wizard.document.set_value(wizard.pages["applications"].model.cell_at(3, 3), 7)  # type: ignore[attr-defined]
    before = wizard.document.draft.to_json()
    seen = watch_while_reading(wizard, then=lambda busy: busy.findChild(QPushButton).click())
    assert not wizard.open_path(report_doc, confirmed=True)
    seen["timer"].stop()  # type: ignore[attr-defined]
    assert seen["busy"]
    assert wizard.document.draft.to_json() == before and wizard.document.modified
    assert "已取消打开 草场镇2024.doc" in wizard.current_page().message_bar.notice()


def test_draft_saved_to_json_opens_at_once_without_the_worker(
    qtbot, app: QApplication, answers: Answers, tmp_path: Path, sample_draft: Draft
) -> None:
    path = tmp_path / "草稿.json"
    save_draft(sample_draft, path)
    wizard = make_wizard(qtbot, Draft())
    assert wizard.open_path(path, confirmed=True)
    assert wizard.reader.last_thread is None and wizard.document.path == path
