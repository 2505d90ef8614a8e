#ifndef ROSTRUM_DB_TOKENIZER_H
#define ROSTRUM_DB_TOKENIZER_H

#include <sqlite3.h>

/* Registers the "rostrum" FTS5 tokenizer on db. Returns SQLITE_OK or an SQLite error code. */
int rs_tokenizer_register(sqlite3 *db);

/* The FTS5 API of db (version 2 or later, which has everything Rostrum
 * uses), or NULL when db has no such FTS5. Valid while db is open. */
fts5_api *rs_fts5_api(sqlite3 *db);

#endif
