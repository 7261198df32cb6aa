#!/usr/bin/env bash
# Time from process start to the first answered request of `stratus registry` (JIT, Release build),
# and the same for a ReadyToRun publish. Usage: bench/macro/startup.sh [runs=10]
source "$(dirname "$0")/common.sh"
RUNS="${1:-10}"
build
R2R_DIR=$(mktemp -d)
dotnet publish "$ROOT/src/Stratus.Cli" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$R2R_DIR" -nologo -clp:ErrorsOnly >/dev/null

measure() { # label dll
  local times=()
  for _ in $(seq 1 "$RUNS"); do
    local port; port=$(free_port)
    local t0; t0=$(date +%s%N)
    dotnet "$2" registry --urls "http://127.0.0.1:$port" >/dev/null 2>&1 & local pid=$!
    until curl -fs -o /dev/null "http://127.0.0.1:$port/actuator/health"; do sleep 0.005; done
    times+=($(( ($(date +%s%N) - t0) / 1000000 )))
    kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  done
  echo "$1: first answer after ms: median $(printf '%s\n' "${times[@]}" | median), min $(printf '%s\n' "${times[@]}" | sort -g | head -1), max $(printf '%s\n' "${times[@]}" | sort -g | tail -1) (goal < 1000)"
}

measure "JIT" "$STRATUS_DLL"
measure "ReadyToRun" "$R2R_DIR/stratus.dll"
rm -rf "$R2R_DIR"
