"""The pieces of reading published reports on made-up input: ruled tables from lines, web pages and their
encodings, what a file is, the wordings offices print (for every reader), where a figure was printed, and
the rules T3/T4/T9 on those wordings. The real files are read in tests/test_published_read.py."""

from __future__ import annotations

import threading
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from docx_builders import distinct_draft, report_html
from published_files import chrome_mhtml, path_of, word_mht
from realdata import draft_from_fixture

from model import format as fmt
from model.draft import Draft
from model.findings import Cell, Finding, Severity
from model.published.html import decode_html, read_page
from model.published.lattice import PChar, build_table, drop_rows, join_at_page_break, repeated_header_rows
from model.published.layout import Char, Segment
from model.published.pdf import import_pdf
from model.reading.blocks import GridText, Paragraph, Place, Table, describe_places
from model.reading.locate import read_proactive
from model.reading.narrative import read_narrative
from model.rules import check
from model.sources import DraftError, OpenedReport, kind_of_bytes, open_report

# ---------------------------------------------------------------------------------------------------------
# Ruled tables


def _rules(xs: list[float], ys: list[float], missing: frozenset[tuple[int, int]] = frozenset()) -> list[Segment]:
    """The rules of a table with column lines `xs` and row lines `ys`; `missing` holds (row, line index)
    where a vertical line is not drawn (a cell merged across it) — horizontal lines likewise as (-1 - row,
    column)."""
    segs = []
    for r, y in enumerate(ys):
        for c in range(len(xs) - 1):
            if (-1 - r, c) not in missing:
                segs.append(Segment(True, y, xs[c], xs[c + 1]))
    for i, x in enumerate(xs):
        for r in range(len(ys) - 1):
            if (r, i) not in missing:
                segs.append(Segment(False, x, ys[r], ys[r + 1]))
    return segs


def _text(text: str, x: float, y: float, page: int = 1) -> list[PChar]:
    return [PChar(Char(ch, x + 10 * i, y - 5, x + 10 * i + 10, y + 5, 10.0, y + 4), page) for i, ch in enumerate(text)]


def _rows(table: Table) -> list[list[str]]:
    return [[c.text for c in table.row_cells(r)] for r in range(table.n_rows)]


def test_a_cell_without_rules_between_is_merged() -> None:
    segs = _rules([0, 100, 200, 300], [0, 20, 40], frozenset({(0, 1), (0, 2)}))
    table = build_table(
        segs, _text("第二十条", 10, 10) + _text("规章", 10, 30) + _text("3", 110, 30) + _text("8", 210, 30)
    )
    assert table.grid[0][0] is table.grid[0][2] and table.grid[0][0].colspan == 3
    assert _rows(table) == [["第二十条"], ["规章", "3", "8"]]
    assert table.grid[1][1].pages == (1,)


def test_a_repeated_header_is_dropped_and_a_cut_row_joined() -> None:
    segs = _rules([0, 100, 200], [0, 20, 40, 60, 80, 100])
    chars = (
        _text("信息内容", 10, 10)
        + _text("数量", 110, 10)
        + _text("1.属于国家秘", 10, 30)  # a row cut by the page break: the label here …
        + _text("信息内容", 10, 50, 2)
        + _text("数量", 110, 50, 2)  # … the header repeated on the next page …
        + _text("密", 10, 70, 2)
        + _text("7", 110, 70, 2)  # … the rest of the label and the figure there
        + _text("2.重复申请", 10, 90, 2)
        + _text("4", 110, 90, 2)
    )
    table = build_table(segs, chars)
    assert repeated_header_rows(table, 2) == 1
    table = join_at_page_break(drop_rows(table, 2, 1), 2)
    assert _rows(table) == [["信息内容", "数量"], ["1.属于国家秘\n密", "7"], ["2.重复申请", "4"]]
    assert table.grid[1][0].pages == (1, 2)


def test_rows_starting_with_an_ordinal_are_not_joined() -> None:
    segs = _rules([0, 100, 200], [0, 20, 40, 60])
    table = build_table(
        segs, _text("表头", 10, 10) + _text("3.要求提供公开出版物", 10, 30) + _text("4.无正当理由", 10, 50)
    )
    assert join_at_page_break(table, 2).n_rows == 3


def test_a_merged_label_cut_by_the_page_break_is_one_cell_again() -> None:
    # 「（六）」 printed at the foot of one page, 「其他处理」 beside the next rows on the next page
    xs, ys = [0, 60, 200, 260], [0, 20, 40, 60, 80]
    missing = frozenset({(-1 - 3, 0)})  # no rule under 「其他处理」's first row: it spans rows 2–3
    segs = _rules(xs, ys, missing)
    chars = (
        _text("（五）", 5, 10)
        + _text("2.重复申请", 65, 10)
        + _text("4", 205, 10)
        + _text("（六）", 5, 30)
        + _text("1.逾期不补正", 65, 30)
        + _text("5", 205, 30)
        + _text("其他处理", 5, 50, 2)
        + _text("2.逾期未缴费", 65, 50, 2)
        + _text("6", 205, 50, 2)
        + _text("3.其他", 65, 70, 2)
        + _text("7", 205, 70, 2)
    )
    table = join_at_page_break(build_table(segs, chars), 2)
    assert table.grid[1][0] is table.grid[3][0] and table.grid[1][0].text == "（六）\n其他处理"
    assert [c.text for c in table.row_cells(2)] == ["（六）\n其他处理", "2.逾期未缴费", "6"]
    # a new group below (its label begins with an ordinal) stays apart
    chars = [pc for pc in chars if pc.char.text not in "其他处理"] + _text("（七）总计", 5, 50, 2)
    table = join_at_page_break(build_table(segs, chars), 2)
    assert table.grid[1][0] is not table.grid[2][0]


# ---------------------------------------------------------------------------------------------------------
# Web pages


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("<meta charset='gb2312'><p>规范性文件</p>".encode("gbk"), "gb18030"),
        ("<meta charset='utf-8'><p>规范性文件</p>".encode("gbk"), "gb18030"),  # claims UTF-8, is GBK
        ("<meta charset='gbk'><p>规范性文件</p>".encode(), "utf-8"),  # saved again as UTF-8
        (b"\xef\xbb\xbf" + "<p>规范性文件</p>".encode(), "utf-8"),
        ("<p>规范性文件</p>".encode("gbk"), "gb18030"),  # nothing declared
    ],
)
def test_pages_are_decoded_by_what_their_bytes_are(data: bytes, encoding: str) -> None:
    text, used = decode_html(data)
    assert "规范性文件" in text and used == encoding


@pytest.mark.parametrize("make", [word_mht, chrome_mhtml])
def test_web_archives_give_their_page(make) -> None:
    html = (
        "<html><head><meta charset='utf-8'></head><body><p>一、总体情况</p>"
        "<table><tr><td>行政&nbsp;复议</td></tr></table></body></html>"
    )
    data = make(html)
    assert kind_of_bytes(data) == "html"
    blocks = read_page(data).blocks
    assert isinstance(blocks[0], Paragraph) and blocks[0].text == "一、总体情况"
    assert isinstance(blocks[1], Table) and blocks[1].grid[0][0].text == "行政复议"


def test_labels_split_over_tags_and_merged_cells() -> None:
    html = (
        "<table><tr><td rowspan='2'><p>三、本</p><p>年<span>度办</span>&nbsp;&nbsp;</p><p><font>理结果</font></p></td>"
        "<td>（一）予以<br>公开</td><td><p><span>7</span><span><o:p></o:p></span></p></td></tr>"
        "<tr><td>（二）部分公开</td><td><b><font>2</font></b></td></tr></table>"
    ).encode()
    [table] = read_page(html).blocks
    assert isinstance(table, Table)
    assert table.grid[0][0] is table.grid[1][0] and table.grid[0][0].text == "三、本\n年度办\n理结果"
    assert table.grid[0][1].text == "（一）予以\n公开" and table.grid[0][2].text == "7" and table.grid[1][2].text == "2"
    assert table.number == 1


def test_hidden_text_scripts_page_numbers_and_portal_lines_are_not_read() -> None:
    html = (
        "<html><head><title>x</title><script>var a='一、总体情况';</script></head><body>"
        "<p>某镇人民政府2024年政府信息公开工作年度报告</p><p>发布时间：2025-01-20 来源：本网</p>"
        "<p style='display: none'>隐藏</p><p hidden>也隐藏</p><form><input value='输入'></form>"
        "<p>一、总体情况</p><p>正文。</p><p>— 3 —</p><p>第 4 页</p></body></html>"
    ).encode()
    texts = [b.text for b in read_page(html).blocks if isinstance(b, Paragraph)]
    assert texts == ["某镇人民政府2024年政府信息公开工作年度报告", "一、总体情况", "正文。"]


def test_header_cells_left_empty_are_joined_to_their_left_neighbour() -> None:
    html = (
        "<table><tr><td>行政复议</td><td>&nbsp;</td><td>行政诉讼</td><td></td></tr>"
        "<tr><td>结果维持</td><td>总计</td><td>结果维持</td><td>总计</td></tr>"
        "<tr><td>1</td><td></td><td>3</td><td>4</td></tr></table>"
    ).encode()
    [table] = read_page(html).blocks
    assert isinstance(table, Table)
    assert table.grid[0][0] is table.grid[0][1] and table.grid[0][2] is table.grid[0][3]
    assert table.grid[2][0] is not table.grid[2][1]  # figures are never joined


# ---------------------------------------------------------------------------------------------------------
# What a file is


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"%PDF-1.7\n", "pdf"),
        (b"junk before\n%PDF-1.4\n", "pdf"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "convert"),
        (b"{\\rtf1\\ansi", "convert"),
        (b"PK\x03\x04rest", "word"),
        (b'  {"format": "2021", "schema_version": 1}', "draft"),
        (b"\xef\xbb\xbf<!DOCTYPE html><html>", "html"),
        (b"\xff\xfe" + "<html><body>".encode("utf-16-le"), "html"),
        (b"<div class='main'><table>", "html"),
        (b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x", "html"),
        (b'<?xml version="1.0"?><?mso-application progid="Word.Document"?><w:wordDocument>', "convert"),
        (b"  \n ", "empty"),
        (b"hello", "unknown"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image"),
        (b"GIF89a\x01\x00", "image"),
        (b"BM\x36\x00\x0c\x00\x00\x00\x00\x00\x36\x00", "image"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "image"),
        (b"II*\x00\x08\x00", "image"),
        (b"BMW annual report", "unknown"),  # 「BM」 alone is no picture
        (bytes(range(256)) + b"<P class=x>" + bytes(range(256)), "unknown"),  # binary bytes holding 「<P」
        (b"<p>\x0c\r\n\t\x1b[0m" + "二、主动公开".encode("gbk"), "html"),  # GBK text, a form feed, an escape
    ],
)
def test_files_are_told_apart_by_their_first_bytes(head: bytes, kind: str) -> None:
    assert kind_of_bytes(head) == kind


def test_a_damaged_draft_is_called_a_damaged_draft_even_if_its_bytes_hold_a_tag(tmp_path: Path) -> None:
    """A draft whose bytes were damaged (a bad USB stick) and happen to hold 「<P」 is not read as a web page
    without tables: the message says it is no draft file."""
    path = tmp_path / "草稿.json"
    path.write_bytes(bytes(range(256)) * 2 + b"<P class=x>" + bytes(range(256)))
    with pytest.raises(DraftError) as caught:
        open_report(path)
    assert caught.value.reason.startswith("不是年报填报助手的草稿文件") and "表格" not in caught.value.reason


def test_a_picture_is_refused_for_what_it_is_whatever_its_name(tmp_path: Path) -> None:
    """A photo of the report saved as 「年报.pdf」 (or .docx): said to be a picture, not a damaged PDF."""
    for name, head, picture in (("年报.pdf", b"\x89PNG\r\n\x1a\n", "PNG"), ("年报.docx", b"\xff\xd8\xff\xe1", "JPEG")):
        path = tmp_path / name
        path.write_bytes(head + bytes(200))
        with pytest.raises(DraftError) as caught:
            open_report(path)
        assert caught.value.reason.startswith(f"这是图片文件（{picture}），不是报告文件，图片中的文字和数字不能读取；")


# ---------------------------------------------------------------------------------------------------------
# The wordings offices print (model/reading: Word files get them too)


def _narrative(lines: list[str]) -> tuple[Draft, list[str]]:
    draft = Draft()
    missing = read_narrative([(line, False) for line in lines], draft)
    return draft, missing


BODY = [fmt.heading(s.key) if s.key != "problems" else "五、存在的主要问题及改进情况" for s in fmt.SECTIONS]


@pytest.mark.parametrize(
    ("title", "agency", "year"),
    [
        (["淮安市人民政府", "2024 年政府信息公开工作年度报告"], "淮安市人民政府", 2024),
        (["2019年上海市人民政府办公厅政府信息公开工作年度报告"], "上海市人民政府办公厅", 2019),
        (["沭阳县发展和改革局2023年政府信息公开年度报告"], "沭阳县发展和改革局", 2023),
        (["平潭综合实验区2024年度政府信息公开工作年度报告"], "平潭综合实验区", 2024),
        (["某某镇人民政府政府信息公开工作年度报告（2024年度）"], "某某镇人民政府", 2024),
        (["2024年淮安市人民政府政府信息公开年度报", "告"], "淮安市人民政府", 2024),  # wrapped in a PDF
        (["2024年政府信息公开工作年度报告"], "某某街道办事处", 2024),  # the agency only at the end
    ],
)
def test_title_forms(title: list[str], agency: str, year: int) -> None:
    draft, _missing = _narrative([*title, "根据条例编制本报告。", *BODY, "无。", "某某街道办事处", "2025年1月20日"])
    assert (draft.agency, draft.year, draft.signing_date) == (agency, year, date(2025, 1, 20))
    assert draft.preamble == "根据条例编制本报告。"


@pytest.mark.parametrize(
    ("heading", "section"),
    [
        ("五、存在的主要问题及整改措施", "problems"),
        ("五、政府信息公开工作存在的主要问题及改进情况", "problems"),
        ("四、因政府信息公开申请行政复议、提起行政诉讼的情况", "review_litigation"),
        ("五．存在的主要问题和改进措施：一是培训不够。", "problems"),
    ],
)
def test_heading_wordings(heading: str, section: str) -> None:
    lines = ["某镇人民政府2024年政府信息公开工作年度报告"]
    for s in fmt.SECTIONS:
        lines.append(heading if s.key == section else s.heading)
        lines.append(f"{s.key} 的文字。")
    draft, missing = _narrative(lines)
    assert missing == []
    assert draft.problems.endswith("problems 的文字。") and draft.cases_lead == "review_litigation 的文字。"


def test_a_numbered_point_inside_a_section_is_not_a_heading() -> None:
    lines = ["某镇人民政府2024年政府信息公开工作年度报告", *[s.heading for s in fmt.SECTIONS[:5]]]
    lines += [
        "五、加强培训，提升能力，下一步将继续推进政务公开标准化规范化建设工作",
        fmt.heading("other_matters"),
        "无。",
    ]
    draft, missing = _narrative(lines)
    assert missing == [] and draft.problems.startswith("五、加强培训")


@pytest.mark.parametrize(
    ("sentence", "fees"),
    [
        ("2023年度，县发展和改革局政府信息公开未发生收费情况。", (0, 0, 0)),
        ("本年度未收取任何费用。", (0, 0, 0)),
        ("2024年，无收取信息处理费情况。", (0, 0, 0)),
        ("全年收取政府信息公开信息处理费0元。", (0, 0, 0)),
        ("全年收取政府信息公开信息处理费3940元。", (None, None, 3940)),
        ("本年度发出收费通知2件，通知金额300元，实际收取金额300元。", (2, 300, 300)),
        ("无其他需要报告的事项。", (None, None, None)),
    ],
)
def test_fee_sentences(sentence: str, fees: tuple[int | None, ...]) -> None:
    draft, _missing = _narrative(["某镇人民政府2024年政府信息公开工作年度报告", *BODY, sentence])
    assert (draft.fees["notices"], draft.fees["notified_amount"], draft.fees["collected_amount"]) == fees


def _table(rows: list[list[str]]) -> Table:
    grid: list[list[GridText | None]] = [[GridText(t, r, c) for c, t in enumerate(row)] for r, row in enumerate(rows)]
    return Table(grid)


def test_the_2019_word_under_the_2021_columns_is_the_2021_row() -> None:
    cols_2021 = [c.label for c in fmt.PROACTIVE_BLOCKS[0].columns]
    read = read_proactive(
        [_table([[fmt.PROACTIVE_ITEM_HEADER, *cols_2021], ["规章", "0", "0", "1"], ["规范性文件", "8", "2", "18"]])]
    )
    assert read.layout == fmt.FORMAT_ID
    assert [
        read.figures[Cell("proactive", "normative_documents", c.key)].value for c in fmt.PROACTIVE_BLOCKS[0].columns
    ] == [8, 2, 18]
    cols_2019 = [c.label for c in fmt.PROACTIVE_BLOCKS_2019[0].columns]
    old = read_proactive([_table([[fmt.PROACTIVE_ITEM_HEADER, *cols_2019], ["规范性文件", "8", "2", "18"]])])
    assert old.layout == fmt.FORMAT_2019_ID and not old.figures


# ---------------------------------------------------------------------------------------------------------
# The rules on these wordings


def test_answered_including_carried_over_is_the_total_handled() -> None:
    d = draft_from_fixture("r03")  # 一 3119, 二 34, （七）总计 3050
    d.applications_lead = "全年答复政府信息公开申请3050件（含上年度结转申请34件），103件顺延至下年度办理。"
    assert [f for f in check(d) if f.rule.startswith("T")] == []
    d.applications_lead = "全年答复政府信息公开申请3153件（含上年度结转申请34件）。"
    [t3] = [f for f in check(d) if f.rule == "T3"]
    assert "（七）总计" in t3.message and "3050" in t3.message


def test_all_upheld_while_cases_are_pending_is_a_hint() -> None:
    d = draft_from_fixture("r03")  # 行政复议 尚未审结 37, 诉讼 1 + 6
    d.cases_lead = "全年发生行政复议351件，均获维持。"
    [t6] = [f for f in check(d) if f.rule == "T9"]
    assert t6.severity is Severity.HINT and "「行政复议」尚未审结 37 件" in t6.message and "诉讼" not in t6.message
    assert t6.cells[1:] == (Cell("cases", "review", "pending"),)
    d.cases_lead = "行政诉讼案件均已审结。"
    [t6] = [f for f in check(d) if f.rule == "T9"]
    assert "「未经复议直接起诉」尚未审结 1 件、「复议后起诉」尚未审结 6 件" in t6.message
    d.set_case("review", "pending", 0)
    d.cases_lead = "行政复议案件均获维持。"
    assert [f for f in check(d) if f.rule == "T9"] == []


def test_all_concluded_while_carried_forward_is_a_hint() -> None:
    d = draft_from_fixture("r03")  # 结转下年度 103
    d.applications_lead = "本年度收到的申请均已办结。"
    [t6] = [f for f in check(d) if f.rule == "T9"]
    assert "结转下年度继续办理」（总计）为 103 件" in t6.message
    for col in fmt.APPLICANT_INPUT_COLUMNS:
        d.set_application("carried_forward", col.key, 0)
    assert [f for f in check(d) if f.rule == "T9"] == []


@pytest.mark.parametrize("sentence", ["本年度未收取任何费用。", "本年度未发生收费情况。"])
def test_no_fee_words_against_a_collected_amount(sentence: str) -> None:
    d = draft_from_fixture("r03")
    d.fees.update(notices=1, notified_amount=Decimal(300), collected_amount=Decimal(300))
    d.other_matters = sentence
    assert [f.rule for f in check(d) if f.rule == "T4"] == ["T4"]


# ---------------------------------------------------------------------------------------------------------
# Where a figure was printed


def test_places_in_words() -> None:
    assert describe_places([Place((3,)), Place((4, 3))]) == "PDF 第 3、4 页"
    assert describe_places([Place(table=2), Place(table=2)]) == "网页第 2 个表格"
    assert describe_places([Place()]) == ""


def test_findings_are_placed_only_on_figures_with_a_place() -> None:
    cell, other = Cell("applications", "disclosed", "total"), Cell("cases", "review", "total")
    opened = OpenedReport(Path("x.pdf"), Draft(), "pdf", places={cell: Place((5,))})
    on_cell = Finding("D2", Severity.ERROR, "applications", "总计不符", cells=(cell, other))
    elsewhere = Finding("B1", Severity.ERROR, "basic", "未填写机关全称", cells=(Cell("basic", "agency"),))
    assert [f.message for f in opened.placed([on_cell, elsewhere])] == ["总计不符（见 PDF 第 5 页）", "未填写机关全称"]
    assert opened.placed([on_cell])[0].key == on_cell.key  # an explanation still finds its finding


def test_pdfs_are_read_one_at_a_time_from_many_threads() -> None:
    results: list[object] = []

    def read() -> None:
        results.append(import_pdf(path_of("hzq-2024")).draft.to_json())

    threads = [threading.Thread(target=read) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 4 and all(r == results[0] for r in results)


def test_a_self_contained_styled_page_reads_every_figure(tmp_path: Path) -> None:
    # as a writer of clean HTML reports would make it: a <style> block, inline styles, <h1>/<h2>, <thead>,
    # <th> cells, <colgroup>, the closing block right-aligned
    draft = distinct_draft()
    draft.signing_date = date(2025, 1, 20)
    html = report_html(draft)
    html = html.replace("<head>", "<head><style>td{border:1px solid #000} h1{font-family:'方正小标宋简体'}</style>")
    html = html.replace(f"<p>{draft.title}</p>", f"<h1 style='text-align:center;font-size:22pt'>{draft.title}</h1>")
    for section in fmt.SECTIONS:
        html = html.replace(f"<p>{section.heading}</p>", f"<h2 style='font-family:黑体'>{section.heading}</h2>")
    html = html.replace(
        "<table border='1'>", "<table style='border-collapse:collapse;width:100%'><colgroup><col></colgroup>"
    )
    html = html.replace("<td ", "<td style='text-align:center;padding:2pt' ")
    html = html.replace(
        "</body>", f"<p style='text-align:right'>{draft.agency}</p><p style='text-align:right'>2025年1月20日</p></body>"
    )
    page = tmp_path / "report.html"
    page.write_text(html, encoding="utf-8")
    opened = open_report(page)
    got = opened.draft
    assert (got.agency, got.year, got.signing_date, got.problems) == (
        draft.agency,
        2024,
        date(2025, 1, 20),
        draft.problems,
    )
    for table in ("proactive", "applications", "cases"):
        assert getattr(got, table) == getattr(draft, table), table
    assert {p.table for p in opened.places.values()} == {1, 2, 3}
