"""A DOCX from someone else is untrusted: bad, hostile and foreign files get a clear Chinese message fast.

Every file here is built by the test: zip bombs (by ratio and by declared size), external entities and
entity expansion, truncated and non-zip files, look-alikes of .doc/.wps/encrypted documents, RTF, PDF,
Strict Open XML, content held only as embedded HTML (altChunk), and a report without tables. Files that
LibreOffice can convert are converted when `soffice` is installed (those tests skip without it).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest
from docx_builders import (
    alt_chunk_docx,
    cut,
    declared_size,
    distinct_draft,
    figures,
    many_members_zip,
    markup_bomb,
    official_tables,
    ole2_file,
    para,
    raw_docx,
    report_html,
    report_parts,
    strict_copy,
    write_docx,
    zip_bomb,
)

from model.docx.package import DocxFormatError
from model.docx.reader import import_docx
from model.sources import open_report
from model.storage.drafts import DraftError

ROOT = Path(__file__).resolve().parent.parent
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")

_DOC_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _refused(path: Path, *words: str, convert: bool = False, seconds: float = 2.0) -> DraftError:
    """Import `path`, expect a DraftError naming the file and holding every one of `words`, in time."""
    start = time.monotonic()
    with pytest.raises(DraftError) as info:
        import_docx(path, convert=convert)
    assert time.monotonic() - start < seconds
    message = str(info.value)
    assert message.startswith(path.name + "：")
    for word in words:
        assert word in message
    return info.value


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A good report (every figure distinct) to damage in various ways."""
    return write_docx(tmp_path_factory.mktemp("good") / "good.docx", report_parts(distinct_draft()))


# ---------------------------------------------------------------------------------------------------------
# Zip bombs and size caps


def test_zip_bomb_refused_before_unpacking(tmp_path: Path) -> None:
    bomb = zip_bomb(tmp_path / "bomb.docx", megabytes=64)
    assert bomb.stat().st_size < 1024 * 1024  # 64 MB of zeros packed into well under 1 MB
    error = _refused(bomb, "压缩比异常", "压缩炸弹")
    assert isinstance(error, DocxFormatError) and error.kind == "zipbomb"


def test_markup_bomb_refused_before_parsing(tmp_path: Path) -> None:
    bomb = markup_bomb(tmp_path / "bomb.docx", megabytes=8)
    assert bomb.stat().st_size < 100 * 1024  # millions of empty paragraphs from a few KB
    error = _refused(bomb, "压缩比异常", "压缩炸弹")
    assert isinstance(error, DocxFormatError) and error.kind == "zipbomb"


def test_million_members_refused_before_the_directory_is_read(tmp_path: Path) -> None:
    """92 MB, under the size cap: listing the members first took 12 s and 594 MB before the refusal."""
    many = many_members_zip(tmp_path / "many.docx", 1_000_000)
    assert many.stat().st_size < 200 * 1024 * 1024
    tracemalloc.start()
    try:
        error = _refused(many, "压缩包内有 1000000 个文件", "不予读取")
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(error, DocxFormatError) and error.kind == "zipbomb"
    assert peak < 16 * 1024 * 1024


def test_a_figure_of_thousands_of_digits_in_a_table_is_named_not_a_crash(tmp_path: Path) -> None:
    """Python's int/str limit (4,300 digits) raised ValueError out of the import."""
    draft = distinct_draft()
    tables = official_tables(draft)
    assert tables["applications"].count(">501<") == 1
    tables["applications"] = tables["applications"].replace(">501<", ">" + "9" * 5000 + "<")
    path = write_docx(tmp_path / "digits.docx", report_parts(draft, tables))
    result = import_docx(path)
    [bad] = [f for f in result.findings if f.rule == "I5"]
    assert bad.severity.value == "error" and "9999" in bad.message
    read, meant = figures(result.draft), figures(draft)
    differ = {k for k in meant if read[k] != meant[k] and not k.endswith("/total") and "total_handled" not in k}
    assert [(k, meant[k], read[k]) for k in differ] == [(next(iter(differ)), 501, None)]


def test_declared_size_over_the_cap_refused(tmp_path: Path, report: Path) -> None:
    liar = tmp_path / "huge.docx"
    shutil.copyfile(report, liar)
    declared_size(liar, "word/document.xml", 3_000_000_000)
    _refused(liar, "超出正常 Word 文件的大小")


def test_size_lie_in_the_other_direction_is_damage_not_a_crash(tmp_path: Path, report: Path) -> None:
    """A member that claims to be smaller than it is: reading stops at the claimed size (CRC fails)."""
    liar = tmp_path / "small.docx"
    shutil.copyfile(report, liar)
    declared_size(liar, "word/document.xml", 100)
    _refused(liar, "已损坏")


# ---------------------------------------------------------------------------------------------------------
# XML attacks


def test_external_entity_is_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-机密", encoding="utf-8")
    xml = (
        f'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">'
        '<!ENTITY net SYSTEM "http://192.0.2.1/steal">]>'
        f"<w:document {_DOC_NS}><w:body><w:p><w:r><w:t>&xxe;&net;</w:t></w:r></w:p></w:body></w:document>"
    )
    error = _refused(raw_docx(tmp_path / "xxe.docx", xml), "DTD")
    assert "TOP-SECRET" not in str(error)


def test_entity_expansion_bomb_is_refused_quickly(tmp_path: Path) -> None:
    entities = '<!ENTITY a0 "哈哈哈哈哈哈哈哈哈哈">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)
    )
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE w:document [{entities}]>'
        f"<w:document {_DOC_NS}><w:body><w:p><w:r><w:t>&a9;</w:t></w:r></w:p></w:body></w:document>"
    )
    _refused(raw_docx(tmp_path / "laughs.docx", xml), "DTD")


def test_dtd_in_a_relationship_part_is_refused(tmp_path: Path) -> None:
    rels = (
        '<?xml version="1.0"?><!DOCTYPE Relationships [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">&x;</Relationships>'
    )
    path = raw_docx(tmp_path / "rels.docx", f"<w:document {_DOC_NS}><w:body/></w:document>")
    import zipfile

    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("word/_rels/document.xml.rels", rels)
    _refused(path, "DTD")


def test_malformed_xml_is_damage(tmp_path: Path) -> None:
    _refused(raw_docx(tmp_path / "broken.docx", f"<w:document {_DOC_NS}><w:body><w:p>"), "不是有效的 XML")


# ---------------------------------------------------------------------------------------------------------
# Damaged and foreign files


def test_truncated_docx(tmp_path: Path, report: Path) -> None:
    _refused(cut(report, tmp_path / "half.docx", 0.5), "文件不完整", "复制")


def test_non_zip_and_empty_files(tmp_path: Path) -> None:
    text = tmp_path / "notes.docx"
    text.write_text("这只是一个文本文件，被改成了 .docx 的名字。\n" * 20, encoding="utf-8")
    _refused(text, "不是 Word 文档")
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    _refused(empty, "文件是空的")
    _refused(tmp_path / "missing.docx", "文件不存在")


def test_pdf_rtf_and_html_are_named(tmp_path: Path) -> None:
    pdf = tmp_path / "report.docx"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    _refused(pdf, "这是 PDF 文件", "Word 原件")
    rtf = tmp_path / "report2.docx"
    rtf.write_bytes(rb"{\rtf1\ansi\ansicpg936 {\fonttbl} hello}")
    _refused(rtf, "RTF 格式", "另存为")
    html = tmp_path / "report3.doc"
    html.write_text("<html><body><table><tr><td>1</td></tr></table></body></html>", encoding="utf-8")
    _refused(html, "网页（HTML）格式")


PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"


def test_other_office_files_and_plain_zips(tmp_path: Path) -> None:
    import zipfile

    xlsx = tmp_path / "table.docx"
    with zipfile.ZipFile(xlsx, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
    _refused(xlsx, "Excel")
    # a real workbook, as the county's own 审核结果.xlsx: its package names its main part (xl/workbook.xml)
    import openpyxl

    book = openpyxl.Workbook()
    book.active["A1"] = "单位"
    book.save(tmp_path / "审核结果.xlsx")
    _refused(tmp_path / "审核结果.xlsx", "这是 Excel 表格文件（.xlsx），不是 Word 文档")
    deck = tmp_path / "汇报.docx"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
    with zipfile.ZipFile(deck, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{PKG_RELS}"><Relationship Id="r1" Type="{rel}" '
            'Target="ppt/presentation.xml"/></Relationships>',
        )
        zf.writestr("ppt/presentation.xml", "<presentation/>")
    _refused(deck, "这是 PowerPoint 演示文稿（.pptx），不是 Word 文档")
    plain = tmp_path / "bundle.docx"
    with zipfile.ZipFile(plain, "w") as zf:
        zf.writestr("年报.docx", b"PK")
    _refused(plain, "普通的 ZIP 压缩包", "解压")


def test_doc_renamed_docx_names_the_format(tmp_path: Path) -> None:
    fake = ole2_file(tmp_path / "年报.docx")
    error = _refused(fake, "Word 97-2003 格式（.doc）", "另存为", "docx")
    assert isinstance(error, DocxFormatError) and error.convertible


def test_wps_and_encrypted_files(tmp_path: Path) -> None:
    _refused(ole2_file(tmp_path / "年报.wps"), "WPS 文字", "另存为")
    error = _refused(ole2_file(tmp_path / "加密.docx", "EncryptedPackage"), "密码")
    assert isinstance(error, DocxFormatError) and not error.convertible


def test_strict_open_xml_named(tmp_path: Path, report: Path) -> None:
    _refused(strict_copy(report, tmp_path / "strict.docx"), "Strict Open XML", "另存为")


def test_alt_chunk_only_named(tmp_path: Path) -> None:
    path = alt_chunk_docx(tmp_path / "web.docx", report_html(distinct_draft()))
    _refused(path, "嵌入网页", "altChunk")


def test_docx_without_tables(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "letter.docx", [para("关于报送年度报告的函"), para("各位领导：……")])
    _refused(path, "文件中没有表格", "未找到表二、表三、表四")


def test_docx_with_other_tables_names_what_is_missing(tmp_path: Path) -> None:
    draft = distinct_draft()
    parts = [p for p in report_parts(draft) if "行政复议" not in p or "<w:tbl>" not in p]
    error = _refused(write_docx(tmp_path / "partial.docx", parts), "未找到表四（政府信息公开行政复议、行政诉讼情况）")
    assert "表三" not in str(error) and "表二" not in str(error)


def test_open_report_and_cli_on_bad_files(tmp_path: Path) -> None:
    fake = ole2_file(tmp_path / "年报.doc")
    with pytest.raises(DraftError):
        open_report(tmp_path / "missing.docx")
    env = {"PATH": "/nonexistent", "HOME": str(tmp_path)}  # no LibreOffice on PATH: no conversion
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "check", str(fake)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert "年报.doc" in proc.stderr and "Word 97-2003" in proc.stderr and "另存为" in proc.stderr
    assert "Traceback" not in proc.stderr


# ---------------------------------------------------------------------------------------------------------
# Conversion with LibreOffice


@pytest.fixture(scope="module")
def real_doc(tmp_path_factory: pytest.TempPathFactory, report: Path) -> Path:
    """A real Word 97-2003 .doc of the good report, made by LibreOffice."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) not installed")
    folder = tmp_path_factory.mktemp("doc")
    profile = (folder / "profile").as_uri()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "doc:MS Word 97",
            "--outdir",
            str(folder),
            str(report),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return folder / "good.doc"


@needs_soffice
def test_real_doc_converted_and_read(tmp_path: Path, real_doc: Path) -> None:
    renamed = tmp_path / "年报.docx"  # a .doc renamed .docx: recognised by content, not by name
    shutil.copyfile(real_doc, renamed)
    with pytest.raises(DraftError, match="Word 97-2003"):
        import_docx(renamed, convert=False)
    result = import_docx(renamed)
    assert figures(result.draft) == figures(distinct_draft())
    assert result.findings[0].rule == "I10" and "Word 97-2003" in result.findings[0].message
    assert [f.rule for f in result.findings] == ["I10"]


@needs_soffice
def test_wps_named_doc_converted(tmp_path: Path, real_doc: Path) -> None:
    wps = tmp_path / "年报.wps"
    shutil.copyfile(real_doc, wps)
    result = import_docx(wps)
    assert figures(result.draft) == figures(distinct_draft())
    assert "WPS" in result.findings[0].message


@needs_soffice
def test_strict_and_alt_chunk_converted(tmp_path: Path, report: Path) -> None:
    draft = distinct_draft()
    result = import_docx(strict_copy(report, tmp_path / "strict.docx"))
    assert figures(result.draft) == figures(draft)
    assert result.findings[0].rule == "I10" and "Strict" in result.findings[0].message
    result = import_docx(alt_chunk_docx(tmp_path / "web.docx", report_html(draft)))
    assert figures(result.draft) == figures(draft)
    assert (result.draft.agency, result.draft.year) == (draft.agency, draft.year)
    assert "嵌入网页" in result.findings[0].message


@needs_soffice
def test_conversion_that_finds_no_report_says_both(tmp_path: Path) -> None:
    rtf = tmp_path / "memo.rtf"
    rtf.write_bytes(rb"{\rtf1\ansi hello world\par}")
    with pytest.raises(DraftError) as info:
        import_docx(rtf)
    message = str(info.value)
    assert message.startswith("memo.rtf：") and "RTF 格式" in message and "LibreOffice" in message
    assert "没有表格" in message


def test_nesting_beyond_any_real_document_is_refused(tmp_path: Path) -> None:
    depth = 400
    xml = (
        f"<w:document {_DOC_NS}><w:body>"
        + "<w:sdt><w:sdtContent>" * depth
        + "<w:p/>"
        + "</w:sdtContent></w:sdt>" * depth
        + "</w:body></w:document>"
    )
    _refused(raw_docx(tmp_path / "deep.docx", xml), "嵌套过深")


def test_huge_cell_text_does_not_stall_the_reader(tmp_path: Path) -> None:
    """A cell holding a megabyte of text (pasted by mistake, or hostile) is compared cheaply."""
    draft = distinct_draft()
    parts = report_parts(draft)
    import random

    rng = random.Random(7)
    blob = "".join(rng.choices("自然人商业企业科研机构社会公益组织法律服务其他总计一二三四五", k=400_000))
    parts.insert(3, "<w:tbl><w:tr>" + f"<w:tc>{para(blob)}</w:tc>" * 3 + "</w:tr></w:tbl>")
    start = time.monotonic()
    result = import_docx(write_docx(tmp_path / "huge-cell.docx", parts))
    assert time.monotonic() - start < 5
    assert figures(result.draft) == figures(draft)


def test_odt_and_word_2003_xml_are_named(tmp_path: Path) -> None:
    import zipfile

    odt = tmp_path / "年报.docx"
    with zipfile.ZipFile(odt, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", "<office:document-content/>")
    error = _refused(odt, "OpenDocument", "另存为")
    assert isinstance(error, DocxFormatError) and error.convertible
    xml2003 = tmp_path / "年报.xml.doc"
    xml2003.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><?mso-application progid="Word.Document"?>'
        '<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml"/>',
        encoding="utf-8",
    )
    _refused(xml2003, "Word 2003 XML")
