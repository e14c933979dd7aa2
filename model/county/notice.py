"""The 整改通知: a unit's report sent back, as a Word document in the official layout (the page set-up of
`model.docx.writer.blank_document`: GB/T 9704 page, 仿宋 body, numbered pages).

Content: the title 「关于<单位><年份>年政府信息公开工作年度报告的整改通知」, the unit addressed, a paragraph
naming the report file, every open finding in a table (序号, 部分, 行, 列, 问题, 类别) in the official words,
the deadline to send the corrected report back and to whom, and the reviewer's office and date.
"""

from __future__ import annotations

import io
import os
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Twips

from model.county.review import Entry
from model.docx.writer import (
    BODY_CHAR,
    BORDER_SIZE,
    CELL_MARGIN,
    LINE_PITCH,
    TEXT_WIDTH,
    ExportError,
    blank_document,
    clean_text,
    format_signing_date,
)
from model.findings import Finding
from model.os_errors import os_reason
from model.storage.drafts import DraftError, write_atomic

HEADER = ("序号", "部分", "行", "列", "问题", "类别")
# column widths in twips, summing to the text width (156 mm)
_WIDTHS = (620, 1900, 1500, 900, 3204, 720)
assert sum(_WIDTHS) == TEXT_WIDTH


def notice_title(entry: Entry) -> str:
    """Return 「关于<单位><年份>年政府信息公开工作年度报告的整改通知」."""
    year = f"{entry.draft.year}年" if entry.draft.year else ""
    return f"关于{entry.name}{year}政府信息公开工作年度报告的整改通知"


def default_notice_name(entry: Entry) -> str:
    """Return the file name proposed for the notice: 「<单位>整改通知.docx」 (characters Windows refuses
    replaced)."""
    stem = "".join("_" if ch in '<>:"/\\|?*' else ch for ch in entry.name) or "单位"
    return f"{stem}整改通知.docx"


def new_notice_path(folder: Path, entry: Entry) -> Path:
    """Return where in `folder` the next 整改通知 of `entry` goes: 「<单位>整改通知.docx」, or for a unit sent back
    again 「<单位>整改通知（2）.docx」, （3）… — an earlier notice is never written over."""
    first = folder / default_notice_name(entry)
    path, n = first, 1
    while path.exists():
        n += 1
        path = first.with_name(f"{first.stem}（{n}）{first.suffix}")
    return path


def notice_findings(entry: Entry) -> list[Finding]:
    """Return the open findings the notice lists: 错误, then 需说明, then 提示, in review order."""
    return sorted(entry.open_findings(), key=lambda f: f.severity.rank)


def _cell(text: str, width: int, header: bool) -> str:
    jc = '<w:jc w:val="center"/>' if header else '<w:jc w:val="left"/>'
    runs = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(clean_text(part))}</w:t>' for part in text.split("\n"))
    bold = "<w:rPr><w:b/></w:rPr>" if header else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
        f'<w:p><w:pPr><w:pStyle w:val="TableText"/>{jc}</w:pPr><w:r>{bold}{runs}</w:r></w:p></w:tc>'
    )


def _table(rows: list[tuple[str, ...]]) -> str:
    border = f'w:val="single" w:sz="{BORDER_SIZE}" w:space="0" w:color="000000"'
    sides = "".join(f"<w:{s} {border}/>" for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
    parts = [
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="{TEXT_WIDTH}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{sides}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="{CELL_MARGIN}" w:type="dxa"/><w:right w:w="{CELL_MARGIN}" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr><w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in _WIDTHS) + "</w:tblGrid>"
    ]
    for i, row in enumerate(rows):
        header = i == 0
        parts.append(f"<w:tr><w:trPr><w:cantSplit/>{'<w:tblHeader/>' if header else ''}</w:trPr>")
        parts.extend(_cell(text, width, header) for text, width in zip(row, _WIDTHS, strict=True))
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


def build_notice(entry: Entry, office: str, deadline: date | None, today: date | None = None) -> Document:
    """Return the 整改通知 for `entry` as a python-docx `Document` (see the module docstring).

    `office` is the reviewer's office (named as the sender and the one to send the corrected report to),
    `deadline` the date by which it must come back (None: 「尽快」), `today` the date printed (default today).
    """
    today = today or date.today()
    document = blank_document()
    document.add_paragraph(notice_title(entry), style="Title")
    addressee = document.add_paragraph(f"{entry.name}：")
    addressee.paragraph_format.first_line_indent = Twips(0)
    findings = notice_findings(entry)
    by = f"于{format_signing_date(deadline)}前" if deadline else "尽快"
    to = office or "我办"
    document.add_paragraph(
        f"经审核，你单位报送的《{entry.draft.title}》（文件：{entry.file.name}）有以下 {len(findings)} 个问题"
        f"需要修改或说明。请对照《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）"
        f"逐项整改，{by}将修改后的报告重新报送{to}。"
    )
    rows: list[tuple[str, ...]] = [HEADER]
    for i, f in enumerate(findings, start=1):
        rows.append((str(i), f.section_heading, f.row or "—", f.column or "—", f.message, f.severity.label))
    tbl = parse_xml(_table(rows))
    body = document.element.body
    body.find(qn("w:sectPr")).addprevious(tbl)
    document.add_paragraph("其中“错误”须改正；“需说明”如确属实际情况，请在报告中或随报告书面说明理由；“提示”请核实。")
    for n, text in enumerate((to, format_signing_date(today))):
        closing = document.add_paragraph(text, style="Closing")
        closing.paragraph_format.right_indent = Twips(4 * BODY_CHAR)
        if n == 0:
            closing.paragraph_format.space_before = Twips(LINE_PITCH * 2)
    props = document.core_properties
    props.title = notice_title(entry)
    props.author = props.last_modified_by = to
    props.keywords = "整改通知"
    return document


def write_notice(
    entry: Entry, path: str | os.PathLike[str], office: str, deadline: date | None, today: date | None = None
) -> Path:
    """Write the 整改通知 of `entry` to `path` (.docx) atomically; return the path.

    Raises `ExportError` (Chinese, naming the file) when the name does not end in .docx, the file is open in
    Word or WPS, or the folder cannot be written.
    """
    target = Path(path)
    if target.suffix.lower() != ".docx":
        raise ExportError(target, "整改通知应保存为 .docx 文件")
    if target.with_name(f"~${target.name}").exists():
        raise ExportError(target, "文件正在 Word 或 WPS 中打开，请先关闭它，或另起文件名")
    buffer = io.BytesIO()
    build_notice(entry, office, deadline, today).save(buffer)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, buffer.getvalue(), keep_backup=False)
    except (DraftError, OSError) as exc:
        reason = exc.reason if isinstance(exc, DraftError) else os_reason(exc)
        raise ExportError(target, f"未能保存整改通知（{reason}）") from exc
    return target
