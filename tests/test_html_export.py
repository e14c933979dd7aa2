"""The web page (issue 13): one self-contained UTF-8 file a government website's editor keeps as it is —
inline styles on every element, no style sheet, script or outside file — with the three tables on exactly
the official template's grids (rowspan/colspan), 0 in every number cell, widths in per cent, each table in a
block that scrolls sideways; parsed with lxml and rendered by headless Chromium."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import ROOT
from docx_helpers import normalise
from grid_helpers import html_regions, official_regions
from lxml import html as lxml_html
from PIL import Image
from test_docx_export import busy_draft

from model import format as fmt
from model.docx.writer import ExportError
from model.draft import Draft
from model.published.html_writer import build_html, export_html, html_fragment, plain_text
from model.storage.drafts import load_draft
from tools.render_pages import chromium, run_chromium

SAMPLE = ROOT / "resources" / "sample-caochang-2024.json"


@pytest.fixture
def busy() -> Draft:
    return busy_draft(load_draft(SAMPLE))


@pytest.fixture
def page(tmp_path: Path, busy: Draft) -> Path:
    path = tmp_path / "报告.html"
    export_html(busy, path)
    return path


def parsed(path: Path) -> lxml_html.HtmlElement:
    return lxml_html.document_fromstring(path.read_bytes())


def figure(value: int | Decimal | None) -> str:
    return "0" if value is None else str(value)


def test_one_self_contained_utf8_file(page: Path) -> None:
    raw = page.read_bytes()
    raw.decode("utf-8")  # UTF-8 throughout
    root = parsed(page)
    assert root.find(".//meta[@charset]").get("charset").lower() == "utf-8"
    assert root.get("lang") == "zh-CN"
    for tag in ("script", "style", "link", "img", "iframe", "object", "embed", "base"):
        assert root.findall(f".//{tag}") == [], tag
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        assert not [a for a in element.attrib if a.startswith("on") or a in ("src", "href", "srcset")], element.tag
        assert "url(" not in element.get("style", "")
    body = root.find("body")
    assert body.get("style")  # every element of the report carries its own style (editors strip <style>)
    for element in body.iter("div", "h1", "h2", "h3", "p", "table", "th", "td"):
        assert element.get("style"), lxml_html.tostring(element, encoding="unicode")[:80]


def test_headings_and_paragraphs_are_plain_elements_in_print_order(page: Path, busy: Draft) -> None:
    root = parsed(page)
    content = root.find("body/div")
    blocks = [(e.tag, e.text_content()) for e in content if e.tag != "div"]
    assert blocks[0] == ("h1", "米易县草场镇人民政府2024年政府信息公开工作年度报告")
    assert [text for tag, text in blocks if tag == "h2"] == [s.heading for s in fmt.SECTIONS]
    assert [text for tag, text in blocks if tag == "h3"] == [p.heading for p in busy.overview_points]
    paragraphs = [text for tag, text in blocks if tag == "p"]
    assert paragraphs[-2:] == ["米易县草场镇人民政府", "2025年1月13日"]
    assert "第一段总述。" in paragraphs and "第二段总述。" in paragraphs  # split on the blank line
    for narrative in (busy.preamble, busy.problems, busy.other_matters):
        for line in filter(None, (x.strip("\u3000 ") for x in narrative.splitlines())):
            assert line in paragraphs
    # tables 二, 三, 四 each right after its heading (and its lead sentence, if any)
    children = list(content)
    for key, grid_rows in (("proactive", 14), ("applications", 28), ("review_litigation", 4)):
        at = next(i for i, e in enumerate(children) if e.tag == "h2" and e.text_content() == fmt.heading(key))
        after = children[at + 1 :]
        block = next(e for e in after if e.tag != "p")
        assert block.tag == "div" and len(block.findall(".//tr")) == grid_rows, key
    for text in ("说明文字不应出现在文件中", "结转原因不应出现在文件中"):
        assert text not in page.read_text(encoding="utf-8")  # the clerk's notes are never published


def test_tables_have_exactly_the_official_grids(page: Path, busy: Draft) -> None:
    tables = parsed(page).findall(".//table")
    assert len(tables) == 3
    for name, table, template in zip(("二", "三", "四"), tables, official_regions(), strict=True):
        regions = html_regions(table)
        assert [(r.row, r.col, r.rowspan, r.colspan) for r in regions] == [
            (r.row, r.col, r.rowspan, r.colspan) for r in template
        ], f"table {name}"
        for mine, theirs in zip(regions, template, strict=True):
            if theirs.text:
                assert mine.text == theirs.text, f"table {name} at {(theirs.row, theirs.col)}"
            else:
                assert mine.text, f"table {name} at {(theirs.row, theirs.col)}: a number cell is never blank"
    at = {n: {(r.row, r.col): r.text for r in html_regions(t)} for n, t in zip(("二", "三", "四"), tables, strict=True)}
    for i, row in enumerate(fmt.APPLICATION_ROWS):
        for j, column in enumerate(fmt.APPLICANT_COLUMNS):
            assert at["三"][(3 + i, 3 + j)] == figure(busy.applications[row.key][column.key])
    assert at["二"][(13, 1)] == "12.3456" and at["二"][(6, 1)] == "0"
    assert at["四"][(3, 14)] == figure(busy.cases["litigation_after_review"]["total"])


def test_every_cell_has_its_border_width_and_alignment_inline(page: Path) -> None:
    for table in parsed(page).findall(".//table"):
        assert table.get("border") == "1" and "border-collapse:collapse" in table.get("style")
        assert re.search(r"min-width:\d+px", table.get("style"))
        block = table.getparent()
        assert block.tag == "div" and "overflow-x:auto" in block.get("style")  # scrolls sideways on a phone
        for cell in table.iter("td", "th"):
            style = cell.get("style")
            assert "border:1px solid #000" in style and "text-align:" in style
            assert re.fullmatch(r"\d+(\.\d+)?%", cell.get("width"))
        first = table.find(".//tr")
        regions = html_regions(table)
        cols = max(r.col + r.colspan for r in regions)
        # the widths of the cells of any row that covers every column add up to the whole table
        for tr in table.iter("tr"):
            spans = sum(int(c.get("colspan", "1")) for c in tr)
            if spans == cols:
                assert sum(float(c.get("width").rstrip("%")) for c in tr) == pytest.approx(100, abs=0.1)
        assert first is not None


def test_headings_of_columns_are_header_cells(page: Path) -> None:
    t3 = parsed(page).findall(".//table")[1]
    heads = [normalise(th.text_content()) for th in t3.iter("th")]
    assert heads[:2] == [normalise(fmt.APPLICATIONS_CORNER), "申请人情况"]
    assert {"自然人", "商业企业", "总计"} <= set(heads)
    assert all(th.get("scope") == "col" for th in t3.iter("th"))
    assert not [td for td in t3.iter("td") if normalise(td.text_content()) in ("自然人", "总计")]


def test_merged_labels_keep_their_number_on_a_line_of_its_own(page: Path) -> None:
    t3 = parsed(page).findall(".//table")[1]
    merged = {
        lxml_html.tostring(td, encoding="unicode").split(">", 1)[1].rsplit("<", 1)[0]
        for td in t3.iter("td")
        if td.get("rowspan")
    }
    assert "（三）<br>不予公开" in merged and "三、<br>本年度办理结果" in merged


def test_fragment_and_plain_text_for_the_clipboard(busy: Draft) -> None:
    fragment = html_fragment(busy)
    assert fragment.startswith("<div") and "<html" not in fragment and "<body" not in fragment
    assert fragment in build_html(busy)
    text = plain_text(busy)
    lines = text.splitlines()
    assert lines[0] == "米易县草场镇人民政府2024年政府信息公开工作年度报告"
    assert "\u3000\u3000第一段总述。" in lines
    row = next(line for line in lines if line.startswith("一、本年新收政府信息公开申请数量"))
    expected = [figure(busy.applications["new_received"][c.key]) for c in fmt.APPLICANT_COLUMNS]
    assert row.split("\t") == ["一、本年新收政府信息公开申请数量", "", "", *expected]


def test_export_refuses_wrong_names(tmp_path: Path, busy: Draft) -> None:
    with pytest.raises(ExportError, match=r"报告\.pdf：导出的文件名应以 \.html 结尾"):
        export_html(busy, tmp_path / "报告.pdf")
    export_html(busy, tmp_path / "报告.htm")  # .htm too
    assert (tmp_path / "报告.htm").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    (tmp_path / "同名.html").mkdir()
    with pytest.raises(ExportError, match="同名的文件夹已存在"):
        export_html(busy, tmp_path / "同名.html")


def test_special_characters_are_escaped(tmp_path: Path, busy: Draft) -> None:
    busy.problems = '问题<script>alert(1)</script> & "引号"'
    path = tmp_path / "x.html"
    export_html(busy, path)
    root = parsed(path)
    assert root.findall(".//script") == []
    assert '问题<script>alert(1)</script> & "引号"' in [p.text_content() for p in root.iter("p")]


# -- as a browser draws it -----------------------------------------------------------------------------

needs_chromium = pytest.mark.skipif(chromium() is None, reason="headless Chromium (Debian's chromium) is not installed")

# Instruments a copy of the page (never the page itself): writes every cell's box and the page's widths
# into the document, read back from Chromium's --dump-dom.
PROBE = """<script>
const boxes = [...document.querySelectorAll('td, th')].map(c => { const r = c.getBoundingClientRect();
  return [r.left, r.top, r.right, r.bottom]; });
const blocks = [...document.querySelectorAll('table')].map(t => { const b = t.parentElement;
  return [b.clientWidth, b.scrollWidth, t.getBoundingClientRect().width]; });
const out = document.createElement('pre'); out.id = 'probe';
out.textContent = JSON.stringify({boxes, blocks, page: [document.documentElement.clientWidth,
  document.documentElement.scrollWidth, document.documentElement.scrollHeight]});
document.body.appendChild(out);
</script>"""


def probe(page: Path, tmp_path: Path, width: int, height: int = 2000) -> dict:
    copy = tmp_path / f"probe-{width}.html"
    copy.write_text(page.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), encoding="utf-8")
    result = run_chromium(copy, "--dump-dom", width=width, height=height)
    dom = lxml_html.document_fromstring(result.stdout)
    found = dom.get_element_by_id("probe")
    return json.loads(found.text_content())


@needs_chromium
def test_chromium_draws_every_cell_border(page: Path, tmp_path: Path) -> None:
    width = 1100
    measured = probe(page, tmp_path, width)
    height = int(measured["page"][2]) + 40
    png = tmp_path / "page.png"
    run_chromium(page, f"--screenshot={png}", width=width, height=height)
    image = Image.open(png).convert("L")
    boxes = probe(page, tmp_path, width, height)["boxes"]
    assert len(boxes) == sum(len(t) for t in official_regions())

    def dark_near(x: float, y: float, horizontal: bool) -> bool:
        """A dark pixel on the border line through (x, y), within 2 px across it."""
        for d in range(-2, 3):
            px = (round(x), round(y) + d) if horizontal else (round(x) + d, round(y))
            if 0 <= px[0] < image.width and 0 <= px[1] < image.height and image.getpixel(px) < 110:
                return True
        return False

    missing = []
    for left, top, right, bottom in boxes:
        mid_x, mid_y = (left + right) / 2, (top + bottom) / 2
        for name, ok in (
            ("top", dark_near(mid_x + 3, top, True)),  # off the middle: not a glyph of a centred figure
            ("bottom", dark_near(mid_x + 3, bottom - 1, True)),
            ("left", dark_near(left, mid_y + 3, False)),
            ("right", dark_near(right - 1, mid_y + 3, False)),
        ):
            if not ok:
                missing.append((name, round(left), round(top)))
    assert missing == []


@needs_chromium
def test_on_a_phone_the_wide_tables_scroll_in_their_blocks(page: Path, tmp_path: Path) -> None:
    measured = probe(page, tmp_path, 500)  # the narrowest window headless Chromium opens
    client, scroll, _height = measured["page"]
    assert scroll <= client  # the page itself never scrolls sideways: the text wraps
    wide = [b for b in measured["blocks"] if b[1] > b[0] + 1]
    assert len(wide) >= 2  # 三 and 四 keep their widths and scroll inside their blocks
    for client_width, scroll_width, table_width in wide:
        assert client_width <= 500 and scroll_width >= table_width - 1
