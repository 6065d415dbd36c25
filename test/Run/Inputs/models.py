"""Whole models through `framnn run`: the PyTorch-exported LeNet-5, the
paper's MLP and the zoo's small CNN (BatchNorm, average pooling, a grouped
dilated conv, a residual Add, GlobalAveragePool; opset 13, dynamic batch,
python/framnn_models), at batch sizes 1 and 17 (the dynamic batch is
specialised per run).

* m = 23 and no precision flag: equal to the torch module's output
  (rtol 1e-4, atol 1e-5), and to each other bit for bit.
* m in {12, 8, 4}: compared with a masked forward written here with
  torch.nn.functional, independently of FramNN: before every conv/linear the
  weights and the incoming activations are masked with runlib.trunc
  (bias exact), the layer is evaluated in float64 on those binary32 values
  and its result rounded to binary32, as FramNN stores activations
  (BatchNorm stays exact: it is not among the default approximated ops).

Tolerance at m < 23. FramNN sums products in its own order, so an
activation can differ from the reference by an ulp; when that ulp crosses a
truncation boundary the next layer sees a value 2^-m (relatively) apart, and
the deviation propagates. That is legitimate (DESIGN section 7: deep
networks flip truncation boundaries when only the summation order differs),
and rare. So the comparison is two-tier:
  - tight: |got - ref| <= 2e-5 * (|ref| + scale) for at least 95% of the
    logits, and all but one at least (scale = max |ref| of the batch);
  - loose: every logit within 2^-m * scale * 2 (a flipped boundary moves an
    output by far less than that, while mistaking m for m+-1 or ignoring
    the multiplier does not pass the tight tier; the test checks its power:
    the exact (m = 23) output and the masked forwards at m - 1 and m + 1
    must fail the tight tier at each m < 23).
"""
import argparse
import concurrent.futures as cf
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(__file__))
import runlib  # noqa: E402

sys.path.insert(0, os.path.join(runlib.SRC_ROOT, "python"))
from framnn_models.export import export_model  # noqa: E402
from framnn_models.models import build_model  # noqa: E402

BATCHES = (1, 17)
APPROX_M = (12, 8, 4)
TIGHT_RTOL = 2e-5
TIGHT_FRACTION = 0.95


def need_tight(size):
    """Logits that must pass the tight tier: 95%, but at least one outlier
    is always admitted (batch 1 has only 10 logits)."""
    return size - max(1, int((1 - TIGHT_FRACTION) * size))


def masked(x, m):
    """binary32 tensor -> masked binary32 values, as float64 torch tensor."""
    return torch.from_numpy(runlib.trunc(x.detach().numpy().astype(np.float32), m)
                            .astype(np.float64))


def to32(x):
    """Round a float64 torch tensor to binary32 (FramNN's activations)."""
    return x.to(torch.float32)


def linear(x, layer, m):
    w = masked(layer.weight, m)
    b = layer.bias.detach().to(torch.float64)
    return to32(F.linear(masked(x, m), w) + b)


def conv(x, layer, m):
    w = masked(layer.weight, m)
    b = layer.bias.detach().to(torch.float64)
    y = F.conv2d(masked(x, m), w, None, stride=layer.stride,
                 padding=layer.padding, dilation=layer.dilation,
                 groups=layer.groups)
    return to32(y + b[None, :, None, None])


def forward_mlp(net, x, m):
    # Dropout is the identity at inference.
    h = F.relu(linear(x, net.fc1, m))
    h = F.relu(linear(h, net.fc2, m))
    return linear(h, net.fc3, m)


def forward_lenet5(net, x, m):
    h = F.max_pool2d(F.relu(conv(x, net.conv1, m)), 2)
    h = F.max_pool2d(F.relu(conv(h, net.conv2, m)), 2)
    h = torch.flatten(h, 1)
    h = F.relu(linear(h, net.fc1, m))
    h = F.relu(linear(h, net.fc2, m))
    return linear(h, net.fc3, m)


def batch_norm(x, bn):
    # Inference BatchNorm (exact: not among the default approximated ops).
    c = lambda v: v.detach().to(torch.float64)[None, :, None, None]  # noqa: E731
    y = (x.to(torch.float64) - c(bn.running_mean)) / torch.sqrt(c(bn.running_var) + bn.eps)
    return to32(y * c(bn.weight) + c(bn.bias))


def conv_nobias(x, layer, m):
    w = masked(layer.weight, m)
    return to32(F.conv2d(masked(x, m), w, None, stride=layer.stride,
                         padding=layer.padding, dilation=layer.dilation,
                         groups=layer.groups))


def forward_smallcnn(net, x, m):
    h = F.relu(batch_norm(conv_nobias(x, net.conv1, m), net.bn1))
    h = F.avg_pool2d(h, 2)
    h = F.relu(h + batch_norm(conv(h, net.conv2, m), net.bn2))
    h = torch.sigmoid(conv(h, net.conv3, m))
    h = torch.flatten(F.adaptive_avg_pool2d(h, 1), 1)
    return linear(h, net.fc, m)


FORWARD = {"mlp": forward_mlp, "lenet5": forward_lenet5,
           "smallcnn": forward_smallcnn}


def make_input(rng, name, batch, in_shape):
    # Pixel-like values in [0, 1) with a third exact zeros (as in MNIST).
    x = rng.random((batch,) + tuple(in_shape)).astype(np.float32)
    x[rng.random(x.shape) < 0.33] = 0.0
    return x


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--framnn", default="framnn")
    ap.add_argument("--tmp", required=True)
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--models", default="mlp,lenet5,smallcnn")
    args = ap.parse_args()
    os.makedirs(args.tmp, exist_ok=True)
    torch.set_num_threads(1)
    rng = np.random.default_rng(11)
    report = runlib.Report("whole models vs PyTorch")

    jobs, refs = [], {}
    for name in args.models.split(","):
        path = os.path.join(args.tmp, f"{name}.onnx")
        net = export_model(name, path)          # opset 13, dynamic batch
        net_again, in_shape = build_model(name)  # same seed: same parameters
        for batch in BATCHES:
            x = make_input(rng, name, batch, in_shape)
            xin = os.path.join(args.tmp, f"{name}.b{batch}.input.npy")
            np.save(xin, x)
            with torch.no_grad():
                refs[(name, batch, "torch")] = net(torch.from_numpy(x)).numpy()
                for m in sorted({23} | {m + d for m in APPROX_M for d in (-1, 0, 1)}):
                    refs[(name, batch, m)] = FORWARD[name](
                        net_again, torch.from_numpy(x), m).numpy()
            for m in (None, 23) + APPROX_M:
                jobs.append((name, path, batch, xin, m))

    def run(job):
        name, path, batch, xin, m = job
        out = os.path.join(args.tmp, f"{name}.b{batch}.m{m}.npy")
        try:
            return job, runlib.run_or_raise(path, [xin], out, framnn=args.framnn,
                                            mantissa_bits=m), None
        except Exception as e:
            return job, None, str(e)

    with cf.ThreadPoolExecutor(max_workers=args.jobs) as ex:
        results = list(ex.map(run, jobs))
    got = {}
    for (name, _, batch, _, m), y, err in results:
        what = f"{name} batch {batch} " + ("exact (no flag)" if m is None else f"m={m}")
        if err:
            report.check(False, f"{what}: {err}")
            continue
        want = refs[(name, batch, "torch")]
        if y.shape != want.shape or y.dtype != np.float32:
            report.check(False, f"{what}: got {y.dtype} {y.shape}, want float32 {want.shape}")
            continue
        got[(name, batch, m)] = y
        if m is None or m == 23:
            # The plain torch module (float32, its own summation order).
            err_max = float(np.max(np.abs(y - want)))
            report.check(np.allclose(y, want, rtol=1e-4, atol=1e-5),
                         f"{what} vs torch: max abs error {err_max:.3g}")
            # The independent masked forward at m = 23 is exact too.
            ref = refs[(name, batch, 23)]
            report.check(np.allclose(y, ref, rtol=1e-4, atol=1e-5),
                         f"{what} vs float64 reference forward: max abs error "
                         f"{float(np.max(np.abs(y - ref))):.3g}")
            continue
        ref = refs[(name, batch, m)]
        scale = float(np.max(np.abs(ref)))
        dev = np.abs(y.astype(np.float64) - ref)
        tight = dev <= TIGHT_RTOL * (np.abs(ref) + scale)
        need = need_tight(tight.size)
        report.check(int(tight.sum()) >= need,
                     f"{what}: {int(tight.sum())}/{tight.size} logits within "
                     f"rtol {TIGHT_RTOL} of the masked reference "
                     f"(need {need}), max |err|/scale {dev.max() / scale:.3g}")
        loose = 2.0 * 2.0 ** -m * scale
        report.check(bool(np.all(dev <= loose)),
                     f"{what}: every logit within 2^-m*2*scale ({loose:.3g}); "
                     f"max {dev.max():.3g}")
        # Power: the exact output, and the outputs at m - 1 and m + 1, must
        # fail the tight tier at this m.
        for other in (23, m - 1, m + 1):
            wrong = refs[(name, batch, other)]
            p = int((np.abs(wrong - ref) <= TIGHT_RTOL * (np.abs(ref) + scale)).sum())
            report.check(p < need,
                         f"{what}: the output at m={other} would pass the tight "
                         f"tier on only {p}/{ref.size} logits")
    for name in args.models.split(","):
        for batch in BATCHES:
            a, b = got.get((name, batch, None)), got.get((name, batch, 23))
            if a is not None and b is not None:
                report.check(a.tobytes() == b.tobytes(),
                             f"{name} batch {batch}: --mantissa-bits 23 == no flag (bytes)")
    return report.finish()


if __name__ == "__main__":
    sys.exit(main())
