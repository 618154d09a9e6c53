#!/usr/bin/env bash
# Runs every RoyaAudio test on a fresh Debian machine with the .NET 10 SDK:
# installs what the tests need (espeak-ng, LAME, ffmpeg as the independent decoder, PostgreSQL, Azurite),
# starts a throwaway PostgreSQL cluster and Azurite on free loopback ports, builds everything, publishes the
# native CLI (Native AOT) in the background so the CLI tests, run last, use it (the managed build when the
# toolchain is missing), runs each test project, stops what it started, and ends with one summary line over
# all test projects. Extra arguments go to every dotnet test call (for example --filter).
set -euo pipefail
cd "$(dirname "$0")/.."

# clang and zlib1g-dev build the native CLI; without them the CLI tests run the managed build (see below).
tests/ensure-packages.sh espeak-ng libmp3lame0 ffmpeg postgresql chromium clang zlib1g-dev ||
  tests/ensure-packages.sh espeak-ng libmp3lame0 ffmpeg postgresql chromium

results=$(mktemp -d)
status=0
native_log=$results/native.log
native_pid=""

cleanup() {
  [ -n "$native_pid" ] && kill -- "-$native_pid" 2>/dev/null || true
  [ -n "${ROYA_POSTGRES_STOP:-}" ] && eval "$ROYA_POSTGRES_STOP" || true
  [ -n "${ROYA_AZURITE_PID:-}" ] && kill "$ROYA_AZURITE_PID" 2>/dev/null || true
  rm -rf "$results"
  dotnet build-server shutdown >/dev/null 2>&1 || true
}
trap cleanup EXIT

# One build of everything first, so the native publish below finds the libraries built and compiles only
# its own project: the two never write the same files at once.
dotnet build RoyaAudio.sln -c Release -v quiet -nologo -clp:ErrorsOnly

# The native CLI (Native AOT) is compiled in the background while the services start and the other test
# projects run; the CLI tests, last, start it. Exit 3 from the script means no toolchain: they run the managed DLL.
# In its own process group (setsid), so a run cut short stops the whole publish.
setsid tests/publish-native.sh >"$results/native.path" 2>"$native_log" &
native_pid=$!

eval "$(tests/start-postgres.sh)"
eval "$(tests/start-azurite.sh)"

run_tests() {
  dotnet test "$1" -c Release --no-build --logger "console;verbosity=minimal" --logger trx --results-directory "$results" "${@:2}" || status=$?
}

for project in tests/RoyaAudio.Audio.Tests tests/RoyaAudio.SpeechServer.Tests tests/RoyaAudio.Core.Tests tests/RoyaAudio.Server.Tests; do
  run_tests "$project" "$@"
done

native_status=0
wait "$native_pid" || native_status=$?
native_pid=""
cat "$native_log" >&2
if [ "$native_status" -eq 0 ]; then
  ROYA_AUDIO_CLI=$(cat "$results/native.path")
  export ROYA_AUDIO_CLI
  echo "native CLI: $ROYA_AUDIO_CLI" >&2
elif [ "$native_status" -eq 3 ]; then
  unset ROYA_AUDIO_CLI
else
  echo "native CLI: the publish failed (exit $native_status); the CLI tests run the managed build" >&2
  unset ROYA_AUDIO_CLI
  status=$native_status
fi

run_tests tests/RoyaAudio.Cli.Tests "$@"

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  total=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + total - e))
done

if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "no test ran" >&2
  status=1
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
