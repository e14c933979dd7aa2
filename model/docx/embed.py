"""The full draft carried inside an exported DOCX: a custom XML part, invisible in Word (issue 3).

`embed_draft()` adds `customXml/itemN.xml` (with its `itemPropsN.xml`), related from the document part,
holding the bytes every exported file carries (`model.reading.carried.item_xml`: the draft's canonical
JSON and its SHA-256), with the SHA-256 of the document part as it will be saved (`<printed>`: the reader
restores an unchanged export without reading its print).

`read_embedded()` finds that part again in any `.docx` — also after Word renumbered the custom XML items —
without trusting the file: it reads with `zipfile` under a size cap and parses with entities, DTDs and
network access disabled. A damaged or foreign part gives `None` or `checksum_ok=False`, never an exception.
"""

from __future__ import annotations

import hashlib
import os
import re
import uuid
import zipfile
from typing import TYPE_CHECKING

from lxml import etree

from model.docx.package import ZIP_READ_ERRORS, read_custom_items
from model.draft import Draft
from model.reading.carried import (
    EMBED_NAMESPACE,
    EMBED_VERSION,
    EmbeddedDraft,
    canonical_json,
    checksum,
    first_item,
    item_xml,
    parse_item,
)

if TYPE_CHECKING:  # python-docx is imported when a draft is embedded, not when one is read
    from docx.document import Document

_DS_NAMESPACE = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"


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
    Call it last: the SHA-256 of the document part is taken here, and any later change to the part makes
    the reader read the print again (slower, never wrong).
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
    blob = item_xml(draft, hashlib.sha256(doc_part.blob).hexdigest())  # the part's bytes as saved
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


def read_embedded(path: str | os.PathLike[str]) -> EmbeddedDraft | None:
    """Return the draft embedded in the `.docx` at `path`, or None when there is none.

    Scans every `customXml/item*.xml` of the zip (Word may renumber them), each read under a size cap of
    16 MB. Never raises on a missing, truncated, non-zip or foreign file: that gives None, and an edited
    part gives `checksum_ok=False`. When several parts of this product are present the first whose checksum
    holds wins.
    """
    blobs: list[bytes] = []
    try:
        with zipfile.ZipFile(path) as zf:
            blobs = read_custom_items(zf)
    except ZIP_READ_ERRORS:
        pass
    return first_item(blobs)


__all__ = [
    "EMBED_NAMESPACE",
    "EMBED_VERSION",
    "EmbeddedDraft",
    "canonical_json",
    "checksum",
    "embed_draft",
    "item_xml",
    "parse_item",
    "read_embedded",
]
