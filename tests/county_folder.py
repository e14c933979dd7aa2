"""A county's folder of unit reports for 2024, built from the shared real figures (tests/data/real), as the
county office receives it from the USB sticks: official-layout Word files typed into the template by the
units, Word files exported by this product, and drafts; some with known defects, one copied from another
unit under a new name, a non-report, a duplicate, a report of another year, one in the 2019 layout, broken
files, and a roster with a unit that sent nothing. Last year's folder holds two units' 2023 reports.

Every expected finding below is derived by hand from the fixtures and the planted defects (see EXPECTED).
"""

from __future__ import annotations

import copy
import os
import time
from pathlib import Path

import docx
from docx.text.paragraph import Paragraph
from realdata import draft_from_fixture
from template_fill import fill_template

from model import format as fmt
from model.docx.writer import export_docx
from model.draft import Draft
from model.storage.drafts import save_draft

YEAR = 2024
STANDARD_PREAMBLE = (
    "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定，特向社会公布本机关2024年政府信息公开工作年度报告。"
    "报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。"
)
FEE_SENTENCE = fmt.fee_sentence(0, 0, 0)

# Each unit's own words (no two alike), the standard preamble and the fee sentence every report has.
TEXTS: dict[str, dict[str, str]] = {
    "淮安": {
        "overview": "市政府围绕优化营商环境，集中公开重大项目审批、财政资金直达和惠企政策兑现信息，"
        "市级部门按季度更新政策文件库，并对涉企政策逐条配发图文解读和问答。",
        "problems": "个别部门政策解读形式单一，图解和视频解读较少；下一步将建立解读质量评估机制，"
        "每季度通报解读材料的阅读量和群众留言办理情况。",
        "other": FEE_SENTENCE + "本年度收取行政事业性收费按规定公示收费依据和标准。",
    },
    "宿迁": {
        "overview": "宿迁市推进基层政务公开标准化规范化，在乡镇便民服务中心设置政务公开专区，"
        "配备查阅终端和纸质资料，群众可现场查询征地补偿、低保救助等事项办理结果。",
        "problems": "部分专区资料更新滞后，查阅终端使用率不高；今后将实行专区资料月度更新台账，"
        "由市政务公开办公室随机抽查并通报结果。",
        "other": FEE_SENTENCE + "本年度开展政务开放日活动六场，邀请市民代表走进机关。",
    },
    "洪泽": {
        "overview": "洪泽区围绕湖区生态保护和渔民退捕安置，公开补偿标准、安置名单和资金发放进度，"
        "在各街道设立咨询窗口，对群众关心的退捕补助问题逐件答复并在网站专栏公示。",
        "problems": "依申请公开答复文书格式不够统一，个别答复未告知救济途径；已组织各部门集中培训，"
        "统一答复文书模板并实行法制审核。",
        "other": FEE_SENTENCE + "本年度区人大代表建议和政协提案办理结果已全部公开。",
    },
    "平潭": {
        "overview": "实验区聚焦两岸融合发展，公开台胞台企惠企政策清单和办理指南，"
        "在台胞服务中心提供繁体字版资料和一对一政策咨询服务，回应台胞关切。",
        "problems": "政策文件的繁体字版本发布不够及时；下一步将与台胞服务中心建立同步发布机制，"
        "确保政策文件与繁体字版本同日上网。",
        "other": FEE_SENTENCE + "本年度完成政府网站集约化平台迁移工作。",
    },
    "梅子": {
        "overview": "梅子镇通过村务公开栏和镇政府网站公开惠农补贴发放、危房改造和防汛值班安排，"
        "组织村干部逐户宣传政策，山区群众可通过村便民服务点查询办理进度。",
        "problems": "",  # defect: 五 left empty (N1)
        "other": FEE_SENTENCE,
    },
    "龙岗": {
        "overview": "本部门按照区政府统一部署，在部门网站公开文化惠民活动安排、场馆开放时间和体育设施预约方式，"
        "并通过微信公众号推送活动报名信息。",
        "problems": "部分栏目内容更新不及时；今后将落实栏目责任人制度，每月检查栏目更新情况。",
        "other": FEE_SENTENCE,
    },
}
# 洪泽 last year: this year's text is the same with a sentence added to each section (雷同 with last year,
# not identical word for word).
LAST_YEAR_TEXTS = {
    "洪泽": {
        "overview": TEXTS["洪泽"]["overview"],
        "problems": TEXTS["洪泽"]["problems"],
        "other": FEE_SENTENCE,
    },
    "淮安": {
        "overview": "市政府以数字政府建设为抓手，上线一网通办移动端，办事指南和表格样本全部在线公开，"
        "实现高频事项掌上可查可办。",
        "problems": "政务新媒体账号较多、运维力量分散；下一步将清理整合低效账号。",
        "other": FEE_SENTENCE,
    },
}
TEXTS["洪泽"] = {
    "overview": LAST_YEAR_TEXTS["洪泽"]["overview"] + "本年度新增湖区生态补偿公示专栏。",
    "problems": LAST_YEAR_TEXTS["洪泽"]["problems"] + "全年开展抽查两次。",
    "other": FEE_SENTENCE + "本年度区人大代表建议和政协提案办理结果已全部公开。",
}

ROSTER_ROWS = [
    ["单位名称", "简称", "类别", "联系人"],
    ["淮安市人民政府", "淮安市", "市政府", "张三"],
    ["宿迁市人民政府", "宿迁市", "市政府", "李四"],
    ["淮安市洪泽区人民政府", "洪泽区", "区政府", "王五"],
    ["淮安市淮阴区人民政府", "淮阴区", "区政府", "赵六"],
    ["平潭综合实验区管理委员会", "平潭综合实验区", "管委会", ""],
    ["宁陕县梅子镇人民政府", "梅子镇", "乡镇", ""],
    ["米易县草场镇人民政府", "草场镇", "乡镇", "周七"],  # sends nothing: 未报送
]

# What the review must find, per unit (rule → count of open findings), derived by hand:
#  淮安市人民政府 r03, template DOCX: B3 (3 cells printed blank), N4 (no signing date), K1 (一 本年新收 over ×5 of
#    last year's, planted in last year's report).
#  宿迁市人民政府 r05 draft, planted: 一、本年新收 自然人 +5 → S1 (自然人 and 总计 columns); N4.
#  淮安市洪泽区人民政府 r07 exported DOCX, signed; last year's 四、结转 自然人 planted 1 higher → X1; its text
#    repeats last year's (R1) and the 淮阴区 copy repeats it (R2).
#  淮安市淮阴区人民政府: 洪泽区's draft under a new name → R2 (naming 洪泽区), same checks as 洪泽区 otherwise.
#  平潭综合实验区 r13 draft: N4.
#  宁陕县梅子镇人民政府 r15 (partial) draft named 「梅子镇人民政府」, 五 empty: N1, B3, N4.
#  深圳 department r17 (partial): matches no unit; B3, N4.
FILES = {
    "淮安市/淮安市人民政府2024年政府信息公开工作年度报告.docx": "淮安市人民政府",
    "宿迁/宿迁市2024年报（草稿）.json": "宿迁市人民政府",
    "宿迁/宿迁市2024年报.docx": "duplicate",
    "洪泽区/淮安市洪泽区人民政府2024年政府信息公开工作年度报告.docx": "淮安市洪泽区人民政府",
    "淮阴区/淮阴区2024年报.json": "淮安市淮阴区人民政府",
    "平潭/平潭综合实验区2024年报.json": "平潭综合实验区管理委员会",
    "平潭/平潭综合实验区2022年报.json": "wrong_year",
    "平潭/平潭综合实验区2020年报.docx": "layout_2019",
    "梅子镇2024年报.json": "宁陕县梅子镇人民政府",
    "深圳/龙岗区某部门2024年报.json": "unmatched",
    "会议通知.docx": "not_report",
    "说明.txt": "not_report",
    "坏文件/损坏的报告.docx": "unreadable",
    "坏文件/扫描件.pdf": "unreadable",
    "坏文件/报告照片.pdf": "not_report",  # a photo saved under a PDF name: a picture, whatever its name
}


def with_texts(draft: Draft, texts: dict[str, str], year: int = YEAR) -> Draft:
    """Put the standard preamble (for `year`) and `texts` into `draft`: 一's first point (the only one), 五
    and 六."""
    draft.preamble = STANDARD_PREAMBLE.replace("2024", str(year))
    draft.overview_points = draft.overview_points[:1]  # one sub-point written, the empty ones left out (N5)
    draft.overview_points[0].text = texts["overview"]
    draft.problems = texts["problems"]
    draft.other_matters = texts["other"]
    return draft


def _replace(paragraph: Paragraph, text: str) -> None:
    for run in paragraph.runs[1:]:
        run._r.getparent().remove(run._r)
    paragraph.runs[0].text = text


def template_report(fixture: str, texts: dict[str, str], target: Path) -> Path:
    """Write `target`: the official template typed in by hand with `fixture`'s figures and `texts`."""
    fill_template(fixture, target)
    document = docx.Document(str(target))
    paragraphs = document.paragraphs
    _replace(paragraphs[1], paragraphs[1].text)
    heading = {p.text.strip(): i for i, p in enumerate(paragraphs)}
    preamble = paragraphs[heading["一、总体情况"]].insert_paragraph_before(STANDARD_PREAMBLE)
    assert preamble.text
    for title, key in (
        ("一、总体情况", "overview"),
        ("五、存在的主要问题及改进情况", "problems"),
        ("六、其他需要报告的事项", "other"),
    ):
        _replace(paragraphs[heading[title] + 1], texts[key])
    point = fmt.OVERVIEW_POINTS[0].heading  # 一's text under its first sub-heading, as offices print it
    paragraphs[heading["一、总体情况"] + 1].insert_paragraph_before(point)
    document.save(str(target))
    return target


def _touch(path: Path, age_hours: float) -> None:
    when = time.time() - age_hours * 3600
    os.utime(path, (when, when))


def honze_draft() -> Draft:
    draft = with_texts(draft_from_fixture("r07"), TEXTS["洪泽"])
    from datetime import date

    draft.signing_date = date(2025, 1, 15)
    return draft


def build_folder(root: Path) -> dict[str, Path]:
    """Build this year's folder `root/2024`, last year's `root/2023` and the roster `root/名单.csv`; return them."""
    folder, last = root / "2024", root / "2023"
    for sub in ("淮安市", "宿迁", "洪泽区", "淮阴区", "平潭", "深圳", "坏文件"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    last.mkdir(parents=True, exist_ok=True)

    template_report("r03", TEXTS["淮安"], folder / "淮安市/淮安市人民政府2024年政府信息公开工作年度报告.docx")

    suqian = with_texts(draft_from_fixture("r05"), TEXTS["宿迁"])
    template_report("r05", TEXTS["宿迁"], folder / "宿迁/宿迁市2024年报.docx")  # the older copy
    _touch(folder / "宿迁/宿迁市2024年报.docx", 48)
    natural = suqian.applications["new_received"]["natural_person"] or 0
    suqian.set_application("new_received", "natural_person", natural + 5)  # defect: S1
    save_draft(suqian, folder / "宿迁/宿迁市2024年报（草稿）.json")

    hongze = honze_draft()
    export_docx(hongze, folder / "洪泽区/淮安市洪泽区人民政府2024年政府信息公开工作年度报告.docx")
    copy_ = copy.deepcopy(hongze)  # copied from 洪泽区 under a new name
    copy_.agency = "淮安市淮阴区人民政府"
    copy_.overview_points[0].text = copy_.overview_points[0].text.replace("洪泽区", "淮阴区")
    save_draft(copy_, folder / "淮阴区/淮阴区2024年报.json")

    pingtan = with_texts(draft_from_fixture("r13"), TEXTS["平潭"])
    save_draft(pingtan, folder / "平潭/平潭综合实验区2024年报.json")
    save_draft(with_texts(draft_from_fixture("r11"), TEXTS["平潭"], 2022), folder / "平潭/平潭综合实验区2022年报.json")
    fill_template("r09", folder / "平潭/平潭综合实验区2020年报.docx")

    meizi = with_texts(draft_from_fixture("r15"), TEXTS["梅子"])
    meizi.agency = "梅子镇人民政府"  # the county's prefix left out
    save_draft(meizi, folder / "梅子镇2024年报.json")

    longgang = with_texts(draft_from_fixture("r17"), TEXTS["龙岗"])
    longgang.agency = "深圳市龙岗区政府工作部门"
    save_draft(longgang, folder / "深圳/龙岗区某部门2024年报.json")

    notice = docx.Document()
    notice.add_paragraph("关于报送2024年政府信息公开工作年度报告的通知")
    notice.save(str(folder / "会议通知.docx"))
    (folder / "说明.txt").write_text("各单位年报已收齐，请审核。\n", encoding="utf-8")
    (folder / "坏文件/损坏的报告.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    (folder / "坏文件/扫描件.pdf").write_bytes(BLANK_PDF)
    (folder / "坏文件/报告照片.pdf").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))

    # last year (2023): 淮安 with a fifth of this year's new applications (K1), 洪泽 with 四、结转 one higher (X1)
    this = draft_from_fixture("r03")
    huaian = with_texts(copy.deepcopy(this), LAST_YEAR_TEXTS["淮安"], 2023)
    huaian.year = 2023
    for col in fmt.APPLICANT_INPUT_COLUMNS:
        now = this.applications["new_received"][col.key]
        huaian.set_application("new_received", col.key, None if now is None else now // 6)
        huaian.set_application("carried_forward", col.key, this.applications["carried_over"][col.key])
    _consistent_in_force(huaian, this)
    save_draft(huaian, last / "淮安市2023年报.json")
    hz = with_texts(draft_from_fixture("r07"), LAST_YEAR_TEXTS["洪泽"], 2023)
    hz.year = 2023
    for col in fmt.APPLICANT_INPUT_COLUMNS:
        hz.set_application("carried_forward", col.key, this_carried(col.key))
    _consistent_in_force(hz, draft_from_fixture("r07"))
    save_draft(hz, last / "洪泽区2023年报.json")

    roster = root / "名单.csv"
    roster.write_text("\n".join(",".join(r) for r in ROSTER_ROWS) + "\n", encoding="utf-8-sig")
    return {"folder": folder, "last": last, "roster": roster}


def _consistent_in_force(last: Draft, this: Draft) -> None:
    """Give `last` the 现行有效件数 from which `this` year's follow (no X2 on the 2024 report)."""
    for row in ("regulations", "normative_documents"):
        now = this.proactive[row]
        last.proactive[row]["in_force"] = (
            (now["in_force"] or 0) - (now["issued"] or 0) + (now["repealed"] or 0)  # type: ignore[operator]
        )


def this_carried(column: str) -> int | None:
    """Last year's 四、结转 for 洪泽区: this year's 二、上年结转, 自然人 one higher (the planted X1)."""
    value = draft_from_fixture("r07").applications["carried_over"][column]
    if column == "natural_person":
        return (value or 0) + 1
    return value


# A one-page PDF without any text: what a scanner makes (no text layer to read).
BLANK_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
