/*
 * The environment of a run and the steps commands share. Resolution order,
 * first that says wins: flags, then DATABASE_URL (for the database), then the
 * config file's environment, then the defaults (schema.sql, migrations/,
 * sqlite:plumb.db in the current folder).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "commands/commands.h"
#include "util/map.h"

/* Expands ${NAME} from the process environment; unset names are an error,
 * or with quiet 1 and no error recorded. */
static int expand(plumb_ctx *ctx, const char *config, const char *in, bool quiet, const char **out)
{
	plumb_buf b;
	plumb_buf_init(&b, ctx->root, 0);
	for (const char *p = in; *p;) {
		const char *end;
		if (p[0] == '$' && p[1] == '{' && (end = strchr(p + 2, '}'))) {
			char *name = plumb_arena_strndup(ctx->root, p + 2, (size_t)(end - p - 2));
			if (!name)
				return plumb_error_nomem(ctx);
			const char *v = getenv(name);
			if (!v && quiet)
				return 1;
			if (!v)
				return plumb_error_set_at(ctx, PLUMB_EUSAGE, config, 0, 0,
							  "environment variable %s is not set", name);
			plumb_buf_puts(&b, v);
			p = end + 1;
		} else {
			plumb_buf_putc(&b, *p++);
		}
	}
	int rc = plumb_buf_finish(&b, ctx);
	*out = b.data;
	return rc;
}

static int expand_env(plumb_ctx *ctx, const char *config, const char *in, const char **out)
{
	return expand(ctx, config, in, false, out);
}

static const char *config_path(plumb_ctx *ctx, const char *config, const char *value)
{
	const char *slash = strrchr(config, '/');
	if (!slash || value[0] == '/')
		return value;
	return plumb_arena_printf(ctx->root, "%.*s/%s", (int)(slash - config), config, value);
}

/* Where "key": first appears in the config's text (jansson keeps no
 * positions of values), for messages; 0, 0 when it cannot be told. */
static void key_position(const char *text, const char *key, int *line, int *col)
{
	size_t n = strlen(key);
	*line = *col = 0;
	for (const char *p = text ? strchr(text, '"') : NULL; p; p = strchr(p + 1, '"')) {
		if (strncmp(p + 1, key, n) || p[n + 1] != '"')
			continue;
		const char *q = p + n + 2;
		while (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r')
			q++;
		if (*q == ':') {
			plumb_text_position(text, (size_t)(p - text), line, col);
			return;
		}
	}
}

/* A config error at key: "plumb.json:LINE:COL: ...". All are usage errors
 * (exit 2: bad command line or configuration). */
static int config_error(plumb_ctx *ctx, const char *config, const char *text, const char *key,
			const char *fmt, const char *arg)
{
	int line, col;
	key_position(text, key, &line, &col);
	return plumb_error_set_at(ctx, PLUMB_EUSAGE, config, line, col, fmt, key, arg);
}

static int get_string(plumb_ctx *ctx, const char *config, const char *text, json_t *obj,
		      const char *key, const char **out)
{
	json_t *v = json_object_get(obj, key);
	if (!v)
		return 0;
	if (!json_is_string(v))
		return config_error(ctx, config, text, key, "\"%s\" must be a string%s", "");
	return expand_env(ctx, config, json_string_value(v), out);
}

/* Refuses keys of obj not in known (NULL-terminated): a misspelt key would
 * otherwise be ignored without a word. */
static int check_keys(plumb_ctx *ctx, const char *config, const char *text, json_t *obj,
		      const char *const *known, const char *where)
{
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v) {
		size_t i = 0;
		while (known[i] && strcmp(known[i], key))
			i++;
		if (!known[i])
			return config_error(ctx, config, text, key, "unknown key \"%s\"%s", where);
	}
	return 0;
}

/* "exclude": ["pattern", ...], the tables every catalog of the run leaves out
 * (catalog/exclude.c), kept in the context. */
static int read_exclude(plumb_ctx *ctx, const char *config, const char *text, json_t *root)
{
	json_t *arr = json_object_get(root, "exclude"), *v;
	size_t i;
	if (!arr)
		return 0;
	if (!json_is_array(arr))
		return config_error(ctx, config, text, "exclude",
				    "\"%s\" must be an array of patterns (\"table\", "
				    "\"schema.table\", \"schema.*\", globs with *)%s",
				    "");
	const char **pats =
		plumb_arena_alloc(ctx->root, sizeof(char *) * (json_array_size(arr) + 1));
	if (!pats)
		return plumb_error_nomem(ctx);
	json_array_foreach(arr, i, v) {
		const char *p = json_string_value(v);
		if (!p || !*p || !strcmp(p, "!"))
			return config_error(ctx, config, text, "exclude",
					    "\"%s\" must hold non-empty strings%s", "");
		if (!(pats[i] = plumb_arena_strdup(ctx->root, p)))
			return plumb_error_nomem(ctx);
	}
	ctx->exclude = pats;
	ctx->n_exclude = json_array_size(arr);
	return 0;
}

/* Where the tracking table's place was set, for messages: a config key at
 * file:line:col, or a flag. */
typedef struct place_origin {
	const char *file; /* NULL: the flag */
	int line, col;
} place_origin;

typedef struct tracking_place {
	const char *schema, *table;
	place_origin schema_at, table_at;
} tracking_place;

#define IDENT_RULE "an identifier (a letter or _, then letters, digits, _ or $; at most 63 bytes)"

/* "tracking": {"schema": S, "table": T} of obj into *place (a member given
 * replaces the one read before); where says which object for messages. */
static int read_tracking(plumb_ctx *ctx, const char *config, const char *text, json_t *obj,
			 tracking_place *place)
{
	static const char *const keys[] = {"schema", "table", NULL};
	json_t *t = json_object_get(obj, "tracking");
	int rc;
	if (!t)
		return 0;
	if (!json_is_object(t))
		return config_error(ctx, config, text, "tracking",
				    "\"%s\" must be a JSON object ({\"schema\": ..., "
				    "\"table\": ...})%s",
				    "");
	if ((rc = check_keys(ctx, config, text, t, keys,
			     " in \"tracking\" (expected schema, table)")) < 0)
		return rc;
	for (int i = 0; keys[i]; i++) {
		const char *v = NULL;
		place_origin at = {config, 0, 0};
		if ((rc = get_string(ctx, config, text, t, keys[i], &v)) < 0)
			return rc;
		if (!v)
			continue;
		key_position(text, keys[i], &at.line, &at.col);
		if (!plumb_tracking_name_ok(v))
			return plumb_error_set_at(
				ctx, PLUMB_EUSAGE, config, at.line, at.col,
				"\"tracking.%s\" must be " IDENT_RULE ", not \"%s\"", keys[i], v);
		if (i == 0) {
			place->schema = v;
			place->schema_at = at;
		} else {
			place->table = v;
			place->table_at = at;
		}
	}
	return 0;
}

/* --tracking-table [schema.]name into *place. */
static int flag_tracking(plumb_ctx *ctx, const char *spec, tracking_place *place)
{
	const char *dot = strchr(spec, '.');
	const char *schema =
		dot ? plumb_arena_strndup(ctx->root, spec, (size_t)(dot - spec)) : NULL;
	const char *table = dot ? dot + 1 : spec;
	if (dot && !schema)
		return plumb_error_nomem(ctx);
	if ((dot && !plumb_tracking_name_ok(schema)) || !plumb_tracking_name_ok(table))
		return plumb_error_set(ctx, PLUMB_EUSAGE,
				       "--tracking-table must be [schema.]name, each " IDENT_RULE
				       ", not \"%s\"",
				       spec);
	place->table = table;
	place->table_at = (place_origin){0};
	if (dot) {
		place->schema = schema;
		place->schema_at = (place_origin){0};
	}
	return 0;
}

/* Refuses a schema of the tracking table other than main on SQLite (it
 * has one schema; attached databases are out of scope), at the connection,
 * when the engine is known. */
static int check_tracking(plumb_ctx *ctx, const plumb_env *env, const plumb_dialect *d)
{
	const char *schema = plumb_tracking_schema(ctx);
	if (d != &plumb_dialect_sqlite || !schema || !strcmp(schema, "main"))
		return 0;
	if (env->tracking_schema_file)
		plumb_error_set_at(
			ctx, PLUMB_EUSAGE, env->tracking_schema_file, env->tracking_schema_line,
			env->tracking_schema_col,
			"\"tracking.schema\" is \"%s\", but on SQLite the tracking table "
			"is in main",
			schema);
	else
		plumb_error_set(ctx, PLUMB_EUSAGE,
				"--tracking-table names schema \"%s\", but on SQLite the tracking "
				"table is in main",
				schema);
	plumb_error_set_hint(ctx, "give only the table's name (an attached database cannot "
				  "hold it); nothing was changed");
	return PLUMB_EUSAGE;
}

/* Keeps the URL of a protected environment, so that a run on its database
 * through --url or DATABASE_URL is refused as one through --env is. A URL
 * naming an unset variable cannot be compared and is skipped. */
static int note_protected(plumb_ctx *ctx, const char *config, plumb_env *env, const char *name,
			  json_t *url, bool protected)
{
	const char *u;
	int rc;
	if (!protected || !url)
		return 0;
	if ((rc = expand(ctx, config, json_string_value(url), true, &u)) != 0)
		return rc < 0 ? rc : 0;
	env->n_protected++;
	const char **names = plumb_arena_realloc(ctx->root, env->protected_names,
						 sizeof(char *) * (env->n_protected - 1),
						 sizeof(char *) * env->n_protected);
	const char **urls = plumb_arena_realloc(ctx->root, env->protected_urls,
						sizeof(char *) * (env->n_protected - 1),
						sizeof(char *) * env->n_protected);
	if (!names || !urls)
		return plumb_error_nomem(ctx);
	names[env->n_protected - 1] = plumb_arena_strdup(ctx->root, name);
	urls[env->n_protected - 1] = u;
	env->protected_names = names;
	env->protected_urls = urls;
	return 0;
}

static int read_config(plumb_ctx *ctx, const plumb_options *opts, plumb_env *env,
		       const char **cfg_url, const char **cfg_dialect, const char **cfg_dev_url,
		       tracking_place *place)
{
	static const char *const top_keys[] = {"schema",   "migrations", "dialect",
					       "dev_url",  "exclude",	 "environments",
					       "tracking", "owners",	 NULL};
	static const char *const env_keys[] = {"url", "protected", "tracking", NULL};
	const char *path = opts->config ? opts->config : PLUMB_DEFAULT_CONFIG;
	if (!opts->config && !plumb_fs_exists(path)) {
		if (opts->env)
			return plumb_error_set(ctx, PLUMB_EUSAGE,
					       "--env %s given but there is no %s", opts->env, path);
		return 0;
	}
	if (!plumb_fs_exists(path))
		return plumb_error_set_at(ctx, PLUMB_EUSAGE, path, 0, 0, "no such config file");
	char *text;
	size_t len;
	int rc = plumb_fs_read(ctx, ctx->root, path, &text, &len);
	if (rc)
		return rc;
	json_error_t jerr;
	json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root)
		return plumb_error_set_at(ctx, PLUMB_EUSAGE, path, jerr.line, jerr.column, "%s",
					  jerr.text);
	if (!json_is_object(root)) {
		rc = plumb_error_set_at(ctx, PLUMB_EUSAGE, path, 1, 1, "config must be a JSON object");
		goto done;
	}
	const char *s = NULL, *d = NULL;
	if ((rc = check_keys(ctx, path, text, root, top_keys,
			     " (expected schema, migrations, dialect, dev_url, exclude, "
			     "tracking, environments, owners)")) < 0 ||
	    (rc = get_string(ctx, path, text, root, "schema", &s)) < 0 ||
	    (rc = get_string(ctx, path, text, root, "migrations", &d)) < 0 ||
	    (rc = get_string(ctx, path, text, root, "dialect", cfg_dialect)) < 0 ||
	    (rc = get_string(ctx, path, text, root, "dev_url", cfg_dev_url)) < 0)
		goto done;
	if (s && !opts->schema)
		env->schema = config_path(ctx, path, s);
	if (d && !opts->dir)
		env->dir = config_path(ctx, path, d);
	if ((rc = read_exclude(ctx, path, text, root)) < 0 ||
	    (rc = read_tracking(ctx, path, text, root, place)) < 0)
		goto done;
	json_t *own = json_object_get(root, "owners");
	if (own && !json_is_boolean(own)) {
		rc = config_error(ctx, path, text, "owners", "\"%s\" must be true or false%s", "");
		goto done;
	}
	if (json_is_true(own))
		ctx->owners = true;
	json_t *envs = json_object_get(root, "environments");
	if (envs && !json_is_object(envs)) {
		rc = config_error(ctx, path, text, "environments",
				  "\"%s\" must be a JSON object (name: {\"url\": ...})%s", "");
		goto done;
	}
	const char *ename;
	json_t *e;
	json_object_foreach(envs, ename, e) {
		if (!json_is_object(e)) {
			rc = config_error(ctx, path, text, ename,
					  "environment \"%s\" must be a JSON object%s", "");
			goto done;
		}
		if ((rc = check_keys(ctx, path, text, e, env_keys,
				     " in an environment (expected url, protected, tracking)")) < 0)
			goto done;
		tracking_place unused = {0};
		if ((rc = read_tracking(ctx, path, text, e, &unused)) < 0)
			goto done;
		json_t *u = json_object_get(e, "url");
		if (u && !json_is_string(u)) {
			rc = config_error(ctx, path, text, "url", "\"%s\" must be a string%s", "");
			goto done;
		}
		json_t *p = json_object_get(e, "protected");
		if (p && !json_is_boolean(p)) {
			rc = config_error(ctx, path, text, "protected",
					  "\"%s\" must be true or false%s", "");
			goto done;
		}
		if ((rc = note_protected(ctx, path, env, ename, u, json_is_true(p))) < 0)
			goto done;
	}
	const char *name = opts->env ? opts->env : "default";
	e = envs ? json_object_get(envs, name) : NULL;
	if (!e) {
		if (opts->env)
			rc = plumb_error_set_at(ctx, PLUMB_EUSAGE, path, 0, 0,
						"no environment \"%s\" in the config", opts->env);
		goto done;
	}
	if ((rc = get_string(ctx, path, text, e, "url", cfg_url)) < 0 ||
	    (rc = read_tracking(ctx, path, text, e, place)) < 0)
		goto done;
	if (json_is_true(json_object_get(e, "protected")))
		env->protected_env = plumb_arena_strdup(ctx->root, name);
done:
	json_decref(root);
	return rc;
}

/* The replay cache's folder (source/cache.c): PLUMB_CACHE_DIR ("off" or
 * empty: none), else $XDG_CACHE_HOME/plumb, else ~/.cache/plumb. Read only
 * under --dry-run; PLUMB_CACHE_VERIFY=1 checks every entry read against a
 * replay. */
static void use_cache(plumb_ctx *ctx, bool dry_run)
{
	const char *dir = getenv("PLUMB_CACHE_DIR"), *base;
	if (dir)
		ctx->cache_dir = *dir && strcmp(dir, "off") != 0 ? dir : NULL;
	else if ((base = getenv("XDG_CACHE_HOME")) && *base == '/')
		ctx->cache_dir = plumb_arena_printf(ctx->root, "%s/plumb", base);
	else if ((base = getenv("HOME")) && *base == '/')
		ctx->cache_dir = plumb_arena_printf(ctx->root, "%s/.cache/plumb", base);
	ctx->cache_write = !dry_run;
	const char *verify = getenv("PLUMB_CACHE_VERIFY");
	ctx->cache_verify = verify && strcmp(verify, "1") == 0;
}

int plumb__env_resolve(plumb_ctx *ctx, const plumb_options *opts, plumb_env *env)
{
	const char *cfg_url = NULL, *cfg_dialect = NULL, *cfg_dev_url = NULL;
	tracking_place place = {0};
	memset(env, 0, sizeof(*env));
	ctx->tracking_schema = ctx->tracking_table = NULL;
	env->opts = opts;
	env->out = opts->out ? opts->out : stdout;
	env->err = opts->err ? opts->err : stderr;
	ctx->verbose = opts->verbose;
	ctx->owners = opts->owners;
	use_cache(ctx, opts->dry_run);
	env->schema = opts->schema;
	env->dir = opts->dir;
	int rc = read_config(ctx, opts, env, &cfg_url, &cfg_dialect, &cfg_dev_url, &place);
	if (rc || (opts->tracking_table && (rc = flag_tracking(ctx, opts->tracking_table, &place))))
		return rc;
	const char *dburl = getenv("DATABASE_URL");
	if (opts->url) {
		env->url = opts->url;
		env->url_origin = "--url";
	} else if (opts->env && cfg_url) {
		env->url = cfg_url;
		env->url_origin = "config";
	} else if (dburl && *dburl) {
		env->url = dburl;
		env->url_origin = "DATABASE_URL";
	} else if (cfg_url) {
		env->url = cfg_url;
		env->url_origin = "config";
	} else {
		env->url = PLUMB_DEFAULT_URL;
		env->url_origin = "default";
	}
	if (!(env->url_shown = plumb_redact(ctx->root, env->url)))
		return plumb_error_nomem(ctx);
	if (!env->schema)
		env->schema = PLUMB_DEFAULT_SCHEMA;
	if (!env->dir)
		env->dir = PLUMB_DEFAULT_DIR;
	env->lock_timeout_ms = opts->lock_timeout_ms > 0 ? opts->lock_timeout_ms : 30000;
	env->dev_url = opts->dev_url ? opts->dev_url : cfg_dev_url;

	const char *dname = opts->dialect ? opts->dialect : cfg_dialect;
	if (dname) {
		env->dialect = plumb_dialect_by_name(dname);
		if (!env->dialect)
			return plumb_error_set(ctx, PLUMB_EUSAGE,
					       "unknown dialect \"%s\" (expected pg or sqlite)", dname);
	}
	const plumb_dialect *url_dialect = plumb_dialect_for_url(env->url);
	if (!env->dialect)
		env->dialect = url_dialect;
	if (!env->dialect)
		env->dialect = &plumb_dialect_sqlite;
	ctx->tracking_schema = place.schema;
	ctx->tracking_table = place.table;
	env->tracking_schema_file = place.schema_at.file;
	env->tracking_schema_line = place.schema_at.line;
	env->tracking_schema_col = place.schema_at.col;
	return 0;
}

int plumb__env_refuse_protected(plumb_ctx *ctx, const plumb_env *env, const char *what)
{
	const char *name = env->protected_env;
	for (size_t i = 0; !name && i < env->n_protected; i++)
		if (!strcmp(env->protected_urls[i], env->url))
			name = env->protected_names[i];
	if (!name)
		return 0;
	plumb_error_set(ctx, PLUMB_ERROR, "refusing to %s %s: environment \"%s\" is protected",
			what, env->url_shown, name);
	plumb_error_set_hint(ctx, "\"protected\": true in the config keeps push and reset away "
				  "from it; nothing was changed");
	return PLUMB_ERROR;
}

const plumb_dialect *plumb__env_file_dialect(const plumb_env *env)
{
	return env->dialect;
}

static int check_url(plumb_ctx *ctx, const plumb_env *env)
{
	if (plumb_dialect_for_url(env->url))
		return 0;
	plumb_source src;
	int rc = plumb_source_parse(ctx, env->url, &src);
	if (rc)
		return rc;
	return plumb_error_set(ctx, PLUMB_EUSAGE, "\"%s\" (from %s) is not a database URL",
			       env->url_shown, env->url_origin);
}

bool plumb__env_database_exists(const plumb_env *env)
{
	const plumb_dialect *d = plumb_dialect_for_url(env->url);
	return !d || !d->database_exists || d->database_exists(env->url);
}

bool plumb__env_no_database(const plumb_env *env)
{
	return !strcmp(env->url_origin, "default") && env->dialect != plumb_dialect_for_url(env->url);
}

int plumb__env_connect(plumb_ctx *ctx, const plumb_env *env, plumb_conn **out)
{
	int rc = check_url(ctx, env);
	if (rc)
		return rc;
	const plumb_dialect *d = plumb_dialect_for_url(env->url);
	if ((rc = check_tracking(ctx, env, d)) < 0)
		return rc;
	/* A dry run must not create the database it would create. */
	if (env->opts->dry_run && !plumb__env_database_exists(env))
		return plumb__connect_missing(ctx, d, env->url, out);
	return d->connect(ctx, ctx->root, env->url, out);
}

int plumb__connect_missing(plumb_ctx *ctx, const plumb_dialect *d, const char *url,
			   plumb_conn **out)
{
	/* the folder must exist, as it must for the database to be created */
	const char *path = url;
	if (plumb_str_starts_with(path, "sqlite://"))
		path += 9;
	else if (plumb_str_starts_with(path, "sqlite:"))
		path += 7;
	const char *slash = strrchr(path, '/');
	if (slash && slash != path) {
		char *dir = plumb_arena_strndup(ctx->root, path, (size_t)(slash - path));
		if (!dir)
			return plumb_error_nomem(ctx);
		if (!plumb_fs_is_dir(dir))
			return plumb_error_set(ctx, PLUMB_EDB,
					       "could not open database \"%s\": directory \"%s\" "
					       "does not exist",
					       path, dir);
	}
	int rc = d->connect_scratch(ctx, ctx->root, NULL, out);
	if (rc)
		return rc;
	(*out)->display = plumb_arena_printf(ctx->root, "%s (does not exist yet)", url);
	return (*out)->display ? 0 : plumb_error_nomem(ctx);
}

plumb_plan_opts plumb__env_plan_opts(const plumb_env *env)
{
	return (plumb_plan_opts){.online = env->opts->online,
				 .allow_data_loss = env->opts->allow_data_loss};
}

static int ask_probe(plumb_ctx *ctx, void *payload, const char *sql, bool *out)
{
	plumb_conn *conn = payload;
	return conn->dialect->probe(ctx, conn, sql, out);
}

int plumb__plan_probe(plumb_ctx *ctx, plumb_conn *conn, const plumb_plan *plan)
{
	if (!conn->dialect->probe)
		return 0;
	return plumb_plan_check_probes(ctx, plan, ask_probe, conn);
}

json_t *plumb__plan_json(const plumb_plan *plan)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < plan->stmts.n; i++) {
		const plumb_stmt *s = plan->stmts.items[i];
		json_t *hz = json_array();
		for (size_t j = 0; j < s->hazards.n; j++) {
			const plumb_hazard *h = s->hazards.items[j];
			json_array_append_new(hz, json_pack("{s:s, s:s, s:b}", "kind",
							    plumb_hazard_name(h->kind), "message",
							    h->message, "destructive",
							    plumb_hazard_is_destructive(h->kind)));
		}
		json_array_append_new(arr, json_pack("{s:s, s:o, s:b}", "sql", s->sql, "hazards",
						     hz, "transaction", !s->no_transaction));
	}
	return arr;
}

json_t *plumb__diff_json(plumb_ctx *ctx, const plumb_diff *diff)
{
	plumb_vec items = {0};
	plumb_buf b;
	json_t *arr = json_array();
	if (plumb_diff_items(ctx, ctx->root, diff, &items) < 0) {
		json_decref(arr);
		return NULL;
	}
	plumb_buf_init(&b, ctx->root, 0);
	for (size_t i = 0; arr && i < items.n; i++) {
		const plumb_diff_item *it = items.items[i];
		for (size_t l = 0, n = plumb_diff_item_n_lines(it); l < n; l++) {
			size_t start = b.len;
			plumb_diff_item_line(&b, it, l);
			if (!b.failed)
				json_array_append_new(arr, json_stringn(b.data + start, b.len - start));
		}
	}
	return arr;
}

/* A JSON string of text; bytes that are not UTF-8 become '?'. */
static json_t *text_json(const char *text)
{
	if (!text)
		return json_null();
	json_t *v = json_string(text);
	if (v)
		return v;
	char *copy = strdup(text);
	if (!copy)
		return NULL;
	for (char *p = copy; *p; p++)
		if ((unsigned char)*p >= 0x80)
			*p = '?';
	v = json_string(copy);
	free(copy);
	return v;
}

static const char *code_name(int code)
{
	switch (code) {
	case PLUMB_ENOMEM: return "nomem";
	case PLUMB_ENOTFOUND: return "not_found";
	case PLUMB_EPARSE: return "parse";
	case PLUMB_EDB: return "db";
	case PLUMB_EHAZARD: return "hazard";
	case PLUMB_ELOCKED: return "locked";
	case PLUMB_EDRIFT: return "drift";
	case PLUMB_EUSAGE: return "usage";
	case PLUMB_EINTEGRITY: return "integrity";
	case PLUMB_EPENDING: return "pending";
	case PLUMB_EDIFF: return "diff";
	case PLUMB_EIO: return "io";
	case PLUMB_EFAILED: return "failed";
	case PLUMB_EPROBLEM: return "problem";
	case PLUMB_ENOTMANAGED: return "not_managed";
	default: return "error";
	}
}

/* The error as a JSON object: code, message, detail, hint, sqlstate,
 * object and position ({file, line, col}, or null). */
static json_t *error_json(const plumb_error *err)
{
	json_t *pos = json_null();
	if (err->file)
		pos = json_pack("{s:o, s:i, s:i}", "file", text_json(err->file), "line", err->line,
				"col", err->line && !err->col ? 1 : err->col);
	return json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:o}", "code", code_name(err->code),
			 "message", text_json(err->message ? err->message : ""), "detail",
			 text_json(err->detail), "hint", text_json(err->hint), "sqlstate",
			 text_json(err->sqlstate), "object", text_json(err->object), "position",
			 pos);
}

/* The hazards of a refused plan, one record per hazard. */
static json_t *hazards_json(const plumb_plan *plan)
{
	json_t *arr = json_array();
	for (size_t i = 0; arr && i < plan->stmts.n; i++) {
		const plumb_stmt *s = plan->stmts.items[i];
		for (size_t j = 0; j < s->hazards.n; j++) {
			const plumb_hazard *h = s->hazards.items[j];
			json_array_append_new(arr, json_pack("{s:s, s:o, s:b, s:o}", "kind",
							     plumb_hazard_name(h->kind), "message",
							     text_json(h->message), "destructive",
							     plumb_hazard_is_destructive(h->kind),
							     "sql", text_json(s->sql)));
		}
	}
	return arr;
}

/* Writes doc, steals it, marks the run reported. */
static int dump(plumb_ctx *ctx, FILE *out, json_t *doc)
{
	int rc = json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(doc);
	fputc('\n', out);
	ctx->reported = true;
	if (rc != 0)
		return plumb_error_set(ctx, PLUMB_EIO, "could not write the report");
	return 0;
}

/* {"ok": ..., then doc's members, then "error" and "hazards" when the run
 * failed}; steals doc. */
static json_t *result_json(plumb_ctx *ctx, json_t *doc)
{
	json_t *all = json_pack("{s:b}", "ok", !ctx->err.code);
	if (!all || (doc && json_object_update(all, doc) < 0)) {
		json_decref(all);
		json_decref(doc);
		return NULL;
	}
	json_decref(doc);
	if (ctx->err.code) {
		json_object_set_new(all, "error", error_json(&ctx->err));
		if (ctx->refused)
			json_object_set_new(all, "hazards", hazards_json(ctx->refused));
	}
	return all;
}

int plumb__emit_json(plumb_ctx *ctx, const plumb_env *env, json_t *doc)
{
	if (!doc)
		return plumb_error_nomem(ctx);
	json_t *all = result_json(ctx, doc);
	if (!all)
		return plumb_error_nomem(ctx);
	return dump(ctx, env->out, all);
}

int plumb_cmd_finish(plumb_ctx *ctx, const plumb_options *opts, int rc)
{
	if (!opts->json || ctx->reported)
		return rc;
	if (rc && !ctx->err.code)
		plumb_error_set(ctx, rc, "%s", rc == PLUMB_EDIFF      ? "differences found"
					       : rc == PLUMB_EPENDING ? "pending migrations"
								      : "command failed");
	json_t *all = result_json(ctx, NULL);
	if (!all) {
		fputs("{\"ok\": false, \"error\": {\"code\": \"nomem\", \"message\": \"out of "
		      "memory\"}}\n",
		      opts->out ? opts->out : stdout);
		ctx->reported = true;
		return rc ? rc : PLUMB_ENOMEM;
	}
	int drc = dump(ctx, opts->out ? opts->out : stdout, all);
	return rc ? rc : drc;
}

void plumb_error_print_json(const plumb_error *err, FILE *f)
{
	json_t *doc = json_pack("{s:b, s:o}", "ok", false, "error", error_json(err));
	if (doc && json_dumpf(doc, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0)
		fputc('\n', f);
	else
		fputs("{\"ok\": false, \"error\": {\"code\": \"nomem\", \"message\": \"out of "
		      "memory\"}}\n",
		      f);
	json_decref(doc);
}

int plumb__unmanaged(plumb_ctx *ctx, const plumb_catalog *a, const plumb_catalog *b, plumb_vec *out)
{
	if (!a->unmanaged.n && !b->unmanaged.n)
		return 0;
	plumb_map *seen = plumb_map_new(ctx->root, false);
	if (!seen)
		return plumb_error_nomem(ctx);
	for (int side = 0; side < 2; side++) {
		const plumb_vec *v = side ? &b->unmanaged : &a->unmanaged;
		for (size_t i = 0; i < v->n; i++) {
			const char *s = v->items[i];
			if (plumb_map_get(seen, NULL, NULL, s))
				continue;
			if (plumb_map_put(seen, NULL, NULL, s, (void *)s) < 0 ||
			    plumb_vec_push(ctx->root, out, (void *)s) < 0)
				return plumb_error_nomem(ctx);
		}
	}
	return 0;
}

int plumb__note_unmanaged(plumb_ctx *ctx, const plumb_env *env, const plumb_catalog *a,
			  const plumb_catalog *b)
{
	plumb_vec all = {0};
	plumb_buf out;
	int rc = plumb__unmanaged(ctx, a, b, &all);
	if (rc < 0 || !all.n)
		return rc;
	plumb_buf_init(&out, ctx->root, 0);
	for (size_t i = 0; i < all.n; i++)
		plumb_buf_printf(&out, "  %s\n", (const char *)all.items[i]);
	if (plumb_buf_finish(&out, ctx) < 0)
		return PLUMB_ENOMEM;
	plumb__note(env,
		    "not compared: %zu object%s of kinds plumb does not manage (see \"Out of "
		    "scope\" in the README):\n%s",
		    all.n, all.n == 1 ? "" : "s", out.data);
	return 0;
}

void plumb__note(const plumb_env *env, const char *fmt, ...)
{
	if (env->opts->verbose <= 0)
		return;
	va_list ap;
	va_start(ap, fmt);
	vfprintf(env->err, fmt, ap);
	va_end(ap);
}
