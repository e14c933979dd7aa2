"""Helpers of the rollover, guided-fix and explanation GUI tests: last year's reports, findings by rule."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gui_helpers import make_wizard
from realdata import draft_from_fixture

from gui.wizard import ReportWizard
from model import format as fmt
from model.draft import Draft
from model.findings import Cell, Finding
from model.rollover import rollover
from model.storage.drafts import load_draft

SAMPLE = Path(__file__).resolve().parent.parent / "resources" / "sample-caochang-2024.json"


def r05_with_texts() -> Draft:
    """Return 宿迁市人民政府 2024 (the real published figures of r05: 结转下年度 118/5/0/0/1/1, 现行有效
    规范性文件 420) with the built-in sample's narrative, as last year's report."""
    last = draft_from_fixture("r05")
    sample = load_draft(SAMPLE)
    for key in ("preamble", "overview_lead", "problems", "other_matters"):
        setattr(last, key, getattr(sample, key))
    last.overview_points = sample.overview_points
    return last


def rolled_over_wizard(qtbot: Any, last: Draft | None = None) -> ReportWizard:
    """Return a shown wizard on this year's draft rolled over from `last` (default `r05_with_texts()`)."""
    return make_wizard(qtbot, rollover(last if last is not None else r05_with_texts()))


def balance_s1(wizard: ReportWizard) -> None:
    """Set 四、结转下年度继续办理 to 二、上年结转 in every applicant column, so that S1 holds while 一 and 三
    are empty (one undo step)."""
    d = wizard.document
    changes = [
        (Cell("applications", "carried_forward", c.key), d.draft.applications["carried_over"][c.key])
        for c in fmt.APPLICANT_INPUT_COLUMNS
    ]
    d.set_values(changes, "结转下年度")


def findings_of(wizard: ReportWizard, rule: str) -> list[Finding]:
    """Return the wizard's current findings of `rule`."""
    return [f for f in wizard.document.findings() if f.rule == rule]


def finding_of(wizard: ReportWizard, rule: str, column: str | None = None) -> Finding:
    """Return the one current finding of `rule` (in `column`, when given)."""
    found = [f for f in findings_of(wizard, rule) if column is None or f.column == column]
    assert len(found) == 1, f"{rule}: {[f.message for f in findings_of(wizard, rule)]}"
    return found[0]
