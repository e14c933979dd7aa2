"""A printed report read from its blocks: tables 二, 三, 四 into the draft's figures (with the findings I1–I7,
I12 on how they were read), the narrative into its texts, and a draft carried inside the file compared with
what is printed (I8).

The readers of each file kind (`model.docx.reader`, `model.published.pdf`, `model.published.html`) turn their
file into blocks and call `read_blocks`; what is printed always wins over a carried draft
(`model.reading.carried`).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from model import format as fmt
from model.draft import Draft
from model.findings import RULES, Cell, Finding
from model.reading.blocks import Block, Place, Table, iter_tables
from model.reading.locate import TableRead, norm, read_applications, read_cases, read_proactive
from model.reading.narrative import paragraph_stream, read_contact, read_narrative

SOURCE_EMBEDDED = "embedded"
SOURCE_PRINTED = "printed"

_TABLE_NAMES = {
    "proactive": "表二（" + fmt.heading("proactive")[2:] + "）",
    "applications": "表三（" + fmt.heading("applications")[2:] + "）",
    "review_litigation": "表四（" + fmt.heading("review_litigation")[2:] + "）",
}


@dataclass
class ImportResult:
    """A report read from a printed file (Word, PDF, web page).

    `draft` holds the figures as printed (wrong totals kept, so the checker reports them) and the
    narrative; `findings` are what the reading noticed (rules I1–I14: blank cells read as 0, a 2019 layout,
    cells that are not numbers, a document edited after export…); `source` is 'embedded' when the draft
    is the one this product embedded at export, restored exactly, and 'printed' when it was read from the
    printed tables and text (also when the embedded draft was used but what is printed differs from it).
    `places` tells, for each figure read, where it was printed (a PDF page, a web page's table; none for
    a Word file), so findings on it can say where to look.
    """

    draft: Draft
    findings: list[Finding] = field(default_factory=list)
    source: str = SOURCE_PRINTED
    places: dict[Cell, Place] = field(default_factory=dict)


def reading_finding(rule: str, section: str, message: str, cells: tuple[Cell, ...] = (), **kw: Any) -> Finding:
    return Finding(rule, RULES[rule].severity, section, message, cells=cells, **kw)


def examples(names: list[str], limit: int = 3) -> str:
    shown = "、".join(names[:limit])
    return shown + (f" 等 {len(names)} 处" if len(names) > limit else "")


# ---------------------------------------------------------------------------------------------------------
# Tables → draft figures


def _apply_table(draft: Draft, section: str, read: TableRead, findings: list[Finding]) -> None:
    """Copy the figures of `read` into `draft` and add the findings about how they were read (I1, I2, I5, I6, I7)."""
    blanks: list[Cell] = []
    dashes: list[Cell] = []
    for cell, fig in read.figures.items():
        target = getattr(draft, cell.table)
        target[cell.row][cell.column] = fig.value
        if fig.status == "blank":
            blanks.append(cell)
        elif fig.status == "dash":
            dashes.append(cell)
        elif fig.status == "bad":
            shown = fig.text.strip().replace("\n", " ")
            findings.append(
                reading_finding(
                    "I5",
                    section,
                    f"{_TABLE_NAMES[section]} {read.where[cell]} 印的是「{shown}」，不是不小于 0 的"
                    f"{'整数' if cell.table != 'proactive' or cell.column != 'amount' else '金额'}，未读入",
                    (cell,),
                    params={"text": fig.text},
                )
            )
    name = _TABLE_NAMES[section]
    if blanks:
        findings.append(
            reading_finding(
                "I1",
                section,
                f"{name}有 {len(blanks)} 个空白单元格，已按 0 读入（如 {examples([read.where[c] for c in blanks])}）",
                tuple(blanks),
                params={"count": len(blanks)},
            )
        )
    if dashes:
        texts = sorted({read.figures[c].text.strip() for c in dashes})
        findings.append(
            reading_finding(
                "I2",
                section,
                f"{name}有 {len(dashes)} 个单元格印的是「{'」「'.join(texts)}」，已按 0 读入"
                f"（如 {examples([read.where[c] for c in dashes])}）",
                tuple(dashes),
                params={"count": len(dashes)},
            )
        )
    if read.missing:
        findings.append(
            reading_finding(
                "I6",
                section,
                f"{name}缺少官方格式中的 {len(read.missing)} 处：{examples(read.missing, 6)}；这些数字未读入",
                params={"missing": list(read.missing)},
            )
        )
    if read.ignored:
        findings.append(
            reading_finding(
                "I7",
                section,
                f"{name}中有官方格式之外的行（如小计行或重复的行），已忽略：{examples(read.ignored)}",
                params={"rows": list(read.ignored)},
            )
        )


class MissingTablesError(Exception):
    """Tables 二, 三 or 四 were not found in a file: `missing` names them (「表二（主动公开政府信息情况）」…),
    `any_tables` is False when the file holds no table at all. `reason` is the Chinese sentence to show."""

    def __init__(self, missing: list[str], any_tables: bool) -> None:
        self.missing = missing
        self.any_tables = any_tables
        if not any_tables:
            reason = "文件中没有表格，不是官方格式的政府信息公开工作年度报告（未找到表二、表三、表四）"
        else:
            reason = f"未找到{'、'.join(missing)}；请确认这是按官方格式填写的政府信息公开工作年度报告"
        super().__init__(reason)
        self.reason = reason


def read_tables(
    blocks: list[Block], draft: Draft, findings: list[Finding], places: dict[Cell, Place] | None = None
) -> list[Table]:
    """Read tables 二, 三 and 四 of `blocks` into `draft`, add the findings on how they were read (I1–I7, I12)
    to `findings` and where each figure was printed to `places`, and return the tables used.

    Raises `MissingTablesError` naming every one of the three tables not found.
    """
    tables = list(iter_tables(blocks))
    reads = {
        "proactive": read_proactive(tables),
        "applications": read_applications(tables),
        "review_litigation": read_cases(tables),
    }
    missing = [_TABLE_NAMES[k] for k, r in reads.items() if not r.found]
    if missing:
        raise MissingTablesError(missing, bool(tables))
    proactive = reads["proactive"]
    if proactive.layout == fmt.FORMAT_2019_ID:
        shown = [f"{b} {r}（{c}）{t or '空白'}" for b, r, c, t in proactive.old_figures]
        findings.append(
            reading_finding(
                "I4",
                "proactive",
                f"表二是 2019 年试行格式（{fmt.PROACTIVE_BLOCKS_2019[0].columns[0].label}等栏目），"
                f"与 2021 年格式的栏目不同，数字未导入，请按 2021 年格式填写。原表：{'；'.join(shown)}",
                params={"figures": proactive.old_figures},
            )
        )
    else:
        _apply_table(draft, "proactive", proactive, findings)
    apps = reads["applications"]
    _apply_table(draft, "applications", apps, findings)
    if apps.single_other:
        first, second, last = (fmt.APPLICATION_ROW_BY_KEY[k] for k in fmt.APPLICATION_OTHER_ROWS_2021)
        # counts are never negative: where the one row prints 0, the two rows not printed are 0 as well
        zero = [c for c in fmt.APPLICANT_COLUMNS if draft.applications[last.key][c.key] == 0]
        for row in (first, second):
            for c in zero:
                draft.applications[row.key][c.key] = 0
        if len(zero) == len(fmt.APPLICANT_COLUMNS):
            rest = "两行按 0 填入"
        elif zero:
            rest = "两行在该行为 0 的栏按 0 填入，其余栏未填写"
        else:
            rest = "两行未填写"
        findings.append(
            reading_finding(
                "I3",
                "applications",
                f"表三的「{fmt.APPLICATION_OTHER_2019.group}」只印了一行（与 2019 年试行格式相同），"
                f"已计入「{last.item}」；「{first.item}」「{second.item}」{rest}",
                tuple(Cell("applications", last.key, c.key) for c in fmt.APPLICANT_COLUMNS),
            )
        )
    if apps.guessed_columns:
        findings.append(
            reading_finding(
                "I12",
                "applications",
                "表三的栏目标题未能全部识别，未识别的栏目已按官方栏目顺序（"
                + "、".join(c.label for c in fmt.APPLICANT_COLUMNS)
                + "）读取，请核对",
            )
        )
    _apply_table(draft, "review_litigation", reads["review_litigation"], findings)
    used: list[Table] = []
    for r in reads.values():
        used.extend(r.tables)
        if places is not None:
            places.update((cell, place) for cell, place in r.places.items() if place)
    return used


def read_blocks(blocks: list[Block]) -> ImportResult:
    """Return the report printed in `blocks` (any reader's body): its figures, texts and the findings made
    reading them (I1–I7, I12; I14 when section headings are missing, their text going to the part before).

    Raises `MissingTablesError` when table 二, 三 or 四 is not among `blocks`.
    """
    draft = Draft()
    findings: list[Finding] = []
    places: dict[Cell, Place] = {}
    used = read_tables(blocks, draft, findings, places)
    missing = read_narrative(paragraph_stream(blocks, used), draft)
    if missing:
        findings.append(
            reading_finding(
                "I14",
                "basic",
                f"正文中未找到标题「{'」「'.join(missing)}」，其下的文字归入了前一部分，请核对各部分的文字",
                (Cell("basic", "file"),),
                params={"headings": missing},
            )
        )
    return ImportResult(draft, findings, SOURCE_PRINTED, places)


@cache
def _figure_cells() -> list[tuple[str, Cell, str]]:
    """Return (section, cell, name in official words) for every figure of a draft (made once; not to be
    changed)."""
    out: list[tuple[str, Cell, str]] = []
    for block, item, f in fmt.proactive_cells():
        out.append(("proactive", Cell("proactive", item.key, f.key), f"表二 {block.label} {item.label}（{f.label}）"))
    for row in fmt.APPLICATION_ROWS:
        for col in fmt.APPLICANT_COLUMNS:
            out.append(
                ("applications", Cell("applications", row.key, col.key), f"表三 {row.full_label}（{col.label}）")
            )
    for g in fmt.CASE_GROUPS:
        for c in fmt.CASE_COLUMNS:
            out.append(("review_litigation", Cell("cases", g.key, c.key), f"表四 {g.label}（{c.label}）"))
    return out


def _value(draft: Draft, cell: Cell) -> Any:
    value = getattr(draft, cell.table)[cell.row][cell.column]
    return 0 if value is None else value


def _narrative_text(draft: Draft) -> str:
    # the contact block prints after the preamble and is read back into the contact fields: compare what a
    # reader of the printed page gets from both
    printed = [draft.preamble, fmt.contact_sentence(draft.contact_parts, draft.agency), draft.contact]
    contact, opening = read_contact([line for text in printed for line in text.split("\n") if line.strip()])
    if norm(contact.get("contact_office", "")) == norm(draft.agency):
        contact["contact_office"] = ""  # the sentence names the agency when no office was given
    parts = [*opening, *(contact.get(k, "") for k in fmt.CONTACT_FIELDS), draft.overview_lead]
    for p in draft.overview_points:
        if p.text.strip():  # a sub-point heading with nothing under it is not printed (N5)
            parts.extend([p.heading, p.text])
    parts.extend([draft.proactive_lead, draft.applications_lead, draft.cases_lead, draft.problems, draft.other_matters])
    # white space and control characters (which a document cannot hold) do not count as a difference
    text = norm("".join(parts))
    if text.isprintable():  # (no white space is left, so only control characters make it False)
        return text
    return "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")


def merge_embedded(embedded: Draft, printed: ImportResult) -> tuple[Draft, list[str]]:
    """Return the embedded draft with what is printed differently put in, and the differences named."""
    merged = embedded
    differences: list[str] = []
    for _section, cell, name in _figure_cells():
        shown, kept = _value(printed.draft, cell), _value(embedded, cell)
        if shown != kept:
            differences.append(f"{name} 内嵌 {kept}、打印 {shown}")
            getattr(merged, cell.table)[cell.row][cell.column] = getattr(printed.draft, cell.table)[cell.row][
                cell.column
            ]
    p = printed.draft
    if p.agency and norm(p.agency) != norm(embedded.agency):
        differences.append(f"机关全称 内嵌「{embedded.agency}」、打印「{p.agency}」")
        merged.agency = p.agency
    if p.year is not None and p.year != embedded.year:
        differences.append(f"报告年度 内嵌 {embedded.year}、打印 {p.year}")
        merged.year = p.year
    if p.signing_date is not None and p.signing_date != embedded.signing_date:
        shown = f"{p.signing_date.year}年{p.signing_date.month}月{p.signing_date.day}日"
        differences.append(f"成文日期 打印为 {shown}")
        merged.signing_date = p.signing_date
    if _narrative_text(p) != _narrative_text(embedded):
        differences.append("正文文字")
        for name in (
            "preamble",
            "overview_lead",
            "overview_points",
            "proactive_lead",
            "applications_lead",
            "cases_lead",
            "problems",
            "other_matters",
        ):
            setattr(merged, name, getattr(p, name))
        for key in fmt.CONTACT_FIELDS:  # the contact sentence as printed
            setattr(merged, key, getattr(p, key))
        contact = [line for line in embedded.contact.split("\n") if line.strip()]
        lines = p.preamble.split("\n")
        if contact and [norm(x) for x in lines[-len(contact) :]] == [norm(x) for x in contact]:
            merged.preamble = "\n".join(lines[: -len(contact)])  # the contact block, printed after it
        elif contact and read_contact(contact)[1]:
            merged.contact = ""  # further contact text no longer printed
    return merged, differences
