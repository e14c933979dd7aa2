"""Test driver (not a test): start the wizard as `python main.py [FILE]` does, make edits through the
document, wait until autosave has written them, then kill this process with SIGKILL — a crash that
leaves no chance to clean up. Prints the recovery file's path before dying.

    python tests/recovery_driver.py [FILE]
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QTimer  # noqa: E402

from gui.actions import recovery  # noqa: E402

recovery.IDLE_MS = 100  # the quiet period before writing; the test need not wait 5 s

from gui.actions.recovery import Autosaver  # noqa: E402
from gui.app import build_wizard, create_application, parse_arguments  # noqa: E402
from model.findings import Cell  # noqa: E402

EDITS = [
    (Cell("applications", "new_received", "natural_person"), 42),
    (Cell("text", "problems"), "断电前写好的整改措施。"),
]


def main() -> None:
    app = create_application()
    wizard = build_wizard(parse_arguments(sys.argv[1:]))
    wizard.show()
    saver = wizard.findChild(Autosaver)
    assert saver is not None

    def edit() -> None:
        for cell, value in EDITS:
            wizard.document.set_value(cell, value)
        QTimer.singleShot(20, wait)

    def wait() -> None:
        if saver.path.exists() and not saver.idle.isActive():
            print(saver.path, flush=True)
            os.kill(os.getpid(), signal.SIGKILL)
        QTimer.singleShot(20, wait)

    QTimer.singleShot(100, edit)
    app.exec()


if __name__ == "__main__":
    main()
