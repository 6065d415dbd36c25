#!/usr/bin/python3
"""Where a ResNet-18 (or LeNet-5) training step's time goes, stage by stage,
against PyTorch on the same stage.

torchvision's resnet18(num_classes=10) (32 x 32 inputs, batch 64, BatchNorm
in training mode) is cut into its stages: the stem (7x7 stride-2 conv, BN,
ReLU, 3x3 stride-2 max-pool), layer1..layer4 (two BasicBlocks each; the
first block of layer2..4 has a stride-2 3x3 conv and a 1x1 stride-2
downsample), plus a global-average-pool and Linear head on each so that it
has a loss. Each stage is exported for training (opset 13) and timed as one
`compiled.grad` (forward and backward, framnn mode) in FramNN and as
forward + backward in PyTorch, on the stage's real input shape. Also a
stage's convolutions alone (BatchNorm and ReLU removed) to split
convolutions from the rest. Prints the median seconds per call and the
ratio, by wall clock or (--cpu-time) by the process's CPU time, which on a
loaded machine measures the work of a --threads 1 run better than the wall
clock does. --forward times the inference call (forward only) instead.

LeNet-5 (framnn_models.models.LeNet5, 1 x 28 x 28 inputs, batch 64) has the
stages lenet5 (the whole network, its own head), lenet5-conv1 (conv 1->6
5x5 padding 2), lenet5-conv2 (conv 6->16 5x5 on 14 x 14) and lenet5-convs
(both with their ReLU and pools: conv2's input gradient too).

    PYTHONPATH=build/python /usr/bin/python3 scripts/profile_resnet18.py --reps 5
    PYTHONPATH=build/python /usr/bin/python3 scripts/profile_resnet18.py \
        --threads 1 --cpu-time --stages lenet5,lenet5-conv1,lenet5-conv2
"""
import argparse
import io
import statistics
import time

import numpy as np
import torch
import torch.nn as nn
import torchvision

import framnn
from framnn_models.models import LeNet5

ap = argparse.ArgumentParser()
ap.add_argument("--reps", type=int, default=5)
ap.add_argument("--threads", type=int, default=2)
ap.add_argument("--mantissa-bits", type=int, default=8)
ap.add_argument("--stages", default="stem,layer1,layer2,layer3,layer4")
ap.add_argument("--cpu-time", action="store_true",
                help="time by the process's CPU time (time.process_time)")
ap.add_argument("--forward", action="store_true",
                help="time the forward pass (inference) instead of the step")
ap.add_argument("--convs-only", action="store_true",
                help="also time each stage with BatchNorm and ReLU removed")
args = ap.parse_args()
torch.set_num_threads(args.threads)
torch.manual_seed(0)
net = torchvision.models.resnet18(num_classes=10)
stem = nn.Sequential(net.conv1, net.bn1, net.relu, net.maxpool)
STAGES = {"stem": (stem, (3, 32, 32)), "layer1": (net.layer1, (64, 8, 8)),
          "layer2": (net.layer2, (64, 8, 8)), "layer3": (net.layer3, (128, 4, 4)),
          "layer4": (net.layer4, (256, 2, 2))}
# Single ops of the network, each on its input shape in the network.
STAGES.update({
    "conv7x7s2": (nn.Conv2d(3, 64, 7, 2, 3, bias=False), (3, 32, 32)),
    "maxpool": (nn.MaxPool2d(3, 2, 1), (64, 16, 16)),
    "bn+relu": (nn.Sequential(nn.BatchNorm2d(64), nn.ReLU()), (64, 8, 8)),
    "conv3x3": (nn.Conv2d(64, 64, 3, 1, 1, bias=False), (64, 8, 8)),
    "conv3x3s2": (nn.Conv2d(64, 128, 3, 2, 1, bias=False), (64, 8, 8)),
    "conv3x3-l4": (nn.Conv2d(512, 512, 3, 1, 1, bias=False), (512, 1, 1)),
})
lenet = LeNet5()
STAGES.update({
    "lenet5": (lenet, (1, 28, 28)),
    "lenet5-conv1": (nn.Conv2d(1, 6, 5, padding=2), (1, 28, 28)),
    "lenet5-conv2": (nn.Conv2d(6, 16, 5), (6, 14, 14)),
    "lenet5-convs": (nn.Sequential(lenet.conv1, nn.ReLU(), nn.MaxPool2d(2), lenet.conv2,
                                   nn.ReLU(), nn.MaxPool2d(2)), (1, 28, 28)),
})
# The stage's output channels (its head's input); None: the stage is a whole
# network with its own head.
OUT = {"lenet5": None, "lenet5-conv1": 6, "lenet5-conv2": 16, "lenet5-convs": 16,
       "conv7x7s2": 64, "maxpool": 64, "bn+relu": 64, "conv3x3": 64, "conv3x3s2": 128,
       "conv3x3-l4": 512, "stem": 64, "layer1": 64, "layer2": 128, "layer3": 256, "layer4": 512}


class Head(nn.Module):
    def __init__(self, body, channels):
        super().__init__()
        self.body, self.fc = body, nn.Linear(channels, 10)

    def forward(self, x):
        return self.fc(torch.flatten(nn.functional.adaptive_avg_pool2d(self.body(x), 1), 1))


def strip(module):
    """The module with BatchNorm and ReLU replaced by identities."""
    for name, child in module.named_children():
        if isinstance(child, (nn.BatchNorm2d, nn.ReLU)):
            setattr(module, name, nn.Identity())
        else:
            strip(child)
    return module


def median_time(fn):
    clock = time.process_time if args.cpu_time else time.perf_counter
    fn()
    times = []
    for _ in range(args.reps):
        t = clock(); fn(); times.append(clock() - t)
    return statistics.median(times)


def profile(name, body, shape):
    channels = OUT[name.split("/")[0]]
    model = (body if channels is None else Head(body, channels)).train()
    x = torch.rand((64,) + shape)
    y = torch.randint(0, 10, (64,))
    buf = io.BytesIO()
    torch.onnx.export(model, (x[:2],), buf, opset_version=13, do_constant_folding=False,
                      training=torch.onnx.TrainingMode.TRAINING, input_names=["input"],
                      output_names=["logits"],
                      dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}})
    compiled = framnn.load(buf.getvalue()).compile(mantissa_bits=args.mantissa_bits,
                                                   threads=args.threads)
    xn, yn = x.numpy(), y.numpy().astype(np.int64)
    if args.forward:
        ours = median_time(lambda: compiled(xn))

        def torch_step():
            with torch.no_grad():
                model(x)
    else:
        ours = median_time(lambda: compiled.grad(xn, yn, mode="framnn"))

        def torch_step():
            model.zero_grad()
            nn.functional.cross_entropy(model(x), y).backward()
    peer = median_time(torch_step)
    print(f"{name:16s} framnn {ours * 1e3:8.1f} ms  pytorch {peer * 1e3:8.1f} ms  "
          f"speed-up {peer / ours:5.2f}x", flush=True)
    return ours, peer


total = [0.0, 0.0]
for stage in args.stages.split(","):
    body, shape = STAGES[stage]
    ours, peer = profile(stage, body, shape)
    total[0] += ours; total[1] += peer
    if args.convs_only:
        import copy
        profile(stage + "/convs", strip(copy.deepcopy(body)), shape)
print(f"{'sum':16s} framnn {total[0] * 1e3:8.1f} ms  pytorch {total[1] * 1e3:8.1f} ms  "
      f"speed-up {total[1] / total[0]:5.2f}x")
