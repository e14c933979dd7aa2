"""The README holds exactly two set-up commands, and .ci/run runs the second (the test command)."""

from __future__ import annotations

import re

from conftest import ROOT


def _commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", readme, flags=re.S)]


def test_readme_has_exactly_two_commands() -> None:
    commands = _commands()
    assert len(commands) == 2
    assert commands[0].endswith("main.py --sample")
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert _commands()[1] in ci.splitlines()


def test_lock_pins_every_dependency_exactly() -> None:
    lines = [ln for ln in (ROOT / "requirements.lock").read_text().splitlines() if ln and not ln.startswith("#")]
    assert lines and all(re.fullmatch(r"[A-Za-z0-9_.-]+==[0-9][^ ]*", ln) for ln in lines)
    names = {ln.split("==")[0].lower().replace("_", "-") for ln in lines}
    assert {"pyside6-essentials", "python-docx", "jsonschema", "platformdirs", "pytest-qt"} <= names
