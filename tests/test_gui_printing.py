"""打印预览, 打印 (Ctrl+P), 导出 PDF 文件, 导出网页 and 复制网页格式 in the wizard (issue 13): the preview opened
from 检查与导出 with the sample's pages and the faces used, printing to a PDF printer, the question asked
when 错误 findings are open (the real question box, answered through its buttons), the files and the
clipboard as the clerk gets them. Only the printer and file questions are doubles (on Windows they are the
system's own dialogs, which no test can drive)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from gui_helpers import answer_next_modal, click_button, make_wizard
from lxml import html as lxml_html
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from gui.actions.printing import PreviewDialog, PrintingDialogs
from gui.pages.review import ReviewPage
from gui.wizard import ReportWizard
from model.draft import Draft
from model.findings import Cell, Severity

pytest_plugins = ["gui_support"]

SAMPLE_PAGES = 6  # the built-in sample on A4 in the official layout (as LibreOffice prints its DOCX)


@pytest.fixture
def win(qtbot: Any, app: QApplication, sample_draft: Draft) -> ReportWizard:
    """The wizard on the built-in sample (no open 错误), on its 检查与导出 page."""
    wizard = make_wizard(qtbot, sample_draft)
    wizard.go_to_page("review")
    return wizard


@pytest.fixture
def printed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, Any]:
    """The print dialog answered 打印 with a PDF printer (「打印到文件」), pages as set in `printed['pages']`."""
    answer: dict[str, Any] = {"path": tmp_path / "打印.pdf", "pages": None, "asked": 0}

    def ask_printer(cls: Any, parent: Any, printer: QPrinter) -> bool:
        answer["asked"] += 1
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(answer["path"]))
        if answer["pages"]:
            printer.setPrintRange(QPrinter.PrintRange.PageRange)
            printer.setFromTo(*answer["pages"])
        return True

    monkeypatch.setattr(PrintingDialogs, "ask_printer", classmethod(ask_printer))
    return answer


def with_open_error(wizard: ReportWizard) -> int:
    wizard.document.set_value(Cell("applications", "new_received", "natural_person"), 2)  # S1 off balance
    errors = wizard.pages["review"].counts()[Severity.ERROR]  # type: ignore[attr-defined]
    assert errors >= 1
    return errors


def review(wizard: ReportWizard) -> ReviewPage:
    page = wizard.pages["review"]
    assert isinstance(page, ReviewPage)
    return page


def test_preview_from_the_review_page_shows_the_pages_and_the_faces(qtbot: Any, win: ReportWizard) -> None:
    seen: dict[str, Any] = {}

    def look_and_close(dialog: PreviewDialog) -> None:
        seen["pages"] = dialog.page_count()
        seen["label"] = dialog.page_label.text()
        dialog.next_button.click()
        seen["after_next"] = dialog.page_label.text()
        seen["fonts"] = dialog.fonts.text()
        seen["warning"] = dialog.warning.isVisible()
        click_button(dialog, "关闭")

    title = "打印预览 — 米易县草场镇人民政府2024年政府信息公开工作年度报告"
    with answer_next_modal(PreviewDialog, look_and_close, title):
        review(win).output_buttons["preview"].click()
    assert seen["pages"] == SAMPLE_PAGES
    assert seen["label"] == f"第 1 页，共 {SAMPLE_PAGES} 页" and seen["after_next"] == f"第 2 页，共 {SAMPLE_PAGES} 页"
    # this machine has none of the official faces: each is named with the face used instead
    assert "本机缺少部分公文字体" in seen["fonts"]
    assert re.search(r"正文 仿宋_GB2312（本机没有，用 [^）]+ 代替）", seen["fonts"])
    assert seen["warning"] is False  # the sample has no open 错误


def test_preview_counts_open_errors_without_asking(qtbot: Any, win: ReportWizard) -> None:
    errors = with_open_error(win)
    dialog = win.printing.build_preview()  # no question before a preview: nothing leaves the wizard
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.warning.isVisible() and dialog.warning.text().startswith(f"还有 {errors} 个错误未改正")


def test_print_to_a_pdf_printer(qtbot: Any, win: ReportWizard, printed: dict[str, Any]) -> None:
    assert win.printing.print_action.shortcut() == QKeySequence("Ctrl+P")
    win.printing.print_action.trigger()  # Ctrl+P
    assert printed["asked"] == 1
    with pdfplumber.open(printed["path"]) as pdf:
        assert len(pdf.pages) == SAMPLE_PAGES
        assert all(abs(p.width - 595.3) < 1 and abs(p.height - 841.9) < 1 for p in pdf.pages)
        first = pdf.pages[0].extract_text()
        assert "2024年政府信息公开工作年度报告" in first
        assert len(pdf.pages[3].rects) > 200  # table 三: every cell drawn
    assert review(win).message_bar.notice() == f"已打印到文件：{printed['path']}（{SAMPLE_PAGES} 页）"


def test_print_only_the_pages_asked_for(qtbot: Any, win: ReportWizard, printed: dict[str, Any]) -> None:
    printed["pages"] = (4, 5)
    assert win.printing.print_report()
    with pdfplumber.open(printed["path"]) as pdf:
        assert len(pdf.pages) == 2
        assert "三、收到和处理政府信息公开申请情况" in pdf.pages[0].extract_text()
        assert "— 5 —" in pdf.pages[1].extract_text() or "—5—" in pdf.pages[1].extract_text().replace(" ", "")


def test_printing_with_open_errors_asks_first(qtbot: Any, win: ReportWizard, printed: dict[str, Any]) -> None:
    errors = with_open_error(win)
    texts: list[str] = []

    def back(dialog: QMessageBox) -> None:
        texts.append(dialog.text())
        click_button(dialog, "返回改正")

    with answer_next_modal(QMessageBox, back, "打印"):
        assert not win.printing.print_report()
    assert texts == [f"还有 {errors} 个错误未改正，仍要打印吗？"] and printed["asked"] == 0
    assert not printed["path"].exists()
    with answer_next_modal(QMessageBox, lambda box: click_button(box, "仍要打印"), "打印"):
        assert win.printing.print_report()
    assert printed["asked"] == 1 and printed["path"].exists()


def test_print_from_the_preview(qtbot: Any, win: ReportWizard, printed: dict[str, Any]) -> None:
    with answer_next_modal(PreviewDialog, lambda preview: click_button(preview, "打印…")):
        assert win.printing.preview()  # closed by printing
    with pdfplumber.open(printed["path"]) as pdf:
        assert len(pdf.pages) == SAMPLE_PAGES


def test_export_pdf_from_the_review_page(
    qtbot: Any, win: ReportWizard, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    offered: list[Path] = []
    target = tmp_path / "发布" / "报告.pdf"
    target.parent.mkdir()

    def ask_pdf_path(cls: Any, parent: Any, start: Path) -> tuple[Path | None, bool]:
        offered.append(start)
        return target, True

    monkeypatch.setattr(PrintingDialogs, "ask_pdf_path", classmethod(ask_pdf_path))
    errors = with_open_error(win)
    with answer_next_modal(QMessageBox, lambda box: click_button(box, "返回改正"), "导出 PDF 文件"):
        review(win).output_buttons["pdf"].click()
    assert not target.exists() and offered == []  # asked before the file name, and went back
    win.document.undo_stack.undo()  # the error corrected
    review(win).output_buttons["pdf"].click()
    assert offered[0].name == "米易县草场镇人民政府2024年政府信息公开工作年度报告.pdf"
    assert target.read_bytes().startswith(b"%PDF-")
    notice = review(win).message_bar.notice()
    assert notice.startswith(f"已导出 PDF 文件：{target}（{SAMPLE_PAGES} 页）")
    # the faces that stood in are named, each once with the roles it had (宋体: the table and the page numbers)
    faces = re.findall(r"(?:本机没有 |、)([^（、；]+)（", notice)
    assert faces[0] == "方正小标宋简体" and len(faces) == len(set(faces)), notice
    assert "宋体（表格、页码；用 " in notice, notice
    assert errors >= 1


def test_export_pdf_failure_is_said_and_nothing_is_lost(qtbot: Any, win: ReportWizard, tmp_path: Path) -> None:
    (tmp_path / "报告.pdf").mkdir()
    assert not win.printing.export_pdf_to(tmp_path / "报告.pdf")
    assert review(win).message_bar.notice() == "导出失败：报告.pdf：同名的文件夹已存在，未能导出；请另起文件名"
    assert (tmp_path / "报告.pdf").is_dir() and not win.document.modified


def test_export_and_copy_the_web_page(
    qtbot: Any, win: ReportWizard, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    target = tmp_path / "报告.html"
    monkeypatch.setattr(PrintingDialogs, "ask_html_path", classmethod(lambda cls, parent, start: (target, True)))
    review(win).output_buttons["html"].click()
    page = lxml_html.document_fromstring(target.read_bytes())
    assert len(page.findall(".//table")) == 3
    assert review(win).message_bar.notice().startswith(f"已导出网页：{target}")

    QGuiApplication.clipboard().clear()
    review(win).output_buttons["copy_html"].click()
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.hasHtml() and mime.hasText()
    fragment = lxml_html.fragment_fromstring(mime.html(), create_parent="div")
    tables = fragment.findall(".//table")
    assert len(tables) == 3 and all(td.get("style") for t in tables for td in t.iter("td", "th"))
    assert mime.text().startswith("米易县草场镇人民政府2024年政府信息公开工作年度报告\n")
    assert review(win).message_bar.notice().startswith("已复制网页格式")


def test_the_file_menu_has_the_printing_actions(qtbot: Any, win: ReportWizard) -> None:
    texts = [a.text() for a in win.file_menu.actions()]
    for text in ("打印预览…", "打印…", "导出 PDF 文件…", "导出网页…", "复制网页格式"):
        assert text in texts
    buttons = {b.text() for b in review(win).findChildren(QPushButton) if b.isVisible()}
    assert {"打印预览…", "打印…", "导出 PDF 文件…", "导出网页…", "复制网页格式"} <= buttons
