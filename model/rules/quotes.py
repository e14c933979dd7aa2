"""Reading the figures a narrative quotes: 「共收到政府信息公开申请21件，其中予以公开15件」 → `Quote`s naming the
table figure each number stands for (applications received, carried over, outcome groups, 行政复议, 行政诉讼,
fees, 规章/行政规范性文件). The narrative rules T3–T5 (`model.rules.narrative`) compare them with the tables.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache

from model import format as fmt
from model.numerals import ARABIC_PATTERN, CHINESE_PATTERN, normalize_digits, parse_number
from model.rollover import citation_spans


def _plain(label: str) -> str:
    """Return a group label without its ordinal and note: 「（二）部分公开（区分处理的…）」 → 「部分公开」."""
    return re.sub(r"（[^（）]*）$", "", re.sub(r"^（[一二三四五六七八九十]+）", "", label))


def _short(label: str) -> str:
    """Return a group label without its trailing note: 「（二）部分公开（区分处理的…）」 → 「（二）部分公开」."""
    return re.sub(r"(?<=.)（[^（）]*）$", "", label)


# Outcome groups of table 三 by their plain label (予以公开, 部分公开, 不予公开, 无法提供, 不予处理, 其他处理).
GROUP_ROWS: dict[str, tuple[str, ...]] = {}
GROUP_LABEL: dict[str, str] = {}
for _row in fmt.OUTCOME_ROWS:
    assert _row.group is not None
    GROUP_ROWS.setdefault(_plain(_row.group), ())
    GROUP_ROWS[_plain(_row.group)] += (_row.key,)
    GROUP_LABEL[_plain(_row.group)] = _short(_row.group)
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
ORGANISATIONS = "organisations"
_COLUMN_ALIASES: dict[str, str] = {c.label: c.key for c in fmt.APPLICANT_INPUT_COLUMNS}
_COLUMN_ALIASES.update(
    {
        fmt.ORGANISATIONS_HEADER: ORGANISATIONS,
        "法人和其他组织": ORGANISATIONS,
        "法人及其他组织": ORGANISATIONS,
        "法人": ORGANISATIONS,
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
    *(_p(f"outcome:{name}", rf"(?<!主动){re.escape(name)}", post=True) for name in GROUP_ROWS),
    _p(f"outcome:{_DISCLOSED}", r"同意公开|(?<!主动)全部公开", post=True),
    _p("litigation_after_review", r"复议后(?:提起)?(?:行政)?(?:起诉|诉讼)"),
    _p("litigation_direct", r"(?:未经复议)?直接(?:提起)?(?:行政)?(?:起诉|诉讼)"),
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
# matched at the position after a number (pattern.match(text, pos): no slice of the rest of the sentence)
_NOT_A_COUNT_AFTER = re.compile(r"(?:年|月|日|号|%|％|‰|周岁|岁|倍|小时|天|工作日|个工作日|个月|名|人(?!次))")
_BARE_END = re.compile(r"$|[、，,。；;）)\s]")
SENTENCE_RE = re.compile(r"[^。！？!?；;\n]+")
_NEGATION_BEFORE = re.compile(r"(?:未|没有|无|不|尚未)$")

# Words that may stand between a keyword and its number: 「收到政府信息公开申请共计21件」.
_FILLER = (
    r"(?:\s|：|:|，|,|共计|合计|总计|累计|一共|共|计|为|是|了|达到|达|有|均为|均|都是|都|分别为|分别是"
    r"|数量|总数|件数|案件|数|的|申请)*"
)
_FILLER_RE = re.compile(_FILLER)
_POST_FILLER_RE = re.compile(r"(?:\s|已|被|均|予以(?=答复)|作|做|为|申请)*")
_INHERIT_STRIP = re.compile(r"[\s，,、：:（()）]|其中|包括|包含|含|共计|合计|总计|一共|共|计|为|分别|有|的|申请|提出")
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
    lead: int  # where the key's negation starts (「未结转下年度」), else `start`


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    value: Decimal
    unit: str


# 「办理行政许可申请」「收到信访申请」 are other requests than those for government information.
_OTHER_REQUESTS = re.compile(r"许可|审批|信访|来信|来访|举报|投诉|办件|业务|服务|补助|救助|低保|登记|咨询")
_ABOUT_REQUESTS = re.compile(r"依申请|信息公开申请|政府信息公开")


# Keys that count requests when the request is named right after them (「予以公开的政府信息公开申请5件」).
_COUNTS_REQUESTS = ("handled", "outcome:", "carried_forward")


def _keys(sentence: str, about_requests: bool = False) -> list[_Key]:
    found: list[tuple[int, int, int, _Pattern, re.Match[str]]] = []
    for order, pattern in enumerate(_PATTERNS):
        for m in pattern.regex.finditer(sentence):
            found.append((m.start(), -(m.end() - m.start()), order, pattern, m))
    found.sort(key=lambda t: t[:3])
    keys: list[_Key] = []
    end = 0
    about_sentence: bool | None = None
    for start, _neg_len, _order, pattern, m in found:
        if start < end:
            continue
        metric = pattern.metric
        text = m.group()
        if metric == "received":
            if _OTHER_REQUESTS.search(text):
                continue
            if about_sentence is None:  # searched once per sentence, not once per key
                about_sentence = about_requests or bool(_ABOUT_REQUESTS.search(sentence))
            if not re.search("公开|信息", text) and not about_sentence:
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
        if (
            metric == "received"
            and keys
            and keys[-1].metric.startswith(_COUNTS_REQUESTS)
            and re.fullmatch(r"(?:了|的)?", sentence[keys[-1].end : start])
        ):
            # 「答复政府信息公开申请805件（含上年度结转申请18件）」: what was answered is （七）总计;
            # 「予以公开的政府信息公开申请5件」: what was disclosed
            counted = keys.pop()
            start, metric = counted.start, counted.metric
        column_match = _COLUMN_RE.search(text) if metric in ("received", "received_new", "processed") else None
        negation = _NEGATION_BEFORE.search(sentence[max(0, start - 2) : start])
        keys.append(
            _Key(
                metric,
                start,
                m.end(),
                pattern.post,
                negation is not None,
                _COLUMN_ALIASES[column_match.group()] if column_match else None,
                start - len(negation.group()) if negation else start,
            )
        )
        end = m.end()
    return keys


def _mentions(sentence: str, keys: list[_Key]) -> list[_Mention]:
    plain = normalize_digits(sentence)
    mentions: list[_Mention] = []
    starts = [k.start for k in keys]  # keys do not overlap and stand in order
    for m in _MENTION_RE.finditer(plain):
        start, end = m.span()
        inside = bisect_right(starts, start) - 1
        if inside >= 0 and start < keys[inside].end:
            continue
        unit = m.group("unit") or ""
        if (start > 0 and plain[start - 1] in "第.") or _NOT_A_COUNT_AFTER.match(plain, m.end("num")):
            continue
        if not unit and (not m.group("num")[0].isdigit() or not _BARE_END.match(plain, m.end("num"))):
            continue  # a number without unit counts only in Arabic and followed by a break: 「予以公开1431、」
        try:
            value = parse_number(m.group("num"))
        except ValueError:
            continue
        if unit in _MONEY_UNITS:
            value *= _MONEY_UNITS[unit]
        mentions.append(_Mention(start, end if unit else m.end("num"), value, unit))
    return mentions


def _resolve(metric: str, unit: str, docs: list[_Key], doc_starts: list[int], before: int) -> str | None:
    """Return the metric a key stands for with a number in `unit`, or None when they do not go together;
    `docs` are the sentence's keys naming 规章 or 行政规范性文件, starting at `doc_starts` (a bare 「废止」
    counts for the last before)."""
    money = unit in _MONEY_UNITS
    if metric == "fee":
        return "fee_amount" if money else "fee_notices"
    if metric == "fee_notices":
        return "fee_notified" if money else "fee_notices"
    if metric.startswith("docverb:"):
        last = bisect_left(doc_starts, before) - 1
        if last < 0:
            return None
        metric = f"doc:{docs[last].metric.split(':')[1]}:{metric.split(':')[1]}"
    if money or unit not in _COUNT_UNITS:
        return None
    return metric


def _names_other(m: re.Match[str], year: int | None) -> bool:
    if m.group("year") is not None:
        return year is not None and int(m.group("year")) != year
    return m.group("other") is not None


class _Periods:
    """Whether the sentence before offset p speaks of another year than the report's (the last period named
    before a figure counts: 上年度, 去年, 2023年 when the report is of 2024), for every p of one sentence,
    each answered by bisection (the sentence is scanned once, so a long sentence with many figures costs
    linear time, not quadratic).

    Periods inside a legal citation (`citation_spans`) do not count; for a figure standing inside a
    citation, the part of that citation before the figure counts as plain text, as it does for the prefix.
    """

    def __init__(self, sentence: str, year: int | None) -> None:
        plain = normalize_digits(sentence)
        blanked = list(plain)
        merged: list[list[int]] = []
        for a, b in citation_spans(sentence):
            blanked[a:b] = "　" * (b - a)
            if merged and a < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        self.cited = [(a, b) for a, b in merged]
        self.cited_starts = [a for a, _b in self.cited]
        outside = [(m.end(), m.start(), _names_other(m, year)) for m in _PERIOD.finditer("".join(blanked))]
        inside = [(m.end(), m.start(), _names_other(m, year)) for m in _PERIOD.finditer(plain)]
        self.outside, self.outside_ends = outside, [e for e, _s, _o in outside]
        self.inside, self.inside_ends = inside, [e for e, _s, _o in inside]

    def other(self, p: int) -> bool:
        """Return True if the sentence before offset `p` last names another period than the report year."""
        c = bisect_right(self.cited_starts, p) - 1
        if c >= 0 and self.cited[c][0] < p < self.cited[c][1]:  # p stands inside a citation
            a = self.cited[c][0]
            i = bisect_right(self.inside_ends, p) - 1
            if i >= 0 and self.inside[i][1] >= a:
                return self.inside[i][2]
            p = a
        i = bisect_right(self.outside_ends, p) - 1
        return self.outside[i][2] if i >= 0 else False


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
    return list(_quotes(text, year, about_requests))


@lru_cache(maxsize=512)
def _quotes(text: str, year: int | None, about_requests: bool) -> tuple[Quote, ...]:
    """`quotes()`, kept for the texts read last: the checks re-run on every figure typed, the texts seldom change."""
    found: list[Quote] = []
    for sm in SENTENCE_RE.finditer(text):
        found.extend(_sentence_quotes(sm.group(), sm.start(), year, about_requests))
    return tuple(found)


def _sentence_quotes(sentence: str, offset: int, year: int | None, about_requests: bool) -> list[Quote]:
    keys = _keys(sentence, about_requests)
    mentions = _mentions(sentence, keys)
    # keys do not overlap and stand in order: found by bisection, so a long sentence costs linear time
    key_starts, key_ends = [k.start for k in keys], [k.end for k in keys]
    docs = [k for k in keys if k.metric.startswith("doc:")]
    doc_starts = [k.start for k in docs]
    periods = _Periods(sentence, year)
    result: list[Quote] = []
    last_of: dict[int, int] = {}  # mention index → index of its (last) quote in `result`
    consumed: set[int] = set()
    included: set[int] = set()  # 「（含上年结转1件）」: a part named inside the figure before
    taken: set[int] = set()  # keys that follow their number (「5件结转下年度」): not also the next number's

    def add(i: int, metric: str | None, column: str | None = None) -> None:
        m = mentions[i]
        if metric is None or periods.other(m.start):
            return
        q = Quote(metric, m.value, m.unit, offset + m.start, offset + m.end, sentence.strip(), column)
        result.append(q)
        last_of[i] = len(result) - 1

    for i, m in enumerate(mentions):
        if i in consumed:
            continue
        prev_end = mentions[i - 1].end if i else 0
        last = bisect_right(key_ends, m.start) - 1
        key = keys[last] if last >= 0 and keys[last].end >= prev_end and last not in taken else None
        if key is not None and _FILLER_RE.fullmatch(sentence, key.end, m.start):
            if key.negated:
                continue
            gap = sentence[key.end : m.start]
            chain = _key_chain(sentence, keys, last)
            if "分别" in gap:
                # 「予以公开、部分公开分别为10件、3件」「予以公开和部分公开分别为…」: pair names and numbers
                listed = [(k, part) for k in chain for part in _split_sum(k.metric)]
                run = _mention_run(sentence, mentions, i, len(listed) + 1)
                if len(run) == len(listed):
                    for (k, metric), j in zip(listed, run, strict=True):
                        add(j, _resolve(metric, mentions[j].unit, docs, doc_starts, k.start), k.column)
                        consumed.add(j)
                continue
            for k in chain if re.search("均|都", gap) else [key]:
                add(i, _resolve(k.metric, m.unit, docs, doc_starts, k.start), k.column)
            if _mark_includes_carried(sentence, result, key):
                included.add(i)
            continue
        following = bisect_left(key_starts, m.end)
        after = keys[following] if following < len(keys) else None
        if after and after.post and _POST_FILLER_RE.fullmatch(sentence, m.end, after.lead):
            taken.add(following)  # 「5件结转下年度，3件予以公开」: the 3 is not carried forward too
            if not after.negated:  # 「5件未结转下年度」 is no figure of the tables
                add(i, _resolve(after.metric, m.unit, docs, doc_starts, after.start))
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


def _key_chain(sentence: str, keys: list[_Key], index: int) -> list[_Key]:
    """Return the keys listed up to `keys[index]` (「予以公开、部分公开」), in order."""
    chain = [keys[index]]
    while index > 0 and _LIST_SEP_RE.fullmatch(sentence[keys[index - 1].end : keys[index].start]):
        index -= 1
        chain.insert(0, keys[index])
    return chain


def _mention_run(sentence: str, mentions: list[_Mention], first: int, most: int) -> list[int]:
    """Return the indexes of the numbers listed from `first` on (「10件、3件和2件」), at most `most`."""
    run = [first]
    while (
        len(run) < most
        and run[-1] + 1 < len(mentions)
        and _LIST_SEP_RE.fullmatch(sentence[mentions[run[-1]].end : mentions[run[-1] + 1].start])
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
