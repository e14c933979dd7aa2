"""Our PDF and web page read back through the readers of published reports (issue 13 with issue 12): export →
import gives the draft again — the PDF exactly (its attached draft, confirmed by what is printed; where the
print differs, the print wins), the web page from what it prints alone, every figure and label equal."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import ROOT
from test_docx_export import busy_draft

from model import format as fmt
from model.docx.outline import printable_copy, text_paragraphs
from model.draft import Draft
from model.published.html_writer import export_html
from model.sources import open_report
from model.storage.drafts import load_draft, save_draft
from printing.layout import lay_out
from printing.render import ensure_application, export_pdf, pdf_bytes

SAMPLE = ROOT / "resources" / "sample-caochang-2024.json"


@pytest.fixture(scope="module", autouse=True)
def qt_app():
    return ensure_application()


@pytest.fixture
def sample() -> Draft:
    return load_draft(SAMPLE)


@pytest.fixture
def busy(sample: Draft) -> Draft:
    return busy_draft(sample)


def as_printed(table: dict[str, dict[str, int | Decimal | None]]) -> dict[str, dict[str, int | Decimal]]:
    """A table of figures as the report prints it: a figure not entered is printed (and read back) as 0."""
    return {row: {col: 0 if v is None else v for col, v in cols.items()} for row, cols in table.items()}


@pytest.mark.parametrize("which", ["sample", "busy"])
def test_pdf_reads_back_exactly(tmp_path: Path, which: str, sample: Draft, busy: Draft) -> None:
    draft = sample if which == "sample" else busy
    path = tmp_path / "报告.pdf"
    export_pdf(draft, path)
    opened = open_report(path)
    assert opened.kind == "pdf"
    assert opened.findings == []  # what is printed agrees with the draft carried inside: no I8
    assert opened.draft.to_json() == printable_copy(draft).to_json()


def test_in_a_pdf_the_printed_figures_win(tmp_path: Path, sample: Draft) -> None:
    """A PDF whose pages print other figures than the draft attached to it (edited after export): the
    figures are read from the pages, and finding I8 says so."""
    printed = load_draft(SAMPLE)
    printed.set_application("new_received", "natural_person", 7)
    printed.set_application("disclosed", "natural_person", 7)  # a report as printed: 7 received, 7 disclosed
    path = tmp_path / "改过.pdf"
    path.write_bytes(pdf_bytes(sample, lay_out(printed)))  # the sample attached, the changed figures printed
    opened = open_report(path)
    assert opened.draft.applications["new_received"]["natural_person"] == 7
    assert opened.draft.applications["disclosed"]["natural_person"] == 7
    assert opened.draft.applications["total_handled"]["natural_person"] == 7
    assert [f.rule for f in opened.findings] == ["I8"]


def test_web_page_reads_back_from_what_it_prints(tmp_path: Path, sample: Draft) -> None:
    sample.contact_office, sample.contact_phone = "草场镇党政办公室", "0812-8171234"  # the contact sentence
    path = tmp_path / "报告.html"
    export_html(sample, path)
    opened = open_report(path)
    assert opened.kind == "html"
    assert [f for f in opened.findings if f.severity.name == "ERROR"] == []
    assert opened.draft.to_json() == printable_copy(sample).to_json()  # the sample: the whole draft again


def test_web_page_gives_every_figure_label_and_paragraph(tmp_path: Path, busy: Draft) -> None:
    path = tmp_path / "报告.html"
    export_html(busy, path)
    read = open_report(path).draft
    assert (read.agency, read.year, read.signing_date) == (busy.agency, busy.year, busy.signing_date)
    assert read.proactive == as_printed(busy.proactive)  # 行政许可 not entered: printed and read as 0
    assert read.applications == as_printed(busy.applications)
    assert read.cases == as_printed(busy.cases)
    assert read.proactive["admin_fees"]["amount"] == Decimal("12.3456")
    assert [p.heading for p in read.overview_points] == [p.heading for p in busy.overview_points]
    for mine, theirs in zip(read.overview_points, busy.overview_points, strict=True):
        assert text_paragraphs(mine.text) == text_paragraphs(theirs.text)
    assert text_paragraphs(read.overview_lead) == ["第一段总述。", "第二段总述。"]
    assert text_paragraphs(read.problems) == text_paragraphs(busy.problems)
    assert text_paragraphs(read.other_matters) == text_paragraphs(busy.other_matters)
    assert text_paragraphs(read.preamble) == text_paragraphs(busy.preamble)
    # the contact line 「联系电话：0812-8888888」 printed after the preamble comes back as the 联系电话 field
    assert busy.contact == "联系电话：0812-8888888" and read.contact_phone == "0812-8888888"
    assert read.proactive_lead == busy.proactive_lead
    assert set(fmt.APPLICATION_ROW_BY_KEY) == set(read.applications)


def test_cli_export_then_import(tmp_path: Path, busy: Draft) -> None:
    draft = tmp_path / "草稿.json"
    save_draft(busy, draft)
    for name in ("报告.pdf", "报告.html"):
        for args in (["export", str(draft), "-o", name], ["import", name, "-o", f"{name}.json"]):
            result = subprocess.run(
                [sys.executable, str(ROOT / "main.py"), *args],
                cwd=tmp_path,
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert result.returncode == 0, result.stderr
        back = load_draft(tmp_path / f"{name}.json")
        assert back.applications == as_printed(busy.applications) and back.cases == as_printed(busy.cases)
    assert load_draft(tmp_path / "报告.pdf.json").to_json() == printable_copy(busy).to_json()
