"""T1–T9 to the letter (`model.rules.narrative`): the exact finding each narrative rule gives the clerk — rule,
severity, section, row, message, cells and params — and where each rule starts and stops: a text of exactly
30 characters (white space ignored), an excerpt cut exactly 12 characters either side of a year, a quoted
sentence of exactly 80 characters, a share at its rounding edge, the year right after the report year and the
30th after it, 尚未审结 0 against 1. Every expected message is written out by hand from the figures and texts
of the draft (docs/rules.md); how figures are read out of sentences is `tests/test_quotes_exact.py`'s.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal

import pytest

from model.draft import Draft, OverviewPoint, Previous
from model.findings import Cell, Finding, Severity
from model.rollover import text_digest
from model.rules import narrative

Check = Callable[[Draft, Previous | None], Iterable[Finding]]

AGENCY = "某镇人民政府"
PROBLEMS = "五、存在的主要问题及改进情况"
APPS_LEAD = "三、收到和处理政府信息公开申请情况（表前说明）"
CASES_LEAD = "四、政府信息公开行政复议、行政诉讼情况（表前说明）"

NEW = "表三「一、本年新收政府信息公开申请数量」（总计）"
BOTH = "表三「一、本年新收政府信息公开申请数量」与「二、上年结转政府信息公开申请数量」之和（总计）"
HANDLED = "表三「三、本年度办理结果（七）总计」（总计）"
DISCLOSED = "表三「（一）予以公开」（总计）"
PARTLY = "表三「（二）部分公开」（总计）"
FORWARD = "表三「四、结转下年度继续办理」（总计）"
ORGANISATION_COLUMNS = ("commercial", "research", "public_interest", "legal_services", "other_org")
WITHHELD_ROWS = (
    "withheld_state_secret",
    "withheld_prohibited_by_law",
    "withheld_three_safeties",
    "withheld_third_party",
    "withheld_internal_affairs",
    "withheld_process_info",
    "withheld_enforcement_files",
    "withheld_query_matters",
)
# plain words: no figure, no keyword of `model.rules.quotes`, no year (72 characters)
FILL = (
    "本镇坚持依法依规、公开透明的原则，认真做好登记审核拟办送达等各环节工作，"
    "确保每一件申请都有人管有人办有回音，群众满意度持续提升，相关台账规范完整"
)


def run(check: Check, draft: Draft, previous: Previous | None = None) -> list[tuple[Finding, dict[str, object]]]:
    """Return what `check` reports, each finding with its params (which `Finding`'s equality leaves out)."""
    return [(f, f.params) for f in check(draft, previous)]


def text(key: str) -> Cell:
    return Cell("text", key)


def app(row: str, column: str = "total") -> Cell:
    return Cell("applications", row, column)


def case(group: str, column: str = "total") -> Cell:
    return Cell("cases", group, column)


def blank(year: int | None = 2024) -> Draft:
    return Draft(agency=AGENCY, year=year)


def tables() -> Draft:
    """A township's tables, consistent: 一 7 (自然人 6, 商业企业 1) + 二 2 = （七）总计 8 + 四 1; （一）予以公开 3,
    （二）部分公开 2, （三）不予公开 1, （四）无法提供 1, （六）其他处理 1; 行政复议 2 (1 尚未审结), 未经复议直接起诉 1,
    复议后起诉 2 (行政诉讼 3); 收费通知 2 件, 通知金额 300 元, 实际收取 200.5 元; 规章 本年制发 1."""
    draft = blank()
    for row, column, value in (
        ("new_received", "natural_person", 6),
        ("new_received", "commercial", 1),
        ("carried_over", "natural_person", 2),
        ("disclosed", "natural_person", 3),
        ("partly_disclosed", "natural_person", 2),
        ("withheld_state_secret", "natural_person", 1),
        ("unavailable_not_held", "natural_person", 1),
        ("other_other", "commercial", 1),
        ("carried_forward", "natural_person", 1),
    ):
        draft.set_application(row, column, value)
    draft.set_case("review", "upheld", 1)
    draft.set_case("review", "pending", 1)
    draft.set_case("litigation_direct", "upheld", 1)
    draft.set_case("litigation_after_review", "corrected", 2)
    draft.fees.update(notices=2, notified_amount=Decimal("300"), collected_amount=Decimal("200.5"))
    draft.proactive["regulations"]["issued"] = 1
    return draft


# ---------------------------------------------------------------------------------------------------------
# Where a text stands: its section and how a reader names it


@pytest.mark.parametrize(
    ("key", "label", "section"),
    [
        ("preamble", "开头段落", "overview"),
        ("overview_lead", "一、总体情况（表前说明）", "overview"),
        ("overview.0", "（一）主动公开", "overview"),
        ("overview.4", "（五）监督保障", "overview"),
        ("overview.5", "一、总体情况", "overview"),  # one past the last point
        ("overview.6", "一、总体情况", "overview"),
        ("overview.-1", "一、总体情况", "overview"),
        ("proactive_lead", "二、主动公开政府信息情况（表前说明）", "proactive"),
        ("applications_lead", APPS_LEAD, "applications"),
        ("cases_lead", CASES_LEAD, "review_litigation"),
        ("problems", PROBLEMS, "problems"),
        ("other_matters", "六、其他需要报告的事项", "other_matters"),
    ],
)
def test_each_text_is_named_as_the_report_prints_it(key: str, label: str, section: str) -> None:
    built = "".join(list(key))  # a key put together at run time: equal, not the same object
    assert narrative.narrative_label(blank(), built) == label
    assert narrative.narrative_section(built) == section


# ---------------------------------------------------------------------------------------------------------
# T1: a text identical to last year's

# 30 characters without the white space (the line break and the spaces do not count)
REUSED = "本镇政务公开栏目更新不够及时，\n  部分信息发布的时效性还不够强。"
SHORTER = "本镇政务公开栏目更新不够及时，\n  部分信息发布的时效性还不够强"  # 29


def _last_year(*texts: str) -> Previous:
    return Previous(
        agency=AGENCY, year=2023, text_digests={f"overview.{i}": text_digest(t) for i, t in enumerate(texts)}
    )


def test_texts_of_thirty_characters_and_more_as_last_year_need_explaining() -> None:
    assert len("".join(REUSED.split())) == 30 and len("".join(SHORTER.split())) == 29
    longer = REUSED + "下一步将加强培训，提升工作人员业务水平。"
    draft = blank()
    draft.problems = REUSED
    draft.preamble = REUSED.replace("\n  ", "")  # white space aside the same text
    draft.overview_points[3].text = longer
    message = "与 2023 年报告中的文字完全相同，请按本年度情况更新，或说明沿用的理由"
    assert run(narrative.check_reused_text, draft, _last_year("另一段文字", REUSED, longer)) == [
        (
            Finding(
                "T1", Severity.EXPLAIN, "overview", f"「开头段落」{message}", "开头段落", cells=(text("preamble"),)
            ),
            {},
        ),
        (
            Finding(
                "T1",
                Severity.EXPLAIN,
                "overview",
                f"「（四）政府信息公开平台建设」{message}",
                "（四）政府信息公开平台建设",
                cells=(text("overview.3"),),
            ),
            {},
        ),
        (Finding("T1", Severity.EXPLAIN, "problems", f"「{PROBLEMS}」{message}", cells=(text("problems"),)), {}),
    ]


def test_a_text_of_twenty_nine_characters_may_repeat() -> None:
    draft = blank()
    draft.problems = SHORTER
    assert run(narrative.check_reused_text, draft, _last_year(SHORTER)) == []


def test_a_changed_text_and_a_missing_last_year_are_not_compared() -> None:
    draft = blank()
    draft.problems = REUSED
    assert run(narrative.check_reused_text, draft, _last_year(REUSED.replace("及时", "准确"))) == []
    assert run(narrative.check_reused_text, draft, None) == []
    assert run(narrative.check_reused_text, draft, Previous(agency=AGENCY, year=2023)) == []


# ---------------------------------------------------------------------------------------------------------
# T2: last year's year left in a text; the excerpt, 12 characters each side


@pytest.mark.parametrize(
    ("written", "before", "after", "excerpt"),
    [
        # 12 characters before 「2023」 and 12 after: the whole text, no 「…」
        (
            "对照上级要求，本镇梳理了2023年以来的全部栏目设置情况",
            12,
            12,
            "对照上级要求，本镇梳理了2023年以来的全部栏目设置情况",
        ),
        # 13 before and 13 after: one character cut off each side
        (
            "按县里要求，本镇全面梳理了2023年以来的全部栏目设置情况。",
            13,
            13,
            "…县里要求，本镇全面梳理了2023年以来的全部栏目设置情况…",
        ),
        # a year far into a long text; the line break (one of the 12 characters) printed as a space
        (
            "本镇认真贯彻落实政府信息公开条例，坚持以公开为常态、不公开为例外，"
            "全面梳理\n2023年以来印发的各类文件，逐件核对公开属性，确保应公开尽公开，不断提升政务公开质量和水平。",
            38,
            43,
            "…不公开为例外，全面梳理 2023年以来印发的各类文件，逐…",
        ),
    ],
    ids=["12-each-side", "13-each-side", "far-in"],
)
def test_last_years_year_is_quoted_with_twelve_characters_each_side(
    written: str, before: int, after: int, excerpt: str
) -> None:
    start = written.index("2023")
    assert (start, len(written) - start - 4) == (before, after)
    draft = blank()
    draft.problems = written
    message = f"「{PROBLEMS}」中仍有上年年份「2023」1 处（如「{excerpt}」），请核对是否应为 2024 年"
    expected = Finding("T2", Severity.HINT, "problems", message, cells=(text("problems"),))
    assert run(narrative.check_old_year, draft) == [(expected, {"count": 1, "spans": [(start, start + 4)]})]


def test_every_old_year_is_counted_and_the_first_quoted() -> None:
    draft = blank()
    draft.overview_points[2].text = "2023年建成专栏。本镇于2023年底完成平台迁移，2023年的旧栏目已全部关停。"
    message = (
        "「（三）政府信息管理」中仍有上年年份「2023」3 处（如「2023年建成专栏。本镇于202…」），请核对是否应为 2024 年"
    )
    expected = Finding("T2", Severity.HINT, "overview", message, "（三）政府信息管理", cells=(text("overview.2"),))
    assert run(narrative.check_old_year, draft) == [(expected, {"count": 3, "spans": [(0, 4), (13, 17), (26, 30)]})]


def test_a_point_is_named_by_its_heading_unless_that_repeats_the_section() -> None:
    draft = blank()
    like_section = "".join(["一、总体", "情况"])  # as the section's heading, typed anew
    draft.overview_points = [
        OverviewPoint("1.主动公开", "2023年建成专栏。"),
        OverviewPoint(like_section, "2023年建成专栏。"),
    ]
    assert [(f.section, f.row) for f, _p in run(narrative.check_old_year, draft)] == [
        ("overview", "1.主动公开"),
        ("overview", None),
    ]


def test_a_year_at_the_end_of_a_long_text_is_quoted_to_the_end() -> None:
    """303 characters, 「2023」 at 289–293: quoted from 277 to the end (not 305), no 「…」 after."""
    written = (FILL * 5)[:289] + "2023年底前全部完成整改。"
    assert len(written) == 303 and written.index("2023") == 289
    draft = blank()
    draft.problems = written
    [(finding, _params)] = run(narrative.check_old_year, draft)
    assert finding.message == (
        f"「{PROBLEMS}」中仍有上年年份「2023」1 处（如「…{written[277:]}」），请核对是否应为 2024 年"
    )


def test_without_a_report_year_no_year_is_old() -> None:
    draft = blank(year=None)
    draft.problems = "2023年建成专栏。"
    assert run(narrative.check_old_year, draft) == []


# ---------------------------------------------------------------------------------------------------------
# T3, T5: figures quoted against the tables


def _quoted(rule: str, key: str, message: str, *cells: Cell) -> Finding:
    rows = {
        "applications_lead": APPS_LEAD,
        "cases_lead": CASES_LEAD,
        "other_matters": None,
        "overview.1": "（二）依申请公开",
    }
    sections = {
        "applications_lead": "applications",
        "cases_lead": "review_litigation",
        "other_matters": "other_matters",
        "overview.1": "overview",
    }
    severity = {"T3": Severity.ERROR, "T5": Severity.HINT}[rule]
    return Finding(rule, severity, sections[key], message, rows[key], cells=(text(key), *cells))


FEES = "六、其他需要报告的事项"
QUOTED = [
    pytest.param(
        "applications_lead",
        "收到政府信息公开申请8件。",
        _quoted(
            "T3",
            "applications_lead",
            f"正文写「8件」，但{NEW}为 7 件。原句：「收到政府信息公开申请8件」",
            app("new_received"),
            app("new_received"),
            app("carried_over"),
        ),
        {"quoted": 8, "table": [7]},
        id="received",
    ),
    pytest.param(
        "applications_lead",
        "收到政府信息公开申请9件。",
        _quoted(
            "T5",
            "applications_lead",
            f"正文写「9件」，而{NEW}为 7 件；{BOTH}为 9 件，与正文相符。"
            "如所写包含上年结转的申请，请写明「含上年结转」。原句：「收到政府信息公开申请9件」",
            app("new_received"),
            app("new_received"),
            app("carried_over"),
        ),
        {"quoted": 9, "table": 9},
        id="received-as-new-and-carried",
    ),
    pytest.param(
        "applications_lead",
        "新收政府信息公开申请9件。",
        _quoted(
            "T3",
            "applications_lead",
            f"正文写「9件」，但{NEW}为 7 件。原句：「新收政府信息公开申请9件」",
            app("new_received"),
        ),
        {"quoted": 9, "table": [7]},
        id="received-new",
    ),
    pytest.param(
        "applications_lead",
        "收到政府信息公开申请8件（含上年结转2件）。",
        _quoted(
            "T3",
            "applications_lead",
            f"正文写「8件」，但{BOTH}为 9 件。原句：「收到政府信息公开申请8件（含上年结转2件）」",
            app("new_received"),
            app("carried_over"),
        ),
        {"quoted": 8, "table": [9]},
        id="received-with-carried",
    ),
    pytest.param(
        "applications_lead",
        "办理政府信息公开申请10件。",
        _quoted(
            "T3",
            "applications_lead",
            f"正文写「10件」，但{NEW}为 7 件，{BOTH}为 9 件，{HANDLED}为 8 件。原句：「办理政府信息公开申请10件」",
            app("new_received"),
            app("new_received"),
            app("carried_over"),
            app("total_handled"),
        ),
        {"quoted": 10, "table": [7, 9, 8]},
        id="processed",
    ),
    pytest.param(
        "applications_lead",
        "全年答复10件。",
        _quoted(
            "T3",
            "applications_lead",
            f"正文写「10件」，但{HANDLED}为 8 件。原句：「全年答复10件」",
            app("total_handled"),
        ),
        {"quoted": 10, "table": [8]},
        id="handled",
    ),
    pytest.param(
        "applications_lead",
        "上年结转政府信息公开申请3件。",
        _quoted(
            "T3",
            "applications_lead",
            "正文写「3件」，但表三「二、上年结转政府信息公开申请数量」（总计）为 2 件。"
            "原句：「上年结转政府信息公开申请3件」",
            app("carried_over"),
        ),
        {"quoted": 3, "table": [2]},
        id="carried-over",
    ),
    pytest.param(
        "applications_lead",
        "结转下年度继续办理2件。",
        _quoted(
            "T3",
            "applications_lead",
            f"正文写「2件」，但{FORWARD}为 1 件。原句：「结转下年度继续办理2件」",
            app("carried_forward"),
        ),
        {"quoted": 2, "table": [1]},
        id="carried-forward",
    ),
    pytest.param(
        "applications_lead",
        "予以公开4件。",
        _quoted(
            "T3", "applications_lead", f"正文写「4件」，但{DISCLOSED}为 3 件。原句：「予以公开4件」", app("disclosed")
        ),
        {"quoted": 4, "table": [3]},
        id="disclosed",
    ),
    pytest.param(
        "applications_lead",
        "予以公开及部分公开6件。",
        _quoted(
            "T3",
            "applications_lead",
            "正文写「6件」，但表三「（一）予以公开」与「（二）部分公开」之和（总计）为 5 件。"
            "原句：「予以公开及部分公开6件」",
            app("disclosed"),
            app("partly_disclosed"),
        ),
        {"quoted": 6, "table": [5]},
        id="disclosed-and-partly",
    ),
    pytest.param(
        "applications_lead",
        "不予公开2件。",
        _quoted(
            "T3",
            "applications_lead",
            "正文写「2件」，但表三「（三）不予公开」（总计）为 1 件。原句：「不予公开2件」",
            *(app(row) for row in WITHHELD_ROWS),
        ),
        {"quoted": 2, "table": [1]},
        id="withheld",
    ),
    pytest.param(
        "cases_lead",
        "行政复议3件。",
        _quoted(
            "T3", "cases_lead", "正文写「3件」，但表四「行政复议」总计为 2 件。原句：「行政复议3件」", case("review")
        ),
        {"quoted": 3, "table": [2]},
        id="review",
    ),
    pytest.param(
        "cases_lead",
        "行政诉讼4件。",
        _quoted(
            "T3",
            "cases_lead",
            "正文写「4件」，但表四「行政诉讼」总计为 3 件。原句：「行政诉讼4件」",
            case("litigation_direct"),
            case("litigation_after_review"),
        ),
        {"quoted": 4, "table": [3]},
        id="litigation",
    ),
    pytest.param(
        "cases_lead",
        "未经复议直接起诉2件。",
        _quoted(
            "T3",
            "cases_lead",
            "正文写「2件」，但表四「行政诉讼·未经复议直接起诉」总计为 1 件。原句：「未经复议直接起诉2件」",
            case("litigation_direct"),
        ),
        {"quoted": 2, "table": [1]},
        id="litigation-direct",
    ),
    pytest.param(
        "cases_lead",
        "复议后起诉1件。",
        _quoted(
            "T3",
            "cases_lead",
            "正文写「1件」，但表四「行政诉讼·复议后起诉」总计为 2 件。原句：「复议后起诉1件」",
            case("litigation_after_review"),
        ),
        {"quoted": 1, "table": [2]},
        id="litigation-after-review",
    ),
    pytest.param(
        "other_matters",
        "发出收费通知书3份。",
        _quoted(
            "T3",
            "other_matters",
            f"正文写「3份」，但{FEES}「收费通知件数」为 2 件。原句：「发出收费通知书3份」",
            Cell("fees", "notices"),
        ),
        {"quoted": 3, "table": [2]},
        id="fee-notices",
    ),
    pytest.param(
        "other_matters",
        "通知金额500元。",
        _quoted(
            "T3",
            "other_matters",
            f"正文写「500元」，但{FEES}「通知金额（元）」为 300 元。原句：「通知金额500元」",
            Cell("fees", "notified_amount"),
        ),
        {"quoted": 500, "table": [300]},
        id="fee-notified",
    ),
    pytest.param(
        "other_matters",
        "收取信息处理费0.02万元。",
        _quoted(
            "T3",
            "other_matters",
            f"正文写「0.02万元」，但{FEES}「实际收取金额（元）」为 200.5 元，{FEES}「通知金额（元）」为 300 元。"
            "原句：「收取信息处理费0.02万元」",
            Cell("fees", "collected_amount"),
            Cell("fees", "notified_amount"),
        ),
        {"quoted": 200, "table": [Decimal("200.5"), 300]},
        id="fee-amount",
    ),
    pytest.param(
        "overview.1",
        "本年制发规章2件。",
        _quoted(
            "T3",
            "overview.1",
            "正文写「2件」，但表二「规章」本年制发件数为 1 件。原句：「本年制发规章2件」",
            Cell("proactive", "regulations", "issued"),
        ),
        {"quoted": 2, "table": [1]},
        id="regulations",
    ),
    pytest.param(
        "applications_lead",
        "新收政府信息公开申请7件，其中自然人5件，法人或其他组织2件。",
        [
            _quoted(
                "T3",
                "applications_lead",
                "正文写「5件」，但表三「一、本年新收政府信息公开申请数量」（自然人）为 6 件。"
                "原句：「新收政府信息公开申请7件，其中自然人5件，法人或其他组织2件」",
                app("new_received", "natural_person"),
            ),
            _quoted(
                "T3",
                "applications_lead",
                "正文写「2件」，但表三「一、本年新收政府信息公开申请数量」（法人或其他组织）为 1 件。"
                "原句：「新收政府信息公开申请7件，其中自然人5件，法人或其他组织2件」",
                *(app("new_received", c) for c in ORGANISATION_COLUMNS),
            ),
        ],
        [{"quoted": 5, "table": [6]}, {"quoted": 2, "table": [1]}],
        id="applicant-columns",
    ),
]


@pytest.mark.parametrize(("key", "written", "expected", "params"), QUOTED)
def test_a_quoted_figure_is_named_against_the_table_figure_it_stands_for(
    key: str, written: str, expected: Finding | list[Finding], params: dict[str, object] | list[dict[str, object]]
) -> None:
    draft = tables()
    if key.startswith("overview."):
        draft.overview_points[int(key.split(".")[1])].text = written
    else:
        setattr(draft, key, written)
    found = run(narrative.check_quoted_figures, draft)
    if isinstance(expected, Finding):
        assert found == [(expected, params)]
    else:
        assert found == list(zip(expected, params, strict=True))


def test_a_figure_of_one_applicant_column_is_compared_with_that_column() -> None:
    draft = tables()
    draft.set_application("new_received", "research", 2)  # 一 = 9, of which 法人或其他组织 3
    draft.applications_lead = "新收政府信息公开申请9件，其中科研机构3件。"
    message = (
        "正文写「3件」，但表三「一、本年新收政府信息公开申请数量」（科研机构）为 2 件。"
        "原句：「新收政府信息公开申请9件，其中科研机构3件」"
    )
    expected = _quoted("T3", "applications_lead", message, app("new_received", "research"))
    assert run(narrative.check_quoted_figures, draft) == [(expected, {"quoted": 3, "table": [2]})]


def test_figures_of_regulations_and_normative_documents_name_their_row_and_column() -> None:
    draft = blank()
    draft.proactive["regulations"].update(issued=0, repealed=0, in_force=4)
    draft.proactive["normative_documents"].update(issued=2, repealed=1, in_force=5)
    draft.overview_points[0].text = "本年制发行政规范性文件3件，废止规章1件，现行有效行政规范性文件6件。"
    said = "本年制发行政规范性文件3件，废止规章1件，现行有效行政规范性文件6件"

    def wrong(words: str, basis: str, value: int, row: str, column: str) -> Finding:
        message = f"正文写「{words}」，但表二{basis}为 {value} 件。原句：「{said}」"
        cells = (text("overview.0"), Cell("proactive", row, column))
        return Finding("T3", Severity.ERROR, "overview", message, "（一）主动公开", cells=cells)

    assert run(narrative.check_quoted_figures, draft) == [
        (
            wrong("3件", "「行政规范性文件」本年制发件数", 2, "normative_documents", "issued"),
            {"quoted": 3, "table": [2]},
        ),
        (wrong("1件", "「规章」本年废止件数", 0, "regulations", "repealed"), {"quoted": 1, "table": [0]}),
        (
            wrong("6件", "「行政规范性文件」现行有效件数", 5, "normative_documents", "in_force"),
            {"quoted": 6, "table": [5]},
        ),
    ]


def test_one_quoted_against_none_received_and_none_carried_over() -> None:
    """一 0 and 二 0: 「收到申请1件」 is wrong, and 一 + 二 = 0 does not make it a hint."""
    draft = blank()
    draft.set_application("new_received", "natural_person", 0)
    draft.set_application("carried_over", "natural_person", 0)
    draft.applications_lead = "收到政府信息公开申请1件。"
    expected = _quoted(
        "T3",
        "applications_lead",
        f"正文写「1件」，但{NEW}为 0 件。原句：「收到政府信息公开申请1件」",
        app("new_received"),
        app("new_received"),
        app("carried_over"),
    )
    assert run(narrative.check_quoted_figures, draft) == [(expected, {"quoted": 1, "table": [0]})]


def test_a_total_entered_alone_is_the_table_figure_and_a_sum_of_its_parts_beats_a_stale_total() -> None:
    """A report read as printed may hold only the 总计 (stored, no parts): that is the figure. Where parts
    are entered, their sum is the figure, not a stale 总计 beside them."""
    draft = blank()
    draft.applications["new_received"]["total"] = 5
    draft.cases["review"]["total"] = 4
    draft.applications_lead = "收到政府信息公开申请5件，行政复议4件。"
    assert run(narrative.check_quoted_figures, draft) == []
    draft.applications_lead = "收到政府信息公开申请6件，行政复议3件。"
    said = "收到政府信息公开申请6件，行政复议3件"
    assert run(narrative.check_quoted_figures, draft) == [
        (
            _quoted(
                "T3",
                "applications_lead",
                f"正文写「6件」，但{NEW}为 5 件。原句：「{said}」",
                app("new_received"),
                app("new_received"),
                app("carried_over"),
            ),
            {"quoted": 6, "table": [5]},
        ),
        (
            _quoted(
                "T3",
                "applications_lead",
                f"正文写「3件」，但表四「行政复议」总计为 4 件。原句：「{said}」",
                case("review"),
            ),
            {"quoted": 3, "table": [4]},
        ),
    ]
    draft.set_application("new_received", "natural_person", 6)  # 总计 recomputed to 6
    draft.set_case("review", "upheld", 3)
    draft.applications["new_received"]["total"] = 5  # and then overwritten: the parts say 6
    draft.cases["review"]["total"] = 4
    assert run(narrative.check_quoted_figures, draft) == []


def test_figures_of_tables_not_filled_in_are_passed_over_and_the_next_still_compared() -> None:
    draft = blank()
    draft.applications_lead = "发出收费通知书2份，收到政府信息公开申请8件。"
    assert run(narrative.check_quoted_figures, draft) == []
    draft.set_application("new_received", "natural_person", 7)
    [(finding, params)] = run(narrative.check_quoted_figures, draft)
    assert finding.message == f"正文写「8件」，但{NEW}为 7 件。原句：「发出收费通知书2份，收到政府信息公开申请8件」"
    assert params == {"quoted": 8, "table": [7]}


def test_a_right_figure_and_a_hint_do_not_stop_the_figures_after_them() -> None:
    draft = tables()
    draft.applications_lead = "收到政府信息公开申请7件，予以公开4件。收到政府信息公开申请9件，不予公开2件。"
    assert [(f.rule, p["quoted"]) for f, p in run(narrative.check_quoted_figures, draft)] == [
        ("T3", 4),
        ("T5", 9),
        ("T3", 2),
    ]


def test_zero_quoted_against_a_blank_a_zero_and_a_figure() -> None:
    """「收到申请0件」: right where 一 is blank (counted as 0) or 0, even with 二 entered; wrong where 一 is 7 —
    and then no hint from 一 + 二 = 9 either."""
    draft = blank()
    draft.set_application("carried_over", "natural_person", 2)
    draft.applications_lead = "本年度收到政府信息公开申请0件。"
    assert run(narrative.check_quoted_figures, draft) == []
    draft.set_application("new_received", "natural_person", 0)
    assert run(narrative.check_quoted_figures, draft) == []
    draft.set_application("new_received", "natural_person", 7)
    expected = _quoted(
        "T3",
        "applications_lead",
        f"正文写「0件」，但{NEW}为 7 件。原句：「本年度收到政府信息公开申请0件」",
        app("new_received"),
        app("new_received"),
        app("carried_over"),
    )
    assert run(narrative.check_quoted_figures, draft) == [(expected, {"quoted": 0, "table": [7]})]


def test_blank_readings_are_stated_as_zero() -> None:
    """办理 may mean 一, 一 + 二 or （七）总计; with only 二 entered the other two are stated 0."""
    draft = blank()
    draft.set_application("carried_over", "natural_person", 3)
    draft.applications_lead = "办理政府信息公开申请5件。"
    expected = _quoted(
        "T3",
        "applications_lead",
        f"正文写「5件」，但{NEW}为 0 件，{BOTH}为 3 件，{HANDLED}为 0 件。原句：「办理政府信息公开申请5件」",
        app("new_received"),
        app("new_received"),
        app("carried_over"),
        app("total_handled"),
    )
    assert run(narrative.check_quoted_figures, draft) == [(expected, {"quoted": 5, "table": [None, 3, None]})]


def test_an_amount_equal_to_the_notified_amount_passes() -> None:
    draft = tables()
    draft.other_matters = "收取信息处理费300元。"
    assert run(narrative.check_quoted_figures, draft) == []


def test_a_sentence_of_eighty_characters_is_quoted_whole() -> None:
    sentence = "收到政府信息公开申请8件，" + FILL[:67]
    assert len(FILL) == 72 and len(sentence) == 80
    draft = tables()
    draft.applications_lead = sentence + "。"
    [(finding, _params)] = run(narrative.check_quoted_figures, draft)
    assert finding.message == f"正文写「8件」，但{NEW}为 7 件。原句：「{sentence}」"


def test_a_sentence_of_eighty_one_characters_is_cut_thirty_six_characters_after_the_figure() -> None:
    """「8件」 at 10–12: the excerpt runs from the start of the text to 12 + 36 = 48."""
    sentence = "收到政府信息公开申请8件，" + FILL[:68]
    assert len(sentence) == 81
    draft = tables()
    draft.applications_lead = sentence + "。"
    [(finding, _params)] = run(narrative.check_quoted_figures, draft)
    excerpt = "收到政府信息公开申请8件，本镇坚持依法依规、公开透明的原则，认真做好登记审核拟办送达等各环节工作…"
    assert len(excerpt) == 48 + 1
    assert finding.message == f"正文写「8件」，但{NEW}为 7 件。原句：「{excerpt}」"


def test_a_long_sentence_is_quoted_thirty_six_characters_either_side_of_the_figure() -> None:
    """「8件」 at 51–53 of a 114-character sentence: the excerpt is characters 15 to 89, with 「…」 each side."""
    written = FILL[:40] + "，收到政府信息公开申请8件，" + FILL[:60]
    assert len(written) == 114 and written.index("8件") == 51
    draft = tables()
    draft.applications_lead = written + "。"
    [(finding, _params)] = run(narrative.check_quoted_figures, draft)
    excerpt = "…" + written[15:89] + "…"
    assert finding.message == f"正文写「8件」，但{NEW}为 7 件。原句：「{excerpt}」"


@pytest.mark.parametrize(
    ("key", "row", "section"),
    [("applications_lead", APPS_LEAD, "applications"), ("overview.1", "（二）依申请公开", "overview")],
)
def test_a_bare_received_counts_in_the_texts_about_requests(key: str, row: str, section: str) -> None:
    """「收到申请8件」 without 「政府信息公开」 is read in 三's lead and in the 依申请公开 point only."""
    draft = tables()
    for where in ("overview.0", "overview.1", "problems", "applications_lead"):
        written = "全年共收到申请8件。" if where == key else ""
        if where.startswith("overview."):
            draft.overview_points[int(where.split(".")[1])].text = written
        else:
            setattr(draft, where, written)
    message = f"正文写「8件」，但{NEW}为 7 件。原句：「全年共收到申请8件」"
    cells = (text(key), app("new_received"), app("new_received"), app("carried_over"))
    expected = Finding("T3", Severity.ERROR, section, message, row, cells=cells)
    assert run(narrative.check_quoted_figures, draft) == [(expected, {"quoted": 8, "table": [7]})]


@pytest.mark.parametrize("key", ["overview.0", "problems"])
def test_a_bare_received_elsewhere_is_no_figure(key: str) -> None:
    draft = tables()
    if key == "problems":
        draft.problems = "全年共收到申请8件。"
    else:
        draft.overview_points[0].text = "全年共收到申请8件。"
    assert run(narrative.check_quoted_figures, draft) == []


# ---------------------------------------------------------------------------------------------------------
# T4: 「未收到…」「未发生…」「未收取…」 against the tables


def _denial(key: str, message: str, *cells: Cell) -> Finding:
    rows = {"applications_lead": APPS_LEAD, "cases_lead": CASES_LEAD, "other_matters": None}
    sections = {
        "applications_lead": "applications",
        "cases_lead": "review_litigation",
        "other_matters": "other_matters",
    }
    return Finding("T4", Severity.ERROR, sections[key], message, rows[key], cells=(text(key), *cells))


def test_no_application_said_twice_while_the_table_has_one_is_said_once() -> None:
    """The second sentence starts with the denial: that sentence is quoted, from its first character."""
    draft = blank()
    draft.set_application("new_received", "natural_person", 1)
    draft.applications_lead = "本年度依申请公开工作平稳。未收到政府信息公开申请，也没有收到依申请公开的申请。"
    message = (
        "正文称未收到政府信息公开申请（「未收到政府信息公开申请」），但表三「一、本年新收政府信息公开申请数量」（总计）"
        "为 1 件。原句：「未收到政府信息公开申请，也没有收到依申请公开的申请」"
    )
    assert run(narrative.check_denials, draft) == [(_denial("applications_lead", message, app("new_received")), {})]


@pytest.mark.parametrize("received", [None, 0])
def test_no_application_said_with_none_received_is_right(received: int | None) -> None:
    draft = blank()
    draft.set_application("new_received", "natural_person", received)
    draft.applications_lead = "本年度未收到政府信息公开申请。"
    assert run(narrative.check_denials, draft) == []


def test_no_review_nor_litigation_against_both_totals() -> None:
    """「行政复议、诉讼」: the shortened 诉讼 names litigation too; the sentence is quoted from mid-text."""
    draft = tables()
    draft.cases_lead = "本年度我镇政务公开工作平稳有序。全年未发生行政复议、诉讼案件。"
    said = "全年未发生行政复议、诉讼案件"
    assert run(narrative.check_denials, draft) == [
        (
            _denial(
                "cases_lead",
                f"正文称未发生行政复议（「未发生行政复议、诉讼案件」），但表四「行政复议」总计为 2 件。"
                f"原句：「{said}」",
                case("review"),
            ),
            {},
        ),
        (
            _denial(
                "cases_lead",
                f"正文称未发生行政诉讼（「未发生行政复议、诉讼案件」），但表四「行政诉讼」总计为 3 件。"
                f"原句：「{said}」",
                case("litigation_direct"),
                case("litigation_after_review"),
            ),
            {},
        ),
    ]


def test_a_denial_of_litigation_alone_says_nothing_of_review() -> None:
    """「…行政诉讼及争议」: 争议 is no 复议 — only litigation is denied; a qualified denial before it is no denial."""
    draft = tables()
    draft.cases_lead = "本年度未发生行政复议被纠错的情况；未发生涉及政府信息公开的行政诉讼及争议。"
    said = "未发生涉及政府信息公开的行政诉讼及争议"
    message = f"正文称未发生行政诉讼（「{said}」），但表四「行政诉讼」总计为 3 件。原句：「{said}」"
    assert run(narrative.check_denials, draft) == [
        (_denial("cases_lead", message, case("litigation_direct"), case("litigation_after_review")), {})
    ]


def test_review_denied_twice_is_said_once() -> None:
    draft = blank()
    draft.set_case("review", "upheld", 1)
    draft.cases_lead = "本年度未发生行政复议。全年也没有行政复议案件。"
    message = (
        "正文称未发生行政复议（「未发生行政复议」），但表四「行政复议」总计为 1 件。原句：「本年度未发生行政复议」"
    )
    assert run(narrative.check_denials, draft) == [(_denial("cases_lead", message, case("review")), {})]


@pytest.mark.parametrize("upheld", [None, 0])
def test_no_review_with_none_in_table_four_is_right(upheld: int | None) -> None:
    draft = blank()
    draft.set_case("review", "upheld", upheld)
    draft.set_case("litigation_direct", "upheld", upheld)
    draft.cases_lead = "本年度未发生行政复议、行政诉讼案件。"
    assert run(narrative.check_denials, draft) == []


@pytest.mark.parametrize(("collected", "shown"), [(Decimal("0.5"), "0.5"), (Decimal("200.50"), "200.5"), (3, "3")])
def test_no_fee_said_twice_while_one_was_collected(collected: Decimal | int, shown: str) -> None:
    draft = blank()
    draft.fees["collected_amount"] = collected
    draft.other_matters = "本年度未收取信息处理费，也未收取任何费用。"
    message = (
        f"正文称未收取信息处理费（「未收取信息处理费」），但「实际收取金额（元）」为 {shown} 元。"
        "原句：「本年度未收取信息处理费，也未收取任何费用」"
    )
    assert run(narrative.check_denials, draft) == [
        (_denial("other_matters", message, Cell("fees", "collected_amount")), {})
    ]


@pytest.mark.parametrize("collected", [None, 0, Decimal("0.00")])
def test_no_fee_with_nothing_collected_is_right(collected: Decimal | int | None) -> None:
    draft = blank()
    draft.fees["collected_amount"] = collected
    draft.other_matters = "本年度未收取信息处理费。"
    assert run(narrative.check_denials, draft) == []


def test_every_denial_of_one_text_in_order() -> None:
    draft = tables()
    draft.applications_lead = "本年度未收到政府信息公开申请，未发生行政复议和行政诉讼，未收取信息处理费。"
    said = "本年度未收到政府信息公开申请，未发生行政复议和行政诉讼，未收取信息处理费"
    assert [(f.message.split("（")[0], f.cells[1:]) for f, _p in run(narrative.check_denials, draft)] == [
        ("正文称未收到政府信息公开申请", (app("new_received"),)),
        ("正文称未发生行政复议", (case("review"),)),
        ("正文称未发生行政诉讼", (case("litigation_direct"), case("litigation_after_review"))),
        ("正文称未收取信息处理费", (Cell("fees", "collected_amount"),)),
    ]
    assert all(f.message.endswith(f"原句：「{said}」") for f, _p in run(narrative.check_denials, draft))


# ---------------------------------------------------------------------------------------------------------
# T6, T7: shares


def shares() -> Draft:
    """一 6 + 二 3 = （七）总计 7 + 四 2; （一）予以公开 3, （二）部分公开 3, （六）其他处理 1. A share of 3 is
    42.857…% of （七）总计 7, 50% of 一 6 and 33.333…% of 一 + 二 9."""
    draft = blank()
    for row, value in (
        ("new_received", 6),
        ("carried_over", 3),
        ("disclosed", 3),
        ("partly_disclosed", 3),
        ("other_other", 1),
        ("carried_forward", 2),
    ):
        draft.set_application(row, "natural_person", value)
    return draft


def _share(message: str, *cells: Cell) -> Finding:
    return Finding("T6", Severity.ERROR, "applications", message, APPS_LEAD, cells=(text("applications_lead"), *cells))


@pytest.mark.parametrize(
    "share",
    ["42.86%", "42.85%", "43%", "42%", "42.9%", "42.8%", "４２.８６％", "50%", "50.0%", "33.33%", "33.3%", "33%"],
)
def test_a_share_of_any_whole_rounded_or_cut_off_passes(share: str) -> None:
    """3 of 7: 42.86 rounded, 42.85 cut off (43/42, 42.9/42.8); of 6: 50; of 9: 33.33."""
    draft = shares()
    draft.applications_lead = f"予以公开3件，占{share}。"
    assert run(narrative.check_percentages, draft) == []


@pytest.mark.parametrize(
    ("share", "computed"),
    [("42.87%", Decimal("42.86")), ("42.84%", Decimal("42.86")), ("45%", Decimal(43)), ("42.7%", Decimal("42.9"))],
)
def test_a_share_that_fits_no_whole_is_recomputed_of_the_outcome_total(share: str, computed: Decimal) -> None:
    draft = shares()
    draft.applications_lead = f"予以公开3件，占{share}。"
    message = (
        f"正文写「{share}」，但按表格：{DISCLOSED} 3 件 ÷ {HANDLED} 7 件 = {computed}%。"
        f"原句：「予以公开3件，占{share}」"
    )
    expected = _share(message, app("disclosed"), app("total_handled"))
    assert run(narrative.check_percentages, draft) == [
        (expected, {"stated": Decimal(share[:-1]), "computed": computed})
    ]


def test_a_share_of_what_is_carried_forward() -> None:
    draft = shares()
    draft.applications_lead = "结转下年度继续办理2件，占28.57%；另有2件结转下年度继续办理，占30%。"
    message = (
        f"正文写「30%」，但按表格：{FORWARD} 2 件 ÷ {HANDLED} 7 件 = 29%。原句：「另有2件结转下年度继续办理，占30%」"
    )
    expected = _share(message, app("carried_forward"), app("total_handled"))
    assert run(narrative.check_percentages, draft) == [(expected, {"stated": 30, "computed": 29})]


def test_a_share_of_the_outcome_total_is_taken_of_the_applications_not_of_itself() -> None:
    """办结 7 of 一 + 二 9 is 77.78%, of 一 6 116.67%; 「占100%」 is wrong (it is only 7 of 7)."""
    draft = shares()
    draft.applications_lead = "办结7件，占77.78%。"
    assert run(narrative.check_percentages, draft) == []
    draft.applications_lead = "办结7件，占100%。"
    message = f"正文写「100%」，但按表格：{HANDLED} 7 件 ÷ {BOTH} 9 件 = 78%。原句：「办结7件，占100%」"
    expected = _share(message, app("total_handled"), app("new_received"), app("carried_over"))
    assert run(narrative.check_percentages, draft) == [(expected, {"stated": 100, "computed": 78})]


def test_a_whole_not_entered_is_passed_over() -> None:
    """No outcome entered: （七）总计 is blank, so the share of 结转下年度 2 is recomputed of 一 8."""
    draft = blank()
    draft.set_application("new_received", "natural_person", 8)
    draft.set_application("carried_forward", "natural_person", 2)
    draft.applications_lead = "结转下年度继续办理2件，占20%。"
    message = f"正文写「20%」，但按表格：{FORWARD} 2 件 ÷ {NEW} 8 件 = 25%。原句：「结转下年度继续办理2件，占20%」"
    expected = _share(message, app("carried_forward"), app("new_received"))
    assert run(narrative.check_percentages, draft) == [(expected, {"stated": 20, "computed": 25})]


@pytest.mark.parametrize(
    "written",
    [
        "收到政府信息公开申请6件，占40%。",  # a share of 一 is no part of the tables' outcomes
        "予以公开4件，占57.14%。",  # the figure is wrong (T3's): its share is not checked
        "予以公开2件，占28.57%。",
        "予以公开3件，即45%。",  # no 占/比例/比重/占比
        "收到政府信息公开申请6件，予以公开3件，占比较高，部分公开3件，即45%。",  # none right before the share
        "依申请公开答复及时，公开率达到45%。",  # no figure before the share
        "予以公开3件，同比增长45%。",
    ],
)
def test_shares_that_are_not_checked(written: str) -> None:
    draft = shares()
    draft.applications_lead = written
    assert run(narrative.check_percentages, draft) == []


def test_a_share_without_any_whole_or_part_entered_is_not_checked() -> None:
    draft = blank()
    draft.applications["disclosed"]["total"] = 3  # read as printed: the part alone
    draft.applications_lead = "予以公开3件，占45%。"
    assert run(narrative.check_percentages, draft) == []
    draft = blank()
    draft.set_application("new_received", "natural_person", 6)  # the wholes alone
    assert run(narrative.check_percentages, draft) == []


@pytest.mark.parametrize(
    ("written", "checked"),
    [
        ("予以公开3件，数量有增长，在全部的申请中占比45%。", False),  # 「增」 is the 12th character before 45
        ("予以公开3件，数量有增长，在全部的申请之中占比45%。", True),  # the 13th: no change
    ],
    ids=["change-12th-before", "change-13th-before"],
)
def test_a_change_is_looked_for_in_the_twelve_characters_before_the_share(written: str, checked: bool) -> None:
    lead = written[: written.index("45%")]
    assert lead[-12 if not checked else -13] == "增"
    draft = shares()
    draft.applications_lead = written
    said = written.rstrip("。")
    message = f"正文写「45%」，但按表格：{DISCLOSED} 3 件 ÷ {HANDLED} 7 件 = 43%。原句：「{said}」"
    expected = [(_share(message, app("disclosed"), app("total_handled")), {"stated": 45, "computed": 43})]
    assert run(narrative.check_percentages, draft) == (expected if checked else [])


@pytest.mark.parametrize(
    ("written", "said", "share", "part", "row"),
    [
        # the first share wrong, another figure after it: the share takes the figure before it
        (
            "予以公开3件，占45%，部分公开3件，占42.86%。",
            "予以公开3件，占45%，部分公开3件，占42.86%",
            "45%",
            DISCLOSED,
            "disclosed",
        ),
        # the first share right: the second still checked
        (
            "予以公开3件，占42.86%，部分公开3件，占45%。",
            "予以公开3件，占42.86%，部分公开3件，占45%",
            "45%",
            PARTLY,
            "partly_disclosed",
        ),
        # in a second sentence, the figure at its very start
        ("本年度依申请公开工作平稳有序。3件予以公开，占45%。", "3件予以公开，占45%", "45%", DISCLOSED, "disclosed"),
        # the last of three figures before the share
        (
            "收到政府信息公开申请6件，予以公开3件，部分公开3件，占45%。",
            "收到政府信息公开申请6件，予以公开3件，部分公开3件，占45%",
            "45%",
            PARTLY,
            "partly_disclosed",
        ),
        # after shares that are not checked: of no figure, a change, of 一, of a wrong figure
        (
            "全年依申请公开答复率100%，予以公开3件，占45%。",
            "全年依申请公开答复率100%，予以公开3件，占45%",
            "45%",
            DISCLOSED,
            "disclosed",
        ),
        ("予以公开3件，占比提高5%。部分公开3件，占45%。", "部分公开3件，占45%", "45%", PARTLY, "partly_disclosed"),
        ("收到政府信息公开申请6件，占40%；予以公开3件，占45%。", "予以公开3件，占45%", "45%", DISCLOSED, "disclosed"),
        ("予以公开4件，占57.14%；部分公开3件，占45%。", "部分公开3件，占45%", "45%", PARTLY, "partly_disclosed"),
    ],
)
def test_each_share_is_checked_against_the_figure_before_it_in_its_sentence(
    written: str, said: str, share: str, part: str, row: str
) -> None:
    draft = shares()
    draft.applications_lead = written
    message = f"正文写「{share}」，但按表格：{part} 3 件 ÷ {HANDLED} 7 件 = 43%。原句：「{said}」"
    expected = _share(message, app(row), app("total_handled"))
    assert run(narrative.check_percentages, draft) == [(expected, {"stated": 45, "computed": 43})]


def _bare(excerpt: str, number: str) -> Finding:
    message = f"「{excerpt}」中的比例 {number} 后缺少「%」"
    return Finding("T7", Severity.HINT, "applications", message, APPS_LEAD, cells=(text("applications_lead"),))


@pytest.mark.parametrize(
    ("written", "excerpt"),
    [
        # 「占总数的42.86」 at 7–16: six characters each side, the first and the last cut off
        ("予以公开3件，占总数的42.86，部分公开3件，比例为42.86。", "…以公开3件，占总数的42.86，部分公开3…"),
        ("予以公开3件，占总数的42.86。", "…以公开3件，占总数的42.86。"),  # no 「%」 nor 「比」 in the text
        ("部分公开3件，比例为42.86。", "…分公开3件，比例为42.86。"),  # no 「%」 nor 「占」 in the text
        ("公开了3件，比例为42.86，情况良好。", "公开了3件，比例为42.86，情况良好。"),  # six characters each side: whole
    ],
)
def test_a_share_without_its_percent_sign_is_named_once(written: str, excerpt: str) -> None:
    draft = shares()
    draft.applications_lead = written
    assert run(narrative.check_percentages, draft) == [(_bare(excerpt, "42.86"), {})]


def test_a_wrong_share_and_a_share_without_percent_sign_in_one_text() -> None:
    draft = shares()
    draft.applications_lead = "予以公开3件，占45%。部分公开3件，占比42.86。"
    [(t6, _p), (t7, _q)] = run(narrative.check_percentages, draft)
    assert (t6.rule, t7) == ("T6", _bare("…分公开3件，占比42.86。", "42.86"))


# ---------------------------------------------------------------------------------------------------------
# T8: a year after the report year


def _later(year: int, excerpt: str, report_year: int = 2024) -> tuple[Finding, dict[str, object]]:
    message = (
        f"「{PROBLEMS}」写到 {year} 年（「{excerpt}」），晚于报告年度 {report_year} 年：请核对年份；"
        "若是工作计划，可写明「将」「下一步」"
    )
    return Finding("T8", Severity.HINT, "problems", message, cells=(text("problems"),)), {"year": year}


def _problems(written: str, year: int | None = 2024) -> Draft:
    draft = blank(year)
    draft.problems = written
    return draft


@pytest.mark.parametrize(
    ("written", "year", "excerpt"),
    [
        ("2025年，本镇建成了新的公开专栏。", 2025, "2025年，本镇建成了新的公开专…"),
        ("２０２５年，本镇建成了新的公开专栏。", 2025, "2025年，本镇建成了新的公开专…"),  # read as 2025
        ("2054年，本镇建成了新的公开专栏。", 2054, "2054年，本镇建成了新的公开专…"),  # the 30th year after
        ("本镇经验在《凉山日报》2025年6月刊发。", 2025, "本镇经验在《凉山日报》2025年6月刊发。"),  # after a title
    ],
)
def test_a_later_year_is_named_with_twelve_characters_each_side(written: str, year: int, excerpt: str) -> None:
    assert run(narrative.check_future_years, _problems(written)) == [_later(year, excerpt)]


@pytest.mark.parametrize(
    "written",
    [
        "2024年，本镇建成了新的公开专栏。",  # the report year
        "2023年，本镇建成了新的公开专栏。",  # an earlier year (T2's)
        "本镇转发了《关于做好2025年度预算公开工作的通知》。",  # inside a title
        "2055年，本镇建成了新的公开专栏。",  # the 31st year after: no year of a report
        "新修订的办法自2025年5月1日起施行。",  # a citation starting at the year
        "2025年将进一步加强培训。",  # a plan, the year at the start of its sentence
        "本报告编制完成后，于2025年1月在门户网站公开。",  # the months of publication
        "本报告编制完成后，于2025年3月在门户网站公开。",
    ],
)
def test_years_that_are_no_slip(written: str) -> None:
    assert run(narrative.check_future_years, _problems(written)) == []
    assert run(narrative.check_future_years, _problems(written, year=None)) == []


@pytest.mark.parametrize(
    ("written", "year"),
    [("本报告编制完成后，于2025年4月在门户网站公开。", 2025), ("本报告编制完成后，于2026年1月在门户网站公开。", 2026)],
)
def test_only_the_first_three_months_of_the_next_year_are_publication_months(written: str, year: int) -> None:
    """The year at 10–14 of a 25-character text: the excerpt is the whole text."""
    assert run(narrative.check_future_years, _problems(written)) == [_later(year, written)]


@pytest.mark.parametrize(("written", "later"), [("2026年1月", []), ("2027年1月", [2027]), ("2026年4月", [2026])])
def test_publication_months_follow_an_odd_report_year_too(written: str, later: list[int]) -> None:
    draft = _problems(f"于{written}公开。", year=2025)
    assert [p["year"] for _f, p in run(narrative.check_future_years, draft)] == later


@pytest.mark.parametrize(
    ("written", "year", "excerpt"),
    [
        # a citation, then a slip in the next sentence
        (
            "新修订的办法自2025年5月1日起施行。2025年6月本镇建成了新专栏。",
            2025,
            "…025年5月1日起施行。2025年6月本镇建成了新专栏。",
        ),
        # the publication month, then a slip in the same sentence
        ("2025年1月完成年报编制，2025年6月建成新专栏。", 2025, "…25年1月完成年报编制，2025年6月建成新专栏。"),
        # a plan, then a slip in the next sentence
        ("2025年将加强培训。2025年8月本镇建成了新专栏。", 2025, "2025年将加强培训。2025年8月本镇建成了新专栏。"),
        # a plan in the sentence before, not in the sentence of the year
        ("下一步将加强培训。2026年本镇建成了新专栏。", 2026, "下一步将加强培训。2026年本镇建成了新专栏。"),
        # two slips: the first named
        ("2025年6月建成专栏，2026年5月完成改版。", 2025, "2025年6月建成专栏，2026…"),
    ],
)
def test_the_first_slip_after_years_that_are_none_is_named_once(written: str, year: int, excerpt: str) -> None:
    assert run(narrative.check_future_years, _problems(written)) == [_later(year, excerpt)]


# ---------------------------------------------------------------------------------------------------------
# T9: 「均获维持」「均已审结」「均已办结」 against what is still pending


def _pending(*pending: tuple[str, int | None]) -> Draft:
    draft = blank()
    for group, value in pending:
        draft.set_case(group, "pending", value)
    return draft


def _all_decided(claim: str, where: str, said: str, *cells: Cell) -> Finding:
    message = f"正文称「{claim}」，但表四{where}，请核对文字是否与表四一致。原句：「{said}」"
    return Finding("T9", Severity.HINT, "review_litigation", message, CASES_LEAD, cells=(text("cases_lead"), *cells))


def test_all_upheld_while_a_review_is_pending() -> None:
    draft = _pending(("review", 1))
    draft.cases_lead = "本年度行政复议案件均获维持。"
    expected = _all_decided(
        "均获维持", "「行政复议」尚未审结 1 件", "本年度行政复议案件均获维持", case("review", "pending")
    )
    assert run(narrative.check_all_settled, draft) == [(expected, {"pending": 1})]


@pytest.mark.parametrize("pending", [None, 0])
def test_all_upheld_with_nothing_pending_is_right(pending: int | None) -> None:
    draft = _pending(("review", pending), ("litigation_direct", pending), ("litigation_after_review", pending))
    draft.cases_lead = "本年度行政复议、行政诉讼案件均获维持。相关决定均已审结。"
    assert run(narrative.check_all_settled, draft) == []


@pytest.mark.parametrize(
    ("written", "pending"),
    [
        ("行政诉讼案件均已审结。", ("review", 1)),  # litigation named, a review pending
        ("行政复议案件均已审结。", ("litigation_direct", 1)),  # review named, a lawsuit pending
    ],
)
def test_a_claim_about_one_kind_of_case_is_held_against_that_kind_only(written: str, pending: tuple[str, int]) -> None:
    draft = _pending(pending)
    draft.cases_lead = written
    assert run(narrative.check_all_settled, draft) == []


def test_a_claim_about_litigation_names_the_lawsuits_pending() -> None:
    draft = _pending(("review", 1), ("litigation_direct", 0), ("litigation_after_review", 2))
    draft.cases_lead = "行政诉讼案件均已审结。"
    expected = _all_decided(
        "均已审结", "「复议后起诉」尚未审结 2 件", "行政诉讼案件均已审结", case("litigation_after_review", "pending")
    )
    assert run(narrative.check_all_settled, draft) == [(expected, {"pending": 2})]


def test_a_claim_about_both_kinds_names_every_group_pending() -> None:
    draft = _pending(("review", 1), ("litigation_direct", 0), ("litigation_after_review", 2))
    draft.cases_lead = "行政复议和行政诉讼案件均已审结。"
    expected = _all_decided(
        "均已审结",
        "「行政复议」尚未审结 1 件、「复议后起诉」尚未审结 2 件",
        "行政复议和行政诉讼案件均已审结",
        case("review", "pending"),
        case("litigation_after_review", "pending"),
    )
    assert run(narrative.check_all_settled, draft) == [(expected, {"pending": 3})]


def test_all_upheld_naming_no_kind_of_case_is_held_against_every_group() -> None:
    draft = _pending(("review", 0), ("litigation_direct", 1))
    draft.cases_lead = "作出的决定均获维持、均已审结。"  # both claims: the first is quoted
    expected = _all_decided(
        "均获维持",
        "「未经复议直接起诉」尚未审结 1 件",
        "作出的决定均获维持、均已审结",
        case("litigation_direct", "pending"),
    )
    assert run(narrative.check_all_settled, draft) == [(expected, {"pending": 1})]


def test_each_sentence_is_held_against_the_cases_it_names() -> None:
    """The first sentence claims nothing, the second names litigation (none pending), the third review."""
    draft = _pending(("review", 1), ("litigation_direct", 0))
    draft.cases_lead = "本年度依法应诉。行政诉讼案件均已审结。行政复议案件均获维持。"
    expected = _all_decided("均获维持", "「行政复议」尚未审结 1 件", "行政复议案件均获维持", case("review", "pending"))
    assert run(narrative.check_all_settled, draft) == [(expected, {"pending": 1})]


def _concluded(said: str, forward: int) -> tuple[Finding, dict[str, object]]:
    message = f"正文称「均已办结」，但{FORWARD}为 {forward} 件，请核对文字是否与表三一致。原句：「{said}」"
    cells = (text("applications_lead"), app("carried_forward"))
    return Finding("T9", Severity.HINT, "applications", message, APPS_LEAD, cells=cells), {"carried_forward": forward}


@pytest.mark.parametrize("forward", [1, 2])
def test_all_concluded_while_applications_are_carried_forward(forward: int) -> None:
    draft = _pending(("review", 1))  # a review pending: no matter, the sentence speaks of applications
    draft.set_application("carried_forward", "commercial", forward)
    draft.applications_lead = "本年度依申请公开工作平稳。政府信息公开申请均已办结。"
    assert run(narrative.check_all_settled, draft) == [_concluded("政府信息公开申请均已办结", forward)]


@pytest.mark.parametrize("forward", [None, 0])
def test_all_concluded_with_nothing_carried_forward_is_right(forward: int | None) -> None:
    draft = blank()
    draft.set_application("carried_forward", "commercial", forward)
    draft.applications_lead = "政府信息公开申请均已办结。"
    assert run(narrative.check_all_settled, draft) == []


def test_a_sentence_of_eighty_characters_is_quoted_whole_and_a_longer_one_around_the_claim() -> None:
    """In the second sentence (from 13, 「均已办结」 at 49–53 of it): 80 characters whole; 81 and more cut 36
    characters either side of the claim — from 13 + 49 − 36 = 26 of the text to 13 + 53 + 36 = 102."""
    draft = blank()
    draft.set_application("carried_forward", "natural_person", 2)
    first = "本年度依申请公开工作平稳。"
    eighty = FILL[:40] + "，政府信息公开申请均已办结，" + FILL[:26]
    assert len(first) == 13 and len(eighty) == 80 and eighty.index("均已办结") == 49
    draft.applications_lead = first + eighty + "。"
    assert run(narrative.check_all_settled, draft) == [_concluded(eighty, 2)]
    eighty_one = eighty + FILL[26]
    draft.applications_lead = first + eighty_one + "。"  # 95 characters: cut at the start only
    assert run(narrative.check_all_settled, draft) == [_concluded("…" + eighty_one[13:] + "。", 2)]
    longer = eighty + FILL[26:50]
    draft.applications_lead = first + longer + "。"
    assert run(narrative.check_all_settled, draft) == [_concluded("…" + longer[13:89] + "…", 2)]


def test_a_negative_figure_is_no_figure_said_otherwise() -> None:
    """A figure below 0 (D4's error) does not contradict 「未收到」「未发生」「未收取」「均已审结」「均已办结」."""
    draft = blank()
    draft.applications["new_received"]["total"] = -1
    draft.applications["carried_forward"]["total"] = -1
    draft.cases["review"]["total"] = -1
    draft.cases["review"]["pending"] = -1
    draft.fees["collected_amount"] = Decimal("-5")
    draft.applications_lead = "本年度未收到政府信息公开申请，申请均已办结。"
    draft.cases_lead = "本年度未发生行政复议。行政复议案件均已审结。"
    draft.other_matters = "本年度未收取信息处理费。"
    assert run(narrative.check_denials, draft) == []
    assert run(narrative.check_all_settled, draft) == []
