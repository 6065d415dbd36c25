"""Shared helpers for the scripts over the ONNX backend test data
(import_census.py, conformance.py): where the data lives, what the census
knows about a model without FramNN (`analyse`), and the census
classification of a model by `framnn-translate --import-onnx`
(`classify`: imported / refused / FAILED). See import_census.py for the
classification rules.
"""

import glob
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
    Clip Erf Pow Sqrt Neg Reciprocal Log ReduceMean ReduceMax
    LayerNormalization
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


def run_tool(cmd, timeout, stdin=None):
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


def case_name(path):
    """(suite, case) of DATA_ROOT/<suite>/<case>/model.onnx."""
    return (os.path.basename(os.path.dirname(os.path.dirname(path))),
            os.path.basename(os.path.dirname(path)))


def find_models(data_root=DATA_ROOT, suites=SUITES, filter_rx=None):
    """model.onnx paths of the test data, sorted per suite; `filter_rx`
    (a regex) is searched in "suite/case"."""
    paths = []
    for suite in suites:
        paths += sorted(glob.glob(os.path.join(data_root, suite, "*",
                                               "model.onnx")))
    if filter_rx:
        rx = re.compile(filter_rx)
        paths = [p for p in paths if rx.search("/".join(case_name(p)))]
    return paths


def classify(path, args, keep_output=False):
    """Imports `path` with args.translate (verifying with args.opt, each
    bounded by args.timeout) and returns the census record: status
    imported/refused/FAILED, reason, analyse() fields. With `keep_output`
    an imported model's MLIR text is kept under the key "mlir" (not meant
    for JSON reports)."""
    suite, name = case_name(path)
    rec = {"suite": suite, "name": name, "path": path}
    rec.update(analyse(path))
    t0 = time.monotonic()
    rc, out, err, timed_out = run_tool([args.translate, "--import-onnx", path],
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
        vrc, _, verr, vto = run_tool([args.opt, "-", "-o", os.devnull],
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
        if keep_output:
            rec["mlir"] = out.decode("utf-8", "replace")
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


def category(reason):
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


def prepare(args, tools):
    """Resolves each tool option named in `tools` to an executable on PATH
    and finds the models the arguments select. Prints one error line and
    returns None when a tool or the test data is missing."""
    for tool in tools:
        exe = shutil.which(getattr(args, tool))
        if not exe:
            print(f"error: {getattr(args, tool)} not found", file=sys.stderr)
            return None
        setattr(args, tool, exe)
    paths = find_models(args.data_root, args.suites.split(","), args.filter)
    if not paths:
        print(f"error: no models under {args.data_root} "
              "(is libonnx-testdata installed?)", file=sys.stderr)
        return None
    return paths
