#!/usr/bin/env bash
# Scale-out: TTS-bound throughput of one and then two worker processes (role worker, one render each)
# behind a role-web node on one PostgreSQL, rendering 30 articles of four paragraphs through the local
# speech server with 300 ms added to every answer (Tts__OpenAI__MaxConcurrency=2). Each run gets a fresh
# database. Prints articles a minute, the two-worker ratio (target ≥ 1.8×) and speech requests per article.
# A priming run first has the speech server render every answer once; the timed runs get those answers
# again, so the server's espeak-ng work (a remote provider's, in production) stays off the workers' cores.
#
# Usage: tests/bench/workers.sh
#        WORKERS_ARTICLES, WORKERS_PARAGRAPHS, WORKERS_LATENCY_MS change the defaults (30, 4, 300).
#        WORKERS_REUSE_ANSWERS=0 renders every answer with espeak-ng on the same cores (no priming run).
set -euo pipefail
cd "$(dirname "$0")/../.."

tests/ensure-packages.sh espeak-ng libmp3lame0
trap '[ -n "${ROYA_POSTGRES_STOP:-}" ] && eval "$ROYA_POSTGRES_STOP" || true' EXIT
eval "$(tests/start-postgres.sh)"

dotnet build tests/RoyaAudio.Benchmarks -c Release -v quiet -nologo -clp:ErrorsOnly >&2
dotnet tests/RoyaAudio.Benchmarks/bin/Release/net10.0/RoyaAudio.Benchmarks.dll workers
