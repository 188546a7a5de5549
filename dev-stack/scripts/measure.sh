#!/usr/bin/env bash
# Measures what docs/running-locally.md reports: time from running ./chorus until it prints that it is
# ready, and the memory of the whole stack once ready (launcher JVM + three service JVMs + PostgreSQL).
#
#   dev-stack/scripts/measure.sh [runs] [extra ./chorus options]
#
# Each run uses a fresh data directory (--reset, cold) and then restarts on it (warm: PostgreSQL and Kafka
# keep their data). CPU: user+system seconds the stack's processes used until ready (does not depend on
# how busy the machine is, unlike the wall-clock time). Memory, right when ready: RSS summed from /proc/<pid>/status (VmRSS) and PSS from smaps_rollup (shared
# pages, e.g. PostgreSQL's shared buffers, counted once). Needs the jars built (./chorus builds them).
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3}
shift || true
dir=$(mktemp -d "${TMPDIR:-/tmp}/chorus-measure-XXXXXX")
pid=
# Stop a running stack before deleting its data directory (PostgreSQL needs it to shut down).
trap 'if [[ -n $pid ]]; then kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; fi; rm -rf "$dir"' EXIT

kb() { awk -v k="$2" '$1 == k":" {print $2}' "$1" 2>/dev/null || true; }

stack_pids() { # launcher pid -> launcher, its descendants, and PostgreSQL (pg_ctl detaches it)
  local launcher=$1 pg
  echo "$launcher"
  pgrep -P "$launcher" || true
  if [[ -f "$dir/data/pg/postmaster.pid" ]]; then
    pg=$(head -1 "$dir/data/pg/postmaster.pid")
    echo "$pg"
    pgrep -P "$pg" || true
  fi
}

measure_once() { # label, extra args...
  local label=$1; shift
  local out="$dir/out-$label.txt" start end rss=0 pss=0 p r s
  : > "$out"
  start=$(date +%s.%N)
  CHORUS_BUILD=never ./chorus --data-dir "$dir/data" --command-port 0 --query-port 0 --projection-port 0 "$@" \
    > "$out" 2>&1 &
  pid=$!
  until grep -q "Press Ctrl-C to stop." "$out"; do
    if ! kill -0 "$pid" 2>/dev/null; then cat "$out"; exit 1; fi
    sleep 0.2
  done
  end=$(date +%s.%N)
  local jvm_rss=0 pg_rss=0 ticks=0 t
  for p in $(stack_pids "$pid"); do
    # utime + stime + cutime + cstime: CPU spent by the process and its reaped children (initdb, pg_ctl).
    t=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$p/stat" 2>/dev/null || echo 0)
    ticks=$((ticks + ${t:-0}))
    r=$(kb "/proc/$p/status" VmRSS); s=$(kb "/proc/$p/smaps_rollup" Pss)
    rss=$((rss + ${r:-0})); pss=$((pss + ${s:-0}))
    if grep -q postgres "/proc/$p/comm" 2>/dev/null; then pg_rss=$((pg_rss + ${r:-0})); else jvm_rss=$((jvm_rss + ${r:-0})); fi
  done
  printf '%s load1=%s ready_s=%.1f cpu_s=%.1f rss_mb=%d pss_mb=%d jvm_rss_mb=%d postgres_rss_mb=%d\n' "$label" \
    "$(cut -d' ' -f1 /proc/loadavg)" \
    "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')" \
    "$(awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" 'BEGIN { print t / hz }')" $((rss / 1024)) $((pss / 1024)) $((jvm_rss / 1024)) $((pg_rss / 1024))
  kill -TERM "$pid"
  wait "$pid" || true
  pid=
}

for i in $(seq 1 "$runs"); do
  measure_once "cold#$i" --reset "$@"
  measure_once "warm#$i" "$@"
done
