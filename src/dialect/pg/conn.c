/* Placeholder until this part of the PostgreSQL dialect lands. */
#include "dialect/pg/pg.h"

bool plumb__pg_accepts_url(const char *url)
{ (void)url; return false; }

int plumb__pg_connect(plumb_ctx *ctx, plumb_arena *arena, const char *url, plumb_conn **out)
{
	(void)arena; (void)url; *out = NULL;
	return plumb_error_set(ctx, PLUMB_ERROR, "PostgreSQL: not implemented yet");
}

int plumb__pg_connect_scratch(plumb_ctx *ctx, plumb_arena *arena, const char *dev_url, plumb_conn **out)
{
	(void)arena; (void)dev_url; *out = NULL;
	return plumb_error_set(ctx, PLUMB_ERROR, "PostgreSQL: not implemented yet");
}

int plumb__pg_exec_script(plumb_ctx *ctx, plumb_conn *conn, const char *sql, const char *file)
{
	(void)conn; (void)sql; (void)file;
	return plumb_error_set(ctx, PLUMB_ERROR, "PostgreSQL: not implemented yet");
}

int plumb__pg_exec_each(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena, const char *sql, const char *file, const char **failed_stmt)
{
	(void)conn; (void)arena; (void)sql; (void)file; *failed_stmt = NULL;
	return plumb_error_set(ctx, PLUMB_ERROR, "PostgreSQL: not implemented yet");
}

int plumb__pg_begin(plumb_ctx *ctx, plumb_conn *conn, const plumb_txn_opts *opts)
{
	(void)conn; (void)opts;
	return plumb_error_set(ctx, PLUMB_ERROR, "PostgreSQL: not implemented yet");
}

int plumb__pg_commit(plumb_ctx *ctx, plumb_conn *conn)
{
	(void)conn;
	return plumb_error_set(ctx, PLUMB_ERROR, "PostgreSQL: not implemented yet");
}

int plumb__pg_rollback(plumb_ctx *ctx, plumb_conn *conn)
{
	(void)conn;
	return plumb_error_set(ctx, PLUMB_ERROR, "PostgreSQL: not implemented yet");
}

int plumb__pg_lock(plumb_ctx *ctx, plumb_conn *conn, long timeout_ms)
{
	(void)conn; (void)timeout_ms;
	return plumb_error_set(ctx, PLUMB_ERROR, "PostgreSQL: not implemented yet");
}

int plumb__pg_unlock(plumb_ctx *ctx, plumb_conn *conn)
{
	(void)conn;
	return plumb_error_set(ctx, PLUMB_ERROR, "PostgreSQL: not implemented yet");
}

int plumb__pg_query(plumb_ctx *ctx, plumb_arena *arena, plumb_pg_conn *c, const char *what, const char *sql, int n_params, const char *const *params, PGresult **out)
{
	(void)arena; (void)c; (void)what; (void)sql; (void)n_params; (void)params; *out = NULL;
	return plumb_error_set(ctx, PLUMB_ERROR, "PostgreSQL: not implemented yet");
}

int plumb__pg_command(plumb_ctx *ctx, plumb_pg_conn *c, const char *what, const char *sql)
{
	(void)c; (void)what; (void)sql;
	return plumb_error_set(ctx, PLUMB_ERROR, "PostgreSQL: not implemented yet");
}

int plumb__pg_error(plumb_ctx *ctx, PGconn *pg, const PGresult *res, const char *what, const char *file, const char *text)
{
	(void)pg; (void)res; (void)what; (void)file; (void)text;
	return plumb_error_set(ctx, PLUMB_ERROR, "PostgreSQL: not implemented yet");
}
