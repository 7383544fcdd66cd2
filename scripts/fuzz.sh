#!/usr/bin/env bash
# Fuzzes one of pinaudit's readers of untrusted text with libFuzzer for a fixed time.
#
#   scripts/fuzz.sh TARGET SECONDS [extra libFuzzer flags]
#   scripts/fuzz.sh --list
#
# TARGET: requirements, dockerfile, config, uv-lock, poetry-lock, pdm-lock, pylock, pipfile-lock,
# project-document, simple-document. Builds Fuzz/ (a package over the library targets, compiled with
# swiftc -sanitize=fuzzer) into .build-fuzz/, seeds .build-fuzz/corpus/TARGET from the test fixtures
# and Fuzz/Seeds/TARGET, and runs under `nice -n 10`. A crash, stack overflow, input slower than 10 s
# or RSS over 1 GB (4 GB for the TOML targets) stops the run and leaves the input in .build-fuzz/artifacts/TARGET/: turn it into a
# regression test. The last lines printed are libFuzzer's final stats (executions, coverage, features).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
targets="requirements dockerfile config uv-lock poetry-lock pdm-lock pylock pipfile-lock project-document simple-document"

if [ "${1:-}" = "--list" ]; then echo "$targets" | tr ' ' '\n'; exit 0; fi
if [ $# -lt 2 ] || ! echo " $targets " | grep -q " $1 " || ! [[ "$2" =~ ^[0-9]+$ ]]; then
  echo "usage: scripts/fuzz.sh TARGET SECONDS [libFuzzer flags]; TARGET is one of: $targets" >&2
  exit 2
fi
target=$1 seconds=$2
shift 2
build="$root/.build-fuzz"

nice -n 10 swift build --package-path Fuzz --build-path "$build" -c release \
  -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library -Xswiftc -enable-testing -Xswiftc -use-ld=lld >&2
binary="$build/release/PinAuditFuzz"

# Seeds: the fixtures of the target's format (copied once; the corpus then grows with what libFuzzer finds).
corpus="$build/corpus/$target"
artifacts="$build/artifacts/$target"
mkdir -p "$corpus" "$artifacts"
seed() { while IFS= read -r file; do cp -n "$file" "$corpus/seed-$(echo "$file" | tr '/' '_')"; done; }
fixtures=Tests/PinAuditCoreTests/Fixtures
case $target in
  requirements) find "$fixtures/requirements" "$fixtures/plan" examples -name '*.txt' | seed ;;
  dockerfile) find "$fixtures/dockerfiles" examples -name '*Dockerfile*' | seed ;;
  uv-lock) find "$fixtures/lockfiles" -name '*uv.lock' | seed ;;
  poetry-lock) find "$fixtures/lockfiles" -name '*poetry.lock' | seed ;;
  pdm-lock) find "$fixtures/lockfiles" -name '*pdm.lock' | seed ;;
  pylock) find "$fixtures/lockfiles" -name 'pylock*.toml' | seed ;;
  pipfile-lock) find "$fixtures/lockfiles" -name '*Pipfile.lock' | seed ;;
  project-document) find Tests/PackageIndexClientTests/Fixtures/index/pypi -name json | seed ;;
  simple-document) find Tests/PackageIndexClientTests/Fixtures/index/simple -name '*.json' | seed ;;
esac
if [ -d "Fuzz/Seeds/$target" ]; then find "Fuzz/Seeds/$target" -type f | seed; fi

# TOMLKit's fallback leaks about 1.5 KB per document it parses (pinaudit parses each file once), which
# in millions of runs passes 1 GB: the TOML targets get more room, so a real blow-up is still caught.
rss_limit=1024
case $target in uv-lock|poetry-lock|pdm-lock|pylock|config) rss_limit=4096 ;; esac

echo "fuzzing $target for $seconds s (corpus $corpus)" >&2
# The Swift runtime's backtracer would take the crash signal before libFuzzer saves the input.
SWIFT_BACKTRACE=enable=no PINAUDIT_FUZZ_TARGET=$target exec nice -n 10 "$binary" "$corpus" \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb="$rss_limit" -max_len=65536 \
  -artifact_prefix="$artifacts/" -print_final_stats=1 "$@"
