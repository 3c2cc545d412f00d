#!/usr/bin/env bash
# Back up and restore Shenhe: one node (H2 and pictures on the file system: ./run.sh's layout), or several
# (PostgreSQL and an S3 object store: scripts/cluster.sh's layout, the containers').
#
#   bash scripts/backup.sh create  OUT.tar.gz [DATA_DIR]   # DATA_DIR [<repo>/data]; the server must be stopped
#   bash scripts/backup.sh restore IN.tar.gz  [DATA_DIR]   # into an empty (or absent) DATA_DIR
#   bash scripts/backup.sh create-cluster  OUT.tar.gz      # several nodes, while they run
#   bash scripts/backup.sh restore-cluster IN.tar.gz       # into a fresh schema, bucket and keys folder
#
# One archive holds everything a restore needs and nothing it does not: the database (h2/), the
# encrypted pictures (blobs/) and the districts' keys with the search-ID secret (keys/). Without keys/
# the pictures cannot be decrypted, so keep archives as safe as the keys themselves. The search
# indexes are left out: the server rebuilds them from the database at start.
#
# The H2 file is consistent only while no server has it open, hence "stopped".
#
# Several nodes: the archive holds db.sql (pg_dump of the nodes' schema), blobs/ (every object of the bucket,
# copied through the S3 API and each verified by its SHA-256: still sealed, so as safe as the bucket) and keys/
# (the key file and search-ID secret the nodes share). The bucket is copied before and after the dump, so every
# picture a dumped row names is in the copy (a picture is stored before its row commits). Restoring loads the
# dump into DB_SCHEMA (which must not exist yet; the dump's own schema name is rewritten outside the data), the
# objects into the bucket (made when missing) and the keys into SHENHE_KEYS_DIR; the nodes started on them
# rebuild their search indexes from the database (the change log, its snapshots and the nodes' rows start empty).
# Settings, as the nodes have them:
#   DB_HOST DB_PORT DB_NAME DB_USER DB_PASSWORD DB_SCHEMA   [127.0.0.1 5432 shenhe postgres "" shenhe]
#   SHENHE_BLOBS_S3_ENDPOINT _BUCKET _ACCESS_KEY _SECRET_KEY (_REGION _PATH_STYLE)   the object store
#   SHENHE_KEYS_DIR   the folder of district-keys.p12 and search-id-secret   [dirname of SHENHE_KEYS_FILE]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

die() { printf 'backup: %s\n' "$*" >&2; exit 1; }

action="${1:-}"; archive="${2:-}"; data="${3:-${SHENHE_DATA_DIR:-$ROOT/data}}"
[[ -n "$action" && -n "$archive" ]] || { sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }

# --- several nodes -------------------------------------------------------------------------------------------
DB_HOST="${DB_HOST:-127.0.0.1}" DB_PORT="${DB_PORT:-5432}" DB_NAME="${DB_NAME:-shenhe}" DB_USER="${DB_USER:-postgres}"
DB_SCHEMA="${DB_SCHEMA:-shenhe}"
export PGPASSWORD="${DB_PASSWORD:-}"
KEYS_DIR="${SHENHE_KEYS_DIR:-$(dirname "${SHENHE_KEYS_FILE:-$data/keys/district-keys.p12}")}"
pg() { "$1" -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" "${@:2}"; }
# The bucket's objects to or from a folder, verified (cn.shenhe.storage.BlobMigration), with the server's classes
# and S3 client as the build left them (scripts/keys.sh does the same).
blobs() {
  local classes="$ROOT/platform/server/target/classes"
  [[ -f "$classes/cn/shenhe/storage/BlobMigration.class" ]] || die "no build: ./mvnw -B -pl platform/server -am package -DskipTests"
  source "$ROOT/scripts/env.sh" >/dev/null
  java -cp "$classes:$ROOT/platform/server/target/liberty-lib/global/*" cn.shenhe.storage.BlobMigration "$@"
}
check_cluster_settings() {
  [[ "$DB_SCHEMA" =~ ^[a-z_][a-z0-9_]*$ ]] || die "DB_SCHEMA must be a plain schema name: $DB_SCHEMA"
  [[ -n "${SHENHE_BLOBS_S3_BUCKET:-}" ]] || die "SHENHE_BLOBS_S3_BUCKET (and _ENDPOINT, _ACCESS_KEY, _SECRET_KEY) name the object store"
}

case "$action" in
  create)
    [[ -d "$data/h2" ]] || die "no database in $data/h2"
    [[ -d "$data/keys" ]] || die "no keys in $data/keys: the pictures could not be decrypted"
    # A running server holds the H2 file open: refuse rather than copy a file in motion.
    for db in "$data"/h2/*.mv.db; do
      db="$(readlink -f "$db")"
      for fd in /proc/[0-9]*/fd/*; do
        if [[ "$(readlink "$fd" 2>/dev/null)" == "$db" ]]; then
          pid="${fd#/proc/}"
          die "the database $db is open (process ${pid%%/*}): stop the server first"
        fi
      done
    done
    parts=(h2 keys)
    [[ -d "$data/blobs" ]] && parts+=(blobs)
    tmp="$archive.partial"
    tar -C "$data" -czf "$tmp" "${parts[@]}"
    mv -f "$tmp" "$archive"   # a backup cut short never looks like a whole one
    printf 'backup: %s (%s) from %s\n' "$archive" "$(du -h "$archive" | cut -f1)" "$data"
    ;;
  restore)
    [[ -f "$archive" ]] || die "no archive $archive"
    if [[ -d "$data" ]] && [[ -n "$(ls -A "$data" 2>/dev/null)" ]]; then
      die "$data is not empty: restore into a fresh folder (or move the old one away)"
    fi
    mkdir -p "$data"
    tar -C "$data" -xzf "$archive"
    printf 'backup: restored %s into %s (the search indexes are rebuilt at the next start)\n' "$archive" "$data"
    ;;
  create-cluster)
    check_cluster_settings
    [[ -s "$KEYS_DIR/district-keys.p12" ]] || die "no key file in $KEYS_DIR (SHENHE_KEYS_DIR): the pictures could not be decrypted"
    tmp="$(mktemp -d "$archive.partial.XXXXXX")"
    trap 'rm -rf "$tmp"' EXIT
    # the keys tell a picture re-wrapped in the bucket between the two copies from a damaged copy (BlobMigration)
    SHENHE_KEYS_FILE="$KEYS_DIR/district-keys.p12" blobs --to "$tmp/blobs" --all
    pg pg_dump -d "$DB_NAME" -n "$DB_SCHEMA" --no-owner --no-privileges -f "$tmp/db.sql"
    SHENHE_KEYS_FILE="$KEYS_DIR/district-keys.p12" blobs --to "$tmp/blobs" --all   # what was stored during the dump: every dumped row's picture is now here
    cp -a "$KEYS_DIR" "$tmp/keys"
    printf '%s\n' "$DB_SCHEMA" > "$tmp/schema"
    tar -C "$tmp" -czf "$tmp.tar.gz" schema db.sql blobs keys
    mv -f "$tmp.tar.gz" "$archive"   # a backup cut short never looks like a whole one
    printf 'backup: %s (%s) from schema %s, bucket %s, keys %s\n' "$archive" "$(du -h "$archive" | cut -f1)" \
      "$DB_SCHEMA" "$SHENHE_BLOBS_S3_BUCKET" "$KEYS_DIR"
    ;;
  restore-cluster)
    check_cluster_settings
    [[ -f "$archive" ]] || die "no archive $archive"
    if [[ -n "$(pg psql -d "$DB_NAME" -Atc "SELECT 1 FROM pg_namespace WHERE nspname = '$DB_SCHEMA'")" ]]; then
      die "schema $DB_SCHEMA exists: restore into a fresh one (or drop it first)"
    fi
    if [[ -d "$KEYS_DIR" ]] && [[ -n "$(ls -A "$KEYS_DIR" 2>/dev/null)" ]]; then
      die "$KEYS_DIR is not empty: restore the keys into a fresh folder"
    fi
    blobs --empty-check --create-bucket || die "bucket $SHENHE_BLOBS_S3_BUCKET holds pictures already: restore into a fresh (or emptied) one"
    tmp="$(mktemp -d)"
    trap 'rm -rf "$tmp"' EXIT
    tar -C "$tmp" -xzf "$archive"
    from="$(cat "$tmp/schema")"
    [[ "$from" =~ ^[a-z_][a-z0-9_]*$ ]] || die "the archive names no plain schema: $from"
    # The dump names its schema everywhere but in the rows themselves (COPY ... FROM stdin up to "\."): renamed there only.
    perl -pe 'BEGIN { ($from, $to) = splice(@ARGV, 0, 2) }
              if ($rows) { $rows = 0 if $_ eq "\\.\n"; next }
              s/\b\Q$from\E\b/$to/g;
              $rows = 1 if /^COPY .* FROM stdin;$/' "$from" "$DB_SCHEMA" "$tmp/db.sql" > "$tmp/restore.sql"
    # The change log, its snapshots and the nodes' rows belong to the old nodes' indexes (and transaction ids):
    # the restored nodes rebuild theirs from the database.
    cat >> "$tmp/restore.sql" <<SQL
SET search_path TO $DB_SCHEMA;
DELETE FROM change_log;
UPDATE change_log_pruned SET below = 0;
DELETE FROM search_snapshot;
DELETE FROM cluster_node;
DELETE FROM job_lease;
SQL
    pg psql -d "$DB_NAME" -q -v ON_ERROR_STOP=1 -1 -f "$tmp/restore.sql" >/dev/null
    SHENHE_KEYS_FILE="$tmp/keys/district-keys.p12" blobs --from "$tmp/blobs" --all --create-bucket
    mkdir -p "$KEYS_DIR" && chmod 700 "$KEYS_DIR"
    cp -a "$tmp/keys/." "$KEYS_DIR/"
    printf 'backup: restored %s into schema %s, bucket %s, keys %s (the nodes rebuild their search indexes at start)\n' \
      "$archive" "$DB_SCHEMA" "$SHENHE_BLOBS_S3_BUCKET" "$KEYS_DIR"
    ;;
  *)
    die "unknown action $action (create, restore, create-cluster or restore-cluster)"
    ;;
esac
