/*
 * plumb import --from TOOL: turns another migration tool's history into a
 * plumb migrations folder (history/import*.c read the tool's files) and,
 * when a database is named, checks the tool's tracking table against the
 * files and records what it applied in plumb's tracking table (state imported).
 * The other tool's table is only read. Nothing is written when a problem
 * is found that --accept does not name: the folder is built in a temporary
 * folder beside its place and renamed into place at the end.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "commands/commands.h"
#include "history/import.h"

static bool accepted(const plumb_import_options *imp, const char *kind)
{
	for (size_t i = 0; i < imp->n_accept; i++)
		if (strcmp(imp->accept[i], kind) == 0 || strcmp(imp->accept[i], "all") == 0)
			return true;
	return false;
}

/* Removes dir and what an import put in it (files, down/). */
static void remove_tree(plumb_arena *a, const char *dir)
{
	static const char *const subs[] = {"down", ""};
	for (size_t s = 0; s < 2; s++) {
		const char *d = *subs[s] ? plumb_path_join(a, dir, subs[s]) : dir;
		DIR *h = d ? opendir(d) : NULL;
		struct dirent *e;
		while (h && (e = readdir(h))) {
			if (e->d_name[0] == '.' && (!e->d_name[1] || !strcmp(e->d_name, "..")))
				continue;
			char *p = plumb_path_join(a, d, e->d_name);
			if (p && unlink(p) != 0 && errno == EISDIR)
				rmdir(p);
		}
		if (h)
			closedir(h);
		if (d)
			rmdir(d);
	}
}

/* True when the files of a and b (and of their down/) are the same. */
static bool same_tree(plumb_ctx *ctx, plumb_arena *a, const char *x, const char *y)
{
	static const char *const subs[] = {"", "down"};
	for (size_t s = 0; s < 2; s++) {
		const char *dx = *subs[s] ? plumb_path_join(a, x, subs[s]) : x;
		const char *dy = *subs[s] ? plumb_path_join(a, y, subs[s]) : y;
		plumb_vec fx = {0}, fy = {0};
		if (!dx || !dy)
			return false;
		if (plumb_fs_is_dir(dx) != plumb_fs_is_dir(dy))
			return false;
		if (!plumb_fs_is_dir(dx))
			continue;
		if (plumb_fs_list(ctx, a, dx, "", &fx) < 0 ||
		    plumb_fs_list(ctx, a, dy, "", &fy) < 0 || fx.n != fy.n) {
			plumb_error_clear(ctx);
			return false;
		}
		for (size_t i = 0; i < fx.n; i++) {
			char *tx, *ty;
			size_t nx, ny;
			if (strcmp(fx.items[i], fy.items[i]) ||
			    plumb_fs_read(ctx, a, plumb_path_join(a, dx, fx.items[i]), &tx, &nx) <
				    0 ||
			    plumb_fs_read(ctx, a, plumb_path_join(a, dy, fy.items[i]), &ty, &ny) <
				    0 ||
			    nx != ny || memcmp(tx, ty, nx)) {
				plumb_error_clear(ctx);
				return false;
			}
		}
	}
	return true;
}

/* True when dir has no entries. */
static bool empty_dir(const char *dir)
{
	DIR *h = opendir(dir);
	struct dirent *e;
	bool empty = true;
	while (h && empty && (e = readdir(h)))
		empty = e->d_name[0] == '.' && (!e->d_name[1] || !strcmp(e->d_name, ".."));
	if (h)
		closedir(h);
	return empty;
}

/* The tool's table read into rows (found false when it does not exist). */
static int read_table(plumb_ctx *ctx, plumb_conn *conn, const plumb_import_tool *tool,
		      const plumb_import_options *imp, plumb_import_rows *rows)
{
	const char *schema = tool->schema, *table = tool->table, *columns = tool->columns;
	int rc;
	rows->n_cols = tool->n_cols;
	if (!table) { /* custom: [schema.]table and a version column */
		const char *dot = strchr(imp->table, '.');
		schema =
			dot ? plumb_arena_strndup(ctx->root, imp->table, (size_t)(dot - imp->table))
			    : NULL;
		table = dot ? dot + 1 : imp->table;
		char *col = plumb_quote_ident(ctx->root, imp->version_column);
		columns = col ? plumb_arena_printf(ctx->root, "CAST(%s AS TEXT)", col) : NULL;
		if (!columns || (dot && !schema))
			return plumb_error_nomem(ctx);
	}
	if (!strcmp(tool->name, "drizzle") || !strcmp(tool->name, "sqitch")) {
		/* pg keeps them in their own schema; SQLite has one (drizzle's
		 * table there is __drizzle_migrations, sqitch's registry a file) */
		if (strcmp(conn->dialect->name, "pg") != 0)
			schema = NULL;
	}
	if (!strcmp(tool->name, "drizzle")) {
		/* drizzle-orm 1.0's table adds name and applied_at; told apart,
		 * as its migrator tells them, by the column name, looked up in
		 * the catalog rather than tried */
		bool v1;
		if ((rc = conn->dialect->foreign_has_column(ctx, conn, schema, table, "name",
							    &v1)) < 0)
			return rc;
		if (v1) {
			columns = "hash, CAST(created_at AS TEXT), name, CAST(applied_at AS TEXT)";
			rows->n_cols = 4;
		}
	}
	return conn->dialect->foreign_rows(ctx, conn, ctx->root, schema, table, columns,
					   rows->n_cols, &rows->found, &rows->rows);
}

int plumb_cmd_import(plumb_ctx *ctx, const plumb_options *opts, const plumb_import_options *imp)
{
	plumb_env env;
	plumb_options o = *opts;
	plumb_conn *conn = NULL;
	plumb_vec migs = {0}, problems = {0}, records = {0};
	plumb_fs_batch *batch;
	plumb_arena *work = NULL;
	char *tmp = NULL;
	int rc;

	const plumb_import_tool *tool = plumb__import_tool(imp->from);
	if (!imp->from || !tool) {
		rc = plumb_error_set(ctx, PLUMB_EUSAGE,
				     imp->from ? "unknown tool \"%s\" for --from"
					       : "import needs --from TOOL%s",
				     imp->from ? imp->from : "");
		plumb_error_set_hint(ctx, "tools: %s", plumb__import_tool_names());
		return rc;
	}
	static const char *const kinds[] = {"missing", "dirty",	  "failed", "rolled-back",
					    "checksum", "pending", "all"};
	for (size_t i = 0; i < imp->n_accept; i++) {
		bool known = false;
		for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
			known = known || strcmp(imp->accept[i], kinds[k]) == 0;
		if (!known) {
			rc = plumb_error_set(ctx, PLUMB_EUSAGE, "unknown problem kind \"%s\" for --accept",
					     imp->accept[i]);
			plumb_error_set_hint(ctx, "kinds: missing, dirty, failed, rolled-back, checksum, "
						  "pending, all");
			return rc;
		}
	}
	/* --dir names the tool's folder here; plumb's folder is --output or
	 * the environment's */
	o.dir = NULL;
	if ((rc = plumb__env_resolve(ctx, &o, &env)) < 0)
		return rc;
	const char *out = opts->output ? opts->output : env.dir;
	plumb_import_args args = {
		.dir = opts->dir ? opts->dir : tool->default_dir,
		.table = imp->table,
		.version_column = imp->version_column,
		.pattern = imp->pattern,
	};
	if (!args.dir) {
		rc = plumb_error_set(ctx, PLUMB_EUSAGE,
				     "import --from %s needs --dir: the folder "
				     "of %s's migrations",
				     tool->name, tool->name);
		return rc;
	}
	if (!strcmp(tool->name, "custom") && (!imp->table || !imp->version_column || !imp->pattern))
		return plumb_error_set(
			ctx, PLUMB_EUSAGE,
			"--from custom needs --table, --version-column and --pattern");
	if (!plumb_fs_is_dir(args.dir))
		return plumb_error_set_at(ctx, PLUMB_ENOTFOUND, args.dir, 0, 0,
					  "no %s migrations folder here", tool->name);
	if ((rc = tool->read(ctx, ctx->root, &args, &migs)) < 0)
		return rc;
	if (!migs.n)
		return plumb_error_set_at(ctx, PLUMB_ENOTFOUND, args.dir, 0, 0,
					  "no %s migrations found", tool->name);
	if (tool->note)
		plumb__note(&env, "note: %s\n", tool->note);

	/* the tool's table, when a database is named */
	bool use_db = strcmp(env.url_origin, "default") != 0;
	if (use_db) {
		plumb_import_rows rows = {0};
		if ((rc = plumb__env_connect(ctx, &env, &conn)) < 0 ||
		    (rc = plumb_runner_import_allowed(ctx, conn)) < 0 ||
		    (rc = read_table(ctx, conn, tool, imp, &rows)) < 0)
			return rc;
		if (!rows.found) {
			rc = plumb_error_set(ctx, PLUMB_ENOTFOUND,
					     "%s has no %s tracking table (%s)", conn->display,
					     tool->name, tool->table ? tool->table : imp->table);
			plumb_error_set_hint(ctx, "check --url; without a database only the "
						  "folder is imported");
			return rc;
		}
		if ((rc = tool->match(ctx, ctx->root, &args, &migs, &rows, &problems)) < 0)
			return rc;
	}
	size_t n_refused = 0;
	for (size_t i = 0; i < problems.n; i++) {
		const plumb_import_problem *p = problems.items[i];
		if (accepted(imp, p->kind)) {
			plumb__note(&env, "accepted (%s): %s\n", p->kind, p->message);
			continue;
		}
		if (n_refused++ == 0) {
			rc = plumb_error_set(ctx, PLUMB_EINTEGRITY,
					     "%s's tracking table does not agree with its files",
					     tool->name);
			plumb_error_set_hint(ctx,
					     "nothing was written. Fix each problem, or accept "
					     "its kind with --accept KIND (e.g. --accept %s)",
					     p->kind);
		}
		plumb_error_add_detail(ctx, "%s: %s", p->kind, p->message);
	}
	if (n_refused)
		return rc;

	/* the folder, built beside its place */
	if (plumb_fs_exists(out) && !plumb_fs_is_dir(out))
		return plumb_error_set_at(ctx, PLUMB_EUSAGE, out, 0, 0, "not a folder");
	if (!(work = plumb_arena_new(ctx->root)))
		return plumb_error_nomem(ctx);
	tmp = plumb_arena_printf(ctx->root, "%s.import-XXXXXX", out);
	if (!tmp) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	{
		char *slash = strrchr(out, '/');
		char *parent = slash ? plumb_arena_strndup(work, out, (size_t)(slash - out)) : NULL;
		if (parent && *parent && (rc = plumb_fs_mkdir_p(ctx, parent)) < 0)
			goto done;
	}
	if (!mkdtemp(tmp)) {
		rc = plumb_error_set_at(ctx, PLUMB_EIO, tmp, 0, 0, "could not create folder: %s",
					strerror(errno));
		tmp = NULL;
		goto done;
	}
	if ((rc = plumb_fs_batch_new(ctx, work, &batch)) < 0 ||
	    (rc = plumb__import_stage(ctx, work, tool->name, tmp, &migs, batch)) < 0 ||
	    (rc = plumb_fs_batch_commit(batch)) < 0)
		goto done;
	plumb_history *written;
	if ((rc = plumb_history_load(ctx, work, tmp, &written)) < 0)
		goto done; /* the folder we made must read back */

	bool identical = false;
	if (plumb_fs_is_dir(out) && !empty_dir(out)) {
		identical = same_tree(ctx, work, tmp, out);
		if (!identical) {
			rc = plumb_error_set_at(
				ctx, PLUMB_EUSAGE, out, 0, 0,
				"migrations folder is not empty: nothing was written");
			plumb_error_set_hint(ctx, "import into a new folder (--output DIR), or "
						  "remove this one");
			goto done;
		}
	}

	/* the tool kept no time: the time of the import */
	char now[32];
	time_t t = time(NULL);
	struct tm u;
	gmtime_r(&t, &u);
	strftime(now, sizeof(now), "%Y-%m-%dT%H:%M:%SZ", &u);
	size_t n_applied = 0;
	for (size_t i = 0; i < migs.n; i++) {
		plumb_import_mig *m = migs.items[i];
		if (!m->applied)
			continue;
		plumb_record *r = plumb_arena_alloc(ctx->root, sizeof(*r));
		const char *us = strchr(m->file_name, '_');
		if (!r || plumb_vec_push(ctx->root, &records, r) < 0) {
			rc = plumb_error_nomem(ctx);
			goto done;
		}
		memset(r, 0, sizeof(*r));
		r->version =
			plumb_arena_strndup(ctx->root, m->file_name, (size_t)(us - m->file_name));
		r->name = plumb_arena_strndup(ctx->root, us + 1, strlen(us + 1) - 4);
		r->checksum = m->checksum;
		r->state = PLUMB_RECORD_IMPORTED;
		r->applied_at = m->applied_at ? m->applied_at : now;
		r->applied_by = plumb_arena_printf(ctx->root, "plumb import --from %s", tool->name);
		if (!r->version || !r->name || !r->applied_by) {
			rc = plumb_error_nomem(ctx);
			goto done;
		}
		n_applied++;
	}
	if (opts->dry_run) {
		for (size_t i = 0; i < migs.n && !opts->json; i++) {
			plumb_import_mig *m = migs.items[i];
			fprintf(env.out, "would write %s%s\n", m->file_name,
				m->applied ? " (imported as applied)" : "");
		}
		goto report;
	}
	/* the folder first: when recording fails after it, running the same
	 * import again finds it identical and records what is left */
	if (!identical) {
		if (plumb_fs_is_dir(out))
			rmdir(out); /* empty */
		if (rename(tmp, out) != 0) {
			rc = plumb_error_set_at(ctx, PLUMB_EIO, out, 0, 0,
						"could not move the imported folder into place: %s",
						strerror(errno));
			goto done;
		}
		tmp = NULL;
	}
	if (use_db && (rc = plumb_runner_import(ctx, conn, &records)) < 0) {
		plumb_error_add_detail(ctx, "the folder %s was written: the same import run again "
					    "finds it identical and records what the tool applied",
				       out);
		goto done;
	}
report:
	if (opts->json) {
		json_t *list = json_array();
		for (size_t i = 0; i < migs.n; i++) {
			plumb_import_mig *m = migs.items[i];
			json_array_append_new(list, json_pack("{s:s, s:s, s:b, s:b}", "file",
							      m->file_name, "source", m->source,
							      "applied", m->applied, "down",
							      m->down != NULL));
		}
		rc = plumb__emit_json(ctx, &env,
				      json_pack("{s:s, s:s, s:s, s:o, s:I, s:b, s:b}", "from",
						tool->name, "source", args.dir, "migrations", out,
						"files", list, "imported", (json_int_t)n_applied,
						"unchanged", identical, "dry_run", opts->dry_run));
	} else if (!opts->dry_run) {
		plumb__note(&env, "%s: %zu %s migration%s written%s", out, migs.n, tool->name,
			    migs.n == 1 ? "" : "s", identical ? " (already there, identical)" : "");
		if (use_db)
			plumb__note(&env, "; %zu recorded as imported in %s", n_applied,
				    conn->display);
		plumb__note(&env, "\n");
	}
done:
	if (tmp)
		remove_tree(work ? work : ctx->root, tmp);
	plumb_arena_free(work);
	return rc;
}
