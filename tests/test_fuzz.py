"""Property-based tests (hypothesis): whatever the file, the program ends in a draft or a clear Chinese error.

Three targets, each fed at least `EXAMPLES` cases (2,000 by default; set NIANBAO_FUZZ_EXAMPLES for more, and
NIANBAO_FUZZ_RANDOM=1 for a new random series instead of the fixed one the suite repeats):

- the draft loader: random JSON, the sample with random values planted anywhere in it, and its text cut,
  flipped, spliced or nested deeply;
- the checker: random drafts as the wizard can hold them (figures of any size, negative ones, texts mixing
  report phrases, numbers and any character, last year's record) — and their save and reload;
- the DOCX import: our own export and a report made elsewhere, damaged by bit flips, truncation, removed,
  duplicated or replaced zip members and mutated XML.

A loaded draft must then check, save and load back unchanged; an error must be a `DraftError` whose message
names the file and is written in Chinese. Any other exception escaping fails the test, and so does a case
that takes longer than the deadline (a hang).
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import tempfile
import warnings
import zipfile
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path
from random import Random
from typing import Any

import pytest
from conftest import ROOT
from docx_builders import distinct_draft, report_parts, write_docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model import format as fmt
from model.docx.reader import import_docx
from model.docx.writer import export_docx
from model.draft import Draft, OverviewPoint, Previous
from model.findings import RULES, Finding
from model.rules import check
from model.storage.drafts import DraftError, decode_json, load_draft, parse_draft

EXAMPLES = int(os.environ.get("NIANBAO_FUZZ_EXAMPLES", "2000"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=timedelta(seconds=30),  # a case taking longer is a hang
    database=None,
    derandomize=not os.environ.get("NIANBAO_FUZZ_RANDOM"),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)
pytestmark = pytest.mark.timeout(1800)

SAMPLE = ROOT / "resources" / "sample-caochang-2024.json"
_CJK = re.compile("[\u4e00-\u9fff]")
# hypothesis examples cannot take function fixtures; files in memory where the system has a RAM disk
_WORK = Path(tempfile.mkdtemp(prefix="nianbao-fuzz-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None))


@pytest.fixture(scope="module", autouse=True)
def _remove_work_folder() -> Iterator[None]:
    yield
    shutil.rmtree(_WORK, ignore_errors=True)


def _refusal_is_clear(exc: DraftError, path: Path) -> None:
    message = str(exc)
    assert message.startswith(f"{path.name}："), message
    assert _CJK.search(exc.reason), message
    assert "Traceback" not in message


def _findings_are_sound(findings: list[Finding]) -> None:
    for f in findings:
        assert f.rule in RULES and f.message and _CJK.search(f.message), f
        json.dumps(f.to_json("x.json"), ensure_ascii=False).encode("utf-8")  # check --json prints it


def _usable(draft: Draft) -> None:
    """A draft the program holds can be checked, written as a draft file's text and read back as it was
    (in memory: the atomic file write has tests of its own, and fsync would dominate the run)."""
    _findings_are_sound(check(draft))
    text = draft.to_json_text()
    text.encode("utf-8")  # what save_draft writes: no lone surrogate may reach it
    assert parse_draft(decode_json(text)) == draft


# ---------------------------------------------------------------------------------------------------------
# The loader


_ANY_CHAR = st.characters(exclude_categories=())  # lone surrogates too: JSON can write them as \ud800
_TEXT = st.text(_ANY_CHAR, max_size=30)
_HUGE_DIGITS = st.integers(4301, 6000).map(lambda n: "9" * n)
_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(-(10**30), 10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.sampled_from([2024.0, 1.0, 1e308, -0.0, 0.5])
    | _TEXT
    | st.sampled_from(["", "2024-01-31", "2024-02-30", "-1", "1.5", "0", "2021", "五"])
)
_JSON = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4))


@cache
def _sample_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return data


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out.extend(_paths(v, (*prefix, k)))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out.extend(_paths(v, (*prefix, i)))
    return out


@st.composite
def _planted_samples(draw: st.DrawFn) -> str:
    """The sample draft with 1–4 random edits: a value replaced, a key removed or added."""
    data = json.loads(json.dumps(_sample_data()))
    huge: list[str] = []
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(_paths(data)[1:]))
        parent: Any = data
        for key in path[:-1]:
            parent = parent[key]
        action = draw(st.sampled_from(["replace", "replace", "remove", "add", "huge"]))
        if action == "remove" and isinstance(parent, dict):
            parent.pop(path[-1], None)
        elif action == "add" and isinstance(parent, dict):
            parent[draw(_TEXT)] = draw(_JSON)
        elif action == "huge":
            huge.append(draw(_HUGE_DIGITS))
            parent[path[-1]] = f"@@HUGE{len(huge) - 1}@@"
        else:
            parent[path[-1]] = draw(_JSON)
    text = json.dumps(data, ensure_ascii=draw(st.booleans()), indent=draw(st.sampled_from([None, 2])))
    for i, digits in enumerate(huge):
        text = text.replace(f'"@@HUGE{i}@@"', digits)
    return text


@st.composite
def _damaged_texts(draw: st.DrawFn) -> bytes:
    """The sample's file cut, with bytes flipped, spliced or wrapped in deep nesting."""
    raw = bytearray(SAMPLE.read_bytes())
    kind = draw(st.sampled_from(["cut", "flip", "splice", "nest", "bom"]))
    if kind == "cut":
        return bytes(raw[: draw(st.integers(0, len(raw)))])
    if kind == "flip":
        for _ in range(draw(st.integers(1, 8))):
            at = draw(st.integers(0, len(raw) - 1))
            raw[at] ^= draw(st.integers(1, 255))
        return bytes(raw)
    if kind == "splice":
        at = draw(st.integers(0, len(raw)))
        return bytes(raw[:at]) + draw(st.binary(max_size=40)) + bytes(raw[at:])
    if kind == "nest":
        depth = draw(st.integers(10, 200_000))
        opener = draw(st.sampled_from(["[", '{"a":']))
        closer = "]" if opener == "[" else "}"
        return (opener * depth + "0" + closer * depth).encode()
    return b"\xef\xbb\xbf" + bytes(raw)


@FUZZ
@given(
    st.one_of(
        _JSON.map(lambda v: json.dumps(v).encode()),
        _planted_samples().map(lambda t: t.encode("utf-8", "surrogatepass")),
        _damaged_texts(),
        st.binary(max_size=200),
    )
)
def test_the_loader_gives_a_draft_or_a_chinese_reason(content: bytes) -> None:
    path = _WORK / "草稿.json"
    path.write_bytes(content)
    try:
        draft = load_draft(path)
    except DraftError as exc:
        _refusal_is_clear(exc, path)
        return
    _usable(draft)


# ---------------------------------------------------------------------------------------------------------
# The checker


_PHRASES = [
    "收到政府信息公开申请",
    "本年新收",
    "上年结转",
    "结转下年度继续办理",
    "予以公开",
    "部分公开",
    "不予公开",
    "无法提供",
    "不予处理",
    "其他处理",
    "分别为",
    "共计",
    "其中",
    "自然人",
    "法人或其他组织",
    "行政复议",
    "行政诉讼",
    "复议后起诉",
    "未收到",
    "未发生",
    "信息处理费",
    "收费通知",
    "实际收取金额",
    "制发规范性文件",
    "废止",
    "现行有效",
    "规章",
    "件",
    "元",
    "万元",
    "，",
    "。",
    "、",
    "；",
    "\n",
    "《中华人民共和国政府信息公开条例》",
    "〔2021〕30号",
    "2023年",
    "2024年",
    "二〇二三年",
    "上年度",
    "同比增加",
    "含上年结转",
    "（",
    "）",
    "１２",
    "二十一",
    "一百零五",
    "\u202e",
    "\u200b",
]
_NUMBER_TEXT = st.integers(0, 10**20).map(str) | st.decimals(0, 10**6, places=2).map(str)
_NARRATIVE = st.lists(st.sampled_from(_PHRASES) | _NUMBER_TEXT | st.text(max_size=6), max_size=40).map("".join)
_NARRATIVE_KEYS = [
    "preamble",
    "overview_lead",
    "proactive_lead",
    "applications_lead",
    "cases_lead",
    "problems",
    "other_matters",
]


def _count(rnd: Random) -> int | None:
    """A figure as a cell may hold it: not entered, 0, small, up to the 15 digits a cell takes, negative."""
    kind = rnd.random()
    if kind < 0.2:
        return None
    if kind < 0.45:
        return 0
    if kind < 0.85:
        return rnd.randint(1, 60)
    if kind < 0.95:
        return rnd.randint(61, 10**15 - 1)
    return rnd.randint(-50, -1)


def _narrative(rnd: Random) -> str:
    """A narrative text: report phrases, numbers (Arabic, full-width, Chinese) and any characters."""
    parts: list[str] = []
    for _ in range(rnd.choice([0, 0, 3, 10, 30])):
        kind = rnd.random()
        if kind < 0.6:
            parts.append(rnd.choice(_PHRASES))
        elif kind < 0.85:
            parts.append(str(rnd.choice([0, 1, 3, 21, 105, 2023, 2024, rnd.randint(0, 10**20)])))
        else:
            parts.append("".join(chr(rnd.randint(1, 0x2FFFF)) for _ in range(rnd.randint(1, 4))).replace("\ud800", ""))
    return "".join(ch for ch in "".join(parts) if not 0xD800 <= ord(ch) <= 0xDFFF)


def _amount(rnd: Random) -> Decimal | None:
    value = _count(rnd)
    return None if value is None else Decimal(value) / Decimal(10) ** rnd.randint(0, 4)


@st.composite
def _drafts(draw: st.DrawFn) -> Draft:
    """A draft as the wizard can hold it: any figures (also negative), any texts, last year's record. The
    figures and most texts come from a generator seeded by hypothesis (250 figures drawn one by one cost far
    more to generate than to check); one narrative text is drawn by hypothesis itself, and shrinks."""
    rnd = Random(draw(st.integers(0, 2**32)))
    years = st.none() | st.integers(2000, 2100)
    dates = st.none() | st.dates(date(2000, 1, 1), date(2101, 12, 31))
    d = Draft(
        agency=draw(st.text(max_size=80)),
        year=draw(years),
        signing_date=draw(dates),
        deadline=draw(dates),
        contact=draw(st.text(max_size=20)),
    )
    for key in _NARRATIVE_KEYS:
        setattr(d, key, _narrative(rnd))
    setattr(d, draw(st.sampled_from(_NARRATIVE_KEYS)), draw(_NARRATIVE))  # one drawn, so it shrinks
    headings = [p.heading for p in fmt.OVERVIEW_POINTS]
    d.overview_points = [
        OverviewPoint(rnd.choice([*headings, "", "（六）其他"]), _narrative(rnd)) for _ in range(rnd.randint(0, 6))
    ]
    for _block, row, col in fmt.proactive_cells():
        d.proactive[row.key][col.key] = _amount(rnd) if col.kind == "amount" else _count(rnd)
    for r in fmt.APPLICATION_ROWS:
        for c in fmt.APPLICANT_COLUMNS:
            d.applications[r.key][c.key] = _count(rnd)
    for g in fmt.CASE_GROUPS:
        for c in fmt.CASE_COLUMNS:
            d.cases[g.key][c.key] = _count(rnd)
    for f in fmt.FEE_FIELDS:
        d.fees[f.key] = _amount(rnd) if f.kind == "amount" else _count(rnd)
    if draw(st.booleans()):
        d.recompute_totals()
    d.explanations = draw(st.dictionaries(st.text(max_size=20), st.text(max_size=20), max_size=3))
    d.stale_sections = draw(st.lists(st.sampled_from(list(d.narrative_texts())), max_size=3, unique=True))
    d.carried_over_reason = draw(st.text(max_size=10))
    if draw(st.booleans()):
        d.previous = Previous(
            agency=draw(st.text(max_size=20)),
            year=draw(st.integers(2000, 2100)),
            checksum=draw(st.text("0123456789abcdef", max_size=64)),
            carried_forward={c.key: _count(rnd) for c in fmt.APPLICANT_COLUMNS},
            in_force={k: _count(rnd) for k in ("regulations", "normative_documents")},
            text_digests=draw(
                st.dictionaries(st.sampled_from(_NARRATIVE_KEYS), st.text("0123456789abcdef", max_size=64))
            ),
        )
    return d


@FUZZ
@given(_drafts())
def test_the_checker_ends_in_findings_and_the_draft_saves(draft: Draft) -> None:
    _usable(draft)


# ---------------------------------------------------------------------------------------------------------
# The DOCX import


@cache
def _bases() -> dict[str, bytes]:
    """Our own export of the sample (with the draft inside) and a report made elsewhere (printed only)."""
    ours = _WORK / "ours.docx"
    export_docx(load_draft(SAMPLE), ours)
    theirs = write_docx(_WORK / "theirs.docx", report_parts(distinct_draft()))
    return {"ours": ours.read_bytes(), "theirs": theirs.read_bytes()}


_XML_PIECES = [
    "<w:p>",
    "</w:p>",
    "<w:tr>",
    "</w:tr>",
    "<w:tc>",
    "</w:tc>",
    "<w:tbl>",
    "</w:tbl>",
    '<w:gridSpan w:val="9999"/>',
    '<w:vMerge w:val="restart"/>',
    "<w:t>99999999999999999999999</w:t>",
    "<w:t>" + "9" * 5000 + "</w:t>",
    "&amp;",
    "&#0;",
    "&bogus;",
    "<!DOCTYPE x [<!ENTITY a 'b'>]>",
    "\ud800",
    "\u202e",
    "]]>",
    '<w:altChunk r:id="rId999"/>',
    "一、总体情况",
    "三、收到和处理政府信息公开申请情况",
    "自然人",
    "总计",
]


@st.composite
def _mutated_xml(draw: st.DrawFn, xml: bytes) -> bytes:
    """`xml` with 1–6 edits on its bytes: a span deleted or duplicated, a piece inserted (tags that break the
    grid, huge or negative figures, entities, a DTD, a lone surrogate, headings), figures replaced."""
    data = xml
    for _ in range(draw(st.integers(1, 6))):
        n = len(data)
        a = draw(st.integers(0, n))
        b = draw(st.integers(a, min(n, a + 400)))
        op = draw(st.sampled_from(["delete", "insert", "duplicate", "digits"]))
        if op == "delete":
            data = data[:a] + data[b:]
        elif op == "insert":
            piece = draw(st.sampled_from(_XML_PIECES) | st.text(max_size=10))
            data = data[:a] + piece.encode("utf-8", "surrogatepass") + data[a:]
        elif op == "duplicate":
            data = data[:b] + data[a:b] + data[b:]
        else:
            replacement = draw(st.sampled_from([b"", b"-1", b"1.5", "一百".encode(), b"9" * 30, b"0"]))
            data = re.sub(rb"\d+", replacement, data, count=draw(st.integers(1, 5)))
    return data


@cache
def _members(raw: bytes) -> tuple[tuple[str, bytes], ...]:
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        return tuple((i.filename, zf.read(i)) for i in zf.infolist())


@st.composite
def _damaged_docx(draw: st.DrawFn) -> bytes:
    raw = _bases()[draw(st.sampled_from(["ours", "theirs"]))]
    kind = draw(st.sampled_from(["flip", "cut", "members", "xml", "xml", "xml"]))
    if kind == "flip":
        data = bytearray(raw)
        for _ in range(draw(st.integers(1, 16))):
            at = draw(st.integers(0, len(data) - 1))
            data[at] ^= 1 << draw(st.integers(0, 7))
        return bytes(data)
    if kind == "cut":
        return raw[: draw(st.integers(0, len(raw)))]
    members = list(_members(raw))
    names = [n for n, _ in members]
    if kind == "members":
        for _ in range(draw(st.integers(1, 3))):
            name = draw(st.sampled_from(names))
            op = draw(st.sampled_from(["remove", "duplicate", "replace"]))
            if op == "remove":
                members = [(n, b) for n, b in members if n != name]
            elif op == "duplicate":
                members.append((name, draw(st.sampled_from([dict(members).get(name, b""), b"", b"<x/>"]))))
            else:
                members = [(n, draw(st.binary(max_size=200)) if n == name else b) for n, b in members]
    else:
        xml_names = [n for n in names if n.endswith((".xml", ".rels"))]
        for _ in range(draw(st.integers(1, 2))):
            name = draw(st.sampled_from(["word/document.xml", *xml_names]))
            members = [(n, draw(_mutated_xml(b)) if n == name else b) for n, b in members]
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate names it is asked to write
        with zipfile.ZipFile(out, "w", draw(st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED]))) as zf:
            for name, blob in members:
                zf.writestr(name, blob)
    return out.getvalue()


@FUZZ
@given(_damaged_docx())
def test_the_docx_import_gives_a_draft_or_a_chinese_reason(content: bytes) -> None:
    path = _WORK / "报告.docx"
    path.write_bytes(content)
    try:
        result = import_docx(path, convert=False)  # LibreOffice's own robustness is not ours to fuzz
    except DraftError as exc:
        _refusal_is_clear(exc, path)
        return
    _findings_are_sound(result.findings)
    _usable(result.draft)
