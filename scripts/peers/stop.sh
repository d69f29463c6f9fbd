#!/usr/bin/env bash
# Stops what scripts/peers/start.sh started. Each peer runs in its own session (setsid), so
# its whole process group goes: MLflow forks uvicorn workers and job consumers.
cd "$(dirname "$0")/../.." || exit 0
for f in .peers/run/*.pid; do
  [[ -f "$f" ]] || continue
  pid=$(cat "$f")
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  rm -f "$f"
done
