#!/usr/bin/env bash
# Fetch, start, stop a local Keycloak for Shenhe (realm keycloak/shenhe-realm.json).
#
#   bash scripts/keycloak.sh start|stop|run|status
#
# Environment (defaults in brackets):
#   KC_PORT            HTTP port                                   [8180]
#   KC_MGMT_PORT       management port (/health/ready)             [9100]
#   KC_VERSION         org.keycloak:keycloak-quarkus-dist version  [26.7.3]
#   KC_CACHE_DIR       where the distribution is unpacked and kept [<repo>/.cache/keycloak]
#   KC_RUN_DIR         pid file and log of this instance           [<repo>/.cache/keycloak-run-$KC_PORT]
#   KC_JAVA_HOME       JDK to run Keycloak with                    [JAVA_HOME, else java on PATH]
#   KC_START_TIMEOUT   seconds to wait for readiness               [240]
#
# The database is Keycloak's in-memory dev database (--db=dev-mem): each start imports the realm
# fresh, and several instances (different ports and run dirs) can run at once from one unpacked
# distribution. Admin console / admin REST API: bootstrap admin admin/admin (realm master).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

KC_PORT="${KC_PORT:-8180}"
KC_MGMT_PORT="${KC_MGMT_PORT:-9100}"
KC_VERSION="${KC_VERSION:-26.7.3}"
KC_CACHE_DIR="${KC_CACHE_DIR:-$ROOT/.cache/keycloak}"
KC_RUN_DIR="${KC_RUN_DIR:-$ROOT/.cache/keycloak-run-$KC_PORT}"
KC_JAVA_HOME="${KC_JAVA_HOME:-}"
KC_START_TIMEOUT="${KC_START_TIMEOUT:-240}"

REALM_FILE="$ROOT/keycloak/shenhe-realm.json"
KC_HOME="$KC_CACHE_DIR/keycloak-$KC_VERSION"
PID_FILE="$KC_RUN_DIR/keycloak.pid"
LOG_FILE="$KC_RUN_DIR/keycloak.log"
PORTS_FILE="$KC_RUN_DIR/keycloak.ports"
LOCK_FILE="$KC_CACHE_DIR/.keycloak-$KC_VERSION.lock"
set_urls() {
  READY_URL="http://127.0.0.1:$KC_MGMT_PORT/health/ready"
  REALM_URL="http://127.0.0.1:$KC_PORT/realms/shenhe/.well-known/openid-configuration"
}
set_urls

# Build-time options must be identical for every instance, otherwise start-dev re-augments
# (rewrites lib/quarkus) under the feet of an instance that is already running.
BUILD_OPTS=(--db=dev-mem --health-enabled=true)
BUILD_STAMP="$KC_HOME/.shenhe-built"   # written after the first successful start with BUILD_OPTS

log() { printf '[keycloak:%s] %s\n' "$KC_PORT" "$*"; }
die() { printf '[keycloak:%s] ERROR: %s\n' "$KC_PORT" "$*" >&2; exit 1; }

usage() {
  sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit 2
}

# --- helpers -------------------------------------------------------------------------------

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

is_ready() {
  curl -fsS --max-time 3 "$READY_URL" 2>/dev/null | grep -q '"status"[[:space:]]*:[[:space:]]*"UP"'
}

realm_answers() { curl -fsS --max-time 5 -o /dev/null "$REALM_URL" 2>/dev/null; }

read_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(tr -dc '0-9' <"$PID_FILE")"
  [[ -n "$pid" ]] || return 1
  printf '%s' "$pid"
}

# Alive = the process group led by the recorded pid still has members.
group_alive() { kill -0 -- "-$1" 2>/dev/null; }

# A running instance is checked on the ports it was started with (KC_RUN_DIR may be shared by
# a call that forgot KC_MGMT_PORT).
use_recorded_ports() {
  local port mgmt
  [[ -f "$PORTS_FILE" ]] || return 0
  read -r port mgmt <"$PORTS_FILE" || true
  [[ -n "${port:-}" && -n "${mgmt:-}" ]] || return 0
  if [[ "$port" != "$KC_PORT" || "$mgmt" != "$KC_MGMT_PORT" ]]; then
    log "note: the instance of $KC_RUN_DIR was started with KC_PORT=$port KC_MGMT_PORT=$mgmt" >&2
  fi
  KC_PORT="$port"
  KC_MGMT_PORT="$mgmt"
  set_urls
}

# Prints the pid of a live instance of this run dir; removes a stale pid file.
live_pid() {
  local pid
  pid="$(read_pid)" || return 1
  if group_alive "$pid"; then
    printf '%s' "$pid"
    return 0
  fi
  log "removing stale pid file $PID_FILE (pid $pid is gone)" >&2
  rm -f "$PID_FILE" "$PORTS_FILE"
  return 1
}

setup_java() {
  if [[ -n "$KC_JAVA_HOME" ]]; then
    [[ -x "$KC_JAVA_HOME/bin/java" ]] || die "KC_JAVA_HOME=$KC_JAVA_HOME has no bin/java"
    export JAVA_HOME="$KC_JAVA_HOME"
  fi
  local java="java"
  [[ -n "${JAVA_HOME:-}" ]] && java="$JAVA_HOME/bin/java"
  command -v "$java" >/dev/null 2>&1 || die "no java found (set KC_JAVA_HOME or JAVA_HOME)"
}

# Runs Maven (the repo's wrapper if present) to copy the distribution tarball into $1.
maven_fetch() {
  local out="$1"
  local artifact="org.keycloak:keycloak-quarkus-dist:$KC_VERSION:tar.gz"
  local -a mvn
  if [[ -f "$ROOT/mvnw" ]]; then
    if [[ -x "$ROOT/mvnw" ]]; then mvn=("$ROOT/mvnw"); else mvn=(sh "$ROOT/mvnw"); fi
  else
    command -v mvn >/dev/null 2>&1 || die "neither $ROOT/mvnw nor mvn found: cannot fetch Keycloak"
    mvn=(mvn)
  fi
  log "fetching $artifact with ${mvn[*]##*/} (176 MB on the first time, then from ~/.m2)"
  # -N: do not build the reactor; run from the repo so the wrapper finds .mvn/.
  (cd "$ROOT" && "${mvn[@]}" -q -N dependency:copy -Dartifact="$artifact" -DoutputDirectory="$out") \
    || die "could not fetch $artifact"
}

ensure_dist() {
  [[ -f "$KC_HOME/bin/kc.sh" && -f "$KC_HOME/lib/quarkus-run.jar" ]] && return 0
  mkdir -p "$KC_CACHE_DIR"
  exec 9>"$LOCK_FILE"
  flock 9
  if [[ ! -f "$KC_HOME/bin/kc.sh" ]]; then
    # A folder without bin/kc.sh is the leftover of an interrupted earlier version of this
    # step; the real unpack happens in a temp folder and is renamed into place at the end.
    if [[ -e "$KC_HOME" ]]; then
      log "removing incomplete $KC_HOME"
      rm -rf "$KC_HOME"
    fi
    rm -rf "$KC_CACHE_DIR"/.unpack-*
    local tmp
    tmp="$(mktemp -d "$KC_CACHE_DIR/.unpack-XXXXXX")"
    maven_fetch "$tmp"
    local tgz="$tmp/keycloak-quarkus-dist-$KC_VERSION.tar.gz"
    [[ -f "$tgz" ]] || die "Maven did not produce $tgz"
    log "unpacking into $KC_HOME"
    tar -xzf "$tgz" -C "$tmp"
    [[ -f "$tmp/keycloak-$KC_VERSION/bin/kc.sh" ]] || die "unexpected archive layout in $tgz"
    mv -T "$tmp/keycloak-$KC_VERSION" "$KC_HOME"
    rm -rf "$tmp"
  fi
  exec 9>&-
}

# Puts the realm into data/import atomically (another instance may be importing it right now).
install_realm() {
  [[ -f "$REALM_FILE" ]] || die "realm file $REALM_FILE not found"
  local dir="$KC_HOME/data/import"
  mkdir -p "$dir"
  local tmp
  tmp="$(mktemp "$dir/.shenhe-realm.XXXXXX")"
  cp "$REALM_FILE" "$tmp"
  mv -f "$tmp" "$dir/shenhe-realm.json"
}

check_ports_free() {
  local p
  for p in "$KC_PORT" "$KC_MGMT_PORT"; do
    if port_in_use "$p"; then
      die "port $p is already in use by another process (not by an instance of $KC_RUN_DIR).
  Pick other ports: KC_PORT=... KC_MGMT_PORT=... bash scripts/keycloak.sh start"
    fi
  done
}

kc_args() {
  printf '%s\n' start-dev "${BUILD_OPTS[@]}" --import-realm \
    --http-host=127.0.0.1 --http-port="$KC_PORT" \
    --hostname="http://localhost:$KC_PORT" \
    --http-management-port="$KC_MGMT_PORT"
}

# Environment for kc.sh: our own KC_* settings are not Keycloak options, keep them away from it.
kc_env() {
  printf '%s\n' -u KC_PORT -u KC_MGMT_PORT -u KC_VERSION -u KC_CACHE_DIR -u KC_RUN_DIR \
    -u KC_JAVA_HOME -u KC_START_TIMEOUT \
    KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
    "JAVA_OPTS_KC_HEAP=${JAVA_OPTS_KC_HEAP:--Xms64m -Xmx512m}"
}

stop_group() {
  local pid="$1" i
  kill -TERM -- "-$pid" 2>/dev/null || true
  for ((i = 0; i < 60; i++)); do          # up to 30 s for a graceful shutdown
    group_alive "$pid" || return 0
    sleep 0.5
  done
  log "still running after 30 s, sending SIGKILL"
  kill -KILL -- "-$pid" 2>/dev/null || true
  for ((i = 0; i < 20; i++)); do
    group_alive "$pid" || return 0
    sleep 0.5
  done
  die "process group $pid did not exit"
}

# --- commands ------------------------------------------------------------------------------

cmd_start() {
  local pid
  if pid="$(live_pid)"; then
    use_recorded_ports
    if is_ready; then
      log "already running (pid $pid), ready: http://localhost:$KC_PORT (admin console: admin/admin)"
      return 0
    fi
    log "instance pid $pid is starting; waiting for it"
    wait_ready "$pid"
    return 0
  fi
  check_ports_free
  ensure_dist
  setup_java
  mkdir -p "$KC_RUN_DIR"

  # The first start of a fresh distribution runs the one-time Quarkus build (lib/quarkus).
  # Serialise it, so that two instances started together do not both rewrite lib/quarkus.
  local stamp_wanted="${BUILD_OPTS[*]}"
  local locked=0
  if [[ "$(cat "$BUILD_STAMP" 2>/dev/null || true)" != "$stamp_wanted" ]]; then
    exec 9>"$LOCK_FILE"
    if ! flock -n 9; then
      log "another instance is doing the first-time build; waiting for it"
      flock 9
    fi
    locked=1
    if [[ "$(cat "$BUILD_STAMP" 2>/dev/null || true)" != "$stamp_wanted" ]]; then
      log "first start: Keycloak runs its one-time build (about 1-2 minutes)"
    fi
  fi

  install_realm
  local -a args envs
  mapfile -t args < <(kc_args)
  mapfile -t envs < <(kc_env)
  log "starting Keycloak $KC_VERSION on http://localhost:$KC_PORT (management $KC_MGMT_PORT), log: $LOG_FILE"
  : >"$LOG_FILE"
  rm -f "$PID_FILE"
  printf '%s %s\n' "$KC_PORT" "$KC_MGMT_PORT" >"$PORTS_FILE"
  # New session (setsid) => the pid written by the inner shell is also the process group id,
  # which `stop` kills as a whole (kc.sh and its java child). fd 9 (the lock) is not inherited.
  setsid nohup env "${envs[@]}" bash -c 'echo $$ >"$1"; shift; exec bash "$@"' \
    keycloak "$PID_FILE" "$KC_HOME/bin/kc.sh" "${args[@]}" \
    </dev/null >>"$LOG_FILE" 2>&1 9>&- &
  local i
  for ((i = 0; i < 50; i++)); do
    [[ -s "$PID_FILE" ]] && break
    sleep 0.1
  done
  pid="$(read_pid)" || die "Keycloak did not start (no pid file); see $LOG_FILE"

  wait_ready "$pid"
  if ((locked)); then
    printf '%s' "$stamp_wanted" >"$BUILD_STAMP"
    exec 9>&-
  fi
}

wait_ready() {
  local pid="$1" start=$SECONDS
  while ((SECONDS - start < KC_START_TIMEOUT)); do
    if ! group_alive "$pid"; then
      log "Keycloak exited during start-up; last lines of $LOG_FILE:"
      tail -n 60 "$LOG_FILE" >&2 || true
      rm -f "$PID_FILE" "$PORTS_FILE"
      exit 1
    fi
    if is_ready && realm_answers; then
      log "ready after $((SECONDS - start)) s (pid $pid): http://localhost:$KC_PORT/realms/shenhe (admin console: admin/admin)"
      return 0
    fi
    sleep 1
  done
  log "not ready after $KC_START_TIMEOUT s; last lines of $LOG_FILE:"
  tail -n 60 "$LOG_FILE" >&2 || true
  log "stopping the unready instance"
  stop_group "$pid" || true
  rm -f "$PID_FILE" "$PORTS_FILE"
  exit 1
}

cmd_stop() {
  local pid
  if ! pid="$(live_pid)"; then
    log "not running (no live instance in $KC_RUN_DIR)"
    return 0
  fi
  log "stopping pid $pid"
  stop_group "$pid"
  rm -f "$PID_FILE" "$PORTS_FILE"
  log "stopped"
}

cmd_status() {
  local pid
  if pid="$(live_pid)"; then
    use_recorded_ports
    if is_ready; then
      log "running (pid $pid), ready: http://localhost:$KC_PORT, log: $LOG_FILE"
      return 0
    fi
    log "running (pid $pid) but not ready yet, log: $LOG_FILE"
    return 1
  fi
  if is_ready; then
    log "not started from $KC_RUN_DIR, but a Keycloak answers on management port $KC_MGMT_PORT (started with 'run'?)"
    return 0
  fi
  log "not running"
  return 3
}

cmd_run() {
  local pid
  if pid="$(live_pid)"; then
    die "already running in the background (pid $pid); use: bash scripts/keycloak.sh stop"
  fi
  check_ports_free
  ensure_dist
  setup_java
  install_realm
  local -a args envs
  mapfile -t args < <(kc_args)
  mapfile -t envs < <(kc_env)
  [[ "$(cat "$BUILD_STAMP" 2>/dev/null || true)" == "${BUILD_OPTS[*]}" ]] \
    || log "first start: Keycloak runs its one-time build (about 1-2 minutes)"
  log "running Keycloak $KC_VERSION in the foreground on http://localhost:$KC_PORT (Ctrl-C stops it)"
  # kc.sh forwards INT/TERM to its java child.
  exec env "${envs[@]}" bash "$KC_HOME/bin/kc.sh" "${args[@]}"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  run) cmd_run ;;
  status) cmd_status ;;
  *) usage ;;
esac
