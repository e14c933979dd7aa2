"""Completeness of the report: the basic information (B1, B2, N4), unfilled cells (B3), an empty 五 (N1), fees
not mentioned in 六 (N2) and a township reporting 规章 (N3).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from model import format as fmt
from model.draft import Draft, Previous
from model.findings import Cell, Finding, basic_finding, finding
from model.rules.arithmetic import all_values

_APP = "applications"


def check_unfilled(draft: Draft, previous: Previous | None) -> Iterator[Finding]:
    """B3: a hint per table that still has cells not entered (printed as 0)."""
    missing: dict[str, list[Cell]] = {}
    for section, cell, _row, _col, value, _kind in all_values(draft):
        if value is not None:
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


def check_basic(draft: Draft, previous: Previous | None) -> Iterator[Finding]:
    """B1 (agency and year required), B2 (signed after the deadline), N4 (no signing date)."""
    if not draft.agency.strip():
        yield basic_finding("B1", "agency", "未填写{}")
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


CHECKS = (check_unfilled, check_basic, check_problems_text, check_fee_text, check_township_regulations)
