"""Findings as data: the rule ids and severities of FORMAT.md §6 and of the product, and the `Finding` a check returns.

Every check (`model.rules`) and every reader (`model.docx`, `model.published`) reports what it
finds as a `Finding(rule, severity, section, message, cells…)`; the wizard and the command line decide how to
show it. `RULES` lists every rule id once, with its default severity and what it checks (docs/rules.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple

from model import format as fmt


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


class Cell(NamedTuple):
    """A place in the draft: `table` ('applications', 'cases', 'proactive', 'fees', 'basic', 'text'),
    `row` and `column` keys of `model.format` (for 'text': the narrative key and ''). Like `Fix` and `Rule`, an
    immutable named tuple (compared and hashed by value; made without generated source, see `model.format`)."""

    table: TableName
    row: str
    column: str = ""


class Fix(NamedTuple):
    """A proposed correction: set `cell` to `value` (only offered where the fix is unambiguous) — a figure
    (件), or a text: a heading renumbered, '' for 删除此标题, the standard opening sentence."""

    cell: Cell
    value: int | str
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


class Rule(NamedTuple):
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
        Rule("B4", Severity.ERROR, "机关全称含有看不见的格式字符（如从右向左书写的控制符），会打乱标题和文件名"),
        Rule("N1", Severity.ERROR, "五、存在的主要问题及改进情况 不得为空或只写“无”"),
        Rule("N2", Severity.ERROR, "有收费（行政事业性收费、信息处理费）而 六、其他需要报告的事项 未提及"),
        Rule("N3", Severity.HINT, "乡镇、街道无权制定规章，规章一行不为 0"),
        Rule("N4", Severity.HINT, "未填写成文日期"),
        Rule("N5", Severity.ERROR, "保留的标题下没有内容（一、总体情况的小标题，或 六、其他需要报告的事项）"),
        Rule("N6", Severity.HINT, "开头段落为空（可采用标准开头语）"),
        Rule("N7", Severity.HINT, "开头段落未写明依据《中华人民共和国政府信息公开条例》"),
        Rule("N8", Severity.ERROR, "开头段落所写统计期限、数据核定或统计截止日期不在报告年度内"),
        Rule("N9", Severity.HINT, "开头段落未写报告年度"),
        Rule("H1", Severity.ERROR, "一、总体情况 的小标题序号不连续、重复或重新开始"),
        Rule("H2", Severity.ERROR, "五、六 中（一）、1. 等列项序号不连续、重复或重新开始"),
        Rule("Q1", Severity.HINT, "正文中有重复的字或词（如“资金资金”“的的”）"),
        Rule("Q2", Severity.HINT, "中文句子中用了半角逗号或半角括号"),
        Rule("Q3", Severity.HINT, "同一个数字中混用全角和半角数字"),
        Rule("F1", Severity.ERROR, "文件无法读取（check 命令：原因见消息；退出码 2）"),
        Rule("P1", Severity.HINT, "所给上年报告不是上一年度或不是同一机关（不相邻时不做 X1–X3）"),
        Rule("T1", Severity.EXPLAIN, "正文某段与上年报告完全相同"),
        Rule("T2", Severity.HINT, "正文仍有上年年份（法规标题、文号、法规日期和对比除外）"),
        Rule("T3", Severity.ERROR, "正文引用的数字与表格不一致（申请数、结转、办理结果、复议诉讼、收费、规范性文件）"),
        Rule("T4", Severity.ERROR, "正文称未收到申请、未发生复议诉讼或未收费，但表中不为 0"),
        Rule("T5", Severity.HINT, "正文数字只在另一种理解下与表格一致（如“收到75件”= 一 + 二）"),
        Rule("T6", Severity.ERROR, "正文所写百分比按表格数字重算不符（按所写的小数位）"),
        Rule("T7", Severity.HINT, "正文中的比例数字后缺少“%”"),
        Rule("T8", Severity.HINT, "正文出现报告年度以后的年份（工作计划除外）"),
        Rule("T9", Severity.HINT, "正文称“均获维持”“均已办结”，但表四有尚未审结的案件或表三结转下年度不为 0"),
        Rule("I1", Severity.HINT, "读入报告：空白单元格按 0 读入"),
        Rule("I2", Severity.HINT, "读入报告：「/」「—」「-」「无」按 0 读入"),
        Rule("I3", Severity.HINT, "读入报告：（六）其他处理只印一行（2019 年试行格式），计入 3.其他"),
        Rule("I4", Severity.HINT, "读入报告：表二为 2019 年试行格式，栏目不同，数字未导入"),
        Rule("I5", Severity.ERROR, "读入报告：单元格内容不是数字，未读入"),
        Rule("I6", Severity.ERROR, "读入报告：表格缺少官方格式中的行或列"),
        Rule("I7", Severity.HINT, "读入报告：官方格式之外的行（小计、重复）已忽略"),
        Rule("I8", Severity.EXPLAIN, "读入本程序导出的报告：打印内容与内嵌草稿不一致，按打印内容读入"),
        Rule("I9", Severity.HINT, "读入本程序导出的报告：内嵌草稿已改动或损坏，按打印内容读入"),
        Rule("I10", Severity.HINT, "读入 Word 报告：文件经 LibreOffice 转换（.doc、.wps 等）后读入"),
        Rule("I11", Severity.HINT, "读入 Word 报告：文件有修订痕迹，按接受全部修订后的内容读入"),
        Rule("I12", Severity.HINT, "读入报告：表三栏目标题未能识别，按官方栏目顺序读取"),
        Rule("I13", Severity.HINT, "读入 Word 报告：以“嵌入网页”（altChunk）插入的内容未读取"),
        Rule("I14", Severity.HINT, "读入报告：正文中缺少某些部分的标题，文字归入前一部分"),
    )
}


def finding(rule: str, section: str, message: str, **kw: Any) -> Finding:
    """Return a `Finding` of `rule` with the rule's default severity (unless `severity=` is given in `kw`).

    Raises `KeyError` if `rule` is not an id of `RULES`.
    """
    severity = kw.pop("severity", RULES[rule].severity)
    return Finding(rule, severity, section, message, **kw)


def basic_finding(rule: str, field: str, message: str) -> Finding:
    """Return a finding on the basic-information `field` (a key of `model.format.BASIC_FIELDS`); each '{}' in
    `message` stands for the field's label (e.g. 「未填写{}」 → 「未填写机关全称」). Other braces are kept as
    they are (an agency name typed with 「{」 is no format string)."""
    label = fmt.BASIC_FIELDS[field]
    return finding(rule, "basic", message.replace("{}", label), row=label, cells=(Cell("basic", field),))


def open_counts(findings: Iterable[Finding]) -> dict[Severity, int]:
    """Return the number of open (not explained) findings per severity."""
    counts = {s: 0 for s in Severity}
    for f in findings:
        if f.is_open:
            counts[f.severity] += 1
    return counts
