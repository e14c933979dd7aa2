"""The findings kept current edit by edit (`model.rules.checker()`, the wizard's `DraftDocument`) are always those
of a full `check()`: compared after random sequences of edits of every kind — figures of the four tables, texts
that quote figures or deny them, the basic information, explanations, last year's record — over every check
of `model.rules.CHECKS` one by one (a rule added later is covered without naming it here).
"""

from __future__ import annotations

import copy
import random
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from realdata import draft_from_fixture, full_2021_fixtures

from model import format as fmt
from model.draft import Draft, OverviewPoint
from model.rollover import previous_record, rollover
from model.rules import CHECKS, check, checker
from model.rules.incremental import Checker, finish
from model.storage.drafts import load_draft

# Sentences as real reports write them: figures quoted (T3, T5), denials (T4), fees (N2), last year (T2),
# empty (N1). The figures change with the tables, so the same sentence is right after one edit, wrong after
# the next.
SENTENCES = (
    "2024年，我镇共收到政府信息公开申请{n}件，其中自然人申请{n}件。",
    "收到政府信息公开申请{n}件（含上年结转{m}件）。",
    "新收政府信息公开申请{n}件，上年结转{m}件，合计{k}件。",
    "答复{n}件（含上年结转{m}件），{k}件顺延下年度。",
    "予以公开、部分公开、不予公开分别为{n}件、{m}件、{k}件。",
    "予以公开及部分公开{n}件，复议{m}件、诉讼{k}件均获维持。",
    "收取信息处理费{m}件共{n}元，发出收费通知书{k}份。",
    "本年度制发规范性文件{n}件，新增规章{m}件。",
    "全年发生行政复议{n}件、行政诉讼{m}件。",
    "本年度未收到政府信息公开申请，未发生行政复议、行政诉讼。",
    "本年度未收取信息处理费。",
    "2023年度工作中存在的问题已整改，2023年的经验继续坚持。",
    "根据《中华人民共和国政府信息公开条例》（2019年4月3日修订），全年共收到申请{n}件。",
    "共收到申请{k}件，其中予以公开{n}件，占{m}.5%；部分公开{n}件，占比{m}。",
    "（一）存在的问题\n（三）改进情况\n1.加强培训。\n1.及时更新。",
    "加强资金资金管理,及时更新(每月一次)，认真做好的的工作，统计１2件。",
    "2025年，本镇建成了新的公开专栏；2025年将进一步加强培训。",
    "无。",
    "",
)
TEXT_KEYS = ("preamble", "overview_lead", "proactive_lead", "applications_lead", "cases_lead", "problems")
AGENCIES = ("米易县草场镇人民政府", "淮安市人民政府", "某某街道办事处", "")


def figure_cells() -> list[tuple[str, str, str]]:
    """Return every figure a clerk can type: (table, row, column) of 二, 三 and 四 (no computed totals)."""
    cells = [("proactive", row.key, col.key) for _b, row, col in fmt.proactive_cells()]
    cells += [
        ("applications", r.key, c.key) for r in fmt.APPLICATION_ROWS if not r.computed for c in fmt.APPLICANT_COLUMNS
    ]
    cells = [c for c in cells if not (c[0] == "applications" and c[2] == fmt.TOTAL_COLUMN)]
    cells += [("cases", g.key, c.key) for g in fmt.CASE_GROUPS for c in fmt.CASE_INPUT_COLUMNS]
    return cells


Edit = Callable[[Any], object]


def random_edit(rng: random.Random, draft: Draft, last_year: Draft) -> Edit:
    """Return an edit of `draft` (made through whatever view is given to it), chosen at random."""
    kind = rng.choices(
        ["figure", "total", "negative", "blank", "fee", "text", "point", "basic", "explain", "previous", "reason"],
        weights=[30, 3, 2, 4, 4, 12, 4, 5, 3, 2, 2],
    )[0]
    n, m, k = rng.randrange(0, 60), rng.randrange(0, 8), rng.randrange(0, 80)
    if kind in ("figure", "blank"):
        table, row, column = rng.choice(figure_cells())
        value: Any = None if kind == "blank" else rng.randrange(0, 90)
        if table == "proactive" and row == "admin_fees" and value is not None:
            value = Decimal(value) / 10
        if table == "applications":
            return lambda d: d.set_application(row, column, value)
        if table == "cases":
            return lambda d: d.set_case(row, column, value)
        return lambda d: d.proactive[row].__setitem__(column, value)
    if kind == "total":  # a wrong total, as read from another's file (D1, D2, D3)
        if rng.random() < 0.3:
            group = rng.choice(fmt.CASE_GROUPS).key
            return lambda d: d.cases[group].__setitem__("total", rng.randrange(0, 20))
        row = rng.choice(["total_handled", rng.choice(fmt.APPLICATION_ROWS).key])
        column = rng.choice(fmt.APPLICANT_COLUMNS).key
        return lambda d: d.applications[row].__setitem__(column, rng.randrange(0, 200))
    if kind == "negative":  # D4
        table, row, column = rng.choice(figure_cells())
        return lambda d: getattr(d, table)[row].__setitem__(column, -n - 1)
    if kind == "fee":
        field = rng.choice(fmt.FEE_FIELDS)
        fee: Any = rng.choice([None, 0, n, Decimal(n) / 4])
        return lambda d: d.fees.__setitem__(field.key, fee)
    if kind == "text":
        key = rng.choice(TEXT_KEYS + ("other_matters",))
        if rng.random() < 0.4:  # the figures the tables hold now: right, or right only as 一 + 二 (T5)
            new, carried = (draft.computed_application_row_total(r) or 0 for r in ("new_received", "carried_over"))
            n, m, k = rng.choice([new, new + carried]), carried, new + carried
        text = "".join(rng.choice(SENTENCES) for _ in range(rng.randrange(1, 4))).format(n=n, m=m, k=k)
        if rng.random() < 0.1:  # word for word last year's (T1)
            text = rng.choice(list(last_year.narrative_texts().values()))
        return lambda d: setattr(d, key, text)
    if kind == "point":
        choice = rng.randrange(4)
        text = rng.choice(SENTENCES).format(n=n, m=m, k=k)
        if choice == 0:
            return lambda d: d.overview_points.append(OverviewPoint("（四）其他方面", text))
        if choice == 1:  # the 依申请公开 point's heading changes what a bare 「收到申请」 means
            heading = rng.choice(["（二）依申请公开", "（二）政府信息管理", "（三）依申请公开方面"])
            index = rng.randrange(len(draft.overview_points))
            return lambda d: setattr(d.overview_points[index], "heading", heading)
        index = rng.randrange(len(draft.overview_points))
        return lambda d: setattr(d.overview_points[index], "text", text)
    if kind == "basic":
        field_name = rng.choice(["agency", "year", "signing_date", "deadline"])
        choices: dict[str, list[Any]] = {
            "agency": list(AGENCIES),
            "year": [2024, 2025, 2023, None],
            "signing_date": [date(2025, 1, 20), date(2025, 3, 1), None],
            "deadline": [None, date(2025, 2, 28)],
        }
        new = rng.choice(choices[field_name])
        return lambda d: setattr(d, field_name, new)
    if kind == "explain":  # an explanation of a 需说明 finding, or of one not there
        found = [f.key for f in check(draft) if f.severity.value == "explain"] or ["X2:proactive:x:y"]
        key = rng.choice(found)
        words = rng.choice(["", "文件到期自动失效", "  "])
        return lambda d: d.explanations.__setitem__(key, words)
    if kind == "previous":
        record = rng.choice([None, previous_record(last_year), previous_record(rollover(last_year))])
        return lambda d: setattr(d, "previous", copy.deepcopy(record))
    reason = rng.choice(["", "上年报告数字有误，已更正"])
    return lambda d: setattr(d, "carried_over_reason", reason)


def starting_drafts() -> list[tuple[str, Draft, Draft]]:
    """Return (name, draft, last year's draft) to edit: the sample, this year started from last year's
    (T1, X1–X3 live), and the real reports of tests/data/real."""
    sample = load_draft(pytest_root() / "resources" / "sample-caochang-2024.json")
    started = rollover(sample)
    out = [("sample", sample, copy.deepcopy(sample)), ("rollover", started, copy.deepcopy(sample))]
    for name in full_2021_fixtures()[:3]:
        draft = draft_from_fixture(name)
        out.append((name, draft, copy.deepcopy(draft)))
    return out


def pytest_root():  # noqa: ANN201
    from conftest import ROOT

    return ROOT


def as_compared(findings: list) -> list[tuple[Any, ...]]:
    """Return the findings as compared here: every field, the parameters too."""
    return [(f, repr(f.params)) for f in findings]


def test_every_check_kept_current_equals_a_full_check_after_random_edits() -> None:
    found: set[str] = set()  # the checks that found something at least once
    for seed, (name, draft, last_year) in enumerate(starting_drafts()):
        rng = random.Random(seed)
        live = checker()
        assert live.checks == CHECKS  # every rule, as model.rules lists them
        alone = [Checker([fn]) for fn in CHECKS]  # each check kept current on its own: names the one that differs
        assert as_compared(live.findings(draft)) == as_compared(check(draft))
        for single in alone:
            single.findings(draft)
        reruns = 0
        for step in range(120):
            runs = live.runs
            written = live.apply(draft, random_edit(rng, draft, last_year))
            got = live.findings(draft)
            reruns += live.runs - runs
            assert as_compared(got) == as_compared(check(draft)), (name, step)
            for fn, single in zip(CHECKS, alone, strict=True):
                single.changed(written)
                expected = finish(list(fn(draft, draft.previous)), draft)
                assert as_compared(single.findings(draft)) == as_compared(expected), (fn.__name__, name, step)
                if expected:
                    found.add(fn.__name__)
        # incremental: far fewer check runs than all of them after every edit
        assert reruns < 120 * len(CHECKS) * 0.6, (name, reruns)
    never = [fn.__name__ for fn in CHECKS if fn.__name__ not in found]
    assert not never, f"no random edit made these checks find anything; add edits that do to random_edit: {never}"
