#!/usr/bin/env bash
# Runs the whole OStock system on this machine with nothing but the .NET SDK: `stratus dev` (registry, config server
# serving ./config-repo, gateway, auth server) started in this folder, two organization-service instances and one
# licensing-service, all on 127.0.0.1. Prints where to look and a request to try; Ctrl-C (or SIGTERM) stops everything.
# Logs: samples/OStock/.stratus/logs/; data (SQLite): samples/OStock/.stratus/data/ (delete .stratus/ to start afresh).
# Ports: gateway 8080, registry 8761, config server 8888, auth server 9000, organization-service 8081 and 8083,
# licensing-service 8082.
set -euo pipefail
cd "$(dirname "$0")"
here=$(pwd)
root=$(cd ../.. && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
started=$(date +%s.%N)

echo "ostock: building (the first build takes a few minutes)"
for project in "$root/src/Stratus.Cli" "$here/organization-service" "$here/licensing-service"; do
  dotnet build "$project" -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
done
built=$(date +%s.%N)

mkdir -p .stratus/logs .stratus/data
pids=()
stop() {
  trap - INT TERM EXIT
  echo "ostock: stopping"
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill -TERM "${pids[i]}" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop EXIT
trap 'stop; exit 0' INT TERM

for port in 8080 8761 8888 9000 8081 8082 8083; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "ostock: port $port on 127.0.0.1 is already in use; stop what uses it and run again" >&2
    exit 1
  fi
done

# HTTP with bash's /dev/tcp: a fresh machine may have no curl.
status_of() { # port path [authorization] -> the HTTP status code
  local line
  exec 3<>"/dev/tcp/127.0.0.1/$1" || return 1
  printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1:%s\r\n%bConnection: close\r\n\r\n' "$2" "$1" "${3:+Authorization: $3\r\n}" >&3
  read -r -t 5 line <&3 || true
  exec 3<&- 3>&-
  echo "$line" | awk '{ print $2 }'
}

client_token() { # scope -> an access token of ostock-client (client credentials, from the auth server on 9000)
  local body="grant_type=client_credentials&scope=$1" answer
  exec 3<>/dev/tcp/127.0.0.1/9000 || return 1
  printf 'POST /connect/token HTTP/1.1\r\nHost: 127.0.0.1:9000\r\nAuthorization: Basic %s\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: %s\r\nConnection: close\r\n\r\n%s' \
    "$(printf 'ostock-client:ostock-secret' | base64)" "${#body}" "$body" >&3
  answer=$(timeout 10 cat <&3 || true)
  exec 3<&- 3>&-
  sed -n 's/.*"access_token": *"\([^"]*\)".*/\1/p' <<<"$answer"
}

wait_for() { # port path what [seconds] [authorization]: until the answer is 2xx
  local deadline=$(( $(date +%s) + ${4:-90} ))
  until [[ "$(status_of "$1" "$2" "${5:-}" 2>/dev/null)" == 2* ]]; do
    if [ "$(date +%s)" -ge "$deadline" ]; then echo "ostock: $3 did not answer at http://127.0.0.1:$1$2; see .stratus/logs/" >&2; exit 1; fi
    sleep 0.2
  done
}

# The control plane, with this folder's appsettings.json (gateway routes, the config repo's development key).
dotnet "$root/src/Stratus.Cli/bin/Release/net10.0/stratus.dll" dev >.stratus/logs/stratus-dev.log 2>&1 & pids+=($!)
wait_for 8080 /actuator/health "stratus dev"

service() { # name port database-key
  local bin="$here/$1/bin/Release/net10.0"
  (cd "$bin" && exec dotnet "$1.dll" --urls "http://127.0.0.1:$2" \
    --Stratus:Config:Uri=http://127.0.0.1:8888 --Stratus:Config:Profile=dev,secure \
    --Stratus:Discovery:ServiceUrl=http://127.0.0.1:8761/eureka/ \
    "--ConnectionStrings:$3=Data Source=$here/.stratus/data/$1.db") >".stratus/logs/$1-$2.log" 2>&1 & pids+=($!)
}
service organization-service 8081 Organization
wait_for 8081 /actuator/health "organization-service"   # it creates the shared database first
service organization-service 8083 Organization
service licensing-service 8082 Licensing
wait_for 8083 /actuator/health "the second organization-service"
wait_for 8082 /actuator/health "licensing-service"
wait_for 9000 /actuator/health "the auth server"
token=$(client_token licenses.read)
[ -n "$token" ] || { echo "ostock: the auth server gave no token to ostock-client; see .stratus/logs/stratus-dev.log" >&2; exit 1; }
wait_for 8080 /license/v1/organization/none/license "the gateway route to licensing-service" 90 "Bearer $token"
ready=$(date +%s.%N)

cat <<EOF

OStock is running (build $(awk -v a="$started" -v b="$built" 'BEGIN { printf "%.1f", b - a }') s, start to first call through the gateway $(awk -v a="$built" -v b="$ready" 'BEGIN { printf "%.1f", b - a }') s).
  gateway            http://127.0.0.1:8080      /organization/** -> organization-service, /license/** -> licensing-service
  registry dashboard http://127.0.0.1:8761/     both services, three instances
  config server      http://127.0.0.1:8888/licensing-service/dev,secure   (serving samples/OStock/config-repo)
  auth server        http://127.0.0.1:9000/.well-known/openid-configuration   (client ostock-client / ostock-secret)
  logs               samples/OStock/.stratus/logs/   (JSON lines; follow one trace.id across them)
Try (every call needs a token; without one the gateway answers 401):
  TOKEN=\$(curl -s -u ostock-client:ostock-secret -d grant_type=client_credentials \\
    -d 'scope=organizations.read organizations.write licenses.read licenses.write' http://127.0.0.1:9000/connect/token \\
    | sed -n 's/.*"access_token": *"\([^"]*\)".*/\1/p')
  curl -X POST http://127.0.0.1:8080/organization/v1/organization -H "Authorization: Bearer \$TOKEN" -H 'Content-Type: application/json' \\
    -d '{"id":"e254f8c-c442-4ebe","name":"HR-PowerSuite","contactName":"Doug Drewry","contactEmail":"doug@hr.example","contactPhone":"920-555-1212"}'
  curl -X POST http://127.0.0.1:8080/license/v1/organization/e254f8c-c442-4ebe/license -H "Authorization: Bearer \$TOKEN" -H 'Content-Type: application/json' \\
    -d '{"licenseId":"f3831f8c-c338-4ebe","productName":"Ostock","licenseType":"full","description":"Software product"}'
  curl http://127.0.0.1:8080/license/v1/organization/e254f8c-c442-4ebe/license/f3831f8c-c338-4ebe -H "Authorization: Bearer \$TOKEN"
Ctrl-C stops everything.
EOF
wait -n "${pids[@]}" || true
echo "ostock: a process stopped on its own; see .stratus/logs/" >&2
