#!/usr/bin/env bash
# Config server against a baseline in the same run: warm GET /{app}/{profile} vs the same JSON served statically
# (wrk, 32 connections), push-to-visible latency through POST /monitor for readers and long-poll watchers, and
# 1,000 connections at once while the Git remote is unreachable. Loopback only; stops what it starts.
# Usage: bench/macro/config-server.sh [rounds=3] [seconds=8] [connections=32]
source "$(dirname "$0")/common.sh"
ROUNDS="${1:-3}"; SECONDS_PER_RUN="${2:-8}"; CONNECTIONS="${3:-32}"
ensure_wrk; build

REPO=$(mktemp -d); trap 'cleanup; rm -rf "$REPO"' EXIT
git -C "$REPO" init -q -b main
{ echo "shared:"; for i in $(seq 1 20); do echo "  key$i: value-$i"; done; } > "$REPO/application.yml"
{ echo "orders:"; for i in $(seq 1 50); do echo "  setting$i: orders-value-$i"; done; echo "greeting: v0"; } > "$REPO/orders.yml"
printf 'orders.setting1=dev\nport=8081\n' > "$REPO/orders-dev.properties"
git -C "$REPO" add -A && git -C "$REPO" -c user.email=b@s -c user.name=b commit -qm init

CFG_PORT=$(free_port); BASE_PORT=$(free_port)
CFG="http://127.0.0.1:$CFG_PORT"; BASE="http://127.0.0.1:$BASE_PORT"
dotnet "$STRATUS_DLL" config-server --urls "$CFG" --Stratus:ConfigServer:Git:Uri="file://$REPO" \
  --Stratus:ConfigServer:Git:RefreshRate=00:10:00 --Logging:LogLevel:Default=Warning >/dev/null 2>&1 & PIDS+=($!)
wait_http "$CFG/orders/dev"
STATIC=$(mktemp); curl -fs "$CFG/orders/dev" > "$STATIC"
echo "environment JSON: $(wc -c < "$STATIC") bytes"
dotnet "$BASELINE_DLL" --urls "$BASE" --static "$STATIC" >/dev/null 2>&1 & PIDS+=($!)
wait_http "$BASE/orders/dev"

RESULTS=$(mktemp)
run() { # label url -> "label rps p99ms"
  local out rps p99; out=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency "$2" 2>&1)
  rps=$(awk '/Requests\/sec/ { print $2 }' <<<"$out")
  p99=$(awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms/, "", v) } else if (v ~ /s$/) { sub(/s/, "", v); v *= 1000 } print v }' <<<"$out")
  echo "$1 $rps $p99" | tee -a "$RESULTS" >&2
}
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round/$ROUNDS" >&2
  run static "$BASE/orders/dev"
  run config "$CFG/orders/dev"
done

# Push to visible: a watcher long-polls with the current ETag; commit, POST /monitor (answered after the fetch),
# then read until the new value shows. Both times run from just before the POST.
LAT=$(mktemp); WLAT=$(mktemp)
for i in $(seq 1 10); do
  etag=$(curl -fsI "$CFG/orders/dev" | awk -F': ' 'tolower($1) == "etag" { print $2 }' | tr -d '\r')
  sed -i "s/^greeting: .*/greeting: v$i/" "$REPO/orders.yml"
  git -C "$REPO" -c user.email=b@s -c user.name=b commit -qam "v$i"
  ( curl -fs -o /dev/null -H "If-None-Match: $etag" -H 'Prefer: wait=10' "$CFG/orders/dev" \
      && date +%s%N > "$WLAT.end" ) & watcher=$!
  sleep 0.05
  start=$(date +%s%N)
  curl -fs -o /dev/null -X POST "$CFG/monitor" -H 'X-Github-Event: push' -H 'Content-Type: application/json' \
    -d '{"commits":[{"modified":["orders.yml"]}]}'
  until curl -fs "$CFG/orders/dev" | grep -q "\"greeting\":\"v$i\""; do :; done
  echo $(( ($(date +%s%N) - start) / 1000000 )) >> "$LAT"
  wait "$watcher"
  echo $(( ($(cat "$WLAT.end") - start) / 1000000 )) >> "$WLAT"
done

# Git unreachable: move the remote away, make the server try (and fail) to fetch, then 1,000 connections at once.
mv "$REPO" "$REPO.gone"; trap 'cleanup; rm -rf "$REPO" "$REPO.gone"' EXIT
curl -s -o /dev/null -X POST "$CFG/actuator/refresh"
HEALTH=$(curl -s "$CFG/actuator/health")
echo "health while unreachable: $HEALTH" >&2
ulimit -n 65536 2>/dev/null || true
BURST=$(wrk -t2 -c1000 -d"${SECONDS_PER_RUN}s" --latency "$CFG/orders/dev" 2>&1)
echo "$BURST" >&2
# The same as 1,000 requests at once: h2load opens 1,000 connections and sends one request on each, five bursts.
command -v h2load >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nghttp2-client >/dev/null; }
BURSTS=$(mktemp)
for b in 1 2 3 4 5; do
  out=$(h2load --h1 -t2 -n1000 -c1000 "$CFG/orders/dev" 2>&1)
  echo "$out" | grep -E 'requests:|status codes:|time for request:' >&2
  ok=$(awk '/status codes:/ { print $3 }' <<<"$out")
  max=$(awk '/time for request:/ { v = $5; if (v ~ /us$/) { sub(/us/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms/, "", v) } else if (v ~ /s$/) { sub(/s/, "", v); v *= 1000 } print v }' <<<"$out")
  echo "$ok $max" >> "$BURSTS"
done
BODY=$(curl -fs "$CFG/orders/dev")
grep -q "\"greeting\":\"v10\"" <<<"$BODY" || { echo "last revision NOT served while unreachable" >&2; exit 1; }

med() { awk -v k="$1" -v f="$2" '$1 == k { print $f }' "$RESULTS" | median; }
echo
echo "| measurement | median req/s | median p99 (ms) |"
echo "| --- | ---: | ---: |"
echo "| static JSON GET (baseline) | $(med static 2) | $(med static 3) |"
echo "| config server GET /orders/dev | $(med config 2) | $(med config 3) |"
echo
awk -v c="$(med config 2)" -v s="$(med static 2)" 'BEGIN { printf "ratio %.2f (goal >= 0.5)\n", c / s }'
echo "push -> /monitor -> visible: median $(median < "$LAT") ms, max $(sort -g "$LAT" | tail -1) ms over 10 pushes (goal < 1000 ms)"
echo "push -> /monitor -> watcher answered: median $(median < "$WLAT") ms, max $(sort -g "$WLAT" | tail -1) ms over $(wc -l < "$WLAT") pushes (goal < 1000 ms)"
echo "git unreachable, wrk -c1000: $(awk '/Requests\/sec/ { print $2 }' <<<"$BURST") req/s;" \
  "latency p50 $(awk '$1 == "50%" { print $2 }' <<<"$BURST"), p99 $(awk '$1 == "99%" { print $2 }' <<<"$BURST")," \
  "max $(awk '$1 == "Latency" { print $4 }' <<<"$BURST"); errors: $(grep -E 'Non-2xx|Socket errors' <<<"$BURST" || echo none)"
echo "git unreachable, 5 bursts of 1,000 requests on 1,000 connections (h2load): 2xx per burst $(awk '{ print $1 }' "$BURSTS" | tr '\n' ' ')," \
  "slowest request per burst (ms) $(awk '{ print $2 }' "$BURSTS" | tr '\n' ' '), median of those $(awk '{ print $2 }' "$BURSTS" | median) ms"
rm -f "$BURSTS" "$STATIC" "$RESULTS" "$LAT" "$WLAT" "$WLAT.end"
