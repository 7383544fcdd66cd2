#!/usr/bin/env bash
# Differential check of pinaudit's OSV matching against ../shared/tools/oracle-vulns (packaging's
# evaluation of the same database), on the shared advisory database:
#   (a) every pin of every file of ../shared/corpus (constraints files read with -c);
#   (b) generated pairs: for every advisory and every event boundary of its ECOSYSTEM ranges, the
#       versions just below, at and just above the boundary among the versions the data names for
#       that package (its advisories' `versions` lists and range events); no index is asked.
# Prints the figures (files, pins, advisories, pairs, disagreements); exits 1 on any disagreement.
# Skips (exit 0) without ../shared.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared="$root/../shared"
db="$shared/advisories/pypi-osv-2024-10.zip"
oracle="$shared/tools/oracle-vulns"
if [ ! -f "$db" ] || [ ! -f "$oracle" ]; then
  echo "oracle-vulns-corpus: skipped: ../shared (advisories and oracle) is absent"
  exit 0
fi
cd "$root"
swift build >/dev/null
bin="$root/.build/debug/pinaudit"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cache="$tmp/cache"
bad=0

# (a) the corpus
files=0 pins=0 expected=0 disagreements=0
while IFS= read -r -d '' file; do
  case "$file" in
    */constraints/*) args=(-c "$file") ;;
    *.md) continue ;;
    *) args=("$file") ;;
  esac
  files=$((files + 1))
  if ! "$bin" db query --cache-dir "$cache" --vuln-db "$db" --format json "${args[@]}" >"$tmp/out.json" 2>"$tmp/err"; then
    echo "oracle-vulns-corpus: pinaudit could not read $file: $(tail -1 "$tmp/err")"
    continue
  fi
  line=$(python3 "$oracle" "$tmp/out.json" "$db" | tee "$tmp/oracle.txt" | tail -1) || true
  grep -E '^(MISSING|EXTRA)' "$tmp/oracle.txt" | sed "s|^|  ${file#"$shared/"}: |" || true
  read -r p e d <<<"$(echo "$line" | sed -E 's/.*: ([0-9]+) pinned packages, ([0-9]+) expected advisories, ([0-9]+) disagreements/\1 \2 \3/')"
  pins=$((pins + p)); expected=$((expected + e)); disagreements=$((disagreements + d))
done < <(find "$shared/corpus" -type f -print0 | sort -z)
echo "corpus: $files files, $pins pins, $expected expected advisories, $disagreements disagreements"
[ "$disagreements" -eq 0 ] || bad=1

# (b) boundary pairs
python3 - "$db" "$tmp/pairs.txt" <<'PY'
import json, sys, zipfile
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version
def ver(s):
    try: return Version(s)
    except InvalidVersion: return None
docs = [json.loads(zipfile.ZipFile(sys.argv[1]).read(n)) for n in zipfile.ZipFile(sys.argv[1]).namelist() if n.endswith(".json")]
universe, boundaries = {}, {}
for d in docs:
    for a in d.get("affected", []):
        p = a.get("package", {})
        if p.get("ecosystem") != "PyPI": continue
        name = canonicalize_name(p.get("name", ""))
        texts = universe.setdefault(name, {})
        for v in a.get("versions", []):
            if ver(v) is not None: texts.setdefault(ver(v), v)
        for r in a.get("ranges", []):
            if r.get("type") != "ECOSYSTEM": continue
            for e in r.get("events", []):
                (_, v), = e.items()
                if v != "0" and ver(v) is not None:
                    texts.setdefault(ver(v), v)
                    boundaries.setdefault(name, set()).add(ver(v))
pairs = set()
for name, bounds in boundaries.items():
    ordered = sorted(universe[name])
    for b in bounds:
        i = ordered.index(b)
        for j in (i - 1, i, i + 1):
            if 0 <= j < len(ordered): pairs.add((name, universe[name][ordered[j]]))
with open(sys.argv[2], "w") as f:
    for name, v in sorted(pairs): f.write(f"{name}=={v}\n")
print(f"pairs: {len(docs)} advisories, {len(boundaries)} packages with range events, {len(pairs)} pairs", file=sys.stderr)
PY
"$bin" db query --cache-dir "$cache" --vuln-db "$db" --format json "$tmp/pairs.txt" >"$tmp/pairs.json" 2>"$tmp/err" \
  || { echo "oracle-vulns-corpus: pinaudit could not read the pairs: $(tail -1 "$tmp/err")"; exit 1; }
python3 "$oracle" "$tmp/pairs.json" "$db" | tee "$tmp/oracle.txt" | grep -E '^(MISSING|EXTRA)' | head -50 || true
echo "pairs: $(tail -1 "$tmp/oracle.txt")"
tail -1 "$tmp/oracle.txt" | grep -q ' 0 disagreements' || bad=1
exit $bad
