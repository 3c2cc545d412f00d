#!/usr/bin/env bash
# Copies districts' pictures from the file-system blob store into the S3 object store, verifying
# each copy by its SHA-256 read back from the store (cn.shenhe.storage.BlobMigration). It never
# changes the files, skips pictures already in the store with the same SHA-256, keeps ones with
# other bytes that open under the district's keys to the same picture (re-wrapped there by
# keys.sh rewrap) and rewrites any other (a copy cut short or damaged): run it again to resume, as
# often as needed, also while the server runs.
#
#   SHENHE_BLOBS_S3_ENDPOINT=http://127.0.0.1:9400 SHENHE_BLOBS_S3_BUCKET=shenhe \
#   SHENHE_BLOBS_S3_ACCESS_KEY=shenhe SHENHE_BLOBS_S3_SECRET_KEY=shenhe-secret \
#     bash scripts/blobs-migrate.sh --from <shenhe.data.dir>/blobs --district bj [--district sh ...]
#   (--to DIR copies the other way, --all every blob: what scripts/backup.sh create-cluster uses)
#
# The object store's settings are the server's (shenhe.blobs.s3.*: endpoint, bucket, region,
# path-style, access-key, secret-key), as SHENHE_BLOBS_S3_* environment variables; the keys are
# SHENHE_KEYS_FILE [<blob directory>/../keys/district-keys.p12] and SHENHE_KEYS_PASSWORD (without a
# key file, a picture in the store with other bytes is reported as failed and left as it is).
# Exit status: 0 every picture is in the store and verified; 1 some failed (listed) or the store
# cannot be reached: run again;
# 2 wrong arguments or settings.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source "$ROOT/scripts/env.sh"

CLASSPATH_FILE="$ROOT/platform/server/target/blobs-migrate.classpath"
# Compiles the server's classes if needed and writes its class path (compile scope: the S3 client is
# 'provided', the server's global library).
./mvnw -B -q -pl platform/server compile dependency:build-classpath \
  -Dmdep.includeScope=compile -Dmdep.outputFile="$CLASSPATH_FILE" >&2
exec "$JAVA_HOME/bin/java" -cp "$ROOT/platform/server/target/classes:$(cat "$CLASSPATH_FILE")" \
  cn.shenhe.storage.BlobMigration "$@"
