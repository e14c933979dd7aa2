"""The official template (tests/data/official-template.docx) filled with the figures of a real report.

This is what an office does by hand: open the template in Word, type the title and the figures into the
existing tables. It uses python-docx directly — not our exporter, not our grids — and finds its way in
the template by the template's own texts (「信息内容」 rows, the 7 applicant columns right of the 3 label
columns). Cells a fixture leaves `null` (printed blank) are left as the template has them. A report that
printed （六）其他处理 as one row gets the template's three rows merged into one; the 2019-format fixture
(r09) gets a 2019-layout table 二 in place of the template's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table, _Cell
from realdata import fixture

from model import format as fmt

TEMPLATE = Path(__file__).resolve().parent / "data" / "official-template.docx"

# Table 三 of the template: 3 header rows, then the 25 data rows in fixture key order; data columns 3–9.
_APP_FIRST_ROW = 3
_APP_FIRST_COL = 3
_SUB_ROWS = ("三_其他处理_1", "三_其他处理_2", "三_其他处理_3")


def _put(cell: _Cell, value: Any) -> None:
    """Type `value` into `cell`, keeping its first paragraph (and so its alignment)."""
    if value is None:
        return
    paragraph = cell.paragraphs[0]
    for r in list(paragraph.runs):
        r._r.getparent().remove(r._r)
    for extra in cell.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    paragraph.add_run(str(value))


def _distinct(cells: list[_Cell]) -> list[_Cell]:
    out: list[_Cell] = []
    for c in cells:
        if not out or out[-1]._tc is not c._tc:
            out.append(c)
    return out


def _fill_proactive(table: Table, section2: dict[str, dict[str, Any]]) -> None:
    header: list[str] = []
    for row in table.rows:
        cells = _distinct(row.cells)
        first = cells[0].text.strip()
        if first == "信息内容":
            header = [c.text.strip() for c in cells[1:]]
            continue
        if first in section2:
            for label, value in section2[first].items():
                column = next(i for i, h in enumerate(header) if h.startswith(label))
                _put(cells[1 + column], value)


def _merge_other_rows(table: Table) -> int:
    """Merge the three （六）其他处理 rows into one labelled 「（六）其他处理」; return its row index."""
    tbl = table._tbl
    rows = tbl.findall(qn("w:tr"))
    start = next(i for i, tr in enumerate(rows) if "其他处理" in "".join(t.text or "" for t in tr.iter(qn("w:t"))))
    for tr in rows[start + 1 : start + 3]:
        tbl.remove(tr)
    tr = rows[start]
    tcs = tr.findall(qn("w:tc"))
    group, item = tcs[1], tcs[2]
    tcpr = group.find(qn("w:tcPr"))
    vmerge = tcpr.find(qn("w:vMerge"))
    if vmerge is not None:
        tcpr.remove(vmerge)
    span = OxmlElement("w:gridSpan")
    span.set(qn("w:val"), "2")
    tcpr.find(qn("w:tcW")).addnext(span)
    tr.remove(item)
    return start


def _fill_applications(table: Table, section3: dict[str, list[Any]]) -> None:
    single = "三_其他处理" in section3 and any(v is not None for v in section3["三_其他处理"])
    keys = [k for k in section3 if k != "三_其他处理"]
    if single:
        merged = _merge_other_rows(table)
        first_sub = keys.index(_SUB_ROWS[0])
        keys = [k for k in keys if k not in _SUB_ROWS]
        keys.insert(first_sub, "三_其他处理")
        assert merged == _APP_FIRST_ROW + first_sub
    rows = table.rows
    for i, key in enumerate(keys):
        cells = _distinct(rows[_APP_FIRST_ROW + i].cells)
        data = cells[-len(fmt.APPLICANT_COLUMNS) :]
        for cell, value in zip(data, section3[key], strict=True):
            _put(cell, value)


def _fill_cases(table: Table, section4: dict[str, list[Any]]) -> None:
    cells = _distinct(table.rows[-1].cells)
    values = [v for key in ("行政复议", "诉讼_未经复议", "诉讼_复议后") for v in section4[key]]
    for cell, value in zip(cells, values, strict=True):
        _put(cell, value)


def _proactive_2019(document: Any, old: Table, section2: dict[str, dict[str, Any]]) -> None:
    """Replace table 二 by one in the 2019 layout: per block a label row, a 信息内容 row, the item rows."""
    rows: list[tuple[str, list[str]]] = []
    for block in fmt.PROACTIVE_BLOCKS_2019:
        rows.append(("label", [block.label]))
        rows.append(("header", ["信息内容", *(c.label for c in block.columns)]))
        for item in block.rows:
            printed = section2.get(item.label, {})
            values = [printed.get(c.label) for c in block.columns]
            rows.append(("item", [item.label, *("" if v is None else str(v) for v in values)]))
    table = document.add_table(rows=len(rows), cols=4)
    table.style = old.style
    for r, (kind, texts) in enumerate(rows):
        cells = table.rows[r].cells
        if kind == "label":
            merged = cells[0].merge(cells[3])
            merged.text = texts[0]
            continue
        if len(texts) == 3:  # two columns over three: the second spans two grid columns
            cells[2].merge(cells[3])
        for cell, text in zip(_distinct(table.rows[r].cells), texts, strict=True):
            cell.text = text
    old._tbl.addprevious(table._tbl)
    old._tbl.getparent().remove(old._tbl)


def fill_template(name: str, target: Path) -> Path:
    """Write `target`: the official template with the title and figures of fixture `name` typed in."""
    data = fixture(name)
    document = docx.Document(str(TEMPLATE))
    for paragraph in document.paragraphs:
        if paragraph.text.strip() == "政府信息公开工作年度报告格式模板":
            for r in paragraph.runs[1:]:
                r._r.getparent().remove(r._r)
            paragraph.runs[0].text = f"{data['agency']}{data['year']}年政府信息公开工作年度报告"
            break
    proactive, applications, cases = document.tables
    if data["format"] == "2019":
        _proactive_2019(document, proactive, data["section2"])
    else:
        _fill_proactive(proactive, data["section2"])
    _fill_applications(applications, data["section3"])
    _fill_cases(cases, data["section4"])
    document.save(str(target))
    return target
