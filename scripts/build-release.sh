#!/usr/bin/env bash
# A release build of pinaudit that runs without a Swift toolchain.
#   scripts/build-release.sh [OUT_DIR]    writes OUT_DIR/pinaudit (default OUT_DIR: dist)
# On Linux the Swift standard library and Foundation are linked statically, so the binary needs only C
# libraries every distribution has (glibc, libstdc++, libcurl, zlib, libcrypto); scripts/check-binary.sh
# proves it. The build uses its own scratch path (.build-release), so it never disturbs `swift build`'s
# .build. The copy in OUT_DIR is stripped of debug symbols (about a third of the size) when `strip` exists.
# Progress goes to stderr; the last line on stdout is the binary's path.
set -euo pipefail
if [ $# -gt 1 ]; then
  echo "usage: scripts/build-release.sh [OUT_DIR]" >&2
  exit 2
fi
out=${1:-dist}
mkdir -p "$out"
out=$(cd "$out" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

flags=(-c release --scratch-path .build-release)
# Apple platforms ship the Swift runtime with the system; static linking is a Linux option.
if [ "$(uname -s)" = Linux ]; then
  flags+=(--static-swift-stdlib)
fi
swift build "${flags[@]}" --product pinaudit >&2
built="$(swift build "${flags[@]}" --show-bin-path)/pinaudit"

# Copy, strip and rename, so OUT_DIR/pinaudit is never a half-written file.
partial="$out/.pinaudit.partial.$$"
trap 'rm -f "$partial"' EXIT
cp "$built" "$partial"
if command -v strip >/dev/null 2>&1; then
  strip "$partial"
else
  echo "build-release: strip is not installed (binutils), so the binary keeps its debug symbols." >&2
fi
chmod 755 "$partial"
mv -f "$partial" "$out/pinaudit"
echo "$out/pinaudit"
