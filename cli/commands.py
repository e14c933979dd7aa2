"""The headless commands of `main.py` (no Qt): sample, check, export, import, rollover; the county's review and
aggregate are in `cli.county`."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, NoReturn, TextIO

from cli import county
from cli.files import force_option, may_write
from model import format as fmt
from model.draft import Draft, Previous
from model.findings import RULES, Finding, Severity
from model.resources import SAMPLE_PATH
from model.rules import check
from model.sources import DraftError, OpenedReport, open_report
from model.storage.drafts import load_draft, save_draft

COMMANDS = ("sample", "check", "export", "import", "rollover", "review", "aggregate")

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2

# the formats of `export`, each with the file name extensions that choose it
EXPORT_FORMATS = ("docx", "pdf", "html")
EXPORT_SUFFIXES = {".docx": "docx", ".pdf": "pdf", ".html": "html", ".htm": "html"}


# argparse speaks English; the clerk reads Chinese. Its few messages, in the order argparse words them.
_ARGPARSE_MESSAGES = (
    (re.compile(r"the following arguments are required: (.*)"), "缺少参数：{0}"),
    (re.compile(r"unrecognized arguments: (.*)", re.DOTALL), "不认识的参数：{0}"),
    (
        re.compile(r"argument (命令): invalid choice: '?([^' ]*)'? \(choose from (.*)\)"),
        "没有命令「{1}」，可用的命令：{2}",
    ),
    (
        re.compile(r"argument (\S+): invalid choice: '?([^' ]*)'? \(choose from (.*)\)"),
        "参数 {0} 不能是「{1}」，可选：{2}",
    ),
    (re.compile(r"argument (\S+): expected one argument"), "参数 {0} 后面需要一个值"),
    (re.compile(r"argument (\S+): invalid int value: '(.*)'"), "参数 {0} 应是整数（如 2024），不能是「{1}」"),
)


class _HelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, prefix="用法：" if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose help and error messages are Chinese."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(add_help=False, formatter_class=_HelpFormatter, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示本说明后退出")

    def error(self, message: str) -> NoReturn:
        for pattern, chinese in _ARGPARSE_MESSAGES:
            m = pattern.fullmatch(message)
            if m:
                message = chinese.format(*m.groups())
                break
        self.print_usage(sys.stderr)
        command = self.prog.partition(" ")[2]  # 'export' of 'main.py export'; '' for main.py itself
        help_command = f"{program_name()} {command} -h" if command else f"{program_name()} -h"
        self.exit(EXIT_UNREADABLE, f"命令有误：{message}（用 {help_command} 查看用法）\n")


class _CommandParser(_Parser):
    """The parser of one command (check, export …): an argument it does not know is reported with the command's
    own usage, a file name given where `-o` was meant is pointed at `-o`, and an empty file name is refused."""

    def parse_known_args(self, args: Iterable[str] | None = None, namespace: Any = None) -> tuple[Any, list[str]]:
        parsed, extra = super().parse_known_args(args, namespace)
        given = [value for key, value in vars(parsed).items() if value != self.get_default(key)]
        if any(value == "" or (isinstance(value, list) and "" in value) for value in given):
            self.error('文件名是空的（如 ""）')  # Path("") would be this folder
        if extra:
            message = f"unrecognized arguments: {' '.join(extra)}"
            output_unset = "output" in vars(parsed) and parsed.output is None  # (a command with an -o not given)
            if output_unset and len(extra) == 1 and not extra[0].startswith("-"):
                message += f"（输出文件写在 -o 后面：-o {extra[0]}）"
            self.error(message)
        return parsed, extra


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="main.py",
        description="年报填报助手：政府信息公开工作年度报告。不带命令时打开填报向导。",
    )
    parser.add_argument("--version", action="store_true", help="显示版本、报告格式和草稿格式版本后退出")
    sub = parser.add_subparsers(
        dest="command", required=True, metavar="命令", title="可用的命令", parser_class=_CommandParser
    )
    p = sub.add_parser("sample", help="写出内置示例草稿（米易县草场镇人民政府 2024 年）")
    p.add_argument("-o", "--output", required=True, metavar="草稿文件", help="草稿文件（.json）")
    force_option(p)
    p = sub.add_parser("check", help="检查草稿或报告（草稿、Word、PDF 或网页）的勾稽关系与常见问题")
    p.add_argument("files", nargs="+", metavar="文件", help="草稿或报告文件（按内容识别，不看扩展名）")
    p.add_argument("--json", action="store_true", help="以 JSON 列表输出检查结果")
    p.add_argument("--previous", metavar="上年报告", help="上年报告（草稿、Word、PDF 或网页），用于跨年度检查 X1–X3")
    p = sub.add_parser("export", help="把草稿导出为公文格式的 Word 文件（.docx）、PDF 文件（.pdf）或网页（.html）")
    p.add_argument("draft", metavar="草稿", help="草稿文件（.json）或报告")
    p.add_argument(
        "-o",
        "--output",
        metavar="输出文件",
        help="输出文件，扩展名 .docx / .pdf / .html 决定格式（默认：<机关全称><年份>年政府信息公开工作年度报告.docx）",
    )
    p.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        metavar="格式",
        help="导出的格式：docx、pdf 或 html（不写时按输出文件的扩展名，默认 docx）",
    )
    force_option(p)
    p = sub.add_parser("import", help="把已发布的年度报告（Word、PDF 或网页）读成草稿")
    p.add_argument(
        "report", metavar="报告", help="报告文件：Word（.docx/.doc/.wps）、有文字层的 PDF、网页（.html/.mht）"
    )
    p.add_argument("-o", "--output", required=True, metavar="草稿文件", help="草稿文件（.json）")
    force_option(p)
    p = sub.add_parser("rollover", help="以上年报告（草稿、Word、PDF 或网页）为底稿新建本年草稿")
    p.add_argument("last", metavar="上年报告", help="上年草稿或报告")
    p.add_argument("-o", "--output", required=True, metavar="新草稿文件", help="新草稿文件（.json）")
    force_option(p)
    county.add_parsers(sub)
    return parser


def program_name() -> str:
    """Return how this program is started from a command line: the frozen build's own name (`nianbao`), or
    `python main.py` from the source."""
    return Path(sys.executable).stem if getattr(sys, "frozen", False) else "python main.py"


def _open(path: str, err: TextIO) -> OpenedReport | None:
    try:
        return open_report(path)
    except DraftError as exc:
        print(f"无法读取 {exc}", file=err)
        return None


def _save(draft: Draft, path: str, err: TextIO) -> bool:
    """Save `draft` at `path`; on failure print the Chinese reason on `err` and return False."""
    try:
        save_draft(draft, path)
    except DraftError as exc:
        print(f"无法保存 {exc}", file=err)
        return False
    return True


def _print_findings(name: str, findings: list[Finding], out: TextIO) -> None:
    counts = {s: sum(1 for f in findings if f.severity is s and f.is_open) for s in Severity}
    summary = "，".join(f"{s.label} {counts[s]}" for s in Severity)
    print(f"{name}：{summary}", file=out)
    for f in findings:
        parts = (f.section_heading, f.row, f.column)
        where = " · ".join(x for x in parts if x and not f.message.startswith(f"{x}："))
        tag = "已说明" if f.explained else f.severity.label  # an explained 需说明 finding is no longer open
        print(f"  [{tag}] {f.rule} {where}：{f.message}", file=out)


def unreadable_finding(exc: DraftError) -> Finding:
    """Return the F1 finding that stands for a file `check` could not read (so --json lists it too)."""
    return Finding("F1", RULES["F1"].severity, "basic", f"无法读取：{exc.reason}", row="文件")


Checked = tuple[str, list[Finding], str | None]

# From this many files on, `check` reads and checks them in worker processes, one per core.
PARALLEL_FROM = 8


def check_file(name: str, previous: Previous | None) -> Checked:
    """Return (`name`, the findings of the report in file `name`: those made reading it, then the checks'),
    or (`name`, [], reason) when it cannot be read (the Chinese reason of its `DraftError`)."""
    try:
        opened = open_report(name)
    except DraftError as exc:
        return name, [], exc.reason
    return name, opened.findings + opened.placed(check(opened.draft, previous)), None


def _check_file_task(task: tuple[str, Previous | None]) -> Checked:
    return check_file(*task)


def _checked(names: Sequence[str], previous: Previous | None) -> Iterator[Checked]:
    """Yield `check_file()` of each of `names`, in their order, as each is done: from `PARALLEL_FROM` files
    on, in as many worker processes as the computer has cores (memory stays that of a few files however
    many there are)."""
    workers = min(os.cpu_count() or 1, len(names))
    if len(names) < PARALLEL_FROM or workers < 2:
        for name in names:
            yield check_file(name, previous)
        return
    import model.docx.reader  # noqa: F401  # loaded once here: forked workers start with it
    from model.storage.drafts import prepare_validation

    prepare_validation()  # jsonschema too (a quarter of a second in each worker otherwise)

    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(_check_file_task, [(name, previous) for name in names], chunksize=4)


def cmd_check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    previous: Previous | None = None
    if args.previous:
        opened = _open(args.previous, err)
        if opened is None:
            return EXIT_UNREADABLE
        from model.rollover import RolloverError, previous_record

        try:
            previous = previous_record(opened.draft)
        except RolloverError as exc:
            print(f"无法用作上年报告 {opened.path.name}：{exc}", file=err)
            return EXIT_UNREADABLE
    status = EXIT_OK
    rows: list[dict[str, object]] = []
    for name, findings, reason in _checked(args.files, previous):
        if reason is not None:
            if Path(name).is_dir():  # a folder of the units' reports: the county's review reads it
                reason += f"；要审核一个文件夹中各单位的报告，请用 review 命令（{program_name()} review 文件夹）"
            print(f"无法读取 {name}：{reason}", file=err)  # the path as typed: many files may share a name
            status = EXIT_UNREADABLE
            rows.append(unreadable_finding(DraftError(name, reason)).to_json(name))
            continue
        if any(f.severity is Severity.ERROR and f.is_open for f in findings) and status == EXIT_OK:
            status = EXIT_FINDINGS
        if args.json:
            rows.extend(f.to_json(name) for f in findings)
        else:
            _print_findings(name, findings, out)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2), file=out)
    return status


def cmd_sample(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if not may_write(Path(args.output), args.force, err):
        return EXIT_UNREADABLE
    draft = load_draft(SAMPLE_PATH)
    if not _save(draft, args.output, err):
        return EXIT_UNREADABLE
    print(f"已写出示例草稿：{args.output}", file=out)
    return EXIT_OK


def _export_format(args: argparse.Namespace, err: TextIO) -> str | None:
    """Return the format `export` writes: --format, else the output's extension, else docx; None (the
    reason printed on `err`) when the extension names no format."""
    if args.format:
        return str(args.format)
    if not args.output:
        return "docx"
    kind = EXPORT_SUFFIXES.get(Path(args.output).suffix.lower())
    if kind is None:
        reason = "不知道导出成哪种格式；文件名请以 .docx、.pdf 或 .html 结尾，或用 --format"
        print(f"导出失败：{Path(args.output).name}：{reason}", file=err)
    return kind


def _export_pdf(draft: Draft, target: Path, out: TextIO) -> None:
    """Write the PDF (Qt, loaded only now: the other commands never load it) and say which official faces
    were missing and what stood in for them."""
    from printing.render import ensure_application, export_pdf

    ensure_application()
    done = export_pdf(draft, target)
    if done.substituted:
        print("本机没有以下公文字体，PDF 中用其他字体代替（字体已嵌入 PDF，在任何电脑上显示都一样）：", file=out)
        for choice in done.substituted:
            print(f"  {choice.label}：{choice.preferred} → {choice.family}", file=out)


def cmd_export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from model.docx.writer import ExportError, default_file_name, export_docx
    from model.published.html_writer import export_html

    kind = _export_format(args, err)
    if kind is None:
        return EXIT_UNREADABLE
    opened = _open(args.draft, err)
    if opened is None:
        return EXIT_UNREADABLE
    # by default the file goes beside the draft, where the clerk will look for it
    suffix = f".{kind}"
    target = Path(args.output) if args.output else opened.path.parent / default_file_name(opened.draft, suffix)
    if not may_write(target, args.force, err, opened.path):
        return EXIT_UNREADABLE
    try:
        if kind == "pdf":
            _export_pdf(opened.draft, target, out)
        elif kind == "html":
            export_html(opened.draft, target)
        else:
            export_docx(opened.draft, target)
    except ExportError as exc:
        print(f"导出失败：{exc}", file=err)
        return EXIT_UNREADABLE
    errors = sum(1 for f in check(opened.draft) if f.severity is Severity.ERROR and f.is_open)
    if errors:
        print(f"注意：草稿中还有 {errors} 个错误未改正（用 check 命令查看）", file=err)
    print(f"已导出：{target.resolve()}", file=out)
    return EXIT_OK


def cmd_import(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if not may_write(Path(args.output), args.force, err, Path(args.report)):
        return EXIT_UNREADABLE
    opened = _open(args.report, err)
    if opened is None:
        return EXIT_UNREADABLE
    if not _save(opened.draft, args.output, err):
        return EXIT_UNREADABLE
    for f in opened.findings:
        print(f"  [{f.severity.label}] {f.rule} {f.message}", file=out)
    print(f"已读入 {args.report}，草稿保存为 {args.output}", file=out)
    return EXIT_OK


def cmd_rollover(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from model.rollover import STALE_LABEL, RolloverError, rollover

    if not may_write(Path(args.output), args.force, err, Path(args.last)):
        return EXIT_UNREADABLE
    opened = _open(args.last, err)
    if opened is None:
        return EXIT_UNREADABLE
    try:
        new = rollover(opened.draft)
    except RolloverError as exc:
        print(f"无法新建草稿 {opened.path.name}：{exc}", file=err)
        return EXIT_UNREADABLE
    if not _save(new, args.output, err):
        return EXIT_UNREADABLE
    print(f"已根据 {opened.draft.year} 年报告新建 {new.year} 年草稿：{args.output}", file=out)
    carried_from = fmt.APPLICATION_ROW_BY_KEY["carried_forward"].label
    print(f"  上年结转已按 {opened.draft.year} 年“{carried_from}”填入；本年其余数字待填写", file=out)
    print(f"  {len(new.stale_sections)} 段文字沿用上年，标为“{STALE_LABEL}”", file=out)
    return EXIT_OK


HANDLERS = {
    "sample": cmd_sample,
    "check": cmd_check,
    "export": cmd_export,
    "import": cmd_import,
    "rollover": cmd_rollover,
    **county.HANDLERS,
}


def run(argv: Sequence[str], out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Run the headless command `argv` (e.g. ['check', 'a.json', '--json']); return the exit status.

    Exit status: 0 done (for check: no open finding of severity 错误), 1 check found an 错误, 2 a file
    could not be read or written, or the output file exists and `--force` was not given (the reason printed
    in Chinese on `err`).
    """
    if list(argv) == ["--version"]:
        from model.about import about_lines

        print("\n".join(about_lines()), file=out)
        return EXIT_OK
    args = _parser().parse_args(list(argv))
    return HANDLERS[args.command](args, out, err)
