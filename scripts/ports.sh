#!/usr/bin/env bash
# Free local ports for the benchmarks that start ./run.sh (burst, chaos) while another checkout's platform may run.
# Sourced; defines pick_port. Ports it picks are remembered, so two picks never return the same one.
CHOSEN_PORTS=" "

port_in_use() { # port_in_use PORT: something listens on it (any address) or it was already picked in this shell
  [[ "$CHOSEN_PORTS" == *" $1 "* ]] && return 0
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
  ss -Hltn "sport = :$1" 2>/dev/null | grep -q .
}

pick_port() { # pick_port VAR FIRST [COUNT]: VAR unless already set = the first port from FIRST with COUNT (1) free in a row
  local var=$1 p i ok count="${3:-1}"
  if [ -n "${!var:-}" ]; then CHOSEN_PORTS+="${!var} "; return 0; fi
  for p in $(seq "$2" $(($2 + 400))); do
    ok=1; for i in $(seq 0 $((count - 1))); do port_in_use $((p + i)) && { ok=0; break; }; done
    [ "$ok" = 1 ] || continue
    for i in $(seq 0 $((count - 1))); do CHOSEN_PORTS+="$((p + i)) "; done
    printf -v "$var" '%s' "$p"; export "${var?}"; return 0
  done
  echo "No $count free port(s) in a row from $2 for $var" >&2; return 1
}
