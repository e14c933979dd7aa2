"""Table grids as a reader sees them, for comparing our PDF and web page with the official template.

A `Region` is one cell: its top-left grid position, its row and column span and its text without
whitespace. `official_regions()` reads them from `official-template.docx` (vertical merges counted into row
spans), `html_regions()` from an HTML `<table>` (rowspan/colspan placed as browsers do), `box_regions()`
from cell boxes drawn in a PDF (the distinct box edges are the grid lines).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import docx
from conftest import DATA
from docx_helpers import body_tables, normalise, table_cells
from lxml import html as lxml_html

TEMPLATE = DATA / "official-template.docx"


@dataclass(frozen=True, order=True)
class Region:
    row: int
    col: int
    rowspan: int
    colspan: int
    text: str


def official_regions(path: Path = TEMPLATE) -> list[list[Region]]:
    """Return the cells of tables 二, 三 and 四 of the official template, each table in reading order."""
    tables = []
    for tbl in body_tables(docx.Document(str(path))):
        cells = table_cells(tbl)
        continues = {(c.row, c.col) for c in cells if c.vmerge == "continue"}
        regions = []
        for c in cells:
            if c.vmerge == "continue":
                continue
            rowspan = 1
            while (c.row + rowspan, c.col) in continues:
                rowspan += 1
            regions.append(Region(c.row, c.col, rowspan, c.span, normalise(c.text)))
        tables.append(sorted(regions))
    return tables


def html_regions(table: lxml_html.HtmlElement) -> list[Region]:
    """Return the cells of an HTML `table` with their grid positions (the HTML table model: a cell takes
    the first free column of its row, rowspan and colspan reserve the positions below and beside it)."""
    taken: set[tuple[int, int]] = set()
    regions = []
    for r, tr in enumerate(table.iter("tr")):
        col = 0
        for td in tr:
            if td.tag not in ("td", "th"):
                continue
            while (r, col) in taken:
                col += 1
            rowspan, colspan = int(td.get("rowspan", "1")), int(td.get("colspan", "1"))
            for dr in range(rowspan):
                for dc in range(colspan):
                    taken.add((r + dr, col + dc))
            regions.append(Region(r, col, rowspan, colspan, normalise(td.text_content())))
            col += colspan
    return sorted(regions)


def _edges(values: list[float], tolerance: float = 1.0) -> list[float]:
    """Return the distinct values of `values`, those closer than `tolerance` taken as one."""
    edges: list[float] = []
    for v in sorted(values):
        if not edges or v - edges[-1] > tolerance:
            edges.append(v)
    return edges


def _index(edges: list[float], value: float, tolerance: float = 1.0) -> int:
    for i, e in enumerate(edges):
        if abs(e - value) <= tolerance:
            return i
    raise AssertionError(f"edge {value} not among {edges}")


def box_regions(boxes: list[tuple[float, float, float, float, str]]) -> list[Region]:
    """Return the cells of one table drawn as `boxes` (x0, top, x1, bottom, text): the distinct left and
    right edges are the column lines, the distinct tops and bottoms the row lines."""
    xs = _edges([b[0] for b in boxes] + [b[2] for b in boxes])
    ys = _edges([b[1] for b in boxes] + [b[3] for b in boxes])
    regions = []
    for x0, top, x1, bottom, text in boxes:
        c0, c1 = _index(xs, x0), _index(xs, x1)
        r0, r1 = _index(ys, top), _index(ys, bottom)
        regions.append(Region(r0, c0, r1 - r0, c1 - c0, normalise(text)))
    return sorted(regions)
