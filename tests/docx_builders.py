"""Small DOCX files for the import tests, built as WordprocessingML the way Word, WPS and clerks make them.

`report_parts(draft)` lays out a whole report (title, preamble, the six headings, narrative, the three
tables in the official grids of `model.docx.grid`, the closing block) as XML fragments; a test swaps or
wraps a fragment (a table inside a content control, a text box, a layout table, rows with gridBefore…)
and `write_docx(path, parts)` saves the result as a real `.docx` through python-docx. `seed_report()`
rebuilds the 草场镇 2024 seed text in the official layout. The helpers at the end make files that are not
readable Word 2007+ documents (zip bombs, truncated files, .doc look-alikes, Strict Open XML, altChunk).
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from model import format as fmt
from model.docx.grid import GridCell, TableGrid, applications_grid, cases_grid, proactive_grid
from model.draft import Draft, format_decimal
from model.findings import Cell

DATA = Path(__file__).resolve().parent / "data"
SEED = DATA / "caochang-2024-report.txt"

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
}
_DECLS = " ".join(f'xmlns:{k}="{v}"' for k, v in NS.items())

# ---------------------------------------------------------------------------------------------------------
# Inline and block XML


def run(text: str) -> str:
    """Return a run holding `text`; '\\n' becomes a line break (w:br)."""
    pieces = []
    for i, line in enumerate(text.split("\n")):
        if i:
            pieces.append("<w:br/>")
        pieces.append(f'<w:t xml:space="preserve">{escape(line)}</w:t>')
    return f"<w:r>{''.join(pieces)}</w:r>"


def para(content: str = "", *, xml: bool = False, style: str | None = None) -> str:
    """Return a paragraph holding the text `content` (or, with `xml`, the inline XML `content`)."""
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    inner = content if xml else (run(content) if content else "")
    return f"<w:p>{ppr}{inner}</w:p>"


def sdt(content: str, tag: str = "nianbao-test") -> str:
    """Return `content` (block, row, cell or inline XML) wrapped in a content control."""
    return f'<w:sdt><w:sdtPr><w:tag w:val="{tag}"/></w:sdtPr><w:sdtContent>{content}</w:sdtContent></w:sdt>'


def text_box(blocks: str) -> str:
    """Return a paragraph anchoring a text box (Word 2010 form: wps:txbx, with the VML fallback) that
    holds the block XML `blocks`."""
    drawing = (
        '<w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" '
        'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        '<wp:extent cx="5600000" cy="3000000"/><wp:wrapTopAndBottom/><wp:docPr id="7" name="文本框 7"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f'<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr/><wps:txbx><w:txbxContent>{blocks}</w:txbxContent></wps:txbx>'
        "<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>"
    )
    fallback = (
        '<w:pict><v:shape id="文本框 7" o:spid="_x0000_s1026" type="#_x0000_t202" style="width:441pt;height:236pt">'
        f"<v:textbox><w:txbxContent>{blocks}</w:txbxContent></v:textbox></v:shape></w:pict>"
    )
    alternate = (
        f'<mc:AlternateContent><mc:Choice Requires="wps">{drawing}</mc:Choice>'
        f"<mc:Fallback>{fallback}</mc:Fallback></mc:AlternateContent>"
    )
    return f"<w:p><w:r>{alternate}</w:r></w:p>"


def layout_table(*cells: str) -> str:
    """Return a one-row layout table (no borders) whose cells hold the block XML `cells`."""
    tcs = "".join(
        f'<w:tc><w:tcPr><w:tcW w:w="{9000 // len(cells)}" w:type="dxa"/></w:tcPr>{c}<w:p/></w:tc>' for c in cells
    )
    grid = "".join(f'<w:gridCol w:w="{9000 // len(cells)}"/>' for _ in cells)
    pr = '<w:tblPr><w:tblW w:w="9000" w:type="dxa"/></w:tblPr>'
    return f"<w:tbl>{pr}<w:tblGrid>{grid}</w:tblGrid><w:tr>{tcs}</w:tr></w:tbl>"


# ---------------------------------------------------------------------------------------------------------
# The official tables


def figure_text(value: int | Decimal | None) -> str:
    """Return a figure as a clerk types it: 0 for None, amounts without trailing zeros."""
    if value is None:
        return "0"
    return format_decimal(value) if isinstance(value, Decimal) else str(value)


def draft_values(draft: Draft) -> Callable[[Cell], str]:
    """Return the function giving the printed text of each draft cell of `draft` (None printed blank)."""

    def value(cell: Cell) -> str:
        v = getattr(draft, cell.table)[cell.row][cell.column]
        if v is None:
            return ""
        return figure_text(v)

    return value


@dataclass
class Mess:
    """How to damage a table built by `table_xml`, each hook optional.

    `label(cell)` returns the printed label of a label or header cell; `value(cell, text)` the inline
    XML of a value cell; `tc(xml, cell)` and `tr(xml, row)` wrap a cell or a row; `grid_before` and
    `grid_after` add empty grid columns before/after every row (w:gridBefore/w:gridAfter).
    """

    label: Callable[[GridCell], str] | None = None
    value: Callable[[Cell, str], str] | None = None
    tc: Callable[[str, GridCell], str] | None = None
    tr: Callable[[str, int], str] | None = None
    grid_before: int = 0
    grid_after: int = 0
    skip_rows: tuple[int, ...] = ()


def table_xml(grid: TableGrid, values: Callable[[Cell], str], mess: Mess | None = None) -> str:
    """Return `grid` (a table of `model.docx.grid`) as a `w:tbl` with every merge Word writes
    (w:gridSpan across, w:vMerge restart/continue down), label texts from the grid and figures from
    `values`."""
    m = mess or Mess()
    width = 600
    cols = m.grid_before + grid.cols + m.grid_after
    out = [
        '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders>'
        + "".join(
            f'<w:{b} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
            for b in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        + "</w:tblBorders></w:tblPr><w:tblGrid>"
        + "".join(f'<w:gridCol w:w="{width}"/>' for _ in range(cols))
        + "</w:tblGrid>"
    ]
    for r in range(grid.rows):
        if r in m.skip_rows:
            continue
        trpr = ""
        if m.grid_before or m.grid_after:
            trpr = "<w:trPr>"
            if m.grid_before:
                trpr += (
                    f'<w:gridBefore w:val="{m.grid_before}"/><w:wBefore w:w="{width * m.grid_before}" w:type="dxa"/>'
                )
            if m.grid_after:
                trpr += f'<w:gridAfter w:val="{m.grid_after}"/><w:wAfter w:w="{width * m.grid_after}" w:type="dxa"/>'
            trpr += "</w:trPr>"
        tcs = []
        c = 0
        while c < grid.cols:
            cell = grid.cell_at(r, c)
            pr = f'<w:tcW w:w="{width * cell.colspan}" w:type="dxa"/>'
            if cell.colspan > 1:
                pr += f'<w:gridSpan w:val="{cell.colspan}"/>'
            if cell.rowspan > 1:
                pr += '<w:vMerge w:val="restart"/>' if cell.row == r else "<w:vMerge/>"
            if cell.row != r:
                body = "<w:p/>"
            elif cell.role == "value":
                assert cell.ref is not None
                text = values(cell.ref)
                inline = m.value(cell.ref, text) if m.value else (run(text) if text else "")
                body = f"<w:p>{inline}</w:p>"
            else:
                text = m.label(cell) if m.label else cell.text
                body = para(text)
            tc = f"<w:tc><w:tcPr>{pr}</w:tcPr>{body}</w:tc>"
            if m.tc and cell.row == r:
                tc = m.tc(tc, cell)
            tcs.append(tc)
            c += cell.colspan
        row = f"<w:tr>{trpr}{''.join(tcs)}</w:tr>"
        if m.tr:
            row = m.tr(row, r)
        out.append(row)
    out.append("</w:tbl>")
    return "".join(out)


def official_tables(draft: Draft, mess: dict[str, Mess] | None = None) -> dict[str, str]:
    """Return the three tables of `draft` in the official grids: {'proactive': xml, 'applications': …,
    'review_litigation': …}, each damaged by `mess[key]` when given."""
    mess = mess or {}
    values = draft_values(draft)
    return {
        "proactive": table_xml(proactive_grid(), values, mess.get("proactive")),
        "applications": table_xml(applications_grid(), values, mess.get("applications")),
        "review_litigation": table_xml(cases_grid(), values, mess.get("review_litigation")),
    }


# ---------------------------------------------------------------------------------------------------------
# Whole reports


def text_paras(text: str) -> list[str]:
    """Return a narrative text as paragraph XML fragments, one per line."""
    return [para(line) for line in text.split("\n") if line.strip()]


def report_parts(
    draft: Draft,
    tables: dict[str, str] | None = None,
    *,
    title: list[str] | None = None,
    headings: dict[str, str] | None = None,
    closing: list[str] | None = None,
) -> list[str]:
    """Return the report `draft` as block XML fragments in reading order.

    `tables` replaces the official tables (keys as `official_tables`), `title` the title lines (default:
    agency / year + report name on two lines), `headings` the printed headings of sections, `closing` the
    closing block lines (default: agency and 「2025年1月13日」-style date).
    """
    tables = tables if tables is not None else official_tables(draft)
    headings = headings or {}
    out: list[str] = []
    if title is None:
        title = [draft.agency, f"{draft.year}{fmt.TITLE_SUFFIX}"]
    out.extend(para(t) for t in title)
    out.extend(text_paras(draft.preamble))
    for section in fmt.SECTIONS:
        out.append(para(headings.get(section.key, section.heading)))
        if section.key == "overview":
            out.extend(text_paras(draft.overview_lead))
            for point in draft.overview_points:
                out.append(para(point.heading))
                out.extend(text_paras(point.text))
        elif section.key in tables:
            lead = {
                "proactive": draft.proactive_lead,
                "applications": draft.applications_lead,
                "review_litigation": draft.cases_lead,
            }[section.key]
            out.extend(text_paras(lead))
            out.append(tables[section.key])
        elif section.key == "problems":
            out.extend(text_paras(draft.problems))
        elif section.key == "other_matters":
            out.extend(text_paras(draft.other_matters))
    if closing is None:
        closing = [draft.agency]
        if draft.signing_date:
            d = draft.signing_date
            closing.append(f"{d.year}年{d.month}月{d.day}日")
    out.extend(para(c) for c in closing)
    return out


def write_docx(path: Path, parts: Iterable[str]) -> Path:
    """Write a `.docx` at `path` whose body is the block XML `parts` (through python-docx); return `path`."""
    document = docx.Document()
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    sect = body.find(qn("w:sectPr"))
    holder = parse_xml(f"<w:body {_DECLS}>{''.join(parts)}</w:body>")
    for child in list(holder):
        sect.addprevious(child)
    document.save(str(path))
    return path


# ---------------------------------------------------------------------------------------------------------
# Drafts for the tests


def distinct_draft() -> Draft:
    """Return a complete report whose every figure differs from every other, so a misplaced figure shows.

    Table 三 cell (row i, column j) holds 100·i + j + 1 for the six applicant columns, the totals are
    computed; table 四 holds 10·g + c + 1; table 二 counts 1000 + …, the fee amount 12.3456 万元.
    """
    d = Draft(agency="测试县某某镇人民政府", year=2024)
    for i, row in enumerate(fmt.APPLICATION_ROWS):
        if row.computed:
            continue
        for j, col in enumerate(fmt.APPLICANT_INPUT_COLUMNS):
            d.set_application(row.key, col.key, 100 * i + j + 1)
    for g, group in enumerate(fmt.CASE_GROUPS):
        for c, col in enumerate(fmt.CASE_INPUT_COLUMNS):
            d.set_case(group.key, col.key, 10 * g + c + 1)
    for n, (_block, item, f) in enumerate(fmt.proactive_cells()):
        d.proactive[item.key][f.key] = Decimal("12.3456") if f.kind == "amount" else 1000 + n
    d.recompute_totals()
    d.preamble = "根据《中华人民共和国政府信息公开条例》规定，特向社会公布本年度报告。"
    for point in d.overview_points:
        point.text = f"{point.heading}的正文。"
    d.problems = "存在的问题：培训不足。改进情况：加强培训。"
    d.other_matters = "本年度未收取信息处理费。"
    return d


def figures(draft: Draft) -> dict[str, object]:
    """Return every figure of `draft` keyed 'table/row/column' (for comparing two drafts)."""
    out: dict[str, object] = {}
    for name in ("proactive", "applications", "cases"):
        for row, cols in getattr(draft, name).items():
            for col, value in cols.items():
                out[f"{name}/{row}/{col}"] = value
    return out


# ---------------------------------------------------------------------------------------------------------
# The seed report (米易县草场镇 2024) in the official layout


def _seed_blocks() -> tuple[list[str], list[list[list[str]]]]:
    """Return the seed's text lines outside tables and its three tables as rows of tab-separated cells."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    text: list[str] = []
    tables: list[list[list[str]]] = []
    current: list[list[str]] | None = None
    for line in lines:
        if "\t" in line:
            if current is None:
                current = []
                tables.append(current)
                text.append(f"\x00table{len(tables) - 1}")
            current.append(line.split("\t"))
        else:
            if line.strip() and current is not None:
                current = None
            if line.strip():
                text.append(line)
    return text, tables


def seed_report(path: Path) -> Path:
    """Write the seed report (tests/data/caochang-2024-report.txt) as a DOCX in the official layout.

    The text lines become paragraphs as extracted (spaces around digits, words broken over two lines).
    The tables get the official grids (merges of `official-template.docx`); their figures and their
    label texts are the seed's, damage included: 「本年度止件数」, 「社会公益组」, 「(一) 予以公开」.
    """
    text, tables = _seed_blocks()
    parts: list[str] = []
    for line in text:
        if line.startswith("\x00table"):
            n = int(line[len("\x00table") :])
            parts.append(_seed_table(n, tables[n]))
        else:
            parts.append(para(line))
    return write_docx(path, parts)


def _seed_table(n: int, rows: list[list[str]]) -> str:
    """Return seed table `n` (0: 二, 1: 三, 2: 四) in its official grid with the seed's texts."""
    grid = (proactive_grid(), applications_grid(), cases_grid())[n]
    # the seed's rows, without the empty strings that merged cells leave behind
    filled = [[c.strip() for c in row if c.strip()] for row in rows if any(c.strip() for c in row)]
    labels: dict[tuple[int, int], str] = {}
    values: dict[Cell, str] = {}
    if n == 1:
        head, data = filled[: fmt.APPLICATION_HEADER_ROWS], filled[fmt.APPLICATION_HEADER_ROWS :]
        labels[(0, 0)] = head[0][0]  # the corner note, half-width brackets as extracted
        for i, word in enumerate(head[2]):  # 商业企业 科研机构 社会公益组 法律服务机 其他
            labels[(2, fmt.APPLICATION_LABEL_COLUMNS + 1 + i)] = word
        for i, (row, printed) in enumerate(zip(fmt.APPLICATION_ROWS, data, strict=True)):
            r = fmt.APPLICATION_HEADER_ROWS + i
            for word in printed[:-7]:
                if word[0].isdigit():
                    labels[(r, 2)] = word
                else:
                    origin = grid.cell_at(r, 1 if word[0] in "(（" else 0)
                    labels[(origin.row, origin.col)] = word
            for col, num in zip(fmt.APPLICANT_COLUMNS, printed[-7:], strict=True):
                values[Cell("applications", row.key, col.key)] = num
    else:
        for r, printed in enumerate(filled):
            for cell, word in zip(grid.row_cells(r), printed, strict=True):
                if cell.role == "value" and cell.ref is not None:
                    values[cell.ref] = word
                else:
                    labels[(cell.row, cell.col)] = word
    mess = Mess(label=lambda cell: labels.get((cell.row, cell.col), cell.text))
    return table_xml(grid, lambda ref: values.get(ref, ""), mess)


# ---------------------------------------------------------------------------------------------------------
# Files that are not readable Word 2007+ documents


def zip_bomb(path: Path, megabytes: int = 64) -> Path:
    """Write a `.docx`-named zip whose document part inflates `megabytes` MB of zeros from a few dozen KB."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _ROOT_RELS)
        chunk = b"\0" * (1024 * 1024)
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            for _ in range(megabytes):
                fh.write(chunk)
    path.write_bytes(buf.getvalue())
    return path


def declared_size(path: Path, member: str, size: int) -> Path:
    """Rewrite the central directory of the zip at `path` so that `member` claims `size` bytes unpacked."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    pos = 0
    while True:
        pos = data.find(b"PK\x01\x02", pos)
        if pos < 0:
            raise ValueError(f"{member} not in the central directory")
        name_len = struct.unpack_from("<H", data, pos + 28)[0]
        if bytes(data[pos + 46 : pos + 46 + name_len]) == name:
            struct.pack_into("<I", data, pos + 24, size)
            break
        pos += 4
    path.write_bytes(bytes(data))
    return path


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)


def raw_docx(path: Path, document_xml: str | bytes, extra: dict[str, str | bytes] | None = None) -> Path:
    """Write a minimal `.docx` whose main part is exactly `document_xml` (plus `extra` parts)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _ROOT_RELS)
        zf.writestr("word/document.xml", document_xml)
        for name, blob in (extra or {}).items():
            zf.writestr(name, blob)
    return path


def ole2_file(path: Path, stream: str = "WordDocument") -> Path:
    """Write a file that starts like an OLE2 compound document (.doc, .wps, encrypted .docx) naming `stream`."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    entry = stream.encode("utf-16-le") + b"\0\0"
    path.write_bytes(header + entry.ljust(128, b"\0") + b"\0" * 4096)
    return path


STRICT_W = "http://purl.oclc.org/ooxml/wordprocessingml/main"


def strict_copy(source: Path, target: Path) -> Path:
    """Write `target`, a copy of the `.docx` `source` rewritten in the Strict Open XML namespaces, the way
    Word's “Strict Open XML 文档” saves it (main namespace and relationship types under purl.oclc.org)."""
    swaps = [
        (b"http://schemas.openxmlformats.org/wordprocessingml/2006/main", STRICT_W.encode()),
        (
            b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
            b"http://purl.oclc.org/ooxml/officeDocument/relationships",
        ),
    ]
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = src.read(info)
            if info.filename.endswith((".xml", ".rels")):
                for old, new in swaps:
                    blob = blob.replace(old, new)
            dst.writestr(info.filename, blob)
    return target


def alt_chunk_docx(path: Path, html: str) -> Path:
    """Write a `.docx` whose whole content is `html` inserted as an altChunk (how some web systems export)."""
    document = docx.Document()
    part = document.part
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    chunk = Part(PackURI("/word/afchunk.htm"), "text/html", html.encode("utf-8"), part.package)
    rid = part.relate_to(chunk, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk")
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    body.find(qn("w:sectPr")).addprevious(parse_xml(f'<w:altChunk {_DECLS} r:id="{rid}"/>'))
    document.save(str(path))
    return path


def report_html(draft: Draft) -> str:
    """Return the report `draft` as a simple HTML page with the three official tables (rowspan/colspan)."""
    values = draft_values(draft)
    out = [f"<html><head><meta charset='utf-8'></head><body><p>{escape(draft.title)}</p>"]
    for section in fmt.SECTIONS:
        out.append(f"<p>{escape(section.heading)}</p>")
        grid = {
            "proactive": proactive_grid(),
            "applications": applications_grid(),
            "review_litigation": cases_grid(),
        }.get(section.key)
        if grid is not None:
            out.append("<table border='1'>")
            for r in range(grid.rows):
                out.append("<tr>")
                for cell in grid.row_cells(r):
                    text = values(cell.ref) if cell.role == "value" and cell.ref else cell.text
                    out.append(f"<td rowspan='{cell.rowspan}' colspan='{cell.colspan}'>{escape(text or '0')}</td>")
                out.append("</tr>")
            out.append("</table>")
        elif section.key == "problems":
            out.append(f"<p>{escape(draft.problems)}</p>")
    out.append("</body></html>")
    return "".join(out)


def cut(source: Path, target: Path, fraction: float = 0.5) -> Path:
    """Write the first `fraction` of `source` to `target` (a file whose copy was interrupted)."""
    data = source.read_bytes()
    target.write_bytes(data[: int(len(data) * fraction)])
    return target


def many_members_zip(path: Path, members: int) -> Path:
    """Write a `.docx`-named zip of `members` empty members (written directly: zipfile takes minutes)."""
    local, central = bytearray(), bytearray()
    for i in range(members):
        name = b"m/%07d" % i
        offset = len(local)
        local += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 0, 0, 0, 0, 0, 0, len(name), 0) + name
        central += (
            struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 0, 0, 0, 0, 0, 0, len(name), 0, 0, 0, 0, 0, offset)
            + name
        )
    directory_at = len(local)
    zip64_at = directory_at + len(central)
    tail = struct.pack("<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, members, members, len(central), directory_at)
    tail += struct.pack("<4sLQL", b"PK\x06\x07", 0, zip64_at, 1)
    tail += struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, len(central), directory_at, 0)
    path.write_bytes(bytes(local + central) + tail)
    return path


def markup_bomb(path: Path, megabytes: int = 8) -> Path:
    """Write a `.docx` whose document part inflates to `megabytes` MB of empty paragraphs (millions of XML
    elements from a few KB)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _ROOT_RELS)
        with zf.open("word/document.xml", "w") as fh:
            fh.write(f"<w:document {_DECLS}><w:body>".encode())
            for _ in range(megabytes):
                fh.write(b"<w:p/>" * (1024 * 1024 // 6))
            fh.write(b"</w:body></w:document>")
    return path
