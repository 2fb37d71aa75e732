#!/usr/bin/env python3
"""Writes N small PostgreSQL migrations (default 500) in each tool's folder
format, all with the same SQL:

  OUT/plumb/VERSION_mNNNN.sql        plumb (plumb.sum is added by run.sh)
  OUT/dbmate/VERSION_mNNNN.sql       dbmate: -- migrate:up / -- migrate:down
  OUT/drizzle/NNNN_mNNNN.sql         drizzle-kit layout: statements separated
  OUT/drizzle/meta/_journal.json       by --> statement-breakpoint, a journal
  OUT/all_tx.sql                     every migration in BEGIN ... COMMIT (psql)
  OUT/all_plain.sql                  the same statements, no transactions

Odd migrations create a table and insert a row; even ones add a column to the
table just created and insert a second row."""
import json
import os
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 500
out = sys.argv[2] if len(sys.argv) > 2 else "."
for d in ("plumb", "dbmate", "drizzle/meta"):
    os.makedirs(os.path.join(out, d), exist_ok=True)

base_ms = 1735689600000  # 2025-01-01T00:00:00Z
entries = []
tx, plain = [], []
for k in range(1, n + 1):
    if k % 2:
        t = "m%04d" % k
        stmts = [f"CREATE TABLE {t} (id integer PRIMARY KEY, name text NOT NULL);",
                 f"INSERT INTO {t} (id, name) VALUES (1, 'row {k}');"]
    else:
        t = "m%04d" % (k - 1)
        stmts = [f"ALTER TABLE {t} ADD COLUMN note text;",
                 f"INSERT INTO {t} (id, name, note) VALUES (2, 'row {k}', 'added by {k}');"]
    # 2025-01-01 00:00:00 + k seconds, as YYYYMMDDHHMMSS
    version = "20250101%02d%02d%02d" % (k // 3600, k // 60 % 60, k % 60)
    name = "m%04d" % k
    body = "\n".join(stmts) + "\n"
    with open(os.path.join(out, "plumb", f"{version}_{name}.sql"), "w") as f:
        f.write(body)
    with open(os.path.join(out, "dbmate", f"{version}_{name}.sql"), "w") as f:
        f.write("-- migrate:up\n" + body + "\n-- migrate:down\n")
    tag = "%04d_%s" % (k - 1, name)
    with open(os.path.join(out, "drizzle", tag + ".sql"), "w") as f:
        f.write("--> statement-breakpoint\n".join(s + "\n" for s in stmts))
    entries.append({"idx": k - 1, "version": "7", "when": base_ms + k * 1000,
                    "tag": tag, "breakpoints": True})
    tx.append("BEGIN;\n" + body + "COMMIT;\n")
    plain.append(body)

with open(os.path.join(out, "drizzle", "meta", "_journal.json"), "w") as f:
    json.dump({"version": "7", "dialect": "postgresql", "entries": entries},
              f, indent=2)
with open(os.path.join(out, "all_tx.sql"), "w") as f:
    f.write("".join(tx))
with open(os.path.join(out, "all_plain.sql"), "w") as f:
    f.write("".join(plain))
