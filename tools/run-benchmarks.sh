#!/usr/bin/env bash
# The room-size benchmark of docs/benchmarks.md: for each size, a fresh server (Release, Production
# environment) on 127.0.0.1:5080 and the load tool on the same machine. Writes <label>-<size>.json/.txt.
#
#   tools/run-benchmarks.sh OUTDIR LABEL [ENV=VALUE ...]
#   tools/run-benchmarks.sh bench sqlite
#   tools/run-benchmarks.sh bench postgres Database__Provider=Postgres "ConnectionStrings__Default=Host=127.0.0.1;Port=5432;Username=postgres;Database=bench"
set -euo pipefail
out=$(realpath -m "${1:?output folder}"); label=${2:?label}; shift 2
sizes=${SIZES:-1000 2500 5000 10000}
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
dotnet publish "$root/SnogMarryAvoid.Web" -c Release -o "$out/web" >/dev/null
dotnet publish "$root/SnogMarryAvoid.LoadTest" -c Release -o "$out/load" >/dev/null
for n in $sizes; do
  data=$(mktemp -d)
  ( cd "$out/web" && env ASPNETCORE_URLS=http://127.0.0.1:5080 ASPNETCORE_ENVIRONMENT=Production DataFolder="$data" \
      Bootstrap__OrganiserEmail=bench@example.org Bootstrap__OrganiserPassword=bench-password-1 \
      Logging__LogLevel__Default=Warning Limits__HubConnectionsPerAddress=100000 "$@" dotnet SnogMarryAvoid.Web.dll > "$out/server-$label-$n.log" 2>&1 ) &
  sleep 1; server=$(pgrep -n -f "SnogMarryAvoid.Web.dll")
  for _ in $(seq 60); do curl -fs http://127.0.0.1:5080/healthz >/dev/null && break; sleep 0.5; done
  dotnet "$out/load/SnogMarryAvoid.LoadTest.dll" --url http://127.0.0.1:5080 --participants "$n" --burst-seconds 10 \
    --scenarios 1 --projectors 2 --change-share 0.1 --retry-share 0.05 --max-seconds 300 --connect-concurrency 200 \
    --email bench@example.org --password bench-password-1 --server-pid "$server" --json "$out/$label-$n.json" --quiet \
    > "$out/$label-$n.txt" 2>&1 || true
  kill "$server"; wait "$server" 2>/dev/null || true; rm -rf "$data"
  echo "$label $n: $(grep '| result' "$out/$label-$n.txt" || echo 'no result')"
done
