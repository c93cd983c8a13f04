#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Medians of the benchmark's rounds, as a text table and as JSON.

usage: report.py RESULTS.txt TEXT_OUT JSON_OUT

RESULTS.txt holds guest.sh's lines: ROUND TARGET JOB VALUE UNIT BYTES CPU.
Each job's figure is the median of its rounds per target; the ratios are
iet's median over the other's. CPU is the guest's busy seconds per GB
(10^9 bytes) moved, median of the rounds. Nothing here passes or fails:
the goals are printed beside the ratios for whoever reads them.
"""
import json
import statistics
import sys

JOBS = [
    ("seqread", "fio seq read 1M QD16"),
    ("seqwrite", "fio seq write 1M QD16"),
    ("randread", "fio rand read 4k QD32"),
    ("randwrite", "fio rand write 4k QD32"),
    ("storm", "fio 8 sessions x rand read 4k QD4"),
    ("mixed", "fio rand 70/30 64k QD16"),
    ("perfseq", "iscsi-perf seq read 1M QD16"),
    ("perfrand", "iscsi-perf rand read 4k QD32"),
]
TARGETS = [("iet", "iet"), ("lio", "LIO"), ("tgt", "tgt")]
# The goal of iet's ratio per job: 1.2 over LIO on 4k random through
# open-iscsi, at least even everywhere else.
GOAL_LIO = {"randread": 1.2, "randwrite": 1.2}


def load(path):
    runs = {}
    for line in open(path):
        f = line.split()
        if len(f) != 7:
            continue
        _, target, job, value, unit, nbytes, cpu = f
        r = runs.setdefault((job, target), {"unit": unit, "values": [],
                                            "cpu_per_gb": []})
        r["values"].append(float(value))
        if int(nbytes):
            r["cpu_per_gb"].append(float(cpu) / (int(nbytes) / 1e9))
    return runs


def summarize(runs):
    out = []
    for job, title in JOBS:
        row = {"job": job, "title": title, "targets": {}}
        for t, _ in TARGETS:
            r = runs.get((job, t))
            if not r:
                continue
            row["unit"] = r["unit"]
            row["targets"][t] = {
                "median": statistics.median(r["values"]),
                "runs": r["values"],
                "cpu_s_per_gb": (statistics.median(r["cpu_per_gb"])
                                 if r["cpu_per_gb"] else None),
            }
        med = {t: v["median"] for t, v in row["targets"].items()}
        for t in ("lio", "tgt"):
            if med.get("iet") and med.get(t):
                row["iet_over_" + t] = round(med["iet"] / med[t], 2)
        row["goal_over_lio"] = GOAL_LIO.get(job, 1.0)
        if "targets" in row and row["targets"]:
            out.append(row)
    return out


def fmt(x, nd=0):
    return "-" if x is None else f"{x:.{nd}f}"


def text(rows, head):
    lines = [head, ""]
    hdr = f"{'job':36} {'unit':5}" + "".join(f"{n:>9}" for _, n in TARGETS)
    hdr += f"{'iet/LIO':>9}{'goal':>6}{'iet/tgt':>9}"
    lines.append(hdr)
    for r in rows:
        s = f"{r['title']:36} {r['unit']:5}"
        for t, _ in TARGETS:
            v = r["targets"].get(t)
            s += f"{fmt(v and v['median']):>9}"
        s += f"{fmt(r.get('iet_over_lio'), 2):>9}{r['goal_over_lio']:>6.1f}"
        s += f"{fmt(r.get('iet_over_tgt'), 2):>9}"
        lines.append(s)
    lines += ["", "guest CPU seconds per GB moved (initiator and target)", ""]
    lines.append(f"{'job':36} {'':5}" + "".join(f"{n:>9}" for _, n in TARGETS))
    for r in rows:
        s = f"{r['title']:36} {'':5}"
        for t, _ in TARGETS:
            v = r["targets"].get(t)
            s += f"{fmt(v and v['cpu_s_per_gb'], 2):>9}"
        lines.append(s)
    short = [r["job"] for r in rows
             if r.get("iet_over_lio", 9) < r["goal_over_lio"] or
             r.get("iet_over_tgt", 9) < 1.0]
    lines += ["", "below a goal: " + (" ".join(short) if short else "none")]
    return "\n".join(lines) + "\n"


def main():
    src, txt, js = sys.argv[1:4]
    runs = load(src)
    rows = summarize(runs)
    rounds = max((len(v["values"]) for v in runs.values()), default=0)
    head = sys.argv[4] if len(sys.argv) > 4 else ""
    head = f"{head} ({rounds} rounds; medians)".strip()
    open(txt, "w").write(text(rows, head))
    json.dump({"title": head, "jobs": rows}, open(js, "w"), indent=1)
    sys.stdout.write(open(txt).read())


if __name__ == "__main__":
    main()
