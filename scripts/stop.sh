#!/usr/bin/env bash
# Stops the service started by `make run` (every replica) with SIGTERM (graceful: requests in
# flight finish, the leader gives its lease up).
set -euo pipefail
cd "$(dirname "$0")/.."
pidfile=var/demo-multiplexer.pid
running=()
if [[ -f $pidfile ]]; then
  while read -r pid; do kill -0 "$pid" 2>/dev/null && running+=("$pid"); done <$pidfile
fi
if ((${#running[@]} == 0)); then
  echo "demo-multiplexer is not running"; rm -f $pidfile; exit 0
fi
kill -TERM "${running[@]}"
for _ in $(seq 240); do
  alive=0
  for pid in "${running[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
  ((alive)) || { rm -f $pidfile; echo "stopped"; exit 0; }
  sleep 0.25
done
echo "demo-multiplexer (${running[*]}) did not stop within 60s" >&2; exit 1
