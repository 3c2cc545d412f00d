#!/usr/bin/env bash
# Back up and restore a one-node Shenhe (H2 and pictures on the file system: ./run.sh's layout).
#
#   bash scripts/backup.sh create  OUT.tar.gz [DATA_DIR]   # DATA_DIR [<repo>/data]; the server must be stopped
#   bash scripts/backup.sh restore IN.tar.gz  [DATA_DIR]   # into an empty (or absent) DATA_DIR
#
# One archive holds everything a restore needs and nothing it does not: the database (h2/), the
# encrypted pictures (blobs/) and the districts' keys with the search-ID secret (keys/). Without keys/
# the pictures cannot be decrypted, so keep archives as safe as the keys themselves. The search
# indexes are left out: the server rebuilds them from the database at start.
#
# The H2 file is consistent only while no server has it open, hence "stopped". A multi-node
# deployment (PostgreSQL and an object store) is backed up with their own tools: docs/operations.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

die() { printf 'backup: %s\n' "$*" >&2; exit 1; }

action="${1:-}"; archive="${2:-}"; data="${3:-${SHENHE_DATA_DIR:-$ROOT/data}}"
[[ -n "$action" && -n "$archive" ]] || { sed -n '2,5p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }

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
  *)
    die "unknown action $action (create or restore)"
    ;;
esac
