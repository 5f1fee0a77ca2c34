#!/usr/bin/env bash
# Two ./circles commands at once on a fresh clone (nothing built yet): both must succeed, one of them after waiting
# for the build the other started. Without the build lock they overwrite each other's target/ and one fails.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
git clone -q "$repo" "$work/clone"
cd "$work/clone"
./circles token alice >"$work/alice.out" 2>"$work/alice.err" & first=$!
sleep 2
./circles token bob --admin >"$work/bob.out" 2>"$work/bob.err" & second=$!
status=0
wait "$first" || { echo "FAIL: the first command failed:"; cat "$work/alice.err"; status=1; }
wait "$second" || { echo "FAIL: the second command failed:"; cat "$work/bob.err"; status=1; }
jwt='^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$'
for who in alice bob; do
    grep -Eq "$jwt" "$work/$who.out" || { echo "FAIL: no token for $who: $(cat "$work/$who.out")"; status=1; }
done
grep -q "waiting for the build another ./circles command started" "$work/bob.err" \
    || { echo "FAIL: the second command did not wait for the first one's build:"; cat "$work/bob.err"; status=1; }
for service in community-service event-service merchant-service feed-service; do
    [ ! -d "$service/target" ] || { echo "FAIL: ./circles token built $service"; status=1; }
done
[ "$status" = 0 ] && echo "two commands at once on a fresh clone: both succeeded, the second waited for the first's build"
exit "$status"
