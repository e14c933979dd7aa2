"""The draft a published file carries inside it, whatever the file: its format and how it is used.

This product writes the whole draft into every file it exports, invisibly: a DOCX as a custom XML part
(`model.docx.embed`), a PDF as an embedded file, a web page as a `<script>` element (`model.published`).
Each carries the same bytes, `item_xml(draft)`: the draft's JSON (`Draft.to_json()`, canonical form) and
the SHA-256 of that JSON; a DOCX adds the SHA-256 of its main document part as exported (`<printed>`)::

    <draft xmlns="urn:nianbao:draft:1" version="1">
      <sha256>…64 hex digits…</sha256>
      <json>{"agency":"…",…}</json>
      <printed>…64 hex digits…</printed>
    </draft>

`parse_item()` reads them back without trusting the file (no entities, no DTD, no network, a size cap);
`use_embedded()` puts the carried draft and what is printed together: the carried draft is restored
exactly when what is printed agrees with it, and what is printed wins where it differs (finding I8).
`restore_unchanged()` restores it without reading the print when the print is, byte for byte, the one it
was exported with (a DOCX whose main part still has the `<printed>` SHA-256): what the county receives
from the units is mostly that, and is then read in a tenth of the time. Changing the print and writing its
new SHA-256 into the part takes a deliberate edit of the zip's XML; Word, WPS and LibreOffice never do it.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from lxml import etree

from model.draft import Draft
from model.findings import Cell, Finding
from model.reading.printed import (
    SOURCE_EMBEDDED,
    SOURCE_PRINTED,
    ImportResult,
    examples,
    merge_embedded,
    reading_finding,
)

EMBED_NAMESPACE = "urn:nianbao:draft:1"
EMBED_VERSION = 1
# the embedded file of our PDF export (printing.render) that carries the draft, and its MIME type
PDF_ATTACHMENT = "nianbao-draft.xml"
PDF_ATTACHMENT_MIME = "application/xml"
ROOT_TAG = f"{{{EMBED_NAMESPACE}}}draft"

# An embedded draft is a few hundred KB at most; anything far larger is not ours (or a bomb).
MAX_ITEM_BYTES = 16 * 1024 * 1024


@dataclass
class EmbeddedDraft:
    """The draft found inside a file: `data`, the decoded JSON dict as `Draft.to_json()` wrote it (not yet
    validated against the draft schema), and `checksum_ok`, False when the JSON no longer matches the
    SHA-256 stored beside it (the part was edited outside this product); `printed`, the SHA-256 of the main
    document part it was exported with (a DOCX; '' elsewhere, or when absent or not 64 hex digits)."""

    data: dict[str, Any]
    checksum_ok: bool
    printed: str = ""


def canonical_json(data: dict[str, Any]) -> str:
    """Return `data` as the canonical JSON text that is embedded and checksummed.

    Keys sorted, no whitespace, Chinese kept as is; control characters are escaped by `json`, so the
    text holds no raw line breaks that an XML round trip could normalise.
    """
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def checksum(data: dict[str, Any]) -> str:
    """Return the SHA-256 (64 hex digits) of `canonical_json(data)` encoded as UTF-8."""
    return hashlib.sha256(canonical_json(data).encode("utf-8")).hexdigest()


def item_xml(draft: Draft, printed: str = "") -> bytes:
    """Return the bytes that carry `draft` inside an exported file (UTF-8 XML, see the module docstring);
    `printed`, the SHA-256 (64 hex digits) of the DOCX main document part the draft goes with, or ''."""
    data = draft.to_json()
    root = etree.Element(ROOT_TAG, nsmap={None: EMBED_NAMESPACE})
    root.set("version", str(EMBED_VERSION))
    etree.SubElement(root, f"{{{EMBED_NAMESPACE}}}sha256").text = checksum(data)
    etree.SubElement(root, f"{{{EMBED_NAMESPACE}}}json").text = canonical_json(data)
    if printed:
        etree.SubElement(root, f"{{{EMBED_NAMESPACE}}}printed").text = printed
    result: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return result


def _safe_parser() -> etree.XMLParser:
    # huge_tree: the draft's JSON is one text node, over lxml's 10 MB limit for a draft with very long texts;
    # the part is read only under MAX_ITEM_BYTES, entities are never expanded and a DTD is refused
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=True
    )


def parse_item(blob: bytes) -> EmbeddedDraft | None:
    """Return the draft held by `blob` (the bytes `item_xml` wrote), or None if they are not this product's.

    None also for bytes that are not XML, declare a DTD (entities are never expanded), exceed 16 MB, or
    whose JSON is not a JSON object. JSON that decodes but no longer matches its SHA-256 gives
    `checksum_ok=False`.
    """
    if len(blob) > MAX_ITEM_BYTES:
        return None
    try:
        tree = etree.fromstring(blob, _safe_parser()).getroottree()
    except (etree.XMLSyntaxError, ValueError):
        return None
    if tree.docinfo.doctype:
        return None
    root = tree.getroot()
    if root.tag != ROOT_TAG:
        return None
    text = root.findtext(f"{{{EMBED_NAMESPACE}}}json")
    stored = (root.findtext(f"{{{EMBED_NAMESPACE}}}sha256") or "").strip().lower()
    if not text:
        return None
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    printed = (root.findtext(f"{{{EMBED_NAMESPACE}}}printed") or "").strip().lower()
    return EmbeddedDraft(
        data=data, checksum_ok=stored == checksum(data), printed=printed if _SHA256.fullmatch(printed) else ""
    )


_SHA256 = re.compile("[0-9a-f]{64}")


def restore_unchanged(
    found: EmbeddedDraft | None, printed_sha256: str, parse: Callable[[dict[str, Any]], Draft]
) -> ImportResult | None:
    """Return the draft `found` restored exactly (`source` 'embedded', no findings) when the print it goes
    with is unchanged since the export: `printed_sha256`, the SHA-256 of the file's main document part, is
    the one recorded beside the draft; None otherwise, or when the draft was edited (checksum) or `parse`
    refuses it (then the print is read, and `use_embedded` says why).

    The print of such a file is the one the export wrote from this very draft, so reading it would find no
    difference (finding I8) and nothing else to say.
    """
    if found is None or not found.checksum_ok or found.printed != printed_sha256:
        return None
    try:
        draft = parse(found.data)
    except Exception:  # untrusted JSON: whatever `parse` refuses is met again when the print is read
        return None
    return ImportResult(draft, [], SOURCE_EMBEDDED)


def first_item(blobs: Iterable[bytes]) -> EmbeddedDraft | None:
    """Return the draft of the first of `blobs` that is this product's with its checksum holding, else the
    first that is this product's at all, else None."""
    found: EmbeddedDraft | None = None
    for blob in blobs:
        result = parse_item(blob)
        if result is None:
            continue
        if result.checksum_ok:
            return result
        found = found or result
    return found


def use_embedded(
    found: EmbeddedDraft | None,
    parse: Callable[[dict[str, Any]], Draft],
    printed: ImportResult | None,
    unreadable: str | None,
) -> ImportResult | None:
    """Return the report read with the draft `found` inside the file, or None when there is none to use.

    `parse` validates the carried JSON into a `Draft` and raises (a `DraftError`, whose `reason` is shown)
    when it cannot; `printed` is what the file prints (None when it could not be read, `unreadable` then
    saying why). A carried draft that was edited (checksum) or is invalid is left aside with finding I9; a
    carried draft that agrees with what is printed is restored exactly (`source` 'embedded'); where they
    differ, what is printed wins and finding I8 names every difference.
    """
    if found is None:
        return None
    file_cell = (Cell("basic", "file"),)
    if not found.checksum_ok:
        if printed is None:
            return None
        printed.findings.append(
            reading_finding(
                "I9", "basic", "文件内嵌的草稿数据已被改动或损坏（校验值不符），已按打印的表格和文字读入", file_cell
            )
        )
        return printed
    try:
        embedded = parse(found.data)
    except Exception as exc:  # the carried JSON is untrusted: whatever `parse` refuses, the print is used
        if printed is None:
            return None
        reason = getattr(exc, "reason", str(exc))
        printed.findings.append(
            reading_finding(
                "I9", "basic", f"文件内嵌的草稿数据无法使用（{reason}），已按打印的表格和文字读入", file_cell
            )
        )
        return printed
    if printed is None:
        missing = unreadable or "打印内容无法读取"
        return ImportResult(
            embedded,
            [
                reading_finding(
                    "I8", "basic", f"打印的文件不完整（{missing}），已按文件内嵌的草稿读入；请核对打印件", file_cell
                )
            ],
            SOURCE_PRINTED,
        )
    merged, differences = merge_embedded(embedded, printed)
    if not differences:
        return ImportResult(embedded, [], SOURCE_EMBEDDED, printed.places)
    finding = reading_finding(
        "I8",
        "basic",
        "打印的内容与文件内嵌的草稿不一致（导出后又改过），已按打印内容读入，请核对：" + examples(differences, 5),
        file_cell,
        params={"differences": differences},
    )
    if merged.explanations.get(finding.key, "").strip():
        finding = Finding(**{**finding.__dict__, "explained": True})
    return ImportResult(merged, [finding, *printed.findings], SOURCE_PRINTED, printed.places)
