/*
 * Finds the statements of migrations that change rows (INSERT, UPDATE,
 * DELETE, MERGE, COPY, a SELECT calling setval or nextval, a WITH whose
 * parts change rows) for plumb squash, with libpg_query's parse tree and
 * scanner. It runs nothing: whether they run is the squash's concern.
 */
#include <strings.h>
#include <string.h>

#include "dialect/pg/canon_int.h"

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

static bool changes_rows(const PgQuery__Node *n)
{
	switch (n ? n->node_case : PG_QUERY__NODE__NODE__NOT_SET) {
	case PG_QUERY__NODE__NODE_INSERT_STMT:
	case PG_QUERY__NODE__NODE_UPDATE_STMT:
	case PG_QUERY__NODE__NODE_DELETE_STMT:
	case PG_QUERY__NODE__NODE_MERGE_STMT:
	case PG_QUERY__NODE__NODE_COPY_STMT:
		return true;
	default:
		return false;
	}
}

/* Whether a SELECT changes rows: a WITH part does, or it calls a sequence
 * function (setval, nextval), as the scanner reads its tokens. */
static bool select_changes_rows(const PgQuery__SelectStmt *s, PgQuery__ScanToken **t, size_t n,
				const char *sql, size_t start, size_t end)
{
	if (s->with_clause)
		for (size_t i = 0; i < s->with_clause->n_ctes; i++) {
			const PgQuery__Node *c = s->with_clause->ctes[i];
			if (c->node_case == PG_QUERY__NODE__NODE_COMMON_TABLE_EXPR &&
			    changes_rows(c->common_table_expr->ctequery))
				return true;
		}
	for (size_t i = 0; i + 1 < n; i++) {
		size_t at = (size_t)t[i]->start;
		if (at < start || at >= end || t[i]->token != PG_QUERY__TOKEN__IDENT ||
		    t[i + 1]->token != PG_QUERY__TOKEN__ASCII_40)
			continue;
		size_t len = (size_t)(t[i]->end - t[i]->start);
		if ((len == 6 && !strncasecmp(sql + at, "setval", 6)) ||
		    (len == 7 && !strncasecmp(sql + at, "nextval", 7)))
			return true;
	}
	return false;
}

/* The data statements of one migration, appended to out. */
static int find_in(plumb_ctx *ctx, plumb_arena *arena, const plumb_migration *m, plumb_vec *out)
{
	int rc = 0;
	const char *sql = m->sql;
	PgQueryScanResult scan = pg_query_scan(sql);
	PgQuery__ScanResult *sr = NULL;
	PgQueryProtobufParseResult parse = pg_query_parse_protobuf(sql);
	PgQuery__ParseResult *tree = NULL;
	size_t depth;
	int32_t loc;

	if (parse.error || scan.error) {
		int line, col;
		size_t off = parse.error && parse.error->cursorpos > 0
				     ? (size_t)parse.error->cursorpos - 1
				     : 0;
		plumb_text_position(sql, off, &line, &col);
		rc = plumb_error_set_at(ctx, PLUMB_EPARSE, m->path, line, col, "%s",
					parse.error ? parse.error->message : scan.error->message);
		goto done;
	}
	if (plumb__pg_packed_depth(arena, (const uint8_t *)parse.parse_tree.data,
				   parse.parse_tree.len, PLUMB_PG_SHALLOW_DEPTH, &depth,
				   &loc) < 0) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	if (depth > PLUMB_PG_SHALLOW_DEPTH) /* too deep to be a data statement plumb reads */
		goto done;
	sr = pg_query__scan_result__unpack(NULL, scan.pbuf.len, (const uint8_t *)scan.pbuf.data);
	tree = pg_query__parse_result__unpack(NULL, parse.parse_tree.len,
					      (const uint8_t *)parse.parse_tree.data);
	if (!sr || !tree) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	size_t sql_len = strlen(sql);
	for (size_t i = 0; i < tree->n_stmts; i++) {
		const PgQuery__RawStmt *rs = tree->stmts[i];
		size_t start = (size_t)rs->stmt_location;
		size_t end = rs->stmt_len > 0 ? start + (size_t)rs->stmt_len : sql_len;
		if (!rs->stmt)
			continue;
		if (!changes_rows(rs->stmt) &&
		    !(rs->stmt->node_case == PG_QUERY__NODE__NODE_SELECT_STMT &&
		      select_changes_rows(rs->stmt->select_stmt, sr->tokens, sr->n_tokens, sql,
					  start, end)))
			continue;
		/* from the first token that is no comment to the end */
		size_t first = end;
		for (size_t k = 0; k < sr->n_tokens; k++) {
			PgQuery__ScanToken *t = sr->tokens[k];
			if ((size_t)t->start < start || (size_t)t->start >= end)
				continue;
			if (t->token == PG_QUERY__TOKEN__SQL_COMMENT ||
			    t->token == PG_QUERY__TOKEN__C_COMMENT)
				continue;
			first = (size_t)t->start;
			break;
		}
		while (end > first && strchr(" \t\r\n", sql[end - 1]))
			end--;
		plumb_data_stmt *d = plumb_arena_alloc(arena, sizeof(*d));
		if (!d) {
			rc = plumb_error_nomem(ctx);
			goto done;
		}
		d->migration = m;
		d->offset = first;
		plumb_text_position(sql, first, &d->line, &d->col);
		d->text = plumb_arena_printf(arena, "%.*s;", (int)(end - first), sql + first);
		size_t stop = end;
		const char *nl = memchr(sql + first, '\n', end - first);
		if (nl)
			stop = (size_t)(nl - sql);
		if (stop - first > 60)
			stop = first + 60;
		d->what = plumb_arena_strndup(arena, sql + first, stop - first);
		if (!d->text || !d->what || plumb_vec_push(arena, out, d) < 0) {
			rc = plumb_error_nomem(ctx);
			goto done;
		}
	}
done:
	if (tree)
		pg_query__parse_result__free_unpacked(tree, NULL);
	if (sr)
		pg_query__scan_result__free_unpacked(sr, NULL);
	pg_query_free_protobuf_parse_result(parse);
	pg_query_free_scan_result(scan);
	return rc;
}

int plumb__pg_find_data(plumb_ctx *ctx, plumb_arena *arena, const plumb_vec *migrations,
			plumb_vec *out)
{
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < migrations->n; i++)
		rc = find_in(ctx, arena, migrations->items[i], out);
	return rc;
}
