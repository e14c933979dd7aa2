"""The JSON Schema of the draft file, built from the format definition and kept in `resources/`.

`build_schema()` derives the schema from `model.format`; `resources/draft.schema.json` is that output,
committed as the contract of the file format (a test asserts the two are equal; regenerate with
`python -m model.storage.schema`).
"""

from __future__ import annotations

import json
from typing import Any

from model import format as fmt
from model.draft import SCHEMA_VERSION
from model.resources import SCHEMA_PATH

# A count is a whole number (件). A negative one is not refused here but reported by rule D4, so that a
# draft from elsewhere opens and the clerk sees the cell to correct.
COUNT: dict[str, Any] = {"type": ["integer", "null"]}
# An amount is a decimal string (kept exact: never a binary float), e.g. "0", "12.3456".
AMOUNT: dict[str, Any] = {"type": ["string", "null"], "pattern": r"^-?[0-9]+(\.[0-9]+)?$"}
TEXT: dict[str, Any] = {"type": "string"}
DATE: dict[str, Any] = {"type": ["string", "null"], "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "format": "date"}


def _object(properties: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
        "additionalProperties": False,
    }


def _value(kind: str) -> dict[str, Any]:
    return AMOUNT if kind == "amount" else COUNT


_LEADS = (("proactive", "proactive"), ("applications", "applications"), ("cases", "review_litigation"))


def build_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of a draft file of format 2021, schema version 1."""
    proactive: dict[str, Any] = {}
    for block in fmt.PROACTIVE_BLOCKS:
        for row in block.rows:
            proactive[row.key] = _object({c.key: {**_value(c.kind), "title": c.label} for c in block.columns}) | {
                "title": f"{block.label} {row.label}"
            }
    applications = {
        r.key: _object({c.key: {**COUNT, "title": c.label} for c in fmt.APPLICANT_COLUMNS}) | {"title": r.full_label}
        for r in fmt.APPLICATION_ROWS
    }
    cases = {
        g.key: _object({c.key: {**COUNT, "title": c.label} for c in fmt.CASE_COLUMNS}) | {"title": g.label}
        for g in fmt.CASE_GROUPS
    }
    fees = _object({f.key: {**_value(f.kind), "title": f.label} for f in fmt.FEE_FIELDS})
    # titles as the wizard and the 填报说明 (model.help) name the texts, so that a message says where
    overview = fmt.heading("overview")
    narrative = _object(
        {
            "preamble": {**TEXT, "title": "开头段落"},
            "overview_lead": {**TEXT, "title": f"{overview} 导语"},
            "overview_points": {
                "type": "array",
                "title": f"{overview} 小标题",
                "items": _object({"heading": {**TEXT, "title": "小标题"}, "text": {**TEXT, "title": "内容"}}),
            },
            **{f"{key}_lead": {**TEXT, "title": f"{fmt.heading(section)} 导语"} for key, section in _LEADS},
            "problems": {**TEXT, "title": fmt.heading("problems")},
            "other_matters": {**TEXT, "title": fmt.heading("other_matters")},
        },
        required=["overview_points", "problems", "other_matters"],
    ) | {"title": "正文"}
    previous = _object(
        {
            "agency": TEXT,
            "year": {"type": "integer"},
            "checksum": TEXT,
            "carried_forward": _object({c.key: COUNT for c in fmt.APPLICANT_COLUMNS}, required=[]),
            "in_force": _object({"regulations": COUNT, "normative_documents": COUNT}, required=[]),
            "text_digests": {"type": "object", "additionalProperties": TEXT},
        },
        required=["agency", "year"],
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://nianbao.local/draft.schema.json",
        "title": "政府信息公开工作年度报告 草稿",
        "description": f"A draft of the annual report in the format of {fmt.FORMAT_NOTICE}.",
        "type": "object",
        "properties": {
            "format": {"const": fmt.FORMAT_ID},
            "schema_version": {"const": SCHEMA_VERSION},
            "agency": {**TEXT, "title": fmt.BASIC_FIELDS["agency"]},
            "year": {"type": ["integer", "null"], "minimum": 2000, "maximum": 2100, "title": fmt.BASIC_FIELDS["year"]},
            "signing_date": {**DATE, "title": fmt.BASIC_FIELDS["signing_date"]},
            "deadline": {**DATE, "title": fmt.BASIC_FIELDS["deadline"]},
            "contact": {**TEXT, "title": fmt.BASIC_FIELDS["contact"]},
            **{key: {**TEXT, "title": label} for key, label in fmt.CONTACT_FIELDS.items()},
            "narrative": narrative,
            "proactive": _object(proactive) | {"title": fmt.heading("proactive")},
            "applications": _object(applications) | {"title": fmt.heading("applications")},
            "cases": _object(cases) | {"title": fmt.heading("review_litigation")},
            "fees": fees | {"title": "信息处理费"},
            "explanations": {"type": "object", "additionalProperties": TEXT},
            "carried_over_reason": TEXT,
            "stale_sections": {"type": "array", "items": TEXT},
            "previous": previous,
        },
        "required": [
            "format",
            "schema_version",
            "agency",
            "year",
            "narrative",
            "proactive",
            "applications",
            "cases",
        ],
        "additionalProperties": False,
    }


def load_schema() -> dict[str, Any]:
    """Return the committed schema of `resources/draft.schema.json`, the contract the loader validates.

    Raises `OSError` if the file is missing (a broken installation).
    """
    with SCHEMA_PATH.open(encoding="utf-8") as fh:
        schema: dict[str, Any] = json.load(fh)
    return schema


def schema_text() -> str:
    """Return `build_schema()` as the text written to `resources/draft.schema.json`."""
    return json.dumps(build_schema(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")
