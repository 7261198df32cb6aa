#!/usr/bin/env bash
# The one test command: builds everything and runs every test project on a fresh Debian machine that has the
# .NET SDK. It installs what the tests need when it is missing (Node.js and npm for the third-party client tests, git
# for the config server, redis-server for the gateway's shared rate limiter, rabbitmq-server for messaging, postgresql
# for the OStock samples' and the auth server's PostgreSQL runs: the tests start their own redis-server, RabbitMQ node
# and PostgreSQL server on 127.0.0.1 and free ports and stop them), starts nothing that outlives it, and ends with a
# "N passed, N failed" line.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

need_apt=()
command -v node >/dev/null 2>&1 || need_apt+=(nodejs)
command -v npm >/dev/null 2>&1 || need_apt+=(npm)
command -v git >/dev/null 2>&1 || need_apt+=(git)
command -v redis-server >/dev/null 2>&1 || need_apt+=(redis-server)
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || need_apt+=(rabbitmq-server)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need_apt+=(postgresql)
# Erlang's port mapper (epmd) is shared by every Erlang node on the machine; stop it at the end only if we started it.
epmd_running() { command -v epmd >/dev/null 2>&1 && epmd -names >/dev/null 2>&1; }
if epmd_running; then epmd_was_running=1; else epmd_was_running=0; fi
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "test.sh: installing ${need_apt[*]} from Debian packages"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  # The package may start its own service on 127.0.0.1:6379; the tests run their own servers, so stop it again.
  if [[ " ${need_apt[*]} " == *" redis-server "* ]] && command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet redis-server 2>/dev/null; then
    $SUDO systemctl stop redis-server || true
  fi
  # The same for RabbitMQ; its install scripts may also leave an epmd listening on every interface.
  if [[ " ${need_apt[*]} " == *" rabbitmq-server "* ]]; then
    if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet rabbitmq-server 2>/dev/null; then
      $SUDO systemctl stop rabbitmq-server || true
    fi
    if [ "$epmd_was_running" = 0 ] && epmd_running; then epmd -kill >/dev/null 2>&1 || true; fi
  fi
  # The same for PostgreSQL: the package creates a cluster (15/main on 5432) and starts it, through systemd when there
  # is one, else with pg_ctlcluster; the tests run their own server (as the postgres user when run as root).
  if [[ " ${need_apt[*]} " == *" postgresql "* ]]; then
    if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet postgresql 2>/dev/null; then
      $SUDO systemctl stop postgresql || true
    fi
    if command -v pg_lsclusters >/dev/null 2>&1; then
      pg_lsclusters --no-header 2>/dev/null | while read -r version cluster _ status _; do
        if [[ "$status" == online* ]]; then $SUDO pg_ctlcluster "$version" "$cluster" stop || true; fi
      done || true
    fi
  fi
fi
# An epmd that a test node starts listens on loopback only.
export ERL_EPMD_ADDRESS=127.0.0.1

# Third-party clients used by compatibility tests (installed from npm into the test folder, pinned by lockfile).
for dir in test/compat/*/; do
  if [ -f "$dir/package.json" ] && [ ! -d "$dir/node_modules" ]; then
    (cd "$dir" && if [ -f package-lock.json ]; then npm ci --silent --no-audit --no-fund; else npm install --silent --no-audit --no-fund; fi)
  fi
done

dotnet build Stratus.slnx -c Release -nologo -clp:ErrorsOnly

log=$(mktemp)
trap 'rm -f "$log"; if [ "$epmd_was_running" = 0 ] && epmd_running; then epmd -kill >/dev/null 2>&1 || true; fi' EXIT
status=0
dotnet test Stratus.slnx -c Release --no-build -nologo 2>&1 | tee "$log" || status=$?

sum() { grep -Eo "$1: +[0-9]+" "$log" | awk '{ n += $2 } END { print n + 0 }'; }
passed=$(sum Passed); failed=$(sum Failed); skipped=$(sum Skipped)
echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
if [ "$status" -eq 0 ] && [ "${passed:-0}" -eq 0 ]; then
  echo "test.sh: no test ran" >&2
  exit 1
fi
exit "$status"
