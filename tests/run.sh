#!/usr/bin/env bash
# Runs every RoyaAudio test on a fresh Debian machine with the .NET 10 SDK:
# installs what the tests need (espeak-ng, LAME, ffmpeg as the independent decoder, PostgreSQL, Azurite),
# starts a throwaway PostgreSQL cluster and Azurite on free loopback ports, publishes the native CLI
# (Native AOT) so the CLI tests run against it (the managed build when the toolchain is missing),
# runs dotnet test, stops what it started, and ends with one summary line over all test projects.
set -euo pipefail
cd "$(dirname "$0")/.."

tests/ensure-packages.sh espeak-ng libmp3lame0 ffmpeg postgresql chromium

cleanup() {
  [ -n "${ROYA_POSTGRES_STOP:-}" ] && eval "$ROYA_POSTGRES_STOP" || true
  [ -n "${ROYA_AZURITE_PID:-}" ] && kill "$ROYA_AZURITE_PID" 2>/dev/null || true
}
trap cleanup EXIT
eval "$(tests/start-postgres.sh)"
eval "$(tests/start-azurite.sh)"

results=$(mktemp -d)
status=0

# The CLI tests start the native executable named here; exit 3 means no toolchain: they run the managed DLL.
started=$SECONDS
native_status=0
native=$(tests/publish-native.sh) || native_status=$?
if [ "$native_status" -eq 0 ]; then
  export ROYA_AUDIO_CLI=$native
  echo "native CLI published in $((SECONDS - started)) s: $native" >&2
elif [ "$native_status" -eq 3 ]; then
  unset ROYA_AUDIO_CLI
else
  echo "native CLI: the publish failed (exit $native_status); the CLI tests run the managed build" >&2
  unset ROYA_AUDIO_CLI
  status=$native_status
fi

dotnet test RoyaAudio.sln -c Release --logger "console;verbosity=minimal" --logger trx --results-directory "$results" "$@" || status=$?

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
rm -rf "$results"

if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "no test ran" >&2
  status=1
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
