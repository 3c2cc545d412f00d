#!/usr/bin/env bash
# A second Shenhe server beside ./run.sh's, for benchmarks that compare two configurations in one run
# (the upload benchmark's -Dbench.compare=PORT): same build, same Keycloak (./run.sh's, on :8180), its
# own H2 database and data folder. By default it runs on ImageIO, to measure what the native codec gains.
#
#   bash scripts/bench-server.sh start|stop [-Dliberty.var.NAME=VALUE ...]   (start: server variables to change)
#
# Environment: BENCH_PORT [9081], SHENHE_IMAGE_CODEC [imageio], KC_PORT [8180]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/env.sh

BENCH_PORT="${BENCH_PORT:-9081}"
export SHENHE_IMAGE_CODEC="${SHENHE_IMAGE_CODEC:-imageio}"
# The benchmark's candidates upload far faster than a person: lift the per-user limit on this server.
export SHENHE_UPLOAD_RATE_BURST="${SHENHE_UPLOAD_RATE_BURST:-1000000}"
NAME="shenhe-bench-$BENCH_PORT"
ARGS=(-B -q -pl platform/server -Dshenhe.server.name="$NAME")

case "${1:-}" in
  start)
    # the same /metrics password as ./run.sh's server (the benchmark reads both with it)
    export VARIABLE_SOURCE_DIRS="$ROOT/platform/server/target/demo-secrets"
    if [[ ! -s "$VARIABLE_SOURCE_DIRS/metrics.password" ]]; then
      echo "Start ./run.sh first: it makes the /metrics password this server shares" >&2
      exit 1
    fi
    ./mvnw "${ARGS[@]}" liberty:create liberty:deploy liberty:start \
      -Dliberty.bootstrap.db.kind=h2 \
      -Dliberty.var.http.port="$BENCH_PORT" \
      -Dliberty.var.https.port="$((BENCH_PORT + 363))" \
      -Dliberty.var.shenhe.data.dir="$ROOT/platform/server/target/$NAME-data" \
      -Dliberty.var.keycloak.port="${KC_PORT:-8180}" \
      -Dliberty.var.shenhe.tenant-configs.dir="$ROOT/tenant-configs" "${@:2}"
    for _ in $(seq 1 120); do
      curl -sf "http://localhost:$BENCH_PORT/health/ready" >/dev/null && break
      sleep 1
    done
    curl -s "http://localhost:$BENCH_PORT/health" | grep -o '"jpeg":"[^"]*"' || true
    echo "== $NAME on http://localhost:$BENCH_PORT (codec setting: $SHENHE_IMAGE_CODEC)"
    ;;
  stop)
    ./mvnw "${ARGS[@]}" liberty:stop
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
