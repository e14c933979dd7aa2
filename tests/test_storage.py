"""Draft files: round trip, clear Chinese messages for bad files, atomic saves with .bak."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import ROOT
from faults import run_failing_write, save_sample_as

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


@pytest.mark.parametrize("value", ["2025-02-30", "0000-01-01", "2025-04-31"])  # 0000: no year 0 in the calendar
def test_impossible_date_is_named(tmp_path: Path, sample_path: Path, value: str) -> None:
    data = json.loads(sample_path.read_text(encoding="utf-8"))
    data["signing_date"] = value
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


# ---------------------------------------------------------------------------------------------------------
# What a security-minded trial found: hostile drafts, and the .bak


def _sample_text(sample_path: Path, edit: str, value: str) -> str:
    """The sample draft as JSON text with the value at `edit` (keys joined by '/') replaced by the raw JSON
    text `value` (so that 2024.0, 1e308 and 5,000-digit numbers stand in the file as written)."""
    data = json.loads(sample_path.read_text(encoding="utf-8"))
    *parents, last = edit.split("/")
    node = data
    for key in parents:
        node = node[key]
    node[last] = "@@VALUE@@"
    return json.dumps(data, ensure_ascii=False).replace('"@@VALUE@@"', value)


@pytest.mark.parametrize(
    ("edit", "value", "expected"),
    [
        ("narrative/problems", '"问题\\ud800改进"', "含有无效字符（孤立的代理码位 U+D800"),
        ("agency", '"\\udfff"', "机关全称 含有无效字符（孤立的代理码位 U+DFFF"),
        ("year", "2024.0", "报告年度 的值 2024.0 带有小数点，应写为整数 2024"),
        ("applications/new_received/natural_person", "1.0", "自然人 的值 1.0 带有小数点，应写为整数 1"),
        ("applications/new_received/natural_person", "1e308", "自然人 的值 1e+308 不是整数"),
        ("cases/review/upheld", "1E400", "结果维持 的值 Infinity 不是整数"),
        ("applications/new_received/natural_person", "9" * 5000, "自然人 的数字有 5000 位，超出任何实际数字的范围"),
        ("year", "-" + "2" * 4400, "报告年度 的数字有 4400 位"),
        ("explanations", "[" * 100_000 + "]" * 100_000, "嵌套过深"),
        ("explanations", "[" * 500 + "]" * 500, "嵌套超过 16 层"),
    ],
    ids=[
        "lone-surrogate",
        "lone-surrogate-agency",
        "year-float",
        "count-float",
        "count-1e308",
        "count-infinity",
        "5000-digits",
        "4400-digits-negative",
        "nesting-100000",
        "nesting-500",
    ],
)
def test_hostile_drafts_are_refused_in_chinese(
    tmp_path: Path, sample_path: Path, edit: str, value: str, expected: str
) -> None:
    """Each of these raised a Python exception (UnicodeEncodeError on saving, RecursionError, ValueError of
    the int/str limit) or was taken as a count of 1.0 件 and a year 「2024.0年」."""
    path = tmp_path / "hostile.json"
    path.write_text(_sample_text(sample_path, edit, value), encoding="utf-8")
    with pytest.raises(DraftError) as info:
        load_draft(path)
    assert str(info.value).startswith("hostile.json：")
    assert expected in str(info.value)


def test_bak_that_is_a_symbolic_link_is_replaced_not_followed(tmp_path: Path, sample_draft: Draft) -> None:
    path = tmp_path / "d.json"
    save_draft(sample_draft, path)
    first = path.read_bytes()
    victim = tmp_path / "victim.txt"
    victim.write_text("别人的文件", encoding="utf-8")
    (tmp_path / "d.json.bak").symlink_to(victim)
    sample_draft.agency = "另一个机关"
    save_draft(sample_draft, path)
    assert victim.read_text(encoding="utf-8") == "别人的文件"
    backup = tmp_path / "d.json.bak"
    assert not backup.is_symlink() and backup.read_bytes() == first
    assert load_draft(path).agency == "另一个机关"


@pytest.mark.parametrize("kind", ["folder", "read-only file"])
def test_bak_that_cannot_be_written_does_not_block_saving(tmp_path: Path, sample_draft: Draft, kind: str) -> None:
    path = tmp_path / "d.json"
    save_draft(sample_draft, path)
    backup = tmp_path / "d.json.bak"
    if kind == "folder":
        backup.mkdir()
        (backup / "inside.txt").write_text("留着", encoding="utf-8")
    else:
        backup.write_text("旧的备份", encoding="utf-8")
        backup.chmod(0o444)
    sample_draft.agency = "另一个机关"
    save_draft(sample_draft, path)  # before: DraftError 「文件夹只读或没有写入权限」
    assert load_draft(path).agency == "另一个机关"
    if kind == "folder":
        assert (backup / "inside.txt").read_text(encoding="utf-8") == "留着"
    else:
        assert load_draft(backup).agency == "米易县草场镇人民政府"  # replaced by the previous version
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_full_disk_while_keeping_the_bak_leaves_the_old_bak_whole(tmp_path: Path, sample_draft: Draft) -> None:
    """The old draft is larger than what the disk still takes: its copy to .bak fails part-way. Before, the
    .bak was written in place and left cut off; now the old .bak stays whole and the save goes on."""
    path = tmp_path / "d.json"
    save_draft(sample_draft, path)
    sample_draft.preamble = "x" * 300_000
    save_draft(sample_draft, path)  # d.json: large; d.json.bak: the plain sample
    good_backup = (tmp_path / "d.json.bak").read_bytes()
    body = save_sample_as("新的机关", path)
    result = run_failing_write(body, tmp_path, file_limit=len(good_backup) + 4096)
    assert result.returncode == 0, result.stdout + result.stderr
    assert load_draft(path).agency == "新的机关"
    assert (tmp_path / "d.json.bak").read_bytes() == good_backup
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.json", "d.json.bak"]


def test_temporary_files_left_by_killed_saves_are_removed(tmp_path: Path, sample_draft: Draft) -> None:
    path = tmp_path / "d.json"
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = int(ended.stdout)
    leftovers = [tmp_path / f".d.json.{dead}.k2j3h4g5.tmp", tmp_path / f".d.json.bak.{dead}.a8d7f6s5.tmp"]
    old_style = tmp_path / ".d.json.x7c6v5b4.tmp"  # without a process id (an older version's name)
    for p in [*leftovers, old_style]:
        p.write_bytes(b"{" * 1000)
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(old_style, (two_days_ago, two_days_ago))
    writing = tmp_path / f".d.json.{os.getpid()}.q1w2e3r4.tmp"  # a save still running (this process)
    recent = tmp_path / ".d.json.z9x8c7v6.tmp"  # no process id and recent: it may still be written
    others = tmp_path / f".e.json.{dead}.m1n2b3v4.tmp"  # another file's
    for p in (writing, recent, others):
        p.write_bytes(b"{")
    save_draft(sample_draft, path)
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted(["d.json", writing.name, recent.name, others.name])
