#!/usr/bin/env bash
# Client-credentials token issue rate of `stratus auth-server` (RS256 and ES256, SQLite token store, the demo client)
# with wrk at a fixed concurrency; every token is signed and its row written. Also the server's CPU time per token
# (from /proc), which a busy machine distorts less than the rate. Loopback only; stops what it starts.
# Usage: bench/macro/auth-server.sh [rounds=3] [seconds=10] [connections=16]
source "$(dirname "$0")/common.sh"
ROUNDS="${1:-3}"; SECONDS_PER_RUN="${2:-10}"; CONNECTIONS="${3:-16}"
ensure_wrk; build
DATA=$(mktemp -d)
RESULTS=$(mktemp)

start() { # algorithm -> sets URL
  local port; port=$(free_port)
  URL="http://127.0.0.1:$port"
  dotnet "$STRATUS_DLL" auth-server --urls "$URL" --Logging:LogLevel:Default=Warning \
    --Stratus:AuthServer:EnableDemo=true --Stratus:AuthServer:Keys:Algorithm="$1" \
    --Stratus:AuthServer:Database:Path="$DATA/auth-$1.db" \
    --Stratus:AuthServer:RateLimits:TokenPermitLimit=100000000 >/dev/null 2>&1 & PIDS+=($!)
  wait_http "$URL/actuator/health"
  # Warm up: tiered JIT (the first seconds run unoptimised code: a 3 s warm-up left the first round at half the rate),
  # the secret check (cached after the first success), the SQLite pages.
  wrk -t2 -c"$CONNECTIONS" -d10s -s "$(dirname "$0")/token.lua" "$URL/connect/token" >/dev/null 2>&1
}

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/${PIDS[-1]}/stat"; }

run() { # label -> "label rps p99ms non2xx cpu-ms-per-token"
  local before; before=$(cpu_ticks)
  local out; out=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency -s "$(dirname "$0")/token.lua" "$URL/connect/token" 2>&1)
  local rps p99 bad
  rps=$(awk '/Requests\/sec/ { print $2 }' <<<"$out")
  p99=$(awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms/, "", v) } else if (v ~ /s$/) { sub(/s/, "", v); v *= 1000 } print v }' <<<"$out")
  bad=$(awk '/Non-2xx/ { print $NF }' <<<"$out"); bad="${bad:-0}"
  local requests; requests=$(awk '/requests in/ { print $1 }' <<<"$out")
  local cpu; cpu=$(awk -v t="$(( $(cpu_ticks) - before ))" -v n="$requests" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", t * 1000 / hz / n }')
  echo "$1 $rps $p99 $bad $cpu" | tee -a "$RESULTS" >&2
}

for alg in RS256 ES256; do
  start "$alg"
  curl -fs -u demo-client:demo-secret -d grant_type=client_credentials -d scope=licenses.read "$URL/connect/token" >/dev/null \
    || { echo "token request failed on $alg" >&2; exit 1; }
  for round in $(seq 1 "$ROUNDS"); do
    echo "$alg round $round/$ROUNDS" >&2
    run "$alg"
  done
  kill -TERM "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true
done

med() { awk -v k="$1" -v f="$2" '$1 == k { print $f }' "$RESULTS" | median; }
echo
echo "| measurement ($CONNECTIONS connections) | median tokens/s | median p99 (ms) | non-2xx | server CPU ms/token |"
echo "| --- | ---: | ---: | ---: | ---: |"
for alg in RS256 ES256; do
  echo "| client credentials, $alg | $(med $alg 2) | $(med $alg 3) | $(awk -v a=$alg '$1 == a { n += $4 } END { print n + 0 }' "$RESULTS") | $(med $alg 5) |"
done
echo
awk -v r="$(med RS256 2)" 'BEGIN { printf "RS256 issue rate %.0f tokens/s (goal >= 1000)\n", r }'
rm -rf "$DATA" "$RESULTS"
