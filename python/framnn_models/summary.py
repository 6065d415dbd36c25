"""A short human-readable summary of an nn module printed by
``framnn-translate --import-onnx``: op counts and parameters with shapes.

It reads the MLIR text (generic or custom form) with regular expressions; it
is a report for people, not a parser the tests rely on for numbers.
"""

import collections
import re

_OP = re.compile(r'^\s*(?:%[\w#:, %]+=\s*)?"?([a-z_][\w]*\.[\w.]+)"?[\s(<{@]')
_GLOBAL = re.compile(
    r'ml_program\.global\s+(?:[a-z]+\s+)*@(?:"((?:[^"\\]|\\.)*)"|([\w.$-]+))')
_TYPE = re.compile(r':\s*tensor<([^>]*)>\s*$')


def _shape(tensor_body):
    parts = tensor_body.split("x")
    return parts[:-1], parts[-1]


def summarize(text, title="module"):
    ops = collections.Counter()
    params = []
    for line in text.splitlines():
        g = _GLOBAL.search(line)
        if g:
            name = g.group(1) if g.group(1) is not None else g.group(2)
            t = _TYPE.search(line)
            dims, elt = _shape(t.group(1)) if t else (["?"], "?")
            params.append((name, dims, elt))
            continue
        m = _OP.match(line)
        if m and not line.lstrip().startswith(("//", "#")):
            ops[m.group(1)] += 1
    total = 0
    out = [f"== {title}"]
    nn_ops = {k: v for k, v in ops.items() if k.startswith("nn.")}
    out.append("  nn ops: " + (", ".join(f"{k} x{v}" for k, v in sorted(nn_ops.items()))
                               or "(none)"))
    out.append(f"  parameters ({len(params)}):")
    for name, dims, elt in params:
        n = 1
        for d in dims:
            n = n * int(d) if d.isdigit() else n
        total += n
        out.append(f"    {name:<24} {'x'.join(dims) or 'scalar'} {elt}  ({n} values)")
    out.append(f"  total parameter values: {total}")
    return "\n".join(out)
