"""Reading a report published as a PDF: its pages as paragraphs and table grids in reading order, then read
as any printed report (`model.reading.printed.read_blocks`).

`import_pdf(path)` reads the pages (`model.published.layout`, PDFium), finds the ruled tables on each
(`model.published.lattice`), joins a table that ends a page with the one that starts the next page when
their outer edges and column lines agree (repeated header rows dropped, rows cut by the page break put back
together), and rebuilds paragraphs from the text lines outside the tables: a line starts a paragraph when
it is indented, follows a short line, changes font size or follows a large gap; page numbers
(「- 3 -」「— 3 —」「第 3 页」) and running headers and footers are dropped. Every table cell keeps the pages
its text was printed on, so a finding can name the page.

A PDF this product exported carries the draft as an embedded file (`DRAFT_ATTACHMENT`, the bytes of
`model.reading.carried.item_xml`): it is restored exactly when what is printed agrees, and what is printed
wins where it differs (finding I8), as for a Word file.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from model.published.cleanup import is_page_number, spread_header_cells
from model.published.errors import PublishedFormatError
from model.published.lattice import (
    PChar,
    Region,
    RuledTable,
    build_table,
    cell_text,
    drop_rows,
    find_regions,
    group_lines,
    join_at_page_break,
    repeated_header_rows,
)
from model.published.layout import PageLayout, Segment, read_layout
from model.reading.blocks import Block, Paragraph, iter_tables
from model.reading.carried import PDF_ATTACHMENT, first_item, use_embedded
from model.reading.printed import ImportResult, MissingTablesError, read_blocks
from model.storage.drafts import DraftError, parse_draft

DRAFT_ATTACHMENT = PDF_ATTACHMENT  # the embedded file of our own PDF export that carries the draft

EDGE_TOLERANCE = 4.0  # pt: outer edges of two table parts that continue each other
COLUMN_MATCH = 0.6  # share of the continuation's column lines that must be the first part's


@dataclass
class _Line:
    page: int
    chars: list[PChar]
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@dataclass
class _Item:
    """One thing on a page in reading order: a text line or a table part."""

    top: float
    line: _Line | None = None
    region: Region | None = None


def _lines(page: PageLayout, regions: list[Region]) -> list[_Line]:
    chars = [PChar(c, page.number) for c in page.chars if not any(r.contains(c) for r in regions)]
    out: list[_Line] = []
    for members in group_lines(chars):
        cs = [m.char for m in members]
        sizes = Counter(round(c.size) for c in cs)
        out.append(
            _Line(
                page.number,
                members,
                cell_text(members),
                min(c.x0 for c in cs),
                max(c.x1 for c in cs),
                min(c.top for c in cs),
                max(c.bottom for c in cs),
                float(sizes.most_common(1)[0][0]),
            )
        )
    return out


def _is_margin_line(line: _Line, height: float, repeated: set[str]) -> bool:
    """Return True for a page number or running header/footer: in the top or bottom margin and either a
    page number or text printed in the margins of several pages."""
    in_margin = line.top < 0.1 * height or line.bottom > 0.88 * height
    return in_margin and (is_page_number(line.text) or line.text in repeated)


def _columns_agree(first: Region, cont: Region) -> bool:
    if abs(first.x0 - cont.x0) > EDGE_TOLERANCE or abs(first.x1 - cont.x1) > EDGE_TOLERANCE:
        return False
    if not cont.xs:
        return True
    matched = sum(1 for x in cont.xs if any(abs(x - y) <= EDGE_TOLERANCE for y in first.xs))
    return matched >= COLUMN_MATCH * len(cont.xs)


def _shifted(seg: Segment, dy: float) -> Segment:
    if seg.horizontal:
        return Segment(True, seg.pos + dy, seg.start, seg.end)
    return Segment(False, seg.pos, seg.start + dy, seg.end + dy)


def _table(parts: list[tuple[Region, PageLayout]]) -> RuledTable:
    """Return the table drawn by the page `parts` (one per page), stacked top to bottom and joined,
    repeated header rows of the continuation parts dropped."""
    segments: list[Segment] = []
    chars: list[PChar] = []
    junctions: list[float] = []
    bottom = 0.0
    for i, (region, page) in enumerate(parts):
        dy = 0.0 if i == 0 else bottom - region.top
        if i:
            junctions.append(bottom)
        segments.extend(_shifted(s, dy) for s in region.segments)
        chars.extend(PChar(c, page.number, dy) for c in page.chars if region.contains(c))
        bottom = region.bottom + dy
    table = build_table(segments, chars)
    for y in reversed(junctions):
        start = next((r for r, top in enumerate(table.row_tops) if top >= y - 2.0), None)
        if start is None or start == 0:
            continue
        table = drop_rows(table, start, repeated_header_rows(table, start))
        table = join_at_page_break(table, start)
    return table


def pdf_blocks(pages: list[PageLayout]) -> list[Block]:
    """Return the report printed on `pages` as paragraphs and tables in reading order (see the module
    docstring)."""
    per_page: list[list[_Item]] = []
    all_lines: list[tuple[_Line, PageLayout]] = []
    for page in pages:
        regions = find_regions(page)
        lines = _lines(page, regions)
        all_lines.extend((ln, page) for ln in lines)
        items = [_Item(r.top, region=r) for r in regions] + [_Item(ln.top, line=ln) for ln in lines]
        items.sort(key=lambda it: it.top)
        per_page.append(items)
    # running headers/footers: the same text in the margins of two or more pages
    margin_texts = Counter(ln.text for ln, pg in all_lines if ln.top < 0.1 * pg.height or ln.bottom > 0.88 * pg.height)
    repeated = {t for t, n in margin_texts.items() if n >= 2}
    for items, page in zip(per_page, pages, strict=True):
        items[:] = [it for it in items if it.line is None or not _is_margin_line(it.line, page.height, repeated)]

    # tables: chains of parts, one per page, each continuing the previous page's last part
    chains: list[list[tuple[Region, PageLayout]]] = []
    chain_of: dict[int, list[tuple[Region, PageLayout]]] = {}
    for i, (items, page) in enumerate(zip(per_page, pages, strict=True)):
        for k, it in enumerate(items):
            if it.region is None:
                continue
            prev_chain = None
            prev_region = per_page[i - 1][-1].region if k == 0 and i > 0 and per_page[i - 1] else None
            if prev_region is not None:
                if _columns_agree(prev_region, it.region):
                    prev_chain = chain_of[id(prev_region)]
            if prev_chain is not None:
                prev_chain.append((it.region, page))
                chain_of[id(it.region)] = prev_chain
            else:
                chain = [(it.region, page)]
                chains.append(chain)
                chain_of[id(it.region)] = chain

    body_lines = [ln for items in per_page for it in items if (ln := it.line) is not None and len(ln.text) >= 12]
    left = Counter(round(ln.x0) for ln in body_lines).most_common(1)
    right = Counter(round(ln.x1) for ln in body_lines).most_common(1)
    body_left = float(left[0][0]) if left else 0.0
    body_right = float(right[0][0]) if right else 1e9

    blocks: list[Block] = []
    current: Paragraph | None = None
    prev: _Line | None = None
    for items in per_page:
        for it in items:
            if it.region is not None:
                chain = chain_of[id(it.region)]
                if chain[0][0] is it.region:
                    blocks.append(_table(chain))
                    current, prev = None, None
                continue
            ln = it.line
            assert ln is not None
            if current is not None and prev is not None and not _starts_paragraph(ln, prev, body_left, body_right):
                current.text += ln.text
            else:
                current = Paragraph(ln.text)
                blocks.append(current)
            prev = ln
    return blocks


def _starts_paragraph(line: _Line, prev: _Line, body_left: float, body_right: float) -> bool:
    """Return True when `line` begins a new paragraph after `prev`."""
    size = max(line.size, 1.0)
    if abs(line.size - prev.size) > 0.15 * max(line.size, prev.size):  # title, headings in another size
        return True
    if line.x0 > body_left + 0.7 * size:  # indented first line, centred or right-aligned text
        return True
    if prev.x1 < body_right - 1.5 * size:  # the previous line ended short
        return True
    if line.page == prev.page and line.top - prev.bottom > 1.5 * size:
        return True
    return False


def _picture_hint(pages: list[PageLayout]) -> str:
    if any(pg.images for pg in pages):
        return "；文件中有图片，表格可能是以图片形式插入的，本程序无法读取图片中的数字，请手工录入"
    return ""


def _import(p: Path) -> ImportResult:
    content = read_layout(p)
    blocks = pdf_blocks(content.pages)
    spread_header_cells(list(iter_tables(blocks)))
    printed: ImportResult | None = None
    failure: str | None = None
    try:
        printed = read_blocks(blocks)
    except MissingTablesError as exc:
        failure = exc.reason + _picture_hint(content.pages)
    result = use_embedded(first_item(content.attachments), lambda data: parse_draft(data, p), printed, failure)
    if result is not None:
        return result
    if printed is None:
        raise PublishedFormatError(p, failure or "", "notables")
    return printed


def import_pdf(path: str | os.PathLike[str]) -> ImportResult:
    """Return the report in the PDF at `path` as a draft with the findings made while reading it.

    Our own export is restored from the draft it carries (`source` 'embedded'); any other report is read
    from its printed tables and text (`source` 'printed'), with `places` naming the page of every figure.

    Raises `PublishedFormatError` (a `DraftError`) with a Chinese reason naming the file: a scanned PDF
    (pictures without a text layer: type it in or convert it with OCR), an encrypted, damaged or empty one,
    or which of 表二/表三/表四 was not found.
    """
    p = Path(path)
    try:
        return _import(p)
    except DraftError:
        raise
    except RecursionError as exc:
        raise PublishedFormatError(p, "文件结构嵌套过深，不是正常的 PDF 文件，出于安全考虑不予读取", "damaged") from exc
    except Exception as exc:  # untrusted input: never let a malformed file crash the program
        raise PublishedFormatError(
            p, f"文件内容无法解析（{type(exc).__name__}）；请向发布单位索取 Word 文件或重新下载", "damaged"
        ) from exc
