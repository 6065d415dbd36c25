#!/usr/bin/python3
"""ONNX backend conformance of `framnn run` (exact mode) over the ONNX test
data (/usr/share/libonnx-testdata/data/{node,pytorch-converted,
pytorch-operator,simple}).

Every model that the import census classifies as *imported*
(testdata_lib.classify: `framnn-translate --import-onnx` succeeds and the
output verifies) is run on each of its test_data_set_*: the input_*.pb
tensors become .npy files, `framnn run MODEL --input ... -o OUT.npz`
computes the outputs (no multiplier: exact arithmetic), and each
output_*.pb is compared with the output of the same name (by position if
the name is absent) as ONNX's own backend tests do: |got - want| <= atol +
rtol * |want| (rtol 1e-3, atol 1e-7), same shape, NaNs at the same places,
infinities equal.

A case is
  passed       every data set matches;
  failed       a mismatch, a crash or timeout, an error of `framnn run`
               that is not a refusal, or a census FAILED import;
  unsupported  it imports but `framnn run` refuses it with one
               `error:` line saying "no lowering" or "unsupported" (listed
               separately: these are gaps of the lowering, not bugs);
  expected failure  a failure listed in KNOWN_FAILURES with its reason
               (a limit outside the compiler, e.g. of the driver); such a
               case that passes counts as failed, to keep the list honest.
Models the importer refuses are out of scope (counted as "not imported").

The report ends with the coverage of the nn dialect: for every op defined
in include/framnn/Dialect/NN/IR/NNOps.td, how many passing cases contain it
after import (from the imported MLIR), and the ops with none.

Usage (Debian's interpreter has the onnx package):
  /usr/bin/python3 conformance.py [-j 2] [--json out.json] [--filter RX]
      [--framnn framnn] [--translate framnn-translate] [--opt framnn-opt]
      [--require-coverage] [--min-passed N] [--tmp DIR]
Exit status: 1 if any case failed (or coverage/--min-passed is not met),
0 otherwise, 2 on a usage or environment error.
"""

import argparse
import collections
import concurrent.futures as cf
import glob
import json
import os
import re
import sys
import tempfile
import time

import numpy as np
import onnx
from onnx import numpy_helper

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from testdata_lib import (prepare, DATA_ROOT, SUITES, classify,  # noqa: E402
                          run_tool)

NN_OPS_TD = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                         "include", "framnn", "Dialect", "NN", "IR", "NNOps.td")
REFUSAL = re.compile(r"no lowering|unsupported", re.IGNORECASE)

# Known failures that are not bugs of the lowering or the importer, with the
# reason. Such a case counts as "expected failure" while it fails and as
# failed once it passes (remove it from here then).
KNOWN_FAILURES = {}


def nn_ops(td_path):
    """Mnemonics of the ops NNOps.td defines, and the forward (ONNX) ops of
    NNMathOps.td next to it (not its `*_grad` backward ops)."""
    with open(td_path) as f:
        text = f.read()
    ops = set(re.findall(r'^def NN_\w+Op\s*:\s*NN_\w+<"([a-z_]+)"',
                         text, re.MULTILINE))
    math_td = os.path.join(os.path.dirname(td_path), "NNMathOps.td")
    if os.path.exists(math_td):
        with open(math_td) as f:
            ops |= {op for op in re.findall(
                r'^def NN_\w+Op\s*:\s*NN_\w+<"([a-z_]+)"', f.read(),
                re.MULTILINE) if not op.endswith("_grad")}
    return sorted(ops)


def ops_in_mlir(text):
    """nn ops used by an imported module (`%x = nn.op` or `nn.op %x`)."""
    return sorted(set(re.findall(r"(?:^|=)\s*nn\.([a-z_]+)\b", text,
                                 re.MULTILINE)))


def _index(path):
    m = re.search(r"_(\d+)\.pb$", path)
    return int(m.group(1)) if m else -1


def load_pb(path):
    return numpy_helper.to_array(onnx.load_tensor(path))


def compare(got, want, rtol, atol):
    """None if `got` matches `want`, else a one-line description."""
    if got.shape != want.shape:
        return f"shape {list(got.shape)}, expected {list(want.shape)}"
    if got.size == 0:
        return None
    g = got.astype(np.float64)
    w = want.astype(np.float64)
    nan_g, nan_w = np.isnan(g), np.isnan(w)
    if (nan_g != nan_w).any():
        i = np.argwhere(nan_g != nan_w)[0]
        return (f"NaN positions differ ({int((nan_g != nan_w).sum())} elements, "
                f"first at {tuple(int(v) for v in i)}: got {g[tuple(i)]}, "
                f"expected {w[tuple(i)]})")
    inf_w = np.isinf(w)
    if (np.isinf(g) != inf_w).any() or (g[inf_w] != w[inf_w]).any():
        return "infinities differ"
    fin = ~nan_w & ~inf_w
    err = np.abs(g - w)
    bad = fin & (err > atol + rtol * np.abs(w))
    if bad.any():
        rel = err[fin] / np.maximum(np.abs(w[fin]), np.finfo(np.float32).tiny)
        i = tuple(int(v) for v in np.argwhere(bad)[0])
        return (f"{int(bad.sum())}/{w.size} elements off: max abs error "
                f"{err[fin].max():.3g}, max rel error {rel.max():.3g}, first at "
                f"{i}: got {g[i]!r}, expected {w[i]!r}")
    return None


def max_error(got, want):
    if got.shape != want.shape or got.size == 0:
        return None
    g, w = got.astype(np.float64), want.astype(np.float64)
    fin = np.isfinite(g) & np.isfinite(w)
    return float(np.abs(g - w)[fin].max()) if fin.any() else 0.0


def run_case(path, args):
    rec = classify(path, args, keep_output=True)
    mlir = rec.pop("mlir", "")
    census = rec["status"]
    rec["census"] = census
    if census == "refused":
        rec["status"] = "not imported"
        return rec
    if census == "FAILED":
        rec["status"] = "failed"
        rec["reason"] = "import census FAILED: " + rec["reason"]
        return rec
    rec["nn_ops"] = ops_in_mlir(mlir)
    model = onnx.load(path, load_external_data=False)
    out_names = [o.name for o in model.graph.output]
    case_dir = os.path.dirname(path)
    work = os.path.join(args.tmp, rec["suite"], rec["name"])
    os.makedirs(work, exist_ok=True)
    rec["data_sets"] = []
    rec["max_abs_error"] = 0.0
    t0 = time.monotonic()
    for ds in sorted(glob.glob(os.path.join(case_dir, "test_data_set_*"))):
        dsname = os.path.basename(ds)
        inputs = sorted(glob.glob(os.path.join(ds, "input_*.pb")), key=_index)
        outputs = sorted(glob.glob(os.path.join(ds, "output_*.pb")), key=_index)
        npys = []
        for p in inputs:
            npy = os.path.join(work, f"{dsname}.{os.path.basename(p)[:-3]}.npy")
            np.save(npy, load_pb(p))
            npys.append(npy)
        out = os.path.join(work, f"{dsname}.out.npz")
        if os.path.exists(out):
            os.remove(out)
        cmd = [args.framnn, "run", path]
        for npy in npys:
            cmd += ["--input", npy]
        rc, _, err, timed_out = run_tool(cmd + ["-o", out], args.timeout)
        lines = [line for line in err.splitlines() if line.strip()]
        if timed_out:
            rec["status"], rec["reason"] = "failed", f"{dsname}: timeout after {args.timeout}s"
            return rec
        if rc != 0:
            one = lines[0] if len(lines) == 1 else None
            if rc > 0 and rc < 128 and one and "error:" in one and REFUSAL.search(one):
                rec["status"], rec["reason"] = "unsupported", one.strip()
            else:
                rec["status"] = "failed"
                rec["reason"] = (f"{dsname}: framnn run exit {rc}" +
                                 (f" ({len(lines)} stderr lines)" if len(lines) != 1 else "") +
                                 (": " + lines[0].strip() if lines else ""))
            return rec
        try:
            with np.load(out) as z:
                got = {k: z[k] for k in z.files}
                order = list(z.files)
        except Exception as e:  # a broken .npz is a failure of the tool
            rec["status"], rec["reason"] = "failed", f"{dsname}: cannot read the output: {e}"
            return rec
        for p in outputs:
            i = _index(p)
            want = load_pb(p)
            name = out_names[i] if i < len(out_names) else f"output {i}"
            if name in got:
                g = got[name]
            elif i < len(order):
                g = got[order[i]]
            else:
                rec["status"], rec["reason"] = "failed", f"{dsname}: output '{name}' missing"
                return rec
            e = max_error(g, want)
            if e is not None:
                rec["max_abs_error"] = max(rec["max_abs_error"], e)
            problem = compare(g, want, args.rtol, args.atol)
            if problem:
                rec["status"] = "failed"
                rec["reason"] = f"{dsname}: output '{name}': {problem}"
                return rec
        rec["data_sets"].append(dsname)
    rec["run_seconds"] = round(time.monotonic() - t0, 3)
    if not rec["data_sets"]:
        rec["status"], rec["reason"] = "failed", "no test_data_set_* directories"
        return rec
    rec["status"], rec["reason"] = "passed", "passed"
    return rec


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", help="write per-case results here")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=120.0,
                    help="seconds per tool invocation")
    ap.add_argument("--framnn", default="framnn")
    ap.add_argument("--translate", default="framnn-translate")
    ap.add_argument("--opt", default="framnn-opt")
    ap.add_argument("--data-root", default=DATA_ROOT)
    ap.add_argument("--suites", default=",".join(SUITES))
    ap.add_argument("--filter", help="regex on suite/name")
    ap.add_argument("--rtol", type=float, default=1e-3)
    ap.add_argument("--atol", type=float, default=1e-7)
    ap.add_argument("--tmp", help="scratch directory (default: a new temporary one)")
    ap.add_argument("--nn-ops-td", default=NN_OPS_TD,
                    help="NNOps.td, for the list of nn ops to cover")
    ap.add_argument("--require-coverage", action="store_true",
                    help="fail unless every nn op has a passing case")
    ap.add_argument("--min-passed", type=int, default=0,
                    help="also fail if fewer cases pass (a ratchet)")
    args = ap.parse_args(argv)

    paths = prepare(args, ("framnn", "translate", "opt"))
    if paths is None:
        return 2
    all_ops = nn_ops(args.nn_ops_td) if os.path.exists(args.nn_ops_td) else []
    cleanup = None
    if not args.tmp:
        cleanup = tempfile.TemporaryDirectory(prefix="framnn-conformance-")
        args.tmp = cleanup.name

    t0 = time.monotonic()
    with cf.ThreadPoolExecutor(max_workers=args.jobs) as ex:
        results = list(ex.map(lambda p: run_case(p, args), paths))
    elapsed = time.monotonic() - t0
    for r in results:
        known = KNOWN_FAILURES.get(f"{r['suite']}/{r['name']}")
        if not known:
            continue
        r["known_failure"] = known
        if r["status"] == "failed":
            r["status"] = "expected failure"
        elif r["status"] == "passed":
            r["status"] = "failed"
            r["reason"] = ("unexpectedly passed: remove it from KNOWN_FAILURES in "
                           "conformance.py")
    counts = collections.Counter(r["status"] for r in results)
    passed, failed = counts["passed"], counts["failed"]
    unsupported = counts["unsupported"]

    print(f"ONNX backend conformance of framnn run (exact): {len(results)} "
          f"models, {counts['not imported']} not imported, {elapsed:.1f}s, "
          f"{args.jobs} workers, rtol {args.rtol:g} atol {args.atol:g}")
    by_suite = collections.defaultdict(collections.Counter)
    for r in results:
        by_suite[r["suite"]][r["status"]] += 1
    for suite in sorted(by_suite):
        c = by_suite[suite]
        print(f"  {suite:<18} passed {c['passed']:4}  failed {c['failed']:3}  "
              f"unsupported {c['unsupported']:3}  expected failures "
              f"{c['expected failure']:2}  not imported {c['not imported']:4}")
    fails = [r for r in results if r["status"] == "failed"]
    if fails:
        print("failed cases:")
        for r in fails:
            err = r.get("max_abs_error")
            print(f"  {r['suite']}/{r['name']}: {r['reason']}"
                  + (f" [max abs error {err:.3g}]" if err else ""))
    xfails = [r for r in results if r["status"] == "expected failure"]
    if xfails:
        print("expected failures (known, not counted as failed):")
        for r in xfails:
            print(f"  {r['suite']}/{r['name']}: {r['reason']}")
            print(f"      known: {r['known_failure']}")
    unsup = [r for r in results if r["status"] == "unsupported"]
    if unsup:
        print("unsupported (import, but the lowering refuses them):")
        for r in unsup:
            print(f"  {r['suite']}/{r['name']}: {r['reason']}")
    coverage = {op: 0 for op in all_ops}
    for r in results:
        if r["status"] == "passed":
            for op in r.get("nn_ops", []):
                coverage[op] = coverage.get(op, 0) + 1
    missing = [op for op in all_ops if not coverage.get(op)]
    print("nn op coverage (passing cases per op): " + ", ".join(
        f"{op} {n}" for op, n in sorted(coverage.items())))
    print(f"nn ops without a passing case: {', '.join(missing) or 'none'}")
    print(f"passed {passed}, failed {failed}, unsupported {unsupported}")

    if args.json:
        with open(args.json, "w") as f:
            json.dump({"counts": {"passed": passed, "failed": failed,
                                  "unsupported": unsupported,
                                  "expected failure": counts["expected failure"],
                                  "not imported": counts["not imported"]},
                       "total": len(results), "seconds": round(elapsed, 1),
                       "rtol": args.rtol, "atol": args.atol,
                       "coverage": coverage, "uncovered_ops": missing,
                       "cases": results}, f, indent=1)
    if cleanup:
        cleanup.cleanup()

    status = 1 if failed else 0
    if args.require_coverage and (missing or not all_ops):
        print(f"FAIL: nn ops without a passing case: {', '.join(missing) or '(no op list)'}",
              file=sys.stderr)
        status = 1
    if passed < args.min_passed:
        print(f"FAIL: only {passed} cases passed, expected at least "
              f"{args.min_passed}", file=sys.stderr)
        status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
