#!/usr/bin/env bash
# What verification adds to a render: the sample through the Azure engine against serve-tts (with a
# speaking latency like a remote voice's), with verification off, with the length check alone, and with
# a transcription deployment, alternately in one run. Prints median wall times, ratios against "off",
# and the cost per article of speech against transcription at the configured prices.
#
# Usage: tests/bench/verification.sh [runs=5] [article=samples/articles/roya-putin-iran.json] [latency-ms=400]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
article=${2:-samples/articles/roya-putin-iran.json}
latency=${3:-400}

tests/ensure-packages.sh espeak-ng libmp3lame0 jq bc
work=$(mktemp -d)
dotnet build src/RoyaAudio.Cli -c Release -o "$work/cli" -v quiet -nologo -clp:ErrorsOnly >&2
cli=(dotnet "$work/cli/roya-audio.dll")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"${cli[@]}" serve-tts --port "$port" --key bench --latency-ms "$latency" > "$work/server.txt" 2>/dev/null &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
until [ -s "$work/server.txt" ]; do sleep 0.2; done

render() { # name, then extra arguments; appends "wall cost transcribed-seconds" to $work/name.times
  local name=$1; shift
  rm -rf "$work/cache" "$work/out"
  local start end
  start=$(date +%s.%N)
  AZURE_OPENAI_API_KEY=bench "$@" "${cli[@]}" render "$article" --engine azure-openai --endpoint "http://127.0.0.1:$port/" \
    --deployment tts --out "$work/out" --cache "$work/cache" > "$work/last.txt" 2>/dev/null
  end=$(date +%s.%N)
  local manifest; manifest=$(tail -1 "$work/last.txt"); manifest=${manifest%.mp3}.json
  echo "$(echo "$end - $start" | bc) $(jq -r '.estimatedCostUsd' "$manifest") $(jq -r '.verification.transcribedSeconds // 0' "$manifest") $(jq -r '.characters' "$manifest")" >> "$work/$name.times"
}
off()        { render off env ROYA_Verification__Enabled=false; }
length()     { render length env; }
transcribe() { render transcribe env ROYA_Verification__TranscriptionDeployment=transcribe; }

off; length; transcribe                      # warm-up, not counted
rm -f "$work"/*.times
for i in $(seq "$runs"); do off; length; transcribe; done

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }
stat() { cut -d' ' -f"$2" "$work/$1.times" | median; }
base=$(stat off 1)
echo "$(basename "$article"): $(stat off 4) characters, serve-tts latency ${latency} ms, $runs alternating runs"
printf '%-11s %8s %8s %14s %12s\n' "" "wall s" "ratio" "transcribed s" "cost USD"
for name in off length transcribe; do
  printf '%-11s %8.2f %8.2f %14s %12s\n' "$name" "$(stat $name 1)" "$(echo "$(stat $name 1) / $base" | bc -l)" "$(stat $name 3)" "$(stat $name 2)"
done
