#!/usr/bin/env bash
# All tests: local PostgreSQL (fresh test database server-side per fixture), Debian chromium for browser tests,
# then dotnet test on the solution. Ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
source scripts/pg.sh
was_running=0; pg_running && was_running=1
pg_up || { echo "0 passed, 1 failed"; echo "PostgreSQL could not be started" >&2; exit 1; }

source scripts/deps.sh
need_cmd chromium "the browser tests drive Debian's chromium" chromium || echo "warning: chromium could not be installed" >&2
need_build_tools || { echo "0 passed, 1 failed"; exit 1; }

# Databases left by earlier runs are dropped: each fixture creates its own.
for db in $(pg_psql postgres "SELECT datname FROM pg_database WHERE datname LIKE 't\_%' OR datname LIKE 'test\_%' OR datname LIKE 'silo\_%' OR datname LIKE 'web\_%'"); do
  pg_psql postgres "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" || true
done

export FOLLOWUP_TEST_DB="$(pg_url postgres)"
[ "$was_running" = 1 ] || trap pg_down EXIT  # leave the machine as we found it
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log=$(mktemp)
dotnet build FollowUp.sln -c Release -v quiet -nologo 2>&1 | grep -E "error|Build succeeded|FAILED" | sort -u
# One test assembly at a time (-m:1): the silo tests start real-clock clusters whose load would otherwise starve the
# browser tests running beside them on a 2-core machine.
dotnet test FollowUp.sln -c Release --no-build -m:1 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Sum the per-project summaries ("Passed!  - Failed:     0, Passed:    80, ...").
passed=0; failed=0
while read -r f p; do failed=$((failed + f)); passed=$((passed + p)); done < <(
  sed -nE 's/.*Failed: +([0-9]+), Passed: +([0-9]+),.*/\1 \2/p' "$log")
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
