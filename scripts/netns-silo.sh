#!/usr/bin/env bash
# ./bench.sh netns [persons]: proves a silo on another "host" joins the cluster and serves grains.
# Creates a network namespace (fu-netns) joined to the host by a veth pair (host 10.213.0.1/24, namespace 10.213.0.2/24),
# a scratch PostgreSQL cluster (.data/pg-netns) listening on 127.0.0.1 and 10.213.0.1, one silo on the host advertising
# 10.213.0.1 and one silo inside the namespace advertising 10.213.0.2; an Orleans client then includes persons, checks
# the namespaced silo hosts and serves some, asks it to leave (SIGTERM) and checks all are still served.
# Traffic stays on the loopback and the veth pair. Needs root and iproute2 (`ip`); says so and exits 2 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
PERSONS="${1:-300}"
NS=fu-netns HOST_IF=fu-veth-h NS_IF=fu-veth-n HOST_IP=10.213.0.1 NS_IP=10.213.0.2
[ "$(id -u)" = 0 ] || { echo "SKIP: ./bench.sh netns needs root (ip netns, veth)." >&2; exit 2; }
command -v ip >/dev/null || { echo "SKIP: ./bench.sh netns needs iproute2 ('ip')." >&2; exit 2; }

source scripts/pg.sh
PG_DATA="$FOLLOWUP_ROOT/.data/pg-netns"
PG_PORT=55632
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
PIDS=()
cleanup() {
  trap - EXIT INT TERM
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  pg_down
  ip link del "$HOST_IF" 2>/dev/null || true
  ip netns del "$NS" 2>/dev/null || true
}
trap cleanup EXIT INT TERM

ip netns del "$NS" 2>/dev/null || true; ip link del "$HOST_IF" 2>/dev/null || true
ip netns add "$NS"
ip link add "$HOST_IF" type veth peer name "$NS_IF"
ip link set "$NS_IF" netns "$NS"
ip addr add "$HOST_IP/24" dev "$HOST_IF"; ip link set "$HOST_IF" up
ip netns exec "$NS" ip addr add "$NS_IP/24" dev "$NS_IF"
ip netns exec "$NS" ip link set "$NS_IF" up
ip netns exec "$NS" ip link set lo up
echo "Network namespace $NS: $NS_IP (host side $HOST_IP)"

pg_up
if ! grep -q "$HOST_IP" "$PG_DATA/postgresql.conf"; then
  echo "listen_addresses = '127.0.0.1,$HOST_IP'" >> "$PG_DATA/postgresql.conf"
  echo "host all all 10.213.0.0/24 scram-sha-256" >> "$PG_DATA/pg_hba.conf"
fi
as_pg "$(pg_bin)/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -o "-p $PG_PORT" -w -t 60 restart >/dev/null
pg_psql postgres "DROP DATABASE IF EXISTS followup_netns WITH (FORCE)"
CS="Host=$HOST_IP;Port=$PG_PORT;Username=$PG_USER;Password=$(cat "$PG_PASSWORD_FILE");Database=followup_netns"
CLUSTER="netns-$(date +%s)"

dotnet build FollowUp.sln -c Release -v quiet -nologo | grep -E " error |FAILED" || true
dotnet build bench/Bench.csproj -c Release -v quiet -nologo | grep -E " error |FAILED" || true
SILO_DLL=src/Silo/bin/Release/net10.0/FollowUp.Silo.dll
common=(FollowUp__Database__ConnectionString="$CS" FollowUp__Cluster__ClusterId="$CLUSTER" FollowUp__Sms__Provider=Fake)
env "${common[@]}" dotnet "$SILO_DLL" --migrate-only >/dev/null

mkdir -p .data
env "${common[@]}" FollowUp__Silo__AdvertisedAddress="$HOST_IP" FollowUp__Silo__Port=11311 FollowUp__Silo__GatewayPort=30300 \
  FollowUp__Silo__HealthPort=5390 dotnet "$SILO_DLL" > .data/netns-silo-host.log 2>&1 &
PIDS+=($!)
ip netns exec "$NS" env "${common[@]}" FollowUp__Silo__AdvertisedAddress="$NS_IP" FollowUp__Silo__Port=11312 FollowUp__Silo__GatewayPort=30301 \
  FollowUp__Silo__HealthPort=5391 dotnet "$SILO_DLL" > .data/netns-silo-ns.log 2>&1 &
NS_PID=$!
PIDS+=($NS_PID)

FOLLOWUP_BENCH_DB="$CS" dotnet bench/bin/Release/net10.0/FollowUp.Bench.dll netns-client "$CLUSTER" "$NS_IP" "$NS_PID" "$PERSONS"
rc=$?
grep -h "Silo ready" .data/netns-silo-*.log || true
exit $rc
