"""Drawing the laid-out report on a printer, the print preview or a PDF file; the PDF export.

`paint(report, device)` draws the pages of a `printing.layout.PrintedReport` on any paged device — the
`QPrinter` of the print dialog or of the preview (`QPrintPreviewWidget.paintRequested`) and the `QPdfWriter`
of `pdf_bytes()`. `export_pdf(draft, path)` writes the PDF atomically, as the DOCX export does.

The PDF (Qt's writer) embeds a subset of every face used, so it looks the same on every machine; carries the
draft as the attachment `model.reading.carried.PDF_ATTACHMENT` (the bytes the DOCX carries inside, without
explanations), so that opening the PDF restores every text exactly (the printed figures still win); and
has the title and agency as its properties. Qt maps each glyph of the subset back to the first code point
that shows it, which for faces such as Noto CJK is a radical (⼯ U+2F2F for 工, ⺠ U+2EA0 for 民):
`pdf_bytes()` rewrites those entries of the ToUnicode maps to the ideographs drawn, so that copying,
searching and reading the text give 「人民政府工作」, not 「人⺠政府⼯作」.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, Qt
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QRawFont,
)

from model.docx.outline import printable_copy
from model.docx.writer import check_export_target, write_export
from model.draft import Draft
from model.reading.carried import PDF_ATTACHMENT, PDF_ATTACHMENT_MIME, item_xml
from printing.fonts import FontChoice, Role, substitutions
from printing.layout import BORDER_WIDTH, DPI, Page, PrintedReport, lay_out

CREATOR = "年报填报助手"
A4 = QPageSize(QPageSize.PageSizeId.A4)


def a4_layout() -> QPageLayout:
    """Return the page layout every output uses: A4 portrait, no margins (the layout places everything
    from the paper's corner)."""
    return QPageLayout(A4, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)


def draw_page(painter: QPainter, page: Page) -> None:
    """Draw `page` with `painter`, whose coordinates are twips from the paper's top-left corner."""
    pen = QPen(Qt.GlobalColor.black, BORDER_WIDTH)
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    pen.setCapStyle(Qt.PenCapStyle.SquareCap)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for box in page.boxes:
        painter.drawRect(box.rect)
    painter.setPen(Qt.GlobalColor.black)
    lines = page.lines + ([page.footer] if page.footer is not None else [])
    for placed in lines:
        placed.layout.lineAt(placed.index).draw(painter, QPointF(placed.x, placed.top))


def paint(report: PrintedReport, device: QPagedPaintDevice, pages: list[int] | None = None) -> None:
    """Draw the pages of `report` (the page numbers in `pages`, all when None) on `device`, one per sheet.

    The device's page must be A4 with its origin at the paper's corner (`a4_layout()`; a `QPrinter` in
    full-page mode); drawing is scaled from the layout's twips to the device's resolution.
    """
    wanted = [p for p in report.pages if pages is None or p.number in pages]
    painter = QPainter(device)
    if not painter.isActive():
        raise OSError("无法开始打印（打印机或文件无法写入）")
    try:
        scale = device.logicalDpiX() / DPI, device.logicalDpiY() / DPI
        for i, page in enumerate(wanted):
            if i and not device.newPage():
                raise OSError("无法开始新的一页（打印机或文件无法写入）")
            painter.save()
            painter.scale(*scale)
            draw_page(painter, page)
            painter.restore()
    finally:
        painter.end()


_UCS_BLOCK = re.compile(rb"begin(bfrange|bfchar)(.*?)end\1", re.S)
_ARRAY = re.compile(rb"\[([^\]]*)\]")
_BFCHAR_DEST = re.compile(rb"(<[0-9A-Fa-f]+>\s*)<([0-9A-Fa-f]{4})>")
_HEX4 = re.compile(rb"<([0-9A-Fa-f]{4})>")
RADICALS = range(0x2E80, 0x2FE0)  # CJK Radicals Supplement and Kangxi Radicals


def radical_stand_ins(families: list[str], text: str) -> dict[int, int]:
    """Return, for the faces `families` and the characters of `text`, each radical code point whose glyph is
    also the glyph of an ideograph of `text` in one of the faces (Noto CJK: ⺠ U+2EA0 and 民 U+6C11), mapped
    to that ideograph. Qt names such a glyph by the radical, the lower code point."""
    wanted = sorted({ord(ch) for ch in text if ord(ch) >= 0x3400})
    found: dict[int, int] = {}
    for family in dict.fromkeys(families):
        raw = QRawFont.fromFont(QFont(family))
        if not raw.isValid():
            continue
        by_glyph: dict[int, int] = {}
        for code in RADICALS:
            glyphs = raw.glyphIndexesForString(chr(code))
            if glyphs and glyphs[0]:
                by_glyph.setdefault(glyphs[0], code)
        if not by_glyph:
            continue
        for code in wanted:
            glyphs = raw.glyphIndexesForString(chr(code))
            if glyphs and glyphs[0] in by_glyph:
                found.setdefault(by_glyph[glyphs[0]], code)
    return found


def fix_to_unicode(pdf: bytes, stand_ins: dict[int, int]) -> bytes:
    """Return `pdf` with the radicals of its ToUnicode maps replaced by the ideographs they stand in for
    (`radical_stand_ins()`; see the module docstring). Each entry keeps its length (4 hex digits), so the
    file's offsets stay valid."""
    if not stand_ins:
        return pdf

    def hex4(match: re.Match[bytes]) -> bytes:
        code = stand_ins.get(int(match.group(1), 16))
        return b"<%04X>" % code if code is not None and code <= 0xFFFF else match.group(0)

    def block(match: re.Match[bytes]) -> bytes:
        kind, body = match.group(1), match.group(2)
        if kind == b"bfrange":
            body = _ARRAY.sub(lambda a: b"[" + _HEX4.sub(hex4, a.group(1)) + b"]", body)
        else:
            body = _BFCHAR_DEST.sub(lambda c: c.group(1) + _HEX4.sub(hex4, b"<" + c.group(2) + b">"), body)
        return b"begin" + kind + body + b"end" + kind

    fixed = _UCS_BLOCK.sub(block, pdf)
    if len(fixed) != len(pdf):  # never: each replacement keeps its length
        raise ValueError("ToUnicode rewrite changed the file's length")
    return fixed


def report_text(report: PrintedReport) -> str:
    """Return every text drawn in `report` (the lines of all pages and the page numbers), joined."""
    return "".join(p.text for page in report.pages for p in page.lines + ([page.footer] if page.footer else []))


def print_to_file_done(report: PrintedReport, path: str | os.PathLike[str]) -> None:
    """Finish a PDF that a `QPrinter` printed to a file (「打印到文件」) with `paint`: its ToUnicode maps
    rewritten as `pdf_bytes()` does. Raises `OSError` if the file cannot be read or written."""
    target = Path(path)
    data = target.read_bytes()
    families = [choice.family for choice in report.fonts.values()]
    fixed = fix_to_unicode(data, radical_stand_ins(families, report_text(report)))
    if fixed != data:
        target.write_bytes(fixed)


def pdf_bytes(draft: Draft, report: PrintedReport | None = None) -> bytes:
    """Return `draft` as a PDF file: the pages of `report` (`lay_out(draft)` when None), the fonts embedded,
    the draft attached, title and agency as the document's properties."""
    report = report if report is not None else lay_out(draft)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(DPI)
    writer.setPageLayout(a4_layout())
    writer.setTitle(report.title)
    writer.setAuthor(report.author)
    writer.setCreator(CREATOR)
    writer.addFileAttachment(PDF_ATTACHMENT, QByteArray(item_xml(printable_copy(draft))), PDF_ATTACHMENT_MIME)
    paint(report, writer)
    del writer  # finishes the file
    data = bytes(buffer.data().data())
    buffer.close()
    families = [choice.family for choice in report.fonts.values()]
    return fix_to_unicode(data, radical_stand_ins(families, report_text(report)))


@dataclass
class PdfExport:
    """What `export_pdf` wrote: the number of `pages` and the `fonts` used, `substituted` those whose official
    face is missing on this PC (the face used instead named)."""

    pages: int
    fonts: dict[Role, FontChoice]
    substituted: list[FontChoice]


def export_pdf(draft: Draft, path: str | os.PathLike[str], report: PrintedReport | None = None) -> PdfExport:
    """Write `draft` as a PDF in the official layout to `path` atomically (see `pdf_bytes()`).

    Raises `model.docx.writer.ExportError` (Chinese message naming the file) if `path` does not end in .pdf,
    a folder of that name exists, the file is open in a program that locks it, the folder vanished or is
    read-only, or the disk is full. The draft and an existing file are untouched then.
    """
    target = check_export_target(path, (".pdf",))
    report = report if report is not None else lay_out(draft)
    write_export(target, pdf_bytes(draft, report))
    return PdfExport(len(report.pages), dict(report.fonts), substitutions(report.fonts))


def ensure_application() -> QGuiApplication:
    """Return the running Qt application, starting a `QGuiApplication` for the command line when there is
    none: on the offscreen platform when no display is there (a Linux server, a terminal over SSH)."""
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        return app
    argv = ["年报填报助手"]
    no_display = os.name != "nt" and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if no_display and not os.environ.get("QT_QPA_PLATFORM"):
        argv += ["-platform", "offscreen"]
    return QGuiApplication(argv)
