"""Narrative against tables and last year (T1–T5), on sentences written like those of real reports.

The sentences below follow the published reports of tests/data/real (their narrative_claims and the
claims' 'text'); the figures in the tables are the real printed ones, so a wrong quoted figure is the
defect the office really published.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from realdata import draft_from_fixture, fixture

from model.draft import Draft, OverviewPoint
from model.findings import Severity
from model.numerals import chinese_year, parse_chinese, parse_number
from model.rollover import mark_edited, rollover
from model.rules import check
from model.rules.narrative import narrative_label
from model.rules.quotes import quotes

TEXT_RULES = ("T1", "T2", "T3", "T4", "T5")


def text_findings(draft: Draft, previous=None) -> list:
    return [f for f in check(draft, previous) if f.rule in TEXT_RULES]


def with_text(name: str, text: str, where: str = "applications_lead") -> Draft:
    draft = draft_from_fixture(name)
    setattr(draft, where, text)
    return draft


def claim_text(name: str, what: str) -> str:
    return next(c["text"] for c in fixture(name)["narrative_claims"] if c["what"] == what)


# ---------------------------------------------------------------------------------------------------------
# Numerals


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("零", 0),
        ("两", 2),
        ("十", 10),
        ("十二", 12),
        ("二十一", 21),
        ("一百零五", 105),
        ("一百一十", 110),
        ("两千零三十", 2030),
        ("三万五千", 35000),
        ("十万", 100000),
        ("壹佰贰拾", 120),
        ("二〇二四", 2024),
    ],
)
def test_chinese_numerals(written: str, value: int) -> None:
    assert parse_chinese(written) == value


@pytest.mark.parametrize("bad", ["", "十十", "万", "二十a", "三二十"])
def test_bad_chinese_numerals(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_chinese(bad)


def test_arabic_numbers_and_years() -> None:
    assert parse_number("3,119") == 3119 and parse_number("２１") == 21 and parse_number("0.35") == Decimal("0.35")
    assert parse_number("二十一") == 21 and chinese_year(2024) == "二〇二四"
    with pytest.raises(ValueError):
        parse_number("3件")


# ---------------------------------------------------------------------------------------------------------
# Reading figures


def read(text: str, year: int | None = 2024, about_requests: bool = False) -> list[tuple[str, Decimal, str | None]]:
    return [(q.metric, q.value, q.column) for q in quotes(text, year, about_requests)]


def test_quotes_of_real_phrasings() -> None:
    assert read("2024年，我镇共收到政府信息公开申请二十一件，其中自然人申请20件、法人或其他组织申请1件。") == [
        ("received", 21, None),
        ("received", 20, "natural_person"),
        ("received", 1, "organisations"),
    ]
    assert read("收到政府信息公开申请75件（含上年结转1件）。") == [
        ("received_sum", 75, None),
        ("carried_over", 1, None),
    ]
    assert read("新收政府信息公开申请74件，上年结转1件，合计75件。") == [
        ("received_new", 74, None),
        ("carried_over", 1, None),
        ("received_sum", 75, None),
    ]
    assert read("答复805件（含上年结转18件），72件顺延下年度。") == [
        ("handled", 805, None),
        ("carried_over", 18, None),
        ("carried_forward", 72, None),
    ]
    assert read("全市共收办申请3646件; 予以公开1431、部分公开471、转下年度125", about_requests=True) == [
        ("processed", 3646, None),
        ("outcome:予以公开", 1431, None),
        ("outcome:部分公开", 471, None),
        ("carried_forward", 125, None),
    ]
    assert read("予以公开、部分公开、不予公开分别为10件、3件、2件。") == [
        ("outcome:予以公开", 10, None),
        ("outcome:部分公开", 3, None),
        ("outcome:不予公开", 2, None),
    ]
    assert read("予以公开及部分公开258件，复议7件、诉讼9件均获维持。") == [
        ("outcome:予以公开+部分公开", 258, None),
        ("review", 7, None),
        ("litigation", 9, None),
    ]
    assert read("行政复议、行政诉讼均为0起。") == [("review", 0, None), ("litigation", 0, None)]
    assert read("收取信息处理费3件共2230元，发出收费通知书2份，通知金额0.5万元。") == [
        ("fee_notices", 3, None),
        ("fee_amount", 2230, None),
        ("fee_notices", 2, None),
        ("fee_notified", 5000, None),
    ]
    assert read("集中公开现行有效规范性文件698件，本年度制发88件。新增规章1件、政策性文件11件。") == [
        ("doc:normative_documents:in_force", 698, None),
        ("doc:normative_documents:issued", 88, None),
        ("doc:regulations:issued", 1, None),
    ]


def test_figures_that_are_not_quotes() -> None:
    assert read("上年度共收到申请20件，同比增加5件，收到申请后20个工作日内答复。") == []
    assert read("2023年，我镇收到政府信息公开申请9件。") == []
    assert read("今年收到依申请公开申请一百零五件，较上年的98件有所增加。") == [("received", 105, None)]
    assert read("截至2024年12月31日，主动公开各类政府信息24条，其中，工作动态20条，通知公告4条。") == []
    assert read("依申请公开方面，发放宣传资料100份，开展培训2次，此流程包含四个关键步骤。") == []
    assert read("尚未办结3件；未收到政府信息公开申请。") == []
    assert read("根据《条例》（2019年4月3日修订），2024年共收到政府信息公开申请12件。") == [("received", 12, None)]
    assert read("主动予以公开政府信息300条，办理行政许可申请1200件，民事诉讼2件。") == []
    assert read("全年共收到申请21件。") == []  # not about information requests, unless the text is
    assert read("全年共收到申请21件。", about_requests=True) == [("received", 21, None)]
    assert read("依申请公开政府信息21件。") == [("received", 21, None)]


# ---------------------------------------------------------------------------------------------------------
# T3 / T5: figures against the tables, the real defects


def test_sample_narrative_is_clean(sample_draft: Draft) -> None:
    assert text_findings(sample_draft) == []
    assert quotes(sample_draft.overview_points[0].text, 2024) == []  # 「主动公开各类政府信息24条」
    sample_draft.set_application("new_received", "natural_person", 1)
    [t4] = text_findings(sample_draft)
    assert t4.rule == "T4" and t4.severity is Severity.ERROR
    assert t4.row == "（二）依申请公开方面" and "2024年度我镇未收到和处理政府信息公开申请" in t4.message
    assert "为 1 件" in t4.message


def test_r07_received_17_against_95() -> None:
    sentence = f"2024年，{claim_text('r07', '一_total')}，均已按时答复。"
    [t3] = text_findings(with_text("r07", sentence))
    assert t3.rule == "T3" and t3.severity is Severity.ERROR and t3.section == "applications"
    assert "「17件」" in t3.message and "为 95 件" in t3.message and sentence.rstrip("。") in t3.message
    assert t3.params["quoted"] == 17 and t3.params["table"] == [95]
    assert text_findings(with_text("r07", sentence.replace("17件", "95件"))) == []


def test_r05_review_and_litigation() -> None:
    text = (
        "2024年，全市共收办政府信息公开申请3646件。其中予以公开1431件、部分公开471件、不予公开92件、"
        "无法提供941件、不予处理117件、其他处理469件，结转下年度继续办理125件。"
        f"全年{claim_text('r05', '复议_total')}、{claim_text('r05', '诉讼_total')}。"
    )
    findings = text_findings(with_text("r05", text, "cases_lead"))
    assert [(f.rule, f.params["quoted"], f.params["table"]) for f in findings] == [("T3", 134, [170]), ("T3", 57, [77])]
    assert "表四「行政复议」总计为 170 件" in findings[0].message
    assert "表四「行政诉讼」总计为 77 件" in findings[1].message
    assert all(f.section == "review_litigation" for f in findings)
    assert text_findings(with_text("r05", text.replace("134件", "170件").replace("57件", "77件"))) == []


def test_r01_disclosed_and_unavailable() -> None:
    text = (
        "全年共受理政府信息公开申请859件，答复805件（含上年结转18件），72件顺延下年度办理。其中，"
        f"{claim_text('r01', '予以+部分_total')}，不予公开35件，{claim_text('r01', '无法提供_total')}，"
        "不予处理158件，其他处理0件。因政府信息公开申请引起行政复议7件、行政诉讼9件，均获维持。"
    )
    findings = text_findings(with_text("r01", text))
    assert [(f.rule, f.params["quoted"], f.params["table"]) for f in findings] == [
        ("T3", 258, [275]),
        ("T3", 265, [337]),
    ]
    assert "「（一）予以公开」与「（二）部分公开」之和（总计）为 275 件" in findings[0].message
    assert "「（四）无法提供」（总计）为 337 件" in findings[1].message
    fixed = text.replace("258件", "275件").replace("265件", "337件")
    assert text_findings(with_text("r01", fixed)) == []


def test_r11_ambiguous_received_is_a_hint_at_most() -> None:
    text = (
        "2022年，全区收到政府信息公开申请75件（自然人72件，商业企业3件）。"
        "全区发生政府信息公开行政诉讼1件、行政复议2件。"
    )
    findings = text_findings(with_text("r11", text))
    assert findings and {f.rule for f in findings} == {"T5"}
    assert all(f.severity is Severity.HINT for f in findings)
    assert "含上年结转" in findings[0].message and "为 74 件" in findings[0].message
    explicit = text.replace("75件", "75件（含上年结转1件）")
    assert text_findings(with_text("r11", explicit)) == []
    assert [f.rule for f in text_findings(with_text("r11", text.replace("75件", "76件")))] == ["T3", "T5"]


def test_consistent_real_narratives_stay_clean() -> None:
    cases = {
        "r03": "2024年，市政府共受理政府信息公开申请3119件，答复3050件（含上年度结转34件），103件顺延至下年度办理。"
        "全年涉及政府信息公开的行政复议351件、行政诉讼46件。本年度新增规章1件、政策性文件11件。",
        "r09": "2020年，全区受理政府信息公开申请21件，全部在法定期限内予以答复。",
        "r13": "2024年，全区主动公开政府信息10407条，发布政策解读96篇。全年办理政府信息公开申请218件。"
        "本年度制发行政规范性文件62件。",
        "r19": "2022年，我镇主动公开政府信息32条，依申请公开0件。",
    }
    for name, text in cases.items():
        assert text_findings(with_text(name, text)) == [], name


def test_chinese_numerals_and_counters_in_sentences() -> None:
    d = with_text("r09", "本年度共收到政府信息公开申请二十一件，自然人提出二十件。")
    assert text_findings(d) == []
    d.applications_lead = "本年度共收到政府信息公开申请一百零五起。"
    [t3] = text_findings(d)
    assert "「一百零五起」" in t3.message and "为 21 件" in t3.message


def test_fees_in_section_six() -> None:
    d = draft_from_fixture("r03")
    d.other_matters = "本年度发出收费通知2件，收取信息处理费3940元。"
    assert text_findings(d) == []  # fees not entered yet: nothing to compare
    d.fees.update(notices=2, notified_amount=Decimal("3940"), collected_amount=Decimal("3940"))
    assert text_findings(d) == []
    d.fees["collected_amount"] = Decimal("3900.5")
    d.fees["notified_amount"] = Decimal("3900.5")
    [t3] = text_findings(d)
    assert t3.section == "other_matters" and "「3940元」" in t3.message and "3900.5 元" in t3.message
    d.other_matters = "本年度未收取信息处理费。"
    [t4] = text_findings(d)
    assert t4.rule == "T4" and "3900.5 元" in t4.message


def test_denied_review_and_litigation() -> None:
    d = with_text("r05", "本年度未发生因政府信息公开引起的行政复议、行政诉讼案件。", "cases_lead")
    findings = text_findings(d)
    assert [(f.rule, f.severity) for f in findings] == [("T4", Severity.ERROR)] * 2
    assert "行政复议" in findings[0].message and "170 件" in findings[0].message
    assert "行政诉讼" in findings[1].message and "77 件" in findings[1].message
    d.cases_lead = "本年度未发生行政复议被纠错的情况。"
    assert text_findings(d) == []
    sample = draft_from_fixture("r15")
    sample.cases_lead = "本年度未发生因政府信息公开引起的行政复议、行政诉讼案件。"
    assert text_findings(sample) == []


def test_tables_not_filled_in_are_not_compared() -> None:
    d = Draft(agency="某镇人民政府", year=2025, applications_lead="2025年，我镇共收到政府信息公开申请3件。")
    assert text_findings(d) == []
    d.set_application("new_received", "natural_person", 2)
    [t3] = text_findings(d)
    assert "「3件」" in t3.message and "为 2 件" in t3.message


# ---------------------------------------------------------------------------------------------------------
# T1 / T2: texts carried from last year


def test_reused_text_needs_explanation(sample_draft: Draft) -> None:
    new = rollover(sample_draft)
    t1 = [f for f in text_findings(new) if f.rule == "T1"]
    # the six texts of 30 characters or more; the 23-character 依申请公开 line and 六's stock sentence are not
    assert [f.cells[0].row for f in t1] == [
        "preamble",
        "overview.0",
        "overview.2",
        "overview.3",
        "overview.4",
        "problems",
    ]
    assert all(f.severity is Severity.EXPLAIN and f.is_open for f in t1)
    assert t1[0].row == "开头段落" and "与 2024 年报告中的文字完全相同" in t1[0].message
    new.explanations[t1[-1].key] = "存在的问题与上年相同，整改仍在进行"
    new.overview_points[0].text = new.overview_points[0].text.replace("24条", "31条")
    mark_edited(new, "overview.0")
    again = {f.cells[0].row: f for f in text_findings(new) if f.rule == "T1"}
    assert "overview.0" not in again and again["problems"].explained
    # last year's text moved to another point is still last year's text
    new.overview_points.insert(0, OverviewPoint("（一）新增事项", ""))
    assert "overview.3" in {f.cells[0].row for f in text_findings(new) if f.rule == "T1"}


def test_old_year_left_in_text(sample_draft: Draft) -> None:
    new = rollover(sample_draft)
    t2 = {f.cells[0].row: f for f in text_findings(new) if f.rule == "T2"}
    assert set(t2) == {"preamble", "overview.0", "overview.1", "overview.2", "overview.4"}
    assert all(f.severity is Severity.HINT for f in t2.values())
    assert t2["preamble"].params["count"] == 2 and "上年年份「2024」2 处" in t2["preamble"].message
    assert "\n" not in t2["overview.4"].message
    new.overview_points[1].text = "2025年度我镇未收到和处理政府信息公开申请。"
    new.preamble = (
        "根据《中华人民共和国政府信息公开条例》（2019年4月3日修订）和国办公开办函〔2021〕30号要求，"
        "编制本报告，数据统计期限为2025年1月1日至2025年12月31日，较2024年口径不变。"
    )
    t2 = {f.cells[0].row for f in text_findings(new) if f.rule == "T2"}
    assert "preamble" not in t2 and "overview.1" not in t2


def test_narrative_labels(sample_draft: Draft) -> None:
    assert narrative_label(sample_draft, "preamble") == "开头段落"
    assert narrative_label(sample_draft, "overview.4") == "（五）监督保障方面"
    assert narrative_label(sample_draft, "overview.9") == "一、总体情况"
    assert narrative_label(sample_draft, "cases_lead") == "四、政府信息公开行政复议、行政诉讼情况（表前说明）"
    assert narrative_label(sample_draft, "problems") == "五、存在的主要问题及改进情况"
