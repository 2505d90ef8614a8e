#!/bin/sh
# Writes one damaged copy of a bundle per case of tests/hostile/damage.txt,
# each changed by its case's SQL with the sqlite3 shell, and prints each
# file's name with the verdict `rostrum-bundle check` must give it.
#
#   tests/hostile/make.sh BUNDLE OUT_DIR [PREFIX]
#
# BUNDLE is the bundle damage.txt starts from, built from
# tests/fixtures/sources/hostile-base (the sample corpus before issue 12), or
# a copy of it (the fuzz seeds are made from
# tests/fuzz/corpus/bundle/corpus-512.sqlite, the same bundle with 512-byte
# pages); the files are OUT_DIR/PREFIXNAME.sqlite
# (PREFIX "hostile-" unless given).
set -eu

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
    echo "usage: $0 BUNDLE OUT_DIR [PREFIX]" >&2
    exit 2
fi
base=$1
out=$2
prefix=${3-hostile-}
cases=$(cd "$(dirname "$0")" && pwd)/damage.txt
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
mkdir -p "$out"

# Each case's SQL into work/NAME.sql, its verdict into work/NAME.expect.
awk -v dir="$work" '
    /^== / { name = substr($0, 4); sql = dir "/" name ".sql"; printf "" > sql; close(sql); next }
    name == "" || /^#/ { next }
    /^expect: / { print substr($0, 9) > (dir "/" name ".expect"); close(dir "/" name ".expect"); next }
    { print >> sql; close(sql) }
' "$cases"

for sql in "$work"/*.sql; do
    name=$(basename "$sql" .sql)
    file=$out/$prefix$name.sqlite
    cp "$base" "$file"
    sqlite3 "$file" < "$sql"
    printf '%s\t%s\n' "$file" "$(cat "$work/$name.expect")"
done
