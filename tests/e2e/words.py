#!/usr/bin/env python3
"""The words plumb says about itself are true: every command and option named
in `plumb --help`, `plumb CMD --help`, README.md, docs/plumb.1 and the message
and hint strings of src/ is accepted by the binary, and every command and
option the binary accepts is in --help, README.md and the man page.

usage: words.py PLUMB SOURCE_ROOT (prints TAP)
"""
import os
import re
import subprocess
import sys

PLUMB, ROOT = os.path.abspath(sys.argv[1]), sys.argv[2]

# Options of other programs that plumb's words name on purpose.
FOREIGN = {
    "--custom",          # drizzle-kit generate --custom
    "--schema-only",     # pg_dump
    "--no-owner", "--no-privileges", "--no-comments",
    "--bindir",          # pg_config --bindir
    "--plumb",           # tests/conformance scripts
    "--opt",             # the placeholder in "--opt VALUE"
    "--no-locale",       # initdb
}

n = 0
failed = 0


# Commands the messages may name before they exist, reported as TODO
# rather than failures; none now.
PLANNED = set()


def ok(cond, desc, diag=(), todo=None):
    global n, failed
    n += 1
    if cond:
        print(f"ok {n} - {desc}")
    elif todo:
        print(f"not ok {n} - {desc} # TODO {todo}")
    else:
        failed += 1
        print(f"not ok {n} - {desc}")
        for d in diag:
            print(f"#   {d}")


def run(*args):
    p = subprocess.run([PLUMB, *args], capture_output=True, text=True,
                       errors="replace", cwd=os.environ.get("TMPDIR", "/tmp"))
    return p.returncode, p.stdout, p.stderr


OPT_RE = re.compile(r"(?<![\w-])(--[a-z][a-z-]*[a-z])")
SHORT_RE = re.compile(r"(?<![\w-])(-[a-zA-Z])(?=[ ,|\]])")
CMD_RE = re.compile(r"(?<![\w/.-])plumb ([a-z][a-z-]*)")

# --- what the binary says -------------------------------------------------
rc, help_text, _ = run("--help")
ok(rc == 0, "plumb --help exits 0")
section = help_text.split("Commands:", 1)[1].split("\n\n", 1)[0]
help_cmds = [l.split()[0] for l in section.splitlines() if l.strip()]
help_opts = set(OPT_RE.findall(help_text)) | set(SHORT_RE.findall(help_text))
cmd_help = {}
for c in help_cmds:
    if c == "help":
        continue
    rc, out, err = run(c, "--help")
    ok(rc == 0 and out.startswith("Usage: plumb " + c), f"plumb {c} --help shows its usage",
       [err.strip()])
    cmd_help[c] = out

# --- what the documents and the sources say -------------------------------
def read(rel):
    with open(os.path.join(ROOT, rel), encoding="utf-8") as f:
        return f.read()


readme = read("README.md")
# commands: `plumb WORD` in code spans and code blocks
readme_code = "\n".join(re.findall(r"```.*?```", readme, re.S) +
                        re.findall(r"`[^`\n]+`", readme))
readme_cmds = set(CMD_RE.findall(readme_code))
readme_plumb = "\n".join(l for l in readme_code.splitlines() if re.search(r"(^|`)plumb ", l))
readme_opts = (set(OPT_RE.findall(readme)) | set(SHORT_RE.findall(readme_plumb)) |
               set(re.findall(r"`(-[a-zA-Z])[` ]", readme)))

man = read("docs/plumb.1")
man_plain = re.sub(r"\\f[BIRP]", "", man).replace("\\-", "-").replace("\\ ", " ")
man_cmds = set()
lines = man_plain.splitlines()
in_commands = False
for i, l in enumerate(lines):
    if l.startswith(".SH"):
        in_commands = l.strip() == ".SH COMMANDS"
    if in_commands and l == ".TP" and i + 1 < len(lines):
        words = re.sub(r'^\.(B|BI|BR|I)\s+', "", lines[i + 1]).replace('"', " ").split()
        if words:
            man_cmds.add(words[0])
man_cmds |= set(CMD_RE.findall(man_plain))
man_opts = set(OPT_RE.findall(man_plain)) | set(SHORT_RE.findall(man_plain))

# string literals of src/, comments removed, adjacent literals joined
src_strings = []
for dirpath, _, files in os.walk(os.path.join(ROOT, "src")):
    for fn in files:
        if not fn.endswith(".c"):
            continue
        with open(os.path.join(dirpath, fn), encoding="utf-8") as f:
            code = f.read()
        code = re.sub(r"/\*.*?\*/", " ", code, flags=re.S)
        code = re.sub(r"//[^\n]*", " ", code)
        lit = r'"(?:[^"\\\n]|\\.)*"'
        for seq in re.findall(lit + r"(?:\s*" + lit + ")*", code):
            src_strings.append("".join(re.findall(r'"((?:[^"\\\n]|\\.)*)"', seq)))
src_text = "\n".join(src_strings)
src_cmds = set(CMD_RE.findall(src_text)) - {"COMMAND"}
src_opts = set(OPT_RE.findall(src_text))

# --- every named command and option exists --------------------------------
# a prose "plumb works" is not a command: only words the binary might mean
named_cmds = {}
for where, cmds in (("--help", set(help_cmds)), ("README.md", readme_cmds),
                    ("docs/plumb.1", man_cmds), ("src/", src_cmds)):
    for c in cmds:
        named_cmds.setdefault(c, set()).add(where)
PROSE = {"works", "writes", "reads", "may", "folder", "creates", "can", "keeps", "is",
         "has", "does", "never", "refuses", "records", "applies", "takes", "plans",
         "uses", "a", "the", "and", "one", "to", "prints", "sees", "knows", "runs",
         "gives", "tells", "will", "would", "should", "itself", "and", "or", "it",
         "first", "then", "itself", "exits", "stops", "waits", "holds", "on", "in", "yet"}
for c in sorted(named_cmds):
    if c in PROSE:
        continue
    rc, out, err = run(c, "--help")
    ok("unknown command" not in err,
       f"command {c} (named in {', '.join(sorted(named_cmds[c]))}) exists", [err.strip()],
       todo="issue 13: not written yet" if c in PLANNED and named_cmds[c] == {"src/"} else None)

named_opts = {}
for where, opts in (("--help", help_opts), ("README.md", readme_opts),
                    ("docs/plumb.1", man_opts), ("src/", src_opts)):
    for o in opts:
        named_opts.setdefault(o, set()).add(where)
for c, text in cmd_help.items():
    for o in set(OPT_RE.findall(text)) | set(SHORT_RE.findall(text)):
        named_opts.setdefault(o, set()).add(f"plumb {c} --help")
accepted_opts = set()
for o in sorted(named_opts):
    if o in FOREIGN:
        continue
    rc, out, err = run("help", o)  # parsed before the command runs
    if "unknown option" not in err:
        accepted_opts.add(o)
    ok("unknown option" not in err,
       f"option {o} (named in {', '.join(sorted(named_opts[o]))}) exists", [err.strip()],
       todo="issue 13: not written yet" if o in PLANNED and named_opts[o] == {"src/"} else None)

# --- everything the binary accepts is documented --------------------------
accepted_cmds = [c for c in help_cmds if c != "help"]
for c in accepted_cmds:
    ok(c in readme_cmds, f"README.md documents plumb {c}")
    ok(c in man_cmds, f"docs/plumb.1 documents {c}")
for o in sorted(accepted_opts | (help_opts - FOREIGN)):
    ok(o in help_opts or any(o in t for t in cmd_help.values()),
       f"plumb --help or a plumb COMMAND --help lists {o}")
    ok(o in readme_opts, f"README.md documents {o}")
    ok(o in man_opts, f"docs/plumb.1 documents {o}")

# the synopsis of each command in --help, README and the man page agree on
# whether it takes arguments
for c in accepted_cmds:
    syn = cmd_help[c].splitlines()[0][len("Usage: plumb "):]
    takes = bool(re.search(r"\b[A-Z]{2,}\b", syn.split("[-")[0].split(" [--")[0]))
    m = re.search(r"`plumb " + c + r"([^`]*)`", readme)
    readme_takes = bool(m and re.search(r"\b[A-Z]{2,}\b", m.group(1).split("[-")[0]))
    ok(takes == readme_takes, f"README.md's plumb {c} takes arguments as the binary does",
       [f"binary: {syn}", f"README: {m.group(0) if m else '(none)'}"])

print(f"1..{n}")
sys.exit(1 if failed else 0)
