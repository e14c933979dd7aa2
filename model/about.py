"""What the program is: its version, the report format it fills in and the version of its draft files.

Shown by `main.py --version` (`nianbao --version` in a frozen build) and by the wizard's 关于 dialog.
"""

from __future__ import annotations

from model import format as fmt
from model.draft import SCHEMA_VERSION

APP_NAME = "年报填报助手"
VERSION = "0.1.0"  # the same as [project] version in pyproject.toml (tests/test_about.py keeps them equal)


def about_lines() -> list[str]:
    """Return the lines saying what this program is: 「年报填报助手 0.1.0」, the report format
    (国办公开办函〔2021〕30号, FORMAT.md §1) and the draft file version (`model.draft.SCHEMA_VERSION`)."""
    return [
        f"{APP_NAME} {VERSION}",
        f"报告格式：{fmt.FORMAT_NOTICE}",
        f"草稿格式版本：{SCHEMA_VERSION}",
    ]
