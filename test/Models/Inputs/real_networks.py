"""Exports the issue-14 networks from PyTorch 1.13 (opset 13, dynamic batch,
eval mode) with a random input and PyTorch's output:

  shufflenet   torchvision shufflenet_v2_x0_5(num_classes=10), 3x64x64
  text         Embedding(100, 32) + TransformerEncoder(2 layers of
               TransformerEncoderLayer(32, 4, 64, batch_first=True)) + mean
               over the 7 tokens + Linear(32, 10); int64 token ids in
  vit          VisionTransformer(image_size=32, patch_size=8, num_layers=2,
               num_heads=4, hidden_dim=64, mlp_dim=128, num_classes=10)

and, for each, a "-shape" variant that keeps every shape subgraph but
avoids the elementwise math other parts of the importer provide
(ReduceMean, Pow, Sqrt, Erf): LayerNorms become Identity, GELU becomes ReLU,
means become sums times 1/n, ShuffleNet's global mean becomes
AdaptiveAvgPool2d (GlobalAveragePool). The variants run through `framnn
run` today; the full models need those ops.

usage: real_networks.py OUT_DIR NAME... (writes NAME.onnx, NAME-x.npy,
NAME-ref.npy; for text also NAME-bad.npy with an out-of-range id)
"""
import os
import sys
import warnings

import numpy as np
import torch
import torch.nn as nn
import torchvision

warnings.filterwarnings("ignore")
torch.manual_seed(0)


class Text(nn.Module):
    def __init__(self, shape_only=False):
        super().__init__()
        self.emb = nn.Embedding(100, 32)
        layer = nn.TransformerEncoderLayer(32, 4, 64, batch_first=True)
        self.enc = nn.TransformerEncoder(layer, 2, enable_nested_tensor=False)
        self.fc = nn.Linear(32, 10)
        self.shape_only = shape_only
        if shape_only:
            for l in self.enc.layers:
                # torch reads the norms' parameters: keep the modules, skip
                # their computation.
                l.norm1.forward = l.norm2.forward = lambda h: h

    def forward(self, ids):
        h = self.enc(self.emb(ids))
        h = h.sum(1) * (1.0 / h.shape[1]) if self.shape_only else h.mean(1)
        return self.fc(h)


def shufflenet(shape_only):
    m = torchvision.models.shufflenet_v2_x0_5(num_classes=10)
    if shape_only:
        pool = nn.AdaptiveAvgPool2d(1)

        def forward(x):
            x = m.maxpool(m.conv1(x))
            x = m.conv5(m.stage4(m.stage3(m.stage2(x))))
            return m.fc(torch.flatten(pool(x), 1))
        m.forward = forward
    return m


def vit(shape_only):
    m = torchvision.models.VisionTransformer(
        image_size=32, patch_size=8, num_layers=2, num_heads=4,
        hidden_dim=64, mlp_dim=128, num_classes=10)
    if shape_only:
        m.encoder.ln = nn.Identity()
        for layer in m.encoder.layers:
            layer.ln_1 = nn.Identity()
            layer.ln_2 = nn.Identity()
            layer.mlp[1] = nn.ReLU()
    return m


def make(name):
    shape_only = name.endswith("-shape")
    base = name[:-len("-shape")] if shape_only else name
    if base == "shufflenet":
        model, x = shufflenet(shape_only), torch.randn(2, 3, 64, 64)
    elif base == "vit":
        model, x = vit(shape_only), torch.randn(2, 3, 32, 32)
    elif base == "text":
        model, x = Text(shape_only), torch.randint(0, 100, (3, 7))
    else:
        raise SystemExit(f"unknown model {name}")
    model.eval()
    # Non-trivial BatchNorm statistics so eval mode matters; torchvision
    # zero-initializes ViT's head (and class token), which would hide errors.
    with torch.no_grad():
        for p in model.parameters():
            if not p.any():
                p.normal_(0.0, 0.2)
        for mod in model.modules():
            if isinstance(mod, nn.BatchNorm2d):
                mod.running_mean.uniform_(-0.5, 0.5)
                mod.running_var.uniform_(0.5, 1.5)
    return model, x


def main():
    out = sys.argv[1]
    for name in sys.argv[2:]:
        model, x = make(name)
        path = os.path.join(out, name + ".onnx")
        torch.onnx.export(
            model, x, path, opset_version=13, input_names=["input"],
            output_names=["logits"],
            dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}},
            do_constant_folding=False,
            training=torch.onnx.TrainingMode.PRESERVE)
        # With gradients enabled (as during export) the encoder layers take
        # the same non-fused path that the export traced.
        ref = model(x).detach().numpy().astype(np.float32)
        # The float64 run measures the float32 rounding spread, which sets
        # the tolerance of the comparison (check_real_networks.py).
        x64 = x if x.dtype == torch.int64 else x.double()
        ref64 = model.double()(x64).detach().numpy()
        np.save(os.path.join(out, name + "-ref64.npy"), ref64)
        np.save(os.path.join(out, name + "-x.npy"), x.numpy())
        np.save(os.path.join(out, name + "-ref.npy"), ref)
        if name.startswith("text"):
            bad = x.numpy().copy()
            bad[1, 3] = 100  # one past the embedding table
            np.save(os.path.join(out, name + "-bad.npy"), bad)
            np.save(os.path.join(out, name + "-x32.npy"),
                    x.numpy().astype(np.int32))


if __name__ == "__main__":
    main()
