# Sourced by docker/build.sh, stack.sh and smoke.sh: paths, logging, the tools and the Docker daemon they need.
DOCKER_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$DOCKER_DIR/.." && pwd)"
CACHE="${SHENHE_DOCKER_CACHE:-$ROOT/.cache/docker}"
COMPOSE=(docker-compose -p shenhe -f "$DOCKER_DIR/compose.yaml")
mkdir -p "$CACHE"
shopt -s inherit_errexit   # a failure inside $(...) stops the script too

log() { printf '[%s %s] %s\n' "$(date -u +%H:%M:%S)" "${LOG_TAG:-docker}" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Installs with apt what is missing (needs root): docker.io, docker-compose, mmdebstrap, jq, curl, openssl.
ensure_tools() {
  local -a missing=()
  command -v dockerd >/dev/null || missing+=(docker.io)
  command -v docker-compose >/dev/null || missing+=(docker-compose)
  command -v mmdebstrap >/dev/null || missing+=(mmdebstrap)
  command -v jq >/dev/null || missing+=(jq)
  command -v curl >/dev/null || missing+=(curl)
  command -v openssl >/dev/null || missing+=(openssl)
  command -v unzip >/dev/null || missing+=(unzip)
  ((${#missing[@]} == 0)) && return 0
  [[ "$(id -u)" == 0 ]] || die "missing ${missing[*]}: sudo apt-get install -y ${missing[*]}"
  log "installing ${missing[*]}"
  # No service started by the packages (docker.io's would be a daemon nobody stops): only ensure_dockerd starts
  # one, and the smoke test stops what it started. Debian's way is a policy-rc.d that refuses; kept if present.
  local policy=/usr/sbin/policy-rc.d added="" rc=0
  if [[ ! -e "$policy" ]]; then printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && added=1; fi
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; } || rc=$?
  [[ -z "$added" ]] || rm -f "$policy"
  return "$rc"
}

# Starts the daemon the way these machines allow (no bridge, no iptables: every service uses the host's
# network) when none answers. DOCKERD_STARTED holds its pid when this call started it.
DOCKERD_STARTED=""
ensure_dockerd() {
  docker info >/dev/null 2>&1 && return 0
  [[ "$(id -u)" == 0 ]] || die "the Docker daemon is not running and only root can start it"
  log "starting dockerd (log: $CACHE/dockerd.log)"
  setsid nohup dockerd --bridge none --iptables=false </dev/null >>"$CACHE/dockerd.log" 2>&1 &
  DOCKERD_STARTED=$!
  local i
  for ((i = 0; i < 120; i++)); do
    docker info >/dev/null 2>&1 && return 0
    kill -0 "$DOCKERD_STARTED" 2>/dev/null || die "dockerd exited; see $CACHE/dockerd.log"
    sleep 0.5
  done
  die "dockerd did not answer within 60 s; see $CACHE/dockerd.log"
}
