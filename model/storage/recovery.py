"""Recovery files: the open draft written aside while the clerk works, so a crash or a power cut loses at
most a few seconds of work.

One file per window of a running session, in the user data folder (platformdirs
``user_data_dir("nianbao")/recovery``), named ``<session>-<window>.recovery.json`` where the session is the
process's start time and id — so several windows and several copies of the program never write to the
same file. A file records the draft, which draft file it belongs to (or none: untitled, with the name of
what it was read from) and when it was written. Whether the session that wrote it is still running is
the GUI's business (a lock file per session, `gui.actions.recovery`).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from model.draft import Draft
from model.os_errors import os_reason
from model.storage.drafts import DraftError, decode_json, parse_draft, write_atomic

RECOVERY_FORMAT = "nianbao-recovery"
RECOVERY_VERSION = 1
SUFFIX = ".recovery.json"
_NAME = re.compile(r"^(?P<session>\d{8}-\d{6}-\d+)-(?P<window>\d+)" + re.escape(SUFFIX) + "$")


def recovery_folder() -> Path:
    """Return the folder of recovery files: ``<user data folder>/recovery`` (not created here)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("nianbao", appauthor=False)) / "recovery"


def session_id(pid: int | None = None, started: datetime | None = None) -> str:
    """Return the id of a session: its start time and process id, e.g. '20260129-153012-4711'."""
    started = started or datetime.now()
    return f"{started:%Y%m%d-%H%M%S}-{os.getpid() if pid is None else pid}"


def recovery_path(folder: Path, session: str, window: int) -> Path:
    """Return the recovery file of window number `window` (from 1) of `session` in `folder`."""
    return folder / f"{session}-{window}{SUFFIX}"


def session_of(path: Path) -> str | None:
    """Return the session that wrote the recovery file `path`, None if the name is not a recovery file's."""
    match = _NAME.match(path.name)
    return match["session"] if match else None


@dataclass(frozen=True)
class RecoveryRecord:
    """A recovery file read back: its `path`, the `session` that wrote it, `saved_at` (local time), the
    `draft_path` it belongs to (None: untitled), the `source_name` an untitled draft was read from, and
    the `draft`."""

    path: Path
    session: str
    saved_at: datetime
    draft_path: Path | None
    source_name: str
    draft: Draft

    def describe(self) -> str:
        """Return one line naming the record for the clerk: time, report and file, in Chinese."""
        when = f"{self.saved_at.year}年{self.saved_at.month}月{self.saved_at.day}日 {self.saved_at:%H:%M}"
        who = self.draft.agency.strip() or "新报告"
        year = f" {self.draft.year}年" if self.draft.year else ""
        if self.draft_path is not None:
            name = self.draft_path.name
        elif self.source_name:
            name = f"未命名（来自 {self.source_name}）"
        else:
            name = "未命名"
        return f"{when} 自动保存 · {who}{year} · {name}"


def write_recovery(
    path: Path, draft: Draft, draft_path: Path | None, source_name: str = "", now: datetime | None = None
) -> None:
    """Write `draft` as the recovery file `path` (folder created if needed), atomically, with the draft
    file it belongs to and the time.

    Raises `DraftError` with a Chinese message if the file cannot be written (full disk, no rights).
    """
    data: dict[str, Any] = {
        "format": RECOVERY_FORMAT,
        "version": RECOVERY_VERSION,
        "session": session_of(path),
        "saved_at": (now or datetime.now()).isoformat(timespec="seconds"),
        "draft_path": str(draft_path) if draft_path is not None else None,
        "source_name": source_name,
        "draft": draft.to_json(),
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DraftError(path, f"无法建立自动保存文件夹（{os_reason(exc)}）") from exc
    text = json.dumps(data, ensure_ascii=False, indent=1)
    write_atomic(path, text.encode("utf-8"), keep_backup=False)


def read_recovery(path: Path) -> RecoveryRecord:
    """Return the recovery file at `path` read back.

    Raises `DraftError` with a Chinese message if it is unreadable, not a recovery file, or its draft
    breaks the draft schema.
    """
    try:
        data = decode_json(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as exc:  # ValueError: also UnicodeDecodeError, JSONDecodeError
        raise DraftError(path, "自动保存的文件无法读取（可能写入时被中断）") from exc
    if not isinstance(data, dict) or data.get("format") != RECOVERY_FORMAT:
        raise DraftError(path, "不是年报填报助手的自动保存文件")
    try:
        saved_at = datetime.fromisoformat(str(data["saved_at"]))
        draft_path = Path(data["draft_path"]) if data.get("draft_path") else None
        source_name = str(data.get("source_name") or "")
        raw = data["draft"]
    except (KeyError, TypeError, ValueError) as exc:
        raise DraftError(path, "自动保存的文件不完整") from exc
    draft = parse_draft(raw, path)
    return RecoveryRecord(path, session_of(path) or "", saved_at, draft_path, source_name, draft)


def list_recovery_files(folder: Path) -> list[Path]:
    """Return the recovery files in `folder`, oldest first ([] if the folder does not exist)."""
    try:
        files = [p for p in folder.iterdir() if session_of(p) is not None]
    except OSError:
        return []
    return sorted(files, key=lambda p: p.name)


def remove_quietly(path: Path) -> None:
    """Delete `path` if it exists; a failure to delete is not worth telling the clerk."""
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass
