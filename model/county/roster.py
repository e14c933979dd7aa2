"""The roster (名单): the units expected to report, typed in the application or read from Excel or CSV.

A roster file has a header row with 「单位名称」 and optionally 「简称」「类别」「联系人」「截止日期」, one unit a
row. A report is matched to a unit by the unit's full name, its short name, or the unit's name in the file's
name (`Roster.match`); what matches no unit, or more than one, is said.
"""

from __future__ import annotations

import csv
import io
import os
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from model.os_errors import os_reason
from model.storage.drafts import DraftError

HEADERS = {"单位名称": "name", "简称": "short", "类别": "category", "联系人": "contact", "截止日期": "deadline"}
MAX_ROSTER_BYTES = 10 * 1024 * 1024
_SPACE = re.compile(r"\s+")


def normal_name(name: str) -> str:
    """Return `name` as names are compared: NFKC (full-width brackets and letters folded), no white space."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", name or ""))


@dataclass
class Unit:
    """A unit of the roster: `name` (单位名称, full), `short` (简称), `category` (类别), `contact` (联系人) and
    its own `deadline` when the roster gives one."""

    name: str
    short: str = ""
    category: str = ""
    contact: str = ""
    deadline: date | None = None

    def to_json(self) -> dict[str, Any]:
        """Return the unit as stored in the review record."""
        return {
            "name": self.name,
            "short": self.short,
            "category": self.category,
            "contact": self.contact,
            "deadline": self.deadline.isoformat() if self.deadline else None,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Unit:
        """Return the unit stored by `to_json`."""
        deadline = data.get("deadline")
        return cls(
            name=data["name"],
            short=data.get("short", ""),
            category=data.get("category", ""),
            contact=data.get("contact", ""),
            deadline=date.fromisoformat(deadline) if deadline else None,
        )


@dataclass(frozen=True)
class Match:
    """How a report matched the roster: `unit` (None when it did not), `how` ('name', 'short', 'file' or
    '') and, when it did not, `reason` in Chinese."""

    unit: Unit | None
    how: str = ""
    reason: str = ""


class Roster:
    """The units expected to report, in the order given."""

    def __init__(self, units: list[Unit] | None = None) -> None:
        self.units: list[Unit] = []
        for unit in units or []:
            self.add(unit)

    def __len__(self) -> int:
        return len(self.units)

    def __bool__(self) -> bool:
        return bool(self.units)

    def add(self, unit: Unit) -> None:
        """Add `unit`. Raises `ValueError` (Chinese) when its name is empty or already on the roster."""
        if not normal_name(unit.name):
            raise ValueError("单位名称不能为空")
        if any(normal_name(u.name) == normal_name(unit.name) for u in self.units):
            raise ValueError(f"名单中已有「{unit.name}」")
        self.units.append(unit)

    def find(self, name: str) -> Unit | None:
        """Return the unit whose full name is `name` (compared as `normal_name`), or None."""
        key = normal_name(name)
        return next((u for u in self.units if normal_name(u.name) == key), None)

    def match(self, agency: str, file_name: str = "") -> Match:
        """Return the unit a report of `agency` in the file `file_name` belongs to.

        Tried in order, each only when it gives exactly one unit: the full name equals the agency; the short
        name equals the agency; the agency ends with the full name (a county prefix added) or the full name
        ends with the agency (prefix left out); the short name is in the agency; the full or short name is in
        the file's name. Otherwise `Match(None, reason=…)` says why.
        """
        name = normal_name(agency)
        stem = normal_name(Path(file_name).stem) if file_name else ""
        tries: list[tuple[str, list[Unit]]] = []
        if name:
            tries += [
                ("name", [u for u in self.units if normal_name(u.name) == name]),
                ("short", [u for u in self.units if u.short and normal_name(u.short) == name]),
                (
                    "name",
                    [
                        u
                        for u in self.units
                        if len(name) >= 4 and (name.endswith(normal_name(u.name)) or normal_name(u.name).endswith(name))
                    ],
                ),
                (
                    "short",
                    [
                        u
                        for u in self.units
                        if u.short and len(normal_name(u.short)) >= 2 and normal_name(u.short) in name
                    ],
                ),
            ]
        if stem:
            tries += [
                ("file", [u for u in self.units if normal_name(u.name) in stem]),
                (
                    "file",
                    [
                        u
                        for u in self.units
                        if u.short and len(normal_name(u.short)) >= 2 and normal_name(u.short) in stem
                    ],
                ),
            ]
        ambiguous: list[Unit] = []
        for how, units in tries:
            if len(units) == 1:
                return Match(units[0], how)
            if len(units) > 1 and not ambiguous:
                ambiguous = units
        if ambiguous:
            names = "、".join(u.name for u in ambiguous[:3])
            return Match(None, reason=f"可能属于多个单位（{names}），请核对名单或文件")
        shown = f"「{agency.strip()}」" if agency.strip() else "（报告中未写机关全称）"
        return Match(None, reason=f"报告机关{shown}不在名单中")

    def to_json(self) -> list[dict[str, Any]]:
        """Return the units as stored in the review record."""
        return [u.to_json() for u in self.units]

    @classmethod
    def from_json(cls, data: list[dict[str, Any]]) -> Roster:
        """Return the roster stored by `to_json`."""
        return cls([Unit.from_json(d) for d in data])


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _date(text: str, path: Path, line: int) -> date | None:
    if not text:
        return None
    m = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?", text.strip())
    try:
        if m:
            return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        pass
    raise DraftError(path, f"第 {line} 行的截止日期「{text}」不是日期（应写作 2025-01-20 或 2025年1月20日）")


def roster_from_rows(rows: list[list[str]], path: str | os.PathLike[str] = "名单") -> Roster:
    """Return the roster in `rows` (cells as text, the header row among the first ten).

    Raises `DraftError` (Chinese, naming the file and the line) when no header row has 「单位名称」, a
    name repeats, or a deadline is not a date. Empty rows are skipped.
    """
    p = Path(path)
    header_at = next((i for i, r in enumerate(rows[:10]) if any(c.strip() == "单位名称" for c in r)), None)
    if header_at is None:
        raise DraftError(p, "没有找到表头「单位名称」；名单的第一行应写 单位名称（可加 简称、类别、联系人、截止日期）")
    columns = {i: HEADERS[c.strip()] for i, c in enumerate(rows[header_at]) if c.strip() in HEADERS}
    roster = Roster()
    for line, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        values = {key: (row[i].strip() if i < len(row) else "") for i, key in columns.items()}
        if not any(values.values()):
            continue
        if not values.get("name"):
            raise DraftError(p, f"第 {line} 行没有填写单位名称")
        unit = Unit(
            name=values["name"],
            short=values.get("short", ""),
            category=values.get("category", ""),
            contact=values.get("contact", ""),
            deadline=_date(values.get("deadline", ""), p, line),
        )
        try:
            roster.add(unit)
        except ValueError as exc:
            raise DraftError(p, f"第 {line} 行：{exc}") from exc
    if not roster:
        raise DraftError(p, "名单中没有单位")
    return roster


def _csv_rows(raw: bytes, path: Path) -> list[list[str]]:
    for encoding in ("utf-8-sig", "gb18030"):  # Excel on Chinese Windows saves CSV in GBK
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes any byte string
        raise DraftError(path, "文件编码无法识别")
    dialect: type[csv.Dialect] | csv.Dialect = csv.excel
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;，")
    except csv.Error:
        pass
    return [list(r) for r in csv.reader(io.StringIO(text), dialect)]


def _xlsx_rows(path: Path) -> list[list[str]]:
    import zipfile

    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise DraftError(
            path, "不是有效的 Excel 文件（.xlsx），可能已损坏；请在 Excel 或 WPS 中另存为 .xlsx 或 .csv"
        ) from exc
    try:
        sheet = book.worksheets[0]
        return [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def load_roster(path: str | os.PathLike[str]) -> Roster:
    """Return the roster in an Excel (.xlsx, first sheet) or CSV/text file (UTF-8 or GBK, comma or tab).

    Raises `DraftError` with a Chinese reason naming the file: missing, too large, an old .xls, not a
    roster (no 「单位名称」 header), a repeated name, a bad deadline.
    """
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_ROSTER_BYTES:
            raise DraftError(p, "文件过大，不是名单文件")
        raw = p.read_bytes()
    except FileNotFoundError as exc:
        raise DraftError(p, "名单文件不存在") from exc
    except OSError as exc:
        raise DraftError(p, f"无法读取（{os_reason(exc)}）") from exc
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise DraftError(p, "这是旧版 Excel 文件（.xls）；请在 Excel 或 WPS 中另存为 .xlsx 或 .csv 后再用")
    if raw.startswith(b"PK\x03\x04"):
        return roster_from_rows(_xlsx_rows(p), p)
    return roster_from_rows(_csv_rows(raw, p), p)
