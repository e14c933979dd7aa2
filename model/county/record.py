"""The review record: each unit's status with its date, kept in the folder beside the reports (JSON with a
schema, like the draft), so the review survives closing the application and copying the folder elsewhere.

Statuses: 未报送 (nothing received), 待审核 (received, not decided), 退回修改 (sent back with a 整改通知),
审核通过 (accepted). A unit sent back keeps a snapshot of its report as returned (file, SHA-256, figures,
text digests, open findings), so that when a newer file comes back the review can say what changed and which
findings are gone (`model.county.review`). Files are named relative to the folder.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema

from model.county.roster import Roster
from model.storage.drafts import DraftError, write_atomic

FORMAT_MARK = "nianbao-review-record"
VERSION = 1
RECORD_NAME = "审核记录.json"

NOT_SUBMITTED = "未报送"
PENDING = "待审核"
RETURNED = "退回修改"
APPROVED = "审核通过"
STATUSES = (NOT_SUBMITTED, PENDING, RETURNED, APPROVED)

_DATE = {"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
_OPT_DATE = {"type": ["string", "null"], "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
_FINDING = {
    "type": "object",
    "required": ["key", "rule", "severity", "message"],
    "additionalProperties": False,
    "properties": {
        "key": {"type": "string"},
        "rule": {"type": "string"},
        "severity": {"enum": ["error", "explain", "hint"]},
        "message": {"type": "string"},
        "section": {"type": "string"},
        "row": {"type": ["string", "null"]},
        "column": {"type": ["string", "null"]},
    },
}
_EVENT = {
    "type": "object",
    "required": ["status", "date"],
    "additionalProperties": False,
    "properties": {
        "status": {"enum": list(STATUSES)},
        "date": _DATE,
        "file": {"type": ["string", "null"]},
        "sha256": {"type": ["string", "null"]},
        "note": {"type": "string"},
    },
}
SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "审核记录",
    "type": "object",
    "required": ["format", "version", "units"],
    "additionalProperties": False,
    "properties": {
        "format": {"const": FORMAT_MARK},
        "version": {"type": "integer", "minimum": 1},
        "year": {"type": ["integer", "null"]},
        "office": {"type": "string"},
        "roster": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name"],
                "additionalProperties": False,
                "properties": {
                    "name": {"type": "string", "minLength": 1},
                    "short": {"type": "string"},
                    "category": {"type": "string"},
                    "contact": {"type": "string"},
                    "deadline": _OPT_DATE,
                },
            },
        },
        "units": {
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "required": ["status", "date"],
                "additionalProperties": False,
                "properties": {
                    "status": {"enum": list(STATUSES)},
                    "date": _DATE,
                    "file": {"type": ["string", "null"]},
                    "sha256": {"type": ["string", "null"]},
                    "history": {"type": "array", "items": _EVENT},
                    "returned": {
                        "type": ["object", "null"],
                        "required": ["file", "sha256", "date", "figures", "texts", "findings"],
                        "additionalProperties": False,
                        "properties": {
                            "file": {"type": "string"},
                            "sha256": {"type": "string"},
                            "date": _DATE,
                            "deadline": _OPT_DATE,
                            "figures": {
                                "type": "object",
                                "additionalProperties": {"type": ["integer", "string", "null"]},
                            },
                            "texts": {"type": "object", "additionalProperties": {"type": "string"}},
                            "findings": {"type": "array", "items": _FINDING},
                        },
                    },
                },
            },
        },
    },
}


@dataclass
class Snapshot:
    """A report as it was sent back: `file` (relative), `sha256`, `date` sent back, `deadline` given in the
    整改通知, `figures` (cell key 'table.row.column' → value; amounts as text), `texts` (section key → digest)
    and the open `findings` (dicts with key, rule, severity, message, section, row, column)."""

    file: str
    sha256: str
    date: dt.date
    figures: dict[str, int | str | None]
    texts: dict[str, str]
    findings: list[dict[str, Any]]
    deadline: dt.date | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "sha256": self.sha256,
            "date": self.date.isoformat(),
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "figures": dict(self.figures),
            "texts": dict(self.texts),
            "findings": [dict(f) for f in self.findings],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Snapshot:
        return cls(
            file=data["file"],
            sha256=data["sha256"],
            date=date.fromisoformat(data["date"]),
            deadline=date.fromisoformat(data["deadline"]) if data.get("deadline") else None,
            figures=dict(data["figures"]),
            texts=dict(data["texts"]),
            findings=list(data["findings"]),
        )


@dataclass
class UnitStatus:
    """What the reviewer decided on a unit: `status`, its `date`, the `file` (relative) and `sha256` it was
    decided on, the `history` of decisions (dicts: status, date, file, sha256, note) and, once sent back, the
    `returned` snapshot."""

    status: str
    date: dt.date
    file: str | None = None
    sha256: str | None = None
    history: list[dict[str, Any]] = field(default_factory=list)
    returned: Snapshot | None = None


@dataclass
class ReviewRecord:
    """The review of one folder: the report `year`, the reviewer's `office` (named in 整改通知), the `roster`
    typed or loaded, and each unit's `UnitStatus` by unit key (the roster name, or the agency)."""

    year: int | None = None
    office: str = ""
    roster: Roster = field(default_factory=Roster)
    units: dict[str, UnitStatus] = field(default_factory=dict)

    def set_status(
        self,
        key: str,
        status: str,
        when: date,
        file: str | None = None,
        sha256: str | None = None,
        note: str = "",
        returned: Snapshot | None = None,
    ) -> UnitStatus:
        """Record that unit `key` is `status` since `when` (for `file` with `sha256`); keep the history.

        A `returned` snapshot is kept with 退回修改 and stays until the unit is approved. Raises `ValueError`
        for a status not in `STATUSES`.
        """
        if status not in STATUSES:
            raise ValueError(f"没有这种审核状态：{status}")
        old = self.units.get(key)
        history = list(old.history) if old else []
        history.append({"status": status, "date": when.isoformat(), "file": file, "sha256": sha256, "note": note})
        keep = returned or (old.returned if old and status != APPROVED else None)
        entry = UnitStatus(status, when, file, sha256, history, keep)
        self.units[key] = entry
        return entry

    def to_json(self) -> dict[str, Any]:
        """Return the record as its JSON object (see `SCHEMA`)."""
        units: dict[str, Any] = {}
        for key, u in self.units.items():
            units[key] = {
                "status": u.status,
                "date": u.date.isoformat(),
                "file": u.file,
                "sha256": u.sha256,
                "history": [dict(h) for h in u.history],
                "returned": u.returned.to_json() if u.returned else None,
            }
        return {
            "format": FORMAT_MARK,
            "version": VERSION,
            "year": self.year,
            "office": self.office,
            "roster": self.roster.to_json(),
            "units": units,
        }

    @classmethod
    def from_json(cls, data: Any, path: str | os.PathLike[str] = RECORD_NAME) -> ReviewRecord:
        """Return the record in decoded JSON `data`, validated against `SCHEMA`.

        Raises `DraftError` naming the file: not a review record, a newer version, or invalid (the place named).
        """
        if not isinstance(data, dict) or data.get("format") != FORMAT_MARK:
            raise DraftError(path, "不是审核记录文件")
        if isinstance(data.get("version"), int) and data["version"] > VERSION:
            raise DraftError(path, f"由较新版本的年报填报助手保存（审核记录版本 {data['version']}），请升级本程序")
        error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(SCHEMA).iter_errors(data))
        if error is not None:
            where = " › ".join(str(p) for p in error.absolute_path) or "文件顶层"
            raise DraftError(path, f"审核记录内容有误（{where}）")
        record = cls(
            year=data.get("year"), office=data.get("office", ""), roster=Roster.from_json(data.get("roster", []))
        )
        for key, u in data["units"].items():
            record.units[key] = UnitStatus(
                status=u["status"],
                date=date.fromisoformat(u["date"]),
                file=u.get("file"),
                sha256=u.get("sha256"),
                history=list(u.get("history", [])),
                returned=Snapshot.from_json(u["returned"]) if u.get("returned") else None,
            )
        return record


def record_path(folder: str | os.PathLike[str]) -> Path:
    """Return where the review record of `folder` is kept: `RECORD_NAME` inside it."""
    return Path(folder) / RECORD_NAME


def is_record_file(path: str | os.PathLike[str]) -> bool:
    """Return True if `path` holds a review record (by its content)."""
    try:
        head = Path(path).read_bytes()[:4096]
    except OSError:
        return False
    return FORMAT_MARK.encode() in head


def load_record(folder: str | os.PathLike[str]) -> ReviewRecord:
    """Return the review record of `folder`, or an empty one when there is none yet.

    Raises `DraftError` (Chinese, naming the file) when the record exists but cannot be read or is damaged;
    it is then never overwritten without the reviewer's say.
    """
    path = record_path(folder)
    if not path.exists():
        return ReviewRecord()
    try:
        text = path.read_bytes().decode("utf-8-sig")
        data = json.loads(text)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DraftError(path, "审核记录已损坏，无法读取；同一文件夹中的 .bak 是上一次保存的版本") from exc
    return ReviewRecord.from_json(data, path)


def save_record(folder: str | os.PathLike[str], record: ReviewRecord) -> Path:
    """Write `record` into `folder` atomically, the previous version kept as `.bak`; return its path.
    Raises `DraftError` (read-only stick, full disk…)."""
    path = record_path(folder)
    text = json.dumps(record.to_json(), ensure_ascii=False, indent=2) + "\n"
    write_atomic(path, text.encode("utf-8"))
    return path
