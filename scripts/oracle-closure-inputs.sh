#!/usr/bin/env bash
# Compares pinaudit's transitive closure with uv's resolver (../shared/tools/oracle-closure) on the
# hand-made top-level files under scripts/oracle-inputs and on pinned corpus files. Live: asks PyPI.
# usage: scripts/oracle-closure-inputs.sh UV [BINARY]   (UV: a uv executable, e.g. from `pip install uv`)
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared="$root/../shared"
uv=${1:?usage: $0 UV [BINARY]}
bin=${2:-}
if [ -z "$bin" ]; then
  swift build -c release --package-path "$root" >/dev/null || exit 2
  bin="$root/.build/release/pinaudit"
fi
oracle="$shared/tools/oracle-closure"
[ -x "$oracle" ] || { echo "no oracle at $oracle (../shared is absent)"; exit 0; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
inputs=("$root/examples/requirements.txt" "$root"/scripts/oracle-inputs/toplevel-*.txt)
for f in gh-action-pypi-publish-runtime-pip-compile.txt gcp-custom-credentials-aws/requirements.txt \
         edx-django-utils/base.txt warehouse-main-pip-compile-hashes.txt; do
  [ -f "$shared/corpus/requirements/$f" ] && inputs+=("$shared/corpus/requirements/$f")
done
bad=0
for f in "${inputs[@]}"; do
  python=3.12; case "$f" in *-py311.txt) python=3.11 ;; esac
  "$bin" check --python-version "$python" --platform linux --format json --fail-on never --quiet \
    --cache-dir "$tmp/cache" "$f" > "$tmp/out.json" 2>/dev/null
  result=$(python3 "$oracle" "$tmp/out.json" "$f" "$python" "$uv" 2>&1) || true
  last=$(echo "$result" | tail -1)
  case "$last" in *" 0 disagreements") ;; *) bad=$((bad+1)); echo "$result" | sed 's/^/  /' ;; esac
  echo "${f#$root/}: $last (Python $python)"
done
echo "inputs: ${#inputs[@]}, with disagreements: $bad"
[ $bad -eq 0 ]
