#!/bin/sh
# Build 年报填报助手 for office PCs that have no Python (Debian 12 / 统信UOS / 银河麒麟, amd64):
#   dist/nianbao/                         the program in one folder (PyInstaller, tools/nianbao.spec);
#                                         dist/nianbao/nianbao opens the wizard or runs a command
#   dist/nianbao_<version>_amd64.deb      the same as a package: /opt/nianbao, /usr/bin/nianbao,
#                                         a desktop entry 年报填报助手 with its icon (tools/make_deb.sh)
# Usage: sh tools/build.sh        (NIANBAO_DIST / NIANBAO_BUILD choose other output / work folders)
# Windows: docs/windows-build.md.
set -eu
cd "$(dirname "$0")/.."
DIST="${NIANBAO_DIST:-dist}"
WORK="${NIANBAO_BUILD:-build}"

sh tools/setup.sh --build  # .venv with the exact versions of requirements.lock (PyInstaller among them)
VERSION=$(.venv/bin/python -c "from model.about import VERSION; print(VERSION)")
echo "构建 年报填报助手 $VERSION → $DIST/nianbao/"
rm -rf "$DIST/nianbao"
.venv/bin/python -m PyInstaller --noconfirm --clean --log-level WARN --distpath "$DIST" --workpath "$WORK" \
  tools/nianbao.spec
"$DIST/nianbao/nianbao" --version
sh tools/make_deb.sh "$DIST" "$VERSION"
