/*
 * The PostgreSQL dialect's table of functions, and the planner ops plan/
 * calls (plan.c's planner, online.c's online forms, hazard.c's classifier). Each entry lives in the
 * file of its part (conn.c, introspect.c, offline.c, plan.c, ...); this file
 * only puts them together.
 */
#include "dialect/pg/hazard.h"
#include "dialect/pg/online.h"

const plumb_planner_ops plumb__pg_planner = {
	.dialect = "pg",
	.plan = plumb__pg_plan,
	.classify = plumb__pg_classify_script,
	.online = plumb__pg_online_script,
};

const plumb_dialect plumb_dialect_pg = {
	.name = "pg",
	.drizzle_table = "drizzle.__drizzle_migrations",
	.accepts_url = plumb__pg_accepts_url,
	.database_exists = NULL,
	.connect = plumb__pg_connect,
	.connect_scratch = plumb__pg_connect_scratch,
	.load_schema = plumb__pg_load_schema,
	.replay_offline = plumb__pg_replay_offline,
	.exec_script = plumb__pg_exec_script,
	.exec_schema = plumb__pg_exec_schema,
	.exec_each = plumb__pg_exec_each,
	.introspect = plumb__pg_introspect,
	.planner = &plumb__pg_planner,
	.dump = plumb__pg_dump,
	.probe = plumb__pg_probe,
	.begin = plumb__pg_begin,
	.commit = plumb__pg_commit,
	.commit_record = plumb__pg_commit_record,
	.rollback = plumb__pg_rollback,
	.set_timeouts = plumb__pg_set_timeouts,
	.lock = plumb__pg_lock,
	.unlock = plumb__pg_unlock,
	.tracking_ensure = plumb__pg_tracking_ensure,
	.tracking_read = plumb__pg_tracking_read,
	.tracking_get = plumb__pg_tracking_get,
	.tracking_write = plumb__pg_tracking_write,
	.tracking_delete = plumb__pg_tracking_delete,
	.foreign_rows = plumb__pg_foreign_rows,
	.foreign_has_column = plumb__pg_foreign_has_column,
	.drop_all = plumb__pg_drop_all,
	.find_txn_control = plumb__pg_find_txn_control,
	.find_data = plumb__pg_find_data,
};
