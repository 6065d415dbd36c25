#!/usr/bin/python3
"""Peer baseline in the style of ../shared/peers: PyTorch CPU training of
torchvision's resnet18(num_classes=10) on Fashion-MNIST padded to 32x32 and
repeated to 3 channels (SGD+momentum, batch 64, BatchNorm in training mode).
Reads the same .npz that `framnn train --dataset` reads (x_train, y_train,
x_test, y_test; scripts/make_fmnist32.py writes it), or builds the data from
the IDX files. Prints seconds per epoch and test accuracy."""
import argparse, gzip, struct, time
import numpy as np, torch, torch.nn as nn, torchvision
D = "/usr/share/datasets/fashion-mnist/"
def idx(p):
    b = gzip.open(p).read(); magic, n = struct.unpack(">II", b[:8])
    return np.frombuffer(b, np.uint8, offset=16).reshape(n, 1, 28, 28) if magic == 2051 else np.frombuffer(b, np.uint8, offset=8)
def pad32(x):  # N x 1 x 28 x 28 uint8 -> N x 3 x 32 x 32 float32 in [0, 1]
    x = np.pad(x.astype(np.float32) / 255, ((0, 0), (0, 0), (2, 2), (2, 2)))
    return np.repeat(x, 3, axis=1)
ap = argparse.ArgumentParser(); ap.add_argument("--npz"); ap.add_argument("--epochs", type=int, default=1)
ap.add_argument("--batch", type=int, default=64); ap.add_argument("--limit", type=int, default=60000)
ap.add_argument("--lr", type=float, default=0.01); ap.add_argument("--momentum", type=float, default=0.9)
ap.add_argument("--threads", type=int, default=2)
a = ap.parse_args(); torch.set_num_threads(a.threads); torch.manual_seed(0)
if a.npz:
    d = np.load(a.npz); xs, ys, xt, yt = d["x_train"], d["y_train"], d["x_test"], d["y_test"]
else:
    xs, ys = pad32(idx(D + "train-images-idx3-ubyte.gz")), idx(D + "train-labels-idx1-ubyte.gz")
    xt, yt = pad32(idx(D + "t10k-images-idx3-ubyte.gz")), idx(D + "t10k-labels-idx1-ubyte.gz")
X, Y = torch.tensor(xs[:a.limit], dtype=torch.float32), torch.tensor(ys[:a.limit], dtype=torch.int64)
Xt, Yt = torch.tensor(xt, dtype=torch.float32), torch.tensor(yt, dtype=torch.int64)
net = torchvision.models.resnet18(num_classes=10)
opt = torch.optim.SGD(net.parameters(), lr=a.lr, momentum=a.momentum)
for ep in range(a.epochs):
    net.train(); t0 = time.perf_counter(); perm = torch.randperm(len(X))
    for i in range(0, len(X) - a.batch + 1, a.batch):  # the last partial batch is dropped, as framnn train does
        j = perm[i:i + a.batch]; opt.zero_grad()
        loss = nn.functional.cross_entropy(net(X[j]), Y[j]); loss.backward(); opt.step()
    dt = time.perf_counter() - t0; net.eval()
    with torch.no_grad(): acc = sum((net(Xt[k:k + 1000]).argmax(1) == Yt[k:k + 1000]).sum().item() for k in range(0, len(Xt), 1000)) / len(Xt)
    print(f"epoch {ep} net resnet18 samples {len(X)} seconds {dt:.2f} test_acc {acc:.4f}", flush=True)
