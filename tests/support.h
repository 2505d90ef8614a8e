/* Helpers shared by the test programs: temporary folders, files, commands. */
#ifndef RS_TEST_SUPPORT_H
#define RS_TEST_SUPPORT_H

#include <stdbool.h>
#include <stddef.h>

/* A new empty folder under $TMPDIR (or /tmp). Caller frees the path and
 * removes the folder with support_remove_tree. */
char *support_temp_dir(void);
void support_remove_tree(const char *path);
/* Copies every regular file of from (not recursively) into to. */
void support_copy_dir(const char *from, const char *to);
char *support_path(const char *dir, const char *name);
void support_write_file(const char *path, const char *data, size_t size);
void support_write_text(const char *dir, const char *name, const char *text);
/* Whole file, NUL-terminated; NULL if it cannot be read. */
char *support_read_file(const char *path, size_t *size);
/* A copy of the file at from as dir/name, cut to its first keep bytes (0,
 * or more than it has: the whole file). Caller frees the path. */
char *support_copy_file(const char *from, const char *dir, const char *name, size_t keep);
/* Runs sql on the SQLite file at path (a bundle copy a test damages); a
 * statement that fails stops the test, naming it and SQLite's message. */
void support_sql(const char *path, const char *sql);
bool support_exists(const char *path);
/* Runs a shell command; returns its exit status and its stdout+stderr
 * (caller frees) in *output. */
int support_run(const char *command, char **output);

#endif
