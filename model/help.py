"""填报说明 as data: what is counted in every row and column of tables 二, 三 and 四, in every section and basic
field, in which unit, and the counting rules that decide borderline cases — each with its source.

Keyed by the English identifiers of `model.format`, so that the wizard's help panel (`gui.help`), the
document `docs/help.md` (`python -m model.help` writes it; a test keeps it equal) and the printable 填报说明
(`model.docx.guide`) all come from this one text. Every rule stated comes from a named source: the format
notice 国办公开办函〔2021〕30号 (its table labels and the corner note of table 三), FORMAT.md (the product's
format reference), an article of 《中华人民共和国政府信息公开条例》 (2019 revision) or 国办函〔2020〕109号.
Where the national texts are silent the entry says so (`SILENT`) instead of making a rule up.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from model import format as fmt
from model.findings import Cell

NOTICE = fmt.FORMAT_NOTICE  # 国办公开办函〔2021〕30号, the format and its tables
FORMAT_MD = "FORMAT.md"  # the product's format reference (docs of the format notice and published reports)
REGULATION = "《中华人民共和国政府信息公开条例》"
FEE_MEASURES = "国办函〔2020〕109号"
SILENT = "国家文件对此没有进一步规定"


def article(number: str) -> str:
    """Return a citation of an article of the 条例: `article('第三十七条')` →
    「《中华人民共和国政府信息公开条例》第三十七条」."""
    return f"{REGULATION}{number}"


@dataclass(frozen=True)
class HelpEntry:
    """The 填报说明 of one place: `title` (its official label), `text` (what is counted, the unit and the
    counting rules, in plain words) and `sources` (the notice, FORMAT.md, an article of the 条例…)."""

    title: str
    text: str
    sources: tuple[str, ...]

    @property
    def source_line(self) -> str:
        """Return 「依据：国办公开办函〔2021〕30号；FORMAT.md」."""
        return "依据：" + "；".join(self.sources)


def _e(title: str, text: str, *sources: str) -> HelpEntry:
    return HelpEntry(title, text, sources)


# ---------------------------------------------------------------------------------------------------------
# Basic information

BASIC: dict[str, HelpEntry] = {
    "agency": _e(
        fmt.BASIC_FIELDS["agency"],
        "填写发布报告的机关全称，如「米易县草场镇人民政府」。标题按「<机关全称><年份>年政府信息公开工作年度报告」"
        "生成，报告末尾落款也用这个名称。",
        FORMAT_MD,
    ),
    "year": _e(
        fmt.BASIC_FIELDS["year"],
        "报告所统计的年份。统计期限为该年1月1日至12月31日，数据核定（统计截止）时间为12月31日；"
        "开头段落中写的统计期限应属于这一年。",
        FORMAT_MD,
    ),
    "signing_date": _e(
        fmt.BASIC_FIELDS["signing_date"],
        "报告落款的日期，与机关名称一起右对齐印在报告末尾，用阿拉伯数字、月日不补零，如「2025年1月13日」。",
        FORMAT_MD,
    ),
    "deadline": _e(
        fmt.BASIC_FIELDS["deadline"],
        "县级以上人民政府部门应在每年1月31日前公布上一年度的年度报告；乡镇的期限由县里规定（常早于1月31日）。"
        "默认为报告年度次年的1月31日，县里另有规定时改为县里的日期；成文日期晚于它时会提示。",
        article("第四十九条"),
        FORMAT_MD,
    ),
    "contact_office": _e(
        fmt.BASIC_FIELDS["contact_office"],
        "报告中「如对本报告有疑问，请与…联系」一句所写的联系单位，如本机关的办公室；不填则写机关全称。"
        f"联系方式的写法是各地常见做法，{SILENT}。",
        FORMAT_MD,
    ),
    "contact_address": _e(
        fmt.BASIC_FIELDS["contact_address"],
        f"联系单位的地址，印在联系方式一句的括号中；可不填。{SILENT}。",
        FORMAT_MD,
    ),
    "contact_postcode": _e(
        fmt.BASIC_FIELDS["contact_postcode"],
        f"联系单位地址的邮政编码；可不填。{SILENT}。",
        FORMAT_MD,
    ),
    "contact_phone": _e(
        fmt.BASIC_FIELDS["contact_phone"],
        f"公众咨询报告内容的电话，如「0812-8888888」；可不填。{SILENT}。",
        FORMAT_MD,
    ),
    "contact_email": _e(
        fmt.BASIC_FIELDS["contact_email"],
        f"公众咨询报告内容的电子邮箱；可不填。{SILENT}。",
        FORMAT_MD,
    ),
    "contact": _e(
        fmt.BASIC_FIELDS["contact"],
        "联系方式一句之外还要印的联系信息（如办公时间），原样印在联系方式之后；可不填。",
        FORMAT_MD,
    ),
}

# ---------------------------------------------------------------------------------------------------------
# Sections and the sub-points of 一

SECTIONS: dict[str, HelpEntry] = {
    "overview": _e(
        fmt.heading("overview"),
        "概述本年度政府信息公开工作，通常分为（一）主动公开、（二）依申请公开、（三）政府信息管理、"
        "（四）政府信息公开平台建设、（五）监督保障五个小标题（可加「方面」「情况」）。"
        "各级人民政府（含乡镇）的报告还应包括工作考核、社会评议和责任追究结果情况。保留的小标题下都要写内容。",
        FORMAT_MD,
        article("第五十条"),
    ),
    "proactive": _e(
        fmt.heading("proactive"),
        "按《条例》第二十条第（一）（五）（六）（八）项填表：规章和行政规范性文件的制发、废止和现行有效件数，"
        "行政许可、行政处罚、行政强制的本年处理决定数量，行政事业性收费的本年收费金额。表前可写一两句说明。",
        NOTICE,
        article("第二十条"),
    ),
    "applications": _e(
        fmt.heading("applications"),
        "统计本年收到和处理的政府信息公开申请，按申请人类型分列。每一列都应满足：一（本年新收）加二（上年结转）"
        "之和，等于三（七）总计加四（结转下年度）之和。每件申请在「三、本年度办理结果」中只计一次。",
        NOTICE,
        FORMAT_MD,
    ),
    "review_litigation": _e(
        fmt.heading("review_litigation"),
        "统计本年因政府信息公开工作被申请行政复议、被提起行政诉讼的件数，按结果分列；"
        "行政诉讼再分未经复议直接起诉和复议后起诉。每组的总计等于结果维持、结果纠正、其他结果、尚未审结之和。",
        NOTICE,
        article("第五十条"),
        article("第五十一条"),
    ),
    "problems": _e(
        fmt.heading("problems"),
        "写明本年度工作中存在的主要问题和改进情况；很多单位也写上年问题的整改情况。不能空着或只写「无」。",
        article("第五十条"),
        FORMAT_MD,
    ),
    "other_matters": _e(
        fmt.heading("other_matters"),
        "必须报告信息处理费的收取情况：发出收费通知的件数、通知收取的金额、实际收取的金额；都为零时常写"
        f"「{fmt.NO_FEE_SENTENCE}」。政府报告常另写人大代表建议和政协提案办理结果公开、年度政务公开工作要点落实、"
        "政务公开工作创新等情况。",
        FEE_MEASURES,
        FORMAT_MD,
    ),
}

OVERVIEW_POINTS: dict[str, HelpEntry] = {
    "proactive": _e(
        "（一）主动公开",
        f"本年度主动公开政府信息的工作情况；所写数字应与表二一致。具体写哪些内容，{SILENT}。",
        FORMAT_MD,
    ),
    "on_request": _e(
        "（二）依申请公开",
        "本年度收到和处理政府信息公开申请的情况；所写件数应与表三一致（如「收到申请5件」应等于表三一的总计，"
        f"含上年结转时写明「含上年结转」）。具体写法{SILENT}。",
        FORMAT_MD,
    ),
    "management": _e("（三）政府信息管理", f"本年度政府信息管理工作的情况。具体写哪些内容，{SILENT}。", FORMAT_MD),
    "platform": _e(
        "（四）政府信息公开平台建设", f"本年度政府信息公开平台建设的情况。具体写哪些内容，{SILENT}。", FORMAT_MD
    ),
    "supervision": _e(
        "（五）监督保障",
        "本年度政府信息公开工作的监督保障情况；各级人民政府（含乡镇）还应写工作考核、社会评议和责任追究结果情况。",
        FORMAT_MD,
        article("第五十条"),
    ),
}

TEXTS: dict[str, HelpEntry] = {
    "preamble": _e(
        "开头段落",
        "标题下的一小段：通常写明编制依据（《中华人民共和国政府信息公开条例》）、统计期限（报告年度1月1日至"
        "12月31日）和报告电子版的查阅网址。空着时可采用标准开头语。",
        FORMAT_MD,
    ),
    "overview_lead": _e("一、总体情况 导语", "小标题之前的概括性文字，可不写。", FORMAT_MD),
}

# ---------------------------------------------------------------------------------------------------------
# Table 二 (第二十条)

PROACTIVE_BLOCKS: dict[str, HelpEntry] = {
    "article20_1": _e(
        "第二十条第（一）项",
        "《条例》第二十条第（一）项要求主动公开行政法规、规章和规范性文件；本栏填本机关制发的规章和行政规范性文件。",
        article("第二十条"),
        NOTICE,
    ),
    "article20_5": _e(
        "第二十条第（五）项",
        "《条例》第二十条第（五）项：办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果。",
        article("第二十条"),
        NOTICE,
    ),
    "article20_6": _e(
        "第二十条第（六）项",
        "《条例》第二十条第（六）项：实施行政处罚、行政强制的依据、条件、程序以及本机关认为具有一定社会影响的"
        "行政处罚决定。",
        article("第二十条"),
        NOTICE,
    ),
    "article20_8": _e(
        "第二十条第（八）项",
        "《条例》第二十条第（八）项：行政事业性收费项目及其依据、标准。",
        article("第二十条"),
        NOTICE,
    ),
}

PROACTIVE_ROWS: dict[str, HelpEntry] = {
    "regulations": _e(
        "规章",
        "本机关制定的规章。只有省级人民政府和设区的市的人民政府等有规章制定权，乡镇、街道没有，应填0；"
        "乡镇填了数字会提示，请核实是否应填在「行政规范性文件」。",
        FORMAT_MD,
    ),
    "normative_documents": _e(
        "行政规范性文件",
        f"本机关制发的行政规范性文件。哪些文件算作行政规范性文件，以本地规范性文件管理的规定为准，{SILENT}。",
        NOTICE,
    ),
    "licensing": _e(
        "行政许可",
        f"本年作出的行政许可处理决定的数量（件）。具体统计口径{SILENT}。",
        NOTICE,
    ),
    "penalty": _e(
        "行政处罚",
        f"本年作出的行政处罚决定的数量（件）。具体统计口径{SILENT}。",
        NOTICE,
    ),
    "enforcement": _e(
        "行政强制",
        f"本年作出的行政强制决定的数量（件）。具体统计口径{SILENT}。",
        NOTICE,
    ),
    "admin_fees": _e(
        "行政事业性收费",
        "本年行政事业性收费的金额，单位是万元，可以有小数（如 1.25 万元）；没有收费填0。"
        "这一栏不是信息处理费——信息处理费写在六。",
        NOTICE,
        FORMAT_MD,
    ),
}

PROACTIVE_COLUMNS: dict[str, HelpEntry] = {
    "issued": _e("本年制发件数", "本年新制发的件数（件，整数）。", NOTICE),
    "repealed": _e(
        "本年废止件数",
        "本年废止的件数（件，整数）。不应多于上年现行有效件数加本年制发件数。",
        NOTICE,
        FORMAT_MD,
    ),
    "in_force": _e(
        "现行有效件数",
        "截至年底仍然有效的件数（件，整数）。一般等于上年现行有效件数加本年制发、减本年废止；"
        "因到期失效等原因不等时，检查会请您说明。",
        NOTICE,
        FORMAT_MD,
    ),
    "decisions": _e("本年处理决定数量", "本年作出的处理决定的数量（件，整数）。", NOTICE),
    "amount": _e(
        "本年收费金额（单位：万元）",
        "本年收费的金额，单位万元，按实际数字填写，小数照写（报告中常见到4位小数）。",
        NOTICE,
        FORMAT_MD,
    ),
}

# ---------------------------------------------------------------------------------------------------------
# Table 三 (applications)

_S1 = "本列数据的勾稽关系：第一项加第二项之和，等于第三项加第四项之和（表三左上角的说明）。"

APPLICATION_ROWS: dict[str, HelpEntry] = {
    "new_received": _e(
        fmt.APPLICATION_ROW_BY_KEY["new_received"].label,
        "本年1月1日至12月31日新收到的政府信息公开申请（件）。" + _S1,
        NOTICE,
    ),
    "carried_over": _e(
        fmt.APPLICATION_ROW_BY_KEY["carried_over"].label,
        "上年报告「四、结转下年度继续办理」的件数，逐列照抄；与上年报告不一致时要写明原因。",
        NOTICE,
        FORMAT_MD,
    ),
    "disclosed": _e(
        "（一）予以公开",
        "本年办结、全部予以公开的申请（件）。",
        NOTICE,
        article("第三十六条"),
    ),
    "partly_disclosed": _e(
        "（二）部分公开",
        "部分公开、部分不公开（区分处理）的申请，只计在这一行，不再计入（三）至（六）其他情形：一件申请只计一次。",
        NOTICE,
        article("第三十七条"),
        FORMAT_MD,
    ),
    "withheld_state_secret": _e(
        "（三）不予公开 1.属于国家秘密",
        "申请公开的信息依法确定为国家秘密，决定不予公开的申请。",
        article("第十四条"),
        NOTICE,
    ),
    "withheld_prohibited_by_law": _e(
        "（三）不予公开 2.其他法律行政法规禁止公开",
        "法律、行政法规禁止公开，决定不予公开的申请。",
        article("第十四条"),
        NOTICE,
    ),
    "withheld_three_safeties": _e(
        "（三）不予公开 3.危及“三安全一稳定”",
        "公开后可能危及国家安全、公共安全、经济安全、社会稳定，决定不予公开的申请。",
        article("第十四条"),
        NOTICE,
    ),
    "withheld_third_party": _e(
        "（三）不予公开 4.保护第三方合法权益",
        "涉及商业秘密、个人隐私等，公开会损害第三方合法权益，决定不予公开的申请。",
        article("第十五条"),
        NOTICE,
    ),
    "withheld_internal_affairs": _e(
        "（三）不予公开 5.属于三类内部事务信息",
        "属于人事管理、后勤管理、内部工作流程等内部事务信息，决定不予公开的申请。",
        article("第十六条"),
        NOTICE,
    ),
    "withheld_process_info": _e(
        "（三）不予公开 6.属于四类过程性信息",
        "属于讨论记录、过程稿、磋商信函、请示报告等过程性信息，决定不予公开的申请。",
        article("第十六条"),
        NOTICE,
    ),
    "withheld_enforcement_files": _e(
        "（三）不予公开 7.属于行政执法案卷",
        "属于行政执法案卷信息，决定不予公开的申请。",
        article("第十六条"),
        NOTICE,
    ),
    "withheld_query_matters": _e(
        "（三）不予公开 8.属于行政查询事项",
        "所申请的信息属于工商、不动产登记资料等，有关法律、行政法规对获取另有规定，告知申请人依照其规定办理的申请。",
        article("第三十六条"),
        NOTICE,
    ),
    "unavailable_not_held": _e(
        "（四）无法提供 1.本机关不掌握相关政府信息",
        "本机关不掌握所申请的信息（如经检索没有该信息）的申请。",
        article("第三十六条"),
        NOTICE,
    ),
    "unavailable_needs_creation": _e(
        "（四）无法提供 2.没有现成信息需要另行制作",
        "没有现成的信息，需要对现有信息进行加工、分析才能提供，因而未提供的申请。",
        article("第三十八条"),
        NOTICE,
    ),
    "unavailable_still_unclear": _e(
        "（四）无法提供 3.补正后申请内容仍不明确",
        "告知补正后，申请内容仍不明确、无法提供的申请。",
        article("第三十条"),
        NOTICE,
    ),
    "not_processed_petition": _e(
        "（五）不予处理 1.信访举报投诉类申请",
        "以政府信息公开申请的形式进行信访、投诉、举报等，不作为政府信息公开申请处理的。",
        article("第三十九条"),
        NOTICE,
    ),
    "not_processed_repeated": _e(
        "（五）不予处理 2.重复申请",
        "已作出答复后，申请人重复申请公开相同信息，告知不予重复处理的。",
        article("第三十六条"),
        NOTICE,
    ),
    "not_processed_publication": _e(
        "（五）不予处理 3.要求提供公开出版物",
        "要求提供政府公报、报刊、书籍等公开出版物，告知获取途径的。",
        article("第三十九条"),
        NOTICE,
    ),
    "not_processed_mass_repeated": _e(
        "（五）不予处理 4.无正当理由大量反复申请",
        "申请的数量、频次明显超过合理范围，理由不合理，告知不予处理的。",
        article("第三十五条"),
        NOTICE,
    ),
    "not_processed_confirmation": _e(
        "（五）不予处理 5.要求行政机关确认或重新出具已获取信息",
        f"要求行政机关确认或重新出具申请人已获取的信息的申请。{SILENT}，按本栏名称填写。",
        NOTICE,
    ),
    "other_no_correction": _e(
        "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "告知补正后，申请人无正当理由逾期不补正，视为放弃申请、不再处理的。",
        article("第三十条"),
        NOTICE,
    ),
    "other_fee_unpaid": _e(
        "（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "发出信息处理费收费通知后，申请人逾期未缴纳、不再处理的。这一栏有数字时，六要报告信息处理费情况。",
        FEE_MEASURES,
        NOTICE,
        FORMAT_MD,
    ),
    "other_other": _e(
        "（六）其他处理 3.其他",
        f"不属于以上任何一种情形的办理结果。什么情况算「其他」，{SILENT}。",
        NOTICE,
    ),
    "total_handled": _e(
        "（七）总计",
        "（一）至（六）各项之和，由程序自动计算。三（七）总计 + 四 = 一 + 二。",
        NOTICE,
        FORMAT_MD,
    ),
    "carried_forward": _e(
        fmt.APPLICATION_ROW_BY_KEY["carried_forward"].label,
        "到12月31日尚未办结、转到下一年继续办理的申请（件）；明年报告的「二、上年结转」照抄这一行。" + _S1,
        NOTICE,
        FORMAT_MD,
    ),
}

APPLICANT_COLUMNS: dict[str, HelpEntry] = {
    "natural_person": _e("自然人", "申请人是公民个人的申请（件）。", NOTICE, article("第二十七条")),
    "commercial": _e(
        "商业企业",
        f"申请人是商业企业的申请（件）。个体工商户等归哪一列，{SILENT}。",
        NOTICE,
    ),
    "research": _e("科研机构", "申请人是科研机构的申请（件）。", NOTICE),
    "public_interest": _e("社会公益组织", "申请人是社会公益组织的申请（件）。", NOTICE),
    "legal_services": _e(
        "法律服务机构",
        "申请人是律师事务所等法律服务机构的申请（件）。",
        NOTICE,
    ),
    "other_org": _e(
        "其他",
        f"申请人是以上四类之外的法人或其他组织的申请（件）。哪些组织归入「其他」，{SILENT}。",
        NOTICE,
    ),
    "total": _e(
        "总计",
        "自然人与五类法人或其他组织之和，由程序自动计算。",
        NOTICE,
        FORMAT_MD,
    ),
}

# ---------------------------------------------------------------------------------------------------------
# Table 四 (administrative review and litigation)

CASE_GROUPS: dict[str, HelpEntry] = {
    "review": _e(
        "行政复议",
        "本年因政府信息公开工作被申请行政复议的案件（件）。",
        NOTICE,
        article("第五十一条"),
    ),
    "litigation_direct": _e(
        "行政诉讼·未经复议直接起诉",
        "本年因政府信息公开工作被直接提起行政诉讼（未经行政复议）的案件（件）。",
        NOTICE,
        article("第五十一条"),
    ),
    "litigation_after_review": _e(
        "行政诉讼·复议后起诉",
        "本年经行政复议后又被提起行政诉讼的案件（件）。",
        NOTICE,
        article("第五十一条"),
    ),
}

CASE_COLUMNS: dict[str, HelpEntry] = {
    "upheld": _e("结果维持", "复议或诉讼结果维持本机关原行为的件数。", NOTICE),
    "corrected": _e("结果纠正", "复议或诉讼结果纠正本机关原行为的件数。", NOTICE),
    "other": _e(
        "其他结果",
        f"维持、纠正之外的结果的件数。哪些结果算「其他结果」，{SILENT}。",
        NOTICE,
    ),
    "pending": _e("尚未审结", "到年底尚未审结的件数。", NOTICE),
    "total": _e(
        "总计",
        "结果维持 + 结果纠正 + 其他结果 + 尚未审结，由程序自动计算，三组分别计算。",
        NOTICE,
        FORMAT_MD,
    ),
}

# ---------------------------------------------------------------------------------------------------------
# Section 六: information-processing fees

FEES: dict[str, HelpEntry] = {
    "notices": _e(
        fmt.FEE_FIELD_BY_KEY["notices"].label,
        "本年发出信息处理费收费通知的件数（件）。",
        FEE_MEASURES,
        FORMAT_MD,
    ),
    "notified_amount": _e(
        fmt.FEE_FIELD_BY_KEY["notified_amount"].label,
        "收费通知中要求缴纳的金额合计，单位是元（不是万元）。",
        FEE_MEASURES,
        FORMAT_MD,
    ),
    "collected_amount": _e(
        fmt.FEE_FIELD_BY_KEY["collected_amount"].label,
        "本年实际收取的信息处理费，单位是元。申请人数量、频次明显超过合理范围时才可收取信息处理费。",
        FEE_MEASURES,
        article("第四十二条"),
    ),
}


# ---------------------------------------------------------------------------------------------------------
# Looking up


def for_cell(cell: Cell) -> list[HelpEntry]:
    """Return the 填报说明 of `cell`, most particular first: a grid cell's row then its column (and the block
    of table 二), a text's own entry, a basic field's. Empty for a cell the help does not know."""
    if cell.table == "basic":
        return [BASIC[cell.row]] if cell.row in BASIC else []
    if cell.table == "proactive":
        block = next((b for b in fmt.PROACTIVE_BLOCKS if any(r.key == cell.row for r in b.rows)), None)
        out = [PROACTIVE_ROWS[cell.row]] if cell.row in PROACTIVE_ROWS else []
        if cell.column in PROACTIVE_COLUMNS:
            out.append(PROACTIVE_COLUMNS[cell.column])
        if block is not None:
            out.append(PROACTIVE_BLOCKS[block.key])
        return out
    if cell.table == "applications":
        out = [APPLICATION_ROWS[cell.row]] if cell.row in APPLICATION_ROWS else []
        return out + ([APPLICANT_COLUMNS[cell.column]] if cell.column in APPLICANT_COLUMNS else [])
    if cell.table == "cases":
        out = [CASE_GROUPS[cell.row]] if cell.row in CASE_GROUPS else []
        return out + ([CASE_COLUMNS[cell.column]] if cell.column in CASE_COLUMNS else [])
    if cell.table == "fees":
        return [FEES[cell.row]] if cell.row in FEES else []
    if cell.table == "text":
        key = cell.row
        if key in TEXTS:
            return [TEXTS[key]]
        if key.startswith(("overview.", "overview_heading.")):
            index = int(key.split(".")[1])
            point = fmt.OVERVIEW_POINTS[index].key if index < len(fmt.OVERVIEW_POINTS) else None
            return [OVERVIEW_POINTS[point]] if point else [SECTIONS["overview"]]
        section = {
            "proactive_lead": "proactive",
            "applications_lead": "applications",
            "cases_lead": "review_litigation",
        }
        key = section.get(key, key)
        return [SECTIONS[key]] if key in SECTIONS else []
    return []


def chapters() -> Iterator[tuple[str, list[HelpEntry]]]:
    """Return the whole 填报说明 in report order as (chapter heading, entries): 基本信息, 一 … 六 with the
    rows and columns of the three tables."""
    yield "基本信息", list(BASIC.values())
    yield fmt.heading("overview"), [TEXTS["preamble"], SECTIONS["overview"], *OVERVIEW_POINTS.values()]
    yield (
        fmt.heading("proactive"),
        [
            SECTIONS["proactive"],
            *(
                e
                for b in fmt.PROACTIVE_BLOCKS
                for e in (PROACTIVE_BLOCKS[b.key], *(PROACTIVE_ROWS[r.key] for r in b.rows))
            ),
            *PROACTIVE_COLUMNS.values(),
        ],
    )
    yield (
        fmt.heading("applications"),
        [SECTIONS["applications"], *APPLICATION_ROWS.values(), *APPLICANT_COLUMNS.values()],
    )
    yield (
        fmt.heading("review_litigation"),
        [SECTIONS["review_litigation"], *CASE_GROUPS.values(), *CASE_COLUMNS.values()],
    )
    yield fmt.heading("problems"), [SECTIONS["problems"]]
    yield fmt.heading("other_matters"), [SECTIONS["other_matters"], *FEES.values()]


def markdown() -> str:
    """Return the whole 填报说明 as the Markdown of docs/help.md."""
    lines = [
        "# 填报说明",
        "",
        "<!-- Generated from model/help.py by `python -m model.help`; tests/test_help.py keeps it equal. -->",
        "",
        f"每一栏填什么、用什么单位、边界情况怎样计，以及依据。依据：{NOTICE}（年度报告格式及其表格），"
        f"FORMAT.md（本产品的格式说明），{REGULATION}（2019年修订），{FEE_MEASURES}（信息处理费）。"
        f"国家文件没有规定之处，注明「{SILENT}」。",
        "",
    ]
    for heading, entries in chapters():
        lines += [f"## {heading}", ""]
        for entry in entries:
            lines += [f"**{entry.title}**：{entry.text}", "", f"<small>{entry.source_line}</small>", ""]
    return "\n".join(lines).rstrip() + "\n"


DOCS_PATH = Path(__file__).resolve().parent.parent / "docs" / "help.md"

if __name__ == "__main__":
    DOCS_PATH.write_text(markdown(), encoding="utf-8")
    print(f"wrote {DOCS_PATH}")
