#!/usr/bin/python3
"""Fashion-MNIST as 3 x 32 x 32 images, for torchvision's ImageNet-style
networks (ResNet-18 ...) with `framnn train/eval --dataset OUT.npz`.

Each 28 x 28 image is zero-padded by 2 pixels on every side (32 x 32) and
repeated over 3 channels. The archive has x_train [60000, 3, 32, 32],
y_train [60000], x_test [10000, 3, 32, 32], y_test [10000] (docs/train.md,
"Datasets"). The pixels are stored as uint8 by default, which framnn reads
as float32 scaled by 1/255 (the same values as --dtype float32 writes,
in a quarter of the space).

    /usr/bin/python3 scripts/make_fmnist32.py -o fmnist32.npz
    /usr/bin/python3 scripts/make_fmnist32.py -o small.npz --train 6000 --test 1000

It also writes, with --model, torchvision.models.resnet18(num_classes=10)
exported for training (torch.onnx.export(..., training=TRAINING), opset 13,
a dynamic batch, no constant folding), whose BatchNormalization nodes
framnn trains with batch statistics.
"""
import argparse
import gzip
import os
import sys

import numpy as np

DEFAULT_DIR = os.environ.get("FRAMNN_FASHION_MNIST_DIR",
                             "/usr/share/datasets/fashion-mnist")


def read_idx(directory, stem):
    for name in (stem + ".gz", stem):
        path = os.path.join(directory, name)
        if os.path.exists(path):
            opener = gzip.open if name.endswith(".gz") else open
            with opener(path, "rb") as f:
                data = f.read()
            dims = data[3]
            shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big")
                     for i in range(dims)]
            return np.frombuffer(data, np.uint8, offset=4 + 4 * dims).reshape(shape)
    sys.exit(f"error: {directory}: missing {stem}[.gz]")


def to32x3(images):
    padded = np.pad(images, ((0, 0), (2, 2), (2, 2)))
    return np.ascontiguousarray(np.repeat(padded[:, None], 3, axis=1))


def export_resnet18(path, seed):
    import torch
    import torchvision
    torch.manual_seed(seed)
    net = torchvision.models.resnet18(num_classes=10)
    net.train()
    torch.onnx.export(net, torch.randn(2, 3, 32, 32), path, opset_version=13,
                      training=torch.onnx.TrainingMode.TRAINING,
                      do_constant_folding=False, input_names=["input"],
                      output_names=["logits"],
                      dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}})


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-o", "--output", required=True, help="the .npz to write")
    ap.add_argument("--fashion-mnist", default=DEFAULT_DIR,
                    help="directory of the four IDX files (default %(default)s)")
    ap.add_argument("--train", type=int, default=0, help="first N training images (0: all)")
    ap.add_argument("--test", type=int, default=0, help="first N test images (0: all)")
    ap.add_argument("--dtype", choices=["uint8", "float32"], default="uint8",
                    help="uint8 pixels (framnn scales them by 1/255) or float32 in [0, 1]")
    ap.add_argument("--model", help="also export resnet18(num_classes=10) for training here")
    ap.add_argument("--seed", type=int, default=0, help="seed of the model's initial weights")
    a = ap.parse_args()

    arrays = {}
    for split, prefix, limit in (("train", "train", a.train), ("test", "t10k", a.test)):
        x = read_idx(a.fashion_mnist, f"{prefix}-images-idx3-ubyte")
        y = read_idx(a.fashion_mnist, f"{prefix}-labels-idx1-ubyte").astype(np.int64)
        if limit:
            x, y = x[:limit], y[:limit]
        x = to32x3(x)
        if a.dtype == "float32":
            x = (x / 255.0).astype(np.float32)
        arrays[f"x_{split}"], arrays[f"y_{split}"] = x, y
    np.savez(a.output, **arrays)
    print(f"wrote {a.output}: " + ", ".join(f"{k} {v.dtype} {list(v.shape)}"
                                          for k, v in arrays.items()))
    if a.model:
        export_resnet18(a.model, a.seed)
        print(f"wrote {a.model}: resnet18(num_classes=10), training export, opset 13")
    return 0


if __name__ == "__main__":
    sys.exit(main())
