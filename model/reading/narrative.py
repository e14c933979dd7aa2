"""The narrative of a printed report: the title (agency and year), the preamble, the six sections with the
sub-points of 一, the fee sentence of 六 and the closing block (agency and signing date).

`read_narrative(stream, draft)` takes the text paragraphs in reading order (`paragraph_stream(blocks,
used)` gives them for any reader's blocks) and fills the draft's texts, whatever file they came from.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal

from model import format as fmt
from model.draft import Draft, OverviewPoint
from model.reading.blocks import Block, Paragraph, Table
from model.reading.locate import norm, similarity

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
# The title forms offices print (after white space is removed): 「淮安市人民政府2024年政府信息公开工作年度报告」,
# 「平潭综合实验区2024年度政府信息公开工作年度报告」, 「沭阳县发展和改革局2023年政府信息公开年度报告」 (without 工作),
# 「2019年上海市人民政府办公厅政府信息公开工作年度报告」 (year first), 「…政府信息公开工作年度报告（2024年度）」.
_REPORT_NAME = r"(?:政府)?信息公开(?:工作)?(?:年度)?报告"
_TITLE_FORMS = (
    re.compile(rf"^(?P<agency>.*?)(?P<year>(?:19|20)\d{{2}})年度?{_REPORT_NAME}"),
    re.compile(rf"^(?P<year>(?:19|20)\d{{2}})年度?(?P<agency>.+?){_REPORT_NAME}"),
    re.compile(rf"^(?P<agency>.*?){_REPORT_NAME}[(（](?P<year>(?:19|20)\d{{2}})年?度?[)）]"),
)
_YEAR_OF_REPORT = re.compile(rf"((?:19|20)\d{{2}})年度?{_REPORT_NAME}")
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


def paragraph_stream(blocks: list[Block], used: list[Table]) -> list[tuple[str, bool]]:
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
            out.extend(paragraph_stream(block.blocks(), used))
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
    return _heading_variant(text, heading)


_HEADING_END = re.compile(r"[。：:；;]")


def _heading_variant(text: str, heading: str) -> tuple[bool, str]:
    """Return (True, text after the heading) if `text` is another wording of the section `heading`: its
    ordinal, then within 32 characters (up to a full stop or colon) the words the heading keeps in every
    wording offices print (`model.format.SECTION_HEADING_WORDS`): 「五、存在的主要问题及整改措施」."""
    plain = text.strip().lstrip("\u3000 ")
    m = re.match(r"^([一二三四五六])\s*[、.．,，]\s*", plain)
    if not m or m[1] != heading[0]:
        return False, ""
    key = next(s.key for s in fmt.SECTIONS if s.heading == heading)
    rest = plain[m.end() :]
    head = _HEADING_END.split(rest, maxsplit=1)[0]
    if len(head) > 32 or not any(w in head for w in fmt.SECTION_HEADING_WORDS[key]):
        return False, ""
    return True, rest[len(head) :].lstrip("。：:；; \u3000").strip()


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


# 「未收取信息处理费」「不收取任何政府信息处理费」「未收取任何费用」「未发生收费情况」
_NO_FEE = re.compile(
    r"(未|没有|无|不)(发生|向申请人)?(收取|收|产生)(任何)?(政府)?(信息处理费|费用)|(未|没有|无)(发生|产生)(任何)?收费"
)
_FEE_NOTICES = re.compile(r"收费通知(?:书)?(?:的件数)?(?:共|为)?(\d+)件")
_FEE_NOTIFIED = re.compile(r"(?:通知|应收)(?:的)?(?:信息处理费)?(?:总)?金额(?:为|共|合计)?(\d+(?:\.\d+)?)元")
# 「实际收取金额300元」「实际收取信息处理费150.5元」「实际收缴费用共计20元」
# 「全年收取政府信息公开信息处理费3940元」: what was collected
_FEE_COLLECTED = re.compile(
    r"实际(?:收取|收缴|收到)(?:的)?(?:信息处理费|费用)?(?:总)?(?:金额)?(?:为|共计|共|合计)?(\d+(?:\.\d+)?)元"
    r"|(?:收取|收缴)了?(?:政府信息公开)?的?信息处理费(?:共计|共|合计|为)?(\d+(?:\.\d+)?)元"
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
            value = next(g for g in m.groups() if g is not None)
            draft.fees[key] = int(value) if key == "notices" else Decimal(value)
    if draft.fees["collected_amount"] == 0 and draft.fees["notices"] is None and draft.fees["notified_amount"] is None:
        # 「收取信息处理费0元」: no fee at all
        draft.fees.update(notices=0, notified_amount=Decimal(0))


# The contact block (issue 14): 「如对本报告有疑问，请与草场镇党政办公室联系（地址：…；邮编：…；联系电话：…；
# 电子邮箱：…）。」 and the labelled lines offices print instead (「联系电话：0812-0000000」).
_CONTACT_LABELS: tuple[tuple[str, str], ...] = (
    ("contact_address", r"(?:联系|通讯|通信|办公)?地址"),
    ("contact_postcode", r"邮政编码|邮编"),
    ("contact_email", r"电子(?:邮箱|邮件|信箱)|邮箱|[Ee]-?[Mm]ail"),
    ("contact_phone", r"(?:联系|咨询|办公)?电话|联系方式|传真电话"),
)
_LABEL = re.compile(r"(?P<label>" + "|".join(f"(?:{pattern})" for _key, pattern in _CONTACT_LABELS) + r")\s*[：:]\s*")
_CONTACT_SENTENCE = re.compile(
    r"如(?:您)?对(?:本|此)?(?:年度)?报告(?:内容)?(?:有|存在)(?:任何)?(?:疑问|疑义|意见|不明之处|问题)[^。；]{0,12}?[，,]?\s*"
    r"请(?:与|向)?(?P<office>[^（(。；，,]{0,40}?)(?:联系|咨询|反映)"
    r"(?:\s*[（(](?P<inner>[^）)]*)[）)]|[，,：:]?(?P<tail>[^。]*))?。?"
)


def _contact_details(text: str) -> dict[str, str]:
    """Return the labelled parts of `text` 「地址：…；邮编：…；联系电话：…」 by contact field key."""
    found: dict[str, str] = {}
    marks = list(_LABEL.finditer(text))
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        value = text[m.end() : end].strip().strip("；;，,、。 ").strip()
        label = m["label"]
        key = next(k for k, pattern in _CONTACT_LABELS if re.fullmatch(pattern, label))
        if value and key not in found:
            found[key] = value
    return found


def _is_contact_line(text: str) -> bool:
    """Return True for a short line made only of labelled contact parts (「联系电话：0812-0000000」)."""
    plain = text.strip()
    first = _LABEL.match(plain)
    return first is not None and len(plain) <= 80 and bool(_contact_details(plain))


def read_contact(paragraphs: list[str]) -> tuple[dict[str, str], list[str]]:
    """Return (the contact parts found, the paragraphs without them) from `paragraphs`.

    The parts (keys of `model.format.CONTACT_FIELDS`) come from the sentence 「如对本报告有疑问，请与<单位>联系
    （地址：…；邮编：…；联系电话：…；电子邮箱：…）」 wherever it stands in a paragraph (the rest of the
    paragraph is kept), and from lines made only of labelled parts 「联系电话：0812-0000000」, which are taken
    out. Paragraphs without contact details are returned unchanged."""
    parts: dict[str, str] = {}
    kept: list[str] = []
    for text in paragraphs:
        m = _CONTACT_SENTENCE.search(text)
        if m:
            details = _contact_details(m["inner"] or m["tail"] or "")
            office = m["office"].strip()
            if details or office:
                if office and office not in ("我们", "本机关", "我单位", "我"):
                    parts.setdefault("contact_office", office)
                for key, value in details.items():
                    parts.setdefault(key, value)
                rest = (text[: m.start()] + text[m.end() :]).strip()
                if rest:
                    kept.append(rest)
                continue
        if _is_contact_line(text):
            for key, value in _contact_details(text).items():
                parts.setdefault(key, value)
            continue
        kept.append(text)
    return parts, kept


def read_narrative(stream: list[tuple[str, bool]], draft: Draft) -> list[str]:
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

    # title: the first lines up to the one naming the report (printed on one or two lines)
    title_lines: list[str] = []
    for i, text in enumerate(before[:3]):
        if len(_plain(text)) > 60 or "。" in text:
            break
        joined = _plain("".join(before[: i + 1]))
        if "报告" in joined and "信息公开" in joined:
            title_lines = before[: i + 1]
            break
    preamble = before[len(title_lines) :]
    title = _plain("".join(title_lines))
    m = next((found for form in _TITLE_FORMS if (found := form.match(title))), None)
    agency = ""
    if m:
        agency = m["agency"]
        draft.year = int(m["year"])
    else:
        for text in preamble:
            found = _YEAR_OF_REPORT.search(_plain(text))
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
    contact, preamble = read_contact(preamble)
    for key, value in contact.items():
        setattr(draft, key, value)
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
    # the sub-points as printed; a report that printed none has none (not five empty default headings)
    draft.overview_points = [OverviewPoint(h, "\n".join(t)) for h, t in points]

    block_labels = [b.label for b in (*fmt.PROACTIVE_BLOCKS, *fmt.PROACTIVE_BLOCKS_2019)]
    draft.proactive_lead = "\n".join(
        t for t in sections["proactive"] if max(similarity(t, b) for b in block_labels) < 0.95
    )
    draft.applications_lead = "\n".join(sections["applications"])
    draft.cases_lead = "\n".join(sections["review_litigation"])
    draft.problems = "\n".join(sections["problems"])
    more, other = read_contact(sections["other_matters"]) if not contact else ({}, sections["other_matters"])
    for key, value in more.items():
        setattr(draft, key, value)
    draft.other_matters = "\n".join(other)
    _fees_from_text(draft.other_matters, draft)
    return [s.heading for s in fmt.SECTIONS if s.key not in headings_found]
