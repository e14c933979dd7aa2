"""Drafts of the real published reports in tests/data/published (a copy of ../shared/fixtures/published).

The narrative is read from the web page or the PDF with `model.reading.narrative.read_narrative`, the figures
are taken from the transcription beside each file (`*.figures.json`). For checking that the narrative rules
find nothing on reports that have no such defect.
"""

from __future__ import annotations

import json
import re
import subprocess
import unicodedata
from decimal import Decimal
from pathlib import Path

import lxml.html

from model import format as fmt
from model.draft import Draft
from model.reading.narrative import read_narrative

PUBLISHED = Path(__file__).resolve().parent / "data" / "published"  # a copy of ../shared/fixtures/published
_BLOCKS = ("p", "div", "h1", "h2", "h3", "li")
_NEW_PARAGRAPH = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.．、](?!\d))")
_PAGE_NUMBER = re.compile(r"^[-—\s]*\d+[-—\s]*$")


def published_names() -> list[str]:
    """Return the stems of the published reports (PDF and web pages) that are present."""
    if not PUBLISHED.is_dir():
        return []
    return sorted(p.stem for p in PUBLISHED.iterdir() if p.suffix in (".pdf", ".html"))


def _html_paragraphs(path: Path) -> list[str]:
    root = lxml.html.fromstring(path.read_bytes())
    out: list[str] = []
    for element in root.iter(*_BLOCKS):
        if any(a.tag in ("table",) for a in element.iterancestors()):
            continue
        if any(child.tag in _BLOCKS for child in element.iterdescendants()):
            continue  # only the innermost blocks
        text = " ".join(element.text_content().split()).replace("\xa0", " ").strip()
        if text:
            out.append(text)
    return out


def _pdf_paragraphs(path: Path) -> list[str]:
    """Return the PDF's text joined into paragraphs: a line ending a sentence, or one starting with an
    ordinal, closes or opens one. Table text (lines between the headings of 二, 三 and 四 and 五) stays out."""
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True).stdout
    paragraphs: list[str] = []
    current = ""
    # WPS writes some characters as their Kangxi-radical or compatibility twins (「⼀」 U+2F00 for 「一」)
    plain = "".join(
        unicodedata.normalize("NFKC", ch) if "\u2e80" <= ch <= "\u2fdf" or "\uf900" <= ch <= "\ufaff" else ch
        for ch in text.decode("utf-8")
    )
    lines = [line.strip() for line in plain.split("\n")]
    lines = [line for line in lines if line and not _PAGE_NUMBER.match(line)]
    full = max((len(line) for line in lines), default=0)
    short = False  # the line before ended short of the text width
    for n, line in enumerate(lines):
        ended = current.endswith(("。", "：", "；", "！", "？"))
        heading_before = short and (n <= 2 or _NEW_PARAGRAPH.match(current))  # a title or heading line
        if current and (ended or heading_before or (short and _NEW_PARAGRAPH.match(line))):
            paragraphs.append(current)
            current = ""
        current += line
        short = len(line) < 0.75 * full
    if current:
        paragraphs.append(current)
    # the tables' cells come out as lines of the sections 二–四: keep only their headings
    kept, in_tables = [], False
    for para in paragraphs:
        plain = re.sub(r"\s+", "", para)
        if plain.startswith(fmt.heading("proactive")[:4]):
            in_tables = True
            kept.append(para)
        elif plain.startswith(("三、收到和处理", "四、政府信息公开行政复议")):
            kept.append(para)
        elif plain.startswith("五、"):
            in_tables = False
            kept.append(para)
        elif not in_tables:
            kept.append(para)
    return kept


def published_draft(name: str) -> Draft:
    """Return the draft of the published report `name` (e.g. 'hzq-2024'): its narrative read from the file,
    its figures from `<name>.figures.json`."""
    source = next(PUBLISHED.glob(f"{name}.*[lf]"))  # .html or .pdf
    paragraphs = _pdf_paragraphs(source) if source.suffix == ".pdf" else _html_paragraphs(source)
    draft = Draft()
    read_narrative([(p, False) for p in paragraphs], draft)
    figures = json.loads((PUBLISHED / f"{name}.figures.json").read_text(encoding="utf-8"))
    draft.agency = draft.agency or figures["agency"]
    draft.year = figures["year"]
    for row, cols in (figures.get("proactive") or {}).items():
        for col, value in cols.items():
            if row in draft.proactive and col in draft.proactive[row]:
                draft.proactive[row][col] = (
                    None if value is None else (Decimal(str(value)) if col == "amount" else int(value))
                )
    for row, values in (figures.get("applications") or {}).items():
        if row not in draft.applications:
            continue
        for column, value in zip(fmt.APPLICANT_COLUMNS, values, strict=False):
            draft.applications[row][column.key] = value if isinstance(value, int) else None
    for group, values in (figures.get("cases") or {}).items():
        for column, value in zip(fmt.CASE_COLUMNS, values, strict=True):
            draft.cases[group][column.key] = value
    return draft
