"""填报说明 (issue 14): one text, kept beside the format definition, for every row, column, section and basic
field, each with its source; the same text in docs/help.md, in the printable Word file and in the wizard's
panel (focus and F1)."""

from __future__ import annotations

import re
from pathlib import Path

import docx
from docx.shared import Mm
from gui_helpers import Answers

from gui.help import GUIDE_FILE
from gui.wizard import ReportWizard
from model import format as fmt
from model import help as guide
from model.docx.guide import TITLE, export_guide
from model.docx.writer import ExportError
from model.findings import Cell

pytest_plugins = ["gui_support"]

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = re.compile(r"^《中华人民共和国政府信息公开条例》第[一二三四五六七八九十]+条$")


def every_entry() -> list[guide.HelpEntry]:
    return [e for _heading, entries in guide.chapters() for e in entries]


def test_every_row_column_section_and_basic_field_has_an_entry() -> None:
    assert set(guide.SECTIONS) == {s.key for s in fmt.SECTIONS}
    assert set(guide.BASIC) == set(fmt.BASIC_FIELDS)
    assert set(guide.OVERVIEW_POINTS) == {p.key for p in fmt.OVERVIEW_POINTS}
    assert set(guide.PROACTIVE_BLOCKS) == {b.key for b in fmt.PROACTIVE_BLOCKS}
    assert set(guide.PROACTIVE_ROWS) == {r.key for b in fmt.PROACTIVE_BLOCKS for r in b.rows}
    assert set(guide.PROACTIVE_COLUMNS) == {c.key for b in fmt.PROACTIVE_BLOCKS for c in b.columns}
    assert set(guide.APPLICATION_ROWS) == {r.key for r in fmt.APPLICATION_ROWS}
    assert set(guide.APPLICANT_COLUMNS) == {c.key for c in fmt.APPLICANT_COLUMNS}
    assert set(guide.CASE_GROUPS) == {g.key for g in fmt.CASE_GROUPS}
    assert set(guide.CASE_COLUMNS) == {c.key for c in fmt.CASE_COLUMNS}
    assert set(guide.FEES) == {f.key for f in fmt.FEE_FIELDS}


def test_entries_are_titled_with_the_official_labels() -> None:
    for row in fmt.APPLICATION_ROWS:
        assert row.full_label.startswith(guide.APPLICATION_ROWS[row.key].title), row.key
    for column in fmt.APPLICANT_COLUMNS:
        assert guide.APPLICANT_COLUMNS[column.key].title == column.label
    for block in fmt.PROACTIVE_BLOCKS:
        assert guide.PROACTIVE_BLOCKS[block.key].title == block.label
        for item in block.rows:
            assert guide.PROACTIVE_ROWS[item.key].title == item.label
        for col in block.columns:
            assert guide.PROACTIVE_COLUMNS[col.key].title == col.label
    for section in fmt.SECTIONS:
        assert guide.SECTIONS[section.key].title == section.heading
    for key, label in fmt.BASIC_FIELDS.items():
        assert guide.BASIC[key].title == label


def test_every_entry_names_a_source_of_the_named_texts() -> None:
    allowed = {guide.NOTICE, guide.FORMAT_MD, guide.FEE_MEASURES}
    for entry in every_entry():
        assert entry.text.strip() and entry.sources, entry.title
        for source in entry.sources:
            assert source in allowed or ARTICLE.match(source), (entry.title, source)


def test_counting_rules_for_borderline_cases_are_stated_with_their_source() -> None:
    partly = guide.APPLICATION_ROWS["partly_disclosed"]
    assert "只计在这一行" in partly.text and "一件申请只计一次" in partly.text  # S2
    assert guide.NOTICE in partly.sources and guide.article("第三十七条") in partly.sources
    assert "万元" in guide.PROACTIVE_ROWS["admin_fees"].text and "元（不是万元）" in guide.FEES["notified_amount"].text
    assert "第一项加第二项之和，等于第三项加第四项之和" in guide.APPLICATION_ROWS["new_received"].text  # S1
    assert "上年报告「四、结转下年度继续办理」" in guide.APPLICATION_ROWS["carried_over"].text  # X1
    assert "乡镇、街道没有" in guide.PROACTIVE_ROWS["regulations"].text


def test_where_the_national_texts_are_silent_the_entry_says_so() -> None:
    silent = [e.title for e in every_entry() if guide.SILENT in e.text]
    assert "其他" in silent and "（五）不予处理 5.要求行政机关确认或重新出具已获取信息" in silent
    # those entries state no rule of their own beyond the label: no article is claimed for them
    assert not any(s.startswith("《") for s in guide.APPLICATION_ROWS["not_processed_confirmation"].sources)


def test_help_of_a_cell_is_its_row_then_its_column() -> None:
    entries = guide.for_cell(Cell("applications", "partly_disclosed", "legal_services"))
    assert [e.title for e in entries] == ["（二）部分公开", "法律服务机构"]
    entries = guide.for_cell(Cell("proactive", "admin_fees", "amount"))
    assert [e.title for e in entries] == ["行政事业性收费", "本年收费金额（单位：万元）", "第二十条第（八）项"]
    assert [e.title for e in guide.for_cell(Cell("text", "overview.4"))] == ["（五）监督保障"]
    assert guide.for_cell(Cell("basic", "year"))[0].title == "报告年度"


def test_docs_help_md_is_generated_from_the_data() -> None:
    assert (ROOT / "docs" / "help.md").read_text(encoding="utf-8") == guide.markdown()


def test_the_printable_guide_holds_every_entry_in_the_official_page_layout(tmp_path: Path) -> None:
    target = tmp_path / "填报说明.docx"
    export_guide(target)
    document = docx.Document(str(target))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == TITLE
    for entry in every_entry():
        assert entry.text in texts and entry.source_line in texts, entry.title
    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.2) and abs(section.page_height - Mm(297)) < Mm(0.2)  # A4
    assert abs(section.top_margin - Mm(37)) < Mm(0.2) and abs(section.left_margin - Mm(28)) < Mm(0.2)
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 1"]
    assert headings == ["基本信息", *(s.heading for s in fmt.SECTIONS)]


def test_the_printable_guide_says_why_it_could_not_be_written(tmp_path: Path) -> None:
    try:
        export_guide(tmp_path / "gone" / "说明.docx")
    except ExportError as exc:
        assert "说明.docx" in str(exc) and "文件夹不存在" in str(exc)
    else:  # pragma: no cover - the folder does not exist
        raise AssertionError("no error")


# -- the wizard ----------------------------------------------------------------------------------------------


def test_the_panel_follows_the_focused_cell_and_f1_explains_it(qtbot, wizard: ReportWizard) -> None:
    with qtbot.waitActive(wizard):
        wizard.activateWindow()
    page = wizard.go_to_page("applications")
    view = page.view  # type: ignore[attr-defined]
    view.focus_cell(Cell("applications", "partly_disclosed", "natural_person"))
    panel = wizard.help.panel
    qtbot.waitUntil(lambda: panel.plain_text().startswith("（二）部分公开"))
    assert "一件申请只计一次" in panel.plain_text() and "自然人" in panel.plain_text()
    view.setCurrentIndex(page.model.index_of(Cell("applications", "carried_forward", "research")))  # type: ignore
    assert panel.plain_text().startswith("四、结转下年度继续办理") and "科研机构" in panel.plain_text()
    assert wizard.help.explain_focused().startswith("四、结转下年度继续办理")  # F1
    basic = wizard.go_to_page("basic")
    basic.year.setFocus()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: panel.plain_text().startswith("报告年度"))
    assert "1月1日至12月31日" in panel.plain_text()


def test_f1_is_the_key_of_the_help(qtbot, wizard: ReportWizard) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QKeySequence

    assert wizard.help.explain_action.shortcut() == QKeySequence(Qt.Key.Key_F1)
    assert wizard.help.explain_action in wizard.actions()
    assert wizard.help.explain_action in wizard.help.menu.actions()


def test_the_guide_is_exported_from_the_help_menu(
    qtbot, wizard: ReportWizard, answers: Answers, tmp_path: Path
) -> None:
    answers.export_path = tmp_path / GUIDE_FILE
    assert wizard.help.export_action in wizard.help.menu.actions()
    wizard.help.export_action.trigger()
    assert (tmp_path / GUIDE_FILE).is_file()
    assert docx.Document(str(tmp_path / GUIDE_FILE)).paragraphs[0].text == TITLE
    assert str(tmp_path / GUIDE_FILE) in wizard.current_page().message_bar.notice()
