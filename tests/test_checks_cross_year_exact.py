"""P1 and X1–X3 at their edges: which last-year report counts as the year before, every column that
differs from last year's 结转, equal large figures, and each row of table 二 judged on its own (FORMAT.md §6,
docs/rules.md). Figures are literals worked out by hand."""

from __future__ import annotations

from model.draft import Draft, Previous
from model.rules import check


def _rules(draft: Draft, previous: Previous, rule: str):
    return [f for f in check(draft, previous) if f.rule == rule]


def _draft(agency: str = "某县人民政府", year: int = 2024) -> Draft:
    return Draft(agency=agency, year=year)


def test_a_report_of_a_later_year_is_not_last_year() -> None:
    """Given the 2025 report as 「last year's」 for 2024: P1, and no X1 from its figures."""
    previous = Previous(agency="某县人民政府", year=2025, carried_forward={"natural_person": 3})
    [p1] = _rules(_draft(), previous, "P1")
    assert p1.message == "所给上年报告为 2025 年，不是本报告（2024 年）的上一年度，未做跨年度检查 X1–X3"
    assert _rules(_draft(), previous, "X1") == []


def test_another_agency_is_named_whichever_name_sorts_first() -> None:
    for last, now in (("甲镇人民政府", "乙镇人民政府"), ("乙镇人民政府", "甲镇人民政府")):
        previous = Previous(agency=last, year=2023)
        [p1] = _rules(_draft(agency=now), previous, "P1")
        assert p1.message == f"所给上年报告的机关为「{last}」，本报告为「{now}」，请核对是否为同一机关"


def test_equal_large_carried_figures_are_equal() -> None:
    """上年结转 1000 件 against last year's 1000 (figures read from two files: two int objects)."""
    draft = _draft()
    draft.applications["carried_over"]["natural_person"] = int("1000")
    draft.applications["carried_over"]["total"] = int("1000")
    previous = Previous(agency="某县人民政府", year=2023, carried_forward={"natural_person": 1000, "total": 1000})
    assert _rules(draft, previous, "X1") == []


def test_every_differing_column_is_named() -> None:
    """自然人 and 商业企业 both differ from last year: two X1, each with its fix; 总计 then not a third."""
    draft = _draft()
    draft.applications["carried_over"].update(natural_person=1, commercial=2, total=3)
    previous = Previous(
        agency="某县人民政府", year=2023, carried_forward={"natural_person": 4, "commercial": 5, "total": 9}
    )
    x1 = _rules(draft, previous, "X1")
    assert [(f.column, f.params) for f in x1] == [
        ("自然人", {"now": 1, "last": 4}),
        ("商业企业", {"now": 2, "last": 5}),
    ]
    assert [f.fix.value for f in x1 if f.fix] == [4, 5]


def test_the_total_column_alone_differing_is_named() -> None:
    """Only the 总计 column was kept last year (a report read as printed): X1 on 总计, with no fix."""
    draft = _draft()
    draft.applications["carried_over"].update(natural_person=2, total=2)
    previous = Previous(agency="某县人民政府", year=2023, carried_forward={"total": 7})
    [x1] = _rules(draft, previous, "X1")
    assert (x1.column, x1.params, x1.fix) == ("总计", {"now": 2, "last": 7}, None)
    assert x1.message == "二、上年结转政府信息公开申请数量（总计）为 2，但 2023 年报告的 四、结转下年度继续办理 为 7"


def test_in_force_figures_of_a_report_two_years_back_are_not_compared() -> None:
    draft = _draft()
    draft.proactive["regulations"].update(issued=0, repealed=0, in_force=9)
    previous = Previous(agency="某县人民政府", year=2022, in_force={"regulations": 1})
    assert _rules(draft, previous, "X2") == []


def test_the_second_row_is_checked_when_the_first_has_no_figure_last_year() -> None:
    """Last year kept only 行政规范性文件 (10): this year 制发 2, 废止 1, 现行有效 5 — X2 says 应为 11."""
    draft = _draft()
    draft.proactive["normative_documents"].update(issued=2, repealed=1, in_force=5)
    previous = Previous(agency="某县人民政府", year=2023, in_force={"normative_documents": 10})
    [x2] = _rules(draft, previous, "X2")
    assert x2.params == {"in_force": 5, "expected": 11}
    assert x2.message == (
        "行政规范性文件：现行有效件数为 5，按上年 10 + 制发 2 − 废止 1 应为 11（如有文件到期失效，请说明）"
    )


def test_repealing_everything_there_was_is_possible() -> None:
    """上年现行有效 5 + 制发 3 = 8 废止: no X3 (8 is not more than 8); 现行有效 0 then fits (no X2)."""
    draft = _draft()
    draft.proactive["regulations"].update(issued=3, repealed=8, in_force=0)
    previous = Previous(agency="某县人民政府", year=2023, in_force={"regulations": 5})
    assert _rules(draft, previous, "X3") == [] and _rules(draft, previous, "X2") == []


def test_an_impossible_repeal_in_the_first_row_leaves_the_second_row_checked() -> None:
    """规章: 废止 9 > 上年 5 + 制发 3 — X3; 行政规范性文件 still gets its X2."""
    draft = _draft()
    draft.proactive["regulations"].update(issued=3, repealed=9, in_force=0)
    draft.proactive["normative_documents"].update(issued=0, repealed=0, in_force=4)
    previous = Previous(agency="某县人民政府", year=2023, in_force={"regulations": 5, "normative_documents": 6})
    [x3] = _rules(draft, previous, "X3")
    assert x3.params == {"repealed": 9, "base": 5, "issued": 3}
    assert [f.row for f in _rules(draft, previous, "X2")] == ["行政规范性文件"]
