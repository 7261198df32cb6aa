#!/usr/bin/env bash
# The OStock system as samples/OStock/run.sh starts it (stratus dev + two organization-service + one licensing-service,
# on the fixed ports run.sh uses, so nothing else may hold them): one licence read, which makes licensing-service call
# organization-service, measured with wrk through the gateway and straight at licensing-service, alternating, in the
# same minutes, with a token (the services check it, the gateway relays it; a token lives 5 minutes, longer than a
# default run). Also the time from run.sh's start to its first call through the gateway (warm build). Loopback only;
# stops what it starts.
# Usage: bench/macro/ostock.sh [rounds=3] [seconds=10] [connections=32]
source "$(dirname "$0")/common.sh"
ROUNDS="${1:-3}"; SECONDS_PER_RUN="${2:-10}"; CONNECTIONS="${3:-32}"
ensure_wrk
RESULTS=$(mktemp)
OSTOCK="$ROOT/samples/OStock"
rm -rf "$OSTOCK/.stratus"

# run.sh in its own process group, so one signal stops it and everything it started.
setsid "$OSTOCK/run.sh" >"$RESULTS.run" 2>&1 & RUN=$!
cleanup_run() { kill -TERM -"$RUN" 2>/dev/null || true; wait "$RUN" 2>/dev/null || true; rm -f "$RESULTS" "$RESULTS.run"; }
trap cleanup_run EXIT
for _ in $(seq 1 900); do grep -q 'Ctrl-C stops' "$RESULTS.run" && break; sleep 0.2; done
grep -q 'Ctrl-C stops' "$RESULTS.run" || { cat "$RESULTS.run" >&2; exit 1; }
grep 'OStock is running' "$RESULTS.run" >&2

# run.sh runs the services with the profiles dev,secure: every call carries a token of the sample's client.
TOKEN=$(curl -fs -u ostock-client:ostock-secret -d grant_type=client_credentials \
  -d 'scope=organizations.read organizations.write licenses.read licenses.write' http://127.0.0.1:9000/connect/token \
  | sed -n 's/.*"access_token": *"\([^"]*\)".*/\1/p')
AUTH="Authorization: Bearer $TOKEN"
curl -fs -o /dev/null -X POST http://127.0.0.1:8080/organization/v1/organization -H "$AUTH" -H 'Content-Type: application/json' \
  -d '{"id":"bench-org","name":"Bench","contactName":"B","contactEmail":"b@bench.example","contactPhone":"1"}'
curl -fs -o /dev/null -X POST http://127.0.0.1:8080/license/v1/organization/bench-org/license -H "$AUTH" -H 'Content-Type: application/json' \
  -d '{"licenseId":"bench-licence","productName":"Ostock","licenseType":"full"}'
PATH_READ=/v1/organization/bench-org/license/bench-licence
VIA_GATEWAY="http://127.0.0.1:8080/license$PATH_READ"
DIRECT="http://127.0.0.1:8082$PATH_READ"
curl -fs -H "$AUTH" "$VIA_GATEWAY" | grep -q '"organizationDetails":"\(available\|cached\)"' || { echo "the licence read has no organisation details" >&2; exit 1; }

# Warm-up: JIT, connection pools, the organisation cache (30 s in the dev profile, refreshed as reads go on).
wrk -t2 -c"$CONNECTIONS" -d20s -H "$AUTH" "$VIA_GATEWAY" >/dev/null 2>&1
wrk -t2 -c"$CONNECTIONS" -d10s -H "$AUTH" "$DIRECT" >/dev/null 2>&1

to_ms() { awk '{ v = $1; if (v ~ /us$/) { sub(/us/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms/, "", v) } else if (v ~ /s$/) { sub(/s/, "", v); v *= 1000 } print v }'; }
run() { # label url
  local out; out=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency -H "$AUTH" "$2" 2>&1)
  local rps p50 p99 bad
  rps=$(awk '/Requests\/sec/ { print $2 }' <<<"$out")
  p50=$(awk '$1 == "50%" { print $2 }' <<<"$out" | to_ms)
  p99=$(awk '$1 == "99%" { print $2 }' <<<"$out" | to_ms)
  bad=$(awk '/Non-2xx/ { print $NF }' <<<"$out"); bad="${bad:-0}"
  echo "$1 $rps $p50 $p99 $bad" | tee -a "$RESULTS" >&2
}

for round in $(seq 1 "$ROUNDS"); do
  echo "round $round/$ROUNDS" >&2
  run gateway "$VIA_GATEWAY"
  run direct "$DIRECT"
done

med() { awk -v k="$1" -v f="$2" '$1 == k { print $f }' "$RESULTS" | median; }
echo
echo "| licence read ($CONNECTIONS connections) | median req/s | median p50 (ms) | median p99 (ms) | non-2xx |"
echo "| --- | ---: | ---: | ---: | ---: |"
for k in gateway direct; do
  echo "| $k | $(med $k 2) | $(med $k 3) | $(med $k 4) | $(awk -v a=$k '$1 == a { n += $5 } END { print n + 0 }' "$RESULTS") |"
done
awk -v g="$(med gateway 2)" -v d="$(med direct 2)" 'BEGIN { printf "\nthrough the gateway: %.2fx the direct rate\n", g / d }'
