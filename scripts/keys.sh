#!/usr/bin/env bash
# The districts' picture keys: list, rotate, revoke, rewrap (see cn.shenhe.storage.KeyTool).
#
#   bash scripts/keys.sh list | provision DISTRICT... | rotate DISTRICT | revoke DISTRICT | rewrap DISTRICT [BLOBS_DIR]
#   (provision: each district named its first key unless it has one; before nodes start with create-missing=false)
#
# Environment: SHENHE_DATA_DIR [<repo>/data], SHENHE_KEYS_FILE [$SHENHE_DATA_DIR/keys/district-keys.p12],
# SHENHE_KEYS_PASSWORD [the demo's]; rewrap on the object store: SHENHE_BLOBS_KIND=s3 and the server's
# SHENHE_BLOBS_S3_* settings. A running server picks a rotation or revocation up within seconds.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/env.sh" >/dev/null
export SHENHE_DATA_DIR="${SHENHE_DATA_DIR:-$ROOT/data}"
export SHENHE_KEYS_FILE="${SHENHE_KEYS_FILE:-$SHENHE_DATA_DIR/keys/district-keys.p12}"
CLASSES="$ROOT/platform/server/target/classes"
if [[ ! -f "$CLASSES/cn/shenhe/storage/KeyTool.class" ]]; then
  (cd "$ROOT" && ./mvnw -B -q -pl platform/server compile)
fi
# rewrap on the object store needs the S3 client: the server's global library (built with the server)
exec java -cp "$CLASSES:$ROOT/platform/server/target/liberty-lib/global/*" cn.shenhe.storage.KeyTool "$@"
