#!/usr/bin/env bash
# Measures how long a silo killed with kill -9 and restarted at once on its own address takes to be Active again
# (its /health/ready answers 200: it has joined, so it hosts activations and takes its reminder ranges back).
# Two silos (the silo ./run.sh add-silo starts) on a fresh database of the local PostgreSQL
# (.data/pg), ports 11190-11191 / 30090-30091 / 5190-5191, loopback only.
#   scripts/silo_restart_time.sh [ROUNDS]   prints one line per round, where its time went, and the median.
# The breakdown comes from the restarted silo's log (JSON, timestamped): its "Silo ready" line (StartupClock: runtime
# start, migrations check, connection budget check, host build, Orleans start and join) and, inside Orleans' start, the
# instants it joined the membership (the dead predecessor on its endpoint declared dead by itself) and took its
# reminder range.
# CPU: the CPU-seconds (utime + stime, /proc/PID/stat) the restarted process spent from its start until its
# /health/ready answered, and until it took its reminder range back (its log line seen): under load the wall time is
# about this CPU divided by the share of the cores the process gets, so it is the figure a start-up cut must lower.
# Extra settings pass through the environment (e.g. FollowUp__Cluster__ProbeTimeoutSeconds=... or DOTNET_TieredPGO=0
# to compare); FOLLOWUP_SILO_DLL runs another build of the silo (default: as ./run.sh add-silo, the ReadyToRun silo
# ./run.sh published when it is up to date, else the Release build; FOLLOWUP_SILO_R2R=0: the Release build).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/pg.sh
set +e
pg_up
ROUNDS=${1:-3}
DB=followup_restart_$$
pg_psql postgres "CREATE DATABASE $DB" >/dev/null
OUT=.data/silo-restart; mkdir -p "$OUT"
source scripts/silo-r2r.sh
[ -f "$SILO_BUILD_DLL" ] || dotnet build src/Silo/Silo.csproj -c Release -v quiet -nologo
DLL=${FOLLOWUP_SILO_DLL:-$(silo_dll)}
echo "silo: $DLL"
export FollowUp__Database__ConnectionString="$(pg_url $DB)" FollowUp__Cluster__ClusterId="restart-$$" DOTNET_NOLOGO=1
export FollowUp__Database__MaxSilos=2 FollowUp__Database__MaxWebNodes=1 FollowUp__Database__SiloPoolSize=20
export FollowUp__Logging__Json=true
declare -A PID
start() { # start SLOT
  FollowUp__Silo__Port=$((11190 + $1)) FollowUp__Silo__GatewayPort=$((30090 + $1)) FollowUp__Silo__HealthPort=$((5190 + $1)) \
    dotnet "$DLL" >> "$OUT/silo-$1.log" 2>&1 &
  PID[$1]=$!
}
ready() { curl -fs -m 2 "http://127.0.0.1:$((5190 + $1))/health/ready" >/dev/null 2>&1; }
TCK=$(getconf CLK_TCK)
cpu() { awk -v t="$TCK" '{ sub(/^.*\) /, ""); printf "%.2f", ($12 + $13) / t }' "/proc/$1/stat" 2>/dev/null; } # utime + stime
ranged() { tail -n +"$from" "$OUT/silo-$1.log" | grep -q "LocalReminderService grain service on"; }
wait_ready_cpu() { # wait_ready_cpu SLOT: until ready and its reminder range taken; sets CPU_READY and CPU_RANGE
  CPU_READY=""; CPU_RANGE=""; local c
  for _ in $(seq 1 2400); do
    kill -0 "${PID[$1]}" 2>/dev/null || return 1
    c=$(cpu "${PID[$1]}")
    [ -z "$CPU_RANGE" ] && ranged "$1" && CPU_RANGE=$c
    [ -z "$CPU_READY" ] && ready "$1" && { CPU_READY=$c; T_READY=$(date +%s.%N); }
    [ -n "$CPU_READY" ] && [ -n "$CPU_RANGE" ] && return 0
    sleep 0.1
  done
  [ -n "$CPU_READY" ]
}
wait_ready() { for _ in $(seq 1 2400); do ready "$1" && return 0; kill -0 "${PID[$1]}" 2>/dev/null || return 1; sleep 0.1; done; return 1; }
cleanup() { for p in "${PID[@]}"; do kill -TERM "$p" 2>/dev/null; done; wait 2>/dev/null; pg_psql postgres "DROP DATABASE IF EXISTS $DB" >/dev/null; }
trap cleanup EXIT
start 0; wait_ready 0 || { echo "silo 0 not ready; see $OUT/silo-0.log"; exit 1; }
start 1; wait_ready 1 || { echo "silo 1 not ready; see $OUT/silo-1.log"; exit 1; }
echo "2 silos active; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
TIMES=(); CPUS=()
for r in $(seq 1 "$ROUNDS"); do
  sleep 5
  kill -9 "${PID[1]}"; wait "${PID[1]}" 2>/dev/null
  from=$(($(wc -l < "$OUT/silo-1.log") + 1))
  t0=$(date +%s.%N); start 1; wait_ready_cpu 1 || { echo "round $r: not ready after 240 s"; continue; }
  t=$(echo "$T_READY - $t0" | bc)
  TIMES+=("$t"); CPUS+=("$CPU_READY")
  printf 'round %d: restarted silo Active after %.1f s, CPU %s s to ready, %s s to its reminder range (load %s)\n' \
    "$r" "$t" "$CPU_READY" "${CPU_RANGE:-?}" "$(cut -d' ' -f1 /proc/loadavg)"
  sleep 1; tail -n +"$from" "$OUT/silo-1.log" | python3 -c '
import json, sys
from datetime import datetime
t0 = float(sys.argv[1]); marks = {}; ready = ""
steps = [("Orleans start", "Starting Orleans Silo."), ("predecessor declared dead by itself", "Detected older version of myself"),
         ("joined (Active)", "-BecomeActive"), ("reminder range taken", "LocalReminderService grain service on"),
         ("Orleans started", "Orleans Silo started.")]
for line in sys.stdin:
    if line.startswith("Silo ready"): ready = line.split(". ", 1)[1].strip()
    if not line.startswith("{"): continue
    e = json.loads(line); msg = e.get("Message", "")
    for name, text in steps:
        if text in msg and name not in marks:
            marks[name] = datetime.fromisoformat(e["Timestamp"].replace("Z", "+00:00")).timestamp() - t0
print("  " + ready)
print("  since the restart: " + ", ".join(f"{n} {marks[n]:.1f} s" for n, _ in steps if n in marks))' "$t0"
done
median() { sort -n | awk '{ a[NR] = $1 } END { if (NR) printf "%.2f", a[int((NR + 1) / 2)] }'; }
echo "median: $(printf '%s\n' "${TIMES[@]}" | median) s to ready, CPU $(printf '%s\n' "${CPUS[@]}" | median) s to ready, over ${#TIMES[@]} rounds"
