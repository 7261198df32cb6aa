#!/usr/bin/env bash
# Time from process start to the first answered request (JIT, Release build, and a ReadyToRun publish).
#   registry: `stratus registry`, until /actuator/health answers.
#   dev:      `stratus dev`, three moments per start: "answers" (all four parts, registry, config server, gateway and
#             auth server, answer HTTP on /actuator/health, whatever the status), "healthy" (all four say 200; the auth
#             server says so once its store is prepared in the background) and "token" (a client-credentials token from
#             the demo client, asked for right after "answers": it waits for the store if need be).
#             "cold" starts in a folder without ./.stratus (the auth server creates its SQLite database and first signing
#             key), "warm" reuses the folder of the previous run (database and key there).
# Usage: bench/macro/startup.sh [runs=10] [registry|dev]
source "$(dirname "$0")/common.sh"
RUNS="${1:-10}"
ROLE="${2:-registry}"
build
R2R_DIR=$(mktemp -d)
dotnet publish "$ROOT/src/Stratus.Cli" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$R2R_DIR" -nologo -clp:ErrorsOnly >/dev/null

report() { # label goal times...
  local label="$1" goal="$2"; shift 2
  local goaltext=""; [ "$goal" != - ] && goaltext=" (goal < $goal)"
  echo "$label: ms after start: median $(printf '%s\n' "$@" | median), min $(printf '%s\n' "$@" | sort -g | head -1), max $(printf '%s\n' "$@" | sort -g | tail -1)$goaltext"
}

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
  report "$1" 1000 "${times[@]}"
}

measure_dev() { # label dll cold(1|0)
  local times=() work; work=$(mktemp -d); mkdir -p "$work/config-repo"
  printf 'greeting: hello\n' >"$work/config-repo/application.yml"
  if [ "$3" = 0 ]; then # one start first, so the database and key exist
    RUNS=1 measure_dev_runs "$2" "$work" 0 >/dev/null
  fi
  measure_dev_runs "$2" "$work" "$3"
  report "$1, all answer" 2000 "${DEV_TIMES[@]}"
  report "$1, first token" - "${TOKEN_TIMES[@]}"
  report "$1, all healthy" - "${HEALTHY_TIMES[@]}"
  rm -rf "$work"
}

measure_dev_runs() { # dll folder cold(1|0); fills DEV_TIMES, TOKEN_TIMES, HEALTHY_TIMES
  DEV_TIMES=() TOKEN_TIMES=() HEALTHY_TIMES=()
  for _ in $(seq 1 "$RUNS"); do
    [ "$3" = 1 ] && rm -rf "$2/.stratus"
    local ports=() p
    for _ in 1 2 3 4; do ports+=("$(free_port)"); done
    local t0; t0=$(date +%s%N)
    (cd "$2" && exec dotnet "$1" dev --Stratus:Dev:RegistryUrl="http://127.0.0.1:${ports[0]}" \
      --Stratus:Dev:ConfigServerUrl="http://127.0.0.1:${ports[1]}" --Stratus:Dev:GatewayUrl="http://127.0.0.1:${ports[2]}" \
      --Stratus:Dev:AuthServerUrl="http://127.0.0.1:${ports[3]}" >/dev/null 2>&1) & local pid=$!
    for p in "${ports[@]}"; do
      until curl -s -o /dev/null "http://127.0.0.1:$p/actuator/health"; do sleep 0.005; done
    done
    DEV_TIMES+=($(( ($(date +%s%N) - t0) / 1000000 )))
    curl -fs -o /dev/null -u demo-client:demo-secret -d grant_type=client_credentials "http://127.0.0.1:${ports[3]}/connect/token" \
      || { echo "startup.sh: no token from the auth server" >&2; exit 1; }
    TOKEN_TIMES+=($(( ($(date +%s%N) - t0) / 1000000 )))
    for p in "${ports[@]}"; do
      until curl -fs -o /dev/null "http://127.0.0.1:$p/actuator/health"; do sleep 0.005; done
    done
    HEALTHY_TIMES+=($(( ($(date +%s%N) - t0) / 1000000 )))
    kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  done
}

if [ "$ROLE" = dev ]; then
  measure_dev "dev, JIT, cold" "$STRATUS_DLL" 1
  measure_dev "dev, JIT, warm" "$STRATUS_DLL" 0
  measure_dev "dev, ReadyToRun, cold" "$R2R_DIR/stratus.dll" 1
  measure_dev "dev, ReadyToRun, warm" "$R2R_DIR/stratus.dll" 0
else
  measure "JIT" "$STRATUS_DLL"
  measure "ReadyToRun" "$R2R_DIR/stratus.dll"
fi
rm -rf "$R2R_DIR"
