#!/usr/bin/env bash
# Scale-out: TTS-bound throughput of one and of two worker processes (role worker, one render each)
# behind a role-web node on one PostgreSQL, rendering 30 articles of four paragraphs through the local
# speech server with 300 ms added to every answer (Tts__OpenAI__MaxConcurrency=2). Five rounds, each a
# one-worker run then a two-worker run (1, 2, 1, 2, ...), so drift in the machine's other work falls on
# both; each run gets a fresh database and must end with every article ready (none failed, still
# rendering after 15 min, or lost). Prints every run (wall time, speech requests, CPU by part), then per
# round the articles a minute of 1 and 2 workers and their ratio, the median and range (min-max) of each,
# and the ratio of the medians (target ≥ 1.8×). A priming run first has the speech server render every
# answer once; the timed runs get those answers again, so the server's espeak-ng work (a remote
# provider's, in production) stays off the workers' cores.
#
# Exit codes: 0 the ratio of the medians is at least 1.8; 1 it is under 1.8 (every run correct);
#             2 correctness: a run (priming included) left an article failed, not ready or lost, or could
#             not be carried out (the rounds stop at the first such run and the speed is not judged).
#
# Usage: tests/bench/workers.sh
#        WORKERS_ARTICLES=4 WORKERS_ROUNDS=2 tests/bench/workers.sh     quick check
#        WORKERS_ARTICLES, WORKERS_PARAGRAPHS, WORKERS_LATENCY_MS, WORKERS_ROUNDS change the defaults (30, 4, 300, 5).
#        WORKERS_REUSE_ANSWERS=0 renders every answer with espeak-ng on the same cores (no priming run).
set -euo pipefail
cd "$(dirname "$0")/../.."

tests/ensure-packages.sh espeak-ng libmp3lame0
trap '[ -n "${ROYA_POSTGRES_STOP:-}" ] && eval "$ROYA_POSTGRES_STOP" || true' EXIT
eval "$(tests/start-postgres.sh)"

dotnet build tests/RoyaAudio.Benchmarks -c Release -v quiet -nologo -clp:ErrorsOnly >&2
dotnet tests/RoyaAudio.Benchmarks/bin/Release/net10.0/RoyaAudio.Benchmarks.dll workers
