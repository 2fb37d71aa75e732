/*
 * The runner: joins migration files with tracking rows into a status, applies
 * pending migrations exactly once (each in its own transaction together with
 * its tracking row, or statement by statement behind a row that says it
 * started, so an interrupted or failed run leaves a visible failed state),
 * applies plans for push, replays a history into a scratch database and
 * records baselines. It talks to databases only through the plumb_dialect
 * table, and it never plans, diffs or reads files itself. drizzle-kit folders
 * run as drizzle-orm runs them (each `--> statement-breakpoint` chunk on its
 * own) and are recorded in drizzle-orm's table.
 */
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "runner/runner.h"
#include "util/map.h"

#define DEFAULT_LOCK_TIMEOUT_MS PLUMB_DEFAULT_RUNNER_LOCK_TIMEOUT_MS
/* Beyond this, a chunk of a drizzle-kit migration is sent without the
 * padding that keeps error positions true to the file. */
#define MAX_PAD (1L << 20)

/* --- small helpers ---------------------------------------------------------- */

static int cmp_record(const void *a, const void *b)
{
	const plumb_record *x = *(const plumb_record *const *)a;
	const plumb_record *y = *(const plumb_record *const *)b;
	return plumb__history_version_order(x->version, y->version);
}

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static char *utc_now(plumb_arena *a)
{
	char buf[32];
	time_t t = time(NULL);
	struct tm u;
	gmtime_r(&t, &u);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &u);
	return plumb_arena_strdup(a, buf);
}

/* Who applies migrations, for applied_by: $USER, $LOGNAME, else the name
 * of the effective user in the password database, else "uid N". */
static const char *who(void)
{
	static char name[256];
	const char *u = getenv("USER");
	if (!u || !*u)
		u = getenv("LOGNAME");
	if (!u || !*u) {
		struct passwd *pw = getpwuid(geteuid());
		u = pw && pw->pw_name && *pw->pw_name ? pw->pw_name : NULL;
	}
	if (u)
		snprintf(name, sizeof(name), "%s", u);
	else
		snprintf(name, sizeof(name), "uid %u", (unsigned)geteuid());
	return name;
}

/* A migration as people name it in messages (its file name without .sql):
 * printf("\"" LABEL "\"", LABEL_OF(m)). */
#define LABEL PLUMB_MIG_LABEL
#define LABEL_OF(m) PLUMB_MIG_LABEL_OF(m)

/* A state in messages: its file's label, or the version and recorded name. */
static const char *state_label(plumb_ctx *ctx, const plumb_mig_state *s)
{
	const char *l;
	if (s->file)
		l = plumb_arena_printf(ctx->root, LABEL, LABEL_OF(s->file));
	else if (s->name && *s->name)
		l = plumb_arena_printf(ctx->root, "%s_%s", s->version, s->name);
	else
		l = s->version;
	return l ? l : s->version;
}

static bool is_drizzle(const plumb_conn *conn)
{
	return conn->tracking == PLUMB_TRACKING_DRIZZLE;
}

/* The tracking table in messages and hints. */
static const char *table_name(plumb_ctx *ctx, const plumb_conn *conn)
{
	return is_drizzle(conn) ? conn->dialect->drizzle_table
				: plumb_tracking_shown(ctx, ctx->root);
}

static const plumb_record *find_record(const plumb_vec *records, const char *version)
{
	for (size_t i = 0; i < records->n; i++) {
		const plumb_record *r = records->items[i];
		if (plumb__history_version_same(r->version, version))
			return r;
	}
	return NULL;
}

int plumb_runner_use_history(plumb_ctx *ctx, plumb_conn *conn, const plumb_history *history)
{
	conn->tracking = history->format == PLUMB_HISTORY_DRIZZLE ? PLUMB_TRACKING_DRIZZLE
								  : PLUMB_TRACKING_PLUMB;
	if (history->engine && strcmp(history->engine, conn->dialect->name) != 0) {
		int rc = plumb_error_set_at(ctx, PLUMB_EUSAGE, history->dir, 0, 0,
					    "drizzle-kit folder for %s, but the database is %s",
					    strcmp(history->engine, "pg") == 0 ? "postgresql"
									       : history->engine,
					    strcmp(conn->dialect->name, "pg") == 0
						    ? "postgresql"
						    : conn->dialect->name);
		plumb_error_set_hint(ctx, "the journal's \"dialect\" says which engine its SQL is for; "
					  "check --dir and --url");
		return rc;
	}
	return 0;
}

int plumb_runner_read_records(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena,
			      const plumb_history *history, plumb_vec *out)
{
	int rc = plumb_runner_use_history(ctx, conn, history);
	return rc ? rc : conn->dialect->tracking_read(ctx, conn, arena, out);
}

/* --- status ---------------------------------------------------------------- */

const char *plumb_mig_status_name(plumb_mig_status status)
{
	switch (status) {
	case PLUMB_MIG_APPLIED:
		return "applied";
	case PLUMB_MIG_BASELINE:
		return "baseline";
	case PLUMB_MIG_PENDING:
		return "pending";
	case PLUMB_MIG_FAILED:
		return "failed";
	case PLUMB_MIG_MODIFIED:
		return "modified";
	case PLUMB_MIG_MISSING:
		return "missing";
	case PLUMB_MIG_OUT_OF_ORDER:
		return "out-of-order";
	}
	return "unknown";
}

int plumb_runner_status(plumb_ctx *ctx, plumb_arena *arena, const plumb_history *history,
			const plumb_vec *records, plumb_vec *out)
{
	int rc = 0;
	plumb_vec recs = {0}, effective = {0};
	plumb_map *consumed = NULL;
	const char *newest = NULL;
	if ((rc = plumb__runner_effective(ctx, arena, history, records, &effective, &consumed)) < 0)
		goto done;
	for (size_t i = 0; records && i < records->n; i++) {
		const plumb_record *r = records->items[i];
		if (plumb_map_get(consumed, plumb__history_version_strip(r->version), NULL, NULL))
			continue; /* its squashing migration stands for it */
		if (plumb_vec_push(arena, &recs, (void *)r) < 0) {
			rc = plumb_error_nomem(ctx);
			goto done;
		}
		if (PLUMB_RECORD_DONE(r->state) &&
		    (!newest || plumb__history_version_order(r->version, newest) > 0))
			newest = r->version;
	}
	plumb_vec_sort(&recs, cmp_record);

	/* merge two lists sorted by version */
	size_t i = 0, j = 0;
	const plumb_vec *files = &effective;
	while (i < files->n || j < recs.n) {
		const plumb_migration *m = i < files->n ? files->items[i] : NULL;
		const plumb_record *r = j < recs.n ? recs.items[j] : NULL;
		int c = !m ? 1 : !r ? -1 : plumb__history_version_order(m->version, r->version);
		plumb_mig_state *s = plumb_arena_alloc(arena, sizeof(*s));
		if (!s || plumb_vec_push(arena, out, s) < 0) {
			rc = plumb_error_nomem(ctx);
			goto done;
		}
		if (c <= 0) {
			s->file = m;
			s->version = m->version;
			s->name = m->name;
			i++;
		}
		if (c >= 0) {
			s->record = r;
			if (!s->version) {
				s->version = r->version;
				s->name = r->name;
			}
			j++;
		}
		if (!s->record)
			s->status = newest && plumb__history_version_order(m->version, newest) < 0
					    ? PLUMB_MIG_OUT_OF_ORDER
					    : PLUMB_MIG_PENDING;
		else if (s->record->state == PLUMB_RECORD_FAILED)
			s->status = PLUMB_MIG_FAILED;
		else if (!s->file)
			s->status = PLUMB_MIG_MISSING;
		else if (s->record->state == PLUMB_RECORD_BASELINE)
			s->status = PLUMB_MIG_BASELINE;
		else if (!plumb__runner_squash_matches(s->file, s->record->checksum))
			s->status = PLUMB_MIG_MODIFIED;
		else
			s->status = PLUMB_MIG_APPLIED;
	}
done:
	return rc;
}

/* Refuses to run when an applied migration was modified, a failed one is
 * recorded (unless retried), or (unless allowed) a pending one is older
 * than the newest applied. Only migrations up to `to` count as pending. */
static int check_states(plumb_ctx *ctx, const plumb_conn *conn, const plumb_vec *states,
			const plumb_migrate_opts *opts, const char *to)
{
	int rc = 0;
	size_t n = 0;
	const char *newest = NULL;

	for (size_t i = 0; i < states->n; i++) {
		const plumb_mig_state *s = states->items[i];
		if (s->status != PLUMB_MIG_MODIFIED)
			continue;
		if (n++ == 0) {
			rc = plumb_error_set_at(ctx, PLUMB_EINTEGRITY, s->file->path, 0, 0,
						"applied migration \"" LABEL
						"\" was modified after it was "
						"applied",
						LABEL_OF(s->file));
			plumb_error_set_hint(ctx, "nothing was run. Restore the file as it was "
						  "applied (see its version control history); "
						  "change the schema with a new migration instead");
		}
		plumb_error_add_detail(
			ctx, "\"" LABEL "\": applied with sha256:%.12s, file now sha256:%.12s",
			LABEL_OF(s->file), s->record->checksum, s->file->checksum);
	}
	if (rc)
		return rc;

	for (size_t i = 0; i < states->n && !opts->retry_failed; i++) {
		const plumb_mig_state *s = states->items[i];
		if (s->status != PLUMB_MIG_FAILED)
			continue;
		const char *err = s->record->error ? s->record->error : "(no error recorded)";
		if (n++ == 0) {
			rc = plumb_error_set(ctx, PLUMB_EFAILED,
					     "migration \"%s\" failed on an earlier run and is "
					     "recorded as failed",
					     state_label(ctx, s));
			plumb_error_set_hint(
				ctx,
				"it ran outside a transaction, so the statements before the "
				"failing one stay applied. Finish or undo them by hand, then "
				"clear the failed state with `plumb repair` (or DELETE FROM "
				"%s WHERE version = '%s') and run migrate again, or run it "
				"again from its first statement with `plumb migrate "
				"--retry-failed` when its statements can run twice",
				table_name(ctx, conn), s->version);
			if (s->file)
				plumb_error_set_object(ctx, s->file->file_name);
		}
		plumb_error_add_detail(ctx, "\"%s\" at %s: %s", state_label(ctx, s),
				       s->record->applied_at ? s->record->applied_at : "?", err);
	}
	if (rc || opts->allow_out_of_order)
		return rc;

	for (size_t i = 0; i < states->n; i++) {
		const plumb_mig_state *s = states->items[i];
		if (s->record && PLUMB_RECORD_DONE(s->record->state) &&
		    (!newest || plumb__history_version_order(s->version, newest) > 0))
			newest = s->version;
	}
	for (size_t i = 0; i < states->n; i++) {
		const plumb_mig_state *s = states->items[i];
		if (s->status != PLUMB_MIG_OUT_OF_ORDER)
			continue;
		if (to && plumb__history_version_order(s->version, to) > 0)
			continue;
		if (n++ == 0) {
			rc = plumb_error_set_at(ctx, PLUMB_EINTEGRITY, s->file->path, 0, 0,
						"migration \"" LABEL
						"\" is older than the newest applied "
						"one (%s)",
						LABEL_OF(s->file), newest ? newest : "?");
			if (is_drizzle(conn))
				plumb_error_set_hint(
					ctx, "drizzle-orm's migrate() skips it without a word (its "
					     "journal \"when\" is older than the newest applied); "
					     "check that it does not depend on newer migrations, "
					     "then run with --allow-out-of-order to apply it");
			else
				plumb_error_set_hint(ctx,
						     "it was probably merged from another branch; "
						     "check that it does not depend on newer "
						     "migrations, then run with --allow-out-of-order "
						     "to apply it");
		} else {
			plumb_error_add_detail(ctx, "also older than %s: \"" LABEL "\"", newest,
					       LABEL_OF(s->file));
		}
	}
	return rc;
}

/* Refuses, before anything runs, migrations (plumb_migration *) that run in
 * a transaction but contain transaction control of their own: a COMMIT in
 * one would end plumb's transaction half-way, apply part of the file and
 * leave it unrecorded. Drizzle-kit migrations are checked too: plumb runs
 * each in a transaction, as drizzle-orm runs all of them in one. The
 * engine's parser finds the statements (dialect find_txn_control). */
static int check_txn_control(plumb_ctx *ctx, const plumb_conn *conn, plumb_arena *arena,
			     const plumb_vec *migrations)
{
	int rc = 0;
	size_t n = 0;
	if (!conn->dialect->find_txn_control)
		return 0;
	for (size_t i = 0; i < migrations->n; i++) {
		const plumb_migration *m = migrations->items[i];
		size_t off;
		const char *what;
		if (m->no_transaction)
			continue;
		int found = conn->dialect->find_txn_control(ctx, arena, m->sql, &off, &what);
		if (found < 0)
			return found;
		if (!found)
			continue;
		int line, col;
		plumb_text_position(m->sql, off, &line, &col);
		if (n++ == 0) {
			rc = plumb_error_set_at(ctx, PLUMB_EPARSE, m->path, line, col,
						"migration \"" LABEL "\" has its own transaction "
						"control (%s): plumb runs it in a transaction",
						LABEL_OF(m), what);
			plumb_error_set_hint(
				ctx, "nothing was run. plumb runs each migration in a transaction "
				     "with its tracking row: remove the BEGIN/COMMIT statements, or "
				     "put `-- plumb:no-transaction` at the top of the file to run it "
				     "statement by statement, outside a transaction");
			plumb_error_set_object(ctx, m->file_name);
		} else {
			plumb_error_add_detail(ctx, "%s:%d:%d: also in \"" LABEL "\": %s", m->path,
					       line, col, LABEL_OF(m), what);
		}
	}
	return rc;
}

/* --- running one migration ------------------------------------------------------ */

static int record_of(plumb_arena *a, const plumb_migration *m, plumb_record_state state,
		     long duration_ms, const char *error, plumb_record *out)
{
	memset(out, 0, sizeof(*out));
	out->version = m->version;
	out->name = m->name;
	out->checksum = m->checksum;
	out->state = state;
	out->applied_at = utc_now(a);
	out->duration_ms = duration_ms;
	out->applied_by = who();
	out->error = error;
	return out->applied_at ? 0 : -1;
}

/* Writes the tracking row of m with state; 0 or a PLUMB_E* code. */
static int record(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena, const plumb_migration *m,
		  plumb_record_state state, long duration_ms, const char *error)
{
	plumb_record rec;
	if (record_of(arena, m, state, duration_ms, error, &rec) < 0)
		return plumb_error_nomem(ctx);
	return conn->dialect->tracking_write(ctx, conn, &rec);
}

/* Writes the tracking rows of m with state: its own and, for a squashing
 * migration, one for each version it replaces (named and summed as its
 * original in squashed/, when that is there), so the database's records
 * read as if the originals had run. */
static int record_all(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena,
		      const plumb_migration *m, plumb_record_state state, long duration_ms,
		      const plumb_vec *existing)
{
	int rc = record(ctx, conn, arena, m, state, duration_ms, NULL);
	for (size_t k = 0; rc == 0 && k < m->n_replaces; k++) {
		const plumb_migration *o = m->replaced[k];
		const plumb_record *old = existing ? find_record(existing, m->replaces[k]) : NULL;
		plumb_record rec;
		if (plumb__history_version_same(m->replaces[k], m->version) ||
		    (old && old->state != PLUMB_RECORD_FAILED))
			continue;
		if (o) {
			if (record_of(arena, o, state, 0, NULL, &rec) < 0)
				return plumb_error_nomem(ctx);
		} else {
			plumb_migration stub = {.version = m->replaces[k], .name = ""};
			if (record_of(arena, &stub, state, 0, NULL, &rec) < 0)
				return plumb_error_nomem(ctx);
			rec.checksum = "";
		}
		rc = conn->dialect->tracking_write(ctx, conn, &rec);
	}
	return rc;
}

static void in_migration(plumb_ctx *ctx, const plumb_migration *m)
{
	plumb_error_add_detail(ctx, "in migration \"" LABEL "\"", LABEL_OF(m));
}

/* Whether another runner recorded m since the status was read: 1 when it is
 * applied (skip it), 0 when it still has to run, < 0 on error. A failed
 * record is expected when m is being retried. */
static int already_done(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena,
			const plumb_migration *m, bool retrying)
{
	plumb_vec recs = {0};
	const plumb_record *r = NULL;
	plumb_record *one = NULL;
	int rc;
	if (conn->dialect->tracking_get) {
		if ((rc = conn->dialect->tracking_get(ctx, conn, arena, m->version, &one)) < 0)
			return rc;
		r = one;
	} else {
		if ((rc = conn->dialect->tracking_read(ctx, conn, arena, &recs)) < 0)
			return rc;
		r = find_record(&recs, m->version);
	}
	if (!r)
		return 0;
	if (r->state == PLUMB_RECORD_FAILED) {
		if (retrying)
			return 0;
		rc = plumb_error_set(ctx, PLUMB_EFAILED,
				     "migration \"" LABEL
				     "\" was recorded as failed by another runner",
				     LABEL_OF(m));
		if (r->error)
			plumb_error_add_detail(ctx, "%s", r->error);
		return rc;
	}
	return 1;
}

/* The timeouts m runs with: its own directives, else the run's. */
static plumb_txn_opts txn_opts_of(const plumb_migration *m, const plumb_migrate_opts *opts)
{
	plumb_txn_opts t = {.foreign_keys_off = m->foreign_keys_off};
	t.lock_timeout_ms = m->lock_timeout_set ? m->lock_timeout_ms
						: (opts ? opts->ddl_lock_timeout_ms : 0);
	t.statement_timeout_ms = m->statement_timeout_set
					 ? m->statement_timeout_ms
					 : (opts ? opts->statement_timeout_ms : 0);
	if (t.lock_timeout_ms < 0)
		t.lock_timeout_ms = 0;
	if (t.statement_timeout_ms < 0)
		t.statement_timeout_ms = 0;
	return t;
}

/* Session-level timeouts around a no-transaction migration: set before
 * (t non-NULL) and reset after (t NULL), where the engine has them. */
static int session_timeouts(plumb_ctx *ctx, plumb_conn *conn, const plumb_txn_opts *t,
			    bool *set)
{
	int rc;
	if (!conn->dialect->set_timeouts)
		return 0;
	if (t) {
		if (t->lock_timeout_ms <= 0 && t->statement_timeout_ms <= 0)
			return 0;
		if ((rc = conn->dialect->set_timeouts(ctx, conn, t)) < 0)
			return rc;
		*set = true;
		return 0;
	}
	if (*set) {
		*set = false;
		return conn->dialect->set_timeouts(ctx, conn, NULL);
	}
	return 0;
}

/* Runs m's SQL: the whole file, or for a drizzle-kit migration each chunk
 * on its own as drizzle-orm does. Each chunk is padded with the blank
 * lines and spaces before it, so errors point at the right place in the
 * file. each: statement by statement (no transaction). */
static int run_sql(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena, const plumb_migration *m,
		   bool each, const char **failed_stmt)
{
	int rc = 0;
	const plumb_dialect *d = conn->dialect;
	plumb_chunk *chunks;
	size_t n_chunks, line_start = 0, lines = 0, scanned = 0;

	if (!m->breakpoints)
		return each ? d->exec_each(ctx, conn, arena, m->sql, m->path, failed_stmt)
			    : d->exec_script(ctx, conn, m->sql, m->path);
	if ((rc = plumb_history_chunks(ctx, arena, m, &chunks, &n_chunks)) < 0)
		return rc;
	for (size_t i = 0; i < n_chunks; i++) {
		const plumb_chunk *c = &chunks[i];
		for (; scanned < c->start; scanned++) {
			if (m->sql[scanned] == '\n') {
				lines++;
				line_start = scanned + 1;
			}
		}
		size_t pad = lines + (c->start - line_start), len = c->end - c->start;
		bool padded = pad <= (size_t)MAX_PAD;
		char *text = plumb_arena_alloc(arena, (padded ? pad : 0) + len + 1);
		if (!text)
			return plumb_error_nomem(ctx);
		size_t k = 0;
		if (padded) {
			memset(text, '\n', lines);
			memset(text + lines, ' ', c->start - line_start);
			k = pad;
		}
		memcpy(text + k, m->sql + c->start, len);
		text[k + len] = '\0';
		const char *file = padded ? m->path : NULL;
		rc = each ? d->exec_each(ctx, conn, arena, text, file, failed_stmt)
			  : d->exec_script(ctx, conn, text, file);
		if (rc < 0) {
			if (!padded)
				plumb_error_add_detail(ctx, "in statement %zu (line %zu) of %s", i + 1,
						       lines + 1, m->path);
			return rc;
		}
	}
	return 0;
}

static int run_in_transaction(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena,
			      const plumb_migration *m, const plumb_migrate_opts *opts,
			      bool retrying, bool *ran, long *ms)
{
	int rc = 0;
	const plumb_dialect *d = conn->dialect;
	plumb_txn_opts txo = txn_opts_of(m, opts);
	bool open = false;
	long t0 = now_ms();

	/* A first run of m on a dialect whose tracking row commits with the
	 * transaction and is guarded by its key needs no re-check: a row
	 * another runner wrote first makes that commit fail, and m with it. */
	bool guarded = d->commit_record && !retrying && !is_drizzle(conn) && !m->n_replaces;

	if ((rc = d->begin(ctx, conn, &txo)) < 0)
		goto done;
	open = true;
	/* BEGIN IMMEDIATE (or the advisory lock) serialises runners: a row
	 * written by another one is visible now. */
	if (!guarded && (rc = already_done(ctx, conn, arena, m, retrying)) != 0) {
		if (rc > 0) {
			rc = d->rollback(ctx, conn);
			open = false;
		}
		goto done;
	}
	if ((rc = run_sql(ctx, conn, arena, m, false, NULL)) < 0)
		goto done;
	*ms = now_ms() - t0;
	if (guarded) {
		plumb_record rec;
		if (record_of(arena, m, PLUMB_RECORD_APPLIED, *ms, NULL, &rec) < 0) {
			rc = plumb_error_nomem(ctx);
			goto done;
		}
		rc = d->commit_record(ctx, conn, &rec);
		open = false; /* committed, or rolled back by commit_record */
		if (rc > 0)
			rc = 0; /* another runner applied it first: skipped */
		else if (rc == 0)
			*ran = true;
		*ms = now_ms() - t0;
		goto done;
	}
	if ((rc = record_all(ctx, conn, arena, m, PLUMB_RECORD_APPLIED, *ms, NULL)) < 0)
		goto done;
	open = false; /* COMMIT ends the transaction, whether it succeeds or not */
	if ((rc = d->commit(ctx, conn)) < 0)
		goto done;
	*ms = now_ms() - t0;
	*ran = true;
done:
	if (rc < 0) {
		if (open)
			d->rollback(ctx, conn);
		if (is_drizzle(conn))
			plumb_error_add_detail(ctx, "it was rolled back: nothing of it stays applied "
						    "or recorded");
		in_migration(ctx, m);
	}
	return rc;
}

/* Claims m for this runner: in one transaction, checks that no other
 * runner recorded it and writes a failed row saying it started, so a run
 * that is killed or loses its connection midway leaves a visible state.
 * 1 when another runner applied it already. */
static int claim(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena, const plumb_migration *m,
		 bool retrying)
{
	int rc = 0;
	const plumb_dialect *d = conn->dialect;
	plumb_txn_opts none = {0};
	if ((rc = d->begin(ctx, conn, &none)) < 0)
		return rc;
	if ((rc = already_done(ctx, conn, arena, m, retrying)) != 0)
		goto done;
	if (is_drizzle(conn))
		goto done; /* drizzle-orm's table has no failed state */
	rc = record(ctx, conn, arena, m, PLUMB_RECORD_FAILED, 0,
		    "started outside a transaction and did not finish: the runner was "
		    "stopped or lost its connection midway (or is still running)");
done:
	if (rc == 0) {
		rc = d->commit(ctx, conn);
	} else {
		d->rollback(ctx, conn);
		if (rc > 0)
			rc = 1;
	}
	return rc;
}

static int run_alone(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena, const plumb_migration *m,
		     const plumb_migrate_opts *opts, bool retrying, bool *ran, long *ms)
{
	int rc = 0;
	const char *failed_stmt = NULL;
	plumb_txn_opts txo = txn_opts_of(m, opts);
	bool set = false;
	long t0 = now_ms();

	if ((rc = claim(ctx, conn, arena, m, retrying)) != 0) {
		if (rc > 0)
			rc = 0;
		goto done;
	}
	if ((rc = session_timeouts(ctx, conn, &txo, &set)) == 0)
		rc = run_sql(ctx, conn, arena, m, true, &failed_stmt);
	*ms = now_ms() - t0;
	if (rc < 0) {
		/* leave a visible failed state: part of the migration may be applied */
		const char *msg = ctx->err.message ? ctx->err.message : "unknown error";
		char *err = failed_stmt ? plumb_arena_printf(arena, "statement: %s\nerror: %s",
							     failed_stmt, msg)
					: plumb_arena_printf(arena, "error: %s", msg);
		session_timeouts(ctx, conn, NULL, &set);
		if (is_drizzle(conn)) {
			plumb_error_set_hint(
				ctx, "the migration ran outside a transaction: statements before "
				     "the failing one stay applied, and drizzle-orm's table has no "
				     "failed state, so nothing records it. Finish or undo it by "
				     "hand, then run migrate again (its statements run again from "
				     "the first)");
		} else {
			if (record(ctx, conn, arena, m, PLUMB_RECORD_FAILED, *ms, err ? err : msg) < 0)
				plumb_error_add_detail(
					ctx,
					"the failed state could not be recorded in %s "
					"(it says the migration started)",
					table_name(ctx, conn));
			plumb_error_set_hint(ctx, "the migration ran outside a transaction: statements "
						  "before the failing one stay applied, and it is "
						  "recorded as failed. Finish or undo it by hand, then "
						  "clear the failed state with `plumb repair` and run "
						  "migrate again");
		}
		goto done;
	}
	if ((rc = session_timeouts(ctx, conn, NULL, &set)) < 0)
		goto done;
	if ((rc = record_all(ctx, conn, arena, m, PLUMB_RECORD_APPLIED, *ms, NULL)) < 0) {
		plumb_error_add_detail(ctx, "the migration ran but could not be recorded");
		goto done;
	}
	*ran = true;
done:
	if (rc < 0)
		in_migration(ctx, m);
	return rc;
}

/* The end of a run that may hold the lock and an open transaction: the
 * transaction rolled back, the lock released; rc, or the unlock's failure
 * when rc is 0. */
static int release(plumb_ctx *ctx, plumb_conn *conn, int rc, bool open, bool locked)
{
	const plumb_dialect *d = conn->dialect;
	if (open)
		d->rollback(ctx, conn);
	if (locked) {
		int urc = d->unlock(ctx, conn);
		if (!rc)
			rc = urc;
	}
	return rc;
}

/* --- migrate ----------------------------------------------------------------------- */

int plumb_runner_migrate(plumb_ctx *ctx, plumb_conn *conn, const plumb_history *history,
			 const plumb_migrate_opts *opts, size_t *n_applied)
{
	int rc = 0;
	const plumb_dialect *d = conn->dialect;
	plumb_migrate_opts defaults = {0};
	plumb_arena *arena = NULL, *step = NULL;
	plumb_vec records = {0}, states = {0}, pending = {0};
	bool locked = false;
	const char *to = NULL;
	size_t n = 0;

	if (!opts)
		opts = &defaults;
	if (n_applied)
		*n_applied = 0;
	arena = plumb_arena_new(ctx->root);
	step = arena ? plumb_arena_new(arena) : NULL;
	if (!step) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	if ((rc = plumb_runner_use_history(ctx, conn, history)) < 0)
		goto done;
	if (opts->to_version) {
		/* a squashed version: reached by a database that stopped before it */
		const char *v = opts->to_version;
		const plumb_migration *target = plumb_history_find_squashed(history, v);
		if (!target && (rc = plumb_history_get(ctx, history, v, &target)) < 0)
			goto done;
		to = target->version;
	}
	/* Read first without the lock: with nothing to do (the usual case in
	 * CI) no lock is taken at all. With work to do, take the lock and read
	 * again, since another runner may have applied some meanwhile. A dry
	 * run only reads. */
	for (;;) {
		bool doubt = false;
		records.n = states.n = pending.n = 0;
		if ((rc = d->tracking_read(ctx, conn, arena, &records)) < 0)
			goto done;
		if ((rc = plumb_runner_status(ctx, arena, history, &records, &states)) < 0)
			goto done;
		if ((rc = check_states(ctx, conn, &states, opts, to)) < 0) {
			/* Unlocked, a refusal may only be another runner at work (a
			 * no-transaction migration is marked failed while it runs):
			 * decide again under the lock. */
			if (locked || opts->dry_run)
				goto done;
			plumb_error_clear(ctx);
			rc = 0;
			doubt = true;
		}
		for (size_t i = 0; i < states.n; i++) {
			const plumb_mig_state *s = states.items[i];
			bool retry = s->status == PLUMB_MIG_FAILED && opts->retry_failed && s->file;
			if (s->status != PLUMB_MIG_PENDING && s->status != PLUMB_MIG_OUT_OF_ORDER &&
			    !retry)
				continue;
			if (to && plumb__history_version_order(s->version, to) > 0)
				break;
			if (plumb_vec_push(arena, &pending, (void *)s) < 0) {
				rc = plumb_error_nomem(ctx);
				goto done;
			}
		}
		if (opts->dry_run || locked || (pending.n == 0 && !doubt))
			break;
		long timeout =
			opts->lock_timeout_ms > 0 ? opts->lock_timeout_ms : DEFAULT_LOCK_TIMEOUT_MS;
		if ((rc = d->lock(ctx, conn, timeout)) < 0)
			goto done;
		locked = true;
	}
	if (opts->first_run && !records.n && pending.n &&
	    (rc = opts->first_run(ctx, conn, opts->payload)) < 0)
		goto done;

	{
		plumb_vec files = {0};
		for (size_t i = 0; i < pending.n; i++)
			if (plumb_vec_push(arena, &files,
					   (void *)((plumb_mig_state *)pending.items[i])->file) < 0) {
				rc = plumb_error_nomem(ctx);
				goto done;
			}
		if ((rc = check_txn_control(ctx, conn, arena, &files)) < 0)
			goto done;
	}
	if (opts->dry_run) {
		for (size_t i = 0; i < pending.n; i++)
			if (opts->progress)
				opts->progress(((plumb_mig_state *)pending.items[i])->file, 0, true,
					       opts->payload);
		n = pending.n;
		goto done;
	}
	if (pending.n == 0)
		goto done;
	if ((rc = d->tracking_ensure(ctx, conn)) < 0)
		goto done;

	for (size_t i = 0; i < pending.n; i++) {
		const plumb_mig_state *s = pending.items[i];
		const plumb_migration *m = s->file;
		bool ran = false, retrying = s->status == PLUMB_MIG_FAILED;
		long ms = 0;
		plumb_arena_reset(step);
		if (opts->starting)
			opts->starting(m, opts->payload);
		rc = m->no_transaction
			     ? run_alone(ctx, conn, step, m, opts, retrying, &ran, &ms)
			     : run_in_transaction(ctx, conn, step, m, opts, retrying, &ran, &ms);
		if (rc < 0)
			goto done;
		if (!ran)
			continue;
		n++;
		if (opts->progress)
			opts->progress(m, ms, false, opts->payload);
	}
done:
	rc = release(ctx, conn, rc, false, locked);
	if (n_applied)
		*n_applied = n;
	plumb_arena_free(arena);
	return rc;
}

/* --- plans, replays, baselines ------------------------------------------------------ */

int plumb_runner_apply_plan(plumb_ctx *ctx, plumb_conn *conn, const plumb_plan *plan)
{
	int rc = 0;
	const plumb_dialect *d = conn->dialect;
	plumb_txn_opts txo = {.foreign_keys_off = plan->foreign_keys_off};
	bool locked = false, open = false;

	if (plan->stmts.n == 0)
		return 0;
	if ((rc = d->lock(ctx, conn, DEFAULT_LOCK_TIMEOUT_MS)) < 0)
		goto done;
	locked = true;
	/* In plan order, in the runs plan/ groups them in (as the rendered
	 * script does): transactional statements share a transaction; a
	 * no-transaction statement goes alone. */
	for (size_t first = 0, end; first < plan->stmts.n; first = end) {
		bool txn;
		end = plumb_plan_group_end(plan, first, &txn);
		if (txn && (rc = d->begin(ctx, conn, &txo)) < 0)
			goto done;
		open = txn;
		for (size_t i = first; i < end; i++) {
			const plumb_stmt *st = plan->stmts.items[i];
			if ((rc = d->exec_script(ctx, conn, st->sql, NULL)) < 0) {
				plumb_error_add_detail(ctx, "in statement %zu of the plan%s: %s", i + 1,
						       txn ? "" : " (run outside a transaction)",
						       st->sql);
				goto done;
			}
		}
		if (open) {
			if ((rc = d->commit(ctx, conn)) < 0)
				goto done;
			open = false;
		}
	}
done:
	return release(ctx, conn, rc, open, locked);
}

int plumb_runner_replay(plumb_ctx *ctx, plumb_conn *conn, const plumb_history *history)
{
	int rc = 0;
	const plumb_dialect *d = conn->dialect;
	plumb_arena *step = plumb_arena_new(ctx->root);
	if (!step)
		return plumb_error_nomem(ctx);
	if ((rc = check_txn_control(ctx, conn, step, &history->migrations)) < 0)
		goto done;
	for (size_t i = 0; i < history->migrations.n; i++) {
		const plumb_migration *m = history->migrations.items[i];
		plumb_arena_reset(step);
		if (m->no_transaction) {
			const char *failed_stmt = NULL;
			rc = run_sql(ctx, conn, step, m, true, &failed_stmt);
		} else {
			plumb_txn_opts txo = {.foreign_keys_off = m->foreign_keys_off};
			if ((rc = d->begin(ctx, conn, &txo)) == 0) {
				if ((rc = run_sql(ctx, conn, step, m, false, NULL)) == 0)
					rc = d->commit(ctx, conn);
				if (rc < 0)
					d->rollback(ctx, conn);
			}
		}
		if (rc < 0) {
			in_migration(ctx, m);
			goto done;
		}
	}
done:
	plumb_arena_free(step);
	return rc;
}

int plumb_runner_baseline(plumb_ctx *ctx, plumb_conn *conn, const plumb_history *history,
			  const char *version)
{
	int rc = 0;
	const plumb_dialect *d = conn->dialect;
	plumb_arena *arena = NULL;
	plumb_vec records = {0};
	plumb_txn_opts txo = {0};
	bool locked = false, open = false;

	const plumb_migration *target;
	if ((rc = plumb_history_get(ctx, history, version, &target)) < 0 ||
	    (rc = plumb_runner_use_history(ctx, conn, history)) < 0)
		goto done;
	if (!(arena = plumb_arena_new(ctx->root))) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	if ((rc = d->lock(ctx, conn, DEFAULT_LOCK_TIMEOUT_MS)) < 0)
		goto done;
	locked = true;
	if ((rc = d->tracking_ensure(ctx, conn)) < 0)
		goto done;
	if ((rc = d->begin(ctx, conn, &txo)) < 0)
		goto done;
	open = true;
	if ((rc = d->tracking_read(ctx, conn, arena, &records)) < 0)
		goto done;
	for (size_t i = 0; i < history->migrations.n; i++) {
		const plumb_migration *m = history->migrations.items[i];
		if (plumb__history_version_order(m->version, target->version) > 0)
			break;
		const plumb_record *r = find_record(&records, m->version);
		/* applied rows keep their history; failed ones are resolved */
		if (r && r->state != PLUMB_RECORD_FAILED)
			continue;
		if ((rc = record_all(ctx, conn, arena, m, PLUMB_RECORD_BASELINE, 0, &records)) < 0)
			goto done;
	}
	open = false; /* COMMIT ends the transaction, whether it succeeds or not */
	rc = d->commit(ctx, conn);
done:
	rc = release(ctx, conn, rc, open, locked);
	plumb_arena_free(arena);
	return rc;
}

/* PLUMB_EINTEGRITY when records (plumb's tracking table) hold a record that
 * plumb itself made: a database plumb manages already (adopted, migrated)
 * has its own history, and imported records beside it would be versions no
 * file of its folder has. */
static int refuse_managed(plumb_ctx *ctx, const plumb_vec *records)
{
	for (size_t i = 0; i < records->n; i++) {
		const plumb_record *old = records->items[i];
		if (old->state == PLUMB_RECORD_IMPORTED)
			continue;
		int rc = plumb_error_set(
			ctx, PLUMB_EINTEGRITY,
			"refusing to import into a database that is managed already "
			"(tracking table \"%s\" has version %s, %s)",
			plumb_tracking_shown(ctx, ctx->root), old->version,
			plumb_record_state_name(old->state));
		plumb_error_set_hint(ctx, "nothing was written; import into a database plumb does "
					  "not manage yet");
		return rc;
	}
	return 0;
}

int plumb_runner_import_allowed(plumb_ctx *ctx, plumb_conn *conn)
{
	plumb_vec records = {0};
	conn->tracking = PLUMB_TRACKING_PLUMB;
	int rc = conn->dialect->tracking_read(ctx, conn, ctx->root, &records);
	return rc < 0 ? rc : refuse_managed(ctx, &records);
}

int plumb_runner_import(plumb_ctx *ctx, plumb_conn *conn, const plumb_vec *records)
{
	int rc = 0;
	const plumb_dialect *d = conn->dialect;
	plumb_arena *arena = NULL;
	plumb_vec existing = {0};
	plumb_txn_opts txo = {0};
	bool locked = false, open = false;

	conn->tracking = PLUMB_TRACKING_PLUMB;
	if (!(arena = plumb_arena_new(ctx->root)))
		return plumb_error_nomem(ctx);
	if ((rc = d->lock(ctx, conn, DEFAULT_LOCK_TIMEOUT_MS)) < 0)
		goto done;
	locked = true;
	if ((rc = d->tracking_ensure(ctx, conn)) < 0 || (rc = d->begin(ctx, conn, &txo)) < 0)
		goto done;
	open = true;
	if ((rc = d->tracking_read(ctx, conn, arena, &existing)) < 0)
		goto done;
	if ((rc = refuse_managed(ctx, &existing)) < 0)
		goto done;
	for (size_t i = 0; i < records->n; i++) {
		const plumb_record *rec = records->items[i];
		const plumb_record *old = find_record(&existing, rec->version);
		if (old && old->state == PLUMB_RECORD_IMPORTED &&
		    strcmp(old->checksum, rec->checksum) == 0)
			continue; /* imported before, the same */
		if (old) {
			rc = plumb_error_set(ctx, PLUMB_EINTEGRITY,
					     "tracking table \"%s\" already has version %s (%s)",
					     plumb_tracking_shown(ctx, ctx->root), rec->version,
					     plumb_record_state_name(old->state));
			plumb_error_set_hint(ctx, "no record was written; import into a database "
						  "plumb does not manage yet");
			goto done;
		}
		if ((rc = d->tracking_write(ctx, conn, rec)) < 0)
			goto done;
	}
	open = false;
	rc = d->commit(ctx, conn);
done:
	rc = release(ctx, conn, rc, open, locked);
	plumb_arena_free(arena);
	return rc;
}
