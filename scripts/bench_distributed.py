#!/usr/bin/python3
"""CPU seconds per training step of `framnn train` on 1 and 2 ranks
(issue 20, docs/distributed.md).

usage: /usr/bin/python3 scripts/bench_distributed.py MODEL.onnx
           [--dataset fashion-mnist] [--batch 64] [--steps 50]
           [--ranks 1,2] [--framnn build/bin/framnn] [TRAIN OPTIONS...]

Each rank runs one thread (--threads 1). The steps' CPU time is the
difference of two runs that differ only in the number of epochs (1 and 2,
--steps steps each), after a run that fills the compile cache, so
start-up, loading the compiled code and the (tiny) evaluations cancel; it is the CPU time of the whole process tree (mpirun and every
rank: getrusage of the children), so it is meaningful on a loaded machine
where the wall clock is not. Further options go to framnn train. Prints, per number of ranks N, the CPU
seconds per step summed over the ranks and per rank; the strong-scaling
speed-up on N dedicated cores is the 1-rank figure over the per-rank one.
"""
import argparse
import os
import resource
import subprocess
import sys


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(cmd, env):
    before = children_cpu()
    done = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        sys.exit(f"error: {' '.join(cmd)} failed: {done.stderr.strip()}")
    return children_cpu() - before


def main():
    p = argparse.ArgumentParser()
    p.add_argument("model")
    p.add_argument("--dataset", default="fashion-mnist")
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--steps", type=int, default=50)
    p.add_argument("--ranks", default="1,2")
    p.add_argument("--framnn", default="build/bin/framnn")
    # Options not the script's go to framnn train (e.g. --gradient-shards 2).
    a, extra = p.parse_known_args()
    env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1",
               OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
    base = [a.framnn, "train", a.model, "--dataset", a.dataset,
            "--batch", str(a.batch), "--threads", "1",
            "--train-samples", str(a.steps * a.batch),
            "--validation-fraction", "0", "--train-eval-samples", "64",
            "--test-samples", "64", "--lr", "0.01"] + extra
    one = None
    for ranks in (int(r) for r in a.ranks.split(",")):
        launch = ([] if ranks == 1 else
                  ["mpirun", "--oversubscribe", "--bind-to", "none",
                   "-np", str(ranks)])
        # A first run fills the compile cache, so that neither timed run
        # compiles.
        run(launch + base + ["--epochs", "1"], env)
        cpu = [run(launch + base + ["--epochs", str(e)], env) for e in (1, 2)]
        per_step = (cpu[1] - cpu[0]) / a.steps
        per_rank = per_step / ranks
        one = one or per_rank
        print(f"{ranks} rank(s): {per_step * 1e3:8.2f} ms CPU per step in "
              f"all, {per_rank * 1e3:8.2f} ms per rank, speed-up on "
              f"{ranks} cores {one / per_rank:.2f}x")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
