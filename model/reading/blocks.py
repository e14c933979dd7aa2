"""A report's body as blocks, whatever file it came from: paragraphs and tables with their grids.

Every reader of a printed report (Word, PDF, web page) turns its file into these blocks; `model.reading`
then finds the tables 二, 三, 四 by their labels and the narrative by its headings, the same for all.
A `Table` holds a rectangular grid of `GridText` cells (a merged cell is the same object in every grid
position it covers) and the blocks inside its cells (for layout tables). Readers of files with pages or
several tables note where a cell was printed (`GridText.pages`, `Table.number`), so a finding can say
where to look (`Place`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Union


@dataclass
class Paragraph:
    """A paragraph's accepted text (line breaks as '\\n', tabs as '\\t') and its style id ('' if none)."""

    text: str
    style: str = ""


@dataclass(eq=False)
class GridText:
    """A (possibly merged) table cell: its text, top-left grid position and spans, its blocks, and the
    PDF pages its text was printed on (1-based; empty for other files)."""

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    blocks: list[Block] = field(default_factory=list)
    pages: tuple[int, ...] = ()


@dataclass(eq=False)
class Table:
    """A table as a grid: `grid[r][c]` is the `GridText` covering grid position (r, c), or None where a
    row is short (after `w:gridBefore`/`w:gridAfter` or a ragged row). `depth` is 0 for a table in the
    body, 1 for a table nested in another table's cell or in a text box inside one, and so on. `number`
    is the table's place among the report's tables of a web page (1-based; 0 where not noted), `pages`
    the PDF pages it is printed on."""

    grid: list[list[GridText | None]]
    depth: int = 0
    number: int = 0
    pages: tuple[int, ...] = ()

    @property
    def n_rows(self) -> int:
        """Return the number of grid rows."""
        return len(self.grid)

    @property
    def n_cols(self) -> int:
        """Return the number of grid columns (the widest row)."""
        return max((len(r) for r in self.grid), default=0)

    def cell(self, row: int, col: int) -> GridText | None:
        """Return the cell covering grid position (`row`, `col`), or None outside the grid."""
        if 0 <= row < len(self.grid) and 0 <= col < len(self.grid[row]):
            return self.grid[row][col]
        return None

    def row_cells(self, row: int) -> list[GridText]:
        """Return the distinct cells of grid row `row`, left to right (a merged cell once)."""
        seen: list[GridText] = []
        ids: set[int] = set()
        for c in self.grid[row]:
            if c is not None and id(c) not in ids:
                ids.add(id(c))
                seen.append(c)
        return seen

    def blocks(self) -> list[Block]:
        """Return the blocks inside the table's cells in reading order (row by row, each cell once)."""
        out: list[Block] = []
        done: set[int] = set()
        for r in range(self.n_rows):
            for c in self.row_cells(r):
                if id(c) not in done:
                    done.add(id(c))
                    out.extend(c.blocks)
        return out


@dataclass(frozen=True)
class Place:
    """Where a figure was printed in its file: the PDF `pages` (1-based), or the `table` number of a web
    page (1-based), or neither (a Word file: its tables are found by their headings)."""

    pages: tuple[int, ...] = ()
    table: int = 0

    @classmethod
    def of(cls, table: Table, cell: GridText | None) -> Place:
        """Return where `cell` of `table` was printed: its own pages, else the table's pages or number."""
        pages = cell.pages if cell is not None and cell.pages else table.pages
        return cls(pages, 0 if pages else table.number)

    def __bool__(self) -> bool:
        return bool(self.pages) or self.table > 0


def describe_places(places: Iterable[Place]) -> str:
    """Return where `places` are in words: 「PDF 第 3 页」「PDF 第 3、4 页」「网页第 2 个表格」, or '' when
    none is known. Pages are listed in order, each once; web-page tables likewise."""
    seen = list(places)
    pages = sorted({p for place in seen for p in place.pages})
    if pages:
        return "PDF 第 " + "、".join(map(str, pages)) + " 页"
    tables = sorted({place.table for place in seen if place.table > 0})
    if tables:
        return "网页第 " + "、".join(map(str, tables)) + " 个表格"
    return ""


Block = Union[Paragraph, Table]  # noqa: UP007 - a runtime alias; `X | Y` of forward references fails


def iter_tables(blocks: list[Block]) -> Iterator[Table]:
    """Yield every table in `blocks` and, depth first, the tables nested in their cells, in reading order."""
    for block in blocks:
        if isinstance(block, Table):
            yield block
            yield from iter_tables(block.blocks())
