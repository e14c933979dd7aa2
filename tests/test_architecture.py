"""The house rules of docs/architecture.md, checked on the source: no import circles, no Qt in model/ (nor in
the headless command line), and each room of model/ importing only the rooms below it.

Imports are read with `ast` from every module of the product (model, gui, cli, main.py, tools, benchmarks):
at module level, inside functions and under `if TYPE_CHECKING:` alike, since each is a dependency a reader
of the code must follow.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCT = ("model", "printing", "gui", "cli", "tools", "benchmarks", "main.py")

# The rooms of model/ and which rooms each may import (docs/architecture.md, "What may import what").
GROUND = "model.ground"  # the format, the draft, numbers in text, findings, resources, last year's record
MODEL_ROOMS: dict[str, set[str]] = {
    GROUND: set(),
    "model.entry": {GROUND},
    "model.rules": {GROUND},
    "model.storage": {GROUND},
    "model.reading": {GROUND},
    "model.docx": {GROUND, "model.storage", "model.reading"},
    "model.published": {GROUND, "model.storage", "model.reading", "model.docx"},
    "model.sources": {GROUND, "model.storage", "model.reading", "model.docx", "model.published"},
    "model.county": {GROUND, "model.rules", "model.storage", "model.reading", "model.docx", "model.sources"},
}


def product_modules(root: Path = ROOT) -> dict[str, Path]:
    """Return every module of the product by dotted name (a package by its own name)."""
    found: dict[str, Path] = {}
    for top in PRODUCT:
        base = root / top
        paths = [base] if base.suffix == ".py" and base.exists() else sorted(base.rglob("*.py"))
        for path in paths:
            name = ".".join(path.relative_to(root).with_suffix("").parts)
            found[name.removesuffix(".__init__")] = path
    return found


def import_graph(modules: dict[str, Path]) -> dict[str, set[str]]:
    """Return, for each module, the product modules it imports (relative imports resolved)."""
    graph: dict[str, set[str]] = defaultdict(set)
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*parts, base] if base else parts)
                targets = [base, *(f"{base}.{a.name}" for a in node.names)]
            else:
                continue
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                # a module importing its own package's __init__ is not an edge (Python runs it first anyway)
                if target and target != name and not name.startswith(target + "."):
                    graph[name].add(target)
    return graph


def import_circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Return the import circles of `graph`: its strongly connected components of more than one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return circles


def room(module: str) -> str:
    """Return the room of a model module: its package under model/, `model.sources`, or the ground."""
    parts = module.split(".")
    if len(parts) >= 2 and f"model.{parts[1]}" in MODEL_ROOMS:
        return f"model.{parts[1]}"
    return GROUND


def test_the_product_has_no_import_circle() -> None:
    assert import_circles(import_graph(product_modules())) == []


def test_an_import_circle_is_found(tmp_path: Path) -> None:
    """The walk sees a circle however it is hidden: inside a function, under TYPE_CHECKING, relative."""
    pkg = tmp_path / "gui"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "wizard.py").write_text("from gui.keyboard import KeyboardController\nimport gui.backup\n")
    (pkg / "keyboard.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .wizard import ReportWizard\n"
    )
    (pkg / "backup.py").write_text("def f():\n    import gui.wizard\n")
    circles = import_circles(import_graph(product_modules(tmp_path)))
    assert circles == [["gui.backup", "gui.keyboard", "gui.wizard"]]


def test_model_rooms_import_only_rooms_below_them() -> None:
    modules = product_modules()
    graph = import_graph(modules)
    wrong = []
    for module in sorted(m for m in modules if m.startswith("model.")):
        own = room(module)
        for target in sorted(graph.get(module, ())):
            if not target.startswith("model."):
                wrong.append(f"{module} → {target}（model 只能引用 model）")
            elif room(target) != own and room(target) not in MODEL_ROOMS[own]:
                wrong.append(f"{module} → {target}")
    assert wrong == []


def test_rooms_known_to_the_test_match_the_tree() -> None:
    """Every package under model/ is a room of MODEL_ROOMS (a new room is added there and in the doc)."""
    packages = {f"model.{p.name}" for p in (ROOT / "model").iterdir() if (p / "__init__.py").exists()}
    assert packages <= set(MODEL_ROOMS)


def test_only_the_application_imports_the_wizard() -> None:
    """Helpers of the wizard get it as a `gui.host.WizardHost`, never by importing `gui.wizard`."""
    graph = import_graph(product_modules())
    importers = sorted(m for m, targets in graph.items() if "gui.wizard" in targets and not m.startswith("tools"))
    assert importers == ["gui.app"]


def test_front_doors_stand_apart() -> None:
    """The wizard (gui) and the command line (cli) both stand on the model and never import each other."""
    graph = import_graph(product_modules())
    crossing = sorted(
        f"{m} → {t}"
        for m, targets in graph.items()
        for t in targets
        if (m.startswith("gui") and t.startswith("cli")) or (m.startswith("cli") and t.startswith("gui"))
    )
    assert crossing == []


def test_printing_stands_between_the_model_and_the_front_doors() -> None:
    """The page renderer (printing/) uses the model and Qt's QtGui, never the wizard or the command line; the
    model never uses it; the command line loads it only inside the PDF export (see the next test)."""
    modules = product_modules()
    graph = import_graph(modules)
    wrong = sorted(
        f"{m} → {t}"
        for m, targets in graph.items()
        for t in targets
        if (m.startswith("printing") and t.split(".")[0] in ("gui", "cli", "tools", "benchmarks", "main"))
        or (m.startswith("model") and t.startswith("printing"))
    )
    assert wrong == []
    assert any(t.startswith("printing") for t in graph["cli.commands"])  # the PDF export
    widgets = []
    for name, path in modules.items():
        if name.startswith("printing"):
            source = path.read_text(encoding="utf-8")
            widgets += [name for w in ("QtWidgets", "QtPrintSupport") if w in source]
    assert widgets == []  # QtGui only: the command line starts a QGuiApplication, no widgets


def test_model_and_the_command_line_never_load_qt() -> None:
    names = sorted(m for m in product_modules() if m.split(".")[0] in ("model", "cli"))
    assert {"model.format", "model.draft", "model.rules", "model.storage.drafts", "cli.commands"} <= set(names)
    code = (
        f"import importlib, sys; [importlib.import_module(m) for m in {names!r}];"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def _run_offscreen(code: str, tmp_path: Path) -> str:
    """Run `code` in a fresh Python process (offscreen Qt, user folders under `tmp_path`); return its output."""
    folders = {"XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **folders}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True, env=env, timeout=120
    )
    return done.stdout.strip()


def test_the_wizard_imports_its_modules_without_pysides_feature_hook(tmp_path: Path) -> None:
    """Start time (issue 11): once `gui` is imported, an import no longer passes through PySide's `__feature__`
    hook (which reads the source of every module imported), and PySide's classes still load when named."""
    code = (
        "import builtins\n"
        "from PySide6 import QtCore\n"
        "hooked = builtins.__import__ is builtins.__feature_import__\n"
        "import gui\n"
        "from PySide6.QtWidgets import QLabel\n"
        "from gui.wizard import ReportWizard\n"
        "print(hooked, builtins.__import__ is builtins.__feature_import__, QLabel.__name__, ReportWizard.__name__)\n"
    )
    assert _run_offscreen(code, tmp_path) == "True False QLabel ReportWizard"


def test_the_first_page_is_shown_without_the_table_pages_modules(tmp_path: Path) -> None:
    """Start time (issue 11): the wizard on the sample shows its first page without importing the grids of the
    table pages (`gui.tables`, `gui.pages.carried`); they are imported when a table page is first built."""
    code = (
        "import sys\n"
        "from gui.app import build_wizard, create_application, parse_arguments\n"
        "app = create_application()\n"
        "wizard = build_wizard(parse_arguments(['--sample']), recover=False)\n"
        "wizard.show()\n"
        "app.processEvents()\n"
        "before = sorted(m for m in sys.modules if m.startswith(('gui.tables', 'gui.pages.carried')))\n"
        "wizard.go_to_page('applications')\n"
        "after = sorted(m for m in sys.modules if m.startswith(('gui.tables', 'gui.pages.carried')))\n"
        "print(before, after)\n"
    )
    out = _run_offscreen(code, tmp_path)
    assert out == "[] ['gui.pages.carried', 'gui.tables', 'gui.tables.grid', 'gui.tables.models']"


def test_the_first_page_is_painted_before_the_rules_are_imported(tmp_path: Path) -> None:
    """Start time (issue 11): as the program starts (`run_gui`: `paint_first`), the rules (`model.rules`, some
    hundred regular expressions) are imported only after the first page has painted, and then checked."""
    code = (
        "import sys\n"
        "from PySide6.QtCore import QEvent, QObject\n"
        "from gui.app import build_wizard, create_application, parse_arguments\n"
        "app = create_application()\n"
        "wizard = build_wizard(parse_arguments(['--sample']), recover=False, paint_first=True)\n"
        "seen = []\n"
        "class Paint(QObject):\n"
        "    def eventFilter(self, watched, event):\n"
        "        if event.type() == QEvent.Type.Paint and not seen:\n"
        "            seen.append('model.rules' in sys.modules)\n"
        "        return False\n"
        "watcher = Paint()\n"
        "wizard.pages['basic'].installEventFilter(watcher)\n"
        "wizard.show()\n"
        "while not seen or 'model.rules' not in sys.modules:\n"
        "    app.processEvents()\n"
        "print(seen[0], 'model.rules' in sys.modules)\n"
    )
    assert _run_offscreen(code, tmp_path) == "False True"


def test_garbage_is_collected_again_once_the_started_window_is_complete(tmp_path: Path) -> None:
    """Start time (issue 11): the program (main.py) starts the wizard with the garbage collector off, so the
    first page is painted without walking the start's objects, and turns it on again once the window is
    complete; the error presenter looks for its log folder (platformdirs) only when something is logged, the
    windows get the program's icon just after the first paint, and PySide makes Qt's namespace of enums only
    after it (`gui.qt_namespace`); the window then closes itself as the packagers' start check asks
    (`NIANBAO_CLOSE_AFTER_MS`)."""
    code = (
        "import gc, os, sys\n"
        "os.environ['NIANBAO_CLOSE_AFTER_MS'] = '1000'\n"
        "from PySide6 import QtCore, QtGui\n"
        "from PySide6.QtCore import QEvent, QObject\n"
        "from PySide6.QtWidgets import QApplication, QWizardPage\n"
        "from gui.app import WINDOWS\n"
        "import main\n"
        "app = QApplication(['nianbao'])\n"
        "seen = []\n"
        "class Paint(QObject):\n"
        "    def eventFilter(self, watched, event):\n"
        "        if event.type() == QEvent.Type.Paint and isinstance(watched, QWizardPage) and not seen:\n"
        "            seen.append((gc.isenabled(), WINDOWS[0].completed, 'platformdirs' in sys.modules,\n"
        "                         'QIcon' in vars(QtGui), 'Qt' in vars(QtCore)))\n"
        "        return False\n"
        "watcher = Paint()\n"
        "app.installEventFilter(watcher)\n"
        "print(main.main(['--sample']), seen, gc.isenabled(), not app.windowIcon().isNull())\n"
    )
    out = _run_offscreen(code, tmp_path).splitlines()
    assert out[0].startswith("已打开：米易县草场镇人民政府")
    # off at the first paint, on again once complete; the log folder not looked for and PySide's QIcon class and
    # Qt's namespace not made before the paint; the program's icon on the windows after it
    assert out[-1] == "0 [(False, False, False, False, False)] True True"


def test_the_first_page_is_painted_before_the_rest_of_the_window_is_built(tmp_path: Path) -> None:
    """Start time (issue 11): as the program starts (`paint_first`), the side panel, the help and the printing,
    backup, rollover and county controllers, autosave — and their modules, the dialogs and the reading of
    reports among them — are built only after the first page has painted (`ReportWizard.complete`; the
    narrative texts' aids, `gui.highlight`, and the report reader even later, when needed), and no Qt class of
    those parts is made before (PySide makes a class when it is first named); a shortcut pressed in the first
    instant after it (here Ctrl+B, before the window is complete) still finds its action, and the window is
    then whole."""
    code = (
        "import sys\n"
        "from PySide6.QtCore import QEvent, QObject, Qt, QTimer\n"
        "from PySide6.QtTest import QTest\n"
        "from PySide6 import QtGui, QtWidgets\n"
        "from PySide6.QtWidgets import QApplication, QToolButton\n"
        "from gui.app import build_wizard, create_application, parse_arguments\n"
        "DEFERRED = ('gui.help', 'gui.actions.printing', 'gui.actions.backup', 'gui.actions.rollover',\n"
        "            'gui.county.local', 'gui.actions.recovery', 'gui.dialogs', 'model.sources')\n"
        "CLASSES = ('QFileDialog', 'QMessageBox', 'QDialogButtonBox', 'QListWidget', 'QMenu', 'QTreeWidget',\n"
        "           'QStyle', 'QAbstractItemView', 'QTextEdit')\n"
        "GUI_CLASSES = ('QPainter', 'QPainterPath', 'QPen', 'QBrush')  # (QtGui) drawing icons and rings\n"
        "LATER = ('gui.highlight', 'gui.actions.reading',  # a text page's aids, reading a report\n"
        "         'gui.number_input', 'model.entry.cell_input')  # the number boxes of the tables and 六\n"
        "app = create_application()\n"
        "wizard = build_wizard(parse_arguments(['--sample']), recover=False, paint_first=True)\n"
        "at_paint, at_key, asked = [], [], []\n"
        "def close_question():\n"
        "    modal = QApplication.activeModalWidget()\n"
        "    asked.append(modal.windowTitle() if modal is not None else None)\n"
        "    if modal is not None:\n"
        "        modal.reject()\n"
        "def first_instant():\n"
        "    at_key.append(wizard.completed)\n"
        "    QTimer.singleShot(300, close_question)\n"
        "    QTest.keyClick(QApplication.focusWidget() or wizard, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)\n"
        "class Paint(QObject):\n"
        "    def eventFilter(self, watched, event):\n"
        "        if event.type() == QEvent.Type.Paint and not at_paint:\n"
        "            at_paint.append(sorted(m for m in DEFERRED + LATER if m in sys.modules))\n"
        "            at_paint.append(hasattr(wizard, 'side') or hasattr(wizard, 'printing'))\n"
        "            at_paint.append([c for c in CLASSES if c in vars(QtWidgets)]\n"
        "                            + [c for c in GUI_CLASSES if c in vars(QtGui)])\n"
        "            QTimer.singleShot(0, first_instant)\n"
        "        return False\n"
        "watcher = Paint()\n"
        "wizard.pages['basic'].installEventFilter(watcher)\n"
        "wizard.show()\n"
        "wizard.activateWindow()\n"
        "while not asked:\n"
        "    app.processEvents()\n"
        "keys = {a.shortcut().toString() for a in wizard.actions()}\n"
        "print(at_paint, at_key, asked)\n"
        "print(sorted(m for m in DEFERRED if m in sys.modules))\n"
        "larger = wizard.keyboard.larger_action\n"
        "sized = [b for b in wizard.side.findChildren(QToolButton) if b.defaultAction() is larger]\n"
        "print(wizard.sideWidget().widget() is wizard.side, wizard.help.panel.parentWidget() is wizard.side,\n"
        "      wizard.page_list.currentRow(), len(sized))\n"
        "print(sorted(k for k in keys if k in ('Ctrl+P', 'Ctrl+B', 'F1', 'Ctrl+Shift+N', 'Ctrl+Shift+L')))\n"
        "untouched = build_wizard(parse_arguments(['--sample']), recover=False, paint_first=True)\n"
        "before = untouched.completed\n"
        "untouched.show()\n"
        "deadline = QTimer(singleShot=True, interval=5000)\n"
        "deadline.start()\n"
        "while not untouched.completed and deadline.isActive():\n"
        "    app.processEvents()\n"
        "print(before, untouched.completed, untouched.sideWidget().widget() is untouched.side)\n"
    )
    out = _run_offscreen(code, tmp_path).splitlines()
    assert out[0] == "[[], False, []] [False] ['备份到哪个文件夹（如 U 盘）']"  # nothing deferred yet; Ctrl+B asked
    deferred = ("gui.help", "gui.actions.printing", "gui.actions.backup", "gui.actions.rollover", "gui.county.local")
    assert out[1] == str(sorted((*deferred, "gui.actions.recovery", "gui.dialogs", "model.sources")))
    assert out[2] == "True True 0 1"  # the side panel, its help panel, the page list on 基本信息, 「字号」
    assert out[3] == "['Ctrl+B', 'Ctrl+P', 'Ctrl+Shift+L', 'Ctrl+Shift+N', 'F1']"
    assert out[4] == "False True True"  # untouched, a window is completed after its first paint all the same
