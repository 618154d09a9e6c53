#!/usr/bin/env bash
# Starts a throwaway Azurite blob service on a free loopback port for the blob store tests.
# Prints three export lines for the caller to eval; everything else goes to stderr.
# Usage: eval "$(tests/start-azurite.sh)"; dotnet test ...; kill "$ROYA_AZURITE_PID"
set -euo pipefail
cd "$(dirname "$0")/.."

tools="$PWD/tests/.tools"
azurite="$tools/node_modules/.bin/azurite-blob"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "installing node and npm" >&2
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y nodejs npm >&2
fi

if [ ! -x "$azurite" ]; then
  echo "installing azurite into $tools" >&2
  mkdir -p "$tools"
  # npm leaves package.json and a lock file beside node_modules: keep the whole folder out of git.
  echo '*' >"$tools/.gitignore"
  npm install --prefix "$tools" --no-audit --no-fund --loglevel=error azurite@3.37.0 >&2
fi

# Ask the kernel for a free port; a race with another process is possible but harmless for tests.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

location=$(mktemp -d -t roya-azurite-XXXXXX)
log="$location/azurite.log"
"$azurite" --blobHost 127.0.0.1 --blobPort "$port" --location "$location" --skipApiVersionCheck --loose >"$log" 2>&1 &
pid=$!

for _ in $(seq 1 60); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "azurite listening on 127.0.0.1:$port (pid $pid, log $log)" >&2
    echo "export ROYA_TEST_AZURITE='DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$port/devstoreaccount1;'"
    echo "export ROYA_AZURITE_PID=$pid"
    # The storage outage test starts, stops and restarts an Azurite of its own.
    echo "export ROYA_AZURITE_BIN='$azurite'"
    exit 0
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "azurite exited before listening; its log:" >&2
    cat "$log" >&2
    exit 1
  fi
  sleep 0.5
done

echo "azurite did not listen on 127.0.0.1:$port within 30 s; its log ($log):" >&2
cat "$log" >&2
kill "$pid" 2>/dev/null || true
exit 1
