#!/bin/sh
# Remakes the bundle seeds in tests/fuzz/corpus/bundle from the sources in
# the tree: real bundles written by rostrum-bundle, the same with 512-byte
# pages (a quarter of the bytes for the fuzzer to mutate, every one of them
# meaningful), and hand-made broken and hostile ones, each damaged in one way
# a reader must survive. The seeds are committed; run this only when the
# bundle format changes, then check that `ctest -R fuzz_bundle` still passes
# (the regress-* seeds, which once crashed a reader, are left as they are).
#
#   tests/fuzz/make_bundle_seeds.sh BUILD_DIR
#
# BUILD_DIR is a build tree with db/rostrum-bundle. Needs the sqlite3 shell.
set -eu

if [ $# -ne 1 ]; then
    echo "usage: $0 BUILD_DIR" >&2
    exit 2
fi
tool=$1/db/rostrum-bundle
top=$(cd "$(dirname "$0")/../.." && pwd)
out=$top/tests/fuzz/corpus/bundle
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
mkdir -p "$out"
# regress-* are inputs that once crashed a reader: kept, never remade.
find "$out" -maxdepth 1 -type f ! -name 'regress-*' -delete

export SOURCE_DATE_EPOCH=0 # byte-identical seeds from the same sources

# Without the world map (its 380 KB would drown the rest); the map's own
# seeds are below.
build() { # name source_dir
    "$tool" build "$2" -o "$work/$1.sqlite" --no-map
}

# Page size 512: VACUUM keeps the application id and the user version.
small_pages() { # from to
    cp "$work/$1.sqlite" "$out/$2"
    sqlite3 "$out/$2" "PRAGMA page_size=512; VACUUM;"
}

# A copy of mini-512 changed by SQL. Tables are plain SQLite: no tokenizer
# is needed unless statement_fts is touched, which none of these do.
hostile() { # name sql
    cp "$out/mini-512.sqlite" "$out/$1"
    sqlite3 "$out/$1" "$2"
}

# The same from thread-512 (format 3's parties, events, thread, translations).
hostile_thread() { # name sql
    cp "$out/thread-512.sqlite" "$out/$1"
    sqlite3 "$out/$1" "$2"
}

# Overwrites bytes at offset with the hex string given.
patch_bytes() { # file offset hex
    perl -e 'print pack("H*", $ARGV[0])' "$3" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}

build mini "$top/tests/fixtures/sources/mini"
build languages "$top/tests/fixtures/sources/languages"
build corpus "$top/tests/fixtures/sources/hostile-base" # the damage.txt cases' base
build thread "$top/tests/fixtures/sources/thread"
cp "$work/mini.sqlite" "$out/mini.sqlite" # as the builder writes it: 4096-byte pages
small_pages mini mini-512.sqlite
small_pages languages languages-512.sqlite
small_pages corpus corpus-512.sqlite
small_pages thread thread-512.sqlite

# Refused before SQLite reads anything.
: >"$out/empty.bin"
printf 'title: not a bundle\n' >"$out/not-sqlite.bin"
head -c 100 "$out/mini-512.sqlite" >"$out/header-only.bin"
head -c 4000 "$out/mini-512.sqlite" >"$out/truncated-mid-page.bin"
head -c 4096 "$out/mini-512.sqlite" >"$out/truncated-whole-pages.sqlite"
cp "$out/mini-512.sqlite" "$out/wal.sqlite"
patch_bytes "$out/wal.sqlite" 18 0202
cp "$out/mini-512.sqlite" "$out/foreign-application-id.sqlite"
patch_bytes "$out/foreign-application-id.sqlite" 68 00000000
cp "$out/mini-512.sqlite" "$out/newer-version.sqlite"
patch_bytes "$out/newer-version.sqlite" 60 00000004
cp "$out/mini-512.sqlite" "$out/older-version.sqlite"
patch_bytes "$out/older-version.sqlite" 60 00000001
cp "$out/mini-512.sqlite" "$out/older-version-2.sqlite"
patch_bytes "$out/older-version-2.sqlite" 60 00000002
cp "$out/mini-512.sqlite" "$out/bad-page-size.sqlite"
patch_bytes "$out/bad-page-size.sqlite" 16 0300

# Refused by the schema and metadata checks.
hostile view.sqlite "CREATE VIEW v AS SELECT 1;"
hostile trigger.sqlite "CREATE TRIGGER t AFTER INSERT ON meta BEGIN SELECT 1; END;"
hostile no-outlet-table.sqlite "DROP TABLE outlet;"
hostile no-statement-text-table.sqlite "DROP TABLE statement_text;"
hostile meta-version-2.sqlite "UPDATE meta SET value = '2' WHERE key = 'format_version';"
hostile no-incident-thread-table.sqlite "DROP TABLE incident_thread;"
hostile meta-no-title.sqlite "DELETE FROM meta WHERE key = 'title';"

# Opened, and every query must cope with what it finds.
hostile hostile-text.sqlite "
UPDATE statement SET title = CAST(x'ff41e282' AS TEXT) WHERE id = 1;
UPDATE statement_text SET title = CAST(x'e282' AS TEXT), body = CAST(x'61006200e29c' AS TEXT) WHERE id = 1;
UPDATE statement SET slug = CAST(x'c0af' AS TEXT), language = x'00ff' WHERE id = 2;
UPDATE outlet SET name = CAST(x'f4908080' AS TEXT) WHERE id = 1;
UPDATE meta SET value = CAST(x'eda080' AS TEXT) WHERE key = 'description';
UPDATE country SET name = CAST(x'efbfbf00' AS TEXT) WHERE code = 'CN';
UPDATE incident SET summary = CAST(x'ffff' AS TEXT), name = '' WHERE id = 1;"
hostile hostile-counts.sqlite "
UPDATE meta SET value = '9223372036854775807' WHERE key = 'statement_count';
UPDATE meta SET value = '-5' WHERE key = 'undated_first_id';
UPDATE year_count SET first_id = -3, statement_count = 9223372036854775807 WHERE year = 2021;
UPDATE year_count SET first_id = 9223372036854775807, statement_count = 2 WHERE year = 2020;
UPDATE month_count SET month = 13 WHERE year = 2021 AND month = 7;
INSERT INTO month_count VALUES (2020, -1, 5, 1), (2020, 'x', 1, 1);
UPDATE country SET statement_count = -7 WHERE code = 'GB';
UPDATE country_role SET statement_count = -1;
UPDATE incident SET statement_count = -9223372036854775808;"
hostile hostile-codes.sqlite "
INSERT INTO country VALUES ('gb', 'country', 'lower case', NULL, NULL, 1, 0), ('GBRABCDEFGHIJ', 'country', 'thirteen', NULL, NULL, 1, 0),
  (x'4742', 'country', 'blob', NULL, NULL, 1, 0), ('', 'country', 'empty', NULL, NULL, 1, 0), ('ODD', 'guild', 'odd kind', NULL, NULL, 1, 1);
INSERT INTO statement_country VALUES ('gb', 'speaker', 0, 1), ('GBRABCDEFGHIJ', 'accuser', 0, 1), (x'4742', 'victim', 0, 1),
  ('GB', 'Speaker', 9, 1), ('GB', 'nobody', 10, 1), ('GB', x'766963746d', 11, 1), ('ZZ', 'victim', 0, 1);
INSERT INTO country_role VALUES ('GB', 'nobody', 3), ('GB', 5, 1);
INSERT INTO country_statement VALUES ('GB', -1, 1, 'speaker'), ('GB', 9223372036854775807, 2, CAST(x'ff' AS TEXT));"
hostile hostile-types.sqlite "
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, 'NOT NULL', '')
  WHERE name IN ('statement', 'statement_text', 'incident', 'country', 'outlet');
PRAGMA writable_schema = OFF;"
sqlite3 "$out/hostile-types.sqlite" "
UPDATE statement SET title = NULL, slug = NULL, language = NULL, kind = NULL WHERE id = 1;
UPDATE statement_text SET title = NULL, body = NULL WHERE id = 1;
UPDATE statement SET title = x'48656c6c6f', year = 'abc', month = 99, day = -4 WHERE id = 2;
UPDATE statement_text SET title = 2.5, body = 12345 WHERE id = 2;
UPDATE statement SET same_group = 1;
UPDATE statement SET date = 2021.5, date_note = x'00' WHERE id = 3;
UPDATE incident SET slug = NULL, name = NULL, summary = NULL WHERE id = 2;
UPDATE country SET name = NULL WHERE code = 'US';
UPDATE outlet SET name = NULL;"
hostile hostile-positions.sqlite "
INSERT INTO statement_incident VALUES (1, 5, 999), (1, 6, -1), (1, 9223372036854775807, 2), (-1, 0, 1);
INSERT INTO country_statement VALUES ('CN', 5, 999, 'speaker'), ('CN', 6, 1, '');
INSERT INTO year_count VALUES (-2147483648, 1, 1), (9999, 0, 0);
INSERT OR REPLACE INTO meta VALUES ('undated_first_id2', 'x'), ('languages', '');
DELETE FROM statement WHERE id = 2;"
# Texts that do not match the statements: one missing, one moved to an id no
# statement has, one extra.
hostile hostile-texts.sqlite "
DELETE FROM statement_text WHERE id = 2;
UPDATE statement_text SET id = 999 WHERE id = 3;
INSERT INTO statement_text VALUES (-1, 'stray', 'A', 'A text without a statement.');"

# Format 3's tables: a thread whose entries name both, neither or nothing,
# events of no kind, roles and codes no builder writes, members and
# translations of anything, ledes past their limit.
hostile_thread hostile-thread.sqlite "
UPDATE incident_thread SET statement_id = 3 WHERE incident_id = 1 AND pos = 0;
UPDATE incident_thread SET event_id = NULL WHERE incident_id = 1 AND pos = 2;
UPDATE incident_thread SET statement_id = 999, event_id = x'01' WHERE incident_id = 1 AND pos = 3;
INSERT INTO incident_thread VALUES (1, -1, 1, NULL), (1, 9223372036854775807, NULL, 2), (-1, 0, 1, 1), (2, 'x', 6, NULL);
UPDATE event SET kind = 'rumour' WHERE id = 4;
UPDATE event SET kind = x'64656e69616c', summary = CAST(x'41ff42' AS TEXT), url = NULL WHERE id = 5;
UPDATE event SET incident_id = 999, year = 'abc', date = 2021.5 WHERE id = 6;
INSERT INTO event_party VALUES (1, 'cn', 'accused'), (1, 'ABCDEFGHIJKLMN', 'victim'), (2, 'GB', 'accuser  accused'),
  (3, 'US', ''), (3, x'4742', 'victim'), (4, 'NO', 'speaker speaker');
UPDATE party_event SET event_id = 77 WHERE party_code = 'CN' AND pos = 1;
INSERT INTO party_event VALUES ('CN', -1, 2, 'accused'), ('EU', 9223372036854775807, 3, 'accuser'), ('ZZ', 0, 1, 'x');
UPDATE country SET event_count = -3 WHERE code = 'EU';
UPDATE country SET kind = 'guild', short_name = x'ff' WHERE code = 'MSFT';
INSERT INTO party_member VALUES ('EU', 3, 'eu'), ('EU', 4, x'4445'), ('EU', 5, 'ABCDEFGHIJKLMN'), ('GB', 0, 'FR'), ('EU', -1, 'EU');
INSERT INTO translation VALUES ('event', '2', 'summary', 'ru', x'e282'), ('incident', 'exchange-hack', 'name', 'zh-CN', 42),
  ('outlet', '1', 'name', 'zh', ''), ('speaker', '01', 'name', 'ru', 'x'), ('bundle', '', 'title', 'zh-CN', CAST(x'00' AS TEXT));
UPDATE country_name SET name = x'ff', short_name = 42 WHERE code = 'EU' AND language = 'ru';
UPDATE statement_text SET lede = printf('%.*c', 1000, 'x') WHERE id = 4;
UPDATE statement_text SET lede = CAST(x'e282' AS TEXT) WHERE id = 5;
UPDATE statement SET partial = 'yes', note = x'00ff' WHERE id = 3;"

# Format 2's own tables: search weights, suggestions and translations that
# no builder would write.
hostile hostile-search.sqlite "
UPDATE term_stat SET doc_count = -5 WHERE length(term) % 3 = 0;
UPDATE term_stat SET doc_count = 9223372036854775807 WHERE length(term) % 3 = 1;
INSERT OR REPLACE INTO term_stat VALUES ('accus', x'ff00'), (CAST(x'ff' AS TEXT), 1), ('', 'x');
INSERT INTO suggestion VALUES (100, 'nonsense', 'q', 'l', 'en', 1), (101, 'term', CAST(x'ff41' AS TEXT), '', x'00', -4),
  (102, x'7465726d', 'blob kind', 'l', 'en', 1), (103, 'incident', 'NEAR(', '\"', 'und', 9223372036854775807);
UPDATE statement SET translation_group = 1, translation_of_id = 999;"

# The world map: mini with three countries' shapes (China; Britain, with
# islands; the Vatican, the smallest), 512-byte pages; then one seed for each
# way its geometry can lie.
"$tool" build "$top/tests/fixtures/sources/mini" -o "$work/map.sqlite"
sqlite3 "$work/map.sqlite" "DELETE FROM map_shape WHERE code NOT IN ('CN', 'GB', 'VA');"
small_pages map map-512.sqlite
map_hostile() { # name sql
    cp "$out/map-512.sqlite" "$out/$1"
    sqlite3 "$out/$1" "$2"
}
map_hostile map-index.sqlite "UPDATE map_shape SET triangles = CAST(x'000001000700' || substr(triangles, 7) AS BLOB) WHERE code = 'VA';"
map_hostile map-rings.sqlite "UPDATE map_shape SET rings = CAST(x'64003200' || substr(rings, -2) AS BLOB) WHERE code = 'CN';"
map_hostile map-nan.sqlite "UPDATE map_shape SET vertices = CAST(x'0000C07F' || substr(vertices, 5) AS BLOB) WHERE code = 'CN';"
map_hostile map-odd.sqlite "UPDATE map_shape SET vertices = substr(vertices, 1, length(vertices) - 1) WHERE code = 'GB';"
map_hostile map-bbox.sqlite "UPDATE map_shape SET x1 = x1 - 0.25, cx = 'x' WHERE code = 'CN';"
map_hostile map-empty.sqlite "UPDATE map_shape SET triangles = x'' WHERE code = 'VA';"

# Crafted damage that `check` refuses (tests/hostile/damage.txt, where each
# case's verdict is asserted): one seed for each kind of lie a table can
# tell, on the sample bundle with 512-byte pages.
"$top/tests/hostile/make.sh" "$out/corpus-512.sqlite" "$work/crafted" crafted- >/dev/null
for name in $(cat "$top/tests/hostile/seeds.txt"); do
    cp "$work/crafted/crafted-$name.sqlite" "$out/"
done

# Leave nothing that is not a regular file.
for f in "$out"/*; do
    test -f "$f"
done
ls -l "$out"
