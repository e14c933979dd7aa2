"""Qt's namespace of enums (`Qt.AlignmentFlag`, `Qt.FocusPolicy` …), made when an enum is first named, not when a
module that names it is imported.

PySide makes all 93 enums of Qt's namespace (1195 members, each a Python enum) the first time `Qt` is named, or
the first time a Qt function hands Python one of its values: some 20 ms and 117 M instructions here, a sixth of
the program's start (issue 11). The modules the start imports take `Qt` from here; what runs before the first
page is painted names none of its enums: it sets enum properties by their keys (`set_enum`) and uses the two
values below. tests/test_architecture.py checks that the namespace is made only after the first paint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QObject, Qt
else:

    class _Namespace:
        """Stands for PySide6.QtCore.Qt: an enum is fetched from it when first named here, then kept."""

        def __getattr__(self, name: str) -> object:
            from PySide6.QtCore import Qt as namespace

            value = getattr(namespace, name)
            setattr(self, name, value)
            return value

    Qt = _Namespace()

__all__ = ["Qt", "USER_ROLE", "TEXT_WORD_WRAP", "set_enum"]

# Two values of the namespace, as Qt defines them (qnamespace.h); tests/test_gui_look.py compares them with PySide's.
USER_ROLE = 0x0100  # Qt.ItemDataRole.UserRole: an item's first role for the program's own data
TEXT_WORD_WRAP = 0x1000  # Qt.TextFlag.TextWordWrap, for QFontMetrics.boundingRect


def set_enum(obj: QObject, name: str, keys: str) -> None:
    """Set the enum (or flags) property `name` of `obj` by its keys as Qt names them, e.g.
    ``set_enum(area, "focusPolicy", "NoFocus")`` or ``set_enum(label, "alignment", "AlignRight|AlignVCenter")``:
    Qt reads the keys itself, so PySide makes no enum.

    Raises `ValueError` if `obj`'s class has no such property or Qt does not know the keys.
    """
    if not obj.setProperty(name, keys):
        raise ValueError(f"{type(obj).__name__} has no enum property {name!r} with the keys {keys!r}")
