#!/usr/bin/env python3
"""Turns framnn-bench-gemm's JSON into one row per kernel shape: GFLOP/s of
OpenBLAS and of the generated kernels, and the ratios issue 6 targets.

usage: bench_table.py GEMM.json OUT.csv [TORCH.json]

TORCH.json (bench_torch_matmul.py) adds PyTorch's bf16 matmul, the peer of
the m7 kernels, and the m7/torch_bf16 ratio to the GEMM rows.
"""
import csv
import json
import sys

COLUMNS = ["openblas", "framnn_m23", "framnn_m12", "framnn_m7", "torch_bf16"]


def main(json_path, csv_path, torch_path=None):
    with open(json_path) as f:
        report = json.load(f)
    torch_rows = {}
    if torch_path:
        with open(torch_path) as f:
            torch_rows = json.load(f)["shapes"]
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
    for shape, r in torch_rows.items():
        if shape in rows:
            rows[shape]["torch_bf16"] = r["torch_bf16"]

    header = ["kernel"] + [f"{c} GFLOP/s" for c in COLUMNS] + [
        "m23/openblas", "m12/openblas", "masking overhead", "m7/m12",
        "m7/torch_bf16"]
    table = []
    for shape, r in rows.items():
        def ratio(a, b):
            return r[a] / r[b] if a in r and b in r and r[b] else float("nan")
        table.append([shape] + [r.get(c, float("nan")) for c in COLUMNS] + [
            ratio("framnn_m23", "openblas"), ratio("framnn_m12", "openblas"),
            1 - ratio("framnn_m12", "framnn_m23"), ratio("framnn_m7", "framnn_m12"),
            ratio("framnn_m7", "torch_bf16")])

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
        n = len(COLUMNS)
        cells = [row[0]] + [f"{x:.1f}" for x in row[1:n + 1]] + [
            f"{x:.0%}" for x in row[n + 1:n + 4]] + [
            f"{x:.2f}x" for x in row[n + 4:]]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(*sys.argv[1:])
