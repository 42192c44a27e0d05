#!/usr/bin/env bash
# Runs every test of SnogMarryAvoid, the same way on a laptop and in CI.
#  - Installs what the tests need when it is missing: Debian's chromium (browser tests),
#    postgresql (server database tests), redis-server (scale-out tests), nginx (the shipped proxy
#    configuration, run for real) and systemd (systemd-analyze checks the shipped unit). As root on Debian it runs
#    apt-get; anywhere else it says exactly what to install and stops.
#  - Starts a throwaway PostgreSQL on 127.0.0.1 and stops it afterwards. The scale-out tests start
#    their own redis-server processes on 127.0.0.1 (so the outage test can stop and restart one).
#  - Checks the code's formatting against .editorconfig (`dotnet format --verify-no-changes`): drift is
#    one failure, listed with the files and rules, and the tests still run.
#  - Runs `dotnet test` and ends with one line: "N passed, N failed, N skipped" (the tests, plus the
#    formatting check as one more).
# Extra arguments go to dotnet test, e.g. ./test.sh --filter "FullyQualifiedName~Core".
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)
services="$root/.test-services"
results="$root/TestResults"

say() { printf '[test.sh] %s\n' "$*"; }

find_pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/pg_ctl" ] && { echo "$dir"; return 0; }
  done
  command -v pg_ctl >/dev/null 2>&1 && { dirname "$(command -v pg_ctl)"; return 0; }
  return 1
}

chromium_path=${SMA_TEST_CHROMIUM:-/usr/bin/chromium}
missing=()
[ -x "$chromium_path" ] || missing+=(chromium)
find_pg_bin >/dev/null || missing+=(postgresql)
redis_path=${SMA_TEST_REDIS_SERVER:-$(command -v redis-server || echo /usr/bin/redis-server)}
[ -x "$redis_path" ] || missing+=(redis-server)
nginx_path=${SMA_TEST_NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
[ -x "$nginx_path" ] || missing+=(nginx)
command -v systemd-analyze >/dev/null 2>&1 || missing+=(systemd)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing ${missing[*]} with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || {
      say "apt-get could not install ${missing[*]}"; exit 2; }
  else
    say "missing: ${missing[*]}"
    say "On Debian or Ubuntu, as root: apt-get install -y ${missing[*]}"
    say "Elsewhere: install Chromium (or set SMA_TEST_CHROMIUM to its path), the PostgreSQL server"
    say "binaries (initdb, pg_ctl), redis-server (or set SMA_TEST_REDIS_SERVER), nginx 1.22 or newer (or set"
    say "SMA_TEST_NGINX) and systemd-analyze, then run ./test.sh again."
    exit 2
  fi
fi

# ---- PostgreSQL on 127.0.0.1, in a throwaway folder ----
pg_bin=$(find_pg_bin)
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
pg_port=55432
while ! port_free "$pg_port"; do pg_port=$((pg_port + 1)); done
mkdir -p "$services"
pg_dir=$(mktemp -d "$services/pg.XXXXXX")
as_pg=()
if [ "$(id -u)" = 0 ]; then
  chown -R postgres: "$pg_dir"
  chmod 755 "$services"
  as_pg=(runuser -u postgres --)
fi

cleanup() {
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
trap cleanup EXIT

say "starting PostgreSQL on 127.0.0.1:$pg_port"
"${as_pg[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --no-sync >"$pg_dir/initdb.log" 2>&1 || {
  cat "$pg_dir/initdb.log"; say "initdb failed"; exit 2; }
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $pg_port -c unix_socket_directories=$pg_dir -c fsync=off" start >/dev/null || {
  cat "$pg_dir/server.log"; say "PostgreSQL did not start"; exit 2; }

export SMA_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Include Error Detail=true"
export SMA_TEST_CHROMIUM="$chromium_path"
export SMA_TEST_NGINX="$nginx_path"
redis_path=${SMA_TEST_REDIS_SERVER:-$(command -v redis-server || echo /usr/bin/redis-server)}
"$redis_path" --version >/dev/null 2>&1 || { say "$redis_path does not run"; exit 2; }
export SMA_TEST_REDIS_SERVER="$redis_path"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# ---- formatting ----
say "checking formatting (dotnet format --verify-no-changes)"
format_failed=0
if ! dotnet format SnogMarryAvoid.sln --verify-no-changes -v q >"$services/format.log" 2>&1; then
  format_failed=1
  sed -E 's/ \[[^]]*\]$//' "$services/format.log" | head -50
  say "formatting differs from .editorconfig: run 'dotnet format SnogMarryAvoid.sln' and commit the result"
fi

# ---- the tests ----
rm -rf "$results"
dotnet test SnogMarryAvoid.sln -c Release --logger "trx" --logger "console;verbosity=normal" \
  --results-directory "$results" "$@" 2>&1 | tee "$services/dotnet-test.log" | grep -vE '^\s*(Passed|Skipped) ' 
status=${PIPESTATUS[0]}

passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done

if [ "$format_failed" -eq 1 ]; then
  failed=$((failed + 1))
else
  passed=$((passed + 1))
fi

if [ "$status" -ne 0 ] && [ "$failed" -eq "$format_failed" ]; then
  failed=$((failed + 1))
  say "dotnet test exited with $status (build error or crashed run): counted as a failure"
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
