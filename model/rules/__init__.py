"""The checks of a report: 勾稽关系 (FORMAT.md §6) and the product's own rules, each module a family of rules.

`check(draft)` runs every rule and returns the `Finding`s sorted by severity; `checker()` keeps them current
while a draft is edited, re-running only the checks that read what changed (`model.rules.incremental`). The
rule ids and severities are listed once in `model.findings.RULES`; docs/rules.md describes each. A new rule
goes into the module of its family (`arithmetic`, `completeness`, `cross_year`, `narrative`, `form`) and into
that module's `CHECKS` — nothing else: the checker learns what each check reads by watching it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from model.draft import Draft, Previous
from model.findings import Finding
from model.rules import arithmetic, completeness, cross_year, form, narrative
from model.rules.incremental import Checker, finish

CheckFn = Callable[[Draft, Previous | None], Iterable[Finding]]

# In this order within a rule id (findings are sorted by severity, then rule id, stably).
CHECKS: tuple[CheckFn, ...] = (
    *arithmetic.CHECKS,
    *completeness.CHECKS,
    *cross_year.CHECKS,
    *narrative.CHECKS,
    *form.CHECKS,
)


def check(draft: Draft, previous: Previous | None = None) -> list[Finding]:
    """Return every finding on `draft`, sorted by severity (错误, 需说明, 提示) then rule.

    `previous` is last year's record for X1–X3; by default the one stored in the draft (`draft.previous`).
    A 需说明 finding whose `key` has an explanation in `draft.explanations` comes back `explained=True`.
    """
    prev = previous if previous is not None else draft.previous
    return finish((f for fn in CHECKS for f in fn(draft, prev)), draft)


def checker() -> Checker:
    """Return a `Checker` over every rule of `CHECKS`: the findings of a draft kept current edit by edit,
    each check re-run only when something it read has changed — always equal to `check()`'s."""
    return Checker(CHECKS)
