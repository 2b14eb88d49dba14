#!/usr/bin/env bash
# Runs the platform: local PostgreSQL (unless FOLLOWUP_DB is given), db/ migrations, N silos and the web.
#   ./run.sh                 one silo + web on http://127.0.0.1:5080 (FOLLOWUP_PORT to change)
#   ./run.sh --silos 2       two silos in the same cluster (silo i: ports 11111+i, gateway 30000+i, health 5090+i;
#                            FOLLOWUP_SILO_PORT, FOLLOWUP_GATEWAY_PORT, FOLLOWUP_SILO_HEALTH_PORT change the first ones;
#                            FOLLOWUP_OVH_FAKE_PORT the OVH fake's 5081)
#   ./run.sh --simulate      simulation mode: virtual clock, own database emptied at each start
#   ./run.sh add-silo        from another terminal: one more silo joins the running cluster (Ctrl-C: it leaves)
# Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")"
SILOS=1; SIMULATE=0
if [ "${1:-}" = add-silo ]; then shift; exec scripts/add-silo.sh "$@"; fi
while [ $# -gt 0 ]; do
  case "$1" in
    --silos) SILOS="$2"; shift 2 ;;
    --simulate) SIMULATE=1; shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "Unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done
PORT="${FOLLOWUP_PORT:-5080}"
SILO_PORT="${FOLLOWUP_SILO_PORT:-11111}" GATEWAY_PORT="${FOLLOWUP_GATEWAY_PORT:-30000}" HEALTH_PORT="${FOLLOWUP_SILO_HEALTH_PORT:-5090}"
if [ "$SIMULATE" = 1 ] && [ "$SILOS" != 1 ]; then
  echo "--simulate runs one silo: the virtual clock lives in the silo process." >&2; exit 2
fi
mkdir -p .data
source scripts/deps.sh
need_cmd curl "run.sh waits for the web's /health/ready" curl ca-certificates
need_build_tools
source scripts/pg.sh
source scripts/pg-roles.sh

STARTED_PG=0
if [ -z "${FOLLOWUP_DB:-}" ]; then
  pg_up; STARTED_PG=1
  if [ "$SIMULATE" = 1 ]; then
    pg_psql postgres "DROP DATABASE IF EXISTS followup_sim WITH (FORCE)"
    DB="$(pg_url followup_sim)"; DB_NAME=followup_sim
  else
    DB="$(pg_url followup)"; DB_NAME=followup
  fi
else
  DB="$FOLLOWUP_DB"
  [ "$SIMULATE" = 1 ] && { echo "--simulate uses its own local database; unset FOLLOWUP_DB." >&2; exit 2; }
fi

secret() { # secret FILE: a generated value kept under .data (never in the repo)
  [ -f "$1" ] || { head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$1"; chmod 600 "$1"; }
  cat "$1"
}
export FOLLOWUP_API_KEY="${FOLLOWUP_API_KEY:-$(secret .data/api-key)}"
export FOLLOWUP_ADMIN_USER="${FOLLOWUP_ADMIN_USER:-admin}"
export FOLLOWUP_ADMIN_PASSWORD="${FOLLOWUP_ADMIN_PASSWORD:-$(secret .data/admin-password)}"
export FollowUp__Database__ConnectionString="$DB"
# The web's Data Protection key ring is encrypted at rest with this certificate (self-signed here; the agency's PKI in
# production): made once, kept under .data with its password, like the other generated secrets.
if [ -z "${FollowUp__Security__KeyRingCertificate:-}" ]; then
  KEYRING_PASSWORD="$(secret .data/keyring-password)"
  if [ ! -f .data/keyring.pfx ]; then
    need_cmd openssl "a self-signed certificate for the web's key ring" openssl
    openssl req -x509 -newkey rsa:3072 -nodes -days 3650 -subj "/CN=FollowUp key ring" -keyout .data/keyring.key -out .data/keyring.crt 2>/dev/null
    openssl pkcs12 -export -inkey .data/keyring.key -in .data/keyring.crt -out .data/keyring.pfx -passout "pass:$KEYRING_PASSWORD"
    rm -f .data/keyring.key; chmod 600 .data/keyring.pfx
  fi
  export FollowUp__Security__KeyRingCertificate="$PWD/.data/keyring.pfx" FollowUp__Security__KeyRingCertificatePassword="$KEYRING_PASSWORD"
fi
export FollowUp__PublicBaseUrl="${FollowUp__PublicBaseUrl:-http://127.0.0.1:$PORT}"
if [ "$SIMULATE" = 1 ]; then
  export FollowUp__Simulation__Enabled=true
  export FollowUp__Simulation__Start="${FollowUp__Simulation__Start:-$(date -u +%Y-%m-%dT07:00:00Z)}"
fi
# SMS: the local OVH-compatible fake unless a real OVH account is configured (FollowUp__Sms__Provider=Ovh + keys).
OVH_FAKE=0
if [ -z "${FollowUp__Sms__Provider:-}" ]; then
  OVH_FAKE=1
  OVH_PORT="${FOLLOWUP_OVH_FAKE_PORT:-5081}"
  DLR_SECRET="$(secret .data/dlr-secret)"
  export FollowUp__Sms__Provider=Ovh
  export FollowUp__Sms__Ovh__Endpoint="http://127.0.0.1:$OVH_PORT/1.0"
  export FollowUp__Sms__Ovh__ApplicationKey="$(secret .data/ovh-fake-ak)" FollowUp__Sms__Ovh__ConsumerKey="$(secret .data/ovh-fake-ck)"
  export FollowUp__Sms__Ovh__ApplicationSecret="$(secret .data/ovh-fake-secret)"
  export FollowUp__Sms__Ovh__ServiceName="sms-local-1" FollowUp__Sms__Sender="ARS-SUIVI"
  export FollowUp__Sms__Ovh__InboxPollSeconds=5
  export FollowUp__Sms__DeliveryReportSecret="$DLR_SECRET"
  export FollowUp__Sms__FakeInboxUrl="http://127.0.0.1:$OVH_PORT/fake/messages"
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if [ -z "${FOLLOWUP_SKIP_BUILD:-}" ]; then # set by the benchmarks that have just built
  echo "Building..."
  dotnet build FollowUp.sln -c Release -v quiet -nologo | grep -E "error|Warn|FAILED" || true
fi
source scripts/silo-r2r.sh # the silo compiled ahead of time (ReadyToRun): a restarted silo is ready sooner
[ -z "${FOLLOWUP_SKIP_BUILD:-}" ] && silo_publish_r2r
SILO_DLL=$(silo_dll)
dotnet "$SILO_DLL" --migrate-only # as the owner
if [ "$STARTED_PG" = 1 ]; then
  # Least privilege: silos and web run as followup_app (rows only; no ALTER/DROP); the owner only migrates.
  pg_app_role "$DB_NAME"
  export FollowUp__Database__ConnectionString="$(pg_app_url "$DB_NAME")"
fi

PIDS=()
cleanup() {
  trap - INT TERM EXIT
  echo; echo "Stopping..."
  # In reverse order of start: the web first, then the silos (they finish their work), the OVH fake last.
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    kill "${PIDS[i]}" 2>/dev/null || true
    wait "${PIDS[i]}" 2>/dev/null || true
  done
  [ "$STARTED_PG" = 1 ] && pg_down
  echo "Stopped."
}
trap cleanup INT TERM EXIT

if [ "$OVH_FAKE" = 1 ]; then
  OvhFake__ApplicationKey="$FollowUp__Sms__Ovh__ApplicationKey" OvhFake__ConsumerKey="$FollowUp__Sms__Ovh__ConsumerKey" \
  OvhFake__ApplicationSecret="$FollowUp__Sms__Ovh__ApplicationSecret" \
  OvhFake__DeliveryReportUrl="http://127.0.0.1:$PORT/sms/dlr/$DLR_SECRET" ASPNETCORE_URLS="http://127.0.0.1:$OVH_PORT" \
    dotnet src/OvhFake/bin/Release/net10.0/FollowUp.OvhFake.dll > .data/ovh-fake.log 2>&1 &
  PIDS+=($!)
fi
for i in $(seq 0 $((SILOS - 1))); do
  FollowUp__Silo__Port=$((SILO_PORT + i)) FollowUp__Silo__GatewayPort=$((GATEWAY_PORT + i)) FollowUp__Silo__HealthPort=$((HEALTH_PORT + i)) \
    dotnet "$SILO_DLL" > ".data/silo-$i.log" 2>&1 &
  PIDS+=($!)
done
ASPNETCORE_URLS="http://127.0.0.1:$PORT" dotnet run --project src/Web -c Release --no-build --no-launch-profile > .data/web.log 2>&1 &
PIDS+=($!)

for _ in $(seq 1 120); do
  if curl -fs "http://127.0.0.1:$PORT/health/ready" >/dev/null 2>&1; then break; fi
  for p in "${PIDS[@]}"; do kill -0 "$p" 2>/dev/null || { echo "A process stopped; see .data/*.log:" >&2; tail -5 .data/*.log >&2; exit 1; }; done
  sleep 1
done
curl -fs "http://127.0.0.1:$PORT/health/ready" >/dev/null || { echo "Not ready after 2 minutes; see .data/*.log" >&2; exit 1; }
cat <<MSG
FollowUp is running: http://127.0.0.1:$PORT  ($SILOS silo(s)$([ "$SIMULATE" = 1 ] && echo ", simulation mode"))
  First login: $FOLLOWUP_ADMIN_USER / $FOLLOWUP_ADMIN_PASSWORD   (used only when no administrator exists yet)
  API key (Authorization: Bearer): $FOLLOWUP_API_KEY
  SMS: $([ "$OVH_FAKE" = 1 ] && echo "local OVH fake on http://127.0.0.1:$OVH_PORT (received SMS: Admin > SMS reçus)" || echo "OVH ($FollowUp__Sms__Provider)")
  Logs: .data/silo-*.log, .data/web.log, .data/ovh-fake.log.  Ctrl-C to stop.
MSG
wait
