"""The review as an Excel workbook (openpyxl): 汇总 (one row a unit), 问题清单 (one row a finding) and
未审核文件 (files not reviewed, with the reason). Each sheet has a frozen header row, filters, and column
widths measured for Chinese (a CJK character counts as two).
"""

from __future__ import annotations

import io
import os
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from model.county.review import EXCLUDED_LABELS, Review, Row
from model.county.similarity import percent
from model.findings import Severity
from model.storage.drafts import DraftError, write_atomic

SUMMARY_TITLE = "汇总"
FINDINGS_TITLE = "问题清单"
EXCLUDED_TITLE = "未审核文件"
SUMMARY_HEADER = (
    "序号",
    "单位",
    "类别",
    "报告中的机关名称",
    "年度",
    "文件",
    "状态",
    "状态日期",
    "错误",
    "需说明",
    "提示",
    "雷同（最高）",
    "最相似的其他单位",
    "与上年雷同",
    "实质公开率",
    "行政复议纠错率",
    "备注",
)
FINDINGS_HEADER = ("单位", "文件", "规则", "严重程度", "部分", "行", "列", "问题", "是否已说明")
EXCLUDED_HEADER = ("文件", "类别", "原因", "报告中的机关名称", "年度", "所属单位")
MAX_WIDTH = 60


def display_width(text: str) -> int:
    """Return how many Latin character widths `text` takes in Excel (wide East Asian characters: 2)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def row_note(row: Row) -> str:
    """Return the remarks of a table row: why nothing was reviewed, why a report matched no unit, what
    changed since it was sent back."""
    notes: list[str] = []
    for x in row.excluded:
        notes.append(f"收到的 {x.file.as_posix()} 未审核：{x.label}")
    entry = row.entry
    if entry is not None:
        if entry.unmatched:
            notes.append(f"未匹配名单：{entry.unmatched}")
        if entry.changes is not None:
            c = entry.changes
            notes.append(
                f"退回后重新报送：改动数字 {len(c.figures)} 处、文字 {len(c.texts)} 部分；"
                f"已改正问题 {len(c.gone)} 个，新出现 {len(c.new)} 个"
            )
    return "；".join(notes)


def summary_rows(review: Review) -> list[list[Any]]:
    """Return the 汇总 rows (values in `SUMMARY_HEADER` order)."""
    rows: list[list[Any]] = []
    for i, row in enumerate(review.rows, start=1):
        e = row.entry
        unit = row.unit
        rows.append(
            [
                i,
                row.name,
                unit.category if unit else "",
                e.agency if e else "",
                e.draft.year if e else None,
                e.file.as_posix() if e else "",
                row.status,
                row.status_date.isoformat() if row.status_date else "",
                e.count(Severity.ERROR) if e else None,
                e.count(Severity.EXPLAIN) if e else None,
                e.count(Severity.HINT) if e else None,
                percent(e.similarity) if e and e.similarity is not None else "",
                e.other_name if e and e.other is not None and e.other.overall else "",
                percent(e.last_year.overall)
                if e and e.last_year is not None and e.last_year.overall is not None
                else "",
                e.disclosure.shown() if e and e.disclosure else "",
                e.correction.shown() if e and e.correction else "",
                row_note(row),
            ]
        )
    return rows


def finding_rows(review: Review) -> list[list[Any]]:
    """Return the 问题清单 rows: every finding of every reviewed report."""
    rows: list[list[Any]] = []
    for row in review.rows:
        e = row.entry
        if e is None:
            continue
        for f in e.findings:
            rows.append(
                [
                    row.name,
                    e.file.as_posix(),
                    f.rule,
                    f.severity.label,
                    f.section_heading,
                    f.row or "",
                    f.column or "",
                    f.message,
                    "已说明" if f.explained else "",
                ]
            )
    return rows


def excluded_rows(review: Review) -> list[list[Any]]:
    """Return the 未审核文件 rows: files not reviewed, with the reason."""
    return [
        [x.file.as_posix(), EXCLUDED_LABELS[x.kind], x.reason, x.agency, x.year, x.unit or ""] for x in review.excluded
    ]


def _sheet(book: Any, title: str, header: Sequence[str], rows: list[list[Any]], wrap: set[int], first: bool) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet = book.active if first else book.create_sheet()
    sheet.title = title
    sheet.append(list(header))
    for values in rows:
        sheet.append(values)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for cell in sheet[1]:
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for col in range(1, len(header) + 1):
        letter = get_column_letter(col)
        widest = max(display_width(str(sheet.cell(r, col).value or "")) for r in range(1, sheet.max_row + 1))
        sheet.column_dimensions[letter].width = min(MAX_WIDTH, widest + 2)
        if col - 1 in wrap:
            for r in range(2, sheet.max_row + 1):
                sheet.cell(r, col).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(1, sheet.max_row)}"


def write_workbook(review: Review, path: str | os.PathLike[str]) -> Path:
    """Write the review to the Excel file `path` (.xlsx) atomically; return the path.

    Raises `DraftError` (Chinese, naming the file) when the name does not end in .xlsx, the file is open in
    Excel or WPS, or the folder cannot be written.
    """
    import openpyxl

    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise DraftError(target, "审核结果应保存为 .xlsx 文件")
    if target.with_name(f"~${target.name}").exists():
        raise DraftError(target, "文件正在 Excel 或 WPS 中打开，请先关闭它，或另起文件名")
    book = openpyxl.Workbook()
    _sheet(book, SUMMARY_TITLE, SUMMARY_HEADER, summary_rows(review), {16}, True)
    _sheet(book, FINDINGS_TITLE, FINDINGS_HEADER, finding_rows(review), {7}, False)
    _sheet(book, EXCLUDED_TITLE, EXCLUDED_HEADER, excluded_rows(review), {2}, False)
    book.properties.title = f"{review.year or ''}年度政府信息公开工作年度报告审核结果"
    book.properties.creator = "年报填报助手"
    buffer = io.BytesIO()
    book.save(buffer)
    write_atomic(target, buffer.getvalue(), keep_backup=False)
    return target
