"""H1, H2 and Q1 to the letter: ordinals past ten, a repeated sub-point heading, a repeated list item and what
follows it, and a doubled word at the very start of a text, said once (docs/rules.md)."""

from __future__ import annotations

import pytest

from model.draft import Draft, OverviewPoint
from model.rules import check
from model.rules.form import chinese_ordinal, list_numbering_errors


@pytest.mark.parametrize(
    ("n", "written"),
    [(1, "一"), (10, "十"), (11, "十一"), (12, "十二"), (20, "二十"), (21, "二十一"), (35, "三十五"), (99, "九十九")],
)
def test_ordinals_are_written_as_reports_write_them(n: int, written: str) -> None:
    assert chinese_ordinal(n) == written


def test_a_repeated_sub_point_heading_is_called_a_repeat() -> None:
    draft = Draft(agency="某县人民政府", year=2024)
    draft.overview_points = [OverviewPoint("（一）主动公开", "正文。"), OverviewPoint("（一）依申请公开", "正文。")]
    [h1] = [f for f in check(draft) if f.rule == "H1"]
    assert h1.message == "一、总体情况的第 2 个小标题「（一）依申请公开」序号重复，应为「（二）」"
    assert h1.fix is not None and h1.fix.value == "（二）依申请公开"


def test_a_repeated_list_item_and_the_items_after_it() -> None:
    """「1. 1. 2.」: the second 1. is a repeat (应为 2.), and 2. then repeats the 2 it stands for."""
    faults = list_numbering_errors("1. 甲\n1. 乙\n2. 丙")
    assert [what for _written, what, _start in faults] == ["序号「1.」重复，应为「2.」", "序号「2.」重复，应为「3.」"]


def test_a_single_doubled_word_at_the_start_is_quoted_from_the_start() -> None:
    draft = Draft(agency="某县人民政府", year=2024, problems="的的工作还有不足。")
    [q1] = [f for f in check(draft) if f.rule == "Q1"]
    assert q1.message == "「五、存在的主要问题及改进情况」中「的的」重复了（「的的工作还有不足。」），请核对"


def _q(problems: str, rule: str) -> list[str]:
    draft = Draft(agency="某县人民政府", year=2024, problems=problems)
    return [f.message for f in check(draft) if f.rule == rule]


def test_a_doubled_function_character_before_a_different_pair_is_named() -> None:
    """「的的主要」: 主 and 要 differ, so this is no AABB word (的的确确); Q1 names 「的的」."""
    [message] = _q("存在的的主要问题。", "Q1")
    assert "中「的的」重复了" in message


def test_a_half_width_mark_at_the_very_end_is_found() -> None:
    [message] = _q("工作仍有不足,", "Q2")
    assert message.startswith("「五、存在的主要问题及改进情况」的中文句子中用了半角标点「,」")


def test_a_doubled_word_inside_a_long_text_is_quoted_with_eight_characters_each_side() -> None:
    """Found at offset 2: quoted from the start to 8 characters past it, then 「…」."""
    text = "今年的的工作" + "甲乙丙丁戊己庚辛壬癸" * 2
    [message] = _q(text, "Q1")
    assert f"（「{text[:12]}…」）" in message


def test_a_doubled_word_at_the_end_of_a_long_text_has_no_trailing_mark() -> None:
    text = "甲乙丙丁戊己庚辛壬癸" * 30 + "的的"
    [message] = _q(text, "Q1")
    assert f"（「…{text[-10:]}」）" in message


@pytest.mark.parametrize(
    ("paragraph", "quoted"),
    [
        ("1." + "甲" * 14, "1." + "甲" * 14),  # 16 characters: whole
        ("1." + "甲" * 15, "1." + "甲" * 14 + "…"),  # 17: cut at 16
    ],
    ids=["16", "17"],
)
def test_a_list_fault_quotes_the_first_sixteen_characters(paragraph: str, quoted: str) -> None:
    [(_written, _what, start)] = list_numbering_errors("1. 开头\n" + paragraph)
    assert start == quoted


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("工作仍不足,", True),  # at the last place, an odd offset
        ("说明见(一", True),  # a bracket before the last character
        ("项目(ABC)", False),  # brackets around Latin text
        ("说明(", False),  # an opening bracket at the very end
        (")工作安排", False),  # a closing bracket at the very start
        ("工作)2", True),  # a closing bracket after Chinese, a digit after it
        ("1,234元,工作", True),  # a thousands comma first, a Chinese comma after
        ("网址(www)说明,工作", True),  # Latin brackets first
        ("a,b 工作,落实", True),  # a Latin comma first
        ("工)", True),  # a closing bracket at offset 1
        ("鿿)", True),  # after the last character of the CJK block
        ("A(工作", True),  # an opening bracket between Latin and Chinese
    ],
    ids=[
        "comma-at-odd-end",
        "bracket-before-last",
        "latin-brackets",
        "bracket-at-end",
        "bracket-at-start",
        "bracket-before-digit",
        "after-thousands",
        "after-latin-brackets",
        "after-latin-comma",
        "bracket-at-offset-1",
        "after-u9fff",
        "bracket-latin-then-chinese",
    ],
)
def test_half_width_marks_judged_by_their_neighbours(text: str, found: bool) -> None:
    assert bool(_q(text, "Q2")) is found


def test_after_a_gap_the_list_counts_on_from_the_number_written() -> None:
    """「1. 3. 4.」: one fault (the jump to 3.); 4. follows 3. rightly."""
    faults = list_numbering_errors("1. 甲\n3. 乙\n4. 丙")
    assert [what for _written, what, _start in faults] == ["序号从「1.」跳到「3.」"]


def test_a_doubled_word_after_a_reduplication_is_found() -> None:
    """「一步一步」 is how Chinese counts steps; 「资金资金」 after it is a slip."""
    [message] = _q("一步一步推进，资金资金到位。", "Q1")
    assert "中「资金资金」重复了" in message and "共" not in message


def test_the_first_of_two_doubles_is_named_with_the_count() -> None:
    [message] = _q("资金资金到位，工作的的落实。", "Q1")
    assert "中「资金资金」重复了" in message and message.endswith("；共 2 处")


@pytest.mark.parametrize(
    ("text", "found"),
    [("详见网页 a,b 的说明。", False), ("资金,ABC", True), ("ABC,资金", True)],
    ids=["latin-both-sides", "han-before", "han-after"],
)
def test_a_half_width_comma_counts_only_beside_chinese(text: str, found: bool) -> None:
    assert bool(_q(text, "Q2")) is found


def test_half_width_commas_are_quoted_and_counted() -> None:
    """Two commas in a long text: the first quoted with 8 characters each side, 「；共 2 处」."""
    text = "甲乙丙丁戊己庚辛壬癸" + "一,二" + "甲乙丙丁戊己庚辛壬癸" + "三,四"
    [message] = _q(text, "Q2")
    assert f"（「…{text[3:20]}…」）" in message and message.endswith("；共 2 处")
    [single] = _q("工作,落实", "Q2")
    assert "共" not in single


def _h1(*headings: str) -> list[str]:
    draft = Draft(agency="某县人民政府", year=2024)
    draft.overview_points = [OverviewPoint(h, "正文。") for h in headings]
    return [f.message for f in check(draft) if f.rule == "H1"]


def test_headings_without_an_ordinal_do_not_stop_the_count() -> None:
    assert _h1("概况", "（一）主动公开", "（三）依申请公开") == [
        "一、总体情况的第 2 个小标题「（三）依申请公开」序号跳过了（二），应为「（二）」"
    ]


def test_a_list_marker_that_is_no_number_is_no_list_item() -> None:
    assert list_numbering_errors("十十、甲\n乙") == []


def test_a_short_paragraph_is_quoted_whole() -> None:
    [(_written, _what, start)] = list_numbering_errors("1. 开头\n1. 乙")
    assert start == "1. 乙"


def test_a_repeat_after_the_second_item_and_the_item_after_it() -> None:
    faults = list_numbering_errors("1. 甲\n2. 乙\n2. 丙\n3. 丁")
    assert [what for _w, what, _s in faults] == ["序号「2.」重复，应为「3.」", "序号「3.」重复，应为「4.」"]


def test_a_word_of_one_repeated_character_is_no_slip() -> None:
    assert _q("天天天天都在学习。", "Q1") == []


def test_a_slip_after_an_idiom_that_doubles_a_character() -> None:
    [message] = _q("不了了之，工作的的落实。", "Q1")
    assert "中「的的」重复了" in message


def test_the_first_of_two_mixed_numbers_is_named() -> None:
    [message] = _q("２02４年和1２月。", "Q3")
    assert "中的数字「２02４」混用了全角和半角数字" in message


def test_text_quality_hints_name_the_sub_point_or_the_section() -> None:
    """A slip in a sub-point's heading or text: the finding's row is the sub-point; in 五: no row (the section)."""
    draft = Draft(agency="某县人民政府", year=2024, problems="资金资金不足。")
    draft.overview_points = [OverviewPoint("（一）资金资金", "正文。"), OverviewPoint("（二）公开", "工作的的落实。")]
    rows = sorted((f.row or "", f.cells[0].row) for f in check(draft) if f.rule == "Q1")
    assert rows == [("", "problems"), ("（一）资金资金", "overview_heading.0"), ("（二）公开", "overview.1")]


def test_a_list_fault_keeps_the_marker_written() -> None:
    draft = Draft(agency="某县人民政府", year=2024, problems="1. 甲\n3. 乙")
    [h2] = [f for f in check(draft) if f.rule == "H2"]
    assert h2.params == {"marker": "3."}


def test_a_heading_whose_ordinal_is_no_number_is_counted_but_not_judged() -> None:
    """「（十十）」 is no Chinese number: it takes the first place unjudged, and （二）（三） follow it in order."""
    assert _h1("（十十）甲", "（二）乙", "（三）丙") == []
    assert _h1("（十十）甲", "（三）乙") == ["一、总体情况的第 2 个小标题「（三）乙」序号跳过了（二），应为「（二）」"]


def test_a_heading_far_back_in_the_count_is_out_of_order() -> None:
    """（一）（二）（三）（二）: the fourth should be （四）; （二） is two back, out of order, not a repeat."""
    assert _h1("（一）甲", "（二）乙", "（三）丙", "（二）丁") == [
        "一、总体情况的第 4 个小标题「（二）丁」序号顺序错乱或重新开始，应为「（四）」"
    ]


def test_a_list_restarting_at_zero_after_text_is_out_of_order() -> None:
    faults = list_numbering_errors("1. 甲\n正文\n0. 乙")
    assert [what for _w, what, _s in faults] == ["序号在「1.」之后又从「0.」开始"]


def test_a_slip_after_an_aabb_word() -> None:
    [message] = _q("的的确确做好，工作的的落实。", "Q1")
    assert "中「的的」重复了（「…的确确做好，工作的的落实。」）" in message


def test_a_slip_nine_characters_in_is_quoted_with_a_leading_mark() -> None:
    text = "甲乙丙丁戊己庚辛壬资金资金"
    [message] = _q(text, "Q1")
    assert f"（「…{text[1:]}」）" in message


def test_blank_lines_inside_a_list_do_not_end_it() -> None:
    assert [what for _w, what, _s in list_numbering_errors("1. 甲\n\n3. 乙")] == ["序号从「1.」跳到「3.」"]


def test_a_list_restarted_without_text_between_is_named_once() -> None:
    """「1. 2. 3. 1. 2.」: the restart is the fault; the 2. after it follows the 1. it stands after."""
    faults = list_numbering_errors("1. 甲\n2. 乙\n3. 丙\n1. 丁\n2. 戊")
    assert [what for _w, what, _s in faults] == ["序号在「3.」之后又从「1.」开始"]
