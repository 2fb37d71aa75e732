#!/usr/bin/env python3
"""Writes a drizzle-orm schema.ts equivalent to introspect/gen_schema.py's
PostgreSQL schema of N tables (default 2000) to standard output: the same 10
columns with their types, defaults and NOT NULLs, the CHECK, the plain and the
unique index, and the foreign key of table i to table i-1 (table 0 to the last
one). With --changed, also the small change run.sh appends to schema.sql
(changed.sql): a table "extra" with a foreign key to t0000 and an index.

  gen_drizzle.py N [--changed]

The same file serves drizzle-kit 0.31 and 1.0 (pg-core's pgTable with an
array of extra config; check() with sql``). It is not type-checked: drizzle-kit
loads it with esbuild, which strips the types, so the cycle of foreign keys
(t0000 referring to the last table, declared later) only needs the extra config
to be read lazily, as drizzle does."""
import sys

args = [a for a in sys.argv[1:] if not a.startswith("--")]
n = int(args[0]) if args else 2000
changed = "--changed" in sys.argv[1:]
w = sys.stdout.write
w('import { sql } from "drizzle-orm";\n'
  'import { pgTable, bigint, text, varchar, numeric, integer, boolean, '
  'timestamp, jsonb, uuid, index, uniqueIndex, foreignKey, check } '
  'from "drizzle-orm/pg-core";\n\n')
for i in range(n):
    t = "t%04d" % i
    p = "t%04d" % ((i - 1) % n)
    w(f"""export const {t} = pgTable("{t}", {{
  id: bigint("id", {{ mode: "number" }}).primaryKey().generatedByDefaultAsIdentity(),
  parentId: bigint("parent_id", {{ mode: "number" }}),
  name: text("name").notNull(),
  email: varchar("email", {{ length: 255 }}),
  amount: numeric("amount", {{ precision: 12, scale: 2 }}).notNull().default("0"),
  qty: integer("qty").notNull().default(1),
  active: boolean("active").notNull().default(true),
  createdAt: timestamp("created_at", {{ withTimezone: true }}).notNull().defaultNow(),
  attrs: jsonb("attrs"),
  ref: uuid("ref"),
}}, (t) => [
  check("{t}_qty_check", sql`${{t.qty}} >= 0 AND ${{t.amount}} >= 0`),
  index("{t}_name_idx").on(t.name, t.createdAt),
  uniqueIndex("{t}_email_key").on(t.email),
  foreignKey({{ name: "{t}_parent_fk", columns: [t.parentId], foreignColumns: [{p}.id] }}).onDelete("set null"),
]);
""")
if changed:
    w("""export const extra = pgTable("extra", {
  id: bigint("id", { mode: "number" }).primaryKey(),
  t0000Id: bigint("t0000_id", { mode: "number" }).references(() => t0000.id),
  note: text("note"),
}, (t) => [
  index("extra_note_idx").on(t.note),
]);
""")
