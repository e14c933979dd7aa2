"""Narrative against tables and against last year's report: rules T1–T9 (FORMAT.md §6, issues 4, 12, 14).

- T1 需说明: a narrative text identical to last year's (same `model.rollover.text_digest`).
- T2 提示: last year's year number left in a text, outside legal citations and comparisons.
- T3 错误: a figure the narrative quotes differs from the tables (applications received, carried over,
  handled, 予以公开/部分公开 and the other outcome groups, 结转下年度, 行政复议 and 行政诉讼 totals, the
  information-processing fee, 规章/行政规范性文件 figures).
- T4 错误: the narrative says none (「未收到…政府信息公开申请」「未发生行政复议」「未收取信息处理费」)
  while the table holds some.
- T5 提示: a quoted figure equals the tables only on a second reading (「收到申请75件」 with 一 = 74 and
  一 + 二 = 75): the wording should say 「含上年结转」.
- T6 错误: a share the narrative states (「占42.86%」) does not recompute from the tables; T7 提示: a share
  without its 「%」.
- T8 提示: a year after the report year, outside citations and plans.
- T9 提示: the narrative says every case was upheld or settled (「均获维持」「均已审结」) while table 四 has
  cases 尚未审结, or that every application was concluded (「均已办结」) while 四、结转下年度继续办理 > 0.

How figures are read out of sentences is `model.rules.quotes`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from model import format as fmt
from model.draft import Draft, Previous
from model.findings import RULES, Cell, Finding
from model.numerals import normalize_digits
from model.rollover import citation_spans, old_year_spans, text_digest
from model.rules.quotes import GROUP_LABEL, GROUP_ROWS, ORGANISATIONS, SENTENCE_RE, Quote, quotes

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
    if column == ORGANISATIONS:
        return _sum([draft.applications[row][c.key] for c in fmt.APPLICANT_INPUT_COLUMNS if c.organisation])
    return _sum([draft.applications[row][column]])


def _column_note(column: str | None) -> str:
    if column is None:
        return "（总计）"
    if column == ORGANISATIONS:
        return f"（{fmt.ORGANISATIONS_HEADER}）"
    return f"（{fmt.APPLICATION_COLUMN_BY_KEY[column].label}）"


def _app_cells(rows: tuple[str, ...], column: str | None) -> tuple[Cell, ...]:
    if column == ORGANISATIONS:
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

    # each read only where the metric needs it: a check re-runs only when a figure it read changes
    def new() -> _Basis:
        return _rows_basis(draft, ("new_received",), _row_label("new_received"), col)

    def both() -> _Basis:
        label = f"{_row_label('new_received')}与{_row_label('carried_over')}之和"
        return _rows_basis(draft, ("new_received", "carried_over"), label, col)

    def handled() -> _Basis:
        return _rows_basis(draft, ("total_handled",), f"「{fmt.OUTCOMES_LABEL}{_row_label('total_handled')[1:]}", col)

    metric = quote.metric
    if metric == "received":
        return [new()], [both()]
    if metric == "received_new":
        return [new()], []
    if metric == "received_sum":
        return [both()], []
    if metric == "processed":
        return [new(), both(), handled()], []
    if metric == "handled":
        return [handled()], []
    if metric in ("carried_over", "carried_forward"):
        return [_rows_basis(draft, (metric,), _row_label(metric), col)], []
    if metric.startswith("outcome:"):
        names = metric.split(":", 1)[1].split("+")
        rows = tuple(r for n in names for r in GROUP_ROWS[n])
        label = "与".join(f"「{GROUP_LABEL[n]}」" for n in names) + ("之和" if len(names) > 1 else "")
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


def check_quoted_figures(draft: Draft, previous: Previous | None) -> Iterator[Finding]:
    """T3 (error) and T5 (hint): figures quoted in the narrative against the tables (FORMAT.md §6)."""
    readings_of: dict[tuple[str, str | None], tuple[list[_Basis], list[_Basis]]] = {}  # the draft stays put
    for key, text in draft.narrative_texts().items():
        for quote in quotes(text, draft.year, _about_requests(draft, key)):
            reading = (quote.metric, quote.column)
            if reading not in readings_of:
                readings_of[reading] = _bases(draft, quote)
            primary, second = readings_of[reading]
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
# 「未收取信息处理费」「未收取任何费用」「未发生收费情况」
_NO_FEE = re.compile(
    r"(?:未|没有|无|不)(?:收取|收|产生|发生)[^。；;，,]{0,6}?信息处理费"
    r"|(?:未|没有|无|不)(?:收取|收)任何费用|(?:未|没有|无)(?:发生|产生)(?:任何)?收费"
)


def _sentence_at(text: str, index: int) -> str:
    for m in SENTENCE_RE.finditer(text):
        if m.start() <= index < m.end():
            return m.group().strip()
    return text.strip()  # pragma: no cover - `index` always lies in a sentence


def check_denials(draft: Draft, previous: Previous | None) -> Iterator[Finding]:
    """T4: the narrative says no application / no 行政复议 or 行政诉讼 / no fee while the table has some."""
    # the tables are read only where a text says none (so typing a figure re-runs T4 only then)
    received = cache(lambda: _app_value(draft, "new_received", None) or 0)
    review = cache(lambda: _case_basis(draft, ("review",), fmt.REVIEW_HEADER))
    groups = tuple(g.key for g in fmt.CASE_GROUPS if g.litigation)
    litigation = cache(lambda: _case_basis(draft, groups, fmt.LITIGATION_HEADER))
    collected = cache(lambda: draft.fees["collected_amount"] or 0)
    for key, text in draft.narrative_texts().items():
        seen: set[str] = set()
        for m in _NO_APPLICATION.finditer(text):
            if received() > 0 and "received" not in seen:
                seen.add("received")
                yield _text_finding(
                    "T4",
                    draft,
                    key,
                    f"正文称未收到政府信息公开申请（「{m.group()}」），但表三{_row_label('new_received')}"
                    f"（总计）为 {_shown(Decimal(received()))} 件。原句：「{_sentence_at(text, m.start())}」",
                    Cell("applications", "new_received", fmt.TOTAL_COLUMN),
                )
        for m in _NO_CASES.finditer(text):
            if _CASE_QUALIFIERS.search(m.group()):
                continue
            for header, read in ((fmt.REVIEW_HEADER, review), (fmt.LITIGATION_HEADER, litigation)):
                word = header[-2:]  # 「复议」「诉讼」, as texts shorten them
                if word in m.group() and word not in seen and ((basis := read()).value or 0) > 0:
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
            if collected() > 0 and "fee" not in seen:
                seen.add("fee")
                label = fmt.FEE_FIELD_BY_KEY["collected_amount"].label
                yield _text_finding(
                    "T4",
                    draft,
                    key,
                    f"正文称未收取信息处理费（「{m.group()}」），但「{label}」为 {_shown(Decimal(collected()))} 元。"
                    f"原句：「{_sentence_at(text, m.start())}」",
                    Cell("fees", "collected_amount"),
                )


# ---------------------------------------------------------------------------------------------------------
# T6, T7: percentages

_PERCENT = re.compile(r"(?P<num>\d+(?:\.\d+)?)\s*[%％]")
_SHARE_WORDS = re.compile(r"占|比例|比重|占比")
_CHANGE_WORDS = re.compile(r"同比|环比|增长|下降|增加|减少|提高|降低|上升|较上年|较去年")
# 「占总数的42.86，」「占比42.86。」: a share written without its 「%」 (「占用耕地3，」 is no share)
_BARE_SHARE = re.compile(
    r"(?:占[^，。；,;\d%％]{0,10}?的|比例为|比重为|占比为?)(?P<num>\d{1,3}\.\d{1,2}|\d{1,2})(?=[，。；、,;）)\s]|$)"
)


def _ratio_bases(draft: Draft, quote: Quote) -> list[_Basis]:
    """Return the wholes a share of `quote`'s figure may be taken of: 三（七）总计, 一, 一 + 二 — for a share of
    三（七）总计 itself (「办结7件，占77.78%」) 一 + 二 or 一, never itself (that share is always 100%)."""
    col = quote.column
    new = _rows_basis(draft, ("new_received",), _row_label("new_received"), col)
    both = _rows_basis(
        draft, ("new_received", "carried_over"), f"{_row_label('new_received')}与{_row_label('carried_over')}之和", col
    )
    if quote.metric == "handled":
        return [both, new]
    handled = _rows_basis(draft, ("total_handled",), f"「{fmt.OUTCOMES_LABEL}{_row_label('total_handled')[1:]}", col)
    return [handled, new, both]


def _rounded(part: Decimal, whole: Decimal, places: int) -> list[Decimal]:
    """Return part / whole in % to `places` decimals, rounded half up and cut off (offices do both)."""
    from decimal import ROUND_DOWN, ROUND_HALF_UP

    exact = part * 100 / whole
    step = Decimal(1).scaleb(-places)
    return [exact.quantize(step, rounding=ROUND_HALF_UP), exact.quantize(step, rounding=ROUND_DOWN)]


def check_percentages(draft: Draft, previous: Previous | None) -> Iterator[Finding]:
    """T6 (error): a share the narrative states (「予以公开12件，占42.86%」) that does not recompute from the
    tables to the decimals printed — the part is the table figure of the quote before it in the sentence
    (an outcome group, 结转下年度…), the whole 三（七）总计, 一 or 一 + 二 (any fits; for （七）总计 itself
    一 + 二 or 一). Changes (「同比增长15%」) need last year's figures, which the draft does not keep: not
    checked. T7 (hint): a share written without 「%」 (「占总数的42.86，」)."""
    for key, text in draft.narrative_texts().items():
        if "%" not in text and "％" not in text and "占" not in text and "比" not in text:
            continue
        plain = normalize_digits(text)
        found = quotes(text, draft.year, _about_requests(draft, key))
        for m in _PERCENT.finditer(plain):
            sentence = next((s for s in SENTENCE_RE.finditer(plain) if s.start() <= m.start() < s.end()), None)
            if sentence is None:
                continue
            lead = plain[sentence.start() : m.start()]
            before = [q for q in found if sentence.start() <= q.start and q.end <= m.start()]
            if not before or not _SHARE_WORDS.search(plain[before[-1].end : m.start()]):
                continue
            if _CHANGE_WORDS.search(lead[-12:]):
                continue
            quote = before[-1]
            if not quote.metric.startswith("outcome:") and quote.metric not in ("carried_forward", "handled"):
                continue
            primary, _second = _bases(draft, quote)
            part = primary[0].value if primary else None
            if part is None or part != quote.value:
                continue  # a figure that differs from the table is T3's; its share is checked once it is right
            wholes = [b for b in _ratio_bases(draft, quote) if b.value]
            if not wholes:
                continue
            stated = Decimal(m["num"])
            places = len(m["num"].split(".")[1]) if "." in m["num"] else 0
            if any(stated in _rounded(part, b.value or Decimal(1), places) for b in wholes):
                continue
            whole = wholes[0]
            shown = _rounded(part, whole.value or Decimal(1), places)[0]
            yield _text_finding(
                "T6",
                draft,
                key,
                f"正文写「{m.group()}」，但按表格：{primary[0].label} {_shown(part)} 件 ÷ "
                f"{whole.label} {_shown(whole.value or Decimal(0))} 件 = {_shown(shown)}%。"
                f"原句：「{sentence.group().strip()}」",
                *primary[0].cells,
                *whole.cells,
                stated=stated,
                computed=shown,
            )
        for m in _BARE_SHARE.finditer(plain):
            yield _text_finding(
                "T7",
                draft,
                key,
                f"「{_excerpt(plain, m.start(), m.end(), 6)}」中的比例 {m['num']} 后缺少「%」",
            )
            break


# ---------------------------------------------------------------------------------------------------------
# T8: years after the report year

_YEAR = re.compile(r"(?<![0-9])(\d{4})(?=\s*年)")
_PLAN_WORDS = re.compile(
    r"将|计划|拟|下一步|下步|今后|明年|未来|力争|预计|争取|目标|规划|展望|部署|安排|要点|方案|打算|继续|持续|进一步"
)
_EARLY_MONTH = re.compile(r"^\s*年\s*(?:0?[1-3])\s*月")


def check_future_years(draft: Draft, previous: Previous | None) -> Iterator[Finding]:
    """T8: a year after the report year in a text, outside citations (《…》, 〔2025〕1号), plans (「2025年将…」
    「下一步」) and the first months of the next year, when reports are written and published."""
    if draft.year is None:
        return
    for key, text in draft.narrative_texts().items():
        plain = normalize_digits(text)
        later = [m for m in _YEAR.finditer(plain) if draft.year < int(m[1]) <= draft.year + 30]
        cited = citation_spans(plain) if later else []
        for m in later:
            year = int(m[1])
            if any(a <= m.start() < b for a, b in cited):
                continue
            if year == draft.year + 1 and _EARLY_MONTH.match(plain[m.end() :]):
                continue
            sentence = next((s.group() for s in SENTENCE_RE.finditer(plain) if s.start() <= m.start() < s.end()), "")
            if _PLAN_WORDS.search(sentence):
                continue
            yield _text_finding(
                "T8",
                draft,
                key,
                f"「{narrative_label(draft, key)}」写到 {year} 年（「{_excerpt(plain, m.start(), m.end())}」），"
                f"晚于报告年度 {draft.year} 年：请核对年份；若是工作计划，可写明「将」「下一步」",
                year=year,
            )
            break


# ---------------------------------------------------------------------------------------------------------
# T9: 「均获维持」「均已办结」 against what is still pending

_ALL = r"(?:均|全部|都|皆|一律)(?:已经|已)?"
_ALL_UPHELD = re.compile(_ALL + r"(?:获得|得到|获|被|予以)?维持")
_ALL_SETTLED = re.compile(_ALL + r"(?:审结|结案|办结|办理完毕|处理完毕)")
_ABOUT_CASES = re.compile(r"复议|诉讼|起诉|应诉|案件")


def _pending(draft: Draft, sentence: str) -> tuple[str, Decimal, tuple[Cell, ...]] | None:
    """Return (where, how many, cells) of the cases 尚未审结 the `sentence` is about, or None if none."""
    review, litigation = "复议" in sentence, bool(re.search("诉讼|起诉|应诉", sentence))
    groups = [g for g in fmt.CASE_GROUPS if (review and not g.litigation) or (litigation and g.litigation)]
    column = fmt.CASE_COLUMN_BY_KEY["pending"]
    pending = [(g, draft.cases[g.key]["pending"] or 0) for g in groups or fmt.CASE_GROUPS]
    named = [(g, n) for g, n in pending if n > 0]
    if not named:
        return None
    where = "、".join(f"「{g.label}」{column.label} {_shown(Decimal(n))} 件" for g, n in named)
    return f"表四{where}", Decimal(sum(n for _g, n in named)), tuple(Cell("cases", g.key, "pending") for g, _n in named)


def check_all_settled(draft: Draft, previous: Previous | None) -> Iterator[Finding]:
    """T9: 「均获维持」「均已审结」 while table 四 has cases 尚未审结; 「均已办结」 about applications while
    四、结转下年度继续办理 (总计) > 0."""
    forward = _app_value(draft, "carried_forward", None) or 0
    forward_label = _row_label("carried_forward")
    for key, text in draft.narrative_texts().items():
        for sm in SENTENCE_RE.finditer(text):
            sentence = sm.group()
            upheld, settled = _ALL_UPHELD.search(sentence), _ALL_SETTLED.search(sentence)
            claim = upheld or settled
            if claim is None:
                continue
            said = (
                sentence.strip()
                if len(sentence) <= 80
                else _excerpt(text, sm.start() + claim.start(), sm.start() + claim.end(), 36)
            )
            if upheld is not None or _ABOUT_CASES.search(sentence):
                found = _pending(draft, sentence)
                if found is None:
                    continue
                where, count, cells = found
                yield _text_finding(
                    "T9",
                    draft,
                    key,
                    f"正文称「{claim.group()}」，但{where}，请核对文字是否与表四一致。原句：「{said}」",
                    *cells,
                    pending=count,
                )
            elif forward > 0:
                yield _text_finding(
                    "T9",
                    draft,
                    key,
                    f"正文称「{claim.group()}」，但表三{forward_label}（总计）为 {_shown(Decimal(forward))} 件，"
                    f"请核对文字是否与表三一致。原句：「{said}」",
                    Cell("applications", "carried_forward", fmt.TOTAL_COLUMN),
                    carried_forward=forward,
                )


CHECKS = (
    check_reused_text,
    check_old_year,
    check_quoted_figures,
    check_denials,
    check_percentages,
    check_future_years,
    check_all_settled,
)
