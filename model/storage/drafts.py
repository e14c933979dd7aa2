"""Reading and writing draft files: schema validation with Chinese messages, atomic saves with a `.bak`."""

from __future__ import annotations

import errno
import json
import os
import re
import string
import time
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from model import format as fmt
from model.draft import SCHEMA_VERSION, Draft
from model.os_errors import os_reason
from model.storage.schema import load_schema

if TYPE_CHECKING:
    import jsonschema

MAX_DRAFT_BYTES = 20 * 1024 * 1024
DRAFT_SUFFIX = ".json"
BACKUP_SUFFIX = ".bak"
TMP_SUFFIX = ".tmp"
# A whole number in a draft file may have this many digits: figures typed or read are cut at 15
# (model.numerals.MAX_FIGURE_DIGITS) and the totals of 150 of them have at most 18; longer is no figure
# (Python's int/str limit of 4,300 digits would otherwise raise while the file is decoded).
MAX_JSON_DIGITS = 30
MAX_DEPTH = 16  # a draft nests 4 levels deep (applications › row › column); anything far deeper is not one
MAX_NAME_BYTES = (
    200  # a file name the product proposes, so that 「.~lock.<name>#」 and 「.<name>.bak.<pid>.<random>.tmp」
)
# still fit the 255 bytes Linux file systems allow (Windows allows 255 UTF-16 units, which is more)
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


class TooManyDigits:
    """A whole number in a JSON file with more digits than any figure may have (`MAX_JSON_DIGITS`).

    `decode_json` puts it where the number stood, so the schema refuses it by name instead of Python's
    int/str limit (4,300 digits) raising while the file is decoded."""

    def __init__(self, digits: str) -> None:
        self.digits = digits

    def __repr__(self) -> str:
        return f"{self.digits[:12]}…（{len(self.digits.lstrip('-'))} 位）"


def _parse_int(text: str) -> int | TooManyDigits:
    return int(text) if len(text.lstrip("-")) <= MAX_JSON_DIGITS else TooManyDigits(text)


def decode_json(text: str) -> Any:
    """Return the JSON value of `text`; a whole number longer than `MAX_JSON_DIGITS` digits becomes a
    `TooManyDigits` (refused by `parse_draft` naming its field).

    Raises `json.JSONDecodeError` for text that is not JSON and `RecursionError` for nesting deeper than
    Python's JSON decoder goes.
    """
    return json.loads(text, parse_int=_parse_int)


def _shown(value: Any) -> str:
    """Return `value` as the clerk would recognise it in the file, at most 40 characters."""
    text = repr(value) if isinstance(value, TooManyDigits) else json.dumps(value, ensure_ascii=False, default=repr)
    return text[:40] + "…" if len(text) > 40 else text


def _inspect(schema: dict[str, Any], data: Any, path: str | os.PathLike[str]) -> None:
    """Refuse decoded JSON that is nested deeper than any draft (`MAX_DEPTH`) or holds a lone surrogate
    (「\\ud800」: text that cannot be saved again as UTF-8), naming where."""
    stack: list[tuple[Any, list[str | int]]] = [(data, [])]
    while stack:
        value, where = stack.pop()
        if len(where) > MAX_DEPTH:
            raise DraftError(path, f"内容嵌套超过 {MAX_DEPTH} 层，不是年报填报助手的草稿文件")
        if isinstance(value, dict):
            items: list[tuple[str | int, Any]] = list(value.items())
        elif isinstance(value, list):
            items = list(enumerate(value))
        else:
            items = []
        for key, item in items:
            for text in (key, item):
                if isinstance(text, str) and _SURROGATE.search(text):
                    char = _SURROGATE.search(text)
                    assert char is not None
                    label = _describe_path(schema, [*where, key])
                    raise DraftError(
                        path,
                        f"{label} 含有无效字符（孤立的代理码位 U+{ord(char.group()):04X}，不是正常的文字），"
                        "文件可能被其他程序改动过",
                    )
            stack.append((item, [*where, key]))


_SURROGATE = re.compile("[\ud800-\udfff]")


def _validation_message(schema: dict[str, Any], error: jsonschema.ValidationError) -> str:
    where = _describe_path(schema, list(error.absolute_path))
    validator = error.validator
    if isinstance(error.instance, TooManyDigits):
        digits = len(error.instance.digits.lstrip("-"))
        return f"{where} 的数字有 {digits} 位，超出任何实际数字的范围（最多 {MAX_JSON_DIGITS} 位）"
    if validator == "type" and isinstance(error.instance, float):
        if error.instance.is_integer() and abs(error.instance) < 10**MAX_JSON_DIGITS:
            return f"{where} 的值 {_shown(error.instance)} 带有小数点，应写为整数 {int(error.instance)}"
        return f"{where} 的值 {_shown(error.instance)} 不是整数（应为不小于 0 的整数）"
    if validator == "required":
        key = error.message.split("'")[1] if "'" in error.message else error.message
        missing = _describe_path(schema, [*error.absolute_path, key]).rpartition(" › ")[2]  # its official label
        return f"{where} 缺少必填项「{missing}」"
    if validator == "additionalProperties":
        return f"{where} 含有本程序不认识的项目（{error.message}）"
    if validator in ("minimum", "maximum"):  # the year (2000–2100) is the one bounded field, bounded both ways
        schema_node = error.schema if isinstance(error.schema, dict) else {}
        span = f"{schema_node.get('minimum')}–{schema_node.get('maximum')}"
        return f"{where} 的值 {error.instance} 超出范围（应为 {span}）"
    if validator == "format":
        return f"{where} 的值 {_shown(error.instance)} 不是有效的日期"
    if validator == "type" and "string" in ([error.validator_value] if isinstance(error.validator_value, str) else []):
        return f"{where} 的值 {_shown(error.instance)} 应为文字"
    if validator in ("type", "pattern"):
        return f"{where} 的值 {_shown(error.instance)} 不是有效的数字或格式（应为不小于 0 的整数、金额或日期）"
    return f"{where} 不符合草稿格式（{error.message[:200]}）"


@cache
def _schema() -> dict[str, Any]:
    """Return `load_schema()`, read once (its labels name the fields in every message)."""
    return load_schema()


@cache
def _validator() -> jsonschema.Draft202012Validator:
    """Return the draft schema's validator, made once (jsonschema is imported only when a draft is read).

    The schema's "integer" also admits 2024.0, 1.0 and 1e308 (JSON Schema counts a float with no fraction as
    an integer); a year or a count in the draft is written as a whole number, never as a float.
    """
    import jsonschema

    schema = _schema()
    integers = jsonschema.Draft202012Validator.TYPE_CHECKER.redefine(
        "integer", lambda _checker, value: isinstance(value, int) and not isinstance(value, bool)
    )
    strict = jsonschema.validators.extend(jsonschema.Draft202012Validator, type_checker=integers)
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    return strict(schema, format_checker=checker)


def prepare_validation() -> None:
    """Import jsonschema and make the draft validator now, not at the first draft read: before worker
    processes are forked (the batch check), so that each starts with them instead of importing them again."""
    _validator()


def parse_draft(data: Any, path: str | os.PathLike[str] = "草稿", *, validate: bool = True) -> Draft:
    """Return the draft held by the decoded JSON `data`, validated against the draft schema.

    `validate=False` is for the program's own resources only (the built-in sample, which the test suite
    checks against the schema): start-up then needs no jsonschema.

    Raises `DraftError` naming the first problem in Chinese: not a draft of this product, a newer schema
    version, nesting deeper than any draft, a lone surrogate in a text, or a field that breaks the schema
    (named by its official label; a year or count written as a float such as 2024.0 or 1e308, or with
    more than `MAX_JSON_DIGITS` digits, breaks it too).
    """
    if not isinstance(data, dict) or "format" not in data or "schema_version" not in data:
        raise DraftError(path, "不是年报填报助手的草稿文件（缺少 format / schema_version 标记）")
    schema = _schema()
    _inspect(schema, data, path)
    if data["format"] != fmt.FORMAT_ID:
        raise DraftError(path, f"报告格式为「{_shown(data['format'])}」，本程序只编辑 {fmt.FORMAT_NOTICE} 格式（2021）")
    version = data["schema_version"]
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        raise DraftError(path, f"由较新版本的年报填报助手保存（草稿版本 {version}），请升级本程序后再打开")
    validator = _validator() if validate else None
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
        # a sharing or lock violation (Windows)
        if getattr(exc, "winerror", None) in WINDOWS_IN_USE[1:]:  # Windows only; pragma: no mutate
            raise DraftError(p, "文件正被其他程序使用，无法读取；请关闭该程序后重试") from exc
        raise DraftError(p, "没有读取权限（文件可能正被其他程序使用）") from exc
    except OSError as exc:
        raise DraftError(p, f"无法读取（{os_reason(exc)}）") from exc
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
        if exc.reason != "unexpected end of data":  # a byte no UTF-8 text holds, not a character cut off
            raise DraftError(p, "不是年报填报助手的草稿文件（草稿是 UTF-8 文本，此文件不是）") from exc
        text = raw[: exc.start].decode("utf-8-sig")  # cut inside a character: the file is incomplete
    if not text.lstrip().startswith(("{", "[")):
        raise DraftError(p, NOT_A_REPORT)
    try:
        data = decode_json(text)
    except RecursionError as exc:
        raise DraftError(p, f"内容嵌套过深，不是年报填报助手的草稿文件{restore}") from exc
    except json.JSONDecodeError as exc:
        if _cut_short(text, exc):
            reason = f"文件不完整（内容在结尾处中断，可能保存时被中断或复制未完成）{restore}"
        else:
            reason = f"文件内容已损坏（第 {exc.lineno} 行附近），可能被其他程序改动过{restore}"
        raise DraftError(p, reason) from exc
    return parse_draft(data, p, validate=validate)


def _cut_short(text: str, exc: json.JSONDecodeError) -> bool:
    """Whether the JSON decoder stopped because `text` ends early (a save or a copy interrupted): at or just
    before its end, inside a string that runs on to the end, inside a `\\u` escape or a `true`/`false`/`null`
    cut off (「"year": nu」)."""
    end = len(text.rstrip())
    if exc.pos >= end - 1 or exc.msg.startswith("Unterminated string"):
        return True
    tail = text[exc.pos : end]
    if exc.msg.startswith("Invalid \\uXXXX escape"):  # `exc.pos` is at the 「u」
        return all(c in string.hexdigits for c in tail[1:])  # fewer than 4 (4 would be a valid escape)
    return any(word.startswith(tail) for word in ("true", "false", "null"))


# Windows reports a file held open by another program (WPS, Word, an antivirus scan) as one of these:
# ERROR_ACCESS_DENIED, ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION.
WINDOWS_IN_USE = (5, 32, 33)  # Windows only; pragma: no mutate
_WINDOWS_PATH_TOO_LONG = (206,)  # ERROR_FILENAME_EXCED_RANGE; Windows only; pragma: no mutate
# an antivirus scan holds a new file for a moment on Windows: try the rename again
_REPLACE_TRIES = 5  # Windows only; pragma: no mutate
STALE_AFTER_SECONDS = 24 * 3600  # a temporary file whose writer cannot be told alive is left that long


def _save_error(path: Path, exc: OSError) -> DraftError:
    winerror = getattr(exc, "winerror", None)
    if exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        reason = "磁盘空间已满或文件过大，未能保存；原文件未改动"
    elif exc.errno == errno.ENAMETOOLONG or winerror in _WINDOWS_PATH_TOO_LONG:
        reason = "文件名或文件夹路径过长，未能保存；请改用较短的文件名；原文件未改动"
    elif winerror in WINDOWS_IN_USE:
        reason = (
            "文件正被其他程序（如 WPS、Word 或杀毒软件）使用，或文件夹没有写入权限，未能保存；"
            "请关闭该程序后重试；原文件未改动"
        )
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        reason = "文件夹只读或没有写入权限，未能保存；原文件未改动"
    elif exc.errno == errno.ENOENT:
        reason = "文件夹不存在（可能 U 盘已拔出），未能保存"
    elif exc.errno == errno.EISDIR:
        reason = "同名的文件夹已存在，未能保存；请另起文件名"
    else:
        reason = f"未能保存（{os_reason(exc)}）；原文件未改动"
    return DraftError(path, reason)


def _write_temporary(beside: Path, data: bytes, mode: int) -> str:
    """Write `data` to a new temporary file 「.<name>.<pid>.<random>.tmp」 in the folder of `beside`, fsync it
    and return its path. The process id in the name lets a later save tell a leftover of a killed process
    from a file another process is still writing. Raises `OSError` (the file removed)."""
    import tempfile  # (here: only saving needs it, not opening at start)

    fd, name = tempfile.mkstemp(prefix=f".{beside.name}.{os.getpid()}.", suffix=TMP_SUFFIX, dir=beside.parent)
    try:
        # mkstemp makes the file private (0600); give it the mode an ordinary save would
        os.chmod(name, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        _unlink_quietly(name)
        raise
    return name


def _unlink_quietly(name: str | os.PathLike[str]) -> None:
    try:
        os.unlink(name)
    except OSError:
        pass


def _replace(source: str, target: Path) -> None:
    """Rename `source` over `target` (atomic; a symbolic link at `target` is replaced, never followed).

    On Windows a file another program holds for a moment (an antivirus scan) refuses the rename: tried
    again a few times before the `PermissionError` is raised."""
    for attempt in range(_REPLACE_TRIES):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if os.name != "nt" or attempt == _REPLACE_TRIES - 1:  # Windows only; pragma: no mutate
                raise
            time.sleep(0.1 * (attempt + 1))  # Windows only; pragma: no mutate


def _keep_backup(target: Path, mode: int) -> None:
    """Keep the file at `target` as 「<name>.bak」, atomically (a copy renamed over the old `.bak`, so a kill
    or a full disk leaves the old `.bak` whole, and a `.bak` that is a symbolic link is replaced, not
    followed). The `.bak` is a convenience: when it cannot be written (a folder of that name, a full disk)
    the save goes on without it and the old `.bak`, if any, stays as it was."""
    backup = target.with_name(target.name + BACKUP_SUFFIX)
    tmp_name: str | None = None
    try:
        if not target.is_file():
            return
        tmp_name = _write_temporary(backup, target.read_bytes(), mode)
        _replace(tmp_name, backup)
        tmp_name = None
    except OSError:
        pass
    finally:
        if tmp_name is not None:
            _unlink_quietly(tmp_name)


def _alive(pid: int) -> bool | None:
    """Return whether process `pid` runs on this machine, or None where that cannot be asked safely."""
    if os.name != "posix":  # Windows only; pragma: no mutate
        return None  # os.kill(pid, 0) would end the process on Windows
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process: alive
    return True


def remove_stale_temporaries(target: str | os.PathLike[str]) -> list[Path]:
    """Remove the temporary files a killed save of `target` (or of its `.bak`) left beside it; return them.

    A temporary file 「.<name>.<pid>.<random>.tmp」 is stale when process <pid> no longer runs (POSIX), or
    when it is older than `STALE_AFTER_SECONDS` (its writer cannot be asked: Windows, another machine's
    file on a shared folder, a file without a process id). Files that cannot be removed are left.
    """
    target = Path(target)
    removed: list[Path] = []
    prefix = f".{target.name}."
    try:
        entries = sorted(
            (e for e in os.scandir(target.parent) if e.name.startswith(prefix) and e.name.endswith(TMP_SUFFIX)),
            key=lambda e: e.name,
        )
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        middle = entry.name[len(prefix) : -len(TMP_SUFFIX)]
        if middle.startswith(BACKUP_SUFFIX[1:] + "."):
            middle = middle[len(BACKUP_SUFFIX) :]
        pid_text, dot, _random = middle.partition(".")
        alive = _alive(int(pid_text)) if dot and pid_text.isdigit() else None
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            old = now - entry.stat(follow_symlinks=False).st_mtime > STALE_AFTER_SECONDS
            if alive is False or (alive is None and old):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def write_atomic(path: str | os.PathLike[str], data: bytes, *, keep_backup: bool = True) -> None:
    """Write `data` to `path` atomically: temporary file in the same folder, fsync, rename.

    With `keep_backup`, the existing file is kept as `<name>.bak` first, itself written atomically; a `.bak`
    that cannot be written never blocks the save. Temporary files left beside `path` by a save that was
    killed are removed (`remove_stale_temporaries`). On any failure the existing file is untouched and the
    temporary file removed. Raises `DraftError` with a Chinese message (full disk, read-only folder, file
    in use by another program on Windows, name too long, vanished folder).
    """
    target = Path(path)
    remove_stale_temporaries(target)
    tmp_name: str | None = None
    try:
        mode = target.stat().st_mode & 0o7777 if target.exists() else _default_mode()
        tmp_name = _write_temporary(target, data, mode)
        if keep_backup:
            _keep_backup(target, mode)
        _replace(tmp_name, target)
        tmp_name = None
        _fsync_dir(target.parent)
    except OSError as exc:
        raise _save_error(target, exc) from exc
    finally:
        if tmp_name is not None:
            _unlink_quietly(tmp_name)


def _default_mode() -> int:
    """Return the mode a newly created file gets under the process umask (0666 & ~umask)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":  # pragma: no mutate (a folder's fsync shows only after a power cut)
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
