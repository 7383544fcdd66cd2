#!/usr/bin/env bash
# Proves that a pinaudit binary runs without a Swift toolchain (Linux).
#   scripts/check-binary.sh BINARY
# 1. `ldd` lists no Swift runtime library: no libswift*, Foundation, libdispatch, libBlocksRuntime or ICU.
# 2. RUNPATH/RPATH name no absolute folder (a toolchain's lib folder there would find the runtime anyway).
# 3. A copy, alone in a temporary folder, runs under `env -i` (no LD_LIBRARY_PATH, no toolchain on PATH):
#    `--version`, and `check --no-index` of a pinned file (exit 0) and of a loose one (exit 1, the message).
# Prints what it checked; exits 1 on the first failure, saying why.
set -euo pipefail
if [ $# -ne 1 ]; then
  echo "usage: scripts/check-binary.sh BINARY" >&2
  exit 2
fi
binary=$1
fail() { echo "check-binary: $*" >&2; exit 1; }
[ -f "$binary" ] && [ -x "$binary" ] || fail "$binary is not an executable file: build one with scripts/build-release.sh OUT_DIR."
command -v ldd >/dev/null || fail "ldd is not installed; it comes with glibc (Debian: libc-bin)."
command -v readelf >/dev/null || fail "readelf is not installed; install binutils."

# 1. Every shared library the loader would bring in, transitively.
libraries=$(ldd "$binary") || fail "ldd cannot read $binary: is it a dynamically linked Linux executable?"
if missing=$(grep 'not found' <<<"$libraries"); then
  fail "$binary needs libraries this system lacks:
$missing"
fi
if swift=$(grep -E 'libswift|Foundation|libdispatch|libBlocksRuntime|libicu|ICU' <<<"$libraries"); then
  fail "$binary still needs the Swift runtime; build it with scripts/build-release.sh (--static-swift-stdlib):
$swift"
fi
echo "ok: ldd lists no Swift runtime library:"
sed -E 's/^[[:space:]]*/      /; s/ \(0x[0-9a-f]+\)$//' <<<"$libraries"

# 2. The paths the loader searches first.
runpaths=$(readelf -d "$binary" | sed -nE 's/.*\((RUNPATH|RPATH)\).*\[(.*)\]$/\2/p' | tr ':' '\n')
while IFS= read -r entry; do
  [ -z "$entry" ] && continue
  case "$entry" in
    '$ORIGIN'*) ;;
    *) fail "$binary searches $entry for libraries (RUNPATH): a toolchain folder there hides a missing static link." ;;
  esac
done <<<"$runpaths"
echo "ok: RUNPATH names no absolute folder (${runpaths:-none})"

# 3. Run a copy alone in an empty folder, with an empty environment.
sandbox=$(mktemp -d)
trap 'rm -rf "$sandbox"' EXIT
cp "$binary" "$sandbox/pinaudit"
mkdir "$sandbox/project"
printf 'flask==3.0.3\nwerkzeug==3.0.6  # pinned\n' >"$sandbox/project/requirements.txt"
printf 'flask>=2.0\n' >"$sandbox/project/loose.txt"
run() { (cd "$sandbox/project" && env -i HOME="$sandbox" PATH=/usr/bin:/bin NO_COLOR=1 "$sandbox/pinaudit" "$@"); }

version=$(run --version 2>&1) || fail "$binary --version failed without the toolchain: $version"
grep -Eq '^[0-9]+\.[0-9]+' <<<"$version" || fail "$binary --version printed '$version', not a version."
echo "ok: --version runs without the toolchain: $version"

status=0
output=$(run check --no-index requirements.txt 2>&1) || status=$?
[ "$status" -eq 0 ] || fail "check --no-index of a pinned file exited $status without the toolchain:
$output"
status=0
output=$(run check --no-index loose.txt 2>&1) || status=$?
[ "$status" -eq 1 ] && grep -q 'flask is not pinned' <<<"$output" \
  || fail "check --no-index of a loose file exited $status (expected 1, 'flask is not pinned'):
$output"
echo "ok: check --no-index runs without the toolchain (pinned file: exit 0; loose file: exit 1, flask reported)"
