#!/usr/bin/env bash
# Publishes the native roya-audio (Native AOT, linux-x64) and prints its path on stdout.
# Installs the toolchain (clang, zlib1g-dev) when missing; exits 3 when it cannot be had, so callers fall
# back to the managed build, and with the publish's own status when the publish fails.
# Usage: tests/publish-native.sh   (the executable lands in src/RoyaAudio.Cli/bin/Release/net10.0/linux-x64/publish/)
set -euo pipefail
cd "$(dirname "$0")/.."

[ "$(uname -s)-$(uname -m)" = Linux-x86_64 ] || { echo "native build: only linux-x64 is set up; using the managed build" >&2; exit 3; }
if ! tests/ensure-packages.sh clang zlib1g-dev || ! command -v clang >/dev/null; then
  echo "native build: clang and zlib1g-dev could not be installed; using the managed build" >&2
  exit 3
fi

out=src/RoyaAudio.Cli/bin/Release/net10.0/linux-x64/publish
started=$SECONDS
dotnet publish src/RoyaAudio.Cli -c Release -r linux-x64 -o "$out" -v quiet -nologo -clp:ErrorsOnly >&2
echo "native build: published in $((SECONDS - started)) s" >&2
echo "$PWD/$out/roya-audio"
