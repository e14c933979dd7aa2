"""Guided fixes (issue 5): findings on the page where they arise, each page's message bar, the proposed fix of
S1 and X1 applied with 「改正」 (one undo step), from the page and from 检查与导出."""

from __future__ import annotations

from datetime import date

from gui_helpers import Answers
from guided_helpers import balance_s1, finding_of, findings_of, rolled_over_wizard
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from gui.document import REASON_CELL
from gui.pages.review import ReviewPage
from gui.wizard import ReportWizard
from model.findings import Cell, Severity

pytest_plugins = ["gui_support"]


def test_every_page_shows_the_findings_of_its_sections_in_its_message_bar(qtbot, answers: Answers) -> None:
    wizard = rolled_over_wizard(qtbot)
    d = wizard.document
    d.set_value(Cell("basic", "signing_date"), date(2026, 3, 1))  # B2 on 基本信息
    d.set_value(Cell("proactive", "normative_documents", "in_force"), 400)  # X2 on 二
    d.set_value(Cell("applications", "new_received", "natural_person"), 3)  # S1 on 三
    d.set_value(Cell("text", "problems"), "无")  # N1 on 五
    expected = {"basic": "B2", "overview": "T1", "proactive": "X2", "applications": "S1", "text": "N1"}
    for key, rule in expected.items():
        page = wizard.go_to_page(key)
        shown = [f.rule for f in page.message_bar.shown()]
        assert rule in shown, (key, shown)
        assert page.message_bar.isVisibleTo(page)
        assert all(f.section in page.sections for f in page.message_bar.shown())
    # all together on 检查与导出, with counts per severity
    review = wizard.go_to_page("review")
    assert isinstance(review, ReviewPage)
    listed = {i.text(4) for i in review.items()}
    assert set(expected.values()) <= listed
    counts = review.counts()
    assert review.summary.text().startswith(
        f"检查结果：错误 {counts[Severity.ERROR]} 条，需说明 {counts[Severity.EXPLAIN]} 条"
    )


def test_s1_fix_applied_from_the_message_bar_makes_the_message_go_and_undo_brings_it_back(
    qtbot, wizard: ReportWizard, answers: Answers
) -> None:
    page = wizard.go_to_page("applications")
    forward = Cell("applications", "carried_forward", "natural_person")
    before = wizard.document.value(forward)
    wizard.document.set_value(Cell("applications", "new_received", "natural_person"), 2)
    s1 = finding_of(wizard, "S1", "自然人")
    assert s1.fix is not None and s1.fix.label == f"结转下年度 应为 {before + 2}"
    bar = page.message_bar
    assert any(m == s1.message for m in bar.messages())
    buttons = bar.buttons(s1)
    proposal = f"结转下年度 应为 {before + 2}"
    assert set(buttons) == {"改正"} and proposal in buttons["改正"].toolTip()
    line = buttons["改正"].parent()
    assert any(label.text() == f"{s1.message}　建议：{proposal}" for label in line.findChildren(QLabel))
    qtbot.mouseClick(buttons["改正"], Qt.MouseButton.LeftButton)
    d = wizard.document
    assert d.value(forward) == before + 2
    assert not findings_of(wizard, "S1")
    assert s1.message not in bar.messages()
    assert bar.notice().startswith(f"已改正：四、结转下年度继续办理 · 自然人 改为 {before + 2}")
    assert d.modified and d.undo_stack.count() == 2  # the edit, then the fix: one step each
    d.undo_stack.undo()
    assert d.value(forward) == before
    assert [f.message for f in findings_of(wizard, "S1")][0] == s1.message
    assert s1.message in bar.messages()


def test_s1_fix_from_the_review_page(qtbot, wizard: ReportWizard, answers: Answers) -> None:
    wizard.document.set_value(Cell("applications", "new_received", "research"), 4)
    review = wizard.go_to_page("review")
    assert isinstance(review, ReviewPage)
    errors = review.counts()[Severity.ERROR]
    s1 = finding_of(wizard, "S1", "科研机构")
    assert review.select(s1)
    item = review.tree.currentItem()
    assert item.text(5) == "建议：结转下年度 应为 4"
    assert review.fix_button.isEnabled() and review.fix_button.text() == "改正：结转下年度 应为 4"
    assert not review.explain_button.isEnabled()  # an 错误 of S1 is corrected, not explained
    qtbot.mouseClick(review.fix_button, Qt.MouseButton.LeftButton)
    assert wizard.document.value(Cell("applications", "carried_forward", "research")) == 4
    assert not findings_of(wizard, "S1")
    assert review.counts()[Severity.ERROR] == errors - 2  # S1 科研机构 and S1 总计
    assert review.summary.text().startswith(f"检查结果：错误 {errors - 2} 条")


def test_no_fix_offered_where_the_fix_is_not_unambiguous(qtbot, wizard: ReportWizard, answers: Answers) -> None:
    d = wizard.document
    d.set_value(Cell("applications", "new_received", "natural_person"), 1)
    total = finding_of(wizard, "S1", "总计")  # the 总计 column is computed: no value to set
    assert total.fix is None
    bar = wizard.go_to_page("applications").message_bar
    assert "改正" not in bar.buttons(total)


def test_x1_fix_puts_back_last_years_figure_and_clears_the_reason(qtbot, answers: Answers) -> None:
    wizard = rolled_over_wizard(qtbot)
    d = wizard.document
    cell = Cell("applications", "carried_over", "commercial")
    d.set_values([(cell, 7), (REASON_CELL, "核对")], "修改上年结转（附原因）")
    balance_s1(wizard)
    page = wizard.go_to_page("applications")
    bar = page.message_bar
    explained = finding_of(wizard, "X1", "商业企业")
    assert explained.explained and set(bar.buttons(explained)) == {"修改说明", "删除说明"}
    qtbot.mouseClick(bar.buttons(explained)["删除说明"], Qt.MouseButton.LeftButton)  # X1 becomes an 错误
    x1 = finding_of(wizard, "X1", "商业企业")
    assert x1.severity is Severity.ERROR and x1.fix is not None and x1.fix.label == "上年结转 应为 5"
    assert set(bar.buttons(x1)) == {"改正", "说明…"}
    qtbot.mouseClick(bar.buttons(x1)["改正"], Qt.MouseButton.LeftButton)
    assert d.value(cell) == 5 and not findings_of(wizard, "X1") and answers.asked == []
    assert d.draft.carried_over_reason == ""
    d.undo_stack.undo()
    assert d.value(cell) == 7 and finding_of(wizard, "X1", "商业企业").severity is Severity.ERROR
