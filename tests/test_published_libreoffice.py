"""Reports made by our own export, turned into PDF files and web pages by LibreOffice, read back: every figure
equal; the wordings real offices print, in DOCX, PDF and HTML alike; encrypted PDFs; the draft a PDF or a
page carries.

All files are converted in two LibreOffice runs (one to PDF, one to HTML), once per session. Skipped only
when LibreOffice is not installed.
"""

from __future__ import annotations

import base64
import copy
import os
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import docx
import pypdfium2 as pdfium
import pytest
from conftest import ROOT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx_builders import distinct_draft, figures, report_html
from published_files import path_of
from realdata import draft_from_fixture

from model import format as fmt
from model.docx.writer import export_docx
from model.draft import Draft
from model.findings import Severity
from model.published.html import DRAFT_SCRIPT_TYPE, import_html
from model.published.pdf import DRAFT_ATTACHMENT, import_pdf
from model.reading.carried import item_xml
from model.rules import check
from model.sources import DraftError, open_report
from model.storage.drafts import load_draft, parse_draft
from tools.render_pages import FONTS_CONF, convert, soffice_available

pytestmark = pytest.mark.skipif(not soffice_available(), reason="LibreOffice (soffice) is not installed")

SAMPLE = ROOT / "resources" / "sample-caochang-2024.json"
ROW_BREAKS = range(0, 9, 2)  # filler paragraphs before 三: table 三 cut by the page break at other rows


# ---------------------------------------------------------------------------------------------------------
# Word files to convert


def _set_text(paragraph, text: str) -> None:
    """Give `paragraph` the text `text` in its first run's formatting ('\\n' a line break)."""
    runs = paragraph.runs
    for r in runs[1:]:
        r._r.getparent().remove(r._r)
    first = runs[0]
    for child in list(first._r):
        if child.tag in (qn("w:t"), qn("w:br"), qn("w:tab")):
            first._r.remove(child)
    first.text = text


def _without_draft(document) -> None:
    """Drop the draft our export carries, so the file is read only from what it prints."""
    part = document.part
    for rid, rel in list(part.rels.items()):
        if rel.reltype == RT.CUSTOM_XML:
            part.drop_rel(rid)


def _paragraph(document, text: str):
    return next(p for p in document.paragraphs if p.text.replace("\n", "") == text)


def _edited(draft: Draft, target: Path, edits: dict[str, str], old_document_label: bool) -> Path:
    """Export `draft`, then print it as an office might: paragraph `edits` (official text → printed text)
    and, with `old_document_label`, table 二's row 「行政规范性文件」 printed as 「规范性文件」 (the 2019 word)."""
    export_docx(draft, target)
    document = docx.Document(str(target))
    _without_draft(document)
    for official, printed in edits.items():
        _set_text(_paragraph(document, official), printed)
    if old_document_label:
        label = fmt.PROACTIVE_BLOCKS[0].rows[1].label
        cell = next(c for row in document.tables[0].rows for c in row.cells if c.text == label)
        _set_text(cell.paragraphs[0], "规范性文件")
    document.save(str(target))
    return target


def wording_draft() -> Draft:
    """A consistent report (淮安市人民政府 2024, the real figures of r03) whose narrative uses the wordings
    real offices print; no 错误 is expected of it."""
    d = draft_from_fixture("r03")
    sample = load_draft(SAMPLE)
    d.preamble = "根据《中华人民共和国政府信息公开条例》规定，特向社会公布本年度报告。"
    d.overview_points = copy.deepcopy(sample.overview_points)
    for point in d.overview_points:
        point.text = "市政府坚持以公开为常态、不公开为例外，做好本方面的政府信息公开工作，工作机制进一步健全。"
    d.applications_lead = "2024年，市政府答复政府信息公开申请3050件（含上年度结转申请34件），103件顺延至下年度办理。"
    d.problems = sample.problems
    d.signing_date = date(2025, 1, 20)
    d.fees.update(notices=0, notified_amount=Decimal(0), collected_amount=Decimal(0))
    return d


@dataclass
class Wording:
    """A variant of the wording report: the texts changed in the draft, the printed edits, what must be read."""

    texts: dict[str, str]
    edits: dict[str, str]
    hint: str  # the T9 hint the narrative deserves


TITLE = "淮安市人民政府\n2024年政府信息公开工作年度报告"
WORDINGS = {
    "year-first": Wording(
        {
            "cases_lead": "全年涉及政府信息公开的行政复议351件，均获维持。",
            "other_matters": "2024年度，本机关政府信息公开未发生收费情况。",
        },
        {
            TITLE.replace("\n", ""): "2024年淮安市人民政府政府信息公开年度报告",
            fmt.heading("problems"): "五、存在的主要问题及整改措施",
        },
        "「行政复议」尚未审结 37 件",
    ),
    "year-after": Wording(
        {
            "cases_lead": "全年涉及政府信息公开的行政复议351件、行政诉讼46件。",
            "applications_lead": "2024年，市政府收到政府信息公开申请3119件，均已办结。",
            "other_matters": "本年度未收取任何费用。",
        },
        {
            TITLE.replace("\n", ""): "淮安市人民政府\n政府信息公开工作年度报告（2024年度）",
            fmt.heading("problems"): "五、政府信息公开工作存在的主要问题及改进情况",
        },
        "结转下年度继续办理」（总计）为 103 件",
    ),
    "agency-at-end": Wording(
        {"other_matters": "本年度未收取信息处理费。"},
        {
            TITLE.replace("\n", ""): "2024年度政府信息公开工作年度报告",
            fmt.heading("review_litigation"): "四、因政府信息公开申请行政复议、提起行政诉讼的情况",
        },
        "",
    ),
}


def _wording_docx(name: str, folder: Path) -> Path:
    variant = WORDINGS[name]
    draft = wording_draft()
    for key, text in variant.texts.items():
        setattr(draft, key, text)
    return _edited(draft, folder / f"wording-{name}.docx", variant.edits, old_document_label=True)


def _row_breaks(source: Path, target: Path, filler: int, rows_may_break: bool) -> Path:
    """Save `source` with `filler` long paragraphs before heading 三, the tables free to move (and their rows
    free to break across pages when `rows_may_break`); table 三's header rows repeat on each page."""
    document = docx.Document(str(source))
    body = document.element.body
    for table in body.findall(qn("w:tbl")):
        tags = ["w:keepNext"] + (["w:cantSplit"] if rows_may_break else [])
        for tag in tags:
            for el in list(table.iter(qn(tag))):
                el.getparent().remove(el)
    heading = _paragraph(document, fmt.heading("applications"))
    long = next(p for p in document.paragraphs if len(p.text) > 80)
    for _ in range(filler):
        heading._p.addprevious(copy.deepcopy(long._p))
    document.save(str(target))
    return target


def distinct_report() -> Draft:
    """A report whose every figure differs from every other (`distinct_draft`), with the sample's narrative."""
    d = distinct_draft()
    sample = load_draft(SAMPLE)
    for key in ("preamble", "overview_lead", "overview_points", "problems", "other_matters", "signing_date"):
        setattr(d, key, copy.deepcopy(getattr(sample, key)))
    return d


@dataclass
class Converted:
    drafts: dict[str, Draft]
    pdf: dict[str, Path]
    html: dict[str, Path]
    docx: dict[str, Path]


@pytest.fixture(scope="session")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Converted:
    folder = tmp_path_factory.mktemp("published-lo")
    drafts = {"sample": load_draft(SAMPLE), "distinct": distinct_report()}
    docs: dict[str, Path] = {}
    for name, draft in drafts.items():
        docs[name] = folder / f"{name}.docx"
        export_docx(draft, docs[name])
    for n in ROW_BREAKS:
        name = f"rows-{n}"
        docs[name] = _row_breaks(docs["distinct"], folder / f"{name}.docx", n, rows_may_break=True)
        drafts[name] = drafts["distinct"]
    docs["split"] = _row_breaks(docs["distinct"], folder / "split.docx", 3, rows_may_break=False)
    drafts["split"] = drafts["distinct"]
    for name in WORDINGS:
        docs[f"wording-{name}"] = _wording_docx(name, folder)
    pdfs = convert(list(docs.values()), folder / "pdf", "pdf")
    wording_docs = [docs[f"wording-{name}"] for name in WORDINGS]
    pages = convert(wording_docs, folder / "html", "html:HTML (StarWriter)")
    return Converted(
        drafts,
        dict(zip(docs, pdfs, strict=True)),
        {f"wording-{name}": page for name, page in zip(WORDINGS, pages, strict=True)},
        docs,
    )


# ---------------------------------------------------------------------------------------------------------
# Our own export through LibreOffice


def _differences(read: Draft, printed: Draft) -> list[str]:
    got, want = figures(read), figures(printed)
    return [f"{k}: read {got[k]!r}, printed {v!r}" for k, v in want.items() if got[k] != (0 if v is None else v)]


@pytest.mark.parametrize("name", ["sample", "distinct", "split", *(f"rows-{n}" for n in ROW_BREAKS)])
def test_our_export_as_pdf_reads_back_every_figure(converted: Converted, name: str) -> None:
    opened = open_report(converted.pdf[name])
    draft = converted.drafts[name]
    assert opened.kind == "pdf"
    assert _differences(opened.draft, draft) == []
    assert (opened.draft.agency, opened.draft.year, opened.draft.signing_date) == (
        draft.agency,
        draft.year,
        draft.signing_date,
    )
    assert opened.draft.problems == draft.problems
    assert [f.rule for f in opened.findings if f.severity is not Severity.HINT] == []


def test_table_three_over_two_pages_is_one_table(converted: Converted) -> None:
    opened = open_report(converted.pdf["split"])
    pages = {p for c, place in opened.places.items() if c.table == "applications" for p in place.pages}
    assert len(pages) == 2  # the table really was cut by a page break, and read whole
    assert not [f for f in opened.findings if f.rule in ("I6", "I7")]  # no row missing, none repeated


def test_a_clean_html_report_reads_back_every_figure(tmp_path: Path) -> None:
    draft = distinct_draft()
    page = tmp_path / "report.html"
    page.write_text(report_html(draft), encoding="utf-8")
    opened = open_report(page)
    assert _differences(opened.draft, draft) == []
    assert opened.draft.problems == draft.problems and (opened.draft.agency, opened.draft.year) == (
        draft.agency,
        draft.year,
    )


# ---------------------------------------------------------------------------------------------------------
# The wordings offices print, in every kind of file


def _wording_reads(converted: Converted, name: str) -> dict[str, Path]:
    key = f"wording-{name}"
    return {"docx": converted.docx[key], "pdf": converted.pdf[key], "html": converted.html[key]}


@pytest.mark.parametrize("kind", ["docx", "pdf", "html"])
@pytest.mark.parametrize("name", list(WORDINGS))
def test_wordings_are_read_in_every_kind_of_file(converted: Converted, name: str, kind: str) -> None:
    path = _wording_reads(converted, name)[kind]
    opened = open_report(path)
    printed = wording_draft()
    # 「规范性文件」 under the 2021 columns is 行政规范性文件: all of table 二 read, nothing refused
    assert _differences(opened.draft, printed) == []
    assert not [f for f in opened.findings if f.rule in ("I4", "I6", "I14")]
    # the agency and year, whatever the title's form (from the closing block when the title has no agency)
    assert (opened.draft.agency, opened.draft.year) == ("淮安市人民政府", 2024)
    assert opened.draft.signing_date == date(2025, 1, 20)
    # section 五 under its other headings, its text not taken into 四
    assert opened.draft.problems == printed.problems
    # 「未发生收费」「未收取任何费用」 are no fee
    assert opened.draft.fees == {"notices": 0, "notified_amount": 0, "collected_amount": 0}
    findings = opened.findings + opened.placed(check(opened.draft))
    # 「答复…3050件（含上年度结转…34件）」 is （七）总计: no false T3; the report is consistent
    assert [f.message for f in findings if f.severity is Severity.ERROR] == []
    hints = [f.message for f in findings if f.rule == "T9"]
    wanted = WORDINGS[name].hint
    assert (len(hints), wanted in "".join(hints)) == ((1, True) if wanted else (0, True))


# ---------------------------------------------------------------------------------------------------------
# Encrypted PDFs


def _encrypted(source: Path, folder: Path, options: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    profile = folder / "profile"
    command = [
        "soffice",
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--convert-to",
        f"pdf:writer_pdf_Export:{options}",
        "--outdir",
        str(folder),
        str(source),
    ]
    env = dict(os.environ, FONTCONFIG_FILE=str(FONTS_CONF))
    subprocess.run(command, check=True, capture_output=True, timeout=240, env=env)
    shutil.rmtree(profile, ignore_errors=True)
    return folder / (source.stem + ".pdf")


def test_an_encrypted_pdf_is_refused_and_a_restricted_one_read(converted: Converted, tmp_path: Path) -> None:
    locked = _encrypted(
        converted.docx["sample"],
        tmp_path / "locked",
        '{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"x"}}',
    )
    with pytest.raises(DraftError) as info:
        open_report(locked)
    assert "设置了打开密码（已加密）" in str(info.value) and str(info.value).startswith("sample.pdf：")
    restricted = _encrypted(
        converted.docx["sample"],
        tmp_path / "restricted",
        '{"RestrictPermissions":{"type":"boolean","value":"true"},"PermissionPassword":{"type":"string","value":"x"},'
        '"Printing":{"type":"long","value":"0"},"EnableCopyingOfContent":{"type":"boolean","value":"false"}}',
    )
    opened = open_report(restricted)
    assert _differences(opened.draft, converted.drafts["sample"]) == []


# ---------------------------------------------------------------------------------------------------------
# The draft our own PDF or page carries (the print issue's writers embed it)


def _with_attachment(source: Path, target: Path, data: bytes) -> Path:
    pdf = pdfium.PdfDocument(str(source))
    try:
        attachment = pdf.new_attachment(DRAFT_ATTACHMENT)
        attachment.set_data(data)
        pdf.save(str(target))
    finally:
        pdf.close()
    return target


def test_a_pdf_carrying_its_draft_is_restored_exactly(converted: Converted, tmp_path: Path) -> None:
    draft = converted.drafts["distinct"]
    carried = _with_attachment(converted.pdf["distinct"], tmp_path / "ours.pdf", item_xml(draft))
    result = import_pdf(carried)
    assert result.source == "embedded" and result.findings == []
    assert result.draft.to_json() == draft.to_json()


def test_what_a_pdf_prints_wins_over_the_draft_it_carries(converted: Converted, tmp_path: Path) -> None:
    draft = converted.drafts["distinct"]
    other = copy.deepcopy(draft)
    other.set_application("disclosed", "natural_person", 1)
    carried = _with_attachment(converted.pdf["distinct"], tmp_path / "edited.pdf", item_xml(other))
    result = import_pdf(carried)
    assert result.source == "printed"
    assert result.draft.applications["disclosed"]["natural_person"] == draft.applications["disclosed"]["natural_person"]
    [i8] = [f for f in result.findings if f.rule == "I8"]
    assert "内嵌 1、打印 " in i8.message
    broken = item_xml(draft).replace(b"<sha256>", b"<sha256>0")
    assert [
        f.rule for f in import_pdf(_with_attachment(converted.pdf["distinct"], tmp_path / "b.pdf", broken)).findings
    ] == ["I9"]


def test_a_page_carrying_its_draft_is_restored_exactly(tmp_path: Path) -> None:
    draft = distinct_draft()  # its texts as `report_html` prints them: the title, 五, the tables
    draft.preamble = draft.other_matters = ""
    draft.overview_points = []
    script = f'<script type="{DRAFT_SCRIPT_TYPE}">{base64.b64encode(item_xml(draft)).decode()}</script>'
    page = tmp_path / "ours.html"
    page.write_text(report_html(draft).replace("</body>", script + "</body>"), encoding="utf-8")
    result = import_html(page)
    assert result.source == "embedded" and result.draft.to_json() == parse_draft(draft.to_json()).to_json()


def test_the_shared_pdfs_carry_no_draft() -> None:
    assert import_pdf(path_of("hzq-2024")).source == "printed"
