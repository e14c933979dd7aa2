"""The headless commands of main.py as a user runs them: real processes, real files, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import docx
from conftest import ROOT

from model.storage.drafts import load_draft

FIELDS = {"file", "rule", "severity", "section", "row", "column", "message"}


def main_py(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def test_sample_export_check_round(tmp_path: Path) -> None:
    draft = tmp_path / "s.json"
    assert main_py("sample", "-o", str(draft)).returncode == 0
    assert load_draft(draft).agency == "米易县草场镇人民政府"
    result = main_py("check", str(draft))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "错误 0" in result.stdout
    result = main_py("export", str(draft), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = tmp_path / "米易县草场镇人民政府2024年政府信息公开工作年度报告.docx"
    assert out.exists() and len(docx.Document(str(out)).tables) == 3


def test_check_exit_1_and_json_fields_on_wrong_totals(tmp_path: Path, sample_path: Path) -> None:
    data = json.loads(sample_path.read_text(encoding="utf-8"))
    data["applications"]["new_received"]["natural_person"] = 5
    path = tmp_path / "wrong.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = main_py("check", str(path), "--json")
    assert result.returncode == 1
    findings = json.loads(result.stdout)
    assert findings and all(FIELDS <= set(f) for f in findings)
    s1 = next(f for f in findings if f["rule"] == "S1")
    assert s1 == s1 | {
        "severity": "error",
        "section": "三、收到和处理政府信息公开申请情况",
        "column": "自然人",
        "file": str(path),
    }
    assert s1["message"] == "自然人：一+二 = 5，（七）总计+四 = 0，相差 5"
    assert {f["rule"] for f in findings} >= {"S1", "D2"}  # 总计 column stored as 0 no longer adds up


def test_check_exit_2_when_a_file_cannot_be_read(tmp_path: Path, sample_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "2021", "schema', encoding="utf-8")
    result = main_py("check", str(sample_path), str(broken))
    assert result.returncode == 2
    assert "broken.json" in result.stderr and "不完整" in result.stderr
    assert "Traceback" not in result.stderr
    assert "错误 0" in result.stdout  # the readable file was still checked


def test_import_then_check_a_docx(tmp_path: Path, sample_path: Path) -> None:
    out = tmp_path / "r.docx"
    assert main_py("export", str(sample_path), "-o", str(out)).returncode == 0
    result = main_py("check", str(out))
    assert result.returncode == 0, result.stdout
    draft = tmp_path / "back.json"
    assert main_py("import", str(out), "-o", str(draft)).returncode == 0
    assert load_draft(draft) == load_draft(sample_path)


def test_export_into_missing_folder_says_so(tmp_path: Path, sample_path: Path) -> None:
    result = main_py("export", str(sample_path), "-o", str(tmp_path / "gone" / "r.docx"))
    assert result.returncode == 2
    assert "导出失败" in result.stderr and "Traceback" not in result.stderr


def test_check_of_a_folder_points_to_review(tmp_path: Path) -> None:
    folder = tmp_path / "各乡镇 报告"
    folder.mkdir()
    result = main_py("check", str(folder))
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"无法读取 {folder}：这是一个文件夹，不是草稿文件；"
        "要审核一个文件夹中各单位的报告，请用 review 命令（python main.py review 文件夹）"
    )


def test_check_names_each_unreadable_file_by_the_path_typed(tmp_path: Path) -> None:
    """Files of several folders may share a name: the one that cannot be read is named as it was typed."""
    for unit in ("甲镇", "乙镇"):
        (tmp_path / unit).mkdir()
    (tmp_path / "甲镇" / "年报.docx").write_bytes(b"")
    (tmp_path / "乙镇" / "年报.docx").write_text("不是报告", encoding="utf-8")
    result = main_py("check", str(tmp_path / "甲镇" / "年报.docx"), str(tmp_path / "乙镇" / "年报.docx"))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert [line.split("：")[0] for line in lines] == [
        f"无法读取 {tmp_path / '甲镇' / '年报.docx'}",
        f"无法读取 {tmp_path / '乙镇' / '年报.docx'}",
    ]
    assert "文件是空的" in lines[0] and "Traceback" not in result.stderr


def test_a_report_imported_with_blank_cells_reopens(tmp_path: Path) -> None:
    """The official template's blank cells (the 万元 amount among them) import as 0 and the draft reopens."""
    draft = tmp_path / "t.json"
    assert main_py("import", str(ROOT / "tests" / "data" / "official-template.docx"), "-o", str(draft)).returncode == 0
    assert load_draft(draft).proactive["admin_fees"]["amount"] == 0
    assert main_py("check", str(draft)).returncode == 1  # no agency, no year, empty 五: errors, but readable


def test_command_line_mistakes_are_explained_in_chinese(tmp_path: Path) -> None:
    result = main_py("sample")
    assert result.returncode == 2
    assert "缺少参数：-o/--output" in result.stderr and "required" not in result.stderr
    help_text = main_py("-h").stdout
    assert "用法：" in help_text and "可用的命令" in help_text and "show this help" not in help_text
    # the arguments named in Chinese, in the messages and the usage lines
    result = main_py("import")
    assert "缺少参数：报告, -o/--output" in result.stderr and "用法：main.py import [-h] -o 草稿文件" in result.stderr
    assert "缺少参数：文件（" in main_py("check").stderr
    assert "OUTPUT" not in main_py("review", "-h").stdout and "PREVIOUS" not in main_py("check", "-h").stdout
    result = main_py("export", str(tmp_path / "a.json"), "--format", "doc")
    assert (
        "参数 --format 不能是「doc」，可选：'docx', 'pdf', 'html'" in result.stderr and "没有命令" not in result.stderr
    )
    result = main_py("review", str(tmp_path), "--year", "abc")
    assert result.returncode == 2 and "参数 --year 应是整数（如 2024），不能是「abc」" in result.stderr
    assert "invalid" not in result.stderr
    for args in (("check", ""), ("export", "a.json", "-o", "")):  # "" would be read as this folder
        result = main_py(*args)
        assert result.returncode == 2 and "文件名是空的" in result.stderr and "文件夹" not in result.stderr


def test_an_output_file_written_without_o_is_pointed_at_o(tmp_path: Path, sample_path: Path) -> None:
    """`export 草稿.json 报告.docx` (the output without -o) names -o and shows export's own usage, not the
    general one; nothing is written. An option a command does not know is named with that command's usage."""
    target = tmp_path / "报告.docx"
    result = main_py("export", str(sample_path), str(target))
    assert result.returncode == 2 and not target.exists()
    assert result.stderr.startswith("用法：main.py export ")
    assert f"不认识的参数：{target}（输出文件写在 -o 后面：-o {target}）" in result.stderr
    assert "python main.py export -h 查看用法" in result.stderr
    result = main_py("check", str(sample_path), "--jsn")
    assert result.returncode == 2 and result.stderr.startswith("用法：main.py check ")
    assert "不认识的参数：--jsn（用 python main.py check -h" in result.stderr and "-o" not in result.stderr


def test_check_json_lists_unreadable_files_too(tmp_path: Path, sample_path: Path) -> None:
    result = main_py("check", str(sample_path), str(tmp_path / "gone.json"), "--json")
    assert result.returncode == 2
    [unreadable] = json.loads(result.stdout)
    assert unreadable["rule"] == "F1" and unreadable["file"].endswith("gone.json")
    assert "不存在" in unreadable["message"]


def test_export_goes_beside_the_draft_by_default(tmp_path: Path, sample_path: Path) -> None:
    draft = tmp_path / "drafts" / "s.json"
    draft.parent.mkdir()
    draft.write_bytes(sample_path.read_bytes())
    result = main_py("export", str(draft), cwd=ROOT)
    assert result.returncode == 0
    out = draft.parent / "米易县草场镇人民政府2024年政府信息公开工作年度报告.docx"
    assert out.exists() and str(out) in result.stdout


# ---------------------------------------------------------------------------------------------------------
# Nothing overwritten without asking; what the security-minded trial found


def test_commands_never_overwrite_a_file_without_force(tmp_path: Path, sample_path: Path) -> None:
    """`sample -o 草稿.json` silently replaced a real draft; now every writing command stops with exit 2."""
    real = tmp_path / "草稿.json"
    real.write_bytes(sample_path.read_bytes().replace("米易县草场镇人民政府".encode(), "真实的机关".encode()))
    report = tmp_path / "报告.docx"
    report.write_bytes(b"the office's own report")
    last = tmp_path / "上年.json"
    last.write_bytes(sample_path.read_bytes())
    cases = [
        ("sample", "-o", str(real)),
        ("export", str(last), "-o", str(report)),
        ("import", str(ROOT / "tests" / "data" / "official-template.docx"), "-o", str(real)),
        ("rollover", str(last), "-o", str(real)),
    ]
    for args in cases:
        before = (real.read_bytes(), report.read_bytes())
        result = main_py(*args)
        target = real if args[-1] == str(real) else report
        assert result.returncode == 2, (args, result.stderr)
        assert f"{target} 已存在" in result.stderr and "--force" in result.stderr
        assert "Traceback" not in result.stderr
        assert (real.read_bytes(), report.read_bytes()) == before
    assert main_py("sample", "-o", str(real), "--force").returncode == 0
    assert load_draft(real).agency == "米易县草场镇人民政府"
    assert main_py("export", str(last), "-o", str(report), "--force").returncode == 0
    assert len(docx.Document(str(report)).tables) == 3


def test_export_never_writes_over_its_own_input(tmp_path: Path, sample_path: Path) -> None:
    """`export REPORT.docx` without -o, where the report already has the default name: it replaced its own
    input (and a picture the office had added) without warning."""
    report = tmp_path / "米易县草场镇人民政府2024年政府信息公开工作年度报告.docx"
    assert main_py("export", str(sample_path), "-o", str(report)).returncode == 0
    document = docx.Document(str(report))
    document.add_paragraph("县政务公开办审核意见：同意")  # the office's addition
    document.save(str(report))
    before = report.read_bytes()
    for force in ([], ["--force"]):
        result = main_py("export", str(report), *force)
        assert result.returncode == 2, result.stdout
        assert "就是读入的文件本身" in result.stderr and str(report) in result.stderr
        assert report.read_bytes() == before
    result = main_py("export", str(report), "-o", str(tmp_path / "新.docx"))
    assert result.returncode == 0 and (tmp_path / "新.docx").exists()


def _hostile(tmp_path: Path, sample_path: Path, name: str, raw: str) -> Path:
    data = json.loads(sample_path.read_text(encoding="utf-8"))
    data["narrative"]["problems"] = "@@"
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False).replace('"@@"', raw), encoding="utf-8")
    return path


def test_hostile_drafts_end_in_a_chinese_message_and_exit_2(tmp_path: Path, sample_path: Path) -> None:
    """They crashed export, rollover and check --json with a traceback and exit 1 (which check also uses
    for 「errors found」)."""
    files = [
        _hostile(tmp_path, sample_path, "surrogate.json", '"\\ud800"'),
        _hostile(tmp_path, sample_path, "nested.json", "[" * 50_000 + "]" * 50_000),
        _hostile(tmp_path, sample_path, "digits.json", "9" * 5000),
    ]
    year = json.loads(sample_path.read_text(encoding="utf-8"))
    year["year"] = 2024.0
    (tmp_path / "year.json").write_text(json.dumps(year, ensure_ascii=False), encoding="utf-8")
    files.append(tmp_path / "year.json")
    for path in files:
        for args in (["check", "--json"], ["export"], ["rollover", "-o", str(tmp_path / "new.json")]):
            result = main_py(args[0], str(path), *args[1:])
            assert result.returncode == 2, (path.name, args, result.stderr)
            assert f"{path.name}：" in result.stderr and "Traceback" not in result.stderr
            if args[0] == "check":
                [unreadable] = json.loads(result.stdout)
                assert unreadable["rule"] == "F1"
    assert not list(tmp_path.glob("*.docx")) and not (tmp_path / "new.json").exists()
    assert not list(tmp_path.glob("*2024.0年*"))


def test_long_agency_name_still_gives_a_file_name_the_disk_takes(tmp_path: Path, sample_path: Path) -> None:
    """A 70-character agency name made the default name longer than 255 bytes (an OSError traceback)."""
    data = json.loads(sample_path.read_text(encoding="utf-8"))
    data["agency"] = "四川省攀枝花市米易县" + "草场镇人民政府" * 9  # 73 characters, 219 bytes
    path = tmp_path / "long.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = main_py("export", str(path))
    assert result.returncode == 0, result.stderr
    [out] = tmp_path.glob("*.docx")
    assert len(out.name.encode("utf-8")) <= 200
    assert out.name.startswith("四川省攀枝花市米易县草场镇") and out.name.endswith(
        "2024年政府信息公开工作年度报告.docx"
    )
    assert docx.Document(str(out)).core_properties.title == data["agency"] + "2024年政府信息公开工作年度报告"
    result = main_py("export", str(path), "-o", str(tmp_path / ("长" * 90 + ".docx")))
    assert result.returncode == 2 and "文件名过长" in result.stderr and "Traceback" not in result.stderr


def test_invisible_format_characters_in_the_agency_name_are_flagged(tmp_path: Path, sample_path: Path) -> None:
    """U+202E and U+200F reached the title and the file name unflagged."""
    data = json.loads(sample_path.read_text(encoding="utf-8"))
    data["agency"] = "米易县\u202e草场镇\u200f人民政府"
    path = tmp_path / "bidi.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = main_py("check", str(path), "--json")
    assert result.returncode == 1
    [b4] = [f for f in json.loads(result.stdout) if f["rule"] == "B4"]
    assert b4["severity"] == "error" and b4["row"] == "机关全称"
    assert "U+202E（从右向左覆盖）" in b4["message"] and "U+200F（从右向左标记）" in b4["message"]
    result = main_py("export", str(path))
    assert result.returncode == 0 and "1 个错误未改正" in result.stderr
    assert [p.name for p in tmp_path.glob("*.docx")] == ["米易县草场镇人民政府2024年政府信息公开工作年度报告.docx"]


def test_check_of_many_files_reports_each_as_one_at_a_time_would(tmp_path: Path, sample_path: Path) -> None:
    """From cli.commands.PARALLEL_FROM files on, `check` reads them in worker processes: the same report,
    in the order given, as checking each file alone — exit codes, text, --json and unreadable files alike."""
    from cli.commands import PARALLEL_FROM

    data = json.loads(sample_path.read_text(encoding="utf-8"))
    files = []
    for i in range(PARALLEL_FROM + 2):
        data["applications"]["new_received"]["natural_person"] = 94 + i  # S1 on some, not on others
        path = tmp_path / f"report-{i:02d}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        files.append(str(path))
    assert main_py("export", files[3], "-o", str(tmp_path / "report-03.docx")).returncode == 0
    files[3] = str(tmp_path / "report-03.docx")  # a Word file among the drafts
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    files.insert(5, str(tmp_path / "broken.json"))
    together = main_py("check", *files)
    alone = [main_py("check", name) for name in files]
    assert together.stdout == "".join(r.stdout for r in alone)
    assert together.stderr == "".join(r.stderr for r in alone)
    assert together.returncode == max(r.returncode for r in alone) == 2
    assert "broken.json" in together.stderr and together.stdout.count("：错误 ") == len(files) - 1
    together_json = json.loads(main_py("check", "--json", *files).stdout)
    assert together_json == [row for name in files for row in json.loads(main_py("check", "--json", name).stdout)]
