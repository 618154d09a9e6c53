#!/usr/bin/env bash
# Speed and memory benchmark: the CLI, native (Native AOT) and managed (ReadyToRun), against the shell way
# of making the same MP3 and against the limit (synthesis plus LAME alone), measured alternately in one run.
# Prints medians, ratios, each build's start-up (`--version`) and the machine's load before and after.
#
# Usage: tests/bench/render-vs-shell.sh [runs=5] [article=samples/articles/roya-putin-iran.json]
#        BENCH_LONG=1 also renders the hour-long sample and compares peak memory with the sample's.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
article=${2:-samples/articles/roya-putin-iran.json}

tests/ensure-packages.sh espeak-ng libmp3lame0 ffmpeg lame sox time jq bc
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dotnet publish src/RoyaAudio.Cli -c Release -r linux-x64 --self-contained false -p:PublishAot=false -p:PublishReadyToRun=true \
  -o "$work/cli" -v quiet -nologo -clp:ErrorsOnly >&2
cli=(dotnet "$work/cli/roya-audio.dll")
native=$(tests/publish-native.sh) || { echo "the native CLI could not be published" >&2; exit 1; }

# The same sentences for everyone, with the voice and rate the CLI uses.
"${cli[@]}" script "$article" --json | jq -r '.paragraphs[].sentences[].spoken' > "$work/sentences.txt"
voice=$(jq -r '.language' "$article"); [ "$voice" = en ] && voice=en-us
echo "$(wc -l < "$work/sentences.txt") sentences, voice $voice" >&2

cat > "$work/shell.sh" <<'SH'
#!/usr/bin/env bash
# The shell way: espeak-ng once per sentence, ffmpeg concat with loudnorm, LAME at 64 kbps.
set -e; cd "$1"; i=0; : > list.txt
while IFS= read -r line; do i=$((i+1)); espeak-ng -v "$2" -s 165 -w "s$i.wav" "$line"; echo "file 's$i.wav'" >> list.txt; done < sentences.txt
ffmpeg -v error -y -f concat -safe 0 -i list.txt -af loudnorm=I=-16:TP=-1.5 -ar 24000 -ac 1 -c:a libmp3lame -b:a 64k out.mp3
SH
cat > "$work/limit.sh" <<'SH'
#!/usr/bin/env bash
# The limit: the same synthesis, stitched, and LAME on the result: no loudness work at all.
set -e; cd "$1"; i=0; files=()
while IFS= read -r line; do i=$((i+1)); espeak-ng -v "$2" -s 165 -w "s$i.wav" "$line"; files+=("s$i.wav"); done < sentences.txt
sox "${files[@]}" all.wav
lame -q 5 -b 64 --silent all.wav out.mp3
SH
chmod +x "$work/shell.sh" "$work/limit.sh"

measure() { # name command...: appends "wall cpu rss_kb" to $work/name.times
  local name=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/t" "$@" >/dev/null 2>&1
  awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}' "$work/t" >> "$work/$name.times"
}
run_cli()   { rm -rf "$work/cache" "$work/out"; measure cli "${cli[@]}" render "$article" --out "$work/out" --cache "$work/cache"; }
run_native() { rm -rf "$work/cache" "$work/out"; measure native "$native" render "$article" --out "$work/out" --cache "$work/cache"; }
run_shell() { rm -rf "$work/s"; mkdir "$work/s"; cp "$work/sentences.txt" "$work/s/"; measure shell "$work/shell.sh" "$work/s" "$voice"; }
run_limit() { rm -rf "$work/l"; mkdir "$work/l"; cp "$work/sentences.txt" "$work/l/"; measure limit "$work/limit.sh" "$work/l" "$voice"; }

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
run_native; run_cli; run_shell; run_limit          # warm-up, not counted
rm -f "$work"/*.times
for i in $(seq "$runs"); do run_native; run_cli; run_shell; run_limit; done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }
stat() { cut -d' ' -f"$2" "$work/$1.times" | median; }
printf '\n%-8s %10s %10s %12s\n' "" "wall s" "cpu s" "peak RSS MB"
for name in native cli shell limit; do
  printf '%-8s %10s %10s %12.0f\n' "$name" "$(stat $name 1)" "$(stat $name 2)" "$(echo "$(stat $name 3) / 1024" | bc -l)"
done
ratio() { echo "$(stat "$1" 1) / $(stat "$2" 1)" | bc -l; }
printf '\nwall-time ratios (median of %s runs): native/shell = %.2f, native/limit = %.2f, cli/shell = %.2f, cli/limit = %.2f\n' "$runs" \
  "$(ratio native shell)" "$(ratio native limit)" "$(ratio cli shell)" "$(ratio cli limit)"

# Start-up: `--version`, 21 alternating runs each, median wall time and peak RSS.
startup() { # name command...
  local s e
  s=$(date +%s%N); "${@:2}" --version >/dev/null; e=$(date +%s%N)
  echo $(( (e - s) / 1000 )) >> "$work/$1.startup"
  /usr/bin/time -f "%M" -o "$work/t" "${@:2}" --version >/dev/null 2>&1; cat "$work/t" >> "$work/$1.startup-rss"
}
for i in $(seq 21); do startup native "$native"; startup cli "${cli[@]}"; done
for name in native cli; do
  printf 'start-up %-7s %6.1f ms  peak RSS %4.0f MB\n' "$name" "$(echo "$(median < "$work/$name.startup") / 1000" | bc -l)" \
    "$(echo "$(median < "$work/$name.startup-rss") / 1024" | bc -l)"
done

if [ "${BENCH_LONG:-0}" = 1 ]; then
  for a in "$article" samples/articles/ten-minute-roundup.json samples/articles/long-regional-roundup.json; do
    for build in native cli; do
      rm -rf "$work/cache" "$work/out"
      if [ "$build" = native ]; then set -- "$native"; else set -- "${cli[@]}"; fi
      /usr/bin/time -f "%e %M" -o "$work/t" "$@" render "$a" --out "$work/out" --cache "$work/cache" >/dev/null 2>&1
      read -r wall rss < "$work/t"
      seconds=$(jq '.durationMs / 1000' "$work"/out/*.json)
      printf '%-7s %-46s audio %7.1f s  wall %6.1f s  peak RSS %5.0f MB\n' "$build" "$a" "$seconds" "$wall" "$(echo "$rss / 1024" | bc -l)"
    done
  done
fi
