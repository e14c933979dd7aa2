"""汇总: the county's figures, the sums of tables 二, 三 and 四 over one report per unit of a review.

`aggregate(review, …)` adds up every figure of the reports to include — one per unit (a duplicate is never
counted twice: the review keeps the newer file and names it), reports with open 错误 left out unless
`include_errors` — plus the county government's own report when given; runs every rule on the sums; and
returns the county's draft, whose section 六 lists the units included, to be saved and exported as any draft.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from model import format as fmt
from model.county.review import DUPLICATE, Entry, Review
from model.county.roster import normal_name
from model.draft import Draft, Number
from model.findings import Finding, Severity
from model.rules import check


@dataclass(frozen=True)
class Part:
    """A report counted in (or left out of) the sums: the unit's `name`, its `file`, why it was left out, and
    whether for its open 错误 (`with_errors`: the reviewer may count it in after all)."""

    name: str
    file: str
    reason: str = ""
    with_errors: bool = False


@dataclass
class Aggregate:
    """The county's sums: the `draft` (tables 二/三/四 summed), the `included` and `left_out` reports, and
    the `findings` of every rule on the sums."""

    draft: Draft
    included: list[Part] = field(default_factory=list)
    left_out: list[Part] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def left_for_errors(self) -> bool:
        """Return True if a report was left out for its open 错误 (the front ends say how to count it in)."""
        return any(p.with_errors for p in self.left_out)

    def has_errors(self) -> bool:
        return any(f.severity is Severity.ERROR and f.is_open for f in self.findings)


def _add(a: Number | None, b: Number | None) -> Number | None:
    if b is None:
        return a
    if a is None:
        return b
    return a + b


def sum_drafts(drafts: list[Draft], agency: str = "", year: int | None = None) -> Draft:
    """Return a draft whose every figure of tables 二, 三 and 四 is the sum over `drafts` (a cell blank in all
    stays blank; amounts summed exactly as `Decimal`). Totals are summed as printed, not recomputed, so a
    wrong total in a report stays visible in the sums."""
    total = Draft(agency=agency, year=year)
    for d in drafts:
        for _block, item, col in fmt.proactive_cells():
            total.proactive[item.key][col.key] = _add(
                total.proactive[item.key][col.key], d.proactive[item.key][col.key]
            )
        for row in fmt.APPLICATION_ROWS:
            for c in fmt.APPLICANT_COLUMNS:
                value = _add(total.applications[row.key][c.key], d.applications[row.key][c.key])
                total.applications[row.key][c.key] = None if value is None else int(value)
        for g in fmt.CASE_GROUPS:
            for c in fmt.CASE_COLUMNS:
                value = _add(total.cases[g.key][c.key], d.cases[g.key][c.key])
                total.cases[g.key][c.key] = None if value is None else int(value)
    amount = total.proactive["admin_fees"]["amount"]
    if amount is not None:
        total.proactive["admin_fees"]["amount"] = Decimal(amount)
    return total


def included_sentence(parts: list[Part]) -> str:
    """Return the sentence of section 六 naming the units whose figures are summed."""
    names = "、".join(p.name for p in parts)
    return f"本报告表二、表三、表四的数字为以下 {len(parts)} 个单位年度报告数字的合计：{names}。"


def aggregate(
    review: Review,
    include_errors: bool = False,
    agency: str = "",
    county_report: tuple[Draft, Path] | None = None,
) -> Aggregate:
    """Return the sums over the reviewed reports of `review` (see the module docstring).

    `include_errors` counts reports with open 错误 in too (the reviewer's decision); `agency` names the
    county draft (its title); `county_report` is the county government's own report (draft and file), added
    as one more unit unless a report of the same agency is already in the review (then it is left out,
    named).
    """
    included: list[Part] = []
    left_out: list[Part] = []
    drafts: list[Draft] = []
    entries: list[Entry] = [r.entry for r in review.rows if r.entry is not None]
    for entry in entries:
        part = Part(entry.name, entry.file.as_posix())
        errors = entry.count(Severity.ERROR)
        if errors and not include_errors:
            left_out.append(Part(part.name, part.file, f"有 {errors} 个错误未改正", with_errors=True))
            continue
        included.append(part)
        drafts.append(entry.draft)
    for x in review.excluded:
        if x.kind == DUPLICATE:
            left_out.append(Part(x.unit or x.agency, x.file.as_posix(), x.reason))
    if county_report is not None:
        draft, path = county_report
        same = next((e for e in entries if normal_name(e.agency) == normal_name(draft.agency)), None)
        if same is not None:
            left_out.append(
                Part(draft.agency, path.name, f"与文件夹中的「{same.file.as_posix()}」是同一机关的报告，未重复计入")
            )
        else:
            included.append(Part(draft.agency.strip() or path.name, path.name))
            drafts.append(draft)
    for row in review.missing:
        left_out.append(Part(row.name, "", "未报送"))
    total = sum_drafts(drafts, agency, review.year)
    total.deadline = total.default_deadline()
    total.other_matters = included_sentence(included) if included else ""
    return Aggregate(total, included, left_out, check(total))
