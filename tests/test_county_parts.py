"""Parts of the county's review on their own: the roster read from Excel and CSV, 雷同 ignoring standard
sentences, the county's requirements file and its checks (本地要求), the review record's schema."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from realdata import draft_from_fixture

from model.county.local import check_local
from model.county.record import RETURNED, ReviewRecord, load_record, save_record
from model.county.requirements import FILE_NAME, Requirements, find_beside, load_requirements, save_requirements
from model.county.roster import Unit, load_roster
from model.county.similarity import Corpus, fingerprints, name_forms
from model.draft import Draft
from model.storage.drafts import DraftError


def test_roster_from_excel_and_gbk_csv(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["某县2024年度政府信息公开工作年度报告报送名单"])
    sheet.append(["序号", "单位名称", "简称", "类别", "联系人", "截止日期"])
    sheet.append([1, "米易县草场镇人民政府", "草场镇", "乡镇", "周七", "2025-01-20"])
    sheet.append([2, "米易县攀莲镇人民政府", "攀莲镇", "乡镇", None, None])
    sheet.append([None, None, None, None, None, None])
    path = tmp_path / "名单.xlsx"
    book.save(path)
    roster = load_roster(path)
    assert [u.name for u in roster.units] == ["米易县草场镇人民政府", "米易县攀莲镇人民政府"]
    assert roster.units[0].deadline == date(2025, 1, 20) and roster.units[0].contact == "周七"
    assert roster.match("草场镇人民政府").unit is roster.units[0]  # the name in the file, prefix left out
    assert roster.match("攀莲镇").how == "short"
    assert roster.match("", "草场镇2024年报.docx").how == "file"
    assert "不在名单中" in roster.match("某某局").reason

    csv = tmp_path / "名单.csv"
    csv.write_bytes("单位名称,简称\n米易县草场镇人民政府,草场镇\n".encode("gb18030"))  # as Excel saves it in China
    assert load_roster(csv).units[0].short == "草场镇"
    csv.write_bytes("单位名称\n甲镇人民政府\n甲镇人民政府\n".encode())
    with pytest.raises(DraftError, match="第 3 行：名单中已有「甲镇人民政府」"):
        load_roster(csv)
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    with pytest.raises(DraftError, match="另存为 .xlsx"):
        load_roster(tmp_path / "old.xls")


def _report(agency: str, overview: str, problems: str) -> Draft:
    d = Draft(agency=agency, year=2024)
    d.preamble = "根据《中华人民共和国政府信息公开条例》规定，现公布本机关2024年政府信息公开工作年度报告。"
    d.overview_points[0].text = overview
    d.problems = problems
    d.other_matters = "本年度未收取信息处理费。"
    return d


TEXTS = [
    (
        "甲镇人民政府",
        "甲镇在各村村务公开栏公布低保名单和救助资金发放情况，每月更新一次，并安排专人拍照存档备查。",
        "公开栏内容更新不够及时，个别村公开栏破损；今后由包村干部负责，每月底前检查更新。",
    ),
    (
        "乙镇人民政府",
        "乙镇开通政务微信公众号，推送农业技术培训、务工招聘和防汛预警信息，全年推送文章一百余篇。",
        "公众号留言回复较慢，群众反映问题跟踪不够；将建立留言回复时限制度并按月通报。",
    ),
    (
        "丙镇人民政府",
        "丙镇依托便民服务中心开展政策咨询，编印惠民政策明白卡发放到户，方便老年群众查阅。",
        "明白卡内容较多、字号偏小，老年人阅读不便；将改为图表形式并放大字号重新印发。",
    ),
    (
        "丁镇人民政府",
        "丁镇组织两次政务开放日，邀请群众代表参观办事大厅，听取对审批服务和信息公开的意见建议。",
        "开放日参与人数不多，宣传面不够广；将通过村广播和微信群提前一周发布活动通知。",
    ),
]


def test_standard_sentences_are_not_similarity() -> None:
    corpus = Corpus()
    for agency, overview, problems in TEXTS:
        corpus.add(agency, fingerprints(_report(agency, overview, problems)))
    for agency, *_ in TEXTS:
        other, shares = corpus.most_similar(agency)
        assert shares.overall == 0.0, (agency, other)
    # a copy under another name, with its own name and figures changed, is still a copy
    agency, overview, problems = TEXTS[0]
    copy_ = _report("戊镇人民政府", overview.replace("甲镇", "戊镇").replace("每月", "每季度"), problems)
    corpus.add("戊镇人民政府", fingerprints(copy_))
    other, shares = corpus.most_similar("戊镇人民政府")
    assert other == "甲镇人民政府" and shares.overall is not None and shares.overall > 0.8
    assert name_forms("米易县草场镇人民政府")[:3] == ["米易县草场镇人民政府", "草场镇人民政府", "米易县草场镇"]


def test_requirements_file_round_trip_and_refusals(tmp_path: Path) -> None:
    req = Requirements(
        issuer="米易县人民政府办公室",
        deadline=date(2025, 1, 20),
        similarity_threshold=0.4,
        overview_max_chars=200,
        required_phrases=["政务公开工作要点"],
        row_notes={"applications.new_received": "含信函、网络和当面提交的申请"},
    )
    path = tmp_path / FILE_NAME
    save_requirements(req, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "nianbao-county-requirements" and data["version"] == 1
    assert load_requirements(path) == req
    assert find_beside(tmp_path / "草稿.json") == path
    assert load_requirements(path).row_note("applications", "new_received").startswith("含信函")
    data["similarity_threshold"] = 3
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DraftError, match="雷同提示阈值 超出允许的范围"):
        load_requirements(path)
    data["similarity_threshold"] = 0.5
    data["row_notes"] = {"applications.nonsense": "x"}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DraftError, match="不是表二、表三、表四中的行"):
        load_requirements(path)
    data["version"] = 9
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DraftError, match="较新版本"):
        load_requirements(path)


def test_local_checks_are_the_countys_own(sample_draft: Draft) -> None:
    assert check_local(sample_draft, None) == []
    req = Requirements(
        deadline=date(2025, 1, 10), overview_max_chars=300, required_phrases=["政务公开工作要点", "三审"]
    )
    found = check_local(sample_draft, req)
    assert [f.rule for f in found] == ["L1", "L2", "L3"]
    assert all(f.message.startswith("本地要求：") for f in found)
    assert "2025年1月13日 晚于县里规定的报送截止日期 2025年1月10日" in found[0].message
    assert found[1].params["limit"] == 300 and found[1].params["length"] > 300
    assert "「政务公开工作要点」" in found[2].message  # 「三审」 is in the sample's text: no finding
    sample_draft.explanations[found[0].key] = "县里同意延期"
    assert check_local(sample_draft, req)[0].explained


def test_record_schema_round_trip(tmp_path: Path) -> None:
    record = ReviewRecord(year=2024, office="某县政务公开办公室")
    record.roster.add(Unit("米易县草场镇人民政府", "草场镇"))
    record.set_status("米易县草场镇人民政府", RETURNED, date(2025, 1, 22), "a.docx", "0" * 64, note="退回")
    save_record(tmp_path, record)
    again = load_record(tmp_path)
    assert again.units["米易县草场镇人民政府"].status == RETURNED
    assert again.units["米易县草场镇人民政府"].history[0]["note"] == "退回"
    assert again.roster.units[0].short == "草场镇"
    with pytest.raises(ValueError, match="没有这种审核状态"):
        record.set_status("x", "已发布", date(2025, 1, 1))
    draft = draft_from_fixture("r03")
    assert draft.agency == "淮安市人民政府"


def test_a_units_own_deadline_in_the_roster(tmp_path: Path, sample_draft: Draft) -> None:
    from model.county.review import Options, review_folder
    from model.county.roster import Roster
    from model.storage.drafts import save_draft

    folder = tmp_path / "2024"
    folder.mkdir()
    save_draft(sample_draft, folder / "草场镇.json")  # signed 2025-01-13
    other = draft_from_fixture("r13")
    save_draft(other, folder / "平潭.json")
    roster = Roster([Unit("米易县草场镇人民政府", "草场镇", deadline=date(2025, 1, 10)), Unit("平潭综合实验区")])
    review = review_folder(folder, Options(roster=roster))
    l1 = [f for f in review.entry("米易县草场镇人民政府").findings if f.rule == "L1"]
    assert len(l1) == 1 and "2025年1月10日" in l1[0].message
    assert not [f for f in review.entry("平潭综合实验区").findings if f.rule.startswith("L")]
