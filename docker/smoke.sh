#!/usr/bin/env bash
# The containers' smoke test (CI runs it after ./mvnw verify): builds the images (reusing what exists for
# the same inputs), brings the compose file up with the demo users, and through HAProxy over TLS, with
# real tokens from Keycloak: signs in, registers, uploads, does a site review, searches, reads the national
# status. Then, while four candidates upload, it restarts one server container (SIGTERM), and later kills
# the other (SIGKILL) and starts it again: every upload answered 201 must read back with the bytes it had
# right after its 201 and be listed by its registration; an upload that failed must succeed when retried;
# every service must be healthy again. It brings everything down with its volumes and prints its timings
# (each service's time to healthy among them). Exits non-zero on any failure, then with the containers' logs
# in .cache/docker/smoke-logs/; leaves no container or volume behind, whatever ends it.
#
#   bash docker/smoke.sh [--clean]     --clean: remove the shenhe images first (a cold build; the Debian
#                                      root file system stays cached as a tar file)
#   bash docker/smoke.sh --running     the flows only, against the stack already up (kept running after)
#
# Environment: SHENHE_SMOKE_KEEP=1 leaves the stack running (to look at it; stop it with stack.sh down -v).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
LOG_TAG=smoke

export SHENHE_SECRETS_DIR="$CACHE/smoke-secrets" SHENHE_DEMO=1
export SHENHE_TLS_PEM="$SHENHE_SECRETS_DIR/tls.pem"
URL=https://localhost:10443
CRT="$SHENHE_SECRETS_DIR/tls.crt"
WORK="$(mktemp -d)"
CLIENT_PIDS=()
T0=$SECONDS
TIMINGS=()
timing() { TIMINGS+=("$(printf '%-34s %5s s' "$1" "$2")"); }
fail() { log "FAILED: $*"; exit 1; }

finish() {
  local rc=$?
  [[ "$BASHPID" == "$$" ]] || exit "$rc"   # an upload client's subshell
  set +e
  # upload clients still running (a failure elsewhere) stop first
  ((${#CLIENT_PIDS[@]} == 0)) || { kill "${CLIENT_PIDS[@]}" 2>/dev/null; wait "${CLIENT_PIDS[@]}" 2>/dev/null; }
  if ((rc != 0)); then
    local logs; logs="$CACHE/smoke-logs/$(date -u +%Y%m%dT%H%M%S)"
    mkdir -p "$logs"
    local c
    for c in $(docker ps -aq --filter name=shenhe-); do
      local n; n="$(docker inspect -f '{{.Name}}' "$c")"; n="${n#/}"
      docker logs -t "$c" >"$logs/$n.log" 2>&1
      docker inspect -f '{{.Name}} {{.State.Status}} exit {{.State.ExitCode}} oom-killed {{.State.OOMKilled}} restarts {{.RestartCount}}' "$c" >>"$logs/states"
    done
    cp "$WORK"/errors-* "$WORK"/gave-up "$WORK"/curl.log "$logs/" 2>/dev/null
    log "the services' last log lines (all of them, and the containers' states, in $logs):"
    "${COMPOSE[@]}" logs --no-color --tail 40 >&2 2>/dev/null
    cat "$logs/states" >&2
  fi
  if [[ -z "${SHENHE_SMOKE_KEEP:-}" ]]; then
    local t=$SECONDS
    "${COMPOSE[@]}" down -v --remove-orphans >/dev/null 2>&1
    timing "down -v" $((SECONDS - t))
    local left; left="$(docker ps -aq --filter name=shenhe-; docker volume ls -q --filter name=shenhe-)"
    if [[ -n "$left" ]]; then log "FAILED: left behind: $left"; rc=1; fi
    # A daemon this run started goes too, unless someone else's containers run on it now.
    if [[ -n "$DOCKERD_STARTED" && -z "$(docker ps -q)" ]]; then
      kill "$DOCKERD_STARTED"; wait "$DOCKERD_STARTED" 2>/dev/null
    fi
  fi
  rm -rf "$WORK"
  timing "total" $((SECONDS - T0))
  printf '%s\n' "== timings" "${TIMINGS[@]}" >&2
  ((rc == 0)) && log "PASSED" || log "FAILED (exit $rc)"
  exit "$rc"
}
trap finish EXIT
# A signal (CI's time limit, ^C) ends the run through finish too: bash runs no EXIT trap when a signal kills it.
trap 'exit 129' HUP; trap 'exit 130' INT; trap 'exit 143' TERM

# --- HTTP helpers: every call through HAProxy, TLS checked against the demo certificate ---------------------

# req TOKEN METHOD PATH [curl args...]: prints the status (000 when no answer came); the body is in $BODY.
req() {
  local token="$1" method="$2" path="$3"; shift 3
  local -a auth=()
  [[ -n "$token" ]] && auth=(-H "Authorization: Bearer $token")
  curl -sS --cacert "$CRT" --max-time 60 -o "$BODY" -w '%{http_code}' -X "$method" "${auth[@]}" "$@" "$URL$path" \
    2>>"$WORK/curl.log" || echo 000
}
# expect STATUS TOKEN METHOD PATH [curl args...]: fails unless the answer has that status.
expect() {
  local want="$1" got; shift
  got="$(req "$@")"
  [[ "$got" == "$want" ]] || fail "$2 $3 answered $got, not $want: $(head -c 500 "$BODY")"
}
json() { jq -r "$@" "$BODY"; }

# A demo user's access token (password grant on shenhe-cli, which only the demo enables).
token() {
  local t
  t="$(curl -sS --cacert "$CRT" --max-time 30 -d grant_type=password -d client_id=shenhe-cli -d username="$1" \
        -d password=demo "$URL/auth/realms/shenhe/protocol/openid-connect/token" | jq -r '.access_token // empty')"
  [[ -n "$t" ]] || fail "no token for $1"
  echo "$t"
}

register() { # TOKEN DISTRICT SITE NAME: the new registration's id
  expect 201 "$1" POST "/api/v1/districts/$2/registrations" -H 'Content-Type: application/json' \
    -d "{\"examYear\":2027,\"category\":\"clinical-physician\",\"site\":\"$3\",\"name\":\"$4\"}"
  json .id
}

# The district's material types as "code maxImages sampleUrl" lines, and their sample pictures in $WORK.
material_types() {
  expect 200 "" GET "/api/v1/districts/$1/requirements?category=clinical-physician&site=$2"
  local types   # read whole before the loop: each sample fetched in it overwrites $BODY, which jq may still be reading
  types="$(json '.. | objects | select(has("maxImages")) | "\(.code) \(.maxImages)"')"
  while read -r code max; do
    [[ -s "$WORK/$1-$code.img" ]] || expect 200 "" GET "/api/v1/districts/$1/material-types/$code/sample"
    [[ -s "$WORK/$1-$code.img" ]] || cp "$BODY" "$WORK/$1-$code.img"
    echo "$code $max"
  done <<< "$types"
}

upload() { # TOKEN DISTRICT REGISTRATION TYPE: the status; the body in $BODY
  local type="$4" mime=image/png
  [[ "$(head -c 3 "$WORK/$2-$type.img" | od -An -tx1 | tr -d ' ')" == ffd8ff ]] && mime=image/jpeg
  req "$1" POST "/api/v1/districts/$2/registrations/$3/materials/$type/images" -H "Content-Type: $mime" \
    --data-binary "@$WORK/$2-$type.img"
}

# The start-up time the service reports in its log, as "Liberty 41.2 s": the last start's (Liberty, Keycloak).
started_in() {
  docker logs "$1" 2>&1 | grep -oE '(server started in [0-9.]+ seconds|Keycloak [^ ]+ on JVM .* started in [0-9.]+s)' | tail -1 \
    | sed -E 's/.*server started in ([0-9.]+) seconds/Liberty \1 s/; s/^Keycloak.* started in ([0-9.]+)s/Keycloak \1 s/' || true
}

# --- 1. images and the stack ---------------------------------------------------------------------------------
ensure_tools
ensure_dockerd
if [[ "${1:-}" == --running ]]; then
  SHENHE_SMOKE_KEEP=1
  [[ -s "$CRT" ]] || fail "no $CRT: was the stack started by smoke.sh (SHENHE_SECRETS_DIR=$SHENHE_SECRETS_DIR)?"
else
if [[ -n "$("${COMPOSE[@]}" ps -aq 2>/dev/null)" || -n "$(docker volume ls -q --filter name=shenhe-)" ]]; then
  log "removing what an earlier run left"
  bash "$DOCKER_DIR/stack.sh" down -v --remove-orphans >/dev/null 2>&1 || true
fi
if [[ "${1:-}" == --clean ]]; then
  log "removing the shenhe images (cold build)"
  docker images --format '{{.Repository}}:{{.Tag}}' | { grep -E '^shenhe-' || true; } | xargs -r docker rmi -f >/dev/null
fi
t=$SECONDS
bash "$DOCKER_DIR/build.sh"
timing "build images" $((SECONDS - t))

t=$SECONDS
log "load average before up: $(cut -d' ' -f1-3 /proc/loadavg)"
SHENHE_UP_TIMINGS="$WORK/up-timings" bash "$DOCKER_DIR/stack.sh" up
timing "up to all healthy" $((SECONDS - t))
while read -r service secs _; do timing "  $service ready" "$secs"; done <"$WORK/up-timings"
for c in keycloak server-1 server-2; do log "shenhe-$c: $(started_in "shenhe-$c")"; done
log "load average after up: $(cut -d' ' -f1-3 /proc/loadavg)"
log "memory at rest:"
docker stats --no-stream --format '{{.Name}} {{.MemUsage}} cpu {{.CPUPerc}}' $(docker ps -q --filter name=shenhe-) | sed 's/^/  /' >&2
log "image sizes:"
docker images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep -E '^shenhe-[a-z0-9]+:latest ' | sed 's/^/  /' >&2 || true
fi

# --- 2. the smoke flow -----------------------------------------------------------------------------------------
t=$SECONDS
BODY="$WORK/body"
expect 200 "" GET /api/v1/districts
[[ "$(json '[.. | objects | .code? // empty] | index("bj") != null')" == true ]] || fail "district bj not listed"
mapfile -t BJ_TYPES < <(material_types bj bj-01)
((${#BJ_TYPES[@]} >= 3)) || fail "bj's requirements list ${#BJ_TYPES[@]} material types"

# Keycloak healthy is not yet Keycloak behind HAProxy (its check runs every few seconds): wait for the realm there.
deadline=$((SECONDS + 60))
until curl -sf --cacert "$CRT" --max-time 5 -o /dev/null "$URL/auth/realms/shenhe/.well-known/openid-configuration"; do
  ((SECONDS < deadline)) || fail "Keycloak not reachable through HAProxy within 60 s of being healthy"
  sleep 1
done
CANDIDATE="$(token bj-candidate-1)"
SITE_REVIEWER="$(token bj-site-reviewer)"
NATIONAL="$(token national-admin)"
R="$(register "$CANDIDATE" bj bj-01 容器冒烟)"
log "registered $R; uploading its materials"
IMAGES=()
for type in id-card id-card diploma practice-proof; do
  [[ "$(upload "$CANDIDATE" bj "$R" "$type")" == 201 ]] || fail "upload $type: $(head -c 500 "$BODY")"
  IMAGES+=("$(json .id)")
done
for i in "${IMAGES[@]}"; do
  expect 200 "$CANDIDATE" GET "/api/v1/districts/bj/registrations/$R/images/$i"
done
expect 200 "$CANDIDATE" GET "/api/v1/districts/bj/registrations/$R"
[[ "$(json .complete)" == true ]] || fail "registration not complete after its uploads"

log "site review"
expect 200 "$SITE_REVIEWER" PUT "/api/v1/districts/bj/registrations/$R/claim"
decisions="$(printf '{"imageId":"%s","decision":"APPROVE"},' "${IMAGES[@]}")"
expect 200 "$SITE_REVIEWER" POST "/api/v1/districts/bj/registrations/$R/reviews" -H 'Content-Type: application/json' \
  -d "{\"level\":\"SITE\",\"images\":[${decisions%,}],\"outcome\":\"PASS\"}"
[[ "$(json .status)" == SITE_PASSED ]] || fail "status after the site's pass: $(json .status)"

log "search (each node follows the change log; the balancer may ask either)"
deadline=$((SECONDS + 30))
until expect 200 "$SITE_REVIEWER" GET "/api/v1/districts/bj/search?q=$R" && [[ "$(json "[.hits[].registrationId] | index(\"$R\") != null")" == true ]]; do
  ((SECONDS < deadline)) || fail "registration $R not found by search within 30 s"
  sleep 0.5
done
# Both nodes: four more searches alternate between them.
for _ in 1 2 3 4; do
  expect 200 "$SITE_REVIEWER" GET "/api/v1/districts/bj/search?q=$R"
  [[ "$(json .total)" -ge 1 ]] || fail "a node's search misses $R"
done

log "national status"
expect 200 "$NATIONAL" GET /api/v1/national/status
[[ "$(json '[.districts[] | select(.district == "bj") | .counts.SITE_PASSED] | first // 0')" -ge 1 ]] \
  || fail "national status shows no SITE_PASSED registration in bj: $(head -c 500 "$BODY")"
expect 403 "$CANDIDATE" GET /api/v1/national/status
expect 401 "" GET /api/v1/districts/bj/registrations
timing "smoke flow" $((SECONDS - t))

# --- 3. a server restarted, then one killed, while candidates upload -----------------------------------------
# Each client registers and uploads all but one of each type's allowed pictures (room for a picture stored
# whose answer was lost), retrying what fails; after each 201 it reads the picture back (retrying too) and
# writes "user district registration image sha256" to its acknowledgement file.
readback() { # TOKEN DISTRICT REGISTRATION IMAGE: the picture's SHA-256, read through the balancer
  local tries=0 status
  until status="$(req "$1" GET "/api/v1/districts/$2/registrations/$3/images/$4")" && [[ "$status" == 200 ]]; do
    echo "$status read-back $4 $(head -c 200 "$BODY" | tr '\n' ' ')" >>"$WORK/errors-${PHASE:-check}"
    ((++tries < 40)) || { echo "read-back of $4 still failing: $(head -c 200 "$BODY")" >&2; return 1; }
    sleep 0.5
  done
  sha256sum <"$BODY" | cut -c1-64
}

client() { # PHASE USER DISTRICT SITE
  local phase="$1" user="$2" district="$3" site="$4" PHASE="$1"
  local out="$WORK/acks-$phase-$user" BODY="$WORK/body-$user" tok r code max n tries status image sum
  tok="$(token "$user")"
  r="$(register "$tok" "$district" "$site" "并发$user")"
  : >"$out"
  while read -r code max; do
    n=$((max > 1 ? max - 1 : 1))
    for ((; n > 0; n--)); do
      tries=0
      until status="$(upload "$tok" "$district" "$r" "$code")" && [[ "$status" == 201 ]]; do
        echo "$status $user $code $(head -c 200 "$BODY" | tr '\n' ' ')" >>"$WORK/errors-$phase"
        ((++tries < 40)) || { echo "$user $code: still failing after $tries tries" >>"$WORK/gave-up"; return 1; }
        sleep 0.5
      done
      image="$(jq -r .id "$BODY")"
      sum="$(readback "$tok" "$district" "$r" "$image" 2>>"$WORK/gave-up")" || return 1
      echo "$user $district $r $image $sum" >>"$out"
      sleep 0.2   # a steady trickle, so that uploads are in flight while the node goes
    done
  done < <(BODY="$WORK/req-$user"; material_types "$district" "$site")
}

acks() { cat "$WORK"/acks-"$1"-* 2>/dev/null | wc -l || true; }

# uploads_across PHASE ACTION CONTAINER USER:DISTRICT:SITE...: four clients upload; once 8 uploads are answered,
# ACTION hits CONTAINER: "restart" (docker restart: SIGTERM, HAProxy drains the node, then it starts again) or
# "kill" (docker kill: SIGKILL, requests in flight are cut; then started again, as a restart policy would).
# Every client must finish, retrying what failed; the node must be healthy again.
uploads_across() {
  local phase="$1" action="$2" container="$3" u user district site p t=$SECONDS
  shift 3
  : >"$WORK/errors-$phase"
  CLIENT_PIDS=()
  for u in "$@"; do
    IFS=: read -r user district site <<<"$u"
    client "$phase" "$user" "$district" "$site" & CLIENT_PIDS+=($!)
  done
  local deadline=$((SECONDS + 90))
  until (($(acks "$phase") >= 8)); do
    ((SECONDS < deadline)) || fail "fewer than 8 uploads acknowledged in 90 s"
    sleep 0.2
  done
  local tr=$SECONDS
  case "$action" in
    restart)
      log "$(acks "$phase") uploads acknowledged; restarting $container (SIGTERM)"
      docker restart -t 30 "$container" >/dev/null ;;
    kill)
      log "$(acks "$phase") uploads acknowledged; killing $container (SIGKILL) and starting it again"
      docker kill "$container" >/dev/null
      docker start "$container" >/dev/null ;;
  esac
  log "$container ${action}ed after $((SECONDS - tr)) s with $(acks "$phase") uploads acknowledged; waiting for the clients"
  for p in "${CLIENT_PIDS[@]}"; do wait "$p" || fail "an upload client failed: $(cat "$WORK/gave-up" 2>/dev/null)"; done
  CLIENT_PIDS=()
  log "clients done: $(acks "$phase") uploads acknowledged, $(wc -l <"$WORK/errors-$phase") failed attempts retried" \
      "(by status:$(cut -d' ' -f1 "$WORK/errors-$phase" | sort | uniq -c | tr -s ' \n' ' '))"
  timing "uploads across a $action" $((SECONDS - t))
  bash "$DOCKER_DIR/stack.sh" wait >/dev/null || fail "not every service healthy after the $action of $container"
  timing "$container healthy after $action" $((SECONDS - tr))
  log "$container: $(started_in "$container")"
}

# Every acknowledged picture reads back with the bytes read after its 201 (through both nodes, in turn) and is
# listed by its registration.
check_acks() { # PHASE USER:DISTRICT:SITE...
  local phase="$1" u user district site r image sum missing t=$SECONDS
  shift
  declare -A tokens=()
  while read -r user district r image sum; do
    [[ -n "${tokens[$user]:-}" ]] || tokens[$user]="$(token "$user")"
    [[ "$(readback "${tokens[$user]}" "$district" "$r" "$image")" == "$sum" ]] \
      || fail "picture $image ($user) reads back other bytes than after its 201"
  done < <(cat "$WORK"/acks-"$phase"-*)
  for u in "$@"; do
    IFS=: read -r user district site <<<"$u"
    r="$(awk 'NR == 1 { print $3 }' "$WORK/acks-$phase-$user")"
    expect 200 "${tokens[$user]}" GET "/api/v1/districts/$district/registrations/$r"
    json '[.. | objects | select(has("id") and (.id | type == "string")) | .id] | .[]' | sort -u >"$WORK/listed"
    missing="$(awk '{ print $4 }' "$WORK/acks-$phase-$user" | sort -u | comm -23 - "$WORK/listed")"
    [[ -z "$missing" ]] || fail "$user's registration does not list acknowledged pictures: $missing"
  done
  log "all $(acks "$phase") pictures acknowledged around the $phase read back with the same SHA-256 and are listed"
  timing "read back ($phase)" $((SECONDS - t))
}

material_types gd gd-01 >/dev/null   # the samples, fetched once before the clients share them
material_types sh sh-01 >/dev/null
RESTART_USERS=(bj-candidate-2:bj:bj-01 bj-candidate-3:bj:bj-02 gd-candidate-1:gd:gd-01 gd-candidate-2:gd:gd-01)
KILL_USERS=(sh-candidate-1:sh:sh-01 sh-candidate-2:sh:sh-02 sh-candidate-3:sh:sh-01 gd-candidate-3:gd:gd-01)
uploads_across restart restart shenhe-server-1 "${RESTART_USERS[@]}"
check_acks restart "${RESTART_USERS[@]}"
uploads_across kill kill shenhe-server-2 "${KILL_USERS[@]}"
check_acks kill "${KILL_USERS[@]}"

# The most memory each container used (since it last started) against its limit: the limits must fit. Read
# from its memory cgroup (v1 here; v2 where the daemon runs there), when the host shows it.
log "peak memory (MiB) / limit:"
for id in $(docker ps -q --no-trunc --filter name=shenhe-); do
  name="$(docker inspect -f '{{.Name}}' "$id")"
  limit=$(($(docker inspect -f '{{.HostConfig.Memory}}' "$id") / 1048576))
  for f in "/sys/fs/cgroup/memory/docker/$id/memory.max_usage_in_bytes" "/sys/fs/cgroup/system.slice/docker-$id.scope/memory.peak"; do
    [[ -r "$f" ]] && { log "  ${name#/} $(($(cat "$f") / 1048576)) / $limit"; break; }
  done
done

# No service died on its own along the way: the restart policy hides a crash (an out-of-memory kill by its
# memory limit, say) behind a quick restart, which its clients see only as refused or cut connections.
while read -r name restarts oom; do
  [[ "$restarts" == 0 && "$oom" == false ]] || fail "$name restarted $restarts times by its restart policy (out of memory: $oom)"
done < <(docker ps -aq --filter name=shenhe- | xargs docker inspect -f '{{.Name}} {{.RestartCount}} {{.State.OOMKilled}}')
log "no container restarted by itself or killed for memory"
