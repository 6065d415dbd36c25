"""The command line shared by the scripts that lower IR with framnn-opt and
run it with mlir-runner (check_bits.py, check_stochastic.py,
check_mitchell.py), and how they run a tool."""
import argparse
import subprocess
import sys

import numpy as np


def parse_runner_args():
    ap = argparse.ArgumentParser()
    ap.add_argument("--framnn-opt", required=True)
    ap.add_argument("--runner", required=True)
    ap.add_argument("--runner-utils", required=True)
    return ap.parse_args()


def run(command, text):
    """stdout of `command` on `text`; its stderr and an exit on failure."""
    done = subprocess.run(command, input=text, capture_output=True, text=True)
    if done.returncode != 0:
        print(done.stderr)
        sys.exit(f"{command[0]} failed")
    return done.stdout


def printed_i32(printed):
    """The integers of each memref printMemrefI32 printed (rows as
    [a, b, ...]), in order, as flat uint32 arrays (float bits)."""
    results, current = [], None
    for line in printed.splitlines():
        if line.startswith("Unranked Memref"):
            current = []
            results.append(current)
        elif current is not None:
            text = line.replace("[", " ").replace("]", " ").replace(",", " ")
            current += text.split()
    return [np.array(r, dtype=np.int64).astype(np.uint32) for r in results]


def run_printed(args, module, count, opt_args):
    """Lowers `module` with framnn-opt `opt_args`, runs its @main with
    mlir-runner and returns the `count` float32 arrays it printed with
    printMemrefI32."""
    llvm = run([args.framnn_opt] + opt_args, module)
    if "approx." in llvm:
        sys.exit("approx ops left after lowering")
    printed = run([args.runner, "-e", "main", "-entry-point-result=void",
                   f"-shared-libs={args.runner_utils}"], llvm)
    results = [r.view(np.float32) for r in printed_i32(printed)]
    if len(results) != count:
        sys.exit(f"expected {count} printed results, got {len(results)}")
    return results
