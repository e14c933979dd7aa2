"""Reading a Word report into a draft: our own exports exactly, official-layout reports made by others as printed.

`import_docx(path)` opens the file as untrusted input (`model.docx.package`), walks its body into blocks
(`model.docx.walker`) and reads them as any printed report is read (`model.reading.printed`: tables 二, 三
and 四 found by their labels, the narrative by the six headings). It returns an `ImportResult`: the draft,
the findings made while reading (rules I1–I14 of `docs/rules.md`) and where the draft came from.

A DOCX exported by this product carries the whole draft inside it (`model.docx.embed`). It is restored
exactly, unless the printed tables or text were changed in Word afterwards: then what is printed wins and
a finding (I8) names what differs. Files Word 2007+ readers cannot open (.doc, .wps, RTF, Strict Open XML,
content held only as embedded HTML) are converted with LibreOffice when it is installed (finding I10), or
refused with a message saying what they are and what to do.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from model.docx.convert import ConversionError, converted_to_docx
from model.docx.package import DocxFormatError, WordPackage, open_word_package, read_member
from model.docx.walker import body_blocks
from model.findings import Cell
from model.reading.carried import first_item, restore_unchanged, use_embedded
from model.reading.printed import ImportResult, MissingTablesError, read_blocks, reading_finding
from model.storage.drafts import DraftError, parse_draft

# ---------------------------------------------------------------------------------------------------------
# The printed report, the embedded draft, and the two compared


def read_printed(path: str | os.PathLike[str]) -> ImportResult:
    """Return the report printed in the `.docx` at `path`, ignoring any embedded draft.

    Raises `DocxFormatError` (a `DraftError`) when the file cannot be read or a table is missing.
    """
    p = Path(path)
    return _printed(p, open_word_package(p))


def _printed(p: Path, package: WordPackage) -> ImportResult:
    """Return the report printed in the opened `package` of the `.docx` at `p` (see `read_printed`)."""
    blocks, stats = body_blocks(package.document)
    try:
        result = read_blocks(blocks)
    except MissingTablesError as exc:
        alt_parts = [
            package.rels[rid][1] for rid in stats.alt_chunks if rid in package.rels and not package.rels[rid][2]
        ]
        if alt_parts:
            raise DocxFormatError(
                p,
                "正文内容是以“嵌入网页”（altChunk）方式插入的，本程序不能直接读取其中的表格；请在 Word 中打开它，"
                "全选复制到新建的 Word 文档后另存为 .docx 再打开",
                "altchunk",
                True,
                alt_parts,
            ) from exc
        raise DocxFormatError(p, exc.reason, "notables") from exc
    findings = result.findings
    if stats.tracked_changes:
        findings.append(
            reading_finding(
                "I11",
                "basic",
                f"文件中有 {stats.tracked_changes} 处未接受或拒绝的修订（修订痕迹），已按“接受全部修订”后的内容读入",
                (Cell("basic", "file"),),
                params={"count": stats.tracked_changes},
            )
        )
    if stats.alt_chunks:
        findings.append(
            reading_finding(
                "I13",
                "basic",
                f"文件中有 {len(stats.alt_chunks)} 处以“嵌入网页”（altChunk）方式插入的内容，未读取，"
                "请核对文字是否完整",
                (Cell("basic", "file"),),
            )
        )
    return result


def _import(p: Path) -> ImportResult:
    """Return the report in `p`; an unexpected failure on a hostile or broken file becomes a `DraftError`."""
    try:
        return _import_checked(p)
    except DraftError:
        raise
    except RecursionError as exc:
        raise DocxFormatError(p, "文件结构嵌套过深，不是正常的 Word 文件，出于安全考虑不予读取", "nested") from exc
    except Exception as exc:  # untrusted input: never let a malformed file crash the program
        raise DocxFormatError(
            p,
            f"文件内容无法解析（{type(exc).__name__}）；请在 Word 或 WPS 中打开它，另存为 .docx 后再试",
            "damaged",
        ) from exc


def _import_checked(p: Path) -> ImportResult:
    package = open_word_package(p, custom_items=True)  # the zip opened once: the print and the draft inside
    found = first_item(package.custom_items or [])
    unchanged = restore_unchanged(found, package.document_sha256, lambda data: parse_draft(data, p))
    if unchanged is not None:  # the print is the one exported with the draft: nothing in it to read
        return unchanged
    printed: ImportResult | None = None
    failure: DocxFormatError | None = None
    try:
        printed = _printed(p, package)
    except DocxFormatError as exc:
        if exc.kind not in ("notables", "altchunk"):
            raise
        failure = exc
    result = use_embedded(
        found, lambda data: parse_draft(data, p), printed, failure.reason if failure is not None else None
    )
    if result is not None:
        return result
    if printed is None:
        assert failure is not None
        raise failure
    return printed


_KIND_NAMES = {
    "doc": "Word 97-2003 格式（.doc）的文件",
    "wps": "WPS 文字格式（.wps）的文件",
    "rtf": "RTF 格式的文件",
    "html": "网页格式的文件",
    "word2003xml": "Word 2003 XML 格式的文件",
    "odt": "OpenDocument 文本（.odt）",
    "strict": "Strict Open XML 格式的 .docx",
    "altchunk": "以“嵌入网页”方式保存正文的 .docx",
    "damaged": "使用了特殊压缩方式的 .docx",
}


_CHUNK_KINDS = {
    ".htm": "html",
    ".html": "html",
    ".xhtml": "html",
    ".mht": "html",
    ".mhtml": "html",
    ".rtf": "rtf",
    ".docx": "altchunk",
    ".txt": "html",
}
_BODY = re.compile(rb"<body[^>]*>(.*?)</body>", re.IGNORECASE | re.DOTALL)


def _alt_chunk_file(path: Path, parts: list[str], folder: Path) -> tuple[Path, str]:
    """Write the content of the `w:altChunk` `parts` of `path` as one file in `folder` for LibreOffice;
    return it and its kind. Several HTML chunks are joined into one page; otherwise the largest is used."""
    blobs = [(name, read_member(path, name)) for name in parts]
    suffixes = {Path(name).suffix.lower() for name, _ in blobs}
    if len(blobs) > 1 and suffixes <= {".htm", ".html", ".xhtml"}:
        bodies = [m.group(1) if (m := _BODY.search(blob)) else blob for _, blob in blobs]
        target = folder / "chunks.html"
        target.write_bytes(b"<html><head><meta charset='utf-8'></head><body>" + b"".join(bodies) + b"</body></html>")
        return target, "html"
    name, blob = max(blobs, key=lambda nb: len(nb[1]))
    suffix = Path(name).suffix.lower()
    target = folder / ("chunk" + (suffix if suffix in _CHUNK_KINDS else ".html"))
    target.write_bytes(blob)
    return target, _CHUNK_KINDS.get(suffix, "html")


def import_docx(path: str | os.PathLike[str], *, convert: bool = True) -> ImportResult:
    """Return the report in the Word file at `path` as a draft with the findings made while reading it.

    Our own export is restored from its embedded draft (`source` 'embedded'); any other official-layout
    report is read from its printed tables and text (`source` 'printed'). With `convert` (the default), a
    file LibreOffice can turn into a `.docx` (.doc, .wps, RTF, Strict Open XML, content in `w:altChunk`) is
    converted when LibreOffice is installed, and finding I10 says so.

    Raises `DraftError` with a Chinese reason naming the file when it cannot be read: what kind of file it
    is and what to do (「这是 Word 97-2003 格式（.doc）的文件…另存为 .docx」), damaged or truncated, a zip bomb,
    no tables, or which of 表二/表三/表四 was not found.
    """
    p = Path(path)
    try:
        return _import(p)
    except DocxFormatError as exc:
        if not (convert and exc.convertible):
            raise
        original = exc
    try:
        if original.kind == "altchunk" and original.parts:
            with tempfile.TemporaryDirectory(prefix="nianbao-chunk-") as tmp:
                chunk, kind = _alt_chunk_file(p, original.parts, Path(tmp))
                with converted_to_docx(chunk, kind) as converted:
                    result = import_docx(converted, convert=False)
        else:
            with converted_to_docx(p, original.kind) as converted:
                result = import_docx(converted, convert=False)
    except ConversionError as exc:
        raise DraftError(p, f"{original.reason}（{exc}）") from exc
    except DraftError as exc:
        raise DraftError(p, f"{original.reason}（已尝试用 LibreOffice 自动转换，但转换后的文件{exc.reason}）") from exc
    name = _KIND_NAMES.get(original.kind, "不是 .docx 格式的文件")
    result.findings.insert(
        0,
        reading_finding(
            "I10",
            "basic",
            f"这是{name}，已用 LibreOffice 自动转换后读入，请核对数字和文字；建议在 Word 或 WPS 中另存为 .docx",
            (Cell("basic", "file"),),
        ),
    )
    return result
