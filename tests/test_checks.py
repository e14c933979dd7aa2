"""The rules of FORMAT.md §6 and the product's own checks, on real published figures and crafted cases."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from realdata import draft_from_fixture

from model.draft import Draft, Previous
from model.findings import RULES, Severity
from model.rules import check


def rules_of(findings, severity=None) -> list[str]:
    return [f.rule for f in findings if severity is None or f.severity is severity]


def test_sample_is_clean(sample_draft: Draft) -> None:
    assert check(sample_draft) == []


def test_r03_is_clean_of_table_errors() -> None:
    findings = check(draft_from_fixture("r03"))
    assert [f for f in findings if f.rule in ("S1", "D1", "D2", "D3", "D4")] == []


def test_r13_is_clean_of_table_errors() -> None:
    assert [f for f in check(draft_from_fixture("r13")) if f.rule[0] in "SD"] == []


def test_r09_wrong_outcome_total_is_found() -> None:
    findings = [f for f in check(draft_from_fixture("r09")) if f.rule == "D1"]
    assert {(f.column, f.params["stored"], f.params["computed"]) for f in findings} == {
        ("自然人", 20, 26),
        ("总计", 21, 27),
    }
    assert all(f.severity is Severity.ERROR and f.row == "（七）总计" for f in findings)
    assert "（七）总计（自然人）填为 20，但（一）至（六）各项之和为 26" in findings[0].message


def test_r01_blank_totals_are_found() -> None:
    findings = check(draft_from_fixture("r01"))
    d2 = [f for f in findings if f.rule == "D2"]
    assert len(d2) == 11
    assert all("空白" in f.message for f in d2)
    d1 = [f for f in findings if f.rule == "D1" and f.column == "总计"]
    assert d1 and d1[0].params["stored"] == 805


def test_r19_township_regulations_hint() -> None:
    findings = [f for f in check(draft_from_fixture("r19")) if f.rule == "N3"]
    assert len(findings) == 1 and findings[0].severity is Severity.HINT
    assert "本年制发件数 2" in findings[0].message


def test_no_township_hint_for_a_city() -> None:
    assert "N3" not in rules_of(check(draft_from_fixture("r03")))


def test_s1_message_fix_and_cells(sample_draft: Draft) -> None:
    d = sample_draft
    d.set_application("new_received", "natural_person", 5)
    d.set_application("disclosed", "natural_person", 4)
    s1 = [f for f in check(d) if f.rule == "S1"]
    assert [f.column for f in s1] == ["自然人", "总计"]
    assert s1[0].message == "自然人：一+二 = 5，（七）总计+四 = 4，相差 1"
    assert s1[0].fix is not None and s1[0].fix.value == 1 and s1[0].fix.label == "结转下年度 应为 1"
    assert s1[1].fix is None  # the 总计 column follows from the others
    d.set_application("carried_forward", "natural_person", 1)
    assert "S1" not in rules_of(check(d))


def test_s1_no_fix_when_outcomes_exceed_applications(sample_draft: Draft) -> None:
    sample_draft.set_application("disclosed", "commercial", 3)
    s1 = [f for f in check(sample_draft) if f.rule == "S1" and f.column == "商业企业"]
    assert s1[0].fix is None


def test_d3_on_table_four(sample_draft: Draft) -> None:
    sample_draft.cases["review"]["upheld"] = 2
    d3 = [f for f in check(sample_draft) if f.rule == "D3"]
    assert len(d3) == 1 and d3[0].row == "行政复议" and d3[0].params["computed"] == 2
    sample_draft.recompute_totals()
    assert "D3" not in rules_of(check(sample_draft))


def test_d4_negative_and_fractional_counts(sample_draft: Draft) -> None:
    sample_draft.applications["carried_over"]["research"] = -2
    sample_draft.proactive["admin_fees"]["amount"] = Decimal("-0.5")
    d4 = [f for f in check(sample_draft) if f.rule == "D4"]
    assert {f.column for f in d4} == {"科研机构", "本年收费金额（单位：万元）"}


def test_set_application_refuses_negative_and_computed(sample_draft: Draft) -> None:
    with pytest.raises(ValueError):
        sample_draft.set_application("new_received", "natural_person", -1)
    with pytest.raises(ValueError):
        sample_draft.set_application("total_handled", "natural_person", 1)
    with pytest.raises(ValueError):
        sample_draft.set_application("new_received", "total", 1)


def test_section_five_empty_or_none(sample_draft: Draft) -> None:
    for text in ("", "无", "  无。 "):
        sample_draft.problems = text
        assert "N1" in rules_of(check(sample_draft), Severity.ERROR)
    sample_draft.problems = "存在的主要问题：公开不够及时。"
    assert "N1" not in rules_of(check(sample_draft))


def test_fees_without_section_six_text(sample_draft: Draft) -> None:
    sample_draft.fees["collected_amount"] = Decimal("20")
    sample_draft.other_matters = "无其他需要报告的事项。"
    assert "N2" in rules_of(check(sample_draft), Severity.ERROR)
    sample_draft.other_matters = "本年度收取信息处理费 20 元。"
    assert "N2" not in rules_of(check(sample_draft))


def test_basic_information(sample_draft: Draft) -> None:
    sample_draft.agency = ""
    sample_draft.year = None
    sample_draft.signing_date = None
    assert rules_of(check(sample_draft)) == ["B1", "B1", "N4"]


def test_signing_after_deadline_needs_explanation(sample_draft: Draft) -> None:
    sample_draft.signing_date = date(2025, 2, 3)
    [late] = check(sample_draft)
    assert late.rule == "B2" and late.severity is Severity.EXPLAIN and "2025年2月3日" in late.message
    sample_draft.explanations[late.key] = "县政务公开办统一延期至 2 月 10 日"
    [late] = check(sample_draft)
    assert late.explained and not late.is_open


def test_unfilled_cells_hint() -> None:
    d = Draft(agency="某镇人民政府", year=2025, signing_date=date(2026, 1, 10), problems="问题", other_matters="无")
    hints = [f for f in check(d) if f.rule == "B3"]
    assert {f.section for f in hints} == {"proactive", "applications", "review_litigation", "other_matters"}
    assert next(f for f in hints if f.section == "applications").params["count"] == 24 * 6


def test_cross_year_rules() -> None:
    d = draft_from_fixture("r13")
    prev = Previous(
        agency=d.agency,
        year=2023,
        carried_forward={"natural_person": 9},
        in_force={"regulations": 1, "normative_documents": 10},
    )  # X2 on 规章
    d.proactive["normative_documents"].update(issued=2, repealed=20, in_force=5)
    findings = check(d, prev)
    assert "X3" in rules_of(findings, Severity.ERROR)
    assert "X2" in rules_of(findings, Severity.EXPLAIN)
    x1 = [f for f in findings if f.rule == "X1"]
    assert len(x1) == 1 and x1[0].column == "自然人"


def test_every_rule_is_documented() -> None:
    from conftest import ROOT

    doc = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for rule in RULES:
        assert f"| {rule} |" in doc, rule
