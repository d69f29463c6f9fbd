#!/usr/bin/env bash
# Starts the test peers on 127.0.0.1 (random free ports) and writes their addresses to
# .peers/env for the tests: MLflow with basic auth (SQLite), Prometheus, Alertmanager.
# Stop them with scripts/peers/stop.sh. Every wait is bounded.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD/.peers
run=$root/run
# Peers from an earlier start would lose their pid files below: stop them first.
bash scripts/peers/stop.sh
rm -rf "$run" && mkdir -p "$run"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

wait_http() { # url, name, log, pidfile
  for _ in $(seq 1 120); do
    if curl -fs -o /dev/null --max-time 2 "$1"; then return 0; fi
    kill -0 "$(cat "$4")" 2>/dev/null || break
    sleep 1
  done
  echo "peers: $2 did not come up at $1; its log:" >&2
  tail -n 40 "$3" >&2 || true
  return 1
}

mlflow_port=$(free_port)
mlflow_password="cs-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
cat >"$run/basic_auth.ini" <<INI
[mlflow]
default_permission = READ
database_uri = sqlite:///$run/mlflow-auth.db
admin_username = admin
admin_password = $mlflow_password
authorization_function = mlflow.server.auth:authenticate_request_basic_auth
INI
MLFLOW_AUTH_CONFIG_PATH="$run/basic_auth.ini" MLFLOW_FLASK_SERVER_SECRET_KEY="$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
  setsid nohup "$root/venv/bin/mlflow" server --app-name basic-auth \
  --backend-store-uri "sqlite:///$run/mlflow.db" --default-artifact-root "$run/mlflow-artifacts" \
  --host 127.0.0.1 --port "$mlflow_port" --workers 1 >"$run/mlflow.log" 2>&1 &
echo $! >"$run/mlflow.pid"

prom_port=$(free_port)
cat >"$run/prometheus.yml" <<YML
global: { scrape_interval: 5s }
scrape_configs:
  - job_name: prometheus
    static_configs: [ { targets: ['127.0.0.1:$prom_port'] } ]
YML
setsid nohup prometheus --config.file="$run/prometheus.yml" --storage.tsdb.path="$run/prom-data" \
  --web.listen-address="127.0.0.1:$prom_port" >"$run/prometheus.log" 2>&1 &
echo $! >"$run/prometheus.pid"

am_port=$(free_port)
cat >"$run/alertmanager.yml" <<YML
route: { receiver: 'null' }
receivers: [ { name: 'null' } ]
YML
am_bin=$(command -v prometheus-alertmanager || command -v alertmanager)
setsid nohup "$am_bin" --config.file="$run/alertmanager.yml" --storage.path="$run/am-data" \
  --web.listen-address="127.0.0.1:$am_port" --cluster.listen-address= >"$run/alertmanager.log" 2>&1 &
echo $! >"$run/alertmanager.pid"

wait_http "http://127.0.0.1:$prom_port/-/ready" prometheus "$run/prometheus.log" "$run/prometheus.pid"
wait_http "http://127.0.0.1:$am_port/-/ready" alertmanager "$run/alertmanager.log" "$run/alertmanager.pid"
wait_http "http://127.0.0.1:$mlflow_port/health" mlflow "$run/mlflow.log" "$run/mlflow.pid"

cat >"$root/env" <<ENV
export COUNTERSIGN_TEST_MLFLOW_URL=http://127.0.0.1:$mlflow_port
export COUNTERSIGN_TEST_MLFLOW_USER=admin
export COUNTERSIGN_TEST_MLFLOW_PASSWORD=$mlflow_password
export COUNTERSIGN_TEST_PROMETHEUS_URL=http://127.0.0.1:$prom_port
export COUNTERSIGN_TEST_ALERTMANAGER_URL=http://127.0.0.1:$am_port
export COUNTERSIGN_MODEL_SIGNING=$root/venv/bin/model_signing
ENV
echo "peers: mlflow :$mlflow_port, prometheus :$prom_port, alertmanager :$am_port (addresses in .peers/env)"
