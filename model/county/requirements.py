"""The county's own requirements (本地要求) as a small versioned JSON file the reviewer puts on the USB stick.

A file looks like::

    {"format": "nianbao-county-requirements", "version": 1, "issuer": "米易县人民政府办公室",
     "deadline": "2025-01-20", "similarity_threshold": 0.5, "overview_max_chars": 3000,
     "required_phrases": ["政务公开工作要点"], "row_notes": {"applications.new_received": "含信函申请"},
     "disclosure_rate_excludes_unprocessed": true}

Every key but `format` and `version` is optional. `row_notes` maps a row of tables 二/三/四
(`<table>.<row key of model.format>`, tables 'proactive', 'applications', 'cases') to extra 填报说明 text.
The clerk's wizard applies the file when it opens it or finds it beside the draft under `FILE_NAME`; its
checks are `model.county.local` (rule ids L1–L3, marked 本地要求), never the national rules.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from model import format as fmt
from model.os_errors import os_reason
from model.storage.drafts import DraftError, write_atomic

if TYPE_CHECKING:  # jsonschema is imported when a requirements file is read (not when the wizard starts)
    import jsonschema

FORMAT_MARK = "nianbao-county-requirements"
VERSION = 1
FILE_NAME = "本地要求.json"  # the name the wizard looks for beside a draft
DEFAULT_SIMILARITY = 0.5
MAX_FILE_BYTES = 1024 * 1024
LOCAL_LABEL = "本地要求"


def row_choices() -> dict[str, str]:
    """Return every row a 填报说明 note may be attached to: `<table>.<row>` → its official label."""
    rows: dict[str, str] = {}
    for block in fmt.PROACTIVE_BLOCKS:
        for item in block.rows:
            rows[f"proactive.{item.key}"] = f"表二 {block.label} {item.label}"
    for row in fmt.APPLICATION_ROWS:
        rows[f"applications.{row.key}"] = f"表三 {row.full_label}"
    for group in fmt.CASE_GROUPS:
        rows[f"cases.{group.key}"] = f"表四 {group.label}"
    return rows


SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "本地要求（县级政务公开办公室对年度报告的要求）",
    "type": "object",
    "required": ["format", "version"],
    "additionalProperties": False,
    "properties": {
        "format": {"const": FORMAT_MARK, "title": "文件类型"},
        "version": {"type": "integer", "minimum": 1, "title": "版本"},
        "issuer": {"type": "string", "maxLength": 200, "title": "发布单位"},
        "deadline": {"type": ["string", "null"], "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "title": "报送截止日期"},
        "similarity_threshold": {"type": "number", "minimum": 0, "maximum": 1, "title": "雷同提示阈值"},
        "overview_max_chars": {"type": ["integer", "null"], "minimum": 1, "title": "“一、总体情况”字数上限"},
        "required_phrases": {
            "type": "array",
            "items": {"type": "string", "minLength": 1, "maxLength": 200},
            "maxItems": 100,
            "title": "正文必须写到的内容",
        },
        "row_notes": {
            "type": "object",
            "propertyNames": {"enum": list(row_choices())},
            "additionalProperties": {"type": "string", "maxLength": 2000},
            "title": "各行的补充填报说明",
        },
        "disclosure_rate_excludes_unprocessed": {"type": "boolean", "title": "实质公开率不计不予处理、其他处理"},
    },
}


@dataclass
class Requirements:
    """The county's requirements (本地要求).

    `deadline` the date reports are due at the county (replaces 31 January for rule L1), `similarity_threshold`
    the 雷同 share (0–1) from which the review hints, `overview_max_chars` the most characters 一、总体情况 may
    have (rule L2), `required_phrases` words or phrases the narrative must contain (rule L3), `row_notes`
    extra 填报说明 per row (`row_choices()` keys), `disclosure_rate_excludes_unprocessed` whether 实质公开率
    leaves （五）不予处理 and （六）其他处理 out of its base, `issuer` the office that set them.
    """

    issuer: str = ""
    deadline: date | None = None
    similarity_threshold: float = DEFAULT_SIMILARITY
    overview_max_chars: int | None = None
    required_phrases: list[str] = field(default_factory=list)
    row_notes: dict[str, str] = field(default_factory=dict)
    disclosure_rate_excludes_unprocessed: bool = True
    version: int = VERSION

    def is_empty(self) -> bool:
        """Return True when nothing is required beyond the national format."""
        return (
            self.deadline is None
            and self.overview_max_chars is None
            and not self.required_phrases
            and not any(v.strip() for v in self.row_notes.values())
        )

    def to_json(self) -> dict[str, Any]:
        """Return the requirements as the JSON object of the file (see the module docstring)."""
        return {
            "format": FORMAT_MARK,
            "version": self.version,
            "issuer": self.issuer,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "similarity_threshold": self.similarity_threshold,
            "overview_max_chars": self.overview_max_chars,
            "required_phrases": [p for p in self.required_phrases if p.strip()],
            "row_notes": {k: v for k, v in self.row_notes.items() if v.strip()},
            "disclosure_rate_excludes_unprocessed": self.disclosure_rate_excludes_unprocessed,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], path: str | os.PathLike[str] = FILE_NAME) -> Requirements:
        """Return the requirements in `data`, validated against `SCHEMA`.

        Raises `DraftError` naming the file and the first problem in Chinese: not a requirements file, a
        newer version than this program knows, a value out of range (by its Chinese title), a bad date.
        """
        if not isinstance(data, dict) or data.get("format") != FORMAT_MARK:
            raise DraftError(path, "不是本地要求文件（缺少 nianbao-county-requirements 标记）")
        version = data.get("version")
        if isinstance(version, int) and version > VERSION:
            raise DraftError(path, f"由较新版本的年报填报助手保存（本地要求版本 {version}），请升级本程序后再打开")
        import jsonschema

        errors = sorted(
            jsonschema.Draft202012Validator(SCHEMA).iter_errors(data), key=lambda e: list(map(str, e.absolute_path))
        )
        if errors:
            raise DraftError(path, _message(errors[0]))
        try:
            deadline = date.fromisoformat(data["deadline"]) if data.get("deadline") else None
        except ValueError as exc:
            raise DraftError(path, f"报送截止日期「{data['deadline']}」不是有效的日期") from exc
        return cls(
            issuer=data.get("issuer", ""),
            deadline=deadline,
            similarity_threshold=float(data.get("similarity_threshold", DEFAULT_SIMILARITY)),
            overview_max_chars=data.get("overview_max_chars"),
            required_phrases=list(data.get("required_phrases", [])),
            row_notes=dict(data.get("row_notes", {})),
            disclosure_rate_excludes_unprocessed=bool(data.get("disclosure_rate_excludes_unprocessed", True)),
            version=int(data["version"]),
        )

    def row_note(self, table: str, row: str) -> str:
        """Return the county's extra 填报说明 for `row` of `table` ('proactive', 'applications', 'cases'), or ''."""
        return self.row_notes.get(f"{table}.{row}", "").strip()


def _message(error: jsonschema.ValidationError) -> str:
    path = list(error.absolute_path)
    title = SCHEMA["properties"].get(str(path[0]), {}).get("title", str(path[0])) if path else "文件"
    if error.validator == "additionalProperties" and not path:
        return f"含有本程序不认识的项目（{error.message}）"
    if "propertyNames" in error.schema_path:
        return f"{title} 中的行「{error.instance}」不是表二、表三、表四中的行"
    if error.validator in ("minimum", "maximum"):
        return f"{title} 超出允许的范围（{error.instance}）"
    return f"{title} 的值不符合要求（{error.instance!r}）"


def is_requirements_data(data: Any) -> bool:
    """Return True if decoded JSON `data` is marked as a requirements file (whatever its validity)."""
    return isinstance(data, dict) and data.get("format") == FORMAT_MARK


def is_requirements_file(path: str | os.PathLike[str]) -> bool:
    """Return True if the file at `path` is a requirements file (recognised by its content, not its name)."""
    p = Path(path)
    try:
        if p.stat().st_size > MAX_FILE_BYTES:
            return False
        head = p.read_bytes()
    except OSError:
        return False
    if FORMAT_MARK.encode() not in head:
        return False
    try:
        return is_requirements_data(json.loads(head.decode("utf-8-sig")))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return False


def load_requirements(path: str | os.PathLike[str]) -> Requirements:
    """Return the requirements in the file at `path`.

    Raises `DraftError` with a Chinese reason naming the file: missing, unreadable, too large, not JSON,
    not a requirements file, or invalid (see `Requirements.from_json`).
    """
    p = Path(path)
    try:
        if p.stat().st_size > MAX_FILE_BYTES:
            raise DraftError(p, "文件过大，不是本地要求文件")
        text = p.read_bytes().decode("utf-8-sig")
    except FileNotFoundError as exc:
        raise DraftError(p, "文件不存在（可能已被移动、删除，或 U 盘已拔出）") from exc
    except UnicodeDecodeError as exc:
        raise DraftError(p, "不是本地要求文件（不是 UTF-8 文本）") from exc
    except OSError as exc:
        raise DraftError(p, f"无法读取（{os_reason(exc)}）") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DraftError(p, f"文件内容已损坏（第 {exc.lineno} 行附近）") from exc
    return Requirements.from_json(data, p)


def save_requirements(requirements: Requirements, path: str | os.PathLike[str]) -> None:
    """Write `requirements` to `path` atomically (UTF-8 JSON, Chinese readable). Raises `DraftError`."""
    text = json.dumps(requirements.to_json(), ensure_ascii=False, indent=2) + "\n"
    write_atomic(path, text.encode("utf-8"), keep_backup=False)


def find_beside(path: str | os.PathLike[str]) -> Path | None:
    """Return the requirements file `FILE_NAME` in the folder of the file `path` (a draft or report), or None."""
    candidate = Path(path).parent / FILE_NAME
    return candidate if candidate.is_file() and is_requirements_file(candidate) else None
