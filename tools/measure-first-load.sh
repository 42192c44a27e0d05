#!/usr/bin/env bash
# The phone's first load of docs/benchmarks.md, over the server the README's run command starts
# (`dotnet run --project SnogMarryAvoid.Web`: its launch profile, Development), bound to 127.0.0.1 only,
# with a fresh database. Writes first-load.json and first-load.txt to OUTDIR.
#
#   tools/measure-first-load.sh OUTDIR [--runs N]
set -euo pipefail
out=$(realpath -m "${1:?output folder}"); shift
root=$(cd "$(dirname "$0")/.." && pwd)
port=${PORT:-5263}
mkdir -p "$out"
data=$(mktemp -d)
dotnet build "$root/SnogMarryAvoid.LoadTest" -c Release >/dev/null
( cd "$root" && env DataFolder="$data" Bootstrap__OrganiserEmail=bench@example.org Bootstrap__OrganiserPassword=bench-password-1 \
    dotnet run --project SnogMarryAvoid.Web -- --urls "http://127.0.0.1:$port" > "$out/server.log" 2>&1 ) &
runner=$!
trap 'pkill -f -- "--urls http://127.0.0.1:$port" || true; wait "$runner" 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 240); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.5; done
dotnet "$root/SnogMarryAvoid.LoadTest/bin/Release/net10.0/SnogMarryAvoid.LoadTest.dll" --phone-first-load \
  --url "http://127.0.0.1:$port" --email bench@example.org --password bench-password-1 --max-seconds 600 \
  --json "$out/first-load.json" "$@" | tee "$out/first-load.txt"
