"""Drafts built from the figures of real published reports (tests/data/real, from ../shared/fixtures/real).

The fixture files name rows and columns in Chinese, in table order; this maps them onto `model.format`
by that order, so a fixture becomes a `Draft` holding exactly the printed figures (wrong totals kept).
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from model import format as fmt
from model.draft import Draft

REAL = Path(__file__).resolve().parent / "data" / "real"

# Fixture row keys in table order → our row keys (2021 layout).
_ROWS_2021 = (
    ["一_本年新收", "二_上年结转", "三_予以公开", "三_部分公开"]
    + [f"三_不予公开_{i}" for i in range(1, 9)]
    + [f"三_无法提供_{i}" for i in range(1, 4)]
    + [f"三_不予处理_{i}" for i in range(1, 6)]
    + [f"三_其他处理_{i}" for i in range(1, 4)]
    + ["三_总计", "四_结转下年度"]
)
ROW_KEYS: dict[str, str] = dict(zip(_ROWS_2021, [r.key for r in fmt.APPLICATION_ROWS], strict=True))
CASE_KEYS = {"行政复议": "review", "诉讼_未经复议": "litigation_direct", "诉讼_复议后": "litigation_after_review"}
PROACTIVE_KEYS = {
    "规章": "regulations",
    "行政规范性文件": "normative_documents",
    "行政许可": "licensing",
    "行政处罚": "penalty",
    "行政强制": "enforcement",
    "行政事业性收费": "admin_fees",
}
PROACTIVE_COLUMNS = {
    "本年制发件数": "issued",
    "本年废止件数": "repealed",
    "现行有效件数": "in_force",
    "本年处理决定数量": "decisions",
    "本年收费金额": "amount",
}


def fixture(name: str) -> dict[str, Any]:
    """Return the decoded fixture `name` (e.g. 'r03')."""
    data: dict[str, Any] = json.loads((REAL / f"{name}.json").read_text(encoding="utf-8"))
    return data


def full_2021_fixtures() -> list[str]:
    """Return the names of the fixtures that are complete reports in the 2021 format."""
    names = []
    for path in sorted(REAL.glob("r*.json")):
        data = fixture(path.stem)
        if data["format"] == "2021" and data["coverage"] == "full":
            names.append(path.stem)
    return names


def draft_from_fixture(name: str) -> Draft:
    """Return a draft holding the printed figures of fixture `name`.

    Blank cells stay `None`. A 2019-layout single （六）其他处理 row goes to 3.其他; 2019-format table 二
    figures are not carried (their columns differ). Raises `KeyError` on an unknown row key.
    """
    data = fixture(name)
    draft = Draft(agency=data["agency"], year=data["year"])
    for key, values in data["section3"].items():
        if key == "三_其他处理":
            if all(v is None for v in values):
                continue
            row = "other_other"
        elif all(v is None for v in values) and key.startswith("三_其他处理_"):
            continue
        else:
            row = ROW_KEYS[key]
        for col, value in zip(fmt.APPLICANT_COLUMNS, values, strict=True):
            draft.applications[row][col.key] = value
    for key, values in data.get("section4", {}).items():
        for col, value in zip(fmt.CASE_COLUMNS, values, strict=True):
            draft.cases[CASE_KEYS[key]][col.key] = value
    if data["format"] == "2021":
        for label, cols in data.get("section2", {}).items():
            for clabel, value in cols.items():
                col = PROACTIVE_COLUMNS[clabel]
                draft.proactive[PROACTIVE_KEYS[label]][col] = (
                    None if value is None else Decimal(str(value)) if col == "amount" else int(value)
                )
    return draft
