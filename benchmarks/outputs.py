"""Speed of printing and publishing (issue 13), each against a bare baseline in the same run: `outputs(measure, n)`.

Goals: the print preview of the sample appears in under 0.5 s, the PDF export takes under 0.5 s, the web page
under 50 ms. Baselines: Qt's preview and PDF writer drawing the same number of pages with one line of text
each (what any Qt printing costs), and escaping the report's text for HTML (what any HTML writer costs).
Run by benchmarks/run.py (on the offscreen platform when there is no display).
"""

from __future__ import annotations

import html
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from model.docx.outline import Paragraph, Title, report_outline
from model.draft import Draft

Measure = Callable[[str, Callable[[], object], int], None]


def outputs(measure: Measure, n: int, sample: Draft) -> None:
    """Measure the print preview, the PDF export and the web page of `sample`, each after its baseline."""
    if os.name != "nt" and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QIODevice, QPointF
    from PySide6.QtGui import QPainter, QPdfWriter
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget
    from PySide6.QtWidgets import QApplication

    from gui.actions.printing import PreviewDialog
    from model.published.html_writer import build_html
    from printing.layout import lay_out
    from printing.render import a4_layout, export_pdf, paint

    app = QApplication.instance() or QApplication(["benchmarks"])

    def bare_pages(device: QPdfWriter | QPrinter) -> None:
        painter = QPainter(device)
        for i in range(pages):
            if i:
                device.newPage()
            painter.drawText(QPointF(2000, 3000), f"第 {i + 1} 页")
        painter.end()

    def bare_preview() -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(a4_layout())
        view = QPrintPreviewWidget(printer)
        view.paintRequested.connect(bare_pages)
        view.updatePreview()
        view.show()
        app.processEvents()
        view.close()
        view.deleteLater()

    def preview() -> None:
        dialog = PreviewDialog(None, lay_out(sample), 0)
        dialog.show()
        app.processEvents()
        dialog.close()
        dialog.deleteLater()

    pages = len(lay_out(sample).pages)

    def bare_pdf() -> None:
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = QPdfWriter(buffer)
        writer.setPageLayout(a4_layout())
        bare_pages(writer)

    start = time.perf_counter()
    preview()  # the clerk's first click: faces not yet loaded, nothing cached
    first = (time.perf_counter() - start) * 1000
    print(f"{'print preview(sample), first in the process':<48} {first:9.0f} ms   [goal < 500 ms]")
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "sample.pdf"
        text = "".join(b.text for b in report_outline(sample) if isinstance(b, Title | Paragraph))
        measure(f"baseline: Qt preview of {pages} pages, one line each", bare_preview, n)
        measure("print preview(sample) [goal < 500 ms]", preview, n)
        measure("lay_out(sample)", lambda: lay_out(sample), n)
        measure(f"baseline: QPdfWriter {pages} pages, one line each", bare_pdf, n)
        measure("export_pdf(sample) [goal < 500 ms]", lambda: export_pdf(sample, pdf), n)
        measure("paint(sample) on a PDF printer", lambda: _print_to_file(sample, Path(tmp) / "p.pdf", paint), n)
        measure("baseline: html.escape of the report's text", lambda: html.escape(text), n * 10)
        measure("build_html(sample) [goal < 50 ms]", lambda: build_html(sample), n * 10)


def _print_to_file(sample: Draft, path: Path, paint: Callable[..., None]) -> None:
    from PySide6.QtPrintSupport import QPrinter

    from printing.layout import lay_out
    from printing.render import a4_layout

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setFullPage(True)
    printer.setPageLayout(a4_layout())
    paint(lay_out(sample), printer)
