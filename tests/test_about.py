"""The version, the report format and the draft file version: `--version` and the wizard's 关于 dialog."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from gui.dialogs import AboutDialog
from gui.wizard import ReportWizard

pytest_plugins = ["gui_support"]

EXPECTED = ["年报填报助手 0.1.0", "报告格式：国办公开办函〔2021〕30号", "草稿格式版本：1"]


def test_the_version_is_the_one_of_pyproject() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    version = re.search(r'^version = "([^"]+)"', pyproject, re.M)
    assert version is not None and EXPECTED[0] == f"年报填报助手 {version.group(1)}"


def test_main_py_version_prints_version_format_and_schema() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--version"], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.splitlines() == EXPECTED
    help_text = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "-h"], capture_output=True, text=True, timeout=60, check=False
    ).stdout
    assert "--version" in help_text and "显示版本" in help_text


def test_about_dialog_shows_version_format_and_schema(qtbot, app) -> None:
    box = AboutDialog.build(None)
    qtbot.addWidget(box)
    assert box.windowTitle() == "关于年报填报助手"
    shown = box.text() + "\n" + box.informativeText()
    assert shown.splitlines()[:3] == EXPECTED and "不连接网络" in shown
    assert [b.text() for b in box.buttons()] == ["确定"]


def _close_the_about_box(seen: list[str], tries: int = 100) -> None:
    """Click 确定 of the 关于 box as soon as it is shown (as the clerk would)."""
    box = QApplication.activeModalWidget()
    if not isinstance(box, QMessageBox):
        if tries:
            QTimer.singleShot(20, lambda: _close_the_about_box(seen, tries - 1))
        return
    seen.append(box.text())
    box.buttons()[0].click()  # 确定


def test_a_click_on_the_name_and_the_file_menu_open_about(qtbot, app, sample_draft) -> None:
    """F1 is the 填报说明 of the field; 关于 is a click on the program's name or 文件 ▾ › 关于…"""
    from gui.document import DraftDocument

    wizard = ReportWizard(DraftDocument(sample_draft))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.activateWindow()
    qtbot.waitActive(wizard)
    seen: list[str] = []
    QTimer.singleShot(0, lambda: _close_the_about_box(seen))
    qtbot.mouseClick(wizard.app_name_label, Qt.MouseButton.LeftButton)
    assert seen == [EXPECTED[0]]
    assert wizard.about_action in wizard.file_menu.actions() and wizard.about_action.shortcut().isEmpty()
    QTimer.singleShot(0, lambda: _close_the_about_box(seen))
    wizard.about_action.trigger()
    assert seen == [EXPECTED[0], EXPECTED[0]]
