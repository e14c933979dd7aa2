"""The narrative's form: numbering of headings and lists (H1, H2) and cheap, precise text-quality hints (Q1–Q3).

- H1 错误: the sub-point headings of 一、总体情况 are numbered （一）（二）（三）… without a gap, a repeat or a
  restart (a renumbered heading is proposed).
- H2 错误: a list the clerk writes in 五 or 六, paragraphs starting 「（一）」「1.」「（1）」, counts on without a gap,
  repeat or restart; a higher level (（二）) starts its lower lists (1.) afresh, and so does a paragraph
  without a number between two lists.
- Q1 提示: a character or word written twice in a row (「资金资金」「的的」), not a reduplication Chinese uses
  (「常常」「人人」「谢谢」「认认真真」「一步一步」): only function characters are checked singly.
- Q2 提示: a half-width comma or bracket 「,」「(」「)」 against Chinese text (not in 1,234 or in Latin text).
- Q3 提示: one number written with full-width and half-width digits mixed (「２02４」).

The ordinals themselves are those of GB/T 9704 (一、 （一） 1. （1）) as reports use them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from model import format as fmt
from model.draft import Draft, Previous
from model.findings import RULES, Cell, Finding, Fix
from model.numerals import parse_chinese
from model.rules.narrative import narrative_label, narrative_section

_CN_ORDINAL = "一二三四五六七八九十"


def chinese_ordinal(n: int) -> str:
    """Return `n` (1–99) in Chinese numerals as ordinals are written: 3 → 「三」, 12 → 「十二」, 20 → 「二十」."""
    if n <= 10:
        return _CN_ORDINAL[n - 1]
    tens, units = divmod(n, 10)
    return ("" if tens == 1 else _CN_ORDINAL[tens - 1]) + "十" + (_CN_ORDINAL[units - 1] if units else "")


def _text_finding(
    rule: str, section: str, key: str, message: str, row: str | None = None, params: dict[str, Any] | None = None
) -> Finding:
    if row == fmt.heading(section):
        row = None  # the section itself: named by the finding's section
    return Finding(
        rule, RULES[rule].severity, section, message, row=row, cells=(Cell("text", key),), params=params or {}
    )


# ---------------------------------------------------------------------------------------------------------
# H1, H2: numbering

_HEADING_ORDINAL = re.compile(r"^\s*[（(]\s*([一二三四五六七八九十]+)\s*[）)]")


def check_point_numbering(draft: Draft, previous: Previous | None) -> Iterator[Finding]:
    """H1: the sub-point headings of 一 numbered （一）（二）… in order; each one out of order is named with
    the ordinal it should have and the renumbered heading proposed."""
    expected = 0
    for i, point in enumerate(draft.overview_points):
        heading = point.heading.strip()
        m = _HEADING_ORDINAL.match(heading)
        if not m:
            continue
        expected += 1
        try:
            number = parse_chinese(m[1])
        except ValueError:
            continue
        if number == expected:
            continue
        want = f"（{chinese_ordinal(expected)}）"
        fixed = want + heading[m.end() :].lstrip()
        if number < expected:
            what = "重复" if number == expected - 1 else "顺序错乱或重新开始"
        else:
            what = f"跳过了{'、'.join(f'（{chinese_ordinal(n)}）' for n in range(expected, number))}"
        yield Finding(
            "H1",
            RULES["H1"].severity,
            "overview",
            f"一、总体情况的第 {expected} 个小标题「{heading}」序号{what}，应为「{want}」",
            row=heading,
            cells=(Cell("text", f"overview_heading.{i}"),),
            fix=Fix(Cell("text", f"overview_heading.{i}"), fixed, f"改为「{fixed}」"),
        )


# list levels from the top: 一、 （一） 1. （1）
_LIST_MARKERS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^\s*([一二三四五六七八九十]{1,3})\s*、"), "cn"),
    (re.compile(r"^\s*[（(]\s*([一二三四五六七八九十]{1,3})\s*[）)]"), "cn_paren"),
    (re.compile(r"^\s*([0-9０-９]{1,2})\s*[.．、](?![0-9０-９])"), "arabic"),
    (re.compile(r"^\s*[（(]\s*([0-9０-９]{1,2})\s*[）)]"), "arabic_paren"),
)
_LEVEL_SHOWN = {"cn": "{}、", "cn_paren": "（{}）", "arabic": "{}.", "arabic_paren": "（{}）"}
_LIST_SECTIONS = {"problems": "problems", "other_matters": "other_matters"}


def _marker(line: str) -> tuple[int, int, str] | None:
    """Return (level, number, the marker as written) of a paragraph starting with a list ordinal."""
    for level, (pattern, kind) in enumerate(_LIST_MARKERS):
        m = pattern.match(line)
        if m:
            raw = m[1].translate(str.maketrans("０１２３４５６７８９", "0123456789"))
            try:
                number = int(raw) if kind.startswith("arabic") else parse_chinese(raw)
            except ValueError:
                return None
            return level, number, m.group().strip()
    return None


def _shown(level: int, number: int) -> str:
    kind = _LIST_MARKERS[level][1]
    return _LEVEL_SHOWN[kind].format(chinese_ordinal(number) if kind.startswith("cn") else number)


def list_numbering_errors(text: str) -> list[tuple[str, str, str]]:
    """Return the numbering faults of the lists in `text` as (the marker as written, what is wrong, the
    paragraph's start): a gap (（一）（三）), a repeat (1. 1.), a restart (（一）（二）（一） with no unnumbered
    paragraph between) or a list that starts past its first item (（二） first)."""
    counters: dict[int, int] = {}
    broken: set[int] = set()  # levels whose list an unnumbered paragraph ended
    faults: list[tuple[str, str, str]] = []
    for line in (p.strip() for p in text.split("\n")):
        if not line:
            continue
        found = _marker(line)
        if found is None:
            broken.update(counters)
            continue
        level, number, written = found
        for lower in [k for k in counters if k > level]:
            del counters[lower]  # a higher item starts the lists under it afresh
            broken.discard(lower)
        last = counters.get(level, 0)
        if level in broken and number == 1:
            last = 0  # a new list after text in between
        broken.discard(level)
        start = line[:16] + ("…" if len(line) > 16 else "")
        if number != last + 1:
            if last == 0:
                faults.append((written, f"列项从「{written}」开始，应从「{_shown(level, 1)}」开始", start))
            elif number == last:
                faults.append((written, f"序号「{written}」重复，应为「{_shown(level, last + 1)}」", start))
            elif number < last:
                faults.append((written, f"序号在「{_shown(level, last)}」之后又从「{written}」开始", start))
            else:
                faults.append((written, f"序号从「{_shown(level, last)}」跳到「{written}」", start))
        # a repeat stands for the next number; anything else is counted on from as written (after a restart
        # 「1. 2. 3. 1. 2.」 only the restart is named, not every item after it against a number never written)
        counters[level] = last + 1 if number == last else number
    return faults


def check_list_numbering(draft: Draft, previous: Previous | None) -> Iterator[Finding]:
    """H2: the （一）/1./（1） lists the clerk writes in 五 and 六 count on without gaps, repeats or restarts."""
    for key, section in _LIST_SECTIONS.items():
        for written, what, start in list_numbering_errors(getattr(draft, key)):
            yield _text_finding("H2", section, key, f"{what}（「{start}」）", params={"marker": written})


# ---------------------------------------------------------------------------------------------------------
# Q1–Q3: text quality

_HAN = "\u4e00-\u9fff"
# Characters that are never doubled in a sentence of a report; content characters are left alone, as
# Chinese doubles them rightly (常常, 人人, 谢谢, 层层, 年年, 认认真真…).
_FUNCTION_CHARS = "的是在和与及对为将把被并或于以其已向从按由了"
_DOUBLED_CHAR = re.compile(rf"([{_FUNCTION_CHARS}])\1")
_DOUBLED_WORD = re.compile(rf"([{_HAN}]{{2,4}})\1")
_LEGIT_DOUBLES = ("了了",)  # 不了了之, 了了数语
_HALF_COMMA = re.compile(r"[,()]")
_DIGIT_RUN = re.compile(r"[0-9０-９][0-9０-９.．]*[0-9０-９]")


def _doubles(text: str) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for m in _DOUBLED_WORD.finditer(text):
        word = m[1]
        if word.startswith("一") or len(set(word)) == 1:  # 一步一步, 一件一件; 人人人人 is 人人 twice
            continue
        found.append((m.start(), m.group()))
    for m in _DOUBLED_CHAR.finditer(text):
        if m.group() in _LEGIT_DOUBLES:
            continue
        after = text[m.end() : m.end() + 2]
        if len(after) == 2 and after[0] == after[1]:  # AABB: 的的确确, 和和美美
            continue
        found.append((m.start(), m.group()))
    return sorted(found)


def _is_han(ch: str) -> bool:
    return len(ch) == 1 and ("\u4e00" <= ch <= "\u9fff" or ch in "，。；：、“”《》（）")


def _half_width_marks(text: str) -> list[int]:
    """Return the offsets of half-width 「,」「(」「)」 standing against Chinese text (not in 1,234, not in
    Latin text or a web address)."""
    found = []
    for m in _HALF_COMMA.finditer(text):
        i, mark = m.start(), m.group()
        before = text[i - 1] if i > 0 else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        if mark == "," and before.isdigit() and after.isdigit():
            continue
        if mark == "(" and not _is_han(after):  # 「(每月一次)」, not 「网址(www…)」「(English)」
            continue
        if mark == ")" and not _is_han(before):
            continue
        if mark == "," and not (_is_han(before) or _is_han(after)):
            continue
        found.append(i)
    return found


def _mixed_digits(text: str) -> list[tuple[int, str]]:
    found = []
    for m in _DIGIT_RUN.finditer(text):
        run = m.group()
        if any(c in "0123456789" for c in run) and any(c in "０１２３４５６７８９" for c in run):
            found.append((m.start(), run))
    return found


def _excerpt(text: str, start: int, end: int, width: int = 8) -> str:
    a, b = max(0, start - width), min(len(text), end + width)
    inner = re.sub(r"\s+", " ", text[a:b]).strip()
    return ("…" if a > 0 else "") + inner + ("…" if b < len(text) else "")


def _where(draft: Draft, key: str) -> tuple[str, str]:
    """Return (section key, label) of the narrative text `key`, as the narrative rules name them."""
    return narrative_section(key), narrative_label(draft, key)


def check_text_quality(draft: Draft, previous: Previous | None) -> Iterator[Finding]:
    """Q1 (doubled character or word), Q2 (half-width comma or bracket in Chinese text) and Q3 (full-width
    and half-width digits mixed in one number): one hint per text and kind, naming the first place."""
    texts = dict(draft.narrative_texts())
    for i, point in enumerate(draft.overview_points):
        texts[f"overview_heading.{i}"] = point.heading
    for key, text in texts.items():
        if not text.strip():
            continue
        section, label = _where(draft, key.replace("overview_heading.", "overview."))
        doubles = _doubles(text)
        if doubles:
            at, word = doubles[0]
            yield _text_finding(
                "Q1",
                section,
                key,
                f"「{label}」中「{word}」重复了（「{_excerpt(text, at, at + len(word))}」），请核对"
                + (f"；共 {len(doubles)} 处" if len(doubles) > 1 else ""),
                row=label,
            )
        marks = _half_width_marks(text)
        if marks:
            at = marks[0]
            yield _text_finding(
                "Q2",
                section,
                key,
                f"「{label}」的中文句子中用了半角标点「{text[at]}」（「{_excerpt(text, at, at + 1)}」），"
                f"应为全角「{ {',': '，', '(': '（', ')': '）'}[text[at]] }」"
                + (f"；共 {len(marks)} 处" if len(marks) > 1 else ""),
                row=label,
            )
        mixed = _mixed_digits(text)
        if mixed:
            at, run = mixed[0]
            yield _text_finding(
                "Q3",
                section,
                key,
                f"「{label}」中的数字「{run}」混用了全角和半角数字，请统一为半角数字",
                row=label,
            )


CHECKS = (check_point_numbering, check_list_numbering, check_text_quality)
