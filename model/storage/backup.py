"""「备份到…」: copies of the draft (and its exported Word file) in a chosen folder, e.g. a USB stick, under
date-stamped names such as 「草场镇2024_备份_20260129-1530.json」, never overwriting an earlier backup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from model.draft import Draft
from model.os_errors import os_reason
from model.storage.drafts import DraftError, write_atomic

BACKUP_MARK = "_备份_"


def backup_name(stem: str, suffix: str, now: datetime) -> str:
    """Return the backup file name of `stem` + `suffix` made at `now`: 「<stem>_备份_YYYYMMDD-HHMM<suffix>」."""
    return f"{stem}{BACKUP_MARK}{now:%Y%m%d-%H%M}{suffix}"


def free_path(folder: Path, name: str) -> Path:
    """Return `folder`/`name`, or with 「-2」「-3」… before the suffix when that file already exists."""
    target = folder / name
    stem, suffix = Path(name).stem, Path(name).suffix
    n = 2
    while target.exists():
        target = folder / f"{stem}-{n}{suffix}"
        n += 1
    return target


@dataclass
class BackupResult:
    """What a backup wrote: the `files` (draft first), and `problems` with the Word file (Chinese)."""

    files: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _check_folder(folder: Path) -> None:
    if not folder.exists():
        raise DraftError(folder, "文件夹不存在（U 盘可能已拔出），没有备份")
    if not folder.is_dir():
        raise DraftError(folder, "这不是文件夹，没有备份")


def backup_draft(
    folder: Path, draft: Draft, stem: str, docx: Path | None = None, now: datetime | None = None
) -> BackupResult:
    """Write `draft` as it is now (unsaved changes included) into `folder` as 「<stem>_备份_<time>.json」,
    and copy the Word file `docx` (if given) beside it as 「<its name>_备份_<time>.docx」; return what was
    written.

    Raises `DraftError` with a Chinese message naming the folder or file if the draft cannot be written
    (folder gone — a USB stick pulled out —, read-only, full); then nothing is left half-written. A Word
    file that cannot be read or copied is a problem in the result; the draft's backup stands.
    """
    now = now or datetime.now()
    _check_folder(folder)
    result = BackupResult()
    target = free_path(folder, backup_name(stem, ".json", now))
    write_atomic(target, draft.to_json_text().encode("utf-8"), keep_backup=False)
    result.files.append(target)
    if docx is not None:
        try:
            data = docx.read_bytes()
        except FileNotFoundError:
            result.problems.append(f"Word 文件「{docx.name}」已不在原处，没有备份")
            return result
        except OSError as exc:
            result.problems.append(f"Word 文件「{docx.name}」无法读取（{os_reason(exc)}；可能正在 Word 中打开）")
            return result
        copy = free_path(folder, backup_name(docx.stem, docx.suffix, now))
        try:
            write_atomic(copy, data, keep_backup=False)
        except DraftError as exc:
            result.problems.append(f"Word 文件没有备份：{exc}")
            return result
        result.files.append(copy)
    return result
