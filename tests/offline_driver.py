"""Test driver (not a test): the wizard and the headless commands with every network socket refused.

An audit hook refuses (PermissionError) and records every socket that is not a local Unix socket, every
connection or datagram to one, and every name lookup. Then, as a clerk would: the wizard opens the sample,
a figure and a text are typed (with autosave running), the draft is saved and exported, the exported Word
file is opened again; then `check`, `export` and `import` run as commands. Prints a JSON object: what was
done, and the attempts refused (the test expects none).

    python tests/offline_driver.py OUTPUT_FOLDER
"""

from __future__ import annotations

import io
import json
import socket
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ATTEMPTS: list[str] = []
_LOOKUPS = ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr", "socket.getnameinfo")


def _refuse(event: str, args: tuple[Any, ...]) -> None:
    if event == "socket.__new__" and args[1] != socket.AF_UNIX:
        ATTEMPTS.append(f"{event} family={args[1]}")
    elif event in ("socket.connect", "socket.sendto", "socket.sendmsg", "socket.bind"):
        if args[0].family != socket.AF_UNIX:
            ATTEMPTS.append(f"{event} {args[1]!r}")
        else:
            return
    elif event in _LOOKUPS:
        ATTEMPTS.append(f"{event} {args!r}")
    else:
        return
    raise PermissionError(f"network refused by the test: {event}")


sys.addaudithook(_refuse)

from cli.commands import run  # noqa: E402
from gui.app import StartRequest, build_wizard, create_application  # noqa: E402
from model.findings import Cell  # noqa: E402
from model.resources import SAMPLE_PATH  # noqa: E402


def main(folder: Path) -> None:
    app = create_application()
    wizard = build_wizard(StartRequest("sample", SAMPLE_PATH), recover=False)
    wizard.show()
    app.processEvents()
    wizard.document.set_value(Cell("applications", "new_received", "natural_person"), 3)
    wizard.document.set_value(Cell("applications", "disclosed", "natural_person"), 3)
    wizard.document.set_value(Cell("text", "other_matters"), "本年度未收取信息处理费，无其他需要报告的事项。")
    app.processEvents()
    done: dict[str, Any] = {
        "saved": wizard.save_to(folder / "草稿.json"),
        "exported": wizard.export_to(folder / "报告.docx"),
    }
    done["reopened"] = wizard.open_path(folder / "报告.docx", confirmed=True)
    app.processEvents()
    done["reopened_figure"] = wizard.document.draft.applications["new_received"]["natural_person"]
    done["saved_again"] = wizard.save_to(folder / "读回草稿.json")
    wizard.close()
    app.processEvents()
    out, err = io.StringIO(), io.StringIO()
    done["check"] = run(["check", str(folder / "草稿.json"), "--json"], out, err)
    done["export"] = run(["export", str(folder / "草稿.json"), "-o", str(folder / "命令导出.docx")], out, err)
    done["import"] = run(["import", str(folder / "命令导出.docx"), "-o", str(folder / "读回.json")], out, err)
    done["attempts"] = ATTEMPTS
    print(json.dumps(done, ensure_ascii=False))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
