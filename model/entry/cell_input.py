"""THE reader of a figure typed or pasted into a number cell: full-width digits, thousands separators,
clear refusals.

Pure Python (no Qt) so the rules of what a cell accepts are tested on their own; the wizard's cell
editors, fee fields and paste (`model.entry.paste`) all read through it. A count (件) is a whole
number ≥ 0 (D4); an amount (万元 or 元) a decimal ≥ 0 kept exact as `Decimal`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Literal

from model.draft import format_decimal
from model.format import ValueKind
from model.numerals import MAX_FIGURE_DIGITS

Number = int | Decimal


class InputState(Enum):
    """How far a typed text is from a valid figure (mirrors `QValidator.State`)."""

    INVALID = 0
    INTERMEDIATE = 1
    ACCEPTABLE = 2


class NumberInputError(ValueError):
    """A text that is not a valid figure for its cell; `str()` is a Chinese reason without the cell name."""


@dataclass(frozen=True)
class Reading:
    """The result of reading a typed text: `state`, the `text` normalised to ASCII and the `reason` a text
    is refused (Chinese, empty unless `state` is INVALID)."""

    state: InputState
    text: str
    reason: str = ""


_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+$")
_SEVERAL = re.compile(r"\d[.,]?\s+[.,]?\d|[\t\n\r]\S")  # two figures apart, or a tab/line break inside
SEVERAL_VALUES = "一格只能填一个数；要粘贴一行或一块数字，请先单击起始单元格（不要进入编辑），再按 Ctrl+V"


def normalise(text: str, kind: ValueKind = "count") -> str:
    """Return `text` with full-width characters made ASCII (「１２」 → 「12」) and spaces removed.

    For an amount the Chinese full stop 「。」 typed by an IME in Chinese punctuation mode counts as a decimal
    point.
    """
    out = unicodedata.normalize("NFKC", text)
    if kind == "amount":
        out = out.replace("\u3002", ".")
    return "".join(ch for ch in out if not ch.isspace())


def read(text: str, kind: ValueKind = "count") -> Reading:
    """Return how `text` reads as a figure of `kind` ('count' 件 or 'amount' 万元/元).

    ACCEPTABLE: a whole number (count) or decimal (amount) ≥ 0, with or without correct thousands
    separators, or empty (not entered). INTERMEDIATE: a separator or decimal point still being typed
    (「1,2」「3.」). INVALID: anything else, with the reason (a letter, a minus sign, a decimal in a count).
    """
    norm = normalise(text, kind)
    if norm == "":
        return Reading(InputState.ACCEPTABLE, norm)
    if _SEVERAL.search(unicodedata.normalize("NFKC", text).strip()):
        return Reading(InputState.INVALID, norm, SEVERAL_VALUES)
    for ch in norm:
        if ch.isdigit() and ch in "0123456789":
            continue
        if ch == ",":
            continue
        if ch == "." and kind == "amount":
            continue
        if ch == ".":
            return Reading(InputState.INVALID, norm, "件数只能是整数，不能有小数")
        if ch in "-−－":
            return Reading(InputState.INVALID, norm, "不能为负数")
        return Reading(InputState.INVALID, norm, f"只能填写数字，不能输入“{ch}”")
    if norm.count(".") > 1:
        return Reading(InputState.INVALID, norm, "只能有一个小数点")
    whole, _, fraction = norm.partition(".")
    if "," in fraction:
        return Reading(InputState.INVALID, norm, "小数点后不能有千位分隔符")
    if whole.startswith(","):
        return Reading(InputState.INVALID, norm, "不能以逗号开头")
    if "," in whole and not _GROUPED.match(whole):
        return Reading(InputState.INTERMEDIATE, norm, "千位分隔符的位置不对")
    if whole == "" or norm.endswith("."):
        return Reading(InputState.INTERMEDIATE, norm, "数字不完整")
    if len(whole.replace(",", "")) > MAX_FIGURE_DIGITS:
        return Reading(InputState.INVALID, norm, f"数字过大（最多 {MAX_FIGURE_DIGITS} 位）")
    return Reading(InputState.ACCEPTABLE, norm)


def parse(text: str, kind: ValueKind = "count") -> Number | None:
    """Return the figure `text` stands for: `int` for a count, `Decimal` for an amount, None when empty.

    Full-width digits and correct thousands separators are accepted (「１，２３４」 → 1234).
    Raises `NumberInputError` with a Chinese reason if `text` is not a valid figure of `kind`.
    """
    reading = read(text, kind)
    if reading.state is not InputState.ACCEPTABLE:
        reason = reading.reason or "不是有效的数字"
        raise NumberInputError(reason)
    if reading.text == "":
        return None
    digits = reading.text.replace(",", "")
    if kind == "count":
        return int(digits)
    try:
        return Decimal(digits)
    except InvalidOperation as exc:  # read() lets only digits and one point through; keep the promise
        raise NumberInputError("不是有效的金额") from exc


def expected(kind: ValueKind, unit: str = "") -> str:
    """Return what a cell of `kind` accepts, in words: 「不小于 0 的整数（件）」 or 「不小于 0 的金额（万元）」."""
    if kind == "count":
        return f"不小于 0 的整数（{unit or '件'}）"
    return f"不小于 0 的金额（{unit or '万元'}，可有小数）"


def show(value: Number | None) -> str:
    """Return `value` as shown in a cell: '' when not entered, plain digits, decimals without exponent."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format_decimal(value)
    return str(value)


# ---------------------------------------------------------------------------------------------------------
# Pasted values


PasteStatus = Literal["ok", "blank", "dash", "bad"]
ZERO_MARKS = "/／\\—–―─-－﹣‐‑‒"  # a cell holding only these (or 「无」) reads as 0, as in a DOCX import (I2)
_ZERO_WORDS = ("无",)
_PASTE_UNITS: dict[str, tuple[str, ...]] = {"count": ("件", "个", "项", "条", "次"), "amount": ("万元",)}


@dataclass(frozen=True)
class Pasted:
    """A pasted cell read as a figure: `value` (int 件 or Decimal 万元; 0 for a blank or a zero mark; None
    when refused), `status` 'ok', 'blank', 'dash' or 'bad', the `reason` of a refusal (Chinese), and the
    pasted `text`."""

    value: Number | None
    status: PasteStatus
    text: str
    reason: str = ""


def read_pasted(text: str, kind: ValueKind = "count") -> Pasted:
    """Return how one pasted cell `text` (from Excel, WPS or a web page) reads as a figure of `kind`.

    More forgiving than typing, as copied tables print zeros in several ways: a blank cell, or one holding
    only 「/」「—」「-」 or 「无」, reads as 0 (status 'blank' or 'dash'); a trailing unit (「5件」, 「3.5万元」)
    and a count printed with zero decimals (「12.0」) are read. Everything else follows `read()`: full-width
    digits and correct thousands separators accepted; letters, minus signs, decimals in a count refused
    with the same reasons (status 'bad').
    """
    if _SEVERAL.search(unicodedata.normalize("NFKC", text).strip()):
        return Pasted(None, "bad", text, "一格里有几个数（中间有空格或换行）")
    norm = normalise(text, kind)
    if norm == "":
        return Pasted(0, "blank", text)
    if not norm.strip(ZERO_MARKS) or norm in _ZERO_WORDS:
        return Pasted(0, "dash", text)
    for unit in _PASTE_UNITS[kind]:
        if norm.endswith(unit) and len(norm) > len(unit):
            norm = norm[: -len(unit)]
            break
    if kind == "count":
        whole = re.fullmatch(r"([\d,]+)\.0+", norm)  # 「12.0」 from a number format is still 12
        if whole:
            norm = whole[1]
    reading = read(norm, kind)
    if reading.state is InputState.ACCEPTABLE:
        try:
            return Pasted(parse(norm, kind), "ok", text)
        except NumberInputError as exc:  # read() said acceptable; keep the promise anyway
            return Pasted(None, "bad", text, str(exc))
    return Pasted(None, "bad", text, reading.reason or "不是有效的数字")
