"""The committed JSON Schema is the one the format definition builds, and the sample satisfies it."""

from __future__ import annotations

import json

import jsonschema

from model.schema import SCHEMA_PATH, build_schema, schema_text


def test_committed_schema_is_generated_from_format() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), "run: python -m model.schema"


def test_sample_is_valid(sample_path) -> None:
    jsonschema.Draft202012Validator(build_schema()).validate(json.loads(sample_path.read_text(encoding="utf-8")))


def test_schema_refuses_negative_count_and_float_amount(sample_path) -> None:
    data = json.loads(sample_path.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(build_schema())
    data["applications"]["new_received"]["natural_person"] = -1
    assert not validator.is_valid(data)
    data["applications"]["new_received"]["natural_person"] = 1
    data["proactive"]["admin_fees"]["amount"] = 1.5
    assert not validator.is_valid(data)
