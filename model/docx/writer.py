"""The report as a Word document in the official layout (GB/T 9704 page, the tables of 国办公开办函〔2021〕30号).

`build_document(draft)` returns a python-docx `Document`; `export_docx(draft, path)` writes it atomically;
`default_file_name(draft)` proposes 「<机关全称><年份>年政府信息公开工作年度报告.docx」. The three tables are
built from the grids of `model.docx.grid`, every label comes from `model.format`, and the draft travels
inside the file (`model.docx.embed`). Nothing the clerk did not write for print goes into the document or
the draft inside it: no explanations of findings, no carried-over reason, no highlights.

Layout (FORMAT.md §7): A4, margins 37/35/28/26 mm, a 22-line × 28-character document grid; body 三号 仿宋_GB2312
with a 2-character first-line indent; 一、 headings 三号 黑体, （一） headings 三号 楷体_GB2312; the title 二号
方正小标宋简体 centred; digits and Latin letters in Times New Roman; page numbers 「— N —」 in 四号 宋体,
right on odd and left on even pages; tables in 宋体 五号 with every border drawn.
"""

from __future__ import annotations

import copy
import errno
import io
import os
import re
import stat
import tempfile
import unicodedata
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part, XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Twips
from docx.text.paragraph import Paragraph
from lxml import etree

from model import format as fmt
from model.docx.embed import EMBED_NAMESPACE, embed_draft
from model.docx.grid import GridCell, TableGrid
from model.docx.outline import (
    Closing,
    TableBlock,
    Title,
    cell_alignment,
    cell_lines,
    cell_text,
    cell_value,
    clean_text,
    closing_lines,
    format_figure,
    format_signing_date,
    printable_copy,
    printed_title,
    report_outline,
    text_paragraphs,
)
from model.docx.outline import Paragraph as PrintedParagraph
from model.draft import Draft
from model.os_errors import os_reason
from model.storage.drafts import MAX_NAME_BYTES, DraftError, write_atomic

# ---------------------------------------------------------------------------------------------------------
# Page (GB/T 9704-2012; all lengths in twips, 1 mm ≈ 56.7 twips)

PAGE_WIDTH = 11906  # 210 mm
PAGE_HEIGHT = 16838  # 297 mm
MARGIN_TOP = 2098  # 37 mm
MARGIN_BOTTOM = 1984  # 35 mm
MARGIN_LEFT = 1588  # 28 mm
MARGIN_RIGHT = 1474  # 26 mm
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # 8844 = 156 mm
TEXT_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM  # 12756 = 225 mm
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
LINE_PITCH = TEXT_HEIGHT // LINES_PER_PAGE  # 579 twips ≈ 28.95 pt
HEADER_DISTANCE = 850  # 15 mm
FOOTER_DISTANCE = 1225  # 21.6 mm: the page-number line starts 7 mm under the text block

# Font sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt, 五号 10.5 pt.
SIZE_TITLE = 44
SIZE_BODY = 32
SIZE_PAGE_NUMBER = 28
SIZE_TABLE = 21
BODY_CHAR = SIZE_BODY * 10  # twips: one character of 三号 (16 pt = 320 twips)

FONT_LATIN = "Times New Roman"
FONT_BODY = "仿宋_GB2312"
FONT_HEADING_1 = "黑体"
FONT_HEADING_2 = "楷体_GB2312"
FONT_TITLE = "方正小标宋简体"
FONT_TABLE = "宋体"
FONT_PAGE_NUMBER = "宋体"


class _FontInfo:
    """A font-table entry: the fallback Word substitutes when the font is missing, and its classification."""

    def __init__(self, alt: str, charset: str, family: str, pitch: str, panose: str) -> None:
        self.alt, self.charset, self.family, self.pitch, self.panose = alt, charset, family, pitch, panose


# Each preferred Chinese font named with a fallback Windows always has (charset 86 = GB2312).
FONT_FALLBACKS: dict[str, _FontInfo] = {
    "仿宋_GB2312": _FontInfo("仿宋", "86", "modern", "fixed", "02010609030101010101"),
    "仿宋": _FontInfo("FangSong", "86", "modern", "fixed", "02010609060101010101"),
    "楷体_GB2312": _FontInfo("楷体", "86", "modern", "fixed", "02010609030101010101"),
    "楷体": _FontInfo("KaiTi", "86", "modern", "fixed", "02010609060101010101"),
    "黑体": _FontInfo("SimHei", "86", "modern", "fixed", "02010609060101010101"),
    "方正小标宋简体": _FontInfo("宋体", "86", "script", "fixed", "02000000000000000000"),
    "宋体": _FontInfo("SimSun", "86", "auto", "variable", "02010600030101010101"),
    "Times New Roman": _FontInfo("Times", "00", "roman", "variable", "02020603050405020304"),
}

# Table layout: cell margins 1 mm left and right; minimum row height 6 mm; borders ¾ pt.
CELL_MARGIN = 57
ROW_HEIGHT = 340
BORDER_SIZE = 6  # eighths of a point
DIGIT_WIDTH = SIZE_TABLE * 10 // 2 // 2  # a Times New Roman digit at 五号: half an em, in twips

# Relative widths of table 三's label columns A | B | C (as in the official template).
_APPLICATION_LABEL_WIDTHS = (680, 980)  # A: 2 characters of 五号 a line, B: 4 (「不予公开」)
_MIN_DATA_WIDTH = 620

_WINDOWS_ILLEGAL = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_WINDOWS_RESERVED = re.compile(r"^(CON|PRN|AUX|NUL|COM\d|LPT\d)(\..*)?$", re.IGNORECASE)
_RT_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


class ExportError(Exception):
    """A DOCX that could not be written; `str()` is a Chinese message naming the file and the reason.

    The target file (if any) and the draft are untouched when this is raised.
    """

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path.name}：{reason}")


# ---------------------------------------------------------------------------------------------------------
# Text helpers


def default_file_name(draft: Draft, suffix: str = ".docx") -> str:
    """Return the proposed file name 「<机关全称><年份>年政府信息公开工作年度报告.docx」 (or with `suffix`:
    '.pdf', '.html', '.json').

    Characters Windows refuses in file names (<>:"/\\|?* and control characters) become 「_」, invisible
    format characters (bidi controls such as U+202E, zero-width spaces: rule B4) are left out, trailing
    dots and spaces are dropped, and a long agency name is shortened so that the name stays within
    `MAX_NAME_BYTES` bytes of UTF-8 (255 is the limit of Linux file systems; lock and temporary files add
    to the name). Without a year the name is 「<机关全称>政府信息公开工作年度报告.docx」.
    """
    title = printed_title(draft)
    agency = clean_text(draft.agency).strip()
    head, tail = (agency, title[len(agency) :]) if title.startswith(agency) else ("", title)

    def clean(text: str) -> str:
        text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
        return _WINDOWS_ILLEGAL.sub("_", text)

    head, tail = clean(head), clean(tail).rstrip(" .") + suffix
    room = MAX_NAME_BYTES - len(tail.encode("utf-8"))
    while len(head.encode("utf-8")) > room:
        head = head[:-1]
    stem = (head + tail[: -len(suffix)] if suffix else head + tail).strip(" .")
    if _WINDOWS_RESERVED.match(stem) or not stem:
        stem = f"_{stem}"
    return stem + suffix


# ---------------------------------------------------------------------------------------------------------
# Styles


def _rpr(east_asia: str, size: int, latin: str = FONT_LATIN, spacing: int = 0) -> str:
    return (
        f'<w:rPr><w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east_asia}" w:cs="{latin}"'
        ' w:hint="eastAsia"/><w:b w:val="0"/><w:bCs w:val="0"/><w:i w:val="0"/><w:iCs w:val="0"/>'
        f'<w:color w:val="000000"/><w:spacing w:val="{spacing}"/><w:kern w:val="0"/>'
        f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
        '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr>'
    )


def _ppr(
    *,
    line: int,
    rule: str = "exact",
    first_line: int = 0,
    jc: str = "both",
    keep_next: bool = False,
    outline: int | None = None,
    after: int = 0,
) -> str:
    keep = "<w:keepNext/><w:keepLines/>" if keep_next else '<w:keepNext w:val="0"/><w:keepLines w:val="0"/>'
    # Paragraphs do not snap to the document grid: LibreOffice gives a 16 pt glyph two cells of a 15.8 pt
    # grid. Exact line spacing and CHAR_SPACING give the 22 × 28 grid in Word, WPS and LibreOffice alike.
    snap_xml = '<w:snapToGrid w:val="0"/>'
    outline_xml = f'<w:outlineLvl w:val="{outline}"/>' if outline is not None else ""
    return (
        f"<w:pPr>{keep}<w:pBdr/>{snap_xml}"
        f'<w:spacing w:before="0" w:after="{after}" w:line="{line}" w:lineRule="{rule}"/>'
        f'<w:ind w:left="0" w:right="0" w:firstLine="{first_line}"/>'
        f'<w:jc w:val="{jc}"/>{outline_xml}</w:pPr>'
    )


# Condensed by 0.3 pt per character, 三号 text fills the 156 mm line with exactly 28 characters:
# 28 × (320 − 6) = 8792 ≤ 8844 < 29 × 314 twips.
CHAR_SPACING = -6
_BODY_RPR = _rpr(FONT_BODY, SIZE_BODY, spacing=CHAR_SPACING)
_BODY_PPR = _ppr(line=LINE_PITCH, first_line=2 * BODY_CHAR)

# style id → (name, pPr, rPr); existing styles are restyled, missing ones added.
_STYLES: dict[str, tuple[str, str, str]] = {
    "Normal": ("Normal", _BODY_PPR, _BODY_RPR),
    "Title": (
        "Title",
        _ppr(line=700, jc="center", keep_next=True, after=LINE_PITCH),
        _rpr(FONT_TITLE, SIZE_TITLE),
    ),
    "Heading1": (
        "heading 1",
        _ppr(line=LINE_PITCH, first_line=2 * BODY_CHAR, keep_next=True, outline=0),
        _rpr(FONT_HEADING_1, SIZE_BODY, spacing=CHAR_SPACING),
    ),
    "Heading2": (
        "heading 2",
        _ppr(line=LINE_PITCH, first_line=2 * BODY_CHAR, keep_next=True, outline=1),
        _rpr(FONT_HEADING_2, SIZE_BODY, spacing=CHAR_SPACING),
    ),
    "Footer": (
        "footer",
        _ppr(line=360, jc="right"),
        _rpr(FONT_PAGE_NUMBER, SIZE_PAGE_NUMBER, latin=FONT_PAGE_NUMBER),
    ),
    "TableText": ("Table Text", _ppr(line=240, rule="auto", jc="center"), _rpr(FONT_TABLE, SIZE_TABLE)),
    "Closing": ("Closing", _ppr(line=LINE_PITCH, jc="right"), _BODY_RPR),
}


def _set_styles(document: Document) -> None:
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        styles.remove(defaults)
    styles.insert(
        0,
        parse_xml(
            f"<w:docDefaults {nsdecls('w')}><w:rPrDefault>{_rpr(FONT_BODY, SIZE_BODY)}</w:rPrDefault>"
            f'<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
            "</w:pPrDefault></w:docDefaults>"
        ),
    )
    by_id = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
    for style_id, (name, ppr, rpr) in _STYLES.items():
        style = by_id.get(style_id)
        if style is None:
            style = parse_xml(
                f'<w:style {nsdecls("w")} w:type="paragraph" w:customStyle="1" w:styleId="{style_id}">'
                f'<w:name w:val="{name}"/><w:basedOn w:val="Normal"/><w:qFormat/></w:style>'
            )
            styles.append(style)
        for old in style.findall(qn("w:pPr")) + style.findall(qn("w:rPr")):
            style.remove(old)
        style.append(parse_xml(ppr.replace("<w:pPr>", f"<w:pPr {nsdecls('w')}>", 1)))
        style.append(parse_xml(rpr.replace("<w:rPr>", f"<w:rPr {nsdecls('w')}>", 1)))


def _set_font_table(document: Document) -> None:
    """Name every font used with its Windows fallback (w:altName), charset, family and pitch."""
    doc_part = document.part
    for rid, rel in list(doc_part.rels.items()):
        if rel.reltype != RT.FONT_TABLE:
            continue
        root = etree.fromstring(rel.target_part.blob)
        for name, info in FONT_FALLBACKS.items():
            for old in root.findall(qn("w:font")):
                if old.get(qn("w:name")) == name:
                    root.remove(old)
            root.append(
                parse_xml(
                    f"<w:font {nsdecls('w')} w:name={quoteattr(name)}><w:altName w:val={quoteattr(info.alt)}/>"
                    f'<w:panose1 w:val="{info.panose}"/><w:charset w:val="{info.charset}"/>'
                    f'<w:family w:val="{info.family}"/><w:pitch w:val="{info.pitch}"/></w:font>'
                )
            )
        blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        part = Part(rel.target_part.partname, rel.target_part.content_type, blob, doc_part.package)
        doc_part.drop_rel(rid)
        doc_part.relate_to(part, RT.FONT_TABLE)


def _drop_template_leftovers(document: Document) -> None:
    """Drop what python-docx's blank template carries and a Chinese report must not: the Word 2010
    stylesWithEffects part (Word 2010 would prefer its blue English headings), its bibliography custom
    XML item and the thumbnail of an empty page."""
    doc_part = document.part
    for rid, rel in list(doc_part.rels.items()):
        if rel.reltype == _RT_STYLES_WITH_EFFECTS:
            doc_part.drop_rel(rid)
        elif rel.reltype == RT.CUSTOM_XML and EMBED_NAMESPACE.encode() not in rel.target_part.blob:
            doc_part.drop_rel(rid)
    package_rels = doc_part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package_rels[rid]


def _set_settings(document: Document) -> None:
    settings = document.settings
    settings.odd_and_even_pages_header_footer = True
    lang = settings.element.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")
    tab = settings.element.find(qn("w:defaultTabStop"))
    if tab is not None:
        tab.set(qn("w:val"), str(2 * BODY_CHAR))


# ---------------------------------------------------------------------------------------------------------
# Page set-up and page numbers


def _set_page(document: Document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Twips(PAGE_WIDTH), Twips(PAGE_HEIGHT)
    section.top_margin, section.bottom_margin = Twips(MARGIN_TOP), Twips(MARGIN_BOTTOM)
    section.left_margin, section.right_margin = Twips(MARGIN_LEFT), Twips(MARGIN_RIGHT)
    section.header_distance, section.footer_distance = Twips(HEADER_DISTANCE), Twips(FOOTER_DISTANCE)
    section.gutter = Twips(0)
    sect_pr = section._sectPr
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = etree.SubElement(sect_pr, qn("w:docGrid"))
    # charSpace: the change of each character's pitch against the body size, in 1/4096 pt, so that
    # 28 characters of 三号 fill the 156 mm line.
    pitch_pt = TEXT_WIDTH / CHARS_PER_LINE / 20
    char_space = round((pitch_pt - SIZE_BODY / 2) * 4096)
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(LINE_PITCH))
    grid.set(qn("w:charSpace"), str(char_space))
    odd = section.footer
    odd.is_linked_to_previous = False
    even = section.even_page_footer
    even.is_linked_to_previous = False
    indent = SIZE_PAGE_NUMBER * 10  # one character of 四号
    _page_number(odd.paragraphs[0], "right", f'<w:ind w:right="{indent}"/>')
    _page_number(even.paragraphs[0], "left", f'<w:ind w:left="{indent}"/>')


def _page_number(paragraph: Paragraph, jc: str, ind: str) -> None:
    """Fill a footer paragraph with 「— PAGE —」, aligned `jc`, one character in from the edge."""
    p = paragraph._p
    for child in list(p):
        p.remove(child)
    w = nsdecls("w")
    p.append(parse_xml(f'<w:pPr {w}><w:pStyle w:val="Footer"/>{ind}<w:jc w:val="{jc}"/></w:pPr>'))
    runs = (
        '<w:r><w:t xml:space="preserve">— </w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        "<w:r><w:t>1</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:r><w:t xml:space="preserve"> —</w:t></w:r>'
    )
    for run in parse_xml(f"<w:p {w}>{runs}</w:p>"):
        p.append(run)


# ---------------------------------------------------------------------------------------------------------
# Tables


def column_widths(grid: TableGrid, draft: Draft) -> list[int]:
    """Return the column widths of `grid` in twips, summing to the 156 mm text width (8844 twips).

    Table 二: 4 equal columns. Table 三: label columns A and B fixed, each of the 7 data columns wide
    enough for the longest figure of `draft` (at least 620 twips), column C takes the rest. Table 四:
    15 equal columns.
    """
    if grid.key == "applications":
        longest = max((len(format_figure(cell_value(draft, c))) for c in grid.value_cells()), default=1)
        data_cols = grid.cols - fmt.APPLICATION_LABEL_COLUMNS
        data = max(_MIN_DATA_WIDTH, longest * DIGIT_WIDTH + 2 * CELL_MARGIN + 60)
        a, b = _APPLICATION_LABEL_WIDTHS
        return [a, b, TEXT_WIDTH - a - b - data * data_cols] + [data] * data_cols
    base, extra = divmod(TEXT_WIDTH, grid.cols)
    return [base + (1 if i < extra else 0) for i in range(grid.cols)]


def _cell_xml(cell: GridCell, row: int, width: int, text: str, keep_next: bool) -> str:
    span = f'<w:gridSpan w:val="{cell.colspan}"/>' if cell.colspan > 1 else ""
    merge = ""
    if cell.rowspan > 1:
        merge = '<w:vMerge w:val="restart"/>' if row == cell.row else '<w:vMerge w:val="continue"/>'
    # row labels left-aligned; a label merged down several rows (「三、本年度办理结果」「（三）不予公开」) centred,
    # with a line break after its number so 「（三）」 stands above 「不予公开」
    jc = '<w:jc w:val="left"/>' if cell_alignment(cell) == "left" else ""
    keep = "<w:keepNext/>" if keep_next else ""
    run = ""
    if text and row == cell.row:
        pieces = cell_lines(cell, text)
        run = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(piece)}</w:t>' for piece in pieces)
        run = f"<w:r>{run}</w:r>"
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}{merge}<w:vAlign w:val="center"/></w:tcPr>'
        f'<w:p><w:pPr><w:pStyle w:val="TableText"/>{keep}{jc}</w:pPr>{run}</w:p></w:tc>'
    )


def _table_xml(grid: TableGrid, draft: Draft, keep_together: bool) -> str:
    widths = column_widths(grid, draft)
    border = f'w:val="single" w:sz="{BORDER_SIZE}" w:space="0" w:color="000000"'
    sides = "".join(f"<w:{s} {border}/>" for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
    parts = [
        f"<w:tbl {nsdecls('w')}><w:tblPr>"
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblInd w:w="0" w:type="dxa"/><w:tblBorders>{sides}</w:tblBorders>'
        f'<w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
        f'<w:left w:w="{CELL_MARGIN}" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
        f'<w:right w:w="{CELL_MARGIN}" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0"'
        ' w:noHBand="0" w:noVBand="0"/></w:tblPr><w:tblGrid>'
        + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        + "</w:tblGrid>"
    ]
    for row in range(grid.rows):
        header = row < grid.header_rows
        # keep a small table on one page, and never leave table 三's headings alone at a page foot
        keep_next = (keep_together and row < grid.rows - 1) or header
        height = f'<w:trHeight w:val="{ROW_HEIGHT}" w:hRule="atLeast"/>'
        parts.append(
            f'<w:tr><w:trPr><w:cantSplit/>{height}{"<w:tblHeader/>" if header else ""}<w:jc w:val="center"/></w:trPr>'
        )
        col = 0
        while col < grid.cols:
            cell = grid.cell_at(row, col)
            width = sum(widths[cell.col : cell.col + cell.colspan])
            text = cell_text(draft, cell)
            parts.append(_cell_xml(cell, row, width, text, keep_next))
            col += cell.colspan
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


def add_table(document: Document, grid: TableGrid, draft: Draft, *, keep_together: bool = False) -> None:
    """Append the table `grid` filled with the figures of `draft` at the end of `document`'s body.

    Cells, spans and vertical merges follow `grid` (so the table has exactly the official grid); value
    cells print 0 when not entered. Every row has `w:cantSplit`, the `grid.header_rows` top rows repeat on
    each page (`w:tblHeader`), widths are written as `w:gridCol`, `w:tcW` and `w:tblW` with a fixed layout.
    With `keep_together` the rows are kept on one page (`w:keepNext`).
    """
    tbl = parse_xml(_table_xml(grid, draft, keep_together))
    body = document.element.body
    sect_pr = body.find(qn("w:sectPr"))
    if sect_pr is not None:
        sect_pr.addprevious(tbl)
    else:
        body.append(tbl)


# ---------------------------------------------------------------------------------------------------------
# The document


def _styled(document: Document, text: str, style: str | None) -> Paragraph:
    """Return a new paragraph of `text` in the paragraph style named `style` (None: the default) — as
    `document.add_paragraph(text, style=style)` makes it, with the style's id looked up once (python-docx
    looks the name, and the default style, up again for every paragraph: most of the export's time)."""
    paragraph = document.add_paragraph(text[:MAX_RUN_CHARS])
    for start in range(MAX_RUN_CHARS, len(text), MAX_RUN_CHARS):  # a very long paragraph: several runs
        paragraph.add_run(text[start : start + MAX_RUN_CHARS])
    if style is not None:
        if style not in _STYLE_IDS:  # every document is built on the same template with the same styles
            _STYLE_IDS[style] = document.styles.get_style_id(style, WD_STYLE_TYPE.PARAGRAPH)
        paragraph._p.style = _STYLE_IDS[style]
    return paragraph


_STYLE_IDS: dict[str, str | None] = {}


def _add_title(document: Document, title: Title) -> None:
    paragraph = _styled(document, "", "Title")
    for i, line in enumerate(title.lines):  # agency / year + report name when it does not fit one line
        run = paragraph.add_run(line)
        if i < len(title.lines) - 1:
            run.add_break(WD_BREAK.LINE)


def _add_closing(document: Document, closing: Closing) -> None:
    """Agency and signing date right-aligned; the date 4 characters in from the right edge, the agency
    centred over the date (GB/T 9704 §7.3.5.2)."""
    first = True
    for text, indent in closing_lines(closing):
        paragraph = _styled(document, text, "Closing")
        fmt_ = paragraph.paragraph_format
        fmt_.right_indent = Twips(round(indent * BODY_CHAR))
        if first:
            fmt_.space_before = Twips(LINE_PITCH * 2)
            fmt_.keep_with_next = True
            first = False


def blank_document() -> Document:
    """Return an empty python-docx `Document` in the official layout: the page, the document grid, the
    styles (Title, Heading 1, Heading 2, Closing, body) and fonts of the report, page numbers in the footers."""
    document = docx.Document()
    _drop_template_leftovers(document)
    _set_styles(document)
    _set_font_table(document)
    _set_settings(document)
    _set_page(document)
    body = document.element.body
    for p in body.findall(qn("w:p")):  # the blank template's empty paragraph
        body.remove(p)
    return document


def build_document(draft: Draft) -> Document:
    """Return the report `draft` as a python-docx `Document` in the official layout.

    Content, in order, as `model.docx.outline.report_outline` gives it: the title 「<机关全称><年份>年政府信息
    公开工作年度报告」, the preamble, the contact block (the sentence 「如对本报告有疑问，请与…联系（地址：…；
    邮编：…；联系电话：…；电子邮箱：…）。」 of `model.format.contact_sentence`, then any further contact text),
    the six headings of `model.format.SECTIONS` with 一's lead and its sub-points (heading in level-2 style,
    then the text), 二/三/四 each with its optional lead sentence and its table, 五 and 六, and the closing
    block (agency and the signing date 「2025年1月13日」). Narrative texts are split into paragraphs on line
    breaks. The draft is embedded (`model.docx.embed`) as `printable_copy()` gives it.
    """
    return _fill(blank_document(), draft)


def _fill(document: Document, draft: Draft) -> Document:
    """Return `document` (a blank document, see `build_document`) with the report `draft` added."""
    styles = {"body": None, "heading1": "Heading 1", "heading2": "Heading 2"}
    for block in report_outline(draft):
        if isinstance(block, Title):
            _add_title(document, block)
        elif isinstance(block, PrintedParagraph):
            paragraph = _styled(document, block.text, styles[block.style])
            if block.keep_with_next and block.style == "body":  # headings keep with next by their style
                paragraph.paragraph_format.keep_with_next = True
        elif isinstance(block, TableBlock):
            add_table(document, block.grid, draft, keep_together=True)
        elif isinstance(block, Closing):
            _add_closing(document, block)

    props = document.core_properties
    props.title = printed_title(draft)
    props.author = props.last_modified_by = clean_text(draft.agency).strip() or "年报填报助手"
    props.comments = ""
    props.keywords = "政府信息公开工作年度报告"
    props.created = props.modified = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    props.revision = 1
    embed_draft(document, printable_copy(draft))
    return document


# the paragraph styles `_fill` uses (their ids are looked up once, in the template)
_FILL_STYLES = ("Title", "Heading 1", "Heading 2", "Closing")


@cache
def _template() -> Document:
    """Return the blank document every export starts from, made once: `blank_document()` with the parts
    no export changes (styles, settings, fonts, theme, numbering, footers…) held as their serialised bytes,
    so that each export neither builds nor parses nor serialises them again. Only the main document part and
    the core properties stay live XML. Never changed: `_blank_copy` hands out copies."""
    document = blank_document()
    for style in _FILL_STYLES:
        if style not in _STYLE_IDS:
            _STYLE_IDS[style] = document.styles.get_style_id(style, WD_STYLE_TYPE.PARAGRAPH)
    package = document.part.package
    assert package is not None
    live = {id(document.part), id(package._core_properties_part)}
    frozen: dict[int, Part] = {}
    for part in list(package.iter_parts()):
        if id(part) in live or not isinstance(part, XmlPart):
            continue
        copy = Part(part.partname, part.content_type, part.blob, package)
        copy.__dict__["rels"] = part.rels  # python-docx keeps a part's relationships in a lazy property
        frozen[id(part)] = copy
    for source in [package, *package.iter_parts()]:
        rels = source.rels
        for rid, rel in rels.items():
            if not rel.is_external and id(rel.target_part) in frozen:
                rel._target = rels.related_parts[rid] = frozen[id(rel.target_part)]
    return document


def _blank_copy() -> Document:
    """Return a copy of `_template()` to build one export in (as `blank_document()` would make it)."""
    return copy.deepcopy(_template())


# XML readers (lxml without its "huge tree" option, as every untrusted-file reader should run) refuse a
# text node over 10,000,000 bytes: a very long paragraph is written as several runs, each well under that.
MAX_RUN_CHARS = 1_000_000


def _lock_files(target: Path) -> list[Path]:
    """Return the lock files Word, WPS or LibreOffice leave beside `target` while it is open."""
    name = target.name
    candidates = {f"~${name}", f"~${name[1:]}", f"~${name[2:]}", f".~lock.{name}#"}
    found = []
    for candidate in sorted(candidates):
        try:
            if target.with_name(candidate).exists():
                found.append(target.with_name(candidate))
        except OSError:  # a name too long for a lock file: no program holds one
            continue
    return found


def _folder_writable(folder: Path) -> bool:
    """Return True if a new file can be made in `folder` (tried, not guessed from permission bits: Windows
    reports a write-protected stick and a file open in Word alike, as 「拒绝访问」)."""
    try:
        fd, name = tempfile.mkstemp(prefix=".nianbao-probe.", dir=folder)
    except OSError:
        return False
    os.close(fd)
    try:
        os.unlink(name)
    except OSError:
        pass
    return True


def _export_error(target: Path, exc: OSError) -> ExportError:
    code = exc.errno
    if code in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        reason = "磁盘空间已满，未能导出；原有文件未改动"
    elif code == errno.ENAMETOOLONG or getattr(exc, "winerror", None) == 206:
        reason = "文件名或文件夹路径过长，未能导出；请改用较短的文件名"
    elif code == errno.ENOENT:
        reason = "文件夹不存在（可能 U 盘已拔出或文件夹已被移走），未能导出"
    elif code == errno.EROFS:
        reason = "文件夹是只读的（如写保护的 U 盘），未能导出；请另选文件夹"
    elif code == errno.EISDIR:
        reason = "同名的文件夹已存在，未能导出；请另起文件名"
    elif code in (errno.EACCES, errno.EPERM) or isinstance(exc, PermissionError):
        if not _folder_writable(target.parent):
            reason = "文件夹是只读的或没有写入权限（如写保护的 U 盘、受保护的文件夹），未能导出；请另选文件夹"
        elif target.exists() and not target.stat().st_mode & stat.S_IWUSR:  # Windows: the read-only attribute
            reason = "原有的同名文件是只读的，未能导出；请另起文件名，或去掉该文件的只读属性"
        else:
            reason = "文件正被其他程序（如 Word、WPS）打开，未能导出；请关闭该文件后重试，或另起文件名"
    else:
        reason = f"未能导出（{os_reason(exc)}）；原有文件未改动"
    return ExportError(target, reason)


def check_export_target(path: str | os.PathLike[str], suffixes: tuple[str, ...] = (".docx",)) -> Path:
    """Return `path` as the target of an export, after checking it may be written.

    Raises `ExportError` (Chinese message naming the file) if `path` does not end in one of `suffixes`
    (e.g. ('.html', '.htm')), the file is open in Word or WPS (their lock file 「~$<name>」 is present) or a
    folder of that name exists.
    """
    target = Path(path)
    if target.suffix.lower() not in suffixes:
        raise ExportError(target, f"导出的文件名应以 {suffixes[0]} 结尾")
    if len(target.name.encode("utf-8")) > 255:
        raise ExportError(target, "文件名过长（超过 255 字节），未能导出；请改用较短的文件名")
    if _lock_files(target):
        raise ExportError(target, "文件正在 Word 或 WPS 中打开，未能导出；请先关闭该文件，或另起文件名")
    if target.is_dir():
        raise ExportError(target, "同名的文件夹已存在，未能导出；请另起文件名")
    return target


def write_export(target: Path, data: bytes) -> None:
    """Write the exported file `data` to `target` atomically, as every export does (DOCX, PDF, web page).

    The bytes go to a temporary file in the same folder, renamed over `target`, so a failed export never
    leaves a half file and an existing file is replaced only whole. Raises `ExportError` when the file is
    open in another program (the rename is refused), the folder vanished or is read-only, or the disk is
    full.
    """
    try:
        write_atomic(target, data, keep_backup=False)
    except DraftError as exc:
        cause = exc.__cause__
        if isinstance(cause, OSError):
            raise _export_error(target, cause) from exc
        raise ExportError(target, f"未能导出（{exc.reason}）") from exc


def export_docx(draft: Draft, path: str | os.PathLike[str]) -> None:
    """Write `draft` as a Word document (see `build_document()`) to `path` atomically.

    The document is written to a temporary file in the same folder and renamed over `path`, so a failed
    export never leaves a half file; the draft is never touched. Raises `ExportError` (Chinese message
    naming the file) if `path` does not end in .docx, the file is open in Word or WPS (their lock file
    「~$<name>」 is present, or the rename is refused), the folder vanished or is read-only, or the disk is
    full.
    """
    target = check_export_target(path, (".docx",))
    buffer = io.BytesIO()
    _fill(_blank_copy(), draft).save(buffer)
    write_export(target, buffer.getvalue())


# the printed forms of texts and figures live in model.docx.outline; these names stay importable from here
__all__ = [
    "ExportError",
    "add_table",
    "build_document",
    "check_export_target",
    "clean_text",
    "column_widths",
    "default_file_name",
    "export_docx",
    "format_figure",
    "format_signing_date",
    "printable_copy",
    "printed_title",
    "text_paragraphs",
    "write_export",
]
