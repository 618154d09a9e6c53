#!/usr/bin/env bash
# Renders the sample article on a fresh Debian machine with the .NET 10 SDK.
# Installs espeak-ng and libmp3lame0 when missing, builds the CLI, and prints where the MP3 and its page are.
# Usage: samples/render.sh [article.json] [extra render options]
set -euo pipefail
cd "$(dirname "$0")/.."

tests/ensure-packages.sh espeak-ng libmp3lame0

article=${1:-samples/articles/roya-putin-iran.json}
shift || true
dotnet build src/RoyaAudio.Cli -c Release -v quiet -nologo -clp:ErrorsOnly >&2
dotnet src/RoyaAudio.Cli/bin/Release/net10.0/roya-audio.dll render "$article" --out out --lexicon samples/lexicon.json "$@"
