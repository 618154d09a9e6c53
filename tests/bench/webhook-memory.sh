#!/usr/bin/env bash
# Memory under a webhook flood: the service (embedded store, Release) gets 80 posts of 8 MB, 40 at once,
# first unsigned (refused on their headers, before a byte of the body is read), then with fresh headers
# and a forged signature (each body is read and hashed, four at a time, then refused). Samples the
# server's resident memory every 20 ms and prints idle, peak and peak - idle for each flood.
# Exits 1 when the unsigned flood lifts the peak more than 64 MB above idle (the service's promise).
#
# Usage: tests/bench/webhook-memory.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

tests/ensure-packages.sh curl espeak-ng libmp3lame0 >&2
dotnet build src/RoyaAudio.Server -c Release -v quiet -nologo -clp:ErrorsOnly >&2

work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
Security__WebhookSecret=bench-webhook-secret-0123456789 \
Security__WebhookRefusalsPerMinute=1000000 \
Database__EmbeddedPath="$work/roya.db" Storage__Disk__Path="$work/media" Logging__LogLevel__Default=Warning \
  dotnet src/RoyaAudio.Server/bin/Release/net10.0/RoyaAudio.Server.dll --urls "http://127.0.0.1:$port" >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/healthz/live" >/dev/null && break; sleep 0.2; done
head -c $((8 * 1024 * 1024)) /dev/zero | tr '\0' 'a' >"$work/body"

rss() { awk '/VmRSS/ {print $2}' "/proc/$server/status"; }

# flood NAME HEADER...: prints "NAME idle_mb peak_mb lift_mb statuses"
flood() {
  local name=$1; shift
  sleep 2
  local idle; idle=$(rss)
  : >"$work/samples"
  ( while kill -0 "$server" 2>/dev/null; do rss >>"$work/samples"; sleep 0.02; done ) &
  local sampler=$!
  seq 80 | xargs -P 40 -I{} curl -s -o /dev/null -w '%{http_code}\n' -X POST --data-binary @"$work/body" \
    -H 'Content-Type: application/json' "$@" "http://127.0.0.1:$port/api/articles" >"$work/codes" || true
  sleep 0.5
  kill $sampler 2>/dev/null || true
  local peak; peak=$(sort -n "$work/samples" | tail -n1)
  printf '%-34s %8.1f %8.1f %8.1f   %s\n' "$name" "$(bc -l <<<"$idle/1024")" "$(bc -l <<<"$peak/1024")" "$(bc -l <<<"($peak-$idle)/1024")" \
    "$(sort "$work/codes" | uniq -c | awk '{printf "%s×%s ", $1, $2}')"
  echo $(( (peak - idle) / 1024 )) >"$work/lift-$name"
}

printf '%-34s %8s %8s %8s   %s\n' "flood (80 posts of 8 MB, 40 at once)" "idle MB" "peak MB" "lift MB" "answers"
flood unsigned
flood forged -H "X-Roya-Timestamp: $(date +%s)" -H "X-Roya-Signature: sha256=$(printf '0%.0s' $(seq 64))"
lift=$(cat "$work/lift-unsigned")
if [ "$lift" -gt 64 ]; then
  echo "unsigned flood lifted resident memory by $lift MB (limit 64 MB)" >&2
  exit 1
fi
