#!/usr/bin/env python3
"""Runs one command and appends one JSON line about it to a samples file:
wall time (monotonic clock, seconds), CPU time (user + system) and peak
resident set size (KiB) of the command and the descendants it waited for
(wait4), exit status, and whether it was stopped by the timeout.

  timeit.py --samples FILE --label L [--run N] [--timeout S] [--cwd DIR]
            [--stdout FILE] [--stderr FILE] [--expect-file F]
            [--expect-glob PATTERN] -- CMD ARGS...

Exit status: the command's (1 when it exited 0 without writing the
--expect-file, or without writing a file matching --expect-glob, relative to
--cwd, during the run), or 124 when it was stopped by the timeout. The command runs in
its own process group, which is killed (TERM, then KILL after 5 s) on
timeout."""
import argparse
import glob
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time

TIME = "/usr/bin/time"


def written_since(pattern, t):
    """Whether a non-empty file matching pattern was modified at or after t
    (seconds since the epoch); a little slack for coarse file system
    clocks."""
    for f in glob.glob(pattern):
        st = os.stat(f)
        if st.st_size and st.st_mtime >= t - 0.05:
            return True
    return False


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--samples", required=True)
    ap.add_argument("--label", required=True)
    ap.add_argument("--run", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=0)
    ap.add_argument("--stdout", default=os.devnull)
    ap.add_argument("--stderr", default=None)
    ap.add_argument("--cwd", default=None)
    ap.add_argument("--expect-file", default=None,
                    help="count a zero exit as a failure when this file is "
                         "missing or empty (tools that exit 0 on errors)")
    ap.add_argument("--expect-glob", default=None,
                    help="likewise, unless a file matching this pattern "
                         "(relative to --cwd) was written during the run "
                         "(tools that name their output themselves)")
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    if not cmd:
        ap.error("no command")
    out = open(a.stdout, "wb")
    err = open(a.stderr, "wb") if a.stderr else None
    # CPU time is the one child's, from wait4(), not RUSAGE_CHILDREN (which
    # also holds whatever ran in this process before an exec, such as a pyenv
    # shim). A forked child's peak RSS starts at its parent's, so the command
    # is started by /usr/bin/time (about 1 MiB), not by this interpreter (over
    # 10 MiB), and the peak RSS is the one time reports, when it is there.
    rss_file = None
    if os.access(TIME, os.X_OK):
        fd, rss_file = tempfile.mkstemp(prefix="timeit.")
        os.close(fd)
        cmd = [TIME, "-o", rss_file, "-f", "%M"] + cmd
    started = time.time()
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=a.cwd,
                         start_new_session=True)
    res = {}

    def stop(signum, frame):
        # Interrupted: the command is in its own session, so take it along.
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        if rss_file:
            os.unlink(rss_file)
        sys.exit(128 + signum)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)

    def reap():
        _, st, ru = os.wait4(p.pid, 0)
        res["t"] = time.monotonic()
        res["status"], res["ru"] = st, ru

    th = threading.Thread(target=reap, daemon=True)
    th.start()
    th.join(a.timeout if a.timeout > 0 else None)
    timed_out = th.is_alive()
    if timed_out:
        for sig, grace in ((signal.SIGTERM, 5), (signal.SIGKILL, None)):
            try:
                os.killpg(p.pid, sig)
            except ProcessLookupError:
                pass
            th.join(grace)
            if not th.is_alive():
                break
        rc = 124
    else:
        st = res["status"]
        rc = os.waitstatus_to_exitcode(st)
        if rc < 0:
            rc = 128 - rc
    p.returncode = rc  # reaped above; keep Popen from waiting again
    wall = res.get("t", time.monotonic()) - t0
    # Anything left in the group (a tool that forked helpers) goes too.
    try:
        os.killpg(p.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    ru = res.get("ru")
    rss = ru.ru_maxrss if ru else 0
    if rss_file:
        try:
            with open(rss_file) as f:
                last = f.read().split()
            rss = int(last[-1]) if last else 0
        except (OSError, ValueError):
            rss = 0
        os.unlink(rss_file)
    cpu = (ru.ru_utime + ru.ru_stime) if ru else 0.0
    if rc == 0 and a.expect_file and not (
            os.path.isfile(a.expect_file) and os.path.getsize(a.expect_file)):
        rc = 1
    if rc == 0 and a.expect_glob and not written_since(
            os.path.join(a.cwd or ".", a.expect_glob), started):
        rc = 1
    status = "timeout" if timed_out else ("ok" if rc == 0 else "error")
    rec = {"label": a.label, "run": a.run, "wall_s": round(wall, 4),
           "rss_kib": rss,
           "cpu_s": round(cpu, 4), "rc": rc, "status": status}
    if timed_out:
        rec["timeout_s"] = a.timeout
    with open(a.samples, "a") as f:
        f.write(json.dumps(rec) + "\n")
    sys.exit(rc)


if __name__ == "__main__":
    main()
