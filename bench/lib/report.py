#!/usr/bin/env python3
"""Summarises the samples written by timeit.py: one row per label (median and
best wall time of the runs that succeeded, median client CPU time and peak
RSS), ratios between
labels, as a Markdown table on standard output and as JSON.

  report.py SAMPLES --title T [--json OUT] [--meta K=V ...]
            [--row LABEL=DESCRIPTION ...] [--ratio NAME=A/B[<=TARGET] ...]
            [--note TEXT ...]

A label whose runs were stopped by the timeout is reported as "did not finish
in N s"; a ratio with it as numerator is then a lower bound (">")."""
import argparse
import json
import statistics
import sys


def load(path):
    rows = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line:
                r = json.loads(line)
                rows.setdefault(r["label"], []).append(r)
    return rows


def summarise(samples):
    ok = [s for s in samples if s["status"] == "ok"]
    to = [s for s in samples if s["status"] == "timeout"]
    err = [s for s in samples if s["status"] == "error"]
    out = {"runs": len(samples), "ok": len(ok), "timeouts": len(to),
           "errors": len(err), "samples": samples}
    if ok:
        walls = [s["wall_s"] for s in ok]
        out["median_s"] = round(statistics.median(walls), 4)
        out["best_s"] = round(min(walls), 4)
        out["median_cpu_s"] = round(
            statistics.median(s.get("cpu_s", 0) for s in ok), 4)
        out["median_rss_mib"] = round(
            statistics.median(s["rss_kib"] for s in ok) / 1024, 1)
        out["status"] = "ok"
    elif to:
        out["status"] = "timeout"
        out["timeout_s"] = max(s.get("timeout_s", s["wall_s"]) for s in to)
    else:
        out["status"] = "error"
        out["rc"] = err[0]["rc"] if err else None
    return out


def fmt_s(x):
    if x >= 100:
        return "%.0f s" % x
    if x >= 1:
        return "%.2f s" % x
    return "%.1f ms" % (x * 1000)


def ratio(summ, a, b):
    A, B = summ.get(a), summ.get(b)
    if not A or not B:
        return None, "n/a (not run)"
    if A["status"] == "error" or B["status"] == "error":
        return None, "n/a (%s failed)" % (a if A["status"] == "error" else b)
    if A["status"] == "timeout" and B["status"] == "timeout":
        return None, "n/a (both did not finish)"
    if A["status"] == "timeout":
        r = A["timeout_s"] / B["median_s"]
        return {"value": round(r, 2), "bound": ">"}, "> %.1f×" % r
    if B["status"] == "timeout":
        r = A["median_s"] / B["timeout_s"]
        return {"value": round(r, 4), "bound": "<"}, "< %.3f×" % r
    r = A["median_s"] / B["median_s"]
    return {"value": round(r, 3), "bound": "="}, ("%.2f×" % r if r >= 0.1
                                                   else "%.3f×" % r)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("samples")
    ap.add_argument("--title", required=True)
    ap.add_argument("--json")
    ap.add_argument("--meta", action="append", default=[])
    ap.add_argument("--row", action="append", default=[])
    ap.add_argument("--ratio", action="append", default=[])
    ap.add_argument("--note", action="append", default=[])
    a = ap.parse_args()

    data = load(a.samples)
    desc = dict(r.split("=", 1) for r in a.row)
    order = [r.split("=", 1)[0] for r in a.row] + \
        [l for l in data if l not in desc]
    summ = {l: summarise(data[l]) for l in order if l in data}
    meta = dict(m.split("=", 1) for m in a.meta)

    print("## %s\n" % a.title)
    for k, v in meta.items():
        print("- %s: %s" % (k, v))
    print()
    print("| command | runs | median wall | best wall | client CPU | client peak RSS |")
    print("|---|---|---|---|---|---|")
    for l in order:
        if l not in summ:
            continue
        s = summ[l]
        name = desc.get(l, l)
        if s["status"] == "ok":
            extra = "" if s["ok"] == s["runs"] else \
                " (%d of %d failed)" % (s["runs"] - s["ok"], s["runs"])
            print("| %s | %d%s | %s | %s | %s | %.1f MiB |" % (
                name, s["ok"], extra, fmt_s(s["median_s"]),
                fmt_s(s["best_s"]), fmt_s(s["median_cpu_s"]),
                s["median_rss_mib"]))
        elif s["status"] == "timeout":
            print("| %s | %d | did not finish in %.0f s | – | – | – |" % (
                name, s["runs"], s["timeout_s"]))
        else:
            print("| %s | %d | failed (exit %s) | – | – | – |" % (
                name, s["runs"], s.get("rc")))
    ratios = []
    if a.ratio:
        print()
        print("| ratio | value | target |")
        print("|---|---|---|")
        for spec in a.ratio:
            name, expr = spec.split("=", 1)
            target = None
            if "<=" in expr:
                expr, t = expr.split("<=", 1)
                target = float(t)
            num, den = expr.split("/", 1)
            val, text = ratio(summ, num.strip(), den.strip())
            met = None
            if target is not None and val is not None:
                met = val["bound"] != ">" and val["value"] <= target
            ttext = "" if target is None else "≤ %g× (%s)" % (
                target, "n/a" if met is None else ("met" if met else "not met"))
            print("| %s | %s | %s |" % (name, text, ttext))
            ratios.append({"name": name, "numerator": num.strip(),
                           "denominator": den.strip(), "ratio": val,
                           "text": text, "target": target, "met": met})
    if a.note:
        print()
        for n in a.note:
            print("- " + n)
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"title": a.title, "meta": meta,
                       "results": {l: dict(summ[l], description=desc.get(l, l))
                                   for l in summ},
                       "ratios": ratios, "notes": a.note}, f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    sys.exit(main())
