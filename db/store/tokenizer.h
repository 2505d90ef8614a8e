#ifndef ROSTRUM_DB_TOKENIZER_H
#define ROSTRUM_DB_TOKENIZER_H

#include <sqlite3.h>

/* Registers the "rostrum" FTS5 tokenizer on db. Returns SQLITE_OK or an SQLite error code. */
int rs_tokenizer_register(sqlite3 *db);

#endif
