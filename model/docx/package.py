"""Opening a Word file as untrusted input: what kind of file it is, a capped zip reader, hardened XML parsing.

A DOCX from another office is a zip of XML parts. Before anything is unpacked this module checks the
file's first bytes (a Word 97-2003 `.doc`, a WPS `.wps`, an encrypted document, RTF, HTML or PDF are told
apart from a real `.docx` whatever the file's name) and the zip's directory: the number of members, the
declared uncompressed size of the whole and of each part, and each member's compression ratio, so a zip
bomb is refused before it is inflated. XML is parsed with entities, DTDs and network access disabled, and a
part that declares a DTD is refused.

Every refusal is a `DocxFormatError` (a `model.storage.drafts.DraftError`) whose Chinese reason says what the file
is and what to do; `convertible` tells whether LibreOffice may turn it into a `.docx`.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from model.os_errors import os_reason
from model.reading.carried import MAX_ITEM_BYTES
from model.storage.drafts import DraftError

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
OFFICE_DOCUMENT_REL = f"{R_NS}/officeDocument"
STRICT_NS_PREFIX = "http://purl.oclc.org/ooxml/"
STRICT_OFFICE_DOCUMENT_REL = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
ODF_TEXT_MIMETYPE = b"application/vnd.oasis.opendocument.text"

# Caps for untrusted files. A township report is well under 5 MB; a report full of photographs may reach a
# few tens of MB. Deflate packs ordinary XML 5–20 : 1 and never better than about 1030 : 1, which is what a
# zip bomb uses, so a ratio cap far above the first and far below the second tells them apart.
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_TOTAL_UNCOMPRESSED = 512 * 1024 * 1024
MAX_PART_BYTES = 64 * 1024 * 1024
MAX_MEMBERS = 10_000
MAX_RATIO = 500
RATIO_MIN_BYTES = 1024 * 1024
# A member packed above MAX_RATIO is inflated (and thrown away) before it is read: refused when it holds a
# NUL byte or more than one 「<」 in MIN_BYTES_PER_TAG bytes (Word's XML has one in 20–60 bytes, but never
# packs 500 : 1; a long narrative packs that well and is nearly all text).
MIN_BYTES_PER_TAG = 256
# Counted from the zip's end record before the directory is read: a directory of MAX_MEMBERS members with
# names of 100 bytes takes about 1.5 MB.
MAX_DIRECTORY_BYTES = 16 * 1024 * 1024
_EOCD = struct.Struct("<4s4H2LH")
_EOCD_MAGIC = b"PK\x05\x06"
_ZIP64_LOCATOR = struct.Struct("<4sLQL")
_ZIP64_LOCATOR_MAGIC = b"PK\x06\x07"
_ZIP64_EOCD = struct.Struct("<4sQ2H2L4Q")
_ZIP64_EOCD_MAGIC = b"PK\x06\x06"

# the parts that may carry a draft (model.docx.embed): Word may renumber them
CUSTOM_ITEM = re.compile(r"^customXml/item\d*\.xml$", re.IGNORECASE)
MAX_ITEMS_SCANNED = 64
# what reading a zip member may raise on a truncated, damaged or odd file
ZIP_READ_ERRORS = (
    OSError,
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    RuntimeError,
    NotImplementedError,
    ValueError,
)

_DOCTYPE_MARKERS = tuple("<!DOCTYPE".encode(enc) for enc in ("utf-8", "utf-16-le", "utf-16-be"))
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP_MAGIC = b"PK\x05\x06"


class DocxFormatError(DraftError):
    """A file that cannot be read as a Word 2007+ document; `str()` names the file and what to do.

    `kind` is a short English name of what the file is ('doc', 'wps', 'encrypted', 'strict', 'altchunk',
    'rtf', 'html', 'odt', 'word2003xml', 'pdf', 'truncated', 'zipbomb', …); `convertible` is True when
    LibreOffice can turn it into a `.docx` (the import then converts it when LibreOffice is installed);
    `parts` names the zip members that hold the content when it is only in `w:altChunk` parts.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        reason: str,
        kind: str,
        convertible: bool = False,
        parts: list[str] | None = None,
    ) -> None:
        super().__init__(path, reason)
        self.kind = kind
        self.convertible = convertible
        self.parts = list(parts or [])


_SAVE_AS = "请在 Word 或 WPS 中打开它，“另存为” Word 文档（.docx）后再打开"


def _ole2_kind(path: Path, head: bytes) -> DocxFormatError:
    """Return the error for an OLE2 compound file: encrypted OOXML, a WPS `.wps`, or a Word 97-2003 `.doc`."""
    with path.open("rb") as fh:
        blob = fh.read(min(path.stat().st_size, 8 * 1024 * 1024))
    if "EncryptedPackage".encode("utf-16-le") in blob:
        return DocxFormatError(
            path,
            "文件设置了打开密码（已加密），无法读取；请在 Word 或 WPS 中输入密码打开，取消密码后另存为 .docx 再打开",
            "encrypted",
        )
    if path.suffix.lower() == ".wps":
        return DocxFormatError(path, f"这是 WPS 文字的 .wps 格式文件，不是 .docx；{_SAVE_AS}", "wps", True)
    return DocxFormatError(
        path,
        f"这是 Word 97-2003 格式（.doc）的文件，不是 .docx；{_SAVE_AS}",
        "doc",
        convertible="WordDocument".encode("utf-16-le") in blob,
    )


def sniff(path: Path, head: bytes) -> DocxFormatError | None:
    """Return the error describing a file whose first bytes `head` show it is not a zip, or None for a zip.

    Recognises OLE2 (.doc, .wps, encrypted .docx), RTF, HTML/MHT (Word's “网页” formats), Word 2003 XML,
    PDF and empty files; anything else is "not a Word document".
    """
    if head.startswith(_ZIP_MAGIC) or head.startswith(_EMPTY_ZIP_MAGIC):
        return None
    if not head:
        return DocxFormatError(path, "文件是空的（0 字节），可能复制未完成或保存时被中断", "empty")
    if head.startswith(_OLE2_MAGIC):
        return _ole2_kind(path, head)
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(b"{\\rtf"):
        return DocxFormatError(path, f"这是 RTF 格式的文件，不是 .docx；{_SAVE_AS}", "rtf", True)
    if text.startswith(b"%pdf"):
        return DocxFormatError(path, "这是 PDF 文件，无法从中读取表格；请找到该报告的 Word 原件（.docx）再打开", "pdf")
    if text.startswith(b"mime-version") or b"multipart/related" in text[:2048]:
        return DocxFormatError(path, f"这是“单个文件网页”（.mht）格式的文件，不是 .docx；{_SAVE_AS}", "html", True)
    if text.startswith(b"<?xml") and (b"w:worddocument" in text or b"word.document" in text):
        return DocxFormatError(path, f"这是 Word 2003 XML 格式的文件，不是 .docx；{_SAVE_AS}", "word2003xml", True)
    if text.startswith((b"<html", b"<!doctype html", b"<?xml")) or b"<html" in text[:1024]:
        return DocxFormatError(path, f"这是网页（HTML）格式的文件，不是 .docx；{_SAVE_AS}", "html", True)
    return DocxFormatError(
        path, "不是 Word 文档（.docx），也不是可识别的其他文档格式；请确认选择的是年度报告的 Word 文件", "unknown"
    )


def safe_parser() -> etree.XMLParser:
    """Return an lxml parser for untrusted XML: no entity expansion, no DTD loading, no network access."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


@dataclass
class WordPackage:
    """The parts of a `.docx` needed to read a report: the main document's XML root and its relationships.

    `blob` is the main document part's bytes as stored in the zip (usually 'word/document.xml', named by
    `part_name`) and `document` its root element (`w:document`), parsed from them; `rels` the main part's
    relationships as id → (type, target, external), `members` the names of all zip members, `custom_items`
    the parts that may carry a draft (when asked for).
    """

    path: Path
    part_name: str
    blob: bytes
    rels: dict[str, tuple[str, str, bool]] = field(default_factory=dict)
    members: list[str] = field(default_factory=list)
    custom_items: list[bytes] | None = None
    _root: Any = field(default=None, repr=False)

    @property
    def document(self) -> Any:
        """Return the root element of the main document part, parsed on first use.

        Raises `DocxFormatError`: the part is not XML, declares a DTD, is Strict Open XML or not a Word
        document.
        """
        if self._root is None:
            self._root = _document_root(self.path, self.part_name, self.blob)
        return self._root

    @property
    def document_sha256(self) -> str:
        """Return the SHA-256 (64 hex digits) of the main document part's bytes (`blob`)."""
        return hashlib.sha256(self.blob).hexdigest()


def read_custom_items(zf: zipfile.ZipFile) -> list[bytes]:
    """Return the bytes of every `customXml/item*.xml` of the open zip `zf` in name order (at most
    `MAX_ITEMS_SCANNED`; an item over `MAX_ITEM_BYTES` is skipped, each is read under that cap). Never
    raises: on a damaged member the items read before it are returned."""
    blobs: list[bytes] = []
    try:
        names = [i for i in zf.infolist() if CUSTOM_ITEM.match(i.filename)][:MAX_ITEMS_SCANNED]
        for info in sorted(names, key=lambda i: i.filename):
            if info.file_size > MAX_ITEM_BYTES:
                continue
            with zf.open(info) as fh:
                blobs.append(fh.read(MAX_ITEM_BYTES + 1))
    except ZIP_READ_ERRORS:
        pass
    return blobs


class _Zip:
    """A zip opened under the caps of this module; `read(name)` returns a member's bytes."""

    def __init__(self, path: Path, zf: zipfile.ZipFile) -> None:
        self.path = path
        self.zf = zf
        self.infos = {i.filename: i for i in zf.infolist()}
        self.lower = {name.lower(): name for name in self.infos}

    def has(self, name: str) -> bool:
        return name.lower() in self.lower

    def read(self, name: str) -> bytes:
        info = self.infos[self.lower[name.lower()]]
        if info.file_size > MAX_PART_BYTES:
            raise DocxFormatError(
                self.path,
                f"文件中的“{name}”解压后有 {info.file_size // 1024 // 1024} MB，超出正常 Word 文件的大小，"
                "出于安全考虑不予读取",
                "zipbomb",
            )
        try:
            with self.zf.open(info) as fh:
                return fh.read(MAX_PART_BYTES + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
            raise DocxFormatError(
                self.path, f"文件已损坏（“{name}”无法解压：{exc}），可能复制未完成；请重新复制或从原处另存", "damaged"
            ) from exc
        except NotImplementedError as exc:
            raise DocxFormatError(
                self.path, f"文件使用了不支持的压缩方式（{exc}）；{_SAVE_AS}", "damaged", True
            ) from exc

    def xml(self, name: str) -> Any:
        return parse_part(self.path, name, self.read(name))


def parse_part(path: Path, name: str, blob: bytes) -> Any:
    """Return the root element of the XML part `name` of the `.docx` at `path`, whose bytes are `blob`.

    Raises `DocxFormatError` when the part declares a DTD, is not XML or nests too deeply.
    """
    if any(marker in blob for marker in _DOCTYPE_MARKERS):
        raise DocxFormatError(
            path,
            f"文件中的“{name}”含有 DTD 声明（正常的 Word 文件没有），出于安全考虑不予读取",
            "dtd",
        )
    try:
        root = etree.fromstring(blob, safe_parser())
    except (etree.XMLSyntaxError, ValueError) as exc:
        if "depth" in str(exc).lower():
            raise DocxFormatError(
                path, f"文件中的“{name}”结构嵌套过深，不是正常的 Word 文件，出于安全考虑不予读取", "nested"
            ) from exc
        raise DocxFormatError(
            path, f"文件已损坏（“{name}”不是有效的 XML），可能保存时被中断；请在 Word 中打开后另存", "damaged"
        ) from exc
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise DocxFormatError(
            path,
            f"文件中的“{name}”含有 DTD 声明（正常的 Word 文件没有），出于安全考虑不予读取",
            "dtd",
        )
    return root


def _zipbomb(path: Path, reason: str) -> DocxFormatError:
    return DocxFormatError(path, f"{reason}，不是正常的 Word 文件，出于安全考虑不予读取", "zipbomb")


def _check_end_record(path: Path) -> None:
    """Refuse a zip whose end record announces more than `MAX_MEMBERS` members or a central directory
    larger than `MAX_DIRECTORY_BYTES`, before `zipfile` reads the whole directory (a million members take
    seconds and hundreds of MB to list). A zip whose end record cannot be found is left to `zipfile`."""
    with path.open("rb") as fh:
        fh.seek(0, os.SEEK_END)
        size = fh.tell()
        tail_size = min(size, _EOCD.size + 0xFFFF)  # the end record, then a comment of up to 64 KB
        fh.seek(size - tail_size)
        tail = fh.read(tail_size)
        at = tail.rfind(_EOCD_MAGIC)
        if at < 0 or len(tail) - at < _EOCD.size:
            return
        fields = _EOCD.unpack_from(tail, at)
        members, directory = fields[4], fields[5]
        if (members == 0xFFFF or directory == 0xFFFFFFFF) and at >= _ZIP64_LOCATOR.size:
            locator = _ZIP64_LOCATOR.unpack_from(tail, at - _ZIP64_LOCATOR.size)
            if locator[0] == _ZIP64_LOCATOR_MAGIC and locator[2] + _ZIP64_EOCD.size <= size:
                fh.seek(locator[2])
                record = fh.read(_ZIP64_EOCD.size)
                if len(record) == _ZIP64_EOCD.size and record.startswith(_ZIP64_EOCD_MAGIC):
                    zip64 = _ZIP64_EOCD.unpack(record)
                    members, directory = zip64[7], zip64[8]
    if members > MAX_MEMBERS:
        raise _zipbomb(path, f"压缩包内有 {members} 个文件")
    if directory > MAX_DIRECTORY_BYTES:
        raise _zipbomb(path, f"压缩包的目录有 {directory // 1024 // 1024} MB")


def _looks_like_a_bomb(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Return True if the highly compressed member `info` inflates to what a zip bomb holds: bytes no XML
    part has (NUL), or markup dense enough to make millions of XML elements. Inflated in chunks and thrown
    away (at most `MAX_PART_BYTES`); a member that cannot be inflated is left to the reader to call damaged.

    A very long narrative (the clerk's text repeated) packs 600 : 1 and more, as a bomb does, but its XML
    is nearly all text."""
    tags = seen = 0
    try:
        with zf.open(info) as fh:
            while seen <= MAX_PART_BYTES:
                chunk = fh.read(1024 * 1024)
                if not chunk:
                    break
                if b"\0" in chunk:
                    return True
                seen += len(chunk)
                tags += chunk.count(b"<")
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError):
        return False
    return tags > seen // MIN_BYTES_PER_TAG


def _check_directory(path: Path, zf: zipfile.ZipFile) -> None:
    """Refuse a zip whose directory promises too many members, too many bytes or a zip-bomb ratio."""
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise _zipbomb(path, f"压缩包内有 {len(infos)} 个文件")
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise DocxFormatError(
            path,
            f"文件解压后共 {total // 1024 // 1024} MB，超出正常 Word 文件的大小，出于安全考虑不予读取",
            "zipbomb",
        )
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_MIN_BYTES and ratio > MAX_RATIO and _looks_like_a_bomb(zf, info):
            raise DocxFormatError(
                path,
                f"文件中的“{info.filename}”压缩比异常（约 {int(ratio)} : 1，"
                f"解压后 {info.file_size // 1024 // 1024} MB），疑为“压缩炸弹”，出于安全考虑不予读取",
                "zipbomb",
            )


def _open_zip(path: Path) -> zipfile.ZipFile:
    """Return the zip at `path` opened after `_check_end_record`. Raises `DocxFormatError`, `OSError`, or
    what `zipfile.ZipFile` raises for a file that is not a zip."""
    _check_end_record(path)
    return zipfile.ZipFile(path)


def _main_part(path: Path, z: _Zip) -> str:
    """Return the zip name of the main document part, following `_rels/.rels`; refuse Strict Open XML."""
    if not z.has("[Content_Types].xml"):
        if z.has("mimetype") and z.read("mimetype").strip() == ODF_TEXT_MIMETYPE:
            raise DocxFormatError(
                path, f"这是 OpenDocument 文本（.odt）格式的文件，不是 .docx；{_SAVE_AS}", "odt", True
            )
        raise DocxFormatError(path, "这是一个普通的 ZIP 压缩包，不是 Word 文档；如报告在压缩包里，请先解压", "zip")
    target = None
    if z.has("_rels/.rels"):
        rels = z.xml("_rels/.rels")
        for rel in rels.iter(
            f"{{{PKG_REL_NS}}}Relationship", "{http://purl.oclc.org/ooxml/package/relationships}Relationship"
        ):
            rtype = rel.get("Type", "")
            if rtype == STRICT_OFFICE_DOCUMENT_REL:
                raise _strict(path)
            if rtype == OFFICE_DOCUMENT_REL:
                target = rel.get("Target", "")
                break
    if target is None:
        if z.has("word/document.xml"):
            target = "word/document.xml"
        elif not z.has("xl/workbook.xml") and not z.has("ppt/presentation.xml"):
            raise DocxFormatError(
                path, "文件中没有 Word 正文部分（word/document.xml），不是 Word 文档或已损坏", "damaged"
            )
    name = posixpath.normpath((target or "").lstrip("/"))
    # an Excel workbook or a PowerPoint deck (their main part named by the package, or found where they keep it)
    if name.startswith("xl/") or (target is None and z.has("xl/workbook.xml")):
        raise DocxFormatError(path, "这是 Excel 表格文件（.xlsx），不是 Word 文档；请选择年度报告的 Word 文件", "xlsx")
    if name.startswith("ppt/") or target is None:
        raise DocxFormatError(
            path, "这是 PowerPoint 演示文稿（.pptx），不是 Word 文档；请选择年度报告的 Word 文件", "pptx"
        )
    if not z.has(name):
        raise DocxFormatError(path, f"文件不完整：缺少正文部分“{name}”，可能已损坏；请在 Word 中打开后另存", "damaged")
    return name


def _strict(path: Path) -> DocxFormatError:
    return DocxFormatError(
        path,
        "这是“Strict Open XML 文档”格式的 .docx（严格模式），本程序不能直接读取；"
        "请在 Word 中打开它，“另存为”普通的“Word 文档（*.docx）”后再打开",
        "strict",
        True,
    )


def _part_rels(z: _Zip, part_name: str) -> dict[str, tuple[str, str, bool]]:
    folder, base = posixpath.split(part_name)
    rels_name = posixpath.join(folder, "_rels", base + ".rels")
    result: dict[str, tuple[str, str, bool]] = {}
    if not z.has(rels_name):
        return result
    root = z.xml(rels_name)
    for rel in root.iter(f"{{{PKG_REL_NS}}}Relationship"):
        external = rel.get("TargetMode", "") == "External"
        target = rel.get("Target", "")
        if not external:
            target = posixpath.normpath(posixpath.join(folder, target)) if not target.startswith("/") else target[1:]
        result[rel.get("Id", "")] = (rel.get("Type", ""), target, external)
    return result


def open_word_package(path: str | os.PathLike[str], *, custom_items: bool = False) -> WordPackage:
    """Return the main document of the `.docx` at `path`, read under the caps of this module.

    With `custom_items`, the package also holds the bytes of the parts that may carry a draft
    (`read_custom_items`), read from the zip already open, and the main part is parsed only when
    `document` is first used (an unchanged export is restored without it): its errors come from there.

    Raises `DocxFormatError` (a `DraftError`) with a Chinese reason when the file is missing, unreadable,
    empty, not a zip (a `.doc`, `.wps`, RTF, HTML, PDF… — named as such), truncated or damaged, a zip bomb
    (too many members, too large, or a compression ratio above `MAX_RATIO`), Strict Open XML, or when a
    part declares a DTD.
    """
    p = Path(path)
    try:
        size = p.stat().st_size
        if p.is_dir():
            raise DocxFormatError(p, "这是一个文件夹，不是 Word 文件", "folder")
        if size > MAX_FILE_BYTES:
            raise DocxFormatError(p, f"文件过大（{size // 1024 // 1024} MB），不是正常的年度报告", "toolarge")
        with p.open("rb") as fh:
            head = fh.read(4096)
    except FileNotFoundError as exc:
        raise DocxFormatError(p, "文件不存在（可能已被移动、删除，或 U 盘已拔出）", "missing") from exc
    except PermissionError as exc:
        raise DocxFormatError(p, "没有读取权限（文件可能正在被其他程序使用）", "denied") from exc
    except OSError as exc:
        raise DocxFormatError(p, f"无法读取（{os_reason(exc)}）", "oserror") from exc
    problem = sniff(p, head)
    if problem is not None:
        raise problem
    try:
        zf = _open_zip(p)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as exc:
        raise DocxFormatError(
            p,
            "文件不完整或已损坏（压缩包结尾缺失，可能复制未完成或 U 盘被提前拔出）；请重新复制或从原处另存",
            "truncated",
        ) from exc
    except OSError as exc:
        raise DocxFormatError(p, f"无法读取（{os_reason(exc)}）", "oserror") from exc
    with zf:
        _check_directory(p, zf)
        z = _Zip(p, zf)
        part_name = _main_part(p, z)
        blob = z.read(part_name)
        # the reader of exports parses the main part only when it must read the print (`document`)
        root = None if custom_items else _document_root(p, part_name, blob)
        rels = _part_rels(z, part_name)
        members = list(z.infos)
        items = read_custom_items(zf) if custom_items else None
    return WordPackage(p, part_name, blob, rels, members, items, root)


def _document_root(path: Path, part_name: str, blob: bytes) -> Any:
    """Return the parsed main document part `blob`; raises `DocxFormatError` unless it is a Word document
    (Strict Open XML named as such)."""
    document = parse_part(path, part_name, blob)
    if document.tag.startswith("{" + STRICT_NS_PREFIX):
        raise _strict(path)
    if document.tag != f"{{{W_NS}}}document":
        raise DocxFormatError(path, "正文部分不是 Word 文档的格式，无法读取", "unknown")
    return document


def read_member(path: str | os.PathLike[str], name: str) -> bytes:
    """Return the bytes of the zip member `name` of the `.docx` at `path`, under the caps of this module.

    Raises `DocxFormatError` when the file or the member cannot be read, is missing, or is too large.
    """
    p = Path(path)
    try:
        with _open_zip(p) as zf:
            _check_directory(p, zf)
            z = _Zip(p, zf)
            if not z.has(name):
                raise DocxFormatError(p, f"文件不完整：缺少“{name}”", "damaged")
            return z.read(name)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as exc:
        raise DocxFormatError(p, "文件不完整或已损坏", "truncated") from exc
    except OSError as exc:
        raise DocxFormatError(p, f"无法读取（{os_reason(exc)}）", "oserror") from exc
