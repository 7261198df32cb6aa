#!/usr/bin/env bash
# Cost of builder.AddStratus() on a minimal API, and of the actuator endpoints, in one run with one client (wrk):
#   plain        the minimal API alone (no Stratus, no logging providers)
#   traced-100   the same app with AddStratus(): tracing at 100 % sampling exported as Zipkin JSON to a local sink,
#                metrics, ECS JSON logs on stdout (to /dev/null), actuator
#   traced-10    the same at 10 % sampling
# then, on the traced-100 app: /static (a fixed 15-byte JSON answer), /actuator/health, /actuator/prometheus.
# The app has the logging levels of `dotnet new web` (appsettings.json: Microsoft.AspNetCore at Warning).
# Loopback only; stops what it starts. Usage: bench/macro/observability.sh [rounds=3] [seconds=8] [connections=32]
source "$(dirname "$0")/common.sh"
ROUNDS="${1:-3}"; SECONDS_PER_RUN="${2:-8}"; CONNECTIONS="${3:-32}"
ensure_wrk
dotnet build "$ROOT/bench/macro/ObservedApp" -c Release -nologo -clp:ErrorsOnly >/dev/null
APP="$ROOT/bench/macro/ObservedApp/bin/Release/net10.0/Stratus.Bench.ObservedApp.dll"
# Its folder as content root, so its appsettings.json (the levels of `dotnet new web`) applies.
export ASPNETCORE_CONTENTROOT="$(dirname "$APP")"
SINK_PORT=$(free_port); PLAIN_PORT=$(free_port); FULL_PORT=$(free_port); TEN_PORT=$(free_port)
SINK="http://127.0.0.1:$SINK_PORT"
dotnet "$APP" --mode sink --urls "$SINK" >/dev/null 2>&1 & PIDS+=($!)
dotnet "$APP" --mode plain --urls "http://127.0.0.1:$PLAIN_PORT" >/dev/null 2>&1 & PIDS+=($!)
traced() { # port probability
  dotnet "$APP" --mode stratus --urls "http://127.0.0.1:$1" --spring:application:name=bench \
    --Stratus:Observability:Tracing:SamplingProbability="$2" --Stratus:Observability:Tracing:Zipkin:Endpoint="$SINK/api/v2/spans" \
    --Stratus:Management:Exposure:Include=health,info,prometheus >/dev/null 2>&1 & PIDS+=($!)
}
traced "$FULL_PORT" 1.0
traced "$TEN_PORT" 0.1
for url in "$SINK/received" "http://127.0.0.1:$PLAIN_PORT/hello" "http://127.0.0.1:$FULL_PORT/hello" "http://127.0.0.1:$TEN_PORT/hello"; do wait_http "$url"; done
curl -fs -o /dev/null "http://127.0.0.1:$FULL_PORT/actuator/prometheus" || { echo "the traced app does not expose /actuator/prometheus" >&2; exit 1; }

RESULTS=$(mktemp)
run() { # label url
  local out rps
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" "$2" 2>&1)
  rps=$(awk '/Requests\/sec/ { print $2 }' <<<"$out")
  if grep -q "Non-2xx" <<<"$out"; then echo "$1: non-2xx answers" >&2; fi
  echo "$1 $rps" | tee -a "$RESULTS" >&2
}
echo "warming up (JIT and tiered compilation) for 5 s per target" >&2
for url in "http://127.0.0.1:$PLAIN_PORT/hello" "http://127.0.0.1:$FULL_PORT/hello" "http://127.0.0.1:$TEN_PORT/hello" \
           "http://127.0.0.1:$FULL_PORT/static" "http://127.0.0.1:$FULL_PORT/actuator/health" "http://127.0.0.1:$FULL_PORT/actuator/prometheus"; do
  wrk -t2 -c"$CONNECTIONS" -d5s "$url" >/dev/null 2>&1
done
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round/$ROUNDS" >&2
  run plain "http://127.0.0.1:$PLAIN_PORT/hello"
  run traced-100 "http://127.0.0.1:$FULL_PORT/hello"
  run traced-10 "http://127.0.0.1:$TEN_PORT/hello"
  run static "http://127.0.0.1:$FULL_PORT/static"
  run health "http://127.0.0.1:$FULL_PORT/actuator/health"
  run prometheus "http://127.0.0.1:$FULL_PORT/actuator/prometheus"
done
med() { awk -v k="$1" '$1 == k { print $2 }' "$RESULTS" | median; }
echo
echo "| target | median req/s ($CONNECTIONS conn.) | ratio | goal |"
echo "| --- | ---: | ---: | --- |"
awk -v p="$(med plain)" -v f="$(med traced-100)" -v t="$(med traced-10)" -v s="$(med static)" -v h="$(med health)" -v m="$(med prometheus)" 'BEGIN {
  printf "| minimal API, plain | %.0f | 1.00 | |\n", p
  printf "| AddStratus, 100 %% sampling | %.0f | %.2f of plain | >= 0.85 |\n", f, f / p
  printf "| AddStratus, 10 %% sampling | %.0f | %.2f of plain | >= 0.95 |\n", t, t / p
  printf "| static JSON (traced app) | %.0f | 1.00 | |\n", s
  printf "| /actuator/health | %.0f | %.2f of static | >= 0.5 |\n", h, h / s
  printf "| /actuator/prometheus | %.0f | %.2f of static | >= 0.5 |\n", m, m / s
}'
echo "spans received by the sink: $(curl -fs "$SINK/received") bytes" >&2
