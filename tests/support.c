#include "support.h"

#include "expect.h"

#include <dirent.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

char *support_temp_dir(void)
{
    const char *base = getenv("TMPDIR");
    char template[512];
    snprintf(template, sizeof template, "%s/rostrum-test-XXXXXX", base && *base ? base : "/tmp");
    char *made = mkdtemp(template);
    RS_EXPECT(made); /* the test cannot run without it */
    return rs_xstrdup(made);
}

char *support_path(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *path = rs_xmalloc(n);
    snprintf(path, n, "%s/%s", dir, name);
    return path;
}

void support_remove_tree(const char *path)
{
    DIR *d = opendir(path);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d))) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char *child = support_path(path, e->d_name);
            struct stat st;
            if (lstat(child, &st) == 0 && S_ISDIR(st.st_mode)) {
                chmod(child, 0755);
                support_remove_tree(child);
            } else {
                unlink(child);
            }
            free(child);
        }
        closedir(d);
        rmdir(path);
    } else {
        unlink(path);
    }
}

char *support_read_file(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *data = rs_xmalloc((size_t)n + 1);
    size_t got = fread(data, 1, (size_t)n, f);
    fclose(f);
    data[got] = '\0';
    if (size)
        *size = got;
    return data;
}

void support_write_file(const char *path, const char *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    RS_EXPECT(f);
    fwrite(data, 1, size, f);
    fclose(f);
}

void support_write_text(const char *dir, const char *name, const char *text)
{
    char *path = support_path(dir, name);
    support_write_file(path, text, strlen(text));
    free(path);
}

void support_copy_dir(const char *from, const char *to)
{
    DIR *d = opendir(from);
    RS_EXPECT(d);
    struct dirent *e;
    while ((e = readdir(d))) {
        char *source = support_path(from, e->d_name);
        struct stat st;
        if (stat(source, &st) == 0 && S_ISREG(st.st_mode)) {
            size_t size;
            char *data = support_read_file(source, &size);
            char *target = support_path(to, e->d_name);
            support_write_file(target, data, size);
            free(target);
            free(data);
        }
        free(source);
    }
    closedir(d);
}

bool support_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

int support_run(const char *command, char **output)
{
    char *full = rs_xmalloc(strlen(command) + 16);
    sprintf(full, "%s 2>&1", command);
    FILE *p = popen(full, "r");
    free(full);
    RS_EXPECT(p);
    size_t capacity = 4096, length = 0;
    char *text = rs_xmalloc(capacity);
    size_t n;
    while ((n = fread(text + length, 1, capacity - length - 1, p)) > 0) {
        length += n;
        if (length + 1 == capacity)
            text = rs_xrealloc(text, capacity *= 2);
    }
    text[length] = '\0';
    int status = pclose(p);
    if (output)
        *output = text;
    else
        free(text);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

char *support_copy_file(const char *from, const char *dir, const char *name, size_t keep)
{
    size_t size;
    char *data = support_read_file(from, &size);
    RS_EXPECT(data);
    char *path = support_path(dir, name);
    support_write_file(path, data, keep && keep < size ? keep : size);
    free(data);
    return path;
}

void support_sql(const char *path, const char *sql)
{
    sqlite3 *db;
    char *error = NULL;
    if (sqlite3_open(path, &db) != SQLITE_OK || sqlite3_exec(db, sql, NULL, NULL, &error) != SQLITE_OK) {
        fprintf(stderr, "support_sql: %s: %s: %s\n", path, sql, error ? error : sqlite3_errmsg(db));
        exit(1);
    }
    sqlite3_close(db);
}
