"""Draft files: round trip, clear Chinese messages for bad files, atomic saves with .bak."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import ROOT
from faults import run_failing_write

from model.draft import Draft
from model.storage.drafts import DraftError, load_draft, save_draft


def test_round_trip_keeps_every_value(tmp_path: Path, sample_draft: Draft) -> None:
    sample_draft.proactive["admin_fees"]["amount"] = Decimal("12.3456")
    sample_draft.set_application("new_received", "natural_person", 5)
    sample_draft.explanations["X2:proactive:regulations:in_force"] = "有文件到期失效"
    path = tmp_path / "d.json"
    save_draft(sample_draft, path)
    again = load_draft(path)
    assert again == sample_draft
    assert again.proactive["admin_fees"]["amount"] == Decimal("12.3456")
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == "2021"


def test_a_report_without_sub_points_stays_without_them(tmp_path: Path, sample_draft: Draft) -> None:
    """A report printed without 一's sub-points is read with none; saved and opened again, the five default
    headings must not come back (they would be five empty sub-points, N5 errors the office never made)."""
    sample_draft.overview_points = []
    path = tmp_path / "无小标题.json"
    save_draft(sample_draft, path)
    assert json.loads(path.read_text(encoding="utf-8"))["narrative"]["overview_points"] == []
    assert load_draft(path).overview_points == []


def test_totals_are_stored_as_given(tmp_path: Path, sample_path: Path) -> None:
    data = json.loads(sample_path.read_text(encoding="utf-8"))
    data["applications"]["total_handled"]["total"] = 99
    path = tmp_path / "wrong.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert load_draft(path).applications["total_handled"]["total"] == 99


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "空的"),
        (b'{"format": "2021", "schema_version": 1, "agency": "x"', "不完整"),
        (b'{"format": "2021",, }', "已损坏（第 1 行附近）"),
        (b'{"hello": 1}', "不是年报填报助手的草稿文件"),
        (b"PK\x03\x04" + bytes(range(200, 256)), "压缩包或 Word 文件"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "Word 97-2003"),
        ('{"机关": "草场镇"}'.encode("gbk"), "不是年报填报助手的草稿文件"),
        (b'{"format": "2019", "schema_version": 1}', "只编辑"),
        (b'{"format": "2021", "schema_version": 99}', "较新版本"),
    ],
)
def test_bad_files_get_chinese_messages(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(DraftError) as info:
        load_draft(path)
    assert expected in str(info.value)
    assert "bad.json" in str(info.value)


def test_invalid_field_is_named_by_official_label(tmp_path: Path, sample_path: Path) -> None:
    data = json.loads(sample_path.read_text(encoding="utf-8"))
    data["applications"]["carried_forward"]["commercial"] = "五"
    path = tmp_path / "d.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DraftError) as info:
        load_draft(path)
    message = str(info.value)
    assert "四、结转下年度继续办理" in message and "商业企业" in message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DraftError, match="不存在"):
        load_draft(tmp_path / "none.json")


def test_save_keeps_previous_version_as_bak(tmp_path: Path, sample_draft: Draft) -> None:
    path = tmp_path / "d.json"
    save_draft(sample_draft, path)
    first = path.read_bytes()
    sample_draft.agency = "另一个机关"
    save_draft(sample_draft, path)
    assert (tmp_path / "d.json.bak").read_bytes() == first
    assert load_draft(path).agency == "另一个机关"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def _save_in_subprocess(folder: Path, read_only_mount: bool = False, file_limit: int | None = None):
    """Save the sample into `folder` in a child process: with `folder` mounted read-only (like a
    write-protected USB stick; needs root and `unshare`) and/or under RLIMIT_FSIZE `file_limit`."""
    body = f"""
from model.storage.drafts import DraftError, load_draft, save_draft
draft = load_draft({str(ROOT / "resources" / "sample-caochang-2024.json")!r})
draft.preamble = "x" * 100000
try:
    save_draft(draft, {str(folder / "d.json")!r})
except DraftError as exc:
    print(exc)
    sys.exit(3)
"""
    return run_failing_write(body, folder, read_only_mount=read_only_mount, file_limit=file_limit)


def test_save_into_read_only_folder_fails_cleanly(tmp_path: Path, sample_draft: Draft) -> None:
    folder = Path(tempfile.mkdtemp(prefix="ro-"))
    try:
        save_draft(sample_draft, folder / "d.json")
        before = (folder / "d.json").read_bytes()
        as_root = os.geteuid() == 0
        if as_root and not shutil.which("unshare"):
            pytest.skip("root ignores folder permissions and unshare is missing")
        folder.chmod(0o555)
        # root ignores folder permissions: then mount the folder read-only in a private mount namespace
        result = _save_in_subprocess(folder, read_only_mount=as_root)
        if as_root and "unshare" in result.stderr:
            pytest.skip(f"cannot make a read-only mount here: {result.stderr.strip()}")
        assert result.returncode == 3, result.stderr
        assert "只读" in result.stdout or "权限" in result.stdout
        assert (folder / "d.json").read_bytes() == before
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


def test_save_into_vanished_folder_fails_cleanly(tmp_path: Path, sample_draft: Draft) -> None:
    with pytest.raises(DraftError, match="不存在|U 盘"):
        save_draft(sample_draft, tmp_path / "pulled-usb" / "d.json")


def test_save_that_runs_out_of_space_keeps_the_old_file(tmp_path: Path, sample_draft: Draft) -> None:
    save_draft(sample_draft, tmp_path / "d.json")
    before = (tmp_path / "d.json").read_bytes()
    # a file-size limit makes the write fail part-way, as a full disk or a pulled USB stick does
    result = _save_in_subprocess(tmp_path, file_limit=len(before) + 10)
    assert result.returncode == 3, result.stderr
    assert "未能保存" in result.stdout and "原文件未改动" in result.stdout
    assert (tmp_path / "d.json").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.json"]


def test_impossible_date_is_named(tmp_path: Path, sample_path: Path) -> None:
    data = json.loads(sample_path.read_text(encoding="utf-8"))
    data["signing_date"] = "2025-02-30"
    path = tmp_path / "d.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DraftError, match="成文日期.*不是有效的日期"):
        load_draft(path)


def test_damaged_draft_points_to_the_backup(tmp_path: Path, sample_draft: Draft) -> None:
    path = tmp_path / "d.json"
    save_draft(sample_draft, path)
    save_draft(sample_draft, path)  # now d.json.bak exists
    path.write_bytes(path.read_bytes()[:300])
    with pytest.raises(DraftError, match=r"不完整.*d\.json\.bak 是上一次保存的版本"):
        load_draft(path)
    assert load_draft(tmp_path / "d.json.bak") == sample_draft


def test_saved_file_has_ordinary_permissions(tmp_path: Path, sample_draft: Draft) -> None:
    old = os.umask(0o022)
    try:
        save_draft(sample_draft, tmp_path / "d.json")
    finally:
        os.umask(old)
    assert (tmp_path / "d.json").stat().st_mode & 0o777 == 0o644
    (tmp_path / "d.json").chmod(0o640)
    save_draft(sample_draft, tmp_path / "d.json")
    assert (tmp_path / "d.json").stat().st_mode & 0o777 == 0o640


def test_year_out_of_range_is_said_in_chinese(tmp_path: Path, sample_path: Path) -> None:
    data = json.loads(sample_path.read_text(encoding="utf-8"))
    data["year"] = 20245
    path = tmp_path / "d.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DraftError) as info:
        load_draft(path)
    assert "报告年度 的值 20245 超出范围（应为 2000–2100）" in str(info.value)
    assert "greater" not in str(info.value)
