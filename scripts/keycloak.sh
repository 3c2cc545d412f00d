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
#   KC_UI_PORTS        more local ports the UI may come back to after sign-in, besides the demo's
#                      (the build passes its it.http.port, so browser tests run on any port) [none]
#   KC_PROVIDERS_JAR   Shenhe's Keycloak providers (sign-up validators)
#                                        [<repo>/keycloak/providers/target/shenhe-keycloak-providers.jar,
#                                         built with ./mvnw when missing or older than its sources]
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
KC_UI_PORTS="${KC_UI_PORTS:-}"
PROVIDERS_DIR="$ROOT/keycloak/providers"
KC_PROVIDERS_JAR="${KC_PROVIDERS_JAR:-$PROVIDERS_DIR/target/shenhe-keycloak-providers.jar}"

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
# (rewrites lib/quarkus) under the feet of an instance that is already running. The providers in
# providers/ are part of the build too: a changed jar makes start-dev re-augment, so it counts as a
# build option (its SHA-256 is in the stamp) and is only installed under the build lock.
BUILD_OPTS=(--db=dev-mem --health-enabled=true)
BUILD_STAMP="$KC_HOME/.shenhe-built"   # written after the first successful start with this build_id
INSTALLED_JAR="$KC_HOME/providers/shenhe-keycloak-providers.jar"

log() { printf '[keycloak:%s] %s\n' "$KC_PORT" "$*"; }
die() { printf '[keycloak:%s] ERROR: %s\n' "$KC_PORT" "$*" >&2; exit 1; }

usage() {
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}" >&2
  exit 2
}

# --- helpers -------------------------------------------------------------------------------

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

is_ready() {
  curl -fsS --max-time 3 "$READY_URL" 2>/dev/null | grep -q '"status"[[:space:]]*:[[:space:]]*"UP"'
}

realm_answers() { curl -fsS --max-time 5 -o /dev/null "$REALM_URL" 2>/dev/null; }

# The pid file holds "PID bg" (started by `start`: PID leads its own process group) or
# "PID fg" (started by `run`: PID is kc.sh inside the caller's process group).
read_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid mode
  read -r pid mode <"$PID_FILE" || true
  [[ "${pid:-}" =~ ^[0-9]+$ ]] || return 1
  printf '%s %s' "$pid" "${mode:-bg}"
}

# kill -0 also succeeds for a zombie (exited, not yet reaped by its parent): look at /proc too.
pid_running() {
  kill -0 "$1" 2>/dev/null || return 1
  local state
  state="$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)" || true
  [[ "$state" != Z ]]
}

# Alive = the recorded process (group) still exists and, where /proc tells, is still kc.sh
# (guards against a recycled pid).
instance_alive() {
  local pid="$1" mode="$2"
  if [[ "$mode" == fg ]]; then
    pid_running "$pid" || return 1
  else
    kill -0 -- "-$pid" 2>/dev/null || return 1
  fi
  if [[ -r "/proc/$pid/cmdline" ]]; then
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -Eq 'kc\.sh|keycloak\.sh|quarkus-run\.jar' || return 1
  fi
  return 0
}

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

# Prints "PID MODE" of a live instance of this run dir; removes a stale pid file.
live_pid() {
  local rec
  rec="$(read_pid)" || return 1
  if instance_alive $rec; then
    printf '%s' "$rec"
    return 0
  fi
  local pid="${rec%% *}"
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

# Runs Maven (the repo's wrapper if present) from the repo, so the wrapper finds .mvn/.
run_maven() {
  local -a mvn
  if [[ -f "$ROOT/mvnw" ]]; then
    if [[ -x "$ROOT/mvnw" ]]; then mvn=("$ROOT/mvnw"); else mvn=(sh "$ROOT/mvnw"); fi
  else
    command -v mvn >/dev/null 2>&1 || die "neither $ROOT/mvnw nor mvn found"
    mvn=(mvn)
  fi
  (cd "$ROOT" && "${mvn[@]}" "$@")
}

# Copies the distribution tarball into $1.
maven_fetch() {
  local out="$1"
  local artifact="org.keycloak:keycloak-quarkus-dist:$KC_VERSION:tar.gz"
  log "fetching $artifact with Maven (176 MB on the first time, then from ~/.m2)"
  # -N: do not build the reactor.
  run_maven -q -N dependency:copy -Dartifact="$artifact" -DoutputDirectory="$out" || die "could not fetch $artifact"
}

# The providers jar, built (module keycloak/providers alone) when missing or older than its sources:
# a Maven build of the whole project builds it before the server's tests, `-pl platform/server` does not.
ensure_providers_jar() {
  [[ "$KC_PROVIDERS_JAR" == "$PROVIDERS_DIR/target/"* && -d "$PROVIDERS_DIR/src" ]] || {
    [[ -f "$KC_PROVIDERS_JAR" ]] || die "KC_PROVIDERS_JAR=$KC_PROVIDERS_JAR not found"
    return 0
  }
  if [[ -f "$KC_PROVIDERS_JAR" && -z "$(find "$PROVIDERS_DIR/src" "$PROVIDERS_DIR/pom.xml" -newer "$KC_PROVIDERS_JAR" -type f -print -quit)" ]]; then
    return 0
  fi
  log "building $KC_PROVIDERS_JAR"
  run_maven -q -f "$PROVIDERS_DIR/pom.xml" -DskipTests package || die "could not build the Keycloak providers"
}

providers_sha() { sha256sum "$KC_PROVIDERS_JAR" | cut -d' ' -f1; }
build_id() { printf '%s providers=%s' "${BUILD_OPTS[*]}" "$(providers_sha)"; }

# Under the build lock: the jar into providers/ if it differs (same bytes keep their old mtime, and
# Keycloak does not re-augment).
install_providers() {
  mkdir -p "$KC_HOME/providers"
  cmp -s "$KC_PROVIDERS_JAR" "$INSTALLED_JAR" && return 0
  log "installing $(basename "$KC_PROVIDERS_JAR") into $KC_HOME/providers (Keycloak rebuilds itself at this start)"
  cp "$KC_PROVIDERS_JAR" "$INSTALLED_JAR.tmp"
  mv -f "$INSTALLED_JAR.tmp" "$INSTALLED_JAR"
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

# Puts the realm into data/import atomically (another instance may be importing it right now), as
# the demo: the realm file is the production realm (no users, strict settings, its URLs and switches
# from SHENHE_* placeholders); the demo adds its users and lets the UI come back to any local port
# the demo, the tests and the benchmarks serve it on.
DEMO_UI_PORTS=(9080 9081 9180 9181 9182 19080 29080 39080 39081 49080 59080 5173)
install_realm() {
  [[ -f "$REALM_FILE" ]] || die "realm file $REALM_FILE not found"
  local dir="$KC_HOME/data/import" port uris="" logout=""
  mkdir -p "$dir"
  local -a ports=("${DEMO_UI_PORTS[@]}")
  for port in ${KC_UI_PORTS//,/ }; do
    [[ "$port" =~ ^[0-9]+$ ]] || die "KC_UI_PORTS: not a port: $port"
    [[ " ${ports[*]} " == *" $port "* ]] || ports+=("$port")
  done
  for port in "${ports[@]}"; do
    uris+="${uris:+, }\"http://localhost:$port/*\""
    logout+="${logout:+##}http://localhost:$port/*"
  done
  local tmp
  tmp="$(mktemp "$dir/.shenhe-realm.XXXXXX")"
  # the redirect list is the one line holding the placeholder alone; the logout list is an attribute
  sed -e 's|^\( *\)"${SHENHE_PUBLIC_URL:[^}]*}/\*"$|\1'"$uris"'|' \
      -e 's|\("post.logout.redirect.uris": \)"[^"]*"|\1"'"$logout"'"|' "$REALM_FILE" > "$tmp"
  mv -f "$tmp" "$dir/shenhe-realm.json"
  tmp="$(mktemp "$dir/.shenhe-users.XXXXXX")"
  cp "$ROOT/keycloak/demo/shenhe-users-0.json" "$tmp"
  mv -f "$tmp" "$dir/shenhe-users-0.json"
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
    -u KC_JAVA_HOME -u KC_START_TIMEOUT -u KC_PROVIDERS_JAR -u KC_UI_PORTS \
    KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
    SHENHE_PUBLIC_URL=http://localhost:9080 "SHENHE_KC_PASSWORD_POLICY=length(4)" \
    SHENHE_KC_STAFF_OTP=DISABLED SHENHE_KC_CLI_ENABLED=true \
    "JAVA_OPTS_KC_HEAP=${JAVA_OPTS_KC_HEAP:--Xms64m -Xmx512m}"
}

stop_instance() {
  local pid="$1" mode="$2" i
  local -a target=(-- "-$pid")             # the whole process group (kc.sh and java)
  [[ "$mode" == fg ]] && target=("$pid")   # kc.sh forwards TERM to java and waits for it
  target_running() {
    if [[ "$mode" == fg ]]; then pid_running "$pid"; else kill -0 "${target[@]}" 2>/dev/null; fi
  }
  kill -TERM "${target[@]}" 2>/dev/null || true
  # Up to 30 s for a graceful shutdown (Keycloak defers SIGTERM until its start-up is over).
  for ((i = 0; i < 60; i++)); do
    target_running || return 0
    sleep 0.5
  done
  log "still running after 30 s, sending SIGKILL"
  if [[ "$mode" == fg ]]; then
    pkill -KILL -P "$pid" 2>/dev/null || true
  fi
  kill -KILL "${target[@]}" 2>/dev/null || true
  for ((i = 0; i < 20; i++)); do
    target_running || return 0
    sleep 0.5
  done
  die "Keycloak (pid $pid) did not exit"
}

# --- commands ------------------------------------------------------------------------------

built() { [[ "$(cat "$BUILD_STAMP" 2>/dev/null || true)" == "$(build_id)" ]]; }

# The first start of a fresh distribution, and the first with a changed providers jar, runs the
# Quarkus build (rewrites lib/quarkus). take_build_lock serialises it: two instances started together
# must not both rebuild. Returns 0 with the lock held on fd 9 (and the providers installed) if this
# call has to do the build.
take_build_lock() {
  built && return 1
  exec 9>"$LOCK_FILE"
  if ! flock -n 9; then
    log "another instance is doing the first-time build; waiting for it"
    flock 9
  fi
  if built; then
    exec 9>&-
    return 1
  fi
  log "first start with these build options and providers: Keycloak builds itself (1-2 minutes)"
  install_providers
  return 0
}

cmd_start() {
  local rec
  if rec="$(live_pid)"; then
    use_recorded_ports
    if is_ready; then
      log "already running (pid ${rec%% *}), ready: http://localhost:$KC_PORT (admin console: admin/admin)"
      return 0
    fi
    log "instance pid ${rec%% *} is starting; waiting for it"
    wait_ready $rec
    return 0
  fi
  check_ports_free
  ensure_dist
  setup_java
  ensure_providers_jar
  mkdir -p "$KC_RUN_DIR"
  local locked=0
  if take_build_lock; then locked=1; fi

  install_realm
  local -a args envs
  mapfile -t args < <(kc_args)
  mapfile -t envs < <(kc_env)
  log "starting Keycloak $KC_VERSION on http://localhost:$KC_PORT (management $KC_MGMT_PORT), log: $LOG_FILE"
  : >"$LOG_FILE"
  rm -f "$PID_FILE"
  printf '%s %s\n' "$KC_PORT" "$KC_MGMT_PORT" >"$PORTS_FILE"
  # New session (setsid): the pid written by the inner shell is also the process group id,
  # which `stop` kills as a whole (kc.sh and its java child). fd 9 (the lock) is not inherited.
  setsid nohup env "${envs[@]}" bash -c 'echo "$$ bg" >"$1"; shift; exec bash "$@"' \
    keycloak "$PID_FILE" "$KC_HOME/bin/kc.sh" "${args[@]}" \
    </dev/null >>"$LOG_FILE" 2>&1 9>&- &
  local i
  for ((i = 0; i < 50; i++)); do
    [[ -s "$PID_FILE" ]] && break
    sleep 0.1
  done
  rec="$(read_pid)" || die "Keycloak did not start (no pid file); see $LOG_FILE"

  wait_ready $rec
  if ((locked)); then
    build_id >"$BUILD_STAMP"
    exec 9>&-
  fi
}

# wait_ready PID MODE: exits non-zero (after showing the log) if the instance dies or times out.
wait_ready() {
  local pid="$1" mode="$2" start=$SECONDS
  while ((SECONDS - start < KC_START_TIMEOUT)); do
    if ! instance_alive "$pid" "$mode"; then
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
  stop_instance "$pid" "$mode"
  rm -f "$PID_FILE" "$PORTS_FILE"
  exit 1
}

cmd_stop() {
  local rec
  if ! rec="$(live_pid)"; then
    log "not running (no live instance in $KC_RUN_DIR)"
    return 0
  fi
  log "stopping pid ${rec%% *}"
  stop_instance $rec
  rm -f "$PID_FILE" "$PORTS_FILE"
  log "stopped"
}

cmd_status() {
  local rec
  if rec="$(live_pid)"; then
    use_recorded_ports
    if is_ready; then
      log "running (pid ${rec%% *}), ready: http://localhost:$KC_PORT, management port $KC_MGMT_PORT"
      return 0
    fi
    log "running (pid ${rec%% *}) but not ready yet"
    return 1
  fi
  log "not running (no instance in $KC_RUN_DIR)"
  return 3
}

cmd_run() {
  local rec
  if rec="$(live_pid)"; then
    die "already running (pid ${rec%% *}); stop it first: KC_PORT=$KC_PORT bash scripts/keycloak.sh stop"
  fi
  check_ports_free
  ensure_dist
  setup_java
  ensure_providers_jar
  mkdir -p "$KC_RUN_DIR"
  install_realm
  local -a args envs
  mapfile -t args < <(kc_args)
  mapfile -t envs < <(kc_env)
  printf '%s %s\n' "$KC_PORT" "$KC_MGMT_PORT" >"$PORTS_FILE"
  printf '%s fg\n' "$$" >"$PID_FILE"        # exec below keeps this pid
  if take_build_lock; then
    # Do not hold the lock for the lifetime of a foreground server: release it and let a
    # watcher record the build once the server is ready (a `start` racing this very first
    # build could still rebuild concurrently; later starts never rebuild).
    exec 9>&-
    (
      for ((i = 0; i < KC_START_TIMEOUT; i++)); do
        sleep 1
        instance_alive "$$" fg || exit 0
        if is_ready; then build_id >"$BUILD_STAMP"; exit 0; fi
      done
    ) </dev/null >/dev/null 2>&1 &
  fi
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
