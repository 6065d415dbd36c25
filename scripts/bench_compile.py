#!/usr/bin/env python3
"""Cold and warm compile times of `framnn run` (inference) and `framnn grad`
(the training step) with the compile cache (docs/performance.md, "Compile
time").

For each model and verb, REPEATS times: a run against an empty cache
directory (cold: every function generated and stored), then the same run
again (warm: every function from the cache). The compile time is the sum,
over the functions the process compiles, of the FRAMNN_CACHE_LOG line's
lowering + object code + linking (the MLIR lowering, which a hit does not
skip, also on its own); the process wall time is reported too.
The minimum over the repeats is printed, as a Markdown table.

    /usr/bin/python3 scripts/bench_compile.py --build build \\
        mlp=/tmp/mlp.onnx lenet5=/tmp/lenet5.onnx r18=/tmp/r18.onnx
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np
import onnx

LINE = re.compile(r"^framnn: (\S+): (compile cache (?:hit|miss|off)).*; "
                  r"lowering ([0-9.]+) s, object code ([0-9.]+) s, "
                  r"linking ([0-9.]+) s$")


def inputs_for(model_path, batch, out_dir):
    """Random input and labels for the model's single input, batch `batch`."""
    model = onnx.load(model_path, load_external_data=False)
    initializers = {i.name for i in model.graph.initializer}
    graph_input = next(i for i in model.graph.input if i.name not in initializers)
    dims = [d.dim_value if d.dim_value > 0 else batch
            for d in graph_input.type.tensor_type.shape.dim]
    classes = model.graph.output[0].type.tensor_type.shape.dim[-1].dim_value
    rng = np.random.default_rng(0)
    x, labels = os.path.join(out_dir, "x.npy"), os.path.join(out_dir, "labels.npy")
    np.save(x, rng.random(dims, dtype=np.float32))
    np.save(labels, rng.integers(0, classes, dims[0]).astype(np.int64))
    return x, labels


def timed(command, cache_dir):
    """(compile seconds, hits, misses, wall seconds, lowering seconds) of one
    process."""
    env = dict(os.environ, FRAMNN_CACHE_DIR=cache_dir, FRAMNN_CACHE_LOG="1")
    start = time.perf_counter()
    proc = subprocess.run(command, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"{' '.join(command)}: {proc.stderr.strip()}")
    compile_seconds, hits, misses, lowering = 0.0, 0, 0, 0.0
    for line in proc.stderr.splitlines():
        m = LINE.match(line)
        if m:
            compile_seconds += sum(map(float, m.group(3, 4, 5)))
            lowering += float(m.group(3))
            hits += m.group(2).endswith("hit")
            misses += not m.group(2).endswith("hit")
    return compile_seconds, hits, misses, wall, lowering


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", default="build")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("models", nargs="+", help="NAME=MODEL.onnx")
    args = parser.parse_args()
    framnn = os.path.join(args.build, "bin", "framnn")
    work = tempfile.mkdtemp(prefix="framnn-bench-compile-")
    print("| model | verb | functions | cold compile (s) | warm compile (s) "
          "| of which MLIR lowering (s) | cold process (s) | warm process (s) |")
    print("|---|---|---|---|---|---|---|---|")
    try:
        for spec in args.models:
            name, path = spec.split("=", 1)
            x, labels = inputs_for(path, args.batch, work)
            verbs = {
                "run": [framnn, "run", path, "--input", x, "--mantissa-bits",
                        "8", "-o", os.path.join(work, "y.npy")],
                "grad": [framnn, "grad", path, "--input", x, "--labels",
                         labels, "--mantissa-bits", "8", "-o",
                         os.path.join(work, "g.npz")],
            }
            for verb, command in verbs.items():
                cold, warm = [], []
                for _ in range(args.repeats):
                    cache = os.path.join(work, "cache")
                    shutil.rmtree(cache, ignore_errors=True)
                    cold.append(timed(command, cache))
                    warm.append(timed(command, cache))
                    if cold[-1][1] or warm[-1][2]:
                        sys.exit(f"{name} {verb}: the cold run hit or the "
                                 "warm run missed")
                print(f"| {name} | {verb} | {cold[0][2]} "
                      f"| {min(c[0] for c in cold):.2f} "
                      f"| {min(w[0] for w in warm):.2f} "
                      f"| {min(w[4] for w in warm):.2f} "
                      f"| {min(c[3] for c in cold):.2f} "
                      f"| {min(w[3] for w in warm):.2f} |", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
