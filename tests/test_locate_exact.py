"""Locating tables 二, 三 and 四 in a printed report and reading their figures, to the letter
(`model.reading.locate`, whatever file the tables came from).

Each table is written here as it is printed — rows of cell texts, with merged cells — and read directly:
which printed row and column each figure is taken from, what a figure's text reads as, which rows are passed
over or repeated (their label text), which official rows and columns are named missing, when the columns
were guessed, and which format a row of table 二 belongs to. How labels are compared (`similarity`, its
scores) and what the match cache keeps are pinned as well. Every expected figure, label and score is written
by hand from the printed input, never taken from the code under test.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from decimal import Decimal

import pytest

from model.findings import Cell
from model.reading import locate
from model.reading.blocks import GridText, Table
from model.reading.locate import (
    Figure,
    TableRead,
    best_match,
    core,
    norm,
    parse_figure,
    read_applications,
    read_cases,
    read_proactive,
    similarity,
)

Value = int | Decimal | None


def grid(*rows: list[str | None]) -> Table:
    """A table as printed: one list of cell texts per row; 「<」 continues the cell on the left (merged
    across), 「^」 the cell above (merged down), None is no cell at all (a short row, `w:gridBefore`)."""
    cells: list[list[GridText | None]] = []
    for r, row in enumerate(rows):
        out: list[GridText | None] = []
        for c, text in enumerate(row):
            if text == "<":
                left = out[c - 1]
                assert left is not None
                if left.row == r:
                    left.colspan += 1
                out.append(left)
            elif text == "^":
                above = cells[r - 1][c]
                assert above is not None
                if above.col == c:
                    above.rowspan += 1
                out.append(above)
            else:
                out.append(None if text is None else GridText(text, r, c))
        cells.append(out)
    return Table(cells)


def figures(result: TableRead) -> dict[str, dict[str, Value]]:
    """The figures read, as {row: {column: value}}."""
    out: dict[str, dict[str, Value]] = {}
    for cell, figure in result.figures.items():
        out.setdefault(cell.row, {})[cell.column] = figure.value
    return out


def seven(first: int) -> list[str]:
    """Seven figures as printed in a row of table 三: first, first + 1, …"""
    return [str(first + i) for i in range(7)]


APPLICANTS = ("natural_person", "commercial", "research", "public_interest", "legal_services", "other_org", "total")


def row_of(first: int) -> dict[str, Value]:
    """The figures of `seven(first)` by applicant column."""
    return {column: first + i for i, column in enumerate(APPLICANTS)}


# ---------------------------------------------------------------------------------------------------------
# Labels


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("（二）部分 公开", "(二)部分公开"),
        ("3.危及“三安全一稳定”", "3.危及三安全一稳定"),
        ("1、属于国家秘密", "1.属于国家秘密"),
        ("一、本年新收政府信息\n公开申请数量", "一.本年新收政府信息公开申请数量"),
        ("其他。", "其他."),
    ],
)
def test_labels_are_compared_without_full_width_forms_spaces_quotes_or_list_commas(text: str, expected: str) -> None:
    assert norm(text) == expected


@pytest.mark.parametrize(
    ("normalised", "expected"),
    [
        ("(二)部分公开(区分处理的,只计这一情形,不计其他情形)", "部分公开"),
        ("3.其他", "其他"),
        ("一.(说明)", "(说明)"),  # nothing but a parenthesis after the ordinal: the parenthesis is kept
        ("(二)", "(二)"),  # nothing but an ordinal: kept whole
    ],
)
def test_the_core_of_a_label_is_without_ordinal_and_trailing_parenthesis(normalised: str, expected: str) -> None:
    assert core(normalised) == expected


@pytest.mark.parametrize(
    ("text", "label", "score"),
    [
        ("（一）予以公开", "（一）予以公开", 1.0),
        ("（一） 予以公开", "(一)予以公开", 1.0),  # equal once normalised
        ("", "", 0.0),  # a blank cell matches nothing, not even a blank label
        ("自然人", "", 0.0),
        ("", "自然人", 0.0),
        ("一、予以公开", "（一）予以公开", 0.97),  # another ordinal
        ("（二）部分公开", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 0.97),
        ("行政许可事项", "行政许可", 0.93),  # explanatory text after a label of four characters
        ("自然人数", "自然人", 0.0),  # … but not after a label of three
        ("其中行政许可", "行政许可", 0.9),  # the label ends the text
        ("其中自然人", "自然人", 0.0),
        ("（三）不予公开 1.属于国家秘密", "1.属于国家秘密", 0.9),
        ("社会公益组", "社会公益组织", 0.88),  # the last character lost
        ("社会公益", "社会公益组织", 0.88),  # two lost
        ("行政规范", "行政规范性文件", 0.0),  # three lost
        ("社会公", "社会公益", 0.0),  # what is left is shorter than four characters
        ("本年新收", "一、本年新收政府信息公开申请数量", 0.0),  # cut to its first four characters
        ("本年度止件数", "本年废止件数", 0.708),  # a character misread: the ratio 10/12, × 0.85
        ("商业企业", "商业性企业", 0.756),  # 8/9 × 0.85
        ("本年件数", "本年制发件数", 0.68),  # 8/10 × 0.85: the lowest score of a match
        ("行政许可", "行政处罚", 0.0),  # 4/8: too unlike
        ("自然人", "非自然人", 0.0),  # labels under four characters are never compared loosely
        ("丙" + "甲乙" * 100, "丁" + "甲乙" * 100, 0.846),  # 400/402 × 0.85: long texts compared in full
    ],
)
def test_similarity_scores(text: str, label: str, score: float) -> None:
    assert similarity(text, label) == score


def test_best_match_takes_the_best_label_the_first_of_equals_and_nothing_below_the_lowest_score() -> None:
    assert best_match("行政许可", {"licensing": "行政许可", "penalty": "行政处罚"}) == ("licensing", 1.0)
    assert best_match("行政处罚", {"licensing": "行政许可", "penalty": "行政处罚"}) == ("penalty", 1.0)
    assert best_match("行政许可事项", {"short": "行政许可", "full": "行政许可事项"}) == ("full", 1.0)
    assert best_match("行政许可", {"first": "行政许可", "second": "（一）行政许可"}) == ("first", 1.0)
    assert best_match("行政许可", {"first": "行政许可", "again": "行政许可"}) == ("first", 1.0)
    assert best_match("本年件数", {"issued": "本年制发件数"}) == ("issued", 0.68)
    assert best_match("合计", {"issued": "本年制发件数"}) == (None, 0.0)
    assert best_match("合计", {}) == (None, 0.0)


def test_a_text_matched_again_against_the_same_labels_gets_the_kept_answer() -> None:
    labels = {"commercial": "商业性企业"}
    first = best_match("商业企业", labels)
    assert first == ("commercial", 0.756)
    assert best_match("商业企业", labels) is first
    assert best_match("商业企业", dict(labels)) == first  # another dict: matched anew, the same answer


def test_the_kept_matches_are_emptied_when_65536_are_kept() -> None:
    """A county review reads hundreds of reports in one process: the kept matches stay bounded."""
    labels: dict[str, str] = {}
    locate._BEST.clear()
    try:
        for i in range(3):
            best_match(f"第{i}行", labels)
        assert len(locate._BEST) == 3
        for i in range(3, 65536):
            best_match(f"第{i}行", labels)
        assert len(locate._BEST) == 65536
        assert best_match("再一行", labels) == (None, 0.0)
        assert len(locate._BEST) == 1
    finally:
        locate._BEST.clear()


def test_labels_similarities_and_figures_are_worked_out_once() -> None:
    """Many cells repeat a text: norm, similarity and parse_figure keep their answers (bounded caches)."""
    text = "（一） 予以 公开"
    assert norm(text) is norm(text)
    assert similarity("商业企业", "商业性企业") is similarity("商业企业", "商业性企业")
    assert parse_figure("1，330") is parse_figure("1，330")
    assert norm.cache_info().maxsize == 8192
    assert similarity.cache_info().maxsize == 65536
    assert parse_figure.cache_info().maxsize == 16384


# ---------------------------------------------------------------------------------------------------------
# Figures


@pytest.mark.parametrize(
    ("text", "kind", "value", "status"),
    [
        ("", "count", 0, "blank"),
        (" \n", "count", 0, "blank"),
        ("", "amount", Decimal(0), "blank"),
        ("/", "count", 0, "dash"),
        ("—", "count", 0, "dash"),
        ("-", "count", 0, "dash"),
        ("－－", "count", 0, "dash"),
        ("无", "count", 0, "dash"),
        ("无", "amount", Decimal(0), "dash"),
        ("12", "count", 12, "ok"),
        ("０", "count", 0, "ok"),
        ("１２", "count", 12, "ok"),
        ("2,629", "count", 2629, "ok"),
        ("1，330", "count", 1330, "ok"),
        ("12.0", "count", 12, "ok"),
        ("5件", "count", 5, "ok"),
        ("12件", "count", 12, "ok"),
        ("3 项", "count", 3, "ok"),
        ("件", "count", None, "bad"),
        ("5万元", "count", None, "bad"),
        ("3.5", "count", None, "bad"),
        ("-3", "count", None, "bad"),
        ("1,5", "count", None, "bad"),
        ("123456789012345", "count", 123456789012345, "ok"),
        ("123456789012345.0", "count", 123456789012345, "ok"),
        ("1234567890123456", "count", None, "bad"),
        ("٣", "count", None, "bad"),  # an Arabic-Indic digit: not a figure of a Chinese report
        ("五", "count", None, "bad"),
        ("3.5万元", "amount", Decimal("3.5"), "ok"),
        ("12万", "amount", Decimal(12), "ok"),
        ("0.25", "amount", Decimal("0.25"), "ok"),
        ("2,629.50", "amount", Decimal("2629.50"), "ok"),
        ("3万万元", "amount", None, "bad"),  # the unit is taken off once
        ("万元", "amount", None, "bad"),
        ("5件", "amount", None, "bad"),
        ("约3", "amount", None, "bad"),
    ],
)
def test_a_figure_reads_as_printed(text: str, kind: str, value: Value, status: str) -> None:
    figure = parse_figure(text, kind)
    assert figure == Figure(value, status, text)  # type: ignore[arg-type]
    assert type(figure.value) is type(value)


def test_the_kind_is_compared_by_its_text() -> None:
    amount, count = "".join(["amo", "unt"]), "".join(["cou", "nt"])
    assert parse_figure("\u3000", amount) == Figure(Decimal(0), "blank", "\u3000")
    assert type(parse_figure("\u3000", amount).value) is Decimal
    assert parse_figure("7 件", count) == Figure(7, "ok", "7 件")
    assert parse_figure("0.75万元", amount) == Figure(Decimal("0.75"), "ok", "0.75万元")


def test_a_figure_cannot_be_changed_once_read() -> None:
    """parse_figure hands out the same Figure for the same text: nobody may change it."""
    with pytest.raises(FrozenInstanceError):
        parse_figure("8").value = 9  # type: ignore[misc]


def test_nothing_read_is_not_found() -> None:
    assert TableRead().found is False
    assert TableRead(old_figures=[("第二十条第（九）项", "政府集中采购", "采购项目数量", "3")]).found is True
    assert TableRead(figures={Cell("cases", "review", "upheld"): Figure(1, "ok", "1")}).found is True


# ---------------------------------------------------------------------------------------------------------
# Table 三

CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
APPLICATION_HEAD = [
    [CORNER, "<", "<", "申请人情况", "<", "<", "<", "<", "<", "<"],
    ["^", "^", "^", "自然人", "法人或其他组织", "<", "<", "<", "<", "总计"],
    ["^", "^", "^", "^", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "^"],
]
NEW = ["一、本年新收政府信息公开申请数量", "<", "<"]
CARRIED = ["二、上年结转政府信息公开申请数量", "<", "<"]
FORWARD = ["四、结转下年度继续办理", "<", "<"]
OUTCOMES = "三、本年度办理结果"

# every row of table 三 as a reader names it, in the official order (FORMAT.md §4)
ALL_ROWS = [
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "（三）不予公开 1.属于国家秘密",
    "（三）不予公开 2.其他法律行政法规禁止公开",
    "（三）不予公开 3.危及“三安全一稳定”",
    "（三）不予公开 4.保护第三方合法权益",
    "（三）不予公开 5.属于三类内部事务信息",
    "（三）不予公开 6.属于四类过程性信息",
    "（三）不予公开 7.属于行政执法案卷",
    "（三）不予公开 8.属于行政查询事项",
    "（四）无法提供 1.本机关不掌握相关政府信息",
    "（四）无法提供 2.没有现成信息需要另行制作",
    "（四）无法提供 3.补正后申请内容仍不明确",
    "（五）不予处理 1.信访举报投诉类申请",
    "（五）不予处理 2.重复申请",
    "（五）不予处理 3.要求提供公开出版物",
    "（五）不予处理 4.无正当理由大量反复申请",
    "（五）不予处理 5.要求行政机关确认或重新出具已获取信息",
    "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "（六）其他处理 3.其他",
    "（七）总计",
    "四、结转下年度继续办理",
]


def missing_rows(*printed: str) -> list[str]:
    """The rows of ALL_ROWS not among `printed`, in the official order."""
    return [row for row in ALL_ROWS if row not in printed]


def test_table_three_is_read_row_by_row_under_its_headings() -> None:
    table = grid(
        *APPLICATION_HEAD,
        NEW + seven(11),
        CARRIED + seven(21),
        [OUTCOMES, "（一）予以公开", "<"] + seven(31),
        ["^", "（三）不予公开", "1.属于国家秘密"] + seven(41),
        ["^", "^", "2.其他法律行政法规禁止公开"] + seven(51),
        ["^", "（六）其他处理", "3.其他"] + seven(61),
        ["^", "（七）总计", "<"] + seven(71),
        FORWARD + seven(81),
    )
    result = read_applications([table])
    assert figures(result) == {
        "new_received": row_of(11),
        "carried_over": row_of(21),
        "disclosed": row_of(31),
        "withheld_state_secret": row_of(41),
        "withheld_prohibited_by_law": row_of(51),
        "other_other": row_of(61),
        "total_handled": row_of(71),
        "carried_forward": row_of(81),
    }
    assert {f.status for f in result.figures.values()} == {"ok"}
    assert result.where[Cell("applications", "withheld_state_secret", "natural_person")] == (
        "（三）不予公开 1.属于国家秘密（自然人）"
    )
    assert result.where[Cell("applications", "new_received", "total")] == "一、本年新收政府信息公开申请数量（总计）"
    assert result.where[Cell("applications", "other_other", "research")] == "（六）其他处理 3.其他（科研机构）"
    assert result.missing == missing_rows(
        "一、本年新收政府信息公开申请数量",
        "二、上年结转政府信息公开申请数量",
        "（一）予以公开",
        "（三）不予公开 1.属于国家秘密",
        "（三）不予公开 2.其他法律行政法规禁止公开",
        "（六）其他处理 3.其他",
        "（七）总计",
        "四、结转下年度继续办理",
    )
    assert result.ignored == []
    assert (result.guessed_columns, result.single_other, result.layout) == (False, False, "2021")
    assert len(result.tables) == 1 and result.tables[0] is table


def test_a_label_naming_the_group_and_the_item_in_one_cell_is_the_item() -> None:
    """Labels flattened into one column (「（三）不予公开 1.属于国家秘密」): each row is its item; a group
    alone is still a subtotal row, passed over."""
    table = grid(
        ["", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"],
        ["一、本年新收政府信息公开申请数量"] + seven(11),
        ["（三）不予公开 1.属于国家秘密"] + seven(41),
        ["（三）不予公开"] + seven(40),
        ["（六）其他处理 3.其他"] + seven(61),
    )
    result = read_applications([table])
    assert figures(result) == {
        "new_received": row_of(11),
        "withheld_state_secret": row_of(41),
        "other_other": row_of(61),
    }
    assert result.ignored == ["(三)不予公开"]
    assert result.single_other is False
    assert result.where[Cell("applications", "other_other", "total")] == "（六）其他处理 3.其他（总计）"


def test_a_row_printed_twice_is_read_once_from_its_first_copy() -> None:
    table = grid(*APPLICATION_HEAD, NEW + seven(11), NEW + seven(91), CARRIED + seven(21))
    result = read_applications([table])
    assert figures(result) == {"new_received": row_of(11), "carried_over": row_of(21)}
    assert result.ignored == ["一.本年新收政府信息公开申请数量"]


def test_subtotal_rows_of_groups_are_passed_over() -> None:
    table = grid(
        *APPLICATION_HEAD,
        NEW + seven(11),
        [OUTCOMES, "（三）不予公开", "<"] + seven(40),
        ["^", "（三）不予公开", "1.属于国家秘密"] + seven(41),
        ["^", "（六）其他处理", "<"] + seven(60),
        ["^", "（六）其他处理", "3.其他"] + seven(61),
    )
    result = read_applications([table])
    assert figures(result) == {
        "new_received": row_of(11),
        "withheld_state_secret": row_of(41),
        "other_other": row_of(61),
    }
    assert result.ignored == ["三.本年度办理结果 (三)不予公开", "三.本年度办理结果 (六)其他处理"]
    assert result.single_other is False


def test_subtotal_rows_of_groups_are_passed_over_without_any_item_of_other_handling() -> None:
    table = grid(
        *APPLICATION_HEAD,
        NEW + seven(11),
        [OUTCOMES, "（三）不予公开", "<"] + seven(40),
        ["^", "（四）无法提供", "<"] + seven(50),
        ["^", "（五）不予处理", "<"] + seven(60),
    )
    result = read_applications([table])
    assert figures(result) == {"new_received": row_of(11)}
    assert result.ignored == [
        "三.本年度办理结果 (三)不予公开",
        "三.本年度办理结果 (四)无法提供",
        "三.本年度办理结果 (五)不予处理",
    ]
    assert result.single_other is False


def test_a_single_other_handling_row_of_the_2019_layout_is_read_into_3_other() -> None:
    table = grid(
        *APPLICATION_HEAD,
        NEW + seven(11),
        [OUTCOMES, "（六）其他处理", "<"] + seven(61),
        ["^", "（七）总计", "<"] + seven(71),
    )
    result = read_applications([table])
    assert figures(result) == {"new_received": row_of(11), "other_other": row_of(61), "total_handled": row_of(71)}
    assert result.single_other is True
    assert result.where[Cell("applications", "other_other", "natural_person")] == "（六）其他处理（自然人）"
    assert result.where[Cell("applications", "total_handled", "other_org")] == "（七）总计（其他）"
    # the three rows of （六） in the 2021 layout are not missing: the single row stands for them
    assert result.missing == missing_rows(
        "一、本年新收政府信息公开申请数量",
        "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "（六）其他处理 3.其他",
        "（七）总计",
    )
    assert result.ignored == []


def _with_note_column(rows: list[list[str | None]]) -> list[list[str | None]]:
    head = [*APPLICATION_HEAD[0], "备注"], [*APPLICATION_HEAD[1], "^"], [*APPLICATION_HEAD[2], "^"]
    return [*head, *(row + [""] for row in rows)]


def test_columns_are_found_by_their_headings_not_by_position() -> None:
    """A 备注 column right of 总计: the figures are still read under their headings."""
    table = grid(*_with_note_column([NEW + seven(11), CARRIED + seven(21)]))
    result = read_applications([table])
    assert figures(result) == {"new_received": row_of(11), "carried_over": row_of(21)}
    assert result.guessed_columns is False
    assert result.missing == missing_rows("一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量")


@pytest.mark.parametrize("label_columns", [3, 7], ids=["10-columns", "14-grid-columns"])
def test_unreadable_headings_give_the_official_order_in_the_rightmost_columns(label_columns: int) -> None:
    """No heading readable: the last seven grid columns, in the official order (a Word table whose label
    cells span seven grid columns has fourteen)."""
    spans = ["<"] * (label_columns - 1)
    table = grid(
        ["项目", *spans, "甲", "乙", "丙", "丁", "戊", "己", "庚"],
        ["一、本年新收政府信息公开申请数量", *spans] + seven(11),
        ["二、上年结转政府信息公开申请数量", *spans] + seven(21),
    )
    result = read_applications([table])
    assert figures(result) == {"new_received": row_of(11), "carried_over": row_of(21)}
    assert result.guessed_columns is True
    assert [m for m in result.missing if m.endswith("栏")] == []


def test_unrecognised_headings_between_three_recognised_ones_fall_in_place() -> None:
    table = grid(
        ["项目", "<", "<", "自然人", "××", "科研机构", "××", "××", "××", "总计", "备注"],
        NEW + seven(11) + ["说明"],
    )
    result = read_applications([table])
    assert figures(result) == {"new_received": row_of(11)}
    assert result.guessed_columns is True
    assert result.missing == missing_rows("一、本年新收政府信息公开申请数量")


def test_with_only_two_headings_recognised_the_columns_are_guessed_in_the_official_order() -> None:
    table = grid(["项目", "<", "<", "自然人", "××", "××", "××", "××", "××", "总计"], NEW + seven(11))
    result = read_applications([table])
    assert figures(result) == {"new_received": row_of(11)}
    assert result.guessed_columns is True


@pytest.mark.parametrize("known", ["自然人", "总计"])
def test_one_heading_places_the_others_even_with_a_note_column_at_the_right(known: str) -> None:
    """Only 自然人 (or only 总计) readable, a 备注 column last: the others are placed from it in the official
    order, not in the last seven grid columns (which would read 备注 as 总计)."""
    headings = [known if h == known else "××" for h in ("自然人", "", "", "", "", "", "总计")]
    table = grid(["项目", "<", "<", *headings, "备注"], NEW + seven(11) + ["无"])
    result = read_applications([table])
    assert figures(result) == {"new_received": row_of(11)} and result.guessed_columns is True


def test_two_headings_place_the_others_even_with_a_note_column_at_the_right() -> None:
    """自然人 and 总计 readable, the five between not, a 备注 column last: the five go between the two (the
    official order), not into the last seven grid columns (which would read 备注 as 总计)."""
    table = grid(["项目", "<", "<", "自然人", "××", "××", "××", "××", "××", "总计", "备注"], NEW + seven(11) + ["无"])
    result = read_applications([table])
    assert figures(result) == {"new_received": row_of(11)} and result.guessed_columns is True


def test_a_missing_total_column_is_named_not_guessed() -> None:
    table = grid(
        [CORNER, "<", "<", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"],
        NEW + seven(11)[:6],
    )
    result = read_applications([table])
    assert figures(result) == {"new_received": {c: 11 + i for i, c in enumerate(APPLICANTS[:6])}}
    assert result.guessed_columns is False
    assert result.missing == ["总计栏", *missing_rows("一、本年新收政府信息公开申请数量")]


def test_missing_columns_at_the_right_are_named_not_guessed() -> None:
    table = grid(
        [CORNER, "<", "<", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构"],
        NEW + seven(11)[:5],
    )
    result = read_applications([table])
    assert figures(result) == {"new_received": {c: 11 + i for i, c in enumerate(APPLICANTS[:5])}}
    assert result.guessed_columns is False
    assert result.missing[:3] == ["其他栏", "总计栏", "二、上年结转政府信息公开申请数量"]


def test_headings_out_of_the_official_order_are_not_completed() -> None:
    """科研机构 unreadable, 总计 one column further right than the order puts it: nothing is placed by
    guess, every readable heading keeps its column."""
    table = grid(
        ["项目", "<", "<", "自然人", "商业企业", "××", "社会公益组织", "法律服务机构", "其他", "", "总计"],
        NEW + ["11", "12", "13", "14", "15", "16", "", "17"],
    )
    result = read_applications([table])
    assert figures(result) == {
        "new_received": {
            "natural_person": 11,
            "commercial": 12,
            "public_interest": 14,
            "legal_services": 15,
            "other_org": 16,
            "total": 17,
        }
    }
    assert result.guessed_columns is False
    assert result.missing[0] == "科研机构栏"


def test_a_heading_printed_twice_places_its_column_at_the_first() -> None:
    table = grid(
        ["项目", "<", "<", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "其他", "总计"],
        NEW + ["11", "12", "13", "14", "15", "16", "99", "17"],
    )
    result = read_applications([table])
    assert figures(result) == {"new_received": row_of(11)}
    assert result.guessed_columns is False


@pytest.mark.parametrize("before", [True, False], ids=["like-heading-left", "like-heading-right"])
def test_a_heading_only_like_a_column_gives_way_to_the_columns_own_heading(before: bool) -> None:
    """An extra column headed 「商业企业数」 (only like 商业企业) left or right of the real 商业企业: the
    figures are read under the heading that matches best, wherever the other stands."""
    applicants = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    if before:
        table = grid(["项目", "<", "<", "商业企业数", *applicants], NEW + ["", *seven(11)])
    else:
        table = grid(["项目", "<", "<", *applicants, "商业企业数"], NEW + [*seven(11), "说明"])
    result = read_applications([table])
    assert figures(result) == {"new_received": row_of(11)}
    assert result.guessed_columns is False


def test_a_table_split_in_two_reads_its_second_part_by_the_first_parts_headings() -> None:
    """Table 二 before, an empty table between the two parts: neither changes the columns of the second
    part, which has none of its own (the 备注 column keeps the official ones off the right edge)."""
    proactive = grid(["第二十条第（一）项", "<", "<", "<"], ["规章", "1", "2", "3"])
    first = grid(*_with_note_column([NEW + seven(11), CARRIED + seven(21)]))
    second = grid(
        [OUTCOMES, "（一）予以公开", "<"] + seven(31) + [""],
        ["^", "（七）总计", "<"] + seven(71) + ["无"],
        FORWARD + seven(81) + [""],
    )
    result = read_applications([proactive, first, Table([]), second])
    assert figures(result) == {
        "new_received": row_of(11),
        "carried_over": row_of(21),
        "disclosed": row_of(31),
        "total_handled": row_of(71),
        "carried_forward": row_of(81),
    }
    assert result.guessed_columns is False
    assert len(result.tables) == 2 and result.tables[0] is first and result.tables[1] is second


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (  # split before 3.其他: short labels first
            [["", "", "3.其他"] + seven(61), ["", "（七）总计", "<"] + seven(71), FORWARD + seven(81)],
            {"other_other": row_of(61), "total_handled": row_of(71), "carried_forward": row_of(81)},
        ),
        (  # 「七、」 for 「（七）」
            [["", "七、总计", "<"] + seven(71), FORWARD + seven(81)],
            {"total_handled": row_of(71), "carried_forward": row_of(81)},
        ),
        ([FORWARD + seven(81)], {"carried_forward": row_of(81)}),  # one row left for the second part
        (  # labels worded like the column headings 其他 and 总计
            [["", "", "其他"] + seven(61), ["", "总计", "<"] + seven(71)],
            {"other_other": row_of(61), "total_handled": row_of(71)},
        ),
        (  # a group label first
            [["", "（三）不予公开", "1.属于国家秘密"] + seven(41), ["", "^", "2.其他法律行政法规禁止公开"] + seven(51)],
            {"withheld_state_secret": row_of(41), "withheld_prohibited_by_law": row_of(51)},
        ),
        (  # a label misprinted (公开 left out): read by its likeness, 0.785
            [["二、上年结转政府信息申请数量", "<", "<"] + seven(21)],
            {"carried_over": row_of(21)},
        ),
        (  # a misprinted label above a well printed one
            [["二、上年结转政府信息申请数量", "<", "<"] + seven(21), FORWARD + seven(81)],
            {"carried_over": row_of(21), "carried_forward": row_of(81)},
        ),
    ],
    ids=[
        "short-labels-first",
        "seven-total",
        "one-row",
        "heading-words",
        "group-first",
        "misprinted",
        "misprinted-first",
    ],
)
def test_the_second_part_of_a_split_table_is_read_from_its_first_row(
    rows: list[list[str | None]], expected: dict[str, dict[str, Value]]
) -> None:
    first = grid(*APPLICATION_HEAD, NEW + seven(11))
    result = read_applications([first, grid(*rows)])
    assert figures(result) == {"new_received": row_of(11), **expected}
    assert result.guessed_columns is False
    assert result.ignored == []


def test_a_misprinted_first_row_under_the_headings_is_read() -> None:
    table = grid(*APPLICATION_HEAD, ["一、本年新收政府信息申请数量", "<", "<"] + seven(11), CARRIED + seven(21))
    result = read_applications([table])
    assert figures(result) == {"new_received": row_of(11), "carried_over": row_of(21)}
    assert result.ignored == []


@pytest.mark.parametrize("columns", [10, 12], ids=["narrower", "wider"])
def test_a_following_table_of_another_width_is_not_a_continuation(columns: int) -> None:
    """The first part has a 备注 column (11 grid columns); a second part of 10 or 12 columns has its own
    layout, read by the official order from the right."""
    first = grid(*_with_note_column([NEW + seven(11)]))
    spans = ["<"] * (columns - 8)
    second = grid([FORWARD[0], *spans] + seven(81))
    result = read_applications([first, second])
    assert figures(result) == {"new_received": row_of(11), "carried_forward": row_of(81)}
    assert result.guessed_columns is True


def test_headings_in_a_table_of_their_own_leave_the_body_to_the_official_order() -> None:
    heading = grid(*APPLICATION_HEAD)
    body = grid(NEW + seven(11), CARRIED + seven(21))
    result = read_applications([heading, body])
    assert figures(result) == {"new_received": row_of(11), "carried_over": row_of(21)}
    assert len(result.tables) == 1 and result.tables[0] is body


def test_headings_repeated_above_a_part_that_starts_with_the_outcomes() -> None:
    table = grid(
        *APPLICATION_HEAD,
        [OUTCOMES, "（一）予以公开", "<"] + seven(31),
        ["^", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "<"] + seven(36),
        ["^", "（三）不予公开", "1.属于国家秘密"] + seven(41),
    )
    result = read_applications([table])
    assert figures(result) == {
        "disclosed": row_of(31),
        "partly_disclosed": row_of(36),
        "withheld_state_secret": row_of(41),
    }
    assert result.ignored == []


def test_rows_that_match_no_official_row_are_named_only_when_they_hold_figures() -> None:
    table = grid(
        *APPLICATION_HEAD,
        NEW + seven(11),
        ["其中：网上申请", "<", "<"] + seven(1),  # figures under a label of its own: named
        ["注：本表数据截至12月31日", "<", "<"] + [""] * 7,  # a note without figures: not named
        ["", "", ""] + seven(101),  # figures without a label: not named
        CARRIED + seven(21),
    )
    result = read_applications([table])
    assert figures(result) == {"new_received": row_of(11), "carried_over": row_of(21)}
    assert result.ignored == ["其中:网上申请"]


def test_label_cells_missing_or_merged_across_label_columns() -> None:
    table = grid(
        *APPLICATION_HEAD,
        [None, "一、本年新收政府信息公开申请数量", "<"] + seven(11),  # no cell in the first grid column
        ["（三）不予公开", "<", "1.属于国家秘密"] + seven(41),  # the group across two label columns
    )
    result = read_applications([table])
    assert figures(result) == {"new_received": row_of(11), "withheld_state_secret": row_of(41)}
    assert result.ignored == []


def test_a_figure_is_read_once_where_its_cell_starts_and_a_short_row_reads_blank() -> None:
    table = grid(
        *APPLICATION_HEAD,
        NEW + ["5", "6", "<", "8", "9", "10", "38"],  # 商业企业 merged across 科研机构
        CARRIED + ["^", "1", "2", "3"],  # 自然人 merged down from the row above; the row ends after 社会公益组织
    )
    result = read_applications([table])

    def read(row: str, column: str) -> Figure:
        return result.figures[Cell("applications", row, column)]

    assert [read("new_received", c) for c in APPLICANTS] == [
        Figure(5, "ok", "5"),
        Figure(6, "ok", "6"),
        Figure(0, "blank", ""),
        Figure(8, "ok", "8"),
        Figure(9, "ok", "9"),
        Figure(10, "ok", "10"),
        Figure(38, "ok", "38"),
    ]
    assert [read("carried_over", c) for c in APPLICANTS] == [
        Figure(0, "blank", ""),
        Figure(1, "ok", "1"),
        Figure(2, "ok", "2"),
        Figure(3, "ok", "3"),
        Figure(0, "blank", ""),
        Figure(0, "blank", ""),
        Figure(0, "blank", ""),
    ]


def test_a_table_far_down_a_long_grid_is_read_the_same() -> None:
    """Row numbers past 256 (a long grid joined from many pages): positions compare by value."""
    table = grid(*([[""] * 10] * 300), *APPLICATION_HEAD, NEW + seven(11), CARRIED + seven(21))
    result = read_applications([table])
    assert figures(result) == {"new_received": row_of(11), "carried_over": row_of(21)}
    assert {f.status for f in result.figures.values()} == {"ok"}


@pytest.mark.parametrize("label_columns", [1, 3], ids=["labels-in-one-column", "labels-over-three-columns"])
def test_a_table_without_the_natural_person_column_names_it_missing(label_columns: int) -> None:
    """Six headings 商业企业 … 总计 and no 自然人 column: the official order would put 自然人 on the row labels'
    column; it is named missing instead, and every row is read (the whole table was lost when the labels
    stood in one column)."""
    spans = ["<"] * (label_columns - 1)
    table = grid(
        ["项目", *spans, "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"],
        ["一、本年新收政府信息公开申请数量", *spans, "12", "13", "14", "15", "16", "70"],
        ["二、上年结转政府信息公开申请数量", *spans, "22", "23", "24", "25", "26", "120"],
    )
    result = read_applications([table])
    firsts = {"new_received": 12, "carried_over": 22}
    assert figures(result) == {
        row: {c: first + i for i, c in enumerate(APPLICANTS[1:6])} | {"total": first * 5 + 10}
        for row, first in firsts.items()
    }
    assert result.missing[:2] == ["自然人栏", "（一）予以公开"] and result.guessed_columns is False


def test_a_serial_number_column_before_the_labels_keeps_the_order_off_the_labels_column() -> None:
    """As above with a 序号 column before the row labels (the label cells start in the second grid column):
    the order would put 自然人 on the labels; it is named missing and the row is read."""
    table = grid(
        ["序号", "项目", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"],
        ["1", "一、本年新收政府信息公开申请数量", "12", "13", "14", "15", "16", "70"],
    )
    result = read_applications([table])
    expected = {"commercial": 12, "research": 13, "public_interest": 14, "legal_services": 15, "other_org": 16}
    assert figures(result) == {"new_received": expected | {"total": 70}}
    assert result.missing[:2] == ["自然人栏", "二、上年结转政府信息公开申请数量"] and result.ignored == []


def test_columns_the_order_puts_left_of_the_grid_are_named_missing() -> None:
    """Neither 自然人 nor 商业企业 printed: the official order puts them on the labels' column and left of the
    grid; both are named missing, nothing is read from the last column for them."""
    table = grid(
        ["项目", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"],
        ["一、本年新收政府信息公开申请数量", "13", "14", "15", "16", "58"],
    )
    result = read_applications([table])
    expected = {"research": 13, "public_interest": 14, "legal_services": 15, "other_org": 16, "total": 58}
    assert figures(result) == {"new_received": expected}
    assert result.missing[:3] == ["自然人栏", "商业企业栏", "二、上年结转政府信息公开申请数量"]


def test_a_heading_written_with_the_variant_qita_is_read() -> None:
    """「其它」 for 「其他」 (a common variant) in table 三's column heading."""
    table = grid(
        ["项目", "<", "<", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其它", "总计"],
        NEW + seven(11),
    )
    result = read_applications([table])
    assert figures(result) == {"new_received": row_of(11)} and result.guessed_columns is False


def test_no_table_three_reads_nothing() -> None:
    result = read_applications([grid(["第二十条第（一）项", "<", "<", "<"], ["规章", "1", "2", "3"])])
    assert result.figures == {} and result.missing == [] and result.tables == []


# ---------------------------------------------------------------------------------------------------------
# Table 四

RESULTS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
CASE_HEAD = [
    ["行政复议", "<", "<", "<", "<", "行政诉讼", *["<"] * 9],
    [*RESULTS, "未经复议直接起诉", "<", "<", "<", "<", "复议后起诉", "<", "<", "<", "<"],
    [*["^"] * 5, *RESULTS, *RESULTS],
]
CASE_FIGURES = ["1", "2", "3", "4", "10", "11", "12", "13", "14", "50", "21", "22", "23", "24", "90"]
CASES = {
    "review": {"upheld": 1, "corrected": 2, "other": 3, "pending": 4, "total": 10},
    "litigation_direct": {"upheld": 11, "corrected": 12, "other": 13, "pending": 14, "total": 50},
    "litigation_after_review": {"upheld": 21, "corrected": 22, "other": 23, "pending": 24, "total": 90},
}
ALL_CASE_CELLS = [f"{g} {c}" for g in ("行政复议", "未经复议直接起诉", "复议后起诉") for c in RESULTS]


def test_table_four_is_read_under_its_three_levels_of_headings() -> None:
    table = grid(*CASE_HEAD, CASE_FIGURES)
    result = read_cases([table])
    assert figures(result) == CASES
    assert {f.status for f in result.figures.values()} == {"ok"}
    assert result.where[Cell("cases", "review", "upheld")] == "行政复议（结果维持）"
    assert result.where[Cell("cases", "litigation_direct", "pending")] == "未经复议直接起诉（尚未审结）"
    assert result.where[Cell("cases", "litigation_after_review", "total")] == "复议后起诉（总计）"
    assert result.missing == []
    assert len(result.tables) == 1 and result.tables[0] is table


def test_table_four_with_the_variant_qita_jieguo_is_read() -> None:
    """「其它结果」 for 「其他结果」: the column is read (it was lost, and named missing)."""
    results = ["结果维持", "结果纠正", "其它结果", "尚未审结", "总计"]
    head = [CASE_HEAD[0], [*results, *CASE_HEAD[1][5:]], [*["^"] * 5, *results, *results]]
    result = read_cases([grid(*head, CASE_FIGURES)])
    assert figures(result) == CASES and result.missing == []


def test_table_four_reads_the_first_row_that_holds_figures() -> None:
    later = [str(501 + i) for i in range(15)]
    table = grid(*CASE_HEAD, [""] * 15, CASE_FIGURES, later)
    assert figures(read_cases([table])) == CASES


@pytest.mark.parametrize("note", ["行政复议情况说明：无", "行政诉讼：无", "行政复议和行政诉讼情况说明"])
def test_a_note_under_table_four_naming_its_groups_is_no_heading(note: str) -> None:
    """The figures stay read when the grid goes on with a note (it was taken for a heading row below them)."""
    assert figures(read_cases([grid(*CASE_HEAD, CASE_FIGURES, [note, *["<"] * 14])])) == CASES


def test_headings_of_table_four_are_looked_for_in_its_first_six_rows_only() -> None:
    """A note in the seventh row that begins like a result heading (「尚未审结：无」) is no heading row."""
    blank_row = [""] * 15
    table = grid(*CASE_HEAD, CASE_FIGURES, blank_row, blank_row, ["尚未审结：无", *["<"] * 14])
    assert figures(read_cases([table])) == CASES


def test_a_text_only_like_a_result_heading_is_no_heading_row() -> None:
    """「结果予维持」 matches 「结果维持」 only weakly (0.76): the row under the figures is no heading."""
    assert figures(read_cases([grid(*CASE_HEAD, CASE_FIGURES, ["结果予维持", *["<"] * 14])])) == CASES


def test_table_four_with_every_cell_blank_reads_blank() -> None:
    result = read_cases([grid(*CASE_HEAD, [""] * 15)])
    assert set(result.figures.values()) == {Figure(0, "blank", "")}
    assert len(result.figures) == 15
    assert result.missing == []


def test_table_four_headings_without_figures_are_not_the_table() -> None:
    result = read_cases([grid(*CASE_HEAD)])
    assert (result.figures, result.missing, result.tables) == ({}, [], [])


def test_other_tables_before_table_four_are_passed_over() -> None:
    """Table 二, table 三 (its 总计 heading), and a row of results without 行政复议 or 行政诉讼 above."""
    proactive = grid(["第二十条第（一）项", "<", "<", "<"], ["规章", "1", "2", "3"])
    applications = grid(*APPLICATION_HEAD, NEW + seven(11))
    results_only = grid(RESULTS, ["5", "6", "7", "8", "26"])
    table = grid(*CASE_HEAD, CASE_FIGURES)
    result = read_cases([proactive, applications, results_only, table])
    assert figures(result) == CASES
    assert len(result.tables) == 1 and result.tables[0] is table


def test_results_without_a_group_above_are_not_table_four() -> None:
    result = read_cases([grid(RESULTS, ["5", "6", "7", "8", "26"])])
    assert (result.figures, result.tables) == ({}, [])


def test_table_four_in_two_tables_and_printed_twice() -> None:
    review = grid(["行政复议", "<", "<", "<", "<"], RESULTS, ["1", "2", "3", "4", "10"])
    litigation = grid(
        ["行政诉讼", *["<"] * 9],
        ["未经复议直接起诉", "<", "<", "<", "<", "复议后起诉", "<", "<", "<", "<"],
        [*RESULTS, *RESULTS],
        CASE_FIGURES[5:],
    )
    again = grid(*CASE_HEAD, [str(601 + i) for i in range(15)])
    result = read_cases([review, litigation, again])
    assert figures(result) == CASES
    assert result.missing == []
    assert len(result.tables) == 2 and result.tables[0] is review and result.tables[1] is litigation


def test_a_column_printed_twice_in_table_four_is_read_from_the_first() -> None:
    review = grid(["行政复议", "<", "<", "<", "<", "<"], [*RESULTS, "总计"], ["1", "2", "3", "4", "10", "99"])
    assert figures(read_cases([review])) == {"review": CASES["review"]}


def test_table_four_with_a_blank_first_column_and_blank_cells_under_its_headings() -> None:
    """A blank column before 行政复议, and the 行政复议 headings printed in the second heading row only (the
    third blank instead of merged)."""
    table = grid(
        ["", "行政复议", "<", "<", "<", "<", "行政诉讼", *["<"] * 9],
        ["", *RESULTS, "未经复议直接起诉", "<", "<", "<", "<", "复议后起诉", "<", "<", "<", "<"],
        ["", *[""] * 5, *RESULTS, *RESULTS],
        ["", *CASE_FIGURES],
    )
    assert figures(read_cases([table])) == CASES


def test_table_four_with_one_row_of_headings_naming_group_and_result() -> None:
    """Headings flattened into one row (「行政复议结果维持」…), a table without 总计 columns: the totals are
    named missing."""
    groups = ("行政复议", "未经复议直接起诉", "复议后起诉")
    heading = [f"{g}{r}" for g in groups for r in RESULTS[:4]]
    figures_row = ["1", "2", "3", "4", "11", "12", "13", "14", "21", "22", "23", "24"]
    result = read_cases([grid(heading, figures_row)])
    assert figures(result) == {g: {c: v for c, v in CASES[g].items() if c != "total"} for g in CASES}
    assert result.missing == ["行政复议 总计", "未经复议直接起诉 总计", "复议后起诉 总计"]


def test_table_four_headings_are_looked_for_in_the_first_six_rows() -> None:
    blank = [""] * 15
    below = grid(*CASE_HEAD, CASE_FIGURES, blank, blank, ["行政复议", "<", "<", "<", "<", *[""] * 10])
    assert figures(read_cases([below])) == CASES
    under_blank_rows = grid(blank, blank, blank, *CASE_HEAD, CASE_FIGURES)
    assert figures(read_cases([under_blank_rows])) == CASES


def test_litigation_not_split_into_its_two_kinds_is_not_read() -> None:
    table = grid(
        ["行政诉讼", "<", "<", "<", "<", "行政复议", "<", "<", "<", "<"],
        [*RESULTS, *RESULTS],
        ["5", "6", "7", "8", "26", "1", "2", "3", "4", "10"],
    )
    result = read_cases([table])
    assert figures(result) == {"review": CASES["review"]}
    assert result.missing == ALL_CASE_CELLS[5:]


def test_a_heading_only_like_a_result_is_not_taken_for_it() -> None:
    review = grid(["行政复议", "<", "<", "<", "<"], ["结果的维持", *RESULTS[1:]], ["1", "2", "3", "4", "10"])
    result = read_cases([review])
    assert figures(result) == {"review": {"corrected": 2, "other": 3, "pending": 4, "total": 10}}
    assert result.missing == ["行政复议 结果维持", *ALL_CASE_CELLS[5:]]


# ---------------------------------------------------------------------------------------------------------
# Table 二

BLOCK_1 = ["第二十条第（一）项", "<", "<", "<"]
HEAD_1 = ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
BLOCK_5 = ["第二十条第（五）项", "<", "<", "<"]
DECISIONS = ["信息内容", "本年处理决定数量", "<", "<"]
PROACTIVE = [
    BLOCK_1,
    HEAD_1,
    ["规章", "1", "2", "3"],
    ["行政规范性文件", "4", "5", "6"],
    BLOCK_5,
    DECISIONS,
    ["行政许可", "7", "<", "<"],
    ["第二十条第（六）项", "<", "<", "<"],
    DECISIONS,
    ["行政处罚", "8", "<", "<"],
    ["行政强制", "9", "<", "<"],
    ["第二十条第（八）项", "<", "<", "<"],
    ["信息内容", "本年收费金额（单位：万元）", "<", "<"],
    ["行政事业性收费", "1.5", "<", "<"],
]
PROACTIVE_FIGURES: dict[str, dict[str, Value]] = {
    "regulations": {"issued": 1, "repealed": 2, "in_force": 3},
    "normative_documents": {"issued": 4, "repealed": 5, "in_force": 6},
    "licensing": {"decisions": 7},
    "penalty": {"decisions": 8},
    "enforcement": {"decisions": 9},
    "admin_fees": {"amount": Decimal("1.5")},
}
OTHER_PROACTIVE_CELLS = [
    "第二十条第（五）项 行政许可（本年处理决定数量）",
    "第二十条第（六）项 行政处罚（本年处理决定数量）",
    "第二十条第（六）项 行政强制（本年处理决定数量）",
    "第二十条第（八）项 行政事业性收费（本年收费金额（单位：万元））",
]


def test_table_two_is_read_block_by_block() -> None:
    table = grid(*PROACTIVE)
    result = read_proactive([table])
    assert figures(result) == PROACTIVE_FIGURES
    assert type(result.figures[Cell("proactive", "admin_fees", "amount")].value) is Decimal
    assert result.where[Cell("proactive", "regulations", "issued")] == "第二十条第（一）项 规章（本年制发件数）"
    assert result.where[Cell("proactive", "admin_fees", "amount")] == (
        "第二十条第（八）项 行政事业性收费（本年收费金额（单位：万元））"
    )
    assert (result.missing, result.old_figures, result.layout) == ([], [], "2021")
    assert len(result.tables) == 1 and result.tables[0] is table


def test_table_two_columns_are_read_by_their_headings_and_missing_cells_named() -> None:
    table = grid(
        BLOCK_1,
        ["信息内容", "现行有效件数", "本年制发件数", "本年废止件数"],
        ["", "", "", ""],
        ["规章", "3", "1", "2"],
        ["行政规范性文件", "6", "4", "5"],
    )
    result = read_proactive([table])
    assert figures(result) == {
        "regulations": {"issued": 1, "repealed": 2, "in_force": 3},
        "normative_documents": {"issued": 4, "repealed": 5, "in_force": 6},
    }
    assert result.missing == OTHER_PROACTIVE_CELLS


def test_an_item_row_with_blank_figures_reads_blank() -> None:
    result = read_proactive([grid(BLOCK_1, HEAD_1, ["规章", "", "", ""], ["行政规范性文件", "4", "5", "6"])])
    assert [result.figures[Cell("proactive", "regulations", c)] for c in ("issued", "repealed", "in_force")] == [
        Figure(0, "blank", "")
    ] * 3
    assert figures(result)["normative_documents"] == {"issued": 4, "repealed": 5, "in_force": 6}


def test_without_headings_the_figures_are_the_cells_right_of_the_label() -> None:
    """A blank 序号 column left of the labels, no 信息内容 row."""
    table = grid(["", *BLOCK_1[:1], "<", "<", "<"], ["", "规章", "1", "2", "3"], ["", "行政许可", "7", "<", "<"])
    assert figures(read_proactive([table])) == {
        "regulations": {"issued": 1, "repealed": 2, "in_force": 3},
        "licensing": {"decisions": 7},
    }


def test_a_block_label_with_a_note_beside_it_keeps_the_headings_above() -> None:
    """A 2019 table whose 第二十条第（六）项 row carries a note (「单位：件」) under the 信息内容 row of （五），
    which has the same columns: 行政处罚 is read under those headings, as the 2019 item it is — not as the
    2021 item read in the official order."""
    table = grid(
        ["第二十条第（五）项", "<", "<", "<"],
        ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
        ["行政许可", "1", "2", "3"],
        ["第二十条第（六）项", "单位：件", "", ""],
        ["行政处罚", "4", "5", "6"],
    )
    result = read_proactive([table])
    assert figures(result) == {} and result.layout == "2019"
    assert result.old_figures[3:] == [
        ("第二十条第（六）项", "行政处罚", "上一年项目数量", "4"),
        ("第二十条第（六）项", "行政处罚", "本年增/减", "5"),
        ("第二十条第（六）项", "行政处罚", "处理决定数量", "6"),
    ]


def test_blocks_in_separate_tables_do_not_share_headings() -> None:
    """The 信息内容 row of (五) does not place the figures of (六), a table of its own without one."""
    five = grid(BLOCK_5, DECISIONS, ["行政许可", "7", "<", "<"])
    six = grid(["第二十条第（六）项", "<", "<"], ["行政处罚", "<", "8"], ["行政强制", "<", "9"])
    result = read_proactive([five, six])
    assert figures(result) == {
        "licensing": {"decisions": 7},
        "penalty": {"decisions": 8},
        "enforcement": {"decisions": 9},
    }
    assert len(result.tables) == 2 and result.tables[0] is five and result.tables[1] is six


def test_table_two_of_the_2019_trial_format_is_kept_as_printed() -> None:
    table = grid(
        BLOCK_1,
        ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
        ["规章", "1", "2", "3"],
        ["规范性文件", "4", "5", "6"],
        BLOCK_5,
        ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
        ["行政许可", "7", "8", "9"],
        ["其他对外管理服务事项", "10", "11", "12"],
        ["第二十条第（九）项", "<", "<", "<"],
        ["信息内容", "采购项目数量", "采购总金额", "<"],
        ["政府集中采购", "13", " 14.5 ", "<"],
    )
    result = read_proactive([table])
    assert result.old_figures == [
        ("第二十条第（一）项", "规章", "本年新制作数量", "1"),
        ("第二十条第（一）项", "规章", "本年新公开数量", "2"),
        ("第二十条第（一）项", "规章", "对外公开总数量", "3"),
        ("第二十条第（一）项", "规范性文件", "本年新制作数量", "4"),
        ("第二十条第（一）项", "规范性文件", "本年新公开数量", "5"),
        ("第二十条第（一）项", "规范性文件", "对外公开总数量", "6"),
        ("第二十条第（五）项", "行政许可", "上一年项目数量", "7"),
        ("第二十条第（五）项", "行政许可", "本年增/减", "8"),
        ("第二十条第（五）项", "行政许可", "处理决定数量", "9"),
        ("第二十条第（五）项", "其他对外管理服务事项", "上一年项目数量", "10"),
        ("第二十条第（五）项", "其他对外管理服务事项", "本年增/减", "11"),
        ("第二十条第（五）项", "其他对外管理服务事项", "处理决定数量", "12"),
        ("第二十条第（九）项", "政府集中采购", "采购项目数量", "13"),
        ("第二十条第（九）项", "政府集中采购", "采购总金额", "14.5"),
    ]
    assert (result.figures, result.missing, result.layout, result.found) == ({}, [], "2019", True)
    assert len(result.tables) == 1 and result.tables[0] is table


def test_a_row_worded_in_one_format_under_the_columns_of_the_other_follows_the_columns() -> None:
    """「规范性文件」 (the 2019 word) under the 2021 columns is 行政规范性文件; 「行政规范性文件」 under the
    2019 columns is the 2019 row."""
    old_word = read_proactive([grid(BLOCK_1, HEAD_1, ["规范性文件", "4", "5", "6"])])
    assert figures(old_word) == {"normative_documents": {"issued": 4, "repealed": 5, "in_force": 6}}
    assert (old_word.old_figures, old_word.layout) == ([], "2021")
    new_word = read_proactive(
        [
            grid(
                BLOCK_1,
                ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
                ["行政规范性文件", "4", "5", "6"],
            )
        ]
    )
    assert new_word.figures == {}
    assert new_word.old_figures == [
        ("第二十条第（一）项", "规范性文件", "本年新制作数量", "4"),
        ("第二十条第（一）项", "规范性文件", "本年新公开数量", "5"),
        ("第二十条第（一）项", "规范性文件", "对外公开总数量", "6"),
    ]
    assert new_word.layout == "2019"


def test_the_columns_decide_the_format_only_when_more_than_one_heading_better() -> None:
    """「规范性文件」 under one readable 2021 heading stays 2019; under two it is the 2021 row."""
    one = read_proactive([grid(BLOCK_1, ["信息内容", "本年制发件数", "", ""], ["规范性文件", "4", "5", "6"])])
    assert one.figures == {}
    assert one.old_figures == [
        ("第二十条第（一）项", "规范性文件", "本年新制作数量", "4"),
        ("第二十条第（一）项", "规范性文件", "本年新公开数量", "5"),
        ("第二十条第（一）项", "规范性文件", "对外公开总数量", "6"),
    ]
    two = read_proactive(
        [grid(BLOCK_1, ["信息内容", "本年制发件数", "", "现行有效件数"], ["规范性文件", "4", "5", "6"])]
    )
    assert figures(two) == {"normative_documents": {"issued": 4, "repealed": 5, "in_force": 6}}
    assert two.old_figures == []


def test_a_row_of_both_formats_goes_with_the_headings_it_reads_best_under() -> None:
    """行政许可 is a row of both formats; 上一年项目数量 and 处理决定数量 (in 本年处理决定数量) read as the 2019
    columns, one heading (本年增/减) left blank."""
    table = grid(BLOCK_5, ["信息内容", "上一年项目数量", "", "本年处理决定数量"], ["行政许可", "7", "8", "9"])
    result = read_proactive([table])
    assert result.figures == {}
    assert result.old_figures == [
        ("第二十条第（五）项", "行政许可", "上一年项目数量", "7"),
        ("第二十条第（五）项", "行政许可", "本年增/减", "8"),
        ("第二十条第（五）项", "行政许可", "处理决定数量", "9"),
    ]


def test_a_2019_row_under_another_blocks_headings_is_read_in_its_own_block() -> None:
    """其他对外管理服务事项 after the (一) block, its block label and 信息内容 row lost: the (一) headings
    name none of its columns, so they are taken in order."""
    table = grid(BLOCK_1, HEAD_1, ["规章", "1", "2", "3"], ["其他对外管理服务事项", "5", "6", "7"])
    result = read_proactive([table])
    assert figures(result) == {"regulations": {"issued": 1, "repealed": 2, "in_force": 3}}
    assert result.old_figures == [
        ("第二十条第（五）项", "其他对外管理服务事项", "上一年项目数量", "5"),
        ("第二十条第（五）项", "其他对外管理服务事项", "本年增/减", "6"),
        ("第二十条第（五）项", "其他对外管理服务事项", "处理决定数量", "7"),
    ]


def test_a_row_only_like_an_item_is_not_read() -> None:
    table = grid(BLOCK_5, DECISIONS, ["其他对外服务事项", "3", "<", "<"], ["行政许可", "7", "<", "<"])
    result = read_proactive([table])
    assert figures(result) == {"licensing": {"decisions": 7}}
    assert (result.old_figures, result.layout) == ([], "2021")


def test_a_heading_within_one_character_still_places_its_column() -> None:
    """「本年处理的决定数量」 (16/17 alike, score 0.8) over the third column."""
    table = grid(BLOCK_5, ["信息内容", "", "本年处理的决定数量", ""], ["行政许可", "", "7", ""])
    assert figures(read_proactive([table])) == {"licensing": {"decisions": 7}}


def test_a_heading_that_names_no_column_leaves_the_column_to_its_place_in_the_row() -> None:
    table = grid(BLOCK_1, ["信息内容", "本年制发件数", "本年废止件数", "有效"], ["规章", "1", "2", "3"])
    assert figures(read_proactive([table])) == {"regulations": {"issued": 1, "repealed": 2, "in_force": 3}}


def test_a_short_row_reads_what_it_has() -> None:
    """Under headings: 本年制发件数 read, the column with an unreadable heading not, 现行有效件数 (no cell)
    blank. Without headings: only the first figure."""
    headed = read_proactive([grid(BLOCK_1, ["信息内容", "本年制发件数", "××", "现行有效件数"], ["规章", "1"])])
    assert headed.figures == {
        Cell("proactive", "regulations", "issued"): Figure(1, "ok", "1"),
        Cell("proactive", "regulations", "in_force"): Figure(0, "blank", ""),
    }
    plain = read_proactive([grid(BLOCK_1, ["规章", "1"])])
    assert figures(plain) == {"regulations": {"issued": 1}}


def test_a_table_two_row_printed_twice_is_read_from_the_first() -> None:
    table = grid(BLOCK_1, HEAD_1, ["规章", "1", "2", "3"], ["规章", "7", "8", "9"])
    assert figures(read_proactive([table])) == {"regulations": {"issued": 1, "repealed": 2, "in_force": 3}}


def test_no_table_two_reads_nothing() -> None:
    result = read_proactive([grid(*APPLICATION_HEAD, NEW + seven(11)), grid(*CASE_HEAD, CASE_FIGURES)])
    assert (result.figures, result.old_figures, result.missing, result.tables, result.layout) == (
        {},
        [],
        [],
        [],
        "2021",
    )
