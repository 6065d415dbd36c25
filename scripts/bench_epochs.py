#!/usr/bin/python3
"""Training epochs of `framnn train` against the PyTorch peer scripts
(issue 6, deliverable 1c), run one after the other in this process.

usage: /usr/bin/python3 scripts/bench_epochs.py [--build DIR] [--threads N]
           [--epochs E] [--cases mlp,mlp-m8,lenet5] [--limit N] [--cold]
           [--peers DIR] [--framnn PATH] [--out DIR]

Per case, the peer (../shared/peers/torch_fmnist_{mlp,cnn}.py) and then
`framnn train` train the same network on Fashion-MNIST with the same batch
(64), lr 0.05, momentum 0.9, dropout 0.5 for the MLP, and THREADS threads.
The peer's `seconds` and framnn's `train_seconds` (its log) both time the
training steps only, not the evaluation after the epoch; the speed-up is
their ratio, summed over the epochs. The whole-process wall times of both
(start-up, data loading, compilation, evaluation included) are reported
next to them, with their ratio. The peers run OpenBLAS's fastest kernel
that is correct on this CPU (OPENBLAS_CORETYPE=SkylakeX where AVX-512
exists, else the environment's; FRAMNN_BENCH_CORETYPE overrides), set for
the peer commands only; the kernel that ran is printed and recorded. Writes OUT/epochs.json, OUT/epochs.csv
(OUT defaults to BUILD/bench) and each run's output under OUT/epochs/.
"""
import argparse
import csv
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The peers read Fashion-MNIST from here; framnn is pointed at the same files.
DATASET = "/usr/share/datasets/fashion-mnist"
BATCH, LR, MOMENTUM = 64, 0.05, 0.9
# Debian's Python: the one with torch (the peers and the model zoo need it).
PYTHON = "/usr/bin/python3"

# name: (network, peer script, peer options, framnn options, target speed-up
# of the training steps; issue 17: MLP 8x, LeNet-5 2x)
CASES = {
    "mlp": ("paper MLP, exact", "torch_fmnist_mlp.py", ["--mantissa", "23"],
            ["--mode", "exact", "--dropout", "0.5"], 8.0),
    "mlp-m8": ("paper MLP, m = 8", "torch_fmnist_mlp.py", ["--mantissa", "8"],
               ["--mode", "framnn", "--schedule", "uniform:8",
                "--dropout", "0.5"], 8.0),
    "lenet5": ("LeNet-5, exact", "torch_fmnist_cnn.py", ["--net", "lenet5"],
               ["--mode", "exact"], 2.0),
}
MODEL = {"mlp": "mlp", "mlp-m8": "mlp", "lenet5": "lenet5"}
# The whole framnn process against the peer's whole script (issue 17: 3x
# for the MLP epoch).
WALL_TARGET = {"mlp": 3.0, "mlp-m8": 3.0}

PEER_LINE = re.compile(r"^epoch (\d+) .*\bseconds ([0-9.]+) .*\btest_acc ([0-9.]+)")

COLUMNS = ["case", "network", "epochs", "train_samples", "batch", "threads",
           "peer_threads", "peer_seconds", "framnn_train_seconds",
           "framnn_seconds", "framnn_compile_seconds",
           "framnn_startup_seconds", "framnn_eval_seconds", "compile_cache",
           "speedup", "target", "met", "peer_test_acc", "framnn_test_acc",
           "peer_wall_seconds", "framnn_wall_seconds", "wall_speedup",
           "wall_target"]


class Failure(Exception):
    pass


def load():
    return " ".join(open("/proc/loadavg").read().split()[:3])


def run(label, command, output, env=None):
    """Runs `command` with stdout and stderr to `output`, after printing
    `label`; the caller ends the line. Returns (the output, the
    whole-process wall seconds)."""
    print(f"{label} ...", end="", flush=True)
    start = time.monotonic()
    with open(output, "w") as f:
        status = subprocess.call(command, stdout=f, stderr=subprocess.STDOUT,
                                 env=env)
    wall = time.monotonic() - start
    print(f" {wall:.1f} s wall", end="", flush=True)
    if status != 0:
        print(flush=True)
        raise Failure(f"{label} exited with status {status}: see {output}")
    return open(output).read(), wall


def peer_environment():
    """The environment of the peer commands: OpenBLAS's fastest correct
    kernel for this CPU (these machines set OPENBLAS_CORETYPE=Haswell, which
    leaves AVX-512 unused)."""
    env = dict(os.environ)
    flags = open("/proc/cpuinfo").read().split("\nflags", 2)[1].split("\n")[0]
    if os.environ.get("FRAMNN_BENCH_CORETYPE"):
        env["OPENBLAS_CORETYPE"] = os.environ["FRAMNN_BENCH_CORETYPE"]
    elif " avx512f" in flags:
        env["OPENBLAS_CORETYPE"] = "SkylakeX"
    return env


def openblas_kernel(env):
    """The OpenBLAS kernel PyTorch runs under `env` (openblas_get_corename
    after importing torch, which loads OpenBLAS)."""
    probe = ("import torch, ctypes; lib = ctypes.CDLL('libopenblas.so.0'); "
             "lib.openblas_get_corename.restype = ctypes.c_char_p; "
             "print(lib.openblas_get_corename().decode())")
    p = subprocess.run([PYTHON, "-c", probe], env=env, text=True,
                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    return p.stdout.strip() or "unknown"


def cpu_model():
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return "unknown CPU"


def peer_epochs(text, output):
    epochs = [PEER_LINE.match(line) for line in text.splitlines()]
    epochs = [(float(m.group(2)), float(m.group(3))) for m in epochs if m]
    if not epochs:
        raise Failure(f"no 'epoch ... seconds ... test_acc' line in {output}")
    return epochs


def framnn_epochs(log):
    """The epoch records of `log`, and its summary (empty if none)."""
    records, summary = [], {}
    for line in open(log):
        record = json.loads(line)
        summary = record.get("summary", summary)
        if "epoch" in record:
            if "train_seconds" not in record:
                raise Failure(f"{log}: no train_seconds (framnn too old?)")
            records.append(record)
    if not records:
        raise Failure(f"{log}: no epoch records")
    return records, summary


def priming_command(framnn):
    """`framnn` (a train command) for one epoch on at most 1000 training and
    1000 test images, without a log: it compiles the functions the full run
    compiles (the train step; inference at the batch of 1000 that its
    evaluations of 1000 train-eval and 10000 test images take)."""
    command = [a for i, a in enumerate(framnn)
               if a != "--log" and (i == 0 or framnn[i - 1] != "--log")]
    command[command.index("--epochs") + 1] = "1"
    for option in ("--train-samples", "--test-samples"):
        if option not in command:
            command += [option, "1000"]
    return command


def bench_case(name, args, models, out, step, steps, peer_env):
    network, script, peer_options, framnn_options, target = CASES[name]
    peer = [PYTHON, os.path.join(args.peers, script),
            "--epochs", str(args.epochs), "--batch", str(BATCH)] + peer_options
    if script == "torch_fmnist_mlp.py":
        peer += ["--threads", str(args.threads)]
        peer_threads = args.threads
    else:
        # torch_fmnist_cnn.py sets 2 threads itself.
        peer_threads = 2
        if args.limit:
            peer += ["--limit", str(args.limit)]
    text, peer_wall = run(f"[{step}/{steps}] {name}: PyTorch peer", peer,
                          os.path.join(out, f"{name}.peer.txt"), peer_env)
    peer_runs = peer_epochs(text, os.path.join(out, f"{name}.peer.txt"))
    print(f", training {sum(s for s, _ in peer_runs):.1f} s, test acc "
          f"{peer_runs[-1][1]:.4f}", flush=True)

    log = os.path.join(out, f"{name}.framnn.jsonl")
    framnn = [args.framnn, "train", os.path.join(models, MODEL[name] + ".onnx"),
              "--dataset", "fashion-mnist", "--epochs", str(args.epochs),
              "--batch", str(BATCH), "--lr", str(LR), "--momentum",
              str(MOMENTUM), "--threads", str(args.threads),
              # Every sample trains, as in the peer (no validation split).
              "--validation-fraction", "0",
              "--train-eval-samples", "1000", "--log", log] + framnn_options
    if args.limit:
        framnn += ["--train-samples", str(args.limit)]
    # A private compile cache: empty with --cold, else primed by a short run
    # that compiles the same functions (the train step at batch 64, the
    # evaluation at batch 1000), as a researcher's second run would find it.
    cache = os.path.join(out, "cache-" + name)
    shutil.rmtree(cache, ignore_errors=True)
    env = dict(os.environ, FRAMNN_FASHION_MNIST_DIR=DATASET,
               FRAMNN_CACHE_DIR=cache)
    if not args.cold:
        run(f"      {name}: priming the compile cache",
            priming_command(framnn), os.path.join(out, f"{name}.prime.txt"),
            env)
        print(flush=True)
    _, framnn_wall = run(f"[{step + 1}/{steps}] {name}: framnn train",
                         framnn, os.path.join(out, f"{name}.framnn.txt"), env)
    records, summary = framnn_epochs(log)
    compiled = ("" if "compile_seconds" not in summary else
                f" (compiling before it {summary['compile_seconds']:.1f} s)")
    print(f", train_seconds {sum(r['train_seconds'] for r in records):.1f} s"
          f"{compiled}, test acc {records[-1]['test_acc']:.4f}", flush=True)

    peer_seconds = sum(s for s, _ in peer_runs)
    train_seconds = sum(r["train_seconds"] for r in records)
    speedup = peer_seconds / train_seconds
    wall_target = WALL_TARGET.get(name)
    return {
        "case": name, "network": network, "epochs": args.epochs,
        "train_samples": args.limit or 60000, "batch": BATCH,
        "threads": args.threads, "peer_threads": peer_threads,
        "peer_seconds": peer_seconds, "framnn_train_seconds": train_seconds,
        "framnn_seconds": sum(r["seconds"] for r in records),
        # Before the first epoch, in neither time (None if not logged).
        "framnn_compile_seconds": summary.get("compile_seconds"),
        "framnn_startup_seconds": summary.get("startup_seconds"),
        "framnn_eval_seconds": summary.get("eval_seconds"),
        "compile_cache": "cold" if args.cold else "primed",
        "speedup": speedup, "target": target, "met": speedup >= target,
        "peer_test_acc": peer_runs[-1][1],
        "framnn_test_acc": records[-1]["test_acc"],
        "peer_wall_seconds": peer_wall, "framnn_wall_seconds": framnn_wall,
        "wall_speedup": peer_wall / framnn_wall,
        "wall_target": wall_target,
        "peer_command": " ".join(peer), "framnn_command": " ".join(framnn),
    }


def print_table(rows):
    header = ["network", "PyTorch peer", "framnn train_seconds", "speed-up",
              "target", "peer test acc", "framnn test acc",
              "whole process: peer", "framnn (start-up, compile, eval)",
              "speed-up", "target"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for r in rows:
        cells = [r["network"], f"{r['peer_seconds']:.1f} s",
                 f"{r['framnn_train_seconds']:.1f} s",
                 f"{r['speedup']:.2f}x",
                 f"{r['target']:.0f}x ({'met' if r['met'] else 'not met'})",
                 f"{r['peer_test_acc']:.4f}", f"{r['framnn_test_acc']:.4f}",
                 f"{r['peer_wall_seconds']:.1f} s",
                 f"{r['framnn_wall_seconds']:.1f} s ("
                 + ", ".join("-" if r[k] is None else f"{r[k]:.1f}"
                             for k in ("framnn_startup_seconds",
                                       "framnn_compile_seconds",
                                       "framnn_eval_seconds")) + " s)",
                 f"{r['wall_speedup']:.2f}x",
                 "-" if r["wall_target"] is None else
                 f"{r['wall_target']:.0f}x ("
                 f"{'met' if r['wall_speedup'] >= r['wall_target'] else 'not met'})"]
        print("| " + " | ".join(cells) + " |")


def positive(text):
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text}")
    return value


class Parser(argparse.ArgumentParser):
    def error(self, message):
        # One line, not argparse's usage block.
        self.exit(1, f"error: {message} (see --help)\n")


def parse_args(argv):
    p = Parser(
        description="framnn train epochs against the PyTorch peers")
    p.add_argument("--build", default=os.path.join(ROOT, "build"),
                   help="build directory with bin/framnn (default: build)")
    p.add_argument("--framnn", help="the framnn binary (default: BUILD/bin/framnn)")
    p.add_argument("--threads", type=positive, default=2)
    p.add_argument("--epochs", type=positive, default=1)
    p.add_argument("--cases", default="mlp,mlp-m8,lenet5",
                   help="comma-separated, of " + ", ".join(CASES))
    p.add_argument("--cold", action="store_true",
                   help="start framnn with an empty compile cache (default: "
                        "primed by a short run)")
    p.add_argument("--limit", type=positive,
                   help="train on the first N images (only lenet5: the MLP "
                        "peer has no --limit)")
    p.add_argument("--peers", default=os.environ.get(
        "FRAMNN_PEERS_DIR",
    os.path.normpath(os.path.join(ROOT, "..", "shared", "peers"))))
    p.add_argument("--out", help="output directory (default: BUILD/bench)")
    args = p.parse_args(argv)
    args.cases = [c for c in args.cases.split(",") if c]
    unknown = [c for c in args.cases if c not in CASES]
    if unknown or not args.cases:
        p.error(f"--cases: unknown case '{','.join(unknown)}' (known: "
                f"{', '.join(CASES)})")
    if args.limit is not None and args.limit < BATCH:
        p.error(f"--limit: {args.limit} images are fewer than one batch of "
                f"{BATCH}")
    if args.limit is not None and any(CASES[c][1] == "torch_fmnist_mlp.py"
                          for c in args.cases):
        p.error("--limit: the MLP peer trains on all 60000 images; use it "
                "with --cases lenet5 only")
    args.framnn = args.framnn or os.path.join(args.build, "bin", "framnn")
    args.out = args.out or os.path.join(args.build, "bench")
    return args


def main(argv):
    args = parse_args(argv)
    for path, what in ((args.framnn, "framnn binary"),
                       (args.peers, "peer scripts directory (--peers)")):
        if not os.path.exists(path):
            print(f"error: no {what} at {path}", file=sys.stderr)
            return 1
    runs = os.path.join(args.out, "epochs")
    models = os.path.join(runs, "models")
    os.makedirs(models, exist_ok=True)
    started = datetime.datetime.now(datetime.timezone.utc)
    before = load()
    print(f"epochs against the PyTorch peers: {', '.join(args.cases)}; "
          f"{args.epochs} epoch(s), {args.limit or 60000} images, batch "
          f"{BATCH}, {args.threads} threads; load average {before}",
          flush=True)
    try:
        names = sorted({MODEL[c] for c in args.cases})
        peer_env = peer_environment()
        kernel = openblas_kernel(peer_env)
        print(f"CPU: {cpu_model()}; the peers run OpenBLAS kernel {kernel} "
              f"(OPENBLAS_CORETYPE="
              f"{peer_env.get('OPENBLAS_CORETYPE', 'unset')})", flush=True)
        run("models: python -m framnn_models gen " + " ".join(names),
            [PYTHON, "-m", "framnn_models", "gen", "--out", models]
            + names, os.path.join(runs, "models.txt"),
            dict(os.environ, PYTHONPATH=os.path.join(ROOT, "python")))
        print(flush=True)
        rows = []
        for i, name in enumerate(args.cases):
            rows.append(bench_case(name, args, models, runs, 2 * i + 1,
                                   2 * len(args.cases), peer_env))
    except Failure as failure:
        print(f"error: {failure}", file=sys.stderr)
        return 1
    after = load()

    report = {"date": started.strftime("%Y-%m-%d %H:%M UTC"),
              "cpu": cpu_model(), "openblas_kernel": kernel,
              "load_average_before": before, "load_average_after": after,
              "cases": rows}
    with open(os.path.join(args.out, "epochs.json"), "w") as f:
        json.dump(report, f, indent=1)
        f.write("\n")
    with open(os.path.join(args.out, "epochs.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(COLUMNS)
        for r in rows:
            w.writerow([f"{r[c]:.4f}" if isinstance(r[c], float) else r[c]
                        for c in COLUMNS])
    print(f"\n{report['date']}, load average {before} before, {after} after")
    print_table(rows)
    print(f"wrote {os.path.join(args.out, 'epochs.json')} and epochs.csv")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
