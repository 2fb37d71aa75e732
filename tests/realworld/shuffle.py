#!/usr/bin/python3
"""Schema files in any order: the statements of every schema file of the
real-world corpus (tests/realworld/schemas/*/schema.sql) and of the
PostgreSQL plan cases (tests/cases/*/after.sql), shuffled with a fixed seed,
must read offline to the same catalog: `plumb diff ordered.sql shuffled.sql
--dialect pg` prints nothing. No server is needed.

The shuffle moves the statements that create an object (CREATE TABLE, VIEW,
MATERIALIZED VIEW, TYPE, DOMAIN, FUNCTION, PROCEDURE, AGGREGATE, SEQUENCE,
COLLATION, EXTENSION, SCHEMA) anywhere, before or after what they name and
what changes them; the statements that change an object (ALTER, COMMENT,
GRANT, CREATE INDEX, CREATE TRIGGER, ...) keep their order among themselves,
as plumb keeps the written order of the statements changing one object. Two
creations of one name (a shell type and its definition, CREATE OR REPLACE
twice, overloads) keep their order too. A file that does not read offline in
its written order (a DO block) is skipped, and so is one that renames,
moves (SET SCHEMA) or drops, grants ON ALL ... IN SCHEMA, sets default
privileges or changes the current role (its order is part of its meaning:
a history, not a schema).

Prints one TAP point per schema; exits 1 when one fails.

    shuffle.py --plumb build/src/plumb [--seed N] [-k NAME] [-v]
"""

import argparse
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "tests", "conformance"))
import pg_conformance as pc  # noqa: E402  (the SQL tokens)

KINDS = ("table", "view", "materialized", "type", "domain", "function", "procedure",
         "aggregate", "sequence", "collation", "extension", "schema")
SKIP_WORDS = {"or", "replace", "unlogged", "temporary", "temp", "global", "local",
              "recursive", "trusted", "procedural"}


def split(sql):
    """The statements of sql as written (comments between them dropped):
    [(text, tokens)]. A BEGIN ATOMIC body ends at its END, a rule's actions
    in parentheses at the closing one."""
    out, start, toks, atomic, depth = [], None, [], False, 0
    for m in pc.TOKEN.finditer(sql):
        t = m.group(0)
        if t.isspace() or t.startswith("--") or t.startswith("/*"):
            continue
        low = t.lower() if t[0] not in "'\"$" else t
        if start is None:
            if t == ";":
                continue
            start = m.start()
        depth += 1 if t == "(" else -1 if t == ")" else 0
        if t == ";" and not atomic and depth <= 0:
            out.append((sql[start:m.end()], toks))
            start, toks, depth = None, [], 0
            continue
        toks.append(low)
        if len(toks) >= 2 and toks[-2:] == ["begin", "atomic"]:
            atomic = True
        elif atomic and low == "end":
            atomic = False
    if start is not None:
        out.append((sql[start:] + ";", toks))
    return out


def created(toks):
    """(kind, name) of the object a CREATE statement makes, else None."""
    if not toks or toks[0] != "create":
        return None
    i = 1
    while i < len(toks) and toks[i] in SKIP_WORDS:
        i += 1
    if i >= len(toks) or toks[i] not in KINDS:
        return None
    kind = toks[i]
    i += 2 if kind == "materialized" else 1
    if toks[i:i + 3] == ["if", "not", "exists"]:
        i += 3
    name = []
    while i < len(toks):
        name.append(toks[i])
        if i + 1 < len(toks) and toks[i + 1] == ".":
            i += 2
            continue
        break
    return kind, ".".join(name)


def shuffle(stmts, seed):
    """The statements with the creations moved and the rest in order."""
    rng = random.Random(seed)
    keys = [created(toks) for _, toks in stmts]
    makers = [i for i, k in enumerate(keys) if k]
    rest = [i for i, k in enumerate(keys) if not k]
    moved = makers[:]
    rng.shuffle(moved)
    # creations of one name keep their order: each group takes the places
    # its members landed in, in written order
    slots = {}
    for pos, i in enumerate(moved):
        slots.setdefault(keys[i], []).append(pos)
    for k, places in slots.items():
        members = [i for i in makers if keys[i] == k]
        for pos, i in zip(places, members):
            moved[pos] = i
    # a random merge keeps the rest in its order
    out, a, b = [], 0, 0
    while a < len(moved) or b < len(rest):
        left_a, left_b = len(moved) - a, len(rest) - b
        if left_b == 0 or (left_a and rng.random() < left_a / (left_a + left_b)):
            out.append(moved[a])
            a += 1
        else:
            out.append(rest[b])
            b += 1
    return [stmts[i][0] for i in out]


def corpus(k):
    """[(name, path)] of the schema files to shuffle."""
    out = []
    rw = os.path.join(HERE, "schemas")
    for name in sorted(os.listdir(rw)):
        p = os.path.join(rw, name, "schema.sql")
        if os.path.isfile(p):
            out.append(("realworld/" + name, p))
    cases = os.path.join(REPO, "tests", "cases")
    for name in sorted(os.listdir(cases)):
        d = os.path.join(cases, name)
        p = os.path.join(d, "after.sql")
        dialects = os.path.join(d, "dialects")
        if not os.path.isfile(p) or not os.path.isfile(dialects):
            continue
        with open(dialects) as f:
            if "pg" not in f.read().split():
                continue
        out.append(("cases/" + name, p))
    return [(n, p) for n, p in out if not k or k in n]


def set_schema(toks):
    """Does the statement move an object (SET SCHEMA)?"""
    return any(a == "set" and b == "schema" for a, b in zip(toks, toks[1:]))


def in_schema(toks):
    """Is the GRANT or REVOKE ON ALL ... IN SCHEMA?"""
    return "all" in toks and any(a == "in" and b == "schema" for a, b in zip(toks, toks[1:]))


def role_setting(toks):
    """Does the SET or RESET change the current role or session user?"""
    rest = toks[1:]
    if rest[:1] in (["local"], ["session"]) and rest[1:2] != ["authorization"]:
        rest = rest[1:]
    return rest[:1] in (["role"], ["all"]) or rest[:2] == ["session", "authorization"]


def check(plumb, name, path, seed, tmp, verbose):
    """None when the shuffled file reads as the file, else the reason."""
    r = subprocess.run([plumb, "diff", path, path, "--dialect", "pg"], capture_output=True,
                       text=True, cwd=tmp)
    if r.returncode != 0:
        return "SKIP it does not read offline in written order either"
    with open(path) as f:
        sql = f.read()
    stmts = split(sql)
    # a rename, a move or a drop makes the written order part of the
    # meaning (a default spelling a label before its RENAME VALUE, a table
    # dropped and made again), and so does a GRANT ON ALL ... IN SCHEMA (it
    # takes the objects the schema holds when it runs), and so do ALTER
    # DEFAULT PRIVILEGES and SET ROLE / SET SESSION AUTHORIZATION (they
    # apply to what is created after them): such a file is a history, not
    # a schema in any order
    if any(toks and (toks[0] == "drop" or (toks[0] == "alter" and "rename" in toks)
                     or (toks[0] == "alter" and set_schema(toks))
                     or (toks[0] in ("grant", "revoke") and in_schema(toks))
                     or toks[:3] == ["alter", "default", "privileges"]
                     or (toks[0] in ("set", "reset") and role_setting(toks)))
           for _, toks in stmts):
        return "SKIP a history: its order is part of its meaning"
    shuffled = shuffle(stmts, seed)
    out = os.path.join(tmp, name.replace("/", "_") + ".sql")
    with open(out, "w") as f:
        f.write("\n\n".join(shuffled) + "\n")
    r = subprocess.run([plumb, "diff", path, out, "--dialect", "pg"], capture_output=True,
                       text=True, cwd=tmp)
    if r.returncode != 0 or r.stdout.strip():
        lines = (r.stderr.strip() or r.stdout.strip()).splitlines()
        return "\n".join(lines[:12 if verbose else 3]) + f"\n(shuffled file: {out})"
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--plumb", required=True)
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("-k", default="")
    ap.add_argument("-v", action="store_true")
    ap.add_argument("--keep", help="write the shuffled files here")
    a = ap.parse_args()
    plumb = os.path.abspath(a.plumb)
    files = corpus(a.k)
    failed = 0
    tmp = a.keep or tempfile.mkdtemp(prefix="plumb-shuffle.")
    os.makedirs(tmp, exist_ok=True)
    print(f"1..{len(files)}")
    for n, (name, path) in enumerate(files, 1):
        why = check(plumb, name, path, a.seed, tmp, a.v)
        if why and why.startswith("SKIP "):
            print(f"ok {n} - {name} # {why}")
        elif why:
            failed += 1
            print(f"not ok {n} - {name}: shuffled, it reads differently")
            for line in why.splitlines():
                print("#   " + line)
        else:
            print(f"ok {n} - {name}: shuffled, it reads the same")
    if not a.keep:
        for f in os.listdir(tmp):
            if not failed:
                os.remove(os.path.join(tmp, f))
        if not failed:
            os.rmdir(tmp)
    print(f"# {len(files) - failed} of {len(files)} read the same shuffled (seed {a.seed})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
