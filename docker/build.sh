#!/usr/bin/env bash
# Builds Shenhe's images from a Debian base (mmdebstrap) and artifacts from Maven Central; nothing is pulled
# from a registry. Each image is tagged NAME:<hash of its inputs> and NAME:latest, and an image that already
# exists for the same inputs is not built again (the base's root file system is also kept as a tar file in
# the cache, so removing every image costs an import, not a new bootstrap).
#
#   bash docker/build.sh            the six images: shenhe-{postgres,keycloak,s3proxy,server,haproxy} and their bases
#
# Environment: SHENHE_DOCKER_CACHE [<repo>/.cache/docker], DEBIAN_MIRROR [the one apt uses here, else
# deb.debian.org], SHENHE_SKIP_MAVEN=1 to take the server's artifacts as they are in platform/server/target.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
LOG_TAG=build

KC_VERSION="$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' "$ROOT/pom.xml")"
S3PROXY_VERSION="$(sed -n 's:.*<s3proxy.version>\(.*\)</s3proxy.version>.*:\1:p' "$ROOT/pom.xml")"
LIBERTY_VERSION="$(sed -n 's:.*<liberty.runtime.version>\(.*\)</liberty.runtime.version>.*:\1:p' "$ROOT/pom.xml")"
JDK="${SHENHE_IMAGE_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}"

# The first http(s) mirror of apt's sources on this machine (any proxy or snapshot it uses works in the build).
debian_mirror() {
  [[ -n "${DEBIAN_MIRROR:-}" ]] && { echo "$DEBIAN_MIRROR"; return; }
  local m
  m="$(grep -hsE '^(URIs:|deb )' /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null \
        | grep -oE 'https?://[^ ]+/debian/?( |$)' | head -1 | tr -d ' ')" || true
  echo "${m:-http://deb.debian.org/debian}"
}

# hash_of DIR [EXTRA...]: a short digest of every file under DIR (names, modes, contents) and the extra words.
hash_of() {
  local dir="$1"; shift
  { (cd "$dir" && find . -type f -print0 | sort -z | xargs -0 -r sha256sum && find . -printf '%m %p\n' | sort)
    printf '%s\n' "$@"; } | sha256sum | cut -c1-12
}

# build_image NAME CONTEXT [--build-arg K=V ...]: builds NAME:<hash> unless it exists; tags it NAME:latest.
# Sets BUILT_TAG. Steps run with the host's network (apt); the daemon here has no bridge.
build_image() {
  local name="$1" ctx="$2"; shift 2
  local tag; tag="$name:$(hash_of "$ctx" "$@")"
  if docker image inspect "$tag" >/dev/null 2>&1; then
    log "$tag exists for these inputs"
  else
    log "building $tag"
    local start=$SECONDS
    local out="$CACHE/build-$name.log"
    DOCKER_BUILDKIT=0 docker build --network host --label org.opencontainers.image.source=shenhe -t "$tag" "$@" "$ctx" \
      >"$out" 2>&1 || { tail -n 40 "$out" >&2; die "building $tag failed (log: $out)"; }
    log "built $tag in $((SECONDS - start)) s"
  fi
  docker tag "$tag" "$name:latest"
  BUILT_TAG="$tag"
}

# mvn ARGS...: Maven in the repository with the JDK scripts/env.sh picks (the build may run without it set).
mvn() { (cd "$ROOT" && source scripts/env.sh >/dev/null && ./mvnw -B -q "$@") >&2; }

# m2_artifact GROUP:ARTIFACT:VERSION:TYPE[:CLASSIFIER] FILE-NAME: the artifact's path, fetched by Maven when missing.
m2_artifact() {
  local coords="$1" file="$2" dir="$CACHE/artifacts"
  if [[ ! -f "$dir/$file" ]]; then
    log "fetching $coords from Maven Central (or ~/.m2)"
    mvn -N dependency:copy -Dartifact="$coords" -DoutputDirectory="$dir"
    [[ -f "$dir/$file" ]] || die "Maven did not produce $dir/$file"
  fi
  echo "$dir/$file"
}

# --- the Debian root file system and the base image ------------------------------------------------------
MIRROR="$(debian_mirror)"
SECURITY="${MIRROR%/debian*}/debian-security"
DEBSTRAP_ARGS=(--variant=minbase
  --aptopt='APT::Install-Recommends "false"' --aptopt='APT::Install-Suggests "false"'
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright'
  --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/info/*'
  --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-include=/usr/share/locale/locale.alias'
  --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/* "$1"/var/log/*.log'
  bookworm)
SOURCES=("deb $MIRROR bookworm main" "deb $MIRROR bookworm-updates main" "deb $SECURITY bookworm-security main")
ROOTFS_HASH="$(printf '%s\n' "${DEBSTRAP_ARGS[@]}" "${SOURCES[@]}" | sha256sum | cut -c1-12)"
ROOTFS_TAR="$CACHE/rootfs-$ROOTFS_HASH.tar"
ROOTFS="shenhe-rootfs:$ROOTFS_HASH"

build_rootfs() {
  docker image inspect "$ROOTFS" >/dev/null 2>&1 && { log "$ROOTFS exists"; return; }
  if [[ ! -s "$ROOTFS_TAR" ]]; then
    log "bootstrapping Debian bookworm (minbase) from $MIRROR into $ROOTFS_TAR (about a minute and a half)"
    local start=$SECONDS
    mmdebstrap -q --format=tar "${DEBSTRAP_ARGS[@]}" "$ROOTFS_TAR.part" "${SOURCES[@]}"
    mv -f "$ROOTFS_TAR.part" "$ROOTFS_TAR"
    log "bootstrapped in $((SECONDS - start)) s"
  fi
  docker import "$ROOTFS_TAR" "$ROOTFS" >/dev/null
  log "imported $ROOTFS"
}

# --- contexts that take artifacts ------------------------------------------------------------------------
CTX="$CACHE/ctx"

# A fresh copy of docker/NAME as the build context (artifacts are added beside it).
context() {
  rm -rf "${CTX:?}/$1" && mkdir -p "$CTX/$1" && cp -a "$DOCKER_DIR/$1/." "$CTX/$1/"
  echo "$CTX/$1"
}

# One Java runtime for the server, Keycloak and s3proxy, linked from the JDK on this machine (Debian bookworm
# packages Java 17 only). Modules: the SE platform and what Liberty, Quarkus and the AWS SDK reach beyond it.
JRE_MODULES=java.se,jdk.unsupported,jdk.management,jdk.management.agent,jdk.crypto.cryptoki,jdk.crypto.ec,jdk.zipfs,jdk.naming.dns,jdk.localedata,jdk.charsets,jdk.security.auth,jdk.security.jgss,jdk.net,jdk.jfr,jdk.attach,jdk.httpserver,jdk.naming.rmi
# --generate-cds-archive: the JDK's default class-data sharing archive, which jlink leaves out otherwise; without
# it every JVM start (two nodes, Keycloak, s3proxy, the keys tool) parses the JDK's classes again. Its variant
# for heaps over 32 GB (classes_nocoops.jsa, 15 MB) is dropped: no container here has one.
JLINK_ARGS=(--add-modules "$JRE_MODULES" --include-locales=en,zh --strip-debug --no-man-pages --no-header-files
  --compress=zip-6 --generate-cds-archive)
java_context() {
  local ctx; ctx="$(context java)"
  local key; key="$(printf '%s\n' "${JLINK_ARGS[@]}" no-nocoops "$(cat "$JDK/release")" | sha256sum | cut -c1-12)"
  local jre="$CACHE/jre-$key"
  if [[ ! -x "$jre/bin/java" ]]; then
    log "linking a Java runtime from $JDK"
    rm -rf "$jre.part"
    "$JDK/bin/jlink" "${JLINK_ARGS[@]}" --output "$jre.part" >&2
    rm -f "$jre.part"/lib/server/classes_nocoops*.jsa
    rm -rf "$jre" && mv "$jre.part" "$jre"
  fi
  cp -al "$jre" "$ctx/jre" 2>/dev/null || cp -a "$jre" "$ctx/jre"
  echo "$ctx"
}

# The packaged Liberty server: the runtime from Central, server.xml and its includes, the WAR (expanded), the
# JDBC drivers, the S3 client, the plugins and the demo districts, plus the container's overrides; then
# Liberty's own `server package --include=minify` keeps only the features server.xml uses.
server_context() {
  local ctx; ctx="$(context server)"
  local target="$ROOT/platform/server/target"
  # Packaged again when a source changed since the last WAR (as run.sh decides).
  if [[ -z "${SHENHE_SKIP_MAVEN:-}" && ( ! -f "$target/shenhe.war" || -n "$(cd "$ROOT" && find platform plugins ui/src \
        tenant-configs pom.xml -newer "$target/shenhe.war" -type f -not -path '*/target/*' -not -path '*/node_modules/*' -print -quit)" ) ]]; then
    log "packaging the server with Maven (tests skipped)"
    mvn -o package -DskipTests || mvn package -DskipTests
  fi
  [[ -d "$target/shenhe/WEB-INF" && -d "$target/liberty-lib/global" && -d "$target/plugins" ]] \
    || die "no packaged server in $target: run ./mvnw package -DskipTests"
  local zip; zip="$(m2_artifact "io.openliberty:openliberty-runtime:$LIBERTY_VERSION:zip" "openliberty-runtime-$LIBERTY_VERSION.zip")"

  local stage="$CACHE/liberty-stage"
  rm -rf "$stage" && mkdir -p "$stage"
  local srv="$stage/usr/servers/shenhe"
  mkdir -p "$srv/apps" "$srv/lib/global" "$srv/plugins" "$srv/tenant-configs" "$srv/configDropins/overrides"
  cp "$ROOT"/platform/server/src/main/liberty/config/* "$srv/"
  cp -a "$target/shenhe" "$srv/apps/shenhe.war"
  cp "$target"/liberty-lib/*.jar "$srv/lib/"
  cp "$target"/liberty-lib/global/*.jar "$srv/lib/global/"
  cp "$target"/plugins/*.jar "$srv/plugins/"
  cp "$ROOT"/tenant-configs/*.yaml "$srv/tenant-configs/"
  cp "$DOCKER_DIR"/server/liberty/*.xml "$DOCKER_DIR"/server/liberty/jvm.options "$srv/configDropins/overrides/"

  local key; key="$(hash_of "$stage" "$LIBERTY_VERSION")"
  local packaged="$CACHE/liberty-$key"
  if [[ ! -d "$packaged/wlp" ]]; then
    log "minifying Liberty $LIBERTY_VERSION for the server's features (a minute or two)"
    local full="$CACHE/liberty-full-$LIBERTY_VERSION"
    if [[ ! -x "$full/wlp/bin/server" ]]; then
      rm -rf "$full" && mkdir -p "$full" && unzip -q "$zip" -d "$full"
    fi
    rm -rf "$full/wlp/usr/servers/shenhe" && mkdir -p "$full/wlp/usr/servers" && cp -a "$srv" "$full/wlp/usr/servers/shenhe"
    rm -rf "$packaged.part" && mkdir -p "$packaged.part"
    DB_KIND=postgresql JAVA_HOME="$JDK" \
      "$full/wlp/bin/server" package shenhe --include=minify --archive="$packaged.part/shenhe.zip" >&2
    unzip -q "$packaged.part/shenhe.zip" -d "$packaged.part" && rm "$packaged.part/shenhe.zip"
    rm -rf "$packaged.part/wlp/usr/servers/shenhe/workarea" "$packaged.part/wlp/usr/servers/shenhe/logs"
    chmod -R a+rX,go-w "$packaged.part/wlp"   # the server runs as another user than the files' owner
    rm -rf "$full/wlp/usr/servers/shenhe"
    rm -rf "$packaged" && mv "$packaged.part" "$packaged"
  fi
  cp -al "$packaged/wlp" "$ctx/wlp" 2>/dev/null || cp -a "$packaged/wlp" "$ctx/wlp"
  echo "$ctx"
}

keycloak_context() {
  local ctx; ctx="$(context keycloak)"
  local tgz; tgz="$(m2_artifact "org.keycloak:keycloak-quarkus-dist:$KC_VERSION:tar.gz" "keycloak-quarkus-dist-$KC_VERSION.tar.gz")"
  cp -l "$tgz" "$ctx/keycloak.tar.gz" 2>/dev/null || cp "$tgz" "$ctx/keycloak.tar.gz"
  mkdir -p "$ctx/realm/demo"
  cp "$ROOT/keycloak/shenhe-realm.json" "$ctx/realm/"
  cp "$ROOT"/keycloak/demo/*.json "$ctx/realm/demo/"
  # the sign-up validators the realm names (module keycloak/providers)
  local jar="$ROOT/keycloak/providers/target/shenhe-keycloak-providers.jar"
  [[ -f "$jar" ]] || mvn -pl keycloak/providers package -DskipTests
  mkdir -p "$ctx/providers" && cp "$jar" "$ctx/providers/"
  echo "$ctx"
}

s3proxy_context() {
  local ctx; ctx="$(context s3proxy)"
  local jar; jar="$(m2_artifact "org.gaul:s3proxy:$S3PROXY_VERSION:jar:jar-with-dependencies" "s3proxy-$S3PROXY_VERSION-jar-with-dependencies.jar")"
  cp -l "$jar" "$ctx/s3proxy.jar" 2>/dev/null || cp "$jar" "$ctx/s3proxy.jar"
  echo "$ctx"
}

main() {
  ensure_tools
  ensure_dockerd
  local start=$SECONDS
  build_rootfs
  # Each context in a variable first: a failure inside $(...) as an argument would not stop the script.
  local ctx base java
  ctx="$(context base)"; build_image shenhe-base "$ctx" --build-arg "ROOTFS=$ROOTFS"
  base="$BUILT_TAG"
  ctx="$(context postgres)"; build_image shenhe-postgres "$ctx" --build-arg "BASE=$base"
  ctx="$(context haproxy)"; build_image shenhe-haproxy "$ctx" --build-arg "BASE=$base"
  ctx="$(java_context)"; build_image shenhe-java "$ctx" --build-arg "BASE=$base"
  java="$BUILT_TAG"
  ctx="$(s3proxy_context)"; build_image shenhe-s3proxy "$ctx" --build-arg "BASE=$java"
  # the server first: its Maven package also builds the Keycloak providers' jar
  ctx="$(server_context)"; build_image shenhe-server "$ctx" --build-arg "BASE=$java"
  ctx="$(keycloak_context)"; build_image shenhe-keycloak "$ctx" --build-arg "BASE=$java"
  log "images ready in $((SECONDS - start)) s:"
  docker images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep -E '^shenhe-[a-z0-9]+:latest ' | sort >&2
}

case "${1:-all}" in
  all) main ;;
  rootfs) ensure_tools; ensure_dockerd; build_rootfs ;;
  *) die "usage: build.sh [all|rootfs]" ;;
esac
