#!/usr/bin/env bash
# Spring Cloud Bus benchmark, loopback only: a private RabbitMQ node, a `stratus config-server` over a local Git
# repository with the bus on, and N services (separate processes of bench/macro/BusClientApp, builder.AddStratus() with
# the config client's own watch off, so only the bus tells them). Each push commits a change, calls POST /monitor like
# a GitHub webhook, and measures the time from just before the webhook to the moment the last of the N services' own
# IOptionsMonitor listener ran with the new value (goal: under 2 s). The first push after start is reported apart: every
# service then runs its refresh path for the first time (JIT) at the same moment. The services run with workstation GC
# (DOTNET_gcServer=0), as .NET picks for a container limited to one CPU: twenty server-GC processes on two cores mostly
# measure the machine. Stops everything it starts.
# Needs rabbitmq-server (/usr/lib/rabbitmq/bin), as ./test.sh installs it. Usage: bench/macro/bus.sh [services=20] [pushes=20]
source "$(dirname "$0")/common.sh"
SERVICES="${1:-20}"; PUSHES="${2:-20}"
RABBIT_BIN=/usr/lib/rabbitmq/bin
[ -x "$RABBIT_BIN/rabbitmq-server" ] || { echo "rabbitmq-server is missing (apt-get install rabbitmq-server)" >&2; exit 1; }
build
dotnet build "$ROOT/bench/macro/BusClientApp" -c Release -nologo -clp:ErrorsOnly >/dev/null
APP_DLL="$ROOT/bench/macro/BusClientApp/bin/Release/net10.0/Stratus.Bench.BusClientApp.dll"

# A private RabbitMQ node on 127.0.0.1 with everything in a temporary folder (nothing under /etc or /var/lib read).
export ERL_EPMD_ADDRESS=127.0.0.1
if command -v epmd >/dev/null 2>&1 && epmd -names >/dev/null 2>&1; then EPMD_WAS_RUNNING=1; else EPMD_WAS_RUNNING=0; fi
RABBIT_DIR=$(mktemp -d); REPO=$(mktemp -d)
RABBIT_NODE="stratus-bench-$$@localhost"; RABBIT_PORT=$(free_port); RABBIT_DIST_PORT=$(free_port)
: > "$RABBIT_DIR/enabled_plugins"; : > "$RABBIT_DIR/rabbitmq-env.conf"
rabbit_env() { env HOME="$RABBIT_DIR" RABBITMQ_NODENAME="$RABBIT_NODE" RABBITMQ_CONF_ENV_FILE="$RABBIT_DIR/rabbitmq-env.conf" "$@"; }
stop_all() {
  # The node first: common.sh's cleanup waits for every child, and would wait for it too.
  timeout 30 env HOME="$RABBIT_DIR" RABBITMQ_NODENAME="$RABBIT_NODE" RABBITMQ_CONF_ENV_FILE="$RABBIT_DIR/rabbitmq-env.conf" \
    "$RABBIT_BIN/rabbitmqctl" -n "$RABBIT_NODE" stop >/dev/null 2>&1 || true
  # The node runs in a session of its own (setsid): end that whole group, the Erlang VM under the start script included.
  if [ -n "${RABBIT_PID:-}" ] && kill -0 "$RABBIT_PID" 2>/dev/null; then
    kill -TERM -- "-$RABBIT_PID" 2>/dev/null || true; sleep 2; kill -KILL -- "-$RABBIT_PID" 2>/dev/null || true
  fi
  cleanup
  if [ "$EPMD_WAS_RUNNING" = 0 ] && epmd -names >/dev/null 2>&1; then epmd -kill >/dev/null 2>&1 || true; fi
  rm -rf "$RABBIT_DIR" "$REPO"
}
trap stop_all EXIT
rabbit_env RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT="$RABBIT_PORT" RABBITMQ_DIST_PORT="$RABBIT_DIST_PORT" \
  RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" \
  RABBITMQ_MNESIA_BASE="$RABBIT_DIR/mnesia" RABBITMQ_LOG_BASE="$RABBIT_DIR/log" RABBITMQ_PLUGINS_EXPAND_DIR="$RABBIT_DIR/plugins-expand" \
  RABBITMQ_ENABLED_PLUGINS_FILE="$RABBIT_DIR/enabled_plugins" RABBITMQ_CONFIG_FILE="$RABBIT_DIR/rabbitmq" \
  RABBITMQ_ADVANCED_CONFIG_FILE="$RABBIT_DIR/advanced.config" setsid "$RABBIT_BIN/rabbitmq-server" >"$RABBIT_DIR/server.log" 2>&1 & RABBIT_PID=$!
for _ in $(seq 1 300); do (exec 3<>"/dev/tcp/127.0.0.1/$RABBIT_PORT") 2>/dev/null && break; sleep 0.2; done
(exec 3<>"/dev/tcp/127.0.0.1/$RABBIT_PORT") 2>/dev/null || { echo "RabbitMQ did not start:" >&2; cat "$RABBIT_DIR/server.log" >&2; exit 1; }
AMQP="amqp://guest:guest@127.0.0.1:$RABBIT_PORT/"

git -C "$REPO" init -q -b main
{ echo "shop:"; echo "  greeting: start"; for i in $(seq 1 50); do echo "  setting$i: value-$i"; done; } > "$REPO/orders.yml"
git -C "$REPO" add -A && git -C "$REPO" -c user.email=b@s -c user.name=b commit -qm init

BUS_ARGS=(--Stratus:Bus:Enabled=true --Stratus:Messaging:RabbitMQ:Uri="$AMQP" --Logging:LogLevel:Default=Warning)
CFG_PORT=$(free_port); CFG="http://127.0.0.1:$CFG_PORT"
dotnet "$STRATUS_DLL" config-server --urls "$CFG" --Stratus:ConfigServer:Git:Uri="file://$REPO" \
  --Stratus:ConfigServer:Git:RefreshRate=00:10:00 "${BUS_ARGS[@]}" >/dev/null 2>&1 & PIDS+=($!)
wait_http "$CFG/orders/dev"

PORTS=()
started=$(date +%s%N)
for n in $(seq 1 "$SERVICES"); do
  port=$(free_port); PORTS+=("$port")
  DOTNET_gcServer=0 dotnet "$APP_DLL" --urls "http://127.0.0.1:$port" --spring:application:name=orders --Stratus:Config:Uri="$CFG" \
    --Stratus:Config:Profile=dev --Stratus:Config:FailFast=true --Stratus:Config:Watch:Enabled=false --Stratus:Config:Cache:Enabled=false \
    --Stratus:Observability:Tracing:Enabled=false "${BUS_ARGS[@]}" >/dev/null 2>&1 & PIDS+=($!)
done
for port in "${PORTS[@]}"; do wait_http "http://127.0.0.1:$port/greeting"; done
echo "$SERVICES services up in $(( ($(date +%s%N) - started) / 1000000 )) ms"

LAT=$(mktemp); HOOK=$(mktemp); FIRST=$(mktemp)
push() { # version -> "webhook-ms first-ms last-ms"
  sed -i "s/^  greeting: .*/  greeting: v$1/" "$REPO/orders.yml"
  git -C "$REPO" -c user.email=b@s -c user.name=b commit -qam "v$1"
  local t0 hook last=0 first="" at
  t0=$(date +%s%3N)
  curl -fs -o /dev/null -X POST "$CFG/monitor" -H 'X-Github-Event: push' -H 'Content-Type: application/json' \
    -d '{"commits":[{"modified":["orders.yml"]}]}'
  hook=$(( $(date +%s%3N) - t0 ))
  # One service at a time, so the polling itself stays light on two cores.
  for port in "${PORTS[@]}"; do
    for _ in $(seq 1 3000); do [ "$(curl -fs "http://127.0.0.1:$port/greeting")" = "v$1" ] && break; sleep 0.01; done
    [ "$(curl -fs "http://127.0.0.1:$port/greeting")" = "v$1" ] || { echo "service on $port never saw v$1" >&2; exit 1; }
  done
  for port in "${PORTS[@]}"; do
    at=$(curl -fs "http://127.0.0.1:$port/changed-at")
    [ "$at" -gt "$last" ] && last=$at
    { [ -z "$first" ] || [ "$at" -lt "$first" ]; } && first=$at
  done
  echo "$hook $(( first - t0 )) $(( last - t0 ))"
}
read -r warm_hook warm_first warm_last <<< "$(push 0)"; [ -n "$warm_last" ] || exit 1
echo "first push after start: webhook answered in $warm_hook ms, first service $warm_first ms, all $SERVICES services $warm_last ms"
ALL=()
for i in $(seq 1 "$PUSHES"); do
  sleep 0.5
  read -r hook first last <<< "$(push "$i")"; [ -n "$last" ] || exit 1
  echo "$hook" >> "$HOOK"; echo "$first" >> "$FIRST"; echo "$last" >> "$LAT"; ALL+=("$last")
done
echo "all $SERVICES services, per push (ms): ${ALL[*]}"

echo
echo "| measurement ($SERVICES services, $PUSHES pushes) | median | min | max |"
echo "| --- | ---: | ---: | ---: |"
echo "| POST /monitor answered (server fetched and published) | $(median < "$HOOK") ms | $(sort -g "$HOOK" | head -1) ms | $(sort -g "$HOOK" | tail -1) ms |"
echo "| webhook → first service's IOptionsMonitor listener | $(median < "$FIRST") ms | $(sort -g "$FIRST" | head -1) ms | $(sort -g "$FIRST" | tail -1) ms |"
echo "| webhook → all $SERVICES services' listeners ran | $(median < "$LAT") ms | $(sort -g "$LAT" | head -1) ms | $(sort -g "$LAT" | tail -1) ms |"
echo
echo "webhook to the new value in all $SERVICES services over $PUSHES pushes: median $(median < "$LAT") ms, max $(sort -g "$LAT" | tail -1) ms (goal < 2000 ms)"
rm -f "$LAT" "$HOOK" "$FIRST"
