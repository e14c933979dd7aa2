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
# Tag names, made once (they are compared for every element walked)
_MC_ALTERNATE_CONTENT = f"{_MC}AlternateContent"
_MC_CHOICE = f"{_MC}Choice"
_MC_FALLBACK = f"{_MC}Fallback"
_M_O_MATH = f"{_M}oMath"
_M_O_MATH_PARA = f"{_M}oMathPara"
_M_T = f"{_M}t"
_W_ALT_CHUNK = f"{_W}altChunk"
_W_BODY = f"{_W}body"
_W_BR = f"{_W}br"
_W_CR = f"{_W}cr"
_W_CUSTOM_XML = f"{_W}customXml"
_W_DEL = f"{_W}del"
_W_DRAWING = f"{_W}drawing"
_W_FLD_CHAR = f"{_W}fldChar"
_W_FLD_CHAR_TYPE = f"{_W}fldCharType"
_W_GRID_SPAN = f"{_W}gridSpan"
_W_H_MERGE = f"{_W}hMerge"
_W_INS = f"{_W}ins"
_W_MOVE_FROM = f"{_W}moveFrom"
_W_MOVE_TO = f"{_W}moveTo"
_W_NO_BREAK_HYPHEN = f"{_W}noBreakHyphen"
_W_OBJECT = f"{_W}object"
_W_P = f"{_W}p"
_W_PICT = f"{_W}pict"
_W_PTAB = f"{_W}ptab"
_W_P_PR = f"{_W}pPr"
_W_P_STYLE = f"{_W}pStyle"
_W_R = f"{_W}r"
_W_R_PR = f"{_W}rPr"
_W_SDT = f"{_W}sdt"
_W_SDT_CONTENT = f"{_W}sdtContent"
_W_SDT_PR = f"{_W}sdtPr"
_W_T = f"{_W}t"
_W_TAB = f"{_W}tab"
_W_TBL = f"{_W}tbl"
_W_TC = f"{_W}tc"
_W_TC_PR = f"{_W}tcPr"
_W_TR = f"{_W}tr"
_W_TR_PR = f"{_W}trPr"
_W_TXBX_CONTENT = f"{_W}txbxContent"
_W_VAL = f"{_W}val"
_W_V_MERGE = f"{_W}vMerge"
_R_ID = f"{{{R_NS}}}id"

# Inline wrappers whose children are read as if they stood in their place.
_TRANSPARENT = {
    f"{_W}{n}" for n in ("ins", "moveTo", "smartTag", "customXml", "hyperlink", "fldSimple", "dir", "bdo", "sdtContent")
}
# Inline elements whose content is not printed text.
_DROPPED = {f"{_W}{n}" for n in ("del", "moveFrom", "pPr", "rPr", "sdtPr", "sdtEndPr", "customXmlPr", "smartTagPr")}


_BOX_HOLDERS = frozenset({_W_DRAWING, _W_PICT, _MC_ALTERNATE_CONTENT, _W_OBJECT})
_TABS = frozenset({_W_TAB, _W_PTAB})
_BREAKS = frozenset({_W_BR, _W_CR})
_DELETED = frozenset({_W_DEL, _W_MOVE_FROM})
_INSERTED = frozenset({_W_INS, _W_MOVE_TO})
_MATH = frozenset({_M_O_MATH, _M_O_MATH_PARA})
_BLOCK_WRAPPERS = frozenset({_W_CUSTOM_XML, _W_INS, _W_MOVE_TO})

MAX_GRID_COLUMNS = 64  # Word allows 63 columns in a table


@dataclass
class WalkStats:
    """What the walk met that the import reports: tracked changes, content held in `w:altChunk`."""

    tracked_changes: int = 0
    alt_chunks: list[str] = field(default_factory=list)


def _child(el: Any, tag: str) -> Any | None:
    """Return the first child of `el` with `tag` (as `el.find(tag)`, without its path parsing), or None."""
    for child in el[:]:
        if child.tag == tag:
            return child
    return None


def _first(children: list[Any], tag: str) -> Any | None:
    """Return the first of the elements `children` with `tag` (as `_child` of their parent), or None."""
    for child in children:
        if child.tag == tag:
            return child
    return None


def _on(el: Any, name: str) -> bool:
    """Return True if the toggle property `name` (w:vanish, w:webHidden…) is set on the properties `el`."""
    if el is None:
        return False
    prop = _child(el, _W + name)
    if prop is None:
        return False
    return prop.get(_W_VAL, "true").lower() not in ("0", "false", "off")


def _choice(el: Any) -> Any | None:
    """Return the branch of `mc:AlternateContent` to read: its first `mc:Choice`, else `mc:Fallback`."""
    for tag in (_MC_CHOICE, _MC_FALLBACK):
        branch = el.find(tag)
        if branch is not None:
            return branch
    return None


def _placeholder(sdt: Any) -> bool:
    """Return True when the content control `sdt` shows its placeholder prompt, not content."""
    pr = sdt.find(_W_SDT_PR)
    return pr is not None and _on(pr, "showingPlcHdr")


class _Walker:
    """Walks one document; keeps the field state (which can span runs and paragraphs) and statistics."""

    def __init__(self) -> None:
        self.fields: list[str] = []  # per open complex field: 'code' until fldChar separate, then 'result'
        self.stats = WalkStats()

    # -- inline text ------------------------------------------------------------------------------------

    def _visible(self) -> bool:
        return "code" not in self.fields  # every open field showing its result

    def _run(self, run: Any, out: list[str], boxes: list[Any]) -> None:
        children = run[:]
        rpr = _first(children, _W_R_PR)
        hidden = rpr is not None and _on(rpr, "vanish")
        for child in children:
            tag = child.tag
            if tag == _W_T:  # the common case first
                if not hidden and "code" not in self.fields:
                    out.append(child.text or "")
                continue
            if tag == _W_FLD_CHAR:
                kind = child.get(_W_FLD_CHAR_TYPE)
                if kind == "begin":
                    self.fields.append("code")
                elif kind == "separate" and self.fields:
                    self.fields[-1] = "result"
                elif kind == "end" and self.fields:
                    self.fields.pop()
                continue
            if tag in _BOX_HOLDERS:
                boxes.extend(_text_boxes(child))
                continue
            if hidden or not self._visible():
                continue
            if tag in _TABS:
                out.append("\t")
            elif tag in _BREAKS:
                out.append("\n")
            elif tag == _W_NO_BREAK_HYPHEN:
                out.append("-")
            # w:delText, w:instrText, w:softHyphen, w:sym, footnote references…: not printed text

    def _inline(self, children: list[Any], out: list[str], boxes: list[Any]) -> None:
        """Add the printed text of the inline elements `children` (of a paragraph or a wrapper) to `out`."""
        for child in children:
            tag = child.tag
            if tag == _W_R:
                self._run(child, out, boxes)
            elif tag in _DROPPED:
                if tag in _DELETED:
                    self.stats.tracked_changes += 1
            elif tag == _W_SDT:
                if not _placeholder(child):
                    content = child.find(_W_SDT_CONTENT)
                    if content is not None:
                        self._inline(content[:], out, boxes)
            elif tag in _TRANSPARENT:
                if tag in _INSERTED:
                    self.stats.tracked_changes += 1
                self._inline(child[:], out, boxes)
            elif tag == _MC_ALTERNATE_CONTENT:
                branch = _choice(child)
                if branch is not None:
                    self._inline(branch[:], out, boxes)
            elif tag in _MATH:
                if self._visible():
                    out.append("".join(t.text or "" for t in child.iter(_M_T)))

    def paragraph(self, p: Any, depth: int) -> list[Block]:
        """Return the paragraph `p` and then the blocks of the text boxes it anchors."""
        out: list[str] = []
        boxes: list[Any] = []
        children = p[:]
        self._inline(children, out, boxes)
        ppr = _first(children, _W_P_PR)
        style = ""
        if ppr is not None:
            st = _child(ppr, _W_P_STYLE)
            if st is not None:
                style = st.get(_W_VAL, "")
        blocks: list[Block] = [Paragraph("".join(out), style)]
        if not boxes:
            return blocks
        for box in boxes:
            blocks.extend(self.blocks(box, depth))
        return blocks

    # -- blocks -----------------------------------------------------------------------------------------

    def blocks(self, container: Any, depth: int = 0) -> list[Block]:
        """Return the block-level content of `container` (body, cell, text box, content control)."""
        return self._blocks(container[:], depth)

    def _blocks(self, children: list[Any], depth: int) -> list[Block]:
        """Return the block-level content of the elements `children` (of a body, cell, text box…)."""
        out: list[Block] = []
        for child in children:
            tag = child.tag
            if tag == _W_P:
                out.extend(self.paragraph(child, depth))
            elif tag == _W_TBL:
                out.append(self.table(child, depth))
            elif tag == _W_SDT:
                if not _placeholder(child):
                    content = child.find(_W_SDT_CONTENT)
                    if content is not None:
                        out.extend(self.blocks(content, depth))
            elif tag in _BLOCK_WRAPPERS:
                out.extend(self.blocks(child, depth))
            elif tag == _MC_ALTERNATE_CONTENT:
                branch = _choice(child)
                if branch is not None:
                    out.extend(self.blocks(branch, depth))
            elif tag == _W_ALT_CHUNK:
                self.stats.alt_chunks.append(child.get(_R_ID, ""))
        return out

    # -- tables -----------------------------------------------------------------------------------------

    def _rows(self, tbl: Any) -> Iterator[Any]:
        for child in tbl[:]:
            tag = child.tag
            if tag == _W_TR:
                trpr = _child(child, _W_TR_PR)
                if trpr is not None and _child(trpr, _W_DEL) is not None:
                    self.stats.tracked_changes += 1
                    continue  # a row deleted with tracked changes on
                yield child
            elif tag == _W_SDT:
                content = child.find(_W_SDT_CONTENT)
                if content is not None:
                    yield from self._rows(content)
            elif tag in _BLOCK_WRAPPERS:
                yield from self._rows(child)
            elif tag == _MC_ALTERNATE_CONTENT:
                branch = _choice(child)
                if branch is not None:
                    yield from self._rows(branch)

    def _cells(self, tr: Any) -> Iterator[Any]:
        for child in tr[:]:
            tag = child.tag
            if tag == _W_TC:
                yield child
            elif tag == _W_SDT:
                content = child.find(_W_SDT_CONTENT)
                if content is not None:
                    yield from self._cells(content)
            elif tag in _BLOCK_WRAPPERS:
                yield from self._cells(child)
            elif tag == _MC_ALTERNATE_CONTENT:
                branch = _choice(child)
                if branch is not None:
                    yield from self._cells(branch)

    def table(self, tbl: Any, depth: int) -> Table:
        """Return the grid of `tbl`, spans and merges resolved; nested tables become blocks of their cell."""
        grid: list[list[GridText | None]] = []
        for r, tr in enumerate(self._rows(tbl)):
            row: list[GridText | None] = []
            trpr = _child(tr, _W_TR_PR)
            before = min(_int_val(trpr, "gridBefore"), MAX_GRID_COLUMNS) if trpr is not None else 0
            row.extend([None] * before)
            for tc in self._cells(tr):
                children = tc[:]
                tcpr = _first(children, _W_TC_PR)
                span_el = vmerge = hmerge = None
                if tcpr is not None:  # one look at the cell's properties (not a find() for each)
                    for prop in tcpr[:]:
                        tag = prop.tag
                        if tag == _W_GRID_SPAN and span_el is None:
                            span_el = prop
                        elif tag == _W_V_MERGE and vmerge is None:
                            vmerge = prop
                        elif tag == _W_H_MERGE and hmerge is None:
                            hmerge = prop
                span = min(max(1, _val(span_el)), MAX_GRID_COLUMNS) if tcpr is not None else 1
                if len(row) + span > MAX_GRID_COLUMNS:
                    break  # Word tables have at most 63 columns; a hostile span must not blow up the grid
                col = len(row)
                if vmerge is not None and vmerge.get(_W_VAL, "continue") == "continue" and r > 0:
                    above = grid[r - 1][col] if col < len(grid[r - 1]) else None
                    if above is not None:
                        if above.row + above.rowspan == r:
                            above.rowspan += 1
                        row.extend([above] * span)
                        continue
                if hmerge is not None and hmerge.get(_W_VAL, "continue") == "continue" and row:
                    left = row[-1]
                    if left is not None:
                        left.colspan += span
                        row.extend([left] * span)
                        continue
                saved, self.fields = self.fields, []  # a field never spans table cells
                blocks = self._blocks(children, depth + 1)
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
    return _val(_child(pr, _W + name))


def _val(el: Any | None) -> int:
    """Return the whole number in `el`'s w:val (0 without `el`, or when it is not a number ≥ 0)."""
    if el is None:
        return 0
    try:
        return max(0, int(el.get(_W_VAL, "0")))
    except ValueError:
        return 0


def _text_boxes(el: Any) -> list[Any]:
    """Return the `w:txbxContent` elements inside a drawing, picture or alternate content, each once."""
    if el.tag == _MC_ALTERNATE_CONTENT:
        branch = _choice(el)
        return _text_boxes(branch) if branch is not None else []
    found: list[Any] = []
    for node in el.iter(_W_TXBX_CONTENT, _MC_ALTERNATE_CONTENT):
        if node.tag == _MC_ALTERNATE_CONTENT:
            continue
        # skip a text box that sits in a non-chosen branch of a nested mc:AlternateContent
        ancestor = node.getparent()
        skip = False
        while ancestor is not None and ancestor is not el:
            if ancestor.tag == _MC_FALLBACK and ancestor.getparent().find(_MC_CHOICE) is not None:
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
    body = document.find(_W_BODY)
    if body is None:
        return [], walker.stats
    return walker.blocks(body), walker.stats
