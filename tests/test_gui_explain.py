"""需说明 findings explained in the wizard (issues 4 and 5): 「说明…」 asks for a written explanation, stored in
the draft through the undo stack; an explained finding stays visible as 「已说明」 and is not counted as open;
the explanation can be changed or removed and survives save and reopen."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from gui_helpers import Answers, make_wizard
from guided_helpers import SAMPLE, finding_of, rolled_over_wizard
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from gui.guided import ExplanationDialog, explanation_of
from gui.pages.review import ReviewPage
from gui.widgets import MessageBar
from gui.wizard import ReportWizard
from model.draft import Draft
from model.findings import Cell, Finding, Severity
from model.storage.drafts import load_draft

pytest_plugins = ["gui_support"]

X2_NOTE = "有 20 件规范性文件到期自动失效，未列入本年废止件数。"


def labels_of(bar: MessageBar, finding: Finding) -> list[str]:
    """Return the texts of the labels on `finding`'s line of `bar`: icon (''), severity or 已说明, message."""
    line = next(iter(bar.buttons(finding).values())).parent()
    return [w.text() for w in line.findChildren(QLabel)]


def make_x2(wizard: ReportWizard) -> None:
    """现行有效件数 400 where last year's 420 + 0 − 0 gives 420: X2 (需说明)."""
    wizard.document.set_value(Cell("proactive", "normative_documents", "in_force"), 400)


def test_explaining_x2_marks_it_explained_not_open_and_survives_save_and_reopen(
    qtbot, answers: Answers, tmp_path: Path
) -> None:
    wizard = rolled_over_wizard(qtbot)
    make_x2(wizard)
    page = wizard.go_to_page("proactive")
    x2 = finding_of(wizard, "X2")
    assert x2.severity is Severity.EXPLAIN and not x2.explained
    review = wizard.pages["review"]
    assert isinstance(review, ReviewPage)
    open_before = review.counts()[Severity.EXPLAIN]
    bar = page.message_bar
    assert set(bar.buttons(x2)) == {"说明…"}
    answers.explanation = X2_NOTE
    qtbot.mouseClick(bar.buttons(x2)["说明…"], Qt.MouseButton.LeftButton)
    assert answers.asked == ["explanation:X2"]
    d = wizard.document
    assert d.draft.explanations == {x2.key: X2_NOTE} and d.modified
    done = finding_of(wizard, "X2")
    assert done.explained and not done.is_open
    assert review.counts()[Severity.EXPLAIN] == open_before - 1
    # shown as 已说明, with the explanation, on the page …
    assert done in bar.shown() and bar.worst() is not Severity.EXPLAIN
    assert labels_of(bar, done)[:2] == ["", "已说明"] and f"说明：{X2_NOTE}" in labels_of(bar, done)[2]
    # … and on 检查与导出
    wizard.go_to_page("review")
    item = next(i for i in review.items() if i.text(4) == "X2")
    assert item.text(5) == f"已说明：{X2_NOTE}" and X2_NOTE in item.toolTip(0)
    assert "另有 1 条已说明" in review.summary.text()
    # one undo step
    d.undo_stack.undo()
    assert d.draft.explanations == {} and not finding_of(wizard, "X2").explained
    d.undo_stack.redo()
    # save and reopen
    answers.save_path = tmp_path / "宿迁2025.json"
    assert wizard.save()
    assert load_draft(answers.save_path).explanations == {x2.key: X2_NOTE}
    reopened = make_wizard(qtbot, Draft())
    assert reopened.open_path(answers.save_path)
    again = finding_of(reopened, "X2")
    assert again.explained and explanation_of(reopened.document, again) == X2_NOTE
    assert reopened.pages["review"].counts()[Severity.EXPLAIN] == open_before - 1  # type: ignore[attr-defined]


def test_explaining_b2_on_the_basic_page_then_changing_and_removing_it(
    qtbot, wizard: ReportWizard, answers: Answers
) -> None:
    d = wizard.document
    page = wizard.go_to_page("basic")
    d.set_value(Cell("basic", "signing_date"), date(2025, 2, 14))  # after 31 January 2025
    b2 = finding_of(wizard, "B2")
    assert b2.severity is Severity.EXPLAIN and b2.message in page.message_bar.messages()
    bar = page.message_bar
    answers.explanation = "县政务公开办通知延期至 2 月 15 日公开"
    qtbot.mouseClick(bar.buttons(b2)["说明…"], Qt.MouseButton.LeftButton)
    explained = finding_of(wizard, "B2")
    assert explained.explained and bar.worst() is not Severity.EXPLAIN
    assert set(bar.buttons(explained)) == {"修改说明", "删除说明"}
    assert labels_of(bar, explained)[2].endswith("说明：县政务公开办通知延期至 2 月 15 日公开")
    # change it: the dialog shows the current explanation
    answers.explanation = "经县政务公开办同意延期"
    qtbot.mouseClick(bar.buttons(explained)["修改说明"], Qt.MouseButton.LeftButton)
    assert d.draft.explanations[b2.key] == "经县政务公开办同意延期"
    # remove it: the finding is open again
    qtbot.mouseClick(bar.buttons(finding_of(wizard, "B2"))["删除说明"], Qt.MouseButton.LeftButton)
    assert b2.key not in d.draft.explanations and not finding_of(wizard, "B2").explained
    assert d.undo_stack.count() == 4  # date, explanation, change, removal
    d.undo_stack.undo()
    assert d.draft.explanations[b2.key] == "经县政务公开办同意延期"


def test_cancelled_or_empty_explanation_changes_nothing(qtbot, wizard: ReportWizard, answers: Answers) -> None:
    d = wizard.document
    d.set_value(Cell("basic", "signing_date"), date(2025, 3, 1))
    steps = d.undo_stack.count()
    b2 = finding_of(wizard, "B2")
    answers.explanation = None  # 取消
    assert not wizard.pages["basic"].explain(b2)
    answers.explanation = "   "  # only blanks: no explanation written
    assert not wizard.pages["basic"].explain(b2)
    assert d.draft.explanations == {} and d.undo_stack.count() == steps


def test_explaining_from_the_review_page(qtbot, answers: Answers) -> None:
    wizard = rolled_over_wizard(qtbot)
    make_x2(wizard)
    review = wizard.go_to_page("review")
    assert isinstance(review, ReviewPage)
    x2 = finding_of(wizard, "X2")
    assert review.select(x2)
    assert review.explain_button.isEnabled() and not review.unexplain_button.isEnabled()
    assert review.tree.currentItem().text(5) == "可写说明"
    answers.explanation = X2_NOTE
    qtbot.mouseClick(review.explain_button, Qt.MouseButton.LeftButton)
    assert finding_of(wizard, "X2").explained
    # still selected after the list was refilled, now with 修改/删除
    assert review.selected_finding() == finding_of(wizard, "X2")
    assert review.explain_button.text() == "修改说明…" and review.unexplain_button.isEnabled()
    assert f"已说明：{X2_NOTE}" in review.detail.text()
    qtbot.mouseClick(review.unexplain_button, Qt.MouseButton.LeftButton)
    assert not finding_of(wizard, "X2").explained


def test_errors_and_hints_take_no_explanation(qtbot, wizard: ReportWizard, answers: Answers) -> None:
    wizard.document.set_value(Cell("text", "problems"), "无")  # N1, an 错误
    n1 = finding_of(wizard, "N1")
    bar = wizard.go_to_page("text").message_bar
    assert "说明…" not in bar.buttons(n1)
    review = wizard.go_to_page("review")
    assert isinstance(review, ReviewPage)
    review.select(n1)
    assert not review.explain_button.isEnabled() and not review.fix_button.isEnabled()


def test_explanation_dialog_asks_with_the_finding_and_needs_a_text(qtbot, app, answers: Answers) -> None:
    wizard = make_wizard(qtbot, load_draft(SAMPLE))
    wizard.document.set_value(Cell("basic", "signing_date"), date(2025, 3, 1))
    b2 = finding_of(wizard, "B2")
    dialog = ExplanationDialog.build(wizard, b2)
    qtbot.addWidget(dialog)
    assert b2.message in dialog.prompt.text() and "不会印在导出的报告里" in dialog.prompt.text()
    assert not dialog.ok_button.isEnabled()
    dialog.edit.setPlainText("延期公开")
    assert dialog.ok_button.isEnabled() and dialog.text() == "延期公开"
    change = ExplanationDialog.build(wizard, b2, "旧的说明")
    qtbot.addWidget(change)
    assert change.edit.toPlainText() == "旧的说明" and "删除说明" in change.prompt.text()
    change.edit.setPlainText("")
    assert change.ok_button.isEnabled()  # clearing an explanation removes it


def test_explanation_dialog_example_fits_the_rule(qtbot, answers: Answers) -> None:
    wizard = rolled_over_wizard(qtbot)
    make_x2(wizard)
    wizard.document.set_value(Cell("basic", "signing_date"), date(2026, 3, 1))  # B2: after the deadline
    examples = {"X2": "有文件到期自动失效", "B2": "县政务公开办统一延期", "T1": "本年工作与上年相同"}
    for rule, example in examples.items():
        found = [f for f in wizard.document.findings() if f.rule == rule]
        assert found, rule
        dialog = ExplanationDialog.build(wizard, found[0])
        qtbot.addWidget(dialog)
        prompt = dialog.prompt.text()
        assert f"例如：{example}" in prompt, (rule, prompt)
        assert not [other for r, other in examples.items() if r != rule and other in prompt], (rule, prompt)
    # a finding of a rule without an example of its own is asked plainly, not with another rule's example
    other = Finding("N3", Severity.HINT, "proactive", "乡镇不能制定规章", cells=(Cell("proactive", "x", "y"),))
    dialog = ExplanationDialog.build(wizard, other)
    qtbot.addWidget(dialog)
    prompt = dialog.prompt.text()
    assert "请写明原因。" in prompt and "例如" not in prompt, prompt
