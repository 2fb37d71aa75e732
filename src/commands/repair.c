/*
 * plumb repair: after a person has fixed the database by hand, clears what
 * blocks `migrate`: failed records are removed (the migration will run again)
 * and applied migrations whose file was deliberately edited get the file's
 * new checksum. Records without a file are reported, never deleted.
 */
#include "commands/commands.h"

int plumb_cmd_repair(plumb_ctx *ctx, const plumb_options *opts)
{
	plumb_env env;
	plumb_history *history;
	plumb_conn *conn;
	plumb_vec records = {0};
	int rc;
	json_t *actions = json_array();

	if ((rc = plumb__env_resolve(ctx, opts, &env)) < 0 ||
	    (rc = plumb_history_load(ctx, ctx->root, env.dir, &history)) < 0 ||
	    (rc = plumb__env_connect(ctx, &env, &conn)) < 0)
		goto done;
	const plumb_dialect *d = conn->dialect;
	plumb_txn_opts to = {0};
	if ((rc = plumb_runner_use_history(ctx, conn, history)) < 0)
		goto done;
	if ((rc = d->lock(ctx, conn, env.lock_timeout_ms)) < 0)
		goto done;
	if ((rc = d->begin(ctx, conn, &to)) < 0)
		goto unlock;
	if ((rc = d->tracking_read(ctx, conn, ctx->root, &records)) < 0)
		goto rollback;
	for (size_t i = 0; i < records.n; i++) {
		const plumb_record *r = records.items[i];
		const plumb_migration *m = plumb_history_find(history, r->version);
		if (!m) /* squashed: its original is the file */
			m = plumb_history_find_squashed(history, r->version);
		const char *what = NULL, *would = NULL;
		if (r->state == PLUMB_RECORD_FAILED) {
			if (!opts->dry_run && (rc = d->tracking_delete(ctx, conn, r->version)) < 0)
				goto rollback;
			what = "removed failed record";
			would = "would remove failed record";
		} else if (m && !plumb__runner_squash_matches(m, r->checksum)) {
			plumb_record nr = *r;
			nr.checksum = m->checksum;
			if (!opts->dry_run && (rc = d->tracking_write(ctx, conn, &nr)) < 0)
				goto rollback;
			what = "accepted new checksum";
			would = "would accept new checksum";
		} else if (!m) {
			what = "no file (left as it is)";
		}
		if (what) {
			json_array_append_new(actions, json_pack("{s:s, s:s}", "version", r->version,
								 "action", what));
			if (!opts->json)
				fprintf(env.out, "%s  %s\n", r->version,
					opts->dry_run && would ? would : what);
		}
	}
	if (opts->dry_run)
		rc = d->rollback(ctx, conn);
	else
		rc = d->commit(ctx, conn);
	if (rc < 0)
		goto unlock;
	if (opts->json)
		rc = plumb__emit_json(ctx, &env, json_pack("{s:s, s:O, s:b}", "database",
							   conn->display, "actions", actions,
							   "dry_run", opts->dry_run));
	else if (!json_array_size(actions))
		plumb__note(&env, "nothing to repair in %s\n", conn->display);
	goto unlock;
rollback:
	d->rollback(ctx, conn);
unlock:
	d->unlock(ctx, conn);
done:
	json_decref(actions);
	return rc;
}
