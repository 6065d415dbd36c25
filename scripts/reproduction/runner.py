"""Runs the cells with the framnn CLI, caches each finished one as JSON
(out/reproduce/cells/<key>.json, keyed by its configuration) and prints a
progress line with an ETA after each."""
import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import CancelledError, ThreadPoolExecutor, as_completed

from .plan import Cell, estimate_seconds


class CellFailed(Exception):
    pass


def cell_path(cells_dir, cell: Cell):
    return os.path.join(cells_dir, cell.key + ".json")


def load_cached(cells_dir, cell: Cell):
    """The cached result of `cell`, or None (also when the file holds another
    configuration: a hash collision or a hand edit)."""
    try:
        with open(cell_path(cells_dir, cell)) as f:
            result = json.load(f)
    except (OSError, ValueError):
        return None
    return result if result.get("config") == cell.config else None


def write_atomically(path, data):
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), suffix=".tmp")
    with os.fdopen(fd, "w") as f:
        json.dump(data, f, indent=1)
    os.replace(tmp, path)


def last_error_line(text):
    lines = [l for l in text.strip().splitlines() if l.strip()]
    return lines[-1] if lines else "(no output)"


class CellRunner:
    """Runs one cell: framnn train, then framnn sweep of the trained model."""

    def __init__(self, bin_dir, models, datasets, work_dir):
        self.framnn = os.path.join(bin_dir, "framnn")
        self.models = models        # (model name, seed) -> .onnx
        self.datasets = datasets    # "fashion-mnist" / "digits" -> --dataset
        self.work_dir = work_dir

    def run(self, cell: Cell):
        c = cell.config
        work = os.path.join(self.work_dir, cell.key)
        os.makedirs(work, exist_ok=True)
        log = os.path.join(work, "run.jsonl")
        trained = os.path.join(work, "trained.onnx")
        data = self.datasets[c["data"]]
        start = time.monotonic()
        cpu = self._call([
            "train", self.models[(c["model"], c["init_seed"])],
            "--dataset", data, "--mode", c["mode"], "--schedule", c["schedule"],
            "--epochs", c["epochs"], "--batch", c["batch"], "--lr", c["lr"],
            "--momentum", c["momentum"], "--dropout", c["dropout"],
            "--seed", c["seed"], "--validation-fraction",
            c["validation_fraction"], "--train-samples", c["train_samples"],
            "--test-samples", c["test_samples"],
            "--train-eval-samples", c["train_eval_samples"],
            "--eval-batch", c["eval_batch"], "--threads", 1,
            "--log", log, "-o", trained], cell)
        lines = [json.loads(l) for l in open(log)]
        result = {"key": cell.key, "config": c,
                  "records": [l for l in lines if "summary" not in l],
                  "summary": lines[-1]["summary"], "sweep": None}
        if c["sweep"]:
            sweep_json = os.path.join(work, "sweep.json")
            cpu += self._call(["sweep", trained, "--dataset", data + ":test",
                        "--limit", c["test_samples"], "--batch",
                        c["eval_batch"], "--multiplier-bits",
                        ",".join(map(str, c["sweep"])), "-q",
                        "--json", sweep_json], cell)
            with open(sweep_json) as f:
                points = json.load(f)["results"]
            result["sweep"] = {str(p["multiplier_bits"]): p["accuracy"]
                               for p in points}
        result["seconds"] = time.monotonic() - start
        # CPU time of the framnn processes: what the cell costs on an idle
        # core, whatever the load of the machine (plan.COSTS comes from it).
        result["cpu_seconds"] = cpu
        # The trained model and logs are in the cell file; the rest goes.
        for name in os.listdir(work):
            os.remove(os.path.join(work, name))
        os.rmdir(work)
        return result

    def _call(self, args, cell):
        """Runs framnn; returns its CPU seconds."""
        # wait4 rather than subprocess.run: it returns the child's CPU time.
        with tempfile.TemporaryFile("w+") as output:
            proc = subprocess.Popen([self.framnn, *map(str, args)],
                                    stdout=output, stderr=subprocess.STDOUT,
                                    text=True)
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
            if proc.returncode != 0:
                output.seek(0)
                raise CellFailed(f"{cell.label}: framnn {args[0]} failed: "
                                 f"{last_error_line(output.read())}")
        return usage.ru_utime + usage.ru_stime


def format_duration(seconds):
    seconds = int(round(max(0.0, seconds)))
    return f"{seconds // 60}:{seconds % 60:02d}"


def run_cells(cells, cells_dir, runner: CellRunner, jobs, out=sys.stdout):
    """Runs every cell without a cached result, `jobs` at a time, longest
    first; returns {key: result} for all cells. Raises CellFailed after the
    running cells finish if one failed."""
    os.makedirs(cells_dir, exist_ok=True)
    results, todo = {}, []
    for cell in cells:
        cached = load_cached(cells_dir, cell)
        if cached is not None:
            results[cell.key] = cached
        else:
            todo.append(cell)
    print(f"cells: {len(cells)} planned, {len(cells) - len(todo)} cached, "
          f"{len(todo)} to train", file=out, flush=True)
    if not todo:
        return results
    todo.sort(key=lambda c: -estimate_seconds(c.config))
    estimated_left = sum(estimate_seconds(c.config) for c in todo)
    estimated_done = measured_done = 0.0
    start = time.monotonic()
    failure = None
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(runner.run, cell): cell for cell in todo}
        for done, future in enumerate(as_completed(futures), 1):
            cell = futures[future]
            try:
                result = future.result()
            except CancelledError:
                continue
            except CellFailed as e:
                failure = failure or e
                print(f"error: {e}", file=out, flush=True)
                for f in futures:
                    f.cancel()
                continue
            write_atomically(cell_path(cells_dir, cell), result)
            results[cell.key] = result
            estimate = estimate_seconds(cell.config)
            estimated_done += estimate
            estimated_left -= estimate
            measured_done += result["seconds"]
            # The estimates scaled by how this machine did so far.
            eta = estimated_left * (measured_done / estimated_done) / jobs
            print(f"[{done}/{len(todo)}] {cell.label}: "
                  f"{result['summary']['test_acc_final_m']:.4f} test acc, "
                  f"{result['seconds']:.0f} s; elapsed "
                  f"{format_duration(time.monotonic() - start)}, ETA "
                  f"{format_duration(eta)}", file=out, flush=True)
    if failure:
        raise failure
    return results
