"""Lossless round trip: export → import → export, and our own DOCX edited in Word afterwards.

Our export carries the draft inside it; importing it restores the draft exactly. Without that part (or
with it damaged) the printed report is read, and it gives back the same figures and text. When the
printed tables or text were changed in Word after the export, what is printed wins and finding I8 names
the difference.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import docx
import pytest
from conftest import ROOT
from docx_builders import distinct_draft, figures
from realdata import draft_from_fixture

from model.docx.embed import read_embedded
from model.docx.reader import import_docx
from model.docx.writer import export_docx, printable_copy, text_paragraphs
from model.draft import Draft
from model.reading.carried import item_xml
from model.rules import check
from model.storage.drafts import load_draft


def _rich_draft() -> Draft:
    """A draft using every narrative field, a contact block, explanations (never exported) and last year's record."""
    d = distinct_draft()
    d.signing_date = date(2025, 1, 13)
    d.contact = "联系电话：0812-0000000\n地址：某某镇政府办公室"
    d.overview_lead = "本年度，本镇认真贯彻落实《条例》。"
    d.proactive_lead = "主动公开情况如下。"
    d.applications_lead = "收到和处理申请情况如下。"
    d.cases_lead = "行政复议、行政诉讼情况如下。"
    d.problems = "（一）存在的主要问题：培训不足。\n（二）改进情况：加强培训。"
    d.explanations = {"X2:proactive:normative_documents:in_force": "两件文件到期失效。"}
    d.other_matters = "本年度未收取信息处理费。\x07（粘贴带来的控制字符）\u3000\u3000"
    d.carried_over_reason = ""
    return d


def _drafts(sample_path: Path) -> dict[str, Draft]:
    r05 = draft_from_fixture("r05")
    r05.signing_date = date(2025, 1, 20)
    return {"sample": load_draft(sample_path), "rich": _rich_draft(), "r05": r05}


def _document_text(path: Path) -> list[str]:
    """Return what a reader sees: every paragraph and every table cell (each merged cell once), in order."""
    document = docx.Document(str(path))
    out = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            seen: list[object] = []
            for cell in row.cells:
                if cell._tc not in seen:
                    seen.append(cell._tc)
                    out.append(cell.text)
    return out


def _rewrite(source: Path, target: Path, change: Callable[[str, bytes], bytes | None]) -> Path:
    """Copy the zip `source` to `target`, each member passed through `change(name, blob)` (None drops it)."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = change(info.filename, src.read(info))
            if blob is not None:
                dst.writestr(info.filename, blob)
    return target


def _without_embedded(source: Path, target: Path) -> Path:
    def change(name: str, blob: bytes) -> bytes | None:
        if name.startswith("customXml/"):
            return None
        if name == "word/_rels/document.xml.rels":
            return re.sub(rb"<Relationship [^>]*customXml[^>]*/>", b"", blob)
        if name == "[Content_Types].xml":
            return re.sub(rb'<Override PartName="/customXml[^>]*/>', b"", blob)
        return blob

    return _rewrite(source, target, change)


@pytest.mark.parametrize("name", ["sample", "rich", "r05"])
def test_export_import_export_is_lossless(tmp_path: Path, sample_path: Path, name: str) -> None:
    draft = _drafts(sample_path)[name]
    first = tmp_path / "first.docx"
    export_docx(draft, first)
    result = import_docx(first)
    assert result.source == "embedded"
    assert result.findings == []
    assert result.draft.to_json() == printable_copy(draft).to_json()
    second = tmp_path / "second.docx"
    export_docx(result.draft, second)
    assert _document_text(second) == _document_text(first)
    assert import_docx(second).draft.to_json() == printable_copy(draft).to_json()


@pytest.mark.parametrize("name", ["sample", "rich", "r05"])
def test_printed_report_of_our_export_reads_back_the_same(tmp_path: Path, sample_path: Path, name: str) -> None:
    """Without the embedded draft (e.g. copied into a new file in Word), the printed report is read."""
    draft = _drafts(sample_path)[name]
    exported = tmp_path / "exported.docx"
    export_docx(draft, exported)
    bare = _without_embedded(exported, tmp_path / "bare.docx")
    result = import_docx(bare)
    assert result.source == "printed"
    got = result.draft
    expected = {k: (0 if v is None else v) for k, v in figures(draft).items()}  # 0 is printed for not entered
    assert figures(got) == expected
    assert (got.agency, got.year, got.signing_date) == (draft.agency, draft.year, draft.signing_date)
    assert got.preamble == draft.preamble  # the contact printed after it is read into the contact fields
    if name == "rich":  # 「联系电话：…」「地址：…」 lines, labelled
        assert (got.contact_phone, got.contact_address, got.contact) == ("0812-0000000", "某某镇政府办公室", "")
    for field in ("overview_lead", "proactive_lead", "applications_lead", "cases_lead", "problems", "other_matters"):
        assert getattr(got, field) == "\n".join(text_paragraphs(getattr(draft, field))), field  # as printed
    printed_points = [(p.heading, p.text) for p in draft.overview_points if p.text.strip()]  # empty ones not printed
    assert [(p.heading, p.text) for p in got.overview_points] == printed_points
    assert {f.rule for f in result.findings} <= {"I1"}
    second = tmp_path / "again.docx"
    export_docx(got, second)
    printed = _document_text(exported)
    if name == "rich":  # the labelled lines come back as the contact sentence offices print
        at = printed.index("联系电话：0812-0000000")
        sentence = "如对本报告有疑问，请与测试县某某镇人民政府联系（地址：某某镇政府办公室；联系电话：0812-0000000）。"
        printed[at : at + 2] = [sentence]
    assert _document_text(second) == printed


def _edit_cell(source: Path, target: Path, row_label: str, column: int, text: str) -> Path:
    """Retype, with python-docx (as Word would save it), the cell at `column` of the row labelled `row_label`."""
    document = docx.Document(str(source))
    for table in document.tables:
        for row in table.rows:
            if any(c.text == row_label for c in row.cells):
                cell = row.cells[column]
                cell.paragraphs[0].runs[0].text = text
                document.save(str(target))
                return target
    raise AssertionError(f"row {row_label} not found")


def test_figure_retyped_in_word_wins_and_is_named(tmp_path: Path) -> None:
    draft = _rich_draft()
    exported = tmp_path / "exported.docx"
    export_docx(draft, exported)
    old = draft.applications["new_received"]["natural_person"]
    edited = _edit_cell(exported, tmp_path / "edited.docx", "一、本年新收政府信息公开申请数量", 3, str(old + 5))
    result = import_docx(edited)
    assert result.source == "printed"
    got = result.draft
    assert got.applications["new_received"]["natural_person"] == old + 5
    changed = {k for k, v in figures(got).items() if v != figures(draft)[k]}
    assert changed == {"applications/new_received/natural_person"}
    # what only the embedded draft knows is kept
    assert got.explanations == {} and got.contact == draft.contact  # explanations stay out of the DOCX
    assert got.problems == draft.problems
    [finding] = result.findings
    assert finding.rule == "I8" and finding.severity.value == "explain"
    assert f"表三 一、本年新收政府信息公开申请数量（自然人） 内嵌 {old}、打印 {old + 5}" in finding.message
    # the hand edit broke the arithmetic, and the checker says so
    rules = {f.rule for f in check(got)}
    assert {"D2", "S1"} <= rules


def test_text_retyped_in_word_wins(tmp_path: Path) -> None:
    draft = _rich_draft()
    exported = tmp_path / "exported.docx"
    export_docx(draft, exported)
    document = docx.Document(str(exported))
    target = next(p for p in document.paragraphs if p.text == "（二）改进情况：加强培训。")
    target.runs[0].text = "（二）改进情况：加强培训，每季度检查一次。"
    for r in target.runs[1:]:
        r.text = ""
    edited = tmp_path / "edited.docx"
    document.save(str(edited))
    result = import_docx(edited)
    got = result.draft
    assert got.problems == "（一）存在的主要问题：培训不足。\n（二）改进情况：加强培训，每季度检查一次。"
    assert got.contact == draft.contact and got.preamble == draft.preamble
    assert figures(got) == figures(draft)
    assert [f.rule for f in result.findings] == ["I8"] and "正文文字" in result.findings[0].message


def test_damaged_embedded_draft_falls_back_to_print(tmp_path: Path) -> None:
    draft = _rich_draft()
    exported = tmp_path / "exported.docx"
    export_docx(draft, exported)

    def tamper(name: str, blob: bytes) -> bytes:
        if name.startswith("customXml/item") and b"urn:nianbao:draft" in blob and b"<sha256>" in blob:
            return blob.replace("测试县某某镇人民政府".encode(), "别的镇人民政府".encode(), 1)
        return blob

    result = import_docx(_rewrite(exported, tmp_path / "tampered.docx", tamper))
    assert result.source == "printed"
    assert result.draft.agency == draft.agency  # from the print, not from the tampered data
    assert figures(result.draft) == figures(draft)
    assert [f.rule for f in result.findings] == ["I9"]


def test_the_export_records_the_sha256_of_its_print(tmp_path: Path) -> None:
    """The draft carried in the DOCX names, by SHA-256, the main document part the export wrote beside it."""
    exported = tmp_path / "exported.docx"
    export_docx(_rich_draft(), exported)
    with zipfile.ZipFile(exported) as zf:
        printed = hashlib.sha256(zf.read("word/document.xml")).hexdigest()
    embedded = read_embedded(exported)
    assert embedded is not None and embedded.checksum_ok
    assert embedded.printed == printed


def _carrying(exported: Path, target: Path, draft: Draft, printed: str, *, break_checksum: bool = False) -> Path:
    """`exported` with its carried draft replaced by `draft`, recorded as going with the print `printed`."""
    blob = item_xml(draft, printed)
    if break_checksum:
        blob = blob.replace("测试县某某镇人民政府".encode(), "别的镇人民政府".encode(), 1)

    def replace(name: str, old: bytes) -> bytes:
        return blob if name.startswith("customXml/item") and b"urn:nianbao:draft" in old else old

    return _rewrite(exported, target, replace)


def test_a_print_as_exported_is_not_read_again(tmp_path: Path) -> None:
    """The SHA-256 recorded at the export decides: while the main part is the one the draft was exported
    with, the carried draft is restored without reading the print; otherwise what is printed wins (I8).

    Shown with a carried draft that differs from its print (made by hand here; the export never does it)."""
    printed_draft = _rich_draft()
    exported = tmp_path / "exported.docx"
    export_docx(printed_draft, exported)
    with zipfile.ZipFile(exported) as zf:
        print_sha256 = hashlib.sha256(zf.read("word/document.xml")).hexdigest()
    carried = _rich_draft()
    old = carried.applications["new_received"]["natural_person"]
    carried.applications["new_received"]["natural_person"] = old + 7

    trusted = import_docx(_carrying(exported, tmp_path / "same-print.docx", carried, print_sha256))
    assert (trusted.source, trusted.findings) == ("embedded", [])
    assert trusted.draft.to_json() == carried.to_json()

    for name, recorded in (("no-record.docx", ""), ("other-print.docx", hashlib.sha256(b"other").hexdigest())):
        result = import_docx(_carrying(exported, tmp_path / name, carried, recorded))
        assert result.source == "printed", name
        assert result.draft.applications["new_received"]["natural_person"] == old, name
        assert [f.rule for f in result.findings] == ["I8"], name

    edited = import_docx(_carrying(exported, tmp_path / "edited.docx", carried, print_sha256, break_checksum=True))
    assert edited.source == "printed" and [f.rule for f in edited.findings] == ["I9"]
    assert edited.draft.applications["new_received"]["natural_person"] == old


def test_tables_deleted_in_word_fall_back_to_the_embedded_draft(tmp_path: Path) -> None:
    draft = _rich_draft()
    exported = tmp_path / "exported.docx"
    export_docx(draft, exported)
    document = docx.Document(str(exported))
    tbl = document.tables[2]._tbl
    tbl.getparent().remove(tbl)
    edited = tmp_path / "no-table4.docx"
    document.save(str(edited))
    result = import_docx(edited)
    assert result.draft.to_json() == printable_copy(draft).to_json()
    [finding] = result.findings
    assert finding.rule == "I8" and "未找到表四" in finding.message


def test_sub_headings_without_ordinals_are_kept_by_their_style(tmp_path: Path) -> None:
    """A clerk renamed a sub-point to 「政府信息管理情况」 (no （三））: our export prints it in the level-2
    heading style, and the printed reading keeps it as a sub-point."""
    draft = _rich_draft()
    draft.overview_points[2].heading = "政府信息管理情况"
    exported = tmp_path / "exported.docx"
    export_docx(draft, exported)
    got = import_docx(_without_embedded(exported, tmp_path / "bare.docx")).draft
    printed_points = [(p.heading, p.text) for p in draft.overview_points if p.text.strip()]  # empty ones not printed
    assert [(p.heading, p.text) for p in got.overview_points] == printed_points


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("本年度发出信息处理费收费通知2件，通知金额1200.5元，实际收取金额300元。", (2, "1200.5", "300")),
        ("本年度共发出收费通知书1件，实际收取信息处理费150.5元。", (1, None, "150.5")),
    ],
)
def test_fee_sentence_of_section_six_is_read_from_the_print(
    tmp_path: Path, sample_path: Path, sentence: str, expected: tuple[int, str | None, str]
) -> None:
    """A report without our embedded draft (made elsewhere, or stripped by an editor) gives its fee figures
    from 六's sentence, so the text checks do not report a figure the table merely lacks."""
    from decimal import Decimal

    from model.docx.reader import read_printed

    draft = load_draft(sample_path)
    draft.other_matters = sentence
    path = tmp_path / "fees.docx"
    export_docx(draft, path)
    got = read_printed(path).draft
    notices, notified, collected = expected
    assert got.fees["notices"] == notices
    assert got.fees["notified_amount"] == (None if notified is None else Decimal(notified))
    assert got.fees["collected_amount"] == Decimal(collected)
    assert not [f for f in check(got) if f.rule in ("T3", "T4")]


@pytest.mark.parametrize(
    "unit", ["测", "依申请公开方面，予以公开0件，不予公开0件，2023年结转3件，"], ids=["one-character", "figures"]
)
def test_a_ten_megabyte_narrative_is_checked_exported_and_read_back(tmp_path: Path, unit: str) -> None:
    """A 10 MB narrative made `check` take 49 s (the quoted-figures rule was quadratic in the text), and its
    export was then refused on import as a zip bomb (packed 652 : 1) or as broken XML (one text node over
    lxml's 10 MB). A figure quoted at the very end of the text is still compared with table 三."""
    draft = load_draft(ROOT / "resources" / "sample-caochang-2024.json")
    tail = "。全年共收到政府信息公开申请9件。"
    draft.problems = unit * ((10 * 1024 * 1024) // len(unit.encode("utf-8"))) + tail
    findings = check(draft)
    # one long sentence of figures (commas do not end it), each agreeing with table 三 or of another year;
    # the tail's figure is compared with the 0 received
    assert [(f.rule, f.params["quoted"]) for f in findings if f.rule in ("T3", "T5")] == [("T3", 9)]
    out = tmp_path / "long.docx"
    export_docx(draft, out)
    with zipfile.ZipFile(out) as zf:
        document = zf.getinfo("word/document.xml")
    if unit == "测":
        assert document.file_size / document.compress_size > 500  # what the old ratio cap refused
    result = import_docx(out)
    assert result.draft.problems == draft.problems
    assert figures(result.draft) == figures(draft)
