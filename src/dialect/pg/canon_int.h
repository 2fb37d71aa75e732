/*
 * Private to the PostgreSQL dialect (the canon*.c files, node.c, analyze.c,
 * deep.c, refs.c, txn.c and, through plan_int.h, the planner use it): parse trees of libpg_query held in arena memory (protobuf-c
 * messages unpacked with an arena allocator, so nodes can be replaced freely
 * and nothing needs freeing), the normalisation that makes a tree canonical,
 * and deparsing back to text. node.c holds the trees, canon_type.c,
 * canon_expr.c and canon_stmt.c (with canon_view.c) the normalisation;
 * canon.c's public functions (pg.h) are these applied to text.
 */
#ifndef PLUMB_DIALECT_PG_CANON_INT_H
#define PLUMB_DIALECT_PG_CANON_INT_H

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include "dialect/pg/pg.h"

/* node.c: the tree of sql in arena memory. A syntax error is PLUMB_EPARSE,
 * recorded at file:line:col when file is given (else with the text in the
 * message); *err_offset (may be NULL) gets the byte offset of the error. */
int plumb__pg_parse(plumb_ctx *ctx, plumb_arena *arena, const char *sql, const char *file,
		    PgQuery__ParseResult **out, size_t *err_offset);
/* The same for sql, a piece of the text whole that starts base bytes into it:
 * errors are placed in whole; the tree's locations stay the piece's. */
int plumb__pg_parse_at(plumb_ctx *ctx, plumb_arena *arena, const char *sql, const char *whole,
		       size_t base, const char *file, PgQuery__ParseResult **out,
		       size_t *err_offset);
/* The same for r, what libpg_query's pg_query_parse_protobuf gave for sql
 * (on any thread): r is freed here. */
int plumb__pg_parse_taken(plumb_ctx *ctx, plumb_arena *arena, PgQueryProtobufParseResult r,
			  const char *sql, const char *whole, size_t base, const char *file,
			  PgQuery__ParseResult **out, size_t *err_offset);
/* r's tree unpacked into arena, from any thread (the arena that thread's
 * alone), when r holds no error and nests no deeper than
 * PLUMB_PG_SHALLOW_DEPTH; else, or out of memory, NULL (and r is for
 * plumb__pg_parse_taken to report). r is not freed. */
PgQuery__ParseResult *plumb__pg_try_unpack(plumb_arena *arena, const PgQueryProtobufParseResult *r);
/* A tree packed as libpg_query gave it, unpacked into arena; NULL when out
 * of memory. Only for a tree unpacked once before (its depth checked). */
PgQuery__ParseResult *plumb__pg_unpack(plumb_arena *arena, const uint8_t *data, size_t len);
/* parse_pool.c: the pieces [at[i], at[i+1]) of sql, i < n, parsed by
 * libpg_query ahead of the caller on helper threads (none when one CPU is
 * online, or the file is short), and taken by the caller in order:
 * plumb__pg_pool_take(p, i, &r, &tree) for i = 0, 1, ... gives piece i's
 * result r (parsed there when no helper has taken it yet), the caller's to
 * free or to give plumb__pg_parse_taken, and its tree when a helper could
 * unpack it, in the helper's own arena (adopted by arena at stop; *arena
 * and *mark say where: plumb_arena_mark before it was unpacked); -1 when
 * the piece could not be copied (out of memory: the caller parses it).
 * sql and at must not change until plumb__pg_pool_stop, which joins the
 * helpers and frees what was not taken. NULL: no pool (out of memory, or
 * not worth one); the caller parses alone. With pc, a piece's tree is
 * taken from the parse cache when it holds it. */
typedef struct plumb_pg_pool plumb_pg_pool;
/* parse_cache.c: the trees of a file's pieces kept across runs in the
 * cache folder (ctx->cache_dir). open: the cache of file's pieces
 * [at[i], at[i+1]) of sql, NULL when there is none (no cache, a short
 * file, a text not from a file); it writes the file's entry again at close
 * when it lacked a piece. get: true with piece i's tree in *out (as
 * pg_query_parse_protobuf gives it, the caller's to free) when the cache
 * has it; text is the piece, parsed again to check the tree under
 * ctx->cache_verify. Safe on several threads at once. note: piece i's
 * result, found or parsed, given in order by the caller for the entry
 * written; drop: no entry is written (the pieces changed). close: frees
 * pc, and writes the entry when done (every piece noted); an error when a
 * tree checked was not the parser's. */
typedef struct plumb_pg_pcache plumb_pg_pcache;
plumb_pg_pcache *plumb__pg_pcache_open(plumb_ctx *ctx, const char *file, const char *sql,
				       const size_t *at, size_t n);
bool plumb__pg_pcache_get(plumb_pg_pcache *pc, size_t i, const char *text,
			  PgQueryProtobufParseResult *out);
void plumb__pg_pcache_note(plumb_pg_pcache *pc, size_t i, const PgQueryProtobufParseResult *r);
void plumb__pg_pcache_drop(plumb_pg_pcache *pc);
int plumb__pg_pcache_close(plumb_pg_pcache *pc, bool done, const char *file);
plumb_pg_pool *plumb__pg_pool_start(plumb_arena *arena, const char *sql, const size_t *at,
				    size_t n, plumb_pg_pcache *pc);
int plumb__pg_pool_take(plumb_pg_pool *p, size_t i, PgQueryProtobufParseResult *out,
			PgQuery__ParseResult **tree, plumb_arena **arena, unsigned long *mark);
/* The caller is done with the trees a helper unpacked into arena before
 * mark (plumb_arena_release_before): the helper frees them, the arena being
 * its own while it runs. */
void plumb__pg_pool_release(plumb_pg_pool *p, plumb_arena *arena, unsigned long mark);
void plumb__pg_pool_stop(plumb_pg_pool *p);
/* parse.c: the tree of a whole file, as plumb__pg_parse gives it (the same
 * statements, locations and errors), parsed a statement at a time:
 * libpg_query's cost and memory grow faster than the text in one call. */
int plumb__pg_parse_file(plumb_ctx *ctx, plumb_arena *arena, const char *sql, const char *file,
			 PgQuery__ParseResult **out);
/* A statement's tree kept packed, so that the tree itself can be freed and
 * unpacked again when it is read (offline.c reads a schema's statements
 * twice: to order them, then to build): the packed form is a tenth of the
 * tree's size. */
typedef struct plumb_pg_pack plumb_pg_pack;
typedef struct plumb_pg_kept {
	const uint8_t *data; /* the packed result of the piece it was parsed in; NULL: not kept */
	size_t len;
	size_t index;  /* the statement's place among the piece's */
	int32_t shift; /* added to its locations: where the piece starts in the file */
	/* where the tree plumb__pg_parse_file_kept gave is: what
	 * plumb_arena_release_before(arena, mark) frees once the trees before
	 * it and it are done with (those after it stay) */
	plumb_arena *arena;
	unsigned long mark;
	plumb_pg_pack *pack; /* data's block, when kept for as long as keep */
} plumb_pg_kept;
/* The statement of k is done with: its packed form is freed once those of
 * its piece all are, when kept for as long as keep (not before). The
 * builder's thread alone calls it, after any helper is past k. */
void plumb__pg_kept_done(const plumb_pg_kept *k);
/* The statements of sql, as plumb__pg_parse_file reads them, given to each
 * one at a time in order with their packed form kept in keep's memory
 * (with keep_all for as long as keep; else only until each returns); the
 * trees go to arena, and each one's is freed once the statements after it
 * are read (each must keep no pointer into it: plumb__pg_unpack_kept gives
 * it again). A failure of each (< 0) stops the reading. */
typedef int (*plumb_pg_each)(void *arg, PgQuery__RawStmt *raw, const plumb_pg_kept *kept);
int plumb__pg_parse_file_each(plumb_ctx *ctx, plumb_arena *arena, plumb_arena *keep,
			      bool keep_all, const char *sql, const char *file, plumb_pg_each each,
			      void *arg);
/* What unpacks kept statements (a table of location fields by message type). */
typedef struct plumb_pg_unpacker plumb_pg_unpacker;
plumb_pg_unpacker *plumb__pg_unpacker_new(plumb_arena *arena);
/* k's statement unpacked into arena, its locations the file's, as
 * plumb__pg_parse_file gave it; NULL when out of memory. */
PgQuery__RawStmt *plumb__pg_unpack_kept(plumb_pg_unpacker *u, plumb_arena *arena,
					const plumb_pg_kept *k);
/* The locations of pr's statements moved on by by (where their piece
 * starts in the file), as plumb__pg_parse_file gives them. */
void plumb__pg_shift_result(plumb_pg_unpacker *u, PgQuery__ParseResult *pr, int32_t by);
/* unpack_pool.c: kept[i], i < n, unpacked ahead of the caller on a helper
 * thread (none when one CPU is online, the statements are few or a
 * failure is injected: NULL, the caller unpacks them itself), each into a
 * root arena of its own, and taken in order: plumb__pg_ahead_take(p, i,
 * &arena) for i = 0, 1, ... gives statement i as plumb__pg_unpack_kept
 * does, and *arena, the caller's from then on (to free, or to give a
 * parent with plumb_arena_adopt); NULL when out of memory (the caller
 * unpacks that one). kept must not change until plumb__pg_ahead_stop,
 * which joins the helper and frees what was not taken. */
typedef struct plumb_pg_ahead plumb_pg_ahead;
plumb_pg_ahead *plumb__pg_ahead_start(const plumb_pg_kept *const *kept, size_t n);
PgQuery__RawStmt *plumb__pg_ahead_take(plumb_pg_ahead *p, size_t i, plumb_arena **arena);
void plumb__pg_ahead_stop(plumb_pg_ahead *p);

/* deep.c: fn(payload) run on a thread with a large stack (directly when
 * already on one), and what it returns; PLUMB_ENOMEM when no thread can be
 * started. Whatever parses, walks or deparses a tree a user wrote runs so:
 * each of those recurses once per level of the tree. */
int plumb__pg_deep(plumb_ctx *ctx, int (*fn)(void *payload), void *payload);
bool plumb__pg_on_deep_stack(void);
/* The deepest tree plumb__pg_parse unpacks, in protobuf levels: on the large
 * stack, and on any other (where only texts shorter than
 * PLUMB_PG_SHALLOW_TEXT bytes, which cannot nest deeper, are read). */
#define PLUMB_PG_MAX_DEPTH 100000
#define PLUMB_PG_SHALLOW_DEPTH 1000
#define PLUMB_PG_SHALLOW_TEXT 256
/* The nesting depth of libpg_query's packed ParseResult data, counted until
 * it passes limit; then *location is the byte offset of the statement that
 * went too deep. 0, or -1 when out of memory. */
int plumb__pg_packed_depth(plumb_arena *arena, const uint8_t *data, size_t len, size_t limit,
			   size_t *out, int32_t *location);

/* canon_expr.c: normalises an expression tree in place (casts of literals,
 * IN, BETWEEN, LIKE, AND/OR nesting, "public." and "pg_catalog." prefixes,
 * type aliases). -1 when out of memory. */
int plumb__pg_norm_expr(plumb_arena *arena, PgQuery__Node *expr);
/* plumb__pg_norm_expr, but the IN lists the server prints as = ANY of an
 * array cast put back (canon_expr.c restore_in) and kept; *changed when
 * there was one (expr is then normalised, else left as it is). */
int plumb__pg_written_expr(plumb_arena *arena, PgQuery__Node *expr, bool *changed);
/* Only those IN lists put back, anywhere below root (a statement the
 * server printed), nothing else changed; *n counts them. -1 when out of
 * memory. */
int plumb__pg_restore_in(plumb_arena *arena, ProtobufCMessage *root, size_t *n);
/* canon_type.c: normalises a type name in place (aliases, "public.", array
 * bounds), allocating nothing: the names an alias becomes are shared. */
void plumb__pg_norm_type(PgQuery__TypeName *tn);

/* texts.c: the texts of expressions deparsed, kept by the shape of their
 * trees (locations aside), in arena memory. NULL when out of memory. */
typedef struct plumb_pg_texts plumb_pg_texts;
plumb_pg_texts *plumb__pg_texts_new(plumb_arena *arena);
/* plumb__pg_deparse_expr, once per shape of tree in t (NULL: every time);
 * *out is in arena memory. */
int plumb__pg_texts_deparse_expr(plumb_ctx *ctx, plumb_arena *arena, plumb_pg_texts *t,
				 PgQuery__Node *expr, char **out);

/* canon_expr.c: the text of an expression node as it is (not normalised). */
int plumb__pg_expr_source(plumb_ctx *ctx, plumb_arena *arena, PgQuery__Node *expr, char **out);
/* The canonical text of an expression node (normalised first). */
int plumb__pg_expr_text(plumb_ctx *ctx, plumb_arena *arena, PgQuery__Node *expr, char **out);
/* The same two, the deparsed texts kept in t (NULL: none kept). */
int plumb__pg_expr_source_in(plumb_ctx *ctx, plumb_arena *arena, plumb_pg_texts *t,
			     PgQuery__Node *expr, char **out);
int plumb__pg_expr_text_in(plumb_ctx *ctx, plumb_arena *arena, plumb_pg_texts *t,
			   PgQuery__Node *expr, char **out);
/* canon_type.c: the format_type() spelling of a type node (normalised first). */
int plumb__pg_type_text(plumb_ctx *ctx, plumb_arena *arena, PgQuery__TypeName *tn, char **out);
/* Of a default given as its parse tree e (before it is made canonical, which
 * changes it), in a column of type coltype: the cast plumb__pg_default_cast
 * (pg.h) adds to its canonical text, or NULL. */
int plumb__pg_default_kept_cast(plumb_ctx *ctx, plumb_arena *arena, const PgQuery__Node *e,
				const char *coltype, const char **out);
/* canon_stmt.c: the canonical text of a statement node (normalised first). */
int plumb__pg_stmt_text(plumb_ctx *ctx, plumb_arena *arena, PgQuery__Node *stmt, char **out);
/* Would normalising the CREATE INDEX i change nothing but drop its
 * relation's schema when that is public? (Its columns are named, with no
 * expression, no WHERE, no option the server writes otherwise.) Then its
 * canonical text is its text with that schema taken out. */
bool plumb__pg_index_stmt_plain(const PgQuery__IndexStmt *i);

/* node.c: deparses a statement node as it is, except that an index
 * element's expression is parenthesised as pg_get_indexdef writes it. */
int plumb__pg_deparse(plumb_ctx *ctx, plumb_arena *arena, PgQuery__Node *stmt, char **out);
/* node.c: deparses an expression node as it is (through SELECT expr). */
int plumb__pg_deparse_expr(plumb_ctx *ctx, plumb_arena *arena, PgQuery__Node *expr, char **out);

/* node.c: a new node of case c pointing at msg. NULL when out of memory. */
PgQuery__Node *plumb__pg_node(plumb_arena *arena, PgQuery__Node__NodeCase c, void *msg);
/* A deep copy of n. NULL when out of memory. */
PgQuery__Node *plumb__pg_copy(plumb_arena *arena, const PgQuery__Node *n);
/* A String node holding s (copied). */
PgQuery__Node *plumb__pg_string(plumb_arena *arena, const char *s);
/* arg cast to pg_catalog.type (type a catalog name: int4, timestamptz),
 * as parse analysis writes an implicit cast. NULL when out of memory. */
PgQuery__Node *plumb__pg_catalog_cast(plumb_arena *arena, PgQuery__Node *arg, const char *type);

/* The sval of a String node, or NULL. */
const char *plumb__pg_strval(const PgQuery__Node *n);

/* True when an identifier needs double quotes (quote_identifier's rule). */
bool plumb__pg_ident_needs_quotes(const char *s);
/* s quoted only when needed (quote_ident), in arena memory. */
char *plumb__pg_quote_ident(plumb_arena *arena, const char *s);

/* Calls fn on each message directly below m (the set member of a oneof). */
void plumb__pg_children(ProtobufCMessage *m, void (*fn)(ProtobufCMessage *child, void *payload),
			void *payload);
/* Calls fn on every message below m and on m itself, children first. */
void plumb__pg_walk(ProtobufCMessage *m, void (*fn)(ProtobufCMessage *m, void *payload),
		    void *payload);

/* canon_view.c: the column name PostgreSQL gives an unnamed select-list
 * expression (FigureColname), or NULL when it would be "?column?". */
const char *plumb__pg_figure_colname(const PgQuery__Node *n);

/* analyze.c: a view's query as the server's parse analysis leaves it, as far
 * as pg_get_viewdef shows (* expanded, column references qualified, names
 * and numbers in GROUP BY, ORDER BY and DISTINCT ON resolved, implicit casts
 * of function arguments written out), against the tables and views of cat.
 * Changes query in place; what it cannot resolve stays as written. */
int plumb__pg_analyze_query(plumb_ctx *ctx, plumb_arena *arena, const plumb_catalog *cat,
			    PgQuery__Node *query);
/* analyze.c: the same for the statements of a SQL-standard function body
 * (BEGIN ATOMIC, RETURN): each SELECT (a RETURN's sub-selects too) as a
 * view's query, the columns an INSERT without a column list fills written
 * out, references in INSERT, UPDATE and DELETE qualified. */
int plumb__pg_analyze_body(plumb_ctx *ctx, plumb_arena *arena, const plumb_catalog *cat,
			   PgQuery__CreateFunctionStmt *f);
/* analyze.c: the same for n statements of a rule's actions. */
int plumb__pg_analyze_stmts(plumb_ctx *ctx, plumb_arena *arena, const plumb_catalog *cat,
			    PgQuery__Node **stmts, size_t n);
/* analyze.c: an expression over the columns of table t (a check, an index's
 * key or predicate) as parse analysis leaves it: the implicit casts of
 * arguments and common types written out, casts that change nothing left
 * out; its column references stay unqualified, as the server prints them. */
int plumb__pg_analyze_table_expr(plumb_ctx *ctx, plumb_arena *arena, const plumb_catalog *cat,
				 const plumb_table *t, PgQuery__Node *expr);

#endif
