/*
 * The migrations folder: reads VERSION_NAME.sql files with their directives
 * and checksums, checks them against the integrity file plumb.sum, adds new
 * migrations and rewrites plumb.sum. It never talks to a database; the
 * tracking table's records are only named and checked here (runner/ and the
 * dialects read and write them). The plumb.sum format is described in docs/internals/history.md.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <openssl/evp.h>

#include "history/history.h"

#define SUM_MAGIC "plumb-sum v1 "
#define NAME_MAX_LEN 96

/* --- versions --------------------------------------------------------- */

const char *plumb__history_version_strip(const char *v)
{
	while (*v == '0' && v[1])
		v++;
	return v;
}

int plumb__history_version_order(const char *a, const char *b)
{
	const char *x = plumb__history_version_strip(a), *y = plumb__history_version_strip(b);
	size_t nx = strlen(x), ny = strlen(y);
	if (nx != ny)
		return nx < ny ? -1 : 1;
	return strcmp(x, y);
}

/* Compares two digit strings as numbers (leading zeros aside), then bytewise
 * so that "01" and "1" still have a fixed order. */
int plumb__history_version_cmp(const char *a, const char *b)
{
	int c = plumb__history_version_order(a, b);
	return c ? c : strcmp(a, b);
}

bool plumb__history_version_same(const char *a, const char *b)
{
	return plumb__history_version_order(a, b) == 0;
}

static int cmp_migration(const void *a, const void *b)
{
	const plumb_migration *x = *(const plumb_migration *const *)a;
	const plumb_migration *y = *(const plumb_migration *const *)b;
	return plumb__history_version_cmp(x->version, y->version);
}

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

/* --- checksums and directives ----------------------------------------- */

void plumb_history_checksum(const char *text, size_t len, char out[65])
{
	/* SHA-256 over the text with each CRLF as LF, fed in runs that end
	 * before each such CR, so no copy is made. */
	const char *cr = len ? memchr(text, '\r', len) : NULL;
	if (!cr) {
		plumb_sha256_hex(text, len, out);
		return;
	}
	static const char hex[] = "0123456789abcdef";
	unsigned char md[32];
	unsigned int n = 0;
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	bool good = c && EVP_DigestInit_ex(c, EVP_sha256(), NULL);
	const char *p = text, *end = text + len;
	while (good && p < end) {
		const char *q = p;
		while (q < end && !(q[0] == '\r' && q + 1 < end && q[1] == '\n'))
			q++;
		good = EVP_DigestUpdate(c, p, (size_t)(q - p));
		p = q < end ? q + 1 : end; /* skip the CR, keep the LF */
	}
	good = good && EVP_DigestFinal_ex(c, md, &n) && n == 32;
	EVP_MD_CTX_free(c);
	if (!good) {
		/* cannot happen short of a broken libcrypto; an impossible
		 * checksum makes any comparison fail rather than pass */
		memset(out, '-', 64);
		out[64] = '\0';
		return;
	}
	for (unsigned int i = 0; i < 32; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[64] = '\0';
}

bool plumb_history_checksum_matches(const plumb_migration *m, const char *recorded)
{
	if (!recorded || !*recorded)
		return true;
	if (strcmp(recorded, m->checksum) == 0)
		return true;
	if (!m->breakpoints)
		return false;
	return strcmp(recorded, m->checksum_lf) == 0 || strcmp(recorded, m->checksum_crlf) == 0;
}

int plumb_history_parse_duration(const char *s, size_t len, long *out)
{
	static const struct {
		const char *unit;
		double ms;
	} units[] = {
		{"us", 0.001}, {"ms", 1}, {"s", 1000}, {"min", 60000}, {"h", 3600000},
		{"d", 86400000},
	};
	char buf[64], *end;
	while (len && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len == 0 || len >= sizeof(buf))
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (!isdigit((unsigned char)buf[0]) && buf[0] != '.')
		return -1;
	errno = 0;
	double v = strtod(buf, &end), mult = 1;
	if (errno || end == buf || v != v)
		return -1;
	while (*end == ' ')
		end++;
	if (*end) {
		bool found = false;
		for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
			if (strcmp(units[i].unit, end) == 0) {
				mult = units[i].ms;
				found = true;
				break;
			}
		}
		if (!found)
			return -1;
	}
	v *= mult;
	/* PostgreSQL's timeouts are int milliseconds */
	if (v < 0 || v > 2147483647.0 || (v > 0 && v < 1))
		return -1;
	*out = (long)(v + 0.5);
	return 0;
}

/* The value of a directive with an argument: NAME followed by blanks or
 * '=', then the value. NULL when arg does not start with name so. */
static const char *directive_value(const char *arg, size_t an, const char *name, size_t *vn)
{
	size_t n = strlen(name);
	if (an < n || memcmp(arg, name, n) != 0)
		return NULL;
	if (an > n && arg[n] != ' ' && arg[n] != '\t' && arg[n] != '=')
		return NULL;
	const char *v = arg + n;
	*vn = an - n;
	while (*vn && (*v == ' ' || *v == '\t' || *v == '=')) {
		v++;
		(*vn)--;
	}
	return v;
}

/* Reads the directives in the comment lines at the top of m->sql. Unknown
 * `plumb:` directives are an error so that a typo never changes how a
 * migration runs without notice. */
int plumb__history_read_directives(plumb_ctx *ctx, plumb_migration *m)
{
	const char *p = m->sql, *end = m->sql + m->len;
	int line = 1;
	if (end - p >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		const char *s = p, *e = eol;
		while (s < e && (*s == ' ' || *s == '\t'))
			s++;
		while (e > s && (e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t'))
			e--;
		if (s == e) {
			/* blank line: keep looking */
		} else if (e - s >= 2 && s[0] == '-' && s[1] == '-') {
			const char *d = s + 2;
			while (d < e && (*d == ' ' || *d == '\t'))
				d++;
			if (e - d >= 6 && memcmp(d, "plumb:", 6) == 0) {
				size_t n = (size_t)(e - d);
				const char *arg = d + 6, *v;
				size_t an = n - 6, vn = 0;
				int col = (int)(d - p) + 1;
				if (an == 14 && memcmp(arg, "no-transaction", 14) == 0) {
					m->no_transaction = true;
				} else if ((v = directive_value(arg, an, "foreign-keys", &vn))) {
					if (vn == 3 && strncasecmp(v, "off", 3) == 0)
						m->foreign_keys_off = true;
					else if (vn == 2 && strncasecmp(v, "on", 2) == 0)
						m->foreign_keys_off = false;
					else
						return plumb_error_set_at(
							ctx, PLUMB_EPARSE, m->path, line, col,
							"invalid directive \"%.*s\": expected "
							"\"plumb:foreign-keys off\"",
							(int)n, d);
				} else if ((v = directive_value(arg, an, "lock-timeout", &vn)) ||
					   (v = directive_value(arg, an, "statement-timeout", &vn))) {
					bool lock = arg[0] == 'l';
					long ms;
					if (plumb_history_parse_duration(v, vn, &ms) < 0) {
						int rc = plumb_error_set_at(
							ctx, PLUMB_EPARSE, m->path, line, col,
							"invalid directive \"%.*s\": expected a "
							"duration such as 500ms, 5s, 2min or 1h",
							(int)n, d);
						plumb_error_set_hint(ctx, "0 leaves the server's setting");
						return rc;
					}
					if (lock) {
						m->lock_timeout_set = true;
						m->lock_timeout_ms = ms;
					} else {
						m->statement_timeout_set = true;
						m->statement_timeout_ms = ms;
					}
				} else if ((v = directive_value(arg, an, "squashes", &vn))) {
					int rc = plumb__history_read_squashes(ctx, m, v, vn, line,
									      col + (int)(v - d));
					if (rc < 0)
						return rc;
				} else if (an >= 7 && memcmp(arg, "renamed", 7) == 0) {
					/* a schema annotation, not ours to read here */
				} else {
					int rc = plumb_error_set_at(
						ctx, PLUMB_EPARSE, m->path, line, col,
						"unknown directive \"%.*s\"", (int)n, d);
					plumb_error_set_hint(ctx, "known directives: "
								  "\"-- plumb:no-transaction\", "
								  "\"-- plumb:foreign-keys off\", "
								  "\"-- plumb:lock-timeout 5s\", "
								  "\"-- plumb:statement-timeout 1min\", "
								  "\"-- plumb:squashes V1 V2 ...\"");
					return rc;
				}
			}
		} else {
			break; /* the first statement ends the directives */
		}
		p = eol + 1;
		line++;
	}
	return 0;
}

int plumb_history_chunks(plumb_ctx *ctx, plumb_arena *arena, const plumb_migration *m,
			 plumb_chunk **out, size_t *n_out)
{
	static const char mark[] = PLUMB_DRIZZLE_BREAKPOINT;
	const size_t ml = sizeof(mark) - 1;
	size_t n = 1;
	*out = NULL;
	*n_out = 0;
	if (m->breakpoints)
		for (const char *p = m->sql; (p = memmem(p, (size_t)(m->sql + m->len - p), mark, ml));
		     p += ml)
			n++;
	plumb_chunk *c = plumb_arena_alloc(arena, n * sizeof(*c));
	if (!c)
		return plumb_error_nomem(ctx);
	size_t k = 0, start = 0;
	if (m->breakpoints) {
		for (const char *p = m->sql; (p = memmem(p, (size_t)(m->sql + m->len - p), mark, ml));
		     p += ml) {
			c[k].start = start;
			c[k].end = (size_t)(p - m->sql);
			start = c[k].end + ml;
			k++;
		}
	}
	c[k].start = start;
	c[k].end = m->len;
	*out = c;
	*n_out = k + 1;
	return 0;
}

/* --- reading the folder ------------------------------------------------ */

/* ^[0-9]+_.+\.sql$, without control characters (a line end in a name
 * would break its plumb.sum line) */
static bool name_ok(const char *file)
{
	const char *p = file;
	if (!isdigit((unsigned char)*p))
		return false;
	while (isdigit((unsigned char)*p))
		p++;
	if (*p != '_')
		return false;
	for (const char *q = p; *q; q++)
		if ((unsigned char)*q < 0x20 || *q == 0x7f)
			return false;
	size_t rest = strlen(p + 1);
	return rest > 4; /* at least one character before ".sql" */
}

static bool is_snapshot(const char *file)
{
	return strcmp(file, PLUMB_SNAPSHOT_FILE) == 0;
}

static int read_migration(plumb_ctx *ctx, plumb_arena *arena, const char *dir, const char *file,
			  plumb_migration **out)
{
	int rc = 0;
	plumb_migration *m = plumb_arena_alloc(arena, sizeof(*m));
	if (!m)
		return plumb_error_nomem(ctx);
	m->file_name = file;
	if (is_snapshot(file)) {
		m->snapshot = true;
		m->version = PLUMB_SNAPSHOT_VERSION;
		m->name = "snapshot";
	} else {
		const char *us = strchr(file, '_');
		size_t flen = strlen(file);
		m->version = plumb_arena_strndup(arena, file, (size_t)(us - file));
		m->name = plumb_arena_strndup(arena, us + 1, flen - (size_t)(us + 1 - file) - 4);
	}
	m->path = plumb_path_join(arena, dir, file);
	if (!m->version || !m->name || !m->path)
		return plumb_error_nomem(ctx);
	char *sql;
	if ((rc = plumb_fs_read(ctx, arena, m->path, &sql, &m->len)) < 0)
		return rc;
	m->sql = sql;
	plumb_history_checksum(m->sql, m->len, m->checksum);
	if ((rc = plumb__history_read_directives(ctx, m)) < 0)
		return rc;
	*out = m;
	return 0;
}

/* Reads every migration file of dir into out, sorted by version, checking
 * names and duplicate versions. A missing dir gives nothing. */
static int scan(plumb_ctx *ctx, plumb_arena *arena, const char *dir, plumb_vec *out)
{
	int rc = 0;
	plumb_vec names = {0};
	if (!plumb_fs_exists(dir))
		return 0;
	if (!plumb_fs_is_dir(dir))
		return plumb_error_set_at(ctx, PLUMB_EIO, dir, 0, 0,
					  "migrations folder is not a directory");
	if ((rc = plumb_fs_list(ctx, arena, dir, ".sql", &names)) < 0)
		return rc;

	size_t n_bad = 0;
	for (size_t i = 0; i < names.n; i++) {
		const char *file = names.items[i];
		if (name_ok(file) || is_snapshot(file))
			continue;
		if (n_bad++ == 0) {
			rc = plumb_error_set_at(
				ctx, PLUMB_EPARSE, plumb_path_join(arena, dir, file), 0, 0,
				"invalid migration file name \"%s\": expected VERSION_NAME.sql, "
				"e.g. 20261124093000_add_users.sql",
				file);
			plumb_error_set_hint(ctx, "VERSION is digits (plumb writes UTC "
						  "timestamps) and NAME is [a-z0-9_]; rename the "
						  "file or move it out of the migrations folder");
		} else {
			plumb_error_add_detail(ctx, "invalid migration file name \"%s\"", file);
		}
	}
	if (rc < 0)
		return rc;

	for (size_t i = 0; i < names.n; i++) {
		plumb_migration *m = NULL;
		if ((rc = read_migration(ctx, arena, dir, names.items[i], &m)) < 0)
			return rc;
		if (plumb_vec_push(arena, out, m) < 0)
			return plumb_error_nomem(ctx);
	}
	plumb_vec_sort(out, cmp_migration);

	for (size_t i = 1; i < out->n; i++) {
		const plumb_migration *a = out->items[i - 1], *b = out->items[i];
		if (!plumb__history_version_same(a->version, b->version))
			continue;
		if (rc == 0) {
			rc = plumb_error_set_at(ctx, PLUMB_EINTEGRITY, b->path, 0, 0,
						"two migrations have version %s: \"%s\" and \"%s\"",
						b->version, a->file_name, b->file_name);
			plumb_error_set_hint(ctx, "give one of them a new version (often two "
						  "branches each added a migration); versions must "
						  "be unique");
		} else {
			plumb_error_add_detail(ctx, "version %s: \"%s\" and \"%s\"", b->version,
					       a->file_name, b->file_name);
		}
	}
	return rc;
}

/* --- plumb.sum ----------------------------------------------------------- */

/* The lines after the header, each "FILE_NAME sha256:HEX\n", in version order. */
static int sum_body(plumb_ctx *ctx, plumb_arena *arena, const plumb_vec *migrations, plumb_buf *out)
{
	plumb_buf_init(out, arena, 0);
	for (size_t i = 0; i < migrations->n; i++) {
		const plumb_migration *m = migrations->items[i];
		plumb_buf_printf(out, "%s sha256:%s\n", m->file_name, m->checksum);
	}
	return plumb_buf_finish(out, ctx);
}

typedef struct sum_entry {
	const char *file;
	const char *hex;
	bool seen;
} sum_entry;

/* Adds one problem to the integrity error, creating it on the first one. */
static void problem(plumb_ctx *ctx, const char *sum_path, int *rc, const char *line)
{
	if (*rc == 0) {
		*rc = plumb_error_set_at(ctx, PLUMB_EINTEGRITY, sum_path, 0, 0,
					 "migrations folder does not match %s", PLUMB_SUM_FILE);
		plumb_error_set_hint(
			ctx, "nothing was run. Restore the files as plumb.sum lists them, or, "
			     "once the folder is as it should be (after a merge, check the "
			     "order of the new migrations), run `plumb sum` to record it");
	}
	if (line)
		plumb_error_add_detail(ctx, "%s", line);
}

static int check_sum(plumb_ctx *ctx, plumb_arena *arena, const plumb_history *h,
		     const char *sum_path)
{
	int rc = 0;
	char *text;
	size_t len;
	if ((rc = plumb_fs_read(ctx, arena, sum_path, &text, &len)) < 0)
		return rc;

	/* header */
	char *body = memchr(text, '\n', len);
	body = body ? body + 1 : text + len;
	size_t hlen = (size_t)(body - text);
	while (hlen && (text[hlen - 1] == '\n' || text[hlen - 1] == '\r'))
		hlen--;
	char *header = plumb_arena_strndup(arena, text, hlen);
	if (!header)
		return plumb_error_nomem(ctx);
	if (!plumb_str_starts_with(header, SUM_MAGIC) || strlen(header) != strlen(SUM_MAGIC) + 64) {
		problem(ctx, sum_path, &rc,
			plumb_arena_printf(arena,
					   "%s: first line is not \"plumb-sum v1 <sha256>\" "
					   "(edited by hand, or left with merge conflict markers)",
					   PLUMB_SUM_FILE));
	} else {
		/* the list hash covers the body as written, CRLF read as LF */
		char want[65];
		plumb_history_checksum(body, len - (size_t)(body - text), want);
		if (strcmp(want, header + strlen(SUM_MAGIC)) != 0)
			problem(ctx, sum_path, &rc,
				plumb_arena_printf(
					arena,
					"%s: the list hash does not match its lines (edited by "
					"hand, or a merge of branches that each added migrations)",
					PLUMB_SUM_FILE));
	}

	/* lines */
	plumb_vec entries = {0};
	int lineno = 1;
	for (char *p = body; p < text + len;) {
		char *eol = memchr(p, '\n', (size_t)(text + len - p));
		if (!eol)
			eol = text + len;
		lineno++;
		char *e = eol;
		while (e > p && (e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t'))
			e--;
		char *line = plumb_arena_strndup(arena, p, (size_t)(e - p));
		p = eol + 1;
		if (!line)
			return plumb_error_nomem(ctx);
		if (!*line)
			continue;
		/* the last " sha256:": a file name may hold that text itself */
		char *sp = NULL;
		for (char *q = strstr(line, " sha256:"); q; q = strstr(q + 1, " sha256:"))
			sp = q;
		if (!sp || strlen(sp + 8) != 64 || strchr(sp + 8, ' ')) {
			problem(ctx, sum_path, &rc,
				plumb_arena_printf(arena,
						   "%s:%d: not a \"FILE sha256:HEX\" line: %s",
						   PLUMB_SUM_FILE, lineno, line));
			continue;
		}
		*sp = '\0';
		sum_entry *se = plumb_arena_alloc(arena, sizeof(*se));
		if (!se || plumb_vec_push(arena, &entries, se) < 0)
			return plumb_error_nomem(ctx);
		se->file = line;
		se->hex = sp + 8;
	}

	for (size_t i = 0; i < h->migrations.n; i++) {
		const plumb_migration *m = h->migrations.items[i];
		sum_entry *found = NULL;
		for (size_t j = 0; j < entries.n; j++) {
			sum_entry *se = entries.items[j];
			if (!se->seen && strcmp(se->file, m->file_name) == 0) {
				found = se;
				break;
			}
		}
		if (!found) {
			problem(ctx, sum_path, &rc,
				plumb_arena_printf(
					arena,
					"%s: not in %s (added by hand or merged from "
					"another branch; create migrations with `plumb "
					"generate`, or run `plumb sum` once it is checked)",
					m->file_name, PLUMB_SUM_FILE));
			continue;
		}
		found->seen = true;
		if (strcmp(found->hex, m->checksum) != 0)
			problem(ctx, sum_path, &rc,
				plumb_arena_printf(arena,
						   "%s: edited since %s was written (recorded "
						   "sha256:%.12s, now sha256:%.12s)",
						   m->file_name, PLUMB_SUM_FILE, found->hex,
						   m->checksum));
	}
	for (size_t j = 0; j < entries.n; j++) {
		sum_entry *se = entries.items[j];
		if (!se->seen)
			problem(ctx, sum_path, &rc,
				plumb_arena_printf(arena,
						   "%s: listed in %s but the file is missing",
						   se->file, PLUMB_SUM_FILE));
	}
	return rc;
}

int plumb_history_load(plumb_ctx *ctx, plumb_arena *arena, const char *dir, plumb_history **out)
{
	int rc = 0;
	*out = NULL;
	plumb_history *h = plumb_arena_alloc(arena, sizeof(*h));
	if (!h)
		return plumb_error_nomem(ctx);
	h->dir = plumb_arena_strdup(arena, dir);
	if (!h->dir)
		return plumb_error_nomem(ctx);
	if (plumb_history_is_drizzle(ctx, dir)) {
		if ((rc = plumb__history_load_drizzle(ctx, arena, dir, h)) < 0)
			goto done;
		*out = h;
		goto done;
	}
	if (plumb_history_is_folders(ctx, dir)) {
		rc = plumb_error_set_at(
			ctx, PLUMB_EUSAGE, dir, 0, 0,
			"a folder of migration folders (TIMESTAMP_NAME/migration.sql, "
			"as drizzle-kit 1.0 and Prisma write them) is not read as a "
			"migrations folder");
		plumb_error_set_hint(ctx,
				     "`plumb import --from drizzle --dir %s` (or --from prisma) "
				     "turns it into a migrations folder for plumb and records what "
				     "the database has applied",
				     dir);
		goto done;
	}
	if ((rc = scan(ctx, arena, dir, &h->migrations)) < 0)
		goto done;
	char *sum_path = plumb_path_join(arena, dir, PLUMB_SUM_FILE);
	if (!sum_path) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	h->has_sum = plumb_fs_exists(sum_path);
	if (h->has_sum) {
		plumb_arena *tmp = plumb_arena_new(arena);
		if (!tmp) {
			rc = plumb_error_nomem(ctx);
			goto done;
		}
		rc = check_sum(ctx, tmp, h, sum_path);
		plumb_arena_free(tmp);
		if (rc < 0)
			goto done;
	}
	if ((rc = plumb__history_load_squashed(ctx, arena, h)) < 0)
		goto done;
	*out = h;
done:
	return rc;
}

/* Stages plumb.sum for migrations (in version order) in b. */
static int stage_sum_of(plumb_ctx *ctx, plumb_arena *arena, plumb_fs_batch *b, const char *dir,
			const plumb_vec *migrations)
{
	int rc = 0;
	plumb_buf body, all;
	if ((rc = sum_body(ctx, arena, migrations, &body)) < 0)
		return rc;
	char hex[65];
	plumb_history_checksum(body.data ? body.data : "", body.len, hex);
	plumb_buf_init(&all, arena, 0);
	plumb_buf_printf(&all, "%s%s\n", SUM_MAGIC, hex);
	plumb_buf_append(&all, body.data ? body.data : "", body.len);
	if ((rc = plumb_buf_finish(&all, ctx)) < 0)
		return rc;
	char *path = plumb_path_join(arena, dir, PLUMB_SUM_FILE);
	if (!path)
		return plumb_error_nomem(ctx);
	return plumb_fs_batch_write(b, path, all.data, all.len);
}

int plumb__history_stage_sum_of(plumb_ctx *ctx, plumb_arena *arena, plumb_fs_batch *batch,
				const char *dir, const plumb_vec *migrations)
{
	return stage_sum_of(ctx, arena, batch, dir, migrations);
}

/* The refusal of writes plumb cannot make in a drizzle-kit folder. */
static int drizzle_refusal(plumb_ctx *ctx, const char *dir, const char *what)
{
	int rc = plumb_error_set_at(ctx, PLUMB_EUSAGE, dir, 0, 0,
				    "%s: this is a drizzle-kit migrations folder "
				    "(it has %s)",
				    what, PLUMB_DRIZZLE_JOURNAL);
	plumb_error_set_hint(ctx, "drizzle-kit's journal lists its migrations and needs no "
				  "plumb.sum; add migrations with `drizzle-kit generate` (or "
				  "`drizzle-kit generate --custom`)");
	return rc;
}

bool plumb_history_is_drizzle(plumb_ctx *ctx, const char *dir)
{
	char *journal = plumb_path_join(ctx->root, dir, PLUMB_DRIZZLE_JOURNAL);
	return journal && plumb_fs_exists(journal);
}

bool plumb_history_is_folders(plumb_ctx *ctx, const char *dir)
{
	char *sum = plumb_path_join(ctx->root, dir, PLUMB_SUM_FILE);
	bool found = false;
	DIR *d;
	struct dirent *e;
	if (!sum || plumb_fs_exists(sum) || !(d = opendir(dir)))
		return false;
	while (!found && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char *sub = plumb_path_join(ctx->root, dir, e->d_name);
		char *file = sub ? plumb_path_join(ctx->root, sub, "migration.sql") : NULL;
		found = file && plumb_fs_is_dir(sub) && plumb_fs_exists(file);
	}
	closedir(d);
	return found;
}

int plumb_history_stage_sum(plumb_ctx *ctx, plumb_arena *arena, const plumb_history *history,
			    plumb_fs_batch *batch)
{
	int rc = 0;
	if (history->format == PLUMB_HISTORY_DRIZZLE || plumb_history_is_drizzle(ctx, history->dir))
		return drizzle_refusal(ctx, history->dir, "no plumb.sum written");
	plumb_vec files = {0};
	if ((rc = scan(ctx, arena, history->dir, &files)) < 0)
		return rc;
	return stage_sum_of(ctx, arena, batch, history->dir, &files);
}

int plumb_history_write_sum(plumb_ctx *ctx, const plumb_history *history)
{
	int rc = 0;
	plumb_fs_batch *batch;
	plumb_arena *tmp = plumb_arena_new(ctx->root);
	if (!tmp)
		return plumb_error_nomem(ctx);
	if ((rc = plumb_fs_batch_new(ctx, tmp, &batch)) == 0 &&
	    (rc = plumb_history_stage_sum(ctx, tmp, history, batch)) == 0)
		rc = plumb_fs_batch_commit(batch);
	plumb_arena_free(tmp);
	return rc;
}

/* --- adding ---------------------------------------------------------------- */

static char *sanitise_name(plumb_arena *a, const char *name)
{
	size_t n = name ? strlen(name) : 0;
	char *out = plumb_arena_alloc(a, n + sizeof("migration"));
	if (!out)
		return NULL;
	size_t k = 0;
	bool sep = false;
	for (size_t i = 0; i < n && k < NAME_MAX_LEN; i++) {
		unsigned char c = (unsigned char)name[i];
		if (isalnum(c) && c < 128) {
			if (sep && k)
				out[k++] = '_';
			sep = false;
			if (k < NAME_MAX_LEN)
				out[k++] = (char)tolower(c);
		} else {
			sep = true;
		}
	}
	out[k] = '\0';
	if (!k)
		strcpy(out, "migration");
	return out;
}

/* v + 1 second when v is a YYYYMMDDHHMMSS timestamp, else v + 1 as a number. */
static char *version_after(plumb_arena *a, const char *v)
{
	struct tm tm = {0};
	if (strlen(v) == 14 &&
	    sscanf(v, "%4d%2d%2d%2d%2d%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
		   &tm.tm_min, &tm.tm_sec) == 6 &&
	    tm.tm_mon >= 1 && tm.tm_mon <= 12 && tm.tm_mday >= 1 && tm.tm_mday <= 31 &&
	    tm.tm_hour < 24 && tm.tm_min < 60 && tm.tm_sec < 61) {
		tm.tm_year -= 1900;
		tm.tm_mon -= 1;
		time_t t = timegm(&tm) + 1;
		struct tm u;
		char buf[32];
		if (gmtime_r(&t, &u) && strftime(buf, sizeof(buf), "%Y%m%d%H%M%S", &u) == 14)
			return plumb_arena_strdup(a, buf);
	}
	size_t n = strlen(v);
	char *out = plumb_arena_alloc(a, n + 2);
	if (!out)
		return NULL;
	memcpy(out + 1, v, n + 1);
	out[0] = '0';
	size_t i = n;
	while (i > 0 && out[i] == '9')
		out[i--] = '0';
	out[i]++; /* out[0] becomes '1' when every digit carried */
	return out[0] == '0' ? out + 1 : out;
}

static int write_with_sum(plumb_ctx *ctx, plumb_history *history, plumb_migration *m);

int plumb_history_add(plumb_ctx *ctx, plumb_history *history, const char *version, const char *name,
		      const char *body, plumb_migration **out)
{
	int rc = 0;
	plumb_arena *arena = ctx->root;
	if (out)
		*out = NULL;
	if (history->format == PLUMB_HISTORY_DRIZZLE)
		return drizzle_refusal(ctx, history->dir, "no migration written");
	const plumb_migration *newest =
		history->migrations.n ? history->migrations.items[history->migrations.n - 1] : NULL;
	char *v;
	if (version) {
		if (!all_digits(version))
			return plumb_error_set(ctx, PLUMB_EUSAGE,
					       "invalid migration version \"%s\": expected digits",
					       version);
		v = plumb_arena_strdup(arena, version);
	} else {
		char buf[32];
		time_t now = time(NULL);
		struct tm u;
		gmtime_r(&now, &u);
		strftime(buf, sizeof(buf), "%Y%m%d%H%M%S", &u);
		v = plumb_arena_strdup(arena, buf);
		if (v && newest && plumb__history_version_cmp(v, newest->version) <= 0)
			v = version_after(arena, newest->version);
	}
	if (!v)
		return plumb_error_nomem(ctx);
	for (size_t i = 0; i < history->migrations.n; i++) {
		const plumb_migration *o = history->migrations.items[i];
		if (plumb__history_version_same(o->version, v))
			return plumb_error_set_at(
				ctx, PLUMB_EINTEGRITY, o->path, 0, 0,
				"a migration with version %s already exists: \"%s\"", v,
				o->file_name);
	}

	plumb_migration *m = plumb_arena_alloc(arena, sizeof(*m));
	char *clean = sanitise_name(arena, name);
	if (!m || !clean)
		return plumb_error_nomem(ctx);
	if (!body)
		body = "";
	m->version = v;
	m->name = clean;
	m->file_name = plumb_arena_printf(arena, "%s_%s.sql", v, clean);
	m->path = m->file_name ? plumb_path_join(arena, history->dir, m->file_name) : NULL;
	m->sql = plumb_arena_strdup(arena, body);
	if (!m->path || !m->sql)
		return plumb_error_nomem(ctx);
	m->len = strlen(body);
	plumb_history_checksum(m->sql, m->len, m->checksum);
	if ((rc = plumb__history_read_directives(ctx, m)) < 0)
		return rc;

	if ((rc = write_with_sum(ctx, history, m)) < 0)
		return rc;
	if (out)
		*out = m;
	return 0;
}

/* Writes m's file and plumb.sum together or not at all (a migration without
 * its line in plumb.sum would stop every later command) and adds m to
 * history. plumb.sum lists the folder as loaded plus m. */
static int write_with_sum(plumb_ctx *ctx, plumb_history *history, plumb_migration *m)
{
	int rc;
	plumb_arena *arena = ctx->root;
	plumb_vec all = {0};
	for (size_t i = 0; i < history->migrations.n; i++)
		if (plumb_vec_push(arena, &all, history->migrations.items[i]) < 0)
			return plumb_error_nomem(ctx);
	if (plumb_vec_push(arena, &all, m) < 0)
		return plumb_error_nomem(ctx);
	plumb_vec_sort(&all, cmp_migration);
	plumb_fs_batch *batch;
	plumb_arena *tmp = plumb_arena_new(arena);
	if (!tmp)
		return plumb_error_nomem(ctx);
	if ((rc = plumb_fs_batch_new(ctx, tmp, &batch)) == 0 &&
	    (rc = plumb_fs_batch_write(batch, m->path, m->sql, m->len)) == 0 &&
	    (rc = stage_sum_of(ctx, tmp, batch, history->dir, &all)) == 0)
		rc = plumb_fs_batch_commit(batch);
	plumb_arena_free(tmp);
	if (rc < 0)
		return rc;
	history->migrations = all;
	history->has_sum = true;
	return 0;
}

int plumb_history_add_snapshot(plumb_ctx *ctx, plumb_history *history, const char *body,
			       plumb_migration **out)
{
	int rc;
	if (out)
		*out = NULL;
	if (history->format == PLUMB_HISTORY_DRIZZLE)
		return drizzle_refusal(ctx, history->dir, "no snapshot written");
	for (size_t i = 0; i < history->migrations.n; i++) {
		const plumb_migration *o = history->migrations.items[i];
		if (o->snapshot || plumb__history_version_same(o->version, PLUMB_SNAPSHOT_VERSION))
			return plumb_error_set_at(ctx, PLUMB_EINTEGRITY, o->path, 0, 0,
						  "the migrations folder already has a starting "
						  "point: \"%s\"",
						  o->file_name);
	}
	plumb_migration *m = plumb_arena_alloc(ctx->root, sizeof(*m));
	if (!m)
		return plumb_error_nomem(ctx);
	m->snapshot = true;
	m->version = PLUMB_SNAPSHOT_VERSION;
	m->name = "snapshot";
	m->file_name = PLUMB_SNAPSHOT_FILE;
	m->path = plumb_path_join(ctx->root, history->dir, m->file_name);
	m->sql = plumb_arena_strdup(ctx->root, body ? body : "");
	if (!m->path || !m->sql)
		return plumb_error_nomem(ctx);
	m->len = strlen(m->sql);
	plumb_history_checksum(m->sql, m->len, m->checksum);
	if ((rc = plumb__history_read_directives(ctx, m)) < 0 ||
	    (rc = write_with_sum(ctx, history, m)) < 0)
		return rc;
	if (out)
		*out = m;
	return 0;
}

size_t plumb_history_n_migrations(const plumb_history *history)
{
	size_t n = 0;
	for (size_t i = 0; i < history->migrations.n; i++)
		n += !((const plumb_migration *)history->migrations.items[i])->snapshot;
	return n;
}

plumb_migration *plumb_history_find(const plumb_history *history, const char *version)
{
	for (size_t i = 0; i < history->migrations.n; i++) {
		plumb_migration *m = history->migrations.items[i];
		if (all_digits(version) && plumb__history_version_same(m->version, version))
			return m;
	}
	if (history->format != PLUMB_HISTORY_DRIZZLE)
		return NULL;
	/* drizzle: the tag, or its prefix before the first '_' */
	size_t vn = strlen(version);
	for (size_t i = 0; i < history->migrations.n; i++) {
		plumb_migration *m = history->migrations.items[i];
		const char *us = strchr(m->name, '_');
		if (strcmp(m->name, version) == 0 ||
		    (us && (size_t)(us - m->name) == vn && memcmp(m->name, version, vn) == 0))
			return m;
	}
	return NULL;
}

int plumb_history_get(plumb_ctx *ctx, const plumb_history *history, const char *version,
		      const plumb_migration **out)
{
	if ((*out = plumb_history_find(history, version)))
		return 0;
	int rc = plumb_error_set(ctx, PLUMB_ENOTFOUND, "no migration with version %s in %s",
				 version, history->dir);
	plumb_error_set_hint(ctx, "`plumb status` lists the versions of the migrations folder");
	return rc;
}

/* --- records ----------------------------------------------------------------- */

const char *plumb_record_state_name(plumb_record_state state)
{
	switch (state) {
	case PLUMB_RECORD_APPLIED:
		return "applied";
	case PLUMB_RECORD_FAILED:
		return "failed";
	case PLUMB_RECORD_BASELINE:
		return "baseline";
	case PLUMB_RECORD_IMPORTED:
		return "imported";
	}
	return "unknown";
}

int plumb_record_state_parse(const char *name)
{
	if (!name)
		return -1;
	if (strcmp(name, "applied") == 0)
		return PLUMB_RECORD_APPLIED;
	if (strcmp(name, "failed") == 0)
		return PLUMB_RECORD_FAILED;
	if (strcmp(name, "baseline") == 0)
		return PLUMB_RECORD_BASELINE;
	if (strcmp(name, "imported") == 0)
		return PLUMB_RECORD_IMPORTED;
	return -1;
}

int plumb_record_finish(plumb_ctx *ctx, plumb_record *r, const char *state)
{
	int s = plumb_record_state_parse(state);
	if (s < 0 || !r->version)
		return plumb_error_set(
			ctx, PLUMB_EDB, "tracking table \"%s\" has a row with state \"%s\"",
			plumb_tracking_shown(ctx, ctx->root), state ? state : "(null)");
	r->state = (plumb_record_state)s;
	if (!r->name)
		r->name = "";
	if (!r->checksum)
		r->checksum = "";
	return 0;
}

int plumb_record_drizzle_when(plumb_ctx *ctx, const plumb_record *rec, long long *out)
{
	char *end;
	if (rec->state == PLUMB_RECORD_FAILED)
		return plumb_error_set(ctx, PLUMB_ERROR,
				       "drizzle-orm's tracking table has no failed state");
	*out = strtoll(rec->version, &end, 10);
	if (*end || end == rec->version)
		return plumb_error_set(ctx, PLUMB_ERROR,
				       "version \"%s\" is not a drizzle created_at", rec->version);
	return 0;
}

int plumb_record_drizzle_add(plumb_ctx *ctx, plumb_arena *arena, plumb_vec *out,
			     const char *created_at, const char *hash, const char **prev)
{
	if (*prev && strcmp(*prev, created_at) == 0)
		return 0;
	plumb_record *r = plumb_arena_alloc(arena, sizeof(*r));
	if (!r || !(r->version = plumb_arena_strdup(arena, created_at)) ||
	    !(r->checksum = plumb_arena_strdup(arena, hash)) || plumb_vec_push(arena, out, r) < 0)
		return plumb_error_nomem(ctx);
	r->name = "";
	r->state = PLUMB_RECORD_APPLIED;
	*prev = r->version;
	return 0;
}
