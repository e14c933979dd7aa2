"""Rows the official tables do not have, in real `.docx` files: a row of table 三 printed twice (the first
copy counts, the second is ignored and named by I7, docs/rules.md) and table 四 with a further row of
figures under the official one (the first row of figures is the one read, as `read_cases` promises).

The report holds `distinct_draft()`'s figures (every figure different), so a figure taken from the wrong
copy or row shows; the extra copies hold other figures, written here as literals.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx_builders import distinct_draft, figures, official_tables, report_parts, write_docx

from model import format as fmt
from model.docx.reader import import_docx
from model.draft import Draft

ROW = re.compile(r"<w:tr>.*?</w:tr>")
FIGURE = re.compile(r'(<w:t xml:space="preserve">)(\d+)(</w:t>)')


@pytest.fixture(scope="module")
def draft() -> Draft:
    return distinct_draft()


def _refigured(row_xml: str, figures_in_order: list[int]) -> str:
    """Return the table row `row_xml` with its printed figures replaced, left to right, by `figures_in_order`."""
    found = FIGURE.findall(row_xml)
    assert len(found) == len(figures_in_order)
    numbers = iter(figures_in_order)
    return FIGURE.sub(lambda m: f"{m[1]}{next(numbers)}{m[3]}", row_xml)


def test_row_printed_twice_keeps_the_first_copy_and_says_so(tmp_path: Path, draft: Draft) -> None:
    tables = official_tables(draft)
    rows = ROW.findall(tables["applications"])
    received = next(r for r in rows if "一、本年新收政府信息公开申请数量" in r)
    # the clerk pasted the row again below, with other figures (e.g. last year's)
    again = _refigured(received, [9001, 9002, 9003, 9004, 9005, 9006, 9021])
    tables["applications"] = tables["applications"].replace(received, received + again, 1)
    result = import_docx(write_docx(tmp_path / "twice.docx", report_parts(draft, tables)))
    got = result.draft.applications["new_received"]
    # distinct_draft: row 0 of table 三 holds 1…6 in the applicant columns, 21 in 总计
    assert got == {
        "natural_person": 1,
        "commercial": 2,
        "research": 3,
        "public_interest": 4,
        "legal_services": 5,
        "other_org": 6,
        "total": 21,
    }
    assert figures(result.draft) == figures(draft)
    [i7] = [f for f in result.findings if f.rule == "I7"]
    assert i7.section == "applications" and i7.severity.value == "hint"
    assert "已忽略" in i7.message and "本年新收政府信息公开申请数量" in i7.message
    assert len(i7.params["rows"]) == 1


def test_item_row_printed_twice_keeps_the_first_copy(tmp_path: Path, draft: Draft) -> None:
    """A numbered item (（三）不予公开 1.属于国家秘密) printed twice, the copy without its group label."""
    tables = official_tables(draft)
    rows = ROW.findall(tables["applications"])
    secret = next(r for r in rows if "1.属于国家秘密" in r)
    following = rows[rows.index(secret) + 1]  # a continuation row of the same vertical merges
    assert "<w:vMerge/>" in following
    copy = _refigured(following.replace("2.其他法律行政法规禁止公开", "1.属于国家秘密"), list(range(7001, 7008)))
    tables["applications"] = tables["applications"].replace(following, copy + following, 1)
    result = import_docx(write_docx(tmp_path / "item-twice.docx", report_parts(draft, tables)))
    assert fmt.APPLICATION_ROWS[4].key == "withheld_state_secret"
    # distinct_draft: row 4 of table 三 holds 401…406, 总计 2421
    assert result.draft.applications["withheld_state_secret"]["natural_person"] == 401
    assert result.draft.applications["withheld_state_secret"]["total"] == 2421
    assert figures(result.draft) == figures(draft)
    assert [f.rule for f in result.findings] == ["I7"]


def test_table_four_reads_the_first_row_of_figures_not_a_later_one(tmp_path: Path, draft: Draft) -> None:
    tables = official_tables(draft)
    rows = ROW.findall(tables["review_litigation"])
    data = rows[-1]
    blank = re.sub(r"<w:r>.*?</w:r>", "", data)  # an empty row above the figures, as some templates have
    later = _refigured(data, list(range(501, 516)))  # a second row of figures under the official one
    tables["review_litigation"] = tables["review_litigation"].replace(data, blank + data + later, 1)
    result = import_docx(write_docx(tmp_path / "four.docx", report_parts(draft, tables)))
    # distinct_draft: group g, column c holds 10·g + c + 1; 总计 the sum of the four
    assert result.draft.cases == {
        "review": {"upheld": 1, "corrected": 2, "other": 3, "pending": 4, "total": 10},
        "litigation_direct": {"upheld": 11, "corrected": 12, "other": 13, "pending": 14, "total": 50},
        "litigation_after_review": {"upheld": 21, "corrected": 22, "other": 23, "pending": 24, "total": 90},
    }
    assert figures(result.draft) == figures(draft)
