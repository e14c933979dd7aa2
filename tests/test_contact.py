"""The contact block (issue 14): printed as the labelled sentence offices use, read back into the contact
fields from our own export and from any other report, wherever the sentence stands."""

from __future__ import annotations

from pathlib import Path

import docx
from docx_builders import distinct_draft, report_parts, write_docx

from model.docx.reader import import_docx, read_printed
from model.docx.writer import export_docx
from model.draft import Draft
from model.rollover import rollover

SENTENCE = (
    "如对本报告有疑问，请与草场镇党政办公室联系（地址：米易县草场镇草场街1号；邮编：617200；"
    "联系电话：0812-8888888；电子邮箱：gk@example.gov.cn）。"
)
PARTS = {
    "contact_office": "草场镇党政办公室",
    "contact_address": "米易县草场镇草场街1号",
    "contact_postcode": "617200",
    "contact_phone": "0812-8888888",
    "contact_email": "gk@example.gov.cn",
}


def with_contact(draft: Draft) -> Draft:
    for key, value in PARTS.items():
        setattr(draft, key, value)
    return draft


def paragraphs(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs if p.text.strip()]


def test_the_contact_prints_as_the_labelled_sentence_after_the_opening(tmp_path: Path) -> None:
    draft = with_contact(distinct_draft())
    draft.preamble = "根据《中华人民共和国政府信息公开条例》规定，特向社会公布本年度报告。"
    export_docx(draft, tmp_path / "r.docx")
    printed = paragraphs(tmp_path / "r.docx")
    at = printed.index(draft.preamble)
    assert printed[at + 1] == SENTENCE
    assert printed[at + 2] == "一、总体情况"  # the contact before 一, not as an unlabelled paragraph


def test_parts_left_empty_are_left_out_and_the_office_defaults_to_the_agency(tmp_path: Path) -> None:
    draft = distinct_draft()
    draft.contact_phone = "0812-8888888"
    export_docx(draft, tmp_path / "r.docx")
    assert f"如对本报告有疑问，请与{draft.agency}联系（联系电话：0812-8888888）。" in paragraphs(tmp_path / "r.docx")
    nothing = distinct_draft()
    export_docx(nothing, tmp_path / "n.docx")
    assert not [p for p in paragraphs(tmp_path / "n.docx") if "如对本报告有疑问" in p]


def test_our_export_without_its_embedded_draft_reads_the_contact_into_its_fields(tmp_path: Path) -> None:
    draft = with_contact(distinct_draft())
    draft.preamble = "根据《中华人民共和国政府信息公开条例》规定，特向社会公布本年度报告。"
    export_docx(draft, tmp_path / "r.docx")
    assert import_docx(tmp_path / "r.docx").draft.contact_parts == PARTS  # from the embedded draft
    got = read_printed(tmp_path / "r.docx").draft  # from the printed page only
    assert got.contact_parts == PARTS
    assert got.preamble == draft.preamble and got.contact == ""


def test_a_report_of_another_office_with_the_sentence_inside_its_opening(tmp_path: Path) -> None:
    draft = distinct_draft()
    opening = (
        "根据《中华人民共和国政府信息公开条例》规定，现公布本机关2024年政府信息公开工作年度报告。"
        "本报告电子版可在米易县人民政府网站下载。"
    )
    draft.preamble = opening + SENTENCE
    path = write_docx(tmp_path / "other.docx", report_parts(draft))
    got = import_docx(path).draft
    assert got.contact_parts == PARTS
    assert got.preamble == opening  # the rest of the paragraph stays where it was


def test_labelled_lines_and_other_wordings_are_read(tmp_path: Path) -> None:
    draft = distinct_draft()
    draft.preamble = "特此报告。\n联系地址：某某镇政府办公室\n联系电话：0812-0000000；邮箱：zw@example.cn"
    got = import_docx(write_docx(tmp_path / "lines.docx", report_parts(draft))).draft
    assert (got.contact_address, got.contact_phone, got.contact_email) == (
        "某某镇政府办公室",
        "0812-0000000",
        "zw@example.cn",
    )
    assert got.preamble == "特此报告。"
    draft.preamble = "如对本报告有任何疑问，请与本机关联系，联系电话：0812-1234567。"
    got = import_docx(write_docx(tmp_path / "own.docx", report_parts(draft))).draft
    assert got.contact_phone == "0812-1234567" and got.contact_office == "" and got.preamble == ""


def test_a_sentence_that_merely_mentions_a_contact_column_is_left_alone(tmp_path: Path) -> None:
    draft = distinct_draft()
    draft.preamble = "网站设领导信息、联系方式、内设机构等栏目。"
    got = import_docx(write_docx(tmp_path / "plain.docx", report_parts(draft))).draft
    assert got.preamble == draft.preamble and not any(got.contact_parts.values())


def test_the_contact_is_carried_to_next_years_report() -> None:
    last = with_contact(distinct_draft())
    last.year = 2024
    assert rollover(last).contact_parts == PARTS
