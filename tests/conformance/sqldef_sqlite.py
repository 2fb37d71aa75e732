#!/usr/bin/python3
"""Runs sqldef's sqlite3def test cases against plumb diff.

For each case: load `current` into database A and `desired` into B; apply
`plumb diff sqlite:A desired.sql --allow-data-loss` to A with the sqlite3 CLI;
A must then equal B (a normalised schema dump, column order aside); the diff
again must print nothing; and the reverse direction (A back to `current`) must
hold too. Prints pass counts per file and compares them with a baseline.

The corpus is read in place (../shared/corpora/sqldef beside the repository by
default) and never copied. When it is absent the script prints a skip line and
exits 0. Needs python3-yaml and the sqlite3 CLI.
"""

import argparse
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DEFAULT_CORPUS = os.path.join(os.path.dirname(REPO), "shared", "corpora", "sqldef")
DEFAULT_BASELINE = os.path.join(HERE, "sqlite_baseline.json")
FILE_GLOB = re.compile(r"^cmd__sqlite3def__.*\.ya?ml$")
# per command: a guard against a hang, not a speed limit (commands take well
# under a second; a loaded machine may make that many seconds)
TIMEOUT = 180


class StepFailed(Exception):
    def __init__(self, step, detail=""):
        super().__init__(step)
        self.step = step
        self.detail = detail


class Skip(Exception):
    pass


class NoLoad(Exception):
    pass


# --- normalised schema ---------------------------------------------------------

TOKEN = re.compile(
    r"""\s+|--[^\n]*|/\*.*?\*/"""
    r"""|'(?:[^']|'')*'"""                # string
    r"""|"(?:[^"]|"")*"|`(?:[^`]|``)*`|\[[^\]]*\]"""  # quoted identifiers
    r"""|[A-Za-z_][A-Za-z0-9_$]*"""       # words
    r"""|[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+"""
    r"""|\|\||<=|>=|<>|!=|==|<<|>>|."""
    , re.S)


def tokens(sql):
    """SQL as a list of normalised tokens: identifiers unquoted and lower-cased,
    keywords lower-cased, strings kept, whitespace and comments dropped."""
    out = []
    for m in TOKEN.finditer(sql or ""):
        t = m.group(0)
        if t.isspace() or t.startswith("--") or t.startswith("/*"):
            continue
        if t[0] == '"':
            t = t[1:-1].replace('""', '"').lower()
        elif t[0] == "`":
            t = t[1:-1].replace("``", "`").lower()
        elif t[0] == "[":
            t = t[1:-1].lower()
        elif t[0] != "'":
            t = t.lower()
        out.append(t)
    return out


def norm_sql(sql):
    t = tokens(sql)
    while t and t[-1] == ";":
        t.pop()
    return " ".join(t)


def paren_body(toks, i):
    """The tokens inside the parenthesis opening at toks[i]."""
    depth = 0
    for j in range(i, len(toks)):
        if toks[j] == "(":
            depth += 1
        elif toks[j] == ")":
            depth -= 1
            if depth == 0:
                return " ".join(toks[i + 1:j])
    return " ".join(toks[i + 1:])


def table_extras(sql):
    """What the pragmas do not show: CHECK bodies, COLLATE clauses, generated
    column expressions, AUTOINCREMENT."""
    toks = tokens(sql)
    checks, collates, generated = [], [], []
    auto = False
    for i, t in enumerate(toks):
        if t == "check" and i + 1 < len(toks) and toks[i + 1] == "(":
            checks.append(paren_body(toks, i + 1))
        elif t == "collate" and i + 1 < len(toks):
            collates.append(toks[i + 1])
        elif t == "as" and i + 1 < len(toks) and toks[i + 1] == "(":
            generated.append(paren_body(toks, i + 1))
        elif t == "autoincrement":
            auto = True
    return {"checks": sorted(checks), "collates": sorted(collates),
            "generated": sorted(generated), "autoincrement": auto}


def schema_of(path):
    """A comparable description of a SQLite database's schema."""
    con = sqlite3.connect(path)
    try:
        con.row_factory = sqlite3.Row
        q = lambda sql, *a: [dict(r) for r in con.execute(sql, a)]
        objs = q("SELECT type, name, tbl_name, sql FROM sqlite_schema "
                 "WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE 'plumb_%' "
                 "AND tbl_name NOT LIKE 'plumb_%'")
        out = {}
        for o in objs:
            key = "%s %s" % (o["type"], o["name"].lower())
            if o["type"] == "table":
                t = o["name"]
                cols = sorted(json.dumps({k: v for k, v in c.items() if k != "cid"},
                                         sort_keys=True)
                              for c in q("SELECT * FROM pragma_table_xinfo(?)", t))
                tl = q("SELECT type, wr, strict FROM pragma_table_list(?)", t)
                idx = []
                for ix in q("SELECT * FROM pragma_index_list(?)", t):
                    info = [{k: v for k, v in r.items() if k != "cid"}
                            for r in q("SELECT * FROM pragma_index_xinfo(?)", ix["name"])]
                    d = {"unique": ix["unique"], "origin": ix["origin"],
                         "partial": ix["partial"], "columns": info}
                    if ix["origin"] == "c":
                        d["name"] = ix["name"].lower()
                    idx.append(json.dumps(d, sort_keys=True))
                fks = {}
                for r in q("SELECT * FROM pragma_foreign_key_list(?)", t):
                    fks.setdefault(r["id"], []).append(
                        {k: v for k, v in r.items() if k != "id"})
                fkl = sorted(json.dumps(sorted(v, key=lambda r: r["seq"]), sort_keys=True)
                             for v in fks.values())
                out[key] = {"columns": cols, "list": tl, "indexes": sorted(idx),
                            "foreign_keys": fkl, "extras": table_extras(o["sql"])}
            elif o["type"] == "index":
                # Seen through its table's index list; keep partial WHERE clauses.
                sql = norm_sql(o["sql"])
                if sql and " where " in sql:
                    out[key] = {"where": sql[sql.index(" where ") + 7:]}
            else:
                out[key] = {"sql": norm_sql(o["sql"])}
        return out
    finally:
        con.close()


def schema_diff(a, b):
    """A short description of the first difference between two schemas."""
    for k in sorted(set(a) | set(b)):
        if k not in a:
            return "%s missing" % k
        if k not in b:
            return "%s unexpected" % k
        if a[k] != b[k]:
            for f in a[k]:
                if a[k][f] != b[k].get(f):
                    x, y = a[k][f], b[k].get(f)
                    if isinstance(x, list) and isinstance(y, list):
                        extra = [v for v in x if v not in y][:2]
                        missing = [v for v in y if v not in x][:2]
                        return "%s: %s: has %s, wants %s" % (k, f, extra, missing)
                    return "%s: %s: has %r, wants %r" % (k, f, x, y)
    return None


# --- running one case ----------------------------------------------------------

class Runner:
    def __init__(self, plumb, verbose=False):
        self.plumb = plumb
        self.verbose = verbose

    def log(self, *a):
        if self.verbose:
            print(*a, flush=True)

    def run(self, argv, stdin=None):
        self.log("$ " + " ".join(argv))
        try:
            p = subprocess.run(argv, input=stdin, capture_output=True, text=True,
                               timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            return 124, "", "timed out after %ds" % TIMEOUT
        if self.verbose:
            if p.stdout:
                print(p.stdout.rstrip())
            if p.stderr:
                print("stderr: " + p.stderr.rstrip())
            print("exit %d" % p.returncode)
        return p.returncode, p.stdout, p.stderr

    def load(self, db, sql):
        rc, _, err = self.run(["sqlite3", "-bail", db], sql)
        return rc == 0, err.strip()

    def diff(self, db, schema_file, allow, step):
        argv = [self.plumb, "diff", "sqlite:" + db, schema_file, "--dialect", "sqlite"]
        if allow:
            argv.append("--allow-data-loss")
        rc, out, err = self.run(argv)
        if rc != 0:
            raise StepFailed(step, "exit %d: %s" % (rc, first_line(err)))
        return out

    def direction(self, tmp, a, target_sql, target_file, name):
        """Moves database a to target; raises StepFailed on the first problem."""
        ref = os.path.join(tmp, name + "_ref.db")
        ok, err = self.load(ref, target_sql)
        if not ok:
            raise NoLoad(err)
        out = self.diff(a, target_file, True, "diff " + name)
        if out.strip():
            ok, err = self.load(a, out)
            if not ok:
                raise StepFailed("apply " + name, first_line(err))
        d = schema_diff(schema_of(a), schema_of(ref))
        if d:
            raise StepFailed("compare " + name, d)
        out = self.diff(a, target_file, False, "idempotent " + name)
        if out.strip():
            raise StepFailed("idempotent " + name, "second diff printed: " + first_line(out))

    def case(self, case):
        current = case.get("current") or ""
        desired = case.get("desired") or ""
        tmp = tempfile.mkdtemp(prefix="plumb-sqldef-")
        try:
            a = os.path.join(tmp, "a.db")
            cur_file = os.path.join(tmp, "current.sql")
            des_file = os.path.join(tmp, "desired.sql")
            with open(cur_file, "w") as f:
                f.write(current)
            with open(des_file, "w") as f:
                f.write(desired)
            ok, err = self.load(a, current)
            if not ok:
                raise NoLoad(err)
            self.direction(tmp, a, desired, des_file, "up")
            self.direction(tmp, a, current, cur_file, "down")
        finally:
            if self.verbose:
                print("(kept %s)" % tmp)
            else:
                shutil.rmtree(tmp, ignore_errors=True)


def first_line(s):
    s = (s or "").strip()
    return s.splitlines()[0][:200] if s else ""


def version_tuple(s):
    return tuple(int(x) for x in re.findall(r"[0-9]+", str(s))[:3])


def skip_reason(case, sqlite_version):
    if not isinstance(case, dict):
        return "not a case"
    if "error" in case:
        return "expects an error"
    for key in ("flavor", "flavors"):
        v = case.get(key)
        if v and "sqlite" not in str(v).lower():
            return "flavor %s" % v
    if case.get("min_version") and sqlite_version < version_tuple(case["min_version"]):
        return "needs version %s" % case["min_version"]
    if case.get("max_version") and sqlite_version > version_tuple(case["max_version"]):
        return "needs version <= %s" % case["max_version"]
    return None


# --- main ------------------------------------------------------------------------

def find_plumb(arg):
    for p in (arg, os.environ.get("PLUMB"), os.path.join(REPO, "build", "src", "plumb")):
        if p and os.access(p, os.X_OK):
            return os.path.abspath(p)
    sys.exit("sqldef_sqlite: plumb binary not found: use --plumb PATH or PLUMB=PATH")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", default=DEFAULT_CORPUS,
                    help="folder with cmd__sqlite3def__*.yml, or one such file")
    ap.add_argument("--plumb", help="the plumb binary (default: $PLUMB, then build/src/plumb)")
    ap.add_argument("--baseline", help="JSON file mapping file -> minimum passes; "
                    "exit 1 when a count drops below it")
    ap.add_argument("--update-baseline", action="store_true",
                    help="write the counts of this run to the baseline file")
    ap.add_argument("-k", dest="only", help="run only the case NAME, verbosely")
    args = ap.parse_args()

    if os.path.isdir(args.corpus):
        files = sorted(os.path.join(args.corpus, f) for f in os.listdir(args.corpus)
                       if FILE_GLOB.match(f))
    elif os.path.isfile(args.corpus):
        files = [args.corpus]
    else:
        files = []
    if not files:
        print("sqldef_sqlite: SKIP: no sqldef sqlite corpus at %s" % args.corpus)
        return 0
    if not shutil.which("sqlite3"):
        sys.exit("sqldef_sqlite: the sqlite3 CLI is needed")
    import yaml

    runner = Runner(find_plumb(args.plumb), verbose=bool(args.only))
    sqlite_version = version_tuple(sqlite3.sqlite_version)
    counts = {}
    tot = {"passed": 0, "ran": 0, "noload": 0, "skipped": 0}
    failures = []
    for path in files:
        base = os.path.basename(path)
        with open(path) as f:
            cases = yaml.safe_load(f) or {}
        c = {"passed": 0, "ran": 0, "noload": 0, "skipped": 0}
        for name, case in cases.items():
            if args.only and name != args.only:
                continue
            reason = skip_reason(case, sqlite_version)
            if reason:
                c["skipped"] += 1
                runner.log("%s: skipped: %s" % (name, reason))
                continue
            runner.log("=== %s (%s)" % (name, base))
            try:
                runner.case(case)
                c["ran"] += 1
                c["passed"] += 1
                runner.log("%s: PASS" % name)
            except NoLoad as e:
                c["noload"] += 1
                runner.log("%s: does not load: %s" % (name, e))
            except StepFailed as e:
                c["ran"] += 1
                failures.append((base, name, e.step, e.detail))
                runner.log("%s: FAIL at %s: %s" % (name, e.step, e.detail))
            except Exception as e:  # a bug here must not hide the other cases
                c["ran"] += 1
                failures.append((base, name, "harness", repr(e)))
        if args.only and not (c["ran"] or c["noload"] or c["skipped"]):
            continue
        counts[base] = c["passed"]
        for k in tot:
            tot[k] += c[k]
        print("%s: %d/%d passed (%d do not load, %d skipped)"
              % (base, c["passed"], c["ran"], c["noload"], c["skipped"]))
    for base, name, step, detail in failures:
        print("  FAIL %s %s: %s: %s" % (base, name, step, detail))
    print("total: %d/%d passed (%d do not load, %d skipped) in %d files"
          % (tot["passed"], tot["ran"], tot["noload"], tot["skipped"], len(counts)))

    if args.only:
        return 0 if not failures else 1
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
