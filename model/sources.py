"""Opening a report from any file the clerk may have: our JSON draft or a DOCX in the official layout."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from model.draft import Draft
from model.findings import Finding
from model.storage.drafts import DraftError, load_draft

DOCX_SUFFIXES = (".docx", ".doc", ".wps", ".docm")


@dataclass
class OpenedReport:
    """A report read from `path`: the `draft`, findings made while reading (e.g. blank cells read as 0,
    rule ids I1–I3) and `kind` — 'draft' for our JSON file, 'docx' for a Word document."""

    path: Path
    draft: Draft
    kind: str
    findings: list[Finding] = field(default_factory=list)


def is_word_file(path: str | os.PathLike[str]) -> bool:
    """Return True if `path` names a Word or WPS document by its extension."""
    return Path(path).suffix.lower() in DOCX_SUFFIXES


def open_report(path: str | os.PathLike[str]) -> OpenedReport:
    """Return the report in `path`, a JSON draft or a Word document (by extension).

    Raises `DraftError` with a Chinese message naming the file and what is wrong when it cannot be read.
    """
    p = Path(path)
    if is_word_file(p):
        from model.docx.reader import import_docx

        result = import_docx(p)
        return OpenedReport(p, result.draft, "docx", list(result.findings))
    return OpenedReport(p, load_draft(p), "draft")


__all__ = ["DraftError", "OpenedReport", "is_word_file", "open_report"]
