#!/usr/bin/env bash
# Gateway throughput and latency in one run, same client (wrk), same backend (a static 2 KB JSON answer on Kestrel):
# the backend hit directly, plain YARP (one static route), the Stratus gateway (Spring-style route, Path predicate,
# StripPrefix-free) and nginx (Debian package) proxying the same backend. Then p50 at 1 connection for direct and each
# proxy. Then the same gateway with a route that validates a bearer JWT (RS256, keys from a JWKS URL) and applies a
# per-principal RequestRateLimiter (never full), against its plain route.
# Loopback only; stops what it starts. Usage: bench/macro/gateway.sh [rounds=3] [seconds=8] [connections=32]
source "$(dirname "$0")/common.sh"
ROUNDS="${1:-3}"; SECONDS_PER_RUN="${2:-8}"; CONNECTIONS="${3:-32}"
ensure_wrk; build
dotnet build "$ROOT/bench/macro/YarpBaseline" -c Release -nologo -clp:ErrorsOnly >/dev/null
YARP_DLL="$ROOT/bench/macro/YarpBaseline/bin/Release/net10.0/Stratus.Bench.YarpBaseline.dll"
command -v nginx >/dev/null 2>&1 || { echo "installing nginx from Debian packages" >&2; apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; }

WORK=$(mktemp -d); trap 'cleanup; [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null; rm -rf "$WORK"' EXIT
head -c 2048 /dev/zero | tr '\0' 'x' | awk '{ printf "{\"data\":\"%s\"}", $0 }' > "$WORK/static.json"
BACK_PORT=$(free_port); YARP_PORT=$(free_port); GW_PORT=$(free_port); NGINX_PORT=$(free_port)
BACK="http://127.0.0.1:$BACK_PORT"
dotnet "$BASELINE_DLL" --urls "$BACK" --static "$WORK/static.json" >/dev/null 2>&1 & PIDS+=($!)
dotnet "$YARP_DLL" --urls "http://127.0.0.1:$YARP_PORT" --backend "$BACK" >/dev/null 2>&1 & PIDS+=($!); YARP_PID=$!
# A signing key, its JWKS (served as a static file) and one token, made with openssl.
JWKS_PORT=$(free_port)
TOKEN=$(python3 - "$WORK" <<'PY'
import base64, json, subprocess, sys, time
work = sys.argv[1]
b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
subprocess.run(["openssl", "genrsa", "-out", f"{work}/key.pem", "2048"], check=True, capture_output=True)
modulus = subprocess.run(["openssl", "rsa", "-in", f"{work}/key.pem", "-noout", "-modulus"], check=True, capture_output=True, text=True).stdout.strip().split("=")[1]
open(f"{work}/jwks.json", "w").write(json.dumps({"keys": [{"kty": "RSA", "kid": "k1", "alg": "RS256", "use": "sig", "n": b64(bytes.fromhex(modulus)), "e": "AQAB"}]}))
head = b64(json.dumps({"alg": "RS256", "typ": "JWT", "kid": "k1"}).encode())
body = b64(json.dumps({"iss": "https://issuer.bench", "aud": "bench", "sub": "alice", "scope": "bench.read", "exp": int(time.time()) + 3600}).encode())
signature = subprocess.run(["openssl", "dgst", "-sha256", "-sign", f"{work}/key.pem"], input=f"{head}.{body}".encode(), check=True, capture_output=True).stdout
print(f"{head}.{body}.{b64(signature)}")
PY
)
dotnet "$BASELINE_DLL" --urls "http://127.0.0.1:$JWKS_PORT" --static "$WORK/jwks.json" >/dev/null 2>&1 & PIDS+=($!)
dotnet "$STRATUS_DLL" gateway --urls "http://127.0.0.1:$GW_PORT" --Logging:LogLevel:Default=Warning --Stratus:Discovery:Fetch=false \
  --Stratus:Gateway:Routes:0:Id=api --Stratus:Gateway:Routes:0:Uri="$BACK" --Stratus:Gateway:Routes:0:Predicates:0='Path=/api/**' \
  --Stratus:Gateway:Routes:1:Id=secure --Stratus:Gateway:Routes:1:Uri="$BACK" --Stratus:Gateway:Routes:1:Predicates:0='Path=/secure/**' \
  --Stratus:Gateway:Routes:1:Filters:0='RequestRateLimiter=1000000, 10000000' --Stratus:Gateway:Routes:1:Metadata:auth-scopes=bench.read \
  --Stratus:Gateway:Jwt:JwksUri="http://127.0.0.1:$JWKS_PORT/jwks" --Stratus:Gateway:Jwt:Issuer=https://issuer.bench --Stratus:Gateway:Jwt:Audience=bench \
  >/dev/null 2>&1 & PIDS+=($!); GW_PID=$!
cat > "$WORK/nginx.conf" <<NGINX
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  upstream backend { server 127.0.0.1:$BACK_PORT; keepalive 64; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
NGINX
nginx -c "$WORK/nginx.conf" -p "$WORK" -e "$WORK/error.log"
for url in "$BACK/api/x" "http://127.0.0.1:$YARP_PORT/api/x" "http://127.0.0.1:$GW_PORT/api/x" "http://127.0.0.1:$NGINX_PORT/api/x"; do wait_http "$url"; done

RESULTS=$(mktemp)
run() { # label url connections [header] [pid] -> "label rps p50us p99us cpu-us-per-request"
  local out rps p50 p99 extra=() t0=0 t1=0 n cpu=0
  [ -n "${4:-}" ] && extra=(-H "$4")
  [ -n "${5:-}" ] && t0=$(ticks "$5")
  out=$(wrk -t"$([ "$3" -eq 1 ] && echo 1 || echo 2)" -c"$3" -d"${SECONDS_PER_RUN}s" --latency "${extra[@]}" "$2" 2>&1)
  [ -n "${5:-}" ] && t1=$(ticks "$5")
  rps=$(awk '/Requests\/sec/ { print $2 }' <<<"$out")
  n=$(awk '/requests in/ { print $1 }' <<<"$out")
  [ -n "${5:-}" ] && cpu=$(awk -v t="$((t1 - t0))" -v n="$n" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", t * 1000000 / hz / n }')
  us() { awk -v k="$1" '$1 == k { v = $2; if (v ~ /us$/) { sub(/us/, "", v) } else if (v ~ /ms$/) { sub(/ms/, "", v); v *= 1000 } else if (v ~ /s$/) { sub(/s/, "", v); v *= 1000000 } print v }' <<<"$out"; }
  p50=$(us "50%"); p99=$(us "99%")
  echo "$1 $rps $p50 $p99 $cpu" | tee -a "$RESULTS" >&2
}
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; } # user + system CPU of a process, in clock ticks
echo "warming up (JIT and tiered compilation) for 5 s per target" >&2
for url in "$BACK/api/x" "http://127.0.0.1:$YARP_PORT/api/x" "http://127.0.0.1:$GW_PORT/api/x" "http://127.0.0.1:$NGINX_PORT/api/x"; do
  wrk -t2 -c"$CONNECTIONS" -d5s "$url" >/dev/null 2>&1
done
wrk -t2 -c"$CONNECTIONS" -d5s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$GW_PORT/secure/x" >/dev/null 2>&1
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round/$ROUNDS" >&2
  run direct "$BACK/api/x" "$CONNECTIONS"
  run yarp "http://127.0.0.1:$YARP_PORT/api/x" "$CONNECTIONS" "" "$YARP_PID"
  run stratus "http://127.0.0.1:$GW_PORT/api/x" "$CONNECTIONS" "" "$GW_PID"
  run nginx "http://127.0.0.1:$NGINX_PORT/api/x" "$CONNECTIONS"
  run direct-1 "$BACK/api/x" 1
  run yarp-1 "http://127.0.0.1:$YARP_PORT/api/x" 1
  run stratus-1 "http://127.0.0.1:$GW_PORT/api/x" 1
  run nginx-1 "http://127.0.0.1:$NGINX_PORT/api/x" 1
  run secured "http://127.0.0.1:$GW_PORT/secure/x" "$CONNECTIONS" "Authorization: Bearer $TOKEN"
done

med() { awk -v k="$1" -v f="$2" '$1 == k { print $f }' "$RESULTS" | median; }
# p50 at 1 connection minus the backend's own in the same round, median over rounds: the direct figure moves between
# rounds (35-90 µs here), so a difference of two medians is noisier than the median of paired differences.
added() { awk -v k="$1-1" '$1 == "direct-1" { d = $3 } $1 == k { print $3 - d }' "$RESULTS" | median; }
echo
echo "| target | median req/s ($CONNECTIONS conn.) | ratio to YARP | ratio to direct | p50 at 1 conn. (µs) | p50 added over direct (µs) | proxy CPU per request (µs) |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
curl -fs -o /dev/null -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$GW_PORT/secure/x" || echo "WARNING: the secured route refused the benchmark token" >&2
for t in direct yarp stratus nginx; do
  awk -v n="$t" -v r="$(med "$t" 2)" -v y="$(med yarp 2)" -v d="$(med direct 2)" -v p="$(med "$t-1" 3)" -v a="$(added "$t")" -v c="$(med "$t" 5)" \
    'BEGIN { printf "| %s | %.0f | %.2f | %.2f | %.0f | %+.0f | %s |\n", n, r, r / y, r / d, p, a, (c > 0 ? c : "–") }'
done
echo
awk -v s="$(med secured 2)" -v p="$(med stratus 2)" 'BEGIN { printf "stratus with JWT validation + rate limiter: %.0f req/s, %.2fx the same gateway without them (goal >= 0.7)\n", s, s / p }'
