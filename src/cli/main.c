/*
 * The plumb command line: parses arguments into plumb_options, runs one
 * command through the public API and turns its return code into the exit
 * code. It knows nothing of catalogs or databases; configuration files and
 * environments are read by the commands themselves.
 */
#include <errno.h>
#include <limits.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plumb/plumb.h"

/* Which command-specific options a command accepts. */
enum {
	OPT_TO = 1 << 0,
	OPT_OUT_OF_ORDER = 1 << 1,
	OPT_OUTPUT = 1 << 2,
	OPT_FORCE = 1 << 3,
	OPT_RETRY = 1 << 4,
	OPT_TIMEOUTS = 1 << 5,
	OPT_IMPORT = 1 << 6,
	OPT_YES = 1 << 7,
	OPT_FROM_SCHEMA = 1 << 8,
	OPT_REPORT = 1 << 9,
	OPT_ADOPT = 1 << 10,
	OPT_DATA = 1 << 11,
	N_SCOPES = 11,
};

typedef int (*run_fn)(plumb_ctx *ctx, const plumb_options *opts, char **args);

typedef struct command {
	const char *name;
	int min_args, max_args;
	unsigned accepts;      /* OPT_* */
	run_fn run;
	const char *synopsis;  /* after "plumb " */
	const char *summary;   /* one line for the command list */
	const char *help;      /* paragraphs after the synopsis */
} command;

static int run_init(plumb_ctx *ctx, const plumb_options *opts, char **args)
{
	(void)args;
	return plumb_cmd_init(ctx, opts);
}

static int run_diff(plumb_ctx *ctx, const plumb_options *opts, char **args)
{
	return plumb_cmd_diff(ctx, opts, args[0], args[1]);
}

static int run_generate(plumb_ctx *ctx, const plumb_options *opts, char **args)
{
	return plumb_cmd_generate(ctx, opts, args[0]);
}

static int run_migrate(plumb_ctx *ctx, const plumb_options *opts, char **args)
{
	(void)args;
	return plumb_cmd_migrate(ctx, opts);
}

static int run_status(plumb_ctx *ctx, const plumb_options *opts, char **args)
{
	(void)args;
	return plumb_cmd_status(ctx, opts);
}

static int run_push(plumb_ctx *ctx, const plumb_options *opts, char **args)
{
	(void)args;
	return plumb_cmd_push(ctx, opts);
}

static int run_pull(plumb_ctx *ctx, const plumb_options *opts, char **args)
{
	(void)args;
	return plumb_cmd_pull(ctx, opts);
}

static int run_check(plumb_ctx *ctx, const plumb_options *opts, char **args)
{
	(void)args;
	return plumb_cmd_check(ctx, opts);
}

static int run_baseline(plumb_ctx *ctx, const plumb_options *opts, char **args)
{
	return plumb_cmd_baseline(ctx, opts, args[0]);
}

static int run_sum(plumb_ctx *ctx, const plumb_options *opts, char **args)
{
	(void)args;
	return plumb_cmd_sum(ctx, opts);
}

static int run_repair(plumb_ctx *ctx, const plumb_options *opts, char **args)
{
	(void)args;
	return plumb_cmd_repair(ctx, opts);
}

/* import's own options (parse_args fills them). */
static plumb_import_options import_opts;
static const char *accept_list[64];

static int run_import(plumb_ctx *ctx, const plumb_options *opts, char **args)
{
	(void)args;
	return plumb_cmd_import(ctx, opts, &import_opts);
}

static int run_squash(plumb_ctx *ctx, const plumb_options *opts, char **args)
{
	(void)args;
	return plumb_cmd_squash(ctx, opts);
}

/* adopt's own options (parse_args fills them). */
static plumb_adopt_options adopt_opts = PLUMB_ADOPT_OPTIONS_INIT;

static int run_adopt(plumb_ctx *ctx, const plumb_options *opts, char **args)
{
	(void)args;
	return plumb_cmd_adopt(ctx, opts, &adopt_opts);
}

static int run_reset(plumb_ctx *ctx, const plumb_options *opts, char **args)
{
	(void)args;
	return plumb_cmd_reset(ctx, opts);
}

static const command commands[] = {
	{"init", 0, 0, 0, run_init, "init",
	 "create schema.sql and migrations/",
	 "Creates the schema file and the migrations folder (with its integrity file\n"
	 "plumb.sum), each only when missing. No config file is needed; see plumb.json in\n"
	 "the manual for environments.\n"},
	{"diff", 2, 2, OPT_REPORT, run_diff,
	 "diff FROM TO [--dialect pg|sqlite] [--online] [--owners] [--exit-code] [--report]\n"
	 "        [--json]",
	 "print the SQL that turns FROM into TO",
	 "Prints the SQL that turns FROM into TO, runnable as it is by psql or sqlite3,\n"
	 "and nothing when they are equal. A source is a database URL (postgres://...,\n"
	 "postgresql://..., a libpq key=value string, sqlite:PATH, sqlite::memory:), a .sql\n"
	 "file or folder of .sql files, or a migrations folder. diff only reads, so it\n"
	 "never refuses for hazards: each is a comment above its statement (\"-- hazard\n"
	 "deletes-data: ...\"), and a change the rows of a FROM database would make fail is\n"
	 "a warning on stderr. With --exit-code, exits 3 when there are differences.\n"
	 "  --report               the differences object by object instead of SQL: each\n"
	 "                         object only in FROM, only in TO, different (each\n"
	 "                         differing attribute before -> after, enum values\n"
	 "                         listed) or a rename candidate (a constraint or index\n"
	 "                         that differs only by name), a table's columns,\n"
	 "                         constraints and indexes under it; with --json, records\n"
	 "                         {kind, schema, name, status, from, to, attributes,\n"
	 "                         children}\n"},
	{"generate", 0, 1, 0, run_generate, "generate [NAME] [--allow-data-loss] [--dry-run]",
	 "write a migration from the schema file",
	 "Writes a new migration holding the changes from the state of the migrations folder\n"
	 "to the schema file, and updates plumb.sum. Destructive changes are refused (exit 4)\n"
	 "unless --allow-data-loss is given. Writes nothing when there is no change.\n"},
	{"migrate", 0, 0, OPT_TO | OPT_OUT_OF_ORDER | OPT_RETRY | OPT_TIMEOUTS, run_migrate,
	 "migrate [--to VERSION] [--dry-run] [--allow-out-of-order] [--retry-failed]\n"
	 "              [--lock-timeout D] [--ddl-lock-timeout D] [--statement-timeout D]",
	 "apply pending migrations to the database",
	 "Applies pending migrations in order, each in its own transaction unless it says\n"
	 "otherwise, holding the runner lock. Refuses to run when an applied migration was\n"
	 "edited, plumb.sum does not match the folder, or a migration is recorded as failed.\n"
	 "A drizzle-kit folder (meta/_journal.json) is read as it is and recorded in\n"
	 "drizzle-orm's table, so drizzle-orm and plumb can take turns. A database that\n"
	 "holds objects but no records, which the migrations would create again, is not\n"
	 "managed yet: refused (exit 9), nothing run; adopt or import it first.\n"
	 "  --to VERSION           stop after this version (drizzle-kit: also a tag or its\n"
	 "                         prefix, e.g. 0003)\n"
	 "  --dry-run              print what would run, change nothing\n"
	 "  --allow-out-of-order   also apply pending migrations older than the newest applied\n"
	 "  --retry-failed         run migrations recorded as failed again, from their first\n"
	 "                         statement, instead of refusing\n"
	 "  --ddl-lock-timeout D   lock_timeout of each migration (PostgreSQL; default 10s;\n"
	 "                         0: the server's setting); -- plumb:lock-timeout in a file\n"
	 "                         overrides it\n"
	 "  --statement-timeout D  statement_timeout of each migration (PostgreSQL; default:\n"
	 "                         the server's setting); -- plumb:statement-timeout in a file\n"
	 "                         overrides it\n"},
	{"status", 0, 0, 0, run_status, "status [--exit-code]",
	 "list migrations and their state",
	 "Lists each migration as applied, pending, failed (with the statement and the\n"
	 "error), baseline, modified (edited after it was applied), missing (recorded in the\n"
	 "database but absent from the folder) or out-of-order. With --exit-code, exits 8\n"
	 "when a migration is failed, modified, missing or out-of-order, else 7 when\n"
	 "migrations are pending. A database with objects but no plumb records is not\n"
	 "managed yet: status says so and exits 9.\n"},
	{"push", 0, 0, 0, run_push, "push [--dry-run] [--allow-data-loss] [--online]",
	 "bring the database straight to the schema file",
	 "Applies the difference between the database and the schema file directly, without\n"
	 "writing a migration (for development databases). Destructive changes are refused\n"
	 "(exit 4) unless --allow-data-loss is given. Refused on an environment marked\n"
	 "\"protected\": true in plumb.json.\n"},
	{"pull", 0, 0, OPT_OUTPUT | OPT_FORCE, run_pull, "pull [-o FILE|-] [--force] [--owners]",
	 "write the database's schema as SQL",
	 "Writes the schema of the database as SQL to the schema file, or to FILE, or to\n"
	 "standard output with -o -. An existing file is only overwritten with --force.\n"
	 "  -o, --output FILE      where to write; - for standard output\n"
	 "  --force                overwrite an existing file\n"},
	{"check", 0, 0, 0, run_check, "check",
	 "prove that schema, migrations and database agree",
	 "Verifies plumb.sum, that the migrations produce the schema file, that none are\n"
	 "pending and that the database has not drifted. Exits 3 when the schema file and\n"
	 "the migrations differ, 7 when migrations are pending, 8 when one is failed,\n"
	 "modified, missing or out-of-order, 6 on drift, 9 when the database holds objects\n"
	 "but no plumb records (not managed yet: adopt or import it).\n"},
	{"baseline", 1, 1, 0, run_baseline, "baseline VERSION",
	 "record migrations up to VERSION as applied without running them",
	 "Records every migration up to and including VERSION as applied (state baseline)\n"
	 "without running it, for a database whose schema already matches them. It checks\n"
	 "that first: unless the database equals what those migrations build (replayed as\n"
	 "generate replays them), it refuses (exit 3), naming each difference, and records\n"
	 "nothing.\n"},
	{"repair", 0, 0, 0, run_repair, "repair [--dry-run]",
	 "clear failed records and accept edited checksums",
	 "After the database was fixed by hand: removes records of failed migrations (they\n"
	 "run again on the next migrate) and records the current checksum of applied\n"
	 "migrations whose file was deliberately edited. Records without a file are listed,\n"
	 "never removed.\n"},
	{"import", 0, 0, OPT_IMPORT | OPT_OUTPUT, run_import,
	 "import --from TOOL [--dir OLD] [-o DIR] [--accept KIND...] [--dry-run]\n"
	 "              [--table T --version-column C --pattern RE]",
	 "turn another tool's migrations into a plumb folder",
	 "Reads another migration tool's folder (--dir OLD, default: the tool's usual one)\n"
	 "and writes a migrations folder for plumb (-o DIR, default: the migrations folder\n"
	 "of the environment): one file per migration in the order the tool runs them, named\n"
	 "NNNN_<tool version>_<name>.sql, holding only the up SQL; down, undo and revert SQL\n"
	 "go to down/ under the same name; plumb.sum is written. A migration the tool runs\n"
	 "outside a transaction gets -- plumb:no-transaction. The folder must be new or\n"
	 "empty (or already hold the same files). When a database is named (--url,\n"
	 "DATABASE_URL or the config), the tool's tracking table is checked against the\n"
	 "files and the migrations it applied are recorded as imported (with their\n"
	 "original time when the tool kept one); its table is left untouched. A record\n"
	 "without a file (missing), a dirty, failed or rolled-back record, an edited file\n"
	 "(checksum) stops the import, nothing written, unless --accept names its kind.\n"
	 "Tools: drizzle (meta/_journal.json, or 1.0 folders with migration.sql), flyway\n"
	 "(V, R and U files), golang-migrate, dbmate, goose (SQL files), prisma, rails\n"
	 "(Ruby migrations are not imported: db/structure.sql becomes one baseline\n"
	 "migration and only versions are checked), sqitch (sqitch.plan) and custom.\n"
	 "  --from TOOL            the tool whose history is imported\n"
	 "  --accept KIND          go on despite problems of this kind (missing, dirty,\n"
	 "                         failed, rolled-back, checksum, pending; all); repeatable\n"
	 "  -o, --output DIR       the plumb folder to write\n"
	 "  --table T              custom: the tracking table ([schema.]name)\n"
	 "  --version-column C     custom: its column of applied versions\n"
	 "  --pattern RE           custom: POSIX extended regex of migration file names,\n"
	 "                         the version its first group, the name its second\n"},
	{"adopt", 0, 0, OPT_ADOPT | OPT_FORCE, run_adopt,
	 "adopt [--strategy future-only|baseline-file] [--pull [--force]] [--dry-run]\n"
	 "       plumb adopt --retire TOOL [--dry-run]",
	 "take over a database plumb does not manage yet",
	 "The guided flow for a database plumb does not manage yet (built by hand or by\n"
	 "another tool), never interactive. Prints each step and ends with the exact next\n"
	 "command. It audits the database against the schema file and against the state\n"
	 "the migrations folder builds (read only, never refused for hazards). --pull\n"
	 "writes the database's schema into the schema file; a file that differs is only\n"
	 "replaced with --force. --strategy records the baseline, and first checks that\n"
	 "the database equals the schema file and what the baseline's SQL builds (else it\n"
	 "refuses, exit 3, naming each difference, nothing written). The migrations folder\n"
	 "must have no migrations yet (else use `plumb baseline VERSION` or `plumb import`):\n"
	 "  future-only    no migration: the schema is kept as migrations/plumb.snapshot.sql,\n"
	 "                 the folder's starting point (listed in plumb.sum), recorded as\n"
	 "                 baseline; the next generate writes only what changed since.\n"
	 "                 migrate applies the snapshot first on an empty database only\n"
	 "  baseline-file  the whole schema as the first migration, recorded as baseline\n"
	 "--retire TOOL writes a migration dropping TOOL's tracking table (TOOL as for\n"
	 "import --from), only once its history was imported into plumb_migrations; review\n"
	 "it, then migrate.\n"
	 "  --strategy S           future-only or baseline-file\n"
	 "  --pull                 write the database's schema into the schema file\n"
	 "  --force                with --pull: replace a schema file that differs\n"
	 "  --retire TOOL          drop an imported tool's tracking table by a migration\n"},
	{"reset", 0, 0, OPT_YES | OPT_FROM_SCHEMA, run_reset,
	 "reset [--yes] [--from-schema] [--dry-run]",
	 "drop everything in a development database and rebuild it",
	 "Drops every object the user owns in the database (PostgreSQL: every object in a\n"
	 "non-system schema but an extension's, the tracking table too; SQLite: every table,\n"
	 "view, index and trigger), then rebuilds it by running migrate, or push with\n"
	 "--from-schema. Refused on an environment marked \"protected\": true in plumb.json.\n"
	 "Asks first on a terminal; with no terminal (or CI=true) it needs --yes.\n"
	 "  --yes                  drop without asking\n"
	 "  --from-schema          rebuild from the schema file instead of the migrations\n"
	 "  --dry-run              print the statements that would drop, change nothing\n"},
	{"squash", 0, 0, OPT_TO | OPT_DATA, run_squash,
	 "squash [--to VERSION] [--data keep|drop] [--dry-run]",
	 "replace the migrations up to a version by one",
	 "Replaces the migrations up to and including VERSION (default: all) by one\n"
	 "migration, VERSION_squash.sql, planned from the schema they build (not their\n"
	 "text put together) and checked to build the same. It keeps VERSION, so later\n"
	 "migrations stay in order, and names the versions it replaces in a\n"
	 "-- plumb:squashes directive. The originals move to squashed/ in the migrations\n"
	 "folder; both plumb.sum files are rewritten. migrate then runs the squashed\n"
	 "migration on a database that applied none of them, counts it as applied where\n"
	 "all were applied, and runs the missing originals on a database that stopped\n"
	 "among them. Statements that change rows (INSERT, UPDATE, DELETE, MERGE, COPY,\n"
	 "SELECT setval(...)) are no schema: when the squashed migrations have any, squash\n"
	 "refuses, naming each (file:line:col), unless --data says what becomes of them.\n"
	 "With keep they follow the schema statements in their order, each after a\n"
	 "comment naming its origin, and are run on the squashed schema first (SQLite: in\n"
	 "memory; PostgreSQL: on --dev-url when given). Refused for a drizzle-kit folder.\n"
	 "  --to VERSION           squash up to this version (default: the newest)\n"
	 "  --data keep|drop       carry the statements that change rows, or leave them\n"
	 "                         out (the originals stay in squashed/)\n"
	 "  --dry-run              print the migration and what would move, write nothing\n"},
	{"sum", 0, 0, 0, run_sum, "sum",
	 "rewrite plumb.sum from the migration files",
	 "Rewrites the integrity file plumb.sum from the migration files as they are now,\n"
	 "after a hand-written or merged migration has been reviewed.\n"},
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static const char global_options_help[] =
	"Options (anywhere on the line, --opt VALUE or --opt=VALUE):\n"
	"  --url URL              database (default: DATABASE_URL, then the config, then\n"
	"                         sqlite:plumb.db)\n"
	"  --schema PATH          schema file or folder of .sql files (default: schema.sql)\n"
	"  --dir PATH             migrations folder (default: migrations)\n"
	"  --dialect pg|sqlite    engine of a schema file when no database says it\n"
	"  --dev-url URL          PostgreSQL: build desired states exactly, in a scratch\n"
	"                         database plumb creates and drops on URL's server, or\n"
	"                         \"local\" for a throwaway cluster (default: schema files\n"
	"                         and migrations folders are read offline, no server)\n"
	"  --config FILE          config file (default: plumb.json when present)\n"
	"  --env NAME             environment in the config file (default: default)\n"
	"  --tracking-table [SCHEMA.]NAME  plumb's tracking table (default: the config's\n"
	"                         \"tracking\", else plumb_migrations; PostgreSQL: in public)\n"
	"  --json                 machine-readable output\n"
	"  --allow-data-loss      accept changes that destroy data\n"
	"  --dry-run              show what would be done, change nothing\n"
	"  --exit-code            diff, status: exit non-zero when something differs or is\n"
	"                         pending\n"
	"  --online               plan changes that do not block writers (PostgreSQL)\n"
	"  --owners               manage owners: compare, plan and pull ALTER ... OWNER TO\n"
	"                         (PostgreSQL; also \"owners\": true in the config)\n"
	"  --lock-timeout DURATION  how long to wait for the runner lock: 30s, 500ms, 2min,\n"
	"                         1h; a bare number is milliseconds (default: 30s)\n"
	"  -q, --quiet            only errors\n"
	"  -v, --verbose          more detail\n"
	"  -h, --help             this help; plumb COMMAND --help for one command\n"
	"  --version              print the version\n";

static const char exit_codes_help[] =
	"Exit codes:\n"
	"  0  success\n"
	"  1  error\n"
	"  2  usage: bad command line or configuration\n"
	"  3  differences found (check, diff --exit-code)\n"
	"  4  refused: hazards not allowed (push, generate; use --allow-data-loss)\n"
	"  5  lock not obtained in time\n"
	"  6  drift: the database differs from the migration history\n"
	"  7  pending migrations (check, status --exit-code)\n"
	"  8  migrations failed, modified, missing or out of order (check, status\n"
	"     --exit-code)\n"
	"  9  not managed yet: the database holds objects but no plumb records (check,\n"
	"     status, migrate); adopt or import it\n";

static const command *find_command(const char *name)
{
	for (size_t i = 0; i < N_COMMANDS; i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

static void print_help(FILE *f)
{
	fputs("plumb: one schema-migration system for PostgreSQL and SQLite\n\n"
	      "Usage: plumb COMMAND [ARGS] [OPTIONS]\n\n"
	      "Commands:\n",
	      f);
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(f, "  %-22s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "  %-22s %s\n\n", "help [COMMAND]", "show this help or a command's usage");
	fputs(global_options_help, f);
	fputc('\n', f);
	fputs(exit_codes_help, f);
	fputs("\nWith no configuration, plumb works on schema.sql, migrations/ and the SQLite\n"
	      "database plumb.db in the current folder.\n",
	      f);
}

static void print_command_help(const command *c, FILE *f)
{
	fprintf(f, "Usage: plumb %s\n\n%s\n", c->synopsis, c->help);
	fputs("Global options: --url, --schema, --dir, --dialect, --config, --env, --json,\n"
	      "--allow-data-loss, --dry-run, --exit-code, --online, --owners, --lock-timeout,\n"
	      "--tracking-table, -q, -v\n"
	      "(see plumb --help).\n\n",
	      f);
	fputs(exit_codes_help, f);
}

/* --json is on the command line: errors are also one JSON document on stdout. */
static bool json_errors;

static int usage_error(const char *fmt, ...)
{
	va_list ap;
	char *msg = NULL;
	fputs("plumb: ", stderr);
	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	plumb_print_escaped(msg ? msg : "out of memory", stderr); /* it quotes arguments */
	fputs("\nTry 'plumb --help'.\n", stderr);
	if (json_errors) {
		plumb_error err = {.code = PLUMB_EUSAGE, .message = msg ? msg : "out of memory",
				   .hint = "try 'plumb --help'"};
		plumb_error_print_json(&err, stdout);
	}
	free(msg);
	return PLUMB_EXIT_USAGE;
}

/* A duration (plumb_history_parse_duration) in milliseconds; 0 only when
 * allow_zero. Returns 0 or -1. */
static int parse_duration(const char *s, long *out, bool allow_zero)
{
	long ms;
	if (plumb_history_parse_duration(s, strlen(s), &ms) < 0 || (ms == 0 && !allow_zero))
		return -1;
	*out = ms;
	return 0;
}

typedef struct option_def {
	const char *name;  /* long name without -- */
	char short_name;   /* 0 when none */
	bool takes_value;
	int id;
} option_def;

enum {
	O_URL, O_SCHEMA, O_DIR, O_DIALECT, O_CONFIG, O_ENV, O_JSON, O_ALLOW_DATA_LOSS,
	O_DRY_RUN, O_EXIT_CODE, O_ONLINE, O_OWNERS, O_LOCK_TIMEOUT, O_QUIET, O_VERBOSE, O_HELP,
	O_VERSION, O_TO, O_OUT_OF_ORDER, O_OUTPUT, O_FORCE, O_DEV_URL, O_RETRY_FAILED,
	O_DDL_LOCK_TIMEOUT, O_STATEMENT_TIMEOUT, O_FROM, O_ACCEPT, O_TABLE, O_VERSION_COLUMN,
	O_PATTERN, O_YES, O_FROM_SCHEMA, O_REPORT, O_TRACKING_TABLE, O_STRATEGY, O_PULL, O_DATA,
	O_RETIRE,
};

static const option_def options[] = {
	{"url", 0, true, O_URL},
	{"schema", 0, true, O_SCHEMA},
	{"dir", 0, true, O_DIR},
	{"dialect", 0, true, O_DIALECT},
	{"config", 0, true, O_CONFIG},
	{"env", 0, true, O_ENV},
	{"json", 0, false, O_JSON},
	{"allow-data-loss", 0, false, O_ALLOW_DATA_LOSS},
	{"dry-run", 0, false, O_DRY_RUN},
	{"exit-code", 0, false, O_EXIT_CODE},
	{"online", 0, false, O_ONLINE},
	{"owners", 0, false, O_OWNERS},
	{"lock-timeout", 0, true, O_LOCK_TIMEOUT},
	{"quiet", 'q', false, O_QUIET},
	{"verbose", 'v', false, O_VERBOSE},
	{"help", 'h', false, O_HELP},
	{"version", 0, false, O_VERSION},
	{"to", 0, true, O_TO},
	{"allow-out-of-order", 0, false, O_OUT_OF_ORDER},
	{"output", 'o', true, O_OUTPUT},
	{"force", 0, false, O_FORCE},
	{"dev-url", 0, true, O_DEV_URL},
	{"retry-failed", 0, false, O_RETRY_FAILED},
	{"ddl-lock-timeout", 0, true, O_DDL_LOCK_TIMEOUT},
	{"statement-timeout", 0, true, O_STATEMENT_TIMEOUT},
	{"from", 0, true, O_FROM},
	{"accept", 0, true, O_ACCEPT},
	{"table", 0, true, O_TABLE},
	{"version-column", 0, true, O_VERSION_COLUMN},
	{"pattern", 0, true, O_PATTERN},
	{"yes", 0, false, O_YES},
	{"from-schema", 0, false, O_FROM_SCHEMA},
	{"report", 0, false, O_REPORT},
	{"tracking-table", 0, true, O_TRACKING_TABLE},
	{"strategy", 0, true, O_STRATEGY},
	{"pull", 0, false, O_PULL},
	{"retire", 0, true, O_RETIRE},
	{"data", 0, true, O_DATA},
};

#define N_OPTIONS (sizeof(options) / sizeof(options[0]))

/* The command-specific flag an option needs, 0 for global options. */
static unsigned option_scope(int id)
{
	switch (id) {
	case O_TO:
		return OPT_TO;
	case O_OUT_OF_ORDER:
		return OPT_OUT_OF_ORDER;
	case O_OUTPUT:
		return OPT_OUTPUT;
	case O_FORCE:
		return OPT_FORCE;
	case O_RETRY_FAILED:
		return OPT_RETRY;
	case O_DDL_LOCK_TIMEOUT:
	case O_STATEMENT_TIMEOUT:
		return OPT_TIMEOUTS;
	case O_FROM:
	case O_ACCEPT:
	case O_TABLE:
	case O_VERSION_COLUMN:
	case O_PATTERN:
		return OPT_IMPORT;
	case O_YES:
		return OPT_YES;
	case O_FROM_SCHEMA:
		return OPT_FROM_SCHEMA;
	case O_REPORT:
		return OPT_REPORT;
	case O_STRATEGY:
	case O_PULL:
	case O_RETIRE:
		return OPT_ADOPT;
	case O_DATA:
		return OPT_DATA;
	default:
		return 0;
	}
}

typedef struct parsed {
	plumb_options opts;
	char **args;       /* positional arguments, the command first */
	int n_args;
	bool help, version, quiet;
	int verbose;
	unsigned used;     /* OPT_* flags of command-specific options seen */
	const char *used_name[N_SCOPES];
} parsed;

static int apply_option(parsed *p, const option_def *o, const char *shown, const char *value)
{
	plumb_options *opts = &p->opts;

	if (o->takes_value && !*value && o->id != O_OUTPUT)
		return usage_error("option \"%s\" needs a non-empty value", shown);
	switch (o->id) {
	case O_URL: opts->url = value; break;
	case O_SCHEMA: opts->schema = value; break;
	case O_DIR: opts->dir = value; break;
	case O_DEV_URL: opts->dev_url = value; break;
	case O_DIALECT:
		if (strcmp(value, "pg") && strcmp(value, "sqlite")) {
			if (!strcmp(value, "postgres") || !strcmp(value, "postgresql"))
				value = "pg";
			else if (!strcmp(value, "sqlite3"))
				value = "sqlite";
			else
				return usage_error("invalid dialect \"%s\": expected pg or sqlite",
						   value);
		}
		opts->dialect = value;
		break;
	case O_CONFIG: opts->config = value; break;
	case O_ENV: opts->env = value; break;
	case O_TRACKING_TABLE: opts->tracking_table = value; break;
	case O_JSON: opts->json = true; break;
	case O_ALLOW_DATA_LOSS: opts->allow_data_loss = true; break;
	case O_DRY_RUN: opts->dry_run = true; break;
	case O_EXIT_CODE: opts->exit_code = true; break;
	case O_ONLINE: opts->online = true; break;
	case O_OWNERS: opts->owners = true; break;
	case O_LOCK_TIMEOUT:
		if (parse_duration(value, &opts->lock_timeout_ms, false))
			return usage_error("invalid duration \"%s\" for %s: expected e.g. 30s, "
					   "500ms, 2min, 1h (a bare number is milliseconds)",
					   value, shown);
		break;
	case O_DDL_LOCK_TIMEOUT:
	case O_STATEMENT_TIMEOUT: {
		long ms;
		if (parse_duration(value, &ms, true))
			return usage_error("invalid duration \"%s\" for %s: expected e.g. 10s, "
					   "500ms, 2min, 1h, or 0 for the server's setting",
					   value, shown);
		if (o->id == O_DDL_LOCK_TIMEOUT)
			opts->ddl_lock_timeout_ms = ms ? ms : -1;
		else
			opts->statement_timeout_ms = ms ? ms : -1;
		break;
	}
	case O_RETRY_FAILED: opts->retry_failed = true; break;
	case O_YES: opts->yes = true; break;
	case O_FROM_SCHEMA: opts->from_schema = true; break;
	case O_REPORT: opts->report = true; break;
	case O_STRATEGY:
		if (strcmp(value, "future-only") && strcmp(value, "baseline-file"))
			return usage_error("invalid strategy \"%s\": expected future-only or "
					   "baseline-file",
					   value);
		adopt_opts.strategy = value;
		break;
	case O_PULL: adopt_opts.pull = true; break;
	case O_RETIRE: adopt_opts.retire = value; break;
	case O_DATA:
		if (strcmp(value, "keep") && strcmp(value, "drop"))
			return usage_error("invalid --data \"%s\": expected keep or drop", value);
		opts->squash_data = value;
		break;
	case O_QUIET: p->quiet = true; break;
	case O_VERBOSE: p->verbose++; break;
	case O_HELP: p->help = true; break;
	case O_VERSION: p->version = true; break;
	case O_TO: opts->to_version = value; break;
	case O_OUT_OF_ORDER: opts->allow_out_of_order = true; break;
	case O_OUTPUT:
		if (!*value)
			return usage_error("option \"%s\" needs a non-empty value", shown);
		opts->output = value;
		break;
	case O_FORCE: opts->force = true; break;
	case O_FROM: import_opts.from = value; break;
	case O_ACCEPT:
		/* repeatable, and comma-separated */
		for (char *v = (char *)value, *next; v && *v; v = next) {
			next = strchr(v, ',');
			if (next)
				*next++ = '\0';
			if (import_opts.n_accept == sizeof(accept_list) / sizeof(accept_list[0]))
				return usage_error("too many --accept values");
			accept_list[import_opts.n_accept++] = v;
		}
		import_opts.accept = accept_list;
		break;
	case O_TABLE: import_opts.table = value; break;
	case O_VERSION_COLUMN: import_opts.version_column = value; break;
	case O_PATTERN: import_opts.pattern = value; break;
	}
	unsigned scope = option_scope(o->id);
	if (scope) {
		p->used |= scope;
		for (int i = 0; i < N_SCOPES; i++)
			if ((1u << i) == scope)
				p->used_name[i] = o->name;
	}
	return 0;
}

/* Parses argv into p. Returns 0, or an exit code after printing the error. */
static int parse_args(parsed *p, int argc, char **argv)
{
	bool only_args = false;

	for (int i = 1; i < argc; i++) {
		char *a = argv[i];
		if (only_args || a[0] != '-' || !strcmp(a, "-")) {
			p->args[p->n_args++] = a;
			continue;
		}
		if (!strcmp(a, "--")) {
			only_args = true;
			continue;
		}
		if (a[1] == '-') {
			const char *name = a + 2, *eq = strchr(name, '=');
			size_t n = eq ? (size_t)(eq - name) : strlen(name);
			const option_def *o = NULL;
			for (size_t k = 0; k < N_OPTIONS; k++)
				if (strlen(options[k].name) == n && !strncmp(options[k].name, name, n))
					o = &options[k];
			if (!o)
				return usage_error("unknown option \"%.*s\"", (int)(n + 2), a);
			char shown[64];
			snprintf(shown, sizeof(shown), "--%s", o->name);
			const char *value = NULL;
			if (o->takes_value) {
				if (eq)
					value = eq + 1;
				else if (i + 1 < argc)
					value = argv[++i];
				else
					return usage_error("option \"%s\" needs a value", shown);
			} else if (eq) {
				return usage_error("option \"%s\" takes no value", shown);
			}
			int rc = apply_option(p, o, shown, value);
			if (rc)
				return rc;
			continue;
		}
		/* Short options, possibly bundled (-qv) or with a value (-ofile, -o file). */
		for (char *s = a + 1; *s; s++) {
			const option_def *o = NULL;
			for (size_t k = 0; k < N_OPTIONS; k++)
				if (options[k].short_name && options[k].short_name == *s)
					o = &options[k];
			if (!o)
				return usage_error("unknown option \"-%c\"", *s);
			char shown[4] = {'-', *s, 0, 0};
			const char *value = NULL;
			if (o->takes_value) {
				if (s[1])
					value = s + 1;
				else if (i + 1 < argc)
					value = argv[++i];
				else
					return usage_error("option \"%s\" needs a value", shown);
			}
			int rc = apply_option(p, o, shown, value);
			if (rc)
				return rc;
			if (o->takes_value)
				break;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	parsed p;
	plumb_ctx *ctx = NULL;
	int rc, status;

	/* Memory freed is kept for the next allocation rather than handed
	 * back to the system at once. A large schema's statements are read and
	 * freed one after another, and a page handed back is a page fault when
	 * it is taken again: a quarter of the faults at 10,000 tables. 64 MB is
	 * the size of a thread's heap in glibc, so that no heap shrinks. */
	mallopt(M_TOP_PAD, 64 << 20);
	memset(&p, 0, sizeof(p));
	/* memset, not PLUMB_OPTIONS_INIT: -Wmissing-field-initializers rejects {1}. */
	p.opts.version = PLUMB_OPTIONS_VERSION;
	import_opts.version = PLUMB_OPTIONS_VERSION;
	p.args = calloc((size_t)argc + 1, sizeof(char *));
	if (!p.args) {
		fputs("plumb: out of memory\n", stderr);
		return PLUMB_EXIT_ERROR;
	}
	for (int i = 1; i < argc && strcmp(argv[i], "--"); i++)
		if (!strcmp(argv[i], "--json"))
			json_errors = true;
	status = parse_args(&p, argc, argv);
	if (status)
		goto done;

	if (p.version) {
		printf("plumb %s\n", PLUMB_VERSION);
		goto done;
	}
	if (p.n_args == 0) {
		if (p.help) {
			print_help(stdout);
			goto done;
		}
		status = usage_error("no command given");
		goto done;
	}

	const char *name = p.args[0];
	if (!strcmp(name, "help")) {
		if (p.n_args > 2) {
			status = usage_error("help takes at most one command");
			goto done;
		}
		if (p.n_args == 2) {
			const command *c = find_command(p.args[1]);
			if (!c) {
				status = usage_error("unknown command \"%s\"", p.args[1]);
				goto done;
			}
			print_command_help(c, stdout);
		} else {
			print_help(stdout);
		}
		goto done;
	}

	const command *cmd = find_command(name);
	if (!cmd) {
		status = usage_error("unknown command \"%s\"", name);
		goto done;
	}
	if (p.help) {
		print_command_help(cmd, stdout);
		goto done;
	}
	for (int i = 0; i < N_SCOPES; i++) {
		if ((p.used & (1u << i)) && !(cmd->accepts & (1u << i))) {
			status = usage_error("option \"--%s\" does not apply to %s", p.used_name[i],
					     cmd->name);
			goto done;
		}
	}
	int n = p.n_args - 1;
	if (n < cmd->min_args || n > cmd->max_args) {
		if (cmd->min_args == cmd->max_args && cmd->min_args == 0)
			status = usage_error("%s takes no arguments", cmd->name);
		else if (n < cmd->min_args)
			status = usage_error("%s: missing argument\nUsage: plumb %s", cmd->name,
					     cmd->synopsis);
		else
			status = usage_error("%s: too many arguments\nUsage: plumb %s", cmd->name,
					     cmd->synopsis);
		goto done;
	}
	if (p.quiet && p.verbose) {
		status = usage_error("--quiet and --verbose cannot be combined");
		goto done;
	}
	p.opts.verbose = p.quiet ? 0 : (p.verbose ? 2 : 1);
	p.opts.out = stdout;
	p.opts.err = stderr;

	rc = plumb_ctx_new(&ctx);
	if (rc) {
		fputs("plumb: out of memory\n", stderr);
		status = PLUMB_EXIT_ERROR;
		goto done;
	}
	rc = cmd->run(ctx, &p.opts, p.args + 1);
	if (rc) {
		const plumb_error *err = plumb_ctx_error(ctx);
		if (err && err->code)
			plumb_error_print(err, stderr);
		else if (rc != PLUMB_EDIFF && rc != PLUMB_EPENDING)
			fprintf(stderr, "plumb: %s failed\n", cmd->name);
	}
	rc = plumb_cmd_finish(ctx, &p.opts, rc);
	status = plumb_exit_code(rc);
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "plumb: could not write the output: %s\n", strerror(errno));
		if (!status)
			status = PLUMB_EXIT_ERROR;
	}

done:
	plumb_ctx_free(ctx);
	free(p.args);
	return status;
}
