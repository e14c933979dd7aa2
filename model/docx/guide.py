"""The printable 填报说明: every entry of `model.help` as a Word document in the report's official layout.

`build_guide()` returns the python-docx `Document` (title, the chapters 基本信息 and 一 … 六 as level-1
headings, each entry as its label in level-2 style, the text and its source); `export_guide(path)` writes it
atomically. The text is the one the wizard's help panel and docs/help.md show (`model.help`).
"""

from __future__ import annotations

import io
import os
from pathlib import Path

from docx.document import Document
from docx.shared import Pt

from model import help as guide_text
from model.docx.writer import ExportError, blank_document
from model.storage.drafts import DraftError, write_atomic

TITLE = "政府信息公开工作年度报告填报说明"


def build_guide() -> Document:
    """Return the 填报说明 as a python-docx `Document` in the official layout (A4, GB/T 9704 margins)."""
    document = blank_document()
    document.add_paragraph(TITLE, style="Title")
    intro = (
        f"本说明按{guide_text.NOTICE}规定的年度报告格式，逐项说明每一部分、每一栏填什么、用什么单位、"
        f"边界情况怎样计数，并注明依据。国家文件没有规定之处，注明「{guide_text.SILENT}」。"
    )
    document.add_paragraph(intro)
    for heading, entries in guide_text.chapters():
        document.add_paragraph(heading, style="Heading 1")
        for entry in entries:
            document.add_paragraph(entry.title, style="Heading 2")
            document.add_paragraph(entry.text)
            source = document.add_paragraph()
            run = source.add_run(entry.source_line)
            run.font.size = Pt(12)  # 小四: the source under the text, smaller
    props = document.core_properties
    props.title = TITLE
    props.author = props.last_modified_by = "年报填报助手"
    return document


def export_guide(path: str | os.PathLike[str]) -> None:
    """Write the 填报说明 (`build_guide()`) to `path` atomically.

    Raises `ExportError` (Chinese message naming the file) if `path` does not end in .docx or the file
    cannot be written (read-only folder, full disk, vanished folder).
    """
    target = Path(path)
    if target.suffix.lower() != ".docx":
        raise ExportError(target, "文件名应以 .docx 结尾")
    buffer = io.BytesIO()
    build_guide().save(buffer)
    try:
        write_atomic(target, buffer.getvalue(), keep_backup=False)
    except DraftError as exc:
        raise ExportError(target, exc.reason.replace("保存", "导出")) from exc
