#!/usr/bin/env bash
# ./circles soak --minutes N — a fixed-rate mixed load on a stack of its own, sampled every 10 s (issue 9).
# Starts a fresh stack of its own on free ports (data under soak/target/data), loads a small data set through the
# public API, drives SOAK_RATE requests per second open loop for N minutes (60% feed reads, 15% posts, 15% joins and
# leaves, 10% RSVPs and cancellations), and records errors, p99 per call, heap after GC per service, consumer lag and
# outbox backlog. Writes soak/target/results/soak.csv, docs/soak/*.svg and the soak section of docs/reliability.md; exits 1 if the
# run fails its criteria (any error, a growing heap, lag or backlog that grows or does not drain). Everything it
# starts is stopped on exit, also on failure or Ctrl-C.
#
# Knobs (environment): SOAK_RATE=120 (requests per second; 200 overloads a 2-core machine that runs everything,
#   see docs/reliability.md), SOAK_DOC=docs/reliability.md (plots go beside it),
#   SOAK_NOTE (a sentence printed above the results, e.g. why the rate differs from the default)
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SOAK="$REPO/soak"
WORK="$SOAK/target"
DATA="$WORK/data"
RESULTS="$WORK/results"
DOC="${SOAK_DOC:-$REPO/docs/reliability.md}"
RATE="${SOAK_RATE:-120}"
MINUTES=10
LOCAL_JAR="$REPO/platform-local/target/platform-local-0.1.0-SNAPSHOT.jar"
CLASSPATH_FILE="$REPO/platform-local/target/classes/io/circles/local/kafka.classpath"
T0=$SECONDS

usage() { echo "usage: ./circles soak [--minutes N]   (default 10; SOAK_RATE=120 requests per second)"; }
while [ $# -gt 0 ]; do
    case "$1" in
        --minutes) [ $# -ge 2 ] || { usage >&2; exit 2; }; MINUTES="$2"; shift 2 ;;
        --minutes=*) MINUTES="${1#--minutes=}"; shift ;;
        -h | --help) usage; exit 0 ;;
        *) echo "soak: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
    esac
done
[[ "$MINUTES" =~ ^[0-9]+([.][0-9]+)?$ ]] && awk -v m="$MINUTES" 'BEGIN { exit !(m > 0) }' \
    || { echo "soak: --minutes must be a positive number, not '$MINUTES'" >&2; exit 2; }
[[ "$RATE" =~ ^[0-9]+$ ]] && [ "$RATE" -gt 0 ] || { echo "soak: SOAK_RATE must be a positive integer" >&2; exit 2; }

say() { printf '[soak %3d s] %s\n' "$((SECONDS - T0))" "$*"; }
die() { echo "soak: $*" >&2; exit 1; }

# The soak is about staying healthy under steady use, not about the per-user limits: budgets no synthetic user
# reaches. The stack's services inherit them.
for scope in POST JOIN RSVP PROMOTION; do
    export "CIRCLES_RATE_LIMIT_${scope}_REQUESTS=100000000"
done

mkdir -p "$WORK"
missing=0
for s in community-service event-service merchant-service feed-service; do
    [ -f "$REPO/$s/target/quarkus-app/quarkus-run.jar" ] || missing=1
done
[ -f "$LOCAL_JAR" ] && [ -f "$CLASSPATH_FILE" ] || missing=1
if [ "$missing" = 1 ]; then
    say "jars missing: building"
    (cd "$REPO" && ./mvnw -B -q -DskipTests install) >"$WORK/build.log" 2>&1 || die "build failed, see $WORK/build.log"
fi

# The stack runs from a copy of the built jars: a rebuild in the working tree during a long soak would otherwise
# swap classes under the running services.
SNAP="$WORK/snapshot"
rm -rf "$WORK/classes" "$RESULTS" "$SNAP"
mkdir -p "$WORK/classes" "$RESULTS" "$SNAP/platform-runtime/src/main/resources/dev-keys"
for s in community-service event-service merchant-service feed-service; do
    mkdir -p "$SNAP/$s/target"
    cp -r "$REPO/$s/target/quarkus-app" "$SNAP/$s/target/"
done
cp "$REPO/platform-runtime/src/main/resources/dev-keys/jwt-public.pem" "$SNAP/platform-runtime/src/main/resources/dev-keys/"
cp "$LOCAL_JAR" "$SNAP/platform-local.jar"
CP="$SNAP/platform-local.jar:$(cat "$CLASSPATH_FILE")"
LOGGING_CLASSPATH_FILE="$REPO/platform-local/target/classes/io/circles/local/kafka-logging.classpath"
STACK_CP="$CP"
[ -f "$LOGGING_CLASSPATH_FILE" ] && STACK_CP="$CP:$(cat "$LOGGING_CLASSPATH_FILE")"
javac -d "$WORK/classes" -cp "$CP" "$SOAK"/src/*.java

trap 'exit 130' INT TERM
say "starting a fresh stack of its own (free ports) under ${DATA#$REPO/}, then the load"
COMMIT="$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)"
DIRTY="$(git -C "$REPO" status --porcelain 2>/dev/null | grep -qv '^??' && echo ' (with uncommitted changes)' || true)"
export SOAK_COMMIT="\`$COMMIT\`$DIRTY"
export SOAK_MACHINE="$(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo), $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo); the stack, Kafka, PostgreSQL, Redis and the load generator co-located; load average at the start $(cut -d" " -f1-3 /proc/loadavg)"

set +e
# The driver starts the stack on free ports (it never needs 8080-8084) and stops it when it exits.
java -Dcircles.repo="$SNAP" -cp "$WORK/classes:$STACK_CP" SoakDriver "$MINUTES" "$RATE" "$DATA" "$RESULTS" "$DOC" 2>&1 \
    | tee "$RESULTS/soak.log"
rc=${PIPESTATUS[0]}
set -e
say "series in ${RESULTS#$REPO/}/soak.csv; plots in docs/soak/; section written in ${DOC#$REPO/} (exit $rc, wall time $((SECONDS - T0)) s)"
exit "$rc"
