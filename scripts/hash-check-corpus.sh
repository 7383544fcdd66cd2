#!/usr/bin/env bash
# The hash check on a real pip-compile file with hashes (../shared/corpus): the untouched file must
# give no hash finding, and the same file with one digit of one hash changed must give hash-mismatch
# for that package at its line. Live index; by hand only.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
f="$root/../shared/corpus/requirements/warehouse-main-pip-compile-hashes.txt"
[ -f "$f" ] || { echo "needs ../shared/corpus"; exit 0; }
cd "$root" && swift build -c release >/dev/null
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cp "$f" "$tmp/untouched.txt"
python3 - "$tmp/untouched.txt" "$tmp/changed.txt" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
digest = re.search(r"--hash=sha256:([0-9a-f]{64})", text).group(1)
changed = digest[:10] + ("0" if digest[10] != "0" else "1") + digest[11:]
open(sys.argv[2], "w").write(text.replace(digest, changed, 1))
print(f"changed sha256:{digest[:12]}… to sha256:{changed[:12]}…")
PY
for name in untouched changed; do
  "$root/.build/release/pinaudit" audit --format json --fail-on never --quiet --cache-dir "$tmp/cache" "$tmp/$name.txt" > "$tmp/$name.json" || true
  python3 - "$name" "$tmp/$name.json" <<'PY'
import json, sys
findings = [f for f in json.load(open(sys.argv[2]))["findings"] if f["rule"].startswith("hash")]
print(f"{sys.argv[1]}: " + (", ".join(f"{f['rule']} {f['package']} line {f['line']}" for f in findings) or "no hash findings"))
PY
done
