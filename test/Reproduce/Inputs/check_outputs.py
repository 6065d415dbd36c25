#!/usr/bin/python3
"""Checks the structure of a scripts/reproduce.py output directory, and a few
of its numbers against independent recomputations.

    check_outputs.py OUT [--cells N]

Prints one "ok: ..." line per check; exits 1 at the first failure with a
"FAIL: ..." line."""
import csv
import json
import os
import sys

import numpy as np

# Every claim the report must give a verdict on (the paper's Fig. 2, Tables
# I-II, Figs. 3-4 and abstract; issue 16's examples).
CLAIMS = {
    "fig2-8bit", "fig2-cnn-sensitive", "table1-beats-approx-16",
    "table1-beats-approx-every-width", "table1-gain-2.6",
    "table1-framnn-near-exact", "table2-linear-gain-3.9",
    "table2-similar-efficiency", "table2-uniform-loss",
    "fig3-train-at-inference-width", "fig3-beats-exact-trained",
    "fig3-efficiency-1pct", "fig3-efficiency-2pct", "fig4-edp-equal-accuracy",
    "fig4-edp-1pct", "fig4-edp-2pct", "fig4-vs-uniform-1pct",
    "fig4-vs-uniform-2pct",
}
VERDICTS = {"supports", "contradicts", "cannot test"}
CELL_COLUMNS = ["key", "dataset", "model", "mode", "schedule", "seed",
                "epochs", "train_samples", "test_samples", "final_m",
                "test_acc_final_m", "test_acc_exact", "modelled_edp_gain",
                "widths_trained", "seconds", "cpu_seconds"]
SECTIONS = ["## Verdicts", "## What was run", "## Hardware model",
            "## Fig. 2", "## Table I", "## Table II", "## Fig. 3",
            "## Fig. 4", "## Files"]


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)
    print(f"ok: {message}")


def default_model(m):
    """docs/hardware-model.md's built-in model, from its formula."""
    p = round(((m + 1) ** 2 + 100) / 676 + 1e-12, 4)
    d = round((2 * (m + 1) + 16) / 64 + 1e-12, 4)
    return p, d


def main():
    out = sys.argv[1]
    files = ["results.json", "cells.csv", "claims.csv", "report.md",
             "fig2.png", "fig3.png", "fig4.png"]
    for name in files:
        check(os.path.isfile(os.path.join(out, name)), f"{name} exists")
    for name in ("fig2.png", "fig3.png", "fig4.png"):
        with open(os.path.join(out, name), "rb") as f:
            check(f.read(8) == b"\x89PNG\r\n\x1a\n", f"{name} is a PNG")

    results = json.load(open(os.path.join(out, "results.json")))
    check(set(results) == {"meta", "tables", "claims", "cells"},
          "results.json has meta, tables, claims, cells")
    check(set(results["tables"]) == {"fig2", "table1", "table2", "fig3", "fig4"},
          "results.json tables: fig2, table1, table2, fig3, fig4")
    cells = results["cells"]
    cached = os.listdir(os.path.join(out, "cells"))
    check(len(cells) == results["meta"]["cells"] == len(cached),
          f"{len(cells)} cells in results.json, one cached file each")
    for c in cells:
        if not ({"key", "config", "records", "summary", "sweep", "seconds"}
                <= set(c)) or len(c["records"]) != c["config"]["epochs"]:
            fail(f"cell {c.get('key')}: missing keys or records")
    print("ok: every cell has its config, one record per epoch and a summary")

    rows = list(csv.reader(open(os.path.join(out, "cells.csv"))))
    check(rows[0][:len(CELL_COLUMNS)] == CELL_COLUMNS and
          all(h.startswith("acc_w") for h in rows[0][len(CELL_COLUMNS):]),
          "cells.csv columns")
    check(len(rows) - 1 == len(cells), "cells.csv has one row per cell")

    claims = list(csv.DictReader(open(os.path.join(out, "claims.csv"))))
    ids = [c["id"] for c in claims]
    check(sorted(ids) == sorted(CLAIMS), "claims.csv: one row per claim")
    check(all(c["verdict"] in VERDICTS for c in claims),
          "every verdict is supports, contradicts or cannot test")
    check([c["verdict"] for c in results["claims"]] == [c["verdict"] for c in claims],
          "results.json and claims.csv agree")

    report = open(os.path.join(out, "report.md")).read()
    at = [report.find(s) for s in SECTIONS]
    check(all(a >= 0 for a in at) and at == sorted(at),
          "report.md has its sections in order")
    for c in claims:
        if report.count("| " + c["claim"] + " |") != 1:
            fail(f"report.md: claim {c['id']} not exactly once in the verdicts")
    print("ok: report.md gives every claim one verdict row")
    for name in ("fig2.png", "fig3.png", "fig4.png"):
        check(f"]({name})" in report, f"report.md shows {name}")
    if results["meta"]["quick"]:
        check("Smoke run" in report, "a quick run says it is a smoke run")

    # Numbers against independent recomputations: the modelled EDP gain of a
    # uniform schedule from the documented formula, and a mean of Table I
    # from the cells' own accuracies (numpy).
    table = {(r[1], r[3], r[4]): [] for r in rows[1:]}
    for r in rows[1:]:
        table[(r[1], r[3], r[4])].append(r)
    for (dataset, mode, schedule), group in table.items():
        if mode == "framnn" and schedule == "uniform:15":
            p, d = default_model(15)
            # Training EDP of all epochs at m: energy p d times delay d.
            want = 1 / (p * d * d)
            got = float(group[0][12])
            # The summary prints 17 digits of the same double arithmetic.
            check(abs(got - want) < 1e-9 * want,
                  f"{dataset}: modelled EDP gain of uniform:15 = 1/(p d^2) = {want:.4f}")
            accs = np.array([float(r[10]) for r in group]) * 100
            entry = [t for t in results["tables"]["table1"][dataset]
                     if t["w"] == 16][0]["framnn"]
            check(abs(entry["mean"] - accs.mean()) < 1e-9 and
                  abs(entry["std"] - (accs.std(ddof=1) if len(accs) > 1 else 0)) < 1e-9,
                  f"{dataset}: Table I FramNN w=16 mean/std = numpy's")
    return 0


if __name__ == "__main__":
    sys.exit(main())
