"""Checks #approx.mitchell<compensation = N> bit for bit against an
independent NumPy model of docs/multipliers.md, written on values (frexp,
floor, ldexp), not on bit patterns:

  zero, infinite or NaN operand:  the IEEE product a * b
  otherwise |a| = 2^ea (1 + xa), |b| = 2^eb (1 + xb) (subnormals by value),
  t(y) = floor(y 2^N) / 2^N and
    xa + xb < 1:  2^(ea+eb) (1 + xa + xb + t(xa) t(xb))
    else:         2^(ea+eb) (2 (xa + xb) + t(1 - xa) t(1 - xb))
  rounded once to float32 (nearest even), sign the XOR of the signs.

Inputs: every pair of a list of special values (signed zeros, infinities,
quiet and signalling NaNs, subnormals, the normal limits, carry
boundaries) and 2^20 random pairs (random bit patterns, so every exponent
including overflow and underflow, and random values near 1). Both the C++
scalar reference (approx.mulf of constants, folded by canonicalize) and
the lowering (convert-approx-to-linalg, run by mlir-runner) are compared,
for several N. A NaN result must be a quiet NaN; its payload is not
specified. Sanity checks of the model: without compensation the relative
error lies in [-1/9, 0] (Mitchell's bound), a compensated product lies
between Mitchell's and the exact one, and N = 23 is the IEEE product."""
import sys

import numpy as np

from runner_args import parse_runner_args, run, run_printed

SPECIALS = [0x00000000, 0x80000000, 0x7F800000, 0xFF800000, 0x7FC00000,
            0xFFC00001, 0x7F800001, 0x7FBFFFFF, 0x00000001, 0x80000001,
            0x007FFFFF, 0x00400000, 0x00012345, 0x00800000, 0x80800001,
            0x7F7FFFFF, 0xFF7FFFFF, 0x7F000000, 0x3F800000, 0xBF800000,
            0x3F7FFFFF, 0x3FFFFFFF, 0x3FC00000, 0x3FC00001, 0x3FBFFFFF,
            0x3EAAAAAB, 0x3F400000, 0x1F800000, 0x20000000, 0x5F800000,
            0x0C000000, 0x33000000, 0x33400000, 0x2B000000, 0x4B7FFFFF]


def model(a, b, n):
    """The product of float32 arrays a and b on #approx.mitchell<N>."""
    with np.errstate(all="ignore"):
        ieee = a * b
        a64, b64 = np.abs(a.astype(np.float64)), np.abs(b.astype(np.float64))
        ma, ea = np.frexp(a64)
        mb, eb = np.frexp(b64)
        xa, xb = 2.0 * ma - 1.0, 2.0 * mb - 1.0
        t = lambda y: np.floor(np.ldexp(y, n)) / 2.0 ** n
        s = xa + xb
        sig = np.where(s < 1.0, 1.0 + s + t(xa) * t(xb),
                       2.0 * s + t(1.0 - xa) * t(1.0 - xb))
        mag = np.ldexp(sig, ea + eb - 2).astype(np.float32)
        negative = np.signbit(a) ^ np.signbit(b)
        out = np.where(negative, -mag, mag)
    regular = np.isfinite(a) & np.isfinite(b) & (a != 0) & (b != 0)
    return np.where(regular, out, ieee)


def inputs():
    """The pairs (a, b): all special pairs, then 2^20 random ones."""
    sp = np.array(SPECIALS, dtype=np.uint32)
    a = np.repeat(sp, sp.size)
    b = np.tile(sp, sp.size)
    rng = np.random.default_rng(19)
    half = 1 << 19
    ra = rng.integers(0, 1 << 32, half, dtype=np.uint64).astype(np.uint32)
    rb = rng.integers(0, 1 << 32, half, dtype=np.uint64).astype(np.uint32)
    na = (rng.uniform(1.0, 2.0, half) * rng.choice([-1.0, 1.0], half)).astype(np.float32)
    nb = rng.uniform(0.25, 4.0, half).astype(np.float32)
    a = np.concatenate([a, ra, na.view(np.uint32)]).view(np.float32)
    b = np.concatenate([b, rb, nb.view(np.uint32)]).view(np.float32)
    return a, b


def hex_dense(arr):
    """The 32-bit elements of `arr` (their bits) as a hex dense literal."""
    bits = np.ascontiguousarray(arr).view(np.uint32).astype("<u4")
    return 'dense<"0x' + bits.tobytes().hex().upper() + '">'


def compare(what, got, exp):
    """Mismatches of float32 arrays `got` and `exp` (bits; NaN-ness and a
    quiet bit only for NaNs)."""
    g, e = got.view(np.uint32), exp.view(np.uint32)
    gnan, enan = np.isnan(got), np.isnan(exp)
    quiet = (g & np.uint32(0x00400000)) != 0
    bad = np.where(enan, ~(gnan & quiet), g != e)
    for i in np.nonzero(bad)[0][:10]:
        print(f"{what} element {i}: got 0x{g[i]:08x} expected 0x{e[i]:08x}")
    return int(bad.sum())


def mitchell(n):
    return f"#approx.mitchell<compensation = {n}>" if n else "#approx.mitchell"


def folded(args, a, b, mult):
    """a * b on the multiplier `mult` (text), folded by canonicalize."""
    t = f"tensor<{a.size}xf32>"
    module = (f"func.func @f() -> {t} {{\n"
              f"  %a = arith.constant {hex_dense(a)} : {t}\n"
              f"  %b = arith.constant {hex_dense(b)} : {t}\n"
              f"  %r = approx.mulf {mult} %a, %b : {t}\n"
              f"  return %r : {t}\n}}\n")
    out = run([args.framnn_opt, "--canonicalize",
               "--mlir-print-elementsattrs-with-hex-if-larger=1"], module)
    if "approx.mulf" in out:
        sys.exit("approx.mulf of constants was not folded")
    start = out.index('dense<"0x') + len('dense<"0x')
    data = bytes.fromhex(out[start:out.index('"', start)])
    return np.frombuffer(data, dtype="<u4").view(np.float32)


def emit_i32(name, shape):
    """A function @name that prints the bits of a tensor<shape x f32>."""
    dims = "x".join(map(str, shape))
    t, ti, m = f"tensor<{dims}xf32>", f"tensor<{dims}xi32>", f"memref<{dims}xi32>"
    return [f"func.func @{name}(%r: {t}) {{",
            f"  %i = arith.bitcast %r : {t} to {ti}",
            f"  %m = bufferization.to_buffer %i : {ti} to {m}",
            f"  %u = memref.cast %m : {m} to memref<*xi32>",
            "  call @printMemrefI32(%u) : (memref<*xi32>) -> ()",
            "  return", "}"]


def lowered(args, a, b, mults):
    """One module that multiplies a and b (arguments, so nothing folds) on
    every multiplier of `mults` (texts) and prints the result bits."""
    t, ti = f"tensor<{a.size}xf32>", f"tensor<{a.size}xi32>"
    lines = (["func.func private @printMemrefI32(memref<*xi32>)"] +
             emit_i32("emit", [a.size]) +
             [f"func.func @body(%a: {t}, %b: {t}) {{"])
    for k, mult in enumerate(mults):
        lines += [f"  %r{k} = approx.mulf {mult} %a, %b : {t}",
                  f"  call @emit(%r{k}) : ({t}) -> ()"]
    lines += ["  return", "}", "func.func @main() {",
              f"  %ai = arith.constant {hex_dense(a)} : {ti}",
              f"  %bi = arith.constant {hex_dense(b)} : {ti}",
              f"  %a = arith.bitcast %ai : {ti} to {t}",
              f"  %b = arith.bitcast %bi : {ti} to {t}",
              f"  call @body(%a, %b) : ({t}, {t}) -> ()",
              "  return", "}"]
    pipeline = ("builtin.module(convert-approx-to-linalg,"
                "convert-elementwise-to-linalg,"
                "one-shot-bufferize{bufferize-function-boundaries},"
                "convert-linalg-to-loops,convert-scf-to-cf,expand-strided-metadata,"
                "finalize-memref-to-llvm,convert-arith-to-llvm,convert-index-to-llvm,"
                "convert-cf-to-llvm,convert-func-to-llvm,reconcile-unrealized-casts)")
    return run_printed(args, "\n".join(lines), len(mults),
                       [f"--pass-pipeline={pipeline}"])


def main():
    args = parse_runner_args()

    a, b = inputs()
    bad = compared = 0
    # Mitchell's bound on the model itself: -1/9 <= relative error <= 0.
    with np.errstate(all="ignore"):
        exact = a.astype(np.float64) * b.astype(np.float64)
        ok = np.isfinite(exact) & (np.abs(exact) > 2.0 ** -126) & \
            (np.abs(exact) < 2.0 ** 127)
        rel = (model(a, b, 0)[ok] - exact[ok]) / exact[ok]
    if rel.min() < -1.0 / 9 - 1e-7 or rel.max() > 0:
        print(f"model error outside [-1/9, 0]: {rel.min()} .. {rel.max()}")
        bad += 1
    print(f"model relative error at N=0: {rel.min():.4f} .. {rel.max():.4f}")
    with np.errstate(all="ignore"):
        m0 = model(a, b, 0)[ok].astype(np.float64)
        for n in [1, 5, 12]:
            mn = model(a, b, n)[ok].astype(np.float64)
            if np.any((np.abs(mn) < np.abs(m0)) | (np.abs(mn) > np.abs((a * b)[ok]))):
                print(f"model at N={n} is not between Mitchell's and the exact product")
                bad += 1
    # N = 23 is the exact multiplier.
    with np.errstate(all="ignore"):
        bad += compare("model N=23 vs a*b", model(a, b, 23), a * b)

    ns = [0, 1, 5, 12, 22, 23]
    for n in ns:
        got = folded(args, a, b, mitchell(n))
        bad += compare(f"folded N={n}", got, model(a, b, n))
        compared += got.size
    for n, got in zip(ns, lowered(args, a, b, [mitchell(n) for n in ns])):
        bad += compare(f"lowered N={n}", got, model(a, b, n))
        compared += got.size
    print(f"compared {compared} products, {bad} mismatches")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
