"""Import of real reports: the official template filled with published figures, and the 草场镇 2024 seed.

The template (tests/data/official-template.docx) is filled by tests/template_fill.py with python-docx
directly — as an office does by hand — with the figures of each full 2021-format report in tests/data/real
(and r09, a 2019-layout report). Importing it gives back exactly those figures, blank cells as 0 with a
hint; `python main.py check` on it reports the table defects the README lists for that report and no
other 错误 of the table rules.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from docx_builders import figures, seed_report
from realdata import draft_from_fixture, fixture, full_2021_fixtures
from template_fill import fill_template

from cli.commands import run
from model import format as fmt
from model.docx.reader import import_docx
from model.findings import Cell
from model.storage.drafts import load_draft

ROOT = Path(__file__).resolve().parent.parent
FILLED = [*full_2021_fixtures(), "r09"]

# Errors of the table rules each filled report must show, per tests/data/real/README.md: (rule, column).
EXPECTED_TABLE_ERRORS: dict[str, set[tuple[str, str | None]]] = {
    "r03": set(),
    "r05": set(),
    "r07": set(),
    "r09": {("D1", "自然人"), ("D1", "总计")},
    "r11": set(),
    "r13": set(),
}
TABLE_RULES = {"S1", "D1", "D2", "D3", "D4"}
IMPORT_RULES = {f"I{n}" for n in range(1, 14)}


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("filled")
    return {name: fill_template(name, folder / f"{name}.docx") for name in FILLED}


def test_every_full_2021_fixture_is_covered() -> None:
    assert set(full_2021_fixtures()) == {"r03", "r05", "r07", "r11", "r13"}
    assert set(EXPECTED_TABLE_ERRORS) == set(FILLED)


@pytest.mark.parametrize("name", FILLED)
def test_filled_template_imports_to_the_printed_figures(filled: dict[str, Path], name: str) -> None:
    data = fixture(name)
    expected = draft_from_fixture(name)
    result = import_docx(filled[name])
    assert result.source == "printed"
    assert (result.draft.agency, result.draft.year) == (data["agency"], data["year"])

    single_other = "三_其他处理" in data["section3"] and any(v is not None for v in data["section3"]["三_其他处理"])
    not_printed: set[str] = set()
    if single_other:  # the template's three （六） rows were merged into one: 1. and 2. are not printed
        not_printed |= {
            f"applications/{r}/{c.key}" for r in fmt.APPLICATION_OTHER_ROWS_2021[:2] for c in fmt.APPLICANT_COLUMNS
        }
    if data["format"] == "2019":  # table 二 in the 2019 layout: not imported
        not_printed |= {f"proactive/{item.key}/{f.key}" for _b, item, f in fmt.proactive_cells()}

    got = figures(result.draft)
    blank_cells = {c for f in result.findings if f.rule == "I1" for c in f.cells}
    blank = {f"{c.table}/{c.row}/{c.column}" for c in blank_cells}
    for key, value in figures(expected).items():
        if key in not_printed and key.startswith("applications/other_"):
            # not printed under a single （六） row: 0 where that row prints 0 (or blank), else not entered
            single = data["section3"]["三_其他处理"][[c.key for c in fmt.APPLICANT_COLUMNS].index(key.split("/")[2])]
            assert got[key] == (0 if not single else None), key
        elif value is None and key not in not_printed:
            assert got[key] == 0, key  # printed blank: read as 0 …
            assert key in blank, key  # … and said so
        else:
            assert got[key] == value, key
    assert blank == {k for k, v in figures(expected).items() if v is None and k not in not_printed}

    rules = {f.rule for f in result.findings}
    assert ("I3" in rules) == single_other
    assert ("I4" in rules) == (data["format"] == "2019")
    assert rules <= {"I1", "I3", "I4"}
    assert all(f.severity.value == "hint" for f in result.findings)


@pytest.mark.parametrize("name", FILLED)
def test_check_on_filled_template_reports_the_known_defects(filled: dict[str, Path], name: str) -> None:
    out, err = io.StringIO(), io.StringIO()
    status = run(["check", str(filled[name]), "--json"], out, err)
    rows = json.loads(out.getvalue())
    errors = {
        (r["rule"], r["column"]) for r in rows if r["severity"] == "error" and r["rule"] in TABLE_RULES | IMPORT_RULES
    }
    assert errors == EXPECTED_TABLE_ERRORS[name]
    assert status == 1  # the filled template has no narrative: 五 is empty (N1), so check exits 1 anyway
    assert all(r["file"] == str(filled[name]) for r in rows)


def test_main_py_check_and_import_on_a_docx(filled: dict[str, Path], tmp_path: Path) -> None:
    """The headless commands on a DOCX, as a clerk or the county reviewer runs them."""
    proc = subprocess.run(
        [sys.executable, "main.py", "check", str(filled["r09"])], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 1
    assert "D1" in proc.stdout and "（七）总计（自然人）填为 20，但（一）至（六）各项之和为 26" in proc.stdout
    assert "I3" in proc.stdout and "I4" in proc.stdout
    out = tmp_path / "r03.json"
    proc = subprocess.run(
        [sys.executable, "main.py", "import", str(filled["r03"]), "-o", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    saved = load_draft(out)  # valid against the draft schema
    assert figures(saved) == figures(draft_from_fixture("r03"))
    assert saved.agency == "淮安市人民政府" and saved.year == 2024


def test_import_of_a_damaged_copy_keeps_nothing_half_done(filled: dict[str, Path], tmp_path: Path) -> None:
    broken = tmp_path / "r05.docx"
    broken.write_bytes(filled["r05"].read_bytes()[:-300])
    target = tmp_path / "r05.json"
    out, err = io.StringIO(), io.StringIO()
    assert run(["import", str(broken), "-o", str(target)], out, err) == 2
    assert not target.exists()
    assert "r05.docx" in err.getvalue() and "不完整" in err.getvalue()


# ---------------------------------------------------------------------------------------------------------
# The seed report


def _undamaged(text: str) -> str:
    """Return `text` as the seed's extraction damage leaves it comparable: no white space at all (spaces
    around digits, words broken over two lines), half-width brackets (「(一) 」 for 「（一）」)."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def test_seed_report_imports_to_the_built_in_sample(tmp_path: Path, sample_path: Path) -> None:
    result = import_docx(seed_report(tmp_path / "caochang.docx"))
    sample = load_draft(sample_path)
    got = result.draft
    assert result.findings == []
    assert figures(got) == figures(sample)
    assert got.fees == sample.fees  # 「本年度未收取信息处理费」
    assert (got.agency, got.year, got.signing_date, got.deadline) == (
        sample.agency,
        sample.year,
        sample.signing_date,
        sample.deadline,
    )
    assert [p.heading for p in got.overview_points] == [p.heading for p in sample.overview_points]
    for name in (
        "preamble",
        "overview_lead",
        "proactive_lead",
        "applications_lead",
        "cases_lead",
        "problems",
        "other_matters",
    ):
        assert _undamaged(getattr(got, name)) == _undamaged(getattr(sample, name)), name
    for mine, theirs in zip(got.overview_points, sample.overview_points, strict=True):
        assert _undamaged(mine.text) == _undamaged(theirs.text)


def test_seed_docx_labels_are_the_damaged_ones(tmp_path: Path) -> None:
    """The seed DOCX keeps the extraction's label damage, so the import is shown to tolerate it."""
    from docx import Document

    doc = Document(str(seed_report(tmp_path / "caochang.docx")))
    texts = {c.text for t in doc.tables for row in t.rows for c in row.cells}
    assert {"本年度止件数", "社会公益组", "法律服务机", "(一) 予以公开"} <= texts
    assert not {"本年废止件数", "社会公益组织"} & texts


def test_sample_cell_map_is_complete() -> None:
    """Every figure of the sample draft is a place the import fills (no key unknown to the reader)."""
    keys = set(figures(load_draft(ROOT / "resources" / "sample-caochang-2024.json")))
    cells = {f"{c.table}/{c.row}/{c.column}" for c in _all_cells()}
    assert keys == cells


def _all_cells() -> list[Cell]:
    out = [Cell("proactive", item.key, f.key) for _b, item, f in fmt.proactive_cells()]
    out += [Cell("applications", r.key, c.key) for r in fmt.APPLICATION_ROWS for c in fmt.APPLICANT_COLUMNS]
    out += [Cell("cases", g.key, c.key) for g in fmt.CASE_GROUPS for c in fmt.CASE_COLUMNS]
    return out
