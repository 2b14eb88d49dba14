#!/usr/bin/env bash
# Local PostgreSQL for run.sh and test.sh: installs the server if missing (apt), creates a cluster under
# .data/pg (port 55432 unless PGPORT_FOLLOWUP is set; the next free port when another server holds 55432) and starts it. Sourced; defines pg_up and pg_url.
set -euo pipefail

FOLLOWUP_ROOT="${FOLLOWUP_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
PG_PORT="${PGPORT_FOLLOWUP:-55432}"
PG_DATA="$FOLLOWUP_ROOT/.data/pg"
PG_USER=followup
PG_PASSWORD_FILE="$FOLLOWUP_ROOT/.data/pg-password"
# max_connections of the local cluster: the connection budget (FollowUp:Database:*) must fit in it.
PG_MAX_CONNECTIONS="${FOLLOWUP_PG_MAX_CONNECTIONS:-300}"
# PostgreSQL's own group commit, durable (fsync and synchronous_commit stay on): a commit that finds 5 others in flight
# waits 1 ms so that one WAL flush makes them all durable (the silo's GroupCommit already folds most writes).
PG_GROUP_COMMIT="-c commit_delay=1000 -c commit_siblings=5"
# Checkpoints spaced for the SMS hour's wave: with the default max_wal_size (1 GB) the 250,000-person wave began 7
# checkpoints, and every page first touched after each one goes into the WAL whole (16 KB of WAL per SMS against 6 KB
# with none); those full-page images are compressed too. Crash recovery replays at most this much WAL.
PG_CHECKPOINTS="-c max_wal_size=4GB -c checkpoint_timeout=15min -c wal_compression=lz4"
# PostgreSQL's buffer cache: a quarter of the machine's memory, 128 MB to 4 GB. With 256 MB, a wave on a node following a
# million persons evicted dirty pages from every backend (a third of the CPU time in I/O wait, the activation read 5 times
# slower than with 250,000 followed).
PG_SHARED_BUFFERS_MB="${FOLLOWUP_PG_SHARED_BUFFERS_MB:-$(awk '/MemTotal/ { m = int($2 / 4096); print (m < 128 ? 128 : m > 4096 ? 4096 : m) }' /proc/meminfo)}"

pg_bin() { # explicit statuses: a bare "return" in a trap handler (pg_down on Ctrl-C) returns the interrupted command's
  local d
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && { echo "$d"; return 0; }; done
  command -v initdb >/dev/null 2>&1 && dirname "$(command -v initdb)" && return 0
  return 1
}

as_pg() { # run a command as the owner of the cluster (initdb refuses root)
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_up() {
  local bin
  if ! bin=$(pg_bin); then
    source "$FOLLOWUP_ROOT/scripts/deps.sh"
    apt_install "the local PostgreSQL server, run as you under .data/pg" postgresql || return 1
    bin=$(pg_bin)
  fi
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then useradd --system --home /var/lib/postgresql postgres; fi
  mkdir -p "$FOLLOWUP_ROOT/.data"
  if [ ! -f "$PG_PASSWORD_FILE" ]; then head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$PG_PASSWORD_FILE"; chmod 600 "$PG_PASSWORD_FILE"; fi
  if [ ! -f "$PG_DATA/PG_VERSION" ]; then
    mkdir -p "$PG_DATA"
    [ "$(id -u)" = 0 ] && chown postgres "$PG_DATA" && chmod 700 "$PG_DATA"
    local pwfile; pwfile=$(mktemp); cat "$PG_PASSWORD_FILE" > "$pwfile"; chmod 644 "$pwfile"
    as_pg "$bin/initdb" -D "$PG_DATA" -U "$PG_USER" --pwfile="$pwfile" -A scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$pwfile"
    cat >> "$PG_DATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '/tmp'
max_connections = 300
shared_buffers = 256MB
fsync = on
CONF
  fi
  if ! as_pg "$bin/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
    if port_taken "$PG_PORT"; then
      # Another server (e.g. another checkout's) holds the port: take the next free one unless it was asked for.
      [ -n "${PGPORT_FOLLOWUP:-}" ] && { echo "Port $PG_PORT is taken by another server: stop it or choose another PGPORT_FOLLOWUP." >&2; return 1; }
      local p wanted=$PG_PORT; for p in $(seq $((PG_PORT + 1)) $((PG_PORT + 100))); do port_taken "$p" || { PG_PORT=$p; break; }; done
      echo "Port $wanted is taken: the local PostgreSQL uses port $PG_PORT." >&2
    fi
    as_pg "$bin/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -o "-p $PG_PORT -c max_connections=$PG_MAX_CONNECTIONS -c shared_buffers=${PG_SHARED_BUFFERS_MB}MB $PG_GROUP_COMMIT $PG_CHECKPOINTS" -w -t 60 start >/dev/null \
      || { echo "PostgreSQL did not start; see $PG_DATA/server.log" >&2; tail -3 "$PG_DATA/server.log" >&2; return 1; }
  fi
  PG_PORT=$(sed -n 4p "$PG_DATA/postmaster.pid") # the port the running cluster listens on
}

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pg_running() { local bin; bin=$(pg_bin) && [ -f "$PG_DATA/PG_VERSION" ] && as_pg "$bin/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; }

pg_down() {
  local bin; bin=$(pg_bin) || return 0
  [ -f "$PG_DATA/PG_VERSION" ] || return 0
  pg_running || return 0
  as_pg "$bin/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop >/dev/null 2>&1 \
    || as_pg "$bin/pg_ctl" -D "$PG_DATA" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
}

# pg_url DBNAME: an Npgsql connection string to DBNAME on the local cluster.
pg_url() { echo "Host=127.0.0.1;Port=$PG_PORT;Username=$PG_USER;Password=$(cat "$PG_PASSWORD_FILE");Database=$1"; }

# pg_psql DBNAME SQL
pg_psql() { PGPASSWORD="$(cat "$PG_PASSWORD_FILE")" psql -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d "$1" -v ON_ERROR_STOP=1 -qAt -c "$2"; }
