"""The wizard opens published reports — PDF files and web pages, whatever their names — as it opens Word
files: offered by its file dialogs, read in the worker thread, refused in Chinese without touching the open
work; and 从上年报告新建 starts this year's report from last year's published PDF or page."""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path

import pytest
from gui_helpers import Answers, make_wizard
from published_files import page_copy, path_of, scanned_pdf
from PySide6.QtWidgets import QApplication

from gui.actions.reading import busy_text
from gui.actions.rollover import RolloverDialogs
from gui.dialogs import FileDialogs
from gui.wizard import ReportWizard
from model import format as fmt
from model.draft import Draft

pytest_plugins = ["gui_support"]


def _patterns(dialog) -> set[str]:
    return {p for f in dialog.nameFilters() for p in f[f.index("(") + 1 : f.index(")")].split()}


@pytest.mark.parametrize("build", [FileDialogs.build_open, RolloverDialogs.build_last_year])
def test_open_dialogs_offer_pdf_and_web_pages(qtbot, app: QApplication, build) -> None:
    dialog = build(None)
    assert {"*.json", "*.docx", "*.doc", "*.wps", "*.pdf", "*.html", "*.htm", "*.mht", "*.mhtml", "*"} <= _patterns(
        dialog
    )
    first = dialog.nameFilters()[0]  # the filter shown first lists every kind it reads
    assert {"*.json", "*.docx", "*.pdf", "*.html", "*.mht"} <= set(first[first.index("(") + 1 : -1].split())


def test_a_pdf_is_read_in_the_worker_thread(qtbot, app: QApplication, answers: Answers) -> None:
    wizard = make_wizard(qtbot, Draft())
    replaced_in: list[int] = []
    wizard.document.reset.connect(lambda: replaced_in.append(threading.get_ident()))
    answers.open_path = path_of("hzq-2024")
    wizard.open_action.trigger()
    draft = wizard.document.draft
    assert (draft.agency, draft.year) == ("淮安市洪泽区人民政府", 2024)
    assert draft.applications["new_received"]["total"] == 95
    assert wizard.reader.last_thread not in (None, threading.main_thread().ident)
    assert replaced_in == [threading.main_thread().ident]
    assert "来自 hzq-2024.pdf" in wizard.windowTitle() and wizard.suggested_name() == "hzq-2024.json"
    [i3] = [f for f in wizard.document.import_findings if f.rule == "I3"]
    assert "（见 PDF 第 " in i3.message  # the reading findings name the page …
    [t3] = [f for f in wizard.document.findings() if f.rule == "T3"]
    assert t3.message.endswith(" 页）")  # … and so do the checks, while the draft is the file's


def test_saved_as_a_draft_the_findings_no_longer_point_into_the_pdf(
    qtbot, app: QApplication, answers: Answers, tmp_path: Path
) -> None:
    wizard = make_wizard(qtbot, Draft())
    assert wizard.open_path(path_of("hzq-2024"), confirmed=True)
    answers.save_path = tmp_path / "洪泽区2024.json"
    assert wizard.save_as()
    [t3] = [f for f in wizard.document.findings() if f.rule == "T3"]
    assert "见 PDF" not in t3.message


def test_a_web_archive_named_docx_opens_as_a_page(qtbot, app: QApplication, tmp_path: Path) -> None:
    page = page_copy("shuyang-fgj-2023", ".word.mht", tmp_path).rename(tmp_path / "沭阳发改局年报.docx")
    assert "LibreOffice" not in busy_text(page)  # not converted: read at once
    wizard = make_wizard(qtbot, Draft())
    assert wizard.open_path(page, confirmed=True)
    draft = wizard.document.draft
    assert (draft.agency, draft.year) == ("沭阳县发展和改革局", 2023)
    assert draft.proactive["normative_documents"]["issued"] == 8
    assert not [f for f in wizard.document.import_findings if f.rule == "I10"]


def test_a_word_97_file_named_docx_is_announced_as_a_conversion(tmp_path: Path) -> None:
    doc = tmp_path / "报告.docx"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    assert "LibreOffice" in busy_text(doc)
    pdf = tmp_path / "报告.doc"
    shutil.copyfile(path_of("hzq-2024"), pdf)
    assert "LibreOffice" not in busy_text(pdf)


def test_a_scanned_pdf_is_refused_and_the_work_kept(qtbot, wizard: ReportWizard, tmp_path: Path) -> None:
    wizard.document.set_value(wizard.pages["applications"].model.cell_at(3, 3), 7)  # type: ignore[attr-defined]
    before = wizard.document.draft.to_json()
    scan = scanned_pdf(path_of("huaian-2024"), tmp_path / "扫描的年报.pdf", pages=2)
    assert not wizard.open_path(scan, confirmed=True)
    notice = wizard.current_page().message_bar.notice()
    assert "扫描的年报.pdf" in notice and "扫描件" in notice and "OCR" in notice and "当前的内容没有改变" in notice
    assert wizard.document.draft.to_json() == before and wizard.document.modified


def test_rollover_from_last_years_published_page(qtbot, wizard: ReportWizard, answers: Answers) -> None:
    expected = json.loads((path_of("pingtan-2024").with_suffix(".figures.json")).read_text(encoding="utf-8"))
    printed = expected["applications"]["carried_forward"]
    carried_forward = dict(zip((c.key for c in fmt.APPLICANT_COLUMNS), printed, strict=True))
    answers.last_year_path = path_of("pingtan-2024")
    wizard.rollover.action.trigger()
    draft = wizard.document.draft
    assert (draft.agency, draft.year) == ("平潭综合实验区", 2025)
    assert {k: v or 0 for k, v in draft.applications["carried_over"].items()} == {
        k: v or 0 for k, v in carried_forward.items()
    }
    assert wizard.document.display_name() == "未命名（来自 上年报告「pingtan-2024.html」）"
    assert "已根据 2024 年报告（pingtan-2024.html）新建 2025 年报告" in wizard.pages["basic"].message_bar.notice()


def test_rollover_from_last_years_pdf(qtbot, wizard: ReportWizard, answers: Answers) -> None:
    answers.last_year_path = path_of("huaian-2024")
    wizard.rollover.action.trigger()
    draft = wizard.document.draft
    assert (draft.agency, draft.year) == ("淮安市人民政府", 2025)
    assert draft.applications["carried_over"]["total"] == 103 and draft.previous is not None
    assert wizard.reader.last_thread not in (None, threading.main_thread().ident)
