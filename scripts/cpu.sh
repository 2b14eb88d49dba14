#!/usr/bin/env bash
# CPU-seconds per process of a run (robust on a shared machine, unlike wall-clock rates). Sourced by scripts/burst.sh.
#   cpu_snapshot RUN_PID PG_DATA [OPS_PID]  prints "name ticks" lines: silo (each FollowUp.Silo under RUN_PID, summed),
#     web, ovh-fake, postgres (the cluster's postmaster with its reaped children, plus its live backends) and
#     operators (the bench process OPS_PID), from utime+stime of /proc/PID/stat (ticks of 1/CLK_TCK s).
#   cpu_table BEFORE AFTER COUNT UNIT [BG_BEFORE BG_AFTER BG_SECONDS SECONDS]  prints table rows
#     "| CPU ms per UNIT: name | ms (s total) |", and the total; with a background window, also net of its rate.
cpu_ticks() { # cpu_ticks PID [WITH_CHILDREN]: utime+stime (+cutime+cstime of reaped children) of PID, 0 when gone
  local stat; stat=$(cat "/proc/$1/stat" 2>/dev/null) || { echo 0; return 0; }
  stat=${stat##*) } # fields after the command name (which may hold spaces): state is field 3
  awk -v c="${2:-0}" '{ t = $12 + $13; if (c) t += $14 + $15; print t }' <<<"$stat"
}

cpu_descendants() { # cpu_descendants PID: PID and every process below it
  local p; echo "$1"; for p in $(pgrep -P "$1" 2>/dev/null || true); do cpu_descendants "$p"; done
}

cpu_snapshot() {
  local run=$1 pgdata=$2 ops=${3:-} p cmd name pm t
  declare -A sum=([silo]=0 [web]=0 [ovh-fake]=0 [postgres]=0 [operators]=0)
  for p in $(cpu_descendants "$run"); do
    cmd=$(tr '\0' ' ' 2>/dev/null < "/proc/$p/cmdline") || continue
    case "$cmd" in
      *FollowUp.Silo*) name=silo ;;
      *FollowUp.OvhFake*) name=ovh-fake ;;
      *FollowUp.Web*) name=web ;; # not "dotnet run --project src/Web", its parent
      *) continue ;;
    esac
    sum[$name]=$(( sum[$name] + $(cpu_ticks "$p") ))
  done
  pm=$(head -1 "$pgdata/postmaster.pid" 2>/dev/null || true)
  if [ -n "$pm" ]; then
    sum[postgres]=$(cpu_ticks "$pm" 1)
    for p in $(pgrep -P "$pm" 2>/dev/null || true); do sum[postgres]=$(( sum[postgres] + $(cpu_ticks "$p") )); done
  fi
  [ -n "$ops" ] && sum[operators]=$(cpu_ticks "$ops")
  for name in silo web ovh-fake postgres operators; do echo "$name ${sum[$name]}"; done
}

cpu_table() { # cpu_table BEFORE AFTER COUNT UNIT [BG_BEFORE BG_AFTER BG_SECONDS SECONDS]: with a background window (the
  # same processes before the work began), also the CPU net of that background's rate over SECONDS
  awk -v n="$3" -v unit="$4" -v hz="$(getconf CLK_TCK)" -v bgs="${7:-0}" -v s="${8:-0}" '
    FNR == 1 { f++ } # files by position: the background ends where the work starts (the same file)
    f == 1 { before[$1] = $2; next }
    f == 2 { d = ($2 - before[$1]) / hz; total += d; names[++k] = $1; sec[$1] = d; next }
    f == 3 { bg0[$1] = $2; next }
    bgs > 0 { bg[$1] = ($2 - bg0[$1]) / hz / bgs; bgtotal += bg[$1] }
    END {
      for (i = 1; i <= k; i++) {
        x = names[i]; net = bgs > 0 ? sprintf("; %.2f net of %.2f CPU-s/s before", 1000 * (sec[x] - bg[x] * s) / n, bg[x]) : ""
        printf "| CPU ms per %s: %s | %.2f (%.1f s%s) |\n", unit, x, 1000 * sec[x] / n, sec[x], net
      }
      net = bgs > 0 ? sprintf("; %.2f net of %.2f CPU-s/s before", 1000 * (total - bgtotal * s) / n, bgtotal) : ""
      printf "| CPU ms per %s: all processes | %.2f (%.1f s%s) |\n", unit, 1000 * total / n, total, net
    }' "$1" "$2" ${5:+"$5"} ${6:+"$6"}
}
