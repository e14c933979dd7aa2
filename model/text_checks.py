"""Narrative against tables and against last year's report: rules T1–T5 (FORMAT.md §6, issue 4).

- T1 需说明: a narrative text identical to last year's (same `model.rollover.text_digest`).
- T2 提示: last year's year number left in a text, outside legal citations and comparisons.
- T3 错误: a figure the narrative quotes differs from the tables (applications received, carried over,
  handled, 予以公开/部分公开 and the other outcome groups, 结转下年度, 行政复议 and 行政诉讼 totals, the
  information-processing fee, 规章/行政规范性文件 figures).
- T4 错误: the narrative says none (「未收到…政府信息公开申请」「未发生行政复议」「未收取信息处理费」)
  while the table holds some.
- T5 提示: a quoted figure equals the tables only on a second reading (「收到申请75件」 with 一 = 74 and
  一 + 二 = 75): the wording should say 「含上年结转」.

Importing the module registers the checks with `model.checks.register` (`model.checks` imports it).
`quotes(text)` is public so the GUI can show what was read from a text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

from model import format as fmt
from model.checks import RULES, Cell, Finding, register
from model.draft import Draft, Previous
from model.numerals import ARABIC_PATTERN, CHINESE_PATTERN, normalize_digits, parse_number
from model.rollover import citation_spans, old_year_spans, text_digest

# ---------------------------------------------------------------------------------------------------------
# Where a narrative text stands

# Texts shorter than this (white space ignored) are stock sentences that may rightly repeat every year
# (「本年度未收取信息处理费。」「无。」), so T1 leaves them alone.
MIN_REUSED_LENGTH = 30

_SECTION_OF_TEXT = {
    "preamble": "overview",
    "overview_lead": "overview",
    "proactive_lead": "proactive",
    "applications_lead": "applications",
    "cases_lead": "review_litigation",
    "problems": "problems",
    "other_matters": "other_matters",
}
_LEAD_NOTE = "（表前说明）"
PREAMBLE_LABEL = "开头段落"


def narrative_section(key: str) -> str:
    """Return the section key (of `model.format.SECTIONS`) of the narrative text `key`; overview.N → overview."""
    return "overview" if key.startswith("overview.") else _SECTION_OF_TEXT.get(key, "overview")


def narrative_label(draft: Draft, key: str) -> str:
    """Return how a reader names the narrative text `key`: 「开头段落」, 「（二）依申请公开方面」 (the point's
    heading as the clerk wrote it), 「二、主动公开政府信息情况（表前说明）」, 「五、存在的主要问题及改进情况」…"""
    if key == "preamble":
        return PREAMBLE_LABEL
    if key.startswith("overview."):
        index = int(key.split(".", 1)[1])
        if 0 <= index < len(draft.overview_points):
            return draft.overview_points[index].heading
        return fmt.heading("overview")
    section = narrative_section(key)
    if key.endswith("_lead"):
        return fmt.heading(section) + _LEAD_NOTE
    return fmt.heading(section)


def _text_finding(rule: str, draft: Draft, key: str, message: str, *cells: Cell, **params: object) -> Finding:
    label = narrative_label(draft, key)
    section = narrative_section(key)
    return Finding(
        rule,
        RULES[rule].severity,
        section,
        message,
        row=None if label == fmt.heading(section) else label,
        cells=(Cell("text", key), *cells),
        params=dict(params),
    )


def _excerpt(text: str, start: int, end: int, width: int = 12) -> str:
    a, b = max(0, start - width), min(len(text), end + width)
    inner = re.sub(r"\s+", " ", text[a:b]).strip()
    return ("…" if a > 0 else "") + inner + ("…" if b < len(text) else "")


# ---------------------------------------------------------------------------------------------------------
# T1, T2: texts carried from last year


@register
def check_reused_text(draft: Draft, previous: Previous | None) -> Iterator[Finding]:
    """T1: a narrative text (at least `MIN_REUSED_LENGTH` characters) identical to one of last year's."""
    if previous is None or not previous.text_digests:
        return
    last_year = set(previous.text_digests.values())
    for key, text in draft.narrative_texts().items():
        if len(re.sub(r"\s+", "", text)) < MIN_REUSED_LENGTH:
            continue
        if text_digest(text) in last_year:
            yield _text_finding(
                "T1",
                draft,
                key,
                f"「{narrative_label(draft, key)}」与 {previous.year} 年报告中的文字完全相同，请按本年度情况更新，"
                "或说明沿用的理由",
            )


@register
def check_old_year(draft: Draft, previous: Previous | None) -> Iterator[Finding]:
    """T2: last year's year number (report year − 1) still in a text, outside citations and comparisons."""
    if draft.year is None:
        return
    old = draft.year - 1
    for key, text in draft.narrative_texts().items():
        spans = old_year_spans(text, old)
        if not spans:
            continue
        start, end = spans[0]
        yield _text_finding(
            "T2",
            draft,
            key,
            f"「{narrative_label(draft, key)}」中仍有上年年份「{old}」{len(spans)} 处"
            f"（如「{_excerpt(text, start, end)}」），"
            f"请核对是否应为 {draft.year} 年",
            count=len(spans),
            spans=spans,
        )


# ---------------------------------------------------------------------------------------------------------
# Reading figures out of sentences


def _plain(label: str) -> str:
    """Return a group label without its ordinal and note: 「（二）部分公开（区分处理的…）」 → 「部分公开」."""
    return re.sub(r"（[^（）]*）$", "", re.sub(r"^（[一二三四五六七八九十]+）", "", label))


def _short(label: str) -> str:
    """Return a group label without its trailing note: 「（二）部分公开（区分处理的…）」 → 「（二）部分公开」."""
    return re.sub(r"(?<=.)（[^（）]*）$", "", label)


# Outcome groups of table 三 by their plain label (予以公开, 部分公开, 不予公开, 无法提供, 不予处理, 其他处理).
_GROUP_ROWS: dict[str, tuple[str, ...]] = {}
_GROUP_LABEL: dict[str, str] = {}
for _row in fmt.OUTCOME_ROWS:
    assert _row.group is not None
    _GROUP_ROWS.setdefault(_plain(_row.group), ())
    _GROUP_ROWS[_plain(_row.group)] += (_row.key,)
    _GROUP_LABEL[_plain(_row.group)] = _short(_row.group)
_DISCLOSED, _PARTLY = (_plain(fmt.APPLICATION_ROW_BY_KEY[k].label) for k in ("disclosed", "partly_disclosed"))

_DOC_ROWS = {item.label: item.key for item in fmt.PROACTIVE_BLOCKS[0].rows}  # 规章, 行政规范性文件
_DOC_ITEM_RE = r"(?:行政)?规范性文件|规章(?!制度)"
_DOC_VERBS = {
    "制发": "issued",
    "制定": "issued",
    "出台": "issued",
    "印发": "issued",
    "新增": "issued",
    "废止": "repealed",
    "作废": "repealed",
    "现行有效": "in_force",
}
_DOC_VERB_RE = "|".join(_DOC_VERBS)

# Applicant columns as the narrative names them; 'organisations' = the five under 法人或其他组织.
_ORGANISATIONS = "organisations"
_COLUMN_ALIASES: dict[str, str] = {c.label: c.key for c in fmt.APPLICANT_INPUT_COLUMNS}
_COLUMN_ALIASES.update(
    {
        fmt.ORGANISATIONS_HEADER: _ORGANISATIONS,
        "法人和其他组织": _ORGANISATIONS,
        "法人及其他组织": _ORGANISATIONS,
        "法人": _ORGANISATIONS,
    }
)
_COLUMN_RE = re.compile("|".join(sorted(map(re.escape, _COLUMN_ALIASES), key=len, reverse=True)))


@dataclass(frozen=True)
class _Pattern:
    metric: str
    regex: re.Pattern[str]
    post: bool = False  # may also follow the number: 「72件结转下年度」「15件予以公开」


def _p(metric: str, pattern: str, post: bool = False) -> _Pattern:
    return _Pattern(metric, re.compile(pattern), post)


_RECEIVE_VERBS = r"收到|接到|接收|受理|新收|收办|办理"
_PATTERNS: tuple[_Pattern, ...] = (
    _p("carried_forward", r"(?:结转|顺延|转入|转至|转)(?:至|到|入)?下一?年度?(?:继续办理)?", post=True),
    _p("carried_over", r"上一?年度?结转(?:的)?(?:政府信息公开)?(?:申请)?|结转上一?年度?(?:的)?(?:申请)?"),
    _p("received", rf"(?:{_RECEIVE_VERBS})[^，。；,;：:\d]{{0,14}}?(?:依申请公开(?:政府信息)?(?:申请)?|申请)"),
    _p("received", r"政府信息公开申请|依申请公开(?:政府信息)?(?:申请)?"),
    _p("handled", r"作出答复|予以答复|答复|办结|办理完毕"),
    _p(f"outcome:{_DISCLOSED}+{_PARTLY}", rf"(?<!主动){_DISCLOSED}(?:及|和|与|以及|或)(?:{_PARTLY})", post=True),
    *(_p(f"outcome:{name}", rf"(?<!主动){re.escape(name)}", post=True) for name in _GROUP_ROWS),
    _p(f"outcome:{_DISCLOSED}", r"同意公开|(?<!主动)全部公开", post=True),
    _p("litigation_after_review", r"复议后(?:提起)?(?:行政)?起诉"),
    _p("litigation_direct", r"(?:未经复议)?直接(?:提起)?(?:行政)?起诉"),
    _p("review", r"行政复议|复议"),
    _p("litigation", r"行政诉讼|(?<!民事)(?<!刑事)诉讼"),
    _p("fee_notices", r"收费通知书?|通知金额"),
    _p("fee", r"信息处理费|实际收取金额|收取金额"),
    _p("doc", rf"(?:{_DOC_VERB_RE})(?:了|的)?(?:{_DOC_ITEM_RE})|(?:{_DOC_ITEM_RE})(?:共|中)?(?:{_DOC_VERB_RE})"),
    _p("docverb", _DOC_VERB_RE),
)

_UNITS = r"万元|元|件次|人次|件|条|起|宗|个|份|次|笔|项"
_COUNT_UNITS = frozenset({"", "件", "条", "起", "宗", "个", "份", "次", "笔", "项", "件次", "人次"})
_MONEY_UNITS = {"元": Decimal(1), "万元": Decimal(10_000)}
_MENTION_RE = re.compile(rf"(?P<num>{ARABIC_PATTERN}|{CHINESE_PATTERN})\s*(?P<unit>{_UNITS})?")
_NOT_A_COUNT_AFTER = re.compile(r"^(?:年|月|日|号|%|％|‰|周岁|岁|倍|小时|天|工作日|个工作日|个月|名|人(?!次))")
_BARE_END = re.compile(r"$|[、，,。；;）)\s]")
_SENTENCE_RE = re.compile(r"[^。！？!?；;\n]+")
_NEGATION_BEFORE = re.compile(r"(?:未|没有|无|不|尚未)$")

# Words that may stand between a keyword and its number: 「收到政府信息公开申请共计21件」.
_FILLER = (
    r"(?:\s|：|:|，|,|共计|合计|总计|累计|一共|共|计|为|是|了|达到|达|有|均为|均|都是|都|分别为|分别是"
    r"|数量|总数|件数|案件|数|的|申请)*"
)
_FILLER_RE = re.compile(_FILLER)
_POST_FILLER_RE = re.compile(r"(?:\s|已|被|均|予以(?=答复)|作|做|为|申请)*")
_INHERIT_STRIP = re.compile(r"[\s，,、：:（()）]|其中|共计|合计|总计|共|计|为|分别|有|的|申请|提出")
_SUM_WORDS = re.compile(r"共计|合计|总计|一共|共")
_LIST_SEP_RE = re.compile(r"(?:\s|、|，|,|和|及|与|以及|或)*")
# A figure of another period (「上年度收到申请20件」「2023年」) is not compared with this year's tables.
_PERIOD = re.compile(r"(?P<other>上一?年度?(?!度?结转)|去年|前年)|(?P<this>今年|本年度?|全年)|(?<!\d)(?P<year>\d{4})年")
_INCLUDES_CARRIED = re.compile(r"(?:含|包括|包含|其中)$")


@dataclass(frozen=True)
class Quote:
    """A figure a narrative text quotes, as `quotes()` reads it.

    `metric` names what is counted ('received', 'received_new', 'processed', 'received_sum' (一 + 二),
    'handled' (（七）总计), 'carried_over', 'carried_forward', 'outcome:<group>' such as 'outcome:予以公开',
    'review', 'litigation', 'litigation_direct', 'litigation_after_review', 'fee_notices',
    'fee_amount', 'fee_notified' (元), 'doc:<row>:<column>' for table 二's 第二十条第（一）项); `value` the
    number (件, or 元 for amounts); `start`/`end` its offsets in the text; `sentence` the sentence it stands
    in; `column` an applicant column key or 'organisations' when the text names one (「其中自然人72件」).
    """

    metric: str
    value: Decimal
    unit: str
    start: int
    end: int
    sentence: str
    column: str | None = None


@dataclass(frozen=True)
class _Key:
    metric: str
    start: int
    end: int
    post: bool
    negated: bool
    column: str | None


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    value: Decimal
    unit: str


# 「办理行政许可申请」「收到信访申请」 are other requests than those for government information.
_OTHER_REQUESTS = re.compile(r"许可|审批|信访|来信|来访|举报|投诉|办件|业务|服务|补助|救助|低保|登记|咨询")
_ABOUT_REQUESTS = re.compile(r"依申请|信息公开申请|政府信息公开")


def _keys(sentence: str, about_requests: bool = False) -> list[_Key]:
    found: list[tuple[int, int, int, _Pattern, re.Match[str]]] = []
    for order, pattern in enumerate(_PATTERNS):
        for m in pattern.regex.finditer(sentence):
            found.append((m.start(), -(m.end() - m.start()), order, pattern, m))
    found.sort(key=lambda t: t[:3])
    keys: list[_Key] = []
    end = 0
    for start, _neg_len, _order, pattern, m in found:
        if start < end:
            continue
        metric = pattern.metric
        text = m.group()
        if metric == "received":
            if _OTHER_REQUESTS.search(text):
                continue
            if not re.search("公开|信息", text) and not (about_requests or _ABOUT_REQUESTS.search(sentence)):
                continue  # a bare 「收到申请」 counts only where the text is about information requests
            verb = re.match(_RECEIVE_VERBS, text)
            if verb and verb.group() == "新收":
                metric = "received_new"
            elif verb and verb.group() in ("收办", "办理"):
                metric = "processed"
        elif metric in ("doc", "docverb"):
            verb_text = next(v for v in _DOC_VERBS if v in text)
            item = "规章" if "规章" in text else ("行政规范性文件" if "规范性文件" in text else "")
            metric = f"doc:{_DOC_ROWS[item]}:{_DOC_VERBS[verb_text]}" if item else f"docverb:{_DOC_VERBS[verb_text]}"
        column_match = _COLUMN_RE.search(text) if metric in ("received", "received_new", "processed") else None
        negated = bool(_NEGATION_BEFORE.search(sentence[max(0, start - 2) : start]))
        keys.append(
            _Key(
                metric,
                start,
                m.end(),
                pattern.post,
                negated,
                _COLUMN_ALIASES[column_match.group()] if column_match else None,
            )
        )
        end = m.end()
    return keys


def _mentions(sentence: str, keys: list[_Key]) -> list[_Mention]:
    plain = normalize_digits(sentence)
    mentions: list[_Mention] = []
    for m in _MENTION_RE.finditer(plain):
        start, end = m.span()
        if any(k.start <= start < k.end for k in keys):
            continue
        unit = m.group("unit") or ""
        if (start > 0 and plain[start - 1] in "第.") or _NOT_A_COUNT_AFTER.match(plain[m.end("num") :]):
            continue
        if not unit and (not m.group("num")[0].isdigit() or not _BARE_END.match(plain[m.end("num") :])):
            continue  # a number without unit counts only in Arabic and followed by a break: 「予以公开1431、」
        try:
            value = parse_number(m.group("num"))
        except ValueError:
            continue
        if unit in _MONEY_UNITS:
            value *= _MONEY_UNITS[unit]
        mentions.append(_Mention(start, end if unit else m.end("num"), value, unit))
    return mentions


def _resolve(metric: str, unit: str, keys: list[_Key], before: int) -> str | None:
    """Return the metric a key stands for with a number in `unit`, or None when they do not go together."""
    money = unit in _MONEY_UNITS
    if metric == "fee":
        return "fee_amount" if money else "fee_notices"
    if metric == "fee_notices":
        return "fee_notified" if money else "fee_notices"
    if metric.startswith("docverb:"):
        docs = [k for k in keys if k.start < before and k.metric.startswith("doc:")]
        if not docs:
            return None
        metric = f"doc:{docs[-1].metric.split(':')[1]}:{metric.split(':')[1]}"
    if money or unit not in _COUNT_UNITS:
        return None
    return metric


def _other_period(prefix: str, year: int | None) -> bool:
    """Return True if `prefix` (the sentence before a figure) speaks of another year, citations aside."""
    plain = list(normalize_digits(prefix))
    for a, b in citation_spans(prefix):
        plain[a:b] = "　" * (b - a)
    other = False
    for m in _PERIOD.finditer("".join(plain)):  # the last period named before the figure counts
        if m.group("year") is not None:
            other = year is not None and int(m.group("year")) != year
        else:
            other = m.group("other") is not None
    return other


def quotes(text: str, year: int | None = None, about_requests: bool = False) -> list[Quote]:
    """Return the figures `text` quotes about the tables, in reading order.

    A figure is a number (Arabic or Chinese numerals) with a unit (件/条/起/宗/个/份/次, 元/万元; a bare
    Arabic number right after its keyword also counts) that stands right after what it counts
    (「受理政府信息公开申请17件」「予以公开及部分公开258件」「备案行政复议案件134件」, with 共/合计/为 between),
    right before it (「72件结转下年度」), in a list (「予以公开、部分公开分别为10件、3件」), or as a break-down
    of the figure before it (「（自然人72件，商业企业3件）」「信息处理费3件共2230元」). Figures of another
    period (上年度, 2023年 when `year` is 2024) and comparisons (同比增加5件) are left out. A bare
    「收到申请N件」 counts only when `about_requests` (the text is 三's lead or the 依申请公开 point) or its
    sentence names 依申请公开 / 政府信息公开; 「办理行政许可申请」 and the like never count.
    """
    found: list[Quote] = []
    for sm in _SENTENCE_RE.finditer(text):
        found.extend(_sentence_quotes(sm.group(), sm.start(), year, about_requests))
    return found


def _sentence_quotes(sentence: str, offset: int, year: int | None, about_requests: bool) -> list[Quote]:
    keys = _keys(sentence, about_requests)
    mentions = _mentions(sentence, keys)
    result: list[Quote] = []
    last_of: dict[int, int] = {}  # mention index → index of its (last) quote in `result`
    consumed: set[int] = set()
    included: set[int] = set()  # 「（含上年结转1件）」: a part named inside the figure before

    def add(i: int, metric: str | None, column: str | None = None) -> None:
        m = mentions[i]
        if metric is None or _other_period(sentence[: m.start], year):
            return
        q = Quote(metric, m.value, m.unit, offset + m.start, offset + m.end, sentence.strip(), column)
        result.append(q)
        last_of[i] = len(result) - 1

    for i, m in enumerate(mentions):
        if i in consumed:
            continue
        prev_end = mentions[i - 1].end if i else 0
        before = [k for k in keys if prev_end <= k.end <= m.start]
        key = before[-1] if before else None
        if key is not None and _FILLER_RE.fullmatch(sentence[key.end : m.start]):
            if key.negated:
                continue
            gap = sentence[key.end : m.start]
            chain = _key_chain(sentence, keys, key)
            if "分别" in gap:
                # 「予以公开、部分公开分别为10件、3件」「予以公开和部分公开分别为…」: pair names and numbers
                listed = [(k, part) for k in chain for part in _split_sum(k.metric)]
                run = _mention_run(sentence, mentions, i)
                if len(run) == len(listed):
                    for (k, metric), j in zip(listed, run, strict=True):
                        add(j, _resolve(metric, mentions[j].unit, keys, k.start), k.column)
                        consumed.add(j)
                continue
            for k in chain if re.search("均|都", gap) else [key]:
                add(i, _resolve(k.metric, m.unit, keys, k.start), k.column)
            if _mark_includes_carried(sentence, result, key):
                included.add(i)
            continue
        after = next((k for k in keys if k.start >= m.end), None)
        if after and after.post and not after.negated and _POST_FILLER_RE.fullmatch(sentence[m.end : after.start]):
            add(i, _resolve(after.metric, m.unit, keys, after.start))
            continue
        parent = last_of.get(i - 2 if i - 1 in included else i - 1)
        if parent is not None:
            add(i, _inherit(sentence[prev_end : m.start], result[parent], m, result))
            column = _COLUMN_RE.search(sentence[prev_end : m.start])
            if i in last_of and column:
                result[-1] = replace(result[-1], column=_COLUMN_ALIASES[column.group()])
    return result


def _split_sum(metric: str) -> list[str]:
    """Return the parts of a summed metric: 'outcome:予以公开+部分公开' → both outcomes."""
    if metric.startswith("outcome:") and "+" in metric:
        return [f"outcome:{name}" for name in metric.split(":", 1)[1].split("+")]
    return [metric]


def _key_chain(sentence: str, keys: list[_Key], last: _Key) -> list[_Key]:
    """Return the keys listed up to `last` (「予以公开、部分公开」), in order."""
    index = keys.index(last)
    chain = [last]
    while index > 0 and _LIST_SEP_RE.fullmatch(sentence[keys[index - 1].end : keys[index].start]):
        index -= 1
        chain.insert(0, keys[index])
    return chain


def _mention_run(sentence: str, mentions: list[_Mention], first: int) -> list[int]:
    """Return the indexes of the numbers listed from `first` on (「10件、3件和2件」)."""
    run = [first]
    while run[-1] + 1 < len(mentions) and _LIST_SEP_RE.fullmatch(
        sentence[mentions[run[-1]].end : mentions[run[-1] + 1].start]
    ):
        run.append(run[-1] + 1)
    return run


def _mark_includes_carried(sentence: str, result: list[Quote], key: _Key) -> bool:
    """「收到申请75件（含上年结转1件）」: the received figure before counts 一 + 二. Return True if the
    carried-over figure was named as a part of the figure before it."""
    if key.metric != "carried_over" or len(result) < 2:
        return False
    if not _INCLUDES_CARRIED.search(sentence[max(0, key.start - 2) : key.start]):
        return False
    if result[-2].metric in ("received", "processed"):  # not 「答复805件（含上年结转18件）」
        result[-2] = replace(result[-2], metric="received_sum")
    return True


def _inherit(gap: str, parent: Quote, mention: _Mention, result: list[Quote]) -> str | None:
    """Return the metric of a number that follows `parent` with only `gap` between, or None."""
    rest = _INHERIT_STRIP.sub("", gap)
    if rest and rest not in _COLUMN_ALIASES:
        return None
    if rest:  # a break-down by applicant column of the figure before
        return (
            parent.metric
            if parent.metric
            in ("received", "received_new", "processed", "received_sum", "carried_over", "carried_forward")
            else None
        )
    if parent.metric in ("fee_notices", "fee_amount") and (mention.unit in _MONEY_UNITS) != (
        parent.unit in _MONEY_UNITS
    ):
        return "fee_amount" if mention.unit in _MONEY_UNITS else "fee_notices"
    metrics = {q.metric for q in result if q.column is None}
    if _SUM_WORDS.search(gap) and "carried_over" in metrics and metrics & {"received", "received_new"}:
        return "received_sum"
    return None


# ---------------------------------------------------------------------------------------------------------
# What the tables say


@dataclass(frozen=True)
class _Basis:
    label: str
    value: Decimal | None  # None: not entered
    cells: tuple[Cell, ...]


def _sum(values: list[int | Decimal | None]) -> Decimal | None:
    if all(v is None for v in values):
        return None
    return sum((Decimal(v or 0) for v in values), Decimal(0))


def _app_value(draft: Draft, row: str, column: str | None) -> Decimal | None:
    if column is None:
        computed = draft.computed_application_row_total(row)
        return _sum([computed if computed is not None else draft.applications[row][fmt.TOTAL_COLUMN]])
    if column == _ORGANISATIONS:
        return _sum([draft.applications[row][c.key] for c in fmt.APPLICANT_INPUT_COLUMNS if c.organisation])
    return _sum([draft.applications[row][column]])


def _column_note(column: str | None) -> str:
    if column is None:
        return "（总计）"
    if column == _ORGANISATIONS:
        return f"（{fmt.ORGANISATIONS_HEADER}）"
    return f"（{fmt.APPLICATION_COLUMN_BY_KEY[column].label}）"


def _app_cells(rows: tuple[str, ...], column: str | None) -> tuple[Cell, ...]:
    if column == _ORGANISATIONS:
        cols = [c.key for c in fmt.APPLICANT_INPUT_COLUMNS if c.organisation]
    else:
        cols = [column or fmt.TOTAL_COLUMN]
    return tuple(Cell("applications", r, c) for r in rows for c in cols)


def _rows_basis(draft: Draft, rows: tuple[str, ...], label: str, column: str | None) -> _Basis:
    value = _sum([_app_value(draft, r, column) for r in rows])
    return _Basis(f"表三{label}{_column_note(column)}", value, _app_cells(rows, column))


def _row_label(row: str) -> str:
    return f"「{fmt.APPLICATION_ROW_BY_KEY[row].full_label}」"


def _case_basis(draft: Draft, groups: tuple[str, ...], label: str) -> _Basis:
    values: list[int | Decimal | None] = []
    for g in groups:
        stored, computed = draft.cases[g]["total"], draft.computed_case_total(g)
        values.append(computed if computed is not None else stored)
    cells = tuple(Cell("cases", g, "total") for g in groups)
    return _Basis(f"表四「{label}」总计", _sum(values), cells)


def _bases(draft: Draft, quote: Quote) -> tuple[list[_Basis], list[_Basis]]:
    """Return the table figures `quote` may mean: (primary readings, second readings worth a hint)."""
    col = quote.column
    new = _rows_basis(draft, ("new_received",), _row_label("new_received"), col)
    both = _rows_basis(
        draft, ("new_received", "carried_over"), f"{_row_label('new_received')}与{_row_label('carried_over')}之和", col
    )
    handled = _rows_basis(draft, ("total_handled",), f"「{fmt.OUTCOMES_LABEL}{_row_label('total_handled')[1:]}", col)
    metric = quote.metric
    if metric == "received":
        return [new], [both]
    if metric == "received_new":
        return [new], []
    if metric == "received_sum":
        return [both], []
    if metric == "processed":
        return [new, both, handled], []
    if metric == "handled":
        return [handled], []
    if metric in ("carried_over", "carried_forward"):
        return [_rows_basis(draft, (metric,), _row_label(metric), col)], []
    if metric.startswith("outcome:"):
        names = metric.split(":", 1)[1].split("+")
        rows = tuple(r for n in names for r in _GROUP_ROWS[n])
        label = "与".join(f"「{_GROUP_LABEL[n]}」" for n in names) + ("之和" if len(names) > 1 else "")
        return [_rows_basis(draft, rows, label, col)], []
    if metric == "review":
        return [_case_basis(draft, ("review",), fmt.REVIEW_HEADER)], []
    if metric == "litigation":
        groups = tuple(g.key for g in fmt.CASE_GROUPS if g.litigation)
        return [_case_basis(draft, groups, fmt.LITIGATION_HEADER)], []
    if metric in fmt.CASE_GROUP_BY_KEY:
        group = fmt.CASE_GROUP_BY_KEY[metric]
        return [_case_basis(draft, (metric,), f"{fmt.LITIGATION_HEADER}·{group.label}")], []
    if metric.startswith("fee_"):
        keys = {
            "fee_notices": ("notices",),
            "fee_notified": ("notified_amount",),
            "fee_amount": ("collected_amount", "notified_amount"),
        }[metric]
        return [
            _Basis(
                f"{fmt.heading('other_matters')}「{fmt.FEE_FIELD_BY_KEY[k].label}」",
                _sum([draft.fees[k]]),
                (Cell("fees", k),),
            )
            for k in keys
        ], []
    if metric.startswith("doc:"):
        _doc, row, column = metric.split(":")
        block = fmt.PROACTIVE_BLOCKS[0]
        row_label = next(r.label for r in block.rows if r.key == row)
        col_label = next(c.label for c in block.columns if c.key == column)
        return [
            _Basis(
                f"表二「{row_label}」{col_label}",
                _sum([draft.proactive[row][column]]),
                (Cell("proactive", row, column),),
            )
        ], []
    return [], []  # pragma: no cover - every metric of `quotes` is handled above


def _shown(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _unit(quote: Quote) -> str:
    return "元" if quote.metric in ("fee_amount", "fee_notified") else "件"


def _about_requests(draft: Draft, key: str) -> bool:
    """Return True for texts about information requests: 三's lead and 一's 「（二）依申请公开」 point."""
    return key == "applications_lead" or (key.startswith("overview.") and "依申请" in narrative_label(draft, key))


@register
def check_quoted_figures(draft: Draft, previous: Previous | None) -> Iterator[Finding]:
    """T3 (error) and T5 (hint): figures quoted in the narrative against the tables (FORMAT.md §6)."""
    for key, text in draft.narrative_texts().items():
        for quote in quotes(text, draft.year, _about_requests(draft, key)):
            primary, second = _bases(draft, quote)
            if all(b.value is None for b in primary + second):
                continue  # the table is not filled in yet
            value, unit = quote.value, _unit(quote)
            if any((b.value or 0) == value for b in primary):
                continue
            readings = "，".join(f"{b.label}为 {_shown(b.value or Decimal(0))} {unit}" for b in primary)
            match = next((b for b in second if (b.value or 0) == value), None)
            words = f"「{text[quote.start : quote.end]}」"
            said = quote.sentence if len(quote.sentence) <= 80 else _excerpt(text, quote.start, quote.end, 36)
            cells = tuple(c for b in primary + second for c in b.cells)
            if match is not None:
                yield _text_finding(
                    "T5",
                    draft,
                    key,
                    f"正文写{words}，而{readings}；{match.label}为 {_shown(value)} {unit}，与正文相符。"
                    f"如所写包含上年结转的申请，请写明「含上年结转」。原句：「{said}」",
                    *cells,
                    quoted=value,
                    table=match.value,
                )
                continue
            yield _text_finding(
                "T3",
                draft,
                key,
                f"正文写{words}，但{readings}。原句：「{said}」",
                *cells,
                quoted=value,
                table=[b.value for b in primary],
            )


# ---------------------------------------------------------------------------------------------------------
# T4: 「未收到…」 against figures

_NO_APPLICATION = re.compile(
    r"(?:未|没有|无)(?:收到|接到|接收|受理|发生|产生)[^。；;，,]{0,12}?(?:政府信息公开申请|公开申请|依申请公开)"
    r"|(?:未|没有|无)(?:政府信息公开申请|依申请公开申请)"
)
_NO_CASES = re.compile(
    r"(?:未|没有|无)(?:发生|收到|出现|涉及|产生|有)?[^。；;，,]{0,14}?(?:行政复议|行政诉讼)[^。；;，,]*"
)
_CASE_QUALIFIERS = re.compile(r"纠错|纠正|败诉|撤销|确认违法|被诉|被复议")
_NO_FEE = re.compile(r"(?:未|没有|无|不)(?:收取|收|产生|发生)[^。；;，,]{0,6}?信息处理费")


def _sentence_at(text: str, index: int) -> str:
    for m in _SENTENCE_RE.finditer(text):
        if m.start() <= index < m.end():
            return m.group().strip()
    return text.strip()  # pragma: no cover - `index` always lies in a sentence


@register
def check_denials(draft: Draft, previous: Previous | None) -> Iterator[Finding]:
    """T4: the narrative says no application / no 行政复议 or 行政诉讼 / no fee while the table has some."""
    received = _app_value(draft, "new_received", None) or 0
    review = _case_basis(draft, ("review",), fmt.REVIEW_HEADER)
    litigation = _case_basis(draft, tuple(g.key for g in fmt.CASE_GROUPS if g.litigation), fmt.LITIGATION_HEADER)
    collected = draft.fees["collected_amount"] or 0
    for key, text in draft.narrative_texts().items():
        seen: set[str] = set()
        for m in _NO_APPLICATION.finditer(text):
            if received > 0 and "received" not in seen:
                seen.add("received")
                yield _text_finding(
                    "T4",
                    draft,
                    key,
                    f"正文称未收到政府信息公开申请（「{m.group()}」），但表三{_row_label('new_received')}"
                    f"（总计）为 {_shown(Decimal(received))} 件。原句：「{_sentence_at(text, m.start())}」",
                    Cell("applications", "new_received", fmt.TOTAL_COLUMN),
                )
        for m in _NO_CASES.finditer(text):
            if _CASE_QUALIFIERS.search(m.group()):
                continue
            for header, basis in ((fmt.REVIEW_HEADER, review), (fmt.LITIGATION_HEADER, litigation)):
                word = header[-2:]  # 「复议」「诉讼」, as texts shorten them
                if word in m.group() and (basis.value or 0) > 0 and word not in seen:
                    seen.add(word)
                    yield _text_finding(
                        "T4",
                        draft,
                        key,
                        f"正文称未发生{header}（「{m.group()}」），"
                        f"但{basis.label}为 {_shown(basis.value or Decimal(0))} 件。"
                        f"原句：「{_sentence_at(text, m.start())}」",
                        *basis.cells,
                    )
        for m in _NO_FEE.finditer(text):
            if collected > 0 and "fee" not in seen:
                seen.add("fee")
                label = fmt.FEE_FIELD_BY_KEY["collected_amount"].label
                yield _text_finding(
                    "T4",
                    draft,
                    key,
                    f"正文称未收取信息处理费（「{m.group()}」），但「{label}」为 {_shown(Decimal(collected))} 元。"
                    f"原句：「{_sentence_at(text, m.start())}」",
                    Cell("fees", "collected_amount"),
                )


__all__ = ["MIN_REUSED_LENGTH", "Quote", "narrative_label", "narrative_section", "quotes"]
