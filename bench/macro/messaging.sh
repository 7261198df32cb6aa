#!/usr/bin/env bash
# Messaging throughput, Stratus against the brokers' own .NET clients used directly, in one process and one run
# (bench/macro/MessagingBench): a private RabbitMQ node on 127.0.0.1 and free ports, and librdkafka's mock cluster.
#   rabbit-publish-w1/-w64  persistent 1 KB messages, confirms awaited, 1 or 64 in flight: RabbitMQ.Client vs IMessagePublisher
#   rabbit-consume-p1/-p64  drain a pre-filled group queue, ack per message, prefetch 1 (Spring's default) or 64
#   kafka-publish-w1/-w64   idempotent acks=all producer, delivery reports awaited, 1 or 64 in flight
#   kafka-consume           drain a pre-filled topic with a new group, synchronous commit per record
# Each scenario: one unrecorded warm-up per side, then the rounds, direct first in odd rounds and Stratus first in even
# ones. Prints medians (msg/s and the process's CPU µs per message), the ratio of the medians and the ratio per round.
# Loopback only; stops what it starts. Usage: bench/macro/messaging.sh [rounds=6] [messages=10000] [scenarios=all]
source "$(dirname "$0")/common.sh"
ROUNDS="${1:-6}"; MESSAGES="${2:-10000}"; SCENARIOS="${3:-}"
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || { echo "installing rabbitmq-server from Debian packages" >&2; apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rabbitmq-server >/dev/null; command -v systemctl >/dev/null && systemctl stop rabbitmq-server 2>/dev/null || true; }
dotnet build "$ROOT/bench/macro/MessagingBench" -c Release -nologo -clp:ErrorsOnly >/dev/null
APP_DLL="$ROOT/bench/macro/MessagingBench/bin/Release/net10.0/Stratus.Bench.MessagingBench.dll"

# Erlang's port mapper is shared by every node on the machine: keep a new one on loopback, and stop it at the end
# only if this run started it.
export ERL_EPMD_ADDRESS=127.0.0.1
epmd_running() { command -v epmd >/dev/null 2>&1 && epmd -names >/dev/null 2>&1; }
if epmd_running; then epmd_was_running=1; else epmd_was_running=0; fi
RESULTS=$(mktemp)
trap 'cleanup; rm -f "$RESULTS"; if [ "$epmd_was_running" = 0 ] && epmd_running; then epmd -kill >/dev/null 2>&1 || true; fi' EXIT

args=(--rounds="$ROUNDS" --messages="$MESSAGES")
[ -n "$SCENARIOS" ] && args+=(--scenarios="$SCENARIOS")
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
start=$(date +%s)
dotnet "$APP_DLL" "${args[@]}" > "$RESULTS" & PIDS+=($!)
wait "${PIDS[-1]}"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg); $(( $(date +%s) - start )) s" >&2

python3 - "$RESULTS" <<'PY'
import json, statistics, sys
rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
scenarios = list(dict.fromkeys(r["scenario"] for r in rows))
print()
print("| scenario | messages | direct msg/s | Stratus msg/s | ratio of medians | ratio per round | median ratio | CPU µs/msg direct / Stratus | goal ≥ 0.8 |")
print("| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | --- |")
for name in scenarios:
    runs = {v: {r["round"]: r for r in rows if r["scenario"] == name and r["variant"] == v} for v in ("direct", "stratus")}
    rounds = sorted(set(runs["direct"]) & set(runs["stratus"]))
    if not rounds:
        continue
    direct = statistics.median(runs["direct"][n]["rate"] for n in rounds)
    stratus = statistics.median(runs["stratus"][n]["rate"] for n in rounds)
    per_round = [runs["stratus"][n]["rate"] / runs["direct"][n]["rate"] for n in rounds]
    median_ratio = statistics.median(per_round)
    cpu = lambda v: statistics.median(runs[v][n]["cpuMicrosPerMessage"] for n in rounds)
    print(f"| {name} | {runs['direct'][rounds[0]]['messages']:,} | {direct:,.0f} | {stratus:,.0f} | {stratus / direct:.2f} | "
          f"{', '.join(f'{x:.2f}' for x in per_round)} | **{median_ratio:.2f}** | {cpu('direct'):.1f} / {cpu('stratus'):.1f} | "
          f"{'met' if median_ratio >= 0.8 else 'not met'} |")
PY
