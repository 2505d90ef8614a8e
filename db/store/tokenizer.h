#ifndef ROSTRUM_DB_TOKENIZER_H
#define ROSTRUM_DB_TOKENIZER_H

#include <sqlite3.h>
#include <stdbool.h>

/* Registers the "rostrum" FTS5 tokenizer on db. Returns SQLITE_OK or an SQLite error code. */
int rs_tokenizer_register(sqlite3 *db);

/* The FTS5 API of db (version 2 or later, which has everything Rostrum
 * uses), or NULL when db has no such FTS5. Valid while db is open. */
fts5_api *rs_fts5_api(sqlite3 *db);

/* The "rostrum" tokenizer registered on db, with the connection's settings
 * below; NULL when db has none, or when another tokenizer has since been
 * registered under that name (so ask before registering a stand-in). Valid
 * while db is open; use it only on the thread using db. */
typedef struct rs_tokenizer_module rs_tokenizer_module;
rs_tokenizer_module *rs_tokenizer_module_of(sqlite3 *db);

/* From now on, documents tokenized on this connection are stemmed in
 * language (a BCP 47 tag, statement.language): set it before each row's
 * INSERT, since FTS5 tells a tokenizer nothing of the row. NULL, "" or a
 * language Snowball has no stemmer for: every word by its script (Latin as
 * English). Default: NULL. module may be NULL (then nothing happens). */
void rs_tokenizer_set_document_language(rs_tokenizer_module *module, const char *language);

/* From now on, queries on this connection stem their Latin words in
 * language (the UI language: a catalog code "fr", "zh_CN" or a BCP 47 tag)
 * when it is written in Latin, with English colocated; every other word by
 * its script. Default and NULL: English. */
void rs_tokenizer_set_query_language(rs_tokenizer_module *module, const char *language);

/* Gives one instance (methods and handle as xFindTokenizer and xCreate gave
 * them) its own document language, as above, for good: it then reads no
 * setting of its connection, so it may be used on another thread (one at a
 * time), and its queries stem Latin words in English. False (nothing done)
 * when methods are not "rostrum"'s. */
bool rs_tokenizer_instance_document(const fts5_tokenizer *methods, Fts5Tokenizer *handle,
                                    const char *language);

/* Makes one instance stem documents as its connection stems queries, with
 * every stem a query would search colocated at the word's position: for
 * finding a query's words in a text whose language is unknown
 * (rs_bundle_highlights). Positions and offsets stay those of a document.
 * False when methods are not "rostrum"'s. */
bool rs_tokenizer_instance_documents_as_queries(const fts5_tokenizer *methods,
                                                Fts5Tokenizer *handle);

#endif
