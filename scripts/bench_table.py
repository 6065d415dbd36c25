#!/usr/bin/env python3
"""Turns framnn-bench-gemm's JSON into one row per kernel shape: GFLOP/s of
OpenBLAS and of the generated kernels, and the ratios issue 6 targets.

usage: bench_table.py GEMM.json OUT.csv [TORCH.json]

TORCH.json (bench_torch_matmul.py) adds PyTorch's bf16 matmul, the peer of
the m7 kernels, and the m7/torch_bf16 ratio to the GEMM rows. The `isa/`
rows (one core's multiply-add instruction peaks) go to isa.csv next to
OUT.csv and into a second table.
"""
import csv
import json
import os
import sys

COLUMNS = ["openblas", "framnn_m23", "framnn_m12", "framnn_m7",
           "framnn_m7dots", "torch_bf16"]


def main(json_path, csv_path, torch_path=None):
    with open(json_path) as f:
        report = json.load(f)
    torch_rows = {}
    if torch_path:
        with open(torch_path) as f:
            torch_rows = json.load(f)["shapes"]
    rows, peaks = {}, {}
    for bench in report["benchmarks"]:
        if "error_occurred" in bench and bench["error_occurred"]:
            print(f"{bench['name']}: {bench.get('error_message', 'failed')}")
            continue
        parts = bench["name"].split("/")
        if parts[0] == "isa":
            peaks[parts[1]] = bench["GFLOPS"]
            continue
        shape, kernel = "/".join(parts[:2]), parts[2]
        if kernel.startswith("openblas"):
            kernel = "openblas"
        rows.setdefault(shape, {})[kernel] = bench["GFLOPS"]
    for shape, r in torch_rows.items():
        if shape in rows:
            rows[shape]["torch_bf16"] = r["torch_bf16"]

    header = ["kernel"] + [f"{c} GFLOP/s" for c in COLUMNS] + [
        "m23/openblas", "m12/openblas", "masking overhead", "m7/m12",
        "m7dots/m12", "m7/torch_bf16", "m7dots/torch_bf16"]
    table = []
    for shape, r in rows.items():
        def ratio(a, b):
            return r[a] / r[b] if a in r and b in r and r[b] else float("nan")
        table.append([shape] + [r.get(c, float("nan")) for c in COLUMNS] + [
            ratio("framnn_m23", "openblas"), ratio("framnn_m12", "openblas"),
            1 - ratio("framnn_m12", "framnn_m23"), ratio("framnn_m7", "framnn_m12"),
            ratio("framnn_m7dots", "framnn_m12"), ratio("framnn_m7", "torch_bf16"),
            ratio("framnn_m7dots", "torch_bf16")])

    with open(csv_path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        for row in table:
            w.writerow([row[0]] + [f"{x:.3f}" for x in row[1:]])

    print(f"threads: {report['context'].get('threads', '?')}, "
          f"load average: {report['context'].get('load_avg', '?')}, "
          f"CPU: {report['context'].get('cpu_name', '?')}, "
          f"m7 kernels: {report['context'].get('m7_path', '?')}")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in table:
        n = len(COLUMNS)
        cells = [row[0]] + [f"{x:.1f}" for x in row[1:n + 1]] + [
            f"{x:.0%}" for x in row[n + 1:n + 4]] + [
            f"{x:.2f}x" for x in row[n + 4:]]
        print("| " + " | ".join(cells) + " |")
    if peaks:
        write_peaks(peaks, os.path.join(os.path.dirname(csv_path) or ".",
                                        "isa.csv"))


def write_peaks(peaks, path):
    """One core's instruction peaks, each against the f32 FMA on the widest
    registers: what the bf16 path can gain over the f32 path at most."""
    base = peaks.get("fma_f32_zmm", peaks.get("fma_f32_ymm"))
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["instruction", "GFLOP/s one core", "vs widest f32 FMA"])
        for name, rate in peaks.items():
            w.writerow([name, f"{rate:.3f}", f"{rate / base:.3f}"])
    print("\n| instruction (one core) | GFLOP/s | vs widest f32 FMA |")
    print("|---|---|---|")
    for name, rate in peaks.items():
        print(f"| {name} | {rate:.1f} | {rate / base:.2f}x |")


if __name__ == "__main__":
    main(*sys.argv[1:])
