#!/usr/bin/env bash
# ./bench.sh chaos [N]: faults under load on the production path. Starts ./run.sh (web + OVH fake, real clock and
# reminders) on a fresh database (followup_chaos) with 3 silos on PostgreSQL membership (run.sh's own, and two joined
# with ./run.sh add-silo), imports N persons (default 50,000; 9 in 10 with a mobile whose J2 SMS is due at the SMS
# hour a few minutes ahead, 1 in 10 on a landline whose J2 call is due at once), and while FOLLOWUP_CHAOS_OPERATORS
# (20) simulated operators claim and complete calls over the API it injects, from the SMS hour on:
#   - kill -9 of a joined silo every FOLLOWUP_CHAOS_KILL_EVERY (20) s, FOLLOWUP_CHAOS_KILLS (10) times, each restarted
#     at once on the same ports;
#   - the OVH fake failing 60 s (HTTP 500 and hung connections, /fake/fail) at the SMS hour;
#   - the OVH fake accepting jobs and losing the answer (3 times, /fake/faults loseResponse) after that;
#   - one PostgreSQL restart (pg_ctl restart -m fast);
#   - a silo added with ./run.sh add-silo.
# The operators talk FOLLOWUP_CHAOS_TALK_SECONDS per call on average (default: their calls last through the kills).
# Then it waits until nothing is due and checks the invariants against the fake's record and the database
# (scripts/chaos_check.py), printing the faults (times, recovery) and the invariants (violations). Traffic stays on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-50000}"
OPERATORS="${FOLLOWUP_CHAOS_OPERATORS:-20}" KILLS="${FOLLOWUP_CHAOS_KILLS:-10}" KILL_EVERY="${FOLLOWUP_CHAOS_KILL_EVERY:-20}"
LEAD_MINUTES="${FOLLOWUP_CHAOS_LEAD_MINUTES:-$(( N / 15000 + 5 ))}" # start-up and the import (~300 persons/s here) end before the SMS hour
source scripts/pg.sh
pg_up
source scripts/ports.sh # free ports (from these defaults) so that it runs beside another checkout's ./run.sh
pick_port FOLLOWUP_PORT 5680; pick_port FOLLOWUP_OVH_FAKE_PORT 5681
pick_port FOLLOWUP_SILO_PORT 11611; pick_port FOLLOWUP_GATEWAY_PORT 30600; pick_port FOLLOWUP_SILO_HEALTH_PORT 5690
pick_port SLOT_SILO_PORT 11651 3; pick_port SLOT_GATEWAY_PORT 30651 3; pick_port SLOT_HEALTH_PORT 5651 3
WEB="http://127.0.0.1:$FOLLOWUP_PORT" FAKE="http://127.0.0.1:$FOLLOWUP_OVH_FAKE_PORT"
pg_psql postgres "DROP DATABASE IF EXISTS followup_chaos WITH (FORCE)"
export FOLLOWUP_DB="$(pg_url followup_chaos)"
export PGHOST=127.0.0.1 PGPORT="$PG_PORT" PGUSER="$PG_USER" PGPASSWORD="$(cat "$PG_PASSWORD_FILE")" PGDATABASE=followup_chaos
q() { psql -XAtqc "$1"; }
now() { date +%s.%N; }
OUT=.data/chaos; rm -rf "$OUT"; mkdir -p "$OUT"
FAULTS="$OUT/faults.jsonl"; : > "$FAULTS"
fault() { # fault NAME START END RECOVERED
  printf '{"fault": "%s", "start": %s, "end": %s, "recovered": %s}\n' "$1" "$2" "$3" "${4:-null}" >> "$FAULTS"
}

echo "Building..." # before the SMS hour is chosen: run.sh's own build is then a no-op
DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 dotnet build FollowUp.sln -c Release -v quiet -nologo | grep -E " error |FAILED" || true
source scripts/silo-r2r.sh; silo_publish_r2r # the silos run.sh and add-silo start (ReadyToRun)
SMS_AT=$(( ( $(date +%s) / 60 + LEAD_MINUTES ) * 60 ))
export FollowUp__Protocol__SmsTime="$(TZ=Europe/Paris date -d "@$SMS_AT" +%H:%M)" FollowUp__Protocol__SmsLatest=23:59
export FollowUp__Protocol__SmsDays="Mon,Tue,Wed,Thu,Fri,Sat,Sun" FollowUp__Protocol__SmsOnHolidays=true
TODAY=$(TZ=Europe/Paris date +%F); INCLUDED=$(TZ=Europe/Paris date -d "$TODAY -2 days" +%F); LANDLINE=$(TZ=Europe/Paris date -d "$TODAY -3 days" +%F)

PIDS=()
cleanup() {
  touch "$OUT/stop"
  [ -f "$OUT/add-silo-3.pid" ] && kill -TERM "$(cat "$OUT/add-silo-3.pid")" 2>/dev/null || true
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT
FOLLOWUP_SKIP_BUILD=1 ./run.sh > "$OUT/run.log" 2>&1 & # built just above
PIDS+=($!)
for _ in $(seq 1 900); do curl -fs "$WEB/health/ready" >/dev/null 2>&1 && break; kill -0 "${PIDS[0]}" || { tail "$OUT/run.log"; exit 1; }; sleep 1; done
curl -fs "$WEB/health/ready" >/dev/null || { echo "The platform is not ready; see $OUT/run.log" >&2; exit 1; }
KEY=$(cat .data/api-key)
api() { curl -fsS -H "Authorization: Bearer $KEY" -H "Content-Type: application/json" "$@"; }

# Two more silos join (ports fixed per slot so a killed silo restarts on its own address).
declare -A SLOT_PID SLOT_PORT
start_silo() { # start_silo SLOT: ./run.sh add-silo on the slot's ports; returns once the silo is ready
  local slot=$1 port=$((SLOT_SILO_PORT + $1 - 1))
  # The slot's last run: its add-silo output and silo log are rewritten at each start, so they are kept here first.
  [ -f "$OUT/add-silo-$slot.log" ] && cat "$OUT/add-silo-$slot.log" ".data/silo-add-$port.log" >> "$OUT/slot-$slot-earlier.log" 2>/dev/null || true
  FollowUp__Silo__Port=$port FollowUp__Silo__GatewayPort=$((SLOT_GATEWAY_PORT + slot - 1)) FollowUp__Silo__HealthPort=$((SLOT_HEALTH_PORT + slot - 1)) \
    ./run.sh add-silo > "$OUT/add-silo-$slot.log" 2>&1 &
  SLOT_PID[$slot]=$!; SLOT_PORT[$slot]=$port; PIDS+=($!)
  local until=$(( $(date +%s) + 240 )) # by the clock: at load 80 each curl alone takes a second or more
  while [ "$(date +%s)" -lt "$until" ]; do
    curl -fs -m 5 "http://127.0.0.1:$((SLOT_HEALTH_PORT + slot - 1))/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "${SLOT_PID[$slot]}" 2>/dev/null || break
    sleep 0.25
  done
  echo "Silo slot $slot not ready; see $OUT/add-silo-$slot.log and $OUT/slot-$slot-earlier.log" >&2; return 1
}
start_silo 1; start_silo 2
echo "3 silos: $(q "SELECT count(*) FROM orleansmembershiptable WHERE status = 3") active in PostgreSQL's membership table"

# Open around the clock (the run may fall at night), operators.
api -X PUT "$WEB/api/settings/opening-hours" -d "$(python3 -c 'import json; print(json.dumps({"days": [{"open": "00:00:00", "close": "23:59:00"}] * 7, "openOnHolidays": True}))')" >/dev/null \
  || echo "warning: opening hours not set (see README's format)" >&2
for i in $(seq 0 $((OPERATORS - 1))); do
  api -X POST "$WEB/api/users" -d "{\"userName\":\"chaos-op-$i\",\"displayName\":\"Op $i\",\"role\":\"Operator\",\"password\":\"chaos-operator-pass-$i-$RANDOM\"}" >/dev/null
done

CSV="$OUT/persons.csv"
{ echo "externalId;kind;lastName;firstName;phone;department;inclusionDate"
  seq 0 $((N - 1)) | awk -v d="$INCLUDED" -v l="$LANDLINE" '{ if ($1 % 10 == 9) printf "chaos-%d;contact;Durand;Lea;+334910%05d;13;%s\n", $1, $1 % 100000, l;
                                                          else printf "chaos-%d;contact;Durand;Lea;+3361%07d;13;%s\n", $1, $1, d }'; } > "$CSV"
echo "Importing $N persons (J2 SMS at $FollowUp__Protocol__SmsTime Paris)..."
LOC=$(curl -fs -D - -o /dev/null -H "Authorization: Bearer $KEY" -H "Content-Type: text/csv" --data-binary @"$CSV" "$WEB/api/imports" | awk 'tolower($1)=="location:" { print $2 }' | tr -d '\r')
while [ "$(curl -fs -H "Authorization: Bearer $KEY" "$WEB$LOC" | grep -o '"status":"[a-z]*"')" = '"status":"running"' ]; do sleep 1; done
echo "Import: $(curl -fs -H "Authorization: Bearer $KEY" "$WEB$LOC" | grep -o '"accepted":[0-9]*,"duplicates":[0-9]*,"rejected":[0-9]*')"

# The operators start 20 s before the SMS hour and talk long enough for their N/10 calls to last through the kills
# (KILLS x (KILL_EVERY + ~30 s of restart)), so outcomes are in flight at the kills and the PostgreSQL restart.
TALK="${FOLLOWUP_CHAOS_TALK_SECONDS:-$(python3 -c "print(round($KILLS * ($KILL_EVERY + 30) * $OPERATORS / max(1, $N // 10), 2))")}"
echo "Operators: $OPERATORS, from 20 s before the SMS hour, talking $TALK s per call on average"
python3 scripts/chaos_operators.py --base "$WEB" --key "$KEY" --operators "$OPERATORS" --log "$OUT/operators.jsonl" --stop "$OUT/stop" \
  --talk-seconds "$TALK" --start "$((SMS_AT - 20))" &
PIDS+=($!)
now_s=$(date +%s); [ "$now_s" -lt "$SMS_AT" ] && { echo "Waiting $((SMS_AT - now_s)) s for the SMS hour..."; sleep $((SMS_AT - now_s)); }

wait_ready() { # wait_ready URL: the instant it answers 200 (empty after 300 s)
  for _ in $(seq 1 1200); do curl -fs -m 2 "$1" >/dev/null 2>&1 && { now; return 0; }; sleep 0.25; done; echo null
}
accepted() { curl -fs -m 5 "$FAKE/fake/stats" | grep -o '"accepted":[0-9]*' | cut -d: -f2; }

# The OVH outage at the SMS hour; recovered = the first job accepted after it ends.
t0=$(now); curl -fs -X POST -H "Content-Type: application/json" "$FAKE/fake/fail" -d '{"seconds":60,"mode":"mixed"}' >/dev/null
( sleep 60; t1=$(now); a=$(accepted); r=null
  for _ in $(seq 1 600); do [ "$(accepted)" -gt "$a" ] && { r=$(now); break; }; [ "$(q "SELECT count(*) FROM sms_messages WHERE provider_id IS NULL")" = 0 ] && { r=$(now); break; }; sleep 0.5; done
  fault "OVH down 60 s (500 + hung)" "$t0" "$t1" "$r"
  for _ in 1 2 3; do curl -fs -X POST -H "Content-Type: application/json" "$FAKE/fake/faults" -d '{"method":"POST","loseResponse":true}' >/dev/null; done
  t2=$(now); for _ in $(seq 1 600); do [ "$(curl -fs "$FAKE/fake/stats" | grep -o '"lostResponses":[0-9]*' | cut -d: -f2)" -ge 3 ] && break; sleep 0.5; done
  fault "OVH accepts, answer lost (×3)" "$t2" "$(now)" "$(now)" ) &
PIDS+=($!)

# PostgreSQL restart 90 s in; add-silo 110 s in; kills every KILL_EVERY s.
( sleep 90; t0=$(now); as_pg "$(pg_bin)/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 restart >/dev/null 2>&1; t1=$(now)
  fault "pg_ctl restart -m fast" "$t0" "$t1" "$(wait_ready "$WEB/health/ready")" ) &
PIDS+=($!)
( sleep 110; t0=$(now); FollowUp__Silo__Port=$((SLOT_SILO_PORT + 2)) FollowUp__Silo__GatewayPort=$((SLOT_GATEWAY_PORT + 2)) \
  FollowUp__Silo__HealthPort=$((SLOT_HEALTH_PORT + 2)) ./run.sh add-silo > "$OUT/add-silo-3.log" 2>&1 & echo $! > "$OUT/add-silo-3.pid"; t1=$(now)
  fault "./run.sh add-silo" "$t0" "$t1" "$(wait_ready "http://127.0.0.1:$((SLOT_HEALTH_PORT + 2))/health/ready")"; wait ) &
PIDS+=($!)
for k in $(seq 1 "$KILLS"); do
  slot=$(( (k % 2) + 1 ))
  pid=$(pgrep -f "FollowUp.Silo.dll" -P "${SLOT_PID[$slot]}" | head -1 || true)
  # Where the start of the silo about to be killed went (its log is rewritten at each restart): kept in restarts.log.
  sed -n "s/^Silo ready: .*\. Started in/slot $slot, before kill $k: started in/p" ".data/silo-add-${SLOT_PORT[$slot]}.log" >> "$OUT/restarts.log" || true
  t0=$(now)
  [ -n "$pid" ] && kill -9 "$pid"
  wait "${SLOT_PID[$slot]}" 2>/dev/null || true
  start_silo "$slot" || true
  fault "kill -9 silo + restart" "$t0" "$t0" "$(now)"
  sleep "$KILL_EVERY"
done

for slot in 1 2 3; do sed -n "s/^Silo ready: .*\. Started in/slot $slot, last start: started in/p" \
  ".data/silo-add-$((SLOT_SILO_PORT + slot - 1)).log" >> "$OUT/restarts.log" 2>/dev/null || true; done
echo "Faults done; waiting until nothing is due..."
for _ in $(seq 1 1800); do
  unsent=$(q "SELECT count(*) FROM persons p WHERE p.external_id LIKE 'chaos-%' AND p.phone LIKE '+336%' AND NOT EXISTS (SELECT 1 FROM sms_messages s WHERE s.person_id = p.id AND s.provider_id IS NOT NULL)")
  due=$(q "SELECT count(*) FROM due_calls WHERE due_at <= now() AND claimed_by IS NULL")
  late=$(q "SELECT count(*) FROM persons WHERE next_wake_at < now() - interval '1 minute'")
  [ "$unsent" = 0 ] && [ "$due" = 0 ] && [ "$late" = 0 ] && break
  sleep 1
done
echo "Left: $unsent SMS not sent, $due calls due unclaimed, $late persons with a wake in the past"
sleep 5 # the last delivery reports (sent 200 ms after each job)
touch "$OUT/stop"; sleep 2
python3 scripts/chaos_check.py --fake "$FAKE" --ops-log "$OUT/operators.jsonl" --faults "$FAULTS" --persons "$N"
