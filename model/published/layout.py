"""A PDF's pages as printed characters and ruling lines, read with pypdfium2 (PDFium).

`read_layout(path)` returns one `PageLayout` per page: the printed characters (PDFium's generated spaces
and line ends dropped) with their boxes, font sizes and baselines, and the horizontal and vertical ruling
segments a table's borders are drawn with — stroked lines, thin filled rectangles (Word and WPS draw
borders so) and the edges of stroked rectangles. Coordinates are in points from the page's top left, y
downwards. It also returns the files embedded in the PDF that may carry this product's draft.

PDFium is not thread-safe: every use of it holds `PDFIUM_LOCK`, so files are read one at a time whatever
thread asks (the wizard reads in a worker thread; the county review may read many files).

Refusals are `PublishedFormatError`s with a Chinese reason naming what to do: 'encrypted' (a password is
needed to open it), 'damaged' (not a PDF, truncated, broken, too many pages), 'scanned' (pages are pictures
with no text layer), 'empty' (no text and no pictures). A PDF encrypted with an owner password only
(printing or copying restricted) opens without a password and is read like any other.
"""

from __future__ import annotations

import ctypes
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from model.published.errors import OCR_ADVICE, PublishedFormatError, unreadable
from model.reading.carried import MAX_ITEM_BYTES

PDFIUM_LOCK = threading.Lock()

MAX_PAGES = 60  # a report has 4–12 pages; a far larger file is not one, and must not stall the program
MAX_ATTACHMENTS = 16
RULE_MAX_THICKNESS = 2.5  # pt: a filled rectangle thinner than this is a ruling line
MIN_RULE_LENGTH = 3.0  # pt
MIN_TEXT_CHARS = 20  # fewer printed characters than this on all pages: no text layer
SCAN_MAX_CHARS = 60  # a scanned page may carry a stamped page number or a short footer as text

SCANNED_REASON = "这是扫描件（页面是图片，没有文字层），本程序无法读取其中的文字和数字；" + OCR_ADVICE
ENCRYPTED_REASON = (
    "这个 PDF 文件设置了打开密码（已加密），本程序不能读取；请向发布单位索取未加密的文件，"
    "或用知道密码的 PDF 软件打开后另存为不加密的 PDF"
)
DAMAGED_REASON = "文件已损坏或不完整（可能下载没有完成），不能作为 PDF 读取；请重新下载或向发布单位索取原文件"


@dataclass(frozen=True)
class Char:
    """A printed character and its box (x0 < x1, top < bottom, pt from the page's top left), the font
    size as printed (pt) and the y of its baseline."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    baseline: float

    @property
    def cx(self) -> float:
        """Return the x of the box's centre."""
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        """Return the y of the box's centre."""
        return (self.top + self.bottom) / 2


@dataclass(frozen=True)
class Segment:
    """A ruling line: horizontal (y = `pos`, x from `start` to `end`) or vertical (x = `pos`, y from
    `start` to `end`), in pt."""

    horizontal: bool
    pos: float
    start: float
    end: float


@dataclass
class PageLayout:
    """One page: its 1-based `number`, size (pt), printed characters, ruling segments, the number of
    pictures on it and the share of the page its largest picture covers."""

    number: int
    width: float
    height: float
    chars: list[Char] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    images: int = 0
    image_cover: float = 0.0

    @property
    def is_image_page(self) -> bool:
        """Return True for a page that is a picture (a scan): mostly one image, next to no text."""
        return self.image_cover >= 0.5 and len(self.chars) < SCAN_MAX_CHARS


@dataclass
class PdfContent:
    """What `read_layout` read: the pages, and the data of the files embedded in the PDF (each at most
    `model.reading.carried.MAX_ITEM_BYTES`), where this product's own PDF carries its draft."""

    pages: list[PageLayout]
    attachments: list[bytes] = field(default_factory=list)


def _open(path: Path) -> pdfium.PdfDocument:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise unreadable(path, exc) from exc
    if size == 0:
        raise PublishedFormatError(path, "文件是空的（0 字节），可能下载或复制没有完成", "empty")
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code in (raw.FPDF_ERR_PASSWORD, raw.FPDF_ERR_SECURITY) or "password" in str(exc).lower():
            raise PublishedFormatError(path, ENCRYPTED_REASON, "encrypted") from exc
        raise PublishedFormatError(path, DAMAGED_REASON, "damaged") from exc


def _matrix(obj: pdfium.PdfObject) -> tuple[float, float, float, float, float, float]:
    """Return the object's matrix to page space, composed with those of the form XObjects around it."""
    a, b, c, d, e, f = obj.get_matrix().get()
    parent = obj.parent if obj.level > 0 else None
    while parent is not None and isinstance(parent, pdfium.PdfObject):
        pa, pb, pc, pd, pe, pf = parent.get_matrix().get()
        a, b, c, d, e, f = (
            a * pa + b * pc,
            a * pb + b * pd,
            c * pa + d * pc,
            c * pb + d * pd,
            e * pa + f * pc + pe,
            e * pb + f * pd + pf,
        )
        parent = parent.parent if parent.level > 0 else None
    return a, b, c, d, e, f


def _add_line(out: list[Segment], p: tuple[float, float], q: tuple[float, float]) -> None:
    (x0, y0), (x1, y1) = p, q
    if abs(y1 - y0) < 0.5 and abs(x1 - x0) >= MIN_RULE_LENGTH:
        out.append(Segment(True, (y0 + y1) / 2, min(x0, x1), max(x0, x1)))
    elif abs(x1 - x0) < 0.5 and abs(y1 - y0) >= MIN_RULE_LENGTH:
        out.append(Segment(False, (x0 + x1) / 2, min(y0, y1), max(y0, y1)))


def _path_segments(obj: pdfium.PdfObject, height: float) -> list[Segment]:
    """Return the axis-parallel ruling segments drawn by the path object `obj`."""
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    raw.FPDFPath_GetDrawMode(obj.raw, ctypes.byref(fill), ctypes.byref(stroke))
    left, bottom, right, top = obj.get_bounds()
    w, h = right - left, top - bottom
    out: list[Segment] = []
    if fill.value and not stroke.value:
        # a filled shape is a rule only when thin (Word's borders); wide ones are cell shading
        if h <= RULE_MAX_THICKNESS and w >= MIN_RULE_LENGTH:
            out.append(Segment(True, height - (top + bottom) / 2, left, right))
        elif w <= RULE_MAX_THICKNESS and h >= MIN_RULE_LENGTH:
            out.append(Segment(False, (left + right) / 2, height - top, height - bottom))
        return out
    if not stroke.value:
        return out
    a, b, c, d, e, f = _matrix(obj)
    x, y = ctypes.c_float(), ctypes.c_float()
    start: tuple[float, float] | None = None
    prev: tuple[float, float] | None = None
    for k in range(raw.FPDFPath_CountSegments(obj.raw)):
        seg = raw.FPDFPath_GetPathSegment(obj.raw, k)
        raw.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y))
        point = (x.value * a + y.value * c + e, height - (x.value * b + y.value * d + f))
        kind = raw.FPDFPathSegment_GetType(seg)
        if kind == raw.FPDF_SEGMENT_MOVETO:
            start = prev = point
            continue
        if kind == raw.FPDF_SEGMENT_LINETO and prev is not None:
            _add_line(out, prev, point)
        prev = point
        if raw.FPDFPathSegment_GetClose(seg) and start is not None:
            _add_line(out, prev, start)
            prev = start
    return out


def _chars(page: pdfium.PdfPage, height: float) -> list[Char]:
    """Return the printed characters of `page` (PDFium's generated spaces and line ends dropped)."""
    tp = page.get_textpage()
    try:
        n = tp.count_chars()
        if n <= 0:
            return []
        text = tp.get_text_range(0, n)
        handle = tp.raw
        matrix = raw.FS_MATRIX()
        ox, oy = ctypes.c_double(), ctypes.c_double()
        out: list[Char] = []
        for i in range(min(n, len(text))):
            ch = text[i]
            if ch.isspace() or raw.FPDFText_IsGenerated(handle, i) == 1:
                continue
            # the size as printed: the font size times the scale of the character's matrix (WPS writes
            # 319 pt glyphs scaled by 0.05)
            raw.FPDFText_GetMatrix(handle, i, ctypes.byref(matrix))
            scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5 or 1.0
            size = raw.FPDFText_GetFontSize(handle, i) * scale
            raw.FPDFText_GetCharOrigin(handle, i, ctypes.byref(ox), ctypes.byref(oy))
            left, bottom, right, top = tp.get_charbox(i, loose=True)
            if top - bottom > 3 * size + 2 or right - left > 3 * size + 2:
                # the loose box comes from the font's bounding box; some fonts give one many times the
                # glyph: centre a box of the font size on the glyph's own box instead
                tl, tb, tr, tt = tp.get_charbox(i)
                cx, cy = (tl + tr) / 2, (tb + tt) / 2
                left, right = min(tl, cx - size / 2), max(tr, cx + size / 2)
                bottom, top = cy - size / 2, cy + size / 2
            out.append(Char(ch, left, height - top, right, height - bottom, size, height - oy.value))
        return out
    finally:
        tp.close()


def _attachments(pdf: pdfium.PdfDocument) -> list[bytes]:
    """Return the data of the files embedded in `pdf` that are small enough to be a carried draft."""
    out: list[bytes] = []
    for i in range(min(pdf.count_attachments(), MAX_ATTACHMENTS)):
        attachment = pdf.get_attachment(i)
        size = ctypes.c_ulong()
        if not raw.FPDFAttachment_GetFile(attachment.raw, None, 0, ctypes.byref(size)):
            continue
        if not 0 < size.value <= MAX_ITEM_BYTES:
            continue
        try:
            out.append(bytes(attachment.get_data()))
        except pdfium.PdfiumError:
            continue
    return out


def _page(pdf: pdfium.PdfDocument, index: int, path: Path) -> PageLayout:
    try:
        page = pdf[index]
    except pdfium.PdfiumError as exc:
        raise PublishedFormatError(path, f"第 {index + 1} 页已损坏，不能读取", "damaged") from exc
    try:
        width, height = page.get_size()
        layout = PageLayout(index + 1, width, height)
        layout.chars = _chars(page, height)
        for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE), max_depth=4):
            if obj.type == raw.FPDF_PAGEOBJ_IMAGE:
                layout.images += 1
                left, bottom, right, top = obj.get_bounds()
                w = max(0.0, min(right, width) - max(left, 0.0))
                h = max(0.0, min(top, height) - max(bottom, 0.0))
                layout.image_cover = max(layout.image_cover, w * h / (width * height or 1.0))
            else:
                layout.segments.extend(_path_segments(obj, height))
        return layout
    finally:
        page.close()


def read_layout(path: str | os.PathLike[str]) -> PdfContent:
    """Return the characters and ruling segments of every page of the PDF at `path`, and its attachments.

    Raises `PublishedFormatError` for an encrypted, damaged, scanned or empty PDF (see the module docstring).
    """
    p = Path(path)
    with PDFIUM_LOCK:
        pdf = _open(p)
        try:
            count = len(pdf)
            if count == 0:
                raise PublishedFormatError(p, "文件中没有任何页面", "empty")
            if count > MAX_PAGES:
                raise PublishedFormatError(
                    p, f"文件有 {count} 页，不像一份政府信息公开工作年度报告（通常 4–12 页）", "toolarge"
                )
            pages = [_page(pdf, i, p) for i in range(count)]
            attachments = _attachments(pdf)
        except pdfium.PdfiumError as exc:
            raise PublishedFormatError(p, DAMAGED_REASON, "damaged") from exc
        finally:
            pdf.close()
    scanned = sum(1 for pg in pages if pg.is_image_page)
    if sum(len(pg.chars) for pg in pages) < MIN_TEXT_CHARS or 2 * scanned >= len(pages):
        if scanned or any(pg.images for pg in pages):
            raise PublishedFormatError(p, SCANNED_REASON, "scanned")
        raise PublishedFormatError(p, "文件中没有可读取的文字", "empty")
    return PdfContent(pages, attachments)
