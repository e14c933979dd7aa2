"""What a clerk reads when a draft file cannot be opened, to the letter, and where the limits lie: the size
cap, the digit cap, the nesting cap, a file cut short (a save or a USB copy interrupted) against a file
that is damaged or is no draft, the count of further problems, and leftovers of killed saves by age."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from model.storage.drafts import (
    MAX_DRAFT_BYTES,
    MAX_JSON_DIGITS,
    STALE_AFTER_SECONDS,
    DraftError,
    TooManyDigits,
    decode_json,
    load_draft,
    parse_draft,
    remove_stale_temporaries,
)


def _sample(sample_path: Path) -> dict:
    return json.loads(sample_path.read_text(encoding="utf-8"))


def _refusal(path: Path) -> str:
    with pytest.raises(DraftError) as info:
        load_draft(path)
    return str(info.value)


def _parse_refusal(data: object) -> str:
    with pytest.raises(DraftError) as info:
        parse_draft(data, "d.json")
    return info.value.reason


# ---------------------------------------------------------------------------------------------------------
# Limits


def test_the_size_cap_is_twenty_megabytes(tmp_path: Path) -> None:
    """20 MB exactly is read (here: blank, so 「文件是空的」); one byte more is refused as 「文件过大（20 MB）」."""
    assert MAX_DRAFT_BYTES == 20 * 1024 * 1024
    at_cap = tmp_path / "at.json"
    at_cap.write_bytes(b" " * MAX_DRAFT_BYTES)
    assert "文件是空的" in _refusal(at_cap)
    over = tmp_path / "over.json"
    with over.open("wb") as fh:
        fh.truncate(MAX_DRAFT_BYTES + 1)  # sparse: costs no disk
    assert _refusal(over) == "over.json：文件过大（20 MB），不是草稿文件"


def test_the_digit_cap_is_thirty_digits() -> None:
    assert MAX_JSON_DIGITS == 30
    assert decode_json("9" * 30) == int("9" * 30)
    assert decode_json("-" + "9" * 30) == -int("9" * 30)
    too_long = decode_json("[" + "9" * 31 + "]")[0]
    assert isinstance(too_long, TooManyDigits)
    assert repr(too_long) == "999999999999…（31 位）"


def test_a_figure_of_thirty_one_digits_is_named_with_its_length(sample_path: Path) -> None:
    text = json.dumps(_sample(sample_path)).replace('"natural_person": 0', '"natural_person": ' + "1" * 31, 1)
    data = decode_json(text)
    assert "的数字有 31 位，超出任何实际数字的范围（最多 30 位）" in _parse_refusal(data)


def _nested(depth: int) -> object:
    value: object = []
    for _ in range(depth - 1):
        value = [value]
    return value


def test_nesting_of_sixteen_levels_is_still_judged_by_the_schema(sample_path: Path) -> None:
    """16 lists inside one another under 「stale_sections」: as deep as the walk allows; the schema refuses
    it as a field that is no text, not as too deep."""
    data = _sample(sample_path)
    data["stale_sections"] = _nested(16)
    reason = _parse_refusal(data)
    assert reason.startswith("stale_sections › 第 1 项 的值 [[[") and reason.endswith("应为文字")
    assert "嵌套" not in reason


def test_nesting_of_seventeen_levels_is_refused_as_too_deep(sample_path: Path) -> None:
    data = _sample(sample_path)
    data["stale_sections"] = _nested(17)
    assert _parse_refusal(data) == "内容嵌套超过 16 层，不是年报填报助手的草稿文件"


# ---------------------------------------------------------------------------------------------------------
# Schema messages: named by the official label, with the count of further problems


def test_a_missing_field_is_named_by_its_official_label(sample_path: Path) -> None:
    data = _sample(sample_path)
    del data["agency"]
    assert _parse_refusal(data) == "文件顶层 缺少必填项「机关全称」"
    data = _sample(sample_path)
    del data["narrative"]["problems"]
    assert _parse_refusal(data) == "正文 缺少必填项「五、存在的主要问题及改进情况」"


def test_the_further_problems_are_counted(sample_path: Path) -> None:
    """Three bad fields: the first is named and 「另有 2 处问题」 follows."""
    data = _sample(sample_path)
    del data["agency"]
    data["contact"] = 5
    data["stale_sections"] = ["一", 7]
    reason = _parse_refusal(data)
    assert reason.endswith("（另有 2 处问题）")
    assert reason.startswith("文件顶层 缺少必填项「机关全称」")


def test_an_item_of_a_list_is_named_by_its_place(sample_path: Path) -> None:
    """The second sub-point of 一 holding a number: 「第 2 项」 (counted from 1), its text named 「内容」."""
    data = _sample(sample_path)
    data["narrative"]["overview_points"][1]["text"] = 5
    assert _parse_refusal(data) == "正文 › 一、总体情况 小标题 › 第 2 项 › 内容 的值 5 应为文字"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("甲" * 38, '"' + "甲" * 38 + '"'),  # 40 characters with its quotes: shown whole
        ("甲" * 39, '"' + "甲" * 39 + "…"),  # 41: cut at 40
        ("某" * 100, '"' + "某" * 39 + "…"),
    ],
    ids=["40-whole", "41-cut", "long"],
)
def test_a_foreign_format_is_shown_as_written_at_most_forty_characters(
    sample_path: Path, value: str, shown: str
) -> None:
    data = _sample(sample_path)
    data["format"] = value
    assert _parse_refusal(data).startswith(f"报告格式为「{shown}」，本程序只编辑")


# ---------------------------------------------------------------------------------------------------------
# Cut short, damaged, or no draft at all


CUT = "文件不完整（内容在结尾处中断，可能保存时被中断或复制未完成）"
DAMAGED = "文件内容已损坏（第 1 行附近），可能被其他程序改动过"


@pytest.mark.parametrize(
    "text",
    [
        '{"format": "2021", "year": -',  # cut after a minus sign
        '{"format": "2021", "year": 20.',  # cut after a decimal point
        '{"format": "2021", "year": nu',  # cut inside null
        '{"format": "2021", "done": fals',  # cut inside false
        '{"format": "2021", "agency": "\\u53',  # cut inside a \u escape
        '{"format": "2021", "agency": "草场',  # a string running on to the end
        '{"format": "2021", "year": 2024',
    ],
    ids=["minus", "point", "null", "false", "escape", "string", "number"],
)
def test_a_file_cut_short_is_called_incomplete(tmp_path: Path, text: str) -> None:
    path = tmp_path / "cut.json"
    path.write_text(text, encoding="utf-8")
    assert _refusal(path) == f"cut.json：{CUT}"


@pytest.mark.parametrize(
    "text",
    [
        '{"format": "2021", "year": nul}',
        '{"format": "2021" "year": 2024}',
        '{"agency": "\\u53zz"}',
        '{"agency": "\\uz5',
        '{"year": 2024 x}',
    ],
    ids=["bad-null", "missing-comma", "bad-escape", "bad-escape-at-end", "stray-letter-before-end"],
)
def test_a_damaged_file_is_called_damaged(tmp_path: Path, text: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    assert _refusal(path) == f"bad.json：{DAMAGED}"


@pytest.mark.parametrize("padding", range(4))
@pytest.mark.parametrize("kept", [1, 2])
def test_a_file_cut_inside_a_chinese_character_is_incomplete(tmp_path: Path, padding: int, kept: int) -> None:
    """The last character 「镇」 cut after 1 or 2 of its 3 bytes, whatever the file's length."""
    path = tmp_path / "cut.json"
    path.write_bytes(('{"agency": "草场' + "x" * padding).encode() + "镇".encode()[:kept])
    assert _refusal(path) == f"cut.json：{CUT}"


def test_a_file_with_a_foreign_byte_inside_is_no_draft(tmp_path: Path) -> None:
    """A byte that is no UTF-8 two thirds into the file (a GBK text, a binary): not a draft, not cut short."""
    path = tmp_path / "gbk.json"
    path.write_bytes(b'{"agency": "' + b"x" * 20 + b"\xff" + b"x" * 10 + b'"}')
    assert _refusal(path) == "gbk.json：不是年报填报助手的草稿文件（草稿是 UTF-8 文本，此文件不是）"


@pytest.mark.parametrize("after", [b"", b"}", b'"}', b'"}\n', b'"}\n\n'])
def test_a_foreign_byte_near_the_end_is_no_draft(tmp_path: Path, after: bytes) -> None:
    """A byte no UTF-8 text holds, 0 to 4 bytes from the end: not a character cut off by an interrupted save."""
    path = tmp_path / "gbk.json"
    path.write_bytes(b'{"agency": "x' + b"\xff" + after)
    assert _refusal(path).endswith("（草稿是 UTF-8 文本，此文件不是）")


# ---------------------------------------------------------------------------------------------------------
# Leftovers of killed saves, by age


def test_a_leftover_without_a_process_id_is_removed_after_a_day(tmp_path: Path) -> None:
    """A 「.<name>.<random>.tmp」 whose writer cannot be asked: kept at 23 hours, removed just past 24."""
    assert STALE_AFTER_SECONDS == 24 * 3600
    target = tmp_path / "报告.json"
    young, old = tmp_path / ".报告.json.young.tmp", tmp_path / ".报告.json.old.tmp"
    for path, age in ((young, 23 * 3600), (old, 24 * 3600 + 10)):
        path.write_bytes(b"{")
        moment = time.time() - age
        os.utime(path, (moment, moment))
    assert remove_stale_temporaries(target) == [old]
    assert young.exists() and not old.exists()


# ---------------------------------------------------------------------------------------------------------
# More edges the mutation run found


def test_a_huge_file_states_its_size_in_megabytes(tmp_path: Path) -> None:
    """2 GiB (sparse): 「2048 MB」 — 1024 × 1024 bytes a megabyte."""
    huge = tmp_path / "huge.json"
    with huge.open("wb") as fh:
        fh.truncate(2**31)
    assert _refusal(huge) == "huge.json：文件过大（2048 MB），不是草稿文件"


def test_a_whole_float_too_large_to_be_a_figure_is_no_whole_number(sample_path: Path) -> None:
    """1e31 has no fraction but 32 digits: 「不是整数」, not 「应写为整数 10000000000000000000000000000000」."""
    text = json.dumps(_sample(sample_path)).replace('"natural_person": 0', '"natural_person": 1e31', 1)
    reason = _parse_refusal(decode_json(text))
    assert "自然人 的值 1e+31 不是整数（应为不小于 0 的整数）" in reason


def test_a_count_given_as_text_is_no_valid_number(sample_path: Path) -> None:
    """Only a text field says 「应为文字」; a count written 「五」 is no valid number."""
    data = _sample(sample_path)
    data["applications"]["carried_forward"]["commercial"] = "五"
    reason = _parse_refusal(data)
    assert reason.endswith('商业企业 的值 "五" 不是有效的数字或格式（应为不小于 0 的整数、金额或日期）')


def test_a_file_with_a_version_but_no_format_mark_is_no_draft() -> None:
    assert _parse_refusal({"schema_version": 1}) == "不是年报填报助手的草稿文件（缺少 format / schema_version 标记）"


def test_an_older_schema_version_is_not_called_newer(sample_path: Path) -> None:
    data = _sample(sample_path)
    data["schema_version"] = 0
    reason = _parse_refusal(data)
    assert "较新版本" not in reason and reason.startswith("schema_version 不符合草稿格式")


def test_two_problems_say_one_more(sample_path: Path) -> None:
    data = _sample(sample_path)
    del data["agency"]
    data["contact"] = 5
    assert _parse_refusal(data) == "文件顶层 缺少必填项「机关全称」（另有 1 处问题）"


def test_a_long_file_cut_after_a_minus_sign_is_incomplete(tmp_path: Path) -> None:
    """The cut 300 characters in (positions past the small integers Python shares)."""
    path = tmp_path / "cut.json"
    path.write_text('{"agency": "' + "草" * 300 + '", "year": -', encoding="utf-8")
    assert _refusal(path) == f"cut.json：{CUT}"


def test_a_save_through_a_symbolic_link_loop_names_the_system_reason(tmp_path: Path, sample_draft) -> None:
    """A folder that is a loop of links (ELOOP): the reason in Chinese (the system words it in English on a
    Linux desktop), not 「路径过长」 or 「同名的文件夹」."""
    from model.storage.drafts import save_draft

    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(DraftError) as info:
        save_draft(sample_draft, tmp_path / "a" / "d.json")
    assert info.value.reason == "未能保存（快捷方式或链接指向了自身）；原文件未改动"


def test_a_save_under_a_file_taken_for_a_folder_says_so_in_chinese(tmp_path: Path, sample_draft) -> None:
    """`import 报告.docx -o 草稿.json/新.json` (ENOTDIR), as the new-user trial typed it: no English words."""
    from model.storage.drafts import save_draft

    (tmp_path / "草稿.json").write_text("{}", encoding="utf-8")
    with pytest.raises(DraftError) as info:
        save_draft(sample_draft, tmp_path / "草稿.json" / "新.json")
    assert info.value.reason == "未能保存（路径中有一段不是文件夹）；原文件未改动"
    assert (tmp_path / "草稿.json").read_text(encoding="utf-8") == "{}"


def test_a_system_error_not_named_keeps_the_systems_words_and_number() -> None:
    import errno

    from model.os_errors import os_reason

    assert os_reason(OSError(errno.ENOENT, "No such file or directory")).startswith("文件或文件夹不存在")
    assert os_reason(OSError(errno.ETIMEDOUT, "Connection timed out")) == (
        f"系统错误 {errno.ETIMEDOUT}：Connection timed out"
    )


def test_a_leftover_of_a_running_save_is_kept(tmp_path: Path) -> None:
    """Another process still writing (a live process id in the name, recent): its temporary file stays."""
    import subprocess
    import sys

    writer = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        leftover = tmp_path / f".d.json.{writer.pid}.a1b2c3d4.tmp"
        leftover.write_bytes(b"{")
        assert remove_stale_temporaries(tmp_path / "d.json") == []
        assert leftover.exists()
        with pytest.raises(subprocess.TimeoutExpired):  # asked whether it runs, not signalled: it runs on
            writer.wait(timeout=0.5)
    finally:
        writer.kill()
        writer.wait()


def test_a_leftover_dated_in_the_future_is_kept(tmp_path: Path) -> None:
    """Written on a PC whose clock runs a day ahead (a USB stick): not old, kept."""
    leftover = tmp_path / ".d.json.future.tmp"
    leftover.write_bytes(b"{")
    ahead = time.time() + 24 * 3600
    os.utime(leftover, (ahead, ahead))
    assert remove_stale_temporaries(tmp_path / "d.json") == []


def test_saving_keeps_every_permission_bit_of_the_file(tmp_path: Path, sample_draft) -> None:
    from model.storage.drafts import save_draft

    path = tmp_path / "d.json"
    save_draft(sample_draft, path)
    path.chmod(0o605)
    save_draft(sample_draft, path)
    assert path.stat().st_mode & 0o7777 == 0o605


def test_a_leftover_of_a_dead_process_with_a_smaller_number_is_removed(tmp_path: Path) -> None:
    """Process numbers are reused: a dead writer may have had a smaller number than this process."""
    dead = next(pid for pid in range(os.getpid() - 1, 1, -1) if not Path(f"/proc/{pid}").exists())
    leftover = tmp_path / f".d.json.{dead}.a1b2c3d4.tmp"
    leftover.write_bytes(b"{")
    assert remove_stale_temporaries(tmp_path / "d.json") == [leftover]


def test_a_folder_named_like_a_leftover_does_not_stop_the_cleaning(tmp_path: Path) -> None:
    """「.d.json.0.tmp」 is a folder (sorted first): left alone, and the leftover after it still removed."""
    (tmp_path / ".d.json.0.tmp").mkdir()
    old = tmp_path / ".d.json.zzz.tmp"
    old.write_bytes(b"{")
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(old, (two_days_ago, two_days_ago))
    assert remove_stale_temporaries(tmp_path / "d.json") == [old]
    assert (tmp_path / ".d.json.0.tmp").is_dir()


def test_a_whole_float_below_the_digit_cap_is_offered_as_a_whole_number(sample_path: Path) -> None:
    """1e29 has 30 digits: 「带有小数点，应写为整数」, as for 2024.0."""
    text = json.dumps(_sample(sample_path)).replace('"natural_person": 0', '"natural_person": 1e29', 1)
    assert f"带有小数点，应写为整数 {int(1e29)}" in _parse_refusal(decode_json(text))


def test_a_draft_behind_a_symbolic_link_loop_names_the_system_reason(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    assert _refusal(tmp_path / "a" / "d.json") == "d.json：无法读取（快捷方式或链接指向了自身）"


def test_a_leftover_named_with_digits_only_goes_by_its_age(tmp_path: Path) -> None:
    """「.d.json.999999.tmp」 is not how a save names its file (process id, then a random part): it may be
    someone's, so it is left until it is a day old, whatever process 999999 is."""
    leftover = tmp_path / ".d.json.999999.tmp"
    leftover.write_bytes(b"{")
    assert remove_stale_temporaries(tmp_path / "d.json") == []


def test_a_symbolic_link_named_like_a_leftover_is_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "kept.json"
    target.write_bytes(b"{}")
    dead = next(pid for pid in range(os.getpid() - 1, 1, -1) if not Path(f"/proc/{pid}").exists())
    link = tmp_path / f".d.json.{dead}.a1b2c3d4.tmp"
    link.symlink_to(target)
    assert remove_stale_temporaries(tmp_path / "d.json") == []
    assert link.is_symlink() and target.exists()


def test_a_fractional_version_mark_is_named_as_the_format_mark(sample_path: Path) -> None:
    """schema_version 1.5 is no version this program wrote: the schema's own words, not a figure's."""
    data = _sample(sample_path)
    data["schema_version"] = 1.5
    assert _parse_refusal(data).startswith("schema_version 不符合草稿格式（")


def test_a_lone_surrogate_deep_in_an_unknown_part_is_named_by_its_whole_path(sample_path: Path) -> None:
    data = _sample(sample_path)
    data["explanations"] = {"k": {"deep": {"deeper": "\ud800"}}}
    assert _parse_refusal(data).startswith("explanations › k › deep › deeper 含有无效字符（孤立的代理码位 U+D800")


def test_a_file_name_too_long_for_the_disk_is_said_plainly(tmp_path: Path, sample_draft) -> None:
    from model.storage.drafts import save_draft

    with pytest.raises(DraftError) as info:
        save_draft(sample_draft, tmp_path / ("草场镇" * 30 + ".json"))  # 95 characters, 275 bytes
    assert info.value.reason == "文件名或文件夹路径过长，未能保存；请改用较短的文件名；原文件未改动"
