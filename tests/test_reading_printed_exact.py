"""Reading a printed report to the letter: the name of a missing table, I3's wording for a single （六） row
by what it prints, I5 saying 整数 or 金额 by the cell, how examples are listed, and what a printed report
changes in a draft carried inside it (I8: another agency or year, the contact block after the opening)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx_builders import distinct_draft, draft_values, official_tables, report_parts, table_xml, write_docx

from model import format as fmt
from model.docx.grid import applications_grid
from model.docx.reader import import_docx
from model.draft import Draft
from model.findings import Cell
from model.reading.printed import ImportResult, MissingTablesError, examples, merge_embedded
from model.storage.drafts import DraftError


def test_examples_are_listed_up_to_the_limit() -> None:
    assert examples(["甲", "乙", "丙"]) == "甲、乙、丙"
    assert examples(["甲", "乙", "丙", "丁"]) == "甲、乙、丙 等 4 处"
    assert examples(["甲", "乙"], limit=1) == "甲 等 2 处"


def test_a_missing_table_three_is_named_in_full(tmp_path: Path) -> None:
    draft = distinct_draft()
    tables = official_tables(draft)
    del tables["applications"]
    with pytest.raises(DraftError) as info:
        import_docx(write_docx(tmp_path / "no3.docx", report_parts(draft, tables)))
    assert "未找到表三（收到和处理政府信息公开申请情况）；请确认这是按官方格式填写的政府信息公开工作年度报告" in str(
        info.value
    )
    assert MissingTablesError(["表三（收到和处理政府信息公开申请情况）"], True).reason.startswith("未找到表三")


def _single_other_report(tmp_path: Path, printed: dict[str, int]) -> ImportResult:
    """Table 三 with one （六）其他处理 row (the 2019 layout) printing `printed` per column."""
    draft = distinct_draft()
    rows = [r for r in fmt.APPLICATION_ROWS if r.key not in fmt.APPLICATION_OTHER_ROWS_2021]
    rows.insert(
        [r.key for r in fmt.APPLICATION_ROWS].index(fmt.APPLICATION_OTHER_ROWS_2021[0]), fmt.APPLICATION_OTHER_2019
    )
    plain = draft_values(draft)

    def values(ref: Cell) -> str:
        return str(printed[ref.column]) if ref.row == "other_single" else plain(ref)

    tables = official_tables(draft)
    tables["applications"] = table_xml(applications_grid(tuple(rows)), values)
    return import_docx(write_docx(tmp_path / "single.docx", report_parts(draft, tables)))


@pytest.mark.parametrize(
    ("first", "rest"),
    [(0, "两行按 0 填入"), (1, "两行未填写")],
    ids=["all-zero", "none-zero"],
)
def test_a_single_other_row_says_what_became_of_the_two_rows(tmp_path: Path, first: int, rest: str) -> None:
    result = _single_other_report(tmp_path, {c.key: first for c in fmt.APPLICANT_COLUMNS})
    [i3] = [f for f in result.findings if f.rule == "I3"]
    assert i3.message.endswith(
        f"「1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请」「2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请」{rest}"
    )


def test_a_single_other_row_with_some_zeros_fills_only_those(tmp_path: Path) -> None:
    printed = {c.key: (0 if i % 2 else 3) for i, c in enumerate(fmt.APPLICANT_COLUMNS)}
    result = _single_other_report(tmp_path, printed)
    [i3] = [f for f in result.findings if f.rule == "I3"]
    assert i3.message.endswith("两行在该行为 0 的栏按 0 填入，其余栏未填写")


def test_a_word_in_a_figure_cell_says_whole_number_or_amount(tmp_path: Path) -> None:
    draft = distinct_draft()
    plain = draft_values(draft)

    def values(ref: Cell) -> str:
        if ref == Cell("proactive", "admin_fees", "amount"):
            return "约五万"
        if ref == Cell("proactive", "regulations", "issued"):
            return "若干"
        return plain(ref)

    tables = official_tables(draft)
    from model.docx.grid import proactive_grid

    tables["proactive"] = table_xml(proactive_grid(), values)
    result = import_docx(write_docx(tmp_path / "words.docx", report_parts(draft, tables)))
    i5 = {f.cells[0]: f.message for f in result.findings if f.rule == "I5"}
    assert i5[Cell("proactive", "admin_fees", "amount")].endswith("印的是「约五万」，不是不小于 0 的金额，未读入")
    assert i5[Cell("proactive", "regulations", "issued")].endswith("印的是「若干」，不是不小于 0 的整数，未读入")


def _printed(draft: Draft) -> ImportResult:
    return ImportResult(draft)


@pytest.mark.parametrize(("printed", "carried"), [("乙镇人民政府", "甲镇人民政府"), ("甲镇人民政府", "乙镇人民政府")])
def test_another_agency_printed_is_named_and_wins(printed: str, carried: str) -> None:
    merged, differences = merge_embedded(Draft(agency=carried, year=2024), _printed(Draft(agency=printed, year=2024)))
    assert differences == [f"机关全称 内嵌「{carried}」、打印「{printed}」"]
    assert merged.agency == printed


def test_the_same_agency_printed_with_spaces_is_no_difference() -> None:
    _merged, differences = merge_embedded(
        Draft(agency="某县 人民政府", year=2024), _printed(Draft(agency="某县人民政府", year=2024))
    )
    assert differences == []


def test_an_earlier_year_printed_is_named_and_wins() -> None:
    merged, differences = merge_embedded(
        Draft(agency="某县人民政府", year=2024), _printed(Draft(agency="某县人民政府", year=2023))
    )
    assert differences == ["报告年度 内嵌 2024、打印 2023"] and merged.year == 2023


def test_the_contact_block_printed_after_the_opening_is_kept_apart() -> None:
    """The text was changed in Word: the printed opening wins, without the two contact lines printed after it."""
    carried = Draft(
        agency="某县人民政府", year=2024, preamble="旧的开头。", contact="联系电话：0812-1234567\n地址：某县某路1号"
    )
    printed = Draft(agency="某县人民政府", year=2024, preamble="新的开头。\n联系电话：0812-1234567\n地址：某县某路1号")
    merged, differences = merge_embedded(carried, _printed(printed))
    assert "正文文字" in differences
    assert merged.preamble == "新的开头。"


@pytest.mark.parametrize(("carried_day", "printed_day"), [(20, 8), (8, 20)], ids=["earlier", "later"])
def test_another_signing_date_printed_is_named_and_wins(carried_day: int, printed_day: int) -> None:
    from datetime import date

    carried = Draft(agency="某县人民政府", year=2024, signing_date=date(2025, 1, carried_day))
    printed = Draft(agency="某县人民政府", year=2024, signing_date=date(2025, 1, printed_day))
    merged, differences = merge_embedded(carried, _printed(printed))
    assert differences == [f"成文日期 打印为 2025年1月{printed_day}日"]
    assert merged.signing_date == date(2025, 1, printed_day)


def _blocks(path: Path):
    from model.docx.package import open_word_package
    from model.docx.walker import body_blocks

    return body_blocks(open_word_package(path).document)[0]


def test_the_other_missing_tables_are_named_in_full(tmp_path: Path) -> None:
    draft = distinct_draft()
    tables = {"applications": official_tables(draft)["applications"]}
    with pytest.raises(DraftError) as info:
        import_docx(write_docx(tmp_path / "only3.docx", report_parts(draft, tables)))
    assert "未找到表二（主动公开政府信息情况）、表四（政府信息公开行政复议、行政诉讼情况）；" in str(info.value)


def test_fewer_examples_than_the_limit_are_listed_plainly() -> None:
    assert examples(["甲", "乙"]) == "甲、乙"
    assert examples([f"第{i}处" for i in range(6)], 6) == "第0处、第1处、第2处、第3处、第4处、第5处"


def test_six_missing_rows_are_all_named(tmp_path: Path) -> None:
    """I6 lists up to six rows before 「等」: six rows of table 三 left out are all named."""
    from docx_builders import Mess

    draft = distinct_draft()
    grid = applications_grid()
    gone = tuple(range(grid.rows - 6, grid.rows))
    tables = official_tables(draft)
    tables["applications"] = table_xml(grid, draft_values(draft), Mess(skip_rows=gone))
    result = import_docx(write_docx(tmp_path / "six.docx", report_parts(draft, tables)))
    [i6] = [f for f in result.findings if f.rule == "I6"]
    assert "缺少官方格式中的 6 处：" in i6.message and " 等 " not in i6.message


def test_a_2019_table_two_names_its_first_column(tmp_path: Path) -> None:
    from model.docx.grid import proactive_grid

    draft = distinct_draft()
    tables = official_tables(draft)
    tables["proactive"] = table_xml(proactive_grid(fmt.PROACTIVE_BLOCKS_2019), lambda ref: "1")
    result = import_docx(write_docx(tmp_path / "old2.docx", report_parts(draft, tables)))
    [i4] = [f for f in result.findings if f.rule == "I4"]
    assert i4.message.startswith("表二是 2019 年试行格式（本年新制作数量等栏目），与 2021 年格式的栏目不同，数字未导入")


def test_tables_read_without_asking_where_they_were_printed(tmp_path: Path) -> None:
    from model.reading.printed import read_tables

    draft = distinct_draft()
    path = write_docx(tmp_path / "plain.docx", report_parts(draft))
    read_into, findings = Draft(), []
    assert len(read_tables(_blocks(path), read_into, findings)) == 3
    assert read_into.cases == draft.cases


def test_a_table_four_figure_changed_in_word_is_named() -> None:
    carried, printed = Draft(agency="某县人民政府", year=2024), Draft(agency="某县人民政府", year=2024)
    carried.cases["review"]["upheld"] = 1
    printed.cases["review"]["upheld"] = 2
    merged, differences = merge_embedded(carried, _printed(printed))
    assert differences == ["表四 行政复议（结果维持） 内嵌 1、打印 2"] and merged.cases["review"]["upheld"] == 2


def test_a_blank_printed_where_0_was_carried_is_no_difference() -> None:
    carried, printed = Draft(agency="某县人民政府", year=2024), Draft(agency="某县人民政府", year=2024)
    carried.applications["disclosed"]["natural_person"] = 0
    _merged, differences = merge_embedded(carried, _printed(printed))
    assert differences == []


def test_a_sub_point_changed_in_word_is_a_text_difference() -> None:
    from model.draft import OverviewPoint

    carried, printed = Draft(agency="某县人民政府", year=2024), Draft(agency="某县人民政府", year=2024)
    carried.overview_points = [OverviewPoint("（一）主动公开", "旧的文字。")]
    printed.overview_points = [OverviewPoint("（一）主动公开", "新的文字。")]
    merged, differences = merge_embedded(carried, _printed(printed))
    assert differences == ["正文文字"] and merged.overview_points[0].text == "新的文字。"


@pytest.mark.parametrize(
    "agency", ["某县人民政府", "上海市某区人民政府"], ids=["offices-sort-before", "offices-sort-after"]
)
def test_another_contact_office_printed_is_a_text_difference(agency: str) -> None:
    """The contact sentence (printed when a phone number is given) names another office: the text differs."""
    phone = "0812-1234567"
    carried = Draft(agency=agency, year=2024, contact_office="县政务服务中心", contact_phone=phone)
    printed = Draft(agency=agency, year=2024, contact_office="县政务服务管理局", contact_phone=phone)
    _merged, differences = merge_embedded(carried, _printed(printed))
    assert differences == ["正文文字"]


def test_seven_missing_rows_are_six_named_and_counted(tmp_path: Path) -> None:
    from docx_builders import Mess

    draft = distinct_draft()
    grid = applications_grid()
    tables = official_tables(draft)
    tables["applications"] = table_xml(
        grid, draft_values(draft), Mess(skip_rows=tuple(range(grid.rows - 7, grid.rows)))
    )
    result = import_docx(write_docx(tmp_path / "seven.docx", report_parts(draft, tables)))
    [i6] = [f for f in result.findings if f.rule == "I6"]
    assert "缺少官方格式中的 7 处：" in i6.message and " 等 7 处；这些数字未读入" in i6.message


def test_a_table_two_figure_lowered_in_word_is_named() -> None:
    carried, printed = Draft(agency="某县人民政府", year=2024), Draft(agency="某县人民政府", year=2024)
    carried.proactive["regulations"]["issued"] = 3
    printed.proactive["regulations"]["issued"] = 1
    merged, differences = merge_embedded(carried, _printed(printed))
    assert differences == ["表二 第二十条第（一）项 规章（本年制发件数） 内嵌 3、打印 1"]
    assert merged.proactive["regulations"]["issued"] == 1


def test_a_later_year_printed_is_named_and_wins() -> None:
    carried, printed = Draft(agency="某县人民政府", year=2024), Draft(agency="某县人民政府", year=2025)
    merged, differences = merge_embedded(carried, _printed(printed))
    assert differences == ["报告年度 内嵌 2024、打印 2025"] and merged.year == 2025


def test_the_contact_printed_wins_with_the_text() -> None:
    carried = Draft(agency="某县人民政府", year=2024, preamble="旧的开头。", contact_phone="0812-1111111")
    printed = Draft(agency="某县人民政府", year=2024, preamble="新的开头。", contact_phone="0812-2222222")
    merged, differences = merge_embedded(carried, _printed(printed))
    assert differences == ["正文文字"] and merged.contact_phone == "0812-2222222"


def test_an_opening_whose_last_lines_are_no_contact_block_is_kept_whole() -> None:
    """The carried contact block is not what ends the printed opening: nothing is cut from it."""
    carried = Draft(agency="某县人民政府", year=2024, preamble="旧。", contact="A联系电话：1\nA地址：某路")
    printed = Draft(agency="某县人民政府", year=2024, preamble="新的开头。\nZ其他说明\nZ更多说明")
    merged, _differences = merge_embedded(carried, _printed(printed))
    assert merged.preamble == "新的开头。\nZ其他说明\nZ更多说明"
