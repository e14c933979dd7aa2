"""Numbers as report narratives write them: Arabic (「3,119」「２１」「0.5」) and Chinese (「二十一」「一百零五」).

The text checks read figures out of sentences such as 「共收到政府信息公开申请二十一件」; this module turns
the written number into a value. Chinese year numbers such as 「二〇二四」 are read digit by digit.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# The most digits a figure (a count in 件, the whole part of an amount) may have wherever it is read: a JSON
# draft, a Word table, a typed cell. Far beyond any real report (a trillion 件 has 13), and far below
# Python's int/str limit of 4,300 digits, which would otherwise raise on a hostile file.
MAX_FIGURE_DIGITS = 15

# Full-width digits and the full-width point map one-to-one onto ASCII, so offsets in the text do not
# move. The full-width comma 「，」 is a clause break in Chinese text, never a thousands separator.
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")

_DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "壹": 1,
    "二": 2,
    "贰": 2,
    "两": 2,
    "三": 3,
    "叁": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_LARGE_UNITS = {"万": 10_000, "萬": 10_000, "亿": 100_000_000}

CHINESE_NUMERAL_CHARS = "".join(_DIGITS) + "".join(_SMALL_UNITS) + "".join(_LARGE_UNITS)

# An Arabic number: digits with optional thousands separators and decimals (after `normalize_digits`).
ARABIC_PATTERN = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
CHINESE_PATTERN = f"[{CHINESE_NUMERAL_CHARS}]+"
NUMBER_RE = re.compile(f"(?:{ARABIC_PATTERN})|(?:{CHINESE_PATTERN})")


_FULL_WIDTH_CHARS = re.compile("[０-９．]")


def normalize_digits(text: str) -> str:
    """Return `text` with full-width digits and 「．」 made ASCII; the length is unchanged."""
    # str.translate walks a dict per character; most texts have nothing to translate (10 MB: 0.1 s, not 2 s)
    return text.translate(_FULL_WIDTH) if _FULL_WIDTH_CHARS.search(text) else text


def parse_chinese(text: str) -> int:
    """Return the whole number written in Chinese numerals in `text`, e.g. 「一百零五」 → 105.

    Reads positional forms (「十二」「二十一」「一千零一」「三万五千」), financial forms (「壹佰」), 「两」, and
    digit-by-digit strings such as 「二〇二四」 → 2024. Raises `ValueError` if `text` is empty or holds a
    character that is not a Chinese numeral, or is malformed (「十十」).
    """
    if not text or any(ch not in CHINESE_NUMERAL_CHARS for ch in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if all(ch in _DIGITS for ch in text):
        if len(text) == 1:
            return _DIGITS[text]
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total = 0  # completed 万/亿 groups
    section = 0  # value below the current large unit
    digit: int | None = None
    last_small = 10**9
    for ch in text:
        if ch in _DIGITS:
            if digit is not None and _DIGITS[ch] != 0 and digit != 0:
                raise ValueError(f"two digits in a row in {text!r}")
            digit = _DIGITS[ch]
        elif ch in _SMALL_UNITS:
            unit = _SMALL_UNITS[ch]
            if unit >= last_small:
                raise ValueError(f"malformed Chinese numeral {text!r}")
            section += (1 if digit is None else digit) * unit
            last_small = unit
            digit = None
        else:
            large = _LARGE_UNITS[ch]
            section += digit or 0
            if section == 0:
                raise ValueError(f"malformed Chinese numeral {text!r}")
            total = (total + section) * large if large > 10_000 else total + section * large
            section, digit, last_small = 0, None, 10**9
    return total + section + (digit or 0)


def parse_number(text: str) -> Decimal:
    """Return the value of a written number: Arabic (「3,119」「0.35」「２１」) or Chinese (「二十一」).

    Raises `ValueError` if `text` is not one number.
    """
    plain = normalize_digits(text.strip())
    if re.fullmatch(ARABIC_PATTERN, plain):
        try:
            return Decimal(plain.replace(",", ""))
        except InvalidOperation as exc:  # pragma: no cover - the pattern only admits valid numbers
            raise ValueError(f"not a number: {text!r}") from exc
    return Decimal(parse_chinese(plain))


def chinese_year(year: int) -> str:
    """Return `year` written digit by digit in Chinese numerals with 〇 for zero: 2024 → 「二〇二四」."""
    names = "〇一二三四五六七八九"
    return "".join(names[int(d)] for d in str(year))
