"""Real published reports (tests/data/published) and harder copies of them, for the PDF and web-page readers.

`expected(name)` is a report's `*.figures.json` (read by hand from the printed file); `mismatches(draft,
name)` lists every figure, the agency, the year and the signing date a draft read from that file got wrong.
The copies keep every figure of their source and change only how it is stored: GBK bytes, a wrong charset,
Word's and Chrome's web archives (.mht/.mhtml), the report inside a portal page, merged cells written as
empty cells, one table per block. `scanned_pdf` makes a PDF of pictures without a text layer.
"""

from __future__ import annotations

import copy
import json
import quopri
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import lxml.html
import pypdfium2 as pdfium
from conftest import DATA
from lxml import etree

from model import format as fmt
from model.draft import Draft

PUBLISHED = DATA / "published"
PDFS = ("hzq-2024", "huaian-2024")
PAGES = ("pingtan-2024", "shanghai-bgt-2019", "shuyang-fgj-2023")


def path_of(name: str) -> Path:
    """Return the shared file of report `name` (its PDF or its web page)."""
    return PUBLISHED / (f"{name}.pdf" if name in PDFS else f"{name}.html")


def expected(name: str) -> dict[str, Any]:
    """Return the figures of report `name` as printed (`<name>.figures.json`)."""
    data: dict[str, Any] = json.loads((PUBLISHED / f"{name}.figures.json").read_text(encoding="utf-8"))
    return data


def _same(got: Any, want: Any) -> bool:
    if want == "NE":  # a row the 2019 layout does not have: not entered, or 0 under a single （六） row of 0
        return got in (None, 0)
    if want is None:  # printed blank: read as 0 (and said so, rule I1)
        return got == 0
    if isinstance(want, str):
        return got is not None and Decimal(str(got)) == Decimal(want)
    return bool(got == want) and type(got) is not bool


def mismatches(draft: Draft, name: str) -> list[str]:
    """Return every difference between `draft` and the printed figures of report `name`, as text."""
    want = expected(name)
    bad: list[str] = []

    def compare(where: str, got: Any, value: Any) -> None:
        if not _same(got, value):
            bad.append(f"{where}: read {got!r}, printed {value!r}")

    if (draft.agency, draft.year) != (want["agency"], want["year"]):
        bad.append(f"title: read {draft.agency!r} {draft.year!r}, printed {want['agency']!r} {want['year']!r}")
    if want.get("signing_date"):
        read = draft.signing_date.isoformat() if draft.signing_date else None
        if read != want["signing_date"]:
            bad.append(f"signing_date: read {read!r}, printed {want['signing_date']!r}")
    if want.get("proactive"):
        for row, columns in want["proactive"].items():
            for column, value in columns.items():
                compare(f"proactive/{row}/{column}", draft.proactive[row][column], value)
    for row, values in want["applications"].items():
        for col, value in zip(fmt.APPLICANT_COLUMNS, values, strict=True):
            compare(f"applications/{row}/{col.key}", draft.applications[row][col.key], value)
    for group, values in want["cases"].items():
        for col, value in zip(fmt.CASE_COLUMNS, values, strict=True):
            compare(f"cases/{group}/{col.key}", draft.cases[group][col.key], value)
    return bad


def figure_count(name: str) -> int:
    """Return how many table figures report `name` prints (the cells `mismatches` compares)."""
    want = expected(name)
    n = sum(len(v) for v in want["applications"].values()) + sum(len(v) for v in want["cases"].values())
    return n + sum(len(c) for c in (want.get("proactive") or {}).values())


# ---------------------------------------------------------------------------------------------------------
# Copies of the web pages


def _with_charset(html: str, charset: str) -> str:
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
    return re.sub(r"<meta[^>]*charset[^>]*>", meta, html, count=1, flags=re.I)


def gbk(html: str) -> bytes:
    """The page as GBK bytes declaring charset=gb2312 (as older CMSs write)."""
    return _with_charset(html, "gb2312").encode("gbk", errors="xmlcharrefreplace")


def mislabelled(html: str) -> bytes:
    """GBK bytes that claim to be UTF-8."""
    return _with_charset(html, "utf-8").encode("gbk", errors="xmlcharrefreplace")


def word_mht(html: str) -> bytes:
    """A MIME web archive as Word's 「单个文件网页」 writes it: GB2312 text, quoted-printable, CRLF."""
    body = quopri.encodestring(_with_charset(html, "gb2312").encode("gbk", errors="xmlcharrefreplace"))
    return (
        b"MIME-Version: 1.0\r\n"
        b'Content-Type: multipart/related; boundary="----=_NextPart_01DA4C1B.5E0C8F60"\r\n\r\n'
        b"This document is a Single File Web Page, also known as a Web Archive file.\r\n\r\n"
        b"------=_NextPart_01DA4C1B.5E0C8F60\r\n"
        b"Content-Location: file:///C:/D9A1F2E3/report.htm\r\n"
        b"Content-Transfer-Encoding: quoted-printable\r\n"
        b'Content-Type: text/html; charset="gb2312"\r\n\r\n' + body.replace(b"\n", b"\r\n") + b"\r\n\r\n"
        b"------=_NextPart_01DA4C1B.5E0C8F60\r\n"
        b"Content-Location: file:///C:/D9A1F2E3/report.files/filelist.xml\r\n"
        b"Content-Transfer-Encoding: quoted-printable\r\n"
        b'Content-Type: text/xml; charset="utf-8"\r\n\r\n'
        b'<xml xmlns:o=3D"urn:schemas-microsoft-com:office:office">\r\n</xml>\r\n\r\n'
        b"------=_NextPart_01DA4C1B.5E0C8F60--\r\n"
    )


def chrome_mhtml(html: str) -> bytes:
    """A MIME web archive as Chrome's 「网页，单个文件」 writes it: UTF-8, an image part before the page."""
    body = quopri.encodestring(html.encode("utf-8"))
    return (
        b"From: <Saved by Blink>\r\n"
        b"Snapshot-Content-Location: http://www.example.gov.cn/art/2024/1/17/art_1.html\r\n"
        b"Subject: =?utf-8?Q?report?=\r\n"
        b"MIME-Version: 1.0\r\n"
        b"Content-Type: multipart/related;\r\n"
        b'\ttype="text/html";\r\n'
        b'\tboundary="----MultipartBoundary--abc123----"\r\n\r\n\r\n'
        b"------MultipartBoundary--abc123----\r\n"
        b"Content-Type: image/png\r\n"
        b"Content-Transfer-Encoding: base64\r\n"
        b"Content-Location: http://www.example.gov.cn/logo.png\r\n\r\n"
        b"iVBORw0KGgo=\r\n\r\n"
        b"------MultipartBoundary--abc123----\r\n"
        b"Content-Type: text/html\r\n"
        b"Content-ID: <frame-1@mhtml.blink>\r\n"
        b"Content-Transfer-Encoding: quoted-printable\r\n"
        b"Content-Location: http://www.example.gov.cn/art/2024/1/17/art_1.html\r\n\r\n"
        + body.replace(b"\n", b"\r\n")
        + b"\r\n\r\n------MultipartBoundary--abc123------\r\n"
    )


_PORTAL_HEAD = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府信息公开年报</title>
<script>var menu = "一、总体情况 申请人情况";</script><style>.nav{display:block}</style></head><body>
<div class="top"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>
<li><a href="/bs">政务服务</a></li><li><a href="/hd">互动交流</a></li></ul></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政府信息公开</a> &gt; 政府信息公开年报</div>
<table width="1000" class="layout"><tr><td width="250" valign="top">
<div class="side"><h3>年度报告</h3><ul>
<li><a href="/a1">淮安市人民政府2023年政府信息公开工作年度报告</a></li>
<li><a href="/a2">淮安市人民政府2022年政府信息公开工作年度报告</a></li></ul>
<table class="side-table"><tr><td>栏目</td><td>信息公开指南</td></tr><tr><td>目录</td><td>年报</td></tr></table>
<div style="display:none">一、总体情况 隐藏的文字</div></div>
</td><td width="750" valign="top"><div class="main"><div class="info">发布时间：2024-01-17　来源：本网</div>"""
_PORTAL_TAIL = """</div></td></tr></table>
<div class="share">【<a href="#">打印本页</a>】【<a href="#">关闭窗口</a>】</div>
<div class="footer"><p>主办单位：某某市人民政府办公室 承办单位：某某市大数据管理局</p>
<p>网站标识码：3208000001 苏ICP备05000000号</p></div></body></html>"""


def portal(html: str) -> bytes:
    """The report inside a portal page: menus, breadcrumbs, a sidebar listing other reports' titles and a
    table of its own, hidden text, the publishing line, a footer; the page's layout is a table."""
    doc = lxml.html.document_fromstring(html)
    body = doc.find("body")
    inner = "".join(lxml.html.tostring(child, encoding="unicode") for child in body)
    return (_PORTAL_HEAD + inner + _PORTAL_TAIL).encode("utf-8")


def _grid(table: etree._Element) -> list[list[tuple[etree._Element, bool]]]:
    """Return the table's grid: (cell element, True where the cell starts) per position."""
    rows = [tr for tr in table.iter("tr") if tr.xpath("ancestor::table[1]")[0] is table]
    occupied: dict[tuple[int, int], tuple[etree._Element, bool]] = {}
    for r, tr in enumerate(rows):
        c = 0
        for td in tr:
            if td.tag not in ("td", "th"):
                continue
            while (r, c) in occupied:
                c += 1
            cs, rs = int(td.get("colspan", "1")), int(td.get("rowspan", "1"))
            for dr in range(rs):
                for dc in range(cs):
                    occupied[(r + dr, c + dc)] = (td, dr == 0 and dc == 0)
            c += cs
    width = max(c for _r, c in occupied) + 1
    return [[occupied[(r, c)] for c in range(width)] for r in range(len(rows))]


def _report_table(table: etree._Element) -> bool:
    text = table.text_content()
    return any(word in text for word in ("申请人情况", "行政复议", "第二十条"))


def nospans(html: str) -> bytes:
    """Every rowspan/colspan of the report's tables written as empty cells instead (the text in the first)."""
    doc = lxml.html.document_fromstring(html)
    for table in [t for t in doc.iter("table") if _report_table(t)]:
        new = etree.Element("table", border="1")
        for row in _grid(table):
            tr = etree.SubElement(new, "tr")
            for td, starts in row:
                if starts:
                    cell = copy.deepcopy(td)
                    cell.attrib.pop("rowspan", None)
                    cell.attrib.pop("colspan", None)
                    cell.tail = None
                    tr.append(cell)
                else:
                    etree.SubElement(tr, "td").text = "\u00a0"
        new.tail = table.tail
        table.getparent().replace(table, new)
    return lxml.html.tostring(doc, encoding="utf-8")


def _rows_table(rows: list[etree._Element]) -> etree._Element:
    t = etree.Element("table", border="1")
    for tr in rows:
        t.append(copy.deepcopy(tr))
    return t


def split(html: str) -> bytes:
    """One table per block: table 二 as one table per 第二十条 block, table 三 in two (the second without
    headings, its merged label cell cut), table 四 as its 行政复议 and 行政诉讼 halves in two tables."""
    doc = lxml.html.document_fromstring(html)
    for table in list(doc.iter("table")):
        text = table.text_content()
        rows = list(table.iter("tr"))
        parent, tail = table.getparent(), table.tail
        index = parent.index(table)
        parts: list[etree._Element] = []
        if "第二十条" in text and "申请人情况" not in text:
            current: list[etree._Element] = []
            for tr in rows:
                if "第二十条" in tr.text_content() and current:
                    parts.append(_rows_table(current))
                    current = []
                current.append(tr)
            parts.append(_rows_table(current))
        elif "申请人情况" in text:
            cut = next(i for i, tr in enumerate(rows) if "不予处理" in tr.text_content())
            first, second = rows[:cut], rows[cut:]
            for pos, tr in enumerate(first):
                for td in tr:
                    if pos + int(td.get("rowspan", "1")) > cut:
                        td.set("rowspan", str(cut - pos))
            t2 = _rows_table(second)
            label = etree.Element("td", rowspan=str(len(second) - 1))
            label.text = ""
            t2[0].insert(0, label)
            parts = [_rows_table(first), t2]
        elif "行政复议" in text:
            left, right = etree.Element("table", border="1"), etree.Element("table", border="1")
            for row in _grid(table):
                for target, cols in ((left, range(0, 5)), (right, range(5, 15))):
                    tr = etree.SubElement(target, "tr")
                    for c in cols:
                        td, starts = row[c]
                        if starts:
                            cell = copy.deepcopy(td)
                            cell.tail = None
                            tr.append(cell)
            parts = [left, right]
        else:
            continue
        parent.remove(table)
        for k, part in enumerate(parts):
            wrapper = etree.Element("div", **{"class": "block"})
            wrapper.append(part)
            parent.insert(index + k, wrapper)
        parts[-1].getparent().tail = tail
    return lxml.html.tostring(doc, encoding="utf-8")


PAGE_COPIES = {
    ".gbk.html": gbk,
    ".mislabelled.html": mislabelled,
    ".word.mht": word_mht,
    ".chrome.mhtml": chrome_mhtml,
    ".portal.html": portal,
    ".nospans.html": nospans,
    ".split.html": split,
}


def page_copy(name: str, suffix: str, folder: Path) -> Path:
    """Write the copy `suffix` (a key of `PAGE_COPIES`) of web page `name` into `folder`; return it."""
    target = folder / f"{name}{suffix}"
    target.write_bytes(PAGE_COPIES[suffix](path_of(name).read_text(encoding="utf-8")))
    return target


# ---------------------------------------------------------------------------------------------------------
# A scan


def scanned_pdf(source: Path, target: Path, pages: int = 3, scale: float = 1.5) -> Path:
    """Write `target`: the first `pages` pages of the PDF `source` as pictures (rendered at 72 × `scale`
    dpi) and nothing else — a scan without a text layer, as a copier or phone app makes it."""
    src = pdfium.PdfDocument(str(source))
    out = pdfium.PdfDocument.new()
    try:
        for i in range(min(pages, len(src))):
            page = src[i]
            width, height = page.get_size()
            bitmap = page.render(scale=scale)
            new_page = out.new_page(width, height)
            image = pdfium.PdfImage.new(out)
            image.set_bitmap(bitmap)
            image.set_matrix(pdfium.PdfMatrix().scale(width, height))
            new_page.insert_obj(image)
            new_page.gen_content()
        out.save(str(target))
    finally:
        out.close()
        src.close()
    return target
