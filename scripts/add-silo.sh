#!/usr/bin/env bash
# ./run.sh add-silo: one more silo joins the running cluster, from another terminal (or another host).
#   Same host: finds the running local PostgreSQL (.data/pg) and the local OVH fake's settings that run.sh uses.
#   Another host: FOLLOWUP_DB gives the connection string, FollowUp__Silo__AdvertisedAddress the address other hosts
#   reach this one at, and the FollowUp__Sms__* settings (or the same .data secrets) the SMS account.
# Picks free ports (silo from 11111, gateway from 30000, health from 5090) unless FollowUp__Silo__Port / GatewayPort /
# HealthPort are set, prints the silo's address, and leaves the cluster gracefully on Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/pg.sh

if [ -n "${FOLLOWUP_DB:-}" ]; then
  DB="$FOLLOWUP_DB"
elif pg_running; then
  PG_PORT=$(sed -n 4p "$PG_DATA/postmaster.pid")
  DB="$(pg_url followup)"
else
  echo "No running cluster found: start ./run.sh first (or give FOLLOWUP_DB on another host)." >&2; exit 1
fi
ADDRESS="${FollowUp__Silo__AdvertisedAddress:-127.0.0.1}"

port_free() { ! (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null && ! ss -Hltn "sport = :$2" 2>/dev/null | grep -q .; }
free_port() { # free_port ADDRESS FIRST: the first port from FIRST nobody listens on
  local p; for p in $(seq "$2" $(($2 + 200))); do port_free "$1" "$p" && { echo "$p"; return 0; }; done
  echo "No free port from $2" >&2; return 1
}
export FollowUp__Database__ConnectionString="$DB"
export FollowUp__Silo__AdvertisedAddress="$ADDRESS"
export FollowUp__Silo__Port="${FollowUp__Silo__Port:-$(free_port "$ADDRESS" 11111)}"
export FollowUp__Silo__GatewayPort="${FollowUp__Silo__GatewayPort:-$(free_port "$ADDRESS" 30000)}"
export FollowUp__Silo__HealthPort="${FollowUp__Silo__HealthPort:-$(free_port 127.0.0.1 5090)}"
export FollowUp__PublicBaseUrl="${FollowUp__PublicBaseUrl:-http://127.0.0.1:${FOLLOWUP_PORT:-5080}}"
# SMS: the same local OVH fake as run.sh unless an SMS provider is configured.
if [ -z "${FollowUp__Sms__Provider:-}" ] && [ -f .data/ovh-fake-ak ]; then
  OVH_PORT="${FOLLOWUP_OVH_FAKE_PORT:-5081}"
  export FollowUp__Sms__Provider=Ovh FollowUp__Sms__Ovh__Endpoint="http://127.0.0.1:$OVH_PORT/1.0"
  export FollowUp__Sms__Ovh__ApplicationKey="$(cat .data/ovh-fake-ak)" FollowUp__Sms__Ovh__ConsumerKey="$(cat .data/ovh-fake-ck)"
  export FollowUp__Sms__Ovh__ApplicationSecret="$(cat .data/ovh-fake-secret)"
  export FollowUp__Sms__Ovh__ServiceName="sms-local-1" FollowUp__Sms__Sender="ARS-SUIVI" FollowUp__Sms__Ovh__InboxPollSeconds=5
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
source scripts/silo-r2r.sh
[ -f "$SILO_BUILD_DLL" ] || dotnet build src/Silo/Silo.csproj -c Release -v quiet -nologo | grep -E "error|FAILED" || true
DLL=$(silo_dll) # ReadyToRun when ./run.sh has published it from this build

mkdir -p .data
LOG=".data/silo-add-$FollowUp__Silo__Port.log"
dotnet "$DLL" > "$LOG" 2>&1 &
SILO=$!
leave() {
  trap - INT TERM
  echo; echo "Leaving the cluster (graceful shutdown)..."
  kill -TERM "$SILO" 2>/dev/null || true
  wait "$SILO" 2>/dev/null || true
  echo "Silo $ADDRESS:$FollowUp__Silo__Port left the cluster."
  exit 0
}
trap leave INT TERM
# Waits as long as the silo runs: on a starved host joining can take minutes, and a silo given up on would be one fewer.
started=$(date +%s); told=$started
until curl -fs "http://127.0.0.1:$FollowUp__Silo__HealthPort/health/ready" >/dev/null 2>&1; do
  kill -0 "$SILO" 2>/dev/null || { echo "The silo stopped; see $LOG:" >&2; tail -5 "$LOG" >&2; exit 1; }
  if [ $(( $(date +%s) - told )) -ge 60 ]; then told=$(date +%s); echo "Still joining after $(( told - started )) s; see $LOG" >&2; fi
  sleep 1
done
cat <<MSG
Silo joined the cluster: $ADDRESS:$FollowUp__Silo__Port (gateway $ADDRESS:$FollowUp__Silo__GatewayPort, health http://127.0.0.1:$FollowUp__Silo__HealthPort/health/ready)
  Log: $LOG.  Ctrl-C to leave the cluster.
MSG
wait "$SILO"
