"""Opening a report from any file the clerk or the county office may have, recognised by its content.

`open_report(path)` looks at the file's first bytes, never at its name, and reads:

- our JSON draft (`model.storage.drafts`);
- a Word file: `.docx`, and the kinds LibreOffice converts (.doc, .wps, RTF, Word 2003 XML, .odt) —
  `model.docx.reader`;
- a PDF with a text layer (`model.published.pdf`; a scan is refused with a message saying so);
- a web page: HTML saved from a browser or Word, `.htm`, a web archive `.mht`/`.mhtml`, in UTF-8, GBK or
  GB2312, also the report inside a portal page (`model.published.html`).

So a PDF named `.doc`, a page named `.docx` or a draft named `.txt` is read for what it is. Only a file
whose content says nothing (empty, or unknown bytes) is judged by its name, to word the refusal.
"""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from model.draft import Draft
from model.findings import Cell, Finding
from model.reading.blocks import Place, describe_places
from model.storage.drafts import DraftError, load_draft

HEAD_BYTES = 65536

DRAFT, WORD, PDF, WEB_PAGE, EMPTY, UNKNOWN = "draft", "word", "pdf", "html", "empty", "unknown"
IMAGE = "image"  # a picture (a photo or scan of the report, a screenshot): refused, named for what it is
_IMAGE_MAGIC = {
    b"\x89PNG\r\n\x1a\n": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"GIF87a": "GIF",
    b"GIF89a": "GIF",
    b"II*\x00": "TIFF",
    b"MM\x00*": "TIFF",
}
SLOW_WORD = "convert"  # a Word kind LibreOffice converts first (.doc, .wps, RTF, Word 2003 XML)

_WORD_SUFFIXES = (".docx", ".doc", ".wps", ".docm", ".rtf", ".odt", ".wpt", ".dot", ".dotx")
_PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".mht", ".mhtml")
_HTML_START = re.compile(
    rb"<\s*(?:!doctype\s+html|html|head|body|meta|title|table|div|p|h[1-6]|span|font|style|script)\b", re.IGNORECASE
)
# The control bytes no text file holds (tab, line feed, form feed, carriage return and escape aside): binary
# data has one byte in eight of them, a web page none.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\x0c\r\x1b")
SUPPORTED = "本程序能打开年报草稿（.json）、Word 或 WPS 文件、PDF 文件和网页（.html、.htm、.mht）"


def _decoded_head(head: bytes) -> bytes:
    """Return `head` without a byte order mark, UTF-16 text re-encoded as UTF-8, leading white space cut."""
    text = head
    if text.startswith(b"\xef\xbb\xbf"):
        text = text[3:]
    elif text.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16-le" if text[:2] == b"\xff\xfe" else "utf-16-be"
        text = text[2 : len(text) - (len(text) % 2)].decode(encoding, errors="ignore").encode("utf-8")
    return text.lstrip()


def kind_of_bytes(head: bytes) -> str:
    """Return what a file is from its first bytes `head` (up to `HEAD_BYTES`): 'draft' (JSON), 'word'
    (a zip such as .docx/.odt), 'convert' (.doc/.wps/encrypted Word, RTF, Word 2003 XML — LibreOffice
    converts them), 'pdf', 'html' (a web page or web archive), 'image' (PNG, JPEG, GIF, BMP, TIFF, WebP), 'empty'
    or 'unknown'."""
    if not head.strip():
        return EMPTY
    if image_format(head):
        return IMAGE
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return WORD
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return SLOW_WORD
    if b"%PDF-" in head[:1024]:  # the header may follow some junk bytes; PDF readers accept up to 1 KiB
        return PDF
    text = _decoded_head(head)
    lower = text[:8192].lower()
    if lower.startswith(b"{\\rtf"):
        return SLOW_WORD
    if text.startswith((b"{", b"[")):
        return DRAFT
    if (b"mime-version:" in lower or lower.startswith(b"from:")) and b"multipart/related" in lower:
        return WEB_PAGE
    if lower.startswith(b"<?xml") and (b"w:worddocument" in lower or b"word.document" in lower):
        return SLOW_WORD
    if _HTML_START.search(text[:4096]) and _is_text(text[:4096]):
        return WEB_PAGE
    return UNKNOWN


def _is_text(head: bytes) -> bool:
    """Return True if `head` reads as text: at most one byte in a hundred a control byte (`_CONTROL_BYTES`), so
    that damaged or binary data that happens to hold 「<p」 is not taken for a web page."""
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls * 100 <= len(head)


def image_format(head: bytes) -> str:
    """Return the picture format the first bytes `head` begin with ('PNG', 'JPEG', …), '' for none."""
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    if head[:2] == b"BM" and head[6:10] == b"\0\0\0\0":  # 「BM」, the size, then four reserved zero bytes
        return "BMP"
    return next((name for magic, name in _IMAGE_MAGIC.items() if head.startswith(magic)), "")


def _by_name(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in _WORD_SUFFIXES:
        return WORD
    if suffix == ".pdf":
        return PDF
    if suffix in _PAGE_SUFFIXES:
        return WEB_PAGE
    return DRAFT if suffix == ".json" else UNKNOWN


def file_kind(path: str | os.PathLike[str]) -> str:
    """Return how `open_report` reads the file at `path`, from its content (`kind_of_bytes`): 'draft',
    'word', 'convert' (a Word kind LibreOffice converts first, which may take a minute), 'pdf' or 'html'.
    An empty or unrecognisable file, or one that cannot be opened, is judged by its name instead (its
    reader then words the refusal), and 'unknown' when the name says nothing either."""
    p = Path(path)
    try:
        with p.open("rb") as fh:
            head = fh.read(HEAD_BYTES)
    except OSError:
        return DRAFT  # missing, a folder, no permission: load_draft says so in Chinese
    kind = kind_of_bytes(head)
    if kind == EMPTY:
        return DRAFT if _by_name(p) in (DRAFT, UNKNOWN) else _by_name(p)
    if kind == UNKNOWN:
        return _by_name(p)
    return kind


def is_draft_file(path: str | os.PathLike[str]) -> bool:
    """Return True if `path` holds (or is named as) our JSON draft: read at once, no conversion, no layout."""
    return file_kind(path) == DRAFT


@dataclass
class OpenedReport:
    """A report read from `path`: the `draft`, findings made while reading (e.g. blank cells read as 0,
    rule ids I1–I14), `kind` — 'draft' for our JSON file, 'docx' for a Word document, 'pdf', 'html' for a
    web page — and `places`: where each figure was printed (PDF page, web page's table), if known."""

    path: Path
    draft: Draft
    kind: str
    findings: list[Finding] = field(default_factory=list)
    places: dict[Cell, Place] = field(default_factory=dict)

    def placed(self, findings: list[Finding]) -> list[Finding]:
        """Return `findings` with where their figures were printed (`placed`)."""
        return placed(findings, self.places)


def placed(findings: list[Finding], places: dict[Cell, Place]) -> list[Finding]:
    """Return `findings` with where their figures were printed added to each message that concerns figures
    of `places` (read from a PDF or a web page): 「…（见 PDF 第 3 页）」, 「…（见网页第 2 个表格）」. Other
    findings are returned unchanged; a finding's key (its explanation) does not change."""
    if not places:
        return list(findings)
    out: list[Finding] = []
    for f in findings:
        where = describe_places(places[c] for c in f.cells if c in places)
        if where:
            f = dataclasses.replace(f, message=f"{f.message}（见{' ' if where[0].isascii() else ''}{where}）")
        out.append(f)
    return out


def open_report(path: str | os.PathLike[str]) -> OpenedReport:
    """Return the report in `path` — a JSON draft, a Word file, a PDF or a web page, recognised by content.

    Raises `DraftError` with a Chinese message naming the file and what is wrong when it cannot be read
    (a scanned or encrypted PDF, a damaged file, tables 二/三/四 not found…).
    """
    p = Path(path)
    kind = file_kind(p)
    if kind in (WORD, SLOW_WORD):
        from model.docx.reader import import_docx

        result = import_docx(p)
        kind = "docx"
    elif kind == PDF:
        from model.published.pdf import import_pdf

        result = import_pdf(p)
    elif kind == WEB_PAGE:
        from model.published.html import import_html

        result = import_html(p)
    elif kind == DRAFT:
        return OpenedReport(p, load_draft(p), DRAFT)
    elif kind == IMAGE:
        with p.open("rb") as fh:
            picture = image_format(fh.read(16))
        raise DraftError(p, f"这是图片文件（{picture}），不是报告文件，图片中的文字和数字不能读取；{SUPPORTED}")
    else:
        raise DraftError(p, f"不是能识别的文件：不是年报草稿，也不是 Word、PDF 或网页报告；{SUPPORTED}")
    opened = OpenedReport(p, result.draft, kind, [], dict(result.places))
    opened.findings = opened.placed(list(result.findings))
    return opened


__all__ = [
    "IMAGE",
    "DraftError",
    "OpenedReport",
    "file_kind",
    "image_format",
    "is_draft_file",
    "kind_of_bytes",
    "open_report",
    "placed",
]
