"""打印预览, 打印 (Ctrl+P), 导出 PDF 文件, 导出网页 and 复制网页格式 in the wizard: the report on paper, as a PDF
and for the government website's editor.

Every one of them draws from the same page renderer (`printing`) or writer (`model.published.html_writer`) as
the command line; printing and every export ask first when 错误 findings are still open
(`gui.guided.ExportConfirmDialog`, as the DOCX export does); the preview only shows how many there are. The
preview also names the faces used, and which official face this PC lacks.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gui import settings, style
from gui.dialogs import chosen_path, file_dialog, with_suffix
from gui.guided import ExportConfirmDialog
from gui.host import WizardHost
from gui.keyboard import run_modal
from model.findings import Severity, open_counts

if TYPE_CHECKING:  # printing, the PDF and web-page writers and QtPrintSupport load when first used (start-up)
    from PySide6.QtPrintSupport import QPrinter

    from printing.layout import PrintedReport

PDF_FILTER = "PDF 文件 (*.pdf)"
HTML_FILTER = "网页 (*.html *.htm)"
OUTPUTS = ("preview", "print", "pdf", "html", "copy_html")


class PrintingDialogs:
    """The file and printer questions of printing and publishing; each `ask_*` returns what was chosen and
    whether the clerk went on (the printer dialog and, on Windows, the file dialogs are the system's own)."""

    @classmethod
    def ask_pdf_path(cls, parent: QWidget | None, start: Path) -> tuple[Path | None, bool]:
        """Ask where to write the PDF; `start` is the folder and the file name offered."""
        dialog = file_dialog(parent, "导出 PDF 文件", start, PDF_FILTER, "save")
        dialog.setDefaultSuffix("pdf")
        path = chosen_path(dialog)
        return (with_suffix(path, ".pdf"), True) if path is not None else (None, False)

    @classmethod
    def ask_html_path(cls, parent: QWidget | None, start: Path) -> tuple[Path | None, bool]:
        """Ask where to write the web page; `start` is the folder and the file name offered."""
        dialog = file_dialog(parent, "导出网页", start, HTML_FILTER, "save")
        dialog.setDefaultSuffix("html")
        path = chosen_path(dialog)
        if path is not None and path.suffix.lower() not in (".html", ".htm"):
            path = with_suffix(path, ".html")
        return path, path is not None

    @classmethod
    def ask_printer(cls, parent: QWidget | None, printer: QPrinter) -> bool:
        """Ask which printer, which pages and how many copies (the system's print dialog); True to print."""
        from PySide6.QtPrintSupport import QPrintDialog

        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle("打印")
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintToFile, True)
        dialog.setMinMax(1, 9999)
        return run_modal(dialog) == QDialog.DialogCode.Accepted


def make_printer(report: PrintedReport) -> QPrinter:
    """Return a printer set up for `report`: A4 portrait, drawn from the paper's corner (full page), the job
    named after the report."""
    from PySide6.QtPrintSupport import QPrinter

    from printing.render import a4_layout

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)
    printer.setPageLayout(a4_layout())
    printer.setDocName(report.title)
    printer.setCreator("年报填报助手")
    return printer


def fonts_text(report: PrintedReport) -> str:
    """Return the faces `report` is set in, for the preview: 「字体：标题 …；正文 …」, the missing official
    faces named with what stands in for them."""
    from printing.fonts import ROLE_LABELS, substitutions

    missing = substitutions(report.fonts)
    shown = [report.fonts[r].describe() for r in ROLE_LABELS if r in report.fonts]
    lead = "本机缺少部分公文字体，已用相近的字体代替（PDF 中嵌入所用字体）。" if missing else ""
    return f"{lead}字体：" + "；".join(shown)


def selected_pages(printer: QPrinter, count: int) -> list[int] | None:
    """Return the page numbers the print dialog asked for, None for all `count` pages."""
    from PySide6.QtPrintSupport import QPrinter

    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        last = printer.toPage() if printer.toPage() > 0 else count
        return [n for n in range(printer.fromPage(), last + 1) if n <= count]
    return None


class PreviewDialog(QDialog):
    """打印预览: the pages as they will print (the same drawing as the printer and the PDF get), page turning,
    zoom, 打印… and 导出 PDF 文件…, the open 错误 findings counted, the faces used named."""

    def __init__(
        self, parent: QWidget | None, report: PrintedReport, errors: int, controller: PrintController | None = None
    ) -> None:
        super().__init__(parent)
        self.report = report
        self.controller = controller
        self.setWindowTitle(f"打印预览 — {report.title}")
        self.setWindowFlag(Qt.WindowType.WindowMinMaxButtonsHint, True)
        self.resize(900, 1000)
        lay = QVBoxLayout(self)
        self.warning = QLabel(
            f"还有 {errors} 个错误未改正。可以先看看打印出来的样子；打印或导出前请在「检查与导出」页改正。"
            if errors
            else ""
        )
        style.set_role(self.warning, "pageLead")
        self.warning.setWordWrap(True)
        self.warning.setVisible(bool(errors))
        lay.addWidget(self.warning)
        bar = QHBoxLayout()
        self.previous_button = self._button(bar, "上一页", self._previous, "PgUp")
        self.next_button = self._button(bar, "下一页", self._next, "PgDown")
        self.page_label = QLabel()
        bar.addWidget(self.page_label)
        bar.addSpacing(12)
        self._button(bar, "整页", self._fit_page)
        self._button(bar, "适合宽度", self._fit_width)
        self._button(bar, "放大", lambda: self.view.zoomIn(), "Ctrl++")
        self._button(bar, "缩小", lambda: self.view.zoomOut(), "Ctrl+-")
        bar.addStretch(1)
        self.print_button = self._button(bar, "打印…", self._print, "Ctrl+P")
        self.pdf_button = self._button(bar, "导出 PDF 文件…", self._pdf)
        self.close_button = self._button(bar, "关闭", self.reject)
        self.print_button.setVisible(controller is not None)  # without the wizard: a preview only
        self.pdf_button.setVisible(controller is not None)
        lay.addLayout(bar)
        from PySide6.QtPrintSupport import QPrintPreviewWidget

        from printing.render import paint

        self.printer = make_printer(report)
        self.view = QPrintPreviewWidget(self.printer, self)
        self.view.paintRequested.connect(lambda printer: paint(self.report, printer))
        self.view.previewChanged.connect(self._update_page)
        self.view.setZoomMode(QPrintPreviewWidget.ZoomMode.FitToWidth)
        lay.addWidget(self.view, 1)
        self.fonts = QLabel(fonts_text(report))
        style.set_role(self.fonts, "pageLead")
        self.fonts.setWordWrap(True)
        self.fonts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.fonts)
        self.view.updatePreview()
        self._update_page()

    def _button(self, bar: QHBoxLayout, text: str, slot: object, key: str = "") -> QPushButton:
        button = QPushButton(text)
        button.setAutoDefault(False)
        if key:
            button.setShortcut(QKeySequence(key))
            button.setToolTip(f"{text}（{key}）")
        button.clicked.connect(slot)
        bar.addWidget(button)
        return button

    def page_count(self) -> int:
        """Return the number of pages shown."""
        return self.view.pageCount()

    def _update_page(self) -> None:
        current, count = self.view.currentPage(), self.view.pageCount()
        self.page_label.setText(f"第 {current} 页，共 {count} 页")
        self.previous_button.setEnabled(current > 1)
        self.next_button.setEnabled(current < count)

    def _previous(self) -> None:
        self.view.setCurrentPage(self.view.currentPage() - 1)
        self._update_page()

    def _next(self) -> None:
        self.view.setCurrentPage(self.view.currentPage() + 1)
        self._update_page()

    def _fit_page(self) -> None:
        self.view.fitInView()

    def _fit_width(self) -> None:
        self.view.fitToWidth()

    def _print(self) -> None:
        if self.controller is not None and self.controller.print_report(self.report, self):
            self.accept()

    def _pdf(self) -> None:
        if self.controller is not None and self.controller.export_pdf(self.report, self):
            self.accept()


class PrintController(QObject):
    """The printing and publishing actions of one wizard and what they do; results go to the message bar of
    the page shown (`WizardHost.notify`)."""

    def __init__(self, host: WizardHost) -> None:
        super().__init__(host)
        self.host = host
        self.preview_action = self._action("打印预览…", self.preview, "看看打印出来的样子（A4，公文格式）")
        self.print_action = self._action("打印…", self.print_report, "打印报告（公文格式）", QKeySequence("Ctrl+P"))
        self.pdf_action = self._action("导出 PDF 文件…", self.export_pdf, "导出 PDF 文件，字体嵌入，在任何电脑上都一样")
        self.html_action = self._action("导出网页…", self.export_html, "导出网页文件（.html），供政府网站发布")
        self.copy_html_action = self._action(
            "复制网页格式", self.copy_html, "复制为网页格式，到政府网站后台的编辑器中粘贴（表格线和合并单元格都保留）"
        )
        self.actions = [
            self.preview_action,
            self.print_action,
            self.pdf_action,
            self.html_action,
            self.copy_html_action,
        ]

    def _action(self, text: str, slot: object, tip: str, key: QKeySequence | None = None) -> QAction:
        action = QAction(text, self)
        action.setToolTip(tip + (f"（{key.toString(QKeySequence.SequenceFormat.NativeText)}）" if key else ""))
        if key is not None:
            action.setShortcut(key)
            self.host.addAction(action)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def run(self, name: str) -> bool:
        """Run the output `name` ('preview', 'print', 'pdf', 'html', 'copy_html'), as the buttons of the
        检查与导出 page ask."""
        return {
            "preview": self.preview,
            "print": self.print_report,
            "pdf": self.export_pdf,
            "html": self.export_html,
            "copy_html": self.copy_html,
        }[name]()

    # -- what they share -----------------------------------------------------------------------------

    def lay_out(self) -> PrintedReport:
        """Return the open draft laid out on pages."""
        from printing.layout import lay_out

        return lay_out(self.host.document.draft)

    def open_errors(self) -> int:
        """Return the number of open 错误 findings of the draft."""
        return open_counts(self.host.document.findings())[Severity.ERROR]

    def confirm(self, title: str, verb: str = "导出", parent: QWidget | None = None) -> bool:
        """Return True if the report may leave the wizard: no open 错误, or the clerk chose 仍要…."""
        errors = self.open_errors()
        if not errors:
            return True
        anyway, _accepted = ExportConfirmDialog.ask(parent or self.host, errors, title, verb)
        return anyway

    def _offered(self, suffix: str) -> Path:
        from model.docx.writer import default_file_name

        return self.host.start_folder() / default_file_name(self.host.document.draft, suffix)

    # -- preview and print ---------------------------------------------------------------------------

    def build_preview(self) -> PreviewDialog:
        """Return the preview dialog of the open draft (not shown)."""
        return PreviewDialog(self.host, self.lay_out(), self.open_errors(), self)

    def preview(self) -> bool:
        """Show the print preview (modal); return True when it was closed by printing or exporting."""
        return run_modal(self.build_preview()) == QDialog.DialogCode.Accepted

    def print_report(self, report: PrintedReport | None = None, parent: QWidget | None = None) -> bool:
        """Ask (open 错误), then which printer, then print; return True when sent to the printer."""
        if not self.confirm("打印", "打印", parent):
            return False
        report = report if report is not None else self.lay_out()
        printer = make_printer(report)
        if not PrintingDialogs.ask_printer(parent or self.host, printer):
            return False
        return self.print_to(printer, report)

    def print_to(self, printer: QPrinter, report: PrintedReport | None = None) -> bool:
        """Print on `printer` (set up by the print dialog: pages, copies); say how it went."""
        from PySide6.QtPrintSupport import QPrinter

        from printing.render import a4_layout, paint, print_to_file_done

        report = report if report is not None else self.lay_out()
        pages = selected_pages(printer, len(report.pages))
        printer.setFullPage(True)
        printer.setPageLayout(a4_layout())
        try:
            paint(report, printer, pages)
            if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
                print_to_file_done(report, printer.outputFileName())
        except OSError as exc:
            self.host.notify(f"打印失败：{exc}。请检查打印机是否开机、有纸，再试一次。")
            return False
        count = len(pages) if pages is not None else len(report.pages)
        if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
            self.host.notify(f"已打印到文件：{printer.outputFileName()}（{count} 页）", None)
        else:
            self.host.notify(f"已送往打印机「{printer.printerName()}」：{count} 页", None)
        return True

    # -- PDF and web page ----------------------------------------------------------------------------

    def export_pdf(self, report: PrintedReport | None = None, parent: QWidget | None = None) -> bool:
        """Ask (open 错误), then where, then write the PDF; return True when written."""
        if not self.confirm("导出 PDF 文件", "导出", parent):
            return False
        path, accepted = PrintingDialogs.ask_pdf_path(parent or self.host, self._offered(".pdf"))
        if not accepted or path is None:
            return False
        return self.export_pdf_to(path, report)

    def export_pdf_to(self, path: Path, report: PrintedReport | None = None) -> bool:
        """Write the PDF to `path`; say what was written (and which official faces stood in), or why not."""
        from model.docx.writer import ExportError
        from printing.render import export_pdf

        try:
            done = export_pdf(self.host.document.draft, path, report)
        except ExportError as exc:
            self.host.notify(f"导出失败：{exc}")
            return False
        settings.remember_folder(path)
        note = ""
        if done.substituted:
            # each face once, with the roles it stands in for (宋体 for 表格 and 页码: one mention)
            faces: dict[tuple[str, str], list[str]] = {}
            for c in done.substituted:
                faces.setdefault((c.preferred, c.family), []).append(c.label)
            names = "、".join(f"{a}（{'、'.join(roles)}；用 {b} 代替）" for (a, b), roles in faces.items())
            note = f"。本机没有 {names}，所用字体已嵌入 PDF"
        self.host.notify(f"已导出 PDF 文件：{path}（{done.pages} 页）{note}", None)
        return True

    def export_html(self) -> bool:
        """Ask (open 错误), then where, then write the web page; return True when written."""
        if not self.confirm("导出网页", "导出"):
            return False
        path, accepted = PrintingDialogs.ask_html_path(self.host, self._offered(".html"))
        if not accepted or path is None:
            return False
        return self.export_html_to(path)

    def export_html_to(self, path: Path) -> bool:
        """Write the web page to `path`; say what was written, or why not."""
        from model.docx.writer import ExportError
        from model.published.html_writer import export_html

        try:
            export_html(self.host.document.draft, path)
        except ExportError as exc:
            self.host.notify(f"导出失败：{exc}")
            return False
        settings.remember_folder(path)
        self.host.notify(f"已导出网页：{path}（可上传到政府网站，或用浏览器打开查看）", None)
        return True

    def copy_html(self) -> bool:
        """Ask (open 错误), then put the report on the clipboard as HTML (with a plain-text alternative)."""
        if not self.confirm("复制网页格式", "复制"):
            return False
        from model.published.html_writer import html_fragment, plain_text

        draft = self.host.document.draft
        mime = QMimeData()
        mime.setHtml(html_fragment(draft))
        mime.setText(plain_text(draft))
        QGuiApplication.clipboard().setMimeData(mime)
        self.host.notify("已复制网页格式：到政府网站后台的编辑器中粘贴（Ctrl+V），表格线和合并单元格都会保留。", None)
        return True
