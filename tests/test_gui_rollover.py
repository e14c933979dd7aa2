"""「从上年报告新建」 in the wizard (issue 4): rollover from a draft and from an exported Word report, errors
kept apart from the open work, 二、上年结转 marked as carried and guarded by a reason, 「待更新」 marks, last
year's year highlighted in the text fields."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gui_helpers import Answers, ime_type, make_wizard, open_editor
from guided_helpers import SAMPLE, finding_of, r05_with_texts, rolled_over_wizard
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QToolButton

from gui.actions.rollover import CARRIED_LABEL
from gui.document import REASON_CELL
from gui.highlight import TextAids
from gui.pages.carried import CarriedApplicationsModel
from gui.wizard import ReportWizard
from model import format as fmt
from model.draft import Draft
from model.findings import Cell, Severity
from model.rollover import STALE_LABEL, old_year_spans
from model.storage.drafts import load_draft

pytest_plugins = ["gui_support"]

R05_CARRIED = {
    "natural_person": 118,
    "commercial": 5,
    "research": 0,
    "public_interest": 0,
    "legal_services": 1,
    "other_org": 1,
    "total": 125,
}


def carried_row(wizard: ReportWizard) -> dict[str, int | None]:
    return dict(wizard.document.draft.applications["carried_over"])


def aids_of(edit: QPlainTextEdit) -> TextAids:
    found = edit.findChildren(TextAids)
    assert len(found) == 1
    return found[0]


@pytest.fixture(scope="module")
def r05_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """宿迁市人民政府 2024 (r05 figures, the sample's narrative) exported as our Word report."""
    from model.docx.writer import export_docx

    path = tmp_path_factory.mktemp("rollover") / "宿迁市人民政府2024年报告.docx"
    export_docx(r05_with_texts(), path)
    return path


# -- 从上年报告新建 --------------------------------------------------------------------------------------


def test_rollover_from_the_sample_json_through_the_first_page_button(
    qtbot, wizard: ReportWizard, answers: Answers
) -> None:
    answers.last_year_path = SAMPLE
    basic = wizard.go_to_page("basic")
    qtbot.mouseClick(basic.rollover_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert answers.asked == ["last_year_path"]
    draft = wizard.document.draft
    last = load_draft(SAMPLE)
    assert draft.year == 2025 and draft.agency == last.agency and draft.contact == last.contact
    assert draft.previous is not None and draft.previous.year == 2024
    assert draft.signing_date is None and draft.deadline is not None and draft.deadline.isoformat() == "2026-01-31"
    assert draft.applications["new_received"]["natural_person"] is None
    assert draft.preamble == last.preamble and draft.stale_sections
    # an untitled new report: 保存 asks where; it exists nowhere else, so it is unsaved work (issue 14)
    assert wizard.document.path is None and wizard.document.modified
    assert "未命名（来自 上年报告「sample-caochang-2024.json」）" in wizard.windowTitle()
    assert wizard.currentId() == wizard.page_ids["basic"]
    notice = basic.message_bar.notice()
    assert notice.startswith("已根据 2024 年报告（sample-caochang-2024.json）新建 2025 年报告")
    assert f"标为「{STALE_LABEL}」" in notice and "公开截止日期为 2026年1月31日" in notice
    assert f"{len(draft.stale_sections)} 段文字" in notice


def test_rollover_from_an_exported_word_report_through_the_file_action(
    qtbot, wizard: ReportWizard, answers: Answers, r05_docx: Path
) -> None:
    answers.last_year_path = r05_docx
    side = [b for b in wizard.side.findChildren(QToolButton) if b.defaultAction() is wizard.rollover.action]
    assert len(side) == 1 and side[0].isVisibleTo(wizard)
    qtbot.mouseClick(side[0], Qt.MouseButton.LeftButton)
    draft = wizard.document.draft
    assert draft.agency == "宿迁市人民政府" and draft.year == 2025
    assert carried_row(wizard) == R05_CARRIED  # column by column from 四、结转下年度继续办理
    assert draft.previous is not None and draft.previous.in_force["normative_documents"] == 420
    assert "总计 125 件" in wizard.pages["basic"].message_bar.notice()


def test_rollover_asks_to_save_unsaved_work_and_keeps_it_when_cancelled(
    qtbot, wizard: ReportWizard, answers: Answers
) -> None:
    wizard.document.set_value(Cell("basic", "agency"), "草场镇")
    answers.save_changes = "cancel"
    answers.last_year_path = SAMPLE
    assert not wizard.rollover.start()
    assert answers.asked == ["save_changes:未命名"]  # asked first; 取消: no file is asked for
    assert wizard.document.draft.agency == "草场镇" and wizard.document.modified


def test_rollover_of_an_unreadable_file_says_why_and_keeps_the_work(
    qtbot, wizard: ReportWizard, answers: Answers, tmp_path: Path
) -> None:
    before = wizard.document.draft.to_json_text()
    broken = tmp_path / "坏文件.json"
    broken.write_text("{ 不是 JSON", encoding="utf-8")
    assert not wizard.rollover.rollover_from(broken, confirmed=True)
    notice = wizard.current_page().message_bar.notice()
    assert notice.startswith("无法从上年报告新建：") and "坏文件.json" in notice and "当前的内容没有改变" in notice
    assert wizard.current_page().message_bar.worst() is Severity.ERROR
    no_year = tmp_path / "无年度.json"
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    data["year"] = None
    no_year.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert not wizard.rollover.rollover_from(no_year, confirmed=True)
    notice = wizard.current_page().message_bar.notice()
    assert "无年度.json" in notice and "上年报告未填写报告年度" in notice
    assert wizard.document.draft.to_json_text() == before


# -- 二、上年结转: shown as carried, changed only with a reason -----------------------------------------------


def test_carried_over_cells_are_marked_as_carried_from_last_year(qtbot, answers: Answers) -> None:
    wizard = rolled_over_wizard(qtbot)
    page = wizard.go_to_page("applications")
    model = page.model  # type: ignore[attr-defined]
    assert isinstance(model, CarriedApplicationsModel)
    index = model.index_of(Cell("applications", "carried_over", "natural_person"))
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith(f"{CARRIED_LABEL}：2024年报告「四、结转下年度继续办理」为 118 件")
    assert index.data(Qt.ItemDataRole.DecorationRole) is not None
    assert index.data(Qt.ItemDataRole.DisplayRole) == "118"
    other = model.index_of(Cell("applications", "new_received", "natural_person"))
    assert CARRIED_LABEL not in (other.data(Qt.ItemDataRole.ToolTipRole) or "")
    note = page.carried_note  # type: ignore[attr-defined]
    assert note.isVisibleTo(page) and CARRIED_LABEL in note.label.text() and "2024年报告" in note.label.text()
    assert not note.button.isVisibleTo(page)  # nothing changed, no reason to write
    # a draft not rolled over has no carried mark
    plain = make_wizard(qtbot, load_draft(SAMPLE))
    plain_page = plain.go_to_page("applications")
    plain_index = plain_page.model.index_of(Cell("applications", "carried_over", "natural_person"))  # type: ignore
    assert CARRIED_LABEL not in (plain_index.data(Qt.ItemDataRole.ToolTipRole) or "")
    assert not plain_page.carried_note.isVisibleTo(plain_page)  # type: ignore[attr-defined]


def test_carried_over_reason_asked_when_typing_a_change_in_the_grid_and_stored_in_one_undo_step(
    qtbot, answers: Answers
) -> None:
    wizard = rolled_over_wizard(qtbot)
    page = wizard.go_to_page("applications")
    view, model = page.view, page.model  # type: ignore[attr-defined]
    cell = Cell("applications", "carried_over", "natural_person")
    answers.reason = "上年报告将 2 件误计入结转，已核实更正"
    editor = open_editor(view, model.index_of(cell))
    editor.selectAll()
    qtbot.keyClicks(editor, "116")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.document.value(cell) == 116)
    assert answers.asked == ["reason:自然人：2024年报告为 118 件，现为 116 件\n总计：2024年报告为 125 件，现为 123 件"]
    draft = wizard.document.draft
    assert draft.carried_over_reason == answers.reason
    x1 = finding_of(wizard, "X1")
    assert x1.severity is Severity.EXPLAIN and x1.explained and answers.reason in x1.message
    assert wizard.document.modified
    assert answers.reason in page.carried_note.label.text()  # type: ignore[attr-defined]
    assert "原因：" + answers.reason in model.index_of(cell).data(Qt.ItemDataRole.ToolTipRole)
    wizard.document.undo_stack.undo()  # the figure and its reason go together
    assert wizard.document.value(cell) == 118 and draft.carried_over_reason == ""
    assert not [f for f in wizard.document.findings() if f.rule == "X1"]
    wizard.document.undo_stack.redo()
    assert wizard.document.value(cell) == 116 and draft.carried_over_reason == answers.reason


def test_cancelling_the_carried_over_reason_cancels_the_edit(qtbot, answers: Answers) -> None:
    wizard = rolled_over_wizard(qtbot)
    page = wizard.go_to_page("applications")
    model = page.model  # type: ignore[attr-defined]
    cell = Cell("applications", "carried_over", "commercial")
    answers.reason = None  # 取消
    assert model.setData(model.index_of(cell), "9")
    qtbot.waitUntil(lambda: len(answers.asked) == 1)
    assert wizard.document.value(cell) == 5 and not wizard.document.modified
    assert not wizard.document.undo_stack.canUndo()
    assert "未修改" in page.message_bar.notice() and "原因" in page.message_bar.notice()
    assert model.index_of(cell).data(Qt.ItemDataRole.DisplayRole) == "5"


def test_changing_carried_over_back_to_last_years_figure_clears_the_reason(qtbot, answers: Answers) -> None:
    wizard = rolled_over_wizard(qtbot)
    d = wizard.document
    cell = Cell("applications", "carried_over", "other_org")
    d.set_values([(cell, 3), (REASON_CELL, "补录 2 件")], "修改上年结转（附原因）")
    assert d.draft.carried_over_reason == "补录 2 件"
    assert d.set_value(cell, 1)  # back to what last year carried: no question, the reason goes
    assert answers.asked == [] and d.draft.carried_over_reason == ""
    d.undo_stack.undo()
    assert d.value(cell) == 3 and d.draft.carried_over_reason == "补录 2 件"
    # with a reason standing, a further change is not asked again
    assert d.set_value(cell, 4) and answers.asked == [] and d.draft.carried_over_reason == "补录 2 件"


def test_other_cells_and_drafts_not_rolled_over_are_never_guarded(qtbot, answers: Answers) -> None:
    wizard = rolled_over_wizard(qtbot)
    assert wizard.document.set_value(Cell("applications", "new_received", "natural_person"), 7)
    plain = make_wizard(qtbot, load_draft(SAMPLE))
    assert plain.document.set_value(Cell("applications", "carried_over", "natural_person"), 2)
    assert answers.asked == []


def test_the_reason_can_be_written_later_from_the_note_under_the_table(qtbot, answers: Answers) -> None:
    wizard = rolled_over_wizard(qtbot)
    d = wizard.document
    d.set_values([(Cell("applications", "carried_over", "research"), 2), (REASON_CELL, "旧")], "改")
    d.set_value(REASON_CELL, "")  # removed: X1 is an error again
    assert finding_of(wizard, "X1", "科研机构").severity is Severity.ERROR
    page = wizard.go_to_page("applications")
    note = page.carried_note  # type: ignore[attr-defined]
    assert note.button.isVisibleTo(page) and note.button.text() == "填写原因…"
    assert "尚未写明原因" in note.label.text()
    answers.reason = "新增 2 件科研机构申请为上年漏报"
    qtbot.mouseClick(note.button, Qt.MouseButton.LeftButton)
    assert d.draft.carried_over_reason == answers.reason and note.button.text() == "修改原因…"
    assert finding_of(wizard, "X1", "科研机构").explained


# -- 「待更新」 --------------------------------------------------------------------------------------------


def test_stale_marks_on_carried_texts_go_when_edited_and_come_back_on_undo(qtbot, answers: Answers) -> None:
    wizard = rolled_over_wizard(qtbot)
    overview = wizard.go_to_page("overview")
    preamble = overview.preamble  # type: ignore[attr-defined]
    aids = aids_of(preamble)
    assert aids.is_stale() and preamble.property("stale") is True
    assert aids.strip.isVisibleTo(preamble) and STALE_LABEL in aids.strip.tag.text()
    assert preamble.viewportMargins().top() > 0  # the strip stands above the text, covering none of it
    empty_lead = aids_of(overview.lead)  # type: ignore[attr-defined]
    assert not empty_lead.is_stale() and not empty_lead.strip.isVisibleTo(overview)
    text_page = wizard.go_to_page("text")
    assert aids_of(text_page.problems).is_stale()  # type: ignore[attr-defined]

    wizard.go_to_page("overview")
    preamble.setFocus()
    preamble.moveCursor(QTextCursor.MoveOperation.End)
    ime_type(preamble, "（2025年修订）")
    assert not aids.is_stale() and not aids.strip.isVisibleTo(preamble) and preamble.property("stale") is False
    assert preamble.viewportMargins().top() == 0
    assert wizard.document.modified
    wizard.document.undo_stack.undo()
    assert aids.is_stale() and aids.strip.isVisibleTo(preamble)


def test_keep_text_removes_the_stale_mark_in_one_undo_step_and_survives_save_and_reopen(
    qtbot, answers: Answers, tmp_path: Path
) -> None:
    wizard = rolled_over_wizard(qtbot)
    problems = wizard.go_to_page("text").problems  # type: ignore[attr-defined]
    aids = aids_of(problems)
    aids.strip.keep.linkActivated.emit("#keep")
    assert not aids.is_stale() and "problems" not in wizard.document.draft.stale_sections
    assert wizard.document.draft.problems == r05_with_texts().problems  # the text itself unchanged
    wizard.document.undo_stack.undo()
    assert aids.is_stale()
    wizard.document.undo_stack.redo()
    answers.save_path = tmp_path / "宿迁2025.json"
    assert wizard.save()
    stale_before = list(wizard.document.draft.stale_sections)
    assert "problems" not in stale_before and "preamble" in stale_before
    reopened = make_wizard(qtbot, Draft())
    assert reopened.open_path(answers.save_path)
    assert reopened.document.draft.stale_sections == stale_before
    assert aids_of(reopened.pages["overview"].preamble).is_stale()  # type: ignore[attr-defined]
    assert not aids_of(reopened.pages["text"].problems).is_stale()  # type: ignore[attr-defined]


# -- last year's year highlighted ---------------------------------------------------------------------------


def test_old_year_highlighted_in_the_text_fields_but_not_in_citations(qtbot, answers: Answers) -> None:
    wizard = rolled_over_wizard(qtbot)
    edit = wizard.go_to_page("text").other_matters  # type: ignore[attr-defined]
    text = (
        "2024年度本机关未收取信息处理费。依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
        "和《2024年政务公开工作要点》，较2024年相比，办理量持平。\n二〇二四年的建议已全部办结。"
    )
    wizard.document.set_value(Cell("text", "other_matters"), text)
    spans = aids_of(edit).highlighter.spans()
    assert spans == old_year_spans(text, 2024)
    assert [text[a:b] for a, b in spans] == ["2024", "二〇二四"]
    assert spans[0] == (0, 4) and spans[1][0] == text.index("二〇二四")
    # the report year changes: last year's year changes with it
    wizard.document.set_value(Cell("basic", "year"), 2024)
    assert [text[a:b] for a, b in aids_of(edit).highlighter.spans()] == []
    wizard.document.set_value(Cell("basic", "year"), 2025)
    assert len(aids_of(edit).highlighter.spans()) == 2


def test_old_year_highlight_on_every_narrative_field_of_a_rolled_over_sample(qtbot, answers: Answers) -> None:
    last = load_draft(SAMPLE)
    wizard = rolled_over_wizard(qtbot, last)
    overview = wizard.go_to_page("overview")
    preamble_spans = aids_of(overview.preamble).highlighter.spans()  # type: ignore[attr-defined]
    assert preamble_spans == old_year_spans(last.preamble, 2024) and preamble_spans
    for i, edit in enumerate(overview.texts):  # type: ignore[attr-defined]
        assert aids_of(edit).highlighter.spans() == old_year_spans(last.overview_points[i].text, 2024)
    t2 = [f for f in wizard.document.findings() if f.rule == "T2"]
    assert t2 and all(f.severity is Severity.HINT for f in t2)
    # the lead of a table page is a narrative field too
    lead = wizard.go_to_page("applications").lead  # type: ignore[attr-defined]
    wizard.document.set_value(Cell("text", "applications_lead"), "2024年共收到申请")
    assert aids_of(lead).highlighter.spans() == [(0, 4)]
    assert fmt.heading("applications") == wizard.pages["applications"].title()


def test_old_year_tooltip_names_the_year_to_check(qtbot, answers: Answers) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    wizard = rolled_over_wizard(qtbot)
    edit = wizard.go_to_page("text").other_matters  # type: ignore[attr-defined]
    wizard.document.set_value(Cell("text", "other_matters"), "本机关2024年未收取信息处理费。")
    cursor = edit.textCursor()
    cursor.setPosition(5)  # inside 「2024」
    at = edit.cursorRect(cursor).center()
    event = QHelpEvent(QEvent.Type.ToolTip, at, edit.viewport().mapToGlobal(at))
    QApplication.sendEvent(edit.viewport(), event)
    assert QToolTip.text() == "「2024」是上年的年份，请核对是否应为 2025 年"
    cursor.setPosition(12)  # 信息处理费: not ours, the event goes on to the field
    plain = edit.cursorRect(cursor).center()
    other = QHelpEvent(QEvent.Type.ToolTip, plain, edit.viewport().mapToGlobal(plain))
    assert not aids_of(edit).eventFilter(edit.viewport(), other)
