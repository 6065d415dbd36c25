#!/usr/bin/python3
"""scripts/reproduction's statistics against independent references: Stat
against numpy, the Student t table against scipy, and the verdict rules on
constructed differences (each rule also fails the other way)."""
import math
import os
import sys

import numpy as np
from scipy import stats

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..",
                                "scripts"))
from reproduction.analysis import Stat  # noqa: E402
from reproduction.claims import (T975, average, consistent, half_width,  # noqa: E402
                                 noise_verdict)


def check(condition, message):
    if not condition:
        print(f"FAIL: {message}")
        sys.exit(1)
    print(f"ok: {message}")


values = [81.2, 82.9, 80.4]
s = Stat(values)
check(abs(s.mean - np.mean(values)) < 1e-12 and
      abs(s.std - np.std(values, ddof=1)) < 1e-12 and s.df == 2,
      "Stat: numpy's mean and sample std, df = n - 1")
other = Stat([79.0, 79.5, 80.5])
d = s - other
check(abs(d.se - math.hypot(s.se, other.se)) < 1e-12 and d.df == 4,
      "difference of means: se combines both, df = n1 + n2 - 2")
# Welch's t of the same difference (equal n) has the same statistic.
welch = stats.ttest_ind(values, [79.0, 79.5, 80.5], equal_var=False)
check(abs(d.mean / d.se - welch.statistic) < 1e-9,
      "difference / se = scipy's Welch t statistic")
for df, t in T975.items():
    if abs(t - stats.t.ppf(0.975, df)) > 0.006:
        check(False, f"T975[{df}] = {t} != scipy {stats.t.ppf(0.975, df):.4f}")
print("ok: T975 = scipy.stats.t.ppf(0.975, df) within 0.006")
check(math.isinf(half_width(Stat([1.0]), 0)), "one value: no noise estimate")

# A clear gain supports "above 0"; a clear loss contradicts it; a gain
# inside the noise cannot be tested.
up = Stat([2.0, 2.1, 1.9]) - Stat([0.0, 0.1, -0.1])
down = Stat([0.0, 0.1, -0.1]) - Stat([2.0, 2.1, 1.9])
noisy = Stat([1.0, -2.0, 3.0]) - Stat([0.0, 0.5, 0.2])
check(noise_verdict(up)[0] == "supports", "significant gain supports")
check(noise_verdict(down)[0] == "contradicts", "significant loss contradicts")
check(noise_verdict(noisy)[0] == "cannot test", "gain within noise cannot be tested")
check(noise_verdict(Stat([0.2, 0.3, 0.1]) - Stat([0.0, 0.0, 0.1]), 1.0,
                    above=False)[0] == "supports", "loss clearly under 1 pp supports 'at most 1 pp'")
check(noise_verdict(up, 1.0, above=False)[0] == "contradicts",
      "loss of 2 pp contradicts 'at most 1 pp'")
check(consistent(up, 2.0)[0] == "supports" and consistent(up, 4.0)[0] == "contradicts",
      "a magnitude inside the interval supports, outside contradicts")
avg = average([up, up])
check(abs(avg.mean - up.mean) < 1e-12 and abs(avg.se - up.se / math.sqrt(2)) < 1e-12,
      "average of two equal differences: same mean, se / sqrt 2")

# The claims on made-up results of a whole plan (3 seeds): FramNN 9.5 pp above
# approx training supports "FramNN beats approx training"; the same results
# with the two modes swapped contradict it.
import shutil  # noqa: E402
import tempfile  # noqa: E402

from reproduction import analysis, claims, plan, plots, report  # noqa: E402


def fake_results(settings, accuracy):
    out = []
    for cell in plan.plan_cells(settings):
        c = cell.config
        acc = accuracy(c["mode"]) + 0.002 * c["seed"]
        final_m = int(c["schedule"].replace(".", ",").split(",")[-1].split(":")[-1])
        out.append({"config": c, "seconds": 1.0, "summary": {
            "final_m": final_m, "test_acc_final_m": acc, "test_acc_exact": acc,
            "modelled_edp_gain": 2.0, "schedule": {"mantissa_bits": [23]}},
            "sweep": ({str(w): acc for w in c["sweep"]} if c["sweep"] else None)})
    return out


def verdicts(accuracy, out=None):
    """The verdicts on made-up results; with `out`, also the full run's
    report, data and plots written there."""
    settings = plan.full_settings()
    hardware = {m: (1.0, 1.0) for m in range(24)}
    results = fake_results(settings, accuracy)
    res = analysis.Results(results, hardware)
    tables = {name: {s.name: fn(res, s) for s in settings.datasets}
              for name, fn in (("fig2", analysis.fig2), ("table1", analysis.table1),
                               ("table2", analysis.table2), ("fig3", analysis.fig3),
                               ("fig4", analysis.fig4))}
    found = claims.all_claims(res, settings.datasets, tables, len(settings.seeds))
    if out:
        for name in ("fig2", "fig3", "fig4"):
            getattr(plots, name)(tables[name], os.path.join(out, name + ".png"))
        meta = {"date": "made up", "quick": False, "cells": len(results),
                "seeds": 3, "train_seconds": 0.0}
        for r in results:
            r["key"] = "k"
        report.write_data(out, results, tables, found, meta)
        report.write_report(out, settings, tables, found,
                            {"name": "flat", "levels": hardware}, meta)
    return {c["id"]: c["verdict"] for c in found}


out = tempfile.mkdtemp(prefix="reproduce-verdicts-")
good = verdicts({"exact": 0.90, "framnn": 0.895, "approx": 0.80}.get, out)
bad = verdicts({"exact": 0.90, "framnn": 0.80, "approx": 0.89}.get)
check(good["table1-beats-approx-16"] == "supports" and
      bad["table1-beats-approx-16"] == "contradicts",
      "FramNN 9.5 pp above approx supports the Table I claim, 9 pp below contradicts it")
check(good["table1-framnn-near-exact"] == "supports" and
      bad["table1-framnn-near-exact"] == "contradicts",
      "a 0.5 pp FramNN loss supports 'at most 1 pp', 10 pp contradicts it")
check(len(good) == 18 and set(good.values()) <= {"supports", "contradicts", "cannot test"},
      "18 claims, each with a verdict")
report_text = open(os.path.join(out, "report.md")).read()
check("Smoke run" not in report_text and "| fmnist-cnn (CIFAR-10, CIFAR-100, PASCAL) | 16 |" in report_text
      and all(os.path.getsize(os.path.join(out, f)) > 0 for f in
              ("fig2.png", "fig3.png", "fig4.png", "results.json", "cells.csv")),
      "a full run's 3-seed report, data and plots are written")
shutil.rmtree(out)
