/*
 * Finds the statements of migrations that change rows (INSERT, UPDATE,
 * DELETE, REPLACE, UPSERT) for plumb squash, with SQLite's own parser: the
 * migrations are replayed in a private in-memory database, each statement
 * prepared under an authorizer that sees what it writes, then run so that
 * the next one finds its tables. Also runs carried statements on a squashed
 * schema there (--data keep). Touches no database of the user's.
 */
#include <string.h>

#include "dialect/sqlite/sqlite.h"

typedef struct seen {
	bool data; /* writes rows of a table of the user's */
	bool ddl;  /* creates, drops or alters something */
} seen;

static int authorize(void *payload, int action, const char *a1, const char *a2, const char *db,
		     const char *trigger)
{
	seen *s = payload;
	(void)a2;
	(void)db;
	if (trigger) /* a trigger body's actions are not the statement's own */
		return SQLITE_OK;
	switch (action) {
	case SQLITE_INSERT:
	case SQLITE_UPDATE:
	case SQLITE_DELETE:
		if (a1 && strncmp(a1, "sqlite_", 7) != 0)
			s->data = true;
		break;
	case SQLITE_CREATE_INDEX:
	case SQLITE_CREATE_TABLE:
	case SQLITE_CREATE_TEMP_INDEX:
	case SQLITE_CREATE_TEMP_TABLE:
	case SQLITE_CREATE_TEMP_TRIGGER:
	case SQLITE_CREATE_TEMP_VIEW:
	case SQLITE_CREATE_TRIGGER:
	case SQLITE_CREATE_VIEW:
	case SQLITE_DROP_INDEX:
	case SQLITE_DROP_TABLE:
	case SQLITE_DROP_TEMP_INDEX:
	case SQLITE_DROP_TEMP_TABLE:
	case SQLITE_DROP_TEMP_TRIGGER:
	case SQLITE_DROP_TEMP_VIEW:
	case SQLITE_DROP_TRIGGER:
	case SQLITE_DROP_VIEW:
	case SQLITE_ALTER_TABLE:
	case SQLITE_CREATE_VTABLE:
	case SQLITE_DROP_VTABLE:
		s->ddl = true;
		break;
	default:
		break;
	}
	return SQLITE_OK;
}

static int open_memory(plumb_ctx *ctx, sqlite3 **db)
{
	if (sqlite3_open_v2(":memory:", db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) ==
	    SQLITE_OK)
		return 0;
	return plumb_error_set(ctx, PLUMB_ENOMEM, "could not open an in-memory database: %s",
			       *db ? sqlite3_errmsg(*db) : "out of memory");
}

/* The statement sql[pos..end) as a plumb_data_stmt of m. */
static int add(plumb_ctx *ctx, plumb_arena *arena, const plumb_migration *m, size_t pos, size_t end,
	       plumb_vec *out)
{
	const char *sql = m->sql;
	while (end > pos && strchr(" \t\r\n;", sql[end - 1]))
		end--;
	plumb_data_stmt *d = plumb_arena_alloc(arena, sizeof(*d));
	if (!d)
		return plumb_error_nomem(ctx);
	d->migration = m;
	d->offset = pos;
	plumb_text_position(sql, pos, &d->line, &d->col);
	d->text = plumb_arena_printf(arena, "%.*s;", (int)(end - pos), sql + pos);
	size_t stop = end;
	const char *nl = memchr(sql + pos, '\n', end - pos);
	if (nl)
		stop = (size_t)(nl - sql);
	if (stop - pos > 60)
		stop = pos + 60;
	d->what = plumb_arena_strndup(arena, sql + pos, stop - pos);
	if (!d->text || !d->what || plumb_vec_push(arena, out, d) < 0)
		return plumb_error_nomem(ctx);
	return 0;
}

int plumb__sqlite_find_data(plumb_ctx *ctx, plumb_arena *arena, const plumb_vec *migrations,
			    plumb_vec *out)
{
	int rc = 0;
	sqlite3 *db = NULL;
	seen s;

	if ((rc = open_memory(ctx, &db)) < 0)
		goto done;
	sqlite3_set_authorizer(db, authorize, &s);
	for (size_t i = 0; i < migrations->n; i++) {
		const plumb_migration *m = migrations->items[i];
		const char *sql = m->sql;
		size_t len = strlen(sql), pos = 0;
		while ((pos = plumb__sqlite_skip_blank(sql, pos)) < len) {
			sqlite3_stmt *st = NULL;
			const char *tail = NULL;
			memset(&s, 0, sizeof(s));
			int src = sqlite3_prepare_v2(db, sql + pos, (int)(len - pos), &st, &tail);
			if (src == SQLITE_OK && st) {
				sqlite3_set_authorizer(db, NULL, NULL);
				while ((src = sqlite3_step(st)) == SQLITE_ROW)
					;
				sqlite3_set_authorizer(db, authorize, &s);
				if (src == SQLITE_DONE)
					src = SQLITE_OK;
			}
			if (src != SQLITE_OK) {
				int line, col;
				plumb_text_position(sql, pos, &line, &col);
				rc = plumb_error_set_at(ctx, PLUMB_EPARSE, m->path, line, col,
							"could not replay the migration: %s",
							sqlite3_errmsg(db));
				sqlite3_finalize(st);
				goto done;
			}
			sqlite3_finalize(st);
			size_t end = tail ? (size_t)(tail - sql) : len;
			if (s.data && !s.ddl && (rc = add(ctx, arena, m, pos, end, out)) < 0)
				goto done;
			if (end <= pos)
				break;
			pos = end;
		}
	}
done:
	sqlite3_close_v2(db);
	return rc;
}

int plumb__sqlite_check_data(plumb_ctx *ctx, plumb_arena *arena, const char *schema_sql,
			     const plumb_vec *stmts)
{
	int rc = 0;
	sqlite3 *db = NULL;
	(void)arena;

	if ((rc = open_memory(ctx, &db)) < 0)
		goto done;
	if (sqlite3_exec(db, schema_sql, NULL, NULL, NULL) != SQLITE_OK) {
		rc = plumb_error_set(ctx, PLUMB_ERROR,
				     "could not build the squashed schema in memory: %s",
				     sqlite3_errmsg(db));
		goto done;
	}
	for (size_t i = 0; i < stmts->n; i++) {
		const plumb_data_stmt *d = stmts->items[i];
		if (sqlite3_exec(db, d->text, NULL, NULL, NULL) == SQLITE_OK)
			continue;
		rc = plumb_error_set_at(ctx, PLUMB_ERROR, d->migration->path, d->line, d->col,
					"could not squash: the carried statement \"%s\" fails on "
					"the squashed schema: %s",
					d->what, sqlite3_errmsg(db));
		plumb_error_set_hint(ctx, "nothing was written; fix the statement, or squash "
					  "with --data drop to leave it out");
		goto done;
	}
done:
	sqlite3_close_v2(db);
	return rc;
}
