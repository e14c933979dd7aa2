"""Arithmetic of the three tables: S1 and D1–D4 of FORMAT.md §6 (勾稽关系 within one report)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from typing import Any

from model import format as fmt
from model.draft import Draft, Previous
from model.findings import Cell, Finding, Fix, finding

_APP = "applications"
_S1_ROWS = ("new_received", "carried_over", "total_handled", "carried_forward")  # 一, 二, （七）总计, 四

# ---------------------------------------------------------------------------------------------------------
# Table 三


def check_s1(draft: Draft, previous: Previous | None) -> Iterator[Finding]:
    """S1: for each of the 7 columns of table 三, 一 + 二 = 三（七）总计 + 四 (stored figures)."""
    for col in fmt.APPLICANT_COLUMNS:
        new, carried, total, forward = (draft.application(r, col.key) for r in _S1_ROWS)
        left, right = new + carried, total + forward
        if left == right:
            continue
        diff = abs(left - right)
        fix = None
        proposed = left - total
        if not col.computed and proposed >= 0:
            fix = Fix(Cell(_APP, fmt.S1_FIX_ROW, col.key), proposed, f"结转下年度 应为 {proposed}")
        yield finding(
            "S1",
            _APP,
            f"{col.label}：一+二 = {left}，（七）总计+四 = {right}，相差 {diff}",
            column=col.label,
            cells=tuple(Cell(_APP, r, col.key) for r in _S1_ROWS),
            fix=fix,
            params={"left": left, "right": right, "difference": diff},
        )


def check_d1(draft: Draft, previous: Previous | None) -> Iterator[Finding]:
    """D1: （七）总计 = （一）+（二）+ Σ（三）+ Σ（四）+ Σ（五）+ Σ（六）, per column of table 三."""
    row = fmt.APPLICATION_ROW_BY_KEY["total_handled"]
    for col in fmt.APPLICANT_COLUMNS:
        stored = draft.applications["total_handled"][col.key]
        computed = draft.computed_outcome_total(col.key)
        if (stored or 0) == (computed or 0):
            continue
        shown = "空白" if stored is None else str(stored)
        yield finding(
            "D1",
            _APP,
            f"{row.label}（{col.label}）填为 {shown}，但（一）至（六）各项之和为 {computed or 0}",
            row=row.label,
            column=col.label,
            cells=(Cell(_APP, row.key, col.key),),
            params={"stored": stored, "computed": computed or 0},
        )


def check_d2(draft: Draft, previous: Previous | None) -> Iterator[Finding]:
    """D2: 总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他, per row of table 三."""
    for row in fmt.APPLICATION_ROWS:
        stored = draft.applications[row.key][fmt.TOTAL_COLUMN]
        computed = draft.computed_application_row_total(row.key)
        if (stored or 0) == (computed or 0):
            continue
        shown = "空白" if stored is None else str(stored)
        yield finding(
            "D2",
            _APP,
            f"{row.full_label} 的总计填为 {shown}，但各类申请人之和为 {computed or 0}",
            row=row.full_label,
            column="总计",
            cells=(Cell(_APP, row.key, fmt.TOTAL_COLUMN),),
            params={"stored": stored, "computed": computed or 0},
        )


# ---------------------------------------------------------------------------------------------------------
# Table 四


_CASE_PARTS = "、".join(c.label for c in fmt.CASE_INPUT_COLUMNS)  # 结果维持、结果纠正、其他结果、尚未审结


def check_d3(draft: Draft, previous: Previous | None) -> Iterator[Finding]:
    """D3: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结, for 行政复议 and both 行政诉讼 groups."""
    for group in fmt.CASE_GROUPS:
        stored = draft.cases[group.key]["total"]
        computed = draft.computed_case_total(group.key)
        if (stored or 0) == (computed or 0):
            continue
        shown = "空白" if stored is None else str(stored)
        yield finding(
            "D3",
            "review_litigation",
            f"{group.label} 的总计填为 {shown}，但{_CASE_PARTS}之和为 {computed or 0}",
            row=group.label,
            column="总计",
            cells=(Cell("cases", group.key, "total"),),
            params={"stored": stored, "computed": computed or 0},
        )


# ---------------------------------------------------------------------------------------------------------
# Values (D4) and unfilled cells (B3)


# Every figure of the draft, row by row: (section, table, row key, the row's places), each place being
# (cell, row label, column label, column key, kind). Made once; the rows are read once per check.
_Place = tuple[Cell, str, str, str, str]


@cache
def _rows() -> tuple[tuple[str, str, str, tuple[_Place, ...]], ...]:
    rows: list[tuple[str, str, str, tuple[_Place, ...]]] = []
    for block in fmt.PROACTIVE_BLOCKS:
        for item in block.rows:
            places = tuple(
                (Cell("proactive", item.key, col.key), f"{block.label} {item.label}", col.label, col.key, col.kind)
                for col in block.columns
            )
            rows.append(("proactive", "proactive", item.key, places))
    for arow in fmt.APPLICATION_ROWS:
        places = tuple(
            (Cell(_APP, arow.key, acol.key), arow.full_label, acol.label, acol.key, "count")
            for acol in fmt.APPLICANT_COLUMNS
        )
        rows.append((_APP, "applications", arow.key, places))
    for group in fmt.CASE_GROUPS:
        places = tuple(
            (Cell("cases", group.key, ccol.key), group.label, ccol.label, ccol.key, "count")
            for ccol in fmt.CASE_COLUMNS
        )
        rows.append(("review_litigation", "cases", group.key, places))
    fees = tuple((Cell("fees", fee.key), "信息处理费", fee.label, fee.key, fee.kind) for fee in fmt.FEE_FIELDS)
    rows.append(("other_matters", "fees", "", fees))
    return tuple(rows)


def figure_rows(draft: Draft) -> Iterator[tuple[str, dict[str, Any], tuple[_Place, ...]]]:
    """Yield (section, the row's values by column key, the row's places) for every row of figures of the
    draft, in the order of the report; the fees are one row. A place is (cell, row label, column label,
    column key, kind).

    Each table is read whole, at once (`dict.items()`): through the incremental checker's view that is one
    read of the table, not one per row, and a check reading every figure re-runs after any edit either way.
    """
    tables: dict[str, dict[str, dict[str, Any]]] = {
        "proactive": dict(draft.proactive.items()),
        "applications": dict(draft.applications.items()),
        "cases": dict(draft.cases.items()),
    }
    for section, table, key, places in _rows():
        yield section, (draft.fees if table == "fees" else tables[table][key]), places


def check_d4(draft: Draft, previous: Previous | None) -> Iterator[Finding]:
    """D4: every count is a whole number ≥ 0 (件); every amount a decimal ≥ 0 (万元 or 元)."""
    for section, values, places in figure_rows(draft):
        for cell, row, column, column_key, kind in places:
            value = values[column_key]
            if value is None or (type(value) is int and value >= 0):  # the common case, decided at once
                continue
            if kind == "count":
                ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
                expected = "不小于 0 的整数"
            else:
                ok = isinstance(value, (int, Decimal)) and not isinstance(value, bool) and value >= 0
                expected = "不小于 0 的金额"
            if not ok:
                yield finding(
                    "D4", section, f"{row}（{column}）为 {value}，应为{expected}", row=row, column=column, cells=(cell,)
                )


CHECKS = (check_s1, check_d1, check_d2, check_d3, check_d4)
