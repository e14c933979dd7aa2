"""The figures a narrative quotes, read exactly (`model.rules.quotes`): what each number stands for, its unit
and value, where it stands in the text, and which numbers are no figure of the tables.

Each sentence is one a report could hold; the expected readings are written out by hand from what the sentence
says. T3–T5 compare these readings with the tables, so a misreading here is a false error or a missed one.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from model.rules.quotes import Quote, quotes

Reading = tuple[str, str, str | None]  # metric, value as written without trailing zeros, column


def read(text: str, year: int | None = 2024, about_requests: bool = False) -> list[Reading]:
    return [(q.metric, f"{q.value.normalize():f}", q.column) for q in quotes(text, year, about_requests)]


# ---------------------------------------------------------------------------------------------------------
# Where a figure stands: offsets, unit, the sentence


def test_a_quote_names_its_place_unit_and_sentence() -> None:
    text = "上年结转1件，新收政府信息公开申请9件，共计10件。 收取信息处理费0.5万元"
    first = "上年结转1件，新收政府信息公开申请9件，共计10件"
    assert quotes(text, 2024) == [
        Quote("carried_over", Decimal(1), "件", 4, 6, first),
        Quote("received_new", Decimal(9), "件", 17, 19, first),
        Quote("received_sum", Decimal(10), "件", 22, 25, first),
        Quote("fee_amount", Decimal(5000), "万元", 34, 39, "收取信息处理费0.5万元"),
    ]
    assert text[4:6] == "1件" and text[22:25] == "10件" and text[34:39] == "0.5万元"


def test_a_number_without_unit_ends_at_its_last_digit() -> None:
    [q] = quotes("收到政府信息公开申请5；", 2024)
    assert (q.metric, q.value, q.unit, q.start, q.end) == ("received", 5, "", 10, 11)
    [q] = quotes("收到政府信息公开申请 12 件。", 2024)
    assert (q.value, q.unit, q.start, q.end) == (12, "件", 11, 15)


# ---------------------------------------------------------------------------------------------------------
# What each keyword counts

KEYWORDS: list[tuple[str, list[Reading]]] = [
    # received, and the verbs that change what is counted
    ("收到政府信息公开申请1.5件。", [("received", "1.5", None)]),
    ("收到政府信息公开申请：共计12件。", [("received", "12", None)]),
    ("收到政府信息公开申请，数量为12件。", [("received", "12", None)]),
    ("收到政府信息公开申请5件次。", [("received", "5", None)]),
    ("收到政府信息公开申请3人次，2%予以公开。", [("received", "3", None)]),
    (
        "新收依申请公开申请10件，收办申请8件，办理政府信息公开申请7件。",
        [("received_new", "10", None), ("processed", "8", None), ("processed", "7", None)],
    ),
    ("收到信访申请5件，受理行政许可申请6件。", []),
    # what was answered is （七）总计, also when the request is named after the verb
    ("答复政府信息公开申请805件。", [("handled", "805", None)]),
    ("答复了政府信息公开申请12件，办结9件。", [("handled", "12", None), ("handled", "9", None)]),
    # so does a group or 结转下年度 with the request named after it: the request is what they count
    ("予以公开政府信息公开申请5件。", [("outcome:予以公开", "5", None)]),
    (
        "予以公开的政府信息公开申请5件，不予公开的依申请公开申请2件。",
        [("outcome:予以公开", "5", None), ("outcome:不予公开", "2", None)],
    ),
    ("结转下年度的政府信息公开申请3件。", [("carried_forward", "3", None)]),
    ("未予以公开的政府信息公开申请3件。", []),
    # carried over and forward
    ("结转上年度申请3件。", []),  # the number is inside the words of the key: not read
    ("72件结转下年度继续办理。", [("carried_forward", "72", None)]),
    # outcome groups
    (
        "不予处理2件，其他处理1件，无法提供4件。",
        [("outcome:不予处理", "2", None), ("outcome:其他处理", "1", None), ("outcome:无法提供", "4", None)],
    ),
    ("同意公开6件，全部公开2件。", [("outcome:予以公开", "6", None), ("outcome:予以公开", "2", None)]),
    ("主动全部公开6件。", []),
    # 行政复议 and 行政诉讼, and the two kinds of litigation
    (
        "复议后起诉2件，直接起诉3件。",
        [("litigation_after_review", "2", None), ("litigation_direct", "3", None)],
    ),
    ("未经复议直接提起行政诉讼4件。", [("litigation_direct", "4", None)]),
    (
        "复议后提起行政诉讼1件，行政诉讼5件。",
        [("litigation_after_review", "1", None), ("litigation", "5", None)],
    ),
    ("民事诉讼2件，刑事诉讼1件，行政诉讼3件。", [("litigation", "3", None)]),
    # fees: a count of notices or an amount in 元 (万元 converted)
    ("收取信息处理费0.5万元。", [("fee_amount", "5000", None)]),
    ("发出收费通知书2份，通知金额300元。", [("fee_notices", "2", None), ("fee_notified", "300", None)]),
    ("信息处理费3件，600元。", [("fee_notices", "3", None), ("fee_amount", "600", None)]),
    ("信息处理费600元，3件。", [("fee_amount", "600", None), ("fee_notices", "3", None)]),
    ("收到政府信息公开申请0.5万元。", []),  # an amount is no count of requests
    # 规章 and 行政规范性文件 (table 二, 第二十条第（一）项)
    ("规章废止3件。", [("doc:regulations:repealed", "3", None)]),
    ("废止了规章3件。", [("doc:regulations:repealed", "3", None)]),
    ("制发的行政规范性文件5件。", [("doc:normative_documents:issued", "5", None)]),
    (
        "规范性文件中现行有效10件，废止2件，新增1件。",
        [
            ("doc:normative_documents:in_force", "10", None),
            ("doc:normative_documents:repealed", "2", None),
            ("doc:normative_documents:issued", "1", None),
        ],
    ),
    (
        "规章中废止1件，行政规范性文件共现行有效20件。",
        [("doc:regulations:repealed", "1", None), ("doc:normative_documents:in_force", "20", None)],
    ),
    (
        "制定了规范性文件4件，废止2件。",
        [("doc:normative_documents:issued", "4", None), ("doc:normative_documents:repealed", "2", None)],
    ),
    (
        "废止规章3件，废止2件。",
        [("doc:regulations:repealed", "3", None), ("doc:regulations:repealed", "2", None)],
    ),
    (
        "制定规章1件，废止行政规范性文件2件，新增3件。",  # a bare 新增 counts for the last document named
        [
            ("doc:regulations:issued", "1", None),
            ("doc:normative_documents:repealed", "2", None),
            ("doc:normative_documents:issued", "3", None),
        ],
    ),
    ("废止2件，新增规章1件。", [("doc:regulations:issued", "1", None)]),  # a bare 废止 counts for a document before
    ("废止3件。", []),
    ("制定规章制度3件。", []),  # 规章制度 are no 规章
]


@pytest.mark.parametrize(("text", "expected"), KEYWORDS, ids=[t for t, _e in KEYWORDS])
def test_what_each_keyword_counts(text: str, expected: list[Reading]) -> None:
    assert read(text) == expected


@pytest.mark.parametrize(
    ("text", "about", "expected"),
    [
        ("收到申请5件，接到申请6件，受理申请7件。", True, [("received", n, None) for n in ("5", "6", "7")]),
        ("收到申请5件，接到申请6件，受理申请7件。", False, []),
        ("接收申请5件。", True, [("received", "5", None)]),
        ("接收申请5件，依申请公开工作规范。", False, [("received", "5", None)]),  # the sentence names it
    ],
)
def test_a_bare_request_counts_only_where_the_text_is_about_information_requests(
    text: str, about: bool, expected: list[Reading]
) -> None:
    assert read(text, about_requests=about) == expected


# ---------------------------------------------------------------------------------------------------------
# Numbers that are no figure of the tables

NOT_FIGURES: list[str] = [
    "共收到二十一件政府信息公开申请。",  # the number stands inside the key's words
    "第3件政府信息公开申请予以公开。",
    "依申请公开政府信息21件，第2件予以公开。",
    "收到政府信息公开申请3人，予以公开5个工作日。",
    "收到政府信息公开申请三，予以公开三。",  # a Chinese numeral without unit
    "收到政府信息公开申请12岁，予以公开3倍。",
    "未收到政府信息公开申请，无行政复议。",
    "没有予以公开3件。",
    "5件未结转下年度。",
    "尚未办结2件。",
]


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_numbers_that_are_no_figure(text: str) -> None:
    assert [r for r in read(text) if r != ("received", "21", None)] == []


def test_a_bare_arabic_number_counts_only_before_a_break() -> None:
    assert read("收到政府信息公开申请5，予以公开三件。") == [("received", "5", None), ("outcome:予以公开", "3", None)]
    assert read("收到政府信息公开申请5；予以公开3)") == [("received", "5", None), ("outcome:予以公开", "3", None)]
    assert read("收到政府信息公开申请5 ") == [("received", "5", None)]
    assert read("收到政府信息公开申请5a") == []


# ---------------------------------------------------------------------------------------------------------
# A number before its key; a key that already has its number

BEFORE_THE_KEY: list[tuple[str, list[Reading]]] = [
    ("5件结转下年度，3件予以公开。", [("carried_forward", "5", None), ("outcome:予以公开", "3", None)]),
    ("5件已予以公开，2件被不予处理。", [("outcome:予以公开", "5", None), ("outcome:不予处理", "2", None)]),
    ("5件未结转下年度，3件予以公开。", [("outcome:予以公开", "3", None)]),
    (
        "予以公开3件，部分公开2件，5件结转下年度。",
        [("outcome:予以公开", "3", None), ("outcome:部分公开", "2", None), ("carried_forward", "5", None)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), BEFORE_THE_KEY, ids=[t for t, _e in BEFORE_THE_KEY])
def test_a_number_before_its_key(text: str, expected: list[Reading]) -> None:
    assert read(text) == expected


# ---------------------------------------------------------------------------------------------------------
# Lists: 分别, 均, numbers in a row

LISTS: list[tuple[str, list[Reading]]] = [
    ("予以公开和部分公开分别为7件、4件。", [("outcome:予以公开", "7", None), ("outcome:部分公开", "4", None)]),
    ("予以公开及部分公开分别为7件、4件。", [("outcome:予以公开", "7", None), ("outcome:部分公开", "4", None)]),
    ("予以公开、部分公开分别为10件、3件、2件。", []),  # more numbers than names: not paired
    ("予以公开、部分公开分别为10件。", []),  # fewer numbers than names
    (
        "予以公开、部分公开、不予公开、无法提供分别为1件、2件、3件、4件。",
        [
            ("outcome:予以公开", "1", None),
            ("outcome:部分公开", "2", None),
            ("outcome:不予公开", "3", None),
            ("outcome:无法提供", "4", None),
        ],
    ),
    ("予以公开、部分公开、不予公开、无法提供分别为1件、2件、3件、4件、5件。", []),
    (
        "予以公开、部分公开分别为10件、3件，不予公开1件。",
        [("outcome:予以公开", "10", None), ("outcome:部分公开", "3", None), ("outcome:不予公开", "1", None)],
    ),
    ("行政复议、行政诉讼都是2起。", [("review", "2", None), ("litigation", "2", None)]),
    (
        "行政复议和行政诉讼均为3件，不予公开1件。",
        [("review", "3", None), ("litigation", "3", None), ("outcome:不予公开", "1", None)],
    ),
    ("予以公开均为3件。", [("outcome:予以公开", "3", None)]),
    ("行政复议，行政诉讼3件。", [("litigation", "3", None)]),  # without 均 the number is the last key's
    ("行政复议3件、2件。", [("review", "3", None)]),
    ("收取信息处理费3件，合计600元，另1件。", [("fee_notices", "3", None), ("fee_amount", "600", None)]),
]


@pytest.mark.parametrize(("text", "expected"), LISTS, ids=[t for t, _e in LISTS])
def test_lists(text: str, expected: list[Reading]) -> None:
    assert read(text) == expected


def test_numbers_paired_by_fen_bie_stand_where_they_are_written() -> None:
    text = "予以公开、部分公开分别为10件、3件。"
    assert [(q.value, q.start, q.end) for q in quotes(text, 2024)] == [(10, 12, 15), (3, 16, 18)]


# ---------------------------------------------------------------------------------------------------------
# Break-downs and sums: 其中, 含上年结转, 共计

BREAK_DOWNS: list[tuple[str, list[Reading]]] = [
    (
        "收到政府信息公开申请12件，其中自然人10件，法人和其他组织2件。",
        [("received", "12", None), ("received", "10", "natural_person"), ("received", "2", "organisations")],
    ),
    (
        "收到政府信息公开申请12件，其中自然人10件，其他2件。",
        [("received", "12", None), ("received", "10", "natural_person"), ("received", "2", "other_org")],
    ),
    (
        "收到政府信息公开申请12件（其中自然人10件、科研机构1件、社会公益组织1件）。",
        [
            ("received", "12", None),
            ("received", "10", "natural_person"),
            ("received", "1", "research"),
            ("received", "1", "public_interest"),
        ],
    ),
    ("收到自然人政府信息公开申请8件。", [("received", "8", "natural_person")]),
    ("结转下年度5件，其中自然人3件。", [("carried_forward", "5", None), ("carried_forward", "3", "natural_person")]),
    ("上年结转5件，其中自然人3件。", [("carried_over", "5", None), ("carried_over", "3", "natural_person")]),
    ("予以公开5件，其中自然人3件。", [("outcome:予以公开", "5", None)]),  # no outcome by applicant in the text
    ("行政复议3件，其中维持2件。", [("review", "3", None)]),
    # a received figure that includes the carried-over one is 一 + 二
    ("收到政府信息公开申请10件，其中上年结转2件。", [("received_sum", "10", None), ("carried_over", "2", None)]),
    ("收到政府信息公开申请10件，包括上年结转2件。", [("received_sum", "10", None), ("carried_over", "2", None)]),
    ("收办政府信息公开申请10件（含上年结转2件）。", [("received_sum", "10", None), ("carried_over", "2", None)]),
    (
        "共收到政府信息公开申请10件（含上年结转2件），共计10件。",
        [("received_sum", "10", None), ("carried_over", "2", None)],
    ),
    ("收到政府信息公开申请10件，上年结转2件。", [("received", "10", None), ("carried_over", "2", None)]),
    ("答复政府信息公开申请10件，其中上年结转2件。", [("handled", "10", None), ("carried_over", "2", None)]),
    ("答复13件（含上年结转2件）。", [("handled", "13", None), ("carried_over", "2", None)]),
    ("上年结转2件（含自然人1件）。", [("carried_over", "2", None), ("carried_over", "1", "natural_person")]),
    # 共计 after the carried-over and the new figure: their sum
    (
        "收到政府信息公开申请20件，上年结转3件，总计23件。",
        [("received", "20", None), ("carried_over", "3", None), ("received_sum", "23", None)],
    ),
    (
        "收到政府信息公开申请10件，上年结转2件；合计12件。",  # the sum stands in another sentence
        [("received", "10", None), ("carried_over", "2", None)],
    ),
    (
        "上年结转1件，新收政府信息公开申请9件，共计10件。",
        [("carried_over", "1", None), ("received_new", "9", None), ("received_sum", "10", None)],
    ),
    (
        "新收政府信息公开申请9件、上年结转1件，一共10件。",
        [("received_new", "9", None), ("carried_over", "1", None), ("received_sum", "10", None)],
    ),
    ("收到政府信息公开申请20件，共计23件。", [("received", "20", None)]),  # no carried-over figure to add
    ("上年结转3件，共计23件。", [("carried_over", "3", None)]),  # no received figure to add
    (
        "收办政府信息公开申请9件，上年结转1件，共计10件。",  # 收办 already counts both
        [("processed", "9", None), ("carried_over", "1", None)],
    ),
    (
        "予以公开3件，上年结转2件，合计5件。",
        [("outcome:予以公开", "3", None), ("carried_over", "2", None)],
    ),
    ("收到政府信息公开申请10件，同比增加5件。", [("received", "10", None)]),
    # fees: an amount after a count of notices, and the other way round
    ("收费通知书2份共1000元，其中300元。", [("fee_notices", "2", None), ("fee_amount", "1000", None)]),
    ("信息处理费600元，另收费2000元。", [("fee_amount", "600", None)]),
    ("信息处理费600元，800元。", [("fee_amount", "600", None)]),
]


@pytest.mark.parametrize(("text", "expected"), BREAK_DOWNS, ids=[t for t, _e in BREAK_DOWNS])
def test_break_downs_and_sums(text: str, expected: list[Reading]) -> None:
    assert read(text) == expected


# ---------------------------------------------------------------------------------------------------------
# Periods: another year's figures are not this year's


PERIODS: list[tuple[str, int | None, list[Reading]]] = [
    ("上年度收到政府信息公开申请20件，本年度收到政府信息公开申请25件。", 2024, [("received", "25", None)]),
    ("2023年收到政府信息公开申请20件，2024年收到政府信息公开申请25件。", 2024, [("received", "25", None)]),
    (
        "2023年收到政府信息公开申请20件，2024年收到政府信息公开申请25件。",
        None,  # the report year unknown: no year is another
        [("received", "20", None), ("received", "25", None)],
    ),
    ("去年收到政府信息公开申请20件，今年予以公开3件。", 2024, [("outcome:予以公开", "3", None)]),
    ("前年予以公开3件，全年予以公开4件。", 2024, [("outcome:予以公开", "4", None)]),
    ("上年度收到政府信息公开申请20件。", None, []),
    # a period inside a legal citation does not count for the figures after it …
    (
        "根据《国务院办公厅关于2023年政府信息公开工作年度报告有关事项的通知》要求，收到政府信息公开申请9件。",
        2024,
        [("received", "9", None)],
    ),
    ("依据《某某条例（2023年修订）》第12条，予以公开5件。", 2024, [("outcome:予以公开", "5", None)]),
    ("《2023年报告》发布后，予以公开5件。", 2024, [("outcome:予以公开", "5", None)]),
    ("上年度《本年度工作要点》提到予以公开5件。", 2024, []),
    # … but for a figure inside the citation, the citation's words before it do
    ("《关于2023年予以公开5件的说明》", 2024, []),
    ("《关于本年度予以公开5件的说明》", 2024, [("outcome:予以公开", "5", None)]),
    ("2023年的《关于予以公开5件的说明》", 2024, []),
    # … also past a document number nested in the title, and after another citation
    ("《关于2023年执行国办公开办函〔2021〕30号予以公开5件的说明》", 2024, []),
    ("根据《条例》，《关于2023年执行国办公开办函〔2021〕30号予以公开5件的说明》", 2024, []),
    ("《关于2024年执行国办公开办函〔2021〕30号予以公开5件的说明》", 2024, [("outcome:予以公开", "5", None)]),
    # a citation right after another is a citation of its own: the first one's year is not the second's
    ("《2023年报告》《关于予以公开5件的说明》", 2024, [("outcome:予以公开", "5", None)]),
    ("2024年的《关于予以公开5件的说明》", 2024, [("outcome:予以公开", "5", None)]),
]


@pytest.mark.parametrize(("text", "year", "expected"), PERIODS, ids=[t for t, _y, _e in PERIODS])
def test_periods(text: str, year: int | None, expected: list[Reading]) -> None:
    assert read(text, year) == expected


# ---------------------------------------------------------------------------------------------------------
# Found missing by the mutation run (docs/testing.md): each sentence tells a wrong reading from the right one

MORE: list[tuple[str, list[Reading]]] = [
    # numbers before 予以公开及部分公开 and 同意公开
    ("258件予以公开及部分公开。", [("outcome:予以公开+部分公开", "258", None)]),
    ("6件同意公开。", [("outcome:予以公开", "6", None)]),
    # a bare 收到申请 left out does not end the sentence's reading
    ("收到申请5件，予以公开3件。", [("outcome:予以公开", "3", None)]),
    # what 答复/办结 names right after it is counted as itself: carried over, 行政复议
    ("答复上年结转申请3件。", [("carried_over", "3", None)]),
    ("办结行政复议案件2件。", [("review", "2", None)]),
    # 答复 counts the request named after it also after other keys in the sentence
    (
        "收到政府信息公开申请10件，答复政府信息公开申请8件。",
        [("received", "10", None), ("handled", "8", None)],
    ),
    ("15件未结转下年度，3件予以公开。", [("outcome:予以公开", "3", None)]),
    ("3件予以公开.", [("outcome:予以公开", "3", None)]),  # a full stop at the end is no 「.3」
    ("2025年收到政府信息公开申请5件。", []),  # a later year is another period too
    ("没有予以公开3件，不予公开2件。", [("outcome:不予公开", "2", None)]),
    ("予以公开、部分公开、不予公开分别为1件、2件、3件、4件。", []),  # four numbers for three names
    (
        "收到政府信息公开申请10件（含上年结转2件），其中自然人8件、法人或其他组织2件。",
        [
            ("received_sum", "10", None),
            ("carried_over", "2", None),
            ("received_sum", "8", "natural_person"),
            ("received_sum", "2", "organisations"),
        ],
    ),
    (
        "收到政府信息公开申请5件，行政复议、行政诉讼均为0起。",  # 均 lists only the keys listed together
        [("received", "5", None), ("review", "0", None), ("litigation", "0", None)],
    ),
    (
        "予以公开3件，收到政府信息公开申请10件（含上年结转2件）。",
        [("outcome:予以公开", "3", None), ("received_sum", "10", None), ("carried_over", "2", None)],
    ),
    (
        "予以公开3件，不予公开1件，收到政府信息公开申请10件（含上年结转2件），其中自然人8件。",
        [
            ("outcome:予以公开", "3", None),
            ("outcome:不予公开", "1", None),
            ("received_sum", "10", None),
            ("carried_over", "2", None),
            ("received_sum", "8", "natural_person"),
        ],
    ),
    ("予以公开3件，共收到二十一件政府信息公开申请。", [("outcome:予以公开", "3", None)]),  # 21 is inside the 2nd key
    ("共收到二十一件政府信息公开申请，予以公开3件。", [("outcome:予以公开", "3", None)]),  # read on after it
    (
        "收到政府信息公开申请10件，上年结转2件，其中自然人1件。",  # a break-down of the figure right before
        [("received", "10", None), ("carried_over", "2", None), ("carried_over", "1", "natural_person")],
    ),
    ("收到政府信息公开申请十十件，予以公开3件。", [("outcome:予以公开", "3", None)]),  # 「十十」 is no number
    ("收到政府信息公开申请20件，其中1件已答复。", [("received", "20", None)]),  # 答复 takes no number before it
    ("收到信访申请5件，予以公开3件。", [("outcome:予以公开", "3", None)]),  # other requests end no reading
    ("第3件予以公开。", []),
    # only a carried-over figure named as part of the figure before makes that a sum
    ("收到政府信息公开申请10件，其中予以公开6件。", [("received", "10", None), ("outcome:予以公开", "6", None)]),
    ("收到政府信息公开申请10件，其中结转下年度2件。", [("received", "10", None), ("carried_forward", "2", None)]),
    ("其中上年结转2件。", [("carried_over", "2", None)]),
]


@pytest.mark.parametrize(("text", "expected"), MORE, ids=[t for t, _e in MORE])
def test_readings_found_missing_by_mutation(text: str, expected: list[Reading]) -> None:
    assert read(text) == expected


MORE_PERIODS: list[tuple[str, list[Reading]]] = [
    # periods after a citation stand where they are written, before or after the figure
    ("依据《关于某某事项的通知》，予以公开3件，2023年收到政府信息公开申请9件。", [("outcome:予以公开", "3", None)]),
    (
        "2023年收到政府信息公开申请9件，依据《关于某某事项的通知》，2024年予以公开3件。",
        [("outcome:予以公开", "3", None)],
    ),
    # two citations apart are two citations: the first one's year is not the second's
    ("《2023年报告》说明，《关于予以公开5件的说明》", [("outcome:予以公开", "5", None)]),
    # a figure between two citations is outside both, also when a document number nests in the second
    (
        "根据《2023年条例》，予以公开5件，见《关于执行国办公开办函〔2021〕30号的说明》。",
        [("outcome:予以公开", "5", None)],
    ),
    # inside a citation, the last period named before the figure counts
    ("2022年、2023年工作之后，《关于本年度予以公开5件的说明》", [("outcome:予以公开", "5", None)]),
    ("2023年后，《关于本年度予以公开5件的说明》", [("outcome:予以公开", "5", None)]),
    ("2024年予以公开3件，2023年予以公开5件。", [("outcome:予以公开", "3", None)]),
    ("2023年收到政府信息公开申请9件，按《关于某某事项的通知》，2024年3件予以公开。", [("outcome:予以公开", "3", None)]),
    ("《2023年报告》5件予以公开。", [("outcome:予以公开", "5", None)]),  # right after a citation is outside it
    ("《关于予以公开5件的说明》印发于2023年。", [("outcome:予以公开", "5", None)]),  # a period after counts not
]


@pytest.mark.parametrize(("text", "expected"), MORE_PERIODS, ids=[t for t, _e in MORE_PERIODS])
def test_periods_found_missing_by_mutation(text: str, expected: list[Reading]) -> None:
    assert read(text) == expected


def test_a_bare_request_counts_only_when_asked_for() -> None:
    assert quotes("全年共收到申请21件。") == []  # about_requests is off unless the caller says so


def test_quotes_are_values_that_cannot_be_changed() -> None:
    """The readings are cached and shared by every check of the same text: a change to one would change all."""
    [q] = quotes("予以公开5件。", 2024)
    assert hash(q) == hash(Quote("outcome:予以公开", Decimal(5), "件", 4, 6, "予以公开5件"))
    with pytest.raises(AttributeError):
        q.value = Decimal(6)  # type: ignore[misc]
    assert quotes("予以公开5件。", 2024)[0].value == 5
