#!/bin/sh
# Release build of pinaudit with the Swift standard library linked statically, copied to OUT_DIR/pinaudit.
# Usage: scripts/build-release.sh OUT_DIR
# (Minimal version for the GitHub Action; the release helper's script has the same interface.)
set -eu
out=${1:?usage: scripts/build-release.sh OUT_DIR}
mkdir -p "$out"
out=$(cd "$out" && pwd)
cd "$(dirname "$0")/.."
swift build -c release --static-swift-stdlib --scratch-path .build-release
cp "$(swift build -c release --static-swift-stdlib --scratch-path .build-release --show-bin-path)/pinaudit" "$out/pinaudit"
echo "built $out/pinaudit"
