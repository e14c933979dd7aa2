"""The exported DOCX rendered by LibreOffice (with the font stand-ins of tests/data/fonts.conf): every heading,
label and figure is on the page, nothing runs out of the text block, page numbers are there.

The sample and a busy report (the published figures of tests/data/real/r03.json) are converted once per
session. Skipped only when LibreOffice (`soffice`) is not installed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from docx_helpers import normalise, printed_figure
from lxml import etree
from realdata import draft_from_fixture

from model import format as fmt
from model.docx.embed import read_embedded
from model.docx.grid import official_grids
from model.docx.writer import (
    MARGIN_LEFT,
    MARGIN_RIGHT,
    PAGE_WIDTH,
    export_docx,
)
from model.draft import Draft
from model.storage.drafts import load_draft
from tools.render_pages import convert, soffice_available

pytestmark = pytest.mark.skipif(not soffice_available(), reason="LibreOffice (soffice) is not installed")

HANGING_PUNCTUATION = "，。、；：？！）》」』”’"
SAMPLE = Path(__file__).resolve().parent.parent / "resources" / "sample-caochang-2024.json"


@dataclass
class Rendered:
    """One exported report and its PDF: the draft, the DOCX, the PDF, its pages' text."""

    draft: Draft
    docx: Path
    pdf: Path
    pages: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.pages)


def _pdftotext(pdf: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Rendered]:
    """The sample and the busy report exported and converted to PDF in one LibreOffice run."""
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    folder = tmp_path_factory.mktemp("render")
    drafts = {"sample": load_draft(SAMPLE), "busy": draft_from_fixture("r03")}
    paths = []
    for name, draft in drafts.items():
        paths.append(folder / f"{name}.docx")
        export_docx(draft, paths[-1])
    pdfs = convert(paths, folder / "pdf", "pdf")
    result = {}
    for (name, draft), path, pdf in zip(drafts.items(), paths, pdfs, strict=True):
        pages = _pdftotext(pdf).split("\f")
        result[name] = Rendered(draft, path, pdf, [p for p in pages if p.strip()])
    return result


def test_page_count_is_sane(rendered: dict[str, Rendered]) -> None:
    assert 3 <= len(rendered["sample"].pages) <= 8
    assert 2 <= len(rendered["busy"].pages) <= 6


def test_title_headings_and_closing_are_printed(rendered: dict[str, Rendered]) -> None:
    sample = rendered["sample"]
    flat = normalise(sample.text)
    assert normalise(sample.draft.title) in flat
    for section in fmt.SECTIONS:
        assert section.heading in flat
    for point in sample.draft.overview_points:
        assert normalise(point.heading) in flat
    assert str(sample.draft.signing_date) == "2025-01-13"
    assert "2025年1月13日" in flat
    assert normalise(sample.draft.preamble) in flat  # long text wraps but loses nothing


def printed(label: str, flat: str, spread: int = 8) -> bool:
    """Return True if `label` is in the extracted text `flat`, whole or wrapped in its cell.

    pdftotext reads a row of wrapped cells line by line (「自然」「社会」「法律」…「人」), so a wrapped label's
    characters come in order but interleaved with its neighbours': accept them within `spread` × its
    length characters of where it starts.
    """
    label = normalise(label)
    if label in flat:
        return True
    start = flat.find(label[:2])
    while start >= 0:
        pos = start
        for ch in label:
            pos = flat.find(ch, pos)
            if pos < 0 or pos - start > spread * len(label):
                break
            pos += 1
        else:
            return True
        start = flat.find(label[:2], start + 1)
    return False


@pytest.mark.parametrize("name", ["sample", "busy"])
def test_every_table_label_is_printed(rendered: dict[str, Rendered], name: str) -> None:
    flat = normalise(rendered[name].text)
    missing = [c.text for grid in official_grids() for c in grid.label_cells() if not printed(c.text, flat)]
    assert missing == []
    assert not printed("不存在的标签文字", flat)


def test_every_figure_is_printed_whole(rendered: dict[str, Rendered]) -> None:
    """Each figure of the busy report appears as a number of its own: none is wrapped or cut in its cell."""
    busy = rendered["busy"]
    printed = Counter(re.findall(r"\d+(?:\.\d+)?", busy.text))
    wanted: Counter[str] = Counter()
    for grid in official_grids():
        for cell in grid.value_cells():
            assert cell.ref is not None
            wanted[printed_figure(getattr(busy.draft, cell.ref.table)[cell.ref.row][cell.ref.column])] += 1
    short = {k: (v, printed[k]) for k, v in wanted.items() if printed[k] < v}
    assert short == {}
    assert max(wanted, key=len) in printed  # the longest figure (3985758) made it whole


@pytest.mark.parametrize("name", ["sample", "busy"])
def test_page_numbers_on_every_page(rendered: dict[str, Rendered], name: str) -> None:
    for number, page in enumerate(rendered[name].pages, start=1):
        assert f"—{number}—" in normalise(page), f"page {number}"


@pytest.mark.parametrize("name", ["sample", "busy"])
def test_nothing_runs_out_of_the_text_block(rendered: dict[str, Rendered], name: str) -> None:
    """Every word (tables included) lies between the left and right margins (0.5 mm tolerance); only a
    closing CJK punctuation mark may hang one character into the right margin, as Word and LibreOffice
    both allow (允许标点溢出边界)."""
    html = _pdftotext(rendered[name].pdf, "-bbox")
    root = etree.fromstring(html.encode(), etree.XMLParser(recover=True, resolve_entities=False))
    page = root.find(".//{*}page")
    width = float(page.get("width"))
    scale = width / PAGE_WIDTH  # points per twip of our page
    left, right = MARGIN_LEFT * scale - 1.5, width - MARGIN_RIGHT * scale + 1.5
    outside = []
    for word in root.iter("{*}word"):
        x_min, x_max, text = float(word.get("xMin")), float(word.get("xMax")), word.text or ""
        hanging = text[-1:] in HANGING_PUNCTUATION and x_max <= right + 16.5
        if x_min < left or (x_max > right and not hanging):
            outside.append((text, x_min, x_max))
    assert outside == []
    assert any(float(w.get("xMax")) > right - 20 for w in root.iter("{*}word"))  # lines do reach the edge


def test_fonts_reach_the_renderer(rendered: dict[str, Rendered]) -> None:
    """The Chinese font names in the DOCX (w:eastAsia) are what LibreOffice asks fontconfig for: body 仿宋,
    headings 黑体 and 楷体, title and tables 宋体 each come out in their stand-in."""
    if not shutil.which("pdffonts"):
        pytest.skip("pdffonts (poppler-utils) is not installed")
    fonts = subprocess.run(["pdffonts", str(rendered["sample"].pdf)], capture_output=True, text=True, check=True)
    listed = fonts.stdout.replace(" ", "")
    for stand_in in ("UMing", "UKai", "NotoSansCJK", "NotoSerifCJK", "TimesNewRoman|LiberationSerif"):
        assert re.search(stand_in, listed), stand_in


def test_libreoffice_keeps_the_embedded_draft(rendered: dict[str, Rendered], tmp_path: Path) -> None:
    """A re-save by an office suite keeps the custom XML part and its checksum."""
    sample = rendered["sample"]
    (resaved,) = convert([sample.docx], tmp_path, "docx:MS Word 2007 XML")
    embedded = read_embedded(resaved)
    assert embedded is not None and embedded.checksum_ok
    assert embedded.data == sample.draft.to_json()
