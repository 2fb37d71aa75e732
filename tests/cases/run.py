#!/usr/bin/env python3
"""Plan cases: each folder NNN-name/ here holds before.sql and after.sql, and
per dialect the plan `plumb diff before.sql after.sql --dialect D` prints
(expected.D.sql, or expected.D.err when plumb refuses: "exit N" and its
stderr) and the hazard kinds `--json` names, one a line in order
(hazards.D.txt). Optional files: `dialects` (the dialects the case is for;
default both), `flags` (more options for plumb diff, e.g. --allow-data-loss),
`inexact` (why the database the plan leaves is not compared with after.sql
loaded as it is), `rows.sql` (rows loaded after before.sql when applying), `check.sql` and
`check.out` (queries run after the plan applies and the rows they must
print, written by hand), `requires` (PostgreSQL: lines `extension NAME
[VERSION]` the server must offer, else the apply is skipped) and `todo` (the
reason the plan does not apply yet: the apply points are TAP TODO).

Without --apply, every case is planned offline and compared with its
expected files. --update rewrites the expected files from what plumb prints
now (review them with git diff). --apply sqlite|pg loads before.sql (and
rows.sql) into a fresh database (a temporary file with the sqlite3 CLI; a
database on the server of PGHOST/PGPORT/PGUSER, as tests/lib/pgtmp.sh run
sets them, with psql), runs the expected plan (sqlite3 -bail; psql -v
ON_ERROR_STOP=1), and checks that plumb then finds nothing left to do, both
against after.sql and against a database loaded from after.sql, and that
check.sql prints check.out. It does not compare plans with the server: that
is what the offline run and conformance do.

Offline, each PostgreSQL plan is also replayed: a migrations folder of
before.sql (and rows.sql) then the expected plan, replayed with no server by
`plumb diff FOLDER after.sql`, must reach after.sql; and, as a control, the
same folder with the plan's last ALTER statement left out must not. With
--apply pg, the same folder replayed offline must equal the database the
plan left.

usage: run.py [--update] [--apply sqlite|pg] [--dialect D] [CASE...]
The plumb binary comes from $PLUMB. Prints TAP.
"""
import argparse
import concurrent.futures
import difflib
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
DIALECTS = ("sqlite", "pg")
TIMEOUT = 300

n_points = 0
n_failed = 0


def point(good, desc, diag=(), directive=None):
    """Prints one TAP point; directive is "TODO why" or "SKIP why"."""
    global n_points, n_failed
    n_points += 1
    suffix = f" # {directive}" if directive else ""
    print(f"{'ok' if good else 'not ok'} {n_points} - {desc}{suffix}")
    if not good and not (directive or "").startswith("TODO"):
        n_failed += 1
    if not good:
        for line in diag:
            for sub in str(line).rstrip("\n").split("\n"):
                print(f"#   {sub}")
    sys.stdout.flush()


def read(path):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except FileNotFoundError:
        return None


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def run(cmd, cwd=None, stdin=None, env=None):
    """(exit code, stdout, stderr) of a command, text in and out; env: variables
    to set for it."""
    try:
        p = subprocess.run(cmd, cwd=cwd, input=stdin, capture_output=True, text=True,
                           timeout=TIMEOUT, env=dict(os.environ, **env) if env else None)
    except subprocess.TimeoutExpired:
        return 124, "", f"timed out after {TIMEOUT} s: {' '.join(cmd)}\n"
    return p.returncode, p.stdout, p.stderr


def unified(want, got, name, now="plumb now"):
    return list(difflib.unified_diff(want.splitlines(), got.splitlines(),
                                     f"{name} (expected)", f"{name} ({now})",
                                     lineterm="", n=2))


class Case:
    def __init__(self, name):
        self.name = name
        self.dir = os.path.join(HERE, name)
        words = read(os.path.join(self.dir, "dialects"))
        self.dialects = words.split() if words is not None else list(DIALECTS)
        self.flags = (read(os.path.join(self.dir, "flags")) or "").split()
        todo = read(os.path.join(self.dir, "todo"))
        self.todo = " ".join(todo.split()) if todo is not None else None
        self.inexact = read(os.path.join(self.dir, "inexact"))
        self.requires = [line.split() for line in
                         (read(os.path.join(self.dir, "requires")) or "").splitlines()
                         if line.strip() and not line.startswith("#")]

    def problems(self):
        """What is wrong with the folder itself: unknown files or dialects."""
        known = {"before.sql", "after.sql", "dialects", "flags", "rows.sql", "check.sql",
                 "check.out", "requires", "inexact", "todo"}
        for d in DIALECTS:
            known |= {f"expected.{d}.sql", f"expected.{d}.err", f"hazards.{d}.txt"}
        out = [f"unknown file {f}" for f in sorted(os.listdir(self.dir)) if f not in known]
        out += [f"unknown dialect {d} in dialects" for d in self.dialects if d not in DIALECTS]
        if self.file("check.sql") is not None and self.file("check.out") is None:
            out.append("check.sql without check.out")
        return out

    def path(self, name):
        return os.path.join(self.dir, name)

    def file(self, name):
        return read(self.path(name))


def find_cases(names):
    found = sorted(d for d in os.listdir(HERE)
                   if os.path.isdir(os.path.join(HERE, d)) and d[:3].isdigit())
    if names:
        wanted = [d for d in found if any(d == n or d.startswith(n) for n in names)]
        missing = [n for n in names if not any(d == n or d.startswith(n) for d in found)]
        if missing:
            print(f"Bail out! no case named {', '.join(missing)}")
            sys.exit(1)
        found = wanted
    return [Case(d) for d in found]


# --- offline: what plumb plans now ---------------------------------------------

def hazard_kinds(doc):
    """Hazard kinds of a --json answer, in statement order."""
    if doc.get("ok"):
        return [h["kind"] for s in doc.get("statements", []) for h in s.get("hazards", [])]
    return [h["kind"] for h in doc.get("hazards", [])]


def plan_now(plumb, case, d):
    """The files plumb would write for dialect d now: name -> text."""
    args = [plumb, "diff", "before.sql", "after.sql", "--dialect", d] + case.flags
    rc, out, err = run(args, cwd=case.dir)
    files = {}
    if rc == 0:
        files[f"expected.{d}.sql"] = out
    else:
        files[f"expected.{d}.err"] = f"exit {rc}\n{err}"
    jrc, jout, jerr = run(args + ["--json"], cwd=case.dir)
    try:
        kinds = hazard_kinds(json.loads(jout))
    except ValueError:
        kinds = [f"(no JSON: exit {jrc}: {jerr.strip()})"]
    files[f"hazards.{d}.txt"] = "".join(k + "\n" for k in kinds)
    # the hazards the plan prints as comments are the ones --json names
    printed = [line[len("-- hazard "):].split(":", 1)[0]
               for line in out.splitlines() if line.startswith("-- hazard ")]
    consistent = rc != 0 or printed == kinds
    return files, consistent, printed, kinds


def offline(plumb, cases, dialects, update):
    # plumb runs for several cases at once; the points come out in order
    todo = [(case, d) for case in cases for d in dialects if d in case.dialects
            and case.file("before.sql") is not None and case.file("after.sql") is not None]
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        planned = dict(zip(todo, pool.map(lambda cd: plan_now(plumb, *cd), todo)))
    for case in cases:
        problems = case.problems()
        if problems:
            point(False, f"{case.name}: the folder holds only what run.py reads", problems)
        for d in dialects:
            if d not in case.dialects:
                continue
            label = f"{case.name} {d}"
            if (case, d) not in planned:
                point(False, f"{label}: plan", ["before.sql or after.sql is missing"])
                continue
            files, consistent, printed, kinds = planned[(case, d)]
            stale = [f"expected.{d}.sql", f"expected.{d}.err"]
            if update:
                changed = []
                for name in stale:
                    if name not in files and os.path.exists(case.path(name)):
                        os.remove(case.path(name))
                        changed.append(f"removed {name}")
                for name, text in files.items():
                    if case.file(name) != text:
                        write(case.path(name), text)
                        changed.append(f"wrote {name}")
                for c in changed:
                    print(f"# {case.name}: {c}")
            plan_name = next(n for n in files if n.startswith("expected."))
            other = next(n for n in stale if n != plan_name)
            want = case.file(plan_name)
            diag = []
            if want is None:
                diag.append(f"{plan_name} is missing (run.py --update writes it)")
                if case.file(other) is not None:
                    diag.append(f"{other} says:")
                    diag.extend(case.file(other).splitlines())
                    diag.append(f"plumb now gives {plan_name}:")
                    diag.extend(files[plan_name].splitlines())
            elif want != files[plan_name]:
                diag = unified(want, files[plan_name], plan_name)
            elif case.file(other) is not None:
                diag.append(f"{other} is left over")
            point(not diag, f"{label}: plan", diag)
            hname = f"hazards.{d}.txt"
            want = case.file(hname)
            diag = []
            if want is None:
                diag.append(f"{hname} is missing (run.py --update writes it)")
            elif want != files[hname]:
                diag = unified(want, files[hname], hname)
            if not consistent:
                diag.append(f"the plan's hazard comments name {printed}, --json names {kinds}")
            point(not diag, f"{label}: hazards", diag)


# --- replay: the plan, replayed offline, reaches after.sql ------------------------

def migrations_folder(plumb, tmp, case, d, plan):
    """A plumb migrations folder in tmp: before.sql (and rows.sql, data
    statements the replay skips) as the first migration, plan as the second.
    (path, []) or (None, diagnostics)."""
    mig = os.path.join(tmp, "migrations")
    os.makedirs(mig)
    first = case.file("before.sql") + "\n" + (case.file("rows.sql") or "")
    write(os.path.join(mig, "20260101000000_before.sql"), first)
    write(os.path.join(mig, "20260101000001_plan.sql"), plan)
    rc, out, err = run([plumb, "sum", "--dir", mig, "--dialect", d], cwd=tmp)
    if rc != 0:
        return None, [f"plumb sum: exit {rc}"] + err.splitlines()
    return mig, []


def statements_of(plan):
    """The plan's statements, one per entry, as plumb renders them (each
    ends with ';' at the end of a line and no line of its own starts one
    inside a body), comments and BEGIN/COMMIT left out."""
    out, cur = [], []
    for line in plan.splitlines(keepends=True):
        if not cur and (line.startswith("--") or not line.strip()):
            continue
        cur.append(line)
        if line.rstrip().endswith(";"):
            text = "".join(cur)
            cur = []
            if text.strip() not in ("BEGIN;", "COMMIT;"):
                out.append(text)
    return out


def replay_case(plumb, case, d):
    """[(description, diagnostics, todo)] for the case's replay points."""
    plan = case.file(f"expected.{d}.sql")
    if plan is None or not plan.strip():
        return []
    points = []
    with tempfile.TemporaryDirectory(prefix="plumb-replay.") as tmp:
        mig, diag = migrations_folder(plumb, tmp, case, d, plan)
        # a replay cache of the case's own: the first diff fills it, the
        # second reads it, checked against a replay (PLUMB_CACHE_VERIFY)
        env = {"PLUMB_CACHE_DIR": os.path.join(tmp, "cache"), "PLUMB_CACHE_VERIFY": "1"}
        if not diag:
            diag = nothing_left(plumb, mig, case.path("after.sql"), d, case.flags, env)
            if diag:
                diag = ["the plan replayed offline onto before.sql is not after.sql:"] + diag
        points.append((f"{case.name} {d}: the plan replayed offline reaches after.sql", diag))
        if not diag and d == "pg":
            diag = nothing_left(plumb, mig, case.path("after.sql"), d, case.flags, env, True)
            points.append((f"{case.name} {d}: ... and so does the replay cache's catalog", diag))
        # the control: without one of its ALTER statements the plan must
        # not reach after.sql, or the replay proves nothing of that form
        stmts = statements_of(plan)
        # (VALIDATE of a domain's check leaves no mark a catalog reads)
        alters = [i for i, st in enumerate(stmts) if st.lstrip().upper().startswith("ALTER ")
                  and not (st.lstrip().upper().startswith("ALTER DOMAIN")
                           and " VALIDATE CONSTRAINT " in st.upper())]
        if alters and not diag:
            cut = alters[-1]
            short = "".join(st for i, st in enumerate(stmts) if i != cut)
            shutil.rmtree(mig)
            mig, diag = migrations_folder(plumb, tmp, case, d, short)
            if not diag:
                rc, out, err = run([plumb, "diff", mig, case.path("after.sql"), "--dialect", d,
                                    "--allow-data-loss"] +
                                   [f for f in case.flags if f == "--owners"])
                # a change left to make, or an error where the server would
                # stop too, both see it
                if rc == 0 and not out:
                    diag = ["with this statement left out the replay still reaches after.sql:",
                            stmts[cut].strip()]
            points.append((f"{case.name} {d}: the replay sees a left-out ALTER", diag))
    return points


def replay(plumb, cases, dialects):
    todo = [(case, d) for case in cases for d in dialects if d in case.dialects and d == "pg"]
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = list(pool.map(lambda cd: replay_case(plumb, *cd), todo))
    for (case, d), pts in zip(todo, results):
        for desc, diag in pts:
            point(not diag, desc, diag, f"TODO {case.todo}" if case.todo and diag else None)


# --- apply: the expected plan runs on a real database ----------------------------

class Sqlite:
    name = "sqlite"

    def __init__(self, tmp):
        self.tmp = tmp
        self.n = 0

    def available(self, case):
        return None

    def newdb(self):
        self.n += 1
        path = os.path.join(self.tmp, f"db{self.n}.sqlite")
        return path, f"sqlite:{path}"

    def script(self, db, text):
        return run(["sqlite3", "-bail", db], stdin=text)

    def drop(self, db):
        if os.path.exists(db):
            os.remove(db)

    def close(self):
        pass


class Pg:
    name = "pg"

    def __init__(self, tmp):
        self.n = 0
        self.made = []
        rc, out, err = run(["psql", "-X", "-At", "-d", "postgres", "-c",
                            "SELECT current_setting('server_version_num')::int >= 150000"])
        if rc != 0:
            raise RuntimeError(f"cannot reach the server: {err.strip()}")
        # a file copy is the faster way to make a small database (PostgreSQL 15+)
        self.strategy = " STRATEGY FILE_COPY" if out.strip() == "t" else ""

    def available(self, case):
        for req in case.requires:
            if req[0] != "extension" or len(req) not in (2, 3):
                return f"requires: unknown line {' '.join(req)}"
            where = f"name = '{req[1]}'" + (f" AND version = '{req[2]}'" if len(req) == 3 else "")
            rc, out, err = run(["psql", "-X", "-At", "-d", "postgres", "-c",
                                f"SELECT count(*) FROM pg_available_extension_versions "
                                f"WHERE {where}"])
            if rc != 0 or out.strip() == "0":
                return f"the server has no extension {' '.join(req[1:])}"
        return None

    def newdb(self):
        self.n += 1
        name = f"cases_{os.getpid()}_{self.n}"
        rc, out, err = run(["psql", "-X", "-q", "-d", "postgres", "-c",
                            f"CREATE DATABASE {name}{self.strategy}"])
        if rc != 0:
            raise RuntimeError(f"create database {name}: {err.strip()}")
        self.made.append(name)
        url = (f"postgresql:///{name}?host={os.environ['PGHOST']}&port={os.environ['PGPORT']}"
               f"&user={os.environ['PGUSER']}")
        return name, url

    def script(self, db, text):
        return run(["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", db, "-f", "-"],
                   stdin=text)

    def drop(self, db):
        pass

    def close(self):
        """Drops the databases made, all at once."""
        drops = []
        for name in self.made:
            drops += ["-c", f"DROP DATABASE IF EXISTS {name}"]
        if drops:
            run(["psql", "-X", "-q", "-d", "postgres"] + drops)


def nothing_left(plumb, frm, to, d, flags=(), env=None, cached=False):
    """Diagnostics when `plumb diff frm to` finds something to do, else [].
    Of the case's flags, --owners is passed on: owners are then compared.
    cached: frm, a migrations folder, must come from the replay cache."""
    more = [f for f in flags if f == "--owners"] + (["--verbose"] if cached else [])
    rc, out, err = run([plumb, "diff", frm, to, "--dialect", d, "--allow-data-loss"] + more,
                       env=env)
    if cached and "replay cache: read" not in err:
        return [f"plumb diff {frm} {to}: the replay cache was not read"] + err.splitlines()[:10]
    if rc == 0 and not out:
        return []
    return [f"plumb diff {frm} {to}: exit {rc}"] + out.splitlines()[:40] + err.splitlines()[:10]


def apply_case(plumb, eng, case):
    """Diagnostics of the first step that fails, or []."""
    d = eng.name
    plan = case.file(f"expected.{d}.sql")
    made = []
    try:
        db, url = eng.newdb()
        made.append(db)
        for step in ("before.sql", "rows.sql"):
            text = case.file(step)
            if text is None:
                continue
            rc, out, err = eng.script(db, text)
            if rc != 0:
                return [f"loading {step} failed (exit {rc}):"] + err.splitlines()
        rc, out, err = eng.script(db, plan)
        if rc != 0:
            return [f"the plan failed (exit {rc}):"] + err.splitlines()
        diag = nothing_left(plumb, url, case.path("after.sql"), d, case.flags)
        if diag:
            return ["after the plan, plumb still plans against after.sql:"] + diag
        if d == "pg":
            with tempfile.TemporaryDirectory(prefix="plumb-replay.") as tmp:
                mig, diag = migrations_folder(plumb, tmp, case, d, plan)
                # from the server: a version it installed is no change to
                # the folder, whose CREATE EXTENSION may name none
                diag = diag or nothing_left(plumb, url, mig, d, case.flags)
            if diag:
                return ["the plan replayed offline differs from the server's result:"] + diag
        if case.inexact is None:
            ref, ref_url = eng.newdb()
            made.append(ref)
            rc, out, err = eng.script(ref, case.file("after.sql"))
            if rc != 0:
                return ["loading after.sql as it is failed:"] + err.splitlines()
            diag = nothing_left(plumb, url, ref_url, d, case.flags)
            if diag:
                return ["the database differs from after.sql loaded as it is:"] + diag
        check = case.file("check.sql")
        if check is not None:
            want = case.file("check.out")
            rc, out, err = eng.script(db, check)
            if rc != 0:
                return [f"check.sql failed (exit {rc}):"] + err.splitlines()
            if want is None:
                return ["check.out is missing (write by hand what check.sql must print):"] + \
                    out.splitlines()
            if out != want:
                return unified(want, out, "check.out", "the database now")
        return []
    except RuntimeError as e:
        return [str(e)]
    finally:
        for m in made:
            eng.drop(m)


def apply(plumb, cases, d):
    if d == "pg" and not all(os.environ.get(v) for v in ("PGHOST", "PGPORT", "PGUSER")):
        print("1..0 # SKIP no server: run under tests/lib/pgtmp.sh run")
        sys.exit(0)
    if shutil.which("sqlite3" if d == "sqlite" else "psql") is None:
        print(f"1..0 # SKIP no {'sqlite3' if d == 'sqlite' else 'psql'} command")
        sys.exit(0)
    with tempfile.TemporaryDirectory(prefix="plumb-cases.") as tmp:
        try:
            eng = Sqlite(tmp) if d == "sqlite" else Pg(tmp)
        except RuntimeError as e:
            print(f"Bail out! {e}")
            sys.exit(1)
        for case in cases:
            if d not in case.dialects:
                continue
            desc = f"{case.name} {d}: the plan applies and nothing is left"
            todo = f"TODO {case.todo}" if case.todo else None
            if case.file(f"expected.{d}.sql") is None:
                err = case.file(f"expected.{d}.err")
                why = (err or "no expected plan").split("\n", 1)[0]
                if todo:
                    point(False, desc, [f"no plan to apply: plumb gave {why}"], todo)
                else:
                    point(True, desc, (), f"SKIP no plan to apply: plumb gave {why}")
                continue
            missing = eng.available(case)
            if missing:
                point(True, desc, (), f"SKIP {missing}")
                continue
            diag = apply_case(plumb, eng, case)
            point(not diag, desc, diag, todo)
        eng.close()


def main():
    ap = argparse.ArgumentParser(description="Run the plan cases (TAP).")
    ap.add_argument("--update", action="store_true",
                    help="rewrite the expected files from what plumb plans now")
    ap.add_argument("--apply", choices=DIALECTS,
                    help="apply the expected plans on a real database of this dialect")
    ap.add_argument("--dialect", choices=DIALECTS, help="only this dialect (offline)")
    ap.add_argument("cases", nargs="*", help="case names or prefixes (default: all)")
    a = ap.parse_args()
    plumb = os.environ.get("PLUMB")
    if not plumb:
        print("Bail out! give the plumb binary as PLUMB=PATH")
        sys.exit(1)
    plumb = os.path.abspath(plumb)
    os.environ["LC_ALL"] = "C"
    os.environ.pop("DATABASE_URL", None)
    os.environ["PGOPTIONS"] = "-c client_min_messages=warning"
    # the replay cache: one of the run's own unless the caller gave one,
    # every entry read checked against a replay
    if "PLUMB_CACHE_DIR" not in os.environ:
        cache = tempfile.TemporaryDirectory(prefix="plumb-cache.")
        os.environ["PLUMB_CACHE_DIR"] = cache.name
    os.environ["PLUMB_CACHE_VERIFY"] = "1"
    cases = find_cases(a.cases)
    if a.update and a.apply:
        print("Bail out! --update rewrites the offline plans; give it without --apply")
        sys.exit(2)
    if a.apply:
        apply(plumb, cases, a.apply)
    else:
        dialects = [a.dialect] if a.dialect else DIALECTS
        offline(plumb, cases, dialects, a.update)
        if not a.update:
            replay(plumb, cases, dialects)
    print(f"1..{n_points}")
    return 1 if n_failed else 0


if __name__ == "__main__":
    sys.exit(main())
