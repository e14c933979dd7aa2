"""The wizard as a whole: start-up, files (save, reopen, failed open/save), unsaved mark and close prompt,
undo across pages, the 检查与导出 page, fees in 六, export, the error presenter."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from gui_helpers import Answers, ime_type, make_wizard
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QTextCursor
from PySide6.QtWidgets import QApplication, QMessageBox, QScrollArea, QToolButton, QWizard

from gui.app import SAMPLE_NAME, StartRequest, build_wizard, parse_arguments, run_gui
from gui.dialogs import SaveChangesDialog
from gui.errors import ErrorPresenter
from gui.pages.review import ReviewPage
from gui.pages.text import TextPage
from gui.wizard import ReportWizard
from model import format as fmt
from model.docx.writer import export_docx
from model.draft import Draft
from model.findings import Cell, Severity
from model.resources import SAMPLE_PATH
from model.storage.drafts import load_draft, save_draft

pytest_plugins = ["gui_support"]


def edit_cell(wizard: ReportWizard, row: str, column: str, text: str) -> None:
    page = wizard.go_to_page("applications")
    model = page.model  # type: ignore[attr-defined]
    assert model.setData(model.index_of(Cell("applications", row, column)), text)


# -- start-up --------------------------------------------------------------------------------------------


def test_sample_start_builds_the_wizard_on_an_untitled_copy(qtbot, app, answers: Answers) -> None:
    wizard = build_wizard(parse_arguments(["--sample"]))
    qtbot.addWidget(wizard)
    assert wizard.document.draft == load_draft(SAMPLE_PATH)
    assert wizard.document.path is None and not wizard.document.modified
    title = wizard.windowTitle()
    assert "米易县草场镇人民政府 2024年" in title and f"未命名（来自 {SAMPLE_NAME}）" in title
    assert [wizard.pages[k].title() for k in ("overview", "proactive", "applications", "cases")] == [
        fmt.heading(k) for k in ("overview", "proactive", "applications", "review_litigation")
    ]
    wizard.show()
    qtbot.waitExposed(wizard)
    assert wizard.currentId() == wizard.page_ids["basic"]
    texts = {b: wizard.button(b).text() for b in (QWizard.WizardButton.NextButton, QWizard.WizardButton.CancelButton)}
    assert "下一步" in texts[QWizard.WizardButton.NextButton] and texts[QWizard.WizardButton.CancelButton] == "关闭"
    wizard.go_to_page("review")
    assert "上一步" in wizard.button(QWizard.WizardButton.BackButton).text()
    assert "完成" in wizard.button(QWizard.WizardButton.FinishButton).text()
    wizard.save_action.trigger()  # untitled: Save asks where
    assert answers.asked == ["save_path"]


def test_start_arguments(tmp_path: Path) -> None:
    assert parse_arguments([]) == StartRequest("new")
    assert parse_arguments(["--sample"]) == StartRequest("sample", SAMPLE_PATH)
    assert parse_arguments(["a.json"]) == StartRequest("file", Path("a.json"))
    with pytest.raises(ValueError, match="用法"):
        parse_arguments(["--nonsense"])
    assert run_gui(["a.json", "b.json"]) == 2


def test_start_on_a_missing_file_opens_a_new_report_and_says_why(qtbot, app, answers, tmp_path: Path) -> None:
    wizard = build_wizard(parse_arguments([str(tmp_path / "丢失.json")]))
    qtbot.addWidget(wizard)
    assert wizard.document.draft.agency == "" and wizard.document.path is None
    notice = wizard.pages["basic"].message_bar.notice()
    assert notice == "无法打开 丢失.json：文件不存在（可能已被移动、删除，或 U 盘已拔出）。"
    # nothing was open before it: no 「当前的内容没有改变」; with a figure typed, the work kept is said
    wizard.document.set_value(Cell("applications", "new_received", "natural_person"), 3)
    assert not wizard.open_path(tmp_path / "丢失.json", confirmed=True)
    assert wizard.current_page().message_bar.notice().endswith("。当前的内容没有改变。")


def test_new_report_defaults_to_last_year_with_the_default_deadline(qtbot, app, answers) -> None:
    wizard = build_wizard(parse_arguments([]))
    qtbot.addWidget(wizard)
    page = wizard.pages["basic"]
    year = wizard.document.draft.year
    assert year is not None and page.year.value() == year  # type: ignore[attr-defined]
    assert page.deadline.value().isoformat() == f"{year + 1}-01-31"  # type: ignore[attr-defined]
    assert wizard.document.draft.deadline is None
    assert page.title_preview.text() == f"{year}{fmt.TITLE_SUFFIX}"  # type: ignore[attr-defined]


# -- basic page, title, unsaved mark ---------------------------------------------------------------------


def test_title_preview_and_window_title_follow_typing(qtbot, wizard: ReportWizard) -> None:
    page = wizard.pages["basic"]
    agency = page.agency  # type: ignore[attr-defined]
    agency.selectAll()
    ime_type(agency, "米易县丙谷镇人民政府")
    assert page.title_preview.text() == "米易县丙谷镇人民政府2024年政府信息公开工作年度报告"  # type: ignore[attr-defined]
    assert wizard.windowTitle().startswith("米易县丙谷镇人民政府 2024年")
    assert wizard.isWindowModified() and "[*]" in wizard.windowTitle()
    page.year.setValue(2025)  # type: ignore[attr-defined]
    assert wizard.document.draft.year == 2025
    assert page.deadline.value().isoformat() == "2025-01-31"  # type: ignore[attr-defined]  # the sample's own


def test_unsaved_mark_follows_edits_undo_and_save(qtbot, wizard: ReportWizard, answers: Answers, tmp_path) -> None:
    assert not wizard.isWindowModified()
    edit_cell(wizard, "disclosed", "natural_person", "2")
    assert wizard.isWindowModified()
    wizard.undo_action.trigger()
    assert not wizard.isWindowModified()
    wizard.redo_action.trigger()
    assert wizard.isWindowModified()
    answers.save_path = tmp_path / "草稿.json"
    assert wizard.save()
    assert not wizard.isWindowModified() and "草稿.json" in wizard.windowTitle()


# -- files -----------------------------------------------------------------------------------------------


def test_save_then_reopen_round_trip_through_the_actions(
    qtbot, wizard: ReportWizard, answers: Answers, tmp_path
) -> None:
    edit_cell(wizard, "new_received", "natural_person", "3")
    edit_cell(wizard, "disclosed", "natural_person", "３")
    answers.save_path = tmp_path / "报告草稿.json"
    wizard.save_as_action.trigger()
    saved = load_draft(answers.save_path)
    assert saved == wizard.document.draft
    assert saved.applications["total_handled"]["natural_person"] == 3

    # a second edit, Ctrl+S now saves to the same file without asking; the old version is kept as .bak
    edit_cell(wizard, "carried_forward", "commercial", "1")
    wizard.save_action.trigger()
    assert answers.asked == ["save_path"]
    assert Path(str(answers.save_path) + ".bak").exists()
    assert load_draft(answers.save_path).applications["carried_forward"]["commercial"] == 1

    other = make_wizard(qtbot, Draft())
    answers.open_path = answers.save_path
    other.open_action.trigger()
    assert other.document.draft == load_draft(answers.save_path)
    assert other.document.path == answers.save_path and not other.document.modified
    page = other.pages["applications"]
    model = page.model  # type: ignore[attr-defined]
    assert model.data(model.index_of(Cell("applications", "disclosed", "natural_person"))) == "3"
    assert other.pages["basic"].agency.text() == "米易县草场镇人民政府"  # type: ignore[attr-defined]
    from gui import settings

    assert settings.recent_files()[0] == answers.save_path.resolve()


def test_file_shortcuts(wizard: ReportWizard) -> None:
    assert wizard.save_action.shortcut() == QKeySequence("Ctrl+S")
    assert wizard.save_as_action.shortcut() == QKeySequence("Ctrl+Shift+S")
    assert wizard.open_action.shortcut() == QKeySequence("Ctrl+O")
    assert wizard.undo_action.shortcut() == QKeySequence("Ctrl+Z")
    assert QKeySequence("Ctrl+Y") in wizard.redo_action.shortcuts()


def test_failed_open_keeps_the_current_work(qtbot, wizard: ReportWizard, answers: Answers, tmp_path) -> None:
    edit_cell(wizard, "disclosed", "natural_person", "4")
    broken = tmp_path / "坏的.json"
    broken.write_text('{"format": "2021", "schema_version": 1, "agency": ', encoding="utf-8")
    answers.save_changes = "discard"  # the clerk lets the open go ahead…
    answers.open_path = broken
    wizard.open_action.trigger()
    # …but the file is broken: nothing is replaced, the reason is shown on the page
    assert wizard.document.draft.applications["disclosed"]["natural_person"] == 4
    assert wizard.document.modified and wizard.document.path is None
    notice = wizard.current_page().message_bar.notice()
    assert "坏的.json" in notice and "文件不完整" in notice
    foreign = tmp_path / "别的.json"
    foreign.write_text(json.dumps({"hello": 1}), encoding="utf-8")
    assert not wizard.open_path(foreign, confirmed=True)
    assert "不是年报填报助手的草稿文件" in wizard.current_page().message_bar.notice()
    not_word = tmp_path / "乱码.docx"
    not_word.write_bytes(b"this is not a Word file")
    assert not wizard.open_path(not_word, confirmed=True)
    assert "乱码.docx" in wizard.current_page().message_bar.notice()
    assert wizard.document.draft.applications["disclosed"]["natural_person"] == 4
    assert wizard.document.modified


def test_failed_save_says_so_and_loses_nothing(qtbot, wizard: ReportWizard, answers: Answers, tmp_path) -> None:
    edit_cell(wizard, "disclosed", "natural_person", "4")
    answers.save_path = tmp_path / "拔出的U盘" / "草稿.json"
    assert not wizard.save()
    assert wizard.document.modified and wizard.document.path is None
    notice = wizard.current_page().message_bar.notice()
    assert "保存失败" in notice and "文件夹不存在" in notice
    assert wizard.document.draft.applications["disclosed"]["natural_person"] == 4


def test_opening_a_docx_report(qtbot, wizard: ReportWizard, answers: Answers, tmp_path) -> None:
    target = tmp_path / "报告.docx"
    export_docx(wizard.document.draft, target)
    other = make_wizard(qtbot, Draft())
    assert other.open_path(target, confirmed=True)
    assert other.document.draft.agency == "米易县草场镇人民政府"
    assert other.document.path is None and "来自 报告.docx" in other.windowTitle()
    assert other.suggested_name() == "报告.json"


# -- closing ---------------------------------------------------------------------------------------------


def test_close_with_unsaved_changes_asks_and_cancel_keeps_the_window(
    qtbot, wizard: ReportWizard, answers: Answers
) -> None:
    edit_cell(wizard, "disclosed", "natural_person", "1")
    answers.save_changes = "cancel"
    wizard.close()
    assert wizard.isVisible() and answers.asked == ["save_changes:未命名"]
    answers.save_changes = "discard"
    wizard.close()
    assert not wizard.isVisible()


def test_close_choosing_save_saves_first(qtbot, wizard: ReportWizard, answers: Answers, tmp_path) -> None:
    edit_cell(wizard, "disclosed", "natural_person", "1")
    answers.save_changes = "save"
    answers.save_path = None  # the clerk cancels the file dialog: nothing closes
    wizard.close()
    assert wizard.isVisible()
    answers.save_path = tmp_path / "关闭前.json"
    wizard.close()
    assert not wizard.isVisible()
    assert load_draft(answers.save_path).applications["disclosed"]["natural_person"] == 1


def test_close_without_changes_does_not_ask(qtbot, wizard: ReportWizard, answers: Answers) -> None:
    wizard.close()
    assert not wizard.isVisible() and answers.asked == []


def test_save_changes_dialog_offers_save_discard_cancel(qtbot, app) -> None:
    box = SaveChangesDialog.build(None, "草稿.json")
    qtbot.addWidget(box)
    assert sorted(b.text() for b in box.buttons()) == sorted(["保存", "不保存", "取消"])
    assert "草稿.json" in box.text()
    buttons = {b.text(): b for b in box.buttons()}
    buttons["不保存"].click()
    assert SaveChangesDialog.answer(box) == "discard"


# -- undo across pages -----------------------------------------------------------------------------------


def test_undo_and_redo_across_pages(qtbot, wizard: ReportWizard) -> None:
    basic = wizard.go_to_page("basic")
    agency = basic.agency  # type: ignore[attr-defined]
    agency.setFocus()
    agency.end(False)
    ime_type(agency, "（测试）")
    edit_cell(wizard, "disclosed", "natural_person", "6")
    text_page = wizard.go_to_page("text")
    text_page.problems.setFocus()  # type: ignore[attr-defined]
    text_page.problems.moveCursor(QTextCursor.MoveOperation.End)  # type: ignore[attr-defined]
    ime_type(text_page.problems, "补")  # type: ignore[attr-defined]
    ime_type(text_page.problems, "充")  # type: ignore[attr-defined]
    draft = wizard.document.draft
    assert draft.agency.endswith("（测试）") and draft.problems.endswith("补充")
    assert wizard.document.undo_stack.count() == 3  # keystrokes in one text merge into one step
    wizard.undo_action.trigger()
    assert not draft.problems.endswith("补充")
    assert not text_page.problems.toPlainText().endswith("补充")  # type: ignore[attr-defined]
    wizard.undo_action.trigger()
    assert draft.applications["disclosed"]["natural_person"] == 0
    wizard.undo_action.trigger()
    assert draft.agency == "米易县草场镇人民政府" and agency.text() == "米易县草场镇人民政府"
    assert not wizard.isWindowModified()
    wizard.redo_action.trigger()
    wizard.redo_action.trigger()
    assert draft.agency.endswith("（测试）") and draft.applications["disclosed"]["natural_person"] == 6


def test_ctrl_z_in_a_text_field_undoes_through_the_document(qtbot, wizard: ReportWizard) -> None:
    wizard.activateWindow()
    qtbot.waitActive(wizard)
    agency = wizard.pages["basic"].agency  # type: ignore[attr-defined]
    agency.setFocus()
    agency.end(False)
    ime_type(agency, "甲")
    edit_cell(wizard, "disclosed", "natural_person", "6")
    wizard.go_to_page("basic")
    agency.setFocus()
    qtbot.keyClick(agency, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert wizard.document.draft.applications["disclosed"]["natural_person"] == 0  # the last edit, on page 三
    qtbot.keyClick(agency, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert agency.text() == "米易县草场镇人民政府"
    qtbot.keyClick(agency, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert agency.text() == "米易县草场镇人民政府甲"


# -- 检查与导出 --------------------------------------------------------------------------------------------


def test_review_lists_findings_by_severity_with_counts(qtbot, wizard: ReportWizard) -> None:
    review = wizard.go_to_page("review")
    assert isinstance(review, ReviewPage)
    assert review.summary.text() == "检查结果：没有发现问题，可以导出。"
    edit_cell(wizard, "new_received", "natural_person", "5")
    wizard.document.set_value(Cell("text", "problems"), "无")
    wizard.go_to_page("review")
    counts = review.counts()
    assert counts[Severity.ERROR] >= 3  # S1 自然人, S1 总计, N1
    tops = [review.tree.topLevelItem(i).text(0) for i in range(3)]
    assert tops == [f"{s.label}（{counts[s]}）" for s in Severity]
    assert review.summary.text().startswith(f"检查结果：错误 {counts[Severity.ERROR]} 条")
    rows = [(i.text(0), i.text(1), i.text(3)) for i in review.items()]
    assert ("自然人：一+二 = 5，（七）总计+四 = 0，相差 5", fmt.heading("applications"), "自然人") in rows
    assert any(r[1] == fmt.heading("problems") for r in rows)


def test_double_click_on_a_finding_jumps_to_its_page_and_cell(qtbot, wizard: ReportWizard) -> None:
    edit_cell(wizard, "new_received", "research", "5")
    review = wizard.go_to_page("review")
    assert isinstance(review, ReviewPage)
    item = next(i for i in review.items() if i.text(0).startswith("科研机构："))
    review.tree.scrollToItem(item)
    rect = review.tree.visualItemRect(item)
    qtbot.mouseClick(review.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(review.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert wizard.currentId() == wizard.page_ids["applications"]
    assert wizard.pages["applications"].view.hasFocus()  # type: ignore[attr-defined]
    page = wizard.pages["applications"]
    target = page.model.index_of(Cell("applications", "new_received", "research"))  # type: ignore[attr-defined]
    assert page.view.currentIndex() == target  # type: ignore[attr-defined]

    wizard.document.set_value(Cell("text", "problems"), "")
    wizard.go_to_page("review")
    item = next(i for i in review.items() if i.text(4) == "N1")
    review.tree.itemDoubleClicked.emit(item, 0)
    assert wizard.currentId() == wizard.page_ids["text"]
    problems = wizard.pages["text"].problems  # type: ignore[attr-defined]
    assert problems.hasFocus() or wizard.focusWidget() is problems


def test_side_list_jumps_and_back_still_goes_one_page_back(qtbot, wizard: ReportWizard) -> None:
    item = wizard.page_list.item(list(wizard.pages).index("cases"))
    where = wizard.page_list.visualItemRect(item).center()
    qtbot.mouseClick(wizard.page_list.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert wizard.currentId() == wizard.page_ids["cases"]
    assert wizard.page_list.currentRow() == list(wizard.pages).index("cases")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.BackButton), Qt.MouseButton.LeftButton)
    assert wizard.currentId() == wizard.page_ids["applications"]
    wizard.go_to_page("basic")
    assert wizard.currentId() == wizard.page_ids["basic"]


def test_each_page_shows_its_own_findings_inline(qtbot, wizard: ReportWizard) -> None:
    wizard.document.set_value(Cell("basic", "agency"), "")
    basic = wizard.pages["basic"]
    assert "未填写机关全称" in basic.message_bar.messages()
    assert not [m for m in wizard.pages["applications"].message_bar.messages() if "机关全称" in m]
    wizard.document.set_value(Cell("proactive", "regulations", "issued"), 1)
    wizard.document.set_value(Cell("basic", "agency"), "米易县草场镇人民政府")
    bar = wizard.pages["proactive"].message_bar
    assert any("乡镇、街道无权制定规章" in m for m in bar.messages()) and bar.worst() is Severity.HINT


def test_export_writes_the_docx_and_keeps_the_wizard_open(
    qtbot, wizard: ReportWizard, answers: Answers, tmp_path
) -> None:
    import docx

    review = wizard.go_to_page("review")
    assert isinstance(review, ReviewPage)
    answers.export_path = tmp_path / "导出.docx"
    qtbot.mouseClick(review.export_button, Qt.MouseButton.LeftButton)
    assert answers.export_path.exists() and wizard.isVisible()
    text = "\n".join(p.text for p in docx.Document(str(answers.export_path)).paragraphs)
    assert "米易县草场镇人民政府" in text
    assert review.message_bar.notice().startswith("已导出：") and review.folder_button.isVisibleTo(review)


def test_failed_export_says_why_and_never_touches_the_draft(
    qtbot, wizard: ReportWizard, answers: Answers, tmp_path
) -> None:
    edit_cell(wizard, "disclosed", "natural_person", "2")
    before = wizard.document.draft.to_json_text()
    review = wizard.go_to_page("review")
    answers.export_path = tmp_path / "不存在的文件夹" / "导出.docx"
    assert not wizard.export()
    assert wizard.isVisible() and wizard.currentId() == wizard.page_ids["review"]
    assert review.message_bar.notice().startswith("导出失败：") and review.message_bar.worst() is Severity.ERROR
    assert wizard.document.draft.to_json_text() == before and wizard.document.modified


# -- 六: the information-processing fee ------------------------------------------------------------------


def test_standard_no_fee_sentence_offered_when_all_fees_are_zero(qtbot, wizard: ReportWizard) -> None:
    page = wizard.go_to_page("text")
    assert isinstance(page, TextPage)
    wizard.document.set_value(Cell("text", "other_matters"), "无其他需要报告的事项。")
    assert page.fee_button.isEnabled() and fmt.NO_FEE_SENTENCE in page.fee_button.text()
    qtbot.mouseClick(page.fee_button, Qt.MouseButton.LeftButton)
    assert wizard.document.draft.other_matters == fmt.NO_FEE_SENTENCE + "无其他需要报告的事项。"
    assert page.other_matters.toPlainText().startswith(fmt.NO_FEE_SENTENCE)
    assert not page.fee_button.isEnabled()  # already there
    wizard.undo_action.trigger()
    assert wizard.document.draft.other_matters == "无其他需要报告的事项。"


def test_fee_sentence_names_the_figures_typed(qtbot, wizard: ReportWizard) -> None:
    page = wizard.go_to_page("text")
    assert isinstance(page, TextPage)
    wizard.document.set_value(Cell("text", "other_matters"), "")
    for key, typed in (("notices", "２"), ("notified_amount", "1,200.5"), ("collected_amount", "300")):
        field = page.fee_fields[key]
        field.setFocus()
        field.selectAll()
        ime_type(field, typed)
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert wizard.document.draft.fees["notices"] == 2
    sentence = "本年度发出信息处理费收费通知2件，通知金额1200.5元，实际收取金额300元。"
    assert page.fee_button.text() == f"插入标准句：{sentence}" and page.fee_button.isEnabled()
    qtbot.mouseClick(page.fee_button, Qt.MouseButton.LeftButton)
    assert wizard.document.draft.other_matters == sentence
    rules = {f.rule for f in wizard.document.findings() if f.section == "other_matters"}
    assert "N2" not in rules and "T3" not in rules  # the sentence satisfies the fee checks


def test_fee_fields_refuse_bad_input_with_a_message(qtbot, wizard: ReportWizard) -> None:
    page = wizard.go_to_page("text")
    assert isinstance(page, TextPage)
    amount = page.fee_fields["collected_amount"]
    amount.setFocus()
    amount.selectAll()
    qtbot.keyClicks(amount, "12.5")
    ime_type(amount, "元")
    assert amount.text() == "12.5"
    assert "「信息处理费 · 实际收取金额（元）」" in page.message_bar.notice() and "“元”" in page.message_bar.notice()
    qtbot.keyClick(amount, Qt.Key.Key_Return)
    from decimal import Decimal

    assert wizard.document.draft.fees["collected_amount"] == Decimal("12.5")


# -- unexpected errors -----------------------------------------------------------------------------------


@contextmanager
def presenting(presenter: ErrorPresenter) -> Iterator[ErrorPresenter]:
    """`presenter` installed (the `sys.excepthook`, the "nianbao" log's file), then taken out again."""
    presenter.install()
    try:
        yield presenter
    finally:
        sys.excepthook = presenter.previous_hook
        for handler in list(logging.getLogger("nianbao").handlers):
            logging.getLogger("nianbao").removeHandler(handler)
            handler.close()


def present(qtbot, presenter: ErrorPresenter, message: str) -> QMessageBox:
    """Raise a RuntimeError `message` and hand it to `presenter` as Python would; return its dialog."""
    try:
        raise RuntimeError(message)
    except RuntimeError as exc:
        presenter(type(exc), exc, exc.__traceback__)
    box = presenter.dialog
    assert isinstance(box, QMessageBox) and box.isVisible()
    qtbot.addWidget(box)
    return box


def test_error_presenter_logs_and_shows_one_dialog(qtbot, app, tmp_path: Path) -> None:
    log = tmp_path / "logs" / "nianbao.log"
    with presenting(ErrorPresenter(log)) as presenter:
        assert sys.excepthook is presenter
        present(qtbot, presenter, "意外 0")
        box = present(qtbot, presenter, "意外 1")
        assert box is presenter.dialog  # one dialog, the second error counted in it
        assert box.text() == "程序遇到了意外的错误。"
        assert "共发生 2 次" in box.informativeText() and str(log) in box.informativeText()
        assert "RuntimeError: 意外 0" in box.detailedText()
        assert "RuntimeError: 意外 1" in log.read_text(encoding="utf-8")
        box.close()


def test_error_presenter_finds_its_log_file_when_the_first_record_comes(qtbot, app, tmp_path: Path) -> None:
    """Start time (issue 11): the log folder (platformdirs) is asked for, and the file made, only when something
    is logged — an autosave's warning, an error; a log that cannot be written leaves the details in the dialog."""
    path = tmp_path / "logs" / "nianbao.log"
    asked: list[Path] = []

    def where() -> Path:
        asked.append(path)
        return path

    with presenting(ErrorPresenter(where)) as presenter:
        assert sys.excepthook is presenter and asked == [] and not path.parent.exists()
        logging.getLogger("nianbao").warning("autosave failed: 磁盘已满")
        assert asked == [path] and "autosave failed: 磁盘已满" in path.read_text(encoding="utf-8")
        box = present(qtbot, presenter, "意外")
        assert f"详细信息已记录在：{path}" in box.informativeText() and asked == [path]
        assert "RuntimeError: 意外" in path.read_text(encoding="utf-8")
        box.close()
    blocked = tmp_path / "a file"  # the log's folder cannot be made under a file
    blocked.write_text("", encoding="utf-8")
    with presenting(ErrorPresenter(blocked / "logs" / "nianbao.log")) as presenter:
        box = present(qtbot, presenter, "又一个意外")
        assert presenter.log_file is None and "详细信息见下方" in box.informativeText()
        assert "RuntimeError: 又一个意外" in box.detailedText()
        box.close()


def test_the_application_exits_cleanly_after_the_wizard_closes(tmp_path: Path) -> None:
    """Every widget is owned by its parent, so nothing is deleted twice when Python shuts Qt down."""
    import os
    import subprocess
    import sys

    from conftest import ROOT

    script = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, {str(tmp_path)!r})
from gui.app import create_application, run_gui
from gui.wizard import ReportWizard
from model.findings import Cell
app = create_application()
def work():
    wizard = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ReportWizard))
    for key in wizard.pages:
        wizard.go_to_page(key)
    wizard.document.set_value(Cell("applications", "new_received", "natural_person"), 5)
    wizard.document.undo_stack.setClean()
    wizard.close()
QTimer.singleShot(300, work)
sys.exit(run_gui(["--sample"]))
"""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_STATE_HOME": str(tmp_path)}  # the log goes here
    env["XDG_DATA_HOME"] = str(tmp_path / "data")  # and the recovery files here
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]


def test_opening_another_draft_shows_its_pages_from_the_top(
    qtbot, wizard: ReportWizard, answers: Answers, tmp_path
) -> None:
    wizard.resize(1000, 600)  # table 三 and page 一 scroll
    other = tmp_path / "另一个.json"
    save_draft(load_draft(SAMPLE_PATH), other)
    page = wizard.go_to_page("applications")
    view = page.view  # type: ignore[attr-defined]
    QApplication.processEvents()
    view.focus_cell(Cell("applications", "carried_forward", "other_org"))  # the last row, far right
    assert view.verticalScrollBar().value() > 0
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum())
    overview = wizard.go_to_page("overview")
    QApplication.processEvents()
    scrolled = overview.findChildren(QScrollArea)
    for area in scrolled:  # the clerk scrolled down to the last point
        area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())
    assert any(a.verticalScrollBar().value() > 0 for a in scrolled)
    answers.open_path = other
    wizard.open_action.trigger()
    assert wizard.document.path == other and wizard.currentPage() is wizard.pages["basic"]
    page = wizard.go_to_page("applications")
    QApplication.processEvents()
    assert view.verticalScrollBar().value() == 0 and view.horizontalScrollBar().value() == 0
    assert not view.currentIndex().isValid() or view.currentIndex() == view.grid_model.index(
        *view.grid_model.editable_positions()[0]
    )
    wizard.go_to_page("overview")
    QApplication.processEvents()
    assert all(a.verticalScrollBar().value() == 0 for a in scrolled)


def test_at_start_the_window_is_painted_first_then_every_page_shows_its_findings(
    qtbot, app, answers, tmp_path: Path
) -> None:
    draft = load_draft(SAMPLE_PATH)
    draft.agency = ""  # B1 on 基本信息
    draft.applications["new_received"]["natural_person"] += 1  # S1 on 三
    path = tmp_path / "缺名称.json"
    save_draft(draft, path)
    wizard = build_wizard(parse_arguments([str(path)]), recover=False, paint_first=True)
    qtbot.addWidget(wizard)
    bar = wizard.pages["basic"].message_bar
    assert bar.shown() == []  # nothing checked before the window is painted
    wizard.show()
    qtbot.waitUntil(lambda: bar.shown() != [])
    assert [f.rule for f in bar.shown()] == ["B1"]
    assert "未填写" in bar.messages()[0] and fmt.BASIC_FIELDS["agency"] in bar.messages()[0]
    # every page shows what a window checked at once shows, the pages built later too
    at_once = build_wizard(parse_arguments([str(path)]), recover=False)
    qtbot.addWidget(at_once)
    for key in ("basic", "overview", "applications", "review"):
        wizard.go_to_page(key)
        at_once.go_to_page(key)
        assert wizard.pages[key].message_bar.messages() == at_once.pages[key].message_bar.messages()
    assert "S1" in {f.rule for f in wizard.pages["applications"].message_bar.shown()}
    assert wizard.pages["review"].counts() == at_once.pages["review"].counts()


def test_a_window_painted_first_is_completed_as_one_built_at_once(qtbot, app, answers) -> None:
    """Start time (issue 11): with `paint_first` the side panel, the help and the controllers are built after
    the first paint (`ReportWizard.complete`); the window then has every action, shortcut and side button a
    window built at once has, and the page list marks the page shown."""
    first = build_wizard(parse_arguments(["--sample"]), recover=False, paint_first=True)
    qtbot.addWidget(first)
    assert not first.completed and not hasattr(first, "side")
    first.show()  # (the first page is shown before the page list exists)
    native = first.winId()
    qtbot.waitUntil(lambda: first.completed)
    assert first.page_list.currentRow() == 0
    at_once = build_wizard(parse_arguments(["--sample"]), recover=False)
    qtbot.addWidget(at_once)
    at_once.show()
    # the title bar's minimise and maximise buttons, given to the window shown first without making it anew
    min_max = Qt.WindowType.WindowMinMaxButtonsHint
    assert first.isVisible() and first.winId() == native
    for wizard in (first, at_once):
        assert wizard.windowFlags() & min_max == min_max
        assert wizard.windowHandle().flags() & min_max == min_max
    # the first field has the focus as in a window built at once (given when the window is completed)
    assert first.focusWidget() is first.pages["basic"].agency
    assert at_once.focusWidget() is at_once.pages["basic"].agency
    for wizard in (first, at_once):
        wizard.go_to_page("overview")

    def actions(wizard: ReportWizard) -> list[tuple[str, str]]:
        return sorted((a.text(), a.shortcut().toString()) for a in wizard.actions())

    def buttons(wizard: ReportWizard) -> list[str]:
        return sorted(b.text() for b in wizard.side.findChildren(QToolButton))

    assert actions(first) == actions(at_once)
    assert buttons(first) == buttons(at_once)
    assert {"打印", "备份到", "大"} <= set(buttons(first))
    assert first.page_list.currentRow() == at_once.page_list.currentRow() == 1
    assert first.sideWidget().width() == at_once.sideWidget().width()
    assert first.help.panel.parentWidget() is first.side and first.help.panel.plain_text()
