"""Reports as they are published, read by `model.sources.open_report`: the real PDF files and web pages of
tests/data/published, harder copies of the pages, files with the wrong name, scans and broken files.

Every figure is compared with the file's `*.figures.json`, read by hand from what is printed.
"""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from published_files import PAGE_COPIES, PAGES, PDFS, figure_count, mismatches, page_copy, path_of, scanned_pdf

from cli.commands import run
from model.findings import Cell
from model.rules import check
from model.sources import DraftError, file_kind, open_report
from model.storage.drafts import load_draft

ALL = PDFS + PAGES


@pytest.mark.parametrize("name", ALL)
def test_shared_report_reads_to_its_printed_figures(name: str) -> None:
    opened = open_report(path_of(name))
    assert opened.kind == ("pdf" if name in PDFS else "html")
    assert mismatches(opened.draft, name) == []
    assert figure_count(name) > 150  # the comparison covered the whole of tables 二, 三 and 四


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("suffix", list(PAGE_COPIES))
def test_copies_of_the_pages_read_to_the_same_figures(tmp_path: Path, name: str, suffix: str) -> None:
    opened = open_report(page_copy(name, suffix, tmp_path))
    assert opened.kind == "html"
    assert mismatches(opened.draft, name) == []


def test_the_portal_around_a_report_is_left_out(tmp_path: Path) -> None:
    opened = open_report(page_copy("pingtan-2024", ".portal.html", tmp_path))
    texts = opened.draft.narrative_texts()
    everything = "\n".join(texts.values())
    for outside in ("首页", "当前位置", "淮安市人民政府2023年", "隐藏的文字", "主办单位", "打印本页", "发布时间"):
        assert outside not in everything, outside
    assert opened.draft.preamble.startswith(open_report(path_of("pingtan-2024")).draft.preamble[:40])


def test_narrative_of_a_page_is_read_section_by_section() -> None:
    draft = open_report(path_of("shuyang-fgj-2023")).draft
    assert draft.problems.startswith("（一）存在的主要问题。各科室人员信息公开意识有所松")
    assert "（二）整改措施" in draft.problems and "五、" not in draft.cases_lead
    assert draft.other_matters == "2023年度，县发展和改革局政府信息公开未发生收费情况。"
    assert [p.heading for p in draft.overview_points][:2] == [
        "（一）主动公开政府信息情况",
        "（二）依申请公开政府信息情况",
    ]


def test_narrative_of_a_pdf_is_read_section_by_section() -> None:
    draft = open_report(path_of("huaian-2024")).draft
    assert all(len(t) > 20 for t in (draft.preamble, draft.problems, draft.other_matters))
    assert "全年收取政府信息公开信息处理费3940元" in draft.other_matters
    assert draft.fees["collected_amount"] == 3940
    hzq = open_report(path_of("hzq-2024")).draft
    assert (hzq.fees["notices"], hzq.fees["notified_amount"], hzq.fees["collected_amount"]) == (0, 0, 0)
    for text in (draft.preamble, draft.problems, hzq.problems):
        assert "—" not in text.replace("——", "") and "第 " not in text  # no page numbers in the text


def test_findings_name_the_page_or_table_a_figure_was_read_from() -> None:
    hzq = open_report(path_of("hzq-2024"))
    assert hzq.places[Cell("applications", "new_received", "total")].pages
    [t3] = [f for f in hzq.placed(check(hzq.draft)) if f.rule == "T3"]
    page = hzq.places[Cell("applications", "new_received", "total")].pages[0]
    assert t3.message.endswith(f"（见 PDF 第 {page} 页）")
    shanghai = open_report(path_of("shanghai-bgt-2019"))
    d1 = next(f for f in shanghai.placed(check(shanghai.draft)) if f.rule == "D1")
    assert d1.message.endswith("（见网页第 2 个表格）")
    i1 = next(f for f in shanghai.findings if f.rule == "I1" and f.section == "review_litigation")
    assert i1.message.endswith("（见网页第 3 个表格）")
    assert all(not f.message.endswith("）（见") for f in check(shanghai.draft))  # unplaced without the file


@pytest.mark.parametrize(
    ("name", "disguise"),
    [
        ("hzq-2024", "上年报告.docx"),
        ("hzq-2024", "报告.json"),
        ("hzq-2024", "报告"),
        ("pingtan-2024", "报告.doc"),
        ("pingtan-2024", "报告.pdf"),
        ("shanghai-bgt-2019", "报告.txt"),
    ],
)
def test_files_are_recognised_by_content_not_name(tmp_path: Path, name: str, disguise: str) -> None:
    target = tmp_path / disguise
    shutil.copyfile(path_of(name), target)
    opened = open_report(target)
    assert opened.kind == ("pdf" if name in PDFS else "html")
    assert mismatches(opened.draft, name) == []


def test_a_web_archive_named_docx_is_read_without_libreoffice(tmp_path: Path) -> None:
    target = page_copy("shuyang-fgj-2023", ".word.mht", tmp_path)
    disguised = target.rename(tmp_path / "报告.docx")
    assert file_kind(disguised) == "html"
    opened = open_report(disguised)
    assert [f.rule for f in opened.findings if f.rule == "I10"] == []  # not converted
    assert mismatches(opened.draft, "shuyang-fgj-2023") == []


def test_a_scanned_pdf_is_refused_with_advice(tmp_path: Path) -> None:
    scan = scanned_pdf(path_of("hzq-2024"), tmp_path / "扫描件.pdf")
    with pytest.raises(DraftError) as info:
        open_report(scan)
    message = str(info.value)
    assert message.startswith("扫描件.pdf：这是扫描件") and "OCR" in message and "手工录入" in message
    assert not hasattr(info.value, "__notes__")  # no traceback text for the clerk


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (lambda data: data[: len(data) // 2], "已损坏或不完整"),
        (lambda data: data[:-3000], "已损坏或不完整"),
        (lambda data: b"%PDF-1.7\n" + bytes(range(256)) * 40, "已损坏或不完整"),
    ],
)
def test_a_broken_pdf_gets_a_clear_message(tmp_path: Path, content, words: str) -> None:
    target = tmp_path / "坏的.pdf"
    target.write_bytes(content(path_of("hzq-2024").read_bytes()))
    with pytest.raises(DraftError) as info:
        open_report(target)
    assert str(info.value).startswith("坏的.pdf：") and words in str(info.value)


def test_a_page_without_the_report_names_the_missing_tables(tmp_path: Path) -> None:
    target = tmp_path / "新闻.html"
    target.write_text(
        "<html><body><h1>2024年政府信息公开工作年度报告发布</h1><table><tr><td>栏目</td><td>新闻</td></tr></table>"
        "</body></html>",
        encoding="utf-8",
    )
    with pytest.raises(DraftError) as info:
        open_report(target)
    assert "未找到表二（主动公开政府信息情况）、表三" in str(info.value)


def test_empty_and_unknown_files_are_refused_by_name(tmp_path: Path) -> None:
    empty = tmp_path / "空.pdf"
    empty.write_bytes(b"")
    with pytest.raises(DraftError, match="空.pdf：文件是空的"):
        open_report(empty)
    odd = tmp_path / "数据.xyz"
    odd.write_bytes(bytes(range(1, 200)))
    with pytest.raises(DraftError, match="不是能识别的文件.*PDF"):
        open_report(odd)


# ---------------------------------------------------------------------------------------------------------
# The command line on published reports


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = run(list(args), out, err)
    return status, out.getvalue(), err.getvalue()


def test_import_rollover_and_check_previous_on_published_files(tmp_path: Path) -> None:
    draft_path = tmp_path / "洪泽区2024.json"
    status, out, err = _run("import", str(path_of("hzq-2024")), "-o", str(draft_path))
    assert status == 0 and err == "" and "[提示] I3" in out and "（见 PDF 第 " in out
    assert mismatches(load_draft(draft_path), "hzq-2024") == []
    new = tmp_path / "平潭2025.json"
    status, out, _err = _run("rollover", str(path_of("pingtan-2024")), "-o", str(new))
    assert status == 0 and "已根据 2024 年报告新建 2025 年草稿" in out
    status, out, err = _run("check", str(new), "--previous", str(path_of("pingtan-2024")), "--json")
    rules = {r["rule"] for r in json.loads(out)}
    assert err == "" and not rules & {"X1", "X3", "P1", "F1"}  # last year's page is last year's record


def test_check_refuses_a_scan_in_chinese_and_goes_on(tmp_path: Path) -> None:
    scan = scanned_pdf(path_of("hzq-2024"), tmp_path / "扫描件.pdf", pages=1)
    status, out, err = _run("check", str(scan), str(path_of("huaian-2024")))
    assert status == 2 and f"无法读取 {scan}：这是扫描件" in err
    assert "huaian-2024.pdf：错误 0" in out
