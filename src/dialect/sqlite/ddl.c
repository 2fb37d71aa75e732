/*
 * Reading SQLite DDL text: tokens come from libpg_query's scanner (SQLite's
 * `[name]` and `name` quoting are folded into single identifier tokens here),
 * and on top of them a small reader of CREATE TABLE / CREATE INDEX headers and
 * clauses, the canonical text used as comparison key, and rename annotations.
 * It does not check SQL for validity (SQLite has already done that) and does
 * not evaluate expressions: those are kept as text.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include "dialect/sqlite/sqlite.h"
#include "source/annot.h"

enum {
	TK_WORD,    /* keyword or bare identifier */
	TK_QIDENT,  /* "x", [x] or `x` */
	TK_STRING,  /* 'x', x'ab' */
	TK_NUMBER,
	TK_OP,
	TK_LP,
	TK_RP,
	TK_COMMA,
	TK_DOT,
	TK_SEMI,
	TK_COMMENT,
};

typedef struct tok {
	int kind;
	size_t start, end;  /* byte range in the text */
	const char *ident;  /* TK_WORD, TK_QIDENT: the name, unquoted */
} tok;

typedef struct toks {
	plumb_arena *a;
	const char *text;   /* NUL-terminated copy */
	tok *v;
	size_t n, cap;
	bool failed;        /* out of memory, in lex or in a later copy (sticky) */
} toks;

static void push_tok(toks *t, int kind, size_t s, size_t e, const char *ident)
{
	if (t->n == t->cap) {
		size_t nc = t->cap ? t->cap * 2 : 64;
		tok *nv = plumb_arena_realloc(t->a, t->v, t->cap * sizeof(tok), nc * sizeof(tok));
		if (!nv) {
			t->failed = true;
			return;
		}
		t->v = nv;
		t->cap = nc;
	}
	t->v[t->n++] = (tok){kind, s, e, ident};
}

/* Text between quote characters q, with doubled q's made single. */
static char *dequote(plumb_arena *a, const char *s, size_t len, char q)
{
	char *out = plumb_arena_alloc(a, len + 1);
	size_t j = 0;
	if (!out)
		return NULL;
	for (size_t i = 0; i < len; i++) {
		out[j++] = s[i];
		if (s[i] == q && i + 1 < len && s[i + 1] == q)
			i++;
	}
	out[j] = 0;
	return out;
}

/* Where the quoted identifier opened at text[s] (by '[' or '`') closes. */
static const char *find_close(const char *text, size_t s)
{
	char open = text[s], close = open == '[' ? ']' : '`';
	for (const char *p = text + s + 1; *p; p++) {
		if (*p != close)
			continue;
		if (close == '`' && p[1] == '`') {
			p++;
			continue;
		}
		return p;
	}
	return NULL;
}

/* Tokens of text[0..len). -1 when the scanner refuses it or out of memory;
 * t->failed tells which. */
static int lex(plumb_arena *a, const char *text, size_t len, toks *t)
{
	memset(t, 0, sizeof(*t));
	t->a = a;
	t->text = plumb_arena_strndup(a, text, len);
	if (!t->text) {
		t->failed = true;
		return -1;
	}
	size_t from = 0;
	bool again = true;
	while (again && !t->failed) {
		again = false;
		PgQueryScanResult r = pg_query_scan(t->text + from);
		if (r.error) {
			pg_query_free_scan_result(r);
			return -1;
		}
		PgQuery__ScanResult *sr =
			pg_query__scan_result__unpack(NULL, r.pbuf.len, (const uint8_t *)r.pbuf.data);
		if (!sr) {
			pg_query_free_scan_result(r);
			return -1;
		}
		for (size_t j = 0; j < sr->n_tokens && !t->failed; j++) {
			PgQuery__ScanToken *k = sr->tokens[j];
			size_t s = from + (size_t)k->start, e = from + (size_t)k->end;
			const char *raw = t->text + s;
			const char *bt = k->token == PG_QUERY__TOKEN__Op ? memchr(raw, '`', e - s) : NULL;
			if (bt && bt > raw) { /* "=`": the operator, then the name */
				push_tok(t, TK_OP, s, (size_t)(bt - t->text), NULL);
				s = (size_t)(bt - t->text);
				raw = bt;
			}
			if (k->token == PG_QUERY__TOKEN__ASCII_91 || bt) {
				const char *close = find_close(t->text, s);
				if (close) {
					size_t ce = (size_t)(close - t->text) + 1;
					char *id = dequote(a, raw + 1, ce - s - 2,
							   raw[0] == '`' ? '`' : 0);
					if (!id)
						t->failed = true;
					push_tok(t, TK_QIDENT, s, ce, id);
					from = ce;
					again = true;
					break;
				}
			}
			int kind;
			const char *id = NULL;
			switch (k->token) {
			case PG_QUERY__TOKEN__IDENT:
				if (raw[0] == '"') {
					kind = TK_QIDENT;
					id = dequote(a, raw + 1, e - s - 2, '"');
				} else {
					kind = TK_WORD;
					id = plumb_arena_strndup(a, raw, e - s);
				}
				if (!id)
					t->failed = true;
				break;
			case PG_QUERY__TOKEN__SCONST:
			case PG_QUERY__TOKEN__USCONST:
			case PG_QUERY__TOKEN__BCONST:
			case PG_QUERY__TOKEN__XCONST:
				kind = TK_STRING;
				break;
			case PG_QUERY__TOKEN__ICONST:
			case PG_QUERY__TOKEN__FCONST:
			case PG_QUERY__TOKEN__PARAM:
				kind = TK_NUMBER;
				break;
			case PG_QUERY__TOKEN__ASCII_40:
				kind = TK_LP;
				break;
			case PG_QUERY__TOKEN__ASCII_41:
				kind = TK_RP;
				break;
			case PG_QUERY__TOKEN__ASCII_44:
				kind = TK_COMMA;
				break;
			case PG_QUERY__TOKEN__ASCII_46:
				kind = TK_DOT;
				break;
			case PG_QUERY__TOKEN__ASCII_59:
				kind = TK_SEMI;
				break;
			case PG_QUERY__TOKEN__SQL_COMMENT:
			case PG_QUERY__TOKEN__C_COMMENT:
				kind = TK_COMMENT;
				break;
			default:
				if (k->keyword_kind > 0 && (isalpha((unsigned char)raw[0]) || raw[0] == '_')) {
					kind = TK_WORD;
					id = plumb_arena_strndup(a, raw, e - s);
					if (!id)
						t->failed = true;
				} else {
					kind = TK_OP;
				}
				break;
			}
			push_tok(t, kind, s, e, id);
		}
		pg_query__scan_result__free_unpacked(sr, NULL);
		pg_query_free_scan_result(r);
	}
	return t->failed ? -1 : 0;
}

static bool is_word(const tok *k, const char *w)
{
	return k && k->kind == TK_WORD && strcasecmp(k->ident, w) == 0;
}

static bool is_name(const tok *k)
{
	return k && (k->kind == TK_WORD || k->kind == TK_QIDENT);
}

/* --- canonical text ---------------------------------------------------- */

static bool plain_ident(const char *s)
{
	if (!(*s == '_' || (*s >= 'a' && *s <= 'z')))
		return false;
	for (const char *p = s; *p; p++)
		if (!(*p == '_' || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')))
			return false;
	return !sqlite3_keyword_check(s, (int)strlen(s));
}

/* name NULL (a failed copy) fails the buffer. */
static void put_ident(plumb_buf *b, const char *name)
{
	size_t start = b->len;
	if (!name) {
		b->failed = true;
		return;
	}
	for (const char *p = name; *p; p++)
		plumb_buf_putc(b, (char)tolower((unsigned char)*p));
	if (b->failed || (*name && plain_ident(b->data + start)))
		return;
	char *low = plumb_str_lower(b->arena, name);
	if (!low) {
		b->failed = true;
		return;
	}
	b->len = start;
	if (b->data)
		b->data[start] = 0;
	plumb_buf_quote_ident(b, low);
}

char *plumb__sqlite_canonical_ident(plumb_arena *arena, const char *name)
{
	plumb_buf b;
	plumb_buf_init(&b, arena, 0);
	put_ident(&b, name);
	plumb_buf_putc(&b, 0);
	return b.failed ? NULL : b.data;
}

/* A token that can stand before a binary operator. */
static bool operand(const tok *k)
{
	switch (k->kind) {
	case TK_NUMBER:
	case TK_STRING:
	case TK_QIDENT:
	case TK_RP:
		return true;
	case TK_WORD:
		return !sqlite3_keyword_check(k->ident, (int)strlen(k->ident));
	default:
		return false;
	}
}

static bool need_space(const toks *t, const tok *p, const tok *n)
{
	if (!p)
		return false;
	if (p->kind == TK_OP && p->end - p->start == 1 &&
	    (t->text[p->start] == '-' || t->text[p->start] == '+')) {
		/* a sign sticks to its number: "default -1", "a - 1" */
		const tok *pp = p;
		while (pp > t->v && (--pp)->kind == TK_COMMENT)
			;
		if (pp == p || pp->kind == TK_COMMENT || !operand(pp))
			return false;
	}
	if (n->kind == TK_RP || n->kind == TK_COMMA || n->kind == TK_DOT || n->kind == TK_SEMI)
		return false;
	if (p->kind == TK_LP || p->kind == TK_DOT)
		return false;
	if (n->kind == TK_LP && (p->kind == TK_WORD || p->kind == TK_QIDENT))
		return false;
	return true;
}

/* Appends tokens [from, to) canonically; lower=false keeps words and quoted
 * names as written (for type names). prev carries spacing across calls. */
static void put_range(plumb_buf *b, const toks *t, size_t from, size_t to, bool lower,
		      const tok **prev)
{
	for (size_t i = from; i < to && i < t->n; i++) {
		const tok *k = &t->v[i];
		if (k->kind == TK_COMMENT)
			continue;
		if (need_space(t, *prev, k))
			plumb_buf_putc(b, ' ');
		if (k->kind == TK_WORD && lower) {
			for (const char *p = k->ident; *p; p++)
				plumb_buf_putc(b, (char)tolower((unsigned char)*p));
		} else if (k->kind == TK_QIDENT && lower) {
			put_ident(b, k->ident);
		} else {
			plumb_buf_append(b, t->text + k->start, k->end - k->start);
		}
		*prev = k;
	}
}

static char *canon_range(const toks *t, size_t from, size_t to, bool lower)
{
	plumb_buf b;
	const tok *prev = NULL;
	plumb_buf_init(&b, t->a, 0);
	/* trailing semicolons are not part of a statement's text */
	while (to > from && (t->v[to - 1].kind == TK_SEMI || t->v[to - 1].kind == TK_COMMENT))
		to--;
	put_range(&b, t, from, to, lower, &prev);
	plumb_buf_putc(&b, 0);
	return b.failed ? NULL : b.data;
}

/* Whitespace collapsed: the fallback when the scanner refuses the text. */
static char *collapse(plumb_arena *a, const char *sql, size_t len)
{
	plumb_buf b;
	bool space = false;
	plumb_buf_init(&b, a, 0);
	for (size_t i = 0; i < len; i++) {
		if (isspace((unsigned char)sql[i])) {
			space = b.len > 0;
			continue;
		}
		if (space)
			plumb_buf_putc(&b, ' ');
		space = false;
		plumb_buf_putc(&b, sql[i]);
	}
	while (b.len && b.data[b.len - 1] == ';')
		b.data[--b.len] = 0;
	plumb_buf_putc(&b, 0);
	return b.failed ? NULL : b.data;
}

char *plumb__sqlite_canonical(plumb_arena *arena, const char *sql, size_t len)
{
	toks t;
	if (lex(arena, sql, len, &t) < 0)
		return t.failed ? NULL : collapse(arena, sql, len);
	return canon_range(&t, 0, t.n, true);
}

/* Index of the next non-comment token at or after i (t->n when none). */
static size_t next_nc(const toks *t, size_t i)
{
	while (i < t->n && t->v[i].kind == TK_COMMENT)
		i++;
	return i;
}

static const tok *at(const toks *t, size_t i)
{
	return i < t->n ? &t->v[i] : NULL;
}

char *plumb__sqlite_canonical_create(plumb_arena *arena, const char *sql)
{
	toks t;
	size_t len = strlen(sql);
	if (lex(arena, sql, len, &t) < 0)
		return t.failed ? NULL : collapse(arena, sql, len);
	/* CREATE [TEMP] [UNIQUE] kind IF NOT EXISTS: drop the three words */
	size_t i = next_nc(&t, 0);
	for (int n = 0; n < 4 && i < t.n; n++) {
		const tok *k = at(&t, i);
		if (is_word(k, "table") || is_word(k, "index") || is_word(k, "view") ||
		    is_word(k, "trigger"))
			break;
		i = next_nc(&t, i + 1);
	}
	size_t a = next_nc(&t, i + 1), b2 = next_nc(&t, a + 1), c = next_nc(&t, b2 + 1);
	if (i < t.n && is_word(at(&t, a), "if") && is_word(at(&t, b2), "not") &&
	    is_word(at(&t, c), "exists")) {
		plumb_buf b;
		const tok *prev = NULL;
		plumb_buf_init(&b, arena, 0);
		put_range(&b, &t, 0, a, true, &prev);
		size_t to = t.n;
		while (to > c + 1 && (t.v[to - 1].kind == TK_SEMI || t.v[to - 1].kind == TK_COMMENT))
			to--;
		put_range(&b, &t, c + 1, to, true, &prev);
		plumb_buf_putc(&b, 0);
		return b.failed ? NULL : b.data;
	}
	return canon_range(&t, 0, t.n, true);
}

int plumb__sqlite_identifiers(plumb_arena *arena, const char *sql, plumb_vec *out)
{
	toks t;
	if (lex(arena, sql, strlen(sql), &t) < 0)
		return t.failed ? -1 : 0;
	for (size_t i = 0; i < t.n; i++) {
		const tok *k = &t.v[i];
		if (k->kind == TK_WORD &&
		    sqlite3_keyword_check(k->ident, (int)strlen(k->ident)))
			continue;
		if (k->kind != TK_WORD && k->kind != TK_QIDENT)
			continue;
		char *low = plumb_str_lower(arena, k->ident);
		if (!low)
			return -1;
		bool seen = false;
		for (size_t j = 0; j < out->n && !seen; j++)
			seen = strcmp(out->items[j], low) == 0;
		if (!seen && plumb_vec_push(arena, out, low) < 0)
			return -1;
	}
	return 0;
}

int plumb__sqlite_tokens(plumb_arena *arena, const char *sql, plumb_vec *out)
{
	toks t;
	if (lex(arena, sql, strlen(sql), &t) < 0)
		return t.failed || !t.text ? -1 : 1;
	for (size_t i = 0; i < t.n; i++) {
		const tok *k = &t.v[i];
		if (k->kind == TK_COMMENT)
			continue;
		plumb_sqlite_token *o = plumb_arena_alloc(arena, sizeof(*o));
		if (!o)
			return -1;
		o->text = plumb_arena_strndup(arena, t.text + k->start, k->end - k->start);
		o->ident = is_name(k) ? k->ident : NULL;
		o->word = k->kind == TK_WORD;
		if (!o->text || plumb_vec_push(arena, out, o) < 0)
			return -1;
	}
	return 0;
}

/* --- annotations ------------------------------------------------------- */

/* An annotation in comment token k, or NULL; out of memory fails t. */
static char *tok_annotation(toks *t, const tok *k)
{
	char *old;
	if (plumb__annot_parse(t->a, t->text + k->start, k->end - k->start, &old) < 0)
		t->failed = true;
	return old;
}

/* --- the reader -------------------------------------------------------- */

/* A cursor over the non-comment tokens of [i, end). */
typedef struct rd {
	toks *t;
	size_t i, end;
	bool failed;   /* out of memory */
} rd;

static const tok *cur(rd *r)
{
	r->i = next_nc(r->t, r->i);
	return r->i < r->end ? &r->t->v[r->i] : NULL;
}

static void adv(rd *r)
{
	if (cur(r))
		r->i++;
}

static bool accept(rd *r, const char *w)
{
	if (is_word(cur(r), w)) {
		adv(r);
		return true;
	}
	return false;
}

/* At '(' : the index of the matching ')' (r->end when unbalanced). */
static size_t match_paren(rd *r, size_t lp)
{
	int depth = 0;
	for (size_t i = lp; i < r->end; i++) {
		int k = r->t->v[i].kind;
		if (k == TK_LP)
			depth++;
		else if (k == TK_RP && --depth == 0)
			return i;
	}
	return r->end;
}

/* Source text of tokens [from, to), trimmed. */
static char *raw_range(rd *r, size_t from, size_t to)
{
	from = next_nc(r->t, from);
	while (to > from && r->t->v[to - 1].kind == TK_COMMENT)
		to--;
	size_t s = from < to ? r->t->v[from].start : 0;
	size_t e = from < to ? r->t->v[to - 1].end : 0;
	char *out = plumb_arena_strndup(r->t->a, r->t->text + s, e - s);
	if (!out)
		r->failed = true;
	return out;
}

static char *canon(rd *r, size_t from, size_t to)
{
	char *s = canon_range(r->t, from, to, true);
	if (!s)
		r->failed = true;
	return s;
}

/* Upper-case copy of words [from, to) joined by spaces ("SET NULL"); NULL
 * (and r->failed) when out of memory. */
static const char *upper_words(rd *r, size_t from, size_t to)
{
	plumb_buf b;
	plumb_buf_init(&b, r->t->a, 0);
	for (size_t i = from; i < to; i++) {
		const tok *k = &r->t->v[i];
		if (k->kind == TK_COMMENT)
			continue;
		if (b.len)
			plumb_buf_putc(&b, ' ');
		for (const char *p = r->t->text + k->start; p < r->t->text + k->end; p++)
			plumb_buf_putc(&b, (char)toupper((unsigned char)*p));
	}
	plumb_buf_putc(&b, 0);
	if (b.failed) {
		r->failed = true;
		return NULL;
	}
	return b.data;
}

/* ON CONFLICT x: the resolution in upper case, or NULL (none, or out of
 * memory: r->failed). */
static const char *conflict(rd *r)
{
	size_t save = r->i;
	if (!accept(r, "on"))
		return NULL;
	if (!accept(r, "conflict")) {
		r->i = save;
		return NULL;
	}
	const tok *k = cur(r);
	if (!k)
		return NULL;
	adv(r);
	return upper_words(r, (size_t)(k - r->t->v), (size_t)(k - r->t->v) + 1);
}

/* A parenthesised list of names (first name of each item): (a, b COLLATE x DESC). */
static int name_list(rd *r, const char ***cols, size_t *n, size_t *descs_out, bool *autoinc)
{
	const tok *k = cur(r);
	if (!k || k->kind != TK_LP)
		return -1;
	size_t lp = r->i, rp = match_paren(r, lp);
	plumb_vec v = {0};
	bool want = true;
	for (size_t i = lp + 1; i < rp; i++) {
		const tok *x = &r->t->v[i];
		if (x->kind == TK_COMMENT)
			continue;
		if (x->kind == TK_COMMA) {
			want = true;
			continue;
		}
		if (want && is_name(x)) {
			if (plumb_vec_push(r->t->a, &v, (void *)x->ident) < 0)
				r->failed = true;
		} else if (is_word(x, "desc") && descs_out) {
			(*descs_out)++;
		} else if (is_word(x, "autoincrement") && autoinc) {
			*autoinc = true;
		}
		want = false;
	}
	*cols = (const char **)v.items;
	*n = v.n;
	r->i = rp + 1;
	return 0;
}

/* At REFERENCES: the clause, or NULL when it cannot be read or out of memory
 * (r->failed). */
static plumb_sqlite_fk *fk_clause(rd *r)
{
	plumb_sqlite_fk *fk = plumb_arena_alloc(r->t->a, sizeof(*fk));
	if (!fk) {
		r->failed = true;
		return NULL;
	}
	adv(r); /* REFERENCES */
	const tok *k = cur(r);
	if (!is_name(k))
		return NULL;
	fk->table = k->ident;
	adv(r);
	if (cur(r) && cur(r)->kind == TK_DOT) { /* schema.table */
		adv(r);
		if (!is_name(cur(r)))
			return NULL;
		fk->table = cur(r)->ident;
		adv(r);
	}
	if (cur(r) && cur(r)->kind == TK_LP)
		name_list(r, &fk->columns, &fk->n_columns, NULL, NULL);
	fk->on_delete = fk->on_update = "NO ACTION";
	fk->match = "SIMPLE";
	for (;;) {
		size_t save = r->i;
		if (accept(r, "on")) {
			bool del = accept(r, "delete");
			if (!del && !accept(r, "update")) {
				r->i = save; /* ON CONFLICT belongs to someone else */
				break;
			}
			size_t a0 = r->i;
			if (accept(r, "set") || accept(r, "no"))
				adv(r); /* SET NULL, SET DEFAULT, NO ACTION */
			else
				adv(r);
			const char *act = upper_words(r, a0, r->i);
			if (del)
				fk->on_delete = act;
			else
				fk->on_update = act;
		} else if (accept(r, "match")) {
			size_t m0 = r->i;
			adv(r);
			fk->match = upper_words(r, m0, r->i);
		} else if (is_word(cur(r), "not") && is_word(at(r->t, next_nc(r->t, r->i + 1)),
							      "deferrable")) {
			adv(r);
			adv(r);
			fk->deferrable = false;
			if (accept(r, "initially"))
				adv(r);
		} else if (accept(r, "deferrable")) {
			fk->deferrable = true;
			if (accept(r, "initially")) {
				fk->initially_deferred = is_word(cur(r), "deferred");
				adv(r);
			}
		} else {
			break;
		}
	}
	if (r->failed) /* an action or match word could not be copied */
		return NULL;
	/* canonical text in a fixed order, defaults left out */
	plumb_buf b;
	plumb_buf_init(&b, r->t->a, 0);
	plumb_buf_puts(&b, "references ");
	put_ident(&b, fk->table);
	for (size_t i = 0; i < fk->n_columns; i++) {
		plumb_buf_puts(&b, i ? ", " : "(");
		put_ident(&b, fk->columns[i]);
	}
	if (fk->n_columns)
		plumb_buf_putc(&b, ')');
	if (strcmp(fk->on_delete, "NO ACTION"))
		plumb_buf_printf(&b, " on delete %s", fk->on_delete);
	if (strcmp(fk->on_update, "NO ACTION"))
		plumb_buf_printf(&b, " on update %s", fk->on_update);
	if (strcmp(fk->match, "SIMPLE"))
		plumb_buf_printf(&b, " match %s", fk->match);
	if (fk->deferrable)
		plumb_buf_puts(&b, fk->initially_deferred ? " deferrable initially deferred"
							  : " deferrable");
	plumb_buf_putc(&b, 0);
	if (b.failed) {
		r->failed = true;
		return NULL;
	}
	for (char *p = b.data; *p; p++) /* the actions were upper case */
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	fk->text = b.data;
	return fk;
}

static int cmp_str(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	return strcmp(x ? x : "", y ? y : "");
}

/* The tokens of a column definition or table constraint: [from, to). */
static bool starts_clause(const tok *k)
{
	static const char *const words[] = {"constraint", "primary", "not", "null", "unique",
					    "check", "default", "collate", "references",
					    "generated", "as"};
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (is_word(k, words[i]))
			return true;
	return false;
}

/* -1 when the definition cannot be read, or out of memory (r->failed). */
static int column_def(rd *r, plumb_sqlite_coldef *col)
{
	size_t from = r->i;
	const tok *k = cur(r);
	if (!is_name(k) && !(k && k->kind == TK_STRING))
		return -1;
	if (k->kind == TK_STRING) {
		col->name = dequote(r->t->a, r->t->text + k->start + 1, k->end - k->start - 2, '\'');
		if (!col->name) {
			r->failed = true;
			return -1;
		}
	} else {
		col->name = k->ident;
	}
	adv(r);
	size_t ts = r->i;
	while (cur(r) && !starts_clause(cur(r))) {
		if (cur(r)->kind == TK_LP)
			r->i = match_paren(r, r->i);
		adv(r);
	}
	col->type = canon_range(r->t, ts, r->i, false);
	if (!col->type)
		r->failed = true;
	size_t head_end = r->i, named_from = 0;
	bool named = false, unknown = false;
	plumb_vec keys = {0}; /* each clause's canonical text, its CONSTRAINT name included */
	const char *cname = NULL;
	while (cur(r)) {
		size_t cs = r->i;
		plumb_sqlite_clause *cl = plumb_arena_alloc(r->t->a, sizeof(*cl));
		if (!cl) {
			r->failed = true;
			return -1;
		}
		if (accept(r, "constraint")) {
			if (!named)
				named_from = cs;
			named = true;
			if (is_name(cur(r))) {
				cname = cur(r)->ident;
				adv(r);
			}
			continue;
		}
		cl->name = cname;
		cname = NULL;
		if (accept(r, "primary")) {
			accept(r, "key");
			cl->kind = PLUMB_SQLITE_CL_PRIMARY_KEY;
			if (accept(r, "desc"))
				cl->desc = true;
			else
				accept(r, "asc");
			cl->conflict = conflict(r);
			cl->autoincrement = accept(r, "autoincrement");
		} else if (accept(r, "not")) {
			accept(r, "null");
			cl->kind = PLUMB_SQLITE_CL_NOT_NULL;
			cl->conflict = conflict(r);
		} else if (accept(r, "null")) {
			cl->kind = PLUMB_SQLITE_CL_NULL;
			cl->conflict = conflict(r);
		} else if (accept(r, "unique")) {
			cl->kind = PLUMB_SQLITE_CL_UNIQUE;
			cl->conflict = conflict(r);
		} else if (accept(r, "check")) {
			cl->kind = PLUMB_SQLITE_CL_CHECK;
			if (!cur(r) || cur(r)->kind != TK_LP)
				return -1;
			size_t rp = match_paren(r, r->i);
			cl->expr = raw_range(r, r->i + 1, rp);
			r->i = rp + 1;
		} else if (accept(r, "default")) {
			cl->kind = PLUMB_SQLITE_CL_DEFAULT;
			size_t vs = r->i;
			const tok *v = cur(r);
			if (!v)
				return -1;
			if (v->kind == TK_LP) {
				r->i = match_paren(r, r->i) + 1;
			} else if (v->kind == TK_OP) {
				adv(r);
				adv(r);
			} else {
				adv(r);
			}
			cl->expr = raw_range(r, vs, r->i);
		} else if (accept(r, "collate")) {
			cl->kind = PLUMB_SQLITE_CL_COLLATE;
			if (!cur(r))
				return -1;
			cl->expr = cur(r)->kind == TK_STRING
					   ? raw_range(r, r->i, r->i + 1)
					   : cur(r)->ident;
			adv(r);
		} else if (is_word(cur(r), "references")) {
			cl->kind = PLUMB_SQLITE_CL_REFERENCES;
			cl->fk = fk_clause(r);
			if (!cl->fk)
				return -1;
		} else if (is_word(cur(r), "generated") || is_word(cur(r), "as")) {
			cl->kind = PLUMB_SQLITE_CL_GENERATED;
			if (accept(r, "generated"))
				accept(r, "always");
			accept(r, "as");
			if (!cur(r) || cur(r)->kind != TK_LP)
				return -1;
			size_t rp = match_paren(r, r->i);
			cl->expr = raw_range(r, r->i + 1, rp);
			r->i = rp + 1;
			if (accept(r, "stored"))
				cl->stored = true;
			else
				accept(r, "virtual");
		} else {
			adv(r); /* something newer than this reader: kept in the text */
			unknown = true;
			continue;
		}
		cl->text = canon(r, cs, r->i);
		if (plumb_vec_push(r->t->a, &col->clauses, cl) < 0 ||
		    plumb_vec_push(r->t->a, &keys, canon(r, named ? named_from : cs, r->i)) < 0)
			r->failed = true;
		named = false;
	}
	col->definition = canon(r, from, r->i);
	if (unknown || named || keys.n < 2 || r->failed)
		return 0;
	/* the order of a column's clauses means nothing to SQLite: "NOT NULL
	 * DEFAULT 0" and "DEFAULT 0 NOT NULL" are one definition */
	qsort(keys.items, keys.n, sizeof(keys.items[0]), cmp_str);
	plumb_buf b;
	plumb_buf_init(&b, r->t->a, 0);
	plumb_buf_puts(&b, canon(r, from, head_end));
	for (size_t i = 0; i < keys.n; i++) {
		plumb_buf_putc(&b, ' ');
		plumb_buf_puts(&b, keys.items[i] ? keys.items[i] : "");
	}
	plumb_buf_putc(&b, 0);
	if (b.failed)
		r->failed = true;
	else
		col->definition = b.data;
	return 0;
}

/* -1 when the constraint cannot be read, or out of memory (r->failed). */
static int table_constraint(rd *r, plumb_sqlite_tabcon *con)
{
	size_t from = r->i;
	if (accept(r, "constraint")) {
		if (!is_name(cur(r)))
			return -1;
		con->name = cur(r)->ident;
		adv(r);
	}
	if (accept(r, "primary")) {
		accept(r, "key");
		con->kind = PLUMB_CON_PRIMARY_KEY;
		if (name_list(r, &con->columns, &con->n_columns, NULL, &con->autoincrement) < 0)
			return -1;
		con->conflict = conflict(r);
	} else if (accept(r, "unique")) {
		con->kind = PLUMB_CON_UNIQUE;
		if (name_list(r, &con->columns, &con->n_columns, NULL, NULL) < 0)
			return -1;
		con->conflict = conflict(r);
	} else if (accept(r, "check")) {
		con->kind = PLUMB_CON_CHECK;
		if (!cur(r) || cur(r)->kind != TK_LP)
			return -1;
		size_t rp = match_paren(r, r->i);
		con->check_sql = raw_range(r, r->i + 1, rp);
		r->i = rp + 1;
	} else if (accept(r, "foreign")) {
		accept(r, "key");
		con->kind = PLUMB_CON_FOREIGN_KEY;
		if (name_list(r, &con->columns, &con->n_columns, NULL, NULL) < 0)
			return -1;
		if (!is_word(cur(r), "references"))
			return -1;
		con->fk = fk_clause(r);
		if (!con->fk)
			return -1;
	} else {
		return -1;
	}
	while (cur(r))
		adv(r);
	if (con->kind != PLUMB_CON_FOREIGN_KEY) {
		con->definition = canon(r, from, r->i);
		return 0;
	}
	plumb_buf b;
	plumb_buf_init(&b, r->t->a, 0);
	if (con->name) {
		plumb_buf_puts(&b, "constraint ");
		put_ident(&b, con->name);
		plumb_buf_putc(&b, ' ');
	}
	plumb_buf_puts(&b, "foreign key(");
	for (size_t i = 0; i < con->n_columns; i++) {
		if (i)
			plumb_buf_puts(&b, ", ");
		put_ident(&b, con->columns[i]);
	}
	plumb_buf_printf(&b, ") %s", con->fk->text);
	plumb_buf_putc(&b, 0);
	if (b.failed)
		r->failed = true;
	con->definition = b.data;
	return 0;
}

/* The rename annotation among comment tokens [from, to), or NULL (none, or
 * out of memory: t->failed). */
static const char *annotation_in(toks *t, size_t from, size_t to)
{
	for (size_t i = from; i < to && i < t->n; i++)
		if (t->v[i].kind == TK_COMMENT) {
			char *old = tok_annotation(t, &t->v[i]);
			if (old)
				return old;
		}
	return NULL;
}

static bool has_newline(const char *s, size_t from, size_t to)
{
	return memchr(s + from, '\n', to > from ? to - from : 0) != NULL;
}

/* CREATE [TEMP] [UNIQUE] kind [IF NOT EXISTS] [schema.]name: leaves r after
 * the name, *name_tok at it. */
static int header(rd *r, const char *kind, bool *temp, bool *unique, bool *ine,
		  size_t *name_from, const tok **name_tok)
{
	if (!accept(r, "create"))
		return -1;
	if (accept(r, "temp") || accept(r, "temporary"))
		*temp = true;
	if (accept(r, "unique"))
		*unique = true;
	if (!accept(r, kind))
		return -1;
	if (accept(r, "if")) {
		if (!accept(r, "not") || !accept(r, "exists"))
			return -1;
		*ine = true;
	}
	if (!is_name(cur(r)))
		return -1;
	*name_from = r->i;
	*name_tok = cur(r);
	adv(r);
	if (cur(r) && cur(r)->kind == TK_DOT) {
		adv(r);
		if (!is_name(cur(r)))
			return -1;
		*name_tok = cur(r);
		adv(r);
	}
	return 0;
}

int plumb__sqlite_parse_create_table(plumb_ctx *ctx, plumb_arena *arena, const char *sql,
				     plumb_sqlite_table_ddl **out)
{
	int rc = 0;
	toks t;
	plumb_sqlite_table_ddl *d = plumb_arena_alloc(arena, sizeof(*d));
	*out = NULL;
	if (!d)
		return plumb_error_nomem(ctx);
	if (lex(arena, sql, strlen(sql), &t) < 0) {
		rc = t.failed ? plumb_error_nomem(ctx)
			      : plumb_error_set(ctx, PLUMB_EPARSE, "could not read CREATE TABLE");
		goto done;
	}
	rd r = {&t, 0, t.n, false};
	size_t name_from;
	const tok *nt;
	bool unique = false;
	if (header(&r, "table", &d->temporary, &unique, &d->if_not_exists, &name_from, &nt) < 0)
		goto bad;
	d->name = nt->ident;
	if (accept(&r, "as")) {
		d->as_select = true;
		goto done;
	}
	const tok *lp = cur(&r);
	if (!lp || lp->kind != TK_LP)
		goto bad;
	size_t lpi = r.i, rpi = match_paren(&r, lpi);
	if (rpi >= r.end)
		goto bad;
	d->renamed_from = annotation_in(&t, 0, lpi);
	if (t.failed) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}

	/* items between the parentheses, split at top-level commas */
	size_t s = lpi + 1;
	int depth = 0;
	plumb_vec starts = {0}, ends = {0}, items = {0};
	for (size_t i = lpi + 1; i <= rpi; i++) {
		int k = t.v[i].kind;
		if (k == TK_LP)
			depth++;
		else if (k == TK_RP && depth > 0)
			depth--;
		else if ((k == TK_COMMA && depth == 0) || i == rpi) {
			rd ir = {&t, s, i, false};
			const tok *first = cur(&ir);
			if (!first)
				goto bad;
			void *item;
			int irc;
			if (is_word(first, "constraint") || is_word(first, "primary") ||
			    is_word(first, "unique") || is_word(first, "check") ||
			    is_word(first, "foreign")) {
				plumb_sqlite_tabcon *con = plumb_arena_alloc(arena, sizeof(*con));
				irc = con ? table_constraint(&ir, con) : -1;
				if (!con || (!irc && plumb_vec_push(arena, &d->constraints, con) < 0))
					ir.failed = true;
				item = NULL;
			} else {
				plumb_sqlite_coldef *col = plumb_arena_alloc(arena, sizeof(*col));
				irc = col ? column_def(&ir, col) : -1;
				if (!col || (!irc && plumb_vec_push(arena, &d->columns, col) < 0))
					ir.failed = true;
				item = col;
			}
			/* out of memory first: it may be why the item could not be read */
			if (ir.failed) {
				rc = plumb_error_nomem(ctx);
				goto done;
			}
			if (irc < 0)
				goto bad;
			/* the byte range of the item's tokens, for annotations */
			size_t fs = next_nc(&t, s), le = i;
			while (le > fs && t.v[le - 1].kind == TK_COMMENT)
				le--;
			if (item) {
				plumb_sqlite_coldef *col = item;
				col->text = plumb_arena_strndup(arena, t.text + t.v[fs].start,
								t.v[le - 1].end - t.v[fs].start);
				if (!col->text) {
					rc = plumb_error_nomem(ctx);
					goto done;
				}
			}
			if (plumb_vec_push(arena, &starts, (void *)(uintptr_t)t.v[fs].start) < 0 ||
			    plumb_vec_push(arena, &ends, (void *)(uintptr_t)t.v[le - 1].end) < 0 ||
			    plumb_vec_push(arena, &items, item) < 0) {
				rc = plumb_error_nomem(ctx);
				goto done;
			}
			s = i + 1;
		}
	}

	/* column annotations: a comment belongs to the item whose text it
	 * follows on the same line, else (own line) to the next item */
	for (size_t i = lpi + 1; i < rpi; i++) {
		const tok *k = &t.v[i];
		if (k->kind != TK_COMMENT)
			continue;
		char *old = tok_annotation(&t, k);
		if (!old)
			continue;
		size_t owner = items.n;
		for (size_t j = 0; j < items.n; j++)
			if ((uintptr_t)starts.items[j] <= k->start)
				owner = j;
		if (owner < items.n &&
		    has_newline(t.text, (uintptr_t)ends.items[owner], k->start) &&
		    (uintptr_t)ends.items[owner] <= k->start)
			owner = owner + 1 < items.n ? owner + 1 : items.n;
		if (owner == items.n) {
			if (!items.n || (uintptr_t)starts.items[0] <= k->start)
				continue;
			if (!has_newline(t.text, lp->end, k->start)) {
				if (!d->renamed_from)
					d->renamed_from = old;
				continue;
			}
			owner = 0;
		}
		plumb_sqlite_coldef *col = items.items[owner];
		if (col && !col->renamed_from)
			col->renamed_from = old;
	}
	if (t.failed) { /* an annotation could not be copied */
		rc = plumb_error_nomem(ctx);
		goto done;
	}

	/* table options */
	r.i = rpi + 1;
	while (cur(&r)) {
		if (accept(&r, "without")) {
			if (!accept(&r, "rowid"))
				goto bad;
			d->without_rowid = true;
		} else if (accept(&r, "strict")) {
			d->strict = true;
		} else if (cur(&r)->kind == TK_COMMA || cur(&r)->kind == TK_SEMI) {
			adv(&r);
		} else {
			goto bad;
		}
	}
	goto done;
bad:
	rc = plumb_error_set(ctx, PLUMB_EPARSE, "could not read CREATE TABLE");
done:
	if (!rc)
		*out = d;
	return rc;
}

int plumb__sqlite_parse_create_index(plumb_ctx *ctx, plumb_arena *arena, const char *sql,
				     plumb_sqlite_index_ddl **out)
{
	int rc = 0;
	toks t;
	plumb_sqlite_index_ddl *d = plumb_arena_alloc(arena, sizeof(*d));
	*out = NULL;
	if (!d)
		return plumb_error_nomem(ctx);
	if (lex(arena, sql, strlen(sql), &t) < 0) {
		rc = t.failed ? plumb_error_nomem(ctx)
			      : plumb_error_set(ctx, PLUMB_EPARSE, "could not read CREATE INDEX");
		goto done;
	}
	rd r = {&t, 0, t.n, false};
	size_t name_from;
	const tok *nt;
	bool temp = false, ine = false;
	if (header(&r, "index", &temp, &d->unique, &ine, &name_from, &nt) < 0)
		goto bad;
	d->name = nt->ident;
	if (!accept(&r, "on") || !is_name(cur(&r)))
		goto bad;
	d->table = cur(&r)->ident;
	adv(&r);
	if (!cur(&r) || cur(&r)->kind != TK_LP)
		goto bad;
	size_t lpi = r.i, rpi = match_paren(&r, lpi);
	if (rpi >= r.end)
		goto bad;
	d->renamed_from = annotation_in(&t, 0, lpi);
	if (t.failed) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	size_t s = lpi + 1;
	int depth = 0;
	for (size_t i = lpi + 1; i <= rpi; i++) {
		int k = t.v[i].kind;
		if (k == TK_LP)
			depth++;
		else if (k == TK_RP && depth > 0)
			depth--;
		else if ((k == TK_COMMA && depth == 0) || i == rpi) {
			char *key = canon_range(&t, s, i, true);
			if (!key || plumb_vec_push(arena, &d->keys, key) < 0) {
				rc = plumb_error_nomem(ctx);
				goto done;
			}
			s = i + 1;
		}
	}
	r.i = rpi + 1;
	size_t where_from = 0;
	if (accept(&r, "where")) {
		where_from = r.i;
		size_t end = t.n;
		while (end > where_from &&
		       (t.v[end - 1].kind == TK_SEMI || t.v[end - 1].kind == TK_COMMENT))
			end--;
		d->where_sql = raw_range(&r, where_from, end);
		r.i = end;
	}
	/* canonical: create [unique ]index name on table(keys)[ where expr] */
	plumb_buf b;
	plumb_buf_init(&b, arena, 0);
	plumb_buf_puts(&b, d->unique ? "create unique index " : "create index ");
	put_ident(&b, d->name);
	plumb_buf_puts(&b, " on ");
	put_ident(&b, d->table);
	plumb_buf_putc(&b, '(');
	for (size_t i = 0; i < d->keys.n; i++) {
		if (i)
			plumb_buf_puts(&b, ", ");
		plumb_buf_puts(&b, d->keys.items[i]);
	}
	plumb_buf_putc(&b, ')');
	if (d->where_sql) {
		char *w = canon_range(&t, where_from, r.i, true);
		if (!w)
			b.failed = true;
		else
			plumb_buf_printf(&b, " where %s", w);
	}
	plumb_buf_putc(&b, 0);
	if (b.failed || r.failed) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	d->definition = b.data;
	goto done;
bad:
	rc = plumb_error_set(ctx, PLUMB_EPARSE, "could not read CREATE INDEX");
done:
	if (!rc)
		*out = d;
	return rc;
}

char *plumb__sqlite_rename_create(plumb_arena *arena, const char *sql, const char *new_name)
{
	toks t;
	if (lex(arena, sql, strlen(sql), &t) < 0)
		return NULL;
	rd r = {&t, 0, t.n, false};
	size_t name_from;
	const tok *nt;
	bool temp = false, unique = false, ine = false;
	if (header(&r, "table", &temp, &unique, &ine, &name_from, &nt) < 0)
		return NULL;
	size_t s = t.v[name_from].start, e = nt->end;
	char *q = plumb_quote_ident(arena, new_name);
	if (!q)
		return NULL;
	return plumb_arena_printf(arena, "%.*s%s%s", (int)s, t.text, q, t.text + e);
}

int plumb__sqlite_leading_renames(plumb_arena *arena, const char *stmt, size_t len,
				  plumb_vec *out)
{
	toks t;
	if (!plumb__annot_mentioned(stmt, len))
		return 0;
	if (lex(arena, stmt, len, &t) < 0)
		return t.failed ? -1 : 0;
	size_t first = next_nc(&t, 0);
	const char *old = annotation_in(&t, 0, first);
	if (!old)
		return t.failed ? -1 : 0;
	rd r = {&t, 0, t.n, false};
	size_t name_from;
	const tok *nt;
	bool temp = false, unique = false, ine = false;
	plumb_obj_kind kind = PLUMB_OBJ_TABLE;
	if (header(&r, "table", &temp, &unique, &ine, &name_from, &nt) < 0) {
		r.i = 0;
		temp = unique = ine = false;
		if (header(&r, "index", &temp, &unique, &ine, &name_from, &nt) < 0)
			return 0;
		kind = PLUMB_OBJ_INDEX;
	}
	plumb_sqlite_rename *rn = plumb_arena_alloc(arena, sizeof(*rn));
	if (!rn)
		return -1;
	rn->kind = kind;
	rn->name = nt->ident;
	rn->from = old;
	return plumb_vec_push(arena, out, rn);
}

const char *plumb__sqlite_index_renamed_from(plumb_arena *arena, const plumb_index *idx)
{
	plumb_ctx tmp = {0};
	plumb_sqlite_index_ddl *d;
	tmp.root = arena;
	if (!idx->sql || plumb__sqlite_parse_create_index(&tmp, arena, idx->sql, &d) < 0)
		return NULL;
	return d->renamed_from;
}

const plumb_sqlite_coldef *plumb__sqlite_find_column(plumb_arena *arena, const char *sql,
						     const char *column)
{
	plumb_ctx tmp = {0};
	plumb_sqlite_table_ddl *d;
	tmp.root = arena;
	if (!sql || plumb__sqlite_parse_create_table(&tmp, arena, sql, &d) < 0)
		return NULL;
	for (size_t i = 0; i < d->columns.n; i++) {
		const plumb_sqlite_coldef *col = d->columns.items[i];
		if (strcasecmp(col->name, column) == 0)
			return col;
	}
	return NULL;
}
