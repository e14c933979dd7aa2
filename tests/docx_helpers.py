"""Reading DOCX tables at the XML level for tests: grid positions, spans, vertical merges and cell text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from docx.oxml.ns import qn
from lxml import etree


@dataclass(frozen=True)
class TcInfo:
    """One `w:tc` as a reader sees it: grid `row`, grid `col`, `span` (gridSpan), `vmerge` ('restart',
    'continue' or None) and its text (paragraphs joined with a line break)."""

    row: int
    col: int
    span: int
    vmerge: str | None
    text: str
    element: etree._Element


def printed_figure(value: int | Decimal | None) -> str:
    """Return the text an official table must show for the fixture figure `value`: 「0」 for a figure not
    entered, a count's digits, an amount as its decimal literal — Python's own `str`, not the exporter's
    formatter, so a test's expectation never comes from the code under test. Only for the fixtures' plain
    amounts (no exponent, no trailing zeros), which the assertion guards."""
    if value is None:
        return "0"
    text = str(value)
    assert "E" not in text and not ("." in text and text.endswith("0")), f"not a plain fixture figure: {text}"
    return text


def normalise(text: str) -> str:
    """Return `text` without any whitespace (line breaks and full-width spaces included)."""
    return re.sub(r"\s+", "", text.replace("\u3000", " "))


def tc_text(tc: etree._Element) -> str:
    """Return the text of a table cell: its paragraphs joined by '\\n', `w:br` read as '\\n'."""
    paragraphs = []
    for p in tc.iter(qn("w:p")):
        parts = []
        for node in p.iter(qn("w:t"), qn("w:br"), qn("w:tab")):
            parts.append(node.text or "" if node.tag == qn("w:t") else "\n" if node.tag == qn("w:br") else "\t")
        paragraphs.append("".join(parts))
    return "\n".join(paragraphs)


def table_cells(tbl: etree._Element) -> list[TcInfo]:
    """Return every `w:tc` of the table element `tbl` with its grid position, in document order."""
    cells = []
    for r, tr in enumerate(tbl.findall(qn("w:tr"))):
        col = 0
        for tc in tr.findall(qn("w:tc")):
            pr = tc.find(qn("w:tcPr"))
            span, vmerge = 1, None
            if pr is not None:
                gs = pr.find(qn("w:gridSpan"))
                if gs is not None:
                    span = int(gs.get(qn("w:val")))
                vm = pr.find(qn("w:vMerge"))
                if vm is not None:
                    vmerge = vm.get(qn("w:val")) or "continue"
            cells.append(TcInfo(r, col, span, vmerge, tc_text(tc), tc))
            col += span
    return cells


def cell_map(tbl: etree._Element) -> dict[tuple[int, int], TcInfo]:
    """Return the cells of `tbl` keyed by their (grid row, grid column)."""
    return {(c.row, c.col): c for c in table_cells(tbl)}


def body_tables(document) -> list[etree._Element]:
    """Return the `w:tbl` elements directly in the body of the python-docx `document`."""
    return list(document.element.body.findall(qn("w:tbl")))
