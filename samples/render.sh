#!/usr/bin/env bash
# Renders the sample article on a fresh Debian machine with the .NET 10 SDK.
# Installs espeak-ng and libmp3lame0 when missing, builds the CLI (the native executable when clang and
# zlib1g-dev are there or can be installed, else the managed build), and prints where the MP3 and its page are.
# Usage: samples/render.sh [article.json] [extra render options]
set -euo pipefail
cd "$(dirname "$0")/.."

tests/ensure-packages.sh espeak-ng libmp3lame0

article=${1:-samples/articles/roya-putin-iran.json}
shift || true
if native=$(tests/publish-native.sh); then
  cli=("$native")
else
  dotnet build src/RoyaAudio.Cli -c Release -v quiet -nologo -clp:ErrorsOnly >&2
  cli=(dotnet src/RoyaAudio.Cli/bin/Release/net10.0/roya-audio.dll)
fi
"${cli[@]}" render "$article" --out out --lexicon samples/lexicon.json "$@"
