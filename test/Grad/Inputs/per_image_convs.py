"""Exports convs.onnx (mobilenet_v2's first block, reduced: a 3x3 stride-2
convolution, a 1x1 expansion, BatchNorm in training mode, a depthwise
stride-2 convolution, a 1x1 projection) with a batch of 4 32x32 images
and labels, into the directory given."""
import os
import sys

import numpy as np
import torch
import torch.nn as nn

out = sys.argv[1]
torch.manual_seed(0)
model = nn.Sequential(
    nn.Conv2d(3, 16, 3, 2, 1, bias=False),
    nn.Conv2d(16, 96, 1, bias=False), nn.BatchNorm2d(96), nn.ReLU6(),
    nn.Conv2d(96, 96, 3, 2, 1, groups=96, bias=False),
    nn.Conv2d(96, 24, 1, bias=False),
    nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(24, 10)).train()
x = 2 * torch.rand(4, 3, 32, 32) - 1
torch.onnx.export(model, (x,), os.path.join(out, "convs.onnx"),
                  opset_version=13, input_names=["input"],
                  output_names=["logits"],
                  training=torch.onnx.TrainingMode.TRAINING,
                  do_constant_folding=False)
np.save(os.path.join(out, "x.npy"), x.numpy())
np.save(os.path.join(out, "labels.npy"), np.arange(4) * 3 % 10)
