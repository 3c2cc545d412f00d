#!/usr/bin/env bash
# The local multi-node setup: identical Shenhe nodes on PostgreSQL (a schema of their own) and an S3 object
# store (s3proxy), each node following the change log, behind HAProxy (round robin, health checks on
# /health/ready). Keycloak is ./run.sh's (started here when it is not running). The integration tests run
# the same script on ports of their own.
#
#   bash scripts/cluster.sh up | down | status
#   bash scripts/cluster.sh node start|stop|kill PORT     one node, e.g. to try losing one by hand
#
# Environment (defaults in brackets):
#   CLUSTER_LB_PORT          HAProxy, the address people and clients use      [9180]
#   CLUSTER_NODE_PORTS       the nodes' HTTP ports (HTTPS: each + 363)         [9181 9182]
#   CLUSTER_S3_PORT          the cluster's own s3proxy                         [9183]
#   CLUSTER_SCHEMA           PostgreSQL schema of the nodes                    [shenhe_cluster]
#   CLUSTER_RUN_DIR          shared keys, each node's data (indexes), HAProxy  [<repo>/.cache/cluster-$CLUSTER_LB_PORT]
#   CLUSTER_FRESH=1          `up` starts empty: drops the schema, the pictures and the nodes' data
#   CLUSTER_TENANT_CONFIGS   the districts                                     [<repo>/tenant-configs]
#   DB_HOST DB_PORT DB_NAME DB_USER DB_PASSWORD                               [127.0.0.1 5432 test postgres ""]
#   KC_PORT KC_MGMT_PORT     Keycloak                                          [8180 9100]
# Any SHENHE_* variable set (e.g. SHENHE_UPLOAD_RATE_BURST) reaches every node.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/env.sh >/dev/null
source scripts/lib/server-build.sh

LB_PORT="${CLUSTER_LB_PORT:-9180}"
read -r -a NODE_PORTS <<< "${CLUSTER_NODE_PORTS:-9181 9182}"
S3_PORT="${CLUSTER_S3_PORT:-9183}"
SCHEMA="${CLUSTER_SCHEMA:-shenhe_cluster}"
RUN_DIR="${CLUSTER_RUN_DIR:-$ROOT/.cache/cluster-$LB_PORT}"
TENANT_CONFIGS="${CLUSTER_TENANT_CONFIGS:-$ROOT/tenant-configs}"
export DB_HOST="${DB_HOST:-127.0.0.1}" DB_PORT="${DB_PORT:-5432}" DB_NAME="${DB_NAME:-test}" DB_USER="${DB_USER:-postgres}"
export DB_PASSWORD="${DB_PASSWORD:-}"
export KC_PORT="${KC_PORT:-8180}" KC_MGMT_PORT="${KC_MGMT_PORT:-9100}"
SERVER_TARGET="$ROOT/platform/server/target"
WLP="$SERVER_TARGET/liberty/wlp"
KEYS_FILE="$RUN_DIR/keys/district-keys.p12"
S3=(env S3PROXY_PORT="$S3_PORT" S3PROXY_RUN_DIR="$RUN_DIR/s3proxy" S3PROXY_BUCKET=shenhe)

log() { printf '[cluster:%s] %s\n' "$LB_PORT" "$*"; }
die() { printf '[cluster:%s] ERROR: %s\n' "$LB_PORT" "$*" >&2; exit 1; }
node_name() { echo "shenhe-node-$1"; }
ready() { curl -sf -o /dev/null --max-time 2 "$1"; }

psql_cluster() { PGPASSWORD="$DB_PASSWORD" psql -q -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d "$DB_NAME" -v ON_ERROR_STOP=1 "$@"; }

ensure_haproxy() {
  command -v haproxy >/dev/null && return 0
  [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null || die "HAProxy is needed: sudo apt-get install -y haproxy"
  log "installing HAProxy (Debian's haproxy)"
  apt-get update -qq && apt-get install -y -qq haproxy >/dev/null
}

# Every node opens the same key file and ID-number secret: made here once, before any node starts, since two
# nodes making a district's first key at once would each keep a different one.
provision_keys() {
  mkdir -p "$RUN_DIR/keys" && chmod 700 "$RUN_DIR/keys"
  if [[ ! -s "$RUN_DIR/keys/search-id-secret" ]]; then
    (umask 077 && head -c 32 /dev/urandom | base64 > "$RUN_DIR/keys/search-id-secret")
  fi
  local codes=() f
  for f in "$TENANT_CONFIGS"/*.yaml; do codes+=("$(basename "$f" .yaml)"); done
  SHENHE_KEYS_FILE="$KEYS_FILE" bash scripts/keys.sh provision "${codes[@]}" >/dev/null
}

# A node is a Liberty server of the build's own runtime, with the server's configuration, the application
# (loose, as the build lays it out) and its settings; no Maven run, so that the tests can make nodes too.
create_node() {
  local port="$1" name dir; name="$(node_name "$1")"; dir="$WLP/usr/servers/$name"
  [[ -x "$WLP/bin/server" && -f "$SERVER_TARGET/shenhe.war" ]] || die "no build: ./mvnw -B install -DskipTests"
  log "creating $name"
  "$WLP/bin/server" create "$name" >/dev/null
  cp platform/server/src/main/liberty/config/* "$dir/"
  mkdir -p "$dir/dropins" "$dir/configDropins/overrides"
  cp "$SERVER_TARGET/shenhe.war" "$dir/dropins/"
  cat > "$dir/bootstrap.properties" <<PROPS
db.kind=postgresql
DB_HOST=$DB_HOST
DB_PORT=$DB_PORT
DB_NAME=$DB_NAME
DB_USER=$DB_USER
DB_SCHEMA=$SCHEMA
shenhe.node.id=$name
shenhe.blobs.kind=s3
shenhe.blobs.s3.endpoint=http://127.0.0.1:$S3_PORT
shenhe.blobs.s3.bucket=shenhe
shenhe.blobs.s3.access-key=shenhe
shenhe.blobs.s3.secret-key=shenhe-secret
shenhe.keys.file=$KEYS_FILE
shenhe.keys.create-missing=false
PROPS
  cat > "$dir/configDropins/overrides/cluster-node.xml" <<XML
<server>
    <variable name="http.port" value="$port"/>
    <variable name="https.port" value="$((port + 363))"/>
    <variable name="keycloak.port" value="$KC_PORT"/>
    <variable name="shenhe.data.dir" value="$RUN_DIR/$name"/>
    <variable name="shenhe.lib.dir" value="$SERVER_TARGET/liberty-lib"/>
    <variable name="shenhe.plugins.dir" value="$SERVER_TARGET/plugins"/>
    <variable name="shenhe.tenant-configs.dir" value="$TENANT_CONFIGS"/>
</server>
XML
}

start_node() {
  local port="$1" name; name="$(node_name "$1")"
  if ready "http://127.0.0.1:$port/health/ready"; then log "$name already up on :$port"; return 0; fi
  [[ -d "$WLP/usr/servers/$name" ]] || create_node "$port"
  cp -u "$SERVER_TARGET/shenhe.war" "$WLP/usr/servers/$name/dropins/"   # the current build
  "$WLP/bin/server" start "$name" >/dev/null
  for _ in $(seq 1 240); do
    ready "http://127.0.0.1:$port/health/ready" && { log "$name ready on http://localhost:$port"; return 0; }
    sleep 1
  done
  die "$name not ready within 240 s: see $WLP/usr/servers/$name/logs/messages.log"
}

stop_node() { [[ -d "$WLP/usr/servers/$(node_name "$1")" ]] && "$WLP/bin/server" stop "$(node_name "$1")" >/dev/null || true; }

# A node's server folder goes with the cluster's data: the next `up` makes it again from the current build.
remove_node() { stop_node "$1"; rm -rf "$WLP/usr/servers/$(node_name "$1")"; }

kill_node() {
  local pid_file="$WLP/usr/servers/.pid/$(node_name "$1").pid"
  [[ -f "$pid_file" ]] && kill -9 "$(cat "$pid_file")" 2>/dev/null || true
}

start_haproxy() {
  local cfg="$RUN_DIR/haproxy.cfg" pid_file="$RUN_DIR/haproxy.pid" p
  if [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then return 0; fi
  {
    cat <<CFG
global
    maxconn 4096
defaults
    mode http
    timeout connect 2s
    timeout client 120s
    timeout server 120s
    # a node that refuses the connection (stopped, killed) costs a retry on the next one, not an error
    retries 2
    option redispatch
frontend shenhe
    bind 127.0.0.1:$LB_PORT
    default_backend nodes
backend nodes
    balance roundrobin
    option httpchk GET /health/ready
    http-check expect status 200
    default-server inter 1s fall 2 rise 2
CFG
    for p in "${NODE_PORTS[@]}"; do echo "    server $(node_name "$p") 127.0.0.1:$p check"; done
  } > "$cfg"
  haproxy -c -q -f "$cfg" || die "HAProxy refused $cfg"
  haproxy -D -f "$cfg" -p "$pid_file"
  for _ in $(seq 1 30); do ready "http://127.0.0.1:$LB_PORT/health/ready" && return 0; sleep 1; done
  die "HAProxy on :$LB_PORT has no healthy node"
}

up() {
  ensure_haproxy
  build_if_needed
  # The nodes run on the build's Liberty runtime, which only ./run.sh or ./mvnw verify lay out: lay it out
  # here when this is the first thing run after a build.
  [[ -x "$WLP/bin/server" ]] || ./mvnw -B -q -pl platform/server liberty:create
  export_demo_secrets
  if [[ -n "${CLUSTER_FRESH:-}" ]]; then
    log "starting empty: schema $SCHEMA, pictures and nodes' data removed"
    for p in "${NODE_PORTS[@]}"; do remove_node "$p"; done
    psql_cluster -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" >/dev/null
    rm -rf "$RUN_DIR/s3proxy" "${NODE_PORTS[@]/#/$RUN_DIR/shenhe-node-}"
  fi
  psql_cluster -c "CREATE SCHEMA IF NOT EXISTS $SCHEMA" >/dev/null
  if ready "http://localhost:$KC_PORT/realms/shenhe/.well-known/openid-configuration"; then
    log "Keycloak already on :$KC_PORT"
  else
    bash scripts/keycloak.sh start && touch "$RUN_DIR/.keycloak-started"
  fi
  "${S3[@]}" bash scripts/s3proxy.sh start
  provision_keys
  # One at a time: the first applies the migrations and seeds the districts.
  for p in "${NODE_PORTS[@]}"; do start_node "$p"; done
  start_haproxy
  log "up: http://localhost:$LB_PORT (HAProxy) -> nodes ${NODE_PORTS[*]}; PostgreSQL schema $SCHEMA; s3proxy :$S3_PORT"
}

down_nodes() { for p in "${NODE_PORTS[@]}"; do stop_node "$p"; done; }

down() {
  if [[ -f "$RUN_DIR/haproxy.pid" ]]; then kill "$(cat "$RUN_DIR/haproxy.pid")" 2>/dev/null || true; rm -f "$RUN_DIR/haproxy.pid"; fi
  down_nodes
  "${S3[@]}" bash scripts/s3proxy.sh stop || true
  if [[ -f "$RUN_DIR/.keycloak-started" ]]; then bash scripts/keycloak.sh stop || true; rm -f "$RUN_DIR/.keycloak-started"; fi
  log "down"
}

status() {
  local p
  for p in "${NODE_PORTS[@]}"; do
    if ready "http://127.0.0.1:$p/health/ready"; then log "$(node_name "$p"): ready"; else log "$(node_name "$p"): not ready"; fi
  done
  if ready "http://127.0.0.1:$LB_PORT/health/ready"; then log "HAProxy :$LB_PORT: serving"; else log "HAProxy :$LB_PORT: not serving"; fi
  "${S3[@]}" bash scripts/s3proxy.sh status || true
}

mkdir -p "$RUN_DIR"
case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  node)
    [[ $# == 3 ]] || die "usage: $0 node start|stop|kill PORT"
    export_demo_secrets
    case "$2" in start) start_node "$3" ;; stop) stop_node "$3" ;; kill) kill_node "$3" ;; *) die "node start|stop|kill PORT" ;; esac
    ;;
  *) echo "usage: $0 up|down|status|node start|stop|kill PORT" >&2; exit 2 ;;
esac
