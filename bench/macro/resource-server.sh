#!/usr/bin/env bash
# A resource server's cost of validating bearer JWTs, warm: one process (bench/macro/ResourceServerApp) serves the same
# minimal endpoint open (/open, no token) and behind AddStratusResourceServer with a scope policy (/secure, an RS256
# token whose keys come from a JWKS URL). wrk hits each in turn, every round; the table gives medians over rounds and
# the ratio secured/open (goal >= 0.6). The token is the same on every request, as a client reusing its access token
# sends it, so the validated-token cache answers after the first request; the micro benchmark gives the cost of one
# full validation. Loopback only; stops what it starts. Usage: bench/macro/resource-server.sh [rounds=3] [seconds=8] [connections=32]
source "$(dirname "$0")/common.sh"
ROUNDS="${1:-3}"; SECONDS_PER_RUN="${2:-8}"; CONNECTIONS="${3:-32}"
ensure_wrk
dotnet build "$ROOT/bench/macro/Baseline" -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build "$ROOT/bench/macro/ResourceServerApp" -c Release -nologo -clp:ErrorsOnly >/dev/null
BASELINE_DLL="$ROOT/bench/macro/Baseline/bin/Release/net10.0/Stratus.Bench.Baseline.dll"
APP_DLL="$ROOT/bench/macro/ResourceServerApp/bin/Release/net10.0/Stratus.Bench.ResourceServerApp.dll"

WORK=$(mktemp -d); trap 'cleanup; rm -rf "$WORK"' EXIT
JWKS_PORT=$(free_port); APP_PORT=$(free_port)
# A signing key, its JWKS (served as a static file) and one token, made with openssl.
TOKEN=$(python3 - "$WORK" <<'PY'
import base64, json, subprocess, sys, time
work = sys.argv[1]
b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
subprocess.run(["openssl", "genrsa", "-out", f"{work}/key.pem", "2048"], check=True, capture_output=True)
modulus = subprocess.run(["openssl", "rsa", "-in", f"{work}/key.pem", "-noout", "-modulus"], check=True, capture_output=True, text=True).stdout.strip().split("=")[1]
open(f"{work}/jwks.json", "w").write(json.dumps({"keys": [{"kty": "RSA", "kid": "k1", "alg": "RS256", "use": "sig", "n": b64(bytes.fromhex(modulus)), "e": "AQAB"}]}))
head = b64(json.dumps({"alg": "RS256", "typ": "JWT", "kid": "k1"}).encode())
now = int(time.time())
body = b64(json.dumps({"iss": "https://issuer.bench", "aud": "bench", "sub": "alice", "scope": "bench.read", "iat": now, "nbf": now - 60, "exp": now + 3600}).encode())
signature = subprocess.run(["openssl", "dgst", "-sha256", "-sign", f"{work}/key.pem"], input=f"{head}.{body}".encode(), check=True, capture_output=True).stdout
print(f"{head}.{body}.{b64(signature)}")
PY
)
dotnet "$BASELINE_DLL" --urls "http://127.0.0.1:$JWKS_PORT" --static "$WORK/jwks.json" >/dev/null 2>&1 & PIDS+=($!)
dotnet "$APP_DLL" --urls "http://127.0.0.1:$APP_PORT" \
  --Stratus:Security:ResourceServer:JwksUri="http://127.0.0.1:$JWKS_PORT/jwks" \
  --Stratus:Security:ResourceServer:Issuer=https://issuer.bench --Stratus:Security:ResourceServer:Audience=bench \
  >/dev/null 2>&1 & PIDS+=($!); APP_PID=$!
APP="http://127.0.0.1:$APP_PORT"
wait_http "$APP/open"
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$APP/secure")" = 200 ] || { echo "the resource server refused the benchmark token" >&2; exit 1; }
[ "$(curl -s -o /dev/null -w '%{http_code}' "$APP/secure")" = 401 ] || { echo "/secure answered without a token" >&2; exit 1; }

RESULTS=$(mktemp)
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; } # user + system CPU of a process, in clock ticks
run() { # label path [header] -> "label rps p50us p99us cpu-us-per-request"
  local out rps p50 p99 extra=() t0 t1 n cpu
  [ -n "${3:-}" ] && extra=(-H "$3")
  t0=$(ticks "$APP_PID")
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency "${extra[@]}" "$APP$2" 2>&1)
  t1=$(ticks "$APP_PID")
  rps=$(awk '/Requests\/sec/ { print $2 }' <<<"$out")
  n=$(awk '/requests in/ { print $1 }' <<<"$out")
  cpu=$(awk -v t="$((t1 - t0))" -v n="$n" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", t * 1000000 / hz / n }')
  us() { awk -v k="$1" '$1 == k { v = $2; if (v ~ /us$/) { sub(/us/, "", v) } else if (v ~ /ms$/) { sub(/ms/, "", v); v *= 1000 } else if (v ~ /s$/) { sub(/s/, "", v); v *= 1000000 } print v }' <<<"$out"; }
  p50=$(us "50%"); p99=$(us "99%")
  echo "$1 $rps $p50 $p99 $cpu" | tee -a "$RESULTS" >&2
}
echo "warming up (JIT and tiered compilation) for 5 s per endpoint" >&2
wrk -t2 -c"$CONNECTIONS" -d5s "$APP/open" >/dev/null 2>&1
wrk -t2 -c"$CONNECTIONS" -d5s -H "Authorization: Bearer $TOKEN" "$APP/secure" >/dev/null 2>&1
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round/$ROUNDS" >&2
  run open /open
  run secured /secure "Authorization: Bearer $TOKEN"
done

med() { awk -v k="$1" -v f="$2" '$1 == k { print $f }' "$RESULTS" | median; }
echo
echo "| endpoint | median req/s ($CONNECTIONS conn.) | p50 (µs) | p99 (µs) | CPU per request (µs) |"
echo "| --- | ---: | ---: | ---: | ---: |"
for t in open secured; do
  awk -v n="$t" -v r="$(med "$t" 2)" -v p="$(med "$t" 3)" -v q="$(med "$t" 4)" -v c="$(med "$t" 5)" 'BEGIN { printf "| %s | %.0f | %.0f | %.0f | %s |\n", n, r, p, q, c }'
done
echo
awk -v s="$(med secured 2)" -v o="$(med open 2)" 'BEGIN { printf "secured: %.2fx the requests per second of the open endpoint (goal >= 0.6)\n", s / o }'
