"""The report as one web page for the government website: `build_html(draft)`, `export_html(draft, path)`,
and the fragment and plain text the wizard puts on the clipboard (`html_fragment`, `plain_text`).

The page is one self-contained UTF-8 file — no style sheet, no script, no image, nothing fetched — whose
every element carries its own inline style, because the editors of government websites (TRS, UEditor,
KindEditor) strip `<style>` blocks and scripts when a page is pasted or uploaded. It prints what the DOCX
prints, in the same order (`model.docx.outline.report_outline`): the title as `<h1>`, the section headings
as `<h2>` (一、) and `<h3>` (（一）), paragraphs as `<p>` with a 2-character indent, the closing block
right-aligned. The three tables have exactly the official grids of `model.docx.grid` (`rowspan` and
`colspan` for the merges), `border="1"` and an inline border on every cell, 0 in every number cell, column
widths in per cent of the DOCX's widths (`model.docx.writer.column_widths`), column headings as `<th>`;
each table stands in a block that scrolls sideways on a phone (`overflow-x:auto`) instead of squeezing
its labels.
"""

from __future__ import annotations

import os
from html import escape

from model.docx.grid import TableGrid
from model.docx.outline import (
    Closing,
    Paragraph,
    TableBlock,
    Title,
    cell_alignment,
    cell_lines,
    cell_text,
    closing_lines,
    printed_title,
    report_outline,
)
from model.docx.writer import TEXT_WIDTH, check_export_target, column_widths, write_export
from model.draft import Draft

GENERATOR = "年报填报助手"

# Font stacks: the official face, the faces Windows always has, then what Linux desktops and phones have.
FONT_BODY = "仿宋_GB2312,仿宋,FangSong,STFangsong,'AR PL UMing CN','Noto Serif CJK SC',serif"
FONT_TITLE = "方正小标宋简体,方正小标宋_GBK,华文中宋,STZhongsong,宋体,SimSun,'Noto Serif CJK SC',serif"
FONT_HEADING_1 = "黑体,SimHei,'Microsoft YaHei','Noto Sans CJK SC',sans-serif"
FONT_HEADING_2 = "楷体_GB2312,楷体,KaiTi,STKaiti,'AR PL UKai CN',serif"
FONT_TABLE = "宋体,SimSun,'Noto Serif CJK SC',serif"

_TEXT = "margin:0;font-size:16px;line-height:2;color:#000;"
STYLE_TITLE = f"margin:0 0 16px 0;text-align:center;font-family:{FONT_TITLE};font-size:24px;font-weight:bold;line-height:1.6;color:#000;"  # noqa: E501
STYLE_BODY = f"{_TEXT}text-indent:2em;text-align:justify;font-family:{FONT_BODY};"
STYLE_HEADING_1 = f"{_TEXT}text-indent:2em;font-family:{FONT_HEADING_1};font-weight:bold;"
STYLE_HEADING_2 = f"{_TEXT}text-indent:2em;font-family:{FONT_HEADING_2};font-weight:bold;"
STYLE_CLOSING = f"{_TEXT}text-align:right;font-family:{FONT_BODY};"
STYLE_SCROLL = "overflow-x:auto;-webkit-overflow-scrolling:touch;max-width:100%;margin:8px 0 12px 0;"
STYLE_TABLE = (
    f"width:100%;border-collapse:collapse;border:1px solid #000;font-family:{FONT_TABLE};"
    "font-size:14px;line-height:1.5;color:#000;background:#fff;"
)
STYLE_CELL = "border:1px solid #000;padding:4px 3px;vertical-align:middle;font-weight:normal;"
# On a phone a table keeps at least these widths and scrolls sideways instead of squeezing its labels: a
# column as wide as its column heading in one row (up to 4 characters of 14 px, padding), at least 60 px.
MIN_COLUMN_PX = 60
HEADING_CHAR_PX = 15
HEADING_CHARS = 4


def _attr(value: str) -> str:
    return escape(value, quote=True)


def _percent(part: float, whole: float) -> str:
    return f"{part * 100 / whole:.2f}%"


def _min_column_px(grid: TableGrid, col: int) -> int:
    heads = [c.text for c in grid.cells if c.role == "header" and c.col == col and c.colspan == 1]
    chars = min(HEADING_CHARS, max((len(t) for t in heads), default=0))
    return max(MIN_COLUMN_PX, chars * HEADING_CHAR_PX + 10)


def table_html(grid: TableGrid, draft: Draft) -> str:
    """Return the table `grid` filled with the figures of `draft` as an HTML `<table>` in its scrolling block.

    One `<tr>` per grid row; each cell is written in the row where it starts, with `rowspan`/`colspan` as
    the grid merges it, `width` in per cent of the text width, an inline border and alignment; column
    headings are `<th>`, row labels and figures `<td>`; a label merged down several rows keeps its number on
    a line of its own (`<br>`), as in the DOCX.
    """
    widths = column_widths(grid, draft)
    total = sum(widths) or TEXT_WIDTH
    min_width = max(480, sum(_min_column_px(grid, col) for col in range(grid.cols)))
    rows = []
    for row in range(grid.rows):
        cells = []
        for cell in grid.row_cells(row):
            tag = "th" if cell.role == "header" else "td"
            spans = ""
            if cell.rowspan > 1:
                spans += f' rowspan="{cell.rowspan}"'
            if cell.colspan > 1:
                spans += f' colspan="{cell.colspan}"'
            width = _percent(sum(widths[cell.col : cell.col + cell.colspan]), total)
            style = f"{STYLE_CELL}text-align:{cell_alignment(cell)};"
            scope = ' scope="col"' if tag == "th" else ""
            text = "<br>".join(escape(line) for line in cell_lines(cell, cell_text(draft, cell)))
            cells.append(f'<{tag}{scope}{spans} width="{width}" style="{_attr(style)}">{text}</{tag}>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    table = (
        f'<table border="1" cellspacing="0" cellpadding="4" width="100%" '
        f'style="{_attr(STYLE_TABLE)}min-width:{min_width}px;">' + "\n".join(rows) + "</table>"
    )
    return f'<div style="{_attr(STYLE_SCROLL)}">\n{table}\n</div>'


def html_fragment(draft: Draft) -> str:
    """Return the report `draft` as the HTML of the page's content (what goes into the website's editor):
    the title, headings, paragraphs, the three tables and the closing block, in print order."""
    parts = []
    for block in report_outline(draft):
        if isinstance(block, Title):
            parts.append(f'<h1 style="{_attr(STYLE_TITLE)}">{escape(block.text)}</h1>')
        elif isinstance(block, Paragraph):
            tag, style = {"body": ("p", STYLE_BODY), "heading1": ("h2", STYLE_HEADING_1)}.get(
                block.style, ("h3", STYLE_HEADING_2)
            )
            parts.append(f'<{tag} style="{_attr(style)}">{escape(block.text)}</{tag}>')
        elif isinstance(block, TableBlock):
            parts.append(table_html(block.grid, draft))
        elif isinstance(block, Closing):
            for i, (text, indent) in enumerate(closing_lines(block)):
                space = "margin-top:2em;" if i == 0 else ""
                style = f"{STYLE_CLOSING}{space}padding-right:{indent:g}em;"
                parts.append(f'<p style="{_attr(style)}">{escape(text)}</p>')
    return '<div style="max-width:66em;margin:0 auto;">\n' + "\n".join(parts) + "\n</div>"


def build_html(draft: Draft) -> str:
    """Return the report `draft` as one self-contained web page (UTF-8; see the module docstring)."""
    title = escape(printed_title(draft))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="{GENERATOR}">\n'
        f"<title>{title}</title>\n</head>\n"
        '<body style="margin:0;padding:12px;background:#fff;color:#000;">\n'
        f"{html_fragment(draft)}\n</body>\n</html>\n"
    )


def plain_text(draft: Draft) -> str:
    """Return the report `draft` as plain text (for an editor that takes no HTML): paragraphs one per line,
    each table row one line with its cells separated by tabs (a merged cell's text in its first row)."""
    lines: list[str] = []
    for block in report_outline(draft):
        if isinstance(block, Title):
            lines.append(block.text)
        elif isinstance(block, Paragraph):
            lines.append(("\u3000\u3000" if block.style == "body" else "") + block.text)
        elif isinstance(block, TableBlock):
            grid = block.grid
            for row in range(grid.rows):
                texts = []
                for col in range(grid.cols):
                    cell = grid.cell_at(row, col)
                    first = cell.row == row and cell.col == col
                    texts.append("".join(cell_lines(cell, cell_text(draft, cell))) if first else "")
                lines.append("\t".join(texts).rstrip("\t"))
        elif isinstance(block, Closing):
            lines.extend(text for text, _indent in closing_lines(block))
    return "\n".join(lines) + "\n"


def export_html(draft: Draft, path: str | os.PathLike[str]) -> None:
    """Write `draft` as a web page (`build_html()`) to `path` atomically, UTF-8.

    Raises `model.docx.writer.ExportError` (Chinese message naming the file) if `path` does not end in .html
    or .htm, a folder of that name exists, the folder vanished or is read-only, or the disk is full; the
    draft and an existing file are untouched then.
    """
    target = check_export_target(path, (".html", ".htm"))
    write_export(target, build_html(draft).encode("utf-8"))
