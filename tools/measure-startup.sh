#!/usr/bin/env bash
# How long a published server takes to start (docs/benchmarks.md, "Published ahead of time"): from the process
# starting to /healthz/ready answering (a fresh SQLite database: its migrations, the built-in deck, the warm-ups),
# then one page, and the CPU the process had used by then. Each run on a fresh data folder, on 127.0.0.1.
#
#   tools/measure-startup.sh PUBLISHED_FOLDER [RUNS] [PORT]
set -euo pipefail
folder=$(realpath "${1:?the published folder}"); runs=${2:-3}; port=${3:-5391}
tick=$(getconf CLK_TCK)
for run in $(seq "$runs"); do
  data=$(mktemp -d)
  start=$(date +%s.%N)
  ( cd "$folder" && exec env ASPNETCORE_URLS="http://127.0.0.1:$port" ASPNETCORE_ENVIRONMENT=Production DataFolder="$data" \
      dotnet SnogMarryAvoid.Web.dll > "$data/server.log" 2>&1 ) &
  pid=$!
  for _ in $(seq 1200); do curl -fs "http://127.0.0.1:$port/healthz/ready" >/dev/null && break; sleep 0.05; done
  ready=$(date +%s.%N)
  curl -fs "http://127.0.0.1:$port/join" >/dev/null || { echo "the server did not start: see $data/server.log" >&2; kill "$pid"; exit 1; }
  page=$(date +%s.%N)
  read -r user system < <(awk '{print $14, $15}' "/proc/$pid/stat")
  awk -v run="$run" -v s="$start" -v r="$ready" -v p="$page" -v cpu=$((user + system)) -v tick="$tick" \
    'BEGIN { printf "run %d: ready in %.2f s, then /join in %.3f s; CPU %.2f s\n", run, r - s, p - r, cpu / tick }'
  kill "$pid"; wait "$pid" 2>/dev/null || true; rm -rf "$data"
done
