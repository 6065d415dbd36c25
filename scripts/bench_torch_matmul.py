#!/usr/bin/python3
"""PyTorch's matmul as the peer of FramNN's GEMM kernels: for each
`gemm/MxKxN` shape in framnn-bench-gemm's JSON, the GFLOP/s of
torch.matmul on bfloat16 tensors (the peer of the m <= 7 rows: oneDNN's
bf16 GEMM where the CPU has AVX512_BF16) and on float32 tensors.

usage: bench_torch_matmul.py GEMM.json OUT.json [--threads N]

Prints which CPU kernels PyTorch dispatches to, and the best of several
timed repetitions per shape (each long enough to be timed, >= 0.2 s).
"""
import argparse
import json
import re
import time

import torch


def cpu_capability():
    for line in torch.__config__.show().splitlines():
        if "CPU capability usage" in line:
            return line.split(":", 1)[1].strip()
    return "unknown"


def gflops(m, k, n, dtype, repeats=5, min_seconds=0.2):
    gen = torch.Generator().manual_seed(0)
    a = torch.rand(m, k, generator=gen).to(dtype)
    b = torch.rand(k, n, generator=gen).to(dtype)
    torch.matmul(a, b)  # warm-up (oneDNN primitive creation)
    best = float("inf")
    for _ in range(repeats):
        iters, t0 = 0, time.perf_counter()
        while True:
            torch.matmul(a, b)
            iters += 1
            dt = time.perf_counter() - t0
            if dt >= min_seconds:
                break
        best = min(best, dt / iters)
    return 2.0 * m * k * n / best / 1e9


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gemm_json")
    ap.add_argument("out_json")
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    with open(args.gemm_json) as f:
        names = [b["name"] for b in json.load(f)["benchmarks"]]
    shapes = sorted({n.split("/")[1] for n in names
                     if re.match(r"gemm/\d+x\d+x\d+/", n)},
                    key=lambda s: [int(v) for v in s.split("x")])
    report = {"torch": torch.__version__, "threads": args.threads,
              "cpu_capability": cpu_capability(),
              "mkldnn_bf16": torch.backends.mkldnn.is_available(),
              "shapes": {}}
    print(f"PyTorch {torch.__version__}, CPU capability "
          f"{report['cpu_capability']}, {args.threads} threads")
    for s in shapes:
        m, k, n = (int(v) for v in s.split("x"))
        row = {"torch_bf16": gflops(m, k, n, torch.bfloat16),
               "torch_f32": gflops(m, k, n, torch.float32)}
        report["shapes"]["gemm/" + s] = row
        print(f"gemm/{s}: torch bf16 {row['torch_bf16']:.1f} GFLOP/s, "
              f"f32 {row['torch_f32']:.1f} GFLOP/s", flush=True)
    with open(args.out_json, "w") as f:
        json.dump(report, f, indent=1)


if __name__ == "__main__":
    main()
