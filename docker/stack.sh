#!/usr/bin/env bash
# Starts and stops the compose file (project shenhe) with its secrets in place.
#
#   bash docker/stack.sh up      secrets and a demo certificate made when missing; up -d; waits until healthy
#   bash docker/stack.sh wait    waits until every service is healthy (prints the seconds it took)
#   bash docker/stack.sh down    stops and removes the containers (volumes kept; `down -v` drops them)
#   bash docker/stack.sh ps | logs [service] | compose ARGS...
#
# Environment: SHENHE_SECRETS_DIR [<repo>/.cache/docker/secrets]: one file per secret (compose.yaml lists
# them); a missing one is made here at random, so production provides every file first. SHENHE_TLS_PEM
# [$SHENHE_SECRETS_DIR/tls.pem]: the certificate chain and its key; missing, a self-signed one for
# localhost is made (and its certificate written beside it as tls.crt, for clients). SHENHE_DEMO=1: demo
# users. SHENHE_UP_TIMEOUT [900] seconds (a loaded 2-core machine needs minutes).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
LOG_TAG=stack

export SHENHE_SECRETS_DIR="${SHENHE_SECRETS_DIR:-$CACHE/secrets}"
export SHENHE_TLS_PEM="${SHENHE_TLS_PEM:-$SHENHE_SECRETS_DIR/tls.pem}"
SECRETS=(postgres_password db_password keycloak_db_password keycloak_admin_password s3_access_key s3_secret_key
         keys_password metrics_password)

# The containers run as users of their own, so the files are readable by all (0444) inside a folder only
# its owner may enter (0700).
make_secrets() {
  mkdir -p "$SHENHE_SECRETS_DIR" && chmod 700 "$SHENHE_SECRETS_DIR"
  local s
  for s in "${SECRETS[@]}"; do
    [[ -s "$SHENHE_SECRETS_DIR/$s" ]] && continue
    log "making secret $s"
    head -c 24 /dev/urandom | base64 | tr -d '/+=\n' > "$SHENHE_SECRETS_DIR/$s"
    chmod 444 "$SHENHE_SECRETS_DIR/$s"
  done
  if [[ ! -s "$SHENHE_TLS_PEM" ]]; then
    log "making a self-signed certificate for localhost ($SHENHE_TLS_PEM; clients trust ${SHENHE_TLS_PEM%.pem}.crt)"
    local dir; dir="$(mktemp -d)"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 825 -subj /CN=localhost \
      -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout "$dir/key" -out "$dir/crt" 2>/dev/null
    cat "$dir/crt" "$dir/key" > "$SHENHE_TLS_PEM" && cp "$dir/crt" "${SHENHE_TLS_PEM%.pem}.crt"
    chmod 444 "$SHENHE_TLS_PEM" "${SHENHE_TLS_PEM%.pem}.crt"
    rm -rf "$dir"
  fi
}

# wait_healthy [START]: every service running and healthy, the one-shot keys service exited 0. Prints the
# seconds it took; fails at once when a service exits (the one-shot with an error) and after SHENHE_UP_TIMEOUT
# seconds. Logs when each service got there (seconds since START, a $SECONDS value, else since the call; within
# the health checks' 3 s interval), and writes those lines to SHENHE_UP_TIMINGS when set (smoke.sh prints them).
wait_healthy() {
  local timeout="${SHENHE_UP_TIMEOUT:-900}" start="${1:-$SECONDS}" name state code health waiting failed
  local -A ready=()
  while :; do
    waiting="" failed=""
    while read -r name state code health; do
      name="${name#/shenhe-}"
      if [[ "$name" == keys ]]; then
        if [[ "$state" == exited && "$code" == 0 ]]; then
          ready[$name]="${ready[$name]:-$((SECONDS - start))}"; continue
        fi
        [[ "$state" == exited ]] && failed+=" keys(exit $code)" || waiting+=" keys($state)"
      elif [[ "$state" == running && "$health" == healthy ]]; then
        ready[$name]="${ready[$name]:-$((SECONDS - start))}"
        continue
      elif [[ "$state" == exited || "$state" == dead ]]; then
        failed+=" $name($state $code)"
      else
        waiting+=" $name($state ${health:-})"
      fi
    # docker, not docker-compose: its Python start costs a loaded machine a second of CPU at every poll
    done < <(docker ps -aq --filter label=com.docker.compose.project=shenhe | xargs -r docker inspect \
               -f '{{.Name}} {{.State.Status}} {{.State.ExitCode}} {{if .State.Health}}{{.State.Health.Status}}{{end}}')
    if [[ -z "$waiting" && -z "$failed" && ${#ready[@]} -gt 0 ]]; then
      local lines=()
      for name in "${!ready[@]}"; do lines+=("$(printf '%-10s %4s s' "$name" "${ready[$name]}")"); done
      mapfile -t lines < <(printf '%s\n' "${lines[@]}" | sort -k2 -n)
      log "healthy after (s):$(printf ' %s' "${lines[@]}" | tr -s ' ')"
      [[ -z "${SHENHE_UP_TIMINGS:-}" ]] || printf '%s\n' "${lines[@]}" >"$SHENHE_UP_TIMINGS"
      echo $((SECONDS - start))
      return 0
    fi
    if [[ -n "$failed" ]] || ((SECONDS - start > timeout)); then
      log "not healthy after $((SECONDS - start)) s:${failed}${waiting}"
      return 1
    fi
    sleep 1
  done
}

case "${1:-up}" in
  up)
    ensure_tools; ensure_dockerd; make_secrets
    start=$SECONDS
    "${COMPOSE[@]}" up -d >&2
    log "started in $((SECONDS - start)) s; waiting until every service is healthy"
    secs="$(wait_healthy "$start")" || exit 1
    log "healthy $((SECONDS - start)) s after up: https://localhost:10443/ (Keycloak: https://localhost:10443/auth/)"
    ;;
  wait) wait_healthy ;;
  down) shift; "${COMPOSE[@]}" down "$@" ;;
  ps) "${COMPOSE[@]}" ps ;;
  logs) shift; "${COMPOSE[@]}" logs --no-color "$@" ;;
  compose) shift; "${COMPOSE[@]}" "$@" ;;
  *) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0" >&2; exit 2 ;;
esac
