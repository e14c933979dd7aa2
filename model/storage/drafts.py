"""Reading and writing draft files: schema validation with Chinese messages, atomic saves with a `.bak`."""

from __future__ import annotations

import errno
import json
import os
import tempfile
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from model import format as fmt
from model.draft import SCHEMA_VERSION, Draft
from model.storage.schema import load_schema

if TYPE_CHECKING:
    import jsonschema

MAX_DRAFT_BYTES = 20 * 1024 * 1024
DRAFT_SUFFIX = ".json"
BACKUP_SUFFIX = ".bak"
# A file that is text but not JSON at all (a .txt note, a CSV, a web page saved as text): not "damaged" — it
# was never a draft.
NOT_A_REPORT = "不是年报草稿，也不是 Word、PDF 或网页报告（内容是普通文字）；请打开年报草稿（.json）或报告文件"


class DraftError(Exception):
    """A draft file that cannot be read or written; `str()` is a Chinese message naming the file."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path.name}：{reason}")


def _describe_path(schema: dict[str, Any], path: list[str | int]) -> str:
    """Return the official labels along `path` in the schema, e.g. 「三、… › 一、本年新收… › 自然人」."""
    names: list[str] = []
    node: dict[str, Any] | None = schema
    for part in path:
        if node is None:
            names.append(str(part))
            continue
        if isinstance(part, int):
            names.append(f"第 {part + 1} 项")
            node = node.get("items")
            continue
        props = node.get("properties", {})
        node = props.get(part) if part in props else None
        names.append(node.get("title", part) if node else str(part))
    return " › ".join(names) if names else "文件顶层"


def _validation_message(schema: dict[str, Any], error: jsonschema.ValidationError) -> str:
    where = _describe_path(schema, list(error.absolute_path))
    validator = error.validator
    if validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return f"{where} 缺少必填项「{missing}」"
    if validator == "additionalProperties":
        return f"{where} 含有本程序不认识的项目（{error.message}）"
    if validator in ("minimum", "maximum"):
        schema_node = error.schema if isinstance(error.schema, dict) else {}
        low, high = schema_node.get("minimum"), schema_node.get("maximum")
        span = (
            f"{low}–{high}" if low is not None and high is not None else f"≥ {low}" if low is not None else f"≤ {high}"
        )
        return f"{where} 的值 {error.instance} 超出范围（应为 {span}）"
    if validator == "format":
        return f"{where} 的值 {json.dumps(error.instance, ensure_ascii=False)} 不是有效的日期"
    if validator in ("type", "pattern"):
        value = json.dumps(error.instance, ensure_ascii=False)
        if len(value) > 40:
            value = value[:40] + "…"
        return f"{where} 的值 {value} 不是有效的数字或格式（应为不小于 0 的整数、金额或日期）"
    return f"{where} 不符合草稿格式（{error.message}）"


@cache
def _validator() -> tuple[dict[str, Any], jsonschema.Draft202012Validator]:
    """Return the draft schema and its validator, made once (jsonschema is imported only when a draft is read)."""
    import jsonschema

    schema = load_schema()
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    return schema, jsonschema.Draft202012Validator(schema, format_checker=checker)


def parse_draft(data: Any, path: str | os.PathLike[str] = "草稿", *, validate: bool = True) -> Draft:
    """Return the draft held by the decoded JSON `data`, validated against the draft schema.

    `validate=False` is for the program's own resources only (the built-in sample, which the test suite
    checks against the schema): start-up then needs no jsonschema.

    Raises `DraftError` naming the first problem in Chinese: not a draft of this product, a newer schema
    version, or a field that breaks the schema (named by its official label).
    """
    if not isinstance(data, dict) or "format" not in data or "schema_version" not in data:
        raise DraftError(path, "不是年报填报助手的草稿文件（缺少 format / schema_version 标记）")
    if data["format"] != fmt.FORMAT_ID:
        raise DraftError(path, f"报告格式为「{data['format']}」，本程序只编辑 {fmt.FORMAT_NOTICE} 格式（2021）")
    version = data["schema_version"]
    if isinstance(version, int) and version > SCHEMA_VERSION:
        raise DraftError(path, f"由较新版本的年报填报助手保存（草稿版本 {version}），请升级本程序后再打开")
    schema, validator = _validator() if validate else ({}, None)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))) if validator else []
    if errors:
        first = _validation_message(schema, errors[0])
        more = f"（另有 {len(errors) - 1} 处问题）" if len(errors) > 1 else ""
        raise DraftError(path, first + more)
    try:
        return Draft.from_json(data)
    except (KeyError, ValueError) as exc:  # the schema should have caught it; say so plainly
        raise DraftError(path, f"内容无法读取（{exc}）") from exc


def load_draft(path: str | os.PathLike[str], *, validate: bool = True) -> Draft:
    """Return the draft stored in the JSON file at `path` (`validate`: see `parse_draft`).

    Raises `DraftError` with a Chinese message if the file is missing, unreadable, too large, not UTF-8,
    not JSON (with line and column), truncated, foreign or invalid against `resources/draft.schema.json`.
    """
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_DRAFT_BYTES:
            raise DraftError(p, f"文件过大（{size // 1024 // 1024} MB），不是草稿文件")
        raw = p.read_bytes()
    except FileNotFoundError as exc:
        raise DraftError(p, "文件不存在（可能已被移动、删除，或 U 盘已拔出）") from exc
    except IsADirectoryError as exc:
        raise DraftError(p, "这是一个文件夹，不是草稿文件") from exc
    except PermissionError as exc:
        raise DraftError(p, "没有读取权限") from exc
    except OSError as exc:
        raise DraftError(p, f"无法读取（{exc.strerror or exc}）") from exc
    backup = p.with_name(p.name + BACKUP_SUFFIX)
    restore = f"；同一文件夹中的 {backup.name} 是上一次保存的版本，可打开它" if backup.exists() else ""
    if not raw.strip():
        raise DraftError(p, f"文件是空的（可能保存时被中断）{restore}")
    if raw.startswith(b"PK\x03\x04"):
        raise DraftError(p, "这是压缩包或 Word 文件（.docx），不是草稿文件；Word 报告请以 .docx 扩展名打开")
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise DraftError(p, "这是旧版 Office 文件（如 Word 97-2003 .doc），不是草稿文件")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.start < len(raw) - 3:
            raise DraftError(p, "不是年报填报助手的草稿文件（草稿是 UTF-8 文本，此文件不是）") from exc
        text = raw[: exc.start].decode("utf-8-sig")  # cut inside a character: the file is incomplete
    if not text.lstrip().startswith(("{", "[")):
        raise DraftError(p, NOT_A_REPORT)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        # the text ends inside a value, or a string runs on to the end: the file was cut short
        if exc.pos >= len(text.rstrip()) - 1 or exc.msg.startswith("Unterminated string"):
            reason = f"文件不完整（内容在结尾处中断，可能保存时被中断或复制未完成）{restore}"
        else:
            reason = f"文件内容已损坏（第 {exc.lineno} 行附近），可能被其他程序改动过{restore}"
        raise DraftError(p, reason) from exc
    return parse_draft(data, p, validate=validate)


def _save_error(path: Path, exc: OSError) -> DraftError:
    if exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        reason = "磁盘空间已满或文件过大，未能保存；原文件未改动"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        reason = "文件夹只读或没有写入权限，未能保存；原文件未改动"
    elif exc.errno == errno.ENOENT:
        reason = "文件夹不存在（可能 U 盘已拔出），未能保存"
    else:
        reason = f"未能保存（{exc.strerror or exc}）；原文件未改动"
    return DraftError(path, reason)


def write_atomic(path: str | os.PathLike[str], data: bytes, *, keep_backup: bool = True) -> None:
    """Write `data` to `path` atomically: temporary file in the same folder, fsync, rename.

    With `keep_backup`, an existing file is kept as `<name>.bak` first. On any failure the existing file
    is untouched and the temporary file removed. Raises `DraftError` with a Chinese message.
    """
    target = Path(path)
    tmp_name: str | None = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        # mkstemp makes the file private (0600); give it the mode an ordinary save would
        os.chmod(tmp_name, target.stat().st_mode & 0o7777 if target.exists() else _default_mode())
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if keep_backup and target.exists():
            backup = target.with_name(target.name + BACKUP_SUFFIX)
            with target.open("rb") as src, backup.open("wb") as dst:
                dst.write(src.read())
                dst.flush()
                os.fsync(dst.fileno())
        os.replace(tmp_name, target)
        tmp_name = None
        _fsync_dir(target.parent)
    except OSError as exc:
        raise _save_error(target, exc) from exc
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass


def _default_mode() -> int:
    """Return the mode a newly created file gets under the process umask (0666 & ~umask)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def save_draft(draft: Draft, path: str | os.PathLike[str]) -> None:
    """Save `draft` as JSON at `path` atomically, keeping the previous version as `<name>.bak`.

    Raises `DraftError` (Chinese message: read-only folder, full disk, vanished folder…) and leaves any
    existing file untouched when the save fails.
    """
    write_atomic(path, draft.to_json_text().encode("utf-8"))
