"""The checks of the county's own requirements (本地要求): rules L1–L3, kept apart from the national rules.

`check_local(draft, requirements)` returns findings whose rule ids start with 'L' and whose messages start
with 「本地要求：」, so the wizard, the review and the 整改通知 show them as the county's, never as the
format's (`model.rules` knows nothing of them). The wizard adds them to the findings of the open draft when a
requirements file applies (`model.county.requirements`).
"""

from __future__ import annotations

import re

from model import format as fmt
from model.county.requirements import LOCAL_LABEL, Requirements
from model.draft import Draft
from model.findings import Cell, Finding, Rule, Severity

LOCAL_RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule("L1", Severity.EXPLAIN, "本地要求：成文日期晚于县里规定的报送截止日期"),
        Rule("L2", Severity.ERROR, "本地要求：“一、总体情况”超过县里规定的字数"),
        Rule("L3", Severity.ERROR, "本地要求：正文没有写到县里要求写明的内容"),
    )
}
PREFIX = f"{LOCAL_LABEL}："
_SPACE = re.compile(r"\s+")


def is_local(finding: Finding) -> bool:
    """Return True if `finding` comes from the county's requirements (rules L1–L3)."""
    return finding.rule in LOCAL_RULES


def overview_length(draft: Draft) -> int:
    """Return the characters of 一、总体情况 (lead, sub-point headings and texts), white space not counted."""
    parts = [draft.overview_lead]
    for point in draft.overview_points:
        parts.extend([point.heading, point.text])
    return len(_SPACE.sub("", "".join(parts)))


def _narrative(draft: Draft) -> str:
    texts = list(draft.narrative_texts().values()) + [p.heading for p in draft.overview_points]
    return _SPACE.sub("", "".join(texts))


def _finding(rule: str, section: str, message: str, **kw: object) -> Finding:
    return Finding(rule, LOCAL_RULES[rule].severity, section, PREFIX + message, **kw)  # type: ignore[arg-type]


def check_local(draft: Draft, requirements: Requirements | None) -> list[Finding]:
    """Return the findings of the county's `requirements` on `draft` (none without requirements).

    L1 (需说明): the signing date is after the county's deadline. L2 (错误): 一、总体情况 has more characters
    than `overview_max_chars`. L3 (错误): a required phrase is not in the narrative (white space ignored),
    one finding per phrase. A 需说明 finding is explained by an explanation stored under its key.
    """
    if requirements is None:
        return []
    found: list[Finding] = []
    if requirements.deadline and draft.signing_date and draft.signing_date > requirements.deadline:
        label = fmt.BASIC_FIELDS["signing_date"]
        d, s = requirements.deadline, draft.signing_date
        found.append(
            _finding(
                "L1",
                "basic",
                f"{label} {s.year}年{s.month}月{s.day}日 晚于县里规定的报送截止日期 {d.year}年{d.month}月{d.day}日",
                row=label,
                cells=(Cell("basic", "signing_date"),),
            )
        )
    limit = requirements.overview_max_chars
    if limit:
        length = overview_length(draft)
        if length > limit:
            found.append(
                _finding(
                    "L2",
                    "overview",
                    f"{fmt.heading('overview')} 共 {length} 字，超过县里规定的 {limit} 字",
                    cells=tuple(Cell("text", f"overview.{i}") for i in range(len(draft.overview_points))),
                    params={"length": length, "limit": limit},
                )
            )
    text = _narrative(draft)
    for phrase in requirements.required_phrases:
        wanted = _SPACE.sub("", phrase)
        if wanted and wanted not in text:
            found.append(
                _finding(
                    "L3",
                    "overview",
                    f"正文中没有写到县里要求写明的「{phrase.strip()}」",
                    params={"phrase": phrase.strip()},
                )
            )
    return [
        Finding(**{**f.__dict__, "explained": True})
        if f.severity is Severity.EXPLAIN and draft.explanations.get(f.key, "").strip()
        else f
        for f in found
    ]
