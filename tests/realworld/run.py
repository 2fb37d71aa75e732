#!/usr/bin/python3
"""Runs plumb on the schemas of real applications (tests/realworld/schemas).

Each folder of schemas/ holds one application's schema as upstream wrote it:
schema.sql (a pg_dump output or a Rails structure.sql), or migrations/ (a whole
migration history, applied in file-name order), with SOURCE (repository,
commit, path, licence, style) and the upstream LICENSE. For each schema, on a
throwaway PostgreSQL server, the steps are:

  load      the schema loads into an empty database (psql -v ON_ERROR_STOP=1,
            file by file for a history); its pg_dump -s is the reference
  pull      `plumb pull` of that database loads into an empty database and
            gives the same pg_dump (normalised as tests/conformance does)
  offline   `plumb diff DB SOURCE --dialect pg` prints nothing: the schema
            built offline from the same text equals the introspected one
  build     on an empty database, the plan from nothing to the schema applies
            and gives the reference pg_dump; a second diff prints nothing
  teardown  on a copy of the loaded database, the plan to an empty schema
            (with --owners, so that public's owner goes back to initdb's)
            applies and leaves no object behind
            A schema whose text holds what only a server can read (a DO
            block: plumb refuses it offline by design and names --dev-url)
            runs offline and build again with --dev-url, the exact path; such
            a pass is marked "dev" and recorded as STEP:dev-url
  edit      the schema text edited as a developer would (a column with a
            default added to the first table, an index on it, a column's type
            widened, a leaf table dropped, a value added to an enum when there
            is one); the plan from the loaded database applies, gives the
            pg_dump of the edited text loaded on its own, and a second diff
            prints nothing. A history's text is the pulled file.

Prints one TAP point per schema and step (the reason on failure) and a
table. With --baseline FILE (schema -> steps that passed when it was
recorded), a failing step that the baseline lists fails the run; one it does
not list is a TODO point; --update-baseline records this run. A step whose
earlier step failed is skipped. The server is $PLUMB_PG_URL (PGHOST etc.),
else one of tests/lib/pgtmp.sh started for the run. Needs psql and pg_dump.

    run.py --plumb build/src/plumb [--baseline tests/realworld/baseline.json]
           [-k NAME] [-j N] [-v] [--keep DIR]
"""

import argparse
import concurrent.futures
import json
import os
import re
import shutil
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "tests", "conformance"))
import pg_conformance as pc  # noqa: E402  (the dump normalisation and server helpers)

SCHEMAS = os.path.join(HERE, "schemas")
DEFAULT_BASELINE = os.path.join(HERE, "baseline.json")
STEPS = ("load", "pull", "offline", "build", "teardown", "edit")
# the steps that run again with --dev-url when plumb names it (a DO block)
DEV_STEPS = ("offline", "build")
NEEDS_SERVER = "cannot be read without a server"
DEV = "dev-url"
PREFIX = "plumbrw"
ADDED_COLUMN = "plumb_rw_added"


class Fail(Exception):
    pass


# --- a schema and its text ---------------------------------------------------------

class Schema:
    def __init__(self, folder):
        self.folder = folder
        self.name = os.path.basename(folder)
        self.meta = {}
        with open(os.path.join(folder, "SOURCE")) as f:
            for line in f:
                k, _, v = line.partition(":")
                if v:
                    self.meta[k.strip()] = v.strip()
        single = os.path.join(folder, "schema.sql")
        mig = os.path.join(folder, "migrations")
        if os.path.isfile(single):
            self.source = single
            self.files = [single]
        else:
            self.source = mig
            self.files = [os.path.join(mig, n) for n in sorted(os.listdir(mig))
                          if n.endswith(".sql")]
        self.history = self.source == mig
        self.roles = self.meta.get("roles", "").split()

    def text(self):
        out = []
        for p in self.files:
            with open(p, encoding="utf-8") as f:
                out.append(f.read())
        return "\n;\n".join(out)


def spans(sql):
    """(start, end, tokens) of each top-level statement of sql; tokens as
    pg_conformance.tokens gives them (words lower-cased unless quoted)."""
    out, cur, start = [], [], None
    for m in pc.TOKEN.finditer(sql):
        t = m.group(0)
        if t.isspace() or t.startswith("--") or t.startswith("/*"):
            continue
        if t == ";":
            if cur:
                out.append((start, m.end(), cur))
            cur, start = [], None
            continue
        if start is None:
            start = m.start()
        if t[0] not in "'\"$" and not (t[0] in "eE" and len(t) > 1 and t[1] == "'"):
            t = t.lower()
        cur.append(t)
    if cur:
        out.append((start, len(sql), cur))
    return out


def unquote(t):
    return t[1:-1].replace('""', '"') if t.startswith('"') else t


def name_after(toks, i):
    """(name, index after it) of the possibly qualified name at toks[i]."""
    parts, raw = [unquote(toks[i])], [toks[i]]
    i += 1
    while i + 1 < len(toks) and toks[i] == ".":
        parts.append(unquote(toks[i + 1]))
        raw.append(toks[i + 1])
        i += 2
    return parts[-1], ".".join(raw), i


def skip_words(toks, i, words):
    while i < len(toks) and toks[i] in words:
        i += 1
    return i


def created_table(toks):
    """(name, qualified, index of the opening parenthesis or -1) when toks
    create a table."""
    if not toks or toks[0] != "create":
        return None
    i = skip_words(toks, 1, ("unlogged", "temporary", "temp", "global", "local"))
    if i >= len(toks) or toks[i] != "table":
        return None
    i = skip_words(toks, i + 1, ("if", "not", "exists"))
    if i >= len(toks):
        return None
    name, qual, j = name_after(toks, i)
    paren = j if j < len(toks) and toks[j] == "(" else -1
    return name, qual, paren


def target_of(toks):
    """The table a statement is about (it changes or annotates only that
    table), or None."""
    c = created_table(toks)
    if c:
        return c[0]
    n = len(toks)
    if n >= 3 and toks[0] == "alter" and toks[1] == "table":
        i = skip_words(toks, 2, ("only", "if", "exists"))
        return name_after(toks, i)[0] if i < n else None
    if n >= 3 and toks[0] == "create" and "index" in toks[1:3] and "on" in toks:
        i = skip_words(toks, toks.index("on") + 1, ("only",))
        return name_after(toks, i)[0] if i < n else None
    if n >= 4 and toks[:2] == ["comment", "on"] and toks[2] in ("table", "column"):
        parts = [unquote(p) for p in name_after(toks, 3)[1].split(".")]
        if toks[2] == "table":
            return parts[-1]
        return parts[-2] if len(parts) >= 2 else None
    if n >= 3 and toks[0] == "create" and ("trigger" in toks[1:4] or "policy" in toks[1:3]) \
            and "on" in toks:
        i = skip_words(toks, toks.index("on") + 1, ("only",))
        return name_after(toks, i)[0] if i < n else None
    if n >= 3 and toks[0] in ("grant", "revoke") and "on" in toks:
        i = skip_words(toks, toks.index("on") + 1, ("table",))
        return name_after(toks, i)[0] if i < n else None
    return None


def mentions(toks, name):
    word = re.compile(r"(?<![A-Za-z0-9_$])" + re.escape(name) + r"(?![A-Za-z0-9_$])")
    for t in toks:
        if unquote(t) == name:
            return True
        if t[0] in "'$" and word.search(t):
            return True
    return False


def edit_schema(sql):
    """The schema text edited as a developer would; returns (text, what was
    done) or raises Fail when the text has no table to edit."""
    st = spans(sql)
    tables = []
    for k, (_, _, toks) in enumerate(st):
        c = created_table(toks)
        if c and c[2] > 0 and "partition" not in toks[:c[2]] and "of" not in toks[:c[2]]:
            tables.append((k, c))
    if not tables:
        raise Fail("no CREATE TABLE with a column list to edit")
    edits = []   # (start, end, text): text replaces sql[start:end]
    done = []
    k0, (first, first_q, paren) = tables[0]
    s0, e0, toks0 = st[k0]
    # the opening parenthesis of the column list in the text
    open_at = sql.index("(", s0 + len("create"))
    edits.append((open_at + 1, open_at + 1,
                  "\n    %s integer DEFAULT 42 NOT NULL," % ADDED_COLUMN))
    done.append("column %s.%s added" % (first, ADDED_COLUMN))
    edits.append((len(sql), len(sql), "\n;\nCREATE INDEX plumb_rw_added_idx ON %s (%s);\n"
                   % (first_q, ADDED_COLUMN)))
    done.append("index added")
    # a column's type widened: the first integer or varchar(n) column of a table
    widened = None
    for k, (tname, _, _) in tables:
        s, e, _ = st[k]
        seg = sql[s:e]
        m = re.search(r"(?im)^(\s*(\"[^\"]+\"|[a-z_][a-z0-9_]*)\s+)(integer|int4|int|"
                      r"character varying\(\d+\)|varchar\(\d+\))(?=[\s,])", seg)
        if m and not re.match(r"(?i)\s*(constraint|primary|unique|check|foreign)\b", m.group(1)):
            new = "bigint" if m.group(3).lower().startswith("int") else "text"
            edits.append((s + m.start(3), s + m.end(3), new))
            type_at = s + m.start(3)
            widened = "%s.%s %s -> %s" % (tname, unquote(m.group(2)), m.group(3), new)
            break
    if widened:
        done.append("type of " + widened)
    # a leaf table dropped: one that no statement about another object names
    leaf = None
    for k, (tname, _, _) in reversed(tables[1:]):
        about = [j for j, (_, _, toks) in enumerate(st)
                 if mentions(toks, tname) and target_of(toks) == tname]
        others = [j for j, (_, _, toks) in enumerate(st)
                  if mentions(toks, tname) and target_of(toks) != tname]
        if others or any(j == tables[0][0] for j in about):
            continue
        if widened and any(st[j][0] <= type_at < st[j][1] for j in about):
            continue
        leaf = (tname, about)
        break
    if leaf:
        for j in leaf[1]:
            edits.append((st[j][0], st[j][1], ""))
        done.append("table %s dropped" % leaf[0])
    # a value added to the first enum
    for s, e, toks in st:
        if toks[:2] == ["create", "type"] and "enum" in toks[:8]:
            close = sql.rindex(")", s, e)
            edits.append((close, close, ", 'plumb_rw_added'"))
            done.append("enum %s: value added" % name_after(toks, 2)[0])
            break
    # apply from the end so that positions stay valid
    out = sql
    for a, b, t in sorted(edits, key=lambda x: (x[0], x[1]), reverse=True):
        out = out[:a] + t + out[b:]
    return out, done


def first_change(plan):
    """The first line of a plan that is not BEGIN, COMMIT or a comment."""
    for line in plan.splitlines():
        t = line.strip()
        if t and not t.startswith("--") and t.upper() not in ("BEGIN;", "COMMIT;"):
            return t[:200]
    return pc.first_line(plan)


# --- running ------------------------------------------------------------------------

# Other migration tools' tracking tables: plumb leaves them out of every
# diff and pull by design (src/catalog/exclude.c's default list), so the
# reference dumps leave them out too, and a teardown leaves them (and a
# schema holding one) behind: the harness drops them before it counts.
TOOL_TABLES = ("plumb_migrations", "__drizzle_migrations", "flyway_schema_history",
               "schema_migrations", "ar_internal_metadata", "goose_db_version",
               "_prisma_migrations", "knex_migrations", "knex_migrations_lock")
TOOL_SCHEMAS = ("drizzle", "sqitch")

DROP_TOOL_TABLES = r"""
DO $$
DECLARE r record;
BEGIN
    FOR r IN SELECT n.nspname, c.relname FROM pg_class c
             JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE c.relkind IN ('r', 'p') AND c.relname IN (%s) LOOP
        EXECUTE format('DROP TABLE %%I.%%I CASCADE', r.nspname, r.relname);
        -- plumb keeps a schema that held one; it goes when nothing else is in it
        IF r.nspname <> 'public' THEN
            BEGIN
                EXECUTE format('DROP SCHEMA %%I', r.nspname);
            EXCEPTION WHEN dependent_objects_still_exist THEN NULL;
            END;
        END IF;
    END LOOP;
END $$;
""" % ", ".join("'%s'" % t for t in TOOL_TABLES)


class Run:
    def __init__(self, args, plumb, server):
        self.args = args
        self.plumb = plumb
        self.server = server
        self.r = pc.Runner(plumb, server, verbose=args.verbose)

    def psql_file(self, db, path):
        rc, _, err = self.r.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", db,
                                 "-f", path])
        if rc != 0:
            raise Fail(pc.first_line(err).replace(os.path.dirname(path) + "/", ""))

    def psql_text(self, db, sql, what):
        ok, err = self.r.psql(db, sql)
        if not ok:
            raise Fail("%s: %s" % (what, pc.first_line(err)))

    def load(self, db, files):
        """Applies files in order in one psql session (\\i of each), stopping
        at the first error, which names its file."""
        if len(files) == 1:
            return self.psql_file(db, files[0])
        folder = os.path.dirname(files[0])
        script = "".join("\\i '%s'\n" % p.replace("'", "\\'") for p in files)
        rc, _, err = self.r.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", db,
                                 "-f", "-"], script)
        if rc != 0:
            raise Fail(pc.first_line(err).replace(folder + "/", ""))

    def diff(self, db, target, allow=True, owners=False, dev=False):
        argv = [self.plumb, "diff", self.server.url(db), target, "--dialect", "pg"]
        if dev:
            argv += ["--dev-url", self.server.url("postgres")]
        if allow:
            argv.append("--allow-data-loss")
        if owners:
            argv.append("--owners")
        rc, out, err = self.r.run(argv, env=os.environ)
        if rc != 0:
            raise Fail("plumb diff exit %d: %s" % (rc, pc.first_line(err) or pc.first_line(out)))
        return out

    def dump(self, db):
        """pg_dump -s of db without other tools' tracking tables (and with
        extension versions, as pc.Runner.dump)."""
        argv = ["pg_dump", "--schema-only", "-d", db]
        for t in TOOL_TABLES:
            argv.append("--exclude-table=*.%s" % t)
        for n in TOOL_SCHEMAS:
            argv.append("--exclude-schema=%s" % n)
        rc, out, err = self.r.run(argv)
        if rc != 0:
            raise Fail("pg_dump: " + pc.first_line(err))
        rc, ext, _ = self.r.run(["psql", "-X", "-q", "-At", "-d", db, "-c",
                                 "SELECT 'extension ' || extname || ' version ' || "
                                 "extversion || ';' FROM pg_extension ORDER BY 1"])
        return pc.normalise_dump(out + "\n" + (ext if "CREATE EXTENSION" in out else ""))

    def same(self, db, ref, what):
        d = pc.schema_diff(self.dump(db), ref)
        if d:
            raise Fail("%s: %s" % (what, d))

    def converge(self, db, target, ref, what, dev=False):
        """Applies the plan from db to target, compares with ref, and checks
        that a second diff prints nothing."""
        plan = self.diff(db, target, dev=dev)
        if plan.strip():
            self.psql_text(db, plan, "the plan does not apply")
        self.same(db, ref, what)
        again = self.diff(db, target, allow=False, dev=dev)
        if again.strip():
            raise Fail("second diff printed: " + first_change(again))

    def left(self, db):
        rc, out, _ = self.r.run(["psql", "-X", "-q", "-At", "-d", db, "-f", "-"],
                                pc.CHECK_SQL)
        n = out.strip().rpartition("|")[2]
        return n

    def schema(self, s):
        """{step: (status, detail)} for one schema."""
        res = {}
        db = {k: "%s_%s_%s" % (PREFIX, re.sub(r"[^a-z0-9]", "_", s.name.lower()), k)
              for k in ("load", "pull", "build", "teardown", "edit")}
        tmp = tempfile.mkdtemp(prefix="plumb-rw-")
        t0 = time.time()

        def step(name, fn, needs=()):
            for n in needs:
                if res.get(n, ("fail",))[0] != "pass":
                    res[name] = ("skip", "%s did not pass" % n)
                    return
            try:
                try:
                    fn(False)
                    res[name] = ("pass", "")
                except Fail as e:
                    # only a server reads a DO block: the exact path instead
                    if name not in DEV_STEPS or NEEDS_SERVER not in str(e):
                        raise
                    fn(True)
                    res[name] = ("pass", DEV)
            except Fail as e:
                res[name] = ("fail", str(e).replace(REPO + "/", ""))
            except Exception as e:  # a harness bug must not hide the other steps
                res[name] = ("fail", "harness: %r" % e)

        state = {}
        try:
            self.r.recreate(list(db.values()))

            def load(_dev):
                self.load(db["load"], s.files)
                state["ref"] = self.dump(db["load"])
                state["tables"] = sum(1 for x in state["ref"] if created_table(x.split()))
                self.r.admin('CREATE DATABASE %s TEMPLATE %s' % (
                    pc.qident(db["teardown"] + "_x"), pc.qident(db["load"])))
            for r in s.roles:
                self.r.admin("DO $$BEGIN CREATE ROLE %s; EXCEPTION WHEN duplicate_object "
                             "THEN NULL; END$$" % pc.qident(r))
            step("load", load)

            pulled = os.path.join(tmp, "pulled.sql")

            def pull(_dev):
                rc, out, err = self.r.run([self.plumb, "pull", "--url",
                                           self.server.url(db["load"]), "-o", pulled,
                                           "--force"], env=os.environ)
                if rc != 0:
                    raise Fail("plumb pull exit %d: %s" % (rc, pc.first_line(err)))
                self.psql_file(db["pull"], pulled)
                self.same(db["pull"], state["ref"], "the pulled schema differs")
            step("pull", pull, ("load",))

            def offline(dev):
                out = self.diff(db["load"], s.source, allow=False, dev=dev)
                if out.strip():
                    raise Fail("diff printed: " + first_change(out))
            step("offline", offline, ("load",))

            def build(dev):
                if dev:
                    self.r.recreate([db["build"]])
                self.converge(db["build"], s.source, state["ref"], "built from nothing", dev)
            step("build", build, ("load",))

            def teardown(_dev):
                copy = db["teardown"] + "_x"
                empty = os.path.join(tmp, "empty.sql")
                with open(empty, "w") as f:
                    f.write("")
                try:
                    # with owners: an empty schema gives public back to
                    # pg_database_owner, as initdb made it
                    plan = self.diff(copy, empty, owners=True)
                    if plan.strip():
                        self.psql_text(copy, plan, "the plan does not apply")
                    # the tool tables plumb leaves by design
                    self.psql_text(copy, DROP_TOOL_TABLES, "dropping tool tables")
                    n = self.left(copy)
                    if n != "0":
                        raise Fail("%s objects left" % n)
                finally:
                    self.r.admin("DROP DATABASE IF EXISTS %s WITH (FORCE)" % pc.qident(copy))
            step("teardown", teardown, ("load",))

            def edit(_dev):
                if s.history:
                    if res["pull"][0] != "pass":
                        raise Fail("a history is edited as its pulled file: pull did not pass")
                    with open(pulled) as f:
                        text = f.read()
                else:
                    text = s.text()
                edited, done = edit_schema(text)
                state["edits"] = done
                path = os.path.join(tmp, "edited.sql")
                with open(path, "w") as f:
                    f.write(edited)
                try:
                    self.psql_file(db["edit"], path)
                except Fail as e:
                    raise Fail("the edited text does not load (harness): %s" % e)
                ref = self.dump(db["edit"])
                self.converge(db["load"], path, ref, "after the edit")
            step("edit", edit, ("load",))
        finally:
            try:
                self.r.admin(*["DROP DATABASE IF EXISTS %s WITH (FORCE)" % pc.qident(d)
                               for d in list(db.values()) + [db["teardown"] + "_x"]])
            except RuntimeError:
                pass
            if self.args.keep:
                dest = os.path.join(self.args.keep, s.name)
                shutil.rmtree(dest, ignore_errors=True)
                shutil.copytree(tmp, dest)
            shutil.rmtree(tmp, ignore_errors=True)
        res["_time"] = time.time() - t0
        res["_edits"] = state.get("edits", [])
        res["_tables"] = state.get("tables", 0)
        return res


def schema_size(s):
    n = 0
    for _, _, toks in spans(s.text()):
        if created_table(toks):
            n += 1
    return n


def mark(r):
    if r[0] == "pass":
        return "dev" if r[1] == DEV else "ok"
    return {"fail": "FAIL", "skip": "-"}[r[0]]


def report(args, schemas, results, elapsed):
    baseline = {}
    if args.baseline and not args.update_baseline:
        try:
            with open(args.baseline) as f:
                baseline = json.load(f)
        except FileNotFoundError:
            print("# no baseline at %s: nothing to compare" % args.baseline)
    n = 0
    status = 0
    regress, better = [], []
    print("1..%d" % (len(schemas) * len(STEPS)))
    for s, res in zip(schemas, results):
        want = set(baseline.get(s.name, []))
        for st in STEPS:
            n += 1
            v, detail = res.get(st, ("fail", "not run"))
            label = "%s: %s" % (s.name, st)
            if v == "pass" and detail == DEV and st in want:
                print("not ok %d - %s: passes only with --dev-url, in the baseline offline"
                      % (n, label))
                regress.append(label)
            elif v == "pass":
                print("ok %d - %s%s" % (n, label, " (with --dev-url)" if detail == DEV else ""))
                if baseline and st not in want and "%s:%s" % (st, DEV) not in want:
                    better.append(label)
                elif detail != DEV and "%s:%s" % (st, DEV) in want:
                    better.append(label + " without --dev-url")
            elif v == "skip":
                line = "ok %d - %s # SKIP %s" % (n, label, detail)
                if st in want or "%s:%s" % (st, DEV) in want:
                    line = "not ok %d - %s: skipped (%s), in the baseline" % (n, label, detail)
                    regress.append(label)
                print(line)
            elif st in want or "%s:%s" % (st, DEV) in want or not baseline:
                print("not ok %d - %s: %s" % (n, label, detail))
                if st in want or "%s:%s" % (st, DEV) in want:
                    regress.append(label)
            else:
                print("not ok %d - %s: %s # TODO not in the baseline" % (n, label, detail))
    w = max([len(s.name) for s in schemas] + [6])
    print("# %-*s %-24s %6s %5s  %-40s %s" % (w, "schema", "style", "tables", "time",
                                             " ".join(STEPS), "passed"))
    lines = []
    for s, res in zip(schemas, results):
        marks = " ".join(("%-*s" % (len(st), mark(res.get(st, ("fail", ""))))) for st in STEPS)
        passed = sum(1 for st in STEPS if res.get(st, ("fail",))[0] == "pass")
        print("# %-*s %-24s %6d %4.0fs  %-40s %d/%d" % (
            w, s.name, s.meta.get("style", "")[:24], res["_tables"], res["_time"], marks,
            passed, len(STEPS)))
        lines.append("realworld %s: %d/%d steps" % (s.name, passed, len(STEPS)))
        if args.verbose and res.get("_edits"):
            print("#   edit: " + "; ".join(res["_edits"]))
    print("# time: %.0fs" % elapsed)
    if args.summary:
        with open(args.summary, "w") as f:
            f.write("\n".join(lines) + "\n")
    if args.update_baseline:
        path = args.baseline or DEFAULT_BASELINE
        old = {}
        if args.only and os.path.exists(path):
            with open(path) as f:
                old = json.load(f)
        for s, res in zip(schemas, results):
            old[s.name] = [st + (":" + DEV if res[st][1] == DEV else "") for st in STEPS
                           if res.get(st, ("fail",))[0] == "pass"]
        with open(path, "w") as f:
            json.dump(old, f, indent=2, sort_keys=True)
            f.write("\n")
        print("# baseline written to %s" % os.path.relpath(path))
        return 0
    for label in better:
        print("# passes now, not in the baseline: %s (record it with --update-baseline)" % label)
    for name in sorted(set(baseline) - {s.name for s in schemas}):
        if not args.only:
            print("# baseline: %s not run" % name)
            status = 1
    if regress:
        print("# below the baseline: " + ", ".join(regress))
        status = 1
    return status


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--plumb", help="the plumb binary (default: $PLUMB, then build/src/plumb)")
    ap.add_argument("--baseline", help="JSON file: schema -> steps that must pass")
    ap.add_argument("--update-baseline", action="store_true",
                    help="record the steps that pass in the baseline file")
    ap.add_argument("--summary", help="write one line per schema to this file")
    ap.add_argument("-k", dest="only", help="only the schemas whose name contains NAME")
    ap.add_argument("-j", dest="jobs", type=int, default=2, help="schemas run at once")
    ap.add_argument("-v", dest="verbose", action="store_true",
                    help="print every command and the edits made")
    ap.add_argument("--keep", metavar="DIR", help="keep each schema's files (pulled, "
                    "edited) in DIR/NAME")
    args = ap.parse_args()
    for tool in ("psql", "pg_dump"):
        if not shutil.which(tool):
            sys.exit("realworld: %s is needed" % tool)
    plumb = pc.find_plumb(args.plumb)
    schemas = [Schema(os.path.join(SCHEMAS, n)) for n in sorted(os.listdir(SCHEMAS))
               if os.path.isfile(os.path.join(SCHEMAS, n, "SOURCE"))]
    if args.only:
        schemas = [s for s in schemas if args.only in s.name]
    if not schemas:
        sys.exit("realworld: no schema to run")
    own = None
    url = os.environ.get("PLUMB_PG_URL")
    if not url:
        own, url = pc.start_own_server()
    t0 = time.time()
    try:
        run = Run(args, plumb, pc.Server(url))
        # the biggest first, so that two workers end together
        sizes = {s.name: schema_size(s) for s in schemas}
        order = sorted(schemas, key=lambda s: -sizes[s.name])
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            got = dict(zip([s.name for s in order], pool.map(run.schema, order)))
        results = [got[s.name] for s in schemas]
    finally:
        if own:
            pc.stop_own_server(own)
    return report(args, schemas, results, time.time() - t0)


if __name__ == "__main__":
    sys.exit(main())
