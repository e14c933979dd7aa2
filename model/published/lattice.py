"""Ruled tables from ruling segments and characters ("lattice" detection), and text lines outside them.

A table is a connected set of horizontal and vertical ruling segments. Its grid lines are the distinct
positions of its segments (snapped within `SNAP` pt); two neighbouring grid positions are one cell when
no segment covers the edge between them, so merged cells come out as one cell spanning rows and columns,
as a Word table's grid has them (`model.reading.blocks.Table`). Characters are put in the cell that holds their centre.

Tables split across pages are joined before the grid is built: the continuation's segments and
characters are moved up under the first part (its top border on the other's bottom border), so both
parts share grid columns even where one part lacks a vertical line; repeated header rows are then
dropped. Each cell remembers the pages its characters came from, for findings.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from model.published.layout import Char, PageLayout, Segment
from model.reading.blocks import GridText, Table
from model.reading.locate import norm

SNAP = 2.0  # pt: segment positions closer than this are one grid line
TOUCH = 3.0  # pt: segments closer than this meet
COVER = 0.6  # share of an edge a segment must cover for the edge to be a border
MIN_CELL = 3.0  # pt: grid lines closer than this (a double border) are one


@dataclass(frozen=True)
class PChar:
    """A character placed in a (possibly stacked) coordinate space, with the page it was printed on."""

    char: Char
    page: int
    dy: float = 0.0  # added to the page's y when the page part was stacked under a previous part

    @property
    def cx(self) -> float:
        return self.char.cx

    @property
    def cy(self) -> float:
        return self.char.cy + self.dy


@dataclass(eq=False)
class RuledTable(Table):
    """A table read from a PDF's rules: also the top of each grid row (in stacked coordinates)."""

    row_tops: list[float] = field(default_factory=list)


@dataclass
class Region:
    """The ruled area of one table part on one page: its segments and bounding box."""

    page: int
    segments: list[Segment]
    x0: float
    top: float
    x1: float
    bottom: float
    xs: list[float] = field(default_factory=list)  # vertical grid positions

    def contains(self, c: Char, margin: float = 1.0) -> bool:
        return self.x0 - margin <= c.cx <= self.x1 + margin and self.top - margin <= c.cy <= self.bottom + margin


# ---------------------------------------------------------------------------------------------------------
# Segments → regions


def _merge_collinear(segments: Iterable[Segment]) -> list[Segment]:
    """Return the segments with collinear touching or overlapping ones joined."""
    out: list[Segment] = []
    for horizontal in (True, False):
        segs = sorted((s for s in segments if s.horizontal == horizontal), key=lambda s: (round(s.pos), s.start))
        groups: list[list[Segment]] = []
        for s in sorted(segs, key=lambda s: s.pos):
            if groups and abs(groups[-1][-1].pos - s.pos) <= 1.0:
                groups[-1].append(s)
            else:
                groups.append([s])
        for g in groups:
            pos = sum(s.pos for s in g) / len(g)
            g.sort(key=lambda s: s.start)
            cur_start, cur_end = g[0].start, g[0].end
            for s in g[1:]:
                if s.start <= cur_end + TOUCH:
                    cur_end = max(cur_end, s.end)
                else:
                    out.append(Segment(horizontal, pos, cur_start, cur_end))
                    cur_start, cur_end = s.start, s.end
            out.append(Segment(horizontal, pos, cur_start, cur_end))
    return out


def _meet(h: Segment, v: Segment) -> bool:
    return h.start - TOUCH <= v.pos <= h.end + TOUCH and v.start - TOUCH <= h.pos <= v.end + TOUCH


def find_regions(page: PageLayout) -> list[Region]:
    """Return the ruled table parts on `page`, top to bottom: groups of at least two horizontal and two
    vertical segments that meet. Lone rules (underlines, separators) are not tables."""
    segs = _merge_collinear(page.segments)
    hs = [s for s in segs if s.horizontal]
    vs = [s for s in segs if not s.horizontal]
    parent = list(range(len(segs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    index = {id(s): i for i, s in enumerate(segs)}
    vs_sorted = sorted(vs, key=lambda s: s.pos)
    for h in hs:
        for v in vs_sorted:
            if v.pos > h.end + TOUCH:
                break
            if _meet(h, v):
                a, b = find(index[id(h)]), find(index[id(v)])
                if a != b:
                    parent[a] = b
    groups: dict[int, list[Segment]] = {}
    for i, s in enumerate(segs):
        groups.setdefault(find(i), []).append(s)
    regions: list[Region] = []
    for g in groups.values():
        nh = sum(1 for s in g if s.horizontal)
        if nh < 2 or len(g) - nh < 2:
            continue
        x0 = min(s.start if s.horizontal else s.pos for s in g)
        x1 = max(s.end if s.horizontal else s.pos for s in g)
        top = min(s.pos if s.horizontal else s.start for s in g)
        bottom = max(s.pos if s.horizontal else s.end for s in g)
        regions.append(Region(page.number, g, x0, top, x1, bottom, _positions([s.pos for s in g if not s.horizontal])))
    regions.sort(key=lambda r: r.top)
    return regions


def _positions(values: Iterable[float]) -> list[float]:
    """Return the sorted distinct positions of `values`, snapped within SNAP and MIN_CELL."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= max(SNAP, MIN_CELL):
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]


# ---------------------------------------------------------------------------------------------------------
# Regions (one or more stacked page parts) → a table grid


def _coverage(segs: list[Segment], pos: float, lo: float, hi: float) -> float:
    """Return the share of [lo, hi] covered by the segments at `pos` (within SNAP)."""
    spans = sorted((max(lo, s.start), min(hi, s.end)) for s in segs if abs(s.pos - pos) <= SNAP)
    covered, cur = 0.0, lo
    for a, b in spans:
        if b <= max(a, cur):
            continue
        a = max(a, cur)
        covered += b - a
        cur = b
    return covered / (hi - lo) if hi > lo else 0.0


def cell_text(chars: list[PChar]) -> str:
    """Return the text of `chars` as printed: lines top to bottom joined by '\\n', a space where a gap
    wider than a third of the font size separates two characters of a line."""
    lines = group_lines(chars)
    out: list[str] = []
    for line in lines:
        parts: list[str] = []
        prev: Char | None = None
        for pc in line:
            c = pc.char
            if prev is not None and _spaced(prev, c):
                parts.append(" ")
            parts.append(c.text)
            prev = c
        out.append("".join(parts))
    return "\n".join(out)


def _spaced(a: Char, b: Char) -> bool:
    """Return True when the gap between `a` and `b` (neighbours on a line) is a space: wider than a third
    of the font size, between two non-CJK characters (CJK text is often printed justified, with gaps)."""
    if ord(a.text[-1]) >= 0x2E80 or ord(b.text[0]) >= 0x2E80:
        return False
    return b.x0 - a.x1 > 0.33 * max(a.size, b.size, 1.0)


def group_lines(chars: list[PChar]) -> list[list[PChar]]:
    """Return `chars` grouped into text lines (top to bottom), each line left to right: characters whose
    baselines are within a third of the font size of each other share a line."""
    lines: list[tuple[float, float, list[PChar]]] = []  # (baseline, size, chars)
    for pc in sorted(chars, key=lambda p: p.char.baseline + p.dy):
        base = pc.char.baseline + pc.dy
        if lines and abs(base - lines[-1][0]) <= 0.3 * max(pc.char.size, lines[-1][1]):
            b, size, members = lines[-1]
            members.append(pc)
            lines[-1] = (b, max(size, pc.char.size), members)
        else:
            lines.append((base, pc.char.size, [pc]))
    return [sorted(m, key=lambda p: p.char.x0) for _b, _s, m in lines]


def build_table(segments: list[Segment], chars: list[PChar]) -> RuledTable:
    """Return the grid of the ruled table drawn by `segments` (already in one coordinate space), with
    `chars` put in their cells. Merged cells are one `GridText` in every grid position they cover."""
    segs = _merge_collinear(segments)
    hs = [s for s in segs if s.horizontal]
    vs = [s for s in segs if not s.horizontal]
    xs = _positions([s.pos for s in vs])
    ys = _positions([s.pos for s in hs])
    # a table without outer side borders: its rules' ends are its edges
    left, right = min(s.start for s in hs), max(s.end for s in hs)
    if xs[0] - left > MIN_CELL:
        xs.insert(0, left)
    if right - xs[-1] > MIN_CELL:
        xs.append(right)
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    if n_rows < 1 or n_cols < 1:
        return RuledTable([])
    parent = list(range(n_rows * n_cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for r in range(n_rows):
        for c in range(n_cols - 1):  # the border between (r, c) and (r, c+1)
            if _coverage(vs, xs[c + 1], ys[r], ys[r + 1]) < COVER:
                union(r * n_cols + c, r * n_cols + c + 1)
    for r in range(n_rows - 1):
        for c in range(n_cols):  # the border between (r, c) and (r+1, c)
            if _coverage(hs, ys[r + 1], xs[c], xs[c + 1]) < COVER:
                union(r * n_cols + c, (r + 1) * n_cols + c)
    # a merged area that is not a rectangle (a missing rule) is made its bounding rectangle
    changed = True
    while changed:
        changed = False
        boxes: dict[int, list[int]] = {}
        for i in range(n_rows * n_cols):
            r, c = divmod(i, n_cols)
            b = boxes.setdefault(find(i), [r, c, r, c])
            b[0], b[1], b[2], b[3] = min(b[0], r), min(b[1], c), max(b[2], r), max(b[3], c)
        for root, (r0, c0, r1, c1) in boxes.items():
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    if find(r * n_cols + c) != find(root):
                        union(root, r * n_cols + c)
                        changed = True
    members: dict[int, list[PChar]] = {}
    for pc in chars:
        ci, ri = _index(xs, pc.cx), _index(ys, pc.cy)
        if ri is None or ci is None:
            continue
        members.setdefault(find(ri * n_cols + ci), []).append(pc)
    cells: dict[int, GridText] = {}
    grid: list[list[GridText | None]] = [[None] * n_cols for _ in range(n_rows)]
    for i in range(n_rows * n_cols):
        root = find(i)
        cell = cells.get(root)
        r, c = divmod(i, n_cols)
        if cell is None:
            found = members.get(root, [])
            cell = GridText(cell_text(found), r, c, pages=tuple(sorted({p.page for p in found})))
            cells[root] = cell
        cell.rowspan = max(cell.rowspan, r - cell.row + 1)
        cell.colspan = max(cell.colspan, c - cell.col + 1)
        grid[r][c] = cell
    return RuledTable(grid, row_tops=ys[:-1], pages=tuple(sorted({p.page for p in chars})))


def _index(edges: list[float], v: float) -> int | None:
    """Return i with edges[i] <= v < edges[i+1] (the last interval closed), or None outside the edges."""
    if v < edges[0] - 1.0 or v > edges[-1] + 1.0:
        return None
    return min(max(bisect.bisect_right(edges, v) - 1, 0), len(edges) - 2)


# ---------------------------------------------------------------------------------------------------------
# Repeated header rows


def _row_signature(table: Table, r: int) -> tuple[tuple[int, int, int, str], ...]:
    return tuple((c.col, c.colspan, c.rowspan, norm(c.text)) for c in table.row_cells(r) if c.row == r)


def repeated_header_rows(table: Table, start: int) -> int:
    """Return how many rows from `start` (the first row of a continuation part) repeat the table's first
    rows cell for cell (same texts, positions and spans, none reaching below the repeated block)."""
    m = 0
    while start + m < table.n_rows and m < start:
        if _row_signature(table, start + m) != _row_signature(table, m) or not _row_signature(table, m):
            break
        m += 1
    # the repeated block must be closed: no cell starting in it reaches below it
    while m > 0 and any(
        c.row + c.rowspan > start + m for r in range(start, start + m) for c in table.row_cells(r) if c.row == r
    ):
        m -= 1
    return m


def drop_rows(table: RuledTable, start: int, count: int) -> RuledTable:
    """Return `table` without grid rows start … start+count-1 (cells only in them disappear, cells
    spanning them shrink)."""
    if count <= 0:
        return table
    end = start + count
    kept = [row for r, row in enumerate(table.grid) if not start <= r < end]
    seen: set[int] = set()
    for r, row in enumerate(kept):
        for cell in row:
            if cell is None or id(cell) in seen:
                continue
            seen.add(id(cell))
            first, last = cell.row, cell.row + cell.rowspan  # old rows [first, last)
            removed = max(0, min(last, end) - max(first, start))
            cell.rowspan -= removed
            cell.row = r if first >= start else first
    tops = [t for r, t in enumerate(table.row_tops) if not start <= r < end]
    return RuledTable(kept, pages=table.pages, row_tops=tops)


# ---------------------------------------------------------------------------------------------------------
# Rows and cells cut by a page break

_ORDINAL_START = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|\d+\s*[、.．])"
)
_NUMBER_TEXT = re.compile(r"^[\s\d０-９,，.．%-]*$")


def _starting(table: Table, r: int) -> list[GridText]:
    return [c for c in table.row_cells(r) if c.row == r]


def _continues(above: GridText, below: GridText, k: int) -> bool:
    """Return True when `below`, a cell starting at the continuation's first row `k`, is the rest of the
    merged cell `above` that ends right above it (same columns), cut by the page break: empty and spanning
    several rows, or holding the rest of a label (「（六）」 above, 「其他处理」 below) that does not begin
    with an ordinal, one of the two parts spanning several rows."""
    if above is below or (above.col, above.colspan) != (below.col, below.colspan) or above.row + above.rowspan != k:
        return False
    if not norm(below.text):
        return below.rowspan > 1
    if below.rowspan == 1 and above.rowspan == 1:
        return False  # a row cut in two: joined as a row
    return (
        bool(norm(above.text))
        and not _NUMBER_TEXT.match(above.text)
        and not _NUMBER_TEXT.match(below.text)
        and not _ORDINAL_START.match(below.text)
    )


def join_at_page_break(table: RuledTable, k: int) -> RuledTable:
    """Return `table` with what a page break cut at grid row `k` (the continuation's first row) put
    back together:

    - a merged label cell whose rows run over the page (「（五）不予处理」, 「（六）其他处理」 printed as
      「（六）」 on one page and 「其他处理」 on the next): its two parts become one cell;
    - a row cut in two (Word and LibreOffice let a row break across pages unless told not to): the
      continuation's first row is joined to the row above when its cells line up with that row's, its
      label does not begin with an ordinal (every official row label does: 「1.」「（一）」「一、」), and
      the figures stand in only one of the two parts.
    """
    if not 0 < k < table.n_rows:
        return table
    # 1. merged label cells continuing across the break
    for below in _starting(table, k):
        above = table.cell(k - 1, below.col)
        if above is None or not _continues(above, below, k):
            continue
        if norm(below.text):
            above.text = f"{above.text}\n{below.text}"
            above.pages = tuple(sorted(set(above.pages) | set(below.pages)))
        above.rowspan += below.rowspan
        for r in range(below.row, below.row + below.rowspan):
            for c in range(below.col, below.col + below.colspan):
                table.grid[r][c] = above
    # 2. a row cut in two; cells of row k - 1 that also cover row k (merged across the break) stay as they are
    above_cells = [c for c in _starting(table, k - 1) if c.row + c.rowspan == k]
    below_cells = _starting(table, k)
    absorbed: list[tuple[GridText, GridText]] = []  # (empty cell below, the merged cell above it)
    aligned: list[GridText] = []
    positions_above = {(c.col, c.colspan): c for c in above_cells}
    for below in below_cells:
        over = table.cell(k - 1, below.col)
        if (
            not norm(below.text)
            and below.rowspan == 1
            and over is not None
            and over.row < k - 1
            and over.row + over.rowspan == k
            and (over.col, over.colspan) == (below.col, below.colspan)
        ):
            absorbed.append((below, over))
        elif (below.col, below.colspan) in positions_above and below.rowspan == 1:
            aligned.append(below)
        else:
            return table
    if not aligned or any(c.rowspan != 1 for c in above_cells):
        return table
    labels = [c for c in aligned if norm(c.text) and not _NUMBER_TEXT.match(c.text)]
    if not labels or any(_ORDINAL_START.match(c.text) for c in labels):
        return table
    numbers_above = any(norm(c.text) and _NUMBER_TEXT.match(c.text) for c in above_cells)
    numbers_below = any(norm(c.text) and _NUMBER_TEXT.match(c.text) for c in aligned)
    if numbers_above and numbers_below:
        return table
    for below, over in absorbed:
        over.rowspan += 1
        for c in range(below.col, below.col + below.colspan):
            table.grid[k][c] = over
    for below in aligned:
        above = positions_above[(below.col, below.colspan)]
        if norm(below.text):
            above.text = f"{above.text}\n{below.text}" if norm(above.text) else below.text
            above.pages = tuple(sorted(set(above.pages) | set(below.pages)))
        for c in range(below.col, below.col + below.colspan):
            table.grid[k][c] = above
        above.rowspan = 2
    return drop_rows(table, k, 1)
