"""The full draft carried inside an exported DOCX: a custom XML part, invisible in Word (issue 3).

`embed_draft()` adds `customXml/itemN.xml` (with its `itemPropsN.xml`), related from the document part,
holding the draft's JSON (`Draft.to_json()`, canonical form) and the SHA-256 of that JSON::

    <draft xmlns="urn:nianbao:draft:1" version="1">
      <sha256>…64 hex digits…</sha256>
      <json>{"agency":"…",…}</json>
    </draft>

`read_embedded()` finds that part again in any `.docx` — also after Word renumbered the custom XML items —
without trusting the file: it reads with `zipfile` under a size cap and parses with entities, DTDs and
network access disabled. A damaged or foreign part gives `None` or `checksum_ok=False`, never an exception.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import uuid
import zipfile
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from lxml import etree

from model.draft import Draft

if TYPE_CHECKING:  # python-docx is imported when a draft is embedded, not when one is read
    from docx.document import Document

EMBED_NAMESPACE = "urn:nianbao:draft:1"
EMBED_VERSION = 1

_DS_NAMESPACE = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"
_ROOT_TAG = f"{{{EMBED_NAMESPACE}}}draft"
_CUSTOM_ITEM = re.compile(r"^customXml/item\d*\.xml$", re.IGNORECASE)

# An embedded draft is a few hundred KB at most; anything far larger is not ours (or a zip bomb).
MAX_ITEM_BYTES = 16 * 1024 * 1024
MAX_ITEMS_SCANNED = 64


@dataclass
class EmbeddedDraft:
    """The draft found inside a DOCX: `data`, the decoded JSON dict as `Draft.to_json()` wrote it (not yet
    validated against the draft schema), and `checksum_ok`, False when the JSON no longer matches the
    SHA-256 stored beside it (the part was edited outside this product)."""

    data: dict[str, Any]
    checksum_ok: bool


def canonical_json(data: dict[str, Any]) -> str:
    """Return `data` as the canonical JSON text that is embedded and checksummed.

    Keys sorted, no whitespace, Chinese kept as is; control characters are escaped by `json`, so the
    text holds no raw line breaks that an XML round trip could normalise.
    """
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def checksum(data: dict[str, Any]) -> str:
    """Return the SHA-256 (64 hex digits) of `canonical_json(data)` encoded as UTF-8."""
    return hashlib.sha256(canonical_json(data).encode("utf-8")).hexdigest()


def item_xml(draft: Draft) -> bytes:
    """Return the bytes of the custom XML part holding `draft` (UTF-8 XML, see the module docstring)."""
    data = draft.to_json()
    root = etree.Element(_ROOT_TAG, nsmap={None: EMBED_NAMESPACE})
    root.set("version", str(EMBED_VERSION))
    etree.SubElement(root, f"{{{EMBED_NAMESPACE}}}sha256").text = checksum(data)
    etree.SubElement(root, f"{{{EMBED_NAMESPACE}}}json").text = canonical_json(data)
    result: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return result


def _props_xml(item_id: str) -> bytes:
    ds = _DS_NAMESPACE
    root = etree.Element(f"{{{ds}}}datastoreItem", nsmap={"ds": ds})
    root.set(f"{{{ds}}}itemID", item_id)
    refs = etree.SubElement(root, f"{{{ds}}}schemaRefs")
    etree.SubElement(refs, f"{{{ds}}}schemaRef").set(f"{{{ds}}}uri", EMBED_NAMESPACE)
    result: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=False)
    return result


def _is_our_item(blob: bytes) -> bool:
    return parse_item(blob) is not None


def embed_draft(document: Document, draft: Draft) -> None:
    """Add `draft` to `document` as a custom XML part related from the document part.

    An earlier embedded draft of this product in `document` is replaced, so the document carries exactly
    one. The part is invisible in Word and kept by Word, WPS and LibreOffice when they save the file.
    """
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    doc_part = document.part
    package = doc_part.package
    assert package is not None
    for rid, rel in list(doc_part.rels.items()):
        if rel.reltype == RT.CUSTOM_XML and not rel.is_external and _is_our_item(rel.target_part.blob):
            doc_part.drop_rel(rid)
    blob = item_xml(draft)
    partname = package.next_partname("/customXml/item%d.xml")
    number = re.sub(r"\D", "", partname.filename)
    # a stable item id (same draft, same id) keeps repeated exports byte-comparable
    digest = hashlib.sha256(blob).hexdigest()
    item_id = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"{EMBED_NAMESPACE}/{digest}")).upper() + "}"
    item = Part(partname, CT.XML, blob, package)
    props_name = PackURI(f"/customXml/itemProps{number}.xml")
    props = Part(props_name, CT.OFC_CUSTOM_XML_PROPERTIES, _props_xml(item_id), package)
    item.relate_to(props, RT.CUSTOM_XML_PROPS)
    doc_part.relate_to(item, RT.CUSTOM_XML)


def _safe_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
    )


def parse_item(blob: bytes) -> EmbeddedDraft | None:
    """Return the draft held by the custom XML part `blob`, or None if it is not this product's part.

    None also for a part that is not XML, declares a DTD (entities are never expanded), or whose JSON is
    not a JSON object. A part whose JSON decodes but no longer matches its SHA-256 gives
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
    if root.tag != _ROOT_TAG:
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
    return EmbeddedDraft(data=data, checksum_ok=stored == checksum(data))


def read_embedded(path: str | os.PathLike[str]) -> EmbeddedDraft | None:
    """Return the draft embedded in the `.docx` at `path`, or None when there is none.

    Scans every `customXml/item*.xml` of the zip (Word may renumber them), each read under a size cap of
    16 MB. Never raises on a missing, truncated, non-zip or foreign file: that gives None, and an edited
    part gives `checksum_ok=False`. When several parts of this product are present the first whose checksum
    holds wins.
    """
    found: EmbeddedDraft | None = None
    try:
        with zipfile.ZipFile(path) as zf:
            names = [i for i in zf.infolist() if _CUSTOM_ITEM.match(i.filename)][:MAX_ITEMS_SCANNED]
            for info in sorted(names, key=lambda i: i.filename):
                if info.file_size > MAX_ITEM_BYTES:
                    continue
                with zf.open(info) as fh:
                    blob = fh.read(MAX_ITEM_BYTES + 1)
                result = parse_item(blob)
                if result is None:
                    continue
                if result.checksum_ok:
                    return result
                found = found or result
    except (
        OSError,
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        EOFError,
        RuntimeError,
        NotImplementedError,
        ValueError,
    ):
        return found
    return found
