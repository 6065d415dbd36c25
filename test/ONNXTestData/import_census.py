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
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import time

import onnx

DATA_ROOT = "/usr/share/libonnx-testdata/data"
SUITES = ("node", "pytorch-converted", "pytorch-operator", "simple")

# ONNX ops the nn dialect models (one nn op each; see
# include/framnn/Dialect/NN/IR/NNOps.td). Keep in sync with the importer.
SUPPORTED_OPS = frozenset("""
    Relu LeakyRelu Sigmoid Tanh Identity Dropout Softmax LogSoftmax
    BatchNormalization Add Sub Mul Div Gemm MatMul Conv MaxPool AveragePool
    GlobalAveragePool Flatten Reshape Transpose Pad Concat Constant
""".split())

OPSET_RANGE = (11, 17)

# Words that make a refusal of a plain model a deliberate, explained limit.
JUSTIFICATIONS = re.compile(
    r"data ?type|dtype|element type|opset|version|attribute|rank|dimension|"
    r"\bdims?\b|\d-d\b|\bshape|constant|initializer|dynamic|input|output|"
    r"mode|broadcast|axis|axes|pads?\b|padding|stride|dilation|group|kernel|"
    r"ceil|count_include_pad|auto_pad|trans[ab]|alpha|beta|ratio|allowzero|"
    r"negative|domain|sparse|empty|zero-size|scalar",
    re.IGNORECASE)

def _subgraphs(node):
    for a in node.attribute:
        if a.type == onnx.AttributeProto.GRAPH:
            yield a.g
        elif a.type == onnx.AttributeProto.GRAPHS:
            yield from a.graphs


def _walk(graph):
    for n in graph.node:
        yield n
        for g in _subgraphs(n):
            yield from _walk(g)


def analyse(path):
    """What the census knows about a model without FramNN."""
    info = {"ops": [], "opset": None, "domains": [], "plain": False,
            "why_not_plain": []}
    try:
        m = onnx.load(path)
    except Exception as e:  # pragma: no cover - the test data loads
        info["why_not_plain"].append(f"onnx.load failed: {e}")
        return info
    for o in m.opset_import:
        if o.domain in ("", "ai.onnx"):
            info["opset"] = o.version
        else:
            info["domains"].append(o.domain)
    nodes = list(_walk(m.graph))
    info["ops"] = sorted({n.op_type if n.domain in ("", "ai.onnx")
                          else f"{n.domain}.{n.op_type}" for n in nodes})
    why = info["why_not_plain"]
    extra = [o for o in info["ops"] if o not in SUPPORTED_OPS]
    if extra:
        why.append("ops outside the supported list: " + ", ".join(extra))
    if info["opset"] is None or not (OPSET_RANGE[0] <= info["opset"] <= OPSET_RANGE[1]):
        why.append(f"opset {info['opset']}")
    if any(n.domain not in ("", "ai.onnx") for n in nodes):
        why.append("non-default op domain")
    # Values flowing between ops must be f32 tensors; initializers and
    # Constant values may also be int64 (ONNX's shape-like operands: Reshape's
    # shape, Pad's pads), which the importer turns into attributes.
    F32, I64 = onnx.TensorProto.FLOAT, onnx.TensorProto.INT64
    name = onnx.TensorProto.DataType.Name
    odd = set()
    for vi in list(m.graph.input) + list(m.graph.output) + list(m.graph.value_info):
        if not vi.type.HasField("tensor_type"):
            why.append(f"non-tensor value '{vi.name}'")
        elif vi.type.tensor_type.elem_type != F32:
            odd.add(name(vi.type.tensor_type.elem_type))
    consts = list(m.graph.initializer)
    for n in nodes:
        if n.op_type == "Constant":
            for a in n.attribute:
                if a.type == onnx.AttributeProto.TENSOR:
                    consts.append(a.t)
                else:
                    why.append(f"Constant with '{a.name}'")
    odd |= {name(t.data_type) for t in consts if t.data_type not in (F32, I64)}
    if odd:
        why.append("tensors that are not f32: " + ", ".join(sorted(odd)))
    info["plain"] = not why
    return info


def _run(cmd, timeout, stdin=None):
    """subprocess.run that reports a timeout instead of raising."""
    try:
        p = subprocess.run(cmd, input=stdin, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=timeout)
        return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace"), False
    except subprocess.TimeoutExpired:
        return None, b"", "", True


def _normalise(line):
    """A reason key for the per-reason breakdown: the text after `error:`,
    with paths, numbers and node/tensor names generalised but op and type
    names kept."""
    s = line.split("error:", 1)[1].strip() if "error:" in line else line.strip()
    s = s.replace(DATA_ROOT, "<data>")
    s = re.sub(r"(?<![\w.])/[\w./-]+", "<path>", s)
    # Node and tensor names are model-specific; op and type names are not.
    s = re.sub(r"\b(node|tensor|input|output|value|initializer)\s+'[^']*'",
               r"\1 '…'", s)
    s = re.sub(r'\b(node|tensor|input|output|value|initializer)\s+"[^"]*"',
               r"\1 '…'", s)
    # Numbers become N, except in "2-D"-style ranks that the message states
    # as the supported case.
    s = re.sub(r"\b\d+\b(?!-D)", "N", s)
    return s


def classify(path, args):
    suite = os.path.basename(os.path.dirname(os.path.dirname(path)))
    name = os.path.basename(os.path.dirname(path))
    rec = {"suite": suite, "name": name, "path": path}
    rec.update(analyse(path))
    t0 = time.monotonic()
    rc, out, err, timed_out = _run([args.translate, "--import-onnx", path],
                                   args.timeout)
    rec["seconds"] = round(time.monotonic() - t0, 3)
    lines = [l for l in err.splitlines() if l.strip()]
    rec["exit"] = rc
    rec["stderr"] = err[-2000:]

    def failed(reason):
        rec["status"], rec["reason"] = "FAILED", reason
        return rec

    if timed_out:
        return failed(f"timeout after {args.timeout}s")
    if rc < 0:
        return failed(f"killed by signal {-rc}")
    if rc == 0:
        if not out.strip():
            return failed("exit 0 but empty output")
        vrc, _, verr, vto = _run([args.opt, "-", "-o", os.devnull],
                                 args.timeout, stdin=out)
        if vto:
            return failed("framnn-opt timed out on the output")
        if vrc != 0:
            first = next((l for l in verr.splitlines() if "error" in l),
                         verr.strip().splitlines()[0] if verr.strip() else "")
            rec["verify_stderr"] = verr[-2000:]
            return failed("output does not verify: " + _normalise(first))
        rec["status"] = "imported"
        rec["reason"] = "imported"
        if lines:
            rec["note"] = "stderr output on success"
        return rec
    # Non-zero exit.
    if rc >= 128:
        return failed(f"exit {rc} (crash?)")
    if len(lines) != 1:
        return failed(f"{len(lines)} stderr lines (want exactly 1)")
    line = lines[0]
    if "error:" not in line:
        return failed("stderr line has no 'error:'")
    if not re.search(r"\bunsupported\b", line, re.IGNORECASE):
        return failed("error is not an 'unsupported' refusal: " + _normalise(line))
    reason = _normalise(line)
    if rec["plain"] and not JUSTIFICATIONS.search(reason):
        return failed("unjustified refusal of a plain f32 model of supported "
                      "ops: " + reason)
    rec["status"], rec["reason"] = "refused", reason
    return rec


def _category(reason):
    """A coarse bucket for a refusal reason."""
    r = reason.lower()
    if "opset" in r:
        return "opset"
    if "data type" in r or "type (only tensors" in r:
        return "data type"
    if re.search(r"unsupported (operator|op)\b|operator domain", r):
        return "operator"
    if "attribute" in r:
        return "attribute"
    if re.search(r"\brank\b|dimension|shape|\d-d\b", r):
        return "rank/shape"
    if re.search(r"\binput\b|\boutput\b|constant|initializer", r):
        return "operand form"
    return "other"


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

    for tool in ("translate", "opt"):
        exe = shutil.which(getattr(args, tool))
        if not exe:
            print(f"error: {getattr(args, tool)} not found", file=sys.stderr)
            return 2
        setattr(args, tool, exe)

    paths = []
    for suite in args.suites.split(","):
        paths += sorted(glob.glob(os.path.join(args.data_root, suite, "*",
                                               "model.onnx")))
    if args.filter:
        rx = re.compile(args.filter)
        paths = [p for p in paths
                 if rx.search("/".join(p.split(os.sep)[-3:-1]))]
    if not paths:
        print(f"error: no models under {args.data_root} "
              "(is libonnx-testdata installed?)", file=sys.stderr)
        return 2

    t0 = time.monotonic()
    with cf.ThreadPoolExecutor(max_workers=args.jobs) as ex:
        results = list(ex.map(lambda p: classify(p, args), paths))
    elapsed = time.monotonic() - t0

    counts = collections.Counter(r["status"] for r in results)
    by_reason = collections.Counter((r["status"], r["reason"]) for r in results
                                    if r["status"] != "imported")
    by_cat = collections.Counter(_category(r["reason"]) for r in results
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
