"""The Qt binding keeps Python's reference counts: a guard against a PySide6 release that crashes the wizard.

PySide6 6.12.0 returns None from every void method (``label.setWordWrap(True)``) without taking a reference
to it; after a few thousand calls Python frees None and aborts ("deallocating None") — the wizard died
within minutes of typing. requirements.lock pins a release without the defect; this test fails on one that
has it (run in a subprocess, as the defect kills the process).
"""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
import sys
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
none, true = sys.getrefcount(None), sys.getrefcount(True)
for _ in range(20000):
    label.setWordWrap(True)          # void method
    label.setProperty("x", True)
    label.property("missing")        # invalid QVariant -> None
print(sys.getrefcount(None) - none, sys.getrefcount(True) - true)
"""


def test_void_qt_calls_keep_none_alive() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-1500:]
    lost_none, lost_true = (int(x) for x in done.stdout.split())
    assert abs(lost_none) < 100 and abs(lost_true) < 100
