#!/usr/bin/env bash
# Search benchmark: seeds a migrated community-service database with 100,000 communities and 1,000,000 posts (once),
# then measures page 1 of community and post search for common, rare and mixed-script queries with pgbench, and
# prints p50/p99 per query and each plan's shape. Needs psql and pgbench (Debian: postgresql-client) and a database the
# service has migrated (./circles up prints its address), given the libpq way: PGHOST, PGPORT, PGUSER, PGDATABASE.
#   bench/search/run.sh [seconds per query, default 15]
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
SECONDS_PER_QUERY="${1:-15}"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT

if [ "$(psql -Atc "select count(*) from post where id like 'bench-p-%'")" = 0 ]; then
    echo "seeding (several minutes: every text is tokenised on insert)"
    psql -q -v ON_ERROR_STOP=1 -f "$HERE/seed.sql"
fi
psql -Atc "select 'communities ' || count(*) from community" -c "select 'posts ' || count(*) from post"

echo "| query | what | p50 ms | p99 ms | plan |"
echo "| --- | --- | --- | --- | --- |"
for script in communities posts; do
    for q in 咖啡 龙井村 '西湖 coffee' latte 茶; do
        rm -f "$OUT"/log.*
        (cd "$OUT" && pgbench -n -M prepared -c 2 -j 2 -T "$SECONDS_PER_QUERY" -D q="$q" -f "$HERE/$script.sql" -l \
            --log-prefix=log >/dev/null 2>&1)
        read -r p50 p99 < <(cat "$OUT"/log.* | awk '{ print $3 / 1000 }' | sort -n | awk '
            { v[NR] = $1 } END { printf "%.1f %.1f\n", v[int(NR * 0.5) + 1], v[int(NR * 0.99) + 1] }')
        sql="$(sed -e '/^--/d' -e '/^\\set/d' -e "s/:q/'$q'/" -e "s/:n/1/" "$HERE/$script.sql")"
        plan="$(psql -At -c "explain (costs off) $sql" \
            | grep -oE '(Bitmap Index Scan on [a-z_]+|Index Scan( Backward)? using [a-z_]+|Seq Scan on [a-z_]+)' \
            | sort -u | paste -sd ',' | sed 's/,/, /g')"
        echo "| $script | \`$q\` | $p50 | $p99 | $plan |"
    done
done
