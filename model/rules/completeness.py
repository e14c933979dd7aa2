"""Completeness of the report: the basic information (B1, B2, N4), unfilled cells (B3), an empty 五 (N1), fees
not mentioned in 六 (N2), a township reporting 规章 (N3), headings with nothing under them (N5) and the opening
paragraph (N6–N9: empty, legal basis, statistics period, report year).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from model import format as fmt
from model.draft import Draft, Previous
from model.findings import Cell, Finding, Fix, basic_finding, finding
from model.numerals import chinese_year, normalize_digits
from model.rollover import citation_spans
from model.rules.arithmetic import figure_rows

_APP = "applications"


def check_unfilled(draft: Draft, previous: Previous | None) -> Iterator[Finding]:
    """B3: a hint per table that still has cells not entered (printed as 0)."""
    missing: dict[str, list[Cell]] = {}
    for section, values, places in figure_rows(draft):
        if None not in values.values():  # the common row, every cell entered: decided at once
            continue
        for cell, _row, _col, column_key, _kind in places:
            if values[column_key] is not None:
                continue
            computed = (cell.table == _APP and (cell.column == fmt.TOTAL_COLUMN or cell.row == "total_handled")) or (
                cell.table == "cases" and cell.column == "total"
            )
            if not computed:
                missing.setdefault(section, []).append(cell)
    for section, cells in missing.items():
        yield finding(
            "B3",
            section,
            f"有 {len(cells)} 个单元格未填写，将按 0 计并打印为 0",
            cells=tuple(cells),
            params={"count": len(cells)},
        )


# ---------------------------------------------------------------------------------------------------------
# Basic information and narrative


# Names of the invisible format characters (Unicode category Cf) a pasted or planted agency name may hold.
_FORMAT_CHAR_NAMES = {
    "\u200b": "零宽空格",
    "\u200c": "零宽不连字",
    "\u200d": "零宽连字",
    "\u200e": "从左向右标记",
    "\u200f": "从右向左标记",
    "\u202a": "从左向右嵌入",
    "\u202b": "从右向左嵌入",
    "\u202c": "嵌入结束",
    "\u202d": "从左向右覆盖",
    "\u202e": "从右向左覆盖",
    "\u2066": "从左向右隔离",
    "\u2067": "从右向左隔离",
    "\u2068": "方向隔离",
    "\u2069": "隔离结束",
    "\ufeff": "零宽不换行空格",
    "\u00ad": "软连字符",
}


def format_characters(text: str) -> list[str]:
    """Return the invisible format characters (Unicode category Cf) in `text`, each once, in order."""
    found: list[str] = []
    for ch in text:
        if unicodedata.category(ch) == "Cf" and ch not in found:
            found.append(ch)
    return found


def check_basic(draft: Draft, previous: Previous | None) -> Iterator[Finding]:
    """B1 (agency and year required), B2 (signed after the deadline), N4 (no signing date), B4 (invisible
    format characters in the agency name)."""
    if not draft.agency.strip():
        yield basic_finding("B1", "agency", "未填写{}")
    hidden = format_characters(draft.agency)
    if hidden:
        names = "、".join(f"U+{ord(ch):04X}（{_FORMAT_CHAR_NAMES.get(ch, '格式控制字符')}）" for ch in hidden)
        yield basic_finding(
            "B4", "agency", f"{{}}含有看不见的字符 {names}，会使标题和文件名显示错乱；请删除{{}}后重新输入"
        )
    if draft.year is None:
        yield basic_finding("B1", "year", "未填写{}")
    if draft.signing_date is None:
        yield basic_finding("N4", "signing_date", "未填写{}")
    deadline = draft.deadline or draft.default_deadline()
    if draft.signing_date and deadline and draft.signing_date > deadline:
        late = f"{{}} {_cn_date(draft.signing_date)} 晚于{fmt.BASIC_FIELDS['deadline']} {_cn_date(deadline)}"
        yield basic_finding("B2", "signing_date", late)


def _cn_date(d: Any) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


_EMPTY_TEXT = re.compile(r"^[\s。．.、，,；;：:（）()无暂无]*$")


def check_problems_text(draft: Draft, previous: Previous | None) -> Iterator[Finding]:
    """N1: section 五 must say something (empty or 「无」 is a defect, FORMAT.md §2)."""
    if _EMPTY_TEXT.match(draft.problems):
        yield finding(
            "N1",
            "problems",
            f"「{fmt.heading('problems')}」为空或只写了“无”，应写明存在的问题及改进情况",
            cells=(Cell("text", "problems"),),
        )


_FEE_WORDS = re.compile(r"费")


def check_fee_text(draft: Draft, previous: Previous | None) -> Iterator[Finding]:
    """N2: with fees charged (二 第（八）项, 六's fee, or 三（六）2 > 0), section 六 must mention them."""
    if draft.fees_charged() and not _FEE_WORDS.search(draft.other_matters):
        yield finding(
            "N2",
            "other_matters",
            f"本年有收费数据，但「{fmt.heading('other_matters')}」未提及收费情况（应报告信息处理费收取情况）",
            cells=(Cell("text", "other_matters"),),
        )


def check_township_regulations(draft: Draft, previous: Previous | None) -> Iterator[Finding]:
    """N3: a township (镇/乡/街道办事处) reporting 规章 ≠ 0 (townships cannot make 规章)."""
    if not fmt.is_township(draft.agency):
        return
    values = draft.proactive["regulations"]
    if any(v for v in values.values()):
        figures = "、".join(f"{c.label} {values[c.key] or 0}" for c in fmt.PROACTIVE_BLOCKS[0].columns)
        yield finding(
            "N3",
            "proactive",
            f"乡镇、街道无权制定规章，但「规章」一行填有数字（{figures}），请核实是否应填入「行政规范性文件」",
            row="规章",
            cells=tuple(Cell("proactive", "regulations", c.key) for c in fmt.PROACTIVE_BLOCKS[0].columns),
        )


# ---------------------------------------------------------------------------------------------------------
# N5: headings with nothing under them

_NOTHING = re.compile(r"^[\s。．.、，,；;：:]*$")


def check_empty_headings(draft: Draft, previous: Previous | None) -> Iterator[Finding]:
    """N5: a sub-point of 一 whose heading is kept with no text under it (the DOCX leaves such a heading out,
    so the printed numbering would jump), and an empty 六 (it must at least report the information-processing
    fee, FORMAT.md §2). An empty 五 is N1's."""
    for i, point in enumerate(draft.overview_points):
        heading = point.heading.strip()
        if heading and _NOTHING.match(point.text):
            yield finding(
                "N5",
                "overview",
                f"「{heading}」下没有内容：请写明本年度的情况，或删除此标题（空标题不会印在报告里，序号会不连续）",
                row=heading,
                cells=(Cell("text", f"overview.{i}"), Cell("text", f"overview_heading.{i}")),
                fix=Fix(Cell("text", f"overview_heading.{i}"), "", "删除此标题"),
            )
    if _NOTHING.match(draft.other_matters):
        yield finding(
            "N5",
            "other_matters",
            f"「{fmt.heading('other_matters')}」下没有内容：至少应报告信息处理费的收取情况"
            f"（国办函〔2020〕109号；未收取时写「{fmt.NO_FEE_SENTENCE}」）",
            cells=(Cell("text", "other_matters"),),
        )


# ---------------------------------------------------------------------------------------------------------
# N6–N9: the opening paragraph (FORMAT.md §1, §2)

_LEGAL_BASIS = re.compile(r"《(?:中华人民共和国)?政府信息公开条例》")
_PERIOD_WORDS = re.compile(r"统计|核定|截止|截至|期限")
_DATE = re.compile(r"(?<![0-9])(\d{4})\s*年(?:\s*(\d{1,2})\s*月)?")
_SENTENCE = re.compile(r"[^。！？；;\n]+")
PREAMBLE_LABEL = "开头段落"


def _opening(rule: str, message: str, fix: Fix | None = None) -> Finding:
    return finding(rule, "overview", message, row=PREAMBLE_LABEL, cells=(Cell("text", "preamble"),), fix=fix)


def check_opening(draft: Draft, previous: Previous | None) -> Iterator[Finding]:
    """N6 (empty: the standard opening `model.format.opening_sentence` is proposed), N7 (the legal basis
    《中华人民共和国政府信息公开条例》 not cited), N8 (a 统计期限/数据核定/统计截止 date outside the report year)
    and N9 (the report year not named) on the opening paragraph."""
    text = normalize_digits(draft.preamble)
    if _NOTHING.match(text):
        fix = None
        if draft.agency.strip() and draft.year is not None:
            fix = Fix(Cell("text", "preamble"), fmt.opening_sentence(draft.agency, draft.year), "采用标准开头语")
        yield _opening(
            "N6",
            "开头段落为空：通常写明编制依据（《中华人民共和国政府信息公开条例》）、统计期限和电子版查阅网址",
            fix,
        )
        return
    if not _LEGAL_BASIS.search(text):
        yield _opening("N7", f"开头段落未写明编制依据{fmt.LEGAL_BASIS}")
    if draft.year is None:
        return
    cited = citation_spans(text)
    for m in _SENTENCE.finditer(text):
        sentence = m.group()
        if not _PERIOD_WORDS.search(sentence):
            continue
        for d in _DATE.finditer(sentence):
            start = m.start() + d.start()
            if any(a <= start < b for a, b in cited) or int(d[1]) == draft.year:
                continue
            yield _opening(
                "N8",
                f"开头段落所写的统计期限或数据截止日期是 {d[1]} 年（「{sentence.strip()}」），"
                f"而报告年度是 {draft.year} 年：统计期限为报告年度的1月1日至12月31日",
            )
            break
    plain = re.sub(r"\s+", "", text)
    if str(draft.year) not in plain and chinese_year(draft.year) not in plain.replace("零", "〇"):
        yield _opening("N9", f"开头段落未写报告年度（{draft.year}年）")


CHECKS = (
    check_unfilled,
    check_basic,
    check_problems_text,
    check_fee_text,
    check_township_regulations,
    check_empty_headings,
    check_opening,
)
