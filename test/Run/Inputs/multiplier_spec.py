"""`framnn run --multiplier SPEC` against an independent NumPy model of the
rounding families of docs/multipliers.md, on one product per output (a
MatMul of [n,1] by [1,k]: out[i,j] = fl32(round(a[i]) * round(b[j])), lhs
element i is operand 0 at position i, rhs element j operand 1 at position
j), so every result is checked bit for bit:

* rne:M -- each operand rounded to M fraction bits, ties to even, modelled
  on values (frexp, numpy's round-half-even), not on bit patterns;
* stochastic:M[:seed=S] -- check_stochastic.stochastic_ref, the value model
  of the lowering tests (test/Conversion/ApproxToLinalg);
* trunc:M -- runlib.trunc, and the same bits as --mantissa-bits M;
* mitchell[:N] -- check_mitchell.model, the value model of the Mitchell
  lowering tests (frexp, floor, ldexp);
* the attribute form `#approx.precision<M, nearest_even>` is rne:M.

Power: two seeds give different results, one seed the same twice, and every
family differs from the others and from the exact products at M < 23.
"""
import argparse
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper

HERE = os.path.dirname(__file__)
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "..", "Conversion", "ApproxToLinalg",
                                "Inputs"))
import runlib  # noqa: E402
from check_mitchell import model as mitchell_ref  # noqa: E402
from check_stochastic import stochastic_ref  # noqa: E402


def make_model(path, k):
    """Only the batch is dynamic (the runtime's rule)."""
    f = TensorProto.FLOAT
    vi = helper.make_tensor_value_info
    graph = helper.make_graph(
        [helper.make_node("MatMul", ["a", "b"], ["y"])], "one_product",
        [vi("a", f, ["n", 1]), vi("b", f, [1, k])], [vi("y", f, ["n", k])])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    onnx.checker.check_model(model, full_check=True)
    onnx.save(model, path)


def operand(rng, count):
    """Normal values with exponents -20..20, every fraction bit random, and
    values exactly halfway at m = 8 (ties) of both parities."""
    sign = rng.integers(0, 2, count, dtype=np.uint32) << np.uint32(31)
    exp = (rng.integers(-20, 21, count) + 127).astype(np.uint32) << np.uint32(23)
    frac = rng.integers(0, 1 << 23, count, dtype=np.uint32)
    bits = sign | exp | frac
    bits[:4] = [0x3F808000, 0x3F818000, 0xBF808000, 0x3F7FC000]  # m=8 ties
    bits[4:6] = [0x00000000, 0x80000000]
    return bits.view(np.float32)


def reference(spec, a, b):
    if spec.startswith("mitchell"):
        n = int(spec.split(":")[1]) if ":" in spec else 0
        return mitchell_ref(a[:, None], b[None, :], n)
    family, m, *rest = spec.split(":")
    m = int(m)
    if family == "rne":
        ra, rb = runlib.rne(a, m), runlib.rne(b, m)
    elif family == "trunc":
        ra, rb = runlib.trunc(a, m), runlib.trunc(b, m)
    else:
        seed = int(rest[0].split("=")[1]) if rest else 0
        ra, rb = stochastic_ref(a, m, seed, 0), stochastic_ref(b, m, seed, 1)
    with np.errstate(all="ignore"):
        return (ra[:, None].astype(np.float32) * rb[None, :]).astype(np.float32)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--framnn", default="framnn")
    ap.add_argument("--tmp", required=True)
    args = ap.parse_args()
    rng = np.random.default_rng(19)
    n, k = 40, 24
    model = os.path.join(args.tmp, "one.onnx")
    make_model(model, k)
    a, b = operand(rng, n), operand(rng, k)
    inputs = runlib.save_inputs(args.tmp, "ab", [a[:, None], b[None, :]])
    report = runlib.Report("multiplier specs")

    def run(name, options):
        out = os.path.join(args.tmp, name + ".npy")
        return runlib.run_or_raise(model, inputs, out, framnn=args.framnn,
                                   extra=options)

    got = {}
    for spec in ["rne:8", "rne:0", "rne:15", "trunc:8", "stochastic:8",
                 "stochastic:8:seed=1", "stochastic:8:seed=2",
                 "stochastic:3:seed=1", "stochastic:15:seed=7", "mitchell",
                 "mitchell:4", "mitchell:12"]:
        out = got[spec] = run(spec.replace(":", "_"), ["--multiplier", spec])
        want = reference(spec, a, b)
        runlib.check_elements(
            report, f"--multiplier {spec}: {{}}/{{}} products bit-exact",
            runlib.bits_equal(out, want), out, want,
            lambda i, j: f"a={runlib.describe(a[i])} b={runlib.describe(b[j])}")

    same = lambda x, y: bool(runlib.bits_equal(x, y).all())  # noqa: E731
    short = run("m8", ["--mantissa-bits", "8"])
    report.check(same(short, got["trunc:8"]),
                 "--multiplier trunc:8 and --mantissa-bits 8 give the same bits")
    attr = run("attr", ["--multiplier", "#approx.precision<8, nearest_even>"])
    report.check(same(attr, got["rne:8"]),
                 "--multiplier '#approx.precision<8, nearest_even>' is rne:8")
    again = run("again", ["--multiplier", "stochastic:8:seed=1"])
    report.check(same(again, got["stochastic:8:seed=1"]),
                 "stochastic:8:seed=1 twice gives the same bits")
    for x, y in [("stochastic:8:seed=1", "stochastic:8:seed=2"),
                 ("stochastic:8", "stochastic:8:seed=1"),
                 ("rne:8", "trunc:8"), ("rne:8", "stochastic:8:seed=1"),
                 ("mitchell", "mitchell:4"), ("mitchell:12", "rne:15")]:
        report.check(not same(got[x], got[y]), f"{x} and {y} differ")
    exact = run("exact", ["--multiplier", "exact"])
    report.check(same(exact, reference("trunc:23", a, b)),
                 "--multiplier exact gives the exact products")
    report.check(not same(exact, got["rne:15"]), "rne:15 is not exact")
    report.check(not same(exact, got["mitchell:12"]), "mitchell:12 is not exact")
    attr = run("mitchell_attr",
               ["--multiplier", "#approx.mitchell<compensation = 4>"])
    report.check(same(attr, got["mitchell:4"]),
                 "--multiplier '#approx.mitchell<compensation = 4>' is mitchell:4")
    return report.finish()


if __name__ == "__main__":
    sys.exit(main())
