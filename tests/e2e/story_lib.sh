# The user's story (issue 13; the seed's six phases) as one end-to-end test,
# shared by story.sh (SQLite) and pg_story.sh (PostgreSQL). Sourced after
# tap.sh with ENGINE set to sqlite or pg. Not run by itself.
#
# The "before" state is the only hand-written SQL: a legacy folder of 15
# dbmate-style files (users, orgs, memberships renamed, projects with a
# renamed column, tasks with a status enum, indexes, a view, a trigger, a
# backfill) applied by a tiny runner of the test's own that records each
# version in schema_migrations, with rows in every table; a drizzle-kit
# folder and a schema file that drifted from it. From there on only plumb
# runs, and reads: the audit, the pull, the reset of dev (refused on the
# protected prod), future-only and baseline-file on copies of production,
# the import of the legacy history and the retirement of its table, a new
# change generated and migrated without a terminal, check as in CI; every
# table keeps its row count and the checksum of its rows.

exec </dev/null # no terminal, as in CI

TABLES="users orgs org_members projects tasks comments audit_log"

# --- the engine -------------------------------------------------------------------
n_db=0
if [ "$ENGINE" = pg ]; then
	# newdb: a new empty database; DB its name, URL its URL
	newdb() {
		n_db=$((n_db + 1))
		DB="story_$$_$n_db"
		createdb "$DB" || return 1
		URL="postgresql:///$DB?host=$PGHOST&port=$PGPORT&user=$PGUSER"
	}
	run_sql() { PGOPTIONS="-c client_min_messages=warning" psql -X -q -At -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }
	run_file() { PGOPTIONS="-c client_min_messages=warning" psql -X -q -At -v ON_ERROR_STOP=1 -d "$1" -f "$2"; }
	# columns DB TABLE: its columns in order, comma separated
	columns() {
		run_sql "$1" "SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position)
			FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '$2'"
	}
	# app_dump DB: the application's schema, tool and plumb tables aside
	app_dump() {
		pg_dump --schema-only --no-owner --no-privileges -T public.plumb_migrations \
			-T public.schema_migrations -d "$1" | grep -vE '^(--|SET |SELECT pg_catalog|\\)' | grep -v '^$'
	}
	has_table() { [ "$(run_sql "$1" "SELECT to_regclass('public.$2') IS NOT NULL")" = t ]; }
else
	newdb() {
		n_db=$((n_db + 1))
		DB="$WORK/story_$n_db.db"
		rm -f "$DB"
		URL="sqlite:$DB"
	}
	run_sql() { sqlite3 -bail "$1" "$2"; }
	run_file() { sqlite3 -bail "$1" <"$2"; }
	columns() { sqlite3 -bail "$1" "SELECT group_concat('\"' || name || '\"', ', ') FROM pragma_table_info('$2')"; }
	app_dump() { dump "$1" | grep -v schema_migrations; }
	has_table() { [ -n "$(run_sql "$1" "SELECT name FROM sqlite_schema WHERE name = '$2'")" ]; }
fi

# sums DB: for every table, its row count and a checksum of its rows (the
# columns it had before, in order, the rows ordered by them)
declare -A COLS
sums() {
	local t
	for t in $TABLES; do
		[ -n "${COLS[$t]:-}" ] || COLS[$t]=$(columns "$1" "$t")
		printf '%s %s %s\n' "$t" "$(run_sql "$1" "SELECT count(*) FROM $t")" \
			"$(run_sql "$1" "SELECT ${COLS[$t]} FROM $t ORDER BY ${COLS[$t]}" | sha256sum | cut -c1-16)"
	done
}

# --- the "before" state: hand-written SQL ---------------------------------------------
if [ "$ENGINE" = pg ]; then
	ID="serial PRIMARY KEY" TS="timestamptz NOT NULL DEFAULT now()" DATE=date BOOL=boolean
else
	ID="INTEGER PRIMARY KEY" TS="TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP" DATE=TEXT BOOL=INTEGER
fi

legacy_file() { # legacy_file NAME UP: a dbmate file
	printf -- '-- migrate:up\n%s\n\n-- migrate:down\n' "$2" >"legacy/$1.sql"
}
write_legacy() {
	mkdir -p legacy
	legacy_file 20240101000001_create_users "CREATE TABLE users (id $ID, email text NOT NULL, name text NOT NULL, created_at $TS);"
	legacy_file 20240101000002_create_orgs "CREATE TABLE orgs (id $ID, name text NOT NULL, slug text NOT NULL);"
	legacy_file 20240101000003_create_memberships "CREATE TABLE memberships (
  user_id integer NOT NULL REFERENCES users (id),
  org_id integer NOT NULL REFERENCES orgs (id),
  role text NOT NULL DEFAULT 'member',
  PRIMARY KEY (user_id, org_id)
);"
	legacy_file 20240101000004_create_projects "CREATE TABLE projects (id $ID, org_id integer NOT NULL REFERENCES orgs (id), title text NOT NULL);"
	legacy_file 20240101000005_create_tasks "CREATE TABLE tasks (
  id $ID,
  project_id integer NOT NULL REFERENCES projects (id),
  title text NOT NULL,
  done $BOOL NOT NULL DEFAULT $([ "$ENGINE" = pg ] && echo false || echo 0)
);"
	if [ "$ENGINE" = pg ]; then
		legacy_file 20240101000006_task_status "CREATE TYPE task_status AS ENUM ('todo', 'doing', 'done');
ALTER TABLE tasks ADD COLUMN status task_status NOT NULL DEFAULT 'todo';"
	else
		legacy_file 20240101000006_task_status "ALTER TABLE tasks ADD COLUMN status text NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'doing', 'done'));"
	fi
	legacy_file 20240101000007_indexes "CREATE INDEX tasks_project_idx ON tasks (project_id);
CREATE UNIQUE INDEX orgs_slug_key ON orgs (slug);"
	legacy_file 20240201000008_rename_project_title "ALTER TABLE projects RENAME COLUMN title TO name;"
	legacy_file 20240201000009_users_display_name "ALTER TABLE users ADD COLUMN display_name text;
UPDATE users SET display_name = name WHERE display_name IS NULL;"
	legacy_file 20240201000010_create_comments "CREATE TABLE comments (
  id $ID,
  task_id integer NOT NULL REFERENCES tasks (id),
  author_id integer NOT NULL REFERENCES users (id),
  body text NOT NULL,
  created_at $TS
);
CREATE INDEX comments_task_idx ON comments (task_id);"
	legacy_file 20240301000011_tasks_due_date "ALTER TABLE tasks ADD COLUMN due_date $DATE;"
	legacy_file 20240301000012_open_tasks_view "CREATE VIEW open_tasks AS SELECT id, project_id, title, status FROM tasks WHERE status <> 'done';"
	if [ "$ENGINE" = pg ]; then
		legacy_file 20240301000013_tasks_updated_at "ALTER TABLE tasks ADD COLUMN updated_at timestamptz;
CREATE FUNCTION set_updated_at() RETURNS trigger LANGUAGE plpgsql AS \$\$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
\$\$;
CREATE TRIGGER tasks_updated_at BEFORE UPDATE ON tasks FOR EACH ROW EXECUTE FUNCTION set_updated_at();"
	else
		legacy_file 20240301000013_tasks_updated_at "ALTER TABLE tasks ADD COLUMN updated_at TEXT;
CREATE TRIGGER tasks_updated_at AFTER UPDATE OF title, status, done ON tasks
BEGIN
  UPDATE tasks SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
END;"
	fi
	legacy_file 20240401000014_rename_memberships "ALTER TABLE memberships RENAME TO org_members;"
	legacy_file 20240401000015_create_audit_log "CREATE TABLE audit_log (
  id $ID,
  org_id integer NOT NULL REFERENCES orgs (id),
  actor_id integer REFERENCES users (id),
  action text NOT NULL,
  at $TS
);
CREATE INDEX audit_log_org_idx ON audit_log (org_id, at);"
}

# legacy_run DB FROM TO: the home-made runner: the up part of each file
# whose version is in [FROM, TO], its version recorded in schema_migrations
legacy_run() {
	local f v
	run_sql "$1" "CREATE TABLE IF NOT EXISTS schema_migrations (version varchar(128) PRIMARY KEY)" || return 1
	for f in legacy/*.sql; do
		v=$(basename "$f" | cut -d_ -f1)
		[ "${v: -2}" -ge "$2" ] && [ "${v: -2}" -le "$3" ] || continue
		sed -n '/^-- migrate:up/,/^-- migrate:down/p' "$f" | sed '1d;$d' >"$WORK/up.sql"
		run_file "$1" "$WORK/up.sql" || return 1
		run_sql "$1" "INSERT INTO schema_migrations (version) VALUES ('$v')" || return 1
	done
}

# rows inserted while the application ran (between migrations 7 and 8, and
# after 15)
rows_early() {
	run_sql "$1" "INSERT INTO users (email, name) VALUES ('ada@example.com', 'Ada'), ('bob@example.com', 'Bob'), ('cy@example.com', 'Cy');
INSERT INTO orgs (name, slug) VALUES ('Acme', 'acme'), ('Globex', 'globex');
INSERT INTO memberships (user_id, org_id, role) VALUES (1, 1, 'owner'), (2, 1, 'member'), (3, 2, 'owner');
INSERT INTO projects (org_id, title) VALUES (1, 'Website'), (1, 'Billing'), (2, 'Research');
INSERT INTO tasks (project_id, title, status) VALUES (1, 'Landing page', 'done'), (1, 'Pricing page', 'doing'), (2, 'Invoices', 'todo'), (3, 'Survey', 'todo');"
}
rows_late() {
	run_sql "$1" "INSERT INTO users (email, name, display_name) VALUES ('dee@example.com', 'Dee', 'Dee D.');
INSERT INTO org_members (user_id, org_id) VALUES (4, 2);
INSERT INTO projects (org_id, name) VALUES (2, 'Ops');
INSERT INTO tasks (project_id, title, due_date) VALUES (4, 'On-call rota', '2024-05-01');
UPDATE tasks SET title = 'Pricing page v2' WHERE id = 2;
INSERT INTO comments (task_id, author_id, body) VALUES (1, 1, 'Shipped'), (2, 2, 'Needs copy'), (4, 3, 'Draft sent');
INSERT INTO audit_log (org_id, actor_id, action) VALUES (1, 1, 'project.create'), (2, 3, 'member.add'), (2, NULL, 'export');"
}

# production as the legacy runner left it
build_prod() {
	legacy_run "$1" 1 7 && rows_early "$1" && legacy_run "$1" 8 15 && rows_late "$1"
}

# the drizzle-kit folder that drifted: never run on production, its users
# have avatar_url, its tasks neither due_date nor updated_at, no comments,
# no audit_log
write_drizzle() {
	local dialect=$([ "$ENGINE" = pg ] && echo postgresql || echo sqlite) status=""
	mkdir -p drizzle/meta
	if [ "$ENGINE" = pg ]; then
		status="CREATE TYPE \"public\".\"task_status\" AS ENUM('todo', 'doing', 'done');
--> statement-breakpoint
"
	fi
	cat >drizzle/0000_init.sql <<SQL
${status}CREATE TABLE "users" (
	"id" $ID,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"display_name" text,
	"avatar_url" text,
	"created_at" $TS
);
--> statement-breakpoint
CREATE TABLE "orgs" ("id" $ID, "name" text NOT NULL, "slug" text NOT NULL);
--> statement-breakpoint
CREATE TABLE "org_members" ("user_id" integer NOT NULL REFERENCES "users"("id"), "org_id" integer NOT NULL REFERENCES "orgs"("id"), "role" text DEFAULT 'member' NOT NULL, PRIMARY KEY ("user_id", "org_id"));
--> statement-breakpoint
CREATE TABLE "projects" ("id" $ID, "org_id" integer NOT NULL REFERENCES "orgs"("id"), "name" text NOT NULL);
SQL
	cat >drizzle/0001_tasks.sql <<SQL
CREATE TABLE "tasks" ("id" $ID, "project_id" integer NOT NULL REFERENCES "projects"("id"), "title" text NOT NULL, "done" $BOOL DEFAULT $([ "$ENGINE" = pg ] && echo false || echo 0) NOT NULL, "status" $([ "$ENGINE" = pg ] && echo task_status || echo text) DEFAULT 'todo' NOT NULL);
--> statement-breakpoint
CREATE UNIQUE INDEX "orgs_slug_key" ON "orgs" ("slug");
SQL
	cat >drizzle/meta/_journal.json <<JSON
{"version": "7", "dialect": "$dialect", "entries": [
 {"idx": 0, "version": "7", "when": 1704067200000, "tag": "0000_init", "breakpoints": true},
 {"idx": 1, "version": "7", "when": 1706745600000, "tag": "0001_tasks", "breakpoints": true}]}
JSON
}

# the schema file that drifted: written from the drizzle schema, so it has
# avatar_url and lacks what production gained since
write_schema() {
	{
		[ "$ENGINE" = pg ] && echo "CREATE TYPE task_status AS ENUM ('todo', 'doing', 'done');"
		sed -e '/statement-breakpoint/d' -e '/CREATE TYPE/d' drizzle/0000_init.sql drizzle/0001_tasks.sql
	} >schema.sql
}

# project NAME: a folder with the legacy files, the drizzle folder, the
# schema file and plumb.json naming prod (protected) and dev
project() {
	mkdir "$WORK/$1" && cd "$WORK/$1" || return 1
	write_legacy && write_drizzle && write_schema
	cat >plumb.json <<'JSON'
{"environments": {
  "prod": {"url": "${STORY_PROD_URL}", "protected": true},
  "dev": {"url": "${STORY_DEV_URL}"}
}}
JSON
}

# --- the story --------------------------------------------------------------------
# the new change of phase 6: a table and a column
new_change() {
	printf '\nCREATE TABLE labels (id %s, project_id integer NOT NULL REFERENCES projects (id), name text NOT NULL);\n' "$ID" >>schema.sql
	printf 'CREATE INDEX labels_project_idx ON labels (project_id);\n' >>schema.sql
}
# change_phase: generate writes only the change, migrate applies it on prod
# without a terminal, check passes as in CI, every table's rows are kept
change_phase() {
	local what=$1 mig
	new_change
	plumb generate add_labels --env prod
	mig=$(ls migrations/*_add_labels.sql 2>/dev/null)
	ok "$what: generate writes a migration" eval 'rc_is 0 && [ -n "$mig" ]'
	ok "$what: the migration holds only the change" \
		eval '[ "$(grep -iE "^(CREATE|ALTER|DROP)" "$mig" | grep -vc labels)" = 0 ] && grep -qi "CREATE TABLE.*labels" "$mig" && grep -qi "CREATE INDEX.*labels_project_idx" "$mig"'
	plumb migrate --env prod
	ok "$what: migrate on prod, no terminal" eval 'rc_is 0 && err_has "1 migration applied"'
	plumb check --env prod
	ok "$what: check passes (CI)" rc_is 0
	ok "$what: every table's row count and checksum as before" [ "$(sums "$P")" = "$BEFORE" ]
}

story() {
	# --- phase 0: the "before" state ---------------------------------------------------
	project a || return 1
	newdb && P=$DB && export STORY_PROD_URL=$URL
	ok "before: the legacy runner builds production" build_prod "$P"
	BEFORE=$(sums "$P")
	ok "before: rows in every table" eval '! echo "$BEFORE" | grep -q " 0 "'
	ok "before: 15 versions in schema_migrations" [ "$(run_sql "$P" "SELECT count(*) FROM schema_migrations")" = 15 ]
	newdb && DEV=$DB && export STORY_DEV_URL=$URL
	plumb migrate --env dev --dir drizzle
	ok "before: dev was built by the drizzle folder" rc_is 0
	prod_dump=$(app_dump "$P")

	# --- phase 1: audit ----------------------------------------------------------------
	plumb check --env prod
	ok "audit: check says not managed yet (exit 9)" eval 'rc_is 9 && err_has "not managed by plumb yet"'
	plumb status --env prod
	ok "audit: status says not managed yet (exit 9), names adopt and import" \
		eval 'rc_is 9 && err_has "plumb adopt" && err_has "plumb import"'
	plumb adopt --env prod
	ok "audit: adopt prints the report (exit 0)" eval 'rc_is 0 && out_has "not managed by plumb yet \(7 tables, 1 view"'
	ok "audit: the legacy runner's table named, not audited" \
		eval 'out_has "tracking tables found: .*schema_migrations" && ! out_has "table \"(public\".\")?schema_migrations\""'
	ok "audit: the drift, object by object" \
		eval 'out_has "^only in database +table \"(public\".\")?audit_log\"" && out_has "^only in database +view \"(public\".\")?open_tasks\"" &&
		out_has "only in schema.sql +column \"avatar_url\"" && out_has "only in database +column \"due_date\""'
	if [ "$ENGINE" = pg ]; then
		ok "audit: the renamed table's constraints are rename candidates" \
			eval 'out_has "rename candidate +primary key \"memberships_pkey\" -> \"org_members_pkey\"" &&
			out_has "only in database +function \"public\".\"set_updated_at\(\)\"" && out_has "only in database +trigger"'
	fi
	ok "audit: a column written with its clauses in another order is not a difference" \
		eval '! out_has "column \"done\"" && ! out_has "column \"role\""'
	ok "audit: next is the pull" out_has "^next: plumb adopt --pull --force --env prod"
	plumb adopt --env prod --dir drizzle
	ok "audit: the drizzle folder against production" \
		eval 'rc_is 0 && out_has "differs from the migrations in drizzle" && out_has "only in drizzle +column \"avatar_url\""'
	plumb diff "$STORY_PROD_URL" drizzle --report --exit-code
	ok "audit: diff --report of production and the drizzle folder reads only (exit 3)" \
		eval 'rc_is 3 && out_has "only in database +table \"(public\".\")?comments\""'
	ok "audit: production unchanged" [ "$(app_dump "$P")" = "$prod_dump" ]

	# --- phase 2: reconcile the schema file ----------------------------------------------
	cp schema.sql drifted.sql
	plumb adopt --env prod --pull
	ok "pull: refused without --force, schema file unchanged" eval 'rc_is 2 && same_files schema.sql drifted.sql'
	plumb adopt --env prod --pull --force
	ok "pull --force: schema file written" eval 'rc_is 0 && out_has "pull: wrote schema.sql" && grep -qi "audit_log" schema.sql'
	ok "pull: next is the strategy" out_has "^next: plumb adopt --strategy future-only --env prod"
	plumb adopt --env prod
	ok "pull: the audit now finds the schema file equal" eval 'rc_is 0 && out_has "the database matches the schema file"'

	# --- phase 3: reset dev ------------------------------------------------------------
	plumb reset --env prod --yes
	ok "reset: refused on the protected prod" eval 'rc_is 1 && err_has "\"prod\" is protected"'
	ok "reset: prod unchanged" eval '[ "$(app_dump "$P")" = "$prod_dump" ] && [ "$(sums "$P")" = "$BEFORE" ]'
	plumb reset --env dev
	ok "reset: no terminal and no --yes, refused" eval 'rc_is 2 && err_has "needs --yes"'
	plumb reset --env dev --yes --from-schema
	ok "reset --yes --from-schema: dev rebuilt" rc_is 0
	ok "reset: dev now equals production's schema" [ "$(app_dump "$DEV")" = "$prod_dump" ]

	# --- phase 4: baseline, future-only --------------------------------------------------
	plumb adopt --env prod --strategy future-only
	ok "future-only: exit 0, snapshot and baseline record" \
		eval 'rc_is 0 && [ -f migrations/plumb.snapshot.sql ] && [ "$(run_sql "$P" "SELECT state FROM plumb_migrations")" = baseline ]'
	ok "future-only: no migration written" [ "$(ls migrations | grep -c "^[0-9]")" = 0 ]
	plumb check --env prod
	ok "future-only: check passes" rc_is 0
	plumb reset --env dev --yes
	ok "reset dev from the migrations folder (the snapshot)" eval 'rc_is 0 && err_has "applied plumb.snapshot.sql"'
	ok "dev equals production" [ "$(app_dump "$DEV")" = "$prod_dump" ]

	# --- phase 6: a new change, non-interactive ---------------------------------------------
	change_phase "future-only"
	plumb migrate --env dev
	ok "future-only: dev takes the change" eval 'rc_is 0 && [ "$(app_dump "$DEV")" = "$(app_dump "$P")" ]'

	# --- phase 4 again: baseline-file on a second production ----------------------------------
	project b || return 1
	newdb && P=$DB && export STORY_PROD_URL=$URL
	ok "baseline-file: second production built" build_prod "$P"
	BEFORE=$(sums "$P")
	plumb adopt --env prod --pull --force --strategy baseline-file
	first=$(ls migrations/*_baseline.sql 2>/dev/null)
	ok "baseline-file: the whole schema as the first migration, recorded" \
		eval 'rc_is 0 && [ -n "$first" ] && grep -qi "audit_log" "$first" && [ "$(run_sql "$P" "SELECT state FROM plumb_migrations")" = baseline ]'
	plumb check --env prod
	ok "baseline-file: check passes" rc_is 0
	change_phase "baseline-file"

	# --- phase 5: import the legacy history on a third production --------------------------
	project c || return 1
	newdb && P=$DB && export STORY_PROD_URL=$URL
	ok "import: third production built" build_prod "$P"
	BEFORE=$(sums "$P")
	plumb import --from dbmate --dir legacy --env prod
	ok "import: 15 migrations written and recorded as imported" \
		eval 'rc_is 0 && [ "$(ls migrations | grep -c "\.sql$")" = 15 ] && [ -f migrations/plumb.sum ] &&
		[ "$(run_sql "$P" "SELECT count(*) FROM plumb_migrations WHERE state = '\''imported'\''")" = 15 ]'
	ok "import: the legacy table untouched" [ "$(run_sql "$P" "SELECT count(*) FROM schema_migrations")" = 15 ]
	plumb status --env prod --exit-code
	ok "import: status shows all applied, nothing pending" \
		eval 'rc_is 0 && [ "$(grep -cE "^ +[0-9]+ +applied .*imported\)" "$OUT")" = 15 ] && out_has "^0 pending, 0 with problems"'
	plumb adopt --env prod --retire dbmate
	ok "retire: a migration dropping schema_migrations" eval 'rc_is 0 && ls migrations | grep -q "_retire_dbmate.sql$"'
	plumb migrate --env prod
	ok "retire: migrate drops it" eval 'rc_is 0 && ! has_table "$P" schema_migrations'
	plumb pull --env prod -o schema.sql --force
	ok "import: pull writes the schema file" rc_is 0
	plumb check --env prod
	ok "import: check passes" rc_is 0
	change_phase "import"
	newdb
	plumb migrate --url "$URL"
	ok "import: a fresh database built by the imported folder equals production" \
		eval 'rc_is 0 && [ "$(app_dump "$DB")" = "$(app_dump "$P")" ]'
}
