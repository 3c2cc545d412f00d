#!/usr/bin/env bash
# Runs the whole product on this machine: Keycloak (realm shenhe with the demo users) on :8180 and
# the Shenhe server (embedded H2, the plugins, the demo districts bj/sh/gd) on :9080.
# Builds what is missing first. Ctrl-C stops both.
#
#   ./run.sh              build if needed, then run
#   REBUILD=1 ./run.sh    rebuild first
#   DB_KIND=postgresql DB_HOST=... DB_NAME=... DB_USER=... DB_PASSWORD=... ./run.sh
#   SHENHE_DATA_DIR=/srv/shenhe ./run.sh   where pictures, the H2 database, search indexes and keys live
#                                          [<repo>/data: outside target/, so ./mvnw clean never loses them]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
source "$ROOT/scripts/env.sh"

HTTP_PORT="${HTTP_PORT:-9080}" HTTPS_PORT="${HTTPS_PORT:-9443}"
SHENHE_DATA_DIR="${SHENHE_DATA_DIR:-$ROOT/data}"
mkdir -p "$SHENHE_DATA_DIR"
export KC_PORT="${KC_PORT:-8180}" KC_MGMT_PORT="${KC_MGMT_PORT:-9100}"

source "$ROOT/scripts/lib/server-build.sh"
build_if_needed

cleanup() {
  echo "== Stopping Keycloak"
  bash scripts/keycloak.sh stop || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "== Starting Keycloak on http://localhost:$KC_PORT (realm shenhe, users password demo)"
bash scripts/keycloak.sh start

export_demo_secrets

echo "== Starting the server on http://localhost:$HTTP_PORT (API /api/v1, /health, /openapi; https://localhost:$HTTPS_PORT/metrics as user metrics; data in $SHENHE_DATA_DIR)"
./mvnw -B -q -pl platform/server liberty:create liberty:deploy liberty:run \
  -Dliberty.bootstrap.db.kind="${DB_KIND:-h2}" \
  -Dliberty.var.http.port="$HTTP_PORT" \
  -Dliberty.var.https.port="$HTTPS_PORT" \
  -Dliberty.var.shenhe.data.dir="$SHENHE_DATA_DIR" \
  -Dliberty.var.keycloak.port="$KC_PORT" \
  -Dliberty.var.shenhe.tenant-configs.dir="$ROOT/tenant-configs"
