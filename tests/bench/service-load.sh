#!/usr/bin/env bash
# The service under load: an open-loop generator (constant arrival rate, in tests/RoyaAudio.Benchmarks)
# against one role-all node on a fresh PostgreSQL database: the signed webhook upserting 50 rendered
# articles with unchanged text at 200 requests/s, then the public audio API of a ready article at
# 1,000/s. Prints p50/p90/p99/max latency, errors and the rate actually sent next to the targets
# (webhook p99 < 100 ms with 0 errors, audio API p99 < 20 ms). The per-address rate limit is raised to
# 1,000,000/s for the run.
#
# Usage: tests/bench/service-load.sh
#        LOAD_SECONDS=5 tests/bench/service-load.sh      quick check (default 30 s per endpoint)
#        LOAD_WEBHOOK_RATE, LOAD_AUDIO_RATE, LOAD_ARTICLES, LOAD_WARMUP_SECONDS change the rest.
set -euo pipefail
cd "$(dirname "$0")/../.."

tests/ensure-packages.sh espeak-ng libmp3lame0
trap '[ -n "${ROYA_POSTGRES_STOP:-}" ] && eval "$ROYA_POSTGRES_STOP" || true' EXIT
eval "$(tests/start-postgres.sh)"

dotnet build tests/RoyaAudio.Benchmarks -c Release -v quiet -nologo -clp:ErrorsOnly >&2
dotnet tests/RoyaAudio.Benchmarks/bin/Release/net10.0/RoyaAudio.Benchmarks.dll service-load
