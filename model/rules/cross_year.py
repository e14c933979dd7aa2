"""Across years: this report against last year's record (`Draft.previous`): P1 and X1–X3 of FORMAT.md §6."""

from __future__ import annotations

from collections.abc import Iterator

from model import format as fmt
from model.draft import Draft, Previous
from model.findings import Cell, Finding, Fix, Severity, basic_finding, finding

_APP = "applications"


# ---------------------------------------------------------------------------------------------------------
# Across years (X1–X3)


def _consecutive(draft: Draft, previous: Previous | None) -> bool:
    """Return True if `previous` is the report of the year before `draft`'s (or a year is unknown)."""
    return previous is not None and (draft.year is None or previous.year == draft.year - 1)


def check_previous_matches(draft: Draft, previous: Previous | None) -> Iterator[Finding]:
    """P1: last year's report is of another year than the one before, or of another agency."""
    if previous is None:
        return
    if not _consecutive(draft, previous):
        not_adjacent = (
            f"所给上年报告为 {previous.year} 年，不是本报告（{draft.year} 年）的上一年度，未做跨年度检查 X1–X3"
        )
        yield basic_finding("P1", "year", not_adjacent)
    if draft.agency.strip() and previous.agency and previous.agency != draft.agency.strip():
        other = f"所给上年报告的机关为「{previous.agency}」，本报告为「{draft.agency.strip()}」，请核对是否为同一机关"
        yield basic_finding("P1", "agency", other)


def check_x1(draft: Draft, previous: Previous | None) -> Iterator[Finding]:
    """X1: this year's 二、上年结转 = last year's 四、结转下年度继续办理, per column of table 三.

    The 总计 column is reported only when no other column differs (one defect, one finding). When the
    clerk wrote `Draft.carried_over_reason`, the differences come back as 需说明, explained by that reason.
    """
    if previous is None or not previous.carried_forward or not _consecutive(draft, previous):
        return
    carried_over = fmt.APPLICATION_ROW_BY_KEY["carried_over"]
    carried_forward = fmt.APPLICATION_ROW_BY_KEY["carried_forward"]
    reason = draft.carried_over_reason.strip()
    differing: list[tuple[fmt.ApplicantColumn, int, int]] = []
    for col in fmt.APPLICANT_COLUMNS:
        last = previous.carried_forward.get(col.key)
        now = draft.application("carried_over", col.key)
        if last is not None and now != last and not (col.computed and differing):
            differing.append((col, now, last))
    for col, now, last in differing:
        cell = Cell(_APP, "carried_over", col.key)
        yield finding(
            "X1",
            _APP,
            f"{carried_over.label}（{col.label}）为 {now}，"
            f"但 {previous.year} 年报告的 {carried_forward.label} 为 {last}"
            + (f"（已说明：{reason}）" if reason else ""),
            row=carried_over.label,
            column=col.label,
            cells=(cell,),
            fix=None if col.computed else Fix(cell, last, f"上年结转 应为 {last}"),
            severity=Severity.EXPLAIN if reason else Severity.ERROR,
            explained=bool(reason),
            params={"now": now, "last": last},
        )


def check_x2_x3(draft: Draft, previous: Previous | None) -> Iterator[Finding]:
    """X2 (现行有效件数 follows from last year, needs explanation) and X3 (废止 ≤ 上年现行有效 + 制发).

    A figure not entered yet is not checked (a fresh rollover has none); where X3 fails, X2 is not run.
    """
    if previous is None or not previous.in_force or not _consecutive(draft, previous):
        return
    block = fmt.PROACTIVE_BLOCKS[0]
    labels = {c.key: c.label for c in block.columns}
    for item in block.rows:
        base = previous.in_force.get(item.key)
        if base is None:
            continue
        vals = draft.proactive[item.key]
        issued = int(vals["issued"] or 0)
        cells = {k: Cell("proactive", item.key, k) for k in labels}
        if vals["repealed"] is not None and int(vals["repealed"]) > base + issued:
            repealed = int(vals["repealed"])
            yield finding(
                "X3",
                "proactive",
                f"{item.label}：{labels['repealed']} {repealed} 大于上年{labels['in_force']} {base} 与"
                f"{labels['issued']} {issued} 之和",
                row=item.label,
                column=labels["repealed"],
                cells=(cells["repealed"],),
                params={"repealed": repealed, "base": base, "issued": issued},
            )
            continue  # 现行有效件数 cannot follow from an impossible 废止 (X2 would say 「应为 −62」)
        if vals["in_force"] is None:
            continue
        repealed, in_force = int(vals["repealed"] or 0), int(vals["in_force"])
        expected = base + issued - repealed
        if in_force != expected:
            yield finding(
                "X2",
                "proactive",
                f"{item.label}：{labels['in_force']}为 {in_force}，"
                f"按上年 {base} + 制发 {issued} − 废止 {repealed} 应为 "
                f"{expected}（如有文件到期失效，请说明）",
                row=item.label,
                column=labels["in_force"],
                cells=(cells["in_force"],),
                params={"in_force": in_force, "expected": expected},
            )


CHECKS = (check_previous_matches, check_x1, check_x2_x3)
