"""Lowers single nn ops (and approx-multiplier variants) to native code with
framnn-opt's lowering and mlir-runner, and compares every output element
with PyTorch (forward operands of approximate products masked with an
independent NumPy trunc_m). Dynamic batch dimensions are exercised by
passing the batch as `?`."""
import argparse
import json
import subprocess
import sys

import numpy as np
import torch
import torch.nn.functional as F

PIPELINE = ("builtin.module(func.func(convert-nn-to-linalg,convert-approx-to-linalg),"
            "convert-elementwise-to-linalg,one-shot-bufferize{bufferize-function-boundaries},"
            "convert-linalg-to-loops,convert-scf-to-cf,expand-strided-metadata,"
            "lower-affine,finalize-memref-to-llvm,convert-math-to-llvm,convert-arith-to-llvm,"
            "convert-cf-to-llvm,convert-func-to-llvm,reconcile-unrealized-casts)")

rng = np.random.default_rng(1)


def rand(*shape):
    return rng.standard_normal(shape).astype(np.float32)


def trunc(x, m):
    bits = x.view(np.uint32) & np.uint32((0xFFFFFFFF << (23 - m)) & 0xFFFFFFFF)
    return np.where(np.isnan(x), x, bits.view(np.float32))


def t(x):
    return torch.from_numpy(x)


def ttype(shape, dyn_batch):
    dims = ["?" if (i == 0 and dyn_batch) else str(d) for i, d in enumerate(shape)]
    return "tensor<" + "x".join(dims + ["f32"]) + ">"


def arr(a):
    return "dense<" + json.dumps(a.view(np.int32).tolist()) + ">"


def case_module(op_text, inputs, out_shape, dyn):
    """`op_text` uses %a0.. for the inputs; %r is the result."""
    args = ", ".join(f"%a{i}: {ttype(x.shape, dyn[i])}" for i, x in enumerate(inputs))
    in_types = ", ".join(ttype(x.shape, dyn[i]) for i, x in enumerate(inputs))
    rtype = ttype(out_shape, dyn[0])
    n = int(np.prod(out_shape))
    lines = ["func.func private @printMemrefI32(memref<*xi32>)",
             f"func.func @f({args}) -> {rtype} {{",
             "  " + op_text.replace("$IN", in_types).replace("$OUT", rtype),
             f"  return %r : {rtype}", "}", "func.func @main() {"]
    call_args = []
    for i, x in enumerate(inputs):
        st = ttype(x.shape, False)
        it = st.replace("f32", "i32")
        lines += [f"  %c{i} = arith.constant {arr(x)} : {it}",
                  f"  %f{i} = arith.bitcast %c{i} : {it} to {st}",
                  f"  %d{i} = tensor.cast %f{i} : {st} to {ttype(x.shape, dyn[i])}"]
        call_args.append(f"%d{i}")
    rank = len(out_shape)
    reassoc = "[[" + ", ".join(str(i) for i in range(rank)) + "]]"
    flat = ttype([n], False)
    lines += [f"  %res = call @f({', '.join(call_args)}) : ({in_types}) -> {rtype}",
              f"  %s = tensor.cast %res : {rtype} to {ttype(out_shape, False)}",
              f"  %flat = tensor.collapse_shape %s {reassoc} : {ttype(out_shape, False)} into {flat}" if rank > 1
              else f"  %flat = tensor.cast %s : {flat} to {flat}",
              f"  %i = arith.bitcast %flat : {flat} to tensor<{n}xi32>",
              f"  %m = bufferization.to_buffer %i : tensor<{n}xi32> to memref<{n}xi32>",
              f"  %u = memref.cast %m : memref<{n}xi32> to memref<*xi32>",
              "  call @printMemrefI32(%u) : (memref<*xi32>) -> ()",
              "  return", "}"]
    return "\n".join(lines) + "\n"


def cases():
    x4 = rand(2, 4, 9, 9)
    w = rand(6, 4, 3, 3)
    b = rand(6)
    yield ("conv pads/stride", "%r = nn.conv %a0, %a1, %a2 {strides = array<i64: 2, 1>, pads = array<i64: 1, 0, 2, 1>, dilations = array<i64: 1, 1>, group = 1} : ($IN) -> $OUT",
           [x4, w, b], F.conv2d(F.pad(t(x4), (0, 1, 1, 2)), t(w), t(b), stride=(2, 1)))
    wg = rand(6, 2, 3, 3)
    yield ("conv groups/dilation", "%r = nn.conv %a0, %a1 {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 2, 1>, group = 2} : ($IN) -> $OUT",
           [x4, wg], F.conv2d(t(x4), t(wg), None, dilation=(2, 1), groups=2))
    for m in (12, 8, 4, 0):
        yield (f"conv m={m}", "%r = nn.conv %a0, %a1, %a2 {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, group = 1, multiplier = #approx.precision<" + str(m) + ">} : ($IN) -> $OUT",
               [x4, w, b], F.conv2d(t(trunc(x4, m)), t(trunc(w, m)), t(b), padding=1))
    x2 = rand(5, 7)
    yield ("relu", "%r = nn.relu %a0 : $OUT", [x2], F.relu(t(x2)))
    yield ("leaky_relu", "%r = nn.leaky_relu %a0 {alpha = 0.1 : f32} : $OUT", [x2], F.leaky_relu(t(x2), 0.1))
    yield ("sigmoid", "%r = nn.sigmoid %a0 : $OUT", [x2], torch.sigmoid(t(x2)))
    yield ("tanh", "%r = nn.tanh %a0 : $OUT", [x2], torch.tanh(t(x2)))
    yield ("softmax", "%r = nn.softmax %a0 {axis = -1} : $OUT", [x2], F.softmax(t(x2), -1))
    yield ("softmax axis 0", "%r = nn.softmax %a0 {axis = 0} : $OUT", [x2], F.softmax(t(x2), 0))
    yield ("log_softmax", "%r = nn.log_softmax %a0 {axis = 1} : $OUT", [x2], F.log_softmax(t(x2), 1))
    yield ("dropout (inference)", "%r = nn.dropout %a0 {ratio = 0.5 : f32} : $OUT", [x2], t(x2))
    xp = rand(2, 3, 7, 7)
    yield ("max_pool ceil pads", "%r = nn.max_pool %a0 {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, ceil_mode = true} : ($IN) -> $OUT",
           [xp], F.max_pool2d(t(xp), 3, 2, 1, ceil_mode=True))
    yield ("avg_pool include pad", "%r = nn.average_pool %a0 {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, ceil_mode = false, count_include_pad = true} : ($IN) -> $OUT",
           [xp], F.avg_pool2d(t(xp), 3, 2, 1, count_include_pad=True))
    yield ("avg_pool exclude pad ceil", "%r = nn.average_pool %a0 {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, ceil_mode = true, count_include_pad = false} : ($IN) -> $OUT",
           [xp], F.avg_pool2d(t(xp), 2, 2, 1, ceil_mode=True, count_include_pad=False))
    yield ("global_average_pool", "%r = nn.global_average_pool %a0 : ($IN) -> $OUT", [xp], F.adaptive_avg_pool2d(t(xp), 1))
    s, bb, mu, var = rand(3), rand(3), rand(3), np.abs(rand(3)) + 0.5
    yield ("batch_norm", "%r = nn.batch_norm %a0, %a1, %a2, %a3, %a4 {epsilon = 1.0e-05 : f32, momentum = 0.9 : f32} : ($IN) -> $OUT",
           [xp, s, bb, mu, var], F.batch_norm(t(xp), t(mu), t(var), t(s), t(bb), False, 0.1, 1e-5))
    yield ("flatten", "%r = nn.flatten %a0 {axis = 2} : ($IN) -> $OUT", [xp], t(xp).reshape(6, 49))
    yield ("reshape 0,-1", "%r = nn.reshape %a0 {shape = array<i64: 0, -1, 7>, allowzero = false} : ($IN) -> $OUT", [xp], t(xp).reshape(2, 21, 7))
    yield ("transpose", "%r = nn.transpose %a0 {perm = array<i64: 0, 2, 3, 1>} : ($IN) -> $OUT", [xp], t(xp).permute(0, 2, 3, 1))
    xb, yb = rand(4, 3, 5), rand(3, 1)
    for name, fn in (("add", torch.add), ("sub", torch.sub), ("mul", torch.mul), ("div", torch.div)):
        yield (f"{name} broadcast", f"%r = nn.{name} %a0, %a1 : ($IN) -> $OUT", [xb, yb], fn(t(xb), t(yb)))
    yield ("mul m=5", "%r = nn.mul %a0, %a1 {multiplier = #approx.precision<5>} : ($IN) -> $OUT",
           [xb, yb], torch.mul(t(trunc(xb, 5)), t(trunc(yb, 5))))
    yield ("pad constant", "%r = nn.pad %a0 {pads = array<i64: 0, 1, 2, 0, 2, 1>, mode = \"constant\", value = 1.5 : f32} : ($IN) -> $OUT",
           [xb], F.pad(t(xb), (2, 1, 1, 2), value=1.5))
    xr = rand(1, 2, 4, 5)
    yield ("pad reflect", "%r = nn.pad %a0 {pads = array<i64: 0, 0, 2, 1, 0, 0, 1, 3>, mode = \"reflect\", value = 0.0 : f32} : ($IN) -> $OUT",
           [xr], F.pad(t(xr), (1, 3, 2, 1), mode="reflect"))
    yield ("pad edge", "%r = nn.pad %a0 {pads = array<i64: 0, 0, 2, 1, 0, 0, 1, 3>, mode = \"edge\", value = 0.0 : f32} : ($IN) -> $OUT",
           [xr], F.pad(t(xr), (1, 3, 2, 1), mode="replicate"))
    c1, c2 = rand(2, 3, 4), rand(2, 5, 4)
    yield ("concat", "%r = nn.concat %a0, %a1 {axis = 1} : ($IN) -> $OUT", [c1, c2], torch.cat([t(c1), t(c2)], 1))
    a, bt, cg = rand(6, 20), rand(9, 20), rand(9)
    yield ("gemm transB bias", "%r = nn.gemm %a0, %a1, %a2 {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = true} : ($IN) -> $OUT",
           [a, bt, cg], t(a) @ t(bt).T + t(cg))
    at, bn, cm = rand(20, 6), rand(20, 9), rand(6, 9)
    yield ("gemm transA alpha beta", "%r = nn.gemm %a0, %a1, %a2 {alpha = 0.5 : f32, beta = 2.0 : f32, transA = true, transB = false} : ($IN) -> $OUT",
           [at, bn, cm], 0.5 * (t(at).T @ t(bn)) + 2.0 * t(cm))
    for m in (12, 8, 4):
        yield (f"gemm m={m}", "%r = nn.gemm %a0, %a1, %a2 {alpha = 1.0 : f32, beta = 1.0 : f32, transA = false, transB = true, multiplier = #approx.precision<" + str(m) + ">} : ($IN) -> $OUT",
               [a, bt, cg], t(trunc(a, m)) @ t(trunc(bt, m)).T + t(cg))
    m1, m2 = rand(3, 4, 6), rand(6, 5)
    yield ("matmul ND x 2D", "%r = nn.matmul %a0, %a1 : ($IN) -> $OUT", [m1, m2], t(m1) @ t(m2))
    m3 = rand(3, 6, 2)
    yield ("matmul batch", "%r = nn.matmul %a0, %a1 : ($IN) -> $OUT", [m1, m3], t(m1) @ t(m3))
    # numpy.matmul in general: broadcast batch dims (a dynamic batch against
    # a static 1 too), rank 4, 1-D operands.
    b1 = rand(1, 6, 5)
    yield ("matmul batch vs 1", "%r = nn.matmul %a0, %a1 : ($IN) -> $OUT", [m1, b1], t(m1) @ t(b1))
    q1, q2 = rand(2, 3, 4, 6), rand(3, 6, 2)
    yield ("matmul 4d x 3d", "%r = nn.matmul %a0, %a1 : ($IN) -> $OUT", [q1, q2], t(q1) @ t(q2))
    q3 = rand(2, 1, 6, 5)
    yield ("matmul 4d x 4d bcast m=6", "%r = nn.matmul %a0, %a1 {multiplier = #approx.precision<6>} : ($IN) -> $OUT",
           [q1, q3], t(trunc(q1, 6)) @ t(trunc(q3, 6)))
    v = rand(6)
    yield ("matmul 3d x 1d", "%r = nn.matmul %a0, %a1 : ($IN) -> $OUT", [m1, v], t(m1) @ t(v))
    yield ("matmul 1d x 3d", "%r = nn.matmul %a0, %a1 : ($IN) -> $OUT", [v, m3], t(v) @ t(m3))
    yield ("matmul 2d x 3d", "%r = nn.matmul %a0, %a1 : ($IN) -> $OUT", [x2[:, :6].copy(), m3], t(x2[:, :6].copy()) @ t(m3))


def main(case_source=cases):
    ap = argparse.ArgumentParser()
    ap.add_argument("--framnn-opt", required=True)
    ap.add_argument("--runner", required=True)
    ap.add_argument("--runner-utils", required=True)
    args = ap.parse_args()
    failures = 0
    count = 0
    for name, op_text, inputs, ref in case_source():
        count += 1
        ref = ref.detach().numpy().astype(np.float32)
        # Batch-carrying first operand is passed with a dynamic batch dim;
        # parameters (weights, biases) keep static shapes.
        dyn = [i == 0 for i in range(len(inputs))]
        module = case_module(op_text, inputs, ref.shape, dyn)
        lowered = subprocess.run([args.framnn_opt, f"--pass-pipeline={PIPELINE}"], input=module,
                                 capture_output=True, text=True)
        if lowered.returncode != 0:
            print(f"FAIL {name}: lowering failed: {lowered.stderr.strip()[:400]}")
            failures += 1
            continue
        run = subprocess.run([args.runner, "-e", "main", "-entry-point-result=void",
                              f"-shared-libs={args.runner_utils}",
                              f"-shared-libs={args.runner_utils.replace('libmlir_runner', 'libmlir_c_runner')}"], input=lowered.stdout,
                             capture_output=True, text=True)
        rows = [l for l in run.stdout.splitlines() if l.startswith("[")]
        if run.returncode != 0 or len(rows) != 1:
            print(f"FAIL {name}: run failed: {run.stderr.strip()[:400]}")
            failures += 1
            continue
        got = np.array([int(v) for v in rows[0].strip("[]").split(",")],
                       dtype=np.int64).astype(np.uint32).view(np.float32)
        want = ref.reshape(-1)
        if not np.allclose(got, want, rtol=1e-5, atol=1e-5):
            err = np.max(np.abs(got - want))
            print(f"FAIL {name}: max abs error {err}")
            failures += 1
        else:
            print(f"ok {name}")
    print(f"{count} cases, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
