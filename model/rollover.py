"""New report from last year's: carried figures and texts, the record of last year, stale-text helpers.

`rollover(last)` starts this year's draft from last year's (issue 4): agency and contact carried, 二、上年结转
taken from last year's 四、结转下年度继续办理 column by column, this year's other figures empty, the
narrative carried as a starting point with every non-empty text marked 「待更新」 until edited, and
`draft.previous` holding what the cross-year rules X1–X3 and the text rule T1 need of last year.

The GUI uses `is_stale` / `mark_edited` / `stale_keys` for the 「待更新」 marks, `carried_over_changes` to
know when to ask for `Draft.carried_over_reason`, and `old_year_spans` to highlight last year's year.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from model import format as fmt
from model.draft import Draft, Number, OverviewPoint, Previous
from model.numerals import chinese_year, normalize_digits

STALE_LABEL = "待更新"

# The 第二十条第（一）项 rows whose 现行有效件数 is last year's baseline for X2/X3.
IN_FORCE_ROWS: tuple[str, ...] = tuple(item.key for item in fmt.PROACTIVE_BLOCKS[0].rows)


class RolloverError(ValueError):
    """Last year's report cannot be rolled over; `str()` is a Chinese message saying why."""


# ---------------------------------------------------------------------------------------------------------
# Last year's record


def text_digest(text: str) -> str:
    """Return the SHA-256 (hex) of a narrative `text`, blind to white space (spaces, line breaks, indents).

    Two texts that differ only in white space have the same digest, so re-flowing a paragraph is not an
    edit; any change of a character is.
    """
    normal = re.sub(r"\s+", "", text)
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def _row_value(draft: Draft, row: str, column: str) -> int | None:
    value = draft.applications[row][column]
    if value is None and column == fmt.TOTAL_COLUMN:
        return draft.computed_application_row_total(row)
    return value


def _int_or_none(value: Number | None) -> int | None:
    return None if value is None else int(value)


def previous_record(last: Draft) -> Previous:
    """Return what this year's draft must remember of `last`, last year's report (rules X1–X3, T1).

    The record holds `last`'s agency and year, `Draft.figures_checksum()`, its 四、结转下年度继续办理 per
    applicant column (7 values in 件; a blank 总计 is taken as the sum of the other six), its 现行有效件数 for
    规章 and 行政规范性文件 (件) and the `text_digest` of every non-empty narrative text, keyed like
    `Draft.narrative_texts()`. Raises `RolloverError` if `last` has no report year.
    """
    if last.year is None:
        raise RolloverError("上年报告未填写报告年度，无法确定本年度")
    return Previous(
        agency=last.agency.strip(),
        year=last.year,
        checksum=last.figures_checksum(),
        carried_forward={c.key: _row_value(last, "carried_forward", c.key) for c in fmt.APPLICANT_COLUMNS},
        in_force={row: _int_or_none(last.proactive[row]["in_force"]) for row in IN_FORCE_ROWS},
        text_digests={k: text_digest(t) for k, t in last.narrative_texts().items() if t.strip()},
    )


# ---------------------------------------------------------------------------------------------------------
# Rollover


def rollover(last: Draft) -> Draft:
    """Return a new draft for the year after `last`'s, started from it (issue 4).

    Carried: agency, contact block, 二、上年结转 (= `last`'s 四、结转下年度继续办理, column by column, totals
    recomputed) and every narrative text including the headings of 一's sub-points; each non-empty text
    is listed in `stale_sections` (「待更新」). Empty: every other figure (None), the signing date, the
    explanations and `carried_over_reason`. The deadline is `Draft.default_deadline()` (31 January of the
    following year). `previous` is `previous_record(last)`. `last` is not changed.

    Raises `RolloverError` if `last` has no report year.
    """
    record = previous_record(last)
    new = Draft(agency=last.agency.strip(), year=record.year + 1, contact=last.contact)
    for key in fmt.CONTACT_FIELDS:  # the contact block's parts, as last year
        setattr(new, key, getattr(last, key))
    new.deadline = new.default_deadline()
    new.preamble = last.preamble
    new.overview_lead = last.overview_lead
    new.overview_points = [OverviewPoint(p.heading, p.text) for p in last.overview_points]
    new.proactive_lead = last.proactive_lead
    new.applications_lead = last.applications_lead
    new.cases_lead = last.cases_lead
    new.problems = last.problems
    new.other_matters = last.other_matters
    for col in fmt.APPLICANT_INPUT_COLUMNS:
        new.set_application("carried_over", col.key, record.carried_forward[col.key])
    new.stale_sections = [key for key, text in new.narrative_texts().items() if text.strip()]
    new.previous = record
    return new


def carried_over_changes(draft: Draft) -> dict[str, tuple[int | None, int]]:
    """Return the columns of 二、上年结转 that differ from what was carried from last year's 四.

    The dict maps an applicant column key to `(carried, now)` in 件: the value last year's report gave
    (None if last year left it blank) and this year's value (blank counts as 0). Empty when nothing was
    changed or the draft was not rolled over (no `previous`). The GUI asks for `Draft.carried_over_reason`
    while this is not empty; rule X1 reports the same differences.
    """
    prev = draft.previous
    if prev is None or not prev.carried_forward:
        return {}
    changes: dict[str, tuple[int | None, int]] = {}
    for col in fmt.APPLICANT_COLUMNS:
        carried = prev.carried_forward.get(col.key)
        now = draft.application("carried_over", col.key)
        if (carried or 0) != now:
            changes[col.key] = (carried, now)
    return changes


def needs_carried_over_reason(draft: Draft) -> bool:
    """Return True if 二、上年结转 differs from last year's 四 and no reason is written yet."""
    return bool(carried_over_changes(draft)) and not draft.carried_over_reason.strip()


# ---------------------------------------------------------------------------------------------------------
# 「待更新」 marks


def is_stale(draft: Draft, key: str) -> bool:
    """Return True if the narrative text `key` (a key of `Draft.narrative_texts()`) is still 「待更新」.

    A text is stale while it is listed in `draft.stale_sections` and, when last year's digest is known,
    still equals last year's text (so an edit counts even if the GUI did not call `mark_edited`).
    """
    if key not in draft.stale_sections:
        return False
    text = draft.narrative_texts().get(key)
    if text is None:
        return False
    prev = draft.previous
    if prev is None or key not in prev.text_digests:
        return True
    return text_digest(text) == prev.text_digests[key]


def mark_edited(draft: Draft, key: str) -> None:
    """Remove the 「待更新」 mark of the narrative text `key` (the clerk has reviewed or edited it)."""
    draft.stale_sections = [k for k in draft.stale_sections if k != key]


def stale_keys(draft: Draft) -> list[str]:
    """Return the keys of the narrative texts still 「待更新」, in reading order."""
    return [key for key in draft.narrative_texts() if is_stale(draft, key)]


# ---------------------------------------------------------------------------------------------------------
# Last year's year in a text

# Places where a year belongs to a legal citation and stays right in any year's report: a 《…》 title, a
# document number 〔2021〕30号 / [2021]30号 / （2021）30号, a dated clause right after a title
# (「《条例》（2019年4月3日…修订）」), and a date with 施行/修订/公布/印发/颁布 (「2019年5月15日起施行」).
_CITATION_RES: tuple[re.Pattern[str], ...] = (
    re.compile(r"《[^《》]{0,80}》"),
    re.compile(r"[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*(?:第\s*)?\d+\s*号"),
    re.compile(r"》\s*[（(][^（）()]{0,60}[）)]"),
    re.compile(r"\d{4}年\d{1,2}月\d{1,2}日\s*(?:起\s*)?(?:施行|修订|修正|公布|印发|颁布|发布|通过|生效|实施)"),
)
# A year compared with (「较2024年」「与2024年相比」「2024年同期」) is not left over.
_COMPARE_BEFORE = re.compile(r"(?:较|比|与|同|对比|相比|相较于?)\s*$")
_COMPARE_AFTER = re.compile(r"^\s*(?:年度?)?\s*(?:相比|同期|同比|对比|相较)")


def citation_spans(text: str) -> list[tuple[int, int]]:
    """Return the `(start, end)` spans of legal citations in `text`: 《…》 titles, document numbers such as
    〔2021〕30号, a parenthesised date right after a title, and dates followed by 施行/修订/公布/印发…"""
    spans = [m.span() for pattern in _CITATION_RES for m in pattern.finditer(normalize_digits(text))]
    return sorted(spans)


def old_year_spans(text: str, year: int) -> list[tuple[int, int]]:
    """Return the `(start, end)` spans in `text` where `year` (last year's report year) still stands.

    Finds the Arabic form (「2024」, also full-width) and the Chinese form (「二〇二四」「二零二四」), not
    inside a legal citation (`citation_spans`) and not in a comparison (「较2024年」「与2024年相比」). The
    spans are character offsets into `text`, for highlighting; sorted, not overlapping.
    """
    return list(_old_year_spans(text, year))


@lru_cache(maxsize=512)
def _old_year_spans(text: str, year: int) -> tuple[tuple[int, int], ...]:
    """`old_year_spans()`, kept for the texts read last (rule T2 reads every text after every edit)."""
    plain = normalize_digits(text)
    cited = citation_spans(text)
    forms = [re.escape(str(year)), re.escape(chinese_year(year)), re.escape(chinese_year(year).replace("〇", "零"))]
    spans: list[tuple[int, int]] = []
    for m in re.finditer(f"(?<![0-9])(?:{'|'.join(forms)})(?![0-9])", plain):
        start, end = m.span()
        if any(a <= start and end <= b for a, b in cited):
            continue
        if _COMPARE_BEFORE.search(plain[max(0, start - 4) : start]) or _COMPARE_AFTER.match(plain[end : end + 6]):
            continue
        spans.append((start, end))
    return tuple(spans)
