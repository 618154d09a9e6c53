#!/usr/bin/env bash
# Scale-out: TTS-bound throughput of one and then two worker processes (role worker, one render each)
# behind a role-web node on one PostgreSQL, rendering 30 articles of four paragraphs through the local
# speech server with 300 ms added to every answer (Tts__OpenAI__MaxConcurrency=2). Each run gets a fresh
# database. Prints articles a minute, the two-worker ratio (target ≥ 1.8×) and speech requests per article.
#
# Usage: tests/bench/workers.sh
#        WORKERS_ARTICLES, WORKERS_PARAGRAPHS, WORKERS_LATENCY_MS change the defaults (30, 4, 300).
set -euo pipefail
cd "$(dirname "$0")/../.."

tests/ensure-packages.sh espeak-ng libmp3lame0
trap '[ -n "${ROYA_POSTGRES_STOP:-}" ] && eval "$ROYA_POSTGRES_STOP" || true' EXIT
eval "$(tests/start-postgres.sh)"

dotnet build tests/RoyaAudio.Benchmarks -c Release -v quiet -nologo -clp:ErrorsOnly >&2
dotnet tests/RoyaAudio.Benchmarks/bin/Release/net10.0/RoyaAudio.Benchmarks.dll workers
