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


def _strict_validator() -> jsonschema.Validator:
    from model.storage.drafts import _validator

    return _validator()[1]


def _mutations(data: object, rng) -> object:
    """Return a copy of `data` with one value somewhere replaced, removed or added (random, seeded)."""
    import copy

    out = copy.deepcopy(data)
    spots: list[tuple[object, object]] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                spots.append((node, key))
                walk(value)
        elif isinstance(node, list):
            for i, value in enumerate(node):
                spots.append((node, i))
                walk(value)

    walk(out)
    node, key = rng.choice(spots)
    odd = [
        None,
        True,
        False,
        0,
        1,
        -1,
        1.0,
        2.5,
        float("nan"),
        float("inf"),
        10**20,
        "",
        "1",
        "2024-02-30",
        "2024-02-29",
        "2023-02-29",
        "２０２４-01-01",
        "2024-01-01\n",
        "1.50",
        "-3",
        "1.",
        "x",
        [],
        {},
        [1],
        {"a": 1},
        2021,
        "2021",
        1999,
        2000,
        2100,
        2101,
    ]
    action = rng.randrange(4)
    if action == 0 and isinstance(node, dict):
        del node[key]
    elif action == 1 and isinstance(node, dict):
        node[rng.choice(["extra", "heading", "text", "year", "format"])] = rng.choice(odd)
    else:
        node[key] = rng.choice(odd)  # type: ignore[index]
    return out


def test_quick_schema_check_never_passes_what_jsonschema_refuses(sample_path) -> None:
    """The quick yes of model.storage.quick_schema (which spares jsonschema on valid drafts) says yes only to
    what the strict jsonschema validator accepts, on thousands of one-change variants of the sample."""
    import random

    from model.draft import Draft
    from model.rollover import rollover
    from model.storage.drafts import _quick, load_draft

    quick = _quick()
    assert quick is not None, "the draft schema uses a keyword the quick check does not know"
    validator = _strict_validator()
    rng = random.Random(11)
    sample = load_draft(sample_path)
    sample.explanations = {"S1:applications": "说明"}
    samples = [json.loads(sample_path.read_text(encoding="utf-8")), Draft().to_json(), sample.to_json()]
    samples.append(rollover(sample).to_json())
    passed = refused = 0
    for _ in range(4000):
        data = _mutations(rng.choice(samples), rng)
        if rng.random() < 0.3:
            data = _mutations(data, rng)
        valid = validator.is_valid(data)
        assert quick(data) <= valid, data
        passed += valid
        refused += not valid
    for data in samples:
        assert quick(data) and validator.is_valid(data)
    assert passed > 200 and refused > 1000
