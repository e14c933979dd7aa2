"""B2–B4, N3 and N8 at their edges: how many cells each table still lacks (computed totals not counted), the
default deadline of 31 January and signing on that very day, invisible characters against control
characters, the 规章 row named in full, and statistics periods inside citations or later in a sentence
(docs/rules.md; FORMAT.md §1, §2). Figures and dates are literals worked out by hand."""

from __future__ import annotations

from datetime import date

from model.draft import Draft
from model.findings import Cell
from model.resources import SAMPLE_PATH
from model.rules import check
from model.rules.completeness import format_characters
from model.storage.drafts import load_draft


def _rules(draft: Draft, rule: str):
    return [f for f in check(draft) if f.rule == rule]


def test_unfilled_cells_are_counted_per_table_without_the_computed_totals() -> None:
    """An empty draft: table 二 lacks all 10 of its cells, 三 the 24 × 6 it does not compute, 四 the 3 × 4
    it does not compute (its 总计 is computed), 六's fee its 3 fields."""
    counts = {f.section: f.params["count"] for f in _rules(Draft(agency="某县人民政府", year=2024), "B3")}
    assert counts == {"proactive": 10, "applications": 24 * 6, "review_litigation": 12, "other_matters": 3}
    [cases] = [f for f in _rules(Draft(agency="某县人民政府", year=2024), "B3") if f.section == "review_litigation"]
    assert Cell("cases", "review", "total") not in cases.cells
    assert cases.message == "有 12 个单元格未填写，将按 0 计并打印为 0"


def test_rows_filled_in_whole_before_a_row_with_a_gap_leave_only_the_gap() -> None:
    """The sample has every cell entered; emptying one cell of the last row of 三 and one of 四's last group
    leaves exactly those two (rows entered in whole come before them and are passed over)."""
    draft = load_draft(SAMPLE_PATH)
    assert _rules(draft, "B3") == []
    draft.applications["carried_forward"]["research"] = None
    draft.cases["litigation_after_review"]["pending"] = None
    found = {f.section: f.cells for f in _rules(draft, "B3")}
    assert found == {
        "applications": (Cell("applications", "carried_forward", "research"),),
        "review_litigation": (Cell("cases", "litigation_after_review", "pending"),),
    }


def test_invisible_format_characters_are_found_but_control_characters_are_not() -> None:
    assert format_characters("某\t镇\u200b人\x07民\u200b政府\u202e") == ["\u200b", "\u202e"]


def test_signing_after_the_default_deadline_of_31_january() -> None:
    """No deadline entered: 31 January of the next year is the deadline; 1 February is late (B2)."""
    draft = Draft(agency="某县人民政府", year=2024, signing_date=date(2025, 2, 1))
    [b2] = _rules(draft, "B2")
    assert b2.message == "成文日期 2025年2月1日 晚于公开截止日期 2025年1月31日"


def test_signing_on_the_deadline_day_is_in_time() -> None:
    draft = Draft(agency="某县人民政府", year=2024, signing_date=date(2025, 1, 31))
    assert _rules(draft, "B2") == []
    draft.deadline = date(2025, 1, 20)
    draft.signing_date = date(2025, 1, 20)
    assert _rules(draft, "B2") == []


def test_a_township_reporting_regulations_is_shown_the_whole_row() -> None:
    """草场镇 with 规章 现行有效 1 and the other two cells blank: N3 shows them as 0 and points at all three."""
    draft = Draft(agency="米易县草场镇人民政府", year=2024)
    draft.proactive["regulations"].update(issued=None, repealed=None, in_force=1)
    [n3] = _rules(draft, "N3")
    assert "（本年制发件数 0、本年废止件数 0、现行有效件数 1）" in n3.message
    assert n3.cells == tuple(Cell("proactive", "regulations", k) for k in ("issued", "repealed", "in_force"))


_OPENING = "根据《中华人民共和国政府信息公开条例》规定，现发布本机关2024年度报告。"


def _n8(preamble: str) -> list[str]:
    draft = Draft(agency="某县人民政府", year=2024, preamble=preamble)
    return [f.message for f in _rules(draft, "N8")]


def test_a_year_inside_a_cited_document_in_a_later_sentence_is_no_statistics_period() -> None:
    assert _n8(_OPENING + "本报告统计口径依据《2019年政务公开工作要点》，统计期限为2024年1月1日至12月31日。") == []


def test_a_period_before_a_citation_in_the_same_sentence_is_judged() -> None:
    [message] = _n8(_OPENING + "统计期限为2023年1月1日至12月31日，依据《条例》。")
    quoted = "「统计期限为2023年1月1日至12月31日，依据《条例》」"
    assert message.startswith(f"开头段落所写的统计期限或数据截止日期是 2023 年（{quoted}）")


def test_a_period_in_a_later_year_is_named() -> None:
    [message] = _n8(_OPENING + "统计期限为2025年1月1日至12月31日。")
    assert "是 2025 年" in message and "而报告年度是 2024 年" in message


def test_the_second_date_of_a_period_is_judged_too() -> None:
    """「2024年1月1日至2025年12月31日」: the first date is the report year, the second is not."""
    [message] = _n8(_OPENING + "统计期限为2024年1月1日至2025年12月31日。")
    assert "是 2025 年" in message


def test_filled_cells_are_not_counted_and_do_not_stop_the_count() -> None:
    """规章 本年制发 entered (the first cell of 二): 9 of 二's 10 cells still lack a figure."""
    draft = Draft(agency="某县人民政府", year=2024)
    draft.proactive["regulations"]["issued"] = 0
    counts = {f.section: f.params["count"] for f in _rules(draft, "B3")}
    assert counts["proactive"] == 9


def test_no_standard_opening_is_offered_without_the_agency() -> None:
    """An empty opening with the year but no agency: N6, without the 采用标准开头语 fix (it names the agency)."""
    [n6] = _rules(Draft(agency="", year=2024), "N6")
    assert n6.fix is None
    [n6] = _rules(Draft(agency="某县人民政府", year=2024), "N6")
    assert n6.fix is not None and "某县人民政府" in str(n6.fix.value)


def test_a_year_inside_a_citation_is_found_by_its_place_in_the_whole_text() -> None:
    """The sentence starts at 38 and the year 7 characters into it: 45 lies inside 《2019年要点》 (38 | 7 =
    39 and 38 ^ 7 = 33 would not)."""
    assert _n8(_OPENING + "统计口径依据《2019年要点》。") == []


def test_a_dated_citation_starts_at_its_date() -> None:
    """「2019年5月15日起施行」 is a citation from its first character: no statistics period."""
    assert _n8(_OPENING + "统计工作依照2019年5月15日起施行的规定开展。") == []


def test_a_year_right_after_a_title_is_outside_it() -> None:
    [message] = _n8(_OPENING + "统计依据《条例》2023年度数据。")
    assert "是 2023 年" in message
