"""D1 and D3 as docs/rules.md states them: a blank total under figures is an error (D1), and table 四's
总计 must add up in each of its three groups — 行政复议 and both 行政诉讼 groups (D3). Figures are literals."""

from __future__ import annotations

import pytest

from model.draft import Draft
from model.findings import Severity
from model.rules import check


def _findings(draft: Draft, rule: str):
    return [f for f in check(draft) if f.rule == rule]


def test_blank_outcome_total_under_figures_is_an_error() -> None:
    """（七）总计 left blank in a column whose outcome rows hold 3 + 2 件: D1, an 错误 naming the blank."""
    draft = Draft(agency="某县人民政府", year=2024)
    draft.applications["disclosed"]["natural_person"] = 3
    draft.applications["partly_disclosed"]["natural_person"] = 2
    draft.applications["total_handled"]["natural_person"] = None
    draft.applications["disclosed"]["total"] = 3
    draft.applications["partly_disclosed"]["total"] = 2
    draft.applications["total_handled"]["total"] = 5
    [d1] = _findings(draft, "D1")
    assert d1.severity is Severity.ERROR
    assert (d1.row, d1.column) == ("（七）总计", "自然人")
    assert d1.params == {"stored": None, "computed": 5}
    assert "填为 空白，但（一）至（六）各项之和为 5" in d1.message


def test_blank_outcome_total_over_an_empty_column_is_no_error() -> None:
    """Nothing entered in a column and its total blank: nothing to add up, no D1."""
    assert _findings(Draft(agency="某县人民政府", year=2024), "D1") == []


@pytest.mark.parametrize(
    ("group", "label"),
    [("review", "行政复议"), ("litigation_direct", "未经复议直接起诉"), ("litigation_after_review", "复议后起诉")],
    ids=["review", "litigation_direct", "litigation_after_review"],
)
def test_case_total_that_does_not_add_up_is_an_error_in_every_group(group: str, label: str) -> None:
    """结果维持 2 + 结果纠正 1 + 其他结果 0 + 尚未审结 1 = 4, printed 总计 3: D3 in that group, and only there."""
    draft = Draft(agency="某县人民政府", year=2024)
    for key in ("review", "litigation_direct", "litigation_after_review"):
        draft.cases[key].update(upheld=0, corrected=0, other=0, pending=0, total=0)
    draft.cases[group].update(upheld=2, corrected=1, other=0, pending=1, total=3)
    [d3] = _findings(draft, "D3")
    assert d3.severity is Severity.ERROR
    assert (d3.section, d3.row, d3.column) == ("review_litigation", label, "总计")
    assert d3.params == {"stored": 3, "computed": 4}
    assert f"{label} 的总计填为 3，但结果维持、结果纠正、其他结果、尚未审结之和为 4" == d3.message


@pytest.mark.parametrize("group", ["litigation_direct", "litigation_after_review"])
def test_blank_litigation_total_under_figures_is_an_error(group: str) -> None:
    draft = Draft(agency="某县人民政府", year=2024)
    draft.cases[group].update(upheld=1, corrected=0, other=0, pending=0, total=None)
    [d3] = _findings(draft, "D3")
    assert d3.params == {"stored": None, "computed": 1} and "总计填为 空白" in d3.message
