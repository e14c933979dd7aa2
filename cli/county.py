"""The county's headless commands: review (审核一个文件夹的报告) and aggregate (汇总全县数字).

python main.py review FOLDER [--previous LAST_YEAR_FOLDER] [--roster ROSTER] [-o REVIEW.xlsx] [--json]
python main.py aggregate FOLDER -o COUNTY.json [--docx COUNTY.docx] [--include-errors]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from cli.files import force_option, may_write
from model.county.requirements import FILE_NAME, Requirements, load_requirements
from model.findings import Severity
from model.storage.drafts import DraftError, save_draft

# The county's review (its record, its workbook, jsonschema…) is loaded only when review or aggregate runs:
# `main.py check` and the other commands start without it.
if TYPE_CHECKING:
    from model.county.review import Options, Review
    from model.county.roster import Roster

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2


def add_parsers(sub: Any) -> None:
    """Add the parsers of `review` and `aggregate` to the subparsers `sub` of main.py's parser."""
    p = sub.add_parser("review", help="审核文件夹中各单位的报告（县级政务公开办公室用）")
    p.add_argument("folder", metavar="文件夹", help="存放各单位报告的文件夹（含子文件夹）")
    _common(p)
    p.add_argument("-o", "--output", metavar="Excel文件", help="把审核结果写入 Excel 文件（.xlsx）")
    force_option(p)
    p.add_argument("--json", action="store_true", help="以 JSON 输出审核结果")
    p = sub.add_parser("aggregate", help="汇总各单位报告的表二、表三、表四，写出全县汇总草稿")
    p.add_argument("folder", metavar="文件夹", help="存放各单位报告的文件夹（含子文件夹）")
    _common(p)
    p.add_argument("-o", "--output", required=True, metavar="汇总草稿", help="汇总草稿（.json）")
    p.add_argument("--docx", metavar="Word文件", help="同时导出公文格式的 Word 文件（.docx）")
    force_option(p)
    p.add_argument("--include-errors", action="store_true", help="含有错误的报告也计入汇总")
    p.add_argument("--county-report", metavar="本级报告", help="县政府本级的报告（.json / .docx），作为一个单位计入")
    p.add_argument("--agency", default="", metavar="机关名称", help="汇总报告的机关名称（用于标题）")


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--previous", metavar="上年文件夹", help="上一年度报告所在的文件夹（用于跨年度检查和雷同比对）")
    p.add_argument("--roster", metavar="名单", help="名单（.xlsx 或 .csv，表头含“单位名称”，可有 简称、类别、联系人）")
    p.add_argument("--year", type=int, metavar="年度", help="审核的报告年度（默认：文件夹中多数报告的年度）")
    p.add_argument("--requirements", metavar="本地要求", help=f"本地要求文件（默认：文件夹中的 {FILE_NAME}）")


def _options(args: argparse.Namespace, err: TextIO) -> Options | None:
    from model.county.record import load_record
    from model.county.review import Options
    from model.county.roster import load_roster

    folder = Path(args.folder)
    try:
        record = load_record(folder) if folder.is_dir() else None
    except DraftError as exc:
        print(f"无法读取审核记录 {exc}；本次不显示审核状态，审核记录不会被改动", file=err)
        record = None
    roster: Roster | None = None
    try:
        if args.roster:
            roster = load_roster(args.roster)
        elif record is not None and record.roster:
            roster = record.roster
        requirements: Requirements | None = None
        req_path = Path(args.requirements) if args.requirements else folder / FILE_NAME
        if args.requirements or req_path.is_file():
            requirements = load_requirements(req_path)
    except DraftError as exc:
        print(f"无法读取 {exc}", file=err)
        return None
    skip = tuple(Path(p) for p in (args.roster, getattr(args, "output", None)) if p)
    previous = Path(args.previous) if args.previous else None
    return Options(args.year, previous, roster, requirements, record, skip)


def _run_review(args: argparse.Namespace, err: TextIO) -> Review | None:
    from model.county.review import FolderError, review_folder

    options = _options(args, err)
    if options is None:
        return None
    try:
        return review_folder(args.folder, options)
    except FolderError as exc:
        print(f"无法审核：{exc}", file=err)
        return None


def review_json(review: Review) -> dict[str, Any]:
    """Return the review as the JSON object `review --json` prints: `units` (one per row: a unit or a
    report; `changes` since it was sent back, when a newer file came), `unmatched`, `not_reports` and
    `missing` (docs/county.md)."""
    from model.county.review import EXCLUDED_LABELS
    from model.county.workbook import row_note

    units: list[dict[str, Any]] = []
    for row in review.rows:
        e = row.entry
        units.append(
            {
                "unit": row.unit.name if row.unit else None,
                "file": e.file.as_posix() if e else None,
                "agency": e.agency if e else row.name,
                "year": e.draft.year if e else review.year,
                "status": row.status,
                "status_date": row.status_date.isoformat() if row.status_date else None,
                "errors": e.count(Severity.ERROR) if e else 0,
                "explains": e.count(Severity.EXPLAIN) if e else 0,
                "hints": e.count(Severity.HINT) if e else 0,
                "similarity": round(e.similarity, 4) if e and e.similarity is not None else None,
                "similar_to": e.other_name if e and e.other is not None and e.other.overall else None,
                "last_year_similarity": round(e.last_year.overall, 4)
                if e and e.last_year is not None and e.last_year.overall is not None
                else None,
                "last_year_file": str(e.last_year_file) if e and e.last_year_file else None,
                "disclosure_rate": e.disclosure.value if e and e.disclosure else None,
                "review_correction_rate": e.correction.value if e and e.correction else None,
                "findings": [f.to_json(e.file.as_posix()) for f in e.findings] if e else [],
                "note": row_note(row),
                "changes": {
                    "returned_file": e.changes.returned,
                    "figures": e.changes.figures,
                    "texts": e.changes.texts,
                    "gone": e.changes.gone,
                    "new": e.changes.new,
                }
                if e and e.changes
                else None,
            }
        )
    return {
        "folder": str(review.folder),
        "year": review.year,
        "units": units,
        "unmatched": [{"file": e.file.as_posix(), "agency": e.agency, "reason": e.unmatched} for e in review.unmatched],
        "not_reports": [
            {"file": x.file.as_posix(), "kind": x.kind, "kind_label": EXCLUDED_LABELS[x.kind], "reason": x.reason}
            for x in review.excluded
        ],
        "missing": [r.name for r in review.missing],
    }


def _print_review(review: Review, out: TextIO) -> None:
    from model.county.similarity import percent
    from model.county.workbook import row_note

    year = f"（{review.year}年度报告）" if review.year else ""
    found = f"{len(review.entries)} 份报告" if review.entries else "没有找到年度报告（Word、PDF、网页或草稿文件）"
    print(f"审核 {review.folder}{year}：{found}", file=out)
    for row in review.rows:
        e = row.entry
        if e is None:
            note = row_note(row)
            print(f"■ {row.name}：{row.status}{'（' + note + '）' if note else ''}", file=out)
            continue
        counts = "，".join(f"{s.label} {e.count(s)}" for s in Severity)
        share = f"，雷同 {percent(e.similarity)}" if e.similarity is not None else ""
        print(f"■ {row.name}：{row.status} · {e.file.as_posix()} · {counts}{share}", file=out)
        note = row_note(row)
        if note:
            print(f"  备注：{note}", file=out)
        for f in e.findings:
            tag = "已说明" if f.explained else f.severity.label
            where = " · ".join(x for x in (f.section_heading, f.row, f.column) if x)
            print(f"  [{tag}] {f.rule} {where}：{f.message}", file=out)
    if review.excluded:
        print("未审核的文件：", file=out)
        for x in review.excluded:
            print(f"  {x.file.as_posix()}（{x.label}）：{x.reason}", file=out)


def cmd_review(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.output and not may_write(args.output, args.force, err):
        return EXIT_UNREADABLE
    review = _run_review(args, err)
    if review is None:
        return EXIT_UNREADABLE
    if args.output:
        from model.county.workbook import write_workbook

        try:
            write_workbook(review, args.output)
        except DraftError as exc:
            print(f"无法保存 {exc}", file=err)
            return EXIT_UNREADABLE
    if args.json:
        print(json.dumps(review_json(review), ensure_ascii=False, indent=2), file=out)
    else:
        _print_review(review, out)
        if args.output:
            print(f"审核结果已写入：{Path(args.output).resolve()}", file=out)
    return EXIT_FINDINGS if review.has_errors() else EXIT_OK


def cmd_aggregate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    for target in (args.output, args.docx):
        if target and not may_write(target, args.force, err):
            return EXIT_UNREADABLE
    review = _run_review(args, err)
    if review is None:
        return EXIT_UNREADABLE
    county = None
    if args.county_report:
        from model.sources import open_report

        try:
            opened = open_report(args.county_report)
        except DraftError as exc:
            print(f"无法读取 {exc}", file=err)
            return EXIT_UNREADABLE
        county = (opened.draft, opened.path)
    from model.county.aggregate import aggregate
    from model.county.review import DUPLICATE

    result = aggregate(review, args.include_errors, args.agency, county)
    if not result.included:
        why = "；".join(f"{p.name}：{p.reason}" for p in result.left_out if p.file) or "文件夹中没有找到年度报告"
        hint = "（如确需计入有错误的报告，请加 --include-errors）" if result.left_for_errors() else ""
        print(f"无法汇总 {args.folder}：没有可以计入的报告（{why}）{hint}，未写出汇总", file=err)
        return EXIT_UNREADABLE
    try:
        save_draft(result.draft, args.output)
    except DraftError as exc:
        print(f"无法保存 {exc}", file=err)
        return EXIT_UNREADABLE
    if args.docx:
        from model.docx.writer import ExportError, export_docx

        try:
            export_docx(result.draft, args.docx)
        except ExportError as exc:
            print(f"导出失败：{exc}", file=err)
            return EXIT_UNREADABLE
    print(f"已汇总 {len(result.included)} 个单位的报告，汇总草稿：{args.output}", file=out)
    for part in result.included:
        print(f"  计入：{part.name}（{part.file}）", file=out)
    for part in result.left_out:
        print(f"  未计入：{part.name}{'（' + part.file + '）' if part.file else ''}：{part.reason}", file=out)
    if result.left_for_errors():
        print("  如确需计入有错误的报告，请加 --include-errors", file=out)
    not_reviewed = [x for x in review.excluded if x.kind != DUPLICATE]  # (a duplicate is named just above)
    if not_reviewed:
        print("未审核的文件（不计入汇总）：", file=out)
        for x in not_reviewed:
            print(f"  {x.file.as_posix()}（{x.label}）：{x.reason}", file=out)
    if result.findings:
        print("汇总草稿的检查结果：", file=out)
    for f in result.findings:
        print(f"  [{f.severity.label}] {f.rule} {f.section_heading}：{f.message}", file=out)
    if not args.agency and any(f.rule == "B1" for f in result.findings):
        print('  汇总报告的机关名称用 --agency 指定，如 --agency "某某县人民政府"', file=out)
    if args.docx:
        print(f"已导出：{Path(args.docx).resolve()}", file=out)
    return EXIT_FINDINGS if result.has_errors() else EXIT_OK


HANDLERS = {"review": cmd_review, "aggregate": cmd_aggregate}
__all__ = ["HANDLERS", "add_parsers", "cmd_aggregate", "cmd_review", "review_json"]
