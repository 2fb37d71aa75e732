/*
 * plumb adopt: the guided flow for a database plumb does not manage yet,
 * never interactive. It prints each step and ends with the exact next
 * command: the state of the database; an audit against the schema file and
 * the migrations folder (read only, never refused for hazards); with --pull,
 * the database's schema written into the schema file (a file that differs
 * only with --force); with --strategy, the baseline, checked first (the
 * database must equal the schema file and what the baseline's SQL builds):
 *
 *   baseline-file  the whole schema as the folder's first migration,
 *                  recorded as baseline;
 *   future-only    no migration: the schema kept as the folder's snapshot
 *                  (plumb.snapshot.sql, history.h says how it is read), its
 *                  record in state baseline holding its checksum, so the
 *                  next generate writes only what changes after it.
 *
 * With --retire TOOL it writes, once that tool's history was imported, a
 * migration that drops the tool's tracking table (and on PostgreSQL its own
 * schema, when the live database shows it holds nothing else), for review
 * and migrate.
 * --dry-run writes nothing. It runs no SQL of the user's.
 */
#include <stdarg.h>
#include <string.h>

#include "commands/commands.h"
#include "diff/report.h"
#include "history/import.h"

typedef struct run {
	plumb_ctx *ctx;
	plumb_env env;
	const plumb_adopt_options *ao;
	plumb_conn *conn;
	plumb_history *history;
	plumb_catalog *live;
	plumb_db_state st;
	json_t *steps, *audit;
	json_t *extra;            /* the report's other members: baseline, retire */
	const char *next;         /* the next command, once known */
	char *dump;               /* the database's schema as pull writes it */
	bool schema_exists;       /* the schema file is there */
	plumb_diff *vs_schema;    /* database -> schema file, when it exists */
	plumb_diff *vs_folder;    /* database -> migrations' state, when there are some */
	bool pulled;              /* the schema file holds (or would hold) the dump */
	bool pull_pending;        /* pull decided to write it; write_pull does */
} run;

/* --- output ---------------------------------------------------------------- */

/* Prints "NAME: message" (unless --json) and records the step. */
static void step(run *r, const char *name, const char *status, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void step(run *r, const char *name, const char *status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = plumb_arena_vprintf(r->ctx->root, fmt, ap);
	va_end(ap);
	if (!msg)
		return;
	if (!r->env.opts->json)
		fprintf(r->env.out, "%s: %s\n", name, msg);
	json_array_append_new(r->steps, json_pack("{s:s, s:s, s:s}", "step", name, "status",
						  status, "message", msg));
}

/* The audit of the database against one side (the schema file, the
 * migrations' state): the report grouped by object (only in the database,
 * only in the schema, different with each attribute before and after,
 * rename candidates), printed and returned as {path, in_sync, report,
 * changes}, changes being the statements that would bring the database to
 * that side. */
static int audit_print(run *r, const char *side, const char *path, const plumb_diff *diff,
		       json_t **out)
{
	plumb_report *rep;
	bool same = plumb_diff_is_empty(diff);
	int rc = plumb__report_from_diff(r->ctx, r->ctx->root, diff, &rep);
	if (rc < 0)
		return rc;
	if (same)
		step(r, "audit", "ok", "the database matches %s %s", side, path);
	else
		step(r, "audit", "differs", "the database differs from %s %s:", side, path);
	if (!same && !r->env.opts->json)
		plumb__report_print(r->env.out, rep, "database", path);
	*out = json_pack("{s:s, s:b, s:o, s:o}", "path", path, "in_sync", same, "report",
			 plumb__report_json(rep, "database", path), "changes",
			 plumb__diff_json(r->ctx, diff));
	return *out ? 0 : plumb_error_nomem(r->ctx);
}

/* A word the shell reads as it is: quoted when it holds anything else. */
static const char *shell_word(plumb_arena *a, const char *s)
{
	if (strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-+=:,./@%") ==
	    strlen(s))
		return s;
	plumb_buf b;
	plumb_buf_init(&b, a, 0);
	plumb_buf_putc(&b, '\'');
	for (const char *p = s; *p; p++) {
		if (*p == '\'')
			plumb_buf_puts(&b, "'\\''");
		else
			plumb_buf_putc(&b, *p);
	}
	plumb_buf_putc(&b, '\'');
	return b.failed ? s : plumb_buf_str(&b);
}

/* "plumb ARGS" with the options that chose this run's database, schema and
 * folder on the command line. */
static const char *command(run *r, const char *args)
{
	const plumb_options *o = r->env.opts;
	plumb_arena *a = r->ctx->root;
	plumb_buf b;
	plumb_buf_init(&b, a, 0);
	plumb_buf_printf(&b, "plumb %s", args);
	if (!strcmp(r->env.url_origin, "--url"))
		plumb_buf_printf(&b, " --url %s", shell_word(a, r->env.url_shown));
	if (o->env)
		plumb_buf_printf(&b, " --env %s", shell_word(a, o->env));
	if (o->config)
		plumb_buf_printf(&b, " --config %s", shell_word(a, o->config));
	if (o->schema)
		plumb_buf_printf(&b, " --schema %s", shell_word(a, o->schema));
	if (o->dir)
		plumb_buf_printf(&b, " --dir %s", shell_word(a, o->dir));
	return b.failed ? "plumb status" : plumb_buf_str(&b);
}

/* --- steps ------------------------------------------------------------------ */

static int get_dump(run *r)
{
	if (r->dump)
		return 0;
	return r->conn->dialect->dump(r->ctx, r->ctx->root, r->live, &r->dump);
}

static int audit(run *r)
{
	plumb_ctx *ctx = r->ctx;
	const plumb_dialect *d = plumb__env_file_dialect(&r->env);
	plumb_catalog *cat;
	int rc;
	r->schema_exists = plumb_fs_exists(r->env.schema);
	if (r->schema_exists) {
		if ((rc = plumb_source_schema_catalog(ctx, ctx->root, r->env.schema, d,
						      r->env.dev_url, &cat)) < 0 ||
		    (rc = plumb_diff_catalogs(ctx, ctx->root, r->live, cat, &r->vs_schema)) < 0)
			return rc;
		json_t *a;
		if ((rc = audit_print(r, "the schema file", r->env.schema, r->vs_schema, &a)) < 0)
			return rc;
		json_object_set_new(r->audit, "schema", a);
	} else {
		step(r, "audit", "missing", "there is no schema file %s", r->env.schema);
		json_object_set_new(r->audit, "schema",
				    json_pack("{s:s, s:b, s:n}", "path", r->env.schema, "in_sync",
					      false, "changes"));
	}
	if (r->history->migrations.n) {
		if ((rc = plumb_source_history_catalog(ctx, ctx->root, r->history, d,
						       r->env.dev_url, &cat)) < 0 ||
		    (rc = plumb_diff_catalogs(ctx, ctx->root, r->live, cat, &r->vs_folder)) < 0)
			return rc;
		json_t *a;
		if ((rc = audit_print(r, "the migrations in", r->env.dir, r->vs_folder, &a)) < 0)
			return rc;
		json_object_set_new(r->audit, "migrations", a);
	} else {
		step(r, "audit", "empty", "the migrations folder %s has no migrations yet",
		     r->env.dir);
	}
	return 0;
}

static int pull(run *r)
{
	plumb_ctx *ctx = r->ctx;
	const char *path = r->env.schema;
	int rc;
	if ((rc = get_dump(r)) < 0)
		return rc;
	if (r->schema_exists) {
		char *text;
		size_t len;
		if ((rc = plumb_fs_read(ctx, ctx->root, path, &text, &len)) < 0)
			return rc;
		if (len == strlen(r->dump) && !memcmp(text, r->dump, len)) {
			step(r, "pull", "ok", "%s already holds the database's schema", path);
			r->pulled = true;
			return 0;
		}
		if (!r->env.opts->force) {
			step(r, "pull", "refused",
			     "%s differs from the database's schema; not overwriting it", path);
			rc = plumb_error_set_at(ctx, PLUMB_EUSAGE, path, 0, 0,
						"schema file differs from the database's schema; "
						"not overwriting it");
			plumb_error_set_hint(ctx, "nothing was written; the audit lists what "
						  "differs. --force replaces the file (keep what "
						  "you need of it first)");
			r->next = command(r, r->ao->strategy ? (!strcmp(r->ao->strategy,
									 "future-only")
									? "adopt --pull --force "
									  "--strategy future-only"
									: "adopt --pull --force "
									  "--strategy baseline-file")
							     : "adopt --pull --force");
			return rc;
		}
	}
	r->pulled = r->pull_pending = true;
	return 0;
}

/* Writes the schema file pull decided on; with a strategy, only once the
 * baseline's checks passed, so that a refusal writes nothing. */
static int write_pull(run *r)
{
	const char *path = r->env.schema;
	int rc;
	if (!r->pull_pending)
		return 0;
	r->pull_pending = false;
	if (r->env.opts->dry_run) {
		step(r, "pull", "would", "would write %s from %s", path, r->conn->display);
		return 0;
	}
	if ((rc = plumb_fs_write_atomic(r->ctx, path, r->dump, strlen(r->dump))) < 0)
		return rc;
	step(r, "pull", "done", "wrote %s from %s", path, r->conn->display);
	return 0;
}

static const char snapshot_head[] =
	"-- The schema of the database when it was adopted (plumb adopt --strategy\n"
	"-- future-only): the starting point of this folder, not a migration. migrate\n"
	"-- runs it only on an empty database. Do not edit it.\n\n";
static const char baseline_head[] =
	"-- The whole schema of the database when it was adopted (plumb adopt\n"
	"-- --strategy baseline-file), recorded there as baseline.\n\n";

/* Records the baseline the strategy asks for, after checking that the
 * database equals what it stands for. */
static int baseline(run *r)
{
	plumb_ctx *ctx = r->ctx;
	bool snapshot = !strcmp(r->ao->strategy, "future-only");
	int rc;

	if (r->history->format == PLUMB_HISTORY_DRIZZLE) {
		step(r, "baseline", "refused", "%s is a drizzle-kit folder", r->env.dir);
		rc = plumb_error_set_at(
			ctx, PLUMB_EUSAGE, r->env.dir, 0, 0,
			"a baseline is written into a migrations folder of plumb's, "
			"and this is a drizzle-kit one");
		plumb_error_set_hint(ctx, "nothing was written; `plumb import --from drizzle` "
					  "turns it into a plumb folder");
		r->next = command(r, "import --from drizzle");
		return rc;
	}
	if (r->history->migrations.n) {
		step(r, "baseline", "refused", "the migrations folder %s already has %zu migration%s",
		     r->env.dir, r->history->migrations.n, r->history->migrations.n == 1 ? "" : "s");
		rc = plumb_error_set_at(ctx, PLUMB_ERROR, r->env.dir, 0, 0,
					"the migrations folder is not empty: a baseline strategy "
					"starts a new history");
		plumb_error_set_hint(ctx, "nothing was written. Record the migrations the database "
					  "already has with `plumb baseline VERSION` (it checks the "
					  "database matches them), or bring another tool's history "
					  "with `plumb import --from TOOL`");
		r->next = command(r, "baseline VERSION");
		return rc;
	}
	/* the schema file must be the database as it is */
	if (!r->pulled && !r->schema_exists) {
		step(r, "baseline", "refused", "there is no schema file %s", r->env.schema);
		rc = plumb_error_set_at(ctx, PLUMB_ENOTFOUND, r->env.schema, 0, 0,
					"no schema file: the baseline must stand for it");
		plumb_error_set_hint(ctx, "nothing was written; --pull writes it from the database");
		r->next = command(r, snapshot ? "adopt --pull --strategy future-only"
					      : "adopt --pull --strategy baseline-file");
		return rc;
	}
	if (!r->pulled &&
	    (rc = plumb__require_equal(
		     ctx, r->vs_schema,
		     "nothing was written. A baseline stands for the database as it is: take "
		     "its schema into the schema file with --pull (--force to replace the file), "
		     "or edit the file until the audit shows no difference",
		     "the database differs from %s", r->env.schema)) < 0) {
		step(r, "baseline", "refused", "the database differs from %s", r->env.schema);
		r->next = command(r, snapshot ? "adopt --pull --force --strategy future-only"
					      : "adopt --pull --force --strategy baseline-file");
		return rc;
	}
	/* and the baseline's SQL must build the database as it is */
	plumb_catalog *built;
	plumb_diff *diff;
	if ((rc = get_dump(r)) < 0)
		return rc;
	const char *body = plumb_arena_printf(ctx->root, "%s%s",
					      snapshot ? snapshot_head : baseline_head, r->dump);
	if (!body)
		return plumb_error_nomem(ctx);
	if ((rc = plumb__sql_catalog(ctx, &r->env, snapshot ? PLUMB_SNAPSHOT_FILE : "baseline.sql",
				     body, &built)) < 0 ||
	    (rc = plumb_diff_catalogs(ctx, ctx->root, r->live, built, &diff)) < 0)
		return rc;
	if ((rc = plumb__require_equal(ctx, diff,
				       "nothing was written. This database's schema cannot be "
				       "written so that it reads back the same (please report it); "
				       "write the first migration by hand and record it with "
				       "`plumb baseline VERSION`",
				       "the database's schema does not read back as it is")) < 0) {
		step(r, "baseline", "refused", "the database's schema does not read back as it is");
		return rc;
	}
	step(r, "check", "ok", "the database equals %s and the SQL of its baseline",
	     r->env.schema);

	json_t *rec;
	if ((rc = write_pull(r)) < 0)
		return rc;
	if (r->env.opts->dry_run) {
		if (snapshot)
			step(r, "baseline", "would",
			     "would write %s/%s (the starting point, not a migration) and %s",
			     r->env.dir, PLUMB_SNAPSHOT_FILE, PLUMB_SUM_FILE);
		else
			step(r, "baseline", "would",
			     "would write the whole schema as the first migration in %s, and %s",
			     r->env.dir, PLUMB_SUM_FILE);
		step(r, "record", "would", "would record it as baseline in %s",
		     plumb_tracking_shown(ctx, ctx->root));
		rec = json_pack("{s:s, s:b}", "strategy", r->ao->strategy, "dry_run", true);
	} else {
		plumb_migration *m;
		rc = snapshot ? plumb_history_add_snapshot(ctx, r->history, body, &m)
			      : plumb_history_add(ctx, r->history, NULL, "baseline", body, &m);
		if (rc < 0)
			return rc;
		if (snapshot)
			step(r, "baseline", "done",
			     "wrote %s (the starting point, not a migration) and %s", m->path,
			     PLUMB_SUM_FILE);
		else
			step(r, "baseline", "done", "wrote %s and %s", m->path, PLUMB_SUM_FILE);
		if ((rc = plumb_runner_baseline(ctx, r->conn, r->history, m->version)) < 0) {
			plumb_error_add_detail(ctx, "%s was written but not recorded", m->path);
			return rc;
		}
		step(r, "record", "done", "recorded %s as baseline in %s (sha256:%.12s)",
		     m->file_name, plumb_tracking_shown(ctx, ctx->root), m->checksum);
		rec = json_pack("{s:s, s:b, s:s, s:s, s:s}", "strategy", r->ao->strategy, "dry_run",
				false, "path", m->path, "version", m->version, "checksum",
				m->checksum);
	}
	json_object_set_new(r->extra, "baseline", rec);
	return 0;
}

/* --- retire ------------------------------------------------------------------ */

/* Whether excluded (a catalog's "schema.name" or "name") is tool's table. */
static bool tool_table(const plumb_import_tool *tool, const char *excluded)
{
	const char *dot = strrchr(excluded, '.');
	const char *name = dot ? dot + 1 : excluded;
	size_t slen = dot ? (size_t)(dot - excluded) : 0;
	if (!strcmp(tool->name, "sqitch"))
		return dot && slen == 6 && !strncmp(excluded, "sqitch", 6);
	if (!strcmp(tool->name, "rails") && !strcmp(name, "ar_internal_metadata"))
		return true;
	if (strcmp(name, tool->table))
		return false;
	/* a tool's own schema only counts where the engine has schemas */
	return !tool->schema || !dot ||
	       (strlen(tool->schema) == slen && !strncmp(excluded, tool->schema, slen));
}

/* How many objects schema holds besides tables (plumb_vec of names) and
 * what belongs to them (their indexes, owned sequences, row types), read from the
 * live PostgreSQL database through its catalogs; -1 when there is no such
 * schema. */
static int pg_schema_others(run *r, const char *schema, const plumb_vec *tables, long *out)
{
	plumb_ctx *ctx = r->ctx;
	plumb_buf not_in, lit, cols;
	plumb_vec rows = {0};
	bool found = false;
	int rc;

	plumb_buf_init(&not_in, ctx->root, 0);
	for (size_t i = 0; i < tables->n; i++) {
		if (i)
			plumb_buf_puts(&not_in, ", ");
		plumb_buf_quote_literal(&not_in, tables->items[i]);
	}
	plumb_buf_init(&lit, ctx->root, 0);
	plumb_buf_quote_literal(&lit, schema);
	if ((rc = plumb_buf_finish(&not_in, ctx)) < 0 || (rc = plumb_buf_finish(&lit, ctx)) < 0)
		return rc;
	/* summed over pg_namespace: the objects of schema, counted by catalog
	 * (NULL when there is no such schema) */
	plumb_buf_init(&cols, ctx->root, 0);
	plumb_buf_printf(
		&cols,
		"CAST(sum(CASE WHEN nspname = %s THEN\n"
		" (SELECT count(*) FROM pg_catalog.pg_class c\n"
		"   WHERE c.relnamespace = pg_namespace.oid\n"
		"   AND NOT (c.relkind IN ('r', 'p') AND c.relname IN (%s))\n"
		"   AND NOT EXISTS (SELECT FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_class o\n"
		"     ON o.oid = d.refobjid AND d.refclassid = 'pg_catalog.pg_class'::regclass\n"
		"     WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid\n"
		"       AND d.deptype IN ('a', 'i') AND o.relnamespace = pg_namespace.oid\n"
		"       AND o.relname IN (%s))\n"
		"   AND NOT EXISTS (SELECT FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class o\n"
		"     ON o.oid = i.indrelid WHERE i.indexrelid = c.oid\n"
		"       AND o.relnamespace = pg_namespace.oid AND o.relname IN (%s)))\n"
		" + (SELECT count(*) FROM pg_catalog.pg_type t\n"
		"   WHERE t.typnamespace = pg_namespace.oid AND t.typrelid = 0\n"
		"   AND t.typcategory <> 'A')\n"
		" + (SELECT count(*) FROM pg_catalog.pg_proc x\n"
		"   WHERE x.pronamespace = pg_namespace.oid)\n"
		" + (SELECT count(*) FROM pg_catalog.pg_collation x\n"
		"   WHERE x.collnamespace = pg_namespace.oid)\n"
		" + (SELECT count(*) FROM pg_catalog.pg_operator x\n"
		"   WHERE x.oprnamespace = pg_namespace.oid)\n"
		" + (SELECT count(*) FROM pg_catalog.pg_conversion x\n"
		"   WHERE x.connamespace = pg_namespace.oid)\n"
		" + (SELECT count(*) FROM pg_catalog.pg_opfamily x\n"
		"   WHERE x.opfnamespace = pg_namespace.oid)\n"
		" + (SELECT count(*) FROM pg_catalog.pg_ts_config x\n"
		"   WHERE x.cfgnamespace = pg_namespace.oid)\n"
		" + (SELECT count(*) FROM pg_catalog.pg_ts_dict x\n"
		"   WHERE x.dictnamespace = pg_namespace.oid)\n"
		" + (SELECT count(*) FROM pg_catalog.pg_extension x\n"
		"   WHERE x.extnamespace = pg_namespace.oid)\n"
		" END) AS TEXT)",
		lit.data, not_in.data, not_in.data, not_in.data);
	if ((rc = plumb_buf_finish(&cols, ctx)) < 0 ||
	    (rc = r->conn->dialect->foreign_rows(ctx, r->conn, ctx->root, "pg_catalog",
						 "pg_namespace", cols.data, 1, &found, &rows)) < 0)
		return rc;
	char **row = rows.n ? rows.items[0] : NULL;
	*out = row && row[0] ? strtol(row[0], NULL, 10) : -1;
	return 0;
}

static int retire(run *r)
{
	plumb_ctx *ctx = r->ctx;
	const char *name = r->ao->retire;
	const plumb_import_tool *tool = plumb__import_tool(name);
	plumb_vec records = {0};
	int rc;

	if (!tool || !tool->table)
		return plumb_error_set(ctx, PLUMB_EUSAGE,
				       "--retire %s: expected one of the tools import reads with a "
				       "table of its own (%s, but custom)",
				       name, plumb__import_tool_names());
	r->conn->tracking = PLUMB_TRACKING_PLUMB;
	if ((rc = r->conn->dialect->tracking_read(ctx, r->conn, ctx->root, &records)) < 0)
		return rc;
	size_t n_imported = 0;
	for (size_t i = 0; i < records.n; i++)
		n_imported += ((const plumb_record *)records.items[i])->state == PLUMB_RECORD_IMPORTED;
	if (!n_imported) {
		step(r, "retire", "refused", "no history was imported into %s",
		     plumb_tracking_shown(ctx, ctx->root));
		rc = plumb_error_set(ctx, PLUMB_ERROR,
				     "refusing to retire %s: its history was not imported (%s has "
				     "no imported records)",
				     tool->name, plumb_tracking_shown(ctx, ctx->root));
		plumb_error_set_hint(ctx, "nothing was written; its table is the only record of "
					  "what it ran: import it first with `plumb import --from %s`",
				     tool->name);
		r->next = command(r, plumb_arena_printf(ctx->root, "import --from %s", tool->name));
		return rc;
	}
	plumb_buf b;
	plumb_buf_init(&b, ctx->root, 0);
	plumb_buf_printf(&b, "-- Retires %s: its history was imported into %s (%zu record%s).\n",
			 tool->name, plumb_tracking_shown(ctx, ctx->root), n_imported,
			 n_imported == 1 ? "" : "s");
	size_t n = 0;
	json_t *tables = json_array();
	for (size_t i = 0; i < r->live->excluded.n; i++) {
		const char *t = r->live->excluded.items[i], *dot = strrchr(t, '.');
		if (!tool_table(tool, t))
			continue;
		plumb_buf_puts(&b, "DROP TABLE IF EXISTS ");
		if (dot) {
			char *schema = plumb_arena_strndup(ctx->root, t, (size_t)(dot - t));
			if (!schema)
				return plumb_error_nomem(ctx);
			plumb_buf_quote_ident(&b, schema);
			plumb_buf_putc(&b, '.');
		}
		plumb_buf_quote_ident(&b, dot ? dot + 1 : t);
		plumb_buf_puts(&b, ";\n");
		json_array_append_new(tables, json_string(t));
		n++;
	}
	/* the tool's own schema (drizzle, sqitch) goes too when, in the live
	 * database, it holds nothing but the tables dropped here */
	bool drop_schema = false;
	if (n && tool->schema && !strcmp(r->conn->dialect->name, "pg")) {
		plumb_vec names = {0};
		size_t sl = strlen(tool->schema);
		for (size_t i = 0; i < r->live->excluded.n; i++) {
			const char *t = r->live->excluded.items[i];
			if (tool_table(tool, t) && !strncmp(t, tool->schema, sl) && t[sl] == '.' &&
			    plumb_vec_push(ctx->root, &names, (void *)(t + sl + 1)) < 0)
				return plumb_error_nomem(ctx);
		}
		long others = -1;
		if (names.n && (rc = pg_schema_others(r, tool->schema, &names, &others)) < 0)
			return rc;
		if (others == 0) {
			plumb_buf_printf(&b,
					 "-- The schema %s held nothing but %s's table%s when this "
					 "migration was written\n-- (checked on %s); it goes too. "
					 "Without CASCADE: should anything have been\n-- added "
					 "to it since, this fails rather than drop it.\n",
					 tool->schema, tool->name, names.n == 1 ? "" : "s",
					 r->conn->display);
			plumb_buf_puts(&b, "DROP SCHEMA IF EXISTS ");
			plumb_buf_quote_ident(&b, tool->schema);
			plumb_buf_puts(&b, ";\n");
			drop_schema = true;
		} else if (others > 0) {
			plumb_buf_printf(&b,
					 "-- The schema %s is kept: it held %ld object%s besides "
					 "%s's tables when this migration was written.\n",
					 tool->schema, others, others == 1 ? "" : "s", tool->name);
		}
	}
	json_object_set_new(r->extra, "retire",
			    json_pack("{s:s, s:o, s:b}", "tool", tool->name, "tables", tables,
				      "drops_schema", drop_schema));
	if ((rc = plumb_buf_finish(&b, ctx)) < 0)
		return rc;
	if (!n) {
		step(r, "retire", "refused", "%s has no tracking table of %s", r->conn->display,
		     tool->name);
		return plumb_error_set(ctx, PLUMB_ENOTFOUND, "no tracking table of %s in %s",
				       tool->name, r->conn->display);
	}
	const char *mig = plumb_arena_printf(ctx->root, "retire_%s", tool->name);
	if (!mig)
		return plumb_error_nomem(ctx);
	if (r->env.opts->dry_run) {
		step(r, "retire", "would", "would write a migration in %s dropping %zu table%s:",
		     r->env.dir, n, n == 1 ? "" : "s");
		if (!r->env.opts->json)
			fputs(b.data, r->env.out);
		r->next = command(r, plumb_arena_printf(ctx->root, "adopt --retire %s", tool->name));
		return 0;
	}
	plumb_migration *m;
	if ((rc = plumb_history_add(ctx, r->history, NULL, mig, b.data, &m)) < 0)
		return rc;
	step(r, "retire", "done", "wrote %s dropping %zu table%s of %s; review it, then migrate",
	     m->path, n, n == 1 ? "" : "s", tool->name);
	r->next = command(r, "migrate");
	return 0;
}

/* --- the flow ----------------------------------------------------------------- */

/* The next command after an audit-only run or a successful one. */
static const char *next_of(run *r)
{
	const plumb_adopt_options *ao = r->ao;
	if (!strcmp(r->st.state, "empty"))
		return command(r, "migrate");
	if (ao->strategy)
		return r->env.opts->dry_run
			       ? command(r, plumb_arena_printf(r->ctx->root, "adopt%s%s --strategy %s",
							       ao->pull ? " --pull" : "",
							       ao->pull && r->env.opts->force
								       ? " --force"
								       : "",
							       ao->strategy))
			       : command(r, "check");
	if (!strcmp(r->st.state, "managed"))
		return command(r, "check");
	if (r->history->migrations.n) {
		if (r->vs_folder && plumb_diff_is_empty(r->vs_folder)) {
			const plumb_migration *last =
				r->history->migrations.items[r->history->migrations.n - 1];
			return command(r, plumb_arena_printf(r->ctx->root, "baseline %s",
							     last->version));
		}
		return command(r, "import --from TOOL");
	}
	if (r->pulled)
		return command(r, !r->env.opts->dry_run    ? "adopt --strategy future-only"
				  : r->env.opts->force ? "adopt --pull --force"
						       : "adopt --pull");
	if (!r->schema_exists)
		return command(r, "adopt --pull --strategy future-only");
	if (!plumb_diff_is_empty(r->vs_schema))
		return command(r, "adopt --pull --force");
	return command(r, "adopt --strategy future-only");
}

static int flow(run *r)
{
	plumb_ctx *ctx = r->ctx;
	const plumb_adopt_options *ao = r->ao;
	plumb_vec records = {0};
	int rc;

	if (!plumb__env_database_exists(&r->env)) {
		rc = plumb_error_set(ctx, PLUMB_ENOTFOUND, "database %s does not exist",
				     r->env.url_shown);
		plumb_error_set_hint(ctx, "nothing to adopt; `plumb migrate` creates it");
		return rc;
	}
	if ((rc = plumb_history_load(ctx, ctx->root, r->env.dir, &r->history)) < 0 ||
	    (rc = plumb__env_connect(ctx, &r->env, &r->conn)) < 0 ||
	    (rc = plumb_runner_read_records(ctx, r->conn, ctx->root, r->history, &records)) < 0 ||
	    (rc = r->conn->dialect->introspect(ctx, r->conn, ctx->root, &r->live)) < 0 ||
	    (rc = plumb__db_state(ctx, r->conn, r->live, &records, &r->st)) < 0)
		return rc;
	if (!strcmp(r->st.state, "unmanaged"))
		step(r, "state", r->st.state, "%s is not managed by plumb yet (%s)",
		     r->conn->display, r->st.summary);
	else if (!strcmp(r->st.state, "managed"))
		step(r, "state", r->st.state, "%s is managed by plumb (%zu record%s)",
		     r->conn->display, records.n, records.n == 1 ? "" : "s");
	else
		step(r, "state", r->st.state, "%s is empty", r->conn->display);
	if (r->st.tool_tables.n) {
		plumb_buf b;
		plumb_buf_init(&b, ctx->root, 0);
		for (size_t i = 0; i < r->st.tool_tables.n; i++)
			plumb_buf_printf(&b, "%s%s", i ? ", " : "",
					 (const char *)r->st.tool_tables.items[i]);
		step(r, "state", "tool_tables", "other tools' tracking tables found: %s",
		     plumb_buf_str(&b));
	}
	if (ao->retire)
		return retire(r);

	if ((rc = audit(r)) < 0 || (ao->pull && (rc = pull(r)) < 0))
		return rc;
	if (!ao->strategy)
		return write_pull(r);
	if (strcmp(r->st.state, "unmanaged")) {
		bool empty = !strcmp(r->st.state, "empty");
		step(r, "baseline", "refused", "%s",
		     empty ? "the database is empty" : "the database is already managed by plumb");
		rc = plumb_error_set(ctx, PLUMB_ERROR, "nothing to adopt: %s is %s",
				     r->conn->display,
				     empty ? "empty" : "already managed by plumb");
		plumb_error_set_hint(ctx, empty ? "`plumb migrate` builds it from the migrations"
						: "`plumb status` lists its migrations");
		r->next = command(r, empty ? "migrate" : "status");
		return rc;
	}
	return baseline(r);
}

int plumb_cmd_adopt(plumb_ctx *ctx, const plumb_options *opts, const plumb_adopt_options *ao)
{
	plumb_adopt_options none = PLUMB_ADOPT_OPTIONS_INIT;
	run r = {.ctx = ctx, .ao = ao ? ao : &none};
	int rc;

	if ((rc = plumb__env_resolve(ctx, opts, &r.env)) < 0)
		return rc;
	ao = r.ao;
	if (ao->strategy && strcmp(ao->strategy, "future-only") &&
	    strcmp(ao->strategy, "baseline-file"))
		return plumb_error_set(ctx, PLUMB_EUSAGE,
				       "unknown strategy \"%s\" (expected future-only or "
				       "baseline-file)",
				       ao->strategy);
	if (ao->retire && (ao->strategy || ao->pull))
		return plumb_error_set(ctx, PLUMB_EUSAGE,
				       "--retire is a step of its own: give it without --strategy "
				       "and --pull");
	r.steps = json_array();
	r.audit = json_object();
	r.extra = json_object();
	if (!r.steps || !r.audit || !r.extra) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	rc = flow(&r);
	if (rc == PLUMB_ENOMEM || (rc < 0 && !r.st.state))
		goto done;
	if (!r.next && !rc)
		r.next = next_of(&r);
	if (opts->json) {
		json_t *doc = json_pack("{s:s, s:O, s:O}", "state", r.st.state, "steps", r.steps,
					"audit", r.audit);
		if (doc)
			json_object_update(doc, r.extra);
		if (doc)
			json_object_set_new(doc, "next",
					    r.next ? json_string(r.next) : json_null());
		int jrc = plumb__emit_json(ctx, &r.env, doc);
		if (!rc)
			rc = jrc;
	} else if (r.next) {
		fprintf(r.env.out, "next: %s\n", r.next);
	}
done:
	json_decref(r.steps);
	json_decref(r.audit);
	json_decref(r.extra);
	return rc;
}
