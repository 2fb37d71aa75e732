/*
 * plumb's commands as library calls. Each takes a run context and the
 * options of the command line, writes its report to opts->out (human text, or
 * JSON with opts->json) and returns 0 or a PLUMB_E* code with the error in
 * the context. The CLI is a thin layer over these.
 */
#ifndef PLUMB_COMMANDS_H
#define PLUMB_COMMANDS_H

#include <stdbool.h>
#include <stdio.h>

#include "plumb/common.h"

#define PLUMB_OPTIONS_VERSION 1

typedef struct plumb_options {
	int version;                 /* PLUMB_OPTIONS_VERSION */
	const char *url;             /* database; NULL: DATABASE_URL, then the config, then sqlite:plumb.db */
	const char *schema;          /* schema file or folder; NULL: schema.sql */
	const char *dir;             /* migrations folder; NULL: migrations */
	const char *dialect;         /* "pg" or "sqlite" for file sources; NULL: from the database */
	const char *config;          /* config file; NULL: plumb.json when present */
	const char *env;             /* environment in the config; NULL: "default" */
	const char *output;          /* pull: where to write; "-" for standard output */
	const char *to_version;      /* migrate --to, squash --to */
	/* pg: a database server to build desired states on exactly (plumb
	 * creates and drops a scratch database there), or "local" for a
	 * throwaway cluster; NULL: the config's dev_url, else offline. */
	const char *dev_url;
	bool json;                   /* machine-readable report */
	bool allow_data_loss;        /* accept destructive hazards */
	bool dry_run;                /* show, change nothing */
	bool exit_code;              /* diff/status: exit non-zero when something differs/is pending */
	bool online;                 /* plan for production without blocking writers */
	bool owners;                 /* pg: manage owners (ALTER ... OWNER TO); config "owners" */
	bool allow_out_of_order;     /* migrate: apply pending migrations older than the newest applied */
	bool force;                  /* pull: overwrite an existing schema file */
	bool retry_failed;           /* migrate: run migrations recorded as failed again */
	bool yes;		     /* reset: go on without asking (needed with no terminal) */
	bool from_schema;	     /* reset: rebuild from the schema file (push), not migrate */
	bool report;		     /* diff: the differences object by object, not SQL */
	long lock_timeout_ms;        /* bounded wait for the runner lock; 0: default 30s */
	/* migrate: lock_timeout of each migration's statements (pg) unless the
	 * file says otherwise; 0: default 10s; negative: none (the server's). */
	long ddl_lock_timeout_ms;
	/* migrate: statement_timeout of each migration's statements (pg) unless
	 * the file says otherwise; 0 or negative: none (the server's). */
	long statement_timeout_ms;
	FILE *out;                   /* reports; NULL: stdout */
	FILE *err;                   /* progress and warnings; NULL: stderr */
	int verbose;                 /* 0 quiet, 1 normal, 2 debug */
	/* the tracking table, "[schema.]name"; NULL: the config's "tracking",
	 * else plumb_migrations (pg: in public) */
	const char *tracking_table;
	/* squash: what becomes of the squashed migrations' statements that
	 * change rows: "keep" (carried after the schema), "drop" (left out),
	 * NULL: refuse when there are any */
	const char *squash_data;
} plumb_options;

#define PLUMB_OPTIONS_INIT {.version = PLUMB_OPTIONS_VERSION}

/* Creates schema.sql, migrations/ (with plumb.sum) and plumb.json when missing. */
int plumb_cmd_init(plumb_ctx *ctx, const plumb_options *opts);

/* Prints the SQL that turns from into to (sources as in DESIGN.md). */
int plumb_cmd_diff(plumb_ctx *ctx, const plumb_options *opts, const char *from, const char *to);

/* Writes a new migration with the changes from the migrations' state to the schema. */
int plumb_cmd_generate(plumb_ctx *ctx, const plumb_options *opts, const char *name);

/* Applies pending migrations to the database. */
int plumb_cmd_migrate(plumb_ctx *ctx, const plumb_options *opts);

/* Lists migrations with their state. */
int plumb_cmd_status(plumb_ctx *ctx, const plumb_options *opts);

/* Brings the database straight to the schema, without a migration file. */
int plumb_cmd_push(plumb_ctx *ctx, const plumb_options *opts);

/* Writes the database's schema as SQL. */
int plumb_cmd_pull(plumb_ctx *ctx, const plumb_options *opts);

/* Proves that schema, migrations and database agree. */
int plumb_cmd_check(plumb_ctx *ctx, const plumb_options *opts);

/* Records migrations up to version as applied without running them. */
int plumb_cmd_baseline(plumb_ctx *ctx, const plumb_options *opts, const char *version);

/* Replaces the migrations up to opts->to_version (NULL: all) by one
 * migration planned from the state they build; the originals move to
 * squashed/ for databases that stopped among them. */
int plumb_cmd_squash(plumb_ctx *ctx, const plumb_options *opts);

/* Rewrites plumb.sum from the migration files as they are. */
int plumb_cmd_sum(plumb_ctx *ctx, const plumb_options *opts);

/* Removes failed records and accepts the checksums of edited applied migrations. */
int plumb_cmd_repair(plumb_ctx *ctx, const plumb_options *opts);

/* What `plumb import` reads besides the options of the run. */
typedef struct plumb_import_options {
	int version;		   /* PLUMB_OPTIONS_VERSION */
	const char *from;	   /* the tool: drizzle, flyway, golang-migrate, dbmate, goose,
				    * prisma, rails, sqitch, custom */
	const char *const *accept; /* problem kinds accepted (missing, dirty, failed, ...) */
	size_t n_accept;
	const char *table;	    /* custom: the tracking table */
	const char *version_column; /* custom: its version column */
	const char *pattern;	    /* custom: POSIX ERE, the version its first group */
} plumb_import_options;

#define PLUMB_IMPORT_OPTIONS_INIT                                                                  \
	{                                                                                          \
		.version = PLUMB_OPTIONS_VERSION                                                   \
	}

/* Turns another tool's migrations (opts->dir: the tool's folder) into a
 * plumb migrations folder (opts->output, else the environment's folder)
 * and, when a database is named, records the migrations that tool applied
 * (state imported), after checking its tracking table against the files. */
int plumb_cmd_import(plumb_ctx *ctx, const plumb_options *opts, const plumb_import_options *imp);
/* What `plumb adopt` reads besides the options of the run (opts->force lets
 * --pull replace a schema file that differs; opts->dry_run writes nothing). */
typedef struct plumb_adopt_options {
	int version;	      /* PLUMB_OPTIONS_VERSION */
	const char *strategy; /* "future-only", "baseline-file", or NULL: audit only */
	bool pull;	      /* write the database's schema into the schema file */
	const char *retire;   /* a tool (as import's --from) whose tracking table a new
			       * migration drops, once its history was imported */
} plumb_adopt_options;

#define PLUMB_ADOPT_OPTIONS_INIT                                                                   \
	{                                                                                          \
		.version = PLUMB_OPTIONS_VERSION                                                   \
	}

/* The guided flow for a database plumb does not manage yet, never
 * interactive: audits it against the schema file and the migrations folder,
 * with pull writes its schema into the schema file, with a strategy records
 * the baseline (checked: the database must equal what it stands for), with
 * retire writes a migration dropping another tool's tracking table; prints
 * each step and the exact next command. */
int plumb_cmd_adopt(plumb_ctx *ctx, const plumb_options *opts, const plumb_adopt_options *adopt);

/* Drops every object the user owns in the database and rebuilds it from the
 * migrations (or the schema file with from_schema), for development. Refused
 * on a protected environment, and without yes when there is no terminal. */
int plumb_cmd_reset(plumb_ctx *ctx, const plumb_options *opts);

/* Call once after a command returned rc: under opts->json, when the command
 * printed no report (it failed before), prints one JSON document for the run
 * ({"ok": false, "error": {...}, "hazards": [...] for a refused plan}) to
 * opts->out. Returns rc, or an error of its own when rc is 0. */
int plumb_cmd_finish(plumb_ctx *ctx, const plumb_options *opts, int rc);

#endif
