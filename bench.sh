#!/usr/bin/env bash
# Benchmarks (not tests): ./bench.sh next-call [dueCalls operators reservations] | import [lines...] | dashboard [outcomes] | memory [persons] | netns [persons] | burst N | chaos [N] | million [N]
# Starts the local PostgreSQL like run.sh, prints a table of latencies as ratios to a baseline of the same run.
set -euo pipefail
cd "$(dirname "$0")"
[ "${1:-}" = netns ] && { shift; exec scripts/netns-silo.sh "$@"; } # a silo in its own network namespace joins the cluster
[ "${1:-}" = burst ] && { shift; exec scripts/burst.sh "$@"; } # the 09:00 wave on the production path (run.sh)
[ "${1:-}" = chaos ] && { shift; exec scripts/chaos.sh "$@"; } # faults injected during the wave, invariants checked (issue 13)
[ "${1:-}" = million ] && { shift; exec scripts/million.sh "$@"; } # a million persons on one node: import, memory, restart
source scripts/pg.sh
was_running=0; pg_running && was_running=1
pg_up
[ "$was_running" = 1 ] || trap pg_down EXIT
export FOLLOWUP_BENCH_DB="$(pg_url postgres)" FOLLOWUP_BENCH_PGDATA="$PG_DATA" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build bench/Bench.csproj -c Release -v quiet -nologo | grep -E "error|FAILED" || true
dotnet bench/bin/Release/net10.0/FollowUp.Bench.dll "$@"
