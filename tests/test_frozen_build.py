"""The program as the office PC gets it: `sh tools/build.sh` → dist/nianbao/nianbao (PyInstaller, one folder) and
dist/nianbao_<version>_amd64.deb, built once per test session (it takes about a minute).

The frozen program runs with every Python of the machine hidden (the venv, the interpreter it came from,
/usr/lib/python3*): --version, every headless command, the import of its own export, the wizard started
offscreen and closed; its export is the same DOCX as main.py's; it opens no network connection. The .deb
holds the program under /opt/nianbao, the launcher /usr/bin/nianbao, the desktop entry 年报填报助手 with its
icon and the dependencies; run as root (as CI is), the test installs it with dpkg -i, runs `nianbao`, removes
it and finds nothing left but the user's file. PyInstaller is a pinned dependency: without it the build, and
so these tests, fail.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT

from cli.commands import COMMANDS
from model.about import VERSION, about_lines
from model.docx.convert import no_network_prefix
from model.storage.drafts import load_draft

pytestmark = pytest.mark.timeout(900)


@dataclass(frozen=True)
class Build:
    dist: Path
    seconds: float

    @property
    def program(self) -> Path:
        return self.dist / "nianbao" / "nianbao"

    @property
    def deb(self) -> Path:
        return self.dist / f"nianbao_{VERSION}_amd64.deb"


@pytest.fixture(scope="session")
def build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The README's build command, once per session, into a folder of the test's own."""
    dist = tmp_path_factory.mktemp("dist")
    work = tmp_path_factory.mktemp("pyinstaller")
    start = time.monotonic()
    result = subprocess.run(
        ["sh", str(ROOT / "tools" / "build.sh")],
        capture_output=True,
        text=True,
        env={**os.environ, "NIANBAO_DIST": str(dist), "NIANBAO_BUILD": str(work)},
        timeout=900,
        check=False,
    )
    seconds = time.monotonic() - start
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    shutil.rmtree(work, ignore_errors=True)
    print(f"\nsh tools/build.sh: {seconds:.0f} s")  # shown with -s; the report gives the test's time too
    return Build(dist, seconds)


def _hidden_pythons() -> list[str]:
    """The folders where this machine keeps Python: hidden from the frozen program."""
    places = {sys.prefix, sys.base_prefix, sys.exec_prefix, str(ROOT / ".venv")}
    places |= {str(p) for base in ("/usr/lib", "/usr/local/lib") for p in Path(base).glob("python3*")}
    return sorted(p for p in places if Path(p).is_dir() and not str(ROOT).startswith(p + os.sep) and p != "/usr")


def frozen(build: Build, *args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the frozen program with `args` in `cwd`, every Python of the machine hidden under an empty tmpfs
    (a private mount namespace), and an environment as bare as a clerk's session."""
    hide = " ".join(f"'{p}'" for p in _hidden_pythons())
    script = f'for d in {hide}; do mount -t tmpfs none "$d"; done; exec "$@"'
    prefix = ["unshare", "--mount"] if os.geteuid() == 0 else ["unshare", "--map-root-user", "--mount"]
    bare = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(cwd),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        **{f"XDG_{k}_HOME": str(cwd / f".{k.lower()}") for k in ("CONFIG", "DATA", "STATE", "CACHE")},
        **(env or {}),
    }
    return subprocess.run(
        [*prefix, "sh", "-c", script, "sh", str(build.program), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=bare,
        timeout=180,
        check=False,
    )


def test_the_frozen_program_runs_every_command_without_python(build: Build, tmp_path: Path) -> None:
    """A module a later change imports but the build leaves out fails here: every headless command runs."""
    version = frozen(build, "--version", cwd=tmp_path)
    assert version.returncode == 0, version.stderr
    assert version.stdout.splitlines() == about_lines()
    assert "python" not in frozen(build, "-h", cwd=tmp_path).stdout.lower().replace("main.py", "")
    (tmp_path / "各单位").mkdir()
    runs = {
        "sample": [["sample", "-o", "草稿.json"], ["sample", "-o", "各单位/草场镇.json"]],
        "export": [
            ["export", "草稿.json", "-o", "报告.docx"],
            ["export", "草稿.json", "-o", "报告.pdf"],  # Qt's PDF writer, the fonts embedded
            ["export", "草稿.json", "-o", "报告.html"],
        ],
        "check": [["check", "草稿.json", "报告.docx", "--json"]],
        "import": [
            ["import", "报告.docx", "-o", "读回.json"],
            ["import", "报告.pdf", "-o", "读回PDF.json"],  # pypdfium2
            ["import", "报告.html", "-o", "读回网页.json"],
        ],
        "rollover": [["rollover", "报告.docx", "-o", "2025.json"]],
        "review": [["review", "各单位", "-o", "审核.xlsx"]],  # openpyxl
        "aggregate": [["aggregate", "各单位", "-o", "汇总.json", "--docx", "汇总.docx", "--agency", "某县"]],
    }
    assert set(runs) == set(COMMANDS), "a new command needs its line in this smoke test"
    for name, commands in runs.items():
        for args in commands:
            result = frozen(build, *args, cwd=tmp_path)
            done = (0, 1) if name == "aggregate" else (0,)  # 1: the summary written has 错误 to look at
            assert result.returncode in done, (name, args, result.stdout, result.stderr)
            assert "Traceback" not in result.stderr, result.stderr
    # many files: check and review read them in worker processes, which a frozen program must start right
    many = tmp_path / "多份"
    many.mkdir()
    for i in range(9):
        shutil.copyfile(tmp_path / "草稿.json", many / f"{i}.json")
    result = frozen(build, "check", *sorted(str(f) for f in many.iterdir()), cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.count("错误 0") == 9, result.stdout + result.stderr
    result = frozen(build, "check", "多份", cwd=tmp_path)  # a folder: the hint names the program as it is started
    assert result.returncode == 2 and "请用 review 命令（nianbao review 文件夹）" in result.stderr, result.stderr
    result = frozen(build, "review", "多份", "--json", cwd=tmp_path)
    assert result.returncode in (0, 1) and "Traceback" not in result.stderr, result.stderr
    review = json.loads(result.stdout)
    assert len(review["units"]) + len(review["not_reports"]) == 9  # one unit, eight copies named as such
    for made in ("报告.pdf", "报告.html", "审核.xlsx", "汇总.docx"):
        assert (tmp_path / made).stat().st_size > 1000, made
    for read in ("读回PDF.json", "读回网页.json"):
        assert load_draft(tmp_path / read).applications == load_draft(tmp_path / "草稿.json").applications
    assert json.loads(frozen(build, *runs["check"][0], cwd=tmp_path).stdout) == []  # the sample has no finding
    assert load_draft(tmp_path / "读回.json") == load_draft(tmp_path / "草稿.json")
    assert load_draft(tmp_path / "2025.json").year == 2025
    refused = frozen(build, "sample", "-o", "草稿.json", cwd=tmp_path)
    assert refused.returncode == 2 and "已存在" in refused.stderr


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        members = {name: zf.read(name) for name in zf.namelist()}
    # the document's creation time differs between two exports, nothing else may
    members["docProps/core.xml"] = re.sub(rb"<dcterms:(created|modified)[^<]*<", b"", members["docProps/core.xml"])
    return members


def test_the_frozen_export_is_the_same_docx_as_main_py_export(build: Build, tmp_path: Path) -> None:
    sample = ROOT / "resources" / "sample-caochang-2024.json"
    shutil.copyfile(sample, tmp_path / "草稿.json")
    assert frozen(build, "export", "草稿.json", "-o", "frozen.docx", cwd=tmp_path).returncode == 0
    source = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "export", str(sample), "-o", str(tmp_path / "source.docx")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert source.returncode == 0, source.stderr
    assert _members(tmp_path / "frozen.docx") == _members(tmp_path / "source.docx")


def test_the_frozen_wizard_starts_in_chinese_and_closes(build: Build, tmp_path: Path) -> None:
    internal = build.dist / "nianbao" / "_internal"
    for carried in (
        "PySide6/Qt/translations/qtbase_zh_CN.qm",  # Qt's own buttons and file dialogs in Chinese
        "resources/draft.schema.json",
        "resources/sample-caochang-2024.json",
        "resources/icons/nianbao.png",
    ):
        assert (internal / carried).is_file(), carried
    assert not list(internal.rglob("libqopensslbackend*")) and not list(internal.rglob("*networkinformation*"))
    result = frozen(build, "--sample", cwd=tmp_path, env={"NIANBAO_CLOSE_AFTER_MS": "2000"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "已打开：米易县草场镇人民政府 2024年 — 未命名（来自 内置示例） — 年报填报助手"
    assert "Traceback" not in result.stderr and "translat" not in result.stderr.lower()


def test_the_frozen_program_opens_no_connection(build: Build, tmp_path: Path) -> None:
    """The wizard and an export of the frozen program under strace, in a network namespace where the system
    allows one: not one socket but local Unix ones."""
    assert shutil.which("strace"), "strace is installed by tools/setup.sh --test"
    shutil.copyfile(ROOT / "resources" / "sample-caochang-2024.json", tmp_path / "草稿.json")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "NIANBAO_CLOSE_AFTER_MS": "2000",
        "HOME": str(tmp_path),
        **{f"XDG_{k}_HOME": str(tmp_path / f".{k.lower()}") for k in ("CONFIG", "DATA", "STATE", "CACHE")},
    }
    calls: list[str] = []
    for args in (["--sample"], ["export", "草稿.json", "-o", "报告.docx"]):
        log = tmp_path / "strace.log"
        trace = ["strace", "-f", "-qq", "-e", "trace=socket,connect,sendto,sendmsg", "-o", str(log)]
        result = subprocess.run(
            [*no_network_prefix(), *trace, str(build.program), *args],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=env,
            timeout=180,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        calls += [ln for ln in log.read_text().splitlines() if re.search(r" (socket|connect|send\w*)\(", ln)]
    assert [c for c in calls if "AF_UNIX" not in c and "AF_LOCAL" not in c] == []


# ---------------------------------------------------------------------------------------------------------
# The .deb


def _deb_field(deb: Path, field: str) -> str:
    return subprocess.run(["dpkg-deb", "-f", str(deb), field], capture_output=True, text=True, check=True).stdout


def test_the_deb_holds_the_program_its_launcher_and_its_menu_entry(build: Build, tmp_path: Path) -> None:
    listing = subprocess.run(["dpkg-deb", "-c", str(build.deb)], capture_output=True, text=True, check=True).stdout
    files = {line.split()[-1].removeprefix(".") for line in listing.splitlines()}
    expected = {
        "/opt/nianbao/nianbao",
        "/opt/nianbao/_internal/resources/sample-caochang-2024.json",
        "/usr/bin/nianbao",
        "/usr/share/applications/nianbao.desktop",
        "/usr/share/icons/hicolor/256x256/apps/nianbao.png",
        "/usr/share/icons/hicolor/scalable/apps/nianbao.svg",
    }
    assert expected <= files
    assert all(line.split()[1] == "root/root" for line in listing.splitlines())
    assert _deb_field(build.deb, "Package").strip() == "nianbao"
    assert _deb_field(build.deb, "Version").strip() == VERSION
    assert _deb_field(build.deb, "Architecture").strip() == "amd64"
    depends = _deb_field(build.deb, "Depends")
    for needed in ("libc6 (>= 2.", "libgl1", "libegl1", "libfontconfig1", "libxcb-cursor0", "fonts-wqy-microhei"):
        assert needed in depends, needed
    extracted = tmp_path / "deb"
    subprocess.run(["dpkg-deb", "-x", str(build.deb), str(extracted)], check=True)
    entry = (extracted / "usr/share/applications/nianbao.desktop").read_text(encoding="utf-8")
    for line in ("Type=Application", "Name=年报填报助手", "Exec=nianbao %f", "Icon=nianbao", "Terminal=false"):
        assert line in entry.splitlines(), line
    launcher = extracted / "usr/bin/nianbao"
    assert os.access(launcher, os.X_OK) and "exec /opt/nianbao/nianbao" in launcher.read_text()
    assert (extracted / "opt/nianbao/nianbao").stat().st_mode & 0o755 == 0o755


@pytest.fixture
def dpkg_lock() -> Iterator[None]:
    """One package test at a time on a machine (several engineers' suites may run at once)."""
    with open("/tmp/nianbao-deb-test.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _installed() -> bool:
    query = subprocess.run(["dpkg-query", "-W", "-f=${Status}", "nianbao"], capture_output=True, text=True)
    return "installed" in query.stdout and "not-installed" not in query.stdout


def test_the_deb_installs_runs_and_leaves_nothing_when_removed(build: Build, tmp_path: Path, dpkg_lock: None) -> None:
    """As root (CI): dpkg -i, nianbao --version and nianbao sample -o x.json, dpkg --purge. Not as root: the
    package is only built and listed (the test above)."""
    if os.geteuid() != 0:
        listing = subprocess.run(["dpkg-deb", "-c", str(build.deb)], capture_output=True, text=True, check=True)
        assert "./usr/bin/nianbao" in listing.stdout
        return
    assert not _installed(), "nianbao is installed on this machine: the test would remove it (dpkg -r nianbao)"
    install = subprocess.run(["dpkg", "-i", str(build.deb)], capture_output=True, text=True, check=False)
    try:
        assert install.returncode == 0, install.stdout + install.stderr
        env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8"}
        version = subprocess.run(["nianbao", "--version"], capture_output=True, text=True, env=env, check=False)
        assert version.returncode == 0 and version.stdout.splitlines() == about_lines(), version.stderr
        sample = subprocess.run(
            ["nianbao", "sample", "-o", "x.json"], capture_output=True, text=True, env=env, cwd=tmp_path, check=False
        )
        assert sample.returncode == 0, sample.stderr
        assert load_draft(tmp_path / "x.json").agency == "米易县草场镇人民政府"
        owned = subprocess.run(["dpkg", "-L", "nianbao"], capture_output=True, text=True, check=True).stdout.split()
    finally:
        subprocess.run(["dpkg", "--purge", "nianbao"], capture_output=True, text=True, check=False)
    assert not _installed()
    left = [p for p in owned if Path(p).exists() and not Path(p).is_dir()]
    assert left == [] and not Path("/opt/nianbao").exists() and not Path("/usr/bin/nianbao").exists()
    assert (tmp_path / "x.json").is_file()  # the user's file stays


def test_the_windows_recipe_runs_the_commands_this_smoke_test_runs() -> None:
    """docs/windows-build.md and .github/workflows/windows.yml build with the same spec and check the same
    commands (they cannot run here: no Windows runner); every command of the program is in both."""
    recipe = (ROOT / "docs" / "windows-build.md").read_text(encoding="utf-8")
    workflow = (ROOT / ".github" / "workflows" / "windows.yml").read_text(encoding="utf-8")
    for text in (recipe, workflow):
        assert "tools\\nianbao.spec" in text and "requirements.lock" in text
        for command in (*COMMANDS, "--version", "NIANBAO_CLOSE_AFTER_MS"):
            assert command in text, command
    spec = (ROOT / "tools" / "nianbao.spec").read_text(encoding="utf-8")
    assert 'name="nianbao-cmd"' in spec and "console=not WINDOWS" in spec
    assert not re.search(r"['\"]/(usr|opt|tmp|etc)/", spec)  # no Linux-only path in the spec
