#!/usr/bin/env bash
# Least privilege on the local cluster (sourced after scripts/pg.sh): the platform connects as followup_app, which may
# read and write rows but cannot create, alter or drop tables (only the owner, "followup", who runs the migrations, can),
# and cannot UPDATE/DELETE the append-only access_log and person_events (the purge goes through SECURITY DEFINER functions).
set -euo pipefail

PG_APP_USER=followup_app
PG_APP_PASSWORD_FILE="$FOLLOWUP_ROOT/.data/pg-app-password"

# pg_app_role DBNAME: creates the role once, (re)grants after the migrations (idempotent: run after each --migrate-only).
pg_app_role() {
  [ -f "$PG_APP_PASSWORD_FILE" ] || { head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$PG_APP_PASSWORD_FILE"; chmod 600 "$PG_APP_PASSWORD_FILE"; }
  local pw; pw=$(cat "$PG_APP_PASSWORD_FILE")
  pg_psql postgres "DO \$\$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_APP_USER') THEN CREATE ROLE $PG_APP_USER LOGIN PASSWORD '$pw'; END IF;
    END \$\$"
  pg_psql "$1" "
    REVOKE CREATE ON SCHEMA public FROM PUBLIC;
    GRANT CONNECT ON DATABASE \"$1\" TO $PG_APP_USER;
    GRANT USAGE ON SCHEMA public TO $PG_APP_USER;
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO $PG_APP_USER;
    REVOKE UPDATE, DELETE, TRUNCATE ON access_log, person_events FROM $PG_APP_USER;
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO $PG_APP_USER;
    GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO $PG_APP_USER;"
}

# pg_app_url DBNAME: the platform's connection string (least-privilege role).
pg_app_url() { echo "Host=127.0.0.1;Port=$PG_PORT;Username=$PG_APP_USER;Password=$(cat "$PG_APP_PASSWORD_FILE");Database=$1"; }
