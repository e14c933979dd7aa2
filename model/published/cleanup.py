"""What published files carry besides the report, put right before it is read: header cells left empty
where the office did not merge them, page numbers printed as text."""

from __future__ import annotations

import re

from model.reading.blocks import Table
from model.reading.locate import norm

_NUMBER = re.compile(r"^\s*[\d０-９][\d０-９,，.．\s]*$")
_PAGE_NUMBER = re.compile(r"^[-－—–―_\s]*(?:第\s*)?\d{1,3}(?:\s*页)?(?:\s*[/／共]\s*\d{1,3}\s*页?)?[-－—–―_\s]*$")


def is_page_number(text: str) -> bool:
    """Return True if `text` is only a page number: 「3」「- 3 -」「— 3 —」「第 3 页」「3/8」「第3页共8页」."""
    return bool(_PAGE_NUMBER.match(text))


def spread_header_cells(tables: list[Table]) -> int:
    """Make each empty cell of a table's header rows (the rows above the first one holding a number) part
    of the nearest non-empty cell on its left, as if that cell spanned it; return how many were joined.

    Pages made without merged cells leave the cells beside 「行政诉讼」「未经复议直接起诉」 or 「申请人情况」
    empty; read so, every column under them finds its heading. A cell holding a table is never joined.
    """
    joined = 0
    for table in tables:
        for r in range(table.n_rows):
            row = table.grid[r]
            if any(c is not None and c.row == r and _NUMBER.match(c.text) for c in row):
                break
            for c in range(1, len(row)):
                cell, left = row[c], row[c - 1]
                if cell is None or left is None or cell is left:
                    continue
                if (
                    cell.rowspan == 1
                    and cell.colspan == 1
                    and not norm(cell.text)
                    and not any(isinstance(b, Table) for b in cell.blocks)
                    and left.row == r
                    and left.rowspan == 1
                    and norm(left.text)
                ):
                    left.colspan += 1
                    row[c] = left
                    joined += 1
    return joined
