#!/usr/bin/env bash
# Runs ../shared/tools/oracle-versions on the hand-made old pins (scripts/oracle-inputs/old-pins.txt)
# for Python 3.9 and 3.12, against the live index (a few dozen project documents). By hand only.
#   scripts/oracle-versions.sh [FILE]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
oracle="$root/../shared/tools/oracle-versions"
[ -x "$oracle" ] || { echo "needs ../shared/tools/oracle-versions"; exit 0; }
file=$(realpath "${1:-$root/scripts/oracle-inputs/old-pins.txt}")
cd "$root" && swift build -c release >/dev/null
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for python in 3.9 3.12; do
  "$root/.build/release/pinaudit" audit --python-version "$python" --format json --fail-on never --quiet \
    --cache-dir "$tmp/cache" "$file" > "$tmp/out.json" || true
  echo "Python $python: $("$oracle" "$tmp/out.json" "$file" "$python" "$tmp/docs" | tail -1)"
done
