"""The committed JSON Schema is the one the format definition builds, and the sample satisfies it."""

from __future__ import annotations

import json

import jsonschema

from model.storage.schema import SCHEMA_PATH, build_schema, schema_text


def test_committed_schema_is_generated_from_format() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), "run: python -m model.storage.schema"


def test_sample_is_valid(sample_path) -> None:
    jsonschema.Draft202012Validator(build_schema()).validate(json.loads(sample_path.read_text(encoding="utf-8")))


def test_schema_refuses_text_count_and_float_amount(sample_path) -> None:
    data = json.loads(sample_path.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(build_schema())
    data["applications"]["new_received"]["natural_person"] = "五"
    assert not validator.is_valid(data)
    data["applications"]["new_received"]["natural_person"] = 1.5
    assert not validator.is_valid(data)
    data["applications"]["new_received"]["natural_person"] = 1
    data["proactive"]["admin_fees"]["amount"] = 1.5
    assert not validator.is_valid(data)


def test_negative_figures_open_and_are_reported_by_d4(tmp_path, sample_path) -> None:
    """A draft from elsewhere with a negative count opens; rule D4 names the cell (it is not refused)."""
    from model.rules import check
    from model.storage.drafts import load_draft

    data = json.loads(sample_path.read_text(encoding="utf-8"))
    data["applications"]["carried_over"]["research"] = -2
    data["proactive"]["admin_fees"]["amount"] = "-0.5"
    path = tmp_path / "neg.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    d4 = [f for f in check(load_draft(path)) if f.rule == "D4"]
    assert {(f.row, f.column) for f in d4} == {
        ("二、上年结转政府信息公开申请数量", "科研机构"),
        ("第二十条第（八）项 行政事业性收费", "本年收费金额（单位：万元）"),
    }
