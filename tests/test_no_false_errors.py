"""No false 错误 on real reports: `check` runs on every real report shared — the published PDF files and web
pages of tests/data/published, and Word files built from the figures of tests/data/real (printed only, no
draft inside, with the narrative sentences the offices wrote) — and every 错误 that is not one of the real
defects the fixtures' notes name is listed. The list must be empty, and every real defect must be found.

A partial fixture (`coverage` "partial": only `visible_rows` of table 三 were legible) says nothing of the
other rows: a 错误 touching a row that was not visible is neither real nor false, and is not judged.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from published_files import PAGES, PDFS, path_of
from realdata import REAL, ROW_KEYS, draft_from_fixture, fixture

from cli.commands import run
from model.docx.writer import export_docx
from model.findings import Finding, Severity
from model.rules import check
from model.sources import open_report

# The real defects, as (rule, words of the message), one entry per 错误 (FORMAT.md §6; the fixtures' notes).
_BLANK_TOTALS = [
    "（一）予以公开",
    "（二）部分公开",
    "1.属于国家秘密",
    "5.属于三类内部事务信息",
    "6.属于四类过程性信息",
    "8.属于行政查询事项",
    "1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确",
    "1.信访举报投诉类申请",
    "2.重复申请",
]
SHANGHAI_2019 = [
    ("D1", "（七）总计（总计）填为 805"),
    *(("D2", f"{row}") for row in _BLANK_TOTALS),
    ("T3", "正文写「258件」"),
    ("T3", "正文写「265件」"),
]
REAL_DEFECTS: dict[str, list[tuple[str, str]]] = {
    "hzq-2024": [("T3", "正文写「17件」，但表三「一、本年新收政府信息公开申请数量」（总计）为 95 件")],
    "huaian-2024": [],
    "pingtan-2024": [],
    "shanghai-bgt-2019": SHANGHAI_2019,
    "shuyang-fgj-2023": [],
    "r01": SHANGHAI_2019,
    "r03": [],
    "r05": [
        ("T3", "正文写「134件」，但表四「行政复议」总计为 170 件"),
        ("T3", "正文写「57件」，但表四「行政诉讼」总计为 77 件"),
    ],
    "r07": [("T3", "正文写「17件」")],
    "r09": [("D1", "（七）总计（自然人）填为 20"), ("D1", "（七）总计（总计）填为 21")],
    "r11": [],
    "r13": [],
    "r15": [],
    "r17": [],
    "r19": [],
    "r21": [],
    "r23": [],
}
FIXTURES = sorted(p.stem for p in REAL.glob("r*.json"))


def _printed_docx(name: str, folder: Path) -> Path:
    """Write fixture `name` as the office printed it: an official-layout DOCX of its figures and of the
    narrative sentences it quotes (`narrative_claims` 'text'), sections 五 and 六 filled, no draft inside."""
    draft = draft_from_fixture(name)
    sentences = [c["text"].split(" (")[0] for c in fixture(name).get("narrative_claims", []) if "text" in c]
    cases = [s for s in sentences if "复议" in s or "诉讼" in s]
    draft.applications_lead = "。".join(s for s in sentences if s not in cases)
    draft.cases_lead = "。".join(cases)
    for point in draft.overview_points:  # offices write under each sub-point of 一 (a bare heading is N5's)
        point.text = point.text or "本年度按照条例要求做好相关工作。"
    draft.problems = "存在的主要问题：工作人员业务能力有待提高。改进情况：加强业务培训。"
    draft.other_matters = "本年度未收取信息处理费。"
    path = folder / f"{name}.docx"
    export_docx(draft, path)
    document = docx.Document(str(path))
    for rid, rel in list(document.part.rels.items()):
        if rel.reltype == RT.CUSTOM_XML:
            document.part.drop_rel(rid)
    document.save(str(path))
    return path


@pytest.fixture(scope="module")
def real_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("real")
    files = {name: path_of(name) for name in PDFS + PAGES}
    files.update({name: _printed_docx(name, folder) for name in FIXTURES})
    return files


def _judged(name: str, finding: Finding) -> bool:
    """Return False for a finding on rows a partial fixture does not show."""
    if not name.startswith("r") or fixture(name)["coverage"] == "full":
        return True
    visible = {ROW_KEYS[k] for k in fixture(name)["visible_rows"]}
    return all(c.table != "applications" or c.row in visible for c in finding.cells) and all(
        c.table not in ("cases", "proactive") for c in finding.cells
    )


def _errors(name: str, path: Path) -> list[Finding]:
    opened = open_report(path)
    findings = opened.findings + opened.placed(check(opened.draft))
    return [f for f in findings if f.severity is Severity.ERROR and f.is_open and _judged(name, f)]


def test_check_finds_no_false_errors_on_real_reports(real_files: dict[str, Path]) -> None:
    false_errors: list[str] = []
    missed: list[str] = []
    for name, path in real_files.items():
        defects = list(REAL_DEFECTS[name])
        for f in _errors(name, path):
            match = next((d for d in defects if d[0] == f.rule and d[1] in f.message), None)
            if match is None:
                false_errors.append(f"{path.name}: [{f.rule}] {f.message}")
            else:
                defects.remove(match)
        missed.extend(f"{path.name}: [{rule}] …{words}…" for rule, words in defects)
    assert false_errors == []
    assert missed == []


def test_the_check_command_lists_the_same_errors(real_files: dict[str, Path]) -> None:
    out, err = io.StringIO(), io.StringIO()
    status = run(["check", "--json", *map(str, real_files.values())], out, err)
    assert status == 1 and err.getvalue() == ""
    rows = json.loads(out.getvalue())
    for name, path in real_files.items():
        listed = [r for r in rows if r["file"] == str(path) and r["severity"] == "error"]
        whole = not name.startswith("r") or fixture(name)["coverage"] == "full"
        if whole:
            assert len(listed) == len(REAL_DEFECTS[name]), name
    shanghai = [r["message"] for r in rows if r["file"] == str(real_files["shanghai-bgt-2019"])]
    assert any(m.endswith("（见网页第 2 个表格）") for m in shanghai)
