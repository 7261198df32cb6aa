# Shared helpers for the macro benchmarks: build once, start servers on free loopback ports, stop them by PID.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

build() {
  dotnet build "$ROOT/src/Stratus.Cli" -c Release -nologo -clp:ErrorsOnly >/dev/null
  dotnet build "$ROOT/bench/macro/Baseline" -c Release -nologo -clp:ErrorsOnly >/dev/null
  STRATUS_DLL="$ROOT/src/Stratus.Cli/bin/Release/net10.0/stratus.dll"
  BASELINE_DLL="$ROOT/bench/macro/Baseline/bin/Release/net10.0/Stratus.Bench.Baseline.dll"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

wait_http() { # url
  for _ in $(seq 1 400); do curl -fs -o /dev/null "$1" && return 0; sleep 0.05; done
  echo "no answer from $1" >&2; return 1
}

median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

ensure_wrk() {
  command -v wrk >/dev/null 2>&1 && return 0
  echo "installing wrk from Debian packages" >&2
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
}

register() { # base app id [durationSecs]
  local duration="${4:-90}"
  curl -fs -o /dev/null -X POST "$1/eureka/apps/$2" -H 'Content-Type: application/json' -d "{\"instance\":{\"instanceId\":\"$3\",\"hostName\":\"h-$3\",\"app\":\"$2\",\"ipAddr\":\"10.1.0.1\",\"status\":\"UP\",\"port\":{\"\$\":8080,\"@enabled\":\"true\"},\"vipAddress\":\"$2\",\"leaseInfo\":{\"durationInSecs\":$duration},\"metadata\":{\"zone\":\"z1\",\"management.port\":\"8081\"},\"dataCenterInfo\":{\"@class\":\"com.netflix.appinfo.InstanceInfo\$DefaultDataCenterInfo\",\"name\":\"MyOwn\"}}}"
}
