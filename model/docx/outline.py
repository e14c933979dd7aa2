"""The printed report as an ordered list of blocks, and the printed form of its texts and figures.

`report_outline(draft)` returns what every writer prints, in order — the DOCX (`model.docx.writer`), the
page renderer for print preview, printing and PDF (`printing`) and the web page
(`model.published.html_writer`) — so the three never differ in what they print or in its order:

    Title  →  Paragraph (preamble, the contact sentence, further contact text)  →  Paragraph 一、总体情况
    (heading 1) → its lead → for each sub-point a heading 2 and its text  →  二/三/四: heading 1, optional
    lead, TableBlock  →  五, 六: heading 1 and text  →  Closing (agency, signing date)

Texts are split into paragraphs on line breaks (`text_paragraphs`); table cells print their official label
or their figure, 0 when not entered (`cell_text`). Nothing here depends on python-docx.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from model import format as fmt
from model.docx.grid import GridCell, TableGrid, applications_grid, cases_grid, proactive_grid
from model.draft import Draft, format_decimal

_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAKS = re.compile(r"\r\n|[\r\n\u2028\u2029\x0b\x0c]")
BLANK = " \t\u3000\u00a0"
# a label merged down several rows prints its number on a line of its own: 「（三）」 above 「不予公开」
_NUMBERED = re.compile(r"^(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、)(.+)$")
# a title wider than this many characters of 二号 does not fit one line: agency / year + report name
TITLE_LINE_CHARS = 20

ParagraphStyle = Literal["body", "heading1", "heading2"]


# ---------------------------------------------------------------------------------------------------------
# Text helpers


def clean_text(text: str) -> str:
    """Return `text` without the control characters XML cannot hold (a pasted text may carry them)."""
    return _ILLEGAL_XML.sub("", text)


def text_paragraphs(text: str) -> list[str]:
    """Return the paragraphs of a narrative `text`: split on line breaks (also Word's vertical tab and
    page break as pasted), each cleaned of control characters and stripped of surrounding blanks (also
    full-width spaces typed for indenting; the style indents), empty lines dropped."""
    parts = (clean_text(p).strip(BLANK) for p in _LINE_BREAKS.split(text))
    return [p for p in parts if p]


def format_signing_date(value: date) -> str:
    """Return `value` as printed under the agency name: Arabic numerals, no zero padding, 「2025年1月13日」."""
    return f"{value.year}年{value.month}月{value.day}日"


def format_figure(value: int | Decimal | None) -> str:
    """Return a table figure as printed: None → 「0」 (never blank), amounts in plain decimals without
    exponent or trailing zeros (Decimal('1.50') → 「1.5」)."""
    if value is None:
        return "0"
    if isinstance(value, Decimal):
        return format_decimal(value)
    return str(value)


def display_width(text: str) -> float:
    """Return the printed width of `text` in body characters: CJK 1, ASCII (digits, Latin) ½."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)


def printed_title(draft: Draft) -> str:
    """Return the title as printed: 「<机关全称><年份>年政府信息公开工作年度报告」; without a year entered yet,
    「<机关全称>政府信息公开工作年度报告」 (no stray 「年」)."""
    agency = clean_text(draft.agency).strip()
    if draft.year is None:
        return agency + fmt.TITLE_SUFFIX.removeprefix("年")
    return fmt.report_title(agency, draft.year)


def title_lines(draft: Draft) -> tuple[str, ...]:
    """Return the title as printed line by line: one line when it fits 20 characters of 二号, else the agency
    on the first line and 「<年份>年政府信息公开工作年度报告」 on the second (FORMAT.md §2)."""
    agency = clean_text(draft.agency).strip()
    title = printed_title(draft)
    if agency and display_width(title) > TITLE_LINE_CHARS:
        return agency, title[len(agency) :]
    return (title,)


def printable_copy(draft: Draft) -> Draft:
    """Return a copy of `draft` as it travels in an exported file: without the explanations of findings and
    the carried-over reason, which are the clerk's notes for the checks, never part of the published report
    (issue: "the exported DOCX never carries explanations")."""
    printable = copy.deepcopy(draft)
    printable.explanations = {}
    printable.carried_over_reason = ""
    return printable


def cell_value(draft: Draft, cell: GridCell) -> int | Decimal | None:
    """Return the figure of `draft` that the value cell `cell` prints (None when not entered)."""
    assert cell.ref is not None
    table: dict[str, dict[str, int | Decimal | None]] = getattr(draft, cell.ref.table)
    return table[cell.ref.row][cell.ref.column]


def cell_text(draft: Draft, cell: GridCell) -> str:
    """Return what the table cell `cell` prints: its figure from `draft` (「0」 when not entered, see
    `format_figure`) for a value cell, its official label (`model.format`) otherwise."""
    if cell.role == "value":
        return format_figure(cell_value(draft, cell))
    return clean_text(cell.text)


def cell_lines(cell: GridCell, text: str) -> list[str]:
    """Return the lines `text` is printed in within `cell`: a label merged down several rows keeps its number
    on a line of its own (「（三）」 above 「不予公开」, 「三、」 above 「本年度办理结果」); else one line, wrapped by
    the writer as the cell's width requires."""
    number = _NUMBERED.match(text) if cell.role == "label" and cell.rowspan > 1 else None
    return [number.group(1), number.group(2)] if number else [text]


def cell_alignment(cell: GridCell) -> Literal["left", "center"]:
    """Return how `cell`'s text is aligned: row labels left; column headings, figures and labels merged down
    several rows centred (FORMAT.md §7: header cells centred)."""
    return "left" if cell.role == "label" and cell.rowspan == 1 else "center"


# ---------------------------------------------------------------------------------------------------------
# The blocks of the printed report


@dataclass(frozen=True)
class Title:
    """The report's title, `lines` as printed (see `title_lines`); `text` is the whole title on one line."""

    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return "".join(self.lines)


@dataclass(frozen=True)
class Paragraph:
    """One paragraph: `style` 'body' (三号 仿宋, 2-character indent), 'heading1' (「一、总体情况」, 三号 黑体) or
    'heading2' (「（一）主动公开」, 三号 楷体); `keep_with_next` keeps it on the page of what follows (headings,
    the lead sentence of a table)."""

    text: str
    style: ParagraphStyle = "body"
    keep_with_next: bool = False


@dataclass(frozen=True)
class TableBlock:
    """One of the three official tables: `section` is its section key ('proactive', 'applications',
    'review_litigation'), `grid` its official grid (`model.docx.grid`), kept on one page when it fits."""

    section: str
    grid: TableGrid


@dataclass(frozen=True)
class Closing:
    """The closing block, right-aligned: the `agency` and the signing date `signed` (「2025年1月13日」; ''
    when no date is entered)."""

    agency: str
    signed: str


Block = Title | Paragraph | TableBlock | Closing


def report_outline(draft: Draft) -> list[Block]:
    """Return the printed report `draft` as its blocks, in print order (see the module docstring).

    Empty texts give no paragraph; a sub-point of 一 without a heading prints its text only, a heading
    with nothing under it is not printed (rule N5); the contact sentence is
    `model.format.contact_sentence` of the draft's contact fields; the closing block is left out when
    neither agency nor signing date is entered.
    """
    sections = {s.key: s.heading for s in fmt.SECTIONS}
    blocks: list[Block] = [Title(title_lines(draft))]

    def text(value: str, keep: bool = False) -> None:
        blocks.extend(Paragraph(p, "body", keep) for p in text_paragraphs(value))

    text(draft.preamble)
    text(fmt.contact_sentence(draft.contact_parts, draft.agency))
    text(draft.contact)
    blocks.append(Paragraph(sections["overview"], "heading1", True))
    text(draft.overview_lead)
    for point in draft.overview_points:
        heading = clean_text(point.heading).strip(BLANK)
        if heading and text_paragraphs(point.text):  # a heading with nothing under it is not printed (N5)
            blocks.append(Paragraph(heading, "heading2", True))
        text(point.text)
    tables = (
        ("proactive", draft.proactive_lead, proactive_grid()),
        ("applications", draft.applications_lead, applications_grid()),
        ("review_litigation", draft.cases_lead, cases_grid()),
    )
    for key, lead, grid in tables:
        blocks.append(Paragraph(sections[key], "heading1", True))
        text(lead, keep=True)
        blocks.append(TableBlock(key, grid))
    blocks.append(Paragraph(sections["problems"], "heading1", True))
    text(draft.problems)
    blocks.append(Paragraph(sections["other_matters"], "heading1", True))
    text(draft.other_matters)
    agency = clean_text(draft.agency).strip()
    signed = format_signing_date(draft.signing_date) if draft.signing_date else ""
    if agency or signed:
        blocks.append(Closing(agency, signed))
    return blocks


def closing_lines(closing: Closing) -> list[tuple[str, float]]:
    """Return the lines of the closing block with their indent from the right edge in body characters (三号):
    the date 4 characters in, the agency centred over the date (GB/T 9704 §7.3.5.2); without a date the
    agency flush right. Empty lines are left out."""
    date_indent = 4.0 if closing.signed else 0.0
    agency_indent = 0.0
    if closing.signed:
        agency_indent = max(0.0, date_indent + (display_width(closing.signed) - display_width(closing.agency)) / 2)
    return [(text, indent) for text, indent in ((closing.agency, agency_indent), (closing.signed, date_indent)) if text]
