#!/usr/bin/python3
"""Reproduces the paper's experiments (Fig. 2, Tables I-II, Figs. 3-4) with
the framnn CLI on offline stand-ins for its datasets, and writes raw
results (JSON, CSV), plots and a report with a verdict on each claim.

    /usr/bin/python3 scripts/reproduce.py [--quick] [--plan] [--out DIR]
                                          [--jobs N] [--bin-dir DIR]

--quick is a smoke run (one seed, tiny subsets, under two minutes); the
default full run is sized for 60 minutes on 2 cores. Each finished cell is
cached under OUT/cells/, so an interrupted run resumes where it stopped.
--plan lists the cells and the estimated time without running anything.
See docs/reproduce.md."""
import argparse
import datetime
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))

from reproduction import analysis, claims, plan, plots, report  # noqa: E402
from reproduction.runner import (CellFailed, CellRunner, format_duration,  # noqa: E402
                                 run_cells)


def fail(message):
    print(f"error: {message}", file=sys.stderr)
    return 1


def print_plan(cells, jobs):
    total = 0.0
    for cell in sorted(cells, key=lambda c: c.label):
        seconds = plan.estimate_seconds(cell.config)
        total += seconds
        sweep = f", sweep of {len(cell.config['sweep'])} widths" if cell.config["sweep"] else ""
        print(f"{cell.key}  {cell.label}{sweep}  ~{seconds:.0f} s  "
              f"({', '.join(cell.uses)})")
    print(f"{len(cells)} cells, ~{format_duration(total)} of one core; "
          f"~{format_duration(total / jobs)} on {jobs} jobs (estimate from "
          "scripts/reproduction/plan.py COSTS)")


def export_models(settings, models_dir):
    """The zoo's models, one export per (model, seed): a seed draws the
    initial weights too."""
    models = {}
    names = sorted({s.model for s in settings.datasets})
    env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "python"))
    for seed in settings.seeds:
        wanted = {n: os.path.join(models_dir, f"{n}.seed{seed}.onnx") for n in names}
        missing = [n for n, p in wanted.items() if not os.path.exists(p)]
        if missing:
            proc = subprocess.run(
                [sys.executable, "-m", "framnn_models", "gen", "--out",
                 models_dir, "--seed", str(seed), "--suffix", f".seed{seed}",
                 *missing], env=env, capture_output=True, text=True)
            if proc.returncode != 0:
                raise RuntimeError("exporting the models failed: " +
                                   (proc.stderr.strip().splitlines() or ["?"])[-1])
        models.update({(n, seed): p for n, p in wanted.items()})
    return models


def write_digits(path):
    """scikit-learn's digits (8x8, 1797 samples, no download) as an .npz with
    a fixed stratified 75/25 split, pixels 0..16 scaled to [0, 1]."""
    if os.path.exists(path):
        return
    import numpy as np
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split
    digits = load_digits()
    x = (digits.data / 16.0).astype(np.float32)
    y = digits.target.astype(np.int64)
    x_train, x_test, y_train, y_test = train_test_split(
        x, y, test_size=0.25, random_state=0, stratify=y)
    np.savez(path + ".tmp.npz", x_train=x_train, y_train=y_train,
             x_test=x_test, y_test=y_test)
    os.replace(path + ".tmp.npz", path)


def hardware_model(framnn):
    proc = subprocess.run([framnn, "schedule", "--show-hw-model"],
                          capture_output=True, text=True, check=True)
    model = json.loads(proc.stdout)
    model["levels"] = {l["mantissa_bits"]: (l["power"], l["delay"])
                       for l in model["levels"]}
    return model


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true",
                    help="smoke run: one seed, tiny subsets (< 2 minutes)")
    ap.add_argument("--plan", action="store_true",
                    help="list the cells and the estimated time, run nothing")
    ap.add_argument("--out", default=os.path.join(ROOT, "out", "reproduce"),
                    help="output directory (default out/reproduce)")
    ap.add_argument("--only", metavar="NAMES",
                    help="run only these stand-ins (comma-separated: "
                    "fmnist-mlp, digits-mlp, fmnist-cnn)")
    ap.add_argument("--jobs", type=int, default=2,
                    help="cells trained at once, one thread each (default 2)")
    ap.add_argument("--bin-dir", default=os.environ.get(
        "FRAMNN_BIN_DIR", os.path.join(ROOT, "build", "bin")),
        help="where framnn is (default $FRAMNN_BIN_DIR or build/bin)")
    args = ap.parse_args()
    if args.jobs < 1:
        return fail(f"--jobs must be at least 1, got {args.jobs}")

    settings = plan.quick_settings() if args.quick else plan.full_settings()
    if args.only:
        names = args.only.split(",")
        known = [s.name for s in settings.datasets]
        unknown = [n for n in names if n not in known]
        if unknown:
            return fail(f"--only: unknown stand-in {unknown[0]} (known: "
                        f"{', '.join(known)})")
        settings.datasets = [s for s in settings.datasets if s.name in names]
    cells = plan.plan_cells(settings)
    if args.plan:
        print_plan(cells, args.jobs)
        return 0

    framnn = os.path.join(args.bin_dir, "framnn")
    if not os.access(framnn, os.X_OK):
        return fail(f"no framnn at {framnn} (build it with scripts/build.sh, "
                    "or give --bin-dir / FRAMNN_BIN_DIR)")
    fashion = os.environ.get("FRAMNN_FASHION_MNIST_DIR",
                             "/usr/share/datasets/fashion-mnist")
    if not os.path.isdir(fashion):
        return fail(f"no Fashion-MNIST at {fashion} (install the Debian "
                    "package dataset-fashion-mnist or set FRAMNN_FASHION_MNIST_DIR)")
    out = os.path.abspath(args.out)
    for sub in ("cells", "models", "data", "work"):
        os.makedirs(os.path.join(out, sub), exist_ok=True)
    try:
        digits = os.path.join(out, "data", "digits.npz")
        write_digits(digits)
        models = export_models(settings, os.path.join(out, "models"))
    except (RuntimeError, ImportError, OSError) as e:
        return fail(str(e))

    runner = CellRunner(args.bin_dir, models,
                        {"fashion-mnist": "fashion-mnist", "digits": digits},
                        os.path.join(out, "work"))
    try:
        results = run_cells(cells, os.path.join(out, "cells"), runner, args.jobs)
    except CellFailed as e:
        return fail(f"{e} (the finished cells are cached; rerun to resume)")

    ordered = [results[c.key] for c in cells]
    hw = hardware_model(framnn)
    res = analysis.Results(ordered, hw["levels"])
    tables = {name: {s.name: fn(res, s) for s in settings.datasets}
              for name, fn in (("fig2", analysis.fig2), ("table1", analysis.table1),
                               ("table2", analysis.table2), ("fig3", analysis.fig3),
                               ("fig4", analysis.fig4))}
    verdicts = claims.all_claims(res, settings.datasets, tables,
                                 len(settings.seeds))
    meta = {"date": datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M UTC"),
            "quick": settings.quick, "cells": len(cells),
            "seeds": len(settings.seeds),
            "train_seconds": sum(r["seconds"] for r in ordered),
            "hardware_model": hw["name"]}
    plots.fig2(tables["fig2"], os.path.join(out, "fig2.png"))
    plots.fig3(tables["fig3"], os.path.join(out, "fig3.png"))
    plots.fig4(tables["fig4"], os.path.join(out, "fig4.png"))
    report.write_data(out, ordered, tables, verdicts, meta)
    report.write_report(out, settings, tables, verdicts, hw, meta)
    counts = {v: sum(c["verdict"] == v for c in verdicts)
              for v in ("supports", "contradicts", "cannot test")}
    print(f"wrote {out}/report.md: {len(verdicts)} claims, " +
          ", ".join(f"{n} {v}" for v, n in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
