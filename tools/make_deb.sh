#!/bin/sh
# Package the frozen program DIST/nianbao/ as DIST/nianbao_<VERSION>_amd64.deb, with dpkg-deb only:
#   /opt/nianbao/                                  the program (PyInstaller's one folder)
#   /usr/bin/nianbao                               the launcher (wizard, or a command: nianbao check …)
#   /usr/share/applications/nianbao.desktop        the menu entry 年报填报助手
#   /usr/share/icons/hicolor/{256x256,scalable}/apps/nianbao.{png,svg}
# Depends: what a bare Debian 12 / 统信UOS / 银河麒麟 desktop may lack for Qt's xcb window and a Chinese font;
# Recommends: LibreOffice Writer (only for opening .doc / .wps files). No maintainer scripts: removing the
# package leaves nothing but the user's own files (drafts, settings in ~/.config).
# Usage: sh tools/make_deb.sh DIST VERSION        (called by tools/build.sh)
set -eu
cd "$(dirname "$0")/.."
DIST="$1"
VERSION="$2"
if ! command -v dpkg-deb >/dev/null 2>&1; then
  echo "本机没有 dpkg-deb（不是 Debian 系的系统），只构建了 $DIST/nianbao/"
  exit 0
fi
PKG=$(mktemp -d)
trap 'rm -rf "$PKG"' EXIT INT TERM
mkdir -p "$PKG/DEBIAN" "$PKG/opt" "$PKG/usr/bin" "$PKG/usr/share/applications" \
  "$PKG/usr/share/icons/hicolor/256x256/apps" "$PKG/usr/share/icons/hicolor/scalable/apps" "$PKG/usr/share/doc/nianbao"
cp -R "$DIST/nianbao" "$PKG/opt/nianbao"

cat > "$PKG/usr/bin/nianbao" <<'LAUNCHER'
#!/bin/sh
# 年报填报助手: without arguments the wizard; nianbao -h lists the commands (check, export, import, …).
exec /opt/nianbao/nianbao "$@"
LAUNCHER

cat > "$PKG/usr/share/applications/nianbao.desktop" <<'DESKTOP'
[Desktop Entry]
Type=Application
Version=1.0
Name=年报填报助手
Name[zh_CN]=年报填报助手
GenericName=政府信息公开工作年度报告填报
Comment=离线填写《政府信息公开工作年度报告》，边填边查勾稽关系，导出公文格式 Word 文件
Exec=nianbao %f
Icon=nianbao
Terminal=false
Categories=Office;
Keywords=年报;年度报告;政府信息公开;政务公开;
StartupNotify=true
DESKTOP

cp resources/icons/nianbao.png "$PKG/usr/share/icons/hicolor/256x256/apps/nianbao.png"
cp resources/icons/nianbao.svg "$PKG/usr/share/icons/hicolor/scalable/apps/nianbao.svg"
cat > "$PKG/usr/share/doc/nianbao/copyright" <<'COPYRIGHT'
年报填报助手 — 政府信息公开工作年度报告离线填报程序。
The program bundles Python, Qt for Python (PySide6, LGPLv3), python-docx (MIT), lxml (BSD),
jsonschema (MIT) and platformdirs (MIT) in /opt/nianbao; their licences are those of the upstream projects.
COPYRIGHT

chmod -R u+rwX,go+rX,go-w "$PKG"
chmod 0755 "$PKG/usr/bin/nianbao" "$PKG/opt/nianbao/nianbao"
SIZE=$(du -sk --exclude=DEBIAN "$PKG" | cut -f1)
# the newest glibc symbol any bundled binary asks for: older systems are refused by dpkg instead of crashing
GLIBC=$(find "$PKG/opt/nianbao" -type f \( -name '*.so*' -o -name nianbao \) -exec objdump -T {} + 2>/dev/null \
  | grep -o 'GLIBC_[0-9.]*' | sort -Vu | tail -n 1 | cut -d_ -f2)
cat > "$PKG/DEBIAN/control" <<CONTROL
Package: nianbao
Version: $VERSION
Section: misc
Priority: optional
Architecture: amd64
Maintainer: 年报填报助手 <nianbao@localhost>
Installed-Size: $SIZE
Depends: libc6 (>= ${GLIBC:-2.36}), libglib2.0-0, libgl1, libegl1, libfontconfig1, libfreetype6, libdbus-1-3,
 libx11-6, libx11-xcb1, libxkbcommon0, libxkbcommon-x11-0, libxcb-cursor0, libxcb-icccm4, libxcb-image0,
 libxcb-keysyms1, libxcb-randr0, libxcb-render-util0, libxcb-shape0, libxcb-xkb1,
 fonts-wqy-microhei | fonts-noto-cjk | fonts-wqy-zenhei
Recommends: libreoffice-writer-nogui | libreoffice-writer
Description: 年报填报助手：政府信息公开工作年度报告离线填报
 离线填写《政府信息公开工作年度报告》（国办公开办函〔2021〕30号 格式）：向导逐节填写，
 表格勾稽关系边填边查，草稿存为 JSON 文件，导出公文格式的 Word 文件，次年以上年报告为底稿新建。
 不需要安装 Python，不连接网络。
CONTROL

OUT="$DIST/nianbao_${VERSION}_amd64.deb"
dpkg-deb --root-owner-group -Zgzip --build "$PKG" "$OUT" >/dev/null
echo "已生成 $OUT"
