"""Starting the wizard: the QApplication with Chinese standard buttons, the error presenter, the first draft.

python main.py            a new report
python main.py FILE       a draft (.json) or a report (Word, PDF, web page)
python main.py --sample   the built-in sample (米易县草场镇人民政府 2024), as an untitled copy
python main.py --review [FOLDER]   the county's review of every unit's report in FOLDER (审核文件夹…)
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QWidget

from gui import settings, style
from gui.document import DraftDocument
from gui.errors import ErrorPresenter, log_path
from gui.qt_namespace import Qt
from gui.wizard import APP_NAME, ReportWizard
from model.draft import Draft
from model.resources import ICON_PATH, SAMPLE_PATH

if TYPE_CHECKING:  # the county's review window is imported when one is opened, not at every start
    from gui.county.window import ReviewWindow

SAMPLE_NAME = "内置示例"
USAGE = "用法：python main.py [草稿.json | 报告文件 | --sample | --review [文件夹]]；命令行功能见 python main.py -h"


class StartRequest(NamedTuple):
    """What the command line asks the wizard to open: `mode` 'new', 'sample', 'file' or 'review' (the county's
    review window, on the folder `path` if given) and the `path`."""

    mode: str
    path: Path | None = None


def parse_arguments(argv: Sequence[str]) -> StartRequest:
    """Return what `argv` (without the program name) asks to open.

    Raises `ValueError` with the usage text if `argv` is neither empty, ``--sample`` nor one file.
    """
    args = list(argv)
    if not args:
        return StartRequest("new")
    if args == ["--sample"]:
        return StartRequest("sample", SAMPLE_PATH)
    if args[0] == "--review" and len(args) <= 2:
        return StartRequest("review", Path(args[1]) if len(args) == 2 else None)
    if len(args) == 1 and not args[0].startswith("-"):
        return StartRequest("file", Path(args[0]))
    raise ValueError(USAGE)


# From this month on, the report being prepared is the current year's (offices start it in the autumn and
# sign it in January); before it, last year's report is still the one being finished.
NEW_YEAR_MONTH = 10


def default_report_year(today: date | None = None) -> int:
    """Return the report year a new report starts with: the current year from October on, the previous
    year before (issue 14: in December 2026 the report being prepared is 2026's)."""
    today = today or date.today()
    return today.year if today.month >= NEW_YEAR_MONTH else today.year - 1


def new_draft(today: date | None = None) -> Draft:
    """Return an empty draft for the report year `default_report_year(today)` gives."""
    return Draft(year=default_report_year(today))


def install_translators(app: QApplication) -> list[QTranslator]:
    """Load Qt's own Chinese translation (qtbase_zh_CN.qm from PySide6: standard buttons 上一步, 下一步, 取消,
    完成, the file dialogs); return the translators installed. What it lacks for Qt's own file dialog comes
    with the first one made (`gui.dialogs.QtChineseSupplement`).

    qt_zh_CN.qm is only a list of qtbase_zh_CN and qtmultimedia_zh_CN (not in PySide6-Essentials, so it does
    not load); qtbase_zh_CN holds every text of the widgets used here.
    """
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    installed: list[QTranslator] = []
    translator = QTranslator(app)
    if translator.load("qtbase_zh_CN", folder):
        app.installTranslator(translator)
        installed.append(translator)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    return installed


def create_application(argv: Sequence[str] = (), window_icon: bool = True) -> QApplication:
    """Return the QApplication (made if none exists), named, styled and translated; with `window_icon`, every
    window has the program's icon (`set_window_icon`)."""
    app = QApplication.instance()
    made = not isinstance(app, QApplication)
    if not isinstance(app, QApplication):
        # Fusion chosen as Qt starts (its -style option), not by `QApplication.setStyle`, which hands Python the
        # style object: PySide would make its QStyle class for it, some 30 M instructions at every start
        app = QApplication([sys.argv[0] if sys.argv else "nianbao", "-style", "Fusion", *argv])
    app.setOrganizationName(settings.ORGANISATION)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    if window_icon:
        set_window_icon()
    if not getattr(app, "_nianbao_ready", False):
        install_translators(app)
        style.apply_style(app, fusion_chosen=made)
        if settings.text_scale() != 100:  # the larger text chosen in an earlier run
            style.set_text_scale(app, settings.text_scale())
        app._nianbao_ready = True  # type: ignore[attr-defined]
    return app


def set_window_icon() -> None:
    """Give every window of the application the program's icon."""
    from PySide6.QtGui import QIcon  # (here: at the program's start, once the first page is painted)

    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.setWindowIcon(QIcon(str(ICON_PATH)))


WINDOWS: list[ReportWizard] = []  # the wizard windows opened by `new_window` and not closed, main window first
REVIEWS: list[ReviewWindow] = []  # the county's review windows opened and not closed


def new_window(paint_first: bool = False) -> ReportWizard:
    """Return a new wizard window (not shown) on a new report, autosaved to its own recovery file; with
    `paint_first`, completed after its first paint (`ReportWizard`), and autosaved from then on — nothing can
    be typed before (`ReportWizard.complete` runs at the first key or click)."""
    wizard = ReportWizard(DraftDocument(new_draft()), paint_first=paint_first)
    if wizard.completed:
        _autosave(wizard)
    else:
        wizard.window_completed.connect(lambda: _autosave(wizard))
    WINDOWS.append(wizard)
    wizard.finished.connect(lambda _result, w=wizard: WINDOWS.remove(w) if w in WINDOWS else None)
    wizard.review_requested.connect(lambda: open_review_window())
    return wizard


def _autosave(wizard: ReportWizard) -> None:
    """Autosave `wizard` to its own recovery file (`gui.actions.recovery.Autosaver`), this session's lock taken."""
    from gui.actions.recovery import Autosaver  # (here: after the first paint at start)

    Autosaver(wizard)


def open_in_wizard(path: Path) -> ReportWizard:
    """Return a new wizard window, shown, on the report at `path` (from the review window)."""
    wizard = new_window()
    wizard.show()
    wizard.open_path(path, confirmed=True)
    return wizard


def open_review_window(folder: Path | None = None) -> ReviewWindow:
    """Return the county's review window, shown; it reviews `folder` at once when given (「审核文件夹…」)."""
    from gui.county.window import ReviewWindow

    window = ReviewWindow(open_in_wizard=open_in_wizard)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    REVIEWS.append(window)
    window.destroyed.connect(lambda _obj=None, w=window: REVIEWS.remove(w) if w in REVIEWS else None)
    window.show()
    if folder is not None:
        window.set_folder(folder)
    return window


def build_wizard(request: StartRequest, recover: bool = True, paint_first: bool = False) -> ReportWizard:
    """Return the wizard (not shown) on what `request` asks for; a file that cannot be read leaves a new
    report open with the reason shown on the first page.

    With `recover`, work autosaved by a session that crashed or was killed is offered first
    (`gui.actions.recovery.offer_recovery`); further restored drafts open in windows of their own (`WINDOWS`).
    With `paint_first` (the program's start) the first page is painted before the rest of the window is built
    (`ReportWizard.complete`) and before the report is first checked; the offer then comes over the painted
    window, once it is completed, and the windows of further restored drafts are shown as they are made.
    """
    wizard = new_window(paint_first)
    if request.mode == "sample" and request.path is not None:
        wizard.open_untitled(request.path, SAMPLE_NAME, trusted=request.path == SAMPLE_PATH)
    elif request.mode == "file" and request.path is not None:
        wizard.open_path(request.path, confirmed=True)
    if recover and wizard.completed:
        _offer_recovery(wizard, new_window)
    elif recover:  # from the event loop: the offer is a dialog, and completion may come inside an event
        offer = partial(_offer_recovery, wizard, _new_shown_window)
        wizard.window_completed.connect(lambda: QTimer.singleShot(0, offer))
    return wizard


def _offer_recovery(wizard: ReportWizard, make_window: Callable[[], ReportWizard]) -> None:
    from gui.actions.recovery import offer_recovery  # (here: after the first paint at start)

    offer_recovery(wizard, make_window)


def _new_shown_window() -> ReportWizard:
    window = new_window()
    window.show()
    return window


def release_locks() -> None:
    """Release this session's locks (`gui.actions.recovery.Session`), as at a normal exit."""
    if "gui.actions.recovery" in sys.modules:  # (not imported: no window autosaved, no lock taken)
        from gui.actions.recovery import Session

        Session.release_all()


# A start check for packagers (tools/build.sh's smoke test, the Windows workflow, an office's IT staff):
# with NIANBAO_CLOSE_AFTER_MS=3000 the wizard (or the county's review window, --review) opens, prints its
# window title and closes itself as the close button would (the wizard asking before unsaved work is
# dropped), so that a script sees it start.
CLOSE_AFTER_VARIABLE = "NIANBAO_CLOSE_AFTER_MS"


def _close_after(window: QWidget) -> None:
    """Close every window of the program `CLOSE_AFTER_VARIABLE` ms after the start, `window`'s title printed."""
    close_after = os.environ.get(CLOSE_AFTER_VARIABLE, "")
    if close_after.isdigit():
        QTimer.singleShot(int(close_after), lambda: _close_for_start_check(window))


def _close_for_start_check(window: QWidget) -> None:
    print(f"已打开：{window.windowTitle().replace('[*]', '')}", flush=True)
    for other in [*WINDOWS, *REVIEWS]:
        other.close()


def _started() -> None:
    """Do what the start leaves until its window is complete, just after the first paint: turn the garbage
    collector on again (main.py turns it off) and give every window the program's icon (making PySide's QIcon
    class takes some 12 M instructions: issue 11)."""
    gc.enable()
    set_window_icon()


def start_gui(request: StartRequest) -> QWidget:
    """Open what `request` asks for as the program does before Qt's event loop runs (`run_gui`; the start
    that benchmarks/gui_driver.py times): the application, the error presenter, then the wizard — its first
    page painted before the rest is built (`build_wizard`'s `paint_first`), the rest of the start once it is
    complete (`_started`) — or the county's review window; every window shown. Return the main window."""
    create_application(window_icon=False)  # (the icon: `_started`)
    ErrorPresenter(log_path).install()
    if request.mode == "review":
        _started()
        return open_review_window(request.path)
    wizard = build_wizard(request, paint_first=True)
    if wizard.completed:  # (opening a file may have needed the whole window)
        _started()
    else:
        wizard.window_completed.connect(_started)
    wizard.show()
    for other in WINDOWS:
        if other is not wizard:
            other.show()
    return wizard


def run_gui(argv: Sequence[str]) -> int:
    """Open the wizard as `argv` asks (see the module docstring) and run until it closes; return the exit code."""
    try:
        request = parse_arguments(argv)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    _close_after(start_gui(request))
    app = QApplication.instance()
    assert isinstance(app, QApplication)  # (made by start_gui)
    try:
        return app.exec()
    finally:
        release_locks()
