/*
 * The schema model: tables with their columns and constraints, indexes,
 * views and triggers, and (PostgreSQL) schemas, extensions, collations,
 * types, sequences, functions, policies and comments, each keyed by (kind,
 * schema, name). A catalog is built
 * by a dialect (from a live database or from SQL files) and compared by diff/.
 * It holds facts, not SQL to run; the only SQL it keeps is the text of
 * expressions and, where the engine stores it, the object's definition.
 * Everything lives in the arena the catalog was created in.
 */
#ifndef PLUMB_CATALOG_H
#define PLUMB_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "util/util.h"

typedef enum plumb_obj_kind {
	PLUMB_OBJ_TABLE,
	PLUMB_OBJ_INDEX,
	PLUMB_OBJ_VIEW,
	PLUMB_OBJ_TRIGGER,
	/* PostgreSQL only; these live in plumb_catalog.objects as plumb_object. */
	PLUMB_OBJ_SCHEMA,
	PLUMB_OBJ_EXTENSION,
	PLUMB_OBJ_ENUM,
	PLUMB_OBJ_DOMAIN,
	PLUMB_OBJ_TYPE,      /* composite and range types */
	PLUMB_OBJ_SEQUENCE,  /* free-standing sequences; serial ones fold into their column */
	PLUMB_OBJ_FUNCTION,  /* functions and procedures */
	PLUMB_OBJ_POLICY,
	PLUMB_OBJ_COMMENT,
	PLUMB_OBJ_GRANT,     /* privileges of one grantee on one object */
	PLUMB_OBJ_COLLATION,
	PLUMB_OBJ_RULE,      /* rewrite rules (not the ON SELECT rule of a view) */
	PLUMB_OBJ_OPERATOR,  /* user-defined operators (not shells) */
	PLUMB_OBJ_CAST,      /* user-defined casts */
	PLUMB_OBJ_TS_DICT,   /* text search dictionaries */
	PLUMB_OBJ_TS_CONFIG, /* text search configurations, with their mappings */
	PLUMB_OBJ_STATISTICS, /* extended statistics (CREATE STATISTICS) */
	PLUMB_OBJ_PUBLICATION, /* logical replication publications */
	PLUMB_OBJ_EVENT_TRIGGER,
	PLUMB_OBJ_OPFAMILY,    /* operator families, with all their operators and functions */
	PLUMB_OBJ_OPCLASS,     /* operator classes (their members are their family's) */
	PLUMB_OBJ_OWNER,       /* the owner of one object (with --owners only) */
	PLUMB_OBJ_DEFAULT_ACL, /* default privileges of one grantee (ALTER DEFAULT PRIVILEGES) */
	PLUMB_OBJ_FDW,         /* foreign-data wrappers the schema creates (not an extension's) */
	PLUMB_OBJ_SERVER,      /* foreign servers (their user mappings are not managed) */
	PLUMB_OBJ_KIND_COUNT /* not a kind: how many there are. A new kind goes
			      * above and gets an entry in catalog/kinds.c */
} plumb_obj_kind;

/* "table", "index", "view", "trigger", "schema", "extension", "enum",
 * "domain", "type", "sequence", "function", "policy", "comment", "grant",
 * "collation", "rule", "operator", "cast", "text search dictionary", "text search
 * configuration", "statistics", "publication", "event trigger", "operator family",
 * "operator class", "owner", "default privileges", "foreign-data wrapper", "server"
 * (the kind's name in catalog/kinds.c). */
const char *plumb_obj_kind_name(plumb_obj_kind kind);

typedef struct plumb_column {
	const char *name;
	/* sqlite: declared type as written, canonical spacing; "" when none.
	 * pg: format_type() spelling ("integer", "character varying(20)",
	 * "timestamp with time zone", "public.mood", "text[]"); a serial column
	 * (its default nextval of a sequence it owns) is "serial", "bigserial"
	 * or "smallserial" with no default and no separate sequence object. */
	const char *type;
	const char *default_sql;   /* default expression as written; NULL when none */
	const char *default_written; /* pg, read from schema files: the default as the file
				      * wrote it, for the statements that set it (pg's
				      * default_sql is canonical); NULL when the same */
	const char *collation;     /* COLLATE name; NULL when the default */
	const char *generated_sql; /* generation expression; NULL for ordinary columns */
	const char *generated_written; /* pg: the generation expression as written (a
					* file's) or as it reads back (a server's), for the
					* statements that add the column; NULL when
					* generated_sql */
	bool not_null;
	bool generated_stored;     /* STORED (true) or VIRTUAL (false) */
	bool hidden;               /* sqlite: hidden column of a virtual table */
	/* pg: the column comes from a parent (partition or INHERITS) and the
	 * table does not declare it itself (attislocal false); a parent's
	 * ALTER TABLE adds, drops and retypes it. */
	bool inherited;
	int pk_position;           /* 1-based position in the primary key; 0 when not in it */
	const char *identity;      /* pg: "ALWAYS" or "BY DEFAULT" for identity columns, else NULL */
	const char *identity_options; /* pg: sequence options that differ from the defaults, or NULL */
	/* pg: how values are stored, set by ALTER COLUMN. compression "pglz" or
	 * "lz4" when set (attcompression), in the definition; storage "PLAIN",
	 * "MAIN", "EXTERNAL" or "EXTENDED" when not the type's own (attstorage);
	 * options the attribute options n_distinct and n_distinct_inherited as
	 * "name=value" sorted by name, joined by ", " (attoptions). NULL when
	 * the default. storage and options are no part of CREATE TABLE: diff
	 * compares them beside the definition. */
	const char *compression;
	const char *storage;
	const char *options;
	/* pg: the statistics target ALTER COLUMN SET STATISTICS set
	 * (attstattarget), as text; NULL when the default. Beside the
	 * definition, like storage. */
	const char *statistics;
	/* pg, a foreign table's column: its OPTIONS as the server stores them
	 * (attfdwoptions, "key=value"), sorted by key; beside the definition */
	plumb_vec fdw_options;
	/* Canonical text of the whole column definition, name first, as the
	 * dialect would write it in CREATE TABLE. Two columns are equal when
	 * their definitions are equal. */
	const char *definition;
	const char *renamed_from;  /* from a `-- plumb:renamed from=old` annotation, or NULL */
} plumb_column;

typedef enum plumb_con_kind {
	PLUMB_CON_PRIMARY_KEY,
	PLUMB_CON_UNIQUE,
	PLUMB_CON_CHECK,
	PLUMB_CON_FOREIGN_KEY,
	PLUMB_CON_EXCLUDE,         /* pg: EXCLUDE USING ... */
} plumb_con_kind;

typedef struct plumb_constraint {
	plumb_con_kind kind;
	const char *name;          /* CONSTRAINT name, or NULL when unnamed */
	const char **columns;      /* key columns (PK, UNIQUE, FK) */
	size_t n_columns;
	const char **include; /* pg: INCLUDE columns of a PK or UNIQUE key, in order */
	size_t n_include;
	const char *check_sql;     /* CHECK expression text */
	const char *check_written; /* pg, read from schema files: the CHECK expression as the
				    * file wrote it, for the statements that add it (pg's
				    * check_sql is canonical); NULL when the same */
	const char *ref_schema;    /* FK: schema of the referenced table (pg), or NULL */
	const char *ref_table;     /* FK: referenced table */
	const char **ref_columns;  /* FK: referenced columns; n_ref_columns == 0 means its PK */
	size_t n_ref_columns;
	const char *on_delete;     /* FK: "NO ACTION", "RESTRICT", "CASCADE", "SET NULL", "SET DEFAULT" */
	const char *on_update;
	const char *match;         /* FK: "SIMPLE" (default), "FULL", "PARTIAL" */
	bool deferrable;
	bool initially_deferred;
	bool autoincrement;        /* sqlite PK: AUTOINCREMENT */
	bool column_level;         /* declared on a column rather than as a table constraint */
	bool not_valid;		   /* pg: NOT VALID, a CHECK or FK whose rows are not yet
				    * checked (pg_constraint.convalidated false); part of
				    * the definition, so a schema saying NOT VALID is kept
				    * so and VALIDATE is planned when it stops saying it */
	const char *renamed_from;  /* annotation on a named constraint, or NULL */
	/* Canonical text of the constraint in table-constraint form
	 * ("CONSTRAINT x CHECK (a > 0)"). Two constraints are equal when their
	 * definitions are equal. */
	const char *definition;
} plumb_constraint;

typedef struct plumb_table {
	const char *schema;        /* NULL for sqlite's main */
	const char *name;
	plumb_vec columns;         /* plumb_column *, in table order */
	plumb_vec constraints;     /* plumb_constraint * */
	bool without_rowid;        /* sqlite */
	bool strict;               /* sqlite */
	/* The CREATE TABLE statement as the engine stores it (sqlite_schema.sql),
	 * or NULL where the engine keeps none. */
	const char *sql;
	const char *renamed_from;  /* annotation, or NULL */
	/* pg */
	bool unlogged;
	const char *partition_by;  /* "RANGE (created_at)", "LIST (region)", "HASH (id)", or NULL */
	const char *partition_of;  /* parent "schema.name" of a partition, or NULL */
	const char *partition_bound; /* "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')", "DEFAULT" */
	plumb_vec inherits;        /* const char *: "schema.name" of INHERITS parents, in order */
	bool rls_enabled;          /* ROW LEVEL SECURITY enabled */
	bool rls_forced;           /* ... and FORCEd for the owner */
	/* pg: storage parameters (reloptions, its TOAST table's as "toast.x")
	 * as "name=value" sorted by name, joined by ", "; NULL when none */
	const char *options;
	/* pg: REPLICA IDENTITY "FULL", "NOTHING" or "USING INDEX name"; NULL
	 * for DEFAULT (the primary key) */
	const char *replica_identity;
	/* pg: a foreign table's server (NULL for any other table), and its
	 * OPTIONS as the server stores them ("key=value"), sorted by key */
	const char *server;
	plumb_vec fdw_options;
} plumb_table;

typedef struct plumb_index {
	const char *schema;
	const char *name;
	const char *table;
	bool unique;
	plumb_vec keys;            /* const char *: canonical text of each key (column or expression, COLLATE, DESC) */
	const char *where_sql;     /* partial index predicate, or NULL */
	const char *sql;           /* CREATE INDEX statement as stored */
	const char *definition;    /* canonical text; equal definitions mean equal indexes */
	const char *renamed_from;  /* annotation, or NULL */
	/* pg: the statistics targets ALTER INDEX ... ALTER COLUMN n SET
	 * STATISTICS set on its expression columns, "n=target" by column
	 * number, joined by ", "; NULL when none. Beside the definition. */
	const char *statistics;
	bool invalid;              /* pg: not valid or not ready (an interrupted CREATE INDEX
				    * CONCURRENTLY); its definition then differs from any
				    * schema's, so a diff drops and builds it again */
} plumb_index;

typedef struct plumb_view {
	const char *schema;
	const char *name;
	const char *sql;           /* CREATE VIEW statement as stored */
	const char *definition;    /* canonical text */
	plumb_vec depends;         /* const char *: names of tables and views it reads
				    * (sqlite: "name"; pg: "schema.name") */
	bool materialized;         /* pg: MATERIALIZED VIEW */
} plumb_view;

typedef struct plumb_trigger {
	const char *schema;
	const char *name;
	const char *table;         /* table or view it fires on */
	const char *sql;           /* CREATE TRIGGER statement as stored */
	const char *definition;    /* canonical text */
	plumb_vec depends;         /* const char *: other tables and views its body names
				    * (pg: "schema.name" of the function it executes) */
} plumb_trigger;

/*
 * A PostgreSQL object other than a table, index, view or trigger. Identity
 * is (kind, schema, name); diff compares definitions and replaces an object
 * whose definition changed, except enums, whose values the planner compares.
 *  - schema:    schema NULL, name the schema's name.
 *  - extension: schema where it is installed, name the extension; definition
 *               "name" plus " SCHEMA s" when not public; version apart (diff
 *               compares it only when the desired catalog names one);
 *               depends the "schema.name" of the extensions it requires,
 *               where introspection knows them.
 *  - collation: definition the canonical CREATE COLLATION text.
 *  - enum:      values in order; definition "ENUM ('a', 'b')".
 *  - domain, type, sequence, policy: definition the canonical CREATE text.
 *  - function:  name is "name(argument types)", the types only, canonical,
 *               as COMMENT ON FUNCTION takes them: "add(integer, integer)", "p(mood)";
 *               definition the canonical CREATE OR REPLACE text.
 *               An aggregate is a function of func_kind AGGREGATE: its
 *               definition the CREATE AGGREGATE text model.c builds from
 *               pg_aggregate's fields; an ordered-set one is named
 *               "f(direct types ORDER BY aggregated types)", as DROP
 *               AGGREGATE takes it.
 *  - policy:    table is the table it is on; name the policy's name. Policies
 *               are named per table, so diff matches them by table too.
 *  - rule:      as a policy: table the table or view it is on, name the
 *               rule's; definition the canonical CREATE RULE text.
 *  - operator:  name is "op(left type, right type)", the types canonical,
 *               NONE for a prefix operator's left: "~<<(text, text)",
 *               "-(NONE, integer)", as DROP OPERATOR takes them; definition
 *               the canonical CREATE OPERATOR text (operator.c).
 *  - cast:      schema NULL, name "(source AS target)" with canonical types,
 *               as DROP CAST takes it; definition the canonical CREATE CAST
 *               text (operator.c).
 *  - text search dictionary: definition the canonical CREATE text
 *               (textsearch.c), its options as the server serialises them.
 *  - text search configuration: values its mappings in token order
 *               ("asciiword WITH english_stem"); sql the CREATE with its
 *               parser; definition that and an ADD MAPPING line per mapping;
 *               depends the dictionaries of its schemas it maps to.
 *  - statistics: schema and name the statistics object's (its schema may
 *               differ from its table's); table the table it is on,
 *               depends its "schema.name"; definition the canonical CREATE
 *               STATISTICS text (columns in the table's order, then
 *               expressions; the kinds only when not all three), followed
 *               by "; STATISTICS n" when stat_target is set.
 *  - publication: schema NULL, name the publication's; values its members
 *               as FOR writes them, sorted ("TABLE public.t (a, b) WHERE (a >
 *               0)", "TABLES IN SCHEMA s"), all_tables for FOR ALL TABLES,
 *               pub_options the WITH list when not the defaults; definition
 *               and sql the CREATE PUBLICATION text model.c writes from them.
 *  - event trigger: schema NULL, name the trigger's; depends the
 *               "schema.name" of its function; evt_enabled its state when not
 *               ENABLE; definition the CREATE EVENT TRIGGER text evtrig.c
 *               writes (tags upper case, in written order), then "; " and
 *               evt_enabled when set.
 *  - operator family: name "f USING am"; sql the CREATE OPERATOR FAMILY
 *               text; values every operator and function of the family (its
 *               classes' too) as ALTER OPERATOR FAMILY ... ADD writes them,
 *               sorted (opclass.c); definition the CREATE and those lines.
 *  - operator class: name "c USING am"; depends "schema.f USING am" of its
 *               family; definition the class's header (DEFAULT, FOR TYPE,
 *               USING, FAMILY, STORAGE), its members being its family's.
 *  - comment:   name is the target as COMMENT ON writes it ("TABLE public.users",
 *               "COLUMN public.users.email", "FUNCTION public.f(integer)"),
 *               schema the target's schema, table the target's table when it
 *               hangs on one; target_kind the kind of its target; definition
 *               the comment text.
 *  - grant:     the privileges one grantee holds on one object (the owner's
 *               own are left out). name is "TARGET TO GRANTEE" as GRANT writes
 *               them: "TABLE public.users TO app_user", "SEQUENCE public.s TO
 *               PUBLIC", "TABLE public.users (email) TO app_user" for column
 *               privileges, "SCHEMA audit TO app_user" (schema and target
 *               the schema); schema and table say what it hangs on; target_kind
 *               its kind; definition the privileges in PostgreSQL's order
 *               (SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES,
 *               TRIGGER; USAGE for sequences; USAGE, CREATE for schemas, the
 *               public schema's USAGE to PUBLIC that initdb gives left out),
 *               each followed by
 *               " WITH GRANT OPTION" when grantable, joined by ", ".
 *               Grants on routines, types, servers and wrappers name their
 *               target as GRANT does: "FUNCTION public.f(integer) TO app"
 *               (PROCEDURE for procedures, FUNCTION for aggregates; target
 *               the function's catalog name "f(integer)"), "TYPE public.t
 *               TO app" (DOMAIN for domains), "FOREIGN SERVER s TO app",
 *               "FOREIGN DATA WRAPPER w TO app" (schema NULL), and
 *               "LANGUAGE l TO app" (schema NULL, target_kind
 *               PLUMB_OBJ_GRANT: languages are no catalog objects; only
 *               those the schema creates, not an extension's or the
 *               server's). Their privileges are EXECUTE on routines, USAGE
 *               on the others. PostgreSQL gives PUBLIC EXECUTE on every
 *               routine and USAGE on every type and trusted language by
 *               default (a NULL acl): a grant object exists where what one
 *               grantee holds differs from that default, so PUBLIC's plain
 *               EXECUTE (USAGE) is no object, and a REVOKE of it from
 *               PUBLIC is one with privileges 0 and definition "NONE".
 *               Dropping that object grants the default back. The owner's
 *               entry is an implicit grant, as a relation's owner's is.
 *               A routine or type the planner drops and creates again
 *               (not CREATE OR REPLACE) gets its grants again.
 *  - owner:     the owner of one object, only in catalogs built with
 *               ctx->owners (--owners). name is the object as ALTER ... OWNER
 *               writes it ("TABLE public.t", "MATERIALIZED VIEW public.m",
 *               "FUNCTION public.f(integer)", "SCHEMA s"); schema the object's
 *               (NULL for schemas, publications, event triggers); target_kind
 *               and target its kind and catalog name; grantee and definition
 *               the role, quoted where needed; sql the ALTER ... OWNER TO.
 *               Offline, an object has one only when the files state it
 *               (ALTER ... OWNER TO, CREATE SCHEMA ... AUTHORIZATION), but
 *               schema public, whose owner initdb sets: pg_database_owner.
 *               diff compares owners both sides state; one only the database
 *               has is left as it is (the planner writes nothing for it).
 *  - default privileges: what ALTER DEFAULT PRIVILEGES gives one grantee on
 *               the objects one role will create, in one schema (schema the
 *               schema) or everywhere (schema NULL). target the role, part
 *               the objects ("TABLES", "SEQUENCES", "FUNCTIONS", "TYPES",
 *               "SCHEMAS"), grantee, privileges, grantable as a grant's. name
 *               "FOR ROLE r [IN SCHEMA s] ON TABLES TO g". An object exists
 *               where the privileges differ from PostgreSQL's defaults (none
 *               in a schema; everywhere, all to the role itself, EXECUTE on
 *               functions and USAGE on types to PUBLIC); definition the
 *               privileges as a grant's, or "NONE".
 *
 * Some facts the definition or name says in SQL are fields too, so that the
 * planner reads them instead of the text: a function's kind and volatility;
 * what a comment or grant is on (target, column, part); a grant's grantee
 * and privileges. Both PostgreSQL builders fill them; diff does not compare
 * them (the definition and name it compares say the same).
 */

/* A function's kind, as pg_proc.prokind says it. */
typedef enum plumb_func_kind {
	PLUMB_FUNC_FUNCTION,       /* 'f' */
	PLUMB_FUNC_PROCEDURE,      /* 'p': CREATE PROCEDURE */
	PLUMB_FUNC_WINDOW,         /* 'w': CREATE FUNCTION ... WINDOW */
	PLUMB_FUNC_AGGREGATE,      /* 'a': CREATE AGGREGATE */
} plumb_func_kind;

/* A function's volatility, as pg_proc.provolatile says it. */
typedef enum plumb_volatility {
	PLUMB_VOLATILE,            /* 'v', the default */
	PLUMB_STABLE,              /* 's' */
	PLUMB_IMMUTABLE,           /* 'i' */
} plumb_volatility;

/* A grant's privileges, one bit each, in the order its definition lists them. */
#define PLUMB_PRIV_SELECT 0x01u
#define PLUMB_PRIV_INSERT 0x02u
#define PLUMB_PRIV_UPDATE 0x04u
#define PLUMB_PRIV_DELETE 0x08u
#define PLUMB_PRIV_TRUNCATE 0x10u
#define PLUMB_PRIV_REFERENCES 0x20u
#define PLUMB_PRIV_TRIGGER 0x40u
#define PLUMB_PRIV_USAGE 0x80u
#define PLUMB_PRIV_CREATE 0x100u
#define PLUMB_PRIV_EXECUTE 0x200u

typedef struct plumb_object {
	const char *schema;
	const char *name;
	plumb_obj_kind kind;
	const char *table;         /* policy, rule, comment on a table's part: the table;
				    * sequence: the table whose column owns it (its schema) */
	plumb_obj_kind target_kind;/* comment: what it is on (PLUMB_OBJ_TABLE for columns) */
	const char *definition;    /* canonical text; equal definitions mean equal objects */
	const char *sql;           /* the statement that creates it */
	plumb_vec values;          /* enum: labels in order (const char *) */
	plumb_vec renamed_values;  /* enum: pairs old, new (const char *) from annotations */
	plumb_vec depends;         /* const char *: "schema.name" of objects to create first */
	const char *version;       /* extension: the version installed, or the one the schema
				    * names (NULL: the schema names none, any will do) */
	const char *renamed_from;  /* annotation, or NULL */
	bool implicit;             /* held by the database, not declared (an owner's
				    * privileges): never dropped or changed, and a
				    * declared object of its name is already there */
	/* function */
	plumb_func_kind func_kind;
	plumb_volatility volatility;
	/* comment, grant: what it is on, in schema. target is the object itself
	 * (relation, index, type, domain, schema, function "f(integer)"), or the
	 * relation or domain whose column, constraint, trigger or policy it is
	 * on; column names that column; part names that constraint, trigger or
	 * policy (target_kind says which: TRIGGER, POLICY, else a constraint). */
	const char *target;
	/* grant on an object of a kind plumb does not manage (pg: a language):
	 * that object's phrase in the catalogs' unmanaged lists, else NULL;
	 * compared only where both catalogs have the object (diff.c) */
	const char *on_unmanaged;
	const char *column;        /* ... and a sequence's owning column */
	const char *part;
	/* grant */
	const char *grantee;       /* as GRANT writes it: the role quoted where needed, or PUBLIC */
	unsigned privileges;       /* PLUMB_PRIV_* bits held; 0 for an implicit grant */
	unsigned grantable;        /* those of them held WITH GRANT OPTION */
	/* statistics: ALTER STATISTICS ... SET STATISTICS n, NULL for the default */
	const char *stat_target;
	/* publication: FOR ALL TABLES; the WITH (...) options, NULL for the defaults */
	bool all_tables;
	const char *pub_options;
	/* event trigger: "DISABLE", "ENABLE REPLICA" or "ENABLE ALWAYS"; NULL: ENABLE */
	const char *evt_enabled;
	/* foreign-data wrapper: HANDLER and VALIDATOR functions ("schema.name"),
	 * NULL for none; server: its wrapper and TYPE (NULL for none), its
	 * VERSION in version. Both: values holds the OPTIONS as the server
	 * stores them ("key=value"), sorted by key. */
	const char *fdw_handler;
	const char *fdw_validator;
	const char *fdw;
	const char *srv_type;
} plumb_object;

typedef struct plumb_catalog {
	plumb_arena *arena;
	const char *dialect;       /* "sqlite" or "pg" */
	bool fold_case;            /* identifiers compare case-insensitively (sqlite) */
	plumb_vec tables;          /* plumb_table *, sorted by name */
	plumb_vec indexes;         /* plumb_index *, sorted by name; not those backing constraints */
	plumb_vec views;           /* plumb_view *, in creation order */
	plumb_vec triggers;        /* plumb_trigger *, sorted by name */
	plumb_vec objects;         /* plumb_object *, pg kinds; sorted by kind, schema, name */
	/* pg: const char *, the objects of kinds plumb does not manage (event
	 * triggers, publications, casts, ...), one phrase each ("publication
	 * pub1"), for pull and diff to name what they leave out; never compared */
	plumb_vec unmanaged;
	/* const char *: the tables left out as other tools' or named by the
	 * config's "exclude" ("schema.name", sqlite "name"), once each
	 * (plumb_catalog_exclude) */
	plumb_vec excluded;
	struct plumb_catalog_index *index; /* plumb_catalog_find's hash (catalog.c), made on
					    * first use and kept up with the vectors */
	/* how many times plumb_catalog_changed was called: an index of a
	 * builder's own that follows appends made again when it moves */
	unsigned long changes;
} plumb_catalog;

/* A new empty catalog in arena. */
int plumb_catalog_new(plumb_ctx *ctx, plumb_arena *arena, const char *dialect, bool fold_case,
		      plumb_catalog **out);

/* Identifier equality under the catalog's case rules. */
bool plumb_catalog_name_eq(const plumb_catalog *cat, const char *a, const char *b);

plumb_table *plumb_catalog_find_table(const plumb_catalog *cat, const char *name);
plumb_index *plumb_catalog_find_index(const plumb_catalog *cat, const char *name);
plumb_view *plumb_catalog_find_view(const plumb_catalog *cat, const char *name);
plumb_trigger *plumb_catalog_find_trigger(const plumb_catalog *cat, const char *name);
/* Any object by kind, schema (NULL matches only NULL) and name: the first
 * such in its vector. Through a hash index that follows objects appended
 * to the vectors by itself; plumb_catalog_sort and the removals below keep
 * it right, and code that changes a catalog otherwise calls
 * plumb_catalog_changed. NULL also when out of memory. */
void *plumb_catalog_find(const plumb_catalog *cat, plumb_obj_kind kind, const char *schema,
			 const char *name);
/* After a change to the catalog other than an object appended to its vector
 * (an object renamed in place, one removed without the two below): the
 * index starts over. */
void plumb_catalog_changed(plumb_catalog *cat);
/* Remove item i of v, a vector of cat (or item p): plumb_vec_remove and
 * plumb_catalog_changed. */
void plumb_catalog_remove(plumb_catalog *cat, plumb_vec *v, size_t i);
void plumb_catalog_remove_item(plumb_catalog *cat, plumb_vec *v, const void *p);

/* The vector holding objects of kind (tables, indexes, views, triggers, or objects). */
const plumb_vec *plumb_catalog_objects_of(const plumb_catalog *cat, plumb_obj_kind kind);

plumb_column *plumb_table_find_column(const plumb_catalog *cat, const plumb_table *t,
				      const char *name);

/* Sorts tables, indexes, triggers and objects by schema and name (views keep
 * creation order; objects go by kind first). */
void plumb_catalog_sort(plumb_catalog *cat);

/* True when a table (schema NULL for sqlite's main) is left out of every
 * catalog: another migration tool's tracking table or plumb's own (the
 * defaults: drizzle, Flyway, golang-migrate, dbmate, Rails, goose, Prisma,
 * Knex, Sqitch), or one the config's "exclude" patterns name (ctx->exclude:
 * "table" in any schema, "schema.table", "schema.*" for the whole schema,
 * with * and ? globs; "!pattern" keeps what a default would leave out).
 * fold: names compare case-insensitively (sqlite). */
bool plumb_catalog_excluded(const plumb_ctx *ctx, const char *schema, const char *name, bool fold);

/* True when a whole schema is left out ("schema.*"). */
bool plumb_catalog_schema_excluded(const plumb_ctx *ctx, const char *schema);

/* Removes from cat the tables plumb_catalog_excluded names, with what hangs
 * on them (indexes, triggers, policies, rules, comments, grants, owned
 * sequences), and every object of an excluded schema, recording each table
 * in cat->excluded. Every catalog built from a database or from files goes
 * through it, so both sides of a comparison leave out the same tables. */
int plumb_catalog_exclude(plumb_ctx *ctx, plumb_catalog *cat);

/* Notes that table schema.name was left out (cat->excluded), once. */
int plumb_catalog_note_excluded(plumb_ctx *ctx, plumb_catalog *cat, const char *schema,
				const char *name);

/* True when the catalog holds no objects. */
bool plumb_catalog_is_empty(const plumb_catalog *cat);

/* Serialises the catalog as JSON (a stable form for `inspect --format json`
 * and snapshots) into arena memory. */
int plumb_catalog_to_json(plumb_ctx *ctx, const plumb_catalog *cat, plumb_arena *arena,
			  char **out);

/* The catalog as bytes (catalog/store.c): every field, for the replay cache
 * of this build only. *out is in arena memory. */
int plumb_catalog_store(plumb_ctx *ctx, const plumb_catalog *cat, plumb_arena *arena,
			const char **out, size_t *len);
/* The same bytes written to the file descriptor fd as they come. */
int plumb_catalog_store_fd(plumb_ctx *ctx, const plumb_catalog *cat, int fd);
/* A catalog read back from plumb_catalog_store's bytes into arena;
 * PLUMB_EPARSE when they are not such bytes or are cut short. */
int plumb_catalog_load(plumb_ctx *ctx, plumb_arena *arena, const char *data, size_t len,
		       plumb_catalog **out);

#endif
