#!/usr/bin/env bash
# TTS-bound throughput: the long sample rendered through the Azure OpenAI engine against the local
# speech server with a fixed added latency per request, at concurrency 1, 2, 4 and 8, in one run.
# Usage: tests/bench/tts-throughput.sh [latency_ms=300] [requests_per_minute=100000]
set -euo pipefail
cd "$(dirname "$0")/../.."
latency=${1:-300}
rpm=${2:-100000}

tests/ensure-packages.sh espeak-ng libmp3lame0 jq bc
work=$(mktemp -d)
dotnet publish src/RoyaAudio.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  -o "$work/cli" -v quiet -nologo -clp:ErrorsOnly >&2
cli=(dotnet "$work/cli/roya-audio.dll")

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo 5099)
"${cli[@]}" serve-tts --port "$port" --key bench --latency-ms "$latency" > "$work/server.out" 2>/dev/null &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do grep -q http "$work/server.out" 2>/dev/null && break; sleep 0.2; done

article=samples/articles/long-regional-roundup.json
printf '%-12s %8s %8s %10s %14s\n' concurrency units "wall s" "units/s" "vs conc. 1"
base=""
for c in 1 2 4 8; do
  rm -rf "$work/cache" "$work/out"
  start=$(date +%s.%N)
  AZURE_OPENAI_API_KEY=bench ROYA_Tts__AzureOpenAI__MaxConcurrency=$c ROYA_Tts__AzureOpenAI__RequestsPerMinute=$rpm \
    "${cli[@]}" render "$article" --engine azure-openai --endpoint "http://127.0.0.1:$port/" --deployment tts \
    --out "$work/out" --cache "$work/cache" > /dev/null 2>&1
  wall=$(echo "$(date +%s.%N) - $start" | bc -l)
  units=$(jq '.units' "$work"/out/*.json)
  rate=$(echo "$units / $wall" | bc -l)
  [ -z "$base" ] && base=$rate
  printf '%-12s %8s %8.1f %10.2f %13.2fx\n' "$c" "$units" "$wall" "$rate" "$(echo "$rate / $base" | bc -l)"
done
