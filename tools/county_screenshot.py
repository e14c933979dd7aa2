"""Save the county's review window as docs/screenshots/20-county-review.png: the folder of tests/county_folder.py
(the shared real figures with planted defects) reviewed with its roster and last year's folder.

    .venv/bin/python tools/county_screenshot.py [--out docs/screenshots/20-county-review.png]

Renders offscreen (QT_QPA_PLATFORM=offscreen) at 1366×740; the folder is built in a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for extra in (ROOT, ROOT / "tests"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(argv: list[str]) -> int:
    from county_folder import build_folder
    from PySide6.QtCore import QSettings

    from gui.app import create_application
    from gui.county.window import ReviewWindow
    from model.county.roster import load_roster

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots" / "20-county-review.png"))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        built = build_folder(Path(tmp))
        app = create_application()
        window = ReviewWindow(open_in_wizard=lambda _path: None)
        window.resize(1366, 740)
        window.show()
        window.set_folder(built["folder"], start=False)
        window.record.roster = load_roster(built["roster"])
        window.previous = built["last"]
        window.start_review()
        while window.is_reviewing():
            app.processEvents()
            time.sleep(0.05)
        app.processEvents()
        window.select_unit("淮安市洪泽区人民政府")
        app.processEvents()
        window.grab().save(args.out)
        window.close()
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
