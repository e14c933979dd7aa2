"""The report format of 国办公开办函〔2021〕30号 as data: headings, table grids, labels and merges.

This module is the one format definition of the product (FORMAT.md §2–§5). The wizard's grids, the JSON
Schema, the checks, the DOCX tables and the DOCX import all read it; every English identifier used in code
is mapped here, once, to its official Chinese label.

A second, smaller definition describes the 2019 trial format (国办公开办函〔2019〕60号) for recognising old
documents on import only.

The definition's records (`Section`, `Field`, `ApplicationRow` …) are immutable named tuples, compared by
value: made at import without generated source, where a frozen dataclass has Python 3.11 compile six methods
from source — some 2.4 M instructions each, at every start (issue 11).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal, NamedTuple

FORMAT_ID = "2021"
FORMAT_NOTICE = "国办公开办函〔2021〕30号"

TITLE_SUFFIX = "年政府信息公开工作年度报告"

# ---------------------------------------------------------------------------------------------------------
# Sections (FORMAT.md §2)


class Section(NamedTuple):
    """One of the six sections: `key` (English identifier) and `heading` (official, exact)."""

    key: str
    heading: str


SECTIONS: tuple[Section, ...] = (
    Section("overview", "一、总体情况"),
    Section("proactive", "二、主动公开政府信息情况"),
    Section("applications", "三、收到和处理政府信息公开申请情况"),
    Section("review_litigation", "四、政府信息公开行政复议、行政诉讼情况"),
    Section("problems", "五、存在的主要问题及改进情况"),
    Section("other_matters", "六、其他需要报告的事项"),
)
SECTION_BY_KEY: dict[str, Section] = {s.key: s for s in SECTIONS}

# For recognising printed reports only: the words each section's heading keeps in the wordings offices print
# besides the official one — the 2019 trial format's 「五、政府信息公开工作存在的主要问题及改进情况」, 「五、存在的
# 主要问题及整改措施」, 「四、因政府信息公开申请行政复议、提起行政诉讼的情况」 (before 2019) — after its ordinal.
SECTION_HEADING_WORDS: dict[str, tuple[str, ...]] = {
    "overview": ("总体情况", "概述", "基本情况"),
    "proactive": ("主动公开",),
    "applications": ("申请",),
    "review_litigation": ("行政复议", "行政诉讼"),
    "problems": ("问题",),
    "other_matters": ("其他",),
}


def heading(section_key: str) -> str:
    """Return the official heading of the section `section_key`, e.g. 「三、收到和处理政府信息公开申请情况」.

    Raises `KeyError` if `section_key` is not one of the six section keys.
    """
    return SECTION_BY_KEY[section_key].heading


class OverviewPoint(NamedTuple):
    """A default sub-point of 一、总体情况 (FORMAT.md §2); the clerk may edit the heading."""

    key: str
    heading: str


OVERVIEW_POINTS: tuple[OverviewPoint, ...] = (
    OverviewPoint("proactive", "（一）主动公开"),
    OverviewPoint("on_request", "（二）依申请公开"),
    OverviewPoint("management", "（三）政府信息管理"),
    OverviewPoint("platform", "（四）政府信息公开平台建设"),
    OverviewPoint("supervision", "（五）监督保障"),
)

# The legal basis every report cites (FORMAT.md §1), as the opening paragraph names it.
LEGAL_BASIS = "《中华人民共和国政府信息公开条例》"


def opening_sentence(agency: str, year: int) -> str:
    """Return the standard opening paragraph offered when the clerk left it empty: the legal basis and the
    statistics period, as FORMAT.md §2 describes the opening and §1 the period (1 January – 31 December of
    the report year). Where the electronic version can be found is left to the clerk (no address is known).
    """
    return (
        f"根据{LEGAL_BASIS}规定，现公布{report_title(agency, year)}。"
        f"本报告所列数据的统计期限为{year}年1月1日至{year}年12月31日。"
    )


# The standard sentence of section 六 when no information-processing fee was charged (FORMAT.md §2,
# 国办函〔2020〕109号).
NO_FEE_SENTENCE = "本年度未收取信息处理费。"


def fee_sentence(notices: int | Decimal | None, notified: int | Decimal | None, collected: int | Decimal | None) -> str:
    """Return the sentence of section 六 on information-processing fees (国办函〔2020〕109号).

    `notices` is the number of fee notices (件), `notified` and `collected` the amounts in 元 (int or
    Decimal, None for not entered). All zero gives `NO_FEE_SENTENCE`; otherwise the three figures in the
    order FORMAT.md §2 lists them, amounts in plain notation: 「本年度发出信息处理费收费通知2件，通知金额
    1200.5元，实际收取金额300元。」
    """

    def plain(value: int | Decimal | None) -> str:
        text = format(Decimal(str(value or 0)), "f")
        return text.rstrip("0").rstrip(".") if "." in text else text

    if not notices and not notified and not collected:
        return NO_FEE_SENTENCE
    return (
        f"本年度发出信息处理费收费通知{notices or 0}件，通知金额{plain(notified)}元，实际收取金额{plain(collected)}元。"
    )


# The contact block offices print after the opening paragraph, each part with its label as printed in the
# sentence 「如对本报告有疑问，请与…联系（地址：…；邮编：…；联系电话：…；电子邮箱：…）」 (issue 14).
CONTACT_FIELDS: dict[str, str] = {
    "contact_office": "联系单位",
    "contact_address": "地址",
    "contact_postcode": "邮编",
    "contact_phone": "联系电话",
    "contact_email": "电子邮箱",
}
CONTACT_LEAD = "如对本报告有疑问，请与"

# The basic information of the report, as the wizard and the messages name it (issue 2: 机关全称, the report
# year, 成文日期, the publication deadline, the optional contact block: its parts, and `contact` for any
# further contact text).
BASIC_FIELDS: dict[str, str] = {
    "agency": "机关全称",
    "year": "报告年度",
    "signing_date": "成文日期",
    "deadline": "公开截止日期",
    **CONTACT_FIELDS,
    "contact": "其他联系信息",
}


def contact_sentence(parts: dict[str, str], agency: str = "") -> str:
    """Return the contact sentence offices print: 「如对本报告有疑问，请与<联系单位>联系（地址：…；邮编：…；
    联系电话：…；电子邮箱：…）。」 from `parts` (keys of `CONTACT_FIELDS`); parts left empty are left out,
    the 联系单位 defaults to `agency`. Return '' when no part but the office is given."""
    clean = {k: " ".join(parts.get(k, "").split()) for k in CONTACT_FIELDS}
    details = [f"{CONTACT_FIELDS[k]}：{clean[k]}" for k in list(CONTACT_FIELDS)[1:] if clean[k]]
    if not details:
        return ""
    office = clean["contact_office"] or agency.strip() or "本机关"
    return f"{CONTACT_LEAD}{office}联系（{'；'.join(details)}）。"


# ---------------------------------------------------------------------------------------------------------
# Section 二: 第二十条 (FORMAT.md §3)

ValueKind = Literal["count", "amount"]


class Field(NamedTuple):
    """A column of a table: `key`, official `label`, `kind` 'count' (件, int) or 'amount' (Decimal).

    `unit` is the unit of the value: 件 for counts, 万元 or 元 for amounts.
    """

    key: str
    label: str
    kind: ValueKind = "count"
    unit: str = "件"


class Item(NamedTuple):
    """A row of a table: `key` and official `label`."""

    key: str
    label: str


class ProactiveBlock(NamedTuple):
    """One stacked block of table 二: 「第二十条第（X）项」, its columns and rows.

    In the official grid (4 grid columns) the block label row spans all 4 columns, the header row holds
    「信息内容」 plus the column labels, and a block with one column spans it over the 3 right grid columns.
    """

    key: str
    label: str
    columns: tuple[Field, ...]
    rows: tuple[Item, ...]


PROACTIVE_ITEM_HEADER = "信息内容"
PROACTIVE_GRID_COLUMNS = 4

_DECISIONS = Field("decisions", "本年处理决定数量")

PROACTIVE_BLOCKS: tuple[ProactiveBlock, ...] = (
    ProactiveBlock(
        "article20_1",
        "第二十条第（一）项",
        (
            Field("issued", "本年制发件数"),
            Field("repealed", "本年废止件数"),
            Field("in_force", "现行有效件数"),
        ),
        (Item("regulations", "规章"), Item("normative_documents", "行政规范性文件")),
    ),
    ProactiveBlock("article20_5", "第二十条第（五）项", (_DECISIONS,), (Item("licensing", "行政许可"),)),
    ProactiveBlock(
        "article20_6",
        "第二十条第（六）项",
        (_DECISIONS,),
        (Item("penalty", "行政处罚"), Item("enforcement", "行政强制")),
    ),
    ProactiveBlock(
        "article20_8",
        "第二十条第（八）项",
        (Field("amount", "本年收费金额（单位：万元）", kind="amount", unit="万元"),),
        (Item("admin_fees", "行政事业性收费"),),
    ),
)


def proactive_cells() -> list[tuple[ProactiveBlock, Item, Field]]:
    """Return every value cell of table 二 in reading order as `(block, row, column)`; 10 cells."""
    return [(b, r, c) for b in PROACTIVE_BLOCKS for r in b.rows for c in b.columns]


# ---------------------------------------------------------------------------------------------------------
# Section 三: applications (FORMAT.md §4)

APPLICATIONS_CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
APPLICANTS_HEADER = "申请人情况"
ORGANISATIONS_HEADER = "法人或其他组织"
OUTCOMES_LABEL = "三、本年度办理结果"


class ApplicantColumn(NamedTuple):
    """A data column of table 三. `organisation` marks the five under 「法人或其他组织」."""

    key: str
    label: str
    organisation: bool = False
    computed: bool = False


APPLICANT_COLUMNS: tuple[ApplicantColumn, ...] = (
    ApplicantColumn("natural_person", "自然人"),
    ApplicantColumn("commercial", "商业企业", organisation=True),
    ApplicantColumn("research", "科研机构", organisation=True),
    ApplicantColumn("public_interest", "社会公益组织", organisation=True),
    ApplicantColumn("legal_services", "法律服务机构", organisation=True),
    ApplicantColumn("other_org", "其他", organisation=True),
    ApplicantColumn("total", "总计", computed=True),
)
APPLICANT_INPUT_COLUMNS: tuple[ApplicantColumn, ...] = tuple(c for c in APPLICANT_COLUMNS if not c.computed)
TOTAL_COLUMN = "total"

RowRole = Literal["received", "carried_over", "outcome", "outcome_total", "carried_forward"]


class ApplicationRow(NamedTuple):
    """A data row of table 三 with its label path as printed in the three label columns.

    `top` is the label of column A (「一、…」「三、本年度办理结果」「四、…」), `group` that of column B
    (「（三）不予公开」; for a row labelled across B–C, its label) and `item` that of column C (「1.属于国家秘密」),
    or `None` where the label spans. `role` says what the row is for the rules S1 and D1.
    """

    key: str
    role: RowRole
    top: str
    group: str | None = None
    item: str | None = None

    @property
    def label(self) -> str:
        """Return the row's own label: the innermost of `item`, `group`, `top`."""
        return self.item or self.group or self.top

    @property
    def full_label(self) -> str:
        """Return the label as a reader names the row, e.g. 「（三）不予公开 1.属于国家秘密」."""
        if self.item:
            return f"{self.group} {self.item}"
        return self.group or self.top

    @property
    def computed(self) -> bool:
        """Return True for （七）总计, computed from the outcome rows (D1)."""
        return self.role == "outcome_total"


def _outcome(key: str, group: str, item: str | None = None) -> ApplicationRow:
    return ApplicationRow(key, "outcome", OUTCOMES_LABEL, group, item)


_WITHHELD = "（三）不予公开"
_UNAVAILABLE = "（四）无法提供"
_NOT_PROCESSED = "（五）不予处理"
_OTHER = "（六）其他处理"

APPLICATION_ROWS: tuple[ApplicationRow, ...] = (
    ApplicationRow("new_received", "received", "一、本年新收政府信息公开申请数量"),
    ApplicationRow("carried_over", "carried_over", "二、上年结转政府信息公开申请数量"),
    _outcome("disclosed", "（一）予以公开"),
    _outcome("partly_disclosed", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    _outcome("withheld_state_secret", _WITHHELD, "1.属于国家秘密"),
    _outcome("withheld_prohibited_by_law", _WITHHELD, "2.其他法律行政法规禁止公开"),
    _outcome("withheld_three_safeties", _WITHHELD, "3.危及“三安全一稳定”"),
    _outcome("withheld_third_party", _WITHHELD, "4.保护第三方合法权益"),
    _outcome("withheld_internal_affairs", _WITHHELD, "5.属于三类内部事务信息"),
    _outcome("withheld_process_info", _WITHHELD, "6.属于四类过程性信息"),
    _outcome("withheld_enforcement_files", _WITHHELD, "7.属于行政执法案卷"),
    _outcome("withheld_query_matters", _WITHHELD, "8.属于行政查询事项"),
    _outcome("unavailable_not_held", _UNAVAILABLE, "1.本机关不掌握相关政府信息"),
    _outcome("unavailable_needs_creation", _UNAVAILABLE, "2.没有现成信息需要另行制作"),
    _outcome("unavailable_still_unclear", _UNAVAILABLE, "3.补正后申请内容仍不明确"),
    _outcome("not_processed_petition", _NOT_PROCESSED, "1.信访举报投诉类申请"),
    _outcome("not_processed_repeated", _NOT_PROCESSED, "2.重复申请"),
    _outcome("not_processed_publication", _NOT_PROCESSED, "3.要求提供公开出版物"),
    _outcome("not_processed_mass_repeated", _NOT_PROCESSED, "4.无正当理由大量反复申请"),
    _outcome("not_processed_confirmation", _NOT_PROCESSED, "5.要求行政机关确认或重新出具已获取信息"),
    _outcome(
        "other_no_correction",
        _OTHER,
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    ),
    _outcome(
        "other_fee_unpaid",
        _OTHER,
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    ),
    _outcome("other_other", _OTHER, "3.其他"),
    ApplicationRow("total_handled", "outcome_total", OUTCOMES_LABEL, "（七）总计"),
    ApplicationRow("carried_forward", "carried_forward", "四、结转下年度继续办理"),
)
APPLICATION_ROW_BY_KEY: dict[str, ApplicationRow] = {r.key: r for r in APPLICATION_ROWS}
APPLICATION_COLUMN_BY_KEY: dict[str, ApplicantColumn] = {c.key: c for c in APPLICANT_COLUMNS}
OUTCOME_ROWS: tuple[ApplicationRow, ...] = tuple(r for r in APPLICATION_ROWS if r.role == "outcome")
APPLICATION_HEADER_ROWS = 3
APPLICATION_LABEL_COLUMNS = 3

# The row whose computed value is proposed when S1 fails (the least ambiguous fix): 四、结转下年度继续办理.
S1_FIX_ROW = "carried_forward"

# ---------------------------------------------------------------------------------------------------------
# Section 四: administrative review and litigation (FORMAT.md §5)

REVIEW_HEADER = "行政复议"
LITIGATION_HEADER = "行政诉讼"


class CaseGroup(NamedTuple):
    """A group of five columns of table 四: 行政复议, 未经复议直接起诉 or 复议后起诉."""

    key: str
    label: str
    litigation: bool


CASE_GROUPS: tuple[CaseGroup, ...] = (
    CaseGroup("review", "行政复议", litigation=False),
    CaseGroup("litigation_direct", "未经复议直接起诉", litigation=True),
    CaseGroup("litigation_after_review", "复议后起诉", litigation=True),
)
CASE_GROUP_BY_KEY: dict[str, CaseGroup] = {g.key: g for g in CASE_GROUPS}

CASE_COLUMNS: tuple[ApplicantColumn, ...] = (
    ApplicantColumn("upheld", "结果维持"),
    ApplicantColumn("corrected", "结果纠正"),
    ApplicantColumn("other", "其他结果"),
    ApplicantColumn("pending", "尚未审结"),
    ApplicantColumn("total", "总计", computed=True),
)
CASE_COLUMN_BY_KEY: dict[str, ApplicantColumn] = {c.key: c for c in CASE_COLUMNS}
CASE_INPUT_COLUMNS: tuple[ApplicantColumn, ...] = tuple(c for c in CASE_COLUMNS if not c.computed)
CASE_HEADER_ROWS = 3

# ---------------------------------------------------------------------------------------------------------
# Section 六: information-processing fees (国办函〔2020〕109号; labels as the wizard shows them)

FEE_FIELDS: tuple[Field, ...] = (
    Field("notices", "收费通知件数"),
    Field("notified_amount", "通知金额（元）", kind="amount", unit="元"),
    Field("collected_amount", "实际收取金额（元）", kind="amount", unit="元"),
)
FEE_FIELD_BY_KEY: dict[str, Field] = {f.key: f for f in FEE_FIELDS}

# ---------------------------------------------------------------------------------------------------------
# Agencies

TOWNSHIP_SUFFIXES = ("镇人民政府", "乡人民政府", "镇", "乡", "街道办事处")


def is_township(agency: str) -> bool:
    """Return True if `agency` names a township-level body (ends in 镇/乡/街道办事处, FORMAT.md §3).

    Townships have no power to make 规章, so a non-zero 规章 row from them deserves a hint.
    """
    name = agency.strip()
    return any(name.endswith(s) for s in TOWNSHIP_SUFFIXES)


def report_title(agency: str, year: int | None) -> str:
    """Return the report title 「<机关全称><年份>年政府信息公开工作年度报告」 (FORMAT.md §2)."""
    return f"{agency.strip()}{year if year is not None else ''}{TITLE_SUFFIX}"


# ---------------------------------------------------------------------------------------------------------
# The 2019 trial format (国办公开办函〔2019〕60号), for recognising old documents only (FORMAT.md §3, §4)

FORMAT_2019_ID = "2019"

# In the 2019 layout （六）其他处理 is a single row; every other row of table 三 is as in 2021.
APPLICATION_OTHER_2019 = ApplicationRow("other_single", "outcome", OUTCOMES_LABEL, "（六）其他处理")
APPLICATION_OTHER_ROWS_2021: tuple[str, ...] = ("other_no_correction", "other_fee_unpaid", "other_other")

PROACTIVE_BLOCKS_2019: tuple[ProactiveBlock, ...] = (
    ProactiveBlock(
        "article20_1",
        "第二十条第（一）项",
        (
            Field("made", "本年新制作数量"),
            Field("published", "本年新公开数量"),
            Field("total_public", "对外公开总数量"),
        ),
        (Item("regulations", "规章"), Item("normative_documents", "规范性文件")),
    ),
    ProactiveBlock(
        "article20_5",
        "第二十条第（五）项",
        (Field("previous_items", "上一年项目数量"), Field("change", "本年增/减"), Field("decisions", "处理决定数量")),
        (Item("licensing", "行政许可"), Item("other_services", "其他对外管理服务事项")),
    ),
    ProactiveBlock(
        "article20_6",
        "第二十条第（六）项",
        (Field("previous_items", "上一年项目数量"), Field("change", "本年增/减"), Field("decisions", "处理决定数量")),
        (Item("penalty", "行政处罚"), Item("enforcement", "行政强制")),
    ),
    ProactiveBlock(
        "article20_8",
        "第二十条第（八）项",
        (Field("previous_items", "上一年项目数量"), Field("change", "本年增/减")),
        (Item("admin_fees", "行政事业性收费"),),
    ),
    ProactiveBlock(
        "article20_9",
        "第二十条第（九）项",
        (Field("items", "采购项目数量"), Field("amount", "采购总金额", kind="amount", unit="万元")),
        (Item("procurement", "政府集中采购"),),
    ),
)
