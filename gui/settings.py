"""UI state kept between runs in QSettings: window geometry, last folder, recent files, backup folder, text
size (never report data)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORGANISATION = "nianbao"
APPLICATION = "年报填报助手"
MAX_RECENT = 8


def app_settings() -> QSettings:
    """Return the settings store of the application (per user)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION)


def documents_folder() -> Path:
    """Return the user's 文档 folder (Windows 「文档」/Documents, the XDG documents folder on Linux desktops:
    ~/文档 on 统信UOS and 银河麒麟), or the home folder where there is none."""
    from platformdirs import user_documents_dir

    try:
        folder = Path(user_documents_dir())
    except (OSError, RuntimeError, ValueError):
        return Path.home()
    return folder if folder.is_dir() else Path.home()


def last_folder() -> Path:
    """Return the folder of the last file opened or saved, or the user's 文档 folder (`documents_folder`)."""
    value = app_settings().value("last_folder", "")
    path = Path(str(value)) if value else documents_folder()
    return path if path.is_dir() else documents_folder()


def remember_folder(path: Path) -> None:
    """Remember the folder of `path` for the next file dialog."""
    app_settings().setValue("last_folder", str(path.parent if path.suffix else path))


def recent_files(existing_only: bool = True) -> list[Path]:
    """Return the recently opened or saved files, newest first; with `existing_only` those that no longer
    exist are left out (a file on a USB stick not plugged in, a deleted draft)."""
    value = app_settings().value("recent_files", [])
    items = [value] if isinstance(value, str) else list(value or [])
    return [Path(p) for p in items if p and (not existing_only or Path(p).exists())]


def add_recent(path: Path) -> None:
    """Put `path` first in the recent files (at most 8 are kept) and remember its folder."""
    path = path.resolve()
    items = [str(path)] + [str(p) for p in recent_files(existing_only=False) if p != path]
    settings = app_settings()
    settings.setValue("recent_files", items[:MAX_RECENT])
    settings.setValue("last_folder", str(path.parent))


def remove_recent(path: Path) -> None:
    """Drop `path` from the recent files."""
    items = [str(p) for p in recent_files(existing_only=False) if p != path]
    app_settings().setValue("recent_files", items)


def backup_folder() -> Path | None:
    """Return the folder of the last 「备份到…」 if it still exists (a USB stick plugged in), else None."""
    value = app_settings().value("backup_folder", "")
    path = Path(str(value)) if value else None
    return path if path is not None and path.is_dir() else None


def remember_backup_folder(folder: Path) -> None:
    """Remember `folder` for the next 「备份到…」."""
    app_settings().setValue("backup_folder", str(folder))


def geometry() -> QByteArray | None:
    """Return the saved window geometry, None on first run."""
    value = app_settings().value("geometry")
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def save_geometry(data: QByteArray) -> None:
    """Save the window geometry."""
    app_settings().setValue("geometry", data)


def text_scale() -> int:
    """Return the text size chosen with the larger-text option, in % (100 when never chosen)."""
    value = app_settings().value("text_scale", 100)
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 100


def save_text_scale(percent: int) -> None:
    """Remember the text size for the next run."""
    app_settings().setValue("text_scale", int(percent))
