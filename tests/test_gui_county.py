"""The county reviewer's window and the county's requirements in the clerk's wizard (issue 15): real
widgets, a real folder built from the shared real figures, files written and read back."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from county_folder import FILES, build_folder
from gui_helpers import answer_next_modal, choose_in_file_dialog, click_button, make_wizard, type_text
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QLabel, QLineEdit, QMessageBox

from gui.county.dialogs import RequirementsDialog, ReturnDialog, ReviewDialogs, RosterDialog
from gui.county.window import ReviewWindow
from gui.document import DraftDocument
from gui.wizard import ReportWizard
from model.county.record import APPROVED, RETURNED, load_record
from model.county.requirements import FILE_NAME, Requirements, load_requirements, save_requirements
from model.draft import Draft
from model.findings import Cell
from model.storage.drafts import load_draft, save_draft

pytest_plugins = ["gui_support"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build_folder(tmp_path_factory.mktemp("county_gui"))


@pytest.fixture
def folder(built: dict[str, Path], tmp_path: Path) -> Path:
    import shutil

    target = tmp_path / "2024"
    shutil.copytree(built["folder"], target)
    return target


def answer_roster(built: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> Callable[[RosterDialog], None]:
    """The reviewer's answer to 名单: 从文件读入… the roster file (the file dialog stands in), 增加一行 typed
    「米易县攀莲镇人民政府」, 确定."""
    monkeypatch.setattr(
        ReviewDialogs, "ask_roster_file", classmethod(lambda cls, parent, start: (built["roster"], True))
    )

    def answer(dialog: RosterDialog) -> None:
        click_button(dialog, "从文件读入…")
        assert dialog.table.rowCount() == 7 and "已从 名单.csv 读入 7 个单位" in dialog.error.text()
        click_button(dialog, "增加一行")
        editor = dialog.table.findChild(QLineEdit)
        type_text(editor, "米易县攀莲镇人民政府")
        QTest.keyClick(editor, Qt.Key.Key_Return)
        click_button(dialog, "确定")

    return answer


def edit_roster(window: ReviewWindow, answer: Callable[[RosterDialog], None]) -> None:
    with answer_next_modal(RosterDialog, answer):
        assert window.edit_roster()


def wait_review(qtbot: Any, window: ReviewWindow) -> None:
    qtbot.waitUntil(lambda: not window.is_reviewing(), timeout=120_000)


def rows(window: ReviewWindow) -> dict[str, list[str]]:
    out = {}
    for r in range(window.table.rowCount()):
        values = [window.table.item(r, c).text() for c in range(window.table.columnCount())]
        out[values[0]] = values
    return out


def test_review_window_reads_the_folder_in_the_background(
    qtbot: Any, app: Any, built: dict[str, Path], folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[Path] = []
    window = ReviewWindow(open_in_wizard=opened.append)
    qtbot.addWidget(window)
    window.show()
    progress: list[tuple[int, int]] = []
    window.set_folder(folder, start=False)
    edit_roster(window, answer_roster(built, monkeypatch))  # kept in the review record; the review starts
    assert window.is_reviewing() and window.progress_box.isVisible()
    assert not window.buttons["folder"].isEnabled()
    window.worker.progressed.connect(lambda d, t, _n: progress.append((d, t)))
    wait_review(qtbot, window)
    assert progress and progress[-1][0] == progress[-1][1] == len(FILES)  # every file of the folder, one by one
    assert not window.progress_box.isVisible()
    table = rows(window)
    assert table["宿迁市人民政府"][3:7] == ["待审核", "2", "0", "2"]
    assert table["米易县草场镇人民政府"][3] == "未报送" and table["米易县攀莲镇人民政府"][3] == "未报送"
    assert table["淮安市淮阴区人民政府"][7] == "100%"
    assert load_record(folder).roster.find("米易县攀莲镇人民政府") is not None
    assert "未报送 2 个" in window.message.text() and "1 份报告不在名单中" in window.message.text()
    excluded = {
        window.excluded.topLevelItem(i).text(0): window.excluded.topLevelItem(i).text(1)
        for i in range(window.excluded.topLevelItemCount())
    }
    assert excluded["宿迁/宿迁市2024年报.docx"] == "重复报送" and excluded["会议通知.docx"] == "不是年度报告"

    # a click shows the unit's findings in the official words; a double click opens it in the wizard
    assert window.select_unit("宿迁市人民政府")
    listed = [window.findings.item(i).text() for i in range(window.findings.count())]
    entry = window.review.entry("宿迁市人民政府")
    assert [text.split("\n")[1] for text in listed] == [f.message for f in entry.findings]
    assert listed[0].startswith("【错误·S1】三、收到和处理政府信息公开申请情况 · 自然人\n自然人：一+二")
    row = next(r for r in range(window.table.rowCount()) if window.table.item(r, 0).text() == "宿迁市人民政府")
    rect = window.table.visualRect(window.table.model().index(row, 0))
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == [folder / "宿迁/宿迁市2024年报（草稿）.json"]


def test_cancel_stops_the_reading(qtbot: Any, app: Any, folder: Path) -> None:
    window = ReviewWindow()
    qtbot.addWidget(window)
    window.set_folder(folder)
    window.cancel_review()
    wait_review(qtbot, window)
    assert window.message.text() == "已取消审核" and window.review is None and window.table.rowCount() == 0
    assert window.buttons["folder"].isEnabled()


def test_approve_and_return_are_kept_in_the_record(
    qtbot: Any, app: Any, built: dict[str, Path], folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = ReviewWindow()
    qtbot.addWidget(window)
    window.set_folder(folder, start=False)
    edit_roster(window, answer_roster(built, monkeypatch))
    wait_review(qtbot, window)
    window.select_unit("淮安市人民政府")
    assert window.approve_selected()
    assert rows(window)["淮安市人民政府"][3] == APPROVED

    def answer_return(dialog: ReturnDialog) -> None:
        assert "「宿迁市人民政府」" in dialog.findChild(QLabel).text()
        type_text(dialog.office, "某县政务公开办公室")
        dialog.deadline.setDate(QDate(2025, 2, 14))
        click_button(dialog, "写出整改通知")

    window.select_unit("宿迁市人民政府")
    with answer_next_modal(ReturnDialog, answer_return):
        assert window.return_selected()
    assert rows(window)["宿迁市人民政府"][3] == RETURNED
    notice = folder / "整改通知" / "宿迁市人民政府整改通知.docx"
    text = "\n".join(p.text for p in docx.Document(str(notice)).paragraphs)
    assert "2025年2月14日前" in text and "某县政务公开办公室" in text
    record = load_record(folder)
    assert record.units["宿迁市人民政府"].status == RETURNED and record.units["淮安市人民政府"].status == APPROVED
    assert record.office == "某县政务公开办公室"

    # sent back again: a second notice beside the first, which is kept as it was
    first = notice.read_bytes()
    with answer_next_modal(ReturnDialog, lambda dialog: click_button(dialog, "写出整改通知")):
        assert window.return_selected()
    second = folder / "整改通知" / "宿迁市人民政府整改通知（2）.docx"
    assert notice.read_bytes() == first and second.exists()
    last = load_record(folder).units["宿迁市人民政府"].history[-1]
    assert last["note"] == "整改通知：宿迁市人民政府整改通知（2）.docx"

    # closed and opened again (as on another PC): the statuses are still there, the notice is not a report
    again = ReviewWindow()
    qtbot.addWidget(again)
    again.set_folder(folder)
    wait_review(qtbot, again)
    assert rows(again)["宿迁市人民政府"][3] == RETURNED and rows(again)["淮安市人民政府"][3] == APPROVED
    assert all("整改通知" not in x.file.as_posix() for x in again.review.excluded)

    out = folder.parent / "审核结果.xlsx"
    monkeypatch.setattr(ReviewDialogs, "ask_save", classmethod(lambda cls, parent, title, start, filters: (out, True)))
    assert again.export_workbook()
    book = openpyxl.load_workbook(out)
    statuses = {r[1]: r[6] for r in book["汇总"].iter_rows(min_row=2, values_only=True)}
    assert statuses["宿迁市人民政府"] == RETURNED and statuses["淮安市人民政府"] == APPROVED

    county = folder.parent / "汇总.json"
    monkeypatch.setattr(
        ReviewDialogs, "ask_save", classmethod(lambda cls, parent, title, start, filters: (county, True))
    )
    with answer_next_modal(QMessageBox, lambda box: click_button(box, "不计入"), "汇总"):
        assert again.aggregate_now()
    summed = load_draft(county)
    assert "4 个单位" in summed.other_matters and county.with_suffix(".docx").exists()

    # 汇总 again under another draft name whose Word file exists: asked first; 取消 writes neither file
    other = folder.parent / "汇总二.json"
    other.with_suffix(".docx").write_bytes(b"kept")
    monkeypatch.setattr(
        ReviewDialogs, "ask_save", classmethod(lambda cls, parent, title, start, filters: (other, True))
    )

    def refuse(box: QMessageBox) -> None:
        assert "「汇总二.docx」已存在" in box.text()
        click_button(box, "取消")

    with answer_next_modal(QMessageBox, lambda box: click_button(box, "不计入"), "汇总"):
        with answer_next_modal(QMessageBox, refuse, "文件已存在"):
            assert not again.aggregate_now()
    assert other.with_suffix(".docx").read_bytes() == b"kept" and not other.exists()
    with answer_next_modal(QMessageBox, lambda box: click_button(box, "不计入"), "汇总"):
        with answer_next_modal(QMessageBox, lambda box: click_button(box, "替换"), "文件已存在"):
            assert again.aggregate_now()
    assert load_draft(other).other_matters == summed.other_matters
    assert "4 个单位" in "\n".join(p.text for p in docx.Document(str(other.with_suffix(".docx"))).paragraphs)


def test_requirements_file_changes_the_checks_in_the_wizard(
    qtbot: Any, app: Any, answers: Any, sample_draft: Draft, tmp_path: Path
) -> None:
    wizard = make_wizard(qtbot, sample_draft)
    before = [f.rule for f in wizard.document.findings()]
    assert not [r for r in before if r.startswith("L")]
    requirements = tmp_path / "县里发的要求.json"  # any name: recognised by its content
    save_requirements(
        Requirements(
            issuer="米易县人民政府办公室",
            deadline=date(2025, 1, 10),
            required_phrases=["政务公开工作要点"],
            row_notes={"applications.new_received": "含信函、网络和当面提交的申请"},
        ),
        requirements,
    )
    assert wizard.open_path(requirements)
    local = [f for f in wizard.document.findings() if f.rule.startswith("L")]
    assert sorted(f.rule for f in local) == ["L1", "L3"]
    assert all(f.message.startswith("本地要求：") for f in local)
    assert sample_draft.agency == wizard.document.draft.agency  # the draft itself is untouched
    # the row's tooltip carries the county's 填报说明, marked 本地要求
    wizard.go_to_page("applications")
    tips = _tooltip(wizard, Cell("applications", "new_received", "natural_person"))
    assert "本地要求：含信函、网络和当面提交的申请" in tips
    assert "本地要求" not in _tooltip(wizard, Cell("applications", "carried_over", "natural_person"))
    # the 检查与导出 page lists them with the national findings, each under its own rule id
    wizard.go_to_page("review")
    listed = {(item.text(4), item.text(0)) for item in wizard.review.items()}
    assert ("L3", "本地要求：正文中没有写到县里要求写明的「政务公开工作要点」") in listed
    assert {rule for rule, _m in listed} == {f.rule for f in wizard.document.findings()}


def _tooltip(wizard: ReportWizard, cell: Cell) -> str:
    from gui.tables.models import CELL_ROLE

    for view in wizard.findChildren(object):
        model = getattr(view, "model", None)
        if not callable(model):
            continue
        m = model()
        if m is None or not hasattr(m, "rowCount") or not hasattr(m, "cell_at"):
            continue
        for r in range(m.rowCount()):
            for c in range(m.columnCount()):
                index = m.index(r, c)
                if m.data(index, CELL_ROLE) == cell:
                    return str(m.data(index, Qt.ItemDataRole.ToolTipRole))
    return ""


def test_requirements_beside_the_draft_apply_when_it_opens(
    qtbot: Any, app: Any, answers: Any, sample_draft: Draft, tmp_path: Path
) -> None:
    save_requirements(Requirements(overview_max_chars=200), tmp_path / FILE_NAME)
    draft = tmp_path / "草场镇2024.json"
    save_draft(sample_draft, draft)
    wizard = ReportWizard(DraftDocument(Draft()))
    qtbot.addWidget(wizard, before_close_func=lambda w: w.document.undo_stack.setClean())
    wizard.show()
    assert wizard.open_path(draft, confirmed=True)
    l2 = [f for f in wizard.document.findings() if f.rule == "L2"]
    assert len(l2) == 1 and "超过县里规定的 200 字" in l2[0].message
    # shortening 一 (first point short, the others emptied) ends the finding
    for i in range(len(wizard.document.draft.overview_points)):
        wizard.document.set_value(Cell("text", f"overview.{i}"), "简短。" if i == 0 else "")
    assert [f for f in wizard.document.findings() if f.rule == "L2"] == []


def test_the_wizard_opens_the_review_window_and_the_review_opens_reports_in_wizards(
    qtbot: Any, app: Any, answers: Any, folder: Path
) -> None:
    from gui import app as application

    wizard = application.new_window()
    qtbot.addWidget(wizard, before_close_func=lambda w: w.document.undo_stack.setClean())
    wizard.review_action.trigger()  # 「审核文件夹…」 (Ctrl+Shift+R)
    assert len(application.REVIEWS) == 1
    window = application.REVIEWS[0]
    assert window.isVisible() and window.windowTitle() == "审核各单位年度报告"
    window.set_folder(folder)
    wait_review(qtbot, window)
    assert window.select_unit("平潭综合实验区")
    before = len(application.WINDOWS)
    assert window.open_selected()
    opened = application.WINDOWS[-1]
    assert len(application.WINDOWS) == before + 1 and opened.document.draft.agency == "平潭综合实验区"
    for w in application.WINDOWS[before:]:  # the windows this test opened (earlier tests may have left theirs)
        w.document.undo_stack.setClean()
        w.close()
    window.close()
    application.REVIEWS.clear()


def test_the_countys_requirements_set_in_the_window_apply_to_the_review(
    qtbot: Any, app: Any, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = ReviewWindow()
    qtbot.addWidget(window)
    window.set_folder(folder)
    wait_review(qtbot, window)
    assert not any(f.rule.startswith("L") for e in window.review.entries for f in e.findings)
    target = folder / FILE_NAME
    monkeypatch.setattr(
        ReviewDialogs, "ask_save", classmethod(lambda cls, parent, title, start, filters: (target, True))
    )

    def answer(dialog: RequirementsDialog) -> None:
        type_text(dialog.issuer, "某县人民政府办公室")
        type_text(dialog.phrases, "政务公开工作要点")
        dialog.threshold.setValue(30)
        row = next(r for r, (key, _label) in enumerate(dialog.rows) if key == "applications.new_received")
        dialog.notes.item(row, 1).setText("含信函申请")
        click_button(dialog, "保存")

    with answer_next_modal(RequirementsDialog, answer):
        assert window.edit_requirements()
    wait_review(qtbot, window)
    saved = load_requirements(target)
    assert saved.issuer == "某县人民政府办公室" and saved.required_phrases == ["政务公开工作要点"]
    assert saved.similarity_threshold == 0.3 and saved.row_note("applications", "new_received") == "含信函申请"
    l3 = {e.name for e in window.review.entries for f in e.findings if f.rule == "L3"}
    assert l3 == {e.name for e in window.review.entries}  # no report writes the phrase
    assert target.name not in {x.file.name for x in window.review.excluded}  # not listed as a non-report


def test_the_review_windows_file_questions_are_qts_own_dialogs(qtbot: Any, app: Any, built: dict[str, Path]) -> None:
    """The folder, roster and save questions of the review window, Qt's file dialog driven for real."""
    window = ReviewWindow()
    qtbot.addWidget(window)
    with answer_next_modal(
        QFileDialog, lambda d: choose_in_file_dialog(d, built["folder"]), "选择存放各单位报告的文件夹"
    ):
        path, ok = ReviewDialogs.ask_folder(window, "选择存放各单位报告的文件夹", built["folder"].parent)
    assert ok and path == built["folder"]
    with answer_next_modal(QFileDialog, lambda d: choose_in_file_dialog(d, built["roster"]), "读入名单"):
        path, ok = ReviewDialogs.ask_roster_file(window, built["roster"].parent)
    assert ok and path == built["roster"]
    typed = built["folder"].parent / "审核结果"  # typed without .xlsx
    with answer_next_modal(QFileDialog, lambda d: choose_in_file_dialog(d, typed), "导出审核结果"):
        path, ok = ReviewDialogs.ask_save(window, "导出审核结果", typed.with_suffix(".xlsx"), "Excel 工作簿（*.xlsx）")
    assert ok and path == typed.with_suffix(".xlsx")


def test_the_review_window_passes_the_start_check(folder: Path, tmp_path: Path) -> None:
    """`NIANBAO_CLOSE_AFTER_MS` (the packagers' start check) with --review: the review window opens on the
    folder, prints its title and closes itself."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "NIANBAO_CLOSE_AFTER_MS": "1500",
        **{f"XDG_{k}_HOME": str(tmp_path / k.lower()) for k in ("CONFIG", "DATA", "STATE")},
    }
    main = Path(__file__).resolve().parent.parent / "main.py"
    done = subprocess.run(
        [sys.executable, str(main), "--review", str(folder)], env=env, capture_output=True, text=True, timeout=120
    )
    assert (done.returncode, done.stdout.strip()) == (0, "已打开：审核各单位年度报告"), done.stderr[-2000:]
    assert "Traceback" not in done.stderr
