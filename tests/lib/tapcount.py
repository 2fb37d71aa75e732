#!/usr/bin/env python3
"""Counts the TAP test points of a meson testlog.json: prints
"PASSED FAILED SKIPPED". Skipped points count as neither passed nor failed;
a test program that is not TAP, or that dies or times out without reporting
a failed point, counts as one. Used by tests/run-all.sh and tests/stress.sh."""
import json
import re
import sys

passed = failed = skipped = 0
for line in open(sys.argv[1]):
    line = line.strip()
    if not line:
        continue
    t = json.loads(line)
    res = t.get("result", "")
    out = t.get("stdout") or ""
    oks = nots = 0
    for l in out.splitlines():
        if re.match(r"^ok\b", l):
            if re.search(r"#\s*SKIP", l, re.I):
                skipped += 1     # skipped points are neither passed nor failed
                continue
            oks += 1
        elif re.match(r"^not ok\b", l):
            if re.search(r"#\s*TODO", l, re.I):
                continue
            nots += 1
    if res == "SKIP":
        skipped += 1
        continue
    if oks or nots:
        passed += oks
        failed += nots
        if res not in ("OK", "EXPECTEDFAIL") and nots == 0:
            failed += 1          # died, bad plan, or timed out after its points
    elif res in ("OK", "EXPECTEDFAIL"):
        passed += 1
    else:
        failed += 1
print(passed, failed, skipped)
