/*
 * Finds transaction control (BEGIN, COMMIT, END, ROLLBACK, SAVEPOINT,
 * RELEASE) in a migration before it runs, with SQLite's own parser: each
 * statement is prepared (never stepped) in a private in-memory database
 * whose authorizer reports SQLITE_TRANSACTION and SQLITE_SAVEPOINT. A
 * statement that cannot be prepared there (it names a table an earlier
 * migration creates) is no transaction control; sqlite3_complete, SQLite's
 * own tokenizer, finds where it ends.
 */
#include <string.h>

#include "dialect/sqlite/sqlite.h"

static int authorize(void *payload, int action, const char *a1, const char *a2,
		     const char *db, const char *trigger)
{
	(void)a1;
	(void)a2;
	(void)db;
	(void)trigger;
	if (action == SQLITE_TRANSACTION || action == SQLITE_SAVEPOINT)
		*(bool *)payload = true;
	return SQLITE_OK;
}

/* The end of the statement at text[pos] as sqlite3_complete sees it (text
 * is a private copy: bytes after each ';' are cut and put back in turn). */
static size_t complete_end(char *text, size_t pos, size_t len)
{
	for (size_t i = pos; i < len; i++) {
		if (text[i] != ';')
			continue;
		char keep = text[i + 1];
		text[i + 1] = '\0';
		int done = sqlite3_complete(text + pos);
		text[i + 1] = keep;
		if (done)
			return i + 1;
	}
	return len;
}

int plumb__sqlite_find_txn_control(plumb_ctx *ctx, plumb_arena *arena, const char *sql,
				   size_t *offset, const char **what)
{
	int rc = 0;
	sqlite3 *db = NULL;
	bool hit = false;
	size_t len = strlen(sql), pos = 0;
	char *copy = plumb_arena_strndup(arena, sql, len);

	*offset = 0;
	*what = NULL;
	if (!copy)
		return plumb_error_nomem(ctx);
	if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK) {
		rc = plumb_error_set(ctx, PLUMB_ENOMEM, "could not open an in-memory database: %s",
				     db ? sqlite3_errmsg(db) : "out of memory");
		goto done;
	}
	sqlite3_set_authorizer(db, authorize, &hit);
	while ((pos = plumb__sqlite_skip_blank(sql, pos)) < len) {
		sqlite3_stmt *st = NULL;
		const char *tail = NULL;
		hit = false;
		int src = sqlite3_prepare_v2(db, sql + pos, (int)(len - pos), &st, &tail);
		sqlite3_finalize(st);
		if (src == SQLITE_NOMEM) {
			rc = plumb_error_nomem(ctx);
			goto done;
		}
		size_t end = src == SQLITE_OK && tail ? (size_t)(tail - sql)
						      : complete_end(copy, pos, len);
		if (hit) {
			size_t stop = end;
			while (stop > pos && strchr(" \t\r\n;", sql[stop - 1]))
				stop--;
			const char *nl = memchr(sql + pos, '\n', stop - pos);
			if (nl)
				stop = (size_t)(nl - sql);
			if (stop - pos > 60)
				stop = pos + 60;
			*offset = pos;
			*what = plumb_arena_strndup(arena, sql + pos, stop - pos);
			rc = *what ? 1 : plumb_error_nomem(ctx);
			goto done;
		}
		if (end <= pos)
			break;
		pos = end;
	}
done:
	sqlite3_close_v2(db);
	return rc;
}
