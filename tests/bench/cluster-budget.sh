#!/usr/bin/env bash
# One TTS budget for the cluster: three worker processes (role worker) and a web node on one PostgreSQL
# render 30 articles of a title and two paragraphs (three speech requests each) through the local speech
# server keeping a quota of 60 requests a minute over sliding 10 s windows (429 with Retry-After beyond),
# every process told Tts__OpenAI__RequestsPerMinute=60. Runs Tts__Budget=cluster (one budget in
# PostgreSQL) and then Tts__Budget=process (each process its own) as the baseline, each on a fresh
# database. Prints the share of speech requests answered 429 (target ≤ 5 %) and the successful requests
# a minute as a share of the quota (target ≥ 85 %); exits 1 when the cluster run misses a target.
# About four minutes.
#
# Usage: tests/bench/cluster-budget.sh
#        BUDGET_ARTICLES, BUDGET_PARAGRAPHS, BUDGET_WORKERS, BUDGET_QUOTA, BUDGET_LATENCY_MS change the defaults (30, 2, 3, 60, 300).
#        BUDGET_BEFORE_SERVER_DLL=path/to/RoyaAudio.Server.dll (a build of an earlier release) adds a third run with
#        that release's per-process limiter, a token bucket holding ten seconds' worth, for a before/after figure.
set -euo pipefail
cd "$(dirname "$0")/../.."

tests/ensure-packages.sh espeak-ng libmp3lame0
trap '[ -n "${ROYA_POSTGRES_STOP:-}" ] && eval "$ROYA_POSTGRES_STOP" || true' EXIT
eval "$(tests/start-postgres.sh)"

dotnet build tests/RoyaAudio.Benchmarks -c Release -v quiet -nologo -clp:ErrorsOnly >&2
dotnet tests/RoyaAudio.Benchmarks/bin/Release/net10.0/RoyaAudio.Benchmarks.dll cluster-budget
