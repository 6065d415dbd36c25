#!/usr/bin/python3
"""Census of `framnn-translate --import-onnx` over the ONNX backend test data.

Runs the importer on every
/usr/share/libonnx-testdata/data/{node,pytorch-converted,pytorch-operator,simple}/*/model.onnx
and classifies each model:

  imported  exit 0, non-empty output, and `framnn-opt` parses and verifies
            the output (the importer's own verifier is not trusted alone).
  refused   non-zero exit (not a signal), stderr is exactly ONE line, it
            contains `error:` and the word `unsupported`, and the refusal is
            justified (see below).
  FAILED    anything else: a crash or signal, a timeout, several stderr
            lines, an error that does not say `unsupported`, an exit-0 output
            that does not verify, or an unjustified refusal.

Unjustified refusal. The census reads each model itself (Python onnx) and
calls it *plain* when every node (with its subgraphs) is in SUPPORTED_OPS,
the default-domain opset is in 11..17, no other op domain is used, every
graph input, output and value_info is a float32 tensor, and every initializer
and Constant value is float32 or int64 (int64 for shape-like operands such as
Reshape's shape and Pad's pads). A plain model may still be refused
for a reason outside that coarse check -- a 1-D or 3-D Conv/Pool, auto_pad, a
shape operand that is not a constant, an optional output, an attribute value
the nn dialect does not model -- but then the one-line message must say so:
it must name a data type, an opset, an attribute, a rank/dimension, a shape or
constant-ness, an input/output, or a mode (JUSTIFICATIONS). A plain model
refused with a bare "unsupported op X" for a supported X is FAILED: that is
the importer losing an op it claims, not a deliberate limit.

Usage (Debian's interpreter has the onnx package):
  /usr/bin/python3 import_census.py [--json out.json] [-j 2] [--timeout 30]
      [--translate framnn-translate] [--opt framnn-opt] [--min-imported N]
Exit status: 0 if nothing FAILED (and at least --min-imported models
imported), 1 otherwise, 2 on a usage or environment error.
"""

import argparse
import collections
import concurrent.futures as cf
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from testdata_lib import (prepare, DATA_ROOT, OPSET_RANGE, SUITES,  # noqa: E402
                          SUPPORTED_OPS, category, classify)

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", help="write per-model results here")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=30.0,
                    help="seconds per tool invocation")
    ap.add_argument("--translate", default="framnn-translate")
    ap.add_argument("--opt", default="framnn-opt")
    ap.add_argument("--data-root", default=DATA_ROOT)
    ap.add_argument("--suites", default=",".join(SUITES))
    ap.add_argument("--filter", help="regex on suite/name")
    ap.add_argument("--min-imported", type=int, default=0,
                    help="also fail if fewer models import (a ratchet)")
    ap.add_argument("--top", type=int, default=40,
                    help="reasons to print in the breakdown")
    args = ap.parse_args(argv)

    paths = prepare(args, ("translate", "opt"))
    if paths is None:
        return 2

    t0 = time.monotonic()
    with cf.ThreadPoolExecutor(max_workers=args.jobs) as ex:
        results = list(ex.map(lambda p: classify(p, args), paths))
    elapsed = time.monotonic() - t0

    counts = collections.Counter(r["status"] for r in results)
    by_reason = collections.Counter((r["status"], r["reason"]) for r in results
                                    if r["status"] != "imported")
    by_cat = collections.Counter(category(r["reason"]) for r in results
                                 if r["status"] == "refused")
    by_suite = collections.defaultdict(collections.Counter)
    for r in results:
        by_suite[r["suite"]][r["status"]] += 1

    print(f"ONNX backend test data import census: {len(results)} models, "
          f"{elapsed:.1f}s, {args.jobs} workers")
    print(f"  imported: {counts['imported']}")
    print(f"  refused:  {counts['refused']}")
    print(f"  FAILED:   {counts['FAILED']}")
    for suite in sorted(by_suite):
        c = by_suite[suite]
        print(f"  {suite:<18} imported {c['imported']:4}  refused "
              f"{c['refused']:4}  FAILED {c['FAILED']:3}")
    print("refusals by category: " + ", ".join(
        f"{k} {v}" for k, v in by_cat.most_common()))
    print(f"reasons (top {args.top} of {len(by_reason)}):")
    for (status, reason), n in by_reason.most_common(args.top):
        print(f"  {n:4}  {status:<7} {reason}")
    fails = [r for r in results if r["status"] == "FAILED"]
    if fails:
        print("FAILED models:")
        for r in fails[:args.top]:
            print(f"  {r['suite']}/{r['name']}: {r['reason']}")
            for l in r["stderr"].strip().splitlines()[:3]:
                print(f"      | {l}")
        if len(fails) > args.top:
            print(f"  ... and {len(fails) - args.top} more (see --json)")
    notes = [r for r in results if r.get("note")]
    if notes:
        print(f"note: {len(notes)} imported models wrote to stderr, e.g. "
              f"{notes[0]['suite']}/{notes[0]['name']}")

    if args.json:
        with open(args.json, "w") as f:
            json.dump({"counts": {k: counts[k] for k in ("imported", "refused", "FAILED")},
                       "total": len(results),
                       "seconds": round(elapsed, 1),
                       "supported_ops": sorted(SUPPORTED_OPS),
                       "opset_range": list(OPSET_RANGE),
                       "by_suite": {k: dict(v) for k, v in by_suite.items()},
                       "refusal_categories": dict(by_cat),
                       "reasons": [{"status": s, "reason": r, "count": n}
                                   for (s, r), n in by_reason.most_common()],
                       "models": results}, f, indent=1)

    status = 0
    if counts["FAILED"]:
        status = 1
    if counts["imported"] < args.min_imported:
        print(f"FAIL: only {counts['imported']} models imported, expected at "
              f"least {args.min_imported}", file=sys.stderr)
        status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
