#!/usr/bin/env bash
# Config client benchmarks against a `stratus config-server` over a local Git repository, loopback only:
#  1. start-up: the same ASP.NET Core app without the config client, with it, and with a bare HttpClient GET of the same
#     answer in its place, in turn; process start to the first answered /ping; medians and differences (goal: < 50 ms);
#  2. push to IOptionsMonitor: commit, POST /monitor, and the time the app's change listener ran (goal: < 2 s).
# Usage: bench/macro/config-client.sh [starts=20] [pushes=20]
source "$(dirname "$0")/common.sh"
STARTS="${1:-20}"; PUSHES="${2:-20}"
build
dotnet build "$ROOT/bench/macro/ConfigClientApp" -c Release -nologo -clp:ErrorsOnly >/dev/null
APP_DLL="$ROOT/bench/macro/ConfigClientApp/bin/Release/net10.0/Stratus.Bench.ConfigClientApp.dll"

REPO=$(mktemp -d); CACHE=$(mktemp -d); trap 'cleanup; rm -rf "$REPO" "$CACHE"' EXIT
git -C "$REPO" init -q -b main
{ echo "shop:"; echo "  greeting: v0"; for i in $(seq 1 50); do echo "  setting$i: value-$i"; done; } > "$REPO/orders.yml"
git -C "$REPO" add -A && git -C "$REPO" -c user.email=b@s -c user.name=b commit -qm init

CFG_PORT=$(free_port); CFG="http://127.0.0.1:$CFG_PORT"
dotnet "$STRATUS_DLL" config-server --urls "$CFG" --Stratus:ConfigServer:Git:Uri="file://$REPO" \
  --Stratus:ConfigServer:Git:RefreshRate=00:10:00 --Logging:LogLevel:Default=Warning >/dev/null 2>&1 & PIDS+=($!)
wait_http "$CFG/orders/dev"
CLIENT_ARGS=(--Stratus:Config:Uri="$CFG" --Stratus:Config:Name=orders --Stratus:Config:Profile=dev --Stratus:Config:Cache:Path="$CACHE")

start_once() { # extra args... -> ms to first /ping
  local port t0 pid; port=$(free_port); t0=$(date +%s%N)
  dotnet "$APP_DLL" --urls "http://127.0.0.1:$port" "$@" >/dev/null 2>&1 & pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/ping"; do sleep 0.002; done
  echo $(( ($(date +%s%N) - t0) / 1000000 ))
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
}
WITHOUT=$(mktemp); WITH=$(mktemp); PLAIN=$(mktemp)
start_once >/dev/null; start_once --with-config-client "${CLIENT_ARGS[@]}" >/dev/null # warm the disk cache
for i in $(seq 1 "$STARTS"); do
  start_once >> "$WITHOUT"
  start_once --with-config-client "${CLIENT_ARGS[@]}" >> "$WITH"
  start_once --plain-get="$CFG/orders/dev" >> "$PLAIN"
done
m_without=$(median < "$WITHOUT"); m_with=$(median < "$WITH"); m_plain=$(median < "$PLAIN")

APP_PORT=$(free_port); APP="http://127.0.0.1:$APP_PORT"
dotnet "$APP_DLL" --urls "$APP" --with-config-client "${CLIENT_ARGS[@]}" >/dev/null 2>&1 & PIDS+=($!)
wait_http "$APP/ping"
LAT=$(mktemp)
for i in $(seq 1 "$PUSHES"); do
  sleep 0.3 # let the client's long poll park on the server again
  t0=$(( $(date +%s%N) / 1000000 ))
  sed -i "s/^  greeting: .*/  greeting: v$i/" "$REPO/orders.yml"
  git -C "$REPO" -c user.email=b@s -c user.name=b commit -qam "v$i"
  curl -fs -o /dev/null -X POST "$CFG/monitor" -H 'X-Github-Event: push' -H 'Content-Type: application/json' \
    -d '{"commits":[{"modified":["orders.yml"]}]}'
  until [ "$(curl -fs "$APP/greeting")" = "v$i" ]; do sleep 0.005; done
  echo $(( $(curl -fs "$APP/changed-at") - t0 )) >> "$LAT"
done

echo
echo "| measurement | median | min | max |"
echo "| --- | ---: | ---: | ---: |"
echo "| start to first answer, without the config client | $m_without ms | $(sort -g "$WITHOUT" | head -1) ms | $(sort -g "$WITHOUT" | tail -1) ms |"
echo "| start to first answer, with the config client | $m_with ms | $(sort -g "$WITH" | head -1) ms | $(sort -g "$WITH" | tail -1) ms |"
echo "| start to first answer, with one plain HttpClient GET of the same answer instead | $m_plain ms | $(sort -g "$PLAIN" | head -1) ms | $(sort -g "$PLAIN" | tail -1) ms |"
echo "| commit + POST /monitor to the IOptionsMonitor listener | $(median < "$LAT") ms | $(sort -g "$LAT" | head -1) ms | $(sort -g "$LAT" | tail -1) ms |"
echo
awk -v a="$m_with" -v b="$m_without" 'BEGIN { printf "start-up cost of the config client: %+.1f ms (median of %d starts each; goal < 50 ms)\n", a - b, '"$STARTS"' }'
awk -v a="$m_plain" -v b="$m_without" 'BEGIN { printf "cost of a bare HttpClient GET in the same place: %+.1f ms (the floor of any fetch at start)\n", a - b }'
echo "push to IOptionsMonitor over $PUSHES pushes: median $(median < "$LAT") ms, max $(sort -g "$LAT" | tail -1) ms (goal < 2000 ms)"
rm -f "$WITHOUT" "$WITH" "$PLAIN" "$LAT"
