#!/usr/bin/env bash
# Stops the service started by `make run` with SIGTERM (graceful: requests in flight finish).
set -euo pipefail
cd "$(dirname "$0")/.."
pidfile=var/demo-multiplexer.pid
if [[ ! -f $pidfile ]] || ! kill -0 "$(cat $pidfile)" 2>/dev/null; then
  echo "demo-multiplexer is not running"; rm -f $pidfile; exit 0
fi
pid=$(cat $pidfile)
kill -TERM "$pid"
for _ in $(seq 120); do kill -0 "$pid" 2>/dev/null || { rm -f $pidfile; echo "stopped"; exit 0; }; sleep 0.25; done
echo "demo-multiplexer ($pid) did not stop within 30s" >&2; exit 1
