#!/bin/sh
# Install what 年报填报助手 needs on Debian 12 (bookworm) with Python 3.11: system packages, then a
# virtual environment in .venv with the exact versions of requirements.lock.
#   sh tools/setup.sh          what the wizard needs (Qt's libraries, a Chinese font)
#   sh tools/setup.sh --build  plus what tools/build.sh needs (binutils: PyInstaller reads libraries with objdump;
#                              libpython3.11: the shared Python library it bundles)
#   sh tools/setup.sh --test   plus what the tests need (virtual screen, LibreOffice, the CJK fonts, headless
#                              Chromium for the web page, strace for the no-network test, binutils for the
#                              frozen build)
set -eu
cd "$(dirname "$0")/.."

PKGS="python3 python3-venv libgl1 libegl1 libfontconfig1 libxkbcommon0 libdbus-1-3 libglib2.0-0 libx11-6
  fonts-wqy-microhei libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-randr0
  libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libx11-xcb1"
if [ "${1:-}" = "--test" ] || [ "${1:-}" = "--build" ]; then
  PKGS="$PKGS binutils libpython3.11"
fi
if [ "${1:-}" = "--test" ]; then
  PKGS="$PKGS xvfb xauth libreoffice-writer-nogui poppler-utils fonts-noto-cjk fonts-arphic-ukai
  fonts-arphic-uming fonts-liberation2 chromium strace"
fi

missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "安装系统软件包:$missing"
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
fi

PY=python3.11
command -v "$PY" >/dev/null 2>&1 || PY=python3
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
if ! cmp -s requirements.lock .venv/.installed-lock 2>/dev/null; then
  .venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.lock
  cp requirements.lock .venv/.installed-lock
fi
# the program's own bytecode, compiled now: the first start need not, nor one in a folder the clerk cannot write to
.venv/bin/python -m compileall -q gui model printing cli main.py >/dev/null
