"""Reading a report published as a web page: HTML (saved from a browser, `.htm`, Word's 「网页」) or a web
archive (MHT/MHTML), as paragraphs and table grids in reading order, then read as any printed report
(`model.reading.printed.read_blocks`). No LibreOffice is needed.

- Bytes are decoded by what they are, not by what the page says: a BOM, else strict UTF-8 when the bytes
  are valid UTF-8, else the charset the page declares (GB2312 and GBK read as GB18030, their superset),
  else GB18030. An MHT file is a MIME message: its first text/html part is the page.
- Parsed with lxml's HTML parser (no network, no entities). Tables: `rowspan`/`colspan` resolved into a
  rectangular grid (a merged cell is one `GridText` in every position it covers, as in a Word table);
  header cells left empty instead of merged are joined to their left neighbour
  (`model.published.grids`); a cell's text is its paragraphs joined by '\\n'; `<br>` is a line break; text
  split over `<span>`/`<font>`/`<o:p>` is joined; `&nbsp;` is a space; spaces next to Chinese characters
  (source formatting, justified text) are dropped; numbers in nested tags are read; nested tables are
  blocks of their cell.
- A report inside a portal page: the content is the smallest element holding the report's tables and
  section headings; the title is taken from just before it when it stands outside (an `<h1>` above the
  article body); menus, breadcrumbs, lists of other reports, the publishing date line and footers around
  it are left out. `script`, `style`, hidden elements and form controls are never read.
- Every table of the report gets its number (1-based, in reading order, layout tables not counted), so a
  finding can name 「网页第 2 个表格」.

A page this product exported carries the draft in a `<script type="application/x-nianbao-draft">` element
holding the base64 of `model.reading.carried.item_xml`: restored exactly when what is printed agrees, what
is printed wins where it differs (finding I8).
"""

from __future__ import annotations

import base64
import binascii
import email
import email.policy
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import lxml.html
from lxml import etree

from model.published.cleanup import is_page_number, spread_header_cells
from model.published.errors import PublishedFormatError, unreadable
from model.reading.blocks import Block, GridText, Paragraph, Table, iter_tables
from model.reading.carried import MAX_ITEM_BYTES, EmbeddedDraft, first_item, use_embedded
from model.reading.printed import ImportResult, MissingTablesError, read_blocks
from model.storage.drafts import DraftError, parse_draft

MAX_PAGE_BYTES = 64 * 1024 * 1024  # a saved report page with its pictures inlined stays far below this
DRAFT_SCRIPT_TYPE = "application/x-nianbao-draft"

MAX_GRID_COLUMNS = 64
MAX_ROWSPAN = 500

_BLOCK_TAGS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre",
    "center", "section", "article", "header", "footer", "main", "aside", "nav", "form", "fieldset", "address",
    "figure", "figcaption", "hr", "body", "html", "caption", "table", "tr", "td", "th", "tbody", "thead", "tfoot",
}  # fmt: skip
_SKIP_TAGS = {"script", "style", "noscript", "template", "head", "select", "option", "button", "input", "textarea",
              "iframe", "object", "embed", "svg", "map", "title"}  # fmt: skip
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_WS = re.compile(r"[ \t\r\n\f\v\u00a0\u2002\u2003\u2009\u200b\ufeff]+")
_CJK = r"\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}]) | (?=[{_CJK}])")


# ---------------------------------------------------------------------------------------------------------
# Bytes → text


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030", "cp936": "gb18030"}


def decode_html(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Return the page `data` as text and the encoding used (see the module docstring). `declared` is a
    charset known from outside the page (an MHT part's header)."""
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom) :].decode(enc, errors="replace"), enc
    try:
        text = data.decode("utf-8")
        return text, "utf-8"
    except UnicodeDecodeError:
        pass
    m = _META_CHARSET.search(data[:8192])
    names = [n for n in (declared, m.group(1).decode("ascii").lower() if m else None) if n]
    for name in names:
        enc = _ALIASES.get(name.lower(), name.lower())
        if enc in ("utf-8", "utf8"):
            continue  # not valid UTF-8 (tried above): a mislabelled page
        try:
            return data.decode(enc), enc
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("gb18030", errors="replace"), "gb18030"


def page_from_mht(data: bytes) -> tuple[bytes, str | None]:
    """Return the HTML part of the MHT/MHTML message `data` (transfer encoding undone) and its charset."""
    msg = email.message_from_bytes(data, policy=email.policy.compat32)
    start = msg.get_param("start")
    parts = [p for p in msg.walk() if not p.is_multipart()]
    html_parts = [p for p in parts if p.get_content_type() in ("text/html", "application/xhtml+xml")]
    if isinstance(start, str) and start:
        wanted = start.strip("<>")
        html_parts.sort(key=lambda p: p.get("Content-ID", "").strip("<>") != wanted)
    if not html_parts:
        raise ValueError("no text/html part")
    part = html_parts[0]
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        raise ValueError("empty text/html part")
    return payload, part.get_content_charset()


def is_mht(data: bytes) -> bool:
    """Return True if `data` is a MIME web archive (.mht, .mhtml) rather than a page."""
    head = data[:4096].lower()
    return b"mime-version:" in head and b"multipart/related" in head


# ---------------------------------------------------------------------------------------------------------
# Elements → blocks


def _clean(text: str) -> str:
    """Return one line of text as printed: runs of white space as one space, none next to Chinese text."""
    t = _WS.sub(" ", text).strip()
    return _SPACE_NEAR_CJK.sub("", t)


def _tag(el: etree._Element) -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""  # comment, processing instruction
    return tag.lower().rsplit("}", 1)[-1]


def _hidden(el: etree._Element) -> bool:
    style = el.get("style")
    return (style is not None and bool(_HIDDEN.search(style))) or el.get("hidden") is not None


class _Walker:
    def __init__(self) -> None:
        self.elements: dict[int, etree._Element] = {}  # id(block) → the element it was read from

    def blocks(self, el: etree._Element) -> list[Block]:
        out: list[Block] = []
        buf: list[str] = []
        self._walk(el, out, buf, el)
        self._flush(out, buf, el)
        return out

    def _flush(self, out: list[Block], buf: list[str], el: etree._Element) -> None:
        if not buf:
            return
        lines = [_clean(line) for line in "".join(buf).split("\n")]
        buf.clear()
        text = "\n".join(line for line in lines if line)
        if text:
            p = Paragraph(text)
            self.elements[id(p)] = el
            out.append(p)

    def _walk(self, el: etree._Element, out: list[Block], buf: list[str], owner: etree._Element) -> None:
        if el.text:
            buf.append(el.text)
        for child in el:
            tag = _tag(child)
            if tag and tag not in _SKIP_TAGS and not _hidden(child):
                if tag == "br":
                    buf.append("\n")
                elif tag == "table":
                    self._flush(out, buf, owner)
                    out.append(self._table(child))
                elif tag in _BLOCK_TAGS:
                    self._flush(out, buf, owner)
                    self._walk(child, out, buf, child)
                    self._flush(out, buf, child)
                else:
                    self._walk(child, out, buf, owner)
            if child.tail:
                buf.append(child.tail)

    def _rows(self, table: etree._Element) -> Iterator[etree._Element]:
        for child in table:
            tag = _tag(child)
            if tag == "tr":
                yield child
            elif tag in ("thead", "tbody", "tfoot"):
                yield from (tr for tr in child if _tag(tr) == "tr")

    def _table(self, table: etree._Element) -> Table:
        occupied: dict[tuple[int, int], GridText] = {}
        rows = [tr for tr in self._rows(table) if not _hidden(tr)]
        n_rows = len(rows)
        for r, tr in enumerate(rows):
            c = 0
            for td in tr:
                if _tag(td) not in ("td", "th") or _hidden(td):
                    continue
                while (r, c) in occupied:
                    c += 1
                colspan = _span(td.get("colspan"), 1, MAX_GRID_COLUMNS)
                rowspan = _span(td.get("rowspan"), 1, MAX_ROWSPAN)
                if rowspan == 0:  # rowspan="0": to the end of the table
                    rowspan = n_rows - r
                rowspan = max(1, min(rowspan, n_rows - r))
                if c + colspan > MAX_GRID_COLUMNS:
                    break
                blocks = self.blocks(td)
                text = "\n".join(b.text for b in blocks if isinstance(b, Paragraph))
                cell = GridText(text, r, c, rowspan, colspan, blocks)
                for dr in range(rowspan):
                    for dc in range(colspan):
                        occupied.setdefault((r + dr, c + dc), cell)
                c += colspan
        width = max((c + 1 for _r, c in occupied), default=0)
        grid: list[list[GridText | None]] = [[occupied.get((r, c)) for c in range(width)] for r in range(n_rows)]
        t = Table(grid)
        self.elements[id(t)] = table
        return t


def _span(value: str | None, default: int, limit: int) -> int:
    if value is None:
        return default
    m = re.match(r"\s*(\d+)", value)
    if not m:
        return default
    return min(int(m.group(1)), limit)


# ---------------------------------------------------------------------------------------------------------
# The report inside a page


_REPORT_TABLE = re.compile(r"申请人情况|行政复议|第二十条")
_HEADING = re.compile(
    r"^\s*[一二三四五六][、.．]\s*(总体情况|主动公开|收到和处理|政府信息公开行政复议|.{0,12}存在的主要问题|其他需要报告)"
)
_TITLE = re.compile(r"(?:19|20)\d{2}\s*年.{0,40}年度报告|年度报告")


def _ancestors(el: etree._Element) -> list[etree._Element]:
    out = [el]
    while (parent := out[-1].getparent()) is not None:
        out.append(parent)
    return out[::-1]


def _visible(el: etree._Element) -> bool:
    return not any(_hidden(a) or _tag(a) in _SKIP_TAGS for a in _ancestors(el))


def _content_root(body: etree._Element) -> etree._Element:
    """Return the element holding the report: the deepest element around the report's tables (innermost
    tables with its labels) that holds as many of the six section headings as the page has around them.
    A portal's menus, lists of other reports and footers fall outside it; a table of contents in a
    sidebar does not pull the root up as long as the article has the headings itself."""
    tables = [
        t
        for t in body.iter("table")
        if _REPORT_TABLE.search(_squeezed(t))
        and not any(_REPORT_TABLE.search(_squeezed(d)) for d in t.iterdescendants("table"))
        and _visible(t)
    ]
    headings: list[tuple[etree._Element, str]] = []
    for el in body.iter("p", "div", "h1", "h2", "h3", "h4", "h5", "span", "strong", "b", "font", "td", "li"):
        text = (el.text or "") if len(el) == 0 else (el.text_content() or "")[:40]
        m = _HEADING.match(text)
        if m and len(el.text_content()) < 400 and _visible(el):
            headings.append((el, text.strip()[0]))
    if not tables and not headings:
        return body
    chains = [_ancestors(t) for t in tables] or [_ancestors(h) for h, _o in headings]
    start = body
    for level in zip(*chains, strict=False):
        if all(x is level[0] for x in level):
            start = level[0]
        else:
            break
    ordinals: dict[int, set[str]] = {}
    for el, ordinal in headings:
        for a in _ancestors(el):
            ordinals.setdefault(id(a), set()).add(ordinal)
    candidates = _ancestors(start)[::-1]  # start, its parent, … up to the document root
    marked = {id(t) for t in tables} | {id(h) for h, _o in headings}
    if id(start) in marked and len(candidates) > 1:
        candidates = candidates[1:]  # the report holds its tables and headings: never one of them alone
    best = max((len(ordinals.get(id(c), ())) for c in candidates), default=0)
    if best == 0:
        return body  # no section heading anywhere: the whole page
    for c in candidates:
        if len(ordinals.get(id(c), ())) == best:
            return c
    return start


def _squeezed(el: etree._Element) -> str:
    """Return the text of `el` without any white space (&nbsp; included)."""
    return "".join((el.text_content() or "").split())


def _title_before(root: etree._Element, body: etree._Element) -> list[Block]:
    """Return the report's title when it stands outside `root`, before it (an `<h1>` above the article
    body): the last short block before `root`, not a link or list item (other reports' titles in a
    menu), that reads like a report title."""
    if root is body:
        return []
    best: etree._Element | None = None
    for el in body.iter():
        if el is root:
            break
        tag = _tag(el)
        if tag not in ("h1", "h2", "h3", "div", "p", "td", "span", "strong", "font", "b"):
            continue
        if any(_tag(d) in _BLOCK_TAGS for d in el.iterdescendants()):
            continue  # not a leaf block
        if any(_tag(a) in ("a", "li", "nav", "ul", "ol") for a in _ancestors(el)) or not _visible(el):
            continue
        text = _clean(el.text_content() or "")
        if 8 <= len(text) <= 80 and _TITLE.search(text):
            best = el
    if best is None:
        return []
    return [Paragraph(_clean(best.text_content()))]


def _starts_with_title(blocks: list[Block]) -> bool:
    for b in blocks[:3]:
        if isinstance(b, Paragraph) and len(b.text) <= 80 and _TITLE.search(b.text):
            return True
    return False


@dataclass
class WebPage:
    """A web page read as blocks: the report's `blocks`, the `encoding` its bytes were decoded with, and
    the draft it carries (our own export), if any."""

    blocks: list[Block]
    encoding: str
    carried: EmbeddedDraft | None = None


_PORTAL_LINE = re.compile(
    r"^(?:发布日期|发布时间|发文日期|成文日期|生成日期|来源|信息来源|文章来源|时间|浏览次数|点击数|阅读次数|访问量"
    r"|字号|【|打印|关闭|分享|索引号|主题分类|发布机构|文号)"
)
_SECTION_START = re.compile(r"^\s*[一二三四五六]\s*[、.．]")


def _drop_portal_lines(blocks: list[Block]) -> list[Block]:
    """Return `blocks` without page numbers saved with the page and without the portal's lines about the
    article (发布日期…, 来源…, 【打印】…) before the first section heading."""
    out: list[Block] = []
    started = False
    for b in blocks:
        if isinstance(b, Paragraph) and is_page_number(b.text):
            continue  # a page footer saved with the page (Word, LibreOffice: 「— 3 —」)
        if isinstance(b, Paragraph) and not started:
            if _SECTION_START.match(b.text):
                started = True
            elif len(b.text) <= 200 and _PORTAL_LINE.match(b.text):
                continue
        out.append(b)
    return out


def _number_tables(blocks: list[Block]) -> None:
    """Number the tables of `blocks` that hold no table (layout tables are not what a reader counts)."""
    number = 0
    for table in iter_tables(blocks):
        if any(isinstance(b, Table) for b in table.blocks()):
            continue
        number += 1
        table.number = number


def _carried(doc: etree._Element) -> EmbeddedDraft | None:
    blobs: list[bytes] = []
    for script in doc.iter("script"):
        if (script.get("type") or "").strip().lower() != DRAFT_SCRIPT_TYPE:
            continue
        text = "".join((script.text or "").split())
        if len(text) > 2 * MAX_ITEM_BYTES:
            continue
        try:
            blobs.append(base64.b64decode(text, validate=True))
        except (binascii.Error, ValueError):
            continue
    return first_item(blobs)


def read_page(data: bytes) -> WebPage:
    """Return the report in the web page or MHT file `data` as blocks (see the module docstring).

    Raises `ValueError` when an MHT file holds no web page.
    """
    declared = None
    if is_mht(data):
        data, declared = page_from_mht(data)
    text, encoding = decode_html(data, declared)
    text = _XML_DECL.sub("", text, count=1)
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, huge_tree=False)
    doc = lxml.html.document_fromstring(text, parser=parser)
    title_el = doc.find(".//title")
    page_title = _clean(title_el.text_content()) if title_el is not None else ""
    body = doc.find("body")
    if body is None:
        body = doc
    root = _content_root(body)
    blocks = _Walker().blocks(root)
    if not _starts_with_title(blocks):
        before = _title_before(root, body)
        if not before and 8 <= len(page_title) <= 80 and _TITLE.search(page_title):
            before = [Paragraph(page_title)]
        blocks = before + blocks
    blocks = _drop_portal_lines(blocks)
    _number_tables(blocks)
    spread_header_cells(list(iter_tables(blocks)))
    return WebPage(blocks, encoding, _carried(doc))


def _import(p: Path) -> ImportResult:
    try:
        size = p.stat().st_size
        if size > MAX_PAGE_BYTES:
            raise PublishedFormatError(p, f"文件过大（{size // 1024 // 1024} MB），不像一份年度报告的网页", "toolarge")
        data = p.read_bytes()
    except OSError as exc:
        raise unreadable(p, exc) from exc
    if not data.strip():
        raise PublishedFormatError(p, "文件是空的，可能下载或复制没有完成", "empty")
    try:
        page = read_page(data)
    except ValueError as exc:
        raise PublishedFormatError(p, "网页存档（.mht）中没有网页内容，文件可能不完整", "damaged") from exc
    printed: ImportResult | None = None
    failure: str | None = None
    try:
        printed = read_blocks(page.blocks)
    except MissingTablesError as exc:
        failure = exc.reason
    result = use_embedded(page.carried, lambda d: parse_draft(d, p), printed, failure)
    if result is not None:
        return result
    if printed is None:
        raise PublishedFormatError(p, failure or "", "notables")
    return printed


def import_html(path: str | os.PathLike[str]) -> ImportResult:
    """Return the report in the web page (HTML, MHT/MHTML) at `path` as a draft with the findings made
    while reading it; `places` names the table of every figure (「网页第 2 个表格」).

    Raises `PublishedFormatError` (a `DraftError`) with a Chinese reason naming the file when it is empty,
    too large, unreadable, or does not hold tables 二, 三 and 四.
    """
    p = Path(path)
    try:
        return _import(p)
    except DraftError:
        raise
    except RecursionError as exc:
        raise PublishedFormatError(
            p, "网页结构嵌套过深，不是正常的年度报告网页，出于安全考虑不予读取", "damaged"
        ) from exc
    except Exception as exc:  # untrusted input: never let a malformed file crash the program
        raise PublishedFormatError(p, f"网页内容无法解析（{type(exc).__name__}）", "damaged") from exc
