#!/usr/bin/env bash
# Stage benchmarks (BenchmarkDotNet): sentence splitting, speech script, loudness meter and limiter,
# programme assembly, LAME at three qualities, timing recovery in packed units. About 3 minutes on a
# 2-core machine; other load on the machine shows up as a large Error/StdDev.
#
# Usage: tests/bench/stages.sh                           every stage, one joined table
#        tests/bench/stages.sh --anyCategories lame      one stage (sentences, script, loudness, assembly, lame, align)
#        tests/bench/stages.sh --filter '*Loudness*'     any BenchmarkDotNet arguments instead of the default
# Results (markdown, CSV, HTML) go to BenchmarkDotNet.Artifacts/results/.
set -euo pipefail
cd "$(dirname "$0")/../.."

tests/ensure-packages.sh libmp3lame0

args=("$@")
[ ${#args[@]} -eq 0 ] && args=(--filter '*' --join)

dotnet run -c Release --project tests/RoyaAudio.Benchmarks -- --artifacts BenchmarkDotNet.Artifacts "${args[@]}"

echo "results: $(pwd)/BenchmarkDotNet.Artifacts/results" >&2
