/*
 * Finds transaction control (BEGIN, COMMIT, SAVEPOINT, PREPARE TRANSACTION,
 * ...) in a migration before it runs, with libpg_query: the parse tree's
 * TransactionStmt nodes, or, when the file does not parse, the first
 * keywords of each statement as the scanner reads them. It runs nothing.
 */
#include <string.h>

#include "dialect/pg/canon_int.h"

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

typedef struct tokens {
	PgQuery__ScanToken **t;
	size_t n;
} tokens;

/* The index of the first token that is not a comment at or after i. */
static size_t next_code(const tokens *tk, size_t i)
{
	while (i < tk->n && (tk->t[i]->token == PG_QUERY__TOKEN__SQL_COMMENT ||
			     tk->t[i]->token == PG_QUERY__TOKEN__C_COMMENT))
		i++;
	return i;
}

/* The first token of code at or after byte offset off. */
static size_t token_at(const tokens *tk, size_t off)
{
	size_t i = 0;
	while (i < tk->n && (size_t)tk->t[i]->start < off)
		i++;
	return next_code(tk, i);
}

/* Whether the statement starting at token i controls transactions, as far
 * as its first keywords tell (used when the file does not parse). END is
 * left out: the scanner splits `BEGIN ATOMIC ... END` function bodies at
 * their semicolons, so it could be the end of one. */
static bool starts_txn_control(const tokens *tk, size_t i)
{
	if (i >= tk->n)
		return false;
	size_t j = next_code(tk, i + 1);
	int next = j < tk->n ? tk->t[j]->token : 0;
	switch (tk->t[i]->token) {
	case PG_QUERY__TOKEN__BEGIN_P:
	case PG_QUERY__TOKEN__COMMIT:
	case PG_QUERY__TOKEN__ROLLBACK:
	case PG_QUERY__TOKEN__ABORT_P:
	case PG_QUERY__TOKEN__SAVEPOINT:
	case PG_QUERY__TOKEN__RELEASE:
		return true;
	case PG_QUERY__TOKEN__START:
	case PG_QUERY__TOKEN__PREPARE:
		return next == PG_QUERY__TOKEN__TRANSACTION;
	default:
		return false;
	}
}

/* The statement's text from token i to its end (or the next ';'), on one
 * line and at most 60 bytes. */
static const char *stmt_text(plumb_arena *arena, const char *sql, const tokens *tk, size_t i,
			     size_t end)
{
	size_t start = (size_t)tk->t[i]->start, stop = start;
	for (size_t k = i; k < tk->n && (size_t)tk->t[k]->start < end; k++) {
		if (tk->t[k]->token == PG_QUERY__TOKEN__ASCII_59)
			break;
		if (tk->t[k]->token != PG_QUERY__TOKEN__SQL_COMMENT &&
		    tk->t[k]->token != PG_QUERY__TOKEN__C_COMMENT)
			stop = (size_t)tk->t[k]->end;
	}
	const char *nl = memchr(sql + start, '\n', stop - start);
	if (nl)
		stop = (size_t)(nl - sql);
	if (stop - start > 60)
		stop = start + 60;
	return plumb_arena_strndup(arena, sql + start, stop - start);
}

int plumb__pg_find_txn_control(plumb_ctx *ctx, plumb_arena *arena, const char *sql,
			       size_t *offset, const char **what)
{
	int rc = 0;
	/* a meta-command psql.c refuses is reported where the file is run */
	if (plumb__pg_psql_blank(ctx, arena, sql, NULL, &sql) < 0)
		plumb_error_clear(ctx);
	PgQueryScanResult scan = pg_query_scan(sql);
	PgQuery__ScanResult *sr = NULL;
	PgQueryProtobufParseResult parse = {0};
	PgQuery__ParseResult *tree = NULL;
	size_t found = (size_t)-1, end = strlen(sql);

	*offset = 0;
	*what = NULL;
	if (scan.error) /* an unterminated string or comment: the server says where */
		goto done;
	sr = pg_query__scan_result__unpack(NULL, scan.pbuf.len, (const uint8_t *)scan.pbuf.data);
	if (!sr) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	tokens tk = {sr->tokens, sr->n_tokens};

	parse = pg_query_parse_protobuf(sql);
	/* protobuf-c unpacks recursively: a tree deeper than this stack holds is
	 * read by its tokens instead, as a file that does not parse is */
	size_t depth;
	int32_t loc;
	if (!parse.error) {
		if (plumb__pg_packed_depth(arena, (const uint8_t *)parse.parse_tree.data,
					   parse.parse_tree.len, PLUMB_PG_SHALLOW_DEPTH, &depth, &loc) < 0) {
			rc = plumb_error_nomem(ctx);
			goto done;
		}
		if (depth <= PLUMB_PG_SHALLOW_DEPTH)
			tree = pg_query__parse_result__unpack(NULL, parse.parse_tree.len,
							      (const uint8_t *)parse.parse_tree.data);
	}
	if (tree) {
		for (size_t i = 0; i < tree->n_stmts; i++) {
			const PgQuery__RawStmt *rs = tree->stmts[i];
			if (!rs->stmt || rs->stmt->node_case != PG_QUERY__NODE__NODE_TRANSACTION_STMT)
				continue;
			found = token_at(&tk, (size_t)rs->stmt_location);
			if (rs->stmt_len > 0)
				end = (size_t)rs->stmt_location + (size_t)rs->stmt_len;
			break;
		}
	} else {
		bool at_start = true;
		for (size_t i = 0; i < tk.n; i++) {
			int t = tk.t[i]->token;
			if (t == PG_QUERY__TOKEN__SQL_COMMENT || t == PG_QUERY__TOKEN__C_COMMENT)
				continue;
			if (at_start && starts_txn_control(&tk, i)) {
				found = i;
				break;
			}
			at_start = t == PG_QUERY__TOKEN__ASCII_59;
		}
	}
	if (found < tk.n) {
		*offset = (size_t)tk.t[found]->start;
		*what = stmt_text(arena, sql, &tk, found, end);
		rc = *what ? 1 : plumb_error_nomem(ctx);
	}
done:
	if (tree)
		pg_query__parse_result__free_unpacked(tree, NULL);
	if (!scan.error)
		pg_query_free_protobuf_parse_result(parse);
	if (sr)
		pg_query__scan_result__free_unpacked(sr, NULL);
	pg_query_free_scan_result(scan);
	return rc;
}
