#!/usr/bin/python3
"""Checks that plumb's offline PostgreSQL builder agrees with the server.

For every schema of the corpora (each psqldef case's `current` and `desired`,
each migra fixture's a.sql and b.sql): apply it to a fresh database with
`psql -v ON_ERROR_STOP=1`; a schema that does not load counts as "does not
load" (and is listed), never skipped silently. For one that loads,
`plumb diff LIVE schema.sql` (the live database against the same SQL built
offline) must print nothing. Prints loaded / agree / disagree per corpus
file and lists each disagreement with plumb's output.

The corpora are read in place (../shared/corpora beside the repository by
default). The server is $PLUMB_PG_URL (with PGHOST/PGPORT/PGUSER) when set;
otherwise the script starts its own with tests/lib/pgtmp.sh and stops it at
the end. Needs python3-yaml and psql.

    pg_agree.py --plumb build/src/plumb [--corpus DIR] [-k NAME] [-j N] [-v]
"""

import argparse
import concurrent.futures
import glob
import os
import shlex
import subprocess
import sys
import tempfile
import urllib.parse

import pg_conformance

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DEFAULT_CORPUS = os.path.join(os.path.dirname(REPO), "shared", "corpora")
PGTMP = os.path.join(REPO, "tests", "lib", "pgtmp.sh")
# per command: a guard against a hang, not a speed limit (commands take well
# under a second; a loaded machine may make that many seconds)
TIMEOUT = 180


def schemas(corpus, only, version):
    """(group, name, sql) for every schema of the corpora, and the roles they
    need (read as the conformance script reads the cases)."""
    roles = set()
    out = []
    for path in sorted(glob.glob(os.path.join(corpus, "sqldef", "cmd__psqldef__*.yml"))):
        for case in pg_conformance.sqldef_cases(path, version, roles):
            for side in ("current", "desired"):
                sql = getattr(case, side)
                if sql:
                    out.append((case.file, "%s/%s" % (case.name, side), sql))
    fixtures = os.path.join(corpus, "migra", "tests", "FIXTURES")
    if os.path.isdir(fixtures):
        for case in pg_conformance.migra_cases(fixtures, roles):
            out.append(("migra", "%s/a.sql" % case.name, case.current))
            out.append(("migra", "%s/b.sql" % case.name, case.desired))
    if only:
        out = [s for s in out if only in s[0] or only in s[1]]
    return out, roles


class Server:
    def __init__(self, roles):
        self.dir = None
        self.env = dict(os.environ)
        if not self.env.get("PLUMB_PG_URL"):
            self.dir = tempfile.mkdtemp(prefix="pg_agree.")
            out = subprocess.run(["bash", PGTMP, "start", self.dir], capture_output=True,
                                 text=True, check=True).stdout
            for line in out.splitlines():
                words = shlex.split(line)
                for w in words[1:] if words[:1] == ["export"] else []:
                    k, _, v = w.partition("=")
                    self.env[k] = v
        for role in sorted(roles):
            self.psql("postgres", "DO $$BEGIN CREATE ROLE %s; EXCEPTION WHEN duplicate_object "
                      "THEN NULL; END$$" % pg_conformance.qident(role))

    def psql(self, db, sql=None, file=None):
        cmd = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", db]
        cmd += ["-f", file] if file else ["-c", sql]
        return subprocess.run(cmd, env=self.env, capture_output=True, text=True,
                              timeout=TIMEOUT)

    def url(self, db):
        q = {k: self.env[v] for k, v in (("host", "PGHOST"), ("port", "PGPORT"),
                                          ("user", "PGUSER")) if self.env.get(v)}
        return "postgresql:///%s?%s" % (db, urllib.parse.urlencode(q))

    def stop(self):
        if self.dir:
            subprocess.run(["bash", PGTMP, "stop", self.dir], capture_output=True)


def check_one(srv, plumb, i, group, name, sql, tmp):
    """("agree" | "disagree" | "noload" | "error", detail) for one schema."""
    db = "pg_agree_%d" % i
    path = os.path.join(tmp, "schema_%d.sql" % i)
    with open(path, "w") as f:
        f.write(sql)
    srv.psql("postgres", 'DROP DATABASE IF EXISTS "%s"' % db)
    r = srv.psql("postgres", 'CREATE DATABASE "%s"' % db)
    if r.returncode != 0:
        return "error", r.stderr.strip()
    try:
        r = srv.psql(db, file=path)
        if r.returncode != 0:
            return "noload", r.stderr.strip().splitlines()[-1:]
        try:
            d = subprocess.run([plumb, "diff", srv.url(db), path], env=srv.env,
                               capture_output=True, text=True, timeout=TIMEOUT)
            out, rc = d.stdout + d.stderr, d.returncode
        except subprocess.TimeoutExpired:
            return "disagree", (-1, "timed out")
        if rc == 0 and not d.stdout.strip():
            return "agree", None
        return "disagree", (rc, out.strip())
    finally:
        srv.psql("postgres", 'DROP DATABASE IF EXISTS "%s"' % db)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--plumb", required=True, help="the plumb binary")
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    ap.add_argument("-k", dest="only", help="only schemas whose file or case contains NAME")
    ap.add_argument("-v", dest="verbose", action="store_true", help="list schemas that do not load")
    ap.add_argument("-j", dest="jobs", type=int, default=os.cpu_count() or 2,
                    help="schemas checked at once")
    args = ap.parse_args()
    if not os.path.isdir(args.corpus):
        print("# SKIP corpus not found: %s" % args.corpus)
        return 0
    # every schema is tried whatever version a case asks for: one that needs
    # another server does not load, and is listed as such
    todo, roles = schemas(args.corpus, args.only, (0, 0))
    srv = Server(roles)
    counts = {}
    disagreements, noload = [], []
    try:
        with tempfile.TemporaryDirectory(prefix="pg_agree.") as tmp:
            jobs = [(i, group, name, sql, tmp) for i, (group, name, sql) in enumerate(todo)]
            with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
                results = list(pool.map(lambda job: check_one(srv, args.plumb, *job), jobs))
    finally:
        srv.stop()
    for (group, name, _sql), (verdict, detail) in zip(todo, results):
        if verdict == "error":
            print("could not create a database: %s" % detail, file=sys.stderr)
            return 1
        c = counts.setdefault(group, {"schemas": 0, "loaded": 0, "agree": 0, "disagree": 0})
        c["schemas"] += 1
        if verdict == "noload":
            noload.append((group, name, detail))
            continue
        c["loaded"] += 1
        c[verdict] += 1
        if verdict == "disagree":
            disagreements.append((group, name) + detail)

    for group, name, rc, out in disagreements:
        print("DISAGREE %s %s (exit %d)" % (group, name, rc))
        for line in out.splitlines()[:40]:
            print("    " + line)
    if args.verbose:
        for group, name, err in noload:
            print("does not load: %s %s: %s" % (group, name, " ".join(err)))
    total = {"schemas": 0, "loaded": 0, "agree": 0, "disagree": 0}
    print("%-48s %7s %7s %7s %8s %10s" % ("file", "schemas", "loaded", "agree", "disagree",
                                          "no load"))
    for group in sorted(counts):
        c = counts[group]
        for k in total:
            total[k] += c[k]
        print("%-48s %7d %7d %7d %8d %10d" % (group, c["schemas"], c["loaded"], c["agree"],
                                              c["disagree"], c["schemas"] - c["loaded"]))
    print("%-48s %7d %7d %7d %8d %10d" % ("total", total["schemas"], total["loaded"],
                                          total["agree"], total["disagree"],
                                          total["schemas"] - total["loaded"]))
    return 1 if total["disagree"] else 0


if __name__ == "__main__":
    sys.exit(main())
