// SQLite for Swift: SQLITE_TRANSIENT is a macro cast Swift cannot import; these wrappers bind
// copies of the caller's bytes.
#ifndef PORTAL_ARCHIVER_CSQLITE_SHIM_H
#define PORTAL_ARCHIVER_CSQLITE_SHIM_H
#include <sqlite3.h>
static inline int pa_sqlite3_bind_text(sqlite3_stmt *s, int i, const char *v, int n) {
  return sqlite3_bind_text(s, i, v, n, SQLITE_TRANSIENT);
}
static inline int pa_sqlite3_bind_blob(sqlite3_stmt *s, int i, const void *v, int n) {
  return sqlite3_bind_blob(s, i, v, n, SQLITE_TRANSIENT);
}
#endif
