#!/bin/sh
# Times LockfileParser on the largest corpus lockfile (logfire's 1.4 MB uv.lock) in a release build.
# Needs /work/shared/corpus; prints the median of 15 parses. Target: under 50 ms.
set -eu
cd "$(dirname "$0")/.."
SCRATCH="${SCRATCH:-.build-sources}"
PINAUDIT_BENCH=1 swift test -c release -Xswiftc -enable-testing --scratch-path "$SCRATCH" \
    --filter 'LockfileBenchmarkTests' 2>&1 | grep -E 'BENCH|passed|failed|error' 
