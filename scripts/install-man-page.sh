#!/bin/sh
# Generates pinaudit's man page with swift-argument-parser's generate-manual plugin and installs it.
#   scripts/install-man-page.sh [FOLDER]     (default: ~/.local/share/man/man1)
# PINAUDIT_MAN_CONFIGURATION=debug reuses a debug build instead of building a release one.
set -eu
dest="${1:-${XDG_DATA_HOME:-$HOME/.local/share}/man/man1}"
cd "$(dirname "$0")/.."
swift package generate-manual --configuration "${PINAUDIT_MAN_CONFIGURATION:-release}"
page=".build/plugins/GenerateManual/outputs/pinaudit/pinaudit.1"
if [ ! -s "$page" ]; then
  echo "install-man-page.sh: the plugin wrote no $page; run 'swift package generate-manual' and read its output." >&2
  exit 1
fi
mkdir -p "$dest"
cp "$page" "$dest/pinaudit.1"
echo "installed $dest/pinaudit.1 (man pinaudit)"
