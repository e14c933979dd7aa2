"""Recover after a crash: a real process is killed mid-session, the next start offers its autosaved work
and restores it; discarded or postponed offers; live sessions' files are never offered."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from conftest import ROOT
from gui_helpers import Answers
from PySide6.QtCore import QLockFile
from PySide6.QtWidgets import QListWidget, QPushButton

from gui import app as gui_app
from gui.actions.recovery import Autosaver, RecoveryDialog, Session
from gui.app import build_wizard, parse_arguments
from model.storage.drafts import load_draft, save_draft
from model.storage.recovery import list_recovery_files, read_recovery, recovery_path, session_of, write_recovery

pytest_plugins = ["gui_support"]

DRIVER = ROOT / "tests" / "recovery_driver.py"


def recovery_dir(data_dir: Path) -> Path:
    return data_dir / "nianbao" / "recovery"


def start(qtbot, argv: list[str]):
    wizard = build_wizard(parse_arguments(argv))
    qtbot.addWidget(wizard, before_close_func=lambda w: w.document.undo_stack.setClean())
    return wizard


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_recover_after_the_process_is_killed_mid_session(
    qtbot, app, answers: Answers, data_dir: Path, tmp_path: Path, sample_draft
) -> None:
    draft_file = tmp_path / "草场镇2024.json"
    save_draft(sample_draft, draft_file)
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_DATA_HOME": str(data_dir),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
    }
    done = subprocess.run(
        [sys.executable, str(DRIVER), str(draft_file)], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == -signal.SIGKILL, done.stderr[-2000:]
    left = Path(done.stdout.strip().splitlines()[-1])
    assert left.exists() and left.parent == recovery_dir(data_dir)
    assert load_draft(draft_file).applications["new_received"]["natural_person"] == 0  # never saved

    answers.recovery = "restore"
    wizard = start(qtbot, [])
    assert answers.asked == ["recovery:1"]
    draft = wizard.document.draft
    assert draft.applications["new_received"]["natural_person"] == 42
    assert draft.applications["new_received"]["total"] == 42
    assert draft.problems == "断电前写好的整改措施。"
    # it belongs to the draft file again, as unsaved work
    assert wizard.document.path == draft_file and wizard.document.modified
    assert "草场镇2024.json" in wizard.windowTitle() and wizard.isWindowModified()
    notice = wizard.current_page().message_bar.notice()
    assert notice.startswith("已恢复 ") and "自动保存的内容（草场镇2024.json）" in notice
    # the dead session's file is gone; this session holds the work in its own file
    own = wizard.findChild(Autosaver).path
    assert not left.exists() and own.exists()
    assert read_recovery(own).draft == draft
    assert not (recovery_dir(data_dir) / f"{session_of(left)}.lock").exists()  # its stale lock removed
    # saving makes the recovery file unnecessary
    assert wizard.save()
    assert not own.exists()
    assert load_draft(draft_file).applications["new_received"]["natural_person"] == 42


def _orphan(folder: Path, session: str, draft, draft_path: Path | None = None, source: str = "") -> Path:
    path = recovery_path(folder, session, 1)
    write_recovery(path, draft, draft_path, source, now=datetime(2026, 1, 29, 15, 30))
    return path


def test_recover_offers_every_dead_session_and_opens_each_in_its_own_window(
    qtbot, app, answers: Answers, data_dir: Path, sample_draft
) -> None:
    folder = recovery_dir(data_dir)
    first = _orphan(folder, "20260129-153000-999991", sample_draft, source="内置示例")
    other = sample_draft.__class__.from_json(sample_draft.to_json())
    other.agency = "米易县丙谷镇人民政府"
    second = _orphan(folder, "20260129-153500-999992", other, Path("/不存在的U盘/丙谷镇.json"))
    answers.recovery = "restore"
    wizard = start(qtbot, [])
    assert answers.asked == ["recovery:2"]
    extra = gui_app.WINDOWS[gui_app.WINDOWS.index(wizard) + 1 :]
    assert len(extra) == 1
    qtbot.addWidget(extra[0], before_close_func=lambda w: w.document.undo_stack.setClean())
    assert wizard.document.draft.agency == "米易县草场镇人民政府"
    assert "未命名（来自 内置示例）" in wizard.windowTitle()
    assert extra[0].document.draft.agency == "米易县丙谷镇人民政府"
    # the draft file is gone (a USB stick not plugged in): untitled, named after it
    assert extra[0].document.path is None and "来自 丙谷镇.json" in extra[0].windowTitle()
    assert not first.exists() and not second.exists()
    own = {w.findChild(Autosaver).path for w in (wizard, extra[0])}
    assert len(own) == 2 and all(p.exists() for p in own)  # two windows, two files


def test_at_the_program_start_the_offer_comes_over_the_painted_window(
    qtbot, app, answers: Answers, data_dir: Path, sample_draft
) -> None:
    """As `python main.py` starts (`paint_first`, issue 11): the first page is painted before the recovery
    folder is even looked at; then the offer comes over the window, the first draft is restored into it and
    the second into a window of its own, shown; both windows autosave to files of their own."""
    folder = recovery_dir(data_dir)
    first = _orphan(folder, "20260129-153000-999995", sample_draft, source="内置示例")
    other = sample_draft.__class__.from_json(sample_draft.to_json())
    other.agency = "米易县丙谷镇人民政府"
    second = _orphan(folder, "20260129-153500-999996", other)
    answers.recovery = "restore"
    wizard = build_wizard(parse_arguments([]), paint_first=True)
    qtbot.addWidget(wizard, before_close_func=lambda w: w.document.undo_stack.setClean())
    assert answers.asked == [] and wizard.findChild(Autosaver) is None  # nothing before the first paint
    wizard.show()
    qtbot.waitUntil(lambda: answers.asked == ["recovery:2"])
    extra = gui_app.WINDOWS[gui_app.WINDOWS.index(wizard) + 1 :]
    assert len(extra) == 1
    qtbot.addWidget(extra[0], before_close_func=lambda w: w.document.undo_stack.setClean())
    assert wizard.document.draft.agency == "米易县草场镇人民政府" and wizard.document.modified
    assert extra[0].document.draft.agency == "米易县丙谷镇人民政府" and extra[0].isVisible()
    assert not first.exists() and not second.exists()
    own = {w.findChild(Autosaver).path for w in (wizard, extra[0])}
    assert len(own) == 2 and all(p.exists() for p in own)


def test_recover_discard_deletes_and_later_keeps_for_the_next_start(
    qtbot, app, answers: Answers, data_dir: Path, sample_draft
) -> None:
    folder = recovery_dir(data_dir)
    orphan = _orphan(folder, "20260129-153000-999993", sample_draft)
    answers.recovery = "later"
    wizard = start(qtbot, [])
    assert answers.asked == ["recovery:1"] and orphan.exists()
    assert wizard.document.draft.agency == ""  # a new report, nothing restored
    answers.recovery = "discard"
    start(qtbot, [])
    assert answers.asked == ["recovery:1", "recovery:1"] and not orphan.exists()
    start(qtbot, [])
    assert len(answers.asked) == 2  # nothing left to offer


def test_recover_never_offers_the_files_of_a_running_session(
    qtbot, app, answers: Answers, data_dir: Path, sample_draft
) -> None:
    folder = recovery_dir(data_dir)
    folder.mkdir(parents=True)
    running = "20260129-153000-999994"
    lock = QLockFile(str(folder / f"{running}.lock"))  # held by a live process (this one)
    assert lock.tryLock(0)
    try:
        path = _orphan(folder, running, sample_draft)
        start(qtbot, [])
        assert answers.asked == [] and path.exists()
    finally:
        lock.unlock()
    answers.recovery = "discard"
    start(qtbot, [])
    assert answers.asked == ["recovery:1"] and not path.exists()


def test_recover_drops_an_unreadable_recovery_file(qtbot, app, answers: Answers, data_dir: Path) -> None:
    folder = recovery_dir(data_dir)
    folder.mkdir(parents=True)
    broken = recovery_path(folder, "20260129-153000-999995", 1)
    broken.write_text('{"format": "nianbao-recovery", "draft": ', encoding="utf-8")
    start(qtbot, [])
    assert answers.asked == [] and not broken.exists()


def test_recover_dialog_lists_time_report_and_file(qtbot, app, data_dir: Path, sample_draft, tmp_path) -> None:
    folder = recovery_dir(data_dir)
    record = read_recovery(_orphan(folder, "20260129-153000-999996", sample_draft, tmp_path / "草稿.json"))
    assert record.describe() == "2026年1月29日 15:30 自动保存 · 米易县草场镇人民政府 2024年 · 草稿.json"
    dialog = RecoveryDialog.build(None, [record])
    qtbot.addWidget(dialog)
    listing = dialog.findChild(QListWidget, "recoveryList")
    assert listing.item(0).text() == record.describe()
    texts = {b.text(): b for b in dialog.findChildren(QPushButton)}
    assert set(texts) == {"恢复选中的草稿", "全部丢弃", "以后再说"}
    texts["恢复选中的草稿"].click()
    assert RecoveryDialog.answer(dialog, [record]) == (("restore", [record]), True)
    texts["以后再说"].click()
    assert RecoveryDialog.answer(dialog, [record]) == (("later", []), False)


def test_recover_session_names_never_clash(app, data_dir: Path) -> None:
    session = Session.current(recovery_dir(data_dir))
    names = {session.next_file() for _ in range(3)}
    assert len(names) == 3
    assert all(p.name.startswith(session.id) for p in names)
    assert list_recovery_files(recovery_dir(data_dir)) == []
