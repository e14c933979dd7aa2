"""What benchmarks/run.py measures inside a Qt process of its own (offscreen, a 1366×768 screen).

python benchmarks/gui_driver.py start-bare       a bare QWizard with one page: prints "painted" at its first paint
python benchmarks/gui_driver.py start-product    the wizard as `main.py --sample` starts it: "painted" at the first
                                                 page's first paint
python benchmarks/gui_driver.py keystrokes N      N keystrokes in table 三 of the wizard on the sample, alternated
                                                 with N into a bare QLineEdit; prints JSON (ms each, peak RSS)

The caller sets QT_QPA_PLATFORM (offscreen with the screen's size), and points QSettings and the user data
folder (XDG_DATA_HOME) at fresh folders, so the clerk's own settings and recovery files are never touched.
A keystroke is timed from the key event sent to the focused widget until the event queue is empty (posted
events, deferred deletions, paints) — and the table (or the bare line edit) has painted; wall and CPU time.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _settings() -> None:
    from PySide6.QtCore import QSettings

    folder = os.environ.get("NIANBAO_BENCH_SETTINGS")
    if folder:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)


def _exit_on_first_paint(app: object, widget: object, at_exit: Callable[[], None] = lambda: None) -> None:
    """Process events until `widget` has painted once; print 'painted', call `at_exit` and leave at once
    (no teardown)."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QWidget

    assert isinstance(app, QApplication) and isinstance(widget, QWidget)

    class FirstPaint(QObject):
        seen = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                FirstPaint.seen = True
            return False

    watcher = FirstPaint()
    widget.installEventFilter(watcher)
    while not FirstPaint.seen:
        app.processEvents()
    sys.stdout.write("painted\n")
    sys.stdout.flush()
    at_exit()
    os._exit(0)


def start_bare() -> None:
    from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QVBoxLayout, QWizard, QWizardPage

    app = QApplication([sys.argv[0]])
    wizard = QWizard()
    page = QWizardPage()
    page.setTitle("基本信息")
    lay = QVBoxLayout(page)
    lay.addWidget(QLabel("机关全称"))
    lay.addWidget(QLineEdit())
    wizard.addPage(page)
    wizard.show()
    _exit_on_first_paint(app, page)


def start_product() -> None:
    import gc

    gc.disable()  # as main.py does before it imports the wizard (`gui.app.start_gui` turns it on again)
    _settings()
    from PySide6.QtWidgets import QApplication, QWizard

    from gui.app import parse_arguments, release_locks, start_gui

    wizard = start_gui(parse_arguments(["--sample"]))  # as `main.py --sample` starts, up to Qt's event loop
    assert isinstance(wizard, QWizard)
    # the session's lock (if taken yet) released as at a normal exit: the next start finds no lock left by a
    # dead session
    _exit_on_first_paint(QApplication.instance(), wizard.currentPage(), release_locks)


def keystrokes(count: int) -> None:
    import resource

    _settings()
    from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

    from gui.app import build_wizard, create_application, parse_arguments

    app = create_application()
    bare = QWidget()  # the baseline: a bare line edit in a window of its own, no style, no checks
    bare_edit = QLineEdit(bare)
    QVBoxLayout(bare).addWidget(bare_edit)
    bare.show()
    wizard = build_wizard(parse_arguments(["--sample"]), recover=False)
    wizard.show()
    wizard.activateWindow()

    counter = {"events": 0, "paints": 0}
    watched: dict[str, object] = {"widget": None}

    class Counter(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            counter["events"] += 1
            if event.type() == QEvent.Type.Paint and isinstance(obj, QWidget):
                painted = watched["widget"]
                if isinstance(painted, QWidget) and (obj is painted or painted.isAncestorOf(obj)):
                    counter["paints"] += 1
            return False

    spy = Counter()
    app.installEventFilter(spy)
    deferred = QEvent.Type.DeferredDelete.value

    def settle() -> None:
        while True:
            before = counter["events"]
            QCoreApplication.sendPostedEvents(None, 0)
            app.processEvents()
            QCoreApplication.sendPostedEvents(None, deferred)
            if counter["events"] == before:
                return

    for key in wizard.pages:  # every page built and shown once, as a clerk going through the report
        wizard.go_to_page(key)
        settle()
    page = wizard.go_to_page("applications")
    settle()
    view = page.view  # type: ignore[attr-defined]
    model = view.grid_model
    order = model.editable_positions()

    def press(widget: QWidget, key: int, text: str) -> None:
        mods = Qt.KeyboardModifier.NoModifier
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, key, mods, text))
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyRelease, key, mods, text))

    cpu: dict[str, list[float]] = {"product": [], "baseline": []}

    def timed(widget: QWidget, painted: QWidget, key: int, text: str, side: str) -> float:
        watched["widget"] = painted
        paints = counter["paints"]
        start, start_cpu = time.perf_counter(), time.thread_time()
        press(widget, key, text)
        settle()
        elapsed = (time.perf_counter() - start) * 1000
        cpu[side].append((time.thread_time() - start_cpu) * 1000)
        if counter["paints"] == paints:
            raise SystemExit(f"no repaint after the key {text!r}")
        return elapsed

    product: list[float] = []
    baseline: list[float] = []
    view.setFocus()
    view.setCurrentIndex(model.index(*order[0]))
    settle()
    position = 0
    while len(product) < count:
        # a figure of 1–3 digits, then Enter (stored, next cell) — as a clerk fills the table in
        digits = str(7 + 13 * position)[: 1 + position % 3]
        for digit in digits:
            # the bare line edit gets its key sent directly: moving the focus to its window would make the
            # grid's editor commit
            baseline.append(timed(bare_edit, bare_edit, Qt.Key.Key_0 + int(digit), digit, "baseline"))
            target = QApplication.focusWidget()
            assert target is not None
            product.append(timed(target, view, Qt.Key.Key_0 + int(digit), digit, "product"))
        target = QApplication.focusWidget()
        assert target is not None
        product.append(timed(target, view, Qt.Key.Key_Return, "\r", "product"))
        bare_edit.clear()
        settle()
        position += 1
        if position >= len(order):
            position = 0
    shown = page.message_bar.messages()
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    wizard.document.undo_stack.setClean()
    print(
        json.dumps(
            {
                "product_ms": product[:count],
                "baseline_ms": baseline,
                "product_cpu_ms": cpu["product"][:count],
                "baseline_cpu_ms": cpu["baseline"],
                "peak_rss_mb": rss_kb / 1024,
                "messages": shown,
                "cells_typed": position,
            },
            ensure_ascii=False,
        )
    )
    sys.stdout.flush()
    os._exit(0)


def main(argv: list[str]) -> None:
    job = argv[0]
    if job == "start-bare":
        start_bare()
    elif job == "start-product":
        start_product()
    elif job == "keystrokes":
        keystrokes(int(argv[1]))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
