"""County-level figures and hints on each report: 实质公开率, 行政复议纠错率, year-on-year changes, figures
identical to last year, and 雷同 — rules K1, K2, R1 and R2, the county's own (not in `model.findings.RULES`).

A rate is only given when its base is at least `MIN_CASES` (under 30 cases a share means little: 不评).
"""

from __future__ import annotations

from dataclasses import dataclass

from model import format as fmt
from model.county.similarity import Shares, percent
from model.draft import Draft
from model.findings import Cell, Finding, Rule, Severity

MIN_CASES = 30
GROWTH = 5.0  # year on year beyond ×5 or below ×(1/5) is a hint

COUNTY_RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule("K1", Severity.HINT, "与上年相比变化超过 5 倍或不到 1/5（不少于 30 件时）"),
        Rule("K2", Severity.HINT, "表二、表三、表四的数字与上年报告完全相同"),
        Rule("R1", Severity.HINT, "正文与本单位上年报告雷同（达到县里设定的比例）"),
        Rule("R2", Severity.HINT, "正文与本批其他单位的报告雷同（达到县里设定的比例）"),
    )
}

_NOT_PROCESSED = tuple(r.key for r in fmt.OUTCOME_ROWS if r.group in ("（五）不予处理", "（六）其他处理"))


@dataclass(frozen=True)
class Rate:
    """A county-level share: `value` (0–1, None when the base is under `MIN_CASES` or 0), its `numerator`
    and `base` in 件, and how it is computed in Chinese (`formula`)."""

    value: float | None
    numerator: int
    base: int
    formula: str

    def shown(self) -> str:
        """Return the rate as the reviewer reads it: 「62.5%」, or 「不评（不足 30 件）」."""
        if self.value is None:
            return f"不评（不足 {MIN_CASES} 件）"
        return f"{self.value * 100:.1f}%"


def disclosure_rate(draft: Draft, excludes_unprocessed: bool = True) -> Rate:
    """Return 实质公开率: (（一）予以公开 + （二）部分公开) ÷ 三（七）总计, the base without （五）不予处理 and
    （六）其他处理 when `excludes_unprocessed` (the county's choice), all in the 总计 column of table 三."""
    total = "total"
    numerator = draft.application("disclosed", total) + draft.application("partly_disclosed", total)
    handled = draft.application("total_handled", total) or (draft.computed_application_row_total("total_handled") or 0)
    base = handled - (sum(draft.application(r, total) for r in _NOT_PROCESSED) if excludes_unprocessed else 0)
    formula = "（（一）予以公开 + （二）部分公开）÷ " + (
        "（（七）总计 − （五）不予处理 − （六）其他处理）" if excludes_unprocessed else "（七）总计"
    )
    value = numerator / base if base >= MIN_CASES else None
    return Rate(value, numerator, base, formula)


def review_correction_rate(draft: Draft) -> Rate:
    """Return 行政复议纠错率: 结果纠正 ÷ 审结 (总计 − 尚未审结) of 行政复议 in table 四."""
    corrected = draft.case("review", "corrected")
    total = draft.case("review", "total") or (draft.computed_case_total("review") or 0)
    base = total - draft.case("review", "pending")
    value = corrected / base if base >= MIN_CASES else None
    return Rate(value, corrected, base, "结果纠正 ÷（总计 − 尚未审结）")


def _hint(rule: str, section: str, message: str, **kw: object) -> Finding:
    return Finding(rule, COUNTY_RULES[rule].severity, section, message, **kw)  # type: ignore[arg-type]


def _litigation(draft: Draft) -> int:
    return sum(draft.case(g, "total") for g in ("litigation_direct", "litigation_after_review"))


def year_on_year(draft: Draft, last: Draft) -> list[Finding]:
    """K1: 一、本年新收 (总计), 行政复议 总计 and 行政诉讼 总计 against `last` year's report, when the larger of
    the two years is at least `MIN_CASES` and this year is over ×5 or under ×1/5 of last year."""
    measures = (
        (
            "applications",
            fmt.APPLICATION_ROW_BY_KEY["new_received"].label,
            None,
            lambda d: d.application("new_received", "total"),
            Cell("applications", "new_received", "total"),
        ),
        (
            "review_litigation",
            "行政复议 总计",
            "总计",
            lambda d: d.case("review", "total"),
            Cell("cases", "review", "total"),
        ),
        ("review_litigation", "行政诉讼 总计", "总计", _litigation, Cell("cases", "litigation_direct", "total")),
    )
    found: list[Finding] = []
    for section, name, column, value, cell in measures:
        now, before = value(draft), value(last)
        if max(now, before) < MIN_CASES:
            continue
        if before == 0 or now > before * GROWTH or now * GROWTH < before:
            ratio = "上年为 0" if before == 0 else f"为上年的 {now / before:.2f} 倍"
            found.append(
                _hint(
                    "K1",
                    section,
                    f"{name} 本年 {now} 件，{last.year} 年 {before} 件，{ratio}，请核对",
                    row=name.split(" ")[0],
                    column=column,
                    cells=(cell,),
                )
            )
    return found


def _figures(draft: Draft) -> tuple[object, ...]:
    apps = {k: v for k, v in draft.applications.items() if k != "carried_over"}
    return (draft.proactive, apps, draft.cases)


def identical_figures(draft: Draft, last: Draft) -> list[Finding]:
    """K2: every figure of tables 二, 三 (but 二、上年结转) and 四 equals `last` year's, and some are not blank."""
    mine = _figures(draft)
    filled = any(v not in (None, 0) for table in mine for row in table.values() for v in row.values())  # type: ignore[attr-defined]
    if not filled or mine != _figures(last):
        return []
    return [_hint("K2", "applications", f"表二、表三、表四的数字与 {last.year} 年报告完全相同，请核对是否照抄上年")]


def similarity_hints(
    last_year: Shares | None, other: Shares | None, other_name: str, threshold: float, last_year_number: int | None
) -> list[Finding]:
    """R1 and R2: the narrative repeats last year's report, or the most similar other unit's, by at least
    `threshold` (0–1) of its rated text; the message names the sections and their shares."""
    found: list[Finding] = []
    if last_year is not None and last_year.overall is not None and last_year.overall >= threshold:
        year = f" {last_year_number} 年" if last_year_number else "上年"
        found.append(
            _hint(
                "R1",
                "overview",
                f"正文有 {percent(last_year.overall)} 与本单位{year}报告雷同（{last_year.described()}）",
                params={"share": last_year.overall},
            )
        )
    if other is not None and other.overall is not None and other.overall >= threshold:
        found.append(
            _hint(
                "R2",
                "overview",
                f"正文有 {percent(other.overall)} 与「{other_name}」的报告雷同（{other.described()}）",
                params={"share": other.overall, "other": other_name},
            )
        )
    return found
