"""Import of official-layout reports whose Word structure is messier than the template's.

Each test builds a small real `.docx` (tests/docx_builders.py) holding a report whose every figure is
distinct, so a figure read from the wrong row or column shows, and checks that every figure comes back.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from docx_builders import (
    Mess,
    distinct_draft,
    draft_values,
    figures,
    layout_table,
    official_tables,
    para,
    report_parts,
    run,
    sdt,
    table_xml,
    text_box,
    write_docx,
)

from model import format as fmt
from model.docx.grid import TableGrid, applications_grid, cases_grid, proactive_grid
from model.docx.reader import import_docx
from model.draft import Draft
from model.findings import Cell
from model.rules import check


@pytest.fixture(scope="module")
def draft() -> Draft:
    return distinct_draft()


def _import(path: Path):
    result = import_docx(path)
    assert result.source == "printed"
    return result


def _rules(result) -> list[str]:
    return sorted(f.rule for f in result.findings)


def test_plain_report_reads_every_figure_and_text(tmp_path: Path, draft: Draft) -> None:
    result = _import(write_docx(tmp_path / "plain.docx", report_parts(draft)))
    assert figures(result.draft) == figures(draft)
    assert result.findings == []
    got = result.draft
    assert (got.agency, got.year) == (draft.agency, draft.year)
    assert got.preamble == draft.preamble
    assert [(p.heading, p.text) for p in got.overview_points] == [(p.heading, p.text) for p in draft.overview_points]
    assert got.problems == draft.problems
    assert got.other_matters == draft.other_matters


@pytest.mark.parametrize("where", ["table", "rows", "cells"])
def test_content_controls_around_table_rows_or_cells(tmp_path: Path, draft: Draft, where: str) -> None:
    if where == "table":
        tables = {k: sdt(v) for k, v in official_tables(draft).items()}
    elif where == "rows":
        mess = Mess(tr=lambda xml, r: sdt(xml) if r % 2 else xml)
        tables = official_tables(draft, {k: mess for k in ("proactive", "applications", "review_litigation")})
    else:
        mess = Mess(tc=lambda xml, cell: sdt(xml) if cell.role == "value" else xml)
        tables = official_tables(draft, {k: mess for k in ("proactive", "applications", "review_litigation")})
    result = _import(write_docx(tmp_path / f"sdt-{where}.docx", report_parts(draft, tables)))
    assert figures(result.draft) == figures(draft)


def test_content_control_showing_its_placeholder_reads_as_blank(tmp_path: Path, draft: Draft) -> None:
    placeholder = (
        "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:r><w:t>单击此处输入文字。</w:t></w:r>"
        "</w:sdtContent></w:sdt>"
    )
    target = Cell("applications", "disclosed", "natural_person")
    mess = Mess(value=lambda ref, text: placeholder if ref == target else run(text))
    tables = official_tables(draft, {"applications": mess})
    result = _import(write_docx(tmp_path / "placeholder.docx", report_parts(draft, tables)))
    assert result.draft.applications["disclosed"]["natural_person"] == 0
    blank = [f for f in result.findings if f.rule == "I1"]
    assert [f.cells for f in blank] == [(target,)]


def test_rows_with_grid_before_and_after(tmp_path: Path, draft: Draft) -> None:
    mess = Mess(grid_before=1, grid_after=2)
    tables = official_tables(
        draft, {"applications": mess, "review_litigation": Mess(grid_before=2), "proactive": Mess(grid_after=1)}
    )
    result = _import(write_docx(tmp_path / "gridbefore.docx", report_parts(draft, tables)))
    assert figures(result.draft) == figures(draft)


def test_tables_nested_in_a_layout_table(tmp_path: Path, draft: Draft) -> None:
    tables = official_tables(draft)
    nested = {k: layout_table(para("表格"), v) for k, v in tables.items()}
    result = _import(write_docx(tmp_path / "nested.docx", report_parts(draft, nested)))
    assert figures(result.draft) == figures(draft)
    assert result.draft.problems == draft.problems  # the layout table's own text did not leak into 五


def test_whole_report_inside_one_layout_table(tmp_path: Path, draft: Draft) -> None:
    parts = report_parts(draft)
    result = _import(write_docx(tmp_path / "framed.docx", [layout_table("".join(parts))]))
    assert figures(result.draft) == figures(draft)
    assert result.draft.agency == draft.agency
    assert result.draft.other_matters == draft.other_matters


def test_table_in_a_text_box_is_read_once(tmp_path: Path, draft: Draft) -> None:
    tables = official_tables(draft)
    tables["applications"] = text_box(tables["applications"] + para())
    result = _import(write_docx(tmp_path / "textbox.docx", report_parts(draft, tables)))
    assert figures(result.draft) == figures(draft)
    assert not any(f.rule == "I7" for f in result.findings)  # the VML fallback copy was not read again


def test_tracked_changes_read_as_accepted(tmp_path: Path, draft: Draft) -> None:
    changed = Cell("applications", "new_received", "natural_person")
    deleted_text = '<w:del w:id="1" w:author="审核"><w:r><w:delText>999</w:delText></w:r></w:del>'

    def value(ref: Cell, text: str) -> str:
        if ref == changed:
            return deleted_text + f'<w:ins w:id="2" w:author="审核">{run(text)}</w:ins>'
        return run(text)

    tables = official_tables(draft, {"applications": Mess(value=value)})
    # a whole row deleted with tracking on: a copy of the 一 row that must not count
    tbl = tables["applications"]
    first_row = next(r for r in re.findall(r"<w:tr>.*?</w:tr>", tbl) if "一、本年新收" in r)
    bogus = re.sub(r'(<w:t xml:space="preserve">)\d+(</w:t>)', r"\g<1>77777\g<2>", first_row)
    bogus = bogus.replace("<w:tr>", '<w:tr><w:trPr><w:del w:id="3" w:author="审核"/></w:trPr>', 1)
    tables["applications"] = tbl.replace(first_row, first_row + bogus, 1)
    problems = draft.problems
    parts = report_parts(draft, tables)
    parts = [
        p.replace(
            run(problems),
            '<w:ins w:id="4" w:author="a">'
            + run(problems)
            + "</w:ins>"
            + '<w:del w:id="5" w:author="a"><w:r><w:delText>已删除的句子。</w:delText></w:r></w:del>',
        )
        for p in parts
    ]
    result = _import(write_docx(tmp_path / "tracked.docx", parts))
    assert figures(result.draft) == figures(draft)
    assert result.draft.problems == problems
    assert "I11" in _rules(result)
    assert "I7" not in _rules(result)


def test_smart_tags_hyperlinks_and_custom_xml_around_figures(tmp_path: Path, draft: Draft) -> None:
    hidden = "<w:r><w:rPr><w:vanish/></w:rPr><w:t>999</w:t></w:r>"
    wrappers = [
        lambda r: hidden + r,  # hidden text is not printed, so not read
        lambda r: (
            f'<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="chmetcnv">{r}</w:smartTag>'
        ),
        lambda r: f'<w:hyperlink w:anchor="t3">{r}</w:hyperlink>',
        lambda r: f'<w:customXml w:element="figure">{r}</w:customXml>',
        lambda r: f'<w:proofErr w:type="spellStart"/>{r}<w:proofErr w:type="spellEnd"/>',
    ]
    counter = iter(range(10_000))

    def value(ref: Cell, text: str) -> str:
        return wrappers[next(counter) % len(wrappers)](run(text))

    mess = Mess(value=value)
    tables = official_tables(draft, {k: mess for k in ("proactive", "applications", "review_litigation")})
    result = _import(write_docx(tmp_path / "wrapped.docx", report_parts(draft, tables)))
    assert figures(result.draft) == figures(draft)


def test_formula_fields_read_their_result(tmp_path: Path, draft: Draft) -> None:
    """Totals typed as Word formulas: =SUM(LEFT) as a simple field and as a complex field."""

    def value(ref: Cell, text: str) -> str:
        if ref.column == "total":  # 总计 column of 三 and of 四
            return f'<w:fldSimple w:instr=" =SUM(LEFT) ">{run(text)}</w:fldSimple>'
        if ref.row == "total_handled":
            return (
                '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> =SUM(ABOVE) '
                '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                f'{run(text)}<w:r><w:fldChar w:fldCharType="end"/></w:r>'
            )
        return run(text)

    mess = Mess(value=value)
    tables = official_tables(draft, {"applications": mess, "review_litigation": mess})
    result = _import(write_docx(tmp_path / "fields.docx", report_parts(draft, tables)))
    assert figures(result.draft) == figures(draft)


def test_full_width_digits_and_thousands_separators(tmp_path: Path) -> None:
    draft = distinct_draft()
    draft.set_application("new_received", "natural_person", 2629)
    draft.set_application("disclosed", "natural_person", 1330)
    draft.proactive["penalty"]["decisions"] = 3985758
    draft.proactive["admin_fees"]["amount"] = Decimal("96171.6")
    draft.set_case("review", "corrected", 2)
    draft.recompute_totals()
    printed = {
        Cell("applications", "new_received", "natural_person"): "2,629",
        Cell("applications", "disclosed", "natural_person"): "1，330",
        Cell("proactive", "penalty", "decisions"): "３９８５７５８",
        Cell("proactive", "admin_fees", "amount"): "96,171.6",
        Cell("cases", "review", "upheld"): "１",
        Cell("cases", "review", "corrected"): "2.00",
    }
    mess = Mess(value=lambda ref, text: run(printed.get(ref, text)))
    tables = official_tables(draft, {k: mess for k in ("proactive", "applications", "review_litigation")})
    result = _import(write_docx(tmp_path / "digits.docx", report_parts(draft, tables)))
    assert figures(result.draft) == figures(draft)
    assert result.findings == []


def test_blank_cells_and_dashes_read_as_zero_with_hints(tmp_path: Path, draft: Draft) -> None:
    blank = {Cell("applications", "withheld_state_secret", "research"), Cell("cases", "review", "pending")}
    dashed = {
        Cell("applications", "other_fee_unpaid", "commercial"): "/",
        Cell("applications", "other_other", "commercial"): "—",
        Cell("proactive", "regulations", "issued"): "-",
        Cell("cases", "litigation_direct", "other"): "无",
    }

    def value(ref: Cell, text: str) -> str:
        if ref in blank:
            return "" if ref.table == "applications" else run("\u3000 ")
        return run(dashed.get(ref, text))

    mess = Mess(value=value)
    tables = official_tables(draft, {k: mess for k in ("proactive", "applications", "review_litigation")})
    result = _import(write_docx(tmp_path / "blanks.docx", report_parts(draft, tables)))
    got = figures(result.draft)
    for cell in blank | set(dashed):
        assert got[f"{cell.table}/{cell.row}/{cell.column}"] == 0
    i1 = {c for f in result.findings if f.rule == "I1" for c in f.cells}
    i2 = {c for f in result.findings if f.rule == "I2" for c in f.cells}
    assert i1 == blank
    assert i2 == set(dashed)
    assert all(f.severity.value == "hint" for f in result.findings)
    message = next(f.message for f in result.findings if f.rule == "I2" and f.section == "applications")
    assert "「/」" in message and "「—」" in message and "其他处理 2." in message
    # the figures are imported as printed: the totals no longer add up, and the checker says so
    assert {f.rule for f in check(result.draft) if f.severity.value == "error"} >= {"D1", "D2", "S1", "D3"}


def test_labels_with_spaces_breaks_half_width_brackets_and_extra_text(tmp_path: Path, draft: Draft) -> None:
    def label(cell) -> str:
        text = cell.text
        if text in ("商业企业", "科研机构", "社会公益组织"):
            return text[:2] + " " + text[2:]
        if text.startswith("（"):
            return text.replace("（", "(").replace("）", ") ")
        if text.startswith("一、"):
            return text + "（件）"
        if text == "3.危及“三安全一稳定”":
            return '3、危及"三安全一稳定"'
        if text == "1.属于国家秘密":
            return "1．属于国家秘密"
        if text == "结果纠正":
            return "结果\n纠正"
        if text == "本年收费金额（单位：万元）":
            return "本年收费金额(单位:万元)"
        if text == "行政规范性文件":
            return "行政规范性文件（含党内规范性文件）"
        return text

    mess = Mess(label=label)
    tables = official_tables(draft, {k: mess for k in ("proactive", "applications", "review_litigation")})
    result = _import(write_docx(tmp_path / "labels.docx", report_parts(draft, tables)))
    assert figures(result.draft) == figures(draft)
    assert result.findings == []


def test_rows_found_by_label_not_position(tmp_path: Path, draft: Draft) -> None:
    """Table 三 with its rows shuffled and a subtotal row added: every figure still lands in its row."""
    tbl = official_tables(draft)["applications"]
    rows = re.findall(r"<w:tr>.*?</w:tr>", tbl)
    head, data = rows[:3], rows[3:]
    # rows without vertical merges can move freely: 一, 二, （一）, （二）, （七）总计, 四
    movable = [r for r in data if "vMerge" not in r]
    assert len(movable) == 3  # 一、二、四
    others = [r for r in data if r not in movable]
    subtotal = (
        '<w:tr><w:tc><w:tcPr><w:gridSpan w:val="3"/></w:tcPr>'
        + para("（三）不予公开")
        + "</w:tc>"
        + "".join(f"<w:tc>{para('9999')}</w:tc>" for _ in range(7))
        + "</w:tr>"
    )
    shuffled = tbl.split("<w:tr>", 1)[0] + "".join(head + list(reversed(movable)) + [subtotal] + others) + "</w:tbl>"
    tables = official_tables(draft)
    tables["applications"] = shuffled
    result = _import(write_docx(tmp_path / "shuffled.docx", report_parts(draft, tables)))
    assert figures(result.draft) == figures(draft)
    assert _rules(result) == ["I7"]
    assert "不予公开" in result.findings[0].message


def test_other_group_subtotal_row_above_its_items(tmp_path: Path, draft: Draft) -> None:
    """A 「（六）其他处理」 subtotal row printed above its three items is a subtotal, not the 2019 single row."""
    tbl = official_tables(draft)["applications"]
    rows = re.findall(r"<w:tr>.*?</w:tr>", tbl)
    at = next(i for i, r in enumerate(rows) if "1.申请人无正当理由" in r)
    subtotal = (
        '<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr>'
        + para("（六）其他处理")
        + "</w:tc>"
        + "".join(f"<w:tc>{para('8888')}</w:tc>" for _ in range(7))
        + "</w:tr>"
    )
    tables = official_tables(draft)
    tables["applications"] = tbl.replace(rows[at], subtotal + rows[at], 1)
    result = _import(write_docx(tmp_path / "subtotal6.docx", report_parts(draft, tables)))
    assert figures(result.draft) == figures(draft)
    assert _rules(result) == ["I7"]


def test_table_three_split_in_two_tables(tmp_path: Path, draft: Draft) -> None:
    """A page break forced inside table 三: the second part has no headers and continues the first."""
    grid = applications_grid()
    values = draft_values(draft)
    split = 3 + 14  # after （四）无法提供 3.
    first = table_xml(grid, values, Mess(skip_rows=tuple(range(split, grid.rows))))
    rest = table_xml(grid, values, Mess(skip_rows=tuple(range(split))))
    # the continuation starts mid-merge: make its first cells restart their vertical merges
    rest = rest.replace("<w:vMerge/>", '<w:vMerge w:val="restart"/>', 3)
    tables = official_tables(draft)
    tables["applications"] = first + para() + rest
    result = _import(write_docx(tmp_path / "split.docx", report_parts(draft, tables)))
    assert figures(result.draft) == figures(draft)


def test_proactive_blocks_in_separate_tables(tmp_path: Path, draft: Draft) -> None:
    grid = proactive_grid()
    values = draft_values(draft)
    starts = [c.row for c in grid.cells if c.text.startswith("第二十条")]
    bounds = [*starts, grid.rows]
    pieces = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        pieces.append(table_xml(grid, values, Mess(skip_rows=tuple(r for r in range(grid.rows) if not a <= r < b))))
        pieces.append(para())
    tables = official_tables(draft)
    tables["proactive"] = "".join(pieces)
    result = _import(write_docx(tmp_path / "blocks.docx", report_parts(draft, tables)))
    assert figures(result.draft) == figures(draft)


def _columns(grid: TableGrid, lo: int, hi: int) -> TableGrid:
    """Return the part of `grid` between grid columns `lo` and `hi` as a grid of its own."""
    cells = tuple(replace(c, col=c.col - lo) for c in grid.cells if lo <= c.col < hi)
    return TableGrid(grid.key, grid.rows, hi - lo, grid.header_rows, cells)


def test_cases_as_two_tables(tmp_path: Path, draft: Draft) -> None:
    """行政复议 and 行政诉讼 printed as two separate tables."""
    full = cases_grid()
    values = draft_values(draft)
    tables = official_tables(draft)
    tables["review_litigation"] = (
        table_xml(_columns(full, 0, 5), values) + para() + table_xml(_columns(full, 5, full.cols), values)
    )
    result = _import(write_docx(tmp_path / "cases2.docx", report_parts(draft, tables)))
    assert figures(result.draft) == figures(draft)


def test_cell_that_is_not_a_number_is_reported_not_guessed(tmp_path: Path, draft: Draft) -> None:
    bad = {
        Cell("applications", "disclosed", "natural_person"): "约5",
        Cell("cases", "review", "upheld"): "2.5",
        Cell("proactive", "licensing", "decisions"): "-3",
    }
    mess = Mess(value=lambda ref, text: run(bad.get(ref, text)))
    tables = official_tables(draft, {k: mess for k in ("proactive", "applications", "review_litigation")})
    result = _import(write_docx(tmp_path / "bad.docx", report_parts(draft, tables)))
    got = figures(result.draft)
    expected = figures(draft)
    for cell in bad:
        key = f"{cell.table}/{cell.row}/{cell.column}"
        assert got.pop(key) is None
        expected.pop(key)
    assert got == expected
    i5 = [f for f in result.findings if f.rule == "I5"]
    assert {f.cells[0] for f in i5} == set(bad)
    assert all(f.severity.value == "error" for f in i5)
    assert any("「约5」" in f.message and "（一）予以公开（自然人）" in f.message for f in i5)


def test_missing_rows_are_named(tmp_path: Path, draft: Draft) -> None:
    grid = applications_grid()
    gone = [r for r in range(grid.rows) if grid.cell_at(r, 2).text in ("8.属于行政查询事项",)]
    gone.append(grid.rows - 1)  # 四、结转下年度继续办理
    tables = official_tables(draft)
    tables["applications"] = table_xml(grid, draft_values(draft), Mess(skip_rows=tuple(gone)))
    result = _import(write_docx(tmp_path / "missing.docx", report_parts(draft, tables)))
    i6 = [f for f in result.findings if f.rule == "I6"]
    assert len(i6) == 1 and i6[0].severity.value == "error"
    assert "（三）不予公开 8.属于行政查询事项" in i6[0].message and "四、结转下年度继续办理" in i6[0].message
    assert result.draft.applications["carried_forward"]["natural_person"] is None


def test_2019_trial_layout(tmp_path: Path) -> None:
    """2019 trial format: old 第二十条 blocks (figures not imported, listed in a hint) and one （六）其他处理
    row (read into 3.其他)."""
    draft = distinct_draft()
    rows_2019 = [r for r in fmt.APPLICATION_ROWS if r.key not in fmt.APPLICATION_OTHER_ROWS_2021]
    at = [r.key for r in fmt.APPLICATION_ROWS].index(fmt.APPLICATION_OTHER_ROWS_2021[0])
    rows_2019.insert(at, fmt.APPLICATION_OTHER_2019)
    old_values = {"other_single": {c.key: 7 + i for i, c in enumerate(fmt.APPLICANT_COLUMNS)}}

    def values(ref: Cell) -> str:
        if ref.table == "applications" and ref.row == "other_single":
            return str(old_values["other_single"][ref.column])
        if ref.table == "proactive" and ref.row not in ("regulations",):
            return "5"
        if ref.table == "proactive":
            return {"made": "1", "published": "2", "total_public": "3"}[ref.column]
        return str(getattr(draft, ref.table)[ref.row][ref.column])

    tables = {
        "proactive": table_xml(proactive_grid(fmt.PROACTIVE_BLOCKS_2019), values),
        "applications": table_xml(applications_grid(tuple(rows_2019)), values),
        "review_litigation": table_xml(cases_grid(), values),
    }
    result = _import(write_docx(tmp_path / "y2019.docx", report_parts(draft, tables)))
    got = result.draft
    assert got.applications["other_other"] == old_values["other_single"]
    for key in fmt.APPLICATION_OTHER_ROWS_2021[:2]:
        assert all(v is None for v in got.applications[key].values())
    assert all(v is None for row in got.proactive.values() for v in row.values())
    assert got.cases == draft.cases
    assert _rules(result) == ["I3", "I4"]
    i4 = next(f for f in result.findings if f.rule == "I4")
    assert "第二十条第（一）项 规章（本年新制作数量）1" in i4.message
    assert "政府集中采购" in i4.message


def test_headings_title_and_closing_block_variants(tmp_path: Path, draft: Draft) -> None:
    headings = {
        "overview": "一.总体情况",
        "applications": "三、收到和处理政府信息公开申请情况。本年度情况如下：",
        "proactive": "二、 主动公开政府信息情况",
        "review_litigation": "四、政府信息公开行政复议、 行政诉讼情况",
        "problems": "五、存在的主要问题及改进情况",
    }
    parts = report_parts(
        draft,
        title=["测试县某某镇人民政府", "２０２４年度政府信息公开工作年度报告"],
        headings=headings,
        closing=["测试县某某镇人民政府", "2025 年 1 月 １３ 日"],
    )
    result = _import(write_docx(tmp_path / "variants.docx", parts))
    got = result.draft
    assert (got.agency, got.year, got.signing_date.isoformat()) == (draft.agency, 2024, "2025-01-13")
    assert got.applications_lead == "本年度情况如下："
    assert got.problems == draft.problems and got.other_matters == draft.other_matters
    assert [p.text for p in got.overview_points] == [p.text for p in draft.overview_points]


def test_inline_sub_headings_leads_and_chinese_date(tmp_path: Path, draft: Draft) -> None:
    d = distinct_draft()
    d.overview_lead = "本年度，我镇认真贯彻落实《条例》。"
    d.proactive_lead = "主动公开情况见下表。"
    d.cases_lead = "本年度未发生行政复议、行政诉讼。"
    parts = report_parts(d, closing=["测试县某某镇人民政府", "二〇二五年一月十三日"])
    # 「（一）主动公开。正文…」 on one line, as many reports print it
    heading, text = d.overview_points[0].heading, d.overview_points[0].text
    parts = [p for p in parts if p not in (para(heading), para(text))]
    at = parts.index(para(d.overview_lead)) + 1
    parts.insert(at, para(f"{heading}。{text}"))
    # 「一、总体情况：本年度，…」: the lead on the heading's line
    parts.remove(para(d.overview_lead))
    parts[parts.index(para(fmt.heading("overview")))] = para(f"{fmt.heading('overview')}：{d.overview_lead}")
    result = _import(write_docx(tmp_path / "inline.docx", parts))
    got = result.draft
    assert got.overview_lead == d.overview_lead
    assert (got.overview_points[0].heading, got.overview_points[0].text) == (heading, text)
    assert got.proactive_lead == d.proactive_lead and got.cases_lead == d.cases_lead
    assert got.signing_date.isoformat() == "2025-01-13"
    assert figures(got) == figures(d)


def test_fee_sentence_sets_the_fee_fields(tmp_path: Path) -> None:
    d = distinct_draft()
    d.other_matters = "本年度共发出收费通知2件，通知金额150元，实际收取100元。"
    result = _import(write_docx(tmp_path / "fees.docx", report_parts(d)))
    assert result.draft.fees == {"notices": 2, "notified_amount": Decimal(150), "collected_amount": Decimal(100)}
    d.other_matters = "无其他需要报告的事项。"
    result = _import(write_docx(tmp_path / "nofees.docx", report_parts(d)))
    assert result.draft.fees == {"notices": None, "notified_amount": None, "collected_amount": None}


def test_table_three_without_total_column_names_it(tmp_path: Path, draft: Draft) -> None:
    grid = applications_grid()
    last = grid.cols - 1
    cells = tuple(
        replace(c, colspan=c.colspan - 1) if c.col <= last < c.col + c.colspan and c.colspan > 1 else c
        for c in grid.cells
        if not (c.col == last and c.colspan == 1)
    )
    narrow = TableGrid(grid.key, grid.rows, grid.cols - 1, grid.header_rows, cells)
    tables = official_tables(draft)
    tables["applications"] = table_xml(narrow, draft_values(draft))
    result = _import(write_docx(tmp_path / "nototal.docx", report_parts(draft, tables)))
    got, expected = figures(result.draft), figures(draft)
    for key, value in expected.items():
        if key.startswith("applications/") and key.endswith("/total"):
            assert got[key] is None
        else:
            assert got[key] == value, key
    [i6] = [f for f in result.findings if f.rule == "I6"]
    assert "总计栏" in i6.message


def test_unreadable_headings_of_other_columns_fall_in_place(tmp_path: Path, draft: Draft) -> None:
    """Two organisation headings misprinted beyond recognition: the others fix where they stand (I12)."""
    odd = {"科研机构": "科研院所类", "法律服务机构": "律所等"}
    mess = Mess(label=lambda cell: odd.get(cell.text, cell.text))
    tables = official_tables(draft, {"applications": mess})
    result = _import(write_docx(tmp_path / "odd.docx", report_parts(draft, tables)))
    assert figures(result.draft) == figures(draft)
    assert _rules(result) == ["I12"]


def test_missing_headings_are_named(tmp_path: Path, draft: Draft) -> None:
    parts = [p for p in report_parts(draft) if p not in (para(fmt.heading("problems")),)]
    result = _import(write_docx(tmp_path / "noheading.docx", parts))
    [i14] = [f for f in result.findings if f.rule == "I14"]
    assert "「五、存在的主要问题及改进情况」" in i14.message and "六、" not in i14.message
    assert figures(result.draft) == figures(draft)
    assert draft.problems in result.draft.cases_lead  # the text of 五 went to the part before it


def test_deeply_nested_content_controls_and_tables(tmp_path: Path, draft: Draft) -> None:
    tables = official_tables(draft)
    deep = tables["applications"]
    for _ in range(30):  # 30 × 7 levels: deep, but within the 256 levels an XML parser accepts
        deep = sdt(layout_table(sdt(deep)))
    tables["applications"] = deep
    result = _import(write_docx(tmp_path / "deep.docx", report_parts(draft, tables)))
    assert figures(result.draft) == figures(draft)


def test_mutilated_documents_never_crash(tmp_path: Path, draft: Draft) -> None:
    """Elements cut out of a good report at random: each file is read or refused with a clear message."""
    import random

    from lxml import etree

    from model.storage.drafts import DraftError

    good = write_docx(tmp_path / "good.docx", report_parts(draft))
    import zipfile

    with zipfile.ZipFile(good) as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist()}
    root = etree.fromstring(members["word/document.xml"])
    elements = [e for e in root.iter() if e.getparent() is not None]
    rng = random.Random(20250113)
    outcomes = {"read": 0, "refused": 0}
    for n in range(40):
        tree = etree.fromstring(members["word/document.xml"])
        victims = rng.sample(range(len(elements)), 25)
        all_elements = [e for e in tree.iter() if e.getparent() is not None]
        for i in sorted(victims, reverse=True):
            el = all_elements[i]
            if el.getparent() is not None and rng.random() < 0.5:
                el.getparent().remove(el)
            elif el.getparent() is not None:
                for attr in list(el.attrib):
                    el.attrib[attr] = rng.choice(["", "-1", "999999", "continue", "restart", "x"])
        path = tmp_path / f"m{n}.docx"
        with zipfile.ZipFile(path, "w") as zf:
            for name, blob in members.items():
                zf.writestr(name, etree.tostring(tree) if name == "word/document.xml" else blob)
        try:
            import_docx(path, convert=False)
            outcomes["read"] += 1
        except DraftError as exc:
            assert "无法解析" not in str(exc), str(exc)  # handled by the reader, not by the last resort
            outcomes["refused"] += 1
    assert outcomes["read"] and outcomes["refused"]


def test_report_without_any_heading_still_gives_title_date_and_figures(tmp_path: Path, draft: Draft) -> None:
    d = distinct_draft()
    d.signing_date = date(2025, 1, 10)
    headings = {s.key: "" for s in fmt.SECTIONS}
    parts = [p for p in report_parts(d, headings=headings) if p != para("")]
    result = _import(write_docx(tmp_path / "noheadings.docx", parts))
    got = result.draft
    assert figures(got) == figures(d)
    assert (got.agency, got.year, got.signing_date) == (d.agency, d.year, d.signing_date)
    assert got.preamble.endswith(d.other_matters)  # everything went before 一 …
    [i14] = [f for f in result.findings if f.rule == "I14"]
    assert all(s.heading in i14.message for s in fmt.SECTIONS)  # … and the message says why
