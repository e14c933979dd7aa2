"""Reading a Word report into a draft: our own exports exactly, official-layout reports made by others as printed.

`import_docx(path)` opens the file as untrusted input (`model.docx_package`), walks its body
(`model.docx_text`), finds tables 二, 三 and 四 by their labels (`model.docx_locate`) and the narrative by
the six headings, and returns an `ImportResult`: the draft, the findings made while reading (rules I1–I13
of `docs/rules.md`) and where the draft came from.

A DOCX exported by this product carries the whole draft inside it (`model.docx_embed`). It is restored
exactly, unless the printed tables or text were changed in Word afterwards: then what is printed wins and
a finding (I8) names what differs. Files Word 2007+ readers cannot open (.doc, .wps, RTF, Strict Open XML,
content held only as embedded HTML) are converted with LibreOffice when it is installed (finding I10), or
refused with a message saying what they are and what to do.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from model import format as fmt
from model.checks import RULES, Cell, Finding
from model.docx_convert import ConversionError, converted_to_docx
from model.docx_embed import read_embedded
from model.docx_locate import TableRead, norm, read_applications, read_cases, read_proactive, similarity
from model.docx_package import DocxFormatError, open_word_package, read_member
from model.docx_text import Block, Paragraph, Table, body_blocks, iter_tables
from model.draft import Draft, OverviewPoint
from model.storage import DraftError, parse_draft

SOURCE_EMBEDDED = "embedded"
SOURCE_PRINTED = "printed"

_TABLE_NAMES = {
    "proactive": "表二（" + fmt.heading("proactive")[2:] + "）",
    "applications": "表三（" + fmt.heading("applications")[2:] + "）",
    "review_litigation": "表四（" + fmt.heading("review_litigation")[2:] + "）",
}


@dataclass
class ImportResult:
    """A report read from a Word file.

    `draft` holds the figures as printed (wrong totals kept, so the checker reports them) and the
    narrative; `findings` are what the reading noticed (rules I1–I13: blank cells read as 0, a 2019 layout,
    cells that are not numbers, a document edited after export…); `source` is 'embedded' when the draft
    is the one this product embedded at export, restored exactly, and 'printed' when it was read from the
    printed tables and text (also when the embedded draft was used but what is printed differs from it).
    """

    draft: Draft
    findings: list[Finding] = field(default_factory=list)
    source: str = SOURCE_PRINTED


def _finding(rule: str, section: str, message: str, cells: tuple[Cell, ...] = (), **kw: Any) -> Finding:
    return Finding(rule, RULES[rule].severity, section, message, cells=cells, **kw)


def _examples(names: list[str], limit: int = 3) -> str:
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
                _finding(
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
            _finding(
                "I1",
                section,
                f"{name}有 {len(blanks)} 个空白单元格，已按 0 读入（如 {_examples([read.where[c] for c in blanks])}）",
                tuple(blanks),
                params={"count": len(blanks)},
            )
        )
    if dashes:
        texts = sorted({read.figures[c].text.strip() for c in dashes})
        findings.append(
            _finding(
                "I2",
                section,
                f"{name}有 {len(dashes)} 个单元格印的是「{'」「'.join(texts)}」，已按 0 读入"
                f"（如 {_examples([read.where[c] for c in dashes])}）",
                tuple(dashes),
                params={"count": len(dashes)},
            )
        )
    if read.missing:
        findings.append(
            _finding(
                "I6",
                section,
                f"{name}缺少官方格式中的 {len(read.missing)} 处：{_examples(read.missing, 6)}；这些数字未读入",
                params={"missing": list(read.missing)},
            )
        )
    if read.ignored:
        findings.append(
            _finding(
                "I7",
                section,
                f"{name}中有官方格式之外的行（如小计行或重复的行），已忽略：{_examples(read.ignored)}",
                params={"rows": list(read.ignored)},
            )
        )


def _read_tables(
    path: Path, blocks: list[Block], alt_parts: list[str], draft: Draft, findings: list[Finding]
) -> list[Table]:
    """Read tables 二, 三 and 四 into `draft`; return the document tables used.

    Raises `DocxFormatError` naming every table not found; convertible, naming the parts, when the content
    is held in the `w:altChunk` parts `alt_parts`.
    """
    tables = list(iter_tables(blocks))
    reads = {
        "proactive": read_proactive(tables),
        "applications": read_applications(tables),
        "review_litigation": read_cases(tables),
    }
    missing = [_TABLE_NAMES[k] for k, r in reads.items() if not r.found]
    if missing:
        if alt_parts:
            raise DocxFormatError(
                path,
                "正文内容是以“嵌入网页”（altChunk）方式插入的，本程序不能直接读取其中的表格；请在 Word 中打开它，"
                "全选复制到新建的 Word 文档后另存为 .docx 再打开",
                "altchunk",
                True,
                alt_parts,
            )
        if not tables:
            reason = "文件中没有表格，不是官方格式的政府信息公开工作年度报告（未找到表二、表三、表四）"
        else:
            reason = f"未找到{'、'.join(missing)}；请确认这是按官方格式填写的政府信息公开工作年度报告"
        raise DocxFormatError(path, reason, "notables")
    proactive = reads["proactive"]
    if proactive.layout == fmt.FORMAT_2019_ID:
        shown = [f"{b} {r}（{c}）{t or '空白'}" for b, r, c, t in proactive.old_figures]
        findings.append(
            _finding(
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
        findings.append(
            _finding(
                "I3",
                "applications",
                f"表三的「{fmt.APPLICATION_OTHER_2019.group}」只印了一行（与 2019 年试行格式相同），"
                f"已计入「{last.item}」；「{first.item}」「{second.item}」两行未填写",
                tuple(Cell("applications", last.key, c.key) for c in fmt.APPLICANT_COLUMNS),
            )
        )
    if apps.guessed_columns:
        findings.append(
            _finding(
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
    return used


# ---------------------------------------------------------------------------------------------------------
# Narrative


_TEMPLATE_PROMPT = re.compile(r"^\(文字描述.*\)$")
_SUB_ORDINAL = re.compile(r"^\s*[（(]\s*([一二三四五六七八九十]+)\s*[）)]")
_CN_DIGITS = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "O": 0,
    "Ｏ": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_CN_DATE = re.compile(
    r"([〇○零O一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日"
)
_TITLE = re.compile(r"^(?P<agency>.*?)(?P<year>(?:19|20)\d{2})年度?政府信息公开工作年度报告")
_FULL_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def _plain(text: str) -> str:
    """Return `text` without whitespace and with full-width digits made ASCII (other characters kept)."""
    return "".join(text.split()).translate(_FULL_DIGITS)


def _cn_number(text: str) -> int:
    """Return the value of a Chinese day or month number: 「十三」 → 13, 「二十」 → 20, 「一」 → 1."""
    if "十" in text:
        tens, _, units = text.partition("十")
        return (_CN_DIGITS.get(tens, 0) if tens else 1) * 10 + (_CN_DIGITS.get(units, 0) if units else 0)
    return _CN_DIGITS.get(text, 0)


def parse_cn_date(text: str) -> date | None:
    """Return the date written as `text` alone: 「2025年1月13日」 (spaces and full-width digits allowed) or
    「二〇二五年一月十三日」; None if `text` is not just a date or names no real day."""
    t = _plain(text)
    m = _DATE.fullmatch(t)
    try:
        if m:
            return date(int(m[1]), int(m[2]), int(m[3]))
        m = _CN_DATE.fullmatch(t)
        if m:
            year = int("".join(str(_CN_DIGITS[ch]) for ch in m[1]))
            return date(year, _cn_number(m[2]), _cn_number(m[3]))
    except ValueError:
        return None
    return None


_LEVEL2_STYLE = re.compile(r"^(?:heading\s*2|2|标题\s*2)$", re.IGNORECASE)


def _paragraph_stream(blocks: list[Block], used: list[Table]) -> list[tuple[str, bool]]:
    """Return the text paragraphs in reading order as (text, in a level-2 heading style), skipping the
    tables read as figures and descending into the others (layout tables, text frames made of tables).
    Empty paragraphs and the template's prompts 「（文字描述）」 are dropped."""
    out: list[tuple[str, bool]] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            level2 = bool(_LEVEL2_STYLE.match(block.style))
            for line in block.text.split("\n"):
                text = line.strip().strip("\u3000").strip()
                if text and not _TEMPLATE_PROMPT.match(norm(text)):
                    out.append((text, level2))
        elif all(block is not t for t in used):
            out.extend(_paragraph_stream(block.blocks(), used))
    return out


def _heading_split(text: str, heading: str) -> tuple[bool, str]:
    """Return (True, text after the heading) if the paragraph `text` is the section `heading` — also with
    half-width ordinal marks, spaces, a few extra characters, or text following on the same line."""
    n, h = norm(text), norm(heading)
    ordinal, rest_h = h[:2], h[2:]
    if not n.startswith(ordinal):
        return False, ""
    rest = n[2:]
    if rest == rest_h or (rest.startswith(rest_h) and len(rest) - len(rest_h) <= 4 and rest[-1:] not in ".:"):
        return True, ""
    if rest.startswith(rest_h) and rest[len(rest_h) : len(rest_h) + 1] in (".", ":"):
        plain = text.strip()
        marks = [pos for pos in (plain.find(m) for m in ("：", ":", "。", "．", ".")) if pos > 0]
        return True, plain[min(marks) + 1 :].strip() if marks else ""
    if len(rest) <= len(rest_h) + 4 and similarity(rest, rest_h) >= 0.8:
        return True, ""
    return False, ""


def _split_point(text: str) -> tuple[str, str]:
    """Return (heading, text) of an overview sub-point paragraph 「（一）主动公开方面。草场镇…」."""
    stripped = text.strip()
    for i, ch in enumerate(stripped[:32]):
        if ch in "。：:．" and i > 3:
            return stripped[:i].strip(), stripped[i + 1 :].strip()
    if len(stripped) <= 32:
        return stripped.rstrip("。．.：:"), ""
    m = _SUB_ORDINAL.match(stripped)
    assert m is not None
    return stripped[: m.end()].strip(), stripped[m.end() :].strip()


_ORDINALS = "一二三四五六七八九十"


_AGENCY_ENDINGS = ("人民政府", "办事处", "委员会", "管理委员会", "办公室", "办公厅", "局", "厅", "政府")
_SENTENCE_MARKS = re.compile(r"[。；;，,：:！？!?]")


def _closing_block(paragraphs: list[str], agency: str) -> tuple[str, date | None, int]:
    """Return (agency, signing date, number of trailing paragraphs they take) from the end of the report.

    The closing block is the date alone on the last line, usually under the agency's name; or the name
    alone when the report is not dated — recognised when it is the title's agency (or extends it) or
    ends like an agency (人民政府, 办事处, 局…).
    """
    if not paragraphs:
        return "", None, 0
    last = paragraphs[-1]
    plain_last = _plain(last)
    if (
        2 <= len(plain_last) <= 40
        and not _SENTENCE_MARKS.search(plain_last)
        and ((agency and plain_last.startswith(_plain(agency))) or plain_last.endswith(_AGENCY_ENDINGS))
    ):
        return plain_last, None, 1
    when = parse_cn_date(last)
    if when is not None:
        if len(paragraphs) >= 2:
            prev = paragraphs[-2].strip()
            if 2 <= len(prev) <= 40 and not _SENTENCE_MARKS.search(prev):
                return prev, when, 2
        return "", when, 1
    plain = last.strip()
    m = re.search(
        r"(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[0-9０-９\s]{4,}年[0-9０-９\s]{1,4}月[0-9０-９\s]{1,4}日)$", plain
    )
    if m:
        head = plain[: m.start()].strip()
        when = parse_cn_date(m.group(0))
        if when is not None and 2 <= len(head) <= 40 and not _SENTENCE_MARKS.search(head):
            return head, when, 1
    return "", None, 0


_NO_FEE = re.compile(r"(未|没有|无|不)(发生|向申请人)?(收取|收|产生)(任何)?(政府)?信息处理费")
_FEE_NOTICES = re.compile(r"收费通知(?:书)?(?:的件数)?(?:共|为)?(\d+)件")
_FEE_NOTIFIED = re.compile(r"(?:通知|应收)(?:的)?(?:信息处理费)?(?:总)?金额(?:为|共|合计)?(\d+(?:\.\d+)?)元")
# 「实际收取金额300元」「实际收取信息处理费150.5元」「实际收缴费用共计20元」
_FEE_COLLECTED = re.compile(
    r"实际(?:收取|收缴|收到)(?:的)?(?:信息处理费|费用)?(?:总)?(?:金额)?(?:为|共计|共|合计)?(\d+(?:\.\d+)?)元"
)


def _fees_from_text(text: str, draft: Draft) -> None:
    """Set the information-processing fee fields from section 六's sentence, when it states them."""
    t = _plain(unicodedata.normalize("NFKC", text))
    if _NO_FEE.search(t):
        draft.fees.update(notices=0, notified_amount=Decimal(0), collected_amount=Decimal(0))
        return
    for key, pattern in (
        ("notices", _FEE_NOTICES),
        ("notified_amount", _FEE_NOTIFIED),
        ("collected_amount", _FEE_COLLECTED),
    ):
        m = pattern.search(t)
        if m:
            draft.fees[key] = int(m[1]) if key == "notices" else Decimal(m[1])


def _read_narrative(stream: list[tuple[str, bool]], draft: Draft) -> list[str]:
    """Put the title, preamble, the six sections' text and the closing block of the paragraphs `stream`
    (text, in a level-2 heading style) into `draft`.

    Return the headings of the sections not found (their text, if any, went to the part before them).
    """
    paragraphs = [text for text, _level2 in stream]
    level2 = {i for i, (_text, flag) in enumerate(stream) if flag}
    in_overview: list[int] = []  # indices into `stream` of the paragraphs of 一
    sections: dict[str, list[str]] = {s.key: [] for s in fmt.SECTIONS}
    headings_found: set[str] = set()
    before: list[str] = []
    current = -1
    for index, text in enumerate(paragraphs):
        moved = False
        for i in range(current + 1, len(fmt.SECTIONS)):
            is_heading, rest = _heading_split(text, fmt.SECTIONS[i].heading)
            if is_heading:
                current = i
                moved = True
                headings_found.add(fmt.SECTIONS[i].key)
                if rest:
                    sections[fmt.SECTIONS[i].key].append(rest)
                    if i == 0:
                        in_overview.append(-1)  # text after the heading on its line: not a sub-heading
                break
        if moved:
            continue
        (before if current < 0 else sections[fmt.SECTIONS[current].key]).append(text)
        if current == 0:
            in_overview.append(index)

    # title: the first lines up to the one ending in 年度报告 (printed on one or two lines)
    title_lines: list[str] = []
    for i, text in enumerate(before[:3]):
        if len(_plain(text)) > 60 or "。" in text:
            break
        if "年度报告" in _plain(text):
            title_lines = before[: i + 1]
            break
    preamble = before[len(title_lines) :]
    m = _TITLE.match(_plain("".join(title_lines)))
    agency = ""
    if m:
        agency = m["agency"]
        draft.year = int(m["year"])
    else:
        for text in preamble:
            found = re.search(r"((?:19|20)\d{2})年度?政府信息公开工作年度报告", _plain(text))
            if found:
                draft.year = int(found[1])
                break

    # closing block: agency and date at the very end (after 六, or after the preamble if no heading was found)
    last_key = next((s.key for s in reversed(fmt.SECTIONS) if sections[s.key]), None)
    last = sections[last_key] if last_key is not None else preamble
    signer, when, taken = _closing_block(last, agency)
    if taken:
        del last[-taken:]
    draft.signing_date = when
    if signer and (not agency or (signer.startswith(agency) and len(signer) > len(agency))):
        agency = signer
    draft.agency = agency
    draft.preamble = "\n".join(preamble)
    draft.deadline = draft.default_deadline()

    # 一、总体情况: a lead, then the sub-points （一）…（五） with their printed headings
    lead: list[str] = []
    points: list[tuple[str, list[str]]] = []
    styled = [i in level2 for i in in_overview]
    for text, is_level2 in zip(sections["overview"], styled, strict=True):
        m2 = _SUB_ORDINAL.match(text)
        if m2 and m2[1] == _ORDINALS[len(points) : len(points) + 1]:
            heading, first = _split_point(text)
            points.append((heading, [first] if first else []))
        elif is_level2 and len(text) <= 40:  # a sub-heading without its （一）, known by its style
            points.append((text, []))
        elif points:
            points[-1][1].append(text)
        else:
            lead.append(text)
    draft.overview_lead = "\n".join(lead)
    if points:
        draft.overview_points = [OverviewPoint(h, "\n".join(t)) for h, t in points]

    block_labels = [b.label for b in (*fmt.PROACTIVE_BLOCKS, *fmt.PROACTIVE_BLOCKS_2019)]
    draft.proactive_lead = "\n".join(
        t for t in sections["proactive"] if max(similarity(t, b) for b in block_labels) < 0.95
    )
    draft.applications_lead = "\n".join(sections["applications"])
    draft.cases_lead = "\n".join(sections["review_litigation"])
    draft.problems = "\n".join(sections["problems"])
    draft.other_matters = "\n".join(sections["other_matters"])
    _fees_from_text(draft.other_matters, draft)
    return [s.heading for s in fmt.SECTIONS if s.key not in headings_found]


# ---------------------------------------------------------------------------------------------------------
# The printed report, the embedded draft, and the two compared


def read_printed(path: str | os.PathLike[str]) -> ImportResult:
    """Return the report printed in the `.docx` at `path`, ignoring any embedded draft.

    Raises `DocxFormatError` (a `DraftError`) when the file cannot be read or a table is missing.
    """
    p = Path(path)
    package = open_word_package(p)
    blocks, stats = body_blocks(package.document)
    draft = Draft()
    findings: list[Finding] = []
    alt_parts = [package.rels[rid][1] for rid in stats.alt_chunks if rid in package.rels and not package.rels[rid][2]]
    used = _read_tables(p, blocks, alt_parts, draft, findings)
    missing = _read_narrative(_paragraph_stream(blocks, used), draft)
    if missing:
        findings.append(
            _finding(
                "I14",
                "basic",
                f"正文中未找到标题「{'」「'.join(missing)}」，其下的文字归入了前一部分，请核对各部分的文字",
                (Cell("basic", "file"),),
                params={"headings": missing},
            )
        )
    if stats.tracked_changes:
        findings.append(
            _finding(
                "I11",
                "basic",
                f"文件中有 {stats.tracked_changes} 处未接受或拒绝的修订（修订痕迹），已按“接受全部修订”后的内容读入",
                (Cell("basic", "file"),),
                params={"count": stats.tracked_changes},
            )
        )
    if stats.alt_chunks:
        findings.append(
            _finding(
                "I13",
                "basic",
                f"文件中有 {len(stats.alt_chunks)} 处以“嵌入网页”（altChunk）方式插入的内容，未读取，"
                "请核对文字是否完整",
                (Cell("basic", "file"),),
            )
        )
    return ImportResult(draft, findings, SOURCE_PRINTED)


def _figure_cells() -> list[tuple[str, Cell, str]]:
    """Return (section, cell, name in official words) for every figure of a draft."""
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
    parts = [draft.preamble, draft.contact, draft.overview_lead]  # the contact block prints after the preamble
    for p in draft.overview_points:
        parts.extend([p.heading, p.text])
    parts.extend([draft.proactive_lead, draft.applications_lead, draft.cases_lead, draft.problems, draft.other_matters])
    # white space and control characters (which a document cannot hold) do not count as a difference
    return "".join(ch for ch in norm("".join(parts)) if unicodedata.category(ch)[0] != "C")


def _merge(embedded: Draft, printed: ImportResult) -> tuple[Draft, list[str]]:
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
        contact = [line for line in embedded.contact.split("\n") if line.strip()]
        lines = p.preamble.split("\n")
        if contact and [norm(x) for x in lines[-len(contact) :]] == [norm(x) for x in contact]:
            merged.preamble = "\n".join(lines[: -len(contact)])  # the contact block, printed after it
        else:
            merged.contact = ""
    return merged, differences


def _with_embedded(path: Path, printed: ImportResult | None, reason: DraftError | None) -> ImportResult | None:
    """Return the result using the draft embedded in `path`, or None when there is none to use."""
    found = read_embedded(path)
    if found is None:
        return None
    file_cell = (Cell("basic", "file"),)
    if not found.checksum_ok:
        if printed is None:
            return None
        printed.findings.append(
            _finding(
                "I9", "basic", "文件内嵌的草稿数据已被改动或损坏（校验值不符），已按打印的表格和文字读入", file_cell
            )
        )
        return printed
    try:
        embedded = parse_draft(found.data, path)
    except DraftError as exc:
        if printed is None:
            return None
        printed.findings.append(
            _finding("I9", "basic", f"文件内嵌的草稿数据无法使用（{exc.reason}），已按打印的表格和文字读入", file_cell)
        )
        return printed
    if printed is None:
        missing = reason.reason if reason is not None else "打印内容无法读取"
        return ImportResult(
            embedded,
            [
                _finding(
                    "I8", "basic", f"打印的文件不完整（{missing}），已按文件内嵌的草稿读入；请核对打印件", file_cell
                )
            ],
            SOURCE_PRINTED,
        )
    merged, differences = _merge(embedded, printed)
    if not differences:
        return ImportResult(embedded, [], SOURCE_EMBEDDED)
    finding = _finding(
        "I8",
        "basic",
        "打印的内容与文件内嵌的草稿不一致（导出后在 Word 中改过），已按打印内容读入，请核对："
        + _examples(differences, 5),
        file_cell,
        params={"differences": differences},
    )
    key = finding.key
    if merged.explanations.get(key, "").strip():
        finding = Finding(**{**finding.__dict__, "explained": True})
    return ImportResult(merged, [finding, *printed.findings], SOURCE_PRINTED)


def _import(p: Path) -> ImportResult:
    """Return the report in `p`; an unexpected failure on a hostile or broken file becomes a `DraftError`."""
    try:
        return _import_checked(p)
    except DraftError:
        raise
    except RecursionError as exc:
        raise DocxFormatError(p, "文件结构嵌套过深，不是正常的 Word 文件，出于安全考虑不予读取", "nested") from exc
    except Exception as exc:  # untrusted input: never let a malformed file crash the program
        raise DocxFormatError(
            p,
            f"文件内容无法解析（{type(exc).__name__}）；请在 Word 或 WPS 中打开它，另存为 .docx 后再试",
            "damaged",
        ) from exc


def _import_checked(p: Path) -> ImportResult:
    printed: ImportResult | None = None
    failure: DocxFormatError | None = None
    try:
        printed = read_printed(p)
    except DocxFormatError as exc:
        if exc.kind not in ("notables", "altchunk"):
            raise
        failure = exc
    result = _with_embedded(p, printed, failure)
    if result is not None:
        return result
    if printed is None:
        assert failure is not None
        raise failure
    return printed


_KIND_NAMES = {
    "doc": "Word 97-2003 格式（.doc）的文件",
    "wps": "WPS 文字格式（.wps）的文件",
    "rtf": "RTF 格式的文件",
    "html": "网页格式的文件",
    "word2003xml": "Word 2003 XML 格式的文件",
    "odt": "OpenDocument 文本（.odt）",
    "strict": "Strict Open XML 格式的 .docx",
    "altchunk": "以“嵌入网页”方式保存正文的 .docx",
    "damaged": "使用了特殊压缩方式的 .docx",
}


_CHUNK_KINDS = {
    ".htm": "html",
    ".html": "html",
    ".xhtml": "html",
    ".mht": "html",
    ".mhtml": "html",
    ".rtf": "rtf",
    ".docx": "altchunk",
    ".txt": "html",
}
_BODY = re.compile(rb"<body[^>]*>(.*?)</body>", re.IGNORECASE | re.DOTALL)


def _alt_chunk_file(path: Path, parts: list[str], folder: Path) -> tuple[Path, str]:
    """Write the content of the `w:altChunk` `parts` of `path` as one file in `folder` for LibreOffice;
    return it and its kind. Several HTML chunks are joined into one page; otherwise the largest is used."""
    blobs = [(name, read_member(path, name)) for name in parts]
    suffixes = {Path(name).suffix.lower() for name, _ in blobs}
    if len(blobs) > 1 and suffixes <= {".htm", ".html", ".xhtml"}:
        bodies = [m.group(1) if (m := _BODY.search(blob)) else blob for _, blob in blobs]
        target = folder / "chunks.html"
        target.write_bytes(b"<html><head><meta charset='utf-8'></head><body>" + b"".join(bodies) + b"</body></html>")
        return target, "html"
    name, blob = max(blobs, key=lambda nb: len(nb[1]))
    suffix = Path(name).suffix.lower()
    target = folder / ("chunk" + (suffix if suffix in _CHUNK_KINDS else ".html"))
    target.write_bytes(blob)
    return target, _CHUNK_KINDS.get(suffix, "html")


def import_docx(path: str | os.PathLike[str], *, convert: bool = True) -> ImportResult:
    """Return the report in the Word file at `path` as a draft with the findings made while reading it.

    Our own export is restored from its embedded draft (`source` 'embedded'); any other official-layout
    report is read from its printed tables and text (`source` 'printed'). With `convert` (the default), a
    file LibreOffice can turn into a `.docx` (.doc, .wps, RTF, Strict Open XML, content in `w:altChunk`) is
    converted when LibreOffice is installed, and finding I10 says so.

    Raises `DraftError` with a Chinese reason naming the file when it cannot be read: what kind of file it
    is and what to do (「这是 Word 97-2003 格式（.doc）的文件…另存为 .docx」), damaged or truncated, a zip bomb,
    no tables, or which of 表二/表三/表四 was not found.
    """
    p = Path(path)
    try:
        return _import(p)
    except DocxFormatError as exc:
        if not (convert and exc.convertible):
            raise
        original = exc
    try:
        if original.kind == "altchunk" and original.parts:
            with tempfile.TemporaryDirectory(prefix="nianbao-chunk-") as tmp:
                chunk, kind = _alt_chunk_file(p, original.parts, Path(tmp))
                with converted_to_docx(chunk, kind) as converted:
                    result = import_docx(converted, convert=False)
        else:
            with converted_to_docx(p, original.kind) as converted:
                result = import_docx(converted, convert=False)
    except ConversionError as exc:
        raise DraftError(p, f"{original.reason}（{exc}）") from exc
    except DraftError as exc:
        raise DraftError(p, f"{original.reason}（已尝试用 LibreOffice 自动转换，但转换后的文件{exc.reason}）") from exc
    name = _KIND_NAMES.get(original.kind, "不是 .docx 格式的文件")
    result.findings.insert(
        0,
        _finding(
            "I10",
            "basic",
            f"这是{name}，已用 LibreOffice 自动转换后读入，请核对数字和文字；建议在 Word 或 WPS 中另存为 .docx",
            (Cell("basic", "file"),),
        ),
    )
    return result
