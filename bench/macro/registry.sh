#!/usr/bin/env bash
# Registry throughput against a baseline in the same run: renewals vs a no-op Kestrel PUT, and the full
# GET /eureka/apps (1,000 instances) vs the same bytes served statically. Loopback only; stops what it starts.
# Usage: bench/macro/registry.sh [rounds=3] [seconds=8] [connections=32]
source "$(dirname "$0")/common.sh"
ROUNDS="${1:-3}"; SECONDS_PER_RUN="${2:-8}"; CONNECTIONS="${3:-32}"
ensure_wrk; build

REG_PORT=$(free_port); BASE_PORT=$(free_port)
REG="http://127.0.0.1:$REG_PORT"; BASE="http://127.0.0.1:$BASE_PORT"
dotnet "$STRATUS_DLL" registry --urls "$REG" --Logging:LogLevel:Default=Warning >/dev/null 2>&1 & PIDS+=($!)
wait_http "$REG/actuator/health"

echo "registering 1,000 instances..."
for i in $(seq 0 999); do echo "$((i % 10)) $i"; done | xargs -P 8 -n 2 sh -c 'curl -fs -o /dev/null -X POST "$0/eureka/apps/APP$1" -H "Content-Type: application/json" -d "{\"instance\":{\"instanceId\":\"inst-$2\",\"hostName\":\"h-$2\",\"app\":\"APP$1\",\"ipAddr\":\"10.1.0.1\",\"status\":\"UP\",\"port\":{\"\$\":8080,\"@enabled\":\"true\"},\"vipAddress\":\"app$1\",\"metadata\":{\"zone\":\"z1\",\"management.port\":\"8081\"},\"dataCenterInfo\":{\"@class\":\"com.netflix.appinfo.InstanceInfo\$DefaultDataCenterInfo\",\"name\":\"MyOwn\"}}}"' "$REG"
STATIC=$(mktemp); curl -fs -H 'Accept: application/json' "$REG/eureka/apps" > "$STATIC"
echo "registry listing: $(wc -c < "$STATIC") bytes, $(grep -o '"instanceId"' "$STATIC" | wc -l) instances"
dotnet "$BASELINE_DLL" --urls "$BASE" --static "$STATIC" >/dev/null 2>&1 & PIDS+=($!)
wait_http "$BASE/eureka/apps"

run() { # label url script -> "rps p99ms"
  local out; out=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency -s "$(dirname "$0")/$3" "$2" 2>&1)
  local rps p99
  rps=$(awk '/Requests\/sec/ { print $2 }' <<<"$out")
  p99=$(awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms/, "", v) } else if (v ~ /s$/) { sub(/s/, "", v); v *= 1000 } print v }' <<<"$out")
  echo "$1 $rps $p99" | tee -a "$RESULTS" >&2
}

RESULTS=$(mktemp)
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round/$ROUNDS" >&2
  run noop-put "$BASE" renew.lua
  run renew "$REG" renew.lua
  run static-get "$BASE/eureka/apps" apps.lua
  run apps-get "$REG/eureka/apps" apps.lua
  run static-gzip "$BASE/eureka/apps" apps-gzip.lua
  run apps-gzip "$REG/eureka/apps" apps-gzip.lua
done

med() { awk -v k="$1" -v f="$2" '$1 == k { print $f }' "$RESULTS" | median; }
NOOP=$(med noop-put 2); RENEW=$(med renew 2); STATIC_RPS=$(med static-get 2); APPS=$(med apps-get 2)
echo
echo "| measurement | median req/s | median p99 (ms) |"
echo "| --- | ---: | ---: |"
echo "| no-op Kestrel PUT (baseline) | $NOOP | $(med noop-put 3) |"
echo "| registry renewal PUT | $RENEW | $(med renew 3) |"
echo "| static bytes GET (baseline) | $STATIC_RPS | $(med static-get 3) |"
echo "| registry GET /eureka/apps (1,000 instances) | $APPS | $(med apps-get 3) |"
echo "| static gzip bytes GET (baseline) | $(med static-gzip 2) | $(med static-gzip 3) |"
echo "| registry GET /eureka/apps, gzip | $(med apps-gzip 2) | $(med apps-gzip 3) |"
echo
awk -v r="$RENEW" -v n="$NOOP" -v a="$APPS" -v s="$STATIC_RPS" -v ga="$(med apps-gzip 2)" -v gs="$(med static-gzip 2)" 'BEGIN { printf "renewal ratio %.2f (goal >= 0.5); full fetch ratio %.2f, gzip %.2f (goal >= 0.5)\n", r / n, a / s, ga / gs }'
rm -f "$STATIC" "$RESULTS"
