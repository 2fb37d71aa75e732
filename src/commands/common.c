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

/* Expands ${NAME} from the process environment; unset names are an error. */
static int expand_env(plumb_ctx *ctx, const char *config, const char *in, const char **out)
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

static const char *config_path(plumb_ctx *ctx, const char *config, const char *value)
{
	const char *slash = strrchr(config, '/');
	if (!slash || value[0] == '/')
		return value;
	return plumb_arena_printf(ctx->root, "%.*s/%s", (int)(slash - config), config, value);
}

static int get_string(plumb_ctx *ctx, const char *config, json_t *obj, const char *key,
		      const char **out)
{
	json_t *v = json_object_get(obj, key);
	if (!v)
		return 0;
	if (!json_is_string(v))
		return plumb_error_set_at(ctx, PLUMB_EUSAGE, config, 0, 0, "\"%s\" must be a string",
					  key);
	return expand_env(ctx, config, json_string_value(v), out);
}

static int read_config(plumb_ctx *ctx, const plumb_options *opts, plumb_env *env,
		       const char **cfg_url, const char **cfg_dialect, const char **cfg_dev_url)
{
	const char *path = opts->config ? opts->config : PLUMB_DEFAULT_CONFIG;
	if (!opts->config && !plumb_fs_exists(path)) {
		if (opts->env)
			return plumb_error_set(ctx, PLUMB_EUSAGE,
					       "--env %s given but there is no %s", opts->env, path);
		return 0;
	}
	json_error_t jerr;
	json_t *root = json_load_file(path, 0, &jerr);
	int rc = 0;
	if (!root) {
		if (!plumb_fs_exists(path))
			return plumb_error_set_at(ctx, PLUMB_ENOTFOUND, path, 0, 0,
						  "no such config file");
		return plumb_error_set_at(ctx, PLUMB_EPARSE, path, jerr.line, jerr.column, "%s",
					  jerr.text);
	}
	if (!json_is_object(root)) {
		rc = plumb_error_set_at(ctx, PLUMB_EPARSE, path, 1, 1, "config must be a JSON object");
		goto done;
	}
	const char *s = NULL, *d = NULL;
	if ((rc = get_string(ctx, path, root, "schema", &s)) < 0 ||
	    (rc = get_string(ctx, path, root, "migrations", &d)) < 0 ||
	    (rc = get_string(ctx, path, root, "dialect", cfg_dialect)) < 0 ||
	    (rc = get_string(ctx, path, root, "dev_url", cfg_dev_url)) < 0)
		goto done;
	if (s && !opts->schema)
		env->schema = config_path(ctx, path, s);
	if (d && !opts->dir)
		env->dir = config_path(ctx, path, d);
	json_t *envs = json_object_get(root, "environments");
	const char *name = opts->env ? opts->env : "default";
	json_t *e = envs ? json_object_get(envs, name) : NULL;
	if (!e) {
		if (opts->env)
			rc = plumb_error_set_at(ctx, PLUMB_EUSAGE, path, 0, 0,
						"no environment \"%s\" in the config", opts->env);
		goto done;
	}
	if (!json_is_object(e)) {
		rc = plumb_error_set_at(ctx, PLUMB_EPARSE, path, 0, 0,
					"environment \"%s\" must be a JSON object", name);
		goto done;
	}
	rc = get_string(ctx, path, e, "url", cfg_url);
done:
	json_decref(root);
	return rc;
}

int plumb__env_resolve(plumb_ctx *ctx, const plumb_options *opts, plumb_env *env)
{
	const char *cfg_url = NULL, *cfg_dialect = NULL, *cfg_dev_url = NULL;
	memset(env, 0, sizeof(*env));
	env->opts = opts;
	env->out = opts->out ? opts->out : stdout;
	env->err = opts->err ? opts->err : stderr;
	ctx->verbose = opts->verbose;
	env->schema = opts->schema;
	env->dir = opts->dir;
	int rc = read_config(ctx, opts, env, &cfg_url, &cfg_dialect, &cfg_dev_url);
	if (rc)
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
	return 0;
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
			       env->url, env->url_origin);
}

bool plumb__env_database_exists(const plumb_env *env)
{
	const plumb_dialect *d = plumb_dialect_for_url(env->url);
	return !d || !d->database_exists || d->database_exists(env->url);
}

int plumb__env_connect(plumb_ctx *ctx, const plumb_env *env, plumb_conn **out)
{
	int rc = check_url(ctx, env);
	if (rc)
		return rc;
	const plumb_dialect *d = plumb_dialect_for_url(env->url);
	return d->connect(ctx, ctx->root, env->url, out);
}

int plumb__plan_diff(plumb_ctx *ctx, const plumb_env *env, const plumb_dialect *d,
		     const plumb_diff *diff, plumb_plan **out)
{
	plumb_plan_opts popts = {.online = env->opts->online};
	int rc = d->plan(ctx, ctx->root, diff, &popts, out);
	if (rc)
		return rc;
	return plumb_plan_check_hazards(ctx, *out, env->opts->allow_data_loss);
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
	plumb_buf b;
	plumb_buf_init(&b, ctx->root, 0);
	plumb_diff_describe(diff, &b);
	json_t *arr = json_array();
	const char *p = plumb_buf_str(&b);
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		json_array_append_new(arr, json_stringn(p, n));
		p += n + (nl ? 1 : 0);
	}
	return arr;
}

int plumb__emit_json(plumb_ctx *ctx, const plumb_env *env, json_t *doc)
{
	if (!doc)
		return plumb_error_nomem(ctx);
	int rc = json_dumpf(doc, env->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(doc);
	fputc('\n', env->out);
	if (rc != 0)
		return plumb_error_set(ctx, PLUMB_EIO, "could not write the report");
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
