"""Walking a WordprocessingML body into paragraphs and table grids, reading the text a printout shows.

python-docx's `Document.tables` sees only tables standing directly in the body. Word files from the field
hold them inside content controls (`w:sdt` around the table, its rows or its cells), custom XML elements,
layout tables, text boxes (`w:txbxContent`, in `mc:AlternateContent` choices), with rows that start late
(`w:gridBefore`), cells merged across (`w:gridSpan`, the legacy `w:hMerge`) and down (`w:vMerge`), and text
wrapped in tracked changes, smart tags, hyperlinks and fields. This module walks the XML itself:

- `body_blocks(document)` returns the body as `Paragraph` and `Table` blocks in reading order, the
  content of text boxes following the paragraph that anchors them;
- a `Table` holds a rectangular grid of `GridText` cells (a merged cell is the same object in every grid
  position it covers) and the blocks inside its cells (for layout tables);
- text is the *accepted* text: insertions kept, deletions dropped, field instructions (`=SUM(LEFT)`)
  dropped and field results kept, hidden text and unfilled content-control placeholders dropped.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from model.docx.package import MC_NS, R_NS, W_NS
from model.reading.blocks import Block, GridText, Paragraph, Table

_W = f"{{{W_NS}}}"
_MC = f"{{{MC_NS}}}"
_M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"

# Inline wrappers whose children are read as if they stood in their place.
_TRANSPARENT = {
    f"{_W}{n}" for n in ("ins", "moveTo", "smartTag", "customXml", "hyperlink", "fldSimple", "dir", "bdo", "sdtContent")
}
# Inline elements whose content is not printed text.
_DROPPED = {f"{_W}{n}" for n in ("del", "moveFrom", "pPr", "rPr", "sdtPr", "sdtEndPr", "customXmlPr", "smartTagPr")}


MAX_GRID_COLUMNS = 64  # Word allows 63 columns in a table


@dataclass
class WalkStats:
    """What the walk met that the import reports: tracked changes, content held in `w:altChunk`."""

    tracked_changes: int = 0
    alt_chunks: list[str] = field(default_factory=list)


def _on(el: Any, name: str) -> bool:
    """Return True if the toggle property `name` (w:vanish, w:webHidden…) is set on the properties `el`."""
    if el is None:
        return False
    prop = el.find(f"{_W}{name}")
    if prop is None:
        return False
    return prop.get(f"{_W}val", "true").lower() not in ("0", "false", "off")


def _choice(el: Any) -> Any | None:
    """Return the branch of `mc:AlternateContent` to read: its first `mc:Choice`, else `mc:Fallback`."""
    for tag in (f"{_MC}Choice", f"{_MC}Fallback"):
        branch = el.find(tag)
        if branch is not None:
            return branch
    return None


def _placeholder(sdt: Any) -> bool:
    """Return True when the content control `sdt` shows its placeholder prompt, not content."""
    pr = sdt.find(f"{_W}sdtPr")
    return pr is not None and _on(pr, "showingPlcHdr")


class _Walker:
    """Walks one document; keeps the field state (which can span runs and paragraphs) and statistics."""

    def __init__(self) -> None:
        self.fields: list[str] = []  # per open complex field: 'code' until fldChar separate, then 'result'
        self.stats = WalkStats()

    # -- inline text ------------------------------------------------------------------------------------

    def _visible(self) -> bool:
        return all(state == "result" for state in self.fields)

    def _run(self, run: Any, out: list[str], boxes: list[Any]) -> None:
        hidden = _on(run.find(f"{_W}rPr"), "vanish")
        for child in run:
            tag = child.tag
            if tag == f"{_W}fldChar":
                kind = child.get(f"{_W}fldCharType")
                if kind == "begin":
                    self.fields.append("code")
                elif kind == "separate" and self.fields:
                    self.fields[-1] = "result"
                elif kind == "end" and self.fields:
                    self.fields.pop()
                continue
            if tag in (f"{_W}drawing", f"{_W}pict", f"{_MC}AlternateContent", f"{_W}object"):
                boxes.extend(_text_boxes(child))
                continue
            if hidden or not self._visible():
                continue
            if tag == f"{_W}t":
                out.append(child.text or "")
            elif tag in (f"{_W}tab", f"{_W}ptab"):
                out.append("\t")
            elif tag in (f"{_W}br", f"{_W}cr"):
                out.append("\n")
            elif tag == f"{_W}noBreakHyphen":
                out.append("-")
            # w:delText, w:instrText, w:softHyphen, w:sym, footnote references…: not printed text

    def _inline(self, el: Any, out: list[str], boxes: list[Any]) -> None:
        for child in el:
            tag = child.tag
            if tag == f"{_W}r":
                self._run(child, out, boxes)
            elif tag in _DROPPED:
                if tag in (f"{_W}del", f"{_W}moveFrom"):
                    self.stats.tracked_changes += 1
            elif tag == f"{_W}sdt":
                if not _placeholder(child):
                    content = child.find(f"{_W}sdtContent")
                    if content is not None:
                        self._inline(content, out, boxes)
            elif tag in _TRANSPARENT:
                if tag in (f"{_W}ins", f"{_W}moveTo"):
                    self.stats.tracked_changes += 1
                self._inline(child, out, boxes)
            elif tag == f"{_MC}AlternateContent":
                branch = _choice(child)
                if branch is not None:
                    self._inline(branch, out, boxes)
            elif tag in (f"{_M}oMath", f"{_M}oMathPara"):
                if self._visible():
                    out.append("".join(t.text or "" for t in child.iter(f"{_M}t")))

    def paragraph(self, p: Any, depth: int) -> list[Block]:
        """Return the paragraph `p` and then the blocks of the text boxes it anchors."""
        out: list[str] = []
        boxes: list[Any] = []
        self._inline(p, out, boxes)
        ppr = p.find(f"{_W}pPr")
        style = ""
        if ppr is not None:
            st = ppr.find(f"{_W}pStyle")
            if st is not None:
                style = st.get(f"{_W}val", "")
        blocks: list[Block] = [Paragraph("".join(out), style)]
        for box in boxes:
            blocks.extend(self.blocks(box, depth))
        return blocks

    # -- blocks -----------------------------------------------------------------------------------------

    def blocks(self, container: Any, depth: int = 0) -> list[Block]:
        """Return the block-level content of `container` (body, cell, text box, content control)."""
        out: list[Block] = []
        for child in container:
            tag = child.tag
            if tag == f"{_W}p":
                out.extend(self.paragraph(child, depth))
            elif tag == f"{_W}tbl":
                out.append(self.table(child, depth))
            elif tag == f"{_W}sdt":
                if not _placeholder(child):
                    content = child.find(f"{_W}sdtContent")
                    if content is not None:
                        out.extend(self.blocks(content, depth))
            elif tag in (f"{_W}customXml", f"{_W}ins", f"{_W}moveTo"):
                out.extend(self.blocks(child, depth))
            elif tag == f"{_MC}AlternateContent":
                branch = _choice(child)
                if branch is not None:
                    out.extend(self.blocks(branch, depth))
            elif tag == f"{_W}altChunk":
                self.stats.alt_chunks.append(child.get(f"{{{R_NS}}}id", ""))
        return out

    # -- tables -----------------------------------------------------------------------------------------

    def _rows(self, tbl: Any) -> Iterator[Any]:
        for child in tbl:
            tag = child.tag
            if tag == f"{_W}tr":
                trpr = child.find(f"{_W}trPr")
                if trpr is not None and trpr.find(f"{_W}del") is not None:
                    self.stats.tracked_changes += 1
                    continue  # a row deleted with tracked changes on
                yield child
            elif tag == f"{_W}sdt":
                content = child.find(f"{_W}sdtContent")
                if content is not None:
                    yield from self._rows(content)
            elif tag in (f"{_W}customXml", f"{_W}ins", f"{_W}moveTo"):
                yield from self._rows(child)
            elif tag == f"{_MC}AlternateContent":
                branch = _choice(child)
                if branch is not None:
                    yield from self._rows(branch)

    def _cells(self, tr: Any) -> Iterator[Any]:
        for child in tr:
            tag = child.tag
            if tag == f"{_W}tc":
                yield child
            elif tag == f"{_W}sdt":
                content = child.find(f"{_W}sdtContent")
                if content is not None:
                    yield from self._cells(content)
            elif tag in (f"{_W}customXml", f"{_W}ins", f"{_W}moveTo"):
                yield from self._cells(child)
            elif tag == f"{_MC}AlternateContent":
                branch = _choice(child)
                if branch is not None:
                    yield from self._cells(branch)

    def table(self, tbl: Any, depth: int) -> Table:
        """Return the grid of `tbl`, spans and merges resolved; nested tables become blocks of their cell."""
        grid: list[list[GridText | None]] = []
        for r, tr in enumerate(self._rows(tbl)):
            row: list[GridText | None] = []
            trpr = tr.find(f"{_W}trPr")
            before = min(_int_val(trpr, "gridBefore"), MAX_GRID_COLUMNS) if trpr is not None else 0
            row.extend([None] * before)
            for tc in self._cells(tr):
                tcpr = tc.find(f"{_W}tcPr")
                span = min(max(1, _int_val(tcpr, "gridSpan")), MAX_GRID_COLUMNS) if tcpr is not None else 1
                if len(row) + span > MAX_GRID_COLUMNS:
                    break  # Word tables have at most 63 columns; a hostile span must not blow up the grid
                vmerge = tcpr.find(f"{_W}vMerge") if tcpr is not None else None
                hmerge = tcpr.find(f"{_W}hMerge") if tcpr is not None else None
                col = len(row)
                if vmerge is not None and vmerge.get(f"{_W}val", "continue") == "continue" and r > 0:
                    above = grid[r - 1][col] if col < len(grid[r - 1]) else None
                    if above is not None:
                        if above.row + above.rowspan == r:
                            above.rowspan += 1
                        row.extend([above] * span)
                        continue
                if hmerge is not None and hmerge.get(f"{_W}val", "continue") == "continue" and row:
                    left = row[-1]
                    if left is not None:
                        left.colspan += span
                        row.extend([left] * span)
                        continue
                saved, self.fields = self.fields, []  # a field never spans table cells
                blocks = self.blocks(tc, depth + 1)
                self.fields = saved
                text = "\n".join(b.text for b in blocks if isinstance(b, Paragraph))
                cell = GridText(text, r, col, 1, span, blocks)
                row.extend([cell] * span)
            grid.append(row)
        width = max((len(r) for r in grid), default=0)
        for row in grid:
            row.extend([None] * (width - len(row)))
        return Table(grid, depth)


def _int_val(pr: Any, name: str) -> int:
    el = pr.find(f"{_W}{name}")
    if el is None:
        return 0
    try:
        return max(0, int(el.get(f"{_W}val", "0")))
    except ValueError:
        return 0


def _text_boxes(el: Any) -> list[Any]:
    """Return the `w:txbxContent` elements inside a drawing, picture or alternate content, each once."""
    if el.tag == f"{_MC}AlternateContent":
        branch = _choice(el)
        return _text_boxes(branch) if branch is not None else []
    found: list[Any] = []
    for node in el.iter(f"{_W}txbxContent", f"{_MC}AlternateContent"):
        if node.tag == f"{_MC}AlternateContent":
            continue
        # skip a text box that sits in a non-chosen branch of a nested mc:AlternateContent
        ancestor = node.getparent()
        skip = False
        while ancestor is not None and ancestor is not el:
            if ancestor.tag == f"{_MC}Fallback" and ancestor.getparent().find(f"{_MC}Choice") is not None:
                skip = True
                break
            ancestor = ancestor.getparent()
        if not skip:
            found.append(node)
    # a text box nested in another text box is read by the outer one's walk
    return [n for n in found if not any(o is not n and _inside(n, o) for o in found)]


def _inside(node: Any, outer: Any) -> bool:
    parent = node.getparent()
    while parent is not None:
        if parent is outer:
            return True
        parent = parent.getparent()
    return False


def body_blocks(document: Any) -> tuple[list[Block], WalkStats]:
    """Return the blocks of the `w:document` element `document` in reading order, and what the walk met."""
    walker = _Walker()
    body = document.find(f"{_W}body")
    if body is None:
        return [], walker.stats
    return walker.blocks(body), walker.stats
