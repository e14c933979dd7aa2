"""「备份到…」 (the draft and its Word file to a USB stick, date-stamped) and the recent-files list."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from gui_helpers import Answers
from PySide6.QtCore import Qt

from gui import settings
from gui.wizard import ReportWizard
from model.docx.writer import export_docx
from model.findings import Cell
from model.storage.drafts import load_draft, save_draft

pytest_plugins = ["gui_support"]

STAMP = r"_备份_\d{8}-\d{4}"
CELL = Cell("applications", "disclosed", "natural_person")


def test_backup_of_an_untitled_draft_with_unsaved_changes(qtbot, wizard: ReportWizard, answers: Answers, tmp_path):
    stick = tmp_path / "U盘"
    stick.mkdir()
    wizard.document.set_value(CELL, 9)
    answers.backup_folder = stick
    qtbot.keyClick(wizard, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert answers.asked == ["backup_folder"]
    files = sorted(stick.iterdir())
    assert len(files) == 1
    assert re.fullmatch(r"米易县草场镇人民政府2024年政府信息公开工作年度报告" + STAMP + r"\.json", files[0].name)
    stamp = datetime.strptime(files[0].stem.rsplit("_", 1)[1], "%Y%m%d-%H%M")
    assert abs((datetime.now() - stamp).total_seconds()) < 120
    assert load_draft(files[0]).applications["disclosed"]["natural_person"] == 9  # what is on screen
    assert wizard.document.modified and wizard.document.path is None  # a backup is not a save
    assert wizard.current_page().message_bar.notice() == f"已备份到 {stick}：{files[0].name}"


def test_backup_takes_the_exported_word_file_along_and_never_overwrites(
    qtbot, wizard: ReportWizard, answers: Answers, tmp_path: Path
) -> None:
    draft_file = tmp_path / "草场镇2024.json"
    answers.save_path = draft_file
    assert wizard.save_as()
    answers.export_path = tmp_path / "导出" / "草场镇年报.docx"
    answers.export_path.parent.mkdir()
    assert wizard.export_to(answers.export_path)
    stick = tmp_path / "U盘"
    stick.mkdir()
    assert wizard.backup.backup_to(stick)
    assert wizard.backup.backup_to(stick)  # twice in the same minute: a second set, nothing overwritten
    names = sorted(p.name for p in stick.iterdir())
    assert len(names) == 4
    assert [n for n in names if n.endswith(".json")][0].startswith("草场镇2024_备份_")
    assert any(re.fullmatch("草场镇年报" + STAMP + r"-2\.docx", n) for n in names)
    assert (stick / names[0]).read_bytes()  # each file complete
    docx_copies = [stick / n for n in names if n.endswith(".docx")]
    assert all(p.read_bytes() == answers.export_path.read_bytes() for p in docx_copies)


def test_backup_finds_the_word_file_beside_the_draft_by_its_default_name(
    qtbot, app, answers: Answers, tmp_path: Path, sample_draft
) -> None:
    from gui.app import build_wizard, parse_arguments

    draft_file = tmp_path / "草稿.json"
    save_draft(sample_draft, draft_file)
    export_docx(sample_draft, tmp_path / "米易县草场镇人民政府2024年政府信息公开工作年度报告.docx")
    wizard = build_wizard(parse_arguments([str(draft_file)]))
    qtbot.addWidget(wizard)
    stick = tmp_path / "U盘"
    stick.mkdir()
    assert wizard.backup.backup_to(stick)
    assert sorted(p.suffix for p in stick.iterdir()) == [".docx", ".json"]


def test_backup_to_a_pulled_stick_says_so_and_keeps_the_work(
    qtbot, wizard: ReportWizard, answers: Answers, tmp_path: Path
) -> None:
    wizard.document.set_value(CELL, 5)
    answers.backup_folder = tmp_path / "已拔出的U盘"
    assert not wizard.backup.run()
    notice = wizard.current_page().message_bar.notice()
    assert notice.startswith("备份失败：已拔出的U盘：文件夹不存在（U 盘可能已拔出），没有备份")
    assert wizard.document.draft.applications["disclosed"]["natural_person"] == 5 and wizard.document.modified
    not_a_folder = tmp_path / "文件.txt"
    not_a_folder.write_text("x", encoding="utf-8")
    assert not wizard.backup.backup_to(not_a_folder)
    assert "这不是文件夹" in wizard.current_page().message_bar.notice()


def test_backup_with_the_word_file_locked_or_gone_still_backs_up_the_draft(
    qtbot, wizard: ReportWizard, answers: Answers, tmp_path: Path
) -> None:
    gone = tmp_path / "导出.docx"
    wizard.document.last_export = gone
    gone.write_bytes(b"PK")
    gone.unlink()  # moved away after the export
    stick = tmp_path / "U盘"
    stick.mkdir()
    assert wizard.backup.backup_to(stick)
    assert [p.suffix for p in stick.iterdir()] == [".json"]
    folder_as_docx = tmp_path / "怪.docx"
    folder_as_docx.mkdir()  # cannot be read as a file
    wizard.document.last_export = folder_as_docx
    assert wizard.backup.backup_to(stick)
    notice = wizard.current_page().message_bar.notice()
    assert notice.startswith(f"已备份草稿到 {stick}") and "Word 文件「怪.docx」无法读取" in notice


def test_recent_files_reopen_drafts_and_drop_missing_ones(
    qtbot, wizard: ReportWizard, answers: Answers, tmp_path: Path, sample_draft
) -> None:
    first, second = tmp_path / "甲.json", tmp_path / "乙.json"
    for path in (first, second):
        save_draft(sample_draft, path)
        assert wizard.open_path(path, confirmed=True)
    wizard._fill_recent()
    texts = [a.text() for a in wizard.recent_menu.actions()]
    assert texts == [str(second.resolve()), str(first.resolve())]
    wizard.recent_menu.actions()[1].trigger()
    assert wizard.document.path == first.resolve() or wizard.document.path == first
    second.unlink()
    wizard._fill_recent()
    assert wizard.recent_menu.actions()[1].text() == f"{second.resolve()}（找不到）"
    missing = wizard.recent_menu.actions()[1]
    missing.trigger()
    notice = wizard.current_page().message_bar.notice()
    assert notice.startswith(f"找不到「{second.resolve()}」") and "已从“最近打开”中去掉" in notice
    assert settings.recent_files(existing_only=False) == [first.resolve()]
    assert wizard.document.path in (first, first.resolve())  # the open draft stays
