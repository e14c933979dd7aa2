"""The report draft: every figure and text of one annual report, with its conversion to and from JSON.

The draft's shape follows the format definition in `model.format`; `docs/draft-format.md` describes the
JSON form and `resources/draft.schema.json` is its contract. Counts are `int` (件), amounts `Decimal`
(万元 in table 二, 元 for the information-processing fee); `None` means "not entered yet" and is printed
and checked as 0.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from model import format as fmt

SCHEMA_VERSION = 1

Number = int | Decimal


@dataclass
class OverviewPoint:
    """A sub-point of 一、总体情况: an editable `heading` such as 「（一）主动公开」 and its `text`."""

    heading: str
    text: str = ""


def _default_points() -> list[OverviewPoint]:
    return [OverviewPoint(p.heading) for p in fmt.OVERVIEW_POINTS]


def _empty_proactive() -> dict[str, dict[str, Number | None]]:
    table: dict[str, dict[str, Number | None]] = {}
    for _block, row, col in fmt.proactive_cells():
        table.setdefault(row.key, {})[col.key] = None
    return table


def _empty_applications() -> dict[str, dict[str, int | None]]:
    return {r.key: {c.key: None for c in fmt.APPLICANT_COLUMNS} for r in fmt.APPLICATION_ROWS}


def _empty_cases() -> dict[str, dict[str, int | None]]:
    return {g.key: {c.key: None for c in fmt.CASE_COLUMNS} for g in fmt.CASE_GROUPS}


def _empty_fees() -> dict[str, Number | None]:
    return {f.key: None for f in fmt.FEE_FIELDS}


@dataclass
class Previous:
    """What the draft knows of last year's report, so the cross-year rules X1–X3 run without its file.

    `carried_forward` is last year's 四、结转下年度继续办理 per applicant column (7 values, 件);
    `in_force` last year's 现行有效件数 for 规章 and 行政规范性文件; `text_digests` the SHA-256 of each
    narrative text as it was last year, keyed like `Draft.narrative_texts()`; `checksum` the SHA-256 of
    last year's figures (`Draft.figures_checksum()`).
    """

    agency: str
    year: int
    checksum: str = ""
    carried_forward: dict[str, int | None] = field(default_factory=dict)
    in_force: dict[str, int | None] = field(default_factory=dict)
    text_digests: dict[str, str] = field(default_factory=dict)


@dataclass
class Draft:
    """One annual report under preparation (FORMAT.md §2–§6).

    Tables are nested dicts keyed by the English identifiers of `model.format`:
    `proactive[row][column]` (table 二, 10 cells), `applications[row][column]` (table 三, 25 rows × 7 columns
    including the computed （七）总计 row and 总计 column), `cases[group][column]` (table 四, 3 groups × 5
    columns including 总计), and `fees[field]` (section 六's information-processing fee).
    """

    agency: str = ""
    year: int | None = None
    signing_date: date | None = None
    deadline: date | None = None
    contact: str = ""
    contact_office: str = ""
    contact_address: str = ""
    contact_postcode: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    preamble: str = ""
    overview_lead: str = ""
    overview_points: list[OverviewPoint] = field(default_factory=_default_points)
    proactive_lead: str = ""
    applications_lead: str = ""
    cases_lead: str = ""
    problems: str = ""
    other_matters: str = ""
    proactive: dict[str, dict[str, Number | None]] = field(default_factory=_empty_proactive)
    applications: dict[str, dict[str, int | None]] = field(default_factory=_empty_applications)
    cases: dict[str, dict[str, int | None]] = field(default_factory=_empty_cases)
    fees: dict[str, Number | None] = field(default_factory=_empty_fees)
    explanations: dict[str, str] = field(default_factory=dict)
    previous: Previous | None = None
    carried_over_reason: str = ""
    stale_sections: list[str] = field(default_factory=list)

    # -- derived values --------------------------------------------------------------------------------

    @property
    def title(self) -> str:
        """Return the report title 「<机关全称><年份>年政府信息公开工作年度报告」."""
        return fmt.report_title(self.agency, self.year)

    def default_deadline(self) -> date | None:
        """Return 31 January of the year after the report year (FORMAT.md §1), or None without a year."""
        return date(self.year + 1, 1, 31) if self.year else None

    @property
    def contact_parts(self) -> dict[str, str]:
        """Return the parts of the contact block keyed like `model.format.CONTACT_FIELDS` (联系单位, 地址,
        邮编, 联系电话, 电子邮箱; '' where not given)."""
        return {key: getattr(self, key) for key in fmt.CONTACT_FIELDS}

    def narrative_texts(self) -> dict[str, str]:
        """Return every narrative text keyed by where it stands: 'preamble', 'overview.<n>', 'problems', …"""
        texts = {"preamble": self.preamble, "overview_lead": self.overview_lead}
        for i, point in enumerate(self.overview_points):
            texts[f"overview.{i}"] = point.text
        texts.update(
            proactive_lead=self.proactive_lead,
            applications_lead=self.applications_lead,
            cases_lead=self.cases_lead,
            problems=self.problems,
            other_matters=self.other_matters,
        )
        return texts

    def application(self, row: str, column: str) -> int:
        """Return the figure of table 三 at (`row`, `column`) in 件, 0 when not entered."""
        return self.applications[row][column] or 0

    def case(self, group: str, column: str) -> int:
        """Return the figure of table 四 at (`group`, `column`) in 件, 0 when not entered."""
        return self.cases[group][column] or 0

    def fees_charged(self) -> bool:
        """Return True if any fee is non-zero: 行政事业性收费, or section 六's fee notices or amounts."""
        values = [self.proactive["admin_fees"]["amount"], *self.fees.values()]
        return any(v not in (None, 0) for v in values) or self.application("other_fee_unpaid", "total") > 0

    # -- totals (D1, D2, D3) ---------------------------------------------------------------------------

    @staticmethod
    def _sum(values: list[int | None]) -> int | None:
        total, entered = 0, False  # one pass: run for every row of 三 after each edit, 5 times faster than all(), sum()
        for v in values:
            if v is not None:
                total += v
                entered = True
        return total if entered else None

    def computed_application_row_total(self, row: str) -> int | None:
        """Return 自然人 + … + 其他 of table 三's `row` (D2), None when none is entered."""
        values = self.applications[row]
        return self._sum([values[c.key] for c in fmt.APPLICANT_INPUT_COLUMNS])

    def computed_outcome_total(self, column: str) -> int | None:
        """Return the sum of the 22 outcome rows of table 三 in `column` (D1), None when none is entered."""
        return self._sum([self.applications[r.key][column] for r in fmt.OUTCOME_ROWS])

    def computed_case_total(self, group: str) -> int | None:
        """Return 结果维持 + 结果纠正 + 其他结果 + 尚未审结 of table 四's `group` (D3)."""
        values = self.cases[group]
        return self._sum([values[c.key] for c in fmt.CASE_INPUT_COLUMNS])

    def recompute_totals(self) -> None:
        """Set every computed cell (the 总计 column and （七）总计 row of 三, the 总计 of 四) from its parts."""
        for col in fmt.APPLICANT_INPUT_COLUMNS:
            self.applications["total_handled"][col.key] = self.computed_outcome_total(col.key)
        for row in fmt.APPLICATION_ROWS:
            self.applications[row.key][fmt.TOTAL_COLUMN] = self.computed_application_row_total(row.key)
        for group in fmt.CASE_GROUPS:
            self.cases[group.key]["total"] = self.computed_case_total(group.key)

    def set_application(self, row: str, column: str, value: int | None) -> None:
        """Set an input cell of table 三 and recompute the totals that depend on it.

        Raises `ValueError` if (`row`, `column`) is a computed cell or `value` is negative (D4).
        """
        if fmt.APPLICATION_ROW_BY_KEY[row].computed or fmt.APPLICATION_COLUMN_BY_KEY[column].computed:
            raise ValueError(f"computed cell {row}/{column} cannot be set")
        _check_count(value)
        self.applications[row][column] = value
        self.applications["total_handled"][column] = self.computed_outcome_total(column)
        for r in (row, "total_handled"):
            self.applications[r][fmt.TOTAL_COLUMN] = self.computed_application_row_total(r)

    def set_case(self, group: str, column: str, value: int | None) -> None:
        """Set an input cell of table 四 and recompute its group's 总计.

        Raises `ValueError` if `column` is 总计 or `value` is negative (D4).
        """
        if fmt.CASE_COLUMN_BY_KEY[column].computed:
            raise ValueError(f"computed cell {group}/{column} cannot be set")
        _check_count(value)
        self.cases[group][column] = value
        self.cases[group]["total"] = self.computed_case_total(group)

    # -- JSON ------------------------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        """Return the draft as a JSON-ready dict matching `resources/draft.schema.json`."""
        data: dict[str, Any] = {
            "format": fmt.FORMAT_ID,
            "schema_version": SCHEMA_VERSION,
            "agency": self.agency,
            "year": self.year,
            "signing_date": self.signing_date.isoformat() if self.signing_date else None,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "contact": self.contact,
            **{key: getattr(self, key) for key in fmt.CONTACT_FIELDS},
            "narrative": {
                "preamble": self.preamble,
                "overview_lead": self.overview_lead,
                "overview_points": [{"heading": p.heading, "text": p.text} for p in self.overview_points],
                "proactive_lead": self.proactive_lead,
                "applications_lead": self.applications_lead,
                "cases_lead": self.cases_lead,
                "problems": self.problems,
                "other_matters": self.other_matters,
            },
            "proactive": {
                row.key: {col.key: _num_out(self.proactive[row.key][col.key], col.kind) for col in block.columns}
                for block in fmt.PROACTIVE_BLOCKS
                for row in block.rows
            },
            "applications": copy.deepcopy(self.applications),
            "cases": copy.deepcopy(self.cases),
            "fees": {f.key: _num_out(self.fees[f.key], f.kind) for f in fmt.FEE_FIELDS},
            "explanations": dict(self.explanations),
            "carried_over_reason": self.carried_over_reason,
            "stale_sections": list(self.stale_sections),
        }
        if self.previous is not None:
            p = self.previous
            data["previous"] = {
                "agency": p.agency,
                "year": p.year,
                "checksum": p.checksum,
                "carried_forward": dict(p.carried_forward),
                "in_force": dict(p.in_force),
                "text_digests": dict(p.text_digests),
            }
        return data

    def to_json_text(self) -> str:
        """Return the draft as indented UTF-8 JSON text (Chinese kept readable, keys in fixed order)."""
        return json.dumps(self.to_json(), ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Draft:
        """Return the draft held by `data`, a dict already valid against the draft schema.

        Values are taken as stored (totals included, so wrong totals from elsewhere can be checked).
        Raises `KeyError` or `ValueError` if `data` was not validated first and is malformed.
        """
        nar = data.get("narrative", {})
        draft = cls(
            agency=data.get("agency", ""),
            year=data.get("year"),
            signing_date=_date_in(data.get("signing_date")),
            deadline=_date_in(data.get("deadline")),
            contact=data.get("contact", ""),
            **{key: data.get(key, "") for key in fmt.CONTACT_FIELDS},
            preamble=nar.get("preamble", ""),
            overview_lead=nar.get("overview_lead", ""),
            overview_points=[OverviewPoint(p["heading"], p.get("text", "")) for p in nar["overview_points"]]
            if "overview_points" in nar
            else _default_points(),  # a report printed without sub-points keeps none
            proactive_lead=nar.get("proactive_lead", ""),
            applications_lead=nar.get("applications_lead", ""),
            cases_lead=nar.get("cases_lead", ""),
            problems=nar.get("problems", ""),
            other_matters=nar.get("other_matters", ""),
            explanations=dict(data.get("explanations", {})),
            carried_over_reason=data.get("carried_over_reason", ""),
            stale_sections=list(data.get("stale_sections", [])),
        )
        for _block, row, col in fmt.proactive_cells():
            value = data["proactive"][row.key][col.key]
            draft.proactive[row.key][col.key] = _num_in(value, col.kind)
        for r in fmt.APPLICATION_ROWS:
            for c in fmt.APPLICANT_COLUMNS:
                draft.applications[r.key][c.key] = data["applications"][r.key][c.key]
        for g in fmt.CASE_GROUPS:
            for c in fmt.CASE_COLUMNS:
                draft.cases[g.key][c.key] = data["cases"][g.key][c.key]
        for f in fmt.FEE_FIELDS:
            draft.fees[f.key] = _num_in(data.get("fees", {}).get(f.key), f.kind)
        prev = data.get("previous")
        if prev:
            draft.previous = Previous(
                agency=prev["agency"],
                year=prev["year"],
                checksum=prev.get("checksum", ""),
                carried_forward=dict(prev.get("carried_forward", {})),
                in_force=dict(prev.get("in_force", {})),
                text_digests=dict(prev.get("text_digests", {})),
            )
        return draft

    def figures_checksum(self) -> str:
        """Return the SHA-256 (hex) of the draft's agency, year and three tables, for rollover records."""
        js = self.to_json()
        core = {k: js[k] for k in ("agency", "year", "proactive", "applications", "cases")}
        import hashlib  # (here: OpenSSL is loaded only by rollover, not at every start)

        return hashlib.sha256(json.dumps(core, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _check_count(value: int | None) -> None:
    if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
        raise ValueError(f"a count must be a whole number ≥ 0, got {value!r}")


def format_decimal(value: Decimal) -> str:
    """Return `value` in plain notation without exponent or trailing zeros: Decimal('1.50') → '1.5'."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def _num_out(value: Number | None, kind: str) -> int | str | None:
    """Return a figure as stored in JSON: an amount as a decimal string (even if given as an int), a count
    as an int."""
    if value is None:
        return None
    if kind == "amount":
        return format_decimal(Decimal(value))
    return int(value)


def _num_in(value: Any, kind: str) -> Number | None:
    if value is None:
        return None
    if kind == "amount":
        try:
            return Decimal(str(value))
        except InvalidOperation as exc:
            raise ValueError(f"not an amount: {value!r}") from exc
    return int(value)


def _date_in(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
