"""Autosave: the open draft goes to its recovery file soon after a change (≤ 30 s, sooner after a quiet
moment), at once on a page change; a save, an undo back to the saved state and a clean close remove it."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from gui_helpers import Answers

from gui.actions import recovery
from gui.actions.recovery import Autosaver
from gui.app import build_wizard, parse_arguments
from model.findings import Cell
from model.storage.drafts import save_draft
from model.storage.recovery import read_recovery

pytest_plugins = ["gui_support"]

CELL = Cell("applications", "disclosed", "natural_person")


@pytest.fixture
def short_delays(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same timers, shorter: quiet 80 ms, at the latest 300 ms after a change."""
    monkeypatch.setattr(recovery, "IDLE_MS", 80)
    monkeypatch.setattr(recovery, "MAX_DELAY_MS", 300)


def start(qtbot, argv: list[str]):
    wizard = build_wizard(parse_arguments(argv))
    qtbot.addWidget(wizard, before_close_func=lambda w: w.document.undo_stack.setClean())
    wizard.show()
    return wizard, wizard.findChild(Autosaver)


def test_autosave_delays_are_at_most_thirty_seconds(qtbot, app, answers: Answers) -> None:
    _wizard, saver = start(qtbot, ["--sample"])
    assert saver.deadline.interval() <= 30_000 and saver.idle.interval() < saver.deadline.interval()
    assert saver.idle.isSingleShot() and saver.deadline.isSingleShot()


def test_autosave_writes_after_a_quiet_moment(qtbot, app, answers: Answers, short_delays, data_dir: Path) -> None:
    wizard, saver = start(qtbot, ["--sample"])
    assert saver.path.parent == data_dir / "nianbao" / "recovery" and not saver.path.exists()
    wizard.document.set_value(CELL, 7)
    assert not saver.path.exists()  # not at once: on a timer
    qtbot.waitUntil(saver.path.exists, timeout=2000)
    record = read_recovery(saver.path)
    assert record.draft.applications["disclosed"]["natural_person"] == 7
    assert record.draft_path is None and record.source_name == "内置示例"
    assert abs(time.time() - record.saved_at.timestamp()) < 60


def test_autosave_writes_within_the_deadline_while_the_clerk_keeps_typing(
    qtbot, app, answers: Answers, short_delays
) -> None:
    wizard, saver = start(qtbot, ["--sample"])
    started = time.monotonic()
    value = 0
    while not saver.path.exists() and time.monotonic() - started < 2:
        value += 1
        wizard.document.set_value(CELL, value)  # a change every 30 ms: never a quiet 80 ms
        qtbot.wait(30)
    assert saver.path.exists()
    assert time.monotonic() - started < 0.3 + 0.5  # the deadline, plus slack for a slow machine
    assert 0 < read_recovery(saver.path).draft.applications["disclosed"]["natural_person"] <= value


def test_autosave_on_page_change(qtbot, app, answers: Answers, tmp_path: Path, sample_draft) -> None:
    draft_file = tmp_path / "草稿.json"
    save_draft(sample_draft, draft_file)
    wizard, saver = start(qtbot, [str(draft_file)])  # the real 5 s / 30 s timers: only the page change writes
    wizard.document.set_value(Cell("text", "problems"), "新写的问题")
    assert not saver.path.exists()
    wizard.go_to_page("overview")
    assert saver.path.exists()
    record = read_recovery(saver.path)
    assert record.draft.problems == "新写的问题" and record.draft_path == draft_file


def test_autosave_file_removed_by_save_undo_and_clean_close(
    qtbot, app, answers: Answers, tmp_path: Path, sample_draft
) -> None:
    draft_file = tmp_path / "草稿.json"
    save_draft(sample_draft, draft_file)
    wizard, saver = start(qtbot, [str(draft_file)])
    wizard.document.set_value(CELL, 3)
    assert saver.save_now() and saver.path.exists()
    wizard.undo_action.trigger()  # back to what is saved: nothing to recover
    assert not saver.path.exists()
    wizard.redo_action.trigger()
    assert saver.save_now() and saver.path.exists()
    assert wizard.save()
    assert not saver.path.exists()
    wizard.document.set_value(CELL, 4)
    assert saver.save_now()
    answers.save_changes = "discard"
    wizard.close()  # a clean close, even without saving: the clerk chose
    assert not wizard.isVisible() and not saver.path.exists()


def test_autosave_failure_is_said_once_and_keeps_the_work(qtbot, app, answers: Answers) -> None:
    wizard, saver = start(qtbot, ["--sample"])
    saver.path.mkdir(parents=True)  # something else sits where the recovery file goes: it cannot be written
    wizard.document.set_value(CELL, 5)
    assert not saver.save_now()
    notice = wizard.current_page().message_bar.notice()
    assert notice.startswith("自动保存失败：") and "请尽快用“保存”把草稿存到文件里" in notice
    wizard.current_page().message_bar.clear_notice()
    wizard.document.set_value(CELL, 6)
    assert not saver.save_now()
    assert wizard.current_page().message_bar.notice() == ""  # said once, not at every attempt
    assert wizard.document.draft.applications["disclosed"]["natural_person"] == 6
