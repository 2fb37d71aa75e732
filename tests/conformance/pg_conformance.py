#!/usr/bin/python3
"""Runs sqldef's psqldef test cases and migra's fixtures against plumb diff.

For each case: load `current` into database A and `desired` into B (migra:
a.sql and b.sql); apply `plumb diff postgresql:///A desired.sql
--allow-data-loss` to A with psql; A must then equal B (normalised
`pg_dump --schema-only` output plus extension versions: comments, SET lines
and owners dropped, column order within CREATE TABLE ignored, statements
compared as a set); the diff again must print nothing; and the reverse
direction (A back to `current`, compared with A as it was first loaded) must
hold too. A case whose SQL does not load on a stock PostgreSQL server counts as
"does not load" and is listed; sqldef cases that expect sqldef to fail
(`error:`) or need another server version are listed as skipped.

As a diagnostic, the first diff is also run with `--dev-url` (plumb builds the
desired state on a scratch database instead of offline): "same" when both give
the same SQL or, applied to a copy of `current`, the same schema.

What the cases assume of the server: sqldef's `managed_roles` and `user`
roles and migra's schemainspect_test_role exist (created once per server); a
case with `user:` connects as that role, whose search_path is schema foo,
created in each database beforehand (as sqldef's psqldef_test.go does).
migra's additions.sql (a manual step its tests run first) and expected*.sql
are not used: only the end states matter here.

The corpora are read in place (../shared/corpora/{sqldef,migra} beside the
repository by default) and never copied. When they are absent the script
prints a skip line and exits 0. The server is $PLUMB_PG_URL (or --pg-url), a
superuser connection; without one the script starts its own through
tests/lib/pgtmp.sh. Cases run in parallel, each worker on its own databases
(plumbconf_N_*), emptied between cases. Needs python3-yaml, psql, pg_dump.
"""

import argparse
import concurrent.futures
import json
import os
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DEFAULT_CORPUS = os.path.join(os.path.dirname(REPO), "shared", "corpora")
DEFAULT_BASELINE = os.path.join(HERE, "pg_baseline.json")
PGTMP = os.path.join(REPO, "tests", "lib", "pgtmp.sh")
SQLDEF_GLOB = re.compile(r"^cmd__psqldef__.*\.ya?ml$")
MIGRA_KEY = "migra"
# per command: a guard against a hang, not a speed limit (commands take well
# under a second; a loaded machine may make that many seconds)
TIMEOUT = 180
PREFIX = "plumbconf"

# Roles the cases connect as or grant to. sqldef's cases name theirs
# (managed_roles, user); migra's harness creates schemainspect_test_role.
MIGRA_ROLES = ["schemainspect_test_role"]
# sqldef connects as this user with schema foo first on its search_path
# (cmd/psqldef/psqldef_test.go).
SQLDEF_USER_SCHEMA = "foo"


class StepFailed(Exception):
    def __init__(self, step, detail=""):
        super().__init__(step)
        self.step = step
        self.detail = detail


class NoLoad(Exception):
    pass


def first_line(s):
    s = (s or "").strip()
    return s.splitlines()[0][:200] if s else ""


def qident(name):
    return '"' + name.replace('"', '""') + '"'


# --- SQL tokens --------------------------------------------------------------------

TOKEN = re.compile(
    r"""\s+|--[^\n]*|/\*.*?\*/"""
    r"""|\$(?P<tag>[A-Za-z_][A-Za-z0-9_]*)?\$.*?\$(?P=tag)?\$"""  # dollar quote
    r"""|(?<![A-Za-z0-9_$])[eE]'(?:[^'\\]|\\.|'')*'"""             # E'' string
    r"""|'(?:[^']|'')*'"""                                         # string
    r"""|"(?:[^"]|"")*\""""                                        # quoted identifier
    r"""|[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*"""      # word
    r"""|[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+"""
    r"""|::|<=|>=|<>|!=|\|\||->>|->|#>>|#>|@>|<@|."""
    , re.S)


def tokens(sql):
    """SQL as a list of tokens, whitespace and comments dropped. Words are
    lower-cased unless quoted; strings and dollar-quoted bodies are kept."""
    out = []
    for m in TOKEN.finditer(sql or ""):
        t = m.group(0)
        if t.isspace() or t.startswith("--") or t.startswith("/*"):
            continue
        if t[0] not in "'\"$" and not (t[0] in "eE" and len(t) > 1 and t[1] == "'"):
            t = t.lower()
        out.append(t)
    return out


def statements(sql):
    """Token lists, one per top-level statement."""
    stmts, cur = [], []
    for t in tokens(sql):
        if t == ";":
            if cur:
                stmts.append(cur)
            cur = []
        else:
            cur.append(t)
    if cur:
        stmts.append(cur)
    return stmts


def norm_sql(sql):
    return " ; ".join(" ".join(s) for s in statements(sql))


# --- normalised schema ----------------------------------------------------------------

ITEM_SEP = " \u00a6 "   # between the sorted items of a CREATE TABLE
TABLE_ITEMS = {}         # normalised CREATE TABLE -> (head, its items)
META = re.compile(r"^\\(restrict|unrestrict|connect)\b.*$", re.M)


def matching_paren(toks, i):
    depth = 0
    for j in range(i, len(toks)):
        if toks[j] == "(":
            depth += 1
        elif toks[j] == ")":
            depth -= 1
            if depth == 0:
                return j
    return len(toks)


def split_top(toks):
    """Splits tokens at top-level commas."""
    items, cur, depth = [], [], 0
    for t in toks:
        if t == "(":
            depth += 1
        elif t == ")":
            depth -= 1
        if t == "," and depth == 0:
            items.append(cur)
            cur = []
        else:
            cur.append(t)
    if cur:
        items.append(cur)
    return items


def norm_statement(toks):
    """One dump statement as a string, or None when it carries nothing to
    compare (session settings, owners)."""
    if not toks:
        return None
    if toks[0] in ("set", "reset"):
        return None
    if toks[0] == "select" and "set_config" in toks[:4]:
        return None
    if toks[0] == "alter" and len(toks) >= 3 and toks[-3:-1] == ["owner", "to"]:
        return None
    if toks[0] == "create" and "table" in toks[:4]:
        # Column order aside: sort the items of the column list.
        i = toks.index("table")
        try:
            open_at = toks.index("(", i)
        except ValueError:
            open_at = -1
        if open_at > 0 and "as" not in toks[i:open_at]:
            close = matching_paren(toks, open_at)
            items = sorted(" ".join(it) for it in split_top(toks[open_at + 1:close]))
            head = " ".join(toks[:open_at])
            stmt = head + " ( " + ITEM_SEP.join(items) + " " + " ".join(toks[close:])
            TABLE_ITEMS[stmt] = (head, items)
            return stmt
    return " ".join(toks)


def normalise_dump(text):
    text = META.sub("", text)
    out = []
    for s in statements(text):
        n = norm_statement(s)
        if n is not None:
            out.append(n)
    return sorted(out)


def shown(stmt):
    return stmt.replace(ITEM_SEP, " , ")


def schema_diff_full(a, b):
    lines = ["  has:   " + shown(s) for s in a if s not in b]
    lines += ["  wants: " + shown(s) for s in b if s not in a]
    return "\n".join(lines)


def table_items(stmt):
    """(head, items) of a normalised CREATE TABLE, else None."""
    return TABLE_ITEMS.get(stmt)


def schema_diff(a, b):
    """A short description of how dump a differs from dump b, or None."""
    if a == b:
        return None
    extra = [s for s in a if s not in b]
    missing = [s for s in b if s not in a]
    if not extra and not missing:
        return "statements repeated differently"
    n = len(extra) + len(missing)
    # The same table on both sides: name the columns and constraints that differ.
    for x in extra:
        tx = table_items(x)
        for m in missing:
            tm = table_items(m)
            if tx and tm and tx[0] == tm[0]:
                has = [i for i in tx[1] if i not in tm[1]]
                wants = [i for i in tm[1] if i not in tx[1]]
                parts = [tx[0]]
                if has:
                    parts.append("has " + "; ".join(has)[:160])
                if wants:
                    parts.append("wants " + "; ".join(wants)[:160])
                return ": ".join(parts[:1]) + ": " + ", ".join(parts[1:]) + (
                    " (+%d more)" % (n - 2) if n > 2 else "")
    parts = []
    if extra:
        parts.append("has %s" % shown(extra[0])[:160])
    if missing:
        parts.append("wants %s" % shown(missing[0])[:160])
    return "; ".join(parts) + (" (+%d more)" % (n - 1) if n > 1 else "")


# --- the server -------------------------------------------------------------------

class Server:
    """Where the databases live: a socket folder or host, a port, a superuser."""

    def __init__(self, url):
        u = urllib.parse.urlparse(url)
        q = urllib.parse.parse_qs(u.query)
        self.host = (q.get("host") or [u.hostname or os.environ.get("PGHOST", "")])[0]
        self.port = (q.get("port") or [str(u.port) if u.port else
                                       os.environ.get("PGPORT", "5432")])[0]
        self.user = (q.get("user") or [u.username or os.environ.get("PGUSER", "postgres")])[0]

    def url(self, db, user=None):
        return "postgresql:///%s?host=%s&port=%s&user=%s" % (
            db, self.host, self.port, urllib.parse.quote(user or self.user, safe=""))

    def env(self):
        e = dict(os.environ)
        e.update(PGHOST=self.host, PGPORT=self.port, PGUSER=self.user,
                 PGOPTIONS="-c client_min_messages=warning")
        e.pop("PGDATABASE", None)
        return e


def start_own_server():
    d = tempfile.mkdtemp(prefix="plumb-pgconf-")
    os.chmod(d, 0o755)  # as root the server runs as another user
    p = subprocess.run(["bash", PGTMP, "start", os.path.join(d, "pg")],
                       capture_output=True, text=True)
    if p.returncode != 0:
        shutil.rmtree(d, ignore_errors=True)
        sys.exit("pg_conformance: could not start a server: " + first_line(p.stderr))
    m = re.search(r"PLUMB_PG_URL='([^']*)'", p.stdout)
    return d, m.group(1)


def stop_own_server(d):
    subprocess.run(["bash", PGTMP, "stop", os.path.join(d, "pg")], capture_output=True)
    shutil.rmtree(d, ignore_errors=True)


# Empties the current database down to what CREATE DATABASE gives: every
# extension but plpgsql and every schema go, public comes back as PostgreSQL 15
# makes it. CHECK_SQL then prints "name|0" when nothing user-made is left in
# the catalogs (object ids from 16384 up) and nothing is set on the database.
RESET_SQL = r"""
SET client_min_messages = warning;
DO $reset$
DECLARE r record;
BEGIN
    IF current_database() <> '@DB@' THEN
        RAISE EXCEPTION 'not connected to @DB@';
    END IF;
    FOR r IN SELECT evtname FROM pg_event_trigger LOOP
        EXECUTE format('DROP EVENT TRIGGER %I CASCADE', r.evtname);
    END LOOP;
    FOR r IN SELECT pubname FROM pg_publication LOOP
        EXECUTE format('DROP PUBLICATION %I CASCADE', r.pubname);
    END LOOP;
    FOR r IN SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' LOOP
        EXECUTE format('DROP EXTENSION IF EXISTS %I CASCADE', r.extname);
    END LOOP;
    FOR r IN SELECT nspname FROM pg_namespace
             WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
               AND nspname !~ '^pg_(toast_)?temp_' LOOP
        EXECUTE format('DROP SCHEMA %I CASCADE', r.nspname);
    END LOOP;
    FOR r IN SELECT srvname FROM pg_foreign_server LOOP
        EXECUTE format('DROP SERVER %I CASCADE', r.srvname);
    END LOOP;
    FOR r IN SELECT fdwname FROM pg_foreign_data_wrapper LOOP
        EXECUTE format('DROP FOREIGN DATA WRAPPER %I CASCADE', r.fdwname);
    END LOOP;
    CREATE SCHEMA public AUTHORIZATION pg_database_owner;
    GRANT USAGE ON SCHEMA public TO PUBLIC;
    COMMENT ON SCHEMA public IS 'standard public schema';
END
$reset$;
"""

CHECK_SQL = r"""
SELECT current_database() || '|' || (
      (SELECT count(*) FROM pg_class WHERE oid >= 16384)
    + (SELECT count(*) FROM pg_type WHERE oid >= 16384)
    + (SELECT count(*) FROM pg_proc WHERE oid >= 16384)
    + (SELECT count(*) FROM pg_namespace WHERE oid >= 16384
       AND nspname NOT IN ('public', 'foo') AND nspname !~ '^pg_(toast_)?temp_')
    + (SELECT count(*) FROM pg_extension WHERE oid >= 16384)
    + (SELECT 1 - count(*) FROM pg_extension WHERE extname = 'plpgsql')
    + (SELECT count(*) FROM pg_language WHERE oid >= 16384)
    + (SELECT count(*) FROM pg_cast WHERE oid >= 16384)
    + (SELECT count(*) FROM pg_collation WHERE oid >= 16384)
    + (SELECT count(*) FROM pg_operator WHERE oid >= 16384)
    + (SELECT count(*) FROM pg_opfamily WHERE oid >= 16384)
    + (SELECT count(*) FROM pg_am WHERE oid >= 16384)
    + (SELECT count(*) FROM pg_conversion WHERE oid >= 16384)
    + (SELECT count(*) FROM pg_transform)
    + (SELECT count(*) FROM pg_ts_config WHERE oid >= 16384)
    + (SELECT count(*) FROM pg_ts_dict WHERE oid >= 16384)
    + (SELECT count(*) FROM pg_ts_parser WHERE oid >= 16384)
    + (SELECT count(*) FROM pg_ts_template WHERE oid >= 16384)
    + (SELECT count(*) FROM pg_default_acl)
    + (SELECT count(*) FROM pg_event_trigger)
    + (SELECT count(*) FROM pg_publication)
    + (SELECT count(*) FROM pg_foreign_data_wrapper)
    + (SELECT count(*) FROM pg_largeobject_metadata)
    + (SELECT count(*) FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase
       WHERE d.datname = current_database())
    + (SELECT count(*) FROM pg_database WHERE datname = current_database()
       AND datacl IS NOT NULL)
    + (SELECT count(*) FROM pg_shdescription s JOIN pg_database d ON d.oid = s.objoid
       WHERE d.datname = current_database())
    + (SELECT count(*) FROM pg_namespace WHERE nspname = 'public'
       AND (nspowner <> 'pg_database_owner'::regrole
            OR nspacl::text <> '{pg_database_owner=UC/pg_database_owner,=U/pg_database_owner}'))
    );
"""


# --- cases ------------------------------------------------------------------------

class Case:
    def __init__(self, file, name, current, desired, user=None, skip=None):
        self.file = file          # the baseline key: a sqldef file name, or "migra"
        self.name = name
        self.current = current or ""
        self.desired = desired or ""
        self.user = user          # connect as this role (sqldef's `user`)
        self.skip = skip


def version_tuple(s):
    return tuple(int(x) for x in re.findall(r"[0-9]+", str(s))[:2])


def sqldef_cases(path, server_version, roles):
    import yaml
    base = os.path.basename(path)
    with open(path) as f:
        cases = yaml.safe_load(f) or {}
    out = []
    for name, c in cases.items():
        if not isinstance(c, dict):
            continue
        skip = None
        if "error" in c:
            skip = "expects an error"
        elif c.get("min_version") and server_version < version_tuple(c["min_version"]):
            skip = "needs version %s" % c["min_version"]
        elif c.get("max_version") and server_version > version_tuple(c["max_version"]):
            skip = "needs version <= %s" % c["max_version"]
        for r in c.get("managed_roles") or []:
            if str(r).lower() != "public":
                roles.add(str(r))
        if c.get("user"):
            roles.add(str(c["user"]))
        # sqldef's manage.privilege rules name the roles they manage
        for rule in ((c.get("manage") or {}).get("privilege") or []):
            t = str(rule.get("target", ""))
            if re.fullmatch(r"[a-z_][a-z0-9_]*", t):
                roles.add(t)
        # and the grantees of GRANT/REVOKE statements must exist for them to load
        sql = (c.get("current") or "") + "\n" + (c.get("desired") or "")
        for stmt in re.findall(r"(?is)\b(?:GRANT|REVOKE)\b[^;]*", sql):
            for m in re.finditer(r"(?i)\b(?:TO|FROM)\s+([a-z_][a-z0-9_]*)", stmt):
                if m.group(1).lower() != "public":
                    roles.add(m.group(1))
        out.append(Case(base, str(name), c.get("current"), c.get("desired"),
                        user=c.get("user"), skip=skip))
    return out


def migra_cases(fixtures, roles):
    roles.update(MIGRA_ROLES)
    out = []
    for name in sorted(os.listdir(fixtures)):
        d = os.path.join(fixtures, name)
        a, b = os.path.join(d, "a.sql"), os.path.join(d, "b.sql")
        if os.path.isfile(a) and os.path.isfile(b):
            with open(a) as f:
                cur = f.read()
            with open(b) as f:
                des = f.read()
            out.append(Case(MIGRA_KEY, name, cur, des))
    return out


def find_corpora(path):
    """(sqldef yml files, migra FIXTURES folder or None, single migra fixture)."""
    if os.path.isfile(path):
        return [path], None, None
    if not os.path.isdir(path):
        return [], None, None
    names = os.listdir(path)
    yml = sorted(os.path.join(path, f) for f in names if SQLDEF_GLOB.match(f))
    if yml:
        return yml, None, None
    if "a.sql" in names and "b.sql" in names:
        return [], os.path.dirname(os.path.abspath(path)), os.path.basename(
            os.path.abspath(path))
    files, fixtures = [], None
    if os.path.isdir(os.path.join(path, "sqldef")):
        files, _, _ = find_corpora(os.path.join(path, "sqldef"))
    for cand in (os.path.join(path, "migra", "tests", "FIXTURES"),
                 os.path.join(path, "tests", "FIXTURES"), path):
        if os.path.isdir(cand) and any(
                os.path.isfile(os.path.join(cand, n, "a.sql")) for n in os.listdir(cand)):
            fixtures = cand
            break
    return files, fixtures, None


# --- running one case ---------------------------------------------------------------

class Runner:
    def __init__(self, plumb, server, verbose=False, exact=True, primary_exact=False):
        self.plumb = plumb
        self.server = server
        self.verbose = verbose
        self.exact = exact and not primary_exact
        self.primary_dev_url = server.url("postgres") if primary_exact else None
        self.env = server.env()
        self.lock = threading.Lock()

    def log(self, *a):
        if self.verbose:
            print(*a, flush=True)

    def run(self, argv, stdin=None, env=None):
        self.log("$ " + " ".join(argv))
        try:
            p = subprocess.run(argv, input=stdin, capture_output=True, text=True,
                               timeout=TIMEOUT, env=env or self.env)
        except subprocess.TimeoutExpired:
            return 124, "", "timed out after %ds" % TIMEOUT
        if self.verbose:
            if p.stdout and argv[0] != "pg_dump":
                print(p.stdout.rstrip())
            if p.stderr:
                print("stderr: " + p.stderr.rstrip())
            print("exit %d" % p.returncode)
        return p.returncode, p.stdout, p.stderr

    def psql(self, db, sql, user=None):
        argv = ["psql", "-v", "ON_ERROR_STOP=1", "-X", "-q", "-d", db]
        if user:
            argv += ["-U", user]
        argv += ["-f", "-"]
        rc, _, err = self.run(argv, sql)
        return rc == 0, err.strip()

    def admin(self, *sql):
        argv = ["psql", "-v", "ON_ERROR_STOP=1", "-X", "-q", "-d", "postgres"]
        for s in sql:
            argv += ["-c", s]
        rc, _, err = self.run(argv)
        if rc != 0:
            raise RuntimeError("psql: " + first_line(err))

    def recreate(self, dbs):
        sql = []
        for db in dbs:
            sql.append("DROP DATABASE IF EXISTS %s WITH (FORCE)" % qident(db))
            sql.append("CREATE DATABASE %s" % qident(db))
        self.admin(*sql)

    def fresh(self, dbs, user=None):
        """Empties the databases dbs (CREATE DATABASE costs a quarter of a
        second; dropping every schema costs little): one psql for all of them,
        then a catalog check, and a real DROP and CREATE for any database where
        something the cleanup does not reach is left."""
        script = []
        for db in dbs:
            script.append("\\connect %s\n" % qident(db))
            script.append(RESET_SQL.replace("@DB@", db.replace("'", "''")))
            if user:
                script.append("CREATE SCHEMA %s AUTHORIZATION %s;\n"
                              % (qident(SQLDEF_USER_SCHEMA), qident(user)))
            script.append(CHECK_SQL)
        rc, out, _ = self.run(["psql", "-X", "-q", "-At", "-d", "postgres", "-f", "-"],
                              "".join(script))
        clean = set()
        for line in out.splitlines():
            db, _, n = line.partition("|")
            if n == "0":
                clean.add(db)
        dirty = [db for db in dbs if db not in clean]
        if dirty:
            self.recreate(dirty)
            if user:
                for db in dirty:
                    ok, err = self.psql(db, "CREATE SCHEMA %s AUTHORIZATION %s;"
                                        % (qident(SQLDEF_USER_SCHEMA), qident(user)))
                    if not ok:
                        raise RuntimeError("psql: " + first_line(err))

    def dump(self, db):
        rc, out, err = self.run(["pg_dump", "--schema-only", "-d", db])
        if rc != 0:
            raise StepFailed("pg_dump", first_line(err))
        ext = ""
        if "CREATE EXTENSION" in out:
            # What pg_dump leaves out: extension versions.
            rc, ext, err = self.run(["psql", "-X", "-q", "-At", "-d", db, "-c",
                                     "SELECT 'extension ' || extname || ' version ' || "
                                     "extversion || ';' FROM pg_extension ORDER BY 1"])
        return normalise_dump(out + "\n" + ext)

    def diff(self, url, schema_file, step, allow=True, dev_url=None):
        dev_url = dev_url or self.primary_dev_url
        argv = [self.plumb, "diff", url, schema_file]
        if allow:
            argv.append("--allow-data-loss")
        if dev_url:
            argv += ["--dev-url", dev_url]
        rc, out, err = self.run(argv, env=os.environ)
        if rc != 0:
            raise StepFailed(step, "exit %d: %s" % (rc, first_line(err) or first_line(out)))
        return out

    def direction(self, case, slot, ref, target_file, name, result):
        url = self.server.url(slot["a"], case.user)
        exact = None
        try:
            out = self.diff(url, target_file, "diff " + name)
        except StepFailed:
            if name == "up":
                self.exact_diff(case, url, target_file, None, result)
            raise
        if name == "up":
            exact = self.exact_diff(case, url, target_file, out, result)
        if out.strip():
            ok, err = self.psql(slot["a"], out, case.user)
            if not ok:
                if exact is not None:
                    result["exact"] = "offline fails"
                raise StepFailed("apply " + name, first_line(err))
        got = self.dump(slot["a"])
        if exact is not None:
            self.exact_state(case, slot, exact, got, result)
        d = schema_diff(got, ref)
        if d:
            if self.verbose:
                print("schema after %s differs from the reference:\n%s"
                      % (name, schema_diff_full(got, ref)))
            raise StepFailed("compare " + name, d)
        out = self.diff(url, target_file, "idempotent " + name, allow=False)
        if out.strip():
            raise StepFailed("idempotent " + name,
                             "second diff printed: " + first_line(out))

    def exact_diff(self, case, url, target_file, offline, result):
        """Diagnostics: the same diff with the desired state built exactly, on
        a scratch database plumb creates on the server (--dev-url). Returns
        its output when the result is not settled yet (it must be applied)."""
        if not self.exact:
            return None
        try:
            exact = self.diff(url, target_file, "exact", dev_url=self.server.url("postgres"))
        except StepFailed as e:
            result["exact"] = "both fail" if offline is None else "exact fails"
            result["exact_detail"] = e.detail
            return None
        if offline is None:
            result["exact"] = "offline fails"
        elif norm_sql(exact) == norm_sql(offline):
            result["exact"] = "same"
        else:
            return exact
        return None

    def exact_state(self, case, slot, exact, offline_state, result):
        """Applies the exact path's output to a copy of `current` and compares
        the outcome with what the offline output gave."""
        self.fresh([slot["c"]], case.user)
        ok, err = self.psql(slot["c"], case.current, case.user)
        if ok:
            ok, err = self.psql(slot["c"], exact, case.user)
        if not ok:
            result["exact"] = "exact fails"
            result["exact_detail"] = "apply: " + first_line(err)
            return
        d = schema_diff(self.dump(slot["c"]), offline_state)
        result["exact"] = "differs" if d else "same"
        if d:
            result["exact_detail"] = d

    def case(self, case, slot):
        """Runs one case on the databases of one slot; returns its result."""
        result = {"status": "pass"}
        tmp = tempfile.mkdtemp(prefix="plumb-pgconf-")
        try:
            cur_file = os.path.join(tmp, "current.sql")
            des_file = os.path.join(tmp, "desired.sql")
            with open(cur_file, "w") as f:
                f.write(case.current)
            with open(des_file, "w") as f:
                f.write(case.desired)
            self.fresh([slot["a"], slot["b"]], case.user)
            ok, err = self.psql(slot["a"], case.current, case.user)
            if not ok:
                raise NoLoad("current: " + first_line(err))
            ok, err = self.psql(slot["b"], case.desired, case.user)
            if not ok:
                raise NoLoad("desired: " + first_line(err))
            ref_cur = self.dump(slot["a"])
            ref_des = self.dump(slot["b"])
            self.direction(case, slot, ref_des, des_file, "up", result)
            self.direction(case, slot, ref_cur, cur_file, "down", result)
        except NoLoad as e:
            result = {"status": "noload", "detail": str(e)}
        except StepFailed as e:
            result.update(status="fail", step=e.step, detail=e.detail)
        except Exception as e:  # a bug here must not hide the other cases
            result.update(status="fail", step="harness", detail=repr(e))
        finally:
            if self.verbose:
                print("(kept %s)" % tmp)
            else:
                shutil.rmtree(tmp, ignore_errors=True)
        return result


def ensure_roles(runner, roles):
    rc, out, err = runner.run(["psql", "-X", "-q", "-At", "-d", "postgres", "-c",
                               "SELECT rolname FROM pg_roles"])
    if rc != 0:
        sys.exit("pg_conformance: cannot reach the server: " + first_line(err))
    have = set(out.split("\n"))
    sql = ["CREATE ROLE %s LOGIN" % qident(r) for r in sorted(roles) if r not in have]
    if "psqldef_user" in roles:
        sql.append("ALTER ROLE %s SET search_path TO %s"
                   % (qident("psqldef_user"), qident(SQLDEF_USER_SCHEMA)))
    if sql:
        runner.admin(*sql)


def server_version(runner):
    rc, out, _ = runner.run(["psql", "-X", "-At", "-d", "postgres", "-c", "SHOW server_version"])
    return version_tuple(out) if rc == 0 else (0, 0)


# --- main ----------------------------------------------------------------------------

def find_plumb(arg):
    if arg and os.access(arg, os.X_OK) and not os.path.isdir(arg):
        return os.path.abspath(arg)
    if arg and shutil.which(arg):
        return shutil.which(arg)
    for p in (os.environ.get("PLUMB"), os.path.join(REPO, "build", "src", "plumb")):
        if p and os.access(p, os.X_OK):
            return os.path.abspath(p)
    sys.exit("pg_conformance: plumb binary not found: use --plumb PATH or PLUMB=PATH")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", help="the corpora folder (holding sqldef/ and "
                    "migra/), a sqldef folder or file, or a migra FIXTURES folder")
    ap.add_argument("--corpus", dest="corpus_opt", metavar="DIR", help="same as the positional argument "
                    "(default ../shared/corpora beside the repository)")
    ap.add_argument("--plumb", help="the plumb binary (default: $PLUMB, then build/src/plumb)")
    ap.add_argument("--pg-url", help="a superuser URL of the server to use (default: "
                    "$PLUMB_PG_URL, else a throwaway server from tests/lib/pgtmp.sh)")
    ap.add_argument("--baseline", help="JSON file mapping file -> minimum passes; "
                    "exit 1 when a count drops below it")
    ap.add_argument("--update-baseline", action="store_true",
                    help="write the counts of this run to the baseline file")
    ap.add_argument("-k", dest="only", help="run only the case NAME (a sqldef case or a "
                    "migra fixture), verbosely")
    ap.add_argument("-j", dest="jobs", type=int, default=0,
                    help="cases run at once (default: 3, or 4 with 4 processors or more)")
    ap.add_argument("--no-exact", action="store_true",
                    help="skip the --dev-url comparison (faster)")
    ap.add_argument("--exact", action="store_true",
                    help="run every diff with --dev-url (the desired state built on a "
                    "scratch database) instead of offline; no baseline is read or written")
    ap.add_argument("-v", dest="verbose", action="store_true",
                    help="list every case that does not load or is skipped")
    args = ap.parse_args()

    corpus = args.corpus or args.corpus_opt or DEFAULT_CORPUS
    files, fixtures, one_fixture = find_corpora(corpus)
    if not files and not fixtures:
        print("pg_conformance: SKIP: no psqldef or migra corpus at %s" % corpus)
        return 0
    for tool in ("psql", "pg_dump"):
        if not shutil.which(tool):
            sys.exit("pg_conformance: %s is needed" % tool)
    if files:
        import yaml  # noqa: F401  (fail early when python3-yaml is missing)

    plumb = find_plumb(args.plumb)
    own = None
    url = args.pg_url or os.environ.get("PLUMB_PG_URL")
    if not url:
        own, url = start_own_server()
    t0 = time.time()
    try:
        return run(args, plumb, Server(url), files, fixtures, one_fixture, t0)
    finally:
        if own:
            stop_own_server(own)


def run(args, plumb, server, files, fixtures, one_fixture, t0):
    runner = Runner(plumb, server, verbose=bool(args.only), exact=not args.no_exact,
                    primary_exact=args.exact)
    if args.exact:
        args.baseline = None
        args.update_baseline = False
    version = server_version(runner)
    roles = set()
    cases, order = [], []
    for path in files:
        cs = sqldef_cases(path, version, roles)
        cases += cs
        order.append(os.path.basename(path))
    if fixtures:
        cs = migra_cases(fixtures, roles)
        if one_fixture:
            cs = [c for c in cs if c.name == one_fixture]
        cases += cs
        order.append(MIGRA_KEY)
    if args.only:
        cases = [c for c in cases if c.name == args.only]
        if not cases:
            sys.exit("pg_conformance: no case named %s" % args.only)
    ensure_roles(runner, roles)

    jobs = args.jobs or min(4, max(3, os.cpu_count() or 2))
    if args.only:
        jobs = 1
    slots = queue.Queue()
    for i in range(jobs):
        slots.put({k: "%s_%d_%s" % (PREFIX, i, k) for k in ("a", "b", "c")})

    def work(case):
        if case.skip:
            return {"status": "skip", "detail": case.skip}
        slot = slots.get()
        try:
            runner.log("=== %s (%s)" % (case.name, case.file))
            r = runner.case(case, slot)
            runner.log("%s: %s %s" % (case.name, r["status"].upper(),
                                      r.get("step", "") + ": " + r.get("detail", "")
                                      if r["status"] != "pass" else ""))
            return r
        finally:
            slots.put(slot)

    done = [0]
    done_lock = threading.Lock()

    def work_and_count(case):
        r = work(case)
        with done_lock:
            done[0] += 1
            if not args.only and done[0] % 100 == 0:
                print("... %d/%d cases (%.0fs)" % (done[0], len(cases), time.time() - t0),
                      flush=True)
        return r

    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        results = list(pool.map(work_and_count, cases))

    # Drop the databases of the slots (they may live on a shared server).
    drop = []
    while not slots.empty():
        for db in slots.get().values():
            drop.append("DROP DATABASE IF EXISTS %s WITH (FORCE)" % qident(db))
    try:
        runner.admin(*drop)
    except RuntimeError:
        pass

    return report(args, order, cases, results, time.time() - t0)


EXACT_KEYS = ("same", "differs", "exact fails", "offline fails", "both fail")


def report(args, order, cases, results, elapsed):
    per = {f: dict({"cases": 0, "load": 0, "pass": 0, "fail": 0, "noload": 0, "skip": 0},
                   **{k: 0 for k in EXACT_KEYS}) for f in order}
    fails, noloads, skips = [], [], []
    for c, r in zip(cases, results):
        p = per[c.file]
        p["cases"] += 1
        s = r["status"]
        if s == "skip":
            p["skip"] += 1
            skips.append((c, r))
            continue
        if s == "noload":
            p["noload"] += 1
            noloads.append((c, r))
            continue
        p["load"] += 1
        p["pass" if s == "pass" else "fail"] += 1
        if s == "fail":
            fails.append((c, r))
        if r.get("exact"):
            p[r["exact"]] += 1

    def exact_col(p):
        n = sum(p[k] for k in EXACT_KEYS)
        if not n:
            return "-"
        notes = ["%d %s" % (p[k], k) for k in EXACT_KEYS[1:] if p[k]]
        return "%d/%d%s" % (p["same"], n, " (" + ", ".join(notes) + ")" if notes else "")

    order = [f for f in order if per[f]["cases"]]
    w = max([len(f) for f in order] + [4])
    print("%-*s %5s %5s %5s %5s %7s %5s  %s" % (w, "file", "cases", "load", "pass", "fail",
                                               "no-load", "skip", "offline=exact"))
    for f in order:
        p = per[f]
        print("%-*s %5d %5d %5d %5d %7d %5d  %s" % (
            w, f, p["cases"], p["load"], p["pass"], p["fail"], p["noload"], p["skip"],
            exact_col(p)))
    for c, r in noloads:
        print("  NO-LOAD %s %s: %s" % (c.file, c.name, r["detail"]))
    for c, r in skips:
        print("  SKIP %s %s: %s" % (c.file, c.name, r["detail"]))
    for c, r in fails:
        print("  FAIL %s %s: %s: %s" % (c.file, c.name, r["step"], r["detail"]))
    if args.verbose:
        for c, r in zip(cases, results):
            if r.get("exact") not in (None, "same"):
                print("  EXACT %s %s: %s %s" % (c.file, c.name, r["exact"],
                                                r.get("exact_detail", "")))
    if fails:
        steps = {}
        for _, r in fails:
            steps[r["step"]] = steps.get(r["step"], 0) + 1
        print("failures by step: " + ", ".join(
            "%s %d" % kv for kv in sorted(steps.items(), key=lambda kv: (-kv[1], kv[0]))))

    total = {}
    for label, files in (("psqldef", [f for f in order if f != MIGRA_KEY]),
                         ("migra", [f for f in order if f == MIGRA_KEY])):
        if not files:
            continue
        t = {k: sum(per[f][k] for f in files) for k in per[files[0]]}
        total[label] = t
        print("%s: %d/%d pass (%d do not load, %d skipped; offline=exact %s)" % (
            label, t["pass"], t["load"], t["noload"], t["skip"], exact_col(t)))
    print("time: %.0fs" % elapsed)

    counts = {f: per[f]["pass"] for f in order}
    if args.only:
        return 0 if not fails and not noloads else 1
    status = 0
    if args.update_baseline:
        path = args.baseline or DEFAULT_BASELINE
        with open(path, "w") as f:
            json.dump(counts, f, indent=2, sort_keys=True)
            f.write("\n")
        print("baseline written to %s" % os.path.relpath(path))
    elif args.baseline:
        try:
            with open(args.baseline) as f:
                baseline = json.load(f)
        except FileNotFoundError:
            baseline = {}
            print("no baseline at %s: nothing to compare" % args.baseline)
        for base, minimum in sorted(baseline.items()):
            got = counts.get(base)
            if got is None:
                print("baseline: %s: not run (baseline %d)" % (base, minimum))
                status = 1
            elif got < minimum:
                print("baseline: %s: %d passed, below the baseline %d" % (base, got, minimum))
                status = 1
            elif got > minimum:
                print("baseline: %s: %d passed, above the baseline %d: "
                      "record it with --update-baseline" % (base, got, minimum))
    return status


if __name__ == "__main__":
    sys.exit(main())
