"""S1 and D1–D4 to the letter: the figure each message states, the fix S1 proposes, and where a total
stored too high, a blank sum or a negative figure is caught. Figures are literals worked out by hand
(docs/rules.md; FORMAT.md §6)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from model.draft import Draft
from model.findings import Cell
from model.rules import check


def _only(draft: Draft, rule: str):
    return [f for f in check(draft) if f.rule == rule]


def _draft() -> Draft:
    return Draft(agency="某县人民政府", year=2024)


def _s1_natural_person(new: int, carried: int, total: int, forward: int) -> Draft:
    """A draft whose 自然人 column holds these four S1 figures, 总计 column the same (so D2 holds)."""
    draft = _draft()
    for column in ("natural_person", "total"):
        draft.applications["new_received"][column] = new
        draft.applications["carried_over"][column] = carried
        draft.applications["total_handled"][column] = total
        draft.applications["carried_forward"][column] = forward
    return draft


def test_s1_states_the_difference_and_proposes_the_carried_forward_figure() -> None:
    """一 6 + 二 0 = 6 against （七）总计 2 + 四 1 = 3: 相差 3 (not 6 XOR 3 = 5); 四 should be 6 − 2 = 4."""
    [finding, _total] = _only(_s1_natural_person(6, 0, 2, 1), "S1")
    assert finding.message == "自然人：一+二 = 6，（七）总计+四 = 3，相差 3"
    assert finding.params == {"left": 6, "right": 3, "difference": 3}
    assert finding.fix is not None
    assert finding.fix.cell == Cell("applications", "carried_forward", "natural_person")
    assert finding.fix.value == 4


def test_s1_proposes_zero_carried_forward_when_everything_was_handled() -> None:
    """一 3 = （七）总计 3 but 四 says 2: the fix is 四 = 0, a real figure (not "no fix")."""
    [finding, _total] = _only(_s1_natural_person(3, 0, 3, 2), "S1")
    assert finding.fix is not None and finding.fix.value == 0
    assert finding.fix.label == "结转下年度 应为 0"


def test_s1_proposes_no_fix_when_handled_exceeds_received() -> None:
    """一 2 + 二 0 < （七）总计 3: no carried-forward figure can mend it (it would be −1)."""
    [finding, _total] = _only(_s1_natural_person(2, 0, 3, 0), "S1")
    assert finding.params["difference"] == 1
    assert finding.fix is None


def test_d1_total_stored_higher_than_its_parts() -> None:
    """（七）总计 5 over （一）+…+（六） = 3: D1 too (not only a total too low)."""
    draft = _draft()
    draft.applications["disclosed"]["natural_person"] = 3
    draft.applications["total_handled"]["natural_person"] = 5
    d1 = [f for f in _only(draft, "D1") if f.column == "自然人"]
    assert [f.params for f in d1] == [{"stored": 5, "computed": 3}]


def test_d1_total_over_blank_parts_states_zero() -> None:
    """（七）总计 4 with every outcome row blank: the parts add up to 0, stated as 0."""
    draft = _draft()
    draft.applications["total_handled"]["natural_person"] = 4
    [d1] = [f for f in _only(draft, "D1") if f.column == "自然人"]
    assert d1.message == "（七）总计（自然人）填为 4，但（一）至（六）各项之和为 0"
    assert d1.params == {"stored": 4, "computed": 0}


def test_d2_total_over_blank_applicant_columns_states_zero() -> None:
    """一 总计 7 with every applicant column blank: D2 says the columns add up to 0."""
    draft = _draft()
    draft.applications["new_received"]["total"] = 7
    [d2] = [f for f in _only(draft, "D2") if f.cells == (Cell("applications", "new_received", "total"),)]
    assert d2.message.endswith("的总计填为 7，但各类申请人之和为 0")
    assert d2.message.startswith("一、本年新收政府信息公开申请数量")
    assert d2.params == {"stored": 7, "computed": 0}


def test_d2_parts_above_the_stored_total() -> None:
    """自然人 2 + 其他 1 = 3 under a stored 总计 1: D2 states 3."""
    draft = _draft()
    draft.applications["new_received"].update(natural_person=2, other_org=1, total=1)
    [d2] = [f for f in _only(draft, "D2") if f.cells == (Cell("applications", "new_received", "total"),)]
    assert d2.params == {"stored": 1, "computed": 3}


def test_d3_total_over_blank_parts_states_zero() -> None:
    draft = _draft()
    draft.cases["review"]["total"] = 2
    [d3] = _only(draft, "D3")
    assert d3.message == "行政复议 的总计填为 2，但结果维持、结果纠正、其他结果、尚未审结之和为 0"
    assert d3.params == {"stored": 2, "computed": 0}


@pytest.mark.parametrize(
    ("value", "shown"),
    [(-1, "-1"), (True, "True"), (Decimal("1.5"), "1.5")],
    ids=["minus-one", "bool", "decimal-count"],
)
def test_d4_refuses_what_is_no_count(value: object, shown: str) -> None:
    """A count of −1, a yes/no or 1.5 件: D4, an 错误 naming the cell and the value."""
    draft = _draft()
    draft.applications["new_received"]["natural_person"] = value
    d4 = [f for f in _only(draft, "D4") if f.cells == (Cell("applications", "new_received", "natural_person"),)]
    assert [f.message for f in d4] == [f"一、本年新收政府信息公开申请数量（自然人）为 {shown}，应为不小于 0 的整数"]


@pytest.mark.parametrize("value", [Decimal("-0.5"), -1, True])
def test_d4_refuses_negative_or_yes_no_amounts(value: object) -> None:
    draft = _draft()
    draft.fees["notified_amount"] = value
    d4 = _only(draft, "D4")
    assert len(d4) == 1 and d4[0].message.endswith("应为不小于 0 的金额")


@pytest.mark.parametrize("value", [0, 12, Decimal("0"), Decimal("3.25")])
def test_d4_accepts_amounts(value: object) -> None:
    draft = _draft()
    draft.fees["notified_amount"] = value
    assert _only(draft, "D4") == []


def test_d4_accepts_zero_and_large_counts() -> None:
    draft = _draft()
    draft.applications["new_received"].update(natural_person=0, other_org=10**14, total=10**14)
    assert _only(draft, "D4") == []


def test_d3_total_stored_higher_than_its_parts() -> None:
    """行政复议 总计 5 over 结果维持 2: D3 (not only a total too low)."""
    draft = _draft()
    draft.cases["review"].update(upheld=2, total=5)
    [d3] = _only(draft, "D3")
    assert d3.params == {"stored": 5, "computed": 2}
