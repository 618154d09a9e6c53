#!/usr/bin/env bash
# Soak under faults: 100 short articles published to a role-all node that renders through the local
# OpenAI-compatible speech server, first fault-free (the baseline request count), then on a fresh
# database with 30% 429 (Retry-After 1 s), 10% 500/503, 5% stalls past the 5 s request timeout and,
# once a third are ready, a full outage. Checks: no article lost, none ever 'failed' (the editor API
# is polled through the outage), every MP3 decodes with ffmpeg to the API's durationMs ±50 ms, and
# speech requests ≤ 1.6× the fault-free run. Exits 2 when an article is lost, failed or mis-decoded or the
# outage sent nothing to retrying (correctness), 1 when only the request budget is missed, 0 otherwise.
#
# Usage: tests/bench/soak.sh
#        SOAK_ARTICLES=20 SOAK_OUTAGE_SECONDS=20 tests/bench/soak.sh     quick check
#        SOAK_WORKERS (renders at once, default 2), SOAK_TIMEOUT_SECONDS (default 1800) change the rest.
set -euo pipefail
cd "$(dirname "$0")/../.."

tests/ensure-packages.sh espeak-ng libmp3lame0 ffmpeg
trap '[ -n "${ROYA_POSTGRES_STOP:-}" ] && eval "$ROYA_POSTGRES_STOP" || true' EXIT
eval "$(tests/start-postgres.sh)"

dotnet build tests/RoyaAudio.Benchmarks -c Release -v quiet -nologo -clp:ErrorsOnly >&2
dotnet tests/RoyaAudio.Benchmarks/bin/Release/net10.0/RoyaAudio.Benchmarks.dll soak
