"""Files the commands write: never one that exists without --force, never the file a command reads."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TextIO


def force_option(parser: argparse.ArgumentParser) -> None:
    """Add --force (replace an existing output file) to the command `parser`."""
    parser.add_argument("--force", action="store_true", help="输出文件已存在时覆盖它（不加时不覆盖，退出码 2）")


def may_write(
    target: str | os.PathLike[str], force: bool, err: TextIO, source: str | os.PathLike[str] | None = None
) -> bool:
    """Return True if a command may write `target`; else print why in Chinese on `err` (the caller exits 2).

    A file that exists is never replaced without `force`; the file the command reads (`source`) is never
    replaced at all (「export 报告.docx」 would otherwise write the report over itself).
    """
    target = Path(target)
    try:
        exists = target.exists() or target.is_symlink()
        same = exists and source is not None and Path(source).exists() and os.path.samefile(source, target)
    except OSError:  # a name the file system refuses: the write says why
        return True
    if same:
        print(f"未写出：{target} 就是读入的文件本身，写出会把它覆盖；请用 -o 另起文件名", file=err)
        return False
    if exists and not force:
        print(f"未写出：{target} 已存在，为免覆盖未写出；确要覆盖请加 --force，或用 -o 另起文件名", file=err)
        return False
    return True
