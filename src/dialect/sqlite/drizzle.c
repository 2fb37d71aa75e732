/*
 * drizzle-orm's tracking table in SQLite, __drizzle_migrations, as its SQLite
 * migrator (drizzle-orm/src/sqlite-core/dialect.ts) creates and fills it: the
 * same CREATE TABLE text (SQLite keeps it in sqlite_schema), rows of (hash,
 * created_at) with created_at the journal's `when` and id left NULL (SERIAL
 * is no rowid alias in SQLite). Rows are plumb_records whose version is
 * created_at; drizzle has no failed state, so none is ever written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialect/sqlite/drizzle.h"

#define TABLE "\"__drizzle_migrations\""
#define NAME "__drizzle_migrations"

int plumb__sqlite_drizzle_ensure(plumb_ctx *ctx, plumb_conn *conn)
{
	sqlite3 *db = ((plumb_sqlite_conn *)conn)->db;
	/* drizzle-orm's text, whitespace included */
	static const char sql[] = "\n\t\t\tCREATE TABLE IF NOT EXISTS " TABLE " (\n"
				  "\t\t\t\tid SERIAL PRIMARY KEY,\n"
				  "\t\t\t\thash text NOT NULL,\n"
				  "\t\t\t\tcreated_at numeric\n"
				  "\t\t\t)\n\t\t";
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return plumb__sqlite_tracking_error(ctx, db, NAME, "create");
	return 0;
}

/* created_at as a version: an integer's digits (written into buf, of
 * size bytes, unless the column holds them as text); NULL for anything
 * else. Valid until the next step. */
static const char *created_at_text(sqlite3_stmt *st, int i, char *buf, size_t size)
{
	switch (sqlite3_column_type(st, i)) {
	case SQLITE_INTEGER:
		snprintf(buf, size, "%lld", (long long)sqlite3_column_int64(st, i));
		return buf;
	case SQLITE_FLOAT: {
		double v = sqlite3_column_double(st, i);
		if (v < 0 || v > 9e15 || v != (double)(long long)v)
			return NULL;
		snprintf(buf, size, "%lld", (long long)v);
		return buf;
	}
	case SQLITE_TEXT: {
		const char *t = (const char *)sqlite3_column_text(st, i);
		if (!t || !*t || strspn(t, "0123456789") != strlen(t))
			return NULL;
		return t;
	}
	default:
		return NULL;
	}
}

typedef struct reading {
	plumb_arena *arena;
	plumb_vec *out;
	const char *prev;
} reading;

static int read_row(plumb_ctx *ctx, sqlite3_stmt *st, void *payload)
{
	reading *rd = payload;
	char buf[32];
	const char *version = created_at_text(st, 1, buf, sizeof(buf));
	const unsigned char *hash = sqlite3_column_text(st, 0);
	/* a row plumb cannot tie to a journal entry is left out */
	if (!version)
		return 0;
	return plumb_record_drizzle_add(ctx, rd->arena, rd->out, version,
					hash ? (const char *)hash : "", &rd->prev);
}

int plumb__sqlite_drizzle_read(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena,
			       plumb_vec *out)
{
	reading rd = {arena, out, NULL};
	return plumb__sqlite_tracking_each(ctx, ((plumb_sqlite_conn *)conn)->db, NAME,
					   "SELECT hash, created_at FROM main." TABLE
					   " ORDER BY created_at, rowid",
					   read_row, &rd);
}

int plumb__sqlite_drizzle_write(plumb_ctx *ctx, plumb_conn *conn, const plumb_record *rec)
{
	sqlite3 *db = ((plumb_sqlite_conn *)conn)->db;
	long long when = 0;
	int rc;

	if ((rc = plumb_record_drizzle_when(ctx, rec, &when)) < 0)
		return rc;
	const plumb_sqlite_value values[] = {
		{.text = rec->checksum ? rec->checksum : ""},
		{.integer = when, .is_integer = true},
	};
	/* a row already there (repair accepting a new hash) is updated */
	if ((rc = plumb__sqlite_tracking_run(ctx, db, NAME, "write to",
					     "UPDATE main." TABLE " SET hash = ?1 WHERE created_at = ?2",
					     2, values)) < 0 ||
	    sqlite3_changes(db) > 0)
		return rc;
	/* drizzle-orm's INSERT: id is left to the column's default (NULL) */
	return plumb__sqlite_tracking_run(
		ctx, db, NAME, "write to",
		"INSERT INTO " TABLE " (\"hash\", \"created_at\") VALUES(?1, ?2)", 2, values);
}

int plumb__sqlite_drizzle_delete(plumb_ctx *ctx, plumb_conn *conn, const char *version)
{
	const plumb_sqlite_value values[] = {
		{.integer = strtoll(version, NULL, 10), .is_integer = true},
	};
	return plumb__sqlite_tracking_run(ctx, ((plumb_sqlite_conn *)conn)->db, NAME, "delete from",
					  "DELETE FROM main." TABLE " WHERE created_at = ?1", 1,
					  values);
}
