#!/usr/bin/env bash
# Stops what scripts/peers/start.sh started.
cd "$(dirname "$0")/../.." || exit 0
for f in .peers/run/*.pid; do
  [[ -f "$f" ]] || continue
  pid=$(cat "$f")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -9 "$pid" 2>/dev/null || true
  # mlflow forks gunicorn/uvicorn workers; take the process group's children too.
  pkill -P "$pid" 2>/dev/null || true
  rm -f "$f"
done
