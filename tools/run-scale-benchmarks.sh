#!/usr/bin/env bash
# The scale and cost benchmarks of docs/benchmarks.md ("Fifty thousand phones, and the cost of a vote"). Each case
# starts fresh servers (Release, Production) on 127.0.0.1 and runs the load tool beside them on the same machine.
# Needs PostgreSQL's initdb and pg_ctl and redis-server for the scale-out cases, nginx for the nginx case.
# Writes OUTDIR/<case>-<size>.json and .txt; the published app and tool are kept in OUTDIR/web and OUTDIR/load
# (PUBLISH=1 publishes them again).
#
#   tools/run-scale-benchmarks.sh OUTDIR one-server N            SQLite, one server, one burst of N phones
#   tools/run-scale-benchmarks.sh OUTDIR three-servers N A B C   PostgreSQL + Redis, three servers holding phones A:B:C;
#                                                                the facilitator and projectors on the first
#   tools/run-scale-benchmarks.sh OUTDIR nginx N                 two servers behind deploy/nginx.conf (TLS), its
#                                                                workers sized for 20,000 descriptors a process
#   tools/run-scale-benchmarks.sh OUTDIR calm                    CPU per vote: 100 phones, one vote every 100 ms,
#                                                                the console and projector open in Chromium; each
#                                                                scenario in three windows (opening, voting, closing)
#   tools/run-scale-benchmarks.sh OUTDIR idle-memory N           N phones join and stay idle a minute: RSS per phone
#
# SERVER_ENV="NAME=value NAME=value" adds to every server's environment (an experiment: DOTNET_TieredCompilation=0).
# STAFF_PAGES=0 runs the calm case without the console and projector pages (the load tool's hub projector stays).
set -euo pipefail
out=$(realpath -m "${1:?output folder}"); case=${2:?case}; shift 2
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
if [ ! -f "$out/web/SnogMarryAvoid.Web.dll" ] || [ "${PUBLISH:-0}" = 1 ]; then
  dotnet publish "$root/SnogMarryAvoid.Web" -c Release -o "$out/web" >/dev/null
  dotnet publish "$root/SnogMarryAvoid.LoadTest" -c Release -o "$out/load" >/dev/null
fi
account=(--email bench@example.org --password bench-password-1)
servers=()
read -ra server_env <<< "${SERVER_ENV:-}"
cleanup() {
  for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [ -f "$out/nginx/nginx.pid" ]; then kill "$(cat "$out/nginx/nginx.pid")" 2>/dev/null || true; fi
}
trap cleanup EXIT

# serve PORT [NAME=VALUE ...]: a server in the background, its pid in servers[]
serve() {
  local port=$1; shift
  local data="$out/data-$port"; rm -rf "$data"; mkdir -p "$data"
  ( cd "$out/web" && exec env ASPNETCORE_URLS="http://127.0.0.1:$port" ASPNETCORE_ENVIRONMENT=Production DataFolder="$data" \
      Bootstrap__OrganiserEmail=bench@example.org Bootstrap__OrganiserPassword=bench-password-1 \
      Logging__LogLevel__Default=Warning Logging__LogLevel__SnogMarryAvoid.Web.Hosting.MemoryGiveBack=Information \
      Limits__HubConnectionsPerAddress=100000 "$@" "${server_env[@]}" dotnet SnogMarryAvoid.Web.dll > "$data/server.log" 2>&1 ) &
  servers+=($!)
  for _ in $(seq 120); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && return; sleep 0.5; done
  echo "the server on $port did not start: see $data/server.log" >&2; exit 1
}

# PostgreSQL (127.0.0.1:55499, max_connections 300, fsync on) and Redis (127.0.0.1:6390), started once and left running
scale_out_services() {
  if ! pg_isready -h 127.0.0.1 -p 55499 -q; then
    local pg="$out/postgres"; rm -rf "$pg"; mkdir -p "$pg"
    local as=(); [ "$(id -u)" = 0 ] && { chown postgres "$pg"; as=(runuser -u postgres --); }
    "${as[@]}" initdb -D "$pg/data" -A trust -U postgres >/dev/null
    "${as[@]}" pg_ctl -D "$pg/data" -o "-p 55499 -k $pg -c listen_addresses=127.0.0.1 -c max_connections=300" -l "$pg/log" -w start >/dev/null
  fi
  redis-cli -p 6390 ping >/dev/null 2>&1 || redis-server --port 6390 --bind 127.0.0.1 --save "" --appendonly no --daemonize yes --logfile "$out/redis.log"
  psql -h 127.0.0.1 -p 55499 -U postgres -qc "drop database if exists bench" -c "create database bench" >/dev/null
  scale=(Database__Provider=Postgres "ConnectionStrings__Default=Host=127.0.0.1;Port=55499;Username=postgres;Database=bench;Maximum Pool Size=40"
    ConnectionStrings__Redis=127.0.0.1:6390 ForwardedHeaders__KnownProxies=127.0.0.1)
}

load() { dotnet "$out/load/SnogMarryAvoid.LoadTest.dll" "$@" "${account[@]}" $(printf -- '--server-pid %s ' "${servers[@]}") --quiet; }
burst=(--burst-seconds 10 --scenarios 1 --projectors 2 --change-share 0.1 --retry-share 0.05 --max-seconds 1200 --connect-concurrency 200
  --after-leave-seconds "${AFTER_LEAVE:-60}")

case $case in
  one-server)
    n=${1:?N}; serve 5080
    load --url http://127.0.0.1:5080 --participants "$n" "${burst[@]}" --processes $(( (n + 15999) / 16000 )) \
      --source-addresses 127.0.0.2,127.0.0.3 --json "$out/one-server-$n.json" > "$out/one-server-$n.txt" 2>&1 || true
    name=one-server-$n ;;
  three-servers)
    n=${1:?N}; a=${2:?A}; b=${3:?B}; c=${4:?C}; scale_out_services
    for port in 5081 5082 5083; do serve $port "${scale[@]}"; done
    # Phones in turn over the servers in the shares given, as a balancer would spread them; the first --url is the staff server.
    mapfile -t urls < <(python3 -c "
w = {'5081': $a, '5082': $b, '5083': $c}; t = sum(w.values()); n = {k: 0 for k in w}; order = []
for i in range(1, t + 1):
    k = max(w, key=lambda k: i * w[k] - n[k] * t); n[k] += 1; order.append(k)
j = order.index('5081')
for k in order[j:] + order[:j]: print('--url'); print('http://127.0.0.1:' + k)")
    load "${urls[@]}" --projector-url http://127.0.0.1:5081 --participants "$n" "${burst[@]}" --processes $(( (n + 15999) / 16000 )) \
      --source-addresses 127.0.0.2,127.0.0.3,127.0.0.4,127.0.0.5,127.0.0.6,127.0.0.7 \
      --json "$out/three-servers-$n.json" > "$out/three-servers-$n.txt" 2>&1 || true
    name=three-servers-$n ;;
  nginx)
    n=${1:?N}; scale_out_services
    for port in 5081 5082; do serve $port "${scale[@]}"; done
    ng="$out/nginx"; rm -rf "$ng"; mkdir -p "$ng"
    openssl req -x509 -newkey rsa:2048 -nodes -keyout "$ng/proxy.key" -out "$ng/proxy.pem" -days 7 -subj /CN=127.0.0.1 2>/dev/null
    # The shipped file with the site's values swapped, as NginxProxyTests does, and its workers sized for this machine:
    # a phone is two descriptors in a worker (its own and the one to the server), a process may hold 20,000 here.
    python3 - "$root/deploy/nginx.conf" "$ng" <<'PY'
import sys
shipped, ng = sys.argv[1], sys.argv[2]
s = open(shipped).read()
for a, b in [("        server 10.0.0.11:8080 max_fails=3 fail_timeout=10s;\n        server 10.0.0.12:8080 max_fails=3 fail_timeout=10s;\n",
              "        server 127.0.0.1:5081 max_fails=3 fail_timeout=10s;\n        server 127.0.0.1:5082 max_fails=3 fail_timeout=10s;\n"),
             ("listen 80;", "listen 127.0.0.1:8080;"), ("listen 443 ssl http2;", "listen 127.0.0.1:8443 ssl http2 reuseport;"),
             ("/etc/ssl/certs/vote.example.org.pem", ng + "/proxy.pem"), ("/etc/ssl/private/vote.example.org.key", ng + "/proxy.key"),
             ("/var/log/nginx/snogmarryavoid.access.log", ng + "/access.log"),
             ("worker_processes auto;", "worker_processes 6;\nworker_rlimit_nofile 20000;"),
             ("worker_connections 16384;", "worker_connections 19000;")]:
    assert a in s, a
    s = s.replace(a, b)
open(ng + "/nginx.conf", "w").write(s)
PY
    nginx -c "$ng/nginx.conf" -p "$ng" -e "$ng/error.log" -g "pid $ng/nginx.pid;"
    # ip_hash keeps a client's /24 on one server: the phones leave from 24 of them.
    sources=$(python3 -c "print(','.join(f'127.0.{i}.1' for i in range(1, 25)))")
    load --url https://127.0.0.1:8443 --trust-any-certificate --projector-url http://127.0.0.1:5081 --participants "$n" "${burst[@]}" \
      --processes $(( (n + 15999) / 16000 )) --source-addresses "$sources" --json "$out/nginx-$n.json" > "$out/nginx-$n.txt" 2>&1 || true
    name=nginx-$n ;;
  calm)
    serve 5080
    staff=(--staff-pages); [ "${STAFF_PAGES:-1}" = 0 ] && staff=()
    # A warm-up as a real room gives (1,000 phones, three scenarios, the staff pages open) and a first calm session (nine
    # scenarios: code that runs once a scenario is still unoptimised and being compiled at tier 1 during it, once a
    # process), then the measured session of nine calm scenarios (the figure is the median of the eight after the first).
    load --url http://127.0.0.1:5080 --participants 1000 --burst-seconds 10 --scenarios 3 --projectors 1 "${staff[@]}" --settle-seconds 1 >/dev/null 2>&1 || true
    load --url http://127.0.0.1:5080 --participants 100 --calm-interval-ms 100 --scenarios 9 --projectors 1 "${staff[@]}" \
      --json "$out/calm-warm-up.json" > "$out/calm-warm-up.txt" 2>&1 || true
    load --url http://127.0.0.1:5080 --participants 100 --calm-interval-ms 100 --scenarios 9 --projectors 1 "${staff[@]}" \
      --json "$out/calm.json" > "$out/calm.txt" 2>&1 || true
    name=calm ;;
  idle-memory)
    n=${1:?N}; serve 5080
    load --url http://127.0.0.1:5080 --participants "$n" --burst-seconds 1 --scenarios 1 --projectors 1 --max-seconds 400 \
      --settle-seconds 60 --processes $(( (n + 15999) / 16000 )) --source-addresses 127.0.0.2,127.0.0.3 \
      --json "$out/idle-memory-$n.json" > "$out/idle-memory-$n.txt" 2>&1 || true
    name=idle-memory-$n ;;
  *) echo "unknown case $case: one-server, three-servers, nginx, calm or idle-memory" >&2; exit 2 ;;
esac
grep -E '\| result|join ramp|vote → projector|server [0-9]|ms a vote|median' "$out/$name.txt" || { echo "no result: see $out/$name.txt" >&2; exit 1; }
