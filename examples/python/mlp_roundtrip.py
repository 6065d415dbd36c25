# The docs/python.md notebook example: a PyTorch MLP trained in FramNN's
# framnn mode on Fashion-MNIST with the optimal precision schedule, loaded
# back into PyTorch, and its accuracy against multiplier width.
#
#   PYTHONPATH=build/python /usr/bin/python3 examples/python/mlp_roundtrip.py
#
# Cells are separated by "# %%" (VS Code and Jupytext open them as a
# notebook); docs/python.md shows them verbatim, and python/tests/
# test_example.py runs the file with FRAMNN_EXAMPLE_QUICK=1 (10-20 seconds:
# fewer images, epochs and widths) and checks that the docs still match it.

# %%
import json
import os

import matplotlib
matplotlib.use("Agg")                      # files only, no display needed
import matplotlib.pyplot as plt
import numpy as np
import torch
import torch.nn as nn

import framnn
import framnn.torch
from framnn.datasets import fashion_mnist

QUICK = os.environ.get("FRAMNN_EXAMPLE_QUICK") == "1"
OUT = os.environ.get("FRAMNN_EXAMPLE_OUT", "out/python-example")
os.makedirs(OUT, exist_ok=True)

# %%
# The paper's MNIST network: 784-512-512-10, ReLU, dropout 0.5.
class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 512)
        self.fc2 = nn.Linear(512, 512)
        self.fc3 = nn.Linear(512, 10)
        self.drop = nn.Dropout(0.5)

    def forward(self, x):
        x = self.drop(torch.relu(self.fc1(x)))
        x = self.drop(torch.relu(self.fc2(x)))
        return self.fc3(x)


torch.manual_seed(0)
net = MLP()

# %%
# Fashion-MNIST as uint8 arrays (framnn.train divides them by 255).
x_train, y_train = fashion_mnist("train", 2000 if QUICK else 20000)
x_test, y_test = fashion_mnist("test", 1000 if QUICK else 10000)
x_test_float = (x_test.reshape(-1, 784) / 255.0).astype(np.float32)

# %%
# Into FramNN: the parameters keep the state_dict names.
model = framnn.torch.from_module(net, torch.zeros(2, 784))
print(sorted(model.parameters))

# %%
# The optimal schedule over multipliers of 5, 9, 13 and 16 bits (m = 4, 8,
# 12, 15 fraction bits), with its modelled energy-delay gain.
epochs = 2 if QUICK else 5
schedule = framnn.schedule("optimal:4,8,12,15", epochs)
print(schedule["mantissa_bits"], f"modelled EDP gain {schedule['edp_gain']:.2f}x")

# %%
# Training in framnn mode: every forward product on the approximate
# multiplier of the epoch's width, the gradients exact.
trained, history = framnn.train(
    model, (x_train, y_train, x_test, y_test), mode="framnn",
    schedule="optimal:4,8,12,15", epochs=epochs, batch=64, lr=0.01,
    momentum=0.9, seed=0,
    callback=lambda r: print(f"epoch {r['epoch']}  m={r['m']}  "
                             f"loss {r['loss']:.3f}  test {r['test_acc']:.4f}"))

# %%
# Back into PyTorch, and its exact accuracy against FramNN's.
framnn.torch.load_state_dict(net, trained)
net.eval()
with torch.no_grad():
    torch_acc = (net(torch.from_numpy(x_test_float)).argmax(1).numpy()
                 == y_test).mean()
print(f"PyTorch {torch_acc:.4f}   FramNN {history.summary['test_acc_exact']:.4f}")

# %%
# Accuracy against multiplier width: FramNN's compiled model, and PyTorch
# with FramNN's multiplier (framnn.torch.approx_forward) as a reference.
widths = [0, 4, 23] if QUICK else list(range(24))
rows = []
for m in widths:
    framnn_pred = trained.compile(mantissa_bits=m)(x_test_float).argmax(1)
    with framnn.torch.approx_forward(net, m), torch.no_grad():
        torch_pred = net(torch.from_numpy(x_test_float)).argmax(1).numpy()
    rows.append({"mantissa_bits": m, "multiplier_bits": m + 1,
                 "framnn_acc": float((framnn_pred == y_test).mean()),
                 "torch_acc": float((torch_pred == y_test).mean())})
    print(rows[-1])
with open(os.path.join(OUT, "accuracy.json"), "w") as f:
    json.dump({"schedule": history.summary["schedule"], "widths": rows}, f,
              indent=1)

# %%
fig, ax = plt.subplots(figsize=(6, 4))
bits = [r["multiplier_bits"] for r in rows]
ax.plot(bits, [r["framnn_acc"] for r in rows], "o-", label="FramNN")
ax.plot(bits, [r["torch_acc"] for r in rows], "x--",
        label="PyTorch + approx_forward")
ax.set_xlabel("multiplier width w = m + 1 (bits)")
ax.set_ylabel("test accuracy")
ax.set_title("MLP trained in framnn mode, optimal:4,8,12,15")
ax.grid(True, alpha=0.3)
ax.legend()
fig.tight_layout()
fig.savefig(os.path.join(OUT, "accuracy.png"), dpi=120)
print("wrote", os.path.join(OUT, "accuracy.png"))
