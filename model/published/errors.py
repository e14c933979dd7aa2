"""Why a published file (PDF, web page) cannot be read: a `DraftError` with a Chinese reason and a kind."""

from __future__ import annotations

import os

from model.os_errors import os_reason
from model.storage.drafts import DraftError

OCR_ADVICE = (
    "请向发布单位索取 Word 文件或可复制文字的 PDF，或用文字识别（OCR）软件转换成可复制文字的文件后再打开，"
    "也可以手工录入"
)


def unreadable(path: str | os.PathLike[str], exc: OSError) -> PublishedFormatError:
    """Return the error for a file the system would not let us read (`exc`), worded for the clerk."""
    if isinstance(exc, FileNotFoundError):
        reason = "文件不存在（可能已被移动、删除，或 U 盘已拔出）"
    elif isinstance(exc, PermissionError):
        reason = "没有读取权限"
    elif isinstance(exc, IsADirectoryError):
        reason = "这是一个文件夹，不是文件"
    else:
        reason = f"文件无法读取（{os_reason(exc)}）"
    return PublishedFormatError(path, reason, "damaged")


class PublishedFormatError(DraftError):
    """A PDF or web page that cannot be read as a report; `str()` names the file and says what to do.

    `kind` is a short English name of what is wrong: 'scanned' (pages are pictures without a text layer),
    'encrypted' (an open password is needed), 'damaged' (not a PDF, truncated, broken), 'empty' (no text),
    'notables' (no tables 二/三/四), 'toolarge'.
    """

    def __init__(self, path: str | os.PathLike[str], reason: str, kind: str) -> None:
        super().__init__(path, reason)
        self.kind = kind
