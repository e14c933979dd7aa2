"""The faces the printed report is set in: the official ones where the PC has them, else the nearest free face.

Each role of FORMAT.md §7 (title 方正小标宋简体, body 仿宋_GB2312, level-1 headings 黑体, level-2 headings
楷体_GB2312, tables 宋体, page numbers 宋体, digits and Latin letters Times New Roman) has an ordered list of
faces, `FALLBACKS`: the official face first, then the names Windows and the office font packs give it and the
faces of the same style Windows always has (仿宋 FangSong, 楷体 KaiTi, 黑体 SimHei, 宋体 SimSun), then the
free faces of the Chinese Linux desktops (统信UOS, 银河麒麟: 方正 *_GBK, Noto CJK, 文泉驿) and of Debian
(AR PL UMing / UKai, as `tests/data/fonts.conf` maps them for LibreOffice). The first face installed wins
(`choose_fonts`); a role none of whose faces is installed gets Qt's default face for Chinese text.

The choice is reported (`FontChoice.substituted`) so that the preview and `export --pdf` can say which
official face was missing and which was used instead. Needs a `QGuiApplication` (the font database).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QRawFont

Role = Literal["title", "body", "heading1", "heading2", "table", "page_number", "latin"]

# The official face of each role (FORMAT.md §7) and the label shown with it.
ROLE_LABELS: dict[Role, str] = {
    "title": "标题",
    "body": "正文",
    "heading1": "一级标题",
    "heading2": "二级标题",
    "table": "表格",
    "page_number": "页码",
    "latin": "数字和字母",
}

_SONG_FREE = ("方正书宋_GBK", "方正书宋简体", "Noto Serif CJK SC", "Source Han Serif SC", "Source Han Serif CN",
              "思源宋体", "AR PL UMing CN", "AR PL SungtiL GB")  # fmt: skip
_HEI_FREE = ("方正黑体_GBK", "方正黑体简体", "Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN",
             "思源黑体", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Droid Sans Fallback")  # fmt: skip

FALLBACKS: dict[Role, tuple[str, ...]] = {
    "title": (
        "方正小标宋简体",
        "方正小标宋_GBK",
        "FZXiaoBiaoSong-B05S",
        "方正小标宋",
        "华文中宋",
        "STZhongsong",
        "宋体",
        "SimSun",
        "方正书宋_GBK",
        "Noto Serif CJK SC",
        "Source Han Serif SC",
        "Source Han Serif CN",
        "思源宋体",
        "AR PL UMing CN",
        *_HEI_FREE,
    ),  # fmt: skip
    "body": (
        "仿宋_GB2312",
        "FangSong_GB2312",
        "仿宋",
        "FangSong",
        "方正仿宋_GBK",
        "方正仿宋简体",
        "华文仿宋",
        "STFangsong",
        "AR PL UMing CN",
        *_SONG_FREE,
        *_HEI_FREE,
    ),  # fmt: skip
    "heading1": ("黑体", "SimHei", *_HEI_FREE, "微软雅黑", "Microsoft YaHei", *_SONG_FREE),
    "heading2": (
        "楷体_GB2312",
        "KaiTi_GB2312",
        "楷体",
        "KaiTi",
        "方正楷体_GBK",
        "方正楷体简体",
        "华文楷体",
        "STKaiti",
        "AR PL UKai CN",
        "AR PL KaitiM GB",
        *_SONG_FREE,
        *_HEI_FREE,
    ),  # fmt: skip
    "table": ("宋体", "SimSun", "新宋体", "NSimSun", "华文宋体", "STSong", *_SONG_FREE, *_HEI_FREE),
    "page_number": ("宋体", "SimSun", "新宋体", "NSimSun", "华文宋体", "STSong", *_SONG_FREE, *_HEI_FREE),
    "latin": (
        "Times New Roman",
        "Liberation Serif",
        "Tinos",
        "Nimbus Roman",
        "Nimbus Roman No9 L",
        "TeX Gyre Termes",
        "DejaVu Serif",
    ),  # fmt: skip
}

# Roles whose Latin letters and digits are set in the role's own face (the page number is 半角宋体).
OWN_LATIN: frozenset[Role] = frozenset({"page_number"})


@dataclass(frozen=True)
class FontChoice:
    """The face chosen for one role: `preferred` is the official face (the first of `FALLBACKS[role]`),
    `family` the face used; `installed` is False when no face of the list is installed and Qt's default face
    for Chinese text stands in (`family` is then the face Qt resolved)."""

    role: Role
    preferred: str
    family: str
    installed: bool = True

    @property
    def substituted(self) -> bool:
        """True when the official face is missing on this PC and another stands in."""
        return self.family != self.preferred

    @property
    def label(self) -> str:
        """The role as the clerk reads it: 「正文」, 「标题」…"""
        return ROLE_LABELS[self.role]

    def describe(self) -> str:
        """Return the choice in a few words: 「正文 仿宋_GB2312」, or when the official face is missing
        「正文 仿宋_GB2312（本机没有，用 AR PL UMing CN 代替）」."""
        if not self.substituted:
            return f"{self.label} {self.family}"
        return f"{self.label} {self.preferred}（本机没有，用 {self.family} 代替）"


def installed_families() -> dict[str, str]:
    """Return the installed font families, keyed by their name in lower case (Qt's database; needs a
    `QGuiApplication`)."""
    return {name.lower(): name for name in QFontDatabase.families()}


def choose_fonts(families: dict[str, str] | None = None) -> dict[Role, FontChoice]:
    """Return the face of each role: the first face of `FALLBACKS[role]` found in `families` (the installed
    ones, `installed_families()`, when None), compared case-insensitively."""
    known = installed_families() if families is None else families
    chosen: dict[Role, FontChoice] = {}
    for role, names in FALLBACKS.items():
        found = next((known[n.lower()] for n in names if n.lower() in known), None)
        if found is not None:
            chosen[role] = FontChoice(role, names[0], found)
        else:  # nothing of the list: what Qt itself would take for Chinese (or Latin) text
            probe = QFont()
            probe.setStyleHint(QFont.StyleHint.Serif)
            chosen[role] = FontChoice(role, names[0], QFontInfo(probe).family(), installed=False)
    return chosen


def substitutions(fonts: dict[Role, FontChoice]) -> list[FontChoice]:
    """Return the choices of `fonts` whose official face is missing, in the order of `ROLE_LABELS`."""
    return [fonts[r] for r in ROLE_LABELS if r in fonts and fonts[r].substituted]


def embeddable(family: str) -> bool:
    """Return False if the face `family` forbids embedding in documents (OpenType OS/2 fsType bit 1,
    'Restricted License'); Qt then draws its text as outlines, which look the same but cannot be searched
    or copied. True when the face says nothing."""
    raw = QRawFont.fromFont(QFont(family))
    table = bytes(raw.fontTable("OS/2").data()) if raw.isValid() else b""
    if len(table) < 10:
        return True
    fs_type = int.from_bytes(table[8:10], "big")
    return not (fs_type & 0x000F) == 0x0002
