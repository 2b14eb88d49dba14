#!/usr/bin/env bash
# ./bench.sh million [N]: a million persons followed on one node, on the production path (issue #12, points 6 and 7).
# Starts ./run.sh (one silo, the web, the OVH fake; real clock, reminders) on a fresh database (followup_million),
# imports N persons (default 1,000,000) through the API in files of FOLLOWUP_MILLION_FILE_LINES (100,000) lines, each
# included today (J2 two days ahead: a normal day's inclusions), and prints one table:
#   - the import: persons/s and CPU ms per person for each process (silo, web, OVH fake, PostgreSQL: scripts/cpu.sh);
#   - once idle person grains are collected (at most FOLLOWUP_MILLION_IDLE_SECONDS, 300): the silo's RSS and managed
#     heap, per person above the silo's own before the import, its activations and the reminders Orleans holds in memory;
#   - the silo killed with kill -9 and restarted at once (same command line and environment, same ports): seconds and
#     CPU-seconds until its /health/ready answers, until its log shows its reminder range taken, and until its CPU
#     settles (under 0.25 CPU-s over 5 s: the start-up work, the reminder range's first read included, is done);
#   - no person lost: N states, index rows and reminder rows after the restart, and a sample of persons read back
#     through the API (each activates its grain from its stored state).
# Ports: the first free ones from web 5780, OVH fake 5781, silo 11711, gateway 30700, silo health 5790 (or the
# FOLLOWUP_*_PORT variables of ./run.sh). Traffic stays on 127.0.0.1. FOLLOWUP_SKIP_BUILD=1: no build first.
# FOLLOWUP_MILLION_TRACE_SECONDS=S: dotnet-trace samples the silo and the web for the import's first S seconds (S < 60)
# into .data/million-silo.nettrace and .data/million-web.nettrace (and .speedscope.json; dotnet-trace: DOTNET_TRACE, else
# ~/.dotnet/tools/dotnet-trace from `dotnet tool install -g dotnet-trace --version 10.0.750501`).
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-1000000}"
FILE_LINES="${FOLLOWUP_MILLION_FILE_LINES:-100000}" IDLE_MAX="${FOLLOWUP_MILLION_IDLE_SECONDS:-300}"
source scripts/pg.sh
pg_up
source scripts/cpu.sh
source scripts/ports.sh
pick_port FOLLOWUP_PORT 5780; pick_port FOLLOWUP_OVH_FAKE_PORT 5781
pick_port FOLLOWUP_SILO_PORT 11711; pick_port FOLLOWUP_GATEWAY_PORT 30700; pick_port FOLLOWUP_SILO_HEALTH_PORT 5790
WEB="http://127.0.0.1:$FOLLOWUP_PORT" HEALTH="http://127.0.0.1:$FOLLOWUP_SILO_HEALTH_PORT"
pg_psql postgres "DROP DATABASE IF EXISTS followup_million WITH (FORCE)"
export FOLLOWUP_DB="$(pg_url followup_million)"
q() { pg_psql followup_million "$1"; }
now_s() { date +%s.%N; }
el() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
TCK=$(getconf CLK_TCK)
cpu_s() { awk -v t="$TCK" '{ sub(/^.*\) /, ""); printf "%.2f", ($12 + $13) / t }' "/proc/$1/stat" 2>/dev/null || echo 0; }
rss_kb() { awk '/VmRSS/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
metric() { # metric NAME: the sum of the silo's Prometheus series NAME* (0 when it cannot be read)
  { curl -fs -m 30 "$HEALTH/metrics" || true; } | awk -v m="$1" '$1 ~ "^"m { s += $NF } END { printf "%.0f", s }'
}

if [ -z "${FOLLOWUP_SKIP_BUILD:-}" ]; then
  echo "Building..."
  DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 dotnet build FollowUp.sln -c Release -v quiet -nologo | grep -E " error |FAILED" || true
fi
source scripts/silo-r2r.sh; silo_publish_r2r
export FOLLOWUP_SKIP_BUILD=1
./run.sh > .data/million-run.log 2>&1 &
RUN=$!
SILO_PID=""
stop() { [ -n "$SILO_PID" ] && kill -TERM "$SILO_PID" 2>/dev/null; kill -TERM "$RUN" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop EXIT
for _ in $(seq 1 900); do curl -fs "$WEB/health/ready" >/dev/null 2>&1 && break; kill -0 "$RUN" || { tail .data/million-run.log; exit 1; }; sleep 1; done
curl -fs "$WEB/health/ready" >/dev/null || { echo "The platform is not ready; see .data/million-run.log" >&2; exit 1; }
KEY=$(cat .data/api-key)
SILO_PID=$(pgrep -f "FollowUp.Silo.dll" -P "$RUN" | head -1)
source scripts/imports.sh # import_csv FILE

TODAY=$(TZ=Europe/Paris date +%F)
mkdir -p .data/million
FILES=$(( (N + FILE_LINES - 1) / FILE_LINES ))
for f in $(seq 0 $((FILES - 1))); do # persons i: externalId million-i, a mobile phone of their own, a name of their own
  from=$((f * FILE_LINES)) to=$(( (f + 1) * FILE_LINES < N ? (f + 1) * FILE_LINES : N ))
  { echo "externalId;kind;lastName;firstName;phone;department;inclusionDate;sociallyVulnerable"
    seq "$from" $((to - 1)) | awk -v d="$TODAY" '{ dep = sprintf("%02d", 1 + $1 % 89); if (dep == "20") dep = "2A"
      printf "million-%d;%s;Nom%d;Prenom%d;+336%08d;%s;%s;%s\n", $1, ($1 % 3 ? "contact" : "cas"), $1, $1 % 997, $1, dep, d,
        ($1 % 10 ? "non" : "oui") }'; } > ".data/million/$f.csv"
done
sleep 5
HEAP="(dotnet_gc_last_collection_heap_size|process_runtime_dotnet_gc_heap_size)" # the managed heap after the last collection
BASE_RSS_KB=$(rss_kb "$SILO_PID") BASE_HEAP_B=$(metric "$HEAP")
echo "Importing $N persons in $FILES files of $FILE_LINES lines (J2 $(TZ=Europe/Paris date -d "$TODAY +2 days" +%F))..."
cpu_snapshot "$RUN" "$PG_DATA" > .data/million-cpu-import0
if [ -n "${FOLLOWUP_MILLION_TRACE_SECONDS:-}" ]; then # CPU samples of the silo and the web during the import's first seconds
  WEB_PID=$(pgrep -f "FollowUp.Web" -P "$(pgrep -f "dotnet run --project src/Web" -P "$RUN" | head -1)" | head -1 || true)
  for p in "silo:$SILO_PID" "web:$WEB_PID"; do
    [ -n "${p#*:}" ] && "${DOTNET_TRACE:-$HOME/.dotnet/tools/dotnet-trace}" collect -p "${p#*:}" --profile dotnet-sampled-thread-time -o ".data/million-${p%%:*}.nettrace" \
      --duration "00:00:00:$FOLLOWUP_MILLION_TRACE_SECONDS" --format Speedscope > /dev/null 2>&1 &
  done
fi
t0=$(now_s); ACCEPTED=0
for f in $(seq 0 $((FILES - 1))); do
  answer=$(import_csv ".data/million/$f.csv")
  a=$(grep -o '"accepted":[0-9]*' <<<"$answer" | cut -d: -f2); ACCEPTED=$((ACCEPTED + ${a:-0}))
  printf '  file %d: %s accepted, %s s so far, silo RSS %d MiB, load %s\n' "$f" "${a:-?}" "$(el "$t0" "$(now_s)")" \
    $(($(rss_kb "$SILO_PID") / 1024)) "$(cut -d' ' -f1 /proc/loadavg)"
done
t1=$(now_s)
cpu_snapshot "$RUN" "$PG_DATA" > .data/million-cpu-import1
IMPORT_S=$(el "$t0" "$t1"); IMPORT_RATE=$(awk -v n="$ACCEPTED" -v s="$IMPORT_S" 'BEGIN { printf "%.0f", n / s }')
PEAK_RSS_KB=$(awk '/VmHWM/ { print $2 }' "/proc/$SILO_PID/status")

echo "Waiting for idle person grains to be collected (at most $IDLE_MAX s)..."
ACTIVE_AFTER=$(metric orleans_catalog_activations)
for _ in $(seq 1 $((IDLE_MAX / 10))); do [ "$(metric orleans_catalog_activations)" -le 200 ] && break; sleep 10; done
sleep 10
IDLE_RSS_KB=$(rss_kb "$SILO_PID") IDLE_HEAP_B=$(metric "$HEAP")
IDLE_ACTIVATIONS=$(metric orleans_catalog_activations) RESIDENT=$(metric orleans_reminders_active)
REMINDERS=$(q "SELECT count(*) FROM orleansreminderstable")

echo "kill -9 of the silo (PID $SILO_PID), restarted at once..."
mapfile -d '' SILO_ENV < "/proc/$SILO_PID/environ"; mapfile -d '' SILO_CMD < "/proc/$SILO_PID/cmdline"
LOG=.data/million-silo-restarted.log
kill -9 "$SILO_PID"; while kill -0 "$SILO_PID" 2>/dev/null; do sleep 0.05; done
t0=$(now_s)
env -i "${SILO_ENV[@]}" "${SILO_CMD[@]}" > "$LOG" 2>&1 &
SILO_PID=$!
READY_S="-" READY_CPU="-" RANGE_S="-" RANGE_CPU="-" SETTLED_S="-" SETTLED_CPU="-" last=0 still=0
for _ in $(seq 1 3000); do
  kill -0 "$SILO_PID" 2>/dev/null || { echo "The restarted silo stopped; see $LOG" >&2; tail -5 "$LOG" >&2; exit 1; }
  c=$(cpu_s "$SILO_PID"); t=$(el "$t0" "$(now_s)")
  [ "$READY_S" = "-" ] && curl -fs -m 2 "$HEALTH/health/ready" >/dev/null 2>&1 && { READY_S=$t; READY_CPU=$c; }
  [ "$RANGE_S" = "-" ] && grep -q "LocalReminderService grain service on" "$LOG" && { RANGE_S=$t; RANGE_CPU=$c; }
  if [ "$READY_S" != "-" ]; then # settled: under 0.25 CPU-s over 5 s (an idle silo's timers and membership cost a little)
    if awk -v a="$last" -v b="$c" 'BEGIN { exit !(b - a < 0.25) }'; then still=$((still + 1)); else still=0; last=$c; fi
    [ "$still" -ge 10 ] && { SETTLED_S=$(awk -v t="$t" 'BEGIN { printf "%.1f", t - 5 }'); SETTLED_CPU=$last; break; }
  fi
  sleep 0.5
done
RESTART_RSS_KB=$(rss_kb "$SILO_PID") RESTART_RESIDENT=$(metric orleans_reminders_active)

STATES=$(q "SELECT count(*) FROM person_states") PERSONS=$(q "SELECT count(*) FROM persons")
WAKES=$(q "SELECT count(*) FROM orleansreminderstable WHERE remindername = 'wake'")
SAMPLE=0 FOUND=0
for id in $(q "SELECT id FROM person_states ORDER BY random() LIMIT 50"); do
  SAMPLE=$((SAMPLE + 1))
  curl -fs -m 60 -H "Authorization: Bearer $KEY" "$WEB/api/persons/$id" | grep -q '"externalId":"million-' && FOUND=$((FOUND + 1))
done
per() { awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN { printf "%.2f", (a - b) / n }'; }

cat <<TABLE

$N persons followed on one node, production path ($(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM, PostgreSQL $(q "SHOW server_version"), one silo + web + OVH fake)
| measure | value |
|---|---:|
| import persons/s ($ACCEPTED accepted in $IMPORT_S s, $FILES files of $FILE_LINES lines) | $IMPORT_RATE |
$(cpu_table .data/million-cpu-import0 .data/million-cpu-import1 "$ACCEPTED" "person imported")
| silo RSS before the import / peak during it | $((BASE_RSS_KB / 1024)) MiB / $((PEAK_RSS_KB / 1024)) MiB |
| silo activations right after the import / once idle | $ACTIVE_AFTER / $IDLE_ACTIVATIONS |
| silo RSS once idle | $((IDLE_RSS_KB / 1024)) MiB = $(per "$IDLE_RSS_KB" 0 "$N") KiB per person ($(per "$IDLE_RSS_KB" "$BASE_RSS_KB" "$N") KiB above the silo's own) |
| silo managed heap once idle | $((IDLE_HEAP_B / 1048576)) MiB = $(per "$IDLE_HEAP_B" "$BASE_HEAP_B" "$N") B per person above the silo's own ($((BASE_HEAP_B / 1048576)) MiB) |
| reminder rows / reminders in Orleans' memory (idle; after the restart) | $REMINDERS / $RESIDENT; $RESTART_RESIDENT |
| restart after kill -9: s (CPU-s) to /health/ready | $READY_S ($READY_CPU) |
| restart: s (CPU-s) to its reminder range taken (log) | $RANGE_S ($RANGE_CPU) |
| restart: s (CPU-s) until its CPU settles (start-up work done) | $SETTLED_S ($SETTLED_CPU) |
| restarted silo's RSS | $((RESTART_RSS_KB / 1024)) MiB |
| persons after the restart: states / index rows / wake reminders (N = $N) | $STATES / $PERSONS / $WAKES |
| persons read back through the API (random sample) | $FOUND of $SAMPLE |
| load average (1, 5, 15 min) at the end | $(cut -d' ' -f1-3 /proc/loadavg) |
TABLE
