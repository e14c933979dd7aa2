"""Checks on the narrative's completeness and form (issue 14): headings with nothing under them (N5), the
opening paragraph (N6–N9), numbering (H1, H2), percentages (T6, T7), later years (T8) and text quality (Q1–Q3);
and on every real report we have, none of them finds an error the report does not have."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import docx
import pytest
from published_drafts import published_draft, published_names

from model import format as fmt
from model.docx.writer import export_docx
from model.draft import Draft
from model.findings import RULES, Finding, Severity
from model.rules import check
from model.storage.drafts import load_draft

NEW_RULES = ("N5", "N6", "N7", "N8", "N9", "H1", "H2", "Q1", "Q2", "Q3", "T6", "T7", "T8")
ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "sample-caochang-2024.json"


def sample() -> Draft:
    return load_draft(SAMPLE)


def of(draft: Draft, rule: str) -> list[Finding]:
    return [f for f in check(draft) if f.rule == rule]


# -- N5: a heading with nothing under it --------------------------------------------------------------------


def test_empty_sub_points_are_errors_with_a_delete_fix_and_are_not_printed(tmp_path: Path) -> None:
    draft = sample()
    for point in draft.overview_points[2:]:
        point.text = ""
    found = of(draft, "N5")
    assert [f.row for f in found] == ["（三）政府信息管理方面", "（四）政府信息公开平台建设方面", "（五）监督保障方面"]
    assert all(f.severity is Severity.ERROR and f.fix is not None and f.fix.label == "删除此标题" for f in found)
    assert found[0].fix is not None and found[0].fix.value == "" and found[0].fix.cell.row == "overview_heading.2"
    export_docx(draft, tmp_path / "r.docx")
    printed = [p.text for p in docx.Document(str(tmp_path / "r.docx")).paragraphs]
    assert "（二）依申请公开方面" in printed
    assert not [p for p in printed if p.startswith(("（三）", "（四）", "（五）"))]  # no bare headings


def test_an_empty_section_six_is_an_error_naming_the_fee_sentence() -> None:
    draft = sample()
    draft.other_matters = "  \n"
    [found] = of(draft, "N5")
    assert found.section == "other_matters" and fmt.NO_FEE_SENTENCE in found.message and found.fix is None


def test_a_point_with_text_or_without_heading_is_not_empty() -> None:
    draft = sample()
    draft.overview_points[4].heading = ""
    draft.overview_points[4].text = ""
    assert of(draft, "N5") == []


# -- N6–N9: the opening paragraph ----------------------------------------------------------------------------


def test_an_empty_opening_is_offered_the_standard_sentence() -> None:
    draft = sample()
    draft.preamble = ""
    [found] = of(draft, "N6")
    assert found.severity is Severity.HINT and found.fix is not None
    assert found.fix.value == (
        "根据《中华人民共和国政府信息公开条例》规定，现公布米易县草场镇人民政府2024年政府信息公开工作年度报告。"
        "本报告所列数据的统计期限为2024年1月1日至2024年12月31日。"
    )
    draft.preamble = str(found.fix.value)
    assert [f for f in check(draft) if f.rule in ("N6", "N7", "N8", "N9")] == []


def test_an_opening_without_legal_basis_or_year_gets_hints() -> None:
    draft = sample()
    draft.preamble = "现将本镇政府信息公开工作情况报告如下。"
    assert [f.rule for f in check(draft) if f.rule in ("N7", "N8", "N9")] == ["N7", "N9"]


@pytest.mark.parametrize(
    "opening",
    [
        "根据《中华人民共和国政府信息公开条例》编制本报告。本报告所列数据统计期限为2023年1月1日至2023年12月31日。",
        "根据《中华人民共和国政府信息公开条例》，公布2024年度报告。数据核定时间点为 2023 年 12 月 31 日。",
    ],
)
def test_a_statistics_period_of_another_year_is_an_error(opening: str) -> None:
    draft = sample()
    draft.preamble = opening
    [found] = of(draft, "N8")
    assert found.severity is Severity.ERROR and "2023 年" in found.message and "2024 年" in found.message


def test_dates_of_citations_in_the_opening_are_not_the_period() -> None:
    draft = sample()
    draft.preamble = (
        "根据《中华人民共和国政府信息公开条例》（2019年4月3日修订）和国办公开办函〔2021〕30号要求，"
        "编制本报告。统计期限为2024年1月1日至2024年12月31日。"
    )
    assert [f for f in check(draft) if f.rule in ("N7", "N8", "N9")] == []


# -- H1, H2: numbering ---------------------------------------------------------------------------------------


def test_sub_points_numbered_with_a_gap_get_the_renumbered_heading_proposed() -> None:
    draft = sample()
    draft.overview_points[2].heading = "（四）政府信息管理方面"
    draft.overview_points[3].heading = "（五）政府信息公开平台建设方面"
    draft.overview_points[4].heading = "（六）监督保障方面"
    found = of(draft, "H1")
    assert [f.fix.value for f in found if f.fix] == [
        "（三）政府信息管理方面",
        "（四）政府信息公开平台建设方面",
        "（五）监督保障方面",
    ]
    assert "跳过了（三）" in found[0].message


def test_sub_points_repeated_or_restarted_are_found() -> None:
    draft = sample()
    draft.overview_points[2].heading = "（二）政府信息管理方面"
    assert [f.row for f in of(draft, "H1")] == ["（二）政府信息管理方面"]  # the ones after it stand right
    draft = sample()
    draft.overview_points[3].heading = "（一）平台建设"
    assert "重新开始" in of(draft, "H1")[0].message


@pytest.mark.parametrize(
    ("text", "fault"),
    [
        ("（一）存在的问题\n1.培训不足。\n3.更新不及时。", "跳到「3.」"),
        ("（一）存在的问题\n（一）改进情况", "重复"),
        ("1.培训不足。\n2.更新不及时。\n1.加强培训。", "又从「1.」开始"),
        ("（二）改进情况", "应从「（一）」开始"),
        ("（1）培训\n（3）更新", "跳到「（3）」"),
    ],
)
def test_faulty_lists_in_section_five_are_errors(text: str, fault: str) -> None:
    draft = sample()
    draft.problems = text
    [found] = of(draft, "H2")
    assert found.severity is Severity.ERROR and found.section == "problems" and fault in found.message


@pytest.mark.parametrize(
    "text",
    [
        "（一）存在的问题\n1.培训不足。\n2.更新不及时。\n（二）改进情况\n1.加强培训。\n2.及时更新。",
        "存在的问题：\n1.培训不足。\n2.更新不及时。\n改进措施：\n1.加强培训。\n2.及时更新。",
        "一是培训不足，二是更新不及时。\n2.5万元用于培训。\n12.31前完成。",
        "（一）问题\n（1）培训\n（2）更新\n（二）措施\n（1）加强",
    ],
)
def test_sound_lists_and_numbers_that_are_no_list_pass(text: str) -> None:
    draft = sample()
    draft.problems = text
    assert of(draft, "H2") == []


# -- T6, T7: percentages --------------------------------------------------------------------------------------


def with_requests(text: str) -> Draft:
    draft = sample()
    draft.applications["new_received"]["natural_person"] = 7
    draft.applications["disclosed"]["natural_person"] = 3
    draft.applications["partly_disclosed"]["natural_person"] = 4
    draft.recompute_totals()
    draft.overview_points[1].text = text
    return draft


def test_a_share_that_recomputes_passes_in_either_rounding() -> None:
    assert of(with_requests("共收到申请7件，其中予以公开3件，占42.86%；部分公开4件，占57.1%。"), "T6") == []
    assert of(with_requests("共收到申请7件，其中予以公开3件，占比42.85%。"), "T6") == []  # cut off, not rounded


def test_a_share_that_does_not_recompute_is_an_error_naming_both_figures() -> None:
    [found] = of(with_requests("共收到申请7件，其中予以公开3件，占43.86%。"), "T6")
    assert found.severity is Severity.ERROR
    assert (
        "43.86%" in found.message and "3 件" in found.message and "7 件" in found.message and "42.86%" in found.message
    )
    assert found.params["computed"] == Decimal("42.86")


def test_a_changed_share_and_a_share_of_a_wrong_figure_are_left_to_others() -> None:
    assert of(with_requests("予以公开3件，同比增长15%。"), "T6") == []
    wrong = with_requests("共收到申请7件，其中予以公开4件，占57.14%。")
    assert of(wrong, "T6") == [] and of(wrong, "T3")  # the figure is T3's


def test_a_share_without_percent_sign_is_a_hint() -> None:
    [found] = of(with_requests("共收到申请7件，其中予以公开3件，占总数的42.86，部分公开4件。"), "T7")
    assert found.severity is Severity.HINT and "42.86" in found.message
    assert of(with_requests("新建场所占地100平方米，占总数的42.86%。"), "T7") == []
    assert of(with_requests("项目占用耕地3，已办理手续。"), "T7") == []
    assert of(with_requests("予以公开3件，占比42.86。"), "T7")


# -- T8: years after the report year --------------------------------------------------------------------------


def test_a_later_year_is_a_hint_unless_a_plan_a_citation_or_the_publication_months() -> None:
    draft = sample()
    draft.problems = "2025年，本镇建成了新的公开专栏。"
    [found] = of(draft, "T8")
    assert found.severity is Severity.HINT and "2025" in found.message
    for fine in (
        "2025年将进一步加强培训。",
        "下一步，2025年重点做好培训。",
        "按照《2025年政务公开工作要点》开展。",
        "依据某政办发〔2025〕3号文件。",
        "本报告于2025年1月20日公布。",
    ):
        draft.problems = fine
        assert of(draft, "T8") == [], fine


# -- Q1–Q3: text quality --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("加强资金资金管理。", "资金资金"),
        ("认真做好的的工作。", "的的"),
        ("政府信息政府信息公开。", "政府信息政府信息"),
    ],
)
def test_a_doubled_word_is_a_hint(text: str, word: str) -> None:
    draft = sample()
    draft.problems = text
    [found] = of(draft, "Q1")
    assert found.severity is Severity.HINT and f"「{word}」" in found.message


def test_words_chinese_doubles_rightly_pass() -> None:
    draft = sample()
    draft.problems = (
        "常常开展培训，人人参与，谢谢监督；层层压实责任，年年考核，认认真真、扎扎实实做好工作，"
        "一步一步推进，不了了之的情况没有，的的确确。"
    )
    assert of(draft, "Q1") == []


def test_half_width_commas_and_brackets_in_chinese_text_are_hints() -> None:
    draft = sample()
    draft.problems = "加强培训,及时更新(每月一次)。"
    [found] = of(draft, "Q2")
    assert "「,」" in found.message and "共 3 处" in found.message
    draft.problems = "金额为1,234元，网址 www.example.gov.cn (English)。"
    assert of(draft, "Q2") == []


def test_mixed_full_and_half_width_digits_in_one_number_are_a_hint() -> None:
    draft = sample()
    draft.problems = "收到申请1２件。"
    [found] = of(draft, "Q3")
    assert "1２" in found.message
    draft.problems = "收到申请１２件，答复12件。"
    assert of(draft, "Q3") == []


# -- every real report: no error it does not have ------------------------------------------------------------


def test_the_new_rules_are_registered_and_documented() -> None:
    rules_md = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for rule in NEW_RULES:
        assert rule in RULES
        assert f"| {rule} | {RULES[rule].severity.value} |" in rules_md, rule


def test_no_new_error_on_any_real_report() -> None:
    """The real reports with their narrative — the sample (米易县草场镇 2024) and the five published ones
    (../shared/fixtures/published; their figures are those of tests/data/real r01, r03, r07, r13, whose own
    files hold figures only) — have none of these defects: the list of new errors must be empty."""
    names = published_names()
    assert len(names) == 5, "the published reports of ../shared/fixtures are needed"
    reports = {"sample": sample(), **{name: published_draft(name) for name in names}}
    assert all(d.narrative_texts()["overview.0"].strip() for d in reports.values())  # narratives were read
    errors = [
        (name, f.rule, f.message)
        for name, draft in reports.items()
        for f in check(draft)
        if f.rule in NEW_RULES and f.severity is Severity.ERROR
    ]
    assert errors == []
