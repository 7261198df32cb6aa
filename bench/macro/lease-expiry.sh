#!/usr/bin/env bash
# How fast a dead instance disappears, and how fast a watcher hears of a change.
# Settings: lease 2 s (from the registration), eviction every 1 s, self-preservation off, so the goal is
# gone within 2 + 1 + 1 = 4 s of the last heartbeat; a long-polling watcher should hear of a change within 1 s.
# Usage: bench/macro/lease-expiry.sh [runs=7]
source "$(dirname "$0")/common.sh"
RUNS="${1:-7}"
build
PORT=$(free_port); REG="http://127.0.0.1:$PORT"
dotnet "$STRATUS_DLL" registry --urls "$REG" --Stratus:Registry:EvictionInterval=00:00:01 \
  --Stratus:Registry:EnableSelfPreservation=false --Logging:LogLevel:Default=Warning >/dev/null 2>&1 & PIDS+=($!)
wait_http "$REG/actuator/health"
now_ms() { date +%s%3N; }

GONE=(); WATCH=()
for run in $(seq 1 "$RUNS"); do
  # Watch latency: a long poll is waiting; a registration arrives; time until the poll answers.
  version=$(curl -fs "$REG/eureka/watch" | sed -E 's/.*"version":([0-9]+).*/\1/')
  out=$(mktemp)
  ( curl -fs "$REG/eureka/watch?since=$version&timeout=10" >/dev/null; now_ms > "$out" ) & watcher=$!
  sleep 0.3
  t0=$(now_ms); register "$REG" "DEAD$run" "dead-$run" 2
  wait "$watcher"
  WATCH+=($(( $(cat "$out") - t0 ))); rm -f "$out"

  # Expiry: no heartbeat ever follows the registration at t0.
  while curl -fs -o /dev/null "$REG/eureka/apps/DEAD$run"; do sleep 0.02; done
  GONE+=($(( $(now_ms) - t0 )))
  echo "run $run: watcher heard after ${WATCH[-1]} ms, gone after ${GONE[-1]} ms" >&2
done

echo "watch latency ms: median $(printf '%s\n' "${WATCH[@]}" | median), max $(printf '%s\n' "${WATCH[@]}" | sort -g | tail -1) (goal < 1000)"
echo "dead instance gone after ms: median $(printf '%s\n' "${GONE[@]}" | median), max $(printf '%s\n' "${GONE[@]}" | sort -g | tail -1) (goal <= 4000: lease 2 s + eviction 1 s + 1 s)"
