#!/usr/bin/env bash
# ./bench.sh burst N: the 09:00 wave on the production path. Starts ./run.sh (real clock, reminders, the OVH fake over
# HTTP) on a fresh database (followup_burst) with the SMS hour set a few minutes ahead, imports N contacts whose J2 is
# today, then measures: import persons/s against COPY and single-row INSERT baselines of the same rows; seconds from the
# SMS hour until all N SMS are recorded "to send" (token + state; FOLLOWUP_BURST_PREPARE_MINUTES (3) ahead of the hour:
# FollowUp:Protocol:SmsPrepareAhead, so negative), handed to OVH, and their delivery reports recorded;
# errors by kind (logs and database); silo RSS per person; next-call p50/p99 of FOLLOWUP_BURST_OPERATORS (100) operators
# asking over the API during the wave, with FOLLOWUP_BURST_CALLS (2000) landline persons whose call is due to take.
# FOLLOWUP_BURST_FOLLOWED=M (0): M more persons followed besides the wave (included today, J2 in two days: not due in
# it), imported first in files of 100,000 lines, so that the wave runs on a node following N + M persons.
# Ports: the first free ones from web 5580, OVH fake 5581, silo 11511, gateway 30500, silo health 5590 (FOLLOWUP_PORT,
# FOLLOWUP_OVH_FAKE_PORT, FOLLOWUP_SILO_PORT, FOLLOWUP_GATEWAY_PORT, FOLLOWUP_SILO_HEALTH_PORT to choose them).
# Traffic stays on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-20000}"
PREPARE_MINUTES="${FOLLOWUP_BURST_PREPARE_MINUTES:-3}"
OPERATORS="${FOLLOWUP_BURST_OPERATORS:-100}" CALLS="${FOLLOWUP_BURST_CALLS:-2000}" FOLLOWED="${FOLLOWUP_BURST_FOLLOWED:-0}"
LEAD_MINUTES="${FOLLOWUP_BURST_LEAD_MINUTES:-$((PREPARE_MINUTES + 3 + (FOLLOWED + 99999) / 100000))}" # + their import: ≥ 1,700/s
source scripts/pg.sh
pg_up
source scripts/cpu.sh # CPU-seconds per process: cpu_snapshot, cpu_table
source scripts/ports.sh # free ports (from these defaults) so that it runs beside another checkout's ./run.sh
pick_port FOLLOWUP_PORT 5580; pick_port FOLLOWUP_OVH_FAKE_PORT 5581
pick_port FOLLOWUP_SILO_PORT 11511; pick_port FOLLOWUP_GATEWAY_PORT 30500; pick_port FOLLOWUP_SILO_HEALTH_PORT 5590
WEB="http://127.0.0.1:$FOLLOWUP_PORT" FAKE="http://127.0.0.1:$FOLLOWUP_OVH_FAKE_PORT"
pg_psql postgres "DROP DATABASE IF EXISTS followup_burst WITH (FORCE)"
export FOLLOWUP_DB="$(pg_url followup_burst)"
q() { pg_psql followup_burst "$1"; }
now_s() { date +%s.%N; }
el() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

if [ -z "${FOLLOWUP_SKIP_BUILD:-}" ]; then # set: the caller has just built (a no-op build takes minutes on a loaded machine)
  echo "Building..." # before the SMS hour is chosen; run.sh then skips its own build (FOLLOWUP_SKIP_BUILD)
  DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 dotnet build FollowUp.sln -c Release -v quiet -nologo | grep -E " error |FAILED" || true
fi
source scripts/silo-r2r.sh; silo_publish_r2r # the silo run.sh starts (ReadyToRun; a no-op when up to date)
export FOLLOWUP_SKIP_BUILD=1
# The SMS hour: LEAD_MINUTES from now (Paris), on today's date; the latest SMS time late enough for a night run.
SMS_AT=$(( ( $(date +%s) / 60 + LEAD_MINUTES ) * 60 ))
export FollowUp__Protocol__SmsTime="$(TZ=Europe/Paris date -d "@$SMS_AT" +%H:%M)" FollowUp__Protocol__SmsLatest=23:59
export FollowUp__Protocol__SmsPrepareAhead="$(printf '%02d:%02d:00' $((PREPARE_MINUTES / 60)) $((PREPARE_MINUTES % 60)))"
PREP_AT=$((SMS_AT - PREPARE_MINUTES * 60)) # the wave's work begins: its SMS recorded "to send"
TODAY=$(TZ=Europe/Paris date +%F); INCLUDED=$(TZ=Europe/Paris date -d "$TODAY -2 days" +%F)
LANDLINE=$(TZ=Europe/Paris date -d "$TODAY -3 days" +%F) # J2 yesterday: the call is due now

./run.sh > .data/burst-run.log 2>&1 &
RUN=$!
stop() { kill -TERM "$RUN" 2>/dev/null || true; wait "$RUN" 2>/dev/null || true; }
trap stop EXIT
for _ in $(seq 1 900); do curl -fs "$WEB/health/ready" >/dev/null 2>&1 && break; kill -0 "$RUN" || { tail .data/burst-run.log; exit 1; }; sleep 1; done
curl -fs "$WEB/health/ready" >/dev/null || { echo "The platform is not ready; see .data/burst-run.log" >&2; exit 1; }
[ "$(date +%s)" -lt "$SMS_AT" ] || { echo "Started after the SMS hour: raise FOLLOWUP_BURST_LEAD_MINUTES" >&2; exit 1; }
KEY=$(cat .data/api-key)
api() { curl -fs -H "Authorization: Bearer $KEY" -H "Content-Type: application/json" "$@"; }
source scripts/imports.sh # import_csv FILE

metric() { # metric NAME [LABEL]: the sum of the silo's Prometheus series NAME* (with LABEL in them; 0 when it cannot be read)
  { curl -fs -m 30 "http://127.0.0.1:$FOLLOWUP_SILO_HEALTH_PORT/metrics" || true; } \
    | awk -v m="$1" -v l="${2:-}" '$1 ~ "^"m && (l == "" || index($0, l)) { s += $NF } END { printf "%.0f", s }'
}
gc_metrics() { # gc_metrics URL: a process's allocated bytes, collections (gen0, gen1, gen2) and GC pause seconds so far
  { curl -fs -m 30 "$1" || true; } | awk '/^dotnet_gc_heap_total_allocated_bytes_total/ { a = $NF }
    /^dotnet_gc_collections_total/ && /gen0/ { g0 = $NF } /^dotnet_gc_collections_total/ && /gen1/ { g1 = $NF }
    /^dotnet_gc_collections_total/ && /gen2/ { g2 = $NF } /^dotnet_gc_pause_time_seconds_total/ { p = $NF }
    END { printf "%.0f %d %d %d %.3f\n", a, g0, g1, g2, p }'
}
gc_line() { # gc_line BEFORE AFTER: allocated KiB per SMS, collections gen0/gen1/gen2, pause s, over the wave
  paste -d' ' "$1" "$2" | awk -v n="$N" '{ printf "%.1f KiB, %d / %d / %d, %.2f s", ($6 - $1) / n / 1024, $7 - $2, $8 - $3, $9 - $4, $10 - $5 }'
}
group_metrics() { # the silo's group commits and the items they carried: persons' submissions, then reminder upserts
  echo "$(metric followup_group_commits 'what="submissions"') $(metric followup_group_items 'what="submissions"')" \
    "$(metric followup_group_commits 'what="reminder upserts"') $(metric followup_group_items 'what="reminder upserts"')"
}
# FOLLOWUP_BURST_STATEMENTS=1: PostgreSQL's statements during the wave (pg_stat_statements, which the cluster must preload:
# ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements', then restart it) into .data/burst-statements.txt.
STATEMENTS=""
if [ -n "${FOLLOWUP_BURST_STATEMENTS:-}" ]; then
  if q "SHOW shared_preload_libraries" | grep -q pg_stat_statements; then q "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" && STATEMENTS=1
  else echo "warning: pg_stat_statements is not preloaded by the cluster: no statements" >&2; fi
fi

# Operators for the next-call measure: open around the clock (the run may fall at night), landline persons due now.
api -X PUT "$WEB/api/settings/opening-hours" -d "$(python3 -c 'import json; print(json.dumps({"days": [{"open": "00:00:00", "close": "23:59:00"}] * 7, "openOnHolidays": True}))')" >/dev/null \
  || echo "warning: opening hours not set" >&2
for i in $(seq 0 $((OPERATORS - 1))); do
  api -X POST "$WEB/api/users" -d "{\"userName\":\"burst-op-$i\",\"displayName\":\"Op $i\",\"role\":\"Operator\",\"password\":\"$(head -c 18 /dev/urandom | base64 | tr -d '/+=')\"}" >/dev/null
done
{ echo "externalId;kind;lastName;firstName;phone;department;inclusionDate"
  seq 0 $((CALLS - 1)) | awk -v d="$LANDLINE" '{ printf "burst-call-%d;contact;Durand;Lea;+334910%05d;06;%s\n", $1, $1, d }'; } > .data/burst-calls.csv
import_csv .data/burst-calls.csv >/dev/null

FOLLOWED_RATE="-" FOLLOWED_ACCEPTED=0
if [ "$FOLLOWED" -gt 0 ]; then # the persons followed besides the wave: included today, first due in two days
  echo "Importing $FOLLOWED persons followed besides the wave..."
  t0=$(now_s)
  for from in $(seq 0 100000 $((FOLLOWED - 1))); do
    to=$(( from + 100000 < FOLLOWED ? from + 100000 : FOLLOWED ))
    { echo "externalId;kind;lastName;firstName;phone;department;inclusionDate"
      seq "$from" $((to - 1)) | awk -v d="$TODAY" '{ dep = sprintf("%02d", 1 + $1 % 89); if (dep == "20") dep = "2A"
        printf "followed-%d;contact;Martin;Paul;+3367%07d;%s;%s\n", $1, $1, dep, d }'
    } > .data/burst-followed.csv
    a=$(import_csv .data/burst-followed.csv | grep -o '"accepted":[0-9]*' | cut -d: -f2) || true
    FOLLOWED_ACCEPTED=$((FOLLOWED_ACCEPTED + ${a:-0}))
  done
  FOLLOWED_RATE=$(awk -v n="$FOLLOWED" -v a="$t0" -v b="$(now_s)" 'BEGIN { printf "%.0f", n / (b - a) }')
fi

CSV=.data/burst.csv
{ echo "externalId;kind;lastName;firstName;phone;department;inclusionDate"
  seq 0 $((N - 1)) | awk -v d="$INCLUDED" '{ printf "burst-%d;contact;Durand;Lea;+3361%07d;13;%s\n", $1, $1, d }'; } > "$CSV"

# Baselines with the same rows: COPY into a scratch table; single-row INSERTs from 16 connections (pgbench).
q "CREATE TABLE burst_scratch (external_id text, kind text, last_name text, first_name text, phone text, department text, inclusion_date date)"
t0=$(now_s); PGPASSWORD="$(cat "$PG_PASSWORD_FILE")" psql -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d followup_burst -qc "\copy burst_scratch FROM '$CSV' WITH (FORMAT csv, DELIMITER ';', HEADER true)"; t1=$(now_s)
COPY_RATE=$(awk -v n="$N" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", n / (b - a) }')
q "TRUNCATE burst_scratch"
echo "INSERT INTO burst_scratch VALUES ('burst-' || :client_id || '-' || random(), 'contact', 'Durand', 'Lea', '+33610000000', '13', '$INCLUDED');" > .data/burst-insert.sql
t0=$(now_s); PGPASSWORD="$(cat "$PG_PASSWORD_FILE")" "$(pg_bin)/pgbench" -n -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -c 16 -j 2 -t $((N / 16)) -f .data/burst-insert.sql followup_burst >/dev/null; t1=$(now_s)
INSERT_RATE=$(awk -v n="$((N / 16 * 16))" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", n / (b - a) }')
q "DROP TABLE burst_scratch"

# The silo's memory before the N persons (its fixed cost): RSS per person is also given above this baseline.
SILO_PID=$(pgrep -f "FollowUp.Silo.dll" -P "$RUN" | head -1 || true)
BASE_RSS_KB=$(awk '/VmRSS/ { print $2 }' "/proc/$SILO_PID/status" 2>/dev/null || echo 0)
echo "Importing $N persons (J2 today $TODAY, SMS hour $FollowUp__Protocol__SmsTime Paris)..."
cpu_snapshot "$RUN" "$PG_DATA" > .data/burst-cpu-import0
t0=$(now_s)
IMPORTED=$(import_csv "$CSV")
t1=$(now_s)
cpu_snapshot "$RUN" "$PG_DATA" > .data/burst-cpu-import1
IMPORT_S=$(el "$t0" "$t1"); IMPORT_RATE=$(awk -v n="$N" -v s="$IMPORT_S" 'BEGIN { printf "%.0f", n / s }')
ACCEPTED=$(grep -o '"accepted":[0-9]*' <<<"$IMPORTED" | cut -d: -f2) || true

rm -f .data/burst-stop
FOLLOWUP_BENCH_DB="$FOLLOWUP_DB" dotnet bench/bin/Release/net10.0/FollowUp.Bench.dll next-call-api "$WEB" "$KEY" "$OPERATORS" .data/burst-stop > .data/burst-next.txt 2>&1 &
OPS=$!
[ "$(date +%s)" -lt "$((PREP_AT - 25))" ] || { echo "The import ended after the preparation began: raise FOLLOWUP_BURST_LEAD_MINUTES" >&2; exit 1; }
now=$(date +%s); echo "Waiting $((PREP_AT - now)) s for the preparation ($PREPARE_MINUTES min before the SMS hour)..."
sleep $((PREP_AT - now - 20))
BG_T0=$(now_s); cpu_snapshot "$RUN" "$PG_DATA" "$OPS" > .data/burst-cpu-bg0 # the background: operators asking, no SMS yet
now=$(date +%s); [ "$now" -lt "$((PREP_AT - 3))" ] && sleep $((PREP_AT - 3 - now))
# WAL position and statements from just before the SMS hour (psql takes seconds to answer once the wave runs)
q "SELECT pg_current_wal_lsn() || ' ' || (SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter)" > .data/burst-wal0
[ -n "$STATEMENTS" ] && q "SELECT pg_stat_statements_reset()" >/dev/null
now=$(date +%s); [ "$now" -lt "$PREP_AT" ] && sleep $((PREP_AT - now))
BG_S=$(el "$BG_T0" "$(now_s)")
cpu_snapshot "$RUN" "$PG_DATA" "$OPS" > .data/burst-cpu-wave0
{ group_metrics > .data/burst-groups0; gc_metrics "http://127.0.0.1:$FOLLOWUP_SILO_HEALTH_PORT/metrics" > .data/burst-gc-silo0
  gc_metrics "$WEB/metrics" > .data/burst-gc-web0; } & # the silo's scrape takes seconds in a wave (group sizes are ratios)
GROUPS0=$!
TOKENS_S="-" ACCEPTED_S="-" DLR_S="-"
for _ in $(seq 1 $((1200 + PREPARE_MINUTES * 60))); do
  t=$(now_s); s=$(el "$SMS_AT" "$t")
  [ "$TOKENS_S" = "-" ] && [ "$(q "SELECT count(*) FROM questionnaire_tokens")" -ge "$N" ] && TOKENS_S=$s
  stats=$(curl -fs "$FAKE/fake/stats" || true) # once a second: the fake counts its maps for it
  [ "$ACCEPTED_S" = "-" ] && [ "$(echo "$stats" | grep -o '"accepted":[0-9]*' | cut -d: -f2)" -ge "$N" ] 2>/dev/null && ACCEPTED_S=$s
  # A delivery report is answered 200 only once durable: the fake's count of 200s, not a count(*) of sms_messages every
  # second (PostgreSQL CPU the wave would be charged with); the table is checked once at the end (reports lost).
  [ "$DLR_S" = "-" ] && [ "$(echo "$stats" | grep -o '"deliveryReportsAcknowledged":[0-9]*' | cut -d: -f2)" -ge "$N" ] 2>/dev/null && DLR_S=$s
  [ "$DLR_S" != "-" ] && [ "$ACCEPTED_S" != "-" ] && [ "$TOKENS_S" != "-" ] && break
  sleep 1
done
cpu_snapshot "$RUN" "$PG_DATA" "$OPS" > .data/burst-cpu-wave1
read -r WAL0 CKPT0 < .data/burst-wal0
WAL_PER_SMS=$(q "SELECT round(pg_wal_lsn_diff(pg_current_wal_lsn(), '$WAL0') / $N)")
wait "$GROUPS0" || true # the first scrape of the group commits
group_metrics > .data/burst-groups1
gc_metrics "http://127.0.0.1:$FOLLOWUP_SILO_HEALTH_PORT/metrics" > .data/burst-gc-silo1; gc_metrics "$WEB/metrics" > .data/burst-gc-web1
CHECKPOINTS=$(( $(q "SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter") - CKPT0 ))
[ -n "$STATEMENTS" ] && q "SELECT round(total_exec_time)::bigint || ' ms | ' || calls || ' calls | ' || rows || ' rows | '
  || left(regexp_replace(query, '\s+', ' ', 'g'), 160) FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 25" > .data/burst-statements.txt
WAVE_S=$(el "$PREP_AT" "$(now_s)") # the work's window: from the preparation
SHARD_WAKES=$(metric followup_shard_wakes) REMINDER_TICKS=$(metric followup_reminder_ticks)
touch .data/burst-stop; wait "$OPS" || true
read -r NEXT_N NEXT_TAKEN NEXT_ERR NEXT_P50 NEXT_P99 < <(tail -1 .data/burst-next.txt) || true
RSS_KB=$(awk '/VmRSS/ { print $2 }' "/proc/$SILO_PID/status" 2>/dev/null || echo 0)
ACTIVATIONS=$(metric orleans_catalog_activations) HEAP_B=$(metric dotnet_gc_last_collection_heap_size_bytes)
# Idle: once the persons' activations are collected (PersonGrain.IdleMinutes + Orleans' collection quantum), RSS again.
IDLE_S="${FOLLOWUP_BURST_IDLE_SECONDS:-200}"
[ "$IDLE_S" -gt 0 ] && { echo "Waiting $IDLE_S s for idle persons to be collected..."; sleep "$IDLE_S"; }
IDLE_RSS_KB=$(awk '/VmRSS/ { print $2 }' "/proc/$SILO_PID/status" 2>/dev/null || echo 0)
IDLE_ACTIVATIONS=$(metric orleans_catalog_activations) IDLE_HEAP_B=$(metric dotnet_gc_last_collection_heap_size_bytes)
IDLE_RESIDENT=$(metric orleans_reminders_active) # reminders Orleans holds in memory (the others stay in the table until due)
REMINDERS=$(q "SELECT count(*) FROM orleansreminderstable" || echo "?")
OVH_ACCEPTED=$(curl -fs "$FAKE/fake/stats" | grep -o '"accepted":[0-9]*' | cut -d: -f2)
RECORDED=$(q "SELECT count(*) FROM sms_messages WHERE provider_id IS NOT NULL")
DELIVERED=$(q "SELECT count(*) FROM sms_messages WHERE delivery_status = '1'")
EVENTS=$(q "SELECT count(*) FROM person_events WHERE event = 'smsDelivered'")
count() { { grep -c -E "$1" "${@:2}" 2>/dev/null || true; } | awk -F: '{ s += $NF } END { print s + 0 }'; } # grep fails on no match
LOGS=(.data/silo-[0-9]*.log) # this run's silos (run.sh's; not the logs of an earlier ./run.sh add-silo)
POOL=$(count "The connection pool has been exhausted|53300|too many clients" "${LOGS[@]}" .data/web.log)
TICKS=$(count "Wake of .* failed|[Rr]eminder.*([Ff]ail|[Ee]rror|timed out)|Response did not arrive on time" "${LOGS[@]}")
DLR5XX=$({ grep -E "Delivery report [0-9]+ → 5|Delivery report [0-9]+ failed" .data/ovh-fake.log || true; } | wc -l) # none: grep fails
UNRECORDED=$((OVH_ACCEPTED - RECORDED))
# Each entry's first line starts with its instant (ConsoleLogs), then its level; the entries are kept for reading.
WARN=$(count "^([0-9T:.Z-]+ )?(warn|fail|crit):" "${LOGS[@]}" .data/web.log)
grep -h -A1 -E "^([0-9T:.Z-]+ )?(warn|fail|crit):" "${LOGS[@]}" .data/web.log > .data/burst-warnings.txt || true

cat <<TABLE

Burst of $N persons, production path ($(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM, PostgreSQL $(q "SHOW server_version"), one silo + web + OVH fake)
| measure | value |
|---|---:|
| persons followed besides the wave: accepted / imported per s | $FOLLOWED_ACCEPTED / $FOLLOWED_RATE |
| import persons/s ($ACCEPTED accepted in $IMPORT_S s) | $IMPORT_RATE |
| COPY baseline rows/s (same rows, scratch table) | $COPY_RATE (import = $(awk -v a="$IMPORT_RATE" -v b="$COPY_RATE" 'BEGIN { printf "%.3f", a / b }') ×) |
| single-row INSERT baseline rows/s (16 connections) | $INSERT_RATE (import = $(awk -v a="$IMPORT_RATE" -v b="$INSERT_RATE" 'BEGIN { printf "%.2f", a / b }') ×) |
| s from the SMS hour until all N recorded "to send" (token; negative: before the hour, preparation from −$((PREPARE_MINUTES * 60)) s) | $TOKENS_S |
| s until all N handed to OVH (fake accepted) | $ACCEPTED_S |
| s until all N delivery reports recorded | $DLR_S |
| SMS/s into OVH (N / s) | $([ "$ACCEPTED_S" != "-" ] && awk -v n="$N" -v s="$ACCEPTED_S" 'BEGIN { printf "%.0f", n / s }' || echo -) |
| wakes by the wake shards (each person twice: preparation, hour) / reminder ticks received (the safety net) | $SHARD_WAKES / $REMINDER_TICKS |
| errors: pool exhausted / too many clients | $POOL |
| errors: reminder ticks failed or timed out | $TICKS |
| errors: delivery reports answered 5xx or failed | $DLR5XX |
| errors: SMS accepted by OVH but unrecorded | $UNRECORDED |
| delivery reports lost (recorded $DELIVERED, smsDelivered events $EVENTS) | $((N - DELIVERED)) |
| warnings/failures in the logs (.data/burst-warnings.txt) | $WARN |
| next call p50 / p99 ms ($OPERATORS operators over the API: ${NEXT_N:-0} asks, ${NEXT_TAKEN:-0} calls taken, ${NEXT_ERR:-?} errors) | ${NEXT_P50:--} / ${NEXT_P99:--} |
| silo RSS after the wave ($ACTIVATIONS activations, GC heap $((HEAP_B / 1048576)) MiB) | $((RSS_KB / 1024)) MiB = $(awk -v r="$RSS_KB" -v n="$N" 'BEGIN { printf "%.1f", r / n }') KiB per person |
| silo RSS $IDLE_S s later ($IDLE_ACTIVATIONS activations, GC heap $((IDLE_HEAP_B / 1048576)) MiB, $REMINDERS reminders, $IDLE_RESIDENT in memory) | $((IDLE_RSS_KB / 1024)) MiB = $(awk -v r="$IDLE_RSS_KB" -v n="$N" 'BEGIN { printf "%.1f", r / n }') KiB per person |
| silo RSS before the N persons (2,000 call persons and $FOLLOWED followed in) / idle RSS above it per person | $((BASE_RSS_KB / 1024)) MiB / $(awk -v r="$IDLE_RSS_KB" -v b="$BASE_RSS_KB" -v n="$N" 'BEGIN { printf "%.1f", (r - b) / n }') KiB |
| silo RSS idle per person followed (N + $FOLLOWED) | $(awk -v r="$IDLE_RSS_KB" -v n="$((N + FOLLOWED))" 'BEGIN { printf "%.2f", r / n }') KiB |
| the silo's group commits in the wave: persons' submissions / commits, reminder upserts / commits | $(paste -d' ' .data/burst-groups0 .data/burst-groups1 | awk '{ printf "%d / %d = %.1f, %d / %d = %.1f", $6 - $2, $5 - $1, ($6 - $2) / ($5 - $1 + ($5 == $1)), $8 - $4, $7 - $3, ($8 - $4) / ($7 - $3 + ($7 == $3)) }') |
| .NET GC in the wave, silo: allocated per SMS, collections gen0 / gen1 / gen2, pause | $(gc_line .data/burst-gc-silo0 .data/burst-gc-silo1) |
| .NET GC in the wave, web: allocated per SMS, collections gen0 / gen1 / gen2, pause | $(gc_line .data/burst-gc-web0 .data/burst-gc-web1) |
| PostgreSQL's WAL in the wave: bytes per SMS, checkpoints begun | $WAL_PER_SMS, $CHECKPOINTS |
| load average (1, 5, 15 min) at the end | $(cut -d' ' -f1-3 /proc/loadavg) |
$(cpu_table .data/burst-cpu-wave0 .data/burst-cpu-wave1 "$N" "SMS (preparation → all reported)" .data/burst-cpu-bg0 .data/burst-cpu-wave0 "$BG_S" "$WAVE_S")
$(cpu_table .data/burst-cpu-import0 .data/burst-cpu-import1 "$N" "person imported")
TABLE
