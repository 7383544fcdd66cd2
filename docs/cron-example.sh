#!/bin/sh
# pinaudit update report without CI: run the plan of one project from cron, keep the report in a
# folder, and do nothing when the plan did not change (same fingerprint as last time).
#
# Crontab line (Mondays 06:17; cron's PATH is short, so name pinaudit's folder):
#   17 6 * * 1  PATH=/usr/local/bin:/usr/bin:/bin  /opt/pinaudit/cron-example.sh /srv/myapp >>/var/log/pinaudit-plan.log 2>&1
#
# Arguments: the project folder, then optionally the files to plan (default: requirements.txt).
# Environment: PINAUDIT_REPORT_DIR (default: $HOME/pinaudit-reports), PINAUDIT (default: pinaudit).
# The report goes to $PINAUDIT_REPORT_DIR/<project>/plan-<yyyy-mm-dd>.md (and .json), with
# latest.md / latest.json pointing at the newest one and `fingerprint` holding its fingerprint.
# A plan without updates writes no first report; a partial plan (the index did not answer for every
# package, pinaudit's exit code 3) is written and says so. Exit status: 0 when the report was written or
# left as it was; pinaudit's own code when it could not make a plan (2: usage or unreadable input).

set -eu

project=${1:?usage: cron-example.sh PROJECT_DIR [FILES...]}
shift
[ "$#" -gt 0 ] || set -- requirements.txt

pinaudit=${PINAUDIT:-pinaudit}
name=$(basename "$(cd "$project" && pwd)")
reports=${PINAUDIT_REPORT_DIR:-$HOME/pinaudit-reports}/$name
mkdir -p "$reports"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

cd "$project"
# Exit codes of `pinaudit plan`: 0 a plan was made (with or without updates); 3 the index did not
# answer for every package: the plan is still written and names the skipped packages, so it is
# published, marked partial; anything else (2: usage or unreadable input) stops here.
partial=0
for format in markdown json; do
    out=$work/plan.md; [ "$format" = json ] && out=$work/plan.json
    status=0
    "$pinaudit" plan --quiet --format "$format" -o "$out" "$@" || status=$?
    if [ "$status" -eq 3 ]; then
        partial=1
    elif [ "$status" -ne 0 ]; then
        echo "$(date -u +%FT%TZ) $name: pinaudit plan failed with exit code $status" >&2
        exit "$status"
    fi
done

# The fingerprint without jq: the JSON is pretty-printed with one key per line.
fingerprint=$(sed -n 's/^  "fingerprint": "\([0-9a-f]*\)",$/\1/p' "$work/plan.json")
if [ -z "$fingerprint" ]; then
    echo "$(date -u +%FT%TZ) $name: no fingerprint in the plan" >&2
    exit 1
fi

if [ -f "$reports/fingerprint" ] && [ "$(cat "$reports/fingerprint")" = "$fingerprint" ]; then
    echo "$(date -u +%FT%TZ) $name: plan unchanged ($fingerprint)"
    exit 0
fi
# A plan without steps is only worth a report when it replaces an earlier one (all updates done).
if grep -q '^  "steps": \[\]' "$work/plan.json" && [ ! -f "$reports/fingerprint" ]; then
    echo "$(date -u +%FT%TZ) $name: no updates pending ($fingerprint)"
    exit 0
fi
if [ "$partial" -eq 1 ]; then
    printf '\n> **Partial plan:** the index did not answer for every package (pinaudit exit code 3), so the packages it skipped are not planned; the next run asks again.\n' >> "$work/plan.md"
fi

day=$(date -u +%F)
cp "$work/plan.md" "$reports/plan-$day.md"
cp "$work/plan.json" "$reports/plan-$day.json"
ln -sf "plan-$day.md" "$reports/latest.md"
ln -sf "plan-$day.json" "$reports/latest.json"
printf '%s\n' "$fingerprint" > "$reports/fingerprint"
if [ "$partial" -eq 1 ]; then
    echo "$(date -u +%FT%TZ) $name: new partial plan $fingerprint in $reports/plan-$day.md (the index did not answer for every package)"
else
    echo "$(date -u +%FT%TZ) $name: new plan $fingerprint in $reports/plan-$day.md"
fi

# To be told, add e.g.:  mail -s "pinaudit: new update plan for $name" you@example.org < "$reports/plan-$day.md"
