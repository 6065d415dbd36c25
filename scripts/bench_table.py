#!/usr/bin/env python3
"""Turns framnn-bench-gemm's JSON into one row per kernel shape: GFLOP/s of
OpenBLAS and of the generated kernels, and the ratios issue 6 targets.

usage: bench_table.py GEMM.json OUT.csv
"""
import csv
import json
import sys

COLUMNS = ["openblas", "framnn_m23", "framnn_m12", "framnn_m7"]


def main(json_path, csv_path):
    with open(json_path) as f:
        report = json.load(f)
    rows = {}
    for bench in report["benchmarks"]:
        if "error_occurred" in bench and bench["error_occurred"]:
            print(f"{bench['name']}: {bench.get('error_message', 'failed')}")
            continue
        parts = bench["name"].split("/")
        shape, kernel = "/".join(parts[:2]), parts[2]
        if kernel.startswith("openblas"):
            kernel = "openblas"
        rows.setdefault(shape, {})[kernel] = bench["GFLOPS"]

    header = ["kernel"] + [f"{c} GFLOP/s" for c in COLUMNS] + [
        "m23/openblas", "m12/openblas", "masking overhead", "m7/m12"]
    table = []
    for shape, r in rows.items():
        def ratio(a, b):
            return r[a] / r[b] if a in r and b in r and r[b] else float("nan")
        table.append([shape] + [r.get(c, float("nan")) for c in COLUMNS] + [
            ratio("framnn_m23", "openblas"), ratio("framnn_m12", "openblas"),
            1 - ratio("framnn_m12", "framnn_m23"), ratio("framnn_m7", "framnn_m12")])

    with open(csv_path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        for row in table:
            w.writerow([row[0]] + [f"{x:.3f}" for x in row[1:]])

    print(f"threads: {report['context'].get('threads', '?')}, "
          f"load average: {report['context'].get('load_avg', '?')}, "
          f"m7 kernels: {report['context'].get('m7_path', '?')}")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in table:
        cells = [row[0]] + [f"{x:.1f}" for x in row[1:5]] + [
            f"{x:.0%}" for x in row[5:8]] + [f"{row[8]:.2f}x"]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(*sys.argv[1:])
