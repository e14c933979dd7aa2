"""DOCX export: content read back with python-docx, grids against the official template, page set-up and
fonts, the embedded draft, and exports that must fail cleanly (real files, real folders)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from conftest import DATA
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx_helpers import body_tables, cell_map, normalise, printed_figure, table_cells
from faults import run_failing_write
from lxml import etree

from cli.commands import run
from model import format as fmt
from model.docx.embed import EMBED_NAMESPACE, canonical_json, read_embedded
from model.docx.grid import official_grids
from model.docx.writer import (
    TEXT_WIDTH,
    ExportError,
    build_document,
    default_file_name,
    export_docx,
    format_figure,
    printable_copy,
    text_paragraphs,
)
from model.draft import Draft
from model.storage.drafts import load_draft, save_draft

TEMPLATE = DATA / "official-template.docx"


def busy_draft(sample: Draft) -> Draft:
    """The sample with a distinct figure in every input cell (a misplaced figure shows), an amount with
    four decimals, one blank cell, extra narrative paragraphs and things that must not be printed."""
    draft = sample
    n = 1
    for row in fmt.APPLICATION_ROWS:
        if row.computed:
            continue
        for col in fmt.APPLICANT_INPUT_COLUMNS:
            draft.set_application(row.key, col.key, n)
            n += 1
    for group in fmt.CASE_GROUPS:
        for col in fmt.CASE_INPUT_COLUMNS:
            draft.set_case(group.key, col.key, n)
            n += 1
    for _block, item, field in fmt.proactive_cells():
        draft.proactive[item.key][field.key] = Decimal("12.3456") if field.kind == "amount" else n
        n += 1
    draft.proactive["licensing"]["decisions"] = None  # not entered: printed 0
    draft.overview_lead = "第一段总述。\n\n\u3000\u3000第二段总述。"
    draft.proactive_lead = "本年度主动公开情况如下。"
    draft.contact = "联系电话：0812-8888888"
    draft.explanations["X2:proactive:regulations:in_force"] = "说明文字不应出现在文件中"
    draft.carried_over_reason = "结转原因不应出现在文件中"
    return draft


@pytest.fixture
def busy(sample_draft: Draft) -> Draft:
    return busy_draft(sample_draft)


@pytest.fixture
def exported(tmp_path: Path, busy: Draft) -> Path:
    path = tmp_path / "report.docx"
    export_docx(busy, path)
    return path


def _expected_paragraphs(draft: Draft) -> list[tuple[str, str]]:
    """The body paragraphs (style name, text) the exporter must write for `draft`, in order."""
    headings = {s.key: s.heading for s in fmt.SECTIONS}
    out = [("Title", f"{draft.agency}\n{draft.title[len(draft.agency) :]}")]
    out += [("Normal", p) for p in text_paragraphs(draft.preamble) + text_paragraphs(draft.contact)]
    out.append(("Heading 1", headings["overview"]))
    out += [("Normal", p) for p in text_paragraphs(draft.overview_lead)]
    for point in draft.overview_points:
        out.append(("Heading 2", point.heading))
        out += [("Normal", p) for p in text_paragraphs(point.text)]
    for key, lead in (
        ("proactive", draft.proactive_lead),
        ("applications", draft.applications_lead),
        ("review_litigation", draft.cases_lead),
    ):
        out.append(("Heading 1", headings[key]))
        out += [("Normal", p) for p in text_paragraphs(lead)]
    out.append(("Heading 1", headings["problems"]))
    out += [("Normal", p) for p in text_paragraphs(draft.problems)]
    out.append(("Heading 1", headings["other_matters"]))
    out += [("Normal", p) for p in text_paragraphs(draft.other_matters)]
    out += [("Closing", draft.agency), ("Closing", "2025年1月13日")]
    return out


# -- content -------------------------------------------------------------------------------------------


def test_round_trip_text_headings_and_figures(exported: Path, busy: Draft) -> None:
    document = docx.Document(str(exported))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    assert paragraphs == _expected_paragraphs(busy)
    assert "第二段总述。" in [t for _s, t in paragraphs]  # split on the blank line, indent spaces dropped

    tables = body_tables(document)
    assert len(tables) == 3
    for tbl, grid in zip(tables, official_grids(), strict=True):
        cells = cell_map(tbl)
        for gc in grid.cells:
            printed = cells[(gc.row, gc.col)].text
            if gc.role == "value":
                assert gc.ref is not None
                value = getattr(busy, gc.ref.table)[gc.ref.row][gc.ref.column]
                assert printed == printed_figure(value), (grid.key, gc)
                assert printed.strip(), "number cells are never blank"
            else:
                assert normalise(printed) == normalise(gc.text), (grid.key, gc)
    # spot checks by position against the official layout
    t2, t3, t4 = (cell_map(t) for t in tables)
    assert t3[(3, 3)].text == str(busy.applications["new_received"]["natural_person"])
    assert t3[(26, 9)].text == str(busy.applications["total_handled"]["total"])
    assert t4[(3, 14)].text == str(busy.cases["litigation_after_review"]["total"])
    assert t2[(13, 1)].text == "12.3456"
    assert t2[(6, 1)].text == "0"  # 行政许可 not entered


def test_empty_draft_prints_zero_everywhere(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    export_docx(Draft(), path)
    document = docx.Document(str(path))
    for tbl, grid in zip(body_tables(document), official_grids(), strict=True):
        cells = cell_map(tbl)
        assert all(cells[(c.row, c.col)].text == "0" for c in grid.value_cells())
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == [s.heading for s in fmt.SECTIONS]
    assert document.paragraphs[0].text == "政府信息公开工作年度报告"  # no agency, no year: no stray 「年」


def test_figures_are_plain_decimals() -> None:
    assert format_figure(Decimal("1E+2")) == "100"
    assert format_figure(Decimal("0.00012")) == "0.00012"
    assert format_figure(Decimal("3.50")) == "3.5"
    assert format_figure(None) == "0"
    assert format_figure(2629) == "2629"


def test_nothing_but_the_report_is_printed(exported: Path, busy: Draft) -> None:
    with zipfile.ZipFile(exported) as zf:
        names = [n for n in zf.namelist() if n == "word/document.xml" or n.startswith("word/footer")]
        printed = "".join(zf.read(n).decode("utf-8") for n in names)
    assert "说明文字不应出现在文件中" not in printed
    assert "结转原因不应出现在文件中" not in printed
    assert "<w:highlight" not in printed and "<w:shd" not in printed
    assert "<w:comment" not in printed


def test_control_characters_in_text_do_not_break_the_export(tmp_path: Path, busy: Draft) -> None:
    busy.problems = "问题\x01一\x0b问题二\x1f。"
    path = tmp_path / "r.docx"
    export_docx(busy, path)
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    assert "问题一" in texts and "问题二。" in texts


# -- grids against the official template ---------------------------------------------------------------


def _structure(tbl: etree._Element) -> list[tuple[int, int, int, str | None]]:
    return [(c.row, c.col, c.span, c.vmerge) for c in table_cells(tbl)]


def test_grids_equal_the_official_template_region_by_region(exported: Path) -> None:
    ours = body_tables(docx.Document(str(exported)))
    theirs = body_tables(docx.Document(str(TEMPLATE)))
    assert len(theirs) == len(ours) == 3
    for name, mine, official in zip(("二", "三", "四"), ours, theirs, strict=True):
        assert _structure(mine) == _structure(official), f"table {name}"
        mine_cells, official_cells = cell_map(mine), cell_map(official)
        assert len(mine.findall(qn("w:tblGrid") + "/" + qn("w:gridCol"))) == len(
            official.findall(qn("w:tblGrid") + "/" + qn("w:gridCol"))
        )
        for pos, cell in official_cells.items():
            label = normalise(cell.text)
            if label:  # every label of the template, word for word, in the same place
                assert normalise(mine_cells[pos].text) == label, f"table {name} at {pos}"


def test_value_cells_sit_under_the_official_headings() -> None:
    """Each value cell of 三 and 四 is under the template's column heading and beside its row label."""
    official = body_tables(docx.Document(str(TEMPLATE)))
    _t2, t3, t4 = (cell_map(t) for t in official)
    _g2, g3, g4 = official_grids()
    for gc in g3.value_cells():
        assert gc.ref is not None
        column = fmt.APPLICATION_COLUMN_BY_KEY[gc.ref.column]
        head = t3[(2, gc.col)] if column.organisation else t3[(1, gc.col)]
        assert normalise(head.text) == column.label
        row = fmt.APPLICATION_ROW_BY_KEY[gc.ref.row]
        labels = [normalise(t3[(gc.row, c)].text) for c in range(3) if (gc.row, c) in t3]
        assert normalise(row.label) == [x for x in labels if x][-1]
    for gc in g4.value_cells():
        assert gc.ref is not None
        column = fmt.CASE_COLUMN_BY_KEY[gc.ref.column]
        head = t4[(2, gc.col)] if (2, gc.col) in t4 and t4[(2, gc.col)].vmerge is None else t4[(1, gc.col)]
        assert normalise(head.text) == column.label


# -- page, fonts, footers, table properties ------------------------------------------------------------


def test_page_set_up_is_gb_t_9704(exported: Path) -> None:
    document = docx.Document(str(exported))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]
    text_width = section.page_width - section.left_margin - section.right_margin
    assert abs(text_width - Mm(156)) < Mm(0.1)
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"
    assert 575 <= int(grid.get(qn("w:linePitch"))) <= 580
    assert int(grid.get(qn("w:charSpace"))) < 0  # 28 characters of 16 pt squeezed into 156 mm


def _rfonts(style) -> dict[str, str]:
    fonts = style.element.rPr.find(qn("w:rFonts"))
    return {k.split("}")[1]: v for k, v in fonts.attrib.items()}


def test_fonts_are_set_for_chinese_text(exported: Path) -> None:
    styles = docx.Document(str(exported)).styles
    expected = {
        "Normal": ("仿宋_GB2312", 16),
        "Title": ("方正小标宋简体", 22),
        "Heading 1": ("黑体", 16),
        "Heading 2": ("楷体_GB2312", 16),
    }
    for name, (east_asia, size) in expected.items():
        fonts = _rfonts(styles[name])
        assert fonts["eastAsia"] == east_asia, name
        assert fonts["ascii"] == fonts["hAnsi"] == "Times New Roman", name
        assert not any(k.endswith("Theme") or k == "cstheme" for k in fonts), name
        assert styles[name].font.size == Pt(size), name
        assert styles[name].font.bold in (None, False), name
    assert styles["Title"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert styles["Normal"].paragraph_format.first_line_indent == Pt(32)  # two characters of 三号
    assert styles["Heading 1"].paragraph_format.first_line_indent == Pt(32)


def test_font_table_names_windows_fallbacks(exported: Path) -> None:
    document = docx.Document(str(exported))
    part = document.part.part_related_by(RT.FONT_TABLE)
    fonts = {f.get(qn("w:name")): f for f in etree.fromstring(part.blob).findall(qn("w:font"))}
    for name, alt in {"仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "方正小标宋简体": "宋体", "黑体": "SimHei"}.items():
        assert fonts[name].find(qn("w:altName")).get(qn("w:val")) == alt
        assert fonts[name].find(qn("w:charset")).get(qn("w:val")) == "86"
        assert fonts[name].find(qn("w:family")) is not None


def test_page_numbers_odd_right_even_left(exported: Path) -> None:
    document = docx.Document(str(exported))
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    for footer, side, alignment in (
        (section.footer, "right", WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, "left", WD_ALIGN_PARAGRAPH.LEFT),
    ):
        assert not footer.is_linked_to_previous
        paragraph = footer.paragraphs[0]
        assert paragraph.text == "— 1 —"
        assert [i.text.strip() for i in paragraph._p.iter(qn("w:instrText"))] == ["PAGE"]
        assert paragraph.alignment == alignment
        ind = paragraph._p.pPr.find(qn("w:ind"))
        assert int(ind.get(qn(f"w:{side}"))) == 280  # one character of 四号 in from the edge
        fonts = _rfonts(document.styles["Footer"])
        assert fonts["eastAsia"] == fonts["ascii"] == "宋体"
        assert document.styles["Footer"].font.size == Pt(14)


def test_tables_fit_the_text_width_and_keep_their_rows(exported: Path) -> None:
    tables = body_tables(docx.Document(str(exported)))
    for tbl, grid in zip(tables, official_grids(), strict=True):
        cols = [int(g.get(qn("w:w"))) for g in tbl.iter(qn("w:gridCol"))]
        tbl_pr = tbl.find(qn("w:tblPr"))
        assert int(tbl_pr.find(qn("w:tblW")).get(qn("w:w"))) == sum(cols) == TEXT_WIDTH
        assert tbl_pr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        borders = tbl_pr.find(qn("w:tblBorders"))
        assert {b.get(qn("w:val")) for b in borders} == {"single"} and len(borders) == 6
        for r, tr in enumerate(tbl.findall(qn("w:tr"))):
            tr_pr = tr.find(qn("w:trPr"))
            assert tr_pr.find(qn("w:cantSplit")) is not None
            assert (tr_pr.find(qn("w:tblHeader")) is not None) == (r < grid.header_rows), (grid.key, r)
            col = 0
            for tc in tr.findall(qn("w:tc")):
                pr = tc.find(qn("w:tcPr"))
                span_el = pr.find(qn("w:gridSpan"))
                span = int(span_el.get(qn("w:val"))) if span_el is not None else 1
                assert int(pr.find(qn("w:tcW")).get(qn("w:w"))) == sum(cols[col : col + span])
                assert pr.find(qn("w:vAlign")).get(qn("w:val")) == "center"
                col += span
            assert col == len(cols)
    assert official_grids()[1].header_rows == 3


def test_header_cells_are_centred(exported: Path) -> None:
    tables = body_tables(docx.Document(str(exported)))
    for tbl, grid in zip(tables, official_grids(), strict=True):
        cells = cell_map(tbl)
        for gc in grid.cells:
            if gc.role in ("header", "value"):
                jc = cells[(gc.row, gc.col)].element.find(f"{qn('w:p')}/{qn('w:pPr')}/{qn('w:jc')}")
                assert jc is None or jc.get(qn("w:val")) == "center"  # TableText style centres
    table_text = docx.Document(str(exported)).styles["Table Text"]
    assert table_text.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert _rfonts(table_text)["eastAsia"] == "宋体"


# -- the embedded draft --------------------------------------------------------------------------------


def test_embedded_draft_comes_back_exactly(exported: Path, busy: Draft) -> None:
    embedded = read_embedded(exported)
    assert embedded is not None and embedded.checksum_ok
    printable = printable_copy(busy)  # the clerk's notes stay out of the file
    assert embedded.data == printable.to_json()
    assert Draft.from_json(embedded.data) == printable
    # the part survives python-docx opening and saving the file (as an editor keeps unknown parts)
    again = exported.with_name("again.docx")
    docx.Document(str(exported)).save(str(again))
    assert read_embedded(again) == embedded


def test_explanations_and_reason_never_travel_in_the_docx(tmp_path: Path, sample_path: Path) -> None:
    draft = load_draft(sample_path)
    draft.explanations["B2:basic:signing_date:"] = "县政务公开办统一延期"
    draft.carried_over_reason = "上年误填，已与县办核对"
    path = tmp_path / "r.docx"
    export_docx(draft, path)
    embedded = read_embedded(path)
    assert embedded is not None and embedded.checksum_ok
    assert embedded.data["explanations"] == {} and embedded.data["carried_over_reason"] == ""
    with zipfile.ZipFile(path) as z:
        everything = b"".join(z.read(n) for n in z.namelist()).decode("utf-8", "replace")
    assert "统一延期" not in everything and "误填" not in everything
    assert draft.explanations  # the draft itself is untouched


def _rewrite_item(src: Path, dst: Path, change) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename.startswith("customXml/item") and EMBED_NAMESPACE.encode() in data:
                data = change(data)
            zout.writestr(info, data)


def test_tampered_embedded_draft_fails_its_checksum(exported: Path, tmp_path: Path) -> None:
    changed = tmp_path / "changed.docx"
    _rewrite_item(exported, changed, lambda b: b.replace("米易县草场镇".encode(), "米易县丙谷镇".encode(), 1))
    embedded = read_embedded(changed)
    assert embedded is not None and not embedded.checksum_ok
    assert embedded.data["agency"] == "米易县丙谷镇人民政府"


def test_foreign_or_damaged_files_give_no_draft(exported: Path, tmp_path: Path) -> None:
    assert read_embedded(TEMPLATE) is None  # a Word file without our part
    not_zip = tmp_path / "x.docx"
    not_zip.write_bytes(b"\xd0\xcf\x11\xe0 not a zip")
    assert read_embedded(not_zip) is None
    truncated = tmp_path / "t.docx"
    truncated.write_bytes(exported.read_bytes()[:3000])
    assert read_embedded(truncated) is None
    assert read_embedded(tmp_path / "missing.docx") is None
    garbled = tmp_path / "g.docx"
    _rewrite_item(exported, garbled, lambda b: b[: len(b) // 2])
    assert read_embedded(garbled) is None


def test_entities_in_the_part_are_never_expanded(exported: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET", encoding="utf-8")
    data = {"agency": "&xxe;"}
    evil = (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        f'<draft xmlns="{EMBED_NAMESPACE}" version="1"><sha256>0</sha256><json>{canonical_json(data)}</json></draft>'
    ).encode()
    path = tmp_path / "evil.docx"
    _rewrite_item(exported, path, lambda _b: evil)
    result = read_embedded(path)
    assert result is None or "SECRET" not in json.dumps(result.data)


# -- file name and failing exports ---------------------------------------------------------------------


def test_default_file_name(sample_draft: Draft) -> None:
    assert default_file_name(sample_draft) == "米易县草场镇人民政府2024年政府信息公开工作年度报告.docx"
    sample_draft.agency = '某县/某镇:人民政府*?"<>|'
    name = default_file_name(sample_draft)
    assert name == "某县_某镇_人民政府______2024年政府信息公开工作年度报告.docx"
    sample_draft.year = None
    assert default_file_name(sample_draft).endswith("人民政府______政府信息公开工作年度报告.docx")


@pytest.mark.parametrize("lock", ["~${name}", "~${short}"])
def test_file_open_in_word_is_not_overwritten(tmp_path: Path, busy: Draft, lock: str) -> None:
    target = tmp_path / "草场镇年报.docx"
    target.write_bytes(b"the version open in Word")
    (tmp_path / lock.format(name=target.name, short=target.name[2:])).write_bytes(b"owner")
    with pytest.raises(ExportError) as info:
        export_docx(busy, target)
    assert "Word" in str(info.value) and target.name in str(info.value)
    assert target.read_bytes() == b"the version open in Word"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_refused_replace_as_when_word_holds_the_file(tmp_path: Path, busy: Draft) -> None:
    """On Windows, replacing a file open in Word fails with PermissionError even without a lock file. An
    immutable file (chattr +i) refuses the rename the same way here, also for root."""
    target = tmp_path / "r.docx"
    target.write_bytes(b"the version open in Word")
    if not shutil.which("chattr") or subprocess.run(["chattr", "+i", str(target)], capture_output=True).returncode:
        pytest.skip("cannot make an immutable file here (chattr missing or not supported)")
    try:
        with pytest.raises(ExportError) as info:
            export_docx(busy, target)
        assert "正被其他程序" in str(info.value) and "r.docx" in str(info.value)
    finally:
        subprocess.run(["chattr", "-i", str(target)], check=True)
    assert target.read_bytes() == b"the version open in Word"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.docx"]


def test_vanished_folder(tmp_path: Path, busy: Draft) -> None:
    with pytest.raises(ExportError, match="文件夹不存在"):
        export_docx(busy, tmp_path / "pulled-usb" / "r.docx")


def test_target_must_be_a_docx(tmp_path: Path, busy: Draft) -> None:
    draft_file = tmp_path / "draft.json"
    save_draft(busy, draft_file)
    before = draft_file.read_bytes()
    with pytest.raises(ExportError, match=r"\.docx"):
        export_docx(busy, draft_file)  # a slip in the file dialog must not overwrite the draft
    assert draft_file.read_bytes() == before
    (tmp_path / "folder.docx").mkdir()
    with pytest.raises(ExportError, match="文件夹"):
        export_docx(busy, tmp_path / "folder.docx")


def _export_in_subprocess(folder: Path, *, read_only_mount: bool = False, file_limit: int | None = None):
    """Export the sample onto `folder/r.docx` in a child process, with `folder` mounted read-only (root,
    `unshare`) and/or under RLIMIT_FSIZE `file_limit` (a disk that fills up part-way)."""
    body = f"""
from model.docx.writer import ExportError, export_docx
from model.storage.drafts import load_draft
draft = load_draft({str(folder / "draft.json")!r})
try:
    export_docx(draft, {str(folder / "r.docx")!r})
except ExportError as exc:
    print(exc)
    sys.exit(3)
"""
    return run_failing_write(body, folder, read_only_mount=read_only_mount, file_limit=file_limit)


def test_read_only_folder_leaves_target_and_draft_untouched(sample_draft: Draft) -> None:
    folder = Path(tempfile.mkdtemp(prefix="ro-export-"))
    try:
        save_draft(sample_draft, folder / "draft.json")
        (folder / "r.docx").write_bytes(b"last year's export")
        draft_before = (folder / "draft.json").read_bytes()
        as_root = os.geteuid() == 0
        if as_root and not shutil.which("unshare"):
            pytest.skip("root ignores folder permissions and unshare is missing")
        folder.chmod(0o555)
        result = _export_in_subprocess(folder, read_only_mount=as_root)
        if as_root and "unshare" in result.stderr:
            pytest.skip(f"cannot make a read-only mount here: {result.stderr.strip()}")
        assert result.returncode == 3, result.stderr
        assert "r.docx" in result.stdout and ("只读" in result.stdout or "权限" in result.stdout)
        assert (folder / "r.docx").read_bytes() == b"last year's export"
        assert (folder / "draft.json").read_bytes() == draft_before
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


def test_a_folder_without_write_permission_is_named_as_such_not_as_a_file_open_in_word(sample_draft: Draft) -> None:
    """Issue 14: exporting into a folder one may not write to (errno EACCES, as Windows reports a protected
    folder or a write-protected stick) said the file was open in Word or WPS."""
    folder = Path(tempfile.mkdtemp(prefix="denied-export-"))
    try:
        save_draft(sample_draft, folder / "draft.json")
        (folder / "draft.json").chmod(0o644)
        folder.chmod(0o555)
        body = f"""
from model.docx.writer import ExportError, export_docx
from model.storage.drafts import load_draft
draft = load_draft({str(folder / "draft.json")!r})
try:
    export_docx(draft, {str(folder / "r.docx")!r})
except ExportError as exc:
    print(exc)
    sys.exit(3)
"""
        result = run_failing_write(body, folder, unprivileged=True)
        assert result.returncode == 3, result.stderr
        assert "r.docx" in result.stdout and "文件夹" in result.stdout and "写入权限" in result.stdout
        assert "Word" not in result.stdout and "打开" not in result.stdout
        assert sorted(p.name for p in folder.iterdir()) == ["draft.json"]  # no probe or half file left
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


def test_full_disk_leaves_no_half_file(tmp_path: Path, sample_draft: Draft) -> None:
    save_draft(sample_draft, tmp_path / "draft.json")
    (tmp_path / "r.docx").write_bytes(b"last year's export")
    result = _export_in_subprocess(tmp_path, file_limit=20_000)  # the DOCX is far larger
    assert result.returncode == 3, result.stderr
    assert "磁盘空间已满" in result.stdout
    assert (tmp_path / "r.docx").read_bytes() == b"last year's export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.json", "r.docx"]


def test_cli_export(tmp_path: Path, sample_path: Path) -> None:
    out = tmp_path / "out.docx"
    assert run(["export", str(sample_path), "-o", str(out)], sys.stdout, sys.stderr) == 0
    assert read_embedded(out).data == load_draft(sample_path).to_json()
    (tmp_path / "~$out.docx").write_bytes(b"owner")
    before = out.read_bytes()
    assert run(["export", str(sample_path), "-o", str(out)], sys.stdout, sys.stderr) == 2
    assert out.read_bytes() == before


def test_build_document_is_repeatable(busy: Draft) -> None:
    first, second = build_document(busy), build_document(busy)
    assert [p.text for p in first.paragraphs] == [p.text for p in second.paragraphs]
    assert [etree.tostring(t._tbl) for t in first.tables] == [etree.tostring(t._tbl) for t in second.tables]
