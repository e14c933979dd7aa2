"""PDF export (issue 13): the report as a reader of the PDF sees it — A4 pages, every font embedded, every label,
heading and figure in the text layer, the GB/T 9704 margins and line grid, page numbers alternating sides,
the tables with exactly the official template's grids, a table broken with its header rows repeated and no
row split, the draft attached — read with poppler's tools and pdfplumber, on real files."""

from __future__ import annotations

import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pytest
from conftest import ROOT
from docx_helpers import normalise
from grid_helpers import box_regions, official_regions
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1
from test_docx_export import busy_draft

from model import format as fmt
from model.docx.writer import ExportError
from model.draft import Draft
from model.reading.carried import PDF_ATTACHMENT, parse_item
from model.storage.drafts import load_draft, save_draft
from printing.fonts import choose_fonts
from printing.render import ensure_application, export_pdf

pytestmark = pytest.mark.usefixtures("qt_app")

MM = 72 / 25.4  # points per millimetre
A4 = (210 * MM, 297 * MM)
LINE_PITCH_PT = 28.95  # GB/T 9704: 22 lines in the 225 mm text block
SAMPLE = ROOT / "resources" / "sample-caochang-2024.json"


@pytest.fixture(scope="module")
def qt_app():
    return ensure_application()


@pytest.fixture(scope="module")
def busy() -> Draft:
    return busy_draft(load_draft(SAMPLE))


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory, qt_app, busy: Draft) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "报告.pdf"
    export_pdf(busy, path)
    return path


def printed_text(path: Path) -> str:
    """The text layer as pdftotext reads it, in drawing order (-raw): a label wrapped inside its cell (「自然」
    over 「人」) stays together instead of interleaving with the cells beside it."""
    result = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    return result.stdout.decode("utf-8")


def figure(value: int | Decimal | None) -> str:
    """A figure as the report prints it (0 when not entered; amounts as written)."""
    return "0" if value is None else str(value)


# -- the page ------------------------------------------------------------------------------------------


def test_every_page_is_a4(exported: Path) -> None:
    with pdfplumber.open(exported) as pdf:
        assert len(pdf.pages) >= 5
        for page in pdf.pages:
            assert abs(page.width - A4[0]) < 1 and abs(page.height - A4[1]) < 1, page.page_number


def test_every_font_is_embedded(exported: Path) -> None:
    listing = subprocess.run(["pdffonts", str(exported)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in listing.splitlines()[2:] if line.strip()]
    assert len(rows) >= 3  # title, body, headings, tables: several faces
    for row in rows:
        emb = row[-5]  # name … type … encoding | emb sub uni | object ID (2 columns)
        assert emb == "yes", row
    assert exported.stat().st_size < 1_500_000  # subsets, not whole CJK faces (each is 10–20 MB)


def test_text_layer_has_every_heading_label_and_paragraph(exported: Path, busy: Draft) -> None:
    text = re.sub(r"—\d+—", "", normalise(printed_text(exported)))  # a paragraph goes on after the page number
    assert "米易县草场镇人民政府2024年政府信息公开工作年度报告" in text
    for section in fmt.SECTIONS:
        assert normalise(section.heading) in text
    for table in official_regions():
        for region in table:
            if region.text:
                assert region.text in text, region
    for narrative in (busy.preamble, busy.problems, busy.other_matters, *(p.text for p in busy.overview_points)):
        for line in narrative.splitlines():
            assert normalise(line) in text
    assert "2025年1月13日" in text
    # every character is the ideograph drawn, never the radical a CJK face shares its glyph with (⺠ for 民)
    assert not [ch for ch in text if 0x2E80 <= ord(ch) <= 0x2FDF]


# -- margins, line grid and page numbers ---------------------------------------------------------------


def baseline(char: dict) -> float:
    """The baseline of a character, from the top of the page (its text matrix), whatever its face."""
    return char["page_height"] - char["matrix"][5] if "page_height" in char else char["matrix"][5]


def _body_lines(page: pdfplumber.page.Page) -> dict[float, list[dict]]:
    """The text lines of a page in the body size (三号, 16 pt) by their baseline from the top of the page."""
    chars = [dict(c, page_height=page.height) for c in page.chars if abs(c["size"] - 16) < 0.6]
    lines: dict[float, list[dict]] = {}
    for c in chars:
        key = next((k for k in lines if abs(k - baseline(c)) < 2), baseline(c))
        lines.setdefault(key, []).append(c)
    return {k: sorted(lines[k], key=lambda c: c["x0"]) for k in sorted(lines)}


def test_margins_and_line_grid_of_gb_t_9704(exported: Path) -> None:
    with pdfplumber.open(exported) as pdf:
        page = pdf.pages[1]  # a page of running text
        by_baseline = _body_lines(page)
        assert len(by_baseline) == 22  # 22 lines a page, headings on the same grid as the body
        baselines = list(by_baseline)
        steps = [b - a for a, b in zip(baselines, baselines[1:], strict=False)]
        assert all(abs(s - LINE_PITCH_PT) < 0.05 for s in steps), steps
        lines = list(by_baseline.values())
        assert lines[0][0]["top"] > 37 * MM - 1 and lines[-1][-1]["bottom"] < A4[1] - 35 * MM + 1
        lefts = [line[0]["x0"] for line in lines]
        rights = [line[-1]["x1"] for line in lines]
        assert min(lefts) == pytest.approx(28 * MM, abs=0.6)  # left margin 28 mm
        assert max(rights) == pytest.approx(A4[0] - 26 * MM, abs=1.5)  # justified to the right margin 26 mm
        full = [line for line in lines if line[0]["x0"] < 28 * MM + 1]  # not a first line (indented 2 chars)
        widths = [sum(0.5 if c["text"].isascii() else 1 for c in line) for line in full]  # digits: half
        assert max(widths) == 28 and 28 in [len(line) for line in full]  # 28 characters a line
        indented = [line for line in lines if line[0]["x0"] > 28 * MM + 20]
        assert indented and all(line[0]["x0"] == pytest.approx(28 * MM + 32, abs=1) for line in indented)


def test_page_numbers_alternate_sides(exported: Path) -> None:
    with pdfplumber.open(exported) as pdf:
        assert len(pdf.pages) >= 4
        for page in pdf.pages:
            n = page.page_number
            footer = [w for w in page.extract_words() if w["top"] > A4[1] - 35 * MM]
            assert [w["text"] for w in footer] == ["—", str(n), "—"] or normalise(
                "".join(w["text"] for w in footer)
            ) == f"—{n}—", footer
            left, right = footer[0]["x0"], footer[-1]["x1"]
            assert footer[0]["top"] > A4[1] - 35 * MM + 5 * MM  # under the text block, not in it
            if n % 2:  # odd: right-aligned, one character (四号, 14 pt) in from the right edge of the text
                assert right == pytest.approx(A4[0] - 26 * MM - 14, abs=1.5), n
            else:  # even: left-aligned, one character in from the left edge
                assert left == pytest.approx(28 * MM + 14, abs=1.5), n
            assert all(abs(c["size"] - 14) < 0.6 for c in page.chars if c["top"] > A4[1] - 35 * MM)


# -- tables --------------------------------------------------------------------------------------------


def page_tables(page: pdfplumber.page.Page) -> list[list[tuple[float, float, float, float, str]]]:
    """The tables drawn on `page`: cell boxes grouped into tables by touching edges, each box with the text
    of the characters inside it."""
    boxes = sorted((r["x0"], r["top"], r["x1"], r["bottom"]) for r in page.rects)
    chars = page.chars
    tables: list[list[tuple[float, float, float, float]]] = []
    for box in sorted(boxes, key=lambda b: (b[1], b[0])):
        for table in tables:
            if box[1] <= max(b[3] for b in table) + 1 and box[3] >= min(b[1] for b in table) - 1:
                table.append(box)
                break
        else:
            tables.append([box])
    out = []
    for table in tables:
        cells = []
        for x0, top, x1, bottom in table:
            inside = [
                c for c in chars if x0 < (c["x0"] + c["x1"]) / 2 < x1 and top < (c["top"] + c["bottom"]) / 2 < bottom
            ]
            text = "".join(c["text"] for c in sorted(inside, key=lambda c: (round(c["top"]), c["x0"])))
            cells.append((x0, top, x1, bottom, text))
        out.append(cells)
    return out


def test_tables_have_exactly_the_official_grids(exported: Path, busy: Draft) -> None:
    with pdfplumber.open(exported) as pdf:
        tables = [t for page in pdf.pages for t in page_tables(page)]
    assert len(tables) == 3  # each kept whole on one page
    official = official_regions()
    for name, drawn, template in zip(("二", "三", "四"), tables, official, strict=True):
        regions = box_regions(drawn)
        assert [(r.row, r.col, r.rowspan, r.colspan) for r in regions] == [
            (r.row, r.col, r.rowspan, r.colspan) for r in template
        ], f"table {name}"
        for mine, theirs in zip(regions, template, strict=True):
            if theirs.text:  # every label of the template, word for word, in the same cell
                assert mine.text == theirs.text, f"table {name} at {(theirs.row, theirs.col)}"
    # figures in their cells, 0 where nothing was entered, amounts as written
    t2, t3, t4 = (box_regions(t) for t in tables)
    at = {name: {(r.row, r.col): r.text for r in t} for name, t in (("二", t2), ("三", t3), ("四", t4))}
    assert at["三"][(3, 3)] == figure(busy.applications["new_received"]["natural_person"])
    assert at["三"][(26, 9)] == figure(busy.applications["total_handled"]["total"])
    assert at["四"][(3, 14)] == figure(busy.cases["litigation_after_review"]["total"])
    assert at["二"][(13, 1)] == "12.3456"
    assert at["二"][(6, 1)] == "0"  # 行政许可 not entered
    for row in fmt.APPLICATION_ROWS:
        r = 3 + fmt.APPLICATION_ROWS.index(row)
        for j, column in enumerate(fmt.APPLICANT_COLUMNS):
            assert at["三"][(r, 3 + j)] == figure(busy.applications[row.key][column.key]), (row.key, column.key)


def test_a_table_too_long_for_its_page_repeats_its_headers_and_splits_no_row(tmp_path: Path, busy: Draft) -> None:
    """A long lead sentence pushes table 三 past the page foot: it breaks between rows, the three header rows
    are drawn again on the next page, and every row stands whole on one page."""
    busy.applications_lead = "本年度收到和处理政府信息公开申请的情况说明。" * 40
    path = tmp_path / "长.pdf"
    export_pdf(busy, path)
    with pdfplumber.open(path) as pdf:
        parts = []
        for page in pdf.pages:
            for table in page_tables(page):
                if any("申请人情况" in text for *_box, text in table):
                    parts.append((page.page_number, box_regions(table)))
    assert len(parts) == 2 and parts[1][0] == parts[0][0] + 1
    header = [(r.row, r.col, r.rowspan, r.colspan, r.text) for r in official_regions()[1] if r.row < 3]
    for _page, regions in parts:  # both parts begin with the official header rows
        assert [(r.row, r.col, r.rowspan, r.colspan, r.text) for r in regions if r.row < 3] == header
    seen = []
    for _page, regions in parts:
        rows = sorted({r.row for r in regions if r.row >= 3})
        for row in rows:
            cells = [r for r in regions if r.row == row and r.col >= 3]
            assert len(cells) == 7 and all(r.rowspan == 1 for r in cells)  # 7 figures of the row on this page
            seen.append(tuple(r.text for r in cells))
    expected = [
        tuple(figure(busy.applications[row.key][c.key]) for c in fmt.APPLICANT_COLUMNS) for row in fmt.APPLICATION_ROWS
    ]
    assert seen == expected  # every row once, in order, none lost or doubled at the break


# -- the draft inside, errors, the command line --------------------------------------------------------


def pdf_attachments(path: Path) -> dict[str, bytes]:
    """The files attached to the PDF at `path` (its EmbeddedFiles name tree), by name."""
    out = {}
    with path.open("rb") as fh:
        doc = PDFDocument(PDFParser(fh))
        names = resolve1(resolve1(doc.catalog["Names"])["EmbeddedFiles"])
        pairs = resolve1(names["Names"])
        for name, spec in zip(pairs[::2], pairs[1::2], strict=True):
            raw = resolve1(name)
            title = raw.decode("utf-16") if raw.startswith(b"\xfe\xff") else raw.decode("latin-1")
            stream = resolve1(resolve1(resolve1(spec)["EF"])["F"])
            out[title] = stream.get_data()
    return out


def test_the_draft_travels_attached_without_the_clerks_notes(exported: Path, busy: Draft) -> None:
    attached = pdf_attachments(exported)
    assert list(attached) == [PDF_ATTACHMENT] == ["nianbao-draft.xml"]
    embedded = parse_item(attached["nianbao-draft.xml"])
    assert embedded is not None and embedded.checksum_ok
    restored = Draft.from_json(embedded.data)
    assert restored.applications == busy.applications and restored.proactive == busy.proactive
    assert restored.preamble == busy.preamble and restored.cases == busy.cases
    assert restored.explanations == {} and restored.carried_over_reason == ""  # never published
    assert busy.explanations and busy.carried_over_reason


def test_properties_name_the_report(exported: Path) -> None:
    with pdfplumber.open(exported) as pdf:
        assert pdf.metadata["Title"] == "米易县草场镇人民政府2024年政府信息公开工作年度报告"
        assert pdf.metadata["Author"] == "米易县草场镇人民政府"
        assert pdf.metadata["Creator"] == "年报填报助手"


def test_export_refuses_wrong_names_and_never_leaves_half_files(tmp_path: Path, busy: Draft) -> None:
    with pytest.raises(ExportError, match=r"报告\.docx：导出的文件名应以 \.pdf 结尾"):
        export_pdf(busy, tmp_path / "报告.docx")
    (tmp_path / "同名.pdf").mkdir()
    with pytest.raises(ExportError, match="同名的文件夹已存在"):
        export_pdf(busy, tmp_path / "同名.pdf")
    with pytest.raises(ExportError, match="文件夹不存在"):
        export_pdf(busy, tmp_path / "拔出的U盘" / "报告.pdf")
    old = tmp_path / "旧.pdf"
    old.write_bytes(b"%PDF-1.4 old")
    export_pdf(busy, old)  # replaced whole, as every export replaces its file
    assert old.read_bytes().startswith(b"%PDF-1.4") and len(old.read_bytes()) > 10_000
    assert sorted(p.name for p in tmp_path.iterdir()) == ["同名.pdf", "旧.pdf"]  # no temporary file left


def test_fonts_follow_the_documented_fallbacks() -> None:
    windows = {n.lower(): n for n in ("SimSun", "SimHei", "FangSong", "KaiTi", "Times New Roman", "宋体")}
    fonts = choose_fonts(windows)
    assert fonts["body"].family == "FangSong" and fonts["body"].preferred == "仿宋_GB2312"
    assert fonts["heading1"].family == "SimHei" and fonts["heading1"].substituted
    assert fonts["heading2"].family == "KaiTi" and fonts["title"].family == "宋体"
    assert fonts["latin"].family == "Times New Roman" and not fonts["latin"].substituted
    assert fonts["body"].describe() == "正文 仿宋_GB2312（本机没有，用 FangSong 代替）"
    office = dict(windows, **{"仿宋_gb2312": "仿宋_GB2312", "方正小标宋简体": "方正小标宋简体"})
    fonts = choose_fonts(office)
    assert fonts["body"].family == "仿宋_GB2312" and not fonts["body"].substituted
    assert fonts["title"].family == "方正小标宋简体"
    linux = {n.lower(): n for n in ("AR PL UMing CN", "AR PL UKai CN", "Noto Sans CJK SC", "Noto Serif CJK SC")}
    fonts = choose_fonts(linux)
    assert (fonts["body"].family, fonts["heading2"].family, fonts["heading1"].family, fonts["title"].family) == (
        "AR PL UMing CN",
        "AR PL UKai CN",
        "Noto Sans CJK SC",
        "Noto Serif CJK SC",
    )


def _main(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, cwd=cwd, timeout=120
    )


def test_cli_exports_a_pdf_and_lists_the_faces_that_stood_in(tmp_path: Path) -> None:
    draft = tmp_path / "草稿.json"
    save_draft(load_draft(SAMPLE), draft)
    result = _main("export", str(draft), "-o", "报告.pdf", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "报告.pdf").read_bytes().startswith(b"%PDF-")
    # this machine has no 仿宋_GB2312: the face used instead is named
    assert re.search(r"正文：仿宋_GB2312 → \S+", result.stdout), result.stdout
    result = _main("export", str(draft), "--format", "pdf", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "米易县草场镇人民政府2024年政府信息公开工作年度报告.pdf").exists()
    result = _main("export", str(draft), "-o", "报告.txt", cwd=tmp_path)
    assert result.returncode == 2 and "报告.txt：不知道导出成哪种格式" in result.stderr
    result = _main("export", str(draft), "-o", "报告.docx", "--format", "pdf", cwd=tmp_path)
    assert result.returncode == 2 and "导出的文件名应以 .pdf 结尾" in result.stderr


def test_cli_loads_qt_only_for_a_pdf(tmp_path: Path) -> None:
    """The other commands and formats start without Qt (a quick command line on an old PC)."""
    draft = tmp_path / "d.json"
    save_draft(load_draft(SAMPLE), draft)
    code = (
        "import sys; from cli.commands import run;"
        f"assert run(['export', {str(draft)!r}, '-o', sys.argv[1]]) == 0;"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))) != [])"
    )
    for name, loads_qt in (("r.docx", "False"), ("r.html", "False"), ("r.pdf", "True")):
        out = subprocess.run(
            [sys.executable, "-c", code, str(tmp_path / name)], cwd=ROOT, capture_output=True, text=True, check=True
        )
        assert out.stdout.strip().splitlines()[-1] == loads_qt, name


def test_an_empty_draft_prints_its_tables_with_0_everywhere(tmp_path: Path) -> None:
    path = tmp_path / "空.pdf"
    done = export_pdf(Draft(), path)
    assert done.pages >= 2
    with pdfplumber.open(path) as pdf:
        tables = [box_regions(t) for page in pdf.pages for t in page_tables(page)]
        text = normalise("".join(page.extract_text() for page in pdf.pages))
    assert len(tables) == 3
    for regions, template in zip(tables, official_regions(), strict=True):
        for mine, theirs in zip(regions, template, strict=True):
            assert mine.text == (theirs.text or "0")  # labels as the template, 0 in every number cell
    assert text.startswith("政府信息公开工作年度报告")  # no agency, no year: no stray 「年」
