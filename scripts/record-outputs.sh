#!/usr/bin/env bash
# Records what pinaudit prints for a fixed set of runs, so a refactoring can prove it changed nothing.
#
#   scripts/record-outputs.sh record OUT_DIR [BINARY] [CORPUS_DIR]
#   scripts/record-outputs.sh compare DIR_A DIR_B
#
# record: runs BINARY (default .build/debug/pinaudit) on examples/requirements.txt and on every file of
# CORPUS_DIR (default ../shared/corpus: requirements, lockfiles, constraints, Dockerfiles), with
#   check --no-index          text, json
#   check --offline           text, json
#   audit --offline           text, json, markdown, sarif, github
#   plan  --offline           text, json, markdown
# and writes, per run, NAME.out (standard output), NAME.err (standard error) and NAME.status (exit code)
# into OUT_DIR (emptied first).
# compare: lists the files that differ or exist on one side only, and exits 1 on any difference.
#
# Deterministic and offline, by construction:
# - Every run that needs the index uses `--offline --cache-dir` on a copy of the committed snapshot
#   `cache/` (which knows the example's packages; a corpus package it lacks is a "not in the cache"
#   finding, the same every time). Nothing is fetched, so no answer can change between two recordings.
# - The runs happen in a scratch folder of a fixed name (${TMPDIR:-/tmp}/pinaudit-record) holding copies
#   of the corpus, the example and the cache, so the paths in messages do not depend on where the
#   repository or OUT_DIR lives, and no configuration file is found upward from it.
# - `env -i` with HOME set to the scratch folder: no PIP_INDEX_URL, pip.conf, PINAUDIT_* variable or
#   colour setting from the caller's environment reaches the runs.
# - Dates: audit and plan use today's date (ignore expiry, plan cooldown); record both sides the same day.
set -euo pipefail

usage() {
    echo "usage: $0 record OUT_DIR [BINARY] [CORPUS_DIR] | $0 compare DIR_A DIR_B" >&2
    exit 2
}

compare() {
    local a=$1 b=$2 differing=0 files=0
    [[ -d $a && -d $b ]] || { echo "compare: both $a and $b must be folders" >&2; exit 2; }
    while IFS= read -r name; do
        files=$((files + 1))
        if [[ ! -f $a/$name ]]; then echo "only in $b: $name"; differing=$((differing + 1))
        elif [[ ! -f $b/$name ]]; then echo "only in $a: $name"; differing=$((differing + 1))
        elif ! cmp -s "$a/$name" "$b/$name"; then echo "differs: $name"; differing=$((differing + 1))
        fi
    done < <( (cd "$a" && find . -type f | sed 's|^\./||'; cd "$b" && find . -type f | sed 's|^\./||') | sort -u)
    echo "$files files compared, $differing differ"
    [[ $differing -eq 0 ]]
}

record() {
    local out=$1 binary=${2:-.build/debug/pinaudit} corpus=${3:-../shared/corpus}
    local repo
    repo=$(cd "$(dirname "$0")/.." && pwd)
    [[ $binary = /* ]] || binary=$PWD/$binary
    [[ $corpus = /* ]] || corpus=$PWD/$corpus
    [[ -x $binary ]] || { echo "record: no executable at $binary: build it first (swift build)" >&2; exit 2; }
    [[ -d $corpus ]] || { echo "record: no corpus folder at $corpus: pass one as the third argument" >&2; exit 2; }
    mkdir -p "$out"
    out=$(cd "$out" && pwd)
    find "$out" -mindepth 1 -delete

    local scratch=${TMPDIR:-/tmp}/pinaudit-record
    rm -rf "$scratch"
    mkdir -p "$scratch/inputs"
    cp -R "$corpus/." "$scratch/inputs/corpus"
    cp -R "$repo/examples" "$scratch/inputs/examples"
    cp -R "$repo/cache" "$scratch/cache"
    cd "$scratch/inputs"

    local files=()
    while IFS= read -r f; do files+=("$f"); done < <(find corpus examples -type f ! -name '*.md' | LC_ALL=C sort)

    run() { # NAME ARGS...
        local name=$1; shift
        local status=0
        env -i PATH=/usr/bin:/bin HOME="$scratch" LANG=C.UTF-8 "$binary" "$@" >"$out/$name.out" 2>"$out/$name.err" || status=$?
        echo "$status" >"$out/$name.status"
    }

    local count=0
    for f in "${files[@]}"; do
        local key=${f//\//__}
        local index=(--offline --cache-dir ../cache)
        for format in text json; do
            run "$key.check-no-index.$format" check --no-index --format "$format" "$f"
            run "$key.check.$format" check "${index[@]}" --format "$format" "$f"
        done
        for format in text json markdown sarif github; do
            run "$key.audit.$format" audit "${index[@]}" --format "$format" "$f"
        done
        for format in text json markdown; do
            run "$key.plan.$format" plan "${index[@]}" --format "$format" "$f"
        done
        count=$((count + 1))
    done
    # Constraints given as constraints (-c), beside the example.
    for f in corpus/constraints/*; do
        local key=${f//\//__}
        run "$key.as-constraint.check.json" check --offline --cache-dir ../cache --format json -c "$f" examples/requirements.txt
    done
    cd / && rm -rf "$scratch"
    echo "recorded $count input files, $(find "$out" -name '*.status' | wc -l) runs into $out"
}

case ${1:-} in
    record) [[ $# -ge 2 ]] || usage; shift; record "$@" ;;
    compare) [[ $# -eq 3 ]] || usage; compare "$2" "$3" ;;
    *) usage ;;
esac
