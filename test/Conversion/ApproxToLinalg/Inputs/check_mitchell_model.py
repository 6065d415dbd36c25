"""Runs contractions on #approx.mitchell through the whole compiler
(framnn-lower-to-llvm: the approx lowering, tiling and vectorization,
bufferization, LLVM) and mlir-runner, and compares every output with NumPy:
the products from the NumPy model of check_mitchell.py, summed exactly.

The operands have 3 fraction bits and exponents in -2..2 (and some zeros),
so every product has at most 8 significant bits and every sum of them is
exact in float32: the results do not depend on the order in which the
compiled code adds the products, and must match bit for bit. Cases: an
approx.matmul (compensation 0), an approx.batch_matmul (compensation 2,
which cuts the 3-bit fractions), a grouped, strided, dilated approx.conv2d
(compensation 0) and an approx.matmul at compensation 3, which is exact on
these operands: it must equal the exact product."""
import sys

import numpy as np

from check_mitchell import compare, emit_i32, hex_dense, model
from runner_args import parse_runner_args, run_printed


def operands(shape, rng):
    significand = 1.0 + rng.integers(0, 8, shape) / 8.0
    exponent = rng.integers(-2, 3, shape)
    sign = rng.choice([-1.0, 1.0], shape)
    x = sign * np.ldexp(significand, exponent)
    x[rng.random(shape) < 0.1] = 0.0
    return x.astype(np.float32)


def products_sum(a, b, n, axes):
    """sum over `axes` of model(a, b) (broadcast), exactly, as float32."""
    p = model(*np.broadcast_arrays(a, b), n).astype(np.float64)
    return p.sum(axis=axes)


def conv_ref(x, w, acc, n, groups, stride, dilation):
    N, C, H, W = x.shape
    F, Cg, KH, KW = w.shape
    OH, OW = acc.shape[2], acc.shape[3]
    out = acc.astype(np.float64).copy()
    per_group = F // groups
    for f in range(F):
        g = f // per_group
        for oh in range(OH):
            for ow in range(OW):
                hs = oh * stride[0] + dilation[0] * np.arange(KH)
                ws = ow * stride[1] + dilation[1] * np.arange(KW)
                patch = x[:, g * Cg:(g + 1) * Cg][:, :, hs][:, :, :, ws]
                out[:, f, oh, ow] += products_sum(patch, w[f][None], n, (1, 2, 3))
    return out.astype(np.float32)


def main():
    args = parse_runner_args()
    rng = np.random.default_rng(1962)
    a, b, c = operands((5, 16), rng), operands((16, 7), rng), operands((5, 7), rng)
    ba, bb, bc = operands((2, 3, 8), rng), operands((2, 8, 4), rng), operands((2, 3, 4), rng)
    x, w = operands((2, 4, 9, 8), rng), operands((6, 2, 3, 2), rng)
    stride, dilation = (2, 1), (1, 2)
    acc = operands((2, 6, 4, 6), rng)

    cases = [  # (name, tensors, expected)
        ("matmul", (a, b, c),
         (c.astype(np.float64) + products_sum(a[:, :, None], b[None], 0, 1)).astype(np.float32)),
        ("batch_matmul", (ba, bb, bc),
         (bc.astype(np.float64) +
          products_sum(ba[:, :, :, None], bb[:, None], 2, 2)).astype(np.float32)),
        ("conv2d", (x, w, acc), conv_ref(x, w, acc, 0, 2, stride, dilation)),
        ("exact", (a, b, c),
         (c.astype(np.float64) + a.astype(np.float64) @ b.astype(np.float64)).astype(np.float32)),
    ]
    ty = lambda arr: "tensor<" + "x".join(map(str, arr.shape)) + "xf32>"
    tyi = lambda arr: ty(arr).replace("f32>", "i32>")
    ops = [
        "approx.matmul #approx.mitchell %0, %1, %2 : {0}, {1} -> {2}",
        "approx.batch_matmul #approx.mitchell<compensation = 2> %0, %1, %2 : {0}, {1} -> {2}",
        "approx.conv2d #approx.mitchell %0, %1, %2 {{groups = 2, strides = array<i64: 2, 1>, "
        "dilations = array<i64: 1, 2>}} : {0}, {1} -> {2}",
        "approx.matmul #approx.mitchell<compensation = 3> %0, %1, %2 : {0}, {1} -> {2}",
    ]
    lines = ["func.func private @printMemrefI32(memref<*xi32>)"]
    main = []
    for k, ((name, tensors, _), op) in enumerate(zip(cases, ops)):
        types = [ty(t) for t in tensors]
        args_ = ", ".join(f"%t{i}: {types[i]}" for i in range(3))
        body = op.replace("%0", "%t0").replace("%1", "%t1").replace("%2", "%t2")
        lines += [f"func.func @{name}({args_}) -> {types[2]} {{",
                  "  %r = " + body.format(*types),
                  f"  return %r : {types[2]}", "}"]
        lines += emit_i32(f"emit_{name}", tensors[2].shape)
        for i, t in enumerate(tensors):
            main += [f"  %c{k}_{i} = arith.constant {hex_dense(t.view(np.uint32))} : {tyi(t)}",
                     f"  %v{k}_{i} = arith.bitcast %c{k}_{i} : {tyi(t)} to {types[i]}"]
        main += [f"  %r{k} = call @{name}(%v{k}_0, %v{k}_1, %v{k}_2) : "
                 f"({', '.join(types)}) -> {types[2]}",
                 f"  call @emit_{name}(%r{k}) : ({types[2]}) -> ()"]
    lines += ["func.func @main() {"] + main + ["  return", "}"]
    results = run_printed(args, "\n".join(lines), len(cases),
                          ["--framnn-lower-to-llvm"])
    bad = compared = 0
    for got, (name, _, exp) in zip(results, cases):
        bad += compare(name, got, exp.reshape(-1))
        compared += got.size
    # The approximation shows: Mitchell's matmul is not the exact one.
    differs = int(np.sum(cases[0][2] != cases[3][2]))
    print(f"mitchell matmul differs from the exact one in {differs} of {c.size} outputs")
    print(f"compared {compared} outputs, {bad} mismatches")
    return 1 if bad or differs == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
