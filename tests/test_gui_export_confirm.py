"""Export with open 错误 findings asks first, naming how many (issue 5); the exported DOCX never carries the
explanations, the carried-over reason or any highlight."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

from gui_helpers import Answers
from guided_helpers import balance_s1, finding_of, rolled_over_wizard
from PySide6.QtWidgets import QMessageBox

from gui.document import REASON_CELL
from gui.guided import ExportConfirmDialog, store_explanation
from gui.pages.review import ReviewPage
from gui.wizard import ReportWizard
from model.findings import Cell, Severity

pytest_plugins = ["gui_support"]


def test_export_with_open_errors_asks_naming_how_many_and_stops_on_no(
    qtbot, wizard: ReportWizard, answers: Answers, tmp_path: Path
) -> None:
    wizard.document.set_value(Cell("applications", "new_received", "natural_person"), 2)
    wizard.document.set_value(Cell("text", "problems"), "无")
    review = wizard.go_to_page("review")
    assert isinstance(review, ReviewPage)
    errors = review.counts()[Severity.ERROR]
    assert errors >= 3  # S1 自然人, S1 总计, N1
    answers.export_path = tmp_path / "有错误.docx"
    answers.export_anyway = False  # 返回改正
    assert not wizard.export()
    assert answers.asked == [f"export_anyway:{errors}"]  # asked before the file name
    assert not answers.export_path.exists() and review.message_bar.notice() == ""
    answers.export_anyway = True  # 仍要导出
    assert wizard.export()
    assert answers.asked[1:] == [f"export_anyway:{errors}", "export_path"]
    assert answers.export_path.exists()
    assert review.message_bar.notice().endswith(f"（注意：还有 {errors} 个错误未改正）")


def test_export_without_open_errors_does_not_ask(qtbot, wizard: ReportWizard, answers: Answers, tmp_path: Path) -> None:
    wizard.document.set_value(Cell("basic", "signing_date"), date(2025, 3, 1))  # B2: 需说明, not an 错误
    assert wizard.pages["review"].counts()[Severity.ERROR] == 0  # type: ignore[attr-defined]
    answers.export_path = tmp_path / "无错误.docx"
    assert wizard.export()
    assert answers.asked == ["export_path"] and answers.export_path.exists()


def test_explained_findings_do_not_count_as_errors_for_the_question(qtbot, answers: Answers, tmp_path: Path) -> None:
    wizard = rolled_over_wizard(qtbot)
    d = wizard.document
    d.set_values([(Cell("applications", "carried_over", "research"), 3), (REASON_CELL, "补录")], "改")
    balance_s1(wizard)
    # last year's opening, carried over, still names last year's statistics period (N8): brought up to date
    last, now = str(d.draft.year - 1), str(d.draft.year)
    d.set_value(Cell("text", "preamble"), d.draft.preamble.replace(last, now))
    assert finding_of(wizard, "X1", "科研机构").explained  # an X1 with its reason is no open 错误
    assert wizard.pages["review"].counts()[Severity.ERROR] == 0  # type: ignore[attr-defined]
    answers.export_path = tmp_path / "r.docx"
    answers.export_anyway = False
    assert wizard.export()
    assert answers.asked == ["export_path"]
    d.set_value(REASON_CELL, "")  # the reason removed: X1 is an open 错误 again
    answers.asked.clear()
    assert not wizard.export()
    assert answers.asked == ["export_anyway:1"]


def test_exported_docx_never_carries_explanations_or_highlights(qtbot, answers: Answers, tmp_path: Path) -> None:
    import docx

    wizard = rolled_over_wizard(qtbot)
    d = wizard.document
    explanation = "说明文字甲：二十件文件到期失效"
    reason = "结转原因乙：上年漏报两件"
    d.set_value(Cell("proactive", "normative_documents", "in_force"), 400)  # X2
    assert store_explanation(d, finding_of(wizard, "X2"), explanation)
    d.set_values([(Cell("applications", "carried_over", "research"), 2), (REASON_CELL, reason)], "改")
    d.set_value(Cell("basic", "signing_date"), date(2026, 1, 20))
    assert d.draft.preamble and "2024" in d.draft.preamble  # last year's year highlighted in the wizard
    answers.export_path = tmp_path / "宿迁2025.docx"
    assert wizard.export()
    # the draft keeps them …
    assert d.draft.explanations and d.draft.carried_over_reason == reason
    # … the Word file has none of them: not in the text, nor anywhere in the package (the embedded draft too)
    document = docx.Document(str(answers.export_path))
    printed = "\n".join(p.text for p in document.paragraphs)
    printed += "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "宿迁市人民政府" in printed and "2024" in printed
    with zipfile.ZipFile(answers.export_path) as package:
        parts = {name: package.read(name).decode("utf-8", errors="replace") for name in package.namelist()}
    for text in (explanation, reason, "已说明", "待更新"):
        assert text not in printed
        assert not [name for name, xml in parts.items() if text in xml], text
    # no highlight and no shading on the printed text (the wizard's marks stay in the wizard)
    body = parts["word/document.xml"]
    assert "<w:highlight" not in body
    assert all("FFE38F" not in xml.upper() for xml in parts.values())  # the wizard's marker colour


def test_export_question_box_names_the_count_and_defaults_to_going_back(qtbot, app) -> None:
    box = ExportConfirmDialog.build(None, 3)
    qtbot.addWidget(box)
    assert box.text() == "还有 3 个错误未改正，仍要导出吗？"
    roles = {b.text(): box.buttonRole(b) for b in box.buttons()}
    assert roles == {"仍要导出": QMessageBox.ButtonRole.AcceptRole, "返回改正": QMessageBox.ButtonRole.RejectRole}
    assert box.defaultButton().text() == "返回改正" and box.escapeButton().text() == "返回改正"
