"""The consistency checks (勾稽关系) of FORMAT.md §6 and the product's own checks, as data.

`check(draft)` returns `Finding`s; it never raises on odd figures. Rule ids S1, D1–D4 and X1–X3 are those
of FORMAT.md §6; the product's other ids are listed in `RULES` and documented in `docs/rules.md`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from model import format as fmt
from model.draft import Draft, Previous


class Severity(StrEnum):
    """How bad a finding is: 错误 (the report is wrong), 需说明 (may be right, say why), 提示 (worth a look)."""

    ERROR = "error"
    EXPLAIN = "explain"
    HINT = "hint"

    @property
    def label(self) -> str:
        """Return the Chinese label: 错误, 需说明 or 提示."""
        return {"error": "错误", "explain": "需说明", "hint": "提示"}[self.value]

    @property
    def rank(self) -> int:
        """Return 0 for 错误, 1 for 需说明, 2 for 提示 (sort order)."""
        return ["error", "explain", "hint"].index(self.value)


TableName = str  # 'basic', 'proactive', 'applications', 'cases', 'fees', 'text'


@dataclass(frozen=True)
class Cell:
    """A place in the draft: `table` ('applications', 'cases', 'proactive', 'fees', 'basic', 'text'),
    `row` and `column` keys of `model.format` (for 'text': the narrative key and '')."""

    table: TableName
    row: str
    column: str = ""


@dataclass(frozen=True)
class Fix:
    """A proposed correction: set `cell` to `value` (only offered where the fix is unambiguous)."""

    cell: Cell
    value: int
    label: str


@dataclass(frozen=True)
class Finding:
    """One result of a check.

    `rule` is the rule id (S1, D1…), `section` the section key of `model.format.SECTIONS` (or 'basic'),
    `row` and `column` the official labels of the place (None where the rule spans rows or columns),
    `cells` the cells involved (for highlighting), `message` a Chinese sentence naming the figures,
    `fix` an unambiguous correction if there is one, `explained` True when the clerk wrote an
    explanation for this 需说明 finding.
    """

    rule: str
    severity: Severity
    section: str
    message: str
    row: str | None = None
    column: str | None = None
    cells: tuple[Cell, ...] = ()
    fix: Fix | None = None
    explained: bool = False
    params: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def key(self) -> str:
        """Return a stable id of this finding, under which an explanation is stored in the draft."""
        where = self.cells[0] if self.cells else Cell("", "")
        return f"{self.rule}:{self.section}:{where.row}:{where.column}"

    @property
    def section_heading(self) -> str:
        """Return the official heading of the finding's section, or 基本信息."""
        return fmt.SECTION_BY_KEY[self.section].heading if self.section in fmt.SECTION_BY_KEY else "基本信息"

    @property
    def is_open(self) -> bool:
        """Return True unless this is a 需说明 finding the clerk has explained."""
        return not self.explained

    def to_json(self, file: str | None = None) -> dict[str, Any]:
        """Return the finding as the dict printed by `main.py check --json`."""
        data: dict[str, Any] = {
            "file": file,
            "rule": self.rule,
            "severity": self.severity.value,
            "severity_label": self.severity.label,
            "section": self.section_heading,
            "row": self.row,
            "column": self.column,
            "message": self.message,
            "explained": self.explained,
        }
        if self.fix is not None:
            data["fix"] = {"row": self.fix.cell.row, "column": self.fix.cell.column, "value": self.fix.value}
        return data


@dataclass(frozen=True)
class Rule:
    """A rule's id, default severity and what it checks (for documentation and listings)."""

    id: str
    severity: Severity
    summary: str


RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule("S1", Severity.ERROR, "表三每一列：一 + 二 = 三（七）总计 + 四"),
        Rule("D1", Severity.ERROR, "表三（七）总计 = （一）至（六）各项之和，逐列"),
        Rule("D2", Severity.ERROR, "表三总计列 = 各类申请人之和（自然人 + 法人或其他组织五类），逐行"),
        Rule("D3", Severity.ERROR, "表四 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结，三组分别"),
        Rule("D4", Severity.ERROR, "件数为不小于 0 的整数；本年收费金额为不小于 0 的万元金额"),
        Rule("X1", Severity.ERROR, "本年 二、上年结转 = 上年 四、结转下年度继续办理，逐列"),
        Rule("X2", Severity.EXPLAIN, "现行有效件数 ≈ 上年现行有效件数 + 本年制发件数 − 本年废止件数"),
        Rule("X3", Severity.ERROR, "本年废止件数 ≤ 上年现行有效件数 + 本年制发件数"),
        Rule("B1", Severity.ERROR, "基本信息：机关全称、报告年度必填"),
        Rule("B2", Severity.EXPLAIN, "成文日期晚于公开截止日期"),
        Rule("B3", Severity.HINT, "表格中有未填写的单元格，按 0 计"),
        Rule("N1", Severity.ERROR, "五、存在的主要问题及改进情况 不得为空或只写“无”"),
        Rule("N2", Severity.ERROR, "有收费（行政事业性收费、信息处理费）而 六、其他需要报告的事项 未提及"),
        Rule("N3", Severity.HINT, "乡镇、街道无权制定规章，规章一行不为 0"),
        Rule("N4", Severity.HINT, "未填写成文日期"),
        Rule("F1", Severity.ERROR, "文件无法读取（check 命令：原因见消息；退出码 2）"),
        Rule("P1", Severity.HINT, "所给上年报告不是上一年度或不是同一机关（不相邻时不做 X1–X3）"),
        Rule("T1", Severity.EXPLAIN, "正文某段与上年报告完全相同"),
        Rule("T2", Severity.HINT, "正文仍有上年年份（法规标题、文号、法规日期和对比除外）"),
        Rule("T3", Severity.ERROR, "正文引用的数字与表格不一致（申请数、结转、办理结果、复议诉讼、收费、规范性文件）"),
        Rule("T4", Severity.ERROR, "正文称未收到申请、未发生复议诉讼或未收费，但表中不为 0"),
        Rule("T5", Severity.HINT, "正文数字只在另一种理解下与表格一致（如“收到75件”= 一 + 二）"),
        Rule("I1", Severity.HINT, "读入 Word 报告：空白单元格按 0 读入"),
        Rule("I2", Severity.HINT, "读入 Word 报告：「/」「—」「-」「无」按 0 读入"),
        Rule("I3", Severity.HINT, "读入 Word 报告：（六）其他处理只印一行（2019 年试行格式），计入 3.其他"),
        Rule("I4", Severity.HINT, "读入 Word 报告：表二为 2019 年试行格式，栏目不同，数字未导入"),
        Rule("I5", Severity.ERROR, "读入 Word 报告：单元格内容不是数字，未读入"),
        Rule("I6", Severity.ERROR, "读入 Word 报告：表格缺少官方格式中的行或列"),
        Rule("I7", Severity.HINT, "读入 Word 报告：官方格式之外的行（小计、重复）已忽略"),
        Rule("I8", Severity.EXPLAIN, "读入本程序导出的 Word 报告：打印内容与内嵌草稿不一致，按打印内容读入"),
        Rule("I9", Severity.HINT, "读入本程序导出的 Word 报告：内嵌草稿已改动或损坏，按打印内容读入"),
        Rule("I10", Severity.HINT, "读入 Word 报告：文件经 LibreOffice 转换（.doc、.wps 等）后读入"),
        Rule("I11", Severity.HINT, "读入 Word 报告：文件有修订痕迹，按接受全部修订后的内容读入"),
        Rule("I12", Severity.HINT, "读入 Word 报告：表三栏目标题未能识别，按官方栏目顺序读取"),
        Rule("I13", Severity.HINT, "读入 Word 报告：以“嵌入网页”（altChunk）插入的内容未读取"),
        Rule("I14", Severity.HINT, "读入 Word 报告：正文中缺少某些部分的标题，文字归入前一部分"),
    )
}

_APP = "applications"
_S1_ROWS = ("new_received", "carried_over", "total_handled", "carried_forward")  # 一, 二, （七）总计, 四

CheckFn = Callable[[Draft, Previous | None], Iterable[Finding]]
_CHECKS: list[CheckFn] = []


def register(fn: CheckFn) -> CheckFn:
    """Add `fn(draft, previous)` to the checks `check()` runs; return `fn` (usable as a decorator)."""
    _CHECKS.append(fn)
    return fn


def _finding(rule: str, section: str, message: str, **kw: Any) -> Finding:
    severity = kw.pop("severity", RULES[rule].severity)
    return Finding(rule, severity, section, message, **kw)


# ---------------------------------------------------------------------------------------------------------
# Table 三


@register
def check_s1(draft: Draft, previous: Previous | None) -> Iterator[Finding]:
    """S1: for each of the 7 columns of table 三, 一 + 二 = 三（七）总计 + 四 (stored figures)."""
    for col in fmt.APPLICANT_COLUMNS:
        new, carried, total, forward = (draft.application(r, col.key) for r in _S1_ROWS)
        left, right = new + carried, total + forward
        if left == right:
            continue
        diff = abs(left - right)
        fix = None
        proposed = left - total
        if not col.computed and proposed >= 0:
            fix = Fix(Cell(_APP, fmt.S1_FIX_ROW, col.key), proposed, f"结转下年度 应为 {proposed}")
        yield _finding(
            "S1",
            _APP,
            f"{col.label}：一+二 = {left}，（七）总计+四 = {right}，相差 {diff}",
            column=col.label,
            cells=tuple(Cell(_APP, r, col.key) for r in _S1_ROWS),
            fix=fix,
            params={"left": left, "right": right, "difference": diff},
        )


@register
def check_d1(draft: Draft, previous: Previous | None) -> Iterator[Finding]:
    """D1: （七）总计 = （一）+（二）+ Σ（三）+ Σ（四）+ Σ（五）+ Σ（六）, per column of table 三."""
    row = fmt.APPLICATION_ROW_BY_KEY["total_handled"]
    for col in fmt.APPLICANT_COLUMNS:
        stored = draft.applications["total_handled"][col.key]
        computed = draft.computed_outcome_total(col.key)
        if (stored or 0) == (computed or 0):
            continue
        shown = "空白" if stored is None else str(stored)
        yield _finding(
            "D1",
            _APP,
            f"{row.label}（{col.label}）填为 {shown}，但（一）至（六）各项之和为 {computed or 0}",
            row=row.label,
            column=col.label,
            cells=(Cell(_APP, row.key, col.key),),
            params={"stored": stored, "computed": computed or 0},
        )


@register
def check_d2(draft: Draft, previous: Previous | None) -> Iterator[Finding]:
    """D2: 总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他, per row of table 三."""
    for row in fmt.APPLICATION_ROWS:
        stored = draft.applications[row.key][fmt.TOTAL_COLUMN]
        computed = draft.computed_application_row_total(row.key)
        if (stored or 0) == (computed or 0):
            continue
        shown = "空白" if stored is None else str(stored)
        yield _finding(
            "D2",
            _APP,
            f"{row.full_label} 的总计填为 {shown}，但各类申请人之和为 {computed or 0}",
            row=row.full_label,
            column="总计",
            cells=(Cell(_APP, row.key, fmt.TOTAL_COLUMN),),
            params={"stored": stored, "computed": computed or 0},
        )


# ---------------------------------------------------------------------------------------------------------
# Table 四


_CASE_PARTS = "、".join(c.label for c in fmt.CASE_INPUT_COLUMNS)  # 结果维持、结果纠正、其他结果、尚未审结


@register
def check_d3(draft: Draft, previous: Previous | None) -> Iterator[Finding]:
    """D3: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结, for 行政复议 and both 行政诉讼 groups."""
    for group in fmt.CASE_GROUPS:
        stored = draft.cases[group.key]["total"]
        computed = draft.computed_case_total(group.key)
        if (stored or 0) == (computed or 0):
            continue
        shown = "空白" if stored is None else str(stored)
        yield _finding(
            "D3",
            "review_litigation",
            f"{group.label} 的总计填为 {shown}，但{_CASE_PARTS}之和为 {computed or 0}",
            row=group.label,
            column="总计",
            cells=(Cell("cases", group.key, "total"),),
            params={"stored": stored, "computed": computed or 0},
        )


# ---------------------------------------------------------------------------------------------------------
# Values (D4) and unfilled cells (B3)


def _all_values(draft: Draft) -> Iterator[tuple[str, Cell, str, str, Any, str]]:
    """Yield (section, cell, row label, column label, value, kind) for every figure of the draft."""
    for block, row, col in fmt.proactive_cells():
        yield (
            "proactive",
            Cell("proactive", row.key, col.key),
            f"{block.label} {row.label}",
            col.label,
            draft.proactive[row.key][col.key],
            col.kind,
        )
    for arow in fmt.APPLICATION_ROWS:
        for acol in fmt.APPLICANT_COLUMNS:
            yield (
                _APP,
                Cell(_APP, arow.key, acol.key),
                arow.full_label,
                acol.label,
                draft.applications[arow.key][acol.key],
                "count",
            )
    for group in fmt.CASE_GROUPS:
        for ccol in fmt.CASE_COLUMNS:
            yield (
                "review_litigation",
                Cell("cases", group.key, ccol.key),
                group.label,
                ccol.label,
                draft.cases[group.key][ccol.key],
                "count",
            )
    for fee in fmt.FEE_FIELDS:
        yield ("other_matters", Cell("fees", fee.key), "信息处理费", fee.label, draft.fees[fee.key], fee.kind)


@register
def check_d4(draft: Draft, previous: Previous | None) -> Iterator[Finding]:
    """D4: every count is a whole number ≥ 0 (件); every amount a decimal ≥ 0 (万元 or 元)."""
    for section, cell, row, column, value, kind in _all_values(draft):
        if value is None:
            continue
        if kind == "count":
            ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
            expected = "不小于 0 的整数"
        else:
            ok = isinstance(value, (int, Decimal)) and not isinstance(value, bool) and value >= 0
            expected = "不小于 0 的金额"
        if not ok:
            yield _finding(
                "D4", section, f"{row}（{column}）为 {value}，应为{expected}", row=row, column=column, cells=(cell,)
            )


@register
def check_unfilled(draft: Draft, previous: Previous | None) -> Iterator[Finding]:
    """B3: a hint per table that still has cells not entered (printed as 0)."""
    missing: dict[str, list[Cell]] = {}
    for section, cell, _row, _col, value, _kind in _all_values(draft):
        computed = (cell.table == _APP and (cell.column == fmt.TOTAL_COLUMN or cell.row == "total_handled")) or (
            cell.table == "cases" and cell.column == "total"
        )
        if value is None and not computed:
            missing.setdefault(section, []).append(cell)
    for section, cells in missing.items():
        yield _finding(
            "B3",
            section,
            f"有 {len(cells)} 个单元格未填写，将按 0 计并打印为 0",
            cells=tuple(cells),
            params={"count": len(cells)},
        )


# ---------------------------------------------------------------------------------------------------------
# Basic information and narrative


def _basic_finding(rule: str, field: str, message: str) -> Finding:
    """Return a finding on the basic-information `field`; '{}' in `message` stands for the field's label."""
    label = fmt.BASIC_FIELDS[field]
    return _finding(rule, "basic", message.format(label), row=label, cells=(Cell("basic", field),))


@register
def check_basic(draft: Draft, previous: Previous | None) -> Iterator[Finding]:
    """B1 (agency and year required), B2 (signed after the deadline), N4 (no signing date)."""
    if not draft.agency.strip():
        yield _basic_finding("B1", "agency", "未填写{}")
    if draft.year is None:
        yield _basic_finding("B1", "year", "未填写{}")
    if draft.signing_date is None:
        yield _basic_finding("N4", "signing_date", "未填写{}")
    deadline = draft.deadline or draft.default_deadline()
    if draft.signing_date and deadline and draft.signing_date > deadline:
        late = f"{{}} {_cn_date(draft.signing_date)} 晚于{fmt.BASIC_FIELDS['deadline']} {_cn_date(deadline)}"
        yield _basic_finding("B2", "signing_date", late)


def _cn_date(d: Any) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


_EMPTY_TEXT = re.compile(r"^[\s。．.、，,；;：:（）()无暂无]*$")


@register
def check_problems_text(draft: Draft, previous: Previous | None) -> Iterator[Finding]:
    """N1: section 五 must say something (empty or 「无」 is a defect, FORMAT.md §2)."""
    if _EMPTY_TEXT.match(draft.problems):
        yield _finding(
            "N1",
            "problems",
            f"「{fmt.heading('problems')}」为空或只写了“无”，应写明存在的问题及改进情况",
            cells=(Cell("text", "problems"),),
        )


_FEE_WORDS = re.compile(r"费")


@register
def check_fee_text(draft: Draft, previous: Previous | None) -> Iterator[Finding]:
    """N2: with fees charged (二 第（八）项, 六's fee, or 三（六）2 > 0), section 六 must mention them."""
    if draft.fees_charged() and not _FEE_WORDS.search(draft.other_matters):
        yield _finding(
            "N2",
            "other_matters",
            f"本年有收费数据，但「{fmt.heading('other_matters')}」未提及收费情况（应报告信息处理费收取情况）",
            cells=(Cell("text", "other_matters"),),
        )


@register
def check_township_regulations(draft: Draft, previous: Previous | None) -> Iterator[Finding]:
    """N3: a township (镇/乡/街道办事处) reporting 规章 ≠ 0 (townships cannot make 规章)."""
    if not fmt.is_township(draft.agency):
        return
    values = draft.proactive["regulations"]
    if any(v for v in values.values()):
        figures = "、".join(f"{c.label} {values[c.key] or 0}" for c in fmt.PROACTIVE_BLOCKS[0].columns)
        yield _finding(
            "N3",
            "proactive",
            f"乡镇、街道无权制定规章，但「规章」一行填有数字（{figures}），请核实是否应填入「行政规范性文件」",
            row="规章",
            cells=tuple(Cell("proactive", "regulations", c.key) for c in fmt.PROACTIVE_BLOCKS[0].columns),
        )


# ---------------------------------------------------------------------------------------------------------
# Across years (X1–X3)


def _consecutive(draft: Draft, previous: Previous | None) -> bool:
    """Return True if `previous` is the report of the year before `draft`'s (or a year is unknown)."""
    return previous is not None and (draft.year is None or previous.year == draft.year - 1)


@register
def check_previous_matches(draft: Draft, previous: Previous | None) -> Iterator[Finding]:
    """P1: last year's report is of another year than the one before, or of another agency."""
    if previous is None:
        return
    if not _consecutive(draft, previous):
        not_adjacent = (
            f"所给上年报告为 {previous.year} 年，不是本报告（{draft.year} 年）的上一年度，未做跨年度检查 X1–X3"
        )
        yield _basic_finding("P1", "year", not_adjacent)
    if draft.agency.strip() and previous.agency and previous.agency != draft.agency.strip():
        other = f"所给上年报告的机关为「{previous.agency}」，本报告为「{draft.agency.strip()}」，请核对是否为同一机关"
        yield _basic_finding("P1", "agency", other)


@register
def check_x1(draft: Draft, previous: Previous | None) -> Iterator[Finding]:
    """X1: this year's 二、上年结转 = last year's 四、结转下年度继续办理, per column of table 三.

    The 总计 column is reported only when no other column differs (one defect, one finding). When the
    clerk wrote `Draft.carried_over_reason`, the differences come back as 需说明, explained by that reason.
    """
    if previous is None or not previous.carried_forward or not _consecutive(draft, previous):
        return
    carried_over = fmt.APPLICATION_ROW_BY_KEY["carried_over"]
    carried_forward = fmt.APPLICATION_ROW_BY_KEY["carried_forward"]
    reason = draft.carried_over_reason.strip()
    differing: list[tuple[fmt.ApplicantColumn, int, int]] = []
    for col in fmt.APPLICANT_COLUMNS:
        last = previous.carried_forward.get(col.key)
        now = draft.application("carried_over", col.key)
        if last is not None and now != last and not (col.computed and differing):
            differing.append((col, now, last))
    for col, now, last in differing:
        cell = Cell(_APP, "carried_over", col.key)
        yield _finding(
            "X1",
            _APP,
            f"{carried_over.label}（{col.label}）为 {now}，"
            f"但 {previous.year} 年报告的 {carried_forward.label} 为 {last}"
            + (f"（已说明：{reason}）" if reason else ""),
            row=carried_over.label,
            column=col.label,
            cells=(cell,),
            fix=None if col.computed else Fix(cell, last, f"上年结转 应为 {last}"),
            severity=Severity.EXPLAIN if reason else Severity.ERROR,
            explained=bool(reason),
            params={"now": now, "last": last},
        )


@register
def check_x2_x3(draft: Draft, previous: Previous | None) -> Iterator[Finding]:
    """X2 (现行有效件数 follows from last year, needs explanation) and X3 (废止 ≤ 上年现行有效 + 制发).

    A figure not entered yet is not checked (a fresh rollover has none); where X3 fails, X2 is not run.
    """
    if previous is None or not previous.in_force or not _consecutive(draft, previous):
        return
    block = fmt.PROACTIVE_BLOCKS[0]
    labels = {c.key: c.label for c in block.columns}
    for item in block.rows:
        base = previous.in_force.get(item.key)
        if base is None:
            continue
        vals = draft.proactive[item.key]
        issued = int(vals["issued"] or 0)
        cells = {k: Cell("proactive", item.key, k) for k in labels}
        if vals["repealed"] is not None and int(vals["repealed"]) > base + issued:
            repealed = int(vals["repealed"])
            yield _finding(
                "X3",
                "proactive",
                f"{item.label}：{labels['repealed']} {repealed} 大于上年{labels['in_force']} {base} 与"
                f"{labels['issued']} {issued} 之和",
                row=item.label,
                column=labels["repealed"],
                cells=(cells["repealed"],),
                params={"repealed": repealed, "base": base, "issued": issued},
            )
            continue  # 现行有效件数 cannot follow from an impossible 废止 (X2 would say 「应为 −62」)
        if vals["in_force"] is None:
            continue
        repealed, in_force = int(vals["repealed"] or 0), int(vals["in_force"])
        expected = base + issued - repealed
        if in_force != expected:
            yield _finding(
                "X2",
                "proactive",
                f"{item.label}：{labels['in_force']}为 {in_force}，"
                f"按上年 {base} + 制发 {issued} − 废止 {repealed} 应为 "
                f"{expected}（如有文件到期失效，请说明）",
                row=item.label,
                column=labels["in_force"],
                cells=(cells["in_force"],),
                params={"in_force": in_force, "expected": expected},
            )


# ---------------------------------------------------------------------------------------------------------


def check(draft: Draft, previous: Previous | None = None) -> list[Finding]:
    """Return every finding on `draft`, sorted by severity (错误, 需说明, 提示) then rule.

    `previous` is last year's record for X1–X3; by default the one stored in the draft (`draft.previous`).
    A 需说明 finding whose `key` has an explanation in `draft.explanations` comes back `explained=True`.
    """
    prev = previous if previous is not None else draft.previous
    findings: list[Finding] = []
    for fn in _CHECKS:
        for f in fn(draft, prev):
            if f.severity is Severity.EXPLAIN and draft.explanations.get(f.key, "").strip():
                f = Finding(**{**f.__dict__, "explained": True})
            findings.append(f)
    findings.sort(key=lambda f: (f.severity.rank, f.rule))
    return findings


def open_counts(findings: Iterable[Finding]) -> dict[Severity, int]:
    """Return the number of open (not explained) findings per severity."""
    counts = {s: 0 for s in Severity}
    for f in findings:
        if f.is_open:
            counts[f.severity] += 1
    return counts


# The narrative checks T1–T5 live in their own module and register themselves on import.
from model import text_checks as _text_checks  # noqa: E402, F401
