#!/usr/bin/env bash
# Failover under load: a registry, three instances of organization-service, and a caller sending 200 GETs/s by name.
# After 2 s one instance is killed with SIGKILL. Each run prints calls, failed calls, time from the kill to the
# registry's eviction and from the eviction to the instance leaving the caller's view (registry watch).
# Usage: bench/macro/discovery-failover.sh [runs=5] [seconds=8]
source "$(dirname "$0")/common.sh"
RUNS="${1:-5}"; SECONDS_PER_RUN="${2:-8}"
build
dotnet build "$ROOT/test/Stratus.TestService" -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build "$ROOT/bench/macro/Failover" -c Release -nologo -clp:ErrorsOnly >/dev/null
SERVICE_DLL="$ROOT/test/Stratus.TestService/bin/Release/net10.0/Stratus.TestService.dll"
PROBE_DLL="$ROOT/bench/macro/Failover/bin/Release/net10.0/Stratus.Bench.Failover.dll"
results=()
for run in $(seq 1 "$RUNS"); do
  port=$(free_port)
  dotnet "$STRATUS_DLL" registry --urls "http://127.0.0.1:$port" --Stratus:Registry:EvictionInterval=00:00:01 \
    --Stratus:Registry:EnableSelfPreservation=false >/dev/null 2>&1 & PIDS+=($!)
  wait_http "http://127.0.0.1:$port/actuator/health"
  svc_pids=(); svc_ports=()
  for name in a b c; do
    sp=$(free_port)
    dotnet "$SERVICE_DLL" --urls "http://127.0.0.1:$sp" --Stratus:Discovery:ServiceUrl="http://127.0.0.1:$port/eureka/" \
      --Stratus:Discovery:AppName=organization-service --Stratus:Discovery:LeaseRenewalInterval=00:00:01 \
      --Stratus:Discovery:LeaseExpirationDuration=00:00:02 --InstanceName=$name >/dev/null 2>&1 & PIDS+=($!)
    svc_pids+=($!); svc_ports+=($sp)
    wait_http "http://127.0.0.1:$sp/whoami"
  done
  line=$(dotnet "$PROBE_DLL" "http://127.0.0.1:$port/" "${svc_pids[1]}" "${svc_ports[1]}" "$SECONDS_PER_RUN")
  echo "run $run: $line"
  results+=("$line")
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; PIDS=()
done
printf '%s\n' "${results[@]}" | python3 -c '
import json, statistics, sys
rows = [json.loads(l) for l in sys.stdin if l.strip()]
print("median calls %d, total failures %d, median kill->eviction %d ms, median eviction->caller view %d ms (max %d ms)" % (
  statistics.median(r["calls"] for r in rows), sum(r["failures"] for r in rows),
  statistics.median(r["killToEvictionMs"] for r in rows), statistics.median(r["evictionToViewMs"] for r in rows),
  max(r["evictionToViewMs"] for r in rows)))'
