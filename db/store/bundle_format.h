/*
 * The Rostrum bundle, format version 5: what a bundle file is.
 *
 * A bundle is one SQLite database. The builder writes it once; the viewer
 * opens it read-only and immutable and trusts nothing in it. This header is
 * the single definition of the format shared by both sides: the identifying
 * numbers, and the schema the builder creates. README.md ("The bundle
 * format") explains every table for anyone writing a bundle with another tool.
 *
 * Design notes:
 * - Statement ids are assigned in time order (date, then slug; undated last),
 *   so "in date order" is always "by id", and the statements of one year or
 *   month form one contiguous id range (year_count/month_count.first_id).
 * - Every browse list carries a precomputed position (pos, 0-based) so that a
 *   page at any offset is one index seek, not an OFFSET scan, at 1M rows.
 * - Counts are precomputed: the viewer never counts rows at run time.
 * - The statements' texts live apart from their rows: statement holds what
 *   lists show (a few hundred bytes a row, many rows to a page, so a page of
 *   any list reads a few small pages and the whole table fits a page cache),
 *   statement_text the title again and the body (kilobytes each), read only
 *   to open one statement and, as the FTS5 index's external content, for
 *   snippets. The builder writes all statement rows together at the end, so
 *   they (and their slug index) also lie together in the file.
 *
 * Version 2 (over version 1): statement.translation_of_id and
 * translation_group (translations, grouped like same_as); the suggestion
 * table (search chips chosen by the builder); term_stat, the number of
 * statements holding each index term, so that search ranks with corpus-wide
 * term weights without counting a common word's whole doclist per query and
 * can complete the word being typed from real index terms; statement_text,
 * the bodies moved out of statement (also the index's content table). A version 1
 * bundle has none of these and is refused: rebuild it.
 *
 * Version 3 (over version 2): parties and the incident thread.
 * - country holds every party, not only countries: kind is "country" for an
 *   ISO 3166-1 code, or the kind parties.yaml gives (organisation, alliance,
 *   company, agency) for a party code of 2-12 upper-case letters and digits;
 *   short_name (parties only) and event_count are new; country_name gains
 *   short_name. party_member lists an organisation's member countries.
 * - event: dated moments of an incident that are not statements (an
 *   attribution, an indictment, ...), from incidents.yaml's events:, with
 *   event_party (who, in which roles) and party_event (a party's events in
 *   time order, like country_statement).
 * - incident_thread: an incident's events and statements in one precomputed
 *   time order (see RS_THREAD_ORDER below); incident.event_count.
 * - statement.partial (1 for an excerpt or a cut-off source) and
 *   statement.note (a curator's note); statement_text.lede, the body's first
 *   sentence (at most RS_LEDE_MAX_BYTES, cut at a word with "…"), stored
 *   before the body so that reading it does not read the body's pages.
 * - translation: the curator's own translations of what visitors read
 *   (collection title and description, incident names and summaries, event
 *   summaries, outlets, speakers); the base columns hold the collection's
 *   default language (meta "language"). Party names in other languages are
 *   in country_name, like countries'.
 * A version 2 bundle is refused: rebuild it.
 *
 * Version 4 (over version 3): the timeline and the world map.
 * - incident.first_key, last_key: the incident's first and last dated entry
 *   (statements and events) as a date key (RS_DATE_KEY), NULL when none is
 *   dated; incident.lane: the row of the timeline its span is drawn in,
 *   packed by the builder so that spans of one lane never overlap, nor
 *   touch (NULL when undated): in order of (first_key, id), each takes the
 *   lowest lane whose last span's last_key is below its first_key. Index
 *   incident_span(lane, last_key) makes the incidents visible in a window
 *   of time one seek per lane.
 *   incident.answer_count: the entries of its thread that answer (its
 *   statements of any kind but attribution, and its denials), so that the
 *   timeline tells spans with an answer apart without reading the thread.
 * - incident_party: each party of an incident, with the union of its roles
 *   in the incident's statements and events (the incident's map: accusers
 *   and accused) and how many of its statements and events name it.
 * - event.key: the event's date as a date key (RS_DATE_KEY), NULL when
 *   undated; index event_by_key: events in that order (the timeline's marks).
 * - map_shape: the world's countries, from DCW-GMT, projected (Equal
 *   Earth), simplified and triangulated by the builder (RS_MAP_* below).
 *   Every country of the world, not only the collection's.
 * A version 3 bundle is refused: rebuild it.
 *
 * Version 5 (over version 4): every language a statement comes in.
 * - statement_fts is tokenized by "rostrum" alone: the tokenizer stems each
 *   word with Snowball in the statement's own language (statement.language)
 *   when indexing (a word in another script by its script: Cyrillic as
 *   Russian, Latin as English), and in the language of the query's script
 *   (or the UI language) when searching, instead of Porter's English stemmer
 *   applied to every word. term_stat holds the terms this tokenizer writes.
 * - country_name holds the names in every UI language besides English
 *   (RS_BUNDLE_NAME_LANGUAGES: zh_CN, ru, ar, fr, es), from iso-codes'
 *   translations of the name shown in English (common_name where iso-codes
 *   has one, else name), else of name, else of official_name, the first
 *   the language's catalog translates (Russian has "Iran, Islamic Republic
 *   of" but not "Iran"); none where it has none (the viewer shows English).
 * - name_order(language, subject, pos, key): the order in which each UI
 *   language (RS_NAME_ORDER_LANGUAGES) sorts the lists the viewer shows
 *   sorted by name, by ICU collation in the builder (CLDR's rules: Chinese
 *   by pinyin, Russian and Arabic alphabetically, French with its
 *   accents), so that the viewer sorts without ICU, with one seek. subject
 *   "party": every party with a statement or an event (the Countries
 *   screen), key its code, by the name shown in that language; subject
 *   "incident": every incident, key its id, by date (undated last, as
 *   incident.date sorts), then by its name in that language. pos runs
 *   0..n-1 in each (language, subject); a name the collation cannot tell
 *   from another goes by key. A viewer language the table lacks reads
 *   "en".
 * - suggestion: an incident's chip has the incident's slug as its query
 *   (the chip opens the incident) and the statements it lists as its
 *   count; a CJK term chip is a word (ICU's CJK dictionary), never a
 *   bigram across two words.
 * A version 4 bundle is refused: rebuild it.
 *
 * RS_DATE_KEY: year * 10000 + month * 100 + day, an unknown month or day
 * being 0 ("2021" is 20210000, "2021-03" 20210300), so that keys sort as
 * RS_THREAD_ORDER sorts dates.
 *
 * RS_MAP_*: map_shape's coordinates are Equal Earth (Savric, Patterson and
 * Jenny 2018) on a sphere of radius 1, x east and y SOUTH (screen
 * direction): the whole world lies within |x| <= RS_MAP_HALF_WIDTH and
 * |y| <= RS_MAP_HALF_HEIGHT. vertices is float32 little-endian x,y pairs;
 * triangles uint16 little-endian index triples into vertices (so at most
 * 65,535 vertices a shape); rings uint16 little-endian, the end (exclusive
 * vertex index) of each outline ring, increasing, the last being the vertex
 * count: ring i is vertices [end(i-1), end(i)), closed. (x0, y0, x1, y1) is
 * the bounding box, (cx, cy) a point inside the largest part, where a label
 * or the minimum tap target goes, area the projected area of the triangles.
 *
 * RS_THREAD_ORDER: dated entries first, by (year, month, day) with an
 * unknown month or day as 0 (so "2021-03" comes before "2021-03-02"); on the
 * same key events come before statements; then events by id, statements by
 * id. Undated entries last, in the same tie order.
 */
#ifndef RS_BUNDLE_FORMAT_H
#define RS_BUNDLE_FORMAT_H

/* PRAGMA application_id: 0x52535452, the ASCII bytes "RSTR" (written in
 * decimal because PRAGMA takes decimal integers). */
#define RS_BUNDLE_APPLICATION_ID 1381192786
/* PRAGMA user_version: the format version this code reads and writes. */
#define RS_BUNDLE_FORMAT_VERSION 5

/* The languages whose country names the builder copies into the bundle
 * (country_name), from iso-codes' own translations: the viewer's UI
 * languages besides English (see app/po/LINGUAS). */
#define RS_BUNDLE_NAME_LANGUAGES {"zh_CN", "ru", "ar", "fr", "es"}

/* The languages name_order holds an order for: English and the above. */
#define RS_NAME_ORDER_LANGUAGE_COUNT 6
#define RS_NAME_ORDER_LANGUAGES {"en", "zh_CN", "ru", "ar", "fr", "es"}

/* A party code: an ISO 3166-1 alpha-2 code, or a parties.yaml code of
 * 2..RS_PARTY_CODE_MAX upper-case ASCII letters and digits. */
#define RS_PARTY_CODE_MAX 12
#define RS_PARTY_CODE_SIZE (RS_PARTY_CODE_MAX + 1)

/* A date as a sortable integer (see RS_DATE_KEY above). */
#define RS_DATE_KEY(year, month, day) ((year) * 10000 + (month) * 100 + (day))

/* The world map's extent in map units (Equal Earth, radius 1: the
 * projection's own bounds are 2.7066 and 1.3173), with a little margin. */
#define RS_MAP_HALF_WIDTH 2.71f
#define RS_MAP_HALF_HEIGHT 1.32f
/* The most vertices one map_shape may hold (uint16 indices). */
#define RS_MAP_SHAPE_VERTICES_MAX 65535

/* The longest statement_text.lede, in bytes. */
#define RS_LEDE_MAX_BYTES 240

/* The kinds of party (country.kind), "country" first. */
#define RS_PARTY_KIND_COUNT 5
extern const char *const rs_party_kinds[RS_PARTY_KIND_COUNT]; /* country, organisation, alliance, company, agency */

/* The kinds of event (event.kind). The first five accuse; denial answers. */
#define RS_EVENT_KIND_COUNT 7
extern const char *const rs_event_kinds[RS_EVENT_KIND_COUNT]; /* attribution, indictment, sanction, report, disclosure, denial, other */

/* translation.subject values. */
#define RS_TRANSLATION_SUBJECT_COUNT 5
extern const char *const rs_translation_subjects[RS_TRANSLATION_SUBJECT_COUNT]; /* bundle, incident, event, outlet, speaker */

#define RS_STRINGIFY_(x) #x
#define RS_STRINGIFY(x) RS_STRINGIFY_(x)

/* The roles a country can have in a statement, in display order. In the
 * builder's temporary tables role i is bit (1 << i). */
#define RS_ROLE_COUNT 5
extern const char *const rs_roles[RS_ROLE_COUNT]; /* speaker, accuser, accused, victim, mentioned */

/* The names of the roles whose bits are set in role_bits, in rs_roles
 * order, separated by spaces ("speaker accused"), as country_statement.roles
 * holds them; "" for none. RS_ROLES_TEXT_SIZE bytes always suffice. */
#define RS_ROLES_TEXT_SIZE 64
void rs_roles_text(unsigned role_bits, char out[RS_ROLES_TEXT_SIZE]);

/* Schema of format version 3, executed by the builder on an empty file. */
#define RS_BUNDLE_SCHEMA \
  "CREATE TABLE meta(\n" \
  "  key TEXT PRIMARY KEY,\n" \
  "  value TEXT NOT NULL\n" \
  ") WITHOUT ROWID;\n" \
  "CREATE TABLE outlet(\n" \
  "  id INTEGER PRIMARY KEY,\n" \
  "  name TEXT NOT NULL UNIQUE\n" \
  ");\n" \
  "CREATE TABLE speaker(\n" \
  "  id INTEGER PRIMARY KEY,\n" \
  "  name TEXT NOT NULL,\n" \
  "  role TEXT,\n" \
  "  UNIQUE(name, role)\n" \
  ");\n" \
  "CREATE TABLE statement(\n" \
  "  id INTEGER PRIMARY KEY,\n" \
  "  slug TEXT NOT NULL UNIQUE,\n" \
  "  title TEXT NOT NULL,\n" \
  "  title_note TEXT,\n" \
  "  date TEXT,\n" \
  "  year INTEGER,\n" \
  "  month INTEGER,\n" \
  "  day INTEGER,\n" \
  "  date_note TEXT,\n" \
  "  outlet_id INTEGER REFERENCES outlet(id),\n" \
  "  speaker_id INTEGER REFERENCES speaker(id),\n" \
  "  language TEXT NOT NULL,\n" \
  "  url TEXT,\n" \
  "  kind TEXT NOT NULL,\n" \
  "  same_as_id INTEGER REFERENCES statement(id),\n" \
  "  same_group INTEGER,\n" \
  "  source_path TEXT NOT NULL,\n" \
  "  translation_of_id INTEGER REFERENCES statement(id),\n" \
  "  translation_group INTEGER,\n" \
  "  partial INTEGER NOT NULL,\n" \
  "  note TEXT\n" \
  ");\n" \
  "CREATE TABLE statement_text(\n" \
  "  id INTEGER PRIMARY KEY REFERENCES statement(id),\n" \
  "  title TEXT NOT NULL,\n" \
  "  lede TEXT NOT NULL,\n" \
  "  body TEXT NOT NULL\n" \
  ");\n" \
  "CREATE INDEX statement_same_group ON statement(same_group) WHERE same_group IS NOT NULL;\n" \
  "CREATE INDEX statement_translation_group ON statement(translation_group)" \
  " WHERE translation_group IS NOT NULL;\n" \
  "CREATE TABLE year_count(\n" \
  "  year INTEGER PRIMARY KEY,\n" \
  "  statement_count INTEGER NOT NULL,\n" \
  "  first_id INTEGER NOT NULL\n" \
  ");\n" \
  "CREATE TABLE month_count(\n" \
  "  year INTEGER NOT NULL,\n" \
  "  month INTEGER NOT NULL,\n" \
  "  statement_count INTEGER NOT NULL,\n" \
  "  first_id INTEGER NOT NULL,\n" \
  "  PRIMARY KEY(year, month)\n" \
  ") WITHOUT ROWID;\n" \
  "CREATE TABLE country(\n" \
  "  code TEXT PRIMARY KEY,\n" \
  "  kind TEXT NOT NULL,\n" \
  "  name TEXT NOT NULL,\n" \
  "  short_name TEXT,\n" \
  "  official_name TEXT,\n" \
  "  statement_count INTEGER NOT NULL,\n" \
  "  event_count INTEGER NOT NULL\n" \
  ") WITHOUT ROWID;\n" \
  "CREATE TABLE country_name(\n" \
  "  code TEXT NOT NULL,\n" \
  "  language TEXT NOT NULL,\n" \
  "  name TEXT NOT NULL,\n" \
  "  short_name TEXT,\n" \
  "  PRIMARY KEY(code, language)\n" \
  ") WITHOUT ROWID;\n" \
  "CREATE TABLE party_member(\n" \
  "  party_code TEXT NOT NULL,\n" \
  "  pos INTEGER NOT NULL,\n" \
  "  member_code TEXT NOT NULL,\n" \
  "  PRIMARY KEY(party_code, pos)\n" \
  ") WITHOUT ROWID;\n" \
  "CREATE TABLE country_role(\n" \
  "  country_code TEXT NOT NULL,\n" \
  "  role TEXT NOT NULL,\n" \
  "  statement_count INTEGER NOT NULL,\n" \
  "  PRIMARY KEY(country_code, role)\n" \
  ") WITHOUT ROWID;\n" \
  "CREATE TABLE country_statement(\n" \
  "  country_code TEXT NOT NULL,\n" \
  "  pos INTEGER NOT NULL,\n" \
  "  statement_id INTEGER NOT NULL,\n" \
  "  roles TEXT NOT NULL,\n" \
  "  PRIMARY KEY(country_code, pos)\n" \
  ") WITHOUT ROWID;\n" \
  "CREATE TABLE statement_country(\n" \
  "  country_code TEXT NOT NULL,\n" \
  "  role TEXT NOT NULL,\n" \
  "  pos INTEGER NOT NULL,\n" \
  "  statement_id INTEGER NOT NULL,\n" \
  "  PRIMARY KEY(country_code, role, pos)\n" \
  ") WITHOUT ROWID;\n" \
  "CREATE INDEX statement_country_by_statement ON statement_country(statement_id);\n" \
  "CREATE TABLE incident(\n" \
  "  id INTEGER PRIMARY KEY,\n" \
  "  slug TEXT NOT NULL UNIQUE,\n" \
  "  name TEXT NOT NULL,\n" \
  "  date TEXT,\n" \
  "  date_note TEXT,\n" \
  "  summary TEXT NOT NULL,\n" \
  "  statement_count INTEGER NOT NULL,\n" \
  "  event_count INTEGER NOT NULL,\n" \
  "  first_key INTEGER,\n" \
  "  last_key INTEGER,\n" \
  "  lane INTEGER,\n" \
  "  answer_count INTEGER NOT NULL DEFAULT 0\n" \
  ");\n" \
  "CREATE INDEX incident_by_date ON incident(date, name) WHERE date IS NOT NULL;\n" \
  "CREATE INDEX incident_span ON incident(lane, last_key) WHERE lane IS NOT NULL;\n" \
  "CREATE TABLE incident_party(\n" \
  "  incident_id INTEGER NOT NULL,\n" \
  "  party_code TEXT NOT NULL,\n" \
  "  roles TEXT NOT NULL,\n" \
  "  statement_count INTEGER NOT NULL,\n" \
  "  event_count INTEGER NOT NULL,\n" \
  "  PRIMARY KEY(incident_id, party_code)\n" \
  ") WITHOUT ROWID;\n" \
  "CREATE TABLE statement_incident(\n" \
  "  incident_id INTEGER NOT NULL,\n" \
  "  pos INTEGER NOT NULL,\n" \
  "  statement_id INTEGER NOT NULL,\n" \
  "  PRIMARY KEY(incident_id, pos)\n" \
  ") WITHOUT ROWID;\n" \
  "CREATE INDEX statement_incident_by_statement ON statement_incident(statement_id);\n" \
  "CREATE TABLE event(\n" \
  "  id INTEGER PRIMARY KEY,\n" \
  "  incident_id INTEGER NOT NULL REFERENCES incident(id),\n" \
  "  date TEXT,\n" \
  "  year INTEGER,\n" \
  "  month INTEGER,\n" \
  "  day INTEGER,\n" \
  "  key INTEGER,\n" \
  "  date_note TEXT,\n" \
  "  kind TEXT NOT NULL,\n" \
  "  summary TEXT NOT NULL,\n" \
  "  url TEXT,\n" \
  "  source_path TEXT NOT NULL,\n" \
  "  source_line INTEGER NOT NULL\n" \
  ");\n" \
  "CREATE INDEX event_by_key ON event(key, id) WHERE key IS NOT NULL;\n" \
  "CREATE TABLE event_party(\n" \
  "  event_id INTEGER NOT NULL,\n" \
  "  party_code TEXT NOT NULL,\n" \
  "  roles TEXT NOT NULL,\n" \
  "  PRIMARY KEY(event_id, party_code)\n" \
  ") WITHOUT ROWID;\n" \
  "CREATE TABLE party_event(\n" \
  "  party_code TEXT NOT NULL,\n" \
  "  pos INTEGER NOT NULL,\n" \
  "  event_id INTEGER NOT NULL,\n" \
  "  roles TEXT NOT NULL,\n" \
  "  PRIMARY KEY(party_code, pos)\n" \
  ") WITHOUT ROWID;\n" \
  "CREATE TABLE incident_thread(\n" \
  "  incident_id INTEGER NOT NULL,\n" \
  "  pos INTEGER NOT NULL,\n" \
  "  statement_id INTEGER,\n" \
  "  event_id INTEGER,\n" \
  "  PRIMARY KEY(incident_id, pos)\n" \
  ") WITHOUT ROWID;\n" \
  "CREATE TABLE translation(\n" \
  "  subject TEXT NOT NULL,\n" \
  "  key TEXT NOT NULL,\n" \
  "  field TEXT NOT NULL,\n" \
  "  language TEXT NOT NULL,\n" \
  "  value TEXT NOT NULL,\n" \
  "  PRIMARY KEY(subject, key, field, language)\n" \
  ") WITHOUT ROWID;\n" \
  "CREATE TABLE map_shape(\n" \
  "  id INTEGER PRIMARY KEY,\n" \
  "  code TEXT NOT NULL UNIQUE,\n" \
  "  x0 REAL NOT NULL,\n" \
  "  y0 REAL NOT NULL,\n" \
  "  x1 REAL NOT NULL,\n" \
  "  y1 REAL NOT NULL,\n" \
  "  cx REAL NOT NULL,\n" \
  "  cy REAL NOT NULL,\n" \
  "  area REAL NOT NULL,\n" \
  "  vertices BLOB NOT NULL,\n" \
  "  triangles BLOB NOT NULL,\n" \
  "  rings BLOB NOT NULL\n" \
  ");\n" \
  "CREATE TABLE name_order(\n" \
  "  language TEXT NOT NULL,\n" \
  "  subject TEXT NOT NULL,\n" \
  "  pos INTEGER NOT NULL,\n" \
  "  key TEXT NOT NULL,\n" \
  "  PRIMARY KEY(language, subject, pos)\n" \
  ") WITHOUT ROWID;\n" \
  "CREATE TABLE suggestion(\n" \
  "  pos INTEGER PRIMARY KEY,\n" \
  "  kind TEXT NOT NULL,\n" \
  "  query TEXT NOT NULL,\n" \
  "  label TEXT NOT NULL,\n" \
  "  language TEXT NOT NULL,\n" \
  "  statement_count INTEGER NOT NULL\n" \
  ");\n" \
  "CREATE TABLE term_stat(\n" \
  "  term TEXT PRIMARY KEY,\n" \
  "  doc_count INTEGER NOT NULL\n" \
  ") WITHOUT ROWID;\n" \
  "CREATE VIRTUAL TABLE statement_fts USING fts5(title, body, content='statement_text', content_rowid='id', " \
  "tokenize='rostrum');\n"

/* suggestion.kind values, in rs_suggestion_kind order. */
#define RS_SUGGESTION_KIND_COUNT 4
extern const char *const rs_suggestion_kinds[RS_SUGGESTION_KIND_COUNT]; /* incident, outlet, speaker, term */

#endif
