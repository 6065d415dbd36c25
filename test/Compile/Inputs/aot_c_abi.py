"""Compiles a PyTorch-exported model with `framnn compile --emit obj`, builds
a C program against the generated header and object with gcc, and checks
its output against PyTorch (exact multiplier) or PyTorch with masked
operands (--mantissa-bits)."""
import argparse
import os
import subprocess
import sys

import numpy as np


def trunc(x, m):
    bits = x.view(np.uint32) & np.uint32((0xFFFFFFFF << (23 - m)) & 0xFFFFFFFF)
    return bits.view(np.float32)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--src", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--runtime-lib-dir", required=True)
    ap.add_argument("--mantissa-bits", type=int, default=-1)
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    env = dict(os.environ, PYTHONPATH=os.path.join(args.src, "python"))
    subprocess.run([sys.executable, "-m", "framnn_models", "gen", "--out", args.work, "mlp"],
                   check=True, env=env, capture_output=True)
    model = os.path.join(args.work, "mlp.onnx")
    batch = 3
    cmd = ["framnn", "compile", model, "--emit", "obj", "--batch", str(batch),
           "-o", os.path.join(args.work, "mlp.o")]
    if args.mantissa_bits >= 0:
        cmd += ["--mantissa-bits", str(args.mantissa_bits)]
    subprocess.run(cmd, check=True)
    params = np.load(os.path.join(args.work, "mlp.params.npz"))
    names = list(params.keys())
    rng = np.random.default_rng(3)
    x = rng.standard_normal((batch, 784)).astype(np.float32)

    # C program: arguments in header order (input, parameters, result).
    tensors = [("input", x)] + [(n, params[n]) for n in names]
    lines = ['#include "mlp.h"', "#include <stdio.h>", "#include <stdlib.h>",
             "static float *load(const char *p, long n) {",
             "  float *b = malloc(n * sizeof(float)); FILE *f = fopen(p, \"rb\");",
             "  if (!f || fread(b, sizeof(float), n, f) != (size_t)n) exit(2);",
             "  fclose(f); return b; }",
             "static void fill(void *d, float *data, const long *shape, int r) {",
             "  int64_t *q = (int64_t *)((char *)d + 2 * sizeof(float *));",
             "  ((float **)d)[0] = ((float **)d)[1] = data; q[0] = 0;",
             "  long s = 1; for (int i = r - 1; i >= 0; --i) { q[1 + i] = shape[i];",
             "  q[1 + r + i] = s; s *= shape[i]; } }",
             "int main(void) {"]
    call = []
    for i, (name, t) in enumerate(tensors + [("out", np.zeros((batch, 10), np.float32))]):
        path = os.path.join(args.work, f"t{i}.bin")
        t.astype(np.float32).tofile(path)
        shape = ", ".join(str(d) for d in t.shape)
        lines += [f"  long s{i}[] = {{{shape}}};",
                  f"  framnn_memref_{t.ndim}d_f32 d{i};",
                  f"  fill(&d{i}, load(\"{path}\", {t.size}), s{i}, {t.ndim});"]
        call.append(f"&d{i}")
    out_index = len(tensors)
    lines += [f"  FRAMNN_ENTRY({', '.join(call)});",
              f"  FILE *o = fopen(\"{os.path.join(args.work, 'out.bin')}\", \"wb\");",
              f"  fwrite(d{out_index}.aligned, sizeof(float), {batch * 10}, o); fclose(o);",
              "  return 0; }"]
    main_c = os.path.join(args.work, "main.c")
    with open(main_c, "w") as f:
        f.write("\n".join(lines) + "\n")
    exe = os.path.join(args.work, "main")
    subprocess.run(["gcc", "-O1", "-I", args.work, main_c, os.path.join(args.work, "mlp.o"),
                    "-o", exe, f"-L{args.runtime_lib_dir}", "-lmlir_c_runner_utils",
                    f"-Wl,-rpath,{args.runtime_lib_dir}", "-lm"], check=True)
    subprocess.run([exe], check=True)
    got = np.fromfile(os.path.join(args.work, "out.bin"), dtype=np.float32).reshape(batch, 10)

    # Independent reference: the MLP's Linear layers in float64 over
    # (masked) float32 operands, ReLU between, dropout inactive.
    m = args.mantissa_bits
    q = (lambda a: trunc(a, m)) if m >= 0 else (lambda a: a)
    h = x
    for layer in range(3):
        w, b = params[names[2 * layer]], params[names[2 * layer + 1]]
        h = (q(h).astype(np.float64) @ q(w).astype(np.float64).T + b).astype(np.float32)
        if layer < 2:
            h = np.maximum(h, 0)
    err = np.max(np.abs(got - h) / (np.abs(h) + 1e-3))
    print(f"max relative error {err:.2e}")
    print("PASS" if err < 1e-4 else "FAIL")
    return 0 if err < 1e-4 else 1


if __name__ == "__main__":
    sys.exit(main())
