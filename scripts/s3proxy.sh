#!/usr/bin/env bash
# Fetch, start, stop a local S3-compatible object store (s3proxy, filesystem backend) on loopback,
# for the integration tests and for trying the S3 blob store by hand.
#
#   bash scripts/s3proxy.sh start|stop|status
#
# Environment (defaults in brackets):
#   S3PROXY_PORT        HTTP port (loopback only)                       [9400]
#   S3PROXY_VERSION     org.gaul:s3proxy version                        [4.1.0]
#   S3PROXY_JAR         the runnable jar (jar-with-dependencies)        [fetched into <repo>/.cache/s3proxy]
#   S3PROXY_RUN_DIR     pid file, log, properties and the stored data   [<repo>/.cache/s3proxy-run-$S3PROXY_PORT]
#   S3PROXY_BUCKET      bucket created at start (a folder of the data)  [shenhe]
#   S3PROXY_ACCESS_KEY  access key the store accepts                    [shenhe]
#   S3PROXY_SECRET_KEY  secret key the store accepts                    [shenhe-secret]
#   S3PROXY_START_TIMEOUT  seconds to wait until it answers             [60]
#
# The data stays in $S3PROXY_RUN_DIR/data across stop and start (stop is what the tests use to
# make the store unreachable); delete that folder for an empty store.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

S3PROXY_PORT="${S3PROXY_PORT:-9400}"
S3PROXY_VERSION="${S3PROXY_VERSION:-4.1.0}"
S3PROXY_RUN_DIR="${S3PROXY_RUN_DIR:-$ROOT/.cache/s3proxy-run-$S3PROXY_PORT}"
S3PROXY_BUCKET="${S3PROXY_BUCKET:-shenhe}"
S3PROXY_ACCESS_KEY="${S3PROXY_ACCESS_KEY:-shenhe}"
S3PROXY_SECRET_KEY="${S3PROXY_SECRET_KEY:-shenhe-secret}"
S3PROXY_START_TIMEOUT="${S3PROXY_START_TIMEOUT:-60}"
CACHE_DIR="$ROOT/.cache/s3proxy"
S3PROXY_JAR="${S3PROXY_JAR:-$CACHE_DIR/s3proxy-$S3PROXY_VERSION-jar-with-dependencies.jar}"

PID_FILE="$S3PROXY_RUN_DIR/s3proxy.pid"
LOG_FILE="$S3PROXY_RUN_DIR/s3proxy.log"
PROPS_FILE="$S3PROXY_RUN_DIR/s3proxy.properties"
DATA_DIR="$S3PROXY_RUN_DIR/data"
URL="http://127.0.0.1:$S3PROXY_PORT/"

log() { printf '[s3proxy:%s] %s\n' "$S3PROXY_PORT" "$*"; }
die() { printf '[s3proxy:%s] ERROR: %s\n' "$S3PROXY_PORT" "$*" >&2; exit 1; }

usage() {
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}" >&2
  exit 2
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Any HTTP answer (an anonymous request gets 403 AccessDenied) means it serves.
answers() { [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$URL" 2>/dev/null || true)" =~ ^[1-5][0-9][0-9]$ ]]; }

# The pid recorded by `start`, if that process is still alive and still s3proxy (not a recycled pid).
live_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  read -r pid <"$PID_FILE" || true
  if [[ "${pid:-}" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null \
      && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 's3proxy'; then
    printf '%s' "$pid"
    return 0
  fi
  rm -f "$PID_FILE"
  return 1
}

ensure_jar() {
  [[ -f "$S3PROXY_JAR" ]] && return 0
  mkdir -p "$CACHE_DIR"
  local -a mvn=(sh "$ROOT/mvnw")
  [[ -x "$ROOT/mvnw" ]] && mvn=("$ROOT/mvnw")
  log "fetching org.gaul:s3proxy:$S3PROXY_VERSION (55 MB on the first time, then from ~/.m2)"
  (cd "$ROOT" && "${mvn[@]}" -q -N dependency:copy \
      -Dartifact="org.gaul:s3proxy:$S3PROXY_VERSION:jar:jar-with-dependencies" -DoutputDirectory="$CACHE_DIR") \
    || die "could not fetch org.gaul:s3proxy:$S3PROXY_VERSION"
  [[ -f "$S3PROXY_JAR" ]] || die "Maven did not produce $S3PROXY_JAR"
}

cmd_start() {
  local pid
  if pid="$(live_pid)"; then
    log "already running (pid $pid): $URL"
    return 0
  fi
  port_in_use "$S3PROXY_PORT" && die "port $S3PROXY_PORT is in use by another process; pick another: S3PROXY_PORT=..."
  ensure_jar
  local java="java"
  [[ -n "${JAVA_HOME:-}" ]] && java="$JAVA_HOME/bin/java"
  mkdir -p "$DATA_DIR/$S3PROXY_BUCKET"   # with the filesystem backend a bucket is a folder
  cat >"$PROPS_FILE" <<EOF
s3proxy.endpoint=http://127.0.0.1:$S3PROXY_PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$S3PROXY_ACCESS_KEY
s3proxy.credential=$S3PROXY_SECRET_KEY
jclouds.provider=filesystem
jclouds.filesystem.basedir=$DATA_DIR
EOF
  : >"$LOG_FILE"
  log "starting on $URL (bucket $S3PROXY_BUCKET, data $DATA_DIR), log: $LOG_FILE"
  setsid nohup "$java" -Xms32m -Xmx256m -jar "$S3PROXY_JAR" --properties "$PROPS_FILE" \
    </dev/null >>"$LOG_FILE" 2>&1 &
  echo $! >"$PID_FILE"
  pid="$(cat "$PID_FILE")"
  local start=$SECONDS
  while ((SECONDS - start < S3PROXY_START_TIMEOUT)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 40 "$LOG_FILE" >&2 || true
      rm -f "$PID_FILE"
      die "s3proxy exited during start-up"
    fi
    if answers; then
      log "ready after $((SECONDS - start)) s (pid $pid)"
      return 0
    fi
    sleep 0.3
  done
  tail -n 40 "$LOG_FILE" >&2 || true
  cmd_stop
  die "not answering after $S3PROXY_START_TIMEOUT s"
}

cmd_stop() {
  local pid i
  if ! pid="$(live_pid)"; then
    log "not running (no live instance in $S3PROXY_RUN_DIR)"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  rm -f "$PID_FILE"
  log "stopped"
}

cmd_status() {
  local pid
  if pid="$(live_pid)" && answers; then
    log "running (pid $pid): $URL"
    return 0
  fi
  log "not running"
  return 3
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) usage ;;
esac
