"""Rollover from last year's report, the record of last year, stale texts, and the cross-year rules X1–X3."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import ROOT
from realdata import draft_from_fixture

from model import format as fmt
from model.draft import Draft, Previous
from model.findings import Severity, open_counts
from model.rollover import (
    RolloverError,
    carried_over_changes,
    citation_spans,
    is_stale,
    mark_edited,
    needs_carried_over_reason,
    old_year_spans,
    previous_record,
    rollover,
    stale_keys,
    text_digest,
)
from model.rules import check
from model.storage.drafts import load_draft, save_draft

INPUT_COLUMNS = [c.key for c in fmt.APPLICANT_INPUT_COLUMNS]
ALL_COLUMNS = [c.key for c in fmt.APPLICANT_COLUMNS]


def rules(findings, severity=None) -> list[str]:
    return [f.rule for f in findings if severity is None or f.severity is severity]


def run_main(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


# ---------------------------------------------------------------------------------------------------------
# rollover()


def test_rollover_of_the_sample(sample_draft: Draft) -> None:
    last = sample_draft
    before = last.to_json()
    new = rollover(last)
    assert last.to_json() == before  # last year's draft is not touched
    assert (new.agency, new.year, new.contact) == ("米易县草场镇人民政府", 2025, last.contact)
    assert new.signing_date is None and new.deadline == date(2026, 1, 31) == new.default_deadline()
    assert new.title == "米易县草场镇人民政府2025年政府信息公开工作年度报告"
    # narrative carried as it was, headings of 一's points included
    assert new.narrative_texts() == last.narrative_texts()
    assert [p.heading for p in new.overview_points] == [p.heading for p in last.overview_points]
    assert new.overview_points is not last.overview_points
    assert new.stale_sections == [k for k, t in last.narrative_texts().items() if t.strip()]
    assert len(new.stale_sections) == 8 and "overview_lead" not in new.stale_sections
    # 二、上年结转 = last year's 四 (all 0 in the sample); every other figure empty
    assert new.applications["carried_over"] == last.applications["carried_forward"]
    for row in fmt.APPLICATION_ROWS:
        if row.key != "carried_over":
            assert set(new.applications[row.key].values()) == {None}, row.key
    assert all(v is None for cols in new.proactive.values() for v in cols.values())
    assert all(v is None for cols in new.cases.values() for v in cols.values())
    assert set(new.fees.values()) == {None}
    assert new.explanations == {} and new.carried_over_reason == ""
    # the record of last year
    prev = new.previous
    assert prev is not None
    assert (prev.agency, prev.year, prev.checksum) == (last.agency, 2024, last.figures_checksum())
    assert prev.carried_forward == dict.fromkeys(ALL_COLUMNS, 0)
    assert prev.in_force == {"regulations": 0, "normative_documents": 0}
    assert set(prev.text_digests) == set(new.stale_sections)
    assert prev.text_digests["problems"] == text_digest(last.problems)


def test_rollover_of_a_real_report_carries_every_column() -> None:
    last = draft_from_fixture("r05")  # 宿迁市人民政府 2024: 四 = 118, 5, 0, 0, 1, 1, 125
    last.signing_date, last.contact = date(2025, 1, 20), "市政府办公室 0527-0000000"
    last.problems = "公开内容还不够全面。"
    new = rollover(last)
    assert new.year == 2025 and new.agency == "宿迁市人民政府" and new.contact == last.contact
    expected = dict(zip(ALL_COLUMNS, [118, 5, 0, 0, 1, 1, 125], strict=True))
    assert new.applications["carried_over"] == expected
    assert new.previous is not None and new.previous.carried_forward == expected
    assert new.previous.in_force == {"regulations": 12, "normative_documents": 420}
    assert new.stale_sections == ["problems"]
    assert new.signing_date is None
    # the new draft is consistent with last year: no X1, and figures not entered are not checked by X2/X3
    assert not {"X1", "X2", "X3", "P1"} & set(rules(check(new)))


def test_rollover_takes_a_blank_total_as_the_sum() -> None:
    last = Draft(agency="某镇人民政府", year=2024)
    last.applications["carried_forward"]["natural_person"] = 2  # 总计 left blank, as r01 prints it
    record = previous_record(last)
    assert record.carried_forward["total"] == 2 and record.carried_forward["commercial"] is None
    new = rollover(last)
    assert new.applications["carried_over"]["natural_person"] == 2
    assert new.applications["carried_over"]["total"] == 2


def test_rollover_survives_save_and_load(sample_draft: Draft, tmp_path: Path) -> None:
    new = rollover(sample_draft)
    mark_edited(new, "problems")
    path = tmp_path / "2025.json"
    save_draft(new, path)
    again = load_draft(path)
    assert again.to_json() == new.to_json()
    assert again.previous == new.previous
    assert not is_stale(again, "problems") and is_stale(again, "preamble")


def test_rollover_needs_a_year() -> None:
    with pytest.raises(RolloverError, match="未填写报告年度"):
        rollover(Draft(agency="某镇人民政府"))


# ---------------------------------------------------------------------------------------------------------
# 「待更新」 and the carried 上年结转


def test_stale_marks_until_edited(sample_draft: Draft) -> None:
    new = rollover(sample_draft)
    keys = stale_keys(new)
    assert keys == new.stale_sections and keys[0] == "preamble"
    assert is_stale(new, "overview.1") and not is_stale(new, "overview_lead")
    mark_edited(new, "overview.1")
    assert not is_stale(new, "overview.1") and "overview.1" not in new.stale_sections
    # an edit counts even before the GUI calls mark_edited; re-flowing white space does not
    new.problems = new.problems.replace("。", "。\n  ")
    assert is_stale(new, "problems")
    new.problems += "2025年已整改完毕。"
    assert not is_stale(new, "problems")
    assert "problems" not in stale_keys(new) and "overview.1" not in stale_keys(new)
    assert not is_stale(new, "no_such_text")


def test_changed_carried_over_asks_for_a_reason() -> None:
    new = rollover(draft_from_fixture("r05"))
    assert carried_over_changes(new) == {} and not needs_carried_over_reason(new)
    new.set_application("carried_over", "commercial", 4)
    assert carried_over_changes(new) == {"commercial": (5, 4), "total": (125, 124)}
    assert needs_carried_over_reason(new)
    [x1] = [f for f in check(new) if f.rule == "X1"]  # one defect, one finding: 总计 follows 商业企业
    assert x1.severity is Severity.ERROR and x1.column == "商业企业" and not x1.explained
    assert x1.message == (
        "二、上年结转政府信息公开申请数量（商业企业）为 4，但 2024 年报告的 四、结转下年度继续办理 为 5"
    )
    assert x1.fix is not None and x1.fix.value == 5
    new.carried_over_reason = "2024 年报告误将一件已办结申请计入结转，经核实应为 4 件"
    [x1] = [f for f in check(new) if f.rule == "X1"]
    assert x1.severity is Severity.EXPLAIN and x1.explained and "经核实应为 4 件" in x1.message
    assert not needs_carried_over_reason(new)
    assert carried_over_changes(Draft(year=2025)) == {}


# ---------------------------------------------------------------------------------------------------------
# Last year's year in the text


def _marked(text: str, year: int) -> list[str]:
    return [text[a:b] for a, b in old_year_spans(text, year)]


def test_old_year_spans_skip_citations_and_comparisons() -> None:
    text = (
        "根据《中华人民共和国政府信息公开条例》（2019年4月3日中华人民共和国国务院令第711号修订）和"
        "《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》"
        "（国办公开办函〔2021〕30号）要求，编制本报告。报告中数据统计期限为2021年1月1日至2021年12月31日。"
        "信息处理费按《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）执行，较2020年无变化，"
        "与2020年相比减少；《2020年度工作要点》已落实。"
    )
    assert _marked(text, 2021) == ["2021", "2021"]  # the statistics period, not 〔2021〕30号
    assert _marked(text, 2020) == []  # 〔2020〕109号, 较2020年, 与2020年相比, 《2020年度工作要点》
    assert _marked(text, 2019) == []  # the date of the 条例's revision
    spans = old_year_spans(text, 2021)
    assert all(text[a:b] == "2021" for a, b in spans)
    assert any(text[a:b].startswith("《中华人民共和国政府信息公开条例》") for a, b in citation_spans(text))


def test_old_year_spans_find_every_form() -> None:
    text = "2024年，我镇开展培训两次。二〇二四年度、二零二四年度工作总结，２０２４年底完成。12024 不是年份。"
    assert _marked(text, 2024) == ["2024", "二〇二四", "二零二四", "２０２４"]
    assert _marked("本办法自2024年5月1日起施行。", 2024) == []
    assert _marked("", 2024) == []


# ---------------------------------------------------------------------------------------------------------
# Cross-year rules on the 平潭综合实验区 series (2020, 2022, 2024: pairs crafted to be consecutive)


def _crafted_2023_from_r11() -> Draft:
    """A 2023 report of 平潭综合实验区 that follows r11 (2022) exactly."""
    d = rollover(draft_from_fixture("r11"))
    d.proactive["normative_documents"].update(issued=40, repealed=18, in_force=698 + 40 - 18)
    d.proactive["regulations"].update(issued=0, repealed=0, in_force=0)
    d.set_application("new_received", "natural_person", 60)
    d.set_application("disclosed", "natural_person", 60)
    d.set_application("carried_forward", "natural_person", 0)
    return d


def test_consistent_pair_has_no_cross_year_finding() -> None:
    d = _crafted_2023_from_r11()
    assert not {"X1", "X2", "X3", "P1"} & set(rules(check(d)))
    # the same with last year's record built from the 2022 file rather than the stored one
    assert not {"X1", "X2", "X3", "P1"} & set(rules(check(d, previous_record(draft_from_fixture("r11")))))


def test_r13_follows_a_crafted_2023() -> None:
    last = _crafted_2023_from_r11()
    last.set_application("carried_forward", "natural_person", 0)
    this = draft_from_fixture("r13")  # 2024: 二 all 0; 规范性文件 废止/现行有效 not legible (None)
    findings = check(this, previous_record(last))
    assert not {"X1", "X2", "X3", "P1"} & set(rules(findings))
    this.proactive["normative_documents"].update(repealed=33, in_force=440)  # the likely reading (notes)
    [x2] = [f for f in check(this, previous_record(last)) if f.rule == "X2"]
    assert x2.params == {"in_force": 440, "expected": 720 + 62 - 33}
    assert x2.severity is Severity.EXPLAIN and x2.column == "现行有效件数"


def test_crafted_defects_are_found() -> None:
    d = _crafted_2023_from_r11()
    d.set_application("carried_over", "natural_person", 3)  # 2022 carried forward 0
    d.proactive["normative_documents"].update(repealed=800, in_force=0)  # > 698 + 40
    d.proactive["regulations"].update(issued=0, repealed=0, in_force=2)  # 0 + 0 − 0 ≠ 2
    findings = check(d)
    x1 = [f for f in findings if f.rule == "X1"]
    assert [(f.column, f.params["now"], f.params["last"]) for f in x1] == [("自然人", 3, 0)]
    assert x1[0].severity is Severity.ERROR
    x3 = [f for f in findings if f.rule == "X3"]
    assert [(f.row, f.severity) for f in x3] == [("行政规范性文件", Severity.ERROR)]
    assert "本年废止件数 800 大于上年现行有效件数 698 与本年制发件数 40 之和" in x3[0].message
    x2 = [f for f in findings if f.rule == "X2"]
    assert [(f.row, f.params["expected"]) for f in x2] == [("规章", 0)]  # X3 already covers 规范性文件


def test_x2_real_consistency_of_r07() -> None:
    """r07 notes: 2023 现行有效 5 + 2024 制发 3 − 废止 0 = 8 = 2024 现行有效."""
    d = draft_from_fixture("r07")
    prev = Previous(agency=d.agency, year=2023, in_force={"regulations": 0, "normative_documents": 5})
    assert not {"X2", "X3"} & set(rules(check(d, prev)))
    prev.in_force["normative_documents"] = 6
    assert rules(check(d, prev), Severity.EXPLAIN).count("X2") == 1


def test_x2_explanation_is_kept_and_closes_the_finding(tmp_path: Path) -> None:
    d = _crafted_2023_from_r11()
    d.proactive["normative_documents"]["in_force"] = 700  # 720 by the rule: 20 lapsed by expiry
    [x2] = [f for f in check(d) if f.rule == "X2"]
    assert x2.is_open and open_counts(check(d))[Severity.EXPLAIN] >= 1
    d.explanations[x2.key] = "20 件规范性文件有效期届满自动失效"
    path = tmp_path / "2023.json"
    save_draft(d, path)
    again = load_draft(path)
    [x2] = [f for f in check(again) if f.rule == "X2"]
    assert x2.explained and not x2.is_open
    assert again.explanations == {x2.key: "20 件规范性文件有效期届满自动失效"}


def test_non_adjacent_years_give_p1_instead_of_x() -> None:
    r09, r11 = draft_from_fixture("r09"), draft_from_fixture("r11")
    r11.set_application("carried_over", "natural_person", 5)  # would be X1 against an adjacent year
    findings = check(r11, previous_record(r09))
    assert not {"X1", "X2", "X3"} & set(rules(findings))
    [p1] = [f for f in findings if f.rule == "P1"]
    assert p1.severity is Severity.HINT and "2020" in p1.message and "2022" in p1.message


def test_other_agency_gives_p1() -> None:
    last = draft_from_fixture("r03")
    last.year = 2023
    p1 = [f for f in check(draft_from_fixture("r05"), previous_record(last)) if f.rule == "P1"]
    assert len(p1) == 1 and "淮安市人民政府" in p1[0].message


# ---------------------------------------------------------------------------------------------------------
# The commands, as a clerk or the county reviewer runs them


def test_cli_rollover_and_check_previous(tmp_path: Path, sample_path: Path) -> None:
    done = run_main("rollover", str(sample_path), "-o", "2025.json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "已根据 2024 年报告新建 2025 年草稿" in done.stdout and "8 段文字沿用上年" in done.stdout
    new = load_draft(tmp_path / "2025.json")
    assert new.year == 2025 and new.previous is not None and new.previous.year == 2024
    assert new.to_json() == rollover(load_draft(sample_path)).to_json()

    done = run_main("check", "2025.json", "--json", cwd=tmp_path)
    found = json.loads(done.stdout)
    # the one 错误: last year's opening, carried as a draft, still gives the statistics period as 2024 (N8)
    assert done.returncode == 1 and [f["rule"] for f in found if f["severity"] == "error"] == ["N8"]
    assert {f["rule"] for f in found if f["severity"] == "explain"} == {"T1"}
    assert {"T2", "B3", "N4"} <= {f["rule"] for f in found}

    # the clerk changes 上年结转 without a reason; the reviewer checks against last year's file
    new.set_application("carried_over", "natural_person", 2)
    new.previous = None
    new.year = 2025
    save_draft(new, tmp_path / "2025.json")
    done = run_main("check", "2025.json", "--previous", str(sample_path), cwd=tmp_path)
    assert done.returncode == 1
    assert "[错误] X1" in done.stdout and "自然人" in done.stdout
    done = run_main("check", "2025.json", cwd=tmp_path)  # without last year: X1 cannot be known
    assert "X1" not in done.stdout


def test_cli_refuses_bad_last_year(tmp_path: Path) -> None:
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    done = run_main("rollover", "broken.json", "-o", "new.json", cwd=tmp_path)
    assert done.returncode == 2 and "broken.json" in done.stderr and not (tmp_path / "new.json").exists()
    save_draft(Draft(agency="某镇人民政府"), tmp_path / "noyear.json")
    done = run_main("rollover", "noyear.json", "-o", "new.json", cwd=tmp_path)
    assert done.returncode == 2 and "未填写报告年度" in done.stderr and "Traceback" not in done.stderr
    save_draft(Draft(agency="某镇人民政府", year=2025), tmp_path / "this.json")
    done = run_main("check", "this.json", "--previous", "noyear.json", cwd=tmp_path)
    assert done.returncode == 2 and "noyear.json" in done.stderr and "Traceback" not in done.stderr


def test_money_is_not_carried() -> None:
    last = draft_from_fixture("r03")
    last.fees.update(notices=2, collected_amount=Decimal("3940"))
    new = rollover(last)
    assert new.proactive["admin_fees"]["amount"] is None and set(new.fees.values()) == {None}


# ---------------------------------------------------------------------------------------------------------
# Last year's report as a Word file (made by someone else: no embedded draft, read from the print)


@pytest.fixture(scope="module")
def r05_docx(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Draft]:
    """宿迁市人民政府 2024 as an office's Word report: real figures, a narrative, a closing block."""
    from docx_builders import report_parts, write_docx

    d = draft_from_fixture("r05")
    d.signing_date = date(2025, 1, 22)
    d.preamble = (
        "本报告依据《中华人民共和国政府信息公开条例》（以下简称《条例》）编制，"
        "数据统计期限为2024年1月1日至2024年12月31日。"
    )
    d.applications_lead = "2024年，全市共收办政府信息公开申请3646件，结转下年度继续办理125件。"
    d.problems = "一是政策解读形式较为单一；二是部分县区依申请公开答复规范性有待提升。2025年将加强培训和督查。"
    d.other_matters = "本年度未收取信息处理费。"
    path = write_docx(tmp_path_factory.mktemp("docx") / "宿迁2024.docx", report_parts(d))
    return path, d


def test_cli_rollover_from_a_word_report(r05_docx: tuple[Path, Draft], tmp_path: Path) -> None:
    path, last = r05_docx
    done = run_main("rollover", str(path), "-o", "2025.json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    new = load_draft(tmp_path / "2025.json")
    assert (new.agency, new.year, new.deadline) == ("宿迁市人民政府", 2025, date(2026, 1, 31))
    expected = dict(zip(ALL_COLUMNS, [118, 5, 0, 0, 1, 1, 125], strict=True))
    assert new.applications["carried_over"] == expected
    assert new.previous is not None
    assert new.previous.carried_forward == expected
    assert new.previous.in_force == {"regulations": 12, "normative_documents": 420}
    assert new.previous.checksum == last.figures_checksum()  # the print read back to the same figures
    assert new.narrative_texts() == last.narrative_texts()
    assert new.stale_sections == ["preamble", "applications_lead", "problems", "other_matters"]
    found = rules(check(new))
    assert found.count("T1") == 3  # preamble, 三's lead, 五; 六's stock sentence is short
    assert not {"X1", "X2", "X3", "P1", "T3"} & set(found)


def test_cli_check_against_a_word_report(r05_docx: tuple[Path, Draft], tmp_path: Path) -> None:
    path, last = r05_docx
    this = Draft(agency="宿迁市人民政府", year=2025, signing_date=date(2026, 1, 20))
    this.problems = "部分县区依申请公开答复仍不够规范，2025年已组织专题培训。"
    this.other_matters = "本年度未收取信息处理费。"
    for col, value in zip(INPUT_COLUMNS, [118, 5, 0, 0, 1, 2], strict=True):  # 其他 2, last year 1
        this.set_application("carried_over", col, value)
    this.proactive["normative_documents"].update(issued=30, repealed=500, in_force=0)  # 500 > 420 + 30
    save_draft(this, tmp_path / "2025.json")
    done = run_main("check", "2025.json", "--previous", str(path), "--json", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    found = {(f["rule"], f["column"]) for f in json.loads(done.stdout)}
    assert ("X1", "其他") in found and ("X3", "本年废止件数") in found
    assert ("X1", "总计") not in found and not any(rule == "P1" for rule, _ in found)
    # corrected, the same command is clean of cross-year findings
    this.set_application("carried_over", "other_org", 1)
    this.proactive["normative_documents"].update(repealed=50, in_force=400)
    save_draft(this, tmp_path / "2025.json")
    done = run_main("check", "2025.json", "--previous", str(path), "--json", cwd=tmp_path)
    assert not {f["rule"] for f in json.loads(done.stdout)} & {"X1", "X2", "X3", "P1"}
