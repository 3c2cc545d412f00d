# Sourced by run.sh and scripts/cluster.sh (after scripts/env.sh, in the repository root).

# liberty:run and liberty:start resolve the server module's dependencies from the local repository:
# install them, again whenever the plugin API, a plugin or the UI changed since the last build (a pull, a merge).
build_if_needed() {
  local war=platform/server/target/shenhe.war
  if [[ -n "${REBUILD:-}" || ! -f "$war" || ! -d "$HOME/.m2/repository/cn/shenhe/plugin-api/1.0.0-SNAPSHOT" \
        || -n "$(find platform/plugin-api plugins ui/src pom.xml -newer "$war" -type f -not -path '*/target/*' -print -quit)" ]]; then
    echo "== Building (tests skipped; ./mvnw verify runs them)"
    ./mvnw -B -q -DskipTests install
  fi
}

# The password of the /metrics user (server variable metrics.password): generated once, readable by this
# user only, never printed; Liberty reads it from the folder named by VARIABLE_SOURCE_DIRS. The upload
# benchmark reads it from the same file.
export_demo_secrets() {
  local secrets="$PWD/platform/server/target/demo-secrets"
  if [[ ! -s "$secrets/metrics.password" ]]; then
    (umask 077 && mkdir -p "$secrets" && head -c 24 /dev/urandom | base64 | tr -d '/+=\n' > "$secrets/metrics.password")
  fi
  export VARIABLE_SOURCE_DIRS="$secrets"
}
