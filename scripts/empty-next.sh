#!/usr/bin/env bash
# Measure (not a test): an operator's EMPTY "next" when due_calls holds 250,000 calls due 4 hours later (a wave's) and 100
# calls in operators' hands, nothing waiting. Two scratch databases on the local PostgreSQL (scripts/pg.sh): one migrated
# without db/0057 (the queries as before it, scripts/empty-next/before.sql), one with it (after.sql). pgbench runs each
# ask prepared (-M prepared, as Npgsql's automatic preparation does on the silo's pool) with 1 then 4 clients for
# FOLLOWUP_EMPTY_NEXT_SECONDS (15) each, and prints the asks per second, each statement's mean latency, and the rows of
# due_calls read per ask (sequential and through an index, from pg_stat_user_tables). Usage: scripts/empty-next.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/pg.sh
was_running=0; pg_running && was_running=1
pg_up
[ "$was_running" = 1 ] || trap pg_down EXIT
bin=$(pg_bin)
export PGPASSWORD PGOPTIONS="-c client_min_messages=warning"; PGPASSWORD=$(cat "$PG_PASSWORD_FILE")
q() { psql -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -v ON_ERROR_STOP=1 -qAt "$@"; }
seconds=${FOLLOWUP_EMPTY_NEXT_SECONDS:-15}
for db in before after; do
  q -d postgres -c "DROP DATABASE IF EXISTS followup_empty_next_$db" -c "CREATE DATABASE followup_empty_next_$db"
  for f in db/*.sql; do
    [ "$db" = before ] && [ "$(basename "$f")" \> 0057 ] && [ "$(basename "$f")" \< 0058 ] && continue
    q -d "followup_empty_next_$db" -f "$f" >/dev/null
  done
  q -d "followup_empty_next_$db" -f scripts/empty-next/populate.sql >/dev/null
done
reads() { # rows of due_calls read so far: sequentially, through indexes
  q -d "$1" -c "SELECT coalesce(seq_tup_read, 0), coalesce(idx_tup_fetch, 0) FROM pg_stat_user_tables WHERE relname = 'due_calls'"
}
printf '%-7s %7s %10s %12s %14s %14s  %s\n' state clients 'asks/s' 'ms per ask' 'rows seq/ask' 'rows idx/ask' 'ms per statement'
for clients in 1 4; do
  for db in before after; do
    r0=$(reads "followup_empty_next_$db")
    out=$("$bin/pgbench" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -n -M prepared -c "$clients" -j "$(( clients > 1 ? 2 : 1 ))" \
      -T "$seconds" -r -D op=op-1 -D now=2026-11-26T10:00:00Z -D 'deps={}' -D zone=Europe/Paris -D closes=19:00 \
      -D lease=2026-11-26T10:20:00Z -f "scripts/empty-next/$db.sql" "followup_empty_next_$db" 2>&1)
    sleep 1 # pgbench's sessions have ended: their statistics are flushed
    r1=$(reads "followup_empty_next_$db")
    n=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' <<<"$out")
    tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' <<<"$out")
    lat=$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' <<<"$out")
    per=$(grep -E '^ +[0-9.]+ +[0-9]+ +(SELECT|WITH)' <<<"$out" | awk '{printf "%s%s (%s)", sep, $1, $3; sep=", "}')
    seq=$(( (${r1%|*} - ${r0%|*}) / (n > 0 ? n : 1) ))
    idx=$(awk -v a="${r1#*|}" -v b="${r0#*|}" -v n="$n" 'BEGIN { print (a - b) / (n > 0 ? n : 1) }')
    printf '%-7s %7s %10.0f %12s %14.0f %14.1f  %s\n' "$db" "$clients" "$tps" "$lat" "$seq" "$idx" "$per"
  done
done
q -d postgres -c "DROP DATABASE followup_empty_next_before" -c "DROP DATABASE followup_empty_next_after"
