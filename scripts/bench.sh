#!/usr/bin/env bash
# Speed and memory figures, run by hand (never in the test suite). Release build.
#   scripts/bench.sh parse      5,000-line requirements file: parse + check --no-index (target: well under 100 ms)
#   scripts/bench.sh lockfiles  the largest lockfile of ../shared/corpus (target: under 50 ms)
#   scripts/bench.sh closure    closure check of a 150-package pinned file, cold and warm cache (live index)
#   scripts/bench.sh audit      audit vs check on the same warm cache, run alternately (target: audit adds at most 20%);
#                               then the same on the Airflow constraints' 736 packages, offline (needs the airflow cache)
#   scripts/bench.sh airflow    fetch + decode the Airflow constraints' packages (peak memory target: 300 MB)
#   scripts/bench.sh uv         pinaudit and uv side by side, cold (three rounds, medians, empty caches): check of the
#                               warehouse file against `uv pip compile` of it (target: at most 0.8x uv), check of the
#                               Airflow constraints against the download floor of their project documents (target: at
#                               most 1.5x), warm check of the warehouse file (target: at most 70 ms), peak RSS of the
#                               Airflow check (target: at most 100 MB). uv from PyPI in a scratch virtual environment.
#   scripts/bench.sh osvdb      the local OSV database on the Airflow constraints' pins (../shared advisories):
#                               cold index build, then warm lookups (target: lookups under 50 ms warm)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
swift build -c release >/dev/null
bin="$root/.build/release/pinaudit"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# Runs a command N times and prints the best and median wall time in ms, and peak RSS in MB.
measure() {
  local label=$1; shift
  local n=${RUNS:-10} times=() rss=0
  for _ in $(seq "$n"); do
    local start end
    start=$(date +%s%N)
    /usr/bin/time -f "%M" -o "$tmp/rss" "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
    local r; r=$(tail -1 "$tmp/rss"); [ "$r" -gt "$rss" ] && rss=$r
  done
  local sorted; sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  printf '%-44s best %5d ms  median %5d ms  peak RSS %4d MB  (%d runs)\n' "$label" \
    "$(echo "$sorted" | head -1)" "$(echo "$sorted" | sed -n "$(( (n + 1) / 2 ))p")" $(( rss / 1024 )) "$n"
}

# Runs two commands alternately N times; prints each one's best and median and the ratio of the medians.
# Alternating keeps a machine's slow spells from landing on one side only.
compare() {
  local label=$1 n=${RUNS:-21}; shift
  local a=() b=() i start end
  local first second
  IFS='|' read -r first second <<< "$*"
  for i in $(seq "$n"); do
    start=$(date +%s%N); eval "$first" >/dev/null 2>&1 || true; end=$(date +%s%N); a+=($(( (end - start) / 100000 )))
    start=$(date +%s%N); eval "$second" >/dev/null 2>&1 || true; end=$(date +%s%N); b+=($(( (end - start) / 100000 )))
  done
  python3 - "$label" "${a[*]}" "${b[*]}" <<'PY'
import statistics, sys
label, a, b = sys.argv[1], [int(x) / 10 for x in sys.argv[2].split()], [int(x) / 10 for x in sys.argv[3].split()]
ma, mb = statistics.median(a), statistics.median(b)
print(f"{label}: check best {min(a):.1f} ms median {ma:.1f} ms | audit best {min(b):.1f} ms median {mb:.1f} ms"
      f" | audit adds {100 * (mb / ma - 1):.0f}% (medians), {100 * (min(b) / min(a) - 1):.0f}% (bests)  ({len(a)} runs each)")
PY
}

case "${1:-parse}" in
parse)
  python3 - "$tmp/big.txt" <<'PY'
import sys, random
random.seed(1)
with open(sys.argv[1], "w") as f:
    f.write("# generated: 5,000 requirement lines\n--index-url https://example.invalid/simple\n")
    for i in range(5000):
        kind = i % 5
        name = f"package-{i}"
        if kind == 0:
            f.write(f"{name}=={i % 17}.{i % 7}.{i % 3} \\\n    --hash=sha256:{'%064x' % random.getrandbits(256)} \\\n    --hash=sha256:{'%064x' % random.getrandbits(256)}\n")
        elif kind == 1:
            f.write(f"{name}[extra-a,extra-b]=={i}.0 ; python_version >= \"3.8\" and sys_platform != \"win32\"  # pinned\n")
        elif kind == 2:
            f.write(f"{name}>=1.0,<2.0\n")
        elif kind == 3:
            f.write(f"{name} @ https://files.example/{name}-1.0-py3-none-any.whl#sha256={'%064x' % random.getrandbits(256)}\n")
        else:
            f.write(f"{name}~=2.{i % 9}\n")
PY
  echo "input: $(wc -l < "$tmp/big.txt") physical lines, $(du -k "$tmp/big.txt" | cut -f1) KB"
  measure "check --no-index (5,000 requirements)" "$bin" check --no-index --quiet --format json --fail-on never "$tmp/big.txt"
  ;;
lockfiles)
  f="$root/../shared/corpus/lockfiles/logfire-forked-markers-uv.lock"
  [ -f "$f" ] || { echo "needs ../shared/corpus"; exit 0; }
  cp "$f" "$tmp/uv.lock"
  measure "check --no-index uv.lock (1.4 MB, 273 packages)" "$bin" check --no-index --quiet --format json --fail-on never "$tmp/uv.lock"
  ;;
closure|audit)
  # A 184-package pinned file (warehouse's pip-compile output), Python 3.12 on Linux, live index.
  f="$root/../shared/corpus/requirements/warehouse-main-pip-compile-hashes.txt"
  [ -f "$f" ] || { echo "needs ../shared/corpus"; exit 0; }
  cp "$f" "$tmp/req.txt"
  names=$(grep -oE '^[A-Za-z0-9._-]+==' "$tmp/req.txt" | sed 's/==//' | tr 'A-Z_.' 'a-z--' | sort -u)
  echo "packages pinned: $(echo "$names" | wc -l)"
  # Floor: the same project documents with plain parallel HTTP (16 at once), as curl does it.
  base=$(python3 -c "from pip._internal.models.index import PyPI; print(PyPI.pypi_url)")
  : > "$tmp/urls"; for n in $names; do echo "url = \"$base/$n/json\"" >> "$tmp/urls"; echo "output = \"$tmp/doc-$n.json\"" >> "$tmp/urls"; done
  floors=()
  for _ in 1 2 3; do
    start=$(date +%s%N); curl -s --compressed --parallel --parallel-max 16 -K "$tmp/urls" 2>/dev/null; end=$(date +%s%N)
    floors+=($(( (end - start) / 1000000 )))
  done
  echo "floor: curl --parallel of the project documents: $(printf '%s ms ' "${floors[@]}")($(cat "$tmp"/doc-*.json | wc -c | awk '{printf "%.0f", $1 / 1048576}') MB)"
  # Each cold run gets an empty cache of its own.
  RUNS=3 measure "check, cold cache (emptied before each run)" bash -c \
    'rm -rf "$0/cold" && "$1" check --quiet --format json --fail-on never --cache-dir "$0/cold" "$0/req.txt"' "$tmp" "$bin"
  measure "check, warm cache" "$bin" check --quiet --format json --fail-on never --cache-dir "$tmp/cold" "$tmp/req.txt"
  "$bin" audit --quiet --format json --fail-on never --cache-dir "$tmp/cold" "$tmp/req.txt" >/dev/null
  measure "audit, warm cache" "$bin" audit --quiet --format json --fail-on never --cache-dir "$tmp/cold" "$tmp/req.txt"
  if [ "$1" = audit ]; then
    run="--quiet --format json --fail-on never --cache-dir $tmp/cold $tmp/req.txt"
    compare "warehouse, warm cache, alternating" "$bin check $run|$bin audit $run"
    run="--offline --quiet --format json --fail-on never --cache-dir $tmp/cold $tmp/req.txt"
    compare "warehouse, --offline, alternating" "$bin check $run|$bin audit $run"
    af="$root/../shared/corpus/constraints/airflow-2.10.5-constraints-3.12.txt"
    if [ -n "${AIRFLOW_CACHE:-}" ] && [ -f "$af" ]; then
      run="--offline --quiet --format json --fail-on never --cache-dir $AIRFLOW_CACHE $af"
      RUNS=11 compare "Airflow constraints (736 packages), --offline" "$bin check $run|$bin audit $run"
    else
      echo "(set AIRFLOW_CACHE to a cache filled by 'scripts/bench.sh airflow' or an audit of the Airflow constraints to compare on 736 packages)"
    fi
  fi
  ;;
airflow)
  # Apache Airflow's constraints: several hundred packages, some project documents of 5-10 MB.
  f="$root/../shared/corpus/constraints/airflow-2.10.5-constraints-3.12.txt"
  [ -f "$f" ] || { echo "needs ../shared/corpus"; exit 0; }
  cp "$f" "$tmp/airflow.txt"
  RUNS=1 measure "audit of the Airflow constraints, cold cache" "$bin" audit --quiet --format json --fail-on never --cache-dir "$tmp/af" "$tmp/airflow.txt"
  RUNS=3 measure "audit of the Airflow constraints, warm cache" "$bin" audit --quiet --format json --fail-on never --cache-dir "$tmp/af" "$tmp/airflow.txt"
  ;;
uv)
  wh="$root/../shared/corpus/requirements/warehouse-main-pip-compile-hashes.txt"
  af="$root/../shared/corpus/constraints/airflow-2.10.5-constraints-3.12.txt"
  [ -f "$wh" ] && [ -f "$af" ] || { echo "needs ../shared/corpus"; exit 0; }
  venv="${TMPDIR:-/tmp}/pinaudit-bench-uv"
  [ -x "$venv/bin/uv" ] || { python3 -m venv "$venv" && "$venv/bin/pip" install -q uv; }
  export UV_PYTHON_DOWNLOADS=never
  echo "$("$venv/bin/uv" --version), pinaudit $("$bin" --version); $(nproc) cores"
  cp "$wh" "$tmp/warehouse.txt"; cp "$af" "$tmp/airflow.txt"
  base=$(python3 -c "from pip._internal.models.index import PyPI; print(PyPI.pypi_url)")
  # One timed command: wall seconds and peak RSS (MB), appended to the file named first.
  timed() {
    local out=$1 start end; shift
    start=$(date +%s%N); /usr/bin/time -f "%M" -o "$tmp/t" "$@" >/dev/null 2>&1 || true; end=$(date +%s%N)
    echo "$(( (end - start) / 1000000 )) $(tail -1 "$tmp/t")" | awk '{printf "%.3f %d\n", $1 / 1000, $2 / 1024}' >> "$out"
  }
  # The download floor: the JSON API project documents of a file's pins, 16 at once, as curl does it.
  floor() {
    : > "$tmp/urls"
    for n in $(grep -oE '^[A-Za-z0-9._-]+==' "$1" | sed 's/==//' | tr 'A-Z_.' 'a-z--' | sort -u); do
      echo "url = \"$base/$n/json\"" >> "$tmp/urls"; echo "output = \"$tmp/floor/$n.json\"" >> "$tmp/urls"
    done
    rm -rf "$tmp/floor"; mkdir -p "$tmp/floor"
    timed "$2" curl -s --compressed --parallel --parallel-max 16 -K "$tmp/urls"
  }
  rm -f "$tmp"/r-*
  for round in 1 2 3; do
    rm -rf "$tmp/c"; timed "$tmp/r-wh-check" "$bin" check --quiet --format json --fail-on never --cache-dir "$tmp/c" "$tmp/warehouse.txt"
    rm -rf "$tmp/uvc"; timed "$tmp/r-wh-uv" "$venv/bin/uv" pip compile --quiet --no-header --python-version 3.12 \
      --python-platform linux --cache-dir "$tmp/uvc" -o "$tmp/uv-out.txt" "$tmp/warehouse.txt"
    floor "$tmp/warehouse.txt" "$tmp/r-wh-floor"
    rm -rf "$tmp/a"; timed "$tmp/r-af-check" "$bin" check --quiet --format json --fail-on never --cache-dir "$tmp/a" "$tmp/airflow.txt"
    floor "$tmp/airflow.txt" "$tmp/r-af-floor"
  done
  for _ in $(seq 10); do timed "$tmp/r-wh-warm" "$bin" check --quiet --format json --fail-on never --cache-dir "$tmp/c" "$tmp/warehouse.txt"; done
  for _ in 1 2 3; do timed "$tmp/r-wh-uv-offline" "$venv/bin/uv" pip compile --quiet --offline --no-header --python-version 3.12 \
    --python-platform linux --cache-dir "$tmp/uvc" -o "$tmp/uv-out.txt" "$tmp/warehouse.txt"; done
  python3 - "$tmp" <<'PY'
import statistics, sys
tmp = sys.argv[1]
def runs(name):
    return [tuple(map(float, line.split())) for line in open(f"{tmp}/r-{name}")]
def med(name): return statistics.median(t for t, _ in runs(name))
def rss(name): return max(m for _, m in runs(name))
rows = [("warehouse (184 pins): pinaudit check, cold", "wh-check"), ("warehouse: uv pip compile, cold", "wh-uv"),
        ("warehouse: curl floor (project documents)", "wh-floor"), ("warehouse: pinaudit check, warm", "wh-warm"),
        ("warehouse: uv pip compile --offline, warm", "wh-uv-offline"),
        ("Airflow (703 pins): pinaudit check, cold", "af-check"), ("Airflow: curl floor (project documents)", "af-floor")]
for label, name in rows:
    times = " ".join(f"{t:.2f}" for t, _ in runs(name))
    print(f"{label:46} median {med(name):6.3f} s  peak RSS {rss(name):4.0f} MB  (runs: {times})")
print(f"warehouse cold: pinaudit / uv = {med('wh-check') / med('wh-uv'):.2f} (target <= 0.8)")
print(f"Airflow cold: pinaudit / floor = {med('af-check') / med('af-floor'):.2f} (target <= 1.5); peak RSS {rss('af-check'):.0f} MB (target <= 100)")
print(f"warehouse warm: {1000 * med('wh-warm'):.0f} ms (target <= 70)")
PY
  ;;
osvdb)
  # The local OSV database: the shared PyPA export (2,661 advisories) and the Airflow constraints' pins.
  f="$root/../shared/corpus/constraints/airflow-2.10.5-constraints-3.12.txt"
  db="$root/../shared/advisories/pypi-osv-2024-10.zip"
  [ -f "$f" ] && [ -f "$db" ] || { echo "needs ../shared/corpus and ../shared/advisories"; exit 0; }
  query() { "$bin" db query --cache-dir "$tmp/osv" --vuln-db "$db" --format json -c "$f" 2>&1 >/dev/null | tail -1; }
  # `db query` reports the lookup and the opening of the database (index read, or built) on stderr.
  cold=(); warm=()
  for _ in 1 2 3; do rm -rf "$tmp/osv"; cold+=("$(query)"); done
  for _ in $(seq "${RUNS:-10}"); do warm+=("$(query)"); done
  printf 'cold (index built): %s\n' "${cold[@]}"
  python3 - "${warm[@]}" <<'PY'
import re, statistics, sys
looks = [float(re.search(r"looked up in ([0-9.]+) ms", l).group(1)) for l in sys.argv[1:]]
opens = [float(re.search(r"opened in ([0-9.]+) ms", l).group(1)) for l in sys.argv[1:]]
print(f"warm (index read): {sys.argv[1].split(' looked')[0].replace('pinaudit: ', '')}: lookup best {min(looks):.1f} ms median {statistics.median(looks):.1f} ms;"
      f" opening the index best {min(opens):.1f} ms median {statistics.median(opens):.1f} ms; lookup + opening median {statistics.median([a + b for a, b in zip(looks, opens)]):.1f} ms ({len(looks)} runs)")
PY
  ls -l "$tmp"/osv/osv-db/index-*.v1 | awk '{printf "index file: %.1f MB\n", $5 / 1048576}'
  measure "db query -c airflow constraints, warm (whole process)" "$bin" db query --cache-dir "$tmp/osv" --vuln-db "$db" --format json -c "$f"
  ;;
*)
  echo "unknown benchmark: $1"; exit 2 ;;
esac
