"""A quick yes to the draft schema: the common case (a valid draft) without jsonschema's machinery.

`compile_schema(schema)` turns the draft schema (`resources/draft.schema.json`) into one function that
returns True only when the decoded JSON is certainly valid against it, the way `model.storage.drafts`
validates (JSON Schema 2020-12, "integer" a Python int that is no bool, the "date" format checked). Any
doubt answers False — a float where an integer or a constant stands, a NaN beside a bound, a key the schema
does not know — and the caller then asks jsonschema, which finds the problems and names them. So this
never changes which drafts are refused or how; it only spares jsonschema's import and its slow walk (about
1–4 ms a draft, most of reading an exported DOCX) when there is nothing to find.

A schema using a keyword this module does not know gives None: the caller then always uses jsonschema.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

Check = Callable[[Any], bool]

# keywords that never change whether an instance is valid
_ANNOTATIONS = frozenset({"$schema", "$id", "title", "description", "examples", "default", "$comment"})
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class _Unsupported(Exception):
    """The schema uses a keyword (or a form of one) that the quick check does not know."""


def _is_type(name: str) -> Check:
    if name == "object":
        return lambda v: type(v) is dict
    if name == "array":
        return lambda v: type(v) is list
    if name == "string":
        return lambda v: type(v) is str
    if name == "integer":  # the strict integer of model.storage.drafts: an int, never a bool or a float
        return lambda v: type(v) is int
    if name == "null":
        return lambda v: v is None
    if name == "boolean":
        return lambda v: type(v) is bool
    if name == "number":
        return lambda v: type(v) is int or (type(v) is float and v == v and v not in (float("inf"), float("-inf")))
    raise _Unsupported(f"type {name!r}")


def _type_check(spec: Any) -> Check:
    names = [spec] if isinstance(spec, str) else spec
    if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
        raise _Unsupported("type")
    checks = [_is_type(n) for n in names]
    if len(checks) == 1:
        return checks[0]
    return lambda v: any(c(v) for c in checks)


def _date(value: str) -> bool:
    if not _DATE.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _is_date(value: Any) -> bool:
    return type(value) is not str or _date(value)


def _const(const: str | int) -> Check:
    return lambda v: type(v) is type(const) and v == const


def _bound(bound: int, lower: bool) -> Check:
    # a bound applies to numbers only (not to a bool); a NaN is never certain
    if lower:
        return lambda v: type(v) not in (int, float) or v >= bound
    return lambda v: type(v) not in (int, float) or v <= bound


def _pattern(pattern: re.Pattern[str]) -> Check:
    return lambda v: type(v) is not str or pattern.search(v) is not None


def _items(item: Check) -> Check:
    return lambda v: type(v) is not list or all(item(x) for x in v)


def _compile(schema: Any) -> Check:
    if schema is True:
        return lambda v: True
    if not isinstance(schema, dict):
        raise _Unsupported("schema")
    checks: list[Check] = []
    for key, spec in schema.items():
        if key in _ANNOTATIONS or key in ("properties", "required", "additionalProperties"):
            continue
        if key == "type":
            checks.append(_type_check(spec))
        elif key == "const":
            if type(spec) not in (str, int) or isinstance(spec, bool):
                raise _Unsupported("const")
            checks.append(_const(spec))
        elif key in ("minimum", "maximum"):
            if type(spec) is not int:
                raise _Unsupported(key)
            checks.append(_bound(spec, key == "minimum"))
        elif key == "pattern":
            if not isinstance(spec, str):
                raise _Unsupported("pattern")
            checks.append(_pattern(re.compile(spec)))
        elif key == "format":
            if spec != "date":
                raise _Unsupported(f"format {spec!r}")
            checks.append(_is_date)
        elif key == "items":
            checks.append(_items(_compile(spec)))
        else:
            raise _Unsupported(key)
    if "properties" in schema or "required" in schema or "additionalProperties" in schema:
        checks.append(_object_check(schema))
    if not checks:
        return lambda v: True
    if len(checks) == 1:
        return checks[0]
    return lambda v: all(c(v) for c in checks)


def _object_check(schema: dict[str, Any]) -> Check:
    props = schema.get("properties", {})
    required = schema.get("required", [])
    extra = schema.get("additionalProperties", True)
    if not isinstance(props, dict) or not isinstance(required, list) or not all(isinstance(r, str) for r in required):
        raise _Unsupported("properties")
    known = {name: _compile(sub) for name, sub in props.items()}
    needed = tuple(required)
    if extra is True:
        other: Check | None = None
        closed = False
    elif extra is False:
        other, closed = None, True
    else:
        other, closed = _compile(extra), False

    def check(value: Any) -> bool:
        if type(value) is not dict:
            return True  # properties, required and additionalProperties apply to objects only
        for name in needed:
            if name not in value:
                return False
        for name, item in value.items():
            sub = known.get(name)
            if sub is not None:
                if not sub(item):
                    return False
            elif closed:
                return False
            elif other is not None and not other(item):
                return False
        return True

    return check


def compile_schema(schema: dict[str, Any]) -> Check | None:
    """Return a function telling whether a decoded JSON value is certainly valid against `schema` (False:
    not certain — ask jsonschema), or None when `schema` uses a keyword this module does not know."""
    try:
        return _compile(schema)
    except _Unsupported:
        return None
