#!/usr/bin/env bash
# Compares pinaudit's requirements parser with pip's on every requirements and constraints file of
# ../shared/corpus (and on the hand-made hard cases under Tests/PinAuditCoreTests/Fixtures/requirements).
# usage: scripts/oracle-parse-corpus.sh [BINARY]   (default: a release build)
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared="$root/../shared"
bin=${1:-}; [ -n "$bin" ] && bin=$(realpath "$bin")
if [ -z "$bin" ]; then
  swift build -c release --package-path "$root" >/dev/null || exit 2
  bin="$root/.build/release/pinaudit"
fi
oracle="$shared/tools/oracle-parse"
[ -x "$oracle" ] || { echo "no oracle at $oracle (../shared is absent)"; exit 0; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
files=$(find "$shared/corpus/requirements" "$shared/corpus/constraints" -type f \( -name '*.txt' -o -name '*.in' \) | sort)
extra=$(find "$root/Tests/PinAuditCoreTests/Fixtures/requirements" -type f -name '*.txt' 2>/dev/null | sort)
total=0; bad=0
for f in $files $extra; do
  dir=$(dirname "$f"); base=$(basename "$f")
  (cd "$dir" && "$bin" check --no-index --quiet --format json --fail-on never "$base" > "$tmp/out.json" 2>"$tmp/err.txt")
  result=$(python3 "$oracle" "$tmp/out.json" "$f" 2>&1)
  code=$?
  last=$(echo "$result" | tail -1)
  total=$((total+1))
  if [ $code -ne 0 ]; then bad=$((bad+1)); echo "$result" | sed "s|^|  |"; fi
  rel=${f#$shared/}; rel=${rel#$root/}; echo "$rel: $last"
done
echo "files: $total, with disagreements: $bad"
[ $bad -eq 0 ]
