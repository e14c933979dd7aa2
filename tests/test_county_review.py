"""The county's review of a folder of unit reports (issue 15), as the reviewer runs it: a real folder built
from the shared real figures (tests/county_folder.py), read back from the files the review writes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

import docx
import openpyxl
import pytest
from conftest import ROOT
from county_folder import FILES, YEAR, build_folder
from realdata import draft_from_fixture

from model.county.record import APPROVED, PENDING, RETURNED, ReviewRecord, load_record, save_record
from model.county.review import Options, review_folder, snapshot
from model.county.roster import load_roster
from model.storage.drafts import DraftError, load_draft, save_draft

# Open findings per unit, by rule (see county_folder.py for how each is planted or comes from the fixture).
EXPECTED_RULES = {
    "淮安市人民政府": ["K1", "N4"],
    "宿迁市人民政府": ["B3", "N4", "S1", "S1"],
    "淮安市洪泽区人民政府": ["B3", "B3", "R1", "R2", "X1"],
    "淮安市淮阴区人民政府": ["B3", "B3", "R2"],
    "平潭综合实验区管理委员会": ["B3", "B3", "N4"],
    "宁陕县梅子镇人民政府": ["B3", "B3", "B3", "N1", "N4"],
    "深圳市龙岗区政府工作部门": ["B3", "B3", "B3", "D1", "D1", "D1", "N4", "S1", "S1", "S1", "S1"],
}
EXPECTED_STATUS = {name: PENDING for name in EXPECTED_RULES} | {"米易县草场镇人民政府": "未报送"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build_folder(tmp_path_factory.mktemp("county"))


@pytest.fixture(scope="module")
def review(built: dict[str, Path]):
    options = Options(previous=built["last"], roster=load_roster(built["roster"]))
    return review_folder(built["folder"], options)


def main_py(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, timeout=300, check=False
    )


def rules_by_unit(review) -> dict[str, list[str]]:
    return {r.name: sorted(f.rule for f in r.entry.open_findings()) for r in review.rows if r.entry is not None}


def test_review_lists_exactly_the_expected_findings_and_statuses(review) -> None:
    assert review.year == YEAR
    assert rules_by_unit(review) == EXPECTED_RULES
    assert {r.name: r.status for r in review.rows} == EXPECTED_STATUS
    # the roster's order, then the report that matched no unit
    assert [r.name for r in review.rows][-2:] == ["米易县草场镇人民政府", "深圳市龙岗区政府工作部门"]
    files = {r.name: r.entry.file.as_posix() for r in review.rows if r.entry is not None}
    for file, unit in FILES.items():
        if unit in EXPECTED_RULES:
            assert files[unit] == file
    # matched by the name in the file (「梅子镇人民政府」: the county prefix left out) and by the file's name
    assert review.entry("宁陕县梅子镇人民政府").how == "name"
    assert [e.file.as_posix() for e in review.unmatched] == ["深圳/龙岗区某部门2024年报.json"]
    assert "不在名单中" in review.unmatched[0].unmatched


def test_files_not_reviewed_are_named_with_their_reason(review) -> None:
    kinds = {x.file.as_posix(): x.kind for x in review.excluded}
    assert kinds == {f: kind for f, kind in FILES.items() if kind not in EXPECTED_RULES and kind != "unmatched"}
    reasons = {x.file.as_posix(): x.reason for x in review.excluded}
    assert "「宿迁/宿迁市2024年报（草稿）.json」较新" in reasons["宿迁/宿迁市2024年报.docx"]
    assert "2022 年" in reasons["平潭/平潭综合实验区2022年报.json"]
    assert "2019 年试行格式" in reasons["平潭/平潭综合实验区2020年报.docx"]
    assert "没有表格" in reasons["会议通知.docx"]
    assert "不完整" in reasons["坏文件/损坏的报告.docx"] or "损坏" in reasons["坏文件/损坏的报告.docx"]
    # the excluded files of a unit are said on its row (平潭's old and 2019-layout reports)
    pingtan = next(r for r in review.rows if r.name == "平潭综合实验区管理委员会")
    assert pingtan.entry is not None and pingtan.excluded == []


def test_a_web_page_without_tables_and_a_broken_link_are_named_for_what_they_are(
    tmp_path: Path, sample_path: Path
) -> None:
    """A web page that holds no report is 不是年度报告 with the reader's own reason (this version reads web
    pages and PDF files); a link whose file is gone is said to be missing, in Chinese."""
    folder = tmp_path / "收件"
    folder.mkdir()
    shutil.copy(sample_path, folder / "草场镇.json")
    (folder / "通知.html").write_text("<html><body><p>关于报送年度报告的通知</p></body></html>", encoding="utf-8")
    (folder / "链接.json").symlink_to(tmp_path / "已删除.json")
    excluded = {x.file.as_posix(): x for x in review_folder(folder).excluded}
    page, link = excluded["通知.html"], excluded["链接.json"]
    assert page.kind == "not_report" and "未找到表二、表三、表四" in page.reason and "版本" not in page.reason
    assert (
        link.kind == "unreadable" and link.reason == "无法读取（文件或文件夹不存在，可能已被移动、删除，或 U 盘已拔出）"
    )


def test_aggregate_names_the_files_it_did_not_review_and_the_agency_option(tmp_path: Path, sample_path: Path) -> None:
    """`aggregate` says which files of the folder were not reviewed (so not counted), as `review` does, and
    points at --agency when the county draft has no agency (its own B1)."""
    folder = tmp_path / "收件"
    folder.mkdir()
    shutil.copy(sample_path, folder / "草场镇.json")
    (folder / "通知.html").write_text("<html><body><p>关于报送年度报告的通知</p></body></html>", encoding="utf-8")
    result = main_py("aggregate", str(folder), "-o", str(tmp_path / "汇总.json"))
    assert result.returncode == 1 and (tmp_path / "汇总.json").exists()  # written; its own findings follow
    lines = result.stdout.splitlines()
    assert lines[0] == f"已汇总 1 个单位的报告，汇总草稿：{tmp_path / '汇总.json'}"
    assert lines[lines.index("未审核的文件（不计入汇总）：") + 1].startswith("  通知.html（不是年度报告）：")
    assert "汇总草稿的检查结果：" in lines and "B1" in result.stdout
    assert lines[-1] == '  汇总报告的机关名称用 --agency 指定，如 --agency "某某县人民政府"'
    named = main_py("aggregate", str(folder), "-o", str(tmp_path / "汇总2.json"), "--agency", "米易县人民政府")
    assert "--agency" not in named.stdout


def test_similarity_names_the_copy_and_last_year(review) -> None:
    copy_ = review.entry("淮安市淮阴区人民政府")
    original = review.entry("淮安市洪泽区人民政府")
    assert copy_.other_name == "淮安市洪泽区人民政府" and copy_.similarity == 1.0
    assert original.other_name == "淮安市淮阴区人民政府"
    # this year's 洪泽区 text is last year's with one sentence added to 一 and to 五
    assert 0.6 < original.last_year.sections["overview"] < 1.0
    assert 0.6 < original.last_year.sections["problems"] < 1.0
    # units sharing only the standard preamble and fee sentence are not alike at all
    for name in ("淮安市人民政府", "宿迁市人民政府", "平潭综合实验区管理委员会"):
        assert review.entry(name).similarity == 0.0
    r2 = next(f for f in copy_.findings if f.rule == "R2")
    assert "与「淮安市洪泽区人民政府」的报告雷同" in r2.message and "一、总体情况 100%" in r2.message


def test_cross_year_rules_use_last_years_report_of_the_same_unit(review) -> None:
    x1 = next(f for f in review.entry("淮安市洪泽区人民政府").findings if f.rule == "X1")
    assert x1.column == "自然人" and "2023 年报告" in x1.message
    k1 = next(f for f in review.entry("淮安市人民政府").findings if f.rule == "K1")
    this = draft_from_fixture("r03").applications["new_received"]["total"]
    assert f"本年 {this} 件" in k1.message
    # no last year's report for 平潭: no cross-year finding and no 与上年雷同
    pingtan = review.entry("平潭综合实验区管理委员会")
    assert pingtan.last_year is None and not [f for f in pingtan.findings if f.rule[0] in "XPK"]


def test_county_rates_only_from_30_cases(review) -> None:
    huaian = review.entry("淮安市人民政府").draft
    rate = review.entry("淮安市人民政府").disclosure
    apps = draft_from_fixture("r03").applications
    base = apps["total_handled"]["total"] - sum(
        apps[k]["total"] or 0 for k in apps if k.startswith(("not_processed", "other_"))
    )
    assert rate.base == base and rate.value == pytest.approx(
        ((apps["disclosed"]["total"] or 0) + (apps["partly_disclosed"]["total"] or 0)) / base
    )
    assert huaian.agency == "淮安市人民政府"
    meizi = review.entry("宁陕县梅子镇人民政府")
    assert meizi.disclosure.value is None and meizi.disclosure.shown() == "不评（不足 30 件）"


def test_review_json_and_exit_status(built: dict[str, Path]) -> None:
    result = main_py(
        "review", str(built["folder"]), "--previous", str(built["last"]), "--roster", str(built["roster"]), "--json"
    )
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    units = {u["unit"] or u["agency"]: u for u in data["units"]}
    assert set(units) == set(EXPECTED_STATUS)
    assert units["宁陕县梅子镇人民政府"]["agency"] == "梅子镇人民政府"  # the name in the file
    assert units["深圳市龙岗区政府工作部门"]["unit"] is None
    nothing = units["米易县草场镇人民政府"]
    assert nothing["file"] is None and nothing["status"] == "未报送" and nothing["findings"] == []
    suqian = units["宿迁市人民政府"]
    assert (suqian["errors"], suqian["explains"], suqian["hints"]) == (2, 0, 2)
    assert {f["rule"] for f in suqian["findings"]} == {"S1", "B3", "N4"}
    assert set(suqian["findings"][0]) >= {"file", "rule", "severity", "section", "row", "column", "message"}
    assert units["淮安市淮阴区人民政府"]["similarity"] == 1.0
    assert [u["file"] for u in data["unmatched"]] == ["深圳/龙岗区某部门2024年报.json"]
    assert {(x["file"], x["kind"]) for x in data["not_reports"]} == {
        (f, k) for f, k in FILES.items() if k in ("not_report", "unreadable", "layout_2019", "wrong_year", "duplicate")
    }
    assert all(x["reason"] for x in data["not_reports"])
    photo = next(x for x in data["not_reports"] if x["file"] == "坏文件/报告照片.pdf")
    assert photo["reason"] == "不是年度报告（图片）"


def test_exit_status_0_and_2(built: dict[str, Path], tmp_path: Path) -> None:
    clean = tmp_path / "clean"
    shutil.copytree(built["folder"] / "平潭", clean)
    result = main_py("review", str(clean))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "平潭综合实验区2022年报.json（不是本年度的报告）" in result.stdout
    result = main_py("review", str(tmp_path / "没有这个文件夹"))
    assert result.returncode == 2 and "文件夹不存在" in result.stderr and "Traceback" not in result.stderr
    bad_roster = tmp_path / "名单.csv"
    bad_roster.write_text("名称,简称\n甲,乙\n", encoding="utf-8")
    result = main_py("review", str(clean), "--roster", str(bad_roster))
    assert result.returncode == 2 and "单位名称" in result.stderr


def test_workbook_read_back_holds_units_and_findings(built: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "审核结果.xlsx"
    result = main_py(
        "review",
        str(built["folder"]),
        "--previous",
        str(built["last"]),
        "--roster",
        str(built["roster"]),
        "-o",
        str(out),
    )
    assert result.returncode == 1, result.stderr
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["汇总", "问题清单", "未审核文件"]
    summary = book["汇总"]
    header = [c.value for c in summary[1]]
    assert header[:12] == [
        "序号",
        "单位",
        "类别",
        "报告中的机关名称",
        "年度",
        "文件",
        "状态",
        "状态日期",
        "错误",
        "需说明",
        "提示",
        "雷同（最高）",
    ]
    assert summary.freeze_panes == "A2" and summary.auto_filter.ref == f"A1:Q{summary.max_row}"
    rows = {r[1]: r for r in summary.iter_rows(min_row=2, values_only=True)}
    assert set(rows) == set(EXPECTED_STATUS)
    for name, rules in EXPECTED_RULES.items():
        counts = Counter(rules)
        hints = sum(n for r, n in counts.items() if r in ("B3", "N4", "K1", "R1", "R2"))
        assert rows[name][8] + rows[name][10] == len(rules) and rows[name][10] == hints
    assert rows["米易县草场镇人民政府"][6] == "未报送" and rows["米易县草场镇人民政府"][5] is None
    assert rows["淮安市淮阴区人民政府"][11] == "100%" and rows["淮安市淮阴区人民政府"][12] == "淮安市洪泽区人民政府"
    # column widths fit the Chinese text: 2 per character, at least the header's
    assert summary.column_dimensions["B"].width >= 2 * len("平潭综合实验区管理委员会")
    findings = book["问题清单"]
    found = Counter((r[0], r[2]) for r in findings.iter_rows(min_row=2, values_only=True))
    assert found == Counter((name, rule) for name, rules in EXPECTED_RULES.items() for rule in rules)
    assert findings.freeze_panes == "A2" and findings.auto_filter.ref.startswith("A1:I")
    excluded = {r[0]: r[1] for r in book["未审核文件"].iter_rows(min_row=2, values_only=True)}
    assert excluded["宿迁/宿迁市2024年报.docx"] == "重复报送" and excluded["说明.txt"] == "不是年度报告"


def _sum(fixtures: list[str], row: str, column: int) -> int | None:
    from realdata import fixture

    values = [fixture(f)["section3"][row][column] for f in fixtures]
    return None if all(v is None for v in values) else sum(v or 0 for v in values)


def test_aggregate_equals_the_sums_of_the_included_reports(built: dict[str, Path], tmp_path: Path) -> None:
    out, word = tmp_path / "全县汇总.json", tmp_path / "全县汇总.docx"
    result = main_py(
        "aggregate", str(built["folder"]), "--roster", str(built["roster"]), "-o", str(out), "--docx", str(word)
    )
    assert result.returncode in (0, 1), result.stderr
    county = load_draft(out)
    # included: 淮安 (r03), 洪泽区 (r07) and its copy 淮阴区 (r07), 平潭 (r13); left out: reports with 错误
    included = ["r03", "r07", "r07", "r13"]
    assert county.applications["new_received"]["natural_person"] == _sum(included, "一_本年新收", 0)
    assert county.applications["total_handled"]["total"] == _sum(included, "三_总计", 6)
    assert county.applications["carried_forward"]["commercial"] == _sum(included, "四_结转下年度", 1)
    from realdata import fixture

    review_total = sum(fixture(f)["section4"]["行政复议"][4] or 0 for f in included)
    assert county.cases["review"]["total"] == review_total
    fees = sum((fixture(f)["section2"]["行政事业性收费"]["本年收费金额"] or 0) for f in included)
    assert float(county.proactive["admin_fees"]["amount"]) == pytest.approx(fees)
    assert "4 个单位" in county.other_matters and "淮安市淮阴区人民政府" in county.other_matters
    assert "未计入：宿迁市人民政府（宿迁/宿迁市2024年报（草稿）.json）：有 2 个错误未改正" in result.stdout
    assert "「宿迁/宿迁市2024年报（草稿）.json」较新" in result.stdout  # the duplicate refused, the newer named
    assert "未计入：米易县草场镇人民政府：未报送" in result.stdout
    tables = docx.Document(str(word)).tables
    assert len(tables) == 3
    printed = [c.text for c in tables[1].rows[3].cells]
    assert str(_sum(included, "一_本年新收", 6)) in printed

    # on purpose, the reports with errors too; and the county government's own report as one more unit
    own = draft_from_fixture("r13")
    own.agency = "某县人民政府"
    own_path = tmp_path / "县政府本级.json"
    save_draft(own, own_path)
    result = main_py(
        "aggregate",
        str(built["folder"]),
        "--roster",
        str(built["roster"]),
        "-o",
        str(out),
        "--include-errors",
        "--county-report",
        str(own_path),
        "--force",  # the first summary is replaced on purpose (without --force it is kept: exit 2)
    )
    everything = load_draft(out)
    added = _sum(["r05", "r15", "r17", "r13"], "一_本年新收", 0)
    assert everything.applications["new_received"]["natural_person"] == _sum(included, "一_本年新收", 0) + added + 5
    assert "计入：某县人民政府（县政府本级.json）" in result.stdout


def test_nothing_to_aggregate_writes_nothing_and_says_why(built: dict[str, Path], tmp_path: Path) -> None:
    """An empty folder, or one whose every report still has 错误: no summary written, the reason given (and
    how to count reports with errors in); `review` of the empty folder says it found no report."""
    empty = tmp_path / "空文件夹"
    empty.mkdir()
    out = tmp_path / "汇总.json"
    result = main_py("aggregate", str(empty), "-o", str(out))
    assert result.returncode == 2 and not out.exists()
    assert result.stderr.strip() == f"无法汇总 {empty}：没有可以计入的报告（文件夹中没有找到年度报告），未写出汇总"
    shown = main_py("review", str(empty))
    assert (shown.returncode, shown.stdout.splitlines()[0]) == (
        0,
        f"审核 {empty}：没有找到年度报告（Word、PDF、网页或草稿文件）",
    )

    with_errors = tmp_path / "有错误"
    with_errors.mkdir()
    shutil.copy(built["folder"] / "宿迁" / "宿迁市2024年报（草稿）.json", with_errors / "宿迁.json")
    result = main_py("aggregate", str(with_errors), "-o", str(out))
    assert result.returncode == 2 and not out.exists()
    assert result.stderr.strip() == (
        f"无法汇总 {with_errors}：没有可以计入的报告（宿迁市人民政府：有 2 个错误未改正）"
        "（如确需计入有错误的报告，请加 --include-errors），未写出汇总"
    )
    assert main_py("aggregate", str(with_errors), "-o", str(out), "--include-errors").returncode in (0, 1)
    assert "1 个单位" in load_draft(out).other_matters


NEWER = "「b.json」较新（修改于 2024年12月2日 "


@pytest.mark.parametrize(
    ("newer", "older", "said"),
    [
        ((10, 30, 0), (9, 5, 0), NEWER + "10:30，本文件修改于 2024年12月2日 09:05），审核以较新的为准"),
        ((10, 30, 40), (10, 30, 5), NEWER + "10:30:40，本文件修改于 2024年12月2日 10:30:05），审核以较新的为准"),
        ((10, 30, 5), (10, 30, 5), "两份文件的修改时间相同（2024年12月2日 10:30:05），审核以「b.json」为准"),
    ],
    ids=["minutes-apart", "same-minute", "same-second"],
)
def test_a_duplicate_says_which_copy_is_newer_by_times_that_differ(
    tmp_path: Path, newer: tuple[int, int, int], older: tuple[int, int, int], said: str
) -> None:
    from datetime import datetime

    draft = draft_from_fixture("r13")
    for name, (h, m, sec) in (("b.json", newer), ("a.json", older)):
        save_draft(draft, tmp_path / name)
        when = datetime(2024, 12, 2, h, m, sec).timestamp()
        os.utime(tmp_path / name, (when, when))
    review = review_folder(tmp_path, Options())
    (duplicate,) = review.excluded
    assert duplicate.file.as_posix() == "a.json"
    assert duplicate.reason == "与「b.json」是同一单位（平潭综合实验区）同一年度的报告；" + said


def test_returned_unit_notice_and_the_corrected_file(built: dict[str, Path], tmp_path: Path) -> None:
    folder = tmp_path / "2024"
    shutil.copytree(built["folder"], folder)
    roster = load_roster(built["roster"])
    first = review_folder(folder, Options(roster=roster))
    suqian = first.entry("宿迁市人民政府")
    open_messages = [f.message for f in suqian.open_findings()]
    from model.county.notice import write_notice

    notice = write_notice(
        suqian, folder / "整改通知" / "宿迁市人民政府整改通知.docx", "某县政务公开办公室", date(2025, 2, 10)
    )
    document = docx.Document(str(notice))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "关于宿迁市人民政府2024年政府信息公开工作年度报告的整改通知" in text
    assert "宿迁市人民政府：" in text and "2025年2月10日前" in text and "某县政务公开办公室" in text
    rows = [[c.text for c in r.cells] for r in document.tables[0].rows]
    assert rows[0] == ["序号", "部分", "行", "列", "问题", "类别"]
    assert sorted(r[4] for r in rows[1:]) == sorted(open_messages)
    s1 = next(r for r in rows[1:] if r[4].startswith("自然人"))
    assert s1[1] == "三、收到和处理政府信息公开申请情况" and s1[3] == "自然人" and s1[5] == "错误"
    assert document.sections[0].top_margin.mm == pytest.approx(37, abs=0.1)

    record = ReviewRecord(year=2024, office="某县政务公开办公室", roster=roster)
    record.set_status(
        "宿迁市人民政府",
        RETURNED,
        date(2025, 2, 3),
        suqian.file.as_posix(),
        suqian.sha256,
        returned=snapshot(suqian, date(2025, 2, 3)),
    )
    record.set_status("淮安市人民政府", APPROVED, date(2025, 2, 3), "x", first.entry("淮安市人民政府").sha256)
    save_record(folder, record)
    again = review_folder(folder, Options(roster=load_record(folder).roster, record=load_record(folder)))
    assert again.entry("宿迁市人民政府").status == RETURNED
    assert again.entry("淮安市人民政府").status == APPROVED
    assert again.entry("宿迁市人民政府").status_date == date(2025, 2, 3)

    # the unit sends the corrected file back: 一、本年新收 自然人 as printed
    fixed = draft_from_fixture("r05")
    corrected = load_draft(folder / "宿迁/宿迁市2024年报（草稿）.json")
    corrected.set_application("new_received", "natural_person", fixed.applications["new_received"]["natural_person"])
    time.sleep(0.01)
    save_draft(corrected, folder / "宿迁/宿迁市2024年报（草稿）.json")
    os.utime(folder / "宿迁/宿迁市2024年报（草稿）.json")
    third = review_folder(folder, Options(roster=roster, record=load_record(folder)))
    back = third.entry("宿迁市人民政府")
    assert back.status == PENDING  # a newer file: to be reviewed again
    assert [f.rule for f in back.open_findings() if f.rule == "S1"] == []
    changes = back.changes
    assert changes is not None and len(changes.figures) == 2  # 自然人 and the 总计 of its row
    assert any(c.startswith("表三 一、本年新收政府信息公开申请数量（自然人）") for c in changes.figures)
    assert sorted(changes.gone) == sorted(f"[S1] {m}" for m in open_messages if m.startswith(("自然人", "总计")))
    assert changes.new == []
    from cli.county import review_json

    unit = next(u for u in review_json(third)["units"] if u["unit"] == "宿迁市人民政府")
    assert unit["changes"]["gone"] == changes.gone and unit["status"] == PENDING


def test_a_damaged_record_is_said_and_never_overwritten(built: dict[str, Path], tmp_path: Path) -> None:
    folder = tmp_path / "f"
    shutil.copytree(built["folder"] / "平潭", folder)
    (folder / "审核记录.json").write_text('{"format": "nianbao-review-record", "version": 1, "units": {"x": {}}}')
    with pytest.raises(DraftError, match="审核记录内容有误"):
        load_record(folder)
    before = (folder / "审核记录.json").read_bytes()
    result = main_py("review", str(folder))
    assert "无法读取审核记录" in result.stderr and result.returncode == 0
    assert (folder / "审核记录.json").read_bytes() == before
